"""避让调整 — what is left of a feature when it avoids every control line (QGIS side).

For each feature (an application, a block, a right): remove its overlap with every control line (the four
statutory lines and any other constraint layer, buffered by the rule file's keep-away distances plus an
optional extra distance), then measure what is left: its ellipsoidal area, the share lost, the number of parts
and the largest one; and say what that means (codes in rules/model/vocab.py):

* 可避让 — the largest remaining part is at least the minimum area (a workable mine is left);
* 避让后破碎 — something is left, but only parts smaller than the minimum;
* 无法避让 — nothing is left;
* 无需避让 — the overlap is below the sliver tolerance: the feature is returned unchanged;
* 无几何 — the feature has no usable geometry.

The adjusted polygon can be written as a 部标 拐点坐标 file (CGCS2000 3° zone with prefix, points numbered) —
the inverse of ``mineplan:importcoordinates`` — and is re-read to measure the round-trip error.

API for the feature dock (one feature, reusing the dock's prepared review pipeline, no index rebuilt)::

    from mineplan.core.siting.avoid import avoid_for_review, add_to_scratch_layer
    result = avoid_for_review(pipeline, review)          # pipeline: ReviewPipeline, review: FeatureReview
    result.verdict, result.remaining_m2, result.lost_pct, result.part_count, result.largest_m2, result.reason()
    layer = add_to_scratch_layer([result], project)      # a memory layer "避让调整结果" (created once, reused)
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)

from ...rules.coordinates.export import ExportParcel, file_name, format_bubiao, zone_of_longitude
from ...rules.coordinates.parse import epsg_for, parse_bubiao
from ...rules.model.errors import CanceledError, MinePlanError
from ...rules.model.units import fmt
from ...rules.model.vocab import AVOIDABLE, FRAGMENTED, NO_AVOIDANCE, NO_GEOMETRY, UNAVOIDABLE
from ..geometry.clean import NOT_POLYGON, REPAIR, SKIPPED, UNUSABLE, GeometryStats, usable_polygon, validity_error
from ..geometry.measure import CGCS2000, checked_transform, distance_area, geographic_extent, gk_zone_crs
from ..geometry.ops import make_valid, parts, subtract, union
from ..overlap.constraints import control_rule
from ..overlap.control_index import control_indexes, is_control, touching_pieces
from ..overlap.engine import PreparedBlock
from ..support.qtcompat import FIELD_TYPES
from .engine import AREA_LABEL

SCRATCH_NAME = "避让调整结果"


@dataclass
class AvoidOptions:
    min_area: float = 10000.0      # m²: the smallest part that still makes a workable mine or block
    keep_away: float = 0.0         # m added to the rule file's keep-away distances
    largest_only: bool = False     # keep only the largest remaining part
    sliver: float | None = None    # m²: overlaps and parts below this are ignored (None: the rule file's tolerance)
    invalid_mode: int = REPAIR


@dataclass
class Removal:
    """What one control line took away from the feature."""

    cat_id: str
    name: str
    area_m2: float
    ids: list = field(default_factory=list)
    clause: str = ""


@dataclass
class AvoidResult:
    fid: object
    label: str
    verdict: str
    original_m2: float | None = None
    remaining_m2: float = 0.0
    part_count: int = 0
    largest_m2: float = 0.0
    min_area: float = 0.0
    removals: list = field(default_factory=list)
    geometry: QgsGeometry | None = None        # the adjusted polygon in ``crs`` (MultiPolygon); None: nothing left
    crs: QgsCoordinateReferenceSystem | None = None
    area_method: str = AREA_LABEL[0]
    note: str = ""                               # why a geometry is unusable (Chinese)
    note_en: str = ""
    work_geometry: QgsGeometry | None = None    # the usable original polygon in the avoider's working CRS

    @property
    def removed_m2(self) -> float:
        return max((self.original_m2 or 0.0) - self.remaining_m2, 0.0)

    @property
    def lost_pct(self) -> float | None:
        return 100.0 * self.removed_m2 / self.original_m2 if self.original_m2 else None

    @property
    def clause(self) -> str:
        seen = []
        for r in self.removals:
            for c in (r.clause or "").split("; "):
                if c and c not in seen:
                    seen.append(c)
        return "; ".join(seen)

    def removed_text(self, lang: str = "zh") -> str:
        if lang == "zh":
            return "；".join(f"{r.name} {fmt(r.area_m2, 2)} 平方米（图斑 {_ids(r.ids)}）" for r in self.removals)
        return "; ".join(f"{r.name} {fmt(r.area_m2, 2)} m² (patches {_ids(r.ids, ', ')})" for r in self.removals)

    def reason(self, lang: str = "zh") -> str:
        zh = lang == "zh"
        if self.verdict == NO_GEOMETRY:
            return (f"要素无可用几何{('（' + self.note + '）') if self.note else ''}，无法避让调整" if zh else
                    f"the feature has no usable geometry{(' (' + self.note_en + ')') if self.note_en else ''}")
        if self.verdict == NO_AVOIDANCE:
            return "未压覆所给控制线（或仅有小于容差的接边重叠），无需避让" if zh else \
                "no overlap with the given control lines (or only slivers below the tolerance): nothing to avoid"
        lost = f"{self.lost_pct:.2f}%" if self.lost_pct is not None else "—"
        if zh:
            head = f"扣除压覆{self.removed_text()}后剩余 {fmt(self.remaining_m2, 2)} 平方米（原 {fmt(self.original_m2, 2)} 平方米，" \
                   f"减少 {lost}）"
            if self.verdict == UNAVOIDABLE:
                return f"{head}：全部位于控制线内，无法避让"
            tail = f"，共 {self.part_count} 块，最大 {fmt(self.largest_m2, 2)} 平方米"
            if self.verdict == AVOIDABLE:
                return f"{head}{tail}，不小于最小面积 {fmt(self.min_area, 2)} 平方米：可避让"
            return f"{head}{tail}，均小于最小面积 {fmt(self.min_area, 2)} 平方米：避让后破碎"
        head = f"after removing {self.removed_text('en')}, {fmt(self.remaining_m2, 2)} m² are left (of " \
               f"{fmt(self.original_m2, 2)} m², {lost} lost)"
        if self.verdict == UNAVOIDABLE:
            return f"{head}: it lies entirely in control lines"
        tail = f" in {self.part_count} part(s), the largest {fmt(self.largest_m2, 2)} m²"
        if self.verdict == AVOIDABLE:
            return f"{head}{tail}, at least the minimum {fmt(self.min_area, 2)} m²: avoidable"
        return f"{head}{tail}, all below the minimum {fmt(self.min_area, 2)} m²: fragmented"


def _ids(ids, sep: str = "、", limit: int = 8) -> str:
    ids = [str(i) for i in ids]
    more = "" if len(ids) <= limit else (f" 等{len(ids)}个" if sep == "、" else f" … ({len(ids)})")
    return sep.join(ids[:limit]) + more


class Avoider:
    """Removes control-line overlaps from features. Build it for an algorithm run (``build``: indexes in a
    projected working CRS, ellipsoidal areas) or from the dock's review pipeline (``from_pipeline``)."""

    def __init__(self, rs, indexes, work_crs, tctx, measure, area_label, options: AvoidOptions | None = None):
        self.rs = rs
        self.indexes = indexes
        self.work_crs = work_crs
        self.tctx = tctx
        self.measure = measure
        self.area_label = area_label
        self.options = options or AvoidOptions()
        self.sliver = self.options.sliver if self.options.sliver is not None else rs.min_overlap_area()
        self.stats = GeometryStats()
        self._to_work: dict = {}

    @classmethod
    def build(cls, rs, controls, feature_crs, tctx, options: AvoidOptions | None = None, feedback=None,
              stats: GeometryStats | None = None) -> Avoider:
        """Indexes of the control layers (LayerInput) in the features' CRS when it is projected (the adjusted
        boundaries are then exact there), else in the CGCS2000 3° Gauss-Krüger zone of the data."""
        options = options or AvoidOptions()
        controls = [c for c in controls if is_control(c.role)]
        if feature_crs is not None and feature_crs.isValid() and not feature_crs.isGeographic():
            work = feature_crs
        else:
            ext = geographic_extent([(c.crs, c.source.sourceExtent()) for c in controls], tctx)
            work = gk_zone_crs(ext.center().x() if ext.isFinite() and not ext.isNull() else 111.0)
        stats = stats if stats is not None else GeometryStats()
        indexes = control_indexes(rs, controls, work, tctx, options.invalid_mode, options.keep_away, feedback, stats)
        da = distance_area(work)
        out = cls(rs, indexes, work, tctx, da.measureArea, AREA_LABEL, options)
        out.stats = stats
        return out

    @classmethod
    def from_pipeline(cls, pipeline, options: AvoidOptions | None = None) -> Avoider:
        """Reuse a prepared review pipeline's control-line indexes (equal-area working CRS: planar area there is
        the ellipsoidal area). The rule file's keep-away distances apply; ``options.keep_away`` is ignored."""
        if pipeline.area_ctx is None:
            raise MinePlanError("审查流程尚未准备（prepare），无法避让调整", "the review pipeline is not prepared")
        return cls(pipeline.rs, pipeline.control, pipeline.area_ctx.crs, pipeline.tctx, lambda g: g.area(),
                   (pipeline.area_ctx.label, pipeline.area_ctx.label_en), options)

    def _transform(self, src, dst) -> QgsCoordinateTransform:
        key = (src.authid() or src.toWkt(), dst.authid() or dst.toWkt())
        if key not in self._to_work:
            self._to_work[key] = checked_transform(src, dst, self.tctx)
        return self._to_work[key]

    def avoid(self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, label: str = "", fid=None) -> AvoidResult:
        """The avoidance result of one polygon given in ``crs``; the adjusted geometry is returned in ``crs``."""
        opts = self.options
        res = AvoidResult(fid, label, NO_GEOMETRY, min_area=opts.min_area, crs=crs, area_method=self.area_label[0])
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            res.note, res.note_en = "空或 NULL", "NULL or empty"
            return res
        g, status, why = usable_polygon(geometry, opts.invalid_mode, "", label, self.stats)
        if g is None:
            res.note, res.note_en = {
                NOT_POLYGON: (f"不是面几何（{why}）", f"not a polygon ({why})"),
                SKIPPED: (f"几何无效，已跳过（{why}）", f"invalid, skipped ({why})"),
                UNUSABLE: (f"几何无效且修复后为空（{why}）", f"invalid, nothing left after repair ({why})")}[status]
            return res
        g = QgsGeometry(g)
        same = crs == self.work_crs
        if not same:
            try:
                g.transform(self._transform(crs, self.work_crs))
            except QgsCsException as exc:
                res.note, res.note_en = f"无法转换坐标（{exc}）", f"cannot transform ({exc})"
                return res
            g = make_valid(g)
        block = PreparedBlock(g)
        res.work_geometry = g
        res.original_m2 = self.measure(g)
        if not res.original_m2 > 0:
            res.note, res.note_en = "面积为 0", "zero area"
            return res
        removed_pieces = []
        for idx in self.indexes:
            touching = touching_pieces(idx, g, block.engine)
            if not touching:
                continue
            inter = make_valid(g.intersection(union(touching)))
            a = self.measure(inter) if not inter.isEmpty() else 0.0
            if a < self.sliver:
                continue
            m = idx.measure(block)
            rule = control_rule(self.rs, idx.cat_id)
            clause = (rule.get("mining") or {}).get("clause") or self.rs.data["control_lines"]["clause"]
            res.removals.append(Removal(idx.cat_id, idx.name, a, idx.contributors(block, m), clause))
            removed_pieces += touching
        if not res.removals:
            res.verdict = NO_AVOIDANCE
            res.remaining_m2 = res.original_m2
            kept = parts(g)
            res.part_count = len(kept)
            res.largest_m2 = max((self.measure(p) for p in kept), default=0.0)
            res.geometry = _multi(QgsGeometry(geometry) if geometry.isGeosValid() else self._back(g, crs, same))
            return res
        left = subtract(g, removed_pieces)
        kept = [(p, self.measure(p)) for p in parts(left)]
        kept = [(p, a) for p, a in kept if a >= self.sliver]
        kept.sort(key=lambda pa: -pa[1])
        if opts.largest_only and kept:
            kept = kept[:1]
        res.part_count = len(kept)
        res.remaining_m2 = sum(a for _, a in kept)
        res.largest_m2 = kept[0][1] if kept else 0.0
        if not kept:
            res.verdict = UNAVOIDABLE
            return res
        res.verdict = AVOIDABLE if res.largest_m2 >= opts.min_area else FRAGMENTED
        adjusted = kept[0][0] if len(kept) == 1 else QgsGeometry.collectGeometry([p for p, _ in kept])
        res.geometry = _multi(self._back(adjusted, crs, same))
        return res

    def _back(self, g: QgsGeometry, crs, same: bool) -> QgsGeometry:
        out = QgsGeometry(g)
        if not same:
            out.transform(self._transform(self.work_crs, crs))
        return out

    def avoid_feature(self, feature, crs, label: str | None = None) -> AvoidResult:
        return self.avoid(feature.geometry(), crs, label if label is not None else str(feature.id()), feature.id())

    def avoid_all(self, source, label_of=None, feedback=None) -> list:
        """Every feature of a feature source; ``label_of(feature)`` names it (default: the feature id)."""
        total = source.featureCount() or 1
        out = []
        crs = source.sourceCrs()
        for n, feat in enumerate(source.getFeatures()):
            if feedback is not None:
                if feedback.isCanceled():
                    raise CanceledError()
                feedback.setProgress(100.0 * (n + 1) / total)
            out.append((feat, self.avoid_feature(feat, crs, label_of(feat) if label_of else None)))
        return out


