"""The plugin's one vocabulary: layer roles, control-line categories, checks, verdict codes, activities,
labels and colours — defined here once and imported everywhere (pure Python, no QGIS).

Verdict and status values are fixed Chinese codes: they are data written into output fields, never
translated. Labels come in pairs (Chinese, English); the UI shows one language (``core.support.i18n.label``).
"""
from __future__ import annotations

from dataclasses import dataclass

# ---- verdict codes ------------------------------------------------------------------------------------
# what a single check can say
OK = "符合"
CONFLICT = "冲突"            # overlap with a control line where the plan forbids it
ARGUE = "需论证"
NO_GEOMETRY = "无几何"       # the overlap check on a feature without a usable geometry
FAIL = "不符合"
NO_NEW = "不得新建"
MANUAL = "需人工核查"
NOT_APPLICABLE = "不适用"    # the rule does not apply to this feature (e.g. minimum scale for exploration)
NOT_CHECKED = "未检查"       # the rule applies but could not be checked (missing layer, field, geometry)
# what a feature's review can say (the decision function maps every check verdict onto these three)
FINAL_VERDICTS = (OK, FAIL, ARGUE)
# indicator statuses
MET = "达标"
NOT_MET = "未达标"
NO_DATA = "无数据"

# Severity used to combine verdicts (higher = worse). 不适用 is neutral: it never decides anything.
SEVERITY = {NOT_APPLICABLE: -1, NO_DATA: -1, OK: 0, MET: 0, NO_GEOMETRY: 1, ARGUE: 1, MANUAL: 1, NOT_CHECKED: 1,
            CONFLICT: 2, FAIL: 2, NO_NEW: 2, NOT_MET: 2}
VERDICT_EN = {OK: "compliant", CONFLICT: "conflict", ARGUE: "needs justification", NO_GEOMETRY: "no geometry",
              FAIL: "non-compliant", NO_NEW: "no new mine allowed", MANUAL: "manual check needed",
              NOT_APPLICABLE: "not applicable", NOT_CHECKED: "not checked", MET: "met", NOT_MET: "not met",
              NO_DATA: "no data"}

# colours (hex) by what a code means: red = fails, amber = needs work, green = passes, grey = neutral
RED, AMBER, GREEN, GREY = "#c62828", "#b26a00", "#2e7d32", "#757575"
COLOURS = {OK: GREEN, CONFLICT: RED, ARGUE: AMBER, NO_GEOMETRY: AMBER, FAIL: RED, NO_NEW: RED, MANUAL: AMBER,
           NOT_APPLICABLE: GREY, NOT_CHECKED: AMBER, MET: GREEN, NOT_MET: RED, NO_DATA: GREY}
# light fills for tables and map styles, and the report's CSS classes (same meaning as COLOURS)
# 审查意见书 (core/report/opinion.py): the 审查结论 per final verdict, (zh, en); {plan} the plan's name, {checks} the checks
# that decided it
OPINION_CONCLUSIONS = {
    OK: ("经审查，该申请符合《{plan}》，同意通过规划符合性审查，请按程序办理。",
         "The application complies with the {plan}; it passes the plan compliance review and may proceed."),
    FAIL: ("经审查，该申请不符合《{plan}》（涉及：{checks}），不同意通过规划符合性审查。申请人调整至符合规划后，可重新申请审查。",
           "The application does not comply with the {plan} ({checks}); it does not pass the plan compliance review. "
           "The applicant may apply again once the application is brought into line with the plan."),
    ARGUE: ("经审查，该申请尚需进一步论证（涉及：{checks}）。请申请人补充相关材料或论证后，重新申请审查。",
            "The application needs further justification ({checks}). The applicant is asked to supply the missing "
            "material or justification and apply again."),
}
FILLS = {OK: "#dff0d8", FAIL: "#f8d7da", ARGUE: "#fff3cd", NOT_APPLICABLE: "#eeeeee"}
CSS = {OK: "v-ok", FAIL: "v-fail", ARGUE: "v-argue", NOT_APPLICABLE: ""}


