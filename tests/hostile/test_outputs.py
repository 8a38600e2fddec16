"""Nothing lost, nothing silently altered in the outputs (issue #11 items 1 and 11): text longer than any
declared width (8,410 characters of farmland ids, a 2,000-character mineral, a 300-character parcel name, an
input field declared TEXT(10) holding 40) is written whole to GeoPackage, CSV and memory layers; a shapefile
(254 bytes per dBase value) gets it cut at a character boundary with an explicit mark, counted in
TRUNCATED_VALUES and logged in full; the counts in the results always equal the rows in the file; an output
encoding that cannot store a character is never used silently."""
from __future__ import annotations

import os

import pytest
from conftest import ROOT, features_by
from hostile.makers import (
    BIG_BLOCK,
    CONTROLS,
    PROPOSED,
    ZONES,
    Log,
    memory_layer,
    ogr_gpkg,
    proposed_feature,
    refused,
    run,
    save,
    vector,
)

from mineplan.rules.validation.textcheck import TRUNCATION_MARK

FORMATS = ["gpkg", "csv", "TEMPORARY_OUTPUT"]


def _out(tmp_path, fmt, name="o"):
    return "TEMPORARY_OUTPUT" if fmt == "TEMPORARY_OUTPUT" else str(tmp_path / f"{name}.{fmt}")


def _layer(layers, res):
    lyr = layers["OUTPUT"]
    assert lyr is not None and lyr.isValid()
    return lyr


@pytest.fixture(scope="module")
def big_block(tmp_path_factory):
    d = tmp_path_factory.mktemp("big")
    lyr = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str"), ("mineral", "str"), ("right_type", "str")],
                       [(BIG_BLOCK, ["BIG-1", "金矿", "采矿"])])
    return save(lyr, d / "big.gpkg", layer_name="big")


@pytest.mark.parametrize("fmt", FORMATS)
def test_thousands_of_farmland_ids_are_never_cut(processing, tmp_path, big_block, fmt, outcome):
    res, layers = run(processing, "redlineoverlap", {"INPUT": big_block, **CONTROLS, "ID_FIELD": "app_no",
                                                     "OUTPUT": _out(tmp_path, fmt), "OVERLAPS": "TEMPORARY_OUTPUT"})
    out = _layer(layers, res)
    rows = list(out.getFeatures())
    assert res["FEATURE_COUNT"] == 1 == len(rows) and res["TRUNCATED_VALUES"] == 0
    ids = rows[0]["farm_ids"]
    assert len(ids) > 5000 and ids.count(",") + 1 == len({p["constraint_id"] for p in
                                                          layers["OVERLAPS"].getFeatures()
                                                          if p["category"] == "farm"})
    assert rows[0]["verdict"] == "冲突"
    outcome("correct")


def test_farmland_ids_in_a_shapefile_are_cut_with_a_mark_counted_and_logged(processing, tmp_path, big_block, outcome):
    fb = Log()
    out = str(tmp_path / "o.shp")
    res, _ = run(processing, "redlineoverlap", {"INPUT": big_block, **CONTROLS, "ID_FIELD": "app_no", "OUTPUT": out},
                 fb)
    lyr = vector(out)
    rows = list(lyr.getFeatures())
    assert res["FEATURE_COUNT"] == 1 == len(rows) and res["TRUNCATED_VALUES"] >= 1
    ids = rows[0]["farm_ids"]
    assert ids.endswith(TRUNCATION_MARK) and len(ids.encode("utf-8")) <= 254
    assert rows[0]["verdict"] == "冲突"                                  # the verdict itself is never cut
    # 3.40 also logs "farm_ids: Aliases/Comments are not supported by ESRI Shapefile" (QGIS's own writer warnings)
    full = [t for t in fb.lines if "farm_ids" in t and "not supported by ESRI Shapefile" not in t]
    assert full and len(full[0]) > 5000                                  # the full value is in the log
    assert any("TRUNCATED" in t.upper() or "截断" in t for t in fb.lines)
    outcome("skip")


