"""Hostile files through qgis_process.bin, as a consultant runs them: a clean bilingual error (no Traceback,
no crash), the validator's finding with its line, and no output file when an algorithm refuses its input."""
from __future__ import annotations

import os

import pytest
from conftest import SAMPLE, qgis_process

from mineplan.rules import default_ruleset_path

pytestmark = pytest.mark.slow

GOOD = ("[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n带号=37\n[地块坐标]\n"
        "5,64.0000,1,甲,面,,采矿用地,,@\n"
        "J1,1,3812000,37486000\nJ2,1,3812000,37486800\nJ3,1,3812800,37486800\nJ4,1,3812800,37486000\n"
        "J1,1,3812000,37486000\n")
CSV = "点号,X,Y\nJ1,3812000,37486000\nJ2,3812000,37486800\nJ3,3812800,37486800\nJ4,3812800,37486000\n"


def billion_laughs() -> str:
    out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        a, b = chr(96 + i), chr(97 + i)
        out.append(f"{b}: &{b} [" + ",".join([f"*{a}"] * 9) + "]")
    return "\n".join(out) + "\n"


def lingbao() -> str:
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        return fh.read()


def nan_plan() -> str:
    return lingbao().replace("large: 15, medium: 9", "large: .nan, medium: 9", 1)


NAN_LINE = lingbao()[: lingbao().index("large: 15, medium: 9")].count("\n") + 1

RULE_FILES = {
    "bomb": (billion_laughs, "别名炸弹", 6),
    "nan-cell": (nan_plan, "不是有限数值", NAN_LINE),
    "recursive": (lambda: "schema: &a [*a]\n", "递归别名", 1),
    "nested-1M": (lambda: "[" * 1_000_000, "嵌套层数超过 50", 1),
}


def _file(tmp_path, name, content) -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return str(p)


def _clean(rc, out):
    assert "Traceback" not in out, out
    assert rc in (0, 1), f"qgis_process died (rc {rc}):\n{out}"       # a segfault would be -11 / 139


@pytest.mark.parametrize("case", list(RULE_FILES))
def test_validaterules_reports_the_finding_with_its_line(tmp_path, untouched, case):
    make, words, line = RULE_FILES[case]
    path = untouched(_file(tmp_path, f"{case}.yaml", make()))
    rc, data, out = qgis_process("--json", "run", "mineplan:validaterules", "--", f"RULESET={path}",
                                 f"OUTPUT={tmp_path / 'v.gpkg'}", check=False)
    _clean(rc, out)
    assert rc == 0 and data["results"]["ERRORS"] >= 1
    assert f"{case}.yaml:{line}" in out and words in out, out


def test_validaterules_refuses_50mb_by_size(tmp_path, untouched):
    p = tmp_path / "huge.yaml"
    with open(p, "wb") as fh:
        fh.write(lingbao().encode("utf-8"))
        fh.truncate(50 * 1024 * 1024)
    untouched(p)
    rc, data, out = qgis_process("--json", "run", "mineplan:validaterules", "--", f"RULESET={p}",
                                 f"OUTPUT={tmp_path / 'v.gpkg'}", check=False)
    _clean(rc, out)
    assert data["results"]["ERRORS"] == 1 and data["results"]["SECONDS"] < 1.0 and "文件过大" in out


@pytest.mark.parametrize("alg,case", [("mineralpolicy", "bomb"), ("mineralpolicy", "nan-cell"),
                                      ("minimumscale", "recursive"), ("mineralpolicy", "nested-1M")])
def test_algorithm_with_hostile_ruleset_stops_cleanly(tmp_path, untouched, alg, case):
    make, words, line = RULE_FILES[case]
    path = untouched(_file(tmp_path, f"{case}.yaml", make()))
    out_path = tmp_path / "o.gpkg"
    extra = ["MINERAL_FIELD=mineral", "SCALE_FIELD=scale", "CAPACITY_FIELD=capacity"] if alg == "minimumscale" else []
    rc, _, out = qgis_process("run", f"mineplan:{alg}", "--", f"INPUT={SAMPLE}|layername=proposed_rights",
                              f"RULESET={path}", *extra, f"OUTPUT={out_path}", check=False)
    _clean(rc, out)
    assert rc == 1 and words in out and f"第{line}行" in out and f"line {line}" in out, out
    assert not out_path.exists()


@pytest.mark.parametrize("case,content,params,words", [
    ("count-nan", GOOD.replace("5,64.0000,", "nan,64.0000,"), [], ["第7行", "line 7", "界址点数", "point count"]),
    ("area-nan", GOOD.replace("5,64.0000,", "5,nan,"), [], ["第7行", "地块面积"]),
    ("csv-header-only", "点号,X,Y\n,,\n", [], ["没有坐标点", "no points"]),
    ("zone-clash", GOOD, ["ZONE=38"], ["参数 ZONE=38", "带号=37"]),
])
def test_importcoordinates_refuses_and_writes_nothing(tmp_path, untouched, case, content, params, words):
    src = untouched(_file(tmp_path, f"{case}.{'csv' if case.startswith('csv') else 'txt'}", content))
    out_path = tmp_path / "o.gpkg"
    rc, _, out = qgis_process("run", "mineplan:importcoordinates", "--", f"INPUT={src}", *params,
                              f"OUTPUT={out_path}", check=False)
    _clean(rc, out)
    assert rc == 1, out
    for w in words:
        assert w in out, out
    assert not out_path.exists()


def test_importcoordinates_excel_csv_and_gbk(tmp_path, untouched):
    for name, content in (("excel.csv", CSV + ",,\n,,\n"), ("gbk.txt", GOOD.replace("甲", "灵宝甲").encode("gbk"))):
        src = untouched(_file(tmp_path, name, content))
        out_path = tmp_path / f"{name}.gpkg"
        rc, data, out = qgis_process("--json", "run", "mineplan:importcoordinates", "--", f"INPUT={src}",
                                     f"OUTPUT={out_path}", check=False)
        _clean(rc, out)
        assert rc == 0 and data["results"]["PARCEL_COUNT"] == 1 and data["results"]["CRS"] == "EPSG:4525"
        assert os.path.exists(out_path)
        if name == "excel.csv":
            assert "已跳过 2 个空行" in out
