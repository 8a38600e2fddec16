"""乱码 (issue #11 deliverable 9: GBK-encoded shapefiles without a .cpg are everyday Chinese data). QGIS 3.22
reads such a file as UTF-8: 金矿 becomes ����, every mineral is "unknown" and every verdict 需人工核查 —
silently. Mojibake in the layer under review (field names or text) or in a zone/rights layer's mineral field
is a clear error before anything is written, saying how to set the encoding; in other layers (a constraint's
ids) a warning. With the encoding set (a .cpg file) the verdicts are the GeoPackage's."""
from __future__ import annotations

import os

import pytest
from conftest import sample_layer
from hostile.makers import (
    CONTROLS,
    PROPOSED,
    RIGHTS,
    ZONES,
    Log,
    gbk_shapefile_without_cpg,
    memory_layer,
    refused,
    run,
    save,
    vector,
)

from mineplan.rules.validation.textcheck import mojibake

HOW = ("数据源编码", "Data source encoding", ".cpg")


def _how(text, enc="GBK"):
    assert "乱码" in text and "mojibake" in text, text
    for w in HOW:
        assert w in text, text
    assert enc in text, text


SUBJECTS = {
    "redlineoverlap": ("INPUT", CONTROLS), "minimumscale": ("INPUT", {}), "mineralpolicy": ("INPUT", {}),
    "zoneassignment": ("INPUT", ZONES), "compliancereview": ("PROPOSED", {**CONTROLS, **ZONES}),
    "avoidconstraints": ("INPUT", CONTROLS),
}


@pytest.fixture(scope="module")
def gbk(tmp_path_factory):
    d = tmp_path_factory.mktemp("gbk")
    return gbk_shapefile_without_cpg(d / "apps.shp")


