"""The layout rules, checked on the source (AST), so that they cannot quietly erode:

* one decision: only rules/checks/decision.py combines check results (imports the judges or the combining helpers);
* rooms: rules/ imports no QGIS and nothing above it; inside rules/ and core/ the sub-packages (ROOMS) stand in
  one order, each importing only the ones below it; core/ never imports processing_provider/ or dialogs/;
  processing_provider/ never imports dialogs/; nothing imports batch/ (it imports only its own modules); no import cycles between the plugin's modules;
* one vocabulary: verdict codes are bound to names, and mapped to labels or colours, only in rules/model/vocab.py;
* algorithms use the processing context's project: no QgsProject.instance() on algorithm run paths.
"""
import ast
import os

import pytest
from conftest import ROOT

PACKAGES = ("rules", "core", "processing_provider", "dialogs", "batch")
CODES = {"符合", "不符合", "需论证", "冲突", "不得新建", "需人工核查", "不适用", "未检查", "无几何", "达标", "未达标", "无数据"}
# what combines check results into a verdict; only rules/checks/decision.py may use these (rules/ check modules
# may use `worst` for the parts of their own check)
COMBINERS = {"worst", "final_of", "review_verdict", "judge_overlaps", "judge_zones", "check_minimum_scale",
             "check_mineral_policy"}
RULE_CHECK_MODULES = {f"rules/checks/{m}.py" for m in ("controls", "zones", "scale", "policy", "siting", "rights",
                                                       "attributes", "verdicts", "decision")} | {"rules/model/vocab.py"}
# The rooms of rules/ and core/, from the ground up (docs/architecture.md): a room imports only rooms before it
# (and itself); rules/ as a whole stands below core/. A new module goes into one of these rooms.
ROOMS = ("rules/model", "rules/checks", "rules/coordinates", "rules/validation", "rules/loader.py", "rules/__init__.py",
         "core/support", "core/geometry", "core/outputs", "core/inputs", "core/overlap", "core/review", "core/siting",
         "core/report", "core/__init__.py")
# pairs the straight order would allow but the design does not: the report prints reviews, it never runs siting;
# the parsers of coordinate files and the checks know nothing of each other
NEVER = (("core/report", "core/siting"), ("rules/checks", "rules/coordinates"), ("rules/coordinates", "rules/checks"))


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
    decision = next(t for r, t in ALL if r == "rules/checks/decision.py")
    used = {n for _, names, _ in imports("rules/checks/decision.py", decision) for n in names}
    assert {"judge_overlaps", "judge_zones", "check_minimum_scale", "check_mineral_policy"} <= used


@pytest.mark.parametrize("room,forbidden", [
    ("rules", ("core", "processing_provider", "dialogs", "batch")),
    ("core", ("processing_provider", "dialogs", "batch")),
    ("processing_provider", ("dialogs", "batch")),
    ("dialogs", ("batch",)),
    ("batch", ("core", "rules", "dialogs")),      # the runner starts workers; a worker loads the provider only
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
        if rel == "rules/model/vocab.py":
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
    # project-stored settings, used by the docks and dialogs; the batch worker hosts algorithms as qgis_process
    # does (it gives each job's context the application's project)
    allowed = {"core/inputs/roles.py", "batch/worker.py"}
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


def room_of(module: str):
    """The ROOMS entry a module (dotted, relative to the plugin root) lives in, or None (no room)."""
    path = module.replace(".", "/")
    for i, room in enumerate(ROOMS):
        r = room.removesuffix("/__init__.py").removesuffix(".py")
        if path == r or path.startswith(room.removesuffix(".py") + "/") and not room.endswith(".py"):
            return i
    return None


def test_every_engine_module_lives_in_a_room():
    homeless = [rel for rel, _ in ALL if rel.startswith(("rules/", "core/")) and room_of(module_of(rel)) is None]
    assert not homeless, homeless


def test_rooms_import_only_the_rooms_below_them():
    offenders = []
    for rel, tree in ALL:
        if not rel.startswith(("rules/", "core/")):
            continue
        me = room_of(module_of(rel))
        for mod, _, _ in imports(rel, tree):
            there = room_of(mod)
            if there is not None and there > me:
                offenders.append((rel, mod, f"{ROOMS[me]} → {ROOMS[there]}"))
    assert not offenders, offenders


def test_room_order_is_not_vacuous():
    """The order test sees the real imports: the review pipeline uses the overlap engine, the dock engine lives with
    the dock, and each room of ROOMS holds a module."""
    seen = {room_of(module_of(rel)) for rel, _ in ALL}
    assert set(range(len(ROOMS))) <= seen
    pipeline = next(t for r, t in ALL if r == "core/review/pipeline.py")
    assert any(mod.startswith("core.overlap.") for mod, _, _ in imports("core/review/pipeline.py", pipeline))
    assert any(r == "dialogs/dock_facts.py" for r, _ in ALL)


def test_rooms_that_never_meet():
    offenders = [(rel, mod) for rel, tree in ALL for room, other in NEVER if rel.startswith(room + "/")
                 for mod, _, _ in imports(rel, tree) if mod.replace(".", "/").startswith(other + "/")
                 or mod.replace(".", "/") == other]
    assert not offenders, offenders
