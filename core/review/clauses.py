"""The plan clause a check cites — one answer for the report and the feature dock.

A check item carries the clause its judge applied; an item without one (a zone or an activity that passed, a
line that was not overlapped) cites the section of the plan that was applied. Pure Python: reads the rule set
and the review (core/review/pipeline.py's FeatureReview), no QGIS.
"""
from __future__ import annotations

from ...rules.checks.clauses import merge_clauses
from ...rules.model.vocab import MINING, ZONE_ROLES

# checks whose fallback is the clause of one section of the rule file: check id → section
SECTION_CLAUSES = {"overlap": "control_lines", "scale": "minimum_scale", "policy": "mineral_policy"}


def item_clause(rs, review, item, zone_roles=()) -> str:
    """The clause of ``item`` (a check of ``review``): its own, else the plan's section that was applied.
    ``zone_roles``: the zone roles given to the review (cited when the feature lies in no zone)."""
    if item.clause:
        return item.clause
    if item.check in SECTION_CLAUSES:
        return (rs.data.get(SECTION_CLAUSES[item.check]) or {}).get("clause", "")
    if item.check == "zone":
        return _zone_clause(rs, review, zone_roles)
    if item.check == "activity":
        return rs.plan.get("clause", "")
    return ""


def _zone_clause(rs, review, zone_roles) -> str:
    hits = review.zones.hits if review.zones is not None else {}
    found = [rs.zone_clause(role) for role, hit in hits.items() if hit is not None and rs.zone_clause(role)]
    if not found:      # in no zone: the requirement looked for, else the zoning sections that were checked
        mineral = review.attrs.get("mineral")
        mineral = rs.minerals.resolve(mineral) if mineral else None
        found = [q.get("clause", "") for q in rs.zone_requirements(mineral, review.input.activity or MINING)]
        found = [c for c in found if c] or [rs.zone_clause(role) for role in hits if rs.zone_clause(role)]
    if not found:
        found = [rs.zone_clause(role) for role in zone_roles if role in ZONE_ROLES]
    return "; ".join(dict.fromkeys(c for c in found if c))


def review_clauses(rs, review, zone_roles=()) -> list:
    """Every clause the review of a feature cites, in the order of its checks, each once."""
    return merge_clauses(*(item_clause(rs, review, item, zone_roles) for item in review.decision.items))
