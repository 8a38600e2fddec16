"""The one decision: what the plan says about one feature (pure Python, no QGIS).

Everything that gives a verdict — the compliance review, the feature dock, the model, and the
single-check algorithms (overlap, minimum scale, mineral policy, zones) — fills a :class:`ReviewInput`
with what was measured and read for a feature and calls :func:`decide`. Nothing else combines check
results into a verdict.

Fail closed: the review verdict is 符合 only when every check that applies ran on usable data and passed.
A check that could not run (layer not given, field missing, geometry unusable, mineral unknown) is
未检查 or 需人工核查 and makes the feature 需论证 at best, naming the check and the reason.

The checks are one table, :data:`REGISTRY` (id → judge, the activities it applies to, the fields it needs);
the policy per check (what passes, fails, cannot be judged) is the table of docs/decision.md.
The review verdict is the worst over the checks that apply (不符合 > 需论证 > 符合).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model.apptypes import applies, type_label
from ..model.ruleset import RuleSet
from ..model.vocab import (
    ARGUE,
    CHECK_BY_ID,
    EXPLORATION,
    FAIL,
    MANUAL,
    MINING,
    NEW,
    NO_GEOMETRY,
    NOT_APPLICABLE,
    NOT_CHECKED,
    OK,
    ROLE_BY_ID,
    Check,
    final_of,
    severity,
)
from .attributes import SANLV, applies_to_mineral, judge_funding, judge_net_mine, judge_sanlv, sanlv_coverage
from .clauses import merge_clauses
from .controls import CategoryOverlap, judge_overlaps, source_note
from .policy import check_mineral_policy
from .rights import RightMatch, judge_right
from .scale import check_minimum_scale
from .siting import SitingFacts, judge_siting, rules_for
from .verdicts import CheckResult, parse_activity
from .zones import judge_zones

# geometry status of a feature (set by the QGIS side)
GEOM_OK = "ok"
GEOM_REPAIRED = "repaired"
GEOM_NULL = "null"                    # NULL or empty
GEOM_SKIPPED = "skipped"              # invalid, skipped as the user chose
GEOM_UNUSABLE = "unusable"            # not a polygon, nothing left after repair, cannot be transformed
USABLE_GEOMETRY = (GEOM_OK, GEOM_REPAIRED)

# where the activity came from
SOURCE_FIELD, SOURCE_PARAMETER, SOURCE_ROLE, SOURCE_LAYER, SOURCE_DEFAULT = (
    "field", "parameter", "role", "layer", "default")
SOURCE_LABELS = {SOURCE_FIELD: ("字段", "field"), SOURCE_PARAMETER: ("参数", "parameter"),
                 SOURCE_ROLE: ("图层角色", "layer role"), SOURCE_LAYER: ("图层名称", "layer name"),
                 SOURCE_DEFAULT: ("未注明，按开采", "not given, taken as mining")}

FIELD_LABELS = {"mineral": ("矿种", "mineral"), "scale": ("储量规模", "reserve scale"),
                "capacity": ("设计生产规模", "design capacity"), "activity": ("矿业权类型", "activity"),
                "method": ("开采方式", "mining method"), "funding": ("资金来源", "funding source"),
                "grant": ("出让方式", "grant method")}
SANLV_KEYS = tuple(k for k, _, _ in SANLV)
APP_SOURCES = {"field": ("字段", "field"), "parameter": ("参数", "parameter"), "default": ("默认", "default"),
               "unrecognised": ("字段（无法识别）", "field (unrecognised)")}


@dataclass
class ReviewInput:
    """What was measured and read for one feature. ``None`` for a measurement means its layers were not
    given (the check could not run); an empty list means it ran and found nothing."""

    activity: str | None = None              # mining / exploration / None (unknown)
    activity_source: str = SOURCE_DEFAULT
    geometry: str = GEOM_OK
    geometry_note: str = ""                  # why a geometry is unusable (shown in the reason)
    attrs: dict = field(default_factory=dict)           # mineral, scale, capacity, capacity_unit, reserves …
    fields_found: tuple | None = None        # attribute keys whose field exists (None = not applicable)
    overlaps: list | None = None             # CategoryOverlap per given control category
    required_controls: tuple = ()            # control categories the review needs (missing → 未检查)
    min_overlap_area: float | None = None
    zone_hits: dict | None = None            # role → ZoneHit or None (outside every zone of that role)
    zone_roles_given: tuple = ()
    block_counts: dict = field(default_factory=dict)    # role → entities in this feature's block
    app_type: str = NEW                      # 申请类型 code (rules/model/vocab.py)
    app_type_source: str = "default"         # field / parameter / default / unrecognised
    app_type_raw: str | None = None          # the unrecognised value, reported
    siting: SitingFacts | None = None        # shares in the planning zones (None: no zone or rights layer)
    added_siting: SitingFacts | None = None  # the same for the part an enlargement adds
    added_overlaps: dict | None = None       # category → m² of the added part inside the control line
    core_overlaps: dict | None = None        # category → m² in a core zone (None per category: not determinable)
    match: RightMatch | None = None          # the existing right a continuing application continues


@dataclass
class Item:
    """One check's outcome for a feature (one 事项)."""

    check: str
    verdict: str
    reason: str
    reason_en: str
    clause: str = ""
    values: dict = field(default_factory=dict)

    @property
    def final(self) -> str:
        return final_of(self.verdict)

    @property
    def decisive(self) -> bool:
        """Does this item keep the feature from 符合?"""
        return self.verdict != NOT_APPLICABLE and self.final != OK


