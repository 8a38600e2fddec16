"""mineplan:avoidconstraints — 避让调整 / Redraw a feature to avoid the control lines."""
from __future__ import annotations

import os
import time

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputFolder,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.siting.avoid import Avoider, AvoidOptions, export_coordinates
from ..core.siting.proposal import MAX_CORNERS, export_proposals, propose
from ..core.support import messages as M
from ..core.support.i18n import N_, label
from ..rules.model.errors import CanceledError
from ..rules.model.vocab import (
    AVOID_CODES,
    AVOIDABLE,
    CONTROL_ROLES,
    FRAGMENTED,
    NO_AVOIDANCE,
    NO_GEOMETRY,
    PROPOSAL_OK,
    UNAVOIDABLE,
)
from .base import MinePlanAlgorithm, log_geometry_details
from .writing import combine_fields, fields_from

OUT_FIELDS = [("orig_area_m2", "double", "原面积(平方米)", 20, 2), ("removed_m2", "double", "扣除面积(平方米)", 20, 2),
              ("remaining_m2", "double", "避让后面积(平方米)", 20, 2), ("lost_pct", "double", "面积减少(%)", 12, 4),
              ("part_count", "int", "地块数"), ("largest_m2", "double", "最大地块面积(平方米)", 20, 2),
              ("min_area_m2", "double", "最小面积(平方米)", 20, 2), ("removed", "str", "扣除的控制线", 1000),
              ("avoid_result", "str", "避让结论", 10), ("reason", "str", "说明", 1000),
              ("reason_en", "str", "explanation", 1000), ("clause", "str", "依据条款", 300),
              ("area_method", "str", "面积算法", 40), ("coord_file", "str", "拐点坐标文件", 300)]
PROPOSAL_FIELDS = [("app_no", "str", "申请编号", 100), ("status", "str", "建议范围结论", 10), ("corners", "int", "拐点数"),
                   ("parts", "int", "块段数"), ("area_km2", "double", "建议面积(平方千米)", 20, 6),
                   ("loss_pct_original", "double", "较原申请减少(%)", 12, 4),
                   ("loss_pct_remainder", "double", "较精确避让剩余减少(%)", 12, 4), ("reason", "str", "说明", 1000),
                   ("reason_en", "str", "explanation", 1000)]
ENCODINGS = ["GBK", "UTF-8"]
AREA_UNITS = ["km2", "ha"]
COUNT_KEYS = {AVOIDABLE: "AVOIDABLE_COUNT", FRAGMENTED: "FRAGMENTED_COUNT", UNAVOIDABLE: "UNAVOIDABLE_COUNT",
              NO_AVOIDANCE: "NO_AVOIDANCE_COUNT", NO_GEOMETRY: "NO_GEOMETRY_COUNT"}


