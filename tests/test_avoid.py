"""避让调整 (mineplan:avoidconstraints): the adjusted polygon never overlaps a control line and stays inside the
feature; the result codes follow from the areas; the 拐点坐标 export reads back (through importcoordinates) to the
same polygon within 1 mm; the dock API gives the same answer from the review pipeline and fills a scratch layer."""
import glob
import os

import pytest
import shapely
from conftest import features_by, qgis_process, run_alg, sample_layer
from shapely import wkt as swkt
from test_algorithms import CONTROLS

WORK = "EPSG:4546"


# ---- pure writer ------------------------------------------------------------------------------------------------------
SQUARE = [(486000.0, 3812000.0), (487000.0, 3812000.0), (487000.0, 3812800.0), (486000.0, 3812800.0)]
HOLE = [(486400.0, 3812300.0), (486600.0, 3812300.0), (486600.0, 3812500.0), (486400.0, 3812500.0)]


def test_writer_is_the_inverse_of_the_parser():
    from mineplan.rules.coordinates.export import ExportParcel, format_bubiao
    from mineplan.rules.coordinates.parse import parse_bubiao
    island = [(490000.0, 3812000.0), (490300.0, 3812000.0), (490150.0, 3812400.123456)]
    text = format_bubiao([ExportParcel("1", "甲,乙@丙", [[SQUARE, HOLE], [island]], "采矿用地"),
                          ExportParcel("2", "丁", [[list(reversed(SQUARE))]])], 37, date="2025-06-01", decimals=3,
                         area_unit="ha")
    cf = parse_bubiao(text, "t.txt")
    assert cf.epsg == 4525 and cf.prefixed and cf.zone == 37 and not cf.warnings
    a, b = cf.parcels
    assert a.name == "甲、乙＠丙" and a.usage == "采矿用地" and len(a.rings) == 3
    assert a.planar_area() == pytest.approx(760000.0 + 300 * 400.123 / 2, abs=0.01)
    assert a.declared_area == pytest.approx(a.planar_area() / 1e4, abs=1e-4)
    assert b.planar_area() == pytest.approx(800000.0)
    # north-west corner first, clockwise, the closing point repeats the first number
    lines = text.split("\r\n")
    rec = lines.index("[地块坐标]") + 1
    assert lines[rec].startswith("14,")                       # 5 + 5 + 4 coordinate lines (closing points counted)
    assert lines[rec + 1] == "J1,1,3812800.000,37486000.000" and lines[rec + 2].startswith("J2,1,3812800.000,37487000")
    assert lines[rec + 5] == "J1,1,3812800.000,37486000.000" and lines[rec + 6].startswith("J5,2,")
    assert "精度=0.001" in text and "带号=37" in text and "坐标系=2000国家大地坐标系" in text


def test_writer_rounds_and_refuses_bad_input():
    from mineplan.rules.coordinates.export import CoordinateExportError, ExportParcel, format_bubiao
    from mineplan.rules.coordinates.parse import parse_bubiao
    ring = [(486000.00049, 3812000.0), (487000.0, 3812000.0), (487000.0, 3812800.0)]
    cf = parse_bubiao(format_bubiao([ExportParcel("1", "x", [[ring]])], 37, decimals=3), "t")
    assert cf.parcels[0].rings[0][0][0] == pytest.approx(37486000.0)
    default = format_bubiao([ExportParcel("1", "x", [[SQUARE]])], 37)         # 2022: 2 decimals, 平方千米
    assert "精度=0.01" in default and "\r\n5,0.8000,1,x," in default and "J1,1,3812800.00,37486000.00" in default
    with pytest.raises(CoordinateExportError):
        format_bubiao([ExportParcel("1", "x", [[[(37486000.0, 3812000.0), (37487000.0, 3812000.0),
                                                 (37487000.0, 3812800.0)]]])], 37)           # already prefixed
    with pytest.raises(CoordinateExportError):
        format_bubiao([ExportParcel("1", "x", [[SQUARE]])], 50)                            # not a zone over China
    with pytest.raises(CoordinateExportError):
        format_bubiao([ExportParcel("1", "x", [[SQUARE[:2]]])], 37)                        # not a ring
    text = format_bubiao([ExportParcel("1", "x", [[SQUARE]])], 37, prefixed=False, decimals=2)
    assert parse_bubiao(text, "t").epsg == 4546 and "精度=0.01" in text


