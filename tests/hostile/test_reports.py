"""Report paths that a user may well choose (issue #11 item 11: image links were not URL-encoded, so a ``#``
in the report's name broke every map): '#', '%', spaces, Chinese and a '?' in the name; the HTML's picture
links resolve, the PDF carries every map; indicator input problems are listed in the report."""
from __future__ import annotations

import os
import re
import urllib.parse

import pytest
from hostile.makers import CONTROLS, PROPOSED, RIGHTS, ZONES, memory_layer, run, save, vector

pytestmark = pytest.mark.slow

FEW = "\"app_no\" IN ('SQ2025-01','SQ2025-14','SQ2025-17')"


def _few(tmp_path):
    src = vector(PROPOSED)
    src.setSubsetString(FEW)
    return save(src, tmp_path / "few.gpkg", layer_name="few")


@pytest.mark.parametrize("name", ["审查 #1 报告", "review%20x", "a?b c", "灵宝市（2025）第3号"])
def test_picture_links_resolve_whatever_the_report_name(processing, tmp_path, name, outcome):
    out = tmp_path / "out"
    res, _ = run(processing, "compliancereview", {"PROPOSED": _few(tmp_path), **CONTROLS, **ZONES,
                                                  "OUTPUT": str(out / "o.gpkg"), "REPORT_HTML": str(out / f"{name}.html"),
                                                  "REPORT_PDF": str(out / f"{name}.pdf")})
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    srcs = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(srcs) == 3
    for s in srcs:
        assert "#" not in s and "?" not in s
        assert os.path.isfile(out / urllib.parse.unquote(s)), s
    pdf = (out / f"{name}.pdf").read_bytes()
    assert pdf.count(b"/Subtype /Image") >= 3
    assert sorted(os.listdir(out)) == sorted(["o.gpkg", f"{name}.html", f"{name}.pdf", f"{name}_files"])
    outcome("correct")


def test_indicator_problems_are_in_the_report(processing, tmp_path, outcome):
    src = vector(RIGHTS["MINING_RIGHTS"])
    names = [n for n in src.fields().names() if n != "fid"]
    spec = [(n, "str") if n in ("output",) or src.fields().field(n).type() == 10 else (n, "double") for n in names]
    rows = [(f.geometry().asWkt(), [str(f[n]) if n == "output" else f[n] for n in names]) for f in src.getFeatures()]
    gold = [r for r in rows if r[1][names.index("mineral")] == "金矿"]
    gold[0][1][names.index("output")] = "-500"
    rights = save(memory_layer("MultiPolygon", "EPSG:4546", spec, rows), tmp_path / "r.gpkg", layer_name="r")
    out = tmp_path / "out"
    run(processing, "compliancereview", {"PROPOSED": _few(tmp_path), **CONTROLS, **ZONES, "MINING_RIGHTS": rights,
                                         "REPORT_LANGUAGE": 1, "OUTPUT": str(out / "o.gpkg"),
                                         "REPORT_HTML": str(out / "r.html")})
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "产量 -500 为负数" in html and "不完整" in html
    outcome("skip")
