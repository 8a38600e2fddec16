"""Control-line overlap of many features: the loop shared by mineplan:redlineoverlap, the compliance
review and the feature dock. Reads layers, builds ConstraintIndex objects once, measures every feature,
and asks the rules engine for the verdict. No sink writing here."""
from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsCoordinateTransform, QgsCsException, QgsGeometry

from ..rules.controls import CategoryOverlap, judge_overlaps
from ..rules.verdicts import CONFLICT
from . import messages as M
from .geometry import NULL, GeometryStats, clean_geometry
from .overlap import PreparedBlock

CATEGORY_LABELS = {"eco": "生态保护红线", "farm": "永久基本农田", "urban": "城镇开发边界", "reserve": "自然保护地"}
CATEGORY_EN = {"eco": "ecological red line", "farm": "permanent basic farmland", "urban": "urban development boundary",
               "reserve": "nature reserve"}


@dataclass
class FeatureOverlap:
    fid: int
    label: str
    has_geometry: bool
    block_area: float | None
    categories: list = field(default_factory=list)     # CategoryOverlap per given category
    polygons: list = field(default_factory=list)       # (cat_id, label, geom in work CRS, area)
    verdict: str = ""
    reason: str = ""
    reason_en: str = ""
    clause: str = ""
    conflict: int = 0
    activity: str | None = None
    status: str = "ok"
    fids: dict = field(default_factory=dict)           # cat_id → [(constraint label, feature id)]


def unique_other_names(names) -> list:
    """Layer names → unique category names (two layers called 'a' become 'a' and 'a (2)')."""
    out, seen = [], {}
    for n in names:
        n = n or "constraint"
        if n in seen:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            seen[n] = 1
            out.append(n)
    return out


def measure_feature(geom: QgsGeometry, fid, label, transform: QgsCoordinateTransform, indexes, invalid_mode,
                    layer_name, stats: GeometryStats, rs, activity, min_area, want_polygons=False) -> FeatureOverlap:
    g, status = clean_geometry(geom, invalid_mode, layer_name, label, stats)
    if g is None:
        res = FeatureOverlap(fid, label, False, None, status=status, activity=activity)
        if status == NULL:
            v = judge_overlaps(rs, [], activity, has_geometry=False)
            res.verdict, res.reason, res.reason_en, res.clause = v.verdict, v.reason, v.reason_en, v.clause
        return res
    g = QgsGeometry(g)
    try:
        g.transform(transform)
    except QgsCsException as exc:
        raise M.error(*M.cannot_transform_pair(layer_name, label, exc)) from None
    if not g.isGeosValid():
        g = g.makeValid()
    block = PreparedBlock(g)
    res = FeatureOverlap(fid, label, True, block.area, status=status, activity=activity)
    for idx in indexes:
        m = idx.measure(block, want_geoms=want_polygons)
        ids_fids = idx.contributors_with_fids(block, m) if m.area > 0 else []
        res.fids[idx.cat_id] = ids_fids
        ids = [label for label, _ in ids_fids]
        pct = 100.0 * m.area / block.area if block.area > 0 else None
        res.categories.append(CategoryOverlap(idx.cat_id, idx.name, m.area, pct, ids))
        if want_polygons and m.area > 0:
            for lab, pg, pa in idx.overlap_polygons(block, m):
                res.polygons.append((idx.cat_id, lab, pg, pa))
    v = judge_overlaps(rs, res.categories, activity, has_geometry=True, min_area=min_area)
    res.verdict, res.reason, res.reason_en, res.clause = v.verdict, v.reason, v.reason_en, v.clause
    res.conflict = 1 if v.verdict == CONFLICT else 0
    return res


def layer_activity_hint(name: str) -> str | None:
    n = (name or "").casefold()
    if any(w in n for w in ("exploration", "勘查", "探矿", "tkq", "kcqk")):
        return "exploration"
    if any(w in n for w in ("mining", "采矿", "开采", "ckq")):
        return "mining"
    return None


