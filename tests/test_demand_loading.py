"""Demand-driven loading gives the same answers as a whole-layer build: areas, contributors (and their
order), for dissolved and zone layers, one-shot (build_indexes(demand=…)) and lazily (the dock)."""
import math
import random

import pytest

GK = "EPSG:4546"
X0, Y0 = 480000.0, 3790000.0


def quad(x, y, w, h, bow=False):
    p = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    if bow:
        p = [p[0], p[1], p[3], p[2]]
    return "POLYGON((" + ",".join(f"{a} {b}" for a, b in p + [p[0]]) + "))"


def big_blob(cx, cy, r, n=6000):
    pts = [(cx + r * (1 + 0.2 * math.sin(7 * t)) * math.cos(t), cy + r * (1 + 0.2 * math.sin(7 * t)) * math.sin(t))
           for t in (2 * math.pi * i / n for i in range(n))]
    return "POLYGON((" + ",".join(f"{a} {b}" for a, b in pts + [pts[0]]) + "))"


def layer(wkts, provider="memory", name="c"):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    lyr = QgsVectorLayer(f"MultiPolygon?crs={GK}&field=code:string", name, "memory")
    feats = []
    for i, w in enumerate(wkts):
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"{name}-{i + 1}"])
        g = QgsGeometry.fromWkt(w)
        g.convertToMultiType()
        f.setGeometry(g)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    lyr.updateExtents()
    return lyr


@pytest.fixture(scope="module")
def scene(qgis_app):
    """A tessellation of 100 m parcels over 4 × 4 km (bow-ties, duplicated and overlapping twins), two big
    features of 6,000 vertices overlapping each other (clipped when demand-driven), 300 blocks."""
    rng = random.Random(4)
    farm = []
    for i in range(40):
        for j in range(40):
            if rng.random() < 0.7:
                farm.append(quad(X0 + i * 100, Y0 + j * 100, 100, 100, bow=rng.random() < 0.1))
                if rng.random() < 0.03:
                    farm.append(quad(X0 + i * 100 + 30, Y0 + j * 100 + 10, 100, 100))
    farm.append(big_blob(X0 + 1500, Y0 + 1500, 900))
    farm.append(big_blob(X0 + 2300, Y0 + 1900, 700))
    blocks = []
    for _ in range(300):
        x, y = X0 + rng.uniform(-200, 4000), Y0 + rng.uniform(-200, 4000)
        blocks.append(quad(x, y, rng.uniform(50, 400), rng.uniform(50, 400)))
    return farm, blocks


def context():
    from qgis.core import QgsCoordinateTransformContext, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, make_area_context
    return make_area_context(ELLIPSOIDAL, QgsRectangle(110.7, 34.2, 110.8, 34.3)), QgsCoordinateTransformContext()


def prepared(blocks, ctx, tctx):
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

    from mineplan.core.overlap.engine import prepare_block
    to_work = ctx.transform_from(QgsCoordinateReferenceSystem(GK), tctx)
    return [prepare_block(QgsGeometry.fromWkt(w), to_work) for w in blocks]


def answers(idx, blocks):
    out = []
    for b in blocks:
        m = idx.measure(b)
        out.append((m.area, idx.contributors_with_fids(b, m) if m.area > 0 else []))
    return out


def same(a, b):
    assert len(a) == len(b)
    for (area_a, ids_a), (area_b, ids_b) in zip(a, b):
        assert area_a == pytest.approx(area_b, rel=1e-9, abs=1e-6)
        assert ids_a == ids_b


class Log:
    def __init__(self):
        self.lines = []

    def pushInfo(self, s):  # noqa: N802 - QgsProcessingFeedback
        self.lines.append(s)

    def isCanceled(self):  # noqa: N802
        return False


def build(lyr, demand, dissolve=True, feedback=None):
    from mineplan.core.overlap.constraints import ConstraintInput, build_indexes, build_zone_layer
    ctx, tctx = context()
    if dissolve:
        return build_indexes([ConstraintInput("farm", "永久基本农田", lyr, lyr.crs(), "code")], ctx, None, 0, tctx,
                             feedback, demand=demand)[0]
    return build_zone_layer("kmin", lyr, lyr.crs(), ctx, tctx, id_field="code", feedback=feedback,
                            demand=demand).index


@pytest.mark.parametrize("dissolve", [True, False])
def test_demand_equals_whole_layer(scene, dissolve):
    farm, blocks = scene
    lyr = layer(farm)
    ctx, tctx = context()
    pb = prepared(blocks, ctx, tctx)
    whole = build(lyr, None, dissolve)
    assert whole.mode == "whole layer" and whole.feature_count == len(farm)
    some = pb[:12]
    log = Log()
    demand = build(lyr, some, dissolve, log)
    assert demand.mode == "demand" and demand.feature_count < len(farm) / 3
    assert any("demand-driven" in s or "按需读取" in s for s in log.lines), log.lines
    same(answers(demand, some), answers(whole, some))
    assert sum(a for a, _ in answers(whole, some)) > 1e5       # the blocks do overlap something
    # every block at once: the areas cover much of the layer → one read, keeping the features near a block
    log = Log()
    scan = build(lyr, pb, dissolve, log)
    assert scan.mode == "scan" and scan.feature_count < whole.feature_count
    assert any("one read" in s or "一次读取" in s for s in log.lines)
    same(answers(scan, pb), answers(whole, pb))
    # a feature under review covering the whole layer → whole-layer read, logged
    ctx, _ = context()
    log = Log()
    big = prepared([quad(X0 - 500, Y0 - 500, 5000, 5000)], ctx, tctx)
    assert build(lyr, big, dissolve, log).mode == "whole layer"
    assert any("whole layer" in s or "整层读取" in s for s in log.lines)


