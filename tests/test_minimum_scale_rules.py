"""专栏6, row by row, reserve scale by reserve scale: just below / equal / above the minimum.

The expected table is typed in from the plan text (not read from the rule file) so that a wrong
rule file fails here."""
import pytest

# 专栏6 灵宝市新建矿山最低开采规模设计标准 (单位/年): 大型, 中型, 小型 ("/" = no new mine of that scale)
ZHUANLAN6 = {
    "铁矿": ("矿石万吨", 100, 30, "/"),
    "铅矿": ("矿石万吨", 100, 30, "/"),
    "锌矿": ("矿石万吨", 100, 30, "/"),
    "金矿（岩金）": ("矿石万吨", 15, 9, "/"),
    "银矿": ("矿石万吨", 30, 20, 9),
    "硫铁矿": ("矿石万吨", 100, 30, "/"),
    "晶质石墨": ("矿物万吨", 1, 0.6, "/"),
    "水泥用灰岩": ("矿石万吨", 100, 50, 30),
    "建筑石料": ("矿石万吨", 300, 100, "/"),
    "冶金用石英岩": ("矿石万吨", 60, 20, 10),
    "玻璃用石英岩": ("矿石万吨", 30, 10, 5),
    "饰面用石材": ("万立方米", 10, 10, "/"),
}
CASES = []
for mineral, (_unit, *cells) in ZHUANLAN6.items():
    for scale, cell in zip(("大型", "中型", "小型"), cells):
        if cell == "/":
            CASES.append((mineral, scale, 1000.0, "不得新建"))
        else:
            CASES.append((mineral, scale, cell * 0.999, "不符合"))
            CASES.append((mineral, scale, float(cell), "符合"))
            CASES.append((mineral, scale, cell * 1.5, "符合"))


@pytest.mark.parametrize("mineral,scale,capacity,expected", CASES)
def test_zhuanlan6(ruleset, mineral, scale, capacity, expected):
    from mineplan.rules.checks.scale import check_minimum_scale
    # the 铁矿 row of 专栏6 is for underground mines: the method is given for it
    r = check_minimum_scale(ruleset, mineral, scale, capacity, method="地下" if mineral == "铁矿" else None)
    assert r.verdict == expected, r.reason
    if expected != "不得新建":
        cell = ZHUANLAN6[mineral][{"大型": 1, "中型": 2, "小型": 3}[scale]]
        assert r.values["min_capacity"] == pytest.approx(cell)
        assert r.values["scale_ok"] == (1 if expected == "符合" else 0)
    else:
        assert "“/”" in r.reason and "133号" in r.reason
    assert "专栏6" in r.clause


def test_twelve_rows(ruleset):
    assert len(ruleset.min_scale["rows"]) == 12
    assert ruleset.min_scale["reserve_scale_basis"] == "国土资发〔2000〕133号"


@pytest.mark.parametrize("name,category", [
    ("饰面用花岗岩", "饰面用石材"), ("饰面石材用辉长岩", "饰面用石材"), ("饰面用大理岩", "饰面用石材"),
    ("建筑石料用灰岩", "建筑石料"), ("建筑用白云岩", "建筑石料"), ("建筑用花岗岩", "建筑石料"),
    ("金", "金矿"), ("岩金", "金矿"), ("金矿(岩金)", "金矿"), ("金矿（岩金）", "金矿"), ("石墨", "晶质石墨"),
    ("水泥用石灰岩", "水泥用灰岩"), ("铁矿石", "铁矿"),
])
def test_aliases_and_plan_categories(ruleset, name, category):
    from mineplan.rules.checks.scale import check_minimum_scale
    r = check_minimum_scale(ruleset, name, "大型", 1e6, method="井下")
    assert r.values["plan_category"] == category
    assert r.verdict == "符合"


@pytest.mark.parametrize("method,verdict,words", [
    ("地下", "符合", "铁矿（地下）"), ("井下开采", "符合", "铁矿（地下）"), ("露天", "需人工核查", "规划未规定露天铁矿"),
    ("open pit", "需人工核查", "规划未规定露天"), (None, "需人工核查", "未注明开采方式"), ("联合", "需人工核查", "联合开采"),
    ("xyz", "需人工核查", "无法识别的开采方式"),
])
def test_iron_row_is_for_underground_mines(ruleset, method, verdict, words):
    """专栏6 row 1 is 铁矿（地下）: an open-pit or unstated iron mine has no minimum in the plan."""
    from mineplan.rules.checks.scale import check_minimum_scale
    r = check_minimum_scale(ruleset, "铁矿", "中型", 40, method=method)
    assert r.verdict == verdict and words in r.reason, r.reason


