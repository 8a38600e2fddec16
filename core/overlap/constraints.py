"""Loading constraint and zone layers into overlap indexes in one working CRS (shared by every
algorithm, the review pipeline and the docks).

Control lines (生态保护红线 …) are dissolved where features overlap (an area is counted once); zone layers
(重点开采区, 开采规划区块 …) are not, so every zone keeps its own share.

Demand-driven loading (docs/overlap.md, "Demand-driven loading"): given the features under review
(``demand``), only the constraint features near them are read — one filter rectangle per cluster of
features, evaluated by the provider's spatial index (in the database for PostGIS) — and only those are
repaired, reprojected, grouped and subdivided; features above CLIP_VERTICES vertices are clipped to the
areas of interest first. Whole-layer loading is kept where it is cheaper (the areas cover much of the
layer, or there are very many features under review); ``choose_loading`` decides and the choice is
logged. ``DemandIndex`` is the same loader kept alive and filled area by area (the feature dock).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsLineString,
    QgsRectangle,
    QgsSpatialIndex,
)

from ...rules.model.ruleset import ROLE_NAMES
from ..geometry.clean import GeometryStats
from ..geometry.measure import AreaContext, checked_transform, extent_problem, geographic_extent, make_area_context
from ..inputs.field_names import ID_CANDIDATES, MINERAL_CANDIDATES, NAME_CANDIDATES, detect_field
from ..support.i18n import label
from .engine import CLIP_VERTICES, FID, ConstraintIndex, GeoFrame, PreparedBlock, ReadSpec, read_items

WHOLE_LAYER_SHARE = 0.25     # areas of interest covering more of the layer's extent: one read of the layer
MAX_DEMAND_FEATURES = 1500   # more features under review: one read of the layer (the areas would cover most of it)
MAX_FILTER_FEATURES = 20000  # up to this many features under review, their boxes filter that one read
DENSE_COVER = 1.5            # boxes adding up to more than this × the layer's extent: they cover nearly all of it
MAX_SCAN_REQUESTS = 4        # provider without a spatial index: more areas than this → one scan, filtered here
SCAN_FEATURES_PER_REQUEST = 50   # fewer features than this per area: one scan is cheaper than a request per area
DEMAND_BY_DEFAULT = False    # build_area_context records the features under review (see there)
MARGIN_M = 1.0               # areas of interest are widened by this (and by keep-away buffers), in metres


@dataclass
class ConstraintInput:
    cat_id: str           # eco / farm / urban / reserve / other_1 …
    name: str             # shown in reasons (生态保护红线 or the layer's name)
    source: object        # QgsFeatureSource / QgsVectorLayer
    crs: object
    id_field: str | None = None


@dataclass
class ZoneLayer:
    role: str
    index: ConstraintIndex
    id_field: str | None
    name_field: str | None
    mineral_field: str | None


class Demand:
    """Areas of interest in the working CRS: one rectangle per feature under review (``rects``; empty when
    only their number is known), and the box around all of them (``extent``; None: unknown)."""

    def __init__(self, rects, count: int | None = None, extent: QgsRectangle | None = None):
        self.rects = [QgsRectangle(r) for r in rects if r is not None and not r.isNull()]
        self.count = len(self.rects) if count is None else count
        if extent is None and self.rects:
            extent = QgsRectangle(self.rects[0])
            for r in self.rects[1:]:
                extent.combineExtentWith(r)
        self.extent = extent

    def in_crs(self, crs, work_to_src: QgsCoordinateTransform, margin: float) -> list:
        """The rectangles widened by ``margin`` and transformed to a layer's CRS (kept: layers often share one)."""
        cache = self.__dict__.setdefault("_in_crs", {})
        key = (crs.authid() or crs.toWkt(), margin)
        got = cache.get(key)
        if got is None:
            got = cache[key] = transform_rects([r.buffered(margin) for r in self.rects], work_to_src)
        return got

    def clusters(self) -> list:
        """The rectangles merged into disjoint clusters (working CRS), made once: the same for every layer."""
        got = self.__dict__.get("_clusters")
        if got is None:
            got = self._clusters = cluster_rects(self.rects, 0.0)     # one pass leaves them disjoint
        return got

    @classmethod
    def of(cls, demand) -> Demand | None:
        """``demand`` as given to build_indexes: None, a Demand, or a list of QgsRectangle / QgsGeometry /
        PreparedBlock in the working CRS."""
        if demand is None or isinstance(demand, Demand):
            return demand
        rects = []
        for d in demand:
            if isinstance(d, QgsRectangle):
                rects.append(d)
            elif isinstance(d, PreparedBlock):
                rects.append(d.bbox)
            elif isinstance(d, QgsGeometry) and not d.isNull() and not d.isEmpty():
                rects.append(d.boundingBox())
        return cls(rects, count=len(demand))


