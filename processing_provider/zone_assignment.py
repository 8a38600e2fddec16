"""mineplan:zoneassignment — 规划分区归属 / Zone assignment."""
from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..core import messages as M
from ..core.areas import ELLIPSOIDAL
from ..core.constraints import ConstraintInput, build_area_context, build_zone_layer, transform_context
from ..core.geometry import GeometryStats, clean_geometry
from ..core.i18n import N_, tr
from ..core.layers import ACTIVITY_CANDIDATES, MINERAL_CANDIDATES, attr, feature_label, field_or_detect
from ..core.overlap import PreparedBlock
from ..core.review_overlap import layer_activity_hint
from ..core.zones import ROLE_PARAMS, assign
from ..rules.ruleset import ROLE_NAMES
from ..rules.verdicts import ARGUE, FAIL, MINING, OK, parse_activity
from ..rules.zones import block_counts, judge_zones
from .base import MinePlanAlgorithm, combine_fields, fields_from, log_geometry_details

ROLE_LABELS = {"kexp": N_("Key exploration areas (重点勘查区)"), "kmin": N_("Key mining areas (重点开采区)"),
               "conc": N_("Concentrated mining areas (集中开采区)"),
               "eblk": N_("Exploration planning blocks (勘查规划区块)"),
               "mblk": N_("Mining planning blocks (开采规划区块)"), "kdev": N_("Key development areas (重点发展区域)")}


def zone_out_fields():
    spec = []
    for role, _ in ROLE_PARAMS:
        zh = ROLE_NAMES[role][0]
        spec += [(f"{role}_id", "str", f"{zh}编号", 100), (f"{role}_name", "str", f"{zh}名称", 200),
                 (f"{role}_share", "double", f"{zh}占比(0-1)", 10, 6)]
    spec += [("zone_mineral_ok", "int", "矿种与分区相符"), ("in_required_zone", "int", "位于规定分区内"),
             ("block_entities", "int", "同一开采规划区块内要素数"), ("verdict", "str", "分区结论", 10),
             ("reason", "str", "原因", 2000), ("reason_en", "str", "原因（英文）", 2000),
             ("clause", "str", "规划条款", 400)]
    return spec


def zone_values(assignment, check, block_entities):
    vals = []
    for role, _ in ROLE_PARAMS:
        hit = assignment.hits.get(role) if assignment is not None else None
        if hit is None:
            vals += [None, None, None]
        else:
            vals += [hit.zone_id, hit.zone_name, round(hit.share, 6)]
    vals += [check.values.get("zone_mineral_ok"), check.values.get("in_required_zone"), block_entities,
             check.verdict, check.reason, check.reason_en, check.clause]
    return vals


