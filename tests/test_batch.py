"""The batch runner (batch/): jobs checked before any runs, jobs shared out to worker processes, the summary in
the jobs file's order, the same outputs as one processing.run after another, and a worker that dies or
overruns its time limit costing its job only (its half-written output removed)."""
import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, sample_layer

from mineplan.batch import jobs as J
from mineplan.batch.pool import Pool

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


# ---- the jobs file (pure Python) ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,part", [
    ("", "empty"),
    ("{not json", "not JSON"),
    ("[]", "no jobs"),
    ('[{"inputs": {}}]', "no algorithm id"),
    ('[{"algorithm": "mineplan:redlineoverlap", "inputs": [1, 2]}]', "inputs must map"),
    ('[{"algorithm": "mineplan:redlineoverlap", "output": "x"}]', "unknown keys: output"),
    ('[3]', "not an object"),
    ('[{"algorithm": "redlineoverlap"}]', "lacks its provider"),
    ('{"jobs": [], "workers": 4}', "unknown keys: workers"),
    ("[" * 200000, "not JSON"),
    ('[{"algorithm": "mineplan:redlineoverlap", "inputs": {"INPUT": "\\ud800"}}]', "cannot be encoded"),
    ('[\n{"algorithm": "a:b"}\n{"algorithm": "a:c"}\n]', "line 3"),
    ('{"algorithm": "a:b"}\n{"algorithm": "a:c"}\n{"algorithm": }\n', "line 3"),
])
def test_bad_jobs_files_are_refused_bilingually(text, part):
    with pytest.raises(J.BatchError) as exc:
        J.parse(text, "jobs.json")
    assert part in str(exc.value) and " / " in str(exc.value)


def test_jobs_file_forms():
    one = {"algorithm": "mineplan:redlineoverlap", "inputs": {"INPUT": "a.gpkg"}, "name": "SQ-1"}
    two = {"algorithm": "native:buffer", "parameters": {"INPUT": "b.gpkg"}}
    for text in (json.dumps([one, two]), json.dumps({"jobs": [one, two]}),
                 json.dumps(one) + "\n\n" + json.dumps(two) + "\n", "\ufeff" + json.dumps([one, two])):
        jobs = J.parse(text)
        assert [(j.n, j.name, j.algorithm) for j in jobs] == [(1, "SQ-1", "mineplan:redlineoverlap"),
                                                              (2, "2", "native:buffer")]
        assert jobs[1].inputs == {"INPUT": "b.gpkg"}


def test_file_of_strips_layer_names_and_providers(tmp_path):
    p = str(tmp_path / "x.gpkg")
    assert J.file_of(f"{p}|layername=blocks") == os.path.normcase(p)
    assert J.file_of(f"ogr:dbname='{p}' table=\"out\" (geom)") == os.path.normcase(p)
    assert J.file_of("TEMPORARY_OUTPUT") is None and J.file_of("memory:") is None and J.file_of(3) is None


def test_two_jobs_writing_one_file_or_one_reading_anothers_output_are_refused(tmp_path):
    out = os.path.normcase(str(tmp_path / "o.gpkg"))
    a, b = J.Job(1, "mineplan:redlineoverlap", {}, "a", [out]), J.Job(2, "mineplan:redlineoverlap", {}, "b", [out])
    with pytest.raises(J.BatchError, match="jobs 1 and 2 both write"):
        J.check_destinations([a, b])
    c = J.Job(2, "mineplan:redlineoverlap", {"INPUT": f"{out}|layername=o"}, "c", [])
    with pytest.raises(J.BatchError, match="job 2 reads"):
        J.check_destinations([a, c])
    J.check_destinations([a, J.Job(2, "x:y", {"INPUT": "other.gpkg"}, "d", [str(tmp_path / "p.gpkg")])])
    own = J.Job(1, "x:y", {"INPUT": f"{out}|layername=a", "OUTPUT": out}, "e", [out], ["OUTPUT"])
    with pytest.raises(J.BatchError, match="job 1 reads .* and writes"):
        J.check_destinations([own])


