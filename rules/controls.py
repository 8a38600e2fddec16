"""Verdicts of a feature against control lines (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地 …).

Measuring the overlap is geometry work (core/overlap.py); turning measured areas into a verdict is
plan work and lives here, driven by the rule file's ``control_lines`` section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .ruleset import RuleSet
from .units import fmt
from .verdicts import ARGUE, CONFLICT, EXPLORATION, FAIL, MINING, NO_GEOMETRY, OK, CheckResult, worst


@dataclass
class CategoryOverlap:
    cat_id: str          # eco, farm, urban, reserve, other_1 …
    name: str            # 生态保护红线 / layer name for "other"
    area_m2: float
    pct: float | None
    ids: list = field(default_factory=list)


def category_rule(rs: RuleSet, cat_id: str) -> dict:
    rule = rs.control_category(cat_id)
    if rule is None:
        rule = rs.control_category("other")
    if rule is None:
        rule = {"id": "other", "name": "其他管控要素", "name_en": "other constraint",
                "mining": {"verdict": ARGUE, "clause": rs.data["control_lines"]["clause"]},
                "exploration": {"verdict": ARGUE, "clause": rs.data["control_lines"]["clause"]}}
    return rule


def _ids_text(ids, limit=8):
    ids = [str(i) for i in ids]
    if len(ids) > limit:
        return "、".join(ids[:limit]) + f" 等{len(ids)}个"
    return "、".join(ids)


def judge_overlaps(rs: RuleSet, overlaps: list, activity: str | None, has_geometry: bool = True,
                   min_area: float | None = None) -> CheckResult:
    """``overlaps``: list of CategoryOverlap (one per given category, area 0 when none)."""
    base_clause = rs.data["control_lines"]["clause"]
    if not has_geometry:
        return CheckResult(NO_GEOMETRY, "要素无几何（空或 NULL），无法判定压覆情况",
                           "the feature has no geometry (NULL or empty): overlap cannot be judged",
                           base_clause, {"conflict": 0})
    if min_area is None:
        min_area = rs.min_overlap_area()
    act = activity if activity in (MINING, EXPLORATION) else MINING
    verdicts, zh, en, clauses = [], [], [], []
    slivers_zh, slivers_en = [], []
    for ov in overlaps:
        if ov.area_m2 <= 0:
            continue
        rule = category_rule(rs, ov.cat_id)
        pct = f"{ov.pct:.2f}%" if ov.pct is not None else "—"
        if ov.area_m2 < min_area:
            slivers_zh.append(f"{ov.name} {fmt(ov.area_m2, 3)} 平方米")
            slivers_en.append(f"{ov.name} {fmt(ov.area_m2, 3)} m²")
            continue
        r = rule[act]
        v = CONFLICT if r["verdict"] in (CONFLICT, FAIL) else r["verdict"]
        verdicts.append(v)
        clauses.append(r["clause"])
        ids = _ids_text(ov.ids)
        zh.append(f"压覆{ov.name} {fmt(ov.area_m2, 2)} 平方米（占本要素 {pct}；图斑 {ids}）——{r.get('text', '')}"
                  f"，判定{v}")
        en.append(f"overlaps {rule.get('name_en', ov.name) if ov.cat_id in ('eco', 'farm', 'urban', 'reserve') else ov.name} "
                  f"by {fmt(ov.area_m2, 2)} m² ({pct} of the feature; patches {', '.join(map(str, ov.ids[:8]))}"
                  f"{' …' if len(ov.ids) > 8 else ''}) → {v}")
    verdict = worst(verdicts) if verdicts else OK
    if not verdicts:
        zh.append("未压覆所给控制线")
        en.append("no overlap with the given control lines")
        clauses.append(base_clause)
    if slivers_zh:
        zh.append(f"微小重叠（< {fmt(min_area)} 平方米，视为接边，不计冲突）：{'、'.join(slivers_zh)}")
        en.append(f"slivers below {fmt(min_area)} m² (shared edges, not a conflict): {', '.join(slivers_en)}")
    if activity not in (MINING, EXPLORATION) and verdicts:
        zh.append("未注明勘查或开采，按新建矿山审查")
        en.append("activity not given: judged as a new mine")
    seen = []
    for c in clauses:
        if c not in seen:
            seen.append(c)
    return CheckResult(verdict, "；".join(zh), "; ".join(en), "; ".join(seen),
                       {"conflict": 1 if verdict == CONFLICT else 0})
