"""Mineral names as found in data (issue #11 item 11): "金(((…金)))" is not 金矿; only one bracketed qualifier
("金矿（岩金）") is understood, and resolving never recurses nor takes more than linear time."""
from __future__ import annotations

import time

import pytest

from mineplan.rules.checks.policy import check_mineral_policy
from mineplan.rules.checks.verdicts import MANUAL


@pytest.mark.parametrize("text,expected", [
    ("金矿（岩金）", "金矿"),                   # the plan's own spelling
    ("金矿(岩金)", "金矿"),
    ("金矿 ( 岩金 )", "金矿"),
    ("（岩金）金矿", None),                    # qualifier first: not a name
    ("砖瓦用黏土（可耕地）", "砖瓦用粘土"),
    ("饰面用花岗岩矿", "饰面用花岗岩"),
    ("金", "金矿"),
    ("金(((((金)))))", None),                 # issue #11: was 金矿 by recursive bracket stripping
    ("金（（（（金））））", None),
    ("金（岩金）（砂金）", None),              # two qualifiers
    ("金()", None),
    ("（金）", None),
    ("金)", None),
    ("金(", None),
    ("", None),
    (None, None),
    ("   ", None),
    ("金" * 101, None),                        # no mineral name is that long
])
def test_resolve(ruleset, text, expected):
    m = ruleset.minerals.resolve(text)
    assert (m.name if m else None) == expected


@pytest.mark.parametrize("text", ["金(" * 100_000, "(" * 100_000 + "金" + ")" * 100_000, "金(" + "金" * 200_000 + ")",
                                  "金" + "(金)" * 50_000])
def test_resolve_is_linear_and_flat(ruleset, text):
    """100,000 brackets: no RecursionError, no quadratic regex backtracking."""
    t0 = time.perf_counter()
    assert ruleset.minerals.resolve(text) is None
    assert ruleset.minerals.is_known_name(text) is False
    assert time.perf_counter() - t0 < 5.0      # quadratic backtracking would take minutes


def test_nested_brackets_are_not_a_key_mineral(ruleset):
    """The policy check says "not in the dictionary, check by hand" instead of "金矿 is a key mineral"."""
    r = check_mineral_policy(ruleset, "金(((((金)))))")
    assert r.verdict == MANUAL and "不在矿种字典中" in r.reason and r.values["mineral_std"] is None
    assert check_mineral_policy(ruleset, "金矿（岩金）").values["mineral_std"] == "金矿"
