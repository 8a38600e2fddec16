"""Polygon operations that always return a valid polygonal geometry (an empty one when nothing is left):
the set algebra of the siting and avoidance engines."""
from __future__ import annotations

from qgis.core import QgsGeometry

from .clean import polygon_part


def make_valid(g: QgsGeometry) -> QgsGeometry:
    if g is None or g.isNull() or g.isEmpty():
        return QgsGeometry()
    if not g.isGeosValid():
        g = polygon_part(g.makeValid())
    return polygon_part(g)


def union(geoms) -> QgsGeometry:
    geoms = [g for g in geoms if g is not None and not g.isNull() and not g.isEmpty()]
    if not geoms:
        return QgsGeometry()
    if len(geoms) == 1:
        return QgsGeometry(geoms[0])
    return make_valid(QgsGeometry.unaryUnion(geoms))


def subtract(geom: QgsGeometry, others) -> QgsGeometry:
    """geom − ⋃others, polygonal and valid (an empty geometry when nothing is left)."""
    others = [o for o in others if o is not None and not o.isNull() and not o.isEmpty()]
    if geom.isNull() or geom.isEmpty() or not others:
        return geom
    u = union(others)
    if u.isEmpty():
        return geom
    d = geom.difference(u)
    if d.isNull() and d.lastError():
        d = make_valid(geom).difference(make_valid(u))
    return make_valid(d)


def intersect(geom: QgsGeometry, other: QgsGeometry) -> QgsGeometry:
    if geom.isNull() or geom.isEmpty() or other.isNull() or other.isEmpty():
        return QgsGeometry()
    if not geom.boundingBox().intersects(other.boundingBox()):
        return QgsGeometry()
    return make_valid(geom.intersection(other))


def parts(geom: QgsGeometry) -> list:
    if geom is None or geom.isNull() or geom.isEmpty():
        return []
    return [p for p in (geom.asGeometryCollection() if geom.isMultipart() else [QgsGeometry(geom)]) if not p.isEmpty()]
