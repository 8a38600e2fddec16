"""Issue 21, item 1: an invalid big parcel cut by the loading rectangle is repaired as a whole, then clipped —
the demand-driven areas equal the whole-layer ones."""
import math

from test_demand_loading import X0, Y0, build, context, layer, prepared, quad


def bow_blob(cx, cy, r, n=6000):
    """A 6,000-vertex figure-of-eight (self-intersecting) blob: invalid, above CLIP_VERTICES."""
    pts = [(cx + r * math.sin(2 * t), cy + r * math.sin(t)) for t in (2 * math.pi * i / n for i in range(n))]
    return "POLYGON((" + ",".join(f"{a} {b}" for a, b in pts + [pts[0]]) + "))"


def test_invalid_big_parcel_demand_equals_whole(qgis_app):
    farm = [bow_blob(X0 + 1500, Y0 + 1500, 900), quad(X0, Y0, 100, 100, bow=True)]
    lyr = layer(farm)
    ctx, tctx = context()
    blocks = prepared([quad(X0 + 1500 + dx, Y0 + 1500 + dy, 300, 300) for dx, dy in
                       ((-150, -150), (200, 300), (-700, 400), (500, -600))], ctx, tctx)
    whole = build(lyr, None)
    demand = build(lyr, blocks[:2])
    assert demand.mode == "demand"
    for b in blocks[:2]:
        a, d = whole.measure(b).area, demand.measure(b).area
        assert a > 1000
        assert abs(a - d) <= 1e-6 * a, (a, d)
