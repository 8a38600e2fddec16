"""Parcels → 部标 boundary-coordinate (拐点坐标) text, the inverse of ``rules.coordinates.parse.parse_bubiao`` (pure
Python).

    text = format_bubiao([ExportParcel("1", "某某金矿（避让后）", [[outer, hole]])], zone=37)

Coordinates go in as (easting, northing) in the zone's Gauss-Krüger projection WITHOUT the zone prefix
(0 < easting < 1,000,000); the file carries the prefix (37486000.123) when ``prefixed`` (the default, as the
registration systems expect). Every ring is written closed (its first point repeated with the same point
number), outer rings and holes alike numbered clockwise from the north-western corner (界址点 from the upper
left, clockwise), points numbered J1, J2 … through the whole parcel, rings numbered 1, 2 … (圈号). The record's
point count counts the coordinate lines (closing points included) and its area is the planar area of the
written coordinates in 公顷 (what ``importcoordinates`` compares the declared area with).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.errors import InputValueError
from .parse import DATUM_ZH, ZONE_RANGE, shoelace


class CoordinateExportError(InputValueError):
    """A parcel cannot be written as a 部标 file (zone, coordinates, rings)."""


@dataclass
class ExportParcel:
    seq: str                                     # 地块编号
    name: str                                    # 地块名称
    polygons: list = field(default_factory=list)  # [[outer, hole, …], …]; a ring: [(easting, northing), …]
    usage: str = ""                              # 地块用途
    area_ha: float | None = None                 # 地块面积 (公顷); None = computed from the rounded coordinates


def _clean_ring(ring, decimals: int) -> list:
    """Rounded points, consecutive duplicates and the closing point removed."""
    pts = []
    for e, n in ring:
        p = (round(float(e), decimals), round(float(n), decimals))
        if not pts or p != pts[-1]:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def orient(ring: list, clockwise: bool = True) -> list:
    """The ring clockwise (as seen on a map: east right, north up), starting at its north-western point (the
    largest northing − easting; ties: the first)."""
    pts = list(ring)
    if (shoelace(pts) > 0) == clockwise:        # positive shoelace = counter-clockwise
        pts.reverse()
    start = max(range(len(pts)), key=lambda i: (pts[i][1] - pts[i][0], -i))
    return pts[start:] + pts[:start]


def safe_text(text) -> str:
    """A record field: no commas (ASCII or full-width: both separate fields), no '@' (the record end), no line
    breaks."""
    s = str(text or "").replace(",", "、").replace("，", "、").replace("@", "＠").replace("\r", " ").replace("\n", " ")
    return s.strip()


def _fmt(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}"


AREA_UNITS = {"km2": ("平方千米", 1e6), "ha": ("公顷", 1e4)}     # 2022 自然资源部: 平方千米, 4 decimals (default)


def _unit(area_unit: str) -> tuple:
    if area_unit not in AREA_UNITS:
        raise CoordinateExportError(f"未知的面积单位“{area_unit}”（应为 km2 或 ha）", f"unknown area unit '{area_unit}'")
    return AREA_UNITS[area_unit]


def parcel_lines(parcel: ExportParcel, zone: int, prefixed: bool = True, decimals: int = 2,
                 area_unit: str = "km2") -> list:
    """The record line and the coordinate lines of one parcel."""
    rings = []
    for poly in parcel.polygons:
        for ring in poly:
            pts = _clean_ring(ring, decimals)
            if len(pts) < 3:
                raise CoordinateExportError(
                    f"地块“{parcel.name}”有一个环少于 3 个不同的点，不能写出",
                    f"parcel '{parcel.name}' has a ring with fewer than 3 distinct points")
            for e, n in pts:
                if not 0 < e < 1e6:
                    raise CoordinateExportError(
                        f"地块“{parcel.name}”：横坐标 {e} 不在投影带内（应为不带带号的 0–1,000,000 米）",
                        f"parcel '{parcel.name}': easting {e} is outside the zone (expected 0–1,000,000 m without "
                        f"the zone prefix)")
                if not 1e6 < n < 6.5e6:
                    raise CoordinateExportError(f"地块“{parcel.name}”：纵坐标 {n} 不在中国境内的范围",
                                                f"parcel '{parcel.name}': northing {n} is outside China's range")
            rings.append(orient(pts, clockwise=True))
    if not rings:
        raise CoordinateExportError(f"地块“{parcel.name}”没有边界", f"parcel '{parcel.name}' has no outline")
    offset = zone * 1e6 if prefixed else 0.0
    coord_lines = []
    no = 0
    for ring_no, pts in enumerate(rings, start=1):
        first = no + 1
        for e, n in pts:
            no += 1
            coord_lines.append(f"J{no},{ring_no},{_fmt(n, decimals)},{_fmt(e + offset, decimals)}")
        e, n = pts[0]
        coord_lines.append(f"J{first},{ring_no},{_fmt(n, decimals)},{_fmt(e + offset, decimals)}")
    factor = _unit(area_unit)[1]
    if parcel.area_ha is not None:
        area_out = parcel.area_ha * 1e4 / factor
    else:
        area = 0.0
        for poly in parcel.polygons:
            for k, ring in enumerate(poly):
                a = abs(shoelace(_clean_ring(ring, decimals)))
                area += a if k == 0 else -a
        area_out = area / factor
    record = (f"{len(coord_lines)},{area_out:.4f},{safe_text(parcel.seq)},{safe_text(parcel.name)},面,,"
              f"{safe_text(parcel.usage)},,@")
    return [record] + coord_lines


def format_bubiao(parcels, zone: int, width: int = 3, datum: str = "CGCS2000", prefixed: bool = True,
                  decimals: int = 2, producer: str = "", date: str = "", newline: str = "\r\n",
                  area_unit: str = "km2") -> str:
    """A whole 部标 file: [属性描述] header (datum, zone width, zone, unit, precision) and [地块坐标] records. Default
    2 decimals and the record's area in 平方千米 (2022 requirement); ``decimals=3, area_unit="ha"`` as before."""
    lo, hi = ZONE_RANGE.get(width, (0, -1))
    if not lo <= zone <= hi:
        raise CoordinateExportError(f"带号 {zone} 不是中国境内的{width}度带（应为 {lo}–{hi}）",
                                    f"zone {zone} is not a {width}° zone over China (expected {lo}–{hi})")
    if datum not in DATUM_ZH:
        raise CoordinateExportError(f"未知的坐标系“{datum}”", f"unknown datum '{datum}'")
    if not 0 <= decimals <= 6:
        raise CoordinateExportError("小数位数应为 0–6", "decimals must be 0–6")
    precision = f"{10 ** -decimals:.{decimals}f}" if decimals else "1"
    lines = ["[属性描述]", "格式版本号=1.01版本", f"数据产生单位={safe_text(producer)}", f"数据产生日期={safe_text(date)}",
             f"坐标系={DATUM_ZH[datum]}", f"几度分带={width}", "投影类型=高斯克吕格", "计量单位=米", f"带号={zone}",
             f"精度={precision}", "转换参数=,,,,,,", "[地块坐标]"]
    for p in parcels:
        lines += parcel_lines(p, zone, prefixed, decimals, area_unit)
    return newline.join(lines) + newline