class AvoidConstraints(MinePlanAlgorithm):
    ALG_ID = "avoidconstraints"
    GROUP = "review"
    NAME = N_("Redraw to avoid control lines")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("The applications, blocks or rights to adjust (polygons, any CRS)."),
        "KEEP_AWAY": N_("Extra distance in metres kept from every control line, on top of the rule file's keep-away distances."),
        "MIN_AREA": N_("The smallest remaining part (m²) that still makes a workable mine: a feature whose largest part is smaller is 避让后破碎."),
        "KEEP_PARTS": N_("Keep every remaining part of a feature or only its largest."),
        "OUTPUT": N_("The input fields plus 原面积, 扣除面积, 避让后面积, 面积减少(%), 地块数, 最大地块面积, the control lines removed and the result (可避让, 避让后破碎, 无法避让, 无需避让, 无几何); the geometry is the exact remainder."),
        "COORDINATES_FOLDER": N_("Optional folder: one 部标 拐点坐标 file per 可避让 feature (CGCS2000 3° zone with the zone prefix, points clockwise from the north-west), each read back to check the round trip."),
        "ENCODING": N_("Encoding of the 拐点坐标 files: GBK (default, what most registration systems read) or UTF-8."),
        "DECIMALS": N_("Decimal places of the coordinates in the files (default 2, the 2022 自然资源部 requirement)."),
        "AREA_UNIT": N_("Area unit written in the files: 平方千米 with 4 decimals (2022 requirement, default) or 公顷 (files made before 2022)."),
        "PRODUCER": N_("Optional producer written in the file header."),
        "PROPOSALS": N_("Optional: one hole-free proposed boundary (建议范围) per application an applicant can submit — one ring per 块段 within the corner budget, checked clear of every control line after simplification — with its area and the loss."),
        "MAX_CORNERS": N_("At most this many corners per 块段 of a proposed boundary (default 20)."),
        "PROPOSAL_FOLDER": N_("Optional folder: a 报盘 and a 部标 拐点坐标 file per 可提交 proposal."),
    }
    ADVANCED = ("KEEP_PARTS", "ENCODING", "DECIMALS", "AREA_UNIT", "PRODUCER", "MAX_CORNERS")
    SUBJECT = "INPUT"

    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    OTHER = "OTHER_CONSTRAINTS"
    KEEP_AWAY = "KEEP_AWAY"
    MIN_AREA = "MIN_AREA"
    KEEP = "KEEP_PARTS"
    INVALID = "INVALID_GEOMETRY"
    OUTPUT = "OUTPUT"
    FOLDER = "COORDINATES_FOLDER"
    ENCODING = "ENCODING"
    DECIMALS = "DECIMALS"
    PRODUCER = "PRODUCER"
    PROPOSALS = "PROPOSALS"
    PROPOSAL_FOLDER = "PROPOSAL_FOLDER"
    AREA_UNIT = "AREA_UNIT"
    MAX_CORNERS = "MAX_CORNERS"

    def help_text(self):
        return self.tr(
            "For every feature (application, block or right): the polygon left after removing every overlap with "
            "the control lines, its ellipsoidal area, the share lost, the number of parts and the largest part, "
            "and a result: 可避让 (the largest part is at least the minimum area), 避让后破碎 (only smaller parts "
            "remain), 无法避让 (nothing is left), 无需避让 (no overlap at or above the sliver tolerance), 无几何.\n\n"
            "“Features under review”: polygons; the control-line layers (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地 and other "
            "constraint layers) are buffered by the rule file's keep-away distances plus “Extra keep-away "
            "distance from every control line (m)”.\n“Smallest workable remaining part (m²)”: the smallest part "
            "that still makes a workable mine. “Remaining parts”: keep every remaining part or only the largest. "
            "“Invalid geometries”: repair (default), skip or stop.\n“Adjusted features”: the input fields plus "
            "原面积, 扣除面积, 避让后面积, 面积减少(%), 地块数, 最大地块面积, 扣除的控制线, 避让结论, 说明, 依据条款 and 拐点坐标文件; the geometry is the "
            "adjusted polygon (empty when nothing is left).\n“Folder for 拐点坐标 files of the avoidable features” "
            "(optional): one 部标 拐点坐标 file per 可避让 feature — the inverse of Import corner coordinates: CGCS2000 "
            "3° zone of the feature with the zone prefix, points numbered clockwise from the north-west, closed "
            "rings; each file is read back and the round-trip error is reported. “Encoding of the 拐点坐标 files”: "
            "GBK (default, what most registration systems read) or UTF-8. “Producer written in the file header”: "
            "optional.\n“Proposed boundaries” (optional): one hole-free 建议范围 per application an applicant can "
            "submit — one ring per 块段, at most “Corner budget per block of a proposed boundary” corners per 块段 "
            "(default 20), checked to be clear of every control line — with 申请编号, 建议范围结论 (可提交 / 无法形成 / 无需调整 / "
            "无几何), 拐点数, 块段数, 建议面积(平方千米) and the loss against the application and against the exact remainder. "
            "“Folder for 拐点坐标 files (报盘 and 部标) of the proposed boundaries”: a 报盘 and a 部标 file per 可提交 "
            "proposal.\n“Decimal places of the coordinates” (default 2) and “Area unit written in the 拐点坐标 files” "
            "(default 平方千米) follow the 2022 自然资源部 requirement; 公顷 is for files made before 2022.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Features under review"), poly))
        self.add_field_parameters(self.INPUT, ("id",))
        self.add_role_parameters(CONTROL_ROLES, other=True)
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterNumber(
            self.KEEP_AWAY, self.tr("Extra keep-away distance from every control line (m)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA, self.tr("Smallest workable remaining part (m²)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=10000.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            self.KEEP, self.tr("Remaining parts"), [self.tr("Keep every part"), self.tr("Keep the largest part only")],
            defaultValue=0))
        self.add_invalid_parameter(self.INVALID)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Adjusted features"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.FOLDER, self.tr("Folder for 拐点坐标 files of the avoidable features"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterEnum(self.ENCODING, self.tr("Encoding of the 拐点坐标 files"), ENCODINGS,
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.DECIMALS, self.tr("Decimal places of the coordinates"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=2, minValue=0, maxValue=6))
        self.addParameter(QgsProcessingParameterEnum(
            self.AREA_UNIT, self.tr("Area unit written in the 拐点坐标 files"),
            [self.tr("平方千米, 4 decimals (2022 requirement)"), self.tr("公顷, 4 decimals (before 2022)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterString(self.PRODUCER, self.tr("Producer written in the file header"),
                                                       defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PROPOSALS, self.tr("Proposed boundaries"), QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_CORNERS, self.tr("Corner budget per block of a proposed boundary"),
            QgsProcessingParameterNumber.Type.Integer, defaultValue=MAX_CORNERS, minValue=3, maxValue=500))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.PROPOSAL_FOLDER, self.tr("Folder for 拐点坐标 files (报盘 and 部标) of the proposed boundaries"),
            optional=True, createByDefault=False))
        self.add_number_outputs((("PROPOSAL_COUNT", N_("Proposed boundaries that can be submitted")),
                                 ("PROPOSAL_FILE_COUNT", N_("拐点坐标 files of the proposals")),
                                 ("FEATURE_COUNT", N_("Features")), ("AVOIDABLE_COUNT", N_("Avoidable")),
                                 ("FRAGMENTED_COUNT", N_("Fragmented after avoidance")),
                                 ("UNAVOIDABLE_COUNT", N_("Cannot avoid")),
                                 ("NO_AVOIDANCE_COUNT", N_("No avoidance needed")),
                                 ("NO_GEOMETRY_COUNT", N_("Without geometry")), ("FILE_COUNT", N_("Files written")),
                                 ("ROUNDTRIP_MAX_MM", N_("Largest round-trip error of the files (mm)")),
                                 ("SECONDS", N_("Seconds"))))
        self.addOutput(QgsProcessingOutputFolder("COORDINATE_FILES", self.tr("Folder of the 拐点坐标 files")))

    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        rs = self.ruleset(parameters, context)
        overrides = self.field_overrides(parameters, context, ("id",))
        subject = self.subject(parameters, self.INPUT, context, ("id",), overrides)
        layers = self.role_layers(parameters, context, CONTROL_ROLES, self.OTHER)
        if not layers:
            raise M.error(*M.NEED_CONTROL_LAYER.split(" / ", 1))
        options = AvoidOptions(min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context),
                               keep_away=self.parameterAsDouble(parameters, self.KEEP_AWAY, context),
                               largest_only=self.parameterAsEnum(parameters, self.KEEP, context) == 1,
                               invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context))
        source = subject.source
        avoider = Avoider.build(rs, layers, source.sourceCrs(), context.transformContext(), options, feedback)
        if feedback.isCanceled():
            raise CanceledError()
        feedback.pushInfo(label(f"面积算法：{avoider.area_label[0]}；工作坐标系 {avoider.work_crs.authid()}",
                                f"area method: {avoider.area_label[1]}; working CRS {avoider.work_crs.authid()}"))
        id_idx = source.fields().lookupField(subject.fields.get("id")) if subject.fields.get("id") else -1

        def label_of(feat):
            v = feat.attribute(id_idx) if id_idx >= 0 else None
            return str(v) if v not in (None, "") and str(v) != "NULL" else str(feat.id())
        rows = avoider.avoid_all(source, label_of, feedback)

        folder = self.parameterAsString(parameters, self.FOLDER, context) if self.FOLDER in parameters else ""
        files = {}
        if feedback.isCanceled():
            raise CanceledError()
        if folder:
            self.make_dirs(folder)
            before = set(os.listdir(folder))
            chosen = [r for _, r in rows if r.verdict == AVOIDABLE]
            try:
                written = export_coordinates(chosen, folder, context.transformContext(),
                                             self.parameterAsInt(parameters, self.DECIMALS, context),
                                             ENCODINGS[self.parameterAsEnum(parameters, self.ENCODING, context)],
                                             self.parameterAsString(parameters, self.PRODUCER, context) or "",
                                             area_unit=AREA_UNITS[self.parameterAsEnum(parameters, self.AREA_UNIT,
                                                                                       context)])
            finally:
                for name in sorted(set(os.listdir(folder)) - before):     # removed again if the run fails
                    self.placed(os.path.join(folder, name))
            for f in written:
                files[f.fid] = f
                for zh, en in f.warnings:
                    feedback.pushWarning(label(zh, en))

        # ---- write (only now) ---------------------------------------------------------------------------------------
        dest_def = self.destination(parameters, self.OUTPUT, context)
        codec = self.target_codec(parameters, self.OUTPUT, context, dest_def)[0] or "utf-8"
        out_fields = combine_fields(source.fields(), fields_from(OUT_FIELDS), shapefile=dest_def.is_shapefile,
                                    codec=codec)
        counts = {code: 0 for code in AVOID_CODES}
        out_rows = []
        for feat, r in rows:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
            exported = files.get(r.fid)
            out_rows.append((r.geometry, list(feat.attributes()) + [
                None if r.original_m2 is None else round(r.original_m2, 2),
                None if r.original_m2 is None else round(r.removed_m2, 2), round(r.remaining_m2, 2),
                None if r.lost_pct is None else round(r.lost_pct, 4), r.part_count, round(r.largest_m2, 2),
                r.min_area, r.removed_text(), r.verdict, r.reason(), r.reason("en"), r.clause, r.area_method,
                exported.path if exported else None], r.label))
            feedback.pushInfo(label(f"{r.label}：{r.verdict} — {r.reason()}", f"{r.label}: {r.verdict} — "
                                                                              f"{r.reason('en')}"))
        dest = self.write_features(parameters, self.OUTPUT, context, out_fields, QgsWkbTypes.Type.MultiPolygon,
                                   source.sourceCrs(), out_rows, feedback, names_ready=True)
        log_geometry_details(feedback, avoider.stats.details)
        err = max((f.max_error_mm for f in files.values()), default=0.0)
        if files:
            feedback.pushInfo(label(f"拐点坐标文件 {len(files)} 个（{folder}），回读最大偏差 {err:.3f} 毫米",
                                    f"{len(files)} 拐点坐标 file(s) in {folder}, largest round-trip error {err:.3f} mm"))
        proposals, pdest = [], None
        secs = round(time.perf_counter() - t0, 3)
        feedback.pushInfo(label(
            f"{len(rows)} 个要素：可避让 {counts[AVOIDABLE]}，避让后破碎 {counts[FRAGMENTED]}，无法避让 {counts[UNAVOIDABLE]}，"
            f"无需避让 {counts[NO_AVOIDANCE]}，无几何 {counts[NO_GEOMETRY]}；{secs} 秒",
            f"{len(rows)} feature(s): {counts[AVOIDABLE]} avoidable, {counts[FRAGMENTED]} fragmented, "
            f"{counts[UNAVOIDABLE]} cannot avoid, {counts[NO_AVOIDANCE]} need no avoidance, {counts[NO_GEOMETRY]} "
            f"without geometry; {secs} s"))
        if parameters.get(self.PROPOSALS) not in (None, ""):
            budget = self.parameterAsInt(parameters, self.MAX_CORNERS, context)
            prop_rows = []
            for _feat, r in rows:
                p = propose(avoider, r, budget)
                proposals.append(p)
                prop_rows.append((p.geometry, [r.label, p.status, p.corners, p.parts, round(p.area_km2, 6),
                                               _round(p.loss_pct_original), _round(p.loss_pct_remainder),
                                               p.reason(), p.reason("en")], r.label))
                feedback.pushInfo(label(f"{r.label} 建议范围：{p.status} — {p.reason()}",
                                        f"{r.label} proposal: {p.status} — {p.reason('en')}"))
            pdest = self.write_features(parameters, self.PROPOSALS, context, fields_from(PROPOSAL_FIELDS),
                                        QgsWkbTypes.Type.MultiPolygon, source.sourceCrs(), prop_rows, feedback,
                                        names_ready=True)
        out = {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "FILE_COUNT": len(files),
               "ROUNDTRIP_MAX_MM": round(err, 4), "SECONDS": secs, "COORDINATE_FILES": folder or None}
        out.update({key: counts.get(code, 0) for code, key in COUNT_KEYS.items()})
        pfolder = self.parameterAsString(parameters, self.PROPOSAL_FOLDER, context) \
            if parameters.get(self.PROPOSAL_FOLDER) not in (None, "") else ""
        pfiles = []
        if pfolder:
            if not proposals:
                proposals = [propose(avoider, r, self.parameterAsInt(parameters, self.MAX_CORNERS, context))
                             for _f, r in rows]
            self.make_dirs(pfolder)
            before = set(os.listdir(pfolder))
            fi = {k: source.fields().lookupField(k) for k in ("elev_top", "elev_bottom")}
            elevations = {}
            for feat, r in rows:
                if fi["elev_top"] >= 0 and fi["elev_bottom"] >= 0:
                    t, b = feat.attribute(fi["elev_top"]), feat.attribute(fi["elev_bottom"])
                    ok = all(isinstance(v, (int, float)) for v in (t, b))
                    elevations[r.label] = (float(t), float(b)) if ok else (None, None)
            try:
                pfiles, warns = export_proposals(
                    proposals, pfolder, context.transformContext(),
                    self.parameterAsInt(parameters, self.DECIMALS, context),
                    AREA_UNITS[self.parameterAsEnum(parameters, self.AREA_UNIT, context)],
                    ENCODINGS[self.parameterAsEnum(parameters, self.ENCODING, context)], elevations,
                    self.parameterAsString(parameters, self.PRODUCER, context) or "")
            finally:
                for name in sorted(set(os.listdir(pfolder)) - before):
                    self.placed(os.path.join(pfolder, name))
            for zh, en in warns:
                feedback.pushWarning(label(zh, en))
            feedback.pushInfo(label(f"建议范围拐点坐标文件 {len(pfiles)} 个（{pfolder}）",
                                    f"{len(pfiles)} 拐点坐标 file(s) of the proposals in {pfolder}"))
        out["PROPOSAL_FILE_COUNT"] = len(pfiles)
        out["PROPOSAL_COUNT"] = sum(1 for p in proposals if p.status == PROPOSAL_OK)
        if pdest is not None:
            out[self.PROPOSALS] = pdest
        return out


def _round(v, n: int = 4):
    return None if v is None else round(v, n)
