"""Loading constraint and zone layers into overlap indexes in one working CRS (shared by every
algorithm, the review pipeline and the docks).

Control lines (生态保护红线 …) are dissolved where features overlap (an area is counted once); zone layers
(重点开采区, 开采规划区块 …) are not, so every zone keeps its own share.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext

from ..rules.ruleset import ROLE_NAMES
from .areas import AreaContext, geographic_extent, make_area_context
from .geometry import GeometryStats
from .i18n import tr
from .layers import ID_CANDIDATES, MINERAL_CANDIDATES, NAME_CANDIDATES, detect_field
from .overlap import ConstraintIndex


@dataclass
class ConstraintInput:
    cat_id: str           # eco / farm / urban / reserve / other_1 …
    name: str             # shown in reasons (生态保护红线 or the layer's name)
    source: object        # QgsFeatureSource / QgsVectorLayer
    crs: object
    id_field: str | None = None


@dataclass
class ZoneLayer:
    role: str
    index: ConstraintIndex
    id_field: str | None
    name_field: str | None
    mineral_field: str | None


def build_area_context(method: int, input_source, constraints, context=None) -> AreaContext:
    pairs = [(input_source.sourceCrs(), input_source.sourceExtent())]
    pairs += [(c.crs, c.source.sourceExtent() if hasattr(c.source, "sourceExtent") else c.source.extent())
              for c in constraints]
    ext = geographic_extent(pairs, transform_context(context))
    return make_area_context(method, ext, input_source.sourceCrs())


def build_indexes(constraints, area_ctx: AreaContext, rs, invalid_mode: int, transform_context,
                  feedback=None, stats: GeometryStats | None = None) -> list:
    out = []
    for c in constraints:
        t0 = time.perf_counter()
        tr_ = QgsCoordinateTransform(c.crs, area_ctx.crs, transform_context)
        id_field = c.id_field or detect_field(c.source.fields(), ID_CANDIDATES)
        cat_rule = rs.control_category(c.cat_id) if rs is not None else None
        buffer_lines = 0.0
        if cat_rule is None and rs is not None:
            cat_rule = rs.control_category("other")
        if cat_rule is not None:
            buffer_lines = float(cat_rule.get("line_buffer_m", 0) or 0)
        # keep-away distance from the plan (0 = plain overlap): constraints are buffered before dissolving
        buf = float(cat_rule.get("buffer_m", 0) or 0) if cat_rule else 0.0
        idx = ConstraintIndex.from_source(c.source, c.cat_id, c.name, tr_, id_field=id_field,
                                          invalid_mode=invalid_mode, dissolve=True, buffer_lines=buffer_lines,
                                          buffer_polygons=buf, feedback=feedback, stats=stats)
        if feedback is not None:
            feedback.pushInfo(tr("{0}: {1} feature(s) → {2} indexed piece(s) in {3:.2f} s").format(
                c.name, idx.feature_count, idx.piece_count, time.perf_counter() - t0))
        out.append(idx)
    return out


def build_zone_layer(role: str, source, crs, area_ctx, transform_context, id_field=None, name_field=None,
                     invalid_mode=0, feedback=None, stats=None) -> ZoneLayer:
    fields = source.fields()
    if not id_field or fields.lookupField(id_field) < 0:
        id_field = detect_field(fields, ID_CANDIDATES)
    if not name_field or fields.lookupField(name_field) < 0:
        name_field = detect_field(fields, NAME_CANDIDATES, exclude=(id_field,) if id_field else ())
    mineral_field = detect_field(fields, MINERAL_CANDIDATES)
    tr_ = QgsCoordinateTransform(crs, area_ctx.crs, transform_context)
    attrs = [f for f in (id_field, name_field, mineral_field) if f]
    idx = ConstraintIndex.from_source(source, role, ROLE_NAMES[role][0], tr_, id_field=id_field, attr_fields=attrs,
                                      invalid_mode=invalid_mode, dissolve=False, feedback=feedback, stats=stats)
    return ZoneLayer(role, idx, id_field, name_field, mineral_field)


def transform_context(context=None) -> QgsCoordinateTransformContext:
    """The processing context's transform context (never the global project's: algorithms run on the
    context's project, in a background thread)."""
    return context.transformContext() if context is not None else QgsCoordinateTransformContext()
