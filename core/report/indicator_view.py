"""The plan's indicators as a planner reads them (dock, CSV, report): one row per figure of the plan.

The rule engine gives an output cap (第五章第一节 一: 金矿石 ≤ 60 万吨/年) and the 专栏3 target of the same mineral
and year (金矿 ≤ 120 万吨) as two indicators; shown side by side they read as a duplicate with two results (0 达标
and 无数据 for 建筑石料 2025). Here they become ONE row: the cap's figure and status (the cap is the binding,
considered figure: it counts a mineral without rights as 0), both clauses, and — when the two figures differ —
a note naming the plan's own contradiction. Nothing is re-judged: statuses are the engine's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...rules.checks.clauses import merge_clauses
from ...rules.checks.indicators import FIELDS, Indicator
from ...rules.model.units import fmt
from ...rules.model.vocab import NOT_MET
from ..support.i18n import label

HEADERS = {"id": ("编号", "id"), "name": ("指标", "indicator"), "name_en": ("指标（英文）", "indicator (English)"),
           "unit": ("单位", "unit"), "target": ("目标值", "target"), "comparison": ("比较", "comparison"),
           "target_kind": ("指标属性", "kind"), "current": ("现状值", "current"), "status": ("达标情况", "status"),
           "clause": ("规划条款", "clause"), "note": ("说明", "note")}
COMPARISON = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}


@dataclass
class IndicatorRow(Indicator):
    """An engine indicator as shown: possibly two engine rows merged into one."""
    merged: list = field(default_factory=list)      # ids of the engine rows shown in this one
    contradiction: str = ""                          # the plan's own contradiction, when the figures differ

    @property
    def failing(self) -> bool:
        return self.status == NOT_MET

    def get(self, key, default=None):
        return getattr(self, key, default)


def number(value, digits: int = 4) -> str:
    """40.00000000000001 → '40'; 555.75 → '555.75'; None → '' (rules/units.fmt otherwise)."""
    return "" if value is None else fmt(value, digits)


def target_text(row: IndicatorRow) -> str:
    if row.target is None:
        return ""
    return f"{COMPARISON.get(row.comparison, row.comparison)} {number(row.target)} {row.unit}".strip()


def _row(r) -> IndicatorRow:
    get = (lambda k: r.get(k)) if isinstance(r, dict) else (lambda k: getattr(r, k, None))
    vals = {k: get(k) for k in FIELDS}
    for k in ("target", "current"):
        v = vals[k]
        if v is not None and (str(v) == "NULL" or v == ""):
            vals[k] = None
        elif v is not None:
            vals[k] = float(v)
    for k in ("name", "name_en", "unit", "comparison", "target_kind", "status", "clause", "note", "id"):
        vals[k] = "" if vals[k] is None or str(vals[k]) == "NULL" else str(vals[k])
    return IndicatorRow(**vals, merged=[vals["id"]])


def _pairs(rs) -> dict:
    """engine id of a 专栏3 target → engine id of the output cap of the same mineral and year."""
    out = {}
    pt = rs.data.get("production_targets") or {}
    year = pt.get("year", rs.plan.get("target_year"))
    for t in rs.production_targets():
        m = rs.minerals.resolve(t["mineral"])
        for cap in rs.output_caps():
            if m is not None and rs.minerals.resolve(cap["mineral"]) == m and cap["year"] == t.get("year", year):
                out[t["id"]] = cap.get("indicator_id") or cap["id"]
    return out


def merge_indicators(rs, rows) -> list:
    """Engine rows (Indicator objects or dicts with the same keys) → IndicatorRow, one per figure."""
    items = [_row(r) for r in rows]
    by_id = {r.id: r for r in items}
    pairs = _pairs(rs) if rs is not None else {}
    drop = set()
    for target_id, cap_id in pairs.items():
        target, cap = by_id.get(target_id), by_id.get(cap_id)
        if target is None or cap is None:
            continue
        drop.add(target_id)
        cap.merged.append(target_id)
        cap.clause = "; ".join(merge_clauses(cap.clause, target.clause))
        if target.target is not None and cap.target is not None and abs(target.target - cap.target) > 1e-9:
            cap.contradiction = (f"规划自相矛盾：{target.clause}为 {target_text(target)}，{cap.clause.split('; ')[0]}为 "
                                 f"{target_text(cap)}；按较严的 {number(min(target.target, cap.target))} 审查")
            notes = [n for n in cap.note.split("；") if n and "矛盾" not in n]
            cap.note = "；".join([cap.contradiction] + notes)
    return [r for r in items if r.id not in drop]


def csv_rows(rows) -> tuple[list, list]:
    """(headers in the UI language, rows with rounded values) for the CSV export."""
    keys = ["name", "target", "current", "unit", "target_kind", "status", "clause", "note", "id"]
    headers = [label(*HEADERS[k]) for k in keys]
    out = []
    for r in rows:
        values = []
        for k in keys:
            v = getattr(r, k)
            values.append(number(v) if k in ("target", "current") else ("" if v is None else v))
        if r.comparison and r.target is not None:
            values[1] = f"{COMPARISON.get(r.comparison, r.comparison)} {values[1]}"
        out.append(values)
    return headers, out