def _multi(g: QgsGeometry) -> QgsGeometry:
    g = QgsGeometry(g)
    g.convertToMultiType()
    return g


# ---- the dock ----------------------------------------------------------------------------------------------------
def avoid_for_review(pipeline, review, options: AvoidOptions | None = None) -> AvoidResult:
    """The 避让 result of one feature the dock reviewed (``review``: core.review.pipeline.FeatureReview), computed with
    the pipeline's own control-line indexes (nothing is rebuilt: cheap, call it per feature in the dock's task).
    The adjusted polygon is in the reviewed layer's CRS."""
    avoider = Avoider.from_pipeline(pipeline, options)
    return avoider.avoid(review.feature.geometry(), pipeline.subject.source.sourceCrs(), review.label, review.fid)


def scratch_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind, alias in (("label", FIELD_TYPES["str"], "要素编号"), ("avoid_result", FIELD_TYPES["str"], "避让结论"),
                              ("remaining_m2", FIELD_TYPES["double"], "避让后面积(平方米)"),
                              ("lost_pct", FIELD_TYPES["double"], "面积减少(%)"), ("part_count", FIELD_TYPES["int"], "地块数"),
                              ("largest_m2", FIELD_TYPES["double"], "最大地块面积(平方米)"),
                              ("reason", FIELD_TYPES["str"], "说明")):
        f = QgsField(name, kind)
        f.setAlias(alias)
        fields.append(f)
    return fields


