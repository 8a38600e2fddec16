import pytest


@pytest.mark.parametrize("name", ["砖瓦用粘土", "砖瓦用黏土", "砖瓦粘土", "砖瓦黏土", "砖瓦用粘土矿", "砖瓦用 粘土"])
def test_forbidden_brick_clay(ruleset, name):
    from mineplan.rules.checks.policy import check_mineral_policy
    r = check_mineral_policy(ruleset, name)
    assert (r.verdict, r.values["policy"], r.values["mineral_std"]) == ("不符合", "禁止开采", "砖瓦用粘土")
    assert "专栏7" in r.clause and "第三章第一节" in r.clause


@pytest.mark.parametrize("name,policy", [("地热", "重点开采"), ("金", "重点开采"), ("银矿", "重点开采"),
                                         ("晶质石墨", "重点开采"), ("矿泉水", "重点开采"), ("铁矿", "一般"),
                                         ("建筑石料", "一般")])
def test_key_and_general(ruleset, name, policy):
    from mineplan.rules.checks.policy import check_mineral_policy
    r = check_mineral_policy(ruleset, name)
    assert r.verdict == "符合" and r.values["policy"] == policy


def test_unknown_and_empty(ruleset):
    from mineplan.rules.checks.policy import check_mineral_policy
    r = check_mineral_policy(ruleset, "锂辉石")
    assert r.verdict == "需人工核查"
    assert check_mineral_policy(ruleset, None).verdict == "需人工核查"
    assert check_mineral_policy(ruleset, "  ").verdict == "需人工核查"


@pytest.mark.parametrize("text,dim,factor,basis", [
    ("矿石万吨/年", "mass", 1e4, "ore"), ("万吨", "mass", 1e4, None), ("t/a", "mass", 1, None),
    ("万t/a", "mass", 1e4, None), ("千吨", "mass", 1e3, None), ("亿吨", "mass", 1e8, None),
    ("万立方米/年", "volume", 1e4, None), ("m³/a", "volume", 1, None), ("万m3", "volume", 1e4, None),
    ("千克", "mass", 1e-3, "metal"), ("金属吨", "mass", 1, "metal"), ("矿物万吨", "mass", 1e4, "mineral"),
    ("MW", "power", 1, None),
])
def test_units(text, dim, factor, basis):
    from mineplan.rules.model.units import parse_unit
    u = parse_unit(text)
    assert (u.dimension, u.basis) == (dim, basis)
    assert u.factor == pytest.approx(factor)


def test_unit_errors():
    from mineplan.rules.model.errors import InputValueError
    from mineplan.rules.model.units import convert, parse_unit
    with pytest.raises(InputValueError):
        parse_unit("桶")
    with pytest.raises(InputValueError):
        convert(1, "吨", "立方米")
    with pytest.raises(InputValueError):
        convert(1, "金属吨", "矿石吨")
    assert convert(3, "万吨", "吨") == 30000


def test_overlap_verdicts_come_from_rules(ruleset):
    from mineplan.rules.checks.controls import CategoryOverlap, judge_overlaps
    ov = [CategoryOverlap("eco", "生态保护红线", 500.0, 5.0, ["RL1"])]
    assert judge_overlaps(ruleset, ov, "mining").verdict == "冲突"
    assert judge_overlaps(ruleset, ov, "exploration").verdict == "需论证"
    assert judge_overlaps(ruleset, ov, None).verdict == "冲突"            # unknown activity: a new mine
    sliver = [CategoryOverlap("farm", "永久基本农田", 0.4, 0.0, ["F1"])]
    r = judge_overlaps(ruleset, sliver, "mining")
    assert r.verdict == "符合" and "微小重叠" in r.reason
    assert judge_overlaps(ruleset, sliver, "mining", min_area=0.1).verdict == "冲突"
    assert judge_overlaps(ruleset, [], "mining", has_geometry=False).verdict == "无几何"
    other = [CategoryOverlap("other_1", "地质遗迹", 100.0, 1.0, [1])]
    assert judge_overlaps(ruleset, other, "mining").verdict == "需论证"


def test_activity_parsing():
    from mineplan.rules.checks.verdicts import parse_activity
    assert parse_activity("采矿权") == "mining" and parse_activity("新立采矿权") == "mining"
    assert parse_activity("探矿权") == "exploration" and parse_activity("Exploration") == "exploration"
    assert parse_activity(None) is None and parse_activity("其他") is None


def test_zone_judgement(ruleset):
    from mineplan.rules.checks.zones import ZoneHit, block_counts, judge_zones
    conc = ZoneHit("conc", "SC41120000001", "灵宝市苏村建筑石料矿集中开采区", 1.0)
    r = judge_zones(ruleset, "建筑石料", "mining", {"conc": conc}, roles_given=("conc", "kmin"))
    assert r.verdict == "符合" and r.values["in_required_zone"] == 1 and r.values["zone_mineral_ok"] == 1
    r = judge_zones(ruleset, "建筑石料用灰岩", "mining", {"conc": None, "kmin": None}, roles_given=("conc", "kmin"))
    assert r.verdict == "不符合" and r.values["in_required_zone"] == 0 and "第六章第二节" in r.clause
    r = judge_zones(ruleset, "建筑石料", "mining", {}, roles_given=("kexp",))
    assert r.verdict == "需论证"                                        # required zone layers not given
    r = judge_zones(ruleset, "硫铁矿", "mining", {"conc": ZoneHit("conc", "SC41120000002", None, 0.8)})
    assert r.verdict == "需论证" and r.values["zone_mineral_ok"] == 0
    hits = {"mblk": ZoneHit("mblk", "CK1", "仓珠峪", 1.0)}
    counts = block_counts(ruleset, [hits, hits, {"eblk": ZoneHit("eblk", "KT1", None, 1.0)},
                                    {"eblk": ZoneHit("eblk", "KT1", None, 1.0)}],
                          ["mining", "mining", "exploration", "exploration"])
    assert counts == [{"mblk": 2}, {"mblk": 2}, {"eblk": 2}, {"eblk": 2}]
    r = judge_zones(ruleset, "饰面用辉长岩", "mining", hits, counts[0])
    assert r.verdict == "不符合" and "一个开采主体" in r.reason
    r = judge_zones(ruleset, "金矿", "exploration", {"eblk": ZoneHit("eblk", "KT1", None, 1.0)}, counts[2])
    assert r.verdict == "需论证" and "一个勘查项目" in r.reason and "第四章第三节" in r.clause
    assert block_counts(ruleset, [hits], ["exploration"]) == [{}]       # exploration does not count as an entity
    assert judge_zones(ruleset, "金矿", "mining", {}, has_geometry=False).verdict == "需论证"
    r = judge_zones(ruleset, "金矿", "mining", {"kmin": ZoneHit("kmin", "X", "卢氏杜关重点开采区", 1.0)})
    assert r.values["zone_mineral_ok"] is None                             # the plan lists no main mineral
