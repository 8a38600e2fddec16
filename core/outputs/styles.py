"""Map styles shared by the sample project, the report maps and the algorithms' result layers.

* ``ROLE_STYLES``: one fill style per layer role (the sample project and the report maps draw a role the
  same way, so the report legend matches what the planner sees in QGIS);
* ``verdict_renderer``: a categorized renderer of a result layer by its verdict field, colours from the one
  vocabulary (``rules.model.vocab.COLOURS``);
* ``style_result_layer``: Chinese field aliases and the verdict renderer on a result layer — used by the
  processing post-processor (layers loaded by a dialog, ``runAndLoadResults``) and on temporary outputs
  (``processing.run``).
"""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ...rules.model.vocab import COLOURS, FINAL_VERDICTS, MET, NO_DATA, NOT_MET, VERDICT_EN
from ..support.i18n import label

# fill styles (QgsFillSymbol.createSimple properties) by role; "feature" is the feature under review in a map
ROLE_STYLES = {
    "proposed": {"color": "30,90,220,90", "outline_color": "0,40,200,255", "outline_width": "0.6"},
    "mining_rights": {"color": "150,90,40,110", "outline_color": "110,60,20,255", "outline_width": "0.3"},
    "exploration_rights": {"color": "0,0,0,0", "outline_color": "150,90,40,255", "outline_width": "0.4",
                           "outline_style": "dash"},
    "mblk": {"color": "255,150,0,100", "outline_color": "200,100,0,255", "outline_width": "0.5"},
    "eblk": {"color": "150,120,200,70", "outline_color": "110,80,170,255", "outline_width": "0.3"},
    "conc": {"color": "255,200,0,90", "outline_color": "220,150,0,255", "outline_width": "0.8"},
    "kmin": {"color": "0,0,0,0", "outline_color": "160,40,40,255", "outline_width": "0.8", "outline_style": "dash"},
    "kexp": {"color": "0,0,0,0", "outline_color": "40,40,160,255", "outline_width": "0.8", "outline_style": "dot"},
    "kdev": {"color": "0,0,0,0", "outline_color": "120,120,120,255", "outline_width": "0.4", "outline_style": "dash"},
    "urban": {"color": "150,150,150,120", "outline_color": "90,90,90,255", "outline_width": "0.4"},
    "farm": {"color": "250,220,90,160", "outline_color": "190,150,0,255", "outline_width": "0.1"},
    "reserve": {"color": "60,160,80,90", "outline_color": "20,110,40,255", "outline_width": "0.5",
                "style": "b_diagonal"},
    "eco": {"color": "230,60,60,110", "outline_color": "200,0,0,255", "outline_width": "0.5"},
    "other": {"color": "255,140,0,90", "outline_color": "200,100,0,255", "outline_width": "0.4"},
    "county": {"color": "0,0,0,0", "outline_color": "0,0,0,255", "outline_width": "0.8", "outline_style": "dash"},
    "feature": {"color": "30,90,220,70", "outline_color": "0,40,200,255", "outline_width": "1.0"},
}
# drawing order in maps, bottom first
ROLE_ORDER = ["county", "farm", "urban", "eco", "reserve", "other", "kdev", "kexp", "kmin", "conc", "eblk", "mblk",
              "exploration_rights", "mining_rights", "proposed", "feature"]


def role_symbol(role: str) -> QgsFillSymbol:
    base = "other" if role.startswith("other_") else role
    return QgsFillSymbol.createSimple(dict(ROLE_STYLES.get(base, ROLE_STYLES["other"])))


def rgba(text: str) -> QColor:
    parts = [int(v) for v in text.split(",")]
    return QColor(*parts)


# ---- result layers ------------------------------------------------------------------------------------------
VERDICT_FIELD = "verdict"
REVIEW_MARKER = "overlap_verdict"         # only the review's output has it: its verdicts are the final three
CHECK_CODES = [c for c in COLOURS if c not in (MET, NOT_MET, NO_DATA)]


def _symbol(geometry_type, colour: str):
    c = QColor(colour)
    fill = QColor(c)
    fill.setAlpha(110)
    name = c.name()
    if geometry_type == QgsWkbTypes.GeometryType.PolygonGeometry:
        return QgsFillSymbol.createSimple({"color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
                                           "outline_color": name, "outline_width": "0.6"})
    if geometry_type == QgsWkbTypes.GeometryType.LineGeometry:
        return QgsLineSymbol.createSimple({"color": name, "width": "0.8"})
    return QgsMarkerSymbol.createSimple({"color": name, "size": "3", "outline_color": "white"})


def verdict_codes(layer, field: str = VERDICT_FIELD) -> list:
    """The codes a result layer's legend lists: the ones present (vocabulary order), else (an empty layer,
    styled when its sink is created) every code the algorithm can write."""
    idx = layer.fields().lookupField(field)
    present = set()
    if layer.featureCount() > 0 and idx >= 0:
        present = {v for v in layer.uniqueValues(idx) if isinstance(v, str) and v}
    if layer.fields().lookupField(REVIEW_MARKER) >= 0:
        known = list(FINAL_VERDICTS)
    else:
        known = CHECK_CODES
    if present:
        return [c for c in known if c in present] + sorted(present - set(known))
    return list(known)


def verdict_renderer(layer, field: str = VERDICT_FIELD) -> QgsCategorizedSymbolRenderer | None:
    """Categorized by ``field`` (符合 green, 不符合/冲突 red, 需论证… amber, 不适用 grey); None when the layer
    has no such field or no geometry."""
    if layer.fields().lookupField(field) < 0 or layer.geometryType() in (QgsWkbTypes.GeometryType.NullGeometry,
                                                                         QgsWkbTypes.GeometryType.UnknownGeometry):
        return None
    gtype = layer.geometryType()
    categories = []
    for code in verdict_codes(layer, field):
        colour = COLOURS.get(code, "#757575")
        categories.append(QgsRendererCategory(code, _symbol(gtype, colour), label(code, VERDICT_EN.get(code, code))))
    other = _symbol(gtype, "#9e9e9e")
    categories.append(QgsRendererCategory(None, other, label("其他", "other")))
    renderer = QgsCategorizedSymbolRenderer(field, categories)
    renderer.setSourceSymbol(QgsSymbol.defaultSymbol(gtype) or other.clone())
    return renderer


def set_aliases(layer, aliases: dict):
    for name, alias in aliases.items():
        idx = layer.fields().lookupField(name)
        if idx >= 0 and alias:
            layer.setFieldAlias(idx, alias)


def style_result_layer(layer, aliases: dict | None = None) -> bool:
    """Aliases and the verdict renderer on a result layer; True when a renderer was set."""
    if layer is None or not hasattr(layer, "fields"):
        return False
    if aliases:
        set_aliases(layer, aliases)
    renderer = verdict_renderer(layer)
    if renderer is None:
        return False
    layer.setRenderer(renderer)
    if hasattr(layer, "triggerRepaint"):
        layer.triggerRepaint()
    return True
