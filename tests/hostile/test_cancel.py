"""Cancel is honoured everywhere, report rendering included (issue #11 item 4: the review's report phase is
≈ 85 % of its run time, and a cancel there used to return success with OUTPUT, HTML and PDF written and a
truncated report). After a cancel the result says 已取消 / canceled and nothing is left behind: no output
layer, no report, no picture folder, no staging or ``.part`` file, no folder the run created."""
from __future__ import annotations

import os

import pytest
from hostile.makers import CONTROLS, PROPOSED, RIGHTS, ZONES, files_in, refused, run

CANCELED = ("已取消", "Canceled")


def _feedback(at: float):
    """A feedback that cancels as soon as the progress reaches ``at`` percent."""
    from qgis.core import QgsProcessingFeedback
    fb = QgsProcessingFeedback()
    fb.seen = []

    def on_progress(value):
        fb.seen.append(value)
        if value >= at and not fb.isCanceled():
            fb.cancel()
    fb.progressChanged.connect(on_progress)
    return fb


def _canceled(processing, alg, params, at, tmp_path):
    from qgis.core import QgsProcessingException
    fb = _feedback(at)
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, alg, params, fb)
    text = str(exc.value)
    assert CANCELED[0] in text and CANCELED[1] in text, text
    assert "Traceback" not in text
    return fb


@pytest.mark.slow
@pytest.mark.parametrize("at", [0.5, 10, 30, 50, 55, 62, 70, 74.9])
def test_review_with_reports_canceled_leaves_nothing(processing, tmp_path, at, outcome):
    out = tmp_path / "out" / "deep"
    params = {"PROPOSED": PROPOSED, **CONTROLS, **ZONES, **RIGHTS, "OUTPUT": str(out / "review.gpkg"),
              "REPORT_HTML": str(out / "review.html"), "REPORT_PDF": str(out / "review.pdf"),
              "REPORT_ODT": str(out / "review.odt")}
    _canceled(processing, "compliancereview", params, at, tmp_path)
    assert files_in(tmp_path) == [] and not (tmp_path / "out").exists()
    outcome("error")