@dataclass
class Decision:
    verdict: str                              # 符合 / 不符合 / 需论证
    items: list = field(default_factory=list)

    def item(self, check: str) -> Item | None:
        for it in self.items:
            if it.check == check:
                return it
        return None

    def worst_of(self, checks) -> Item | None:
        """The most severe item among ``checks`` (the first on a tie; None when none of them ran) — what a
        summary column standing for several checks shows."""
        items = [it for it in self.items if it.check in checks]
        return max(items, key=lambda it: severity(it.verdict)) if items else None

    def ordered(self) -> list:
        """Items that keep the feature from 符合, worst first (the first decides the verdict)."""
        return sorted((it for it in self.items if it.decisive), key=lambda it: -severity(it.verdict))

    @property
    def reasons(self) -> list:
        out = []
        for it in self.ordered():
            c = CHECK_BY_ID[it.check]
            out.append(f"【{c.zh}·{it.verdict}】{it.reason}" + (f"（{it.clause}）" if it.clause else ""))
        return out or ["各项检查均符合规划"]

    @property
    def reasons_en(self) -> list:
        out = []
        for it in self.ordered():
            c = CHECK_BY_ID[it.check]
            out.append(f"[{c.en}: {it.verdict}] {it.reason_en}" + (f" ({it.clause})" if it.clause else ""))
        return out or ["every check complies with the plan"]

    @property
    def clauses(self) -> list:
        return merge_clauses(*(it.clause for it in self.items))

    @property
    def not_checked(self) -> list:
        return [it for it in self.items if it.verdict == NOT_CHECKED]


# ---- activity -------------------------------------------------------------------------------------------
_EXPL_HINTS = ("exploration", "勘查", "探矿", "tkq", "kcqk", "kancqk")
_MINING_HINTS = ("mining", "采矿", "开采", "ckq", "kaicqk")


def layer_activity_hint(name: str) -> str | None:
    n = (name or "").casefold()
    if any(w in n for w in _EXPL_HINTS):
        return EXPLORATION
    if any(w in n for w in _MINING_HINTS):
        return MINING
    return None


def resolve_activity(field_value=None, parameter: str | None = None, role: str | None = None,
                     layer_name: str = "") -> tuple[str | None, str]:
    """(activity, source): a field value wins, then an explicit parameter, then the layer's role, then its
    name. None when nothing says it (the review then judges as mining and says so)."""
    act = parse_activity(field_value)
    if act is not None:
        return act, SOURCE_FIELD
    if parameter in (MINING, EXPLORATION):
        return parameter, SOURCE_PARAMETER
    if role is not None:
        from ..model.vocab import REVIEWED_ROLES
        role_act = REVIEWED_ROLES.get(role)
        if role_act is not None:
            return role_act, SOURCE_ROLE
    hint = layer_activity_hint(layer_name)
    if hint is not None:
        return hint, SOURCE_LAYER
    return None, SOURCE_DEFAULT