def demand_from_source(source, area_ctx: AreaContext, transform_context, request=None) -> Demand:
    """The features under review of ``source`` as areas of interest in the working CRS (their boxes, all
    transformed in one call). Past MAX_FILTER_FEATURES only the count is kept (the layers are read whole);
    boxes that add up to more than DENSE_COVER × the area they span are not kept either, only that area."""
    n = source.featureCount()
    if n is not None and n > MAX_FILTER_FEATURES:
        return Demand([], count=n)
    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    req.setNoAttributes()
    tr_ = checked_transform(source.sourceCrs(), area_ctx.crs, transform_context)
    boxes = []
    for f in source.getFeatures(req):
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            continue
        boxes.append(g.boundingBox())
    rects = transform_rects(boxes, tr_)      # a box that cannot be transformed is left out (reported later)
    if len(rects) > MAX_DEMAND_FEATURES:
        d = Demand(rects)
        area = d.extent.width() * d.extent.height() if d.extent is not None else 0.0
        if area > 0 and sum(r.width() * r.height() for r in rects) > DENSE_COVER * area:
            return Demand([], count=len(rects), extent=d.extent)
        return d
    return Demand(rects, count=len(rects))


def transform_rects(boxes, transform: QgsCoordinateTransform) -> list:
    """``transform_rect`` of many boxes in one transform call (16 points each, numpy); the boxes that cannot
    be transformed are left out. Falls back to one call per box."""
    if not boxes:
        return []
    try:
        import numpy as np
    except ImportError:      # pragma: no cover
        np = None
    if np is not None and len(boxes) > 8:
        try:
            b = np.array([(r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()) for r in boxes])
            t = np.array([0.0, 0.25, 0.5, 0.75])
            x0, y0, x1, y1 = (b[:, k:k + 1] for k in range(4))
            w, h = x1 - x0, y1 - y0
            one = np.ones_like(t)
            xs = np.hstack([x0 + w * t, x1 * one, x1 - w * t, x0 * one])
            ys = np.hstack([y0 * one, y0 + h * t, y1 * one, y1 - h * t])
            line = QgsGeometry(QgsLineString(xs.ravel().tolist(), ys.ravel().tolist()))
            line.transform(transform)
            xy = np.frombuffer(bytes(line.asWkb()), dtype="<f8", offset=9).reshape(len(boxes), 16, 2) \
                if bytes(line.asWkb())[0] == 1 else None
            if xy is not None and np.isfinite(xy).all():
                lo, hi = xy.min(axis=1), xy.max(axis=1)
                pad = 1e-3 * np.maximum(hi[:, 0] - lo[:, 0], hi[:, 1] - lo[:, 1])
                return [QgsRectangle(a - p, c - p, e + p, f + p)
                        for (a, c), (e, f), p in zip(lo.tolist(), hi.tolist(), pad.tolist())]
        except QgsCsException:
            pass          # some box cannot be transformed: one by one below
    out = []
    for r in boxes:
        try:
            out.append(transform_rect(r, transform))
        except QgsCsException:
            continue
    return out


