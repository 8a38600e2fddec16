"""经纬度 point lists (issue 18, item 1): 度分秒 and decimal degrees, projected on CGCS2000 to Gauss-Krüger.
The oracle for the projection is QGIS/PROJ itself (EPSG:4490 → EPSG:4525 / 4489+): the pure-Python Krüger series
must agree to a millimetre; expected areas come from QGIS transforming the same corners."""
import os

import pytest
from conftest import ROOT, run_alg

DMS = os.path.join(ROOT, "data", "coordinates", "sample_lonlat_dms_gbk.csv")


@pytest.mark.parametrize("text,value,kind", [
    ("111°05′30.5″", 111 + 5 / 60 + 30.5 / 3600, "dms"),
    ("111度05分30.5秒", 111 + 5 / 60 + 30.5 / 3600, "dms"),
    ("东经111°05'30.5\"", 111 + 5 / 60 + 30.5 / 3600, "dms"),
    ("E111:05:30.5", 111 + 5 / 60 + 30.5 / 3600, "dms"),
    ("111 05 30.5", 111 + 5 / 60 + 30.5 / 3600, "dms"),
    ("1110530.50", 111 + 5 / 60 + 30.5 / 3600, "compact"),
    ("343015.2", 34 + 30 / 60 + 15.2 / 3600, "compact"),
    ("北纬34°30′", 34.5, "dms"),
    ("34°30.5′", 34 + 30.5 / 60, "dm"),
    ("111.091806", 111.091806, "deg"),
])
def test_parse_angle(text, value, kind):
    from mineplan.rules.coordinates.lonlat import parse_angle
    got, how = parse_angle(text)
    assert got == pytest.approx(value, abs=1e-12) and how == kind


@pytest.mark.parametrize("text,needle", [("111°65′", "小于 60"), ("111°05′61″", "小于 60"), ("W111°05′", "西经"),
                                         ("111°05′3x″", "无法识别"), ("", "无法识别"), ("nan", "无法识别")])
def test_parse_angle_refuses(text, needle):
    from mineplan.rules.coordinates.lonlat import parse_angle
    from mineplan.rules.model.errors import InputValueError
    with pytest.raises(InputValueError, match=needle):
        parse_angle(text)


@pytest.mark.parametrize("width,zone,epsg", [(3, 37, 4525), (3, 36, 4524), (6, 19, 4497)])
def test_gauss_kruger_equals_proj(width, zone, epsg):
    """A grid of points across the whole zone (±1.5° / ±3° of the central meridian): within 1 mm of PROJ."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    from mineplan.rules.coordinates.lonlat import central_meridian, gauss_kruger
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), QgsCoordinateReferenceSystem(f"EPSG:{epsg}"),
                                QgsProject.instance())
    cm, half = central_meridian(zone, width), width / 2.0
    worst = 0.0
    for i in range(7):
        for lat in (18.0, 25.0, 34.5, 42.0, 53.0):
            lon = cm - half + i * width / 6.0
            p = tr.transform(QgsPointXY(lon, lat))
            e, n = gauss_kruger(lon, lat, zone, width)
            worst = max(worst, abs(p.x() - e), abs(p.y() - n))
    assert worst < 1e-3, worst


def test_detect_and_parse_dms_file():
    from mineplan.rules.coordinates.parse import detect_format, parse_file, read_text
    assert detect_format(read_text(DMS)) == "lonlat"
    cf = parse_file(DMS)
    assert (cf.epsg, cf.zone, cf.closed_rings) == (4525, 37, 1)
    assert any("CGCS2000" in en for _zh, en in cf.warnings) and any("closed" in en for _zh, en in cf.warnings)
    (p,) = cf.parcels
    assert p.point_count == 4 and len(p.rings) == 1


@pytest.mark.parametrize("text", [
    "点号,经度,纬度\n1,110.85,34.4666667\n2,110.8666667,34.4666667\n3,110.8666667,34.45\n4,110.85,34.45\n",
    "1,34.4666667,110.85\n2,34.4666667,110.8666667\n3,34.45,110.8666667\n4,34.45,110.85\n",   # 纬度 first
    "点号,纬度,经度\n1,342800,1105100\n2,342800,1105200\n3,342700,1105200\n4,342700,1105100\n",   # compact, 纬度 first
])
def test_decimal_compact_and_swapped_lists_agree(text):
    from mineplan.rules.coordinates.parse import detect_format, parse_lonlat
    assert detect_format(text) == "lonlat"
    area = parse_lonlat(text, "t.csv").parcels[0].planar_area()
    # 1′ × 1′ at 34.46°N on CGCS2000 GK zone 37 — the QGIS figure of the same corners (test below): 2,831,383.6 m²
    assert area == pytest.approx(2831383.6, abs=15.0)


def test_projected_csv_is_not_taken_for_lonlat():
    from mineplan.rules.coordinates.parse import detect_format
    assert detect_format("J1,3812000,37486000\nJ2,3812000,37486800\nJ3,3812800,37486800\n") == "csv"
    assert detect_format("点号,X,Y\n1,3812000.5,486000.25\n") == "csv"


@pytest.mark.parametrize("text,needle", [
    ("点号,经度,纬度\n1,10.5,34.4\n2,10.6,34.4\n3,10.6,34.5\n", "不在中国境内"),
    ("点号,经度,纬度\n1,110°61′,34.4\n", "小于 60"),
    ("点号,经度,纬度\n", "只有表头"),
    ("点号,东坐标,北坐标\n1,110.5,34.4\n", "找不到 经度 或 纬度"),
    ("1,110.85,34.46\n2,110.86\n", "缺少经度或纬度"),
])
def test_lonlat_errors_name_the_line(text, needle):
    from mineplan.rules.coordinates.parse import CoordinateFileError, parse_lonlat
    with pytest.raises(CoordinateFileError, match=needle):
        parse_lonlat(text, "b.csv")


def test_import_dms_file(processing):
    """The algorithm: GBK 度分秒 file → EPSG:4525 polygon whose corners are QGIS's own transform of the file's."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject
    res, out = run_alg(processing, "mineplan:importcoordinates", {"INPUT": DMS, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["CRS"] == "EPSG:4525" and res["PARCEL_COUNT"] == 1 and res["CLOSED_RINGS"] == 1
    (f,) = out["OUTPUT"].getFeatures()
    ll = [(110 + 51 / 60, 34 + 28 / 60), (110 + 52 / 60, 34 + 28 / 60), (110 + 52 / 60, 34 + 27 / 60),
          (110 + 51 / 60, 34 + 27 / 60)]
    oracle = QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in ll + ll[:1]]])
    oracle.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"),
                                            QgsCoordinateReferenceSystem("EPSG:4525"), QgsProject.instance()))
    assert f["area_planar_m2"] == pytest.approx(oracle.area(), abs=0.01)
    assert f.geometry().symDifference(oracle).area() < 0.01
    assert f["coord_system"] == "CGCS2000 3度带 37" and f["source_file"] == "sample_lonlat_dms_gbk.csv"
