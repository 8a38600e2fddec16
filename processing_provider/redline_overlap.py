"""mineplan:redlineoverlap — 区块与控制线压覆分析 / Block vs control-line overlap."""
from __future__ import annotations

import time

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsWkbTypes,
)

from ..core import messages as M
from ..core.constraints import ConstraintInput, build_area_context, build_indexes, transform_context
from ..core.geometry import GeometryStats
from ..core.i18n import N_, tr
from ..core.layers import ACTIVITY_CANDIDATES, detect_field, feature_label, require_field
from ..core.review_overlap import CATEGORY_LABELS, layer_activity_hint, measure_feature, unique_other_names
from ..rules.verdicts import ARGUE, CONFLICT, EXPLORATION, MINING, NO_GEOMETRY, parse_activity
from .base import MinePlanAlgorithm, combine_fields, fields_from, log_geometry_details

FIXED_CATEGORIES = [("ECO_REDLINE", "eco"), ("BASIC_FARMLAND", "farm"), ("URBAN_BOUNDARY", "urban"),
                    ("NATURE_RESERVE", "reserve")]
ACTIVITY_CHOICES = ["auto", MINING, EXPLORATION]
CONTROL_PARAM_LABELS = {"ECO_REDLINE": N_("Ecological protection red line (生态保护红线)"),
                        "BASIC_FARMLAND": N_("Permanent basic farmland (永久基本农田)"),
                        "URBAN_BOUNDARY": N_("Urban development boundary (城镇开发边界)"),
                        "NATURE_RESERVE": N_("Nature reserves (自然保护地)")}


def category_fields(prefix: str, label_zh: str):
    return [(f"{prefix}_area_m2", "double", f"{label_zh}压覆面积(平方米)", 20, 2),
            (f"{prefix}_pct", "double", f"{label_zh}压覆比例(%)", 10, 4),
            (f"{prefix}_ids", "str", f"{label_zh}压覆图斑", 2000)]


RESULT_FIELDS = [("block_area_m2", "double", "要素面积(平方米)", 20, 2),
                 ("conflict", "int", "是否冲突"),
                 ("verdict", "str", "压覆结论", 10),
                 ("reason", "str", "原因", 2000),
                 ("reason_en", "str", "原因（英文）", 2000),
                 ("clause", "str", "规划条款", 400),
                 ("activity", "str", "审查类型", 20),
                 ("area_method", "str", "面积算法", 60)]


