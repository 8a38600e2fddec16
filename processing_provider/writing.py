"""What the mineplan algorithms write: output fields with Chinese aliases, checked sinks (every row, every
character, shapefile limits), the post-processor that styles a loaded result, the results viewer."""
from __future__ import annotations

import os
import time

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsVectorFileWriter,
)

from ..core.outputs.shapefile import SHP_NAME_BYTES, SHP_TEXT_BYTES, fit_bytes, shp_name, shp_renamed
from ..core.support.qtcompat import FIELD_TYPES, is_text_field, locale_codec_name
from ..rules import CanceledError, MinePlanError
from ..rules.validation.textcheck import clip_bytes, python_codec, unencodable
from . import guards

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


class OutputWriting:
    """Mixin of MinePlanAlgorithm: the outputs an algorithm declares and writes (sinks recorded for cleanup)."""

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
        encoding = None
        switch = _first_unencodable(names, rows, codec, explicit) if codec else None
        if switch is not None:
            _refuse_or_switch(key, switch, explicit, enc_name, feedback)
            encoding, codec = "UTF-8", "utf-8"
        cuts = _clip_for_dbase(names, rows, codec or "utf-8") if dest.is_shapefile else []
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
            _log_cuts(key, cuts, feedback)
        return dest_id

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


def _first_unencodable(names, rows, codec: str, explicit: bool):
    """(feature label or None for a field name, field, character) of the first text ``codec`` cannot store; with
    an explicitly chosen encoding the search stops at the first row that has one."""
    switch = None
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
    return switch


def _refuse_or_switch(key: str, switch: tuple, explicit: bool, enc_name: str, feedback):
    """An encoding the user chose that cannot store the data stops the run; the system's default gives way to
    UTF-8, said in the log."""
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
    if feedback is not None:
        feedback.pushWarning(
            f"系统编码 {enc_name} 无法表示{where_zh}中的字符“{bad}”：输出 {key} 改用 UTF-8 写出（.cpg 注明） / "
            f"the system encoding {enc_name} cannot store the character '{bad}' of {where_en}: output {key} "
            f"is written as UTF-8 instead (stated in its .cpg)")


def _clip_for_dbase(names, rows, codec: str) -> list:
    """Text values cut to dBase's 254 bytes in place, with the mark; (label, field, full value) of every cut."""
    cuts = []
    for _geom, values, lab in rows:
        for i, v in enumerate(values):
            if isinstance(v, str):
                clipped, cut = clip_bytes(v, SHP_TEXT_BYTES, codec)
                if cut:
                    values[i] = clipped
                    cuts.append((lab, names[i], v))
    return cuts


def _log_cuts(key: str, cuts: list, feedback):
    if feedback is None:
        return
    feedback.pushWarning(
        f"输出 {key} 为 shapefile：{len(cuts)} 个文本值超过 {SHP_TEXT_BYTES} 字节，已截断并以“…[截断/truncated]”"
        f"标明，完整内容如下（或改用 GeoPackage 输出） / output {key} is a shapefile: {len(cuts)} text "
        f"value(s) longer than {SHP_TEXT_BYTES} bytes were cut and marked '…[截断/truncated]'; their full "
        f"text follows (or write a GeoPackage)")
    for lab, n, v in cuts:
        feedback.pushWarning(f"  {lab} · {n}: {v}")


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


def close_sink(sink):
    """Destroy a sink now (its file is flushed and closed) so that it can be removed."""
    try:
        from qgis.PyQt import sip
        if not sip.isdeleted(sink) and sip.ispyowned(sink):
            sip.delete(sink)
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


def drop_added_layer(path: str, layer: str):
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
