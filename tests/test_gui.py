"""Desktop side with pytest-qgis' stub iface: plugin load/unload, settings, feature and indicator docks."""
import os
import time

import pytest
from conftest import ROOT, sample_layer

LAYERS = ["eco_redline", "basic_farmland", "urban_boundary", "nature_reserve", "key_exploration_areas",
          "key_mining_areas", "concentrated_mining_areas", "exploration_blocks", "mining_blocks",
          "key_development_areas", "mining_rights", "exploration_rights", "proposed_rights"]


def wait_for(cond, timeout=60.0):
    from qgis.PyQt.QtCore import QCoreApplication
    t0 = time.time()
    while time.time() - t0 < timeout:
        QCoreApplication.processEvents()
        if cond():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def iface(qgis_iface):
    """The pytest-qgis stub, completed with what our plugin calls (menus, dock removal, layer signal)."""
    menus = {}

    def add_menu(name, action):
        menus.setdefault(name, []).append(action)

    def remove_menu(name, action):
        if action in menus.get(name, []):
            menus[name].remove(action)
        if name in menus and not menus[name]:
            del menus[name]
    docks = []
    qgis_iface.addPluginToMenu = add_menu
    qgis_iface.removePluginMenu = remove_menu
    qgis_iface.addDockWidget = lambda area, dock: docks.append(dock)
    qgis_iface.removeDockWidget = lambda dock: docks.remove(dock) if dock in docks else None
    original = qgis_iface.setActiveLayer

    def set_active(layer):
        original(layer)
        qgis_iface.currentLayerChanged.emit(layer)
    qgis_iface.setActiveLayer = set_active
    qgis_iface.menus, qgis_iface.docks = menus, docks
    yield qgis_iface


@pytest.fixture
def sample_project(qgis_app, processing):
    from qgis.core import QgsProject, QgsVectorLayer
    project = QgsProject.instance()
    project.clear()
    layers = {}
    for name in LAYERS:
        lyr = QgsVectorLayer(sample_layer(name), name, "ogr")
        assert lyr.isValid()
        layers[name] = lyr
    project.addMapLayers(list(layers.values()))
    yield layers
    project.clear()


def test_plugin_loads_and_unloads_twice(iface, processing):
    from qgis.core import QgsApplication

    import mineplan
    from mineplan import classFactory
    reg = QgsApplication.processingRegistry()
    had_provider = reg.providerById("mineplan") is not None
    if had_provider:       # the session's provider: removed here, registered again at the end
        reg.removeProvider(reg.providerById("mineplan"))
        mineplan.__dict__.pop("_test_provider", None)
    for _ in range(2):
        plugin = classFactory(iface)
        plugin.initGui()
        assert reg.providerById("mineplan") is not None
        assert len(iface.menus.get("MinePlan Review 矿产资源规划审查", [])) == 7
        plugin.toggle_feature_dock(True)
        plugin.toggle_indicators_dock(True)
        assert len(iface.docks) == 2
        plugin.unload()
        assert not iface.menus and not iface.docks
        assert plugin.provider is None and plugin.toolbar is None
        assert reg.providerById("mineplan") is None
    if had_provider:       # leave a provider in place for the other tests
        from conftest import ensure_provider
        ensure_provider()


def test_init_processing_is_guarded(qgis_app):
    from qgis.core import QgsApplication

    from mineplan import classFactory
    plugin = classFactory(None)            # qgis_process: iface is None, initGui is never called
    plugin.initProcessing()
    plugin.initProcessing()
    provider = QgsApplication.processingRegistry().providerById("mineplan")
    assert provider is plugin.provider
    assert len(provider.algorithms()) == 11
    plugin.unload()
    assert QgsApplication.processingRegistry().providerById("mineplan") is None
    from conftest import ensure_provider
    ensure_provider()


def test_roles_auto_detected(sample_project):
    from mineplan.core.roles import ReviewSettings
    s = ReviewSettings()
    found = s.auto_detect()
    expect = {"eco": "eco_redline", "farm": "basic_farmland", "urban": "urban_boundary", "reserve": "nature_reserve",
              "kexp": "key_exploration_areas", "kmin": "key_mining_areas", "conc": "concentrated_mining_areas",
              "eblk": "exploration_blocks", "mblk": "mining_blocks", "kdev": "key_development_areas",
              "mining_rights": "mining_rights", "exploration_rights": "exploration_rights",
              "proposed": "proposed_rights"}
    for role, name in expect.items():
        assert found[role] == sample_project[name].id(), role
    from mineplan.core.roles import detect_role
    assert detect_role("灵宝市生态保护红线") == "eco" and detect_role("JBNT_2023") == "farm"
    assert detect_role("CZKFBJ") == "urban" and detect_role("KAICQK") == "mblk"


