"""审查意见书 per application — the text a bureau signs for one 矿业权申请 (HTML, PDF, ODF), next to the combined
report (core/report/review.py).

Each opinion: title, 文号 (from a pattern: ``{year}``, ``{seq}``), date, 审查依据, 申请概况 with the 拐点坐标 table
(from the parcel geometry, per 块段, with 标高 from ``block_elev`` / ``elev_top`` / ``elev_bottom``), the checks
with their verdict and clause, 审查结论 (the decide() verdict), 落款 — and, after a page break, the annex
附件：审查说明 with everything that is not for the signed text: the rule file's interpretations (``source:
inferred``), data-source caveats, the data used, the tool and its version. The signed pages carry no tool
footer.

The wording comes from a Jinja2 template (``core/report/templates/opinion_zh.html.j2`` / ``opinion_en.html.j2``;
a bureau's own with OPINION_TEMPLATE). Nothing here judges: verdicts, reasons and clauses are the review's.
"""
from __future__ import annotations

import copy
import datetime
import os
import re
import shutil
import urllib.parse
from dataclasses import dataclass

from ...rules.model.errors import CanceledError, MinePlanError
from ...rules.model.vocab import ARGUE, FAIL, OK, OPINION_CONCLUSIONS
from .indicator_view import number
from .mapimage import render_feature_map
from .pdf import html_to_odt, html_to_pdf

FORMATS = ("pdf", "odt", "html")
DEFAULT_PATTERN = "灵自然资审〔{year}〕{seq}号"
SUFFIX = "_审查意见书"
# the notes the rule engines append to a reason: interpretations, outside sources, data-source caveats
NOTE_PREFIXES = ("解释", "规划外依据", "指标值据", "推定")
NOTE_PREFIXES_EN = ("interpretation", "outside the plan", "minimums from published summaries", "inferred")
WORKING_CHECKS = ("activity", "apptype")     # 审查类型 / 申请类型 read as given: to the annex unless they decide
INFERRED_LEAD = re.compile(r"；推定相关矿种含[^（；]*(?=（解释)")


@dataclass
class OpinionOptions:
    folder: str = ""
    formats: tuple = ("pdf", "odt")
    pattern: str = DEFAULT_PATTERN
    start_seq: int = 1
    date: datetime.date | None = None
    unit: str = ""                     # 落款 (the bureau); '' → the rule file's region + 自然资源局
    template: str = ""                 # a bureau's opinion template ('' = bundled)


def parse_date(text: str) -> datetime.date:
    """'2026-12-05' → date; '' → today; anything else a clear error."""
    text = (text or "").strip()
    if not text:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise MinePlanError(f"意见书日期“{text}”不是 YYYY-MM-DD 格式的日期（例如 2026-12-05）",
                            f"the opinion date '{text}' is not a date in the form YYYY-MM-DD (e.g. 2026-12-05)") \
            from None


