"""Hostile plan rule files (issue #11 item 5): each is refused fast with a bilingual error naming the file
and line, or — when it is odd but legitimate — read correctly. Never a hang, a traceback or a crash."""
from __future__ import annotations

import os
import random
import shutil
import threading
import time
import tracemalloc

import pytest
import yaml

from mineplan.rules import RuleSetError, default_ruleset_path, load_ruleset, validate_ruleset_file
from mineplan.rules.model import fileread, yamlio

REFERENCE = os.path.join(os.path.dirname(default_ruleset_path()), "..", "reference")


def lingbao() -> str:
    with open(default_ruleset_path(), encoding="utf-8") as fh:
        return fh.read()


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def with_refs(tmp_path):
    for ref in ("minerals.yaml", "reserve_scale_133.yaml"):
        shutil.copy(os.path.join(REFERENCE, ref), tmp_path / ref)


def write(tmp_path, content, name="plan.yaml"):
    """A rule file next to copies of the bundled references; ``content`` is str (UTF-8) or bytes."""
    with_refs(tmp_path)
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8", newline="")
    return str(p)


def plan_with(old: str, new: str):
    """Builder: the Lingbao file with one replacement; expected line = the line of ``old``."""
    text = lingbao()

    def build(tmp_path):
        return write(tmp_path, text.replace(old, new, 1))
    build.line = line_of(text, old)
    return build


def raw(content, line=None):
    def build(tmp_path):
        return write(tmp_path, content)
    build.line = line
    return build


def billion_laughs(levels: int = 9) -> str:
    out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        a, b = chr(97 + i - 1), chr(97 + i)
        out.append(f"{b}: &{b} [" + ",".join([f"*{a}"] * 9) + "]")
    return "\n".join(out) + "\n"


def alias_depth(inner: int = 30, outer: int = 30) -> str:
    """An anchored list nested ``inner`` deep, aliased from ``outer`` levels down: 60 levels once expanded."""
    return ("a: &deep " + "[" * inner + "1" + "]" * inner + "\n"
            + "b: " + "[" * outer + "*deep" + "]" * outer + "\n")


def big_sparse(tmp_path, size=50 * 1024 * 1024, name="huge.yaml"):
    """A 50 MB rule file that costs nothing to make: a plausible head, then a hole."""
    with_refs(tmp_path)
    p = tmp_path / name
    with open(p, "wb") as fh:
        fh.write(lingbao().encode("utf-8"))
        fh.truncate(size)
    return str(p)


def fifo(tmp_path):
    p = tmp_path / "pipe.yaml"
    os.mkfifo(p)
    return str(p)


def marker_tag(tmp_path):
    marker = tmp_path / "pwned"
    return write(tmp_path, f"schema: !!python/object/apply:os.system ['touch {marker}']\n")


GBK_PLAN = lingbao().encode("gbk")
try:
    GBK_PLAN.decode("utf-8")
except UnicodeDecodeError as _exc:
    GBK_LINE = GBK_PLAN[: _exc.start].count(b"\n") + 1