def test_settings_round_trip_through_a_saved_project(sample_project, tmp_path):
    from qgis.core import QgsProject

    from mineplan.core.roles import ReviewSettings
    s = ReviewSettings(ruleset="lingbao_2021_2025", area_method=1, min_overlap_area=2.5)
    s.auto_detect()
    s.fields = {"mineral": "mineral", "capacity": "capacity"}
    s.save()
    path = str(tmp_path / "p.qgz")
    assert QgsProject.instance().write(path)
    QgsProject.instance().clear()
    assert ReviewSettings.load().roles == {}
    assert QgsProject.instance().read(path)
    t = ReviewSettings.load()
    assert (t.ruleset, t.area_method, t.min_overlap_area) == ("lingbao_2021_2025", 1, 2.5)
    assert t.fields == s.fields and t.roles == s.roles
    assert t.layer("eco").name() == "eco_redline"


def test_settings_dialog(sample_project, iface):
    from mineplan.core.roles import ReviewSettings
    from mineplan.dialogs.settings_dialog import SettingsDialog
    dlg = SettingsDialog(iface, None)
    found = dlg.auto_detect()
    assert "conc" in found
    dlg.tolerance.setValue(5.0)
    dlg.accept()
    s = ReviewSettings.load()
    assert s.min_overlap_area == 5.0 and s.layer("conc").name() == "concentrated_mining_areas"


def select(layer, app_nos):
    ids = [f.id() for f in layer.getFeatures() if f["app_no"] in app_nos]
    layer.selectByIds(ids)
    return ids


@pytest.fixture
def configured(sample_project):
    from mineplan.core.roles import ReviewSettings
    s = ReviewSettings()
    s.auto_detect()
    s.save()
    return sample_project


def test_feature_dock_shows_the_facts(configured, iface):
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-14", "SQ2025-08", "SQ2025-04"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 3)
    html = dock.browser.toHtml()
    assert "生态保护红线" in html and "冲突" in html and "411282-STHX-01" in html
    assert "灵宝市苏村建筑石料矿集中开采区" in html and "SC41120000001" in html
    assert "不得新建" in html and "专栏6" in html and "第六章第三节" in html
    by = {f.label.split()[0]: f for f in dock.last_facts}
    assert by["SQ2025-14"].verdict == "不符合" and by["SQ2025-08"].verdict == "符合"
    assert by["SQ2025-14"].contributors["eco"][0][0] == "411282-STHX-01"
    assert "mineplan:flash?role=eco" in html
    dock.on_link(__import__("qgis.PyQt.QtCore", fromlist=["QUrl"]).QUrl(
        f"mineplan:flash?role=eco&fid={by['SQ2025-14'].contributors['eco'][0][1]}"))
    dock.shutdown()


def test_feature_dock_new_selection_cancels_running_task(configured, iface):
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    dock.cache.invalidate()                         # force a slow first build (20k farmland parcels…)
    select(proposed, ["SQ2025-01"])
    first = dock.task
    assert first is not None
    terminated = []
    first.taskTerminated.connect(lambda: terminated.append(True))
    select(proposed, ["SQ2025-16"])                 # a new selection while the first task runs
    assert dock.canceled_tasks == 1 and dock.task is not first
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    assert wait_for(lambda: terminated)             # the first task ended as canceled, not completed
    assert dock.last_facts[0].label.startswith("SQ2025-16")
    dock.shutdown()


def test_feature_dock_without_roles_says_so(sample_project, iface):
    from mineplan.dialogs.feature_dock import FeatureDock
    dock = FeatureDock(iface)
    iface.setActiveLayer(sample_project["proposed_rights"])
    select(sample_project["proposed_rights"], ["SQ2025-01"])
    assert "Settings" in dock.status.text() or "设置" in dock.status.text()
    dock.shutdown()


def test_feature_dock_summary_beyond_twenty(configured, iface):
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    proposed.selectAll()
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 46)
    html = dock.browser.toHtml()
    assert "summary" in html or "汇总" in html
    dock.shutdown()


def test_indicators_dock(configured, iface, tmp_path):
    from mineplan.dialogs.indicators_dock import IndicatorsDock
    dock = IndicatorsDock(iface)
    assert wait_for(lambda: dock.rows)
    by = {r["id"]: r for r in dock.rows}
    assert by["mine_count"]["current"] == 34 and by["large_medium_share"]["status"] == "未达标"
    assert dock.table.rowCount() == len(dock.rows)
    path = dock.export_csv(str(tmp_path / "i.csv"))
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    assert "large_medium_share" in text and "未达标" in text
    dock.shutdown()


def test_sample_project_file_carries_roles(qgis_app, processing):
    from qgis.core import QgsProject

    from mineplan.core.roles import ReviewSettings
    path = os.path.join(ROOT, "data", "lingbao_sample.qgz")
    assert QgsProject.instance().read(path)
    s = ReviewSettings.load()
    assert s.layer("eco").name() in ("生态保护红线", "eco_redline")
    assert s.layer("proposed") is not None
    names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
    assert "生态保护红线" in names
    QgsProject.instance().clear()
