"""Extract every tr("…") string of the plugin into i18n/mineplan_zh-Hans.ts (context "MinePlan").

    python3 scripts/update_ts.py            # add new strings (unfinished), keep existing translations,
                                            # mark strings no longer in the code obsolete
    python3 scripts/update_ts.py --check    # exit 1 if the .ts misses a tr() string (used by the tests)

pylupdate5 cannot follow our single translation context (core/support/i18n.tr); this script uses the Python
AST instead: a call tr(...) / self.tr(...) / N_(...) whose first argument is a string literal (or an
implicit concatenation of literals). N_ marks strings defined in tables and translated where shown.
"""
from __future__ import annotations

import ast
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, "i18n", "mineplan_zh-Hans.ts")
CONTEXT = "MinePlan"
SKIP_DIRS = {"tests", "bench", "scripts", ".build", ".venv", "docs", ".git", "out", "dist"}


def source_files():
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        for f in filenames:
            if f.endswith(".py"):
                yield os.path.join(dirpath, f)


def extract() -> dict:
    """message → [(file, line)]"""
    out: dict = {}
    for path in sorted(source_files()):
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else (fn.id if isinstance(fn, ast.Name) else "")
            if name not in ("tr", "N_"):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.setdefault(arg.value, []).append((os.path.relpath(path, ROOT), node.lineno))
    return out


def load_ts(path=TS) -> dict:
    """source → (translation, type attribute or None)"""
    if not os.path.exists(path):
        return {}
    tree = ET.parse(path)
    out = {}
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source")
        t = msg.find("translation")
        out[src] = (t.text or "" if t is not None else "", t.get("type") if t is not None else "unfinished")
    return out


def write_ts(messages: dict, translations: dict, path=TS):
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for src in sorted(set(messages) | set(translations)):
        m = ET.SubElement(ctx, "message")
        for f, line in messages.get(src, [])[:1]:
            ET.SubElement(m, "location", filename=f"../{f}", line=str(line))
        ET.SubElement(m, "source").text = src
        text, kind = translations.get(src, ("", "unfinished"))
        t = ET.SubElement(m, "translation")
        t.text = text
        if src not in messages:
            t.set("type", "obsolete")
        elif not text:
            t.set("type", "unfinished")
        elif kind == "unfinished" and text:
            pass   # a translation typed in by hand: finished
    ET.indent(root) if hasattr(ET, "indent") else None
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="utf-8")
    with open(path, "wb") as fh:
        fh.write(data + b"\n")


def main():
    messages = extract()
    translations = load_ts()
    if "--check" in sys.argv:
        missing = [m for m in messages if m not in translations]
        unfinished = [m for m in messages if m in translations and (not translations[m][0] or
                                                                   translations[m][1] == "unfinished")]
        for m in missing:
            print("missing:", m)
        for m in unfinished:
            print("unfinished:", m)
        sys.exit(1 if missing or unfinished else 0)
    write_ts(messages, translations)
    todo = [m for m in messages if not translations.get(m, ("", None))[0]]
    print(f"{len(messages)} strings, {len(todo)} without translation → {os.path.relpath(TS, ROOT)}")


if __name__ == "__main__":
    main()