def test_zone_and_file_name():
    from mineplan.rules.coordinates.export import file_name, zone_of_longitude
    assert zone_of_longitude(110.6) == 37 and zone_of_longitude(112.4) == 37 and zone_of_longitude(112.6) == 38
    assert zone_of_longitude(110.6, 6) == 19
    assert file_name('SQ/2025:01*') == "SQ_2025_01__拐点坐标.txt"


# ---- synthetic features around the sample's control lines ---------------------------------------------------------------
def shapes(uri_or_layer, crs=WORK) -> list:
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer
    layer = QgsVectorLayer(uri_or_layer, "l", "ogr") if isinstance(uri_or_layer, str) else uri_or_layer
    tr = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    out = []
    for f in layer.getFeatures():
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            out.append((f, None))
            continue
        g.transform(tr)
        out.append((f, shapely.make_valid(swkt.loads(g.asWkt(6)))))
    return out


@pytest.fixture(scope="module")
def controls(qgis_app):
    return shapely.unary_union([g for uri in CONTROLS.values() for _, g in shapes(uri) if g is not None])


@pytest.fixture(scope="module")
def cases(controls):
    """WKT (EPSG:4546) of: a square inside the red line, one across its edge, one far from every line, a strip cut
    into two short pieces by a farmland parcel, and no geometry."""
    eco = shapely.unary_union([g for _, g in shapes(CONTROLS["ECO_REDLINE"])])
    big = max(eco.geoms, key=lambda p: p.area) if eco.geom_type == "MultiPolygon" else eco
    inside = big.buffer(-400).representative_point()
    x0, y0 = shapely.get_coordinates(big.exterior)[0]
    farm = [g for _, g in shapes(CONTROLS["BASIC_FARMLAND"]) if g is not None and g.area > 50000]
    parcel = max(farm, key=lambda p: p.area)
    c = parcel.centroid
    minx, _, maxx, _ = parcel.bounds
    strip = shapely.box(minx - 60, c.y - 10, maxx + 60, c.y + 10)
    far = shapely.box(470000, 3760000, 471000, 3761000)
    out = {"inside": shapely.box(inside.x - 100, inside.y - 100, inside.x + 100, inside.y + 100),
           "across": shapely.box(x0 - 500, y0 - 500, x0 + 500, y0 + 500), "strip": strip, "far": far, "none": None}
    assert shapely.difference(out["inside"], controls).area < 1e-6
    assert 0.05 < shapely.intersection(out["across"], controls).area / out["across"].area < 0.95
    assert shapely.intersection(far, controls).area == 0
    return out


def case_layer(cases):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    layer = QgsVectorLayer(f"Polygon?crs={WORK}&field=app_no:string", "cases", "memory")
    feats = []
    for name, g in cases.items():
        f = QgsFeature(layer.fields())
        if g is not None:
            f.setGeometry(QgsGeometry.fromWkt(g.wkt))
        f.setAttributes([name])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.fixture(scope="module")
def avoided(processing, cases, tmp_path_factory):
    folder = tmp_path_factory.mktemp("coords")
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": case_layer(cases), **CONTROLS, "MIN_AREA": 10000, "OUTPUT": "TEMPORARY_OUTPUT",
        "COORDINATES_FOLDER": str(folder), "DECIMALS": 3, "AREA_UNIT": 1})      # the pre-2022 option
    return res, layers["OUTPUT"], folder


