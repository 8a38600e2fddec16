"""Every algorithm runs headless through qgis_process.bin with the isolated profile (as consultants do)."""
import json

import pytest
from conftest import ROOT, SAMPLE, qgis_process

pytestmark = pytest.mark.slow


def L(name):
    return f"{SAMPLE}|layername={name}"


def test_plugin_is_listed():
    rc, _, out = qgis_process("list")
    for alg in ("validaterules", "redlineoverlap", "minimumscale", "mineralpolicy", "zoneassignment", "planindicators",
                "compliancereview", "importcoordinates", "compliancechain", "sitingareas", "avoidconstraints"):
        assert f"mineplan:{alg}" in out


def test_validaterules_default_parameters(tmp_path):
    rc, data, _ = qgis_process("--json", "run", "mineplan:validaterules", "--", f"OUTPUT={tmp_path / 'v.gpkg'}")
    assert data["results"]["ERRORS"] == 0 and data["results"]["WARNINGS"] >= 4


@pytest.mark.parametrize("alg,args", [
    ("redlineoverlap", ["INPUT=" + L("proposed_rights"), "ECO_REDLINE=" + L("eco_redline"),
                        "BASIC_FARMLAND=" + L("basic_farmland"), "MIN_OVERLAP_AREA=1", "AREA_METHOD=0"]),
    ("minimumscale", ["INPUT=" + L("proposed_rights"), "MINERAL_FIELD=mineral", "SCALE_FIELD=scale",
                      "CAPACITY_FIELD=capacity"]),
    ("mineralpolicy", ["INPUT=" + L("proposed_rights")]),
    ("zoneassignment", ["INPUT=" + L("proposed_rights"), "CONCENTRATED_MINING_AREAS=" + L("concentrated_mining_areas"),
                        "KEY_MINING_AREAS=" + L("key_mining_areas"), "MINING_BLOCKS=" + L("mining_blocks"),
                        "METHOD=0"]),
    ("planindicators", ["MINING_RIGHTS=" + L("mining_rights"), "EXPLORATION_BLOCKS=" + L("exploration_blocks")]),
    ("importcoordinates", [f"INPUT={ROOT}/data/coordinates/sample_bubiao_zone37.txt"]),
])
def test_algorithms_headless(tmp_path, alg, args):
    rc, data, _ = qgis_process("--json", "run", f"mineplan:{alg}", "--", *args, f"OUTPUT={tmp_path / 'o.gpkg'}")
    assert rc == 0 and (tmp_path / "o.gpkg").exists()
    json.dumps(data["results"])


def test_compliance_review_headless(tmp_path):
    args = ["PROPOSED=" + L("proposed_rights"), "ECO_REDLINE=" + L("eco_redline"),
            "BASIC_FARMLAND=" + L("basic_farmland"), "URBAN_BOUNDARY=" + L("urban_boundary"),
            "NATURE_RESERVE=" + L("nature_reserve"), "KEY_MINING_AREAS=" + L("key_mining_areas"),
            "KEY_EXPLORATION_AREAS=" + L("key_exploration_areas"),
            "CONCENTRATED_MINING_AREAS=" + L("concentrated_mining_areas"), "MINING_BLOCKS=" + L("mining_blocks"),
            "EXPLORATION_BLOCKS=" + L("exploration_blocks"), "KEY_DEVELOPMENT_AREAS=" + L("key_development_areas"),
            "MINING_RIGHTS=" + L("mining_rights"), f"OUTPUT={tmp_path / 'r.gpkg'}",
            f"REPORT_HTML={tmp_path / 'r.html'}", f"REPORT_PDF={tmp_path / 'r.pdf'}"]
    rc, data, _ = qgis_process("--json", "run", "mineplan:compliancereview", "--", *args)
    r = data["results"]
    from collections import Counter

    from qgis.core import QgsVectorLayer
    expected = Counter(f["expected_verdict"] for f in QgsVectorLayer(L("proposed_rights"), "p", "ogr").getFeatures())
    assert (r["OK_COUNT"], r["FAIL_COUNT"], r["ARGUE_COUNT"]) == (expected["符合"], expected["不符合"], expected["需论证"])
    assert (r["OK_COUNT"], r["FAIL_COUNT"], r["ARGUE_COUNT"]) == (4, 35, 7)
    assert (tmp_path / "r.pdf").stat().st_size > 50_000


def test_bad_parameter_is_a_clear_error(tmp_path):
    rc, data, out = qgis_process("--json", "run", "mineplan:minimumscale", "--", "INPUT=" + L("proposed_rights"),
                                 "MINERAL_FIELD=no_such_field", f"OUTPUT={tmp_path / 'o.gpkg'}", check=False)
    assert rc != 0 and "no_such_field" in out and "Traceback" not in out
    assert not (tmp_path / "o.gpkg").exists()


def test_chinese_profile_translates_names(tmp_path):
    """Under a Chinese profile (locale zh-Hans) algorithm names are Chinese, under English English."""
    import os
    import shutil
    prof = tmp_path / "profile"
    shutil.copytree(os.path.join(ROOT, ".build", "profile"), prof, symlinks=True)
    ini = prof / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    text = ini.read_text(encoding="utf-8")
    ini.write_text(text + "\n[locale]\noverrideFlag=true\nuserLocale=zh-Hans\n", encoding="utf-8")
    rc, _, out = qgis_process("list", env={"QGIS_CUSTOM_CONFIG_PATH": str(prof)})
    assert "区块与控制线压覆分析" in out and "规则文件校验" in out
    rc, _, out = qgis_process("list")
    assert "Block vs control-line overlap" in out


def test_package_installs_and_runs(tmp_path):
    """`make package` builds an installable zip (no tests/bench inside) that qgis_process can load."""
    import os
    import shutil
    import subprocess
    import zipfile
    cp = subprocess.run(["make", "-s", "package"], cwd=ROOT, capture_output=True, text=True)
    assert cp.returncode == 0, cp.stderr
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as fh:
        version = [line.split("=", 1)[1].strip() for line in fh if line.startswith("version=")][0]
    zpath = os.path.join(ROOT, "dist", f"mineplan-{version}.zip")
    with zipfile.ZipFile(zpath) as z:
        names = z.namelist()
        z.extractall(tmp_path / "plugins")
    assert "mineplan/metadata.txt" in names and "mineplan/i18n/mineplan_zh-Hans.qm" in names
    assert "mineplan/rules/plans/lingbao_2021_2025.yaml" in names and "mineplan/data/lingbao_sample.gpkg" in names
    assert not [n for n in names if n.startswith(("mineplan/tests/", "mineplan/bench/", "mineplan/.ci/"))]
    profile = tmp_path / "profile"
    env = {"QGIS_CUSTOM_CONFIG_PATH": str(profile), "QGIS_PLUGINPATH": str(tmp_path / "plugins")}
    qgis_process("plugins", "enable", "mineplan", env=env)
    rc, data, _ = qgis_process("--json", "run", "mineplan:validaterules", "--", f"OUTPUT={tmp_path / 'v.gpkg'}",
                               env=env)
    assert data["results"]["WARNINGS"] >= 4
    shutil.rmtree(tmp_path / "plugins")
