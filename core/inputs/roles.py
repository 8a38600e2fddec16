"""Layer roles and review settings: which project layer is the red line, the farmland, the 集中开采区 …

Stored in the QGIS project (scope "mineplan", so a shared .qgz carries them), with defaults for new
projects in QgsSettings ("mineplan/…"). Layer roles are detected (never silently: the settings dialog shows
what was found and how, the user confirms) from

* layer names (Chinese, English, pinyin codes of DZ/T 0226),
* the layer codes of the 国土空间规划"一张图" / 三区三线 database standards (STBHHX 生态保护红线, YJJBNT 永久基本
  农田, CZKFBJ 城镇开发边界, ZRBHD 自然保护地, XZQ 行政区),
* field signatures (HXBH/HXMC of a red line, JBNTTBBH of farmland parcels, 采矿许可证号, app_no …) and the
  values of a name field (…重点勘查区, …集中开采区) or of a licence number (C… 采矿, T… 勘查).

``algorithm_parameters`` turns the settings into the initial parameters of an algorithm dialog.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from qgis.core import QgsMapLayerType, QgsProject, QgsSettings, QgsWkbTypes

from ...rules.model.vocab import CONTROL_ROLES, ROLE_BY_ID, ROLES, ZONE_ROLES  # noqa: F401 - re-exported
from ..support.i18n import N_

SCOPE = "mineplan"


@dataclass(frozen=True)
class ExtraRole:
    """A role the review does not judge with but the report draws (not part of the decision vocabulary)."""

    id: str
    zh: str
    en: str
    param: str
    kind: str
    patterns: tuple = ()


# the county (or city) boundary: report maps (locator inset, outline) — a report parameter, not a check
COUNTY = ExtraRole("county", "行政区", "Administrative boundary", "COUNTY_BOUNDARY", "report",
                   ("行政区", "县界", "县域", "市域", "行政界线", "xzq", "county", "admin"))
EXTRA_ROLES = (COUNTY,)
ALL_ROLES = tuple(ROLES) + EXTRA_ROLES
ROLE_INFO = {r.id: r for r in ALL_ROLES}

# role id → (Chinese label, English label, name patterns), from the one vocabulary plus the report roles.
# Order matters: first match wins.
ROLE_DEFS = [(r.id, r.zh, r.en, list(r.patterns)) for r in ROLES if r.patterns] + \
    [(r.id, r.zh, r.en, list(r.patterns)) for r in EXTRA_ROLES]
ROLE_IDS = [r[0] for r in ROLE_DEFS]
MULTI_ROLES = ("other",)           # roles that take several layers (OTHER_CONSTRAINTS)
# the field parameters of the algorithms: (field key, parameter that reads it from the features under review, its
# label — English source text, translated where shown); the review asks for the first twelve, in this order
FIELD_TABLE = (
    ("id", "ID_FIELD", N_("Id field")), ("name", "NAME_FIELD", N_("Name field (report titles)")),
    ("activity", "ACTIVITY_FIELD", N_("Activity field (采矿/探矿)")), ("mineral", "MINERAL_FIELD", N_("Mineral field")),
    ("scale", "SCALE_FIELD", N_("Reserve scale field")), ("capacity", "CAPACITY_FIELD", N_("Design capacity field")),
    ("capacity_unit", "CAPACITY_UNIT_FIELD", N_("Capacity unit field")),
    ("reserves", "RESERVES_FIELD", N_("Reserves field")),
    ("reserves_unit", "RESERVES_UNIT_FIELD", N_("Reserves unit field")),
    ("holder", "HOLDER_FIELD", N_("Applicant / holder field")),
    ("app_type", "APPLICATION_TYPE_FIELD", N_("Application type field (申请类型)")),
    ("licence", "LICENCE_FIELD", N_("Licence number field (许可证号)")),
    ("output", "OUTPUT_FIELD", N_("Annual output field")), ("output_unit", "OUTPUT_UNIT_FIELD", N_("Output unit field")),
)
FIELD_PARAM = {key: param for key, param, _ in FIELD_TABLE}
FIELD_LABEL = {key: text for key, _, text in FIELD_TABLE}
# the fields the project settings keep (settings dialog, in this order)
FIELD_KEYS = ["id", "name", "mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit", "activity",
              "holder"]
# field key → the parameter of the review and of the single checks that reads it from the features under review
FIELD_PARAMS = {key: FIELD_PARAM[key] for key in FIELD_KEYS}
DEFAULTS = {"ruleset": "", "area_method": 0, "min_overlap_area": 1.0, "review_unit": "", "reviewer": "",
            "report_template": ""}
REPORT_KEYS = ("review_unit", "reviewer", "report_template")

# ---- detection ------------------------------------------------------------------------------------------------
# layer codes of the 国土空间规划"一张图" / 三区三线 database standards (whole layer name, or its last part)
STANDARD_CODES = {
    "eco": ("stbhhx", "sthx", "stbhhxtb"), "farm": ("yjjbnt", "yjjbnttb", "jbnttb", "jbntbhpk", "jbnt"),
    "urban": ("czkfbj",), "reserve": ("zrbhd", "zrbhq"), "county": ("xzq", "xzqh", "xzqjx"),
}
# field signatures: every name of one of the sets must be present (compared case-, space- and underscore-free)
FIELD_SIGNATURES = {
    "eco": [{"hxbh", "hxmc"}, {"sthxbh"}, {"stbhhxbh"}, {"红线编号"}, {"生态保护红线编号"}],
    "farm": [{"jbnttbbh"}, {"jbntbh"}, {"基本农田图斑编号"}, {"永久基本农田编号"}],
    "urban": [{"czkfbjbh"}, {"kfbjbh"}, {"城镇开发边界编号"}],
    "reserve": [{"bhdmc"}, {"bhdjb"}, {"zrbhdmc"}, {"保护地名称"}, {"自然保护地名称"}],
    "county": [{"xzqdm", "xzqmc"}, {"行政区代码", "行政区名称"}],
    "mining_rights": [{"采矿许可证号"}, {"ckxkzh"}, {"license_no", "mine_name"}, {"xkzh", "ksmc"}, {"许可证号", "矿山名称"}],
    "exploration_rights": [{"勘查许可证号"}, {"kcxkzh"}, {"license_no", "project_name"}, {"xkzh", "kcxmmc"},
                           {"许可证号", "勘查项目名称"}, {"xkzh", "kcjd"}],
    "proposed": [{"app_no"}, {"sqbh"}, {"申请编号"}, {"applicant"}, {"申请人"}, {"sqr", "kz"}],
}
# what the values of a name field say (…重点勘查区); checked on the first features
NAME_VALUE_SIGNATURES = [
    ("kdev", ("重点勘查开发区", "重点发展区域", "重点开发区域")), ("kexp", ("重点勘查区",)), ("kmin", ("重点开采区",)),
    ("conc", ("集中开采区",)), ("eblk", ("勘查规划区块",)), ("mblk", ("开采规划区块", "采矿权设置区块")),
    ("eco", ("生态保护红线",)), ("farm", ("永久基本农田", "基本农田")), ("urban", ("城镇开发边界",)),
    ("reserve", ("自然保护区", "自然保护地", "风景名胜区", "地质公园", "森林公园", "湿地公园")),
]
NAME_FIELDS = ("name", "名称", "mc", "ghqmc", "hxmc", "bhdmc", "xzqmc", "kqmc", "xmmc", "qymc")
LICENCE_FIELDS = ("license_no", "licence_no", "xkzh", "许可证号", "采矿许可证号", "勘查许可证号")
HOW_LABELS = {"name": ("图层名称", "layer name"), "code": ("标准图层代码", "standard layer code"),
              "fields": ("字段特征", "field signature"), "values": ("字段取值", "field values")}
POLYGON_ONLY = tuple(r for r in ROLE_IDS if r not in ("mining_rights", "exploration_rights"))


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text or "").casefold()


def detect_role(name: str) -> str | None:
    """Role from a layer name. Applications first: "采矿权申请" is a layer under review, not existing rights."""
    n = (name or "").casefold()
    for role, _, _, patterns in sorted(ROLE_DEFS, key=lambda d: d[0] != "proposed"):
        for p in patterns:
            if re.search(p, n):
                return role
    return None


def _code_role(name: str) -> str | None:
    """A layer named by a standard code: 'STBHHX', 'YJJBNT_2023', 'db.gdb|layername=CZKFBJ' …"""
    last = re.split(r"[|/\\.:]", name or "")[-1].replace("layername=", "")
    tokens = [t for t in re.split(r"[^0-9a-z]+", last.casefold()) if t]
    for role, codes in STANDARD_CODES.items():
        if any(t in codes for t in tokens):
            return role
    return None


@dataclass
class Detection:
    role: str
    layer_id: str
    layer_name: str
    how: str                 # name / code / fields / values
    detail: str = ""         # the pattern, code or fields that matched


def _field_role(layer) -> tuple[str | None, str]:
    names = {_norm(f.name()) for f in layer.fields()}
    for role, signatures in FIELD_SIGNATURES.items():
        for sig in signatures:
            if {_norm(s) for s in sig} <= names:
                return role, ", ".join(f.name() for f in layer.fields() if _norm(f.name()) in {_norm(s) for s in sig})
    return None, ""


def _value_role(layer, sample: int = 30) -> tuple[str | None, str]:
    fields = layer.fields()
    name_idx = [i for i, f in enumerate(fields) if _norm(f.name()) in {_norm(n) for n in NAME_FIELDS}]
    lic_idx = [i for i, f in enumerate(fields) if _norm(f.name()) in {_norm(n) for n in LICENCE_FIELDS}]
    if not name_idx and not lic_idx:
        return None, ""
    from qgis.core import QgsFeatureRequest
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setLimit(sample)
    votes: dict = {}
    for feat in layer.getFeatures(request):
        for i in name_idx:
            v = feat.attribute(i)
            if not isinstance(v, str):
                continue
            for role, words in NAME_VALUE_SIGNATURES:
                if any(w in v for w in words):
                    votes[role] = votes.get(role, 0) + 1
                    break
        for i in lic_idx:
            v = feat.attribute(i)
            if isinstance(v, str) and re.match(r"^\s*C\d{10,}", v):
                votes["mining_rights"] = votes.get("mining_rights", 0) + 1
            elif isinstance(v, str) and re.match(r"^\s*T\d{10,}", v):
                votes["exploration_rights"] = votes.get("exploration_rights", 0) + 1
    if not votes:
        return None, ""
    role = max(votes, key=votes.get)
    return role, f"{votes[role]}"


def detect_layer(layer) -> Detection | None:
    """The role a vector layer seems to have, and how it was recognised; None when nothing says."""
    if layer is None or layer.type() != QgsMapLayerType.VectorLayer:
        return None
    source_name = layer.source().split("|")[-1].replace("layername=", "") if "|" in layer.source() else ""
    for name in (layer.name(), source_name):
        code = _code_role(name)
        if code:
            return Detection(code, layer.id(), layer.name(), "code", name)
        role = detect_role(name)
        if role:
            return Detection(role, layer.id(), layer.name(), "name", name)
    role, detail = _field_role(layer)
    if role:
        return Detection(role, layer.id(), layer.name(), "fields", detail)
    role, detail = _value_role(layer)
    if role:
        return Detection(role, layer.id(), layer.name(), "values", detail)
    return None


def _geometry_fits(role: str, layer) -> bool:
    if role in POLYGON_ONLY:
        return layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
    return True


def detect_roles(project: QgsProject | None = None) -> list:
    """A Detection per role (the first layer in the layer tree's order that fits; a name or code beats fields,
    fields beat values)."""
    project = project or QgsProject.instance()
    rank = {"code": 0, "name": 0, "fields": 1, "values": 2}
    best: dict = {}
    order = [lyr for lyr in (n.layer() for n in project.layerTreeRoot().findLayers()) if lyr is not None]
    order += [lyr for lyr in project.mapLayers().values() if lyr not in order]
    for lyr in order:
        d = detect_layer(lyr)
        if d is None or not _geometry_fits(d.role, lyr):
            continue
        if d.role not in best or rank[d.how] < rank[best[d.role].how]:
            best[d.role] = d
    return [best[r] for r in ROLE_IDS if r in best]


@dataclass
class ReviewSettings:
    ruleset: str = ""                       # '' = bundled default, a plan id, or a file path
    area_method: int = 0                    # 0 ellipsoidal (CGCS2000), 1 planar
    min_overlap_area: float = 1.0           # sliver tolerance, m²
    roles: dict = field(default_factory=dict)    # role → layer id
    others: list = field(default_factory=list)   # layer ids of the other constraint layers (OTHER_CONSTRAINTS)
    fields: dict = field(default_factory=dict)   # field key → field name (of the layer under review)
    review_unit: str = ""                   # 审查单位 (report)
    reviewer: str = ""                      # 审查人 (report)
    report_template: str = ""               # a bureau's own report template ('' = the bundled one)

    # ---- persistence ------------------------------------------------------------------------------
    @classmethod
    def defaults(cls) -> ReviewSettings:
        s = QgsSettings()
        out = cls(ruleset=s.value("mineplan/ruleset", DEFAULTS["ruleset"], type=str),
                  area_method=s.value("mineplan/area_method", DEFAULTS["area_method"], type=int),
                  min_overlap_area=s.value("mineplan/min_overlap_area", DEFAULTS["min_overlap_area"], type=float))
        for key in REPORT_KEYS:
            setattr(out, key, s.value(f"mineplan/{key}", DEFAULTS[key], type=str))
        return out

    def save_defaults(self):
        s = QgsSettings()
        s.setValue("mineplan/ruleset", self.ruleset)
        s.setValue("mineplan/area_method", self.area_method)
        s.setValue("mineplan/min_overlap_area", self.min_overlap_area)
        for key in REPORT_KEYS:
            s.setValue(f"mineplan/{key}", getattr(self, key))

    @classmethod
    def load(cls, project: QgsProject | None = None) -> ReviewSettings:
        project = project or QgsProject.instance()
        out = cls.defaults()
        value, ok = project.readEntry(SCOPE, "ruleset", "")
        if ok:
            out.ruleset = value
        value, ok = project.readNumEntry(SCOPE, "area_method", out.area_method)
        if ok:
            out.area_method = int(value)
        value, ok = project.readDoubleEntry(SCOPE, "min_overlap_area", out.min_overlap_area)
        if ok:
            out.min_overlap_area = float(value)
        for role in ROLE_IDS:
            value, ok = project.readEntry(SCOPE, f"role/{role}", "")
            if ok and value:
                out.roles[role] = value
        value, ok = project.readListEntry(SCOPE, "role/other", [])
        if ok:
            out.others = [v for v in value if v]
        for key in FIELD_KEYS:
            value, ok = project.readEntry(SCOPE, f"field/{key}", "")
            if ok and value:
                out.fields[key] = value
        for key in REPORT_KEYS:
            value, ok = project.readEntry(SCOPE, f"report/{key}", "")
            if ok and value:
                setattr(out, key, value)
        return out

    def save(self, project: QgsProject | None = None):
        project = project or QgsProject.instance()
        project.writeEntry(SCOPE, "ruleset", self.ruleset)
        project.writeEntry(SCOPE, "area_method", int(self.area_method))
        project.writeEntryDouble(SCOPE, "min_overlap_area", float(self.min_overlap_area))
        for role in ROLE_IDS:
            if self.roles.get(role):
                project.writeEntry(SCOPE, f"role/{role}", self.roles[role])
            else:
                project.removeEntry(SCOPE, f"role/{role}")
        if self.others:
            project.writeEntry(SCOPE, "role/other", list(self.others))
        else:
            project.removeEntry(SCOPE, "role/other")
        for key in FIELD_KEYS:
            if self.fields.get(key):
                project.writeEntry(SCOPE, f"field/{key}", self.fields[key])
            else:
                project.removeEntry(SCOPE, f"field/{key}")
        for key in REPORT_KEYS:
            if getattr(self, key):
                project.writeEntry(SCOPE, f"report/{key}", getattr(self, key))
            else:
                project.removeEntry(SCOPE, f"report/{key}")

    # ---- layers ----------------------------------------------------------------------------------
    def layer(self, role: str, project: QgsProject | None = None):
        project = project or QgsProject.instance()
        lid = self.roles.get(role)
        lyr = project.mapLayer(lid) if lid else None
        return lyr if lyr is not None and lyr.isValid() else None

    def other_layers(self, project: QgsProject | None = None) -> list:
        project = project or QgsProject.instance()
        out = [project.mapLayer(lid) for lid in self.others]
        return [lyr for lyr in out if lyr is not None and lyr.isValid()]

    def has_roles(self, project: QgsProject | None = None) -> bool:
        """Does the project say anything about its layers (a role of a layer that still exists)?"""
        return any(self.layer(r, project) is not None for r in self.roles) or bool(self.other_layers(project))

    def auto_detect(self, project: QgsProject | None = None, overwrite: bool = False) -> dict:
        """Fill roles from layer names, standard codes, field signatures; returns role → layer id of what
        was (re)assigned. Callers show the result for confirmation (settings dialog)."""
        project = project or QgsProject.instance()
        found = {}
        taken = {lid for r, lid in self.roles.items() if self.layer(r, project) is not None}
        for d in detect_roles(project):
            if d.layer_id in taken and self.roles.get(d.role) != d.layer_id:
                continue
            if overwrite or not self.layer(d.role, project):
                found[d.role] = d.layer_id
        self.roles.update(found)
        return found


# parameter types a project layer may fill (a file parameter named INPUT is not one of them)
LAYER_PARAM_TYPES = ("source", "vector", "layer", "raster")


def algorithm_parameters(alg, settings: ReviewSettings, project: QgsProject | None = None) -> dict:
    """Initial parameters of ``alg``'s dialog from the project's settings: every role layer (by id), the
    fields of the features under review, the rule set, the area method, the sliver tolerance and the report
    details. Only parameters the algorithm has are filled; a field parameter only when it belongs to the
    layer the features under review went to."""
    project = project or QgsProject.instance()
    defs = {p.name(): p for p in alg.parameterDefinitions()}
    out = {}
    review_key = None
    for role in ALL_ROLES:
        if role.id in MULTI_ROLES:
            layers = settings.other_layers(project)
            if layers and role.param in defs and defs[role.param].type() == "multilayer":
                out[role.param] = [lyr.id() for lyr in layers]
            continue
        lyr = settings.layer(role.id, project)
        if lyr is None:
            continue
        key = role.param
        if role.id == "proposed":
            key = "PROPOSED" if "PROPOSED" in defs else ("INPUT" if "INPUT" in defs else None)
            review_key = key
        if key in defs and defs[key].type() in LAYER_PARAM_TYPES:
            out[key] = lyr.id()
        elif role.id == "proposed":
            review_key = None            # e.g. a coordinate file's INPUT: not a layer, left to the user
    if review_key is not None:
        for fkey, pkey in FIELD_PARAMS.items():
            p = defs.get(pkey)
            name = settings.fields.get(fkey)
            if p is None or not name or not hasattr(p, "parentLayerParameterName"):
                continue
            if p.parentLayerParameterName() == review_key:
                out[pkey] = name
    if "RULESET" in defs and settings.ruleset:
        out["RULESET"] = settings.ruleset
    if "AREA_METHOD" in defs:
        out["AREA_METHOD"] = int(settings.area_method)
    if "MIN_OVERLAP_AREA" in defs:
        out["MIN_OVERLAP_AREA"] = float(settings.min_overlap_area)
    for key, param in (("review_unit", "REVIEW_UNIT"), ("reviewer", "REVIEWER"), ("report_template", "REPORT_TEMPLATE")):
        if param in defs and getattr(settings, key):
            out[param] = getattr(settings, key)
    return out
