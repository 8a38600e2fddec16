"""The 审查意见书 beyond the sample run of test_review.py: English throughout, a bureau's own template, blank
signature lines, pagination (rows never split, header repeated), the ODF copy, the indicators as one row per
figure, and the styles of result layers."""
import re
import subprocess

import pytest
from conftest import run_alg, sample_layer
from test_algorithms import CONTROLS, ZONES

pytestmark = pytest.mark.slow
FEW = "\"app_no\" IN ('SQ2025-01', 'SQ2025-14', 'SQ2025-23', 'SQ2025-27')"


def few_features():
    """Four applications (a subset string: QGIS 3.22 has no filter expression on a source definition)."""
    return sample_layer("proposed_rights") + "|subset=" + FEW


def review(processing, d, **extra):
    params = {"PROPOSED": few_features(), **CONTROLS, **ZONES, "MINING_RIGHTS": sample_layer("mining_rights"),
              "OUTPUT": "TEMPORARY_OUTPUT", **extra}
    return run_alg(processing, "mineplan:compliancereview", params)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_english_report_is_english_throughout(processing, tmp_path):
    res, _ = review(processing, tmp_path, REPORT_LANGUAGE=2, REPORT_HTML=str(tmp_path / "r.html"),
                    REPORT_PDF=str(tmp_path / "r.pdf"), REVIEWER="Zhang San", REVIEW_DATE="2025-06-30")
    assert res["FEATURE_COUNT"] == 4
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for text in ("Mineral resources plan compliance review", "1. Basis of the review", "3. Summary",
                 "4. Feature by feature", "5. Plan indicators", "7. Opinion", "Reviewer: Zhang San", "Date: 2025-06-30",
                 "non-compliant", "compliant", "(seal)"):
        assert text in html, text
    body = html.split("<body>")[1]
    # headings, labels and verdicts in English; Chinese only in cited clauses, names and data values
    for zh in ("审查依据", "审查结论", "审查单位", "签章", "不符合", "需论证", "控制线压覆", "开采矿种准入"):
        assert zh not in body, zh
    # an indicator's note (how it was counted; a partial sum) is data and shows in either language
    assert re.search(r"大中型 \d+ / 矿山 \d+", body)
    text = pdf_text(tmp_path / "r.pdf")
    assert "Page 1 of" in text and "Basis of the review" in text


def test_signature_blanks_and_a_bureaus_template(processing, tmp_path):
    """Without 审查单位/审查人/日期 the report leaves lines to fill in by hand; a bureau's template (here one that
    extends the bundled one and replaces the letterhead) is used when given."""
    template = tmp_path / "bureau.html.j2"
    template.write_text('{% extends "review_zh.html.j2" %}\n{% block letterhead %}<p align="center">'
                        '<b>灵宝市自然资源和规划局</b><br>{{ plan.region }}矿业权审查专用</p>{% endblock %}\n',
                        encoding="utf-8")
    review(processing, tmp_path, REPORT_LANGUAGE=1, REPORT_TEMPLATE=str(template), REPORT_HTML=str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "灵宝市自然资源和规划局" in html and "灵宝市矿业权审查专用" in html
    assert "审查单位：____" in html and "审 查 人：____" in html and "________年____月____日" in html
    assert html.index("灵宝市自然资源和规划局") < html.index("<h1>矿产资源规划符合性审查意见书")


def test_a_broken_template_is_a_clear_error(processing, tmp_path):
    from qgis.core import QgsProcessingException
    template = tmp_path / "broken.html.j2"
    template.write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="broken.html.j2"):
        review(processing, tmp_path, REPORT_TEMPLATE=str(template), REPORT_HTML=str(tmp_path / "r.html"))


