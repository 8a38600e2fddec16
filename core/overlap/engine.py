"""The overlap engine: exact area of (feature ∩ constraint layer), fast.

One module for control-line overlap (mineplan:redlineoverlap), zone shares (mineplan:zoneassignment)
and the docks. What makes it exact and fast (see docs/overlap.md for measurements):

* constraint features are repaired (or skipped) once, and only features whose *interiors* overlap each
  other are dissolved — once per layer, never once per block — so overlapping parcels are never counted
  twice while a 20k-parcel layer is not unioned into one monster polygon;
* every (dissolved) geometry is split into parts and big parts are subdivided (≤ 256 vertices), so a
  red line stored as ONE multipolygon becomes thousands of small, indexed pieces;
* a spatial index picks candidate pieces; the block is a prepared geometry; a piece inside the block
  counts its pre-computed area, a block inside a piece counts the block's area, and only pieces on
  the block's boundary are intersected;
* everything happens in one working CRS: an equal-area projection on the CGCS2000 ellipsoid for
  ellipsoidal areas (no QgsDistanceArea per piece), or a projected CRS for planar areas.

With ``dissolve=False`` (zones) pieces keep their owning feature, so shares are per zone.
"""
from __future__ import annotations

import contextlib
import gc
import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..geometry.clean import REPAIR, GeometryStats, clean_geometry, polygon_part
from ..geometry.measure import densify_for, transform_checked
from ..support import messages as M
from . import pairs as OP

MAX_VERTICES = 256          # subdivide parts above this many vertices
# candidate pieces of a block from which they are sorted in bulk (inside / outside): below 64 the numpy set-up
# costs about what GEOS's bounding-box-guarded tests do (64 vs 24: tessellation 200–2,000 features 2–7 % faster)
VECTOR_MIN = 64
# members of a group near a block from which their DE-9IM tests are decided in bulk: the numpy set-up (member
# coordinates, ≈ 0.6 ms a call) beats GEOS's ≈ 15 µs per member only for many members — at 6 the heavily
# overlapping farmland ran 11–16 % slower (200–20,000 features) than at 48; tessellations and dissolved layers: same
MEMBERS_VECTOR_MIN = 48
CLIP_VERTICES = 2000        # demand-driven loading clips features above this many vertices to the area of interest
INTERIOR = "T********"       # DE-9IM: interiors intersect (touching edges do not count)
# grouping on two threads measured 1.0–1.25× on the 2-core machine shared with other jobs (0.95× under
# load): off by default; set to 2 where cores are free
THREADS = 1 if (os.cpu_count() or 1) < 2 else int(os.environ.get("MINEPLAN_THREADS", "1"))
PARALLEL_MIN = 4000         # fewer features: thread start-up is not worth it
FID = "__fid__"              # key of the source feature id in Owner.attrs


_GC_LOCK = threading.Lock()
_GC_PAUSES = [0, False]      # runs inside gc_paused(), and whether the collector was on before the first


@contextlib.contextmanager
def gc_paused():
    """Python's cyclic garbage collector off while an index is built and measured: the engine makes hundreds of
    thousands of long-lived objects (items, pieces, owners), and the collector's passes over them cost 8–10 % of
    a 2,000-feature run (measured). Reference counting still frees everything else at once; cyclic garbage
    made meanwhile is freed when the collector is back on — as it was, once the last run inside it ends (runs
    in several threads)."""
    with _GC_LOCK:
        if _GC_PAUSES[0] == 0:
            _GC_PAUSES[1] = gc.isenabled()
            gc.disable()
        _GC_PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSES[0] -= 1
            if _GC_PAUSES[0] == 0 and _GC_PAUSES[1]:
                gc.enable()


class Owner:
    """A constraint feature, or a dissolved group of features whose interiors overlap."""

    __slots__ = ("ids", "attrs", "members", "area", "member_pieces", "member_index", "member_coords",
                 "member_areas", "member_rings", "key")

    def __init__(self, ids, attrs, members=None, area: float = 0.0):
        self.ids = ids                      # labels of the source features
        self.attrs = attrs                  # per source feature: dict of extra attributes
        self.members = members if members is not None else []   # (label, geometry) when a group of > 1 features
        self.area = area
        self.member_pieces = None           # member index → ([(piece, bbox)], R-tree or None), built on demand
        self.member_index = None            # R-tree of the members' boxes, built on demand
        self.member_coords = None           # the members' vertices (overlap_pairs.Coords), read on demand
        self.member_areas = None            # member index → its own area, measured on demand
        self.member_rings = None            # member index → its vertices for clipping in Python (or None), read on demand
        self.key = (ids[0], attrs[0].get(FID) if attrs else None)     # (label, feature id) of a lone feature


