"""The fast paths of the overlap engine give the answers of the slow ones: pairs decided in bulk by
overlap_pairs (separating line, vertex strictly inside) agree with GEOS's DE-9IM test on every pair, and the
groups built with them equal the groups built with a DE-9IM test per pair — on tessellations (shared edges
and corners, T-junctions), overlapping and duplicated parcels, repaired bow-ties, non-convex parcels, holes,
multi-part features, and coordinates in degrees."""
import math
import random

import pytest


def quad(x, y, w, h, bow=False):
    p = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    if bow:
        p = [p[0], p[1], p[3], p[2]]
    return "POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in p + [p[0]]) + "))"


def star(cx, cy, r, n, rng):
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        f = 1 + 0.35 * math.sin(3 * t + rng.random())
        pts.append((cx + r * f * math.cos(t), cy + r * f * math.sin(t)))
    return "POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in pts + [pts[0]]) + "))"


def scenes():
    rng = random.Random(12)
    # jittered tessellation sharing vertices, with bow-ties, duplicates, T-junctions (split cells)
    n = 30
    jit = [[(1000.0 + i * 100 + rng.uniform(-20, 20), 2000.0 + j * 100 + rng.uniform(-20, 20)) for j in range(n + 1)]
           for i in range(n + 1)]
    tess = []
    for i in range(n):
        for j in range(n):
            a, b, c, d = jit[i][j], jit[i + 1][j], jit[i + 1][j + 1], jit[i][j + 1]
            r = rng.random()
            if r < 0.08:
                ring = [a, b, d, c]                               # bow-tie
            elif r < 0.16:                                       # split into two: a T-junction for neighbours
                m = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                mm = ((c[0] + d[0]) / 2, (c[1] + d[1]) / 2)
                tess.append("POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in [a, m, mm, d, a]) + "))")
                ring = [m, b, c, mm]
            else:
                ring = [a, b, c, d]
            tess.append("POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in ring + [ring[0]]) + "))")
            if rng.random() < 0.02:
                tess.append(tess[-1])                             # duplicated digitising
    over = [quad(rng.uniform(0, 3000), rng.uniform(0, 3000), rng.uniform(100, 400), rng.uniform(100, 400),
                 bow=rng.random() < 0.1) for _ in range(600)]
    mixed = [star(rng.uniform(0, 3000), rng.uniform(0, 3000), rng.uniform(50, 300), rng.choice([5, 9, 30, 80]), rng)
             for _ in range(300)]
    mixed += ["POLYGON((0 0,400 0,400 400,0 400,0 0),(100 100,300 100,300 300,100 300,100 100))",
              "POLYGON((150 150,250 150,250 250,150 250,150 150))",            # inside the hole: touches nothing
              "POLYGON((50 50,150 50,150 150,50 150,50 50))",                  # overlaps the ring and the hole
              "MULTIPOLYGON(((500 0,600 0,600 100,500 100,500 0)),((700 0,800 0,800 100,700 100,700 0)))",
              "POLYGON((600 0,700 0,700 100,600 100,600 0))",                  # between the parts, touching both
              "POLYGON((0 400,400 400,200 600,0 400))",                         # on the ring's top edge
              "POLYGON((0 0,100 -100,200 0,100 100,0 0))"]                      # diamond touching a corner
    deg = [quad(110.5 + i * 0.001 + rng.uniform(-1e-4, 1e-4), 34.2 + j * 0.001, 0.001, 0.001)
           for i in range(20) for j in range(20)]
    return {"tess": tess, "overlap": over, "mixed": mixed, "degrees": deg}


def items_of(wkts):
    from qgis.core import QgsGeometry

    from mineplan.core.geometry.clean import polygon_part
    out = []
    for k, w in enumerate(wkts):
        g = QgsGeometry.fromWkt(w)
        if not g.isGeosValid():
            g = polygon_part(g.makeValid())
        if k % 2:
            g.convertToMultiType()          # as read from a GeoPackage: one-part multipolygons
        out.append((str(k), g, {"__fid__": k}, g.boundingBox()))
    return out


