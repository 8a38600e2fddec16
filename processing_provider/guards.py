"""What every mineplan algorithm refuses before anything is computed or written (issue #11).

Run from ``checkParameterValues`` (the dialog, ``processing.run`` and ``qgis_process`` call it before the
algorithm starts) and again at the start of ``processAlgorithm`` (a model's child algorithm may be run
without it). Each refusal is a bilingual :class:`MinePlanError`:

* an output (layer, report, folder) that is one of the inputs, the rule file or the report template —
  whatever its spelling (relative path, symbolic link, ``ogr:dbname=…`` into the input GeoPackage, the
  ``.dbf`` of an input shapefile) — or two outputs that are the same file;
* an output or report path that cannot be created or written (a missing parent that cannot be made, a
  parent that is a file, a directory given as a file, a read-only file);
* a layer whose geometry is used but which has no valid CRS, or whose extent cannot be on the Earth in its
  CRS (1e20, NaN, projected coordinates declared as degrees);
* a layer whose geometry type is not the parameter's (a point layer given as ECO_REDLINE through
  qgis_process, which does not check types); lines and points in OTHER_CONSTRAINTS only when the rule file
  buffers them (``line_buffer_m``);
* 乱码 (mojibake): a GBK shapefile read as UTF-8 and the like, in the field names or the text of the
  layer under review, or in the mineral field of a zone or rights layer (the mineral decides verdicts).
  Elsewhere it is a warning. The message says how to set the layer's encoding.
"""
from __future__ import annotations

import math
import os
import re
import tempfile

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorDestination,
    QgsProcessingParameterVectorLayer,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsWkbTypes,
)

from ..core.geometry.measure import extent_problem
from ..core.inputs import field_map as F
from ..core.support.qtcompat import is_text_field
from ..rules.model.errors import MinePlanError
from ..rules.model.vocab import ROLE_BY_ID
from ..rules.validation.textcheck import mojibake

SHP_FAMILY = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
MOJIBAKE_SAMPLE = 2000           # features read per layer to look for 乱码
_PROVIDER_KEY = re.compile(r"^([A-Za-z][\w-]+):(.*)$", re.S)


# ---- destinations -------------------------------------------------------------------------------------------
class Destination:
    """Where an output goes: a file (``path``; ``layer`` when it is a layer inside an existing dataset) or
    nothing on disk (memory, a database: ``path`` None)."""

    def __init__(self, key: str, raw: str, path: str | None = None, layer: str | None = None,
                 driver: str | None = None):
        self.key = key
        self.raw = raw
        self.path = path
        self.layer = layer
        self.driver = driver

    @property
    def is_shapefile(self) -> bool:
        return self.driver == "ESRI Shapefile"

    def files(self) -> list:
        """Every file the output writes (a shapefile is several)."""
        if not self.path:
            return []
        stem, ext = os.path.splitext(self.path)
        if ext.lower() in SHP_FAMILY:          # GDAL names the sidecars in the case of the given extension
            return [stem + (e.upper() if ext.isupper() else e) for e in SHP_FAMILY]
        return [self.path]


def raw_destination(parameters, key, context) -> str:
    """The destination as given (a path, TEMPORARY_OUTPUT, ``ogr:…``), read without
    ``parameterAsOutputLayer``: in a dialog that call registers the destination as a layer to load — a
    second, never-created result layer ("the following layers were not correctly generated")."""
    value = parameters.get(key)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        prop = value.sink
        if prop.propertyType() == QgsProperty.Type.StaticProperty:
            value = prop.staticValue()
        else:
            value = prop.valueAsString(context.expressionContext(), "")
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext(), "")
    return "" if value is None else str(value)


