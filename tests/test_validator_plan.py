"""Validator findings of plan coverage (#10 items 6-7): the plan's sentences held against its own tables, typos,
fidelity markers. Each check is asserted on the bundled Lingbao file, and shown to be generic: a copy of the file
without the statement (or with consistent figures) gives no finding, a changed one gives it."""
import os
import re
import shutil

import pytest

from mineplan.rules import default_ruleset_path, validate_ruleset_file

PLAN_TEXT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "plan",
                         "lingbao-mineral-plan-2021-2025.txt")
REFERENCE = os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference")


@pytest.fixture(scope="module")
def findings():
    rs, f = validate_ruleset_file(default_ruleset_path())
    assert rs is not None
    return f


def lingbao():
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        return fh.read()


def run(tmp_path, text, name="plan.yaml"):
    """Validate ``text`` as a rule file (references copied next to it); returns (ruleset or None, findings)."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    for ref in ("minerals.yaml", "reserve_scale_133.yaml", "sanlv_minimums.yaml"):
        shutil.copy(os.path.join(REFERENCE, ref), tmp_path / ref)
    return validate_ruleset_file(str(p))


def changed(old, new, count=1):
    text = lingbao()
    assert text.count(old) == count, (old, text.count(old))
    return text.replace(old, new)


def hits(findings, severity, *words, key=None):
    return [f for f in findings if f.severity == severity and all(w in f.message_zh for w in words)
            and (key is None or f.key.startswith(key))]


def one(findings, severity, *words, key=None):
    h = hits(findings, severity, *words, key=key)
    assert len(h) == 1, [(f.severity, f.key, f.message_zh) for f in findings if f.severity == severity]
    f = h[0]
    assert f.line and f.path.endswith("lingbao_2021_2025.yaml") or f.path.endswith("plan.yaml")
    assert f.message_en
    return f


def test_bundled_file_has_no_errors(findings):
    assert not [f for f in findings if f.severity == "error"]


# ---- no 专栏1 ------------------------------------------------------------------------------------------
def test_no_table_1(findings):
    f = one(findings, "warning", "表格编号不连续", "没有专栏1")
    assert f.key == "tables[0].number" and "专栏2至专栏11" in f.message_zh and f.clause == "第二章第三节"


def test_table_numbering_is_generic(tmp_path):
    text = changed("tables:\n", "tables:\n  - {number: 专栏1, title: 现状, clause: 第一章第一节}\n")
    _, f = run(tmp_path, text)
    assert not hits(f, "warning", "表格编号不连续")
    text = changed("  - {number: 专栏5, title: 灵宝市调查评价项目一览表, clause: 第四章第一节}\n", "")
    _, f = run(tmp_path, text)
    assert "没有专栏1、专栏5" in one(f, "warning", "表格编号不连续").message_zh


# ---- 13 上表矿种 − 11 开发利用 = 2, "仅钼矿" ------------------------------------------------------------------
def test_unexploited_minerals_do_not_add_up(findings):
    f = one(findings, "warning", "13 − 11 = 2", "仅钼矿未进行开发利用", "只列 1 种")
    assert f.key == "baseline.unexploited.minerals"
    assert "第一章第一节 一" in f.clause and "第一章第一节 三" in f.clause


def test_unexploited_is_generic(tmp_path):
    _, f = run(tmp_path, changed("unexploited: {minerals: [钼矿],", "unexploited: {minerals: [钼矿, 铜矿],"))
    assert not hits(f, "warning", "未开发利用")
    _, f = run(tmp_path, changed("  on_reserve_table: {count: 13,", "  on_reserve_table: {count: 12,"))
    assert not hits(f, "warning", "未开发利用")
    _, f = run(tmp_path, changed("  unexploited: {minerals: [钼矿], clause: 第一章第一节 三, text: 目前13个上表矿种中仅钼矿未进行开发利用}\n",
                                 ""))
    assert not hits(f, "warning", "未开发利用")


def test_developed_list_against_its_count(tmp_path):
    _, f = run(tmp_path, changed("    count: 11\n    clause: 第一章第一节 一\n", "    count: 10\n    clause: 第一章第一节 一\n"))
    assert one(f, "warning", "正在开发利用的矿种前后不一致", "文中称 10 种，列出 11 种")


# ---- 片麻岩 output without a right ----------------------------------------------------------------------
def test_gneiss_output_without_a_right(findings):
    f = one(findings, "warning", "开采片麻岩矿 4.17 万立方米", "没有片麻岩采矿权")
    assert f.key == "baseline.output.items[2].value" and f.clause.startswith("第一章第一节 三")
    assert "亦不在正在开发利用的 11 种矿产之列" in f.message_zh


def test_output_without_right_is_generic(tmp_path):
    _, f = run(tmp_path, changed(", basis: volume, mineral: 片麻岩}", ", basis: volume}"))
    assert not hits(f, "warning", "片麻岩采矿权")
    _, f = run(tmp_path, changed("      - {mineral: 重晶石, count: 2}\n",
                                 "      - {mineral: 重晶石, count: 2}\n      - {mineral: 建筑用片麻岩, count: 1}\n"))
    assert not hits(f, "warning", "片麻岩采矿权")


# ---- 46.5 t of gold against 1829.01 kg ---------------------------------------------------------------
def test_gold_production_above_all_metal_mined(findings):
    f = one(findings, "warning", "黄金产量 46.5 吨", "46500 千克", "1829.01 千克", "25.4 倍")
    assert f.key == "baseline.output.items[5].value"
    assert "第一章第一节 一" in f.clause and "第一章第一节 三" in f.clause


def test_output_above_total_is_generic(tmp_path):
    _, f = run(tmp_path, changed("value: 46.5, unit: 吨, basis: metal", "value: 1.5, unit: 吨, basis: metal"))
    assert not hits(f, "warning", "黄金产量")
    _, f = run(tmp_path, changed("value: 46.5, unit: 吨, basis: metal", "value: 46.5, unit: 千克, basis: metal"))
    assert not hits(f, "warning", "黄金产量")
    # the ore total against a mineral's ore: 4.89 千吨 barite is within 51.962 万吨; 600 千吨 is not
    _, f = run(tmp_path, changed("value: 4.89, unit: 千吨", "value: 600, unit: 千吨"))
    assert one(f, "warning", "开采重晶石 600 千吨", "开采矿石总量 51.962 万吨")


# ---- 卢氏杜关 outside the county ---------------------------------------------------------------------------
def test_zone_outside_the_plans_county(findings):
    f = one(findings, "warning", "卢氏杜关重点开采区", "卢氏县（411224）", "不在本规划适用范围灵宝市（411282）内")
    assert f.key == "key_mining_areas.items[1].region_code" and "总则" in f.clause and "第五章第二节 二" in f.clause


def test_zone_region_is_generic(tmp_path):
    _, f = run(tmp_path, changed('region_code: "411224", region_name: 卢氏县,', ""))
    assert not hits(f, "warning", "不在本规划适用范围")
    _, f = run(tmp_path, changed('region_code: "411224", region_name: 卢氏县,', 'region_code: "411282",'))
    assert not hits(f, "warning", "不在本规划适用范围")
    # a prefecture's plan covers its counties
    text = changed('  region_code: "411282"\n', '  region_code: "411200"\n').replace(
        'region_code: "411224", region_name: 卢氏县,', 'region_code: "411282", region_name: 灵宝市,')
    _, f = run(tmp_path, text)
    assert not hits(f, "warning", "不在本规划适用范围")


# ---- "含1个开采区块" without a geothermal block in 专栏8 --------------------------------------------------
def test_geothermal_area_said_to_hold_a_mining_block(findings):
    f = one(findings, "warning", "函谷关-焦村一带地热勘查开发区", "含1个开采区块", "专栏8", "地热只有 0 个")
    assert f.key == "development_areas.items[2].contains[0].count"
    assert "第三章第二节" in f.clause and "专栏8" in f.clause
    assert "已有地热采矿权 1 个" in f.message_zh          # the other reading, named
    # the same area's exploration block and exploration right are there
    assert not hits(findings, "warning", "1个勘查区块") and not hits(findings, "warning", "1个设置勘查区块")


def test_xiaoqinling_said_to_hold_gold_mining_blocks(findings):
    f = one(findings, "warning", "小秦岭金多金属矿重点勘查开发区", "开采区块", "金矿、多金属矿只有 0 个")
    assert f.key == "development_areas.items[0].contains[0].count"


def test_zone_contains_is_generic(tmp_path):
    text = changed("main_minerals: [饰面用辉长岩], note: 落实市规", "main_minerals: [地热], note: 落实市规")
    _, f = run(tmp_path, text)
    assert not hits(f, "warning", "含1个开采区块")
    _, f = run(tmp_path, changed("{of: exploration_blocks, count: 1, minerals: [地热]",
                                 "{of: exploration_blocks, count: 2, minerals: [地热]"))
    assert "勘查规划区块按矿种统计" in one(f, "warning", "1个勘查区块").message_zh


# ---- 重点勘查矿种 of 第三章第三节 and 第四章第二节 ---------------------------------------------------------------
def test_key_exploration_minerals_differ(findings):
    f = one(findings, "warning", "重点勘查矿种前后不一致")
    assert "仅前者有：铅锌矿、钨矿、三稀矿产" in f.message_zh and "仅后者有：地热" in f.message_zh
    assert f.clause == "第三章第三节 一; 第四章第二节 一"
    assert f.message_zh.index("第三章第三节") < f.message_zh.index("第四章第二节")     # in the plan's order


def test_mineral_lists_are_generic(tmp_path):
    _, f = run(tmp_path, changed("minerals: [金矿, 银矿, 铅锌矿, 钨矿],\n     other_terms: [三稀矿产],",
                                 "minerals: [金, 银, 地热],"))
    assert not hits(f, "warning", "重点勘查矿种")
    _, f = run(tmp_path, changed("topic: 重点勘查矿种, minerals: [金矿, 银矿, 铅锌矿, 钨矿]",
                                 "topic: 重点开采矿种, minerals: [金矿, 银矿, 铅锌矿, 钨矿]"))
    assert not hits(f, "warning", "勘查矿种前后不一致") and not hits(f, "warning", "开采矿种前后不一致")


# ---- 专栏6 饰面用石材 大型 = 中型 ---------------------------------------------------------------------------
def test_equal_large_and_medium_minimum(findings):
    """Equal 大型 and 中型 minimums are consistent (issue 22): a note, not a contradiction."""
    f = one(findings, "info", "饰面用石材", "大型与中型最低开采规模相同", "10 万立方米/年", "不矛盾")
    assert f.key == "minimum_scale.rows[11].medium" and "专栏6" in f.clause
    assert not hits(findings, "warning", "最低开采规模相同")


def test_equal_cells_are_generic(tmp_path):
    _, f = run(tmp_path, changed("unit: 万立方米/年, large: 10, medium: 10,", "unit: 万立方米/年, large: 10, medium: 5,"))
    assert not hits(f, "info", "最低开采规模相同")
    _, f = run(tmp_path, changed("unit: 矿石万吨/年, large: 30, medium: 10, small: 5}", "unit: 矿石万吨/年, large: 30, medium: 10, small: 10}"))
    assert one(f, "info", "玻璃用石英岩", "中型与小型最低开采规模相同")
    _, f = run(tmp_path, changed("unit: 矿石万吨/年, large: 30, medium: 10, small: 5}", "unit: 矿石万吨/年, large: 30, medium: 10, small: 12}"))
    assert one(f, "warning", "玻璃用石英岩", "小型最低开采规模 12 大于中型 10")


# ---- 禁止开采可耕地砖瓦粘土 (scoped) against 专栏7 (unscoped) -------------------------------------------------------
def test_brick_clay_scope(findings):
    """禁止开采可耕地砖瓦粘土 is contained in 专栏7's ban of 砖瓦用粘土 everywhere (issue 22): not a contradiction."""
    f = one(findings, "info", "可耕地", "砖瓦用粘土", "包含于专栏7", "不矛盾")
    assert f.key == "statements[1].scope" and f.clause.startswith("第三章第一节") and "专栏7" in f.clause
    assert not hits(findings, "warning", "可耕地")


