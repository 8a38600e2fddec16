"""Where a new right may be set (设置区域) — pure Python.

The rule file's ``siting_rules`` say, per activity and application type, which planning zones a new right
must lie in (a new mining right: 开采规划区块 or 集中开采区; a new exploration right: 勘查规划区块) or that it
must lie within the vertical projection of existing rights of the same mineral (深部或上部扩界). The
geometry (shares) is measured on the QGIS side; this module judges it. ``mineplan:sitingareas`` asks the same
rules which zones to offer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .apptypes import applies, type_label
from .ruleset import ROLE_NAMES, RuleSet
from .verdicts import MANUAL, NOT_APPLICABLE, NOT_CHECKED, OK, CheckResult, parse_scale, worst
from .vocab import ENLARGE


@dataclass
class SitingFacts:
    """What the QGIS side measured for one feature (or, for 扩大范围, its added part)."""

    role_shares: dict = field(default_factory=dict)   # role → share (0–1) of the feature inside zones of that role
    roles_given: tuple = ()
    same_mineral_share: float | None = None           # share inside existing rights of the same mineral
    rights_given: bool = False
    added_area_m2: float | None = None                # 扩大范围: the part the enlargement adds (None: not known)


def rules_for(rs: RuleSet, activity: str, app_type: str | None) -> list:
    return [r for r in rs.data.get("siting_rules", []) or []
            if r.get("activity") == activity and applies(r, app_type)]


def excluded(rs: RuleSet, rule: dict, mineral, scale) -> str | None:
    """Why a mineral cannot use the rule's allowance (深部扩界: 小型非金属矿, 砂石土类), or None."""
    ex = rule.get("excluded") or {}
    if mineral is None:
        return None
    for g in ex.get("groups", []) or []:
        if mineral.in_group(g) or rs.minerals.matches(mineral, g):
            return f"{mineral.name}属{g}"
    for m in ex.get("minerals", []) or []:
        if rs.minerals.matches(mineral, m):
            return f"{mineral.name}"
    if ex.get("small_nonmetal") and mineral.mclass == "非金属":
        try:
            small = parse_scale(scale) == "小型"
        except ValueError:
            small = False
        if small:
            return f"{mineral.name}为小型非金属矿"
    return None


def _roles_rule(rule: dict, facts: SitingFacts, what: str) -> CheckResult:
    roles = rule["roles"]
    what_en = "the added part " if what else ""
    names = "或".join(ROLE_NAMES[r][0] for r in roles)
    names_en = " or ".join(ROLE_NAMES[r][1] for r in roles)
    min_share = float(rule.get("min_share", 0.95))
    given = [r for r in roles if r in facts.roles_given]
    share = max((facts.role_shares.get(r, 0.0) for r in given), default=0.0)
    if given and share >= min_share - 1e-9:
        best = max(given, key=lambda r: facts.role_shares.get(r, 0.0))
        return CheckResult(OK, f"{what}位于{ROLE_NAMES[best][0]}内（{share * 100:.1f}%）",
                           f"{what_en}lies in a {ROLE_NAMES[best][1]} ({share * 100:.1f}%)",
                           rule["clause"])
    missing = [r for r in roles if r not in facts.roles_given]
    if missing:
        miss = "、".join(ROLE_NAMES[r][0] for r in missing)
        return CheckResult(NOT_CHECKED, f"{what}须位于{names}内，但未提供{miss}图层，未检查",
                           f"must lie in a {names_en}, but no layer of "
                           f"{', '.join(ROLE_NAMES[r][1] for r in missing)} was given: not checked", rule["clause"])
    v = rule["verdict_outside"]
    return CheckResult(v, f"{what}须位于{names}内（≥ {min_share * 100:.0f}%），实际位于其中 {share * 100:.1f}%"
                          f"（{rule.get('text', '')}），判定{v}",
                       f"{what_en}must lie in a {names_en} (≥ {min_share * 100:.0f}%), "
                       f"{share * 100:.1f}% does → {v}", rule["clause"])


