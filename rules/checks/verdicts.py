"""Verdict codes, their order, and parsing of plain input values (pure Python).

Verdict and status values are fixed Chinese codes: they are data, not UI text, and are never
translated.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..model.vocab import (  # noqa: F401 - re-exported: the codes are defined once, in vocab
    ARGUE,
    CONFLICT,
    EXPLORATION,
    FAIL,
    MANUAL,
    MINING,
    NO_GEOMETRY,
    NO_NEW,
    NOT_APPLICABLE,
    NOT_CHECKED,
    OK,
    VERDICT_EN,
    final_of,
    severity,
)


def worst(verdicts) -> str:
    """The most severe of several verdicts of ONE check (combining checks is rules.checks.decision's job)."""
    verdicts = [v for v in verdicts if v]
    if not verdicts:
        return OK
    return max(verdicts, key=severity)


review_verdict = final_of


@dataclass
class CheckResult:
    """What every check returns: a verdict, reasons in both languages, and the clauses applied."""

    verdict: str
    reason: str
    reason_en: str
    clause: str
    values: dict = field(default_factory=dict)


# ---- activity ---------------------------------------------------------------------------------------

_MINING_WORDS = ("采矿", "开采", "采", "mining", "mine", "c", "ck", "采矿权", "新立采矿权", "mining right")
_EXPL_WORDS = ("探矿", "勘查", "探", "exploration", "explore", "t", "tk", "探矿权", "新立探矿权", "exploration right")


def parse_activity(value) -> str | None:
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if not s or s in ("null", "none"):
        return None
    if s in _MINING_WORDS or any(w in s for w in ("采矿", "开采", "mining")):
        return MINING
    if s in _EXPL_WORDS or any(w in s for w in ("探矿", "勘查", "勘探", "exploration")):
        return EXPLORATION
    return None


# ---- reserve scale ----------------------------------------------------------------------------------
_SCALE_WORDS = {
    "大型": ("大型", "大", "large", "l", "大型矿山", "大型矿床", "特大型", "超大型", "very large"),
    "中型": ("中型", "中", "medium", "m", "中型矿山", "中型矿床"),
    "小型": ("小型", "小", "small", "s", "小型矿山", "小型矿床"),
}


def parse_scale(value) -> str | None:
    """大型/中型/小型 (also 大/中/小, large/medium/small); None for empty; raises ValueError for
    anything else (e.g. 中小型, which names two classes)."""
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value)).strip().casefold().replace(" ", "")
    if not s or s in ("null", "none", "/", "-"):
        return None
    for canonical, words in _SCALE_WORDS.items():
        if s in words:
            return canonical
    raise ValueError(value)


# ---- numbers ----------------------------------------------------------------------------------------
_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


NOT_A_NUMBER = "not a number"
NOT_FINITE = "not a finite number"


def parse_number(value):
    """Return (number or None, problem or None). Accepts numbers and numeric text with thousands
    separators or full-width digits; NULL/empty → (None, None). Never returns a non-finite number: NaN,
    ±inf and text that overflows a float ("1e400", a 400-digit integer) are a problem like "inf" is,
    not a value that passes every comparison."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, NOT_A_NUMBER
    if isinstance(value, (int, float)):
        try:
            f = float(value)
        except OverflowError:            # an integer beyond the float range
            return None, NOT_FINITE
        if not math.isfinite(f):
            return None, NOT_FINITE
        return f, None
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
    if not s or s.casefold() in ("null", "none"):
        return None, None
    if s.casefold().lstrip("+-") in ("nan", "inf", "infinity"):
        return None, NOT_FINITE
    if _NUM.match(s):
        f = float(s)
        return (f, None) if math.isfinite(f) else (None, NOT_FINITE)
    return None, NOT_A_NUMBER


# ---- mining method ------------------------------------------------------------------------------------
UNDERGROUND, OPEN_PIT, COMBINED = "地下", "露天", "联合"
_METHOD_WORDS = {
    UNDERGROUND: ("地下", "地下开采", "井下", "井下开采", "坑采", "坑道开采", "地采", "underground", "ug"),
    OPEN_PIT: ("露天", "露天开采", "露采", "露天采矿", "openpit", "open-pit", "opencast", "open pit", "surface"),
    COMBINED: ("联合", "露天地下联合", "露天+地下", "地下+露天", "露天/地下", "露天、地下", "combined"),
}


def parse_method(value) -> str | None:
    """地下 / 露天 / 联合 (also 井下, 露采, underground, open pit …); None for empty; raises ValueError otherwise."""
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if not s or s in ("null", "none"):
        return None
    for canonical, words in _METHOD_WORDS.items():
        if s in words or s.replace(" ", "") in words:
            return canonical
    raise ValueError(value)
