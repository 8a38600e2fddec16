"""mineplan:zoneassignment — 规划分区归属 / Zone assignment."""
from __future__ import annotations

from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..core.outputs.columns import check_result, zone_fields
from ..core.review.pipeline import ReviewOptions, ReviewPipeline
from ..core.review.rows import item_result, zone_values
from ..core.support import messages as M
from ..core.support.i18n import N_, tr
from ..rules.model.errors import MinePlanError
from ..rules.model.vocab import ARGUE, FAIL, OK, ROLE_BY_ID, ZONE_ROLES
from .base import MinePlanAlgorithm, log_geometry_details


class ZoneAssignment(MinePlanAlgorithm):
    ALG_ID = "zoneassignment"
    GROUP = "checks"
    NAME = N_("Zone assignment")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("Features under review (polygons), in any CRS."),
        "ZONE_ID_FIELD": N_("The id field of the zone layers when detection fails (detected: id, code, 编号, GHQBH …); the same name on every zone layer."),
        "ZONE_NAME_FIELD": N_("The name field of the zone layers when detection fails (detected: name, 名称, GHQMC …)."),
        "METHOD": N_("Which zone of a role a feature belongs to when it touches several: the largest overlap (default), the zone holding its centroid, or only a zone containing it fully."),
        "OUTPUT": N_("Per role the zone's id, name and share (0–1), then 矿种与分区相符, 位于规定分区内, 同一开采规划区块内主体数 and the verdict with its reason and clause."),
    }
    ADVANCED = ("ZONE_ID_FIELD", "ZONE_NAME_FIELD", "METHOD")
    SUBJECT = "INPUT"

    INPUT = "INPUT"
    ZONE_ID_FIELD = "ZONE_ID_FIELD"
    ZONE_NAME_FIELD = "ZONE_NAME_FIELD"
    METHOD = "METHOD"
    MINERAL_FIELD = "MINERAL_FIELD"
    ACTIVITY_FIELD = "ACTIVITY_FIELD"
    INVALID = "INVALID_GEOMETRY"
    OUTPUT = "OUTPUT"

    def help_text(self):
        return self.tr(
            "Finds, for every feature, the planning zone of each role it lies in — 重点勘查区, 重点开采区, 集中开采区, 勘查规划区块, "
            "开采规划区块, 重点发展区域 — with the share of its area inside, and judges what the plan says about it: does "
            "the mineral fit the zone's main minerals, does a mineral that must lie in certain zones (建筑石料/砂石土 "
            "in a 集中开采区 or 重点开采区) lie there, and is there only one mining entity per 开采规划区块.\n\n“Blocks, rights or "
            "applications”: the features under review; “Mineral field” and “Activity field (采矿/探矿)” are "
            "auto-detected unless chosen; “Application type when no field gives it (申请类型)”: 新立 by default. Zone "
            "layers are optional; their id and name fields are auto-detected (id/code/编号/GHQBH …, name/名称/GHQMC "
            "…) unless “Zone id field (override)” / “Zone name field (override)” name them. Zones are matched to "
            "the rule set by code or name; a zone the rule set does not know uses the mineral field of its layer "
            "(GHKZ, 矿种).\n“Assignment method”: largest overlap (default), centroid, or fully within. “Invalid "
            "geometries”: repair (default), skip or stop.\n“Zone assignment”: per role the zone's id, name and "
            "share (0–1), then 矿种与分区相符, 位于规定分区内, 同一开采规划区块内主体数 and the verdict (符合/不符合/需论证) with its reason and "
            "clause. Features without geometry get 需论证, not a crash.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Blocks, rights or applications"),
                                                              poly))
        self.add_role_parameters(ZONE_ROLES)
        self.addParameter(QgsProcessingParameterString(self.ZONE_ID_FIELD, self.tr("Zone id field (override)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.ZONE_NAME_FIELD, self.tr("Zone name field (override)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Assignment method"),
            [self.tr("Largest overlap"), self.tr("Centroid"), self.tr("Fully within")], defaultValue=0))
        self.add_field_parameters(self.INPUT, ("mineral", "activity"))
        self.add_invalid_parameter(self.INVALID)
        self.add_app_type_parameter()
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Zone assignment"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("ARGUE_COUNT", N_("Needing justification")), ("INVALID_REPAIRED", N_("Invalid geometries repaired")),
                           ("INVALID_SKIPPED", N_("Invalid geometries skipped"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        overrides = self.field_overrides(parameters, context, ("mineral", "activity"))
        subject = self.subject(parameters, self.INPUT, context, ("id", "mineral", "activity", "holder", "app_type"),
                               overrides)
        layers = self.role_layers(parameters, context, ZONE_ROLES, other_key=None)
        if not layers:
            raise QgsProcessingException(M.NEED_ZONE_LAYER)
        options = ReviewOptions(invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context),
                                zone_method=self.parameterAsEnum(parameters, self.METHOD, context), checks=("zone",),
                                app_type=self.app_type_choice(parameters, context),
                                zone_id_field=self.parameterAsString(parameters, self.ZONE_ID_FIELD, context) or None,
                                zone_name_field=self.parameterAsString(parameters, self.ZONE_NAME_FIELD, context) or None)
        for key, chosen in ((self.ZONE_ID_FIELD, options.zone_id_field), (self.ZONE_NAME_FIELD, options.zone_name_field)):
            if not chosen:
                continue
            having = [lyr.name for lyr in layers if lyr.source.fields().lookupField(chosen) >= 0]
            if not having:        # a typo would silently fall back to the detected fields of every layer
                listing = "; ".join(f"{lyr.name}: {', '.join(lyr.source.fields().names())}" for lyr in layers)
                raise MinePlanError(f"{key}：没有一个分区图层有字段“{chosen}”。各图层的字段为：{listing}",
                                    f"{key}: no zone layer has a field '{chosen}'. Their fields are: {listing}")
            for lyr in layers:
                if lyr.name not in having:
                    feedback.pushWarning(f"{key}：图层 {lyr.name} 没有字段“{chosen}”，该图层使用自动识别的字段 / "
                                         f"{key}: layer {lyr.name} has no field '{chosen}'; its field is detected")
        pipeline = ReviewPipeline(rs, subject, layers, options, context.transformContext(), feedback).prepare()
        for zl in pipeline.zone_layers:
            feedback.pushInfo(tr("{0}: {1} zone(s); id field {2}, name field {3}, mineral field {4}").format(
                ROLE_BY_ID[zl.role].zh, zl.index.feature_count, zl.id_field or "fid", zl.name_field or "—",
                zl.mineral_field or "—"))
        reviews = pipeline.review_all()
        rows = [(r.feature, zone_values(r) + item_result(r, "zone"), r.label) for r in reviews]
        dest = self.write_rows(parameters, self.OUTPUT, context, subject.source, zone_fields() + check_result("分区"), rows,
                               feedback)
        counts = Counter(r.decision.item("zone").final for r in reviews)
        stats, in_stats = pipeline.stats, pipeline.subject_stats
        log_geometry_details(feedback, in_stats.details + stats.details)
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "ARGUE_COUNT": counts[ARGUE], "INVALID_REPAIRED": in_stats.repaired + stats.repaired,
                "INVALID_SKIPPED": in_stats.skipped + stats.skipped}
