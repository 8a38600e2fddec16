"""Plan fidelity (issue 22): applications written from the plan's clauses, each asserting the verdict the plan
demands AND the clause it is cited to. Pure Python (rules.checks.decision), no QGIS objects.

Plan text: /work/shared/plan/lingbao-mineral-plan-2021-2025.txt (第五章第四节, 专栏8, 专栏10, 第七章第二节 三 …).
"""
import os

import pytest

from mineplan.rules.checks.controls import CategoryOverlap
from mineplan.rules.checks.decision import GEOM_OK, SOURCE_FIELD, ReviewInput, decide
from mineplan.rules.checks.siting import SitingFacts
from mineplan.rules.checks.zones import ZoneHit

FOUR = ("eco", "farm", "urban", "reserve")
ROLES = ("kmin", "kdev", "kexp", "conc", "mblk", "eblk")
FIELDS = ("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit", "method", "mining_recovery",
          "processing_recovery", "comprehensive_use", "funding", "grant", "licence")
# the 专栏8 blocks as a 开采规划区块 layer names them (sample data: GHQBH / GHQMC / GHKZ)
MB01 = ZoneHit("mblk", "CK41128200001", "灵宝市朱阳镇仓珠峪饰面石材用辉长岩矿", 1.0, ["饰面石材用辉长岩"])
MB02 = ZoneHit("mblk", "CK41128200002", "灵宝市车仓峪口建筑石料用片麻岩矿", 1.0, ["建筑石料用片麻岩"])
MB03 = ZoneHit("mblk", "CK41128200003", "灵宝市苏村乡秋家沟一带建筑石料矿", 1.0, ["建筑石料矿"])
CONC2 = ZoneHit("conc", "SC41120000002", "灵宝市南部建筑用白云岩集中开采区", 1.0, ["建筑用白云岩"])
# the 小秦岭 zones enclosing a block (their main minerals are 金矿 / 金多金属矿)
XQL = {"kmin": ZoneHit("kmin", "KMIN01", "小秦岭金矿重点开采区", 1.0),
       "kdev": ZoneHit("kdev", "KDEV01", "小秦岭金多金属矿重点勘查开发区", 1.0),
       "kexp": ZoneHit("kexp", "KEXP01", "小秦岭金多金属重点勘查区", 1.0)}
NO_ZONE = {"kmin": None, "kdev": None, "kexp": None, "conc": None, "mblk": None, "eblk": None}

# a new mine that passes every other check: reserves and capacity of a 中型 mine, clear of the control lines
GABBRO = {"mineral": "饰面用辉长岩", "scale": "中型", "capacity": 10, "capacity_unit": "万立方米/年", "reserves": 100,
          "reserves_unit": "万立方米"}
GNEISS = {"mineral": "建筑用片麻岩", "scale": "中型", "capacity": 120, "capacity_unit": "万吨/年", "reserves": 1500,
          "reserves_unit": "万吨", "grant": "净矿出让"}
GOLD = {"mineral": "金矿", "scale": "中型", "capacity": 12, "capacity_unit": "万吨/年", "reserves": 96,
        "reserves_unit": "万吨", "method": "地下", "mining_recovery": 90, "processing_recovery": 85,
        "comprehensive_use": 65}
GRAPHITE = {"mineral": "晶质石墨", "scale": "中型", "capacity": 0.6, "capacity_unit": "矿物万吨/年", "reserves": 25,
            "reserves_unit": "矿物万吨", "method": "地下"}


def clear():
    return [CategoryOverlap(c, c, 0.0, None, []) for c in FOUR]


def new_mine(attrs, hits, role="mblk", **kw):
    base = dict(activity="mining", activity_source=SOURCE_FIELD, geometry=GEOM_OK, attrs=dict(attrs),
                fields_found=FIELDS, overlaps=clear(), required_controls=FOUR, zone_hits={**NO_ZONE, **hits},
                zone_roles_given=ROLES, siting=SitingFacts({role: 1.0}, ROLES, 0.0, True))
    base.update(kw)
    return ReviewInput(**base)


_HERE = os.path.dirname(os.path.abspath(__file__))
PLAN_TEXTS = [os.path.join(_HERE, "..", "..", "shared", "plan", "lingbao-mineral-plan-2021-2025.txt"),
              os.path.join(_HERE, "..", "..", "..", "shared", "plan", "lingbao-mineral-plan-2021-2025.txt")]


