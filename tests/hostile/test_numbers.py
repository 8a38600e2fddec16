"""Numbers in attribute values and in reasons (issue #11 item 11: "1e400" was accepted as inf while "inf" was
rejected; "8.9999999" was reported as "9 低于 9"). A non-finite value is never a value; a reason never
rounds a number into the threshold it is compared with."""
from __future__ import annotations

import math

import pytest
from hostile.makers import memory_layer, run, save

from mineplan.rules.checks.verdicts import NOT_A_NUMBER, NOT_FINITE, parse_number
from mineplan.rules.model.units import fmt


@pytest.mark.parametrize("raw", ["1e400", "-1e400", "inf", "-inf", "Infinity", "+inf", "nan", "NaN", "-nan",
                                 float("inf"), float("-inf"), float("nan"), 10 ** 400, "9" * 400])
def test_non_finite_numbers_are_a_problem_never_a_value(raw, outcome):
    value, problem = parse_number(raw)
    assert value is None and problem == NOT_FINITE
    outcome("error")


@pytest.mark.parametrize("raw,expected", [("12", 12.0), ("1,234.5", 1234.5), ("１２", 12.0), (" 3e2 ", 300.0),
                                          ("1e308", 1e308), (7, 7.0), ("-0", 0.0)])
def test_finite_numbers_are_read(raw, expected, outcome):
    value, problem = parse_number(raw)
    assert problem is None and value == expected
    outcome("correct")


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "0x10", "1_000", "12万", True])
def test_text_is_not_a_number(raw, outcome):
    assert parse_number(raw) == (None, NOT_A_NUMBER)
    outcome("error")


@pytest.mark.parametrize("value,text", [(8.9999999, "8.9999999"), (9.0, "9"), (12.3456789, "12.3457"),
                                        (0.30000000000000004, "0.3"), (0.00001, "0.00001"), (59.999999, "59.999999"),
                                        (-8.9999999, "-8.9999999"), (1234567.0, "1234567")])
def test_fmt_never_rounds_into_a_rounder_number(value, text, outcome):
    assert fmt(value) == text
    assert not (float(fmt(value)) == round(value) and value != round(value) and abs(value - round(value)) > 1e-9)
    outcome("correct")


@pytest.mark.parametrize("capacity,verdict,words", [
    ("8.9999999", "不符合", "8.9999999"),
    ("9", "符合", None),
    ("1e400", "需人工核查", "不是数字"),
    ("inf", "需人工核查", "不是数字"),
    ("-5", "需人工核查", "负数"),
])
def test_minimum_scale_reasons_show_the_number_as_given(processing, tmp_path, capacity, verdict, words, outcome):
    """金矿 (岩金), 中型: the plan's minimum is 9 万吨/年."""
    lyr = memory_layer("None", None, [("app_no", "str"), ("mineral", "str"), ("scale", "str"), ("capacity", "str"),
                                      ("capacity_unit", "str")],
                       [(None, ["X-1", "金矿（岩金）", "中型", capacity, "万吨/年"])])
    src = save(lyr, tmp_path / "t.csv")
    res, layers = run(processing, "minimumscale", {"INPUT": src, "OUTPUT": "TEMPORARY_OUTPUT"})
    f = next(layers["OUTPUT"].getFeatures())
    assert f["verdict"] == verdict, f["reason"]
    if words:
        assert words in f["reason"], f["reason"]
    if capacity == "8.9999999":
        assert "9 低于 9" not in f["reason"] and "9 矿石万吨/年" in f["reason"]
    outcome("correct")


def test_fmt_of_huge_and_tiny_values_is_plain_text(outcome):
    for v in (1e300, -1e300, 5e-324, 1e-15):
        text = fmt(v)
        assert text and "e" not in text.lower() and math.isfinite(float(text))
    outcome("correct")
