"""Minimum mining scale of a new mine (专栏6) and its service years — pure Python.

``check_minimum_scale(rs, "金矿", scale="中型", capacity=8)`` →
CheckResult(verdict="不符合", reason="金矿（岩金）中型矿山设计生产规模 8 矿石万吨/年 低于 专栏6 最低开采规模 9 …").
"""
from __future__ import annotations

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


def check_minimum_scale(rs: RuleSet, mineral_text, scale=None, capacity=None, capacity_unit=None,
                        reserves=None, reserves_unit=None, method=None) -> CheckResult:
    """Judge a proposed mine against 专栏6 and the service-years rule.

    Values may come straight from attribute tables (text or numbers, possibly NULL).
    ``values`` of the result holds the output fields: mineral_std, reserve_scale, min_capacity,
    capacity_unit, scale_ok, service_years, service_ok.
    """
    ms = rs.min_scale
    clause = ms["clause"]
    tbl = rs.table("minimum_scale")     # the plan's own table label (专栏6 in Lingbao)
    vals = {"mineral_std": None, "plan_category": None, "reserve_scale": None, "min_capacity": None,
            "capacity_unit": None, "scale_ok": None, "service_years": None, "service_ok": None}

    def result(verdict, zh, en, extra_clause=""):
        cl = clause + (f"; {extra_clause}" if extra_clause and extra_clause not in clause else "")
        return CheckResult(verdict, zh, en, cl, vals)

    if mineral_text is None or not str(mineral_text).strip():
        return result(MANUAL, "矿种为空，无法确定最低开采规模", "the mineral is empty: no minimum scale can be looked up")
    mineral = rs.minerals.resolve(mineral_text)
    if mineral is None:
        close = rs.minerals.close_matches(mineral_text)
        hint_zh = f"，相近矿种：{'、'.join(close)}" if close else ""
        hint_en = f"; close matches: {', '.join(close)}" if close else ""
        return result(MANUAL, f"矿种“{mineral_text}”不在矿种字典中{hint_zh}，请人工核查",
                      f"unknown mineral '{mineral_text}'{hint_en}; check by hand")
    row = rs.min_scale_row(mineral)
    vals["mineral_std"] = mineral.name
    if row is None:
        try:
            early_scale = parse_scale(scale)
        except ValueError:
            early_scale = None
        small_rule = rs.no_new_small(mineral) if early_scale == "小型" else None
        if small_rule:
            vals["reserve_scale"] = early_scale
            src_zh, src_en = source_note(small_rule)
            return result(NO_NEW, f"{mineral.name}属砂石土类矿产，{small_rule.get('text', '原则上不再新建小型矿山')}{src_zh}",
                          f"{mineral.name_en or mineral.name} is a sand/stone/clay mineral: in principle no new "
                          f"small mine{src_en}", small_rule["clause"])
        return result(MANUAL, f"规划未规定{mineral.name}的新建矿山最低开采规模（{tbl} 未列），需人工核查",
                      f"the plan sets no minimum mining scale for {mineral.name_en or mineral.name}; check by hand")
    category = rs.minerals.resolve(row["mineral"])
    cat_name = category.name if category else row["mineral"]
    label = row.get("label", row["mineral"])
    vals["plan_category"] = cat_name
    if cat_name != mineral.name:
        vals["mineral_std"] = f"{mineral.name}（{cat_name}）"
    method_problem = _method_problem(row, method, mineral, label, tbl)
    if method_problem is not None:
        return result(MANUAL, *method_problem)
    unit_row = _row_unit(row)
    unit_text = _per_year(row["unit"])
    vals["capacity_unit"] = unit_text
    cond_zh = f"（适用于{row['condition']}）" if row.get("condition") else ""
    notes_zh, notes_en = [], []

    # ---- reserve scale -----------------------------------------------------------------------
    declared = None
    try:
        declared = parse_scale(scale)
    except ValueError:
        return result(MANUAL, f"无法识别的储量规模“{scale}”（应为大型、中型或小型），需人工核查",
                      f"unrecognised reserve scale '{scale}' (expected 大型/中型/小型 or large/medium/small)")
    res_value, res_problem = parse_number(reserves)
    if res_problem:
        return result(MANUAL, f"储量值“{reserves}”不是数字，需人工核查",
                      f"reserves value '{reserves}' is not a number; check by hand")
    if res_value is not None and res_value < 0:
        return result(MANUAL, f"储量值 {fmt(res_value)} 为负数，需人工核查",
                      f"reserves value {fmt(res_value)} is negative; check by hand")
    derived = None
    if res_value is not None:
        derived, dzh, den = derive_reserve_scale(rs, mineral, res_value, reserves_unit)
        if derived is None and declared is None:
            return result(MANUAL, f"缺少储量规模，且无法由储量推定：{dzh}",
                          f"no reserve scale given and none can be derived: {den}", ms.get("reserve_scale_basis", ""))
        if derived is not None and declared is not None and derived != declared:
            notes_zh.append(f"注意：登记规模为{declared}，但{dzh}，按登记规模审查")
            notes_en.append(f"note: the declared scale is {SCALE_EN[declared]} but {den}; the declared scale is used")
        elif derived is not None and declared is None:
            notes_zh.append(dzh)
            notes_en.append(den)
    reserve_scale = declared or derived
    if reserve_scale is None:
        return result(MANUAL, f"缺少{mineral.name}矿山的储量规模（大型/中型/小型）或储量，无法确定最低开采规模",
                      "the reserve scale (or the reserves) is missing: no minimum scale can be chosen")
    vals["reserve_scale"] = reserve_scale
    cell = row[SCALE_KEYS[reserve_scale]]

    # ---- "/" and 原则上不再新建小型矿山 --------------------------------------------------------------
    if cell == "/":
        note = ms.get("note", "")
        src_zh, src_en = source_note(ms.get("slash_reading") or {})
        return result(NO_NEW,
                      f"{tbl} {label}{reserve_scale}栏为“/”，规划不设该储量规模的新建矿山开采规模，"
                      f"即不得新建{reserve_scale}{label}矿山（备注：{note}）{src_zh}",
                      f"the {tbl} cell for a {SCALE_EN[reserve_scale]} {mineral.name_en or label} deposit is '/': "
                      f"the plan allows no new mine of that reserve scale (scale classes per "
                      f"{ms.get('reserve_scale_basis', '国土资发〔2000〕133号')}){src_en}")
    small_rule = rs.no_new_small(mineral) if reserve_scale == "小型" else None
    if small_rule:
        src_zh, src_en = source_note(small_rule)
        return result(NO_NEW, f"{mineral.name}属砂石土类矿产，{small_rule.get('text', '原则上不再新建小型矿山')}{src_zh}",
                      f"{mineral.name_en or mineral.name} is a sand/stone/clay mineral: in principle no new small mine"
                      f"{src_en}", small_rule["clause"])
    if cell is None:
        return result(MANUAL, f"{tbl} {label}{reserve_scale}栏无数值，需人工核查",
                      f"{tbl} has no value for a {SCALE_EN[reserve_scale]} {label} mine; check by hand")
    min_cap = float(cell)
    vals["min_capacity"] = min_cap

    # ---- capacity ------------------------------------------------------------------------------
    cap_value, cap_problem = parse_number(capacity)
    if cap_problem:
        return result(MANUAL, f"设计生产规模“{capacity}”不是数字，需人工核查",
                      f"design capacity '{capacity}' is not a number; check by hand")
    if cap_value is None:
        return result(MANUAL, f"缺少设计生产规模，无法与最低开采规模 {fmt(min_cap)} {unit_text} 比较",
                      f"the design capacity is missing: cannot compare with the minimum {fmt(min_cap)} {unit_text}")
    if cap_value < 0:
        return result(MANUAL, f"设计生产规模 {fmt(cap_value)} 为负数，需人工核查",
                      f"design capacity {fmt(cap_value)} is negative; check by hand")
    if capacity_unit not in (None, "") and str(capacity_unit).strip():
        try:
            cap_in_row = convert(cap_value, parse_unit(capacity_unit), unit_row)
        except InputValueError as exc:
            return result(MANUAL, f"设计生产规模单位无法换算：{exc.message_zh}",
                          f"the capacity unit cannot be converted: {exc.message_en}")
        if abs(cap_in_row - cap_value) > 1e-12:
            notes_zh.append(f"设计生产规模 {fmt(cap_value)} {capacity_unit} = {fmt(cap_in_row)} {unit_text}")
            notes_en.append(f"design capacity {fmt(cap_value)} {capacity_unit} = {fmt(cap_in_row)} {unit_text}")
    else:
        cap_in_row = cap_value
    scale_ok = cap_in_row >= min_cap - 1e-9
    vals["scale_ok"] = 1 if scale_ok else 0

    # ---- service years ---------------------------------------------------------------------------
    years_min, years_clause = rs.service_years_min()
    if res_value is not None and years_min is not None:
        try:
            ru = parse_unit(reserves_unit) if reserves_unit not in (None, "") else unit_row
            if ru.basis is None and unit_row.basis is not None:
                ru = Unit(ru.dimension, ru.factor, unit_row.basis, ru.text)
            reserves_in_row = convert(res_value, ru, unit_row)
            if cap_in_row > 0:
                years = reserves_in_row / cap_in_row
                vals["service_years"] = round(years, 2)
                vals["service_ok"] = 1 if years >= years_min - 1e-9 else 0
        except InputValueError as exc:
            notes_zh.append(f"未计算服务年限：{exc.message_zh}")
            notes_en.append(f"service years not computed: {exc.message_en}")

    head_zh = (f"{label}{reserve_scale}矿山设计生产规模 {fmt(cap_in_row)} {unit_text}{cond_zh}")
    head_en = (f"{SCALE_EN[reserve_scale]} {mineral.name_en or label} mine, design capacity "
               f"{fmt(cap_in_row)} {unit_text}")
    cmp_zh = "不低于" if scale_ok else "低于"
    zh = f"{head_zh} {cmp_zh} {tbl} 最低开采规模 {fmt(min_cap)} {unit_text}"
    en = (f"{head_en} {'meets' if scale_ok else 'is below'} the {tbl} minimum of {fmt(min_cap)} {unit_text}")
    extra_clause = ""
    if vals["service_ok"] is not None:
        years = vals["service_years"]
        ok = vals["service_ok"] == 1
        zh += f"；服务年限 {fmt(years, 2)} 年（储量/设计规模）{'满足' if ok else '不足'} {fmt(years_min)} 年要求"
        en += f"; service life {fmt(years, 2)} years (reserves / capacity) {'meets' if ok else 'is below'} " \
              f"the {fmt(years_min)}-year minimum"
        if not ok:
            src_zh, src_en = source_note((ms.get("service_years_min") or {}).get("method") or {})
            zh += src_zh
            en += src_en
        extra_clause = years_clause
    if notes_zh:
        zh += "（" + "；".join(notes_zh) + "）"
        en += " (" + "; ".join(notes_en) + ")"
    if cat_name != mineral.name:
        zh = f"{mineral.name}按{tbl}“{label}”类审查：" + zh
        en = f"{mineral.name} is judged under the {tbl} row '{label}': " + en
    failed = (not scale_ok) or vals["service_ok"] == 0
    return result(FAIL if failed else OK, zh, en, extra_clause)


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