BAOPAN_DATUM_CODE = {"Beijing54": "1", "Xian80": "2", "CGCS2000": "2000"}


def _elev(v: float) -> str:
    return f"{float(v):+.2f}".rstrip("0").rstrip(".")


def format_baopan(blocks, zone: int, datum: str = "CGCS2000", prefixed: bool = True, decimals: int = 2,
                  name: str = "", area_unit: str = "km2", newline: str = "\r\n") -> str:
    """A 采矿权/探矿权 登记 报盘 text (contract B): ``blocks`` = [(ring, 标高上限, 标高下限), …] with a ring
    [(easting, northing), …] without the zone prefix. Each 块段: its corners clockwise from the north-west
    (``XYnnn=点号,X北,Y东``, point numbers restart per 块段, closure implicit), then ``XYnnn=上限,下限,,块段号``.
    Header: 矿山名称, 矿区面积 (planar area of the written coordinates, 4 decimals, 平方千米 by default), 坐标系统,
    总行数."""
    if datum not in BAOPAN_DATUM_CODE:
        raise CoordinateExportError(f"未知的坐标系“{datum}”", f"unknown datum '{datum}'")
    if not 0 <= decimals <= 6:
        raise CoordinateExportError("小数位数应为 0–6", "decimals must be 0–6")
    lo, hi = ZONE_RANGE[3]
    if not lo <= zone <= hi:
        raise CoordinateExportError(f"带号 {zone} 不是中国境内的3度带（应为 {lo}–{hi}）",
                                    f"zone {zone} is not a 3° zone over China (expected {lo}–{hi})")
    unit, factor = _unit(area_unit)
    offset = zone * 1e6 if prefixed else 0.0
    xy, area = [], 0.0
    for k, (ring, top, bottom) in enumerate(blocks, start=1):
        if top is None or bottom is None:
            raise CoordinateExportError(f"块段 {k} 没有标高上限/下限，不能写出报盘", f"block {k} has no elevation range")
        if float(top) < float(bottom):
            raise CoordinateExportError(f"块段 {k} 的标高上限低于下限", f"block {k}: upper elevation below the lower")
        pts = _clean_ring(ring, decimals)
        if len(pts) < 3:
            raise CoordinateExportError(f"块段 {k} 少于 3 个不同的点", f"block {k} has fewer than 3 distinct points")
        for e, n in pts:
            if not 0 < e < 1e6 or not 1e6 < n < 6.5e6:
                raise CoordinateExportError(f"块段 {k}：坐标 {n},{e} 不在投影带内（横坐标应不带带号）",
                                            f"block {k}: coordinate {n},{e} outside the zone (no prefix expected)")
        area += abs(shoelace(pts))
        for no, (e, n) in enumerate(orient(pts, clockwise=True), start=1):
            xy.append(f"{no},{_fmt(n, decimals)},{_fmt(e + offset, decimals)}")
        xy.append(f"{_elev(top)},{_elev(bottom)},,{k}")
    if not xy:
        raise CoordinateExportError("没有块段，不能写出报盘", "no blocks to write")
    lines = [f"矿山名称={safe_text(name)}", f"矿区面积({unit})={area / factor:.4f}",
             f"坐标系统={BAOPAN_DATUM_CODE[datum]}", f"矿区范围拐点坐标与标高的总行数={len(xy)}"]
    lines += [f"XY{i:03d}={v}" for i, v in enumerate(xy, start=1)]
    return newline.join(lines) + newline


def zone_of_longitude(lon: float, width: int = 3) -> int:
    """The zone number of a longitude (3°: zone n has its central meridian at 3n°E; 6°: zone n covers
    6(n−1)°–6n°E)."""
    if width == 3:
        return int(round(lon / 3.0))
    return int(lon // 6.0) + 1


def file_name(label: str, suffix: str = "_拐点坐标.txt") -> str:
    """A file name from a feature label (no path separators or characters Windows refuses)."""
    bad = '<>:"/\\|?*\r\n\t'
    s = "".join("_" if ch in bad else ch for ch in str(label)).strip(" .") or "parcel"
    return s[:100] + suffix


__all__ = ["AREA_UNITS", "CoordinateExportError", "ExportParcel", "file_name", "format_baopan", "format_bubiao", "orient", "parcel_lines",
           "safe_text", "zone_of_longitude"]
