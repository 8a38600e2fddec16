"""Where a new right may be set (设置区域) — pure Python.

The rule file's ``siting_rules`` say, per activity and application type, which planning zones a new right
must lie in (a new mining right: 开采规划区块 or 集中开采区; a new exploration right: 勘查规划区块) or that it
must lie within the vertical projection of existing rights of the same mineral (深部或上部扩界). The
geometry (shares) is measured on the QGIS side; this module judges it. ``mineplan:sitingareas`` asks the same
rules which zones to offer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.apptypes import applies, type_label
from ..model.errors import InputValueError
from ..model.minerals import Mineral
from ..model.ruleset import ROLE_NAMES, RuleSet
from ..model.vocab import ENLARGE, MINING, VERDICT_EN
from .clauses import merge_clauses
from .controls import source_note
from .verdicts import FAIL, MANUAL, NOT_APPLICABLE, NOT_CHECKED, OK, CheckResult, parse_scale, worst
from .zones import block_fit, main_minerals


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
        if rs.minerals.matches(mineral, g):
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
    src_zh, src_en = source_note(rule)
    return CheckResult(v, f"{what}须位于{names}内（≥ {min_share * 100:.0f}%），实际位于其中 {share * 100:.1f}%"
                          f"（{rule.get('text', '')}），判定{v}{src_zh}",
                       f"{what_en}must lie in a {names_en} (≥ {min_share * 100:.0f}%), "
                       f"{share * 100:.1f}% does → {VERDICT_EN.get(v, v)}{src_en}", rule["clause"])


def _block_mineral_result(rs: RuleSet, cfg: dict, mineral, mineral_text, hits: dict | None,
                          min_share: float) -> CheckResult:
    """Is the block the new right lies in set for the right's mineral (its 开采主矿种)?"""
    clause = cfg.get("clause", "")
    if mineral is None:
        return CheckResult(MANUAL, f"矿种“{mineral_text or '—'}”为空或无法识别，无法核对所在区块的开采主矿种",
                           f"mineral '{mineral_text or '—'}' is empty or unknown: the block's main mineral cannot be "
                           f"compared", clause)
    fitting, stated, unstated = block_fit(rs, cfg, mineral, hits, min_share)
    name_en = mineral.name_en or mineral.name
    if fitting:
        role, label, main, _ = fitting[0]
        return CheckResult(OK, f"所在{ROLE_NAMES[role][0]}“{label}”的开采主矿种为{'、'.join(main)}，{mineral.name}与之相符",
                           f"the {ROLE_NAMES[role][1]} '{label}' is set for {', '.join(main)}: {name_en} fits",
                           clause)
    if stated:
        v = cfg.get("verdict_other", FAIL)
        src_zh, src_en = source_note(cfg)
        where = "；".join(f"{ROLE_NAMES[r][0]}“{lb}”开采主矿种为{'、'.join(mm)}" for r, lb, mm, _ in stated)
        where_en = "; ".join(f"{ROLE_NAMES[r][1]} '{lb}' is set for {', '.join(mm)}" for r, lb, mm, _ in stated)
        return CheckResult(v, f"{where}，{mineral.name}不是该区块的开采主矿种：{cfg.get('text', '')}，判定{v}{src_zh}",
                           f"{where_en}; {name_en} is not the block's main mineral: a new mining right that does "
                           f"not meet the block's setting may not be granted → {VERDICT_EN.get(v, v)}{src_en}",
                           clause)
    if unstated:
        labels = "、".join(f"{ROLE_NAMES[r][0]}“{lb}”" for r, lb, _, _ in unstated)
        return CheckResult(MANUAL, f"所在{labels}在规则文件与图层中均未列开采主矿种，无法核对{mineral.name}是否符合区块设置要求，"
                                   f"需人工核查", f"the block the right lies in states no main mineral (rule file or "
                                   f"layer): whether {name_en} meets its setting needs a manual check", clause)
    return CheckResult(MANUAL, f"无法确定所在{'或'.join(ROLE_NAMES[r][0] for r in cfg.get('roles', []))}（分区归属未定），"
                               f"未核对其开采主矿种，需人工核查",
                       "the block the right lies in could not be identified: its main mineral is not compared",
                       clause)


def _within_rule(rs: RuleSet, rule: dict, facts: SitingFacts, mineral, scale) -> CheckResult:
    why = excluded(rs, rule, mineral, scale)
    if why is not None:
        v = rule["verdict_outside"]
        return CheckResult(v, f"{why}，不适用已设采矿权垂直投影范围内设置开采区块的规定（{rule.get('text', '')}），判定{v}",
                           f"{mineral.name_en or mineral.name}: small non-metallic and sand/stone/clay minerals are "
                           f"excluded from deep or upper extensions → {VERDICT_EN.get(v, v)}", rule["clause"])
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
    src_zh, src_en = source_note(rule)
    return CheckResult(v, f"深部或上部扩界须位于{mineral.name}已设采矿权矿区范围垂直投影内，实际 {share * 100:.1f}%，判定{v}"
                          f"{src_zh}",
                       f"a deep or upper extension must lie within existing {mineral.name_en or mineral.name} rights; "
                       f"{share * 100:.1f}% does → {VERDICT_EN.get(v, v)}{src_en}", rule["clause"])


