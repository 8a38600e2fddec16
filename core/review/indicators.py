"""Plan indicators from layers (QGIS side): read the rights and planning areas, let the rules engine
compare them with the plan's targets. Shared by mineplan:planindicators, the review and the dock.

Values the indicators cannot use (a duplicated licence number, an output that is negative, not a number or
not finite, a block without a usable area) are collected as ``rules.checks.indicators.InputProblem`` — counted and
listed by the caller, never silently summed or dropped."""
from __future__ import annotations

import math

from ...rules.checks.indicators import compute_indicators
from ..geometry.measure import distance_area
from ..inputs import field_map as F


def rights_fields(source, layer_name: str, overrides: dict | None = None) -> F.FieldMap:
    """The fields read_rights reads (the user's choices checked, the rest detected)."""
    return F.resolve(source.fields(), layer_name, ("id", "mineral", "scale", "output", "output_unit", "licence"),
                     overrides)


def read_rights(source, layer_name: str, overrides: dict | None = None) -> tuple[list, F.FieldMap]:
    """One dict per right: mineral, scale, output, output_unit, licence, label (NULL → None)."""
    fm = rights_fields(source, layer_name, overrides)
    idx = fm.indexes(source.fields())
    rows = []
    for feat in source.getFeatures():
        ident = F.value(feat, idx["id"])
        rows.append({"mineral": F.value(feat, idx["mineral"]), "scale": F.value(feat, idx["scale"]),
                     "output": F.value(feat, idx["output"]), "output_unit": F.value(feat, idx["output_unit"]),
                     "licence": F.value(feat, idx["licence"]),
                     "label": str(ident) if ident not in (None, "") else str(feat.id())})
    return rows, fm


def read_areas(source, with_zone_fields: bool = False) -> list:
    """Ellipsoidal (CGCS2000) area of every feature in km², with code/name/mineral when asked. A feature
    without a usable geometry, or whose area is not finite, has ``area_km2`` None (listed by the indicators)."""
    da = distance_area(source.sourceCrs())
    keys = ("id", "name", "mineral") if with_zone_fields else ("id", "mineral")
    fm = F.resolve(source.fields(), "", keys)
    idx = fm.indexes(source.fields())
    rows = []
    for feat in source.getFeatures():
        g = feat.geometry()
        area = None
        if g is not None and not g.isNull() and not g.isEmpty():
            try:
                area = da.measureArea(g.makeValid() if not g.isGeosValid() else g) / 1e6
            except Exception:  # noqa: BLE001 - a geometry that cannot be measured has no area (listed)
                area = None
            if area is not None and not math.isfinite(area):
                area = float("nan")
        code = F.value(feat, idx.get("id", -1))
        rows.append({"area_km2": area, "code": code, "name": F.value(feat, idx.get("name", -1)),
                     "mineral": F.value(feat, idx["mineral"]), "label": str(code) if code not in (None, "")
                     else str(feat.id())})
    return rows


def indicators_from(rs, mining_rights=None, exploration_rights=None, exploration_blocks=None, mining_blocks=None,
                    concentrated=None, rights_name: str = "", overrides: dict | None = None,
                    problems: list | None = None, layer_names: dict | None = None):
    """(indicators, field map of the rights or None). Each argument is a feature source or None; ``problems``
    receives an InputProblem per value that could not be used."""
    rights, fm = (read_rights(mining_rights, rights_name, overrides) if mining_rights is not None else (None, None))
    parts = [read_areas(s) if s is not None else None for s in (exploration_rights, exploration_blocks, mining_blocks)]
    conc = read_areas(concentrated, True) if concentrated is not None else None
    names = {"mining_rights": rights_name, **(layer_names or {})}
    return compute_indicators(rs, rights, parts[0], parts[1], parts[2], conc, problems=problems,
                              layer_names=names), fm
