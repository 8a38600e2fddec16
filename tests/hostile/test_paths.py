"""No input is ever overwritten, no output path fails half-way (issue #11 items 3 and 10): every algorithm
refuses — in checkParameterValues, before anything is computed or written — an output that is an input
(however spelled: relative, through a symbolic link, ``ogr:dbname=…`` into the input GeoPackage, the .dbf
of an input shapefile), the rule file or the report template, two outputs on one file, and a path that
cannot be created or written. The input files are byte-for-byte unchanged afterwards (fixture ``untouched``)."""
from __future__ import annotations

import os
import shutil

import pytest
from hostile.makers import CONTROLS, PROPOSED, ZONES, files_in, refused, run, sample_copy, save, vector

from mineplan.rules import default_ruleset_path

SAME_FILE = ("是同一文件", "is the same file")
CANNOT_WRITE = ("无法写出", "cannot be written")


def _words(text, pair):
    assert pair[0] in text and pair[1] in text, text


def _inputs(sample: str, alg: str) -> dict:
    L = lambda n: f"{sample}|layername={n}"  # noqa: E731
    controls = {k: L(v.split("layername=")[1]) for k, v in CONTROLS.items()}
    zones = {k: L(v.split("layername=")[1]) for k, v in ZONES.items()}
    return {"redlineoverlap": {"INPUT": L("proposed_rights"), **controls},
            "minimumscale": {"INPUT": L("proposed_rights")}, "mineralpolicy": {"INPUT": L("proposed_rights")},
            "zoneassignment": {"INPUT": L("proposed_rights"), **zones},
            "compliancereview": {"PROPOSED": L("proposed_rights"), **controls, **zones},
            "avoidconstraints": {"INPUT": L("proposed_rights"), **controls},
            "planindicators": {"MINING_RIGHTS": L("mining_rights")},
            "sitingareas": {"MINERAL": "建筑石料", **controls, **zones}}[alg]


ALGS = ["redlineoverlap", "minimumscale", "mineralpolicy", "zoneassignment", "compliancereview", "avoidconstraints",
        "planindicators", "sitingareas"]


@pytest.mark.parametrize("alg", ALGS)
def test_output_on_the_input_geopackage_is_refused(processing, tmp_path, untouched, alg, outcome):
    sample = untouched(sample_copy(tmp_path))
    text = refused(processing, alg, {**_inputs(sample, alg), "OUTPUT": sample})
    _words(text, SAME_FILE)
    assert len(vector(f"{sample}|layername=proposed_rights").fields()) > 10      # still the sample
    outcome("error")


@pytest.mark.parametrize("spelling", ["relative", "dotdot", "symlink", "ogr-uri", "ogr-uri-new-layer"])
def test_output_on_the_input_however_spelled_is_refused(processing, tmp_path, untouched, spelling, outcome,
                                                        monkeypatch):
    sample = untouched(sample_copy(tmp_path))
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    if spelling == "relative":
        out = "sample.gpkg"
    elif spelling == "dotdot":
        out = str(tmp_path / "sub" / ".." / "sample.gpkg")
    elif spelling == "symlink":
        os.symlink(sample, tmp_path / "link.gpkg")
        out = str(tmp_path / "link.gpkg")
    elif spelling == "ogr-uri":
        out = f"ogr:dbname='{sample}' table=\"proposed_rights\" (geom)"
    else:
        out = f"ogr:dbname='{sample}' table=\"review_result\" (geom)"      # a NEW layer in the input file
    text = refused(processing, "redlineoverlap", {**_inputs(sample, "redlineoverlap"), "OUTPUT": out})
    _words(text, SAME_FILE)
    outcome("error")


@pytest.mark.parametrize("case", ["dbf-of-input-shp", "shp-of-input-dbf"])
def test_a_shapefile_sidecar_of_an_input_is_refused(processing, tmp_path, untouched, case, outcome):
    src = save(vector(PROPOSED), tmp_path / "apps.shp")
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        untouched(os.path.splitext(src)[0] + ext)
    if case == "dbf-of-input-shp":
        params = {"INPUT": src, "OUTPUT": str(tmp_path / "apps.dbf")}
    else:
        params = {"INPUT": os.path.splitext(src)[0] + ".dbf", "OUTPUT": src}
    text = refused(processing, "mineralpolicy", params)
    _words(text, SAME_FILE)
    outcome("error")


@pytest.mark.parametrize("key", ["REPORT_HTML", "REPORT_PDF", "REPORT_ODT"])
def test_a_report_on_the_input_geopackage_is_refused(processing, tmp_path, untouched, key, outcome):
    sample = untouched(sample_copy(tmp_path))
    text = refused(processing, "compliancereview", {**_inputs(sample, "compliancereview"),
                                                    "OUTPUT": str(tmp_path / "o.gpkg"), key: sample})
    _words(text, SAME_FILE)
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


@pytest.mark.parametrize("alg,key", [("compliancereview", "REPORT_HTML"), ("compliancereview", "REPORT_PDF"),
                                     ("validaterules", "REPORT_HTML"), ("planindicators", "REPORT_HTML")])
