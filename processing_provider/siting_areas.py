"""mineplan:sitingareas — 可布设区域分析 / Where a new right may go."""
from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.siting.engine import SitingEngine, SitingOptions, safe_key
from ..core.support.i18n import N_, label
from ..rules.model.errors import CanceledError
from ..rules.model.vocab import (
    ACTIVITY_LABELS,
    APP_TYPE_LABELS,
    APP_TYPES,
    CONTROL_ROLES,
    EXPLORATION,
    MINING,
    NEW,
    RIGHTS_ROLES,
    ZONE_ROLES,
)
from .base import MinePlanAlgorithm, log_geometry_details
from .writing import fields_from

ACTIVITIES = [MINING, EXPLORATION]
POLYGON_FIELDS = [
    ("part_no", "int", "序号"), ("mineral", "str", "查询矿种", 50), ("right_minerals", "str", "可设矿种", 100),
    ("activity", "str", "勘查/开采", 12), ("app_type", "str", "申请类型", 20),
    ("zone_role", "str", "分区类型代码", 20), ("zone_type", "str", "分区类型", 20), ("zone_id", "str", "分区编号", 50),
    ("zone_name", "str", "分区名称", 100), ("zone_minerals", "str", "分区主矿种", 100),
    ("also_in", "str", "同时位于", 500), ("area_m2", "double", "椭球面积(平方米)", 20, 2),
    ("area_km2", "double", "面积(平方千米)", 20, 6), ("shaped_by", "str", "形成过程", 1000),
    ("shaped_by_en", "str", "shaped by", 1000), ("clauses", "str", "依据条款", 500),
    ("area_method", "str", "面积算法", 40),
]
SUMMARY_FIELDS = [
    ("zone_role", "str", "分区类型代码", 20), ("zone_type", "str", "分区类型", 20), ("zone_id", "str", "分区编号", 50),
    ("zone_name", "str", "分区名称", 100), ("zone_minerals", "str", "分区主矿种", 100),
    ("rule_zone", "int", "规则分区"), ("zone_area_km2", "double", "分区面积(平方千米)", 20, 6),
    ("siting_km2", "double", "可布设面积(平方千米)", 20, 6), ("siting_pct", "double", "可布设占比(%)", 12, 3),
    ("status", "str", "结果", 10), ("reason", "str", "说明", 1000), ("reason_en", "str", "explanation", 1000),
    ("clauses", "str", "依据条款", 500),
]


