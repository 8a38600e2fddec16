"""Rule-file validation: schema errors and the plan's own contradictions (pure Python).

Severity:
  error   — the file cannot be used (syntax, schema, unknown mineral, negative quota, …);
  warning — the plan contradicts itself (金矿石 120 vs 60 万吨, "2处" vs "3处", two 专栏10, no 专栏1, a zone
            said to hold a block 专栏8 lacks, a sentence against a table …);
  info    — facts worth a reviewer's eye (unchecked thresholds, baseline vs target, typos, interpretations …).

Every check reads only the rule file: a statement the file does not carry gives no finding, so another
county's file gets the same checks for the same kinds of statements.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..checks.clauses import chapter_key, merge_clauses
from ..model.errors import RuleSetError
from ..model.ruleset import ROLE_NAMES, ROLE_SECTIONS, SCALE_KEYS, Finding, RuleSet, load_reference
from ..model.schema import validate as schema_validate
from ..model.units import InputValueError, convert, fmt, parse_unit
from ..model.yamlio import key_text, load_yaml

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_ZH = {"error": "错误", "warning": "矛盾/警告", "info": "提示"}
_SCALE_ZH = {key: zh for zh, key in SCALE_KEYS.items()}          # large → 大型


class _Collector:
    def __init__(self, doc):
        self.doc = doc
        self.findings: list[Finding] = []

    def add(self, severity, key_path, zh, en, clause=""):
        key_path = tuple(key_path)
        self.findings.append(Finding(severity, key_text(key_path), zh, en, clause,
                                     path=self.doc.path, line=self.doc.line(key_path)))


def validate_ruleset_file(path: str) -> tuple[RuleSet | None, list[Finding]]:
    """Validate a rule file; returns (RuleSet or None when it has errors, findings)."""
    try:
        doc = load_yaml(path)
    except RuleSetError as exc:
        return None, [Finding("error", exc.key or "", exc.message_zh, exc.message_en,
                              path=exc.path or path, line=exc.line)]
    col = _Collector(doc)
    for kpath, line, first in doc.duplicates:
        col.findings.append(Finding("error", key_text(kpath), f"键重复（首次出现在第{first}行），后者会覆盖前者",
                                    f"duplicate key (first at line {first}); the later one would win",
                                    path=path, line=line))
    if not isinstance(doc.data, dict):
        col.add("error", (), "规则文件顶层应为映射（键: 值）", "the top level of a rule file must be a mapping")
        return None, col.findings
    for issue in schema_validate(doc.data, "ruleset.schema.yaml"):
        col.add("error", issue.key_path, issue.message_zh, issue.message_en)
    if any(f.severity == "error" for f in col.findings):
        return None, _sorted(col.findings)

    refs = doc.data["references"]
    minerals, f1 = load_reference("minerals", refs["minerals"], path)
    scale_table, f2 = load_reference("reserve_scale", refs["reserve_scale"], path)
    col.findings.extend(f1 + f2)
    if minerals is None or scale_table is None:
        return None, _sorted(col.findings)
    rs = RuleSet(doc, minerals, scale_table)
    sanlv_ref = ((doc.data.get("attribute_rules") or {}).get("sanlv") or {}).get("reference")
    if sanlv_ref:
        rs.sanlv, f3 = load_reference("sanlv", sanlv_ref, path)
        col.findings.extend(f3)
        if rs.sanlv is None:
            return None, _sorted(col.findings)
        for i, e in enumerate(rs.sanlv.entries):
            if not minerals.is_known_name(e["mineral"]):
                col.findings.append(Finding("error", f"entries[{i}].mineral", f"三率参考数据中的未知矿种“{e['mineral']}”",
                                            f"unknown mineral '{e['mineral']}' in the 三率 reference",
                                            path=rs.sanlv.source))
    _check_semantics(rs, col)
    errors = [f for f in col.findings if f.severity == "error"]
    return (None if errors else rs), _sorted(col.findings)


def _sorted(findings):
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.line or 0))


# ---------------------------------------------------------------------------------------------------
def _mineral_names(data):
    """Yield (key path, name) for every mineral or group named by the rule file."""
    base = data.get("baseline") or {}
    for sect in ("mining_rights", "exploration_rights"):
        for i, row in enumerate((base.get(sect) or {}).get("by_mineral", []) or []):
            yield ("baseline", sect, "by_mineral", i, "mineral"), row["mineral"]
    for i, row in enumerate((base.get("mining_rights") or {}).get("by_mineral_scale", []) or []):
        yield ("baseline", "mining_rights", "by_mineral_scale", i, "mineral"), row["mineral"]
    for sect in ("exploration_targets", "production_targets"):
        for i, row in enumerate((data.get(sect) or {}).get("items", []) or []):
            yield (sect, "items", i, "mineral"), row["mineral"]
    for i, row in enumerate(data.get("output_caps", []) or []):
        yield ("output_caps", i, "mineral"), row["mineral"]
    if (data.get("aggregate_supply_demand") or {}).get("mineral"):
        yield ("aggregate_supply_demand", "mineral"), data["aggregate_supply_demand"]["mineral"]
    for i, row in enumerate(data.get("rights_caps", []) or []):
        for k in ("group", "mineral"):
            if row.get(k):
                yield ("rights_caps", i, k), row[k]
    for _role, sect in ROLE_SECTIONS.items():
        s = data.get(sect) or {}
        for i, z in enumerate(s.get("items", []) or []):
            for j, m in enumerate(z.get("main_minerals", []) or []):
                yield (sect, "items", i, "main_minerals", j), m
        for j, m in enumerate((s.get("key_minerals") or {}).get("minerals", []) or []):
            yield (sect, "key_minerals", "minerals", j), m
    for i, sp in enumerate((data.get("survey_projects") or {}).get("items", []) or []):
        for j, m in enumerate(sp.get("minerals", []) or []):
            yield ("survey_projects", "items", i, "minerals", j), m
    for i, row in enumerate((data.get("exploration_blocks") or {}).get("by_mineral", []) or []):
        yield ("exploration_blocks", "by_mineral", i, "mineral"), row["mineral"]
    for i, req in enumerate(data.get("zone_requirements", []) or []):
        for k in ("minerals", "groups"):
            for j, m in enumerate(req.get(k, []) or []):
                yield ("zone_requirements", i, k, j), m
    ms = data["minimum_scale"]
    for i, row in enumerate(ms["rows"]):
        yield ("minimum_scale", "rows", i, "mineral"), row["mineral"]
    for _role, sect in ROLE_SECTIONS.items():
        for i, z in enumerate((data.get(sect) or {}).get("items", []) or []):
            for j, m in enumerate(((z.get("inferred_minerals") or {}).get("minerals")) or []):
                yield (sect, "items", i, "inferred_minerals", "minerals", j), m
    for i, rule in enumerate(data.get("siting_rules", []) or []):
        for k in ("groups", "minerals"):
            for j, m in enumerate(((rule.get("excluded") or {}).get(k)) or []):
                yield ("siting_rules", i, "excluded", k, j), m
    for j, m in enumerate((((data.get("attribute_rules") or {}).get("net_mine") or {}).get("groups")) or []):
        yield ("attribute_rules", "net_mine", "groups", j), m
    for i, e in enumerate(ms.get("no_new_small", []) or []):
        for k in ("minerals", "groups"):
            for j, m in enumerate(e.get(k, []) or []):
                yield ("minimum_scale", "no_new_small", i, k, j), m
    for kind in ("key", "forbidden", "restricted"):
        for i, e in enumerate(data["mineral_policy"].get(kind, []) or []):
            for k in ("minerals", "groups"):
                for j, m in enumerate(e.get(k, []) or []):
                    yield ("mineral_policy", kind, i, k, j), m
    for k in ("developed_minerals", "unexploited"):
        for j, m in enumerate((base.get(k) or {}).get("minerals", []) or []):
            yield ("baseline", k, "minerals", j), m
    for i, row in enumerate((base.get("output") or {}).get("items", []) or []):
        if row.get("mineral"):
            yield ("baseline", "output", "items", i, "mineral"), row["mineral"]
    for _role, sect in ROLE_SECTIONS.items():
        for i, z in enumerate((data.get(sect) or {}).get("items", []) or []):
            for c, claim in enumerate(z.get("contains", []) or []):
                for j, m in enumerate(claim.get("minerals", []) or []):
                    yield (sect, "items", i, "contains", c, "minerals", j), m
    for i, st in enumerate(data.get("statements", []) or []):
        for k in ("minerals", "excluding"):
            for j, m in enumerate(st.get(k, []) or []):
                yield ("statements", i, k, j), m


def _check_semantics(rs: RuleSet, col: _Collector):
    data = rs.data
    md = rs.minerals

    # -- every mineral named must be known ----------------------------------------------------------
    for kpath, name in _mineral_names(data):
        if not md.is_known_name(name):
            close = md.close_matches(name)
            hint_zh = f"；相近：{'、'.join(close)}" if close else ""
            hint_en = f"; close: {', '.join(close)}" if close else ""
            col.add("error", kpath, f"未知矿种“{name}”（矿种字典中没有该名称或别名{hint_zh}）",
                    f"unknown mineral '{name}' (not in the mineral dictionary{hint_en})")
    for i, e in enumerate(rs.reserve_scale.entries):
        if not md.is_known_name(e.mineral):
            col.findings.append(Finding("error", f"entries[{i}].mineral",
                                        f"储量规模标准中的未知矿种“{e.mineral}”",
                                        f"unknown mineral '{e.mineral}' in the reserve-scale table",
                                        path=rs.reserve_scale.source))
        if e.large <= e.medium:
            col.findings.append(Finding("error", f"entries[{i}]",
                                        f"{e.mineral}：大型下限 {fmt(e.large)} 应大于中型下限 {fmt(e.medium)}",
                                        f"{e.mineral}: the large threshold {fmt(e.large)} must exceed the "
                                        f"medium one {fmt(e.medium)}", path=rs.reserve_scale.source))
    unchecked = [e.mineral for e in rs.reserve_scale.entries if not e.checked]
    if unchecked:
        col.add("info", ("references", "reserve_scale"),
                f"储量规模划分标准中以下矿种的界限未经原文核实，仅供参考：{'、'.join(unchecked)}",
                f"reserve-scale thresholds not checked against a primary source: {', '.join(unchecked)}",
                rs.min_scale.get("reserve_scale_basis", ""))
    if any(f.severity == "error" for f in col.findings):
        return

    _check_environment(rs, col)
    _check_survey_projects(rs, col)
    _check_tables(rs, col)
    _check_stated_counts(rs, col)
    _check_baseline(rs, col)
    _check_exploration_blocks(rs, col)
    _check_targets_vs_caps(rs, col)
    _check_supply_demand(rs, col)
    _check_minimum_scale(rs, col)
    _check_policy(rs, col)
    _check_zones(rs, col)
    _check_control_lines(rs, col)
    _check_table_numbering(rs, col)
    _check_baseline_minerals(rs, col)
    _check_baseline_output(rs, col)
    _check_zone_regions(rs, col)
    _check_zone_contains(rs, col)
    _check_mineral_lists(rs, col)
    _check_scoped_prohibitions(rs, col)
    _check_trends(rs, col)
    _check_rights_cap_vs_blocks(rs, col)
    _check_targets_without_rights(rs, col)
    _check_supply_without_rights(rs, col)
    _check_required_zone_statements(rs, col)
    _check_fidelity_markers(rs, col)
    _check_typos(rs, col)


def _check_survey_projects(rs, col):
    sp = rs.data.get("survey_projects") or {}
    stated = [st["value"] for st in sp.get("stated_counts", []) or []]
    n = len(sp.get("items", []) or [])
    if stated and sum(stated) != n:
        col.add("warning", ("survey_projects", "stated_counts"),
                f"{sp['clause']} 列出 {n} 个项目，与文中所述 {'+'.join(map(str, stated))} = {sum(stated)} 个不一致",
                f"{sp['clause']} lists {n} projects; the text says {sum(stated)}", sp["clause"])


def _check_environment(rs, col):
    env = rs.data.get("environment") or {}
    lm = env.get("legacy_mines")
    if lm and lm.get("restored") is not None and lm.get("remaining") is not None \
            and lm["restored"] + lm["remaining"] != lm["total"]:
        col.add("warning", ("environment", "legacy_mines"),
                f"历史遗留矿山 {lm['total']} 处，已治理 {lm['restored']} 处与剩余 {lm['remaining']} 处之和不等",
                f"legacy mines: {lm['restored']} restored + {lm['remaining']} remaining ≠ {lm['total']}", lm["clause"])
    for i, p in enumerate((env.get("projects") or {}).get("items", []) or []):
        if p.get("restored_ha") is not None and p.get("area_ha") is not None and p["restored_ha"] > p["area_ha"]:
            col.add("warning", ("environment", "projects", "items", i),
                    f"{p['name']}：修复面积 {fmt(p['restored_ha'])} 公顷大于项目总面积 {fmt(p['area_ha'])} 公顷",
                    f"{p['name']}: restored area exceeds the project area", env["projects"]["clause"])


def _check_tables(rs, col):
    by_number = defaultdict(list)
    for i, t in enumerate(rs.data.get("tables", []) or []):
        by_number[t["number"]].append((i, t))
    for number, items in by_number.items():
        titles = {t["title"] for _, t in items}
        if len(items) > 1 and len(titles) > 1:
            desc_zh = "与".join(f"“{t['title']}”（{t['clause']}）" for _, t in items)
            desc_en = " and ".join(f"'{t['title']}' ({t['clause']})" for _, t in items)
            col.add("warning", ("tables", items[1][0], "number"),
                    f"规划中有 {len(items)} 张表均编号为{number}：{desc_zh}，引用时须注明表名",
                    f"the plan numbers {len(items)} tables {number}: {desc_en}; cite them by title",
                    "; ".join(t["clause"] for _, t in items))


def _check_stated_counts(rs, col):
    for sect in list(ROLE_SECTIONS.values()):
        s = rs.data.get(sect)
        if not s:
            continue
        actual = s.get("count") if sect == "exploration_blocks" else len(s.get("items", []) or [])
        listed_en = "declared" if sect == "exploration_blocks" else "listed"
        role = next(r for r, v in ROLE_SECTIONS.items() if v == sect)
        zh_name, en_name = ROLE_NAMES[role]
        if sect == "exploration_blocks" and actual is None:
            continue
        for i, st in enumerate(s.get("stated_counts", []) or []):
            if st["value"] != actual:
                col.add("warning", (sect, "stated_counts", i, "value"),
                        f"{zh_name}数量前后不一致：文中“{st['text']}”为 {st['value']} 处，而规划列出 {actual} 处",
                        f"{en_name} count contradicts itself: the text '{st['text']}' says {st['value']}, "
                        f"the plan {listed_en} {actual}",
                        st.get("clause", s.get("clause", "")))


def _breakdown(col, kpath, rows, total, label_key, what_zh, what_en, clause):
    counts = Counter(r[label_key] for r in rows)
    for name, n in counts.items():
        if n > 1:
            idx = [i for i, r in enumerate(rows) if r[label_key] == name]
            col.add("warning", kpath + (idx[1], label_key),
                    f"{what_zh}按矿种统计中“{name}”重复列出 {n} 次（各 {'、'.join(str(rows[i]['count']) for i in idx)} 个），"
                    f"应合并为 {sum(rows[i]['count'] for i in idx)} 个",
                    f"{what_en}: '{name}' is listed {n} times in the per-mineral breakdown; "
                    f"it should read {sum(rows[i]['count'] for i in idx)}", clause)
    s = sum(r["count"] for r in rows)
    if total is not None and s != total:
        col.add("warning", kpath, f"{what_zh}分项合计 {s} 与总数 {total} 不一致",
                f"{what_en}: the breakdown sums to {s}, the total says {total}", clause)


def _check_baseline(rs, col):
    base = rs.data.get("baseline")
    if not base:
        return
    mr = base.get("mining_rights") or {}
    clause = mr.get("clause", base["clause"])
    total = mr.get("count")
    if mr.get("by_mineral"):
        _breakdown(col, ("baseline", "mining_rights", "by_mineral"), mr["by_mineral"], total, "mineral",
                   "2020年采矿权", "2020 mining rights", clause)
    if mr.get("by_issuer"):
        _breakdown(col, ("baseline", "mining_rights", "by_issuer"), mr["by_issuer"], total, "label",
                   "2020年采矿权（按发证机关）", "2020 mining rights by issuer", clause)
    by_scale = mr.get("by_scale") or {}
    if by_scale and total is not None and sum(by_scale.values()) != total:
        col.add("warning", ("baseline", "mining_rights", "by_scale"),
                f"2020年矿山按规模合计 {sum(by_scale.values())} 与采矿权总数 {total} 不一致",
                f"2020 mines by scale sum to {sum(by_scale.values())}, not {total}", clause)
    counts = {r["mineral"]: r["count"] for r in mr.get("by_mineral", []) or []}
    for i, row in enumerate(mr.get("by_mineral_scale", []) or []):
        s = sum(row.get(k, 0) for k in ("大型", "中型", "小型"))
        if row["mineral"] in counts and counts[row["mineral"]] != s:
            col.add("warning", ("baseline", "mining_rights", "by_mineral_scale", i),
                    f"{row['mineral']}矿山按规模合计 {s} 与该矿种采矿权数 {counts[row['mineral']]} 不一致",
                    f"{row['mineral']} mines by scale sum to {s}, not {counts[row['mineral']]}", clause)
    er = base.get("exploration_rights") or {}
    for k in ("by_stage", "by_mineral"):
        if er.get(k):
            _breakdown(col, ("baseline", "exploration_rights", k), er[k], er.get("count"),
                       "label" if k == "by_stage" else "mineral", "2020年探矿权", "2020 exploration rights",
                       er.get("clause", base["clause"]))
    # baseline against structure targets
    if by_scale and total:
        share = 100.0 * (by_scale.get("大型", 0) + by_scale.get("中型", 0)) / total
        for t in rs.structure_targets():
            if t["id"] == "large_medium_share" and not _compare(share, t["comparison"], t["target"]):
                col.add("info", ("baseline", "mining_rights", "by_scale"),
                        f"2020年基期大中型矿山比例 {share:.2f}%（{by_scale.get('大型', 0) + by_scale.get('中型', 0)}/{total}）"
                        f"未达到规划目标 {t['comparison']}{fmt(t['target'])}%",
                        f"the 2020 baseline share of large and medium mines {share:.2f}% does not meet the "
                        f"target {t['comparison']}{fmt(t['target'])}%",
                        t.get("clause", rs.data["structure_targets"]["clause"]))


def _check_exploration_blocks(rs, col):
    eb = rs.data.get("exploration_blocks")
    if not eb:
        return
    clause = eb["clause"]
    if eb.get("by_mineral"):
        _breakdown(col, ("exploration_blocks", "by_mineral"), eb["by_mineral"], eb.get("count"), "mineral",
                   "勘查规划区块", "exploration planning blocks", clause)
    if eb.get("by_origin"):
        _breakdown(col, ("exploration_blocks", "by_origin"), eb["by_origin"], eb.get("count"), "label",
                   "勘查规划区块（按设置方式）", "exploration planning blocks by origin", clause)


def _compare(value, op, target) -> bool:
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target,
            "=": abs(value - target) < 1e-9}[op]


def _check_targets_vs_caps(rs, col):
    md = rs.minerals
    data = rs.data
    pt = data.get("production_targets") or {}
    ids = Counter(t["id"] for t in rs.production_targets())
    for i, t in enumerate(rs.production_targets()):
        if ids[t["id"]] > 1:
            col.add("error", ("production_targets", "items", i, "id"), f"指标编号 {t['id']} 重复",
                    f"indicator id {t['id']} is used twice")
    for kp, unit in ([(("production_targets", "items", i, "unit"), t["unit"]) for i, t in enumerate(rs.production_targets())]
                     + [(("output_caps", i, "unit"), c["unit"]) for i, c in enumerate(rs.output_caps())]
                     + [(("minimum_scale", "rows", i, "unit"), r["unit"]) for i, r in enumerate(rs.min_scale["rows"])]):
        try:
            parse_unit(unit)
        except InputValueError as exc:
            col.add("error", kp, exc.message_zh, exc.message_en)
    if any(f.severity == "error" for f in col.findings):
        return
    for i, t in enumerate(rs.production_targets()):
        tm = md.resolve(t["mineral"])
        year = t.get("year", pt.get("year"))
        for _j, cap in enumerate(rs.output_caps()):
            cm = md.resolve(cap["mineral"])
            if tm is None or cm is None or tm.name != cm.name or cap["year"] != year:
                continue
            try:
                tval = convert(t["target"], _with_basis(t), _with_basis(cap))
            except InputValueError:
                continue
            if tval > cap["max"] + 1e-9:
                col.add("warning", ("production_targets", "items", i, "target"),
                        f"规划自相矛盾：{pt.get('clause', rs.table('production_targets'))} {t['mineral']}{year}年产量指标 {fmt(t['target'])} {t['unit']}，"
                        f"高于{cap['clause']}“{cap.get('text', '')}”的上限 {fmt(cap['max'])} {cap['unit']}/年；"
                        f"审查按较严的 {fmt(cap['max'])} {cap['unit']}/年 执行",
                        f"the plan contradicts itself: {pt.get('clause', rs.table('production_targets'))} sets {t['mineral']} output "
                        f"{fmt(t['target'])} {t['unit']} for {year}, above the cap of {fmt(cap['max'])} {cap['unit']}/a "
                        f"in {cap['clause']}; reviews apply the stricter {fmt(cap['max'])}",
                        f"{pt.get('clause', '')}; {cap['clause']}")
            elif tval < cap["max"] - 1e-9:
                col.add("info", ("production_targets", "items", i, "target"),
                        f"{t['mineral']}产量指标 {fmt(t['target'])} 低于开采总量上限 {fmt(cap['max'])}",
                        f"{t['mineral']} output target {fmt(t['target'])} is below the cap {fmt(cap['max'])}",
                        cap["clause"])
    for i, rc in enumerate(rs.rights_caps()):
        name = rc.get("group") or rc.get("mineral")
        if name and not md.is_known_name(name):
            col.add("error", ("rights_caps", i), f"未知矿种或类别“{name}”", f"unknown mineral or group '{name}'")


def _with_basis(item):
    u = parse_unit(item["unit"])
    basis = item.get("basis")
    if basis in ("ore", "metal", "mineral") and u.basis is None:
        from ..model.units import Unit
        return Unit(u.dimension, u.factor, basis, u.text, u.per_year)
    return u


def _check_supply_demand(rs, col):
    sd = rs.data.get("aggregate_supply_demand")
    if not sd:
        return
    supply = sum(r["value"] for r in sd.get("supply_2020", []) or [])
    if sd.get("demand_2020") is not None and sd.get("supply_2020") and abs(supply - sd["demand_2020"]) > 1e-6:
        col.add("warning", ("aggregate_supply_demand", "supply_2020"),
                f"{rs.table('aggregate_supply_demand')} 2020年供给量合计 {fmt(supply)} 与文中需求量 {fmt(sd['demand_2020'])} 不一致",
                f"{rs.table('aggregate_supply_demand')} 2020 supply sums to {fmt(supply)}, the text gives demand {fmt(sd['demand_2020'])}",
                sd["clause"])
    target = rs.minerals.resolve(sd.get("mineral")) if sd.get("mineral") else None
    caps = [c for c in rs.output_caps() if target is not None and rs.minerals.resolve(c["mineral"]) == target]
    if not caps:
        return
    first_cap = min(caps, key=lambda c: c["year"])
    over = [d for d in sd.get("demand_forecast", []) or [] if d["value"] > first_cap["max"]]
    if over:
        over_zh = "、".join("{}年{}".format(d["year"], fmt(d["value"])) for d in over)
        over_en = ", ".join("{}: {}".format(d["year"], fmt(d["value"])) for d in over)
        col.add("info", ("aggregate_supply_demand", "demand_forecast"),
                f"{rs.table('aggregate_supply_demand')} 预测需求（{over_zh} 万吨）已超过"
                f"{first_cap['year']}年开采总量上限 {fmt(first_cap['max'])} 万吨，缺口须靠外购或其他来源",
                f"the {rs.table('aggregate_supply_demand')} demand forecast ({over_en} 万吨) "
                f"exceeds the {first_cap['year']} cap of {fmt(first_cap['max'])} 万吨",
                f"{sd['clause']}; {first_cap['clause']}")


def _check_minimum_scale(rs, col):
    rows = rs.min_scale["rows"]
    seen = {}
    for i, row in enumerate(rows):
        m = rs.minerals.resolve(row["mineral"])
        key = (m.name if m else row["mineral"], row.get("condition", ""))
        if key in seen:
            col.add("error", ("minimum_scale", "rows", i, "mineral"),
                    f"{rs.table('minimum_scale')} 中“{row['mineral']}”重复（第{seen[key] + 1}行已有）",
                    f"'{row['mineral']}' appears twice in the minimum-scale table", rs.min_scale["clause"])
        seen[key] = i
        nums = [(s, row[s]) for s in ("large", "medium", "small") if isinstance(row[s], (int, float))]
        for (a, va), (b, vb) in zip(nums, nums[1:]):
            if va < vb:
                col.add("warning", ("minimum_scale", "rows", i, b),
                        f"{rs.table('minimum_scale')} {row.get('label', row['mineral'])}：{_SCALE_ZH[b]}最低开采规模 {fmt(vb)} 大于"
                        f"{_SCALE_ZH[a]} {fmt(va)}",
                        f"{row['mineral']}: the {b} minimum {fmt(vb)} exceeds the {a} minimum {fmt(va)}",
                        rs.min_scale["clause"])
            elif va == vb:
                col.add("info", ("minimum_scale", "rows", i, b),
                        f"{rs.table('minimum_scale')} {row.get('label', row['mineral'])}：{_SCALE_ZH[a]}与{_SCALE_ZH[b]}最低开采规模"
                        f"相同（均为 {fmt(va)} {_per_year(row['unit'])}），规划未区分两档；不矛盾（{_SCALE_ZH[a]}不低于{_SCALE_ZH[b]}），"
                        f"审查按所列数值执行",
                        f"{row['mineral']}: the {a} and {b} minimums are equal ({fmt(va)} {_per_year(row['unit'])}): the plan does "
                        f"not tell the two classes apart — consistent (the {a} minimum is not below the {b} one); reviews "
                        f"apply the figures as printed", rs.min_scale["clause"])
        if all(row[s] is None for s in ("large", "medium", "small")):
            col.add("warning", ("minimum_scale", "rows", i), f"{rs.table('minimum_scale')} {row['mineral']} 没有任何数值",
                    f"{row['mineral']} has no value in the minimum-scale table", rs.min_scale["clause"])
    slash = [f"{r.get('label', r['mineral'])}" for r in rows if r["small"] == "/"]
    if slash:
        col.add("info", ("minimum_scale", "rows"),
                f"{rs.table('minimum_scale')} 中小型栏为“/”（不得新建小型矿山）的矿种：{'、'.join(slash)}",
                f"minerals whose small-deposit cell is '/' (no new small mine): {', '.join(slash)}",
                rs.min_scale["clause"])


def _per_year(unit: str) -> str:
    return unit if str(unit).endswith("/年") else f"{unit}/年"


def _check_policy(rs, col):
    key_entries = rs.policy_entries("key")
    for i, e in enumerate(rs.policy_entries("forbidden")):
        for name in e.get("minerals", []) or []:
            m = rs.minerals.resolve(name)
            if m and any(rs.entry_applies(k, m) for k in key_entries):
                col.add("error", ("mineral_policy", "forbidden", i),
                        f"“{name}”同时列为重点开采矿种和禁止开采矿种",
                        f"'{name}' is both a key and a forbidden mineral", e["clause"])


def _check_zones(rs, col):
    for _role, sect in ROLE_SECTIONS.items():
        s = rs.data.get(sect) or {}
        ids = Counter(z["id"] for z in s.get("items", []) or [])
        for i, z in enumerate(s.get("items", []) or []):
            if ids[z["id"]] > 1:
                col.add("error", (sect, "items", i, "id"), f"分区编号 {z['id']} 重复",
                        f"zone id {z['id']} is used twice")
            if "main_minerals" in z and not z["main_minerals"]:
                col.add("info", (sect, "items", i, "main_minerals"),
                        f"{z['name']} 未列主矿种：落在该区的要素矿种相符性需人工核查",
                        f"{z['name']} lists no main mineral: mineral fit inside it needs a manual check",
                        s.get("clause", ""))
    conc = rs.data.get("concentrated_mining_areas") or {}
    total = sum(z.get("area_km2", 0) for z in conc.get("items", []) or [])
    if total:
        col.add("info", ("concentrated_mining_areas",),
                f"集中开采区 {len(conc['items'])} 个，合计 {fmt(total)} 平方千米",
                f"{len(conc['items'])} concentrated mining areas, {fmt(total)} km² in all", conc.get("clause", ""))


def _check_control_lines(rs, col):
    cats = rs.control_categories()
    ids = Counter(c["id"] for c in cats)
    for i, c in enumerate(cats):
        if ids[c["id"]] > 1:
            col.add("error", ("control_lines", "categories", i, "id"), f"控制线类别 {c['id']} 重复",
                    f"control-line category {c['id']} is defined twice")
        if c.get("line_buffer_m") and not c.get("line_buffer_checked", True):
            col.add("info", ("control_lines", "categories", i, "line_buffer_m"),
                    f"{c['name']}：线状要素（交通干线、河流）默认避让距离 {fmt(c['line_buffer_m'])} 米为地方惯例，"
                    f"未见规划原文，可在规则文件中修改",
                    f"{c['name_en'] if c.get('name_en') else c['name']}: the default keep-away distance "
                    f"{fmt(c['line_buffer_m'])} m for line features is a local convention, not in the plan text",
                    c["mining"]["clause"])
    for needed, zh in (("eco", "生态保护红线"), ("farm", "永久基本农田"), ("urban", "城镇开发边界")):
        if needed not in ids:
            col.add("warning", ("control_lines", "categories"), f"未定义控制线类别 {needed}（{zh}）",
                    f"control-line category {needed} is not defined")


# ---------------------------------------------------------------------------------------------------
# The plan's sentences held against its own tables and targets (statements the file carries; none → no finding)
_TABLE_NO = re.compile(r"^(\D*?)\s*(\d{1,4})$")


def _clauses(*items) -> str:
    return "; ".join(merge_clauses(*items))


def _check_table_numbering(rs, col):
    """Tables numbered like 专栏N run 1, 2, 3 …: a number that never appears is reported (Lingbao: no 专栏1)."""
    tables = rs.data.get("tables", []) or []
    by_prefix = defaultdict(dict)
    for i, t in enumerate(tables):
        m = _TABLE_NO.match(str(t["number"]).strip())
        if m:
            by_prefix[m.group(1)].setdefault(int(m.group(2)), i)
    for prefix, nums in by_prefix.items():
        top = max(nums)
        missing = [n for n in range(1, top + 1) if n not in nums]
        if not missing:
            continue
        first = min(nums)
        shown = missing[:10]
        more = "…" if len(missing) > 10 else ""
        names_zh = "、".join(f"{prefix}{n}" for n in shown) + more
        names_en = ", ".join(f"{prefix}{n}" for n in shown) + more
        i = nums[first]
        col.add("warning", ("tables", i, "number"),
                f"规划的表格编号不连续：没有{names_zh}（现有{prefix}{first}至{prefix}{top}），引用时以表名为准",
                f"the plan's table numbering has gaps: no {names_en} (its tables run {prefix}{first} to {prefix}{top}); "
                f"cite tables by title", tables[i]["clause"])


def _check_baseline_minerals(rs, col):
    """Minerals on the reserve table − minerals being developed = the minerals said to be undeveloped."""
    base = rs.data.get("baseline") or {}
    table = base.get("on_reserve_table") or {}
    dev = base.get("developed_minerals") or {}
    un = base.get("unexploited") or {}
    n_dev = dev.get("count", base.get("mines_developed_minerals"))
    if dev.get("minerals") and dev.get("count") is not None and len(dev["minerals"]) != dev["count"]:
        col.add("warning", ("baseline", "developed_minerals", "minerals"),
                f"正在开发利用的矿种前后不一致：文中称 {dev['count']} 种，列出 {len(dev['minerals'])} 种"
                f"（{'、'.join(dev['minerals'])}）",
                f"minerals being developed: the text says {dev['count']}, it lists {len(dev['minerals'])}",
                dev["clause"])
    if dev.get("minerals") and un.get("minerals"):
        md = rs.minerals
        both = [u for u in un["minerals"]
                if any(md.resolve(u) is not None and md.resolve(u) == md.resolve(d) for d in dev["minerals"])]
        if both:
            col.add("warning", ("baseline", "unexploited", "minerals"),
                    f"{'、'.join(both)}既列为正在开发利用又称未进行开发利用",
                    f"{', '.join(both)} is listed as developed and as not developed", _clauses(dev["clause"], un["clause"]))
    if table.get("count") is None or n_dev is None or un.get("minerals") is None:
        return
    expected = table["count"] - n_dev
    listed = len(un["minerals"])
    if expected == listed:
        return
    said = f"“{un['text']}”" if un.get("text") else ""
    col.add("warning", ("baseline", "unexploited", "minerals"),
            f"上储量表矿种与开发利用情况前后不一致：上表矿种 {table['count']} 种、正在开发利用 {n_dev} 种，"
            f"应有 {table['count']} − {n_dev} = {expected} 种未开发利用，而文中{said}只列 {listed} 种"
            f"（{'、'.join(un['minerals']) or '无'}）",
            f"the minerals on the reserve table do not add up: {table['count']} on the table, {n_dev} being developed, "
            f"so {expected} undeveloped, but the text names {listed} ({', '.join(un['minerals']) or 'none'})",
            _clauses(table.get("clause"), dev.get("clause"), un["clause"]))


def _matching_count(rs, rows, names, key="mineral", count_key="count"):
    """Sum of ``count_key`` over rows whose mineral falls under (or contains) one of ``names``."""
    md = rs.minerals
    targets = [md.resolve(n) for n in names]
    total = 0
    for r in rows:
        m = md.resolve(r.get(key))
        if m is None:
            continue
        if any(md.matches(m, n) or (t is not None and md.matches(t, m.name)) for n, t in zip(names, targets)):
            total += r.get(count_key, 1)
    return total


def _check_baseline_output(rs, col):
    """A mineral's output with no mining right of it; a mineral's output above the total of all rights."""
    base = rs.data.get("baseline") or {}
    out = base.get("output") or {}
    items = out.get("items", []) or []
    mr = base.get("mining_rights") or {}
    year = base.get("year", "")
    by_mineral = mr.get("by_mineral") or []
    dev = base.get("developed_minerals") or {}
    for i, it in enumerate(items):
        if not it.get("mineral") or it.get("total") or not by_mineral:
            continue
        if rs.minerals.resolve(it["mineral"]) is None or _matching_count(rs, by_mineral, [it["mineral"]]):
            continue
        extra_zh = extra_en = ""
        if dev.get("minerals") and not _matching_count(rs, [{"mineral": d} for d in dev["minerals"]], [it["mineral"]]):
            extra_zh = f"，亦不在正在开发利用的 {dev.get('count', len(dev['minerals']))} 种矿产之列"
            extra_en = ", and it is not among the minerals being developed"
        listed = "、".join(f"{r['mineral']}{r['count']}" for r in by_mineral)
        col.add("warning", ("baseline", "output", "items", i, "value"),
                f"{year}年{it['name']} {fmt(it['value'])} {it['unit']}，但{year}年 {mr.get('count', '')} 个采矿权中没有"
                f"{it['mineral']}采矿权（按矿种：{listed}）{extra_zh}",
                f"{year} output '{it['name']}' of {fmt(it['value'])} {it['unit']}, but none of the {mr.get('count', '')} "
                f"mining rights of {year} is for {it['mineral']}{extra_en}",
                _clauses(it.get("clause", out.get("clause")), mr.get("clause")))
    totals = [t for t in items if t.get("total") and t.get("basis")]
    for i, it in enumerate(items):
        if not it.get("mineral") or it.get("total") or not it.get("basis"):
            continue
        for tot in totals:
            if tot["basis"] != it["basis"] or not tot["value"]:
                continue
            try:
                value = convert(it["value"], _with_basis(it), _with_basis(tot))
            except InputValueError:
                continue
            if value <= tot["value"] * (1 + 1e-9):
                continue
            ratio = value / tot["value"]
            col.add("warning", ("baseline", "output", "items", i, "value"),
                    f"【弱】{it['name']} {fmt(it['value'])} {it['unit']}（= {fmt(value)} {tot['unit']}）是{year}年全部采矿权"
                    f"{tot['name']} {fmt(tot['value'])} {tot['unit']} 的 {ratio:.1f} 倍：二者统计的不是同一事物（产量可含外购矿石、"
                    f"冶炼产量，开采量只计本市采矿权），未必矛盾，但规划未注明口径",
                    f"[weak] '{it['name']}' {fmt(it['value'])} {it['unit']} (= {fmt(value)} {tot['unit']}) is {ratio:.1f} times "
                    f"the '{tot['name']}' of all {year} mining rights ({fmt(tot['value'])} {tot['unit']}): the two count "
                    f"different things (output may include bought ore and smelting), not necessarily a contradiction, but "
                    f"the plan does not say how they differ",
                    _clauses(it.get("clause", out.get("clause")), tot.get("clause", out.get("clause"))))


def _inside(code: str, own: str) -> bool:
    """Is region ``code`` inside the plan's region ``own`` (6-digit 行政区划代码)?"""
    if code == own:
        return True
    if own.endswith("0000"):
        return code.startswith(own[:2])
    if own.endswith("00"):
        return code.startswith(own[:4])
    return False


