"""Loading a plan rule file and asking it questions (pure Python, no QGIS).

    rs = load_ruleset()                       # (rules.loader) bundled default (灵宝 2021-2025)
    row = rs.min_scale_row(rs.minerals.resolve("饰面用花岗岩"))   # → 专栏6 row 12 (饰面用石材)

A rule file names its mineral dictionary and reserve-scale table under ``references``; a bare file
name is looked up next to the rule file first, then in ``rules/reference/``.
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field

from .errors import RuleSetError
from .minerals import Mineral, MineralDictionary, normalise_name
from .schema import validate as schema_validate
from .units import parse_unit
from .yamlio import YamlDoc, key_text, load_yaml

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))     # rules/: plans/ and reference/
PLANS_DIR = os.path.join(PACKAGE_DIR, "plans")
REFERENCE_DIR = os.path.join(PACKAGE_DIR, "reference")
DEFAULT_PLAN_ID = "lingbao_2021_2025"

SCALES = ("大型", "中型", "小型")
SCALE_KEYS = {"大型": "large", "中型": "medium", "小型": "small"}
SCALE_EN = {"大型": "large", "中型": "medium", "小型": "small"}

ROLE_SECTIONS = {
    "kexp": "key_exploration_areas", "kmin": "key_mining_areas", "conc": "concentrated_mining_areas",
    "eblk": "exploration_blocks", "mblk": "mining_blocks", "kdev": "development_areas",
}
# singular labels used in reasons ("位于重点开采区…", "in key mining area …")
ROLE_NAMES = {
    "kexp": ("重点勘查区", "key exploration area"), "kmin": ("重点开采区", "key mining area"),
    "conc": ("集中开采区", "concentrated mining area"), "eblk": ("勘查规划区块", "exploration planning block"),
    "mblk": ("开采规划区块", "mining planning block"), "kdev": ("重点发展区域", "key development area"),
}


@dataclass
class Finding:
    """One line of a validation report."""

    severity: str  # error / warning / info
    key: str
    message_zh: str
    message_en: str
    clause: str = ""
    path: str = ""
    line: int | None = None

    def as_error(self) -> RuleSetError:
        return RuleSetError(self.message_zh, self.message_en, self.path, self.line, self.key)


@dataclass
class ReserveThreshold:
    mineral: str
    basis: str
    unit: str
    large: float
    medium: float
    checked: bool
    variant: str = ""
    note: str = ""


@dataclass
class ReserveScaleTable:
    name: str
    entries: list = field(default_factory=list)
    source: str = ""

    @classmethod
    def from_data(cls, data: dict, source: str = "") -> ReserveScaleTable:
        return cls(name=data.get("name", ""), source=source, entries=[
            ReserveThreshold(mineral=e["mineral"], basis=e["basis"], unit=e["unit"], large=e["large"],
                             medium=e["medium"], checked=bool(e.get("checked")),
                             variant=e.get("variant", ""), note=e.get("note", ""))
            for e in data.get("entries", [])])

    def for_mineral(self, mineral: Mineral, dictionary: MineralDictionary) -> ReserveThreshold | None:
        """First threshold whose mineral is this mineral (or a group it belongs to). For 铁矿 the
        first entry (贫矿) is returned: the conservative class when the grade is unknown."""
        for e in self.entries:
            if dictionary.matches(mineral, e.mineral):
                return e
        return None


@dataclass
class SanlvTable:
    """National minimum 三率 indicators (rules/reference/sanlv_minimums.yaml)."""

    name: str
    entries: list = field(default_factory=list)
    source: str = ""

    def for_mineral(self, mineral: Mineral, dictionary: MineralDictionary) -> dict | None:
        for e in self.entries:
            if dictionary.matches(mineral, e["mineral"]):
                return e
        return None


def bundled_rulesets() -> dict[str, str]:
    """Plan id → path of every rule file shipped in rules/plans/."""
    out = {}
    for path in sorted(glob.glob(os.path.join(PLANS_DIR, "*.yaml"))):
        out[os.path.splitext(os.path.basename(path))[0]] = path
    return out


def default_ruleset_path() -> str:
    return os.path.join(PLANS_DIR, DEFAULT_PLAN_ID + ".yaml")


def resolve_ruleset_path(value) -> str:
    """'' / None → bundled default; a bundled plan id → its file; else the path itself."""
    if value is None or not str(value).strip():
        return default_ruleset_path()
    text = str(value).strip()
    bundled = bundled_rulesets()
    if text in bundled:
        return bundled[text]
    return text


def _reference_path(name: str, rule_file: str) -> str:
    if os.path.isabs(name):
        return name
    local = os.path.join(os.path.dirname(os.path.abspath(rule_file)), name)
    if os.path.exists(local):
        return local
    return os.path.join(REFERENCE_DIR, name)


class RuleSet:
    """A validated plan rule file with its mineral dictionary and reserve-scale table."""

    def __init__(self, doc: YamlDoc, minerals: MineralDictionary, reserve_scale: ReserveScaleTable):
        self.doc = doc
        self.path = doc.path
        self.data: dict = doc.data
        self.minerals = minerals
        self.reserve_scale = reserve_scale
        self.findings: list = []      # warnings and notes of the validation that loaded it
        self.sanlv: SanlvTable | None = None   # 三率 minimums, when the rule file names a reference

    # ---- plan metadata ----------------------------------------------------------------------------
    @property
    def plan(self) -> dict:
        return self.data["plan"]

    @property
    def id(self) -> str:
        return self.plan["id"]

    @property
    def name(self) -> str:
        return self.plan["name"]

    @property
    def name_en(self) -> str:
        return self.plan.get("name_en", self.plan["name"])

    def cite(self, clause: str) -> str:
        """'第五章第一节 专栏6' → '《灵宝市矿产资源总体规划（2021-2025年）》第五章第一节 专栏6'."""
        return f"《{self.name}》{clause}" if clause else f"《{self.name}》"

    def table(self, section: str) -> str:
        """The plan's own label of the table a section encodes (专栏6 …), cited in reasons; another county's
        plan cites its own numbering. Falls back to the 专栏 named in the section's clause, else 规划表."""
        data = self.data.get(section) or {}
        if data.get("table"):
            return data["table"]
        m = re.search(r"专栏\s*\d+", data.get("clause", ""))
        return m.group(0) if m else "规划表"

    def line_of(self, *key_path) -> int | None:
        return self.doc.line(key_path)

    def section(self, key: str, default=None):
        return self.data.get(key, default)

    # ---- minimum scale (专栏6) ---------------------------------------------------------------------
    @property
    def min_scale(self) -> dict:
        return self.data["minimum_scale"]

    def min_scale_row(self, mineral: Mineral | None) -> dict | None:
        """The 专栏6 row that applies to ``mineral``: its own row first, else its category's."""
        if mineral is None:
            return None
        rows = self.min_scale["rows"]
        for row in rows:
            target = self.minerals.resolve(row["mineral"])
            if target is not None and target.name == mineral.name:
                return row
        for row in rows:
            if self.minerals.matches(mineral, row["mineral"]):
                return row
        return None

    def service_years_min(self) -> tuple[float | None, str]:
        s = self.min_scale.get("service_years_min")
        if not s:
            return None, ""
        return float(s["value"]), s["clause"]

    def no_new_small(self, mineral: Mineral | None) -> dict | None:
        if mineral is None:
            return None
        for entry in self.min_scale.get("no_new_small", []) or []:
            if self.entry_applies(entry, mineral):
                return entry
        return None

    # ---- policy ------------------------------------------------------------------------------------
    def entry_applies(self, entry: dict, mineral: Mineral) -> bool:
        for name in entry.get("minerals", []) or []:
            if self.minerals.matches(mineral, name):
                return True
        for group in entry.get("groups", []) or []:
            if self.minerals.matches(mineral, group):
                return True
        return False

    def policy_entries(self, kind: str) -> list:
        return self.data["mineral_policy"].get(kind, []) or []

    # ---- control lines -----------------------------------------------------------------------------
    def control_categories(self) -> list[dict]:
        return self.data["control_lines"]["categories"]

    def control_category(self, cat_id: str) -> dict | None:
        """Rule of a category id (``other_2`` → the ``other`` rule)."""
        base = cat_id.split("_")[0]
        for cat in self.control_categories():
            if cat["id"] == base:
                return cat
        return None

    def min_overlap_area(self) -> float:
        return float(self.data["control_lines"].get("min_overlap_area_m2", 1.0))

    # ---- zones -------------------------------------------------------------------------------------
    def zones(self, role: str) -> list[dict]:
        section = self.data.get(ROLE_SECTIONS[role]) or {}
        return section.get("items", []) or []

    def zone_clause(self, role: str) -> str:
        section = self.data.get(ROLE_SECTIONS[role]) or {}
        return section.get("clause", "")

    def match_zone(self, role: str, code=None, name=None) -> dict | None:
        """Rule-set zone for a data zone given its code and/or name (code, then name or alias, then
        keyword contained in the name)."""
        zones = self.zones(role)
        if code not in (None, ""):
            c = normalise_name(code)
            for z in zones:
                if c and c in (normalise_name(z.get("code", "")), normalise_name(z["id"])):
                    return z
        if name not in (None, ""):
            n = normalise_name(name)
            for z in zones:
                keys = [z["name"], *(z.get("aliases", []) or [])]
                if n in (normalise_name(k) for k in keys):
                    return z
            for z in zones:
                keys = [z["name"], *(z.get("aliases", []) or [])]
                if any(normalise_name(k) in n or (len(n) >= 4 and n in normalise_name(k)) for k in keys):
                    return z
            for z in zones:
                if any(normalise_name(k) and normalise_name(k) in n for k in z.get("keywords", []) or []):
                    return z
        return None

    def zone_requirements(self, mineral: Mineral | None, activity: str | None) -> list[dict]:
        if mineral is None:
            return []
        out = []
        for req in self.data.get("zone_requirements", []) or []:
            act = req.get("activity", "any")
            if act != "any" and activity is not None and act != activity:
                continue
            if act != "any" and activity is None and act != "mining":
                continue
            if self.entry_applies(req, mineral):
                out.append(req)
        return out

    def block_rule(self, role: str) -> dict | None:
        for rule in self.data.get("block_rules", []) or []:
            if rule["role"] == role:
                return rule
        return None

    # ---- indicators ----------------------------------------------------------------------------------
    def production_targets(self) -> list[dict]:
        return (self.data.get("production_targets") or {}).get("items", []) or []

    def structure_targets(self) -> list[dict]:
        return (self.data.get("structure_targets") or {}).get("items", []) or []

    def output_caps(self) -> list[dict]:
        return self.data.get("output_caps", []) or []

    def rights_caps(self) -> list[dict]:
        return self.data.get("rights_caps", []) or []