@pytest.mark.parametrize("name", ["tess", "overlap", "mixed", "degrees"])
def test_bulk_decisions_agree_with_de9im(qgis_app, name):
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import pairs as OP
    if not OP.available():
        pytest.skip("numpy missing")
    import numpy as np
    items = items_of(scenes()[name])
    boxes = [it[3] for it in items]
    pi, pj = OP.candidate_pairs(*(np.array([getattr(b, f)() for b in boxes])
                                  for f in ("xMinimum", "yMinimum", "xMaximum", "yMaximum")))
    # the candidates are exactly the pairs of boxes that meet (touching boxes included)
    n = len(boxes)
    assert set(zip(pi.tolist(), pj.tolist())) == {(i, j) for i in range(n) for j in range(i + 1, n)
                                                  if _meet(boxes[i], boxes[j])}
    status = OP.classify(OP.Coords([it[1] for it in items]), pi, pj)
    decided = 0
    for (i, j), st in zip(zip(pi.tolist(), pj.tolist()), status.tolist()):
        if st == OP.UNKNOWN:
            continue
        decided += 1
        eng = QgsGeometry.createGeometryEngine(items[i][1].constGet())
        truth = eng.relatePattern(items[j][1].constGet(), "T********")
        assert truth == (st == OP.OVERLAP), (name, i, j, st, items[i][1].asWkt(), items[j][1].asWkt())
    # most pairs are settled without GEOS (non-convex shapes and nearly collinear edges in degrees less so)
    assert decided > {"tess": 0.8, "overlap": 0.8, "mixed": 0.2, "degrees": 0.5}[name] * len(pi)


def _meet(a, b):
    return a.xMinimum() <= b.xMaximum() and b.xMinimum() <= a.xMaximum() and a.yMinimum() <= b.yMaximum() \
        and b.yMinimum() <= a.yMaximum()


@pytest.mark.parametrize("name", ["tess", "overlap", "mixed", "degrees"])
def test_groups_equal_de9im_groups(qgis_app, name):
    from mineplan.core.overlap.engine import ConstraintIndex
    items = items_of(scenes()[name])
    fast = ConstraintIndex._groups(items)
    slow = ConstraintIndex._groups_geos(items)
    assert fast == slow
    assert any(len(g) > 1 for g in slow)


def test_orientation_signs_are_certain_or_flagged(qgis_app):
    """Nearly collinear points: a sign is given only when exact arithmetic agrees."""
    from fractions import Fraction

    from mineplan.core.overlap import pairs as OP
    if not OP.available():
        pytest.skip("numpy missing")
    import numpy as np
    rng = random.Random(3)
    pts = []
    for _ in range(20000):
        px, py = rng.uniform(4e5, 5e5), rng.uniform(3.7e6, 3.8e6)
        qx, qy = px + rng.uniform(-500, 500), py + rng.uniform(-500, 500)
        t = rng.uniform(-1, 2)
        rx = px + t * (qx - px) + rng.choice([0.0, 1e-9, -1e-9, 1e-7, 1e-12])
        ry = py + t * (qy - py)
        pts.append((px, py, qx, qy, rx, ry))
    a = np.array(pts)
    s, certain = OP.orient(*(a[:, k] for k in range(6)))
    for (px, py, qx, qy, rx, ry), sg, ok in zip(pts, s.tolist(), certain.tolist()):
        if not ok:
            continue
        F = Fraction
        exact = (F(px) - F(rx)) * (F(qy) - F(ry)) - (F(py) - F(ry)) * (F(qx) - F(rx))
        assert (exact > 0) - (exact < 0) == sg