def test_paths_are_compared_as_the_files_they_are(tmp_path):
    os.symlink(tmp_path, tmp_path / "link")
    assert J.file_of(str(tmp_path / "link" / "o.gpkg")) == J.file_of("/" + str(tmp_path / "o.gpkg"))


# ---- the pool, with a stand-in worker (no QGIS) ---------------------------------------------------------------
FAKE = textwrap.dedent('''
    import json, os, sys, time
    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["cmd"] == "quit":
            break
        if msg["cmd"] == "check":
            print(json.dumps({"checks": [{"n": j["n"], "error": None, "destinations": [j["inputs"].get("OUT")]
                                          if j["inputs"].get("OUT") else []} for j in msg["jobs"]]}), flush=True)
            continue
        inp = msg["inputs"]
        if inp.get("OUT"):
            open(inp["OUT"], "w").write("half")
        for extra in inp.get("COMP", []):
            open(extra, "w").write("half")
        if inp.get("die"):
            os._exit(9)
        time.sleep(inp.get("sleep", 0))
        print(json.dumps({"n": msg["n"], "ok": not inp.get("fail"), "seconds": 0.01, "results": {"PID": os.getpid()},
                          "error": "it failed" if inp.get("fail") else ""}), flush=True)
''')


def fake_pool(tmp_path, workers=2, timeout=None, jobs_per_worker=0):
    script = tmp_path / "fake_worker.py"
    script.write_text(FAKE)
    return Pool(workers, str(tmp_path), cmd=[sys.executable, str(script)], timeout=timeout,
                jobs_per_worker=jobs_per_worker)


def make_jobs(specs):
    return [J.Job(n, "fake:alg", inputs, f"j{n}", [inputs["OUT"]] if inputs.get("OUT") else [])
            for n, inputs in enumerate(specs, 1)]


def test_pool_runs_every_job_on_several_workers(tmp_path):
    pool = fake_pool(tmp_path)
    jobs = make_jobs([{"sleep": 0.2} for _ in range(6)])
    assert all(c["error"] is None for c in pool.check(jobs))
    seen = []
    out = pool.run(jobs, lambda o, k, total: seen.append((o.n, k, total)))
    assert sorted(out) == [1, 2, 3, 4, 5, 6] and all(o.status == "ok" for o in out.values())
    assert len({o.results["PID"] for o in out.values()}) == 2          # both workers took jobs
    assert [k for _, k, _ in seen] == [1, 2, 3, 4, 5, 6] and all(t == 6 for *_, t in seen)
    assert not pool.workers


def test_a_dying_worker_costs_its_job_only_and_its_half_written_output_is_removed(tmp_path):
    pool = fake_pool(tmp_path, workers=1)
    out_file = str(tmp_path / "half.gpkg")
    jobs = make_jobs([{}, {"die": True, "OUT": out_file}, {}, {"fail": True, "OUT": str(tmp_path / "f.gpkg")}, {}])
    pool.check(jobs)
    out = pool.run(jobs)
    assert [out[n].status for n in range(1, 6)] == ["ok", "died", "ok", "failed", "ok"]
    assert "code 9" in out[2].error
    assert not os.path.exists(out_file) and not os.path.exists(tmp_path / "f.gpkg")
    assert out[3].results["PID"] != out[1].results["PID"]           # a new worker took the rest


def test_workers_that_keep_dying_end_the_batch_with_the_rest_not_run(tmp_path, monkeypatch):
    from mineplan.batch import pool as P
    monkeypatch.setattr(P, "MAX_RESTARTS", 2)
    pool = fake_pool(tmp_path, workers=1)
    jobs = make_jobs([{"die": True} for _ in range(5)])
    pool.check(jobs)
    out = pool.run(jobs)
    assert [out[n].status for n in range(1, 6)] == ["died", "died", "died", "notrun", "notrun"]
    assert "not run" in out[4].error and not pool.workers


