"""Zone assignment geometry (shared by mineplan:zoneassignment, the review and the feature dock).

Each role layer (重点勘查区, 重点开采区, 集中开采区, 勘查/开采规划区块, 重点发展区域) becomes a
ConstraintIndex with ``dissolve=False`` so every zone keeps its own share of the feature.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...rules.checks.zones import ZoneHit
from ..overlap.engine import PreparedBlock

LARGEST, CENTROID, WITHIN = 0, 1, 2
WITHIN_TOLERANCE_M2 = 1.0


@dataclass
class Assignment:
    hits: dict = field(default_factory=dict)          # role → ZoneHit (None when outside every zone)
    shares: dict = field(default_factory=dict)        # role → {zone label: share}


def split_minerals(text) -> list:
    if text is None:
        return []
    parts = re.split(r"[、,，;；/\s]+", str(text))
    return [p for p in parts if p and p.upper() != "NULL"]


def _value(v):
    if v is None:
        return None
    s = str(v)
    return None if s in ("NULL", "") else s


def assign(block: PreparedBlock | None, zone_layers, method: int = LARGEST) -> Assignment:
    out = Assignment()
    for zl in zone_layers:
        out.hits[zl.role] = None
        if block is None or block.area <= 0:
            continue
        m = zl.index.measure(block)
        if not m.per_owner:
            continue
        shares = {oi: a / block.area for oi, a in m.per_owner.items()}
        chosen = None
        if method == CENTROID:
            c = block.geom.centroid()
            for pi in zl.index.index.intersects(c.boundingBox()):  # ids = piece positions
                piece = zl.index.pieces[pi]
                if piece.owner in shares and piece.geom.intersects(c):
                    chosen = piece.owner
                    break
        elif method == WITHIN:
            for oi, a in m.per_owner.items():
                if block.area - a <= WITHIN_TOLERANCE_M2:
                    chosen = oi
                    break
        else:
            chosen = max(shares, key=lambda oi: (shares[oi], -oi))
        out.shares[zl.role] = {zl.index.owners[oi].ids[0]: s for oi, s in shares.items()}
        if chosen is None:
            continue
        owner = zl.index.owners[chosen]
        attrs = owner.attrs[0] if owner.attrs else {}
        zid = _value(attrs.get(zl.id_field)) if zl.id_field else None
        zname = _value(attrs.get(zl.name_field)) if zl.name_field else None
        minerals = split_minerals(attrs.get(zl.mineral_field)) if zl.mineral_field else []
        out.hits[zl.role] = ZoneHit(zl.role, zid or owner.ids[0], zname, min(shares[chosen], 1.0), minerals)
    return out
