"""Map images for reports: one feature with the control lines and zones around it, a north arrow and a
scale bar. Works headless (qgis_process, offscreen) — no iface, no canvas."""
from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from .areas import gk_zone_crs

STYLES = {
    "eco": {"color": "230,60,60,110", "outline_color": "200,0,0,255", "outline_width": "0.5"},
    "reserve": {"color": "60,160,80,90", "outline_color": "20,110,40,255", "outline_width": "0.5",
                "style": "b_diagonal"},
    "farm": {"color": "250,220,90,150", "outline_color": "190,150,0,255", "outline_width": "0.15"},
    "urban": {"color": "150,150,150,120", "outline_color": "90,90,90,255", "outline_width": "0.4"},
    "zone": {"color": "0,0,0,0", "outline_color": "120,60,160,255", "outline_width": "0.6", "outline_style": "dash"},
    "other": {"color": "255,140,0,90", "outline_color": "200,100,0,255", "outline_width": "0.4"},
    "feature": {"color": "30,90,220,60", "outline_color": "0,40,200,255", "outline_width": "0.9"},
}
LEGEND = {"eco": "生态保护红线", "reserve": "自然保护地", "farm": "永久基本农田", "urban": "城镇开发边界",
          "zone": "规划分区", "other": "其他管控要素", "feature": "审查要素"}


def feature_layer(geom: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    lyr = QgsVectorLayer("MultiPolygon", "feature", "memory")
    lyr.setCrs(crs)
    f = QgsFeature()
    g = QgsGeometry(geom)
    g.convertToMultiType()
    f.setGeometry(g)
    lyr.dataProvider().addFeatures([f])
    lyr.updateExtents()
    lyr.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(STYLES["feature"])))
    return lyr


def _nice_length(max_m: float) -> float:
    if max_m <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * exp <= max_m:
            return f * exp
    return exp


def draw_north_arrow(p: QPainter, x: float, y: float, h: float = 46):
    w = h * 0.45
    left = QPainterPath()
    left.moveTo(x, y)
    left.lineTo(x - w / 2, y + h)
    left.lineTo(x, y + h * 0.72)
    left.closeSubpath()
    right = QPainterPath()
    right.moveTo(x, y)
    right.lineTo(x + w / 2, y + h)
    right.lineTo(x, y + h * 0.72)
    right.closeSubpath()
    p.setPen(QPen(QColor("black"), 1.2))
    p.setBrush(QColor("black"))
    p.drawPath(left)
    p.setBrush(QColor("white"))
    p.drawPath(right)
    p.setFont(QFont("Noto Sans CJK SC", 11, QFont.Bold))
    p.drawText(QRectF(x - 20, y - 22, 40, 20), Qt.AlignCenter, "N")


def draw_scale_bar(p: QPainter, x: float, y: float, units_per_pixel: float, max_px: float):
    length_m = _nice_length(units_per_pixel * max_px)
    px = length_m / units_per_pixel
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    p.setPen(QPen(QColor("black"), 1))
    for i in range(4):
        p.setBrush(QColor("black") if i % 2 == 0 else QColor("white"))
        p.drawRect(QRectF(x + i * px / 4, y, px / 4, 7))
    p.setFont(QFont("Noto Sans CJK SC", 9))
    p.drawText(QRectF(x - 20, y + 8, 40, 16), Qt.AlignCenter, "0")
    p.drawText(QRectF(x + px - 40, y + 8, 80, 16), Qt.AlignCenter, label)


def draw_legend(p: QPainter, x: float, y: float, keys):
    p.setFont(QFont("Noto Sans CJK SC", 9))
    row = 0
    for key in keys:
        st = STYLES[key]
        c = [int(v) for v in st["color"].split(",")]
        o = [int(v) for v in st["outline_color"].split(",")]
        p.setBrush(QColor(c[0], c[1], c[2], max(c[3], 60)))
        p.setPen(QPen(QColor(*o[:3]), 1.2, Qt.DashLine if st.get("outline_style") == "dash" else Qt.SolidLine))
        p.drawRect(QRectF(x, y + row * 18, 16, 11))
        p.setPen(QColor("black"))
        p.drawText(QRectF(x + 22, y + row * 18 - 3, 150, 16), Qt.AlignLeft | Qt.AlignVCenter, LEGEND[key])
        row += 1


def render_feature_map(geom: QgsGeometry, geom_crs: QgsCoordinateReferenceSystem, context_layers, out_path: str,
                       transform_context=None, size=(880, 540), min_width_m: float = 4000.0) -> str:
    """``context_layers``: list of (QgsVectorLayer, style key) — layers this thread owns (copies), styled
    here. Returns ``out_path`` (PNG)."""
    tctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    map_crs = geom_crs if geom_crs.isValid() and not geom_crs.isGeographic() else None
    g = QgsGeometry(geom)
    if map_crs is None:
        c = QgsCoordinateTransform(geom_crs, QgsCoordinateReferenceSystem("EPSG:4490"), tctx)
        lon = c.transform(g.centroid().asPoint()).x() if not g.isNull() else 111.0
        map_crs = gk_zone_crs(lon)
        g.transform(QgsCoordinateTransform(geom_crs, map_crs, tctx))
    bb = g.boundingBox()
    w, h = size
    cx, cy = bb.center().x(), bb.center().y()
    span = max(bb.width() * 2.4, bb.height() * 2.4 * w / h, min_width_m)
    ext = QgsRectangle(cx - span / 2, cy - span * h / w / 2, cx + span / 2, cy + span * h / w / 2)
    layers = [feature_layer(g, map_crs)]
    used = ["feature"]
    for lyr, style in context_layers:
        lyr.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(STYLES[style])))
        layers.append(lyr)
        if style not in used:
            used.append(style)
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(map_crs)
    ms.setExtent(ext)
    ms.setOutputSize(QSize(w, h))
    ms.setBackgroundColor(QColor(255, 255, 255))
    ms.setOutputDpi(96)
    ms.setTransformContext(tctx)
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("black"), 1))
    p.setBrush(Qt.NoBrush)
    p.drawRect(0, 0, w - 1, h - 1)
    draw_north_arrow(p, w - 36, 30)
    draw_scale_bar(p, 20, h - 34, ms.mapUnitsPerPixel(), w / 4)
    p.fillRect(QRectF(w - 170, h - 18 * len(used) - 16, 162, 18 * len(used) + 8), QColor(255, 255, 255, 220))
    draw_legend(p, w - 164, h - 18 * len(used) - 10, used)
    p.end()
    img.save(out_path, "PNG")
    return out_path


def is_polygon_layer(layer) -> bool:
    return layer is not None and layer.geometryType() == QgsWkbTypes.PolygonGeometry
