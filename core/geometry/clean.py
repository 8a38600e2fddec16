"""Geometry hygiene shared by every algorithm and dock: NULL/empty, invalid, non-polygon parts."""
from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import Qgis, QgsGeometry, QgsWkbTypes

from ..support import messages as M

REPAIR = 0
SKIP = 1
STOP = 2

OK = "ok"
REPAIRED = "repaired"
SKIPPED = "skipped"
NULL = "null"
UNUSABLE = "unusable"       # invalid, and repair left nothing polygonal: counted with the skipped


@dataclass
class GeometryStats:
    repaired: int = 0
    skipped: int = 0
    null: int = 0
    details: list = field(default_factory=list)   # (layer, feature label, status, message)

    def note(self, layer, label, status, message=""):
        if status == REPAIRED:
            self.repaired += 1
        elif status in (SKIPPED, UNUSABLE):
            self.skipped += 1
        elif status == NULL:
            self.null += 1
        if status != OK:
            self.details.append((layer, label, status, message))


def polygon_part(geom: QgsGeometry) -> QgsGeometry:
    """Keep only the polygonal part of a geometry (makeValid can return lines or points with it)."""
    if geom is None or geom.isNull():
        return QgsGeometry()
    if QgsWkbTypes.flatType(geom.wkbType()) != QgsWkbTypes.Type.GeometryCollection:
        return geom if geom.type() == QgsWkbTypes.GeometryType.PolygonGeometry else QgsGeometry()
    polys = []
    for part in geom.asGeometryCollection():
        if part.type() == QgsWkbTypes.GeometryType.PolygonGeometry and not part.isEmpty():
            polys.extend(part.asGeometryCollection() if part.isMultipart() else [part])
    if not polys:
        return QgsGeometry()
    return polys[0] if len(polys) == 1 else QgsGeometry.collectGeometry(polys)


def validity_error(geom: QgsGeometry) -> str:
    errors = geom.validateGeometry(Qgis.GeometryValidationEngine.Geos)
    return errors[0].what() if errors else ""


NOT_POLYGON = "not_polygon"


def usable_polygon(geom: QgsGeometry | None, mode: int, layer_name: str, feature_label: str,
                   stats: GeometryStats | None = None) -> tuple[QgsGeometry | None, str, str]:
    """(usable polygon geometry or None, status, why) — the one NULL / type / validity / repair sequence of
    every reader. ``mode``: 0 repair, 1 skip, 2 stop (raises). Status NOT_POLYGON (why: the WKB type) is left
    to the caller (an error for a constraint layer, an unusable feature under review); the others are counted
    in ``stats``. An invalid geometry that repairs to nothing is UNUSABLE."""
    if geom is None or geom.isNull() or geom.isEmpty():
        if stats is not None:
            stats.note(layer_name, feature_label, NULL)
        return None, NULL, ""
    if geom.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        return None, NOT_POLYGON, QgsWkbTypes.displayString(geom.wkbType())
    if geom.isGeosValid():
        return geom, OK, ""
    why = validity_error(geom)
    if mode == STOP:
        raise M.error(*M.invalid_geometry_stop_pair(layer_name, feature_label, why))
    if mode == SKIP:
        if stats is not None:
            stats.note(layer_name, feature_label, SKIPPED, why)
        return None, SKIPPED, why
    fixed = polygon_part(geom.makeValid())
    if fixed.isNull() or fixed.isEmpty():
        if stats is not None:
            stats.note(layer_name, feature_label, UNUSABLE, why)
        return None, UNUSABLE, why
    if stats is not None:
        stats.note(layer_name, feature_label, REPAIRED, why)
    return fixed, REPAIRED, why


def clean_geometry(geom: QgsGeometry | None, mode: int, layer_name: str, feature_label: str,
                   stats: GeometryStats | None = None) -> tuple[QgsGeometry | None, str]:
    """Return (usable polygon geometry or None, status). ``mode``: 0 repair, 1 skip, 2 stop (raises); a
    geometry that is not a polygon raises."""
    g, status, why = usable_polygon(geom, mode, layer_name, feature_label, stats)
    if status == NOT_POLYGON:
        raise M.error(*M.not_polygon_pair(layer_name, feature_label, why))
    return g, SKIPPED if status == UNUSABLE else status