def judge_siting(rs: RuleSet, mineral_text, activity: str, app_type: str | None, scale, facts: SitingFacts,
                 added: SitingFacts | None = None, min_area: float = 1.0, hits: dict | None = None) -> CheckResult:
    """``added``: for 扩大范围, the same facts for the part the enlargement adds (new-right rules apply to it).
    ``hits``: role → ZoneHit (the zone the feature is assigned to); a rule with ``block_mineral`` then also asks
    that the block the right lies in be set for its mineral (专栏8 开采主矿种, 专栏10 规划矿种)."""
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
        cfg = rule.get("block_mineral")
        if cfg and results[-1].verdict == OK and rule.get("roles") and \
                not (app_type == ENLARGE and added is not None and (added.added_area_m2 or 0.0) < min_area):
            results.append(_block_mineral_result(rs, cfg, mineral, mineral_text, hits,
                                                 float(rule.get("min_share", 0.95))))
    verdict = worst(r.verdict for r in results)
    return CheckResult(verdict, "；".join(r.reason for r in results), "; ".join(r.reason_en for r in results),
                       "; ".join(merge_clauses(*(r.clause for r in results))))


# ---- where a new right may go: the questions mineplan:sitingareas asks (pure) --------------------------------
@dataclass
class Note:
    """A sentence of the siting result (why it is empty, what else applies), with the clause."""

    zh: str
    en: str
    clause: str = ""


@dataclass
class ZoneFit:
    """Does a zone suit the mineral asked for? ``fit`` True: a main mineral fits; False: the zone states main
    minerals and none fits (the review says 需论证 there); None: the zone states none (the review cannot judge
    and does not object)."""

    fit: bool | None
    main: list = field(default_factory=list)      # main minerals as stated (rule file first, else the layer)
    fitting: list = field(default_factory=list)   # those a right of the mineral asked for may carry here
    source: str = ""                              # rule / layer / "" (none stated)
    clause: str = ""


@dataclass
class SitingQuery:
    """What the plan asks of a new right of ``mineral`` (activity, application type)."""

    text: str
    mineral: Mineral
    activity: str
    app_type: str
    rules: list = field(default_factory=list)          # siting_rules that apply (all must hold)
    requirements: list = field(default_factory=list)   # zone_requirements that apply (all must hold)
    block_rules: list = field(default_factory=list)    # one entity per block
    empty: Note | None = None                          # why nothing can be offered, before any geometry
    notes: list = field(default_factory=list)          # other rules a planner should know (caps, scale)


def is_category(rs: RuleSet, mineral: Mineral) -> bool:
    """建筑石料 (a category entry that is also a group) or a group name such as 砂石土类."""
    return mineral.kind == "category" or rs.minerals.is_group(mineral.name)


def query_mineral(rs: RuleSet, text) -> Mineral:
    """The mineral asked for: any dictionary name or alias; a group name (砂石土类 …) is taken as a category.
    Raises InputValueError, with close matches, for an unknown name."""
    name = str(text or "").strip()
    m = rs.minerals.resolve(name)
    if m is not None:
        return m
    if name and rs.minerals.is_group(name):
        return Mineral(name=name, name_en=name, kind="category")
    close = "、".join(rs.minerals.close_matches(name)) or "—"
    raise InputValueError(f"矿种“{name}”无法识别（相近：{close}）", f"unknown mineral '{name}' (close: {close})")


def forbidden_entry(rs: RuleSet, mineral: Mineral, activity: str, app_type: str | None) -> dict | None:
    """The 专栏7 forbidden entry that bars a new mining right of this mineral, or None (exploration is not
    barred: 专栏7 concerns 开采矿种)."""
    if activity != MINING:
        return None
    effect = rs.data["mineral_policy"].get("forbidden_effect")
    if effect is not None and not applies(effect, app_type):
        return None
    for entry in rs.policy_entries("forbidden"):
        if rs.entry_applies(entry, mineral):
            return entry
    return None


def mineral_fits(rs: RuleSet, mineral: Mineral, main) -> list:
    """The zone main minerals a right of ``mineral`` may carry: those it falls under (the review's test), and
    for a category asked for (建筑石料) the main minerals that are members of it (建筑用白云岩), forbidden ones
    excepted."""
    out = []
    for name in main or []:
        if rs.minerals.matches(mineral, name):
            out.append(name)
            continue
        if is_category(rs, mineral):
            member = rs.minerals.resolve(name)
            if member is not None and member.in_group(mineral.name) and \
                    forbidden_entry(rs, member, MINING, None) is None:
                out.append(name)
    return out


def zone_fit(rs: RuleSet, mineral: Mineral, role: str, code=None, name=None, layer_minerals=()) -> ZoneFit:
    """The review's zone-mineral test (rules.checks.zones.main_minerals): main minerals from the rule file when the
    data zone matches one that lists them, else from the layer's mineral field."""
    main, _, source = main_minerals(rs, role, code, name, layer_minerals)
    if source == "layer":
        main = [m for m in main if m]
    clause = rs.zone_clause(role)
    if not main:
        return ZoneFit(None, [], [], "", clause)
    fitting = mineral_fits(rs, mineral, main)
    return ZoneFit(bool(fitting), main, fitting, source, clause)


