"""Pictures of mineplan:sitingareas and mineplan:avoidconstraints on the sample (docs/img/siting_*.png, avoid_*.png),
rendered offscreen from the algorithms' real outputs (`make siting-pictures`).

    QT_QPA_PLATFORM=offscreen python3 scripts/siting_pictures.py
"""
import os
import sys

# qgis.bin --code exec()s this file without __file__: the shell script passes the root instead
ROOT = os.environ.get("MINEPLAN_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMG = os.path.join(ROOT, "docs", "img")
SAMPLE = os.path.join(ROOT, "data", "lingbao_sample.gpkg")
OUT = os.path.join(ROOT, ".build", "pictures")


def L(name):
    return f"{SAMPLE}|layername={name}"


CONTROLS = {"ECO_REDLINE": L("eco_redline"), "BASIC_FARMLAND": L("basic_farmland"),
            "URBAN_BOUNDARY": L("urban_boundary"), "NATURE_RESERVE": L("nature_reserve")}
ZONES = {"KEY_EXPLORATION_AREAS": L("key_exploration_areas"), "KEY_MINING_AREAS": L("key_mining_areas"),
         "CONCENTRATED_MINING_AREAS": L("concentrated_mining_areas"), "EXPLORATION_BLOCKS": L("exploration_blocks"),
         "MINING_BLOCKS": L("mining_blocks"), "KEY_DEVELOPMENT_AREAS": L("key_development_areas"),
         "MINING_RIGHTS": L("mining_rights"), "EXPLORATION_RIGHTS": L("exploration_rights")}


def main():
    sys.path.insert(0, os.path.join(ROOT, ".build", "plugins"))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    from mineplan.processing_provider.provider import MinePlanProvider
    provider = MinePlanProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    import processing
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(IMG, exist_ok=True)

    agg = processing.run("mineplan:sitingareas", {**CONTROLS, **ZONES, "MINERAL": "建筑石料",
                                                   "OUTPUT": os.path.join(OUT, "siting_aggregate.gpkg")})
    gold = processing.run("mineplan:sitingareas", {**CONTROLS, **ZONES, "MINERAL": "金矿", "ACTIVITY": 1,
                                                    "OUTPUT": os.path.join(OUT, "siting_gold_exploration.gpkg")})
    avoid = processing.run("mineplan:avoidconstraints", {**CONTROLS, "INPUT": L("proposed_rights"),
                                                          "OUTPUT": os.path.join(OUT, "avoid.gpkg")})
    print("siting 建筑石料:", agg["TOTAL_AREA_KM2"], "km²; gold exploration:", gold["TOTAL_AREA_KM2"], "km²")

    render(agg["OUTPUT"], os.path.join(IMG, "siting_aggregate.png"), zones=("conc", "mblk", "kmin", "kdev"),
           title="可布设区域：建筑石料（新立采矿权）", subtitle=f"合计 {agg['TOTAL_AREA_KM2']:.2f} km²，"
                                                   f"{agg['POLYGON_COUNT']} 块 — mineplan:sitingareas MINERAL=建筑石料")
    render(agg["OUTPUT"], os.path.join(IMG, "siting_aggregate_detail.png"), zones=("conc", "mblk", "kdev"),
           focus="SC41120000001", title="苏村集中开采区：整区可布设（本区规划矿种建筑石料优先于小秦岭金多金属矿重点勘查开发区的主矿种）",
           subtitle="开采规划区块 秋家沟、石洼村 位于集中开采区内")
    render(gold["OUTPUT"], os.path.join(IMG, "siting_gold_exploration.png"), zones=("eblk", "kexp", "kdev"),
           title="可布设区域：金矿（新立探矿权）", subtitle=f"金矿勘查规划区块扣除生态保护红线、银矿重点勘查区等，"
                                                  f"合计 {gold['TOTAL_AREA_KM2']:.2f} km²")
    render_avoid(avoid["OUTPUT"], os.path.join(IMG, "avoid_example.png"))
    for name in ("siting_aggregate.png", "siting_aggregate_detail.png", "siting_gold_exploration.png",
                 "avoid_example.png"):
        print(os.path.join("docs", "img", name))


ZONE_LAYERS = {"conc": ("concentrated_mining_areas", "集中开采区", "120,60,160"),
               "mblk": ("mining_blocks", "开采规划区块", "0,120,200"),
               "kmin": ("key_mining_areas", "重点开采区", "160,100,0"),
               "kdev": ("key_development_areas", "重点发展区域", "110,110,110"),
               "eblk": ("exploration_blocks", "勘查规划区块", "0,120,200"),
               "kexp": ("key_exploration_areas", "重点勘查区", "160,100,0")}


def layer(uri, name):
    from qgis.core import QgsVectorLayer
    return QgsVectorLayer(uri, name, "ogr")


def styled(lyr, style: dict, label_field=None, size=8):
    from qgis.core import (
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont
    lyr.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(style)))
    if label_field:
        s = QgsPalLayerSettings()
        s.fieldName = label_field
        s.placement = QgsPalLayerSettings.OverPoint
        fmt = QgsTextFormat()
        fmt.setFont(QFont("Noto Sans CJK SC"))
        fmt.setSize(size)
        fmt.setColor(QColor(style.get("outline_color", "0,0,0,255").rsplit(",", 1)[0].join(["rgb(", ")"])))
        buf = QgsTextBufferSettings()
        buf.setEnabled(True)
        buf.setSize(1)
        buf.setColor(QColor("white"))
        fmt.setBuffer(buf)
        s.setFormat(fmt)
        lyr.setLabeling(QgsVectorLayerSimpleLabeling(s))
        lyr.setLabelsEnabled(True)
    return lyr


