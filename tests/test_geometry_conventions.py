"""Geometry conventions of the engine (issue #11, items 8, 12, 13): absurd coordinates are refused, the
working CRS is well conditioned everywhere, planar areas only where a Gauss-Krüger zone exists, and
edges are straight in the CRS a layer is stored in."""
import pytest

from mineplan.rules.model.errors import MinePlanError

FAR = "POLYGON((0 0,1e20 0,1e20 1e20,0 1e20,0 0))"


def crs(code):
    from qgis.core import QgsCoordinateReferenceSystem
    return QgsCoordinateReferenceSystem(code)


def layer(wkts, code, name="c"):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    lyr = QgsVectorLayer(f"Polygon?crs={code}&field=code:string", name, "memory")
    feats = []
    for i, w in enumerate(wkts):
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"C{i + 1}"])
        f.setGeometry(QgsGeometry.fromWkt(w))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    lyr.updateExtents()
    return lyr


# ---- 8: a polygon at 1e20 ------------------------------------------------------------------------------
@pytest.mark.parametrize("code", ["EPSG:4546", "EPSG:4490"])
def test_extent_problem_refuses_1e20(qgis_app, code):
    from qgis.core import QgsRectangle

    from mineplan.core.geometry.measure import extent_problem
    err = extent_problem(crs(code), QgsRectangle(0, 0, 1e20, 1e20), "申请图层")
    assert isinstance(err, MinePlanError)
    assert "申请图层" in err.message_zh and "申请图层" in err.message_en and "valid area" in err.message_en
    # ordinary data: no problem; an empty layer: nothing to check
    assert extent_problem(crs("EPSG:4546"), QgsRectangle(460000, 3780000, 510000, 3830000), "x") is None
    assert extent_problem(crs("EPSG:4490"), QgsRectangle(110.5, 34.2, 111.1, 34.7), "x") is None
    assert extent_problem(crs("EPSG:4546"), QgsRectangle(), "x") is None


def test_extent_problem_wrong_crs(qgis_app):
    """Zone-prefixed Gauss-Krüger coordinates (x = 37 500 000) declared as EPSG:4546 (no prefix), and GK
    metres declared as degrees, are refused."""
    from qgis.core import QgsRectangle

    from mineplan.core.geometry.measure import extent_problem
    assert extent_problem(crs("EPSG:4546"), QgsRectangle(37_460_000, 3780000, 37_510_000, 3830000), "x") is not None
    assert extent_problem(crs("EPSG:4490"), QgsRectangle(460000, 3780000, 510000, 3830000), "x") is not None
    assert extent_problem(crs("EPSG:4525"), QgsRectangle(37_460_000, 3780000, 37_510_000, 3830000), "x") is None


def test_1e20_polygon_does_not_move_the_working_crs_nor_measure_zero(qgis_app):
    from qgis.core import QgsCoordinateTransformContext, QgsGeometry, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, geographic_extent, make_area_context
    from mineplan.core.overlap.engine import PreparedBlock, prepare_block
    far = layer([FAR, "POLYGON((480000 3800000,481000 3800000,481000 3801000,480000 3801000,480000 3800000))"],
                "EPSG:4546")
    good = QgsRectangle(480000, 3800000, 481000, 3801000)
    ext = geographic_extent([(far.crs(), far.extent()), (far.crs(), good)], QgsCoordinateTransformContext())
    ctx = make_area_context(ELLIPSOIDAL, ext, far.crs())
    assert "+proj=laea" in ctx.crs.toProj() and "+lon_0=110.7" in ctx.crs.toProj()    # not 21°
    to_work = ctx.transform_from(far.crs(), QgsCoordinateTransformContext())
    with pytest.raises(MinePlanError) as e:
        prepare_block(QgsGeometry.fromWkt(FAR), to_work, "申请图层", "SQ-1")
    assert "SQ-1" in str(e.value) and "申请图层" in str(e.value)
    inf = QgsGeometry.fromWkt(FAR)
    inf.transform(to_work)                        # PROJ: inf/NaN, no exception
    with pytest.raises(MinePlanError):
        PreparedBlock(inf)


def test_constraint_at_1e20_is_an_error_not_a_silent_zero(qgis_app):
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, make_area_context
    from mineplan.core.overlap.engine import ConstraintIndex
    ctx = make_area_context(ELLIPSOIDAL, QgsRectangle(110.5, 34.2, 111.1, 34.7))
    lyr = layer([FAR], "EPSG:4546", "生态保护红线")
    tr = QgsCoordinateTransform(lyr.crs(), ctx.crs, QgsCoordinateTransformContext())
    with pytest.raises(MinePlanError) as e:
        ConstraintIndex.from_source(lyr, "eco", "生态保护红线", tr, id_field="code")
    assert "C1" in str(e.value)


