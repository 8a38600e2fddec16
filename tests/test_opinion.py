"""One 审查意见书 per application (contract C): files per application × format, 文号 in application order, the
date, the 拐点坐标 table equal to the geometry's vertices, nothing inferred and no tool footer in the signed part
(PDF via pdftotext, ODT via content.xml), the gridded 附图, a bureau's template, clear errors."""
import os
import re
import subprocess
import zipfile

import pytest
from conftest import run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

pytestmark = pytest.mark.slow
APPS = ("SQ2025-01", "SQ2025-16", "SQ2025-27", "SQ2025-33")     # SQ2025-27 has no geometry, SQ2025-33 two 块段
SUBSET = "\"app_no\" IN ('SQ2025-01', 'SQ2025-16', 'SQ2025-27', 'SQ2025-33')"
ANNEX = "附件：审查说明"


def proposed():
    return sample_layer("proposed_rights") + "|subset=" + SUBSET


def review(processing, folder, **extra):
    params = {"PROPOSED": proposed(), **CONTROLS, **ZONES, "OUTPUT": "TEMPORARY_OUTPUT",
              "REPORT_LANGUAGE": 1, "OPINIONS_FOLDER": str(folder), **extra}
    return run_alg(processing, "mineplan:compliancereview", params)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def odt_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("content.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml.replace("<text:tab/>", " ").replace("</text:p>", "\n"))


def vertices():
    """The sample's parcels read with OGR directly (an oracle apart from the plugin): app_no → [[(X, Y)]]."""
    from conftest import SAMPLE
    from osgeo import ogr
    ds = ogr.Open(SAMPLE)
    lyr = ds.GetLayerByName("proposed_rights")
    out = {}
    for f in lyr:
        if f.GetField("app_no") not in APPS:
            continue
        g = f.GetGeometryRef()
        parts = []
        for i in range(g.GetGeometryCount() if g is not None else 0):
            ring = g.GetGeometryRef(i).GetGeometryRef(0)
            pts = [(ring.GetY(k), ring.GetX(k)) for k in range(ring.GetPointCount())]
            parts.append(pts[:-1] if pts[0] == pts[-1] else pts)
        out[f.GetField("app_no")] = parts
    return out


@pytest.fixture(scope="module")
def opinions(processing, tmp_path_factory):
    folder = tmp_path_factory.mktemp("opinions") / "out"
    res, _ = review(processing, folder, DOC_NUMBER_PATTERN="灵自然资审〔{year}〕{seq}号", DOC_START_SEQ=7,
                    DOC_DATE="2026-12-05", OPINION_FORMATS=[0, 1, 2], REVIEW_UNIT="灵宝市自然资源和规划局")
    return res, folder


def test_one_file_per_application_and_format(opinions):
    res, folder = opinions
    files = sorted(p for p in os.listdir(folder) if not os.path.isdir(folder / p))
    assert res["OPINION_FILES"] == len(APPS) * 3 == len(files)
    assert files == sorted(f"{a}_审查意见书.{ext}" for a in APPS for ext in ("pdf", "odt", "html"))
    assert sorted(p for p in os.listdir(folder) if os.path.isdir(folder / p)) == [f"{a}_审查意见书_files" for a in APPS]


def test_number_sequence_date_and_signature(opinions):
    _, folder = opinions
    for seq, app in enumerate(APPS, start=7):             # application order = the layer's order
        text = pdf_text(folder / f"{app}_审查意见书.pdf")
        assert f"灵自然资审〔2026〕{seq}号" in text
        assert "2026年12月5日" in text and "灵宝市自然资源和规划局" in text
        odt = odt_text(folder / f"{app}_审查意见书.odt")
        assert f"灵自然资审〔2026〕{seq}号" in odt and "2026年12月5日" in odt


def test_coordinate_table_is_the_geometry(opinions):
    _, folder = opinions
    for app, parts in vertices().items():
        html = (folder / f"{app}_审查意见书.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr><td align="center">(\d+)</td><td align="right">([\d.]+)</td>'
                          r'<td align="right">([\d.]+)</td></tr>', html)
        expected = [(str(i), f"{x:.2f}", f"{y:.2f}") for part in parts for i, (x, y) in enumerate(part, 1)]
        assert rows == expected, app
        if not parts:
            assert "该申请没有可用的范围图形" in html
            continue
        assert len(rows) >= 4
        assert html.count("块段 ") == (len(parts) if len(parts) > 1 else 0)
        # the PDF shows the same figures
        text = pdf_text(folder / f"{app}_审查意见书.pdf")
        assert all(x in text and y in text for _, x, y in expected)


def test_signed_part_has_no_interpretation_and_no_tool_footer(opinions):
    _, folder = opinions
    seen_notes = 0
    for app in APPS:
        for text in (pdf_text(folder / f"{app}_审查意见书.pdf"), odt_text(folder / f"{app}_审查意见书.odt")):
            assert text.count(ANNEX) == 1, app
            signed, annex = text.split(ANNEX)
            for word in ("解释：", "解释，", "指标值据公告摘要", "未经原文核实", "规划外依据", "MinePlan", "生成", "取自字段"):
                assert word not in signed, (app, word)
            assert "MinePlan Review" in annex
            seen_notes += annex.count("解释") + annex.count("指标值据公告摘要")
    assert seen_notes > 0           # the notes went to the annex, not away


def test_conclusion_wording_per_verdict(opinions, processing):
    res, folder = opinions
    from mineplan.rules.model.vocab import OPINION_CONCLUSIONS
    _, layers = review(processing, folder.parent / "again", OPINION_FORMATS=[2], DOC_DATE="2026-12-05")
    assert sorted(f["verdict"] for f in layers["OUTPUT"].getFeatures()) == sorted(
        (res["FAIL_COUNT"] * ["不符合"]) + (res["ARGUE_COUNT"] * ["需论证"]) + (res["OK_COUNT"] * ["符合"]))
    verdicts = {f["app_no"]: f["verdict"] for f in layers["OUTPUT"].getFeatures()}
    for app in APPS:
        html = (folder / f"{app}_审查意见书.html").read_text(encoding="utf-8")
        lead = re.split(r"[《（]", OPINION_CONCLUSIONS[verdicts[app]][0])[0]
        assert lead in html.split(ANNEX)[0].split("四、审查结论")[1], app


def test_map_has_a_coordinate_grid(qgis_app, tmp_path):
    """render_feature_map(grid=True): lines at round values of the GK projection, labelled X/Y (computed here)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
    from qgis.PyQt.QtGui import QImage

    from mineplan.core.report.mapimage import grid_interval, render_feature_map
    g = QgsGeometry.fromWkt("POLYGON((37499000 3823000, 37500200 3823000, 37500200 3823900, 37499000 3823900, "
                            "37499000 3823000))")
    crs = QgsCoordinateReferenceSystem("EPSG:4527")          # CGCS2000 3° zone 37 (zone prefix in Y)
    info = render_feature_map(g, crs, [], str(tmp_path / "m.png"), grid=True)
    grid = info["grid"]
    assert grid["crs"] == "EPSG:4527" and grid["step"] in (500.0, 1000.0)
    assert QImage(str(tmp_path / "m.png")).width() == info["width"]
    ext = padded_extent_of(g, info)
    step = grid["step"]
    assert grid_interval(ext) == step
    assert grid["x"] == [k * step for k in range(int(ext.yMinimum() // step) + 1, int(ext.yMaximum() // step) + 1)
                         if k * step < ext.yMaximum()]
    assert "X=3823000" in grid["labels"] and "Y=37500000" in grid["labels"]


def padded_extent_of(g, info):
    from mineplan.core.report.mapimage import GRID_MARGIN_MM, MAP_DPI, MAP_HEIGHT_MM, MAP_WIDTH_MM, padded_extent
    w = round(MAP_WIDTH_MM / 25.4 * MAP_DPI) - 2 * round(GRID_MARGIN_MM[0] / 25.4 * MAP_DPI)
    h = round(MAP_HEIGHT_MM / 25.4 * MAP_DPI) - 2 * round(GRID_MARGIN_MM[1] / 25.4 * MAP_DPI)
    return padded_extent(g.boundingBox(), w / h, 3000.0)


def test_opinion_pdf_shows_the_grid_caption(opinions):
    _, folder = opinions
    text = pdf_text(folder / f"{APPS[0]}_审查意见书.pdf")
    assert "坐标格网间距" in text and "附图" in text


def test_bureau_template_replaces_the_wording(processing, tmp_path):
    template = tmp_path / "bureau_opinion.html.j2"
    template.write_text('{% extends "opinion_zh.html.j2" %}\n{% block letterhead %}<p align="center"><b>灵宝市自然资源'
                        '和规划局文件</b></p>{% endblock %}\n{% block conclusion %}<h2>四、结论</h2><p>局审定：{{ verdict }}'
                        '（{{ number }}，{{ date }}）</p>{% endblock %}\n', encoding="utf-8")
    res, _ = review(processing, tmp_path / "o", OPINION_TEMPLATE=str(template), OPINION_FORMATS=[2],
                    DOC_DATE="2026-01-02", PROPOSED=sample_layer("proposed_rights") + "|subset=\"app_no\" = 'SQ2025-01'")
    assert res["OPINION_FILES"] == 1
    html = (tmp_path / "o" / "SQ2025-01_审查意见书.html").read_text(encoding="utf-8")
    assert "灵宝市自然资源和规划局文件" in html and "灵自然资审〔2026〕1号，2026年1月2日）" in html
    assert "局审定：" in html and "经审查，该申请" not in html


def test_clear_errors_for_bad_date_pattern_and_template(processing, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="YYYY-MM-DD"):
        review(processing, tmp_path / "a", DOC_DATE="5.12.2026")
    with pytest.raises(QgsProcessingException, match="文号格式|number pattern"):
        review(processing, tmp_path / "b", DOC_NUMBER_PATTERN="灵〔{yr}〕{seq}号")
    broken = tmp_path / "broken.html.j2"
    broken.write_text("{% if %}", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="broken.html.j2"):
        review(processing, tmp_path / "c", OPINION_TEMPLATE=str(broken))
    assert not any(os.path.exists(tmp_path / d) for d in "abc")


def test_coordinate_blocks_with_elevations(qgis_app):
    """Two 块段 with block_elev (contract A): points per 块段 from 1, X = northing, Y = easting, 2 decimals, the
    closing repeat left out; one 块段 with elev_top/elev_bottom."""
    from qgis.core import QgsGeometry

    from mineplan.core.report.opinion import coordinate_blocks, parse_block_elev
    g = QgsGeometry.fromWkt("MULTIPOLYGON(((38456789.344 3823456.126, 38457000 3823456.126, 38457000 3823700.5, "
                            "38456789.344 3823456.126)),((38458000 3823000, 38458100 3823000, 38458100 3823100, "
                            "38458000 3823100, 38458000 3823000)))")
    blocks = coordinate_blocks(g, "1:+1200,+800;2:+1100,+700")
    assert [b["no"] for b in blocks] == [1, 2]
    assert blocks[0]["points"] == [(1, "3823456.13", "38456789.34"), (2, "3823456.13", "38457000.00"),
                                   (3, "3823700.50", "38457000.00")]
    assert len(blocks[1]["points"]) == 4 and blocks[1]["points"][3] == (4, "3823100.00", "38458000.00")
    assert (blocks[0]["top"], blocks[0]["bottom"], blocks[1]["top"], blocks[1]["bottom"]) == \
        ("+1200", "+800", "+1100", "+700")
    one = QgsGeometry.fromWkt("POLYGON((0 0, 10 0, 10 10, 0 0))")
    single = coordinate_blocks(one, None, 1250.0, -35.5)[0]
    assert (single["top"], single["bottom"], len(single["points"])) == ("+1250", "-35.5", 3)
    assert parse_block_elev("1：+1200，+800；x:1,2") == {1: ("+1200", "+800")}
    assert coordinate_blocks(QgsGeometry(), None) == []


def test_notes_are_split_from_the_reasons():
    from mineplan.core.report.opinion import date_text, doc_number, split_notes
    assert split_notes("开采回采率 88% 不低于最低指标 85%（指标值据公告摘要，未经原文核实）") == \
        ("开采回采率 88% 不低于最低指标 85%", ["指标值据公告摘要，未经原文核实"])
    assert split_notes("压覆生态保护红线 12.5 平方米（解释：规划第六章（控制线）未列明面积阈值）；不符合") == \
        ("压覆生态保护红线 12.5 平方米；不符合", ["解释：规划第六章（控制线）未列明面积阈值"])
    assert split_notes("位于重点勘查区（占 100.0%）") == ("位于重点勘查区（占 100.0%）", [])
    assert split_notes("x; y (interpretation: the plan is silent)") == ("x; y", ["interpretation: the plan is silent"])
    assert doc_number("灵自然资审〔{year}〕{seq}号", 2026, 12) == "灵自然资审〔2026〕12号"
    import datetime
    assert date_text(datetime.date(2026, 12, 5)) == "2026年12月5日"


def test_english_opinion(processing, tmp_path):
    res, _ = review(processing, tmp_path / "en", REPORT_LANGUAGE=2, OPINION_FORMATS=[0], DOC_DATE="2026-12-05",
                    PROPOSED=sample_layer("proposed_rights") + "|subset=\"app_no\" = 'SQ2025-33'")
    assert res["OPINION_FILES"] == 1
    text = pdf_text(tmp_path / "en" / "SQ2025-33_审查意见书.pdf")
    signed, annex = text.split("Annex: review notes")
    assert "5 December 2026" in signed and "Corner coordinates" in signed and "Block 2" in signed
    assert "MinePlan" not in signed and "MinePlan Review" in annex


@pytest.mark.parametrize("description,zh", [
    ("CGCS2000 / 3-degree Gauss-Kruger zone 37", "2000国家大地坐标系 3度带高斯-克吕格投影 第37带"),
    ("CGCS2000 / 3-degree Gauss-Kruger CM 111E", "2000国家大地坐标系 3度带高斯-克吕格投影 中央经线111°E"),
    ("CGCS2000 / 6-degree Gauss-Kruger zone 19", "2000国家大地坐标系 6度带高斯-克吕格投影 第19带"),
    ("CGCS2000 / Gauss-Kruger zone 19", "2000国家大地坐标系 6度带高斯-克吕格投影 第19带"),
    ("Xian 1980 / 3-degree Gauss-Kruger zone 37", "1980西安坐标系 3度带高斯-克吕格投影 第37带"),
    ("WGS 84 / UTM zone 49N", "WGS 84 / UTM zone 49N"),
    ("", "")])
def test_coordinate_system_named_in_chinese(description, zh):
    """The 意见书's 拐点坐标 caption: a Chinese document names its coordinate system in Chinese (issue 18)."""
    from mineplan.core.report.opinion import crs_name
    assert crs_name(description, "zh") == zh
    assert crs_name(description, "en") == description


def test_every_cgcs2000_gk_crs_has_a_chinese_name(qgis_app):
    from qgis.core import QgsCoordinateReferenceSystem

    from mineplan.core.report.opinion import crs_name
    for code in range(4491, 4555):                    # CGCS2000 GK: 6°/3°, zone-prefixed and CM variants
        d = QgsCoordinateReferenceSystem(f"EPSG:{code}").description()
        assert crs_name(d, "zh").startswith("2000国家大地坐标系 ") and "Gauss" not in crs_name(d, "zh"), (code, d)
