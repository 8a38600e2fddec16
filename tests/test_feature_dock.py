# ruff: noqa: F811 - the fixtures imported from test_gui are the parameters of the tests
"""The feature dock after a desktop walkthrough: it keeps its facts when the adjusted polygons are added, it
forgets a removed role layer, it cites the report's clauses, and it shows a selected row in full."""
import pytest
from test_gui import (  # noqa: F401 - fixtures
    chinese_ui,
    configured,
    iface,
    iter_items,
    sample_project,
    select,
    wait_for,
)


@pytest.fixture
def desktop_iface(iface):
    """The stub iface made to behave as QGIS desktop does: a layer added to the project becomes the active one."""
    from qgis.core import QgsProject
    slot = iface.setActiveLayer
    QgsProject.instance().layerWasAdded.connect(slot)
    yield iface
    QgsProject.instance().layerWasAdded.disconnect(slot)


def reviewed(iface, layer, app_nos):
    from mineplan.dialogs.feature_dock import FeatureDock
    dock = FeatureDock(iface)
    iface.setActiveLayer(layer)
    select(layer, app_nos)
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == len(app_nos))
    return dock


def test_adding_the_adjusted_polygon_keeps_the_facts(configured, desktop_iface):
    """A: the scratch layer becomes active when it is added; the layer under review is made active again and
    the dock keeps its facts (no recomputation, no cleared tree)."""
    from qgis.core import QgsProject

    from mineplan.core.siting.avoid import SCRATCH_NAME
    from mineplan.dialogs.feature_dock import AVOID_ROW
    proposed = configured["proposed_rights"]
    dock = reviewed(desktop_iface, proposed, ["SQ2025-16"])
    before = dock.text()
    row = next(it for it in iter_items(dock.tree) if it.data(0, AVOID_ROW) is not None)
    dock.on_item(row)
    scratch = QgsProject.instance().mapLayersByName(SCRATCH_NAME)
    assert len(scratch) == 1 and scratch[0].featureCount() == 1
    assert desktop_iface.activeLayer() is proposed and dock.layer is proposed
    assert dock.task is None and dock.text() == before and dock.tree.topLevelItemCount() == 1
    dock.shutdown()
    QgsProject.instance().removeMapLayer(scratch[0].id())


def test_removing_a_role_layer_refreshes_the_facts(configured, iface):
    """B: the red line removed from the project, the dock no longer reports its conflict."""
    from qgis.core import QgsProject
    proposed = configured["proposed_rights"]
    dock = reviewed(iface, proposed, ["SQ2025-14"])
    assert "411282-STHX-01" in dock.text()
    QgsProject.instance().removeMapLayer(configured["eco_redline"].id())
    assert dock.task is not None or "411282-STHX-01" not in dock.text()
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    assert "411282-STHX-01" not in dock.text()
    dock.shutdown()
    dock.last_facts = []
    QgsProject.instance().removeMapLayer(configured["basic_farmland"].id())     # unloaded: no longer listening
    assert dock.task is None and dock.last_facts == []


def test_dock_cites_the_same_clause_as_the_report(configured, iface):
    """C: every check in the dock cites the clause the report cites for it — also a check that passed and
    carries no clause of its own (the plan's section that was applied)."""
    from mineplan.core.report.review import ReviewReport
    proposed = configured["proposed_rights"]
    dock = reviewed(iface, proposed, ["SQ2025-08", "SQ2025-14"])
    report = ReviewReport.__new__(ReviewReport)
    report.rs, report.layers = dock.cache.rs, dock.cache.pipeline.layers
    rows = {(it.parent().parent().data(0, 258), it.text(0)): it for it in iter_items(dock.tree)
            if it.parent() is not None and it.parent().parent() is not None and it.parent().text(0) == "Checks"}
    cited = 0
    for f in dock.last_facts:
        for it in f.decision.items:
            clause = report._clause(f, it)
            row = rows[(f.label, _check_label(it.check))]
            if clause:
                cited += not it.clause
                assert clause in row.toolTip(2), (f.label, it.check, clause)
    assert cited >= 3           # passing zone, scale and policy checks cite their sections
    applied = [it for it in iter_items(dock.tree) if it.text(0) == "Clauses applied"]
    assert len(applied) == 2 and all(report._clause(f, it).split("; ")[0] in applied[n].text(2)
                                     for n, f in enumerate(dock.last_facts) for it in f.decision.items
                                     if report._clause(f, it))
    dock.shutdown()


