"""The planner's desk path in the real QGIS desktop under Xvfb (issue 18), through the plugin's own menu entry
由坐标文件新建申请…: a 报盘 file of two 块段 and a 部标 file with 开采标高 (and an unclosed ring) are imported,
completed, reviewed, and give one 审查意见书 each (PDF + ODT) with 文号, date, 拐点坐标 table and gridded map.
The script is tests/desktop_intake.py; ``MINEPLAN_DESK_SHOTS=<folder>`` keeps its screenshots (docs/img/desk/)."""
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from test_desktop import run_desktop

pytestmark = pytest.mark.slow


def odt_text(path):
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", " ", z.read("content.xml").decode("utf-8"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("desk")
    shots = os.environ.get("MINEPLAN_DESK_SHOTS") or str(tmp / "shots")
    os.makedirs(shots, exist_ok=True)
    opinions = tmp / "审查意见书"
    state = run_desktop(tmp, "desktop_intake.py", "zh-Hans", timeout=300,
                        env={"MINEPLAN_SHOTS": shots, "MINEPLAN_OPINIONS": str(opinions)})
    if os.environ.get("MINEPLAN_DESK_SHOTS"):
        keep_for_docs(opinions, shots)
    return state, opinions, shots


DOC_SHOTS = ("baopan_1_import", "baopan_2_complete", "baopan_3_review", "baopan_3_review_log",
             "bubiao_1_import_log", "bubiao_2_complete", "4_desktop")


def keep_for_docs(opinions, shots):
    """docs/img/desk: the chosen dialogs and page 1 (and the map page) of both 意见书, as 8-bit PNGs."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QImage
    if shutil.which("pdftoppm"):
        for pdf in sorted(f for f in os.listdir(opinions) if f.endswith(".pdf")):
            stem = "opinion_" + ("baopan" if "101" in pdf else "bubiao")
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(opinions / pdf), os.path.join(shots, stem)],
                           check=True)
    for name in os.listdir(shots):
        path = os.path.join(shots, name)
        if name.endswith(".png") and (name[:-4] in DOC_SHOTS or name.startswith("opinion_")):
            img = QImage(path).convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
            img.save(path, "PNG", 9)
        elif name.endswith(".png"):
            os.remove(path)


def test_both_files_go_the_whole_path(desk):
    state, _, _ = desk
    assert "error" not in state, state.get("error")
    assert state["action_text"] == "由坐标文件新建申请…"
    for run in state["runs"]:
        assert [s["alg"] for s in run["steps"]] == ["mineplan:importcoordinates", "mineplan:completeapplication",
                                                    "mineplan:compliancereview"], run["name"]
        assert all(s["ok"] for s in run["steps"]), [s.get("log") for s in run["steps"]]
        imp, comp, rev = run["steps"]
        # each dialog is preset from the one before; the review needs no field mapping
        assert comp["preset"]["INPUT"] and rev["preset"]["PROPOSED"]
        assert rev["preset"]["MINING_BLOCKS"] and rev["preset"]["ECO_REDLINE"]
        assert rev["results"]["FEATURE_COUNT"] == 1 and rev["results"]["OPINION_FILES"] == 2


def test_the_bubiao_file_is_closed_with_a_warning(desk):
    state, _, _ = desk
    imp = state["runs"][1]["steps"][0]
    assert "闭合" in imp["log"], imp["log"]


def test_one_opinion_each_with_number_date_corners(desk):
    state, opinions, _ = desk
    files = sorted(os.listdir(opinions))
    assert files == ["灵审申〔2026〕101_审查意见书.odt", "灵审申〔2026〕101_审查意见书.pdf",
                     "灵审申〔2026〕102_审查意见书.odt", "灵审申〔2026〕102_审查意见书.pdf"], files
    first = odt_text(opinions / files[0])
    second = odt_text(opinions / files[2])
    assert "灵自然资审〔2026〕7号" in first and "灵自然资审〔2026〕8号" in second
    for text in (first, second):
        assert "2026年12月6日" in text
        assert "灵宝市自然资源和规划局" in text
        # no tool footer in the signed text: the tool is named only in the annex (附件：审查说明)
        assert "MinePlan" not in text or text.index("MinePlan") > text.index("附件") >= 0
    # the 拐点坐标 tables hold the files' corners (2 decimals), both 块段 of the 报盘 file with their 标高
    for corner in ("3812000.00", "37486000.00", "3812900.00", "37486600.00", "3812500.00", "37488000.00"):
        assert corner in first, corner
    assert "+1200" in first and "+700" in first
    assert "2000国家大地坐标系 3度带高斯-克吕格投影 第37带" in first and "Gauss" not in first
    for corner in ("3830000.00", "37500000.00", "3830400.00", "37500500.00"):
        assert corner in second, corner
    assert "+1350" in second and "+950" in second
    for pdf in (files[1], files[3]):
        with open(opinions / pdf, "rb") as fh:
            assert fh.read(5) == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(opinions / files[1]), "-"], capture_output=True, text=True).stdout
        assert "灵自然资审〔2026〕7号" in text.replace(" ", "") and "3812000.00" in text


def test_verdicts_and_screenshots(desk):
    state, _, shots = desk
    rows = [r for layer in state["reviewed"] for r in layer["rows"]]
    verdicts = {r["app_no"]: r["verdict"] for r in rows}
    assert set(verdicts) >= {"灵审申〔2026〕101", "灵审申〔2026〕102"}, verdicts
    # both lie outside every 开采规划区块 / 集中开采区 of the sample (第五章第四节 一律不得新设采矿权); the 钼矿 parcel
    # also covers 永久基本农田
    assert verdicts == {"灵审申〔2026〕101": "不符合", "灵审申〔2026〕102": "不符合"}, verdicts
    reasons = {r["app_no"]: r["reasons"] for r in rows}
    assert all("【设置区域·不符合】" in r and "第五章第四节" in r for r in reasons.values())
    assert "压覆永久基本农田" in reasons["灵审申〔2026〕102"]
    names = sorted(os.path.basename(p) for p in state["shots"])
    assert len(names) == 13, names
    assert all(os.path.getsize(p) > 5_000 for p in state["shots"] if os.path.exists(p)), names
