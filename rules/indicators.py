"""Plan indicators (专栏3, 第五章/第六章 caps, 专栏8/10 and 第四章 counts) from plain values — pure Python.

    rows = compute_indicators(rs, mining_rights=[{"mineral": "金矿", "scale": "大型", "output": 5.8,
                                                  "output_unit": "万吨"}, …],
                              exploration_blocks=[{"area_km2": 21.4, "mineral": "金矿"}, …], …)
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InputValueError
from .ruleset import RuleSet
from .units import Unit, convert, fmt, parse_unit
from .verdicts import parse_number, parse_scale
from .vocab import MET, NO_DATA, NOT_MET  # noqa: E402,F401 - statuses are defined once, in vocab


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


FIELDS = ["id", "name", "name_en", "unit", "target", "comparison", "target_kind", "current", "status", "clause", "note"]


def _cmp(value, op, target) -> bool:
    return {"<": value < target - 1e-9, "<=": value <= target + 1e-9, ">": value > target + 1e-9,
            ">=": value >= target - 1e-9, "=": abs(value - target) <= max(1e-9, abs(target) * 1e-3)}[op]


def _status(current, op, target) -> str:
    if current is None or target is None:
        return NO_DATA
    return MET if _cmp(current, op, target) else NOT_MET


def _with_basis(unit_text: str, basis: str | None) -> Unit:
    u = parse_unit(unit_text)
    if basis in ("ore", "metal", "mineral") and u.basis is None:
        return Unit(u.dimension, u.factor, basis, u.text, u.per_year)
    return u


def _sum_output(rs: RuleSet, rights, target_mineral: str, target_unit: Unit, notes: list):
    """Sum of the ``output`` of rights whose mineral falls under ``target_mineral``; None if no right
    of that mineral has an output value."""
    total, n = 0.0, 0
    for r in rights:
        m = rs.minerals.resolve(r.get("mineral"))
        if m is None or not rs.minerals.matches(m, target_mineral):
            continue
        value, problem = parse_number(r.get("output"))
        if value is None:
            continue
        unit_text = r.get("output_unit") or None
        try:
            v = convert(value, _with_basis(unit_text, target_unit.basis), target_unit) if unit_text else value
        except InputValueError as exc:
            notes.append(f"{r.get('label', '')} {exc.message_zh}")
            continue
        total += v
        n += 1
    return (total, n) if n else (None, 0)


def compute_indicators(rs: RuleSet, mining_rights=None, exploration_rights=None, exploration_blocks=None,
                       mining_blocks=None, concentrated_areas=None) -> list[Indicator]:
    """Each argument is a list of dicts (None = layer not given → 无数据).

    mining_rights: mineral, scale, output, output_unit, label; exploration_*: area_km2, mineral;
    mining_blocks: any; concentrated_areas: code, name, area_km2.
    """
    out: list[Indicator] = []
    st = rs.data.get("structure_targets") or {}
    pt = rs.data.get("production_targets") or {}
    year = pt.get("year", rs.plan.get("target_year"))
    rights = mining_rights

    # ---- structure: number of mines, share of large and medium ----------------------------------
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
        out.append(Indicator(t["id"], t["name"], t.get("name_en", t["id"]), t["unit"], float(t["target"]),
                             t["comparison"], t["kind"], current, _status(current, t["comparison"], t["target"]),
                             clause, note))

    # ---- total-output caps (第五章第一节 / 第六章) ---------------------------------------------------
    caps = rs.output_caps()
    # output figures exist only when the rights carry an output value (a field); without any, every
    # output indicator is 无数据 — never a silent 0
    has_output = rights is not None and any(parse_number(r.get("output"))[0] is not None for r in rights)
    for cap in caps:
        unit = _with_basis(cap["unit"], cap.get("basis"))
        notes: list = []
        current = None
        if has_output:
            current, _ = _sum_output(rs, rights, cap["mineral"], unit, notes)
            if current is None:
                current = 0.0
                notes.append("无该矿种采矿权的产量，按0计")
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
                             _status(current, "<=", cap["max"]), cap["clause"], "；".join(notes)))

    # ---- 专栏3 output per mineral -----------------------------------------------------------------
    for t in rs.production_targets():
        unit = _with_basis(t["unit"], t.get("basis"))
        notes = []
        current = None
        if has_output:
            current, n = _sum_output(rs, rights, t["mineral"], unit, notes)
        m = rs.minerals.resolve(t["mineral"])
        for cap in caps:
            if rs.minerals.resolve(cap["mineral"]) == m and cap["year"] == t.get("year", year) and t["target"] > cap["max"]:
                notes.append(f"与{cap['clause']}上限 {fmt(cap['max'])} {cap['unit']}/年矛盾（规划自相矛盾）")
        out.append(Indicator(t["id"], f"{t['mineral']}{year}年产量", f"{(m.name_en if m else t['mineral'])} output {year}",
                             f"{t['unit']}/年", float(t["target"]), t["comparison"], t["kind"], current,
                             _status(current, t["comparison"], t["target"]) if current is not None else NO_DATA,
                             t.get("clause", pt.get("clause", "")), "；".join(notes)))

    # ---- rights caps (建筑石料采矿权 ≤ 3) ---------------------------------------------------------------
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
                             rc.get("text", "")))

    # ---- planning blocks -------------------------------------------------------------------------
    eb = rs.data.get("exploration_blocks") or {}
    if eb.get("count") is not None:
        cur = float(len(exploration_blocks)) if exploration_blocks is not None else None
        out.append(Indicator("exploration_block_count", "勘查规划区块数量", "exploration planning blocks", "个",
                             float(eb["count"]), "=", "预期性", cur, _status(cur, "=", eb["count"]), eb["clause"]))
    if eb.get("area_km2") is not None:
        cur = None
        if exploration_blocks is not None:
            cur = round(sum(float(b.get("area_km2") or 0) for b in exploration_blocks), 4)
        out.append(Indicator("exploration_block_area", "勘查规划区块总面积", "exploration planning block area", "平方千米",
                             float(eb["area_km2"]), "=", "预期性", cur, _status(cur, "=", eb["area_km2"]), eb["clause"],
                             "椭球面积（CGCS2000），容差0.1%"))
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
        cur = None
        note = ""
        if concentrated_areas is not None:
            hits = [a for a in concentrated_areas if rs.match_zone("conc", a.get("code"), a.get("name")) is z]
            if hits:
                cur = round(sum(float(a.get("area_km2") or 0) for a in hits), 4)
            else:
                note = "数据中未找到该集中开采区（按编号或名称匹配）"
        out.append(Indicator(f"conc_area_{z.get('code', z['id'])}", f"{z['name']}面积", f"area of {z.get('code', z['id'])}",
                             "平方千米", float(z["area_km2"]), "=", "预期性", cur, _status(cur, "=", z["area_km2"]),
                             conc.get("clause", ""), note or "椭球面积（CGCS2000），容差0.1%"))
    return out
