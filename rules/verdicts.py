"""Verdict codes, their order, and parsing of plain input values (pure Python).

Verdict and status values are fixed Chinese codes: they are data, not UI text, and are never
translated.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

# overlap (压覆) verdicts
OK = "符合"
CONFLICT = "冲突"
ARGUE = "需论证"
NO_GEOMETRY = "无几何"
# rule-check verdicts
FAIL = "不符合"
NO_NEW = "不得新建"
MANUAL = "需人工核查"

VERDICT_EN = {OK: "compliant", CONFLICT: "conflict", ARGUE: "needs justification",
              NO_GEOMETRY: "no geometry", FAIL: "non-compliant", NO_NEW: "no new mine allowed",
              MANUAL: "manual check needed"}

# Severity used to combine verdicts (higher = worse).
_SEVERITY = {OK: 0, NO_GEOMETRY: 1, ARGUE: 1, MANUAL: 1, CONFLICT: 2, FAIL: 2, NO_NEW: 2}


def severity(verdict: str) -> int:
    return _SEVERITY.get(verdict, 1)


def review_verdict(verdict: str) -> str:
    """Map any check's verdict onto the review's three codes 符合 / 不符合 / 需论证."""
    s = severity(verdict)
    return FAIL if s == 2 else (ARGUE if s == 1 else OK)


def worst(verdicts) -> str:
    verdicts = [v for v in verdicts if v]
    if not verdicts:
        return OK
    return max(verdicts, key=severity)


@dataclass
class CheckResult:
    """What every check returns: a verdict, reasons in both languages, and the clauses applied."""

    verdict: str
    reason: str
    reason_en: str
    clause: str
    values: dict = field(default_factory=dict)


# ---- activity ---------------------------------------------------------------------------------------
MINING = "mining"
EXPLORATION = "exploration"

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


def parse_number(value):
    """Return (number or None, problem or None). Accepts numbers and numeric text with thousands
    separators or full-width digits; NULL/empty → (None, None)."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, "not a number"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None, "not a number"
        return float(value), None
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
    if not s or s.casefold() in ("null", "none", "nan"):
        return None, None
    if _NUM.match(s):
        return float(s), None
    return None, "not a number"
