"""避让建议范围 (core/siting/proposal, PROPOSALS of mineplan:avoidconstraints): hostile shapes and the sample.
Every proposal is hole-free, within the corner budget and has zero overlap with the controls (checked again
here with shapely, independently of GEOS-through-QGIS)."""
import pytest
import shapely
from conftest import features_by, run_alg, sample_layer
from shapely import wkt as swkt
from test_algorithms import CONTROLS

WORK = "EPSG:4546"
X0, Y0 = 486000.0, 3812000.0


def box(x1, y1, x2, y2):
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


CONTROL_SHAPES = [box(480, -100, 520, 1500),                # a red line cutting "cut" in two
                  box(1300, 300, 1500, 500),               # a patch in the middle of "hole"
                  box(3600, -100, 3795, 900),              # leaves a 5 m sliver on the east of "sliver"
                  box(5000, 0, 7000, 2000)]                # "inside" lies in it
PARCELS = {"cut": box(0, 0, 1000, 600), "hole": box(1000, 0, 1800, 800), "sliver": box(3000, 0, 3800, 800),
           "inside": box(5500, 500, 5700, 700), "far": box(9000, 0, 9500, 500),
           "multi": shapely.MultiPolygon([box(0, 1000, 495, 1400), box(700, 1000, 1000, 1400)]),
           "invalid": shapely.Polygon([(X0 + 400, Y0 + 2000), (X0 + 700, Y0 + 2300), (X0 + 700, Y0 + 2000),
                                       (X0 + 400, Y0 + 2300)])}     # a bow-tie across the red line
CONTROL_SHAPES.append(box(480, 1900, 520, 2400))


def memory(name, geoms, field="app_no"):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    layer = QgsVectorLayer(f"MultiPolygon?crs={WORK}&field={field}:string", name, "memory")
    feats = []
    for k, g in geoms.items():
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(g.wkt))
        f.setAttributes([k])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


@pytest.fixture(scope="module")
def hostile(processing):
    controls = memory("ctl", {str(i): g for i, g in enumerate(CONTROL_SHAPES)}, "id")
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": memory("apps", PARCELS), "ECO_REDLINE": controls, "OUTPUT": "TEMPORARY_OUTPUT",
        "PROPOSALS": "TEMPORARY_OUTPUT"})
    return res, features_by(layers["PROPOSALS"], "app_no"), features_by(layers["OUTPUT"], "app_no")


def check(f, ctl, budget=20):
    g = shapely.make_valid(swkt.loads(f.geometry().asWkt(6)))
    polys = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
    assert all(p.geom_type == "Polygon" and not p.interiors for p in polys), f["app_no"]       # hole-free
    assert all(len(p.exterior.coords) - 1 <= budget for p in polys), f["app_no"]
    assert f["corners"] == sum(len(p.exterior.coords) - 1 for p in polys) and f["parts"] == len(polys)
    assert shapely.intersection(g, ctl).area == 0.0 and g.distance(ctl) >= 0.1, f["app_no"]
    assert f["area_km2"] == pytest.approx(g.area / 1e6, rel=2e-3)          # ellipsoidal vs GK planar
    return g


