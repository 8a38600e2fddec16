"""The rules engine is pure Python: it imports without QGIS and answers from plain values."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_rules_package_never_imports_qgis():
    code = (f"import sys; sys.path.insert(0, {ROOT!r}); import rules, rules.checks.scale, rules.checks.policy, rules.checks.zones, "
            "rules.checks.controls, rules.checks.indicators, rules.coordinates.parse, rules.validation.validate; rs = rules.load_ruleset(); "
            "from rules.checks.scale import check_minimum_scale; print(check_minimum_scale(rs, '金矿', '中型', 9).verdict); "
            "assert not [m for m in sys.modules if m == 'qgis' or m.startswith('qgis.')], 'qgis imported'")
    cp = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert cp.returncode == 0, cp.stderr
    assert cp.stdout.strip() == "符合"


def test_plan_metadata(ruleset):
    p = ruleset.plan
    assert p["region_code"] == "411282"
    assert (p["base_year"], p["target_year"], p["outlook_year"]) == (2020, 2025, 2035)
    assert ruleset.name == "灵宝市矿产资源总体规划（2021-2025年）"


def test_bundled_plan_ids_resolve():
    from mineplan.rules import bundled_rulesets, resolve_ruleset_path
    assert "lingbao_2021_2025" in bundled_rulesets()
    assert resolve_ruleset_path("lingbao_2021_2025").endswith("lingbao_2021_2025.yaml")
    assert resolve_ruleset_path("").endswith("lingbao_2021_2025.yaml")


def test_every_rule_carries_its_clause(ruleset):
    d = ruleset.data
    assert d["minimum_scale"]["clause"] == "第五章第一节 专栏6"
    assert "专栏7" in d["mineral_policy"]["clause"]
    assert all(c["mining"]["clause"] and c["exploration"]["clause"] for c in ruleset.control_categories())
    assert "专栏8" in d["mining_blocks"]["clause"]
    assert d["exploration_blocks"]["clause"] == "第四章第二节 三"
    for cap in ruleset.output_caps():
        assert cap["clause"]


def test_plan_figures_encoded(ruleset):
    d = ruleset.data
    mr = d["baseline"]["mining_rights"]
    assert mr["count"] == 34 and mr["area_km2"] == 354.3921
    assert mr["by_scale"] == {"大型": 5, "中型": 6, "小型": 23}
    assert {r["mineral"]: r["count"] for r in mr["by_mineral"]}["饰面用花岗岩"] == 4
    er = d["baseline"]["exploration_rights"]
    assert (er["count"], er["area_km2"]) == (9, 164.86)
    eb = d["exploration_blocks"]
    assert (eb["count"], eb["area_km2"]) == (26, 555.75)
    assert sum(r["count"] for r in eb["by_mineral"]) == 26
    conc = {z["code"]: z for z in d["concentrated_mining_areas"]["items"]}
    assert conc["SC41120000001"]["area_km2"] == 8.28 and conc["SC41120000002"]["area_km2"] == 64.54
    assert [z["name"] for z in d["mining_blocks"]["items"]][0] == "灵宝市朱阳镇仓珠峪饰面石材用辉长岩矿"
    assert len(d["key_exploration_areas"]["items"]) == 3 and len(d["key_mining_areas"]["items"]) == 2
    assert len(d["development_areas"]["items"]) == 3
    caps = {c["id"]: c for c in ruleset.output_caps()}
    assert caps["gold_ore_cap"]["max"] == 60 and caps["aggregate_cap_2025"]["max"] == 1400
    assert caps["aggregate_cap_2030"]["max"] == 1600
    assert {t["id"]: t["target"] for t in ruleset.production_targets()}["output_gold"] == 120
    assert ruleset.rights_caps()[0]["max"] == 3
    assert ruleset.service_years_min()[0] == 5


def test_zone_matching_by_code_name_keyword(ruleset):
    assert ruleset.match_zone("conc", "SC41120000002")["name"] == "灵宝市南部建筑用白云岩集中开采区"
    assert ruleset.match_zone("conc", None, "灵宝市苏村建筑石料矿集中开采区")["id"] == "SC41120000001"
    assert ruleset.match_zone("kmin", None, "卢氏杜关重点开采区（灵宝市境内部分）")["id"] == "KMIN02"
    assert ruleset.match_zone("kexp", None, "董家埝银矿勘查区")["id"] == "KEXP03"
    assert ruleset.match_zone("kexp", None, "某某区") is None


def test_rule_file_accepts_readable_role_keys(tmp_path):
    """A rule file may name roles by their readable keys (mining_blocks, concentrated_mining_areas, basic_farmland …)
    instead of the short ids; it reads exactly as the bundled file."""
    import re

    from mineplan.rules import load_ruleset
    from mineplan.rules.model.ruleset import default_ruleset_path
    from mineplan.rules.model.vocab import ROLE_KEY_ALIASES
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        text = fh.read()
    readable = {v: k for k, v in ROLE_KEY_ALIASES.items()}
    swapped = re.sub(r"(roles: \[)([a-z, ]+)(\])",
                     lambda m: m.group(1) + ", ".join(readable.get(r.strip(), r.strip())
                                                      for r in m.group(2).split(",")) + m.group(3), text)
    swapped = re.sub(r"\brole: (mblk|eblk|kmin)\b", lambda m: f"role: {readable[m.group(1)]}", swapped)
    swapped = swapped.replace("required: [eco, farm, urban, reserve]",
                              "required: [eco_redline, basic_farmland, urban_boundary, nature_reserve]")
    assert swapped.count("mining_blocks") >= 3 and "basic_farmland" in swapped
    path = tmp_path / "readable.yaml"
    path.write_text(swapped, encoding="utf-8")
    a, b = load_ruleset(), load_ruleset(str(path))
    assert a.data == b.data
