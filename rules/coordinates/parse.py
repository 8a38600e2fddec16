"""拐点坐标 (corner coordinate) files → parcels with rings, and the right CRS (pure Python).

Two formats:

* the 部标 boundary-coordinate text format (国土资源部 parcel exchange format):
      [属性描述]
      坐标系=2000国家大地坐标系
      几度分带=3
      带号=37
      [地块坐标]
      5,0.5623,1,某某金矿,面,,采矿用地,,@          ← 界址点数,地块面积,地块编号,地块名称,面,图幅号,用途,地类,@
      J1,1,3812345.12,37486000.45                  ← 点号,圈号,X(北),Y(东，可带带号)
      …   (each ring closed: its last point repeats its first)
* simple CSV lists of corner points: 点号, X, Y[, 圈号][, 地块] with or without a header row.

X is the northing and Y the easting (Chinese surveying convention); Y may carry the zone number as a
prefix (37486000.45 → zone 37, easting 486000.45). Every error names the line.

Hostile input: every number must be a plain finite decimal (no nan, inf, 1e400, 1_000); counts, zones
and zone widths must be whole numbers; the file is at most ``MAX_FILE_BYTES`` and a parcel at most
``MAX_RINGS`` rings; empty CSV rows (Excel's trailing ",,") are skipped and counted in ``warnings``.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..model.errors import InputValueError
from ..model.fileread import read_limited
from .lonlat import DMS_MARKS, LAT_RANGE, LON_RANGE, central_meridian, gauss_kruger, parse_angle, zone_of

DATUMS = {
    # datum: (names, EPSG of 3° zone 25 with prefix, EPSG of 3° CM 75E without prefix,
    #         EPSG of 6° zone 13 with prefix, EPSG of 6° CM 75E without prefix)
    "CGCS2000": (("2000国家大地坐标系", "cgcs2000", "cgcs 2000", "2000坐标系", "国家2000", "2000"), 4513, 4534, 4491, 4502),
    "Xian80": (("1980西安坐标系", "西安80", "西安1980", "xian80", "xian 1980", "1980"), 2349, 2370, 2327, 2338),
    "Beijing54": (("1954北京坐标系", "北京54", "北京1954", "beijing54", "beijing 1954", "1954"), 2401, 2422, 21413, 21453),
}
DATUM_ZH = {"CGCS2000": "2000国家大地坐标系", "Xian80": "1980西安坐标系", "Beijing54": "1954北京坐标系"}
ZONE_RANGE = {3: (25, 45), 6: (13, 23)}
MAX_FILE_BYTES = 32 * 1024 * 1024   # a county register of all parcels is a few MB
MAX_RINGS = 1000                    # rings of one parcel (real ones have a handful); grouping is quadratic


class CoordinateFileError(InputValueError):
    def __init__(self, zh: str, en: str, path: str = "", line: int | None = None):
        self.path, self.line = path, line
        loc_zh = f"{path} 第{line}行：" if line else (f"{path}：" if path else "")
        loc_en = f"{path}, line {line}: " if line else (f"{path}: " if path else "")
        super().__init__(loc_zh + zh, loc_en + en)


MINING_KEYS = ("开采矿种", "采矿权申请人", "采矿权人", "矿山名称", "采矿权名称", "生产规模")
EXPLORATION_KEYS = ("勘查矿种", "探矿权申请人", "探矿权人", "勘查项目名称", "探矿权名称", "勘查面积")


def application_facts(header: dict) -> dict:
    """The application's 矿种, 申请人 and 矿业权类型 as a coordinate file's header states them (names as written)."""
    def first(*keys):
        return next((str(header[k]).strip() for k in keys if str(header.get(k) or "").strip()), None)
    mining = any(str(header.get(k) or "").strip() for k in MINING_KEYS)
    exploration = any(str(header.get(k) or "").strip() for k in EXPLORATION_KEYS)
    right = "采矿权" if mining and not exploration else "探矿权" if exploration and not mining else None
    return {"mineral": first("开采矿种", "勘查矿种", "矿种"),
            "applicant": first("采矿权申请人", "探矿权申请人", "申请人", "采矿权人", "探矿权人"),
            "right_type": right}


@dataclass
class Parcel:
    seq: str
    name: str
    declared_area: float | None
    rings: list = field(default_factory=list)        # [[(easting, northing), …], …] as numbered in the file
    line: int = 0
    usage: str = ""
    point_count: int = 0
    zone_prefix: int | None = None
    area_unit: str = ""                              # unit of declared_area when the file states it (平方千米 …)
    blocks: list = field(default_factory=list)       # 报盘 块段 / 部标 开采标高: [(块段号, 标高上限, 标高下限), …]
    separate_rings: bool = False                     # 报盘: every ring is one 块段 (one polygon part), never a hole

    @property
    def polygons(self) -> list:
        """Rings grouped into polygons [[outer, hole, …], …]: a ring inside another ring is its hole
        (a ring inside a hole is an island, i.e. an outer ring again). 报盘 块段 are parts of their own."""
        if self.separate_rings:
            return [[r] for r in self.rings]
        depth, parent = [], []
        boxes = [(min(x for x, _ in r), min(y for _, y in r), max(x for x, _ in r), max(y for _, y in r))
                 for r in self.rings]
        for i, r in enumerate(self.rings):
            x, y = r[0]
            containing = [j for j, o in enumerate(self.rings) if j != i and boxes[j][0] <= x <= boxes[j][2]
                          and boxes[j][1] <= y <= boxes[j][3] and point_in_ring(r[0], o)]
            depth.append(len(containing))
            parent.append(min(containing, key=lambda j: abs(shoelace(self.rings[j]))) if containing else None)
        polys = {i: [r] for i, r in enumerate(self.rings) if depth[i] % 2 == 0}
        for i, r in enumerate(self.rings):
            if depth[i] % 2 == 1 and parent[i] in polys:
                polys[parent[i]].append(r)
        return list(polys.values())

    def planar_area(self) -> float:
        return sum(abs(shoelace(p[0])) - sum(abs(shoelace(h)) for h in p[1:]) for p in self.polygons)


@dataclass
class CoordinateFile:
    datum: str
    zone_width: int
    zone: int
    prefixed: bool
    parcels: list
    warnings: list = field(default_factory=list)
    header: dict = field(default_factory=dict)
    closed_rings: int = 0                            # open rings closed on their first point (a warning each)

    @property
    def epsg(self) -> int:
        return epsg_for(self.datum, self.zone_width, self.zone, self.prefixed)

    @property
    def application(self) -> dict:
        """What a 报盘 header says about the application: {"mineral", "applicant", "right_type"} (None when it
        does not say). 采矿权 files name 开采矿种 / 采矿权申请人 / 矿山名称, 探矿权 files 勘查矿种 / 探矿权申请人 / 勘查项目名称."""
        return application_facts(self.header)

    @property
    def coord_system(self) -> str:
        """The contract-A text, e.g. "CGCS2000 3度带 37"."""
        return f"{self.datum} {self.zone_width}度带 {self.zone}"


AREA_UNIT_CODES = {"平方千米": "km2", "公顷": "ha", "平方米": "m2", "亩": "mu"}


def block_elev_text(blocks) -> str:
    """Contract A's block_elev: "1:+1200,+800;2:+1100,+700" (empty when no 标高)."""
    return ";".join(f"{no}:{top:+g},{bottom:+g}" for no, top, bottom in blocks)


