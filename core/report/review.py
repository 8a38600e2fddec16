"""规划符合性审查意见书 — the review report a natural-resources bureau files (HTML, PDF, ODF).

The text comes from a Jinja2 template (``core/report/templates/review_zh.html.j2`` or ``review_en.html.j2``);
a bureau copies one, adapts letterhead and wording, and points the plugin at it (REPORT_TEMPLATE, or
Settings → Report). :meth:`ReviewReport.context` is everything a template gets (documented at the top of
the bundled templates). Verdicts, reasons and clauses come from the review (FeatureReview objects from
core/review/pipeline.py, decided by rules/checks/decision.py); nothing here judges.

Maps are drawn from memory layers filled from the role layers' feature sources around each feature, so
rendering never touches a project layer (the algorithm runs in a background thread).
"""
from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass, field

from qgis.core import QgsFeatureRequest

from ...rules.checks.clauses import clause_order, merge_clauses
from ...rules.checks.decision import REGISTRY, SOURCE_DEFAULT, SOURCE_LABELS
from ...rules.model.errors import CanceledError, MinePlanError
from ...rules.model.ruleset import ROLE_NAMES
from ...rules.model.vocab import (
    ACTIVITY_LABELS,
    ARGUE,
    CHECK_BY_ID,
    COLOURS,
    CONTROL_ROLES,
    FAIL,
    MINING,
    NOT_APPLICABLE,
    OK,
    RIGHTS_ROLES,
    ROLE_BY_ID,
    VERDICT_EN,
    ZONE_ROLES,
    fill_of,
)
from ..geometry.measure import checked_transform
from ..inputs import field_map as F
from ..inputs.roles import COUNTY
from ..review.clauses import item_clause
from ..support.i18n import is_chinese, tr
from .indicator_view import merge_indicators, number, target_text
from .mapimage import MapLayer, memory_copy, render_feature_map
from .pdf import html_to_odt, html_to_pdf

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
TITLE = {"zh": "矿产资源规划符合性审查意见书", "en": "Mineral resources plan compliance review"}
POLICY_RE = re.compile(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d+号")
MAP_DISPLAY_PX = 640          # the map's width on the page (px at 96 dpi = 169 mm, the text width)
SUMMARY_CHECKS = ("overlap", "siting", "scale", "policy", "zone")      # a column each in the summary table
OTHER_CHECKS = tuple(c.id for c in REGISTRY if c.id not in SUMMARY_CHECKS)  # one column: the worst of them
LABELLED_ROLES = {"eco", "reserve", "urban", "kexp", "kmin", "conc", "eblk", "mblk", "kdev", "mining_rights",
                  "exploration_rights", "proposed", "other"}


def _plugin_version() -> str:
    meta = os.path.join(PLUGIN_DIR, "metadata.txt")
    try:
        with open(meta, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def indicators_table(rows, rs=None) -> str:
    """The indicators as an HTML table (mineplan:planindicators' report): one row per figure of the plan,
    readable column widths, rounded values."""
    from ..support import html as H
    merged = merge_indicators(rs, rows)
    return H.table(["指标 indicator", "目标 target", "属性 kind", "现状 current", "达标情况 status", "条款 clause",
                    "说明 note"],
                   [[r.name, target_text(r), r.target_kind, number(r.current), r.status, r.clause, r.note]
                    for r in merged], [_css(r.status) for r in merged], widths=[20, 13, 8, 9, 9, 16, 25])


def _css(code) -> str:
    from ...rules.model.vocab import css_of
    return css_of(code)


def mineral_shown(given: str, standard: str | None, lang: str = "zh") -> str:
    """The applicant's mineral with the plan's name for it, each name and alias once: 灰岩 → 灰岩（建筑石料用灰岩）;
    建筑石料用灰岩 whose standard name carries the plan's category → 建筑石料用灰岩（建筑石料）; 饰面石材用辉长岩 →
    饰面石材用辉长岩（饰面用辉长岩；饰面用石材）."""
    if not standard or not given or given == standard:
        return given or standard or ""
    (base, alias), (std_base, std_alias) = _name_parts(given), _name_parts(standard)
    aliases = list(dict.fromkeys(a for a in (alias, std_base, std_alias) if a and a != base))
    if not aliases:
        return base
    return f"{base}（{'；'.join(aliases)}）" if lang == "zh" else f"{base} ({'; '.join(aliases)})"


def _name_parts(name: str) -> tuple:
    """'金矿（岩金）' → ('金矿', '岩金'); '金矿' → ('金矿', '')."""
    m = re.match(r"^(.*?)\s*[（(](.*)[）)]$", name.strip())
    return (m.group(1), m.group(2)) if m else (name.strip(), "")


def report_language(choice: int | str | None = 0) -> str:
    """0/'auto' → the UI's language; 1/'zh' → Chinese; 2/'en' → English."""
    if choice in (1, "1", "zh"):
        return "zh"
    if choice in (2, "2", "en"):
        return "en"
    return "zh" if is_chinese() else "en"


@dataclass
class ReportOptions:
    language: str = "zh"
    template: str = ""                 # a bureau's template file ('' = bundled)
    review_unit: str = ""
    reviewer: str = ""
    review_date: str = ""
    min_overlap_area: float | None = None
    county: object = None              # LayerInput of the county boundary (maps) or None
    extra: dict = field(default_factory=dict)   # more values for a bureau's template (title, number …)


class ReviewReport:
    def __init__(self, rs, subject, reviews, indicators, counts, area_method, layers, tctx,
                 options: ReportOptions | None = None):
        self.rs = rs
        self.tctx = tctx
        self.subject = subject
        self.reviews = reviews
        self.indicators = indicators
        self.counts = counts
        self.area_method = area_method
        self.layers = list(layers)
        self.options = options or ReportOptions()
        self.lang = self.options.language if self.options.language in ("zh", "en") else "zh"
        self.findings = [f for f in rs.findings if f.severity == "warning"]

    # ---- words -------------------------------------------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def verdict_text(self, code: str) -> str:
        return code if self.lang == "zh" else VERDICT_EN.get(code, code)

    def role_text(self, role: str, name: str = "") -> str:
        if role.startswith("other_"):
            return name or self.t("其他管控要素", "other constraint")
        if role == COUNTY.id:
            return self.t(COUNTY.zh, COUNTY.en)
        r = ROLE_BY_ID.get(role)
        return self.t(r.zh, r.en) if r else role

    @staticmethod
    def title_of(r) -> str:
        return f"{r.label} {r.name}" if r.name not in (None, "") else r.label

    # ---- context -----------------------------------------------------------------------------------------
    def context(self, maps: dict) -> dict:
        """What a template gets. ``maps``: feature number → {src, scale, legend}."""
        rs = self.rs
        o = self.options
        features = [self._feature(n, r, maps.get(n)) for n, r in enumerate(self.reviews, start=1)]
        indicators = merge_indicators(rs, self.indicators) if self.indicators is not None else None
        total = len(self.reviews)
        by_verdict = {v: [f for f in features if f["verdict"] == v] for v in (OK, FAIL, ARGUE)}
        return {
            "lang": self.lang,
            "title": o.extra.get("title") or TITLE[self.lang],
            "plan": {"name": rs.name, "name_en": rs.name_en, "id": rs.id,
                     "region": rs.plan.get("region_name", ""), "region_en": rs.plan.get("region_name_en", "")},
            "basis": self._basis(),
            "subject": {"layer": self.subject.name, "count": total,
                        "area_method": self._area_method_text(),
                        "tolerance": number(o.min_overlap_area if o.min_overlap_area is not None
                                            else rs.min_overlap_area(), 2)},
            "sources": self._sources(),
            "counts": {"ok": self.counts.get(OK, 0), "fail": self.counts.get(FAIL, 0),
                       "argue": self.counts.get(ARGUE, 0), "total": total},
            "verdicts": {"ok": self.verdict_text(OK), "fail": self.verdict_text(FAIL),
                         "argue": self.verdict_text(ARGUE)},
            "lists": {"ok": by_verdict[OK], "fail": by_verdict[FAIL], "argue": by_verdict[ARGUE]},
            "features": features,
            "indicators": [self._indicator(r) for r in indicators] if indicators is not None else None,
            "contradictions": [{"message": f.message_zh if self.lang == "zh" else f.message_en,
                                "clause": f.clause} for f in self.findings],
            "signature": {"unit": o.review_unit, "reviewer": o.reviewer, "date": o.review_date},
            "generated": datetime.date.today().isoformat(),
            "version": _plugin_version(),
            "colours": {"ok": fill_of(OK), "fail": fill_of(FAIL), "argue": fill_of(ARGUE),
                        "na": fill_of(NOT_APPLICABLE)},
            **{k: v for k, v in o.extra.items() if k != "title"},
        }

    def _area_method_text(self) -> str:
        if self.lang == "zh":
            return self.area_method or "—"
        return "ellipsoidal (CGCS2000 ellipsoid)" if "椭球" in (self.area_method or "") else (self.area_method or "—")

    def _basis(self) -> dict:
        """The plan's clauses the review applied (in the order first met) and the outside policies the plan or
        the rule file cites (named as such)."""
        clauses: dict = {}          # clause → the checks that applied it (first met first)
        for r in self.reviews:
            for it in r.decision.items:
                check = CHECK_BY_ID[it.check]
                for c in merge_clauses(self._clause(r, it)):
                    if not POLICY_RE.search(c):
                        names = clauses.setdefault(c, [])
                        if self.t(check.zh, check.en) not in names:
                            names.append(self.t(check.zh, check.en))
        policies: list = []
        texts = [it.clause or "" for r in self.reviews for it in r.decision.items]
        texts += [self.rs.data.get("minimum_scale", {}).get("reserve_scale_basis", "")]
        texts += [f.clause for f in self.rs.findings]
        for text in texts:
            for m in POLICY_RE.finditer(text or ""):
                if m.group(0) not in policies:
                    policies.append(m.group(0))
        sep = "、" if self.lang == "zh" else ", "
        ordered = sorted(clauses.items(), key=lambda kv: clause_order(kv[0]))
        return {"clauses": [{"clause": c, "checks": sep.join(v)} for c, v in ordered], "policies": policies}

    def _sources(self) -> list:
        out = [{"role": self.role_text("proposed"), "layer": self.subject.name,
                "count": self.subject.source.featureCount()}]
        for lyr in self.layers:
            out.append({"role": self.role_text(lyr.role, lyr.name), "layer": lyr.name,
                        "count": lyr.source.featureCount()})
        if self.options.county is not None:
            c = self.options.county
            out.append({"role": self.role_text(COUNTY.id), "layer": c.name, "count": c.source.featureCount()})
        return out

    def _clause(self, r, it) -> str:
        """The item's clause, or the plan's section that was applied (the same the feature dock cites)."""
        return item_clause(self.rs, r, it, [lyr.role for lyr in self.layers])

    def _feature(self, n: int, r, map_info) -> dict:
        d = r.decision
        t = self.t
        act = ACTIVITY_LABELS[r.input.activity or MINING]
        src = SOURCE_LABELS.get(r.input.activity_source, ("", ""))
        activity = t(act[0], act[1])
        if r.input.activity_source == SOURCE_DEFAULT:
            activity = t(src[0], src[1])
        a = r.attrs
        scale_item = d.item("scale")
        mineral_std = scale_item.values.get("mineral_std") if scale_item is not None else None
        mineral = mineral_shown(a.get("mineral") or "", mineral_std, self.lang)
        capacity = " ".join(str(v) for v in (a.get("capacity"), a.get("capacity_unit")) if v not in (None, ""))
        reserves = " ".join(str(v) for v in (a.get("reserves"), a.get("reserves_unit")) if v not in (None, ""))
        facts = [(t("编号", "Id"), r.label), (t("名称", "Name"), r.name or ""),
                 (t("申请人", "Applicant"), a.get("holder") or ""), (t("审查类型", "Activity"), activity),
                 (t("矿种", "Mineral"), mineral), (t("储量规模", "Reserve scale"), a.get("scale") or ""),
                 (t("设计生产规模", "Design capacity"), capacity), (t("资源储量", "Reserves"), reserves),
                 (t("面积", "Area"), self._area_text(r.area_m2))]
        items = []
        for it in d.items:
            c = CHECK_BY_ID[it.check]
            items.append({"check": t(c.zh, c.en), "verdict": self.verdict_text(it.verdict), "code": it.verdict,
                          "bg": fill_of(it.verdict), "colour": COLOURS.get(it.verdict, "#333333"),
                          "reason": it.reason if self.lang == "zh" else (it.reason_en or it.reason),
                          "clause": self._clause(r, it), "decisive": it.decisive})
        overlaps = []
        if r.area_m2 is not None:
            for c in r.overlaps or []:
                overlaps.append({"name": self.role_text(c.cat_id, c.name) if c.cat_id in ROLE_BY_ID else c.name,
                                 "area": f"{c.area_m2:,.2f}", "pct": "" if c.pct is None else f"{c.pct:.2f}",
                                 "ids": "、".join(map(str, c.ids)) if self.lang == "zh" else ", ".join(map(str, c.ids)),
                                 "hit": c.area_m2 > 0})
        zones, outside = [], []
        if r.zones is not None:
            for role, hit in r.zones.hits.items():
                zh, en = ROLE_NAMES[role]
                if hit is None:
                    outside.append(t(zh, en))
                else:
                    name = f"{hit.zone_name}（{hit.zone_id}）" if hit.zone_name else str(hit.zone_id)
                    if self.lang == "en" and hit.zone_name:
                        name = f"{hit.zone_name} ({hit.zone_id})"
                    zones.append({"role": t(zh, en), "name": name, "share": f"{hit.share * 100:.1f}"})
        reasons = d.reasons if self.lang == "zh" else d.reasons_en
        return {"n": n, "id": r.label, "name": r.name or "", "title": self.title_of(r), "verdict": self.verdict_text(
            d.verdict), "code": d.verdict, "bg": fill_of(d.verdict), "colour": COLOURS.get(d.verdict, "#333333"),
                "activity": activity, "mineral": mineral, "facts": facts, "checks": items, "overlaps": overlaps,
                "decisive": [i["check"] for i in items if i["decisive"]],
                "zones": zones, "zones_outside": outside, "zones_given": r.zones is not None,
                "reasons": reasons, "area": self._area_text(r.area_m2),
                "map": map_info, "no_geometry": r.area_m2 is None,
                **self._summary(d)}

    def _summary(self, d) -> dict:
        """The summary table's columns: one per main check, and 其他检查 — the worst of the remaining checks,
        named when it keeps the feature from 符合 (so a row's columns never all say 符合 under 不符合)."""
        cells = {c: d.item(c) for c in SUMMARY_CHECKS}
        cells["other"] = d.worst_of(OTHER_CHECKS)
        sep = "、" if self.lang == "zh" else ", "
        others = [CHECK_BY_ID[it.check] for it in d.items if it.check in OTHER_CHECKS and it.decisive
                  and cells["other"] is not None and it.verdict == cells["other"].verdict]
        return {"summary": {c: (self.verdict_text(it.verdict) if it else "—") for c, it in cells.items()},
                "summary_bg": {c: (fill_of(it.verdict) if it else "") for c, it in cells.items()},
                "summary_note": {"other": sep.join(self.t(c.zh, c.en) for c in others)}}

    def _area_text(self, area_m2) -> str:
        if area_m2 is None:
            return self.t("无可用几何", "no usable geometry")
        return self.t(f"{area_m2:,.2f} 平方米（{area_m2 / 1e4:,.4f} 公顷）", f"{area_m2:,.2f} m² ({area_m2 / 1e4:,.4f} ha)")

    def _indicator(self, row) -> dict:
        return {"name": row.name if self.lang == "zh" else (row.name_en or row.name), "target": target_text(row),
                "kind": row.target_kind, "current": number(row.current),
                "status": self.verdict_text(row.status), "code": row.status, "bg": fill_of(row.status),
                "clause": row.clause, "note": row.note,      # Chinese only: a partial sum must show in either language
                "contradiction": row.contradiction}

    # ---- rendering -----------------------------------------------------------------------------------------
    def environment(self):
        try:
            import jinja2
            from jinja2.sandbox import SandboxedEnvironment
        except ImportError:
            raise MinePlanError("缺少 Python 模块 jinja2（报告模板引擎，随 QGIS 安装；Debian：python3-jinja2）",
                                "the Python module jinja2 is missing (report templates; it ships with QGIS; Debian: "
                                "python3-jinja2)") from None
        dirs = [TEMPLATE_DIR]
        if self.options.template:
            dirs.insert(0, os.path.dirname(os.path.abspath(self.options.template)))
        env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(dirs), autoescape=True, trim_blocks=True,
                                   lstrip_blocks=True, undefined=jinja2.ChainableUndefined)
        env.filters["num"] = lambda v, digits=2: "" if v is None else f"{float(v):,.{digits}f}"
        env.filters["blank"] = lambda v, width=12: v if v else "_" * (2 * width)
        return env

    def template(self):
        """The Jinja2 template, loaded and parsed — a broken one is a clear error before any map is drawn."""
        env = self.environment()
        import jinja2
        name = os.path.basename(self.options.template) if self.options.template else f"review_{self.lang}.html.j2"
        try:
            return env.get_template(name)
        except jinja2.TemplateError as exc:
            where = f"{getattr(exc, 'filename', '') or name}:{getattr(exc, 'lineno', '') or ''}"
            raise MinePlanError(f"报告模板有误（{where}）：{exc}", f"report template error ({where}): {exc}") from None
        except UnicodeDecodeError as exc:
            raise MinePlanError(f"报告模板 {name} 不是 UTF-8 文本（第 {exc.start} 字节：{exc.reason}）",
                                f"report template {name} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None
        except OSError as exc:
            raise MinePlanError(f"报告模板 {name} 无法读取（{exc.strerror or exc}）",
                                f"report template {name} cannot be read ({exc.strerror or exc})") from None

    def html(self, maps: dict, template=None) -> str:
        """The report's HTML; ``template``: the one :meth:`write` already loaded (else loaded here)."""
        import jinja2
        name = os.path.basename(self.options.template) if self.options.template else f"review_{self.lang}.html.j2"
        template = template or self.template()
        values = self.context(maps)
        try:
            return template.render(**values)
        except jinja2.TemplateError as exc:
            where = f"{getattr(exc, 'filename', '') or name}:{getattr(exc, 'lineno', '') or ''}"
            raise MinePlanError(f"报告模板有误（{where}）：{exc}", f"report template error ({where}): {exc}") from None
        except Exception as exc:  # noqa: BLE001 - whatever a bureau's template does while rendering
            raise MinePlanError(f"报告模板有误（{name}，渲染时）：{type(exc).__name__}: {exc}",
                                f"report template error ({name}, while rendering): {type(exc).__name__}: {exc}") \
                from None

    # ---- output ------------------------------------------------------------------------------------
    def write(self, html_path=None, pdf_path=None, feedback=None, odt_path=None, announce: bool = True) -> dict:
        """Render the maps, then the report to every path given. Returns {REPORT_HTML/PDF/ODT: path}.

        Cancel is honoured throughout (each map, each PDF page; CanceledError). On a cancel or an error no
        report file and no picture folder this call created is left (the review renders into a staging
        folder and moves the files into place only after OUTPUT is written)."""
        temporary = None
        created = []
        if html_path:
            img_dir = os.path.splitext(html_path)[0] + "_files"
            if not os.path.isdir(img_dir):
                created.append(img_dir)
            os.makedirs(img_dir, exist_ok=True)
        else:
            temporary = img_dir = tempfile.mkdtemp(prefix="mineplan_report_")
        out = {}
        try:
            template = self.template()         # a broken template fails before the maps, not after
            maps, paths = self._maps(img_dir, feedback)
            _check_canceled(feedback)
            text = self.html(maps, template)
            title = f"{self.t('矿产资源规划符合性审查意见书', 'Plan compliance review')} — {self.rs.name}"
            if html_path:
                from ..support import html as H
                existed = os.path.exists(html_path)
                H.write(html_path, text)
                if not existed:
                    created.append(html_path)
                out["REPORT_HTML"] = html_path
            footer = (lambda p, n: f"第 {p} 页 共 {n} 页") if self.lang == "zh" else (lambda p, n: f"Page {p} of {n}")
            if pdf_path:
                _check_canceled(feedback)
                existed = os.path.exists(pdf_path)
                html_to_pdf(text, pdf_path, images=paths, title=title, footer=footer, feedback=feedback)
                if not existed:
                    created.append(pdf_path)
                out["REPORT_PDF"] = pdf_path
            if odt_path:
                _check_canceled(feedback)
                html_to_odt(text, odt_path, images=paths, title=title)
                out["REPORT_ODT"] = odt_path
        except BaseException:
            for path in reversed(created):
                if os.path.isdir(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.exists(path):
                    os.remove(path)
            raise
        finally:
            if temporary:
                shutil.rmtree(temporary, ignore_errors=True)
        if feedback is not None and out and announce:
            feedback.pushInfo(tr("Report written: {0}").format(", ".join(out.values())))
        return out

    def _maps(self, img_dir: str, feedback=None) -> tuple[dict, dict]:
        maps, paths = {}, {}
        crs = self.subject.source.sourceCrs()
        total = len(self.reviews) or 1
        county = self._county_copy(crs)
        for n, r in enumerate(self.reviews, start=1):
            if feedback is not None:
                if feedback.isCanceled():
                    raise CanceledError()
                feedback.setProgress(100.0 * (n - 1) / total)
            g = r.feature.geometry() if r.feature is not None else None
            if r.area_m2 is None or g is None or g.isNull():
                continue
            if not g.isGeosValid():
                g = g.makeValid()
            fname = f"feature_{n:03d}.png"
            path = os.path.join(img_dir, fname)
            info = render_feature_map(g, crs, self._nearby_layers(g, crs, r), path, self.tctx,
                                      feature_label=r.label, lang=self.lang, county=county)
            rel = urllib.parse.quote(f"{os.path.basename(img_dir)}/{fname}")
            maps[n] = {"src": rel, "scale": f"1:{_round_scale(info['scale']):,}", "legend": info["legend"],
                       "width": MAP_DISPLAY_PX, "height": round(MAP_DISPLAY_PX * info["height"] / info["width"])}
            paths[rel] = path
        if feedback is not None:
            feedback.setProgress(100.0)
        return maps, paths

    def _copy(self, source, crs_rect, geometry_crs, role: str, legend: str, labels: bool):
        """Memory copy of the features of ``source`` in ``crs_rect`` (a rectangle in ``geometry_crs``)."""
        rect = crs_rect
        if source.sourceCrs() != geometry_crs:
            try:
                rect = checked_transform(geometry_crs, source.sourceCrs(), self.tctx).transformBoundingBox(crs_rect)
            except Exception:  # noqa: BLE001 - a layer that cannot be placed is left off the map
                return None
        fm = F.resolve(source.fields(), "", ("id", "name"))
        idx = fm.indexes(source.fields())
        request = QgsFeatureRequest().setFilterRect(rect)
        feats, texts = [], []
        for f in source.getFeatures(request):
            feats.append(f)
            if labels:
                name, ident = F.value(f, idx.get("name", -1)), F.value(f, idx.get("id", -1))
                texts.append(str(ident if role in RIGHTS_ROLES + ("proposed",) and ident else (name or ident or "")))
        if not feats:
            return None
        return MapLayer(role, memory_copy(feats, source.sourceCrs(), legend, texts if labels else None), legend, labels)

    def _nearby_layers(self, geom, crs, review) -> list:
        """MapLayer copies of the role features near the feature — never project layers."""
        bb = geom.boundingBox()
        span = max(bb.width(), bb.height(), 0.03 if crs.isGeographic() else 3000.0) * 2.5
        rect = bb.buffered(span)
        out = []
        for lyr in self.layers:
            role = lyr.role
            if role not in CONTROL_ROLES and role not in ZONE_ROLES and role not in RIGHTS_ROLES \
                    and not role.startswith("other_"):
                continue
            labels = (role if not role.startswith("other_") else "other") in LABELLED_ROLES
            ml = self._copy(lyr.source, rect, crs, role, self.role_text(role, lyr.name), labels)
            if ml is not None:
                out.append(ml)
        # the other features under review nearby (the one mapped is drawn on top by the map itself)
        others = self._copy(self.subject.source, rect, crs, "proposed", self.t("其他审查对象", "Other features under review"),
                            True)
        if others is not None:
            keep = [f for f in others.layer.getFeatures() if f["label"] != review.label]
            if keep:
                out.append(MapLayer("proposed", memory_copy(keep, others.layer.crs(), others.legend,
                                                            [f["label"] for f in keep]), others.legend, True))
        return out

    def _county_copy(self, crs):
        c = self.options.county
        if c is None:
            return None
        feats = list(c.source.getFeatures(QgsFeatureRequest()))
        if not feats:
            return None
        names = []
        fm = F.resolve(c.source.fields(), c.name, ("name",))
        idx = fm.indexes(c.source.fields())
        for f in feats:
            names.append(str(F.value(f, idx.get("name", -1)) or ""))
        return MapLayer(COUNTY.id, memory_copy(feats, c.source.sourceCrs(), c.name, names),
                        self.t("行政区界线", "Administrative boundary"), False)


def _check_canceled(feedback):
    if feedback is not None and feedback.isCanceled():
        raise CanceledError()


def _round_scale(scale: float) -> int:
    """1:23 871 → 1:24 000 (two significant figures)."""
    if scale <= 0:
        return 0
    exp = 10 ** max(int(len(str(int(scale)))) - 2, 0)
    return int(round(scale / exp) * exp)


def check_template(path: str, language: str = "zh"):
    """Load and parse a bureau's report template (REPORT_TEMPLATE) without a review: a MinePlanError naming
    the file and line when it cannot be used — so the review refuses it before computing anything."""
    from types import SimpleNamespace
    report = ReviewReport.__new__(ReviewReport)
    report.options = ReportOptions(language=language, template=path)
    report.lang = language
    report.rs = SimpleNamespace(findings=[])
    report.template()


__all__ = ["ReportOptions", "ReviewReport", "check_template", "indicators_table", "report_language", "ROLE_BY_ID"]
