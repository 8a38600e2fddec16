"""YAML loading that keeps line numbers, refuses duplicate keys and refuses hostile files.

PyYAML (shipped with every QGIS) silently keeps the last of two equal keys; in a rule file that hides
an error, so duplicates are reported with both lines.

A rule file is untrusted input (a user picks it in a dialog). PyYAML's own composer and constructor
recurse and expand aliases: a 484-byte "billion laughs" file eats gigabytes, a recursive alias or a few
thousand nested ``[`` give a RecursionError, and a million nested ``[`` crash libyaml's C composer
(segfault, i.e. QGIS dies). So the node graph is composed here from the parser's event stream, without
recursion, under fixed limits, *before* any Python object is constructed:

* ``MAX_BYTES``  — file size, checked with ``stat`` before reading (a plan file is ~25 KB);
* ``MAX_DEPTH``  — nesting depth, counted through aliases (a plan file is 6 deep);
* ``MAX_NODES``  — nodes after expanding aliases (a plan file has ~2,000): an alias bomb is refused
  at the first alias that crosses it, in milliseconds and constant memory;
* a recursive alias (``&a [*a]``), an undefined alias, a duplicate anchor, several documents.

Each is a bilingual :class:`RuleSetError` naming the file and, when known, the line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import RuleSetError
from .fileread import read_limited
from .vocab import canonical_role

MAX_BYTES = 2 * 1024 * 1024     # ≈ 90 × the bundled Lingbao file
MAX_DEPTH = 50                  # the bundled file nests 6 levels
MAX_NODES = 200_000             # nodes after alias expansion; the bundled file has ~1,800


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
        if isinstance(k, int) and not isinstance(k, bool):
            out += f"[{k}]"
        else:
            out += ("." if out else "") + _short(k, 60)   # a hostile 1 MB key stays a short message
    return out


# libyaml's C parser when PyYAML was built with it (Debian's is): ~10× faster than the Python one.
# Only its event stream is used (the parser keeps an explicit stack, it does not recurse).
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _line(mark) -> int | None:
    return mark.line + 1 if mark is not None else None


def _short(text: str, n: int = 40) -> str:
    text = str(text)
    return text if len(text) <= n else text[:n] + "…"


_NO_KEY = object()
_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


class _Frame:
    """A collection being composed."""

    __slots__ = ("node", "anchor", "size", "inner", "key")

    def __init__(self, node, anchor):
        self.node = node
        self.anchor = anchor
        self.size = 1          # nodes in this subtree, aliases expanded
        self.inner = 0         # collection levels below this one, aliases expanded
        self.key = _NO_KEY     # mapping: the key node waiting for its value


def _compose(loader, path: str):
    """The document's root node (or None for an empty stream), composed iteratively under the limits."""
    E = yaml.events
    loader.get_event()                                   # StreamStartEvent
    if loader.check_event(E.StreamEndEvent):
        return None
    loader.get_event()                                   # DocumentStartEvent
    anchors: dict = {}                                   # anchor → (node, size, levels) once closed
    open_anchors: set = set()                            # anchors of collections still being composed
    stack: list[_Frame] = []
    total = 0
    root = None

    def attach(node, size, levels, mark):
        """Add a finished node (``levels``: collection levels it spans, 0 for a scalar) to the open one."""
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        frame.size += size
        frame.inner = max(frame.inner, levels)
        if len(stack) + levels > MAX_DEPTH:
            raise RuleSetError(f"嵌套层数超过 {MAX_DEPTH} 层（含别名展开），不是规划规则文件？",
                               f"nested deeper than {MAX_DEPTH} levels (aliases expanded): not a plan rule file?",
                               path, _line(mark))
        if isinstance(frame.node, yaml.MappingNode):
            if frame.key is _NO_KEY:
                frame.key = node
            else:
                frame.node.value.append((frame.key, node))
                frame.key = _NO_KEY
        else:
            frame.node.value.append(node)

    while root is None:
        ev = loader.get_event()
        if isinstance(ev, E.AliasEvent):
            if ev.anchor in open_anchors:
                raise RuleSetError(f"别名 *{_short(ev.anchor)} 引用了包含它自身的锚点（递归别名）",
                                   f"alias *{_short(ev.anchor)} refers to an anchor that contains it (recursive alias)",
                                   path, _line(ev.start_mark))
            if ev.anchor not in anchors:
                raise RuleSetError(f"未定义的别名 *{_short(ev.anchor)}", f"undefined alias *{_short(ev.anchor)}",
                                   path, _line(ev.start_mark))
            node, size, levels = anchors[ev.anchor]
            total += size
            if total > MAX_NODES:
                raise RuleSetError(
                    f"展开别名后节点数超过 {MAX_NODES:,}（别名 *{_short(ev.anchor)} 展开为 {size:,} 个节点），疑似“别名炸弹”",
                    f"more than {MAX_NODES:,} nodes once aliases are expanded (alias *{_short(ev.anchor)} alone "
                    f"expands to {size:,}): an alias bomb?", path, _line(ev.start_mark))
            attach(node, size, levels, ev.start_mark)
            continue
        if isinstance(ev, (E.ScalarEvent, E.SequenceStartEvent, E.MappingStartEvent)):
            total += 1
            if total > MAX_NODES:
                raise RuleSetError(f"节点数超过 {MAX_NODES:,}，不是规划规则文件？",
                                   f"more than {MAX_NODES:,} nodes: not a plan rule file?", path, _line(ev.start_mark))
            if ev.anchor is not None and (ev.anchor in anchors or ev.anchor in open_anchors):
                raise RuleSetError(f"锚点 &{_short(ev.anchor)} 重复定义", f"duplicate anchor &{_short(ev.anchor)}",
                                   path, _line(ev.start_mark))
        if isinstance(ev, E.ScalarEvent):
            tag = ev.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, ev.value, ev.implicit)
            node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, style=ev.style)
            if ev.anchor is not None:
                anchors[ev.anchor] = (node, 1, 0)
            attach(node, 1, 0, ev.start_mark)
        elif isinstance(ev, (E.SequenceStartEvent, E.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise RuleSetError(f"嵌套层数超过 {MAX_DEPTH} 层，不是规划规则文件？",
                                   f"nested deeper than {MAX_DEPTH} levels: not a plan rule file?",
                                   path, _line(ev.start_mark))
            kind = yaml.SequenceNode if isinstance(ev, E.SequenceStartEvent) else yaml.MappingNode
            tag = ev.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, ev.implicit)
            if tag not in _COLLECTION_TAGS:
                raise RuleSetError(f"不支持的 YAML 标签 {_short(ev.tag)}", f"unsupported YAML tag {_short(ev.tag)}",
                                   path, _line(ev.start_mark))
            node = kind(tag, [], ev.start_mark, None, flow_style=ev.flow_style)
            if ev.anchor is not None:
                open_anchors.add(ev.anchor)
            stack.append(_Frame(node, ev.anchor))
        elif isinstance(ev, (E.SequenceEndEvent, E.MappingEndEvent)):
            frame = stack.pop()
            frame.node.end_mark = ev.end_mark
            levels = frame.inner + 1
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor] = (frame.node, frame.size, levels)
            attach(frame.node, frame.size, levels, frame.node.start_mark)
        else:                                            # cannot happen with a conforming parser
            raise RuleSetError(f"YAML 结构异常：{type(ev).__name__}", f"unexpected YAML event {type(ev).__name__}",
                               path, _line(getattr(ev, "start_mark", None)))
    loader.get_event()                                   # DocumentEndEvent
    if not loader.check_event(E.StreamEndEvent):
        ev = loader.get_event()
        raise RuleSetError("文件中有多个 YAML 文档（---），规则文件只能有一个",
                           "more than one YAML document (---) in the file; a rule file has exactly one",
                           path, _line(ev.start_mark))
    return root


