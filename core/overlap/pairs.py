"""Which pairs of polygons have overlapping interiors — decided in bulk, exactly, without a DE-9IM test each.

Grouping a constraint layer (dissolving only what overlaps) needs, for every pair of features whose boxes
meet, the answer to "do their interiors intersect" (DE-9IM ``T********``). GEOS answers it in ≈ 12 µs per
pair (the geometry is converted and a topology graph built every time); a 20k-parcel layer has 75k such
pairs. Most pairs are settled by two facts that can be checked for thousands of pairs at once with numpy:

* **separated**: a line with every vertex of A on one closed side and every vertex of B on the other —
  then the interiors are disjoint (each polygon lies in the convex hull of its vertices). The lines tried
  are the edges of A and B: for convex parcels sharing an edge or a corner one of them always separates;
* **a vertex inside**: a vertex of B strictly inside a convex A (or the reverse) — then the interiors
  meet (every neighbourhood of a vertex of B meets the interior of B).

Both use Shewchuk's orientation filter: a sign is used only when it is certain (the error bound of the
floating-point determinant; a zero only when it is exactly zero), so an answer given here is the exact
answer for the polygons' coordinates — the one a robust DE-9IM gives. Pairs left undecided (uncertain
signs, non-convex overlaps, curves, many vertices) go to GEOS as before: groups are exactly the same.

Without numpy every pair is left to GEOS (same groups, slower).
"""
from __future__ import annotations

import struct

try:
    import numpy as np
except ImportError:          # pragma: no cover - QGIS ships numpy on every platform we know of
    np = None

OVERLAP, SEPARATE, UNKNOWN = 1, 0, -1
WITHIN = 2          # convex_vs_many only: the polygon lies in the closed convex polygon (so interiors meet too)
# Shewchuk's ccwerrboundA = (3 + 16 eps) eps, eps = 2^-53, rounded up
ERRBOUND = 3.3306690738754724e-16
BUCKETS = (5, 6, 8, 12, 16, 24, 32, 48, 64)   # vertices per polygon (ring closing vertices included)
CHUNK_ELEMENTS = 1_000_000                      # orientation tests per numpy chunk (memory ≈ 100 MB at most)
MAX_CELLS_PER_BOX = 16                          # boxes spanning more grid cells are paired by brute force


def available() -> bool:
    return np is not None


# ---- coordinates ----------------------------------------------------------------------------------------------
def _rings(wkb: bytes):
    """Exterior rings (x, y arrays) and whether it is one ring of one polygon, from the WKB of a Polygon or a
    MultiPolygon (any dimension); None for anything else (curves, collections)."""
    def polygon(off, bo, out):
        t = struct.unpack_from(bo + "I", wkb, off + 1)[0]
        base, dim = t % 1000, t // 1000
        if base != 3 or dim > 3:
            return None, 0
        stride = (2, 3, 3, 4)[dim]
        off += 5
        nrings = struct.unpack_from(bo + "I", wkb, off)[0]
        off += 4
        for r in range(nrings):
            npts = struct.unpack_from(bo + "I", wkb, off)[0]
            off += 4
            if r == 0 and npts:
                a = np.frombuffer(wkb, dtype=bo + "f8", count=stride * npts, offset=off).reshape(npts, stride)
                out.append(a[:, 0:2])
            off += 8 * stride * npts
        return off, nrings

    if len(wkb) < 9:
        return None
    bo = "<" if wkb[0] == 1 else ">"
    t = struct.unpack_from(bo + "I", wkb, 1)[0]
    base, dim = t % 1000, t // 1000
    out = []
    if base == 3:
        off, nrings = polygon(0, bo, out)
        if off is None:
            return None
        return out, nrings == 1
    if base == 6 and dim <= 3:
        nparts = struct.unpack_from(bo + "I", wkb, 5)[0]
        off = 9
        single = nparts == 1
        for _ in range(nparts):
            pbo = "<" if wkb[off] == 1 else ">"
            off, nrings = polygon(off, pbo, out)
            if off is None:
                return None
            single = single and nrings == 1
        return out, single
    return None