def base_layers(zones):
    from mineplan.core.outputs.styles import ROLE_STYLES as STYLES
    out, legend = [], []
    for key in zones:
        name, zh, rgb = ZONE_LAYERS[key]
        out.append(styled(layer(L(name), zh), {"color": "0,0,0,0", "outline_color": rgb + ",255",
                                               "outline_width": "0.6", "outline_style": "dash"}, "GHQMC", 7))
        legend.append((zh, (0, 0, 0, 0), tuple(int(v) for v in rgb.split(",")), True))
    for key, name in (("eco", "eco_redline"), ("reserve", "nature_reserve"), ("urban", "urban_boundary"),
                      ("farm", "basic_farmland")):
        out.append(styled(layer(L(name), key), STYLES[key]))
        c = [int(v) for v in STYLES[key]["color"].split(",")]
        o = [int(v) for v in STYLES[key]["outline_color"].split(",")]
        legend.append(({"eco": "生态保护红线", "reserve": "自然保护地", "urban": "城镇开发边界",
                        "farm": "永久基本农田"}[key], tuple(c), tuple(o[:3]), False))
    out.append(styled(layer(L("county_boundary"), "county"), {"color": "0,0,0,0", "outline_color": "60,60,60,255",
                                                              "outline_width": "0.5"}))
    return out, legend


def draw_map(layers, crs, size, ext):
    """(map settings, image) of ``layers`` in ``crs`` over ``ext`` on white."""
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(crs)
    ms.setOutputSize(QSize(*size))
    ms.setExtent(ext)
    ms.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    return ms, job.renderedImage()


def render(result_path, out_path, zones, title, subtitle, focus=None, size=(1200, 820)):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    res = styled(layer(result_path, "siting"), {"color": "30,110,230,180", "outline_color": "0,50,160,255",
                                                "outline_width": "0.5"})
    others, legend = base_layers(zones)
    legend = [("可布设区域", (30, 110, 230, 180), (0, 50, 160), False)] + legend
    crs = QgsCoordinateReferenceSystem("EPSG:4546")
    if focus:
        z = layer(L("concentrated_mining_areas"), "c")
        ext = next(f.geometry().boundingBox() for f in z.getFeatures() if f["GHQBH"] == focus)
    else:
        ext = QgsRectangle(layer(L("county_boundary"), "b").extent())
        from qgis.core import QgsCoordinateTransform, QgsProject
        ext = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), crs,
                                     QgsProject.instance()).transformBoundingBox(ext)
    ext.scale(1.15)
    w, h = size
    ms, img = draw_map([res] + others, crs, (w, h), ext)
    decorate(img, ms, title, subtitle, legend)
    img.save(out_path, "PNG")