def _check_zone_regions(rs, col):
    """A zone of the plan that lies in another region (Lingbao: 卢氏杜关重点开采区 names 卢氏县)."""
    own = str(rs.plan.get("region_code") or "")
    scope = rs.plan.get("scope") or {}
    region = rs.plan.get("region_name", own)
    for role, sect in ROLE_SECTIONS.items():
        s = rs.data.get(sect) or {}
        for i, z in enumerate(s.get("items", []) or []):
            code = z.get("region_code")
            if not code or not own or _inside(code, own):
                continue
            where = z.get("region_name", code)
            said = f"（{scope['clause']}：“{scope['text']}”）" if scope else ""
            col.add("warning", (sect, "items", i, "region_code"),
                    f"{ROLE_NAMES[role][0]}“{z['name']}”位于{where}（{code}），不在本规划适用范围{region}（{own}）内{said}，"
                    f"规划却将其列为本市的{ROLE_NAMES[role][0]}；落在该区的要素需人工核查",
                    f"{ROLE_NAMES[role][1]} '{z['name']}' lies in {where} ({code}), outside the plan's region {own}, "
                    f"yet the plan lists it as one of its own",
                    _clauses(s.get("clause"), scope.get("clause")))


def _count_of(rs, of, names):
    """(count matching ``names``, zh and en description of where counted, clause) or None without data."""
    data = rs.data
    base = data.get("baseline") or {}
    year = base.get("year", "")
    if of == "mining_blocks":
        s = data.get("mining_blocks") or {}
        items = s.get("items") or []
        if not items:
            return None
        rows = [{"mineral": m} for z in items for m in (z.get("main_minerals") or [])[:1]]
        return (_matching_count(rs, rows, names), f"{rs.table('mining_blocks')}（{len(items)} 个开采规划区块）",
                f"{rs.table('mining_blocks')} ({len(items)} mining planning blocks)", s.get("clause", ""))
    if of == "exploration_blocks":
        s = data.get("exploration_blocks") or {}
        if not s.get("by_mineral"):
            return None
        total = s.get("count", sum(r["count"] for r in s["by_mineral"]))
        return (_matching_count(rs, s["by_mineral"], names), f"勘查规划区块按矿种统计（共 {total} 个）",
                f"the exploration planning blocks by mineral ({total})", s.get("clause", ""))
    sect = base.get(of) or {}
    if not sect.get("by_mineral"):
        return None
    kind_zh, kind_en = ("采矿权", "mining rights") if of == "mining_rights" else ("探矿权", "exploration rights")
    return (_matching_count(rs, sect["by_mineral"], names), f"{year}年{kind_zh}按矿种统计（共 {sect.get('count', '')} 个）",
            f"the {year} {kind_en} by mineral ({sect.get('count', '')})", sect.get("clause", ""))


