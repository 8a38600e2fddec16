"""mineplan:compliancereview on the sample: the verdict each application was built for, and the report."""
import os
import re
import subprocess

import pytest
from conftest import features_by, run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

SAMPLE_LAYERS = ["proposed_rights", "eco_redline", "basic_farmland", "urban_boundary", "nature_reserve",
                 "key_exploration_areas", "key_mining_areas", "concentrated_mining_areas", "exploration_blocks",
                 "mining_blocks", "key_development_areas", "mining_rights", "exploration_rights", "county_boundary"]


@pytest.fixture(scope="module")
def review(processing, tmp_path_factory):
    """The Chinese 审查意见书 of the whole sample (HTML, PDF, ODT), as `make demo` writes it."""
    d = tmp_path_factory.mktemp("review")
    params = {"PROPOSED": sample_layer("proposed_rights"), **CONTROLS, **ZONES,
              "MINING_RIGHTS": sample_layer("mining_rights"), "OUTPUT": "TEMPORARY_OUTPUT",
              "COUNTY_BOUNDARY": sample_layer("county_boundary"), "REPORT_LANGUAGE": 1,
              "REVIEW_UNIT": "灵宝市自然资源和规划局",
              "REPORT_HTML": str(d / "review.html"), "REPORT_PDF": str(d / "review.pdf"),
              "REPORT_ODT": str(d / "review.odt")}
    res, layers = run_alg(processing, "mineplan:compliancereview", params)
    return res, layers, d


def test_every_application_gets_its_designed_verdict(review):
    res, layers, _ = review
    wrong = [(f["app_no"], f["expected_verdict"], f["verdict"], f["reasons"]) for f in layers["OUTPUT"].getFeatures()
             if f["expected_verdict"] != f["verdict"]]
    assert not wrong
    assert (res["OK_COUNT"], res["FAIL_COUNT"], res["ARGUE_COUNT"]) == (4, 35, 7)


def test_every_application_gets_its_designed_check_verdicts(review):
    """Each sample case names the check verdicts it was built for (expected_checks "check:verdict …")."""
    _, layers, _ = review
    wrong = []
    for f in layers["OUTPUT"].getFeatures():
        for item in (f["expected_checks"] or "").split():
            check, verdict = item.split(":")
            if f[f"{check}_verdict"] != verdict:
                wrong.append((f["app_no"], check, verdict, f[f"{check}_verdict"]))
    assert not wrong


def test_plan_coverage_cases(review):
    """#10: new versus existing rights, where a new right may go, exploration blocks, attribute rules."""
    _, layers, _ = review
    f = features_by(layers["OUTPUT"], "app_no")
    assert "一律不得新设采矿权" in f["SQ2025-01"]["siting_reason"] and "第五章第四节" in f["SQ2025-01"]["reasons"]
    assert f["SQ2025-37"]["scale_verdict"] == "不适用" and "延续登记不受新建矿山最低开采规模限制" in f["SQ2025-37"]["scale_reason"]
    assert f["SQ2025-37"]["matched_right"] and f["SQ2025-37"]["app_type_std"] == "延续"
    g38 = f["SQ2025-38"]
    assert g38["app_type_std"] == "扩大范围" and 80_000 < g38["added_area_m2"] < 100_000       # 300 m × 300 m
    assert "三合一" in g38["right_reason"] and "新增部分" in g38["siting_reason"]
    assert f["SQ2025-39"]["siting_verdict"] == "符合" and "垂直投影" in f["SQ2025-39"]["siting_reason"]
    assert f["SQ2025-40"]["siting_verdict"] == "不符合"
    assert f["SQ2025-41"]["verdict"] == "符合" and f["SQ2025-20"]["siting_verdict"] == "需论证"
    assert "核心保护区" in f["SQ2025-42"]["overlap_reason"] and "规划外依据" in f["SQ2025-42"]["overlap_reason"]
    assert "一般控制区" in f["SQ2025-21"]["overlap_reason"]
    assert "规划未规定露天铁矿" in f["SQ2025-43"]["scale_reason"]
    assert "开采回采率 70% 低于最低指标 75%" in f["SQ2025-44"]["sanlv_reason"]
    assert f["SQ2025-45"]["funding_verdict"] == "不符合" and "第四章第三节" in f["SQ2025-45"]["reasons"]
    assert f["SQ2025-45"]["funding_reason"] and f["SQ2025-45"]["funding_reason"] in f["SQ2025-45"]["reasons"]
    assert "补办" in f["SQ2025-46"]["reasons"] and f["SQ2025-46"]["app_type_std"] == "新立"