def test_an_output_on_the_rule_file_is_refused(processing, tmp_path, untouched, alg, key, outcome):
    rule = untouched(shutil.copy(default_ruleset_path(), tmp_path / "plan.yaml"))
    for ref in ("minerals.yaml", "reserve_scale_133.yaml"):
        shutil.copy(os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference", ref), tmp_path / ref)
    sample = sample_copy(tmp_path)
    params = {} if alg == "validaterules" else _inputs(sample, alg)
    params = {**params, "RULESET": rule, "OUTPUT": str(tmp_path / "o.gpkg"), key: rule}
    text = refused(processing, alg, params)
    _words(text, SAME_FILE)
    assert "RULESET" in text
    outcome("error")


def test_a_layer_output_named_like_the_rule_file_goes_to_a_geopackage_beside_it(processing, tmp_path, untouched,
                                                                               outcome):
    """OUTPUT=plan.yaml: GDAL has no YAML vector format, so QGIS writes plan.yaml.gpkg — the rule file stays."""
    rule = untouched(shutil.copy(default_ruleset_path(), tmp_path / "plan.yaml"))
    res, _ = run(processing, "validaterules", {"RULESET": rule, "OUTPUT": rule})
    assert res["OUTPUT"] == rule + ".gpkg" and os.path.exists(rule + ".gpkg")
    outcome("correct")


def test_the_bundled_rule_file_is_an_input_too(processing, tmp_path, outcome):
    text = refused(processing, "validaterules", {"OUTPUT": str(tmp_path / "o.gpkg"),
                                                 "REPORT_HTML": default_ruleset_path()})
    _words(text, SAME_FILE)
    outcome("error")


def test_a_report_on_its_template_is_refused(processing, tmp_path, untouched, outcome):
    from mineplan.core.report.review import TEMPLATE_DIR
    template = untouched(shutil.copy(os.path.join(TEMPLATE_DIR, "review_zh.html.j2"), tmp_path / "mine.html"))
    sample = sample_copy(tmp_path)
    text = refused(processing, "compliancereview", {**_inputs(sample, "compliancereview"), "REPORT_TEMPLATE": template,
                                                    "OUTPUT": "TEMPORARY_OUTPUT", "REPORT_HTML": template})
    _words(text, SAME_FILE)
    outcome("error")


def test_importcoordinates_output_on_its_coordinate_file_is_refused(processing, tmp_path, untouched, outcome):
    from conftest import ROOT
    src = untouched(shutil.copy(os.path.join(ROOT, "data", "coordinates", "sample_points.csv"), tmp_path / "p.csv"))
    text = refused(processing, "importcoordinates", {"INPUT": src, "OUTPUT": src})
    _words(text, SAME_FILE)
    outcome("error")


@pytest.mark.parametrize("first,second", [("REPORT_HTML", "REPORT_PDF"), ("OUTPUT", "REPORT_PDF"),
                                          ("REPORT_PDF", "REPORT_ODT")])
def test_two_outputs_on_one_file_are_refused(processing, tmp_path, first, second, outcome):
    sample = sample_copy(tmp_path)
    path = str(tmp_path / "same.gpkg")
    params = {**_inputs(sample, "compliancereview"), "OUTPUT": str(tmp_path / "o.gpkg"), first: path, second: path}
    text = refused(processing, "compliancereview", params)
    assert "同一文件" in text and "same file" in text
    assert files_in(tmp_path) == ["sample.gpkg"]
    outcome("error")


def test_overlap_polygons_on_the_verdict_output_are_refused(processing, tmp_path, outcome):
    out = str(tmp_path / "o.gpkg")
    text = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "OUTPUT": out, "OVERLAPS": out})
    assert "同一文件" in text
    outcome("error")


def _unwritable(tmp_path, how):
    if how == "proc":
        return "/proc/mineplan-nope/r.html"
    if how == "parent-is-file":
        (tmp_path / "file.txt").write_text("x")
        return str(tmp_path / "file.txt" / "r.html")
    if how == "is-folder":
        (tmp_path / "folder.gpkg").mkdir()
        return str(tmp_path / "folder.gpkg")
    if how == "nul":
        return str(tmp_path / "a\0b.html")
    raise ValueError(how)


@pytest.mark.parametrize("key", ["REPORT_HTML", "REPORT_PDF", "OUTPUT"])
@pytest.mark.parametrize("how", ["proc", "parent-is-file", "is-folder", "nul"])
def test_an_output_that_cannot_be_written_is_refused_before_anything(processing, tmp_path, key, how, outcome):
    sample = sample_copy(tmp_path)
    bad = _unwritable(tmp_path, how)
    if key == "OUTPUT" and how not in ("nul", "is-folder"):
        bad = os.path.splitext(bad)[0] + ".gpkg"
    params = {**_inputs(sample, "compliancereview"), "OUTPUT": str(tmp_path / "o.gpkg"), key: bad}
    before = files_in(tmp_path)
    text = refused(processing, "compliancereview", params)
    assert ("无法写出" in text and "cannot be written" in text) or "NUL" in text, text
    assert files_in(tmp_path) == before and not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_a_picture_folder_that_is_a_file_is_refused(processing, tmp_path, outcome):
    sample = sample_copy(tmp_path)
    (tmp_path / "r_files").write_text("not a folder")
    text = refused(processing, "compliancereview", {**_inputs(sample, "compliancereview"),
                                                    "OUTPUT": str(tmp_path / "o.gpkg"),
                                                    "REPORT_HTML": str(tmp_path / "r.html")})
    assert "r_files" in text and "是一个文件" in text
    outcome("error")