def test_scoped_prohibition_is_generic(tmp_path):
    _, f = run(tmp_path, changed("  - {id: brick_clay_arable_land, kind: scoped_prohibition, minerals: [砖瓦用粘土], scope: 可耕地, "
                                 "clause: 第三章第一节,\n     text: 禁止开采可耕地砖瓦粘土}\n", ""))
    assert not hits(f, "warning", "禁止范围")
    # no unscoped prohibition of the mineral: a note that reviews do not check the scoped one
    _, f = run(tmp_path, changed("scope: 可耕地", "scope: 可耕地").replace(
        "minerals: [砖瓦用粘土], scope: 可耕地", "minerals: [建筑用砂], scope: 河道"))
    assert not hits(f, "warning", "禁止范围") and one(f, "info", "限于河道", "审查未检查")


# ---- "固体矿山数量有所减少" against 矿山总数 < 40 --------------------------------------------------------------
def test_fewer_mines_against_below_40(findings):
    """有所减少 (from 33) and < 40 can both hold (issue 22): a note, not a contradiction."""
    f = one(findings, "info", "固体矿山数量有所减少", "33 个", "<40", "最多 39 个", "不矛盾")
    assert f.key.endswith("].direction") and f.clause == "第五章第一节 二; 第二章第三节 专栏3"
    assert not hits(findings, "warning", "有所减少")
    assert "采矿权 34 个减地热 1 个" in f.message_zh


