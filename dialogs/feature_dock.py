"""规划要素信息 / Feature facts — what the plan says about the selected features, one click away."""
from __future__ import annotations

import traceback

from qgis.core import QgsApplication, QgsMapLayerType, QgsMessageLog, QgsProject, QgsTask
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QUrl, QUrlQuery
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..core.facts import (
    MAX_DETAILED,
    REVERSE_ROLES,
    EngineCache,
    LayerSnapshot,
    reverse_facts,
    review_selection,
    role_of,
)
from ..core.html import esc
from ..core.i18n import label, tr
from ..core.roles import ReviewSettings
from ..rules.decision import SOURCE_LABELS
from ..rules.errors import MinePlanError
from ..rules.ruleset import ROLE_NAMES
from ..rules.vocab import ACTIVITY_LABELS, CHECK_BY_ID, COLOURS, MINING, NOT_APPLICABLE, ROLE_BY_ID, ROLES


class FactsTask(QgsTask):
    """Builds (or reuses) the pipeline and reviews the selection in a worker thread; or, for a selection on a
    control-line or zone layer, finds the features under review that overlap it."""

    def __init__(self, cache, settings, snapshots, subject, role, fids, transform_context, callback,
                 under_review=None):
        super().__init__(tr("MinePlan: feature facts"), QgsTask.CanCancel)
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
                self.facts = review_selection(pipeline, self.fids, self.isCanceled)
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
        role = role_of(self.layer.id(), settings)
        snapshots = {}
        for r in ROLES:
            lyr = settings.layer(r.id)
            if r.id in ("proposed", "other") or lyr is None or lyr.type() != QgsMapLayerType.VectorLayer:
                continue
            snapshots[r.id] = LayerSnapshot(lyr)
            self.watch(lyr)
        fids = self.layer.selectedFeatureIds()
        if not fids:
            return self.show_message(tr("Select features of layer {0} on the map.").format(self.layer.name()))
        self.watch(self.layer)
        under_review = None
        if role in REVERSE_ROLES:
            proposed = settings.layer("proposed")
            under_review = LayerSnapshot(proposed) if proposed is not None else None
        elif not snapshots:
            return self.show_message(tr("Layer roles are not set: open MinePlan → Settings and assign the red line, "
                                        "farmland, urban boundary and zone layers (auto-detection fills most)."))
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
            self.browser.setHtml(self.render_reverse(task.reverse))
            self.status.setText(tr("{0} feature(s) of {1}").format(len(task.reverse), self.layer.name()
                                                                   if self.layer else ""))
            return None
        if task.facts is None:
            return None
        self.last_facts = task.facts
        self.browser.setHtml(self.render(task.facts))
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

    def render(self, facts) -> str:
        if len(facts) > MAX_DETAILED:
            return self.render_summary(facts)
        parts = []
        for f in facts:
            d = f.decision
            title = f"{f.label} {f.name}" if f.name else f.label
            parts.append(f"<h3>{esc(title)} — {self._v(d.verdict)}</h3>")
            act = label(*ACTIVITY_LABELS[f.input.activity or MINING])
            src = label(*SOURCE_LABELS[f.input.activity_source])
            parts.append(f"<p>{esc(tr('Activity'))}: {esc(act)} <i>({esc(src)})</i></p>")
            rows = []
            for it in d.items:
                c = CHECK_BY_ID[it.check]
                grey = ' style="color:#757575"' if it.verdict == NOT_APPLICABLE else ""
                rows.append(f"<tr{grey}><td nowrap>{esc(label(c.zh, c.en))}</td><td nowrap>{self._v(it.verdict)}</td>"
                            f"<td>{esc(it.reason)}<br><i>{esc(it.clause)}</i></td></tr>")
            parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>{esc(tr('Check'))}</th>"
                         f"<th>{esc(tr('Verdict'))}</th><th>{esc(tr('Reason and clause'))}</th></tr>"
                         + "".join(rows) + "</table>")
            parts.append(self._overlap_table(f))
            parts.append(self._zone_table(f))
            parts.append(f"<p><b>{esc(tr('Clauses applied'))}</b>: {esc('；'.join(d.clauses))}</p><hr>")
        return "".join(parts)

    def _overlap_table(self, f) -> str:
        if not f.overlaps:
            return ""
        rows = []
        for c in f.overlaps:
            links = []
            for lab, fid in f.contributors.get(c.cat_id, [])[:12]:
                links.append(esc(lab) if fid is None else
                             f'<a href="mineplan:flash?role={c.cat_id}&fid={fid}">{esc(lab)}</a>')
            more = " …" if len(f.contributors.get(c.cat_id, [])) > 12 else ""
            pct = "" if c.pct is None else f"{c.pct:.2f}%"
            name = label(ROLE_BY_ID[c.cat_id].zh, ROLE_BY_ID[c.cat_id].en) if c.cat_id in ROLE_BY_ID else c.name
            rows.append(f"<tr><td nowrap>{esc(name)}</td><td align='right' nowrap>{c.area_m2:,.2f}</td>"
                        f"<td align='right' nowrap>{pct}</td><td>{', '.join(links)}{more}</td></tr>")
        return (f"<p><b>{esc(tr('Control lines'))}</b></p><table border='1' cellspacing='0' cellpadding='3'>"
                f"<tr><th>{esc(tr('Control line'))}</th><th>m²</th><th>%</th><th>{esc(tr('Patches'))}</th></tr>"
                + "".join(rows) + "</table>")

    def _zone_table(self, f) -> str:
        if f.zones is None:
            return ""
        rows = []
        for role, hit in f.zones.hits.items():
            name = label(*ROLE_NAMES[role])
            if hit is None:
                rows.append(f"<tr><td nowrap>{esc(name)}</td><td>—</td><td></td></tr>")
            else:
                rows.append(f"<tr><td nowrap>{esc(name)}</td><td>{esc(hit.zone_name or '')} ({esc(hit.zone_id)})</td>"
                            f"<td align='right' nowrap>{hit.share * 100:.1f}%</td></tr>")
        return (f"<p><b>{esc(tr('Planning zones'))}</b></p><table border='1' cellspacing='0' cellpadding='3'>"
                f"<tr><th>{esc(tr('Zone'))}</th><th>{esc(tr('Name (id)'))}</th><th>%</th></tr>"
                + "".join(rows) + "</table>")

    def render_summary(self, facts) -> str:
        counts = {}
        for f in facts:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        rows = "".join(f"<tr><td>{self._v(k)}</td><td align='right'>{n}</td></tr>" for k, n in counts.items())
        out = [f"<h3>{esc(tr('{0} features selected: summary').format(len(facts)))}</h3>",
               f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>{esc(tr('Verdict'))}</th>"
               f"<th>{esc(tr('Features'))}</th></tr>{rows}</table>"]
        cat_rows = []
        for cat in ("eco", "farm", "urban", "reserve"):
            hits = [f for f in facts if f.overlaps and any(c.cat_id == cat and c.area_m2 > 0 for c in f.overlaps)]
            area = sum(c.area_m2 for f in hits for c in f.overlaps if c.cat_id == cat)
            cat_rows.append(f"<tr><td nowrap>{esc(label(ROLE_BY_ID[cat].zh, ROLE_BY_ID[cat].en))}</td>"
                            f"<td align='right'>{len(hits)}</td><td align='right' nowrap>{area:,.0f}</td></tr>")
        out.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>{esc(tr('Control line'))}</th>"
                   f"<th>{esc(tr('Features overlapping'))}</th><th>m²</th></tr>" + "".join(cat_rows) + "</table>")
        out.append(f"<p>{esc(tr('Select at most {0} features to see every fact.').format(MAX_DETAILED))}</p>")
        return "".join(out)

    def render_reverse(self, facts) -> str:
        parts = []
        for f in facts:
            role = label(ROLE_BY_ID[f.role].zh, ROLE_BY_ID[f.role].en)
            title = f"{f.label} {f.name}" if f.name else f.label
            area = "—" if f.area_m2 is None else f"{f.area_m2:,.2f} m²"
            parts.append(f"<h3>{esc(role)}: {esc(title)}</h3><p>{esc(tr('Area'))}: <span style='white-space:nowrap'>"
                         f"{esc(area)}</span><br><i>{esc(f.clause)}</i></p>")
            if not f.under_review:
                parts.append(f"<p>{esc(tr('No layer under review: set the role of the applications layer in Settings.'))}"
                             "</p>")
                continue
            if not f.overlapping:
                parts.append(f"<p>{esc(tr('No feature of {0} overlaps it.').format(f.under_review))}</p>")
                continue
            rows = "".join(f"<tr><td>{esc(lab)}</td><td align='right' nowrap>{a:,.2f}</td>"
                           f"<td align='right' nowrap>{share * 100:.2f}%</td></tr>" for lab, _, a, share in f.overlapping)
            parts.append(f"<p>{esc(tr('Features of {0} overlapping it').format(f.under_review))}:</p>"
                         f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>{esc(tr('Feature'))}</th>"
                         f"<th>m²</th><th>{esc(tr('Share of the feature'))}</th></tr>{rows}</table><hr>")
        return "".join(parts)

    # ---- links -----------------------------------------------------------------------------------------
    def on_link(self, url: QUrl):
        if url.scheme() != "mineplan" or url.path() != "flash":
            return
        q = QUrlQuery(url)
        role, fid = q.queryItemValue("role"), q.queryItemValue("fid")
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
            for signal in ("dataChanged", "subsetStringChanged", "crsChanged"):
                try:
                    getattr(lyr, signal).disconnect(self.cache.invalidate)
                except (TypeError, RuntimeError, AttributeError):
                    pass
        self.watched = {}
