"""Error messages shown to users: always Chinese and English together, whatever the QGIS locale
(an error is copied into e-mails and tickets; both readers must understand it)."""
from __future__ import annotations

from ...rules.model.errors import MinePlanError


def bi(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def error(zh: str, en: str) -> MinePlanError:
    """The engines raise this; algorithms show it as a processing error, docks as a message."""
    return MinePlanError(zh, en)


WHAT = {  # field roles named in errors
    "mineral": ("矿种", "mineral"), "scale": ("储量规模", "reserve scale"), "capacity": ("设计生产规模", "design capacity"),
    "capacity_unit": ("生产规模单位", "capacity unit"), "reserves": ("储量", "reserves"),
    "reserves_unit": ("储量单位", "reserves unit"), "activity": ("矿业权类型", "activity"),
    "output": ("年产量", "annual output"), "output_unit": ("产量单位", "output unit"),
}


def field_not_found_pair(layer, what, param, fields) -> tuple[str, str]:
    zh, en = WHAT.get(what, (what, what))
    listing = ", ".join(f.name() for f in fields) or "—"
    return (f"图层 {layer}：找不到{zh}字段，请设置 {param}。该图层的字段为：{listing}",
            f"layer {layer}: no {en} field found; set {param}. Its fields are: {listing}")


def cannot_transform_pair(layer, feature, detail) -> tuple[str, str]:
    return (f"图层 {layer}，要素 {feature}：无法转换坐标（{detail}）",
            f"layer {layer}, feature {feature}: cannot transform the geometry ({detail})")


def not_polygon_pair(layer, feature, kind) -> tuple[str, str]:
    return (f"图层 {layer}，要素 {feature}：不是面几何（{kind}）",
            f"layer {layer}, feature {feature}: not a polygon geometry ({kind})")


def invalid_geometry_stop_pair(layer, feature, why) -> tuple[str, str]:
    return (f"图层 {layer}，要素 {feature}：几何无效（{why}）。请将“无效几何”设为“修复”或“跳过”，或修正数据。",
            f"layer {layer}, feature {feature}: invalid geometry ({why}). Choose 'repair' or 'skip' for invalid "
            f"geometries, or fix the data.")


NEED_CONTROL_LAYER = bi(
    "至少需要一个控制线图层（ECO_REDLINE 生态保护红线、BASIC_FARMLAND 永久基本农田、URBAN_BOUNDARY 城镇开发边界、"
    "NATURE_RESERVE 自然保护地或 OTHER_CONSTRAINTS 其他管控要素）。",
    "give at least one control-line layer (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE or "
    "OTHER_CONSTRAINTS).")
NEED_ZONE_LAYER = bi(
    "至少需要一个规划分区图层（KEY_EXPLORATION_AREAS、KEY_MINING_AREAS、CONCENTRATED_MINING_AREAS、EXPLORATION_BLOCKS、"
    "MINING_BLOCKS 或 KEY_DEVELOPMENT_AREAS）。",
    "give at least one zone layer (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, "
    "EXPLORATION_BLOCKS, MINING_BLOCKS or KEY_DEVELOPMENT_AREAS).")


def cannot_read(path, why) -> str:
    return bi(f"无法读取 {path}：{why}", f"cannot read {path}: {why}")


def unknown_epsg(code) -> str:
    return bi(f"本 QGIS 不认识 EPSG:{code}", f"EPSG:{code} is not known to this QGIS")


def invalid_outline(path, line, parcel, why) -> str:
    return bi(f"{path} 第{line}行：地块 {parcel} 的边界无效（{why}）",
              f"{path}, line {line}: parcel {parcel} has an invalid outline ({why})")
