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
def chinese_ui(qgis_app):
    """The plugin's UI in Chinese for one test (the suite runs under the system's English locale)."""
    from mineplan.core.support import i18n
    assert i18n.install_translator("zh-Hans")
    yield
    i18n.install_translator("en_US")


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
        assert len(iface.menus.get("MinePlan Review 矿产资源规划审查", [])) == 11
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
    assert len(provider.algorithms()) == 12
    plugin.unload()
    assert QgsApplication.processingRegistry().providerById("mineplan") is None
    from conftest import ensure_provider
    ensure_provider()


def test_roles_auto_detected(sample_project):
    from mineplan.core.inputs.roles import ReviewSettings
    s = ReviewSettings()
    found = s.auto_detect()
    expect = {"eco": "eco_redline", "farm": "basic_farmland", "urban": "urban_boundary", "reserve": "nature_reserve",
              "kexp": "key_exploration_areas", "kmin": "key_mining_areas", "conc": "concentrated_mining_areas",
              "eblk": "exploration_blocks", "mblk": "mining_blocks", "kdev": "key_development_areas",
              "mining_rights": "mining_rights", "exploration_rights": "exploration_rights",
              "proposed": "proposed_rights"}
    for role, name in expect.items():
        assert found[role] == sample_project[name].id(), role
    from mineplan.core.inputs.roles import detect_role
    assert detect_role("灵宝市生态保护红线") == "eco" and detect_role("JBNT_2023") == "farm"
    assert detect_role("CZKFBJ") == "urban" and detect_role("KAICQK") == "mblk"


def test_settings_round_trip_through_a_saved_project(sample_project, tmp_path):
    from qgis.core import QgsProject

    from mineplan.core.inputs.roles import ReviewSettings
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


def test_settings_dialog_detects_roles_in_a_new_project_for_confirmation(sample_project, iface, chinese_ui):
    """A project without roles: the dialog opens with the detected roles filled in, says how each was found and
    asks for confirmation; nothing is stored before Save."""
    from mineplan.core.inputs.roles import ReviewSettings
    from mineplan.dialogs.settings_dialog import SettingsDialog
    dlg = SettingsDialog(iface, None)
    assert not dlg.banner.isHidden() and "13" in dlg.banner.text()
    assert dlg.role_combos["conc"].currentLayer().name() == "concentrated_mining_areas"
    assert dlg.role_how["conc"].text() in ("图层名称", "layer name")
    assert ReviewSettings.load().roles == {}           # not saved yet
    dlg.tolerance.setValue(5.0)
    dlg.review_unit.setText("灵宝市自然资源和规划局")
    dlg.accept()
    s = ReviewSettings.load()
    assert s.min_overlap_area == 5.0 and s.layer("conc").name() == "concentrated_mining_areas"
    assert s.review_unit == "灵宝市自然资源和规划局"
    dlg = SettingsDialog(iface, None)                    # roles stored: no banner, nothing re-detected
    assert dlg.banner.isHidden()
    dlg.show()
    assert dlg.height() <= 700 and dlg.minimumSizeHint().height() <= 600   # fits 1366×768 (task bar, title)
    dlg.close()