def load_reference(kind: str, name: str, rule_file: str):
    """Load a referenced dictionary ('minerals') or threshold table ('reserve_scale');
    returns (object, findings)."""
    path = _reference_path(name, rule_file)
    findings: list[Finding] = []
    try:
        doc = load_yaml(path)
    except RuleSetError as exc:
        findings.append(Finding("error", f"references.{kind}", exc.message_zh, exc.message_en,
                                path=exc.path or path, line=exc.line))
        return None, findings
    schema_name = {"minerals": "minerals.schema.yaml", "sanlv": "sanlv.schema.yaml"}.get(kind,
                                                                                       "reserve_scale.schema.yaml")
    for issue in schema_validate(doc.data, schema_name):
        findings.append(Finding("error", key_text(issue.key_path), issue.message_zh, issue.message_en,
                                path=path, line=doc.line(issue.key_path)))
    for kpath, line, first in doc.duplicates:
        findings.append(Finding("error", key_text(kpath), f"键重复（首次出现在第{first}行）",
                                f"duplicate key (first at line {first})", path=path, line=line))
    if any(f.severity == "error" for f in findings):
        return None, findings
    if kind == "minerals":
        return MineralDictionary.from_data(doc.data, source=path), findings
    if kind == "sanlv":
        return SanlvTable(doc.data.get("name", ""), list(doc.data.get("entries", [])), path), findings
    table = ReserveScaleTable.from_data(doc.data, source=path)
    for i, e in enumerate(table.entries):
        try:
            parse_unit(e.unit)
        except Exception as exc:  # noqa: BLE001 - reported as a finding
            findings.append(Finding("error", f"entries[{i}].unit", str(exc), str(exc), path=path,
                                    line=doc.line(("entries", i, "unit"))))
    return table, findings