def parse_sink(key: str, raw) -> Destination:
    """A feature-sink destination string as processing understands it (3.22): ``memory:``/TEMPORARY_OUTPUT,
    ``ogr:dbname='…' table="…"``, ``postgres:…``, or a file path (default extension .gpkg)."""
    raw = "" if raw is None else str(raw)
    if not raw or raw == QgsProcessing.TEMPORARY_OUTPUT or raw.startswith("memory:"):
        return Destination(key, raw)
    m = _PROVIDER_KEY.match(raw)
    if m and len(m.group(1)) > 1:              # C:/… is a Windows path, not a provider key
        provider, uri = m.group(1), m.group(2)
        if provider != "ogr":
            return Destination(key, raw)       # a database: nothing on disk to compare or clean
        if "dbname=" in uri:                 # ogr:dbname='/x.gpkg' table="t" (geom)
            path, layer = _dbname(uri), _table(uri)
        else:                                  # ogr:/x.gpkg|layername=t
            parts = QgsProviderRegistry.instance().decodeUri("ogr", uri)
            path, layer = parts.get("path") or "", parts.get("layerName") or None
        if not path:
            return Destination(key, raw)
        return Destination(key, raw, _abs(path), layer, _driver_of(path))
    path = raw.split("|")[0]
    if not _driver_of(path):            # no or an unknown extension: QGIS writes <path>.gpkg
        path += ".gpkg"
    return Destination(key, raw, _abs(path), None, _driver_of(path))


def _dbname(uri: str) -> str:
    m = re.search(r"dbname='((?:[^'\\]|\\.)*)'", uri) or re.search(r"dbname=(\S+)", uri)
    return m.group(1) if m else ""


def _table(uri: str) -> str | None:
    m = re.search(r'table="((?:[^"\\]|\\.)*)"', uri) or re.search(r"table=(\S+)", uri)
    return m.group(1) if m else None


def _driver_of(path: str) -> str | None:
    ext = os.path.splitext(path)[1].lstrip(".").lower()
    if ext in ("shp", "dbf"):
        return "ESRI Shapefile"
    return QgsVectorFileWriter.driverForExtension(ext) or None


def _abs(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path))


def _real(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def same_file(a: str, b: str) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    return _real(a) == _real(b)


def _family(path: str) -> list:
    stem, ext = os.path.splitext(path)
    if ext.lower() in SHP_FAMILY:
        return [stem + e for e in SHP_FAMILY]
    return [path]


def overlaps(a: str, b: str) -> bool:
    """Two paths that write or read the same file (a shapefile's .dbf is part of its .shp)."""
    return any(same_file(x, y) for x in _family(a) for y in _family(b))


# ---- inputs ----------------------------------------------------------------------------------------------------
def layer_path(layer) -> str | None:
    """The file a map layer reads, or None (memory, database)."""
    if layer is None:
        return None
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:  # noqa: BLE001 - an unknown provider has no file to protect
        return None
    path = parts.get("path") or ""
    if not path and layer.providerType() == "spatialite":
        path = _dbname(layer.source())
    return _abs(path) if path and os.path.exists(path) else None


def input_files(alg, parameters, context) -> list:
    """(parameter key, path) of every file an input reads: layers, the rule file, a template, a coordinate file."""
    out = []
    for d in alg.parameterDefinitions():
        key = d.name()
        if d.isDestination() or parameters.get(key) in (None, ""):
            continue
        if isinstance(d, (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)):
            path = layer_path(alg.parameterAsVectorLayer(parameters, key, context))
            if path:
                out.append((key, path))
        elif isinstance(d, QgsProcessingParameterMultipleLayers):
            for lyr in alg.parameterAsLayerList(parameters, key, context) or []:
                path = layer_path(lyr)
                if path:
                    out.append((key, path))
        elif isinstance(d, QgsProcessingParameterFile):
            path = alg.parameterAsFile(parameters, key, context)
            if path and "\0" not in path and os.path.exists(path):
                out.append((key, _abs(path)))
    if alg.parameterDefinition("RULESET") is not None:
        from ..rules import resolve_ruleset_path
        try:
            raw = alg.parameterAsFile(parameters, "RULESET", context) if parameters.get("RULESET") else ""
            path = resolve_ruleset_path(raw or None)
            if path and os.path.exists(path) and ("RULESET", _abs(path)) not in out:
                out.append(("RULESET", _abs(path)))
        except Exception:  # noqa: BLE001 - a rule file that cannot be found is the rule loader's error
            pass
    return out


def outputs(alg, parameters, context) -> list:
    """Destination of every output parameter given (files and folders only)."""
    out = []
    for d in alg.parameterDefinitions():
        key = d.name()
        if not d.isDestination():
            continue
        value = parameters.get(key)
        if value in (None, ""):
            continue
        if isinstance(d, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)):
            dest = parse_sink(key, raw_destination(parameters, key, context))
        elif isinstance(d, (QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination)):
            path = raw_destination(parameters, key, context)
            if path == QgsProcessing.TEMPORARY_OUTPUT:
                continue
            dest = Destination(key, path or "", _abs(path) if path else None)
        else:
            continue
        if dest.path:
            out.append((d, dest))
    return out


