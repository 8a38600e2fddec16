"""规划要素信息 / Feature facts — what the plan says about the selected features, one click away."""
from __future__ import annotations

import traceback

from qgis.core import QgsApplication, QgsMapLayerType, QgsProject, QgsTask
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QUrl, QUrlQuery
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..core.facts import MAX_DETAILED, EngineCache, LayerSnapshot, compute_facts, feature_rows
from ..core.html import esc
from ..core.i18n import tr
from ..core.review_overlap import CATEGORY_LABELS
from ..core.roles import CONTROL_ROLES, ZONE_ROLES, ReviewSettings
from ..rules import RuleSetError
from ..rules.ruleset import ROLE_NAMES
from ..rules.verdicts import ARGUE, FAIL, OK

COLOURS = {OK: "#2e7d32", FAIL: "#c62828", ARGUE: "#b26a00", "冲突": "#c62828", "不得新建": "#c62828",
           "需人工核查": "#b26a00", "无几何": "#b26a00"}


class FactsTask(QgsTask):
    """Builds (or reuses) the indexes and computes the facts in a worker thread."""

    def __init__(self, cache, settings, snapshots, rows, crs, layer_name, transform_context, callback):
        super().__init__(tr("MinePlan: feature facts"), QgsTask.CanCancel)
        self.cache, self.settings, self.snapshots, self.rows = cache, settings, snapshots, rows
        self.crs, self.layer_name, self.transform_context = crs, layer_name, transform_context
        self.callback = callback
        self.facts = None
        self.error = None

    def run(self):
        try:
            with self.cache.lock:
                self.cache.ensure(self.settings, self.snapshots, self.transform_context)
                if self.isCanceled():
                    return False
                self.facts = compute_facts(self.cache, self.settings, self.rows, self.crs, self.layer_name,
                                           self.transform_context, self.isCanceled)
            return not self.isCanceled()
        except RuleSetError as exc:
            self.error = str(exc)
            return False
        except Exception:  # noqa: BLE001 - shown in the dock, never lost in a thread
            self.error = traceback.format_exc()
            return False

    def finished(self, result):
        if self.callback is not None:
            self.callback(self, result)


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
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.on_link)
        lay.addWidget(self.browser, 1)
        self.setWidget(w)
        if iface is not None:
            iface.currentLayerChanged.connect(self.on_layer_changed)
        QgsProject.instance().readProject.connect(self.on_project)
        QgsProject.instance().cleared.connect(self.on_project)
        self.on_layer_changed(iface.activeLayer() if iface is not None else None)

    # ---- wiring ---------------------------------------------------------------------------------------
    def on_project(self, *args):
        self.cache.invalidate()
        self.on_layer_changed(self.iface.activeLayer() if self.iface is not None else None)

    def on_layer_changed(self, layer):
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
        layer.dataChanged.connect(self.cache.invalidate)
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
        snapshots = {}
        for role in CONTROL_ROLES + ZONE_ROLES:
            lyr = settings.layer(role)
            if lyr is not None and lyr.type() == QgsMapLayerType.VectorLayer:
                snapshots[role] = LayerSnapshot(lyr)
                self.watch(lyr)
        if not snapshots:
            return self.show_message(tr("Layer roles are not set: open MinePlan → Settings and assign the red line, "
                                        "farmland, urban boundary and zone layers (auto-detection fills most)."))
        fids = self.layer.selectedFeatureIds()
        if not fids:
            return self.show_message(tr("Select features of layer {0} on the map.").format(self.layer.name()))
        rows, _mapping = feature_rows(self.layer, fids, settings)
        tctx = QgsProject.instance().transformContext()
        self.task = FactsTask(self.cache, settings, snapshots, rows, self.layer.crs(), self.layer.name(), tctx,
                              self.task_done)
        self.status.setText(tr("Computing {0} feature(s)…").format(len(rows)))
        QgsApplication.taskManager().addTask(self.task)
        return None

    def task_done(self, task, result):
        if task is not self.task:
            return
        self.task = None
        if task.error:
            return self.show_message(tr("Error: {0}").format(task.error))
        if not result or task.facts is None:
            return None
        self.last_facts = task.facts
        self.browser.setHtml(self.render(task.facts, task.settings))
        self.status.setText(tr("{0} feature(s) of {1}; rule set: {2}").format(len(task.facts), self.layer.name()
                                                                              if self.layer else "",
                                                                              self.cache.rs.name))
        return None

    def show_message(self, text):
        self.status.setText(text)
        self.browser.setHtml(f"<p>{esc(text)}</p>")

    # ---- rendering -----------------------------------------------------------------------------------
    @staticmethod
    def _v(verdict):
        return f'<b style="color:{COLOURS.get(verdict, "#333")}">{esc(verdict)}</b>'

    def render(self, facts, settings) -> str:
        if len(facts) > MAX_DETAILED:
            return self.render_summary(facts)
        parts = []
        for f in facts:
            parts.append(f"<h3>{esc(f.label)} — {self._v(f.verdict)}</h3>")
            parts.append(f"<p>{esc(tr('Activity'))}: {esc('开采 / mining' if f.activity == 'mining' else '勘查 / exploration')}</p>")
            if f.overlap is not None:
                parts.append(f"<p><b>{esc(tr('Control lines'))}</b>: {self._v(f.overlap.verdict)}</p>")
                rows = []
                for c in f.overlap.categories:
                    links = []
                    for label, fid in f.overlap_ids.get(c.cat_id, [])[:12]:
                        if fid is None:
                            links.append(esc(label))
                        else:
                            links.append(f'<a href="mineplan:flash?role={c.cat_id}&fid={fid}">{esc(label)}</a>')
                    more = " …" if len(f.overlap_ids.get(c.cat_id, [])) > 12 else ""
                    pct = "" if c.pct is None else f"{c.pct:.2f}%"
                    rows.append(f"<tr><td>{esc(c.name)}</td><td align='right'>{c.area_m2:,.2f}</td>"
                                f"<td align='right'>{pct}</td><td>{', '.join(links)}{more}</td></tr>")
                parts.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>控制线</th><th>m²</th>"
                             "<th>%</th><th>图斑 ids</th></tr>" + "".join(rows) + "</table>")
                parts.append(f"<p>{esc(f.overlap.reason)}<br><i>{esc(f.overlap.clause)}</i></p>")
            if f.zones is not None:
                rows = []
                for role, hit in f.zones.hits.items():
                    if hit is None:
                        rows.append(f"<tr><td>{esc(ROLE_NAMES[role][0])}</td><td>—</td><td></td></tr>")
                    else:
                        rows.append(f"<tr><td>{esc(ROLE_NAMES[role][0])}</td><td>{esc(hit.zone_name or '')} "
                                    f"({esc(hit.zone_id)})</td><td align='right'>{hit.share * 100:.1f}%</td></tr>")
                parts.append(f"<p><b>{esc(tr('Planning zones'))}</b>: {self._v(f.zone_check.verdict)}</p>")
                parts.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>分区</th><th>名称（编号）</th>"
                             "<th>占比</th></tr>" + "".join(rows) + "</table>")
                parts.append(f"<p>{esc(f.zone_check.reason)}<br><i>{esc(f.zone_check.clause)}</i></p>")
            if f.scale_check is not None:
                v = f.scale_check.values
                req = f"{v['min_capacity']:g} {v['capacity_unit']}" if v.get("min_capacity") is not None else "—"
                parts.append(f"<p><b>{esc(tr('Minimum mining scale'))}</b>: {self._v(f.scale_check.verdict)} "
                             f"({esc(tr('required'))}: {esc(req)})<br>{esc(f.scale_check.reason)}<br>"
                             f"<i>{esc(f.scale_check.clause)}</i></p>")
            if f.policy_check is not None:
                parts.append(f"<p><b>{esc(tr('Mineral policy'))}</b>: {self._v(f.policy_check.verdict)} "
                             f"{esc(f.policy_check.values.get('policy') or '')}<br>{esc(f.policy_check.reason)}<br>"
                             f"<i>{esc(f.policy_check.clause)}</i></p>")
            parts.append(f"<p><b>{esc(tr('Clauses applied'))}</b>: {esc('；'.join(f.clauses))}</p><hr>")
        return "".join(parts)

    def render_summary(self, facts) -> str:
        counts = {}
        for f in facts:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        rows = "".join(f"<tr><td>{self._v(k)}</td><td align='right'>{n}</td></tr>" for k, n in counts.items())
        out = [f"<h3>{esc(tr('{0} features selected: summary').format(len(facts)))}</h3>",
               f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>结论</th><th>数量</th></tr>{rows}</table>"]
        cat_rows = []
        for cat in CONTROL_ROLES:
            hits = [f for f in facts if f.overlap is not None and any(c.cat_id == cat and c.area_m2 > 0
                                                                       for c in f.overlap.categories)]
            area = sum(c.area_m2 for f in hits for c in f.overlap.categories if c.cat_id == cat)
            cat_rows.append(f"<tr><td>{esc(CATEGORY_LABELS[cat])}</td><td align='right'>{len(hits)}</td>"
                            f"<td align='right'>{area:,.0f}</td></tr>")
        out.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>控制线</th><th>压覆要素数</th>"
                   "<th>压覆面积 m²</th></tr>" + "".join(cat_rows) + "</table>")
        out.append(f"<p>{esc(tr('Select at most {0} features to see every fact.').format(MAX_DETAILED))}</p>")
        return "".join(out)

    # ---- links -----------------------------------------------------------------------------------------
    def on_link(self, url: QUrl):
        if url.scheme() != "mineplan" or url.path() != "flash":
            return
        q = QUrlQuery(url)
        role, fid = q.queryItemValue("role"), q.queryItemValue("fid")
        layer_id = self.cache.control_layers.get(role)
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
        for sig, slot in ((QgsProject.instance().readProject, self.on_project),
                          (QgsProject.instance().cleared, self.on_project)):
            try:
                sig.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        if self.layer is not None:
            try:
                self.layer.selectionChanged.disconnect(self.on_selection)
            except (TypeError, RuntimeError):
                pass
        for lyr in self.watched.values():
            try:
                lyr.dataChanged.disconnect(self.cache.invalidate)
            except (TypeError, RuntimeError):
                pass
        self.watched = {}