@pytest.mark.parametrize("alg,fmt", [(a, f) for a in ("minimumscale", "mineralpolicy") for f in FORMATS + ["shp"]])
def test_a_2000_character_mineral_keeps_its_row_and_is_never_compliant(processing, tmp_path, alg, fmt, outcome):
    mineral = "金" + "矿" * 1999
    lyr = memory_layer("Point", "EPSG:4546", [("app_no", "str"), ("mineral", "str"), ("scale", "str"),
                                              ("capacity", "double")],
                       [("POINT(480000 3810000)", ["X-1", mineral, "小型", 100.0]),
                        ("POINT(480100 3810000)", ["X-2", "金矿", "中型", 9.0])])
    src = save(lyr, tmp_path / "long.gpkg", layer_name="long")
    res, layers = run(processing, alg, {"INPUT": src, "OUTPUT": _out(tmp_path, fmt)})
    out = layers["OUTPUT"] if fmt != "shp" else vector(str(tmp_path / "o.shp"))
    rows = {f["app_no"]: f for f in out.getFeatures()}
    assert res["FEATURE_COUNT"] == 2 == len(rows)
    assert rows["X-1"]["verdict"] == "需人工核查"                       # unknown mineral: never 符合
    assert rows["X-2"]["verdict"] == "符合"
    if fmt == "shp":
        assert rows["X-1"]["mineral"].endswith(TRUNCATION_MARK) and res["TRUNCATED_VALUES"] >= 1
        outcome("skip")
    else:
        assert rows["X-1"]["mineral"] == mineral and res["TRUNCATED_VALUES"] == 0
        outcome("correct")


@pytest.mark.parametrize("fmt", ["gpkg", "csv", "shp", "TEMPORARY_OUTPUT"])
def test_a_300_character_parcel_name_keeps_its_row(processing, tmp_path, fmt, outcome):
    name = "灵宝市" + "甲" * 297
    text = ("[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n带号=37\n[地块坐标]\n"
            f"5,64.0000,1,{name},面,,采矿用地,,@\n"
            "J1,1,3812000,37486000\nJ2,1,3812000,37486800\nJ3,1,3812800,37486800\nJ4,1,3812800,37486000\n"
            "J1,1,3812000,37486000\n")
    src = tmp_path / "c.txt"
    src.write_text(text, encoding="utf-8")
    res, layers = run(processing, "importcoordinates", {"INPUT": str(src), "OUTPUT": _out(tmp_path, fmt)})
    out = layers["OUTPUT"] if fmt != "shp" else vector(str(tmp_path / "o.shp"))
    rows = list(out.getFeatures())
    assert res["PARCEL_COUNT"] == 1 == len(rows)
    if fmt == "shp":
        # the name is written twice: 地块名称 and the applications-layer 申请名称 (contract A) — both cut, both counted
        assert rows[0]["name"].endswith(TRUNCATION_MARK) and rows[0]["app_name"].endswith(TRUNCATION_MARK)
        assert res["TRUNCATED_VALUES"] == 2
        assert len(rows[0]["name"].encode("utf-8")) <= 254
        outcome("skip")
    else:
        assert rows[0]["name"] == rows[0]["app_name"] == name and res["TRUNCATED_VALUES"] == 0
        outcome("correct")


@pytest.mark.parametrize("alg", ["redlineoverlap", "minimumscale", "mineralpolicy", "zoneassignment",
                                 "compliancereview", "avoidconstraints"])
