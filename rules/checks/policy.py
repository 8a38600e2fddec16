"""Mineral policy (专栏7 重点/禁止开采矿种) — pure Python."""
from __future__ import annotations

from ..model.apptypes import applies, type_label
from ..model.ruleset import RuleSet
from .controls import source_note
from .verdicts import ARGUE, FAIL, MANUAL, OK, CheckResult

KEY = "重点开采"
FORBIDDEN = "禁止开采"
GENERAL = "一般"


def check_mineral_policy(rs: RuleSet, mineral_text, app_type: str | None = None) -> CheckResult:
    policy_clause = rs.data["mineral_policy"]["clause"]
    if mineral_text is None or not str(mineral_text).strip():
        return CheckResult(MANUAL, "矿种为空，无法判定开采矿种准入", "the mineral is empty: policy cannot be judged",
                           policy_clause, {"mineral_std": None, "policy": None})
    m = rs.minerals.resolve(mineral_text)
    if m is None:
        close = rs.minerals.close_matches(mineral_text)
        hint_zh = f"，相近矿种：{'、'.join(close)}" if close else ""
        hint_en = f"; close matches: {', '.join(close)}" if close else ""
        return CheckResult(MANUAL, f"矿种“{mineral_text}”不在矿种字典中{hint_zh}，请人工核查",
                           f"mineral '{mineral_text}' is not in the dictionary{hint_en}; check by hand",
                           policy_clause, {"mineral_std": None, "policy": None, "close": close})
    for e in rs.policy_entries("forbidden"):
        if rs.entry_applies(e, m):
            return _forbidden(rs, e, m, app_type)
    for e in rs.policy_entries("key"):
        if rs.entry_applies(e, m):
            src_zh, src_en = source_note(e)
            return CheckResult(OK, f"{m.name}属重点开采矿种（{e.get('text', '')}）{src_zh}",
                               f"{m.name_en or m.name} is a key mineral for development{src_en}", e["clause"],
                               {"mineral_std": m.name, "policy": KEY})
    for e in rs.policy_entries("restricted"):
        if rs.entry_applies(e, m):
            return CheckResult(MANUAL, f"{m.name}属限制开采矿种（{e.get('text', '')}），需论证",
                               f"{m.name_en or m.name} is a restricted mineral; needs justification",
                               e["clause"], {"mineral_std": m.name, "policy": "限制开采"})
    return CheckResult(OK, f"{m.name}不属于{rs.table('mineral_policy')}所列重点或禁止开采矿种，按一般矿种管理",
                       f"{m.name_en or m.name} is neither a key nor a forbidden mineral (general policy)",
                       policy_clause, {"mineral_std": m.name, "policy": GENERAL})


def _forbidden(rs: RuleSet, entry: dict, m, app_type: str | None) -> CheckResult:
    """A forbidden mineral: no new right (不符合); an existing right continued as it is is phased out
    (the ``existing_effect``, 需论证) — 专栏7 says 不再新设 … 已有逐步退出."""
    policy = rs.data["mineral_policy"]
    new, existing = policy.get("forbidden_effect") or {}, policy.get("existing_effect")
    vals = {"mineral_std": m.name, "policy": FORBIDDEN}
    if existing is not None and not applies(new, app_type) and applies(existing, app_type):
        clause = entry["clause"] + (f"; {existing['clause']}" if existing.get("clause") else "")
        src_zh, src_en = source_note(existing)
        return CheckResult(existing.get("verdict", ARGUE),
                           f"{m.name}为禁止开采矿种（{entry.get('text', '')}）；{type_label(app_type)}：{existing.get('text', '')}"
                           f"{src_zh}",
                           f"{m.name_en or m.name} is a forbidden mineral; an existing right ({type_label(app_type, 'en')}) "
                           f"is phased out, not extended{src_en}", clause, vals)
    clause = entry["clause"] + (f"; {new['clause']}" if new.get("clause") else "")
    zh = f"{m.name}为禁止开采矿种（{entry.get('text', '')}）"
    if new.get("text"):
        zh += f"；{new['text']}"
    en = f"{m.name_en or m.name} is a forbidden mineral; no new mining right is granted for it"
    scope = new.get("inferred_for")
    if scope is None or app_type in scope:
        src_zh, src_en = source_note(new)
        zh, en = zh + src_zh, en + src_en
    return CheckResult(FAIL, zh, en, clause, vals)
