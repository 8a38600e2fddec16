"""mineplan:compliancereview on the sample: the verdict each application was built for, and the report."""
import os
import subprocess

import pytest
from conftest import features_by, run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES


@pytest.fixture(scope="module")
def review(processing, tmp_path_factory):
    d = tmp_path_factory.mktemp("review")
    params = {"PROPOSED": sample_layer("proposed_rights"), **CONTROLS, **ZONES,
              "MINING_RIGHTS": sample_layer("mining_rights"), "OUTPUT": "TEMPORARY_OUTPUT",
              "REPORT_HTML": str(d / "review.html"), "REPORT_PDF": str(d / "review.pdf")}
    res, layers = run_alg(processing, "mineplan:compliancereview", params)
    return res, layers, d


def test_every_application_gets_its_designed_verdict(review):
    res, layers, _ = review
    wrong = [(f["app_no"], f["expected_verdict"], f["verdict"], f["reasons"]) for f in layers["OUTPUT"].getFeatures()
             if f["expected_verdict"] != f["verdict"]]
    assert not wrong
    assert (res["OK_COUNT"], res["FAIL_COUNT"], res["ARGUE_COUNT"]) == (5, 34, 7)


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
    _, _, d = review
    html = (d / "review.html").read_text(encoding="utf-8")
    for text in ("规划符合性审查报告", "审查结论汇总", "逐项审查", "规划指标", "SQ2025-14", "生态保护红线", "专栏6",
                 "规划文本自身的矛盾", "32.35"):
        assert text in html, text
    imgs = [n for n in os.listdir(d / "review_files") if n.endswith(".png")]
    assert len(imgs) == 45                          # every feature with a geometry has a map


def test_report_pdf(review):
    _, _, d = review
    pdf = d / "review.pdf"
    assert pdf.stat().st_size > 50_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "规划符合性审查报告" in text
    assert "SQ2025-14" in text and "2021-2025" in text and "审查结论汇总" in text and "规划指标" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts


def test_map_image_has_north_arrow_and_scale_bar(review):
    from qgis.PyQt.QtGui import QImage
    _, _, d = review
    img = QImage(str(d / "review_files" / "feature_001.png"))
    assert img.width() == 880
    # north arrow (black) near the top-right corner, scale bar (black) at the bottom-left
    dark = lambda x, y: img.pixelColor(x, y).lightness() < 60  # noqa: E731
    assert any(dark(x, y) for x in range(img.width() - 60, img.width() - 10) for y in range(30, 75))
    assert any(dark(x, y) for x in range(20, 120) for y in range(img.height() - 34, img.height() - 26))


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