def severity(verdict: str | None) -> int:
    return SEVERITY.get(verdict, 1) if verdict else 1


def final_of(verdict: str | None) -> str:
    """The review verdict (符合/不符合/需论证) a check verdict maps to; 不适用 maps to 符合 (neutral)."""
    s = severity(verdict)
    return FAIL if s == 2 else (ARGUE if s == 1 else OK)


def _meaning(verdict: str | None) -> str:
    """符合 / 不符合 / 需论证, or 不适用 for the neutral codes (不适用, 无数据)."""
    return NOT_APPLICABLE if severity(verdict) < 0 else final_of(verdict)


def fill_of(verdict: str | None) -> str:
    return FILLS[_meaning(verdict)]


def css_of(verdict: str | None) -> str:
    return CSS[_meaning(verdict)]


# ---- activities ---------------------------------------------------------------------------------------
MINING = "mining"
EXPLORATION = "exploration"
ACTIVITY_LABELS = {MINING: ("开采", "mining"), EXPLORATION: ("勘查", "exploration")}


# ---- application types (申请类型) ---------------------------------------------------------------------
NEW = "新立"
RENEWAL = "延续"
ENLARGE = "扩大范围"                  # 变更（扩大矿区范围）
CHANGE_MINERAL = "变更矿种"
CHANGE_SCALE = "变更规模"
TRANSFER = "转让"
EXPLORATION_TO_MINING = "探矿权转采矿权"
VERTICAL = "深部或上部扩界"
APP_TYPES = (NEW, RENEWAL, ENLARGE, CHANGE_MINERAL, CHANGE_SCALE, TRANSFER, EXPLORATION_TO_MINING, VERTICAL)
APP_TYPE_LABELS = {NEW: ("新立", "new"), RENEWAL: ("延续", "renewal"), ENLARGE: ("变更（扩大范围）", "change: larger area"),
                   CHANGE_MINERAL: ("变更（变更矿种）", "change: mineral"), CHANGE_SCALE: ("变更（变更规模）", "change: scale"),
                   TRANSFER: ("转让", "transfer"), EXPLORATION_TO_MINING: ("探矿权转采矿权", "exploration to mining"),
                   VERTICAL: ("深部或上部扩界", "deep or upper extension")}
# types that create a new mine or right (the plan's 新建/新设 rules apply to the whole feature)
NEW_TYPES = (NEW, EXPLORATION_TO_MINING)
# types that continue an existing right (compared with it)
CONTINUING_TYPES = (RENEWAL, ENLARGE, CHANGE_MINERAL, CHANGE_SCALE, TRANSFER, VERTICAL)
# spellings seen in registers (matched after NFKC, case folding and removal of spaces and brackets)
APP_TYPE_ALIASES = {
    NEW: ("新立", "新设", "新申请", "首次申请", "新立采矿权", "新立探矿权", "采矿权新立", "探矿权新立", "出让新立", "新立登记",
          "new", "newright", "newapplication"),
    RENEWAL: ("延续", "延期", "续期", "延续登记", "采矿权延续", "探矿权延续", "采矿许可证延续", "renewal", "extension"),
    ENLARGE: ("扩大范围", "扩大矿区范围", "变更扩大范围", "变更扩大矿区范围", "扩大勘查范围", "变更矿区范围", "扩界", "范围变更",
              "enlargement", "enlarge"),
    CHANGE_MINERAL: ("变更矿种", "变更开采矿种", "变更勘查矿种", "增加矿种", "变更变更矿种", "矿种变更", "changemineral"),
    CHANGE_SCALE: ("变更规模", "变更开采规模", "变更生产规模", "扩大规模", "变更变更规模", "规模变更", "changescale"),
    TRANSFER: ("转让", "转让变更", "采矿权转让", "探矿权转让", "transfer"),
    EXPLORATION_TO_MINING: ("探矿权转采矿权", "探转采", "探矿权转采", "划定矿区范围", "explorationtomining"),
    VERTICAL: ("深部或上部扩界", "深部扩界", "上部扩界", "深部扩大", "扩深", "深部延伸", "深部或上部扩大", "deepextension"),
}