# ---- areas of interest --------------------------------------------------------------------------------
def cluster_rects(rects, gap: float) -> list:
    """Merge rectangles closer than ``gap`` until the clusters are disjoint and at least ``gap`` apart
    (clipped parts of one feature then never touch: their collection is a valid multipolygon)."""
    index = QgsSpatialIndex()
    live = {}
    next_id = 0
    for r in rects:
        cur = QgsRectangle(r)
        while True:
            probe = cur.buffered(gap)
            hits = [i for i in index.intersects(probe) if i in live and live[i].intersects(probe)]
            if not hits:
                break
            for i in hits:        # merged clusters stay in the R-tree, dead (it cannot delete by id)
                cur.combineExtentWith(live.pop(i))
        live[next_id] = cur
        index.addFeature(next_id, cur)
        next_id += 1
    return list(live.values())


@dataclass
class LoadingPlan:
    mode: str                    # "demand" (a request per area), "scan" (one read, filtered) or "whole"
    rects: list                  # clusters in the layer's CRS (demand mode); the area read (scan mode)
    share: float                 # of the layer's extent covered by them
    why: str
    keep: list | None = None     # scan: boxes of the features under review in the layer's CRS (None: all of
    #                              the area read is kept)


def transform_rect(r: QgsRectangle, transform: QgsCoordinateTransform) -> QgsRectangle:
    """Box of a rectangle in another CRS, from 16 points on its edges, widened by 0.1 % for the bending
    of the edges between them (≈ 30× cheaper than transformBoundingBox, which samples a 21 × 21 grid)."""
    g = QgsGeometry.fromRect(r).densifyByCount(3)
    g.transform(transform)
    out = g.boundingBox()
    return out.buffered(1e-3 * max(out.width(), out.height()))


def _work_to_source_rects(rects, work_to_src: QgsCoordinateTransform, margin: float) -> list:
    out = []
    for r in rects:
        try:
            out.append(transform_rect(r.buffered(margin), work_to_src))
        except QgsCsException:
            continue
    return out


def _gap(extent: QgsRectangle, crs) -> float:
    size = max(extent.width(), extent.height()) if extent is not None and not extent.isNull() else 0.0
    return max(size * 1e-7, 1e-7 if crs is not None and crs.isGeographic() else 1e-3)


def choose_loading(source, src_crs, demand: Demand | None, work_to_src: QgsCoordinateTransform,
                   margin: float) -> LoadingPlan:
    """Demand-driven (a request per area of interest) while the areas cover little of the layer's extent;
    else one read of the layer, keeping only the features near a feature under review (``scan``), or all of
    them when the features under review cover the layer (``whole``)."""
    if demand is None:
        return LoadingPlan("whole", [], 1.0, "not limited to features under review")
    extent = source.sourceExtent() if hasattr(source, "sourceExtent") else source.extent()
    ext_area = extent.width() * extent.height() if extent is not None and not extent.isNull() else 0.0
    share = 1.0
    if demand.rects and demand.count <= MAX_DEMAND_FEATURES and len(demand.rects) <= MAX_DEMAND_FEATURES:
        gap = _gap(extent, src_crs)
        clusters = demand.clusters()        # cheap pass in the working CRS, shared by the layers
        clusters = cluster_rects(_work_to_source_rects(clusters, work_to_src, margin), gap)
        if ext_area <= 0:
            return LoadingPlan("demand", clusters, 0.0, "layer extent unknown")
        covered = sum(c.intersect(extent).area() for c in clusters if c.intersects(extent))
        share = covered / ext_area
        if share <= WHOLE_LAYER_SHARE:
            return LoadingPlan("demand", clusters, share, f"{len(clusters)} area(s) of interest cover "
                                                          f"{100 * share:.1f} % of the layer")
        why = f"areas of interest cover {100 * share:.0f} % of the layer"
    else:
        why = f"{demand.count} features under review > {MAX_DEMAND_FEATURES}"
    if demand.extent is None or ext_area <= 0:
        return LoadingPlan("whole", [], share, why)
    region = _work_to_source_rects([demand.extent], work_to_src, margin)
    if not region:
        return LoadingPlan("whole", [], share, why)
    keep = None
    if demand.rects:
        keep = demand.in_crs(src_crs, work_to_src, margin)
        cover = sum(r.intersect(extent).area() for r in keep if r.intersects(extent)) / ext_area
        if len(keep) < len(demand.rects) or cover > DENSE_COVER or any(r.contains(extent) for r in keep):
            keep = None          # a box could not be transformed, or the boxes cover (nearly) everything
    if keep is None and region[0].contains(extent):
        return LoadingPlan("whole", [], share, why)
    return LoadingPlan("scan", region, share, why + (f"; one read, {len(keep)} box(es) kept" if keep is not None
                                                      else "; one read of their extent"), keep)


