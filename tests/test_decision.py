"""rules.decision.decide — the one place a feature's verdict is made: every class of combination, fail closed.
Pure Python: no QGIS objects here."""
import pytest

from mineplan.rules.controls import CategoryOverlap
from mineplan.rules.decision import (
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
from mineplan.rules.zones import ZoneHit

FOUR = ("eco", "farm", "urban", "reserve")
GOOD_GOLD = {"mineral": "金矿", "scale": "中型", "capacity": 12, "capacity_unit": "万吨/年", "reserves": 96,
             "reserves_unit": "万吨"}


def clear(area=0.0, cats=FOUR):
    return [CategoryOverlap(c, c, area if c == "eco" else 0.0, None, ["P1"] if area and c == "eco" else [])
            for c in cats]


def in_kmin():
    return {"kmin": ZoneHit("kmin", "KMIN01", "小秦岭金矿重点开采区", 1.0), "conc": None, "mblk": None}


def inp(**kw):
    base = dict(activity="mining", activity_source=SOURCE_FIELD, geometry=GEOM_OK, attrs=dict(GOOD_GOLD),
                fields_found=("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit"),
                overlaps=clear(), required_controls=FOUR, zone_hits=in_kmin(), zone_roles_given=("kmin", "conc", "mblk"))
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
    ("exploration: scale and policy do not apply", {"activity": "exploration", "attrs": {"mineral": "金矿"}}, "符合",
     {"scale": "不适用", "policy": "不适用"}),
    ("activity unknown", {"activity": None, "activity_source": SOURCE_DEFAULT}, "需论证", {"activity": "需论证"}),
    ("two entities in one 开采规划区块", {"attrs": {**GOOD_GOLD}, "block_counts": {"mblk": 2},
                                    "zone_hits": {**in_kmin(), "mblk": ZoneHit("mblk", "MB01", "仓珠峪", 1.0)}},
     "不符合", {"zone": "不符合"}),
    ("建筑石料 outside 集中/重点开采区", {"attrs": {"mineral": "建筑石料", "scale": "中型", "capacity": 120},
                                "zone_hits": {"kmin": None, "conc": None, "mblk": None}}, "不符合", {"zone": "不符合"}),
    ("fail beats argue", {"overlaps": None, "attrs": {**GOOD_GOLD, "capacity": 8}}, "不符合",
     {"overlap": "未检查", "scale": "不符合"}),
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
    assert d.reasons == ["各项检查均符合规划"] and "第五章第一节 专栏6" in d.clauses


def test_nothing_judged_is_never_compliant(ruleset):
    """Exploration with only the mining-only checks asked: nothing applies, so nothing can be 符合."""
    d = decide(ruleset, inp(activity="exploration"), checks=("scale", "policy"))
    assert d.verdict == "需论证"


def test_single_check_reports_its_own_verdict(ruleset):
    from mineplan.rules.decision import check_item
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
