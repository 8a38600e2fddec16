"""rules.checks.decision.decide — the one place a feature's verdict is made: every class of combination, fail closed.
Pure Python: no QGIS objects here."""
import pytest

from mineplan.rules.checks.controls import CategoryOverlap
from mineplan.rules.checks.decision import (
    GEOM_NULL,
    GEOM_OK,
    GEOM_REPAIRED,
    GEOM_SKIPPED,
    GEOM_UNUSABLE,
    SOURCE_DEFAULT,
    SOURCE_FIELD,
    ReviewInput,
    decide,
    resolve_activity,
)
from mineplan.rules.checks.rights import RightMatch
from mineplan.rules.checks.siting import SitingFacts
from mineplan.rules.checks.zones import ZoneHit

FOUR = ("eco", "farm", "urban", "reserve")
GOOD_GOLD = {"mineral": "金矿", "scale": "中型", "capacity": 12, "capacity_unit": "万吨/年", "reserves": 96,
             "reserves_unit": "万吨", "method": "地下", "mining_recovery": 90, "processing_recovery": 85,
             "comprehensive_use": 65}
ALL_FIELDS = ("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit", "method", "mining_recovery",
              "processing_recovery", "comprehensive_use", "funding", "grant", "licence")
ROLES = ("kmin", "conc", "mblk", "eblk")


def in_block(role="mblk", share=1.0):
    """Siting facts of a feature lying in a zone of ``role`` by ``share``."""
    return SitingFacts({role: share}, ROLES, 0.0, True)


def clear(area=0.0, cats=FOUR):
    return [CategoryOverlap(c, c, area if c == "eco" else 0.0, None, ["P1"] if area and c == "eco" else [])
            for c in cats]


def in_kmin():
    """In the 重点开采区 and in a (hypothetical) 开采规划区块 whose layer gives 金矿 as its 开采主矿种 (专栏8 has none)."""
    return {"kmin": ZoneHit("kmin", "KMIN01", "小秦岭金矿重点开采区", 1.0), "conc": None,
            "mblk": ZoneHit("mblk", "MBX", "假设的金矿开采规划区块", 1.0, ["金矿"])}


def in_iron_block():
    """As in_kmin, the hypothetical block set for 铁矿 (a block for another mineral is 不符合, 第五章第四节)."""
    return {**in_kmin(), "mblk": ZoneHit("mblk", "MBY", "假设的铁矿开采规划区块", 1.0, ["铁矿"])}


def inp(**kw):
    """A new gold mine that passes everything: in a 开采规划区块 (hypothetical for gold — the plan has none),
    in the 重点开采区, clear of control lines, 三率 above every minimum."""
    base = dict(activity="mining", activity_source=SOURCE_FIELD, geometry=GEOM_OK, attrs=dict(GOOD_GOLD),
                fields_found=ALL_FIELDS, overlaps=clear(), required_controls=FOUR, zone_hits=in_kmin(),
                zone_roles_given=ROLES, siting=in_block())
    base.update(kw)
    return ReviewInput(**base)


