"""Parcels → 部标 boundary-coordinate (拐点坐标) text, the inverse of ``rules.coordinates.parse_bubiao`` (pure
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

from .coordinates import DATUM_ZH, ZONE_RANGE, shoelace
from .errors import InputValueError


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


def parcel_lines(parcel: ExportParcel, zone: int, prefixed: bool = True, decimals: int = 3) -> list:
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
    if parcel.area_ha is not None:
        area_ha = parcel.area_ha
    else:
        area = 0.0
        for poly in parcel.polygons:
            for k, ring in enumerate(poly):
                a = abs(shoelace(_clean_ring(ring, decimals)))
                area += a if k == 0 else -a
        area_ha = area / 1e4
    record = (f"{len(coord_lines)},{area_ha:.4f},{safe_text(parcel.seq)},{safe_text(parcel.name)},面,,"
              f"{safe_text(parcel.usage)},,@")
    return [record] + coord_lines


def format_bubiao(parcels, zone: int, width: int = 3, datum: str = "CGCS2000", prefixed: bool = True,
                  decimals: int = 3, producer: str = "", date: str = "", newline: str = "\r\n") -> str:
    """A whole 部标 file: [属性描述] header (datum, zone width, zone, unit, precision) and [地块坐标] records."""
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
        lines += parcel_lines(p, zone, prefixed, decimals)
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


__all__ = ["CoordinateExportError", "ExportParcel", "file_name", "format_bubiao", "orient", "parcel_lines",
           "safe_text", "zone_of_longitude"]
