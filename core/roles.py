"""Layer roles and review settings: which project layer is the red line, the farmland, the 集中开采区 …

Stored in the QGIS project (scope "mineplan", so a shared .qgz carries them), with defaults for new
projects in QgsSettings ("mineplan/…"). Layer roles are auto-detected from layer names (Chinese, pinyin
database codes, English) and can be overridden by the user.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from qgis.core import QgsMapLayerType, QgsProject, QgsSettings, QgsWkbTypes

from ..rules.vocab import CONTROL_ROLES, ROLES, ZONE_ROLES  # noqa: F401 - re-exported

SCOPE = "mineplan"

# role id → (Chinese label, English label, name patterns), from the one vocabulary. Order matters: first
# match wins.
ROLE_DEFS = [(r.id, r.zh, r.en, list(r.patterns)) for r in ROLES if r.patterns]
ROLE_IDS = [r[0] for r in ROLE_DEFS]
FIELD_KEYS = ["id", "name", "mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit", "activity"]
DEFAULTS = {"ruleset": "", "area_method": 0, "min_overlap_area": 1.0}



def detect_role(name: str) -> str | None:
    n = (name or "").casefold()
    for role, _, _, patterns in ROLE_DEFS:
        for p in patterns:
            if re.search(p, n):
                return role
    return None


@dataclass
class ReviewSettings:
    ruleset: str = ""                       # '' = bundled default, a plan id, or a file path
    area_method: int = 0                    # 0 ellipsoidal (CGCS2000), 1 planar
    min_overlap_area: float = 1.0           # sliver tolerance, m²
    roles: dict = field(default_factory=dict)    # role → layer id
    fields: dict = field(default_factory=dict)   # field key → field name (of the layer under review)

    # ---- persistence ------------------------------------------------------------------------------
    @classmethod
    def defaults(cls) -> ReviewSettings:
        s = QgsSettings()
        return cls(ruleset=s.value("mineplan/ruleset", DEFAULTS["ruleset"], type=str),
                   area_method=s.value("mineplan/area_method", DEFAULTS["area_method"], type=int),
                   min_overlap_area=s.value("mineplan/min_overlap_area", DEFAULTS["min_overlap_area"], type=float))

    def save_defaults(self):
        s = QgsSettings()
        s.setValue("mineplan/ruleset", self.ruleset)
        s.setValue("mineplan/area_method", self.area_method)
        s.setValue("mineplan/min_overlap_area", self.min_overlap_area)

    @classmethod
    def load(cls, project: QgsProject | None = None) -> ReviewSettings:
        project = project or QgsProject.instance()
        out = cls.defaults()
        value, ok = project.readEntry(SCOPE, "ruleset", "")
        if ok:
            out.ruleset = value
        value, ok = project.readNumEntry(SCOPE, "area_method", out.area_method)
        if ok:
            out.area_method = int(value)
        value, ok = project.readDoubleEntry(SCOPE, "min_overlap_area", out.min_overlap_area)
        if ok:
            out.min_overlap_area = float(value)
        for role in ROLE_IDS:
            value, ok = project.readEntry(SCOPE, f"role/{role}", "")
            if ok and value:
                out.roles[role] = value
        for key in FIELD_KEYS:
            value, ok = project.readEntry(SCOPE, f"field/{key}", "")
            if ok and value:
                out.fields[key] = value
        return out

    def save(self, project: QgsProject | None = None):
        project = project or QgsProject.instance()
        project.writeEntry(SCOPE, "ruleset", self.ruleset)
        project.writeEntry(SCOPE, "area_method", int(self.area_method))
        project.writeEntryDouble(SCOPE, "min_overlap_area", float(self.min_overlap_area))
        for role in ROLE_IDS:
            if self.roles.get(role):
                project.writeEntry(SCOPE, f"role/{role}", self.roles[role])
            else:
                project.removeEntry(SCOPE, f"role/{role}")
        for key in FIELD_KEYS:
            if self.fields.get(key):
                project.writeEntry(SCOPE, f"field/{key}", self.fields[key])
            else:
                project.removeEntry(SCOPE, f"field/{key}")

    # ---- layers ----------------------------------------------------------------------------------
    def layer(self, role: str, project: QgsProject | None = None):
        project = project or QgsProject.instance()
        lid = self.roles.get(role)
        lyr = project.mapLayer(lid) if lid else None
        return lyr if lyr is not None and lyr.isValid() else None


    def auto_detect(self, project: QgsProject | None = None, overwrite: bool = False) -> dict:
        """Fill roles from layer names; returns role → layer id of what was (re)assigned."""
        project = project or QgsProject.instance()
        found = {}
        for lyr in project.mapLayers().values():
            if lyr.type() != QgsMapLayerType.VectorLayer:
                continue
            role = detect_role(lyr.name()) or detect_role(lyr.source().split("|")[-1])
            if role is None:
                continue
            if role not in ("mining_rights", "exploration_rights") and lyr.geometryType() != QgsWkbTypes.PolygonGeometry:
                continue
            if role in found:
                continue
            if overwrite or not self.layer(role, project):
                found[role] = lyr.id()
        self.roles.update(found)
        return found
