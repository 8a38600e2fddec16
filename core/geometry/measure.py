"""Area method, working CRS and the geometry conventions of the engine (docs/overlap.md, "Conventions").

Official Chinese statistics use ellipsoidal area on CGCS2000. Measuring every intersection piece with
``QgsDistanceArea.measureArea`` costs 3.5–18 µs per geometry; an equal-area projection on the same
ellipsoid gives the same number, so the engine works in that projection and takes planar areas there.
The projection is Lambert azimuthal equal-area centred on the data: unlike an Albers cone it has no
standard parallels that can collapse (near the equator the old Albers set-up had a cone constant of
≈ 1e-6 and areas 1.8e-4 too large), and it is equal-area on the ellipsoid everywhere.

Edges are straight in the CRS a layer is stored in. A geometry stored in a geographic CRS (EPSG:4490,
the usual delivery CRS of 三区三线 data) is densified in degrees (≤ DENSIFY_DEG per segment) before it is
projected, so its projected edges follow the lon/lat-straight edges (error bound in docs/overlap.md);
when the features under review and a constraint layer share that geographic CRS the engine intersects
them in it (see ``ConstraintIndex`` geographic mode), so an edge snapped in EPSG:4490 overlaps by 0 m².

AREA_METHOD 1 ("planar") measures in a projected working CRS: the input layer's CRS when it is
projected, else the CGCS2000 3° Gauss-Krüger zone of the data's centre — refused outside the zones
EPSG:4534–4554 cover (73.5–136.5°E), where it would silently measure in the wrong zone.
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsDistanceArea,
    QgsGeometry,
    QgsRectangle,
)
from qgis.PyQt.QtXml import QDomDocument

from ...rules.coordinates.export import zone_of_longitude
from ..support import messages as M

ELLIPSOIDAL = 0
PLANAR = 1
CGCS2000 = QgsCoordinateReferenceSystem("EPSG:4490")
CGCS2000_ELLIPSOID = "EPSG:1024"
DEFAULT_EXTENT = (110.0, 34.0, 111.5, 35.0)      # Lingbao, when no layer gives a usable extent
GK_MIN_LON, GK_MAX_LON = 73.5, 136.5             # EPSG:4534 (CM 75°E) … EPSG:4554 (CM 135°E), ±1.5°
GK_ZONE_HALF_WIDTH = 1.5
# densify edges of geographic geometries to ≤ 0.0002° (≈ 22 m) before projecting: the projected chord
# then deviates from the lon/lat-straight edge by ≤ L²·tanφ/(8R) ≈ 1e-5 m (φ ≤ 55°), i.e. an area error
# ≤ 1e-5 m² per metre of boundary
DENSIFY_DEG = 0.0002
MAX_ABS_PROJECTED = 1e8                          # metres; farther is not a coordinate on the Earth


@dataclass
class AreaContext:
    method: int
    crs: QgsCoordinateReferenceSystem
    label: str        # written to the ``area_method`` field
    label_en: str
    input_crs: QgsCoordinateReferenceSystem | None = None   # CRS of the features under review
    warnings: list = field(default_factory=list)            # (zh, en) notes for feedback.pushWarning
    demand: object = None     # constraints.Demand: the features under review, set by build_area_context

    def transform_from(self, src: QgsCoordinateReferenceSystem, context=None) -> QgsCoordinateTransform:
        ctx = context if context is not None else QgsCoordinateTransformContext()
        return checked_transform(src, self.crs, ctx)

    def shared_geographic_crs(self, layer_crs) -> QgsCoordinateReferenceSystem | None:
        """The geographic CRS a constraint layer shares with the features under review (ellipsoidal
        method only): overlays are then computed in it, where both layers' edges are straight."""
        if self.method != ELLIPSOIDAL or self.input_crs is None or layer_crs is None:
            return None
        if self.input_crs.isGeographic() and layer_crs == self.input_crs:
            return layer_crs
        return None


def gk_zone_supported(lon: float) -> bool:
    return GK_MIN_LON <= lon <= GK_MAX_LON


def gk_zone_crs(lon: float, strict: bool = False) -> QgsCoordinateReferenceSystem:
    """CGCS2000 3° Gauss-Krüger CRS without zone prefix for a longitude (EPSG:4534 = CM 75E …).
    Outside 73.5–136.5°E there is no such zone: ``strict`` raises, else the nearest zone is returned
    (good enough for drawing a map, never for measuring)."""
    if strict and not gk_zone_supported(lon):
        raise M.error(f"平面面积只支持 CGCS2000 3° 高斯-克吕格投影带（东经 {GK_MIN_LON}–{GK_MAX_LON}°），数据中心经度为 "
                      f"{lon:.3f}°。请改用椭球面积，或将图层转换为合适的投影坐标系。",
                      f"planar areas support the CGCS2000 3° Gauss-Krüger zones only ({GK_MIN_LON}–{GK_MAX_LON}°E); "
                      f"the data are centred on {lon:.3f}°. Use ellipsoidal areas or reproject the layer to a "
                      f"suitable projected CRS.")
    cm = zone_of_longitude(lon) * 3
    cm = min(max(cm, 75), 135)
    return QgsCoordinateReferenceSystem(f"EPSG:{4534 + (cm - 75) // 3}")


