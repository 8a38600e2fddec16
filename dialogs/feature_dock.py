"""规划要素信息 / Feature facts — what the plan says about the selected features, one click away."""
from __future__ import annotations

import traceback
from html import escape

from qgis.core import QgsApplication, QgsMapLayerType, QgsMessageLog, QgsProject, QgsTask
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QEvent, Qt, QUrl, QUrlQuery
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.inputs.roles import ReviewSettings
from ..core.review.clauses import item_clause, review_clauses
from ..core.siting.engine import AREA_LABEL
from ..core.support.i18n import is_chinese, label, tr
from ..rules.checks.decision import SOURCE_LABELS
from ..rules.model.errors import MinePlanError
from ..rules.model.ruleset import ROLE_NAMES
from ..rules.model.vocab import (
    ACTIVITY_LABELS,
    CHECK_BY_ID,
    COLOURS,
    MINING,
    NOT_APPLICABLE,
    RESULT_EN,
    ROLE_BY_ID,
    ROLES,
    VERDICT_EN,
    fill_of,
    result_colour,
    result_fill,
)
from .dock_facts import (
    MAX_DETAILED,
    REVERSE_ROLES,
    EngineCache,
    LayerSnapshot,
    reverse_facts,
    review_selection,
    role_of,
)

FLASH_ROLE, FLASH_FID = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1
AVOID_ROW = Qt.ItemDataRole.UserRole + 3           # index into the dock's last facts: double-click adds its adjusted polygon
MAX_PATCHES = 12


def verdict_text(code: str) -> str:
    """A verdict code in the UI's language (the code itself is data and stays Chinese in outputs)."""
    return label(code, VERDICT_EN.get(code, code))


def colon() -> str:
    """The colon after a label: full width in the Chinese UI."""
    return "：" if is_chinese() else ": "


def area_text(m2: float) -> str:
    return f"{m2:,.2f}"


def fact_headers() -> list:
    return [tr("Item"), tr("Verdict"), tr("Details and clause")]


def hectares(m2: float) -> str:
    return f"{m2 / 1e4:,.4f}"


class FactsTask(QgsTask):
    """Builds (or reuses) the pipeline and reviews the selection in a worker thread; or, for a selection on a
    control-line or zone layer, finds the features under review that overlap it."""

    def __init__(self, cache, settings, snapshots, subject, role, fids, transform_context, callback,
                 under_review=None):
        super().__init__(tr("MinePlan: feature facts"), QgsTask.Flag.CanCancel)
        self.cache, self.settings, self.snapshots = cache, settings, snapshots
        self.subject, self.role, self.fids = subject, role, fids
        self.transform_context = transform_context
        self.callback = callback
        self.under_review = under_review
        self.facts = None
        self.reverse = None
        self.error = None

    def run(self):
        try:
            with self.cache.lock:
                if self.role in REVERSE_ROLES:
                    from ..rules.loader import load_ruleset
                    rs = load_ruleset(self.settings.ruleset or None)
                    self.reverse = reverse_facts(rs, self.role, self.subject, self.fids, self.under_review,
                                                 self.settings.area_method, self.transform_context, self.isCanceled)
                    return not self.isCanceled()
                pipeline = self.cache.ensure(self.settings, self.snapshots, self.subject, self.role,
                                             self.transform_context)
                if self.isCanceled():
                    return False
                # 避让 results only where they are shown (a detailed view), for the conflicting features
                self.facts = review_selection(pipeline, self.fids, self.isCanceled,
                                              avoid=len(self.fids) <= MAX_DETAILED)
            return not self.isCanceled()
        except MinePlanError as exc:
            self.error = str(exc)
            return False
        except Exception:  # noqa: BLE001 - logged in full, shown as one readable line
            QgsMessageLog.logMessage(traceback.format_exc(), "MinePlan")
            self.error = tr("Internal error while computing the facts (details in the MinePlan message log).")
            return False

    def finished(self, result):
        if self.callback is not None:
            self.callback(self, result)


class _TextView:
    """``dock.browser.toPlainText()`` / ``toHtml()``: the tree's text, for callers of the former HTML view."""

    def __init__(self, dock):
        self._dock = dock

    def toPlainText(self):  # noqa: N802 - mirrors QTextEdit
        return self._dock.text()

    toHtml = toPlainText  # noqa: N815


class FeatureDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Feature facts"), parent or (iface.mainWindow() if iface else None))
        self.setObjectName("MinePlanFeatureDock")
        self.iface = iface
        self.cache = EngineCache()
        self.task = None
        self.canceled_tasks = 0
        self.layer = None
        self.watched = {}
        self.last_facts = []
        self._holding = False          # adding to the scratch layer: keep the facts when it becomes active
        w = QWidget()
        lay = QVBoxLayout(w)
        top = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        top.addWidget(self.status, 1)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh(force=True))
        top.addWidget(self.refresh_button)
        lay.addLayout(top)
        self.settings_button = QPushButton(tr("Detect layer roles…"))
        self.settings_button.setVisible(False)
        self.settings_button.clicked.connect(self.open_settings)
        lay.addWidget(self.settings_button)
        self.tree = QTreeWidget()
        self.tree.setObjectName("factsTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(fact_headers())
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)      # elided, full text in tooltips
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setWordWrap(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        self.tree.setIndentation(14)
        self.tree.itemDoubleClicked.connect(self.on_item)
        self.tree.currentItemChanged.connect(self.show_detail)
        self.tree.viewport().installEventFilter(self)
        lay.addWidget(self._split(self.tree, self._detail_pane()), 1)
        self.avoid_button = QPushButton(tr("Add the adjusted polygons to a scratch layer"))
        self.avoid_button.setObjectName("addAdjustedButton")
        self.avoid_button.setToolTip(tr("The polygons left after removing every control-line overlap (避让调整) of "
                                        "the conflicting features shown, into the scratch layer 避让调整结果"))
        self.avoid_button.setVisible(False)
        self.avoid_button.clicked.connect(lambda: self.add_adjusted())
        lay.addWidget(self.avoid_button)
        self.browser = _TextView(self)
        self.setWidget(w)
        if iface is not None:
            iface.currentLayerChanged.connect(self.on_layer_changed)
        for sig in self._project_signals():
            sig.connect(self.on_project)
        self.on_layer_changed(iface.activeLayer() if iface is not None else None)

    def _detail_pane(self):
        """Under the tree: the selected row in full — its reason and clause wrapped, not elided."""
        self.detail = QTextBrowser()
        self.detail.setObjectName("factsDetail")
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText(tr("Select a row to read its reason and clause in full."))
        return self.detail

    @staticmethod
    def _split(top, bottom):
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        return splitter

    def show_detail(self, item, *args):
        if item is None:
            self.detail.clear()
            return
        head = " — ".join(t for t in (item.toolTip(0) or item.text(0), item.text(1)) if t)
        body = item.toolTip(2) or item.text(2)
        self.detail.setHtml(f"<b>{escape(head)}</b><br/>" + escape(body).replace("\n", "<br/>"))

    # ---- wiring ---------------------------------------------------------------------------------------
    @staticmethod
    def _project_signals():
        """The project's changes that make the shown facts stale: another project, or a layer removed."""
        project = QgsProject.instance()
        return (project.readProject, project.cleared, project.layersRemoved)

    def on_project(self, *args):
        self.cache.invalidate()
        project = QgsProject.instance()
        self.watched = {lid: lyr for lid, lyr in self.watched.items() if project.mapLayer(lid) is not None}
        self.on_layer_changed(self.iface.activeLayer() if self.iface is not None else None)

    def on_layer_changed(self, layer):
        if self._holding:
            return
        if self.layer is not None:
            try:
                self.layer.selectionChanged.disconnect(self.on_selection)
            except (TypeError, RuntimeError):
                pass
        self.layer = layer if layer is not None and layer.type() == QgsMapLayerType.VectorLayer else None
        if self.layer is not None:
            self.layer.selectionChanged.connect(self.on_selection)
        self.refresh()

    def on_selection(self, *args):
        self.refresh()

    def watch(self, layer):
        """Rebuild the cached indexes when a role layer's data changes."""
        if layer.id() in self.watched:
            return
        for signal in (layer.dataChanged, layer.subsetStringChanged, layer.crsChanged):
            signal.connect(self.cache.invalidate)
        self.watched[layer.id()] = layer

    # ---- computing ----------------------------------------------------------------------------------
    def cancel(self, wait=False):
        if self.task is not None:
            self.canceled_tasks += 1
            try:
                self.task.callback = None
                self.task.cancel()
                if wait:
                    self.task.waitForFinished(30000)
            except RuntimeError:   # already deleted by the task manager
                pass
            self.task = None

    def refresh(self, force=False):
        self.cancel()
        if force:
            self.cache.invalidate()
        settings = ReviewSettings.load()
        if self.layer is None:
            return self.show_message(tr("Choose a vector layer and select features on the map."))
        fids = self.layer.selectedFeatureIds()
        if not fids:        # nothing to review: no layer snapshot is made
            return self.show_message(tr("Select features of layer {0} on the map.").format(self.layer.name()))
        role = role_of(self.layer.id(), settings)
        snapshots = {}
        for r in ROLES:
            lyr = settings.layer(r.id)
            if r.id in ("proposed", "other") or lyr is None or lyr.type() != QgsMapLayerType.VectorLayer:
                continue
            snapshots[r.id] = LayerSnapshot(lyr)
            self.watch(lyr)
        self.watch(self.layer)
        under_review = None
        if role in REVERSE_ROLES:
            proposed = settings.layer("proposed")
            under_review = LayerSnapshot(proposed) if proposed is not None else None
        elif not snapshots:
            self.show_message(tr("Layer roles are not set: detect them (they are shown for confirmation) or assign "
                                 "the red line, farmland, urban boundary and zone layers in Settings."))
            self.settings_button.setVisible(True)
            return None
        self.settings_button.setVisible(False)
        tctx = QgsProject.instance().transformContext()
        self.task = FactsTask(self.cache, settings, snapshots, LayerSnapshot(self.layer), role, fids, tctx,
                              self.task_done, under_review)
        self.status.setText(tr("Computing {0} feature(s)…").format(len(fids)))
        QgsApplication.taskManager().addTask(self.task)
        return None

    def task_done(self, task, result):
        if task is not self.task:
            return
        self.task = None
        if task.error:
            return self.show_message(tr("Error: {0}").format(task.error))
        if not result:
            return None
        if task.reverse is not None:
            self.last_facts = task.reverse
            self.render_reverse(task.reverse)
            self.status.setText(tr("{0} feature(s) of {1}").format(len(task.reverse), self.layer.name()
                                                                   if self.layer else ""))
            return None
        if task.facts is None:
            return None
        self.last_facts = task.facts
        self.render(task.facts)
        self.status.setText(tr("{0} feature(s) of {1}; rule set: {2}").format(len(task.facts), self.layer.name()
                                                                              if self.layer else "",
                                                                              self.cache.rs.name))
        return None

    def show_message(self, text):
        self.status.setText(text)
        self._clear()
        self.avoid_button.setVisible(False)

    def open_settings(self):
        from .settings_dialog import SettingsDialog
        dlg = SettingsDialog(self.iface, self, detect=True)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted:
            self.refresh(force=True)

    # ---- rendering -----------------------------------------------------------------------------------
    @staticmethod
    def _item(parent, texts, tips=None, verdict=None, bold=False, right=(1,)):
        """A tree row: texts per column, full text (and more) as tooltips, numbers right-aligned."""
        item = QTreeWidgetItem(parent, [("" if t is None else str(t)) for t in texts])
        for col, text in enumerate(texts):
            tip = (tips or {}).get(col) or (str(text) if text not in (None, "") else "")
            if tip:
                item.setToolTip(col, tip)
            if col in right:
                item.setTextAlignment(col, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
        if verdict is not None:
            item.setForeground(1, QBrush(QColor(COLOURS.get(verdict, "#333333"))))
            item.setBackground(1, QBrush(QColor(fill_of(verdict))))
            font = item.font(1)
            font.setBold(True)
            item.setFont(1, font)
            item.setTextAlignment(1, int(Qt.AlignmentFlag.AlignCenter))
        if bold:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        return item

    def _clear(self, headers=None):
        """An empty tree under ``headers`` (the facts' by default), and no detail."""
        self.tree.clear()
        self.tree.setHeaderLabels(headers or fact_headers())
        self.detail.clear()

    def _finish(self):
        self.tree.expandAll()
        self.fit_columns()

    def fit_columns(self):
        """Column 0 as wide as its labels need (not the feature titles: they are elided, full text in the
        tooltip), at most half the view; numbers and verdicts sized to their contents; details take the rest."""
        fm = self.tree.fontMetrics()
        advance = fm.horizontalAdvance if hasattr(fm, "horizontalAdvance") else fm.width
        need = 80
        for item, depth in self._walk():
            if depth > 0:
                bold = 12 if item.font(0).bold() else 0
                need = max(need, advance(item.text(0)) + bold + (depth + 1) * self.tree.indentation() + 12)
        self.tree.setColumnWidth(0, int(min(need, max(self.tree.viewport().width() * 0.5, 80))))

    def _walk(self):
        out = []

        def walk(item, depth):
            out.append((item, depth))
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)
        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return out

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if obj is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def render(self, facts):
        self._clear()
        if len(facts) > MAX_DETAILED:
            self.render_summary(facts)
            return
        cited = (self.cache.rs, list(self.cache.role_layers))      # the clauses the report cites
        for n, f in enumerate(facts):
            d = f.decision
            title = f"{f.label} {f.name}" if f.name else f.label
            act = label(*ACTIVITY_LABELS[f.input.activity or MINING])
            src = label(*SOURCE_LABELS[f.input.activity_source])
            top = self._item(self.tree, [title, verdict_text(d.verdict), f"{act}（{src}）" if is_chinese() else
                                         f"{act} ({src})"], tips={0: title}, verdict=d.verdict, bold=True)
            top.setData(0, Qt.ItemDataRole.UserRole + 2, f.label)
            self._checks(top, f, *cited)
            self._avoidance(top, f, n)     # the planner's next question after a conflict
            self._overlaps(top, f)
            self._zones(top, f)
            clauses = ("；" if is_chinese() else "; ").join(review_clauses(cited[0], f, cited[1]))
            self._item(top, [tr("Clauses applied"), "", clauses], tips={2: clauses})
        self.avoid_button.setVisible(any(self._adjusted(f) is not None for f in facts))
        self._finish()

    def _checks(self, top, f, rs, zone_roles):
        """One row per check: verdict, reason, and as tooltip (and detail) the clause the report cites."""
        checks = self._item(top, [tr("Checks"), "", ""], bold=True)
        for it in f.decision.items:
            c = CHECK_BY_ID[it.check]
            reason = label(it.reason, it.reason_en or it.reason)
            clause = item_clause(rs, f, it, zone_roles)
            tip = reason + (f"\n{tr('Clause')}{colon()}{clause}" if clause else "")
            row = self._item(checks, [label(c.zh, c.en), verdict_text(it.verdict), reason],
                             tips={2: tip}, verdict=it.verdict)
            if it.verdict == NOT_APPLICABLE:
                for col in (0, 2):
                    row.setForeground(col, QBrush(QColor("#757575")))

    @staticmethod
    def _adjusted(f):
        """The 避让 result of a reviewed feature when it has an adjusted polygon to offer."""
        r = getattr(f, "avoidance", None)
        return r if r is not None and r.geometry is not None and not r.geometry.isEmpty() else None

    def _avoidance(self, top, f, row):
        r = getattr(f, "avoidance", None)
        if r is None:
            return
        text = label(r.verdict, RESULT_EN.get(r.verdict, r.verdict))
        reason = r.reason("zh" if is_chinese() else "en")
        tip = reason + (f"\n{tr('Clause')}{colon()}{r.clause}" if r.clause else "") + \
            "\n" + tr("Minimum workable area: {0} m²; areas: {1}").format(area_text(r.min_area),
                                                                   self.area_method_text(r.area_method))
        item = self._item(top, [tr("Avoidance adjustment (避让调整)"), text, reason], tips={2: tip}, bold=True)
        item.setForeground(1, QBrush(QColor(result_colour(r.verdict))))
        item.setBackground(1, QBrush(QColor(result_fill(r.verdict))))
        item.setTextAlignment(1, int(Qt.AlignmentFlag.AlignCenter))
        if r.original_m2:
            self._item(item, [tr("Area left"), f"{area_text(r.remaining_m2)} m²",
                              tr("{0} ha; {1:.2f}% lost; {2} part(s), the largest {3} m²").format(
                                  hectares(r.remaining_m2), r.lost_pct or 0.0, r.part_count,
                                  area_text(r.largest_m2))])
        if self._adjusted(f) is not None:
            self._still_open(item, f)
            add = self._item(item, [tr("Adjusted polygon"), "", tr("double-click: add it to a scratch layer")])
            add.setData(0, AVOID_ROW, row)

    def _still_open(self, item, f):
        """Avoiding control lines settles only the overlap: the checks that keep the feature from 符合 anyway."""
        rest = [it for it in f.decision.ordered() if it.check != "overlap"]
        if not rest:
            return
        names = "、".join(CHECK_BY_ID[it.check].zh for it in rest) if is_chinese() else \
            ", ".join(CHECK_BY_ID[it.check].en for it in rest)
        text = tr("Avoiding the control lines does not settle: {0}").format(names)
        self._item(item, [tr("Still open"), verdict_text(rest[0].verdict), text], tips={2: text},
                   verdict=rest[0].verdict)

    def area_method_text(self, text: str) -> str:
        """The area method a result names (its Chinese label, as written to outputs) in the UI's language."""
        if is_chinese():
            return text
        ctx = getattr(self.cache.pipeline, "area_ctx", None)
        english = {AREA_LABEL[0]: AREA_LABEL[1], **({ctx.label: ctx.label_en} if ctx is not None else {})}
        return english.get(text, text)

    def add_adjusted(self, rows=None):
        """Add the adjusted polygons (all shown, or the facts at ``rows``) to the scratch layer 避让调整结果;
        returns the layer."""
        from ..core.siting.avoid import add_to_scratch_layer
        facts = self.last_facts if rows is None else [self.last_facts[i] for i in rows]
        results = [r for r in (self._adjusted(f) for f in facts) if r is not None]
        if not results:
            return None
        try:
            layer = self._keeping_active_layer(add_to_scratch_layer, results, QgsProject.instance())
        except MinePlanError as exc:
            self.status.setText(tr("Error: {0}").format(exc))
            return None
        self.status.setText(tr("{0} adjusted polygon(s) added to the layer {1}").format(len(results), layer.name()))
        return layer

    def _keeping_active_layer(self, func, *args):
        """Call ``func``; a layer it adds becomes the active one in QGIS: make the previous one active again,
        and keep the facts shown meanwhile."""
        prev = self.iface.activeLayer() if self.iface is not None else None
        self._holding = True
        try:
            return func(*args)
        finally:
            if self.iface is not None and prev is not None and self.iface.activeLayer() is not prev:
                self.iface.setActiveLayer(prev)
            self._holding = False

    def _overlaps(self, top, f):
        if not f.overlaps:
            return
        group = self._item(top, [tr("Control lines"), "m²", tr("Share and patches")], bold=True)
        for c in f.overlaps:
            name = label(ROLE_BY_ID[c.cat_id].zh, ROLE_BY_ID[c.cat_id].en) if c.cat_id in ROLE_BY_ID else c.name
            contributors = f.contributors.get(c.cat_id, [])
            ids = ", ".join(lab for lab, _ in contributors)
            pct = "" if c.pct is None else f"{c.pct:.2f}%"
            details = "；".join(t for t in (pct, ids) if t) if is_chinese() else "; ".join(t for t in (pct, ids) if t)
            row = self._item(group, [name, area_text(c.area_m2), details or "—"], tips={2: details})
            for lab, fid in contributors[:MAX_PATCHES]:
                patch = self._item(row, [lab, "", tr("double-click: show on the map") if fid is not None else ""])
                patch.setData(0, FLASH_ROLE, c.cat_id)
                patch.setData(0, FLASH_FID, fid)
            if len(contributors) > MAX_PATCHES:
                self._item(row, [tr("… {0} more").format(len(contributors) - MAX_PATCHES), "", ""])

    def _zones(self, top, f):
        if f.zones is None:
            return
        group = self._item(top, [tr("Planning zones"), "%", tr("Name (id)")], bold=True)
        for role, hit in f.zones.hits.items():
            name = label(*ROLE_NAMES[role])
            if hit is None:
                self._item(group, [name, "", "—"])
            else:
                text = f"{hit.zone_name or ''} ({hit.zone_id})".strip()
                self._item(group, [name, f"{hit.share * 100:.1f}", text])

    def render_summary(self, facts):
        counts = {}
        for f in facts:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        top = self._item(self.tree, [tr("{0} features selected: summary").format(len(facts)), "", ""], bold=True)
        for code, n in counts.items():
            self._item(top, [tr("Features"), verdict_text(code), str(n)], verdict=code)
        lines = self._item(self.tree, [tr("Control lines"), "m²", tr("Features overlapping")], bold=True)
        for cat in ("eco", "farm", "urban", "reserve"):
            hits = [f for f in facts if f.overlaps and any(c.cat_id == cat and c.area_m2 > 0 for c in f.overlaps)]
            area = sum(c.area_m2 for f in hits for c in f.overlaps if c.cat_id == cat)
            self._item(lines, [label(ROLE_BY_ID[cat].zh, ROLE_BY_ID[cat].en), f"{area:,.0f}", str(len(hits))])
        self._item(self.tree, [tr("Select at most {0} features to see every fact.").format(MAX_DETAILED), "", ""])
        self._finish()

    def render_reverse(self, facts):
        self._clear([tr("Item"), "m²", tr("Clause")])      # an area, not a verdict, in the second column
        for f in facts:
            role = label(ROLE_BY_ID[f.role].zh, ROLE_BY_ID[f.role].en)
            title = f"{f.label} {f.name}" if f.name else f.label
            area = "—" if f.area_m2 is None else area_text(f.area_m2)
            top = self._item(self.tree, [f"{role}: {title}", area, f.clause], tips={2: f.clause}, bold=True)
            if not f.under_review:
                self._item(top, [tr("No layer under review: set the role of the applications layer in Settings."),
                                 "", ""])
                continue
            if not f.overlapping:
                self._item(top, [tr("No feature of {0} overlaps it.").format(f.under_review), "", ""])
                continue
            group = self._item(top, [tr("Features of {0} overlapping it").format(f.under_review), "m²",
                                     tr("Share of the feature")], bold=True)
            for lab, _, a, share in f.overlapping:
                self._item(group, [lab, area_text(a), f"{share * 100:.2f}%"])
        self._finish()

    def text(self) -> str:
        """Everything the tree shows, with tooltips (tests, copy)."""
        out = []
        for item, depth in self._walk():
            cols = [item.text(c) for c in range(item.columnCount())]
            tips = [item.toolTip(c) for c in range(item.columnCount()) if item.toolTip(c) not in cols]
            out.append("  " * depth + " | ".join(cols + tips))
        return "\n".join(out)

    # ---- links -----------------------------------------------------------------------------------------
    def on_item(self, item, column=0):
        row = item.data(0, AVOID_ROW)
        if row is not None:
            self.add_adjusted([int(row)])
            return
        role, fid = item.data(0, FLASH_ROLE), item.data(0, FLASH_FID)
        if role and fid is not None:
            self.flash(role, fid)

    def on_link(self, url: QUrl):
        """mineplan:flash?role=eco&fid=12 (kept for links in other views)."""
        if url.scheme() != "mineplan" or url.path() != "flash":
            return
        q = QUrlQuery(url)
        self.flash(q.queryItemValue("role"), q.queryItemValue("fid"))

    def flash(self, role: str, fid):
        layer_id = self.cache.role_layers.get(role)
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        if layer is None or self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        try:
            canvas.zoomToFeatureIds(layer, [int(fid)])
            canvas.flashFeatureIds(layer, [int(fid)])
        except (TypeError, ValueError):
            pass

    def shutdown(self):
        self.cancel(wait=True)
        if self.iface is not None:
            try:
                self.iface.currentLayerChanged.disconnect(self.on_layer_changed)
            except (TypeError, RuntimeError):
                pass
        for sig in self._project_signals():
            try:
                sig.disconnect(self.on_project)
            except (TypeError, RuntimeError):
                pass
        if self.layer is not None:
            try:
                self.layer.selectionChanged.disconnect(self.on_selection)
            except (TypeError, RuntimeError):
                pass
        for lyr in self.watched.values():
            for signal in ("dataChanged", "subsetStringChanged", "crsChanged"):
                try:
                    getattr(lyr, signal).disconnect(self.cache.invalidate)
                except (TypeError, RuntimeError, AttributeError):
                    pass
        self.watched = {}
