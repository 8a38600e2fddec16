"""Candidate field names (English, Chinese, pinyin codes of DZ/T 0226) and the low-level detection; the
field map used by the pipeline is core/inputs/field_map.py."""
from __future__ import annotations

import functools
import re

# an application's own number comes before a licence number it may carry (a 延续 names the licence it continues)
ID_CANDIDATES = ["app_no", "sqbh", "申请编号", "id", "code", "bh", "bm", "bsm", "编号", "编码", "代码", "ghqbh", "license_no",
                 "xkzh", "许可证号", "jbnttbbh", "tbbh", "hxbh", "czkfbjbh", "bhdbh", "kqbh", "kqbm"]
NAME_CANDIDATES = ["name", "名称", "ghqmc", "mc", "kqmc", "矿区名称", "区块名称", "mine_name", "app_name", "project_name",
                   "hxmc", "bhdmc", "xmmc", "项目名称"]
MINERAL_CANDIDATES = ["mineral", "矿种", "kz", "ghkz", "规划矿种", "kckz", "开采矿种", "zkz", "主矿种", "kcz", "kc_kz",
                      "main_mineral", "minerals"]
ACTIVITY_CANDIDATES = ["right_type", "activity", "kyqlx", "矿业权类型", "sqlx", "申请类型", "type", "类型", "qlx",
                       "kind"]


@functools.lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    # cached: field detection normalises the same few names and candidates for every layer and check
    return re.sub(r"[\s_\-]", "", name).casefold()


def detect_field(fields, candidates, exclude=()) -> str | None:
    """First field whose name matches a candidate (case-, underscore- and space-insensitive), then
    the first whose name ends with one (…_BH, …编号)."""
    names = [f.name() for f in fields if f.name() not in exclude]
    norm = {_norm(n): n for n in names}
    for c in candidates:
        if _norm(c) in norm:
            return norm[_norm(c)]
    for c in candidates:
        nc = _norm(c)
        if len(nc) < 2:
            continue
        for n in names:
            if _norm(n).endswith(nc):
                return n
    return None


def attr(feature, index: int | None):
    if index is None or index < 0:
        return None
    v = feature.attribute(index)
    try:
        from qgis.PyQt.QtCore import QVariant
        if isinstance(v, QVariant) and v.isNull():
            return None
    except ImportError:
        pass
    if v is None or (hasattr(v, "isNull") and callable(v.isNull) and not isinstance(v, str) and v.isNull()):
        return None
    return v

SCALE_CANDIDATES = ["scale", "reserve_scale", "储量规模", "矿床规模", "资源储量规模", "clgm", "kcgmlx", "gmlx"]
CAPACITY_CANDIDATES = ["capacity", "design_capacity", "设计生产规模", "生产规模", "设计规模", "开采规模", "scgm", "sjscgm",
                       "kcgm", "sjgm"]
CAPACITY_UNIT_CANDIDATES = ["capacity_unit", "规模单位", "生产规模单位", "scgmdw", "kcgmdw"]
RESERVES_CANDIDATES = ["reserves", "保有资源储量", "资源储量", "储量", "bycl", "zycl", "byzycl"]
RESERVES_UNIT_CANDIDATES = ["reserves_unit", "储量单位", "资源储量单位", "cldw"]


OUTPUT_CANDIDATES = ["output", "产量", "年产量", "实际产量", "cl", "ncl", "kccl"]
OUTPUT_UNIT_CANDIDATES = ["output_unit", "产量单位", "cldw"]
HOLDER_CANDIDATES = ["holder", "applicant", "申请人", "申请单位", "矿业权人", "采矿权人", "探矿权人", "权利人", "sqr", "kyqr",
                     "qlr", "sqdw"]
APP_TYPE_CANDIDATES = ["app_type", "apply_type", "申请类型", "登记类型", "申请事项", "sqlx", "djlx", "sqsx", "application_type"]
LICENCE_CANDIDATES = ["license_no", "licence_no", "licence", "license", "许可证号", "采矿许可证号", "勘查许可证号", "xkzh",
                      "xkzbh", "permit_no"]
METHOD_CANDIDATES = ["mining_method", "method", "开采方式", "开采方法", "kcfs", "kcff"]
MINING_RECOVERY_CANDIDATES = ["mining_recovery", "开采回采率", "回采率", "kchcl", "hcl"]
PROCESSING_RECOVERY_CANDIDATES = ["processing_recovery", "选矿回收率", "选冶回收率", "回收率", "xkhsl", "hsl"]
COMPREHENSIVE_USE_CANDIDATES = ["comprehensive_use", "综合利用率", "zhlyl"]
FUNDING_CANDIDATES = ["funding", "funding_source", "资金来源", "出资方式", "zjly", "czfs"]
GRANT_CANDIDATES = ["grant", "grant_method", "出让方式", "crfs"]