def date_text(d: datetime.date, lang: str = "zh") -> str:
    """2026年12月5日 (no leading zeros, as a bureau writes it); English: 5 December 2026."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {d.strftime('%B')} {d.year}"


def doc_number(pattern: str, year: int, seq: int) -> str:
    """'灵自然资审〔{year}〕{seq}号' → '灵自然资审〔2026〕7号'. A pattern naming anything else is a clear error."""
    try:
        return (pattern or DEFAULT_PATTERN).format(year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise MinePlanError(f"文号格式“{pattern}”有误（可用 {{year}} 与 {{seq}}，如 {DEFAULT_PATTERN}）：{exc}",
                            f"the document number pattern '{pattern}' is wrong (use {{year}} and {{seq}}, e.g. "
                            f"{DEFAULT_PATTERN}): {exc}") from None


def split_notes(text: str) -> tuple[str, list]:
    """A reason without its appended notes, and the notes: '… 不低于 90%（指标值据公告摘要，未经原文核实）' →
    ('… 不低于 90%', ['指标值据公告摘要，未经原文核实']). Notes are parenthesised (full-width or ' (…)' in English)
    and start with 解释 / 规划外依据 / 指标值据 / 推定 (or their English words); nested parentheses are kept whole."""
    if not text:
        return text or "", []
    text = INFERRED_LEAD.sub("", text)
    notes, out, i = [], [], 0
    while i < len(text):
        ch = text[i]
        opener = ch == "（" or (ch == "(" and text[i + 1:i + 1 + 40].lower().startswith(NOTE_PREFIXES_EN))
        if opener and (ch == "(" or text[i + 1:].startswith(NOTE_PREFIXES)):
            close = "）" if ch == "（" else ")"
            depth, j = 0, i
            while j < len(text):
                if text[j] in "（(":
                    depth += 1
                elif text[j] in "）)":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j < len(text) and text[j] in (close, "）", ")"):
                notes.append(text[i + 1:j].strip())
                i = j + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out).rstrip(" ；;").strip(), notes


def parse_block_elev(text) -> dict:
    """'1:+1200,+800;2:+1100,+700' → {1: ('+1200', '+800'), 2: ('+1100', '+700')} (contract A). Entries that do
    not parse are left out."""
    out = {}
    for part in str(text or "").replace("；", ";").split(";"):
        m = re.match(r"^\s*(\d+)\s*[:：]\s*([^,，]+?)\s*[,，]\s*(.+?)\s*$", part)
        if m:
            out[int(m.group(1))] = (m.group(2), m.group(3))
    return out


_GK = re.compile(r"^(CGCS2000|Xian 1980|Beijing 1954|New Beijing) / (?:([36])-degree )?Gauss-Kruger (zone (\d+)|CM (\d+)E)$")
_DATUM_ZH = {"CGCS2000": "2000国家大地坐标系", "Xian 1980": "1980西安坐标系", "Beijing 1954": "1954北京坐标系",
             "New Beijing": "新1954北京坐标系"}


def crs_name(description: str, lang: str = "zh") -> str:
    """A Chinese document names its coordinate system in Chinese: "CGCS2000 / 3-degree Gauss-Kruger zone 37" →
    "2000国家大地坐标系 3度带高斯-克吕格投影 第37带" (and "中央经线111°E" for the CM variants); others unchanged."""
    m = _GK.match(description or "")
    if lang != "zh" or not m:
        return description or ""
    datum, width, _, zone, cm = m.groups()
    where = f"第{zone}带" if zone else f"中央经线{cm}°E"
    return f"{_DATUM_ZH[datum]} {width or 6}度带高斯-克吕格投影 {where}"     # EPSG names 6° zones without the width


def _elev(v) -> str:
    """1200.0 → '+1200', -50.5 → '-50.5' (标高 as the 报盘 writes them)."""
    if v in (None, ""):
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    s = f"{f:.2f}".rstrip("0").rstrip(".")
    return s if f < 0 else "+" + s


def coordinate_blocks(geom, block_elev=None, elev_top=None, elev_bottom=None) -> list:
    """The 拐点坐标 of a parcel: one 块段 per polygon part, its exterior ring's corners without the closing
    repeat, X = northing, Y = easting (the CRS's own values, 2 decimals), points numbered from 1 in each 块段;
    the 块段's 标高 from ``block_elev`` (or ``elev_top`` / ``elev_bottom`` for a parcel of one 块段).
    Returns [{no, points: [(n, 'X', 'Y')], top, bottom, holes}]."""
    if geom is None or geom.isNull():
        return []
    polys = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    elev = parse_block_elev(block_elev)
    out = []
    for no, poly in enumerate((p for p in polys if p and p[0]), start=1):
        ring = list(poly[0])
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring = ring[:-1]
        top, bottom = elev.get(no, ("", ""))
        if not elev and len(polys) == 1:
            top, bottom = _elev(elev_top), _elev(elev_bottom)
        out.append({"no": no, "points": [(i, f"{pt.y():.2f}", f"{pt.x():.2f}") for i, pt in enumerate(ring, 1)],
                    "top": top, "bottom": bottom, "holes": len(poly) - 1})
    return out


def safe_name(text: str) -> str:
    """A file name part: what Windows and Linux refuse replaced by '_'."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", str(text)).strip(" .") or "_"


