"""docs/rules.md "Catalogue of the plan's normative statements" against the plan text and the rule file (issue #22 item 5).

Every quote occurs in the plan (whitespace removed; "…" and " / " split a quote into fragments, each must occur;
a leading editorial "（…）" is not the plan's); every rule-file key named in the encoded column exists in the YAML;
every clause cited exists in the plan; the counts in the prose above the table equal the table's own counts.
Plan text: /work/shared/plan/lingbao-mineral-plan-2021-2025.txt.
"""
import os
import re

import pytest
import yaml

_HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(_HERE)
DOC = os.path.join(ROOT, "docs", "rules.md")
YAML = os.path.join(ROOT, "rules", "plans", "lingbao_2021_2025.yaml")
PLAN_TEXTS = [os.path.join(_HERE, "..", "..", "shared", "plan", "lingbao-mineral-plan-2021-2025.txt"),
              os.path.join(_HERE, "..", "..", "..", "shared", "plan", "lingbao-mineral-plan-2021-2025.txt")]
CN = "一二三四五六七八九十"
# the single-check algorithms of mineplan:compliancereview (docs/rules.md, "Checked by")
REVIEW_WORDS = ("review:", "compliancereview", "redlineoverlap", "minimumscale", "mineralpolicy", "zoneassignment",
                "sitingareas", "avoidconstraints")


def _squash(s):
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def plan_text():
    for p in PLAN_TEXTS:
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                return fh.read()
    pytest.skip("the plan text (shared/plan) is not next to the checkout")


