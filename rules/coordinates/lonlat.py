"""Longitude/latitude in decimal degrees or 度分秒, and their Gauss-Krüger projection on CGCS2000 (pure Python).

Applications for exploration rights and old registers give corners as 经纬度 — ``111°05′30.5″``, ``111度05分30.5秒``,
``E111:05:30.5``, the compact ``1110530.50`` (DDDMMSS.ss) of registration software, or decimal degrees
``111.091806``. :func:`parse_angle` reads them all; :func:`gauss_kruger` projects a point to the zone's
northing/easting with the Krüger series to the 8th order in n (Karney 2011), which is far below a millimetre inside a
3° or 6° zone — the same figures as QGIS/PROJ's ``+proj=tmerc`` (tests/test_lonlat.py checks it against QGIS).
"""
from __future__ import annotations

import math
import re

from ..model.errors import InputValueError

# CGCS2000 ellipsoid (GB/T 2000 国家大地坐标系): a and 1/f
CGCS2000_A = 6378137.0
CGCS2000_F = 1.0 / 298.257222101
LON_RANGE = (73.0, 136.0)      # China's territory: outside it a "longitude" is a typo or another column
LAT_RANGE = (3.0, 54.0)

_HEMI = re.compile(r"^(?:东经|北纬|西经|南纬|[ENWSenws])\s*|\s*(?:[ENWSenws])$")
_DMS = re.compile(r"^(\d{1,3})\s*(?:°|º|˚|度|:|\s)\s*(\d{1,2})\s*(?:′|'|’|‘|分|:|\s)?\s*"
                  r"(?:(\d{1,2}(?:\.\d+)?)\s*(?:″|\"|”|“|''|′′|秒)?)?$")
_DM = re.compile(r"^(\d{1,3})\s*(?:°|º|˚|度)\s*(\d{1,2}(?:\.\d+)?)\s*(?:′|'|’|分)?$")
_DEG = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*(?:°|º|˚|度)?$")
_COMPACT = re.compile(r"^(\d{2,3})(\d{2})(\d{2}(?:\.\d+)?)$")
# 度分秒 as written in a file: a degree sign followed by minutes, or minutes/seconds marks after digits — not a stray
# quote after a number ("J,1" in a quoted CSV cell)
DMS_MARKS = re.compile(r"\d\s*[°º˚度]\s*\d|\d\s*[′分]\s*\d|\d\s*[″秒]|\d\s*'\s*\d{1,2}(?:\.\d+)?\s*(?:\"|'')")


class AngleError(InputValueError):
    pass


def parse_angle(text: str) -> tuple[float, str]:
    """(decimal degrees, how it was written: "dms" | "dm" | "deg" | "compact") of one 经度 or 纬度 cell.
    Minutes and seconds must be below 60; west/south hemispheres are refused (not Chinese territory)."""
    raw = str(text).strip()
    s = raw.replace("，", ",").replace("\u3000", " ")
    hemi = _HEMI.search(s)
    if hemi and hemi.group(0).strip() in ("西经", "南纬", "W", "w", "S", "s"):
        raise AngleError(f"“{raw}”为西经或南纬，不在中国境内", f"'{raw}' is west or south: not in China")
    s = _HEMI.sub("", s).strip()
    for pattern, kind in ((_DEG, "deg"), (_DMS, "dms"), (_DM, "dm"), (_COMPACT, "compact")):
        m = pattern.match(s)
        if not m:
            continue
        if kind == "deg":
            value = float(m.group(1))
            if value >= 360:
                continue                      # 1110530.50 is DDDMMSS (compact), not degrees
            return value, kind
        deg, minutes = float(m.group(1)), float(m.group(2))
        sec = float(m.group(3)) if m.lastindex >= 3 and m.group(3) else 0.0
        if minutes >= 60 or sec >= 60:
            raise AngleError(f"“{raw}”：分、秒须小于 60", f"'{raw}': minutes and seconds must be below 60")
        return deg + minutes / 60.0 + sec / 3600.0, kind
    raise AngleError(f"无法识别的经纬度“{raw}”（可用 111.0918、111°05′30.5″、111度05分30.5秒、1110530.5）",
                     f"unreadable longitude/latitude '{raw}' (use 111.0918, 111°05′30.5″, 111度05分30.5秒 or "
                     f"1110530.5)")


def zone_of(lon: float, width: int = 3) -> int:
    """The Gauss-Krüger zone number of a longitude: 3° zones are centred on 3n°, 6° zones on 6n−3°."""
    return int(math.floor(lon / 3.0 + 0.5)) if width == 3 else int(math.floor(lon / 6.0)) + 1


def central_meridian(zone: int, width: int = 3) -> float:
    return 3.0 * zone if width == 3 else 6.0 * zone - 3.0


def _kruger_alpha(n: float) -> list:
    """Karney (2011) eq. 35, to n⁶ (the terms beyond are below 1e-12 m at Earth's flattening)."""
    n2, n3, n4, n5, n6 = n * n, n ** 3, n ** 4, n ** 5, n ** 6
    return [
        n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
        13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1983433 * n6 / 1935360,
        61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167603 * n6 / 181440,
        49561 * n4 / 161280 - 179 * n5 / 168 + 6601661 * n6 / 7257600,
        34729 * n5 / 80640 - 3418889 * n6 / 1995840,
        212378941 * n6 / 319334400,
    ]


_N = CGCS2000_F / (2.0 - CGCS2000_F)
_A = CGCS2000_A / (1.0 + _N) * (1.0 + _N ** 2 / 4.0 + _N ** 4 / 64.0 + _N ** 6 / 256.0)
_ALPHA = _kruger_alpha(_N)
_E = math.sqrt(CGCS2000_F * (2.0 - CGCS2000_F))


def gauss_kruger(lon: float, lat: float, zone: int, width: int = 3, prefixed: bool = True) -> tuple[float, float]:
    """(easting, northing) in metres on CGCS2000, scale 1 on the central meridian, false easting 500 km
    (plus zone × 1,000 km when ``prefixed``, the 带号 prefix)."""
    phi, dlam = math.radians(lat), math.radians(lon - central_meridian(zone, width))
    t = math.sinh(math.atanh(math.sin(phi)) - _E * math.atanh(_E * math.sin(phi)))
    xi_p = math.atan2(t, math.cos(dlam))
    eta_p = math.atanh(math.sin(dlam) / math.sqrt(1.0 + t * t))
    xi, eta = xi_p, eta_p
    for j, a in enumerate(_ALPHA, start=1):
        xi += a * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
        eta += a * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
    easting = 500000.0 + _A * eta + (zone * 1e6 if prefixed else 0.0)
    return easting, _A * xi


__all__ = ["AngleError", "DMS_MARKS", "LAT_RANGE", "LON_RANGE", "central_meridian", "gauss_kruger", "parse_angle",
           "zone_of"]
