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

from . import messages as M
from .geometry import REPAIR, GeometryStats, clean_geometry, polygon_part

MAX_VERTICES = 256          # subdivide parts above this many vertices
INTERIOR = "T********"       # DE-9IM: interiors intersect (touching edges do not count)
FID = "__fid__"              # key of the source feature id in Owner.attrs


@dataclass
class Owner:
    """A constraint feature, or a dissolved group of features whose interiors overlap."""

    ids: list                      # labels of the source features
    attrs: list                    # per source feature: dict of extra attributes
    members: list = field(default_factory=list)   # (label, geometry) when a group of > 1 features
    area: float = 0.0
    member_pieces: dict | None = None              # member index → [(piece, bbox)], built on demand


@dataclass
class Piece:
    geom: QgsGeometry
    bbox: QgsRectangle
    area: float
    owner: int
    engine: object = None

    def prepared(self):
        if self.engine is None:
            self.engine = QgsGeometry.createGeometryEngine(self.geom.constGet())
            self.engine.prepareGeometry()
        return self.engine


class PreparedBlock:
    """A feature under review, in the working CRS, prepared for repeated predicates."""

    def __init__(self, geom: QgsGeometry):
        self.geom = geom
        self.bbox = geom.boundingBox()
        self.area = geom.area()
        self.engine = QgsGeometry.createGeometryEngine(geom.constGet())
        self.engine.prepareGeometry()


@dataclass
class Measure:
    area: float = 0.0
    per_owner: dict = field(default_factory=dict)      # owner index → area
    geoms: dict = field(default_factory=dict)          # owner index → [QgsGeometry]


def bulk_index(boxes) -> QgsSpatialIndex:
    """R-tree over ``boxes`` (id = position), bulk-loaded (STR packing) through a memory layer: about
    twice as fast to build as inserting one by one, and a better tree."""
    if len(boxes) < 200:
        index = QgsSpatialIndex()
        for i, bb in enumerate(boxes):
            index.addFeature(i, bb)
        return index
    layer = QgsVectorLayer("Polygon", "bbox", "memory")
    feats = []
    for bb in boxes:
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromRect(bb))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    # memory-layer feature ids start at 1 and follow the order of addFeatures
    return _OffsetIndex(QgsSpatialIndex(layer.getFeatures(QgsFeatureRequest().setNoAttributes())))


class _OffsetIndex:
    """Wraps a bulk-loaded index whose ids are positions + 1."""

    def __init__(self, index):
        self._index = index

    def intersects(self, rect):
        return [i - 1 for i in self._index.intersects(rect)]


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
            if s.isEmpty() or s.type() != QgsWkbTypes.PolygonGeometry:
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


