"""The plan's clause references (第五章第二节 三, 总则 …): their order and merging (pure Python).

One place for the chapter-number parser, the sort key in the plan's own order and the "a; b" lists of
clauses a check cites (split on "; ", each once, first met first).
"""
from __future__ import annotations

import re

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"[一二三四五六七八九十\d]+"
# 第N章 and an optional 第N节 (group 1, 2); a trailing Chinese numeral (the section's item, group 3)
CLAUSE_RE = re.compile(rf"第({_N})章(?:第({_N})节)?\s*([一二三四五六七八九十]*)")


def numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 12 → 12 (the plan's chapter and section numbers); '' → 0."""
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return _NUMERALS.get(text, 0)


def clause_order(clause: str) -> tuple:
    """Sort key: 总则 first, then by 章, 节, item — in the plan's own order (the clause itself breaks ties)."""
    m = CLAUSE_RE.match(clause)
    if not m:
        return (0 if clause.startswith("总则") else 99, 0, 0, clause)
    return (numeral(m.group(1)), numeral(m.group(2) or ""), numeral(m.group(3) or ""), clause)


def chapter_key(clause: str) -> tuple:
    """Coarser key: (章, 节) of the first reference anywhere in ``clause``; 总则 → (0, 0), none → (99, 0)."""
    m = CLAUSE_RE.search(clause or "")
    if not m:
        return (0 if (clause or "").startswith("总则") else 99, 0)
    return (numeral(m.group(1)), numeral(m.group(2) or ""))


def merge_clauses(*texts) -> list:
    """The clauses of ``texts`` (each None, '' or "a; b"), split on "; ", stripped, each once, in order."""
    out: list = []
    for text in texts:
        for part in (text or "").split("; "):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out
