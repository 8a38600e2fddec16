"""Shared base class of the mineplan algorithms: group, help, tr, rule-set parameter, fields."""
from __future__ import annotations

import os
import shutil
import time
import traceback

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsVectorFileWriter,
)
from qgis.PyQt.QtGui import QIcon

from ..core.inputs.field_map import resolve as resolve_fields
from ..core.inputs.roles import FIELD_LABEL, FIELD_PARAM
from ..core.outputs.shapefile import SHP_NAME_BYTES, SHP_TEXT_BYTES, fit_bytes, shp_name, shp_renamed
from ..core.review.pipeline import LayerInput, Subject
from ..core.support.i18n import N_, tr
from ..core.support.log import get_logger
from ..core.support.messages import field_not_found_pair
from ..core.support.qtcompat import FIELD_TYPES, is_text_field, locale_codec_name
from ..rules import CanceledError, MinePlanError, RuleSetError, load_ruleset
from ..rules.model.apptypes import type_label
from ..rules.model.vocab import APP_TYPES, ROLE_BY_ID
from ..rules.validation.textcheck import clip_bytes, python_codec, unencodable
from . import guards

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

_TYPES = {**FIELD_TYPES, "bool": FIELD_TYPES["int"]}


def make_field(name: str, kind: str, alias: str = "", length: int = 0, precision: int = 0) -> QgsField:
    """ASCII snake_case field with a Chinese alias (users see the alias first). Text fields never get a length:
    QGIS refuses a whole row whose text is longer than its field ("String of length 300 exceeds maximum field
    length (200)"), so ids, names and reasons are unlimited (a shapefile's 254 bytes: see write_features)."""
    if kind == "str":
        length = 0
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
        from ..core.outputs.styles import style_result_layer
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
        """The algorithm's own icon (icons/<id>.svg: the toolbox, the results viewer and the toolbar tell the
        tools apart), else the plugin's."""
        own = os.path.join(os.path.dirname(ICON), "icons", f"{self.ALG_ID}.svg")
        return QIcon(own if os.path.exists(own) else ICON)

    def help_text(self) -> str:
        return ""

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return self.help_text()

    def shortDescription(self):  # noqa: N802 - QGIS API
        text = self.help_text()
        return text.split("\n")[0] if text else ""

    # ---- running ------------------------------------------------------------------------------------
    SUBJECT: str | None = None          # the layer under review: 乱码 there is an error (guards.check_mojibake)
    GEOMETRY_UNUSED: tuple = ()         # inputs whose geometry is not used (no CRS needed)

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        """Refuse, before the algorithm starts, what would overwrite an input, could not be written, has no
        CRS, lies off the Earth, has the wrong geometry type or cannot be read (乱码): see guards.py."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self.check_hostile(parameters, context)
        except (MinePlanError, QgsProcessingException) as exc:
            return False, str(exc) if isinstance(exc, MinePlanError) else exc.message()
        except Exception as exc:  # noqa: BLE001 - a check must never crash the dialog
            get_logger().warning("checkParameterValues: " + "".join(traceback.format_exception(exc)))
        return True, ""

    def check_hostile(self, parameters, context, feedback=None):
        guards.check_numbers(self, parameters, context)
        guards.check_paths(self, parameters, context)
        rs = None
        if parameters.get("OTHER_CONSTRAINTS") and self.parameterDefinition(self.RULESET) is not None:
            rs = self.ruleset(parameters, context)
        guards.check_layers(self, parameters, context, rs)
        guards.check_mojibake(self, parameters, context, feedback)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        """Runs ``process`` after the same checks as ``checkParameterValues`` (a model's child algorithm may
        be run without them). The engines' bilingual errors become processing errors; an unexpected error
        becomes a bilingual one too (the traceback goes to the MinePlan log, never in front of the user).
        On any error or a cancel, every output this run created is removed: nothing half-written is left."""
        self._sinks = []           # (sink, guards.Destination, existed before)
        self._placed = []          # files and folders this run created outside the sinks (reports)
        self._report_files = []    # the reports a planner opens (PDF, ODT, opinions): listed in the results viewer
        self._truncated = 0
        try:
            self.check_hostile(parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():
                # a cancel before the start: the step feedbacks made later would not see it
                raise CanceledError()
            results = self.process(parameters, context, feedback)
            if isinstance(results, dict) and any(isinstance(d, QgsProcessingParameterFeatureSink)
                                                 for d in self.parameterDefinitions()):
                results.setdefault("TRUNCATED_VALUES", self._truncated)
            self._sinks = []
            return results
        except MinePlanError as exc:
            self.cleanup()
            get_logger().error(str(exc))
            raise QgsProcessingException(str(exc)) from None
        except QgsProcessingException:
            self.cleanup()
            raise
        except Exception as exc:  # noqa: BLE001 - no traceback in front of a user
            self.cleanup()
            get_logger().error(f"{self.ALG_ID}: " + "".join(traceback.format_exception(exc)))
            raise QgsProcessingException(
                f"内部错误（{type(exc).__name__}: {exc}），未写出任何结果；详细信息见 QGIS 日志“MinePlan”页 / internal "
                f"error ({type(exc).__name__}: {exc}); nothing was written; details in the MinePlan tab of the QGIS "
                f"log") from None

    def process(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def cleanup(self):
        """Remove what this run wrote: sinks (a new file and its sidecars; a layer added to an existing
        dataset), then placed report files and folders."""
        sinks, self._sinks = getattr(self, "_sinks", []), []
        for sink, dest, existed in reversed(sinks):
            _close(sink)
            if not dest.path:
                continue
            try:
                if dest.layer and existed:
                    _drop_layer(dest.path, dest.layer)
                else:
                    for f in dest.files() + [dest.path + s for s in ("-wal", "-shm", "-journal")]:
                        if os.path.lexists(f):
                            os.remove(f)
            except OSError as exc:
                get_logger().warning(f"cleanup {dest.path}: {exc}")
        placed, self._placed = getattr(self, "_placed", []), []
        for path in reversed(placed):
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.lexists(path):
                    os.remove(path)
            except OSError as exc:
                get_logger().warning(f"cleanup {path}: {exc}")

    def make_dirs(self, folder: str):
        """Create ``folder`` and its missing parents, recorded for ``cleanup``."""
        missing = []
        f = os.path.abspath(folder)
        while f and not os.path.exists(f):
            missing.append(f)
            parent = os.path.dirname(f)
            if parent == f:
                break
            f = parent
        for d in reversed(missing):
            os.mkdir(d)
            self.placed(d)

    def write_html(self, path: str, text: str):
        """An HTML report next to the outputs (atomic; removed again if the run fails later)."""
        from ..core.support import html as H
        self.make_dirs(os.path.dirname(os.path.abspath(path)))
        existed = os.path.exists(path)
        H.write(path, text)
        if not existed:
            self.placed(path)

    def report_file(self, path: str):
        """Record a finished report file for the Processing results viewer (which lists only HTML outputs by
        itself: the PDF, the ODT and the per-application 审查意见书 would be missing)."""
        if not hasattr(self, "_report_files"):
            self._report_files = []
        self._report_files.append(path)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        """After a successful run, in the main thread: every report file into the results viewer."""
        files, self._report_files = getattr(self, "_report_files", []), []
        list_in_results_viewer(self, [f for f in files if os.path.isfile(f)])
        return {}

    def placed(self, path: str):
        """Record a file or folder this run created (removed again if the run fails or is canceled)."""
        if not hasattr(self, "_placed"):
            self._placed = []
        self._placed.append(path)

    # ---- shared parameters ---------------------------------------------------------------------------
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
            self.addParameter(QgsProcessingParameterFeatureSource(
                ROLE_BY_ID[role].param, self.tr(ROLE_PARAM_LABELS[role]), types, optional=True))
        if other:
            self.addParameter(QgsProcessingParameterMultipleLayers(
                "OTHER_CONSTRAINTS", self.tr("Other constraint layers"), QgsProcessing.SourceType.TypeVectorAnyGeometry,
                optional=True))

    def add_field_parameters(self, parent: str, keys, labels: dict | None = None):
        """An optional field parameter of layer ``parent`` per field key, named and labelled as in
        core.inputs.roles.FIELD_TABLE; ``labels``: key → N_("label") where this algorithm says more."""
        for key in keys:
            self.addParameter(QgsProcessingParameterField(
                FIELD_PARAM[key], self.tr((labels or {}).get(key, FIELD_LABEL[key])), None, parent, optional=True))

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

    def add_number_outputs(self, pairs):
        """pairs: (output key, N_("label")) — the counts every algorithm returns."""
        for key, label in pairs:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        self.add_truncation_output()

    def add_truncation_output(self):
        """TRUNCATED_VALUES: text values cut to fit a shapefile (254 bytes), each logged in full."""
        if "TRUNCATED_VALUES" not in {o.name() for o in self.outputDefinitions()}:
            self.addOutput(QgsProcessingOutputNumber(
                "TRUNCATED_VALUES", self.tr("Text values cut to fit the output format (shapefile: 254 bytes)")))

    def write_rows(self, parameters, key, context, source, extra_spec, rows, feedback=None):
        """Input features + the algorithm's fields (``rows``: (feature, [values]) or (feature, [values], label))
        into sink ``key``. Every write is checked (see :meth:`write_features`)."""
        dest = self.destination(parameters, key, context)
        codec = self.target_codec(parameters, key, context, dest)[0] or "utf-8"
        out_fields = combine_fields(source.fields(), fields_from(extra_spec), shapefile=dest.is_shapefile,
                                    codec=codec)
        prepared = []
        for row in rows:
            feat, values = row[0], row[1]
            prepared.append((feat.geometry(), list(feat.attributes()) + list(values),
                             row[2] if len(row) > 2 else feat.id()))
        return self.write_features(parameters, key, context, out_fields, source.wkbType(), source.sourceCrs(),
                                   prepared, feedback, names_ready=True)

    def destination(self, parameters, key, context) -> guards.Destination:
        return guards.parse_sink(key, guards.raw_destination(parameters, key, context))

    def target_codec(self, parameters, key, context, dest) -> tuple:
        """(Python codec, explicitly chosen, name) of the text a file output stores; (None, False, '') when the
        format stores UTF-8 whatever is asked (GeoPackage, GeoJSON …) or is not a file."""
        if not dest.path or not dest.driver:
            return None, False, ""
        md = QgsVectorFileWriter.MetaData()
        if QgsVectorFileWriter.driverMetadata(dest.driver, md) and md.compulsoryEncoding:
            return None, False, ""
        value = parameters.get(key)
        requested = ""
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            requested = str((value.createOptions or {}).get("fileEncoding") or "")
        explicit = bool(requested) and requested.lower() != "system"
        name = requested or context.defaultEncoding() or "System"
        system = locale_codec_name()
        return python_codec(name, system), explicit, name

    def write_features(self, parameters, key, context, fields, wkb_type, crs, rows, feedback=None,
                       names_ready: bool = False) -> str:
        """Create sink ``key`` and write ``rows`` ((geometry or None, [values], label)) — only after every value
        was checked, so that nothing is dropped or altered silently:

        * every write is checked (``add_checked``: a refused row stops the run, naming the feature);
        * a format that stores text in a chosen encoding (shapefile, CSV …) must be able to store every
          character: when the encoding was left at the system's, UTF-8 is used instead (said in the log), when
          it was chosen explicitly the run stops before writing, naming the feature, field and character;
        * a shapefile: fixed short field names (core.outputs.shapefile.shp_name), text cut to 254 bytes with an explicit
          mark, every cut counted (TRUNCATED_VALUES) and its full value written to the log.
        Cancel is honoured while writing; the half-written output is then removed (processAlgorithm)."""
        dest = self.destination(parameters, key, context)
        codec, explicit, enc_name = self.target_codec(parameters, key, context, dest)
        if dest.is_shapefile and not names_ready:
            fields = shapefile_fields(fields, codec or "utf-8")
        names = fields.names()
        switch = None
        if codec:
            for n in names:
                bad = unencodable(n, codec)
                if bad:
                    switch = switch or (None, n, bad)
            for _geom, values, lab in rows:
                for n, v in zip(names, values):
                    if isinstance(v, str):
                        bad = unencodable(v, codec)
                        if bad:
                            switch = switch or (lab, n, bad)
                            break
                if switch and explicit:
                    break
        encoding = None
        if switch is not None:
            lab, n, bad = switch
            where_zh = f"要素 {lab} 字段 {n} " if lab is not None else f"字段名 {n} "
            where_en = f"feature {lab}, field {n}" if lab is not None else f"field name {n}"
            if explicit:
                raise MinePlanError(
                    f"输出 {key} 的编码 {enc_name} 无法表示{where_zh}中的字符“{bad}”，写出会改变数据，已停止。请把输出编码"
                    f"设为 UTF-8，或输出为 GeoPackage (.gpkg)",
                    f"the encoding {enc_name} of output {key} cannot store the character '{bad}' of {where_en}; "
                    f"writing would change the data; stopped. Set the output encoding to UTF-8 or write a "
                    f"GeoPackage (.gpkg)")
            encoding, codec = "UTF-8", "utf-8"
            if feedback is not None:
                feedback.pushWarning(
                    f"系统编码 {enc_name} 无法表示{where_zh}中的字符“{bad}”：输出 {key} 改用 UTF-8 写出（.cpg 注明） / "
                    f"the system encoding {enc_name} cannot store the character '{bad}' of {where_en}: output {key} "
                    f"is written as UTF-8 instead (stated in its .cpg)")
        cuts = []
        if dest.is_shapefile:
            for _geom, values, lab in rows:
                for i, v in enumerate(values):
                    if isinstance(v, str):
                        clipped, cut = clip_bytes(v, SHP_TEXT_BYTES, codec or "utf-8")
                        if cut:
                            values[i] = clipped
                            cuts.append((lab, names[i], v))
        sink, dest_id = self.sink(parameters, key, context, fields, wkb_type, crs, encoding=encoding)
        for n, (geom, values, lab) in enumerate(rows):
            if feedback is not None and n % 64 == 0 and feedback.isCanceled():
                raise CanceledError()
            out = QgsFeature(fields)
            if geom is not None:
                out.setGeometry(geom)
            out.setAttributes(values)
            add_checked(sink, out, lab)
        if cuts:
            self._truncated = getattr(self, "_truncated", 0) + len(cuts)
            if feedback is not None:
                feedback.pushWarning(
                    f"输出 {key} 为 shapefile：{len(cuts)} 个文本值超过 {SHP_TEXT_BYTES} 字节，已截断并以“…[截断/truncated]”"
                    f"标明，完整内容如下（或改用 GeoPackage 输出） / output {key} is a shapefile: {len(cuts)} text "
                    f"value(s) longer than {SHP_TEXT_BYTES} bytes were cut and marked '…[截断/truncated]'; their full "
                    f"text follows (or write a GeoPackage)")
                for lab, n, v in cuts:
                    feedback.pushWarning(f"  {lab} · {n}: {v}")
        return dest_id

    # ---- role layers --------------------------------------------------------------------------------
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

    def sink(self, parameters, key, context, fields, wkb_type, crs, encoding: str | None = None):
        """parameterAsSink + Chinese aliases and the style by verdict on the result layer + a clear error when
        it fails. A layer QGIS loads on completion gets them from a post-processor; a temporary layer that is
        only returned (``processing.run``) gets them now, on the layer the context holds. The sink is
        recorded: a run that fails or is canceled removes what it wrote (``cleanup``). ``encoding``: the file
        encoding to use instead of the one asked for (see write_features)."""
        dest = self.destination(parameters, key, context)
        existed = bool(dest.path) and os.path.exists(dest.path)
        if dest.path:
            self.make_dirs(os.path.dirname(dest.path))       # QGIS does not create a missing folder
        params = _with_encoding(parameters, key, encoding) if encoding else parameters
        sink, dest_id = self.parameterAsSink(params, key, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        if not hasattr(self, "_sinks"):
            self._sinks = []
        self._sinks.append((sink, dest, existed))
        AliasPostProcessor.attach(context, dest_id, fields)
        temporary = context.temporaryLayerStore().mapLayer(dest_id) if dest_id else None
        if temporary is not None:
            from ..core.outputs.styles import style_result_layer
            style_result_layer(temporary, AliasPostProcessor.aliases_of(fields))
        return sink, dest_id

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
    if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
        detail = sink.lastError() if hasattr(sink, "lastError") else ""
        raise MinePlanError(f"要素 {label} 无法写入输出（{detail}），已停止：结果不完整",
                            f"feature {label} could not be written to the output ({detail}); stopped: the result "
                            f"would be incomplete")


def list_in_results_viewer(alg, files: list) -> int:
    """Add files to processing's results list (the Results Viewer panel opens each with the system's application).
    Without the processing plugin's GUI modules (a bare qgis_process) nothing happens."""
    if not files:
        return 0
    try:
        from processing.core.ProcessingResults import resultsList
    except ImportError:
        return 0
    stamp = time.localtime()
    for path in files:
        resultsList.addResult(icon=alg.icon(), name=f"{alg.displayName()}: {os.path.basename(path)}", timestamp=stamp,
                              result=path)
    return len(files)