def test_big_features_are_clipped(scene):
    farm, blocks = scene
    lyr = layer(farm)
    ctx, tctx = context()
    pb = prepared(blocks, ctx, tctx)
    inside = [b for b in pb if b.area > 0][:3]
    idx = build(lyr, inside)
    whole = build(lyr, None)
    vertices = sum(p.geom.constGet().nCoordinates() for p in idx.pieces)
    assert vertices < sum(p.geom.constGet().nCoordinates() for p in whole.pieces) / 4
    same(answers(idx, inside), answers(whole, inside))


def test_lazy_index_fills_area_by_area(scene):
    from mineplan.core.overlap.constraints import ConstraintInput, LazyIndexes
    farm, blocks = scene
    lyr = layer(farm)
    zones = layer(farm[::3], name="z")
    ctx, tctx = context()
    pb = prepared(blocks, ctx, tctx)
    whole = build(lyr, None)
    whole_z = build(zones, None, dissolve=False)
    lazy = LazyIndexes([ConstraintInput("farm", "永久基本农田", lyr, lyr.crs(), "code")], [("kmin", zones, zones.crs())],
                       ctx, None, 0, tctx)
    loader = lazy._controls[0]
    for k in range(0, 60, 3):                      # selections of three blocks, one after another
        sel = pb[k:k + 3]
        idx = lazy.controls(sel)[0]
        zl = lazy.zones(sel)[0]
        same(answers(idx, sel), answers(whole, sel))
        same(answers(zl.index, sel), answers(whole_z, sel))
    requests = loader.requests
    assert lazy.controls(pb[3:6])[0] is idx and loader.requests == requests     # read before: nothing to do
    # everything read so far still answers like the whole layer (groups merged across selections)
    same(answers(idx, pb[:60]), answers(whole, pb[:60]))


def test_scan_for_providers_without_spatial_index(scene):
    """A memory layer has no spatial index: past a few areas one scan filtered in Python is used."""
    from mineplan.core.overlap.constraints import DemandIndex
    farm, blocks = scene
    lyr = layer(farm)
    ctx, tctx = context()
    pb = prepared(blocks, ctx, tctx)
    captured = {}
    orig = DemandIndex._scan_instead

    def spy(self, clusters):
        captured["scan"] = orig(self, clusters)
        return captured["scan"]
    DemandIndex._scan_instead = spy
    try:
        idx = build(lyr, pb[:20])
    finally:
        DemandIndex._scan_instead = orig
    assert captured["scan"] is True and idx.mode == "demand"
    same(answers(idx, pb[:20]), answers(build(lyr, None), pb[:20]))


def test_choose_loading(qgis_app, scene):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsRectangle

    from mineplan.core.overlap.constraints import MAX_DEMAND_FEATURES, Demand, choose_loading
    farm, _ = scene
    lyr = layer(farm)
    ctx, tctx = context()
    back = QgsCoordinateTransform(ctx.crs, QgsCoordinateReferenceSystem(GK), tctx)
    assert choose_loading(lyr, lyr.crs(), None, back, 1.0).mode == "whole"
    assert choose_loading(lyr, lyr.crs(), Demand([], count=MAX_DEMAND_FEATURES + 1), back, 1.0).mode == "whole"
    small = Demand([QgsRectangle(0, 0, 100, 100), QgsRectangle(5000, 5000, 5100, 5100)])
    plan = choose_loading(lyr, lyr.crs(), small, back, 1.0)
    assert plan.mode == "demand" and len(plan.rects) == 2 and plan.share < 0.01
    huge = Demand([QgsRectangle(-50000, -50000, 50000, 50000)])
    assert choose_loading(lyr, lyr.crs(), huge, back, 1.0).mode == "whole"
    # areas covering much of the layer but not all of it: one read, keeping what is near them
    ext = QgsCoordinateTransform(QgsCoordinateReferenceSystem(GK), ctx.crs, tctx).transformBoundingBox(lyr.extent())
    half = Demand([QgsRectangle(ext.xMinimum(), ext.yMinimum(), ext.center().x(), ext.yMaximum())])
    plan = choose_loading(lyr, lyr.crs(), half, back, 1.0)
    assert plan.mode == "scan" and plan.keep is not None and 0.25 < plan.share < 0.75
    many = Demand([QgsRectangle(ext.xMinimum() + 10 * i, ext.yMinimum(), ext.xMinimum() + 10 * i + 5,
                                ext.yMinimum() + 5) for i in range(MAX_DEMAND_FEATURES + 1)])
    plan = choose_loading(lyr, lyr.crs(), many, back, 1.0)
    assert plan.mode == "scan" and len(plan.keep) == MAX_DEMAND_FEATURES + 1
