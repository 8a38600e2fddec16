"""YAML loading that keeps line numbers and refuses duplicate keys.

PyYAML (shipped with every QGIS) silently keeps the last of two equal keys; in a rule file that hides
an error, so duplicates are reported with both lines.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from .errors import RuleSetError


@dataclass
class YamlDoc:
    """Parsed document: ``data`` plus ``marks`` (key path tuple → 1-based line)."""

    path: str
    data: object
    marks: dict = field(default_factory=dict)
    duplicates: list = field(default_factory=list)  # (key path, line, first line)

    def line(self, key_path) -> int | None:
        key_path = tuple(key_path)
        while key_path:
            if key_path in self.marks:
                return self.marks[key_path]
            key_path = key_path[:-1]
        return self.marks.get((), None)


def key_text(key_path) -> str:
    """('minimum_scale', 'rows', 3, 'large') → 'minimum_scale.rows[3].large'."""
    out = ""
    for k in key_path:
        if isinstance(k, int):
            out += f"[{k}]"
        else:
            out += ("." if out else "") + str(k)
    return out


# libyaml's C loader when PyYAML was built with it (Debian's is): ~10× faster composing
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _build(loader, node, path, doc):
    doc.marks[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out = {}
        first = {}
        for knode, vnode in node.value:
            key = loader.construct_object(knode, deep=True)
            if isinstance(key, (list, dict)):
                raise RuleSetError("键不能是列表或映射", "a key cannot be a list or mapping",
                                   doc.path, knode.start_mark.line + 1, key_text(path))
            if key in out:
                doc.duplicates.append((path + (key,), knode.start_mark.line + 1, first[key]))
            first.setdefault(key, knode.start_mark.line + 1)
            out[key] = _build(loader, vnode, path + (key,), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, v, path + (i,), doc) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, path: str = "<string>") -> YamlDoc:
    doc = YamlDoc(path=path, data=None)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise RuleSetError("文件为空", "the file is empty", path)
            doc.data = _build(loader, node, (), doc)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleSetError(f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}",
                           path, line) from None
    return doc


def load_yaml(path: str) -> YamlDoc:
    if not os.path.isfile(path):
        raise RuleSetError("文件不存在", "file not found", path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"不是 UTF-8 编码的文本文件（字节位置 {exc.start}）",
                           f"not a UTF-8 text file (byte {exc.start})", path) from None
    except OSError as exc:
        raise RuleSetError(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path) from None
    return parse_yaml(text, path)