@pytest.fixture(scope="module")
def plan_text():
    for p in PLAN_TEXTS:
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                return fh.read()
    pytest.skip("the plan text (shared/plan) is not next to the checkout")


BLOCK_CLAUSE = "第五章第四节"          # 不符合开采规划区块设置要求的，一律不得新设采矿权


# ---- 1. siting by a block's own 开采主矿种 (第五章第四节 with 专栏8 / 专栏10) -----------------------------------------
def test_gold_alone_in_the_gabbro_block_is_not_compliant(ruleset):
    """专栏8 sets 仓珠峪 for 饰面石材用辉长岩: a new gold right there does not meet the block's setting."""
    d = decide(ruleset, new_mine(GOLD, {**XQL, "mblk": MB01}))
    it = d.item("siting")
    assert d.verdict == "不符合" and it.verdict == "不符合"
    assert BLOCK_CLAUSE in it.clause.split("; ") and "专栏8" in it.clause
    assert "一律不得新设采矿权" in it.reason and "饰面用辉长岩" in it.reason and "金矿不是该区块的开采主矿种" in it.reason
    assert d.ordered()[0].check == "siting"


def test_graphite_in_an_aggregate_block_is_not_compliant(ruleset):
    """秋家沟 (专栏8 no. 3) is set for 建筑石料矿: 晶质石墨 is not its 开采主矿种."""
    d = decide(ruleset, new_mine(GRAPHITE, {"mblk": MB03}))
    it = d.item("siting")
    assert d.verdict == "不符合" and it.verdict == "不符合"
    assert BLOCK_CLAUSE in it.clause.split("; ") and "建筑石料" in it.reason and "晶质石墨不是该区块的开采主矿种" in it.reason


def test_pyrite_in_the_dolomite_concentrated_area_is_not_compliant(ruleset):
    """专栏10: the 南部 集中开采区 is set for 建筑用白云岩 (a 集中开采区 read as a block: inferred)."""
    d = decide(ruleset, new_mine({"mineral": "硫铁矿", "scale": "大型", "capacity": 100, "capacity_unit": "万吨/年",
                                  "reserves": 3500, "reserves_unit": "万吨", "method": "地下"},
                                 {"conc": CONC2}, role="conc"))
    it = d.item("siting")
    assert it.verdict == "不符合" and "专栏10" in it.clause and BLOCK_CLAUSE in it.clause.split("; ")
    assert "解释" in it.reason                       # the reading of a 集中开采区 as a block is marked


def test_gneiss_in_its_own_block_is_not_held_back_by_the_xiaoqinling_zones(ruleset):
    """车仓峪口 is the plan's block for 建筑石料用片麻岩: its own 开采主矿种 prevails over the enclosing 小秦岭 zones'
    金矿 / 金多金属矿, so neither siting nor zone makes it 需论证."""
    d = decide(ruleset, new_mine(GNEISS, {**XQL, "mblk": MB02}))
    si, zo = d.item("siting"), d.item("zone")
    assert si.verdict == "符合" and "片麻岩" in si.reason
    assert zo.verdict == "符合", zo.reason
    assert "区块自身的开采主矿种优先" in zo.reason and "第五章第二节 三 专栏8" in zo.clause.split("; ")
    assert d.verdict == "符合", d.reasons


def test_gabbro_in_its_block_passes_and_by_the_plans_own_words(ruleset):
    """The 专栏8 wording 饰面石材用辉长岩 (as a layer carries it) is the block's mineral too."""
    d = decide(ruleset, new_mine({**GABBRO, "mineral": "饰面石材用辉长岩"}, {"mblk": MB01}))
    assert d.item("siting").verdict == "符合" and d.verdict == "符合", d.reasons


def test_gold_in_the_xiaoqinling_zone_but_in_a_gneiss_block_is_still_argued_there(ruleset):
    """The block prevails only for its own mineral: gold in the 片麻岩 block is 不符合 (siting) and the 小秦岭 zone
    fit does not rescue it."""
    d = decide(ruleset, new_mine(GOLD, {**XQL, "mblk": MB02}))
    assert d.verdict == "不符合" and d.item("siting").verdict == "不符合"


def test_a_block_without_a_stated_main_mineral_needs_a_manual_check(ruleset):
    """A data block that matches no 专栏8 block and carries no mineral field: the block's setting cannot be read."""
    d = decide(ruleset, new_mine(GOLD, {"mblk": ZoneHit("mblk", "X1", "未列入专栏8的区块", 1.0, [])}))
    it = d.item("siting")
    assert it.verdict == "需人工核查" and "未列开采主矿种" in it.reason and d.verdict == "需论证"


