"""mineplan:validaterules — 规则文件校验 / Validate rule set."""
from __future__ import annotations

import os
import time

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ..core.support import html as H
from ..core.support.i18n import N_
from ..rules import CanceledError, resolve_ruleset_path, validate_ruleset_file
from ..rules.validation.validate import SEVERITY_ZH
from .base import MinePlanAlgorithm
from .writing import fields_from

FIELDS = [
    ("severity", "str", "级别代码", 10),
    ("severity_zh", "str", "级别", 10),
    ("rule_key", "str", "规则键", 120),
    ("message", "str", "说明", 1000),
    ("message_en", "str", "说明（英文）", 1000),
    ("clause", "str", "规划条款", 200),
    ("file", "str", "文件", 400),
    ("line", "int", "行号"),
]


class ValidateRules(MinePlanAlgorithm):
    ALG_ID = "validaterules"
    GROUP = "rules"
    NAME = N_("Validate rule set")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "OUTPUT": N_("One row per finding on the rule file: severity, the key path and line, the message in Chinese and English."),
    }
    OUTPUT = "OUTPUT"
    REPORT_HTML = "REPORT_HTML"

    def help_text(self):
        return self.tr(
            "Checks a plan rule file and lists its findings: errors (YAML syntax, schema, unknown minerals, "
            "negative quotas — the file cannot be used), contradictions inside the plan itself (e.g. a 专栏3 "
            "output target above the 第五章 cap, a count stated twice with different values, two tables with one "
            "number, a mineral listed twice), and facts for the reviewer (unchecked thresholds, baseline vs "
            "target).\n\n“Plan rule file (empty = bundled Lingbao 2021-2025 plan)”: the rule file to check.\n“Rule "
            "set findings”: table with severity, rule key, message (Chinese and English), clause, file and line. "
            "“HTML report”: optional HTML report of the same findings.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add_ruleset_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Rule set findings"), QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.REPORT_HTML, self.tr("HTML report"), self.tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.add_number_outputs((("ERRORS", N_("Errors")), ("WARNINGS", N_("Contradictions and warnings")),
                           ("INFOS", N_("Notes")), ("SECONDS", N_("Seconds"))))

    def process(self, parameters, context, feedback) -> dict:
        t0 = time.perf_counter()
        raw = self.parameterAsFile(parameters, self.RULESET, context)
        path = resolve_ruleset_path(raw or None)
        feedback.pushInfo(self.tr("Rule file: {}").format(path))
        rs, findings = validate_ruleset_file(path)
        counts = {"error": 0, "warning": 0, "info": 0}
        rows = []
        for f in findings:
            counts[f.severity] += 1
            rows.append((None, [f.severity, SEVERITY_ZH[f.severity], f.key, f.message_zh, f.message_en, f.clause,
                                f.path, f.line], f"{os.path.basename(f.path or '')}:{f.line or ''}"))
            log = feedback.reportError if f.severity == "error" else feedback.pushInfo
            loc = f"{os.path.basename(f.path)}:{f.line}" if f.line else os.path.basename(f.path or "")
            log(f"[{SEVERITY_ZH[f.severity]}] {loc} {f.key} — {f.message_zh} / {f.message_en}")
        html_path = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        html_text = render_html(path, rs, findings) if html_path else ""
        if feedback.isCanceled():
            raise CanceledError()
        dest_id = self.write_features(parameters, self.OUTPUT, context, fields_from(FIELDS), QgsWkbTypes.Type.NoGeometry,
                                      QgsCoordinateReferenceSystem(), rows, feedback)
        if html_path:
            self.write_html(html_path, html_text)
        feedback.pushInfo(self.tr("{} error(s), {} contradiction(s)/warning(s), {} note(s)").format(
            counts["error"], counts["warning"], counts["info"]))
        results = {self.OUTPUT: dest_id, "ERRORS": counts["error"], "WARNINGS": counts["warning"],
                   "INFOS": counts["info"], "SECONDS": round(time.perf_counter() - t0, 3)}
        if html_path:
            results[self.REPORT_HTML] = html_path
        return results


def render_html(path, rs, findings) -> str:
    title = "规则文件校验报告"
    body = H.heading(1, title, "Rule set validation")
    name = rs.name if rs is not None else os.path.basename(path)
    body += f'<p class="meta">规则文件 / rule file: {H.esc(path)}<br>规划 / plan: {H.esc(name)}</p>'
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    body += H.table(["错误 errors", "矛盾/警告 contradictions", "提示 notes"],
                    [[counts["error"], counts["warning"], counts["info"]]])
    rows, classes = [], []
    for f in findings:
        rows.append([SEVERITY_ZH[f.severity], f.key, f.line or "", f.message_zh, f.message_en, f.clause])
        classes.append(f"sev-{f.severity}")
    body += H.heading(2, "发现", "Findings")
    body += H.table(["级别", "规则键 key", "行 line", "说明", "message", "条款 clause"], rows, classes)
    return H.document(title, body)
