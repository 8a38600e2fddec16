"""Benchmark sweep: mineplan:redlineoverlap (through processing, as users run it, and the engine API)
vs QGIS native:calculatevectoroverlaps, same process, same data, back to back.

    make bench                                   # the sweep, the dock timings and the scale run
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/bench_overlap.py [--quick] [--sizes 10,40,200]
        [--scenarios tess,overlap,dissolved,postgis] [--no-scale] [--native-max 20000]

Scenarios (county of 50 × 50 km in EPSG:4546; red line 8 features ≈ 400k vertices + a duplicated
patch; urban boundary 2 features; GeoPackage files with R-tree indexes):
  tess      farmland as a cadastral tessellation (20k parcels sharing edges, 10 % bow-ties, 1 % duplicated)
  overlap   farmland parcels overlapping heavily (20k parcels, 10 % bow-ties)
  dissolved red line and tessellated farmland each dissolved into ONE multipolygon
  postgis   the tess layers served by a throwaway PostgreSQL/PostGIS cluster (tests/pg_cluster.py)
Sizes: features under review 10, 40, 200, 2,000, 20,000 (the first n of 20,000 blocks).

What is timed: the whole call, index building included. "proc" = processing.run("mineplan:redlineoverlap")
with constraints.DEMAND_BY_DEFAULT switched on (as the algorithm will run once it records the demand);
"api" = build_area_context + build_indexes(demand) + measure every block (no output writing).
The bench only uses the algorithms' parameters/outputs and the engine's own API, so it keeps working when
the algorithm's internals change. Results: bench/results/sweep.txt (and .json).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA_DIR = os.path.join(ROOT, ".build", "bench")
X0, Y0, SIZE = 460000.0, 3780000.0, 50000.0      # a 50 × 50 km square in EPSG:4546 (Lingbao)
CRS = "EPSG:4546"


def setup_qgis():
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    plugins = os.path.join(ROOT, ".build", "plugins")
    os.makedirs(plugins, exist_ok=True)
    if not os.path.exists(os.path.join(plugins, "mineplan")):
        os.symlink(ROOT, os.path.join(plugins, "mineplan"))
    sys.path.insert(0, plugins)
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from processing.core.Processing import Processing
    Processing.initialize()
    from mineplan.processing_provider.provider import MinePlanProvider
    provider = MinePlanProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


# ---- data -----------------------------------------------------------------------------------------
def star_ring(rng, cx, cy, r, n):
    """A star-shaped (hence simple, valid) wobbly ring of n vertices, built with numpy."""
    import numpy as np
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    f = np.ones(n)
    amp = [rng.uniform(0, 1) / k ** 0.9 for k in range(2, 40)]
    scale = 0.6 / sum(amp)
    for k, a in zip(range(2, 40), amp):
        f += scale * a * np.sin(k * t + rng.uniform(0, 6.283))
    x, y = cx + r * f * np.cos(t), cy + r * f * np.sin(t)
    return np.append(x, x[0]), np.append(y, y[0])


def polygon(xs, ys):
    from qgis.core import QgsGeometry, QgsLineString, QgsPolygon
    ring = QgsLineString(list(map(float, xs)), list(map(float, ys)))
    p = QgsPolygon()
    p.setExteriorRing(ring)
    return QgsGeometry(p)


def quad(pts, bowtie=False):
    from qgis.core import QgsGeometry, QgsPointXY
    if bowtie:
        pts = [pts[0], pts[1], pts[3], pts[2]]
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in pts + [pts[0]]]])


def redline(rng, total_vertices, n_features=8):
    from qgis.core import QgsGeometry
    per_part = total_vertices // (n_features * 3) + 1
    cells = [(i, j) for i in range(4) for j in range(4)]
    rng.shuffle(cells)
    out = []
    for k in range(n_features):
        i, j = cells[k]
        cx, cy = X0 + (i + 0.5) * SIZE / 4, Y0 + (j + 0.5) * SIZE / 4
        parts = [polygon(*star_ring(rng, cx + dx, cy + dy, rng.uniform(1300, 1900), per_part))
                 for dx, dy in ((-2600, -2600), (2600, -2000), (0, 2600))]
        out.append(QgsGeometry.collectGeometry(parts))
    i, j = cells[0]
    out.append(polygon(*star_ring(rng, X0 + (i + 0.5) * SIZE / 4 + 900, Y0 + (j + 0.5) * SIZE / 4 + 2600, 900, 400)))
    return out


def farm_tessellation(rng, n_parcels, cell=250.0, bowtie=0.10, dup=0.01):
    """Parcels of a jittered grid sharing their vertices (a cadastral tessellation), in patches."""
    n = int(SIZE / cell)
    jit = [[(X0 + i * cell + rng.uniform(-cell / 5, cell / 5), Y0 + j * cell + rng.uniform(-cell / 5, cell / 5))
            for j in range(n + 1)] for i in range(n + 1)]
    waves = [(rng.uniform(0.5, 3), rng.uniform(0.5, 3), rng.uniform(0, 6.3)) for _ in range(4)]
    score = []
    for i in range(n):
        for j in range(n):
            s = sum(math.sin(a * i / n * 6.3 + p) * math.cos(b * j / n * 6.3 + p) for a, b, p in waves)
            score.append((s + rng.uniform(-0.3, 0.3), i, j))
    score.sort(reverse=True)
    out, invalid = [], 0
    for _, i, j in score[:n_parcels]:
        pts = [jit[i][j], jit[i + 1][j], jit[i + 1][j + 1], jit[i][j + 1]]
        bow = rng.random() < bowtie
        invalid += bow
        out.append(quad(pts, bow))
        if rng.random() < dup:
            out.append(quad(pts))            # duplicated digitising: the same parcel twice
    return out, invalid


def farm_overlapping(rng, n_parcels, bowtie=0.10):
    """Parcels much larger than their spacing: most overlap several neighbours."""
    out, invalid = [], 0
    for _ in range(n_parcels):
        cx, cy = X0 + rng.uniform(0, SIZE), Y0 + rng.uniform(0, SIZE)
        w, h = rng.uniform(250, 600), rng.uniform(200, 500)
        pts = [(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)]
        pts = [(x + rng.uniform(-20, 20), y + rng.uniform(-20, 20)) for x, y in pts]
        bow = rng.random() < bowtie
        invalid += bow
        out.append(quad(pts, bow))
    return out, invalid


def blocks(rng, n):
    out = []
    for _ in range(n):
        cx, cy = X0 + rng.uniform(0, SIZE), Y0 + rng.uniform(0, SIZE)
        w, h = rng.uniform(500, 1600), rng.uniform(400, 1300)
        pts = [(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)]
        out.append(quad([(x + rng.uniform(-8, 8), y + rng.uniform(-8, 8)) for x, y in pts]))
    return out


def write_layer(path, name, geoms, prefix):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant
    fields = QgsFields()
    fields.append(QgsField("code", QVariant.String))
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = name
    opts.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer if os.path.exists(path) \
        else QgsVectorFileWriter.CreateOrOverwriteFile
    w = QgsVectorFileWriter.create(path, fields, QgsWkbTypes.MultiPolygon, QgsCoordinateReferenceSystem(CRS),
                                   QgsCoordinateTransformContext(), opts)
    for i, g in enumerate(geoms):
        f = QgsFeature(fields)
        f.setAttributes([f"{prefix}-{i + 1}"])
        gg = g.__class__(g)
        gg.convertToMultiType()
        f.setGeometry(gg)
        w.addFeature(f)
    del w


def make_data(path, quick=False, seed=7):
    """Every layer of the sweep in one GeoPackage (generated once, reused)."""
    from qgis.core import QgsGeometry
    if os.path.exists(path):
        with open(path + ".json") as fh:
            return json.load(fh)
    rng = random.Random(seed)
    t0 = time.perf_counter()
    n_farm = 2000 if quick else 20000
    rl = redline(rng, 40000 if quick else 420000)
    tess, tess_bad = farm_tessellation(rng, n_farm, cell=250.0 if not quick else 790.0)
    over, over_bad = farm_overlapping(rng, n_farm)
    urban = [polygon(*star_ring(rng, X0 + SIZE * 0.5, Y0 + SIZE * 0.55, 4500, 2000)),
             polygon(*star_ring(rng, X0 + SIZE * 0.2, Y0 + SIZE * 0.3, 1500, 800))]
    bl = blocks(rng, 2000 if quick else 20000)
    rl_one = QgsGeometry.unaryUnion([g.makeValid() for g in rl])
    tess_one = QgsGeometry.unaryUnion([g.makeValid() for g in tess])
    for name, geoms, prefix in (("eco_redline", rl, "RL"), ("farm_tess", tess, "FT"), ("farm_overlap", over, "FO"),
                                ("urban_boundary", urban, "UB"), ("blocks", bl, "B"),
                                ("eco_redline_one", [rl_one], "RL1"), ("farm_tess_one", [tess_one], "FT1")):
        write_layer(path, name, geoms, prefix)
    info = {"seconds": round(time.perf_counter() - t0, 1), "redline_features": len(rl),
            "redline_vertices": sum(g.constGet().nCoordinates() for g in rl), "tess": len(tess), "tess_invalid": tess_bad,
            "overlap": len(over), "overlap_invalid": over_bad, "blocks": len(bl),
            "tess_one_parts": tess_one.constGet().numGeometries(), "tess_one_vertices": tess_one.constGet().nCoordinates(),
            "redline_one_vertices": rl_one.constGet().nCoordinates()}
    with open(path + ".json", "w") as fh:
        json.dump(info, fh)
    return info


# ---- runs -------------------------------------------------------------------------------------------
def block_layer(path, n):
    """The first n blocks, as their own GeoPackage (a subset string on a layer of a GeoPackage that has
    other layers open fails in GDAL 3.6: "unable to open database file")."""
    from qgis.core import QgsFeatureRequest, QgsVectorLayer
    sub = f"{os.path.splitext(path)[0]}_blocks_{n}.gpkg"
    if not os.path.exists(sub):
        src = QgsVectorLayer(f"{path}|layername=blocks", "blocks", "ogr")
        feats = list(src.getFeatures(QgsFeatureRequest().setLimit(n)))
        write_layer(sub, "blocks", [f.geometry() for f in feats], "B")
    return QgsVectorLayer(f"{sub}|layername=blocks", f"blocks_{n}", "ogr")


# CPU seconds of the last run of each kind (process time: what the run itself used, whatever else shares the cores)
CPU = {}


def run_proc(blocks_l, eco, farm, urban):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    t0, c0 = time.perf_counter(), time.process_time()
    res = processing.run("mineplan:redlineoverlap", {"INPUT": blocks_l, "ECO_REDLINE": eco, "BASIC_FARMLAND": farm,
                                                     "URBAN_BOUNDARY": urban, "OUTPUT": "memory:"},
                         context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    dt, CPU["proc"] = time.perf_counter() - t0, time.process_time() - c0
    vals = {f["code"]: (f["eco_area_m2"] or 0.0, f["farm_area_m2"] or 0.0, f["urban_area_m2"] or 0.0)
            for f in res["OUTPUT"].getFeatures()}
    return dt, vals


def run_api(blocks_l, eco, farm, urban):
    """The engine API the pipeline uses: area context, indexes for the demand, measure every block."""
    from qgis.core import QgsCoordinateTransformContext, QgsFeatureRequest

    from mineplan.core.overlap import constraints as C
    from mineplan.core.overlap.engine import prepare_block
    from mineplan.rules import load_ruleset
    rs = load_ruleset()
    t0 = time.perf_counter()
    tctx = QgsCoordinateTransformContext()
    cons = [C.ConstraintInput(cat, cat, lyr, lyr.crs()) for cat, lyr in (("eco", eco), ("farm", farm), ("urban", urban))]
    area_ctx = C.build_area_context(0, blocks_l, cons, None, with_demand=False)
    feats = list(blocks_l.getFeatures(QgsFeatureRequest()))
    to_work = area_ctx.transform_from(blocks_l.crs(), tctx)
    prepared = [(f["code"], prepare_block(f.geometry(), to_work, blocks_l.name(), f["code"])) for f in feats]
    demand = C.demand_from_source(blocks_l, area_ctx, tctx)       # what the pipeline records
    idx = C.build_indexes(cons, area_ctx, rs, 0, tctx, demand=demand)
    vals = {}
    for code, b in prepared:
        row = []
        for ix in idx:
            m = ix.measure(b)
            if m.area > 0:
                ix.contributors_with_fids(b, m)
            row.append(m.area)
        vals[code] = tuple(row)
    return time.perf_counter() - t0, vals, [ix.mode for ix in idx]


def run_native(blocks_l, eco, farm, urban):
    import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsProject
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    ctx.setEllipsoid("EPSG:1024")
    ctx.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    t0, c0 = time.perf_counter(), time.process_time()
    res = processing.run("native:calculatevectoroverlaps", {"INPUT": blocks_l, "LAYERS": [eco, farm, urban],
                                                            "OUTPUT": "memory:"}, context=ctx,
                         feedback=QgsProcessingFeedback())
    dt, CPU["native"] = time.perf_counter() - t0, time.process_time() - c0
    out = res["OUTPUT"]
    cols = [f.name() for f in out.fields() if f.name().endswith("_area")]
    vals = {f["code"]: tuple(f[c] or 0.0 for c in cols) for f in out.getFeatures()}
    return dt, vals


def disagreements(a, b, tol_abs=1.0, tol_rel=1e-4):
    bad = 0
    for k, va in a.items():
        vb = b.get(k)
        if vb is None or len(vb) != len(va) or any(abs(x - y) > max(tol_abs, tol_rel * abs(y)) for x, y in zip(va, vb)):
            bad += 1
    return bad


def dock_timings(eco, farm, urban, blocks_l, n_sel=20):
    """What the feature dock pays: a LazyIndexes per settings, then one selection after another."""
    from qgis.core import QgsCoordinateTransformContext, QgsFeatureRequest

    from mineplan.core.geometry import measure as areas
    from mineplan.core.geometry.measure import geographic_extent, make_area_context
    from mineplan.core.overlap import constraints as C
    from mineplan.core.overlap.engine import prepare_block
    from mineplan.rules import load_ruleset
    rs = load_ruleset()
    tctx = QgsCoordinateTransformContext()
    areas._MAIN_THREAD_CRS.clear()      # a cold first selection: the working CRS is made anew (≈ 45 ms)
    rng = random.Random(5)
    ids = rng.sample(range(1, 2001), n_sel + 1)
    times = []
    t0 = time.perf_counter()
    ext = geographic_extent([(lyr.crs(), lyr.extent()) for lyr in (eco, farm, urban)], tctx)
    area_ctx = make_area_context(0, ext)
    cons = [C.ConstraintInput(cat, cat, lyr, lyr.crs()) for cat, lyr in (("eco", eco), ("farm", farm), ("urban", urban))]
    lazy = C.LazyIndexes(cons, [], area_ctx, rs, 0, tctx)
    to_work = area_ctx.transform_from(blocks_l.crs(), tctx)
    for k, fid in enumerate(ids):
        if k:
            t0 = time.perf_counter()
        f = next(blocks_l.getFeatures(QgsFeatureRequest(fid)))
        b = prepare_block(f.geometry(), to_work)
        for ix in lazy.controls([b]):
            m = ix.measure(b)
            if m.area > 0:
                ix.contributors_with_fids(b, m)
        times.append(time.perf_counter() - t0)
    again = time.perf_counter()
    for ix in lazy.controls([b]):
        ix.measure(b)
    return times[0], statistics.median(times[1:]), max(times[1:]), time.perf_counter() - again


# ---- sweep ------------------------------------------------------------------------------------------
def layers_for(scenario, path, pg=None):
    from qgis.core import QgsVectorLayer

    def gp(name):
        return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if scenario == "tess":
        return gp("eco_redline"), gp("farm_tess"), gp("urban_boundary")
    if scenario == "overlap":
        return gp("eco_redline"), gp("farm_overlap"), gp("urban_boundary")
    if scenario == "dissolved":
        return gp("eco_redline_one"), gp("farm_tess_one"), gp("urban_boundary")
    if scenario == "postgis":
        return tuple(QgsVectorLayer(pg.uri(t), t, "postgres") for t in ("eco_redline", "farm_tess", "urban_boundary"))
    raise ValueError(scenario)


def _job(args, path, sc, n, eco, farm, urban):
    """One row of the sweep: processing, engine API and native, back to back, ``reps`` times interleaved (the
    ratios of each repeat); wall-clock and CPU (process) time — CPU ratios hold when other jobs share the cores."""
    bl = block_layer(path, n)
    native_n = n if sc != "dissolved" else min(n, args.dissolved_native_sample)
    nb = bl if native_n == n else block_layer(path, native_n)
    reps = args.repeat if n < args.large else args.repeat_large
    procs, apis, nats, cpu_o, cpu_n = [], [], [], [], []
    v_nat = {}
    for _ in range(reps):
        t_proc, v_proc = run_proc(bl, eco, farm, urban)
        cpu_o.append(CPU["proc"])
        t_api, v_api, modes = run_api(bl, eco, farm, urban)
        procs.append(t_proc)
        apis.append(t_api)
        if native_n <= args.native_max:
            t_nat, v_nat = run_native(nb, eco, farm, urban)
            nats.append(t_nat * n / native_n)
            cpu_n.append(CPU["native"] * n / native_n)
    med = statistics.median
    t_proc, t_api = med(procs), med(apis)
    est = "" if native_n == n else f" (est. from {native_n})"

    def ratio(num, den):
        return f"{med([a / b for a, b in zip(num, den)]):.1f}×" if num else "—"
    nat = f"{med(nats):.2f}{est}" if nats else "—"
    ncpu = f"{med(cpu_n):.2f}" if cpu_n else "—"
    nat_bad = disagreements(v_nat, v_proc) if v_nat else "—"
    rep = f" ×{reps}" if reps > 1 else ""
    row = (f"| {sc} | {n:,}{rep} | {nat} | {t_proc:.3f} | {ratio(nats, procs)} | {t_api:.3f} | {ratio(nats, apis)} | "
           f"{ncpu} | {med(cpu_o):.3f} | {ratio(cpu_n, cpu_o)} | {'/'.join(m[0] for m in modes)} | "
           f"{disagreements(v_proc, v_api)} / {nat_bad} |")
    return row, {"scenario": sc, "n": n, "native": med(nats) if nats else None, "proc": t_proc, "api": t_api,
                 "modes": modes, "native_estimated_from": native_n, "repeats": reps, "native_all": nats,
                 "proc_all": procs, "api_all": apis, "native_cpu_all": cpu_n, "proc_cpu_all": cpu_o}


def sweep(args, path, say, results):
    from mineplan.core.overlap import constraints as C
    C.DEMAND_BY_DEFAULT = True           # processing runs as it will once the algorithm records the demand
    pg = None
    scenarios = args.scenarios.split(",")
    if "postgis" in scenarios:
        import pg_cluster
        why = pg_cluster.available()
        if why:
            say(f"postgis scenario skipped: {why}")
            scenarios.remove("postgis")
        else:
            pg = pg_cluster.PgCluster().start()
            t0 = time.perf_counter()
            pg.load(path, ["eco_redline", "farm_tess", "urban_boundary"])
            say(f"PostGIS cluster on port {pg.port}, layers loaded with ogr2ogr in {time.perf_counter() - t0:.1f} s")
    sizes = [int(s) for s in args.sizes.split(",")]
    say("")
    say("| scenario | features under review | native s | ours (processing) s | ratio | ours (engine API) s | ratio "
        "| native CPU s | ours CPU s | CPU ratio | loading (eco/farm/urban) "
        "| blocks differing (proc vs api / native vs ours) |")
    say("|---|---|---|---|---|---|---|---|---|---|---|---|")
    try:
        for sc in scenarios:
            eco, farm, urban = layers_for(sc, path, pg)
            assert all(lyr.isValid() for lyr in (eco, farm, urban)), sc
            warm = block_layer(path, 1)
            run_proc(warm, eco, farm, urban)
            run_native(warm, urban, urban, urban)
            for n in sizes:
                row, res = _job(args, path, sc, n, eco, farm, urban)
                say(row)
                results.append(res)
            if sc in ("tess", "postgis"):
                first, median_, worst, again = dock_timings(eco, farm, urban, block_layer(path, 2000))
                say(f"| {sc}: dock | first selection {1000 * first:.0f} ms; later selections median "
                    f"{1000 * median_:.0f} ms, max {1000 * worst:.0f} ms; same selection again {1000 * again:.1f} ms "
                    f"| | | | | | | | | | |")
                results.append({"scenario": sc, "dock_first": first, "dock_median": median_, "dock_max": worst})
    finally:
        if pg is not None:
            pg.stop()


# ---- scale run (own process: peak memory) ---------------------------------------------------------------
def scale_child(args):
    app, provider = setup_qgis()
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from mineplan.core.overlap import constraints as C
    C.DEMAND_BY_DEFAULT = True
    path = os.path.join(DATA_DIR, "scale.gpkg")
    if not os.path.exists(path):
        rng = random.Random(11)
        t0 = time.perf_counter()
        write_layer(path, "eco_redline", redline(rng, args.scale_vertices), "RL")
        farm, _ = farm_tessellation(rng, args.scale_parcels, cell=100.0)
        write_layer(path, "farm", farm, "F")
        del farm
        write_layer(path, "blocks", blocks(rng, args.scale_blocks), "B")
        print(f"scale data generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    lyr = {n: QgsVectorLayer(f"{path}|layername={n}", n, "ogr") for n in ("eco_redline", "farm", "blocks")}
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()

    class Said(QgsProcessingFeedback):
        """Messages and every 5 % of progress on stderr with the time since the start: a run stopped at the
        timeout still shows how far it got and where the time went."""
        step = -1

        def pushInfo(self, text):  # noqa: N802 - QGIS API
            print(f"[{time.perf_counter() - t0:7.1f} s, {_rss_mb():,.0f} MB] {text}", file=sys.stderr, flush=True)

        def log_progress(self, p):
            if int(p // 5) > self.step:
                self.step = int(p // 5)
                self.pushInfo(f"progress {p:.0f} %")
    fb = Said()
    fb.progressChanged.connect(fb.log_progress)
    res = processing.run("mineplan:redlineoverlap", {"INPUT": lyr["blocks"], "ECO_REDLINE": lyr["eco_redline"],
                                                     "BASIC_FARMLAND": lyr["farm"], "OUTPUT": "memory:"},
                         context=QgsProcessingContext(), feedback=fb)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {"seconds": dt, "cpu_seconds": cpu, "load_average": os.getloadavg(), "peak_rss_mb": peak / 1024, "rss_before_mb": rss0 / 1024,
           "features": res["FEATURE_COUNT"], "blocks": lyr["blocks"].featureCount(),
           "parcels": lyr["farm"].featureCount(), "redline_vertices": sum(
               f.geometry().constGet().nCoordinates() for f in lyr["eco_redline"].getFeatures())}
    print(json.dumps(out))
    app.exitQgis()


def _rss_mb() -> float:
    """Resident memory now (MB), from /proc (0 where there is none)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small data, for a smoke run")
    ap.add_argument("--sizes", default="10,40,200,2000,20000")
    ap.add_argument("--scenarios", default="tess,overlap,dissolved,postgis")
    ap.add_argument("--native-max", type=int, default=20000, help="skip native above this many blocks")
    ap.add_argument("--dissolved-native-sample", type=int, default=3,
                    help="native on dissolved layers: seconds per block, measured on this many blocks")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--scale-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--scale-blocks", type=int, default=100000)
    ap.add_argument("--scale-parcels", type=int, default=200000)
    ap.add_argument("--scale-vertices", type=int, default=10000000)
    ap.add_argument("--scale-timeout", type=int, default=1500)
    ap.add_argument("--repeat", type=int, default=3, help="repeats per job (medians are reported)")
    ap.add_argument("--repeat-large", type=int, default=1, help="repeats for jobs of --large features or more")
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--out-dir", default=os.path.join(HERE, "results"), help="where sweep.txt/json are written")
    args = ap.parse_args()
    if args.scale_child:
        return scale_child(args)
    if args.quick:
        args.sizes = "10,40,200"
    app, provider = setup_qgis()
    from qgis.core import Qgis
    lines, results = [], []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)
    os.makedirs(DATA_DIR, exist_ok=True)
    path = os.path.join(DATA_DIR, "sweep_quick.gpkg" if args.quick else "sweep.gpkg")
    info = make_data(path, args.quick)
    say(f"# mineplan:redlineoverlap vs native:calculatevectoroverlaps — QGIS {Qgis.QGIS_VERSION}, "
        f"GEOS {Qgis.geosVersion() if hasattr(Qgis, 'geosVersion') else ''}, {os.cpu_count()} cores")
    say(f"data ({path}): red line {info['redline_features']} features, {info['redline_vertices']:,} vertices; "
        f"tessellated farmland {info['tess']:,} parcels ({info['tess_invalid']:,} bow-ties, duplicates); overlapping "
        f"farmland {info['overlap']:,} parcels ({info['overlap_invalid']:,} bow-ties); dissolved farmland "
        f"{info['tess_one_parts']:,} parts / {info['tess_one_vertices']:,} vertices, dissolved red line "
        f"{info['redline_one_vertices']:,} vertices; {info['blocks']:,} blocks")
    say("ratio = native time / ours, same process, back to back, median of the repeats' ratios (×k: k repeats, "
        "times are medians); loading: d = demand-driven (a request per area), s = one read kept near the features "
        "under review, w = whole layer; CPU = process time of the run (native and ours, processing), the fairer "
        "ratio when other jobs share the cores (PostGIS: the database server's CPU is not counted, for either)")
    say(f"load average (1/5/15 min) at the start: {'/'.join(f'{v:.1f}' for v in os.getloadavg())}")
    sweep(args, path, say, results)
    say(f"load average (1/5/15 min) after the sweep: {'/'.join(f'{v:.1f}' for v in os.getloadavg())}")
    if not args.no_scale and not args.quick:
        say("")
        try:
            cp = subprocess.run([sys.executable, os.path.abspath(__file__), "--scale-child",
                                 f"--scale-blocks={args.scale_blocks}", f"--scale-parcels={args.scale_parcels}",
                                 f"--scale-vertices={args.scale_vertices}"], capture_output=True, text=True,
                                timeout=args.scale_timeout)
        except subprocess.TimeoutExpired:
            cp = subprocess.CompletedProcess([], 1, "", f"stopped after {args.scale_timeout} s (data generation "
                                                       f"included)")
        try:
            s = json.loads(cp.stdout.strip().splitlines()[-1])
            say(f"scale run (mineplan:redlineoverlap, own process): {s['blocks']:,} blocks × red line "
                f"{s['redline_vertices']:,} vertices + {s['parcels']:,} farmland parcels: {s['seconds']:.1f} s "
                f"({s['cpu_seconds']:.1f} s CPU; load average at the end {s['load_average'][0]:.1f}), peak memory {s['peak_rss_mb']:,.0f} MB (process before the run {s['rss_before_mb']:,.0f} MB)")
            results.append({"scale": s})
        except (ValueError, IndexError):
            say(f"scale run failed: {cp.stderr[-2000:]}")
    if not args.quick:
        os.makedirs(args.out_dir, exist_ok=True)
        with open(os.path.join(args.out_dir, "sweep.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        with open(os.path.join(args.out_dir, "sweep.json"), "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    del provider
    app.exitQgis()


if __name__ == "__main__":
    main()