def _finite_rect(r: QgsRectangle) -> bool:
    vals = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
    return all(math.isfinite(v) for v in vals)


def extent_problem(crs, extent: QgsRectangle, layer_name: str = "", transform_context=None):
    """Refuse data whose coordinates cannot be on the Earth in ``crs`` (1e20, NaN, a projected layer
    read as degrees …) BEFORE anything is written: returns a bilingual MinePlanError naming the layer,
    or None when the extent is usable (or empty: a layer without geometries has nothing to check)."""
    if extent is None or extent.isNull():
        return None
    text = extent.toString(3) if _finite_rect(extent) else "NaN/inf"
    if crs is None or not crs.isValid():
        return M.error(f"图层 {layer_name} 没有有效的坐标参照系，无法计算面积。",
                       f"layer {layer_name} has no valid coordinate reference system; areas cannot be computed.")
    if not _finite_rect(extent):
        return _out_of_range(layer_name, crs, text)
    if crs.isGeographic():
        ok = -180.5 <= extent.xMinimum() and extent.xMaximum() <= 180.5 and -90.5 <= extent.yMinimum() \
            and extent.yMaximum() <= 90.5
        return None if ok else _out_of_range(layer_name, crs, text)
    if max(abs(extent.xMinimum()), abs(extent.xMaximum()), abs(extent.yMinimum()),
           abs(extent.yMaximum())) > MAX_ABS_PROJECTED:
        return _out_of_range(layer_name, crs, text)
    ctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    try:
        geo = QgsCoordinateTransform(crs, CGCS2000, ctx).transformBoundingBox(extent)
    except QgsCsException:
        return _out_of_range(layer_name, crs, text)
    if not _finite_rect(geo) or not _within(geo, _area_of_use(crs)):
        return _out_of_range(layer_name, crs, text)
    return None


def _area_of_use(crs) -> QgsRectangle:
    """The CRS's area of use widened by 10° (GK zones are used a little outside their 3° strip, a
    county's data straddle zone borders); an unknown area of use is the whole globe."""
    b = crs.bounds()
    if b is None or b.isNull() or b.isEmpty():
        return QgsRectangle(-180, -90, 180, 90)
    return QgsRectangle(b.xMinimum() - 10, b.yMinimum() - 10, b.xMaximum() + 10, b.yMaximum() + 10)


def _within(inner: QgsRectangle, outer: QgsRectangle) -> bool:
    return outer.contains(inner)


def _out_of_range(layer_name, crs, text):
    name = crs.authid() or crs.description()
    return M.error(f"图层 {layer_name} 的坐标范围（{text}）不在坐标系 {name} 的有效范围内：坐标或坐标系有误，未计算任何结果。",
                   f"layer {layer_name}: its extent ({text}) is outside the valid area of {name}: wrong coordinates "
                   f"or wrong CRS; nothing was computed.")


def geographic_extent(layers_and_extents, transform_context=None) -> QgsRectangle:
    """Union of (crs, extent) pairs in EPSG:4490 degrees. An extent with absurd coordinates (see
    ``extent_problem``) is left out, so one bad feature cannot move the working projection."""
    ctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    out = QgsRectangle()
    out.setMinimal()
    for crs, extent in layers_and_extents:
        if extent is None or extent.isNull() or extent_problem(crs, extent, "", ctx) is not None:
            continue
        try:
            tr = QgsCoordinateTransform(crs, CGCS2000, ctx)
            e = tr.transformBoundingBox(extent)
        except QgsCsException:  # an untransformable extent simply does not widen the box
            continue
        if _finite_rect(e):
            out.combineExtentWith(e)
    return out


def _usable_geo_extent(extent_geo) -> QgsRectangle:
    if extent_geo is None or extent_geo.isNull() or not _finite_rect(extent_geo) or extent_geo.width() > 360 \
            or extent_geo.xMinimum() < -180.5 or extent_geo.xMaximum() > 180.5 \
            or extent_geo.yMinimum() < -90.5 or extent_geo.yMaximum() > 90.5:
        return QgsRectangle(*DEFAULT_EXTENT)
    return extent_geo