def test_result_codes(avoided, cases):
    res, out, _ = avoided
    f = features_by(out, "app_no")
    assert f["inside"]["avoid_result"] == "无法避让" and f["inside"].geometry().isNull()
    assert f["inside"]["lost_pct"] == pytest.approx(100.0)
    assert f["across"]["avoid_result"] == "可避让" and f["across"]["part_count"] >= 1
    assert f["far"]["avoid_result"] == "无需避让" and f["far"]["removed_m2"] == 0
    assert f["none"]["avoid_result"] == "无几何" and not f["none"]["orig_area_m2"]
    strip = f["strip"]
    assert strip["avoid_result"] == "避让后破碎" and strip["part_count"] >= 2 and strip["largest_m2"] < 10000
    assert "永久基本农田" in strip["removed"] and "第六章第三节" in strip["clause"]
    assert (res["AVOIDABLE_COUNT"], res["UNAVOIDABLE_COUNT"], res["FRAGMENTED_COUNT"], res["NO_AVOIDANCE_COUNT"],
            res["NO_GEOMETRY_COUNT"], res["FEATURE_COUNT"]) == (1, 1, 1, 1, 1, 5)
    for g in f.values():
        if g["orig_area_m2"]:
            assert g["remaining_m2"] + g["removed_m2"] == pytest.approx(g["orig_area_m2"], abs=0.02)
            assert "椭球" in g["area_method"]


def test_adjusted_never_overlaps_and_stays_inside(avoided, cases, controls):
    _, out, _ = avoided
    for f, g in shapes(out):
        if g is None:
            continue
        assert shapely.intersection(g, controls).area < 1.0, f["app_no"]
        assert shapely.difference(g, cases[f["app_no"]]).area < 1e-3, f["app_no"]
        assert abs(g.area - f["remaining_m2"]) / f["remaining_m2"] < 1e-3       # GK planar vs ellipsoidal


