"""The facts the feature dock shows — computed with the same engine as the algorithms.

Runs in a QgsTask: layers are read through QgsVectorLayerFeatureSource snapshots taken in the main
thread; built indexes are cached between selections and rebuilt when a role layer or a setting changes.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsVectorLayerFeatureSource

from ..rules import load_ruleset
from ..rules.policy import check_mineral_policy
from ..rules.scale import check_minimum_scale
from ..rules.verdicts import EXPLORATION, MINING, OK, parse_activity, review_verdict, worst
from ..rules.zones import block_counts, judge_zones
from .areas import geographic_extent, make_area_context
from .constraints import ConstraintInput, build_indexes, build_zone_layer
from .geometry import GeometryStats
from .layers import (
    ACTIVITY_CANDIDATES,
    CAPACITY_CANDIDATES,
    CAPACITY_UNIT_CANDIDATES,
    ID_CANDIDATES,
    MINERAL_CANDIDATES,
    NAME_CANDIDATES,
    RESERVES_CANDIDATES,
    RESERVES_UNIT_CANDIDATES,
    SCALE_CANDIDATES,
    detect_field,
)
from .overlap import PreparedBlock
from .review_overlap import CATEGORY_LABELS, measure_feature
from .roles import CONTROL_ROLES, ZONE_ROLES, ReviewSettings
from .zones import assign

MAX_DETAILED = 20
MAX_FEATURES = 5000
CANDIDATES = {"id": ID_CANDIDATES, "name": NAME_CANDIDATES, "mineral": MINERAL_CANDIDATES, "scale": SCALE_CANDIDATES,
              "capacity": CAPACITY_CANDIDATES, "capacity_unit": CAPACITY_UNIT_CANDIDATES,
              "reserves": RESERVES_CANDIDATES, "reserves_unit": RESERVES_UNIT_CANDIDATES,
              "activity": ACTIVITY_CANDIDATES}


class LayerSnapshot:
    """Thread-safe read access to a vector layer (what ConstraintIndex.from_source needs)."""

    def __init__(self, layer):
        self.name = layer.name()
        self.layer_id = layer.id()
        self._fields = layer.fields()
        self._wkb = layer.wkbType()
        self.crs = layer.crs()
        self.extent = layer.extent()
        self._source = QgsVectorLayerFeatureSource(layer)

    def fields(self):
        return self._fields

    def wkbType(self):  # noqa: N802 - mirrors QgsFeatureSource
        return self._wkb

    def sourceCrs(self):  # noqa: N802
        return self.crs

    def sourceExtent(self):  # noqa: N802
        return self.extent

    def getFeatures(self, request=None):  # noqa: N802
        from qgis.core import QgsFeatureRequest
        return self._source.getFeatures(request or QgsFeatureRequest())


@dataclass
class FeatureFacts:
    fid: int
    label: str
    activity: str
    has_geometry: bool
    overlap: object = None            # FeatureOverlap
    mineral: object = None
    overlap_ids: dict = field(default_factory=dict)   # cat_id → [(label, fid)]
    zones: object = None              # Assignment
    zone_check: object = None
    scale_check: object = None
    policy_check: object = None
    verdict: str = OK
    clauses: list = field(default_factory=list)


class EngineCache:
    """Indexes of the role layers, shared by successive dock tasks."""

    def __init__(self):
        self.lock = threading.Lock()
        self.key = None
        self.rs = None
        self.area_ctx = None
        self.control = []          # ConstraintIndex per control role given
        self.control_layers = {}   # cat_id → layer id
        self.zones = []            # ZoneLayer per zone role given
        self.zone_layers = {}      # role → layer id
        self.generation = 0

    def invalidate(self):
        self.generation += 1

    def ensure(self, settings: ReviewSettings, snapshots: dict, transform_context, feedback=None):
        """(Re)build when the settings, the layers or their data changed. Call with ``lock`` held."""
        key = (settings.ruleset, settings.area_method, tuple(sorted((r, s.layer_id) for r, s in snapshots.items())),
               self.generation)
        if key == self.key:
            return
        self.rs = load_ruleset(settings.ruleset or None)
        pairs = [(s.crs, s.extent) for s in snapshots.values()]
        ext = geographic_extent(pairs, transform_context)
        self.area_ctx = make_area_context(settings.area_method, ext)
        controls = [ConstraintInput(r, CATEGORY_LABELS[r], snapshots[r], snapshots[r].crs)
                    for r in CONTROL_ROLES if r in snapshots]
        stats = GeometryStats()
        self.control = build_indexes(controls, self.area_ctx, self.rs, 0, transform_context, feedback, stats)
        self.control_layers = {r: snapshots[r].layer_id for r in CONTROL_ROLES if r in snapshots}
        self.zones = [build_zone_layer(r, snapshots[r], snapshots[r].crs, self.area_ctx, transform_context,
                                       feedback=feedback, stats=stats) for r in ZONE_ROLES if r in snapshots]
        self.zone_layers = {r: snapshots[r].layer_id for r in ZONE_ROLES if r in snapshots}
        self.key = key


def feature_rows(layer, fids, settings: ReviewSettings):
    """Plain copies (main thread) of the selected features: (fid, geometry, {field key: value})."""
    fields = layer.fields()
    mapping = {}
    for key, cands in CANDIDATES.items():
        chosen = settings.fields.get(key)
        mapping[key] = chosen if chosen and fields.lookupField(chosen) >= 0 else detect_field(fields, cands)
    rows = []
    for f in layer.getFeatures(list(fids)[:MAX_FEATURES]):
        vals = {}
        for key, name in mapping.items():
            v = f.attribute(name) if name else None
            vals[key] = None if v is None or str(v) == "NULL" else v
        rows.append((f.id(), QgsGeometry(f.geometry()), vals))
    return rows, mapping


def compute_facts(cache: EngineCache, settings: ReviewSettings, rows, layer_crs, layer_name, transform_context,
                  is_canceled=lambda: False) -> list:
    rs = cache.rs
    to_work = QgsCoordinateTransform(layer_crs, cache.area_ctx.crs, transform_context)
    stats = GeometryStats()
    out = []
    assignments = []
    for fid, geom, vals in rows:
        if is_canceled():
            return out
        activity = parse_activity(vals.get("activity")) or MINING
        label = str(vals.get("id") or fid)
        if vals.get("name"):
            label += f" {vals['name']}"
        ov = measure_feature(geom, fid, label, to_work, cache.control, 0, layer_name, stats, rs, activity,
                             settings.min_overlap_area) if cache.control else None
        block = None
        if not geom.isNull() and not geom.isEmpty():
            g = QgsGeometry(geom).makeValid() if not geom.isGeosValid() else QgsGeometry(geom)
            g.transform(to_work)
            block = PreparedBlock(g)
        zones = assign(block, cache.zones) if cache.zones else None
        facts = FeatureFacts(fid, label, activity, block is not None, ov, zones=zones, mineral=vals.get("mineral"))
        if ov is not None:
            facts.overlap_ids = {k: v for k, v in ov.fids.items() if v}
        if activity != EXPLORATION:
            facts.scale_check = check_minimum_scale(rs, vals.get("mineral"), vals.get("scale"), vals.get("capacity"),
                                                    vals.get("capacity_unit"), vals.get("reserves"),
                                                    vals.get("reserves_unit"))
            facts.policy_check = check_mineral_policy(rs, vals.get("mineral"))
        out.append(facts)
        assignments.append(zones)
    counts = block_counts(rs, [a.hits if a is not None else {} for a in assignments], [f.activity for f in out])
    roles_given = tuple(z.role for z in cache.zones)
    for facts, bc in zip(out, counts):
        if facts.zones is not None:
            facts.zone_check = judge_zones(rs, facts.mineral, facts.activity, facts.zones.hits, bc,
                                           has_geometry=facts.has_geometry, roles_given=roles_given)
        verdicts, clauses = [], []
        for check in (facts.overlap, facts.scale_check, facts.policy_check, facts.zone_check):
            if check is None:
                continue
            verdicts.append(review_verdict(check.verdict))
            for c in (check.clause or "").split("; "):
                if c and c not in clauses:
                    clauses.append(c)
        facts.verdict = worst(verdicts) if verdicts else OK
        facts.clauses = clauses
    return out
