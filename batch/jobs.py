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
    output_keys: list = field(default_factory=list)     # its destination parameters' names


def parse(text: str, source: str = "jobs") -> list[Job]:
    """Jobs of a jobs file's text; BatchError naming the job and what is wrong with it."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise BatchError(say(f"作业文件 {source} 为空", f"jobs file {source} is empty"))
    try:
        data = _loads(stripped)
    except json.JSONDecodeError as whole:
        lines = stripped.splitlines()
        try:
            first = _loads(lines[0])
        except json.JSONDecodeError:
            first = None
        if not isinstance(first, dict):          # not JSON Lines: the whole file's error, where it is
            raise _not_json(source, whole.lineno, whole.msg) from None
        data = []
        for k, line in enumerate(lines, 1):
            if line.strip():
                try:
                    data.append(_loads(line))
                except json.JSONDecodeError as exc:
                    raise _not_json(source, k, exc.msg) from None
    if isinstance(data, dict) and "jobs" in data:
        extra = sorted(set(data) - {"jobs"})
        if extra:
            raise BatchError(say(f"作业文件 {source} 有未知的键：{', '.join(extra)}",
                                 f"jobs file {source} has unknown keys: {', '.join(extra)}"))
        data = data["jobs"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise BatchError(say(f"作业文件 {source} 中没有作业（应为作业列表）",
                             f"jobs file {source} holds no jobs (a list of jobs is expected)"))
    return [_job(k, raw) for k, raw in enumerate(data, 1)]


def _loads(text: str):
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _not_json(source, line, msg) -> BatchError:
    return BatchError(say(f"作业文件 {source} 不是 JSON（第 {line} 行：{msg}）", f"jobs file {source} is not JSON (line {line}: {msg})"))


def _encodable(value) -> bool:
    """Every text in ``value`` can be written as UTF-8 (JSON allows lone surrogates such as \\ud800)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


def _job(n: int, raw) -> Job:
    where_zh, where_en = f"第 {n} 个作业", f"job {n}"
    if not isinstance(raw, dict):
        raise BatchError(say(f"{where_zh}不是对象", f"{where_en} is not an object"))
    alg = raw.get("algorithm", raw.get("id"))
    if not isinstance(alg, str) or not alg.strip():
        raise BatchError(say(f"{where_zh}缺少算法标识（如 mineplan:compliancereview）",
                             f"{where_en} has no algorithm id (such as mineplan:compliancereview)"))
    if ":" not in alg:
        raise BatchError(say(f"{where_zh}的算法标识 {alg} 缺少提供者前缀（如 mineplan:{alg}）",
                             f"{where_en}: algorithm id {alg} lacks its provider (such as mineplan:{alg})"))
    inputs = raw.get("inputs", raw.get("parameters", {}))
    if not isinstance(inputs, dict) or not all(isinstance(k, str) for k in inputs):
        raise BatchError(say(f"{where_zh}的 inputs 应为“参数名: 值”对象", f"{where_en}: inputs must map parameter names to values"))
    if not _encodable(raw):
        raise BatchError(say(f"{where_zh}含有无法编码的字符（如 \\ud800）", f"{where_en} holds text that cannot be encoded (such as \\ud800)"))
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
    # the file itself: symlinks and doubled slashes resolved (QGIS expands no ~, and neither does this)
    return os.path.normcase(os.path.realpath(v)) if v else None


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
                if path is None or path not in writers:
                    continue
                if path in outs and key in job.output_keys:
                    continue          # the output parameter itself
                if writers[path] == job.n:
                    raise BatchError(say(f"第 {job.n} 个作业的参数 {key} 读取它自己要写入（覆盖）的文件 {path}",
                                         f"job {job.n} reads {path} ({key}) and writes (overwrites) it"))
                raise BatchError(say(f"第 {job.n} 个作业的参数 {key} 读取第 {writers[path]} 个作业要写入的文件 {path}",
                                     f"job {job.n} reads {path} ({key}), which job {writers[path]} writes"))