@pytest.mark.parametrize("fmt", ["gpkg", "csv"])
def test_input_text_longer_than_its_declared_width_is_carried_whole(processing, tmp_path, alg, fmt, outcome):
    """An input GeoPackage field declared TEXT(10) that holds 40 characters: QGIS would refuse the whole row
    ("String of length 40 exceeds maximum field length (10)") if the output kept the width."""
    f14 = proposed_feature("SQ2025-14")
    note = "备注" * 20
    src = ogr_gpkg(tmp_path / "w.gpkg", "w", [("app_no", 10), ("mineral", 10), ("right_type", 10), ("note", 10)],
                   [(f14.geometry().asWkt(), ["SQ2025-14", "金矿", "采矿", note])])
    assert vector(src).fields().field("note").length() == 10
    params = {"redlineoverlap": {"INPUT": src, **CONTROLS}, "minimumscale": {"INPUT": src},
              "mineralpolicy": {"INPUT": src}, "zoneassignment": {"INPUT": src, **ZONES},
              "compliancereview": {"PROPOSED": src, **CONTROLS, **ZONES},
              "avoidconstraints": {"INPUT": src, **CONTROLS}}[alg]
    res, layers = run(processing, alg, {**params, "OUTPUT": _out(tmp_path, fmt)})
    rows = list(layers["OUTPUT"].getFeatures())
    assert res["FEATURE_COUNT"] == 1 == len(rows) and rows[0]["note"] == note
    outcome("correct")


@pytest.mark.parametrize("fmt", ["gpkg", "shp", "csv", "TEMPORARY_OUTPUT"])
def test_review_counts_equal_the_rows_in_the_file(processing, tmp_path, fmt, outcome):
    res, layers = run(processing, "compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES,
                                                       "OUTPUT": _out(tmp_path, fmt)})
    out = layers["OUTPUT"] if fmt != "shp" else vector(str(tmp_path / "o.shp"))
    verdicts = [f["verdict"] for f in out.getFeatures()]
    assert len(verdicts) == res["FEATURE_COUNT"] == 46
    assert (verdicts.count("符合"), verdicts.count("不符合"), verdicts.count("需论证")) == \
        (res["OK_COUNT"], res["FAIL_COUNT"], res["ARGUE_COUNT"])
    if fmt == "shp":
        names = out.fields().names()
        assert all(len(n.encode()) <= 10 for n in names) and "eco_area" in names and "ovl_verd" in names
        assert "reserve_ar" not in names                                   # never GDAL's laundering
    outcome("correct")


@pytest.mark.parametrize("alg,params,count_key", [
    ("redlineoverlap", {"INPUT": PROPOSED, **CONTROLS}, "FEATURE_COUNT"),
    ("minimumscale", {"INPUT": PROPOSED}, "FEATURE_COUNT"),
    ("mineralpolicy", {"INPUT": PROPOSED}, "FEATURE_COUNT"),
    ("zoneassignment", {"INPUT": PROPOSED, **ZONES}, "FEATURE_COUNT"),
    ("avoidconstraints", {"INPUT": PROPOSED, **CONTROLS}, "FEATURE_COUNT"),
    ("sitingareas", {"MINERAL": "建筑石料", **CONTROLS, **ZONES}, "POLYGON_COUNT"),
    ("importcoordinates", {"INPUT": os.path.join(ROOT, "data", "coordinates", "sample_bubiao_zone37.txt")},
     "PARCEL_COUNT"),
])
def test_every_algorithm_counts_what_it_wrote_to_a_shapefile(processing, tmp_path, alg, params, count_key, outcome):
    out = str(tmp_path / "o.shp")
    res, _ = run(processing, alg, {**params, "OUTPUT": out})
    assert vector(out).featureCount() == res[count_key]
    outcome("correct")


def test_system_encoding_that_cannot_store_chinese_falls_back_to_utf8(processing, tmp_path, outcome):
    """A latin-1 'system' encoding would turn every Chinese character into '?': UTF-8 is used instead, said in
    the log (the .cpg says so), and the text is intact."""
    from qgis.core import QgsProcessingContext
    ctx = QgsProcessingContext()
    ctx.setDefaultEncoding("ISO-8859-1")
    fb = Log()
    out = str(tmp_path / "p.shp")
    run(processing, "mineralpolicy", {"INPUT": PROPOSED, "OUTPUT": out}, fb, ctx)
    rows = features_by(vector(out), "app_no")
    assert rows["SQ2025-13"]["mnrl_std"].startswith("砖瓦") and rows["SQ2025-13"]["verdict"] == "不符合"
    with open(os.path.splitext(out)[0] + ".cpg", encoding="ascii") as fh:
        assert fh.read().strip().upper().replace("-", "") == "UTF8"
    assert any("UTF-8" in t for t in fb.lines)
    outcome("correct")