def test_a_block_identified_only_by_a_layer_mineral(ruleset):
    """A block the rule file does not list is judged by the layer's 开采主矿种 field."""
    hit = ZoneHit("mblk", "X2", "新增开采规划区块", 1.0, ["金矿"])
    assert decide(ruleset, new_mine(GOLD, {"mblk": hit})).item("siting").verdict == "符合"
    assert decide(ruleset, new_mine(GRAPHITE, {"mblk": hit})).item("siting").verdict == "不符合"


def test_the_block_mineral_rule_is_data(ruleset):
    """The block's main mineral lives in the rule file (专栏8 / 专栏10 rows), not in code."""
    rule = next(r for r in ruleset.data["siting_rules"] if r["id"] == "mining_in_block")
    bm = rule["block_mineral"]
    assert bm["roles"] == ["mblk", "conc"] and bm["verdict_other"] == "不符合" and bm["source"] == "inferred"
    assert bm["text"] == "不符合开采规划区块设置要求的，一律不得新设采矿权"
    assert bm["prevails"]["over"] == ["kmin", "kdev", "kexp", "eblk"] and bm["prevails"]["source"] == "inferred"
    blocks = {z["id"]: z["main_minerals"] for z in ruleset.data["mining_blocks"]["items"]}
    assert blocks == {"MB01": ["饰面用辉长岩"], "MB02": ["建筑用片麻岩"], "MB03": ["建筑石料"], "MB04": ["建筑石料"]}


@pytest.mark.parametrize("sentence", [
    "不符合开采规划区块设置要求的，一律不得新设采矿权",
])
def test_cited_sentences_are_in_the_plan(plan_text, sentence):
    assert sentence in plan_text


# ---- 2. 三合一 (第七章第二节 三), every case its sentence names ----------------------------------------------------------
TIO_CLAUSE = "第七章第二节 三"
REDRAW = "采矿权变更时，涉及扩大开采规模、扩大矿区范围、变更开采方式、变更（含增列）开采矿种的，应当重新编制“三合一”方案"
REVISE = "采矿权变更时，涉及变更矿山名称、变更矿权人名称或转让的，应修订“三合一”方案相关内容并重新进行公示"
NEW_TIO = "采矿权新立时，应当编制“三合一”方案"


def continuing(app_type, right=None, attrs=None, **kw):
    """A gold mine continuing existing right C1 (中型, 12 万吨/年, 地下), clear of every control line, in place."""
    from mineplan.rules.checks.rights import RightMatch
    right = right or {}
    match = RightMatch("matched", ["C1"], "licence", right.get("mineral", "金矿"), right.get("scale", "中型"),
                       right.get("capacity", 12), right.get("added", 0.0), method=right.get("method", "地下"))
    a = {**GOLD, "licence": "C1", **(attrs or {})}
    return new_mine(a, {**XQL, "mblk": None}, app_type=app_type, match=match,
                    siting=SitingFacts({}, ROLES, 1.0, True), **kw)


@pytest.mark.parametrize("case,app_type,right,attrs", [
    ("扩大开采规模 (capacity 12 → 20)", "变更规模", {}, {"capacity": 20}),
    ("扩大开采规模 (中型 → 大型, no capacity given)", "变更规模", {"capacity": None},
     {"scale": "大型", "capacity": None}),
    ("扩大矿区范围 (5000 m² added)", "扩大范围", {"added": 5000.0}, {}),
    ("深部或上部扩界 (no plan area added)", "深部或上部扩界", {}, {}),
    ("变更开采方式 (地下 → 露天)", "延续", {}, {"method": "露天"}),
    ("变更开采矿种 (金矿 → 银矿)", "变更矿种", {}, {"mineral": "银矿"}),
])
def test_three_in_one_must_be_drawn_up_anew(ruleset, case, app_type, right, attrs):
    d = decide(ruleset, continuing(app_type, right, attrs))
    it = d.item("right")
    assert it.verdict == "需论证", (case, it.reason)
    assert TIO_CLAUSE in it.clause.split("; ") and "第七章第二节 二" not in it.clause
    assert REDRAW in it.reason, it.reason