def _drop_labels(layer: QgsVectorLayer, labels: set) -> int:
    """Delete the scratch layer's polygons of these features (by label); the number deleted."""
    i = layer.fields().lookupField("label")
    old = [f.id() for f in layer.getFeatures() if i >= 0 and f[i] in labels]
    if old:
        layer.dataProvider().deleteFeatures(old)
    return len(old)


def add_to_scratch_layer(results, project, layer: QgsVectorLayer | None = None, name: str = SCRATCH_NAME):
    """Add the adjusted polygons of ``results`` (AvoidResult with a geometry) to a scratch memory layer: ``layer``
    when given and valid, else the project's layer called ``name`` created by an earlier call, else a new one added
    to ``project``. Geometries are transformed to the layer's CRS. Returns the layer (None when nothing to add)."""
    results = [r for r in results if r.geometry is not None and not r.geometry.isEmpty()]
    if not results:
        return layer
    if layer is None or not layer.isValid():
        found = [lyr for lyr in project.mapLayersByName(name) if isinstance(lyr, QgsVectorLayer)
                 and lyr.providerType() == "memory" and lyr.fields().lookupField("avoid_result") >= 0]
        layer = found[0] if found else None
    if layer is None:
        crs = results[0].crs
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid() or ''}", name, "memory")
        if not crs.authid():
            layer.setCrs(crs)
        layer.dataProvider().addAttributes(list(scratch_fields()))
        layer.updateFields()
        for i, f in enumerate(scratch_fields()):
            layer.setFieldAlias(i, f.alias())
        project.addMapLayer(layer)
    _drop_labels(layer, {r.label for r in results})      # added again: replaced, never a duplicate polygon
    feats = []
    for r in results:
        g = QgsGeometry(r.geometry)
        if r.crs is not None and r.crs != layer.crs():
            g.transform(checked_transform(r.crs, layer.crs(), project.transformContext()))
        f = QgsFeature(layer.fields())
        f.setGeometry(g)
        values = {"label": r.label, "avoid_result": r.verdict, "remaining_m2": round(r.remaining_m2, 2),
                  "lost_pct": None if r.lost_pct is None else round(r.lost_pct, 4), "part_count": r.part_count,
                  "largest_m2": round(r.largest_m2, 2), "reason": r.reason()}
        for k, v in values.items():
            i = layer.fields().lookupField(k)
            if i >= 0:
                f.setAttribute(i, v)
        feats.append(f)
    ok, _ = layer.dataProvider().addFeatures(feats)
    if not ok:
        raise MinePlanError("无法把避让结果加入临时图层", "could not add the adjusted polygons to the scratch layer")
    layer.updateExtents()
    layer.triggerRepaint()
    return layer


