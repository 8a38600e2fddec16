"""Hostile 拐点坐标 files (issue #11 items 9 and 11): every malformed number is a bilingual error with file and
line, a header-only file is "no points", Excel's ",," rows are skipped and counted, odd encodings and line
ends are read correctly, and nothing is written when the import fails."""
from __future__ import annotations

import os
import threading
import time

import pytest

from mineplan.rules.coordinates.parse import MAX_FILE_BYTES, CoordinateFileError, parse_file

HEADER = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n带号=37\n[地块坐标]\n"
RECORD = "5,64.0000,1,灵宝市甲金矿,面,,采矿用地,,@\n"
POINTS = ("J1,1,3812000,37486000\nJ2,1,3812000,37486800\nJ3,1,3812800,37486800\nJ4,1,3812800,37486000\n"
          "J1,1,3812000,37486000\n")
GOOD = HEADER + RECORD + POINTS          # line 3 几度分带, 5 带号, 6 [地块坐标], 7 parcel record, 8–12 points
CSV = "点号,X,Y\nJ1,3812000,37486000\nJ2,3812000,37486800\nJ3,3812800,37486800\nJ4,3812800,37486000\n"

# field → (how to put a value there, line, Chinese name, English name)
FIELDS = {
    "界址点数": (lambda v: GOOD.replace("5,64.0000,", f"{v},64.0000,"), 7, "界址点数", "point count"),
    "带号": (lambda v: GOOD.replace("带号=37", f"带号={v}"), 5, "带号", "zone"),
    "几度分带": (lambda v: GOOD.replace("几度分带=3", f"几度分带={v}"), 3, "几度分带", "zone width"),
    "地块面积": (lambda v: GOOD.replace("5,64.0000,", f"5,{v},"), 7, "地块面积", "parcel area"),
    "X": (lambda v: GOOD.replace("J2,1,3812000,", f"J2,1,{v},"), 9, "X 坐标", "X coordinate"),
    "Y": (lambda v: GOOD.replace("J2,1,3812000,37486800", f"J2,1,3812000,{v}"), 9, "Y 坐标", "Y coordinate"),
    "CSV-X": (lambda v: CSV.replace("J2,3812000,", f"J2,{v},"), 3, "X 坐标", "X coordinate"),
    "CSV-Y": (lambda v: CSV.replace("J2,3812000,37486800", f"J2,3812000,{v}"), 3, "Y 坐标", "Y coordinate"),
}
MALFORMED = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e400", "-1e400", "abc", "1_000", "0x10", "1.2.3",
             "３８１２ｘ"]
NUMBER_CASES = [(f, v) for f in FIELDS for v in MALFORMED]


def write(tmp_path, content, name="coords.txt") -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8", newline="")
    return str(p)


def expect_error(path, words, line=None, **kw) -> str:
    t0 = time.perf_counter()
    with pytest.raises(CoordinateFileError) as exc:
        parse_file(path, **kw)
    assert time.perf_counter() - t0 < 10.0     # a hang guard, not a speed test
    msg = str(exc.value)
    zh, _, en = msg.partition(" / ")
    assert zh and en, msg                                # bilingual
    assert path in zh and path in en, msg                # names the file
    for w in words:
        assert w in msg, (w, msg)
    if line is not None:
        assert exc.value.line == line and f"第{line}行" in zh and f"line {line}" in en, msg
    return msg


@pytest.mark.parametrize("field,value", NUMBER_CASES, ids=[f"{f}={v}" for f, v in NUMBER_CASES])
def test_malformed_number_is_an_error_with_its_line(tmp_path, untouched, field, value):
    make, line, zh, en = FIELDS[field]
    name = "c.csv" if field.startswith("CSV") else "c.txt"
    path = untouched(write(tmp_path, make(value), name))
    expect_error(path, [zh, en], line)


@pytest.mark.parametrize("field,value,words,line", [
    ("界址点数", "", ["界址点数为空", "point count is empty"], 7),
    ("几度分带", "", ["几度分带为空", "zone width is empty"], 3),
    ("X", "", ["X 坐标为空"], 9),
    ("CSV-Y", "", ["缺少坐标", "coordinate is missing"], 3),      # a trailing empty cell is padding
    ("界址点数", "5.5", ["应为整数", "whole number"], 7),
    ("带号", "37.5", ["应为整数"], 5),
    ("几度分带", "3.5", ["应为整数"], 3),
    ("地块面积", "-64", ["为负数", "negative"], 7),
    ("X", "1e300", ["纵坐标", "northing"], 9),
    ("Y", "-486800", ["横坐标", "easting"], 9),
])
def test_other_bad_numbers(tmp_path, untouched, field, value, words, line):
    make = FIELDS[field][0]
    path = untouched(write(tmp_path, make(value), "c.csv" if field.startswith("CSV") else "c.txt"))
    expect_error(path, words, line)


