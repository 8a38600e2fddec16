"""Shared base class of the mineplan algorithms: group, help, tr, rule-set parameter, fields."""
from __future__ import annotations

import os

from qgis.core import (QgsField, QgsFields, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsProcessingParameterFile)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr
from ..rules import RuleSetError, load_ruleset

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg")

GROUPS = {
    "rules": "Rule set",
    "checks": "Plan checks",
    "review": "Plan review and indicators",
    "data": "Data import",
}

_TYPES = {"str": QVariant.String, "int": QVariant.Int, "double": QVariant.Double,
          "bool": QVariant.Int, "long": QVariant.LongLong}


def make_field(name: str, kind: str, alias: str = "", length: int = 0, precision: int = 0) -> QgsField:
    """ASCII snake_case field with a Chinese alias (users see the alias first)."""
    f = QgsField(name, _TYPES[kind], "", length, precision)
    if alias:
        f.setAlias(alias)
    return f


def fields_from(spec) -> QgsFields:
    out = QgsFields()
    for item in spec:
        out.append(make_field(*item))
    return out


class MinePlanAlgorithm(QgsProcessingAlgorithm):
    """Small base: subclasses set ``ALG_ID``, ``GROUP``, ``NAME`` (English source text) and implement
    ``initAlgorithm``/``processAlgorithm``/``help_text``."""

    ALG_ID = ""
    GROUP = "checks"
    NAME = ""
    RULESET = "RULESET"

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
        return QIcon(ICON)

    def help_text(self) -> str:
        return ""

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return self.help_text()

    def shortDescription(self):  # noqa: N802 - QGIS API
        text = self.help_text()
        return text.split("\n")[0] if text else ""

    # ---- shared parameters ---------------------------------------------------------------------------
    def add_ruleset_parameter(self):
        p = QgsProcessingParameterFile(
            self.RULESET, tr("Plan rule file (empty = bundled Lingbao 2021-2025 plan)"),
            behavior=QgsProcessingParameterFile.File, extension="", defaultValue=None, optional=True,
            fileFilter="YAML (*.yaml *.yml)")
        p.setHelp(tr("A plan rule file (YAML). Leave empty for the bundled 灵宝市矿产资源总体规划（2021-2025年）; "
                     "a bundled plan id such as lingbao_2021_2025 is accepted too."))
        self.addParameter(p)

    def ruleset(self, parameters, context):
        value = self.parameterAsFile(parameters, self.RULESET, context) if self.RULESET in parameters else ""
        try:
            return load_ruleset(value or None)
        except RuleSetError as exc:
            raise QgsProcessingException(str(exc)) from None

    @staticmethod
    def ruleset_help() -> str:
        return tr("RULESET: the plan rule file; empty means the bundled Lingbao plan. Every verdict cites the "
                  "clause of that plan it applies.")