# ---- the checks ------------------------------------------------------------------------------------------
def _from_result(check: str, r: CheckResult) -> Item:
    return Item(check, r.verdict, r.reason, r.reason_en, r.clause, dict(r.values))


def _not_applicable(check: str, zh: str, en: str) -> Item:
    return Item(check, NOT_APPLICABLE, zh, en)


def _not_checked(check: str, zh: str, en: str, clause: str = "") -> Item:
    return Item(check, NOT_CHECKED, zh, en, clause)


def _geometry_problem(inp: ReviewInput) -> tuple[str, str]:
    note = f"（{inp.geometry_note}）" if inp.geometry_note else ""
    note_en = f" ({inp.geometry_note})" if inp.geometry_note else ""
    return {
        GEOM_NULL: ("要素无几何（空或 NULL）", "the feature has no geometry (NULL or empty)"),
        GEOM_SKIPPED: (f"几何无效，已按设置跳过{note}", f"invalid geometry, skipped as set{note_en}"),
        GEOM_UNUSABLE: (f"几何无法使用{note}", f"the geometry cannot be used{note_en}"),
    }.get(inp.geometry, (f"几何无法使用{note}", f"the geometry cannot be used{note_en}"))


def _type_not_applicable(check: str, rule_name: str, table: str, inp: ReviewInput) -> Item:
    zh_t, en_t = type_label(inp.app_type), type_label(inp.app_type, "en")
    return _not_applicable(check, f"不适用：{zh_t}登记不受{rule_name}限制（{table}）",
                           f"not applicable: a {en_t} is not subject to the {CHECK_BY_ID[check].en} rule ({table})")


def overlap_item(rs: RuleSet, inp: ReviewInput, activity: str) -> Item:
    clause = rs.data["control_lines"]["clause"]
    if inp.geometry not in USABLE_GEOMETRY:
        zh, en = _geometry_problem(inp)
        return Item("overlap", NO_GEOMETRY, f"{zh}，无法判定压覆情况", f"{en}: overlap cannot be judged", clause,
                    {"conflict": 0})
    if inp.overlaps is None:
        return _not_checked("overlap", "未提供控制线图层，未检查压覆", "no control-line layer given: overlap not checked",
                            clause)
    item = _from_result("overlap", judge_overlaps(rs, inp.overlaps, activity, has_geometry=True,
                                                  min_area=inp.min_overlap_area, app_type=inp.app_type,
                                                  added_overlaps=inp.added_overlaps,
                                                  core_overlaps=inp.core_overlaps))
    given = {o.cat_id for o in inp.overlaps}
    missing = [c for c in inp.required_controls if c not in given]
    if missing and final_of(item.verdict) == OK:
        names = "、".join(ROLE_BY_ID[c].zh for c in missing)
        names_en = ", ".join(ROLE_BY_ID[c].en.lower() for c in missing)
        item.verdict = NOT_CHECKED
        item.reason = f"未提供{names}图层，未检查与其压覆；{item.reason}"
        item.reason_en = f"no {names_en} layer given: overlap with it not checked; {item.reason_en}"
    elif missing:
        names = "、".join(ROLE_BY_ID[c].zh for c in missing)
        item.reason += f"；另未提供{names}图层，未检查与其压覆"
        item.reason_en += "; " + ", ".join(ROLE_BY_ID[c].en.lower() for c in missing) + " not checked (no layer)"
    return item


def _missing_fields(inp: ReviewInput, check: str) -> list:
    if inp.fields_found is None:
        return []
    return [k for k in NEEDS_FIELDS.get(check, ()) if k not in inp.fields_found]