# ---- the checks ----------------------------------------------------------------------------------------------------
def _reads_as(text: str, value: float) -> bool:
    """The text is a plain number and QGIS read it as that number (ASCII digits, a sign, a point, an exponent)."""
    t = text.strip()
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(nan|inf|infinity)", t, re.I):
        return False
    x = float(t)
    if not math.isfinite(x) or not math.isfinite(value):
        return x == value or (math.isnan(x) and math.isnan(value))
    return abs(x - value) <= 1e-12 * abs(x)


def check_numbers(alg, parameters, context):
    """Every number parameter is finite: "nan" passes QGIS's own minimum/maximum checks (every comparison with
    NaN is false) and would make every overlap "below the tolerance" or every buffer empty."""
    for d in alg.parameterDefinitions():
        if not isinstance(d, (QgsProcessingParameterNumber, QgsProcessingParameterDistance)):
            continue
        raw = parameters.get(d.name())
        if raw in (None, ""):
            continue
        value = alg.parameterAsDouble(parameters, d.name(), context)
        if isinstance(raw, str) and not _reads_as(raw, value):
            # QGIS reads "abc", "5 万吨" or full-width "１２" as 0 without a word: a capacity of 0 fails the scale
            raise MinePlanError(f"参数 {d.name()}（{d.description()}）的值“{raw}”不是数字",
                                f"parameter {d.name()} ({d.description()}): '{raw}' is not a number")
        if not math.isfinite(value):
            raise MinePlanError(f"参数 {d.name()}（{d.description()}）的值 {parameters.get(d.name())} 不是有限的数",
                                f"parameter {d.name()} ({d.description()}): {parameters.get(d.name())} is not a finite "
                                f"number")
        if d.maximum() < 1e300 and value > d.maximum() or value < d.minimum():
            raise MinePlanError(f"参数 {d.name()}（{d.description()}）的值 {value:g} 超出范围 {d.minimum():g}–{d.maximum():g}",
                                f"parameter {d.name()} ({d.description()}): {value:g} is outside {d.minimum():g}–"
                                f"{d.maximum():g}")


def check_paths(alg, parameters, context):
    """No output on an input, no two outputs on one file, every output writable."""
    if any("\0" in str(parameters.get(d.name()) or "") for d in alg.parameterDefinitions() if d.isDestination()):
        raise MinePlanError("输出路径含有 NUL 字符", "an output path contains a NUL character")
    ins = input_files(alg, parameters, context)
    outs = outputs(alg, parameters, context)
    for d, dest in outs:
        targets = [dest.path]
        if isinstance(d, QgsProcessingParameterFileDestination) and dest.path.lower().endswith((".html", ".htm")):
            targets.append(os.path.splitext(dest.path)[0] + "_files")
        for key, path in ins:
            if any(overlaps(t, path) or _inside(path, t) for t in targets):
                raise MinePlanError(
                    f"输出 {dest.key}（{dest.path}）与输入 {key}（{path}）是同一文件：写出会覆盖或改动输入数据，已拒绝。"
                    f"请另选输出路径",
                    f"output {dest.key} ({dest.path}) is the same file as input {key} ({path}): writing it would "
                    f"overwrite or change the input; refused. Choose another output path")
    for i, (_, a) in enumerate(outs):
        for _, b in outs[i + 1:]:
            if overlaps(a.path, b.path) and not (a.layer and b.layer and a.layer != b.layer):
                raise MinePlanError(f"输出 {a.key} 与 {b.key} 是同一文件（{a.path}）",
                                    f"outputs {a.key} and {b.key} are the same file ({a.path})")
    for d, dest in outs:
        folder = isinstance(d, QgsProcessingParameterFolderDestination)
        problem = writable(dest.path, folder=folder, existing_ok=dest.layer is not None)
        if problem:
            zh, en = problem
            raise MinePlanError(f"输出 {dest.key}（{dest.path}）无法写出：{zh}",
                                f"output {dest.key} ({dest.path}) cannot be written: {en}")
        if isinstance(d, QgsProcessingParameterFileDestination) and dest.path.lower().endswith((".html", ".htm")):
            img = os.path.splitext(dest.path)[0] + "_files"
            if os.path.exists(img) and not os.path.isdir(img):
                raise MinePlanError(f"报告 {dest.key} 的图片文件夹 {img} 已是一个文件",
                                    f"the picture folder {img} of report {dest.key} is a file")


