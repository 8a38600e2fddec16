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
    """Every polygon's exterior-ring vertices and edges, padded per size bucket, with the side of each edge
    its own polygon lies on (``sigma``: +1/-1, 0 when the edge's line does not support the polygon)."""

    def __init__(self, geoms, which=None):
        """``geoms``: every polygon; ``which``: the positions to read (the others stay unknown)."""
        n = len(geoms)
        self.n = n
        self.count = np.zeros(n, dtype=np.int64)        # vertices (0: unknown shape, left to GEOS)
        self.single = np.zeros(n, dtype=bool)
        self.vx, self.vy, self.ex0, self.ey0, self.ex1, self.ey1 = ([None] * n for _ in range(6))
        for i in (range(n) if which is None else which.tolist()):
            parsed = _rings(bytes(geoms[i].asWkb()))
            if parsed is None:
                continue
            rings, single = parsed
            if not rings:
                continue
            xy = np.concatenate(rings) if len(rings) > 1 else rings[0]
            e0 = [r[:-1] for r in rings]
            e1 = [r[1:] for r in rings]
            e0 = np.concatenate(e0) if len(e0) > 1 else e0[0]
            e1 = np.concatenate(e1) if len(e1) > 1 else e1[0]
            self.count[i] = max(len(xy), len(e0) + 1)
            self.single[i] = single
            self.vx[i], self.vy[i] = xy[:, 0], xy[:, 1]
            self.ex0[i], self.ey0[i], self.ex1[i], self.ey1[i] = e0[:, 0], e0[:, 1], e1[:, 0], e1[:, 1]
        self._padded = {}

    def padded(self, k: int):
        """(vx, vy, ex0, ey0, ex1, ey1, sigma, convex) for the polygons with at most ``k`` vertices (others: rows
        of NaN, never used), vertices padded by repeating the last one, edges padded as unusable."""
        got = self._padded.get(k)
        if got is not None:
            return got
        n, ke = self.n, k - 1
        vx = np.full((n, k), np.nan)
        vy = np.full((n, k), np.nan)
        ex0, ey0, ex1, ey1 = (np.zeros((n, ke)) for _ in range(4))
        emask = np.zeros((n, ke), dtype=bool)
        for i in np.nonzero((self.count > 0) & (self.count <= k))[0]:
            c = len(self.vx[i])
            vx[i, :c], vy[i, :c] = self.vx[i], self.vy[i]
            vx[i, c:], vy[i, c:] = self.vx[i][-1], self.vy[i][-1]
            e = len(self.ex0[i])
            ex0[i, :e], ey0[i, :e], ex1[i, :e], ey1[i, :e] = self.ex0[i], self.ey0[i], self.ex1[i], self.ey1[i]
            emask[i, :e] = True
        emask &= (ex0 != ex1) | (ey0 != ey1)
        s, certain = orient(ex0[:, :, None], ey0[:, :, None], ex1[:, :, None], ey1[:, :, None],
                            vx[:, None, :], vy[:, None, :])
        ok = certain.all(axis=2) & emask
        pos = ok & (s >= 0).all(axis=2) & (s > 0).any(axis=2)
        neg = ok & (s <= 0).all(axis=2) & (s < 0).any(axis=2)
        sigma = np.where(pos, 1.0, np.where(neg, -1.0, 0.0))
        # convex: one ring, every real edge a supporting line, all with the polygon on the same side
        real = np.arange(ke)[None, :] < (self.count[:, None] - 1)
        base = self.single & (self.count >= 4) & (self.count <= k)
        convex = base & (((sigma > 0) | ~real).all(axis=1) | ((sigma < 0) | ~real).all(axis=1))
        got = (vx, vy, ex0, ey0, ex1, ey1, sigma, convex)
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
        vx, vy, ex0, ey0, ex1, ey1, sigma, convex = coords.padded(k)
        step = max(1, CHUNK_ELEMENTS // (k * (k - 1)))
        for s in range(0, len(sel), step):
            idx = sel[s:s + step]
            a, b = pi[idx], pj[idx]
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
