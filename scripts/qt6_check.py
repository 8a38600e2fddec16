"""Find (and with --fix rewrite) the Qt constructs that PyQt6 no longer accepts:

* unscoped enum members of Qt classes (``Qt.AlignLeft`` → ``Qt.AlignmentFlag.AlignLeft``,
  ``QSizePolicy.Expanding`` → ``QSizePolicy.Policy.Expanding``); PyQt5 5.11+ accepts the scoped form too, so the
  rewritten code runs on QGIS 3.22 (PyQt 5.15) unchanged;
* ``exec_()`` (PyQt6 has only ``exec()``, PyQt5 has both);
* imports of ``PyQt5`` / ``PyQt6`` directly instead of ``qgis.PyQt``.

    /usr/bin/python3 scripts/qt6_check.py            # list offenders, exit 1 if any
    /usr/bin/python3 scripts/qt6_check.py --fix      # rewrite the enums and exec_ in place

Classes imported from ``qgis.PyQt.*``, ``qgis.core``, ``qgis.gui`` and ``qgis.analysis`` are resolved: QGIS's own
enums are scoped too (``QgsProcessing.TypeVectorPolygon`` → ``QgsProcessing.SourceType.TypeVectorPolygon``), the
spelling that QGIS 3.22 accepts and that QGIS ≥ 3.36 keeps as an alias of the enums it moved to ``Qgis``; see
docs/qgis_versions.md.
Used by tests/test_qt6_ready.py.
"""
from __future__ import annotations

import ast
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_DIRS = ("core", "rules", "processing_provider", "dialogs")
PLUGIN_FILES = ("plugin.py", "__init__.py")
# QVariant.Type is gone in PyQt6 altogether (field types are QMetaType.Type there): scoping it buys nothing;
# field types go through core/support/qtcompat.py instead, which this check enforces separately.
NOT_QT_ENUMS = {"QVariant"}
# modules whose classes' enums are resolved: Qt's, and QGIS's own (PyQt6 scopes every enum; QGIS 3.22's sip accepts
# QgsProcessing.SourceType.TypeVectorPolygon already, and QGIS ≥ 3.36 keeps that spelling for the moved enums)
ENUM_MODULES = ("qgis.PyQt", "qgis.core", "qgis.gui", "qgis.analysis")


def plugin_sources():
    for name in PLUGIN_FILES:
        yield os.path.join(ROOT, name)
    for d in PLUGIN_DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for f in sorted(files):
                if f.endswith(".py"):
                    yield os.path.join(dirpath, f)


def qt_names(tree) -> dict:
    """name bound in the module → the Qt class (or module) object it refers to, for imports from qgis.PyQt."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(ENUM_MODULES):
            mod = importlib.import_module(node.module)
            for a in node.names:
                obj = getattr(mod, a.name, None)
                if obj is not None:
                    out[a.asname or a.name] = obj
    return out


def is_enum_member(value) -> bool:
    # sip's enums (PyQt5: "enumtype") and Python enums (QGIS ≥ 3.36's Qgis.* enums, PyQt6)
    return type(type(value)).__name__ in ("enumtype", "EnumMeta", "EnumType")


def scope_of(owner, name: str, member) -> str | None:
    """The enum of ``owner`` through which ``owner.name`` is reached scoped: the member's own type when ``owner``
    holds it (``QSizePolicy.Policy``), else the alias ``owner`` keeps for an enum QGIS moved to ``Qgis``
    (on 3.40 ``QgsProcessing.TypeVectorPolygon`` is a ``Qgis.ProcessingSourceType`` and ``QgsProcessing.SourceType``
    its alias)."""
    own = type(member).__name__
    if getattr(getattr(owner, own, None), name, None) is not None:
        return own
    for attr in sorted(dir(owner)):
        kind = getattr(owner, attr, None)
        if attr != name and isinstance(kind, type) and getattr(kind, name, None) == member:
            return attr
    return None


def qgis_spelling(owner, member) -> str | None:
    """``Qgis.<Enum>.<member>`` for a member of an enum QGIS had already moved to ``Qgis`` whose old scoped spelling
    does not exist (on 3.22 ``QgsGeometry.CapFlat`` is ``Qgis.EndCapStyle.Flat`` and ``QgsGeometry.EndCapStyle.CapFlat``
    fails). Run on the oldest supported QGIS, this names a spelling every supported version has."""
    from qgis.core import Qgis
    kind = type(member)
    if owner is Qgis or getattr(Qgis, kind.__name__, None) is not kind or not hasattr(member, "name"):
        return None
    return f"Qgis.{kind.__name__}.{member.name}"


def scan(path: str) -> tuple[list, list]:
    """(problems as (line, text), edits as (line, col, end_col, replacement)) for one file."""
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    tree = ast.parse(src, path)
    names = qt_names(tree)
    problems, edits = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("PyQt5", "PyQt6"):
            problems.append((node.lineno, f"import from {node.module} (use qgis.PyQt)"))
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] in ("PyQt5", "PyQt6") for a in node.names):
            problems.append((node.lineno, "import PyQt5/PyQt6 (use qgis.PyQt)"))
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            problems.append((node.lineno, "def exec_ (an override nothing calls on PyQt6: define exec)"))
        elif isinstance(node, ast.Attribute) and node.attr == "exec_":
            problems.append((node.lineno, "exec_() (use exec())"))
            end = node.end_col_offset
            edits.append((node.end_lineno, end - len("exec_"), end, "exec"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
            if node.value.id in NOT_QT_ENUMS:
                continue
            owner = names[node.value.id]
            member = getattr(owner, node.attr, None)
            if member is None or not is_enum_member(member):
                continue
            if isinstance(owner, type) and isinstance(member, owner):
                continue          # the owner is the enum itself (QgsMapLayerType.VectorLayer; an alias on 3.36+)
            enum = scope_of(owner, node.attr, member)
            if enum is None:
                moved = qgis_spelling(owner, member)
                if moved:          # no scoped spelling through the owner: only Qgis's (not rewritten: needs an import)
                    problems.append((node.lineno, f"{node.value.id}.{node.attr} (use {moved})"))
                continue
            problems.append((node.lineno, f"{node.value.id}.{node.attr} (use {node.value.id}.{enum}.{node.attr})"))
            edits.append((node.end_lineno, node.end_col_offset - len(node.attr), node.end_col_offset,
                          f"{enum}.{node.attr}"))
    return problems, edits


def apply(path: str, edits: list) -> None:
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    # right to left on each line so earlier offsets stay valid; ast offsets are UTF-8 byte offsets
    for line, col, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        raw = lines[line - 1].encode("utf-8")
        lines[line - 1] = (raw[:col] + text.encode("utf-8") + raw[end:]).decode("utf-8")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main(argv: list) -> int:
    fix = "--fix" in argv
    total = 0
    for path in plugin_sources():
        problems, edits = scan(path)
        rel = os.path.relpath(path, ROOT)
        for line, text in problems:
            print(f"{rel}:{line}: {text}")
        total += len(problems)
        if fix and edits:
            apply(path, edits)
    print(f"{total} PyQt5-only construct(s){' rewritten' if fix else ''}")
    return 1 if total and not fix else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