def test_pdf_tables_never_split_a_row_and_repeat_the_header(qgis_app, tmp_path):
    """A long table of rows of very different heights: every page after the first starts with the header, and
    every row's text is on one page (its first and last word on the same page)."""
    from mineplan.core.report.pdf import html_to_pdf
    rows = "".join(f"<tr><td>R{i:02d}起</td><td>{'很长的原因文字 ' * (i % 7 * 9)}R{i:02d}止</td></tr>" for i in range(60))
    html = ('<html><body><h1>测试</h1><table border="1" cellspacing="0" width="100%"><thead><tr><th>编号</th>'
            f'<th>原因</th></tr></thead><tbody>{rows}</tbody></table></body></html>')
    html_to_pdf(html, str(tmp_path / "t.pdf"))
    pages = pdf_text(tmp_path / "t.pdf").split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 4
    for p in pages[1:]:
        assert p.lstrip().startswith("编号"), p[:40]
    for i in range(60):
        where = {n for n, p in enumerate(pages) if f"R{i:02d}起" in p} | {n for n, p in enumerate(pages)
                                                                        if f"R{i:02d}止" in p}
        assert len(where) == 1, (i, where)


def test_indicators_one_row_per_figure(ruleset):
    from mineplan.core.report.indicator_view import csv_rows, merge_indicators, number
    from mineplan.rules.checks.indicators import compute_indicators
    rights = [{"mineral": "金矿", "scale": "大型", "output": 40.00000000000001, "output_unit": "万吨", "label": "a"}]
    rows = merge_indicators(ruleset, compute_indicators(ruleset, rights))
    ids = [r.id for r in rows]
    assert "output_gold" not in ids and "output_aggregate" not in ids
    gold = next(r for r in rows if r.id == "gold_ore_output")
    assert gold.target == 60 and "120" in gold.contradiction and "60" in gold.contradiction
    assert number(gold.current) == "40"
    stone = next(r for r in rows if r.id == "stone_output")
    assert stone.status == "达标" and "第二章第三节 专栏3" in stone.clause and not stone.contradiction
    headers, values = csv_rows(rows)
    assert "40" in [v[2] for v in values] and not any("00000" in f"{v[1]}{v[2]}" for v in values)


def test_result_layers_are_styled_by_verdict_with_aliases(processing):
    """processing.run: the temporary result layer carries the verdict style (vocabulary colours) and the
    Chinese aliases; the single checks are styled by their own codes."""
    from mineplan.rules.model.vocab import COLOURS
    _, layers = run_alg(processing, "mineplan:compliancereview",
                        {"PROPOSED": sample_layer("proposed_rights"), **CONTROLS, **ZONES, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = layers["OUTPUT"]
    r = out.renderer()
    assert r.type() == "categorizedSymbol" and r.classAttribute() == "verdict"
    colours = {c.value(): c.symbol().color().name() for c in r.categories() if c.value()}
    assert set(colours) == {"符合", "不符合", "需论证"}
    assert colours["不符合"] == COLOURS["不符合"] and colours["符合"] == COLOURS["符合"]
    assert out.attributeAlias(out.fields().lookupField("verdict")) == "审查结论"
    _, layers = run_alg(processing, "mineplan:redlineoverlap",
                        {"INPUT": sample_layer("proposed_rights"), **CONTROLS, "OUTPUT": "TEMPORARY_OUTPUT"})
    values = {c.value() for c in layers["OUTPUT"].renderer().categories() if c.value()}
    assert {"符合", "冲突", "需论证", "无几何"} <= values


def test_loaded_results_are_styled_by_the_post_processor(processing):
    """runAndLoadResults / a dialog: QGIS loads the layer and our post-processor styles it."""
    from processing.gui.Postprocessing import handleAlgorithmResults
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
    )

    from mineplan.processing_provider.writing import AliasPostProcessor
    project = QgsProject.instance()
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    alg = QgsApplication.processingRegistry().createAlgorithmById("mineplan:mineralpolicy")
    params = {"INPUT": sample_layer("proposed_rights"),
              "OUTPUT": QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", project)}
    results, ok = alg.run(params, context, feedback)
    assert ok
    assert any(isinstance(p, AliasPostProcessor) for p in AliasPostProcessor._alive)
    before = set(project.mapLayers())
    handleAlgorithmResults(alg, context, feedback, parameters=params)  # 3.40 dropped showResults (4th argument)
    added = [project.mapLayer(i) for i in set(project.mapLayers()) - before]
    assert len(added) == 1
    lyr = added[0]
    assert lyr.renderer().type() == "categorizedSymbol"
    assert lyr.attributeAlias(lyr.fields().lookupField("verdict")) == "矿种准入结论"
    assert re.match(r"^[^a-z]*$", lyr.attributeAlias(lyr.fields().lookupField("policy")))
    project.removeMapLayer(lyr.id())
