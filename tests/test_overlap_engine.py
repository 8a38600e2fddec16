"""The overlap engine against two independent references: shapely (a second geometry library) for planar
areas, QgsDistanceArea on the CGCS2000 ellipsoid for ellipsoidal ones."""
import math
import random

import pytest
import shapely
from shapely import wkt as swkt

GK = "EPSG:4546"


def gk_crs():
    from qgis.core import QgsCoordinateReferenceSystem
    return QgsCoordinateReferenceSystem(GK)


def blob_wkt(rng, cx, cy, r, n=40):
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        f = 1 + 0.3 * math.sin(3 * t + rng.random()) + rng.uniform(-0.05, 0.05)
        pts.append((cx + r * f * math.cos(t), cy + r * f * math.sin(t)))
    pts.append(pts[0])
    return "POLYGON((" + ",".join(f"{x} {y}" for x, y in pts) + "))"


def bowtie_wkt(cx, cy, s):
    return f"POLYGON(({cx} {cy},{cx + s} {cy + s},{cx + s} {cy},{cx} {cy + s},{cx} {cy}))"


def memory_layer(wkts, crs=GK):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    lyr = QgsVectorLayer(f"MultiPolygon?crs={crs}&field=code:string", "c", "memory")
    feats = []
    for i, w in enumerate(wkts):
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"C{i + 1}"])
        g = QgsGeometry.fromWkt(w)
        g.convertToMultiType()
        f.setGeometry(g)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def planar_index(layer, dissolve=True):
    from qgis.core import QgsCoordinateTransform, QgsProject

    from mineplan.core.overlap.engine import ConstraintIndex
    tr = QgsCoordinateTransform(layer.crs(), gk_crs(), QgsProject.instance())
    return ConstraintIndex.from_source(layer, "farm", "永久基本农田", tr, id_field="code", dissolve=dissolve)


def block(w):
    from qgis.core import QgsGeometry

    from mineplan.core.overlap.engine import PreparedBlock
    return PreparedBlock(QgsGeometry.fromWkt(w))


@pytest.fixture(scope="module")
def scene(qgis_app):
    rng = random.Random(11)
    constraints = []
    for _ in range(300):   # parcels, some overlapping each other
        constraints.append(blob_wkt(rng, rng.uniform(0, 20000), rng.uniform(0, 20000), rng.uniform(150, 900)))
    for _ in range(30):    # self-intersecting parcels
        constraints.append(bowtie_wkt(rng.uniform(0, 20000), rng.uniform(0, 20000), rng.uniform(200, 600)))
    big = shapely.unary_union([swkt.loads(blob_wkt(rng, 10000 + dx, 10000 + dy, 3000, 3000))
                               for dx, dy in ((-2500, 0), (2500, 1000))])
    constraints.append(big.wkt)            # one big multi-thousand-vertex patch
    blocks = [blob_wkt(rng, rng.uniform(0, 20000), rng.uniform(0, 20000), rng.uniform(300, 2500), 30)
              for _ in range(120)]
    return constraints, blocks


def test_planar_areas_match_shapely(scene):
    constraints, blocks = scene
    layer = memory_layer(constraints)
    idx = planar_index(layer)
    assert idx.stats.repaired == 30
    union = shapely.unary_union([shapely.make_valid(swkt.loads(w)) for w in constraints])
    worst = 0.0
    for w in blocks:
        b = swkt.loads(w)
        expected = b.intersection(union).area
        got = idx.measure(block(w)).area
        worst = max(worst, abs(got - expected))
        assert got == pytest.approx(expected, rel=1e-7, abs=1e-3)
    assert worst < 1e-3


def test_ids_list_every_contributor(scene):
    constraints, blocks = scene
    layer = memory_layer(constraints)
    idx = planar_index(layer)
    geoms = [shapely.make_valid(swkt.loads(w)) for w in constraints]
    for w in blocks[:40]:
        b = swkt.loads(w)
        expected = {f"C{i + 1}" for i, g in enumerate(geoms) if b.intersection(g).area > 1e-9}
        pb = block(w)
        m = idx.measure(pb)
        assert set(idx.contributors(pb, m)) == expected


def test_overlapping_parcels_counted_once(qgis_app):
    a = "POLYGON((0 0,100 0,100 100,0 100,0 0))"
    b = "POLYGON((50 0,150 0,150 100,50 100,50 0))"
    idx = planar_index(memory_layer([a, b]))
    pb = block("POLYGON((-10 -10,200 -10,200 200,-10 200,-10 -10))")
    m = idx.measure(pb)
    assert m.area == pytest.approx(15000.0)          # not 20000
    assert sorted(idx.contributors(pb, m)) == ["C1", "C2"]
    per_feature = sorted(a for _, _, a in idx.overlap_polygons(pb, idx.measure(pb, want_geoms=True)))
    assert per_feature == pytest.approx([10000.0, 10000.0])


def test_shared_edge_is_not_an_overlap(qgis_app):
    idx = planar_index(memory_layer(["POLYGON((0 0,100 0,100 100,0 100,0 0))"]))
    pb = block("POLYGON((100 0,200 0,200 100,100 100,100 0))")
    m = idx.measure(pb)
    assert m.area == 0.0 and idx.contributors(pb, m) == []