# ---- 部标 拐点坐标 export ------------------------------------------------------------------------------------------------
@dataclass
class ExportedFile:
    label: str
    path: str
    zone: int
    epsg: int                    # the prefixed CGCS2000 3° zone CRS the file's coordinates are in
    points: int
    max_error_mm: float          # largest distance between the adjusted polygon and the file's, re-read
    warnings: list = field(default_factory=list)
    fid: object = None


ENCODINGS = {"GBK": "gb18030", "UTF-8": "utf-8"}


def export_coordinates(results, folder: str, tctx, decimals: int = 2, encoding: str = "GBK", producer: str = "",
                       date: str | None = None, usage: str = "", name_suffix: str = "（避让调整）",
                       area_unit: str = "km2", suffix: str = "_拐点坐标.txt") -> list:
    """Write each result's adjusted polygon as a 部标 拐点坐标 file (one file per feature, CGCS2000 3° zone of its
    centroid, eastings with the zone prefix, ``decimals`` places) into ``folder``; re-read every file with the
    importer's parser and measure the round trip (``max_error_mm``). Returns the files written."""
    os.makedirs(folder, exist_ok=True)
    date = date if date is not None else datetime.date.today().isoformat()
    enc = ENCODINGS.get(encoding, encoding)
    out, used = [], set()
    for r in results:
        if r.geometry is None or r.geometry.isEmpty():
            continue
        to_geo = checked_transform(r.crs, CGCS2000, tctx)
        c = QgsGeometry(r.geometry.centroid())
        c.transform(to_geo)
        zone = zone_of_longitude(c.asPoint().x(), 3)
        target = QgsCoordinateReferenceSystem(f"EPSG:{epsg_for('CGCS2000', 3, zone, False)}")
        g = QgsGeometry(r.geometry)
        g.transform(checked_transform(r.crs, target, tctx))
        polygons = []
        for part in parts(g):
            rings = part.asPolygon()
            polygons.append([[(p.x(), p.y()) for p in ring[:-1]] for ring in rings])
        parcel = ExportParcel(str(len(out) + 1), f"{r.label}{name_suffix}", polygons, usage)
        text = format_bubiao([parcel], zone, decimals=decimals, producer=producer, date=date, area_unit=area_unit)
        base = file_name(r.label, suffix)
        fname, n = base, 2
        while fname.lower() in used:
            fname = base[:-len(suffix)] + f"_{n}{suffix}"
            n += 1
        used.add(fname.lower())
        path = os.path.join(folder, fname)
        back = parse_bubiao(text, path)
        warnings = []
        rebuilt = _rebuild(back.parcels[0], zone * 1e6 if back.prefixed else 0.0)
        if not rebuilt.isGeosValid():
            warnings.append((f"{fname}：按 {decimals} 位小数写出后边界无效（{validity_error(rebuilt)}），请检查",
                             f"{fname}: the outline is invalid after rounding to {decimals} decimals"))
        err = rebuilt.hausdorffDistance(g) * 1000.0 if not rebuilt.isEmpty() else float("nan")
        with open(path, "w", encoding=enc, newline="") as fh:
            fh.write(text)
        out.append(ExportedFile(r.label, path, zone, back.epsg, sum(len(rr) + 1 for rr in back.parcels[0].rings),
                                err, warnings, r.fid))
    return out


def _rebuild(parcel, offset: float) -> QgsGeometry:
    polys = []
    for rings in parcel.polygons:
        polys.append([[QgsPointXY(e - offset, n) for e, n in ring + ring[:1]] for ring in rings])
    if len(polys) == 1:
        return QgsGeometry.fromPolygonXY(polys[0])
    return QgsGeometry.fromMultiPolygonXY(polys)


__all__ = ["AvoidOptions", "AvoidResult", "Avoider", "ExportedFile", "Removal", "SCRATCH_NAME", "add_to_scratch_layer",
           "avoid_for_review", "export_coordinates", "scratch_fields"]