# ---- demand-driven index --------------------------------------------------------------------------------
class DemandIndex:
    """A ConstraintIndex filled area by area: ``ensure(rects)`` reads the constraint features of the
    areas not read yet, and rebuilds only the groups that changed. For any block inside the areas read
    so far the answers equal those of a whole-layer build (areas within floating-point noise; the
    same groups, contributors and order). ``index`` is the same ConstraintIndex object throughout.

    Invalidate by dropping the object (a layer's features, CRS or subset changed, or a setting such as
    the area method, the invalid-geometry mode or the rule set's buffers): it holds copies of what it read.
    """

    def __init__(self, source, spec: ReadSpec, cat_id: str, dissolve: bool, transform_context,
                 stats: GeometryStats | None = None, margin: float = MARGIN_M):
        self.source = source
        self.spec = spec
        self.index = ConstraintIndex(cat_id, spec.name, dissolve, spec.geo)
        self.index.mode = "demand"
        if stats is not None:
            self.index.stats = stats
        self.src_crs = spec.source_crs()
        self.work_to_src = checked_transform(spec.transform.destinationCrs(), self.src_crs, transform_context)
        self.margin = margin + max(spec.buffer_lines, spec.buffer_polygons)
        extent = source.sourceExtent() if hasattr(source, "sourceExtent") else source.extent()
        self.gap = _gap(extent, self.src_crs)
        self.loaded: list[QgsRectangle] = []     # areas read, in the layer's CRS
        self.items: dict = {}                     # fid → (label, geometry in index CRS, attrs, box)
        self.raw: dict = {}                       # fid → source geometry of a clipped (big) feature
        self._owner_cache: dict = {}
        self.requests = 0
        self.seconds = 0.0

    def ensure_demand(self, demand, feedback=None) -> ConstraintIndex:
        d = Demand.of(demand)
        if d is None or not d.rects:
            return self.index
        clusters = cluster_rects(_work_to_source_rects(d.clusters(), self.work_to_src, self.margin), self.gap)
        return self.ensure(clusters, feedback)

    def ensure(self, rects_src, feedback=None, keep=None, clustered: bool = False) -> ConstraintIndex:
        """Make the index complete for the areas ``rects_src`` (in the layer's CRS). ``keep`` (boxes in the
        layer's CRS, one-shot loading only): the areas are read in one request and only the features meeting
        one of these boxes are kept — the index is then complete for blocks inside them. ``clustered``: the
        areas are already disjoint and this index's gap apart (choose_loading's clusters)."""
        new = [r for r in rects_src if not any(lr.contains(r) for lr in self.loaded)]
        if not new:
            return self.index
        t0 = time.perf_counter()
        if clustered and not self.loaded:
            # clustering them again would give them back unchanged, in the same order
            new = [QgsRectangle(r) for r in new]
            self.loaded = [QgsRectangle(r) for r in new]
        else:
            new = cluster_rects(new, self.gap)
            self.loaded = cluster_rects(self.loaded + new, self.gap)
        changed = self._read(new, feedback, keep)
        if changed:
            self._owner_cache = {k: v for k, v in self._owner_cache.items() if not changed.intersection(k)}
        items = [self.items[f] for f in sorted(self.items)]
        self.index.feature_count = len(items)
        self.index.build(items, feedback, owner_cache=self._owner_cache)
        self.seconds += time.perf_counter() - t0
        return self.index

    def _read(self, clusters, feedback, keep_boxes=None) -> set:
        """Read the features of ``clusters``; returns the fids whose item changed (re-clipped)."""
        skip = {f for f in self.items if f not in self.raw}     # big features are re-clipped, once per read
        changed = set()

        def clip(g, fid):
            self.raw[fid] = g
            changed.add(fid)
            return _clip_to(g, [r for r in self.loaded if r.intersects(g.boundingBox())])

        def take(request, keep=None):
            for item in read_items(self.source, self.spec, self.index.stats, request, feedback, clip=clip,
                                   keep=keep, skip=skip):
                fid = item[2][FID]
                self.items[fid] = item
                skip.add(fid)
            self.requests += 1

        attrs = self._attribute_subset()
        if keep_boxes is not None:
            union = QgsRectangle(clusters[0])
            for c in clusters[1:]:
                union.combineExtentWith(c)
            kindex = QgsSpatialIndex()
            for i, c in enumerate(keep_boxes):
                kindex.addFeature(i, c)
            # (a grid of cells instead of the R-tree: ≈ 1 µs instead of 4 µs a feature, but every cell it marks
            # keeps features no box meets — measured slower at 2,000 features under review)
            take(self._request(union, attrs), keep=lambda bb: bool(kindex.intersects(bb)))
            return changed
        if self._scan_instead(clusters):
            cindex = QgsSpatialIndex()
            for i, c in enumerate(clusters):
                cindex.addFeature(i, c)
            union = QgsRectangle(clusters[0])
            for c in clusters[1:]:
                union.combineExtentWith(c)
            take(self._request(union, attrs), keep=lambda bb: bool(cindex.intersects(bb)))
            return changed
        for c in clusters:
            take(self._request(c, attrs))
        return changed

    def _scan_instead(self, clusters) -> bool:
        """One scan filtered here instead of one request per area: for providers without a spatial index
        (each request would scan the whole table) past a few areas, and for layers with few features per
        area (a red line of 9 big features: each request re-reads the same 50k-vertex features, and a
        request costs ≈ 0.4 ms in a GeoPackage — the price of ≈ 100 small features)."""
        has = getattr(self.source, "hasSpatialIndex", None)
        present = has() if has is not None else QgsFeatureSource.SpatialIndexPresence.SpatialIndexUnknown
        if present == QgsFeatureSource.SpatialIndexPresence.SpatialIndexNotPresent and len(clusters) > MAX_SCAN_REQUESTS:
            return True
        n = self.source.featureCount() if hasattr(self.source, "featureCount") else -1
        return 0 <= n <= SCAN_FEATURES_PER_REQUEST * len(clusters) and len(clusters) > 1

    def _attribute_subset(self):
        fields = self.source.fields()
        names = [self.spec.id_field, *self.spec.attr_fields]
        return sorted({fields.lookupField(n) for n in names if n and fields.lookupField(n) >= 0})

    @staticmethod
    def _request(rect, attrs) -> QgsFeatureRequest:
        req = QgsFeatureRequest().setFilterRect(rect)
        req.setSubsetOfAttributes(attrs)
        return req


