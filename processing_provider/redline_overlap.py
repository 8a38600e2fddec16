"""mineplan:redlineoverlap — 区块与控制线压覆分析 / Block vs control-line overlap."""
from __future__ import annotations

import time

from qgis.core import (
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)

from ..core.outputs.columns import OVERLAP_RESULT, control_fields
from ..core.overlap.engine import gc_paused
from ..core.review.pipeline import ReviewOptions, ReviewPipeline
from ..core.review.rows import activity_of, control_values, item_result
from ..core.support import messages as M
from ..core.support.i18n import N_, tr
from ..rules.checks.decision import layer_activity_hint
from ..rules.model.vocab import ARGUE, CONFLICT, CONTROL_ROLES, EXPLORATION, MINING, NO_GEOMETRY
from .base import MinePlanAlgorithm, log_geometry_details
from .writing import fields_from

ACTIVITY_CHOICES = ["auto", MINING, EXPLORATION]


class RedlineOverlap(MinePlanAlgorithm):
    ALG_ID = "redlineoverlap"
    GROUP = "checks"
    NAME = N_("Block vs control-line overlap")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("Polygon features to check — planning blocks, rights or applications — in any CRS."),
        "ACTIVITY": N_("Mining or exploration for the features whose activity field says neither: auto reads the field, else the layer name, else takes mining. The plan judges them differently (a new mine in the red line is a conflict; exploration there needs justification)."),
        "OUTPUT": N_("The input features with, per control line, the overlapping area, share and ids, then 要素面积, 是否冲突, 压覆结论, 原因, 规划条款 and 面积算法."),
        "OVERLAPS": N_("Optional: one polygon per feature × control line × overlapping constraint feature, with its area."),
    }
    SUBJECT = "INPUT"

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
            "other constraint layers — and gives the plan's verdict with its clause.\n\nAreas are exact: "
            "constraint features that overlap each other are counted once, invalid constraint parcels are "
            "repaired (not silently dropped), every layer may be in its own CRS.\n“Blocks, rights or "
            "applications”: polygon features under review, named by “Id field” (default: feature id). The "
            "control-line layers are optional polygon layers (give at least one); “Other constraint layers”: "
            "more layers, named by their layer names; line and point layers are buffered by the rule set's "
            "keep-away distance (三区两线).\n“Area method”: ellipsoidal on CGCS2000 (official statistics; default) or "
            "planar in a projected CRS. “Sliver tolerance: smallest overlap that counts (m²)”: smaller overlaps "
            "are reported but are not a conflict (slivers on shared edges). “Invalid geometries”: repair "
            "(default), skip or stop; repaired and skipped features are counted.\n“Activity”: mining or "
            "exploration (the plan judges them differently: a new mine in the red line is a conflict, "
            "exploration there needs justification); auto reads “Activity field (采矿/探矿)” or a field such as "
            "right_type/矿业权类型, else the layer name, else mining. “Application type when no field gives it "
            "(申请类型)”: 新立 by default.\n“Overlap verdicts”: the input fields plus, per control line, its 压覆面积, 压覆比例 "
            "and the ids of the overlapping features, then 要素面积, 是否冲突, 压覆结论 (符合/冲突/需论证/无几何), 原因, 规划条款 and 面积算法. "
            "“Overlap polygons”: optional, one polygon per feature × control line × overlapping constraint "
            "feature.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Blocks, rights or applications"),
                                                              poly))
        self.add_field_parameters(self.INPUT, ("id",))
        self.add_role_parameters(CONTROL_ROLES, other=True)
        self.add_area_method_parameter(self.AREA_METHOD)
        self.add_min_overlap_parameter(self.MIN_OVERLAP_AREA)
        self.add_invalid_parameter(self.INVALID)
        self.addParameter(QgsProcessingParameterEnum(
            self.ACTIVITY, self.tr("Activity"),
            [self.tr("Auto (field or layer name; default mining)"), self.tr("Mining"), self.tr("Exploration")],
            defaultValue=0))
        self.add_field_parameters(self.INPUT, ("activity",))
        self.add_app_type_parameter()
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Overlap verdicts"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OVERLAPS, self.tr("Overlap polygons"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
                                                            createByDefault=False))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("CONFLICT_COUNT", N_("Conflicts")),
                           ("ARGUE_COUNT", N_("Needing justification")), ("NO_GEOMETRY_COUNT", N_("Without geometry")),
                           ("INVALID_REPAIRED", N_("Invalid geometries repaired")),
                           ("INVALID_SKIPPED", N_("Invalid geometries skipped")), ("SECONDS", N_("Seconds"))))

    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        rs = self.ruleset(parameters, context)
        act_choice = ACTIVITY_CHOICES[self.parameterAsEnum(parameters, self.ACTIVITY, context)]
        overrides = self.field_overrides(parameters, context, ("id", "activity"))
        # ID_FIELD default is the feature id (documented): the id is not auto-detected here
        keys = ("id", "activity", "app_type") if overrides["id"] else ("activity", "app_type")
        subject = self.subject(parameters, self.INPUT, context, keys, overrides)
        if act_choice != "auto":
            subject.fields.names["activity"] = None     # an explicit activity wins over any field
        layers = self.role_layers(parameters, context, CONTROL_ROLES, self.OTHER)
        if not layers:
            raise QgsProcessingException(M.NEED_CONTROL_LAYER)
        options = ReviewOptions(area_method=self.parameterAsEnum(parameters, self.AREA_METHOD, context),
                                min_overlap_area=self.parameterAsDouble(parameters, self.MIN_OVERLAP_AREA, context),
                                invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context),
                                activity=None if act_choice == "auto" else act_choice,
                                app_type=self.app_type_choice(parameters, context),
                                required_controls=(), checks=("overlap",),
                                want_polygons=self.OVERLAPS in parameters and parameters[self.OVERLAPS] not in (None, ""))
        if act_choice == "auto":
            feedback.pushInfo(tr("Activity: field {0}, default {1}").format(
                subject.fields.get("activity") or "—", layer_activity_hint(subject.name) or MINING))
        with gc_paused():
            pipeline = ReviewPipeline(rs, subject, layers, options, context.transformContext(), feedback).prepare()
            feedback.pushInfo(tr("Area method: {0}; working CRS: {1}").format(pipeline.area_ctx.label_en,
                                                                              pipeline.area_ctx.crs.toProj()))
            reviews = pipeline.review_all()

        # ---- write (only now: no half-written output after a cancel or an error) ----------------------
        others = [lyr.name for lyr in layers if lyr.role.startswith("other_")]
        cats = list(CONTROL_ROLES) + [f"other_{i}" for i in range(1, len(others) + 1)]
        label = pipeline.area_ctx.label
        rows = []
        counts = {CONFLICT: 0, ARGUE: 0, NO_GEOMETRY: 0}
        for r in reviews:
            it = r.decision.item("overlap")
            rows.append((r.feature, control_values(r, cats) + [
                None if r.area_m2 is None else round(r.area_m2, 4), 1 if it.verdict == CONFLICT else 0,
                *item_result(r, "overlap"), activity_of(r), label], r.label))
            if it.verdict in counts:
                counts[it.verdict] += 1
        results_out = {}
        if options.want_polygons:
            self._write_polygons(parameters, context, reviews, subject.source, pipeline, layers, results_out,
                                 feedback)
        dest = self.write_rows(parameters, self.OUTPUT, context, subject.source,
                               control_fields(others) + OVERLAP_RESULT, rows, feedback)
        results_out[self.OUTPUT] = dest
        in_stats, stats = pipeline.subject_stats, pipeline.stats
        log_geometry_details(feedback, in_stats.details + stats.details)
        secs = round(time.perf_counter() - t0, 3)
        feedback.pushInfo(tr("{0} feature(s): {1} conflict(s), {2} needing justification, {3} without geometry; "
                             "invalid geometries repaired {4}, skipped {5}; {6} s").format(
            len(rows), counts[CONFLICT], counts[ARGUE], counts[NO_GEOMETRY], in_stats.repaired + stats.repaired,
            in_stats.skipped + stats.skipped, secs))
        results_out.update({"FEATURE_COUNT": len(rows), "CONFLICT_COUNT": counts[CONFLICT],
                            "ARGUE_COUNT": counts[ARGUE], "NO_GEOMETRY_COUNT": counts[NO_GEOMETRY],
                            "INVALID_REPAIRED": in_stats.repaired + stats.repaired,
                            "INVALID_SKIPPED": in_stats.skipped + stats.skipped, "SECONDS": secs})
        return results_out

    def _write_polygons(self, parameters, context, results, source, pipeline, layers, results_out, feedback=None):
        from ..core.geometry.measure import checked_transform
        names = {c.cat_id: c.name for c in pipeline.control}
        fields = fields_from([("feature_id", "str", "要素编号"), ("category", "str", "控制线类别"),
                              ("category_name", "str", "控制线名称"), ("constraint_id", "str", "压覆图斑编号"),
                              ("area_m2", "double", "压覆面积(平方米)", 20, 4), ("verdict", "str", "要素压覆结论")])
        back = checked_transform(pipeline.area_ctx.crs, source.sourceCrs(), context.transformContext())
        rows = []
        for r in results:
            for cat, lab, g, a in r.polygons:
                geom = QgsGeometry(g)
                geom.transform(back)
                geom.convertToMultiType()
                rows.append((geom, [r.label, cat, names.get(cat, cat), str(lab), round(a, 4),
                                    r.decision.item("overlap").verdict], r.label))
        results_out[self.OVERLAPS] = self.write_features(parameters, self.OVERLAPS, context, fields,
                                                         QgsWkbTypes.Type.MultiPolygon, source.sourceCrs(), rows, feedback)