def test_an_explicit_encoding_that_cannot_store_a_character_is_refused(processing, tmp_path, outcome):
    from qgis.core import QgsProcessingOutputLayerDefinition
    out = str(tmp_path / "o.shp")
    d = QgsProcessingOutputLayerDefinition(out)
    d.createOptions = {"fileEncoding": "ISO-8859-1"}
    text = refused(processing, "mineralpolicy", {"INPUT": PROPOSED, "OUTPUT": d})
    assert "ISO-8859-1" in text and "UTF-8" in text and "无法表示" in text and "cannot store" in text
    assert not os.path.exists(out) and not os.path.exists(str(tmp_path / "o.dbf"))
    outcome("error")


def test_an_explicit_gbk_shapefile_keeps_every_chinese_character(processing, tmp_path, outcome):
    from qgis.core import QgsProcessingOutputLayerDefinition
    out = str(tmp_path / "g.shp")
    d = QgsProcessingOutputLayerDefinition(out)
    d.createOptions = {"fileEncoding": "GBK"}
    res, _ = run(processing, "mineralpolicy", {"INPUT": PROPOSED, "OUTPUT": d})
    with open(os.path.splitext(out)[0] + ".cpg", encoding="ascii") as fh:
        assert fh.read().strip().upper() in ("GBK", "CP936", "936")
    rows = features_by(vector(out), "app_no")
    source = features_by(vector(PROPOSED), "app_no")
    assert len(rows) == res["FEATURE_COUNT"] == 46
    assert all(rows[k]["app_name"] == source[k]["app_name"] and rows[k]["mnrl_std"] == "砖瓦用粘土"
               for k in ("SQ2025-13",)) and all(rows[k]["app_name"] == source[k]["app_name"] for k in rows)
    outcome("correct")


def test_overlap_polygons_with_long_ids_are_all_written(processing, tmp_path, big_block, outcome):
    res, layers = run(processing, "redlineoverlap", {"INPUT": big_block, **CONTROLS, "ID_FIELD": "app_no",
                                                     "OUTPUT": "TEMPORARY_OUTPUT",
                                                     "OVERLAPS": str(tmp_path / "ov.gpkg")})
    polys = vector(str(tmp_path / "ov.gpkg"))
    assert polys.featureCount() > 100 and {p["feature_id"] for p in polys.getFeatures()} == {"BIG-1"}
    outcome("correct")


@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_the_review_of_a_long_mineral_is_never_compliant(processing, tmp_path, fmt, outcome):
    """The issue's case: a row with a long mineral text became 符合 in the review (its row was dropped from the
    policy output the review joined). Now it keeps its row and is 需论证 at best."""
    f1 = proposed_feature("SQ2025-01")
    mineral = "金矿" + "（岩金）" * 300
    lyr = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str"), ("mineral", "str"), ("scale", "str"),
                                                     ("capacity", "double"), ("right_type", "str")],
                       [(f1.geometry().asWkt(), ["SQ2025-01", mineral, f1["scale"], f1["capacity"], "采矿"])])
    src = save(lyr, tmp_path / "l.gpkg", layer_name="l")
    res, layers = run(processing, "compliancereview", {"PROPOSED": src, **CONTROLS, **ZONES,
                                                       "OUTPUT": _out(tmp_path, fmt)})
    rows = list((layers["OUTPUT"] if fmt != "shp" else vector(str(tmp_path / "o.shp"))).getFeatures())
    assert res["FEATURE_COUNT"] == 1 == len(rows) and rows[0]["verdict"] != "符合"
    outcome("correct")