def test_a_job_past_the_time_limit_is_stopped(tmp_path):
    pool = fake_pool(tmp_path, workers=1, timeout=1.0)
    jobs = make_jobs([{"sleep": 30, "OUT": str(tmp_path / "slow.gpkg")}, {}])
    pool.check(jobs)
    out = pool.run(jobs)
    assert out[1].status == "timeout" and out[1].seconds < 10 and out[2].status == "ok"
    assert not os.path.exists(tmp_path / "slow.gpkg")


def test_an_existing_output_of_a_failed_job_is_not_removed(tmp_path):
    keep = tmp_path / "kept.gpkg"
    keep.write_text("an earlier run's result")
    pool = fake_pool(tmp_path, workers=1)
    jobs = make_jobs([{"fail": True, "OUT": str(keep)}])
    pool.check(jobs)
    assert pool.run(jobs)[1].status == "failed"
    assert keep.exists()        # it existed before the job: the job's output is not the runner's to delete


def test_cancel_reports_unfinished_jobs(tmp_path):
    pool = fake_pool(tmp_path, workers=1)
    jobs = make_jobs([{"sleep": 0.1} for _ in range(4)])
    pool.check(jobs)
    out = pool.run(jobs, lambda o, k, total: pool.cancel() if k == 1 else None)
    assert out[1].status == "ok" and {out[n].status for n in (2, 3, 4)} <= {"ok", "cancelled"}
    assert out[4].status == "cancelled" and not pool.workers


def test_workers_are_replaced_after_jobs_per_worker(tmp_path):
    pool = fake_pool(tmp_path, workers=1, jobs_per_worker=2)
    jobs = make_jobs([{} for _ in range(5)])
    pool.check(jobs)
    out = pool.run(jobs)
    pids = [out[n].results["PID"] for n in range(1, 6)]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]


# ---- real QGIS workers ------------------------------------------------------------------------------------
def overlap_job(name, out, **extra):
    inputs = {"INPUT": sample_layer("proposed_rights"), "ECO_REDLINE": sample_layer("eco_redline"),
              "BASIC_FARMLAND": sample_layer("basic_farmland"), "URBAN_BOUNDARY": sample_layer("urban_boundary"),
              "OUTPUT": out, **extra}
    return {"name": name, "algorithm": "mineplan:redlineoverlap", "inputs": inputs}


def run_batch(tmp_path, jobs, *args):
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    return subprocess.run([PYTHON, os.path.join(ROOT, "batch"), str(path), *args], capture_output=True, text=True,
                          env=env, timeout=300)


def table(path):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(path, "t", "ogr")
    assert lyr.isValid(), path
    names = [f.name() for f in lyr.fields() if f.name() not in ("fid",)]
    return sorted((tuple(str(f[n]) for n in names), f.geometry().asWkt(3)) for f in lyr.getFeatures())


def test_an_unwritable_summary_is_refused_before_anything_runs(tmp_path):
    jobs = [overlap_job("first", str(tmp_path / "first.gpkg"))]
    cp = run_batch(tmp_path, jobs, "--summary", str(tmp_path / "no" / "such" / "s.json"))
    assert cp.returncode == 2 and "summary" in cp.stderr and "Traceback" not in cp.stderr
    assert not (tmp_path / "first.gpkg").exists()


def test_companion_files_of_an_unfinished_job_are_removed(tmp_path):
    pool = fake_pool(tmp_path, workers=1)
    shp = tmp_path / "out.shp"
    created_during = tmp_path / "out.shx"
    jobs = make_jobs([{"die": True, "OUT": str(shp), "COMP": [str(created_during), str(tmp_path / "out.dbf")]}])
    (tmp_path / "out.dbf").write_text("an earlier file")     # existed before the job: kept
    pool.check(jobs)
    out = pool.run(jobs, None)
    assert out[1].status == "died" and not shp.exists() and (tmp_path / "out.dbf").exists()
    assert not created_during.exists()


