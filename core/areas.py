"""Area method and working CRS.

Official Chinese statistics use ellipsoidal area on CGCS2000. Measuring every intersection piece with
``QgsDistanceArea.measureArea`` costs 3.5–18 µs per geometry; an equal-area (Albers) projection on the
same ellipsoid gives the same number (straight edges in the projection instead of in lon/lat: the
difference is far below a square metre for planning features), so the engine works in that projection
and takes planar areas there.

AREA_METHOD 1 ("planar") measures in a projected working CRS: the input layer's CRS when it is
projected, else the CGCS2000 3° Gauss-Krüger zone (no prefix) of the data's centre.
"""
from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsDistanceArea,
    QgsRectangle,
)

ELLIPSOIDAL = 0
PLANAR = 1
CGCS2000 = QgsCoordinateReferenceSystem("EPSG:4490")
CGCS2000_ELLIPSOID = "EPSG:1024"
# CGCS2000 ellipsoid: a = 6378137 m, 1/f = 298.257222101
CGCS2000_PROJ = "+a=6378137 +rf=298.257222101"


@dataclass
class AreaContext:
    method: int
    crs: QgsCoordinateReferenceSystem
    label: str        # written to the ``area_method`` field
    label_en: str

    def transform_from(self, src: QgsCoordinateReferenceSystem, context=None) -> QgsCoordinateTransform:
        ctx = context if context is not None else QgsCoordinateTransformContext()
        return QgsCoordinateTransform(src, self.crs, ctx)


def gk_zone_crs(lon: float) -> QgsCoordinateReferenceSystem:
    """CGCS2000 3° Gauss-Krüger CRS without zone prefix for a longitude (EPSG:4534 = CM 75E …)."""
    cm = int(round(lon / 3.0)) * 3
    cm = min(max(cm, 75), 135)
    return QgsCoordinateReferenceSystem(f"EPSG:{4534 + (cm - 75) // 3}")


def geographic_extent(layers_and_extents, transform_context=None) -> QgsRectangle:
    """Union of (crs, extent) pairs in EPSG:4490 degrees."""
    ctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    out = QgsRectangle()
    out.setMinimal()
    for crs, extent in layers_and_extents:
        if extent is None or extent.isNull():
            continue
        try:
            tr = QgsCoordinateTransform(crs, CGCS2000, ctx)
            e = tr.transformBoundingBox(extent)
        except QgsCsException:  # an untransformable extent simply does not widen the box
            continue
        if e.isFinite():
            out.combineExtentWith(e)
    return out


def make_area_context(method: int, extent_geo: QgsRectangle, input_crs=None) -> AreaContext:
    if extent_geo is None or extent_geo.isNull() or not extent_geo.isFinite() or extent_geo.width() > 360:
        extent_geo = QgsRectangle(110.0, 34.0, 111.5, 35.0)
    lon0 = (extent_geo.xMinimum() + extent_geo.xMaximum()) / 2
    lat_min, lat_max = extent_geo.yMinimum(), extent_geo.yMaximum()
    if method == PLANAR:
        if input_crs is not None and input_crs.isValid() and not input_crs.isGeographic():
            crs = input_crs
        else:
            crs = gk_zone_crs(lon0)
        return AreaContext(PLANAR, crs, f"平面面积 {crs.authid() or crs.description()}",
                           f"planar in {crs.authid() or crs.description()}")
    span = max(lat_max - lat_min, 0.2)
    lat0 = (lat_min + lat_max) / 2
    lat1, lat2 = lat0 - span / 3, lat0 + span / 3
    proj = (f"+proj=aea +lat_0={lat0:.6f} +lat_1={lat1:.6f} +lat_2={lat2:.6f} +lon_0={lon0:.6f} "
            f"+x_0=0 +y_0=0 {CGCS2000_PROJ} +units=m +no_defs")
    crs = QgsCoordinateReferenceSystem.fromProj(proj)
    return AreaContext(ELLIPSOIDAL, crs, "椭球面积（CGCS2000椭球）", "ellipsoidal (CGCS2000 ellipsoid)")


def distance_area(src_crs: QgsCoordinateReferenceSystem) -> QgsDistanceArea:
    """The reference measurer (for tests and single features)."""
    da = QgsDistanceArea()
    da.setSourceCrs(src_crs, QgsCoordinateTransformContext())
    da.setEllipsoid(CGCS2000_ELLIPSOID)
    return da