def scale_item(rs: RuleSet, inp: ReviewInput, activity: str = MINING) -> Item:
    ms = rs.min_scale
    if not applies(ms, inp.app_type):
        return _type_not_applicable("scale", ms.get("name", "新建矿山最低开采规模"), rs.table("minimum_scale"), inp)
    missing = _missing_fields(inp, "scale")
    if missing:
        zh = "、".join(FIELD_LABELS[k][0] for k in missing)
        en = ", ".join(FIELD_LABELS[k][1] for k in missing)
        return _not_checked("scale", f"未找到{zh}字段，未检查最低开采规模", f"no {en} field: minimum scale not checked",
                            rs.min_scale["clause"])
    a = inp.attrs
    row = rs.min_scale_row(rs.minerals.resolve(a.get("mineral")))
    if row is not None and row.get("method") and inp.fields_found is not None and "method" not in inp.fields_found:
        return _not_checked("scale", f"{rs.table('minimum_scale')} {row.get('label', row['mineral'])}仅适用于"
                                     f"{row.get('condition', row['method'])}，但没有开采方式字段，未检查",
                            f"the {rs.table('minimum_scale')} row applies to {row['method']} mining only and there "
                            f"is no mining-method field: not checked", ms["clause"])
    return _from_result("scale", check_minimum_scale(rs, a.get("mineral"), a.get("scale"), a.get("capacity"),
                                                     a.get("capacity_unit"), a.get("reserves"),
                                                     a.get("reserves_unit"), a.get("method")))


def policy_item(rs: RuleSet, inp: ReviewInput, activity: str = MINING) -> Item:
    if _missing_fields(inp, "policy"):
        return _not_checked("policy", "未找到矿种字段，未检查开采矿种准入", "no mineral field: mineral policy not checked",
                            rs.data["mineral_policy"]["clause"])
    return _from_result("policy", check_mineral_policy(rs, inp.attrs.get("mineral"), inp.app_type))


def zone_item(rs: RuleSet, inp: ReviewInput, activity: str) -> Item:
    if inp.zone_hits is None:
        return _not_checked("zone", "未提供规划分区图层，未检查规划分区", "no planning-zone layer given: zones not checked")
    if inp.geometry not in USABLE_GEOMETRY:
        zh, en = _geometry_problem(inp)
        return Item("zone", ARGUE, f"{zh}，无法判定规划分区归属", f"{en}: zones cannot be judged", "",
                    {"zone_mineral_ok": None, "in_required_zone": None})
    r = judge_zones(rs, inp.attrs.get("mineral"), activity, inp.zone_hits, inp.block_counts,
                    has_geometry=True, roles_given=inp.zone_roles_given, app_type=inp.app_type)
    return _from_result("zone", r)


def siting_item(rs: RuleSet, inp: ReviewInput, activity: str) -> Item:
    if not rules_for(rs, activity, inp.app_type):
        return _from_result("siting", judge_siting(rs, None, activity, inp.app_type, None, SitingFacts()))
    if inp.geometry not in USABLE_GEOMETRY:
        zh, en = _geometry_problem(inp)
        return Item("siting", ARGUE, f"{zh}，无法判定设置区域", f"{en}: the siting cannot be judged")
    if inp.siting is None:
        return _not_checked("siting", "未提供开采/勘查规划区块、集中开采区或现有采矿权图层，未检查设置区域",
                            "no planning-block, concentrated-area or rights layer given: siting not checked")
    a = inp.attrs
    return _from_result("siting", judge_siting(rs, a.get("mineral"), activity, inp.app_type, a.get("scale"),
                                               inp.siting, inp.added_siting,
                                               inp.min_overlap_area if inp.min_overlap_area is not None else 1.0,
                                               inp.zone_hits))


def right_item(rs: RuleSet, inp: ReviewInput, activity: str = MINING) -> Item:
    a = inp.attrs
    return _from_result("right", judge_right(rs, inp.app_type, inp.match, a.get("mineral"), a.get("scale"),
                                             a.get("capacity"), a.get("method")))


def _attribute_rule(rs: RuleSet, key: str) -> dict:
    return (rs.data.get("attribute_rules") or {}).get(key) or {}