def _inside(path: str, folder: str) -> bool:
    """``path`` lies inside ``folder`` (an input inside a report's picture folder)."""
    try:
        return os.path.commonpath([_real(path), _real(folder)]) == _real(folder) and _real(path) != _real(folder)
    except ValueError:
        return False


def writable(path: str, folder: bool = False, existing_ok: bool = False) -> tuple[str, str] | None:
    """(zh, en) why ``path`` cannot be created or written, else None. Probes the nearest existing folder
    with a temporary file (works for root and read-only mounts alike) and removes it."""
    if os.path.isdir(path) and not folder:
        return "这是一个文件夹", "it is a folder"
    name = os.path.basename(path)
    if len(name.encode("utf-8", errors="replace")) > 250:       # NAME_MAX 255, with room for .part / -journal
        return "文件名过长（超过 250 字节）", "the file name is too long (over 250 bytes)"
    if os.path.exists(path) and not os.path.isdir(path):
        if folder:
            return "这是一个文件，不是文件夹", "it is a file, not a folder"
        if not os.access(path, os.W_OK):
            return "文件为只读", "the file is read-only"
    parent = path if folder else os.path.dirname(path)
    probe_dir = parent
    while probe_dir and not os.path.exists(probe_dir):
        nxt = os.path.dirname(probe_dir)
        if nxt == probe_dir:
            break
        probe_dir = nxt
    if not probe_dir or not os.path.isdir(probe_dir):
        return f"上级路径 {probe_dir} 不是文件夹", f"{probe_dir} is not a folder"
    try:
        if probe_dir == parent:
            fd, probe = tempfile.mkstemp(prefix=".mineplan-probe-", dir=probe_dir)
            os.close(fd)
            os.remove(probe)
        else:
            probe = tempfile.mkdtemp(prefix=".mineplan-probe-", dir=probe_dir)
            os.rmdir(probe)
    except OSError as exc:
        return (f"无法在 {probe_dir} 中创建文件（{exc.strerror}）",
                f"nothing can be created in {probe_dir} ({exc.strerror})")
    return None


def check_layers(alg, parameters, context, rs=None):
    """CRS, extent and geometry type of every vector input whose geometry the algorithm uses."""
    unused = set(getattr(alg, "GEOMETRY_UNUSED", ()))
    for d in alg.parameterDefinitions():
        key = d.name()
        if d.isDestination() or parameters.get(key) in (None, "") or key in unused:
            continue
        if isinstance(d, (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)):
            source = alg.source(parameters, key, context)
            if source is None:
                continue
            name = alg.source_name(parameters, key, context, source)
            _check_layer(key, name, source, d.dataTypes(), context, rs, other=False)
        elif isinstance(d, QgsProcessingParameterMultipleLayers):
            for lyr in alg.parameterAsLayerList(parameters, key, context) or []:
                if not hasattr(lyr, "wkbType"):      # a raster or mesh: qgis_process does not check the type
                    raise MinePlanError(f"{key} 中的图层 {lyr.name()} 不是矢量图层", f"layer {lyr.name()} in {key} is "
                                        f"not a vector layer")
                _check_layer(key, lyr.name(), lyr, [d.layerType()], context, rs, other=key == "OTHER_CONSTRAINTS")


