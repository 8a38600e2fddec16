"""Algorithms through the processing framework (toolbox/modeler path) on the sample data."""
import pytest
from conftest import features_by, run_alg, sample_layer

CONTROLS = {"ECO_REDLINE": sample_layer("eco_redline"), "BASIC_FARMLAND": sample_layer("basic_farmland"),
            "URBAN_BOUNDARY": sample_layer("urban_boundary"), "NATURE_RESERVE": sample_layer("nature_reserve")}
ZONES = {"KEY_EXPLORATION_AREAS": sample_layer("key_exploration_areas"),
         "KEY_MINING_AREAS": sample_layer("key_mining_areas"),
         "CONCENTRATED_MINING_AREAS": sample_layer("concentrated_mining_areas"),
         "EXPLORATION_BLOCKS": sample_layer("exploration_blocks"), "MINING_BLOCKS": sample_layer("mining_blocks"),
         "KEY_DEVELOPMENT_AREAS": sample_layer("key_development_areas")}


@pytest.fixture(scope="module")
def overlap(processing):
    return run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"), **CONTROLS,
                                                           "OUTPUT": "TEMPORARY_OUTPUT", "OVERLAPS": "TEMPORARY_OUTPUT"})


def test_overlap_fields_and_counts(overlap):
    res, layers = overlap
    out = layers["OUTPUT"]
    names = out.fields().names()
    for p in ("eco", "farm", "urban", "reserve"):
        for suffix in ("area_m2", "pct", "ids"):
            assert f"{p}_{suffix}" in names
    for n in ("block_area_m2", "conflict", "verdict", "reason", "reason_en", "area_method", "app_no"):
        assert n in names
    assert res["FEATURE_COUNT"] == 46 == out.featureCount() and res["NO_GEOMETRY_COUNT"] == 1
    # invalid geometries repaired among what was read: constraint layers are read where the applications are
    # (demand-driven), so farmland bow-ties far from every application are never touched
    assert res["INVALID_REPAIRED"] >= 2          # the invalid application + the bow-tie parcel under SQ2025-17
    # 14, 16–19 (mining in a control line) and 42 (exploration in the reserve's core zone); 15, 21, 22
    assert res["CONFLICT_COUNT"] == 6 and res["ARGUE_COUNT"] == 3


def test_overlap_verdicts(overlap):
    _, layers = overlap
    f = features_by(layers["OUTPUT"], "app_no")
    assert f["SQ2025-14"]["verdict"] == "冲突" and f["SQ2025-14"]["conflict"] == 1
    assert f["SQ2025-15"]["verdict"] == "需论证"                       # exploration in the red line
    assert f["SQ2025-17"]["verdict"] == "冲突" and f["SQ2025-17"]["farm_area_m2"] > 1000   # invalid parcel repaired
    assert f["SQ2025-27"]["verdict"] == "无几何"
    sliver = f["SQ2025-32"]
    assert sliver["verdict"] == "符合" and 0 < sliver["eco_area_m2"] < 1.0
    assert "椭球" in f["SQ2025-01"]["area_method"]
    assert f["SQ2025-16"]["farm_ids"].count(",") >= 3
    assert abs(f["SQ2025-14"]["eco_pct"] - 100.0) < 1e-6


def test_overlap_polygons(overlap):
    _, layers = overlap
    polys = list(layers["OVERLAPS"].getFeatures())
    assert {p["category"] for p in polys} >= {"eco", "farm", "urban", "reserve"}
    by_feature = {}
    for p in polys:
        by_feature.setdefault((p["feature_id"], p["category"]), 0.0)
        by_feature[(p["feature_id"], p["category"])] += p["area_m2"]
    assert by_feature[("14", "eco")] == pytest.approx(629985.2, rel=1e-4)   # SQ2025-14 is feature id 14


