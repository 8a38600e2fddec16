"""Layers that cannot give a right number are refused before anything is computed or written (issue #11
items 2 and 8): no CRS (a shapefile without .prj — in the issue a block wholly in the red line got 0 m² →
符合), coordinates that cannot be in the declared CRS (1e20, NaN, eastings with the zone prefix, lat/lon
swapped, projected metres declared as degrees), and a geometry type the parameter does not take (a point
layer as ECO_REDLINE through qgis_process). What is odd but legitimate gives the right result."""
from __future__ import annotations

import math
import os
import shutil

import pytest
from conftest import sample_layer
from hostile.makers import (
    CONTROLS,
    PROPOSED,
    RIGHTS,
    ZONES,
    Log,
    features,
    memory_layer,
    proposed_feature,
    refused,
    run,
    save,
    vector,
    without_crs,
)

NO_CRS = ("未定义坐标系", "has no CRS")
OUT_OF_RANGE = ("不在坐标系", "outside the valid area")
NOT_POLYGON = ("不是面图层", "is not a polygon layer")
SQ14 = "SQ2025-14"          # wholly inside the ecological red line (629,985 m²)


def _both(text, pair):
    assert pair[0] in text and pair[1] in text, text


def _sq14_layer(tmp_path, crs="EPSG:4546", name="sq14", wkt=None):
    f = proposed_feature(SQ14)
    lyr = memory_layer("MultiPolygon", crs, [("app_no", "str"), ("mineral", "str"), ("right_type", "str")],
                       [(wkt or f.geometry().asWkt(), [SQ14, "金矿", "采矿"])])
    return save(lyr, tmp_path / f"{name}.gpkg", layer_name=name)


ROLE_PARAMS = list(CONTROLS) + list(ZONES) + list(RIGHTS)


@pytest.mark.parametrize("key", ["PROPOSED"] + ROLE_PARAMS + ["COUNTY_BOUNDARY"])
def test_review_refuses_any_layer_without_crs(processing, tmp_path, key, outcome):
    uri = PROPOSED if key == "PROPOSED" else {**CONTROLS, **ZONES, **RIGHTS}.get(key, sample_layer("county_boundary"))
    params = {"PROPOSED": PROPOSED, **CONTROLS, **ZONES, "OUTPUT": str(tmp_path / "o.gpkg"),
              key: without_crs(tmp_path, uri, key.lower())}
    text = refused(processing, "compliancereview", params)
    _both(text, NO_CRS)
    assert key in text and not (tmp_path / "o.gpkg").exists()
    outcome("error")


@pytest.mark.parametrize("alg,key", [("redlineoverlap", "INPUT"), ("redlineoverlap", "ECO_REDLINE"),
                                     ("zoneassignment", "INPUT"), ("zoneassignment", "MINING_BLOCKS"),
                                     ("avoidconstraints", "INPUT"), ("avoidconstraints", "BASIC_FARMLAND"),
                                     ("sitingareas", "CONCENTRATED_MINING_AREAS"),
                                     ("planindicators", "EXPLORATION_BLOCKS")])
def test_every_algorithm_refuses_a_layer_without_crs(processing, tmp_path, alg, key, outcome):
    base = {"redlineoverlap": {"INPUT": PROPOSED, **CONTROLS}, "zoneassignment": {"INPUT": PROPOSED, **ZONES},
            "avoidconstraints": {"INPUT": PROPOSED, **CONTROLS},
            "sitingareas": {"MINERAL": "建筑石料", **CONTROLS, **ZONES},
            "planindicators": {**RIGHTS, "EXPLORATION_BLOCKS": ZONES["EXPLORATION_BLOCKS"]}}[alg]
    uri = base.get(key, PROPOSED)
    text = refused(processing, alg, {**base, key: without_crs(tmp_path, uri, key.lower()),
                                     "OUTPUT": str(tmp_path / "o.gpkg")})
    _both(text, NO_CRS)
    outcome("error")


def test_the_issue_case_block_in_the_red_line_without_crs_is_never_compliant(processing, tmp_path, outcome):
    """The issue's case: both layers in EPSG:4546 coordinates, the red line without CRS."""
    eco = without_crs(tmp_path, CONTROLS["ECO_REDLINE"], "eco")
    text = refused(processing, "compliancereview", {"PROPOSED": _sq14_layer(tmp_path), **CONTROLS, "ECO_REDLINE": eco,
                                                    **ZONES, "OUTPUT": str(tmp_path / "o.gpkg"),
                                                    "REPORT_HTML": str(tmp_path / "r.html")})
    _both(text, NO_CRS)
    assert sorted(os.listdir(tmp_path)) == sorted(["eco.shp", "eco.shx", "eco.dbf", "eco.cpg", "sq14.gpkg"])
    outcome("error")