# ---- cases: (id, builder, words that must appear in the error, expected line or None) ------------------
ERROR_CASES = [
    # alias bombs, recursion, depth, size
    ("billion-laughs", raw(billion_laughs()), ["别名炸弹", "alias bomb"], 6),
    ("recursive-alias-seq", raw("&a [*a]\n"), ["递归别名", "recursive alias"], 1),
    ("recursive-alias-map", raw("schema: x\nplan: &p {name: x, self: *p}\n"), ["递归别名"], 2),
    ("recursive-merge", raw("a: &a {<<: *a}\n"), ["递归别名"], 1),
    ("nested-5000-[", raw("[" * 5000 + "]" * 5000), ["嵌套层数超过 50", "nested deeper than 50"], 1),
    ("nested-1000000-[", raw("[" * 1_000_000), ["嵌套层数超过 50"], 1),
    ("nested-5000-{", raw("{a: " * 5000 + "1" + "}" * 5000), ["嵌套层数超过 50"], 1),
    ("nested-block-200", raw("".join(" " * i + "- \n" for i in range(200))), ["嵌套层数超过 50"], 51),
    ("depth-through-aliases", raw(alias_depth()), ["嵌套层数超过 50", "aliases expanded"], 2),
    ("300000-nodes", raw("a: [" + "1," * 300_000 + "1]\n"), ["节点数超过 200,000"], 1),
    ("file-2MB+1", raw("# " + "x" * (2 * 1024 * 1024) + "\n"), ["文件过大", "file too large"], None),
    ("empty", raw(""), ["文件为空", "the file is empty"], None),
    ("comments-only", raw("# nothing here\n\n# still nothing\n"), ["文件为空"], None),
    ("top-level-list", raw("- schema: mineplan-ruleset/1\n- plan: {}\n"), ["顶层应为映射", "must be a mapping"], 1),
    ("top-level-scalar", raw("hello\n"), ["顶层应为映射"], 1),
    ("two-documents", raw("schema: mineplan-ruleset/1\n---\nplan: {}\n"), ["多个 YAML 文档"], 2),
    ("gbk-encoded", raw(GBK_PLAN), ["不是 UTF-8", "not a UTF-8"], GBK_LINE),
    ("binary-png", raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4), ["不是文本文件"], None),
    ("utf16-bom", raw(lingbao().encode("utf-16")), ["不是文本文件", "UTF-16"], None),
    ("control-char", raw("schema: mineplan-ruleset/1\nplan: {name: a\x07b}\n"), ["YAML"], 2),
    ("tab-indent", raw("schema: mineplan-ruleset/1\nplan:\n\tname: x\n"), ["YAML 语法错误"], 3),
    ("python-apply-tag", marker_tag, ["不支持的 YAML 标签"], 1),
    ("python-name-tag", raw("schema: !!python/name:os.system\n"), ["YAML", "constructor"], 1),
    ("impossible-date", plan_with("  base_year: 2020", "  base_year: 2020-13-45"), ["无法解读的取值", "2020-13-45"],
     None),
    ("5000-digit-int", plan_with("    count: 34", "    count: " + "9" * 5000), ["无法解读的取值"], None),
    ("set-as-key", raw("? !!set {a: null}\n: 1\n"), ["不支持的 YAML 标签"], 1),
    ("list-as-key", raw("? [a, b]\n: 1\n"), ["键不能是列表或映射"], 1),
    ("undefined-alias", raw("schema: *nowhere\n"), ["未定义的别名", "undefined alias"], 1),
    ("duplicate-anchor", raw("a: &x 1\nb: &x 2\n"), ["重复定义", "duplicate anchor"], 2),
    # non-finite numbers: schema errors with their line
    ("cell-large-.nan", plan_with("large: 15, medium: 9", "large: .nan, medium: 9"), ["不是有限数值", "not a finite"],
     None),
    ("cell-large-.NaN", plan_with("large: 15, medium: 9", "large: .NaN, medium: 9"), ["不是有限数值"], None),
    ("cell-medium-.inf", plan_with("large: 15, medium: 9", "large: 15, medium: .inf"), ["不是有限数值"], None),
    ("cell-small--.inf", plan_with("large: 30, medium: 20, small: 9", "large: 30, medium: 20, small: -.inf"),
     ["不是有限数值"], None),
    ("cell-large-1.0e+400", plan_with("large: 15, medium: 9", "large: 1.0e+400, medium: 9"), ["不是有限数值"], None),
    ("cell-large-1e400", plan_with("large: 15, medium: 9", "large: 1e400, medium: 9"), ["不符合任一允许形式"], None),
    ("service-years-.nan", plan_with("service_years_min: {value: 5,", "service_years_min: {value: .nan,"),
     ["不是有限数值"], None),
    ("service-years-.inf", plan_with("service_years_min: {value: 5,", "service_years_min: {value: .inf,"),
     ["不是有限数值"], None),
    ("service-years-1e400", plan_with("service_years_min: {value: 5,", "service_years_min: {value: 1e400,"),
     ["应为数值", "YAML 把它读作文本"], None),
    ("gold-cap-.nan", plan_with("max: 60, year: 2025", "max: .nan, year: 2025"), ["不是有限数值"], None),
    ("aggregate-cap--.inf", plan_with("max: 1600, year: 2030", "max: -.inf, year: 2030"), ["不是有限数值"], None),
    ("aggregate-cap-400-digits", plan_with("max: 1600, year: 2030", "max: " + "9" * 400 + ", year: 2030"),
     ["不是有限数值"], None),
    ("rights-cap-.inf", plan_with("group: 建筑石料, max: 3,", "group: 建筑石料, max: .inf,"), ["不是有限数值"], None),
    ("baseline-area-.nan", plan_with("    area_km2: 354.3921", "    area_km2: .nan"), ["不是有限数值"], None),
    ("baseline-count-.inf", plan_with("    count: 34", "    count: .inf"), ["不是有限数值"], None),
]

HANG_S = 10.0


def _expected_line(builder, line):
    return line if line is not None else getattr(builder, "line", None)