def point_in_ring(pt, ring) -> bool:
    x, y = pt
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def shoelace(ring) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def epsg_for(datum: str, width: int, zone: int, prefixed: bool) -> int:
    _, p3, c3, p6, c6 = DATUMS[datum]
    lo, _hi = ZONE_RANGE[width]
    if width == 3:
        return (p3 if prefixed else c3) + zone - lo
    return (p6 if prefixed else c6) + zone - lo


def datum_from_text(text: str) -> str | None:
    t = text.strip().casefold().replace(" ", "")
    for datum, (names, *_rest) in DATUMS.items():
        if any(n.replace(" ", "") in t for n in names[:-1]):
            return datum
    for datum, (names, *_rest) in DATUMS.items():
        if names[-1] in t:
            return datum
    return None


_WHAT_EN = {"X 坐标": "X coordinate", "Y 坐标": "Y coordinate", "界址点数": "point count", "地块面积": "parcel area",
            "带号": "zone", "几度分带": "zone width", "标高上限": "upper elevation", "标高下限": "lower elevation",
            "总行数": "line count", "面积": "area"}
# a plain decimal number: 3812000, -1.5, .5, 3.8e6 (after NFKC: full-width digits are fine)
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _show(text: str, n: int = 30) -> str:
    text = str(text).strip()
    return text if len(text) <= n else text[:n] + "…"


def _num(text: str, what: str, path: str, line: int | None) -> float:
    """A finite decimal number, or a bilingual error naming the field and the line (nan, inf, 1e400,
    empty cells, 1_000, text … are all refused)."""
    what_en = _WHAT_EN.get(what, what)
    raw = "" if text is None else str(text)
    t = unicodedata.normalize("NFKC", raw.replace("，", "")).strip().replace(" ", "")   # 3，812，000 as before
    if not t:
        raise CoordinateFileError(f"{what}为空", f"{what_en} is empty", path, line)
    value = float(t) if _NUMBER.fullmatch(t) else None
    if value is None:
        try:
            float(t)                                     # nan, inf, infinity, 1_000 …
        except (ValueError, OverflowError):
            raise CoordinateFileError(f"{what}“{_show(raw)}”不是数字",
                                      f"{what_en} '{_show(raw)}' is not a number", path, line) from None
    if value is None or not math.isfinite(value):
        raise CoordinateFileError(f"{what}“{_show(raw)}”不是有限的普通数值（不接受 nan、inf、1e400 之类）",
                                  f"{what_en} '{_show(raw)}' is not a plain finite number (nan, inf, 1e400 … are "
                                  "not accepted)", path, line)
    return value


def _int(text: str, what: str, path: str, line: int | None) -> int:
    """A whole number (5 or 5.0), else a bilingual error with the line."""
    value = _num(text, what, path, line)
    if value != int(value) or abs(value) > 1e9:
        raise CoordinateFileError(f"{what}“{_show(text)}”应为整数", f"{_WHAT_EN.get(what, what)} '{_show(text)}' "
                                  "must be a whole number", path, line)
    return int(value)


