"""Mineral dictionary: canonical names, aliases, codes, plan categories (pure Python)."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mineral:
    name: str
    name_en: str = ""
    code: str | None = None
    mclass: str = ""
    kind: str = "mineral"
    aliases: tuple = ()
    groups: tuple = ()

    def in_group(self, group: str) -> bool:
        return group == self.name or group in self.groups


def normalise_name(text) -> str:
    """Key used to compare mineral names: NFKC (full-width → half-width), case-folded, no spaces,
    黏 → 粘, trailing 矿/矿石/矿产 removed (金矿 == 金 only via aliases, not by this rule)."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    s = re.sub(r"\s+", "", s)
    s = s.replace("黏", "粘").replace("（", "(").replace("）", ")")
    return s


_MAX_NAME = 100            # no mineral name is longer; a longer "name" is not resolved (nor scanned)
_QUALIFIED = re.compile(r"^([^()]+)\(([^()]+)\)$")   # 金矿(岩金): one qualifier, no nested brackets


def _strip_suffix(s: str) -> str:
    for suffix in ("矿产", "矿石", "矿床", "矿"):
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    return s


@dataclass
class MineralDictionary:
    entries: list = field(default_factory=list)
    source: str = ""

    def __post_init__(self):
        self._by_key: dict[str, Mineral] = {}
        self._by_name: dict[str, Mineral] = {}
        self._groups: set[str] = set()
        for m in self.entries:
            self._add(m)

    def _add(self, m: Mineral):
        self._by_name[m.name] = m
        for key in (m.name, *m.aliases):
            k = normalise_name(key)
            self._by_key.setdefault(k, m)
        self._groups.update(m.groups)

    @classmethod
    def from_data(cls, data: dict, source: str = "") -> MineralDictionary:
        entries = []
        for e in data.get("entries", []):
            entries.append(Mineral(
                name=e["name"], name_en=e.get("name_en", ""), code=e.get("code"),
                mclass=e.get("class", ""), kind=e.get("kind", "mineral"),
                aliases=tuple(e.get("aliases", []) or ()), groups=tuple(e.get("groups", []) or ())))
        return cls(entries=entries, source=source)

    # ---- lookup ---------------------------------------------------------------------------------
    def resolve(self, text) -> Mineral | None:
        """Canonical entry for a name as found in data (金, 金矿（岩金）, 饰面用花岗岩矿…), or None.

        Only one bracketed qualifier is understood ("金矿（岩金）"): "金(((金)))" or "金（岩金）（砂金）" is not a
        mineral name but an error in the data, and stays unresolved (no recursion, linear time)."""
        key = normalise_name(text)
        if not key or len(key) > _MAX_NAME:
            return None
        hit = self._lookup(key)
        if hit is None:
            m = _QUALIFIED.match(key)
            if m:
                hit = self._lookup(m.group(1)) or self._lookup(m.group(2))
        return hit

    def _lookup(self, key: str) -> Mineral | None:
        """A normalised name without brackets: itself, without 矿/矿石/矿产/矿床, or with 矿 appended."""
        if key in self._by_key:
            return self._by_key[key]
        stripped = _strip_suffix(key)
        if stripped in self._by_key:
            return self._by_key[stripped]
        return self._by_key.get(stripped + "矿")

    def get(self, name: str) -> Mineral | None:
        return self._by_name.get(name) or self.resolve(name)

    def is_known_name(self, name: str) -> bool:
        """True for a mineral, an alias, or a group name used by the dictionary."""
        return self.resolve(name) is not None or name in self._groups

    def is_group(self, name: str) -> bool:
        return name in self._groups

    def members(self, group: str) -> list[Mineral]:
        return [m for m in self.entries if m.in_group(group)]

    def close_matches(self, text, n: int = 3) -> list[str]:
        key = normalise_name(text)
        if not key:
            return []
        keys = list(self._by_key)
        hits = difflib.get_close_matches(key, keys, n=n * 3, cutoff=0.4)
        # substring hits first (稀土金矿 → 金矿)
        subs = [k for k in keys if len(k) >= 2 and (k in key or key in k)]
        out: list[str] = []
        for k in subs + hits:
            name = self._by_key[k].name
            if name not in out:
                out.append(name)
        return out[:n]

    def matches(self, mineral: Mineral, target: str) -> bool:
        """Does ``mineral`` fall under ``target`` (a canonical name, alias or group name)?"""
        if target == mineral.name or target in mineral.groups:
            return True
        resolved = self.resolve(target)
        if resolved is None:
            return False
        if resolved.name == mineral.name:
            return True
        # target is a category entry (建筑石料) whose name is also a group
        return resolved.name in mineral.groups