class ConstraintIndex:
    """A constraint (or zone) layer prepared for fast exact overlap queries in the working CRS."""

    def __init__(self, cat_id: str, name: str, dissolve: bool = True):
        self.cat_id = cat_id
        self.name = name
        self.dissolve = dissolve
        self.owners: list[Owner] = []
        self.pieces: list[Piece] = []
        self.index = bulk_index([])
        self.feature_count = 0
        self.stats = GeometryStats()

    # ---- building -------------------------------------------------------------------------------------
    @classmethod
    def from_source(cls, source, cat_id: str, name: str, transform: QgsCoordinateTransform,
                    id_field: str | None = None, attr_fields=(), invalid_mode: int = REPAIR,
                    dissolve: bool = True, buffer_lines: float = 0.0, buffer_polygons: float = 0.0, feedback=None,
                    stats: GeometryStats = None):
        """Read every feature of ``source`` (a QgsFeatureSource or layer), clean and transform it.
        ``buffer_lines`` (m) turns line and point features into polygons (三区两线 keep-away distance);
        ``buffer_polygons`` (m) widens polygons by a keep-away distance. Lines and points are skipped when
        ``buffer_lines`` is 0."""
        self = cls(cat_id, name, dissolve)
        if stats is not None:
            self.stats = stats
        fields = source.fields()
        id_idx = fields.lookupField(id_field) if id_field else -1
        attr_idx = [(f, fields.lookupField(f)) for f in attr_fields if f]
        request = QgsFeatureRequest()
        geom_type = QgsWkbTypes.geometryType(source.wkbType())
        items = []
        for feat in source.getFeatures(request):
            if feedback is not None and feedback.isCanceled():
                return self
            label = str(feat.attribute(id_idx)) if id_idx >= 0 and feat.attribute(id_idx) not in (None, "") \
                else str(feat.id())
            g = QgsGeometry(feat.geometry())
            if g.isNull() or g.isEmpty():
                self.stats.note(name, label, "null")
                continue
            if geom_type != QgsWkbTypes.PolygonGeometry or g.type() != QgsWkbTypes.PolygonGeometry:
                try:
                    g.transform(transform)
                except QgsCsException as exc:
                    raise M.error(*M.cannot_transform_pair(name, label, exc)) from None
                if buffer_lines <= 0:
                    continue
                g = g.buffer(buffer_lines, 8)
            else:
                g, status = clean_geometry(g, invalid_mode, name, label, self.stats)
                if g is None:
                    continue
                try:
                    g.transform(transform)
                except QgsCsException as exc:
                    raise M.error(*M.cannot_transform_pair(name, label, exc)) from None
                # (reprojection can, rarely, make a valid ring self-touch: measure() repairs a piece that
                # GEOS then refuses, instead of re-validating every feature here)
                if buffer_polygons > 0:
                    g = g.buffer(buffer_polygons, 8)
            attrs = {f: feat.attribute(i) for f, i in attr_idx if i >= 0}
            attrs[FID] = feat.id()
            items.append((label, g, attrs))
        self.feature_count = len(items)
        self.build(items, feedback)
        return self

    def build(self, items, feedback=None):
        """items: list of (label, geometry in working CRS, attrs dict)."""
        groups = self._groups(items, feedback) if self.dissolve else [[i] for i in range(len(items))]
        for group in groups:
            if feedback is not None and feedback.isCanceled():
                return
            if len(group) == 1:
                label, g, attrs = items[group[0]]
                owner = Owner(ids=[label], attrs=[attrs])
            else:
                geoms = [items[i][1] for i in group]
                g = QgsGeometry.unaryUnion(geoms)
                owner = Owner(ids=[items[i][0] for i in group], attrs=[items[i][2] for i in group],
                              members=[(items[i][0], items[i][1]) for i in group])
            oi = len(self.owners)
            self.owners.append(owner)
            for piece in _split(g):
                p = Piece(piece, piece.boundingBox(), piece.area(), oi)
                owner.area += p.area
                self.pieces.append(p)
        self.index = bulk_index([p.bbox for p in self.pieces])

    @staticmethod
    def _groups(items, feedback=None) -> list:
        """Connected groups of features whose interiors overlap (union-find over a bbox index)."""
        n = len(items)
        parent = list(range(n))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i
        boxes = [g.boundingBox() for _, g, _ in items]
        index = bulk_index(boxes)
        for i, (_, g, _) in enumerate(items):
            if feedback is not None and i % 2000 == 0 and feedback.isCanceled():
                break
            cands = [j for j in index.intersects(boxes[i]) if j > i]
            if not cands:
                continue
            eng = QgsGeometry.createGeometryEngine(g.constGet())
            eng.prepareGeometry()
            for j in cands:
                if find(i) == find(j):
                    continue
                if eng.relatePattern(items[j][1].constGet(), INTERIOR):
                    parent[find(j)] = find(i)
        groups: dict = {}
        for i in range(n):
            groups.setdefault(find(i), []).append(i)
        return list(groups.values())

    # ---- querying --------------------------------------------------------------------------------------
    @property
    def piece_count(self) -> int:
        return len(self.pieces)

    def measure(self, block: PreparedBlock, want_geoms: bool = False) -> Measure:
        """Area of block ∩ layer (dissolved) and per owner."""
        m = Measure()
        if block.area <= 0:
            return m
        for pi in self.index.intersects(block.bbox):
            p = self.pieces[pi]
            part = None
            if block.bbox.contains(p.bbox) and block.engine.contains(p.geom.constGet()):
                a = p.area
                part = p.geom if want_geoms else None
            elif p.bbox.contains(block.bbox) and p.prepared().contains(block.geom.constGet()):
                a = block.area
                part = block.geom if want_geoms else None
                m.area += a
                m.per_owner[p.owner] = m.per_owner.get(p.owner, 0.0) + a
                if want_geoms:
                    m.geoms.setdefault(p.owner, []).append(part)
                if self.dissolve:
                    break    # pieces of a dissolved layer are disjoint: nothing else can overlap
                continue
            elif block.engine.intersects(p.geom.constGet()):
                inter = block.engine.intersection(p.geom.constGet())
                if inter is None:       # GEOS refused the piece (invalid after reprojection): repair once
                    p.geom = polygon_part(p.geom.makeValid())
                    p.engine = None
                    inter = block.engine.intersection(p.geom.constGet()) if not p.geom.isEmpty() else None
                    if inter is None:
                        continue
                a = inter.area()
                if want_geoms and a > 0:
                    part = polygon_part(QgsGeometry(inter.clone()))
            else:
                continue
            if a <= 0:
                continue
            m.area += a
            m.per_owner[p.owner] = m.per_owner.get(p.owner, 0.0) + a
            if want_geoms and part is not None and not part.isEmpty():
                m.geoms.setdefault(p.owner, []).append(part)
        return m

    def contributors(self, block: PreparedBlock, m: Measure) -> list:
        """Labels of the source features that overlap the block (every member of a dissolved group that
        actually overlaps it, not the whole group), largest overlap first."""
        return [label for label, _ in self.contributors_with_fids(block, m)]

    def contributors_with_fids(self, block: PreparedBlock, m: Measure) -> list:
        """[(label, source feature id)] of the features that overlap the block."""
        out = []
        for oi in sorted(m.per_owner, key=lambda o: -m.per_owner[o]):
            owner = self.owners[oi]
            if not owner.members:
                out.append((owner.ids[0], owner.attrs[0].get(FID) if owner.attrs else None))
                continue
            for mi, (label, g) in enumerate(owner.members):
                if g.boundingBox().intersects(block.bbox) and self._member_overlaps(owner, mi, block):
                    out.append((label, owner.attrs[mi].get(FID)))
        seen, uniq = set(), []
        for x in out:
            if x not in seen:
                seen.add(x)
                uniq.append(x)
        return uniq

    @staticmethod
    def _member_overlaps(owner: Owner, mi: int, block: PreparedBlock) -> bool:
        """Does member ``mi`` of a dissolved group overlap the block? Tested on the member's own small
        pieces (built once, lazily): a DE-9IM test against a 50k-vertex member costs milliseconds."""
        if owner.member_pieces is None:
            owner.member_pieces = {}
        pieces = owner.member_pieces.get(mi)
        if pieces is None:
            g = owner.members[mi][1]
            pieces = [(p, p.boundingBox()) for p in _split(g)] if _vertex_count(g) > MAX_VERTICES else \
                [(g, g.boundingBox())]
            owner.member_pieces[mi] = pieces
        for g, bb in pieces:
            if bb.intersects(block.bbox) and block.engine.relatePattern(g.constGet(), INTERIOR):
                return True
        return False

    def overlap_polygons(self, block: PreparedBlock, m: Measure) -> list:
        """(label, geometry, area) per overlapping source feature, in the working CRS."""
        out = []
        for oi, parts in m.geoms.items():
            owner = self.owners[oi]
            if not owner.members:
                g = parts[0] if len(parts) == 1 else QgsGeometry.unaryUnion(parts)
                g = polygon_part(g)
                if not g.isEmpty():
                    out.append((owner.ids[0], g, g.area()))
                continue
            for label, mg in owner.members:
                if not mg.boundingBox().intersects(block.bbox):
                    continue
                inter = block.engine.intersection(mg.constGet())
                if inter is None:
                    continue
                g = polygon_part(QgsGeometry(inter.clone()))
                if not g.isEmpty() and g.area() > 0:
                    out.append((label, g, g.area()))
        return out


def prepare_block(geom: QgsGeometry, transform: QgsCoordinateTransform) -> PreparedBlock:
    g = QgsGeometry(geom)
    g.transform(transform)
    if not g.isGeosValid():
        g = polygon_part(g.makeValid())
    return PreparedBlock(g)
