"""Verdicts of a feature against control lines (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地 …).

Measuring the overlap is geometry work (core/overlap/engine.py); turning measured areas into a verdict is
plan work and lives here, driven by the rule file's ``control_lines`` section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.apptypes import applies
from ..model.ruleset import RuleSet
from ..model.units import fmt
from ..model.vocab import ENLARGE, VERDICT_EN
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


SOURCE_NOTE = {"inferred": ("解释", "interpretation"), "outside": ("规划外依据", "outside the plan")}


def source_note(rule: dict) -> tuple[str, str]:
    """'（解释：…）' for a rule that interprets the plan, '（规划外依据：…）' for one resting on an outside text."""
    src = rule.get("source")
    if src not in SOURCE_NOTE:
        return "", ""
    zh, en = SOURCE_NOTE[src]
    reason = rule.get("reason", "")
    return f"（{zh}：{reason}）", f" ({en}: {reason})"


def _mining_rule(rule: dict, app_type: str | None, part: str) -> dict:
    """The mining rule for an application type; ``part`` = 'added' for the enlarged part of 扩大范围."""
    new, existing = rule.get("mining") or {}, rule.get("mining_existing")
    if part == "added" or existing is None:
        return new
    if applies(new, app_type) and app_type != ENLARGE:
        return new
    return existing if applies(existing, app_type) else new


def _exploration_rule(rs: RuleSet, rule: dict, ov: CategoryOverlap, core_overlaps, min_area: float):
    """(rule, note zh, note en) for exploration: a core zone (核心保护区) overlap is the core rule; without a
    zoning attribute the note says the core zone could not be checked."""
    core_cfg = rs.data["control_lines"].get("core_zone") or {}
    base = rule["exploration"]
    if ov.cat_id not in (core_cfg.get("categories") or []) or "exploration_core" not in rule:
        return base, "", ""
    core = (core_overlaps or {}).get(ov.cat_id)
    if core is None:
        return base, "；图层无核心保护区/一般控制区属性，未能核查是否位于核心保护区", \
            "; the layer has no core/general zoning attribute: the core zone could not be checked"
    if core >= min_area:
        return rule["exploration_core"], f"；其中核心保护区 {fmt(core, 2)} 平方米", f"; {fmt(core, 2)} m² in the core zone"
    return base, "；未压覆核心保护区（位于一般控制区）", "; not in the core zone (general control zone)"


def _judge_one(rs, rule, ov, act, app_type, min_area, added, core_overlaps):
    """[(verdict, zh, en, clause)] for one category's overlap."""
    pct = f"{ov.pct:.2f}%" if ov.pct is not None else "—"
    ids = _ids_text(ov.ids)
    name_en = rule.get("name_en", ov.name) if ov.cat_id in ("eco", "farm", "urban", "reserve") else ov.name
    out = []
    if act == EXPLORATION:
        r, note_zh, note_en = _exploration_rule(rs, rule, ov, core_overlaps, min_area)
        parts = [(r, ov.area_m2, "", "", note_zh, note_en)]
    elif app_type == ENLARGE and added is not None:
        a_add = min(added, ov.area_m2)
        parts = []
        if a_add >= min_area:
            parts.append((_mining_rule(rule, app_type, "added"), a_add, "新增部分", "the added part ", "", ""))
        if ov.area_m2 - a_add >= min_area:
            parts.append((_mining_rule(rule, app_type, "kept"), ov.area_m2 - a_add, "原有部分", "the existing part ", "",
                          ""))
    else:
        parts = [(_mining_rule(rule, app_type, "whole"), ov.area_m2, "", "", "", "")]
    for r, area, who_zh, who_en, note_zh, note_en in parts:
        v = CONFLICT if r["verdict"] in (CONFLICT, FAIL) else r["verdict"]
        src_zh, src_en = source_note(r)
        out.append((v, f"{who_zh}压覆{ov.name} {fmt(area, 2)} 平方米（占本要素 {pct}；图斑 {ids}）——{r.get('text', '')}"
                       f"{note_zh}，判定{v}{src_zh}",
                    f"{who_en}overlaps {name_en} by {fmt(area, 2)} m² ({pct} of the feature; patches "
                    f"{', '.join(map(str, ov.ids[:8]))}{' …' if len(ov.ids) > 8 else ''}){note_en} → {VERDICT_EN.get(v, v)}{src_en}",
                    r["clause"]))
    return out


def judge_overlaps(rs: RuleSet, overlaps: list, activity: str | None, has_geometry: bool = True,
                   min_area: float | None = None, app_type: str | None = None, added_overlaps: dict | None = None,
                   core_overlaps: dict | None = None) -> CheckResult:
    """``overlaps``: CategoryOverlap per given category (area 0 when none). ``added_overlaps``: category → m²
    of the part an enlargement (扩大范围) adds; ``core_overlaps``: category → m² inside a core zone (None for a
    category whose layer has no zoning attribute)."""
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
        if ov.area_m2 < min_area:
            slivers_zh.append(f"{ov.name} {fmt(ov.area_m2, 3)} 平方米")
            slivers_en.append(f"{ov.name} {fmt(ov.area_m2, 3)} m²")
            continue
        added = (added_overlaps or {}).get(ov.cat_id) if added_overlaps is not None else None
        for v, z, e, cl in _judge_one(rs, category_rule(rs, ov.cat_id), ov, act, app_type, min_area, added,
                                      core_overlaps):
            verdicts.append(v)
            zh.append(z)
            en.append(e)
            clauses.append(cl)
    verdict = worst(verdicts) if verdicts else OK
    if not verdicts:
        zh.append("未压覆所给控制线")
        en.append("no overlap with the given control lines")
        clauses.append(base_clause)
    if slivers_zh:
        zh.append(f"微小重叠（< {fmt(min_area)} 平方米，视为接边，不计冲突）：{'、'.join(slivers_zh)}")
        en.append(f"slivers below {fmt(min_area)} m² (shared edges, not a conflict): {', '.join(slivers_en)}")
    return CheckResult(verdict, "；".join(zh), "; ".join(en), "; ".join(dict.fromkeys(clauses)),
                       {"conflict": 1 if verdict == CONFLICT else 0})