def test_pieces_sorted_in_bulk_measure_exactly_like_geos(qgis_app, monkeypatch):
    """A block with many candidate pieces: those whose box lies in the (convex) block or beyond one of its
    edges are decided at once; areas, shares per owner and contributors are bit-identical to asking GEOS
    for every piece (also for a non-convex block, which keeps the GEOS path)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsGeometry,
        QgsProject,
        QgsVectorLayer,
    )

    from mineplan.core.overlap import engine as O
    rng = random.Random(21)
    lyr = QgsVectorLayer("MultiPolygon?crs=EPSG:4546&field=code:string", "farm", "memory")
    feats = []
    wkts = []
    for i in range(60):
        for j in range(60):
            if rng.random() < 0.8:
                wkts.append(quad(480000.0 + i * 20, 3790000.0 + j * 20, 20, 20, bow=rng.random() < 0.05))
    wkts.append(star(480600.0, 3790600.0, 300, 12000, rng))         # a big feature (a group member): many pieces
    for k, w in enumerate(wkts):
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"P{k}"])
        f.setGeometry(QgsGeometry.fromWkt(w))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    crs = QgsCoordinateReferenceSystem("EPSG:4546")
    idx = O.ConstraintIndex.from_source(lyr, "farm", "永久基本农田", QgsCoordinateTransform(crs, crs, QgsProject.instance()),
                                        id_field="code")
    blocks = []
    for _ in range(40):
        x, y = 480000 + rng.uniform(-100, 1100), 3790000 + rng.uniform(-100, 1100)
        w, h = rng.uniform(60, 500), rng.uniform(60, 500)
        pts = [(x, y), (x + w, y + rng.uniform(-20, 20)), (x + w, y + h), (x + rng.uniform(-20, 20), y + h)]
        blocks.append("POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in pts + [pts[0]]) + "))")
    blocks.append("POLYGON((480100 3790100,480500 3790100,480300 3790300,480500 3790500,480100 3790500,"
                  "480100 3790100))")                                   # not convex
    many = 0
    for w in blocks:
        b = O.PreparedBlock(QgsGeometry.fromWkt(w))
        monkeypatch.setattr(O, "VECTOR_MIN", 10 ** 9)
        slow = idx.measure(b, want_geoms=True)
        slow_ids = idx.contributors_with_fids(b, slow)
        monkeypatch.setattr(O, "VECTOR_MIN", 24)
        b = O.PreparedBlock(QgsGeometry.fromWkt(w))
        fast = idx.measure(b, want_geoms=True)
        assert fast.area == slow.area and fast.per_owner == slow.per_owner
        assert idx.contributors_with_fids(b, fast) == slow_ids
        assert {k: len(v) for k, v in fast.geoms.items()} == {k: len(v) for k, v in slow.geoms.items()}
        many += len(idx.index.intersects(b.bbox)) >= 24
    assert many > 20
    big = [o for o in idx.owners if o.member_pieces and any(len(v[0]) > 32 for v in o.member_pieces.values())]
    assert big, "a member of many pieces was measured"


def test_members_sorted_in_bulk_rank_like_de9im(qgis_app, monkeypatch):
    """Contributors of heavily overlapping parcels (one big dissolved group): members near a convex block
    decided in bulk give the same ranking as a DE-9IM test per member."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

    from mineplan.core.overlap import engine as O
    rng = random.Random(5)
    wkts = [quad(480000 + rng.uniform(0, 2000), 3790000 + rng.uniform(0, 2000), rng.uniform(100, 300),
                 rng.uniform(100, 300), bow=rng.random() < 0.1) for _ in range(500)]
    from test_overlap_engine import memory_layer
    lyr = memory_layer(wkts)
    crs = QgsCoordinateReferenceSystem("EPSG:4546")
    idx = O.ConstraintIndex.from_source(lyr, "farm", "永久基本农田", QgsCoordinateTransform(crs, crs, QgsProject.instance()),
                                        id_field="code")
    assert max(len(o.members) for o in idx.owners) > 100
    checked = 0
    for _ in range(60):
        x, y = 480000 + rng.uniform(0, 2000), 3790000 + rng.uniform(0, 2000)
        w = quad(x, y, rng.uniform(100, 600), rng.uniform(100, 600))
        b = O.PreparedBlock(QgsGeometry.fromWkt(w))
        m = idx.measure(b)
        monkeypatch.setattr(O, "MEMBERS_VECTOR_MIN", 10 ** 9)
        slow = idx.contributors_with_fids(b, m)
        monkeypatch.setattr(O, "MEMBERS_VECTOR_MIN", 1)
        fast = idx.contributors_with_fids(O.PreparedBlock(QgsGeometry.fromWkt(w)), m)
        assert fast == slow
        checked += len(slow) > 5
    assert checked > 20