def test_trend_is_generic(tmp_path):
    _, f = run(tmp_path, changed('unit: 个, target: 40, comparison: "<"', 'unit: 个, target: 33, comparison: "<"'))
    assert not hits(f, "warning", "有所减少") and not hits(f, "info", "有所减少")
    # an increase against "< 40" (which allows staying put) is a note; against "> 40" nothing
    _, f = run(tmp_path, changed("direction: decrease, excluding: [地热]", "direction: increase, excluding: [地热]"))
    assert one(f, "info", "有所减少", "要求增加", "不矛盾") and not hits(f, "warning", "有所减少")
    _, f = run(tmp_path, changed("direction: decrease, excluding: [地热]", "direction: increase, excluding: [地热]").replace(
        'unit: 个, target: 40, comparison: "<"', 'unit: 个, target: 40, comparison: ">"'))
    assert not hits(f, "warning", "有所减少") and not hits(f, "info", "有所减少")
    # a decrease against ">= 35" (33 in 2020: only an increase meets it) is a contradiction
    _, f = run(tmp_path, changed('unit: 个, target: 40, comparison: "<"', 'unit: 个, target: 35, comparison: ">="'))
    assert one(f, "warning", "有所减少", ">=35", "相互矛盾")


# ---- 建筑石料 rights cap = 建筑石料 blocks --------------------------------------------------------------------
def test_stone_rights_cap_used_up_by_blocks(findings):
    f = one(findings, "warning", "建筑石料采矿权数量上限 3 个", "3 个建筑石料开采规划区块", "恰好相等", "2 个建筑石料集中开采区")
    assert f.key == "rights_caps[0].max" and "第六章第一节 二" in f.clause and "专栏8" in f.clause


