"""可布设区域分析 — where a new right of a mineral may be placed under the plan (QGIS side).

The rule file decides (``rules.checks.siting``: siting rules, zone requirements, forbidden minerals, one entity per
block, zone main minerals); this module does the geometry. The siting area is the set of places where a small
new right of the mineral would pass the review's siting, zone and control-line checks — the set expression is
written out in docs/siting.md:

    S = ⋂_rules ⋃{z of the rule's roles : z suits the mineral}          (siting_rules: 开采规划区块 or 集中开采区 …)
        ∩ ⋂_requirements ⋃{z of the requirement's roles}               (zone_requirements: 集中开采区 or 重点开采区)
        − ⋃{z of any zone layer : z states main minerals, none suits}   (the review's zone-mineral test)
        − ⋃{blocks already held by an entity}                           (block_rules: one entity per block)
        − ⋃{control lines ⊕ buffer_m / line_buffer_m}                   (control_lines)
        − ⋃{existing rights ⊕ keep-away distance}
    (深部或上部扩界: the footprints of existing rights of the same mineral instead of the first two lines.)

Everything is computed in one projected working CRS (the rule file's ``plan.default_crs``, else the CGCS2000 3°
Gauss-Krüger zone of the data) where the output is written, so boundaries are exact there; areas are
ellipsoidal on the CGCS2000 ellipsoid (QgsDistanceArea). Control lines use the overlap engine's indexes
(dissolved, repaired, subdivided pieces); only the pieces touching a zone are unioned and subtracted.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
)

from ...rules.checks.siting import Note, SitingQuery, ZoneFit, right_qualifies, rights_cap_notes, siting_query, zone_fit
from ...rules.checks.zones import block_mineral_rule
from ...rules.model.errors import CanceledError, MinePlanError
from ...rules.model.ruleset import ROLE_NAMES
from ...rules.model.vocab import CONTROL_ROLES, EXPLORATION, MINING, ROLE_BY_ID, SITE_NONE, SITE_OK, ZONE_ROLES
from ..geometry.clean import REPAIR, GeometryStats, clean_geometry
from ..geometry.measure import checked_transform, distance_area, geographic_extent, gk_zone_crs
from ..geometry.ops import intersect, make_valid, parts, subtract, union
from ..inputs import field_map as F
from ..inputs.field_names import ID_CANDIDATES, MINERAL_CANDIDATES, NAME_CANDIDATES, detect_field
from ..overlap.constraints import control_rule
from ..overlap.control_index import control_indexes, control_name, is_control, touching_pieces
from ..review.zones import split_minerals

AREA_LABEL = ("椭球面积（CGCS2000椭球）", "ellipsoidal (CGCS2000 ellipsoid)")
RIGHTS_BASIS = ("矿业权范围不得重叠（矿产资源勘查区块登记管理办法、矿产资源开采登记管理办法）",
                "rights must not overlap (registration rules for exploration and mining rights)")
RIGHT_ROLES = ("mining_rights", "exploration_rights")


# ---- the siting engine --------------------------------------------------------------------------------------------
@dataclass
class SitingOptions:
    min_area: float = 0.0          # m²: smaller parts are dropped (parts below the sliver tolerance always are)
    keep_away: float = 0.0         # m kept from existing rights
    invalid_mode: int = REPAIR


@dataclass
class Zone:
    """A zone, block or existing right, in the working CRS."""

    role: str
    label: str                      # id/code (GHQBH …), else the feature id
    name: str | None
    geom: QgsGeometry
    layer_minerals: list = field(default_factory=list)
    fit: ZoneFit | None = None
    attrs: dict = field(default_factory=dict)    # rights: mineral, scale, holder

    @property
    def role_zh(self) -> str:
        return ROLE_NAMES[self.role][0] if self.role in ROLE_NAMES else ROLE_BY_ID[self.role].zh

    @property
    def role_en(self) -> str:
        return ROLE_NAMES[self.role][1] if self.role in ROLE_NAMES else ROLE_BY_ID[self.role].en.lower()

    def text(self, lang: str = "zh") -> str:
        role = self.role_zh if lang == "zh" else self.role_en
        return f"{role} {self.label}" + (f" {self.name}" if self.name and self.name != self.label else "")


@dataclass
class Step:
    """One thing that took area away from a zone's candidate area."""

    key: str
    zh: str
    en: str
    clause: str
    removed_m2: float