# The CRS is named "unknown" and its readable name kept as the description and in a REMARK (which also makes
# every working CRS's WKT unique): QGIS identifies a new CRS with PROJ, and PROJ searches every CRS name of its
# database for a meaningful name — 60 of the 80 ms it took to make the working CRS, on every run and every dock
# task; "unknown" is not searched. The projection, datum and transforms are the same.
WORK_NAME = "CGCS2000 / MinePlan equal-area (LAEA {lat0:.6f} {lon0:.6f}) #{serial}"
WORK_WKT = (
    'PROJCRS["unknown",'
    'BASEGEOGCRS["China Geodetic Coordinate System 2000",'
    'DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],'
    'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],'
    'CONVERSION["Lambert Azimuthal Equal Area",METHOD["Lambert Azimuthal Equal Area",ID["EPSG",9820]],'
    'PARAMETER["Latitude of natural origin",{lat0:.6f},ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],'
    'PARAMETER["Longitude of natural origin",{lon0:.6f},ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],'
    'PARAMETER["False easting",0,LENGTHUNIT["metre",1],ID["EPSG",8806]],'
    'PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],'
    'CS[Cartesian,2],AXIS["easting (X)",east,ORDER[1],LENGTHUNIT["metre",1]],'
    'AXIS["northing (Y)",north,ORDER[2],LENGTHUNIT["metre",1]],REMARK["' + WORK_NAME + '"]]')


_SERIAL = 0
_DEFINITIONS: dict = {}     # description → WKT of the working CRSs made here (to rebuild them, see below)
# (lat0, lon0) → working CRS made in the main thread: that thread never ends, so its PROJ objects stay good, and
# a second run on the same data saves the 45 ms PROJ spends parsing and identifying the WKT; other threads (dock
# tasks, processing in the background) still make a CRS of their own each time
_MAIN_THREAD_CRS: dict = {}


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()     # Python's main thread: QGIS's GUI thread


def equal_area_crs(lat0: float, lon0: float) -> QgsCoordinateReferenceSystem:
    """The working CRS: Lambert azimuthal equal-area on CGCS2000, centred on the data. Written as WKT2 with
    CGCS2000 (EPSG:4490) as its base, so that reaching it from any CGCS2000 layer is a pure conversion: the
    same PROJ pipeline as '+proj=laea … +a=6378137 +rf=298.257222101', but without an unnamed datum, for which
    PROJ needs a 'ballpark' datum step that QGIS 3.22 stops providing in a long session (the transform then
    comes out invalid — a silent no-op). Never an invalid CRS: retried briefly, then refused."""
    key = (f"{lat0:.6f}", f"{lon0:.6f}")
    main = _in_main_thread()
    if main and key in _MAIN_THREAD_CRS:
        return QgsCoordinateReferenceSystem(_MAIN_THREAD_CRS[key])
    global _SERIAL
    _SERIAL += 1
    # a name of its own: QGIS serves a known WKT from a cache whose PROJ objects may belong to a thread that is
    # gone (a finished dock task); a new name makes a new CRS, in this thread
    wkt = WORK_WKT.format(lat0=lat0, lon0=lon0, serial=_SERIAL)
    for attempt in range(6):
        crs = _from_wkt(wkt, WORK_NAME.format(lat0=lat0, lon0=lon0, serial=_SERIAL))
        if crs.isValid():
            _DEFINITIONS[crs.description()] = wkt
            if main:
                _MAIN_THREAD_CRS[key] = QgsCoordinateReferenceSystem(crs)
            return crs
        time.sleep(0.05 * (attempt + 1))
    raise M.error(f"无法建立工作坐标系（CGCS2000 等积方位投影，中心 {lat0:.4f}, {lon0:.4f}），未计算任何面积；请重试",
                  f"the working CRS (CGCS2000 equal-area, centre {lat0:.4f}, {lon0:.4f}) could not be created; "
                  f"nothing was computed; please run again")


def _from_wkt(wkt: str, description: str) -> QgsCoordinateReferenceSystem:
    """``fromWkt`` with a description (the public way QGIS 3.22 offers: a CRS read from XML)."""
    doc = QDomDocument()
    root = doc.createElement("crs")
    doc.appendChild(root)
    srs = doc.createElement("spatialrefsys")
    root.appendChild(srs)
    for tag, text in (("wkt", wkt), ("description", description)):
        e = doc.createElement(tag)
        e.appendChild(doc.createTextNode(text))
        srs.appendChild(e)
    crs = QgsCoordinateReferenceSystem()
    crs.readXml(root)
    return crs


def _rebuilt(crs) -> QgsCoordinateReferenceSystem:
    """The same CRS made anew in this thread: from its authority code, or from the definition kept for the
    working CRSs made here."""
    if crs.authid():
        return QgsCoordinateReferenceSystem(crs.authid())
    wkt = _DEFINITIONS.get(crs.description())
    return _from_wkt(wkt, crs.description()) if wkt else QgsCoordinateReferenceSystem.fromWkt(crs.toWkt())


