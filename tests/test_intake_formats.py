"""Intake formats (issue 18): the 采矿权/探矿权 登记 报盘 text, with real-format fixtures and their clear errors.
Expected areas are computed by hand from the fixtures' corners (shoelace of rectangles and triangles)."""
import os

import pytest
from conftest import ROOT, run_alg
from qgis.core import NULL

DIR = os.path.join(ROOT, "data", "coordinates")
MINING = os.path.join(DIR, "sample_baopan_mining_gbk.txt")
EXPLO = os.path.join(DIR, "sample_baopan_exploration_utf8.txt")

BAOPAN = ("矿区范围拐点坐标与标高的总行数=11\n坐标系统=2000\n"
          "XY001=1,3812000.00,37486000.00\nXY002=2,3812000.00,37487200.00\nXY003=3,3812600.00,37487200.00\n"
          "XY004=4,3812900.00,37486600.00\nXY005=5,3812600.00,37486000.00\nXY006=+1200,+800,,1\n"
          "XY007=1,3812100.00,37487500.00\nXY008=2,3812100.00,37488000.00\nXY009=3,3812500.00,37488000.00\n"
          "XY010=4,3812500.00,37487500.00\nXY011=+1100,+700,,2\n")


def parse(text, **kw):
    from mineplan.rules.coordinates.parse import parse_baopan
    return parse_baopan(text, "b.txt", **kw)


def test_baopan_gbk_file_two_blocks():
    from mineplan.rules.coordinates.parse import block_elev_text, detect_format, parse_file, read_text, shoelace
    assert detect_format(read_text(MINING)) == "baopan"
    with open(MINING, "rb") as fh:
        raw = fh.read()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")                                   # the fixture really is GBK
    cf = parse_file(MINING)
    assert (cf.epsg, cf.datum, cf.zone, cf.zone_width, cf.prefixed) == (4525, "CGCS2000", 37, 3, True)
    assert cf.coord_system == "CGCS2000 3度带 37" and cf.warnings == []
    (p,) = cf.parcels
    assert p.name == "灵宝市示例金矿（报盘示例）" and p.declared_area == 1.1 and p.area_unit == "平方千米"
    assert len(p.rings) == 2 and len(p.polygons) == 2           # one part per 块段, never a hole
    # 块段 1: 1200 × 600 m rectangle + triangle of base 1200 m, height 300 m = 720000 + 180000
    assert abs(shoelace(p.rings[0])) == pytest.approx(900000.0)
    assert abs(shoelace(p.rings[1])) == pytest.approx(500 * 400)  # 块段 2: 500 × 400 m
    assert p.planar_area() == pytest.approx(1100000.0)
    assert p.blocks == [("1", 1200.0, 800.0), ("2", 1100.0, 700.0)]
    assert block_elev_text(p.blocks) == "1:+1200,+800;2:+1100,+700"
    assert len(p.rings[0]) == 5 and p.rings[0][0] == (37486000.0, 3812000.0)    # implicit closure, no repeat


def test_baopan_utf8_explicit_closure_and_code_3():
    from mineplan.rules.coordinates.parse import parse_file
    cf = parse_file(EXPLO)
    (p,) = cf.parcels
    assert cf.epsg == 4525 and cf.datum == "CGCS2000"
    assert p.name == "河南省灵宝市示例钼矿勘探（报盘示例）" and p.declared_area == 1.4 and p.area_unit == ""
    assert [len(r) for r in p.rings] == [4, 4]                 # the repeated first point of 块段 2 is dropped
    assert p.planar_area() == pytest.approx(1000 * 1000 + 800 * 500)
    assert p.blocks == [("1", 1500.0, 900.0), ("2", 1300.0, 600.0)]


@pytest.mark.parametrize("code,datum,epsg", [("1", "Beijing54", 2413), ("北京54", "Beijing54", 2413),
                                             ("2", "Xian80", 2361), ("西安80", "Xian80", 2361),
                                             ("CGCS2000", "CGCS2000", 4525)])
def test_baopan_datum_codes(code, datum, epsg):
    cf = parse(BAOPAN.replace("坐标系统=2000", f"坐标系统={code}"))
    assert cf.datum == datum and cf.epsg == epsg


def test_baopan_6_degree_zone_from_prefix():
    # 6° zone 19 (CM 111°E): the same northings, eastings with prefix 19
    cf = parse(BAOPAN.replace(",37486", ",19486").replace(",37487", ",19487").replace(",37488", ",19488"))
    assert cf.zone_width == 6 and cf.zone == 19 and cf.epsg == 4497


