"""Which field of a layer holds what (id, name, mineral, scale, capacity …): chosen by the user, else
auto-detected by common names (English, Chinese, pinyin codes of DZ/T 0226).

Re-runs are stable: a layer written by a mineplan algorithm carries our own output fields (``verdict``,
``capacity_unit`` …) after the user's, and the user's original fields renamed ``<name>_in`` where they
collided. Auto-detection never reads one of our output fields from such a layer (see ``our_fields``); it
reads the ``_in`` original instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...rules.model.errors import MinePlanError
from ..outputs.columns import tails
from ..outputs.shapefile import SHP_NAME_BYTES, fit_bytes, shp_renamed, shp_tails
from . import field_names as L

CANDIDATES = {
    "id": L.ID_CANDIDATES, "name": L.NAME_CANDIDATES, "mineral": L.MINERAL_CANDIDATES, "scale": L.SCALE_CANDIDATES,
    "capacity": L.CAPACITY_CANDIDATES, "capacity_unit": L.CAPACITY_UNIT_CANDIDATES,
    "reserves": L.RESERVES_CANDIDATES, "reserves_unit": L.RESERVES_UNIT_CANDIDATES,
    "activity": L.ACTIVITY_CANDIDATES, "holder": L.HOLDER_CANDIDATES,
    "output": L.OUTPUT_CANDIDATES, "output_unit": L.OUTPUT_UNIT_CANDIDATES,
    "app_type": L.APP_TYPE_CANDIDATES, "licence": L.LICENCE_CANDIDATES, "method": L.METHOD_CANDIDATES,
    "mining_recovery": L.MINING_RECOVERY_CANDIDATES, "processing_recovery": L.PROCESSING_RECOVERY_CANDIDATES,
    "comprehensive_use": L.COMPREHENSIVE_USE_CANDIDATES, "funding": L.FUNDING_CANDIDATES, "grant": L.GRANT_CANDIDATES,
}
ATTRIBUTE_KEYS = ("mineral", "scale", "capacity", "capacity_unit", "reserves", "reserves_unit")
# what the review reads besides the attributes of the minimum-scale check
REVIEW_KEYS = ("method", "mining_recovery", "processing_recovery", "comprehensive_use", "funding", "grant")

_CATEGORY = re.compile(r"^(eco|farm|urban|reserve|resv|other_\d+|o\d+|kexp|kmin|conc|eblk|mblk|kdev)_"
                       r"(area_m2|area|pct|ids|id|name|share)$")
_CATEGORY_PREFIX = re.compile(r"^(eco|farm|urban|reserve|resv|other_\d+|o\d+|kexp|kmin|conc|eblk|mblk|kdev)_(.*)$")
_CATEGORY_TAILS = ("area_m2", "area", "pct", "ids", "id", "name", "share")
_RENAMED = re.compile(r"_in\d*$")


def _same(name: str, ours: str) -> bool:
    """``name`` (a layer's field, lower case) is our output field ``ours``: the same, renamed ``<ours>_in``
    after a clash, or — in a shapefile, where a renamed name is cut to 10 bytes — ``<start of ours>_in``."""
    if name == ours:
        return True
    base = _RENAMED.sub("", name)
    if base == ours:
        return True
    return base != name and len(name.encode()) >= SHP_NAME_BYTES - 1 and bool(base) and ours.startswith(base)


def _is_category(name: str) -> bool:
    base = _RENAMED.sub("", name)
    if _CATEGORY.match(base):
        return True
    if base == name or len(name.encode()) < SHP_NAME_BYTES - 1:
        return False
    m = _CATEGORY_PREFIX.match(base)
    return bool(m) and any(t.startswith(m.group(2)) for t in _CATEGORY_TAILS)


def _output_names() -> frozenset:
    return frozenset(n for tail in tails() for n in tail)


def our_fields(names) -> set:
    """The fields of a layer that a mineplan algorithm wrote (lower case). A layer holds our output only when
    it ENDS with an algorithm's exact output sequence (preceded by its per-category fields); chained runs are
    peeled from the end, earlier outputs' names carrying the ``_in`` suffix of a collision. A user layer that
    merely has a field called ``verdict`` or ``capacity_unit`` keeps it as the user's."""
    rest = [n.lower() for n in names]
    ours: set = set()
    every = tails() + shp_tails()
    while rest:
        for tail in every:
            k = len(tail)
            if len(rest) >= k and all(_same(n, t) for n, t in zip(rest[-k:], tail)):
                ours.update(rest[-k:])
                rest = rest[:-k]
                while rest and _is_category(rest[-1]):
                    ours.add(rest.pop())
                break
        else:
            break
    return ours


def is_shapefile_output(names) -> bool:
    """The layer ends with one of our outputs as a shapefile carries it (short names, core.outputs.shapefile.shp_name)."""
    low = [n.lower() for n in names]
    for tail in shp_tails():
        if tail in tails():
            continue
        k = len(tail)
        if len(low) >= k and all(_same(n, t) for n, t in zip(low[-k:], tail)):
            return True
    return False


@dataclass
class FieldMap:
    """key → field name (None when the layer has no such field)."""

    names: dict = field(default_factory=dict)
    chosen: dict = field(default_factory=dict)     # key → True when the user chose the field

    def get(self, key: str) -> str | None:
        return self.names.get(key)

    def found(self) -> tuple:
        return tuple(k for k, v in self.names.items() if v)

    def indexes(self, fields) -> dict:
        return {k: (fields.lookupField(v) if v else -1) for k, v in self.names.items()}


def detect(fields, key: str, exclude=()) -> str | None:
    """Auto-detect the field for ``key``; on a mineplan output, prefer the user's ``<name>_in`` original and
    never pick one of our own output fields."""
    names = [f.name() for f in fields]
    ours = our_fields(names)
    lower = {n.lower(): n for n in names}
    usable = [f for f in fields if f.name() not in exclude and f.name().lower() not in ours]
    name = L.detect_field(usable, CANDIDATES[key])
    if name is None and ours:
        # the original was renamed <name>_in when it collided with one of our fields
        for cand in CANDIDATES[key]:
            orig = lower.get(f"{cand.lower()}_in")
            if orig is not None and orig not in exclude:
                return orig
    if name is None and ours and is_shapefile_output(names):
        # a shapefile output cut the user's long names to 10 bytes (core.outputs.shapefile.shp_renamed), predictably
        for cand in CANDIDATES[key]:
            for form in (fit_bytes(cand), shp_renamed(cand, ()), shp_renamed(cand, (), suffix="")):
                orig = lower.get(form.lower())
                if orig is not None and orig not in exclude and orig.lower() not in ours:
                    return orig
    if name is None:
        # any shapefile: dBase keeps 10 bytes of a name (capacity_unit → capacity_u, 设计生产规模 → 设计生);
        # without this the unit field of a shapefile is silently missing and capacities are read in the plan's unit
        for cand in CANDIDATES[key]:
            if len(cand.encode("utf-8")) <= SHP_NAME_BYTES:
                continue
            orig = lower.get(fit_bytes(cand, SHP_NAME_BYTES).lower())
            if orig is not None and orig not in exclude and orig.lower() not in ours:
                return orig
    return name


# what each key is, in words (errors name no internal key)
FIELD_ROLES = {
    "id": ("编号", "id"), "name": ("名称", "name"), "mineral": ("矿种", "mineral"), "scale": ("储量规模", "reserve scale"),
    "capacity": ("设计生产规模", "design capacity"), "capacity_unit": ("生产规模单位", "capacity unit"),
    "reserves": ("资源储量", "reserves"), "reserves_unit": ("储量单位", "reserves unit"),
    "activity": ("矿业权类型", "activity"), "holder": ("申请人/矿业权人", "applicant/holder"),
    "output": ("年产量", "annual output"), "output_unit": ("产量单位", "output unit"),
    "app_type": ("申请类型", "application type"), "licence": ("许可证号", "licence number"),
    "method": ("开采方式", "mining method"), "mining_recovery": ("开采回采率", "mining recovery"),
    "processing_recovery": ("选矿回收率", "processing recovery"), "comprehensive_use": ("综合利用率", "comprehensive use"),
    "funding": ("资金来源", "funding"), "grant": ("出让方式", "grant method"),
}


def resolve(fields, layer_name: str, keys, overrides: dict | None = None) -> FieldMap:
    """Field for every key: the user's choice (which must exist: a bilingual error lists the layer's fields),
    else auto-detected. ``overrides``: key → field name or None."""
    overrides = overrides or {}
    out = FieldMap()
    for key in keys:
        chosen = overrides.get(key)
        if chosen:
            if fields.lookupField(chosen) < 0:
                listing = ", ".join(f.name() for f in fields) or "—"
                zh, en = FIELD_ROLES.get(key, (key, key))
                raise MinePlanError(f"图层 {layer_name} 没有字段“{chosen}”（所选的{zh}字段）。该图层的字段为：{listing}",
                                    f"layer {layer_name} has no field '{chosen}' (chosen as its {en} field). Its "
                                    f"fields are: {listing}")
            out.names[key] = chosen
            out.chosen[key] = True
            continue
        # the id field is not also the name; activity and application type may share one field (新立采矿权)
        exclude = (out.names["id"],) if key == "name" and out.names.get("id") else ()
        out.names[key] = detect(fields, key, exclude)
    return out


def value(feature, index: int):
    """An attribute as a plain Python value (NULL → None)."""
    return L.attr(feature, index if index is not None and index >= 0 else None)