def test_hostile_shapes(hostile):
    res, prop, out = hostile
    ctl = shapely.unary_union(CONTROL_SHAPES)
    assert {k: f["status"] for k, f in prop.items()} == {
        "cut": "可提交", "hole": "可提交", "sliver": "可提交", "inside": "无法形成", "far": "无需调整",
        "multi": "可提交", "invalid": "可提交"}
    assert res["PROPOSAL_COUNT"] == 5
    cut = check(prop["cut"], ctl)
    assert prop["cut"]["parts"] == 2 and cut.area == pytest.approx(2 * 478 * 598, rel=1e-3)   # 1 m clearance
    hole = check(prop["hole"], ctl)
    assert prop["hole"]["parts"] == 1 and shapely.within(hole, PARCELS["hole"])
    # shrunk by 1 m (798²), the patch grown by 1 m (202²), a 1 m corridor over the 298 m to the outer ring
    assert 798 * 798 - 202 * 202 - 299 < hole.area < 798 * 798 - 202 * 202
    sliver = check(prop["sliver"], ctl)
    assert prop["sliver"]["parts"] == 1 and sliver.bounds[2] < X0 + 3600       # the 5 m sliver is dropped
    assert sliver.area == pytest.approx(598 * 798, rel=1e-3)
    assert prop["inside"].geometry().isNull() and "控制线内" in prop["inside"]["reason"]
    far = check(prop["far"], ctl)
    assert far.equals(PARCELS["far"]) and prop["far"]["loss_pct_original"] == pytest.approx(0.0, abs=1e-9)
    multi = check(prop["multi"], ctl)
    assert prop["multi"]["parts"] == 2 and multi.area == pytest.approx(478 * 398 + 298 * 398, rel=2e-3)
    check(prop["invalid"], ctl)
    for k in ("cut", "hole", "sliver", "multi"):
        f, o = prop[k], out[k]
        assert f["loss_pct_original"] == pytest.approx(100 * (1 - f["area_km2"] * 1e6 / o["orig_area_m2"]), abs=1e-3)
        assert f["loss_pct_remainder"] == pytest.approx(100 * (1 - f["area_km2"] * 1e6 / o["remaining_m2"]),
                                                        abs=1e-3)
        assert 0 < f["loss_pct_remainder"] < f["loss_pct_original"]


def test_simplify_ring_keeps_budget_and_stays_simple():
    import math

    from mineplan.core.siting.proposal import simplify_ring
    star = [(math.cos(k * math.pi / 40) * (100 if k % 2 else 60), math.sin(k * math.pi / 40) * (100 if k % 2 else 60))
            for k in range(80)]
    out = simplify_ring(star, 12, 0.5, lambda tri: False)        # inward only: no reflex corner may go
    poly = shapely.Polygon(out)
    assert len(out) <= 12 and poly.is_valid and shapely.Polygon(star).buffer(1e-9).contains(poly)


def test_sample_sq2025_16(processing):
    ctl = shapely.unary_union([shapely.make_valid(swkt.loads(f.geometry().asWkt(6))) for uri in CONTROLS.values()
                               for f in __import__("qgis.core", fromlist=["QgsVectorLayer"]).QgsVectorLayer(
                                   uri, "c", "ogr").getFeatures() if not f.geometry().isEmpty()])
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": sample_layer("proposed_rights"), **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT",
        "PROPOSALS": "TEMPORARY_OUTPUT"})
    prop = features_by(layers["PROPOSALS"], "app_no")
    f = prop["SQ2025-16"]
    assert f["status"] == "可提交" and f["parts"] == 1 and f["corners"] == 20
    assert f["area_km2"] == pytest.approx(0.218045, abs=2e-6)
    assert f["loss_pct_original"] == pytest.approx(54.574, abs=0.01)
    assert f["loss_pct_remainder"] == pytest.approx(27.020, abs=0.01)
    check(f, ctl)
    assert res["PROPOSAL_COUNT"] == 4 and prop["SQ2025-14"]["status"] == "无法形成"


# ---- 报盘 (contract B) ------------------------------------------------------------------------------------------------
def read_baopan(text):
    """A small contract-B reader: header dict and [(块段号, top, bottom, [(X, Y), …])]."""
    header, blocks, pending = {}, [], []
    for line in text.splitlines():
        k, v = line.split("=", 1)
        if not k.startswith("XY"):
            header[k] = v
            continue
        f = v.split(",")
        if len(f) == 4 and f[2] == "":
            blocks.append((f[3], float(f[0]), float(f[1]), pending))
            pending = []
        else:
            assert len(f) == 3 and int(f[0]) == len(pending) + 1        # point numbers restart per 块段
            pending.append((f[1], f[2]))
    assert not pending
    assert int(header["矿区范围拐点坐标与标高的总行数"]) == sum(len(b[3]) + 1 for b in blocks)
    return header, blocks