def decorate(img, ms, title, subtitle, legend):
    from qgis.PyQt.QtCore import QRectF, Qt
    from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen

    from mineplan.core.report.mapimage import draw_north_arrow, draw_scale_bar
    w, h = img.width(), img.height()
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.fillRect(QRectF(0, 0, w, 58), QColor(255, 255, 255, 235))
    p.setPen(QColor("black"))
    p.setFont(QFont("Noto Sans CJK SC", 15, QFont.Bold))
    p.drawText(QRectF(16, 6, w - 32, 26), Qt.AlignLeft | Qt.AlignVCenter, title)
    p.setFont(QFont("Noto Sans CJK SC", 10))
    p.drawText(QRectF(16, 32, w - 32, 20), Qt.AlignLeft | Qt.AlignVCenter, subtitle)
    p.setPen(QPen(QColor("black"), 1))
    p.setBrush(Qt.NoBrush)
    p.drawRect(0, 0, w - 1, h - 1)
    draw_north_arrow(p, w - 40, 50, 48)
    draw_scale_bar(p, 24, h - 40, ms.mapUnitsPerPixel(), w / 5, 96)
    rows = len(legend)
    x0, y0 = w - 190, h - 20 * rows - 20
    p.fillRect(QRectF(x0 - 8, y0 - 8, 186, 20 * rows + 14), QColor(255, 255, 255, 230))
    p.setFont(QFont("Noto Sans CJK SC", 9))
    for i, (name, fill, outline, dashed) in enumerate(legend):
        p.setBrush(QColor(*fill))
        p.setPen(QPen(QColor(*outline), 1.4, Qt.DashLine if dashed else Qt.SolidLine))
        p.drawRect(QRectF(x0, y0 + i * 20, 18, 12))
        p.setPen(QColor("black"))
        p.drawText(QRectF(x0 + 26, y0 + i * 20 - 3, 150, 18), Qt.AlignLeft | Qt.AlignVCenter, name)
    p.end()


def render_avoid(result_path, out_path, app="SQ2025-16", size=(1200, 820)):
    """One application before and after 避让: original outline, the adjusted polygon, the control lines."""
    from qgis.core import QgsCoordinateReferenceSystem

    from mineplan.core.outputs.styles import ROLE_STYLES as STYLES
    adjusted = layer(result_path, "adjusted")
    feat = next((f for f in adjusted.getFeatures() if f["avoid_result"] == "可避让" and
                 (f["app_no"] == app or app is None)), None)
    if feat is None:
        feat = next(f for f in adjusted.getFeatures() if f["avoid_result"] == "可避让")
    adjusted.setSubsetString(f"\"app_no\" = '{feat['app_no']}'")
    styled(adjusted, {"color": "30,110,230,180", "outline_color": "0,50,160,255", "outline_width": "0.6"})
    original = layer(L("proposed_rights"), "original")
    original.setSubsetString(f"\"app_no\" = '{feat['app_no']}'")
    styled(original, {"color": "0,0,0,0", "outline_color": "120,0,160,255", "outline_width": "0.9",
                      "outline_style": "dash"})
    others = [styled(layer(L(n), k), STYLES[k]) for k, n in (("eco", "eco_redline"), ("farm", "basic_farmland"),
                                                             ("urban", "urban_boundary"),
                                                             ("reserve", "nature_reserve"))]
    ext = original.extent()
    w, h = size
    span = max(ext.width() * 1.6, ext.height() * 1.6 * w / h)
    c = ext.center()
    from qgis.core import QgsRectangle
    ext = QgsRectangle(c.x() - span / 2, c.y() - span * h / w / 2, c.x() + span / 2, c.y() + span * h / w / 2)
    ms, img = draw_map([original, adjusted] + others, QgsCoordinateReferenceSystem("EPSG:4546"), (w, h), ext)
    legend = [("避让后范围（可避让）", (30, 110, 230, 180), (0, 50, 160), False),
              ("原申请范围", (0, 0, 0, 0), (120, 0, 160), True),
              ("永久基本农田", (250, 220, 90, 150), (190, 150, 0), False),
              ("生态保护红线", (230, 60, 60, 110), (200, 0, 0), False)]
    decorate(img, ms, f"避让调整：{feat['app_no']} {feat['mineral'] if 'mineral' in feat.fields().names() else ''}",
             f"扣除 {feat['removed_m2'] / 1e4:.2f} 公顷（{feat['lost_pct']:.1f}%），剩余 {feat['remaining_m2'] / 1e4:.2f} 公顷，"
             f"{feat['part_count']} 块，最大 {feat['largest_m2'] / 1e4:.2f} 公顷 → {feat['avoid_result']}", legend)
    img.save(out_path, "PNG")