class RedlineOverlap(MinePlanAlgorithm):
    ALG_ID = "redlineoverlap"
    GROUP = "checks"
    NAME = N_("Block vs control-line overlap")

    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    OTHER = "OTHER_CONSTRAINTS"
    AREA_METHOD = "AREA_METHOD"
    MIN_OVERLAP_AREA = "MIN_OVERLAP_AREA"
    INVALID = "INVALID_GEOMETRY"
    ACTIVITY = "ACTIVITY"
    ACTIVITY_FIELD = "ACTIVITY_FIELD"
    OUTPUT = "OUTPUT"
    OVERLAPS = "OVERLAPS"

    def help_text(self):
        return self.tr(
            "Measures how much of every block, right or application overlaps each control line — ecological "
            "protection red line, permanent basic farmland, urban development boundary, nature reserves and any "
            "other constraint layers — and gives the plan's verdict with its clause.\n\n"
            "Areas are exact: constraint features that overlap each other are counted once, invalid constraint "
            "parcels are repaired (not silently dropped), every layer may be in its own CRS.\n\n"
            "INPUT: polygon features under review. ID_FIELD: their id (default: feature id).\n"
            "ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE: optional polygon layers (give at least "
            "one). OTHER_CONSTRAINTS: more layers; category names come from layer names; line and point layers are "
            "buffered by the rule set's keep-away distance (三区两线).\n"
            "AREA_METHOD: ellipsoidal on CGCS2000 (official statistics; default) or planar in a projected CRS.\n"
            "MIN_OVERLAP_AREA: overlaps smaller than this (m²) are reported but are not a conflict (slivers on "
            "shared edges).\n"
            "INVALID_GEOMETRY: repair (default), skip or stop; repaired and skipped features are counted.\n"
            "ACTIVITY: mining or exploration (the plan judges them differently: a new mine in the red line is a "
            "conflict, exploration there needs justification); auto reads ACTIVITY_FIELD or a field such as "
            "right_type/矿业权类型, else the layer name, else mining.\n"
            "OUTPUT: input fields plus <p>_area_m2, <p>_pct, <p>_ids for p = eco, farm, urban, reserve, other_<n>, "
            "block_area_m2, conflict, verdict (符合/冲突/需论证/无几何), reason, reason_en, clause, area_method.\n"
            "OVERLAPS: optional, one polygon per feature × category × overlapping constraint feature.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Blocks, rights or applications"),
                                                              poly))
        self.addParameter(QgsProcessingParameterField(self.ID_FIELD, self.tr("Id field"), None, self.INPUT,
                                                      optional=True))
        for key, _ in FIXED_CATEGORIES:
            self.addParameter(QgsProcessingParameterFeatureSource(key, self.tr(CONTROL_PARAM_LABELS[key]), poly,
                                                                  optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(self.OTHER, self.tr("Other constraint layers"),
                                                               QgsProcessing.TypeVectorAnyGeometry, optional=True))
        self.add_area_method_parameter(self.AREA_METHOD)
        self.add_min_overlap_parameter(self.MIN_OVERLAP_AREA)
        self.add_invalid_parameter(self.INVALID)
        self.addParameter(QgsProcessingParameterEnum(
            self.ACTIVITY, self.tr("Activity"),
            [self.tr("Auto (field or layer name; default mining)"), self.tr("Mining"), self.tr("Exploration")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterField(self.ACTIVITY_FIELD, self.tr("Activity field (采矿/探矿)"), None,
                                                      self.INPUT, optional=True))
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Overlap verdicts"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OVERLAPS, self.tr("Overlap polygons"),
                                                            QgsProcessing.TypeVectorPolygon, optional=True,
                                                            createByDefault=False))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("CONFLICT_COUNT", N_("Conflicts")),
                           ("ARGUE_COUNT", N_("Needing justification")), ("NO_GEOMETRY_COUNT", N_("Without geometry")),
                           ("INVALID_REPAIRED", N_("Invalid geometries repaired")),
                           ("INVALID_SKIPPED", N_("Invalid geometries skipped")), ("SECONDS", N_("Seconds"))))

    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        rs = self.ruleset(parameters, context)
        source, src_name = self.required_source(parameters, self.INPUT, context)
        constraints = []
        for key, cat in FIXED_CATEGORIES:
            s = self.source(parameters, key, context)
            if s is not None:
                constraints.append(ConstraintInput(cat, CATEGORY_LABELS[cat], s, s.sourceCrs()))
        others = self.parameterAsLayerList(parameters, self.OTHER, context) or []
        for i, (lyr, nm) in enumerate(zip(others, unique_other_names([lyr.name() for lyr in others])), start=1):
            constraints.append(ConstraintInput(f"other_{i}", nm, lyr, lyr.crs()))
        if not constraints:
            raise QgsProcessingException(M.NEED_CONTROL_LAYER)
        method = self.parameterAsEnum(parameters, self.AREA_METHOD, context)
        min_area = self.parameterAsDouble(parameters, self.MIN_OVERLAP_AREA, context)
        invalid_mode = self.parameterAsEnum(parameters, self.INVALID, context)
        fields_in = source.fields()
        id_name = self.parameterAsFields(parameters, self.ID_FIELD, context)
        id_idx = require_field(src_name, fields_in, id_name[0] if id_name else None, "ID_FIELD")
        act_choice = ACTIVITY_CHOICES[self.parameterAsEnum(parameters, self.ACTIVITY, context)]
        act_field = self.parameterAsFields(parameters, self.ACTIVITY_FIELD, context)
        act_field = act_field[0] if act_field else None
        if act_choice == "auto" and act_field is None:
            act_field = detect_field(fields_in, ACTIVITY_CANDIDATES)
        act_idx = require_field(src_name, fields_in, act_field, "ACTIVITY_FIELD") if act_choice == "auto" else None
        default_act = act_choice if act_choice != "auto" else (layer_activity_hint(src_name) or MINING)
        if act_choice == "auto":
            feedback.pushInfo(tr("Activity: field {0}, default {1}").format(act_field or "—", default_act))

        tctx = transform_context(context)
        area_ctx = build_area_context(method, source, constraints, context)
        feedback.pushInfo(tr("Area method: {0}; working CRS: {1}").format(area_ctx.label_en, area_ctx.crs.toProj()))
        stats = GeometryStats()
        indexes = build_indexes(constraints, area_ctx, rs, invalid_mode, tctx, feedback, stats)
        if feedback.isCanceled():
            raise QgsProcessingException(M.CANCELED)
        constraint_repaired, constraint_skipped = stats.repaired, stats.skipped
        to_work = area_ctx.transform_from(source.sourceCrs(), tctx)
        want_polys = self.OVERLAPS in parameters and parameters[self.OVERLAPS] not in (None, "")

        total = source.featureCount() or 1
        results, feats = [], []
        in_stats = GeometryStats()
        for n, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                raise QgsProcessingException(M.CANCELED)
            label = feature_label(feat, id_idx)
            act = default_act
            if act_idx is not None:
                act = parse_activity(feat.attribute(act_idx)) or default_act
            r = measure_feature(feat.geometry(), feat.id(), label, to_work, indexes, invalid_mode, src_name, in_stats,
                                rs, act, min_area, want_polys)
            results.append(r)
            feats.append(feat)
            feedback.setProgress(100.0 * (n + 1) / total)

        # ---- write (only now: no half-written output after a cancel or an error) ----------------------
        extra = QgsFields()
        for cat in ("eco", "farm", "urban", "reserve"):
            for f in fields_from(category_fields(cat, CATEGORY_LABELS[cat])):
                extra.append(f)
        for c in constraints:
            if c.cat_id.startswith("other_"):
                for f in fields_from(category_fields(c.cat_id, c.name)):
                    extra.append(f)
        for f in fields_from(RESULT_FIELDS):
            extra.append(f)
        out_fields = combine_fields(fields_in, extra)
        wkb = source.wkbType()
        sink, dest = self.sink(parameters, self.OUTPUT, context, out_fields, wkb, source.sourceCrs())
        given = {c.cat_id for c in constraints}
        counts = {CONFLICT: 0, ARGUE: 0, NO_GEOMETRY: 0}
        written = 0
        for feat, r in zip(feats, results):
            if r.status == "skipped":
                continue
            by_cat = {c.cat_id: c for c in r.categories}
            attrs = list(feat.attributes())
            for cat in ["eco", "farm", "urban", "reserve"] + [c.cat_id for c in constraints
                                                              if c.cat_id.startswith("other_")]:
                c = by_cat.get(cat)
                if cat not in given or not r.has_geometry:
                    attrs += [None, None, None]
                else:
                    attrs += [round(c.area_m2, 4), round(c.pct, 6) if c.pct is not None else None,
                              ",".join(map(str, c.ids))]
            attrs += [round(r.block_area, 4) if r.block_area is not None else None, r.conflict, r.verdict, r.reason,
                      r.reason_en, r.clause, r.activity, area_ctx.label]
            out = QgsFeature(out_fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(attrs)
            sink.addFeature(out, QgsFeatureSink.FastInsert)
            written += 1
            if r.verdict in counts:
                counts[r.verdict] += 1
        results_out = {self.OUTPUT: dest}
        if want_polys:
            self._write_polygons(parameters, context, results, source, area_ctx, tctx, constraints, results_out)
        log_geometry_details(feedback, in_stats.details + stats.details)
        secs = round(time.perf_counter() - t0, 3)
        feedback.pushInfo(tr("{0} feature(s): {1} conflict(s), {2} needing justification, {3} without geometry; "
                             "invalid geometries repaired {4}, skipped {5}; {6} s").format(
            written, counts[CONFLICT], counts[ARGUE], counts[NO_GEOMETRY], in_stats.repaired + constraint_repaired,
            in_stats.skipped + constraint_skipped, secs))
        results_out.update({"FEATURE_COUNT": written, "CONFLICT_COUNT": counts[CONFLICT], "ARGUE_COUNT": counts[ARGUE],
                            "NO_GEOMETRY_COUNT": counts[NO_GEOMETRY],
                            "INVALID_REPAIRED": in_stats.repaired + constraint_repaired,
                            "INVALID_SKIPPED": in_stats.skipped + constraint_skipped, "SECONDS": secs})
        return results_out

    def _write_polygons(self, parameters, context, results, source, area_ctx, tctx, constraints, results_out):
        from qgis.core import QgsCoordinateTransform
        names = {c.cat_id: c.name for c in constraints}
        fields = fields_from([("feature_id", "str", "要素编号", 100), ("category", "str", "控制线类别", 20),
                              ("category_name", "str", "控制线名称", 100), ("constraint_id", "str", "压覆图斑编号", 200),
                              ("area_m2", "double", "压覆面积(平方米)", 20, 4), ("verdict", "str", "要素压覆结论", 10)])
        sink, dest = self.sink(parameters, self.OVERLAPS, context, fields, QgsWkbTypes.MultiPolygon,
                                          source.sourceCrs())
        back = QgsCoordinateTransform(area_ctx.crs, source.sourceCrs(), tctx)
        for r in results:
            for cat, lab, g, a in r.polygons:
                geom = g
                geom.transform(back)
                geom.convertToMultiType()
                f = QgsFeature(fields)
                f.setGeometry(geom)
                f.setAttributes([r.label, cat, names.get(cat, cat), str(lab), round(a, 4), r.verdict])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
        results_out[self.OVERLAPS] = dest