def _role_label(key: str) -> str:
    for role in ROLE_BY_ID.values():
        if getattr(role, "param", None) == key:
            return f"{key}（{role.zh}）"
    return key


def layer_not_opened(key, name, layer):
    """A MinePlanError naming a layer that failed to open (GDAL "unable to open database file", a missing
    file) and the provider's message, or None for a layer that opened (issue 21: not "has no CRS")."""
    valid = getattr(layer, "isValid", None)
    if valid is None or valid():
        return None
    why = ""
    try:
        prov = layer.dataProvider()
        why = prov.error().message() if prov is not None else ""
    except (AttributeError, RuntimeError):
        why = ""
    why = why or (layer.source() if hasattr(layer, "source") else "")
    return MinePlanError(f"图层 {name}（{key}）无法打开（数据源错误：{why}）：请检查文件是否存在、是否被占用",
                         f"layer {name} ({key}) could not be opened (provider error: {why}): check that the file "
                         f"exists and is not locked")


def _check_layer(key, name, source, types, context, rs, other: bool):
    problem = layer_not_opened(key, name, source)
    if problem is not None:
        raise problem
    wkb = source.wkbType()
    kind = QgsWkbTypes.geometryType(wkb)
    has_geometry = kind not in (QgsWkbTypes.GeometryType.NullGeometry,) and wkb != QgsWkbTypes.Type.NoGeometry
    types = [int(t) for t in (types or [])]
    polygon_only = types == [int(QgsProcessing.SourceType.TypeVectorPolygon)]
    what = QgsWkbTypes.displayString(wkb) or QgsWkbTypes.geometryDisplayString(kind)
    if polygon_only and kind != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise MinePlanError(f"作为 {_role_label(key)} 输入的图层 {name} 不是面图层（{what}）：此处需要面图层",
                            f"layer {name} given as {key} is not a polygon layer ({what}): a polygon layer is "
                            f"needed")
    if other and kind != QgsWkbTypes.GeometryType.PolygonGeometry:
        rule = (rs.control_category("other") or {}) if rs is not None else {}
        buffered = float(rule.get("line_buffer_m", 0) or 0) > 0
        if not (buffered and kind in (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PointGeometry)):
            raise MinePlanError(
                f"图层 {name}（{key}）不是面图层（{what}），且规则文件没有为线、点设定避让距离（line_buffer_m）：无法计算压覆面积",
                f"layer {name} ({key}) is not a polygon layer ({what}) and the rule file sets no keep-away "
                f"distance for lines and points (line_buffer_m): overlap areas cannot be computed")
    if not has_geometry:
        return
    crs = source.sourceCrs()
    if crs is None or not crs.isValid():
        raise MinePlanError(
            f"图层 {name}（{key}）未定义坐标系：无法计算面积和压覆。请在图层属性 → 源 中设置坐标系（灵宝数据通常为 "
            f"CGCS2000 3度带 EPSG:4546 或经纬度 EPSG:4490），shapefile 可补上 .prj 文件",
            f"layer {name} ({key}) has no CRS: areas and overlaps cannot be computed. Set its CRS (Layer "
            f"Properties → Source; the Lingbao data are usually CGCS2000 3° GK EPSG:4546 or EPSG:4490), or add "
            f"the shapefile's .prj")
    ext = source.sourceExtent() if hasattr(source, "sourceExtent") else None
    problem = extent_problem(crs, ext, name, context.transformContext())
    if problem is not None:
        raise problem


