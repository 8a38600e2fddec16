"""Shapefile (dBase) limits of the outputs: fixed short field names for our columns, the user's names cut
predictably, text values cut with an explicit mark."""
from __future__ import annotations

import functools
import re

from ...rules.validation.textcheck import prefix_in_bytes
from .columns import _tails

# A dBase field name has at most 10 bytes and a text value at most 254 bytes. GDAL would shorten the names
# itself ('reserve_area_m2' → 'reserve_ar', a second 'capacity_u' → 'capacity_1': unpredictable, and a re-run
# could no longer tell our fields from the user's) and cut long values silently. For a shapefile output every
# name is fixed here (our fields: this table; the user's: cut to 10 bytes, numbered on a clash) and a long
# value is cut with an explicit mark (rules.validation.textcheck.TRUNCATION_MARK), counted and logged in full.
SHP_NAME_BYTES = 10
SHP_TEXT_BYTES = 254
SHP_NAMES = {
    # overlap
    "block_area_m2": "blk_area", "area_method": "area_meth",
    # minimum scale / policy
    "mineral_std": "mnrl_std", "reserve_scale": "res_scale", "min_capacity": "min_cap", "capacity_unit": "cap_unit",
    "service_years": "serv_years",
    # zones
    "zone_mineral_ok": "zone_mnrok", "in_required_zone": "in_req_zon", "block_entities": "blk_ent",
    # review
    "overlap_verdict": "ovl_verd", "overlap_reason": "ovl_reas", "scale_verdict": "scl_verd",
    "scale_reason": "scl_reas", "policy_verdict": "pol_verd", "policy_reason": "pol_reas",
    "zone_verdict": "zone_verd", "zone_reason": "zone_reas", "siting_verdict": "sit_verd", "siting_reason": "sit_reas",
    "app_type_std": "apptyp_std", "apptype_verdict": "apt_verd", "apptype_reason": "apt_reas", "right_verdict": "rgt_verd",
    "right_reason": "rgt_reas", "matched_right": "match_rgt", "added_area_m2": "add_area",
    "sanlv_verdict": "snl_verd", "sanlv_reason": "snl_reas", "funding_verdict": "fund_verd",
    "funding_reason": "fund_reas", "netmine_verdict": "net_verd", "netmine_reason": "net_reas", "activity_source": "act_src", "geometry_status": "geom_stat",
    "not_checked": "not_chckd",
    # overlap polygons, avoidance, siting, import, indicators, rule findings
    "category_name": "cat_name", "constraint_id": "constr_id",
    "orig_area_m2": "orig_area", "remaining_m2": "remain_m2", "min_area_m2": "min_area", "avoid_result": "avoid_res",
    "right_minerals": "rgt_mnrl", "zone_minerals": "zone_mnrl", "shaped_by_en": "shaped_en",
    "zone_area_km2": "zone_area",
    "declared_area": "decl_area", "declared_unit": "decl_unit", "area_planar_m2": "area_plan",
    "area_ellipsoid_m2": "area_ellip", "area_diff_pct": "area_diff", "area_warning": "area_warn",
    "point_count": "pt_count", "source_line": "src_line", "target_kind": "targ_kind", "severity_zh": "sev_zh",
}
_SHP_PREFIX = {"eco": "eco", "farm": "farm", "urban": "urban", "reserve": "resv"}
_CATEGORY_FIELD = re.compile(r"^(eco|farm|urban|reserve|other_(\d+))_(area_m2|pct|ids)$")


def shp_name(name: str) -> str:
    """Our output field's name in a shapefile (≤ 10 bytes, fixed): eco_area_m2 → eco_area, other_2_ids → o2_ids,
    capacity_unit → cap_unit; a name that fits is kept."""
    if name in SHP_NAMES:
        return SHP_NAMES[name]
    m = _CATEGORY_FIELD.match(name)
    if m:
        prefix = f"o{m.group(2)}" if m.group(2) else _SHP_PREFIX[m.group(1)]
        return f"{prefix}_{'area' if m.group(3) == 'area_m2' else m.group(3)}"
    return fit_bytes(name, SHP_NAME_BYTES)


def fit_bytes(name: str, limit: int = SHP_NAME_BYTES, codec: str = "utf-8") -> str:
    """The longest prefix of ``name`` within ``limit`` bytes (never half a character)."""
    return prefix_in_bytes(name, limit, codec)


def shp_renamed(name: str, taken, codec: str = "utf-8", suffix: str = "_in") -> str:
    """A user's field that clashes with one of ours (or is too long) in a shapefile: ``<name>_in`` when it
    collides, cut to 10 bytes, numbered on a clash (``reason_in``, ``reason_in2``); predictable, so that a
    re-run reads it back as the user's (core.inputs.field_map)."""
    taken = {t.lower() for t in taken}

    def form(n: int) -> str:
        tail = suffix + (str(n) if n > 1 else "")
        return fit_bytes(name, SHP_NAME_BYTES - len(tail.encode()), codec).rstrip("_") + tail
    cand, n = form(1), 2
    while cand.lower() in taken:           # reason_in, reason_in2 …; without suffix: capacity_u, capacity2
        cand = form(n)
        n += 1
    return cand


def shp_tails() -> list:
    """:func:`tails` as the names a shapefile output carries."""
    return [list(t) for t in _shp_tails()]


@functools.lru_cache(maxsize=1)
def _shp_tails() -> tuple:
    return tuple(tuple(shp_name(n) for n in tail) for tail in _tails())
