"""避让建议范围 — a boundary an applicant can apply for, from the exact 避让调整 remainder (issue #18, item 3).

The exact remainder (core.siting.avoid: the parcel minus every control-line patch) has holes and many corners. The
proposal, per application, in the avoider's working CRS:

1. A = original − every control patch touching it (no sliver tolerance here), shrunk by ``clearance`` (mitre
   joins: no extra corners);
2. the largest part is the main 块段; another part becomes its own 块段 only if it has ``MIN_AREA`` m² and
   ``MIN_SHARE`` of the remainder; smaller parts are dropped (stated in the reason);
3. holes (control patches inside) are opened to the outside by a ``CORRIDOR_M`` wide cut along the shortest line
   from the hole to the outer ring (the hole nearest the outer ring first): one ring per 块段, never a hole filled;
4. each ring is simplified Visvalingam-style (smallest triangle first) to ``MAX_CORNERS`` corners; a convex
   corner may always be cut off (the 块段 shrinks), a reflex corner only when the triangle gained lies inside A
   shrunk by half the clearance; no removal may make the ring cross itself; corners closer than ``TOLERANCE_M`` to
   the chord of their neighbours go first;
5. checked exactly with GEOS: valid, hole-free, ≤ budget corners, intersection area with the control patches = 0
   and distance to them ≥ ``MIN_CLEAR_M`` (so rounding to 2 decimals cannot reach them), inside the original.
   If the check fails the next attempt of ``ATTEMPTS`` (larger clearance, finer tolerance) is tried, else 无法形成.

Statuses (rules/model/vocab.py): 可提交 / 无法形成 / 无需调整 (and 无几何). Areas are the avoider's (ellipsoidal).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from qgis.core import Qgis, QgsGeometry, QgsPointXY

from ...rules.model.vocab import NO_AVOIDANCE, NO_GEOMETRY, PROPOSAL_NONE, PROPOSAL_OK, PROPOSAL_UNCHANGED
from ..geometry.ops import make_valid, parts, subtract, union
from ..overlap.control_index import touching_pieces

MIN_AREA = 10000.0      # m²: a 块段 smaller than this is not proposed (the main one: 无法形成)
MIN_SHARE = 0.05        # a part separated from the main body is its own 块段 only with this share of the remainder
MAX_CORNERS = 20        # corners per 块段
TOLERANCE_M = 0.5       # m: corners this close to the chord of their neighbours are dropped regardless of budget
CLEARANCE_M = 1.0       # m: the remainder is shrunk by this much before simplification
MIN_CLEAR_M = 0.1       # m: verified smallest distance to any control patch (rounding to 0.01 m moves ≤ 0.0071 m)
CORRIDOR_M = 1.0        # m: width of the cut opening a hole to the outside
ATTEMPTS = ((CLEARANCE_M, TOLERANCE_M), (2.0, 0.25), (5.0, 0.1))   # (clearance, tolerance) tried in turn


@dataclass
class Proposal:
    fid: object
    label: str
    status: str
    reason_zh: str = ""
    reason_en: str = ""
    geometry: QgsGeometry | None = None      # MultiPolygon in ``crs``, one part per 块段, no holes
    crs: object = None
    corners: int = 0                         # total corners (closing points not counted)
    corners_per_part: list = field(default_factory=list)
    parts: int = 0
    area_m2: float = 0.0
    original_m2: float | None = None
    remainder_m2: float | None = None
    clearance_m: float = 0.0
    min_distance_m: float | None = None      # to the nearest control patch (None: none near)
    dropped_m2: float = 0.0
    budget: int = MAX_CORNERS

    @property
    def area_km2(self) -> float:
        return self.area_m2 / 1e6

    @property
    def loss_pct_original(self) -> float | None:
        return 100.0 * (self.original_m2 - self.area_m2) / self.original_m2 if self.original_m2 else None

    @property
    def loss_pct_remainder(self) -> float | None:
        return 100.0 * (self.remainder_m2 - self.area_m2) / self.remainder_m2 if self.remainder_m2 else None

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en


# ---- pure ring helpers ----------------------------------------------------------------------------------------------
def _cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def ring_area(pts) -> float:
    """Signed shoelace area (positive: counter-clockwise) of an open ring."""
    return 0.5 * sum(pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1] for i in range(len(pts)))


def _seg_hit(p1, p2, q1, q2) -> bool:
    """Segments p1p2 and q1q2 intersect or touch."""
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 and d2 and d3 and d4:
        return True

    def on(a, b, c, d):
        return d == 0 and min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])
    return on(q1, q2, p1, d1) or on(q1, q2, p2, d2) or on(p1, p2, q1, d3) or on(p1, p2, q2, d4)


def _chord_ok(pts, i) -> bool:
    """Removing corner i leaves a simple ring: the chord between its neighbours meets no other edge."""
    n = len(pts)
    a, c = pts[i - 1], pts[(i + 1) % n]
    skip = {(i - 2) % n, (i - 1) % n, i, (i + 1) % n}       # edges starting at these touch a or c (or are removed)
    for j in range(n):
        if j in skip:
            continue
        if _seg_hit(a, c, pts[j], pts[(j + 1) % n]):
            return False
    # the chord must not fold back along an adjacent edge
    b0, c1 = pts[(i - 2) % n], pts[(i + 2) % n]
    return not (_cross(b0, a, c) == 0 and _dot(a, b0, c) > 0) and not (_cross(a, c, c1) == 0 and _dot(c, a, c1) > 0)


def _dot(o, a, b) -> float:
    return (a[0] - o[0]) * (b[0] - o[0]) + (a[1] - o[1]) * (b[1] - o[1])


def simplify_ring(pts, budget: int, tol: float, gain_ok) -> list:
    """Visvalingam with inward-only safety (see the module text). ``pts``: an open ring; ``gain_ok(triangle)``
    says whether a triangle may be added to the polygon. Returns the open ring."""
    pts = [tuple(p) for p in pts]
    ccw = ring_area(pts) > 0
    while len(pts) > 3:
        n = len(pts)
        cands = []
        for i in range(n):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % n]
            cr = _cross(a, b, c)
            base = math.hypot(c[0] - a[0], c[1] - a[1]) or 1e-12
            cands.append((abs(cr), abs(cr) / base, i, (cr > 0) == ccw or cr == 0))
        cands.sort()
        if n <= budget:
            cands = [cd for cd in cands if cd[1] < tol]
        removed = False
        for area2, _h, i, convex in cands:
            if not _chord_ok(pts, i):
                continue
            if not convex and area2 > 0 and not gain_ok((pts[i - 1], pts[i], pts[(i + 1) % n])):
                continue
            del pts[i]
            removed = True
            break
        if not removed:
            break
    return pts


# ---- geometry steps ---------------------------------------------------------------------------------------------------
def _shrink(g: QgsGeometry, d: float) -> QgsGeometry:
    return make_valid(g.buffer(-d, 2, Qgis.EndCapStyle.Flat, Qgis.JoinStyle.Miter, 2.0))


def open_holes(poly: QgsGeometry, width: float = CORRIDOR_M) -> QgsGeometry:
    """A single polygon with its holes opened to the outside by corridors (the largest piece left)."""
    for _ in range(200):
        rings = poly.asPolygon()
        if len(rings) <= 1:
            return poly
        ext = QgsGeometry.fromPolylineXY(rings[0])
        best = None
        for h in rings[1:]:
            line = QgsGeometry.fromPolylineXY(h).shortestLine(ext)
            d = line.length()
            if best is None or d < best[0]:
                best = (d, line, h)
        d, line, hole = best
        p, q = line.asPolyline()[0], line.asPolyline()[-1]
        if d > 1e-9:
            ux, uy = (q.x() - p.x()) / d, (q.y() - p.y()) / d
        else:
            c = QgsGeometry.fromPolygonXY([hole]).centroid().asPoint()
            dd = math.hypot(p.x() - c.x(), p.y() - c.y()) or 1.0
            ux, uy = (p.x() - c.x()) / dd, (p.y() - c.y()) / dd
        cut = QgsGeometry.fromPolylineXY([QgsPointXY(p.x() - ux * width, p.y() - uy * width),
                                          QgsPointXY(q.x() + ux * width, q.y() + uy * width)])
        cut = cut.buffer(width / 2.0, 2, Qgis.EndCapStyle.Flat, Qgis.JoinStyle.Miter, 2.0)
        pieces = parts(make_valid(poly.difference(cut)))
        if not pieces:
            return QgsGeometry()
        poly = max(pieces, key=lambda x: x.area())
    return poly


def corner_count(g: QgsGeometry) -> list:
    """Corners per part (closing point not counted)."""
    return [sum(len(r) - 1 for r in p.asPolygon()) for p in parts(g)]


def _engine(g: QgsGeometry):
    e = QgsGeometry.createGeometryEngine(g.constGet())
    e.prepareGeometry()
    return e


def _polygon(pts) -> QgsGeometry:
    ring = [QgsPointXY(x, y) for x, y in pts]
    return QgsGeometry.fromPolygonXY([ring + ring[:1]])


def control_patches(avoider, g: QgsGeometry) -> QgsGeometry:
    """Union of every control patch (all the avoider's lines, buffered as they are) touching ``g`` (work CRS)."""
    pieces = []
    for idx in avoider.indexes:
        pieces += touching_pieces(idx, g)
    return union(pieces) if pieces else QgsGeometry()


def verify(prop: QgsGeometry, original: QgsGeometry, patches: QgsGeometry, budget: int) -> tuple:
    """(ok, min distance, why) — the exact GEOS check of a proposal in the working CRS."""
    if prop is None or prop.isEmpty() or not prop.isGeosValid():
        return False, None, "invalid"
    for p in parts(prop):
        rings = p.asPolygon()
        if len(rings) != 1:
            return False, None, "hole"
        if len(rings[0]) - 1 > budget:
            return False, None, "corners"
    dist = None
    if patches is not None and not patches.isEmpty():
        inter = prop.intersection(patches)
        if not inter.isEmpty() and inter.area() > 0:
            return False, 0.0, "overlap"
        dist = prop.distance(patches)
        if dist < MIN_CLEAR_M:
            return False, dist, "too close"
    outside = prop.difference(original)
    if not outside.isEmpty() and outside.area() > 1e-6:
        return False, dist, "outside"
    return True, dist, ""


def _attempt(avoider, g, patches, exact, remainder_m2, clearance, tol, budget):
    base = _shrink(exact, clearance)
    pieces = sorted(((p, avoider.measure(p)) for p in parts(base)), key=lambda pa: -pa[1])
    if not pieces or pieces[0][1] < MIN_AREA:
        return None, (pieces[0][1] if pieces else 0.0)
    allowed = _engine(_shrink(exact, clearance / 2.0))

    def gain_ok(tri):
        t = _polygon(tri)
        return t.isGeosValid() and allowed.contains(t.constGet())
    kept = []
    for k, (p, a) in enumerate(pieces):
        if k and (a < MIN_AREA or a < MIN_SHARE * remainder_m2):
            continue
        opened = open_holes(p)
        if opened.isEmpty():
            continue
        ring = [(pt.x(), pt.y()) for pt in opened.asPolygon()[0][:-1]]
        ring = simplify_ring(ring, budget, tol, gain_ok)
        poly = make_valid(_polygon(ring))
        for q in parts(poly):
            qa = avoider.measure(q)
            if qa >= MIN_AREA or not kept:
                kept.append((q, qa))
    kept = [(q, a) for q, a in kept if a >= MIN_AREA]
    if not kept:
        return None, 0.0
    return QgsGeometry.collectGeometry([q for q, _ in kept]), sum(a for _, a in kept)


def propose(avoider, result, budget: int = MAX_CORNERS) -> Proposal:
    """The proposal for one avoidance result (core.siting.avoid.AvoidResult of ``avoider.avoid``)."""
    out = Proposal(result.fid, result.label, NO_GEOMETRY, crs=result.crs, original_m2=result.original_m2,
                   remainder_m2=result.remaining_m2 if result.original_m2 else None, budget=budget)
    if result.verdict == NO_GEOMETRY or result.work_geometry is None:
        out.reason_zh, out.reason_en = result.reason(), result.reason("en")
        return out
    if result.verdict == NO_AVOIDANCE:
        out.status = PROPOSAL_UNCHANGED
        out.geometry = result.geometry
        out.corners_per_part = corner_count(result.work_geometry)
        out.corners, out.parts, out.area_m2 = sum(out.corners_per_part), len(out.corners_per_part), result.original_m2
        out.reason_zh = "未压覆控制线（或仅有小于容差的接边重叠），原申请范围即可提交"
        out.reason_en = "no overlap with the control lines (or only slivers below the tolerance): the original boundary stands"
        return out
    g = result.work_geometry
    patches = control_patches(avoider, g)
    exact = make_valid(subtract(g, parts(patches))) if not patches.isEmpty() else g
    rem = result.remaining_m2 or 0.0
    out.status = PROPOSAL_NONE
    if exact.isEmpty() or rem <= 0:
        out.reason_zh = "申请范围全部位于控制线内，无法形成避让后的建议范围"
        out.reason_en = "the parcel lies entirely inside control lines: no proposal can be formed"
        return out
    largest = 0.0
    for clearance, tol in ATTEMPTS:
        prop, area = _attempt(avoider, g, patches, exact, rem, clearance, tol, budget)
        if prop is None:
            largest = max(largest, area)
            continue
        ok, dist, _why = verify(prop, g, patches, budget)
        if not ok:
            continue
        prop.convertToMultiType()
        back = QgsGeometry(prop)
        if result.crs is not None and result.crs != avoider.work_crs:
            back.transform(avoider._transform(avoider.work_crs, result.crs))
        out.status, out.geometry, out.clearance_m, out.min_distance_m = PROPOSAL_OK, back, clearance, dist
        out.corners_per_part = corner_count(prop)
        out.corners, out.parts, out.area_m2 = sum(out.corners_per_part), len(out.corners_per_part), area
        out.dropped_m2 = max(rem - area, 0.0)
        d = f"{dist:.2f}" if dist is not None else "—"
        out.reason_zh = (f"建议范围 {out.parts} 个块段、共 {out.corners} 个拐点（每块段不超过 {budget} 个），无内环；"
                         f"面积 {out.area_km2:.4f} 平方千米，较原申请减少 {out.loss_pct_original:.2f}%，"
                         f"较精确避让剩余减少 {out.loss_pct_remainder:.2f}%；距控制线最近 {d} 米（退让 {clearance:g} 米），"
                         f"经 GEOS 核验与控制线无重叠")
        out.reason_en = (f"proposed boundary: {out.parts} block(s), {out.corners} corners (≤ {budget} per block), no "
                         f"holes; {out.area_km2:.4f} km², {out.loss_pct_original:.2f}% less than the application, "
                         f"{out.loss_pct_remainder:.2f}% less than the exact remainder; nearest control line {d} m "
                         f"(clearance {clearance:g} m), checked with GEOS: no overlap")
        return out
    if largest and largest < MIN_AREA:
        out.reason_zh = (f"避让后最大的一块（退让后）仅 {largest:,.2f} 平方米，小于最小块段面积 {MIN_AREA:,.0f} 平方米，"
                         f"无法形成建议范围")
        out.reason_en = (f"the largest part left (after the clearance) has only {largest:,.2f} m², below the "
                         f"smallest block of {MIN_AREA:,.0f} m²: no proposal")
    else:
        out.reason_zh = f"简化到每块段 {budget} 个拐点后无法通过与控制线不重叠的核验，无法形成建议范围"
        out.reason_en = f"no boundary with ≤ {budget} corners per block passed the check against the control lines"
    return out


def export_proposals(proposals, folder: str, tctx, decimals: int = 2, area_unit: str = "km2",
                     encoding: str = "GBK", elevations: dict | None = None, producer: str = "") -> tuple:
    """Every 可提交 proposal as a 部标 file (``<label>_建议范围_拐点坐标.txt``) and, when its 标高 range is known
    (``elevations[label] = (top, bottom)``), a 报盘 file (``<label>_建议范围_报盘.txt``): one file per application and
    format. Returns (files written [path], warnings [(zh, en)])."""
    import os

    from qgis.core import QgsCoordinateReferenceSystem

    from ...rules.coordinates.export import file_name, format_baopan, zone_of_longitude
    from ...rules.coordinates.parse import epsg_for
    from ..geometry.measure import CGCS2000, checked_transform
    from .avoid import ENCODINGS, export_coordinates
    chosen = [p for p in proposals if p.status == PROPOSAL_OK and p.geometry is not None]
    files = [f.path for f in export_coordinates(chosen, folder, tctx, decimals, encoding, producer,
                                                name_suffix="（建议范围）", area_unit=area_unit,
                                                suffix="_建议范围_拐点坐标.txt")]
    warnings = []
    for p in chosen:
        elev = (elevations or {}).get(p.label)
        if not elev or elev[0] is None or elev[1] is None:
            warnings.append((f"{p.label}：无标高上限/下限（elev_top、elev_bottom），未写报盘文件，仅写部标文件",
                             f"{p.label}: no elevation range (elev_top, elev_bottom): no 报盘 file, 部标 only"))
            continue
        c = QgsGeometry(p.geometry.centroid())
        c.transform(checked_transform(p.crs, CGCS2000, tctx))
        zone = zone_of_longitude(c.asPoint().x(), 3)
        target = QgsCoordinateReferenceSystem(f"EPSG:{epsg_for('CGCS2000', 3, zone, False)}")
        g = QgsGeometry(p.geometry)
        g.transform(checked_transform(p.crs, target, tctx))
        blocks = [([(q.x(), q.y()) for q in part.asPolygon()[0][:-1]], elev[0], elev[1]) for part in parts(g)]
        text = format_baopan(blocks, zone, decimals=decimals, name=f"{p.label}（建议范围）", area_unit=area_unit)
        path = os.path.join(folder, file_name(p.label, "_建议范围_报盘.txt"))
        with open(path, "w", encoding=ENCODINGS.get(encoding, encoding), newline="") as fh:
            fh.write(text)
        files.append(path)
    return files, warnings


__all__ = ["export_proposals", "ATTEMPTS", "CLEARANCE_M", "CORRIDOR_M", "MAX_CORNERS", "MIN_AREA", "MIN_CLEAR_M", "MIN_SHARE",
           "Proposal", "TOLERANCE_M", "control_patches", "corner_count", "open_holes", "propose", "simplify_ring",
           "verify"]