# ---- 12: a well-conditioned working CRS ------------------------------------------------------------------
@pytest.mark.parametrize("lon,lat", [(0.0, 0.0), (100.0, 0.00005), (111.0, 34.5), (-70.0, -60.0)])
def test_small_squares_measure_like_qgsdistancearea_everywhere(qgis_app, lon, lat):
    """0–16 m squares (QGIS's test data sit at 0°, 0°): the old Albers set-up had collapsing standard
    parallels there (areas 1.8e-4 too large); LAEA centred on the data agrees with QgsDistanceArea."""
    from qgis.core import QgsCoordinateTransformContext, QgsGeometry, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, distance_area, make_area_context
    from mineplan.core.overlap.engine import prepare_block
    d = 16 / 111320.0                         # ≈ 16 m in degrees
    ctx = make_area_context(ELLIPSOIDAL, QgsRectangle(lon, lat, lon + d, lat + d), crs("EPSG:4490"))
    to_work = ctx.transform_from(crs("EPSG:4490"), QgsCoordinateTransformContext())
    da = distance_area(crs("EPSG:4490"))
    for k in (1, 4, 16):
        s = k / 111320.0
        g = QgsGeometry.fromRect(QgsRectangle(lon, lat, lon + s, lat + s))
        got = prepare_block(g, to_work).area
        assert got == pytest.approx(da.measureArea(g), rel=1e-6)
        assert 0.5 * k * k < got < 1.01 * k * k


def test_planar_refused_outside_the_gauss_kruger_zones(qgis_app):
    from qgis.core import QgsRectangle

    from mineplan.core.geometry.measure import PLANAR, gk_zone_crs, make_area_context
    with pytest.raises(MinePlanError) as e:
        make_area_context(PLANAR, QgsRectangle(9.5, 45.0, 10.5, 46.0), crs("EPSG:4326"))
    assert "73.5" in e.value.message_en and "高斯" in e.value.message_zh
    with pytest.raises(MinePlanError):
        gk_zone_crs(140.0, strict=True)
    assert gk_zone_crs(10.0).authid() == "EPSG:4534"            # maps may still use the nearest zone
    ctx = make_area_context(PLANAR, QgsRectangle(110.5, 34.2, 111.1, 34.7), crs("EPSG:4490"))
    assert ctx.crs.authid() == "EPSG:4546" and ctx.warnings == []
    wide = make_area_context(PLANAR, QgsRectangle(108.0, 34.2, 114.0, 34.7), crs("EPSG:4490"))
    assert wide.crs.authid() == "EPSG:4546" and len(wide.warnings) == 1
    # a projected input CRS is used as it is, wherever it is
    assert make_area_context(PLANAR, QgsRectangle(9.5, 45.0, 10.5, 46.0), crs("EPSG:32632")).crs.authid() == "EPSG:32632"


# ---- 13: edges straight in degrees ----------------------------------------------------------------------
A, B = (111.0, 34.5), (111.0385, 34.5)          # a 3.5 km red-line edge along a parallel, in EPSG:4490


def redline_4490():
    return layer([f"POLYGON(({A[0]} {A[1]},{B[0]} {B[1]},{B[0]} 34.53,{A[0]} 34.53,{A[0]} {A[1]}))"], "EPSG:4490",
                 "生态保护红线")


def snapped_block(dy=0.0):
    """A block with a vertex on the middle of the red-line edge, running along it to its end, then south;
    ``dy`` > 0 moves its northern edge that far (degrees) into the red line."""
    mx = (A[0] + B[0]) / 2
    y = A[1] + dy
    return f"POLYGON(({mx} {y},{B[0]} {y},{B[0]} 34.49,{mx} 34.49,{mx} {y}))"


def measure_4490(block_wkt, geo=True):
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsGeometry, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, make_area_context
    from mineplan.core.overlap.constraints import ConstraintInput, build_indexes
    from mineplan.core.overlap.engine import ConstraintIndex, prepare_block
    tctx = QgsCoordinateTransformContext()
    ctx = make_area_context(ELLIPSOIDAL, QgsRectangle(110.99, 34.48, 111.05, 34.54), crs("EPSG:4490"))
    rl = redline_4490()
    if geo:
        idx = build_indexes([ConstraintInput("eco", "生态保护红线", rl, rl.crs(), "code")], ctx, None, 0, tctx)[0]
    else:        # the old way: vertices projected as they are, edges straight in the projection
        idx = ConstraintIndex.from_source(rl, "eco", "生态保护红线", QgsCoordinateTransform(rl.crs(), ctx.crs, tctx))
    to_work = ctx.transform_from(crs("EPSG:4490"), tctx)
    if not geo:
        g = QgsGeometry.fromWkt(block_wkt)
        g.transform(to_work)
        from mineplan.core.overlap.engine import PreparedBlock
        return idx, idx.measure(PreparedBlock(g)).area, None
    b = prepare_block(QgsGeometry.fromWkt(block_wkt), to_work, "申请", "SQ-1")
    return idx, idx.measure(b).area, b