def test_format_baopan_reads_back():
    from mineplan.rules.coordinates.export import CoordinateExportError, format_baopan
    a = [(486000.004, 3812000.0), (487000.0, 3812000.0), (487000.0, 3812800.0), (486000.0, 3812800.0)]
    b = [(490000.0, 3812000.0), (490300.0, 3812000.0), (490150.0, 3812400.126)]
    text = format_baopan([(a, 1200, 800), (b, 1100.5, -50)], 37, name="甲矿")
    assert "\r\n" in text
    header, blocks = read_baopan(text)
    assert header["坐标系统"] == "2000" and header["矿山名称"] == "甲矿"
    assert header["矿区面积(平方千米)"] == f"{(800000 + 300 * 400.13 / 2) / 1e6:.4f}" == "0.8600"
    assert [(n, t, bt) for n, t, bt, _ in blocks] == [("1", 1200, 800), ("2", 1100.5, -50)]
    assert blocks[0][3] == [("3812800.00", "37486000.00"), ("3812800.00", "37487000.00"),
                            ("3812000.00", "37487000.00"), ("3812000.00", "37486000.00")]   # NW first, clockwise
    assert blocks[1][3][0] == ("3812400.13", "37490150.00")
    assert all(len(c.split(".")[1]) == 2 for _, _, _, pts in blocks for p in pts for c in p)
    old = format_baopan([(a, 1200, 800)], 37, decimals=3, area_unit="ha")
    assert "矿区面积(公顷)=79.9998" in old            # (800000 − 0.004 × 800 / 2) m² and "XY001=1,3812800.000,37486000.000" in old
    with pytest.raises(CoordinateExportError):
        format_baopan([(a, None, 800)], 37)
    with pytest.raises(CoordinateExportError):
        format_baopan([(a, 800, 1200)], 37)


def test_proposal_files(processing, tmp_path):
    """One 部标 and one 报盘 file per 可提交 application; the 报盘 parses back to the proposal (2 decimals)."""
    from qgis.core import QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant
    controls = memory("ctl", {str(i): g for i, g in enumerate(CONTROL_SHAPES)}, "id")
    apps = memory("apps", {"cut": PARCELS["cut"], "far": PARCELS["far"]})
    apps.dataProvider().addAttributes([QgsField("elev_top", QVariant.Double), QgsField("elev_bottom", QVariant.Double)])
    apps.updateFields()
    apps.dataProvider().changeAttributeValues({f.id(): {1: 1200.0, 2: 800.0} for f in apps.getFeatures()})
    assert isinstance(apps, QgsVectorLayer)
    res, layers = run_alg(processing, "mineplan:avoidconstraints", {
        "INPUT": apps, "ECO_REDLINE": controls, "OUTPUT": "TEMPORARY_OUTPUT", "PROPOSALS": "TEMPORARY_OUTPUT",
        "PROPOSAL_FOLDER": str(tmp_path)})
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["cut_建议范围_报盘.txt", "cut_建议范围_拐点坐标.txt"] and res["PROPOSAL_FILE_COUNT"] == 2
    header, blocks = read_baopan((tmp_path / "cut_建议范围_报盘.txt").read_bytes().decode("gb18030"))
    prop = features_by(layers["PROPOSALS"], "app_no")["cut"]
    g = shapely.make_valid(swkt.loads(prop.geometry().asWkt(6)))
    assert len(blocks) == 2 == prop["parts"] and all(b[1:3] == (1200.0, 800.0) for b in blocks)
    # EPSG:4546 is zone 37 without prefix: the file's Y minus 37,000,000 equals the proposal to 2 decimals
    read = shapely.MultiPolygon([shapely.Polygon([(float(y) - 37e6, float(x)) for x, y in b[3]]) for b in blocks])
    assert shapely.hausdorff_distance(read, g) < 0.0071
    corners = {(round(x, 2), round(y, 2)) for p in g.geoms for x, y in p.exterior.coords}
    assert {(float(y) - 37e6, float(x)) for b in blocks for x, y in b[3]} == corners
    assert shapely.intersection(read, shapely.unary_union(CONTROL_SHAPES)).area == 0
    assert float(header["矿区面积(平方千米)"]) == pytest.approx(read.area / 1e6, abs=5e-5)