def _close(sink):
    """Destroy a sink now (its file is flushed and closed) so that it can be removed."""
    try:
        from qgis.PyQt import sip
        if not sip.isdeleted(sink) and sip.ispyowned(sink):
            sip.delete(sink)
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


def _drop_layer(path: str, layer: str):
    """Remove one layer a failed run added to an existing dataset (the dataset's other layers stay)."""
    from osgeo import ogr
    ds = ogr.Open(path, 1)
    if ds is None:
        return
    for i in range(ds.GetLayerCount()):
        if ds.GetLayer(i).GetName() == layer:
            ds.DeleteLayer(i)
            break
    ds = None


def _with_encoding(parameters: dict, key: str, encoding: str) -> dict:
    """A copy of ``parameters`` whose output ``key`` is written in ``encoding``."""
    value = parameters.get(key)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        d = QgsProcessingOutputLayerDefinition(value.sink, value.destinationProject)
        d.destinationName = value.destinationName
        options = dict(value.createOptions or {})
    else:
        d = QgsProcessingOutputLayerDefinition(str(value))
        options = {}
    options["fileEncoding"] = encoding
    d.createOptions = options          # (a copy comes back from the attribute: assign the whole dict)
    out = dict(parameters)
    out[key] = d
    return out


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


def combine_fields(input_fields: QgsFields, extra: QgsFields, shapefile: bool = False,
                   codec: str = "utf-8") -> QgsFields:
    """Input fields first, then ours. An input field that has one of our names is kept under
    ``<name>_in`` (so re-running on an output never loses data or collides); core.inputs.field_map reads the
    ``_in`` original back on a re-run. Text fields lose their declared length (a longer value would make QGIS
    drop the row). For a shapefile every name is fixed here, within dBase's 10 bytes (core.outputs.shapefile.shp_name
    for ours; the user's cut and numbered, ``_in`` kept on a clash) instead of GDAL's unpredictable laundering."""
    if shapefile:
        extra = shapefile_fields(extra, codec)
    ours = {f.name().lower() for f in extra}
    out = QgsFields()
    taken = {f.name().lower() for f in input_fields if f.name().lower() not in ours}
    if shapefile:
        taken = {n for n in taken if len(n.encode(codec, errors="replace")) <= SHP_NAME_BYTES}
    for f in input_fields:
        g = _unlimited(QgsField(f), shapefile)
        name = f.name()
        if name.lower() in ours:
            if shapefile:
                name = shp_renamed(name, ours | taken, codec)
            else:
                base = f"{name}_in"
                name, n = base, 2
                while name.lower() in ours or name.lower() in taken:
                    name = f"{base}{n}"
                    n += 1
            g.setName(name)
        elif shapefile and len(name.encode(codec, errors="replace")) > SHP_NAME_BYTES:
            name = shp_renamed(name, ours | taken, codec, suffix="")
            g.setName(name)
        taken.add(name.lower())
        out.append(g)
    for f in extra:
        out.append(f)
    return out