def _check_zone_contains(rs, col):
    """"含1个开采区块" and the like, against the blocks and rights the plan lists."""
    year = (rs.data.get("baseline") or {}).get("year", "")
    for _role, sect in ROLE_SECTIONS.items():
        s = rs.data.get(sect) or {}
        for i, z in enumerate(s.get("items", []) or []):
            for c, claim in enumerate(z.get("contains", []) or []):
                names = claim.get("minerals") or z.get("main_minerals") or []
                got = _count_of(rs, claim["of"], names) if names else None
                if got is None or got[0] >= claim["count"]:
                    continue
                n, where_zh, where_en, clause = got
                hint_zh = hint_en = ""
                rights_of = {"mining_blocks": "mining_rights", "exploration_blocks": "exploration_rights"}.get(claim["of"])
                if rights_of:
                    r = _count_of(rs, rights_of, names)
                    if r and r[0]:
                        kind_zh, kind_en = ("采矿权", "mining") if rights_of == "mining_rights" else ("探矿权", "exploration")
                        hint_zh = f"；{year}年已有{'、'.join(names)}{kind_zh} {r[0]} 个，文中所指或为已设{kind_zh}而非规划区块"
                        hint_en = f"; {r[0]} {kind_en} right(s) of it existed in {year}: the text may mean those"
                col.add("warning", (sect, "items", i, "contains", c, "count"),
                        f"{z['name']}：文中称“{claim['text']}”，但{where_zh}中{'、'.join(names)}只有 {n} 个{hint_zh}",
                        f"{z['name']}: the text says '{claim['text']}' ({claim['count']}), but {where_en} has {n} of "
                        f"{', '.join(names)}{hint_en}",
                        _clauses(claim.get("clause", s.get("clause")), clause))