def test_minimum_scale_and_policy_need_no_crs(processing, tmp_path, outcome):
    """Attribute-only checks: a layer without CRS (or a table) gives the same verdicts."""
    src = without_crs(tmp_path, PROPOSED, "nocrs")
    for alg in ("minimumscale", "mineralpolicy"):
        a, _ = run(processing, alg, {"INPUT": src, "OUTPUT": "TEMPORARY_OUTPUT"})
        b, _ = run(processing, alg, {"INPUT": PROPOSED, "OUTPUT": "TEMPORARY_OUTPUT"})
        assert {k: v for k, v in a.items() if k.endswith("COUNT")} == {k: v for k, v in b.items() if k.endswith("COUNT")}
    outcome("correct", 2)


def _absurd(tmp_path, case):
    f = proposed_feature(SQ14).geometry()
    if case == "1e20":
        wkt = "MULTIPOLYGON(((1e20 1e20,1.0001e20 1e20,1.0001e20 1.0001e20,1e20 1e20)))"
        lyr = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str")], [(f.asWkt(), [SQ14]), (wkt, ["FAR"])])
        return save(lyr, tmp_path / "far.gpkg", layer_name="far")
    if case == "nan":
        from qgis.core import QgsGeometry, QgsLineString, QgsPoint, QgsPolygon
        ring = QgsLineString([QgsPoint(float("nan"), float("nan")), QgsPoint(480000, 3810000),
                              QgsPoint(480100, 3810100), QgsPoint(float("nan"), float("nan"))])
        bad = QgsGeometry(QgsPolygon(ring))
        lyr = memory_layer("Polygon", "EPSG:4546", [("app_no", "str")], [(f.asWkt(), [SQ14]), (None, ["NAN"])])
        lyr.dataProvider().changeGeometryValues({2: bad})
        return save(lyr, tmp_path / "nan.gpkg", layer_name="nan")
    if case == "zone-prefix":          # eastings with the zone number (37486000) in EPSG:4546
        g = f.asWkt()
        import re
        wkt = re.sub(r"(\d{6}\.\d+) (\d{7}\.\d+)", lambda m: f"{37000000 + float(m.group(1))} {m.group(2)}", g)
        lyr = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str")], [(wkt, [SQ14])])
        return save(lyr, tmp_path / "prefix.gpkg", layer_name="prefix")
    if case == "metres-as-degrees":    # EPSG:4546 coordinates declared EPSG:4490
        lyr = memory_layer("MultiPolygon", "EPSG:4490", [("app_no", "str")], [(f.asWkt(), [SQ14])])
        return save(lyr, tmp_path / "deg.gpkg", layer_name="deg")
    if case == "lat-lon-swapped":
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
        g = f.__class__(f)
        g.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4546"),
                                           QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()))
        g.get().swapXy()
        lyr = memory_layer("MultiPolygon", "EPSG:4490", [("app_no", "str")], [(g.asWkt(), [SQ14])])
        return save(lyr, tmp_path / "swap.gpkg", layer_name="swap")
    raise ValueError(case)


@pytest.mark.parametrize("case", ["1e20", "nan", "zone-prefix", "metres-as-degrees", "lat-lon-swapped"])
@pytest.mark.parametrize("alg", ["redlineoverlap", "compliancereview", "zoneassignment", "avoidconstraints"])
def test_coordinates_that_cannot_be_in_the_crs_are_refused(processing, tmp_path, case, alg, outcome):
    src = _absurd(tmp_path, case)
    key = "PROPOSED" if alg == "compliancereview" else "INPUT"
    extra = ZONES if alg == "zoneassignment" else CONTROLS
    if alg == "compliancereview":
        extra = {**CONTROLS, **ZONES}
    text = refused(processing, alg, {key: src, **extra, "OUTPUT": str(tmp_path / "o.gpkg")})
    assert ("不在坐标系" in text and "outside the valid area" in text) or "NaN" in text, text
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_a_constraint_layer_at_1e20_is_refused(processing, tmp_path, outcome):
    eco = _absurd(tmp_path, "1e20")
    text = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, "ECO_REDLINE": eco,
                                                  "OUTPUT": str(tmp_path / "o.gpkg")})
    _both(text, OUT_OF_RANGE)
    outcome("error")


