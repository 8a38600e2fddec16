"""Plan indicators from layers (QGIS side): read the rights and planning areas, let the rules engine
compare them with the plan's targets. Shared by mineplan:planindicators, the review and the dock."""
from __future__ import annotations

from ..rules.indicators import compute_indicators
from . import fields as F
from .areas import distance_area


def read_rights(source, layer_name: str, overrides: dict | None = None) -> tuple[list, F.FieldMap]:
    """One dict per right: mineral, scale, output, output_unit, label (NULL → None)."""
    fm = F.resolve(source.fields(), layer_name, ("id", "mineral", "scale", "output", "output_unit"), overrides)
    idx = fm.indexes(source.fields())
    rows = []
    for feat in source.getFeatures():
        rows.append({"mineral": F.value(feat, idx["mineral"]), "scale": F.value(feat, idx["scale"]),
                     "output": F.value(feat, idx["output"]), "output_unit": F.value(feat, idx["output_unit"]),
                     "label": str(F.value(feat, idx["id"]) or feat.id())})
    return rows, fm


def read_areas(source, with_zone_fields: bool = False) -> list:
    """Ellipsoidal (CGCS2000) area of every feature in km², with code/name/mineral when asked."""
    da = distance_area(source.sourceCrs())
    keys = ("id", "name", "mineral") if with_zone_fields else ("mineral",)
    fm = F.resolve(source.fields(), "", keys)
    idx = fm.indexes(source.fields())
    rows = []
    for feat in source.getFeatures():
        g = feat.geometry()
        if g.isNull() or g.isEmpty():
            area = None
        else:
            area = da.measureArea(g.makeValid() if not g.isGeosValid() else g) / 1e6
        rows.append({"area_km2": area, "code": F.value(feat, idx.get("id", -1)),
                     "name": F.value(feat, idx.get("name", -1)), "mineral": F.value(feat, idx["mineral"])})
    return rows


def indicators_from(rs, mining_rights=None, exploration_rights=None, exploration_blocks=None, mining_blocks=None,
                    concentrated=None, rights_name: str = "", overrides: dict | None = None):
    """(indicators, field map of the rights or None). Each argument is a feature source or None."""
    rights, fm = (read_rights(mining_rights, rights_name, overrides) if mining_rights is not None else (None, None))
    parts = [read_areas(s) if s is not None else None for s in (exploration_rights, exploration_blocks, mining_blocks)]
    conc = read_areas(concentrated, True) if concentrated is not None else None
    return compute_indicators(rs, rights, parts[0], parts[1], parts[2], conc), fm