def _check_mineral_lists(rs, col):
    """Lists of minerals on one topic (重点勘查矿种 …) stated in several places must agree."""
    md = rs.minerals
    lists = []
    for _role, sect in ROLE_SECTIONS.items():
        km = (rs.data.get(sect) or {}).get("key_minerals") or {}
        if km.get("topic"):
            lists.append((km["topic"], (sect, "key_minerals", "minerals"), km.get("minerals") or [], [], km["clause"],
                          km.get("text", "")))
    for i, st in enumerate(rs.data.get("statements", []) or []):
        if st["kind"] == "mineral_list" and st.get("topic"):
            lists.append((st["topic"], ("statements", i, "minerals"), st.get("minerals") or [],
                          st.get("other_terms") or [], st["clause"], st["text"]))
    by_topic = defaultdict(list)
    for entry in lists:
        by_topic[entry[0]].append(entry)

    def names(entry):
        out = []
        for n in entry[2]:
            m = md.resolve(n)
            out.append(m.name if m else n)
        return out + list(entry[3])

    for topic, entries in by_topic.items():
        entries.sort(key=lambda e: chapter_key(e[4]))
        first = entries[0]
        a = names(first)
        for other in entries[1:]:
            b = names(other)
            if set(a) == set(b):
                continue
            only_a = [x for x in a if x not in b]
            only_b = [x for x in b if x not in a]
            col.add("warning", other[1],
                    f"{topic}前后不一致：{first[4]}“{first[5]}”为{'、'.join(a)}，{other[4]}“{other[5]}”为{'、'.join(b)}"
                    f"（仅前者有：{'、'.join(only_a) or '无'}；仅后者有：{'、'.join(only_b) or '无'}）",
                    f"{topic} differ: {first[4]} names {', '.join(a)}, {other[4]} names {', '.join(b)}",
                    _clauses(first[4], other[4]))