def test_deep_extension_inside_the_projection_still_needs_the_plan(ruleset):
    """Siting passes (inside the gold right's vertical projection, 第五章第二节 三) but the extension enlarges the
    矿区范围 in depth: the 三合一 plan must be drawn up anew → 需论证, cited to 第七章第二节 三."""
    d = decide(ruleset, continuing("深部或上部扩界"))
    assert d.item("siting").verdict == "符合" and d.verdict == "需论证"
    assert d.ordered()[0].check == "right" and "深部" in d.item("right").reason


def test_a_smaller_scale_is_not_an_enlargement(ruleset):
    """The sentence names 扩大开采规模 only: lowering the capacity does not ask for a new 三合一 plan."""
    d = decide(ruleset, continuing("变更规模", attrs={"capacity": 10, "scale": "中型"}))
    it = d.item("right")
    assert it.verdict == "符合" and "缩小" in it.reason and REDRAW not in it.reason


def test_transfer_revises_and_publishes_the_plan(ruleset):
    d = decide(ruleset, continuing("转让"))
    it = d.item("right")
    assert it.verdict == "需论证" and REVISE in it.reason and TIO_CLAUSE in it.clause.split("; ")


def test_renewal_with_nothing_changed_complies(ruleset):
    d = decide(ruleset, continuing("延续"))
    assert d.item("right").verdict == "符合" and d.verdict == "符合", d.reasons


def test_new_right_is_told_to_draw_up_the_plan_without_a_verdict(ruleset):
    """采矿权新立时，应当编制“三合一”方案: drawn up at registration, so a note on the 不适用 item, not a verdict."""
    d = decide(ruleset, new_mine(GNEISS, {**XQL, "mblk": MB02}))
    it = d.item("right")
    assert it.verdict == "不适用" and NEW_TIO in it.reason and TIO_CLAUSE in it.reason and d.verdict == "符合"


@pytest.mark.parametrize("sentence", [REDRAW, REVISE, NEW_TIO])
def test_three_in_one_sentences_are_the_plans_own(plan_text, ruleset, sentence):
    tio = ruleset.data["existing_rights"]["three_in_one"]
    assert sentence in plan_text and sentence in (tio["text"], tio["new"]["text"], tio["revise"]["text"])


# ---- 3. 净矿出让 (第五章第四节; 第二章第三节 二) ---------------------------------------------------------------------------
NET_MINE = "全面实施建筑石料类采矿权“净矿”出让"
NET_MINE_GOAL = "率先开展先行先试，全面开展矿产资源“净矿出让”制度，打造出一批“净矿出让”的矿业权示范项目"
AGGREGATE = {"mineral": "建筑石料", "scale": "中型", "capacity": 120, "capacity_unit": "万吨/年", "reserves": 1500,
             "reserves_unit": "万吨"}


@pytest.mark.parametrize("mineral", ["建筑石料", "建筑用白云岩", "建筑用片麻岩"])
def test_aggregate_granted_otherwise_is_not_compliant(ruleset, mineral):
    hit = {"建筑石料": MB03, "建筑用白云岩": CONC2, "建筑用片麻岩": MB02}[mineral]
    zones = {hit.role: hit, "kmin": XQL["kmin"]}
    d = decide(ruleset, new_mine({**AGGREGATE, "mineral": mineral, "grant": "挂牌出让"}, zones, role=hit.role))
    it = d.item("netmine")
    assert it.verdict == "不符合" and d.verdict == "不符合"
    assert it.clause == "第五章第四节" and NET_MINE in it.reason and "解释" not in it.reason


def test_aggregate_granted_clean_complies(ruleset):
    d = decide(ruleset, new_mine({**AGGREGATE, "grant": "净矿出让"}, {"mblk": MB03, "conc": None, "kmin": XQL["kmin"]}))
    assert d.item("netmine").verdict == "符合" and d.verdict == "符合", d.reasons


def test_other_minerals_the_goal_is_a_note_not_a_verdict(ruleset):
    """第二章第三节 二 extends 净矿出让 to all minerals as a goal: gold granted otherwise is not judged on it."""
    d = decide(ruleset, new_mine({**GOLD, "grant": "协议出让"}, {"mblk": ZoneHit("mblk", "X2", "新增金矿区块", 1.0, ["金矿"])}))
    it = d.item("netmine")
    assert it.verdict == "不适用" and NET_MINE_GOAL in it.reason and "第二章第三节 二" in it.reason and "解释" in it.reason
    assert d.verdict == "符合", d.reasons


@pytest.mark.parametrize("sentence", [NET_MINE, NET_MINE_GOAL])
def test_net_mine_sentences_are_the_plans_own(plan_text, sentence):
    assert sentence in plan_text