def test_rights_cap_is_generic(tmp_path):
    _, f = run(tmp_path, changed("group: 建筑石料, max: 3,", "group: 建筑石料, max: 5,"))
    assert not hits(f, "warning", "采矿权数量上限")
    _, f = run(tmp_path, changed("group: 建筑石料, max: 3,", "group: 建筑石料, max: 2,"))
    assert one(f, "warning", "采矿权数量上限 2 个", "区块所需已超过上限")


# ---- fidelity markers ------------------------------------------------------------------------------------
def test_markers_counted(findings):
    f = one(findings, "info", "处解释（source: inferred）", "处规划外依据（source: outside）")
    assert int(re.search(r"(\d+) 处解释", f.message_zh).group(1)) >= 20 and f.key == "schema"


def test_marker_without_reason_is_an_error(tmp_path):
    rs, f = run(tmp_path, changed("      line_buffer_basis: {source: outside, reason: ", "      line_buffer_basis: {source: outside, text: "))
    assert rs is None and any(x.key.startswith("control_lines") and "reason" in x.message_zh for x in f)
    text = changed("       source: inferred, reason: 矿山总数按采矿权个数统计（第一章第一节 三：34个采矿权即34个矿山）}", "       source: inferred}")
    rs, f = run(tmp_path, text)
    err = [x for x in f if x.severity == "error"]
    assert rs is None and err[0].key == "structure_targets.items[0].source" and err[0].line


