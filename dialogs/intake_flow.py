"""The desk path for one application (issue 18): coordinate file → applications layer → review → 审查意见书.

Three Processing dialogs in a row, each preset from the results of the one before; the planner checks and runs
each (cancel stops the path). No geometry or rule here: the algorithms do the work, this only carries layers
from one dialog to the next. ``run_dialog(alg_id, params) -> results | None`` is processing.execAlgorithmDialog in
the desktop and a stand-in in the tests.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from qgis.core import QgsMapLayer, QgsProject

from ..core.inputs.roles import FIELD_PARAMS

IMPORT, COMPLETE, REVIEW = "mineplan:importcoordinates", "mineplan:completeapplication", "mineplan:compliancereview"
OPINIONS_SUBFOLDER = "审查意见书"


@dataclass
class IntakeResult:
    parcels: QgsMapLayer | None = None
    applications: QgsMapLayer | None = None
    review: dict | None = None
    steps: list = field(default_factory=list)          # (algorithm id, preset parameters) in the order shown


def project_layer(value, project: QgsProject | None = None) -> QgsMapLayer | None:
    """The project layer a dialog's output value names: a layer id (temporary outputs), else a file path
    (with or without |layername=)."""
    if isinstance(value, QgsMapLayer):
        return value
    if not value:
        return None
    project = project or QgsProject.instance()
    lyr = project.mapLayer(str(value))
    if lyr is not None:
        return lyr
    want = os.path.normcase(os.path.abspath(str(value).split("|")[0]))
    for lyr in project.mapLayers().values():
        src = lyr.source().split("|")[0]
        if src and os.path.normcase(os.path.abspath(src)) == want:
            return lyr
    return None


class IntakeFlow:
    def __init__(self, parameters_for: Callable, run_dialog: Callable, project: QgsProject | None = None):
        self.parameters_for = parameters_for      # (alg_id, ask=…) -> preset dict from the project's settings
        self.run_dialog = run_dialog
        self.project = project or QgsProject.instance()

    def _step(self, result: IntakeResult, alg_id: str, params: dict) -> dict | None:
        result.steps.append((alg_id, dict(params)))
        res = self.run_dialog(alg_id, params)
        return res if res else None

    def run(self) -> IntakeResult:
        result = IntakeResult()
        imported = self._step(result, IMPORT, {})
        result.parcels = project_layer((imported or {}).get("OUTPUT"), self.project)
        if result.parcels is None:               # canceled, or the file was refused
            return result
        completed = self._step(result, COMPLETE, {"INPUT": result.parcels.id()})
        result.applications = project_layer((completed or {}).get("OUTPUT"), self.project)
        if result.applications is None:
            return result
        result.review = self._step(result, REVIEW, self.review_parameters(result.applications))
        return result

    def review_parameters(self, applications: QgsMapLayer) -> dict:
        """The project's roles for the review, the new applications as the features under review (their field
        names are the review's own: no field mapping), and — in a saved project — the opinions folder next to it."""
        params = dict(self.parameters_for(REVIEW, ask=True) or {})
        for key in FIELD_PARAMS.values():
            params.pop(key, None)
        params["PROPOSED"] = applications.id()
        home = self.project.homePath() if self.project is not None else ""
        if home:
            params.setdefault("OPINIONS_FOLDER", os.path.join(home, OPINIONS_SUBFOLDER))
        return params