def test_units_converted_and_mass_volume_refused(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    assert check_minimum_scale(ruleset, "金矿", "中型", 90000, "吨/年").verdict == "符合"
    assert check_minimum_scale(ruleset, "金矿", "中型", 89999, "t/a").verdict == "不符合"
    r = check_minimum_scale(ruleset, "饰面用花岗岩", "中型", 100000, "立方米/年")
    assert r.verdict == "符合" and "10 万立方米/年" in r.reason
    r = check_minimum_scale(ruleset, "饰面用花岗岩", "中型", 100000, "吨/年")
    assert r.verdict == "需人工核查" and "体积" in r.reason
    r = check_minimum_scale(ruleset, "晶质石墨", "中型", 1, "矿石万吨/年")
    assert r.verdict == "需人工核查" and "品位" in r.reason


def test_service_years(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    r = check_minimum_scale(ruleset, "金矿", "中型", 10, None, 40, "万吨")
    assert (r.verdict, r.values["service_years"], r.values["service_ok"]) == ("不符合", 4.0, 0)
    r = check_minimum_scale(ruleset, "金矿", "中型", 10, None, 50, "万吨")
    assert (r.verdict, r.values["service_ok"]) == ("符合", 1)
    r = check_minimum_scale(ruleset, "金矿", "中型", 10, "万吨/年", 500000, "吨")
    assert r.values["service_years"] == 5.0


def test_manual_checks(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    assert check_minimum_scale(ruleset, "地热", "中型", 10).verdict == "需人工核查"
    assert check_minimum_scale(ruleset, "重晶石", "中型", 10).verdict == "需人工核查"
    r = check_minimum_scale(ruleset, "钒钛磁铁矿石", "中型", 10)
    assert r.verdict == "需人工核查" and "铁矿" in r.reason      # close match listed
    assert check_minimum_scale(ruleset, "", "中型", 10).verdict == "需人工核查"
    assert check_minimum_scale(ruleset, "金矿", "中小型", 10).verdict == "需人工核查"
    assert check_minimum_scale(ruleset, "金矿", None, 10).verdict == "需人工核查"
    assert check_minimum_scale(ruleset, "金矿", "中型", None).verdict == "需人工核查"
    r = check_minimum_scale(ruleset, "金矿", "中型", "十万")
    assert r.verdict == "需人工核查" and "不是数字" in r.reason
    assert check_minimum_scale(ruleset, "金矿", "中型", -3).verdict == "需人工核查"
    assert check_minimum_scale(ruleset, "金矿", "中型", "1,200").verdict == "符合"


def test_scale_labels(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    for label in ("大型", "大", "large", "Large", "L"):
        assert check_minimum_scale(ruleset, "金矿", label, 15).values["reserve_scale"] == "大型"
    assert check_minimum_scale(ruleset, "金矿", "medium", 9).verdict == "符合"


def test_reserve_scale_derived_from_133(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    r = check_minimum_scale(ruleset, "硫铁矿", None, 30, None, 250, "万吨")
    assert r.values["reserve_scale"] == "中型" and r.verdict == "符合"     # 200–3000 万吨 → medium
    r = check_minimum_scale(ruleset, "金矿", None, 9, None, 6, "金属吨")
    assert r.values["reserve_scale"] == "中型"                              # 5–20 t metal
    r = check_minimum_scale(ruleset, "金矿", None, 9, None, 6, "吨")
    assert r.verdict == "需人工核查" and "金属量" in r.reason                 # ambiguous basis refused
    r = check_minimum_scale(ruleset, "水泥用灰岩", None, 60, None, 2000, "万吨")
    assert r.values["reserve_scale"] == "中型" and "未经原文核实" in r.reason   # unchecked threshold said so


def test_sand_stone_no_new_small(ruleset):
    from mineplan.rules.checks.scale import check_minimum_scale
    r = check_minimum_scale(ruleset, "砖瓦用粘土", "小型", 10)
    assert r.verdict == "不得新建" and "第六章第三节" in r.clause