# ---- 4. citations: every unmarked `text` is the plan's own sentence; every reading beyond it is marked -------------
def _norm(text):
    return "".join(str(text).split())


def _quoted(plan, text):
    """Each "；"-separated part of ``text`` is in the plan; a table row "label：value" counts when both are."""
    body = _norm(plan)
    for part in [p for p in str(text).split("；") if p.strip()]:
        if _norm(part) in body:
            continue
        label, sep, value = part.partition("：")
        if sep and _norm(label) in body and _norm(value) in body:
            continue
        return False
    return True


def _texts(node, path=""):
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            yield path, node
        for k, v in node.items():
            yield from _texts(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, f"{path}[{i}]")


def test_every_unmarked_text_is_a_sentence_of_the_plan(plan_text, ruleset):
    wrong = [(path, e["text"]) for path, e in _texts(ruleset.data)
             if e.get("source") not in ("inferred", "outside") and not _quoted(plan_text, e["text"])]
    assert not wrong


def test_existing_rights_cite_a_sentence_the_plan_has(plan_text, ruleset):
    er = ruleset.data["existing_rights"]
    assert "延续、变更、转让须对应已设矿业权" not in plan_text          # the old citation: not the plan's
    assert er["clause"] == "第八章第一节" and er["text"] in plan_text and er["source"] == "inferred"
    section = plan_text[plan_text.index("第一节 规划实施目标责任考核"):plan_text.index("第二节 规划实施评估调整")]
    assert er["text"] in section


def test_forbidden_effect_extension_is_marked(ruleset):
    """专栏7 / 第五章第二节 一 say "不再新设采矿权": 新立 is the plan's word; 变更矿种, 扩大范围, 深部或上部扩界 a reading."""
    from mineplan.rules.checks.policy import check_mineral_policy
    fe = ruleset.data["mineral_policy"]["forbidden_effect"]
    assert fe["source"] == "inferred" and fe["inferred_for"] == ["变更矿种", "扩大范围", "深部或上部扩界"]
    new = check_mineral_policy(ruleset, "砖瓦用粘土", "新立")
    change = check_mineral_policy(ruleset, "砖瓦用粘土", "变更矿种")
    assert new.verdict == change.verdict == "不符合" and "第五章第二节 一" in new.clause
    assert "解释" not in new.reason and "解释" in change.reason and "不再新设采矿权" in change.reason


def test_exploration_block_renames_are_marked(plan_text, ruleset):
    rows = {r["mineral"]: r for r in ruleset.data["exploration_blocks"]["by_mineral"]}
    for recorded, printed in (("水泥用灰岩", "水泥用石灰岩2个"), ("饰面用板岩", "饰面石材用板岩1个")):
        assert printed in plan_text and rows[recorded]["source"] == "inferred" and printed[:-2] in rows[recorded]["reason"]


def test_block_main_mineral_renames_are_marked(plan_text, ruleset):
    for z in ruleset.data["mining_blocks"]["items"]:
        assert z["source"] == "inferred" and z["name"] in plan_text


def test_kmin01_text_is_from_the_clause_it_cites(plan_text, ruleset):
    km = ruleset.data["key_mining_areas"]
    z = next(z for z in km["items"] if z["id"] == "KMIN01")
    section = plan_text[plan_text.index("二、开采规划分区"):plan_text.index("三 开采规划区块")]
    assert km["clause"] == "第五章第二节 二" and z["text"] in section
    assert "金、钼、铁等战略性矿产资源开发重点向灵宝文峪-大湖金矿基地集聚" not in section   # 第三章第三节 二, in the note
    assert "第三章第三节 二" in z["note"]


# ---- 6. the validator's contradiction list (no false ones, the missed ones reported, the weak ones labelled) ------
@pytest.fixture(scope="module")
def findings():
    from mineplan.rules import default_ruleset_path, validate_ruleset_file
    rs, f = validate_ruleset_file(default_ruleset_path())
    assert rs is not None
    return f


def _lingbao():
    from mineplan.rules import default_ruleset_path
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        return fh.read()


def _validate(tmp_path, text):
    import shutil

    from mineplan.rules import default_ruleset_path, validate_ruleset_file
    ref = os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference")
    p = tmp_path / "plan.yaml"
    p.write_text(text, encoding="utf-8")
    for name in ("minerals.yaml", "reserve_scale_133.yaml", "sanlv_minimums.yaml"):
        shutil.copy(os.path.join(ref, name), tmp_path / name)
    return validate_ruleset_file(str(p))[1]