def _scalar(loader, node, doc, path):
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:   # 2020-13-45, 5000-digit ints …
        raise RuleSetError(f"无法解读的取值“{_short(node.value)}”（{_short(exc, 80)}）",
                           f"cannot read the value '{_short(node.value)}' ({_short(exc, 80)})",
                           doc.path, _line(node.start_mark), key_text(path)) from None


_MERGE = "tag:yaml.org,2002:merge"


def _pairs(node, doc, path):
    """(key node, value node, merged?) of a mapping with its ``<<`` merge keys expanded, in the order in
    which the last one wins: merged pairs first (earlier merged mappings win over later ones), then the
    mapping's own pairs. Unlike PyYAML's ``flatten_mapping`` the nodes are not modified, so an own key that
    overrides a merged one is not taken for a duplicate. The recursion follows aliases, whose depth is
    bounded by MAX_DEPTH when composing."""
    merged, own = [], []
    for knode, vnode in node.value:
        if knode.tag != _MERGE:
            own.append((knode, vnode, False))
            continue
        if isinstance(vnode, yaml.MappingNode):
            subs = [vnode]
        elif isinstance(vnode, yaml.SequenceNode) and all(isinstance(v, yaml.MappingNode) for v in vnode.value):
            subs = vnode.value
        else:
            raise RuleSetError("合并键 << 的值应为映射或映射列表", "the value of a merge key << must be a mapping or a "
                               "list of mappings", doc.path, vnode.start_mark.line + 1, key_text(path))
        for sub in reversed(subs):
            merged.extend((k, v, True) for k, v, _ in _pairs(sub, doc, path))
    return merged + own


