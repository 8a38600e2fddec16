"""The same answers on every QGIS the plugin supports (3.22, 3.40, 3.44): each algorithm that decides or measures
is run on the sample and its output table — every attribute, and each feature's area and part count — is compared
with tests/versions_outputs.json, written on QGIS 3.22.

    MINEPLAN_VERSIONS_WRITE=1 pytest tests/test_versions_outputs.py   # rewrite the reference (on 3.22 only)
    MINEPLAN_DUMP=/tmp/d.json pytest tests/test_versions_outputs.py     # also write what this QGIS gives

Numbers may differ by what the last printed digit of a rounded figure allows (GEOS/PROJ versions differ in the
last bits of an intersection or a geodesic area); text — verdicts, reasons, clauses, ids — must be identical.
"""
import json
import math
import os

import pytest
from conftest import run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "versions_outputs.json")
PROPOSED = sample_layer("proposed_rights")
RIGHTS = {"MINING_RIGHTS": sample_layer("mining_rights"), "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}
T = "TEMPORARY_OUTPUT"

# name → (algorithm, parameters)
CASES = {
    "review": ("mineplan:compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES, **RIGHTS,
                                             "COUNTY_BOUNDARY": sample_layer("county_boundary"), "OUTPUT": T}),
    "overlap": ("mineplan:redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "OUTPUT": T}),
    "scale": ("mineplan:minimumscale", {"INPUT": PROPOSED, "OUTPUT": T}),
    "policy": ("mineplan:mineralpolicy", {"INPUT": PROPOSED, "OUTPUT": T}),
    "zones": ("mineplan:zoneassignment", {"INPUT": PROPOSED, **ZONES, "OUTPUT": T}),
    "indicators": ("mineplan:planindicators", {**RIGHTS, "OUTPUT": T}),
    "siting": ("mineplan:sitingareas", {**CONTROLS, **ZONES, "MINERAL": "建筑石料", "OUTPUT": T}),
    "avoid": ("mineplan:avoidconstraints", {"INPUT": PROPOSED, **CONTROLS, "MIN_AREA": 10000, "OUTPUT": T}),
}
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


def table(layer) -> dict:
    """The output table as the user gets it: fields in order, rows sorted, each with area and part count."""
    rows = []
    for f in layer.getFeatures():
        g = f.geometry()
        shape = None if g is None or g.isNull() else [round(g.area(), 1), g.constGet().partCount()]
        rows.append([plain(v) for v in f.attributes()] + [shape])
    rows.sort(key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))
    return {"fields": [f.name() for f in layer.fields()], "rows": rows}


def run_case(processing, name) -> dict:
    alg, params = CASES[name]
    res, layers = run_alg(processing, alg, params)
    results = {k: plain(v) for k, v in sorted(res.items())
               if not any(w in k for w in VOLATILE_RESULTS) and not hasattr(v, "getFeatures")}
    return {"results": results, "output": table(layers["OUTPUT"])}


@pytest.fixture(scope="module")
def outputs(processing):
    got = {name: run_case(processing, name) for name in CASES}
    dump = os.environ.get("MINEPLAN_DUMP")
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            json.dump(got, fh, ensure_ascii=False, indent=1)
    if os.environ.get("MINEPLAN_VERSIONS_WRITE"):
        with open(REFERENCE, "w", encoding="utf-8") as fh:
            json.dump(got, fh, ensure_ascii=False, indent=1)
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
        want = json.load(fh)[name]
    got = outputs[name]
    assert got["output"]["rows"], f"{name}: the sample gives no output rows"
    diff = differences(want, got, name)
    assert not diff, "\n".join(diff[:30])


def test_number_tolerance_is_one_last_digit():
    assert same_number(12.34, 12.35) and same_number(1.0, 1.0)
    assert not same_number(12.34, 12.36) and not same_number(100, 102)
    assert differences({"a": [1, "x"]}, {"a": [1, "y"]}) == ["/a[1]: 'x' expected, 'y' got"]