def test_reasons_cite_clauses(review):
    _, layers, _ = review
    f = features_by(layers["OUTPUT"], "app_no")
    assert "专栏6" in f["SQ2025-03"]["reasons"] and "【最低开采规模·不符合】" in f["SQ2025-03"]["reasons"]
    assert "专栏7" in f["SQ2025-12"]["reasons"] and "第六章第三节" in f["SQ2025-12"]["reasons"]
    assert "第六章第三节" in f["SQ2025-14"]["reasons"] and "生态保护红线" in f["SQ2025-14"]["reasons"]
    assert f["SQ2025-20"]["scale_verdict"] == "不适用"          # exploration: no minimum scale
    assert f["SQ2025-08"]["reasons"] == "各项检查均符合规划"
    for name in ("overlap_verdict", "scale_verdict", "policy_verdict", "zone_verdict", "verdict", "reasons", "clauses",
                 "eco_area_m2", "kmin_id", "block_entities"):
        assert name in layers["OUTPUT"].fields().names()


def test_report_html_sections(review):
    """The structure a bureau files: title, 审查依据, 审查对象, summary, one section per feature, indicators,
    the plan's contradictions, 审查意见 with 审查单位/审查人/日期/签章."""
    _, _, d = review
    html = (d / "review.html").read_text(encoding="utf-8")
    order = ["矿产资源规划符合性审查意见书", "一、审查依据", "二、审查对象与数据来源", "三、审查结论汇总", "四、逐项审查意见",
             "五、规划指标执行情况", "六、规划文本自身的矛盾", "七、审查意见", "审查单位：灵宝市自然资源和规划局", "审 查 人：",
             "（签章）"]
    positions = [html.find(t) for t in order]
    assert all(p >= 0 for p in positions), [t for t, p in zip(order, positions) if p < 0]
    assert positions == sorted(positions)
    for text in ("SQ2025-14", "生态保护红线", "专栏6", "32.35", "国土资发〔2000〕133号", "自然资发〔2022〕142号",
                 "<thead>", "________年____月____日"):
        assert text in html, text
    for english in ("ECO_REDLINE", "Features under review", "Inputs", "verdict", "图斑 ids"):
        assert english not in html.split("<body>")[1], english
    imgs = [n for n in os.listdir(d / "review_files") if n.endswith(".png")]
    assert len(imgs) == 45                          # every feature with a geometry has a map
    assert html.count("比例尺 1:") == 45


def test_report_summary_columns_show_why_a_row_does_not_comply(review):
    """三、审查结论汇总: a column per main check (设置区域 among them) and 其他检查 for the rest — a 不符合 row
    shows a failing verdict in some column, a 需论证 row a verdict to argue."""
    _, _, d = review
    html = (d / "review.html").read_text(encoding="utf-8")
    table = html[html.index("三、审查结论汇总"):html.index("四、逐项审查意见")]
    assert ">设置区域</th>" in table.replace("<br/>", "") and ">其他检查</th>" in table.replace("<br/>", "")
    rows = re.findall(r"<tr><td align=\"center\">\d+</td>(.*?)</tr>", table, re.S)
    assert len(rows) == 46
    for row in rows:
        cells = [re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        columns, verdict = [c[0] if c else "" for c in cells[3:9]], cells[9][0]
        if verdict == "不符合":
            assert {"不符合", "冲突", "不得新建"} & set(columns), row
        if verdict == "需论证":
            assert {"需论证", "需人工核查", "未检查", "无几何"} & set(columns), row


def test_report_clauses_never_empty_and_minerals_shown(review):
    """Every 事项 cites its clause, also when it passes; the applicant's mineral is shown even when the plan's
    dictionary does not know it (锂辉石)."""
    _, _, d = review
    html = (d / "review.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(控制线压覆|最低开采规模|开采矿种准入|规划分区|审查类型)</td><td[^>]*>([^<]*)</td><td>[^<]*</td>"
                      r"<td>([^<]*)</td></tr>", html)
    assert len(rows) > 100 and all(clause.strip() for _, _, clause in rows), [r for r in rows if not r[2].strip()]
    assert re.search(r"<td>[^<]*SQ2025-23[^<]*</td><td>开采</td><td>锂辉石</td>", html)


def test_report_pdf_is_chinese_throughout(review):
    """pdftotext of the Chinese PDF: no English word apart from ids, units, proper names and the data set names;
    searchable text (无 is not the Kangxi radical ⽆); fonts embedded."""
    _, _, d = review
    pdf = d / "review.pdf"
    assert pdf.stat().st_size > 50_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "矿产资源规划符合性审查意见书" in text and "审查结论汇总" in text and "规划指标执行情况" in text
    assert "SQ2025-14" in text and "2021-2025" in text and "无几何" in text
    assert not re.search("[\u2f00-\u2fdf]", text)          # no Kangxi radicals in the text layer
    allowed = {"MinePlan", "Review", "NULL", "km", "m", "ha", "CGCS2000", "EPSG"} | set(SAMPLE_LAYERS)
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_\-:]*", text))
    english = sorted(w for w in words if w not in allowed and not re.search(r"\d", w))
    assert not english, english
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                              text=True).stdout).group(1))
    assert 46 <= pages <= 115                         # one or two pages per feature (11 checks each), no blank ones


