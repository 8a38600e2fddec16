"""Pictures for README/docs (docs/img/), used by `make screenshots`.

    QT_QPA_PLATFORM=offscreen python3 scripts/screenshots.py docks     # docks, settings and report pages, offscreen
    (inside QGIS) qgis.bin --code scripts/screenshots.py              # the real desktop and the pre-filled review
                                                                      # dialog, see screenshot_desktop.sh
"""
import os
import subprocess
import sys
import time

# qgis.bin --code exec()s this file without __file__: the shell script passes the root instead
ROOT = os.environ.get("MINEPLAN_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMG = os.path.join(ROOT, "docs", "img")
PROJECT = os.path.join(ROOT, "data", "lingbao_sample.qgz")
SELECT = ["SQ2025-14", "SQ2025-08", "SQ2025-04"]


def wait_for(cond, timeout=120):
    from qgis.PyQt.QtCore import QCoreApplication
    t0 = time.time()
    while time.time() - t0 < timeout:
        QCoreApplication.processEvents()
        if cond():
            return True
        time.sleep(0.05)
    return False


def proposed_layer(project):
    from mineplan.core.inputs.roles import ReviewSettings
    return ReviewSettings.load(project).layer("proposed", project)


def docks():
    sys.path.insert(0, os.path.join(ROOT, ".build", "plugins"))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication, QgsProject
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtCore import QObject, QSize, pyqtSignal
    from qgis.PyQt.QtWidgets import QMainWindow
    app = QgsApplication([], True)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    from mineplan.core.support.i18n import install_translator
    install_translator("zh-Hans")
    from mineplan.processing_provider.provider import MinePlanProvider
    provider = MinePlanProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    class Iface(QObject):
        currentLayerChanged = pyqtSignal(object)

        def __init__(self):
            super().__init__()
            self.win, self.canvas, self.layer = QMainWindow(), QgsMapCanvas(), None

        def mainWindow(self):  # noqa: N802
            return self.win

        def mapCanvas(self):  # noqa: N802
            return self.canvas

        def activeLayer(self):  # noqa: N802
            return self.layer

    iface = Iface()
    project = QgsProject.instance()
    assert project.read(PROJECT)
    os.makedirs(IMG, exist_ok=True)
    from mineplan.core.inputs.roles import ReviewSettings
    from mineplan.dialogs.feature_dock import FeatureDock
    from mineplan.dialogs.indicators_dock import IndicatorsDock
    from mineplan.dialogs.settings_dialog import SettingsDialog
    layer = proposed_layer(project)
    dock = FeatureDock(iface)
    dock.resize(QSize(400, 760))          # about the width QGIS gives a right-hand dock
    iface.layer = layer
    dock.on_layer_changed(layer)
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["app_no"] in SELECT])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == len(SELECT))
    dock.show()
    wait_for(lambda: False, 1)
    dock.grab().save(os.path.join(IMG, "feature_dock.png"))
    # an application in conflict with the farmland: its 避让 result and the button that adds the adjusted polygon
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["app_no"] == "SQ2025-16"])
    assert wait_for(lambda: dock.task is None and len(dock.last_facts) == 1 and dock.last_facts[0].avoidance)
    wait_for(lambda: False, 1)
    dock.grab().save(os.path.join(IMG, "feature_dock_avoid.png"))
    ind = IndicatorsDock(iface)
    ind.resize(QSize(760, 640))
    assert wait_for(lambda: ind.rows)
    ind.show()
    wait_for(lambda: False, 1)
    ind.grab().save(os.path.join(IMG, "indicators_dock.png"))
    # a project whose roles are not set yet: the dialog shows what it detected, and how, for confirmation
    saved = ReviewSettings.load(project)
    for role in list(saved.roles):
        project.removeEntry("mineplan", f"role/{role}")
    dlg = SettingsDialog(iface, None)
    dlg.show()
    wait_for(lambda: False, 1)
    dlg.grab().save(os.path.join(IMG, "settings_dialog.png"))
    dlg.close()
    saved.save(project)
    dock.shutdown()
    ind.shutdown()
    report_pages(project)
    print("docs/img: feature_dock.png feature_dock_avoid.png indicators_dock.png settings_dialog.png report_*.png", flush=True)
    os._exit(0)   # QGIS's teardown with live widgets and a stub iface can crash; the pictures are saved


