"""The batch runner's command line: read and check the jobs, run them on the workers, print the summary.

Exit codes: 0 every job ran; 1 some job failed, timed out or its worker died; 2 the batch was refused
before any job ran (nothing written); 130 cancelled (Ctrl-C).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time

from .jobs import BatchError, check_destinations, parse, say
from .pool import Pool

STATUS = {"ok": "完成 ok", "failed": "失败 failed", "timeout": "超时 timeout", "died": "进程退出 died",
          "cancelled": "取消 cancelled", "notrun": "未运行 not run"}


def arguments(argv):
    ap = argparse.ArgumentParser(prog="python3 mineplan/batch", description=say(
        "在多个 QGIS 工作进程中运行一批处理作业", "run a batch of processing jobs on several QGIS worker processes"))
    ap.add_argument("jobs", help=say("作业文件（JSON 或 JSON Lines）", "jobs file (JSON or JSON Lines)"))
    ap.add_argument("--workers", type=int, default=0,
                    help=say("工作进程数（默认：CPU 核数，且不多于作业数）", "worker processes (default: the cores, at most the jobs)"))
    ap.add_argument("--timeout", type=float, default=None, help=say("单个作业的时限（秒）", "time limit of one job (s)"))
    ap.add_argument("--jobs-per-worker", type=int, default=0,
                    help=say("每个工作进程运行多少作业后重启（0：不重启）", "jobs a worker runs before a fresh one replaces it (0: never)"))
    ap.add_argument("--summary", help=say("把结果摘要写入此 JSON 文件", "write the summary to this JSON file"))
    ap.add_argument("--log-dir", help=say("工作进程日志目录（默认临时目录，结束后删除）",
                                          "folder for the workers' logs (default: a temporary one, removed at the end)"))
    ap.add_argument("--quiet", action="store_true", help=say("只输出摘要", "print the summary only"))
    return ap.parse_args(argv)


def worker_env(profile: str) -> dict:
    """The workers' environment: offscreen Qt and, unless one is set, a profile of their own (the user's
    QGIS settings and plugins are neither read nor changed)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QGIS_CUSTOM_CONFIG_PATH", profile)
    env.setdefault("XDG_RUNTIME_DIR", profile)
    return env


def _stop(signum, frame):
    raise KeyboardInterrupt      # SIGTERM / SIGHUP (timeout, a CI cancel, a closed terminal): stop as for Ctrl-C


def main(argv=None) -> int:
    args = arguments(argv if argv is not None else sys.argv[1:])
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    scratch = tempfile.mkdtemp(prefix="mineplan-batch-")
    os.chmod(scratch, 0o700)
    try:
        log_dir = args.log_dir or os.path.join(scratch, "logs")
        try:
            os.makedirs(log_dir, exist_ok=True)
        except OSError as exc:
            raise BatchError(say(f"无法创建日志目录 {log_dir}：{exc}", f"cannot make the log folder {log_dir}: {exc}")) from None
        if args.summary:
            try:
                with open(args.summary, "a", encoding="utf-8"):
                    pass              # writable now, so a finished batch does not lose its summary
            except OSError as exc:
                raise BatchError(say(f"无法写入摘要文件 {args.summary}：{exc}",
                                     f"cannot write the summary file {args.summary}: {exc}")) from None
        return _main(args, scratch, log_dir)
    except BatchError as exc:
        print(say("批处理未运行：", "batch not run: ") + str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:          # Ctrl-C while the jobs were being checked: nothing ran
        print(say("已取消，未运行任何作业", "cancelled: no job was run"), file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _main(args, scratch: str, log_dir: str) -> int:
    try:
        with open(args.jobs, encoding="utf-8-sig") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise BatchError(say(f"作业文件 {args.jobs} 不是 UTF-8 编码（请另存为 UTF-8）",
                             f"the jobs file {args.jobs} is not UTF-8 (save it as UTF-8)")) from None
    except OSError as exc:
        raise BatchError(say(f"无法读取作业文件 {args.jobs}：{exc}", f"cannot read the jobs file {args.jobs}: {exc}")) from None
    jobs = parse(text, args.jobs)
    workers = min(args.workers if args.workers > 0 else (os.cpu_count() or 1), len(jobs))
    env = worker_env(os.path.join(scratch, "profile"))
    pool = Pool(workers, log_dir, env, timeout=args.timeout, jobs_per_worker=args.jobs_per_worker)
    t0 = time.perf_counter()
    try:
        outcomes = _checked_run(args, jobs, pool)
    finally:
        pool.close()
    wall = time.perf_counter() - t0
    _print_summary(jobs, outcomes, wall, workers)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as fh:
            json.dump({"workers": workers, "seconds": round(wall, 3), "jobs": [
                {"n": j.n, "name": j.name, "algorithm": j.algorithm, **{k: getattr(outcomes[j.n], k) for k in
                                                                        ("status", "seconds", "results", "error", "log")}}
                for j in jobs]}, fh, ensure_ascii=False, indent=1)
    statuses = {o.status for o in outcomes.values()}
    if "cancelled" in statuses:
        return 130
    return 0 if statuses == {"ok"} else 1


def _checked_run(args, jobs, pool) -> dict:
    """Check every job on the first worker ready, refuse the batch on any problem, else run it."""
    checks = {c["n"]: c for c in pool.check(jobs)}
    errors = [f"  {j.n} ({j.name}): {checks[j.n]['error']}" for j in jobs if checks.get(j.n, {}).get("error")]
    if errors:
        raise BatchError(say("以下作业无法运行，未运行任何作业", "these jobs cannot run; none was run") + "\n" +
                         "\n".join(errors))
    for j in jobs:
        j.destinations = checks[j.n]["destinations"]
        j.output_keys = checks[j.n].get("outputs", [])
    check_destinations(jobs)

    def progress(o, finished, total):
        if not args.quiet:
            job = jobs[o.n - 1]
            print(f"[{finished}/{total}] {job.name}: {STATUS[o.status]} {o.seconds:.2f} s (worker {o.worker})",
                  file=sys.stderr, flush=True)
    return pool.run(jobs, progress)


def _print_summary(jobs, outcomes, wall: float, workers: int):
    ok = sum(o.status == "ok" for o in outcomes.values())
    print(f"{ok}/{len(jobs)} 个作业完成 jobs ok — {workers} 个工作进程 worker(s), {wall:.1f} s")
    for j in jobs:
        o = outcomes[j.n]
        line = f"{j.n}\t{j.name}\t{j.algorithm}\t{STATUS[o.status]}\t{o.seconds:.2f} s"
        if o.status == "ok":
            shown = {k: v for k, v in o.results.items() if not isinstance(v, (dict, list))}
            line += "\t" + " ".join(f"{k}={v}" for k, v in sorted(shown.items()))
        else:
            line += "\t" + " — ".join(x.strip() for x in o.error.splitlines() if x.strip())[:400]
        print(line)