@dataclass
class SitingPolygon:
    geom: QgsGeometry               # working CRS = output CRS
    zone: Zone                      # the zone or block it belongs to (first in the rule's role order)
    area_m2: float
    also_in: list = field(default_factory=list)     # (Zone, m² of the polygon inside it)
    steps: list = field(default_factory=list)       # the zone's steps (what shaped it)
    clauses: list = field(default_factory=list)


@dataclass
class ZoneSummary:
    zone: Zone
    zone_area_m2: float
    offered_m2: float               # siting area inside the zone (whichever zone the polygons belong to)
    status: str                     # 可布设 / 不可布设
    reason_zh: str
    reason_en: str
    clauses: list = field(default_factory=list)
    base: bool = True               # a zone of the siting rule (False: a zone the offered area merely lies in)


@dataclass
class SitingResult:
    query: SitingQuery | None = None
    polygons: list = field(default_factory=list)
    summaries: list = field(default_factory=list)
    empty: Note | None = None       # why nothing is offered
    notes: list = field(default_factory=list)        # Note: caps, no new small mines, missing layers
    crs: QgsCoordinateReferenceSystem | None = None
    area_label: tuple = AREA_LABEL
    expression: str = ""            # the set expression evaluated, with the zones it used
    seconds: float = 0.0

    @property
    def total_m2(self) -> float:
        return sum(p.area_m2 for p in self.polygons)


def working_crs(rs, layers, tctx) -> QgsCoordinateReferenceSystem:
    """The rule file's ``plan.default_crs`` when it is projected, else the CGCS2000 3° GK zone of the data."""
    crs = QgsCoordinateReferenceSystem(str(rs.plan.get("default_crs") or ""))
    if crs.isValid() and not crs.isGeographic():
        return crs
    ext = geographic_extent([(lyr.crs, lyr.source.sourceExtent()) for lyr in layers], tctx)
    lon = ext.center().x() if ext is not None and not ext.isNull() and ext.isFinite() else 111.0
    return gk_zone_crs(lon)


@dataclass
class _Cuts:
    """What every zone of a siting run is intersected with or cut by (computed once per run)."""

    others: list            # (siting rule, union of its suitable zones): the other rules' areas
    requirements: list      # (zone requirement, union of its zones)
    misfits: list           # zones whose main minerals exclude the mineral
    occupied: list          # (block, block rule, entities): blocks already held by an entity
    existing: list          # existing rights, with the keep-away distance
    indexes: list           # control-line ConstraintIndexes (keep-away buffers included)