def test_roundtrip_through_importcoordinates(processing, avoided):
    """Export → mineplan:importcoordinates → the same polygon within 1 mm (3 decimals: ≤ 0.71 mm by rounding)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
    res, out, folder = avoided
    files = glob.glob(os.path.join(str(folder), "*.txt"))
    assert len(files) == res["FILE_COUNT"] == 1 and res["ROUNDTRIP_MAX_MM"] < 1.0
    f = features_by(out, "app_no")["across"]
    assert f["coord_file"] == files[0] and os.path.basename(files[0]) == "across_拐点坐标.txt"
    with open(files[0], "rb") as fh:
        raw = fh.read()
    assert "坐标系=2000国家大地坐标系".encode("gb18030") in raw and b"\r\n" in raw          # GBK, CRLF
    imp, layers = run_alg(processing, "mineplan:importcoordinates", {"INPUT": files[0], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert imp["CRS"] == "EPSG:4525" and imp["AREA_WARNINGS"] == 0                     # zone 37 with prefix
    back = next(layers["OUTPUT"].getFeatures()).geometry()
    back.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4525"),
                                          QgsCoordinateReferenceSystem(WORK), QgsProject.instance()))
    assert back.hausdorffDistance(f.geometry()) < 0.001
    assert back.constGet().nCoordinates() == f.geometry().constGet().nCoordinates()
    assert abs(back.area() - f.geometry().area()) < f.geometry().length() * 0.001     # ≤ 1 mm along the outline


def test_keep_away(processing, cases):
    eco = shapely.unary_union([g for _, g in shapes(CONTROLS["ECO_REDLINE"])])
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": case_layer(cases), **CONTROLS, "KEEP_AWAY": 100, "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")
    across = swkt.loads(f["across"].geometry().asWkt(6))
    assert 99.0 < across.distance(eco) < 100.01          # the buffer is a polygon with its vertices on the circle
    assert f["strip"]["avoid_result"] == "无法避让"          # 20 m wide, within 100 m of the parcel


def test_largest_part_only(processing, cases):
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": case_layer(cases), **CONTROLS, "KEEP_PARTS": 1, "MIN_AREA": 1, "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")["strip"]
    assert f["part_count"] == 1 and f["avoid_result"] == "可避让" and f["remaining_m2"] == f["largest_m2"]
    assert f.geometry().constGet().numGeometries() == 1


def test_sample_applications(processing, controls):
    """Every sample application: the adjusted polygon avoids every line; what was removed agrees with the overlap
    algorithm's areas (the same engine, different working CRS)."""
    ov, ovl = run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"), **CONTROLS,
                                                               "OUTPUT": "TEMPORARY_OUTPUT"})
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {"INPUT": sample_layer("proposed_rights"),
                                                                   **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    overlaps = features_by(ovl["OUTPUT"], "app_no")
    assert res["FEATURE_COUNT"] == ov["FEATURE_COUNT"]
    for f, g in shapes(layers["OUTPUT"]):
        o = overlaps[f["app_no"]]
        cats = [o[f"{c}_area_m2"] or 0.0 for c in ("eco", "farm", "urban", "reserve")]
        if g is not None:
            assert shapely.intersection(g, controls).area < 1.0, f["app_no"]
        if f["avoid_result"] in ("可避让", "避让后破碎", "无法避让"):
            assert max(cats) - 1.0 <= f["removed_m2"] <= sum(cats) + 1.0, (f["app_no"], cats, f["removed_m2"])
        if f["avoid_result"] == "无需避让":
            assert max(cats) < 1.0
        if f["avoid_result"] == "可避让":
            assert f["largest_m2"] >= f["min_area_m2"]


# ---- the dock API -----------------------------------------------------------------------------------------------------
def test_dock_api(processing, cases, avoided):
    from qgis.core import QgsCoordinateTransformContext, QgsProject, QgsVectorLayer

    from mineplan.core.inputs import field_map as F
    from mineplan.core.review.pipeline import LayerInput, ReviewOptions, ReviewPipeline, Subject, subject_keys
    from mineplan.core.siting.avoid import SCRATCH_NAME, add_to_scratch_layer, avoid_for_review
    from mineplan.rules import load_ruleset
    from mineplan.rules.model.vocab import ROLE_BY_ID
    layer = case_layer(cases)
    by_param = {r.param: r.id for r in ROLE_BY_ID.values()}
    inputs = [LayerInput(by_param[k], QgsVectorLayer(v, k, "ogr"), k) for k, v in CONTROLS.items()]
    pipe = ReviewPipeline(load_ruleset(), Subject(layer, "cases", F.resolve(layer.fields(), "cases", subject_keys())),
                          inputs, ReviewOptions(), QgsCoordinateTransformContext()).prepare()
    reference = features_by(avoided[1], "app_no")
    results = []
    for review in pipe.review_all():
        r = avoid_for_review(pipe, review)
        ref = reference[review.label]
        assert r.verdict == ref["avoid_result"], review.label
        if ref["orig_area_m2"]:
            assert r.remaining_m2 == pytest.approx(ref["remaining_m2"], rel=1e-4, abs=0.5)
        results.append(r)
    project = QgsProject.instance()
    scratch = add_to_scratch_layer(results, project)
    assert scratch.name() == SCRATCH_NAME and scratch.featureCount() == 3        # across, strip, far
    again = add_to_scratch_layer(results[:2], project)
    assert again is scratch and scratch.featureCount() == 3    # the same features again: replaced, not duplicated
    labels = sorted(f["label"] for f in scratch.getFeatures())
    assert labels == sorted(r.label for r in results if r.geometry is not None)
    assert scratch.attributeAlias(scratch.fields().lookupField("avoid_result")) == "避让结论"
    project.removeMapLayer(scratch.id())


@pytest.mark.slow
def test_headless(tmp_path):
    args = [f"{k}={v}" for k, v in CONTROLS.items()]
    rc, data, _ = qgis_process("--json", "run", "mineplan:avoidconstraints", "--", "INPUT=" + sample_layer("proposed_rights"),
                               *args, f"OUTPUT={tmp_path / 'a.gpkg'}", f"COORDINATES_FOLDER={tmp_path / 'c'}")
    r = data["results"]
    assert r["FEATURE_COUNT"] >= 1 and (tmp_path / "a.gpkg").exists()
    assert r["FILE_COUNT"] == r["AVOIDABLE_COUNT"] == len(list((tmp_path / "c").glob("*.txt")))
