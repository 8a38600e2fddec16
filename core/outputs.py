"""Output fields of the algorithms and their values from a :class:`FeatureReview` — one place, so that the
review, the single-check algorithms and re-run detection (core.fields.our_fields) agree.

A field spec is (name, kind, Chinese alias[, length, precision]); kind: str/int/double. Text fields have
no length limit (0): ids and reasons are never cut.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..rules.textcheck import prefix_in_bytes
from ..rules.vocab import CONFLICT, CONTROL_ROLES, MINING, ROLE_BY_ID, ZONE_ROLES

if TYPE_CHECKING:  # the pipeline imports core.fields, which reads the output names below
    from .pipeline import FeatureReview

SINGULAR = {r: ROLE_BY_ID[r].zh for r in ZONE_ROLES}       # 重点勘查区 … (one zone, in field labels)


def category_fields(prefix: str, label_zh: str) -> list:
    return [(f"{prefix}_area_m2", "double", f"{label_zh}压覆面积(平方米)", 20, 2),
            (f"{prefix}_pct", "double", f"{label_zh}压覆比例(%)", 10, 4),
            (f"{prefix}_ids", "str", f"{label_zh}压覆图斑")]


def control_fields(other_names) -> list:
    """The four statutory lines, then one prefix per other constraint layer (other_1 …)."""
    spec = []
    for cat in CONTROL_ROLES:
        spec += category_fields(cat, ROLE_BY_ID[cat].zh)
    for i, name in enumerate(other_names, start=1):
        spec += category_fields(f"other_{i}", name)
    return spec


OVERLAP_RESULT = [("block_area_m2", "double", "要素面积(平方米)", 20, 2), ("conflict", "int", "是否冲突"),
                  ("verdict", "str", "压覆结论"), ("reason", "str", "原因"), ("reason_en", "str", "原因（英文）"),
                  ("clause", "str", "规划条款"), ("activity", "str", "审查类型"), ("area_method", "str", "面积算法")]
SCALE_VALUES = [("mineral_std", "str", "规范矿种（规划类别）"), ("reserve_scale", "str", "储量规模"),
                ("min_capacity", "double", "最低开采规模", 20, 4), ("capacity_unit", "str", "规模单位"),
                ("scale_ok", "int", "规模是否达标"), ("service_years", "double", "服务年限(年)", 12, 2),
                ("service_ok", "int", "服务年限是否达标")]
def check_result(label_zh: str) -> list:
    """verdict, reason, reason_en, clause of one check (alias: 最低规模结论 …)."""
    return [("verdict", "str", f"{label_zh}结论"), ("reason", "str", "原因"), ("reason_en", "str", "原因（英文）"),
            ("clause", "str", "规划条款")]
POLICY_VALUES = [("mineral_std", "str", "规范矿种"), ("policy", "str", "开采矿种类别")]


def zone_fields() -> list:
    spec = []
    for role in ZONE_ROLES:
        zh = SINGULAR[role]
        spec += [(f"{role}_id", "str", f"{zh}编号"), (f"{role}_name", "str", f"{zh}名称"),
                 (f"{role}_share", "double", f"{zh}占比(0-1)", 10, 6)]
    return spec + [("zone_mineral_ok", "int", "矿种与分区相符"), ("in_required_zone", "int", "位于规定分区内"),
                   ("block_entities", "int", "同一开采规划区块内主体数")]


def review_fields(other_names) -> list:
    return (control_fields(other_names)
            + [("block_area_m2", "double", "要素面积(平方米)", 20, 2), ("conflict", "int", "是否冲突"),
               ("overlap_verdict", "str", "压覆结论"), ("overlap_reason", "str", "压覆原因"),
               ("area_method", "str", "面积算法")]
            + SCALE_VALUES + [("scale_verdict", "str", "最低规模结论"), ("scale_reason", "str", "最低规模原因"),
                              ("policy", "str", "开采矿种类别"), ("policy_verdict", "str", "矿种准入结论"),
                              ("policy_reason", "str", "矿种准入原因")]
            + zone_fields() + [("zone_verdict", "str", "分区结论"), ("zone_reason", "str", "分区原因")]
            + [("siting_verdict", "str", "设置区域结论"), ("siting_reason", "str", "设置区域原因"),
               ("app_type_std", "str", "申请类型（规范）"), ("apptype_verdict", "str", "申请类型结论"),
               ("apptype_reason", "str", "申请类型原因"),
               ("right_verdict", "str", "现有矿业权对照结论"), ("right_reason", "str", "现有矿业权对照原因"),
               ("matched_right", "str", "对应现有矿业权"), ("added_area_m2", "double", "新增范围面积(平方米)", 20, 2),
               ("sanlv_verdict", "str", "三率结论"), ("sanlv_reason", "str", "三率原因"),
               ("funding_verdict", "str", "勘查资金来源结论"), ("funding_reason", "str", "勘查资金来源原因"),
               ("netmine_verdict", "str", "净矿出让结论"), ("netmine_reason", "str", "净矿出让原因")]
            + [("activity", "str", "审查类型"), ("activity_source", "str", "审查类型来源"),
                               ("geometry_status", "str", "几何状态"), ("verdict", "str", "审查结论"),
                               ("reasons", "str", "不符合/需论证事项及条款"), ("reasons_en", "str", "事项（英文）"),
                               ("clauses", "str", "适用条款"), ("not_checked", "str", "未检查事项")])


# ---- values ----------------------------------------------------------------------------------------------
def tails() -> list:
    """The fixed end of every algorithm's output fields (what follows the input's fields, after the per-category
    fields): a layer ending with one of these was written by that algorithm."""
    return [list(t) for t in _tails()]


@functools.lru_cache(maxsize=1)
def _tails() -> tuple:
    # fixed names: made once (field detection asks for them per layer, per check: 2 ms each time)
    names = lambda spec: tuple(x[0] for x in spec)  # noqa: E731
    review = names(review_fields([]))
    return (names(OVERLAP_RESULT), names(SCALE_VALUES + check_result("")), names(POLICY_VALUES + check_result("")),
            names(zone_fields() + check_result("")), review[review.index("block_area_m2"):])


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


# ---- shapefiles (dBase) ----------------------------------------------------------------------------------
# A dBase field name has at most 10 bytes and a text value at most 254 bytes. GDAL would shorten the names
# itself ('reserve_area_m2' → 'reserve_ar', a second 'capacity_u' → 'capacity_1': unpredictable, and a re-run
# could no longer tell our fields from the user's) and cut long values silently. For a shapefile output every
# name is fixed here (our fields: this table; the user's: cut to 10 bytes, numbered on a clash) and a long
# value is cut with an explicit mark (rules.textcheck.TRUNCATION_MARK), counted and logged in full.
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
    re-run reads it back as the user's (core.fields)."""
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