def shapefile_fields(fields: QgsFields, codec: str = "utf-8") -> QgsFields:
    """Our fields under their fixed shapefile names (≤ 10 bytes), text at dBase's 254 bytes."""
    out = QgsFields()
    taken: set = set()
    for f in fields:
        g = _unlimited(QgsField(f), True)
        name = shp_name(f.name())
        if len(name.encode(codec, errors="replace")) > SHP_NAME_BYTES or name.lower() in taken:
            name = shp_renamed(fit_bytes(name, SHP_NAME_BYTES, codec), taken, codec, suffix="")
        g.setName(name)
        taken.add(name.lower())
        out.append(g)
    return out


def _unlimited(field: QgsField, shapefile: bool) -> QgsField:
    if is_text_field(field):
        field.setLength(SHP_TEXT_BYTES if shapefile else 0)
    return field


def log_input_problems(feedback, problems):
    """Every value the indicators could not use, one line each (bilingual), after a count."""
    if not problems or feedback is None:
        return
    feedback.pushWarning(f"规划指标：{len(problems)} 个输入值未使用（重复的许可证号、负数、非数值或非有限的产量、无效面积），"
                         f"相关指标的说明中已注明 / plan indicators: {len(problems)} input value(s) not used "
                         f"(duplicated licence numbers, negative, non-numeric or non-finite outputs, unusable areas); "
                         f"the indicators concerned say so in their note")
    for p in problems:
        feedback.pushWarning("  " + p.text())


def log_geometry_details(feedback, details, limit: int = 20):
    """Report repaired/skipped geometries: the first ``limit`` by name, then a count."""
    shown = 0
    for layer, label, status, msg in details:
        if status not in ("repaired", "skipped", "unusable"):
            continue
        if shown < limit:
            done = {"repaired": tr("repaired"), "skipped": tr("skipped"),
                    "unusable": tr("skipped: nothing polygonal was left after repair")}[status]
            feedback.pushInfo(tr("{0}, feature {1}: invalid geometry {2} ({3})").format(layer, label, done, msg))
        shown += 1
    if shown > limit:
        feedback.pushInfo(tr("… and {0} more invalid geometries").format(shown - limit))
