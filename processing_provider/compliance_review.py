"""mineplan:compliancereview — 规划符合性审查 / Plan compliance review.

Runs the review pipeline (core/review/pipeline.py) on the features under review: control-line overlap, minimum
mining scale, mineral policy and planning zones, combined by rules.checks.decision into one verdict per feature,
plus the plan's indicators and the report.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time

from qgis.core import (
    QgsProcessing,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.outputs.columns import review_fields
from ..core.review.indicators import indicators_from
from ..core.review.pipeline import ReviewOptions, ReviewPipeline, subject_keys
from ..core.review.rows import review_values
from ..core.support.i18n import N_, tr
from ..rules.model.vocab import ARGUE, CONTROL_ROLES, EXPLORATION, FAIL, MINING, OK, ZONE_ROLES
from .base import MinePlanAlgorithm, log_geometry_details, log_input_problems

ACTIVITY_CHOICES = [None, MINING, EXPLORATION]
# the field parameters of the features under review (core.inputs.roles.FIELD_TABLE)
FIELD_KEYS = ("id", "name", "activity", "mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit",
              "holder", "app_type", "licence")

class ComplianceReview(MinePlanAlgorithm):
    ALG_ID = "compliancereview"
    GROUP = "review"
    NAME = N_("Plan compliance review")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "PROPOSED": N_("The blocks, rights or applications to review (polygons, any CRS). Roles and fields are detected; nothing has to be mapped."),
        "ACTIVITY": N_("Mining or exploration for the features whose activity field says neither: auto reads the field, else the layer name; a feature nothing says is judged as mining and is never 符合."),
        "OUTPUT": N_("The input features with every check's verdict, reason and clause, the overall 审查结论 and 未检查事项 — one row per feature, none dropped."),
        "REPORT_HTML": N_("Optional review report as HTML: a summary table, then one section per feature with its map, reasons and clauses."),
        "REPORT_PDF": N_("Optional review report as PDF (the same content as the HTML report)."),
        "REPORT_ODT": N_("Optional editable review report as ODF text; opens in Word and WPS."),
        "COUNTY_BOUNDARY": N_("Optional county boundary drawn on the report maps for orientation."),
        "REPORT_LANGUAGE": N_("Language of the report and of the 审查意见书: the interface's (default), Chinese or English."),
        "REPORT_TEMPLATE": N_("A Jinja2 template replacing the bundled wording of the review report (copy core/report/templates/review_zh.html.j2 and edit it)."),
        "REVIEW_UNIT": N_("The reviewing unit, printed in the report and in the 落款 of every 审查意见书."),
        "REVIEWER": N_("The reviewer, printed in the report."),
        "REVIEW_DATE": N_("Date printed in the report; empty leaves a blank to fill in by hand."),
        "OPINIONS_FOLDER": N_("Optional folder for one 审查意见书 per application — 文号, 审查依据, 申请概况 with the 拐点坐标 table, the checks with their clauses, 审查结论, 落款 and a gridded map; interpretations go to the annex 审查说明."),
        "OPINION_FORMATS": N_("The files written for each 审查意见书: PDF, ODT (editable) and/or HTML; default PDF and ODT."),
        "DOC_NUMBER_PATTERN": N_("Pattern of the 文号: {year} is the year of the opinion date, {seq} the sequence number (default 灵自然资审〔{year}〕{seq}号)."),
        "DOC_START_SEQ": N_("Sequence number of the first 审查意见书 of this run; the others count up in the order of the features."),
        "DOC_DATE": N_("Date of the 审查意见书 (YYYY-MM-DD); empty: today."),
        "OPINION_TEMPLATE": N_("A Jinja2 template replacing the bundled wording of the 审查意见书: a bureau's own letterhead and wording."),
    }
    ADVANCED = ("REPORT_LANGUAGE", "REPORT_TEMPLATE", "OPINION_FORMATS", "DOC_NUMBER_PATTERN", "DOC_START_SEQ", "OPINION_TEMPLATE", "COUNTY_BOUNDARY")
    SUBJECT = "PROPOSED"

    PROPOSED = "PROPOSED"
    OTHER = "OTHER_CONSTRAINTS"
    ACTIVITY = "ACTIVITY"
    AREA_METHOD = "AREA_METHOD"
    MIN_OVERLAP_AREA = "MIN_OVERLAP_AREA"
    INVALID = "INVALID_GEOMETRY"
    OUTPUT = "OUTPUT"
    REPORT_HTML = "REPORT_HTML"
    REPORT_PDF = "REPORT_PDF"
    REPORT_ODT = "REPORT_ODT"
    COUNTY = "COUNTY_BOUNDARY"
    REPORT_TEMPLATE = "REPORT_TEMPLATE"
    REPORT_LANGUAGE = "REPORT_LANGUAGE"
    REVIEW_UNIT = "REVIEW_UNIT"
    REVIEWER = "REVIEWER"
    REVIEW_DATE = "REVIEW_DATE"
    OPINIONS_FOLDER = "OPINIONS_FOLDER"
    OPINION_FORMATS = "OPINION_FORMATS"
    DOC_NUMBER_PATTERN = "DOC_NUMBER_PATTERN"
    DOC_START_SEQ = "DOC_START_SEQ"
    DOC_DATE = "DOC_DATE"
    OPINION_TEMPLATE = "OPINION_TEMPLATE"
    ROLES = CONTROL_ROLES + ZONE_ROLES + ("mining_rights", "exploration_rights")

    def help_text(self):
        return self.tr(
            "The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining "
            "scale, mineral policy and planning zones, each with its verdict and clause, combined into one "
            "verdict per feature (符合 / 不符合 / 需论证), plus the plan's indicators when the existing mining rights "
            "are given, a report with a map of every feature and, on request, one 审查意见书 per application.\n\nFail "
            "closed: a feature is 符合 only when every check that applies ran on usable data and passed. A check "
            "that could not run — its layers not given, a field missing, the geometry unusable, the mineral "
            "unknown — makes the feature 需论证 and is named in 不符合/需论证事项及条款 and in 未检查事项.\n“Features under review”: "
            "fields auto-detected unless chosen (mineral, scale, capacity …); a field such as right_type/矿业权类型 "
            "tells mining from exploration, else “Activity when no field says it”, else the layer name; minimum "
            "scale and mineral policy apply to mining only. “Application type when no field gives it (申请类型)”: 新立 "
            "by default.\nRole layers (all optional): the control lines, the planning zones and blocks, and the "
            "existing mining and exploration rights; one entity per 开采规划区块 counts every feature under review and "
            "the existing rights. “Area method”, “Sliver tolerance: smallest overlap that counts (m²)” and "
            "“Invalid geometries” as in the overlap analysis.\n“Review results”: the features with every check's "
            "fields, 审查结论, 不符合/需论证事项及条款, 适用条款 and 未检查事项.\n“Report (HTML)”, “Report (PDF)”, “Report, editable (ODF "
            "text .odt: Word, WPS)”: the review report — basis (the plan's clauses, outside policies cited as "
            "such), data, summary, one page per feature with each check, its overlaps and a map (a county inset "
            "when “County boundary (report maps)” is given), indicators, the plan's own contradictions, and the "
            "closing 审查意见 with “Reviewing unit (审查单位)”, “Reviewer (审查人)” and “Review date (empty = blank to fill "
            "by hand)” (blank lines when empty). “Report language”: the interface's language (default), Chinese "
            "or English. “Report template (empty = bundled 审查意见书)”: a bureau's own Jinja2 template.\n“Folder for "
            "one 审查意见书 per application (empty = none)”: one 审查意见书 per feature under review, in the “审查意见书 "
            "formats” chosen (PDF and ODT by default, HTML too). Each gets its 文号 from “Document number pattern "
            "({year}, {seq})” (default 灵自然资审〔{year}〕{seq}号: {year} is the year of the opinion date, {seq} counts "
            "up from “First sequence number”, default 1), and is dated “Opinion date (YYYY-MM-DD, empty = "
            "today)”. “审查意见书 template (empty = bundled)”: a bureau's own letterhead and wording.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.PROPOSED, self.tr("Features under review"), poly))
        self.add_role_parameters(CONTROL_ROLES, other=True)
        self.add_role_parameters(ZONE_ROLES)
        self.add_role_parameters(("mining_rights", "exploration_rights"), types=[QgsProcessing.SourceType.TypeVector])
        self.add_field_parameters(self.PROPOSED, FIELD_KEYS)
        self.addParameter(QgsProcessingParameterEnum(
            self.ACTIVITY, self.tr("Activity when no field says it"),
            [self.tr("Auto (field or layer name)"), self.tr("Mining"), self.tr("Exploration")], defaultValue=0))
        self.add_app_type_parameter()
        self.add_area_method_parameter(self.AREA_METHOD)
        self.add_min_overlap_parameter(self.MIN_OVERLAP_AREA)
        self.add_invalid_parameter(self.INVALID)
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Review results"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_HTML, self.tr("Report (HTML)"), self.tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_PDF, self.tr("Report (PDF)"), self.tr("PDF files (*.pdf)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_ODT, self.tr("Report, editable (ODF text .odt: Word, WPS)"), self.tr("ODF text (*.odt)"),
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COUNTY, self.tr("County boundary (report maps)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.REPORT_LANGUAGE, self.tr("Report language"),
            [self.tr("Language of the interface"), "中文", "English"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.REPORT_TEMPLATE, self.tr("Report template (empty = bundled 审查意见书)"),
            behavior=QgsProcessingParameterFile.Behavior.File, extension="", optional=True,
            fileFilter=self.tr("Report templates (*.html *.j2 *.html.j2)")))
        for key, text in ((self.REVIEW_UNIT, N_("Reviewing unit (审查单位)")), (self.REVIEWER, N_("Reviewer (审查人)")),
                          (self.REVIEW_DATE, N_("Review date (empty = blank to fill by hand)"))):
            self.addParameter(QgsProcessingParameterString(key, self.tr(text), optional=True))
        # contract C: one 审查意见书 per application
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OPINIONS_FOLDER, self.tr("Folder for one 审查意见书 per application (empty = none)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterEnum(
            self.OPINION_FORMATS, self.tr("审查意见书 formats"), ["PDF", "ODT", "HTML"], allowMultiple=True,
            defaultValue=[0, 1], optional=True))
        from ..core.report.opinion import DEFAULT_PATTERN
        self.addParameter(QgsProcessingParameterString(
            self.DOC_NUMBER_PATTERN, self.tr("Document number pattern ({year}, {seq})"), defaultValue=DEFAULT_PATTERN,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.DOC_START_SEQ, self.tr("First sequence number"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=1, minValue=0, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.DOC_DATE, self.tr("Opinion date (YYYY-MM-DD, empty = today)"), optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.OPINION_TEMPLATE, self.tr("审查意见书 template (empty = bundled)"),
            behavior=QgsProcessingParameterFile.Behavior.File, extension="", optional=True,
            fileFilter=self.tr("Report templates (*.html *.j2 *.html.j2)")))
        self.add_number_outputs((("OPINION_FILES", N_("审查意见书 files")), ("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")),
                                 ("FAIL_COUNT", N_("Non-compliant")), ("ARGUE_COUNT", N_("Needing justification")),
                                 ("SECONDS", N_("Seconds"))))

    # ---- main ------------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        rs = self.ruleset(parameters, context)
        overrides = self.field_overrides(parameters, context, FIELD_KEYS)
        subject = self.subject(parameters, self.PROPOSED, context, subject_keys(), overrides)
        layers = self.role_layers(parameters, context, self.ROLES, self.OTHER)
        min_area = self.parameterAsDouble(parameters, self.MIN_OVERLAP_AREA, context) \
            if parameters.get(self.MIN_OVERLAP_AREA) not in (None, "") else None
        options = ReviewOptions(area_method=self.parameterAsEnum(parameters, self.AREA_METHOD, context),
                                min_overlap_area=min_area,
                                invalid_mode=self.parameterAsEnum(parameters, self.INVALID, context),
                                activity=ACTIVITY_CHOICES[self.parameterAsEnum(parameters, self.ACTIVITY, context)],
                                app_type=self.app_type_choice(parameters, context))
        fm = subject.fields
        feedback.pushInfo(tr("Fields: {0}").format(", ".join(f"{k}={v or '—'}" for k, v in fm.names.items())))
        combined = any(parameters.get(k) not in (None, "") for k in (self.REPORT_HTML, self.REPORT_PDF, self.REPORT_ODT))
        opinions = self._opinion_options(parameters, context)
        reporting = combined or opinions is not None
        steps = QgsProcessingMultiStepFeedback(4 if reporting else 3, feedback)
        steps.setProgressText(tr("Preparing the layers …"))
        pipeline = ReviewPipeline(rs, subject, layers, options, context.transformContext(), steps).prepare()
        steps.setCurrentStep(1)
        steps.setProgressText(tr("Reviewing features …"))
        reviews = pipeline.review_all()

        others = [lyr.name for lyr in layers if lyr.role.startswith("other_")]
        cats = list(CONTROL_ROLES) + [f"other_{i}" for i in range(1, len(others) + 1)]
        area_label = pipeline.area_ctx.label if pipeline.area_ctx is not None else ""
        rows = [(r.feature, review_values(r, cats, area_label), r.label) for r in reviews]
        counts = {OK: 0, FAIL: 0, ARGUE: 0}
        for r in reviews:
            counts[r.verdict] += 1
        log_geometry_details(feedback, pipeline.subject_stats.details + pipeline.stats.details)
        feedback.pushInfo(tr("{0} feature(s): 符合 {1}, 不符合 {2}, 需论证 {3}").format(
            len(reviews), counts[OK], counts[FAIL], counts[ARGUE]))
        # The report is rendered first, into a staging folder; then OUTPUT is written; then the report files
        # are moved into place. A cancel or an error anywhere leaves nothing behind (processAlgorithm cleans up).
        staged = {}
        if reporting:
            steps.setCurrentStep(2)
            steps.setProgressText(tr("Writing the report (maps) …"))
            staged = self._report(rs, subject, layers, reviews, counts, area_label, parameters, context, steps,
                                  min_area, combined, opinions)
        steps.setCurrentStep(3 if reporting else 2)
        steps.setProgressText(tr("Writing the results …"))
        dest = self.write_rows(parameters, self.OUTPUT, context, subject.source, review_fields(others), rows, steps)
        results = {self.OUTPUT: dest, "FEATURE_COUNT": len(reviews), "OK_COUNT": counts[OK],
                   "FAIL_COUNT": counts[FAIL], "ARGUE_COUNT": counts[ARGUE]}
        opinion_files = staged.pop("OPINIONS", None)
        if opinion_files is not None:
            results["OPINION_FILES"] = self._place_opinions(*opinion_files)
            results[self.OPINIONS_FOLDER] = opinions.folder
            feedback.pushInfo(tr("审查意见书: {0} file(s) in {1}").format(results["OPINION_FILES"], opinions.folder))
        elif opinions is None:
            results["OPINION_FILES"] = 0
        if staged:
            results.update(self._place_report(staged))
            feedback.pushInfo(tr("Report written: {0}").format(", ".join(v for k, v in results.items()
                                                                         if k.startswith("REPORT_"))))
        steps.setProgress(100)
        results["SECONDS"] = round(time.perf_counter() - t0, 3)
        return results

    def check_hostile(self, parameters, context, feedback=None):
        """…plus a bureau's report template that cannot be read or parsed, refused before anything is computed."""
        super().check_hostile(parameters, context, feedback)
        reporting = any(parameters.get(k) not in (None, "") for k in (self.REPORT_HTML, self.REPORT_PDF, self.REPORT_ODT))
        template = self.parameterAsFile(parameters, self.REPORT_TEMPLATE, context) \
            if parameters.get(self.REPORT_TEMPLATE) else ""
        if reporting and template:
            from ..core.report.review import check_template
            check_template(template)
        opinions = self._opinion_options(parameters, context)
        if opinions is not None and opinions.template:
            from ..core.report.opinion import check_opinion_template
            check_opinion_template(opinions.template)

    def _opinion_options(self, parameters, context):
        """OpinionOptions when OPINIONS_FOLDER is given (a bad date or number pattern is a clear error), else None."""
        if parameters.get(self.OPINIONS_FOLDER) in (None, ""):
            return None
        from ..core.report.opinion import DEFAULT_PATTERN, FORMATS, OpinionOptions, doc_number, parse_date
        folder = self.parameterAsString(parameters, self.OPINIONS_FOLDER, context)
        if not folder:
            return None
        formats = self.parameterAsEnums(parameters, self.OPINION_FORMATS, context) \
            if parameters.get(self.OPINION_FORMATS) not in (None, "", []) else [0, 1]
        pattern = (self.parameterAsString(parameters, self.DOC_NUMBER_PATTERN, context) or "").strip() \
            or DEFAULT_PATTERN
        date = parse_date(self.parameterAsString(parameters, self.DOC_DATE, context)
                          if parameters.get(self.DOC_DATE) else "")
        doc_number(pattern, date.year, 1)                 # a bad pattern fails before the review
        seq = self.parameterAsInt(parameters, self.DOC_START_SEQ, context) \
            if parameters.get(self.DOC_START_SEQ) not in (None, "") else 1
        template = self.parameterAsFile(parameters, self.OPINION_TEMPLATE, context) \
            if parameters.get(self.OPINION_TEMPLATE) else ""
        unit = (self.parameterAsString(parameters, self.REVIEW_UNIT, context) or "").strip()
        return OpinionOptions(folder=os.path.abspath(folder), formats=tuple(FORMATS[i] for i in sorted(set(formats))),
                              pattern=pattern, start_seq=seq, date=date, unit=unit, template=template)

    def _place_opinions(self, stage_dir: str, names: list) -> int:
        """Move the staged opinions into OPINIONS_FOLDER; returns the number of files (picture folders not
        counted)."""
        folder = self._opinion_folder
        self.make_dirs(folder)
        count = 0
        for name in names:
            src, dst = os.path.join(stage_dir, name), os.path.join(folder, name)
            if os.path.isdir(dst) and os.path.isdir(src):
                shutil.rmtree(dst)
            existed = os.path.exists(dst)
            _move(src, dst)
            if not existed:
                self.placed(dst)
            if not os.path.isdir(dst):
                count += 1
                self.report_file(dst)
        return count

    def _place_report(self, staged: dict) -> dict:
        """Move the staged report files (and the HTML's picture folder) to where they were asked for."""
        out = {}
        for key, (tmp, final) in staged.items():
            self.make_dirs(os.path.dirname(final))
            if key == self.REPORT_HTML:
                src_img, dst_img = os.path.splitext(tmp)[0] + "_files", os.path.splitext(final)[0] + "_files"
                if os.path.isdir(src_img):
                    if not os.path.exists(dst_img):
                        _move(src_img, dst_img)
                        self.placed(dst_img)
                    else:
                        for name in sorted(os.listdir(src_img)):
                            target = os.path.join(dst_img, name)
                            existed = os.path.exists(target)
                            _move(os.path.join(src_img, name), target)
                            if not existed:
                                self.placed(target)
            existed = os.path.exists(final)
            _move(tmp, final)
            if not existed:
                self.placed(final)
            if key != self.REPORT_HTML:          # the HTML output is listed by QGIS itself
                self.report_file(final)
            out[key] = final
        return out

    def _report(self, rs, subject, layers, reviews, counts, area_label, parameters, context, feedback,
                min_area=None, combined=True, opinions=None) -> dict:
        """审查意见书 as HTML, PDF and/or ODF (core/report/review.py, from a Jinja2 template), rendered into a staging
        folder (same file names as asked for, so the HTML's picture links stay right). Returns
        {REPORT_*: (staged path, final path)}; the staging folder is removed when the run ends, whatever
        happens."""
        from ..core.report.review import ReportOptions, ReviewReport, report_language
        from ..core.review.pipeline import LayerInput
        paths = {k: self.parameterAsFileOutput(parameters, k, context) if parameters.get(k) not in (None, "") else ""
                 for k in (self.REPORT_HTML, self.REPORT_PDF, self.REPORT_ODT)}
        by_role = {lyr.role: lyr for lyr in layers}
        indicators = None
        if any(r in by_role for r in ("mining_rights", "eblk", "mblk", "conc")):
            src = lambda role: by_role[role].source if role in by_role else None  # noqa: E731
            problems: list = []
            indicators, _ = indicators_from(rs, src("mining_rights"), src("exploration_rights"), src("eblk"),
                                            src("mblk"), src("conc"),
                                            by_role["mining_rights"].name if "mining_rights" in by_role else "",
                                            problems=problems,
                                            layer_names={r: by_role[r].name for r in ("eblk", "conc") if r in by_role})
            log_input_problems(feedback, problems)
        county = self.source(parameters, self.COUNTY, context) if parameters.get(self.COUNTY) else None
        text = lambda key: (self.parameterAsString(parameters, key, context) or "").strip()  # noqa: E731
        template = self.parameterAsFile(parameters, self.REPORT_TEMPLATE, context) \
            if parameters.get(self.REPORT_TEMPLATE) else ""
        options = ReportOptions(
            language=report_language(self.parameterAsEnum(parameters, self.REPORT_LANGUAGE, context)),
            template=template or "", review_unit=text(self.REVIEW_UNIT), reviewer=text(self.REVIEWER),
            review_date=text(self.REVIEW_DATE), min_overlap_area=min_area,
            county=LayerInput("county", county, self.source_name(parameters, self.COUNTY, context, county))
            if county is not None else None)
        report = ReviewReport(rs, subject, reviews, indicators, counts, area_label, layers,
                              context.transformContext(), options)
        stage = tempfile.mkdtemp(prefix="mineplan-report-")
        self.placed(stage)                       # removed on failure; on success after the files moved out
        self._stage = stage
        staged = {}
        for key, path in paths.items():
            if path:
                folder = os.path.join(stage, key.lower())
                os.mkdir(folder)
                staged[key] = (os.path.join(folder, os.path.basename(path)), os.path.abspath(path))
        tmp = {k: v[0] for k, v in staged.items()}
        if combined:
            report.write(tmp.get(self.REPORT_HTML), tmp.get(self.REPORT_PDF), feedback,
                         odt_path=tmp.get(self.REPORT_ODT), announce=False)
        if opinions is not None:
            from ..core.report.opinion import OpinionWriter
            folder = os.path.join(stage, "opinions")
            written = OpinionWriter(report, opinions).write(folder, feedback)
            self._opinion_folder = opinions.folder
            staged["OPINIONS"] = (folder, list(dict.fromkeys(os.path.relpath(p, folder) for p in written)))
        return staged

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        self._stage = None
        try:
            return super().processAlgorithm(parameters, context, feedback)
        finally:
            if self._stage and os.path.isdir(self._stage):
                shutil.rmtree(self._stage, ignore_errors=True)


def _move(src: str, dst: str):
    """Rename when on the same file system, else copy to ``dst.part`` and rename (never half a file at ``dst``)."""
    try:
        os.replace(src, dst)
        return
    except OSError:
        pass
    if os.path.isdir(src):
        shutil.copytree(src, dst)
        shutil.rmtree(src, ignore_errors=True)
        return
    part = dst + ".part"
    try:
        shutil.copy2(src, part)
        os.replace(part, dst)
    except BaseException:
        if os.path.exists(part):
            os.remove(part)
        raise
    os.remove(src)