def checked_transform(src, dst, transform_context) -> QgsCoordinateTransform:
    """A transform between two valid CRSs that is itself valid — an invalid QgsCoordinateTransform is a silent
    no-op, and every area measured through it would be wrong. QGIS 3.22 keeps PROJ objects per thread inside
    shared CRS objects and caches; once the thread that made a CRS is gone (a finished dock task), the CRS can
    stop producing transforms in others (seen in the test suite). Then QGIS's CRS and transform caches are
    dropped, both CRSs made anew in this thread and the transform made again; still invalid → refused."""
    tr = QgsCoordinateTransform(src, dst, transform_context)
    if tr.isValid() or not src.isValid() or not dst.isValid():
        return tr
    global CACHE_RESETS
    CACHE_RESETS += 1
    QgsCoordinateReferenceSystem.invalidateCache()
    QgsCoordinateTransform.invalidateCache()
    tr = QgsCoordinateTransform(_rebuilt(src), _rebuilt(dst), transform_context)
    if not tr.isValid():
        name = src.authid() or src.description()
        raise M.error(f"无法建立坐标转换（{name} → {dst.authid() or dst.description()}），未计算任何面积；请重试",
                      f"no coordinate transform from {name} to {dst.authid() or dst.description()}; nothing was "
                      f"computed; please run again")
    return tr


CACHE_RESETS = 0      # how often checked_transform had to drop QGIS's transform cache (a test reads it)


def make_area_context(method: int, extent_geo: QgsRectangle, input_crs=None) -> AreaContext:
    extent_geo = _usable_geo_extent(extent_geo)
    lon0 = (extent_geo.xMinimum() + extent_geo.xMaximum()) / 2
    lat0 = (extent_geo.yMinimum() + extent_geo.yMaximum()) / 2
    if method == PLANAR:
        return _planar_context(extent_geo, lon0, input_crs)
    crs = equal_area_crs(lat0, lon0)
    return AreaContext(ELLIPSOIDAL, crs, "椭球面积（CGCS2000椭球）", "ellipsoidal (CGCS2000 ellipsoid)",
                       input_crs=input_crs)


def _planar_context(extent_geo, lon0, input_crs) -> AreaContext:
    warnings = []
    if input_crs is not None and input_crs.isValid() and not input_crs.isGeographic():
        crs = input_crs
    else:
        crs = gk_zone_crs(lon0, strict=True)
        cm = zone_of_longitude(lon0) * 3
        lo, hi = extent_geo.xMinimum(), extent_geo.xMaximum()
        if lo < cm - GK_ZONE_HALF_WIDTH - 0.5 or hi > cm + GK_ZONE_HALF_WIDTH + 0.5:
            warnings.append((f"数据跨越经度 {lo:.2f}–{hi:.2f}°，超出 {crs.authid()} 投影带（中央经线 {cm}°E ±1.5°），平面面积误差增大。",
                             f"the data span {lo:.2f}–{hi:.2f}°E, beyond the zone of {crs.authid()} (CM {cm}°E "
                             f"±1.5°): planar areas there are less accurate."))
    return AreaContext(PLANAR, crs, f"平面面积 {crs.authid() or crs.description()}",
                       f"planar in {crs.authid() or crs.description()}", input_crs=input_crs, warnings=warnings)


def densify_for(geom: QgsGeometry, crs) -> QgsGeometry:
    """``geom`` (stored in ``crs``) with its edges densified when ``crs`` is geographic, so that after
    projection they still follow the lon/lat-straight edge. Projected sources are returned as they are
    (a Gauss-Krüger-straight edge stays straight in the working projection within millimetres)."""
    if crs is None or not crs.isGeographic() or geom.isNull():
        return geom
    return geom.densifyByDistance(DENSIFY_DEG)


def transform_checked(geom: QgsGeometry, transform: QgsCoordinateTransform, src_crs, layer_name, label) -> QgsGeometry:
    """Densify (geographic sources), transform, and refuse a result that is not finite: PROJ returns
    inf/NaN rather than raising for coordinates such as 1e20, and an inf polygon measures 0 m²."""
    g = densify_for(QgsGeometry(geom), src_crs)
    try:
        g.transform(transform)
    except QgsCsException as exc:
        raise M.error(*M.cannot_transform_pair(layer_name, label, exc)) from None
    if not g.isEmpty() and not _finite_rect(g.boundingBox()):
        raise M.error(*M.cannot_transform_pair(layer_name, label, "inf/NaN"))
    return g


def distance_area(src_crs: QgsCoordinateReferenceSystem) -> QgsDistanceArea:
    """The reference measurer (for tests and single features)."""
    da = QgsDistanceArea()
    da.setSourceCrs(src_crs, QgsCoordinateTransformContext())
    da.setEllipsoid(CGCS2000_ELLIPSOID)
    return da