# (case, input changes, review verdict, {check: check verdict})
CASES = [
    ("everything passes", {}, "符合", {"overlap": "符合", "scale": "符合", "policy": "符合", "zone": "符合"}),
    ("repaired geometry still judged", {"geometry": GEOM_REPAIRED}, "符合", {"overlap": "符合"}),
    ("red line overlap, mining", {"overlaps": clear(500.0)}, "不符合", {"overlap": "冲突"}),
    ("red line overlap, exploration", {"overlaps": clear(500.0), "activity": "exploration"}, "需论证",
     {"overlap": "需论证", "scale": "不适用", "policy": "不适用"}),
    ("sliver below tolerance", {"overlaps": clear(0.4)}, "符合", {"overlap": "符合"}),
    ("no control layer", {"overlaps": None}, "需论证", {"overlap": "未检查"}),
    ("a statutory line missing", {"overlaps": clear(cats=("eco", "farm", "urban"))}, "需论证", {"overlap": "未检查"}),
    ("a line missing but a conflict found", {"overlaps": clear(500.0, cats=("eco",))}, "不符合", {"overlap": "冲突"}),
    ("single check: only the layers asked", {"overlaps": clear(cats=("eco",)), "required_controls": ()}, "符合",
     {"overlap": "符合"}),
    ("NULL geometry", {"geometry": GEOM_NULL, "overlaps": []}, "需论证", {"overlap": "无几何", "zone": "需论证"}),
    ("invalid geometry skipped", {"geometry": GEOM_SKIPPED, "overlaps": []}, "需论证", {"overlap": "无几何"}),
    ("unusable geometry (point)", {"geometry": GEOM_UNUSABLE, "overlaps": []}, "需论证", {"overlap": "无几何"}),
    ("no zone layer", {"zone_hits": None}, "需论证", {"zone": "未检查"}),
    ("below the minimum scale", {"attrs": {**GOOD_GOLD, "capacity": 8}}, "不符合", {"scale": "不符合"}),
    ("small gold: '/' cell", {"attrs": {**GOOD_GOLD, "scale": "小型", "capacity": 6}}, "不符合", {"scale": "不得新建"}),
    ("no capacity value", {"attrs": {**GOOD_GOLD, "capacity": None}}, "需论证", {"scale": "需人工核查"}),
    ("no mineral field", {"fields_found": ("scale", "capacity")}, "需论证", {"scale": "未检查", "policy": "未检查"}),
    ("unknown mineral", {"attrs": {**GOOD_GOLD, "mineral": "锂辉石"}}, "需论证",
     {"scale": "需人工核查", "policy": "需人工核查"}),
    ("forbidden mineral", {"attrs": {**GOOD_GOLD, "mineral": "砖瓦用粘土"}}, "不符合", {"policy": "不符合"}),
    ("exploration: scale and policy do not apply", {"activity": "exploration", "siting": in_block("eblk"),
                                                    "attrs": {"mineral": "金矿", "funding": "企业自筹"}}, "符合",
     {"scale": "不适用", "policy": "不适用", "sanlv": "不适用"}),
    ("activity unknown", {"activity": None, "activity_source": SOURCE_DEFAULT}, "需论证", {"activity": "需论证"}),
    ("two entities in one 开采规划区块", {"attrs": {**GOOD_GOLD}, "block_counts": {"mblk": 2},
                                    "zone_hits": {**in_kmin(), "mblk": ZoneHit("mblk", "MB01", "仓珠峪", 1.0)}},
     "不符合", {"zone": "不符合"}),
    ("建筑石料 outside 集中/重点开采区", {"attrs": {"mineral": "建筑石料", "scale": "中型", "capacity": 120},
                                "zone_hits": {"kmin": None, "conc": None, "mblk": None}}, "不符合", {"zone": "不符合"}),
    ("fail beats argue", {"overlaps": None, "attrs": {**GOOD_GOLD, "capacity": 8}}, "不符合",
     {"overlap": "未检查", "scale": "不符合"}),
    # ---- issue 10: where a new right may go, application types, existing rights, attribute rules
    ("new mine outside every block", {"siting": SitingFacts({"mblk": 0.0, "conc": 0.0}, ROLES, 0.0, True)},
     "不符合", {"siting": "不符合"}),
    ("new mine 90 % in a block (below 95 %)", {"siting": in_block("conc", 0.9)}, "不符合", {"siting": "不符合"}),
    ("no block layers", {"siting": SitingFacts({}, ("kmin",), None, False)}, "需论证", {"siting": "未检查"}),
    ("exploration outside every 勘查规划区块",
     {"activity": "exploration", "attrs": {"mineral": "金矿", "funding": "社会资金"},
      "siting": SitingFacts({"eblk": 0.0}, ROLES, None, True)}, "需论证", {"siting": "需论证"}),
    ("exploration in a 勘查规划区块, private money",
     {"activity": "exploration", "attrs": {"mineral": "金矿", "funding": "企业自筹"}, "siting": in_block("eblk")},
     "符合", {"siting": "符合", "funding": "符合"}),
    ("state-funded new exploration", {"activity": "exploration", "attrs": {"mineral": "金矿", "funding": "中央财政"},
                                      "siting": in_block("eblk")}, "不符合", {"funding": "不符合"}),
    ("exploration without a funding field", {"activity": "exploration", "attrs": {"mineral": "金矿"},
                                             "siting": in_block("eblk"), "fields_found": ("mineral",)},
     "需论证", {"funding": "未检查"}),
    ("延续 of a small gold mine: no minimum scale", {
        "app_type": "延续", "attrs": {**GOOD_GOLD, "scale": "小型", "capacity": 3, "licence": "C1"},
        "siting": SitingFacts({}, ROLES, 1.0, True),
        "match": RightMatch("matched", ["C1"], "licence", "金矿", "小型", 3, 0.0)},
     "符合", {"scale": "不适用", "siting": "不适用", "right": "符合"}),
    ("延续 without the rights layer", {"app_type": "延续", "match": None}, "需论证", {"right": "未检查"}),
    ("延续 matching no right", {"app_type": "延续", "match": RightMatch("none")}, "需论证", {"right": "需论证"}),
    ("licence matching two rights", {"app_type": "延续", "match": RightMatch("ambiguous", ["C1", "C2"], "licence")},
     "需论证", {"right": "需论证"}),
    ("enlargement: 三合一 and new-mine rules for the added part", {
        "app_type": "扩大范围", "match": RightMatch("matched", ["C1"], "overlap", "金矿", "中型", 12, 5000.0),
        "added_siting": SitingFacts({"mblk": 0.0}, ROLES, None, True, 5000.0),
        "added_overlaps": {"eco": 0.0, "farm": 0.0, "urban": 0.0, "reserve": 0.0}},
     "不符合", {"right": "需论证", "siting": "不符合", "scale": "不适用"}),
    ("enlargement whose added part hits the red line", {
        "app_type": "扩大范围", "overlaps": clear(800.0),
        "match": RightMatch("matched", ["C1"], "overlap", "金矿", "中型", 12, 800.0),
        "added_siting": SitingFacts({"mblk": 1.0}, ROLES, None, True, 800.0), "added_overlaps": {"eco": 800.0}},
     "不符合", {"overlap": "冲突"}),
    ("延续 of a mine overlapping the red line", {
        "app_type": "延续", "overlaps": clear(800.0),
        "match": RightMatch("matched", ["C1"], "licence", "金矿", "中型", 12, 0.0)}, "需论证", {"overlap": "需论证"}),
    ("deep extension inside a gold right", {"app_type": "深部或上部扩界", "siting": SitingFacts({}, ROLES, 1.0, True),
                                            "match": RightMatch("matched", ["C1"], "overlap", "金矿", "中型", 12, 0.0)},
     "需论证", {"siting": "符合", "right": "需论证"}),      # 三合一 anew: the 矿区范围 grows in depth (第七章第二节 三)
    ("deep extension outside the projection", {"app_type": "深部或上部扩界",
                                               "siting": SitingFacts({}, ROLES, 0.4, True)}, "不符合",
     {"siting": "不符合"}),
    ("deep extension of a small non-metal mine", {
        "app_type": "深部或上部扩界", "attrs": {"mineral": "饰面用花岗岩", "scale": "小型"},
        "siting": SitingFacts({}, ROLES, 1.0, True)}, "不符合", {"siting": "不符合"}),
    ("延续 of a forbidden-mineral mine: phased out", {
        "app_type": "延续", "attrs": {"mineral": "砖瓦用粘土"},
        "match": RightMatch("matched", ["C9"], "licence", "砖瓦用粘土")}, "需论证", {"policy": "需论证"}),
    ("unknown application type is judged as new and flagged", {"app_type_raw": "注销"}, "需论证", {"apptype": "需人工核查"}),
    ("open-pit iron: the 专栏6 row is underground only", {
        "attrs": {**GOOD_GOLD, "mineral": "铁矿", "capacity": 50, "method": "露天"}, "zone_hits": in_iron_block()},
     "需论证",
     {"scale": "需人工核查"}),
    ("iron without a method field", {"attrs": {**GOOD_GOLD, "mineral": "铁矿", "capacity": 50},
                                     "zone_hits": in_iron_block(),
                                     "fields_found": ("mineral", "scale", "capacity", "capacity_unit")},
     "需论证", {"scale": "未检查"}),
    ("三率 below the minimum", {"attrs": {**GOOD_GOLD, "mining_recovery": 70}}, "不符合", {"sanlv": "不符合"}),
    ("三率 inside the condition-dependent range", {"attrs": {**GOOD_GOLD, "mining_recovery": 80}}, "需论证",
     {"sanlv": "需人工核查"}),
    ("三率 as fractions", {"attrs": {**GOOD_GOLD, "mining_recovery": 0.9, "processing_recovery": 0.85,
                                    "comprehensive_use": 0.65}}, "符合", {"sanlv": "符合"}),
    ("no 三率 field", {"fields_found": ("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit",
                                      "method")}, "需论证", {"sanlv": "未检查"}),
    ("三率 not covered for the mineral", {"attrs": {"mineral": "建筑石料", "scale": "中型", "capacity": 120,
                                                  "grant": "净矿出让"},
                                        "zone_hits": {"conc": ZoneHit("conc", "SC41120000001", "苏村", 1.0)},
                                        "siting": in_block("conc")}, "符合", {"sanlv": "不适用", "netmine": "符合"}),
    ("建筑石料 not granted 净矿", {"attrs": {"mineral": "建筑石料", "scale": "中型", "capacity": 120, "grant": "挂牌"},
                                "zone_hits": {"conc": ZoneHit("conc", "SC41120000001", "苏村", 1.0)},
                                "siting": in_block("conc")}, "不符合", {"netmine": "不符合"}),   # 全面实施 (第五章第四节)
    ("exploration in a core zone", {"activity": "exploration", "attrs": {"mineral": "金矿", "funding": "自筹"},
                                    "siting": in_block("eblk"), "overlaps": clear(5000.0),
                                    "core_overlaps": {"eco": 3000.0, "reserve": None}},
     "不符合", {"overlap": "冲突"}),
    ("exploration in the general zone", {"activity": "exploration", "attrs": {"mineral": "金矿", "funding": "自筹"},
                                         "siting": in_block("eblk"), "overlaps": clear(5000.0),
                                         "core_overlaps": {"eco": 0.0}}, "需论证", {"overlap": "需论证"}),
]