def _hits(findings, severity, *words):
    return [f for f in findings if f.severity == severity and all(w in f.message_zh for w in words)]


def test_the_contradiction_list(findings):
    warnings = [f.key for f in findings if f.severity == "warning"]
    assert len(warnings) == 16
    # not contradictions: notes
    for words in (("饰面用石材", "不矛盾"), ("可耕地", "不矛盾"), ("有所减少", "不矛盾")):
        assert len(_hits(findings, "info", *words)) == 1 and not _hits(findings, "warning", words[0] if words[0] != "可耕地"
                                                                         else "可耕地砖瓦粘土")
    # weak ones: labelled
    gold = _hits(findings, "warning", "黄金产量", "1829.01 千克")
    cap = _hits(findings, "warning", "建筑石料采矿权数量上限 3 个")
    assert len(gold) == len(cap) == 1 and gold[0].message_zh.startswith("【弱】") and cap[0].message_zh.startswith("【弱】")
    assert gold[0].message_en.startswith("[weak]") and "空间关系" in cap[0].message_zh


def test_silver_target_without_right_or_block(findings):
    """专栏3 银矿 5 万吨 and "推动朱阳镇董家埝银矿的开采", with no silver right in 2020 and no silver 开采规划区块: 第五章第四节
    bars any new silver mining right."""
    f = _hits(findings, "warning", "银矿2025年产量指标 5 万吨", "推动朱阳镇董家埝银矿的开采", "没有银矿采矿权", "没有银矿开采规划区块")
    assert len(f) == 1 and f[0].key == "production_targets.items[1].target"
    assert "第五章第四节" in f[0].clause and "第二章第三节 二" in f[0].clause
    assert not _hits(findings, "warning", "铅矿2025年产量指标")          # 铅矿 has a 2020 right


def test_silver_finding_is_generic(tmp_path):
    text = _lingbao().replace("      - {mineral: 铅矿, count: 1}\n", "      - {mineral: 铅矿, count: 1}\n"
                                                                     "      - {mineral: 银矿, count: 1}\n", 1)
    text = text.replace("    count: 34\n    area_km2: 354.3921", "    count: 35\n    area_km2: 354.3921", 1)
    assert not _hits(_validate(tmp_path, text), "warning", "银矿2025年产量指标")


def test_aggregate_supply_without_rights(findings):
    f = _hits(findings, "warning", "建筑石料类矿山供给量”15 万吨", "目前未设立采矿权")
    assert len(f) == 1 and "专栏9" in f[0].message_zh and "第一章第二节 一" in f[0].clause


def test_aggregate_supply_finding_is_generic(tmp_path):
    text = _lingbao().replace("{label: 建筑石料类矿山供给量, value: 15, from_rights: true}",
                              "{label: 建筑石料类矿山供给量, value: 0, from_rights: true}", 1)
    text = text.replace("{label: 其他矿山供给量, value: 800}", "{label: 其他矿山供给量, value: 815}", 1)
    assert not _hits(_validate(tmp_path, text), "warning", "建筑石料类矿山供给量")


def test_sand_stone_blocks_in_gold_key_mining_areas(findings):
    f = _hits(findings, "warning", "原则上砂石土类矿产开采规划区块必须位于省规确定的重点开采区内", "2 个重点开采区都不是砂石土类的",
              "小秦岭金矿重点开采区：金矿")
    assert len(f) == 1 and f[0].clause.startswith("第六章第二节") and "灵宝市苏村建筑石料矿集中开采区" in f[0].message_zh


def test_sand_stone_finding_is_generic(tmp_path):
    text = _lingbao().replace("keywords: [杜关],\n       main_minerals: []", "keywords: [杜关],\n       main_minerals: [建筑石料]", 1)
    assert not _hits(_validate(tmp_path, text), "warning", "都不是砂石土类的")


@pytest.mark.parametrize("printed,correction", [
    ("进一步开展市场需求量大的重要非金属矿产地质勘查力度", "进一步加大市场需求量大的重要非金属矿产地质勘查力度"),
    ("研究金属矿产、非金属矿产及废石综合利用研究", "研究金属矿产、非金属矿产及废石综合利用"),
    ("地上地下、陆地海洋以及流域上下游", "地上地下以及流域上下游"),
])
def test_missed_typos_are_reported(plan_text, findings, printed, correction):
    assert printed in plan_text
    assert len(_hits(findings, "info", printed, correction)) == 1
