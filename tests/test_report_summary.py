"""The review report's summary table: every check has a column or is counted in 其他检查, so no row's columns
all say 符合 while its conclusion does not (the whole sample, reviewed by the pipeline the report uses)."""
# ruff: noqa: F811 - the fixtures imported from test_gui are the parameters of the tests
import re

import pytest
from test_gui import configured, sample_project  # noqa: F401 - fixtures

from mineplan.rules.model.vocab import ARGUE, FAIL, OK, VERDICT_EN, final_of


@pytest.fixture
def sample_reviews(configured):
    from qgis.core import QgsProject

    from mineplan.core.inputs.roles import ReviewSettings
    from mineplan.dialogs.dock_facts import EngineCache, LayerSnapshot, review_selection
    from mineplan.rules.model.vocab import ROLES
    settings = ReviewSettings.load()
    snapshots = {r.id: LayerSnapshot(settings.layer(r.id)) for r in ROLES
                 if r.id not in ("proposed", "other") and settings.layer(r.id) is not None}
    proposed = configured["proposed_rights"]
    cache = EngineCache()
    pipeline = cache.ensure(settings, snapshots, LayerSnapshot(proposed), "proposed",
                            QgsProject.instance().transformContext())
    reviews = review_selection(pipeline, [f.id() for f in proposed.getFeatures()])
    assert len(reviews) == 46
    return cache.rs, pipeline.layers, reviews


def report_rows(sample_reviews, lang):
    from mineplan.core.report.review import ReviewReport
    rs, layers, reviews = sample_reviews
    report = ReviewReport.__new__(ReviewReport)
    report.rs, report.layers, report.lang = rs, layers, lang
    return [report._feature(n, r, None) for n, r in enumerate(reviews, start=1)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_non_compliant_row_shows_why_in_its_columns(sample_reviews, lang):
    words = {code: (code if lang == "zh" else VERDICT_EN[code]) for code in VERDICT_EN}
    meaning = {text: final_of(code) for code, text in words.items()}
    rows = report_rows(sample_reviews, lang)
    assert sum(row["code"] == FAIL for row in rows) == 35
    for row in rows:
        assert list(row["summary"]) == ["overlap", "siting", "scale", "policy", "zone", "other"]
        shown = [meaning.get(text, OK) for text in row["summary"].values()]
        if row["code"] == FAIL:
            assert FAIL in shown, (row["id"], row["summary"])
        if row["code"] == ARGUE:
            assert ARGUE in shown, (row["id"], row["summary"])
        if row["code"] == OK:
            assert set(shown) == {OK}, (row["id"], row["summary"])


def test_other_checks_column_names_the_check_that_decides(sample_reviews):
    rows = {row["id"]: row for row in report_rows(sample_reviews, "zh")}
    assert rows["SQ2025-44"]["summary"]["other"] == "不符合" and "三率指标" in rows["SQ2025-44"]["summary_note"]["other"]
    assert rows["SQ2025-45"]["summary"]["other"] == "不符合" and "勘查资金来源" in rows["SQ2025-45"]["summary_note"]["other"]
    assert rows["SQ2025-08"]["summary"]["other"] == "符合" and rows["SQ2025-08"]["summary_note"]["other"] == ""


def test_mineral_shown_once_with_its_plan_name():
    from mineplan.core.report.review import mineral_shown
    assert mineral_shown("建筑石料用灰岩", "建筑石料用灰岩（建筑石料）") == "建筑石料用灰岩（建筑石料）"
    assert mineral_shown("灰岩", "建筑石料用灰岩") == "灰岩（建筑石料用灰岩）"
    assert mineral_shown("灰岩", "建筑石料用灰岩", "en") == "灰岩 (建筑石料用灰岩)"
    assert mineral_shown("金矿（岩金）", "金矿") == "金矿（岩金）"
    assert mineral_shown("金矿", "金矿") == "金矿" and mineral_shown("锂辉石", None) == "锂辉石"


def test_no_mineral_named_twice_in_the_summary(sample_reviews):
    rows = report_rows(sample_reviews, "zh")
    assert any(row["mineral"] == "建筑石料用灰岩（建筑石料）" for row in rows)
    for row in rows:       # neither 金矿（岩金）（金矿） nor 建筑石料用灰岩（建筑石料用灰岩（建筑石料））
        assert "）（" not in row["mineral"] and not re.search(r"（[^）]*（", row["mineral"]), row["mineral"]
