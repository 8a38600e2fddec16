"""Dump what mineplan:redlineoverlap writes for the sweep's data, to compare two versions of the plugin
value by value (the output table as users get it: rounded areas, shares, ids in their order, verdicts).

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/dump_outputs.py OUT.json [--plugins DIR]
        [--scenarios tess,overlap,dissolved] [--sizes 40,200,2000]
    python3 bench/dump_outputs.py --compare A.json B.json

``--plugins DIR``: a folder holding another version as ``DIR/mineplan`` (e.g. ``git archive <commit>``
unpacked there); default: this checkout.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def dump(args):
    sys.path.insert(0, HERE)
    import bench_overlap as B
    if args.plugins:
        sys.path.insert(0, args.plugins)
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    if not args.plugins:
        plugins = os.path.join(B.ROOT, ".build", "plugins")
        sys.path.insert(0, plugins)
    from processing.core.Processing import Processing
    Processing.initialize()
    import mineplan
    from mineplan.processing_provider.provider import MinePlanProvider
    print("plugin:", os.path.dirname(mineplan.__file__), file=sys.stderr)
    provider = MinePlanProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    path = os.path.join(B.DATA_DIR, "sweep.gpkg")
    out = {}
    for sc in args.scenarios.split(","):
        eco, farm, urban = B.layers_for(sc, path)
        for n in [int(s) for s in args.sizes.split(",")]:
            bl = B.block_layer(path, n)
            res = processing.run("mineplan:redlineoverlap", {"INPUT": bl, "ECO_REDLINE": eco, "BASIC_FARMLAND": farm,
                                                             "URBAN_BOUNDARY": urban, "OUTPUT": "memory:"},
                                 context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
            lyr = res["OUTPUT"]
            names = [f.name() for f in lyr.fields()]
            rows = {}
            for f in lyr.getFeatures():
                rows[str(f["code"])] = [None if v is None or str(v) == "NULL" else v for v in f.attributes()]
            out[f"{sc}/{n}"] = {"fields": names, "rows": rows,
                                "counts": {k: res[k] for k in ("FEATURE_COUNT", "CONFLICT_COUNT", "ARGUE_COUNT",
                                                               "NO_GEOMETRY_COUNT", "INVALID_REPAIRED",
                                                               "INVALID_SKIPPED")}}
            print(f"{sc}/{n}: {len(rows)} rows", file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, default=str)
    # layers and the provider go before QGIS does (deleting a registered provider crashed at exit)
    del lyr, res, bl, eco, farm, urban
    QgsApplication.processingRegistry().removeProvider(provider)
    app.exitQgis()


def compare(a_path, b_path) -> int:
    with open(a_path, encoding="utf-8") as fh:
        a = json.load(fh)
    with open(b_path, encoding="utf-8") as fh:
        b = json.load(fh)
    bad = 0
    for key in a:
        if key not in b:
            print(f"{key}: missing in {b_path}")
            bad += 1
            continue
        fa, fb = a[key]["fields"], b[key]["fields"]
        if fa != fb:
            print(f"{key}: fields differ")
            bad += 1
            continue
        diff_rows = 0
        for code, ra in a[key]["rows"].items():
            rb = b[key]["rows"].get(code)
            if ra != rb:
                diff_rows += 1
                if diff_rows <= 5:
                    cols = [(fa[i], ra[i], rb[i] if rb else None) for i in range(len(fa)) if rb is None or ra[i] != rb[i]]
                    print(f"  {key} {code}: {cols}")
        counts = "" if a[key]["counts"] == b[key]["counts"] else f"; counts {a[key]['counts']} vs {b[key]['counts']}"
        print(f"{key}: {len(a[key]['rows'])} rows, {diff_rows} differ{counts}")
        bad += diff_rows
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?")
    ap.add_argument("--plugins")
    ap.add_argument("--scenarios", default="tess,overlap,dissolved")
    ap.add_argument("--sizes", default="40,200,2000")
    ap.add_argument("--compare", nargs=2)
    args = ap.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    dump(args)


if __name__ == "__main__":
    main()