@pytest.mark.parametrize("alg,params", [
    ("redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "OVERLAPS": "TEMPORARY_OUTPUT"}),
    ("zoneassignment", {"INPUT": PROPOSED, **ZONES}),
    ("minimumscale", {"INPUT": PROPOSED}),
    ("mineralpolicy", {"INPUT": PROPOSED}),
    ("avoidconstraints", {"INPUT": PROPOSED, **CONTROLS}),
    ("sitingareas", {"MINERAL": "建筑石料", **CONTROLS, **ZONES}),
    ("compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES}),
])
@pytest.mark.parametrize("at", [1, 50])
def test_every_algorithm_canceled_leaves_nothing(processing, tmp_path, alg, params, at, outcome):
    out = tmp_path / "o"
    _canceled(processing, alg, {**params, "OUTPUT": str(out / "result.shp")}, at, tmp_path)
    assert files_in(tmp_path) == []
    outcome("error")


def test_cancel_before_the_start(processing, tmp_path, outcome):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback
    fb = QgsProcessingFeedback()
    fb.cancel()
    for alg, params in (("compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES}),
                        ("redlineoverlap", {"INPUT": PROPOSED, **CONTROLS})):
        with pytest.raises(QgsProcessingException) as exc:
            run(processing, alg, {**params, "OUTPUT": str(tmp_path / "o.gpkg")}, fb)
        assert CANCELED[0] in str(exc.value)
    assert files_in(tmp_path) == []
    outcome("error", 2)


def test_pdf_rendering_honours_cancel_and_leaves_no_part_file(tmp_path, qgis_app, outcome):
    """html_to_pdf checks between pagination passes and pages; the ``.part`` file is removed."""
    from qgis.core import QgsFeedback

    from mineplan.core.report.pdf import html_to_pdf
    from mineplan.rules.model.errors import CanceledError
    rows = "".join(f"<tr><td>{i}</td><td>{'金矿' * 30}</td></tr>" for i in range(400))
    html = f"<html><body><h1>审查</h1><table><thead><tr><th>n</th><th>t</th></tr></thead>{rows}</table></body></html>"

    class After(QgsFeedback):
        def __init__(self, n):
            super().__init__()
            self.n = n

        def isCanceled(self):  # noqa: N802
            self.n -= 1
            if self.n <= 0:
                self.cancel()
            return super().isCanceled()
    for n in (1, 3, 6):
        with pytest.raises(CanceledError):
            html_to_pdf(html, str(tmp_path / "r.pdf"), feedback=After(n))
        assert files_in(tmp_path) == []
    html_to_pdf(html, str(tmp_path / "r.pdf"), feedback=After(10 ** 9))
    assert files_in(tmp_path) == ["r.pdf"]
    outcome("error", 3)
    outcome("correct")


@pytest.mark.slow
def test_a_report_failure_after_the_maps_leaves_nothing(processing, tmp_path, outcome):
    """A bureau template that fails only while rendering (after every map is drawn): the review stops with a
    template error, and neither OUTPUT nor any report file exists (the report is rendered before OUTPUT is
    written, in a staging folder)."""
    from qgis.core import QgsProcessingException
    tpl = tmp_path / "tpl" / "bad.html"
    tpl.parent.mkdir()
    tpl.write_text("<html>{{ features | length // 0 }}</html>", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, "compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES, "REPORT_TEMPLATE": str(tpl),
                                             "OUTPUT": str(out / "o.gpkg"), "REPORT_HTML": str(out / "r.html"),
                                             "REPORT_PDF": str(out / "r.pdf")})
    text = str(exc.value)
    assert "报告模板有误" in text and "report template error" in text and "bad.html" in text
    assert files_in(tmp_path) == ["tpl/bad.html"] and not out.exists()
    outcome("error")


@pytest.mark.parametrize("content", ["<html>{{ features[0].title }\n{% for x in %}</html>",
                                     "{% if x %}{% endfor %}"])
def test_a_template_that_does_not_parse_is_refused_before_anything(processing, tmp_path, content, outcome):
    tpl = tmp_path / "t.html"
    tpl.write_text(content, encoding="utf-8")
    text = refused(processing, "compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES,
                                                    "REPORT_TEMPLATE": str(tpl), "OUTPUT": str(tmp_path / "o.gpkg"),
                                                    "REPORT_HTML": str(tmp_path / "r.html")})
    assert "报告模板有误" in text and "t.html:" in text
    assert sorted(os.listdir(tmp_path)) == ["t.html"]
    outcome("error")


@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x00binary\x00\x01", "{{ undefined_filter | nope }}"])
def test_a_broken_template_is_a_clear_error(processing, tmp_path, content, outcome):
    from qgis.core import QgsProcessingException
    tpl = tmp_path / "t.html"
    tpl.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, "compliancereview", {"PROPOSED": PROPOSED, **CONTROLS, **ZONES, "REPORT_TEMPLATE": str(tpl),
                                             "OUTPUT": str(tmp_path / "o.gpkg"), "REPORT_HTML": str(tmp_path / "r.html")})
    text = str(exc.value)
    assert "报告模板" in text and "template" in text and "Traceback" not in text, text
    assert sorted(os.listdir(tmp_path)) == ["t.html"]
    outcome("error")


def test_an_unexpected_error_is_bilingual_and_cleans_up(processing, tmp_path, monkeypatch, outcome):
    """A bug (here: a division by zero injected into the writer) never shows a traceback: a bilingual message,
    the details in the MinePlan log, and the half-written output removed."""
    from qgis.core import QgsProcessingException

    from mineplan.processing_provider import writing
    real = writing.add_checked
    calls = {"n": 0}

    def flaky(sink, feature, label):
        calls["n"] += 1
        if calls["n"] == 10:
            raise ZeroDivisionError("injected")
        return real(sink, feature, label)
    monkeypatch.setattr(writing, "add_checked", flaky)
    with pytest.raises(QgsProcessingException) as exc:
        run(processing, "redlineoverlap", {"INPUT": PROPOSED, **CONTROLS, "OUTPUT": str(tmp_path / "o.gpkg")})
    text = str(exc.value)
    assert "内部错误" in text and "internal error" in text and "ZeroDivisionError" in text
    assert "Traceback" not in text and files_in(tmp_path) == []
    outcome("error")