class OpinionWriter:
    """One 审查意见书 per review, from a :class:`core.report.review.ReviewReport` (its words, layers and clauses)."""

    def __init__(self, report, options: OpinionOptions):
        self.report = report
        self.o = options
        self.lang = report.lang
        self.date = options.date or datetime.date.today()

    def t(self, zh, en):
        return zh if self.lang == "zh" else en

    def unit(self) -> str:
        rs = self.report.rs
        if self.o.unit:
            return self.o.unit
        if self.lang == "zh":
            return rs.plan.get("authority") or f"{rs.plan.get('region_name', '')}自然资源局"
        return rs.plan.get("authority_en") or f"{rs.plan.get('region_name_en', '')} Natural Resources Bureau"

    # ---- template ------------------------------------------------------------------------------------
    def template(self):
        r = self.report
        saved = r.options.template
        r.options.template = self.o.template
        try:
            env = r.environment()
            import jinja2
            name = os.path.basename(self.o.template) if self.o.template else f"opinion_{self.lang}.html.j2"
            try:
                return env.get_template(name)
            except jinja2.TemplateError as exc:
                where = f"{getattr(exc, 'filename', '') or name}:{getattr(exc, 'lineno', '') or ''}"
                raise MinePlanError(f"意见书模板有误（{where}）：{exc}", f"opinion template error ({where}): {exc}") \
                    from None
            except (UnicodeDecodeError, OSError) as exc:
                raise MinePlanError(f"意见书模板 {name} 无法读取：{exc}", f"opinion template {name} cannot be read: {exc}") \
                    from None
        finally:
            r.options.template = saved

    # ---- context -------------------------------------------------------------------------------------
    def context(self, n: int, review, seq: int, map_info) -> dict:
        """What an opinion template gets (listed at the top of the bundled opinion_zh.html.j2)."""
        rep = copy.copy(self.report)
        rep.reviews = [review]
        f = rep._feature(n, review, map_info)
        notes = []                                  # (where, note) for the annex
        checks = []
        for it, item in zip(f["checks"], review.decision.items):
            clean, found = split_notes(it["reason"] or "")
            notes += [(it["check"], x) for x in found]
            if item.check in WORKING_CHECKS and item.verdict == OK:
                notes.append((it["check"], clean))      # where the review read the type from: a working note
                continue
            checks.append({**it, "reason": clean})
        clean_reasons = []
        for reason in f["reasons"] or []:
            clean, _ = split_notes(reason)
            clean_reasons.append(clean)
        basis = rep._basis()
        code = f["code"]
        wording = OPINION_CONCLUSIONS.get(code, OPINION_CONCLUSIONS[ARGUE])
        a = review.attrs
        feat = review.feature

        def field(name):
            return feat[name] if feat is not None and feat.fields().indexOf(name) >= 0 else None
        geom = feat.geometry() if feat is not None else None
        blocks = coordinate_blocks(geom, field("block_elev"), field("elev_top"), field("elev_bottom"))
        top, bottom = field("elev_top"), field("elev_bottom")
        area = review.area_m2
        concerned = self.t("、", ", ").join(f["decisive"])
        conclusion = (wording[0] if self.lang == "zh" else wording[1]).format(
            plan=self.report.rs.name, checks=concerned or self.t("相关事项", "the checks listed"))
        doc_no = doc_number(self.o.pattern, self.date.year, seq)
        crs = self.report.subject.source.sourceCrs()
        return {
            "lang": self.lang,
            "title": self.t("矿产资源规划符合性审查意见书", "Plan compliance review opinion"),
            "number": doc_no, "seq": seq, "date": date_text(self.date, self.lang), "date_iso": self.date.isoformat(),
            "plan": {"name": self.report.rs.name, "name_en": self.report.rs.name_en, "id": self.report.rs.id,
                     "region": self.report.rs.plan.get("region_name", "")},
            "basis": basis,
            "application": {"id": review.label, "name": review.name or "", "applicant": a.get("holder") or "",
                            "mineral": f["mineral"], "activity": f["activity"], "app_type": a.get("app_type") or "",
                            "scale": a.get("scale") or "",
                            "capacity": " ".join(str(v) for v in (a.get("capacity"), a.get("capacity_unit"))
                                                 if v not in (None, "")),
                            "area_km2": "" if area is None else f"{area / 1e6:.4f}",
                            "area_method": rep._area_method_text(),
                            "elev_top": _elev(top), "elev_bottom": _elev(bottom),
                            "crs": crs_name(crs.description(), self.lang) if crs.isValid() else "",
                            "source_file": field("source_file") or ""},
            "blocks": blocks,
            "checks": checks,
            "overlaps": f["overlaps"], "zones": f["zones"],
            "verdict": f["verdict"], "code": code, "decisive": f["decisive"], "conclusion": conclusion,
            "reasons": clean_reasons,
            "map": map_info,
            "signature": {"unit": self.unit(), "date": date_text(self.date, self.lang)},
            "annex": {"notes": [{"check": c, "note": x} for c, x in notes],
                      "contradictions": [{"message": x.message_zh if self.lang == "zh" else x.message_en,
                                          "clause": x.clause} for x in self.report.findings],
                      "sources": rep._sources(),
                      "area_method": rep._area_method_text(),
                      "holes": sum(b["holes"] for b in blocks),
                      "tolerance": number(rep.options.min_overlap_area if rep.options.min_overlap_area is not None
                                          else self.report.rs.min_overlap_area(), 2),
                      "version": _version(), "rule_id": self.report.rs.id,
                      "generated": datetime.date.today().isoformat()},
            "verdicts": {"ok": OK, "fail": FAIL, "argue": ARGUE},
        }

    # ---- output --------------------------------------------------------------------------------------
    def write(self, folder: str, feedback=None) -> list:
        """Every opinion into ``folder`` (created): '<app_no>_审查意见书.pdf|odt|html' (+ the HTML's picture
        folder). Returns the paths written (files and folders), in order. Cancel honoured between files."""
        os.makedirs(folder, exist_ok=True)
        template = self.template()
        written, used = [], set()
        total = len(self.report.reviews) or 1
        crs = self.report.subject.source.sourceCrs()
        county = self.report._county_copy(crs)
        for n, review in enumerate(self.report.reviews, start=1):
            if feedback is not None:
                if feedback.isCanceled():
                    raise CanceledError()
                feedback.setProgress(100.0 * (n - 1) / total)
            base = safe_name(review.label) + SUFFIX
            if base in used:
                base = f"{base}_{n}"
            used.add(base)
            img_dir = os.path.join(folder, base + "_files")
            os.makedirs(img_dir, exist_ok=True)
            map_info, images = self._map(review, crs, county, img_dir)
            html_text = self.render(template, self.context(n, review, self.o.start_seq + n - 1, map_info))
            title = f"{self.t('审查意见书', 'Review opinion')} {review.label}"
            if "html" in self.o.formats:
                from ..support import html as H
                path = os.path.join(folder, base + ".html")
                H.write(path, html_text)
                written += [path, img_dir]
            if "pdf" in self.o.formats:
                path = os.path.join(folder, base + ".pdf")
                footer = (lambda p, k: f"第 {p} 页 共 {k} 页") if self.lang == "zh" else (lambda p, k: f"Page {p} of {k}")
                html_to_pdf(html_text, path, images=images, title=title, footer=footer, feedback=feedback)
                written.append(path)
            if "odt" in self.o.formats:
                path = os.path.join(folder, base + ".odt")
                html_to_odt(html_text, path, images=images, title=title)
                written.append(path)
            if "html" not in self.o.formats:
                shutil.rmtree(img_dir, ignore_errors=True)
        if feedback is not None:
            feedback.setProgress(100.0)
        return written

    def _map(self, review, crs, county, img_dir) -> tuple:
        from .review import MAP_DISPLAY_PX, _round_scale
        g = review.feature.geometry() if review.feature is not None else None
        if review.area_m2 is None or g is None or g.isNull():
            return None, {}
        if not g.isGeosValid():
            g = g.makeValid()
        path = os.path.join(img_dir, "map.png")
        info = render_feature_map(g, crs, self.report._nearby_layers(g, crs, review), path, self.report.tctx,
                                  feature_label=review.label, lang=self.lang, county=county, grid=True)
        rel = urllib.parse.quote(f"{os.path.basename(img_dir)}/map.png")
        grid = info.get("grid") or {}
        step = grid.get("step")
        step_text = "" if not step else (f"{step / 1000:g} 千米" if step >= 1000 else f"{step:g} 米") \
            if self.lang == "zh" else ("" if not step else (f"{step / 1000:g} km" if step >= 1000 else f"{step:g} m"))
        return ({"src": rel, "scale": f"1:{_round_scale(info['scale']):,}", "legend": info["legend"],
                 "width": MAP_DISPLAY_PX, "height": round(MAP_DISPLAY_PX * info["height"] / info["width"]),
                 "grid_step": step_text, "grid_labels": grid.get("labels", []), "grid_crs": grid.get("crs", "")},
                {rel: path})

    def render(self, template, values: dict) -> str:
        import jinja2
        try:
            return template.render(**values)
        except jinja2.TemplateError as exc:
            raise MinePlanError(f"意见书模板有误：{exc}", f"opinion template error: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - whatever a bureau's template does while rendering
            raise MinePlanError(f"意见书模板有误（渲染时）：{type(exc).__name__}: {exc}",
                                f"opinion template error (while rendering): {type(exc).__name__}: {exc}") from None


def _version() -> str:
    from .review import _plugin_version
    return _plugin_version()


def check_opinion_template(path: str, language: str = "zh"):
    """Load and parse a bureau's opinion template before any review: a MinePlanError naming file and line."""
    from types import SimpleNamespace

    from .review import ReportOptions, ReviewReport
    report = ReviewReport.__new__(ReviewReport)
    report.options = ReportOptions(language=language)
    report.lang = language
    report.rs = SimpleNamespace(findings=[])
    OpinionWriter(report, OpinionOptions(template=path)).template()
