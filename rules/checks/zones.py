"""Zone assignment verdicts (重点勘查区, 重点开采区, 集中开采区, 规划区块) — pure Python.

Geometry (which zone, what share) is measured in core/; this module judges what the plan says about
the result: zone-mineral fit, zones a mineral must lie in, one entity per block.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.apptypes import applies
from ..model.ruleset import ROLE_NAMES, RuleSet
from ..model.vocab import VERDICT_EN
from .controls import source_note
from .verdicts import ARGUE, FAIL, MINING, OK, CheckResult, worst


@dataclass
class ZoneHit:
    role: str
    zone_id: str | None = None     # id/code of the data zone
    zone_name: str | None = None
    share: float = 0.0             # 0–1 of the feature's area
    zone_minerals: list = field(default_factory=list)  # main minerals read from the zone layer, if any


def main_minerals(rs: RuleSet, role: str, code, name, layer_minerals) -> tuple[list, dict | None, str]:
    """Main minerals of a zone as the plan states them: from the rule set when the zone matches one that
    lists them (source "rule"), else ``layer_minerals`` (source "layer"); with the matching rule zone.
    Minerals the rule file only infers (``inferred_minerals``) are not among them."""
    rule_zone = rs.match_zone(role, code, name)
    if rule_zone is not None and rule_zone.get("main_minerals"):
        return list(rule_zone["main_minerals"]), rule_zone, "rule"
    return list(layer_minerals or []), rule_zone, "layer"


def zone_minerals_for(rs: RuleSet, hit: ZoneHit) -> tuple[list, dict | None]:
    """:func:`main_minerals` of a zone hit: (minerals, the matching rule zone)."""
    return main_minerals(rs, hit.role, hit.zone_id, hit.zone_name, hit.zone_minerals)[:2]


def block_counts(rs: RuleSet, hits_list, activities) -> list:
    """For every feature: {role: number of features of the rule's activity assigned to the same block}
    for the roles that have a block rule (one mining entity per 开采规划区块, one project per 勘查规划区块)."""
    rules = {r["role"]: r for r in rs.data.get("block_rules", []) or []}

    def applies(rule, act):
        return rule.get("activity", "any") in ("any", act)
    totals: dict = {}
    for hits, act in zip(hits_list, activities):
        for role, rule in rules.items():
            hit = (hits or {}).get(role)
            if hit is not None and applies(rule, act):
                totals[(role, hit.zone_id)] = totals.get((role, hit.zone_id), 0) + 1
    out = []
    for hits, act in zip(hits_list, activities):
        counts = {}
        for role, rule in rules.items():
            hit = (hits or {}).get(role)
            if hit is not None and applies(rule, act):
                counts[role] = totals[(role, hit.zone_id)]
        out.append(counts)
    return out


def block_mineral_rule(rs: RuleSet, activity: str | None = None) -> dict | None:
    """The ``block_mineral`` part of the first siting rule that has one (for ``activity`` when given): a new right
    inside a 开采规划区块 / 集中开采区 must be of that block's own 开采主矿种 (第五章第四节 with 专栏8/专栏10)."""
    for r in rs.data.get("siting_rules", []) or []:
        if r.get("block_mineral") and (activity is None or r.get("activity") == activity):
            return r["block_mineral"]
    return None


def block_fit(rs: RuleSet, cfg: dict, mineral, hits: dict | None, min_share: float) -> tuple:
    """(fitting, stated, unstated): the blocks (roles of ``cfg``) the feature lies in by at least ``min_share``,
    split into those whose 开采主矿种 the mineral falls under, those stating other main minerals, and those
    stating none. Each entry is (role, label, main minerals, source)."""
    fitting, stated, unstated = [], [], []
    for role in cfg.get("roles", []) or []:
        hit = (hits or {}).get(role)
        if hit is None or not (hit.zone_id or hit.zone_name) or hit.share < min_share - 1e-9:
            continue
        main, _, source = main_minerals(rs, role, hit.zone_id, hit.zone_name, hit.zone_minerals)
        main = [m for m in main if m]
        entry = (role, hit.zone_name or hit.zone_id, main, source)
        if not main:
            unstated.append(entry)
        elif mineral is not None and any(rs.minerals.matches(mineral, m) for m in main):
            fitting.append(entry)
        else:
            stated.append(entry)
    return fitting, stated, unstated


def _own_block(rs: RuleSet, mineral, activity: str | None, hits: dict) -> tuple:
    """(block entry, prevails rule): the 开采规划区块 / 集中开采区 a mining right lies in (by the siting rule's share)
    whose main mineral the right's mineral falls under, and the rule saying which zones it prevails over; (None, {})
    when there is none."""
    if mineral is None or activity not in (MINING, None):
        return None, {}
    cfg = block_mineral_rule(rs, MINING)
    prevails = (cfg or {}).get("prevails") or {}
    if not cfg or not prevails.get("over"):
        return None, {}
    rule = next(r for r in rs.data.get("siting_rules", []) or [] if r.get("block_mineral") is cfg)
    fitting, _, _ = block_fit(rs, cfg, mineral, hits, float(rule.get("min_share", 0.95)))
    return (fitting[0] if fitting else None), {**prevails, "over": list(prevails["over"])}


@dataclass
class _Findings:
    """What the parts of the zone check found: verdicts, reasons (zh, en) and the clauses they cite."""

    verdicts: list = field(default_factory=list)
    zh: list = field(default_factory=list)
    en: list = field(default_factory=list)
    clauses: list = field(default_factory=list)


def judge_zones(rs: RuleSet, mineral_text, activity: str | None, hits: dict,
                block_counts: dict | None = None, has_geometry: bool = True,
                roles_given=(), app_type: str | None = None) -> CheckResult:
    """``block_counts``: role → entities sharing this feature's block (see block_counts()).
    ``hits``: role → ZoneHit for the zone assigned to the feature (absent role = not in any zone).
    ``roles_given``: roles for which a zone layer was supplied (a requirement on a role that was not
    supplied cannot be judged)."""
    vals = {"zone_mineral_ok": None, "in_required_zone": None}
    if not has_geometry:
        return CheckResult(ARGUE, "要素无几何，无法判定规划分区归属", "the feature has no geometry: zones cannot be judged",
                           "", vals)
    mineral = rs.minerals.resolve(mineral_text) if mineral_text not in (None, "") else None

    out = _Findings()
    _zone_fit(rs, mineral, activity, hits, vals, out)
    _required_zones(rs, mineral, activity, hits, roles_given, app_type, vals, out)
    _one_entity_per_block(rs, hits, block_counts, app_type, out)
    verdicts, zh, en, clauses = out.verdicts, out.zh, out.en, out.clauses
    if mineral is None and mineral_text not in (None, ""):
        verdicts.append(ARGUE)
        zh.append(f"矿种“{mineral_text}”无法识别，分区矿种相符性需人工核查")
        en.append(f"mineral '{mineral_text}' is unknown: zone fit needs a manual check")
    if not zh:
        zh.append("不在所给任何规划分区内")
        en.append("not inside any of the given planning zones")
    verdict = worst(verdicts) if verdicts else OK
    if verdict not in (OK, ARGUE, FAIL):
        verdict = FAIL
    seen = []
    for c in clauses:
        if c and c not in seen:
            seen.append(c)
    return CheckResult(verdict, "；".join(zh), "; ".join(en), "; ".join(seen), vals)


def _zone_fit(rs: RuleSet, mineral, activity, hits: dict, vals: dict, out: _Findings):
    """Zone ↔ mineral fit, for every zone the feature lies in."""
    verdicts, zh, en, clauses = out.verdicts, out.zh, out.en, out.clauses
    # A mining right inside a block set for its mineral (专栏8 开采主矿种, 专栏10 规划矿种) is not held back by the
    # main minerals of the zones enclosing it (``block_mineral.prevails_over``).
    own_block, prevails = _own_block(rs, mineral, activity, hits)
    fits = []
    for role, hit in hits.items():
        if hit is None or not hit.zone_id and not hit.zone_name:
            continue
        rname, ren = ROLE_NAMES[role]
        label = hit.zone_name or hit.zone_id
        zh.append(f"位于{rname}“{label}”（占 {hit.share * 100:.1f}%）")
        en.append(f"in {ren} '{label}' ({hit.share * 100:.1f}%)")
        if mineral is None:
            continue
        main, rule_zone = zone_minerals_for(rs, hit)
        if not main:
            continue
        ok = any(rs.minerals.matches(mineral, m) for m in main)
        if not ok and own_block is not None and role in prevails.get("over", ()):
            brole, blabel, bmain, _ = own_block
            src_zh, src_en = source_note(prevails)
            zh.append(f"{mineral.name}不属于该{rname}的主矿种（{'、'.join(main)}），但位于为{'、'.join(bmain)}设置的"
                      f"{ROLE_NAMES[brole][0]}“{blabel}”内：区块自身的开采主矿种优先，不据{rname}主矿种论证{src_zh}")
            en.append(f"{mineral.name_en or mineral.name} is not a main mineral of that {ren} ({', '.join(main)}), but "
                      f"it lies in the {ROLE_NAMES[brole][1]} '{blabel}' set for {', '.join(bmain)}: the block's own "
                      f"main mineral prevails{src_en}")
            clauses.append(prevails.get("clause", ""))
            continue
        fits.append(ok)
        if not ok:
            verdicts.append(ARGUE)
            inferred = (rule_zone or {}).get("inferred_minerals") or {}
            guess = [m for m in inferred.get("minerals", []) if rs.minerals.matches(mineral, m)]
            note_zh = f"；推定相关矿种含{'、'.join(guess)}（解释，非规划原文：{inferred.get('reason', '')}）" if guess else ""
            note_en = f"; inferred related minerals include {', '.join(guess)} (interpretation, not plan text)" \
                if guess else ""
            zh.append(f"{mineral.name}不属于该{rname}规划明确的主矿种（{'、'.join(main)}）{note_zh}，需论证")
            en.append(f"{mineral.name_en or mineral.name} is not a main mineral the plan states for that {ren} "
                      f"({', '.join(main)}){note_en}")
            clauses.append(rs.zone_clause(role))
    if fits:
        vals["zone_mineral_ok"] = 1 if all(fits) else 0


def _required_zones(rs: RuleSet, mineral, activity, hits: dict, roles_given, app_type, vals: dict, out: _Findings):
    """A mineral that must lie in certain zones (建筑石料/砂石土 in a 集中开采区 or 重点开采区): does it?"""
    verdicts, zh, en, clauses = out.verdicts, out.zh, out.en, out.clauses
    if mineral is not None:
        for req in [r for r in rs.zone_requirements(mineral, activity) if applies(r, app_type)]:
            roles = req["roles"]
            judged = [r for r in roles if not roles_given or r in roles_given]
            inside = [r for r in roles if hits.get(r) is not None and (hits[r].zone_id or hits[r].zone_name)]
            names = "或".join(ROLE_NAMES[r][0] for r in roles)
            names_en = " or ".join(ROLE_NAMES[r][1] for r in roles)
            if inside:
                vals["in_required_zone"] = 1
                zh.append(f"{mineral.name}须位于{names}内：满足")
                en.append(f"{mineral.name_en or mineral.name} must lie in a {names_en}: yes")
                clauses.append(req["clause"])
            elif not judged:
                verdicts.append(ARGUE)
                zh.append(f"{mineral.name}须位于{names}内，但未提供相应分区图层，需论证")
                en.append(f"{mineral.name_en or mineral.name} must lie in a {names_en}, but no such zone layer was given")
                clauses.append(req["clause"])
            else:
                vals["in_required_zone"] = 0
                verdicts.append(req["verdict_outside"])
                src_zh, src_en = source_note(req)
                zh.append(f"{mineral.name}须位于{names}内（{req.get('text', '')}），但不在其中，判定{req['verdict_outside']}"
                          f"{src_zh}")
                en.append(f"{mineral.name_en or mineral.name} must lie in a {names_en} but does not → "
                          f"{VERDICT_EN.get(req['verdict_outside'], req['verdict_outside'])}{src_en}")
                clauses.append(req["clause"])


def _one_entity_per_block(rs: RuleSet, hits: dict, block_counts, app_type, out: _Findings):
    """One mining entity per 开采规划区块 (and the like): how many share the feature's block."""
    verdicts, zh, en, clauses = out.verdicts, out.zh, out.en, out.clauses
    for role, n in (block_counts or {}).items():
        rule = rs.block_rule(role)
        if rule is None or n is None or n <= rule["max_features"] or not applies(rule, app_type):
            continue
        rname, ren = ROLE_NAMES[role]
        verdicts.append(rule["verdict"])
        src_zh, src_en = source_note(rule)
        hit = (hits or {}).get(role)
        block = (hit.zone_name or hit.zone_id) if hit is not None else None
        where_zh = f"所在{rname}“{block}”" if block else f"所在{rname}"
        where_en = f"its {ren} “{block}”" if block else f"its {ren}"
        zh.append(f"{where_zh}内共有 {n} 个主体（本申请、同批其他申请与区块内现有矿业权，按权利人计，未填权利人的各计一个），"
                  f"而规划{rule.get('text', '')}，判定{rule['verdict']}{src_zh}")
        en.append(f"{where_en} holds {n} entities (this application, other applications of the batch and the "
                  f"existing rights in it, counted by holder, each one without a holder counted alone); the plan allows {rule.get('max_features', 1)} "
                  f"({rule.get('id', '')}) → {VERDICT_EN.get(rule['verdict'], rule['verdict'])}{src_en}")
        clauses.append(rule["clause"])


__all__ = ["ZoneHit", "block_counts", "judge_zones", "MINING"]