@pytest.mark.parametrize("case,changes,verdict,checks", CASES, ids=[c[0] for c in CASES])
def test_policy_table(ruleset, case, changes, verdict, checks):
    d = decide(ruleset, inp(**changes))
    assert d.verdict == verdict, (case, d.reasons)
    for check, expected in checks.items():
        assert d.item(check).verdict == expected, (case, check, d.item(check).reason)


def test_reasons_name_every_unchecked_check_worst_first(ruleset):
    d = decide(ruleset, inp(overlaps=None, zone_hits=None, attrs={**GOOD_GOLD, "capacity": 8}))
    assert d.reasons[0].startswith("【最低开采规模·不符合】")
    assert any("未提供控制线图层" in r for r in d.reasons) and any("未提供规划分区图层" in r for r in d.reasons)
    assert [it.check for it in d.not_checked] == ["overlap", "zone"]


def test_compliant_says_so_and_cites_clauses(ruleset):
    d = decide(ruleset, inp())
    assert d.reasons == ["各项检查均符合规划"] and "第五章第一节 专栏6" in d.clauses and "第五章第四节" in d.clauses


def test_not_applicable_says_which_type(ruleset):
    d = decide(ruleset, inp(app_type="延续", match=RightMatch("matched", ["C1"], "licence", "金矿", "中型", 12, 0.0)))
    assert d.item("scale").reason == "不适用：延续登记不受新建矿山最低开采规模限制（专栏6）"


