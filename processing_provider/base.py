"""The base class of the mineplan algorithms: identity and help, the guarded run (checks before, bilingual errors,
cleanup of everything a failed or canceled run wrote) and the run's log helpers. Parameter helpers:
parameters.py; output writing: writing.py."""
from __future__ import annotations

import os
import shutil
import traceback

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtGui import QIcon

from ..core.support.i18n import N_, tr
from ..core.support.log import get_logger
from ..rules import CanceledError, MinePlanError
from . import guards
from .parameters import ParameterHelpers
from .writing import OutputWriting, close_sink, drop_added_layer, list_in_results_viewer

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg")


GROUPS = {
    "rules": N_("Rule set"),
    "checks": N_("Plan checks"),
    "review": N_("Plan review and indicators"),
    "data": N_("Data import"),
}


class MinePlanAlgorithm(ParameterHelpers, OutputWriting, QgsProcessingAlgorithm):
    """Small base: subclasses set ``ALG_ID``, ``GROUP``, ``NAME`` (English source text) and implement
    ``initAlgorithm``/``processAlgorithm``/``help_text``."""

    ALG_ID = ""
    GROUP = "checks"
    NAME = ""
    RULESET = "RULESET"
    PARAM_HELP: dict = {}          # parameter key → N_("help") of the algorithm's own parameters (parameters.py)
    ADVANCED: tuple = ()           # keys shown under "Advanced" besides parameters.ADVANCED_ALWAYS

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return tr(self.NAME)

    def group(self):
        return tr(GROUPS[self.GROUP])

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP

    def icon(self):
        """The algorithm's own icon (icons/<id>.svg: the toolbox, the results viewer and the toolbar tell the
        tools apart), else the plugin's."""
        own = os.path.join(os.path.dirname(ICON), "icons", f"{self.ALG_ID}.svg")
        return QIcon(own if os.path.exists(own) else ICON)

    def help_text(self) -> str:
        return ""

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return self.help_text()

    def shortDescription(self):  # noqa: N802 - QGIS API
        text = self.help_text()
        return text.split("\n")[0] if text else ""

    # ---- running ------------------------------------------------------------------------------------
    SUBJECT: str | None = None          # the layer under review: 乱码 there is an error (guards.check_mojibake)
    GEOMETRY_UNUSED: tuple = ()         # inputs whose geometry is not used (no CRS needed)

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        """Refuse, before the algorithm starts, what would overwrite an input, could not be written, has no
        CRS, lies off the Earth, has the wrong geometry type or cannot be read (乱码): see guards.py."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self.check_hostile(parameters, context)
        except (MinePlanError, QgsProcessingException) as exc:
            return False, str(exc) if isinstance(exc, MinePlanError) else exc.message()
        except Exception as exc:  # noqa: BLE001 - a check must never crash the dialog
            get_logger().warning("checkParameterValues: " + "".join(traceback.format_exception(exc)))
        return True, ""

    def check_hostile(self, parameters, context, feedback=None):
        guards.check_numbers(self, parameters, context)
        guards.check_paths(self, parameters, context)
        rs = None
        if parameters.get("OTHER_CONSTRAINTS") and self.parameterDefinition(self.RULESET) is not None:
            rs = self.ruleset(parameters, context)
        guards.check_layers(self, parameters, context, rs)
        guards.check_mojibake(self, parameters, context, feedback)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        """Runs ``process`` after the same checks as ``checkParameterValues`` (a model's child algorithm may
        be run without them). The engines' bilingual errors become processing errors; an unexpected error
        becomes a bilingual one too (the traceback goes to the MinePlan log, never in front of the user).
        On any error or a cancel, every output this run created is removed: nothing half-written is left."""
        self._sinks = []           # (sink, guards.Destination, existed before)
        self._placed = []          # files and folders this run created outside the sinks (reports)
        self._report_files = []    # the reports a planner opens (PDF, ODT, opinions): listed in the results viewer
        self._truncated = 0
        try:
            self.check_hostile(parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():
                # a cancel before the start: the step feedbacks made later would not see it
                raise CanceledError()
            results = self.process(parameters, context, feedback)
            if isinstance(results, dict) and any(isinstance(d, QgsProcessingParameterFeatureSink)
                                                 for d in self.parameterDefinitions()):
                results.setdefault("TRUNCATED_VALUES", self._truncated)
            self._sinks = []
            return results
        except MinePlanError as exc:
            self.cleanup()
            get_logger().error(str(exc))
            raise QgsProcessingException(str(exc)) from None
        except QgsProcessingException:
            self.cleanup()
            raise
        except Exception as exc:  # noqa: BLE001 - no traceback in front of a user
            self.cleanup()
            get_logger().error(f"{self.ALG_ID}: " + "".join(traceback.format_exception(exc)))
            raise QgsProcessingException(
                f"内部错误（{type(exc).__name__}: {exc}），未写出任何结果；详细信息见 QGIS 日志“MinePlan”页 / internal "
                f"error ({type(exc).__name__}: {exc}); nothing was written; details in the MinePlan tab of the QGIS "
                f"log") from None

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def cleanup(self):
        """Remove what this run wrote: sinks (a new file and its sidecars; a layer added to an existing
        dataset), then placed report files and folders."""
        sinks, self._sinks = getattr(self, "_sinks", []), []
        for sink, dest, existed in reversed(sinks):
            close_sink(sink)
            if not dest.path:
                continue
            try:
                if dest.layer and existed:
                    drop_added_layer(dest.path, dest.layer)
                else:
                    for f in dest.files() + [dest.path + s for s in ("-wal", "-shm", "-journal")]:
                        if os.path.lexists(f):
                            os.remove(f)
            except OSError as exc:
                get_logger().warning(f"cleanup {dest.path}: {exc}")
        placed, self._placed = getattr(self, "_placed", []), []
        for path in reversed(placed):
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.lexists(path):
                    os.remove(path)
            except OSError as exc:
                get_logger().warning(f"cleanup {path}: {exc}")

    def make_dirs(self, folder: str):
        """Create ``folder`` and its missing parents, recorded for ``cleanup``."""
        missing = []
        f = os.path.abspath(folder)
        while f and not os.path.exists(f):
            missing.append(f)
            parent = os.path.dirname(f)
            if parent == f:
                break
            f = parent
        for d in reversed(missing):
            os.mkdir(d)
            self.placed(d)

    def write_html(self, path: str, text: str):
        """An HTML report next to the outputs (atomic; removed again if the run fails later)."""
        from ..core.support import html as H
        self.make_dirs(os.path.dirname(os.path.abspath(path)))
        existed = os.path.exists(path)
        H.write(path, text)
        if not existed:
            self.placed(path)

    def report_file(self, path: str):
        """Record a finished report file for the Processing results viewer (which lists only HTML outputs by
        itself: the PDF, the ODT and the per-application 审查意见书 would be missing)."""
        if not hasattr(self, "_report_files"):
            self._report_files = []
        self._report_files.append(path)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        """After a successful run, in the main thread: every report file into the results viewer."""
        files, self._report_files = getattr(self, "_report_files", []), []
        list_in_results_viewer(self, [f for f in files if os.path.isfile(f)])
        return {}

    def placed(self, path: str):
        """Record a file or folder this run created (removed again if the run fails or is canceled)."""
        if not hasattr(self, "_placed"):
            self._placed = []
        self._placed.append(path)


def log_input_problems(feedback, problems):
    """Every value the indicators could not use, one line each (bilingual), after a count."""
    if not problems or feedback is None:
        return
    feedback.pushWarning(f"规划指标：{len(problems)} 个输入值未使用（重复的许可证号、负数、非数值或非有限的产量、无效面积），"
                         f"相关指标的说明中已注明 / plan indicators: {len(problems)} input value(s) not used "
                         f"(duplicated licence numbers, negative, non-numeric or non-finite outputs, unusable areas); "
                         f"the indicators concerned say so in their note")
    for p in problems:
        feedback.pushWarning("  " + p.text())


def log_geometry_details(feedback, details, limit: int = 20):
    """Report repaired/skipped geometries: the first ``limit`` by name, then a count."""
    shown = 0
    for layer, label, status, msg in details:
        if status not in ("repaired", "skipped", "unusable"):
            continue
        if shown < limit:
            done = {"repaired": tr("repaired"), "skipped": tr("skipped"),
                    "unusable": tr("skipped: nothing polygonal was left after repair")}[status]
            feedback.pushInfo(tr("{0}, feature {1}: invalid geometry {2} ({3})").format(layer, label, done, msg))
        shown += 1
    if shown > limit:
        feedback.pushInfo(tr("… and {0} more invalid geometries").format(shown - limit))
