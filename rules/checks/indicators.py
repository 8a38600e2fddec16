"""Plan indicators (专栏3, 第五章/第六章 caps, 专栏8/10 and 第四章 counts) from plain values — pure Python.

    rows = compute_indicators(rs, mining_rights=[{"mineral": "金矿", "scale": "大型", "output": 5.8,
                                                  "output_unit": "万吨"}, …],
                              exploration_blocks=[{"area_km2": 21.4, "mineral": "金矿"}, …], …)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.errors import InputValueError
from ..model.ruleset import RuleSet
from ..model.units import Unit, convert, fmt, parse_unit
from ..model.vocab import MET, NO_DATA, NOT_MET  # noqa: E402,F401 - statuses are defined once, in vocab
from .verdicts import parse_number, parse_scale


@dataclass
class Indicator:
    id: str
    name: str
    name_en: str
    unit: str
    target: float | None
    comparison: str
    target_kind: str
    current: float | None
    status: str
    clause: str
    note: str = ""

    def as_list(self):
        return [self.id, self.name, self.name_en, self.unit, self.target, self.comparison, self.target_kind,
                self.current, self.status, self.clause, self.note]


@dataclass
class InputProblem:
    """A value the indicators could not use — counted, listed in the log and the report (the indicator's note),
    and never silently summed or dropped."""

    layer: str
    label: str
    zh: str
    en: str
    kind: str = ""          # duplicate / output / area

    def text(self) -> str:
        where = f"{self.layer} " if self.layer else ""
        return f"{where}{self.label}：{self.zh} / {self.en}"


FIELDS = ["id", "name", "name_en", "unit", "target", "comparison", "target_kind", "current", "status", "clause", "note"]


def _cmp(value, op, target) -> bool:
    return {"<": value < target - 1e-9, "<=": value <= target + 1e-9, ">": value > target + 1e-9,
            ">=": value >= target - 1e-9, "=": abs(value - target) <= max(1e-9, abs(target) * 1e-3)}[op]


def _status(current, op, target, unknown=0) -> str:
    """达标 / 未达标 / 无数据. ``unknown``: how many values (each ≥ 0) are missing from ``current``, so that
    ``current`` is only a lower bound: the status is given only when the bound already decides it (a cap
    already exceeded is 未达标; a minimum already reached is 达标), else 无数据 — never 达标 on a partial sum."""
    if current is None or target is None or not math.isfinite(current):
        return NO_DATA
    if unknown:
        if op == "=" and current > target + max(1e-9, abs(target) * 1e-3):
            return NOT_MET
        if op in ("<", "<=") and not _cmp(current, op, target):
            return NOT_MET
        if op in (">", ">=") and _cmp(current, op, target):
            return MET
        return NO_DATA
    return MET if _cmp(current, op, target) else NOT_MET


def _licence_key(value) -> str:
    return "".join(ch for ch in str(value).upper() if ch.isalnum()) if value not in (None, "") else ""


def screen_rights(rights, layer: str = "", problems: list | None = None) -> list:
    """The rights that count, each once: a licence number seen before is a duplicate (counted once, listed);
    an output that is not a number, not finite or negative is marked unusable (``_output_bad``), listed, and
    never summed. Returns copies (the caller's dicts are not changed)."""
    problems = problems if problems is not None else []
    seen: dict = {}
    out = []
    for r in rights or []:
        r = dict(r)
        label = str(r.get("label", ""))
        key = _licence_key(r.get("licence"))
        if key:
            if key in seen:
                first = seen[key]
                same = all(str(first.get(k)) == str(r.get(k)) for k in ("mineral", "scale", "output", "output_unit"))
                extra_zh = "" if same else "，且矿种、规模或产量与前者不一致，请核对"
                extra_en = "" if same else "; its mineral, scale or output differ from the first: check them"
                problems.append(InputProblem(layer, label,
                                             f"许可证号 {r.get('licence')} 与要素 {first.get('label')} 重复，只计一次{extra_zh}",
                                             f"licence {r.get('licence')} repeats feature {first.get('label')}; counted "
                                             f"once{extra_en}", "duplicate"))
                continue
            seen[key] = r
        raw = r.get("output")
        value, problem = parse_number(raw)
        r["_output"] = value
        r["_output_bad"] = False
        if problem:
            r["_output"], r["_output_bad"] = None, f"产量“{raw}”非有限数值"
            problems.append(InputProblem(layer, label, f"产量“{raw}”不是有限的数值，未计入合计",
                                         f"output '{raw}' is not a finite number; not summed", "output"))
        elif value is not None and value < 0:
            r["_output"], r["_output_bad"] = None, f"产量 {fmt(value)} 为负数"
            problems.append(InputProblem(layer, label, f"产量 {fmt(value)} 为负数，未计入合计",
                                         f"output {fmt(value)} is negative; not summed", "output"))
        out.append(r)
    return out


def screen_areas(rows, layer: str, problems: list) -> list:
    """Areas (km²) that are missing (no geometry), not finite or negative are listed and marked unusable."""
    out = []
    for n, a in enumerate(rows or [], start=1):
        a = dict(a)
        v = a.get("area_km2")
        label = str(a.get("code") or a.get("name") or a.get("label") or n)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0
        if not ok:
            why_zh = "无几何，面积未知" if v is None else f"面积 {v} 不是有效数值"
            why_en = "no geometry: area unknown" if v is None else f"area {v} is not a valid number"
            problems.append(InputProblem(layer, label, why_zh + "，未计入合计", why_en + "; not summed", "area"))
            a["area_km2"] = None
            a["_why"] = f"{label}（{why_zh}）"
        out.append(a)
    return out


def _area_sum(rows) -> tuple[float, list]:
    known = [float(a["area_km2"]) for a in rows if a.get("area_km2") is not None]
    return round(sum(known), 4), [a.get("_why", "?") for a in rows if a.get("area_km2") is None]


def _incomplete(unknown: list, what_zh: str) -> str:
    """The note of an indicator whose sum misses values: which ones and why."""
    if not unknown:
        return ""
    shown = "、".join(unknown[:10]) + (f" 等 {len(unknown)} 个" if len(unknown) > 10 else "")
    return (f"不完整：{len(unknown)} 个{what_zh}无法使用（{shown}），合计只含可用值（实际不少于此），只在据此已能判定时"
            f"给出达标情况")


def _with_basis(unit_text: str, basis: str | None) -> Unit:
    u = parse_unit(unit_text)
    if basis in ("ore", "metal", "mineral") and u.basis is None:
        return Unit(u.dimension, u.factor, basis, u.text, u.per_year)
    return u


def _sum_output(rs: RuleSet, rights, target_mineral: str, target_unit: Unit, notes: list):
    """(sum, rights summed, rights of that mineral whose output could not be used) of the ``output`` of rights
    whose mineral falls under ``target_mineral``; the sum is None if no right of that mineral has a usable
    output. Rights whose mineral is unknown may belong to it: they count as unusable too."""
    total, n, unknown = 0.0, 0, []
    for r in rights:
        m = rs.minerals.resolve(r.get("mineral"))
        if m is None:
            if r.get("_output") is not None or r.get("_output_bad"):
                unknown.append(f"{r.get('label', '')}（矿种“{r.get('mineral') or ''}”无法识别）")
            continue
        if not rs.minerals.matches(m, target_mineral):
            continue
        if r.get("_output_bad"):
            unknown.append(f"{r.get('label', '')}（{r['_output_bad']}）")
            continue
        value = r.get("_output") if "_output" in r else parse_number(r.get("output"))[0]
        if value is None:
            continue
        unit_text = r.get("output_unit") or None
        try:
            v = convert(value, _with_basis(unit_text, target_unit.basis), target_unit) if unit_text else value
        except InputValueError as exc:
            notes.append(f"{r.get('label', '')} {exc.message_zh}")
            unknown.append(f"{r.get('label', '')}（单位无法换算）")
            continue
        total += v
        n += 1
    return ((total, n) if n else (None, 0)) + (unknown,)


def compute_indicators(rs: RuleSet, mining_rights=None, exploration_rights=None, exploration_blocks=None,
                       mining_blocks=None, concentrated_areas=None, problems: list | None = None,
                       layer_names: dict | None = None) -> list[Indicator]:
    """Each argument is a list of dicts (None = layer not given → 无数据).

    mining_rights: mineral, scale, output, output_unit, licence, label; exploration_*: area_km2, mineral;
    mining_blocks: any; concentrated_areas: code, name, area_km2.
    ``problems``: a list that receives an :class:`InputProblem` for every value that could not be used
    (duplicated licence, output not a finite number or negative, area missing or not finite); the
    indicators they touch say so in their note and are never 达标 on a partial sum.
    """
    problems = problems if problems is not None else []
    names = layer_names or {}
    pt = rs.data.get("production_targets") or {}
    year = pt.get("year", rs.plan.get("target_year"))
    rights = screen_rights(mining_rights, names.get("mining_rights", ""), problems) \
        if mining_rights is not None else None
    if exploration_blocks is not None:
        exploration_blocks = screen_areas(exploration_blocks, names.get("eblk", ""), problems)
    if concentrated_areas is not None:
        concentrated_areas = screen_areas(concentrated_areas, names.get("conc", ""), problems)
    dups = [p.label for p in problems if p.kind == "duplicate"]
    dup_note = (f"许可证号重复的 {len(dups)} 个要素（{'、'.join(dups[:10])}）只计一次" if dups else "")
    caps = rs.output_caps()
    # output figures exist only when the rights carry an output value (a field); without any, every
    # output indicator is 无数据 — never a silent 0
    has_output = rights is not None and any(r.get("output") not in (None, "") for r in rights)
    return (_structure_indicators(rs, rights, dup_note)
            + _output_cap_indicators(rs, rights, caps, has_output, year)
            + _production_indicators(rs, rights, caps, has_output, year, pt)
            + _rights_cap_indicators(rs, rights, dup_note)
            + _block_indicators(rs, exploration_blocks, mining_blocks, concentrated_areas))


def _structure_indicators(rs: RuleSet, rights, dup_note: str) -> list:
    """Number of mines and the share of large and medium mines (structure targets)."""
    out: list[Indicator] = []
    st = rs.data.get("structure_targets") or {}
    for t in rs.structure_targets():
        clause = t.get("clause", st.get("clause", ""))
        current, note = None, ""
        if rights is not None:
            if t["id"] == "mine_count":
                current = float(len(rights))
            elif t["id"] == "large_medium_share":
                scales, unknown = [], 0
                for r in rights:
                    try:
                        scales.append(parse_scale(r.get("scale")))
                    except ValueError:
                        unknown += 1
                known = [s for s in scales if s]
                if rights:
                    lm = sum(1 for s in known if s in ("大型", "中型"))
                    current = round(100.0 * lm / len(rights), 2)
                    note = f"大中型 {lm} / 矿山 {len(rights)}"
                    missing = len(rights) - len(known)
                    if missing:
                        note += f"；{missing} 个矿山规模缺失或无法识别，按小型计"
        if dup_note and current is not None:
            note = "；".join(x for x in (note, dup_note) if x)
        out.append(Indicator(t["id"], t["name"], t.get("name_en", t["id"]), t["unit"], float(t["target"]),
                             t["comparison"], t["kind"], current, _status(current, t["comparison"], t["target"]),
                             clause, note))
    return out


def _output_cap_indicators(rs: RuleSet, rights, caps: list, has_output: bool, year) -> list:
    """Total-output caps (第五章第一节 / 第六章): the sum of the rights' outputs per mineral against the cap."""
    out: list[Indicator] = []
    for cap in caps:
        unit = _with_basis(cap["unit"], cap.get("basis"))
        notes: list = []
        current, unknown = None, []
        if has_output:
            current, _, unknown = _sum_output(rs, rights, cap["mineral"], unit, notes)
            if current is None:
                current = 0.0
                notes.append("无该矿种采矿权的可用产量，按0计" if unknown else "无该矿种采矿权的产量，按0计")
            if unknown:
                notes.append(_incomplete(unknown, "采矿权的产量"))
        elif rights is not None:
            notes.append("采矿权数据没有产量字段")
        m = rs.minerals.resolve(cap["mineral"])
        cid = cap.get("indicator_id") or cap["id"]          # the output id is data (rule file), not code
        conflicting = [t for t in rs.production_targets()
                       if rs.minerals.resolve(t["mineral"]) == m and t.get("year", year) == cap["year"]
                       and t["target"] > cap["max"]]
        for t in conflicting:
            notes.append(f"{rs.table('production_targets')} {t['mineral']}产量指标为 {fmt(t['target'])} {t['unit']}，与本上限矛盾，按较严的 "
                         f"{fmt(cap['max'])} 审查")
        name = cap.get("name") or f"{m.name if m else cap['mineral']}年开采量（{cap['year']}年上限）"
        name_en = cap.get("name_en") or f"{(m.name_en if m else cap['mineral'])} output ({cap['year']} cap)"
        out.append(Indicator(cid, name, name_en,
                             f"{cap['unit']}/年", float(cap["max"]), "<=", cap.get("kind", "预期性"), current,
                             _status(current, "<=", cap["max"], unknown), cap["clause"], "；".join(notes)))
    return out


def _production_indicators(rs: RuleSet, rights, caps: list, has_output: bool, year, pt: dict) -> list:
    """专栏3 output per mineral (a target contradicting a cap is said in the note)."""
    out: list[Indicator] = []
    for t in rs.production_targets():
        unit = _with_basis(t["unit"], t.get("basis"))
        notes = []
        current, unknown = None, []
        if has_output:
            current, n, unknown = _sum_output(rs, rights, t["mineral"], unit, notes)
            if unknown:
                notes.append(_incomplete(unknown, "采矿权的产量"))
        m = rs.minerals.resolve(t["mineral"])
        for cap in caps:
            if rs.minerals.resolve(cap["mineral"]) == m and cap["year"] == t.get("year", year) and t["target"] > cap["max"]:
                notes.append(f"与{cap['clause']}上限 {fmt(cap['max'])} {cap['unit']}/年矛盾（规划自相矛盾）")
        out.append(Indicator(t["id"], f"{t['mineral']}{year}年产量", f"{(m.name_en if m else t['mineral'])} output {year}",
                             f"{t['unit']}/年", float(t["target"]), t["comparison"], t["kind"], current,
                             _status(current, t["comparison"], t["target"], unknown) if current is not None else NO_DATA,
                             t.get("clause", pt.get("clause", "")), "；".join(notes)))
    return out


def _rights_cap_indicators(rs: RuleSet, rights, dup_note: str) -> list:
    """Caps on the number of rights of a mineral or group (建筑石料采矿权 ≤ 3)."""
    out: list[Indicator] = []
    for rc in rs.rights_caps():
        target_name = rc.get("group") or rc.get("mineral")
        current = None
        if rights is not None:
            current = float(sum(1 for r in rights if rs.minerals.resolve(r.get("mineral")) is not None
                                and rs.minerals.matches(rs.minerals.resolve(r.get("mineral")), target_name)))
        rid = rc.get("indicator_id") or rc["id"]
        out.append(Indicator(rid, rc.get("name") or f"{target_name}采矿权数量",
                             rc.get("name_en") or f"{target_name} mining rights", "个", float(rc["max"]),
                             "<=", rc.get("kind", "预期性"), current, _status(current, "<=", rc["max"]), rc["clause"],
                             "；".join(x for x in (rc.get("text", ""), dup_note if current is not None else "") if x)))
    return out


def _block_indicators(rs: RuleSet, exploration_blocks, mining_blocks, concentrated_areas) -> list:
    """Planning blocks and concentrated mining areas: their numbers and areas against the plan's."""
    out: list[Indicator] = []
    eb = rs.data.get("exploration_blocks") or {}
    if eb.get("count") is not None:
        cur = float(len(exploration_blocks)) if exploration_blocks is not None else None
        out.append(Indicator("exploration_block_count", "勘查规划区块数量", "exploration planning blocks", "个",
                             float(eb["count"]), "=", "预期性", cur, _status(cur, "=", eb["count"]), eb["clause"]))
    if eb.get("area_km2") is not None:
        cur, unknown = None, []
        if exploration_blocks is not None:
            cur, unknown = _area_sum(exploration_blocks)
        note = "；".join(x for x in ("椭球面积（CGCS2000），容差0.1%", _incomplete(unknown, "区块的面积")) if x)
        out.append(Indicator("exploration_block_area", "勘查规划区块总面积", "exploration planning block area", "平方千米",
                             float(eb["area_km2"]), "=", "预期性", cur, _status(cur, "=", eb["area_km2"], unknown),
                             eb["clause"], note))
    mb = rs.data.get("mining_blocks") or {}
    if mb.get("items") is not None:
        cur = float(len(mining_blocks)) if mining_blocks is not None else None
        out.append(Indicator("mining_block_count", "开采规划区块（采矿权设置区块）数量", "mining planning blocks", "个",
                             float(len(mb["items"])), "=", "预期性", cur, _status(cur, "=", len(mb["items"])),
                             mb.get("clause", "")))
    conc = rs.data.get("concentrated_mining_areas") or {}
    for z in conc.get("items", []) or []:
        if z.get("area_km2") is None:
            continue
        cur, unknown = None, []
        note = ""
        if concentrated_areas is not None:
            hits = [a for a in concentrated_areas if rs.match_zone("conc", a.get("code"), a.get("name")) is z]
            if hits:
                cur, unknown = _area_sum(hits)
                note = _incomplete(unknown, "图斑的面积")
            else:
                note = "数据中未找到该集中开采区（按编号或名称匹配）"
        out.append(Indicator(f"conc_area_{z.get('code', z['id'])}", f"{z['name']}面积", f"area of {z.get('code', z['id'])}",
                             "平方千米", float(z["area_km2"]), "=", "预期性", cur, _status(cur, "=", z["area_km2"], unknown),
                             conc.get("clause", ""), note or "椭球面积（CGCS2000），容差0.1%"))
    return out
