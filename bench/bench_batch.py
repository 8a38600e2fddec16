"""Benchmark: a consultant's batch — the same check on many job files — three ways, same jobs, same machine:

  qgis_process  one `qgis_process.bin run` per job, one after another (QGIS starts for every job)
  batch ×1      python3 batch jobs.json --workers 1 (one QGIS, job after job)
  batch ×N      python3 batch jobs.json --workers N (N = the cores)

    /usr/bin/python3 bench/bench_batch.py [--jobs 16] [--size 200]

Jobs: mineplan:redlineoverlap of `size` blocks against the sweep's tessellated farmland, red line and urban
boundary (bench/bench_overlap.py makes the data). Outputs of the three ways are compared value by value.
Results: bench/results/batch.txt.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, ".build", "bench")
QP = "/usr/bin/qgis_process.bin"


def env():
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=os.path.join(ROOT, ".build", "profile"),
             QGIS_PLUGINPATH=os.path.join(ROOT, ".build", "plugins"), XDG_RUNTIME_DIR=os.path.join(ROOT, ".build", "xdg"))
    return e


def jobs_for(n_jobs, size, out_dir):
    sweep = os.path.join(DATA, "sweep.gpkg")
    blocks = os.path.join(DATA, f"sweep_blocks_{size}.gpkg")
    for p in (sweep, blocks):
        if not os.path.exists(p):
            sys.exit(f"{p} missing: run bench/bench_overlap.py --sizes {size} --scenarios tess --no-scale first")
    return [{"name": f"job{k:02d}", "algorithm": "mineplan:redlineoverlap", "inputs": {
        "INPUT": f"{blocks}|layername=blocks", "ECO_REDLINE": f"{sweep}|layername=eco_redline",
        "BASIC_FARMLAND": f"{sweep}|layername=farm_tess", "URBAN_BOUNDARY": f"{sweep}|layername=urban_boundary",
        "OUTPUT": os.path.join(out_dir, f"job{k:02d}.gpkg")}} for k in range(n_jobs)]


def values(path):
    import sqlite3
    con = sqlite3.connect(path)
    try:
        table = con.execute("select table_name from gpkg_contents").fetchone()[0]
        cols = [r[1] for r in con.execute(f'pragma table_info("{table}")') if r[1] not in ("fid", "geom")]
        return sorted(con.execute(f'select {",".join(chr(34) + c + chr(34) for c in cols)} from "{table}"').fetchall(),
                      key=repr)
    finally:
        con.close()


def run_qgis_process(jobs):
    t0 = time.perf_counter()
    for job in jobs:
        args = [QP, "run", job["algorithm"], "--"] + [f"{k}={v}" for k, v in job["inputs"].items()]
        cp = subprocess.run(args, capture_output=True, text=True, env=env())
        if cp.returncode:
            sys.exit(cp.stderr[-2000:])
    return time.perf_counter() - t0


def run_batch(jobs, workers, tmp):
    path = os.path.join(tmp, f"jobs-{workers}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(jobs, fh, ensure_ascii=False)
    t0 = time.perf_counter()
    cp = subprocess.run([sys.executable, os.path.join(ROOT, "batch"), path, "--workers", str(workers), "--quiet"],
                        capture_output=True, text=True, env=env())
    if cp.returncode:
        sys.exit(cp.stdout[-2000:] + cp.stderr[-2000:])
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=16)
    ap.add_argument("--size", type=int, default=200)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "batch.txt"))
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    tmp = tempfile.mkdtemp(prefix="mineplan-bench-batch-")
    ways = [("qgis_process, one per job", None), ("batch, 1 worker", 1), (f"batch, {cores} workers", cores)]
    rows, outputs = [], []
    load0 = os.getloadavg()
    for label, workers in ways:
        out_dir = os.path.join(tmp, label.split(",")[0] + str(workers))
        os.makedirs(out_dir)
        jobs = jobs_for(args.jobs, args.size, out_dir)
        secs = run_qgis_process(jobs) if workers is None else run_batch(jobs, workers, tmp)
        rows.append((label, secs))
        outputs.append([values(j["inputs"]["OUTPUT"]) for j in jobs])
        print(f"{label}: {secs:.1f} s", flush=True)
    same = all(o == outputs[0] for o in outputs[1:])
    base = rows[0][1]
    lines = [f"# batch of {args.jobs} × mineplan:redlineoverlap ({args.size} blocks, tessellated farmland, red line, "
             f"urban boundary) — {cores} cores, load average at the start {load0[0]:.1f}",
             "| way | wall s | per job s | speed-up vs qgis_process |", "|---|---|---|---|"]
    lines += [f"| {label} | {secs:.1f} | {secs / args.jobs:.2f} | {base / secs:.1f}× |" for label, secs in rows]
    lines.append(f"outputs of the three ways: {'identical' if same else 'DIFFERENT'} ({args.jobs} files each)")
    text = "\n".join(lines)
    print(text)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
