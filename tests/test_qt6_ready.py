"""Qt 6 readiness, checked on the source so that it cannot erode: no PyQt5-only construct in the plugin
(unscoped Qt and QGIS enums, exec_(), PyQt5 imports; scripts/qt6_check.py), and field types / the locale codec / font families only through
core/support/qtcompat.py (QVariant.Type and QTextCodec are not in PyQt6; QFontDatabase is static there)."""
import ast
import os
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import qt6_check  # noqa: E402


def test_no_pyqt5_only_construct_in_the_plugin():
    offenders = []
    for path in qt6_check.plugin_sources():
        problems, _ = qt6_check.scan(path)
        offenders += [f"{os.path.relpath(path, ROOT)}:{line}: {text}" for line, text in problems]
    assert not offenders, "\n".join(offenders)


def test_the_check_finds_what_it_must(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from qgis.PyQt.QtCore import Qt\nfrom qgis.PyQt.QtWidgets import QDialog, QSizePolicy\n"
                   "from PyQt5.QtGui import QColor\n"
                   "a = Qt.AlignLeft | Qt.AlignmentFlag.AlignTop\nb = QSizePolicy.Expanding\n"
                   "QDialog().exec_\n"
                   "from qgis.core import QgsProcessing, QgsWkbTypes\n"
                   "c = [QgsProcessing.TypeVectorPolygon, QgsWkbTypes.GeometryType.PolygonGeometry]\n"
                   "from qgis.core import QgsGeometry\nd = QgsGeometry.CapFlat\n",
                   encoding="utf-8")
    problems, edits = qt6_check.scan(str(bad))
    texts = [t for _, t in problems]
    assert any("Qt.AlignLeft" in t for t in texts)
    assert any("QSizePolicy.Expanding" in t for t in texts)
    assert any("exec_" in t for t in texts)
    assert any("PyQt5" in t for t in texts)
    assert any("QgsGeometry.CapFlat" in t for t in texts)    # 3.22: only Qgis.EndCapStyle.Flat spells it scoped
    assert not any("AlignmentFlag.AlignTop" in t for t in texts)      # already scoped
    qt6_check.apply(str(bad), edits)
    fixed = bad.read_text(encoding="utf-8")
    assert "Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop" in fixed
    assert "QSizePolicy.Policy.Expanding" in fixed and "QDialog().exec\n" in fixed
    # QGIS's own enums too, in the spelling 3.22 accepts and 3.36+ keeps for the enums moved to Qgis
    assert "[QgsProcessing.SourceType.TypeVectorPolygon, QgsWkbTypes.GeometryType.PolygonGeometry]" in fixed


def test_field_types_and_codec_only_through_qtcompat():
    offenders = []
    for path in qt6_check.plugin_sources():
        rel = os.path.relpath(path, ROOT)
        if rel.endswith("qtcompat.py"):
            continue
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "QVariant" and node.attr != "isNull":
                offenders.append(f"{rel}:{node.lineno}: QVariant.{node.attr}")
            if isinstance(node, ast.Name) and node.id in ("QTextCodec", "QFontDatabase"):
                offenders.append(f"{rel}:{node.lineno}: {node.id}")
    assert not offenders, offenders


def test_the_command_line_check_passes():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "qt6_check.py")], capture_output=True,
                       text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().endswith("0 PyQt5-only construct(s)")