def test_interpretations_the_issue_names_are_marked():
    import yaml
    d = yaml.safe_load(lingbao())
    ms = d["minimum_scale"]
    assert ms["slash_reading"]["source"] == "inferred"                   # "/" read as 不得新建
    assert ms["service_years_min"]["method"]["source"] == "inferred"      # reserves / capacity
    other = next(c for c in d["control_lines"]["categories"] if c["id"] == "other")
    assert other["line_buffer_basis"]["source"] == "outside"              # 1000 m
    reserve = next(c for c in d["control_lines"]["categories"] if c["id"] == "reserve")
    assert "第四章" not in reserve["mining"]["clause"]                      # the clause on exploration is not cited
    with open(os.path.join(REFERENCE, "reserve_scale_133.yaml"), encoding="utf-8") as fh:
        scale = yaml.safe_load(fh)
    dolomite = next(e for e in scale["entries"] if e["mineral"] == "冶金用白云岩")
    assert dolomite["checked"] is False                                   # 133号 lists 冶镁白云岩 only


def test_metallurgical_dolomite_threshold_unchecked(findings):
    assert one(findings, "info", "未经原文核实", "冶金用白云岩")


# ---- typos -----------------------------------------------------------------------------------------------
def test_typos_are_notes(findings, tmp_path):
    typos = [f for f in findings if f.key.startswith("typos")]
    assert len(typos) >= 10 and all(f.severity == "info" and f.clause for f in typos)
    assert one(findings, "info", "干热岩的的勘查").clause == "第四章第二节 一"
    assert one(findings, "info", "比坑矿山", "闭坑矿山")
    assert one(findings, "info", "矿山地环境保护", "矿山地质环境保护").clause == "第五章第四节"
    assert one(findings, "info", "仓珠峪", "未核实")
    _, f = run(tmp_path, lingbao()[: lingbao().index("\n# Slips in the plan text")] + "\n")
    assert not [x for x in f if x.key.startswith("typos")]


# ---- the file's quotes are the plan's words ----------------------------------------------------------------
@pytest.mark.skipif(not os.path.exists(PLAN_TEXT), reason="plan text not beside the repository")
def test_quotes_are_verbatim():
    import yaml
    with open(PLAN_TEXT, encoding="utf-8") as fh:
        plan = fh.read()
    d = yaml.safe_load(lingbao())
    quotes = [t["text"] for t in d["typos"]] + [s["text"] for s in d["statements"]]
    quotes += [c["text"] for z in d["development_areas"]["items"] for c in z.get("contains", [])]
    quotes += [d["baseline"][k]["text"] for k in ("on_reserve_table", "developed_minerals", "unexploited")]
    quotes += [d["plan"]["scope"]["text"], d["key_exploration_areas"]["key_minerals"]["text"]]
    missing = [q for q in quotes if q not in plan]
    assert not missing, missing


# ---- docs/rules.md prints what the validator prints (no stale line numbers) -------------------------------
def test_docs_sample_output_is_current(findings):
    doc = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "rules.md")
    with open(doc, encoding="utf-8") as fh:
        text = fh.read()
    block = text[text.index("## Validator findings on the Lingbao file"):]
    block = block[block.index("```") + 3: block.index("```", block.index("```") + 3)]
    shown = [line for line in block.strip().splitlines() if line.startswith("[")]
    sev = {"error": "错误", "warning": "矛盾/警告", "info": "提示"}
    actual = [f"[{sev[f.severity]}] {os.path.basename(f.path)}:{f.line} {f.key} — {f.message_zh}" for f in findings]
    assert shown == actual
