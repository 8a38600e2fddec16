"""Rules read from attributes of the features under review (pure Python): 三率 (第五章第三节), state-funded
exploration (第四章第三节), 净矿出让 of 建筑石料 (第五章第四节). Each is checked when its field exists; the
decision module reports 未检查 when it does not."""
from __future__ import annotations

from ..model.minerals import normalise_name
from ..model.ruleset import RuleSet
from ..model.units import fmt
from ..model.vocab import VERDICT_EN
from .controls import source_note
from .verdicts import ARGUE, FAIL, MANUAL, NOT_APPLICABLE, OK, CheckResult, parse_method, parse_number, worst

SANLV = (("mining_recovery", "开采回采率", "mining recovery"),
         ("processing_recovery", "选矿回收率", "processing recovery"),
         ("comprehensive_use", "综合利用率", "comprehensive use"))


def _percent(value):
    """(percent or None, problem) — '88', '88%', 0.88 (a fraction) → 88."""
    if isinstance(value, str):
        value = value.strip().rstrip("%％").strip()
    v, problem = parse_number(value)
    if problem or v is None:
        return None, problem
    if v < 0 or v > 100:
        return None, "out of range"
    return (v * 100 if 0 < v <= 1 else v), None


def _rows(entry: dict, key: str, method: str | None) -> list:
    rows = entry.get(key) or []
    return [r for r in rows if not r.get("method") or method is None or r["method"] == method]


def sanlv_coverage(rs: RuleSet, mineral_text) -> CheckResult | None:
    """Why the 三率 check cannot apply to a mineral (unknown, or not in the reference data), or None."""
    clause = ((rs.data.get("attribute_rules") or {}).get("sanlv") or {}).get("clause", "")
    mineral = rs.minerals.resolve(mineral_text) if mineral_text not in (None, "") else None
    if mineral is None:
        return CheckResult(MANUAL, "矿种为空或无法识别，无法确定三率最低指标", "unknown mineral: no 三率 minimum can be "
                           "looked up", clause)
    if rs.sanlv is None or rs.sanlv.for_mineral(mineral, rs.minerals) is None:
        covered = "、".join(e["mineral"] for e in (rs.sanlv.entries if rs.sanlv else []))
        return CheckResult(NOT_APPLICABLE, f"三率参考数据未收录{mineral.name}的最低指标（已收录：{covered}）",
                           f"the 三率 reference has no minimums for {mineral.name_en or mineral.name}", clause)
    return None