def sanlv_item(rs: RuleSet, inp: ReviewInput, activity: str = MINING) -> Item:
    cfg = _attribute_rule(rs, "sanlv")
    if not cfg or rs.sanlv is None:
        return _not_applicable("sanlv", "规则文件未规定三率指标", "the rule file sets no 三率 rule")
    if not applies(cfg, inp.app_type):
        return _type_not_applicable("sanlv", "三率指标", cfg.get("clause", ""), inp)
    not_covered = sanlv_coverage(rs, inp.attrs.get("mineral"))
    if not_covered is not None:
        return _from_result("sanlv", not_covered)
    found = [k for k in SANLV_KEYS if inp.fields_found is None or k in inp.fields_found]
    if not found:
        return _not_checked("sanlv", "没有三率字段（开采回采率、选矿回收率、综合利用率），未检查",
                            "no 三率 fields (mining recovery, processing recovery, comprehensive use): not checked",
                            cfg.get("clause", ""))
    values = {k: inp.attrs.get(k) for k in found}
    return _from_result("sanlv", judge_sanlv(rs, inp.attrs.get("mineral"), values, inp.attrs.get("method")))


def _field_rule(rs: RuleSet, inp: ReviewInput, check: str, key: str, field_key: str, judge, extra_ok=True) -> Item:
    cfg = _attribute_rule(rs, key)
    if not cfg:
        return _not_applicable(check, "规则文件未规定此项", "the rule file sets no such rule")
    if not applies(cfg, inp.app_type):
        return _type_not_applicable(check, CHECK_BY_ID[check].zh, cfg.get("clause", ""), inp)
    if not extra_ok:
        other = cfg.get("other_minerals") or {}
        src_zh, src_en = source_note(other)
        note_zh = f"；其他矿种：{other.get('text', '')}（{other.get('clause', '')}），不据此判定{src_zh}" if other else ""
        note_en = f"; other minerals: {other.get('clause', '')} sets a goal, not judged here{src_en}" if other else ""
        return _not_applicable(check, f"不适用：{CHECK_BY_ID[check].zh}只涉及{'、'.join(cfg.get('groups', []))}{note_zh}",
                               f"not applicable to this mineral ({', '.join(cfg.get('groups', []))} only){note_en}")
    if inp.fields_found is not None and field_key not in inp.fields_found:
        zh, en = FIELD_LABELS[field_key]
        return _not_checked(check, f"没有{zh}字段，未检查（{cfg.get('text', '')}）", f"no {en} field: not checked",
                            cfg.get("clause", ""))
    return _from_result(check, judge(rs, inp.attrs.get(field_key)))


def funding_item(rs: RuleSet, inp: ReviewInput, activity: str = EXPLORATION) -> Item:
    return _field_rule(rs, inp, "funding", "funding", "funding", judge_funding)


def netmine_item(rs: RuleSet, inp: ReviewInput, activity: str = MINING) -> Item:
    cfg = _attribute_rule(rs, "net_mine")
    return _field_rule(rs, inp, "netmine", "net_mine", "grant", judge_net_mine,
                       applies_to_mineral(rs, cfg, inp.attrs.get("mineral")) if cfg else True)


def apptype_item(rs: RuleSet | None, inp: ReviewInput, activity: str | None = None) -> Item:
    if inp.app_type_raw is not None:
        return Item("apptype", MANUAL, f"无法识别的申请类型“{inp.app_type_raw}”，按新立审查，需人工核查",
                    f"unrecognised application type '{inp.app_type_raw}': judged as new, check by hand")
    zh, en = APP_SOURCES.get(inp.app_type_source, APP_SOURCES["default"])
    return Item("apptype", OK, f"申请类型：{type_label(inp.app_type)}（取自{zh}）",
                f"application type: {type_label(inp.app_type, 'en')} (from the {en})")


def activity_item(rs: RuleSet | None, inp: ReviewInput, activity: str | None = None) -> Item:
    if inp.activity in (MINING, EXPLORATION):
        zh, en = SOURCE_LABELS[inp.activity_source]
        return Item("activity", OK, f"审查类型取自{zh}", f"activity from the {en}")
    return Item("activity", ARGUE, "未注明勘查或开采（无矿业权类型字段、参数或可识别的图层名称），按新设采矿权审查；"
                                   "注明类型后方可判定符合",
                "activity not given (no field, parameter or telling layer name): judged as a new mining right; "
                "give the activity before the feature can comply")