@pytest.mark.parametrize("name", ["tess", "overlap", "mixed", "degrees"])
def test_within_a_convex_block_means_contained(qgis_app, name):
    """convex_vs_many's WITHIN (the member's overlap is then its own area, no intersection made) only for
    polygons GEOS finds inside the block, and never for one it finds separate; OVERLAP/SEPARATE as before."""
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import pairs as OP
    items = items_of(scenes()[name])
    coords = OP.Coords([it[1] for it in items])
    rng = random.Random(3)
    ext = QgsGeometry.unaryUnion([it[1] for it in items]).boundingBox()
    within = 0
    for _ in range(40):
        w, h = ext.width() * rng.uniform(0.05, 0.3), ext.height() * rng.uniform(0.05, 0.3)
        x, y = ext.xMinimum() + rng.uniform(0, ext.width() - w), ext.yMinimum() + rng.uniform(0, ext.height() - h)
        block = QgsGeometry.fromWkt(quad(x, y, w, h))
        hp = OP.convex_halfplanes(block)
        engine = QgsGeometry.createGeometryEngine(block.constGet())
        near = [i for i, it in enumerate(items) if it[3].intersects(block.boundingBox())]
        for i, st in zip(near, OP.convex_vs_many(hp, coords, near).tolist()):
            g = items[i][1]
            if st == OP.WITHIN:
                within += 1
                assert block.contains(g) or block.difference(g).area() == pytest.approx(block.area() - g.area()), \
                    (name, i, g.asWkt())
                assert abs(block.intersection(g).area() - g.area()) <= 1e-9 * g.area()
            elif st == OP.SEPARATE:
                assert not engine.relatePattern(g.constGet(), "T********"), (name, i)
            elif st == OP.OVERLAP:
                assert engine.relatePattern(g.constGet(), "T********"), (name, i)
    assert within > 20