def test_aliases_on_loaded_output(processing):
    """Output fields are ASCII snake_case; the layer QGIS loads shows Chinese aliases."""
    from qgis.core import QgsProject
    res = processing.runAndLoadResults("mineplan:mineralpolicy", {"INPUT": sample_layer("proposed_rights"),
                                                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    assert layer is not None
    assert layer.attributeAlias(layer.fields().lookupField("verdict")) == "矿种准入结论"
    assert layer.attributeAlias(layer.fields().lookupField("mineral_std")) == "规范矿种"
    QgsProject.instance().removeMapLayer(layer.id())


def test_overlap_needs_a_control_layer(processing):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"),
                                                        "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "ECO_REDLINE" in str(exc.value)


def test_overlap_stop_on_invalid(processing):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"),
                                                        "BASIC_FARMLAND": CONTROLS["BASIC_FARMLAND"],
                                                        "INVALID_GEOMETRY": 2, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "invalid geometry" in str(exc.value) or "无效" in str(exc.value)


def test_overlap_skip_counts(processing):
    res, layers = run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"),
                                                                  "URBAN_BOUNDARY": CONTROLS["URBAN_BOUNDARY"],
                                                                  "INVALID_GEOMETRY": 1, "OUTPUT": "TEMPORARY_OUTPUT"})
    # the skipped feature keeps its row (never dropped): 无几何 with the reason, counted as skipped
    assert res["INVALID_SKIPPED"] == 1 and res["FEATURE_COUNT"] == 46 == layers["OUTPUT"].featureCount()
    f = features_by(layers["OUTPUT"], "app_no")["SQ2025-26"]
    assert f["verdict"] == "无几何" and "跳过" in f["reason"] and not f["urban_area_m2"]


def test_overlap_planar_method(processing):
    res, layers = run_alg(processing, "mineplan:redlineoverlap", {"INPUT": sample_layer("proposed_rights"),
                                                                  "ECO_REDLINE": CONTROLS["ECO_REDLINE"],
                                                                  "AREA_METHOD": 1, "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")["SQ2025-14"]
    assert "EPSG:4546" in f["area_method"]
    assert f["eco_area_m2"] == pytest.approx(629985.2, rel=2e-4)      # planar GK ≈ ellipsoidal near the CM


def test_overlap_other_constraints_unique_names(processing):
    res, layers = run_alg(processing, "mineplan:redlineoverlap", {
        "INPUT": sample_layer("proposed_rights"),
        "OTHER_CONSTRAINTS": [sample_layer("eco_redline"), sample_layer("nature_reserve")],
        "OUTPUT": "TEMPORARY_OUTPUT"})
    names = layers["OUTPUT"].fields().names()
    assert "other_1_area_m2" in names and "other_2_area_m2" in names
    f = features_by(layers["OUTPUT"], "app_no")["SQ2025-14"]
    assert f["verdict"] == "需论证"            # "other" constraints need justification per the rule set


def test_minimum_scale_alg(processing):
    res, layers = run_alg(processing, "mineplan:minimumscale", {"INPUT": sample_layer("proposed_rights"),
                                                                "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")
    assert f["SQ2025-03"]["verdict"] == "不符合" and f["SQ2025-04"]["verdict"] == "不得新建"
    assert f["SQ2025-30"]["mineral_std"] == "饰面用花岗岩（饰面用石材）" and f["SQ2025-30"]["verdict"] == "符合"
    assert f["SQ2025-05"]["service_years"] == 4.0 and f["SQ2025-05"]["service_ok"] == 0
    for name in ("mineral_std", "reserve_scale", "min_capacity", "capacity_unit", "scale_ok", "service_years",
                 "service_ok", "verdict", "reason", "reason_en", "clause"):
        assert name in layers["OUTPUT"].fields().names()


def test_minimum_scale_missing_field(processing):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:minimumscale", {"INPUT": sample_layer("proposed_rights"),
                                                      "MINERAL_FIELD": "kuangzhong", "OUTPUT": "TEMPORARY_OUTPUT"})
    msg = str(exc.value)
    assert "kuangzhong" in msg and "app_no" in msg       # names the field and lists the layer's fields


def test_minimum_scale_on_a_table(processing, tmp_path):
    csv = tmp_path / "mines.csv"
    csv.write_text("name,kz,gm,cn,dw\nA,岩金,中型,8,万吨/年\nB,饰面用花岗岩,中型,100000,立方米/年\nC,石英砂岩,大型,5,万吨/年\n"
                   "D,金矿,中型,abc,万吨/年\n", encoding="utf-8")
    res, layers = run_alg(processing, "mineplan:minimumscale", {
        "INPUT": str(csv), "MINERAL_FIELD": "kz", "SCALE_FIELD": "gm", "CAPACITY_FIELD": "cn",
        "CAPACITY_UNIT_FIELD": "dw", "OUTPUT": "TEMPORARY_OUTPUT"})
    v = [f["verdict"] for f in layers["OUTPUT"].getFeatures()]
    assert v == ["不符合", "符合", "需人工核查", "需人工核查"]