def test_roles_detected_from_standard_codes_and_field_signatures(qgis_app):
    """Layers named by the 国土空间规划"一张图" codes, or anonymous layers told apart by their fields and values."""
    from qgis.core import QgsFeature, QgsField, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    from mineplan.core.inputs.roles import detect_layer, detect_roles

    def layer(name, fields=(), values=()):
        lyr = QgsVectorLayer("MultiPolygon?crs=EPSG:4546", name, "memory")
        lyr.dataProvider().addAttributes([QgsField(f, QVariant.String) for f in fields])
        lyr.updateFields()
        feats = []
        for v in values:
            f = QgsFeature(lyr.fields())
            f.setAttributes(list(v))
            feats.append(f)
        lyr.dataProvider().addFeatures(feats)
        return lyr
    cases = {"STBHHX": "eco", "YJJBNT": "farm", "CZKFBJ": "urban", "ZRBHD": "reserve", "XZQ": "county",
             "灵宝市行政区": "county", "采矿权申请登记": "proposed"}
    for name, role in cases.items():
        assert detect_layer(layer(name)).role == role, name
        assert detect_layer(layer(name)).how in ("code", "name")
    anonymous = {
        "eco": layer("图层1", ["HXBH", "HXMC"]), "farm": layer("图层2", ["JBNTTBBH", "DLMC"]),
        "mining_rights": layer("图层3", ["XKZH", "KSMC"]), "proposed": layer("图层4", ["SQBH", "KZ", "SQR"]),
        "conc": layer("图层5", ["GHQBH", "GHQMC"], [("SC1", "苏村建筑石料矿集中开采区")]),
        "exploration_rights": layer("图层6", ["ZH", "MC"], []),
    }
    anonymous["exploration_rights"] = layer("图层6", ["license_no", "mc"], [("T41120200900103800",)])
    for role, lyr in anonymous.items():
        d = detect_layer(lyr)
        assert d is not None and d.role == role, (role, d)
        assert d.how in ("fields", "values")
    project = QgsProject.instance()
    project.clear()
    project.addMapLayers(list(anonymous.values()))
    found = {d.role for d in detect_roles(project)}
    assert set(anonymous) <= found
    project.clear()


def test_menu_dialog_is_prefilled_from_the_project(sample_project, iface, processing):
    """The parameters a menu dialog opens with: every role layer, the fields, rule set, tolerances and the
    report details from the project's settings; a project without roles asks first (detection confirmed)."""
    from qgis.core import QgsApplication, QgsProject

    from mineplan.core.inputs.roles import ReviewSettings, algorithm_parameters
    s = ReviewSettings(min_overlap_area=2.5, area_method=1, reviewer="张三")
    s.auto_detect()
    s.fields = {"mineral": "mineral", "holder": "applicant"}
    s.save()
    reg = QgsApplication.processingRegistry()
    review = algorithm_parameters(reg.algorithmById("mineplan:compliancereview"), ReviewSettings.load())
    assert review["PROPOSED"] == sample_project["proposed_rights"].id()
    for key, name in (("ECO_REDLINE", "eco_redline"), ("MINING_BLOCKS", "mining_blocks"),
                      ("MINING_RIGHTS", "mining_rights"), ("EXPLORATION_RIGHTS", "exploration_rights")):
        assert review[key] == sample_project[name].id()
    assert (review["MIN_OVERLAP_AREA"], review["AREA_METHOD"], review["REVIEWER"]) == (2.5, 1, "张三")
    assert review["MINERAL_FIELD"] == "mineral" and review["HOLDER_FIELD"] == "applicant"
    overlap = algorithm_parameters(reg.algorithmById("mineplan:redlineoverlap"), ReviewSettings.load())
    assert overlap["INPUT"] == sample_project["proposed_rights"].id() and "PROPOSED" not in overlap
    assert "MINERAL_FIELD" not in overlap and "KEY_MINING_AREAS" not in overlap
    indicators = algorithm_parameters(reg.algorithmById("mineplan:planindicators"), ReviewSettings.load())
    assert "MINERAL_FIELD" not in indicators          # its field parameters belong to the rights layer
    siting = algorithm_parameters(reg.algorithmById("mineplan:sitingareas"), ReviewSettings.load())
    assert siting["MINING_BLOCKS"] == sample_project["mining_blocks"].id() and "INPUT" not in siting
    assert siting["EXPLORATION_RIGHTS"] == sample_project["exploration_rights"].id()
    avoid = algorithm_parameters(reg.algorithmById("mineplan:avoidconstraints"), ReviewSettings.load())
    assert avoid["INPUT"] == sample_project["proposed_rights"].id() and avoid["ECO_REDLINE"] == review["ECO_REDLINE"]
    coords = algorithm_parameters(reg.algorithmById("mineplan:importcoordinates"), ReviewSettings.load())
    assert "INPUT" not in coords         # a coordinate file, not the layer under review
    # a project without roles: the plugin asks (settings dialog in detection mode) before opening the dialog
    from mineplan import classFactory
    from mineplan.dialogs import settings_dialog
    for role in list(s.roles):
        QgsProject.instance().removeEntry("mineplan", f"role/{role}")
    asked = []

    class Confirm(settings_dialog.SettingsDialog):
        def exec(self):          # the plugin calls exec() (PyQt6 has no exec_)
            asked.append(self.banner.text())
            self.accept()
            return 1
    original = settings_dialog.SettingsDialog
    settings_dialog.SettingsDialog = Confirm
    try:
        plugin = classFactory(iface)
        params = plugin.algorithm_parameters("mineplan:compliancereview")
    finally:
        settings_dialog.SettingsDialog = original
    wait_for(lambda: False, 0.2)                 # the dialog is deleted
    assert asked and params["ECO_REDLINE"] == sample_project["eco_redline"].id()