def test_small_pieces_clipped_in_python_measure_like_geos(qgis_app):
    """overlap_pairs.convex_clip_area against GEOS's intersection: convex and concave rings, rings sharing an edge
    or a corner with the block, inside it, around a corner, far away — in working-CRS-sized coordinates."""
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import pairs as OP
    rng = random.Random(8)
    x0, y0 = -31000.0, 12000.0
    checked = touching = 0
    states = {"inside": 0, "separate": 0, "clipped": 0}
    for _ in range(150):
        w, h = rng.uniform(200, 900), rng.uniform(200, 900)
        bx, by = x0 + rng.uniform(0, 500), y0 + rng.uniform(0, 500)
        pts = [(bx, by), (bx + w, by + rng.uniform(-30, 30)), (bx + w + rng.uniform(-30, 30), by + h), (bx, by + h)]
        if rng.random() < 0.5:
            pts = pts[::-1]                                   # clockwise blocks too
        block = QgsGeometry.fromWkt("POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in pts + [pts[0]]) + "))")
        edges = OP.convex_edges(bytes(block.asWkb()))
        assert edges is not None and OP.convex_halfplanes(block) is not None
        engine = QgsGeometry.createGeometryEngine(block.constGet())
        for _ in range(20):
            kind = rng.random()
            if kind < 0.2:                                    # on a block edge: shares it
                (ax, ay), (cx, cy) = pts[0], pts[1]
                t0, t1 = sorted((rng.uniform(0, 1), rng.uniform(0, 1)))
                p0 = (ax + t0 * (cx - ax), ay + t0 * (cy - ay))
                p1 = (ax + t1 * (cx - ax), ay + t1 * (cy - ay))
                d = rng.choice([-1, 1]) * rng.uniform(20, 200)
                nx, ny = -(cy - ay), cx - ax
                n = math.hypot(nx, ny)
                ring = [p0, p1, (p1[0] + d * nx / n, p1[1] + d * ny / n), (p0[0] + d * nx / n, p0[1] + d * ny / n)]
            else:
                cx, cy = bx + rng.uniform(-300, w + 300), by + rng.uniform(-300, h + 300)
                k = rng.choice([4, 5, 7, 12])
                ring = []
                for i in range(k):
                    t = 2 * math.pi * i / k
                    r = rng.uniform(60, 250) * (0.45 if (i % 2 and kind > 0.6) else 1.0)   # concave stars
                    ring.append((cx + r * math.cos(t), cy + r * math.sin(t)))
            g = QgsGeometry.fromWkt("POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in ring + [ring[0]]) + "))")
            if not g.isGeosValid():
                continue
            got = OP.small_ring(bytes(g.asWkb()))
            assert got is not None and len(got) == len(ring)
            a, state = OP.convex_clip_area(got, edges)
            inter = engine.intersection(g.constGet())
            truth = inter.area() if inter is not None else 0.0
            states[state] += 1
            if state == "inside":
                assert truth == pytest.approx(g.area(), rel=1e-9)
            elif state == "separate":
                assert truth == 0.0 and not engine.relatePattern(g.constGet(), "T********")
            elif a >= OP.CLIP_TINY_AREA:
                assert a == pytest.approx(truth, rel=1e-9, abs=1e-6), (block.asWkt(), g.asWkt())
                checked += 1
            else:
                assert truth < 1e-3                           # left to GEOS: a shared edge, a touch, nothing
                touching += kind < 0.2
    assert checked > 500 and touching > 50 and states["inside"] > 50 and states["separate"] > 50, states


def test_convex_edges_agree_with_the_bulk_halfplanes(qgis_app):
    """The blocks the Python clip takes as convex are the ones overlap_pairs.convex_halfplanes does (same
    certainty), their interior on the left of every edge."""
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import pairs as OP
    rng = random.Random(2)
    kinds = {True: 0, False: 0}
    for _ in range(400):
        k = rng.choice([3, 4, 5, 6, 9])
        pts = [(5e5 + rng.uniform(-1, 1) * 900, 3.8e6 + rng.uniform(-1, 1) * 900) for _ in range(k)]
        if rng.random() < 0.5:       # a convex one: the points sorted by angle around their centre
            cx, cy = sum(p[0] for p in pts) / k, sum(p[1] for p in pts) / k
            pts.sort(key=lambda p: math.atan2(p[1] - cy, p[0] - cx), reverse=rng.random() < 0.5)
        g = QgsGeometry.fromWkt("POLYGON((" + ",".join(f"{a!r} {b!r}" for a, b in pts + [pts[0]]) + "))")
        edges = OP.convex_edges(bytes(g.asWkb()))
        assert (edges is not None) == (OP.convex_halfplanes(g) is not None), g.asWkt()
        kinds[edges is not None] += 1
        if edges is not None:
            cx, cy = sum(p[0] for p in pts) / k, sum(p[1] for p in pts) / k
            assert all(dx * (cy - ay) - dy * (cx - ax) > 0 for ax, ay, dx, dy in edges)
    assert kinds[True] > 100 and kinds[False] > 100
    assert OP.convex_edges(bytes(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 0,1 1,0 1,0 0))").asWkb())) is None
    # a vertex in the middle of an edge (digitised blocks have them): still convex, for both
    mid = QgsGeometry.fromWkt("POLYGON((0 0,5 0,10 0,10 10,0 10,0 0))")
    assert OP.convex_edges(bytes(mid.asWkb())) is not None and OP.convex_halfplanes(mid) is not None


