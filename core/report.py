"""规划符合性审查报告 — the review report (HTML, and PDF through Qt)."""
from __future__ import annotations

import os

from qgis.core import QgsFeatureRequest

from ..rules.validate import SEVERITY_ZH
from ..rules.verdicts import ARGUE, FAIL, OK, review_verdict
from . import html as H
from .i18n import tr
from .mapimage import render_feature_map
from .pdf import html_to_pdf
from .review_overlap import CATEGORY_LABELS

VERDICT_CLASS = {OK: "v-ok", FAIL: "v-fail", ARGUE: "v-argue"}
CHECK_TITLES = {"overlap": ("控制线压覆", "control lines"), "scale": ("最低开采规模", "minimum scale"),
                "policy": ("开采矿种准入", "mineral policy"), "zone": ("规划分区", "zones")}
TITLE = "规划符合性审查报告"
TITLE_EN = "Plan compliance review report"


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


class ReviewReport:
    def __init__(self, rs, source_name, out_fields, items, indicators, counts, area_method, id_index=None,
                 name_index=None, other_cats=(), crs=None, inputs=(), findings=(), overlap_stats=None):
        self.rs = rs
        self.source_name = source_name
        self.fields = out_fields
        self.items = items            # (original feature, values, checks, final, reasons)
        self.indicators = indicators
        self.counts = counts
        self.area_method = area_method
        self.id_index = id_index
        self.name_index = name_index
        self.other_cats = list(other_cats)
        self.crs = crs
        self.inputs = list(inputs)
        self.findings = [f for f in findings if f.severity == "warning"]
        self.overlap_stats = overlap_stats or {}

    # ---- pieces ---------------------------------------------------------------------------------------
    def label(self, feat) -> str:
        fid = str(feat.attribute(self.id_index)) if self.id_index is not None and self.id_index >= 0 else str(feat.id())
        name = feat.attribute(self.name_index) if self.name_index is not None and self.name_index >= 0 else None
        return f"{fid} {name}" if name not in (None, "") and str(name) != "NULL" else fid

    def _value(self, values, name):
        n_in = len(self.fields) - len(values)
        idx = self.fields.lookupField(name)
        if idx < n_in:
            return None
        return values[idx - n_in]

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
        for orig, values, checks, final, _reasons in self.items:
            by = {c[0]: c[1] for c in checks}
            act = {"mining": "开采", "exploration": "勘查"}.get(self._value(values, "activity"), "")
            rows.append([self.label(orig), act, self._value(values, "mineral_std"),
                         by.get("overlap", "—"), self._value(values, "scale_verdict") or "—",
                         self._value(values, "policy_verdict") or "—", by.get("zone", "—"), final])
            classes.append(VERDICT_CLASS.get(final, ""))
        body += H.table(["要素 feature", "类型", "矿种", "控制线", "最低规模", "矿种准入", "分区", "结论 verdict"],
                        rows, classes, widths=[24, 7, 17, 10, 11, 11, 10, 10])
        body += H.heading(2, "逐项审查", "Feature by feature")
        for n, (orig, values, checks, final, _reasons) in enumerate(self.items, start=1):
            body += '<div style="page-break-before: always">' if n > 1 else "<div>"
            body += H.heading(3, f"{n}. {self.label(orig)} — {final}", "")
            check_rows, cls = [], []
            for key, v, r, _r_en, cl in checks:
                zh, en = CHECK_TITLES[key]
                check_rows.append([f"{zh} {en}", v, r, cl])
                cls.append(VERDICT_CLASS[review_verdict(v)] if v else "")
            if self._value(values, "scale_verdict") == "不适用":
                check_rows.append(["最低开采规模 minimum scale", "不适用", self._value(values, "scale_reason"), ""])
                cls.append("")
            body += H.table(["检查 check", "结论", "原因 reason", "条款 clause"], check_rows, cls, widths=[16, 10, 52, 22])
            ov = []
            for cat in ["eco", "farm", "urban", "reserve"] + [c for c, _ in self.other_cats]:
                a = self._value(values, f"{cat}_area_m2")
                if a is None:
                    continue
                name = CATEGORY_LABELS.get(cat) or dict(self.other_cats).get(cat, cat)
                pct = self._value(values, f"{cat}_pct")
                ov.append([name, f"{a:,.2f}", "" if pct is None else f"{pct:.2f}", self._value(values, f"{cat}_ids") or ""])
            if ov:
                area = self._value(values, "block_area_m2")
                body += (f"<p>压覆分析 / overlap（要素面积 {area:,.2f} 平方米，{H.esc(self.area_method)}）</p>"
                         if area is not None else "<p>压覆分析 / overlap</p>")
                body += H.table(["控制线 control line", "压覆面积(m²)", "比例(%)", "压覆图斑 ids"], ov,
                                widths=[22, 18, 12, 48])
            img = image_names.get(n)
            if img:
                body += f'<p><img src="{H.esc(img)}" width="520"><br><span class="meta">图 {n}：{H.esc(self.label(orig))}' \
                        f'及周边控制线、规划分区（北向箭头、比例尺见图）</span></p>'
            elif orig.geometry().isNull():
                body += "<p>要素无几何，无图。/ no geometry, no map.</p>"
            body += "</div>\n"
        if self.indicators is not None:
            from ..processing_provider.plan_indicators import indicators_table
            body += '<div style="page-break-before: always">'
            body += H.heading(2, "规划指标", "Plan indicators")
            body += indicators_table(self.indicators)
            body += "</div>"
        if self.findings:
            body += H.heading(2, "规划文本自身的矛盾", "Contradictions in the plan text")
            body += H.table(["级别", "说明", "条款"], [[SEVERITY_ZH[f.severity], f.message_zh, f.clause]
                                                   for f in self.findings])
        return H.document(TITLE, body)

    # ---- output ------------------------------------------------------------------------------------
    def write(self, html_path, pdf_path, context_layers, feedback=None) -> dict:
        base = html_path or pdf_path
        img_dir = os.path.splitext(base)[0] + "_files"
        os.makedirs(img_dir, exist_ok=True)
        names, paths = {}, {}
        for n, (orig, _values, *_rest) in enumerate(self.items, start=1):
            if feedback is not None and feedback.isCanceled():
                break
            g = orig.geometry()
            if g.isNull() or g.isEmpty():
                continue
            if not g.isGeosValid():
                g = g.makeValid()
            near = []
            for lyr, style in context_layers:
                req = QgsFeatureRequest().setFilterRect(self._bbox_in(lyr, g)).setLimit(1)
                if any(True for _ in lyr.getFeatures(req)):
                    near.append((lyr, style))
            fname = f"feature_{n:03d}.png"
            path = os.path.join(img_dir, fname)
            render_feature_map(g, self.crs, near, path)
            rel = f"{os.path.basename(img_dir)}/{fname}"
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

    def _bbox_in(self, layer, geom):
        from qgis.core import QgsCoordinateTransform, QgsProject
        bb = geom.boundingBox()
        span = max(bb.width(), bb.height(), 1500.0 if not self.crs.isGeographic() else 0.015) * 0.85
        bb = bb.buffered(span)
        if layer.crs() != self.crs:
            bb = QgsCoordinateTransform(self.crs, layer.crs(), QgsProject.instance()).transformBoundingBox(bb)
        return bb
