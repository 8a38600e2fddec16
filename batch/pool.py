"""Worker processes for a batch: start them, hand out jobs, collect answers, stop them (pure Python).

A worker that dies or passes the time limit costs its job only: it is killed, its job reported failed (the
files that job created removed — a half-written output is worse than none), and a new worker takes the
rest. Ctrl-C (or ``cancel()``) stops every worker the same way; the jobs not finished are reported
cancelled. Memory is bounded by the number of workers: each is one QGIS with one job at a time.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from .jobs import BatchError, Job, say

# files a GDAL writer makes beside its output: removed with it when the job did not finish (if the job made them)
COMPANIONS = {".shp": (".shx", ".dbf", ".prj", ".cpg", ".qix", ".qmd", ".sbn", ".sbx"),
              ".gpkg": ("-journal", "-wal", "-shm"), ".sqlite": ("-journal", "-wal", "-shm")}
WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
START_TIMEOUT = 120.0          # seconds for a worker's QGIS to start
MAX_RESTARTS = 8               # workers started anew after a death or a timeout, before the batch gives up


@dataclass
class Outcome:
    n: int
    status: str                 # ok / failed / timeout / died / cancelled / notrun
    seconds: float = 0.0
    results: dict = field(default_factory=dict)
    error: str = ""
    log: list = field(default_factory=list)
    worker: int = -1


def _with_companions(path: str) -> list:
    stem, ext = os.path.splitext(path)
    more = COMPANIONS.get(ext.lower(), ())
    return [path] + [stem + m if m.startswith(".") else path + m for m in more]


class _Worker:
    def __init__(self, wid: int, cmd: list, env: dict, answers: queue.Queue, log_dir: str):
        self.wid = wid
        self.err = open(os.path.join(log_dir, f"worker-{wid}.log"), "ab")
        # a session of its own: Ctrl-C reaches the runner only, which stops the workers (and what they started)
        group = {"start_new_session": True} if os.name == "posix" else \
            {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err, env=env,
                                     **group)
        self.job: Job | None = None
        self.started = 0.0
        self.ready = False
        self.jobs_done = 0
        threading.Thread(target=self._read, args=(answers,), daemon=True).start()

    def _read(self, answers):
        try:
            for line in self.proc.stdout:
                try:
                    answers.put((self.wid, json.loads(line)))
                except ValueError:
                    continue
        finally:
            self.proc.stdout.close()
            answers.put((self.wid, None))          # end of output: the process is gone

    def send(self, msg: dict):
        self.proc.stdin.write((json.dumps(msg, ensure_ascii=False) + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def _kill(self):
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.kill()
        except OSError:
            pass          # gone already

    def stop(self, kill: bool = False):
        if self.proc.poll() is None:
            if kill:
                self._kill()
            else:
                try:
                    self.send({"cmd": "quit"})
                    self.proc.stdin.close()
                except (OSError, ValueError):
                    pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._kill()
                self.proc.wait()
        try:
            self.proc.stdin.close()
        except OSError:
            pass          # the pipe broke with the process
        self.err.close()


class Pool:
    """``workers`` processes running ``cmd`` (default: batch/worker.py with this Python)."""

    def __init__(self, workers: int, log_dir: str, env: dict | None = None, cmd: list | None = None,
                 timeout: float | None = None, jobs_per_worker: int = 0):
        self.size = max(1, workers)
        self.log_dir = log_dir
        self.env = dict(os.environ if env is None else env)
        self.cmd = cmd or [sys.executable, WORKER]
        self.timeout = timeout
        self.jobs_per_worker = jobs_per_worker
        self.answers: queue.Queue = queue.Queue()
        self.workers: dict[int, _Worker] = {}
        self.next_id = 0
        self.restarts = 0
        self._cancel = threading.Event()
        self.gave_up = ""             # why the remaining jobs were not run (workers that cannot start or keep dying)

    def cancel(self):
        self._cancel.set()

    def _spawn(self) -> _Worker:
        w = _Worker(self.next_id, self.cmd, self.env, self.answers, self.log_dir)
        w.started = time.monotonic()
        self.workers[w.wid] = w
        self.next_id += 1
        return w

    def _log_tail(self, w: _Worker) -> str:
        try:
            with open(os.path.join(self.log_dir, f"worker-{w.wid}.log"), "rb") as fh:
                return fh.read()[-1500:].decode("utf-8", "replace")
        except OSError:
            return ""

    def check(self, jobs: list[Job]) -> list[dict]:
        """The jobs checked (algorithm, parameters, destination files) before any runs, by the first worker
        ready; every worker is started now, so their start-up overlaps the check, and they stay for run()."""
        for _ in range(min(self.size, len(jobs))):
            self._spawn()
        deadline = time.monotonic() + START_TIMEOUT
        checker = None
        while time.monotonic() < deadline:
            try:
                wid, msg = self.answers.get(timeout=0.2)
            except queue.Empty:
                continue
            w = self.workers.get(wid)
            if w is None:
                continue
            if msg is None or "fatal" in msg:
                detail = (msg or {}).get("fatal") or self._log_tail(w)
                self.close()
                raise BatchError(say("工作进程无法启动 QGIS", "a worker could not start QGIS") + "\n" + detail)
            if "ready" in msg:
                w.ready = True
                if checker is None:
                    checker = w
                    w.send({"cmd": "check", "jobs": [{"n": j.n, "algorithm": j.algorithm, "inputs": j.inputs}
                                                     for j in jobs]})
            elif "checks" in msg and w is checker:
                return msg["checks"]
        self.close()
        raise BatchError(say(f"工作进程 {START_TIMEOUT:.0f} 秒内未完成启动和检查",
                             f"no worker started and checked the jobs in {START_TIMEOUT:.0f} s"))

    def close(self):
        for w in list(self.workers.values()):
            w.stop(kill=w.job is not None)
        self.workers.clear()

    def run(self, jobs: list[Job], on_done=None) -> dict[int, Outcome]:
        """Run every job; returns n → Outcome. ``on_done(outcome, finished, total)`` as each ends."""
        pending = list(jobs)
        done: dict[int, Outcome] = {}
        created: dict[int, list] = {}

        def finish(o: Outcome):
            done[o.n] = o
            if on_done is not None:
                on_done(o, len(done), len(jobs))

        def discard(job: Job):
            """Remove the files this job created (a half-written output is worse than none)."""
            for p in created.get(job.n, []):
                if os.path.isfile(p):
                    os.remove(p)

        def dispatch(w: _Worker):
            if not pending or self._cancel.is_set():
                return
            job = pending.pop(0)
            created[job.n] = [p for d in job.destinations for p in _with_companions(d) if not os.path.exists(p)]
            w.job, w.started = job, time.monotonic()
            w.send({"cmd": "run", "n": job.n, "algorithm": job.algorithm, "inputs": job.inputs})

        def lost(w: _Worker, status: str, why: str):
            job = w.job
            w.stop(kill=True)
            del self.workers[w.wid]
            if job is not None:
                discard(job)
                finish(Outcome(job.n, status, round(time.monotonic() - w.started, 3), error=why, worker=w.wid))
            if pending and not self._cancel.is_set():
                if self.restarts >= MAX_RESTARTS:
                    give_up(say(f"工作进程已重启 {MAX_RESTARTS} 次，其余作业未运行",
                                f"workers restarted {MAX_RESTARTS} times: the remaining jobs were not run"))
                    return
                self.restarts += 1
                self._spawn()

        def give_up(why: str):
            self.gave_up = why
            self._cancel.set()

        while len(self.workers) < min(self.size, len(jobs)):
            self._spawn()
        for w in list(self.workers.values()):
            if w.ready and w.job is None:
                dispatch(w)
        try:
            while len(done) < len(jobs):
                if self._cancel.is_set():
                    break
                try:
                    wid, msg = self.answers.get(timeout=0.2)
                except queue.Empty:
                    wid, msg = None, None
                now = time.monotonic()
                for w in list(self.workers.values()):
                    if not w.ready and now - w.started > START_TIMEOUT:
                        lost(w, "died", say("工作进程未能启动", "the worker did not start"))
                    elif w.job is not None and self.timeout and now - w.started > self.timeout:
                        lost(w, "timeout", say(f"超过时限 {self.timeout:g} 秒，已终止", f"stopped after the time limit of {self.timeout:g} s"))
                if wid is None or wid not in self.workers:
                    if not self.workers and pending:
                        self._spawn()
                    continue
                w = self.workers[wid]
                if msg is None:
                    code = w.proc.wait()
                    lost(w, "died", say(f"工作进程意外退出（代码 {code}）", f"the worker exited (code {code})") +
                         "\n" + self._log_tail(w))
                elif "ready" in msg:
                    w.ready = True
                    dispatch(w)
                elif "fatal" in msg:
                    give_up(say("工作进程无法启动 QGIS，其余作业未运行", "a worker could not start QGIS: the remaining "
                                "jobs were not run") + "\n" + msg["fatal"])
                elif "n" in msg and w.job is not None and msg["n"] == w.job.n:
                    job, w.job = w.job, None
                    ok = bool(msg.get("ok"))
                    if not ok:
                        discard(job)
                    finish(Outcome(job.n, "ok" if ok else "failed", msg.get("seconds", 0.0), msg.get("results") or {},
                                   msg.get("error", ""), msg.get("log", []), wid))
                    w.jobs_done += 1
                    if self.jobs_per_worker and w.jobs_done >= self.jobs_per_worker and pending:
                        w.stop()                       # a fresh QGIS: memory bounded on long batches
                        del self.workers[wid]
                        self._spawn()
                    else:
                        dispatch(w)
        except KeyboardInterrupt:
            self._cancel.set()
        finally:
            for w in list(self.workers.values()):
                job = w.job
                w.stop(kill=job is not None)
                if job is not None:
                    discard(job)
            self.workers.clear()
        for job in jobs:
            if job.n not in done:
                done[job.n] = Outcome(job.n, "notrun", error=self.gave_up) if self.gave_up else \
                    Outcome(job.n, "cancelled", error=say("已取消，未完成", "cancelled before it finished"))
        return done
