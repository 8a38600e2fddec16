"""One review pipeline: the dock and the review give the same verdict and the same 事项 for every sample
feature, whatever else is selected; user data can never steer the pipeline (mp_row, fields named like our
outputs); fail closed on unusable geometry; the dock's reverse view on constraint layers."""
import random

import pytest
from conftest import features_by, run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES
from test_gui import LAYERS, chinese_ui, iface, select, wait_for  # noqa: F401 - fixtures

CHECK_FIELDS = {"overlap": ("overlap_verdict", "overlap_reason"), "scale": ("scale_verdict", "scale_reason"),
                "policy": ("policy_verdict", "policy_reason"), "zone": ("zone_verdict", "zone_reason")}
FULL = {**CONTROLS, **ZONES, "MINING_RIGHTS": sample_layer("mining_rights"),
        "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}


def review_rows(processing, params):
    res, layers = run_alg(processing, "mineplan:compliancereview", {**FULL, **params, "OUTPUT": "TEMPORARY_OUTPUT"})
    return res, layers["OUTPUT"]


@pytest.fixture(scope="module")
def reference(processing):
    res, out = review_rows(processing, {"PROPOSED": sample_layer("proposed_rights")})
    return {f["app_no"]: f for f in out.getFeatures()}


@pytest.fixture
def project(qgis_app, processing):
    from qgis.core import QgsProject, QgsVectorLayer

    from mineplan.core.inputs.roles import ReviewSettings
    project = QgsProject.instance()
    project.clear()
    layers = {n: QgsVectorLayer(sample_layer(n), n, "ogr") for n in LAYERS}
    project.addMapLayers(list(layers.values()))
    s = ReviewSettings()
    s.auto_detect()
    s.save()
    yield layers
    project.clear()


def dock_reviews(layers, fids):
    """What the feature dock computes for a selection (its task's code path, run synchronously)."""
    from qgis.core import QgsProject

    from mineplan.core.inputs.roles import ReviewSettings
    from mineplan.dialogs.dock_facts import LayerSnapshot, review_selection, role_of
    settings = ReviewSettings.load()
    snapshots = {r: LayerSnapshot(settings.layer(r)) for r in settings.roles if r not in ("proposed",)}
    proposed = layers["proposed_rights"]
    cache = dock_reviews.cache
    pipeline = cache.ensure(settings, snapshots, LayerSnapshot(proposed), role_of(proposed.id(), settings),
                            QgsProject.instance().transformContext())
    return {f.attrs["id"]: f for f in review_selection(pipeline, fids)}


def assert_same(dock, row):
    assert dock.verdict == row["verdict"], (row["app_no"], dock.decision.reasons, row["reasons"])
    assert "\n".join(dock.decision.reasons) == row["reasons"]
    assert "; ".join(dock.decision.clauses) == row["clauses"]
    for check, (vf, rf) in CHECK_FIELDS.items():
        it = dock.decision.item(check)
        assert (it.verdict, it.reason) == (row[vf], row[rf]), (row["app_no"], check)


def test_dock_equals_review_for_every_feature_whatever_is_selected(project, reference):
    from mineplan.dialogs.dock_facts import EngineCache
    dock_reviews.cache = EngineCache()
    proposed = project["proposed_rights"]
    fid_of = {f["app_no"]: f.id() for f in proposed.getFeatures()}
    selections = [[fid] for fid in fid_of.values()]                       # every feature alone
    selections.append(list(fid_of.values()))                               # all together
    selections.append([fid_of["SQ2025-28"], fid_of["SQ2025-29"]])          # the pair in one 开采规划区块
    rnd = random.Random(7)
    selections += [rnd.sample(list(fid_of.values()), k) for k in (2, 5, 11)]
    seen = set()
    for sel in selections:
        for app_no, dock in dock_reviews(project, sel).items():
            assert_same(dock, reference[app_no])
            seen.add(app_no)
    assert len(seen) == 46
    # the one-entity-per-block check looks at the whole layer, never at the selection
    alone = dock_reviews(project, [fid_of["SQ2025-28"]])["SQ2025-28"]
    assert alone.verdict == "不符合" and "内共有 2 个主体" in alone.decision.item("zone").reason


def test_feature_dock_widget_shows_the_reviews_items(project, reference, iface, chinese_ui):  # noqa: F811
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = project["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-28"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    html = dock.browser.toPlainText()
    assert dock.last_facts[0].verdict == reference["SQ2025-28"]["verdict"] == "不符合"
    for line in reference["SQ2025-28"]["zone_reason"].split("；")[:2]:
        assert line in html
    dock.shutdown()


def test_internal_key_in_user_data_changes_nothing(processing, reference, tmp_path):
    """An input field named mp_row (the old internal join key) or named like any output field never steers
    the review: verdicts and reasons stay those of the plain sample; the user's values are kept."""
    from qgis.core import QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    from mineplan.core.inputs.field_map import _output_names
    src = QgsVectorLayer(sample_layer("proposed_rights"), "proposed_rights", "ogr")
    mem = src.materialize(__import__("qgis.core", fromlist=["QgsFeatureRequest"]).QgsFeatureRequest())
    names = ["mp_row"] + sorted(_output_names() - {"capacity_unit"} | {"eco_area_m2", "farm_ids"})
    mem.dataProvider().addAttributes([QgsField(n, QVariant.String) for n in names])
    mem.updateFields()
    with_values = {mem.fields().lookupField(n): "x" for n in names}
    mem.dataProvider().changeAttributeValues({f.id(): with_values for f in mem.getFeatures()})
    res, out = review_rows(processing, {"PROPOSED": mem})
    got = {f["app_no"]: f for f in out.getFeatures()}
    assert len(got) == 46
    for app_no, row in reference.items():
        assert got[app_no]["verdict"] == row["verdict"] and got[app_no]["reasons"] == row["reasons"], app_no
    sample = got["SQ2025-01"]
    assert sample["mp_row"] == "x" and sample["verdict_in"] == "x" and sample["reasons_in"] == "x"


def test_rerun_on_the_reviews_own_output_gives_the_same_verdicts(processing, reference):
    _, out = review_rows(processing, {"PROPOSED": sample_layer("proposed_rights")})
    _, again = review_rows(processing, {"PROPOSED": out})
    for f in again.getFeatures():
        row = reference[f["app_no"]]
        assert (f["verdict"], f["reasons"]) == (row["verdict"], row["reasons"]), f["app_no"]


def test_skipped_invalid_geometry_is_never_compliant(processing):
    """INVALID_GEOMETRY = skip: the bow-tie application (SQ2025-26, inside the 重点开采区, otherwise compliant)
    is 需论证 with 无几何 for the overlap and the zone check — not 符合."""
    res, out = review_rows(processing, {"PROPOSED": sample_layer("proposed_rights"), "INVALID_GEOMETRY": 1})
    f = features_by(out, "app_no")["SQ2025-26"]
    assert f["verdict"] == "需论证"
    assert f["overlap_verdict"] == "无几何" and "跳过" in f["overlap_reason"]
    assert f["zone_verdict"] == "需论证" and f["geometry_status"] == "skipped"
    assert out.featureCount() == 46 and res["FEATURE_COUNT"] == 46


def test_missing_zone_layers_are_not_compliant(processing):
    """Fail closed: with the control lines but no zone layer, no feature can be 符合."""
    res, layers = run_alg(processing, "mineplan:compliancereview", {"PROPOSED": sample_layer("proposed_rights"),
                                                                    **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = layers["OUTPUT"]
    assert res["OK_COUNT"] == 0
    f = features_by(out, "app_no")["SQ2025-01"]
    assert f["zone_verdict"] == "未检查" and "未提供规划分区图层" in f["reasons"] and "zone" in f["not_checked"]


def test_a_missing_control_line_is_named(processing):
    res, layers = run_alg(processing, "mineplan:compliancereview", {
        "PROPOSED": sample_layer("proposed_rights"), "ECO_REDLINE": CONTROLS["ECO_REDLINE"], **ZONES,
        "OUTPUT": "TEMPORARY_OUTPUT"})
    out = layers["OUTPUT"]
    f = features_by(out, "app_no")["SQ2025-08"]
    assert f["verdict"] == "需论证" and f["overlap_verdict"] == "未检查"
    assert "永久基本农田" in f["overlap_reason"] and "城镇开发边界" in f["overlap_reason"]


def test_unknown_activity_is_not_compliant(processing):
    """No activity field, no parameter, a layer name that says nothing: judged as mining, never 符合."""
    from qgis.core import QgsVectorLayer
    src = QgsVectorLayer(sample_layer("proposed_rights"), "proposed_rights", "ogr")
    mem = src.materialize(__import__("qgis.core", fromlist=["QgsFeatureRequest"]).QgsFeatureRequest())
    mem.setName("layer 1")
    mem.dataProvider().deleteAttributes([mem.fields().lookupField("right_type")])
    mem.updateFields()
    res, out = review_rows(processing, {"PROPOSED": mem})
    f = features_by(out, "app_no")["SQ2025-08"]
    assert f["verdict"] == "需论证" and "未注明勘查或开采" in f["reasons"] and f["activity_source"] == "default"
    res, out = review_rows(processing, {"PROPOSED": mem, "ACTIVITY": 1})
    f = features_by(out, "app_no")["SQ2025-08"]
    assert f["verdict"] == "符合" and f["activity_source"] == "parameter"


def test_dock_on_a_constraint_layer_answers_the_reverse_question(project, iface):  # noqa: F811
    """A selected red-line patch is described, with the applications that overlap it; two selected farmland
    parcels are not 'reviewed' as if they were applications."""
    from mineplan.dialogs.feature_dock import FeatureDock
    eco = project["eco_redline"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(eco)
    patch = [f.id() for f in eco.getFeatures() if f["HXBH"] == "411282-STHX-01"]
    eco.selectByIds(patch)
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    facts = dock.last_facts[0]
    assert facts.role == "eco" and facts.label == "411282-STHX-01" and facts.area_m2 > 1e6
    hits = {lab: a for lab, _, a, _ in facts.overlapping}
    assert hits["SQ2025-14"] == pytest.approx(629985.2, rel=1e-4) and "SQ2025-15" in hits
    assert "第六章第三节" in facts.clause
    farm = project["basic_farmland"]
    iface.setActiveLayer(farm)
    farm.selectByIds([f.id() for f in farm.getFeatures()][:2])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 2)
    text = dock.browser.toPlainText()
    assert all(hasattr(f, "overlapping") for f in dock.last_facts)
    assert "压覆永久基本农田" not in text and "不符合" not in text
    dock.shutdown()
