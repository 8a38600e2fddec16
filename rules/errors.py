"""Bilingual errors of the rules engine (no QGIS import)."""
from __future__ import annotations


class RuleSetError(Exception):
    """A rule file (or a value checked against it) is unusable.

    Carries a Chinese and an English message plus the location (file, line, key path) so that the
    processing layer can show ``灵宝.yaml 第12行 minimum_scale.rows[3].large: …`` instead of a traceback.
    """

    def __init__(self, message_zh: str, message_en: str, path: str | None = None,
                 line: int | None = None, key: str | None = None):
        self.message_zh = message_zh
        self.message_en = message_en
        self.path = path
        self.line = line
        self.key = key
        super().__init__(self.text())

    def location(self, lang: str = "zh") -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.line:
            parts.append(f"第{self.line}行" if lang == "zh" else f"line {self.line}")
        if self.key:
            parts.append(self.key)
        return (" " if lang == "zh" else ", ").join(parts)

    def text(self) -> str:
        zh_loc = self.location("zh")
        en_loc = self.location("en")
        zh = f"{zh_loc}：{self.message_zh}" if zh_loc else self.message_zh
        en = f"{en_loc}: {self.message_en}" if en_loc else self.message_en
        return f"{zh} / {en}"


class InputValueError(ValueError):
    """A plain input value (unit, number, scale label…) cannot be interpreted."""

    def __init__(self, message_zh: str, message_en: str):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh} / {message_en}")