# ---- checks -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    id: str
    zh: str
    en: str


CHECKS = (
    Check("overlap", "控制线压覆", "control-line overlap"),
    Check("siting", "设置区域", "where a right may be set"),
    Check("scale", "最低开采规模", "minimum mining scale"),
    Check("policy", "开采矿种准入", "mineral policy"),
    Check("zone", "规划分区", "planning zones"),
    Check("right", "现有矿业权对照", "existing right"),
    Check("sanlv", "三率指标", "recovery rates (三率)"),
    Check("funding", "勘查资金来源", "exploration funding"),
    Check("netmine", "净矿出让", "'clean' grant (净矿出让)"),
    Check("activity", "审查类型", "activity"),
    Check("apptype", "申请类型", "application type"),
)
CHECK_BY_ID = {c.id: c for c in CHECKS}


# ---- layer roles --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Role:
    id: str
    zh: str
    en: str
    param: str            # processing parameter key of this role (the review uses the same names)
    kind: str             # control / zone / rights / review
    patterns: tuple = ()  # layer-name patterns for auto-detection (regular expressions, case-folded)


ROLES = (
    Role("eco", "生态保护红线", "Ecological protection red line", "ECO_REDLINE", "control",
         ("生态保护红线", "生态红线", "sthx", "stbhhx", "eco_?red", "redline", "ecological")),
    Role("farm", "永久基本农田", "Permanent basic farmland", "BASIC_FARMLAND", "control",
         ("永久基本农田", "基本农田", "jbnt", "yjjbnt", "farmland", "basic_?farm")),
    Role("urban", "城镇开发边界", "Urban development boundary", "URBAN_BOUNDARY", "control",
         ("城镇开发边界", "开发边界", "czkfbj", "urban")),
    Role("reserve", "自然保护地", "Nature reserves", "NATURE_RESERVE", "control",
         ("自然保护地", "自然保护区", "保护地", "zrbhd", "zrbhq", "bhd", "nature_?reserve", "reserve")),
    Role("other", "其他管控要素", "Other constraint layers", "OTHER_CONSTRAINTS", "control", ()),
    Role("kexp", "重点勘查区", "Key exploration areas", "KEY_EXPLORATION_AREAS", "zone",
         ("重点勘查区", "key_?exploration", "zdktq", "zdkcq_kc")),
    Role("kmin", "重点开采区", "Key mining areas", "KEY_MINING_AREAS", "zone", ("重点开采区", "key_?mining", "zdkcq")),
    Role("conc", "集中开采区", "Concentrated mining areas", "CONCENTRATED_MINING_AREAS", "zone",
         ("集中开采区", "concentrated", "jzkcq")),
    Role("eblk", "勘查规划区块", "Exploration planning blocks", "EXPLORATION_BLOCKS", "zone",
         ("勘查规划区块", "勘查区块", "kancqk", "kcqk", "exploration_?blocks?")),
    Role("mblk", "开采规划区块", "Mining planning blocks", "MINING_BLOCKS", "zone",
         ("开采规划区块", "开采区块", "采矿权设置", "kaicqk", "mining_?blocks?")),
    Role("kdev", "重点发展区域", "Key development areas", "KEY_DEVELOPMENT_AREAS", "zone",
         ("重点发展区域", "发展区域", "development")),
    Role("mining_rights", "采矿权", "Mining rights", "MINING_RIGHTS", "rights", ("采矿权", "ckq", "mining_?rights?")),
    Role("exploration_rights", "探矿权", "Exploration rights", "EXPLORATION_RIGHTS", "rights",
         ("探矿权", "tkq", "exploration_?rights?")),
    Role("proposed", "待审查要素", "Features under review", "PROPOSED", "review",
         ("申请", "待审查", "proposed", "application")),
)
ROLE_BY_ID = {r.id: r for r in ROLES}
# Readable role keys a rule file may use instead of the short ids (mining_blocks for mblk, basic_farmland for
# farm …): the role's processing parameter key in lower case. The short ids stay what the code, the output fields
# (mblk_share, eco_area_m2 …) and the bundled files use; the rule file is read with either (rules.model.yamlio).
ROLE_KEY_ALIASES = {r.param.lower(): r.id for r in ROLES if r.param.lower() != r.id}