def _within_rule(rs: RuleSet, rule: dict, facts: SitingFacts, mineral, scale) -> CheckResult:
    why = excluded(rs, rule, mineral, scale)
    if why is not None:
        v = rule["verdict_outside"]
        return CheckResult(v, f"{why}，不适用已设采矿权垂直投影范围内设置开采区块的规定（{rule.get('text', '')}），判定{v}",
                           f"{mineral.name_en or mineral.name}: small non-metallic and sand/stone/clay minerals are "
                           f"excluded from deep or upper extensions → {v}", rule["clause"])
    if mineral is None:
        return CheckResult(MANUAL, "矿种无法识别，无法核对同类矿产的已设采矿权", "unknown mineral: cannot find existing rights "
                           "of the same mineral", rule["clause"])
    if not facts.rights_given:
        return CheckResult(NOT_CHECKED, "深部或上部扩界须位于同类矿产已设采矿权的垂直投影范围内，但未提供现有采矿权图层，未检查",
                           "a deep or upper extension must lie within the vertical projection of an existing right of "
                           "the same mineral, but no mining-rights layer was given: not checked", rule["clause"])
    share = facts.same_mineral_share or 0.0
    min_share = float(rule.get("min_share", 0.95))
    if share >= min_share - 1e-9:
        return CheckResult(OK, f"位于{mineral.name}已设采矿权矿区范围垂直投影内（{share * 100:.1f}%）",
                           f"lies within the vertical projection of existing {mineral.name_en or mineral.name} rights "
                           f"({share * 100:.1f}%)", rule["clause"])
    v = rule["verdict_outside"]
    return CheckResult(v, f"深部或上部扩界须位于{mineral.name}已设采矿权矿区范围垂直投影内，实际 {share * 100:.1f}%，判定{v}",
                       f"a deep or upper extension must lie within existing {mineral.name_en or mineral.name} rights; "
                       f"{share * 100:.1f}% does → {v}", rule["clause"])


def judge_siting(rs: RuleSet, mineral_text, activity: str, app_type: str | None, scale, facts: SitingFacts,
                 added: SitingFacts | None = None, min_area: float = 1.0) -> CheckResult:
    """``added``: for 扩大范围, the same facts for the part the enlargement adds (new-right rules apply to it)."""
    rules = rules_for(rs, activity, app_type)
    if not rules:
        return CheckResult(NOT_APPLICABLE, f"不适用：{type_label(app_type)}不涉及新设矿业权的设置区域",
                           f"not applicable: a {type_label(app_type, 'en')} does not set a new right", "")
    mineral = rs.minerals.resolve(mineral_text) if mineral_text not in (None, "") else None
    results = []
    for rule in rules:
        if rule.get("within") == "existing_same_mineral":
            results.append(_within_rule(rs, rule, facts, mineral, scale))
        elif app_type == ENLARGE:
            if added is None or added.added_area_m2 is None:
                results.append(CheckResult(NOT_CHECKED, "扩大范围：未能确定新增部分（未提供现有矿业权或未匹配），新增部分的设置区域未检查",
                                           "enlargement: the added part is unknown (no existing right matched): not "
                                           "checked", rule["clause"]))
            elif added.added_area_m2 < min_area:
                results.append(CheckResult(OK, "扩大范围：与现有矿业权相比未新增范围", "enlargement: no area added",
                                           rule["clause"]))
            else:
                results.append(_roles_rule(rule, added, "新增部分"))
        else:
            results.append(_roles_rule(rule, facts, ""))
    verdict = worst(r.verdict for r in results)
    seen = []
    for r in results:
        for c in (r.clause or "").split("; "):
            if c and c not in seen:
                seen.append(c)
    return CheckResult(verdict, "；".join(r.reason for r in results), "; ".join(r.reason_en for r in results),
                       "; ".join(seen))
