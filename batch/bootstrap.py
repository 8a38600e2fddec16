"""The plugin folder as the package ``mineplan`` whatever the folder is called (a git checkout, an
installed plugin), for the batch runner and its workers, which are started as scripts, not by QGIS."""
from __future__ import annotations

import importlib.util
import os
import sys

NAME = "mineplan"


def register(root: str, execute: bool) -> str:
    """Make ``root`` importable as ``mineplan``. ``execute``: run the plugin's __init__ (a worker, after its
    QgsApplication exists: it installs the translator, as QGIS does when it loads the plugin); without it the
    package is an empty shell, so the runner imports only batch/ and never QGIS."""
    if NAME in sys.modules:
        return NAME
    spec = importlib.util.spec_from_file_location(NAME, os.path.join(root, "__init__.py"),
                                                  submodule_search_locations=[root])
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    if execute:
        spec.loader.exec_module(module)
    return NAME
