"""The one review pipeline (QGIS side): features under review → :class:`FeatureReview` objects.

It reads the features, measures them against the control lines and zones with the overlap engine,
gathers what other features say (one entity per 开采规划区块: every feature of the layer under review and
the existing rights, never a selection only), and asks ``rules.checks.decision.decide`` for the verdict.
``mineplan:compliancereview``, the single-check algorithms, the model and the feature dock all go
through here; nothing is joined back from child outputs and no field is ever added to user data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsWkbTypes

from ...rules.checks.controls import CategoryOverlap
from ...rules.checks.decision import (
    ALL_CHECKS,
    GEOM_NULL,
    GEOM_OK,
    GEOM_SKIPPED,
    GEOM_UNUSABLE,
    Decision,
    ReviewInput,
    decide,
    resolve_activity,
)
from ...rules.checks.siting import SitingFacts
from ...rules.model.apptypes import resolve_app_type
from ...rules.model.errors import CanceledError, MinePlanError
from ...rules.model.ruleset import RuleSet
from ...rules.model.vocab import CONTROL_ROLES, EXPLORATION, MINING, ROLE_BY_ID, ZONE_ROLES
from ..geometry.clean import NOT_POLYGON, REPAIR, GeometryStats, polygon_part, usable_polygon
from ..geometry.measure import ELLIPSOIDAL, AreaContext, checked_transform, extent_problem
from ..inputs import field_map as F
from ..overlap.constraints import ConstraintInput, LazyIndexes, build_area_context, build_indexes, build_zone_layer
from ..overlap.engine import ConstraintIndex, PreparedBlock, prepare_block
from .zones import LARGEST, Assignment, assign


@dataclass
class LayerInput:
    """A role layer given to the review: a feature source (or a thread-safe layer snapshot)."""

    role: str                 # eco, farm, …, other_1 …, kexp …, mining_rights, exploration_rights
    source: object
    name: str
    id_field: str | None = None
    name_field: str | None = None

    @property
    def crs(self):
        return self.source.sourceCrs()


@dataclass
class Subject:
    """The features under review: their source, name, role (dock) and field map."""

    source: object
    name: str
    fields: F.FieldMap
    role: str | None = None


@dataclass
class ReviewOptions:
    area_method: int = ELLIPSOIDAL
    min_overlap_area: float | None = None     # None = the rule file's tolerance
    invalid_mode: int = REPAIR
    zone_method: int = LARGEST
    activity: str | None = None               # an explicit activity parameter (mining/exploration)
    app_type: str | None = None               # 申请类型 when no field says it (None = 新立)
    required_controls: tuple | None = None    # None = the four statutory lines; () = only those given
    checks: tuple = ALL_CHECKS
    want_polygons: bool = False
    zone_id_field: str | None = None
    zone_name_field: str | None = None
    lazy: bool = False                        # the dock: control layers read where selections are, on demand


@dataclass
class FeatureReview:
    fid: int
    label: str
    name: str | None
    attrs: dict
    input: ReviewInput
    decision: Decision
    area_m2: float | None = None
    contributors: dict = field(default_factory=dict)   # category → [(constraint label, feature id)]
    polygons: list = field(default_factory=list)       # (category, constraint label, geometry in work CRS, m²)
    zones: Assignment | None = None
    feature: object = None                             # the QgsFeature reviewed (geometry for maps, output rows)
    added: PreparedBlock | None = None                 # 扩大范围: the part outside the matched right (work CRS)
    avoidance: object = None                           # the dock's 避让调整 (core.siting.avoid), when it was asked for

    @property
    def verdict(self) -> str:
        return self.decision.verdict

    @property
    def overlaps(self) -> list | None:
        return self.input.overlaps


class ReviewPipeline:
    """Prepare once (indexes of every role layer, the block context), then review features one by one."""

    def __init__(self, rs: RuleSet, subject: Subject, layers: list, options: ReviewOptions, transform_context,
                 feedback=None):
        self.rs = rs
        self.subject = subject
        self.layers = list(layers)
        self.options = options
        self.tctx = transform_context
        self.feedback = feedback
        self.stats = GeometryStats()          # constraint and zone layers
        self.subject_stats = GeometryStats()  # features under review
        self.area_ctx: AreaContext | None = None
        self.to_work = None
        self.control = []
        self.zone_layers = []
        self.block_entities: dict = {}        # (role, zone id) → {activity: set of entity keys}
        self.rights_idx: dict = {}            # activity → RightsIndex of the existing rights
        self.lazy: LazyIndexes | None = None  # the dock's on-demand control indexes
        self.core_idx: dict = {}              # category → ConstraintIndex of its core zones (None: no attribute)
        self.min_area = options.min_overlap_area if options.min_overlap_area is not None else rs.min_overlap_area()
        self._idx = None                      # field positions of the features under review (the first review)

    # ---- inputs ------------------------------------------------------------------------------------------
    def controls(self) -> list:
        return [lyr for lyr in self.layers if lyr.role in CONTROL_ROLES or lyr.role.startswith("other_")]

    def zones_given(self) -> list:
        return [lyr for lyr in self.layers if lyr.role in ZONE_ROLES]

    def rights(self) -> list:
        return [lyr for lyr in self.layers if lyr.role in ("mining_rights", "exploration_rights")]

    @property
    def needs_geometry(self) -> bool:
        return any(c in ("overlap", "zone", "siting", "right") for c in self.options.checks)

    @property
    def required_controls(self) -> tuple:
        if self.options.required_controls is not None:
            return self.options.required_controls
        return tuple(self.rs.data["control_lines"].get("required", CONTROL_ROLES))

    # ---- preparation ----------------------------------------------------------------------------------------
    def prepare(self):
        """Check the inputs (before anything is written), then build the indexes. Control lines are read
        where the features under review are (demand-driven; the whole layer when that is cheaper); the
        dock (``lazy``) reads them selection by selection. Zone and rights layers are read whole: the
        one-entity-per-block rule looks at every feature of the layer under review and every right."""
        if not self.needs_geometry:
            return self
        check_inputs(self.subject, self.layers, self.rs, self.tctx)
        controls = [ConstraintInput(c.role, c.name if c.role.startswith("other_") else ROLE_BY_ID[c.role].zh,
                                    c.source, c.crs, c.id_field) for c in self.controls()]
        zone_inputs = [ConstraintInput(z.role, z.name, z.source, z.crs) for z in self.zones_given()]
        self.area_ctx = build_area_context(self.options.area_method, self.subject.source, controls + zone_inputs,
                                           _Ctx(self.tctx), with_demand=not self.options.lazy)
        for zh, en in self.area_ctx.warnings:
            if self.feedback is not None:
                self.feedback.pushWarning(f"{zh} / {en}")
        self.to_work = checked_transform(self.subject.source.sourceCrs(), self.area_ctx.crs, self.tctx)
        if not self.area_ctx.crs.isValid() or not self.to_work.isValid():
            # an invalid transform is a silent no-op: every area would be wrong
            src = self.subject.source.sourceCrs()
            detail = (f"{src.authid() or src.description() or '—'} → {self.area_ctx.crs.toProj() or '—'}; "
                      f"work CRS valid: {self.area_ctx.crs.isValid()}, source CRS valid: {src.isValid()}")
            raise MinePlanError(f"无法将图层 {self.subject.name} 转换到工作坐标系（{detail}），未计算任何面积",
                                f"layer {self.subject.name} cannot be transformed to the working CRS ({detail}); "
                                f"nothing computed")
        if "overlap" in self.options.checks and controls:
            if self.options.lazy:
                self.lazy = LazyIndexes(controls, [], self.area_ctx, self.rs, self.options.invalid_mode, self.tctx,
                                        self.stats)
            else:
                for c in controls:
                    self.control += build_indexes([c], self.area_ctx, self.rs, self.options.invalid_mode, self.tctx,
                                                  self.feedback, self.stats)
                    self._layer_done()
        self._check_canceled()
        if "zone" in self.options.checks or "siting" in self.options.checks:
            for z in self.zones_given():
                zid = self.options.zone_id_field or z.id_field
                zname = self.options.zone_name_field or z.name_field
                self.zone_layers.append(build_zone_layer(z.role, z.source, z.crs, self.area_ctx, self.tctx, zid, zname,
                                                         self.options.invalid_mode, self.feedback, self.stats,
                                                         demand=False))
                self._layer_done()
        self._build_rights()
        self._build_core_zones()
        if "zone" in self.options.checks:
            self._build_block_context()
        return self

    def _layer_done(self):
        """Progress of the preparation: one more control or zone layer indexed (of those given); cancel point."""
        self._prepared = getattr(self, "_prepared", 0) + 1
        if self.feedback is not None:
            total = len(self.controls()) + len(self.zones_given()) + 1     # + rights and the block context
            self.feedback.setProgress(min(99.0, 100.0 * self._prepared / total))
        self._check_canceled()

    def _check_canceled(self):
        if self.feedback is not None and self.feedback.isCanceled():
            raise CanceledError()

    def _block_rules(self) -> dict:
        given = {zl.role for zl in self.zone_layers}
        return {r["role"]: r for r in self.rs.data.get("block_rules", []) or [] if r["role"] in given}

    def _build_rights(self):
        """Existing rights by activity, for matching continuing applications and the siting rules."""
        if not any(c in self.options.checks for c in ("siting", "right", "zone")):
            return
        for r in self.rights():
            act = MINING if r.role == "mining_rights" else EXPLORATION
            self.rights_idx[act] = RightsIndex(self.rs, r, self.area_ctx, self.tctx, self.options.invalid_mode,
                                               self.feedback, self.stats)
            self._check_canceled()

    def _build_core_zones(self):
        """核心保护区 features of the red line and nature-reserve layers, when the layer has a zoning attribute;
        None for a layer without one (the exploration verdict then says the core zone was not checked)."""
        cfg = self.rs.data["control_lines"].get("core_zone") or {}
        if "overlap" not in self.options.checks or not cfg:
            return
        for c in self.controls():
            if c.role not in (cfg.get("categories") or []):
                continue
            core = core_zone_source(c.source, cfg)
            if core is None:
                self.core_idx[c.role] = None
                continue
            tr_ = checked_transform(c.crs, self.area_ctx.crs, self.tctx)
            self.core_idx[c.role] = ConstraintIndex.from_source(core, c.role, c.name, tr_, dissolve=True,
                                                                invalid_mode=self.options.invalid_mode,
                                                                feedback=self.feedback, stats=self.stats)

    def _build_block_context(self):
        """Entities per planning block: every feature of the layer under review and every existing right."""
        rules = self._block_rules()
        if not rules:
            return
        layers = [zl for zl in self.zone_layers if zl.role in rules]
        sources = [(self.subject.source, self.subject.name, self.subject.fields, self.subject.role, None)]
        for r in self.rights():
            act = MINING if r.role == "mining_rights" else EXPLORATION
            sources.append((r.source, r.name, self.rights_idx[act].fields, r.role, act))
        for source, name, fm, role, fixed_act in sources:
            to_work = checked_transform(source.sourceCrs(), self.area_ctx.crs, self.tctx)
            idx = fm.indexes(source.fields())
            for feat in source.getFeatures(QgsFeatureRequest()):
                self._check_canceled()
                block, _, _ = self._work_geometry(feat.geometry(), to_work, name, str(feat.id()), count=False)
                if block is None:
                    continue
                act = fixed_act or self._activity(feat, idx, role, name)[0] or MINING
                entity = _entity_key(feat, idx, name)
                if fixed_act is None and entity[0] == "feature" and act in self.rights_idx:
                    # an application that continues an existing right is that right's entity, not a second one
                    m, oi = self.rights_idx[act].match(block, F.value(feat, idx.get("licence", -1)))
                    if oi is not None:
                        entity = self.rights_idx[act].entity(oi)
                hits = assign(block, layers, self.options.zone_method).hits
                for role_id, hit in hits.items():
                    if hit is not None:
                        self.block_entities.setdefault((role_id, hit.zone_id), {}).setdefault(act, set()).add(entity)

    def block_counts(self, hits: dict, activity: str) -> dict:
        out = {}
        for role_id, rule in self._block_rules().items():
            hit = hits.get(role_id)
            want = rule.get("activity", "any")
            if hit is None or want not in ("any", activity):
                continue
            by_act = self.block_entities.get((role_id, hit.zone_id), {})
            entities = set().union(*by_act.values()) if want == "any" else by_act.get(want, set())
            out[role_id] = max(len(entities), 1)
        return out

    # ---- one feature ------------------------------------------------------------------------------------------
    def _activity(self, feat, idx, role, layer_name):
        raw = F.value(feat, idx.get("activity", -1))
        return resolve_activity(raw, self.options.activity, role, layer_name)

    def _work_geometry(self, geom: QgsGeometry, to_work, layer_name: str, label: str, count: bool = True):
        """(PreparedBlock or None, geometry status, note) of a feature in the working CRS."""
        stats = self.subject_stats if count else None
        g, status, why = usable_polygon(geom, self.options.invalid_mode, layer_name, label, stats)
        if g is None:
            note = {GEOM_NULL: "", GEOM_SKIPPED: why,
                    NOT_POLYGON: f"不是面几何 {why} / not a polygon",
                    GEOM_UNUSABLE: f"{why}；修复后为空 / nothing left after repair"}[status]
            return None, GEOM_UNUSABLE if status == NOT_POLYGON else status, note
        g = QgsGeometry(g) if status == GEOM_OK else g
        try:      # densified when geographic (edges straight in degrees); never a silent 0 m²
            block = prepare_block(g, to_work, layer_name, label)
        except MinePlanError as exc:
            return None, GEOM_UNUSABLE, str(exc)
        if not block.area > 0:
            return None, GEOM_UNUSABLE, "面积为 0 / zero area"
        return block, status, ""

    def _subject_indexes(self):
        """Field positions of the features under review and the keys found (the same for every feature)."""
        got = self._idx
        if got is None:
            fm = self.subject.fields
            got = self._idx = (fm.indexes(self.subject.source.fields()), fm.found())
        return got

    def review(self, feat) -> FeatureReview:
        idx, found = self._subject_indexes()
        attrs = {k: F.value(feat, i) for k, i in idx.items()}
        label = _label(feat, idx)
        activity, act_source = self._activity(feat, idx, self.subject.role, self.subject.name)
        app_type, app_source, app_raw = resolve_app_type(attrs.get("app_type"), self.options.app_type)
        inp = ReviewInput(activity=activity, activity_source=act_source, attrs=attrs,
                          fields_found=found, required_controls=self.required_controls,
                          min_overlap_area=self.min_area, app_type=app_type, app_type_source=app_source,
                          app_type_raw=app_raw)
        out = FeatureReview(feat.id(), label, attrs.get("name"), attrs, inp, Decision(""), feature=feat)
        if self.needs_geometry:
            block, inp.geometry, inp.geometry_note = self._work_geometry(feat.geometry(), self.to_work,
                                                                         self.subject.name, label)
            if block is not None:
                out.area_m2 = block.area
                self._rights_facts(block, inp, out, activity or MINING)
                if self.lazy is not None:
                    self.control = self.lazy.controls([block])
                if "overlap" in self.options.checks and self.control:
                    inp.overlaps = self._measure(block, out)
                    inp.core_overlaps = self._core(block)
                if self.zone_layers:
                    out.zones = assign(block, self.zone_layers, self.options.zone_method)
                    inp.zone_hits = out.zones.hits
                    inp.block_counts = self.block_counts(out.zones.hits, activity or MINING)
                self._siting_facts(block, inp, out, activity or MINING)
            elif "zone" in self.options.checks and self.zone_layers:
                inp.zone_hits = {}
            if (self.control or self.lazy is not None) and inp.overlaps is None and block is None:
                inp.overlaps = []       # layers were given; the geometry is what is missing
            inp.zone_roles_given = tuple(zl.role for zl in self.zone_layers)
        out.decision = decide(self.rs, inp, self.options.checks)
        return out

    def _rights_facts(self, block: PreparedBlock, inp: ReviewInput, out: FeatureReview, activity: str):
        """The existing right a continuing application continues, and what it adds (扩大范围)."""
        rights = self.rights_idx.get(activity)
        if rights is None:
            return
        inp.match, oi = rights.match(block, inp.attrs.get("licence"))
        if oi is not None:
            added = rights.added_part(block, oi)
            inp.match.added_area_m2 = added.area if added is not None else 0.0
            out.added = added

    def _siting_facts(self, block: PreparedBlock, inp: ReviewInput, out: FeatureReview, activity: str):
        if "siting" not in self.options.checks or (not self.zone_layers and not self.rights_idx):
            return
        roles_given = tuple(zl.role for zl in self.zone_layers)
        shares = _role_shares(out.zones) if out.zones is not None else {}
        rights = self.rights_idx.get(MINING)
        same = rights.same_mineral_share(block, inp.attrs.get("mineral")) if rights is not None else None
        inp.siting = SitingFacts(shares, roles_given, same, rights is not None)
        added = getattr(out, "added", None)
        if inp.match is not None and inp.match.added_area_m2 is not None:
            a_shares = _role_shares(assign(added, self.zone_layers, self.options.zone_method)) \
                if added is not None and self.zone_layers else {}
            inp.added_siting = SitingFacts(a_shares, roles_given, None, rights is not None, inp.match.added_area_m2)
            if added is not None and self.control:
                inp.added_overlaps = {idx.cat_id: idx.measure(added).area for idx in self.control}
            elif self.control:
                inp.added_overlaps = {idx.cat_id: 0.0 for idx in self.control}

    def _core(self, block: PreparedBlock) -> dict | None:
        if not self.core_idx:
            return None
        return {cat: (idx.measure(block).area if idx is not None else None) for cat, idx in self.core_idx.items()}

    def _measure(self, block: PreparedBlock, out: FeatureReview) -> list:
        overlaps = []
        for idx in self.control:
            m = idx.measure(block, want_geoms=self.options.want_polygons)
            ids_fids = idx.contributors_with_fids(block, m) if m.area > 0 else []
            out.contributors[idx.cat_id] = ids_fids
            pct = 100.0 * m.area / block.area if block.area > 0 else None
            overlaps.append(CategoryOverlap(idx.cat_id, idx.name, m.area, pct, [lab for lab, _ in ids_fids]))
            if self.options.want_polygons and m.area > 0:
                for lab, pg, pa in idx.overlap_polygons(block, m):
                    out.polygons.append((idx.cat_id, lab, pg, pa))
        return overlaps

    def review_all(self, request: QgsFeatureRequest | None = None) -> list:
        total = self.subject.source.featureCount() or 1
        out = []
        for n, feat in enumerate(self.subject.source.getFeatures(request or QgsFeatureRequest())):
            self._check_canceled()
            out.append(self.review(feat))
            if self.feedback is not None:
                self.feedback.setProgress(100.0 * (n + 1) / total)
        return out


# ---- helpers ------------------------------------------------------------------------------------------------
class _Ctx:
    """Adapter: build_area_context wants something with transformContext()."""

    def __init__(self, tctx):
        self._tctx = tctx

    def transformContext(self):  # noqa: N802 - mirrors QgsProcessingContext
        return self._tctx


def _label(feat, idx: dict) -> str:
    v = F.value(feat, idx.get("id", -1))
    return str(v) if v is not None and str(v).strip() else str(feat.id())


def _entity_key(feat, idx: dict, layer_name: str):
    """Who holds a right or applies: the holder/applicant field when filled, else the feature itself."""
    holder = F.value(feat, idx.get("holder", -1))
    if holder is not None and str(holder).strip():
        return ("holder", str(holder).strip())
    return ("feature", layer_name, feat.id())


def subject_keys() -> tuple:
    return ("id", "name", "activity", "app_type", "holder", "licence") + F.ATTRIBUTE_KEYS + F.REVIEW_KEYS


def _role_shares(assignment: Assignment | None) -> dict:
    """role → share of the feature inside zones of that role (zones of one role do not overlap)."""
    if assignment is None:
        return {}
    return {role: min(sum(shares.values()), 1.0) for role, shares in assignment.shares.items()}


def check_inputs(subject: Subject, layers: list, rs, tctx):
    """Refuse, before anything is computed or written, what cannot give a right number: a layer without a CRS
    or with coordinates that cannot be on the Earth, a statutory control line or a zone layer that is not
    polygons, an 'other' constraint of lines or points without a keep-away distance."""
    for name, source in [(subject.name, subject.source)] + [(lyr.name, lyr.source) for lyr in layers]:
        ext = source.sourceExtent() if hasattr(source, "sourceExtent") else None
        problem = extent_problem(source.sourceCrs(), ext if ext is not None else None, name, tctx)
        if problem is None and not source.sourceCrs().isValid():
            problem = MinePlanError(f"图层 {name} 未定义坐标系", f"layer {name} has no CRS")
        if problem is not None:
            raise problem
    for lyr in layers:
        kind = QgsWkbTypes.geometryType(lyr.source.wkbType())
        if kind == QgsWkbTypes.GeometryType.PolygonGeometry or lyr.role in ("mining_rights", "exploration_rights"):
            continue
        if lyr.role.startswith("other_"):
            rule = rs.control_category("other") or {}
            if float(rule.get("line_buffer_m", 0) or 0) > 0 and kind in (QgsWkbTypes.GeometryType.LineGeometry,
                                                                        QgsWkbTypes.GeometryType.PointGeometry):
                continue
        what = QgsWkbTypes.geometryDisplayString(kind)
        raise MinePlanError(f"图层 {lyr.name}（{ROLE_BY_ID.get(lyr.role.split('_')[0], ROLE_BY_ID['other']).zh}）"
                            f"不是面图层（{what}），无法计算压覆面积",
                            f"layer {lyr.name} is not a polygon layer ({what}): overlap areas cannot be computed")


class _FilteredSource:
    """A feature source restricted by an expression (the core-zone features of a layer)."""

    def __init__(self, source, expression: str):
        self._source = source
        self._expression = expression

    def __getattr__(self, name):
        return getattr(self._source, name)

    def getFeatures(self, request=None):  # noqa: N802 - mirrors QgsFeatureSource
        req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
        req.combineFilterExpression(self._expression)
        return self._source.getFeatures(req)


def core_zone_source(source, cfg: dict):
    """The core-zone features of a layer (a zoning field found by name, core values by the rule file), or None
    when the layer has no such field."""
    fields = source.fields()
    from ..inputs.field_names import detect_field
    name = detect_field(fields, cfg.get("fields", []))
    if name is None:
        return None
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in cfg.get("values", []))
    expr = f'lower(trim("{name}")) IN ({values.lower()})'
    return _FilteredSource(source, expr)


class RightsIndex:
    """Existing rights of one activity: matched to continuing applications (licence number, else mutual
    overlap) and measured for the same-mineral share of deep or upper extensions."""

    def __init__(self, rs, layer: LayerInput, area_ctx, tctx, invalid_mode, feedback, stats):
        self.rs = rs
        self.name = layer.name
        self.fields = F.resolve(layer.source.fields(), layer.name, ("id", "licence", "mineral", "scale", "capacity",
                                                                    "holder", "method"))
        fm = self.fields
        attrs = [f for f in (fm.get("licence"), fm.get("mineral"), fm.get("scale"), fm.get("capacity"),
                             fm.get("holder"), fm.get("method")) if f]
        self.index = ConstraintIndex.from_source(layer.source, layer.role, layer.name,
                                                 checked_transform(layer.crs, area_ctx.crs, tctx),
                                                 id_field=fm.get("id") or fm.get("licence"), attr_fields=attrs,
                                                 invalid_mode=invalid_mode, dissolve=False, feedback=feedback,
                                                 stats=stats)
        self.min_mutual = float(((rs.data.get("existing_rights") or {}).get("match") or {})
                                .get("min_mutual_overlap", 0.5))
        self._pieces = None
        self._by_licence: dict = {}           # normalised licence number → owner indexes, made once
        for oi in range(len(self.index.owners)):
            lic = _norm_licence(self._attr(oi, "licence"))
            if lic:
                self._by_licence.setdefault(lic, []).append(oi)

    def _attr(self, oi: int, key: str):
        name = self.fields.get(key)
        owner = self.index.owners[oi]
        v = owner.attrs[0].get(name) if name and owner.attrs else None
        return None if v is None or str(v) in ("", "NULL") else v

    def entity(self, oi: int):
        holder = self._attr(oi, "holder")
        return ("holder", str(holder).strip()) if holder else ("feature", self.name, self.index.owners[oi].ids[0])

    def match(self, block: PreparedBlock, licence):
        """(RightMatch, owner index or None)."""
        from ...rules.checks.rights import AMBIGUOUS, NONE, RightMatch
        lic = _norm_licence(licence)
        if lic:
            hits = self._by_licence.get(lic, [])
            if len(hits) > 1:
                return RightMatch(AMBIGUOUS, [self.index.owners[oi].ids[0] for oi in hits], "licence"), None
            if hits:
                return self._matched(hits[0], "licence"), hits[0]
        m = self.index.measure(block)
        best, best_share = None, 0.0
        for oi, a in m.per_owner.items():
            own = self.index.owners[oi].area or 0.0
            mutual = min(a / block.area, a / own) if block.area > 0 and own > 0 else 0.0
            if mutual >= self.min_mutual - 1e-12 and mutual > best_share:
                best, best_share = oi, mutual
        if best is None:
            return RightMatch(NONE), None
        return self._matched(best, "overlap"), best

    def _matched(self, oi: int, by: str):
        from ...rules.checks.rights import MATCHED, RightMatch
        return RightMatch(MATCHED, [self.index.owners[oi].ids[0]], by, self._attr(oi, "mineral"),
                          self._attr(oi, "scale"), self._attr(oi, "capacity"), method=self._attr(oi, "method"))

    def added_part(self, block: PreparedBlock, oi: int) -> PreparedBlock | None:
        """The part of the application outside the matched right, or None when nothing is added."""
        if self._pieces is None:
            self._pieces = {}
            for p in self.index.pieces:
                self._pieces.setdefault(p.owner, []).append(p.geom)
        g = QgsGeometry(block.geom)
        for piece in self._pieces.get(oi, []):
            if g.boundingBox().intersects(piece.boundingBox()):
                g = g.difference(piece)
        g = polygon_part(g)
        if g.isNull() or g.isEmpty() or g.area() <= 0:
            return None
        return PreparedBlock(g)

    def same_mineral_share(self, block: PreparedBlock, mineral_text) -> float:
        mineral = self.rs.minerals.resolve(mineral_text) if mineral_text not in (None, "") else None
        if mineral is None or block.area <= 0:
            return 0.0
        m = self.index.measure(block)
        same = 0.0
        for oi, a in m.per_owner.items():
            other = self.rs.minerals.resolve(self._attr(oi, "mineral"))
            if other is not None and (other.name == mineral.name or self.rs.minerals.matches(mineral, other.name)):
                same += a
        return min(same / block.area, 1.0)


def _norm_licence(value) -> str:
    if value is None:
        return ""
    return "".join(ch for ch in str(value).upper() if ch.isalnum())
