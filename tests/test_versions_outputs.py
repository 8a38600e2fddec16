"""Algorithm tests in the QGIS style, and the same answers on every QGIS the plugin supports (3.22, 3.40, 3.44):
the cases of tests/algorithm_tests.yaml (algorithm, parameters, expected output) are run on the sample and the
coordinate examples, and each output table — every attribute, and each feature's area and part count — is compared
with its reference in tests/versions_outputs.json, written on QGIS 3.22.

    MINEPLAN_VERSIONS_WRITE=new pytest tests/test_versions_outputs.py  # add the references of new cases (3.22 only)
    MINEPLAN_VERSIONS_WRITE=1 pytest tests/test_versions_outputs.py    # rewrite every reference (3.22 only)
    MINEPLAN_DUMP=/tmp/d.json pytest tests/test_versions_outputs.py     # also write what this QGIS gives

Numbers may differ by what the last printed digit of a rounded figure allows (GEOS/PROJ versions differ in the
last bits of an intersection or a geodesic area); text — verdicts, reasons, clauses, ids — must be identical.
"""
import json
import math
import os

import pytest
import yaml
from conftest import ROOT, run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "versions_outputs.json")
PROPOSED = sample_layer("proposed_rights")
RIGHTS = {"MINING_RIGHTS": sample_layer("mining_rights"), "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}
T = "TEMPORARY_OUTPUT"

CASES_FILE = os.path.join(HERE, "algorithm_tests.yaml")
GROUPS = {"controls": CONTROLS, "zones": ZONES, "rights": RIGHTS}


def load_cases() -> dict:
    with open(CASES_FILE, encoding="utf-8") as fh:
        return {c["name"]: c for c in yaml.safe_load(fh)["tests"]}


def parameters(case: dict) -> dict:
    """The case's parameters as processing.run takes them ({sample: …}, {data: …}, {group: …} resolved)."""
    params = {}
    for key, value in (case.get("params") or {}).items():
        if isinstance(value, dict) and "group" in value:
            params.update(GROUPS[value["group"]])
        elif isinstance(value, dict) and "sample" in value:
            params[key] = sample_layer(value["sample"])
        elif isinstance(value, dict) and "data" in value:
            params[key] = os.path.join(ROOT, "data", value["data"])
        else:
            params[key] = value
    params["OUTPUT"] = T
    return params


CASES = load_cases()
# results that say when or where, not what
VOLATILE_RESULTS = ("SECONDS", "OUTPUT", "REPORT", "FOLDER", "FILES", "LOG", "PATH")


def plain(v):
    """A JSON-able value: QVariant NULLs, dates and the like as text, floats as they are."""
    if v is None or str(v) == "NULL":
        return None
    if isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return str(v)


def table(layer, ignore=()) -> dict:
    """The output table as the user gets it: fields in order, rows sorted, each with area and part count; the
    ``ignore`` fields (where the machine's paths show) left out."""
    keep = [i for i, f in enumerate(layer.fields()) if f.name() not in ignore]
    rows = []
    for f in layer.getFeatures():
        g = f.geometry()
        shape = None if g is None or g.isNull() else [round(g.area(), 1), g.constGet().partCount()]
        attrs = f.attributes()
        rows.append([plain(attrs[i]) for i in keep] + [shape])
    rows.sort(key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))
    return {"fields": [layer.fields()[i].name() for i in keep], "rows": rows}


def run_case(processing, name) -> dict:
    case = CASES[name]
    res, layers = run_alg(processing, case["algorithm"], parameters(case))
    results = {k: plain(v) for k, v in sorted(res.items())
               if not any(w in k for w in VOLATILE_RESULTS) and not hasattr(v, "getFeatures")}
    return {"results": results, "output": table(layers["OUTPUT"], case.get("ignore_fields", ()))}


@pytest.fixture(scope="module")
def outputs(processing):
    got = {name: run_case(processing, name) for name in CASES}
    dump = os.environ.get("MINEPLAN_DUMP")
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            json.dump(got, fh, ensure_ascii=False, indent=1)
    write = os.environ.get("MINEPLAN_VERSIONS_WRITE")
    if write:
        reference = {}
        if write == "new" and os.path.exists(REFERENCE):
            with open(REFERENCE, encoding="utf-8") as fh:
                reference = json.load(fh)
        for name, case in CASES.items():
            if write != "new" or case["expected"] not in reference:
                reference[case["expected"]] = got[name]
        with open(REFERENCE, "w", encoding="utf-8") as fh:
            json.dump(reference, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    return got


def same_number(a: float, b: float) -> bool:
    """Equal up to one unit in the last printed digit of the rounder of the two (output figures are rounded)."""
    if a == b:
        return True
    digits = max(_decimals(a), _decimals(b))
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1.01 * 10 ** -min(digits, 9))


def _decimals(x: float) -> int:
    text = repr(float(x))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def differences(want, got, where="") -> list:
    if isinstance(want, bool) or isinstance(got, bool) or not (
            isinstance(want, (int, float)) and isinstance(got, (int, float))):
        if isinstance(want, dict) and isinstance(got, dict):
            out = [f"{where}: keys {sorted(set(want) ^ set(got))}"] if set(want) != set(got) else []
            for k in want:
                if k in got:
                    out += differences(want[k], got[k], f"{where}/{k}")
            return out
        if isinstance(want, list) and isinstance(got, list):
            if len(want) != len(got):
                return [f"{where}: {len(want)} items expected, {len(got)} got"]
            return [d for i, (a, b) in enumerate(zip(want, got)) for d in differences(a, b, f"{where}[{i}]")]
        return [] if want == got else [f"{where}: {want!r} expected, {got!r} got"]
    return [] if same_number(want, got) else [f"{where}: {want!r} expected, {got!r} got"]


def test_reference_exists():
    assert os.path.exists(REFERENCE), "write it on QGIS 3.22: MINEPLAN_VERSIONS_WRITE=1 pytest " + __file__


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_outputs_as_on_qgis_322(outputs, name):
    with open(REFERENCE, encoding="utf-8") as fh:
        want = json.load(fh)[CASES[name]["expected"]]
    got = outputs[name]
    for key, value in (CASES[name].get("results") or {}).items():
        assert got["results"].get(key) == value, (name, key, got["results"].get(key))
    assert got["output"]["rows"], f"{name}: the sample gives no output rows"
    diff = differences(want, got, name)
    assert not diff, "\n".join(diff[:30])


def test_number_tolerance_is_one_last_digit():
    assert same_number(12.34, 12.35) and same_number(1.0, 1.0)
    assert not same_number(12.34, 12.36) and not same_number(100, 102)
    assert differences({"a": [1, "x"]}, {"a": [1, "y"]}) == ["/a[1]: 'x' expected, 'y' got"]


def test_every_case_is_well_formed():
    """Each case names an algorithm of the provider, an expected reference, and only known parameter kinds."""
    from qgis.core import QgsApplication
    for name, case in CASES.items():
        alg = QgsApplication.processingRegistry().algorithmById(case["algorithm"])
        assert alg is not None, (name, case["algorithm"])
        assert case.get("expected"), name
        for key in parameters(case):
            assert alg.parameterDefinition(key) is not None, (name, key)