@pytest.mark.parametrize("case_id,builder,words,line", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_hostile_rule_file_is_a_clear_error(tmp_path, untouched, case_id, builder, words, line):
    path = untouched(builder(tmp_path))
    expected = _expected_line(builder, line)
    t0 = time.perf_counter()
    rs, findings = validate_ruleset_file(path)
    elapsed = time.perf_counter() - t0
    assert rs is None
    errors = [f for f in findings if f.severity == "error"]
    hit = [f for f in errors if all(w in f.message_zh + " / " + f.message_en for w in words)]
    assert hit, [f.message_zh for f in errors]
    assert hit[0].message_en and hit[0].path == path
    if expected is not None:
        assert hit[0].line == expected, (hit[0].line, expected, hit[0].message_zh)
    # a guard against a hang (alias bombs, quadratic parsing take minutes), not a speed test: CI machines are busy
    assert elapsed < HANG_S, f"{case_id}: {elapsed:.2f} s"
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path, use_cache=False)
    text = str(exc.value)
    assert " / " in text and os.path.basename(path) in text
    if expected is not None:
        assert f"第{expected}行" in text and f"line {expected}" in text, text
    assert not os.path.exists(tmp_path / "pwned")


def test_billion_laughs_constant_memory_and_fast(tmp_path):
    """The bomb is refused at the first alias that crosses the node budget: milliseconds, little memory."""
    path = write(tmp_path, billion_laughs())
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises(RuleSetError):
        yamlio.load_yaml(path)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 0.5 and peak < 20 * 1024 * 1024, (elapsed, peak)


def test_50mb_file_refused_by_size_without_reading(tmp_path, untouched, monkeypatch):
    path = untouched(big_sparse(tmp_path))
    opened = []
    real_open = open

    def spy(*a, **kw):
        opened.append(a[0] if a else kw.get("file"))
        return real_open(*a, **kw)
    monkeypatch.setattr(fileread, "open", spy, raising=False)
    t0 = time.perf_counter()
    rs, findings = validate_ruleset_file(path)
    assert time.perf_counter() - t0 < 1.0
    assert rs is None and "文件过大" in findings[0].message_zh and "50.0 MB" in findings[0].message_zh
    assert path not in opened
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path, use_cache=False)
    assert "file too large" in str(exc.value)


@pytest.mark.parametrize("kind", ["folder", "device", "fifo", "missing", "nul-in-path"])
def test_not_a_regular_file(tmp_path, kind):
    path = {"folder": lambda: str(tmp_path), "device": lambda: os.devnull, "fifo": lambda: fifo(tmp_path),
            "missing": lambda: str(tmp_path / "nope.yaml"), "nul-in-path": lambda: str(tmp_path / "a\x00b.yaml")}[kind]()
    words = {"folder": "文件夹", "device": "不是普通文件", "fifo": "不是普通文件", "missing": "文件不存在",
             "nul-in-path": "文件不存在"}[kind]
    result = {}

    def run():          # a FIFO opened for reading would block forever: the loader must not open it
        result["v"] = validate_ruleset_file(path)
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    if kind == "fifo" and t.is_alive():       # unblock the stuck reader before failing
        with open(path, "w"):
            pass
    assert not t.is_alive(), "the loader blocked"
    rs, findings = result["v"]
    assert rs is None and words in findings[0].message_zh and findings[0].message_en
    if kind == "nul-in-path":      # rules/loader.py _file_stamp raises ValueError first (reported, not ours)
        return
    with pytest.raises(RuleSetError) as exc:
        load_ruleset(path, use_cache=False)
    assert " / " in str(exc.value)


def test_python_tag_runs_nothing(tmp_path):
    path = marker_tag(tmp_path)
    validate_ruleset_file(path)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("what", ["bomb", "folder", "device", "nan-threshold"])