def _types_of(rs: RuleSet, activity: str) -> list:
    out = []
    for r in rs.data.get("siting_rules", []) or []:
        if r.get("activity") == activity:
            out += [t for t in r.get("applies_to", []) or [] if t not in out]
    return out


def siting_query(rs: RuleSet, mineral_text, activity: str, app_type: str) -> SitingQuery:
    """Which rules shape the siting area of a new right, or why there is none (forbidden mineral, an application
    type that sets no new right, a mineral excluded from 深部或上部扩界)."""
    m = query_mineral(rs, mineral_text)
    q = SitingQuery(str(mineral_text), m, activity, app_type)
    entry = forbidden_entry(rs, m, activity, app_type)
    if entry is not None:
        effect = rs.data["mineral_policy"].get("forbidden_effect") or {}
        q.empty = Note(f"{m.name}为禁止开采矿种（{entry.get('text', '')}）；{effect.get('text', '不再新设采矿权')}：没有可布设区域",
                       f"{m.name_en or m.name} is a forbidden mineral ({rs.table('mineral_policy')}): no new mining "
                       f"right may be set, so there is no siting area",
                       "; ".join(c for c in (entry.get("clause"), effect.get("clause")) if c))
        return q
    q.rules = rules_for(rs, activity, app_type)
    if not q.rules:
        types = "、".join(_types_of(rs, activity)) or "—"
        q.empty = Note(f"{type_label(app_type)}不新设矿业权，规划的设置区域规定只适用于{types}：没有可布设区域",
                       f"an application of type “{type_label(app_type, 'en')}” sets no new right; the plan's siting rules apply to {types} "
                       f"only: no siting area", "")
        return q
    for rule in q.rules:
        if rule.get("within") == "existing_same_mineral":
            why = excluded(rs, rule, m, None)
            if why is not None:
                q.empty = Note(f"{why}，不适用已设采矿权垂直投影范围内设置开采区块的规定（{rule.get('text', '')}）：没有可布设区域",
                               f"{m.name_en or m.name}: small non-metallic and sand/stone/clay minerals are excluded "
                               f"from deep or upper extensions: no siting area", rule["clause"])
                return q
    q.requirements = [r for r in rs.zone_requirements(m, activity) if applies(r, app_type)]
    q.block_rules = [r for r in rs.data.get("block_rules", []) or []
                     if r.get("activity", "any") in ("any", activity) and applies(r, app_type)]
    small = rs.no_new_small(m)
    if small is not None and activity == MINING and applies(small, app_type):
        q.notes.append(Note(f"{m.name}：{small.get('text', '')}（新建矿山规模另行核查）",
                            f"{m.name_en or m.name}: in principle no new small mines (the scale is checked "
                            f"separately)", small.get("clause", "")))
    return q


def rights_cap_notes(rs: RuleSet, mineral: Mineral, existing_minerals) -> list:
    """Caps on the number of rights (建筑石料采矿权 ≤ 3) that concern the mineral, with the existing count."""
    out = []
    for cap in rs.rights_caps():
        group = cap.get("group") or cap.get("mineral")
        if not group or not rs.minerals.matches(mineral, group):
            continue
        n = 0
        for text in existing_minerals:
            r = rs.minerals.resolve(text)
            if r is not None and rs.minerals.matches(r, group):
                n += 1
        full = n >= int(cap["max"])
        out.append(Note(f"{cap['name']}上限 {cap['max']} 个（{cap.get('text', '')}）；现有采矿权中 {n} 个"
                        f"{'，已达上限，新设须论证' if full else ''}",
                        f"{cap.get('name_en', cap['name'])}: at most {cap['max']}; {n} existing"
                        f"{' — the cap is reached' if full else ''}", cap.get("clause", "")))
    return out


def right_qualifies(rs: RuleSet, rule: dict, mineral: Mineral, right_mineral, right_scale) -> tuple:
    """(status, why zh, why en): may an existing right's footprint host a 深部或上部扩界 of ``mineral``? status
    ``ok`` (same mineral as the review's same-mineral share counts it, not excluded by the rule), ``unknown``
    (its mineral cannot be read), ``different`` (another mineral) or ``excluded`` (小型非金属矿, 砂石土类 …; the
    existing right's reserve scale stands for the deposit's)."""
    other = rs.minerals.resolve(right_mineral) if right_mineral not in (None, "") else None
    if other is None:
        return "unknown", f"现有采矿权矿种“{right_mineral or '—'}”无法识别", f"unknown mineral '{right_mineral}'"
    if not (other.name == mineral.name or rs.minerals.matches(mineral, other.name)):
        return "different", f"矿种为{other.name}，不是{mineral.name}", f"its mineral is {other.name}"
    why = excluded(rs, rule, other, right_scale)
    if why is not None:
        return "excluded", f"{why}，不适用深部或上部扩界", f"{other.name}: excluded from deep or upper extensions"
    return "ok", "", ""
