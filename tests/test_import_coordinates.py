"""拐点坐标 import: valid files (two parcels, a hole, prefixed and plain eastings, CSV) and broken ones."""
import os

import pytest
from conftest import ROOT, run_alg

DIR = os.path.join(ROOT, "data", "coordinates")
HEADER = ("[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n带号=37\n[地块坐标]\n")
GOOD = HEADER + ("5,64.0000,1,甲,面,,采矿用地,,@\n"
                 "J1,1,3812000,37486000\nJ2,1,3812000,37486800\nJ3,1,3812800,37486800\nJ4,1,3812800,37486000\n"
                 "J1,1,3812000,37486000\n")


def parse(text, **kw):
    from mineplan.rules.coordinates.parse import parse_bubiao
    return parse_bubiao(text, "t.txt", **kw)


def test_sample_files(processing):
    res, layers = run_alg(processing, "mineplan:importcoordinates", {
        "INPUT": os.path.join(DIR, "sample_bubiao_zone37.txt"), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["CRS"] == "EPSG:4525" and res["PARCEL_COUNT"] == 2 and res["AREA_WARNINGS"] == 0
    feats = list(layers["OUTPUT"].getFeatures())
    assert feats[0]["name"] == "灵宝市示例金矿采矿权申请" and feats[0]["ring_count"] == 2
    assert feats[0]["area_planar_m2"] == pytest.approx(760000.0)            # 800 × 1000 m minus a 200 × 200 m hole
    assert feats[0]["declared_unit"] == "公顷"
    assert feats[0]["area_ellipsoid_m2"] == pytest.approx(760000.0, rel=1e-4)
    assert feats[0].geometry().boundingBox().xMinimum() == pytest.approx(37486000.0)
    res2, layers2 = run_alg(processing, "mineplan:importcoordinates", {
        "INPUT": os.path.join(DIR, "sample_bubiao_plain_gbk.txt"), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res2["CRS"] == "EPSG:4546"
    g1 = next(layers2["OUTPUT"].getFeatures()).geometry()
    assert g1.area() == pytest.approx(760000.0) and g1.boundingBox().xMinimum() == pytest.approx(486000.0)
    res3, _ = run_alg(processing, "mineplan:importcoordinates", {
        "INPUT": os.path.join(DIR, "sample_points.csv"), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res3["CRS"] == "EPSG:4525" and res3["PARCEL_COUNT"] == 1


def test_area_warning(processing, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD.replace("64.0000", "70.0000"), encoding="utf-8")
    res, layers = run_alg(processing, "mineplan:importcoordinates", {"INPUT": str(p), "DECLARED_AREA_UNIT": 1,
                                                                     "OUTPUT": "TEMPORARY_OUTPUT"})
    f = next(layers["OUTPUT"].getFeatures())
    assert res["AREA_WARNINGS"] == 1 and "相差" in f["area_warning"] and f["area_diff_pct"] == pytest.approx(9.375)


def test_good_text_parses():
    cf = parse(GOOD)
    assert cf.epsg == 4525 and cf.parcels[0].planar_area() == pytest.approx(640000.0)


@pytest.mark.parametrize("text,words,line", [
    (GOOD.replace("[属性描述]\n", ""), ["缺少文件头"], 1),
    (GOOD.replace("J3,1,3812800,37486800", "J3,1,3812800"), ["4 项"], 10),
    (GOOD.replace("带号=37", "带号=38"), ["带号前缀 37", "带号=38"], 8),
    (GOOD.replace("带号=37", "带号=77"), ["带号 77"], 5),
    (GOOD.replace("J2,1,3812000,37486800", "J2,1,3812000,abc"), ["不是数字"], 9),
    (GOOD.replace("5,64.0000", "7,64.0000"), ["声明界址点数 7"], 7),
    (GOOD.replace("J2,1,3812000,37486800", "J2,1,37486800,3812000"), ["互换"], 9),
])
def test_broken_files_name_the_line(text, words, line):
    from mineplan.rules.coordinates.parse import CoordinateFileError
    with pytest.raises(CoordinateFileError) as exc:
        parse(text)
    msg = str(exc.value)
    for w in words:
        assert w in msg, msg
    assert exc.value.line == line, msg
    assert f"第{line}行" in msg and f"line {line}" in msg


def test_plain_eastings_need_a_zone():
    from mineplan.rules.coordinates.parse import CoordinateFileError
    text = GOOD.replace("带号=37\n", "").replace(",37486", ",486")
    with pytest.raises(CoordinateFileError) as exc:
        parse(text)
    assert "无法确定投影带" in str(exc.value)


def test_xian80_keeps_its_datum():
    cf = parse(GOOD.replace("2000国家大地坐标系", "1980西安坐标系"))
    assert cf.epsg == 2361 and cf.warnings                 # Xian 1980 / 3-degree GK zone 37


def test_broken_file_through_processing(processing, tmp_path):
    from qgis.core import QgsProcessingException
    p = tmp_path / "b.txt"
    p.write_text(GOOD.replace("J3,1,3812800,37486800", "J3,1,3812800"), encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:importcoordinates", {"INPUT": str(p), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "第10行" in str(exc.value)


def test_csv_variants():
    from mineplan.rules.coordinates.parse import parse_csv
    cf = parse_csv("J1,3812000,486000\nJ2,3812000,486800\nJ3,3812800,486800\n", "p.csv", zone=37)
    assert cf.epsg == 4546 and cf.parcels[0].planar_area() == pytest.approx(320000.0)   # closed automatically
    cf = parse_csv("点号\tX\tY\n1\t3812000\t37486000\n2\t3812000\t37486800\n3\t3812800\t37486800\n", "p.csv")
    assert cf.epsg == 4525


def test_lenient_real_world_variants():
    from mineplan.rules.coordinates.parse import parse_bubiao, parse_csv
    text = GOOD.replace("J2,1,3812000,37486800", "J2,1,3812000,37486800,").replace("\n", "\r\n")
    assert parse_bubiao(text, "t.txt").parcels[0].planar_area() == pytest.approx(640000.0)
    cf = parse_csv("序号,X坐标(m),Y坐标(m)\n1,3812000,37486000\n2,3812000,37486800\n3,3812800,37486800\n", "p.csv")
    assert cf.epsg == 4525 and cf.parcels[0].planar_area() == pytest.approx(320000.0)


@pytest.mark.parametrize("text,words,line", [
    (GOOD.replace("5,64.0000", "nan,64.0000"), ["界址点数", "nan"], 7),
    (GOOD.replace("带号=37", "带号=inf"), ["带号", "inf"], 5),
    (GOOD.replace("几度分带=3", "几度分带=1e400"), ["几度分带", "1e400"], 3),
    (GOOD.replace("5,64.0000", "5,nan"), ["地块面积", "nan"], 7),          # was silently NULL
    (HEADER, ["没有坐标点"], 6),                                             # header only
])
def test_non_finite_and_missing_numbers_name_the_line(text, words, line):
    from mineplan.rules.coordinates.parse import CoordinateFileError
    with pytest.raises(CoordinateFileError) as exc:
        parse(text)
    for w in words:
        assert w in str(exc.value)
    assert exc.value.line == line


def test_csv_header_only_and_excel_rows():
    from mineplan.rules.coordinates.parse import CoordinateFileError, parse_csv
    with pytest.raises(CoordinateFileError) as exc:
        parse_csv("点号,X,Y\n", "p.csv")
    assert "没有坐标点" in str(exc.value) and "no points" in str(exc.value)
    cf = parse_csv("点号,X,Y\n1,3812000,37486000\n2,3812000,37486800\n3,3812800,37486800\n,,\n,,\n", "p.csv")
    assert cf.parcels[0].planar_area() == pytest.approx(320000.0) and any("2 个空行" in w[0] for w in cf.warnings)


def test_zone_parameter_clash_blames_the_parameter():
    from mineplan.rules.coordinates.parse import CoordinateFileError, parse_csv
    with pytest.raises(CoordinateFileError) as exc:
        parse_csv("J1,3812000,37486000\nJ2,3812000,37486800\nJ3,3812800,37486800\n", "p.csv", zone=38)
    assert "参数 ZONE=38" in str(exc.value) and "文件头" not in str(exc.value)
    with pytest.raises(CoordinateFileError) as exc:
        parse(GOOD, zone=38)
    assert "参数 ZONE=38" in str(exc.value) and "带号=37" in str(exc.value)