def test_hostile_referenced_file(tmp_path, untouched, what):
    """The rule file is fine, the mineral dictionary or threshold table it names is hostile."""
    text = lingbao()
    if what == "bomb":
        (tmp_path / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8")
        text = text.replace("minerals: minerals.yaml", f"minerals: {tmp_path / 'bomb.yaml'}", 1)
        words, ref = "别名炸弹", str(tmp_path / "bomb.yaml")
    elif what == "folder":
        text = text.replace("minerals: minerals.yaml", f"minerals: {tmp_path}", 1)
        words, ref = "文件夹", str(tmp_path)
    elif what == "device":
        text = text.replace("minerals: minerals.yaml", f"minerals: {os.devnull}", 1)
        words, ref = "不是普通文件", os.devnull
    else:
        words = "不是有限数值"
    path = untouched(write(tmp_path, text))
    if what == "nan-threshold":
        table = tmp_path / "reserve_scale_133.yaml"
        t = table.read_text(encoding="utf-8")
        old = "unit: 亿吨, large: 1, medium: 0.1"
        table.write_text(t.replace(old, "unit: 亿吨, large: .nan, medium: 0.1", 1), encoding="utf-8")
        ref = str(table)
        line = line_of(t, old)
    untouched(ref)
    rs, findings = validate_ruleset_file(path)
    hit = [f for f in findings if f.severity == "error" and words in f.message_zh]
    assert rs is None and hit, [f.message_zh for f in findings]
    assert hit[0].path == ref
    if what == "nan-threshold":
        assert hit[0].line == line
    with pytest.raises(RuleSetError):
        load_ruleset(path, use_cache=False)


# ---- odd but legitimate: read correctly --------------------------------------------------------------
def _baseline():
    rs, findings = validate_ruleset_file(default_ruleset_path())
    return rs, [(f.severity, f.key, f.line) for f in findings]


def test_utf8_bom_and_crlf_read_correctly(tmp_path, untouched):
    rs0, f0 = _baseline()
    for name, data in (("bom.yaml", b"\xef\xbb\xbf" + lingbao().encode("utf-8")),
                       ("crlf.yaml", lingbao().replace("\n", "\r\n").encode("utf-8"))):
        path = untouched(write(tmp_path, data, name))
        rs, findings = validate_ruleset_file(path)
        assert rs is not None and rs.data == rs0.data
        assert [(f.severity, f.key, f.line) for f in findings] == f0     # same findings on the same lines


def test_a_few_anchors_and_merge_keys_are_fine(tmp_path, untouched):
    """专栏6 rows written with an anchor and a merge key (``{<<: *lead, …}``) read exactly as the plain file."""
    rs0, f0 = _baseline()
    text = lingbao()
    lead = "    - {seq: 2, mineral: 铅矿, label: 铅矿, unit: 矿石万吨/年, large: 100, medium: 30, small: \"/\"}"
    zinc = "    - {seq: 3, mineral: 锌矿, label: 锌矿, unit: 矿石万吨/年, large: 100, medium: 30, small: \"/\"}"
    assert lead in text and zinc in text
    text = text.replace(lead, lead.replace("- {", "- &lead {")).replace(
        zinc, "    - {<<: *lead, seq: 3, mineral: 锌矿, label: 锌矿}")
    path = untouched(write(tmp_path, text))
    rs, findings = validate_ruleset_file(path)
    assert rs is not None and rs.data == rs0.data
    assert [(f.severity, f.key) for f in findings] == [(s_, k) for s_, k, _ in f0]


def test_large_but_legitimate_file_loads(tmp_path, untouched):
    """1.5 MB (a long comment block) is within the 2 MB limit and loads in well under the time budget."""
    text = lingbao() + "\n" + "".join(f"# 注释 {i:06d} " + "x" * 60 + "\n" for i in range(20_000))
    assert 1.4e6 < len(text.encode("utf-8")) < yamlio.MAX_BYTES
    path = untouched(write(tmp_path, text))
    t0 = time.perf_counter()
    rs, _ = validate_ruleset_file(path)
    assert rs is not None and time.perf_counter() - t0 < 5


# ---- mutation fuzz: every scalar of the Lingbao file, a hostile value --------------------------------
HOSTILE_VALUES = ['""', "~", ".nan", "-.inf", "1.0e+400", "1e400", "-1", "[]", "{}", "'/'", "true", "2020-13-45",
                  "*undefined", "!!binary AAAA", "9" * 500]


def test_mutation_fuzz_never_tracebacks(tmp_path):
    text = lingbao()
    node = yaml.SafeLoader(text).get_single_node()
    scalars = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            scalars.append(n)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        else:
            stack.extend(v for _, v in n.value)
    rng = random.Random(11)
    cases = [(rng.choice(scalars), rng.choice(HOSTILE_VALUES)) for _ in range(100)]
    with_refs(tmp_path)
    p = tmp_path / "fuzz.yaml"
    outcomes = {"loaded": 0, "error": 0}
    for n, v in cases:
        p.write_text(text[: n.start_mark.index] + v + text[n.end_mark.index:], encoding="utf-8")
        rs, findings = validate_ruleset_file(str(p))       # must not raise
        assert all(f.message_zh and f.message_en for f in findings)
        if rs is None:
            assert any(f.severity == "error" for f in findings)
            with pytest.raises(RuleSetError):
                load_ruleset(str(p), use_cache=False)
            outcomes["error"] += 1
        else:
            outcomes["loaded"] += 1
    assert outcomes["error"] > 30
