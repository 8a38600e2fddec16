"""The review's values per output row, from a :class:`FeatureReview`, in the order of the column specs of
core/outputs/columns.py (one place, so that the review and the single-check algorithms agree)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...rules.model.vocab import CONFLICT, MINING, ZONE_ROLES
from ..outputs.columns import SCALE_VALUES

if TYPE_CHECKING:
    from .pipeline import FeatureReview


def _r(v, digits):
    return None if v is None else round(v, digits)


def control_values(r: FeatureReview, cats) -> list:
    """Area, share and ids per category; NULL where the layer was not given or the geometry is unusable."""
    by_cat = {c.cat_id: c for c in (r.overlaps or [])}
    usable = r.area_m2 is not None
    out = []
    for cat in cats:
        c = by_cat.get(cat)
        if c is None or not usable:
            out += [None, None, None]
        else:
            out += [round(c.area_m2, 4), _r(c.pct, 6), ",".join(map(str, c.ids))]
    return out


def activity_of(r: FeatureReview) -> str:
    return r.input.activity or MINING


def item_result(r: FeatureReview, check: str) -> list:
    it = r.decision.item(check)
    return [it.verdict, it.reason, it.reason_en, it.clause]


def scale_values(r: FeatureReview) -> list:
    v = r.decision.item("scale").values
    return [v.get(k) for k, *_ in SCALE_VALUES]


def policy_values(r: FeatureReview) -> list:
    v = r.decision.item("policy").values
    return [v.get("mineral_std"), v.get("policy")]


def zone_values(r: FeatureReview) -> list:
    out = []
    hits = r.zones.hits if r.zones is not None else {}
    for role in ZONE_ROLES:
        hit = hits.get(role)
        out += [None, None, None] if hit is None else [hit.zone_id, hit.zone_name, round(hit.share, 6)]
    v = r.decision.item("zone").values if r.decision.item("zone") else {}
    return out + [v.get("zone_mineral_ok"), v.get("in_required_zone"), r.input.block_counts.get("mblk")]


def plan_coverage_values(r: FeatureReview) -> list:
    d = r.decision
    si, ap, ri, sa, fu, ne = (d.item(c) for c in ("siting", "apptype", "right", "sanlv", "funding", "netmine"))
    added = ri.values.get("added_area_m2") if ri else None
    return [si.verdict if si else None, si.reason if si else None, r.input.app_type,
            ap.verdict if ap else None, ap.reason if ap else None, ri.verdict if ri else None, ri.reason if ri else None,
            ri.values.get("matched_right") if ri else None, _r(added, 2),
            sa.verdict if sa else None, sa.reason if sa else None, fu.verdict if fu else None,
            fu.reason if fu else None, ne.verdict if ne else None, ne.reason if ne else None]


def review_values(r: FeatureReview, cats, area_label: str) -> list:
    ov, sc, po, zo = (r.decision.item(c) for c in ("overlap", "scale", "policy", "zone"))
    not_checked = [f"{it.check}: {it.reason}" for it in r.decision.not_checked]
    return (control_values(r, cats)
            + [_r(r.area_m2, 4), 1 if ov.verdict == CONFLICT else 0, ov.verdict, ov.reason,
               area_label]
            + scale_values(r) + [sc.verdict, sc.reason] + [po.values.get("policy"), po.verdict, po.reason]
            + zone_values(r) + [zo.verdict, zo.reason]
            + plan_coverage_values(r)
            + [activity_of(r), r.input.activity_source, r.input.geometry, r.decision.verdict,
               "\n".join(r.decision.reasons), "\n".join(r.decision.reasons_en), "; ".join(r.decision.clauses),
               "\n".join(not_checked) or None])