def _check_scoped_prohibitions(rs, col):
    """A prohibition limited to a scope (可耕地) against an unscoped forbidden mineral of the policy table."""
    table = rs.table("mineral_policy")
    for i, st in enumerate(rs.data.get("statements", []) or []):
        if st["kind"] != "scoped_prohibition" or not st.get("scope"):
            continue
        for name in st.get("minerals", []) or []:
            m = rs.minerals.resolve(name)
            if m is None:
                continue
            entry = next((e for e in rs.policy_entries("forbidden") if rs.entry_applies(e, m)), None)
            if entry is not None:
                col.add("info", ("statements", i, "scope"),
                        f"{st['clause']}“{st['text']}”禁止{st['scope']}上的{m.name}，包含于{table}不限范围的禁止（{entry['clause']}）"
                        f"之内：两处不矛盾；审查按{table}执行，不论是否{st['scope']}",
                        f"{st['clause']} forbids {m.name_en or m.name} on {st['scope']}, which {table}'s ban everywhere "
                        f"contains: no contradiction; reviews apply {table}",
                        _clauses(st["clause"], entry["clause"]))
            else:
                col.add("info", ("statements", i, "scope"),
                        f"{st['clause']}“{st['text']}”限于{st['scope']}，{table}未列{m.name}：审查未检查（需{st['scope']}数据）",
                        f"{st['clause']} forbids {m.name_en or m.name} on {st['scope']} only; not checked by reviews",
                        st["clause"])