@pytest.mark.parametrize("text,words,line", [
    (BAOPAN.replace("总行数=11", "总行数=12"), ["总行数=12", "实际有 11 行", "declares 12"], 1),
    (BAOPAN.replace("XY011=+1100,+700,,2\n", ""), ["缺少标高行", "not closed by an elevation line"], 12),
    (BAOPAN.replace("3812600.00,37487200.00", "3812600.00,3748720O.00"), ["不是数字", "not a number"], 5),
    (BAOPAN.replace("XY008=2,3812100.00,37488000.00", "XY008=2,3812100.00,38488000.00"),
     ["带号前缀 38", "37"], 10),
    (BAOPAN.replace("XY006=+1200,+800,,1", "XY006=+800,+1200,,1"), ["标高上限", "below"], 8),
    (BAOPAN.replace("XY011=+1100,+700,,2", "XY011=+1100,+700,,1"), ["块段号 1 重复"], 13),
    (BAOPAN.replace("XY003=3,3812600.00,37487200.00", "XY003=3,3812600.00"), ["3 项", "3 fields"], 5),
    (BAOPAN.replace("坐标系统=2000", "坐标系统=9"), ["坐标系统", "unknown datum"], 2),
    (BAOPAN.replace("XY003=3,3812600.00,37487200.00\nXY004=4,3812900.00,37486600.00\n"
                    "XY005=5,3812600.00,37486000.00\n", "").replace("总行数=11", "总行数=8"), ["只有 2 个拐点"], 5),
])
def test_broken_baopan_names_the_line(text, words, line):
    from mineplan.rules.coordinates.parse import CoordinateFileError
    with pytest.raises(CoordinateFileError) as exc:
        parse(text)
    msg = str(exc.value)
    for w in words:
        assert w in msg, msg
    assert exc.value.line == line, msg
    assert f"第{line}行" in msg and f"line {line}" in msg


