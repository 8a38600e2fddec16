"""The jobs file of a batch run, read and checked before anything runs (pure Python).

A jobs file is JSON: a list of jobs, or ``{"jobs": [...]}``, or one job per line (JSON Lines). A job is
``{"algorithm": "mineplan:compliancereview", "inputs": {...}, "name": "SQ2025-16"}`` — ``inputs`` as in
``qgis_process run ALG -`` (``parameters`` is accepted too); ``name`` is optional (default: its number).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

TEMPORARY = {"TEMPORARY_OUTPUT", "memory:", ""}


class BatchError(Exception):
    """A batch that cannot start: the message is bilingual (中文 / English)."""


def say(zh: str, en: str) -> str:
    return f"{zh} / {en}"


@dataclass
class Job:
    n: int                      # position in the jobs file (from 1): the order of the summary
    algorithm: str
    inputs: dict
    name: str
    destinations: list = field(default_factory=list)    # output files, made absolute (from the workers' check)


def parse(text: str, source: str = "jobs") -> list[Job]:
    """Jobs of a jobs file's text; BatchError naming the job and what is wrong with it."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise BatchError(say(f"作业文件 {source} 为空", f"jobs file {source} is empty"))
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        data = None
        try:
            data = [json.loads(line) for line in stripped.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise BatchError(say(f"作业文件 {source} 不是 JSON（第 {exc.lineno} 行：{exc.msg}）",
                                 f"jobs file {source} is not JSON (line {exc.lineno}: {exc.msg})")) from None
    if isinstance(data, dict) and "jobs" in data:
        data = data["jobs"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise BatchError(say(f"作业文件 {source} 中没有作业（应为作业列表）",
                             f"jobs file {source} holds no jobs (a list of jobs is expected)"))
    return [_job(k, raw) for k, raw in enumerate(data, 1)]


def _job(n: int, raw) -> Job:
    where_zh, where_en = f"第 {n} 个作业", f"job {n}"
    if not isinstance(raw, dict):
        raise BatchError(say(f"{where_zh}不是对象", f"{where_en} is not an object"))
    alg = raw.get("algorithm", raw.get("id"))
    if not isinstance(alg, str) or ":" not in alg:
        raise BatchError(say(f"{where_zh}缺少算法标识（如 mineplan:compliancereview）",
                             f"{where_en} has no algorithm id (such as mineplan:compliancereview)"))
    inputs = raw.get("inputs", raw.get("parameters", {}))
    if not isinstance(inputs, dict) or not all(isinstance(k, str) for k in inputs):
        raise BatchError(say(f"{where_zh}的 inputs 应为“参数名: 值”对象", f"{where_en}: inputs must map parameter names to values"))
    name = raw.get("name")
    name = str(name) if name not in (None, "") else str(n)
    unknown = sorted(set(raw) - {"algorithm", "id", "inputs", "parameters", "name"})
    if unknown:
        raise BatchError(say(f"{where_zh}有未知的键：{', '.join(unknown)}", f"{where_en} has unknown keys: {', '.join(unknown)}"))
    return Job(n, alg.strip(), dict(inputs), name)


def file_of(value) -> str | None:
    """The file a parameter value names (absolute, without ``|layername=…`` or an ``ogr:`` prefix), or None."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if v in TEMPORARY or v.startswith(("memory:", "postgres:", "postgis:")):
        return None
    if v.startswith("ogr:"):
        v = v[4:]
        if v.startswith("dbname="):
            v = v[len("dbname="):].split(" table=")[0].strip("'\"")
    v = v.split("|", 1)[0]
    return os.path.normcase(os.path.abspath(os.path.expanduser(v))) if v else None


def check_destinations(jobs: list[Job]) -> None:
    """Refuse a batch in which two jobs write one file, or a job writes a file another job reads: run side
    by side, one would overwrite the other's output or input. ``Job.destinations`` come from the workers'
    check (the algorithms' own destination parameters)."""
    writers: dict = {}
    for job in jobs:
        for path in job.destinations:
            if path in writers and writers[path] != job.n:
                raise BatchError(say(f"第 {writers[path]} 个作业与第 {job.n} 个作业写入同一文件 {path}",
                                     f"jobs {writers[path]} and {job.n} both write {path}"))
            writers[path] = job.n
    for job in jobs:
        outs = set(job.destinations)
        for key, value in job.inputs.items():
            for v in value if isinstance(value, list) else [value]:
                path = file_of(v)
                if path is None or path in outs or path not in writers:
                    continue
                raise BatchError(say(f"第 {job.n} 个作业的参数 {key} 读取第 {writers[path]} 个作业要写入的文件 {path}",
                                     f"job {job.n} reads {path} ({key}), which job {writers[path]} writes"))