def _typed(tmp_path, kind, name):
    rows = {"Point": [("POINT(480000 3810000)", ["a"])],
            "LineString": [("LINESTRING(470000 3800000, 490000 3820000)", ["a"])],
            "None": [(None, ["a"])]}[kind]
    lyr = memory_layer(kind, "EPSG:4546" if kind != "None" else None, [("id", "str")], rows, name)
    return save(lyr, tmp_path / f"{name}.gpkg", layer_name=name)


@pytest.mark.parametrize("alg,key,kind", [
    ("redlineoverlap", "ECO_REDLINE", "Point"), ("redlineoverlap", "BASIC_FARMLAND", "LineString"),
    ("redlineoverlap", "URBAN_BOUNDARY", "None"), ("redlineoverlap", "INPUT", "Point"),
    ("compliancereview", "NATURE_RESERVE", "Point"), ("compliancereview", "KEY_MINING_AREAS", "LineString"),
    ("compliancereview", "COUNTY_BOUNDARY", "LineString"), ("compliancereview", "PROPOSED", "Point"),
    ("zoneassignment", "MINING_BLOCKS", "Point"), ("zoneassignment", "CONCENTRATED_MINING_AREAS", "None"),
    ("avoidconstraints", "ECO_REDLINE", "Point"), ("sitingareas", "KEY_MINING_AREAS", "Point"),
    ("planindicators", "EXPLORATION_BLOCKS", "Point"),
])
def test_a_layer_of_the_wrong_geometry_type_is_refused(processing, tmp_path, alg, key, kind, outcome):
    base = {"redlineoverlap": {"INPUT": PROPOSED, **CONTROLS}, "compliancereview": {"PROPOSED": PROPOSED, **CONTROLS},
            "zoneassignment": {"INPUT": PROPOSED, **ZONES}, "avoidconstraints": {"INPUT": PROPOSED, **CONTROLS},
            "sitingareas": {"MINERAL": "建筑石料", **ZONES}, "planindicators": {**RIGHTS}}[alg]
    text = refused(processing, alg, {**base, key: _typed(tmp_path, kind, key.lower()),
                                     "OUTPUT": str(tmp_path / "o.gpkg")})
    _both(text, NOT_POLYGON)
    assert key in text and not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_lines_and_points_in_other_constraints_are_buffered_as_the_rule_file_says(processing, tmp_path, outcome):
    """Lingbao's rule file buffers other lines and points by 1000 m (三区两线): a point 500 m from SQ2025-14
    is a needs-justification overlap, not ignored."""
    c = proposed_feature(SQ14).geometry().centroid().asPoint()
    pt = memory_layer("Point", "EPSG:4546", [("id", "str")], [(f"POINT({c.x()} {c.y() + 500})", ["P1"])], "交通干线")
    path = save(pt, tmp_path / "交通干线.gpkg", layer_name="交通干线")
    res, layers = run(processing, "redlineoverlap", {"INPUT": PROPOSED, "OTHER_CONSTRAINTS": [path],
                                                     "ID_FIELD": "app_no", "OUTPUT": "TEMPORARY_OUTPUT"})
    f = {x["app_no"]: x for x in layers["OUTPUT"].getFeatures()}[SQ14]
    assert f["other_1_area_m2"] > 100_000 and f["verdict"] == "需论证" and "交通干线" in f["reason"]
    outcome("correct")


def test_lines_in_other_constraints_without_a_buffer_are_refused(processing, tmp_path, outcome):
    from mineplan.rules import default_ruleset_path
    ref = os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference")
    for name in ("minerals.yaml", "reserve_scale_133.yaml"):
        shutil.copy(os.path.join(ref, name), tmp_path / name)
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        text = fh.read()
    assert "line_buffer_m: 1000" in text
    rule = tmp_path / "plan.yaml"
    rule.write_text(text.replace("line_buffer_m: 1000", "line_buffer_m: 0", 1), encoding="utf-8")
    line = _typed(tmp_path, "LineString", "road")
    msg = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, "OTHER_CONSTRAINTS": [line], "RULESET": str(rule),
                                                 "OUTPUT": str(tmp_path / "o.gpkg")})
    assert "line_buffer_m" in msg and "不是面图层" in msg
    outcome("error")