class ZoneAssignment(MinePlanAlgorithm):
    ALG_ID = "zoneassignment"
    GROUP = "checks"
    NAME = N_("Zone assignment")

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
            "Finds, for every feature, the planning zone of each role it lies in — 重点勘查区, 重点开采区, "
            "集中开采区, 勘查规划区块, 开采规划区块, 重点发展区域 — with the share of its area inside, and judges "
            "what the plan says about it: does the mineral fit the zone's main minerals, does a mineral that must "
            "lie in certain zones (建筑石料/砂石土 in a 集中开采区 or 重点开采区) lie there, and is there only one "
            "mining entity per 开采规划区块.\n\n"
            "Role layers are optional; zone id and name fields are auto-detected (id/code/编号/GHQBH …, "
            "name/名称/GHQMC …) unless ZONE_ID_FIELD / ZONE_NAME_FIELD name them. Zones are matched to the rule set "
            "by code or name; a zone the rule set does not know uses the mineral field of its layer (GHKZ, 矿种).\n"
            "METHOD: largest overlap (default), centroid, or fully within.\n"
            "Output per role prefix (kexp, kmin, conc, eblk, mblk, kdev): <p>_id, <p>_name, <p>_share (0–1); plus "
            "zone_mineral_ok, in_required_zone, block_entities, verdict (符合/不符合/需论证), reason, reason_en, "
            "clause. Features without geometry get 需论证, not a crash.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Blocks, rights or applications"),
                                                              poly))
        for role, key in ROLE_PARAMS:
            self.addParameter(QgsProcessingParameterFeatureSource(key, self.tr(ROLE_LABELS[role]), poly, optional=True))
        self.addParameter(QgsProcessingParameterString(self.ZONE_ID_FIELD, self.tr("Zone id field (override)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.ZONE_NAME_FIELD, self.tr("Zone name field (override)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Assignment method"),
            [self.tr("Largest overlap"), self.tr("Centroid"), self.tr("Fully within")], defaultValue=0))
        self.addParameter(QgsProcessingParameterField(self.MINERAL_FIELD, self.tr("Mineral field"), None, self.INPUT,
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField(self.ACTIVITY_FIELD, self.tr("Activity field (采矿/探矿)"), None,
                                                      self.INPUT, optional=True))
        self.add_invalid_parameter(self.INVALID)
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Zone assignment"),
                                                            QgsProcessing.TypeVectorPolygon))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("ARGUE_COUNT", N_("Needing justification")), ("INVALID_REPAIRED", N_("Invalid geometries repaired")),
                           ("INVALID_SKIPPED", N_("Invalid geometries skipped"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        source, name = self.required_source(parameters, self.INPUT, context)
        fields = source.fields()
        f_min = field_or_detect(self, parameters, self.MINERAL_FIELD, context, fields, MINERAL_CANDIDATES, name,
                                "mineral")
        f_act = field_or_detect(self, parameters, self.ACTIVITY_FIELD, context, fields, ACTIVITY_CANDIDATES, name,
                                "activity")
        i_min = fields.lookupField(f_min) if f_min else None
        i_act = fields.lookupField(f_act) if f_act else None
        default_act = layer_activity_hint(name) or MINING
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        invalid_mode = self.parameterAsEnum(parameters, self.INVALID, context)
        zid = self.parameterAsString(parameters, self.ZONE_ID_FIELD, context) or None
        zname = self.parameterAsString(parameters, self.ZONE_NAME_FIELD, context) or None
        tctx = transform_context(context)
        zone_sources = []
        for role, key in ROLE_PARAMS:
            s = self.source(parameters, key, context)
            if s is not None:
                zone_sources.append((role, s))
        if not zone_sources:
            raise QgsProcessingException(M.NEED_ZONE_LAYER)
        area_ctx = build_area_context(ELLIPSOIDAL, source,
                                      [ConstraintInput(r, r, s, s.sourceCrs()) for r, s in zone_sources], context)
        stats = GeometryStats()
        zone_layers = []
        for role, s in zone_sources:
            zl = build_zone_layer(role, s, s.sourceCrs(), area_ctx, tctx, zid, zname, invalid_mode, feedback, stats)
            feedback.pushInfo(tr("{0}: {1} zone(s); id field {2}, name field {3}, mineral field {4}").format(
                ROLE_NAMES[role][0], zl.index.feature_count, zl.id_field or "fid", zl.name_field or "—",
                zl.mineral_field or "—"))
            zone_layers.append(zl)
        roles_given = tuple(zl.role for zl in zone_layers)
        to_work = area_ctx.transform_from(source.sourceCrs(), tctx)
        in_stats = GeometryStats()
        rows = []
        total = source.featureCount() or 1
        for n, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                raise QgsProcessingException(M.CANCELED)
            label = feature_label(feat, None)
            g, status = clean_geometry(feat.geometry(), invalid_mode, name, label, in_stats)
            if status == "skipped":
                continue
            block = None
            if g is not None:
                g = QgsGeometry(g)
                g.transform(to_work)
                if not g.isGeosValid():
                    g = g.makeValid()
                block = PreparedBlock(g)
            rows.append((feat, block, assign(block, zone_layers, method)))
            feedback.setProgress(100.0 * (n + 1) / total)
        acts = [(parse_activity(attr(f, i_act)) if i_act is not None else None) or default_act for f, _, _ in rows]
        per_block = block_counts(rs, [a.hits for _, _, a in rows], acts)
        out_fields = combine_fields(fields, fields_from(zone_out_fields()))
        sink, dest = self.sink(parameters, self.OUTPUT, context, out_fields, source.wkbType(),
                                          source.sourceCrs())
        counts = {OK: 0, FAIL: 0, ARGUE: 0}
        for (feat, block, a), act, bc in zip(rows, acts, per_block):
            check = judge_zones(rs, attr(feat, i_min) if i_min is not None else None, act, a.hits, bc,
                                has_geometry=block is not None, roles_given=roles_given)
            out = QgsFeature(out_fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(list(feat.attributes()) + zone_values(a, check, bc.get("mblk")))
            sink.addFeature(out, QgsFeatureSink.FastInsert)
            counts[check.verdict] = counts.get(check.verdict, 0) + 1
        log_geometry_details(feedback, in_stats.details + stats.details)
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "ARGUE_COUNT": counts[ARGUE], "INVALID_REPAIRED": in_stats.repaired + stats.repaired,
                "INVALID_SKIPPED": in_stats.skipped + stats.skipped}

