"""mineplan:mineralpolicy — 开采矿种准入 / Mineral policy."""
from __future__ import annotations

from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ..core import messages as M
from ..core.i18n import N_
from ..core.layers import MINERAL_CANDIDATES, attr, field_or_detect
from ..rules.policy import check_mineral_policy
from ..rules.verdicts import FAIL, MANUAL, OK
from .base import MinePlanAlgorithm

OUT_FIELDS = [("mineral_std", "str", "规范矿种", 100),
              ("policy", "str", "开采矿种类别", 20),
              ("verdict", "str", "矿种准入结论", 10),
              ("reason", "str", "原因", 1000),
              ("reason_en", "str", "原因（英文）", 1000),
              ("clause", "str", "规划条款", 400)]


def policy_values(check):
    return [check.values.get("mineral_std"), check.values.get("policy"), check.verdict, check.reason,
            check.reason_en, check.clause]


class MineralPolicy(MinePlanAlgorithm):
    ALG_ID = "mineralpolicy"
    GROUP = "checks"
    NAME = N_("Mineral policy")

    INPUT = "INPUT"
    MINERAL_FIELD = "MINERAL_FIELD"
    OUTPUT = "OUTPUT"

    def help_text(self):
        return self.tr(
            "Classifies each feature's mineral by the plan's list of key and forbidden minerals (专栏7 of the "
            "Lingbao plan): 重点开采 (key), 禁止开采 (forbidden: no new mining right), or 一般 (general).\n\n"
            "MINERAL_FIELD: the mineral; empty = auto-detect (mineral, 矿种, KZ …). Spelling variants are "
            "understood (砖瓦用黏土, 砖瓦粘土 → 砖瓦用粘土).\n"
            "Verdict: 符合, 不符合 (forbidden mineral), 需人工核查 (empty or unknown mineral; close matches are listed).")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Features (layer or table)"),
                                                              [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterField(self.MINERAL_FIELD, self.tr("Mineral field"), None, self.INPUT,
                                                      optional=True))
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Mineral policy verdicts"),
                                                            QgsProcessing.TypeVector))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("MANUAL_COUNT", N_("Manual check needed"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        source, name = self.required_source(parameters, self.INPUT, context)
        fields = source.fields()
        f_min = field_or_detect(self, parameters, self.MINERAL_FIELD, context, fields, MINERAL_CANDIDATES, name,
                                "mineral", required=True)
        i_min = fields.lookupField(f_min)
        rows = []
        for feat in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException(M.CANCELED)
            rows.append((feat, check_mineral_policy(rs, attr(feat, i_min))))
        dest = self.write_rows(parameters, self.OUTPUT, context, source, OUT_FIELDS,
                               [(feat, policy_values(check)) for feat, check in rows])
        counts = Counter(check.verdict for _, check in rows)
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "MANUAL_COUNT": counts[MANUAL]}