def test_core_zone_unknown_is_said(ruleset):
    d = decide(ruleset, inp(activity="exploration", attrs={"mineral": "金矿", "funding": "自筹"},
                            siting=in_block("eblk"), overlaps=clear(5000.0), core_overlaps={"eco": None}))
    assert d.verdict == "需论证" and "未能核查是否位于核心保护区" in d.item("overlap").reason
    assert "规划外依据" in d.item("overlap").reason          # the 142号 basis is marked as outside the plan


def test_inferred_zone_mineral_is_marked(ruleset):
    hits = {"kexp": ZoneHit("kexp", "KEXP01", "小秦岭金多金属重点勘查区", 1.0)}
    d = decide(ruleset, inp(activity="exploration", attrs={"mineral": "银矿", "funding": "自筹"},
                            siting=in_block("eblk"), zone_hits=hits))
    z = d.item("zone")
    assert z.verdict == "需论证" and "非规划原文" in z.reason and "银矿" in z.reason


def test_nothing_judged_is_never_compliant(ruleset):
    """Exploration with only the mining-only checks asked: nothing applies, so nothing can be 符合."""
    d = decide(ruleset, inp(activity="exploration"), checks=("scale", "policy"))
    assert d.verdict == "需论证"


def test_single_check_reports_its_own_verdict(ruleset):
    from mineplan.rules.checks.decision import check_item
    assert check_item(ruleset, inp(overlaps=clear(500.0)), "overlap").verdict == "冲突"
    assert check_item(ruleset, inp(activity="exploration"), "scale").verdict == "不适用"


