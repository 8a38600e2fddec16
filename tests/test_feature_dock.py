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
