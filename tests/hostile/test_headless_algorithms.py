"""The algorithm refusals through ``qgis_process.bin``, as a consultant runs them (qgis_process checks no
geometry types and accepts any path): a clean bilingual error, exit code 1, no ``Traceback``, no output file,
the input files unchanged; and the shapefile cut counted in the JSON results."""
from __future__ import annotations

import os
import shutil

import pytest
from conftest import ROOT, SAMPLE, qgis_process
from hostile.makers import gbk_shapefile_without_cpg, memory_layer, save, vector, without_crs

pytestmark = pytest.mark.slow


def L(sample, name):
    return f"{sample}|layername={name}"


def _controls(sample):
    return [f"ECO_REDLINE={L(sample, 'eco_redline')}", f"BASIC_FARMLAND={L(sample, 'basic_farmland')}",
            f"URBAN_BOUNDARY={L(sample, 'urban_boundary')}", f"NATURE_RESERVE={L(sample, 'nature_reserve')}"]


def _refused(out, rc, words):
    assert "Traceback" not in out, out
    assert rc == 1, out
    for w in words:
        assert w in out, (w, out)


@pytest.fixture
def sample(tmp_path, untouched):
    p = tmp_path / "s.gpkg"
    shutil.copy2(SAMPLE, p)
    return untouched(str(p))


def test_output_on_the_input_geopackage(sample, outcome):
    rc, _, out = qgis_process("run", "mineplan:redlineoverlap", "--", f"INPUT={L(sample, 'proposed_rights')}",
                              *_controls(sample), f"OUTPUT={sample}", check=False)
    _refused(out, rc, ["是同一文件", "is the same file"])
    outcome("error")


def test_report_pdf_on_the_input_geopackage(sample, tmp_path, outcome):
    rc, _, out = qgis_process("run", "mineplan:compliancereview", "--", f"PROPOSED={L(sample, 'proposed_rights')}",
                              *_controls(sample), f"OUTPUT={tmp_path / 'o.gpkg'}", f"REPORT_PDF={sample}", check=False)
    _refused(out, rc, ["REPORT_PDF", "是同一文件"])
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_layer_without_crs(sample, tmp_path, outcome):
    eco = without_crs(tmp_path, f"{SAMPLE}|layername=eco_redline", "eco")
    rc, _, out = qgis_process("run", "mineplan:redlineoverlap", "--", f"INPUT={L(sample, 'proposed_rights')}",
                              f"ECO_REDLINE={eco}", f"OUTPUT={tmp_path / 'o.gpkg'}", f"OVERLAPS={tmp_path / 'p.gpkg'}",
                              check=False)
    _refused(out, rc, ["未定义坐标系", "has no CRS"])
    assert not (tmp_path / "o.gpkg").exists() and not (tmp_path / "p.gpkg").exists()
    outcome("error")


def test_point_layer_as_eco_redline(sample, tmp_path, outcome):
    pts = save(memory_layer("Point", "EPSG:4546", [("id", "str")], [("POINT(480000 3810000)", ["a"])]),
               tmp_path / "pts.gpkg", layer_name="pts")
    rc, _, out = qgis_process("run", "mineplan:compliancereview", "--", f"PROPOSED={L(sample, 'proposed_rights')}",
                              f"ECO_REDLINE={pts}", f"OUTPUT={tmp_path / 'o.gpkg'}", check=False)
    _refused(out, rc, ["不是面图层", "is not a polygon layer", "ECO_REDLINE"])
    outcome("error")


def test_polygon_at_1e20(sample, tmp_path, outcome):
    wkt = "POLYGON((1e20 1e20,1.0001e20 1e20,1.0001e20 1.0001e20,1e20 1e20))"
    far = save(memory_layer("Polygon", "EPSG:4546", [("app_no", "str")], [(wkt, ["FAR"])]), tmp_path / "far.gpkg",
               layer_name="far")
    rc, _, out = qgis_process("run", "mineplan:redlineoverlap", "--", f"INPUT={far}", *_controls(sample),
                              f"OUTPUT={tmp_path / 'o.gpkg'}", check=False)
    _refused(out, rc, ["不在坐标系", "outside the valid area"])
    outcome("error")


def test_unwritable_report(sample, tmp_path, outcome):
    (tmp_path / "file").write_text("x")
    rc, _, out = qgis_process("run", "mineplan:compliancereview", "--", f"PROPOSED={L(sample, 'proposed_rights')}",
                              *_controls(sample), f"OUTPUT={tmp_path / 'o.gpkg'}",
                              f"REPORT_HTML={tmp_path / 'file' / 'r.html'}", check=False)
    _refused(out, rc, ["无法写出", "cannot be written"])
    assert not (tmp_path / "o.gpkg").exists()
    outcome("error")


def test_gbk_shapefile_without_cpg(tmp_path, outcome):
    shp = gbk_shapefile_without_cpg(tmp_path / "apps.shp", f"{SAMPLE}|layername=proposed_rights")
    rc, _, out = qgis_process("run", "mineplan:mineralpolicy", "--", f"INPUT={shp}", f"OUTPUT={tmp_path / 'o.gpkg'}",
                              check=False)
    _refused(out, rc, ["乱码", "mojibake", ".cpg", "GBK"])
    outcome("error")


def test_nan_parameter(sample, tmp_path, outcome):
    rc, _, out = qgis_process("run", "mineplan:redlineoverlap", "--", f"INPUT={L(sample, 'proposed_rights')}",
                              *_controls(sample), "MIN_OVERLAP_AREA=nan", f"OUTPUT={tmp_path / 'o.gpkg'}", check=False)
    _refused(out, rc, ["MIN_OVERLAP_AREA"])
    outcome("error")


def test_shapefile_cut_is_counted_in_the_results(sample, tmp_path, outcome):
    rc, data, out = qgis_process("--json", "run", "mineplan:compliancereview", "--",
                                 f"PROPOSED={L(sample, 'proposed_rights')}", *_controls(sample),
                                 f"OUTPUT={tmp_path / 'r.shp'}", check=False)
    assert rc == 0 and "Traceback" not in out, out
    res = data["results"]
    lyr = vector(str(tmp_path / "r.shp"))
    assert lyr.featureCount() == res["FEATURE_COUNT"] == 46 and res["TRUNCATED_VALUES"] > 0
    cut = sum(1 for f in lyr.getFeatures() for v in f.attributes() if isinstance(v, str) and v.endswith("[截断/truncated]"))
    assert cut == res["TRUNCATED_VALUES"]
    outcome("skip")


def test_coordinate_import_onto_its_own_file(tmp_path, untouched, outcome):
    src = untouched(shutil.copy(os.path.join(ROOT, "data", "coordinates", "sample_points.csv"), tmp_path / "p.csv"))
    rc, _, out = qgis_process("run", "mineplan:importcoordinates", "--", f"INPUT={src}", f"OUTPUT={src}", check=False)
    _refused(out, rc, ["是同一文件"])
    outcome("error")