def judge_sanlv(rs: RuleSet, mineral_text, values: dict, method=None) -> CheckResult:
    """``values``: indicator key → value (only the indicators whose field exists)."""
    cfg = (rs.data.get("attribute_rules") or {}).get("sanlv") or {}
    clause = cfg.get("clause", "")
    not_covered = sanlv_coverage(rs, mineral_text)
    if not_covered is not None:
        return not_covered
    mineral = rs.minerals.resolve(mineral_text)
    entry = rs.sanlv.for_mineral(mineral, rs.minerals)
    try:
        meth = parse_method(method)
    except ValueError:
        meth = None
    results = []
    for key, zh, en in SANLV:
        rows = _rows(entry, key, meth if meth in ("地下", "露天") else None)
        if not rows or key not in values:
            continue
        v, problem = _percent(values[key])
        if problem:
            results.append(CheckResult(MANUAL, f"{zh}“{values[key]}”不是 0–100 之间的数值，需人工核查",
                                       f"{en} '{values[key]}' is not a number between 0 and 100", clause))
            continue
        if v is None:
            results.append(CheckResult(MANUAL, f"{zh}为空，需人工核查", f"{en} is empty", clause))
            continue
        low, high = min(r["min"] for r in rows), max(r["max"] for r in rows)
        notes = "；".join(r["note"] for r in rows if r.get("note"))
        if v < low - 1e-9:
            verdict = cfg.get("verdict_below", FAIL)
            results.append(CheckResult(verdict, f"{zh} {fmt(v, 2)}% 低于最低指标 {fmt(low)}%（{entry['source']}）",
                                       f"{en} {fmt(v, 2)}% is below the minimum {fmt(low)}%", clause))
        elif v < high - 1e-9:
            results.append(CheckResult(MANUAL, f"{zh} {fmt(v, 2)}% 在 {fmt(low)}%–{fmt(high)}% 之间，最低指标取决于"
                                               f"{notes or '矿体与矿石条件'}，需人工核查",
                                       f"{en} {fmt(v, 2)}% lies between {fmt(low)}% and {fmt(high)}%: the minimum "
                                       f"depends on conditions the data do not carry", clause))
        else:
            results.append(CheckResult(OK, f"{zh} {fmt(v, 2)}% 不低于最低指标 {fmt(high)}%",
                                       f"{en} {fmt(v, 2)}% meets the minimum {fmt(high)}%", clause))
    if not results:
        return CheckResult(MANUAL, f"{mineral.name}的三率指标均为空，需人工核查", "every 三率 indicator is empty", clause)
    mark = "（指标值据公告摘要，未经原文核实）" if entry.get("checked") != "text" else ""
    mark_en = " (minimums from published summaries, not checked against the announcement)" if mark else ""
    if any(r.verdict == cfg.get("verdict_below", FAIL) for r in results):
        src_zh, src_en = source_note(cfg)
        mark += src_zh
        mark_en += src_en
    return CheckResult(worst(r.verdict for r in results), "；".join(r.reason for r in results) + mark,
                       "; ".join(r.reason_en for r in results) + mark_en, clause)


def judge_funding(rs: RuleSet, value) -> CheckResult:
    cfg = (rs.data.get("attribute_rules") or {}).get("funding") or {}
    clause = cfg.get("clause", "")
    if value is None or not str(value).strip():
        return CheckResult(MANUAL, "勘查资金来源为空，无法核查是否为财政出资项目", "the funding source is empty", clause)
    text = normalise_name(value)
    if any(normalise_name(s) in text for s in cfg.get("state_values", [])):
        v = cfg.get("verdict_state", FAIL)
        return CheckResult(v, f"资金来源“{value}”为财政出资：{cfg.get('text', '')}，判定{v}",
                           f"funding '{value}' is public money: no new exploration right for state-funded "
                           f"exploration → {VERDICT_EN.get(v, v)}", clause)
    return CheckResult(OK, f"资金来源“{value}”非财政出资", f"funding '{value}' is not public money", clause)


def applies_to_mineral(rs: RuleSet, cfg: dict, mineral_text) -> bool:
    mineral = rs.minerals.resolve(mineral_text) if mineral_text not in (None, "") else None
    if mineral is None:
        return False
    return any(rs.minerals.matches(mineral, g) for g in cfg.get("groups", []) or [])


def judge_net_mine(rs: RuleSet, value) -> CheckResult:
    cfg = (rs.data.get("attribute_rules") or {}).get("net_mine") or {}
    clause = cfg.get("clause", "")
    if value is None or not str(value).strip():
        return CheckResult(MANUAL, "出让方式为空，无法核查是否净矿出让", "the grant method is empty", clause)
    if any(normalise_name(s) in normalise_name(value) for s in cfg.get("ok_values", [])):
        return CheckResult(OK, f"出让方式“{value}”为净矿出让", f"granted as a 'clean' right ({value})", clause)
    v = cfg.get("verdict_other", ARGUE)
    src_zh, src_en = source_note(cfg)
    return CheckResult(v, f"出让方式为“{value}”，不是净矿出让：规划要求{cfg.get('text', '')}，判定{v}{src_zh}",
                       f"grant method '{value}' is not 净矿出让: the plan grants every 建筑石料 right 'clean' "
                       f"(全面实施) → {VERDICT_EN.get(v, v)}{src_en}", clause)
