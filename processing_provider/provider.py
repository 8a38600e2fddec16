"""The ``mineplan`` processing provider."""
from __future__ import annotations

import glob
import importlib
import os

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg")
MODELS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")


# (module, class) of every algorithm, in toolbox order.
ALGORITHMS = [
    ("validate_rules", "ValidateRules"),
    ("redline_overlap", "RedlineOverlap"),
    ("minimum_scale", "MinimumScale"),
    ("mineral_policy", "MineralPolicy"),
    ("zone_assignment", "ZoneAssignment"),
    ("plan_indicators", "PlanIndicators"),
    ("compliance_review", "ComplianceReview"),
    ("import_coordinates", "ImportCoordinates"),
]


def algorithm_classes():
    out = []
    for module, cls in ALGORITHMS:
        mod = importlib.import_module(f"{__package__}.{module}")
        out.append(getattr(mod, cls))
    return out


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
            model = QgsProcessingModelAlgorithm()
            if model.fromFile(path):
                self.addAlgorithm(model)
