"""The output columns of the algorithms — one place, so that the review, the single-check algorithms and re-run
detection (core.inputs.field_map.our_fields) agree. The values of a row are core.review.rows'.

A field spec is (name, kind, Chinese alias[, length, precision]); kind: str/int/double. Text fields have
no length limit (0): ids and reasons are never cut.
"""
from __future__ import annotations

import functools

from ...rules.model.vocab import CONTROL_ROLES, ROLE_BY_ID, ZONE_ROLES

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


# ---- the fixed tails (re-run detection) -------------------------------------------------------------------
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