def _clip_to(g: QgsGeometry, rects) -> QgsGeometry | None:
    """``g`` cut to disjoint rectangles (GEOS clip-by-rectangle, linear time): a 50k-vertex red-line
    feature becomes the few hundred vertices near the features under review."""
    parts = []
    _clip_rec(g, rects, parts)
    parts = [p for p in parts if not p.isEmpty() and p.type() == g.type()]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else QgsGeometry.collectGeometry(parts)


def _clip_rec(g: QgsGeometry, rects, out: list):
    """Clip by halves: each rectangle would otherwise cost a pass over the whole geometry (a dissolved
    417k-vertex red line × 150 areas = 3 s); bisecting the areas costs O(vertices · log areas)."""
    if len(rects) <= 2 or g.constGet().nCoordinates() <= CLIP_VERTICES:
        for r in rects:
            near = _parts_meeting(g, r)
            c = near.clipped(r) if near is not None else None
            if c is not None and not c.isNull() and not c.isEmpty():
                out.extend(c.asGeometryCollection() if c.isMultipart() else [c])
        return
    xs = [r.center().x() for r in rects]
    ys = [r.center().y() for r in rects]
    key = (lambda r: r.center().x()) if max(xs) - min(xs) >= max(ys) - min(ys) else (lambda r: r.center().y())
    rects = sorted(rects, key=key)
    half = len(rects) // 2
    for group in (rects[:half], rects[half:]):
        box = QgsRectangle(group[0])
        for r in group[1:]:
            box.combineExtentWith(r)
        near = _parts_meeting(g, box)
        sub = near.clipped(box) if near is not None else None
        if sub is not None and not sub.isNull() and not sub.isEmpty():
            _clip_rec(sub, group, out)


