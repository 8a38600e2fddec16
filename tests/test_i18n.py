"""Translation: complete .ts, the loader's locale spellings, Chinese names under a Chinese locale."""
import os
import subprocess
import sys

from conftest import ROOT


def test_ts_is_complete():
    """No tr()/N_() string missing from the .ts, none unfinished."""
    cp = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "update_ts.py"), "--check"],
                        capture_output=True, text=True)
    assert cp.returncode == 0, cp.stdout


def test_candidate_names():
    from mineplan.core.support.i18n import candidate_names
    assert candidate_names("zh-Hans")[:3] == ["zh-Hans", "zh_CN", "zh_Hans"]
    assert "zh-Hans" in candidate_names("zh_CN") and "zh" in candidate_names("zh_CN")
    assert "zh-Hans" not in candidate_names("zh_TW") and "zh-Hans" not in candidate_names("zh-Hant")
    assert candidate_names("en_US") == ["en_US", "en"]


def test_algorithms_in_chinese_and_english(processing):
    from qgis.core import QgsApplication

    from mineplan.core.support import i18n
    try:
        assert i18n.install_translator("zh_CN") and i18n.is_chinese()
        reg = QgsApplication.processingRegistry()
        names = {a.id(): a.displayName() for a in reg.providerById("mineplan").algorithms()}
        assert names["mineplan:redlineoverlap"] == "区块与控制线压覆分析"
        assert names["mineplan:validaterules"] == "规则文件校验"
        assert names["mineplan:compliancereview"] == "规划符合性审查"
        alg = reg.algorithmById("mineplan:minimumscale")
        assert "专栏6" in alg.shortHelpString() and "最低开采规模" in alg.shortHelpString()
        assert reg.providerById("mineplan").name() == "矿产资源规划审查"
    finally:
        i18n.install_translator("en_US")
    assert QgsApplication.processingRegistry().algorithmById("mineplan:redlineoverlap").displayName() == \
        "Block vs control-line overlap"


def test_errors_are_bilingual_whatever_the_locale():
    from mineplan.core.support import messages as M
    assert "至少需要一个控制线图层" in M.NEED_CONTROL_LAYER and "give at least one control-line layer" in M.NEED_CONTROL_LAYER