def _check_trends(rs, col):
    """A direction stated in the text (数量有所减少) against a structure target that allows the opposite."""
    base = rs.data.get("baseline") or {}
    mr = base.get("mining_rights") or {}
    md = rs.minerals
    targets = {t["id"]: t for t in rs.structure_targets()}
    st_clause = (rs.data.get("structure_targets") or {}).get("clause", "")
    for i, st in enumerate(rs.data.get("statements", []) or []):
        if st["kind"] != "trend" or not st.get("direction") or st.get("indicator") not in targets:
            continue
        t = targets[st["indicator"]]
        if st["indicator"] == "mine_count":
            if mr.get("count") is None:
                continue
            excluded = [(n, _matching_count(rs, mr.get("by_mineral") or [], [n])) for n in st.get("excluding", []) or []
                        if md.resolve(n) is not None]
            value = mr["count"] - sum(k for _, k in excluded)
            how_zh = (f"（＝采矿权 {mr['count']} 个" + "".join(f"减{n} {k} 个" for n, k in excluded) + "）") if excluded else ""
        else:
            by_scale = mr.get("by_scale") or {}
            if not by_scale or not mr.get("count"):
                continue
            value = round(100.0 * (by_scale.get("大型", 0) + by_scale.get("中型", 0)) / mr["count"], 2)
            how_zh = ""
        op, tv = t["comparison"], t["target"]
        if st["direction"] == "decrease":
            allows = {"<": tv > value, "<=": tv >= value, "=": tv >= value, ">": True, ">=": True}[op]
            # can a value below the baseline meet the target?
            compatible = {"<": tv > 0, "<=": tv >= 0, ">": tv < value, ">=": tv < value, "=": tv < value}[op]
            word_zh, word_en = "减少", "decrease"
        else:
            allows = {">": tv < value, ">=": tv <= value, "=": tv <= value, "<": True, "<=": True}[op]
            compatible = {">": True, ">=": True, "<": tv > value, "<=": tv > value, "=": tv > value}[op]
            word_zh, word_en = "增加", "increase"
        if not compatible:
            col.add("warning", ("statements", i, "direction"),
                    f"{st['clause']}“{st['text']}”要求{word_zh}（{base.get('year', '')}年为 {fmt(value)} {t.get('unit', '')}{how_zh}），"
                    f"而{t.get('clause', st_clause)}{t['name']}目标为 {op}{fmt(tv)}，不{word_zh}才能达到：两处目标相互矛盾；"
                    f"指标统计按{t.get('clause', st_clause)} {op}{fmt(tv)} 判定",
                    f"{st['clause']} says {t.get('name_en', t['name'])} should {word_en} (baseline {fmt(value)}), but the "
                    f"target {op}{fmt(tv)} can only be met otherwise: a contradiction; indicators apply {op}{fmt(tv)}",
                    _clauses(st["clause"], t.get("clause", st_clause)))
            continue
        if not allows:
            continue
        most = ""
        if st["direction"] == "decrease" and op in ("<", "<=") and t.get("unit") == "个" and float(tv).is_integer():
            most = f"（最多 {fmt(tv - 1 if op == '<' else tv)} 个）"
        col.add("info", ("statements", i, "direction"),
                f"{st['clause']}“{st['text']}”要求{word_zh}（{base.get('year', '')}年为 {fmt(value)} {t.get('unit', '')}{how_zh}），"
                f"{t.get('clause', st_clause)}{t['name']}目标为 {op}{fmt(tv)}，较宽、允许不{word_zh}{most}：两者可同时满足，"
                f"不矛盾；指标统计按{t.get('clause', st_clause)} {op}{fmt(tv)} 判定，“{word_zh}”另须核对",
                f"{st['clause']} says {t.get('name_en', t['name'])} should {word_en} (baseline {fmt(value)}); the "
                f"target {op}{fmt(tv)} is looser and allows the opposite — both can hold, no contradiction; indicators "
                f"apply {op}{fmt(tv)}", _clauses(st["clause"], t.get("clause", st_clause)))


