"""Minimum mining scale of a new mine (专栏6) and its service years — pure Python.

``check_minimum_scale(rs, "金矿", scale="中型", capacity=8)`` →
CheckResult(verdict="不符合", reason="金矿（岩金）中型矿山设计生产规模 8 矿石万吨/年 低于 专栏6 最低开采规模 9 …").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.errors import InputValueError
from ..model.ruleset import SCALE_EN, SCALE_KEYS, SCALES, RuleSet
from ..model.units import Unit, convert, fmt, parse_unit
from .controls import source_note
from .verdicts import FAIL, MANUAL, NO_NEW, OK, CheckResult, parse_method, parse_number, parse_scale


def _row_unit(row) -> Unit:
    return parse_unit(row["unit"])


def _per_year(text: str) -> str:
    return text if text.endswith("/年") else text + "/年"


def derive_reserve_scale(rs: RuleSet, mineral, reserves: float, reserves_unit) -> tuple[str | None, str, str]:
    """Reserve scale class from the threshold table. Returns (class or None, note zh, note en)."""
    t = rs.reserve_scale.for_mineral(mineral, rs.minerals)
    if t is None:
        return None, f"{rs.reserve_scale.name}未列{mineral.name}的储量规模界限", \
            f"the reserve-scale table has no threshold for {mineral.name_en or mineral.name}"
    tu = parse_unit(t.unit)
    tu = Unit(tu.dimension, tu.factor, t.basis if t.basis in ("ore", "metal", "mineral") else None, t.unit)
    try:
        ru = parse_unit(reserves_unit) if reserves_unit not in (None, "") else None
    except InputValueError as exc:
        return None, exc.message_zh, exc.message_en
    if ru is None:
        return None, "缺少储量单位，无法按储量划分规模", "the reserves unit is missing: cannot classify"
    if ru.basis is None and t.basis in ("metal", "mineral") and ru.dimension == "mass":
        return None, (f"{mineral.name}储量规模按{'金属量' if t.basis == 'metal' else '矿物量'}划分，"
                      f"储量单位“{ru.text}”未注明是否为{'金属量' if t.basis == 'metal' else '矿物量'}"), \
            (f"{mineral.name_en or mineral.name} is classed by {t.basis} content; the unit '{ru.text}' "
             f"does not say it counts {t.basis}")
    try:
        value = convert(reserves, ru, tu)
    except InputValueError as exc:
        return None, exc.message_zh, exc.message_en
    cls = "大型" if value >= t.large else ("中型" if value >= t.medium else "小型")
    variant = f"（{t.variant}）" if t.variant else ""
    checked_zh = "" if t.checked else "，该界限未经原文核实"
    checked_en = "" if t.checked else "; threshold unchecked"
    return cls, (f"按{rs.reserve_scale.name}，{mineral.name}{variant}储量 {fmt(value)} {t.unit}"
                 f"（大型≥{fmt(t.large)}，中型≥{fmt(t.medium)}）为{cls}{checked_zh}"), \
        (f"by {rs.reserve_scale.name}, reserves of {fmt(value)} {t.unit} make a {SCALE_EN[cls]} deposit "
         f"(large ≥ {fmt(t.large)}, medium ≥ {fmt(t.medium)}){checked_en}")


class _Stop(Exception):
    """A step of the minimum-scale check reached its verdict (the result rides on the exception)."""

    def __init__(self, result: CheckResult):
        super().__init__()
        self.result = result


@dataclass
class _Case:
    """What the steps of one minimum-scale check share: the rule, the output values, the notes of the reason."""

    rs: RuleSet
    vals: dict = field(default_factory=lambda: dict.fromkeys(
        ("mineral_std", "plan_category", "reserve_scale", "min_capacity", "capacity_unit", "scale_ok",
         "service_years", "service_ok")))
    notes_zh: list = field(default_factory=list)
    notes_en: list = field(default_factory=list)

    @property
    def ms(self) -> dict:
        return self.rs.min_scale

    @property
    def tbl(self) -> str:
        return self.rs.table("minimum_scale")     # the plan's own table label (专栏6 in Lingbao)

    def result(self, verdict: str, zh: str, en: str, extra_clause: str = "") -> CheckResult:
        clause = self.ms["clause"]
        cl = clause + (f"; {extra_clause}" if extra_clause and extra_clause not in clause else "")
        return CheckResult(verdict, zh, en, cl, self.vals)

    def stop(self, verdict: str, zh: str, en: str, extra_clause: str = ""):
        raise _Stop(self.result(verdict, zh, en, extra_clause))

    def note(self, zh: str, en: str):
        self.notes_zh.append(zh)
        self.notes_en.append(en)


def check_minimum_scale(rs: RuleSet, mineral_text, scale=None, capacity=None, capacity_unit=None,
                        reserves=None, reserves_unit=None, method=None) -> CheckResult:
    """Judge a proposed mine against 专栏6 and the service-years rule.

    Values may come straight from attribute tables (text or numbers, possibly NULL).
    ``values`` of the result holds the output fields: mineral_std, reserve_scale, min_capacity,
    capacity_unit, scale_ok, service_years, service_ok. Each step below either adds what it found or stops with
    the verdict it reached (需人工核查 for what cannot be judged, 不得新建 for a "/" cell or a small 砂石土 mine).
    """
    case = _Case(rs)
    try:
        mineral = _known_mineral(case, mineral_text)
        row = _scale_row(case, mineral, scale)
        label = row.get("label", row["mineral"])
        problem = _method_problem(row, method, mineral, label, case.tbl)
        if problem is not None:
            case.stop(MANUAL, *problem)
        unit_row = _row_unit(row)
        case.vals["capacity_unit"] = _per_year(row["unit"])
        reserve_scale, res_value = _reserve_scale(case, mineral, scale, reserves, reserves_unit)
        min_cap = _minimum_capacity(case, row, mineral, label, reserve_scale)
        cap_in_row = _capacity_in_row_unit(case, capacity, capacity_unit, unit_row, min_cap)
        _service_years(case, res_value, reserves_unit, unit_row, cap_in_row)
    except _Stop as stop:
        return stop.result
    return _verdict(case, mineral, row, label, reserve_scale, min_cap, cap_in_row)


def _known_mineral(case: _Case, mineral_text):
    if mineral_text is None or not str(mineral_text).strip():
        case.stop(MANUAL, "矿种为空，无法确定最低开采规模", "the mineral is empty: no minimum scale can be looked up")
    mineral = case.rs.minerals.resolve(mineral_text)
    if mineral is None:
        close = case.rs.minerals.close_matches(mineral_text)
        hint_zh = f"，相近矿种：{'、'.join(close)}" if close else ""
        hint_en = f"; close matches: {', '.join(close)}" if close else ""
        case.stop(MANUAL, f"矿种“{mineral_text}”不在矿种字典中{hint_zh}，请人工核查",
                  f"unknown mineral '{mineral_text}'{hint_en}; check by hand")
    case.vals["mineral_std"] = mineral.name
    return mineral


def _no_new_small(case: _Case, mineral, small_rule: dict):
    src_zh, src_en = source_note(small_rule)
    case.stop(NO_NEW, f"{mineral.name}属砂石土类矿产，{small_rule.get('text', '原则上不再新建小型矿山')}{src_zh}",
              f"{mineral.name_en or mineral.name} is a sand/stone/clay mineral: in principle no new small mine"
              f"{src_en}", small_rule["clause"])


def _scale_row(case: _Case, mineral, scale) -> dict:
    """The 专栏6 row of the mineral (its plan category's); none: 不得新建 for a small 砂石土 mine, else 需人工核查."""
    row = case.rs.min_scale_row(mineral)
    if row is None:
        try:
            early_scale = parse_scale(scale)
        except ValueError:
            early_scale = None
        small_rule = case.rs.no_new_small(mineral) if early_scale == "小型" else None
        if small_rule:
            case.vals["reserve_scale"] = early_scale
            _no_new_small(case, mineral, small_rule)
        case.stop(MANUAL, f"规划未规定{mineral.name}的新建矿山最低开采规模（{case.tbl} 未列），需人工核查",
                  f"the plan sets no minimum mining scale for {mineral.name_en or mineral.name}; check by hand")
    category = case.rs.minerals.resolve(row["mineral"])
    cat_name = category.name if category else row["mineral"]
    case.vals["plan_category"] = cat_name
    if cat_name != mineral.name:
        case.vals["mineral_std"] = f"{mineral.name}（{cat_name}）"
    return row


def _reserve_scale(case: _Case, mineral, scale, reserves, reserves_unit) -> tuple:
    """(reserve scale, reserves as a number or None): the declared scale wins; else the one the reserves give."""
    try:
        declared = parse_scale(scale)
    except ValueError:
        case.stop(MANUAL, f"无法识别的储量规模“{scale}”（应为大型、中型或小型），需人工核查",
                  f"unrecognised reserve scale '{scale}' (expected 大型/中型/小型 or large/medium/small)")
    res_value, res_problem = parse_number(reserves)
    if res_problem:
        case.stop(MANUAL, f"储量值“{reserves}”不是数字，需人工核查", f"reserves value '{reserves}' is not a number; check by hand")
    if res_value is not None and res_value < 0:
        case.stop(MANUAL, f"储量值 {fmt(res_value)} 为负数，需人工核查",
                  f"reserves value {fmt(res_value)} is negative; check by hand")
    derived = None
    if res_value is not None:
        derived, dzh, den = derive_reserve_scale(case.rs, mineral, res_value, reserves_unit)
        if derived is None and declared is None:
            case.stop(MANUAL, f"缺少储量规模，且无法由储量推定：{dzh}",
                      f"no reserve scale given and none can be derived: {den}", case.ms.get("reserve_scale_basis", ""))
        if derived is not None and declared is not None and derived != declared:
            case.note(f"注意：登记规模为{declared}，但{dzh}，按登记规模审查",
                      f"note: the declared scale is {SCALE_EN[declared]} but {den}; the declared scale is used")
        elif derived is not None and declared is None:
            case.note(dzh, den)
    reserve_scale = declared or derived
    if reserve_scale is None:
        case.stop(MANUAL, f"缺少{mineral.name}矿山的储量规模（大型/中型/小型）或储量，无法确定最低开采规模",
                  "the reserve scale (or the reserves) is missing: no minimum scale can be chosen")
    case.vals["reserve_scale"] = reserve_scale
    return reserve_scale, res_value


def _minimum_capacity(case: _Case, row: dict, mineral, label: str, reserve_scale: str) -> float:
    """The 专栏6 cell for the reserve scale; "/" and 原则上不再新建小型矿山 stop with 不得新建."""
    cell = row[SCALE_KEYS[reserve_scale]]
    if cell == "/":
        src_zh, src_en = source_note(case.ms.get("slash_reading") or {})
        case.stop(NO_NEW,
                  f"{case.tbl} {label}{reserve_scale}栏为“/”，规划不设该储量规模的新建矿山开采规模，"
                  f"即不得新建{reserve_scale}{label}矿山（备注：{case.ms.get('note', '')}）{src_zh}",
                  f"the {case.tbl} cell for a {SCALE_EN[reserve_scale]} {mineral.name_en or label} deposit is '/': "
                  f"the plan allows no new mine of that reserve scale (scale classes per "
                  f"{case.ms.get('reserve_scale_basis', '国土资发〔2000〕133号')}){src_en}")
    small_rule = case.rs.no_new_small(mineral) if reserve_scale == "小型" else None
    if small_rule:
        _no_new_small(case, mineral, small_rule)
    if cell is None:
        case.stop(MANUAL, f"{case.tbl} {label}{reserve_scale}栏无数值，需人工核查",
                  f"{case.tbl} has no value for a {SCALE_EN[reserve_scale]} {label} mine; check by hand")
    case.vals["min_capacity"] = float(cell)
    return float(cell)


def _capacity_in_row_unit(case: _Case, capacity, capacity_unit, unit_row: Unit, min_cap: float) -> float:
    """The design capacity in the unit of the 专栏6 row (converted from the capacity's own unit, said in a note)."""
    unit_text = case.vals["capacity_unit"]
    cap_value, cap_problem = parse_number(capacity)
    if cap_problem:
        case.stop(MANUAL, f"设计生产规模“{capacity}”不是数字，需人工核查",
                  f"design capacity '{capacity}' is not a number; check by hand")
    if cap_value is None:
        case.stop(MANUAL, f"缺少设计生产规模，无法与最低开采规模 {fmt(min_cap)} {unit_text} 比较",
                  f"the design capacity is missing: cannot compare with the minimum {fmt(min_cap)} {unit_text}")
    if cap_value < 0:
        case.stop(MANUAL, f"设计生产规模 {fmt(cap_value)} 为负数，需人工核查",
                  f"design capacity {fmt(cap_value)} is negative; check by hand")
    cap_in_row = cap_value
    if capacity_unit not in (None, "") and str(capacity_unit).strip():
        try:
            cap_in_row = convert(cap_value, parse_unit(capacity_unit), unit_row)
        except InputValueError as exc:
            case.stop(MANUAL, f"设计生产规模单位无法换算：{exc.message_zh}",
                      f"the capacity unit cannot be converted: {exc.message_en}")
        if abs(cap_in_row - cap_value) > 1e-12:
            case.note(f"设计生产规模 {fmt(cap_value)} {capacity_unit} = {fmt(cap_in_row)} {unit_text}",
                      f"design capacity {fmt(cap_value)} {capacity_unit} = {fmt(cap_in_row)} {unit_text}")
    case.vals["scale_ok"] = 1 if cap_in_row >= min_cap - 1e-9 else 0
    return cap_in_row


def _service_years(case: _Case, res_value, reserves_unit, unit_row: Unit, cap_in_row: float):
    """Service life = reserves / capacity, against the rule file's minimum (when both are known)."""
    years_min, _clause = case.rs.service_years_min()
    if res_value is None or years_min is None:
        return
    try:
        ru = parse_unit(reserves_unit) if reserves_unit not in (None, "") else unit_row
        if ru.basis is None and unit_row.basis is not None:
            ru = Unit(ru.dimension, ru.factor, unit_row.basis, ru.text)
        reserves_in_row = convert(res_value, ru, unit_row)
        if cap_in_row > 0:
            years = reserves_in_row / cap_in_row
            case.vals["service_years"] = round(years, 2)
            case.vals["service_ok"] = 1 if years >= years_min - 1e-9 else 0
    except InputValueError as exc:
        case.note(f"未计算服务年限：{exc.message_zh}", f"service years not computed: {exc.message_en}")


def _verdict(case: _Case, mineral, row: dict, label: str, reserve_scale: str, min_cap: float,
             cap_in_row: float) -> CheckResult:
    """符合 or 不符合 with the comparison written out (capacity, then service life, then the notes)."""
    tbl, vals, ms = case.tbl, case.vals, case.ms
    unit_text = vals["capacity_unit"]
    scale_ok = vals["scale_ok"] == 1
    cond_zh = f"（适用于{row['condition']}）" if row.get("condition") else ""
    zh = (f"{label}{reserve_scale}矿山设计生产规模 {fmt(cap_in_row)} {unit_text}{cond_zh} "
          f"{'不低于' if scale_ok else '低于'} {tbl} 最低开采规模 {fmt(min_cap)} {unit_text}")
    en = (f"{SCALE_EN[reserve_scale]} {mineral.name_en or label} mine, design capacity {fmt(cap_in_row)} {unit_text} "
          f"{'meets' if scale_ok else 'is below'} the {tbl} minimum of {fmt(min_cap)} {unit_text}")
    extra_clause = ""
    if vals["service_ok"] is not None:
        years_min, years_clause = case.rs.service_years_min()
        years, ok = vals["service_years"], vals["service_ok"] == 1
        zh += f"；服务年限 {fmt(years, 2)} 年（储量/设计规模）{'满足' if ok else '不足'} {fmt(years_min)} 年要求"
        en += f"; service life {fmt(years, 2)} years (reserves / capacity) {'meets' if ok else 'is below'} " \
              f"the {fmt(years_min)}-year minimum"
        if not ok:
            src_zh, src_en = source_note((ms.get("service_years_min") or {}).get("method") or {})
            zh += src_zh
            en += src_en
        extra_clause = years_clause
    if case.notes_zh:
        zh += "（" + "；".join(case.notes_zh) + "）"
        en += " (" + "; ".join(case.notes_en) + ")"
    if vals["plan_category"] != mineral.name:
        zh = f"{mineral.name}按{tbl}“{label}”类审查：" + zh
        en = f"{mineral.name} is judged under the {tbl} row '{label}': " + en
    failed = (not scale_ok) or vals["service_ok"] == 0
    return case.result(FAIL if failed else OK, zh, en, extra_clause)


def _method_problem(row: dict, method, mineral, label: str, tbl: str):
    """A row that applies to one mining method only (铁矿（地下）): (zh, en) when the feature's method is not
    that one or is not given; None when the row applies."""
    wanted = row.get("method")
    if not wanted:
        return None
    try:
        got = parse_method(method)
    except ValueError:
        return (f"无法识别的开采方式“{method}”（应为地下或露天），{tbl} {label}仅适用于{row.get('condition', wanted)}，需人工核查",
                f"unrecognised mining method '{method}'; the {tbl} row '{label}' applies to {wanted} mining only")
    if got is None:
        return (f"未注明开采方式：{tbl} {label}仅适用于{row.get('condition', wanted)}，需人工核查",
                f"mining method not given: the {tbl} row '{label}' applies to underground mining only")
    if got != wanted:
        return (f"{got}开采的{mineral.name}：{tbl} {label}仅适用于{row.get('condition', wanted)}，规划未规定{got}"
                f"{mineral.name}矿山的最低开采规模，需人工核查",
                f"{mineral.name_en or mineral.name} mined by {got}: the {tbl} row '{label}' applies to {wanted} mining "
                f"only; the plan sets no minimum for this method")
    return None


__all__ = ["check_minimum_scale", "derive_reserve_scale", "SCALES"]
