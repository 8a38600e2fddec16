"""A batch worker: one QGIS that runs the jobs its runner sends, one after another (started as a script).

Protocol (one JSON object per line): the runner writes ``{"cmd": "check", "jobs": [...]}``,
``{"cmd": "run", "n": …, "algorithm": …, "inputs": {…}}`` or ``{"cmd": "quit"}`` on stdin; the worker
answers on the stdout it was given — everything else QGIS, GDAL or an algorithm prints goes to stderr, so
the answers cannot be mixed with stray output.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
LOG_LINES = 200          # messages of a job kept for the summary (the rest is counted)


def _answer_channel():
    """The stdout given by the runner, kept for answers; fd 1 and sys.stdout then go to stderr."""
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def _start_qgis():
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    sys.path.insert(0, HERE)
    import bootstrap
    sys.path.remove(HERE)
    bootstrap.register(os.path.dirname(HERE), execute=True)
    from processing.core.Processing import Processing
    Processing.initialize()
    from mineplan.processing_provider.provider import MinePlanProvider
    provider = MinePlanProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def _check(jobs: list) -> list:
    """Per job: None or why it cannot run (unknown algorithm, unknown or missing parameter), and the files its
    destination parameters write."""
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    sys.path.insert(0, HERE)
    from jobs import file_of
    sys.path.remove(HERE)
    out = []
    registry = QgsApplication.processingRegistry()
    for job in jobs:
        alg = registry.algorithmById(job["algorithm"])
        if alg is None:
            out.append({"n": job["n"], "error": f"未知算法 {job['algorithm']} / unknown algorithm {job['algorithm']}",
                        "destinations": []})
            continue
        names = {p.name() for p in alg.parameterDefinitions()}
        unknown = sorted(set(job["inputs"]) - names)
        missing = sorted(p.name() for p in alg.parameterDefinitions()
                         if not p.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
                         and p.defaultValue() is None and p.name() not in job["inputs"] and not p.isDestination())
        error = None
        lost = _lost_outputs(alg, job["inputs"], QgsProcessingParameterDefinition.Flag.FlagOptional)
        if unknown:
            error = (f"{job['algorithm']} 没有参数 {', '.join(unknown)}（可用：{', '.join(sorted(names))}） / "
                     f"{job['algorithm']} has no parameter {', '.join(unknown)} (known: {', '.join(sorted(names))})")
        elif missing:
            error = f"缺少必填参数 {', '.join(missing)} / missing required parameter(s) {', '.join(missing)}"
        elif lost:
            error = (f"输出 {', '.join(lost)} 须为文件路径（临时或内存图层随工作进程消失） / output(s) {', '.join(lost)} "
                     f"must be files (a temporary or memory layer dies with its worker)")
        piped = [p.name() for p in alg.destinationParameterDefinitions()
                 if isinstance(job["inputs"].get(p.name()), str) and "|" in job["inputs"][p.name()]]
        if error is None and piped:
            error = (f"输出 {', '.join(piped)} 的路径不能含“|”（写入 GeoPackage 的某图层请用 ogr:dbname='…' table=\"…\"） / "
                     f"output(s) {', '.join(piped)}: no '|' in an output path (QGIS would make it part of the file "
                     f"name; for a layer of a GeoPackage use ogr:dbname='…' table=\"…\")")
        dests = [_written_file(p, job["inputs"].get(p.name()), file_of) for p in alg.destinationParameterDefinitions()]
        out.append({"n": job["n"], "error": error, "destinations": [d for d in dests if d],
                    "outputs": [p.name() for p in alg.destinationParameterDefinitions()]})
    return out


def _written_file(param, value, file_of):
    """The file a destination parameter will write: QGIS adds the parameter's default extension to a file name
    without one (``out`` → ``out.gpkg``)."""
    path = file_of(value)
    if path is None or not isinstance(value, str) or value.strip().startswith("ogr:"):
        return path
    ext = getattr(param, "defaultFileExtension", None)
    if ext is not None and not os.path.splitext(path)[1] and not param.type() == "folderDestination":
        suffix = ext()
        if suffix:
            path = f"{path}.{suffix}"
    return path


def _lost_outputs(alg, inputs: dict, optional_flag) -> list:
    """Destination parameters whose output would die with the worker: a required one not given, or any given
    as a temporary output or a memory layer (processing.run makes memory layers of TEMPORARY_OUTPUT)."""
    out = []
    for p in alg.destinationParameterDefinitions():
        v = inputs.get(p.name())
        text = v.strip() if isinstance(v, str) else v
        if text in (None, ""):
            if not p.flags() & optional_flag:
                out.append(p.name())
        elif isinstance(text, str) and (text == "TEMPORARY_OUTPUT" or text.startswith("memory:")):
            out.append(p.name())
    return out


def _plain(value):
    """An algorithm result as JSON: layers by their source, everything else as it is or as text."""
    from qgis.core import QgsMapLayer
    if isinstance(value, QgsMapLayer):
        return value.source()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _run(job: dict) -> dict:
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsProject

    log: list = []
    dropped = [0]

    class Feedback(QgsProcessingFeedback):
        def _keep(self, kind, text):
            if len(log) < LOG_LINES:
                log.append(f"{kind}{text}")
            else:
                dropped[0] += 1

        def reportError(self, error, fatalError=False):  # noqa: N802, N803 - QGIS API
            self._keep("ERROR: ", error)

        def pushWarning(self, warning):  # noqa: N802 - QGIS API
            self._keep("WARNING: ", warning)

        def pushInfo(self, info):  # noqa: N802 - QGIS API
            self._keep("", info)

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())     # as qgis_process does; a fresh context per job
    t0 = time.perf_counter()
    answer = {"n": job["n"], "ok": False}
    try:
        results = processing.run(job["algorithm"], job["inputs"], context=context, feedback=Feedback())
        answer.update(ok=True, results=_plain(results))
    except QgsProcessingException as exc:
        # processing.run's own message is generic; the algorithm's reason went to the feedback
        reasons = [m[len("ERROR: "):] for m in log if m.startswith("ERROR: ")]
        answer["error"] = "\n".join(reasons) or str(exc)
    except Exception:  # noqa: BLE001 - an algorithm's bug must cost one job, not the batch
        answer["error"] = traceback.format_exc(limit=8)
    answer["seconds"] = round(time.perf_counter() - t0, 3)
    answer["log"] = log + ([f"… {dropped[0]} more message(s)"] if dropped[0] else [])
    QgsProject.instance().clear()
    return answer


def main() -> int:
    channel = _answer_channel()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        app, _provider = _start_qgis()
    except Exception:  # noqa: BLE001
        channel.write(json.dumps({"fatal": traceback.format_exc(limit=8)}) + "\n")
        return 3
    channel.write(json.dumps({"ready": os.getpid()}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        if msg.get("cmd") == "quit":
            break
        if msg.get("cmd") == "check":
            channel.write(json.dumps({"checks": _check(msg["jobs"])}, ensure_ascii=False) + "\n")
        elif msg.get("cmd") == "run":
            channel.write(json.dumps(_run(msg), ensure_ascii=False) + "\n")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