def split_easting(y: float, width: int) -> tuple[int | None, float]:
    """37486000.45 → (37, 486000.45); 486000.45 → (None, 486000.45)."""
    if y >= 1e7:
        zone = int(y // 1e6)
        return zone, y - zone * 1e6
    return None, y


def _check_zone(zone: int, width: int, path: str, line: int | None, what_zh="带号", what_en="zone"):
    lo, hi = ZONE_RANGE[width]
    if not lo <= zone <= hi:
        raise CoordinateFileError(
            f"{what_zh} {zone} 不是中国境内的{width}度带（应为 {lo}–{hi}）",
            f"{what_en} {zone} is not a {width}° zone over China (expected {lo}–{hi})", path, line)


def _zone_source(zone: int, from_header: bool, line: int | None = None) -> tuple[str, str]:
    """How messages name the expected zone: the file header's 带号 or the ZONE parameter."""
    if from_header:
        at_zh, at_en = (f"（第{line}行）", f" (line {line})") if line else ("", "")
        return f"文件头“带号={zone}”{at_zh}", f"the header zone 带号={zone}{at_en}"
    return f"参数 ZONE={zone}", f"the ZONE parameter {zone}"


def _finish_points(points, path, width, header_zone, xy_order, first_line, zone_src=None, closed_log=None):
    """points: [(line, pid, ring, a, b)] → rings of (easting, northing), plus the zone seen.
    ``header_zone``: the zone the eastings' prefix must match, ``zone_src`` its (zh, en) name."""
    if zone_src is None and header_zone is not None:
        zone_src = _zone_source(header_zone, True)
    rings: dict = {}
    zone_seen = None
    for line, pid, ring, a, b in points:
        north, east = (a, b) if xy_order == 0 else (b, a)
        if north >= 1e7 and east < 1e7:
            raise CoordinateFileError(
                "X 应为纵坐标（北向，7位数），Y 为横坐标（东向，可带带号）；此行似乎 X、Y 互换，请检查或改用“X 为东坐标”选项",
                "X must be the northing and Y the easting (optionally zone-prefixed); X and Y look swapped "
                "(choose the 'X is easting' order if the file is like that)", path, line)
        zone, e = split_easting(east, width)
        if zone is not None:
            _check_zone(zone, width, path, line, "横坐标带号前缀", "easting zone prefix")
            if header_zone is not None and zone != header_zone:
                raise CoordinateFileError(
                    f"横坐标带号前缀 {zone} 与{zone_src[0]}不一致",
                    f"the easting prefix {zone} contradicts {zone_src[1]}", path, line)
            if zone_seen is not None and zone != zone_seen:
                raise CoordinateFileError(f"横坐标带号前缀 {zone} 与前面各点的 {zone_seen} 不一致",
                                          f"easting prefix {zone} differs from {zone_seen} before", path, line)
            zone_seen = zone
        elif zone_seen is not None:
            raise CoordinateFileError("此点横坐标无带号前缀，而前面各点有", "this easting has no zone prefix while "
                                      "earlier ones do", path, line)
        if not 0 < e < 1e6:
            raise CoordinateFileError(f"横坐标 {east} 超出高斯-克吕格投影范围", f"easting {east} is outside the "
                                      "Gauss-Krüger range", path, line)
        if not 1e6 < north < 6.5e6:
            raise CoordinateFileError(f"纵坐标 {north} 不在中国境内的范围（约 2,000,000–6,000,000）",
                                      f"northing {north} is outside China's range", path, line)
        rings.setdefault(ring, []).append((line, pid, east, north))   # keep the prefix: it is part of the CRS
    if len(rings) > MAX_RINGS:
        raise CoordinateFileError(f"一个地块有 {len(rings)} 个圈，超过上限 {MAX_RINGS}（圈号列是否有误？）",
                                  f"one parcel has {len(rings)} rings, more than {MAX_RINGS} (is the ring column "
                                  "right?)", path, first_line)
    out = []
    for ring_no in sorted(rings, key=_ring_order):
        pts = rings[ring_no]
        if closed_log is not None and len(pts) == 3 and pts[0][2:] != pts[-1][2:]:
            closed_log.append((ring_no, pts[-1][0]))
            pts = pts + [pts[0]]
        if len(pts) < 4:
            raise CoordinateFileError(f"第 {ring_no} 圈只有 {len(pts)} 个点（闭合环至少 4 个，含重复的首点）",
                                      f"ring {ring_no} has only {len(pts)} points (a closed ring needs 4 incl. the "
                                      f"repeated first point)", path, pts[-1][0])
        first, last = pts[0], pts[-1]
        closed = (abs(first[2] - last[2]) < 1e-6 and abs(first[3] - last[3]) < 1e-6)
        if not closed and closed_log is not None:
            closed_log.append((ring_no, last[0]))
            pts = pts + [first]
        elif not closed:
            raise CoordinateFileError(
                f"第 {ring_no} 圈未闭合：末点 {last[1]} 与首点 {first[1]}（第{first[0]}行）坐标不同",
                f"ring {ring_no} is not closed: its last point {last[1]} differs from its first {first[1]} "
                f"(line {first[0]})", path, last[0])
        out.append([(e, n) for _, _, e, n in pts[:-1]])
    return out, zone_seen


def _ring_order(ring):
    """Ring numbers in numeric order (1, 2, 10), other labels after them; never int() of odd digits."""
    r = str(ring)
    return (0, int(r), r) if re.fullmatch(r"[0-9]{1,9}", r) else (1, 0, r)


_ELEV_KEY = re.compile(r"^\s*(?:开采)?标高\s*[=:：]\s*(.+)$")
_ELEV_NUM = r"[+-]?[0-9]+(?:\.[0-9]+)?"


def _elevation_line(s: str, path: str, line: int):
    """开采标高 in a 部标 file: ``*,+1200,+800`` or ``开采标高=+1200m至+800m`` (also 到, ~, -, —, ，) →
    (上限, 下限), else None."""
    t = unicodedata.normalize("NFKC", s).strip()
    m = _ELEV_KEY.match(t)
    if m:
        nums = re.findall(r"(?<![0-9])" + _ELEV_NUM, re.sub(r"\s*(m|米)", "", m.group(1)))
        if len(nums) != 2:
            raise CoordinateFileError("开采标高应写两个数（上限、下限），如“开采标高=+1200m至+800m”",
                                      "the mining elevation needs two numbers (upper, lower), e.g. "
                                      "'开采标高=+1200m至+800m'", path, line)
        a, b = (_num(n, "标高上限", path, line) for n in nums)
    elif t.startswith("*"):
        parts = [p.strip() for p in t[1:].split(",") if p.strip()]
        if len(parts) != 2:
            raise CoordinateFileError("开采标高行应为“*,标高上限,标高下限”", "an elevation line must be "
                                      "'*,upper,lower'", path, line)
        a, b = _elev(parts[0], "标高上限", path, line), _elev(parts[1], "标高下限", path, line)
    else:
        return None
    if a < b:
        raise CoordinateFileError(f"标高上限 {a:+g} 低于标高下限 {b:+g}", f"the upper elevation {a:+g} is below the "
                                  f"lower one {b:+g}", path, line)
    return (a, b)


def parse_bubiao(text: str, path: str = "", xy_order: int = 0, zone: int | None = None) -> CoordinateFile:
    """A 部标 file. ``zone`` (the ZONE parameter) is used when the file gives none, and must agree with
    the header's 带号 and with the eastings' prefixes when they give one."""
    lines = _lines(text)
    last_line = len(lines) - (1 if lines and lines[-1] == "" else 0)
    section = None
    header: dict = {}
    hline: dict = {}            # header key → its line
    parcels: list = []
    current = None
    points: list = []
    seen_header = False

    def close_current(end_line):
        nonlocal current, points
        if current is None:
            return
        declared_count = current.point_count
        n = len(points)
        if n == 0:
            raise CoordinateFileError(f"地块“{current.name}”没有界址点", f"parcel '{current.name}' has no points",
                                      path, current.line)
        rings_n = len({p[2] for p in points})
        if declared_count not in (n, n - rings_n):
            raise CoordinateFileError(
                f"地块“{current.name}”声明界址点数 {declared_count}，实际 {n} 个坐标行",
                f"parcel '{current.name}' declares {declared_count} points but has {n} coordinate lines",
                path, current.line)
        closed: list = []
        current.rings, current.zone_prefix = _finish_points(points, path, width, expected_zone, xy_order,
                                                            current.line, expected_src, closed)
        for ring_no, at in closed:
            closed_rings.append((current.name, ring_no, at))
        if not current.blocks and header_elev is not None:
            current.blocks = [("1",) + header_elev]
        parcels.append(current)
        current, points = None, []

    width, header_zone = 3, None
    closed_rings: list = []
    header_elev = None
    expected_zone, expected_src = zone, (_zone_source(zone, False) if zone is not None else None)
    for i, raw in enumerate(lines, start=1):
        s = raw.strip().lstrip("\ufeff")
        if not s or s.startswith("#"):
            continue
        if s.startswith("[") and s.endswith("]"):
            name = s[1:-1].strip()
            if name == "属性描述":
                section, seen_header = "attr", True
            elif name == "地块坐标":
                if not seen_header:
                    raise CoordinateFileError("缺少文件头 [属性描述]（坐标系、几度分带、带号）",
                                              "missing header [属性描述] (datum, zone width, zone)", path, i)
                section = "coords"
                width = _int(header.get("几度分带", "3"), "几度分带", path, hline.get("几度分带", i))
                if width not in (3, 6):
                    raise CoordinateFileError(f"几度分带={width}：只支持 3 度或 6 度带", f"zone width {width}: "
                                              "only 3° and 6° zones are supported", path, hline.get("几度分带"))
                if header.get("带号", "").strip():
                    header_zone = _int(header["带号"], "带号", path, hline["带号"])
                    _check_zone(header_zone, width, path, hline["带号"])
                    if zone is not None and zone != header_zone:
                        raise CoordinateFileError(
                            f"参数 ZONE={zone} 与文件头“带号={header_zone}”不一致：文件已写明带号时请将 ZONE 设为 0",
                            f"the ZONE parameter {zone} contradicts the file's header zone 带号={header_zone}; "
                            "set ZONE to 0 when the file gives its zone", path, hline["带号"])
                    expected_zone = header_zone
                    expected_src = _zone_source(header_zone, True, hline["带号"])
                elif zone is not None:
                    _check_zone(zone, width, path, None, "参数 ZONE", "the ZONE parameter")
            else:
                section = "other"
            continue
        if section is None:
            raise CoordinateFileError("缺少文件头 [属性描述]（坐标系、几度分带、带号）",
                                      "missing header [属性描述] (datum, zone width, zone)", path, i)
        elev = _elevation_line(s, path, i)
        if elev is not None:
            if section == "coords":
                if current is None:
                    raise CoordinateFileError("开采标高行之前缺少地块记录（…,@）", "an elevation line before any parcel "
                                              "record", path, i)
                current.blocks = [(str(len(current.blocks) + 1),) + elev]
            else:
                header_elev = elev
            continue
        if section == "attr":
            if "=" in s:
                k, v = (x.strip() for x in s.split("=", 1))
                if k in header and header[k] != v:
                    raise CoordinateFileError(
                        f"文件头“{_show(k)}”写了两次且不同：第{hline[k]}行为“{_show(header[k])}”，此行为“{_show(v)}”",
                        f"the header gives '{_show(k)}' twice with different values: '{_show(header[k])}' at line "
                        f"{hline[k]}, '{_show(v)}' here", path, i)
                header.setdefault(k, v)
                hline.setdefault(k, i)
            continue
        if section != "coords":
            continue
        parts = [p.strip() for p in re.split(r"[,，]", s)]
        while len(parts) > 4 and parts[-1] == "" and "@" not in parts:   # trailing commas on point lines
            parts.pop()
        if parts[-1] == "@" or (len(parts) >= 5 and parts[4] in ("面", "线", "点")):
            close_current(i)
            if len(parts) < 4:
                raise CoordinateFileError("地块记录字段不足（应为 界址点数,地块面积,地块编号,地块名称,…,@）",
                                          "parcel record has too few fields", path, i)
            count = _int(parts[0], "界址点数", path, i)
            area = _num(parts[1], "地块面积", path, i) if parts[1] else None
            if area is not None and area < 0:
                raise CoordinateFileError(f"地块面积 {_show(parts[1])} 为负数", f"parcel area {_show(parts[1])} is "
                                          "negative", path, i)
            current = Parcel(seq=parts[2], name=parts[3] or parts[2], declared_area=area, line=i,
                             usage=parts[6] if len(parts) > 6 else "", point_count=count)
            continue
        if current is None:
            raise CoordinateFileError("坐标行之前缺少地块记录（…,@）", "a coordinate line before any parcel record",
                                      path, i)
        if len(parts) != 4:
            raise CoordinateFileError(
                f"坐标行应为 4 项（点号,圈号,X,Y），此行有 {len(parts)} 项",
                f"a coordinate line needs 4 fields (point, ring, X, Y); this one has {len(parts)}", path, i)
        a = _num(parts[2], "X 坐标", path, i)
        b = _num(parts[3], "Y 坐标", path, i)
        points.append((i, parts[0], parts[1] or "1", a, b))
    if section is None and not header:
        raise CoordinateFileError("缺少文件头 [属性描述]（坐标系、几度分带、带号）",
                                  "missing header [属性描述] (datum, zone width, zone)", path, 1)
    if section != "coords" and current is None and not parcels:
        raise CoordinateFileError("缺少 [地块坐标] 部分：文件中没有坐标点", "missing the [地块坐标] section: no points in "
                                  "the file", path, last_line)
    close_current(last_line)
    if not parcels:
        raise CoordinateFileError("文件中没有地块（没有坐标点）", "no parcel in the file (no points)", path, last_line)
    datum_text = header.get("坐标系", "")
    datum = datum_from_text(datum_text) if datum_text else None
    warnings = []
    if datum is None:
        if datum_text:
            raise CoordinateFileError(f"无法识别的坐标系“{datum_text}”", f"unknown datum '{datum_text}'", path,
                                      hline.get("坐标系"))
        datum = "CGCS2000"
        warnings.append(("文件头未写坐标系，按2000国家大地坐标系处理", "no datum in the header: CGCS2000 assumed"))
    elif datum != "CGCS2000":
        warnings.append((f"坐标系为{DATUM_ZH[datum]}，不是2000国家大地坐标系；输出保留原坐标系",
                         f"the datum is {datum}, not CGCS2000; the output keeps it"))
    for name, ring_no, at in closed_rings:
        warnings.append((f"地块“{name}”第 {ring_no} 圈未闭合（第{at}行），已按首点闭合",
                         f"parcel '{name}' ring {ring_no} was not closed (line {at}): closed on its first point"))
    prefixes = {p.zone_prefix for p in parcels}
    prefixed = prefixes != {None}
    if None in prefixes and prefixed:
        raise CoordinateFileError("部分地块横坐标带带号前缀、部分不带", "some parcels have zone-prefixed eastings, others "
                                  "do not", path)
    zone = expected_zone if expected_zone is not None else next((z for z in prefixes if z is not None), None)
    if zone is None:
        raise CoordinateFileError("无法确定投影带：文件头无“带号”，横坐标也无带号前缀，也未指定参数 ZONE",
                                  "cannot tell the zone: no 带号 in the header, no zone prefix on the eastings and "
                                  "no ZONE parameter", path, hline.get("几度分带"))
    return CoordinateFile(datum, width, zone, prefixed, parcels, warnings, header, len(closed_rings))


_CSV_NAMES = {
    "pid": ("点号", "点名", "界址点号", "point", "id", "pid", "name", "no"),
    "x": ("x", "x坐标", "纵坐标", "北坐标", "north", "northing", "x(北)"),
    "y": ("y", "y坐标", "横坐标", "东坐标", "east", "easting", "y(东)"),
    "ring": ("圈号", "环号", "ring", "part", "圈"),
    "parcel": ("地块", "地块编号", "地块名称", "parcel", "block", "区块", "矿区"),
}


def _csv_column(name: str) -> str | None:
    """Column role of a CSV header cell: exact names first, then tell-tale parts (X坐标(m), 纵坐标X …)."""
    for key, names in _CSV_NAMES.items():
        if name in names:
            return key
    if "纵" in name or "北" in name or re.match(r"^x\b|^x[^a-z]", name):
        return "x"
    if "横" in name or "东" in name or re.match(r"^y\b|^y[^a-z]", name):
        return "y"
    if "圈" in name or "环" in name or "ring" in name:
        return "ring"
    if "地块" in name or "区块" in name or "parcel" in name:
        return "parcel"
    if "点" in name:
        return "pid"
    return None


def _lines(text: str) -> list[str]:
    """Lines as an editor numbers them (CRLF, LF or CR; not form feeds or U+2028 like str.splitlines)."""
    return re.split(r"\r\n|\r|\n", text)


def _looks_like_header(cell: str) -> bool:
    """A header cell has letters or CJK, is no point name like J12, and is not a number Python would read
    (nan, inf, 1e400 in the first row are malformed data, not a header)."""
    if not re.search(r"[A-Za-z\u4e00-\u9fff]", cell) or re.fullmatch(r"[A-Za-z]?\d+", cell):
        return False
    try:
        float(cell)
    except (ValueError, OverflowError):
        return True
    return False


def _table_rows(text: str, path: str) -> tuple[list, list]:
    """Non-empty rows [(line, cells)] of a point list (comma, Chinese comma, tab or whitespace separated) and the
    line numbers of rows of separators only; an empty file is an error."""
    sample = text[:2000]
    delim = "\t" if "\t" in sample else ("，" if "，" in sample and "," not in sample else ",")
    if delim == "," and "," not in sample:
        delim = None   # whitespace separated
    rows = []
    empty_rows = []
    for i, raw in enumerate(_lines(text), start=1):
        s = raw.strip().lstrip("\ufeff")
        if not s or s.startswith("#"):
            continue
        try:
            parts = [p.strip() for p in (next(csv.reader(io.StringIO(s), delimiter=delim)) if delim else s.split())]
        except (csv.Error, StopIteration) as exc:
            raise CoordinateFileError(f"无法按 CSV 读取此行（{_show(exc, 60)}）", f"cannot read this line as CSV "
                                      f"({_show(exc, 60)})", path, i) from None
        while parts and parts[-1] == "":                 # Excel pads rows with trailing separators
            parts.pop()
        if not parts:                                    # a row of separators only (",,")
            empty_rows.append(i)
            continue
        rows.append((i, parts))
    if not rows:
        if empty_rows:
            raise CoordinateFileError("文件中没有坐标点（只有空行）", "no points in the file (empty rows only)", path,
                                      empty_rows[0])
        raise CoordinateFileError("文件为空（没有坐标点）", "the file is empty (no points)", path, 1)
    return rows, empty_rows


def parse_csv(text: str, path: str = "", zone: int | None = None, width: int = 3, datum: str = "CGCS2000",
              xy_order: int = 0) -> CoordinateFile:
    if zone is not None:
        _check_zone(zone, width, path, None, "参数 ZONE", "the ZONE parameter")
    rows, empty_rows = _table_rows(text, path)
    cols = {"pid": 0, "x": 1, "y": 2, "ring": 3 if len(rows[0][1]) >= 4 else None,
            "parcel": 4 if len(rows[0][1]) >= 5 else None}
    first_line, first = rows[0]
    if any(_looks_like_header(c) for c in first[1:3]):
        cols = {k: None for k in cols}
        for j, name in enumerate(first):
            n = name.strip().casefold().replace(" ", "")
            key = _csv_column(n)
            if key is not None and cols[key] is None:
                cols[key] = j
        missing = [k for k in ("x", "y") if cols[k] is None]
        if missing:
            raise CoordinateFileError("表头中找不到 X 或 Y 列（可用：X/纵坐标、Y/横坐标）",
                                      "the header has no X or Y column", path, first_line)
        rows = rows[1:]
        if not rows:
            raise CoordinateFileError("文件只有表头，没有坐标点", "the file has a header but no points", path,
                                      first_line)
    zone_src = _zone_source(zone, False) if zone is not None else None
    by_parcel: dict = {}
    closed_rings = 0
    for i, parts in rows:
        if len(parts) < max(cols["x"], cols["y"]) + 1:
            raise CoordinateFileError(f"此行只有 {len(parts)} 项，缺少坐标", f"only {len(parts)} field(s): a "
                                      "coordinate is missing", path, i)
        a = _num(parts[cols["x"]], "X 坐标", path, i)
        b = _num(parts[cols["y"]], "Y 坐标", path, i)
        ring = parts[cols["ring"]] if cols["ring"] is not None and len(parts) > cols["ring"] and parts[cols["ring"]] \
            else "1"
        parcel = parts[cols["parcel"]] if cols["parcel"] is not None and len(parts) > cols["parcel"] else "1"
        pid = parts[cols["pid"]] if cols["pid"] is not None and len(parts) > cols["pid"] else str(i)
        by_parcel.setdefault(parcel or "1", []).append((i, pid, ring, a, b))
    parcels = []
    zones = set()
    for name, pts in by_parcel.items():
        fixed, closed = _close_open_rings(pts)
        closed_rings += closed
        rings, z = _finish_points(fixed, path, width, zone, xy_order, pts[0][0], zone_src)
        zones.add(z)
        parcel = Parcel(seq=name, name=name, declared_area=None, rings=rings, line=pts[0][0], point_count=len(pts),
                        zone_prefix=z)
        parcels.append(parcel)
    prefixed = zones != {None}
    if None in zones and prefixed:
        raise CoordinateFileError("部分地块横坐标带带号前缀、部分不带", "some parcels have zone-prefixed eastings, others "
                                  "do not", path)
    z = zone if zone else next((x for x in zones if x is not None), None)
    if z is None:
        raise CoordinateFileError("无法确定投影带：横坐标无带号前缀，请指定带号（ZONE）",
                                  "cannot tell the zone: the eastings carry no prefix; give ZONE", path, rows[0][0])
    _check_zone(z, width, path, None)
    warnings = [(f"CSV 文件不含坐标系信息，按{DATUM_ZH.get(datum, datum)}处理",
                 f"a CSV file carries no datum: {datum} assumed")]
    warnings += _list_warnings(empty_rows, closed_rings)
    return CoordinateFile(datum, width, z, prefixed, parcels, warnings, {}, closed_rings)


def _close_open_rings(pts: list) -> tuple[list, int]:
    """Point lists often omit the closing point: each open ring is closed on its first point (counted)."""
    fixed, ringpts, closed = [], {}, 0
    for p in pts:
        ringpts.setdefault(p[2], []).append(p)
    for r, rp in ringpts.items():
        if (rp[0][3], rp[0][4]) != (rp[-1][3], rp[-1][4]):
            rp = rp + [(rp[-1][0], rp[0][1], r, rp[0][3], rp[0][4])]
            closed += 1
        fixed.extend(rp)
    return fixed, closed


def _list_warnings(empty_rows: list, closed_rings: int) -> list:
    out = []
    if empty_rows:
        out.append((f"已跳过 {len(empty_rows)} 个空行（只有分隔符，如 Excel 导出的“,,”；第{empty_rows[0]}行起）",
                    f"skipped {len(empty_rows)} empty row(s) (separators only, e.g. Excel's ',,'; from line "
                    f"{empty_rows[0]})"))
    if closed_rings:
        out.append((f"{closed_rings} 个圈未闭合（末点不同于首点），已按首点闭合", f"{closed_rings} open ring(s) (last "
                    "point differs from the first) closed on their first point"))
    return out


_LONLAT_HEAD = re.compile(r"经度|纬度|东经|北纬|longitude|latitude|\blon\b|\blng\b|\blat\b", re.I)


def _lonlat_column(name: str) -> str | None:
    n = name.strip().casefold().replace(" ", "")
    if "经度" in n or "东经" in n or n in ("lon", "lng", "long", "longitude", "e") or n.startswith("lon"):
        return "lon"
    if "纬度" in n or "北纬" in n or n in ("lat", "latitude", "n") or n.startswith("lat"):
        return "lat"
    return _csv_column(n) if _csv_column(n) not in ("x", "y") else None


def _angle(text: str, path: str, line: int) -> float:
    try:
        return parse_angle(text)[0]
    except InputValueError as exc:
        raise CoordinateFileError(exc.message_zh, exc.message_en, path, line) from None


def _lonlat_columns(rows: list, path: str) -> tuple[dict, list, bool]:
    """Column roles of a 经纬度 list: from a header row (经度/纬度/点号/圈号/地块), else 点号, a, b[, 圈号][, 地块] —
    the order of a and b then comes from their values (in China every latitude is below every longitude)."""
    first_line, first = rows[0]
    if any(_LONLAT_HEAD.search(c) or _lonlat_column(c) in ("pid", "ring", "parcel") for c in first):
        cols = {"pid": None, "lon": None, "lat": None, "ring": None, "parcel": None}
        for j, name in enumerate(first):
            key = _lonlat_column(name)
            if key is not None and cols[key] is None:
                cols[key] = j
        if cols["lon"] is None or cols["lat"] is None:
            raise CoordinateFileError("表头中找不到 经度 或 纬度 列", "the header has no longitude or latitude column",
                                      path, first_line)
        if len(rows) == 1:
            raise CoordinateFileError("文件只有表头，没有坐标点", "the file has a header but no points", path,
                                      first_line)
        return cols, rows[1:], True
    n = len(first)
    if n == 2:
        return {"pid": None, "lon": 0, "lat": 1, "ring": None, "parcel": None}, rows, False
    return {"pid": 0, "lon": 1, "lat": 2, "ring": 3 if n >= 4 else None, "parcel": 4 if n >= 5 else None}, rows, False


def _cell(parts: list, j: int | None) -> str:
    return parts[j] if j is not None and j < len(parts) else ""


def parse_lonlat(text: str, path: str = "", zone: int | None = None, width: int = 3) -> CoordinateFile:
    """A list of corners in 经度/纬度 (decimal degrees or 度分秒, see rules.coordinates.lonlat) → parcels projected to the
    CGCS2000 Gauss-Krüger zone of their longitude (or ZONE), with the 带号 prefix."""
    if zone is not None:
        _check_zone(zone, width, path, None, "参数 ZONE", "the ZONE parameter")
    rows, empty_rows = _table_rows(text, path)
    cols, rows, by_header = _lonlat_columns(rows, path)
    pts = []
    for i, parts in rows:
        need = max(cols["lon"], cols["lat"]) + 1
        if len(parts) < need:
            raise CoordinateFileError(f"此行只有 {len(parts)} 项，缺少经度或纬度", f"only {len(parts)} field(s): a "
                                      "longitude or latitude is missing", path, i)
        lon, lat = _angle(parts[cols["lon"]], path, i), _angle(parts[cols["lat"]], path, i)
        if not by_header and LAT_RANGE[0] <= lon <= LAT_RANGE[1] and LON_RANGE[0] <= lat <= LON_RANGE[1]:
            lon, lat = lat, lon               # 纬度 first: the values say so
        if not LON_RANGE[0] <= lon <= LON_RANGE[1] or not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
            raise CoordinateFileError(f"经度 {lon:.6f}、纬度 {lat:.6f} 不在中国境内（经度 73–136°，纬度 3–54°）",
                                      f"longitude {lon:.6f}, latitude {lat:.6f} are not in China (73–136°E, "
                                      "3–54°N)", path, i)
        pts.append((i, _cell(parts, cols["pid"]) or str(i), _cell(parts, cols["ring"]) or "1",
                    _cell(parts, cols["parcel"]) or "1", lon, lat))
    lons = [p[4] for p in pts]
    z = zone or zone_of((min(lons) + max(lons)) / 2.0, width)
    _check_zone(z, width, path, None)
    zone_src = (_zone_source(zone, False) if zone else (f"经度所在的 {z} 带", f"zone {z} of the longitudes"))
    by_parcel: dict = {}
    for i, pid, ring, parcel, lon, lat in pts:
        e, n = gauss_kruger(lon, lat, z, width, prefixed=True)
        by_parcel.setdefault(parcel, []).append((i, pid, ring, n, e))
    parcels, closed_rings = [], 0
    for name, ppts in by_parcel.items():
        fixed, closed = _close_open_rings(ppts)
        closed_rings += closed
        rings, _z = _finish_points(fixed, path, width, z, 0, ppts[0][0], zone_src)
        parcels.append(Parcel(seq=name, name=name, declared_area=None, rings=rings, line=ppts[0][0],
                              point_count=len(ppts), zone_prefix=z))
    warnings = [("经纬度按 2000国家大地坐标系（CGCS2000）处理，投影到高斯-克吕格 "
                 f"{width} 度带第 {z} 带（中央经线 {central_meridian(z, width):g}°）",
                 f"longitudes/latitudes taken as CGCS2000, projected to Gauss-Krüger {width}° zone {z} (central "
                 f"meridian {central_meridian(z, width):g}°)")]
    off = [lon for lon in lons if zone_of(lon, width) != z]
    if off:
        warnings.append((f"{len(off)} 个点位于第 {z} 带之外，仍按第 {z} 带投影", f"{len(off)} point(s) lie outside zone "
                         f"{z}; projected in zone {z} all the same"))
    warnings += _list_warnings(empty_rows, closed_rings)
    return CoordinateFile("CGCS2000", width, z, True, parcels, warnings, {}, closed_rings)


BAOPAN_DATUMS = {"1": "Beijing54", "北京54": "Beijing54", "2": "Xian80", "西安80": "Xian80", "3": "CGCS2000",
                 "2000": "CGCS2000", "cgcs2000": "CGCS2000"}
_XY_KEY = re.compile(r"XY\s*([0-9]+)", re.I)


def _elev(text: str, what: str, path: str, line: int) -> float:
    """A 标高 such as +1200, -50, 1200m, 1200米."""
    t = unicodedata.normalize("NFKC", str(text)).strip()
    t = re.sub(r"\s*(m|米)$", "", t, flags=re.I)
    return _num(t, what, path, line)


def baopan_datum(value: str) -> str | None:
    """坐标系统= code or name of a 报盘 file → datum (1/北京54, 2/西安80, 3/2000/CGCS2000)."""
    v = unicodedata.normalize("NFKC", value).strip().casefold().replace(" ", "")
    return BAOPAN_DATUMS.get(v) or (datum_from_text(v) if v else None)


def parse_baopan(text: str, path: str = "", zone: int | None = None, xy_order: int = 0) -> CoordinateFile:
    """A 采矿权/探矿权 登记 报盘 text: ``…总行数=N``, ``坐标系统=code``, ``XYnnn=点号,X,Y`` corner lines and an
    ``XYnnn=标高上限,标高下限,,块段号`` line closing each 块段 (closure of the ring is implicit). One parcel (the
    application) with one ring per 块段; the 块段's 标高 range in ``Parcel.blocks``."""
    header: dict = {}
    hline: dict = {}
    blocks: list = []          # [(块段号, top, bottom, [(line, pid, a, b), …], elevation line)]
    pending: list = []
    xy_lines = 0
    last = 0
    for i, raw in enumerate(_lines(text), start=1):
        s = unicodedata.normalize("NFKC", raw).strip().lstrip("\ufeff")
        if not s or s.startswith("#"):
            continue
        last = i
        if s.startswith("[") and s.endswith("]"):
            continue
        if "=" not in s:
            raise CoordinateFileError("报盘文件的每行应为“键=值”（如 XY001=1,X,Y）", "every line of a 报盘 file must be "
                                      "'key=value' (e.g. XY001=1,X,Y)", path, i)
        k, v = (x.strip() for x in s.split("=", 1))
        if not _XY_KEY.fullmatch(k):
            header.setdefault(k, raw.strip().lstrip("\ufeff").split("=", 1)[1].strip())   # names as written
            hline.setdefault(k, i)
            continue
        xy_lines += 1
        parts = [p.strip() for p in re.split(r"[,，]", v)]
        while len(parts) > 4 and parts[-1] == "":
            parts.pop()
        if len(parts) == 4 and parts[2] == "":
            top = _elev(parts[0], "标高上限", path, i)
            bottom = _elev(parts[1], "标高下限", path, i)
            if top < bottom:
                raise CoordinateFileError(f"标高上限 {parts[0]} 低于标高下限 {parts[1]}",
                                          f"the upper elevation {parts[0]} is below the lower one {parts[1]}", path, i)
            no = parts[3] or str(len(blocks) + 1)
            if not pending:
                raise CoordinateFileError(f"块段 {no} 的标高行之前没有拐点", f"block {no}: elevation line without corner "
                                          "points before it", path, i)
            if any(b[0] == no for b in blocks):
                raise CoordinateFileError(f"块段号 {no} 重复", f"block number {no} is used twice", path, i)
            blocks.append((no, top, bottom, pending, i))
            pending = []
            continue
        if len(parts) != 3:
            raise CoordinateFileError(
                f"拐点行应为 3 项（点号,X,Y），标高行应为 4 项（标高上限,标高下限,,块段号），此行有 {len(parts)} 项",
                f"a corner line needs 3 fields (point, X, Y) and an elevation line 4 (upper, lower, , block); this one "
                f"has {len(parts)}", path, i)
        pending.append((i, parts[0], _num(parts[1], "X 坐标", path, i), _num(parts[2], "Y 坐标", path, i)))
    if not xy_lines:
        raise CoordinateFileError("报盘文件中没有 XYnnn= 坐标行", "no XYnnn= coordinate lines in the 报盘 file", path,
                                  last or 1)
    if pending:
        raise CoordinateFileError(
            f"最后 {len(pending)} 个拐点之后缺少标高行（标高上限,标高下限,,块段号），块段未结束",
            f"the last {len(pending)} corner point(s) are not closed by an elevation line (upper, lower, , block)",
            path, pending[-1][0])
    count_key = next((k for k in header if "总行数" in k), None)
    if count_key is not None:
        declared = _int(header[count_key], "总行数", path, hline[count_key])
        if declared != xy_lines:
            raise CoordinateFileError(f"声明“{count_key}={declared}”，实际有 {xy_lines} 行坐标与标高",
                                      f"the file declares {declared} coordinate and elevation lines but has {xy_lines}",
                                      path, hline[count_key])
    warnings = []
    if count_key is None:
        warnings.append(("报盘文件未写“总行数”，未核对行数", "the 报盘 file gives no line count: not checked"))
    dkey = next((k for k in header if k.startswith("坐标系")), None)
    datum = baopan_datum(header[dkey]) if dkey else None
    if datum is None:
        if dkey and header[dkey]:
            raise CoordinateFileError(f"无法识别的坐标系统“{_show(header[dkey])}”（应为 1/北京54、2/西安80、3/2000）",
                                      f"unknown datum code '{_show(header[dkey])}' (1 Beijing54, 2 Xian80, 3 CGCS2000)",
                                      path, hline[dkey])
        datum = "CGCS2000"
        warnings.append(("报盘文件未写坐标系统，按2000国家大地坐标系处理", "no 坐标系统 in the 报盘 file: CGCS2000 assumed"))
    elif datum != "CGCS2000":
        warnings.append((f"坐标系为{DATUM_ZH[datum]}，不是2000国家大地坐标系；输出保留原坐标系",
                         f"the datum is {datum}, not CGCS2000; the output keeps it"))
    # zone width from the first prefix: 3° zones are 25–45, 6° zones 13–23 over China
    first_y = blocks[0][3][0][3] if xy_order == 0 else blocks[0][3][0][2]
    pz, _e = split_easting(first_y, 3)
    width = 6 if pz is not None and ZONE_RANGE[6][0] <= pz <= ZONE_RANGE[6][1] else 3
    points = []
    for no, _t, _b, pts, eline in blocks:
        if len(pts) < 3:
            raise CoordinateFileError(f"块段 {no} 只有 {len(pts)} 个拐点（至少 3 个）", f"block {no} has only {len(pts)} "
                                      "corner point(s) (3 at least)", path, eline)
        ring = [(ln, pid, no, a, b) for ln, pid, a, b in pts]
        if (pts[0][2], pts[0][3]) != (pts[-1][2], pts[-1][3]):
            ring.append((eline, pts[0][1], no, pts[0][2], pts[0][3]))      # implicit closure
        points.extend(ring)
    zone_src = _zone_source(zone, False) if zone is not None else None
    rings_by = {}
    prefix = None
    for no, _t, _b, _pts, _l in blocks:      # keep the file's block order (not numeric sorting)
        r, z = _finish_points([p for p in points if p[2] == no], path, width, zone if zone is not None else prefix,
                              xy_order, blocks[0][3][0][0], zone_src or (
                                  _zone_source(prefix, False) if prefix is not None else None))
        if prefix is not None and z != prefix:
            raise CoordinateFileError(f"块段 {no} 的横坐标带号前缀 {z} 与前面块段的 {prefix} 不一致",
                                      f"block {no}: easting zone prefix {z} differs from {prefix} before", path, _l)
        prefix = z
        rings_by[no] = r[0]
    z = zone if zone is not None else prefix
    if z is None:
        raise CoordinateFileError("无法确定投影带：横坐标无带号前缀，请指定带号（ZONE）",
                                  "cannot tell the zone: the eastings carry no prefix; give ZONE", path,
                                  blocks[0][3][0][0])
    _check_zone(z, width, path, None)
    name_key = next((k for k in ("矿山名称", "项目名称", "勘查项目名称", "探矿权名称", "采矿权名称", "名称") if header.get(k)), None)
    area_key = next((k for k in header if "面积" in k and header[k]), None)
    area, unit = None, ""
    if area_key:
        m = re.search(r"(平方千米|平方公里|km2|km²|公顷|ha|平方米|m2|m²)", area_key + header[area_key], re.I)
        if m:
            unit = {"平方公里": "平方千米", "km2": "平方千米", "km²": "平方千米", "ha": "公顷", "m2": "平方米",
                    "m²": "平方米"}.get(m.group(1).lower(), m.group(1))
        av = re.sub(r"\s*(平方千米|平方公里|km2|km²|公顷|ha|平方米|m2|m²)$", "", header[area_key], flags=re.I)
        area = _num(av, "面积", path, hline[area_key])
    name = header.get(name_key, "") if name_key else ""
    parcel = Parcel(seq="1", name=name or (path.replace("\\", "/").rsplit("/", 1)[-1] if path else "1"),
                    declared_area=area, area_unit=unit, rings=[rings_by[b[0]] for b in blocks], line=blocks[0][3][0][0],
                    point_count=sum(len(b[3]) for b in blocks), zone_prefix=prefix,
                    blocks=[(b[0], b[1], b[2]) for b in blocks], separate_rings=True)
    return CoordinateFile(datum, width, z, prefix is not None, [parcel], warnings, header)


def detect_format(text: str) -> str:
    if re.search(r"^\s*\ufeff?\s*XY\s*[0-9]+\s*=", text, re.M | re.I) or "总行数=" in text.replace(" ", ""):
        return "baopan"
    if "[地块坐标]" in text or "[属性描述]" in text or re.search(r",\s*@\s*$", text, re.M):
        return "bubiao"
    return "lonlat" if _looks_like_lonlat(text) else "csv"


def _looks_like_lonlat(text: str) -> bool:
    """A point list in 经纬度: a 经度/纬度 header, 度分秒 marks, or a first data row whose two coordinates are both
    below 180 (decimal degrees; a projected coordinate is in the hundreds of thousands)."""
    head = "\n".join(x for x in _lines(text[:4000]) if x.strip() and not x.strip().startswith("#"))
    if _LONLAT_HEAD.search(head) or DMS_MARKS.search(head):
        return True
    for line in _lines(text[:4000]):
        cells = [c.strip() for c in re.split(r"[,，\t ]+", line.strip()) if c.strip()]
        if not cells or cells[0].startswith("#"):
            continue
        nums = []
        for c in cells[-4:] if len(cells) > 2 else cells:
            try:
                nums.append(float(c))
            except ValueError:
                pass
        if len(nums) >= 2 and not any(_looks_like_header(c) for c in cells[1:3]):
            big = [v for v in nums if abs(v) >= 180]
            deg = [v for v in nums if 3 <= v <= 136 and not v.is_integer()]
            return not big and len(deg) >= 2
        if not any(_looks_like_header(c) for c in cells):
            return False
    return False


def read_text(path: str) -> str:
    """The text of a coordinate file: UTF-8 (with or without BOM), GBK/GB18030, or UTF-16 with a BOM
    (Excel's "Unicode text"). Refuses folders, devices, binary files and files over ``MAX_FILE_BYTES``
    with a bilingual error; reads at most that much; never writes."""
    too_big = CoordinateFileError(f"文件过大（超过 {MAX_FILE_BYTES // 1048576} MB），不是坐标文件？",
                                  f"file too large (over {MAX_FILE_BYTES // 1048576} MB): not a coordinate file?",
                                  path)
    data = read_limited(path, MAX_FILE_BYTES, CoordinateFileError, "坐标文件", "coordinate file",
                        too_large=lambda size: too_big)
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data:
        raise CoordinateFileError("不是文本文件（含 NUL 字节）：二进制文件，或无 BOM 的 UTF-16？请另存为 UTF-8 或 GBK",
                                  "not a text file (NUL bytes): binary, or UTF-16 without BOM? Save it as UTF-8 or GBK",
                                  path)
    else:
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    if text is None or "\x00" in text:
        raise CoordinateFileError("无法识别的文本编码（应为 UTF-8 或 GBK）", "unknown text encoding (use UTF-8 or GBK)",
                                  path)
    return text.lstrip("\ufeff").rstrip("\x1a")          # BOM; the DOS end-of-file mark of old survey tools


def parse_file(path: str, fmt: str = "auto", zone: int | None = None, width: int = 3, xy_order: int = 0):
    """Read and parse a coordinate file. ``zone`` (the ZONE parameter, None = from the file) is used when
    the file gives none and must agree with it otherwise; ``width`` applies to CSV files."""
    text = read_text(path)
    kind = detect_format(text) if fmt == "auto" else fmt
    if kind == "bubiao":
        return parse_bubiao(text, path, xy_order, zone)
    if kind == "baopan":
        return parse_baopan(text, path, zone, xy_order)
    if kind == "lonlat":
        return parse_lonlat(text, path, zone, width)
    return parse_csv(text, path, zone, width, "CGCS2000", xy_order)


AREA_UNITS = {"公顷": 1e4, "平方千米": 1e6, "平方米": 1.0, "亩": 10000.0 / 15.0}


def declared_unit(declared: float, planar_m2: float, unit: str = "auto") -> tuple[str, float]:
    """Unit of a declared area (auto = the one that makes it closest to the computed area) and the
    declared area in m²."""
    if unit != "auto":
        return unit, declared * AREA_UNITS[unit]
    best = min(AREA_UNITS, key=lambda u: abs(declared * AREA_UNITS[u] - planar_m2) if planar_m2 > 0 else 0)
    return best, declared * AREA_UNITS[best]
