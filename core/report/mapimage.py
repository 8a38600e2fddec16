"""Map images for reports: one feature with the control lines, zones, planning blocks and rights around it,
labels, the county boundary (and a locator inset of the whole county), a legend readable in print, a scale
bar and a north arrow. Works headless (qgis_process, offscreen) and in a background thread: every layer
drawn is a memory copy this thread owns — no iface, no canvas, no project layer.

Sizes are given for print: the image is ``width_mm`` × ``height_mm`` at ``dpi``; symbols, labels and the
legend are sized in points/millimetres, so a legend of 8 pt prints at 8 pt whatever the pixel size.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen

from ..geometry.measure import checked_transform, gk_zone_crs
from ..outputs.styles import ROLE_ORDER, ROLE_STYLES, rgba, role_symbol
from ..support.qtcompat import FIELD_TYPES
from .pdf import cjk_family

MAP_WIDTH_MM = 170.0
MAP_HEIGHT_MM = 88.0
MAP_DPI = 200
LEGEND_PT = 8.0
LABEL_PT = 7.0


@dataclass
class MapLayer:
    """A memory copy to draw: ``role`` picks its style (core/outputs/styles.py), ``legend`` its legend text; features
    carry a ``label`` attribute (empty = no label)."""

    role: str
    layer: QgsVectorLayer
    legend: str
    labels: bool = True


def memory_copy(features, crs: QgsCoordinateReferenceSystem, name: str, labels=None) -> QgsVectorLayer:
    """A MultiPolygon memory layer with one ``label`` field, filled with ``features`` (their geometries)."""
    lyr = QgsVectorLayer("MultiPolygon", name, "memory")
    lyr.setCrs(crs)
    lyr.dataProvider().addAttributes([QgsField("label", FIELD_TYPES["str"])])
    lyr.updateFields()
    out = []
    for i, feat in enumerate(features):
        g = QgsGeometry(feat.geometry() if hasattr(feat, "geometry") else feat)
        if g.isNull() or g.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
            continue
        g.convertToMultiType()
        f = QgsFeature(lyr.fields())
        f.setGeometry(g)
        f.setAttributes([labels[i] if labels is not None and i < len(labels) else None])
        out.append(f)
    lyr.dataProvider().addFeatures(out)
    lyr.updateExtents()
    return lyr


def _pt_px(pt: float, dpi: float) -> float:
    return pt / 72.0 * dpi


def _font(pt: float, dpi: float, bold: bool = False) -> QFont:
    f = QFont(cjk_family() or "Sans Serif")
    f.setPixelSize(max(6, int(round(_pt_px(pt, dpi)))))
    f.setBold(bold)
    return f


def _labeling(role: str) -> QgsVectorLayerSimpleLabeling:
    s = QgsPalLayerSettings()
    s.fieldName = "label"
    fmt = QgsTextFormat()
    fmt.setFont(QFont(cjk_family() or "Sans Serif"))
    fmt.setSize(LABEL_PT + (1.0 if role == "feature" else 0.0))
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    st = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    colour = rgba(st["outline_color"])
    fmt.setColor(QColor("black") if role in ("feature", "proposed", "farm") else colour.darker(130))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor(255, 255, 255, 230))
    fmt.setBuffer(buf)
    s.setFormat(fmt)
    # 3.26+: Qgis.LabelPlacement; on 3.40 QgsPalLayerSettings.OverPoint is a LabelPredefinedPointPosition (12)
    placement = getattr(Qgis, "LabelPlacement", QgsPalLayerSettings)
    s.placement = placement.Horizontal if role != "feature" else placement.OverPoint
    s.priority = 10 if role == "feature" else 5
    return QgsVectorLayerSimpleLabeling(s)


def _nice_length(max_m: float) -> float:
    if max_m <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * exp <= max_m:
            return f * exp
    return exp


def draw_north_arrow(p: QPainter, x: float, y: float, h: float, letter: str = "N"):
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
    p.setPen(QPen(QColor("black"), max(1.0, h / 40)))
    p.setBrush(QColor("black"))
    p.drawPath(left)
    p.setBrush(QColor("white"))
    p.drawPath(right)
    p.setPen(QColor("black"))
    font = QFont(cjk_family() or "Sans Serif")
    font.setPixelSize(int(h * 0.42))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(x - h, y - h * 0.55, 2 * h, h * 0.5), Qt.AlignmentFlag.AlignCenter, letter)


def draw_scale_bar(p: QPainter, x: float, y: float, units_per_pixel: float, max_px: float, dpi: float,
                   lang: str = "zh"):
    length_m = _nice_length(units_per_pixel * max_px)
    px = length_m / units_per_pixel
    if length_m >= 1000:
        text = f"{length_m / 1000:g} 千米" if lang == "zh" else f"{length_m / 1000:g} km"
    else:
        text = f"{length_m:g} 米" if lang == "zh" else f"{length_m:g} m"
    bar_h = _pt_px(4, dpi)
    font = _font(LEGEND_PT, dpi)
    p.setFont(font)
    p.fillRect(QRectF(x - bar_h, y - _pt_px(LEGEND_PT + 5, dpi), px + 2 * bar_h + _pt_px(40, dpi),
                      bar_h + _pt_px(LEGEND_PT + 8, dpi)), QColor(255, 255, 255, 215))
    p.setPen(QPen(QColor("black"), max(1.0, dpi / 120)))
    for i in range(4):
        p.setBrush(QColor("black") if i % 2 == 0 else QColor("white"))
        p.drawRect(QRectF(x + i * px / 4, y, px / 4, bar_h))
    th = _pt_px(LEGEND_PT + 3, dpi)
    p.drawText(QRectF(x - 40, y - th, 80, th), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, "0")
    p.drawText(QRectF(x + px - 200, y - th, 400, th), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
    return length_m


def draw_legend(p: QPainter, right: float, bottom: float, entries, dpi: float, title: str = ""):
    """``entries``: (style dict, text); drawn in a white box whose bottom-right corner is (right, bottom)."""
    font = _font(LEGEND_PT, dpi)
    p.setFont(font)
    metrics = p.fontMetrics()
    row_h = _pt_px(LEGEND_PT * 1.6, dpi)
    sw, sh = _pt_px(16, dpi), _pt_px(9, dpi)
    pad = _pt_px(5, dpi)
    text_w = max([metrics.horizontalAdvance(t) if hasattr(metrics, "horizontalAdvance") else metrics.width(t)
                  for _, t in entries] + [0])
    title_h = row_h if title else 0
    w = pad * 3 + sw + text_w
    h = pad * 2 + row_h * len(entries) + title_h
    box = QRectF(right - w, bottom - h, w, h)
    p.setPen(QPen(QColor(120, 120, 120), max(1.0, dpi / 150)))
    p.setBrush(QColor(255, 255, 255, 235))
    p.drawRect(box)
    y = box.top() + pad
    if title:
        bold = _font(LEGEND_PT, dpi, bold=True)
        p.setFont(bold)
        p.setPen(QColor("black"))
        p.drawText(QRectF(box.left() + pad, y, w - 2 * pad, row_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        p.setFont(font)
        y += row_h
    for st, text in entries:
        fill = rgba(st["color"])
        if fill.alpha() > 0:
            fill.setAlpha(max(fill.alpha(), 70))
        outline = rgba(st["outline_color"])
        style = {"dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}.get(st.get("outline_style", ""), Qt.PenStyle.SolidLine)
        swatch = QRectF(box.left() + pad, y + (row_h - sh) / 2, sw, sh)
        p.setPen(Qt.PenStyle.NoPen)
        if fill.alpha() > 0:
            p.fillRect(swatch, fill)
        if st.get("style") == "b_diagonal":
            p.fillRect(swatch, QBrush(outline, Qt.BrushStyle.BDiagPattern))
        width_mm = min(float(st.get("outline_width", 0.4)), 0.6)
        p.setPen(QPen(outline, max(1.0, width_mm / 25.4 * dpi), style))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(swatch)
        p.setPen(QColor("black"))
        p.drawText(QRectF(box.left() + 2 * pad + sw, y, text_w + pad, row_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        y += row_h


GRID_STEPS = (50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0, 25000.0, 50000.0)
GRID_MARGIN_MM = (15.0, 5.0)          # left/right, top/bottom frame around a gridded map (for the labels)


def grid_interval(extent: QgsRectangle, short_lines: int = 7, long_lines: int = 12) -> float:
    """The smallest round grid interval (m) with at most ``short_lines`` lines across the map's shorter side
    and ``long_lines`` along the longer one: 500 m for a map 2–3.5 km high, 1 km for 3.5–7 km …"""
    short, long_ = sorted((extent.width(), extent.height()))
    for step in GRID_STEPS:
        if short / step <= short_lines and long_ / step <= long_lines:
            return step
    return GRID_STEPS[-1]


def grid_values(lo: float, hi: float, step: float) -> list:
    """Multiples of ``step`` strictly inside (lo, hi)."""
    first = math.floor(lo / step) + 1
    out = []
    k = first
    while k * step < hi:
        out.append(k * step)
        k += 1
    return out


def grid_label(value: float) -> str:
    return f"{value:.0f}"


def draw_grid(p: QPainter, extent: QgsRectangle, ox: float, oy: float, w: float, h: float, dpi: float,
              step: float | None = None) -> dict:
    """A coordinate grid over the map drawn at (ox, oy, w, h) in a frame: lines every ``step`` metres of the
    projected CRS (Gauss-Krüger: X northing, Y easting), X labelled in the left and right margins, Y in the top
    and bottom ones. Returns {step, x: [northings], y: [eastings], labels: [texts]}."""
    step = step or grid_interval(extent)
    ups_x, ups_y = extent.width() / w, extent.height() / h
    xs = grid_values(extent.yMinimum(), extent.yMaximum(), step)      # northings: horizontal lines
    ys = grid_values(extent.xMinimum(), extent.xMaximum(), step)      # eastings: vertical lines
    p.save()
    p.setPen(QPen(QColor(60, 60, 60, 150), max(1.0, dpi / 200), Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for n in xs:
        py = oy + (extent.yMaximum() - n) / ups_y
        p.drawLine(QPointF(ox, py), QPointF(ox + w, py))
    for e in ys:
        px = ox + (e - extent.xMinimum()) / ups_x
        p.drawLine(QPointF(px, oy), QPointF(px, oy + h))
    p.setPen(QColor("black"))
    p.setFont(_font(LABEL_PT, dpi))
    th = _pt_px(LABEL_PT + 3, dpi)
    gap = _pt_px(2, dpi)
    labels = []
    for n in xs:
        py = oy + (extent.yMaximum() - n) / ups_y
        text = grid_label(n)
        labels.append("X=" + text)
        p.drawText(QRectF(0, py - th / 2, ox - gap, th), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        p.drawText(QRectF(ox + w + gap, py - th / 2, ox - gap, th), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    for e in ys:
        px = ox + (e - extent.xMinimum()) / ups_x
        text = grid_label(e)
        labels.append("Y=" + text)
        p.drawText(QRectF(px - 300, 0, 600, oy - gap), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        p.drawText(QRectF(px - 300, oy + h + gap, 600, oy - gap), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
    p.restore()
    return {"step": step, "x": xs, "y": ys, "labels": labels}


def _render(layers, crs, extent: QgsRectangle, size: QSize, dpi: float, tctx, background=QColor(255, 255, 255)):
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(crs)
    ms.setOutputSize(size)
    ms.setOutputDpi(dpi)
    ms.setExtent(extent)
    ms.setBackgroundColor(background)
    ms.setTransformContext(tctx)
    if hasattr(ms, "setFlag"):
        ms.setFlag(QgsMapSettings.Flag.Antialiasing, True)
        ms.setFlag(QgsMapSettings.Flag.DrawLabeling, True)
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), ms


def padded_extent(bb: QgsRectangle, aspect: float, min_width_m: float = 3000.0, pad: float = 1.6) -> QgsRectangle:
    """The feature's box grown by ``pad`` on each side (at least ``min_width_m`` wide), at the image's
    aspect ratio (width / height)."""
    cx, cy = bb.center().x(), bb.center().y()
    width = max(bb.width() * (1 + 2 * pad), bb.height() * (1 + 2 * pad) * aspect, min_width_m)
    height = width / aspect
    return QgsRectangle(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def render_feature_map(geom: QgsGeometry, geom_crs: QgsCoordinateReferenceSystem, context_layers, out_path: str,
                       transform_context=None, *, feature_label: str = "", lang: str = "zh", county=None,
                       width_mm: float = MAP_WIDTH_MM, height_mm: float = MAP_HEIGHT_MM, dpi: int = MAP_DPI,
                       min_width_m: float = 3000.0, grid: bool = False) -> dict:
    """Draw the map and save it as PNG. ``context_layers``: MapLayer copies (this thread owns them);
    ``county``: a MapLayer of the county boundary (drawn, and as a locator inset). Returns facts about the
    map: ``path``, ``scale`` (1:n at the printed size), ``legend`` (texts shown). ``grid``: the map drawn inside a
    white frame carrying a coordinate grid of the (Gauss-Krüger) map CRS, its X/Y values at round intervals
    (:func:`draw_grid`; ``grid`` in the result: step, values, labels, and ``crs``)."""
    tctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    map_crs = geom_crs if geom_crs.isValid() and not geom_crs.isGeographic() else None
    g = QgsGeometry(geom)
    if map_crs is None:
        c = checked_transform(geom_crs, QgsCoordinateReferenceSystem("EPSG:4490"), tctx)
        lon = c.transform(g.centroid().asPoint()).x() if not g.isNull() else 111.0
        map_crs = gk_zone_crs(lon)
        g.transform(checked_transform(geom_crs, map_crs, tctx))
    full_w, full_h = int(round(width_mm / 25.4 * dpi)), int(round(height_mm / 25.4 * dpi))
    if grid:
        ox, oy = (int(round(m / 25.4 * dpi)) for m in GRID_MARGIN_MM)
        width_mm -= 2 * GRID_MARGIN_MM[0]
    else:
        ox = oy = 0
    w, h = full_w - 2 * ox, full_h - 2 * oy
    extent = padded_extent(g.boundingBox(), w / h, min_width_m)
    feature = memory_copy([g], map_crs, "feature", [feature_label])
    feature.setRenderer(QgsSingleSymbolRenderer(role_symbol("feature")))
    feature.setLabeling(_labeling("feature"))
    feature.setLabelsEnabled(bool(feature_label))
    draw = [MapLayer("feature", feature, "")]
    all_layers = list(context_layers) + ([county] if county is not None else [])
    for ml in all_layers:
        ml.layer.setRenderer(QgsSingleSymbolRenderer(role_symbol(ml.role)))
        if ml.labels:
            ml.layer.setLabeling(_labeling(ml.role))
            ml.layer.setLabelsEnabled(True)
    order = {r: i for i, r in enumerate(ROLE_ORDER)}
    draw += sorted(all_layers, key=lambda ml: -order.get("other" if ml.role.startswith("other_") else ml.role, 5))
    img, ms = _render([ml.layer for ml in draw], map_crs, extent, QSize(w, h), dpi, tctx)
    # legend: what is visible in the map, in drawing order (top first)
    visible = []
    view = QgsGeometry.fromRect(ms.visibleExtent())
    for ml in draw[1:]:
        if not ml.legend or ml.legend in [t for _, t in visible] or not _shows(ml, view, map_crs, tctx):
            continue
        base = "other" if ml.role.startswith("other_") else ml.role
        visible.append((ROLE_STYLES.get(base, ROLE_STYLES["other"]), ml.legend))
    feature_text = "审查对象" if lang == "zh" else "Feature under review"
    entries = [(ROLE_STYLES["feature"], feature_text)] + visible
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = _pt_px(6, dpi)
    if not grid:                       # with a grid: drawn after the grid lines, below
        draw_legend(p, w - margin, h - margin, entries, dpi, "图例" if lang == "zh" else "Legend")
        draw_north_arrow(p, w - margin - _pt_px(12, dpi), margin + _pt_px(12, dpi), _pt_px(26, dpi),
                         "北" if lang == "zh" else "N")
        draw_scale_bar(p, margin + _pt_px(8, dpi), h - margin - _pt_px(8, dpi), ms.mapUnitsPerPixel(), w / 5, dpi,
                       lang)
    if county is not None:
        inset = getattr(county, "inset", None)
        if inset is None or inset.crs != map_crs.authid():
            inset = county.inset = Inset(county.layer, map_crs, tctx, dpi)
        inset.draw(p, ms.visibleExtent(), margin, margin)
    p.setPen(QPen(QColor("black"), max(1.0, dpi / 100)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(0.5, 0.5, w - 1, h - 1))
    p.end()
    grid_info = None
    if grid:
        framed = QImage(full_w, full_h, img.format())
        framed.fill(QColor("white"))
        p = QPainter(framed)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.drawImage(ox, oy, img)
        grid_info = draw_grid(p, ms.visibleExtent(), ox, oy, w, h, dpi)
        grid_info["crs"] = map_crs.authid()
        # legend, scale bar and north arrow stay readable above the grid lines
        p.setClipRect(QRectF(ox, oy, w, h))
        p.translate(ox, oy)
        draw_legend(p, w - margin, h - margin, entries, dpi, "图例" if lang == "zh" else "Legend")
        draw_north_arrow(p, w - margin - _pt_px(12, dpi), margin + _pt_px(12, dpi), _pt_px(26, dpi),
                         "北" if lang == "zh" else "N")
        draw_scale_bar(p, margin + _pt_px(8, dpi), h - margin - _pt_px(8, dpi), ms.mapUnitsPerPixel(), w / 5, dpi,
                       lang)
        p.end()
        img = framed
    img.save(out_path, "PNG", 80)      # lighter compression: half the time, +10 % size
    scale = ms.mapUnitsPerPixel() * w / (width_mm / 1000.0)
    return {"path": out_path, "scale": scale, "legend": [t for _, t in entries], "width": full_w,
            "height": full_h, "grid": grid_info}


def _shows(ml: MapLayer, view: QgsGeometry, map_crs, tctx) -> bool:
    """Does the layer draw anything inside the map? (a polygon that covers the whole view shows no outline
    for the county boundary, which is then left out of the legend)."""
    to_map = checked_transform(ml.layer.crs(), map_crs, tctx)
    for f in ml.layer.getFeatures():
        g = QgsGeometry(f.geometry())
        try:
            g.transform(to_map)
        except Exception:  # noqa: BLE001 - a feature that cannot be placed is not shown
            continue
        if not g.intersects(view):
            continue
        if ml.role == "county":
            boundary = QgsGeometry(g.constGet().boundary()) if g.constGet() is not None else None
            if boundary is None or not boundary.intersects(view):
                continue
        return True
    return False


class Inset:
    """A locator map of the whole county (rendered once per report), with the main map's extent in red."""

    def __init__(self, county: QgsVectorLayer, map_crs, tctx, dpi: float):
        self.crs = map_crs.authid()
        self.dpi = dpi
        self.image = None
        size = _pt_px(88, dpi)
        try:
            ext = checked_transform(county.crs(), map_crs, tctx).transformBoundingBox(county.extent())
        except Exception:  # noqa: BLE001 - no inset when the county cannot be placed
            return
        if ext.isEmpty() or ext.height() <= 0:
            return
        ext = ext.buffered(max(ext.width(), ext.height()) * 0.04)
        aspect = ext.width() / ext.height()
        iw, ih = (size, size / aspect) if aspect >= 1 else (size * aspect, size)
        layer = QgsVectorLayer("MultiPolygon", "county", "memory")
        layer.setCrs(county.crs())
        feats = []
        for f in county.getFeatures():
            g = QgsFeature()
            g.setGeometry(f.geometry())
            feats.append(g)
        layer.dataProvider().addFeatures(feats)
        layer.updateExtents()
        layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
            {"color": "245,245,240,255", "outline_color": "60,60,60,255", "outline_width": "0.3"})))
        self.image, ms = _render([layer], map_crs, ext, QSize(int(iw), int(ih)), dpi, tctx, QColor(255, 255, 255, 0))
        self.m2p = ms.mapToPixel()

    def draw(self, p: QPainter, extent: QgsRectangle, x: float, y: float):
        if self.image is None:
            return
        iw, ih = self.image.width(), self.image.height()
        p.fillRect(QRectF(x, y, iw, ih), QColor(255, 255, 255, 235))
        p.drawImage(QPointF(x, y), self.image)
        ul = self.m2p.transform(extent.xMinimum(), extent.yMaximum())
        lr = self.m2p.transform(extent.xMaximum(), extent.yMinimum())
        rect = QRectF(x + ul.x(), y + ul.y(), max(lr.x() - ul.x(), 4.0), max(lr.y() - ul.y(), 4.0))
        p.setPen(QPen(QColor(200, 0, 0), max(2.0, self.dpi / 70)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        p.setPen(QPen(QColor(90, 90, 90), max(1.0, self.dpi / 150)))
        p.drawRect(QRectF(x, y, iw, ih))
