"""Run inside the real QGIS desktop (``qgis.bin --code``, see tests/test_desktop_intake.py): the planner's desk path
(issue 18) through the plugin's own menu, twice — a 报盘 file of two 块段, then a 部标 file with 开采标高 and an
unclosed ring. Each time: 由坐标文件新建申请… → the 导入拐点坐标 dialog (the file typed in) → the 补全申请信息 dialog
(矿种, 规模, 申请人 … typed in) → the 合规性审查 dialog (preset by the plugin; the opinions folder, 文号 sequence and
date typed in) → one 审查意见书 per application. Every dialog is the real Processing dialog, filled through its own
widgets (``setParameters``) and run with its Run button; each is grabbed before Run and after the run.

Environment: MINEPLAN_ROOT, MINEPLAN_OUT (JSON result), MINEPLAN_SHOTS (folder for the PNG screenshots),
MINEPLAN_OPINIONS (folder for the 意见书). ``qgis.bin --code`` exec()s this file without ``__file__``.
"""
import json
import os
import traceback

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QTextBrowser
from qgis.utils import iface, plugins

ROOT = os.environ["MINEPLAN_ROOT"]
OUT = os.environ["MINEPLAN_OUT"]
SHOTS = os.environ["MINEPLAN_SHOTS"]
OPINIONS = os.environ["MINEPLAN_OPINIONS"]
COORDS = os.path.join(ROOT, "data", "coordinates")
DATE = "2026-12-06"

# what the planner types in each dialog, per run (the rest is the plugin's preset)
RUNS = [
    {"name": "baopan",
     "mineplan:importcoordinates": {"INPUT": os.path.join(COORDS, "sample_baopan_mining_gbk.txt")},
     "mineplan:completeapplication": {"APP_TYPE": "新立", "SCALE": "中型", "CAPACITY": 30.0, "RESERVES": 300.0,
                                      "MINING_METHOD": "地下", "GRANT_METHOD": "净矿出让",
                                      "APP_NO": "灵审申〔2026〕101"},
     "mineplan:compliancereview": {"OPINIONS_FOLDER": OPINIONS, "OPINION_FORMATS": [0, 1], "DOC_START_SEQ": 7,
                                   "DOC_DATE": DATE, "REVIEW_UNIT": "灵宝市自然资源和规划局"}},
    {"name": "bubiao",
     "mineplan:importcoordinates": {"INPUT": os.path.join(COORDS, "sample_bubiao_molybdenum_elev.txt")},
     "mineplan:completeapplication": {"MINERAL": "钼矿", "RIGHT_TYPE": "采矿权", "APP_TYPE": "新立",
                                      "SCALE": "小型", "CAPACITY": 5.0, "RESERVES": 40.0,
                                      "MINING_METHOD": "地下", "APPLICANT": "灵宝市示例钼业有限公司",
                                      "APP_NO": "灵审申〔2026〕102"},
     "mineplan:compliancereview": {"OPINIONS_FOLDER": OPINIONS, "OPINION_FORMATS": [0, 1], "DOC_START_SEQ": 8,
                                   "DOC_DATE": DATE, "REVIEW_UNIT": "灵宝市自然资源和规划局"}},
]
STEP_SHOT = {"mineplan:importcoordinates": "1_import", "mineplan:completeapplication": "2_complete",
             "mineplan:compliancereview": "3_review"}
STATE = {"log": [], "runs": []}
CURRENT = {"run": -1}


def done():
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(STATE, fh, ensure_ascii=False, indent=1, default=str)
    os._exit(0)         # skip QGIS's exit sequence: nothing to save


def fail(msg):
    STATE["error"] = msg
    done()


def guarded(fn):
    def wrapper(*args):
        try:
            fn(*args)
        except Exception:  # noqa: BLE001 - reported to the test
            fail(traceback.format_exc())
    return wrapper


def find_dialog():
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and hasattr(w, "runButton") and hasattr(w, "algorithm"):
            return w
    return None


def shot(widget, name):
    path = os.path.join(SHOTS, f"{name}.png")
    widget.grab().save(path)
    STATE.setdefault("shots", []).append(path)


def jsonable(value):
    return value if isinstance(value, (str, int, float, bool, list)) or value is None else str(value)


def preset(dlg) -> dict:
    """What the dialog shows before the planner types (a required file still empty: nothing to read yet)."""
    try:
        return {k: jsonable(v) for k, v in dlg.createProcessingParameters().items()}
    except Exception as exc:  # noqa: BLE001 - AlgorithmDialogBase.InvalidParameterValue
        return {"_unset": str(exc.args[0].name()) if exc.args else str(exc)}