def select(layer, app_nos):
    ids = [f.id() for f in layer.getFeatures() if f["app_no"] in app_nos]
    layer.selectByIds(ids)
    return ids


@pytest.fixture
def configured(sample_project):
    from mineplan.core.inputs.roles import ReviewSettings
    s = ReviewSettings()
    s.auto_detect()
    s.save()
    return sample_project


def test_feature_dock_shows_the_facts(configured, iface, chinese_ui):
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-14", "SQ2025-08", "SQ2025-04"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 3)
    text = dock.text()
    assert "生态保护红线" in text and "冲突" in text and "411282-STHX-01" in text
    assert "灵宝市苏村建筑石料矿集中开采区" in text and "SC41120000001" in text
    assert "不得新建" in text and "专栏6" in text and "第六章第三节" in text
    by = {f.label.split()[0]: f for f in dock.last_facts}
    assert by["SQ2025-14"].verdict == "不符合" and by["SQ2025-08"].verdict == "符合"
    assert by["SQ2025-14"].contributors["eco"][0][0] == "411282-STHX-01"
    patches = [it for it in iter_items(dock.tree) if it.data(0, 256) == "eco"]
    assert patches and patches[0].text(0) == "411282-STHX-01"
    assert patches[0].data(0, 257) == by["SQ2025-14"].contributors["eco"][0][1]   # double-click flashes it
    dock.on_link(__import__("qgis.PyQt.QtCore", fromlist=["QUrl"]).QUrl(
        f"mineplan:flash?role=eco&fid={by['SQ2025-14'].contributors['eco'][0][1]}"))
    dock.shutdown()


def iter_items(tree):
    out = []

    def walk(item):
        out.append(item)
        for i in range(item.childCount()):
            walk(item.child(i))
    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def test_feature_dock_numbers_never_wrap_and_one_language(configured, iface, chinese_ui):
    """At the dock's default width numbers sit on one line (tree columns sized to them, long text elided with
    the full text as tooltip); the English UI shows English headers and verdicts."""
    from qgis.PyQt.QtCore import Qt

    from mineplan.core.support.i18n import install_translator, remove_translator
    from mineplan.dialogs.feature_dock import FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    dock.resize(300, 700)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-14"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    items = iter_items(dock.tree)
    numbers = [it for it in items if it.text(1).replace(",", "").replace(".", "").isdigit()]
    assert numbers and any(it.text(1) == "629,985.22" for it in numbers)
    assert not dock.tree.wordWrap() and dock.tree.textElideMode() == Qt.ElideRight
    fm = dock.tree.fontMetrics()
    assert dock.tree.columnWidth(1) >= fm.horizontalAdvance("629,985.22")
    long_rows = [it for it in items if len(it.text(2)) > 30]
    assert long_rows and all(it.toolTip(2) for it in long_rows)
    text = dock.text()
    assert "不符合" in text and "生态保护红线" in text and "开采 / mining" not in text and "图斑 ids" not in text
    dock.shutdown()
    install_translator("en_US")
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-14"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1)
    headers = [dock.tree.headerItem().text(c) for c in range(3)]
    text = dock.text()
    assert headers[0] == "Item" and "non-compliant" in text and "ecological" in text.lower()
    verdicts = {it.text(1) for it in iter_items(dock.tree)}
    assert "non-compliant" in verdicts and "conflict" in verdicts and not verdicts & {"不符合", "冲突", "符合"}
    dock.shutdown()
    remove_translator()