# ---- odd but legitimate input: read correctly ----------------------------------------------------------
def _gbk(text):
    return text.encode("gbk")


OK_CASES = [
    # id, content, kwargs, (epsg, parcels, declared area of the first, warnings that must appear)
    ("full-width-zone", GOOD.replace("带号=37", "带号=３７"), {}, (4525, 1, 64.0, [])),
    ("empty-zone-uses-prefix", GOOD.replace("带号=37", "带号="), {}, (4525, 1, 64.0, [])),
    ("empty-area-is-no-area", GOOD.replace("5,64.0000,", "5,,"), {}, (4525, 1, None, [])),
    ("whole-float-count", GOOD.replace("5,64.0000,", "5.0,64.0000,"), {}, (4525, 1, 64.0, [])),
    ("zone-param-agrees", GOOD, {"zone": 37}, (4525, 1, 64.0, [])),
    ("zone-param-for-plain-eastings", GOOD.replace("带号=37\n", "").replace(",37486", ",486"), {"zone": 37},
     (4546, 1, 64.0, [])),
    ("same-header-key-twice", GOOD.replace("带号=37", "带号=37\n带号=37"), {}, (4525, 1, 64.0, [])),
    ("gbk-no-bom", _gbk(GOOD), {}, (4525, 1, 64.0, [])),
    ("utf8-bom", b"\xef\xbb\xbf" + GOOD.encode("utf-8"), {}, (4525, 1, 64.0, [])),
    ("crlf", GOOD.replace("\n", "\r\n"), {}, (4525, 1, 64.0, [])),
    ("cr-only-old-mac", GOOD.replace("\n", "\r"), {}, (4525, 1, 64.0, [])),
    ("tabs-and-spaces-around-fields", GOOD.replace("J2,1,3812000,37486800", "J2 ,\t1,\t3812000 ,\t37486800\t"), {},
     (4525, 1, 64.0, [])),
    ("dos-eof-mark", GOOD + "\x1a", {}, (4525, 1, 64.0, [])),
    ("odd-ring-labels", GOOD.replace(",1,38", ",²,38"), {}, (4525, 1, 64.0, [])),
    ("csv-excel-trailing-empty-rows", CSV + ",,\n,,\n", {}, (4525, 1, None, ["已跳过 2 个空行", "skipped 2 empty"])),
    ("csv-excel-crlf-bom-trailing", "\ufeff" + (CSV.replace("\n", ",,\n") + ",,\n,,\n,,\n").replace("\n", "\r\n"), {},
     (4525, 1, None, ["已跳过 3 个空行"])),
    ("csv-gb18030-header", _gbk(CSV.replace("点号,X,Y", "界址点号,X坐标(北),Y坐标(东)")), {}, (4525, 1, None, [])),
    ("csv-utf16-excel-unicode-text", CSV.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"), {},
     (4525, 1, None, [])),
    ("csv-tabs", CSV.replace(",", "\t"), {}, (4525, 1, None, ["CGCS2000 assumed"])),
    ("csv-quoted-name-with-comma", CSV.replace("J1,", '"J,1",'), {}, (4525, 1, None, [])),
]


@pytest.mark.parametrize("case_id,content,kw,expected", OK_CASES, ids=[c[0] for c in OK_CASES])
def test_odd_but_legitimate_files_read_correctly(tmp_path, untouched, case_id, content, kw, expected):
    epsg, n, area, warn_words = expected
    name = "c.csv" if case_id.startswith("csv") else "c.txt"
    path = untouched(write(tmp_path, content, name))
    cf = parse_file(path, **kw)
    assert cf.epsg == epsg and len(cf.parcels) == n
    p = cf.parcels[0]
    assert p.declared_area == area
    assert abs(p.planar_area() - 640000.0) < 1e-6          # 800 × 800 m in every variant
    if case_id == "gbk-no-bom":
        assert p.name == "灵宝市甲金矿"
    warnings = " ".join(f"{zh} / {en}" for zh, en in cf.warnings)
    for w in warn_words:
        assert w in warnings, warnings