def _parts_meeting(g: QgsGeometry, rect: QgsRectangle) -> QgsGeometry | None:
    """``g`` without the parts whose box misses ``rect`` (None: every part misses it). Clipping it by ``rect``
    gives what clipping ``g`` gives, in the same order — a part outside the rectangle adds nothing to GEOS's
    clip — without a pass over the vertices of the parts far away (a red-line feature's other patches)."""
    ag = g.constGet()
    if not g.isMultipart() or ag.numGeometries() < 2:
        return g if g.boundingBox().intersects(rect) else None
    keep = [i for i in range(ag.numGeometries()) if ag.geometryN(i).boundingBox().intersects(rect)]
    if len(keep) == ag.numGeometries():
        return g
    if not keep:
        return None
    near = ag.createEmptyWithSameType()
    for i in keep:
        near.addGeometry(ag.geometryN(i).clone())
    return QgsGeometry(near)


# ---- building ---------------------------------------------------------------------------------------------
def build_area_context(method: int, input_source, constraints, context=None, with_demand: bool | None = None) \
        -> AreaContext:
    """Working CRS for ``input_source`` and ``constraints``. With ``with_demand`` (default:
    DEMAND_BY_DEFAULT) the features under review are also recorded as ``area_ctx.demand`` (their boxes in
    the working CRS, or only their count past MAX_DEMAND_FEATURES): build_indexes/build_zone_layer use it
    when no ``demand`` is passed, so an algorithm written for whole-layer loading becomes demand-driven
    without a change. Off by default for now: with it, INVALID_REPAIRED/SKIPPED count the constraint
    features read (those near the features under review), not every feature of the layers."""
    pairs = [(input_source.sourceCrs(), input_source.sourceExtent())]
    pairs += [(c.crs, c.source.sourceExtent() if hasattr(c.source, "sourceExtent") else c.source.extent())
              for c in constraints]
    tctx = transform_context(context)
    ext = geographic_extent(pairs, tctx)
    area_ctx = make_area_context(method, ext, input_source.sourceCrs())
    if DEMAND_BY_DEFAULT if with_demand is None else with_demand:
        area_ctx.demand = demand_from_source(input_source, area_ctx, tctx)
    return area_ctx


def _demand_for(area_ctx, demand):
    """``demand`` as given; None → the one recorded by build_area_context; False → whole layer."""
    if demand is False:
        return None
    if demand is None:
        return getattr(area_ctx, "demand", None)
    return Demand.of(demand)


def geo_frame(area_ctx: AreaContext, layer_crs, transform_ctx) -> GeoFrame | None:
    """Geographic mode when the layer shares the geographic CRS of the features under review."""
    crs = area_ctx.shared_geographic_crs(layer_crs)
    if crs is None:
        return None
    return GeoFrame(crs, checked_transform(crs, area_ctx.crs, transform_ctx),
                    checked_transform(area_ctx.crs, crs, transform_ctx))