def _check_label(check_id):
    from mineplan.core.support.i18n import label
    from mineplan.rules.model.vocab import CHECK_BY_ID
    c = CHECK_BY_ID[check_id]
    return label(c.zh, c.en)


def test_selected_row_is_shown_in_full_under_the_tree(configured, iface):
    """D: the reason and clause of the selected check, elided in the tree, wrap in the detail pane below it."""
    from qgis.PyQt.QtWidgets import QTextEdit
    dock = reviewed(iface, configured["proposed_rights"], ["SQ2025-14"])
    assert dock.detail.lineWrapMode() != QTextEdit.NoWrap and not dock.detail.toPlainText()
    row = next(it for it in iter_items(dock.tree) if it.text(0) == _check_label("overlap"))
    dock.tree.setCurrentItem(row)
    text = dock.detail.toPlainText()
    assert row.text(2) in text and "第六章第三节" in text and row.text(1) in text
    assert dock.tree.geometry().bottom() < dock.detail.geometry().top() or not dock.isVisible()
    dock.tree.setCurrentItem(None)
    assert not dock.detail.toPlainText()
    dock.shutdown()


def test_docks_open_as_tabs_on_the_right(iface, processing):
    """D: QGIS 3.14+ tabifies the plugin's docks with the one already on the right (the other MinePlan dock)."""
    from qgis.PyQt.QtCore import Qt

    from mineplan import classFactory
    calls = []

    def tabified(area, dock, tabify_with=(), raise_tab=False):
        calls.append((area, dock.objectName(), list(tabify_with), raise_tab))
        iface.docks.append(dock)
    iface.addTabifiedDockWidget = tabified
    plugin = classFactory(iface)
    plugin.initGui()
    plugin.toggle_feature_dock(True)
    plugin.toggle_indicators_dock(True)
    assert calls == [(Qt.RightDockWidgetArea, "MinePlanFeatureDock", [], True),
                     (Qt.RightDockWidgetArea, "MinePlanIndicatorsDock", ["MinePlanFeatureDock"], True)]
    plugin.unload()
    assert not iface.docks
    del iface.addTabifiedDockWidget


def test_reverse_view_areas_under_an_area_header(configured, iface, chinese_ui):
    """F: a control-line feature's area stands under an area header, not under 结论."""
    dock = reviewed_reverse(iface, configured["eco_redline"])
    headers = [dock.tree.headerItem().text(c) for c in range(3)]
    assert headers[1] == "m²" and "结论" not in headers
    top = dock.tree.topLevelItem(0)
    assert top.text(1).replace(",", "").replace(".", "").isdigit()
    dock.show_message("—")
    assert dock.tree.headerItem().text(1) == "结论"
    dock.shutdown()


def reviewed_reverse(iface, layer):
    from mineplan.dialogs.feature_dock import FeatureDock
    dock = FeatureDock(iface)
    iface.setActiveLayer(layer)
    ids = [f.id() for f in layer.getFeatures() if f["hx_code"] == "411282-STHX-01"] if \
        layer.fields().lookupField("hx_code") >= 0 else [next(layer.getFeatures()).id()]
    layer.selectByIds(ids[:1])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    return dock


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_area_left_has_units_and_the_area_method_its_language(configured, iface, lang):
    """F: 剩余面积 in m² and hectares; in the English UI the area method is named in English."""
    from mineplan.core.support.i18n import install_translator
    install_translator("zh-Hans" if lang == "zh" else "en_US")
    try:
        dock = reviewed(iface, configured["proposed_rights"], ["SQ2025-16"])
        left = next(it for it in iter_items(dock.tree) if it.text(0) in ("剩余面积", "Area left"))
        assert left.text(1).endswith(" m²") and ("公顷" if lang == "zh" else " ha;") in left.text(2)
        avoid = left.parent()
        if lang == "en":
            assert "areas: ellipsoidal" in avoid.toolTip(2) and "椭球" not in avoid.toolTip(2)
        else:
            assert "椭球面积" in avoid.toolTip(2)
        dock.shutdown()
    finally:
        install_translator("en_US")
