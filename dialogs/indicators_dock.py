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
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.inputs.roles import ReviewSettings, algorithm_parameters
from ..core.report.indicator_view import csv_rows, merge_indicators, number, target_text
from ..core.support.i18n import label, tr
from ..rules.model.errors import MinePlanError
from ..rules.model.vocab import COLOURS, MET, VERDICT_EN, fill_of

COLUMNS = ["name", "target", "current", "status", "progress", "clause"]
SETTINGS_DIR = "mineplan/last_dir"


def start_dir(project=None) -> str:
    """Where a file dialog opens: the last folder used, else the project's folder, else the home folder."""
    import os

    from qgis.core import QgsSettings
    last = QgsSettings().value(SETTINGS_DIR, "", type=str)
    if last and os.path.isdir(last):
        return last
    home = (project or QgsProject.instance()).homePath()
    return home if home and os.path.isdir(home) else os.path.expanduser("~")


def save_file_dialog(parent, title: str, name: str, file_filter: str, extension: str) -> str:
    """A save dialog like QGIS's own: translated title and filter, opens in the project's folder (or the last
    one used), adds the extension the user left out, remembers the folder."""
    import os

    from qgis.core import QgsSettings
    path, _ = QFileDialog.getSaveFileName(parent, title, os.path.join(start_dir(), name), file_filter)
    if not path:
        return ""
    if not path.lower().endswith(extension):
        path += extension
    QgsSettings().setValue(SETTINGS_DIR, os.path.dirname(path))
    return path


def progress_percent(row) -> int | None:
    """How far the current value is towards (or within) the target, 0–100 (None without data)."""
    cur, target, op = row.get("current"), row.get("target"), row.get("comparison")
    if cur is None or target in (None, 0):
        return None
    if op in ("<", "<=", ">", ">="):   # a cap: how much of it is used; a floor: how much of it is reached
        return int(max(0.0, min(100.0, 100.0 * cur / target)))
    return int(max(0.0, 100.0 - min(100.0, 100.0 * abs(cur - target) / target)))


class IndicatorsDock(QgsDockWidget):
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
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        self.setWidget(w)
        self.refresh()

    @staticmethod
    def params(alg, settings):
        """The role layers of the project settings and the rule set (core.inputs.roles.algorithm_parameters)."""
        return {**algorithm_parameters(alg, settings), "OUTPUT": "TEMPORARY_OUTPUT"}

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
        self.task = QgsProcessingAlgRunnerTask(alg, self.params(alg, settings), self.context, self.feedback)
        self.task.executed.connect(self.on_executed)
        self.status.setText(tr("Computing indicators…"))
        QgsApplication.taskManager().addTask(self.task)

    def on_executed(self, ok, results):
        self.task = None
        if not ok:
            self.status.setText(tr("The indicators could not be computed; see the log."))
            return
        layer = QgsProcessingUtils.mapLayerFromString(results["OUTPUT"], self.context)
        raw = [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]
        try:
            from ..rules.loader import load_ruleset
            rs = load_ruleset(ReviewSettings.load().ruleset or None)
        except MinePlanError:
            rs = None
        self.rows = merge_indicators(rs, raw)
        self.fill()
        n_met = sum(r.status == MET for r in self.rows)
        self.status.setText(tr("{0} indicator(s): {1} met").format(len(self.rows), n_met))

    def fill(self):
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            name = label(r.name, r.name_en or r.name)
            status = label(r.status, VERDICT_EN.get(r.status, r.status))
            cells = [name, target_text(r), number(r.current) or "—", status, None, r.clause]
            for j, text in enumerate(cells):
                if j == 4:
                    self.table.setCellWidget(i, j, self._bar(r))
                    continue
                item = QTableWidgetItem(str(text))
                tip = "\n".join(t for t in (str(text), r.contradiction, r.note if r.note != r.contradiction else "")
                                if t)
                item.setToolTip(tip)
                if j in (1, 2):
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if j == 3:
                    item.setBackground(QColor(fill_of(r.status)))
                    item.setForeground(QColor(COLOURS.get(r.status, "#333333")))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 200))

    @staticmethod
    def _bar(r) -> QProgressBar:
        """Green when the indicator is met, red when not, grey without data."""
        pct = progress_percent({"current": r.current, "target": r.target, "comparison": r.comparison})
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(pct or 0)
        bar.setFormat("—" if pct is None else f"{pct}%")
        bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        colour = COLOURS.get(r.status, "#757575")
        bar.setStyleSheet(f"QProgressBar {{ border: 1px solid #bbbbbb; border-radius: 2px; background: #f4f4f4; "
                          f"text-align: center; }} QProgressBar::chunk {{ background-color: {colour}; }}")
        bar.setToolTip(label(r.status, VERDICT_EN.get(r.status, r.status)))
        bar.setProperty("status_colour", colour)
        return bar

    def export_csv(self, path=None):
        if not path:
            path = save_file_dialog(self, tr("Export indicators"), tr("indicators") + ".csv", tr("CSV files (*.csv)"),
                                    ".csv")
        if not path:
            return None
        headers, rows = csv_rows(self.rows)
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:   # BOM: Excel opens Chinese correctly
            w = csv.writer(fh)
            w.writerow(headers)
            for row in rows:
                w.writerow(row)
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
