"""Run inside the real QGIS desktop (``qgis.bin --code``, see tests/test_desktop.py): open the sample project,
choose 规划符合性审查… through the plugin's own action, press Run without touching a parameter, and write
what happened to $MINEPLAN_OUT (JSON): the dialog's pre-filled parameters, the algorithm's results, the
style and aliases of the loaded result layer, the canvas scale on opening.

``qgis.bin --code`` exec()s this file without ``__file__``; everything it needs comes from the environment.
"""
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

ROOT = os.environ["MINEPLAN_ROOT"]
OUT = os.environ["MINEPLAN_OUT"]
STATE = {"log": []}


def done():
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(STATE, fh, ensure_ascii=False, indent=1, default=str)
    os._exit(0)         # skip QGIS's exit sequence: nothing to save


def fail(msg):
    STATE["error"] = msg
    done()


def find_dialog():
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and hasattr(w, "runButton") and hasattr(w, "algorithm"):
            return w
    return None


def collect_layer():
    layers = [lyr for lyr in QgsProject.instance().mapLayers().values()
              if lyr.type() == 0 and lyr.fields().lookupField("overlap_verdict") >= 0]
    if not layers:
        return
    lyr = layers[0]
    r = lyr.renderer()
    STATE["layer"] = {"name": lyr.name(), "renderer": r.type(),
                      "categories": [(c.value(), c.symbol().color().name()) for c in getattr(r, "categories", list)()],
                      "alias_verdict": lyr.attributeAlias(lyr.fields().lookupField("verdict")),
                      "alias_reasons": lyr.attributeAlias(lyr.fields().lookupField("reasons"))}


def on_dialog():
    dlg = find_dialog()
    if dlg is None:
        STATE["log"].append("waiting for the dialog")
        QTimer.singleShot(500, on_dialog)
        return
    try:
        STATE["dialog_title"] = dlg.windowTitle()
        params = dlg.createProcessingParameters()
        # the reports a planner ticks: the PDF is laid out in the dialog's task thread (see start())
        reports = {k: os.path.join(os.path.dirname(OUT), f"review.{ext}")
                   for k, ext in (("REPORT_HTML", "html"), ("REPORT_PDF", "pdf"), ("REPORT_ODT", "odt"))}
        dlg.setParameters(reports)
        STATE["reports"] = reports
        STATE["prefilled"] = {k: (v if isinstance(v, (str, int, float, list)) or v is None else str(v))
                              for k, v in params.items()}

        def finished(ok, results):
            STATE["ok"] = ok
            STATE["results"] = {k: v for k, v in results.items() if isinstance(v, (int, float, str))}
            QTimer.singleShot(1500, after_run)
        dlg.algorithmFinished.connect(finished)
        from qgis.PyQt.QtWidgets import QProgressBar
        STATE["progress"] = []
        for bar in dlg.findChildren(QProgressBar):     # every value the dialog's progress bar shows
            bar.valueChanged.connect(STATE["progress"].append)
        dlg.runButton().click()
    except Exception:  # noqa: BLE001 - reported to the test
        fail(traceback.format_exc())


def after_run():
    dlg = find_dialog()
    if dlg is not None:
        dlg.close()
    QTimer.singleShot(500, finish)


def finish():
    try:
        collect_layer()
    except Exception:  # noqa: BLE001
        STATE["layer_error"] = traceback.format_exc()
    done()


def start():
    try:
        project = QgsProject.instance()
        if not project.read(os.path.join(ROOT, "data", "lingbao_sample.qgz")):
            fail("project not read")
            return
        QApplication.processEvents()
        STATE["canvas_scale"] = iface.mapCanvas().scale()
        STATE["locale"] = QgsApplication.locale()
        plugin = plugins.get("mineplan")
        if plugin is None:
            fail("plugin not loaded")
            return
        # a small PDF laid out in the main thread first (as an earlier export would): with it, QGIS 3.22's
        # desktop task thread got dead text-layout wrappers from PyQt while paginating the review's PDF
        from mineplan.core.report.pdf import html_to_pdf
        rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(120))
        html_to_pdf(f"<html><body><table border=1><thead><tr><th>a</th><th>b</th></tr></thead><tbody>{rows}"
                    "</tbody></table></body></html>", os.path.join(os.path.dirname(OUT), "warm.pdf"))
        action = plugin.action("review")
        STATE["action_text"] = action.text()
        QTimer.singleShot(800, on_dialog)
        QTimer.singleShot(90_000, lambda: fail("timeout"))
        action.trigger()            # modal: returns when the dialog is closed
    except Exception:  # noqa: BLE001
        fail(traceback.format_exc())


QTimer.singleShot(1000, start)
