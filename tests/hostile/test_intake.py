"""Hostile input to the intake step (issue 18): Complete the application refuses what would become a wrong fact
— a number QGIS would read as 0, a layer that is not an applications layer appended — before anything is written,
and keeps one line per text parameter."""
from __future__ import annotations

import os

import pytest
from hostile.makers import features, refused, run, sample_copy

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MINING = os.path.join(ROOT, "data", "coordinates", "sample_baopan_mining_gbk.txt")


@pytest.fixture
def parcels(processing, tmp_path):
    out = str(tmp_path / "parcels.gpkg")
    run(processing, "importcoordinates", {"INPUT": MINING, "OUTPUT": out})
    return out


@pytest.mark.parametrize("raw", ["abc", "5 万吨", "30万吨/年", "１２", "1,5", "0x10", "1e400", "--3"])
def test_a_number_qgis_reads_as_0_is_refused(processing, parcels, tmp_path, raw, outcome):
    """QGIS reads "abc" as 0 without a word: a capacity of 0 would fail the minimum scale (不符合 from garbage)."""
    out = tmp_path / "apps.gpkg"
    text = refused(processing, "completeapplication", {"INPUT": parcels, "MINERAL": "金矿", "CAPACITY": raw,
                                                       "OUTPUT": str(out)})
    assert "CAPACITY" in text and ("不是数字" in text or "不是有限的数" in text) and "not a" in text, text
    assert not out.exists()
    outcome("error")


@pytest.mark.parametrize("raw,value", [("30", 30.0), (" 30.5 ", 30.5), ("3e1", 30.0), ("+7", 7.0)])
def test_plain_numbers_as_text_are_read(processing, parcels, raw, value, outcome):
    _, layers = run(processing, "completeapplication", {"INPUT": parcels, "MINERAL": "金矿", "CAPACITY": raw,
                                                        "OUTPUT": "TEMPORARY_OUTPUT"})
    (f,) = features(layers["OUTPUT"])
    assert f["capacity"] == value
    outcome("correct")


def test_a_number_as_text_is_refused_in_every_algorithm(processing, tmp_path, outcome):
    """The sliver tolerance of Control-line overlap given as text (qgis_process passes strings) is refused too."""
    gpkg = sample_copy(tmp_path)
    text = refused(processing, "redlineoverlap", {"INPUT": f"{gpkg}|layername=proposed_rights",
                                                  "ECO_REDLINE": f"{gpkg}|layername=eco_redline",
                                                  "MIN_OVERLAP_AREA": "zero", "OUTPUT": "TEMPORARY_OUTPUT"})
    # QGIS refuses a required number itself; the optional ones (CAPACITY above) only the guard catches
    assert "MIN_OVERLAP_AREA" in text, text
    outcome("error")


@pytest.mark.parametrize("which", ["the imported parcels", "a rights layer"])
def test_appending_to_a_layer_that_is_not_an_applications_layer(processing, parcels, tmp_path, which, outcome):
    """APPEND_TO = the imported parcels (or the 采矿权 layer) would add rows without 申请编号 or 矿种."""
    target = parcels if which == "the imported parcels" else f"{sample_copy(tmp_path)}|layername=mining_rights"
    out = tmp_path / "apps.gpkg"
    text = refused(processing, "completeapplication", {"INPUT": parcels, "MINERAL": "金矿", "APPEND_TO": target,
                                                       "OUTPUT": str(out)})
    assert "不是申请图层" in text and "app_no" in text and "not an applications layer" in text, text
    assert not out.exists()
    outcome("error")


def test_control_characters_in_texts_become_spaces(processing, parcels, outcome):
    """A newline pasted into 申请编号 would break the 文号 line and the opinion's file name; NUL cannot be stored."""
    _, layers = run(processing, "completeapplication", {"INPUT": parcels, "MINERAL": "金矿", "APP_NO": "SQ\n2026-01\x00",
                                                        "APPLICANT": "\t灵宝市\r\n示例公司", "OUTPUT": "TEMPORARY_OUTPUT"})
    (f,) = features(layers["OUTPUT"])
    assert (f["app_no"], f["applicant"]) == ("SQ 2026-01", "灵宝市 示例公司")
    outcome("correct")


def test_numbers_of_several_parcels_without_a_file_name(processing, tmp_path, outcome):
    """Parcels of a layer not imported from a file are numbered APP<id>, each once (no APP2-2)."""
    gpkg = sample_copy(tmp_path)
    _, layers = run(processing, "completeapplication", {"INPUT": f"{gpkg}|layername=proposed_rights",
                                                        "MINERAL": "金矿", "OUTPUT": "TEMPORARY_OUTPUT"})
    nos = [f["app_no"] for f in features(layers["OUTPUT"])]
    assert len(nos) == len(set(nos)) and all("-" not in n for n in nos), nos
    outcome("correct")
