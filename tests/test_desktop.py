"""The real QGIS desktop under Xvfb: open the sample project, choose 规划符合性审查… through the plugin's own
action and press Run without touching a parameter — the same verdicts as ``make demo`` (the sample's designed
verdicts: 符合 4 / 不符合 35 / 需论证 7), a result layer styled by verdict with Chinese aliases. ~15 s: the desktop starts once per locale."""
import json
import os
import shutil
import subprocess

import pytest
from conftest import BUILD, PLUGINS, ROOT

pytestmark = pytest.mark.slow


def run_desktop(tmp_path, script, locale="zh-Hans", timeout=150, env=None):
    """Run tests/<script> in qgis.bin under Xvfb with a copy of the test profile; its JSON result ($MINEPLAN_OUT).
    ``env``: more environment for the script."""
    if shutil.which("xvfb-run") is None or shutil.which("qgis.bin") is None:
        pytest.skip("xvfb-run or qgis.bin missing")
    profile = tmp_path / "profile"
    shutil.copytree(os.path.join(BUILD, "profile"), profile)
    ini = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    with open(ini, "a", encoding="utf-8") as fh:
        fh.write(f"\n[locale]\noverrideFlag=true\nuserLocale={locale}\n\n[qgis]\ncheckVersion=false\nshowTips=false\n")
    xdg = tmp_path / "xdg"
    xdg.mkdir(mode=0o700)
    out = tmp_path / "out.json"
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(profile), "QGIS_PLUGINPATH": PLUGINS,
           "XDG_RUNTIME_DIR": str(xdg), "MINEPLAN_ROOT": ROOT, "MINEPLAN_OUT": str(out), **(env or {})}
    env.pop("QT_QPA_PLATFORM", None)
    cp = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "qgis.bin", "--nologo", "--noversioncheck",
                         "--code", os.path.join(ROOT, "tests", script)],
                        capture_output=True, text=True, env=env, timeout=timeout, cwd=str(tmp_path))
    assert out.exists(), cp.stdout[-3000:] + cp.stderr[-3000:]
    with open(out, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.mark.parametrize("locale,action,title", [("zh-Hans", "规划符合性审查…", "规划符合性审查"),
                                                 ("en_US", "Plan compliance review…", "Plan compliance review")])
def test_review_dialog_from_the_plugin_menu_gives_the_demo_verdicts(tmp_path, locale, action, title):
    state = run_desktop(tmp_path, "desktop_review.py", locale)
    assert "error" not in state, state.get("error")
    # QGIS title-cases; 3.40 prefixes the group ("规划审查与指标 - 规划符合性审查")
    assert state["action_text"] == action and state["dialog_title"].casefold().rsplit(" - ", 1)[-1] == title.casefold()
    pre = state["prefilled"]
    for key in ("PROPOSED", "ECO_REDLINE", "BASIC_FARMLAND", "URBAN_BOUNDARY", "NATURE_RESERVE", "KEY_EXPLORATION_AREAS",
                "KEY_MINING_AREAS", "CONCENTRATED_MINING_AREAS", "EXPLORATION_BLOCKS", "MINING_BLOCKS",
                "KEY_DEVELOPMENT_AREAS", "MINING_RIGHTS", "EXPLORATION_RIGHTS", "COUNTY_BOUNDARY"):
        assert pre.get(key), key              # every role layer of the project is selected in the dialog
    assert state["ok"] is True, state.get("log")
    res = state["results"]
    for key, path in state["reports"].items():       # the three reports, written from the dialog's task thread
        assert res[key] == path and os.path.getsize(path) > 10_000, key
    with open(state["reports"]["REPORT_PDF"], "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    from collections import Counter

    from conftest import sample_layer
    from qgis.core import QgsVectorLayer
    designed = Counter(f["expected_verdict"] for f in QgsVectorLayer(sample_layer("proposed_rights"), "p", "ogr")
                       .getFeatures())
    assert (res["OK_COUNT"], res["FAIL_COUNT"], res["ARGUE_COUNT"]) == \
        (designed["符合"], designed["不符合"], designed["需论证"]) == (4, 35, 7)
    layer = state["layer"]
    assert layer["renderer"] == "categorizedSymbol"
    values = [v for v, _ in layer["categories"]]
    assert values[:3] == ["符合", "不符合", "需论证"]
    assert layer["alias_verdict"] == "审查结论"              # aliases are Chinese data names in both UIs
    assert state["canvas_scale"] > 1000       # the sample project opens on the county, not at 1:1
    moving = sorted(set(v for v in state["progress"] if v > 0))
    assert len(moving) >= 5 and moving[-1] >= 99, state["progress"]   # the progress bar moves through the review
