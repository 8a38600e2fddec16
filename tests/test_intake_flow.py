"""The desk path (issue 18): 新申请 → 导入拐点坐标 → 补全申请信息 → 合规性审查 → one 审查意见书 per application.
The dialogs are stood in for by a function that fills what a planner types and runs the algorithm as the dialog
would (outputs loaded into the project); what is checked is what each dialog is preset with and the files made."""
import os

import pytest
from conftest import ROOT, run_alg, sample_layer
from test_gui import LAYERS

COORDS = os.path.join(ROOT, "data", "coordinates")
MINING = os.path.join(COORDS, "sample_baopan_mining_gbk.txt")
BUBIAO = os.path.join(COORDS, "sample_bubiao_elev_open.txt")


@pytest.fixture
def project(qgis_app, processing, tmp_path):
    from qgis.core import QgsProject, QgsVectorLayer
    p = QgsProject.instance()
    p.clear()
    p.setFileName(str(tmp_path / "desk.qgz"))
    p.addMapLayers([QgsVectorLayer(sample_layer(n), n, "ogr") for n in LAYERS])
    yield p
    p.clear()


def planner(processing, typed: dict, shown: list):
    """A stand-in for execAlgorithmDialog: what the planner types on top of the preset, then Run."""
    from qgis.core import QgsProject

    def run_dialog(alg_id, params):
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback
        shown.append((alg_id, dict(params)))
        answer = typed.get(alg_id)
        if answer is None:
            return None                                        # the planner cancels
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        res = processing.run(alg_id, {**params, **answer, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context,
                             feedback=QgsProcessingFeedback())
        out = dict(res)
        layer = res["OUTPUT"]                                  # as the dialog does: the output into the project
        assert QgsProject.instance().addMapLayer(layer) is not None
        out["OUTPUT"] = layer.id()
        return out
    return run_dialog


def _flow(processing, project, typed):
    from qgis.core import QgsApplication

    from mineplan.core.inputs.roles import ReviewSettings, algorithm_parameters
    from mineplan.dialogs.intake_flow import IntakeFlow
    settings = ReviewSettings.load(project)
    settings.auto_detect(project)                  # the roles a planner confirms once per project
    settings.save(project)

    def preset(alg_id, ask=True):
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        return algorithm_parameters(alg, ReviewSettings.load(project), project)
    shown = []
    result = IntakeFlow(preset, planner(processing, typed, shown), project).run()
    return result, shown


def test_baopan_file_to_one_opinion_each(processing, project, tmp_path):
    opinions = tmp_path / "意见书"
    typed = {"mineplan:importcoordinates": {"INPUT": MINING},
             "mineplan:completeapplication": {"MINERAL": "金矿", "SCALE": "中型", "CAPACITY": 30.0,
                                              "RESERVES": 300.0, "APPLICANT": "灵宝市示例矿业有限公司"},
             "mineplan:compliancereview": {"OPINIONS_FOLDER": str(opinions), "OPINION_FORMATS": [0, 1],
                                           "DOC_DATE": "2026-12-06"}}
    result, shown = _flow(processing, project, typed)
    assert [a for a, _ in shown] == ["mineplan:importcoordinates", "mineplan:completeapplication",
                                     "mineplan:compliancereview"]
    # each dialog is preset from the one before: the parcels → the completion; the applications → the review
    assert shown[1][1]["INPUT"] == result.parcels.id()
    review_preset = shown[2][1]
    assert review_preset["PROPOSED"] == result.applications.id()
    assert not any(k.endswith("_FIELD") for k in review_preset)          # the applications need no field mapping
    assert review_preset["OPINIONS_FOLDER"] == str(opinions) or review_preset["OPINIONS_FOLDER"].endswith("审查意见书")
    (app,) = result.applications.getFeatures()
    assert app["app_no"] == "sample_baopan_mining_gbk" and app["block_elev"] == "1:+1200,+800;2:+1100,+700"
    assert result.review["FEATURE_COUNT"] == 1 and result.review["OPINION_FILES"] == 2
    assert sorted(os.listdir(opinions)) == ["sample_baopan_mining_gbk_审查意见书.odt",
                                            "sample_baopan_mining_gbk_审查意见书.pdf"]


def test_cancel_at_the_completion_stops_the_path(processing, project):
    typed = {"mineplan:importcoordinates": {"INPUT": BUBIAO}}
    result, shown = _flow(processing, project, typed)
    assert [a for a, _ in shown] == ["mineplan:importcoordinates", "mineplan:completeapplication"]
    assert result.parcels is not None and result.parcels.featureCount() == 2 and result.applications is None


def test_cancel_at_the_import(processing, project):
    result, shown = _flow(processing, project, {})
    assert len(shown) == 1 and result.parcels is None


def test_results_viewer_lists_pdf_odt_and_opinions(processing, tmp_path):
    """The Processing results viewer lists only HTML outputs by itself; the review adds its PDF, ODT and each
    审查意见书 (opened from there with the system's application)."""
    from processing.core.ProcessingResults import resultsList
    from test_algorithms import CONTROLS, ZONES
    before = len(resultsList.getResults())
    proposed = sample_layer("proposed_rights")
    run_alg(processing, "mineplan:compliancereview", {
        "PROPOSED": proposed, **CONTROLS, **ZONES, "OUTPUT": "TEMPORARY_OUTPUT",
        "REPORT_PDF": str(tmp_path / "r.pdf"), "REPORT_ODT": str(tmp_path / "r.odt"),
        "OPINIONS_FOLDER": str(tmp_path / "op"), "OPINION_FORMATS": [0]})
    added = [r.filename for r in resultsList.getResults()[before:]]
    assert str(tmp_path / "r.pdf") in added and str(tmp_path / "r.odt") in added
    pdfs = sorted(f for f in os.listdir(tmp_path / "op") if f.endswith(".pdf"))
    assert pdfs and all(str(tmp_path / "op" / f) in added for f in pdfs)
    assert all(os.path.isfile(f) for f in added)


def test_every_tool_has_its_own_icon_and_button(qgis_iface, processing):
    """Distinct icons for every toolbar button and algorithm (issue 18: five buttons had one identical icon)."""
    from qgis.core import QgsApplication

    from mineplan import classFactory
    qgis_iface.addPluginToMenu = lambda *a: None
    qgis_iface.removePluginMenu = lambda *a: None
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        buttons = plugin.toolbar.actions()
        assert len(buttons) == len(plugin.actions) == 11
        keys = [a.icon().cacheKey() for a in buttons]
        images = {bytes(a.icon().pixmap(32, 32).toImage().constBits().asstring(32 * 32 * 4)) for a in buttons}
        assert len(images) == len(buttons), keys
        algs = QgsApplication.processingRegistry().providerById("mineplan").algorithms()
        files = {a.id(): os.path.join(ROOT, "icons", a.name() + ".svg") for a in algs}
        assert all(os.path.exists(f) for f in files.values()), [k for k, f in files.items() if not os.path.exists(f)]
    finally:
        plugin.unload()
        from conftest import ensure_provider
        ensure_provider()