def control_rule(rs, cat_id) -> dict:
    """The rule of a control category, else the rule for "other" control layers, else {}."""
    if rs is None:
        return {}
    return rs.control_category(cat_id) or rs.control_category("other") or {}


def control_buffers(rs, cat_id) -> tuple[float, float]:
    """(line, polygon) keep-away distances of a control category from the plan (0 = plain overlap):
    constraints are buffered before dissolving."""
    rule = control_rule(rs, cat_id)
    return float(rule.get("line_buffer_m", 0) or 0), float(rule.get("buffer_m", 0) or 0)


def control_spec(c, area_ctx: AreaContext, rs, invalid_mode: int, transform_ctx) -> ReadSpec:
    """How a control layer (ConstraintInput) is read into the working CRS: its id field, the plan's buffers,
    geographic mode when it shares the geographic CRS of the features under review."""
    buffer_lines, buf = control_buffers(rs, c.cat_id)
    return ReadSpec(c.name, checked_transform(c.crs, area_ctx.crs, transform_ctx),
                    c.id_field or detect_field(c.source.fields(), ID_CANDIDATES), (), invalid_mode,
                    buffer_lines, buf, geo_frame(area_ctx, c.crs, transform_ctx))


def load_index(source, spec: ReadSpec, cat_id: str, dissolve: bool, transform_ctx, demand=None, feedback=None,
               stats=None) -> ConstraintIndex:
    """One layer, demand-driven or whole, as ``choose_loading`` decides; the choice is logged."""
    t0 = time.perf_counter()
    d = Demand.of(demand)
    work_to_src = checked_transform(spec.transform.destinationCrs(), spec.source_crs(), transform_ctx)
    margin = MARGIN_M + max(spec.buffer_lines, spec.buffer_polygons)
    plan = choose_loading(source, spec.source_crs(), d, work_to_src, margin)
    if plan.mode in ("demand", "scan"):
        loader = DemandIndex(source, spec, cat_id, dissolve, transform_ctx, stats)
        idx = loader.ensure(plan.rects, feedback, plan.keep, clustered=True)
        idx.mode = plan.mode
        detail = f"{loader.requests} request(s)"
    else:
        idx = ConstraintIndex.from_source(source, cat_id, spec.name, spec.transform, spec.id_field, spec.attr_fields,
                                          spec.invalid_mode, dissolve, spec.buffer_lines, spec.buffer_polygons,
                                          feedback, stats, spec.geo)
        detail = "full read"
    if feedback is not None:
        _log_loading(feedback, spec.name, plan, detail, idx, time.perf_counter() - t0)
    return idx


def _log_loading(feedback, name: str, plan: LoadingPlan, detail: str, idx, seconds: float):
    """How a control layer was read, in the UI's language (the why of the choice in English only: a
    diagnostic for the benchmark reader)."""
    mode_zh = {"demand": "按需读取（仅读待审查要素附近的图斑）", "scan": "一次读取、仅保留待审查要素附近的图斑"}.get(
        plan.mode, "整层读取")
    mode_en = {"demand": "demand-driven", "scan": "one read, kept on demand"}.get(plan.mode, "whole layer")
    feedback.pushInfo(label(f"{name}：{mode_zh}，{idx.feature_count} 个要素 → {idx.piece_count} 个索引块，用时 {seconds:.2f} 秒",
                            f"{name}: {mode_en} ({plan.why}; {detail}): {idx.feature_count} feature(s) → "
                            f"{idx.piece_count} piece(s), {seconds:.3f} s"))


def build_indexes(constraints, area_ctx: AreaContext, rs, invalid_mode: int, transform_context,
                  feedback=None, stats: GeometryStats | None = None, demand=None) -> list:
    """ConstraintIndex per control layer (dissolved). ``demand``: the features under review (a Demand,
    or QgsRectangle / QgsGeometry / PreparedBlock in the working CRS) — then each layer is read where
    they are, or whole when that is cheaper; None uses ``area_ctx.demand`` (set by build_area_context)
    if there is one, else reads whole layers; False always reads whole layers."""
    out = []
    d = _demand_for(area_ctx, demand)
    for c in constraints:
        out.append(load_index(c.source, control_spec(c, area_ctx, rs, invalid_mode, transform_context), c.cat_id,
                              True, transform_context, d, feedback, stats))
    return out