def desktop():
    """Inside the QGIS desktop (scripts/siting_desktop.sh): the sample project, the 建筑石料 siting area on the map,
    the algorithm's dialog filled in, then a screen grab."""
    import processing
    from qgis.core import QgsApplication, QgsCoordinateTransform, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication
    from qgis.utils import iface
    project = QgsProject.instance()
    project.read(os.path.join(ROOT, "data", "lingbao_sample.qgz"))
    os.makedirs(OUT, exist_ok=True)
    params = {**CONTROLS, **ZONES, "MINERAL": "建筑石料"}
    res = processing.run("mineplan:sitingareas", {**params, "OUTPUT": os.path.join(OUT, "desktop_siting.gpkg")})
    lyr = QgsVectorLayer(res["OUTPUT"], "可布设区域（建筑石料）", "ogr")
    styled(lyr, {"color": "30,110,230,190", "outline_color": "0,50,160,255", "outline_width": "0.6"}, "zone_name", 9)
    project.addMapLayer(lyr)
    root = project.layerTreeRoot()
    for name in ("待审查申请", "勘查规划区块", "采矿权", "探矿权", "永久基本农田"):
        for other in project.mapLayersByName(name):
            root.findLayer(other.id()).setItemVisibilityChecked(False)
    iface.mainWindow().setGeometry(QApplication.primaryScreen().geometry())
    canvas = iface.mapCanvas()
    tr = QgsCoordinateTransform(lyr.crs(), canvas.mapSettings().destinationCrs(), project)
    bb = tr.transformBoundingBox(lyr.extent())

    def zoom():          # the result in the left half of the canvas: the dialog covers the right
        from qgis.core import QgsRectangle
        wc, hc = canvas.width(), canvas.height()
        upp = max(bb.width() / (0.34 * wc), bb.height() / (0.8 * hc))
        x0 = bb.xMinimum() - 0.03 * wc * upp
        cy = bb.center().y()
        canvas.setExtent(QgsRectangle(x0, cy - hc * upp / 2, x0 + wc * upp, cy + hc * upp / 2))
        canvas.refresh()
    QTimer.singleShot(2000, zoom)
    dlg = processing.createAlgorithmDialog("mineplan:sitingareas", params)
    dlg.resize(700, 780)
    dlg.move(900, 120)
    dlg.show()

    def grab():
        if QgsApplication.taskManager().countActiveTasks() or canvas.isDrawing():
            QTimer.singleShot(1000, grab)
            return
        QApplication.primaryScreen().grabWindow(0).save(os.path.join(IMG, "siting_desktop.png"))
        print("docs/img/siting_desktop.png", flush=True)
        os._exit(0)
    QTimer.singleShot(8000, grab)


if os.environ.get("MINEPLAN_SITING_DESKTOP"):      # executed by qgis.bin --code
    desktop()
elif __name__ == "__main__":
    main()
