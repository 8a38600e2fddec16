"""Text that was read with the wrong encoding (乱码) and text that must fit a byte limit — pure Python.

Chinese shapefiles are usually GBK; without a ``.cpg`` file QGIS 3.22 reads them as UTF-8 and every
undecodable byte becomes U+FFFD (``金矿`` → ``����``): every mineral would then be "unknown" and every
verdict 需人工核查, silently. The other way round (a UTF-8 file declared GBK) gives rare CJK characters
(``金矿`` → ``閲戠熆``), and a GBK or UTF-8 file read as Latin-1 gives ``½ð¿ó`` / ``é‡‘çŸ¿``.
:func:`mojibake` recognises all three and says which encoding the file probably has.

:func:`clip_bytes` cuts a text to a byte limit (dBase: 254 bytes per value) at a character boundary and
marks the cut explicitly.
"""
from __future__ import annotations

import codecs

REPLACEMENT = "\ufffd"
TRUNCATION_MARK = "…[截断/truncated]"
_LATIN_MOJIBAKE = set(range(0x80, 0x100)) - {0xB0, 0xB2, 0xB3, 0xB7, 0xD7, 0xF7, 0xB1, 0xB5}   # ° ² ³ · × ÷ ± µ


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def _outside_gb2312(ch: str) -> bool:
    """A CJK character that GB2312 (everyday mainland text) does not have: its GBK bytes lie outside
    A1–F7/A1–FE. UTF-8 read as GBK is made of such characters (閲 戠 熆)."""
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return True
    return len(b) == 2 and not (0xA1 <= b[0] <= 0xF7 and 0xA1 <= b[1] <= 0xFE)


def mojibake(text) -> tuple[str, str] | None:
    """(probable encoding of the file, the text read that way or '') when ``text`` looks like 乱码, else None.

    * U+FFFD in the text: bytes that were not valid in the encoding used — a GBK file read as UTF-8
      (the text cannot be recovered: the encoding must be set on the layer);
    * Latin-1 characters that are the bytes of Chinese text (``½ð¿ó`` → GBK ``金矿``; ``é‡‘çŸ¿`` → UTF-8);
    * rare CJK characters that are the bytes of UTF-8 text read as GBK (``閲戠熆`` → ``金矿``)."""
    if not isinstance(text, str) or not text or text.isascii():
        return None         # ASCII has no U+FFFD, no Latin-1 bytes and no CJK: none of the cases below
    if REPLACEMENT in text:       # undecodable bytes; rare CJK around them: UTF-8 read as GBK
        rare = any(_outside_gb2312(ch) for ch in text if _cjk(ch))
        return ("UTF-8" if rare else "GBK"), ""
    if sum(1 for ch in text if ord(ch) in _LATIN_MOJIBAKE) >= 2:
        for single in ("latin-1", "cp1252"):
            try:
                raw = text.encode(single)
            except UnicodeEncodeError:
                continue
            for enc in ("utf-8", "gbk"):
                try:
                    fixed = raw.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _cjk(fixed):
                    return ("UTF-8" if enc == "utf-8" else "GBK"), fixed
    if _cjk(text) and any(_outside_gb2312(ch) for ch in text if _cjk(ch)):
        try:
            fixed = text.encode("gbk").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        if fixed != text and _cjk(fixed):
            return "UTF-8", fixed
    return None


def python_codec(name: str | None, system: str = "utf-8") -> str | None:
    """A QGIS/Qt encoding name ('System', 'GBK', 'UTF-8', 'CP936' …) → a Python codec name, or None when
    Python does not know it. 'System' is the locale's encoding (``system``)."""
    if not name or name.strip().lower() in ("system", "locale"):
        name = system
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def unencodable(text: str, codec: str) -> str | None:
    """The first character of ``text`` that ``codec`` cannot write, or None."""
    try:
        text.encode(codec)
        return None
    except UnicodeEncodeError as exc:
        return text[exc.start]


def clip_bytes(text: str, limit: int, codec: str = "utf-8", mark: str = TRUNCATION_MARK) -> tuple[str, bool]:
    """(text, False) when it fits ``limit`` bytes in ``codec``; else (the longest prefix that fits with
    ``mark`` appended, cut at a character boundary, True)."""
    if len(text.encode(codec, errors="replace")) <= limit:
        return text, False
    room = limit - len(mark.encode(codec, errors="replace"))
    if room <= 0:
        return mark.encode(codec, errors="replace")[:limit].decode(codec, errors="ignore"), True
    return prefix_in_bytes(text, room, codec) + mark, True


def prefix_in_bytes(text: str, limit: int, codec: str = "utf-8") -> str:
    """The longest prefix of ``text`` within ``limit`` bytes in ``codec`` (never half a character)."""
    out, used = [], 0
    for ch in text:
        n = len(ch.encode(codec, errors="replace"))
        if used + n > limit:
            break
        out.append(ch)
        used += n
    return "".join(out)


__all__ = ["REPLACEMENT", "TRUNCATION_MARK", "clip_bytes", "mojibake", "prefix_in_bytes", "python_codec",
           "unencodable"]
