"""Indicator inputs (issue #11 item 7: an output of −500 made the gold total pass its cap, "abc" was dropped
silently, a duplicated licence counted twice, a block area of NaN gave 未达标, "1e400" became inf). Each such
value is reported per feature — counted (INPUT_PROBLEMS), listed in the log and in the indicator's note —
and never silently summed or dropped; a total that misses values is never 达标."""
from __future__ import annotations

import math

import pytest
from hostile.makers import RIGHTS, ZONES, Log, memory_layer, run, save, vector

from mineplan.rules import load_ruleset
from mineplan.rules.checks.indicators import compute_indicators

GOLD_CAP = "gold_ore_output"


def _gold(rows):
    return {r.id: r for r in rows}[GOLD_CAP]


def _rights(extra):
    base = [{"mineral": "金矿", "scale": "中型", "output": 30, "output_unit": "万吨", "licence": "C1", "label": "A"},
            {"mineral": "金矿", "scale": "小型", "output": 25, "output_unit": "万吨", "licence": "C2", "label": "B"}]
    return base + extra


BAD = {
    "negative": ({"output": -500}, "为负数"),
    "text": ({"output": "abc"}, "不是有限的数值"),
    "overflow": ({"output": "1e400"}, "不是有限的数值"),
    "inf": ({"output": "inf"}, "不是有限的数值"),
    "nan": ({"output": float("nan")}, "不是有限的数值"),
    "nan-text": ({"output": "NaN"}, "不是有限的数值"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_an_unusable_output_is_listed_and_the_cap_is_not_met_on_a_partial_sum(case, outcome):
    rs = load_ruleset()
    values, words = BAD[case]
    problems = []
    rows = compute_indicators(rs, _rights([{"mineral": "金矿", "scale": "小型", "output_unit": "万吨", "licence": "C3",
                                            "label": "C", **values}]), problems=problems)
    gold = _gold(rows)
    assert gold.status == "无数据" and gold.current == 55.0 and "C（" in gold.note and "不完整" in gold.note
    assert len(problems) == 1 and problems[0].label == "C" and words in problems[0].zh
    assert {r.id: r for r in rows}["mine_count"].current == 3.0          # the right itself still counts
    outcome("skip")


def test_a_partial_sum_already_above_the_cap_is_not_met(outcome):
    rs = load_ruleset()
    rows = compute_indicators(rs, _rights([{"mineral": "金矿", "output": 10, "output_unit": "万吨", "licence": "C3",
                                            "label": "C"},
                                           {"mineral": "金矿", "output": "abc", "licence": "C4", "label": "D"}]))
    gold = _gold(rows)
    assert gold.current == 65.0 and gold.status == "未达标"          # ≥ 65 whatever D produces
    outcome("correct")


def test_a_duplicated_licence_counts_once(outcome):
    rs = load_ruleset()
    problems = []
    rows = compute_indicators(rs, _rights([{"mineral": "金矿", "scale": "中型", "output": 30, "output_unit": "万吨",
                                            "licence": "c-1", "label": "A2"}]), problems=problems)
    by = {r.id: r for r in rows}
    assert by["mine_count"].current == 2.0 and by[GOLD_CAP].current == 55.0 and by[GOLD_CAP].status == "达标"
    assert "A2" in by["mine_count"].note and problems[0].kind == "duplicate" and "只计一次" in problems[0].zh
    outcome("skip")


def test_a_duplicated_licence_with_other_values_says_so(outcome):
    rs = load_ruleset()
    problems = []
    compute_indicators(rs, _rights([{"mineral": "铁矿", "output": 99, "licence": "C1", "label": "A2"}]),
                       problems=problems)
    assert "不一致" in problems[0].zh and "differ" in problems[0].en
    outcome("skip")


@pytest.mark.parametrize("area", [float("nan"), float("inf"), None, -3.0])
def test_an_unusable_block_area_is_listed_never_not_met(area, outcome):
    rs = load_ruleset()
    problems = []
    blocks = [{"area_km2": 20.0, "code": "K1"}, {"area_km2": area, "code": "K2"}]
    rows = {r.id: r for r in compute_indicators(rs, None, exploration_blocks=blocks, problems=problems)}
    area_row = rows["exploration_block_area"]
    assert area_row.status == "无数据" and area_row.current == 20.0 and "K2" in area_row.note
    assert rows["exploration_block_count"].current == 2.0
    assert problems and problems[0].label == "K2"
    outcome("skip")


def test_planindicators_counts_lists_and_notes_every_problem(processing, tmp_path, outcome):
    src = vector(RIGHTS["MINING_RIGHTS"])
    names = src.fields().names()
    rows = []
    for f in src.getFeatures():
        rows.append((f.geometry().asWkt(), [f[n] for n in names if n != "fid"]))
    spec = [(n, "double" if n in ("capacity", "reserves", "area_km2") else "str") for n in names if n != "fid"]
    spec = [(n, "str") if n == "output" else s for n, s in zip([s[0] for s in spec], spec)]
    i_out = [s[0] for s in spec].index("output")
    i_lic = [s[0] for s in spec].index("license_no")
    gold = [k for k, r in enumerate(rows) if r[1][[s[0] for s in spec].index("mineral")] == "金矿"]
    rows[gold[0]][1][i_out] = "-500"
    rows[gold[1]][1][i_out] = "abc"
    rows[gold[2]][1][i_out] = "1e400"
    dup = (rows[gold[3]][0], list(rows[gold[3]][1]))
    rows.append(dup)
    rows[-1][1][i_lic] = rows[gold[3]][1][i_lic]
    lyr = memory_layer("MultiPolygon", "EPSG:4546", spec, rows)
    path = save(lyr, tmp_path / "rights.gpkg", layer_name="rights")
    blocks = vector(ZONES["EXPLORATION_BLOCKS"])
    brows = [(f.geometry().asWkt(), [f["code"] if "code" in blocks.fields().names() else str(f.id())])
             for f in blocks.getFeatures()] + [(None, ["NOGEOM"])]
    bpath = save(memory_layer("MultiPolygon", "EPSG:4546", [("code", "str")], brows), tmp_path / "b.gpkg",
                 layer_name="b")
    fb = Log()
    res, layers = run(processing, "planindicators", {"MINING_RIGHTS": path, "EXPLORATION_BLOCKS": bpath,
                                                     "OUTPUT": "TEMPORARY_OUTPUT"}, fb)
    assert res["INPUT_PROBLEMS"] == 5                   # −500, abc, 1e400, the duplicate, the block without geometry
    listed = [t for t in fb.warnings if "：" in t and " / " in t and t.startswith("  ")]
    assert len(listed) == 5
    out = {f["id"]: f for f in layers["OUTPUT"].getFeatures()}
    assert out[GOLD_CAP]["status"] == "无数据" and "不完整" in out[GOLD_CAP]["note"]
    assert out["exploration_block_area"]["status"] == "无数据" and "NOGEOM" in out["exploration_block_area"]["note"]
    assert out["mine_count"]["current"] == len(rows) - 1 and "只计一次" in out["mine_count"]["note"]
    assert all(not isinstance(f["current"], float) or math.isfinite(f["current"]) for f in out.values())
    outcome("skip", 5)
