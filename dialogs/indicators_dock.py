"""规划指标 / Plan indicators dock: runs mineplan:planindicators on the role layers (in the background)."""
from __future__ import annotations

import csv

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr
from ..core.roles import ReviewSettings
from ..rules.vocab import ROLE_BY_ID, fill_of

COLUMNS = ["name", "target", "current", "status", "progress", "clause"]


def progress_percent(row) -> int | None:
    """How far the current value is towards (or within) the target, 0–100 (None without data)."""
    cur, target, op = row.get("current"), row.get("target"), row.get("comparison")
    if cur is None or target in (None, 0):
        return None
    if op in ("<", "<="):          # a cap: the bar shows how much of it is used
        return int(max(0.0, min(100.0, 100.0 * cur / target)))
    if op in (">", ">="):
        return int(max(0.0, min(100.0, 100.0 * cur / target)))
    return int(max(0.0, 100.0 - min(100.0, 100.0 * abs(cur - target) / target)))


class IndicatorsDock(QgsDockWidget):
    ROLES = ("mining_rights", "exploration_rights", "eblk", "mblk", "conc")

    def __init__(self, iface, parent=None):
        super().__init__(tr("Plan indicators"), parent or (iface.mainWindow() if iface else None))
        self.setObjectName("MinePlanIndicatorsDock")
        self.iface = iface
        self.rows = []
        self.task = None
        self.context = None
        w = QWidget()
        lay = QVBoxLayout(w)
        bar = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        bar.addWidget(self.status, 1)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        bar.addWidget(self.export_button)
        lay.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("Indicator"), tr("Target"), tr("Current"), tr("Status"),
                                              tr("Progress"), tr("Clause")])
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)
        self.setWidget(w)
        self.refresh()

    def params(self, settings):
        p = {"RULESET": settings.ruleset or "", "OUTPUT": "TEMPORARY_OUTPUT"}
        for role, key in ((r, ROLE_BY_ID[r].param) for r in self.ROLES):
            lyr = settings.layer(role)
            if lyr is not None:
                p[key] = lyr
        return p

    def refresh(self):
        settings = ReviewSettings.load()
        if settings.layer("mining_rights") is None:
            self.status.setText(tr("No mining-rights layer in the role settings: indicators other than the "
                                   "planning blocks have no data (MinePlan → Settings)."))
        alg = QgsApplication.processingRegistry().algorithmById("mineplan:planindicators")
        if alg is None:
            self.status.setText(tr("The mineplan processing provider is not loaded."))
            return
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = QgsProcessingFeedback()
        self.task = QgsProcessingAlgRunnerTask(alg, self.params(settings), self.context, self.feedback)
        self.task.executed.connect(self.on_executed)
        self.status.setText(tr("Computing indicators…"))
        QgsApplication.taskManager().addTask(self.task)

    def on_executed(self, ok, results):
        self.task = None
        if not ok:
            self.status.setText(tr("The indicators could not be computed; see the log."))
            return
        layer = QgsProcessingUtils.mapLayerFromString(results["OUTPUT"], self.context)
        self.rows = [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]
        for r in self.rows:
            for k in ("target", "current"):
                if r[k] is not None and str(r[k]) == "NULL":
                    r[k] = None
        self.fill()
        n_met = sum(r["status"] == "达标" for r in self.rows)
        self.status.setText(tr("{0} indicator(s): {1} met").format(len(self.rows), n_met))

    def fill(self):
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            target = f"{r['comparison']} {r['target']:g} {r['unit']}" if r["target"] is not None else ""
            current = "" if r["current"] is None else f"{r['current']:g}"
            cells = [r["name"], target, current, r["status"], None, r["clause"]]
            for j, text in enumerate(cells):
                if j == 4:
                    pct = progress_percent(r)
                    bar = QProgressBar()
                    bar.setRange(0, 100)
                    bar.setValue(pct or 0)
                    bar.setFormat("—" if pct is None else f"{pct}%")
                    self.table.setCellWidget(i, j, bar)
                    continue
                item = QTableWidgetItem(str(text))
                item.setToolTip(r.get("note") or r["name_en"])
                if j == 3:
                    item.setBackground(QColor(fill_of(r["status"])))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def export_csv(self, path=None):
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export indicators"), "indicators.csv", "CSV (*.csv)")
        if not path:
            return None
        keys = ["id", "name", "name_en", "unit", "target", "comparison", "target_kind", "current", "status", "clause",
                "note"]
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:   # BOM: Excel opens Chinese correctly
            w = csv.writer(fh)
            w.writerow(keys)
            for r in self.rows:
                w.writerow(["" if r.get(k) is None else r.get(k) for k in keys])
        return path

    def shutdown(self):
        """Cancel and wait for a running computation: the plugin's provider (whose algorithm the task
        runs) is removed right after this on unload."""
        if self.task is not None:
            try:
                self.task.executed.disconnect(self.on_executed)
                self.task.cancel()
                self.task.waitForFinished(30000)
            except (RuntimeError, TypeError):
                pass
            self.task = None