def test_edge_snapped_in_epsg4490_overlaps_by_zero(qgis_app):
    idx, area, _ = measure_4490(snapped_block())
    assert idx.geo is not None                      # overlay in the shared geographic CRS
    assert area == pytest.approx(0.0, abs=1e-6)
    _, old, _ = measure_4490(snapped_block(), geo=False)
    assert old > 40.0          # ≈ 49 m² sliver with edges straight in the projection (the issue: 309 m²)


def test_real_overlap_in_epsg4490_matches_qgsdistancearea(qgis_app):
    from qgis.core import QgsGeometry

    from mineplan.core.geometry.measure import DENSIFY_DEG, distance_area
    dy = 0.001                                      # ≈ 111 m into the red line
    idx, area, b = measure_4490(snapped_block(dy))
    strip = QgsGeometry.fromWkt(snapped_block(dy)).intersection(QgsGeometry.fromWkt(
        f"POLYGON(({A[0]} {A[1]},{B[0]} {B[1]},{B[0]} 34.53,{A[0]} 34.53,{A[0]} {A[1]}))"))
    expected = distance_area(crs("EPSG:4490")).measureArea(strip.densifyByDistance(DENSIFY_DEG))
    assert expected == pytest.approx(1750 * 111, rel=0.02)
    assert area == pytest.approx(expected, rel=2e-6, abs=0.05)
    m = idx.measure(b, want_geoms=True)
    polys = idx.overlap_polygons(b, m)
    assert len(polys) == 1 and polys[0][2] == pytest.approx(expected, rel=2e-6, abs=0.05)
    assert idx.contributors(b, m) == ["C1"]


def test_geographic_constraint_with_projected_blocks_is_densified(qgis_app):
    """Blocks in Gauss-Krüger, red line in degrees: the red line is densified before projection, so its
    3.5 km edge follows the parallel (it bows ≈ 0.17 m from the chord between its two vertices)."""
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsGeometry, QgsRectangle

    from mineplan.core.geometry.measure import ELLIPSOIDAL, make_area_context
    from mineplan.core.overlap.constraints import ConstraintInput, build_indexes
    tctx = QgsCoordinateTransformContext()
    ctx = make_area_context(ELLIPSOIDAL, QgsRectangle(110.99, 34.48, 111.05, 34.54), crs("EPSG:4546"))
    rl = redline_4490()
    idx = build_indexes([ConstraintInput("eco", "生态保护红线", rl, rl.crs(), "code")], ctx, None, 0, tctx)[0]
    assert idx.geo is None
    piece_vertices = sum(p.geom.constGet().nCoordinates() for p in idx.pieces)
    assert piece_vertices > 2 * 3500 / 22               # both long edges densified (≈ 20 m steps)
    mid = QgsGeometry.fromWkt(f"POINT({(A[0] + B[0]) / 2} {A[1]})")
    mid.transform(QgsCoordinateTransform(crs("EPSG:4490"), ctx.crs, tctx))
    dist = min(p.geom.constGet().boundary().distance(mid.constGet()) if hasattr(p.geom.constGet().boundary(), "distance")
               else QgsGeometry(p.geom.constGet().boundary()).distance(mid) for p in idx.pieces)
    assert dist < 1e-3


def test_the_working_crs_is_made_once_in_the_main_thread_and_anew_in_others(qgis_app):
    """Reused in the main thread (it never ends: its PROJ objects stay good), made anew in any other thread (a
    dock task's CRS could outlive its thread); the same projection either way."""
    import threading

    from mineplan.core.geometry import measure as areas
    a = areas.equal_area_crs(34.5, 110.9)
    b = areas.equal_area_crs(34.5, 110.9)
    got = []

    def in_a_thread():
        # read it in its thread: on 3.40 a CRS whose thread has ended has lost its PROJ objects (toWkt() is '',
        # a transform from it is invalid) — the reason it is never shared across threads
        crs = areas.equal_area_crs(34.5, 110.9)
        got.append((crs, crs.toProj()))

    t = threading.Thread(target=in_a_thread)
    t.start()
    t.join()
    assert a.isValid() and b.isValid() and got[0][0].isValid()
    assert a.description() == b.description()
    assert got[0][0].description() != a.description()
    assert got[0][1] == a.toProj() == ("+proj=laea +lat_0=34.5 +lon_0=110.9 +x_0=0 +y_0=0 +ellps=GRS80 +units=m "
                                       "+no_defs +type=crs")