class Piece:
    """A part of an owner (at most MAX_VERTICES vertices), its box, its area and its owner's position."""

    __slots__ = ("geom", "bbox", "area", "owner", "engine", "_ag", "_ring")

    def __init__(self, geom: QgsGeometry, bbox: QgsRectangle, area: float, owner: int, engine=None):
        self.geom = geom
        self.bbox = bbox
        self.area = area
        self.owner = owner
        self.engine = engine
        self._ag = None
        self._ring = False       # not read yet; None: not a small ring of one polygon (overlap_pairs.small_ring)

    def ring(self):
        """The piece's vertices for clipping in Python (overlap_pairs.small_ring), read once; None for GEOS."""
        got = self._ring
        if got is False:
            got = self._ring = _small_ring(self.geom)
        return got

    def abstract(self):
        """The piece's abstract geometry for GEOS calls, taken once (constGet costs 1–2 µs per call). Pieces
        are read-only: what the index hands out (``Measure.geoms``, ``overlap_polygons``) are copies; a ``geom``
        replaced (a repair) is taken again."""
        got = self._ag
        if got is None or got[0] is not self.geom:
            got = self._ag = (self.geom, self.geom.constGet())
        return got[1]

    def prepared(self):
        if self.engine is None:
            self.engine = QgsGeometry.createGeometryEngine(self.geom.constGet())
            self.engine.prepareGeometry()
        return self.engine


def _clipped_area(p: Piece, edges, bbox: QgsRectangle) -> float | None:
    """Area of a small piece inside a convex block, clipped in Python (overlap_pairs.convex_clip_area), or None:
    then GEOS decides — a piece too big or not one ring, a piece whose box holds the block's (the block may lie
    inside it), and a clip that leaves (almost) nothing (a shared edge: GEOS's exact 0, not rounding noise)."""
    ring = p.ring()
    if ring is None or p.bbox.contains(bbox):
        return None
    return _clip(ring, edges, lambda: p.area)


def _clip(ring, edges, own_area) -> float | None:
    """overlap_pairs.convex_clip_area as an overlap: the ring's own area when it lies in the block, 0 when it is
    certainly outside, the clipped area, or None when the clip leaves (almost) nothing — GEOS decides then."""
    a, state = OP.convex_clip_area(ring, edges)
    if state == "inside":
        return own_area()        # (measured only then: a member's own area is made on demand)
    if state == "separate":
        return 0.0
    return a if a >= OP.CLIP_TINY_AREA else None


def _small_ring(g: QgsGeometry):
    """The vertices of a small one-ring polygon for the Python clip, or None (the vertex count is looked at
    before the WKB is read: most pieces of a red line are far too big)."""
    if _vertex_count(g) > OP.CLIP_MAX_VERTICES + 1:
        return None
    return OP.small_ring(bytes(g.asWkb()))


def _finite(r: QgsRectangle) -> bool:
    return all(math.isfinite(v) for v in (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))


class PreparedBlock:
    """A feature under review, in the working CRS, prepared for repeated predicates.

    A geometry that is not finite (PROJ gives inf/NaN for coordinates such as 1e20) is refused with a
    MinePlanError: measured, it would overlap nothing and pass as 符合. ``source_geom``/``source_crs``
    (set by ``prepare_block``) let an index working in a shared geographic CRS use the feature's own
    coordinates; ``area`` may be given when ``geom`` is such a variant of a block measured elsewhere."""

    def __init__(self, geom: QgsGeometry, area: float | None = None, label: str = "", layer: str = ""):
        self.geom = geom
        self.bbox = geom.boundingBox()
        if not geom.isEmpty() and not _finite(self.bbox):
            raise M.error(*M.cannot_transform_pair(layer or "—", label or "—", "inf/NaN"))
        self.area = geom.area() if area is None else area
        self.engine = QgsGeometry.createGeometryEngine(geom.constGet())
        self.engine.prepareGeometry()
        self.source_geom = None
        self.source_crs = None
        self._variants = {}
        self._halfplanes = False      # not computed yet; None: not a convex polygon of one ring
        self._edges = False

    def halfplanes(self):
        """The block as closed half-planes when it is convex (overlap_pairs.convex_halfplanes), else None."""
        if self._halfplanes is False:
            self._halfplanes = OP.convex_halfplanes(self.geom) if OP.available() else None
        return self._halfplanes

    def edges(self):
        """The convex block's edges for clipping in Python (overlap_pairs.convex_edges), or None (not convex)."""
        if self._edges is False:
            self._edges = OP.convex_edges(bytes(self.geom.asWkb()))
        return self._edges

    def variant(self, key, make):
        """This block in another CRS (an index's geographic CRS), built once by ``make(self)``."""
        v = self._variants.get(key)
        if v is None:
            v = self._variants[key] = make(self)
        return v


@dataclass
class Measure:
    area: float = 0.0
    per_owner: dict = field(default_factory=dict)      # owner index → area
    geoms: dict = field(default_factory=dict)          # owner index → [QgsGeometry]


def bulk_index(boxes) -> QgsSpatialIndex:
    """R-tree over ``boxes`` (QgsRectangle or QgsGeometry; id = position), bulk-loaded (STR packing) through a
    memory layer: about twice as fast to build as inserting one by one, and a better tree. Geometries are
    handed over as they are (their boxes are taken in C++: 3 µs per item instead of 8 µs through fromRect)."""
    if len(boxes) < 200:
        index = QgsSpatialIndex()
        for i, bb in enumerate(boxes):
            index.addFeature(i, bb if isinstance(bb, QgsRectangle) else bb.boundingBox())
        return index
    layer = QgsVectorLayer("Polygon", "bbox", "memory")
    rects = isinstance(boxes[0], QgsRectangle)
    feats = []
    append = feats.append
    for bb in boxes:
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromRect(bb) if rects else bb)
        append(f)
    layer.dataProvider().addFeatures(feats)
    # memory-layer feature ids start at 1 and follow the order of addFeatures
    return _OffsetIndex(QgsSpatialIndex(layer.dataProvider().getFeatures(QgsFeatureRequest().setNoAttributes())))


