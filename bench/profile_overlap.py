"""Profile one sweep job (mineplan:redlineoverlap through processing, as the sweep times it).

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/profile_overlap.py tess 40 [--repeat 5] [--prof cprofile|pyinstrument|none]
        [--api] [--native]

Uses the sweep's data (bench_overlap.make_data). Prints the median wall time of the repeats, and a profile
of the last repeat (cProfile sorted by cumulative/own time, or pyinstrument's tree).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_overlap as B  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("n", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--prof", default="cprofile")
    ap.add_argument("--api", action="store_true")
    ap.add_argument("--native", action="store_true", help="also time native, interleaved")
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--lines", default="", help="line_profiler: comma-separated module:function (e.g. "
                    "core.overlap.engine:read_items,core.overlap.engine:ConstraintIndex.measure)")
    args = ap.parse_args()
    app, provider = B.setup_qgis()
    path = os.path.join(B.DATA_DIR, "sweep.gpkg")
    B.make_data(path)
    pg = None
    if args.scenario == "postgis":
        import pg_cluster
        pg = pg_cluster.PgCluster().start()
        pg.load(path, ["eco_redline", "farm_tess", "urban_boundary"])
    try:
        eco, farm, urban = B.layers_for(args.scenario, path, pg)
        bl = B.block_layer(path, args.n)
        warm = B.block_layer(path, 1)
        B.run_proc(warm, eco, farm, urban)
        B.run_native(warm, urban, urban, urban)
        run = (lambda: B.run_api(bl, eco, farm, urban)[0]) if args.api else \
            (lambda: B.run_proc(bl, eco, farm, urban)[0])
        ours, native = [], []
        for _ in range(args.repeat):
            ours.append(run())
            if args.native:
                native.append(B.run_native(bl, eco, farm, urban)[0])
        msg = f"{args.scenario} {args.n}: ours median {statistics.median(ours):.3f} s {[round(t, 3) for t in ours]}"
        if native:
            ratios = [a / b for a, b in zip(native, ours)]
            msg += (f"; native median {statistics.median(native):.3f} s; ratio median "
                    f"{statistics.median(ratios):.2f}× {[round(r, 2) for r in ratios]}")
        print(msg, flush=True)
        if args.prof == "cprofile":
            import cProfile
            import pstats
            pr = cProfile.Profile()
            pr.enable()
            t0 = time.perf_counter()
            run()
            dt = time.perf_counter() - t0
            pr.disable()
            print(f"profiled run {dt:.3f} s")
            st = pstats.Stats(pr)
            st.sort_stats("cumulative").print_stats(args.top)
            st.sort_stats("tottime").print_stats(args.top)
        elif args.prof == "lines":
            import importlib

            from line_profiler import LineProfiler
            lp = LineProfiler()
            for spec in args.lines.split(","):
                mod, _, name = spec.partition(":")
                obj = importlib.import_module("mineplan." + mod)
                for part in name.split("."):
                    obj = getattr(obj, part)
                lp.add_function(getattr(obj, "__func__", obj))
            lp.enable_by_count()
            run()
            lp.disable_by_count()
            lp.print_stats(stripzeros=True)
        elif args.prof == "pyinstrument":
            from pyinstrument import Profiler
            p = Profiler(interval=0.0005)
            p.start()
            run()
            p.stop()
            print(p.output_text(unicode=True, color=False, show_all=False))
    finally:
        if pg is not None:
            pg.stop()
    del provider
    app.exitQgis()


if __name__ == "__main__":
    main()
