"""mineplan:mineralpolicy — 开采矿种准入 / Mineral policy."""
from __future__ import annotations

from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ..core.outputs.columns import POLICY_VALUES, check_result
from ..core.review.pipeline import ReviewOptions, ReviewPipeline
from ..core.review.rows import item_result, policy_values
from ..core.support.i18n import N_
from ..rules.model.vocab import FAIL, MANUAL, MINING, OK
from .base import MinePlanAlgorithm


class MineralPolicy(MinePlanAlgorithm):
    ALG_ID = "mineralpolicy"
    GROUP = "checks"
    NAME = N_("Mineral policy")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("Features — a layer or a table — with a mineral field."),
        "OUTPUT": N_("The input rows with the standard mineral name, its class under the plan (专栏7: encouraged, restricted, forbidden …) and the verdict with its clause."),
    }
    SUBJECT = "INPUT"
    GEOMETRY_UNUSED = ("INPUT",)

    INPUT = "INPUT"
    MINERAL_FIELD = "MINERAL_FIELD"
    OUTPUT = "OUTPUT"

    def help_text(self):
        return self.tr(
            "Classifies each feature's mineral by the plan's list of key and forbidden minerals (专栏7 of the "
            "Lingbao plan): 重点开采 (key), 禁止开采 (forbidden: no new mining right), or 一般 (general).\n\n“Features "
            "(layer or table)”: any layer or table; its mineral field is auto-detected (mineral, 矿种, KZ …) "
            "unless “Mineral field” names it. Spelling variants are understood (砖瓦用黏土, 砖瓦粘土 → 砖瓦用粘土). "
            "“Application type when no field gives it (申请类型)”: 新立 by default; a field value always wins.\n"
            "“Mineral policy verdicts”: 符合, 不符合 (forbidden mineral), 需人工核查 (empty or unknown mineral; close "
            "matches are listed).")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Features (layer or table)"),
                                                              [QgsProcessing.SourceType.TypeVector]))
        self.add_field_parameters(self.INPUT, ("mineral",))
        self.add_app_type_parameter()
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Mineral policy verdicts"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("MANUAL_COUNT", N_("Manual check needed"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        overrides = self.field_overrides(parameters, context, ("mineral",))
        subject = self.subject(parameters, self.INPUT, context, ("mineral", "app_type"), overrides)
        self.require_field(subject.fields, "mineral", subject.name, subject.source.fields())
        options = ReviewOptions(activity=MINING, checks=("policy",), app_type=self.app_type_choice(parameters, context))
        reviews = ReviewPipeline(rs, subject, [], options, context.transformContext(), feedback).review_all()
        rows = [(r.feature, policy_values(r) + item_result(r, "policy"), r.label) for r in reviews]
        dest = self.write_rows(parameters, self.OUTPUT, context, subject.source, POLICY_VALUES + check_result("矿种准入"), rows,
                               feedback)
        counts = Counter(r.decision.item("policy").verdict for r in reviews)
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "MANUAL_COUNT": counts[MANUAL]}
