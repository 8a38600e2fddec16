"""MinePlan Review plugin: processing provider, menu, toolbar and docks."""
from __future__ import annotations

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core.support.i18n import tr

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
ICON_PATH = os.path.join(PLUGIN_DIR, "icon.svg")
ICON_DIR = os.path.join(PLUGIN_DIR, "icons")
MENU = "MinePlan Review 矿产资源规划审查"


class MinePlanPlugin:
    """QGIS calls ``initProcessing()`` alone in qgis_process (iface is None there), and
    ``initGui()`` in the desktop."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions: list[QAction] = []
        self.toolbar = None
        self.feature_dock = None
        self.indicators_dock = None

    # ---- processing ---------------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.provider is not None:
            return
        from .processing_provider.provider import MinePlanProvider
        registry = QgsApplication.processingRegistry()
        existing = registry.providerById(MinePlanProvider.ID)
        if existing is not None:  # a previous instance was not unloaded cleanly
            registry.removeProvider(existing)
        self.provider = MinePlanProvider()
        registry.addProvider(self.provider)

    # ---- desktop ------------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        if self.iface is None:
            return
        self.toolbar = self.iface.addToolBar(MENU)
        self.toolbar.setObjectName("MinePlanToolbar")
        self._add_action("feature_dock", tr("Feature facts"), self.toggle_feature_dock, checkable=True)
        self._add_action("indicators_dock", tr("Plan indicators"), self.toggle_indicators_dock, checkable=True,
                         icon="planindicators")
        self._add_action("settings", tr("Settings: rule set and layer roles…"), self.show_settings)
        self._add_action("application", tr("New application from a coordinate file…"), self.new_application)
        for key, alg, text in (("review", "compliancereview", tr("Plan compliance review…")),
                               ("overlap", "redlineoverlap", tr("Block vs control-line overlap…")),
                               ("siting", "sitingareas", tr("Where a new right may go…")),
                               ("avoid", "avoidconstraints", tr("Redraw to avoid control lines…")),
                               ("import", "importcoordinates", tr("Import corner coordinates…")),
                               ("complete", "completeapplication", tr("Complete the application…")),
                               ("validate", "validaterules", tr("Validate rule set…"))):
            self._add_action(key, text, lambda _checked=False, a=alg: self.open_algorithm(f"mineplan:{a}"), icon=alg)

    def _add_action(self, key, text, slot, checkable=False, toolbar=True, icon=None):
        """A menu entry and a toolbar button with the tool's own icon (icons/<icon or key>.svg)."""
        path = os.path.join(ICON_DIR, f"{icon or key}.svg")
        action = QAction(QIcon(path if os.path.exists(path) else ICON_PATH), text, self.iface.mainWindow())
        action.setToolTip(text.rstrip("…"))
        action.setObjectName(f"mineplan_{key}")
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.iface.addPluginToMenu(MENU, action)
        if toolbar and self.toolbar is not None:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def action(self, key) -> QAction | None:
        for a in self.actions:
            if a.objectName() == f"mineplan_{key}":
                return a
        return None

    def algorithm_parameters(self, alg_id: str, ask: bool = True) -> dict | None:
        """The dialog's initial parameters from the project's layer roles and settings. A project without
        roles gets them detected and shown for confirmation first (None when the user cancels)."""
        from qgis.core import QgsProject

        from .core.inputs.roles import ReviewSettings, algorithm_parameters
        project = QgsProject.instance()
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        if alg is None:
            return {}
        settings = ReviewSettings.load(project)
        if ask and not settings.has_roles(project) and project.mapLayers():
            from .dialogs.settings_dialog import SettingsDialog
            dlg = SettingsDialog(self.iface, self.iface.mainWindow() if self.iface else None, project, detect=True,
                                 purpose=alg.displayName())
            accepted = dlg.exec()
            dlg.deleteLater()
            if not accepted:
                return None
            self._settings_changed()
            settings = ReviewSettings.load(project)
        return algorithm_parameters(alg, settings, project)

    def open_algorithm(self, alg_id: str):
        try:
            params = self.algorithm_parameters(alg_id)
            if params is None:
                return None
            from processing import execAlgorithmDialog
            return execAlgorithmDialog(alg_id, params)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.iface.messageBar().pushCritical("MinePlan", str(exc))
            return None

    def new_application(self):
        """The desk path for one application: 导入拐点坐标 → 补全申请信息 (the facts the file does not carry, added
        to the project's applications layer when there is one) → 合规性审查 of the new applications, each step a
        Processing dialog preset from the one before (the planner checks and runs it; cancel stops the path)."""
        from .dialogs.intake_flow import IntakeFlow
        try:
            return IntakeFlow(self.algorithm_parameters, self._run_dialog).run()
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.iface.messageBar().pushCritical("MinePlan", str(exc))
            return None

    @staticmethod
    def _run_dialog(alg_id: str, params: dict):
        from processing import execAlgorithmDialog
        return execAlgorithmDialog(alg_id, params)

    def toggle_feature_dock(self, checked=True):
        if self.feature_dock is None:
            from .dialogs.feature_dock import FeatureDock
            self.feature_dock = FeatureDock(self.iface)
            self._add_dock(self.feature_dock)
            self.feature_dock.visibilityChanged.connect(
                lambda v: self.action("feature_dock") and self.action("feature_dock").setChecked(v))
        self.feature_dock.setVisible(bool(checked))

    def toggle_indicators_dock(self, checked=True):
        if self.indicators_dock is None:
            from .dialogs.indicators_dock import IndicatorsDock
            self.indicators_dock = IndicatorsDock(self.iface)
            self._add_dock(self.indicators_dock)
            self.indicators_dock.visibilityChanged.connect(
                lambda v: self.action("indicators_dock") and self.action("indicators_dock").setChecked(v))
        self.indicators_dock.setVisible(bool(checked))

    def _add_dock(self, dock):
        """On the right, as a tab of a dock already there (the other MinePlan dock first, else the first visible
        one) where QGIS can tabify (3.14+), so that neither is squeezed to half the height."""
        if hasattr(self.iface, "addTabifiedDockWidget"):
            others = [d.objectName() for d in (self.feature_dock, self.indicators_dock) if d is not None and d is not dock]
            self.iface.addTabifiedDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, others, True)
        else:
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    def show_settings(self):
        from .dialogs.settings_dialog import SettingsDialog
        dlg = SettingsDialog(self.iface, self.iface.mainWindow())
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted:
            self._settings_changed()

    def _settings_changed(self):
        for dock in (self.feature_dock, self.indicators_dock):
            if dock is not None:
                dock.refresh()

    # ---- teardown -----------------------------------------------------------------------------------
    def unload(self):
        for dock_attr in ("feature_dock", "indicators_dock"):
            dock = getattr(self, dock_attr)
            if dock is not None:
                if hasattr(dock, "shutdown"):
                    dock.shutdown()
                if self.iface is not None:
                    self.iface.removeDockWidget(dock)
                dock.deleteLater()
                setattr(self, dock_attr, None)
        if self.iface is not None:
            for action in self.actions:
                self.iface.removePluginMenu(MENU, action)
                if self.toolbar is not None:
                    self.toolbar.removeAction(action)
                action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            registry = QgsApplication.processingRegistry()
            if registry.providerById(self.provider.id()) is not None:
                registry.removeProvider(self.provider)
            self.provider = None