def test_import_baopan_attributes(processing):
    res, layers = run_alg(processing, "mineplan:importcoordinates", {"INPUT": MINING, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["CRS"] == "EPSG:4525" and res["PARCEL_COUNT"] == 1 and res["AREA_WARNINGS"] == 0
    (f,) = list(layers["OUTPUT"].getFeatures())
    g = f.geometry()
    assert g.isMultipart() and len(g.asMultiPolygon()) == 2 and g.area() == pytest.approx(1100000.0)
    assert f["app_name"] == "灵宝市示例金矿（报盘示例）" and f["declared_area"] == pytest.approx(1.1)
    assert f["area_unit"] == "km2" and f["declared_unit"] == "平方千米" and f["area_diff_pct"] == pytest.approx(0.0)
    assert (f["elev_top"], f["elev_bottom"]) == (1200.0, 700.0)
    assert f["block_elev"] == "1:+1200,+800;2:+1100,+700"
    assert f["coord_system"] == "CGCS2000 3度带 37" and f["source_file"] == "sample_baopan_mining_gbk.txt"
    # what the 报盘 header states about the application is kept too
    assert (f["mineral"], f["applicant"], f["right_type"]) == ("金矿", "灵宝市示例矿业有限公司", "采矿权")


def test_baopan_header_facts_of_both_kinds():
    from mineplan.rules.coordinates.parse import application_facts, parse_file
    assert parse_file(EXPLO).application == {"mineral": "钼矿", "applicant": "灵宝市示例地质勘查有限公司",
                                             "right_type": "探矿权"}
    assert application_facts({}) == {"mineral": None, "applicant": None, "right_type": None}
    # a header naming both kinds says nothing certain about the right type
    assert application_facts({"开采矿种": "金矿", "勘查矿种": "金矿"})["right_type"] is None


def test_completion_takes_the_files_facts_when_left_empty(processing):
    """No 矿种 / 矿业权类型 / 申请人 given: the 报盘 header's are used (钼矿, 探矿权, the 申请人); a chosen mineral that
    differs from the file's wins, with a warning; a CSV point list states no mineral: a clear error."""
    from hostile.makers import Log
    _, imp = run_alg(processing, "mineplan:importcoordinates", {"INPUT": EXPLO, "OUTPUT": "TEMPORARY_OUTPUT"})
    _, comp = run_alg(processing, "mineplan:completeapplication", {"INPUT": imp["OUTPUT"], "OUTPUT": "TEMPORARY_OUTPUT"})
    (a,) = comp["OUTPUT"].getFeatures()
    assert (a["mineral"], a["right_type"], a["applicant"]) == ("钼矿", "探矿权", "灵宝市示例地质勘查有限公司")
    log = Log()
    from qgis.core import QgsProcessingContext
    res = processing.run("mineplan:completeapplication", {"INPUT": imp["OUTPUT"], "MINERAL": "金矿",
                                                          "OUTPUT": "TEMPORARY_OUTPUT"},
                         context=QgsProcessingContext(), feedback=log)
    (a,) = res["OUTPUT"].getFeatures()
    assert a["mineral"] == "金矿" and any("钼矿" in w for w in log.warnings), log.warnings
    _, csv = run_alg(processing, "mineplan:importcoordinates", {"INPUT": os.path.join(DIR, "sample_points.csv"),
                                                                "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(Exception, match="未选择矿种，坐标文件也未写明矿种"):
        run_alg(processing, "mineplan:completeapplication", {"INPUT": csv["OUTPUT"], "OUTPUT": "TEMPORARY_OUTPUT"})


BUBIAO_ELEV = os.path.join(DIR, "sample_bubiao_elev_open.txt")


def test_bubiao_elevation_lines_and_open_ring_closed():
    from mineplan.rules.coordinates.parse import parse_file
    cf = parse_file(BUBIAO_ELEV)
    a, b = cf.parcels
    assert a.blocks == [("1", 1350.0, 950.0)] and b.blocks == [("1", 900.0, 650.0)]
    assert a.planar_area() == pytest.approx(500 * 400) and b.planar_area() == pytest.approx(400 * 300)
    assert cf.closed_rings == 1
    (w,) = [w for w in cf.warnings if "未闭合" in w[0]]
    assert "第18行" in w[0] and "line 18" in w[1] and "灵宝市示例萤石矿采矿权申请" in w[0]


@pytest.mark.parametrize("line,expected", [("开采标高=+1200m至+800m", (1200.0, 800.0)), ("开采标高：1200米到800米", (1200.0, 800.0)),
                                           ("*,+1200,+800", (1200.0, 800.0)), ("标高=+300~-120", (300.0, -120.0)),
                                           ("J1,1,3812000,37486000", None)])
def test_elevation_line_forms(line, expected):
    from mineplan.rules.coordinates.parse import _elevation_line
    assert _elevation_line(line, "t", 3) == expected


@pytest.mark.parametrize("line,words", [("开采标高=+1200m", ["两个数"]), ("*,+800,+1200", ["低于"]), ("*,abc,+1", ["不是数字"])])
def test_bad_elevation_lines(line, words):
    from mineplan.rules.coordinates.parse import CoordinateFileError, _elevation_line
    with pytest.raises(CoordinateFileError) as exc:
        _elevation_line(line, "t", 3)
    assert all(w in str(exc.value) for w in words) and exc.value.line == 3


def test_import_bubiao_elev_open(processing):
    res, layers = run_alg(processing, "mineplan:importcoordinates", {"INPUT": BUBIAO_ELEV,
                                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["PARCEL_COUNT"] == 2 and res["CLOSED_RINGS"] == 1 and res["AREA_WARNINGS"] == 0
    f1, f2 = layers["OUTPUT"].getFeatures()
    assert (f1["elev_top"], f1["elev_bottom"], f1["block_elev"]) == (1350.0, 950.0, "1:+1350,+950")
    assert f1["area_planar_m2"] == pytest.approx(200000.0) and f1["area_unit"] == "ha"
    assert f2["block_elev"] == "1:+900,+650" and f2["source_file"] == "sample_bubiao_elev_open.txt"


def test_import_complete_review(processing):
    """报盘 file → import → complete (矿种, 规模 … from parameters) → review: minimum scale and mineral policy are
    checked (not 未检查), with no field mapping."""
    from test_algorithms import CONTROLS, ZONES

    _, imp = run_alg(processing, "mineplan:importcoordinates", {"INPUT": MINING, "OUTPUT": "TEMPORARY_OUTPUT"})
    res, comp = run_alg(processing, "mineplan:completeapplication", {
        "INPUT": imp["OUTPUT"], "MINERAL": "金矿", "RIGHT_TYPE": "采矿权", "APP_TYPE": "新立", "SCALE": "中型",
        "MINING_METHOD": "地下", "MINING_RECOVERY": 90,
        "CAPACITY": 30.0, "CAPACITY_UNIT": "万吨/年", "RESERVES": 300.0, "RESERVES_UNIT": "万吨",
        "APPLICANT": "灵宝市示例矿业有限公司", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["APPLICATIONS"] == 1
    (a,) = comp["OUTPUT"].getFeatures()
    assert a["app_no"] == "sample_baopan_mining_gbk" and a["mineral"] == "金矿" and a["scale"] == "中型"
    assert a["right_type"] == "采矿权" and a["app_type"] == "新立" and a["capacity"] == 30.0
    assert a["mining_method"] == "地下" and a["mining_recovery"] == 90.0 and a["processing_recovery"] == NULL
    assert a["block_elev"] == "1:+1200,+800;2:+1100,+700" and a["elev_top"] == 1200.0
    assert a["coord_system"] == "CGCS2000 3度带 37" and a.geometry().area() == pytest.approx(1100000.0)
    assert comp["OUTPUT"].crs().authid() == "EPSG:4525"
    _, rev = run_alg(processing, "mineplan:compliancereview", {"PROPOSED": comp["OUTPUT"], **CONTROLS, **ZONES,
                                                               "OUTPUT": "TEMPORARY_OUTPUT"})
    (r,) = rev["OUTPUT"].getFeatures()
    names = rev["OUTPUT"].fields().names()
    verdicts = {n: r[n] for n in names if n.endswith("_verdict")}
    # 金矿 中型, 30 万吨/年 ≥ 专栏6 minimum 9 万吨/年; 300 万吨 / 30 = 10 years ≥ 5: 符合 — the facts came from
    # the completion step; the 块段 lie outside every 开采规划区块, so 设置区域 is 不符合
    assert verdicts["scale_verdict"] == "符合" and "不低于" in r["scale_reason"], r["scale_reason"]
    assert verdicts["policy_verdict"] == "符合" and verdicts["apptype_verdict"] == "符合"
    assert verdicts["siting_verdict"] == "不符合"


def test_complete_application_refuses_bad_units_and_rates(processing, tmp_path):
    """A unit the engine cannot read or a rate above 100 % stops before anything is written."""
    _, imp = run_alg(processing, "mineplan:importcoordinates", {"INPUT": MINING, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = tmp_path / "apps.gpkg"
    base = {"INPUT": imp["OUTPUT"], "MINERAL": "金矿", "CAPACITY": 3, "OUTPUT": str(out)}
    for extra, needle in (({"CAPACITY_UNIT": "箩筐/年"}, "无法识别的单位"), ({"MINING_RECOVERY": 190}, "不能大于 100")):
        with pytest.raises(Exception, match=needle):
            run_alg(processing, "mineplan:completeapplication", {**base, **extra})
        assert not out.exists()


def test_complete_application_appends_and_numbers(processing, tmp_path):
    """Two files of one day go into one applications layer: the second run copies the first's rows; numbers
    come from the file names; a missing capacity stays empty (the review says 未检查, not 符合)."""
    _, a = run_alg(processing, "mineplan:importcoordinates", {"INPUT": MINING, "OUTPUT": "TEMPORARY_OUTPUT"})
    _, b = run_alg(processing, "mineplan:importcoordinates", {"INPUT": EXPLO, "OUTPUT": "TEMPORARY_OUTPUT"})
    _, first = run_alg(processing, "mineplan:completeapplication", {"INPUT": a["OUTPUT"], "MINERAL": "金矿",
                                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    res, both = run_alg(processing, "mineplan:completeapplication", {
        "INPUT": b["OUTPUT"], "MINERAL": "钼矿", "RIGHT_TYPE": "探矿权", "FUNDING": "社会资金",
        "APPEND_TO": first["OUTPUT"], "OUTPUT": "TEMPORARY_OUTPUT"})
    rows = {f["app_no"]: f for f in both["OUTPUT"].getFeatures()}
    assert res["APPLICATIONS"] == 2 and set(rows) == {"sample_baopan_mining_gbk", "sample_baopan_exploration_utf8"}
    assert rows["sample_baopan_mining_gbk"]["capacity"] == NULL
    assert rows["sample_baopan_mining_gbk"]["capacity_unit"] == NULL
    assert rows["sample_baopan_exploration_utf8"]["right_type"] == "探矿权"
    assert rows["sample_baopan_exploration_utf8"]["funding"] == "社会资金"
