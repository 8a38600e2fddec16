"""mineplan:minimumscale — 新建矿山最低开采规模核查 / Minimum mining scale."""
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
from ..core.i18n import N_, tr
from ..core.layers import (
    CAPACITY_CANDIDATES,
    CAPACITY_UNIT_CANDIDATES,
    MINERAL_CANDIDATES,
    RESERVES_CANDIDATES,
    RESERVES_UNIT_CANDIDATES,
    SCALE_CANDIDATES,
    attr,
    field_or_detect,
)
from ..rules.scale import check_minimum_scale
from ..rules.verdicts import FAIL, MANUAL, NO_NEW, OK
from .base import MinePlanAlgorithm

OUT_FIELDS = [("mineral_std", "str", "规范矿种（规划类别）", 100),
              ("reserve_scale", "str", "储量规模", 10),
              ("min_capacity", "double", "最低开采规模", 20, 4),
              ("capacity_unit", "str", "规模单位", 30),
              ("scale_ok", "int", "规模是否达标"),
              ("service_years", "double", "服务年限(年)", 12, 2),
              ("service_ok", "int", "服务年限是否达标"),
              ("verdict", "str", "最低规模结论", 10),
              ("reason", "str", "原因", 2000),
              ("reason_en", "str", "原因（英文）", 2000),
              ("clause", "str", "规划条款", 400)]


def scale_values(check):
    v = check.values
    return [v["mineral_std"], v["reserve_scale"], v["min_capacity"], v["capacity_unit"], v["scale_ok"],
            v["service_years"], v["service_ok"], check.verdict, check.reason, check.reason_en, check.clause]


class MinimumScale(MinePlanAlgorithm):
    ALG_ID = "minimumscale"
    GROUP = "checks"
    NAME = N_("Minimum mining scale")

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
            "(专栏6 of the Lingbao plan), by the reserve scale of the deposit, and the minimum service life "
            "(5 years).\n\n"
            "Works on any layer or table (no geometry needed). Empty field choices are auto-detected "
            "(mineral/矿种, scale/储量规模, capacity/设计生产规模 …).\n"
            "MINERAL_FIELD: mineral name; aliases and variants are understood (金/岩金/金矿（岩金）; 饰面用花岗岩 is "
            "judged as 饰面用石材).\n"
            "SCALE_FIELD: reserve scale 大型/中型/小型 (large/medium/small); optional when reserves are given and the "
            "threshold table (国土资发〔2000〕133号) covers the mineral.\n"
            "CAPACITY_FIELD: design capacity per year, in the plan's unit unless CAPACITY_UNIT_FIELD gives one "
            "(吨/万吨/立方米/万立方米 per year; mass and volume are never converted into each other).\n"
            "RESERVES_FIELD, RESERVES_UNIT_FIELD: ore reserves; service years = reserves / capacity.\n"
            "Verdict: 符合 (capacity ≥ minimum; equal passes), 不符合 (below, or service life < 5 years), 不得新建 "
            "(the plan's cell is '/' for that reserve scale), 需人工核查 (no minimum in the plan, unknown mineral or "
            "scale, missing or non-numeric capacity).")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Proposed mines (layer or table)"),
                                                              [QgsProcessing.TypeVector]))
        for key, label in ((self.MINERAL_FIELD, N_("Mineral field")), (self.SCALE_FIELD, N_("Reserve scale field (大型/中型/小型)")),
                           (self.CAPACITY_FIELD, N_("Design capacity field (per year)")),
                           (self.CAPACITY_UNIT_FIELD, N_("Capacity unit field")),
                           (self.RESERVES_FIELD, N_("Reserves field")), (self.RESERVES_UNIT_FIELD, N_("Reserves unit field"))):
            self.addParameter(QgsProcessingParameterField(key, self.tr(label), None, self.INPUT, optional=True))
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Minimum scale verdicts"),
                                                            QgsProcessing.TypeVector))
        self.add_number_outputs((("FEATURE_COUNT", N_("Features")), ("OK_COUNT", N_("Compliant")), ("FAIL_COUNT", N_("Non-compliant")),
                           ("NO_NEW_COUNT", N_("No new mine allowed")), ("MANUAL_COUNT", N_("Manual check needed"))))

    def process(self, parameters, context, feedback) -> dict:
        rs = self.ruleset(parameters, context)
        source, name = self.required_source(parameters, self.INPUT, context)
        fields = source.fields()
        f_min = field_or_detect(self, parameters, self.MINERAL_FIELD, context, fields, MINERAL_CANDIDATES, name,
                                "mineral", required=True)
        f_scale = field_or_detect(self, parameters, self.SCALE_FIELD, context, fields, SCALE_CANDIDATES, name,
                                  "scale")
        f_cap = field_or_detect(self, parameters, self.CAPACITY_FIELD, context, fields, CAPACITY_CANDIDATES, name,
                                "capacity")
        f_capu = field_or_detect(self, parameters, self.CAPACITY_UNIT_FIELD, context, fields, CAPACITY_UNIT_CANDIDATES,
                                 name, "capacity_unit")
        f_res = field_or_detect(self, parameters, self.RESERVES_FIELD, context, fields, RESERVES_CANDIDATES, name,
                                "reserves")
        f_resu = field_or_detect(self, parameters, self.RESERVES_UNIT_FIELD, context, fields, RESERVES_UNIT_CANDIDATES,
                                 name, "reserves_unit")
        if f_cap is None:
            feedback.reportError(tr("No capacity field: every verdict will be 需人工核查. Set CAPACITY_FIELD."))
        feedback.pushInfo(tr("Fields: mineral {0}, scale {1}, capacity {2} ({3}), reserves {4} ({5})").format(
            f_min, f_scale or "—", f_cap or "—", f_capu or tr("plan unit"), f_res or "—", f_resu or "—"))
        idx = {k: (fields.lookupField(v) if v else None) for k, v in
               (("m", f_min), ("s", f_scale), ("c", f_cap), ("cu", f_capu), ("r", f_res), ("ru", f_resu))}
        rows = []
        total = source.featureCount() or 1
        for n, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                raise QgsProcessingException(M.CANCELED)
            check = check_minimum_scale(rs, attr(feat, idx["m"]), attr(feat, idx["s"]), attr(feat, idx["c"]),
                                        attr(feat, idx["cu"]), attr(feat, idx["r"]), attr(feat, idx["ru"]))
            rows.append((feat, check))
            feedback.setProgress(100.0 * (n + 1) / total)
        dest = self.write_rows(parameters, self.OUTPUT, context, source, OUT_FIELDS,
                               [(feat, scale_values(check)) for feat, check in rows])
        counts = Counter(check.verdict for _, check in rows)
        feedback.pushInfo(tr("{0} feature(s): 符合 {1}, 不符合 {2}, 不得新建 {3}, 需人工核查 {4}").format(
            len(rows), counts[OK], counts[FAIL], counts[NO_NEW], counts[MANUAL]))
        return {self.OUTPUT: dest, "FEATURE_COUNT": len(rows), "OK_COUNT": counts[OK], "FAIL_COUNT": counts[FAIL],
                "NO_NEW_COUNT": counts[NO_NEW], "MANUAL_COUNT": counts[MANUAL]}
