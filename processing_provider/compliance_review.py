"""mineplan:compliancereview — 规划符合性审查 / Plan compliance review.

Runs mineplan:redlineoverlap, mineplan:minimumscale, mineplan:mineralpolicy, mineplan:zoneassignment
and mineplan:planindicators as child algorithms (a model can chain the same; see
processing_provider/models/compliance_chain.model3), combines their verdicts and writes the report.
"""
from __future__ import annotations

import datetime
import time

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import messages as M
from ..core.i18n import N_, tr
from ..core.layers import ACTIVITY_CANDIDATES, ID_CANDIDATES, NAME_CANDIDATES, attr, detect_field
from ..core.review_overlap import CATEGORY_LABELS, layer_activity_hint
from ..core.zones import ROLE_PARAMS
from ..rules.verdicts import (
    ARGUE,
    EXPLORATION,
    FAIL,
    MINING,
    NO_GEOMETRY,
    OK,
    parse_activity,
    review_verdict,
    severity,
    worst,
)
from .base import MinePlanAlgorithm, combine_fields, fields_from
from .redline_overlap import CONTROL_PARAM_LABELS, FIXED_CATEGORIES, category_fields
from .zone_assignment import zone_out_fields

ROW_KEY = "mp_row"
CHECK_NAMES = {"overlap": ("控制线压覆", "control-line overlap"), "scale": ("最低开采规模", "minimum mining scale"),
               "policy": ("开采矿种准入", "mineral policy"), "zone": ("规划分区", "planning zones")}


def review_fields(other_cats):
    spec = []
    for cat in ["eco", "farm", "urban", "reserve"]:
        spec += category_fields(cat, CATEGORY_LABELS[cat])
    for cat, name in other_cats:
        spec += category_fields(cat, name)
    spec += [("block_area_m2", "double", "要素面积(平方米)", 20, 2), ("conflict", "int", "是否冲突"),
             ("overlap_verdict", "str", "压覆结论", 10), ("overlap_reason", "str", "压覆原因", 2000),
             ("area_method", "str", "面积算法", 60),
             ("mineral_std", "str", "规范矿种（规划类别）", 100), ("reserve_scale", "str", "储量规模", 10),
             ("min_capacity", "double", "最低开采规模", 20, 4), ("capacity_unit", "str", "规模单位", 30),
             ("scale_ok", "int", "规模是否达标"), ("service_years", "double", "服务年限(年)", 12, 2),
             ("service_ok", "int", "服务年限是否达标"), ("scale_verdict", "str", "最低规模结论", 10),
             ("scale_reason", "str", "最低规模原因", 2000),
             ("policy", "str", "开采矿种类别", 20), ("policy_verdict", "str", "矿种准入结论", 10),
             ("policy_reason", "str", "矿种准入原因", 1000)]
    for name, kind, alias, *rest in zone_out_fields():
        if name in ("verdict", "reason", "reason_en", "clause"):
            continue
        spec.append((name, kind, alias, *rest))
    spec += [("zone_verdict", "str", "分区结论", 10), ("zone_reason", "str", "分区原因", 2000),
             ("activity", "str", "审查类型", 20), ("verdict", "str", "审查结论", 10),
             ("reasons", "str", "不符合/需论证事项及条款", 4000), ("reasons_en", "str", "事项（英文）", 4000),
             ("clauses", "str", "适用条款", 1000)]
    return spec