class SitingEngine:
    """``SitingEngine(rs, layers, transform_context).run("建筑石料", MINING, "新立")`` → SitingResult.

    ``layers``: LayerInput of any role (control lines, zones, rights); what is missing is named in the notes
    (or is an error when the rule cannot be evaluated without it)."""

    def __init__(self, rs, layers, transform_context, options: SitingOptions | None = None, feedback=None):
        self.rs = rs
        self.layers = list(layers)
        self.tctx = transform_context
        self.options = options or SitingOptions()
        self.feedback = feedback
        self.stats = GeometryStats()
        self.sliver = rs.min_overlap_area()
        self.work_crs = None
        self.da = None

    # ---- helpers ---------------------------------------------------------------------------------------------
    def _canceled(self):
        if self.feedback is not None and self.feedback.isCanceled():
            raise CanceledError()

    def _progress(self, pct: float):
        if self.feedback is not None:
            self.feedback.setProgress(pct)

    def area(self, g: QgsGeometry) -> float:
        if g is None or g.isNull() or g.isEmpty():
            return 0.0
        return self.da.measureArea(g)

    def given(self, role: str):
        return [lyr for lyr in self.layers if lyr.role == role]

    def _read(self, layer, role: str, keys=()) -> list:
        """Features of a zone or rights layer as Zone objects in the working CRS (invalid ones repaired or skipped
        as set; NULL geometries skipped and counted)."""
        fields = layer.source.fields()
        if keys:
            fm = F.resolve(fields, layer.name, ("id",) + tuple(keys))
            id_field, name_field, mineral_field = fm.get("id"), None, fm.get("mineral")
        else:
            fm = None
            id_field = layer.id_field if layer.id_field and fields.lookupField(layer.id_field) >= 0 else \
                detect_field(fields, ID_CANDIDATES)
            mineral_field = detect_field(fields, MINERAL_CANDIDATES)
        name_field = layer.name_field if layer.name_field and fields.lookupField(layer.name_field) >= 0 else \
            detect_field(fields, NAME_CANDIDATES, exclude=(id_field,) if id_field else ())
        tr_ = checked_transform(layer.crs, self.work_crs, self.tctx)
        attr_idx = {k: (fields.lookupField(fm.get(k)) if fm.get(k) else -1) for k in keys} if fm is not None else {}
        out = []
        for feat in layer.source.getFeatures(QgsFeatureRequest()):
            self._canceled()
            zid = _text(feat.attribute(id_field)) if id_field else None
            lab = zid or str(feat.id())
            g, _ = clean_geometry(QgsGeometry(feat.geometry()), self.options.invalid_mode, layer.name, lab, self.stats)
            if g is None:
                continue
            try:
                g.transform(tr_)
            except QgsCsException as exc:
                raise MinePlanError(f"图层 {layer.name}，要素 {lab}：无法转换坐标（{exc}）",
                                    f"layer {layer.name}, feature {lab}: cannot transform ({exc})") from None
            g = make_valid(g)
            if g.isEmpty():
                continue
            name = _text(feat.attribute(name_field)) if name_field else None
            minerals = split_minerals(feat.attribute(mineral_field)) if mineral_field else []
            attrs = {k: F.value(feat, i) for k, i in attr_idx.items()}
            out.append(Zone(role, lab, name, g, minerals, attrs=attrs))
        return out

    # ---- the run ---------------------------------------------------------------------------------------------------
    def run(self, mineral_text, activity: str = MINING, app_type: str = "新立") -> SitingResult:
        t0 = time.perf_counter()
        activity = activity if activity in (MINING, EXPLORATION) else MINING
        q = siting_query(self.rs, mineral_text, activity, app_type)
        self._activity, self._query = activity, q
        res = SitingResult(query=q, notes=list(q.notes))
        self.work_crs = working_crs(self.rs, self.layers, self.tctx)
        self.da = distance_area(self.work_crs)
        res.crs = self.work_crs
        if q.empty is not None:
            res.empty = q.empty
            res.seconds = time.perf_counter() - t0
            return res
        m = q.mineral
        # 1. zones and rights (all given), with the zone-mineral test of every zone
        zones = []
        for role in ZONE_ROLES:
            for lyr in self.given(role):
                zs = self._read(lyr, role)
                for z in zs:
                    z.fit = zone_fit(self.rs, m, role, z.label, z.name, z.layer_minerals)
                zones += zs
        rights = {role: [] for role in RIGHT_ROLES}
        for role in RIGHT_ROLES:
            for lyr in self.given(role):
                rights[role] += self._read(lyr, role, ("mineral", "scale", "holder"))
        self._progress(10)
        if activity == MINING and self.given("mining_rights"):
            res.notes += rights_cap_notes(self.rs, m, [r.attrs.get("mineral") for r in rights["mining_rights"]])
        # 2. the rules: candidate zones (the first rule's zones are the ones polygons belong to)
        roles_given = {z.role for z in zones}
        candidate_sets, within = [], False
        for rule in q.rules:
            if rule.get("within") == "existing_same_mineral":
                within = True
                candidate_sets.append((rule, self._within_candidates(rule, m, rights, res)))
                continue
            missing = [r for r in rule["roles"] if r not in roles_given and not self.given(r)]
            if len(missing) == len(rule["roles"]):
                names = "、".join(ROLE_NAMES[r][0] for r in missing)
                params = ", ".join(ROLE_BY_ID[r].param for r in missing)
                raise MinePlanError(f"{rule.get('text', '')}：须提供{names}图层（{params}）才能分析可布设区域",
                                    f"the siting rule needs a layer of {params} to find where a right may go")
            if missing:
                names = "、".join(ROLE_NAMES[r][0] for r in missing)
                res.notes.append(Note(f"未提供{names}图层：结果不含这些区域", f"no layer of "
                                      f"{', '.join(ROLE_NAMES[r][1] for r in missing)}: the result does not include "
                                      f"them", rule.get("clause", "")))
            order = {r: i for i, r in enumerate(rule["roles"])}
            candidate_sets.append((rule, sorted((z for z in zones if z.role in rule["roles"]),
                                                key=lambda z: order[z.role])))
        requirements = []
        for req in q.requirements:
            zs = [z for z in zones if z.role in req["roles"]]
            names = "或".join(ROLE_NAMES[r][0] for r in req["roles"])
            if not zs and not any(self.given(r) for r in req["roles"]):
                params = ", ".join(ROLE_BY_ID[r].param for r in req["roles"])
                raise MinePlanError(f"{m.name}须位于{names}内（{req.get('clause', '')}）：须提供相应图层（{params}）",
                                    f"{m.name_en or m.name} must lie in a zone of {params}: give that layer")
            missing = [r for r in req["roles"] if not self.given(r)]
            if missing:
                res.notes.append(Note(f"未提供{'、'.join(ROLE_NAMES[r][0] for r in missing)}图层：按所给图层判断“须位于{names}内”",
                                      f"no layer of {', '.join(ROLE_NAMES[r][1] for r in missing)}: the requirement "
                                      f"is judged on the layers given", req.get("clause", "")))
            requirements.append((req, union([z.geom for z in zs])))
        # 3. what is taken away
        controls = [lyr for lyr in self.layers if is_control(lyr.role)]
        absent = [r for r in self.rs.data["control_lines"].get("required", CONTROL_ROLES)
                  if not self.given(r)]
        if absent:
            res.notes.append(Note(f"未提供{'、'.join(ROLE_BY_ID[r].zh for r in absent)}图层：结果未扣除这些控制线",
                                  f"no layer of {', '.join(ROLE_BY_ID[r].en.lower() for r in absent)}: the result "
                                  f"does not avoid them", self.rs.data["control_lines"]["clause"]))
        offered = [z for z in (candidate_sets[0][1] if candidate_sets else [])
                   if z.fit is None or z.fit.fit is not False]
        indexes = control_indexes(self.rs, controls, self.work_crs, self.tctx, self.options.invalid_mode, 0.0,
                                  self.feedback, self.stats) if offered else []
        self._canceled()
        self._progress(40)
        misfits = [z for z in zones if z.fit is not None and z.fit.fit is False]
        occupied = [] if within else self._occupied_blocks(q, zones, rights, res)
        existing = [] if within else self._existing_rights(rights)
        # 4. zone by zone
        base_rule, base = candidate_sets[0] if candidate_sets else (None, [])
        others = [(rule, union([z.geom for z in zs if z.fit is None or z.fit.fit is not False]))
                  for rule, zs in candidate_sets[1:]]
        cuts = _Cuts(others, requirements, misfits, occupied, existing, indexes)
        done: list = []
        n = max(len(base), 1)
        for i, z in enumerate(base):
            self._canceled()
            summary, polys = self._zone(z, base_rule, cuts, done)
            res.summaries.append(summary)
            res.polygons += polys
            done.append(z)
            self._progress(40 + 50 * (i + 1) / n)
        # 5. zones the offered area lies in (besides its own), and the per-zone figures
        self._also_in(res, zones, base)
        res.expression = self._expression(q, candidate_sets, requirements, misfits, occupied, controls, within)
        if not res.polygons:
            res.empty = self._why_empty(q, res, base)
        res.seconds = time.perf_counter() - t0
        self._progress(100)
        return res

    # ---- the parts of the run ------------------------------------------------------------------------------------------
    def _within_candidates(self, rule, m, rights, res) -> list:
        if not self.given("mining_rights"):
            raise MinePlanError("深部或上部扩界须位于同类矿产已设采矿权的垂直投影范围内：须提供现有采矿权图层（MINING_RIGHTS）",
                                "a deep or upper extension lies within existing rights of the same mineral: give the "
                                "MINING_RIGHTS layer")
        out = []
        skipped = []
        for r in rights["mining_rights"]:
            status, why_zh, why_en = right_qualifies(self.rs, rule, m, r.attrs.get("mineral"), r.attrs.get("scale"))
            if status == "ok":
                r.fit = ZoneFit(True, [str(r.attrs.get("mineral"))], [str(r.attrs.get("mineral"))], "layer",
                                rule["clause"])
                out.append(r)
            elif status == "excluded":
                skipped.append((r, why_zh, why_en))
        if skipped:
            res.notes.append(Note(f"{len(skipped)} 个同类采矿权不适用深部或上部扩界（{skipped[0][1]}）",
                                  f"{len(skipped)} right(s) of the mineral are excluded ({skipped[0][2]})",
                                  rule["clause"]))
        return out

    def _occupied_blocks(self, q, zones, rights, res) -> list:
        """Blocks already held by as many entities as the block rule allows (one entity per 开采规划区块): the
        review counts every existing right in the block it mostly lies in, so a new entity there fails."""
        out = []
        for rule in q.block_rules:
            role = rule["role"]
            blocks = [z for z in zones if z.role == role]
            if not blocks:
                continue
            rrole = "mining_rights" if rule.get("activity") == MINING else "exploration_rights"
            if not self.given(rrole):
                res.notes.append(Note(f"未提供{ROLE_BY_ID[rrole].zh}图层：未核查{rule.get('text', '')}",
                                      f"no {ROLE_BY_ID[rrole].en.lower()} layer: '{rule.get('id')}' not checked",
                                      rule.get("clause", "")))
                continue
            entities: dict = {}
            for r in rights[rrole]:
                best, best_a = None, 0.0
                for b in blocks:
                    a = intersect(r.geom, b.geom)
                    aa = a.area() if not a.isEmpty() else 0.0
                    if aa > best_a:
                        best, best_a = b, aa
                if best is None or best_a <= 0:
                    continue
                holder = r.attrs.get("holder")
                key = ("holder", str(holder).strip()) if holder not in (None, "") and str(holder).strip() else \
                    ("right", r.label)
                entities.setdefault(id(best), (best, set()))[1].add(key)
            for b, ents in entities.values():
                if len(ents) >= int(rule.get("max_features", 1)):
                    out.append((b, rule, ents))
        return out

    def _existing_rights(self, rights) -> list:
        d = self.options.keep_away
        out = []
        for role in RIGHT_ROLES:
            for r in rights[role]:
                out.append(make_valid(r.geom.buffer(d, 16)) if d > 0 else r.geom)
        return out

    def _prevails_over(self, z: Zone) -> tuple:
        """Roles whose main minerals do not hold back a right inside ``z`` (a block that fits the mineral)."""
        cfg = block_mineral_rule(self.rs, MINING)
        if not cfg or z.role not in (cfg.get("roles") or []) or z.fit is None or z.fit.fit is not True:
            return ()
        return tuple((cfg.get("prevails") or {}).get("over") or ())

    def _zone(self, z: Zone, rule, cuts: _Cuts, done: list):
        """Zone ``z`` of the base rule: what of it is offered and why the rest is not (its summary row and polygons)."""
        steps: list = []
        clauses = [c for c in (rule or {}).get("clause", "").split("; ") if c]
        if z.fit is not None and z.fit.clause:
            clauses.append(z.fit.clause)
        zone_area = self.area(z.geom)
        if z.fit is not None and z.fit.fit is False:
            cfg = block_mineral_rule(self.rs, MINING) or {}
            why = f"开采规划区块设置要求：{cfg.get('verdict_other', '不符合')}" if z.role in (cfg.get("roles") or []) \
                else "规划分区矿种相符性：需论证"
            zh = f"主矿种为{'、'.join(z.fit.main)}，不含{self._mineral_name()}（{why}）"
            en = f"its main minerals ({', '.join(z.fit.main)}) do not include {self._mineral_name('en')}"
            return ZoneSummary(z, zone_area, 0.0, SITE_NONE, zh, en, _dedup(clauses + [z.fit.clause])), []
        g, steps, counted = self._carve(z, cuts, done, steps)
        keep = max(self.options.min_area, self.sliver)
        polys, dropped = [], 0.0
        step_clauses = [s.clause for s in steps if s.removed_m2 > self.sliver]
        for part in parts(g):
            a = self.area(part)
            if a < keep:
                dropped += a
                continue
            polys.append(SitingPolygon(part, z, a, steps=steps,
                                       clauses=_dedup(clauses + _split(step_clauses))))
        if dropped > self.sliver:
            steps.append(Step("small", f"小于 {keep:g} 平方米的碎块", f"parts smaller than {keep:g} m²", "", dropped))
        offered = sum(p.area_m2 for p in polys)
        zh_steps = "；".join(f"扣除{s.zh} {_km2(s.removed_m2)}" for s in steps if s.removed_m2 > self.sliver)
        en_steps = "; ".join(f"minus {s.en} {_km2(s.removed_m2)}" for s in steps if s.removed_m2 > self.sliver)
        if counted:
            zh_steps = "；".join(x for x in (zh_steps, "与" + "、".join(d.text() for d in counted) + "重叠部分计入后者")
                                if x)
            en_steps = "; ".join(x for x in (en_steps, "the overlap with " + ", ".join(d.text("en") for d in counted)
                                             + " counts there") if x)
        fit_zh, fit_en = _fit_note(z, self._mineral_name())
        zh = "；".join(x for x in (fit_zh, zh_steps or "未扣除任何部分") if x)
        en = "; ".join(x for x in (fit_en, en_steps or "nothing taken away") if x)
        status = SITE_OK if polys else SITE_NONE
        return ZoneSummary(z, zone_area, offered, status, zh, en, _dedup(clauses + _split(step_clauses))), polys

    def _carve(self, z: Zone, cuts: _Cuts, done: list, steps: list) -> tuple:
        """The zone intersected with the other rules' and the requirements' areas, minus the zones already counted,
        misfit zones, held blocks, control lines and existing rights — each step recorded with the area it took.
        (remaining geometry, steps, zones already counted that overlap it)."""
        g = QgsGeometry(z.geom)
        for orule, geom in cuts.others:
            g = self._step(g, "rule", intersect(g, geom), steps, f"不在{_role_names(orule['roles'])}内的部分",
                           f"the part outside {_role_names(orule['roles'], 'en')}", orule.get("clause", ""), keep=True)
        for req, geom in cuts.requirements:
            g = self._step(g, "requirement", intersect(g, geom), steps,
                           f"不在{_role_names(req['roles'])}内的部分（{req.get('text', '')}）",
                           f"the part outside {_role_names(req['roles'], 'en')}", req.get("clause", ""), keep=True)
        counted = [d for d in done if d.geom.boundingBox().intersects(g.boundingBox())
                   and self.area(intersect(g, d.geom)) > self.sliver]
        if counted:
            g = subtract(g, [d.geom for d in counted])
        # inside a block set for the mineral, the block's own main mineral prevails over the enclosing zones'
        # (rules: siting_rules[].block_mineral.prevails, as the review's zone check reads it)
        prevail = self._prevails_over(z)
        mis = [x for x in cuts.misfits if x is not z and x.role not in prevail
               and x.geom.boundingBox().intersects(g.boundingBox())]
        for x in mis:
            g = self._step(g, "misfit", subtract(g, [x.geom]), steps,
                           f"{x.text()}（主矿种{'、'.join(x.fit.main)}，不含{self._mineral_name()}）",
                           f"{x.text('en')} (main minerals {', '.join(x.fit.main)})", x.fit.clause)
        for b, brule, ents in cuts.occupied:
            if b.geom.boundingBox().intersects(g.boundingBox()):
                g = self._step(g, "block", subtract(g, [b.geom]), steps,
                               f"{b.text()}已有 {len(ents)} 个开采主体（{brule.get('text', '')}）",
                               f"{b.text('en')} already has {len(ents)} entity(ies) ({brule.get('id')})",
                               brule.get("clause", ""))
        for idx in cuts.indexes:
            if g.isEmpty():
                break
            touching = touching_pieces(idx, g)
            if touching:
                rule_c = control_rule(self.rs, idx.cat_id)
                act = self._activity
                r = rule_c.get(act) or rule_c.get("mining") or {}
                buf = float(rule_c.get("buffer_m", 0) or 0)
                extra = f"（含 {buf:g} 米避让距离）" if buf > 0 else ""
                g = self._step(g, "control", subtract(g, touching), steps, f"{idx.name}{extra}",
                               f"{idx.name}" + (f" (with {buf:g} m keep-away)" if buf > 0 else ""),
                               r.get("clause") or self.rs.data["control_lines"]["clause"])
        if cuts.existing and not g.isEmpty():
            near = [e for e in cuts.existing if e.boundingBox().intersects(g.boundingBox())]
            if near:
                d = self.options.keep_away
                g = self._step(g, "rights", subtract(g, near), steps,
                               "现有矿业权" + (f"（含 {d:g} 米避让距离）" if d > 0 else ""),
                               "existing rights" + (f" (with {d:g} m keep-away)" if d > 0 else ""),
                               RIGHTS_BASIS[0])
        return g, steps, counted

    def _step(self, g, key, new, steps, zh, en, clause, keep=False) -> QgsGeometry:
        # each step's result is the next one's input: its (ellipsoidal) area is measured once
        last = getattr(self, "_last_area", None)
        before = last[1] if last is not None and last[0] is g else self.area(g)
        after = self.area(new)
        self._last_area = (new, after)
        removed = before - after
        if removed > 0 or keep:
            steps.append(Step(key, zh, en, clause, max(removed, 0.0)))
        return new

    def _mineral_name(self, lang: str = "zh") -> str:
        m = self._query.mineral
        return m.name if lang == "zh" else (m.name_en or m.name)

    def _also_in(self, res, zones, base):
        """For every polygon the other zones it lies in; per-zone summary rows for those zones."""
        base_ids = {id(z) for z in base}
        extra: dict = {}
        for p in res.polygons:
            for z in zones:
                if z is p.zone or not z.geom.boundingBox().intersects(p.geom.boundingBox()):
                    continue
                a = self.area(intersect(p.geom, z.geom))
                if a > self.sliver:
                    p.also_in.append((z, a))
                    if id(z) not in base_ids:
                        extra.setdefault(id(z), [z, 0.0])[1] += a
        for s in res.summaries:
            s.offered_m2 = sum(p.area_m2 for p in res.polygons if p.zone is s.zone) + \
                sum(a for p in res.polygons for z, a in p.also_in if z is s.zone)
            s.status = SITE_OK if s.offered_m2 > self.sliver else SITE_NONE
        for z, a in extra.values():
            fit_zh, fit_en = _fit_note(z, self._mineral_name())
            res.summaries.append(ZoneSummary(z, self.area(z.geom), a, SITE_OK,
                                             "；".join(x for x in ("可布设区域的一部分位于该区", fit_zh) if x),
                                             "; ".join(x for x in ("part of the siting area lies in it", fit_en) if x),
                                             _dedup([z.fit.clause] if z.fit else []), base=False))

    def _expression(self, q, candidate_sets, requirements, misfits, occupied, controls, within) -> str:
        terms = []
        for rule, zs in candidate_sets:
            ok = [z.label for z in zs if z.fit is None or z.fit.fit is not False]
            ok = ok if len(ok) <= 8 else ok[:8] + [f"… {len(ok)} 个"]
            what = "采矿权" if within else _role_names(rule.get("roles", []), sep="∪")
            terms.append(f"({what}: {', '.join(ok) or '∅'})")
        for req, _ in requirements:
            terms.append(f"({_role_names(req['roles'], sep='∪')})")
        expr = " ∩ ".join(terms)
        minus = []
        if misfits:
            by_role: dict = {}
            for z in misfits:
                by_role.setdefault(z.role_zh, []).append(z.label)
            minus.append("主矿种不符 {" + "; ".join(f"{r}: {', '.join(ls)}" if len(ls) <= 4 else f"{r} {len(ls)} 个"
                                                   for r, ls in by_role.items()) + "}")
        if occupied:
            minus.append(f"已有主体的区块 {{{', '.join(b.label for b, _, _ in occupied)}}}")
        if controls:
            minus.append("控制线 {" + ", ".join(control_name(c) for c in controls) + "}")
        if not within and any(self.given(r) for r in RIGHT_ROLES):
            d = self.options.keep_away
            minus.append("现有矿业权" + (f"⊕{d:g}m" if d > 0 else ""))
        return expr + "".join(f" − {x}" for x in minus)

    def _why_empty(self, q, res, base) -> Note:
        m = self._query.mineral
        clauses = _dedup(_split([r.get("clause", "") for r in q.rules]))
        if not base:
            roles = _role_names(q.rules[0].get("roles", [])) if q.rules and q.rules[0].get("roles") else "已设采矿权"
            return Note(f"规划没有可供{m.name}新设矿业权的{roles}：没有可布设区域",
                        f"the plan has no {roles} for a new {m.name_en or m.name} right: no siting area",
                        "; ".join(clauses))
        fits = [s for s in res.summaries if s.base and s.zone.fit is not None and s.zone.fit.fit is False]
        if len(fits) == len([s for s in res.summaries if s.base]):
            mains = "、".join(dict.fromkeys(mm for s in fits for mm in s.zone.fit.main))
            roles = "、".join(dict.fromkeys(s.zone.role_zh for s in fits))
            return Note(f"规划的{roles}（{len(fits)} 个）主矿种为{mains}，均不含{m.name}：没有可布设区域",
                        f"the plan's {len(fits)} zone(s) are for {mains}, none for {m.name_en or m.name}: no siting "
                        f"area", "; ".join(_dedup(clauses + [s.zone.fit.clause for s in fits])))
        reasons = "；".join(f"{s.zone.text()}：{s.reason_zh}" for s in res.summaries if s.base)
        reasons_en = "; ".join(f"{s.zone.text('en')}: {s.reason_en}" for s in res.summaries if s.base)
        return Note(f"扣除后没有可布设区域（{reasons}）", f"nothing is left ({reasons_en})",
                    "; ".join(_dedup(clauses + [c for s in res.summaries for c in s.clauses])))