class Coords:
    """The exterior-ring vertices of polygons, read from their WKB in bulk (numpy; the usual layouts — a
    polygon of one ring, a multipolygon of one such polygon — without a Python step per polygon), padded per
    size bucket with the side of each edge its own polygon lies on (``sigma``)."""

    def __init__(self, geoms, which=None):
        """``geoms``: every polygon; ``which``: the positions to read (the others stay unknown: count 0)."""
        n = len(geoms)
        self.n = n
        idx = np.arange(n) if which is None else np.asarray(which, dtype=np.int64)
        self.count = np.zeros(n, dtype=np.int64)        # vertices (0: unknown shape, left to GEOS)
        self.single = np.zeros(n, dtype=bool)           # one polygon of one ring
        self.start = np.zeros(n, dtype=np.int64)
        blobs = [bytes(geoms[i].asWkb()) for i in idx.tolist()]
        if not blobs:
            self.vx = self.vy = np.zeros(0)
            self.eok = np.zeros(0, dtype=bool)
            self._padded = {}
            return
        lens = np.fromiter(map(len, blobs), np.int64, len(blobs))
        u8 = np.frombuffer(b"".join(blobs) + bytes(32), np.uint8)
        off = np.r_[0, np.cumsum(lens)[:-1]]

        def u32(pos):
            return (u8[pos].astype(np.int64) | (u8[pos + 1].astype(np.int64) << 8) |
                    (u8[pos + 2].astype(np.int64) << 16) | (u8[pos + 3].astype(np.int64) << 24))

        le = u8[off] == 1
        t = u32(off + 1)
        np3, np6 = u32(off + 9), u32(off + 18)
        simple3 = le & (t == 3) & (u32(off + 5) == 1) & (lens == 13 + 16 * np3) & (np3 > 0)
        simple6 = le & (t == 6) & (u32(off + 5) == 1) & (u8[off + 9] == 1) & (u32(off + 10) == 3) & \
            (u32(off + 14) == 1) & (lens == 22 + 16 * np6) & (np6 > 0)
        simple = simple3 | simple6
        npts = np.where(simple3, np3, np6)[simple]
        first = (off + np.where(simple3, 13, 22))[simple]
        nbytes = 16 * npts
        pos = np.repeat(first, nbytes) + (np.arange(nbytes.sum()) - np.repeat(np.cumsum(nbytes) - nbytes, nbytes))
        xy = u8[pos].view("<f8").reshape(-1, 2) if len(pos) else np.zeros((0, 2))
        sitems = idx[simple]
        self.count[sitems] = npts
        self.start[sitems] = np.r_[0, np.cumsum(npts)[:-1]]
        self.single[sitems] = True
        xs, ys, oks = [xy[:, 0]], [xy[:, 1]], [np.ones(len(xy), dtype=bool)]
        total = len(xy)
        for k in np.nonzero(~simple)[0].tolist():
            parsed = _rings(blobs[k])
            if parsed is None or not parsed[0]:
                continue
            rings, single = parsed
            i = int(idx[k])
            ring_xy = np.concatenate(rings) if len(rings) > 1 else rings[0]
            ok = np.ones(len(ring_xy), dtype=bool)
            ok[np.cumsum([len(r) for r in rings]) - 1] = False      # no edge from a ring's end to the next ring
            self.count[i], self.start[i], self.single[i] = len(ring_xy), total, single
            xs.append(ring_xy[:, 0])
            ys.append(ring_xy[:, 1])
            oks.append(ok)
            total += len(ring_xy)
        self.vx, self.vy = np.concatenate(xs), np.concatenate(ys)
        self.eok = np.concatenate(oks)        # eok[v]: the edge v → v+1 is an edge of a ring
        self._padded = {}

    def padded(self, k: int):
        """(row of each polygon or -1, vx, vy, ex0, ey0, ex1, ey1, sigma, convex) for the polygons with at most
        ``k`` vertices: vertices padded by repeating the last one, edges padded as unusable (sigma 0)."""
        got = self._padded.get(k)
        if got is not None:
            return got
        ke = k - 1
        sel = np.nonzero((self.count > 0) & (self.count <= k))[0]
        row = np.full(self.n, -1, dtype=np.int64)
        row[sel] = np.arange(len(sel))
        cnt = self.count[sel][:, None]
        g = self.start[sel][:, None] + np.minimum(np.arange(k)[None, :], cnt - 1)
        vx, vy = self.vx[g], self.vy[g]
        ex0, ey0, ex1, ey1 = vx[:, :ke], vy[:, :ke], vx[:, 1:], vy[:, 1:]
        real = np.arange(ke)[None, :] < (cnt - 1)
        emask = real & self.eok[g[:, :ke]] & ((ex0 != ex1) | (ey0 != ey1))
        s, certain = orient(ex0[:, :, None], ey0[:, :, None], ex1[:, :, None], ey1[:, :, None],
                            vx[:, None, :], vy[:, None, :])
        ok = certain.all(axis=2) & emask
        pos = ok & (s >= 0).all(axis=2) & (s > 0).any(axis=2)
        neg = ok & (s <= 0).all(axis=2) & (s < 0).any(axis=2)
        sigma = np.where(pos, 1.0, np.where(neg, -1.0, 0.0))
        # convex: one ring, every real edge a supporting line, all with the polygon on the same side
        base = self.single[sel] & (cnt[:, 0] >= 4)
        convex = base & (((sigma > 0) | ~real).all(axis=1) | ((sigma < 0) | ~real).all(axis=1))
        got = (row, vx, vy, ex0, ey0, ex1, ey1, sigma, convex)
        self._padded[k] = got
        return got


