"""Plan coverage (#10) through the real pipeline: existing rights in a planning block, licence numbers matching
several rights, a reserve layer without zoning, the application-type parameter, single checks reading the type."""
import pytest
from conftest import features_by, run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

FULL = {**CONTROLS, **ZONES, "MINING_RIGHTS": sample_layer("mining_rights"),
        "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}


def materialize(name, keep=None):
    from qgis.core import QgsFeatureRequest, QgsVectorLayer
    src = QgsVectorLayer(sample_layer(name), name, "ogr")
    req = QgsFeatureRequest()
    if keep is not None:
        req.setFilterExpression(keep)
    return src.materialize(req)


def review(processing, **params):
    res, layers = run_alg(processing, "mineplan:compliancereview", {**FULL, "PROPOSED": sample_layer("proposed_rights"),
                                                                    **params, "OUTPUT": "TEMPORARY_OUTPUT"})
    return res, features_by(layers["OUTPUT"], "app_no")


def test_existing_right_in_a_mining_block_counts_as_an_entity(processing):
    """SQ2025-08 is the only application in 秋家沟 开采规划区块 (符合); an existing right of another holder inside
    the block makes two entities → 不符合 (第五章第二节 三)."""
    from qgis.core import QgsFeature
    rights = materialize("mining_rights")
    block = next(f for f in materialize("mining_blocks").getFeatures() if "秋家沟" in f["GHQMC"])
    f = QgsFeature(rights.fields())
    f.setAttributes([None] * rights.fields().count())
    f.setAttribute("license_no", "C4100002099999999999")
    f.setAttribute("mineral", "建筑石料")
    f.setGeometry(block.geometry().buffer(-200, 4))
    rights.dataProvider().addFeatures([f])
    _, out = review(processing, MINING_RIGHTS=rights)
    g = out["SQ2025-08"]
    assert g["verdict"] == "不符合" and g["block_entities"] == 2
    assert "所在开采规划区块“灵宝市苏村乡秋家沟一带建筑石料矿”内共有 2 个主体" in g["zone_reason"]


def test_licence_matching_two_rights_is_listed(processing):
    """A 延续 whose licence number two existing rights carry: 需论证 naming both."""
    rights = materialize("mining_rights")
    out0 = review(processing)[1]
    lic = out0["SQ2025-37"]["license_no"]
    fid = next(f.id() for f in rights.getFeatures() if f["license_no"] != lic)
    rights.dataProvider().changeAttributeValues({fid: {rights.fields().lookupField("license_no"): lic}})
    _, out = review(processing, MINING_RIGHTS=rights)
    g = out["SQ2025-37"]
    assert g["verdict"] == "需论证" and g["right_verdict"] == "需论证"
    assert "对应多个现有矿业权" in g["right_reason"] and g["matched_right"].count(",") == 1


def test_reserve_without_zoning_says_the_core_zone_was_not_checked(processing):
    reserve = materialize("nature_reserve")
    reserve.dataProvider().deleteAttributes([reserve.fields().lookupField("GNFQ")])
    reserve.updateFields()
    _, out = review(processing, NATURE_RESERVE=reserve)
    g = out["SQ2025-42"]
    assert g["verdict"] == "需论证" and g["overlap_verdict"] == "需论证"
    assert "未能核查是否位于核心保护区" in g["overlap_reason"]


def test_application_type_parameter_applies_when_no_field_says_it(processing):
    """Without the 申请类型 field every feature takes APPLICATION_TYPE; 延续 makes the minimum scale 不适用."""
    apps = materialize("proposed_rights")
    apps.dataProvider().deleteAttributes([apps.fields().lookupField("app_type")])
    apps.updateFields()
    _, out = review(processing, PROPOSED=apps, APPLICATION_TYPE=1)
    g = out["SQ2025-03"]
    assert g["app_type_std"] == "延续" and g["scale_verdict"] == "不适用" and g["siting_verdict"] == "不适用"
    _, out = review(processing, PROPOSED=apps)
    assert out["SQ2025-03"]["app_type_std"] == "新立" and out["SQ2025-03"]["scale_verdict"] == "不符合"


@pytest.mark.parametrize("alg,params,check", [
    ("mineplan:minimumscale", {}, "不适用"),
    ("mineplan:redlineoverlap", dict(CONTROLS), None),
])
def test_single_checks_read_the_application_type(processing, alg, params, check):
    """The single-check algorithms see the same 申请类型 as the review (the 延续 SQ2025-37 is not a new mine)."""
    res, layers = run_alg(processing, alg, {"INPUT": sample_layer("proposed_rights"), **params,
                                            "OUTPUT": "TEMPORARY_OUTPUT"})
    g = features_by(layers["OUTPUT"], "app_no")["SQ2025-37"]
    if check:
        assert g["verdict"] == check and "延续登记不受" in g["reason"]
    else:
        assert g["verdict"] == "符合"


def test_an_invalid_working_crs_is_refused_not_a_silent_wrong_area(processing, monkeypatch):
    """Should QGIS return an invalid working CRS (seen with a custom PROJ string in a long session), every
    transform into it would be a silent no-op (EPSG:4490 layers would then miss everything). The review stops
    with a clear error instead, and writes nothing."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException

    from mineplan.core.geometry import measure as areas

    # the working CRS is made from WKT (areas._from_wkt); one made before in the main thread is reused
    monkeypatch.setattr(areas, "_from_wkt", lambda wkt, description: QgsCoordinateReferenceSystem())
    monkeypatch.setattr(areas, "_MAIN_THREAD_CRS", {})
    with pytest.raises(QgsProcessingException) as exc:
        review(processing)
    assert "工作坐标系" in str(exc.value) and "working CRS" in str(exc.value)
