"""What the feature dock shows — computed by the same review pipeline as the algorithms.

Runs in a QgsTask: layers are read through :class:`LayerSnapshot` (QgsVectorLayerFeatureSource taken in the
main thread); a prepared pipeline is cached between selections and rebuilt when a role layer, the layer
under review or a setting changes.

A selection on a layer under review (applications, planning blocks, existing rights, or a layer without a
role) is reviewed; a selection on a control-line or zone layer is described (category, id, area, clause)
with the features under review that overlap it — the reverse question.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from qgis.core import QgsFeatureRequest, QgsVectorLayerFeatureSource

from ..core.geometry.measure import checked_transform, distance_area
from ..core.inputs import field_map as F
from ..core.inputs.roles import ReviewSettings
from ..core.overlap.constraints import ConstraintInput, build_area_context
from ..core.overlap.engine import ConstraintIndex, prepare_block
from ..core.review.pipeline import LayerInput, ReviewOptions, ReviewPipeline, Subject, _Ctx, subject_keys
from ..rules.loader import load_ruleset
from ..rules.model.vocab import ARGUE, CONFLICT, CONTROL_ROLES, REVIEWED_ROLES, ROLE_BY_ID, ZONE_ROLES

MAX_DETAILED = 20
MAX_FEATURES = 5000
REVERSE_ROLES = tuple(r for r in CONTROL_ROLES + ZONE_ROLES if r not in REVIEWED_ROLES)


class LayerSnapshot:
    """Thread-safe read access to a vector layer (what the pipeline reads from a feature source)."""

    def __init__(self, layer):
        self.name = layer.name()
        self.layer_id = layer.id()
        self._fields = layer.fields()
        self._wkb = layer.wkbType()
        self.crs = layer.crs()
        self.extent = layer.extent()
        self._count = layer.featureCount()
        self._source = QgsVectorLayerFeatureSource(layer)

    def fields(self):
        return self._fields

    def wkbType(self):  # noqa: N802 - mirrors QgsFeatureSource
        return self._wkb

    def sourceCrs(self):  # noqa: N802
        return self.crs

    def sourceExtent(self):  # noqa: N802
        return self.extent

    def featureCount(self):  # noqa: N802
        return self._count

    def getFeatures(self, request=None):  # noqa: N802
        return self._source.getFeatures(request or QgsFeatureRequest())


def role_of(layer_id: str, settings: ReviewSettings) -> str | None:
    for role, lid in settings.roles.items():
        if lid == layer_id:
            return role
    return None


@dataclass
class ReverseFacts:
    """A selected control-line or zone feature: what it is and which features under review overlap it."""

    role: str
    label: str
    name: str | None
    area_m2: float | None
    clause: str
    overlapping: list = field(default_factory=list)     # (label, feature id, m², share of the reviewed feature)
    under_review: str = ""                               # name of the layer searched


class EngineCache:
    """A prepared pipeline, shared by successive dock tasks."""

    def __init__(self):
        self.lock = threading.Lock()
        self.key = None
        self.rs = None
        self.pipeline: ReviewPipeline | None = None
        self.role_layers = {}      # role → layer id
        self.generation = 0

    def invalidate(self):
        self.generation += 1

    def ensure(self, settings: ReviewSettings, snapshots: dict, subject: LayerSnapshot, subject_role_id,
               transform_context, feedback=None) -> ReviewPipeline:
        """(Re)build when the settings, the layers, the layer under review or their data changed. Call with
        ``lock`` held."""
        key = (settings.ruleset, settings.area_method, settings.min_overlap_area,
               tuple(sorted((r, s.layer_id) for r, s in snapshots.items())), subject.layer_id,
               tuple(sorted(settings.fields.items())), self.generation)
        if key == self.key and self.pipeline is not None:
            return self.pipeline
        self.rs = load_ruleset(settings.ruleset or None)
        overrides = settings.fields if subject_role_id == "proposed" else {}
        overrides = {k: v for k, v in overrides.items() if v and subject.fields().lookupField(v) >= 0}
        fm = F.resolve(subject.fields(), subject.name, subject_keys(), overrides)
        layers = [LayerInput(role, snap, snap.name) for role, snap in snapshots.items()]
        # lazy: the control lines are read where the selections are (a first selection on a county's 100k
        # farmland parcels reads the parcels around it, not the layer)
        options = ReviewOptions(area_method=settings.area_method, min_overlap_area=settings.min_overlap_area,
                                lazy=True)
        self.pipeline = ReviewPipeline(self.rs, Subject(subject, subject.name, fm, subject_role_id), layers, options,
                                       transform_context, feedback).prepare()
        self.role_layers = {role: snap.layer_id for role, snap in snapshots.items()}
        self.key = key
        return self.pipeline


def needs_avoidance(review) -> bool:
    """A feature the overlap check found in conflict with (or to be argued against) a control line."""
    return any(it.check == "overlap" and it.verdict in (CONFLICT, ARGUE) for it in review.decision.items)


def review_selection(pipeline: ReviewPipeline, fids, is_canceled=lambda: False, avoid: bool = False) -> list:
    """The selected features reviewed; with ``avoid``, each conflicting one also gets its 避让 result
    (``review.avoidance``), computed right after its review: the dock's control indexes are read around the
    feature just reviewed, so the avoidance sees exactly the patches the review measured."""
    from ..core.siting.avoid import avoid_for_review
    out = []
    request = QgsFeatureRequest().setFilterFids(list(fids)[:MAX_FEATURES])
    for feat in pipeline.subject.source.getFeatures(request):
        if is_canceled():
            return out
        review = pipeline.review(feat)
        review.avoidance = avoid_for_review(pipeline, review) if avoid and needs_avoidance(review) else None
        out.append(review)
    return out


def reverse_facts(rs, role: str, layer: LayerSnapshot, fids, under_review: LayerSnapshot | None, area_method: int,
                  transform_context, is_canceled=lambda: False) -> list:
    """For each selected feature of a control-line or zone layer: its id, name, ellipsoidal area, the plan's
    clause for that role, and the features of the layer under review that overlap it (largest first)."""
    fm = F.resolve(layer.fields(), layer.name, ("id", "name"))
    idx = fm.indexes(layer.fields())
    da = distance_area(layer.crs)
    clause = _role_clause(rs, role)
    index, to_work = None, None
    if under_review is not None:
        ctx = build_area_context(area_method, under_review, [ConstraintInput(role, layer.name, layer, layer.crs)],
                                 _Ctx(transform_context))
        ufm = F.resolve(under_review.fields(), under_review.name, ("id",))
        index = ConstraintIndex.from_source(under_review, "subject", under_review.name,
                                            checked_transform(under_review.crs, ctx.crs, transform_context),
                                            id_field=ufm.get("id"), dissolve=False)
        to_work = checked_transform(layer.crs, ctx.crs, transform_context)
    out = []
    for feat in layer.getFeatures(QgsFeatureRequest().setFilterFids(list(fids)[:MAX_FEATURES])):
        if is_canceled():
            return out
        g = feat.geometry()
        area = da.measureArea(g.makeValid() if not g.isGeosValid() else g) if not g.isNull() else None
        facts = ReverseFacts(role, str(F.value(feat, idx["id"]) or feat.id()), F.value(feat, idx["name"]), area,
                             clause, under_review=under_review.name if under_review is not None else "")
        if index is not None and not g.isNull():
            block = prepare_block(g, to_work)
            m = index.measure(block)
            for oi, a in sorted(m.per_owner.items(), key=lambda kv: -kv[1]):
                owner = index.owners[oi]
                own_area = owner.area or 1.0
                facts.overlapping.append((owner.ids[0], owner.attrs[0].get("__fid__") if owner.attrs else None,
                                          a, a / own_area))
        out.append(facts)
    return out


def _role_clause(rs, role: str) -> str:
    if role in CONTROL_ROLES:
        cat = rs.control_category(role) or {}
        return "; ".join(c for c in ((cat.get("mining") or {}).get("clause"),
                                     (cat.get("exploration") or {}).get("clause")) if c) \
            or rs.data["control_lines"]["clause"]
    return rs.zone_clause(role) if role in ZONE_ROLES else ""


__all__ = ["EngineCache", "LayerSnapshot", "MAX_DETAILED", "REVERSE_ROLES", "ReverseFacts", "needs_avoidance",
           "review_selection",
           "reverse_facts", "role_of", "ROLE_BY_ID"]