@pytest.mark.parametrize("field,param,role,layer,expected", [
    ("采矿权", None, None, "", ("mining", "field")),
    ("探矿权", "mining", None, "", ("exploration", "field")),        # the field wins
    (None, "exploration", None, "", ("exploration", "parameter")),
    (None, None, "eblk", "", ("exploration", "role")),
    (None, None, "proposed", "勘查申请", ("exploration", "layer")),
    (None, None, None, "layer 1", (None, "default")),
    ("?", None, None, "mining_apps", ("mining", "layer")),
])
def test_activity_resolution(field, param, role, layer, expected):
    assert resolve_activity(field, param, role, layer) == expected


def test_registry_vocabulary_and_docs_agree():
    """One registry of checks: every check id has a judge, a label in the vocabulary and a row in the policy
    table of docs/decision.md; decide() runs exactly the registry's reviewed checks."""
    import os
    import re

    from mineplan.rules.checks.decision import ALL_CHECKS, CHECK_SPECS, REGISTRY
    from mineplan.rules.model.vocab import CHECKS
    assert [c.id for c in REGISTRY] == [c.id for c in CHECKS]
    assert ALL_CHECKS == tuple(c.id for c in REGISTRY if c.reviewed) and "activity" not in ALL_CHECKS
    with open(os.path.join(os.path.dirname(__file__), "..", "docs", "decision.md"), encoding="utf-8") as fh:
        rows = [line for line in fh if line.startswith("| ") and not line.startswith("| check")]
    documented = {m.group(1) for line in rows for m in [re.match(r"\| \S+ (\w+) \|", line)] if m}
    assert documented >= set(CHECK_SPECS), set(CHECK_SPECS) - documented
    assert all(callable(c.judge) and c.label.zh for c in REGISTRY)


def test_registry_drives_applicability(ruleset):
    """A check that applies to one activity only is 不适用 for the other, from the registry's applies_to."""
    from mineplan.rules.checks.decision import REGISTRY, check_item
    from mineplan.rules.model.vocab import EXPLORATION, MINING, NOT_APPLICABLE
    for spec in REGISTRY:
        for act in (MINING, EXPLORATION):
            if act not in spec.applies_to:
                assert check_item(ruleset, inp(activity=act), spec.id).verdict == NOT_APPLICABLE, (spec.id, act)
