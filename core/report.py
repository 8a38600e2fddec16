"""规划符合性审查报告 — the review report (HTML, and PDF through Qt), from FeatureReview objects.

Maps are drawn from memory layers filled from the role layers' feature sources around each feature, so
rendering never touches a project layer (the algorithm runs in a background thread).
"""
from __future__ import annotations

import os
import urllib.parse

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsVectorLayer, QgsWkbTypes

from ..rules.errors import CanceledError
from ..rules.validate import SEVERITY_ZH
from ..rules.vocab import ARGUE, CHECK_BY_ID, CONTROL_ROLES, FAIL, OK, ROLE_BY_ID, ZONE_ROLES, css_of
from . import html as H
from .i18n import tr
from .mapimage import render_feature_map
from .pdf import html_to_pdf

TITLE = "规划符合性审查报告"
TITLE_EN = "Plan compliance review report"
STYLE_OF_ROLE = {"eco": "eco", "farm": "farm", "urban": "urban", "reserve": "reserve"}


def _plugin_version() -> str:
    meta = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "metadata.txt")
    try:
        with open(meta, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def indicators_table(rows) -> str:
    return H.table(["编号 id", "指标", "indicator", "单位", "目标", "属性", "现状", "达标情况", "条款", "说明"],
                   [[r.id, r.name, r.name_en, r.unit, f"{r.comparison} {r.target:g}" if r.target is not None else "",
                     r.target_kind, "" if r.current is None else f"{r.current:g}", r.status, r.clause, r.note]
                    for r in rows], [css_of(r.status) for r in rows])


class ReviewReport:
    def __init__(self, rs, subject, reviews, indicators, counts, area_method, layers, inputs, tctx):
        self.rs = rs
        self.tctx = tctx
        self.subject = subject
        self.reviews = reviews
        self.indicators = indicators
        self.counts = counts
        self.area_method = area_method
        self.layers = layers
        self.inputs = list(inputs)
        self.findings = [f for f in rs.findings if f.severity == "warning"]

    @staticmethod
    def title(r) -> str:
        return f"{r.label} {r.name}" if r.name not in (None, "") else r.label

    # ---- HTML ---------------------------------------------------------------------------------------
    def html(self, image_names: dict) -> str:
        rs = self.rs
        body = H.heading(1, TITLE, TITLE_EN)
        body += (f'<p class="meta">规划 / plan：{H.esc(rs.name)}（{H.esc(rs.name_en)}）<br>'
                 f'规则文件 / rule file：{H.esc(os.path.basename(rs.path))}　面积算法 / area method：'
                 f'{H.esc(self.area_method or "—")}<br>'
                 f'MinePlan Review {H.esc(_plugin_version())}</p>\n')
        body += H.heading(2, "审查输入", "Inputs")
        body += H.table(["项目 item", "图层 layer"], [[a, b] for a, b in self.inputs])
        body += H.heading(2, "审查结论汇总", "Summary")
        body += H.table(["符合 compliant", "不符合 non-compliant", "需论证 needs justification", "合计 total"],
                        [[self.counts[OK], self.counts[FAIL], self.counts[ARGUE], sum(self.counts.values())]])
        rows, classes = [], []
        for r in self.reviews:
            d = r.decision
            cell = {c: (d.item(c).verdict if d.item(c) else "—") for c in ("overlap", "scale", "policy", "zone")}
            act = {"mining": "开采", "exploration": "勘查"}.get(r.input.activity or "mining", "")
            mineral = (d.item("scale").values.get("mineral_std") if d.item("scale") else None) or r.attrs.get("mineral")
            rows.append([self.title(r), act, mineral or "", cell["overlap"], cell["scale"], cell["policy"],
                         cell["zone"], d.verdict])
            classes.append(css_of(d.verdict))
        body += H.table(["要素 feature", "类型", "矿种", "控制线", "最低规模", "矿种准入", "分区", "结论 verdict"],
                        rows, classes, widths=[24, 7, 17, 10, 11, 11, 10, 10])
        body += H.heading(2, "逐项审查", "Feature by feature")
        for n, r in enumerate(self.reviews, start=1):
            body += self._feature_section(n, r, image_names.get(n))
        if self.indicators is not None:
            body += '<div style="page-break-before: always">'
            body += H.heading(2, "规划指标", "Plan indicators")
            body += indicators_table(self.indicators)
            body += "</div>"
        if self.findings:
            body += H.heading(2, "规划文本自身的矛盾", "Contradictions in the plan text")
            body += H.table(["级别", "说明", "条款"], [[SEVERITY_ZH[f.severity], f.message_zh, f.clause]
                                                   for f in self.findings])
        return H.document(TITLE, body)

    def _feature_section(self, n, r, img) -> str:
        out = '<div style="page-break-before: always">' if n > 1 else "<div>"
        out += H.heading(3, f"{n}. {self.title(r)} — {r.verdict}", "")
        check_rows, cls = [], []
        for it in r.decision.items:
            c = CHECK_BY_ID[it.check]
            check_rows.append([f"{c.zh} {c.en}", it.verdict, it.reason, it.clause])
            cls.append(css_of(it.verdict))
        out += H.table(["检查 check", "结论", "原因 reason", "条款 clause"], check_rows, cls, widths=[16, 10, 52, 22])
        ov = []
        for c in r.overlaps or []:
            pct = "" if c.pct is None else f"{c.pct:.2f}"
            ov.append([c.name, f"{c.area_m2:,.2f}", pct, ",".join(map(str, c.ids))])
        if ov and r.area_m2 is not None:
            out += f"<p>压覆分析 / overlap（要素面积 {r.area_m2:,.2f} 平方米，{H.esc(self.area_method)}）</p>"
            out += H.table(["控制线 control line", "压覆面积(m²)", "比例(%)", "压覆图斑 ids"], ov, widths=[22, 18, 12, 48])
        if img:
            out += (f'<p><img src="{H.esc(img)}" width="520"><br><span class="meta">图 {n}：{H.esc(self.title(r))}'
                    f'及周边控制线、规划分区（北向箭头、比例尺见图）</span></p>')
        elif r.area_m2 is None:
            out += "<p>要素无可用几何，无图。/ no usable geometry, no map.</p>"
        return out + "</div>\n"

    # ---- output ------------------------------------------------------------------------------------
    def write(self, html_path, pdf_path, feedback=None) -> dict:
        base = html_path or pdf_path
        img_dir = os.path.splitext(base)[0] + "_files"
        os.makedirs(img_dir, exist_ok=True)
        names, paths = {}, {}
        crs = self.subject.source.sourceCrs()
        total = len(self.reviews) or 1
        for n, r in enumerate(self.reviews, start=1):
            if feedback is not None:
                if feedback.isCanceled():
                    raise CanceledError()
                feedback.setProgress(100.0 * n / total)
            g = r.feature.geometry() if r.feature is not None else None
            if r.area_m2 is None or g is None or g.isNull():
                continue
            if not g.isGeosValid():
                g = g.makeValid()
            fname = f"feature_{n:03d}.png"
            path = os.path.join(img_dir, fname)
            render_feature_map(g, crs, self._nearby_layers(g, crs), path, self.tctx)
            rel = urllib.parse.quote(f"{os.path.basename(img_dir)}/{fname}")
            names[n] = rel
            paths[rel] = path
        out = {}
        text = self.html(names)
        if html_path:
            H.write(html_path, text)
            out["REPORT_HTML"] = html_path
        if pdf_path:
            html_to_pdf(text, pdf_path, images=paths, title=TITLE)
            out["REPORT_PDF"] = pdf_path
        if feedback is not None:
            feedback.pushInfo(tr("Report written: {0}").format(", ".join(out.values())))
        return out

    def _nearby_layers(self, geom, crs) -> list:
        """(memory layer of the role features near the feature, style) — copies, never project layers."""
        bb = geom.boundingBox()
        span = max(bb.width(), bb.height(), 1500.0 if not crs.isGeographic() else 0.015) * 0.85
        bb = bb.buffered(span)
        out = []
        for lyr in self.layers:
            if lyr.role not in CONTROL_ROLES and lyr.role not in ZONE_ROLES:
                continue
            src = lyr.source
            rect = bb
            if src.sourceCrs() != crs:
                try:
                    rect = QgsCoordinateTransform(crs, src.sourceCrs(), self.tctx).transformBoundingBox(bb)
                except Exception:  # noqa: BLE001 - a layer that cannot be placed is left off the map
                    continue
            mem = QgsVectorLayer(f"{QgsWkbTypes.displayString(src.wkbType()) or 'MultiPolygon'}?crs="
                                 f"{src.sourceCrs().authid() or 'EPSG:4490'}", lyr.name, "memory")
            if not src.sourceCrs().authid():
                mem.setCrs(src.sourceCrs())
            feats = list(src.getFeatures(QgsFeatureRequest().setFilterRect(rect).setNoAttributes()))
            if not feats:
                continue
            mem.dataProvider().addFeatures(feats)
            mem.updateExtents()
            style = STYLE_OF_ROLE.get(lyr.role, "zone" if lyr.role in ZONE_ROLES else "other")
            out.append((mem, style))
        return out


__all__ = ["ReviewReport", "indicators_table", "ROLE_BY_ID"]
