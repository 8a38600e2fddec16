"""Test set-up: the plugin is importable as ``mineplan`` (via .build/plugins/mineplan → repo root),
QGIS runs offscreen (pytest-qgis), and the processing framework knows our provider."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, ".build")
PLUGINS = os.path.join(BUILD, "plugins")
REPO_SAMPLE = os.path.join(ROOT, "data", "lingbao_sample.gpkg")


def _sample_copy() -> str:
    """The tests read a copy of the sample: QGIS opens a GeoPackage in update mode even to read it, and nothing a
    test does may touch the repository's input file (or race another process on it)."""
    import atexit
    import shutil
    import tempfile
    d = os.environ.get("MINEPLAN_TEST_SAMPLE_DIR")
    if not d:
        d = tempfile.mkdtemp(prefix="mineplan-sample-")
        os.environ["MINEPLAN_TEST_SAMPLE_DIR"] = d        # subprocesses (qgis_process) share the same copy
        atexit.register(shutil.rmtree, d, True)
    path = os.path.join(d, "lingbao_sample.gpkg")
    if not os.path.exists(path):
        shutil.copy2(REPO_SAMPLE, path)
    return path


SAMPLE = _sample_copy()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.makedirs(PLUGINS, exist_ok=True)
if not os.path.exists(os.path.join(PLUGINS, "mineplan")):
    os.symlink(ROOT, os.path.join(PLUGINS, "mineplan"))
for p in (PLUGINS, "/usr/share/qgis/python/plugins"):
    if p not in sys.path:
        sys.path.insert(0, p)


def sample_layer(name: str) -> str:
    return f"{SAMPLE}|layername={name}"


def ensure_provider():
    """Register the mineplan provider if it is missing (e.g. after a plugin unload test). The Python
    object is kept alive on the plugin package: the provider's overrides live in it."""
    from qgis.core import QgsApplication

    import mineplan
    from mineplan.processing_provider.provider import MinePlanProvider
    reg = QgsApplication.processingRegistry()
    if reg.providerById("mineplan") is None:
        mineplan._test_provider = MinePlanProvider()
        reg.addProvider(mineplan._test_provider)


def _iface_layer_tree_view():
    """QGIS 3.40's processing post-processing (runAndLoadResults, handleAlgorithmResults) calls
    iface.layerTreeView(); 3.22's did not, and pytest-qgis's stand-in iface has none: give it a real view on the
    project's layer tree."""
    import qgis.utils
    iface = qgis.utils.iface
    if iface is None or hasattr(iface, "layerTreeView"):
        return
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    iface.layerTreeView = lambda: view


@pytest.fixture(scope="session")
def processing_ready(qgis_app):
    from processing.core.Processing import Processing
    Processing.initialize()
    ensure_provider()
    _iface_layer_tree_view()


@pytest.fixture(scope="module")
def processing(processing_ready):
    """The processing module, with the mineplan provider registered."""
    ensure_provider()
    import processing as proc
    return proc


@pytest.fixture(scope="session")
def ruleset():
    from mineplan.rules import load_ruleset
    return load_ruleset()


def run_alg(proc, alg_id, params):
    """Run an algorithm; return (results, {output key: QgsVectorLayer})."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProcessingUtils
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    res = proc.run(alg_id, params, context=context, feedback=feedback)
    layers = {}
    for k, v in res.items():
        if isinstance(v, str) and k in ("OUTPUT", "OVERLAPS"):
            lyr = QgsProcessingUtils.mapLayerFromString(v, context)
            if lyr is None and os.path.exists(v.split("|")[0]):
                from qgis.core import QgsVectorLayer
                lyr = QgsVectorLayer(v, k, "ogr")
            layers[k] = lyr
        elif hasattr(v, "getFeatures"):
            layers[k] = v
    return res, layers


def features_by(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


QGIS_ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "QGIS_CUSTOM_CONFIG_PATH": os.path.join(BUILD, "profile"),
    "QGIS_PLUGINPATH": PLUGINS,
    "XDG_RUNTIME_DIR": os.path.join(BUILD, "xdg"),
}


_SUBPROCESS_PROFILE = []


def subprocess_profile() -> str:
    """A copy of the isolated profile for qgis_process subprocesses: they write to their profile (its CRS
    database, QGIS3.ini), and the QGIS of this test process must not have its own profile changed under it
    (CRS lookups then fail: an invalid working CRS)."""
    if not _SUBPROCESS_PROFILE:
        import atexit
        import shutil
        import tempfile
        d = tempfile.mkdtemp(prefix="mineplan-profile-")
        atexit.register(shutil.rmtree, d, True)
        shutil.copytree(QGIS_ENV["QGIS_CUSTOM_CONFIG_PATH"], os.path.join(d, "profile"), symlinks=True)
        _SUBPROCESS_PROFILE.append(os.path.join(d, "profile"))
    return _SUBPROCESS_PROFILE[0]


def qgis_process(*args, env=None, check=True):
    """Run qgis_process.bin with (a copy of) the isolated profile; return (returncode, parsed JSON or None,
    stderr)."""
    e = dict(QGIS_ENV)
    e["QGIS_CUSTOM_CONFIG_PATH"] = subprocess_profile()
    if env:
        e.update(env)
    os.makedirs(e["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    cp = subprocess.run(["qgis_process.bin", *args], capture_output=True, text=True, env=e, timeout=600)
    data = None
    out = cp.stdout.strip()
    if out.startswith("{"):
        data = json.loads(out)
    if check and cp.returncode != 0:
        raise AssertionError(f"qgis_process {' '.join(args)} failed ({cp.returncode}):\n{cp.stdout}\n{cp.stderr}")
    return cp.returncode, data, cp.stderr + cp.stdout


@pytest.fixture(autouse=True)
def no_background_tasks_left(request):
    """A test must not leave QGIS tasks running (a dock task still reading layers would race the next test)."""
    yield
    try:
        from qgis.core import QgsApplication
    except ImportError:
        return
    manager = QgsApplication.taskManager()
    if manager is None:
        return
    import time

    from qgis.PyQt.QtCore import QCoreApplication
    t0 = time.time()
    while manager.countActiveTasks() and time.time() - t0 < 60:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    left = [t.description() for t in manager.activeTasks()]
    waited = time.time() - t0
    if waited > 0.2:
        print(f"\n[tasks] {request.node.nodeid} left tasks running for {waited:.1f} s")
    assert not left, f"tasks still running after {request.node.nodeid}: {left}"
