"""Write data/lingbao_sample.qgz: the sample GeoPackage as a styled QGIS project with Chinese layer
names, labels and the MinePlan layer roles already assigned.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_project.py
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPalLayerSettings,
    QgsProject,
    QgsReferencedRectangle,
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

# (layer, Chinese name, role (its style: core/outputs/styles.py), label field or None) — top of the legend first
LAYERS = [
    ("proposed_rights", "待审查申请", "proposed", "app_no"),
    ("mining_rights", "采矿权", "mining_rights", None),
    ("exploration_rights", "探矿权", "exploration_rights", None),
    ("mining_blocks", "开采规划区块", "mblk", "GHQMC"),
    ("exploration_blocks", "勘查规划区块", "eblk", None),
    ("concentrated_mining_areas", "集中开采区", "conc", "GHQMC"),
    ("key_mining_areas", "重点开采区", "kmin", "GHQMC"),
    ("key_exploration_areas", "重点勘查区", "kexp", "GHQMC"),
    ("key_development_areas", "重点发展区域", "kdev", None),
    ("urban_boundary", "城镇开发边界", "urban", None),
    ("basic_farmland", "永久基本农田", "farm", None),
    ("nature_reserve", "自然保护地", "reserve", None),
    ("eco_redline", "生态保护红线", "eco", None),
    ("county_boundary", "灵宝市行政区", "county", None),
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
    from mineplan.core.inputs.roles import ReviewSettings, detect_roles
    from mineplan.core.outputs.styles import role_symbol
    project = QgsProject.instance()
    project.clear()
    project.setTitle("灵宝市矿产资源规划审查示例（MinePlan Review sample）")
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
    project.setEllipsoid("EPSG:1024")
    gpkg = os.path.join(DATA, "lingbao_sample.gpkg")
    root = project.layerTreeRoot()
    for name, zh, role, field in LAYERS:
        lyr = QgsVectorLayer(f"{gpkg}|layername={name}", zh, "ogr")
        assert lyr.isValid(), name
        lyr.setRenderer(QgsSingleSymbolRenderer(role_symbol(role)))
        if field:
            label(lyr, field)
        project.addMapLayer(lyr, False)
        root.addLayer(lyr)
    s = ReviewSettings()
    s.roles = {d.role: d.layer_id for d in detect_roles(project)}     # checked right below: the sample's roles
    want = {role: zh for _, zh, role, _ in LAYERS}
    wrong = {r: project.mapLayer(s.roles.get(r)).name() if s.roles.get(r) else None for r in want
             if not s.roles.get(r) or project.mapLayer(s.roles[r]).name() != want[r]}
    assert not wrong, wrong
    s.save(project)
    # open on the whole county (a project written without a canvas would open on an empty map at 1:1)
    county = project.mapLayer(s.roles["county"])
    to_project = QgsCoordinateTransform(county.crs(), project.crs(), project)
    extent = to_project.transformBoundingBox(county.extent()).buffered(3000)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    project.writeEntryBool("Paths", "/Absolute", False)
    if not project.write(OUT):
        sys.exit("could not write " + OUT)
    print(OUT)
    app.exitQgis()


if __name__ == "__main__":
    main()
