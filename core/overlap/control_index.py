"""The control lines as dissolved, buffered ConstraintIndexes in a working CRS, and the pieces of them that
touch a geometry: what the siting and avoidance engines subtract."""
from __future__ import annotations

import time

from qgis.core import QgsGeometry

from ...rules.model.errors import CanceledError
from ...rules.model.vocab import CONTROL_ROLES, ROLE_BY_ID
from ..geometry.clean import REPAIR, GeometryStats
from ..geometry.measure import checked_transform
from ..geometry.ops import make_valid
from ..inputs.field_names import ID_CANDIDATES, detect_field
from ..support.i18n import label
from .constraints import control_buffers
from .engine import ConstraintIndex


def is_control(role: str) -> bool:
    return role in CONTROL_ROLES or role.startswith("other_")


def control_name(layer) -> str:
    return ROLE_BY_ID[layer.role].zh if layer.role in CONTROL_ROLES else layer.name


def control_indexes(rs, controls, work_crs, tctx, invalid_mode: int = REPAIR, extra_buffer: float = 0.0,
                    feedback=None, stats: GeometryStats | None = None) -> list:
    """One dissolved ConstraintIndex per control layer in ``work_crs``, buffered by the rule file's keep-away
    distances (``buffer_m``; ``line_buffer_m`` for line and point layers) plus ``extra_buffer`` metres."""
    out = []
    for c in controls:
        t0 = time.perf_counter()
        line_buf, buf = control_buffers(rs, c.role)
        buf += extra_buffer
        line_buf = line_buf + extra_buffer if line_buf > 0 else 0.0
        id_field = c.id_field or detect_field(c.source.fields(), ID_CANDIDATES)
        idx = ConstraintIndex.from_source(c.source, c.role, control_name(c),
                                          checked_transform(c.crs, work_crs, tctx), id_field=id_field,
                                          invalid_mode=invalid_mode, dissolve=True, buffer_lines=line_buf,
                                          buffer_polygons=buf, feedback=feedback, stats=stats)
        if feedback is not None:
            if feedback.isCanceled():
                raise CanceledError()
            feedback.pushInfo(label(f"{idx.name}：{idx.feature_count} 个要素 → {idx.piece_count} 个索引块，"
                                    f"避让距离 {buf:g} 米，用时 {time.perf_counter() - t0:.2f} 秒",
                                    f"{idx.name}: {idx.feature_count} feature(s) → {idx.piece_count} indexed "
                                    f"piece(s), keep-away {buf:g} m, {time.perf_counter() - t0:.2f} s"))
        out.append(idx)
    return out


def touching_pieces(index: ConstraintIndex, geom: QgsGeometry, engine=None) -> list:
    """The pieces of an index whose interiors may meet ``geom`` (bbox, then a prepared intersects test), in the
    working CRS of ``geom``. An index in geographic mode (the dock's, when every layer is in EPSG:4490) keeps its
    pieces in degrees: ``geom`` is asked there and the pieces found are brought into the working CRS."""
    if index.geo is not None:
        return _touching_geo(index, geom)
    if engine is None:
        engine = QgsGeometry.createGeometryEngine(geom.constGet())
        engine.prepareGeometry()
    out = []
    for pi in index.index.intersects(geom.boundingBox()):
        p = index.pieces[pi]
        if engine.intersects(p.geom.constGet()):
            out.append(p.geom)
    return out


def _touching_geo(index: ConstraintIndex, geom: QgsGeometry) -> list:
    g = QgsGeometry(geom)
    g.transform(index.geo.from_work)
    engine = QgsGeometry.createGeometryEngine(g.constGet())
    engine.prepareGeometry()
    return [make_valid(index.geo.to_work_geom(index.pieces[pi].geom))
            for pi in index.index.intersects(g.boundingBox())
            if engine.intersects(index.pieces[pi].geom.constGet())]