def _planned_for(rs, mineral, sections=("mining_blocks", "concentrated_mining_areas")) -> list:
    """Planning blocks / concentrated areas whose main minerals the mineral falls under (or are members of it)."""
    md = rs.minerals
    out = []
    for sect in sections:
        for z in (rs.data.get(sect) or {}).get("items", []) or []:
            for name in z.get("main_minerals") or []:
                other = md.resolve(name)
                if other is not None and (md.matches(other, mineral.name) or md.matches(mineral, name)):
                    out.append(z)
                    break
    return out


def _check_targets_without_rights(rs, col):
    """A production target (and a sentence pushing the mineral's mining) for a mineral with no mining right in the
    baseline and no 开采规划区块 / 集中开采区 of it: 第五章第四节 bars every new right outside the blocks."""
    md = rs.minerals
    base = rs.data.get("baseline") or {}
    mr = base.get("mining_rights") or {}
    by_mineral = mr.get("by_mineral") or []
    siting = next((r for r in rs.data.get("siting_rules", []) or []
                   if r.get("activity") == "mining" and r.get("roles") and "mblk" in r["roles"]), None)
    if not by_mineral or siting is None:
        return
    pt = rs.data.get("production_targets") or {}
    for i, t in enumerate(pt.get("items", []) or []):
        m = md.resolve(t.get("mineral"))
        if m is None or not t.get("target") or _matching_count(rs, by_mineral, [m.name]) or _planned_for(rs, m):
            continue
        pushes = [st for st in rs.data.get("statements", []) or []
                  if st["kind"] == "development" and any(md.resolve(x) == m for x in st.get("minerals", []) or [])]
        push_zh = "".join(f"，{st['clause']}又要求“{st['text']}”" for st in pushes)
        push_en = "".join(f"; {st['clause']} also asks for its mining" for st in pushes)
        col.add("warning", ("production_targets", "items", i, "target"),
                f"{pt.get('clause', '')} {m.name}{pt.get('year', '')}年产量指标 {fmt(t['target'])} {t['unit']}{push_zh}，但"
                f"{base.get('year', '')}年没有{m.name}采矿权，{rs.table('mining_blocks')}与{rs.table('concentrated_mining_areas')}"
                f"也没有{m.name}开采规划区块或集中开采区，而{siting['clause'].split('; ')[0]}“{siting.get('text', '').split('；')[0]}”："
                f"按规划本身无从新设{m.name}采矿权，指标无法实现",
                f"{pt.get('clause', '')} sets a {m.name_en or m.name} output of {fmt(t['target'])} {t['unit']}{push_en}, but "
                f"there is no {m.name_en or m.name} mining right in {base.get('year', '')} and no planning block or "
                f"concentrated area for it, while a new mining right outside the blocks is barred: the plan gives no way "
                f"to reach the target",
                _clauses(pt.get("clause"), *(st["clause"] for st in pushes), siting["clause"], mr.get("clause")))