# ---- the registry of checks -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckSpec:
    """One check of the review. ``judge(rs, inp, activity) -> Item`` says what the plan says for one feature;
    ``applies_to``: the activities it judges (for the other one the item is 不适用); ``needs_fields``: attribute
    keys whose field must exist (else 未检查). ``reviewed``: run for every feature by :func:`decide` —
    审查类型 and 申请类型 are the review's working facts, added by decide() itself. Labels: rules.model.vocab.CHECKS."""

    id: str
    judge: Callable[[RuleSet, ReviewInput, str], Item]
    applies_to: tuple = (MINING, EXPLORATION)
    needs_fields: tuple = ()
    reviewed: bool = True

    @property
    def label(self) -> Check:
        return CHECK_BY_ID[self.id]


# A new check: a module of its own in rules/checks/ with a pure judge, an ``<id>_item`` adapter above, a row here,
# its label in rules.model.vocab.CHECKS, its output columns in core/outputs/columns.py and its row in
# docs/decision.md (tests/test_decision.py holds the registry, the vocabulary and the docs together).
REGISTRY = (
    CheckSpec("overlap", overlap_item),
    CheckSpec("siting", siting_item),
    CheckSpec("scale", scale_item, (MINING,), ("mineral",)),          # 专栏6 is about 新建矿山
    CheckSpec("policy", policy_item, (MINING,), ("mineral",)),        # 专栏7 is about 开采矿种
    CheckSpec("zone", zone_item),
    CheckSpec("right", right_item),
    CheckSpec("sanlv", sanlv_item, (MINING,)),                        # 三率 are about mines
    CheckSpec("funding", funding_item, (EXPLORATION,)),
    CheckSpec("netmine", netmine_item, (MINING,)),
    CheckSpec("activity", activity_item, reviewed=False),
    CheckSpec("apptype", apptype_item, reviewed=False),
)
CHECK_SPECS = {c.id: c for c in REGISTRY}
ALL_CHECKS = tuple(c.id for c in REGISTRY if c.reviewed)
MINING_ONLY = tuple(c.id for c in REGISTRY if c.applies_to == (MINING,))
EXPLORATION_ONLY = tuple(c.id for c in REGISTRY if c.applies_to == (EXPLORATION,))
NEEDS_FIELDS = {c.id: c.needs_fields for c in REGISTRY if c.needs_fields}
# checks whose verdict depends on the application type: decide() then states the type (申请类型 item)
TYPE_DEPENDENT = ("scale", "siting", "right", "policy")


def check_item(rs: RuleSet, inp: ReviewInput, check: str) -> Item:
    """The outcome of ONE check for a feature (what a single-check algorithm reports)."""
    activity = inp.activity if inp.activity in (MINING, EXPLORATION) else MINING
    spec = CHECK_SPECS[check]
    if activity not in spec.applies_to:
        c = spec.label
        if activity == EXPLORATION:
            return _not_applicable(check, f"勘查项目不适用{c.zh}（适用于采矿权）",
                                   f"{c.en} does not apply to exploration (it applies to mining rights)")
        return _not_applicable(check, f"采矿权不适用{c.zh}（适用于探矿权）",
                               f"{c.en} does not apply to mining (it applies to exploration rights)")
    return spec.judge(rs, inp, activity)


def decide(rs: RuleSet, inp: ReviewInput, checks=ALL_CHECKS) -> Decision:
    """The feature's review verdict and its 事项, fail closed (see the module's policy table)."""
    items = [check_item(rs, inp, c) for c in checks]
    items.append(activity_item(rs, inp))
    if any(c in checks for c in TYPE_DEPENDENT):
        items.append(apptype_item(rs, inp))
    applicable = [it for it in items if it.verdict != NOT_APPLICABLE]
    if not any(it.check not in ("activity", "apptype") for it in applicable):
        return Decision(ARGUE, items)     # nothing was judged: never 符合
    worst = max((it.final for it in applicable), key=severity)
    return Decision(worst if worst in (FAIL, ARGUE) else OK, items)


__all__ = ["ALL_CHECKS", "CHECK_SPECS", "REGISTRY", "CategoryOverlap", "CheckSpec", "Decision", "GEOM_NULL", "GEOM_OK", "GEOM_REPAIRED", "GEOM_SKIPPED",
           "GEOM_UNUSABLE", "Item", "ReviewInput", "check_item", "decide", "layer_activity_hint",
           "resolve_activity"]
