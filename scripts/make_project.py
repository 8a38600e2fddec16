"""Write data/lingbao_sample.qgz: the sample GeoPackage as a styled QGIS project with Chinese layer
names, labels and the MinePlan layer roles already assigned.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_project.py
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, ".build", "plugins"))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(DATA, "lingbao_sample.qgz")

# (layer, Chinese name, fill style, label field or None) — top of the legend first
LAYERS = [
    ("proposed_rights", "待审查申请", {"color": "30,90,220,90", "outline_color": "0,40,200,255", "outline_width": "0.6"},
     "app_no"),
    ("mining_rights", "采矿权", {"color": "150,90,40,120", "outline_color": "110,60,20,255", "outline_width": "0.3"}, None),
    ("exploration_rights", "探矿权", {"color": "0,0,0,0", "outline_color": "150,90,40,255", "outline_width": "0.4",
                                   "outline_style": "dash"}, None),
    ("mining_blocks", "开采规划区块", {"color": "255,150,0,100", "outline_color": "200,100,0,255", "outline_width": "0.5"},
     "GHQMC"),
    ("exploration_blocks", "勘查规划区块", {"color": "150,120,200,70", "outline_color": "110,80,170,255",
                                      "outline_width": "0.3"}, None),
    ("concentrated_mining_areas", "集中开采区", {"color": "255,200,0,90", "outline_color": "220,150,0,255",
                                            "outline_width": "0.8"}, "GHQMC"),
    ("key_mining_areas", "重点开采区", {"color": "0,0,0,0", "outline_color": "160,40,40,255", "outline_width": "0.8",
                                    "outline_style": "dash"}, "GHQMC"),
    ("key_exploration_areas", "重点勘查区", {"color": "0,0,0,0", "outline_color": "40,40,160,255",
                                        "outline_width": "0.8", "outline_style": "dot"}, "GHQMC"),
    ("key_development_areas", "重点发展区域", {"color": "0,0,0,0", "outline_color": "120,120,120,255",
                                          "outline_width": "0.4", "outline_style": "dash"}, None),
    ("urban_boundary", "城镇开发边界", {"color": "150,150,150,120", "outline_color": "90,90,90,255",
                                    "outline_width": "0.4"}, None),
    ("basic_farmland", "永久基本农田", {"color": "250,220,90,160", "outline_color": "190,150,0,255",
                                    "outline_width": "0.1"}, None),
    ("nature_reserve", "自然保护地", {"color": "60,160,80,90", "outline_color": "20,110,40,255", "outline_width": "0.5",
                                   "style": "b_diagonal"}, None),
    ("eco_redline", "生态保护红线", {"color": "230,60,60,110", "outline_color": "200,0,0,255", "outline_width": "0.5"},
     None),
    ("county_boundary", "灵宝市行政区", {"color": "0,0,0,0", "outline_color": "0,0,0,255", "outline_width": "0.8"}, None),
]


def label(layer, field):
    s = QgsPalLayerSettings()
    s.fieldName = field
    fmt = QgsTextFormat()
    fmt.setFont(QFont("Noto Sans CJK SC"))
    fmt.setSize(8)
    fmt.setColor(QColor("black"))
    buf = fmt.buffer()
    buf.setEnabled(True)
    buf.setSize(0.8)
    fmt.setBuffer(buf)
    s.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(True)


def main():
    app = QgsApplication([], False)
    app.initQgis()
    from mineplan.core.roles import ReviewSettings
    project = QgsProject.instance()
    project.clear()
    project.setTitle("灵宝市矿产资源规划审查示例（MinePlan Review sample）")
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
    project.setEllipsoid("EPSG:1024")
    gpkg = os.path.join(DATA, "lingbao_sample.gpkg")
    root = project.layerTreeRoot()
    for name, zh, style, field in LAYERS:
        lyr = QgsVectorLayer(f"{gpkg}|layername={name}", zh, "ogr")
        assert lyr.isValid(), name
        lyr.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(style)))
        if field:
            label(lyr, field)
        project.addMapLayer(lyr, False)
        root.addLayer(lyr)
    s = ReviewSettings()
    s.auto_detect(project)
    missing = [r for r in ("eco", "farm", "urban", "reserve", "kexp", "kmin", "conc", "eblk", "mblk", "kdev",
                           "mining_rights", "exploration_rights", "proposed") if r not in s.roles]
    assert not missing, missing
    s.save(project)
    project.writeEntryBool("Paths", "/Absolute", False)
    if not project.write(OUT):
        sys.exit("could not write " + OUT)
    print(OUT)
    app.exitQgis()


if __name__ == "__main__":
    main()
