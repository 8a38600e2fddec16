"""Shared fixtures of the adversarial suite: input files must never change."""
from __future__ import annotations

import hashlib
import os

import pytest


def _snapshot(path: str):
    st = os.stat(path)
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return st.st_size, st.st_mtime_ns, h.hexdigest()


@pytest.fixture
def untouched():
    """``watch(path)`` records a regular file; after the test it must be byte-for-byte the same
    (size, mtime, SHA-256): no input file is ever modified."""
    watched: dict = {}

    def watch(path) -> str:
        p = str(path)
        if os.path.isfile(p):
            watched[p] = _snapshot(p)
        return p

    yield watch
    for p, before in watched.items():
        assert _snapshot(p) == before, f"input file changed: {p}"


# ---- outcome tally (the closing note of issue #11 gives these totals) ----------------------------------------
OUTCOMES = ("correct", "error", "skip")
_TALLY: dict = {}
_PENDING: dict = {}


@pytest.fixture
def outcome(request):
    """``outcome("correct" | "error" | "skip", n=1)``: what this case shows — a correct result, a clear bilingual
    error before anything is written, or a counted and reported skip (or cut). Counted when the test passes;
    the totals are printed at the end of the run and written to .build/hostile_outcomes.json."""
    def record(kind: str, n: int = 1):
        assert kind in OUTCOMES, kind
        _PENDING.setdefault(request.node.nodeid, []).append((kind, n))
    return record


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome_ = yield
    report = outcome_.get_result()
    if report.when == "call":
        pending = _PENDING.pop(item.nodeid, [])
        if report.passed:
            for kind, n in pending:
                _TALLY.setdefault(item.nodeid.split("::")[0], {}).setdefault(kind, 0)
                _TALLY[item.nodeid.split("::")[0]][kind] += n


def pytest_terminal_summary(terminalreporter):
    if not _TALLY:
        return
    import json
    total = {k: sum(v.get(k, 0) for v in _TALLY.values()) for k in OUTCOMES}
    terminalreporter.write_sep("-", "hostile algorithm cases (issue #11)")
    for path, counts in sorted(_TALLY.items()):
        terminalreporter.write_line(f"{path}: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in OUTCOMES))
    terminalreporter.write_line(f"total {sum(total.values())}: correct {total['correct']}, clear errors "
                                f"{total['error']}, counted skips {total['skip']}")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        with open(os.path.join(root, ".build", "hostile_outcomes.json"), "w", encoding="utf-8") as fh:
            json.dump({"files": _TALLY, "total": total}, fh, indent=1)
    except OSError:
        pass