def canonical_role(key):
    """A role key as the code knows it: a readable alias becomes the short id; anything else is returned as is."""
    return ROLE_KEY_ALIASES.get(key.casefold(), key) if isinstance(key, str) else key
CONTROL_ROLES = tuple(r.id for r in ROLES if r.kind == "control" and r.id != "other")   # the four named lines
ZONE_ROLES = tuple(r.id for r in ROLES if r.kind == "zone")
RIGHTS_ROLES = ("mining_rights", "exploration_rights")
# roles whose features the dock reviews (and which activity a feature of that role has, None = from data)
REVIEWED_ROLES = {"proposed": None, "mblk": MINING, "eblk": EXPLORATION, "mining_rights": MINING,
                  "exploration_rights": EXPLORATION}
# zone roles are short prefixes of the output fields (kexp_id, mblk_share …); control categories too
# (eco_area_m2 …); "other" categories are numbered other_1, other_2 …


# ---- siting areas (可布设区域分析) and avoidance (避让调整) — their own result codes, not review verdicts -----
# mineplan:sitingareas: per zone considered, whether a new right of the mineral may be placed in it
SITE_OK = "可布设"              # some of the zone is offered
SITE_NONE = "不可布设"          # nothing of the zone is offered (the reason says why)
SITING_CODES = (SITE_OK, SITE_NONE)
# mineplan:avoidconstraints: what is left of a feature after removing every control-line overlap
AVOIDABLE = "可避让"            # the largest remaining part is at least the minimum area
FRAGMENTED = "避让后破碎"       # only parts smaller than the minimum remain
UNAVOIDABLE = "无法避让"        # nothing is left
NO_AVOIDANCE = "无需避让"       # no overlap at or above the sliver tolerance: the feature is unchanged
AVOID_CODES = (AVOIDABLE, FRAGMENTED, UNAVOIDABLE, NO_AVOIDANCE, NO_GEOMETRY)
PROPOSAL_OK = "可提交"          # a hole-free boundary within the corner budget, verified clear of every control line
PROPOSAL_NONE = "无法形成"      # no such boundary (nothing or only small fragments left, or the check failed)
PROPOSAL_UNCHANGED = "无需调整"  # no overlap: the original boundary stands
PROPOSAL_CODES = (PROPOSAL_OK, PROPOSAL_NONE, PROPOSAL_UNCHANGED, NO_GEOMETRY)
RESULT_EN = {SITE_OK: "may be placed", SITE_NONE: "not available", AVOIDABLE: "avoidable",
             FRAGMENTED: "fragmented after avoidance", UNAVOIDABLE: "cannot avoid",
             NO_AVOIDANCE: "no avoidance needed"}
RESULT_COLOURS = {SITE_OK: GREEN, SITE_NONE: GREY, AVOIDABLE: GREEN, FRAGMENTED: AMBER, UNAVOIDABLE: RED,
                  NO_AVOIDANCE: GREY, NO_GEOMETRY: AMBER}


def result_colour(code: str) -> str:
    return RESULT_COLOURS.get(code, GREY)


def result_fill(code: str) -> str:
    """The light fill of a siting or avoidance result: the fill of the verdict with the same colour."""
    return {GREEN: FILLS[OK], RED: FILLS[FAIL], AMBER: FILLS[ARGUE]}.get(result_colour(code), FILLS[NOT_APPLICABLE])
