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
