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

    from mineplan.core.avoid import SCRATCH_NAME
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
    from mineplan.core.report import ReviewReport
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
    from mineplan.core.i18n import label
    from mineplan.rules.vocab import CHECK_BY_ID
    c = CHECK_BY_ID[check_id]
    return label(c.zh, c.en)
