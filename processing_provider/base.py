"""Shared base class of the mineplan algorithms: group, help, tr, rule-set parameter, fields."""
from __future__ import annotations

import os

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QIcon

from ..core.fields import resolve as resolve_fields
from ..core.i18n import N_, tr
from ..core.log import get_logger
from ..core.pipeline import LayerInput, Subject
from ..rules import CanceledError, MinePlanError, RuleSetError, load_ruleset
from ..rules.apptypes import type_label
from ..rules.vocab import APP_TYPES, ROLE_BY_ID

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg")

# parameter labels of the role layers (English source text, translated by tr where shown)
ROLE_PARAM_LABELS = {
    "eco": N_("Ecological protection red line (生态保护红线)"), "farm": N_("Permanent basic farmland (永久基本农田)"),
    "urban": N_("Urban development boundary (城镇开发边界)"), "reserve": N_("Nature reserves (自然保护地)"),
    "kexp": N_("Key exploration areas (重点勘查区)"), "kmin": N_("Key mining areas (重点开采区)"),
    "conc": N_("Concentrated mining areas (集中开采区)"), "eblk": N_("Exploration planning blocks (勘查规划区块)"),
    "mblk": N_("Mining planning blocks (开采规划区块)"), "kdev": N_("Key development areas (重点发展区域)"),
    "mining_rights": N_("Existing mining rights (采矿权)"), "exploration_rights": N_("Existing exploration rights (探矿权)"),
}

GROUPS = {
    "rules": N_("Rule set"),
    "checks": N_("Plan checks"),
    "review": N_("Plan review and indicators"),
    "data": N_("Data import"),
}

_TYPES = {"str": QVariant.String, "int": QVariant.Int, "double": QVariant.Double,
          "bool": QVariant.Int, "long": QVariant.LongLong}


def make_field(name: str, kind: str, alias: str = "", length: int = 0, precision: int = 0) -> QgsField:
    """ASCII snake_case field with a Chinese alias (users see the alias first)."""
    f = QgsField(name, _TYPES[kind], "", length, precision)
    if alias:
        f.setAlias(alias)
    return f


def fields_from(spec) -> QgsFields:
    out = QgsFields()
    for item in spec:
        out.append(make_field(*item))
    return out


class AliasPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Chinese field aliases and the style by verdict on a result layer when QGIS loads it (a dialog,
    ``runAndLoadResults``): aliases and styles live on the layer, not in the data provider, so a sink cannot
    carry them. Temporary outputs that are not loaded (``processing.run``) get both when their sink is
    created (see ``MinePlanAlgorithm.sink``)."""

    _alive: list = []    # post-processors must outlive the algorithm that created them

    def __init__(self, aliases: dict):
        super().__init__()
        self.aliases = aliases

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        from ..core.styles import style_result_layer
        style_result_layer(layer, self.aliases)

    @staticmethod
    def aliases_of(fields: QgsFields) -> dict:
        return {f.name(): f.alias() for f in fields if f.alias()}

    @classmethod
    def attach(cls, context, dest_id, fields: QgsFields):
        if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
            return None
        proc = cls(cls.aliases_of(fields))
        cls._alive.append(proc)
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(proc)
        return proc


class MinePlanAlgorithm(QgsProcessingAlgorithm):
    """Small base: subclasses set ``ALG_ID``, ``GROUP``, ``NAME`` (English source text) and implement
    ``initAlgorithm``/``processAlgorithm``/``help_text``."""

    ALG_ID = ""
    GROUP = "checks"
    NAME = ""
    RULESET = "RULESET"

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return tr(self.NAME)

    def group(self):
        return tr(GROUPS[self.GROUP])

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP

    def icon(self):
        return QIcon(ICON)

    def help_text(self) -> str:
        return ""

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return self.help_text()

    def shortDescription(self):  # noqa: N802 - QGIS API
        text = self.help_text()
        return text.split("\n")[0] if text else ""

    # ---- running ------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        """Runs ``process``; the engines' bilingual errors become processing errors (no traceback)."""
        try:
            return self.process(parameters, context, feedback)
        except MinePlanError as exc:
            get_logger().error(str(exc))
            raise QgsProcessingException(str(exc)) from None

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    # ---- shared parameters ---------------------------------------------------------------------------
    def add_ruleset_parameter(self):
        p = QgsProcessingParameterFile(
            self.RULESET, tr("Plan rule file (empty = bundled Lingbao 2021-2025 plan)"),
            behavior=QgsProcessingParameterFile.File, extension="", defaultValue=None, optional=True,
            fileFilter="YAML (*.yaml *.yml)")
        p.setHelp(tr("A plan rule file (YAML). Leave empty for the bundled 灵宝市矿产资源总体规划（2021-2025年）; "
                     "a bundled plan id such as lingbao_2021_2025 is accepted too."))
        self.addParameter(p)

    def add_area_method_parameter(self, name: str = "AREA_METHOD"):
        self.addParameter(QgsProcessingParameterEnum(
            name, self.tr("Area method"),
            [self.tr("Ellipsoidal (CGCS2000)"), self.tr("Planar (projected working CRS)")], defaultValue=0))

    def add_min_overlap_parameter(self, name: str = "MIN_OVERLAP_AREA"):
        self.addParameter(QgsProcessingParameterNumber(
            name, self.tr("Sliver tolerance: smallest overlap that counts (m²)"),
            QgsProcessingParameterNumber.Double, defaultValue=1.0, minValue=0.0))

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

    def add_number_outputs(self, pairs):
        """pairs: (output key, N_("label")) — the counts every algorithm returns."""
        for key, label in pairs:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def write_rows(self, parameters, key, context, source, extra_spec, rows, feedback=None):
        """Input features + the algorithm's fields (``rows``: (feature, [values])) into sink ``key``. Every
        write is checked: a row the sink refuses is an error naming the feature, never a silent loss."""
        out_fields = combine_fields(source.fields(), fields_from(extra_spec))
        sink, dest = self.sink(parameters, key, context, out_fields, source.wkbType(), source.sourceCrs())
        for feat, values in rows:
            if feedback is not None and feedback.isCanceled():
                raise CanceledError()
            out = QgsFeature(out_fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(list(feat.attributes()) + list(values))
            add_checked(sink, out, feat.id())
        return dest

    # ---- role layers --------------------------------------------------------------------------------
    def role_layers(self, parameters, context, roles, other_key: str | None = "OTHER_CONSTRAINTS") -> list:
        """LayerInput for every role parameter given (parameter key = the role's key in the vocabulary),
        plus one ``other_<n>`` per layer of ``other_key``."""
        out = []
        for role in roles:
            key = ROLE_BY_ID[role].param
            if key not in self.parameterDefinitions_keys():
                continue
            src = self.source(parameters, key, context)
            if src is not None:
                out.append(LayerInput(role, src, self.source_name(parameters, key, context, src)))
        if other_key and other_key in self.parameterDefinitions_keys():
            others = self.parameterAsLayerList(parameters, other_key, context) or []
            for i, (lyr, name) in enumerate(zip(others, unique_names([o.name() for o in others])), start=1):
                out.append(LayerInput(f"other_{i}", lyr, name))
        return out

    def parameterDefinitions_keys(self) -> set:  # noqa: N802 - helper next to the QGIS API
        return {p.name() for p in self.parameterDefinitions()}

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
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
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

    def sink(self, parameters, key, context, fields, wkb_type, crs):
        """parameterAsSink + Chinese aliases and the style by verdict on the result layer + a clear error when
        it fails. A layer QGIS loads on completion gets them from a post-processor; a temporary layer that is
        only returned (``processing.run``) gets them now, on the layer the context holds."""
        sink, dest = self.parameterAsSink(parameters, key, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        AliasPostProcessor.attach(context, dest, fields)
        temporary = context.temporaryLayerStore().mapLayer(dest) if dest else None
        if temporary is not None:
            from ..core.styles import style_result_layer
            style_result_layer(temporary, AliasPostProcessor.aliases_of(fields))
        return sink, dest

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


def add_checked(sink, feature, label):
    if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
        detail = sink.lastError() if hasattr(sink, "lastError") else ""
        raise MinePlanError(f"要素 {label} 无法写入输出（{detail}），已停止：结果不完整",
                            f"feature {label} could not be written to the output ({detail}); stopped: the result "
                            f"would be incomplete")


def unique_names(names) -> list:
    """Layer names → unique category names (two layers called 'a' become 'a' and 'a (2)')."""
    out, seen = [], {}
    for n in names:
        n = n or "constraint"
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def combine_fields(input_fields: QgsFields, extra: QgsFields) -> QgsFields:
    """Input fields first, then ours. An input field that has one of our names is kept under
    ``<name>_in`` (so re-running on an output never loses data or collides); core.fields reads the
    ``_in`` original back on a re-run."""
    ours = {f.name().lower() for f in extra}
    out = QgsFields()
    taken = {f.name().lower() for f in input_fields if f.name().lower() not in ours}
    for f in input_fields:
        g = QgsField(f)
        name = f.name()
        if name.lower() in ours:
            base = f"{name}_in"
            name, n = base, 2
            while name.lower() in ours or name.lower() in taken:
                name = f"{base}{n}"
                n += 1
            g.setName(name)
        taken.add(name.lower())
        out.append(g)
    for f in extra:
        out.append(f)
    return out


def log_geometry_details(feedback, details, limit: int = 20):
    """Report repaired/skipped geometries: the first ``limit`` by name, then a count."""
    shown = 0
    for layer, label, status, msg in details:
        if status not in ("repaired", "skipped"):
            continue
        if shown < limit:
            feedback.pushInfo(tr("{0}, feature {1}: invalid geometry {2} ({3})").format(
                layer, label, tr("repaired") if status == "repaired" else tr("skipped"), msg))
        shown += 1
    if shown > limit:
        feedback.pushInfo(tr("… and {0} more invalid geometries").format(shown - limit))