def test_other_constraint_named_geom_takes_the_file_name(processing, tmp_path, outcome):
    """A GeoPackage whose layer is called 'geom' (what many converters write): the category is named after the
    file — 压覆矿产资源 — never 压覆geom."""
    eco = vector(CONTROLS["ECO_REDLINE"])
    path = save(eco, tmp_path / "压覆矿产资源.gpkg", layer_name="geom")
    res, layers = run(processing, "redlineoverlap", {"INPUT": PROPOSED, "OTHER_CONSTRAINTS": [path],
                                                     "ID_FIELD": "app_no", "OUTPUT": "TEMPORARY_OUTPUT"})
    f = {x["app_no"]: x for x in layers["OUTPUT"].getFeatures()}[SQ14]
    assert "压覆矿产资源" in f["reason"] and "geom" not in f["reason"]
    outcome("correct")


def test_empty_and_geometryless_inputs(processing, tmp_path, outcome):
    empty = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str"), ("mineral", "str")], [], "empty")
    src = save(empty, tmp_path / "empty.gpkg", layer_name="empty")
    res, layers = run(processing, "compliancereview", {"PROPOSED": src, **CONTROLS, **ZONES,
                                                       "OUTPUT": str(tmp_path / "e.gpkg")})
    assert res["FEATURE_COUNT"] == 0 == vector(str(tmp_path / "e.gpkg")).featureCount()
    nulls = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str"), ("mineral", "str"), ("right_type", "str")],
                         [(None, ["N-1", "金矿", "采矿"]), (None, ["N-2", "铁矿", "采矿"])], "nulls")
    src = save(nulls, tmp_path / "nulls.gpkg", layer_name="nulls")
    res, layers = run(processing, "redlineoverlap", {"INPUT": src, **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["FEATURE_COUNT"] == 2 == res["NO_GEOMETRY_COUNT"]
    assert {f["verdict"] for f in layers["OUTPUT"].getFeatures()} == {"无几何"}
    outcome("correct", 2)


@pytest.mark.parametrize("kind", ["CurvePolygon", "PolygonZ", "MultiPolygonZM"])
def test_curved_and_3d_polygons_are_measured(processing, tmp_path, kind, outcome):
    f = proposed_feature(SQ14).geometry()
    from qgis.core import QgsGeometry, QgsWkbTypes
    g = QgsGeometry(f)
    if kind == "CurvePolygon":
        g = QgsGeometry.fromWkt(g.constGet().geometryN(0).toCurveType().asWkt())
    elif kind == "PolygonZ":
        g = QgsGeometry.fromWkt(g.constGet().geometryN(0).asWkt())
        g.get().addZValue(600.0)
    else:
        g.get().addZValue(600.0)
        g.get().addMValue(1.0)
    lyr = memory_layer(kind, "EPSG:4546", [("app_no", "str"), ("right_type", "str")], [(g.asWkt(), [SQ14, "采矿"])])
    assert QgsWkbTypes.flatType(lyr.wkbType()) in (QgsWkbTypes.CurvePolygon, QgsWkbTypes.Polygon,
                                                    QgsWkbTypes.MultiPolygon)
    src = save(lyr, tmp_path / "k.gpkg", layer_name="k")
    res, layers = run(processing, "redlineoverlap", {"INPUT": src, **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = next(layers["OUTPUT"].getFeatures())
    assert out["verdict"] == "冲突" and out["eco_area_m2"] == pytest.approx(629985.2, rel=1e-3)
    outcome("correct")


def test_a_zero_area_sliver_in_repair_mode_is_not_said_to_be_skipped(processing, tmp_path, outcome):
    lyr = memory_layer("Polygon", "EPSG:4546", [("app_no", "str"), ("right_type", "str")],
                       [("POLYGON((480000 3810000, 481000 3810000, 482000 3810000, 480000 3810000))", ["S-1", "采矿"])])
    src = save(lyr, tmp_path / "s.gpkg", layer_name="s")
    res, layers = run(processing, "compliancereview", {"PROPOSED": src, **CONTROLS, **ZONES, "INVALID_GEOMETRY": 0,
                                                       "OUTPUT": "TEMPORARY_OUTPUT"})
    f = next(layers["OUTPUT"].getFeatures())
    assert f["verdict"] == "需论证" and "已按设置跳过" not in f["reasons"] and "修复后为空" in f["reasons"]
    outcome("correct")


@pytest.mark.parametrize("alg,key", [("redlineoverlap", "MIN_OVERLAP_AREA"), ("compliancereview", "MIN_OVERLAP_AREA"),
                                     ("avoidconstraints", "MIN_AREA"), ("avoidconstraints", "KEEP_AWAY"),
                                     ("sitingareas", "KEEP_AWAY"), ("sitingareas", "MIN_AREA")])
@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_number_parameter_that_is_not_finite_is_refused(processing, tmp_path, alg, key, value, outcome):
    base = {"redlineoverlap": {"INPUT": PROPOSED, **CONTROLS}, "compliancereview": {"PROPOSED": PROPOSED, **CONTROLS},
            "avoidconstraints": {"INPUT": PROPOSED, **CONTROLS}, "sitingareas": {"MINERAL": "建筑石料", **ZONES}}[alg]
    text = refused(processing, alg, {**base, key: value, "OUTPUT": str(tmp_path / "o.gpkg")})
    assert key in text and ("不是有限的数" in text or "超出范围" in text or "Incorrect parameter" in text
                            or "invalid" in text.lower()), text
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_float_noise_in_coordinates_is_harmless(processing, tmp_path, outcome):
    """The same block given with 1e-9 m of noise on every vertex: the same verdict and area."""
    f = proposed_feature(SQ14).geometry()
    noisy = f.__class__(f)
    noisy.translate(1e-9, -1e-9)
    src = _sq14_layer(tmp_path, wkt=noisy.asWkt(17), name="noisy")
    res, layers = run(processing, "redlineoverlap", {"INPUT": src, **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = next(layers["OUTPUT"].getFeatures())
    assert out["verdict"] == "冲突" and math.isclose(out["eco_area_m2"], 629985.2, rel_tol=1e-4)
    outcome("correct")


def test_log_of_a_refusal_names_no_internal_key(processing, tmp_path, outcome):
    """A field override that does not exist names the parameter and lists the layer's fields."""
    fb = Log()
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, "minimumscale", {"INPUT": PROPOSED, "CAPACITY_FIELD": "设计规模", "OUTPUT": "TEMPORARY_OUTPUT"},
            fb)
    text = str(exc.value)
    assert "设计规模" in text and "app_no" in text and "Traceback" not in text
    assert features(PROPOSED)
    outcome("error")


def test_a_raster_in_other_constraints_is_refused(processing, tmp_path, outcome):
    from osgeo import gdal
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "r.tif"), 10, 10, 1)
    ds.SetGeoTransform([480000, 10, 0, 3810000, 0, -10])
    ds = None
    text = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, "OTHER_CONSTRAINTS": [str(tmp_path / "r.tif")],
                                                  "OUTPUT": str(tmp_path / "o.gpkg")})
    assert "不是矢量图层" in text and "not a vector layer" in text
    outcome("error")


def test_a_mixed_geojson_as_the_layer_under_review_is_refused(processing, tmp_path, outcome):
    import json
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"app_no": "A"}, "geometry": {"type": "Point", "coordinates": [110.7, 34.4]}},
        {"type": "Feature", "properties": {"app_no": "B"},
         "geometry": {"type": "Polygon", "coordinates": [[[110.7, 34.4], [110.71, 34.4], [110.71, 34.41],
                                                          [110.7, 34.4]]]}}]}
    (tmp_path / "m.geojson").write_text(json.dumps(gj), encoding="utf-8")
    text = refused(processing, "redlineoverlap", {"INPUT": str(tmp_path / "m.geojson"), **CONTROLS,
                                                  "OUTPUT": str(tmp_path / "o.gpkg")})
    assert "Traceback" not in text and not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_a_zone_field_override_no_layer_has_is_refused(processing, tmp_path, outcome):
    text = refused(processing, "zoneassignment", {"INPUT": PROPOSED, **ZONES, "ZONE_ID_FIELD": "区块编码",
                                                  "OUTPUT": str(tmp_path / "o.gpkg")})
    assert "ZONE_ID_FIELD" in text and "区块编码" in text and "GHQBH" in text
    outcome("error")


@pytest.mark.parametrize("param,key_words", [("ID_FIELD", "编号"), ("ACTIVITY_FIELD", "矿业权类型")])
def test_a_field_override_that_does_not_exist_names_it_in_words(processing, tmp_path, param, key_words, outcome):
    text = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, param: "不存在",
                                                  "OUTPUT": str(tmp_path / "o.gpkg")})
    assert "不存在" in text and key_words in text and "app_no" in text
    assert "（id）" not in text and "（activity）" not in text
    outcome("error")