def test_feature_dock_offers_the_avoidance_of_a_conflicting_feature(configured, iface, processing, tmp_path):
    """A feature in conflict with a control line shows its 避让 result — the same as mineplan:avoidconstraints
    gives for it — and one double-click puts the adjusted polygon into the scratch layer; a feature that lies
    wholly in the red line says 无法避让 and offers nothing; a compliant feature shows none."""
    import processing as qgis_processing
    from qgis.core import QgsProject, QgsVectorLayer
    from test_algorithms import CONTROLS

    from mineplan.core.siting.avoid import SCRATCH_NAME
    from mineplan.dialogs.feature_dock import AVOID_ROW, FeatureDock
    proposed = configured["proposed_rights"]
    dock = FeatureDock(iface)
    iface.setActiveLayer(proposed)
    select(proposed, ["SQ2025-16", "SQ2025-14", "SQ2025-08"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 3)
    by = {f.label.split()[0]: f for f in dock.last_facts}
    assert by["SQ2025-08"].avoidance is None
    out = qgis_processing.run("mineplan:avoidconstraints", {"INPUT": sample_layer("proposed_rights"), **CONTROLS,
                                                            "OUTPUT": str(tmp_path / "a.gpkg")})
    ref = {f["app_no"]: f for f in QgsVectorLayer(out["OUTPUT"], "a", "ogr").getFeatures()}
    farm, eco = by["SQ2025-16"].avoidance, by["SQ2025-14"].avoidance
    assert farm.verdict == ref["SQ2025-16"]["avoid_result"] == "可避让" and farm.removals[0].cat_id == "farm"
    assert farm.remaining_m2 == pytest.approx(ref["SQ2025-16"]["remaining_m2"], rel=2e-3)   # equal-area vs GK
    assert farm.part_count == 1 and farm.lost_pct == pytest.approx(37.76, abs=0.05)
    assert eco.verdict == ref["SQ2025-14"]["avoid_result"] == "无法避让" and eco.geometry is None
    assert "避让调整" in dock.text() or "Avoidance" in dock.text()
    assert dock.avoid_button.isVisibleTo(dock)
    rows = [it for it in iter_items(dock.tree) if it.data(0, AVOID_ROW) is not None]
    assert len(rows) == 1                               # SQ2025-16 only: nothing is left of SQ2025-14
    dock.on_item(rows[0])
    scratch = QgsProject.instance().mapLayersByName(SCRATCH_NAME)
    assert len(scratch) == 1 and scratch[0].featureCount() == 1
    f = next(scratch[0].getFeatures())
    assert f["label"].startswith("SQ2025-16") and f["avoid_result"] == "可避让"
    assert f["remaining_m2"] == pytest.approx(farm.remaining_m2, abs=0.01)
    dock.add_adjusted()                                 # the button: every adjusted polygon shown, same layer
    assert scratch[0].featureCount() == 1               # SQ2025-16 again: replaced, not a duplicate
    # avoiding the farmland settles only the overlap: SQ2025-16 lies outside every 开采规划区块 (设置区域 不符合)
    still = [it for it in iter_items(dock.tree) if it.text(0) in ("仍未解决", "Still open")]
    assert len(still) == 1 and ("设置区域" in still[0].text(2) or "where a right may be set" in still[0].text(2))
    QgsProject.instance().removeMapLayer(scratch[0].id())
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
    text = dock.text()
    assert "summary" in text or "汇总" in text
    dock.shutdown()


def test_indicators_dock(configured, iface, tmp_path):
    from mineplan.dialogs.indicators_dock import IndicatorsDock
    dock = IndicatorsDock(iface)
    assert wait_for(lambda: dock.rows)
    by = {r.id: r for r in dock.rows}
    assert by["mine_count"].current == 34 and by["large_medium_share"].status == "未达标"
    assert dock.table.rowCount() == len(dock.rows)
    # one row per figure of the plan: 建筑石料 2025 once (cap and 专栏3 merged), the gold contradiction named
    assert "output_aggregate" not in by and "output_gold" not in by
    assert by["stone_output"].status == "达标" and "output_aggregate" in by["stone_output"].merged
    assert "规划自相矛盾" in by["gold_ore_output"].contradiction and "120" in by["gold_ore_output"].contradiction
    names = [r.name for r in dock.rows]
    assert sum("建筑石料" in n and "2025" in n for n in names) == 1
    # failing red, passing green
    from mineplan.rules.model.vocab import COLOURS
    row = {r.id: i for i, r in enumerate(dock.rows)}
    bar = lambda rid: dock.table.cellWidget(row[rid], 4)  # noqa: E731
    assert bar("large_medium_share").property("status_colour") == COLOURS["未达标"]
    assert bar("mine_count").property("status_colour") == COLOURS["达标"]
    assert bar("large_medium_share").property("status_colour") != bar("mine_count").property("status_colour")
    path = dock.export_csv(str(tmp_path / "i.csv"))
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    header = text.splitlines()[0]
    assert header.startswith(("指标,", "indicator,")) and "name_en" not in header
    assert "未达标" in text and "40.00000000000001" not in text and ",≤ 60," in text.replace('"', "")
    dock.shutdown()


def test_sample_project_file_carries_roles(qgis_app, processing):
    from qgis.core import QgsProject

    from mineplan.core.inputs.roles import ReviewSettings
    path = os.path.join(ROOT, "data", "lingbao_sample.qgz")
    assert QgsProject.instance().read(path)
    s = ReviewSettings.load()
    assert s.layer("eco").name() in ("生态保护红线", "eco_redline")
    assert s.layer("proposed") is not None
    names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
    assert "生态保护红线" in names
    QgsProject.instance().clear()


def test_dock_avoidance_when_every_layer_is_geographic(qgis_app, processing):
    """Real registers often keep everything in EPSG:4490: the dock's indexes then keep their pieces in degrees
    (geographic mode). The avoidance must still find the farmland SQ2025-16 overlaps — not 无需避让."""
    import processing as qgis_processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    from mineplan.core.inputs.roles import ReviewSettings
    from mineplan.dialogs.dock_facts import EngineCache, LayerSnapshot, review_selection
    project = QgsProject.instance()
    project.clear()
    layers = {}
    for name in ("proposed_rights", "basic_farmland", "eco_redline"):
        out = qgis_processing.run("native:reprojectlayer", {"INPUT": sample_layer(name), "OUTPUT": "memory:",
                                                             "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:4490")})
        lyr = out["OUTPUT"]
        lyr.setName(name)
        layers[name] = lyr
    project.addMapLayers(list(layers.values()))
    s = ReviewSettings()
    s.auto_detect()
    s.save()
    settings = ReviewSettings.load()
    snapshots = {r: LayerSnapshot(settings.layer(r)) for r in settings.roles if r != "proposed"}
    proposed = layers["proposed_rights"]
    pipeline = EngineCache().ensure(settings, snapshots, LayerSnapshot(proposed), "proposed",
                                    project.transformContext())
    fid = next(f.id() for f in proposed.getFeatures() if f["app_no"] == "SQ2025-16")
    review = review_selection(pipeline, [fid], avoid=True)[0]
    assert review.avoidance is not None and review.avoidance.verdict == "可避让"
    assert review.avoidance.removals[0].cat_id == "farm"
    assert review.avoidance.lost_pct == pytest.approx(37.76, abs=0.1)
    project.clear()
