"""Constraint layers served by a real PostGIS database give the same answers as the GeoPackage they
were loaded from (ogr2ogr), and the spatial filter runs in the database. A throwaway cluster is started
in a temporary directory on a free port and deleted afterwards (tests/pg_cluster.py)."""
import os

import pg_cluster
import pytest
from conftest import SAMPLE, run_alg, sample_layer

LAYERS = ["eco_redline", "basic_farmland", "urban_boundary"]
WHY = pg_cluster.available()
pytestmark = pytest.mark.skipif(WHY is not None, reason=f"PostGIS test skipped: {WHY}")


@pytest.fixture(scope="module")
def pg(qgis_app):
    cluster = pg_cluster.PgCluster().start()
    try:
        cluster.load(SAMPLE, LAYERS)
        yield cluster
    finally:
        cluster.stop()
    assert not os.path.exists(cluster.dir)


def pg_layer(pg, name):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(pg.uri(name), name, "postgres")
    assert lyr.isValid(), name
    return lyr


def gpkg_layer(name):
    from qgis.core import QgsVectorLayer
    return QgsVectorLayer(sample_layer(name), name, "ogr")


def test_engine_answers_equal_geopackage(pg):
    """build_indexes on PostGIS layers (demand-driven: filter rectangles evaluated by PostGIS) equals the
    GeoPackage build: areas, contributors, order."""
    from qgis.core import QgsCoordinateTransformContext

    from mineplan.core.overlap.constraints import ConstraintInput, build_area_context, build_indexes
    from mineplan.core.overlap.engine import prepare_block
    blocks = gpkg_layer("proposed_rights")
    tctx = QgsCoordinateTransformContext()
    results = {}
    for kind in ("gpkg", "pg"):
        lyrs = {n: (gpkg_layer(n) if kind == "gpkg" else pg_layer(pg, n)) for n in LAYERS}
        cons = [ConstraintInput(n, n, lyr, lyr.crs()) for n, lyr in lyrs.items()]
        ctx = build_area_context(0, blocks, cons, None, with_demand=True)
        idxs = build_indexes(cons, ctx, None, 0, tctx)
        assert all(ix.mode == "demand" for ix in idxs if ix.name != "urban_boundary")
        to_work = ctx.transform_from(blocks.crs(), tctx)
        rows = []
        for f in blocks.getFeatures():
            if f.geometry().isNull():
                continue
            b = prepare_block(f.geometry(), to_work)
            for ix in idxs:
                m = ix.measure(b)
                rows.append((f.id(), ix.name, round(m.area, 6),
                             [lab for lab, _ in ix.contributors_with_fids(b, m)] if m.area > 0 else []))
        results[kind] = rows
    assert results["pg"] == results["gpkg"]
    assert sum(r[2] for r in results["gpkg"]) > 1e6 and any(r[3] for r in results["gpkg"])


@pytest.mark.parametrize("demand", [False, True])
def test_redlineoverlap_on_postgis_layers(pg, processing, monkeypatch, demand):
    """The algorithm as users run it, constraint layers from PostGIS vs from the GeoPackage, reading whole
    layers and (as it will once it records the features under review) on demand."""
    from mineplan.core.overlap import constraints
    monkeypatch.setattr(constraints, "DEMAND_BY_DEFAULT", demand)
    outs = {}
    for kind in ("gpkg", "pg"):
        params = {"INPUT": sample_layer("proposed_rights"), "OUTPUT": "memory:"}
        for key, name in (("ECO_REDLINE", "eco_redline"), ("BASIC_FARMLAND", "basic_farmland"),
                          ("URBAN_BOUNDARY", "urban_boundary")):
            params[key] = sample_layer(name) if kind == "gpkg" else pg_layer(pg, name)
        res, layers = run_alg(processing, "mineplan:redlineoverlap", params)
        outs[kind] = sorted((f["app_no"], round(f["eco_area_m2"] or 0, 4), round(f["farm_area_m2"] or 0, 4),
                             round(f["urban_area_m2"] or 0, 4), f["eco_ids"], f["farm_ids"], f["verdict"])
                            for f in layers["OUTPUT"].getFeatures())
    assert outs["pg"] == outs["gpkg"] and len(outs["pg"]) == 46
    assert any(r[2] > 0 for r in outs["pg"]) and any(r[6] == "冲突" for r in outs["pg"])