def _build(loader, node, path, doc):
    """Python objects of a node (depth ≤ MAX_DEPTH, checked when composing, so the recursion is bounded)."""
    doc.marks[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        first = {}
        for knode, vnode, merged in _pairs(node, doc, path):
            if not isinstance(knode, yaml.ScalarNode):
                raise RuleSetError("键不能是列表或映射", "a key cannot be a list or mapping",
                                   doc.path, knode.start_mark.line + 1, key_text(path))
            key = _scalar(loader, knode, doc, path)
            try:
                hash(key)
            except TypeError:
                raise RuleSetError("键不能是列表、集合或映射", "a key cannot be a list, set or mapping",
                                   doc.path, knode.start_mark.line + 1, key_text(path)) from None
            if not merged:           # a merged key may be overridden; an own key only once
                if key in first:
                    doc.duplicates.append((path + (key,), knode.start_mark.line + 1, first[key]))
                first.setdefault(key, knode.start_mark.line + 1)
            out[key] = _build(loader, vnode, path + (key,), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, v, path + (i,), doc) for i, v in enumerate(node.value)]
    return _scalar(loader, node, doc, path)


def parse_yaml(text: str, path: str = "<string>") -> YamlDoc:
    doc = YamlDoc(path=path, data=None)
    if len(text) > MAX_BYTES:
        raise _too_large(len(text), path)
    try:
        loader = _Loader(text)
        try:
            node = _compose(loader, path)
            if node is None:
                raise RuleSetError("文件为空", "the file is empty", path)
            doc.data = canonical_roles(_build(loader, node, (), doc))
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        if line is None and isinstance(getattr(exc, "position", None), int):   # ReaderError: a character index
            line = text.count("\n", 0, exc.position) + 1
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise RuleSetError(f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}",
                           path, line) from None
    except RecursionError:      # defensive: the limits above keep every recursion shallow
        raise RuleSetError(f"嵌套过深（超过 {MAX_DEPTH} 层）", f"nested too deeply (over {MAX_DEPTH} levels)",
                           path) from None
    except MemoryError:
        raise RuleSetError("内存不足，无法读取该文件", "out of memory reading the file", path) from None
    return doc


# keys of a rule file whose value is a role key or a list of them (and the id of a control-line category)
ROLE_VALUED_KEYS = ("role", "roles", "over", "required", "categories")


def canonical_roles(data, parent: str = ""):
    """``data`` with every readable role key (vocab.ROLE_KEY_ALIASES) in a role-valued place turned into the
    short id, so that the validator and the rule set see one spelling. Nothing else is touched."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if k in ROLE_VALUED_KEYS and isinstance(v, str):
                v = canonical_role(v)
            elif k in ROLE_VALUED_KEYS and isinstance(v, list) and all(isinstance(i, str) for i in v):
                v = [canonical_role(i) for i in v]
            elif k == "id" and parent == "categories":
                v = canonical_role(v)
            else:
                v = canonical_roles(v, k)
            out[k] = v
        return out
    if isinstance(data, list):
        return [canonical_roles(i, parent) for i in data]
    return data


def _too_large(size: int, path: str) -> RuleSetError:
    mb, limit = size / 1048576, MAX_BYTES / 1048576
    return RuleSetError(f"文件过大（{mb:.1f} MB，规则文件上限 {limit:g} MB），不是规划规则文件？",
                        f"file too large ({mb:.1f} MB; a rule file may have at most {limit:g} MB): "
                        "not a plan rule file?", path)


def load_yaml(path: str) -> YamlDoc:
    """Read a rule file (UTF-8, optional BOM). Never opens a directory, device or pipe, never reads more
    than ``MAX_BYTES`` + 1 bytes, never writes."""
    raw = read_limited(path, MAX_BYTES, RuleSetError, "规则文件", "rule file",
                       too_large=lambda size: _too_large(size, path),
                       device_zh="，不能作为规则文件", device_en=": cannot be a rule file")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise RuleSetError(f"不是文本文件（第 {nul} 字节为 NUL），可能是二进制文件或 UTF-16 编码",
                           f"not a text file (NUL at byte {nul}): binary, or UTF-16?", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise RuleSetError(f"不是 UTF-8 编码的文本文件（字节位置 {exc.start}），请另存为 UTF-8",
                           f"not a UTF-8 text file (byte {exc.start}); save it as UTF-8", path, line) from None
    return parse_yaml(text, path)