def test_a_read_only_report_file_is_refused(processing, tmp_path, outcome):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root may write read-only files")
    sample = sample_copy(tmp_path)
    ro = tmp_path / "r.pdf"
    ro.write_bytes(b"%PDF-old")
    ro.chmod(0o444)
    text = refused(processing, "compliancereview", {**_inputs(sample, "compliancereview"),
                                                    "OUTPUT": str(tmp_path / "o.gpkg"), "REPORT_PDF": str(ro)})
    assert "只读" in text and "read-only" in text and ro.read_bytes() == b"%PDF-old"
    outcome("error")


@pytest.mark.slow
def test_outputs_in_new_nested_folders_are_created(processing, tmp_path, outcome):
    sample = sample_copy(tmp_path)
    few = vector(f"{sample}|layername=proposed_rights")
    few.setSubsetString("\"app_no\" IN ('SQ2025-01','SQ2025-14')")
    src = save(few, tmp_path / "few.gpkg", layer_name="few")
    deep = tmp_path / "a" / "b" / "c"
    res, _ = run(processing, "compliancereview", {**_inputs(sample, "compliancereview"), "PROPOSED": src,
                                                  "OUTPUT": str(deep / "o.gpkg"), "REPORT_HTML": str(deep / "r.html")})
    assert (deep / "o.gpkg").exists() and (deep / "r.html").exists() and res["FEATURE_COUNT"] == 2
    outcome("correct")


def test_the_model_refuses_an_output_on_its_input(processing, tmp_path, untouched, outcome):
    """The review as a .model3: its child algorithm runs the same checks (a model does not call the child's
    checkParameterValues)."""
    sample = untouched(sample_copy(tmp_path))
    params = {**_inputs(sample, "compliancereview"), "review:REVIEW": sample,
              "attention:ATTENTION": "TEMPORARY_OUTPUT"}
    _words(_model_refused(processing, params), SAME_FILE)
    outcome("error")


def _model_refused(processing, params) -> str:
    """A model reports its child's error: in the log on 3.22 ("Error encountered while running …" is the exception),
    in the exception itself on 3.40 ("Error encountered while running …: <the child's message>", nothing in the log)."""
    from hostile.makers import Log
    from qgis.core import QgsProcessingException
    fb = Log()
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, "compliancechain", params, fb)
    text = "\n".join(fb.lines + [str(exc.value)])
    assert "Traceback" not in text
    return text


def test_the_model_refuses_a_point_layer_as_red_line(processing, tmp_path, outcome):
    from hostile.makers import memory_layer
    pts = save(memory_layer("Point", "EPSG:4546", [("id", "str")], [("POINT(480000 3810000)", ["a"])]),
               tmp_path / "pts.gpkg", layer_name="pts")
    params = {**_inputs(sample_copy(tmp_path), "compliancereview"), "ECO_REDLINE": pts,
              "review:REVIEW": str(tmp_path / "r.gpkg"), "attention:ATTENTION": str(tmp_path / "a.gpkg")}
    text = _model_refused(processing, params)
    assert "不是面图层" in text and not (tmp_path / "r.gpkg").exists() and not (tmp_path / "a.gpkg").exists()
    outcome("error")


def test_an_unknown_extension_gets_the_geopackage_qgis_writes(processing, tmp_path, outcome):
    res, _ = run(processing, "mineralpolicy", {"INPUT": PROPOSED, "OUTPUT": str(tmp_path / "x.foo")})
    assert res["OUTPUT"].endswith("x.foo.gpkg") and vector(res["OUTPUT"]).featureCount() == res["FEATURE_COUNT"]
    outcome("correct")


def test_an_unknown_extension_on_an_input_is_refused(processing, tmp_path, untouched, outcome):
    """OUTPUT=s.gpkg.foo… no: OUTPUT=s (no extension) is written to s.gpkg — the input."""
    sample = untouched(sample_copy(tmp_path, "s.gpkg"))
    text = refused(processing, "mineralpolicy", {"INPUT": f"{sample}|layername=proposed_rights",
                                                 "OUTPUT": str(tmp_path / "s")})
    _words(text, SAME_FILE)
    outcome("error")


def test_a_file_name_too_long_is_refused_before_computing(processing, tmp_path, outcome):
    text = refused(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS,
                                                  "OUTPUT": str(tmp_path / ("长" * 100 + ".gpkg"))})
    assert "文件名过长" in text and "too long" in text
    outcome("error")