def test_a_jobs_file_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes('[{"algorithm": "mineplan:redlineoverlap", "inputs": {"INPUT": "矿权.gpkg"}}]'.encode("gbk"))
    cp = subprocess.run([PYTHON, os.path.join(ROOT, "batch"), str(path)], capture_output=True, text=True, timeout=60)
    assert cp.returncode == 2 and "not UTF-8" in cp.stderr and "Traceback" not in cp.stderr


def test_batch_outputs_equal_one_run_after_another(tmp_path, processing_ready):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject
    jobs = [overlap_job(f"ov{k}", str(tmp_path / f"ov{k}.gpkg")) for k in range(3)]
    jobs.append(overlap_job("zh", str(tmp_path / "buffered.gpkg"), INVALID_GEOMETRY=1))
    jobs.append(overlap_job("missing", str(tmp_path / "missing.gpkg"), INPUT=str(tmp_path / "nothing.gpkg")))
    cp = run_batch(tmp_path, jobs, "--workers", "2", "--summary", str(tmp_path / "summary.json"))
    assert cp.returncode == 1, cp.stderr
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert [j["name"] for j in summary["jobs"]] == ["ov0", "ov1", "ov2", "zh", "missing"]
    assert [j["status"] for j in summary["jobs"]] == ["ok", "ok", "ok", "ok", "failed"]
    assert "nothing.gpkg" in summary["jobs"][4]["error"] and not (tmp_path / "missing.gpkg").exists()
    assert summary["jobs"][0]["results"]["FEATURE_COUNT"] == 46
    lines = cp.stdout.splitlines()
    assert lines[0].startswith("4/5") and [ln.split("\t")[1] for ln in lines[1:]] == ["ov0", "ov1", "ov2", "zh", "missing"]
    for job in jobs[:4]:
        ref = str(tmp_path / ("ref-" + os.path.basename(job["inputs"]["OUTPUT"])))
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        processing.run(job["algorithm"], dict(job["inputs"], OUTPUT=ref), context=context,
                       feedback=QgsProcessingFeedback())
        assert table(job["inputs"]["OUTPUT"]) == table(ref), job["name"]


@pytest.mark.parametrize("bad,part", [
    ({"algorithm": "mineplan:nosuchthing"}, "unknown algorithm mineplan:nosuchthing"),
    ({"inputs": {"INPUT": "x.gpkg", "ECO_REDLNE": "y.gpkg", "OUTPUT": "TEMPORARY_OUTPUT"}}, "has no parameter ECO_REDLNE"),
    ({"inputs": {"OUTPUT": "x.gpkg"}}, "missing required parameter(s) INPUT"),
    ("same output", "both write"),
    ({"inputs": {"INPUT": sample_layer("proposed_rights"), "ECO_REDLINE": sample_layer("eco_redline")}},
     "output(s) OUTPUT must be files"),
    ({"inputs": {"INPUT": sample_layer("proposed_rights"), "OUTPUT": "TEMPORARY_OUTPUT"}}, "must be files"),
    ("no extension", "both write"),
    ({"inputs": {"INPUT": sample_layer("proposed_rights"), "OUTPUT": "o.gpkg|layername=x"}}, "no '|' in an output"),
])
def test_a_batch_with_a_bad_job_runs_nothing(tmp_path, bad, part):
    jobs = [overlap_job("first", str(tmp_path / "first.gpkg"))]
    if bad == "same output":
        jobs.append(overlap_job("second", str(tmp_path / "first.gpkg")))
    elif bad == "no extension":          # QGIS writes first.gpkg for "first"
        jobs.append(overlap_job("second", str(tmp_path / "first")))
    else:
        jobs.append(dict(overlap_job("second", str(tmp_path / "second.gpkg")), **bad))
    cp = run_batch(tmp_path, jobs)
    assert cp.returncode == 2, (cp.stdout, cp.stderr)
    assert part in cp.stderr and "批处理未运行" in cp.stderr
    assert not (tmp_path / "first.gpkg").exists() and not (tmp_path / "second.gpkg").exists()
    assert "Traceback" not in cp.stderr