class SitingAreas(MinePlanAlgorithm):
    ALG_ID = "sitingareas"
    GROUP = "review"
    NAME = N_("Where a new right may go")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "MINERAL": N_("The mineral of the new right: any name or alias of the dictionary (建筑石料, 金矿, 地热 …)."),
        "ACTIVITY": N_("Whether the new right is a mining or an exploration right."),
        "APPLICATION_TYPE": N_("新立 (default), 探矿权转采矿权 and 扩大范围 use the zone rules; 深部或上部扩界 gives the footprints of existing rights of the same mineral; the other types set no new right."),
        "MINING_RIGHTS": N_("Optional layer of the existing mining rights: kept apart by the distance below; 深部或上部扩界 lies inside those of the same mineral."),
        "EXPLORATION_RIGHTS": N_("Optional layer of the existing exploration rights, kept apart by the distance below."),
        "MIN_AREA": N_("Siting polygons smaller than this many m² are dropped."),
        "KEEP_AWAY": N_("Distance in metres kept from existing rights (rights must not overlap)."),
        "OUTPUT": N_("One polygon per contiguous siting area with its zone or block, the other zones it lies in, its ellipsoidal area, what shaped it and the clauses."),
        "SUMMARY": N_("One row per zone considered, with the area offered (可布设面积) and why the rest is not."),
    }
    ADVANCED = ("MIN_AREA",)

    MINERAL = "MINERAL"
    ACTIVITY = "ACTIVITY"
    APP_TYPE = "APPLICATION_TYPE"
    MIN_AREA = "MIN_AREA"
    KEEP_AWAY = "KEEP_AWAY"
    INVALID = "INVALID_GEOMETRY"
    OTHER = "OTHER_CONSTRAINTS"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"

    def help_text(self):
        return self.tr(
            "Where a new mining or exploration right of a mineral may be placed under the plan: inside the zones "
            "or blocks the plan requires for it and suited to the mineral, minus the control lines (with the "
            "rule file's keep-away buffers), minus blocks already held by another entity and minus existing "
            "rights. Empty, with the reason, for a forbidden mineral or where the plan sets no zone for the "
            "mineral.\n\n“Mineral (name or alias)”: any mineral name or alias of the dictionary (建筑石料, 金矿, 地热 …); "
            "a category such as 建筑石料 also gets the zones of its members (建筑用白云岩 …), each polygon says which "
            "minerals a right there may carry.\n“New right: mining or exploration”. “Application type”: 新立 "
            "(default), 探矿权转采矿权 and 扩大范围 use the zone rules; 深部或上部扩界 gives the footprints of existing rights of "
            "the same mineral; the other types set no new right.\nRole layers as in the review: control lines, "
            "zones and blocks, existing mining and exploration rights. “Smallest polygon kept (m²)”: smaller "
            "polygons are dropped. “Distance kept from existing rights (m)”. “Invalid geometries”: repair "
            "(default), skip or stop.\n“Siting areas”: one polygon per contiguous area with the zone or block it "
            "belongs to, the other zones it lies in, its ellipsoidal area, what shaped it (形成过程) and the "
            "clauses. “Siting area by zone”: one row per zone considered, with the area offered (可布设面积) and why "
            "the rest is not. The polygons are in the rule file's CRS (灵宝: EPSG:4546).\nThe exact set expression "
            "is in docs/siting.md; a small right placed inside a polygon passes the review's siting, zone and "
            "control-line checks.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.MINERAL, self.tr("Mineral (name or alias)")))
        self.addParameter(QgsProcessingParameterEnum(
            self.ACTIVITY, self.tr("New right: mining or exploration"), [self.tr("Mining"), self.tr("Exploration")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.APP_TYPE, self.tr("Application type"),
            [label(*APP_TYPE_LABELS[t]) for t in APP_TYPES], defaultValue=APP_TYPES.index(NEW)))
        self.add_role_parameters(CONTROL_ROLES, other=True)
        self.add_role_parameters(ZONE_ROLES + RIGHTS_ROLES)
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA, self.tr("Smallest polygon kept (m²)"), QgsProcessingParameterNumber.Type.Double, defaultValue=0.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.KEEP_AWAY, self.tr("Distance kept from existing rights (m)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.0, minValue=0.0))
        self.add_invalid_parameter(self.INVALID)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Siting areas"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(self.SUMMARY, self.tr("Siting area by zone"),
                                                            QgsProcessing.SourceType.TypeVector, optional=True,
                                                            createByDefault=False))
        self.add_number_outputs((("TOTAL_AREA_KM2", N_("Siting area (km²)")), ("POLYGON_COUNT", N_("Polygons")),
                                 ("ZONE_COUNT", N_("Zones with a siting area")), ("SECONDS", N_("Seconds"))))
        self.addOutput(QgsProcessingOutputString("MINERAL_STD", self.tr("Mineral (dictionary name)")))
        self.addOutput(QgsProcessingOutputString("REASON", self.tr("Why there is no siting area")))
        self.addOutput(QgsProcessingOutputString("ZONE_AREAS", self.tr("Siting area by zone (km²)")))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        mineral = self.parameterAsString(parameters, self.MINERAL, context)
        activity = ACTIVITIES[self.parameterAsEnum(parameters, self.ACTIVITY, context)]
        app_type = APP_TYPES[self.parameterAsEnum(parameters, self.APP_TYPE, context)]
        layers = self.role_layers(parameters, context, CONTROL_ROLES + ZONE_ROLES + RIGHTS_ROLES, self.OTHER)
        options = SitingOptions(min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context),
                                keep_away=self.parameterAsDouble(parameters, self.KEEP_AWAY, context),
                                invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context))
        act_zh, act_en = ACTIVITY_LABELS[activity]
        feedback.pushInfo(label(f"可布设区域：{mineral}，{act_zh}，{app_type}", f"siting area: {mineral}, {act_en}, "
                                                                        f"{APP_TYPE_LABELS[app_type][1]}"))
        engine = SitingEngine(rs, layers, context.transformContext(), options, feedback)
        res = engine.run(mineral, activity, app_type)
        m = res.query.mineral if res.query is not None else None

        # ---- the log -----------------------------------------------------------------------------------------
        if res.expression:
            feedback.pushInfo(label(f"集合表达式：{res.expression}", f"set expression: {res.expression}"))
        for n in res.notes:
            feedback.pushWarning(label(f"注意：{n.zh}（{n.clause}）" if n.clause else f"注意：{n.zh}",
                                       f"note: {n.en}" + (f" ({n.clause})" if n.clause else "")))
        for s in res.summaries:
            z = s.zone
            pct = 100.0 * s.offered_m2 / s.zone_area_m2 if s.zone_area_m2 > 0 else 0.0
            feedback.pushInfo(label(
                f"  {s.status} {z.text()}：{s.offered_m2 / 1e6:.4f} / {s.zone_area_m2 / 1e6:.4f} 平方千米（{pct:.1f}%）— "
                f"{s.reason_zh}",
                f"  {z.text('en')}: {s.offered_m2 / 1e6:.4f} of {s.zone_area_m2 / 1e6:.4f} km² ({pct:.1f}%) — "
                f"{s.reason_en}"))
        reason = ""
        if res.empty is not None:
            reason = f"{res.empty.zh}（{res.empty.clause}）" if res.empty.clause else res.empty.zh
            feedback.pushWarning(label(f"没有可布设区域：{reason}", f"no siting area: {res.empty.en}"))
        log_geometry_details(feedback, engine.stats.details)
        feedback.pushInfo(label(
            f"可布设区域 {len(res.polygons)} 块，合计 {res.total_m2 / 1e6:.4f} 平方千米（{res.area_label[0]}，坐标系 "
            f"{res.crs.authid()}），用时 {res.seconds:.2f} 秒",
            f"{len(res.polygons)} polygon(s), {res.total_m2 / 1e6:.4f} km² in total ({res.area_label[1]}, CRS "
            f"{res.crs.authid()}), {res.seconds:.2f} s"))

        # ---- write (only now) ------------------------------------------------------------------------------------
        if feedback.isCanceled():
            raise CanceledError()
        rows = []
        for i, p in enumerate(res.polygons, start=1):
            z = p.zone
            g = p.geom
            g.convertToMultiType()
            steps = [s for s in p.steps if s.removed_m2 > rs.min_overlap_area()]
            rows.append((g, [
                i, m.name if m else mineral, "、".join(z.fit.fitting) if z.fit and z.fit.fitting else (m.name if m else ""),
                activity, app_type, z.role, z.role_zh, z.label, z.name or "", "、".join(z.fit.main) if z.fit else "",
                "；".join(f"{o.text()}（{100.0 * a / p.area_m2:.1f}%）" for o, a in p.also_in),
                round(p.area_m2, 2), round(p.area_m2 / 1e6, 6),
                "；".join(f"扣除{s.zh} {s.removed_m2 / 1e6:.4f} km²" for s in steps) or "未扣除任何部分",
                "; ".join(f"minus {s.en} {s.removed_m2 / 1e6:.4f} km²" for s in steps) or "nothing taken away",
                "; ".join(p.clauses), res.area_label[0]], f"{z.label}#{i}"))
        out = {}
        if self.SUMMARY in parameters and parameters[self.SUMMARY] not in (None, ""):
            srows = []
            for s in res.summaries:
                z = s.zone
                srows.append((None, [z.role, z.role_zh, z.label, z.name or "", "、".join(z.fit.main) if z.fit else "",
                                     1 if s.base else 0, round(s.zone_area_m2 / 1e6, 6), round(s.offered_m2 / 1e6, 6),
                                     round(100.0 * s.offered_m2 / s.zone_area_m2, 3) if s.zone_area_m2 > 0 else None,
                                     s.status, s.reason_zh, s.reason_en, "; ".join(s.clauses)], z.label))
            out[self.SUMMARY] = self.write_features(parameters, self.SUMMARY, context, fields_from(SUMMARY_FIELDS),
                                                    QgsWkbTypes.Type.NoGeometry, res.crs, srows, feedback)
        out[self.OUTPUT] = self.write_features(parameters, self.OUTPUT, context, fields_from(POLYGON_FIELDS),
                                               QgsWkbTypes.Type.MultiPolygon, res.crs, rows, feedback)
        zone_areas = {}
        for s in res.summaries:
            if s.base and s.offered_m2 > 0:
                key = f"AREA_KM2_{safe_key(s.zone.label)}"
                zone_areas[key] = round(s.offered_m2 / 1e6, 6)
        out.update(zone_areas)
        out.update({"TOTAL_AREA_KM2": round(res.total_m2 / 1e6, 6), "POLYGON_COUNT": len(res.polygons),
                    "ZONE_COUNT": len(zone_areas), "SECONDS": round(res.seconds, 3),
                    "MINERAL_STD": m.name if m else "", "REASON": reason,
                    "ZONE_AREAS": "; ".join(f"{s.zone.label} {s.offered_m2 / 1e6:.4f}" for s in res.summaries
                                            if s.base and s.offered_m2 > 0)})
        return out


__all__ = ["SitingAreas"]