@guarded
def poll():
    """The next dialog the flow opens (modal: the plugin's action is still running underneath)."""
    dlg = find_dialog()
    run = STATE["runs"][CURRENT["run"]]
    if run.get("finished"):
        return                     # the chain is over: next_run goes on when the action returns
    # a dialog already handled carries a property: id() would not do — a closed dialog's address is reused by the
    # next one (seen once on QGIS 3.40: run 2's first dialog taken for run 1's, the walkthrough waited to its timeout)
    if dlg is None or dlg.property("mineplan_seen"):
        QTimer.singleShot(300, poll)
        return
    dlg.setProperty("mineplan_seen", True)
    alg_id = dlg.algorithm().id()
    step = {"alg": alg_id, "title": dlg.windowTitle(), "preset": preset(dlg)}
    run["steps"].append(step)
    typed = RUNS[CURRENT["run"]].get(alg_id)
    if typed is None:
        fail(f"unexpected dialog {alg_id}")
        return
    dlg.setParameters(typed)
    dlg.resize(900, 760)
    QApplication.processEvents()
    prefix = f"{RUNS[CURRENT['run']]['name']}_{STEP_SHOT[alg_id]}"
    shot(dlg, prefix)

    def finished(ok, results):
        step["ok"] = ok
        step["results"] = {k: jsonable(v) for k, v in results.items()}
        QTimer.singleShot(1200, lambda: after_run(dlg, prefix, step))
    dlg.algorithmFinished.connect(finished)
    dlg.runButton().click()


@guarded
def after_run(dlg, prefix, step):
    QApplication.processEvents()
    shot(dlg, prefix + "_log")
    log = dlg.findChild(QTextBrowser)
    step["log"] = log.toPlainText()[-4000:] if log is not None else ""
    if step["alg"] == "mineplan:compliancereview":
        STATE["runs"][CURRENT["run"]]["finished"] = True
    dlg.close()                    # execAlgorithmDialog returns; the flow opens the next dialog
    QTimer.singleShot(500, poll)


@guarded
def next_run():
    CURRENT["run"] += 1
    if CURRENT["run"] >= len(RUNS):
        QTimer.singleShot(500, finish)
        return
    STATE["runs"].append({"name": RUNS[CURRENT["run"]]["name"], "steps": []})
    QTimer.singleShot(800, poll)
    STATE["action_text"] = ACTION.text()
    ACTION.trigger()               # modal chain: returns when the review dialog is closed (or a step canceled)
    if not STATE["runs"][CURRENT["run"]].get("finished"):
        fail(f"the desk path stopped early in run {CURRENT['run'] + 1}")
        return
    QTimer.singleShot(500, next_run)


@guarded
def finish():
    canvas = iface.mapCanvas()
    apps = [lyr for lyr in QgsProject.instance().mapLayers().values()
            if lyr.type() == 0 and lyr.fields().lookupField("app_no") >= 0
            and lyr.fields().lookupField("verdict") >= 0]
    STATE["reviewed"] = [{"layer": lyr.name(), "rows": [
        {n: jsonable(f[n]) for n in ("app_no", "mineral", "verdict", "reasons") if n in lyr.fields().names()}
        for f in lyr.getFeatures()]} for lyr in apps]
    if apps:
        canvas.setExtent(apps[-1].extent().buffered(3000))
    processing = plugins.get("processing")
    dock = getattr(processing, "resultsDock", None)
    if dock is not None:
        dock.show()
        dock.fillTree()
        QApplication.processEvents()
        STATE["results_viewer"] = [dock.treeResults.topLevelItem(i).text(0)
                                   for i in range(dock.treeResults.topLevelItemCount())]
    canvas.refreshAllLayers()
    QTimer.singleShot(2500, lambda: (shot(iface.mainWindow(), "4_desktop"), done()))


def start():
    global ACTION
    try:
        project = QgsProject.instance()
        if not project.read(os.path.join(ROOT, "data", "lingbao_sample.qgz")):
            fail("project not read")
            return
        iface.mainWindow().resize(1366, 768)
        QApplication.processEvents()
        plugin = plugins.get("mineplan")
        if plugin is None:
            fail("plugin not loaded")
            return
        ACTION = plugin.action("application")
        QTimer.singleShot(240_000, lambda: fail("timeout"))
        next_run()
    except Exception:  # noqa: BLE001
        fail(traceback.format_exc())


ACTION = None
QTimer.singleShot(1000, start)