def check_mojibake(alg, parameters, context, feedback=None):
    """乱码 in the layer under review (field names and text) or in the mineral field of a zone or rights layer:
    an error naming the field, an example and how to set the encoding. Elsewhere a warning."""
    subject = getattr(alg, "SUBJECT", None)
    keys = {subject} if subject else set()
    for d in alg.parameterDefinitions():
        key = d.name()
        if d.isDestination() or parameters.get(key) in (None, ""):
            continue
        if not isinstance(d, (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)):
            continue
        source = alg.source(parameters, key, context)
        if source is None:
            continue
        mineral = _mineral_field(alg, parameters, key, context, source)
        strict_only = feedback is None and key not in keys
        if strict_only and mineral is None:
            continue      # only warnings could come of it, and there is no feedback to show them
        name = alg.source_name(parameters, key, context, source)
        # without a feedback (checkParameterValues), a layer not under review can only fail on its mineral field
        found = scan_layer(source, mineral_field=mineral, only=mineral if strict_only else None)
        found.sort(key=lambda hit: (not hit[4], hit[0] is not None))      # the mineral field first, then names
        layer = alg.parameterAsVectorLayer(parameters, key, context)
        used = layer.dataProvider().encoding() if layer is not None and layer.dataProvider() is not None else ""
        for field_name, sample, enc, fixed, is_mineral in found:
            strict = key in keys or is_mineral
            text = _mojibake_message(name, key, field_name, sample, enc, fixed, used)
            if strict:
                raise MinePlanError(*text)
            if feedback is not None:
                feedback.pushWarning(" / ".join(text))


def _mineral_field(alg, parameters, key, context, source) -> str | None:
    chosen = None
    if key == getattr(alg, "SUBJECT", None) and "MINERAL_FIELD" in parameters:
        chosen = alg.field_choice(parameters, "MINERAL_FIELD", context)
    if chosen and source.fields().lookupField(chosen) >= 0:
        return chosen
    return F.detect(source.fields(), "mineral")


def scan_layer(source, mineral_field=None, limit: int = MOJIBAKE_SAMPLE, only: str | None = None) -> list:
    """[(field name or None for the field names, example, probable encoding, text read that way, is mineral)]:
    one entry per field that shows 乱码 (the first example). ``only``: just the text of that field."""
    out = []
    for f in source.fields() if only is None else ():
        hit = mojibake(f.name())
        if hit:
            out.append((None, f.name(), hit[0], hit[1], False))
            break
    text_fields = [i for i, f in enumerate(source.fields()) if is_text_field(f)
                   and (only is None or f.name() == only)]
    if not text_fields:
        return out
    from qgis.core import QgsFeatureRequest
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes(text_fields)
    request.setLimit(limit)
    seen = set()
    names = source.fields().names()
    for feat in source.getFeatures(request):
        attrs = feat.attributes()
        for i in text_fields:
            if i in seen:
                continue
            v = attrs[i]
            if isinstance(v, str) and v:
                hit = mojibake(v)
                if hit:
                    seen.add(i)
                    out.append((names[i], v, hit[0], hit[1], names[i] == mineral_field))
        if len(seen) == len(text_fields):
            break
    return out


def _mojibake_message(layer, key, field_name, sample, enc, fixed, used="") -> tuple[str, str]:
    where_zh = f"字段名（例如“{sample}”）" if field_name is None else f"字段 {field_name} 的内容（例如“{sample}”）"
    where_en = f"the field names (e.g. '{sample}') are" if field_name is None else \
        f"the text of field {field_name} (e.g. '{sample}') is"
    read_zh = f"，按 {enc} 读应为“{fixed}”" if fixed else ""
    read_en = f"; read as {enc} it would be '{fixed}'" if fixed else ""
    return (f"图层 {layer}（{key}）的{where_zh}是乱码：文件编码与读取时所用的编码{f'（{used}）' if used else ''}不符{read_zh}，"
            f"矿种、名称等将无法识别。请在 QGIS 图层属性 → 源 → 数据源编码 中选择 {enc}（shapefile 也可在 .shp 旁放一个内容为 "
            f"{enc} 的同名 .cpg 文件，命令行 qgis_process 即可正确读取），或先另存为 GeoPackage",
            f"layer {layer} ({key}): {where_en} mojibake: the file's encoding is not the one it was read with"
            f"{f' ({used})' if used else ''}{read_en}; minerals and names cannot be recognised. Set Layer "
            f"Properties → Source → Data source encoding to {enc} (for a shapefile, a .cpg file with the same name "
            f"containing {enc} next to the .shp also works for qgis_process), or save it as GeoPackage first")


__all__ = ["Destination", "check_layers", "check_mojibake", "check_paths", "input_files", "outputs", "parse_sink",
           "same_file", "writable"]