@pytest.mark.parametrize("alg", list(SUBJECTS))
def test_a_gbk_shapefile_without_cpg_is_refused_with_how_to_fix(processing, tmp_path, gbk, alg, outcome):
    key, extra = SUBJECTS[alg]
    text = refused(processing, alg, {key: gbk, **extra, "OUTPUT": str(tmp_path / "o.gpkg")})
    _how(text)
    assert "mineral" in text or "app_name" in text
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_the_mineral_field_is_named_first(processing, tmp_path, gbk, outcome):
    text = refused(processing, "mineralpolicy", {"INPUT": gbk, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "字段 mineral 的内容" in text and "field mineral" in text
    outcome("error")


@pytest.mark.parametrize("alg", list(SUBJECTS))
def test_with_a_cpg_file_the_verdicts_are_the_geopackages(processing, tmp_path, alg, outcome):
    shp = gbk_shapefile_without_cpg(tmp_path / "apps.shp")
    with open(os.path.splitext(shp)[0] + ".cpg", "w", encoding="ascii") as fh:
        fh.write("GBK")
    key, extra = SUBJECTS[alg]
    field = "avoid_result" if alg == "avoidconstraints" else "verdict"
    id_param = {"ID_FIELD": "app_no"} if alg in ("redlineoverlap", "avoidconstraints") else {}
    a, la = run(processing, alg, {key: shp, **extra, **id_param, "OUTPUT": "TEMPORARY_OUTPUT"})
    b, lb = run(processing, alg, {key: PROPOSED, **extra, **id_param, "OUTPUT": "TEMPORARY_OUTPUT"})
    got = {f["app_no"]: f[field] for f in la["OUTPUT"].getFeatures()}
    want = {f["app_no"]: f[field] for f in lb["OUTPUT"].getFeatures()}
    assert got == want
    outcome("correct")


def test_gbk_field_names_without_cpg_are_refused(processing, tmp_path, outcome):
    lyr = memory_layer("Point", "EPSG:4546", [("编号", "str"), ("矿种", "str"), ("储量规模", "str")],
                       [("POINT(480000 3810000)", ["X-1", "金矿", "中型"])])
    shp = save(lyr, tmp_path / "cn.shp", encoding="GBK")
    os.remove(os.path.splitext(shp)[0] + ".cpg")
    text = refused(processing, "mineralpolicy", {"INPUT": shp, "OUTPUT": "TEMPORARY_OUTPUT"})
    _how(text)
    assert "字段名" in text and "field names" in text
    outcome("error")


def test_utf8_declared_gbk_is_refused_naming_utf8(processing, tmp_path, outcome):
    shp = save(vector(PROPOSED), tmp_path / "u8.shp", encoding="UTF-8")
    with open(os.path.splitext(shp)[0] + ".cpg", "w", encoding="ascii") as fh:
        fh.write("GBK")
    text = refused(processing, "mineralpolicy", {"INPUT": shp, "OUTPUT": "TEMPORARY_OUTPUT"})
    _how(text, "UTF-8")
    assert "金矿" in text                        # what the text reads as in the right encoding
    outcome("error")


def test_gbk_declared_latin1_is_refused_showing_the_text(processing, tmp_path, outcome):
    shp = save(vector(PROPOSED), tmp_path / "l1.shp", encoding="GBK")
    with open(os.path.splitext(shp)[0] + ".cpg", "w", encoding="ascii") as fh:
        fh.write("ISO-8859-1")
    text = refused(processing, "mineralpolicy", {"INPUT": shp, "OUTPUT": "TEMPORARY_OUTPUT"})
    _how(text)
    assert "金矿" in text or "采矿" in text
    outcome("error")


@pytest.mark.parametrize("alg,key,extra", [
    ("zoneassignment", "MINING_BLOCKS", {"INPUT": PROPOSED, **ZONES}),
    ("compliancereview", "MINING_RIGHTS", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES}),
    ("planindicators", "MINING_RIGHTS", {}),
])
def test_mojibake_in_a_zone_or_rights_mineral_field_is_refused(processing, tmp_path, alg, key, extra, outcome):
    uri = {**ZONES, **RIGHTS}[key]
    shp = gbk_shapefile_without_cpg(tmp_path / f"{key.lower()}.shp", uri)
    text = refused(processing, alg, {**extra, key: shp, "OUTPUT": str(tmp_path / "o.gpkg")})
    _how(text)
    assert key in text
    outcome("error")


def test_mojibake_in_a_control_layers_ids_is_a_warning_and_verdicts_stand(processing, tmp_path, outcome):
    lyr = vector(CONTROLS["ECO_REDLINE"])
    names = [n for n in lyr.fields().names() if n != "fid"]
    rows = [(f.geometry().asWkt(), [("红线图斑" + str(f[n])) if n == names[0] else f[n] for n in names])
            for f in lyr.getFeatures()]
    spec = [(n, "str") if lyr.fields().field(n).type() == 10 else (n, "double") for n in names]
    eco = save(memory_layer("MultiPolygon", "EPSG:4546", spec, rows), tmp_path / "eco.shp", encoding="GBK")
    os.remove(os.path.splitext(eco)[0] + ".cpg")
    fb = Log()
    res, layers = run(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "ECO_REDLINE": eco,
                                                     "ID_FIELD": "app_no", "OUTPUT": "TEMPORARY_OUTPUT"}, fb)
    ref, lref = run(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "ID_FIELD": "app_no",
                                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    assert {f["app_no"]: f["verdict"] for f in layers["OUTPUT"].getFeatures()} == \
        {f["app_no"]: f["verdict"] for f in lref["OUTPUT"].getFeatures()}
    assert any("乱码" in w and "ECO_REDLINE" in w for w in fb.warnings)
    outcome("correct")


def test_the_sample_has_no_false_mojibake(outcome):
    """Every text value of every sample layer passes the detector (no false alarm on real Chinese data)."""
    from qgis.PyQt.QtCore import QVariant
    n = 0
    for layer in ("proposed_rights", "mining_rights", "exploration_rights", "eco_redline", "basic_farmland",
                  "nature_reserve", "urban_boundary", "key_exploration_areas", "key_mining_areas",
                  "concentrated_mining_areas", "exploration_blocks", "mining_blocks", "key_development_areas"):
        lyr = vector(sample_layer(layer))
        text = [i for i, f in enumerate(lyr.fields()) if f.type() == QVariant.String]
        for f in lyr.getFeatures():
            for i in text:
                v = f.attributes()[i]
                if isinstance(v, str) and v:
                    n += 1
                    assert mojibake(v) is None, (layer, v)
    assert n > 1000
    outcome("correct")


@pytest.mark.parametrize("text,enc,fixed", [
    ("����", "GBK", ""),
    ("½ð¿ó", "GBK", "金矿"),
    ("é‡‘çŸ¿", "UTF-8", "金矿"),
    ("閲戠熆", "UTF-8", "金矿"),
])
def test_the_detector_names_the_encoding(text, enc, fixed, outcome):
    assert mojibake(text) == (enc, fixed)
    outcome("error")