def report_pages(project):
    """The Chinese 审查意见书 of the sample project (as the pre-filled dialog runs it) → pictures of its first page,
    the page of SQ2025-14 and the closing 审查意见 (pdftoppm, poppler-utils)."""
    import processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    from mineplan.core.inputs.roles import ReviewSettings, algorithm_parameters
    out = os.path.join(ROOT, ".build", "screenshots")
    os.makedirs(out, exist_ok=True)
    alg = QgsApplication.processingRegistry().algorithmById("mineplan:compliancereview")
    params = algorithm_parameters(alg, ReviewSettings.load(project), project)
    pdf = os.path.join(out, "审查意见书.pdf")
    params.update({"OUTPUT": "TEMPORARY_OUTPUT", "REPORT_PDF": pdf, "REPORT_LANGUAGE": 1,
                   "REVIEW_UNIT": "灵宝市自然资源和规划局（示例）"})
    context = QgsProcessingContext()
    context.setProject(project)
    processing.run("mineplan:compliancereview", params, context=context, feedback=QgsProcessingFeedback())
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split("\f")
    feature = next(i for i, t in enumerate(text) if "（14）SQ2025-14" in t) + 1
    closing = next(i for i, t in enumerate(text) if "七、审查意见" in t) + 1
    for name, page in (("report_page", 1), ("report_feature", feature), ("report_opinion", closing)):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page), pdf,
                        os.path.join(IMG, name)], check=True)


def desktop():
    """Runs inside the QGIS desktop (qgis.bin --code): open the sample project, the docks, select, grab; then
    choose 规划符合性审查… from the plugin's menu and grab the pre-filled dialog."""
    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication
    from qgis.utils import iface, plugins
    project = QgsProject.instance()
    project.read(PROJECT)             # opens on the county: the project's default view
    plugin = plugins.get("mineplan")
    plugin.toggle_feature_dock(True)
    plugin.toggle_indicators_dock(True)
    layer = proposed_layer(project)
    iface.setActiveLayer(layer)
    ids = [f.id() for f in layer.getFeatures() if f["app_no"] in SELECT]
    layer.selectByIds(ids)
    iface.mainWindow().setGeometry(QApplication.primaryScreen().geometry())
    canvas = iface.mapCanvas()
    canvas.refresh()

    def grab_dialog():
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and hasattr(w, "runButton") and hasattr(w, "algorithm"):
                w.grab().save(os.path.join(IMG, "review_dialog.png"))
                print("docs/img/review_dialog.png", flush=True)
                os._exit(0)      # skip QGIS's exit sequence (the project is unsaved; nothing to keep)
        QTimer.singleShot(500, grab_dialog)

    def grab():
        busy = plugin.feature_dock.task is not None or QgsApplication.taskManager().countActiveTasks() \
            or canvas.isDrawing()
        if busy:
            QTimer.singleShot(1000, grab)
            return
        QApplication.primaryScreen().grabWindow(0).save(os.path.join(IMG, "qgis_desktop.png"))
        print("docs/img/qgis_desktop.png", flush=True)
        QTimer.singleShot(1500, grab_dialog)
        plugin.action("review").trigger()          # modal: the timer grabs the dialog
    QTimer.singleShot(8000, grab)


if os.environ.get("MINEPLAN_SCREENSHOT") == "desktop":   # executed by qgis.bin --code
    desktop()
elif __name__ == "__main__" and sys.argv[1:2] == ["docks"]:
    docks()