class ComplianceReview(MinePlanAlgorithm):
    ALG_ID = "compliancereview"
    GROUP = "review"
    NAME = N_("Plan compliance review")

    PROPOSED = "PROPOSED"
    MINING_RIGHTS = "MINING_RIGHTS"
    OTHER = "OTHER_CONSTRAINTS"
    ID_FIELD = "ID_FIELD"
    NAME_FIELD = "NAME_FIELD"
    ACTIVITY_FIELD = "ACTIVITY_FIELD"
    FIELD_KEYS = ["MINERAL_FIELD", "SCALE_FIELD", "CAPACITY_FIELD", "CAPACITY_UNIT_FIELD", "RESERVES_FIELD",
                  "RESERVES_UNIT_FIELD"]
    AREA_METHOD = "AREA_METHOD"
    MIN_OVERLAP_AREA = "MIN_OVERLAP_AREA"
    INVALID = "INVALID_GEOMETRY"
    OUTPUT = "OUTPUT"
    REPORT_HTML = "REPORT_HTML"
    REPORT_PDF = "REPORT_PDF"

    def help_text(self):
        return self.tr(
            "The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining "
            "scale, mineral policy and planning zones, each with its verdict and clause, combined into one verdict "
            "per feature (符合 / 不符合 / 需论证), plus the plan's indicators when MINING_RIGHTS is given, and a "
            "report (HTML and PDF) with a map of every feature.\n\n"
            "PROPOSED: the features under review (fields auto-detected: mineral, scale, capacity …; right_type/矿业权"
            "类型 tells mining from exploration; minimum scale and mineral policy apply to mining only).\n"
            "Control-line layers (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS) and "
            "zone layers (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, "
            "MINING_BLOCKS, KEY_DEVELOPMENT_AREAS) are optional; a check without its layers is reported as not "
            "performed.\n"
            "It runs mineplan:redlineoverlap, mineplan:minimumscale, mineplan:mineralpolicy, mineplan:zoneassignment "
            "and mineplan:planindicators as child algorithms.\n"
            "OUTPUT: features with every check's fields, verdict, reasons (each failed rule with its clause).\n"
            "REPORT_HTML / REPORT_PDF: 规划符合性审查报告 with a summary, one section per feature (verdict, reasons, "
            "overlap figures, map with north arrow and scale bar) and the indicators table.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PROPOSED, self.tr("Features under review"), poly))
        for key, _ in FIXED_CATEGORIES:
            self.addParameter(QgsProcessingParameterFeatureSource(key, self.tr(CONTROL_PARAM_LABELS[key]), poly,
                                                                  optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(self.OTHER, self.tr("Other constraint layers"),
                                                               QgsProcessing.TypeVectorAnyGeometry, optional=True))
        from .zone_assignment import ROLE_LABELS
        for role, key in ROLE_PARAMS:
            self.addParameter(QgsProcessingParameterFeatureSource(key, self.tr(ROLE_LABELS[role]), poly, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(self.MINING_RIGHTS, self.tr("Mining rights (for the "
                                                                                          "indicators)"),
                                                              [QgsProcessing.TypeVector], optional=True))
        for key, label in ((self.ID_FIELD, N_("Id field")), (self.NAME_FIELD, N_("Name field (report titles)")),
                           (self.ACTIVITY_FIELD, N_("Activity field (采矿/探矿)")), ("MINERAL_FIELD", N_("Mineral field")),
                           ("SCALE_FIELD", N_("Reserve scale field")), ("CAPACITY_FIELD", N_("Design capacity field")),
                           ("CAPACITY_UNIT_FIELD", N_("Capacity unit field")), ("RESERVES_FIELD", N_("Reserves field")),
                           ("RESERVES_UNIT_FIELD", N_("Reserves unit field"))):
            self.addParameter(QgsProcessingParameterField(key, self.tr(label), None, self.PROPOSED, optional=True))
        self.add_area_method_parameter(self.AREA_METHOD)
        self.add_min_overlap_parameter(self.MIN_OVERLAP_AREA)
        self.add_invalid_parameter(self.INVALID)
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Review verdicts"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_HTML, self.tr("Review report (HTML)"), self.tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_PDF, self.tr("Review report (PDF)"), self.tr("PDF files (*.pdf)"), optional=True,
            createByDefault=False))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("ARGUE_COUNT", N_("Needing justification")), ("SECONDS", N_("Seconds"))))

    # ---- helpers ---------------------------------------------------------------------------------------
    @staticmethod
    def _copy_with_row_key(source, name):
        """Memory copy of the input with a row key, so every child output joins back exactly."""
        wkb = QgsWkbTypes.displayString(source.wkbType()) or "MultiPolygon"
        lyr = QgsVectorLayer(wkb, name, "memory")
        lyr.setCrs(source.sourceCrs())
        fields = [QgsField(f) for f in source.fields()]
        fields.append(QgsField(ROW_KEY, QVariant.Int))
        lyr.dataProvider().addAttributes(fields)
        lyr.updateFields()
        feats, originals = [], []
        for i, f in enumerate(source.getFeatures()):
            nf = QgsFeature(lyr.fields())
            nf.setGeometry(f.geometry())
            nf.setAttributes(list(f.attributes()) + [i])
            feats.append(nf)
            originals.append(f)
        lyr.dataProvider().addFeatures(feats)
        lyr.updateExtents()
        return lyr, originals

    @staticmethod
    def _by_row(layer):
        out = {}
        if layer is None:
            return out
        idx = layer.fields().lookupField(ROW_KEY)
        for f in layer.getFeatures():
            out[f.attribute(idx)] = f
        return out

    def _child(self, alg_id, params, context, feedback):
        import processing
        feedback.pushInfo(tr("Running {0} …").format(alg_id))
        res = processing.run(alg_id, params, context=context, feedback=feedback, is_child_algorithm=True)
        return res

    # ---- main ------------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        rs = self.ruleset(parameters, context)
        ruleset_param = self.parameterAsFile(parameters, self.RULESET, context) or ""
        source, src_name = self.required_source(parameters, self.PROPOSED, context)
        fields_in = source.fields()
        user_fields = {k: (self.parameterAsFields(parameters, k, context) or [None])[0] for k in
                       [self.ID_FIELD, self.NAME_FIELD, self.ACTIVITY_FIELD] + self.FIELD_KEYS}
        for k, v in user_fields.items():
            if v and fields_in.lookupField(v) < 0:
                raise QgsProcessingException(M.no_field(src_name, v, k, fields_in))
        id_f = user_fields[self.ID_FIELD] or detect_field(fields_in, ID_CANDIDATES)
        name_f = user_fields[self.NAME_FIELD] or detect_field(fields_in, NAME_CANDIDATES, exclude=(id_f,) if id_f else ())
        act_f = user_fields[self.ACTIVITY_FIELD] or detect_field(fields_in, ACTIVITY_CANDIDATES)
        default_act = layer_activity_hint(src_name) or MINING
        copy, originals = self._copy_with_row_key(source, src_name)
        context.temporaryLayerStore().addMapLayer(copy)
        common = {self.RULESET: ruleset_param}
        given_controls = [k for k, _ in FIXED_CATEGORIES if self.source(parameters, k, context) is not None]
        others = self.parameterAsLayerList(parameters, self.OTHER, context) or []
        given_zones = [(r, k) for r, k in ROLE_PARAMS if self.source(parameters, k, context) is not None]
        method = self.parameterAsEnum(parameters, self.AREA_METHOD, context)
        invalid_mode = self.parameterAsEnum(parameters, self.INVALID, context)
        min_area = self.parameterAsDouble(parameters, self.MIN_OVERLAP_AREA, context)

        # ---- child algorithms ----------------------------------------------------------------------
        overlap_rows, other_cats, area_method = {}, [], ""
        overlap_stats = {}
        if given_controls or others:
            p = {"INPUT": copy.id(), "AREA_METHOD": method, "MIN_OVERLAP_AREA": min_area,
                 "INVALID_GEOMETRY": invalid_mode, "ACTIVITY": 0, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT, **common}
            if act_f:
                p["ACTIVITY_FIELD"] = act_f
            for k in given_controls:
                p[k] = parameters[k]
            if others:
                p[self.OTHER] = parameters[self.OTHER]
            res = self._child("mineplan:redlineoverlap", p, context, feedback)
            lyr = QgsProcessingUtils.mapLayerFromString(res["OUTPUT"], context)
            overlap_rows = self._by_row(lyr)
            overlap_stats = res
            for i, nm in enumerate([o.name() for o in others], start=1):
                other_cats.append((f"other_{i}", nm))
        if feedback.isCanceled():
            raise QgsProcessingException(M.CANCELED)
        p = {"INPUT": copy.id(), "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT, **common}
        for k in self.FIELD_KEYS:
            if user_fields[k]:
                p[k] = user_fields[k]
        res = self._child("mineplan:minimumscale", p, context, feedback)
        scale_rows = self._by_row(QgsProcessingUtils.mapLayerFromString(res["OUTPUT"], context))
        p = {"INPUT": copy.id(), "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT, **common}
        if user_fields["MINERAL_FIELD"]:
            p["MINERAL_FIELD"] = user_fields["MINERAL_FIELD"]
        res = self._child("mineplan:mineralpolicy", p, context, feedback)
        policy_rows = self._by_row(QgsProcessingUtils.mapLayerFromString(res["OUTPUT"], context))
        zone_rows = {}
        if given_zones:
            p = {"INPUT": copy.id(), "INVALID_GEOMETRY": invalid_mode, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
                 **common}
            for _, k in given_zones:
                p[k] = parameters[k]
            if user_fields["MINERAL_FIELD"]:
                p["MINERAL_FIELD"] = user_fields["MINERAL_FIELD"]
            if act_f:
                p["ACTIVITY_FIELD"] = act_f
            res = self._child("mineplan:zoneassignment", p, context, feedback)
            zone_rows = self._by_row(QgsProcessingUtils.mapLayerFromString(res["OUTPUT"], context))
        indicators = None
        mr = self.source(parameters, self.MINING_RIGHTS, context)
        ind_params = {"OUTPUT": QgsProcessing.TEMPORARY_OUTPUT, **common}
        if mr is not None:
            ind_params["MINING_RIGHTS"] = parameters[self.MINING_RIGHTS]
        for key in ("EXPLORATION_BLOCKS", "MINING_BLOCKS", "CONCENTRATED_MINING_AREAS"):
            if self.source(parameters, key, context) is not None:
                ind_params[key] = parameters[key]
        if len(ind_params) > 2:
            res = self._child("mineplan:planindicators", ind_params, context, feedback)
            from ..rules.indicators import Indicator
            ilyr = QgsProcessingUtils.mapLayerFromString(res["OUTPUT"], context)
            indicators = []
            for f in ilyr.getFeatures():
                v = {k: f[k] for k in ("id", "name", "name_en", "unit", "target", "comparison", "target_kind",
                                         "current", "status", "clause", "note")}
                for k in ("target", "current"):
                    v[k] = None if v[k] is None or str(v[k]) == "NULL" else float(v[k])
                indicators.append(Indicator(**v))

        # ---- combine ----------------------------------------------------------------------------------
        out_fields = combine_fields(fields_in, fields_from(review_fields(other_cats)))
        cats = ["eco", "farm", "urban", "reserve"] + [c for c, _ in other_cats]
        items = []
        counts = {OK: 0, FAIL: 0, ARGUE: 0}
        for i, orig in enumerate(originals):
            ov, sc, po, zo = overlap_rows.get(i), scale_rows.get(i), policy_rows.get(i), zone_rows.get(i)
            act = parse_activity(attr(orig, fields_in.lookupField(act_f)) if act_f else None) or default_act
            checks = []   # (key, verdict, reason, reason_en, clause)
            vals = []
            if ov is not None:
                for cat in cats:
                    vals += [_v(ov, f"{cat}_area_m2"), _v(ov, f"{cat}_pct"), _v(ov, f"{cat}_ids")]
                vals += [_v(ov, "block_area_m2"), _v(ov, "conflict"), _v(ov, "verdict"), _v(ov, "reason"),
                         _v(ov, "area_method")]
                area_method = _v(ov, "area_method") or area_method
                checks.append(("overlap", _v(ov, "verdict"), _v(ov, "reason"), _v(ov, "reason_en"), _v(ov, "clause")))
            elif overlap_rows:   # skipped by the overlap check (invalid geometry, skip mode)
                vals += [None] * (3 * len(cats)) + [None, None, NO_GEOMETRY, "几何无效，已按设置跳过", None]
                checks.append(("overlap", NO_GEOMETRY, "几何无效，已按设置跳过", "invalid geometry skipped", ""))
            else:
                vals += [None] * (3 * len(cats) + 5)
            exploration = act == EXPLORATION
            sv = [_v(sc, k) for k in ("mineral_std", "reserve_scale", "min_capacity", "capacity_unit", "scale_ok",
                                      "service_years", "service_ok")]
            if exploration:
                vals += [sv[0]] + [None] * 6 + ["不适用", "勘查项目不适用新建矿山最低开采规模"]
            else:
                vals += sv + [_v(sc, "verdict"), _v(sc, "reason")]
                checks.append(("scale", _v(sc, "verdict"), _v(sc, "reason"), _v(sc, "reason_en"), _v(sc, "clause")))
            if exploration:
                vals += [_v(po, "policy"), "不适用", "开采矿种准入适用于新设采矿权"]
            else:
                vals += [_v(po, "policy"), _v(po, "verdict"), _v(po, "reason")]
                checks.append(("policy", _v(po, "verdict"), _v(po, "reason"), _v(po, "reason_en"), _v(po, "clause")))
            zspec = [n for n, *_ in zone_out_fields() if n not in ("verdict", "reason", "reason_en", "clause")]
            if zo is not None:
                vals += [_v(zo, n) for n in zspec] + [_v(zo, "verdict"), _v(zo, "reason")]
                checks.append(("zone", _v(zo, "verdict"), _v(zo, "reason"), _v(zo, "reason_en"), _v(zo, "clause")))
            else:
                vals += [None] * len(zspec) + [None, tr("not checked: no zone layer given") if not given_zones else None]
            final = worst(review_verdict(c[1]) for c in checks if c[1]) if checks else ARGUE
            reasons, reasons_en, clauses = [], [], []
            # worst first: the first reason is the one that decides the verdict
            for key, v, r, r_en, cl in sorted(checks, key=lambda c: -severity(c[1]) if c[1] else 0):
                if v and review_verdict(v) != OK:
                    zh, en = CHECK_NAMES[key]
                    reasons.append(f"【{zh}·{v}】{r}（{cl}）")
                    reasons_en.append(f"[{en}: {v}] {r_en} ({cl})")
                for c in (cl or "").split("; "):
                    if c and c not in clauses:
                        clauses.append(c)
            if not given_controls and not others:
                reasons.append("【控制线压覆·需论证】未提供控制线图层，未检查压覆")
                reasons_en.append("[control-line overlap] not checked: no control-line layer given")
                final = worst([final, ARGUE])
            if not reasons:
                reasons.append("各项检查均符合规划")
                reasons_en.append("every check complies with the plan")
            vals += [act, final, "\n".join(reasons), "\n".join(reasons_en), "; ".join(clauses)]
            counts[final] += 1
            items.append((orig, vals, checks, final, reasons))
        sink, dest = self.sink(parameters, self.OUTPUT, context, out_fields, source.wkbType(),
                                          source.sourceCrs())
        for orig, vals, *_ in items:
            f = QgsFeature(out_fields)
            f.setGeometry(orig.geometry())
            f.setAttributes(list(orig.attributes()) + vals)
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        results = {self.OUTPUT: dest, "FEATURE_COUNT": len(items), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                   "ARGUE_COUNT": counts[ARGUE]}
        feedback.pushInfo(tr("{0} feature(s): 符合 {1}, 不符合 {2}, 需论证 {3}").format(
            len(items), counts[OK], counts[FAIL], counts[ARGUE]))

        # ---- report ---------------------------------------------------------------------------------
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        pdf_path = self.parameterAsFileOutput(parameters, self.REPORT_PDF, context)
        if html_path or pdf_path:
            from ..core.report import ReviewReport
            report = ReviewReport(rs, src_name, out_fields, items, indicators, counts, area_method,
                                  id_index=fields_in.lookupField(id_f) if id_f else None,
                                  name_index=fields_in.lookupField(name_f) if name_f else None,
                                  other_cats=other_cats, crs=source.sourceCrs(),
                                  inputs=self._input_summary(parameters, context, given_controls, given_zones, others),
                                  findings=rs.findings, overlap_stats=overlap_stats)
            layers = self._context_layers(parameters, context, given_controls, given_zones)
            written = report.write(html_path, pdf_path, layers, feedback)
            results.update(written)
        results["SECONDS"] = round(time.perf_counter() - t0, 3)
        return results

    def _input_summary(self, parameters, context, controls, zones, others):
        rows = [(tr("Features under review"), self.source_name(parameters, self.PROPOSED, context))]
        for k in controls:
            rows.append((k, self.source_name(parameters, k, context)))
        for lyr in others:
            rows.append((self.OTHER, lyr.name()))
        for _, k in zones:
            rows.append((k, self.source_name(parameters, k, context)))
        if self.source(parameters, self.MINING_RIGHTS, context) is not None:
            rows.append((self.MINING_RIGHTS, self.source_name(parameters, self.MINING_RIGHTS, context)))
        rows.append((tr("Date"), datetime.date.today().isoformat()))
        return rows

    def _context_layers(self, parameters, context, controls, zones):
        style = {"ECO_REDLINE": "eco", "BASIC_FARMLAND": "farm", "URBAN_BOUNDARY": "urban", "NATURE_RESERVE": "reserve"}
        out = []
        for k in controls:
            lyr = self.parameterAsVectorLayer(parameters, k, context)
            if lyr is not None:
                out.append((lyr, style[k]))
        for _, k in zones:
            lyr = self.parameterAsVectorLayer(parameters, k, context)
            if lyr is not None:
                out.append((lyr, "zone"))
        return out


def _v(feature, name):
    if feature is None:
        return None
    idx = feature.fields().lookupField(name)
    if idx < 0:
        return None
    v = feature.attribute(idx)
    if v is None or (hasattr(v, "isNull") and not isinstance(v, str) and v.isNull()):
        return None
    return v