def _check_supply_without_rights(rs, col):
    """专栏9: supply from the mineral's own mines in the base year, while the text says no such right was set."""
    sd = rs.data.get("aggregate_supply_demand") or {}
    rows = [(i, r) for i, r in enumerate(sd.get("supply_2020", []) or []) if r.get("from_rights") and r["value"] > 0]
    if not rows:
        return
    md = rs.minerals
    target = md.resolve(sd.get("mineral")) if sd.get("mineral") else None
    states = [st for st in rs.data.get("statements", []) or [] if st["kind"] == "no_rights" and target is not None
              and any(md.matches(target, g) for g in (st.get("groups") or []) + (st.get("minerals") or []))]
    base = rs.data.get("baseline") or {}
    none_in_base = target is not None and not _matching_count(rs, (base.get("mining_rights") or {}).get("by_mineral")
                                                                 or [], [target.name])
    for i, r in rows:
        said = "；".join(f"{st['clause']}“{st['text']}”" for st in states)
        if not said and not none_in_base:
            continue
        base_zh = f"{base.get('year', '')}年 {base.get('mining_rights', {}).get('count', '')} 个采矿权中也没有{target.name}采矿权" \
            if none_in_base else ""
        col.add("warning", ("aggregate_supply_demand", "supply_2020", i, "value"),
                f"{rs.table('aggregate_supply_demand')} 2020年“{r['label']}”{fmt(r['value'])} {sd.get('unit', '')}，但"
                + "，".join(x for x in (said, base_zh) if x) + "：没有采矿权的矿山不应有供给量",
                f"{rs.table('aggregate_supply_demand')} gives 2020 supply from {target.name_en or target.name} mines "
                f"({fmt(r['value'])} {sd.get('unit', '')}), but the text says no such right was set"
                + (" and the baseline has none" if none_in_base else ""),
                _clauses(sd.get("clause"), *(st["clause"] for st in states)))


def _check_required_zone_statements(rs, col):
    """A sentence requiring a group's blocks to lie in zones of a role (砂石土类 in the 重点开采区) when no zone of
    that role is for the group, while the plan's own blocks of the group are listed elsewhere."""
    md = rs.minerals
    for i, st in enumerate(rs.data.get("statements", []) or []):
        if st["kind"] != "required_zone" or not st.get("role"):
            continue
        zones = rs.zones(st["role"])
        groups = st.get("groups") or []

        def of_group(name, groups=groups):
            m = md.resolve(name)
            return m is not None and any(md.matches(m, g) for g in groups)
        suited = [z for z in zones if any(of_group(n) for n in z.get("main_minerals") or [])]
        if suited or not zones:
            continue
        listed = "；".join(f"{z['name']}：{'、'.join(z.get('main_minerals') or []) or '未列主矿种'}" for z in zones)
        blocks = [z["name"] for sect in ("mining_blocks", "concentrated_mining_areas")
                  for z in (rs.data.get(sect) or {}).get("items", []) or []
                  if any(of_group(n) for n in z.get("main_minerals") or [])]
        role_zh = ROLE_NAMES[st["role"]][0]
        col.add("warning", ("statements", i, "role"),
                f"{st['clause']}“{st['text']}”，但规划的 {len(zones)} 个{role_zh}都不是{'、'.join(groups)}的（{listed}），"
                f"而{rs.table('mining_blocks')}、{rs.table('concentrated_mining_areas')}列出的 {len(blocks)} 个"
                f"{'、'.join(groups)}区块/集中开采区（{'、'.join(blocks)}）未说明位于{role_zh}内；审查将集中开采区一并接受（解释）",
                f"{st['clause']} requires {', '.join(groups)} blocks to lie in a {ROLE_NAMES[st['role']][1]}, but none of "
                f"the plan's {len(zones)} such zones is for {', '.join(groups)}, and its own {len(blocks)} blocks or "
                f"concentrated areas of them are not said to lie in one",
                _clauses(st["clause"], rs.zone_clause(st["role"]), (rs.data.get("mining_blocks") or {}).get("clause"),
                         (rs.data.get("concentrated_mining_areas") or {}).get("clause")))


def _check_rights_cap_vs_blocks(rs, col):
    """A cap on rights of a group against the planning blocks of that group (one entity per block)."""
    md = rs.minerals
    mb = rs.data.get("mining_blocks") or {}
    conc = rs.data.get("concentrated_mining_areas") or {}
    rule = rs.block_rule("mblk")
    if rule is None or not mb.get("items"):
        return
    per = rule["max_features"]

    def of_target(z, target):
        return any(md.resolve(m) is not None and md.matches(md.resolve(m), target) for m in z.get("main_minerals") or [])

    for i, rc in enumerate(rs.rights_caps()):
        target = rc.get("group") or rc.get("mineral")
        if not target:
            continue
        blocks = [z for z in mb["items"] if of_target(z, target)]
        areas = [z for z in conc.get("items", []) or [] if of_target(z, target)]
        need = len(blocks) * per
        if need < rc["max"] or not blocks:
            continue
        clause = _clauses(rc["clause"], rule["clause"], mb.get("clause"), conc.get("clause") if areas else "")
        head_zh = (f"{target}采矿权数量上限 {rc['max']} 个（{rc['clause']}）与{rs.table('mining_blocks')}的 {len(blocks)} 个"
                   f"{target}开采规划区块（{rule['clause']}：每区块原则上 {per} 个开采主体，需 {need} 个采矿权）")
        head_en = (f"the cap of {rc['max']} {target} mining rights and the {len(blocks)} {target} planning blocks of "
                   f"{rs.table('mining_blocks')} ({per} entity per block: {need} rights)")
        if need > rc["max"]:
            col.add("warning", ("rights_caps", i, "max"), f"{head_zh}不一致：区块所需已超过上限",
                    f"{head_en} contradict each other: the blocks need more rights than the cap", clause)
        elif areas:
            names = "、".join(z["name"] for z in areas)
            col.add("warning", ("rights_caps", i, "max"),
                    f"【弱】{head_zh}恰好相等：上限被开采规划区块用尽；{rs.table('concentrated_mining_areas')}的 {len(areas)} 个"
                    f"{target}集中开采区（{names}）只能设在与这些区块重叠的部分，规划未给出区块与集中开采区的空间关系，"
                    f"不重叠的集中开采区在上限内无采矿权可设",
                    f"[weak] {head_en} are equal: the blocks use the whole cap; the {len(areas)} concentrated mining areas of "
                    f"{target} can only hold rights where they overlap those blocks, which the plan does not state",
                    clause)
        else:
            col.add("info", ("rights_caps", i, "max"), f"{head_zh}恰好相等：开采规划区块以外不能再设{target}采矿权",
                    f"{head_en} are equal: no {target} right outside the blocks", clause)


def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, path + (i,))


def _check_fidelity_markers(rs, col):
    """``source: inferred`` / ``source: outside`` must say why (``reason``); the reviewer gets their number."""
    counts = Counter()
    for path, d in _walk(rs.data):
        src = d.get("source")
        if src not in ("inferred", "outside"):
            continue
        counts[src] += 1
        if not str(d.get("reason") or "").strip():
            col.add("error", path + ("source",), f"“source: {src}”须附 reason（一句话说明依据）",
                    f"'source: {src}' needs a 'reason' (one line saying why)")
    if counts:
        col.add("info", ("schema",),
                f"规则文件中有 {counts['inferred']} 处解释（source: inferred）和 {counts['outside']} 处规划外依据"
                f"（source: outside），各附理由（reason）",
                f"the rule file marks {counts['inferred']} interpretation(s) (source: inferred) and {counts['outside']} "
                f"basis outside the plan (source: outside), each with a reason")


def _check_typos(rs, col):
    for i, t in enumerate(rs.data.get("typos", []) or []):
        unsure_zh, unsure_en = ("（未核实）", " (unverified)") if t.get("checked") is False else ("", "")
        zh = f"规划文字疑有笔误{unsure_zh}：“{t['text']}”"
        en = f"probable slip in the plan text{unsure_en}: '{t['text']}'"
        if t.get("correction"):
            zh += f"，应为“{t['correction']}”"
            en += f", read '{t['correction']}'"
        if t.get("note"):
            zh += f"（{t['note']}）"
        col.add("info", ("typos", i, "text"), zh, en, t["clause"])