def test_small_ring_reads_only_what_it_can_clip(qgis_app):
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import pairs as OP
    for wkt, n in [("POLYGON((0 0,1 0,1 1,0 0))", 3), ("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)))", 4),
                   ("POLYGON((0 0,9 0,9 9,0 9,0 0),(1 1,2 1,2 2,1 1))", None),
                   ("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", None),
                   ("POLYGON Z((0 0 1,1 0 1,1 1 1,0 0 1))", None),
                   ("POLYGON((" + ",".join(f"{math.cos(t / 10)} {math.sin(t / 10)}" for t in range(40)) + ",1 0))", None)]:
        got = OP.small_ring(bytes(QgsGeometry.fromWkt(wkt).asWkb()))
        assert (None if got is None else len(got)) == n, wkt


@pytest.mark.parametrize("name", ["tess", "overlap", "mixed"])
def test_measures_and_rankings_equal_without_the_python_clip(qgis_app, monkeypatch, name):
    """Whole indexes: every block's area, per-owner areas and ranked contributors with the Python clip equal
    those of GEOS alone (areas to 1e-9, contributors exactly) — dissolved groups and single parcels."""
    from qgis.core import QgsGeometry

    from mineplan.core.overlap import engine as O
    from mineplan.core.overlap import pairs as OP
    items = items_of(scenes()[name])
    idx = O.ConstraintIndex("farm", "永久基本农田", True)
    idx.build(items)
    ext = QgsGeometry.unaryUnion([it[1] for it in items]).boundingBox()
    rng = random.Random(4)
    clip, calls = OP.convex_clip_area, [0]

    def counted(ring, edges):
        calls[0] += 1
        return clip(ring, edges)
    monkeypatch.setattr(OP, "convex_clip_area", counted)
    for _ in range(60):
        w, h = ext.width() * rng.uniform(0.03, 0.2), ext.height() * rng.uniform(0.03, 0.2)
        x, y = ext.xMinimum() + rng.uniform(0, ext.width() - w), ext.yMinimum() + rng.uniform(0, ext.height() - h)
        wkt = quad(x, y, w, h)
        monkeypatch.setattr(OP, "CLIP_MAX_VERTICES", 0)
        b0 = O.PreparedBlock(QgsGeometry.fromWkt(wkt))
        m0 = idx.measure(b0)
        c0 = idx.contributors_with_fids(b0, m0)
        monkeypatch.setattr(OP, "CLIP_MAX_VERTICES", 16)
        for p in idx.pieces:
            p._ring = False
        for o in idx.owners:
            o.member_rings = None
        b1 = O.PreparedBlock(QgsGeometry.fromWkt(wkt))
        m1 = idx.measure(b1)
        assert m1.area == pytest.approx(m0.area, rel=1e-9, abs=1e-6)
        assert m1.per_owner.keys() == m0.per_owner.keys()
        assert all(m1.per_owner[k] == pytest.approx(v, rel=1e-9, abs=1e-6) for k, v in m0.per_owner.items())
        assert idx.contributors_with_fids(b1, m1) == c0
    assert calls[0] > 100         # the Python clip did the work (not GEOS alone both times)


def test_gc_paused_restores_the_collector_as_it_was_after_the_last_run(qgis_app):
    """Runs may overlap (two algorithms in two tasks): the collector stays off until the last one ends, and is
    left off when it was off before the first."""
    import gc
    import threading

    from mineplan.core.overlap.engine import gc_paused
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_run():
        with gc_paused():
            inside.set()
            release.wait(5)
    t = threading.Thread(target=other_run)
    with gc_paused():
        assert not gc.isenabled()
        t.start()
        inside.wait(5)
    assert not gc.isenabled()        # the other run is still going
    release.set()
    t.join()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
