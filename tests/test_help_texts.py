"""The help panel of every algorithm speaks the dialog's language (issue #18, item 4): parameters are named by the
labels the dialog shows (in “…”), never by their internal keys (INPUT, AREA_TOLERANCE …), and output fields by what
the user sees, never by internal field names (not_checked, reasons …). Under a Chinese locale the help is Chinese and
its quoted labels are the Chinese labels of the dialog."""
import re

import pytest

ALG_IDS = ["avoidconstraints", "completeapplication", "compliancereview", "importcoordinates", "mineralpolicy",
           "minimumscale", "planindicators", "redlineoverlap", "sitingareas", "validaterules", "zoneassignment"]

# words that are keys of some algorithm and plain words of the prose as well
PLAIN_WORDS = {"CRS"}
# input field names the algorithms detect in the user's data (the user's own fields, not ours)
USER_FIELDS = {"right_type"}
# internal output field names that are single words (snake_case names are found by pattern)
INTERNAL_WORDS = {"reasons", "not_checked"}
SNAKE = re.compile(r"(?<![\w/.])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w/]|\.\w)")
QUOTED = re.compile(r"“([^”]+)”")


def _alg(alg_id):
    from qgis.core import QgsApplication
    alg = QgsApplication.processingRegistry().algorithmById("mineplan:" + alg_id)
    assert alg is not None, alg_id
    return alg


def _keys(alg):
    keys = {p.name().split(":")[-1] for p in alg.parameterDefinitions()}
    keys |= {o.name().split(":")[-1] for o in alg.outputDefinitions()}
    return keys - PLAIN_WORDS


def _labels(alg):
    return {p.description() for p in alg.parameterDefinitions()} | {o.description() for o in alg.outputDefinitions()}


def _must_mention(alg):
    """Every parameter except the role layers, the field choices and the shared rule file, which a help text may
    name as a group."""
    from qgis.core import QgsProcessingParameterField, QgsProcessingParameterMultipleLayers

    from mineplan.rules.model.vocab import ROLE_BY_ID
    roles = {r.param for r in ROLE_BY_ID.values()} | {"OTHER_CONSTRAINTS"}
    return [p for p in alg.parameterDefinitions()
            if p.name() not in roles and p.name() != "RULESET"
            and not isinstance(p, (QgsProcessingParameterField, QgsProcessingParameterMultipleLayers))]


def test_the_checks_catch_todays_keys(processing):
    """The patterns find what the old help texts said ("DECLARED_AREA_UNIT: unit of …", "named in not_checked")."""
    old = "DECLARED_AREA_UNIT: unit of the declared area; named in the reasons and in not_checked; eco_area_m2."
    keys = {"DECLARED_AREA_UNIT"}
    assert [k for k in keys if re.search(rf"(?<![\w]){k}(?![\w])", old)] == ["DECLARED_AREA_UNIT"]
    assert SNAKE.findall(old) == ["not_checked", "eco_area_m2"]
    assert "reasons" in re.findall(r"\w+", old)
    assert SNAKE.findall("copy core/report/templates/review_zh.html.j2") == []