# ---- malformed files: a clear error --------------------------------------------------------------------
ERROR_CASES = [
    ("header-only", HEADER, {}, ["没有坐标点", "no points"], 6),
    ("header-without-section", HEADER.replace("[地块坐标]\n", ""), {}, ["没有坐标点", "no points"], 5),
    ("csv-header-only", "点号,X,Y\n", {}, ["没有坐标点", "no points"], 1),
    ("csv-header-and-empty-rows", "点号,X,Y\r\n,,\r\n,,\r\n", {}, ["没有坐标点", "no points"], 1),
    ("csv-empty-rows-only", ",,\n,,\n", {}, ["没有坐标点", "no points"], 1),
    ("empty-file", "", {}, ["文件为空"], 1),
    ("blank-lines-only", "\n \n\t\n", {}, ["文件为空"], 1),
    ("zone-param-vs-header", GOOD, {"zone": 38}, ["参数 ZONE=38", "带号=37", "ZONE parameter 38"], 5),
    ("zone-param-vs-prefix-no-header-zone", GOOD.replace("带号=37\n", ""), {"zone": 38},
     ["横坐标带号前缀 37", "参数 ZONE=38", "the ZONE parameter 38"], 7),
    ("header-zone-vs-prefix", GOOD.replace("带号=37", "带号=38"), {}, ["带号前缀 37", "文件头“带号=38”"], 8),
    ("header-key-twice-differently", GOOD.replace("带号=37", "带号=37\n带号=38"), {}, ["写了两次", "twice"], 6),
    ("csv-zone-param-vs-prefix", CSV, {"zone": 38}, ["横坐标带号前缀 37", "参数 ZONE=38"], 2),
    ("csv-zone-param-out-of-range", CSV, {"zone": 60}, ["参数 ZONE 60"], None),
    ("csv-nan-in-first-row-is-no-header", "J1,nan,37486000\nJ2,3812000,37486800\n", {}, ["X 坐标“nan”"], 1),
    ("csv-cell-over-128KB", "J1," + "1" * 200_000 + ",37486000\n", {}, ["CSV"], 1),
    ("cr-only-error-line", GOOD.replace("J3,1,3812800,", "J3,1,nan,").replace("\n", "\r"), {}, ["X 坐标"], 10),
    ("form-feed-keeps-line-numbers", GOOD.replace("灵宝市甲金矿", "灵宝\x0c金矿").replace("J3,1,3812800,", "J3,1,x,"),
     {}, ["X 坐标"], 10),
    ("utf16-without-bom", CSV.encode("utf-16-le"), {}, ["NUL"], None),
    ("binary-png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, {}, ["不是文本文件"], None),
]


PARAMETER_CLASHES = {"zone-param-vs-prefix-no-header-zone", "csv-zone-param-vs-prefix", "csv-zone-param-out-of-range"}


@pytest.mark.parametrize("case_id,content,kw,words,line", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_malformed_file_is_a_clear_error(tmp_path, untouched, case_id, content, kw, words, line):
    name = "c.csv" if case_id.startswith("csv") else "c.txt"
    path = untouched(write(tmp_path, content, name))
    msg = expect_error(path, words, line, **kw)
    if case_id in PARAMETER_CLASHES:
        assert "文件头" not in msg and "header" not in msg   # the clash is with the parameter, not the header


def test_zone_param_blame_is_right(tmp_path):
    """Issue #11: a ZONE parameter clash was blamed on the file header."""
    msg = expect_error(write(tmp_path, CSV, "c.csv"), ["参数 ZONE=38"], zone=38)
    assert "文件头" not in msg and "header" not in msg


def test_too_many_rings_is_refused_fast(tmp_path):
    rows = ["点号,X,Y,圈号"]
    for r in range(1, 1202):
        x, y = 3812000 + 10 * (r % 30), 37486000 + 10 * (r // 30)
        rows += [f"J{r}a,{x},{y},{r}", f"J{r}b,{x},{y + 5},{r}", f"J{r}c,{x + 5},{y + 5},{r}"]
    path = write(tmp_path, "\n".join(rows) + "\n", "rings.csv")
    expect_error(path, ["超过上限 1000", "more than 1000"])


def test_many_rings_under_the_limit_group_fast(tmp_path):
    """900 disjoint rings: the hole/island grouping stays fast (bounding boxes first)."""
    rows = ["点号,X,Y,圈号"]
    for r in range(1, 901):
        x, y = 3812000 + 20 * (r % 30), 37486000 + 20 * (r // 30)
        rows += [f"J{r}a,{x},{y},{r}", f"J{r}b,{x},{y + 5},{r}", f"J{r}c,{x + 5},{y + 5},{r}"]
    path = write(tmp_path, "\n".join(rows) + "\n", "rings.csv")
    t0 = time.perf_counter()
    cf = parse_file(path)
    assert len(cf.parcels[0].polygons) == 900 and time.perf_counter() - t0 < 20     # hang guard


def test_huge_ring_label_does_not_crash(tmp_path):
    path = write(tmp_path, GOOD.replace(",1,38", "," + "9" * 5000 + ",38"))
    cf = parse_file(path)
    assert len(cf.parcels[0].rings) == 1


def test_huge_file_refused_by_size_without_reading(tmp_path, untouched):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
        fh.truncate(MAX_FILE_BYTES + 1)
    untouched(p)
    t0 = time.perf_counter()
    expect_error(str(p), ["文件过大", "file too large"])
    assert time.perf_counter() - t0 < 5.0      # refused by size: never read


@pytest.mark.parametrize("kind", ["folder", "device", "fifo", "missing"])
def test_not_a_regular_file(tmp_path, kind):
    if kind == "fifo":
        path = str(tmp_path / "pipe.txt")
        os.mkfifo(path)
    else:
        path = {"folder": str(tmp_path), "device": os.devnull, "missing": str(tmp_path / "nope.txt")}[kind]
    words = {"folder": "文件夹", "device": "不是普通文件", "fifo": "不是普通文件", "missing": "文件不存在"}[kind]
    result = {}

    def run():
        try:
            parse_file(path)
        except CoordinateFileError as exc:
            result["msg"] = str(exc)
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    if kind == "fifo" and t.is_alive():
        with open(path, "w"):
            pass
    assert not t.is_alive(), "the reader blocked"
    assert words in result["msg"] and " / " in result["msg"]


# ---- through the processing algorithm: a QgsProcessingException, and no output ---------------------------
@pytest.mark.parametrize("case_id,content,params,words", [
    ("count-nan", GOOD.replace("5,64.0000,", "nan,64.0000,"), {}, ["第7行", "line 7", "界址点数"]),
    ("area-nan-not-null", GOOD.replace("5,64.0000,", "5,nan,"), {}, ["第7行", "地块面积", "parcel area"]),
    ("zone-1e400", GOOD.replace("带号=37", "带号=1e400"), {}, ["第5行", "带号"]),
    ("csv-header-only", "点号,X,Y\n", {}, ["没有坐标点", "no points"]),
    ("zone-param-clash", GOOD, {"ZONE": 38}, ["参数 ZONE=38", "带号=37"]),
    ("tolerance-nan", GOOD, {"AREA_TOLERANCE": float("nan")}, ["AREA_TOLERANCE", "finite"]),
])
def test_processing_refuses_and_writes_nothing(processing, tmp_path, untouched, case_id, content, params, words):
    from conftest import run_alg
    from qgis.core import QgsProcessingException
    src = untouched(write(tmp_path, content, "c.csv" if case_id.startswith("csv") else "c.txt"))
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:importcoordinates", {"INPUT": src, "OUTPUT": str(out), **params})
    msg = str(exc.value)
    assert "Traceback" not in msg
    for w in words:
        assert w in msg, msg
    assert not out.exists()


@pytest.mark.parametrize("case_id,content,count", [
    ("csv-excel-trailing-empty-rows", CSV + ",,\n,,\n", 1),
    ("gbk-no-bom", _gbk(GOOD), 1),
    ("utf16-excel", CSV.replace(",", "\t").encode("utf-16"), 1),
])
def test_processing_reads_odd_files(processing, tmp_path, untouched, case_id, content, count):
    from conftest import run_alg
    src = untouched(write(tmp_path, content, "c.csv" if case_id != "gbk-no-bom" else "c.txt"))
    res, layers = run_alg(processing, "mineplan:importcoordinates", {"INPUT": src, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["PARCEL_COUNT"] == count and res["CRS"] == "EPSG:4525"
    f = next(layers["OUTPUT"].getFeatures())
    assert abs(f["area_planar_m2"] - 640000.0) < 1e-3