class _OffsetIndex:
    """Wraps a bulk-loaded index whose ids are positions + 1."""

    def __init__(self, index):
        self._index = index

    def intersects(self, rect):
        return [i - 1 for i in self._index.intersects(rect)]

    def raw(self, rect):
        return self._index.intersects(rect)


def _vertex_count(g: QgsGeometry) -> int:
    return g.constGet().nCoordinates() if g.constGet() is not None else 0


def _split(g: QgsGeometry) -> list:
    """Parts of a (multi)polygon, big parts subdivided; every returned piece is a valid polygon."""
    ag = g.constGet()
    if g.isMultipart() and ag.numGeometries() == 1:
        if ag.nCoordinates() <= MAX_VERTICES:
            return [g]            # the common case (a parcel): a valid one-part multipolygon, as it is
        parts = [QgsGeometry(ag.geometryN(0).clone())]
    else:
        parts = g.asGeometryCollection() if g.isMultipart() else [g]
    out = []
    for part in parts:
        if part.isEmpty():
            continue
        subdivided = _vertex_count(part) > MAX_VERTICES
        check = False
        if subdivided:
            sub = part.subdivide(MAX_VERTICES)
            subs = sub.asGeometryCollection() if not sub.isNull() else [part]
            # subdivide() may return invalid slivers; the pieces must tile the part exactly, so a piece
            # set whose areas add up to the part's is accepted without validating every piece (87 µs
            # each); otherwise every piece is checked and repaired
            total = sum(x.area() for x in subs)
            check = abs(total - part.area()) > 1e-9 * max(part.area(), 1.0)
        else:
            subs = [part]      # a part of a valid (multi)polygon is valid
        for s in subs:
            if s.isEmpty() or s.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
                continue
            if check and not s.isGeosValid():
                s = polygon_part(s.makeValid())
                if s.isEmpty():
                    continue
                if s.isMultipart():
                    out.extend(p for p in s.asGeometryCollection() if not p.isEmpty())
                    continue
            out.append(s)
    return out


class GeoFrame:
    """Geographic mode of an index: pieces stay in the geographic CRS the features under review share
    with the layer (edges straight in degrees on both sides, so an edge snapped in EPSG:4490 overlaps
    by 0 m²); areas are measured by densifying in degrees and projecting to the equal-area working CRS."""

    def __init__(self, crs, to_work: QgsCoordinateTransform, from_work: QgsCoordinateTransform):
        self.crs = crs
        self.to_work = to_work
        self.from_work = from_work
        self.key = ("geo", crs.authid() or crs.toWkt())

    def area(self, g: QgsGeometry) -> float:
        w = densify_for(QgsGeometry(g), self.crs)
        w.transform(self.to_work)
        return w.area()

    def to_work_geom(self, g: QgsGeometry) -> QgsGeometry:
        w = densify_for(QgsGeometry(g), self.crs)
        w.transform(self.to_work)
        return w

    def block(self, block: PreparedBlock) -> PreparedBlock:
        if block.source_geom is not None and block.source_crs is not None and block.source_crs == self.crs:
            g = QgsGeometry(block.source_geom)
        else:   # a block prepared by the caller in the working CRS: its own vertices, back in degrees
            g = QgsGeometry(block.geom)
            g.transform(self.from_work)
        return PreparedBlock(g, area=block.area)


@dataclass
class ReadSpec:
    """How the features of one source become index items (label, geometry in the index CRS, attrs, box)."""

    name: str
    transform: QgsCoordinateTransform          # source CRS → working CRS
    id_field: str | None = None
    attr_fields: tuple = ()
    invalid_mode: int = REPAIR
    buffer_lines: float = 0.0
    buffer_polygons: float = 0.0
    geo: GeoFrame | None = None
    geographic: bool = field(init=False, default=False)     # source CRS geographic: densify before projecting

    def __post_init__(self):
        self.geographic = bool(self.transform.sourceCrs().isGeographic())

    def source_crs(self):
        return self.transform.sourceCrs()