@pytest.mark.parametrize("alg_id", ALG_IDS)
def test_help_names_labels_not_keys(processing, alg_id):
    alg = _alg(alg_id)
    text = alg.shortHelpString()
    assert text
    keys = sorted(k for k in _keys(alg) if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", text))
    assert keys == [], f"{alg_id}: help names parameter/output keys {keys}"
    internal = sorted({s for s in SNAKE.findall(text) if s not in USER_FIELDS}
                      | {w for w in re.findall(r"\w+", text) if w in INTERNAL_WORDS})
    assert internal == [], f"{alg_id}: help names internal field names {internal}"
    labels = _labels(alg)
    wrong = [q for q in QUOTED.findall(text) if q not in labels]
    assert wrong == [], f"{alg_id}: quoted text that is no label of the dialog: {wrong}"
    missing = [f"{p.name()} “{p.description()}”" for p in _must_mention(alg) if f"“{p.description()}”" not in text]
    assert missing == [], f"{alg_id}: help does not mention {missing}"


def test_opinion_and_proposal_parameters_are_explained(processing):
    review = _alg("compliancereview").shortHelpString()
    for word in ("{year}", "{seq}", "审查意见书", "文号"):
        assert word in review, word
    avoid = _alg("avoidconstraints").shortHelpString()
    for word in ("建议范围", "平方千米", "2022", "自然资源部"):
        assert word in avoid, word


def test_help_is_chinese_under_a_chinese_locale(processing):
    """zh-Hans (what QGIS 3.22 stores): every help is translated, and what it quotes are the dialog's Chinese
    labels."""
    from mineplan.core.support import i18n
    english = {a: _alg(a).shortHelpString() for a in ALG_IDS}
    try:
        assert i18n.install_translator("zh-Hans") and i18n.is_chinese()
        for alg_id in ALG_IDS:
            alg = _alg(alg_id)
            text = alg.shortHelpString()
            assert text != english[alg_id], f"{alg_id}: help not translated"
            zh_labels = {i18n.tr(p) for p in _labels(alg)}
            wrong = [q for q in QUOTED.findall(text) if q not in zh_labels]
            assert wrong == [], f"{alg_id}: quoted text that is no Chinese label of the dialog: {wrong}"
            keys = sorted(k for k in _keys(alg) if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", text))
            assert keys == [], f"{alg_id}: Chinese help names keys {keys}"
        review = _alg("compliancereview").shortHelpString()
        assert "审查意见书" in review and "{year}" in review and "{seq}" in review
        assert "“" + i18n.tr("Area tolerance (%)") + "”" in _alg("importcoordinates").shortHelpString()
    finally:
        i18n.install_translator("en_US")


# what a planner fills in first: never hidden under "Advanced"
FILLED_IN = {"INPUT", "PROPOSED", "OUTPUT", "RULESET", "ECO_REDLINE", "BASIC_FARMLAND", "URBAN_BOUNDARY", "NATURE_RESERVE",
             "MINING_BLOCKS", "MINERAL", "REVIEW_UNIT", "REVIEWER", "OPINIONS_FOLDER", "DOC_DATE", "REPORT_PDF", "APP_TYPE"}


@pytest.mark.parametrize("alg_id", ALG_IDS)
def test_every_parameter_has_its_own_help(alg_id):
    """setHelp on every parameter (issue #20, item 4): a sentence of its own, not the label repeated, and the
    rarely changed ones (field overrides, area method, thresholds, report details) under "Advanced"."""
    from qgis.core import QgsProcessingParameterDefinition

    from mineplan.processing_provider.parameters import ADVANCED_ALWAYS
    alg = _alg(alg_id)
    advanced = QgsProcessingParameterDefinition.Flag.FlagAdvanced
    for p in alg.parameterDefinitions():
        assert p.help() and p.help() != p.description() and len(p.help()) > 30, (alg_id, p.name(), p.help())
        is_advanced = bool(p.flags() & advanced)
        if p.name() in ADVANCED_ALWAYS:
            assert is_advanced, (alg_id, p.name())
        if p.name() in FILLED_IN:
            assert not is_advanced, (alg_id, p.name())
    shown = [p for p in alg.parameterDefinitions() if not p.flags() & advanced]
    if alg_id == "compliancereview":       # 48 parameters, about half shown first
        assert 20 <= len(shown) <= 30, len(shown)


def test_parameter_help_in_chinese():
    from mineplan.core.support import i18n
    try:
        assert i18n.install_translator("zh_CN")
        from qgis.core import QgsApplication
        alg = QgsApplication.processingRegistry().algorithmById("mineplan:compliancereview").create()
        helps = {p.name(): p.help() for p in alg.parameterDefinitions()}
        assert "留空：按字段名自动识别" in helps["MINERAL_FIELD"] and "kz" in helps["MINERAL_FIELD"]
        assert helps["ECO_REDLINE"].startswith("可选：生态保护红线面图层")
        assert "文号" in helps["DOC_NUMBER_PATTERN"] and "{year}" in helps["DOC_NUMBER_PATTERN"]
    finally:
        i18n.install_translator("en_US")