@pytest.fixture(scope="module")
def doc():
    with open(DOC, encoding="utf-8") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def rows(doc):
    sect = doc.split("## Catalogue of the plan's normative statements", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in sect.splitlines():
        m = re.match(r"^\| (\d+) \|(.*)\|\s*$", line)
        if m:
            cells = [c.strip() for c in m.group(2).split(" | ")]
            assert len(cells) == 5, line
            out.append((int(m.group(1)), *cells))
    return out


@pytest.fixture(scope="module")
def ruleset():
    with open(YAML, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _editorial(quote):
    """Drop the editor's notes: "[12 矿种]" anywhere, a leading "（三类矿产）" naming the subject."""
    return re.sub(r"^（[^）]*）", "", re.sub(r"\[[^\]]*\]", "", quote))


def fragments(quote):
    q = _editorial(quote)
    for part in re.split(r"…|\s/\s", q):
        part = _squash(part).strip("；，。")
        if part:
            yield part


def test_table_is_numbered_and_complete(rows):
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert len(rows) >= 94


def cells(quote):
    """A 专栏 row quotes a table: its cells, joined by spaces and punctuation; each cell must occur in the table."""
    return [c for c in re.split(r"[\s，、；：（）()＜<≥>=×/%…“”]+", quote) if c]


def table_text(plan_text, box):
    """The text under every heading line 专栏N up to the next 专栏 heading (专栏10 heads two tables)."""
    lines, out, on = plan_text.splitlines(), [], False
    for line in lines:
        m = re.match(r"^\s*(专栏\d+)\s", line)
        if m:
            on = m.group(1) == box
        if on:
            out.append(line)
    return "\n".join(out)


def quote_missing(clause, quote, plan_text):
    text = _squash(plan_text)
    missing = [f for f in fragments(quote) if f not in text]
    boxes = re.findall(r"专栏\d+", clause)
    if missing and boxes:
        table = "\n".join(table_text(plan_text, b) for b in boxes)
        missing = [c for c in cells(_editorial(quote))
                   if not (re.search(rf"(?<![\d.]){re.escape(c)}(?![\d.])", table) if re.fullmatch(r"[\d.]+", c)
                           else c in _squash(table))]
    return missing


def test_every_quote_is_in_the_plan(rows, plan_text):
    missing = [(r[0], quote_missing(r[1], r[2], plan_text)) for r in rows]
    missing = [m for m in missing if m[1]]
    assert not missing, missing


def test_a_broken_quote_is_caught(plan_text):
    text = _squash(plan_text)
    assert all(f in text for f in fragments("推动朱阳镇董家埝银矿的开采"))
    assert not all(f in text for f in fragments("推动朱阳镇董家埝金矿的开采"))
    assert not all(f in text for f in fragments("严格开发总量控制…以需定供给"))
    assert quote_missing("第二章第三节 专栏3", "矿山总数 ＜40", plan_text) == []
    assert quote_missing("第二章第三节 专栏3", "矿山总数 ＜45", plan_text) == ["45"]
    assert quote_missing("第二章第三节 专栏2", "矿山总数 ＜40", plan_text) == ["矿山总数", "40"]


def _sections(plan_text):
    """{chapter: set of section names} from the plan's headings (第X章 / 第X节 at the start of a line)."""
    out, cur = {}, None
    for line in plan_text.splitlines():
        m = re.match(r"^\s*(第[一二三四五六七八九十]+章)", line)
        if m:
            cur = m.group(1)
            out[cur] = set()
            continue
        m = re.match(r"^\s*(第[一二三四五六七八九十]+节)", line)
        if m and cur:
            out[cur].add(m.group(1))
    return out


def test_every_clause_cited_exists(rows, plan_text):
    secs = _sections(plan_text)
    assert len(secs) == 8 and secs["第五章"] == {"第一节", "第二节", "第三节", "第四节"}
    bad = []
    for r in rows:
        clause = r[1]
        if clause.startswith("总则"):
            assert "总则" in _squash(plan_text)
            continue
        m = re.match(r"^(第[一二三四五六七八九十]+章)((?:第[一二三四五六七八九十、]+节)?)", clause)
        if not m or m.group(1) not in secs:
            bad.append((r[0], clause))
            continue
        if m.group(2):
            for n in re.findall(f"[{CN}]", m.group(2)[1:-1]):
                if f"第{n}节" not in secs[m.group(1)]:
                    bad.append((r[0], clause))
        for box in re.findall(r"专栏\d+", clause):
            if box not in plan_text:
                bad.append((r[0], clause))
    assert not bad, bad


def _has_key(rs, dotted):
    """A dotted path from the top (lists: any item; "[]" and "[N]" allowed); a name without a dot that is no
    top-level key is a sub-key named after its section in the same cell: it must occur somewhere in the file."""
    parts = [re.sub(r"\[\d*\]$", "", p) for p in dotted.split(".")]
    if len(parts) == 1 and parts[0] not in rs:
        return parts[0] in _all_keys(rs)
    nodes = [rs]
    for part in parts:
        nxt = []
        for node in nodes:
            for d in (node if isinstance(node, list) else [node]):
                if isinstance(d, dict) and part in d:
                    nxt.append(d[part])
        if not nxt:
            return False
        nodes = nxt
    return True


def _all_keys(node, acc=None):
    acc = set() if acc is None else acc
    if isinstance(node, dict):
        for k, v in node.items():
            acc.add(k)
            _all_keys(v, acc)
    elif isinstance(node, list):
        for v in node:
            _all_keys(v, acc)
    return acc


def test_every_rule_file_key_exists(rows, ruleset):
    bad = []
    for r in rows:
        for key in re.findall(r"`([a-z_][a-z0-9_.\[\]]*)`", r[3]):
            if key.endswith(".yaml"):
                continue
            if not _has_key(ruleset, key):
                bad.append((r[0], key))
    assert not bad, bad
    assert not _has_key(ruleset, "attribute_rules.no_such_rule")


def test_counts_in_the_prose_equal_the_table(doc, rows):
    sect = doc.split("## Catalogue of the plan's normative statements", 1)[1].split("| # |", 1)[0]
    prose = re.sub(r"\s+", " ", sect)
    m = re.search(r"\*\*(\d+) statements; (\d+) encoded, (\d+) not; (\d+) checked by an algorithm, (\d+) not checked\.\*\*"
                  r" Of the \d+, (\d+) are checked on each feature .*?, (\d+) as county totals .*? and (\d+) only by",
                  prose)
    assert m, prose
    total, enc, not_enc, chk, not_chk, review, indic, only_val = map(int, m.groups())
    encoded = [r for r in rows if not r[3].startswith("no")]
    checked = [r for r in rows if r[4] not in ("—", "")]
    assert total == len(rows)
    assert (enc, not_enc) == (len(encoded), len(rows) - len(encoded))
    assert (chk, not_chk) == (len(checked), len(rows) - len(checked))
    assert review == sum(any(w in r[4] for w in REVIEW_WORDS) for r in checked)
    assert indic == sum("planindicators" in r[4] for r in checked)
    assert only_val == sum(r[4].startswith("validaterules") and not any(w in r[4] for w in REVIEW_WORDS)
                           and "planindicators" not in r[4] for r in checked)


def test_interpretation_and_finding_counts_equal_the_validator(doc):
    """"N interpretations, M outside texts" (Interpretations) and "K contradictions and L notes" (Validator
    findings) are what mineplan:validaterules reports on the bundled file."""
    from mineplan.rules import default_ruleset_path, validate_ruleset_file

    rs, findings = validate_ruleset_file(default_ruleset_path())
    assert rs is not None
    prose = re.sub(r"\s+", " ", doc)
    m = re.search(r"\((\d+) interpretations, (\d+) outside texts in the Lingbao file\)", prose)
    schema = next(f for f in findings if f.key == "schema" and "source: inferred" in f.message_zh)
    assert m and re.search(rf"有 {m.group(1)} 处解释（source: inferred）和 {m.group(2)} 处规划外依据", schema.message_zh)
    m = re.search(r"(\d+) contradictions and (\d+) notes, no error", prose)
    sev = [f.severity for f in findings]
    assert m and (int(m.group(1)), int(m.group(2))) == (sev.count("warning"), sev.count("info"))
    assert sev.count("error") == 0
