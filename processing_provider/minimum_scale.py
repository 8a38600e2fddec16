"""mineplan:minimumscale — 新建矿山最低开采规模核查 / Minimum mining scale."""
from __future__ import annotations

from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ..core.inputs.field_map import ATTRIBUTE_KEYS
from ..core.outputs.columns import SCALE_VALUES, check_result
from ..core.review.pipeline import ReviewOptions, ReviewPipeline
from ..core.review.rows import item_result, scale_values
from ..core.support.i18n import N_, tr
from ..rules.model.vocab import FAIL, MANUAL, MINING, NO_NEW, OK
from .base import MinePlanAlgorithm

FIELD_KEYS = ("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit")
FIELD_LABELS = {"scale": N_("Reserve scale field (大型/中型/小型)"), "capacity": N_("Design capacity field (per year)")}


class MinimumScale(MinePlanAlgorithm):
    ALG_ID = "minimumscale"
    GROUP = "checks"
    NAME = N_("Minimum mining scale")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("Proposed mines — a layer or a table without geometry — with mineral, reserve scale and design capacity fields."),
        "OUTPUT": N_("The input rows with the plan's minimum capacity for the mineral and reserve scale (专栏6), whether the capacity reaches it, the service life and the verdict with its clause."),
    }
    SUBJECT = "INPUT"
    GEOMETRY_UNUSED = ("INPUT",)

    INPUT = "INPUT"
    MINERAL_FIELD = "MINERAL_FIELD"
    SCALE_FIELD = "SCALE_FIELD"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    CAPACITY_UNIT_FIELD = "CAPACITY_UNIT_FIELD"
    RESERVES_FIELD = "RESERVES_FIELD"
    RESERVES_UNIT_FIELD = "RESERVES_UNIT_FIELD"
    OUTPUT = "OUTPUT"

    def help_text(self):
        return self.tr(
            "Checks the design capacity of proposed mines against the plan's minimum mining scale for new mines "
            "(专栏6 of the Lingbao plan), by the reserve scale of the deposit, and the minimum service life (5 "
            "years).\n\n“Proposed mines (layer or table)”: any layer or table (no geometry needed). Empty field "
            "choices are auto-detected (mineral/矿种, scale/储量规模, capacity/设计生产规模 …).\n“Mineral field”: aliases and "
            "variants are understood (金/岩金/金矿（岩金）; 饰面用花岗岩 is judged as 饰面用石材). “Reserve scale field (大型/中型/小型)”: "
            "optional when reserves are given and the threshold table (国土资发〔2000〕133号) covers the mineral.\n"
            "“Design capacity field (per year)”: in the plan's unit unless “Capacity unit field” gives one "
            "(吨/万吨/立方米/万立方米 per year; mass and volume are never converted into each other). “Reserves field”, "
            "“Reserves unit field”: service years = reserves / capacity. “Application type when no field gives "
            "it (申请类型)”: 新立 by default.\n“Minimum scale verdicts”: 符合 (capacity ≥ minimum; equal passes), 不符合 "
            "(below, or service life < 5 years), 不得新建 (the plan's cell is '/' for that reserve scale), 需人工核查 (no "
            "minimum in the plan, unknown mineral or scale, missing or non-numeric capacity).")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Proposed mines (layer or table)"),
                                                              [QgsProcessing.SourceType.TypeVector]))
        self.add_field_parameters(self.INPUT, FIELD_KEYS, FIELD_LABELS)
        self.add_app_type_parameter()
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Minimum scale verdicts"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("NO_NEW_COUNT", N_("No new mine allowed")), ("MANUAL_COUNT", N_("Manual check needed"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        overrides = self.field_overrides(parameters, context, FIELD_KEYS)
        subject = self.subject(parameters, self.INPUT, context, ATTRIBUTE_KEYS + ("app_type", "method"), overrides)
        fm = subject.fields
        self.require_field(fm, "mineral", subject.name, subject.source.fields())
        if fm.get("capacity") is None:
            feedback.reportError(tr("No capacity field: every verdict will be 需人工核查. Set CAPACITY_FIELD."))
        feedback.pushInfo(tr("Fields: mineral {0}, scale {1}, capacity {2} ({3}), reserves {4} ({5})").format(
            fm.get("mineral"), fm.get("scale") or "—", fm.get("capacity") or "—",
            fm.get("capacity_unit") or tr("plan unit"), fm.get("reserves") or "—", fm.get("reserves_unit") or "—"))
        # 专栏6 is about new mines: every row is judged as a proposed mine
        options = ReviewOptions(activity=MINING, checks=("scale",), app_type=self.app_type_choice(parameters, context))
        reviews = ReviewPipeline(rs, subject, [], options, context.transformContext(), feedback).review_all()
        rows = [(r.feature, scale_values(r) + item_result(r, "scale"), r.label) for r in reviews]
        dest = self.write_rows(parameters, self.OUTPUT, context, subject.source, SCALE_VALUES + check_result("最低规模"), rows,
                               feedback)
        counts = Counter(r.decision.item("scale").verdict for r in reviews)
        feedback.pushInfo(tr("{0} feature(s): 符合 {1}, 不符合 {2}, 不得新建 {3}, 需人工核查 {4}").format(
            len(rows), counts[OK], counts[FAIL], counts[NO_NEW], counts[MANUAL]))
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "NO_NEW_COUNT": counts[NO_NEW], "MANUAL_COUNT": counts[MANUAL]}
