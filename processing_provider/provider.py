"""The ``mineplan`` processing provider."""
from __future__ import annotations

import glob
import os

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.support.i18n import N_, tr
from .avoid_constraints import AvoidConstraints
from .base import GROUPS
from .complete_application import CompleteApplication
from .compliance_review import ComplianceReview
from .import_coordinates import ImportCoordinates
from .mineral_policy import MineralPolicy
from .minimum_scale import MinimumScale
from .plan_indicators import PlanIndicators
from .redline_overlap import RedlineOverlap
from .siting_areas import SitingAreas
from .validate_rules import ValidateRules
from .zone_assignment import ZoneAssignment

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg")
MODELS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")


# every algorithm, in toolbox order (explicit imports: an algorithm that fails to import fails the plugin's load,
# visibly, instead of disappearing from a table of strings)
ALGORITHMS = (
    ValidateRules,
    RedlineOverlap,
    MinimumScale,
    MineralPolicy,
    ZoneAssignment,
    PlanIndicators,
    ComplianceReview,
    ImportCoordinates,
    CompleteApplication,
    SitingAreas,
    AvoidConstraints,
)


def algorithm_classes() -> list:
    return list(ALGORITHMS)


MODEL_NAMES = {"compliancechain": (N_("Plan compliance review (model)"), "review")}


class MinePlanModel(QgsProcessingModelAlgorithm):
    """A bundled model with a translated display name in the provider's own group (a .model3 file can only
    hold one fixed name and group). The id stays ``mineplan:<model name>``."""

    def __init__(self, path: str):
        super().__init__()
        self._path = path
        if self.fromFile(path):
            self._order_parameters()

    def _order_parameters(self):
        """QGIS 3.22 lists a model's inputs alphabetically (the file keeps them in a map); show them in the
        order of the model's canvas instead (待审查要素 first), outputs last."""
        components = self.parameterComponents()
        defs = [d.clone() for d in self.parameterDefinitions()]
        for d in defs:
            self.removeParameter(d.name())

        def key(d):
            comp = components.get(d.name())
            pos = comp.position() if comp is not None else None
            return (d.isDestination(), pos.y() if pos is not None else 1e9, pos.x() if pos is not None else 0)
        for d in sorted(defs, key=key):
            self.addParameter(d)

    def displayName(self):  # noqa: N802 - QGIS API
        label, _ = MODEL_NAMES.get(self.name(), (self.name(), "review"))
        return tr(label)

    def group(self):
        return tr(GROUPS[MODEL_NAMES.get(self.name(), ("", "review"))[1]])

    def groupId(self):  # noqa: N802 - QGIS API
        return MODEL_NAMES.get(self.name(), ("", "review"))[1]

    def createInstance(self):  # noqa: N802 - QGIS API
        return MinePlanModel(self._path)


class MinePlanProvider(QgsProcessingProvider):
    ID = "mineplan"

    def id(self):
        return self.ID

    def name(self):
        return tr("Mineral Plan Review")

    def longName(self):  # noqa: N802 - QGIS API
        return tr("Mineral Plan Review — checks against a county mineral resources master plan")

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802 - QGIS API
        return ICON

    def loadAlgorithms(self):  # noqa: N802 - QGIS API
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for path in sorted(glob.glob(os.path.join(MODELS_DIR, "*.model3"))):
            model = MinePlanModel(path)
            if model.name():
                self.addAlgorithm(model)