def orient(px, py, qx, qy, rx, ry):
    """Sign of the orientation of r relative to the line p→q (Shewchuk's orient2d, floating-point stage) and
    whether that sign is certain: exact when the two products have opposite signs or one is zero, else when
    the determinant exceeds the error bound."""
    dl = (px - rx) * (qy - ry)
    dr = (py - ry) * (qx - rx)
    det = dl - dr
    certain = ((dl <= 0) & (dr >= 0)) | ((dl >= 0) & (dr <= 0)) | (np.abs(det) > ERRBOUND * (np.abs(dl) + np.abs(dr)))
    return np.sign(det), certain


# ---- pairs --------------------------------------------------------------------------------------------------------
def candidate_pairs(xmin, ymin, xmax, ymax):
    """(i, j) with i < j, sorted, for every pair of boxes that meet (closed: touching boxes count), through a
    uniform grid; boxes spanning many cells are paired by brute force."""
    n = len(xmin)
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    size = np.maximum(xmax - xmin, ymax - ymin)
    cell = float(np.median(size)) * 2.0
    if not np.isfinite(cell) or cell <= 0:
        cell = max(float(np.max(size)), 1e-9) if np.isfinite(np.max(size)) else 1.0
    x0, y0 = float(np.min(xmin)), float(np.min(ymin))
    ix0 = np.floor((xmin - x0) / cell).astype(np.int64)
    ix1 = np.floor((xmax - x0) / cell).astype(np.int64)
    iy0 = np.floor((ymin - y0) / cell).astype(np.int64)
    iy1 = np.floor((ymax - y0) / cell).astype(np.int64)
    nx, ny = ix1 - ix0 + 1, iy1 - iy0 + 1
    big = nx * ny > MAX_CELLS_PER_BOX
    small = np.nonzero(~big)[0]
    # one entry per (box, cell)
    cnt = (nx * ny)[small]
    ent = np.repeat(small, cnt)
    k = np.arange(len(ent)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    cx = ix0[ent] + k % nx[ent]
    cy = iy0[ent] + k // nx[ent]
    width = int(ix1.max() - ix0.min() + 2)
    key = cy * width + cx
    order = np.argsort(key, kind="stable")
    key, ent = key[order], ent[order]
    starts = np.r_[0, np.nonzero(np.diff(key))[0] + 1]
    ends = np.r_[starts[1:], len(key)]
    grp_end = np.repeat(ends, ends - starts)
    pos = np.arange(len(key))
    m = grp_end - pos - 1
    left = np.repeat(pos, m)
    right = left + 1 + (np.arange(m.sum()) - np.repeat(np.cumsum(m) - m, m))
    a, b = ent[left], ent[right]
    parts_i, parts_j = [np.minimum(a, b)], [np.maximum(a, b)]
    for bi in np.nonzero(big)[0]:
        others = np.nonzero((xmin <= xmax[bi]) & (xmin[bi] <= xmax) & (ymin <= ymax[bi]) & (ymin[bi] <= ymax))[0]
        others = others[others != bi]
        parts_i.append(np.minimum(others, bi))
        parts_j.append(np.maximum(others, bi))
    i = np.concatenate(parts_i)
    j = np.concatenate(parts_j)
    keep = (i != j) & (xmin[i] <= xmax[j]) & (xmin[j] <= xmax[i]) & (ymin[i] <= ymax[j]) & (ymin[j] <= ymax[i])
    codes = np.unique(i[keep] * n + j[keep])
    return codes // n, codes % n


def classify(coords: Coords, pi, pj):
    """OVERLAP / SEPARATE / UNKNOWN per pair (see the module's docstring)."""
    out = np.full(len(pi), UNKNOWN, dtype=np.int8)
    kmax = np.maximum(coords.count[pi], coords.count[pj])
    known = (coords.count[pi] > 0) & (coords.count[pj] > 0)
    lo = 0
    for k in BUCKETS:
        sel = np.nonzero(known & (kmax > lo) & (kmax <= k))[0]
        lo = k
        if not len(sel):
            continue
        row, vx, vy, ex0, ey0, ex1, ey1, sigma, convex = coords.padded(k)
        step = max(1, CHUNK_ELEMENTS // (k * (k - 1)))
        for s in range(0, len(sel), step):
            idx = sel[s:s + step]
            a, b = row[pi[idx]], row[pj[idx]]
            sep_a, in_a = _one_way(ex0[a], ey0[a], ex1[a], ey1[a], sigma[a], convex[a], vx[b], vy[b])
            sep_b, in_b = _one_way(ex0[b], ey0[b], ex1[b], ey1[b], sigma[b], convex[b], vx[a], vy[a])
            sep = sep_a | sep_b
            inside = (in_a | in_b) & ~sep
            out[idx[sep]] = SEPARATE
            out[idx[inside]] = OVERLAP
    return out


def _one_way(ex0, ey0, ex1, ey1, sigma, convex, vx, vy):
    """For polygons A (edges, sigma, convex) and B (vertices): is some edge line of A a separating line, and is
    some vertex of B strictly inside a convex A."""
    s, certain = orient(ex0[:, :, None], ey0[:, :, None], ex1[:, :, None], ey1[:, :, None],
                        vx[:, None, :], vy[:, None, :])
    sg = sigma[:, :, None]
    other_side = certain & (s * sg <= 0)
    sep = ((sigma != 0) & other_side.all(axis=2)).any(axis=1)
    strictly = (sg == 0) | (certain & (s == sg))
    inside = convex & strictly.all(axis=1).any(axis=1)
    return sep, inside


# ---- one convex polygon against many boxes ------------------------------------------------------------------------
def convex_halfplanes(geom):
    """(ex0, ey0, ex1, ey1, sigma, vx, vy) of a polygon of one ring that is convex (every edge line a
    supporting line, signs certain): the polygon is the intersection of the closed half-planes
    ``sigma · orient(e, ·) ≥ 0``. None for anything else. (Plain Python for the few vertices of a block:
    numpy's call overhead would cost more than the arithmetic.)"""
    parsed = _rings(bytes(geom.asWkb()))
    if parsed is None or not parsed[1] or not parsed[0]:
        return None
    ring = parsed[0][0]
    n = len(ring)
    if n < 4 or n > 64:
        return None
    xs, ys = ring[:, 0].tolist(), ring[:, 1].tolist()
    sigma = 0
    for k in range(n - 1):
        px, py, qx, qy = xs[k], ys[k], xs[k + 1], ys[k + 1]
        if px == qx and py == qy:
            return None
        side = 0
        for rx, ry in zip(xs, ys):
            dl = (px - rx) * (qy - ry)
            dr = (py - ry) * (qx - rx)
            det = dl - dr
            if not ((dl <= 0 <= dr) or (dl >= 0 >= dr) or abs(det) > ERRBOUND * (abs(dl) + abs(dr))):
                return None          # not certain
            sg = (det > 0) - (det < 0)
            if sg:
                if side and sg != side:
                    return None      # the polygon lies on both sides of this edge: not convex
                side = sg
        if not side or (sigma and side != sigma):
            return None
        sigma = side
    return ring[:-1, 0].copy(), ring[:-1, 1].copy(), ring[1:, 0].copy(), ring[1:, 1].copy(), float(sigma), \
        ring[:, 0].copy(), ring[:, 1].copy()


def boxes_vs_convex(halfplanes, xmin, ymin, xmax, ymax):
    """For boxes (arrays) and a convex polygon: (inside, outside) — the box lies in the closed polygon, or on
    the closed outer side of one of its edge lines (interiors disjoint). Only certain signs count."""
    ex0, ey0, ex1, ey1, sigma = halfplanes[:5]
    cx = np.stack([xmin, xmax, xmax, xmin], axis=1)[:, None, :]
    cy = np.stack([ymin, ymin, ymax, ymax], axis=1)[:, None, :]
    s, certain = orient(ex0[None, :, None], ey0[None, :, None], ex1[None, :, None], ey1[None, :, None], cx, cy)
    s = s * sigma
    inside = (certain & (s >= 0)).all(axis=2).all(axis=1)
    outside = (certain & (s <= 0)).all(axis=2).any(axis=1)
    return inside, outside


def convex_vs_many(halfplanes, coords: Coords, which):
    """OVERLAP / SEPARATE / UNKNOWN of a convex polygon (``convex_halfplanes``) against the polygons ``which``
    (positions in ``coords``): the same two facts as ``classify``, from both sides; WITHIN (a kind of
    OVERLAP) for a polygon of one ring whose every vertex lies, certainly, in the closed convex polygon —
    the polygon lies in the convex hull of its vertices, so it lies in the convex polygon: their
    intersection is the polygon itself."""
    which = np.asarray(which, dtype=np.int64)
    out = np.full(len(which), UNKNOWN, dtype=np.int8)
    bx0, by0, bx1, by1, bsigma, bvx, bvy = halfplanes
    counts = coords.count[which]
    lo = 0
    for k in BUCKETS:
        sel = np.nonzero((counts > lo) & (counts <= k))[0]
        lo = k
        if not len(sel):
            continue
        row, vx, vy, ex0, ey0, ex1, ey1, sigma, convex = coords.padded(k)
        r = row[which[sel]]
        # the polygon's edges against their vertices
        s, c = orient(bx0[None, :, None], by0[None, :, None], bx1[None, :, None], by1[None, :, None],
                      vx[r][:, None, :], vy[r][:, None, :])
        s = s * bsigma
        sep = (c & (s <= 0)).all(axis=2).any(axis=1)
        inside = (c & (s > 0)).all(axis=1).any(axis=1)
        within = inside & coords.single[which[sel]] & (c & (s >= 0)).all(axis=2).all(axis=1)
        # their edges against the polygon's vertices
        s2, c2 = orient(ex0[r][:, :, None], ey0[r][:, :, None], ex1[r][:, :, None], ey1[r][:, :, None],
                        bvx[None, None, :], bvy[None, None, :])
        sg = sigma[r][:, :, None]
        sep |= ((sigma[r] != 0) & (c2 & (s2 * sg <= 0)).all(axis=2)).any(axis=1)
        inside |= convex[r] & ((sg == 0) | (c2 & (s2 == sg))).all(axis=1).any(axis=1)
        out[sel[sep]] = SEPARATE
        out[sel[inside & ~sep]] = OVERLAP
        out[sel[within & ~sep]] = WITHIN
    return out


# ---- exact-enough clipping of small pieces by a convex block (pure Python) -----------------------------------
CLIP_MAX_VERTICES = 16       # pieces with more vertices go to GEOS (Sutherland–Hodgman is linear in them, per edge)
# a clipped area below this (m² in the working CRS) is left to GEOS: touching and sliver cases get GEOS's exact
# answer (0 for a shared edge), never the rounding noise of the clip
CLIP_TINY_AREA = 1e-6


def small_ring(wkb: bytes, limit: int | None = None):
    """[(x, y)] of the one ring of a 2-D Polygon, or of a MultiPolygon of one such polygon, without the closing
    vertex, when it has at most ``limit`` (default CLIP_MAX_VERTICES) vertices; None for anything else (holes,
    several parts, Z/M, curves, big rings)."""
    limit = CLIP_MAX_VERTICES if limit is None else limit
    if len(wkb) < 13 or wkb[0] != 1:
        return None
    t = struct.unpack_from("<I", wkb, 1)[0]
    off = 5
    if t == 6:
        if struct.unpack_from("<I", wkb, 5)[0] != 1 or len(wkb) < 22 or wkb[9] != 1:
            return None
        t = struct.unpack_from("<I", wkb, 10)[0]
        off = 14
    if t != 3 or struct.unpack_from("<I", wkb, off)[0] != 1:
        return None
    n = struct.unpack_from("<I", wkb, off + 4)[0]
    if n < 4 or n - 1 > limit or len(wkb) < off + 8 + 16 * n:
        return None
    xy = struct.unpack_from(f"<{2 * n}d", wkb, off + 8)
    return list(zip(xy[0:2 * n - 2:2], xy[1:2 * n - 2:2]))


def convex_edges(wkb: bytes):
    """The edges [(ax, ay, dx, dy)] of a convex polygon of one ring (at most 64 vertices, every sign certain, as
    ``convex_halfplanes`` decides), its interior on their left; None for anything else. Plain Python: no
    numpy set-up for the few vertices of a block."""
    ring = small_ring(wkb, 64)
    if ring is None or len(ring) < 3:
        return None
    n = len(ring)
    edges = []
    sigma = 0
    for k in range(n):
        ax, ay = ring[k]
        bx, by = ring[(k + 1) % n]
        if ax == bx and ay == by:
            return None
        dx, dy = bx - ax, by - ay
        side = 0
        for j, (qx, qy) in enumerate(ring):
            if j == k or j == (k + 1) % n:
                continue             # the edge's own ends take no side
            dl = dx * (qy - ay)
            dr = dy * (qx - ax)
            det = dl - dr
            if not ((dl <= 0 <= dr) or (dl >= 0 >= dr) or abs(det) > ERRBOUND * (abs(dl) + abs(dr))):
                return None          # a sign not certain
            sg = (det > 0) - (det < 0)
            if sg:                   # (a vertex on the edge's line takes no side)
                if side and sg != side:
                    return None      # vertices on both sides of this edge's line: not convex
                side = sg
        if not side or (sigma and side != sigma):
            return None
        sigma = side
        edges.append((ax, ay, dx, dy))
    if sigma < 0:
        edges = [(ax + dx, ay + dy, -dx, -dy) for ax, ay, dx, dy in reversed(edges)]
    return edges


def convex_clip_area(ring, edges):
    """(area, state) of ``ring`` (a simple polygon's vertices) cut by the convex polygon of ``edges``. state:
    "inside" — every vertex on the inner side of every edge (the ring lies in the block; area: the ring's own,
    for the caller to take from GEOS); "separate" — every vertex certainly (Shewchuk's bound) on the outer side of
    one edge (interiors disjoint: area 0); "clipped" — Sutherland–Hodgman (exact in area for a concave ring too:
    the bridges it leaves have none), summed relative to the first vertex, as GEOS does, to keep rounding small."""
    inside = True
    for ax, ay, dx, dy in edges:
        out_all = True
        for qx, qy in ring:
            dl = dx * (qy - ay)
            dr = dy * (qx - ax)
            s = dl - dr
            if s < 0:
                inside = False
                if out_all and -s <= ERRBOUND * (abs(dl) + abs(dr)):
                    out_all = False          # not certainly outside
            else:
                out_all = False
        if out_all:
            return 0.0, "separate"
    if inside:
        return 0.0, "inside"
    pts = ring
    for ax, ay, dx, dy in edges:
        px, py = pts[-1]
        ps = dx * (py - ay) - dy * (px - ax)
        out = []
        cut = False
        for qx, qy in pts:
            qs = dx * (qy - ay) - dy * (qx - ax)
            if qs >= 0:
                if ps < 0:
                    t = ps / (ps - qs)
                    out.append((px + t * (qx - px), py + t * (qy - py)))
                    cut = True
                out.append((qx, qy))
            else:
                cut = True
                if ps >= 0:
                    t = ps / (ps - qs)
                    out.append((px + t * (qx - px), py + t * (qy - py)))
            px, py, ps = qx, qy, qs
        if cut:
            pts = out
            if len(pts) < 3:
                return 0.0, "clipped"
    x0, y0 = pts[0]
    a = 0.0
    px, py = pts[-1][0] - x0, pts[-1][1] - y0
    for qx, qy in pts:
        qx -= x0
        qy -= y0
        a += px * qy - qx * py
        px, py = qx, qy
    return abs(a) / 2.0, "clipped"