def test_block_inside_one_huge_multipolygon_piece(qgis_app):
    rng = random.Random(5)
    parts = [swkt.loads(blob_wkt(rng, x, y, 400, 600)) for x in range(0, 40000, 1000) for y in range(0, 4000, 1000)]
    mp = shapely.MultiPolygon([p for p in parts])
    idx = planar_index(memory_layer([mp.wkt]))
    assert idx.feature_count == 1 and idx.piece_count >= len(parts)
    for w in [blob_wkt(rng, 20000, 2000, 1500, 50), blob_wkt(rng, 505, 505, 50, 20)]:
        b = swkt.loads(w)
        pb = block(w)
        m = idx.measure(pb)
        assert m.area == pytest.approx(b.intersection(mp).area, rel=1e-7, abs=1e-3)
        assert idx.contributors(pb, m) == (["C1"] if m.area > 0 else [])


def test_degenerate_and_empty_features(qgis_app):
    from qgis.core import QgsFeature, QgsGeometry
    layer = memory_layer(["POLYGON((0 0,100 0,100 100,0 100,0 0))", "POLYGON((0 0,10 0,20 0,0 0))"])
    f = QgsFeature(layer.fields())
    f.setAttributes(["NULLGEOM"])
    layer.dataProvider().addFeatures([f])
    idx = planar_index(layer)
    assert idx.stats.null == 1
    assert idx.measure(block("POLYGON((0 0,50 0,50 50,0 50,0 0))")).area == pytest.approx(2500.0)
    zero = block("POLYGON((0 0,10 0,20 0,0 0))")
    assert idx.measure(zero).area == 0.0 and zero.area == 0.0
    assert QgsGeometry.fromWkt("POLYGON EMPTY").isEmpty()


def test_ellipsoidal_areas_match_qgsdistancearea(qgis_app):
    """Mixed CRS: constraints in EPSG:4490 degrees, blocks in EPSG:4525 (zone-prefixed); the engine works in
    an equal-area projection, the reference is QgsDistanceArea on the CGCS2000 ellipsoid. Edges are straight
    in the CRS a layer is stored in (docs/overlap.md), so the reference densifies the constraints in degrees
    before taking them to EPSG:4525 (without it the two conventions differ by ≈ 6e-6 on these blobs)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject, QgsRectangle

    from mineplan.core.geometry.measure import DENSIFY_DEG, ELLIPSOIDAL, distance_area, make_area_context
    from mineplan.core.overlap.engine import ConstraintIndex, prepare_block
    rng = random.Random(3)
    geo = [blob_wkt(rng, 110.6 + rng.uniform(0, 0.4), 34.3 + rng.uniform(0, 0.3), rng.uniform(0.01, 0.03)) for _ in
           range(25)]
    layer = memory_layer(geo, "EPSG:4490")
    ctx = make_area_context(ELLIPSOIDAL, QgsRectangle(110.5, 34.2, 111.1, 34.7))
    tr = QgsCoordinateTransform(layer.crs(), ctx.crs, QgsProject.instance())
    idx = ConstraintIndex.from_source(layer, "eco", "生态保护红线", tr, id_field="code")
    zone37 = QgsCoordinateReferenceSystem("EPSG:4525")
    to37 = QgsCoordinateTransform(layer.crs(), zone37, QgsProject.instance())
    da = distance_area(zone37)
    union = QgsGeometry.unaryUnion([QgsGeometry.fromWkt(w).densifyByDistance(DENSIFY_DEG) for w in geo])
    union.transform(to37)
    to_work = QgsCoordinateTransform(zone37, ctx.crs, QgsProject.instance())
    checked = 0
    for _ in range(40):
        g = QgsGeometry.fromWkt(blob_wkt(rng, 110.6 + rng.uniform(0, 0.4), 34.3 + rng.uniform(0, 0.3), 0.02, 60))
        g.transform(to37)
        assert g.boundingBox().xMinimum() > 37_000_000
        pb = prepare_block(g, to_work)
        got = idx.measure(pb).area
        expected = da.measureArea(g.intersection(union))
        assert got == pytest.approx(expected, rel=2e-6, abs=0.05)
        assert pb.area == pytest.approx(da.measureArea(g), rel=2e-6)
        checked += expected > 0
    assert checked > 5


def test_keep_away_buffers(qgis_app):
    """Polygons buffered by a keep-away distance, lines (三区两线 roads, rivers) turned into corridors."""
    from qgis.core import QgsCoordinateTransform, QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

    from mineplan.core.overlap.engine import ConstraintIndex
    tr = QgsCoordinateTransform(gk_crs(), gk_crs(), QgsProject.instance())
    poly = memory_layer(["POLYGON((0 0,100 0,100 100,0 100,0 0))"])
    idx = ConstraintIndex.from_source(poly, "reserve", "自然保护地", tr, buffer_polygons=50)
    pb = block("POLYGON((120 0,200 0,200 100,120 100,120 0))")     # 20 m away: inside the 50 m buffer
    assert idx.measure(pb).area == pytest.approx(30 * 100, rel=1e-3)
    line = QgsVectorLayer(f"LineString?crs={GK}&field=code:string", "road", "memory")
    f = QgsFeature(line.fields())
    f.setAttributes(["G310"])
    f.setGeometry(QgsGeometry.fromWkt("LINESTRING(0 0,1000 0)"))
    line.dataProvider().addFeatures([f])
    idx = ConstraintIndex.from_source(line, "other_1", "国道", tr, id_field="code", buffer_lines=100)
    pb = block("POLYGON((400 50,600 50,600 300,400 300,400 50))")
    m = idx.measure(pb)
    assert m.area == pytest.approx(200 * 50, rel=1e-3) and idx.contributors(pb, m) == ["G310"]
    assert ConstraintIndex.from_source(line, "other_1", "国道", tr).piece_count == 0   # no distance, no corridor