# ---- small helpers ---------------------------------------------------------------------------------------------------
def _text(v):
    if v is None:
        return None
    s = str(v).strip()
    return None if not s or s.upper() == "NULL" else s


def _dedup(items) -> list:
    out = []
    for c in items:
        if c and c not in out:
            out.append(c)
    return out


def _split(clauses) -> list:
    out = []
    for c in clauses:
        out += [x for x in (c or "").split("; ") if x]
    return out


def _km2(m2: float) -> str:
    return f"{m2 / 1e6:.4f} km²" if m2 >= 1e4 else f"{m2:.1f} m²"


def _role_names(roles, lang: str = "zh", sep: str | None = None) -> str:
    names = [ROLE_NAMES[r][0 if lang == "zh" else 1] if r in ROLE_NAMES else r for r in roles]
    return (sep or ("或" if lang == "zh" else " or ")).join(names)


def _fit_note(z: Zone, mineral_name: str) -> tuple:
    if z.fit is None:
        return "", ""
    if z.fit.fit is None:
        return (f"{z.role_zh}未列明主矿种（矿种相符性无法判定，审查不据此否定）",
                f"the {z.role_en} states no main mineral (the fit cannot be judged)")
    if z.fit.fitting and z.fit.fitting != [mineral_name]:
        return (f"主矿种{'、'.join(z.fit.main)}（可设矿种：{'、'.join(z.fit.fitting)}）",
                f"main minerals {', '.join(z.fit.main)} (a right here must be for {', '.join(z.fit.fitting)})")
    return "", ""


def safe_key(text: str) -> str:
    """An output key part from a zone id (ASCII letters, digits and _)."""
    s = re.sub(r"[^A-Za-z0-9_]+", "_", str(text)).strip("_")
    return s.upper() or "ZONE"


__all__ = ["AREA_LABEL", "SitingEngine", "SitingOptions", "SitingPolygon", "SitingResult", "Step", "Zone",
           "ZoneSummary", "control_indexes", "safe_key", "subtract", "touching_pieces", "working_crs"]
