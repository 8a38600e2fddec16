"""Units of quantities used in plans and registers (pure Python).

``parse_unit("矿石万吨/年")`` → Unit(dimension="mass", factor=1e4, basis="ore").
Mass is kept in tonnes, volume in cubic metres, power in MW, energy in joules.
Converting mass ↔ volume, or ore ↔ mineral/metal, is refused: it needs a density or a grade.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import InputValueError

_BASIS_WORDS = [
    ("矿石量", "ore"), ("矿石", "ore"), ("ore", "ore"),
    ("矿物量", "mineral"), ("矿物", "mineral"), ("mineral", "mineral"),
    ("金属量", "metal"), ("金属", "metal"), ("metal", "metal"),
]
_BASIS_ZH = {"ore": "矿石", "mineral": "矿物", "metal": "金属", "volume": "", "power": "", "energy": ""}

_PREFIX = {"": 1.0, "百": 1e2, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8}

# base word → (dimension, factor to base unit, implied basis)
_BASE = {
    "吨": ("mass", 1.0, None), "t": ("mass", 1.0, None), "kt": ("mass", 1e3, None),
    "mt": ("mass", 1e6, None),
    "千克": ("mass", 1e-3, None), "公斤": ("mass", 1e-3, None), "kg": ("mass", 1e-3, None),
    "克": ("mass", 1e-6, None), "g": ("mass", 1e-6, None),
    "立方米": ("volume", 1.0, None), "m3": ("volume", 1.0, None), "方": ("volume", 1.0, None),
    "立方": ("volume", 1.0, None),
    "mw": ("power", 1.0, None), "兆瓦": ("power", 1.0, None), "kw": ("power", 1e-3, None),
    "千瓦": ("power", 1e-3, None),
    "焦耳": ("energy", 1.0, None), "j": ("energy", 1.0, None),
}
_BASE_ORDER = sorted(_BASE, key=len, reverse=True)
_PREFIX_ORDER = sorted(_PREFIX, key=len, reverse=True)
_PER_YEAR = re.compile(r"(/年|/a|/y|/yr|每年|/annum|peryear|/year)$")


@dataclass(frozen=True)
class Unit:
    dimension: str
    factor: float
    basis: str | None
    text: str
    per_year: bool = False

    def describe(self) -> str:
        return self.text


def normalise_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).strip().lower()
    return s.replace("³", "3").replace(" ", "").replace("／", "/").replace("·", "")


def parse_unit(text) -> Unit:
    if text is None or not str(text).strip():
        raise InputValueError("单位为空", "the unit is empty")
    raw = str(text)
    s = normalise_text(raw)
    per_year = False
    m = _PER_YEAR.search(s)
    if m:
        per_year = True
        s = s[: m.start()]
    basis = None
    for word, b in _BASIS_WORDS:
        if s.startswith(word):
            basis = b
            s = s[len(word):]
            break
        if s.endswith(f"({word})"):
            basis = b
            s = s[: -len(word) - 2]
            break
    for prefix in _PREFIX_ORDER:
        if not s.startswith(prefix):
            continue
        rest = s[len(prefix):]
        if rest in _BASE:
            dim, factor, implied = _BASE[rest]
            if basis is None and rest in ("千克", "公斤", "kg", "克", "g"):
                implied = "metal"  # kilograms and grams only occur for metal (gold, silver) content
            return Unit(dim, factor * _PREFIX[prefix], basis or implied, raw.strip(), per_year)
    raise InputValueError(f"无法识别的单位“{raw}”（可用：吨、万吨、立方米、万立方米，可加“矿石/矿物/金属”及“/年”）",
                          f"unrecognised unit '{raw}' (use t, 万吨, m3, 万立方米, optionally with "
                          f"矿石/矿物/金属 and /年)")


def convert(value: float, src, dst) -> float:
    """Convert ``value`` from unit ``src`` to unit ``dst`` (Unit or text)."""
    a = src if isinstance(src, Unit) else parse_unit(src)
    b = dst if isinstance(dst, Unit) else parse_unit(dst)
    if a.dimension != b.dimension:
        names = {"mass": ("质量", "mass"), "volume": ("体积", "volume"), "power": ("功率", "power"),
                 "energy": ("能量", "energy")}
        raise InputValueError(
            f"单位“{a.text}”（{names[a.dimension][0]}）不能换算为“{b.text}”（{names[b.dimension][0]}），需要体重（密度）才能换算",
            f"cannot convert '{a.text}' ({names[a.dimension][1]}) to '{b.text}' ({names[b.dimension][1]}): "
            f"that needs a density")
    if a.basis and b.basis and a.basis != b.basis:
        raise InputValueError(
            f"单位“{a.text}”按{_BASIS_ZH[a.basis]}量计，而“{b.text}”按{_BASIS_ZH[b.basis]}量计，需要品位才能换算",
            f"'{a.text}' counts {a.basis} but '{b.text}' counts {b.basis}: that needs a grade")
    return value * a.factor / b.factor


def fmt(value: float | None, digits: int = 4) -> str:
    """Human number: 9 → '9', 0.6 → '0.6', 12.3456789 → '12.3457'.

    Rounding never makes a number look like a rounder one it is not: 8.9999999 is '8.9999999', not '9'
    (a reason would read "9 低于 9"), 0.00001 is '0.00001', not '0'. Digits are added (up to 12) while
    the rounded text drops all the digits asked for and differs from the value; float noise
    (0.30000000000000004) still reads '0.3'."""
    if value is None:
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    if v != v or v in (float("inf"), float("-inf")):
        return str(v)
    d = digits
    while True:
        text = f"{v:.{d}f}"
        short = text.rstrip("0").rstrip(".") if "." in text else text
        exact = abs(float(short) - v) <= 1e-9 * max(abs(v), 1e-300)
        # the rounding dropped every decimal asked for (8.99999999 → '9', 0.00001 → '0'): show more
        rounded_away = len(short.split(".")[1]) if "." in short else 0
        if exact or d >= 12 or rounded_away >= d:
            break
        d += 1
    return short if short not in ("-0", "") else "0"
