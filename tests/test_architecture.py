"""The layout rules, checked on the source (AST), so that they cannot quietly erode:

* one decision: only rules/decision.py combines check results (imports the judges or the combining helpers);
* rooms: rules/ imports no QGIS and nothing above it; core/ never imports processing_provider/ or dialogs/;
  processing_provider/ never imports dialogs/; no import cycles between the plugin's modules;
* one vocabulary: verdict codes are bound to names, and mapped to labels or colours, only in rules/vocab.py;
* algorithms use the processing context's project: no QgsProject.instance() on algorithm run paths.
"""
import ast
import os

import pytest
from conftest import ROOT

PACKAGES = ("rules", "core", "processing_provider", "dialogs")
CODES = {"符合", "不符合", "需论证", "冲突", "不得新建", "需人工核查", "不适用", "未检查", "无几何", "达标", "未达标", "无数据"}
# what combines check results into a verdict; only rules/decision.py may use these (rules/ check modules
# may use `worst` for the parts of their own check)
COMBINERS = {"worst", "final_of", "review_verdict", "judge_overlaps", "judge_zones", "check_minimum_scale",
             "check_mineral_policy"}
RULE_CHECK_MODULES = {"rules/controls.py", "rules/zones.py", "rules/scale.py", "rules/policy.py", "rules/siting.py",
                      "rules/rights.py", "rules/attributes.py",
                      "rules/verdicts.py", "rules/vocab.py", "rules/decision.py"}


def sources():
    for pkg in PACKAGES:
        for dirpath, _, files in os.walk(os.path.join(ROOT, pkg)):
            for f in files:
                if f.endswith(".py"):
                    path = os.path.join(dirpath, f)
                    with open(path, encoding="utf-8") as fh:
                        yield os.path.relpath(path, ROOT), ast.parse(fh.read(), path)


def module_of(rel: str) -> str:
    return rel[:-3].replace(os.sep, ".").removesuffix(".__init__")


def imports(rel: str, tree) -> list:
    """(imported module relative to the plugin root, names, is top-level) for every plugin-internal import."""
    here = module_of(rel).split(".")
    if not rel.endswith("__init__.py"):
        here = here[:-1]
    out = []
    top_level = {id(n) for n in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - node.level + 1]
            if node.module:
                out.append((".".join(base + [node.module]), [a.name for a in node.names], id(node) in top_level))
            else:       # from . import layers → the module rules.layers
                out += [(".".join(base + [a.name]), [], id(node) in top_level) for a in node.names]
    return out


ALL = list(sources())


def test_only_the_decision_module_combines_verdicts():
    offenders = []
    for rel, tree in ALL:
        if rel in RULE_CHECK_MODULES:
            continue
        for mod, names, _ in imports(rel, tree):
            bad = COMBINERS.intersection(names)
            if bad:
                offenders.append((rel, mod, sorted(bad)))
    assert not offenders, offenders
    decision = next(t for r, t in ALL if r == "rules/decision.py")
    used = {n for _, names, _ in imports("rules/decision.py", decision) for n in names}
    assert {"judge_overlaps", "judge_zones", "check_minimum_scale", "check_mineral_policy"} <= used


@pytest.mark.parametrize("room,forbidden", [
    ("rules", ("core", "processing_provider", "dialogs")),
    ("core", ("processing_provider", "dialogs")),
    ("processing_provider", ("dialogs",)),
])
def test_lower_rooms_never_import_higher_ones(room, forbidden):
    offenders = [(rel, mod) for rel, tree in ALL if rel.startswith(room + "/")
                 for mod, _, _ in imports(rel, tree) if mod.split(".")[0] in forbidden]
    assert not offenders, offenders


def test_rules_never_import_qgis():
    offenders = []
    for rel, tree in ALL:
        if not rel.startswith("rules/"):
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            offenders += [(rel, n) for n in names if n == "qgis" or n.startswith("qgis.")]
    assert not offenders, offenders


def test_no_import_cycles():
    graph = {}
    for rel, tree in ALL:
        me = module_of(rel)
        deps = set()
        for mod, _, top in imports(rel, tree):
            if top:           # a late import inside a function does not run at import time
                deps.add(mod)
        graph[me] = deps - {me}
    known = set(graph)
    cycles = []

    def visit(node, stack, seen):
        for dep in graph.get(node, ()):
            if dep not in known:
                continue
            if dep in stack:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in seen:
                seen.add(dep)
                visit(dep, stack + [dep], seen)
    for start in graph:
        visit(start, [start], {start})
    assert not cycles, cycles[:5]


def test_verdict_codes_are_defined_once():
    offenders = []
    for rel, tree in ALL:
        if rel == "rules/vocab.py":
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value in CODES:
                offenders.append((rel, node.lineno, node.value.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and sum(isinstance(k, ast.Constant) and k.value in CODES
                                                  for k in node.keys) >= 2:
                offenders.append((rel, node.lineno, "mapping of verdict codes"))
    assert not offenders, offenders


def test_no_global_project_on_algorithm_run_paths():
    allowed = {"core/roles.py"}     # project-stored settings, used by the docks and dialogs
    offenders = []
    for rel, tree in ALL:
        if rel.startswith("dialogs/") or rel in allowed:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "instance" and \
                    isinstance(node.value, ast.Name) and node.value.id == "QgsProject":
                offenders.append((rel, node.lineno))
    assert not offenders, offenders


def test_engine_raises_its_own_error_type():
    offenders = []
    for rel, tree in ALL:
        if not rel.startswith(("core/", "rules/")):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                call = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                if isinstance(call, ast.Name) and call.id == "QgsProcessingException":
                    offenders.append((rel, node.lineno))
    assert not offenders, offenders