def test_mineral_policy_alg(processing):
    res, layers = run_alg(processing, "mineplan:mineralpolicy", {"INPUT": sample_layer("proposed_rights"),
                                                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")
    assert f["SQ2025-13"]["verdict"] == "不符合" and f["SQ2025-13"]["policy"] == "禁止开采"
    assert f["SQ2025-01"]["policy"] == "重点开采" and f["SQ2025-07"]["policy"] == "一般"
    assert f["SQ2025-23"]["verdict"] == "需人工核查"
    assert res["FAIL_COUNT"] == 2


@pytest.fixture(scope="module")
def zones(processing):
    return run_alg(processing, "mineplan:zoneassignment", {"INPUT": sample_layer("proposed_rights"), **ZONES,
                                                           "OUTPUT": "TEMPORARY_OUTPUT"})


def test_zone_assignment(zones):
    res, layers = zones
    f = features_by(layers["OUTPUT"], "app_no")
    assert f["SQ2025-08"]["conc_id"] == "SC41120000001" and f["SQ2025-08"]["conc_share"] == pytest.approx(1.0)
    assert f["SQ2025-08"]["mblk_name"] == "灵宝市苏村乡秋家沟一带建筑石料矿"
    assert f["SQ2025-08"]["in_required_zone"] == 1 and f["SQ2025-08"]["verdict"] == "符合"
    assert f["SQ2025-09"]["in_required_zone"] == 0 and f["SQ2025-09"]["verdict"] == "不符合"
    assert f["SQ2025-28"]["block_entities"] == 2 and f["SQ2025-28"]["verdict"] == "不符合"
    assert f["SQ2025-36"]["zone_mineral_ok"] == 0 and f["SQ2025-36"]["verdict"] == "需论证"
    assert f["SQ2025-27"]["verdict"] == "需论证"                      # no geometry: a verdict, not a crash
    assert f["SQ2025-01"]["kmin_id"] == "ZK41128200001" and f["SQ2025-01"]["zone_mineral_ok"] == 1


def test_zone_split_between_two_zones(processing, tmp_path):
    """A block straddling two concentrated areas: shares add up, the larger one wins; centroid and
    'fully within' methods behave as documented."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    zones_l = QgsVectorLayer("Polygon?crs=EPSG:4546&field=code:string&field=name:string", "z", "memory")
    feats = []
    for code, name, wkt in (("SC41120000001", "灵宝市苏村建筑石料矿集中开采区", "POLYGON((500000 3800000,501000 3800000,501000 3801000,500000 3801000,500000 3800000))"),
                            ("SC41120000002", "灵宝市南部建筑用白云岩集中开采区", "POLYGON((501000 3800000,502000 3800000,502000 3801000,501000 3801000,501000 3800000))")):
        f = QgsFeature(zones_l.fields())
        f.setAttributes([code, name])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    zones_l.dataProvider().addFeatures(feats)
    blocks = QgsVectorLayer("Polygon?crs=EPSG:4546&field=mineral:string&field=right_type:string", "b", "memory")
    g = []
    for mineral, wkt in (("建筑石料", "POLYGON((500700 3800400,501100 3800400,501100 3800600,500700 3800600,500700 3800400))"),
                         ("建筑石料", "POLYGON((502500 3800400,502700 3800400,502700 3800600,502500 3800600,502500 3800400))"),
                         ("建筑石料", "POLYGON((500000 3800000,500300 3800000,500300 3800300,500000 3800300,500000 3800000))")):
        f = QgsFeature(blocks.fields())
        f.setAttributes([mineral, "采矿权"])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        g.append(f)
    blocks.dataProvider().addFeatures(g)
    res, layers = run_alg(processing, "mineplan:zoneassignment", {"INPUT": blocks, "CONCENTRATED_MINING_AREAS": zones_l,
                                                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    out = list(layers["OUTPUT"].getFeatures())
    assert out[0]["conc_id"] == "SC41120000001" and out[0]["conc_share"] == pytest.approx(0.75)
    assert out[0]["verdict"] == "符合"
    assert not out[1]["conc_id"] and out[1]["in_required_zone"] == 0
    assert out[1]["verdict"] == "不符合"          # 建筑石料 outside the 集中开采区 given (第六章第二节)
    assert out[2]["conc_share"] == pytest.approx(1.0)                 # on the zone's corner edges, inside
    res, layers = run_alg(processing, "mineplan:zoneassignment", {"INPUT": blocks, "CONCENTRATED_MINING_AREAS": zones_l,
                                                                  "METHOD": 2, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = list(layers["OUTPUT"].getFeatures())
    assert str(out[0]["conc_id"]) in ("NULL", "None") and out[2]["conc_id"] == "SC41120000001"


def test_plan_indicators_reproduce_baseline(processing):
    res, layers = run_alg(processing, "mineplan:planindicators", {
        "MINING_RIGHTS": sample_layer("mining_rights"), "EXPLORATION_RIGHTS": sample_layer("exploration_rights"),
        "EXPLORATION_BLOCKS": sample_layer("exploration_blocks"), "MINING_BLOCKS": sample_layer("mining_blocks"),
        "CONCENTRATED_MINING_AREAS": sample_layer("concentrated_mining_areas"), "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "id")
    assert f["mine_count"]["current"] == 34 and f["mine_count"]["status"] == "达标"
    assert f["large_medium_share"]["current"] == pytest.approx(32.35) and f["large_medium_share"]["status"] == "未达标"
    assert f["gold_ore_output"]["target"] == 60 and "120" in f["gold_ore_output"]["note"]
    assert f["output_gold"]["target"] == 120 and "矛盾" in f["output_gold"]["note"]
    assert f["stone_rights"]["target"] == 3 and f["stone_output"]["target"] == 1400
    assert f["stone_output_2030"]["target"] == 1600
    assert f["exploration_block_count"]["current"] == 26 and f["exploration_block_area"]["status"] == "达标"
    assert f["exploration_block_area"]["current"] == pytest.approx(555.75, abs=0.01)
    assert f["mining_block_count"]["current"] == 4
    assert f["conc_area_SC41120000001"]["current"] == pytest.approx(8.28, abs=0.01)
    assert f["conc_area_SC41120000002"]["current"] == pytest.approx(64.54, abs=0.01)
    for row in layers["OUTPUT"].getFeatures():
        assert row["status"] in ("达标", "未达标", "无数据") and row["clause"]


def test_indicators_without_an_output_field_say_no_data(processing, tmp_path):
    """Rights without an output field: output indicators are 无数据, never a silent 0 → 达标."""
    csv = tmp_path / "rights.csv"
    csv.write_text("license_no,mineral,scale\nC1,金矿,大型\nC2,金矿,小型\nC3,建筑石料,中型\n", encoding="utf-8")
    res, layers = run_alg(processing, "mineplan:planindicators", {"MINING_RIGHTS": str(csv), "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "id")
    assert f["gold_ore_output"]["status"] == "无数据" and f["output_gold"]["status"] == "无数据"
    assert f["mine_count"]["current"] == 3 and f["stone_rights"]["current"] == 1
    assert f["large_medium_share"]["current"] == pytest.approx(66.67)


def test_plan_indicators_without_data(processing):
    res, layers = run_alg(processing, "mineplan:planindicators", {"OUTPUT": "TEMPORARY_OUTPUT"})
    assert all(f["status"] == "无数据" for f in layers["OUTPUT"].getFeatures())


def test_validaterules_alg(processing, tmp_path):
    html = tmp_path / "v.html"
    res, layers = run_alg(processing, "mineplan:validaterules", {"OUTPUT": "TEMPORARY_OUTPUT", "REPORT_HTML": str(html)})
    assert res["ERRORS"] == 0 and res["WARNINGS"] >= 4
    rows = list(layers["OUTPUT"].getFeatures())
    assert any("120" in r["message"] for r in rows)
    assert "规则文件校验报告" in html.read_text(encoding="utf-8")


def test_validaterules_reports_broken_file(processing, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: [unclosed\n", encoding="utf-8")
    res, layers = run_alg(processing, "mineplan:validaterules", {"RULESET": str(bad), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["ERRORS"] == 1
    row = next(layers["OUTPUT"].getFeatures())
    assert "YAML" in row["message"] and row["line"] >= 1


def test_broken_ruleset_is_a_clear_error(processing, tmp_path):
    from qgis.core import QgsProcessingException
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: mineplan-ruleset/1\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:mineralpolicy", {"INPUT": sample_layer("proposed_rights"), "RULESET": str(bad),
                                                       "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "bad.yaml" in str(exc.value) and "缺少必填键" in str(exc.value) and "missing required key" in str(exc.value)
