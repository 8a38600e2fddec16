"""The parameters the mineplan algorithms share: how they are declared (rule file, role layers, field
overrides, area method, thresholds) and how their values are read (sources, role layers, the subject)."""
from __future__ import annotations

import os

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)

from ..core.inputs.field_map import CANDIDATES
from ..core.inputs.field_map import resolve as resolve_fields
from ..core.inputs.roles import FIELD_LABEL, FIELD_PARAM
from ..core.review.pipeline import LayerInput, Subject
from ..core.support.i18n import N_, tr
from ..core.support.log import get_logger
from ..core.support.messages import field_not_found_pair
from ..rules import MinePlanError, RuleSetError, load_ruleset
from ..rules.model.apptypes import type_label
from ..rules.model.vocab import APP_TYPES, ROLE_BY_ID
from . import guards

# parameter labels of the role layers (English source text, translated by tr where shown)
ROLE_PARAM_LABELS = {
    "eco": N_("Ecological protection red line (生态保护红线)"), "farm": N_("Permanent basic farmland (永久基本农田)"),
    "urban": N_("Urban development boundary (城镇开发边界)"), "reserve": N_("Nature reserves (自然保护地)"),
    "kexp": N_("Key exploration areas (重点勘查区)"), "kmin": N_("Key mining areas (重点开采区)"),
    "conc": N_("Concentrated mining areas (集中开采区)"), "eblk": N_("Exploration planning blocks (勘查规划区块)"),
    "mblk": N_("Mining planning blocks (开采规划区块)"), "kdev": N_("Key development areas (重点发展区域)"),
    "mining_rights": N_("Existing mining rights (采矿权)"), "exploration_rights": N_("Existing exploration rights (探矿权)"),
}


# help of the parameters the algorithms share (an algorithm's own: its PARAM_HELP); English source, translated
SHARED_HELP = {
    "AREA_METHOD": N_("How areas are measured: ellipsoidal on the CGCS2000 ellipsoid (default, as official statistics) or planar in the projected working CRS. Every output states the method (面积算法)."),
    "MIN_OVERLAP_AREA": N_("Overlaps smaller than this many m² are listed but do not count as a conflict: slivers along the shared edges of layers digitised separately. Default 1 m²."),
    "INVALID_GEOMETRY": N_("What to do with an invalid geometry (self-intersection, bow-tie …) in any input: repair it (default), skip the feature, or stop with an error naming it. Repaired and skipped features are counted in the log and the outputs."),
    "APPLICATION_TYPE": N_("申请类型 for features whose application-type field is empty or missing (default 新立). A value in the field always wins; the plan's rules differ by type (新立, 延续, 扩大范围, 变更矿种, 深部或上部扩界 …)."),
    "REPORT_HTML": N_("Optional HTML report of this run, written where you choose and listed in the Processing results viewer."),
    "OTHER_CONSTRAINTS": N_("More constraint layers of any geometry (地质灾害易发区, 压覆矿产 …): each is a category of its own, named by its layer name. Lines and points are buffered by the rule file's keep-away distance; an overlap with them needs justification (需论证)."),
}
ROLE_HELP = {  # by the role's kind; {0}: the role's label
    "control": N_("Optional polygon layer of the {0}, in any CRS. Overlap with it is measured exactly (overlapping parcels counted once, invalid parcels repaired); the rule file says what an overlap means and cites the clause."),
    "zone": N_("Optional polygon layer of the {0} of the plan, in any CRS. Zones are matched to the rule file by code or name; a feature belongs to the zone that holds the largest share of it."),
    "rights": N_("Optional layer of the {0} (polygons). Used to match 延续/变更 applications to the right they continue, to keep new rights apart from existing ones and for the one-entity-per-block rule."),
}
FIELD_HELP = N_("Which field holds {0}. Empty: detected from the field names ({1} …; case, spaces and underscores ignored). Choose a field only when detection picks the wrong one or none.")   # {0}: what the field holds, {1}: detected names
FIELD_WHAT = {
    "id": N_("the feature's id (编号, 申请编号)"),
    "name": N_("the feature's name, used in report titles"),
    "activity": N_("mining or exploration (采矿/探矿, 矿业权类型)"),
    "mineral": N_("the mineral (矿种)"),
    "scale": N_("the reserve scale (大型/中型/小型)"),
    "capacity": N_("the design production capacity per year"),
    "capacity_unit": N_("the unit of the capacity (万吨/年, 万立方米/年 …)"),
    "reserves": N_("the reserves"),
    "reserves_unit": N_("the unit of the reserves"),
    "holder": N_("the applicant or right holder"),
    "app_type": N_("the application type (申请类型: 新立, 延续 …)"),
    "licence": N_("the licence number (许可证号) a 延续 or 变更 continues"),
    "output": N_("the annual output"),
    "output_unit": N_("the unit of the annual output"),
}
# rarely changed parameters, shown under the dialog's "Advanced" in every algorithm: the field overrides (detection
# finds the fields), the area method and the thresholds
ADVANCED_ALWAYS = frozenset(FIELD_PARAM.values()) | {"AREA_METHOD", "MIN_OVERLAP_AREA", "INVALID_GEOMETRY"}
FLAG_ADVANCED = QgsProcessingParameterDefinition.Flag.FlagAdvanced

