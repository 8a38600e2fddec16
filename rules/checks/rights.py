"""A continuing application (延续, 变更, 转让, 深部或上部扩界) compared with the existing right it continues —
pure Python. The QGIS side matches the right (licence number, else mutual overlap) and measures the added
area; this module says what the plan asks of the result (三合一方案 when the area, mineral or scale changes).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.apptypes import applies, type_label
from ..model.ruleset import RuleSet
from ..model.units import fmt
from ..model.vocab import CHANGE_MINERAL, CHANGE_SCALE, ENLARGE, VERTICAL
from .controls import source_note
from .verdicts import ARGUE, NOT_APPLICABLE, NOT_CHECKED, OK, CheckResult, parse_method, parse_number, parse_scale

MATCHED, NONE, AMBIGUOUS, NOT_GIVEN = "matched", "none", "ambiguous", "not_given"


@dataclass
class RightMatch:
    status: str = NOT_GIVEN
    labels: list = field(default_factory=list)      # matched right(s): licence or id
    by: str = ""                                     # licence / overlap
    mineral: object = None                           # the matched right's mineral, scale, capacity
    scale: object = None
    capacity: object = None
    added_area_m2: float | None = None               # area of the application outside the matched right
    method: object = None                            # the matched right's mining method (开采方式), if given


SCALE_ENLARGED, SCALE_REDUCED = "scale_enlarged", "scale_reduced"
_SCALE_RANK = {"小型": 1, "中型": 2, "大型": 3}


def _changes(rs: RuleSet, match: RightMatch, mineral_text, scale, capacity, method=None, app_type=None) -> list:
    """[(kind, zh, en)] of what differs from the matched right."""
    out = []
    cfg = (rs.data.get("existing_rights") or {}).get("three_in_one") or {}
    min_added = float(cfg.get("min_added_area_m2", 1.0))
    if match.added_area_m2 is not None and match.added_area_m2 >= min_added:
        out.append(("area_enlarged", f"范围扩大 {fmt(match.added_area_m2, 2)} 平方米",
                    f"area enlarged by {fmt(match.added_area_m2, 2)} m²"))
    before, after = rs.minerals.resolve(match.mineral), rs.minerals.resolve(mineral_text)
    if before is not None and after is not None and before.name != after.name:
        out.append(("mineral_changed", f"矿种由{before.name}变更为{after.name}",
                    f"mineral changed from {before.name_en or before.name} to {after.name_en or after.name}"))
    cap_before, _ = parse_number(match.capacity)
    cap_after, _ = parse_number(capacity)
    if cap_before is not None and cap_after is not None and abs(cap_before - cap_after) > 1e-9:
        kind = SCALE_ENLARGED if cap_after > cap_before else SCALE_REDUCED
        word = "扩大" if kind == SCALE_ENLARGED else "缩小"
        out.append((kind, f"生产规模由 {fmt(cap_before)} {word}为 {fmt(cap_after)}",
                    f"capacity {'raised' if kind == SCALE_ENLARGED else 'lowered'} from {fmt(cap_before)} to "
                    f"{fmt(cap_after)}"))
    else:
        try:
            s_before, s_after = parse_scale(match.scale), parse_scale(scale)
        except ValueError:
            s_before = s_after = None
        if s_before and s_after and s_before != s_after and s_before in _SCALE_RANK and s_after in _SCALE_RANK:
            kind = SCALE_ENLARGED if _SCALE_RANK[s_after] > _SCALE_RANK[s_before] else SCALE_REDUCED
            out.append((kind, f"规模由{s_before}变更为{s_after}", f"scale changed from {s_before} to {s_after}"))
    try:
        m_before, m_after = parse_method(match.method), parse_method(method)
    except ValueError:
        m_before = m_after = None
    if m_before and m_after and m_before != m_after:
        out.append(("method_changed", f"开采方式由{m_before}变更为{m_after}",
                    f"mining method changed from {m_before} to {m_after}"))
    if app_type == VERTICAL:
        out.append(("deep_extension", "在已设采矿权垂直投影的上部或深部扩界（矿区范围向深部或上部扩大）",
                    "extends the right's range below or above its vertical projection"))
    return out


def judge_right(rs: RuleSet, app_type: str | None, match: RightMatch | None, mineral_text=None, scale=None,
                capacity=None, method=None) -> CheckResult:
    cfg = rs.data.get("existing_rights") or {}
    clause = cfg.get("clause", "")
    if not cfg or not applies(cfg, app_type):
        new = ((cfg.get("three_in_one") or {}).get("new") or {})
        if new and applies(new, app_type):
            return CheckResult(NOT_APPLICABLE, f"不适用：{type_label(app_type)}无对应的现有矿业权；另：{new.get('text', '')}"
                                               f"（{new.get('clause', '')}，登记时提交，不据此判定）",
                               f"not applicable: an application of type “{type_label(app_type, 'en')}” continues no "
                               f"existing right; a new mining right must draw up a 三合一 plan at registration "
                               f"({new.get('clause', '')}; not judged here)", "")
        return CheckResult(NOT_APPLICABLE, f"不适用：{type_label(app_type)}无对应的现有矿业权",
                           f"not applicable: an application of type “{type_label(app_type, 'en')}” continues no existing right", "")
    label = type_label(app_type)
    if match is None or match.status == NOT_GIVEN:
        return CheckResult(NOT_CHECKED, f"{label}须对应现有矿业权，但未提供现有矿业权图层，未核对",
                           f"an application of type “{type_label(app_type, 'en')}” continues an existing right, but no rights layer was "
                           f"given: not checked", clause)
    verdict = cfg.get("unmatched_verdict", ARGUE)
    if match.status == AMBIGUOUS:
        return CheckResult(verdict, f"许可证号对应多个现有矿业权（{'、'.join(map(str, match.labels))}），需论证",
                           f"the licence number matches several existing rights ({', '.join(map(str, match.labels))})",
                           clause, {"matched_right": ",".join(map(str, match.labels))})
    if match.status == NONE:
        src_zh, src_en = source_note(cfg)
        return CheckResult(verdict, f"{label}：未找到对应的现有矿业权（许可证号不符，且与任何现有矿业权重叠均不足一半），需论证{src_zh}",
                           f"{type_label(app_type, 'en')}: no existing right matches (licence number or half mutual "
                           f"overlap){src_en}", clause)
    head = f"对应现有矿业权 {'、'.join(map(str, match.labels))}（按{'许可证号' if match.by == 'licence' else '范围重叠'}匹配）"
    head_en = f"continues existing right {', '.join(map(str, match.labels))} (matched by {match.by})"
    vals = {"matched_right": ",".join(map(str, match.labels)), "added_area_m2": match.added_area_m2}
    changes = _changes(rs, match, mineral_text, scale, capacity, method, app_type)
    expected = {ENLARGE: ("area_enlarged",), CHANGE_MINERAL: ("mineral_changed",),
                CHANGE_SCALE: (SCALE_ENLARGED, SCALE_REDUCED)}.get(app_type)
    notes_zh, notes_en = [], []
    if expected and not set(expected) & {c[0] for c in changes}:
        notes_zh.append(f"申请类型为{label}，但与现有矿业权相比未见相应变化")
        notes_en.append(f"the application is a {type_label(app_type, 'en')} but nothing of that kind changed")
    tio = cfg.get("three_in_one") or {}
    wanted = set(tio.get("when", []) or [])
    triggering = [c for c in changes if c[0] in wanted] if applies(tio, app_type) else []
    changed_zh = "；".join(c[1] for c in changes) or "范围、矿种、规模未变"
    changed_en = "; ".join(c[2] for c in changes) or "area, mineral and scale unchanged"
    if triggering:
        v = tio.get("verdict", ARGUE)
        src_zh, src_en = source_note(tio)
        return CheckResult(v, f"{head}；{changed_zh}：{tio.get('text', '')}（审查无法核实方案，判定{v}）{src_zh}"
                              + ("；" + "；".join(notes_zh) if notes_zh else ""),
                           f"{head_en}; {changed_en}: the 三合一 plan (mining and ecological restoration) must be drawn "
                           f"up anew{src_en}" + ("; " + "; ".join(notes_en) if notes_en else ""),
                           "; ".join(c for c in (clause, tio.get("clause", "")) if c), vals)
    revise = tio.get("revise") or {}
    if revise and applies(revise, app_type):
        v = revise.get("verdict", ARGUE)
        src_zh, src_en = source_note(revise)
        return CheckResult(v, f"{head}；{changed_zh}：{revise.get('text', '')}（审查无法核实方案修订与公示，判定{v}）{src_zh}"
                              + ("；" + "；".join(notes_zh) if notes_zh else ""),
                           f"{head_en}; {changed_en}: the 三合一 plan must be revised and published again{src_en}"
                           + ("; " + "; ".join(notes_en) if notes_en else ""),
                           "; ".join(c for c in (clause, revise.get("clause", "")) if c), vals)
    v = ARGUE if notes_zh else OK
    return CheckResult(v, f"{head}；{changed_zh}" + ("；" + "；".join(notes_zh) if notes_zh else ""),
                       f"{head_en}; {changed_en}" + ("; " + "; ".join(notes_en) if notes_en else ""), clause, vals)