def read_items(source, spec: ReadSpec, stats: GeometryStats, request: QgsFeatureRequest | None = None,
               feedback=None, clip=None, keep=None, skip=None) -> list:
    """Clean and transform the features ``request`` returns. ``clip(geom, fid)`` (source CRS) cuts
    features above CLIP_VERTICES vertices to the area of interest (None: outside it); ``keep(bbox)``
    filters a full scan (a box in the source CRS; features far from every feature under review are dropped
    before anything is done with them); ``skip``: fids read before. Returns [(label, geometry, attrs, box)]
    sorted by source feature id, so every loading path builds the same groups in the same order."""
    fields = source.fields()
    id_idx = fields.lookupField(spec.id_field) if spec.id_field else -1
    attr_idx = [(f, i) for f, i in ((f, fields.lookupField(f)) for f in spec.attr_fields if f) if i >= 0]
    geom_type = QgsWkbTypes.geometryType(source.wkbType())
    polygons = geom_type == QgsWkbTypes.GeometryType.PolygonGeometry
    items = []
    append = items.append
    check = feedback is not None
    for n, feat in enumerate(source.getFeatures(request or QgsFeatureRequest())):
        if check and n % 1000 == 0 and feedback.isCanceled():
            break
        fid = feat.id()
        if skip is not None and fid in skip:
            continue            # read before (demand-driven loading of overlapping areas)
        g = feat.geometry()
        null = g.isNull()
        if keep is not None and not null and not keep(g.boundingBox()):
            continue
        if id_idx >= 0:
            raw = feat.attribute(id_idx)
            label = str(raw) if raw not in (None, "") else str(fid)
        else:
            label = str(fid)
        if null or g.isEmpty():
            stats.note(spec.name, label, "null")
            continue
        if polygons and clip is None and g.type() == QgsWkbTypes.GeometryType.PolygonGeometry and spec.geo is None \
                and spec.buffer_polygons <= 0 and not spec.geographic:
            got = _polygon_item(g, spec, stats, label)        # the common case, inlined
        else:
            got = _item_geometry(g, geom_type, spec, stats, label, fid, clip)
        if got is None:
            continue
        attrs = {f: feat.attribute(i) for f, i in attr_idx}
        attrs[FID] = fid
        append((label, got[0], attrs, got[1]))
    items.sort(key=lambda it: it[2][FID])
    return items


def _polygon_item(g: QgsGeometry, spec: ReadSpec, stats, label):
    """(geometry in the working CRS, its box) of a polygon from a projected source, or None (skipped): what
    _item_geometry does, without its general cases. Same checks: repaired or skipped as INVALID_GEOMETRY
    says, refused when it cannot be transformed or the result is not finite."""
    if not g.isGeosValid():
        g, _status = clean_geometry(g, spec.invalid_mode, spec.name, label, stats)
        if g is None:
            return None
    h = QgsGeometry(g)
    try:
        h.get().transform(spec.transform)     # as QgsGeometry.transform, without its result enum (2 µs)
    except QgsCsException as exc:
        raise M.error(*M.cannot_transform_pair(spec.name, label, exc)) from None
    bb = h.boundingBox()
    if not bb.isFinite() and not h.isEmpty():
        raise M.error(*M.cannot_transform_pair(spec.name, label, "inf/NaN"))
    return h, bb


def _item_geometry(g: QgsGeometry, geom_type, spec: ReadSpec, stats, label, fid, clip):
    """(geometry in the index CRS, its box) of one feature, or None (skipped, outside the area of interest);
    NULL and empty geometries are noted by the caller."""
    name = spec.name
    if clip is not None and _vertex_count(g) > CLIP_VERTICES:
        if g.type() == QgsWkbTypes.GeometryType.PolygonGeometry and not g.isGeosValid():
            # an invalid parcel is repaired as a whole, then clipped: repairing (or clipping) only the part
            # near the area of interest gives another area than the whole-layer path (issue 21)
            g, _status = clean_geometry(g, spec.invalid_mode, name, label, stats)
            if g is None:
                return None
        g = clip(g, fid)
        if g is None or g.isEmpty():
            return None
    if geom_type != QgsWkbTypes.GeometryType.PolygonGeometry or g.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        if spec.buffer_lines <= 0:
            return None
        g = transform_checked(g, spec.transform, spec.source_crs(), name, label).buffer(spec.buffer_lines, 8)
        g = _to_index_crs(g, spec)
        return g, g.boundingBox()
    if spec.geo is None and spec.buffer_polygons <= 0 and not spec.geographic:
        return _polygon_item(g, spec, stats, label)
    g, _status = clean_geometry(g, spec.invalid_mode, name, label, stats)
    if g is None:
        return None
    if spec.geo is not None and spec.buffer_polygons <= 0:
        g = QgsGeometry(g)       # geographic mode: stays in the shared geographic CRS
        return g, g.boundingBox()
    # (reprojection can, rarely, make a valid ring self-touch: measure() repairs a piece that GEOS then
    # refuses, instead of re-validating every feature here)
    g = transform_checked(g, spec.transform, spec.source_crs(), name, label)
    if spec.buffer_polygons > 0:
        g = g.buffer(spec.buffer_polygons, 8)
    g = _to_index_crs(g, spec)
    return g, g.boundingBox()


def _to_index_crs(g_work: QgsGeometry, spec: ReadSpec) -> QgsGeometry:
    """A buffered geometry (buffers are metric: made in the working CRS) back into a geographic index."""
    if spec.geo is None:
        return g_work
    g = QgsGeometry(g_work)
    g.transform(spec.geo.from_work)
    return g