class ParameterHelpers:
    """Mixin of MinePlanAlgorithm: shared parameter declarations and readers."""

    def addParameter(self, definition, createOutput: bool = True) -> bool:  # noqa: N802 - QGIS API
        """Every parameter with its own help (the algorithm's PARAM_HELP, else SHARED_HELP, else what the helper
        set) and the rarely changed ones under "Advanced" (ADVANCED_ALWAYS and the algorithm's ADVANCED)."""
        key = definition.name()
        text = getattr(self, "PARAM_HELP", {}).get(key) or SHARED_HELP.get(key)
        if text:
            definition.setHelp(tr(text))
        if key in ADVANCED_ALWAYS or key in getattr(self, "ADVANCED", ()):
            definition.setFlags(definition.flags() | FLAG_ADVANCED)
        return super().addParameter(definition, createOutput)

    def add_ruleset_parameter(self):
        p = QgsProcessingParameterFile(
            self.RULESET, tr("Plan rule file (empty = bundled Lingbao 2021-2025 plan)"),
            behavior=QgsProcessingParameterFile.Behavior.File, extension="", defaultValue=None, optional=True,
            fileFilter="YAML (*.yaml *.yml)")
        p.setHelp(tr("A plan rule file (YAML). Leave empty for the bundled 灵宝市矿产资源总体规划（2021-2025年）; "
                     "a bundled plan id such as lingbao_2021_2025 is accepted too."))
        self.addParameter(p)

    def add_role_parameters(self, roles, types=None, other: bool = False):
        """An optional layer parameter per role (the role's key in the vocabulary, ROLE_PARAM_LABELS), of
        ``types`` (default: polygons); with ``other``, then OTHER_CONSTRAINTS: more constraint layers of any
        geometry."""
        types = list(types) if types is not None else [QgsProcessing.SourceType.TypeVectorPolygon]
        for role in roles:
            p = QgsProcessingParameterFeatureSource(
                ROLE_BY_ID[role].param, self.tr(ROLE_PARAM_LABELS[role]), types, optional=True)
            label = self.tr(ROLE_PARAM_LABELS[role])
            p.setHelp(self.tr(ROLE_HELP[ROLE_BY_ID[role].kind]).format(label[:1].lower() + label[1:]))
            self.addParameter(p)
        if other:
            self.addParameter(QgsProcessingParameterMultipleLayers(
                "OTHER_CONSTRAINTS", self.tr("Other constraint layers"), QgsProcessing.SourceType.TypeVectorAnyGeometry,
                optional=True))

    def add_field_parameters(self, parent: str, keys, labels: dict | None = None):
        """An optional field parameter of layer ``parent`` per field key, named and labelled as in
        core.inputs.roles.FIELD_TABLE; ``labels``: key → N_("label") where this algorithm says more."""
        for key in keys:
            p = QgsProcessingParameterField(
                FIELD_PARAM[key], self.tr((labels or {}).get(key, FIELD_LABEL[key])), None, parent, optional=True)
            p.setHelp(self.tr(FIELD_HELP).format(self.tr(FIELD_WHAT[key]), ", ".join(CANDIDATES[key][:6])))
            self.addParameter(p)

    def field_overrides(self, parameters, context, keys) -> dict:
        """field key → the field the user chose for it (None: detect it)."""
        return {key: self.field_choice(parameters, FIELD_PARAM[key], context) for key in keys}

    @staticmethod
    def require_field(fm, key: str, layer_name: str, fields):
        """Stop, naming the parameter to set and listing the layer's fields, when field ``key`` was neither
        chosen nor detected."""
        if fm.get(key) is None:
            raise MinePlanError(*field_not_found_pair(layer_name, key, FIELD_PARAM[key], fields))

    def add_area_method_parameter(self, name: str = "AREA_METHOD"):
        self.addParameter(QgsProcessingParameterEnum(
            name, self.tr("Area method"),
            [self.tr("Ellipsoidal (CGCS2000)"), self.tr("Planar (projected working CRS)")], defaultValue=0))

    def add_min_overlap_parameter(self, name: str = "MIN_OVERLAP_AREA"):
        self.addParameter(QgsProcessingParameterNumber(
            name, self.tr("Sliver tolerance: smallest overlap that counts (m²)"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=1.0, minValue=0.0))

    def add_app_type_parameter(self, name: str = "APPLICATION_TYPE"):
        """申请类型 used when no field gives it (default 新立); a field value always wins."""
        self.addParameter(QgsProcessingParameterEnum(
            name, self.tr("Application type when no field gives it (申请类型)"),
            [type_label(t) for t in APP_TYPES], defaultValue=0))

    def app_type_choice(self, parameters, context, name: str = "APPLICATION_TYPE") -> str:
        if name not in parameters or parameters.get(name) in (None, ""):
            return APP_TYPES[0]
        return APP_TYPES[self.parameterAsEnum(parameters, name, context)]

    def add_invalid_parameter(self, name: str = "INVALID_GEOMETRY"):
        self.addParameter(QgsProcessingParameterEnum(
            name, self.tr("Invalid geometries"),
            [self.tr("Repair (counted)"), self.tr("Skip (counted)"), self.tr("Stop with an error")], defaultValue=0))

    def role_layers(self, parameters, context, roles, other_key: str | None = "OTHER_CONSTRAINTS") -> list:
        """LayerInput for every role parameter given (parameter key = the role's key in the vocabulary),
        plus one ``other_<n>`` per layer of ``other_key``."""
        out = []
        for role in roles:
            key = ROLE_BY_ID[role].param
            if self.parameterDefinition(key) is None:
                continue
            src = self.source(parameters, key, context)
            if src is not None:
                out.append(LayerInput(role, src, self.source_name(parameters, key, context, src)))
        if other_key and self.parameterDefinition(other_key) is not None:
            others = self.parameterAsLayerList(parameters, other_key, context) or []
            for i, (lyr, name) in enumerate(zip(others, unique_names([category_name(o) for o in others])), start=1):
                out.append(LayerInput(f"other_{i}", lyr, name))
        return out

    def subject(self, parameters, key, context, keys, overrides: dict, role=None) -> Subject:
        """The features under review with their field map (user choices checked, the rest detected)."""
        source, name = self.required_source(parameters, key, context)
        fm = resolve_fields(source.fields(), name, keys, overrides)
        return Subject(source, name, fm, role)

    def field_choice(self, parameters, key, context) -> str | None:
        if key not in parameters:
            return None
        chosen = self.parameterAsFields(parameters, key, context)
        return chosen[0] if chosen else None

    def ruleset(self, parameters, context):
        value = self.parameterAsFile(parameters, self.RULESET, context) if self.RULESET in parameters else ""
        try:
            rs = load_ruleset(value or None)
        except RuleSetError as exc:
            get_logger().error(str(exc))
            raise QgsProcessingException(str(exc)) from None
        get_logger().info(f"{self.ALG_ID}: {rs.name} ({rs.path})")
        return rs

    def source(self, parameters, key, context):
        """parameterAsSource without processing's own invalid-geometry filter: every mineplan algorithm
        repairs, skips or stops on invalid geometries itself (INVALID_GEOMETRY) and counts them."""
        previous = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
        try:
            return self.parameterAsSource(parameters, key, context)
        finally:
            context.setInvalidGeometryCheck(previous)

    def required_source(self, parameters, key, context):
        """(source, readable name) of a required input; a clear error when it cannot be opened."""
        source = self.source(parameters, key, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, key))
        return source, self.source_name(parameters, key, context, source)

    def source_name(self, parameters, key, context, source=None) -> str:
        """A readable name for an input: the layer name, or 'layername=' of a path, else the file name."""
        value = parameters.get(key)
        if hasattr(value, "source") and hasattr(value.source, "staticValue"):   # QgsProcessingFeatureSourceDefinition
            value = value.source.staticValue()
        if isinstance(value, str) and "layername=" in value:
            return value.split("layername=")[1].split("|")[0]
        layer = self.parameterAsVectorLayer(parameters, key, context)
        if layer is not None and layer.name():
            return layer.name()
        if source is not None and hasattr(source, "sourceName"):
            return source.sourceName()
        return key

    @staticmethod
    def ruleset_help() -> str:
        return tr("RULESET: the plan rule file; empty means the bundled Lingbao plan. Every verdict cites the "
                  "clause of that plan it applies.")


GENERIC_LAYER_NAMES = {"geom", "geometry", "the_geom", "shape", "layer", "layer1", "layer_1", "ogrgeojson", "polygon",
                       "polygons", "multipolygon", "features", "data", "default", "output", "sheet1", "new layer",
                       "新建图层", "图层", "面", "线", "点"}


def category_name(layer) -> str:
    """Category name of an OTHER_CONSTRAINTS layer (shown as 压覆<name>): the layer's name, unless it is a
    placeholder a file format gives ('geom', 'OGRGeoJSON', 'Layer1' …); then the file's name (压覆.gpkg →
    压覆矿产… — never 压覆geom)."""
    name = (layer.name() or "").strip()
    if name and name.strip().lower() not in GENERIC_LAYER_NAMES:
        return name
    path = guards.layer_path(layer)
    if path:
        stem = os.path.splitext(os.path.basename(path))[0]
        if stem and stem.lower() not in GENERIC_LAYER_NAMES:
            return stem
    return name or "constraint"


def unique_names(names) -> list:
    """Layer names → unique category names (two layers called 'a' become 'a' and 'a (2)')."""
    out, seen = [], {}
    for n in names:
        n = n or "constraint"
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out
