"""mineplan:planindicators — 规划指标统计 / Plan indicators."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ..core.report.review import indicators_table
from ..core.review.indicators import indicators_from, rights_fields
from ..core.support import html as H
from ..core.support.i18n import N_, tr
from ..rules.model.errors import CanceledError
from ..rules.model.vocab import MET, NO_DATA, NOT_MET
from .base import MinePlanAlgorithm, log_input_problems
from .writing import fields_from

OUT_FIELDS = [("id", "str", "指标编号", 60), ("name", "str", "指标名称", 100), ("name_en", "str", "指标名称（英文）", 100),
              ("unit", "str", "单位", 30), ("target", "double", "规划目标", 20, 4), ("comparison", "str", "比较", 4),
              ("target_kind", "str", "指标属性", 10), ("current", "double", "现状值", 20, 4),
              ("status", "str", "达标情况", 10), ("clause", "str", "规划条款", 200), ("note", "str", "说明", 500)]

FIELD_KEYS = ("mineral", "scale", "output", "output_unit")     # fields of MINING_RIGHTS (core.inputs.roles.FIELD_TABLE)


def render_indicators_html(rs, rows, title="规划指标统计") -> str:
    body = H.heading(1, title, "Plan indicators")
    body += f'<p class="meta">规划 / plan: {H.esc(rs.name)}</p>'
    body += indicators_table(rows)
    return H.document(title, body)


class PlanIndicators(MinePlanAlgorithm):
    ALG_ID = "planindicators"
    GROUP = "review"
    NAME = N_("Plan indicators")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "MINING_RIGHTS": N_("The mining rights in force — a layer or a table — with mineral, reserve scale and annual output fields: the numbers of mines, their scale structure and the output are counted from it."),
        "EXPLORATION_RIGHTS": N_("Optional layer or table of the exploration rights in force, for the exploration indicators."),
        "OUTPUT": N_("One row per plan indicator (the 专栏 targets: numbers of mines, share of large and medium mines, output …) with the plan's target, the value found in the data and whether it is met."),
    }
    SUBJECT = "MINING_RIGHTS"
    GEOMETRY_UNUSED = ("MINING_RIGHTS",)

    MINING_RIGHTS = "MINING_RIGHTS"
    MINERAL_FIELD = "MINERAL_FIELD"
    SCALE_FIELD = "SCALE_FIELD"
    OUTPUT_FIELD = "OUTPUT_FIELD"
    OUTPUT_UNIT_FIELD = "OUTPUT_UNIT_FIELD"
    EXPLORATION_RIGHTS = "EXPLORATION_RIGHTS"
    EXPLORATION_BLOCKS = "EXPLORATION_BLOCKS"
    MINING_BLOCKS = "MINING_BLOCKS"
    CONCENTRATED = "CONCENTRATED_MINING_AREAS"
    OUTPUT = "OUTPUT"
    REPORT_HTML = "REPORT_HTML"

    def help_text(self):
        return self.tr(
            "Computes the plan's indicators from the data and compares them with the targets: number of mines (< "
            "40), share of large and medium mines (≥ 40 %), gold ore output (≤ 60 万吨/年; the 专栏3 figure of 120 is "
            "flagged as a contradiction), output per mineral vs 专栏3, number of 建筑石料 mining rights (≤ 3), 建筑石料 "
            "output (1400 / 1600 万吨), number and area of exploration planning blocks (26, 555.75 km²), number of "
            "mining planning blocks (4) and the areas of the 集中开采区.\n\n“Mining rights”: mining-right layer or "
            "table; fields auto-detected unless given (mineral, scale, annual output and its unit). “Exploration "
            "rights” and the planning layers are optional; an indicator without data is 无数据. Areas are "
            "ellipsoidal on CGCS2000.\n“Plan indicators”: one row per indicator with its target, current value, "
            "达标情况 (达标/未达标/无数据), 规划条款 and 说明. “HTML report”: optional HTML table.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(self.MINING_RIGHTS, self.tr("Mining rights"),
                                                              [QgsProcessing.SourceType.TypeVector], optional=True))
        self.add_field_parameters(self.MINING_RIGHTS, FIELD_KEYS, {"scale": N_("Scale field (大型/中型/小型)")})
        self.addParameter(QgsProcessingParameterFeatureSource(self.EXPLORATION_RIGHTS, self.tr("Exploration rights"),
                                                              [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.add_role_parameters(("eblk", "mblk", "conc"))
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Plan indicators"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_HTML, self.tr("HTML report"), self.tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.add_number_outputs((("MET_COUNT", N_("Indicators met")), ("NOT_MET_COUNT", N_("Indicators not met")),
                           ("NO_DATA_COUNT", N_("Indicators without data")),
                           ("INPUT_PROBLEMS", N_("Input values not used (listed in the log)"))))

    def compute(self, parameters, context, feedback, rs):
        def src(key):
            return self.source(parameters, key, context)
        rights = src(self.MINING_RIGHTS)
        name = self.source_name(parameters, self.MINING_RIGHTS, context, rights) if rights is not None else ""
        overrides = self.field_overrides(parameters, context, FIELD_KEYS)
        if rights is not None:         # a missing mineral field stops the run before any layer is read
            self.require_field(rights_fields(rights, name, overrides), "mineral", name, rights.fields())
        names = {"eblk": self.source_name(parameters, self.EXPLORATION_BLOCKS, context),
                 "conc": self.source_name(parameters, self.CONCENTRATED, context)}
        self.problems = []
        rows, fm = indicators_from(rs, rights, src(self.EXPLORATION_RIGHTS), src(self.EXPLORATION_BLOCKS),
                                   src(self.MINING_BLOCKS), src(self.CONCENTRATED), name, overrides, self.problems,
                                   names)
        log_input_problems(feedback, self.problems)
        if fm is not None:
            feedback.pushInfo(tr("Mining rights {0}: mineral {1}, scale {2}, output {3} ({4})").format(
                name, fm.get("mineral"), fm.get("scale") or "—", fm.get("output") or "—",
                fm.get("output_unit") or tr("plan unit")))
        return rows

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        rows = self.compute(parameters, context, feedback, rs)
        for r in rows:
            feedback.pushInfo(f"{r.id}: {r.name} {r.comparison}{r.target:g} {r.unit} — "
                              f"{'—' if r.current is None else format(r.current, 'g')} → {r.status}")
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        html_text = render_indicators_html(rs, rows) if html_path else ""
        if feedback.isCanceled():
            raise CanceledError()
        dest = self.write_features(parameters, self.OUTPUT, context, fields_from(OUT_FIELDS), QgsWkbTypes.Type.NoGeometry,
                                   QgsCoordinateReferenceSystem(), [(None, r.as_list(), r.id) for r in rows],
                                   feedback)
        results = {self.OUTPUT: dest, "MET_COUNT": sum(r.status == MET for r in rows),
                   "NOT_MET_COUNT": sum(r.status == NOT_MET for r in rows),
                   "NO_DATA_COUNT": sum(r.status == NO_DATA for r in rows),
                   "INPUT_PROBLEMS": len(self.problems)}
        if html_path:
            self.write_html(html_path, html_text)
            results[self.REPORT_HTML] = html_path
        return results