def _members_near(owner: Owner, bbox: QgsRectangle) -> list:
    """Members of a dissolved group whose box meets ``bbox``: through an R-tree of the members (built once)
    — heavily overlapping parcels chain into groups of thousands, and a loop over them per block costs
    seconds."""
    if owner.member_index is None:
        owner.member_index = bulk_index([g for _, g in owner.members])
    return sorted(owner.member_index.intersects(bbox))


class _UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i, j):
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # the smaller root wins: groups keep the order of their first feature whatever the threads did
            self.parent[max(ri, rj)] = min(ri, rj)


class ConstraintIndex:
    """A constraint (or zone) layer prepared for fast exact overlap queries in the working CRS (or, in
    geographic mode, in the geographic CRS the layer shares with the features under review)."""

    def __init__(self, cat_id: str, name: str, dissolve: bool = True, geo: GeoFrame | None = None):
        self.cat_id = cat_id
        self.name = name
        self.dissolve = dissolve
        self.geo = geo
        self.owners: list[Owner] = []
        self.pieces: list[Piece] = []
        self.index = bulk_index([])
        self.feature_count = 0
        self.stats = GeometryStats()
        self.mode = "whole layer"
        self._boxes = None         # the pieces' boxes as arrays (xmin, ymin, xmax, ymax), made on demand
        self.pieces1 = None        # [None] + pieces when the R-tree's ids are positions + 1

    # ---- building -------------------------------------------------------------------------------------
    @classmethod
    def from_source(cls, source, cat_id: str, name: str, transform: QgsCoordinateTransform,
                    id_field: str | None = None, attr_fields=(), invalid_mode: int = REPAIR,
                    dissolve: bool = True, buffer_lines: float = 0.0, buffer_polygons: float = 0.0, feedback=None,
                    stats: GeometryStats = None, geo: GeoFrame | None = None):
        """Read every feature of ``source`` (a QgsFeatureSource or layer), clean and transform it.
        ``buffer_lines`` (m) turns line and point features into polygons (三区两线 keep-away distance);
        ``buffer_polygons`` (m) widens polygons by a keep-away distance. Lines and points are skipped when
        ``buffer_lines`` is 0."""
        self = cls(cat_id, name, dissolve, geo)
        if stats is not None:
            self.stats = stats
        spec = ReadSpec(name, transform, id_field, tuple(attr_fields), invalid_mode, buffer_lines, buffer_polygons,
                        geo)
        items = read_items(source, spec, self.stats, feedback=feedback)
        if feedback is not None and feedback.isCanceled():
            return self
        self.feature_count = len(items)
        self.build(items, feedback)
        return self

    def build(self, items, feedback=None, groups=None, owner_cache=None):
        """items: list of (label, geometry in the index CRS, attrs dict[, box]). ``groups`` (lists of item
        positions) and ``owner_cache`` (group key → (Owner, [Piece]) of an earlier build) let a
        lazily-filled index rebuild only the groups that changed."""
        if groups is None:
            groups = self._groups(items, feedback) if self.dissolve else [[i] for i in range(len(items))]
        owners, pieces = [], []
        for n, group in enumerate(groups):
            if feedback is not None and n % 2000 == 0 and feedback.isCanceled():
                return
            if owner_cache is not None:
                key = tuple(items[i][2][FID] for i in group)
                got = owner_cache.get(key)
                if got is None:
                    got = owner_cache[key] = self._owner(items, group)
                owner, own_pieces = got
            else:
                owner, own_pieces = self._owner(items, group)
            oi = len(owners)
            owners.append(owner)
            for p in own_pieces:
                p.owner = oi
                pieces.append(p)
        self.owners, self.pieces = owners, pieces
        self.index = bulk_index([p.geom for p in pieces])
        self.pieces1 = [None] + pieces if isinstance(self.index, _OffsetIndex) else None
        self._boxes = None

    def _owner(self, items, group):
        if len(group) == 1:
            item = items[group[0]]
            label, g, attrs = item[:3]
            owner = Owner([label], [attrs])
            ag = g.constGet()
            if ag.nCoordinates() <= MAX_VERTICES and (not g.isMultipart() or ag.numGeometries() == 1):
                # a feature overlapping no other (most parcels), small: one piece, as _split would give it
                a = self._area(g)
                owner.area = a
                return owner, [Piece(g, item[3] if len(item) > 3 else g.boundingBox(), a, -1)]
        else:
            g = QgsGeometry.unaryUnion([items[i][1] for i in group])
            owner = Owner([items[i][0] for i in group], [items[i][2] for i in group],
                          [(items[i][0], items[i][1]) for i in group])
        pieces = []
        for piece in _split(g):
            p = Piece(piece, piece.boundingBox(), self._area(piece), -1)
            owner.area += p.area
            pieces.append(p)
        return owner, pieces

    def _area(self, g: QgsGeometry) -> float:
        return self.geo.area(g) if self.geo is not None else g.area()

    def _block(self, block: PreparedBlock) -> PreparedBlock:
        return block.variant(self.geo.key, self.geo.block) if self.geo is not None else block

    @staticmethod
    def _groups(items, feedback=None) -> list:
        """Connected groups of features whose interiors overlap (DE-9IM ``T********``), over the pairs whose
        boxes meet. Most pairs are decided in bulk by overlap_pairs (a separating edge line, or a vertex
        strictly inside a convex neighbour: exact); the rest by GEOS, ≈ 12 µs each. Groups are listed by
        their first feature, members in item order (the same whoever decided which pair)."""
        n = len(items)
        if n < 2 or not OP.available():
            return ConstraintIndex._groups_geos(items, feedback)
        import numpy as np
        boxes = [it[3] if len(it) > 3 else it[1].boundingBox() for it in items]
        xmin = np.fromiter((b.xMinimum() for b in boxes), float, n)
        ymin = np.fromiter((b.yMinimum() for b in boxes), float, n)
        xmax = np.fromiter((b.xMaximum() for b in boxes), float, n)
        ymax = np.fromiter((b.yMaximum() for b in boxes), float, n)
        pi, pj = OP.candidate_pairs(xmin, ymin, xmax, ymax)
        uf = _UnionFind(n)
        if len(pi):
            involved = np.unique(np.concatenate([pi, pj]))
            coords = OP.Coords([items[i][1] for i in range(n)], involved)
            status = OP.classify(coords, pi, pj)
            for i, j in zip(pi[status == OP.OVERLAP].tolist(), pj[status == OP.OVERLAP].tolist()):
                uf.union(i, j)
            rest = status == OP.UNKNOWN
            cur, eng = -1, None
            for k, (i, j) in enumerate(zip(pi[rest].tolist(), pj[rest].tolist())):
                if feedback is not None and k % 2000 == 0 and feedback.isCanceled():
                    break
                if uf.find(i) == uf.find(j):
                    continue
                if i != cur:
                    eng = QgsGeometry.createGeometryEngine(items[i][1].constGet())
                    eng.prepareGeometry()
                    cur = i
                if eng.relatePattern(items[j][1].constGet(), INTERIOR):
                    uf.union(i, j)
        groups: dict = {}
        for i in range(n):
            groups.setdefault(uf.find(i), []).append(i)
        return list(groups.values())

    @staticmethod
    def _groups_geos(items, feedback=None) -> list:
        """The same groups with a DE-9IM test for every pair (without numpy)."""
        n = len(items)
        boxes = [g.boundingBox() for _, g, *_ in items]
        index = bulk_index(boxes)
        chunks = [range(k, n, THREADS) for k in range(THREADS)] if n >= PARALLEL_MIN else [range(n)]

        def edges(rows):
            uf = _UnionFind(n)            # per thread: skips pairs already joined through others
            out = []
            for i in rows:
                if feedback is not None and i % 2000 == 0 and feedback.isCanceled():
                    break
                cands = [j for j in index.intersects(boxes[i]) if j > i]
                if not cands:
                    continue
                eng = QgsGeometry.createGeometryEngine(items[i][1].constGet())
                eng.prepareGeometry()
                for j in cands:
                    if uf.find(i) != uf.find(j) and eng.relatePattern(items[j][1].constGet(), INTERIOR):
                        uf.union(i, j)
                        out.append((i, j))
            return out
        if len(chunks) == 1:
            found = [edges(chunks[0])]
        else:
            with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
                found = list(pool.map(edges, chunks))
        uf = _UnionFind(n)
        for part in found:
            for i, j in part:
                uf.union(i, j)
        groups: dict = {}
        for i in range(n):
            groups.setdefault(uf.find(i), []).append(i)
        return list(groups.values())

    # ---- querying --------------------------------------------------------------------------------------
    @property
    def piece_count(self) -> int:
        return len(self.pieces)

    def measure(self, block: PreparedBlock, want_geoms: bool = False) -> Measure:
        """Area of block ∩ layer (dissolved) and per owner (m² in the working CRS; ``m.geoms`` in the
        index CRS — ``overlap_polygons`` returns them in the working CRS)."""
        m = Measure()
        if block.area <= 0:
            return m
        b = self._block(block)
        bbox, engine, pieces, per_owner = b.bbox, b.engine, self.pieces, m.per_owner
        geo = self.geo is not None
        if self.pieces1 is not None:
            cands = self.index.raw(bbox)       # ids = positions + 1 (no list made per query to shift them)
            pieces = self.pieces1
        else:
            cands = self.index.intersects(bbox)
        inside = outside = None
        # small pieces on the boundary of a convex block are clipped in Python (≈ 3 µs instead of GEOS's ≈ 20 µs a
        # piece; areas agree to ≈ 1e-12): not for geographic pieces (areas measured after projecting) or outlines
        edges = b.edges() if not geo and not want_geoms else None
        if len(cands) >= VECTOR_MIN and b.halfplanes() is not None:
            # many pieces (a fine tessellation, a red line of millions of vertices): those whose box lies in the
            # (convex) block are inside it, those whose box lies beyond one of its edges cannot overlap it —
            # decided for all at once; only the others are asked of GEOS, in the same order as before
            inside, outside = self._sort_boxes(b, cands)
        for k, pi in enumerate(cands):
            p = pieces[pi]
            part = None
            if inside is not None and outside[k]:
                continue
            if inside is not None and inside[k]:
                a = p.area
                part = QgsGeometry(p.geom) if want_geoms else None
            elif edges is not None and (a := _clipped_area(p, edges, bbox)) is not None:
                pass
            else:
                ag = p.abstract()
                if bbox.contains(p.bbox) and engine.contains(ag):
                    a = p.area
                    part = QgsGeometry(p.geom) if want_geoms else None      # a copy: pieces are read-only
                elif p.bbox.contains(bbox) and p.prepared().contains(b.geom.constGet()):
                    a = block.area
                    m.area += a
                    per_owner[p.owner] = per_owner.get(p.owner, 0.0) + a
                    if want_geoms:
                        m.geoms.setdefault(p.owner, []).append(QgsGeometry(b.geom))
                    if self.dissolve:
                        break    # pieces of a dissolved layer are disjoint: nothing else can overlap
                    continue
                elif engine.intersects(ag):
                    inter = engine.intersection(ag)
                    if inter is None:       # GEOS refused the piece (invalid after reprojection): repair once
                        p.geom = polygon_part(p.geom.makeValid())
                        p.engine = None
                        p._ring = False
                        inter = engine.intersection(p.geom.constGet()) if not p.geom.isEmpty() else None
                        if inter is None:
                            continue
                    if geo:
                        ig = QgsGeometry(inter.clone())
                        a = self.geo.area(ig)
                    else:
                        ig = None
                        a = inter.area()
                    if want_geoms and a > 0:
                        part = polygon_part(ig if ig is not None else QgsGeometry(inter.clone()))
                else:
                    continue
            if a <= 0:
                continue
            m.area += a
            per_owner[p.owner] = per_owner.get(p.owner, 0.0) + a
            if want_geoms and part is not None and not part.isEmpty():
                m.geoms.setdefault(p.owner, []).append(part)
        return m

    def _sort_boxes(self, b: PreparedBlock, cands):
        """(inside, outside) flags of the candidate pieces' boxes against the convex block ``b`` (Python lists)."""
        import numpy as np
        boxes = self._boxes
        if boxes is None:
            boxes = np.array([(r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
                              for r in (p.bbox for p in self.pieces)]).reshape(-1, 4)
            if self.pieces1 is not None:      # candidates are positions + 1
                boxes = np.vstack([np.zeros((1, 4)), boxes])
            self._boxes = boxes
        sel = boxes[np.asarray(cands, dtype=np.int64)]
        inside, outside = OP.boxes_vs_convex(b.halfplanes(), sel[:, 0], sel[:, 1], sel[:, 2], sel[:, 3])
        return inside.tolist(), outside.tolist()

    def contributors(self, block: PreparedBlock, m: Measure) -> list:
        """Labels of the source features that overlap the block (every member of a dissolved group that
        actually overlaps it, not the whole group), largest overlap first."""
        return [label for label, _ in self.contributors_with_fids(block, m)]

    def contributors_with_fids(self, block: PreparedBlock, m: Measure) -> list:
        """[(label, source feature id)] of the features that overlap the block, largest overlap first
        (ties by feature id). A member of a dissolved group is ranked by its own overlap, so the order
        does not depend on how the layer was grouped (whole-layer and demand-driven builds agree)."""
        b = self._block(block)
        ranked = {}
        owners = self.owners
        for oi, area in m.per_owner.items():
            owner = owners[oi]
            if not owner.members:
                key = owner.key
                old = ranked.get(key)
                ranked[key] = area if old is None or area > old else old
                continue
            near = _members_near(owner, b.bbox)
            status = self._member_status(owner, near, b) if len(near) >= MEMBERS_VECTOR_MIN else None
            for n, mi in enumerate(near):
                st = status[n] if status is not None else OP.UNKNOWN
                if st == OP.SEPARATE:
                    continue        # the DE-9IM test would say no: nothing to rank
                if st == OP.WITHIN:
                    # the member lies in the block: its overlap is its own area (no intersection to make —
                    # on heavily overlapping parcels a third of the members near a block)
                    a = self._member_area(owner, mi)
                else:
                    a = self._member_overlap(owner, mi, b, st == OP.OVERLAP)
                if a > 0:
                    key = (owner.members[mi][0], owner.attrs[mi].get(FID))
                    ranked[key] = max(ranked.get(key, 0.0), a)
        # largest first (to 1e-6 m²), then feature id, then label (the keys are unique: no further tie)
        order = [(-round(a, 6), k[1] if isinstance(k[1], int) else -1, k[0], n, k) for n, (k, a) in
                 enumerate(ranked.items())]
        order.sort()
        return [it[4] for it in order]

    def _member_status(self, owner: Owner, near, b: PreparedBlock):
        """Per member near the block: in it (WITHIN), interiors meet (OVERLAP), do not (SEPARATE) or UNKNOWN —
        decided in bulk (overlap_pairs.convex_vs_many) for a convex block; None for another block."""
        hp = b.halfplanes()
        if hp is None:
            return None
        if owner.member_coords is None:
            owner.member_coords = OP.Coords([g for _, g in owner.members])
        return OP.convex_vs_many(hp, owner.member_coords, near).tolist()

    def _member_area(self, owner: Owner, mi: int) -> float:
        """Area of member ``mi`` (m², as its intersection with a block containing it would measure), kept."""
        if owner.member_areas is None:
            owner.member_areas = {}
        a = owner.member_areas.get(mi)
        if a is None:
            a = owner.member_areas[mi] = self._area(owner.members[mi][1])
        return a

    def _member_clipped(self, owner: Owner, mi: int, block: PreparedBlock) -> float | None:
        """Overlap of a small member with a convex block clipped in Python, or None (GEOS decides: see
        _clipped_area)."""
        if owner.member_rings is None:
            owner.member_rings = {}
        ring = owner.member_rings.get(mi, False)
        if ring is False:
            ring = owner.member_rings[mi] = _small_ring(owner.members[mi][1])
        if ring is None:
            return None
        return _clip(ring, block.edges(), lambda: self._member_area(owner, mi))

    def _member_overlap(self, owner: Owner, mi: int, block: PreparedBlock, meets: bool = False) -> float:
        """Overlap (m²) of member ``mi`` of a dissolved group with the block, on the member's own small
        pieces (built once, lazily): a DE-9IM test against a 50k-vertex member costs milliseconds.
        ``meets``: the interiors are known to meet (a member of one piece, decided in bulk): no DE-9IM test.
        A small member and a convex block: clipped in Python (no DE-9IM test, no intersection), as in measure()."""
        if self.geo is None and block.edges() is not None:
            a = self._member_clipped(owner, mi, block)
            if a is not None:
                return a
        if owner.member_pieces is None:
            owner.member_pieces = {}
        got = owner.member_pieces.get(mi)
        if got is None:
            g = owner.members[mi][1]
            pieces = [(p, p.boundingBox()) for p in _split(g)] if _vertex_count(g) > MAX_VERTICES else \
                [(g, g.boundingBox())]
            # a big member (a red-line feature: thousands of pieces) gets an R-tree of its pieces
            got = owner.member_pieces[mi] = (pieces, bulk_index([p for p, _ in pieces]) if len(pieces) > 32 else None)
        pieces, index = got[0], got[1]
        known = None
        if index is not None:
            near = sorted(index.intersects(block.bbox))        # in their order: the same sum
            if len(near) >= VECTOR_MIN and block.halfplanes() is not None and OP.available():
                import numpy as np
                if len(got) == 2:
                    boxes = np.array([(r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()) for _, r in pieces])
                    got = owner.member_pieces[mi] = (pieces, index, boxes)
                sel = got[2][np.asarray(near, dtype=np.int64)]
                inside, outside = OP.boxes_vs_convex(block.halfplanes(), sel[:, 0], sel[:, 1], sel[:, 2], sel[:, 3])
                keep = ~outside           # beyond an edge of the block: the DE-9IM test would say no
                known = inside[keep].tolist()   # in the block: the interiors meet, no test needed
                near = [k for k, kept in zip(near, keep.tolist()) if kept]
            pieces = [pieces[k] for k in near]
        elif meets and len(pieces) == 1:
            known = [True]
        total = 0.0
        for n, (g, bb) in enumerate(pieces):
            if bb.intersects(block.bbox) and (known is not None and known[n] or
                                              block.engine.relatePattern(g.constGet(), INTERIOR)):
                inter = block.engine.intersection(g.constGet())
                if inter is not None:
                    total += self._area(QgsGeometry(inter.clone())) if self.geo is not None else inter.area()
        return total

    def overlap_polygons(self, block: PreparedBlock, m: Measure) -> list:
        """(label, geometry, area) per overlapping source feature, in the working CRS."""
        b = self._block(block)
        out = []
        for oi, parts in m.geoms.items():
            owner = self.owners[oi]
            if not owner.members:
                g = parts[0] if len(parts) == 1 else QgsGeometry.unaryUnion(parts)
                self._add_polygon(out, owner.ids[0], polygon_part(g))
                continue
            for mi in _members_near(owner, b.bbox):
                label, mg = owner.members[mi]
                inter = b.engine.intersection(mg.constGet())
                if inter is not None:
                    self._add_polygon(out, label, polygon_part(QgsGeometry(inter.clone())))
        return out

    def _add_polygon(self, out, label, g):
        if g.isEmpty():
            return
        if self.geo is not None:
            g = self.geo.to_work_geom(g)
        if g.area() > 0:
            out.append((label, g, g.area()))


def prepare_block(geom: QgsGeometry, transform: QgsCoordinateTransform, layer_name: str = "",
                  label: str = "") -> PreparedBlock:
    """A feature under review in the working CRS: densified first when its CRS is geographic (edges
    straight in degrees), refused with a MinePlanError naming the layer and feature when it cannot be
    transformed (never a silent 0 m²); the source geometry is kept for geographic-mode indexes."""
    src = QgsGeometry(geom)
    if not src.isGeosValid():
        src = polygon_part(src.makeValid())
    g = transform_checked(src, transform, transform.sourceCrs(), layer_name or "—", label or "—")
    if not g.isGeosValid():
        g = polygon_part(g.makeValid())
    block = PreparedBlock(g, label=label, layer=layer_name)
    block.source_geom = src
    block.source_crs = transform.sourceCrs()
    return block
