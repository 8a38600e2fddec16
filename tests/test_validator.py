"""The validator: the Lingbao plan's own contradictions, and malformed rule files."""
import os
import shutil

import pytest

from mineplan.rules import RuleSetError, default_ruleset_path, load_ruleset, validate_ruleset_file


@pytest.fixture(scope="module")
def findings():
    rs, f = validate_ruleset_file(default_ruleset_path())
    assert rs is not None
    return f


def _has(findings, severity, *words):
    return [f for f in findings if f.severity == severity and all(w in f.message_zh for w in words)]


def test_no_errors(findings):
    assert not [f for f in findings if f.severity == "error"]


def test_gold_120_vs_60(findings):
    hit = _has(findings, "warning", "120", "60", "金矿")
    assert hit and "专栏3" in hit[0].clause and "第五章第一节" in hit[0].clause
    assert hit[0].line and hit[0].key == "production_targets.items[0].target"


def test_key_exploration_areas_2_vs_3(findings):
    hit = _has(findings, "warning", "重点勘查区", "2处", "3 处")
    assert hit and hit[0].key.startswith("key_exploration_areas.stated_counts")


def test_two_tables_numbered_10(findings):
    hit = _has(findings, "warning", "专栏10", "建筑石料矿年开采总量调控目标", "建筑石料矿规划矿区")
    assert hit


def test_hot_dry_rock_listed_twice(findings):
    hit = _has(findings, "warning", "干热岩", "重复")
    assert hit and "应合并为 2 个" in hit[0].message_zh


def test_baseline_share_note(findings):
    assert _has(findings, "info", "32.35%")


def write(tmp_path, text, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    for ref in ("minerals.yaml", "reserve_scale_133.yaml"):
        shutil.copy(os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference", ref), tmp_path / ref)
    return str(p)


def lingbao_text():
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        return fh.read()


def test_yaml_syntax_error(tmp_path):
    path = write(tmp_path, "schema: mineplan-ruleset/1\nplan: {id: x\n  name: y\n")
    rs, f = validate_ruleset_file(path)
    assert rs is None and f[0].severity == "error" and "YAML" in f[0].message_zh and f[0].line
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path)
    text = str(exc.value)
    assert "plan.yaml" in text and "第" in text and "line" in text and "YAML" in text


def test_missing_key(tmp_path):
    path = write(tmp_path, lingbao_text().replace("  region_code: \"411282\"\n", ""))
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path)
    assert "plan.region_code" in str(exc.value) and "缺少必填键" in str(exc.value)


def test_wrong_type(tmp_path):
    path = write(tmp_path, lingbao_text().replace("  base_year: 2020", "  base_year: 二〇二〇"))
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path)
    assert "plan.base_year" in str(exc.value) and "整数" in str(exc.value) and "integer" in str(exc.value)


def test_unknown_mineral_in_table(tmp_path):
    text = lingbao_text().replace("{seq: 6, mineral: 硫铁矿,", "{seq: 6, mineral: 硫化铁矿物,")
    rs, f = validate_ruleset_file(write(tmp_path, text))
    err = [x for x in f if x.severity == "error"]
    assert rs is None and err and "硫化铁矿物" in err[0].message_zh and err[0].key == "minimum_scale.rows[5].mineral"
    assert err[0].line and "硫铁矿" in err[0].message_zh   # close match suggested


def test_negative_quota(tmp_path):
    text = lingbao_text().replace("max: 1600, year: 2030", "max: -1600, year: 2030")
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(write(tmp_path, text))
    assert "output_caps[2].max" in str(exc.value) and "不得为负" in str(exc.value)


def test_duplicate_key(tmp_path):
    text = lingbao_text().replace("  base_year: 2020\n", "  base_year: 2020\n  base_year: 2019\n")
    rs, f = validate_ruleset_file(write(tmp_path, text))
    assert rs is None and any("键重复" in x.message_zh for x in f)


def test_missing_file():
    with pytest.raises(RuleSetError) as exc:
        load_ruleset("/nonexistent/plan.yaml")
    assert "文件不存在" in str(exc.value) and "file not found" in str(exc.value)


def test_another_county_is_a_file_not_code(tmp_path):
    text = lingbao_text().replace("id: lingbao_2021_2025", "id: other_county").replace(
        "region_code: \"411282\"", "region_code: \"411224\"").replace(
        "{seq: 4, mineral: 金矿, label: 金矿（岩金）, unit: 矿石万吨/年, large: 15, medium: 9, small: \"/\"}",
        "{seq: 4, mineral: 金矿, label: 金矿（岩金）, unit: 矿石万吨/年, large: 12, medium: 6, small: 3}")
    rs = load_ruleset(write(tmp_path, text, "other_county.yaml"))
    from mineplan.rules.checks.scale import check_minimum_scale
    assert rs.plan["region_code"] == "411224"
    assert check_minimum_scale(rs, "金矿", "小型", 3).verdict == "符合"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+400"])
def test_non_finite_numbers_are_schema_errors(tmp_path, value):
    """Issue #11: '.nan' in a 专栏6 cell passed validation and gave '低于 … 最低开采规模 nan → 不符合'."""
    text = lingbao_text()
    line = text[: text.index("large: 15, medium: 9")].count("\n") + 1
    rs, f = validate_ruleset_file(write(tmp_path, text.replace("large: 15, medium: 9", f"large: {value}, medium: 9")))
    err = [x for x in f if x.severity == "error"]
    assert rs is None and err[0].key == "minimum_scale.rows[3].large" and err[0].line == line
    assert "不是有限数值" in err[0].message_zh and "not a finite number" in err[0].message_en


def test_alias_bomb_is_refused(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(write(tmp_path, bomb))
    assert "别名炸弹" in str(exc.value) and "alias bomb" in str(exc.value)