def test_report_odt_is_editable_with_the_same_content(review):
    import zipfile
    _, _, d = review
    with zipfile.ZipFile(d / "review.odt") as z:
        names = z.namelist()
        content = z.read("content.xml").decode("utf-8")
    assert "mimetype" in names and sum(n.startswith("Pictures/") for n in names) == 45
    assert "审查依据" in content and "SQ2025-14" in content and "签章" in content
    assert content.count("<table:table-header-rows>") >= 5 and 'fo:keep-together="always"' in content


def test_map_image_has_north_arrow_scale_bar_legend_and_inset(review):
    from qgis.PyQt.QtGui import QImage
    _, _, d = review
    img = QImage(str(d / "review_files" / "feature_014.png"))
    w, h = img.width(), img.height()
    assert w > 1200 and 1.7 < w / h < 2.1              # 170 × 88 mm at 200 dpi
    dark = lambda x, y: img.pixelColor(x, y).lightness() < 60  # noqa: E731
    # north arrow (black) near the top-right corner, scale bar (black) at the bottom-left
    assert any(dark(x, y) for x in range(w - 90, w - 20) for y in range(50, 130))
    assert any(dark(x, y) for x in range(40, 160) for y in range(h - 45, h - 25))
    # locator inset (county, light grey fill) at the top-left with the map's extent in red
    red = lambda x, y: (lambda c: c.red() > 180 and c.green() < 60 and c.blue() < 60)(img.pixelColor(x, y))  # noqa: E731
    assert any(red(x, y) for x in range(20, 260) for y in range(20, 260))
    html = (d / "review.html").read_text(encoding="utf-8")
    section = html[html.index("（14）SQ2025-14"):html.index("（15）SQ2025-15")]
    assert "图 14" in section and "压覆图斑编号" in section and "411282-STHX-01" in section


def test_review_without_layers_says_so(processing):
    res, layers = run_alg(processing, "mineplan:compliancereview", {"PROPOSED": sample_layer("proposed_rights"),
                                                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    f = features_by(layers["OUTPUT"], "app_no")
    assert f["SQ2025-01"]["verdict"] == "需论证" and "未提供控制线图层" in f["SQ2025-01"]["reasons"]


def test_model_chain_gives_the_reviews_verdicts(processing, review):
    """The model ends in the review pipeline: same verdicts as the algorithm, and the extract of the features
    needing attention holds exactly the 不符合 and 需论证 ones. Chinese display name, the provider's group."""
    from qgis.core import QgsApplication
    alg = QgsApplication.processingRegistry().algorithmById("mineplan:compliancechain")
    assert alg is not None and alg.groupId() == "review"
    assert alg.displayName() in ("规划符合性审查（模型）", "Plan compliance review (model)")
    names = [p.name() for p in alg.parameterDefinitions() if not p.isDestination()]
    assert names[0] == "PROPOSED"
    params = {"PROPOSED": sample_layer("proposed_rights"), **CONTROLS, **ZONES,
              "MINING_RIGHTS": sample_layer("mining_rights"),
              "review:REVIEW": "TEMPORARY_OUTPUT", "attention:ATTENTION": "TEMPORARY_OUTPUT"}
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProcessingUtils
    context = QgsProcessingContext()
    res = processing.run("mineplan:compliancechain", params, context=context, feedback=QgsProcessingFeedback())
    def layer(v):    # processing.run returns the layer itself for temporary outputs
        return v if hasattr(v, "getFeatures") else QgsProcessingUtils.mapLayerFromString(v, context)
    out, attention = layer(res["review:REVIEW"]), layer(res["attention:ATTENTION"])
    model = {f["app_no"]: f["verdict"] for f in out.getFeatures()}
    _, layers, _ = review
    expected = {f["app_no"]: f["verdict"] for f in layers["OUTPUT"].getFeatures()}
    assert model == expected and len(model) == 46
    assert sorted(f["app_no"] for f in attention.getFeatures()) == sorted(k for k, v in expected.items() if v != "符合")