def zone_spec(role, source, crs, area_ctx, transform_ctx, id_field=None, name_field=None, invalid_mode=0):
    fields = source.fields()
    if not id_field or fields.lookupField(id_field) < 0:
        id_field = detect_field(fields, ID_CANDIDATES)
    if not name_field or fields.lookupField(name_field) < 0:
        name_field = detect_field(fields, NAME_CANDIDATES, exclude=(id_field,) if id_field else ())
    mineral_field = detect_field(fields, MINERAL_CANDIDATES)
    attrs = tuple(f for f in (id_field, name_field, mineral_field) if f)
    spec = ReadSpec(ROLE_NAMES[role][0], checked_transform(crs, area_ctx.crs, transform_ctx), id_field, attrs,
                    invalid_mode, geo=geo_frame(area_ctx, crs, transform_ctx))
    return spec, id_field, name_field, mineral_field


def build_zone_layer(role: str, source, crs, area_ctx, transform_context, id_field=None, name_field=None,
                     invalid_mode=0, feedback=None, stats=None, demand=None) -> ZoneLayer:
    spec, id_field, name_field, mineral_field = zone_spec(role, source, crs, area_ctx, transform_context, id_field,
                                                          name_field, invalid_mode)
    idx = load_index(source, spec, role, False, transform_context, _demand_for(area_ctx, demand), feedback, stats)
    return ZoneLayer(role, idx, id_field, name_field, mineral_field)


class LazyIndexes:
    """For the feature dock: every control and zone layer as a DemandIndex, filled as selections come.

    ``controls(demand)`` / ``zones(demand)`` return the same ConstraintIndex / ZoneLayer objects every
    time, completed for the new areas; a selection inside areas read before costs nothing. Make a new
    LazyIndexes (drop this one) when a role layer, its data or CRS, or a setting changes.
    """

    def __init__(self, constraints, zone_inputs, area_ctx: AreaContext, rs, invalid_mode: int, transform_ctx,
                 stats: GeometryStats | None = None):
        """``zone_inputs``: [(role, source, crs)]."""
        self.area_ctx = area_ctx
        self.stats = stats if stats is not None else GeometryStats()
        self._controls = []
        for c in constraints:
            spec = control_spec(c, area_ctx, rs, invalid_mode, transform_ctx)
            self._controls.append(DemandIndex(c.source, spec, c.cat_id, True, transform_ctx, self.stats))
        self._zones = []
        for role, source, crs in zone_inputs:
            spec, id_field, name_field, mineral_field = zone_spec(role, source, crs, area_ctx, transform_ctx,
                                                                  invalid_mode=invalid_mode)
            loader = DemandIndex(source, spec, role, False, transform_ctx, self.stats)
            self._zones.append((loader, ZoneLayer(role, loader.index, id_field, name_field, mineral_field)))

    def controls(self, demand, feedback=None) -> list:
        return [loader.ensure_demand(demand, feedback) for loader in self._controls]

    def zones(self, demand, feedback=None) -> list:
        for loader, _ in self._zones:
            loader.ensure_demand(demand, feedback)
        return [zl for _, zl in self._zones]


def transform_context(context=None) -> QgsCoordinateTransformContext:
    """The processing context's transform context (never the global project's: algorithms run on the
    context's project, in a background thread)."""
    return context.transformContext() if context is not None else QgsCoordinateTransformContext()


__all__ = ["ConstraintInput", "ZoneLayer", "Demand", "DemandIndex", "LazyIndexes", "build_area_context",
           "build_indexes", "build_zone_layer", "choose_loading", "demand_from_source", "extent_problem",
           "transform_context"]

