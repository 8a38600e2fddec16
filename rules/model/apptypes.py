"""申请类型 (application type) from the values found in registers (pure Python).

``parse_app_type("变更（扩大矿区范围）")`` → ("扩大范围", None); ``parse_app_type("注销")`` → (None, "注销").
An empty value is (None, None): the caller uses its default (a parameter, else 新立). A value that is not
recognised is reported, never silently taken as 新立.
"""
from __future__ import annotations

import re
import unicodedata

from .vocab import APP_TYPE_ALIASES, APP_TYPE_LABELS, APP_TYPES, NEW

_PUNCT = re.compile(r"[\s()（）【】\[\]{}<>《》\-—_/、,，;；:：·.。\"'“”‘’]+")
_PREFIXES = ("采矿权", "探矿权", "采矿许可证", "勘查许可证", "矿业权")
_SUFFIXES = ("登记", "申请", "申报", "审批", "采矿权", "探矿权")


def _norm(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


_LOOKUP = {_norm(alias): code for code, aliases in APP_TYPE_ALIASES.items() for alias in aliases}
_LOOKUP.update({_norm(code): code for code in APP_TYPES})
_LOOKUP.update({_norm(label[0]): code for code, label in APP_TYPE_LABELS.items()})


def _candidates(key: str):
    """The key, then the key without a register's prefix (采矿权…) or suffix (…登记), then a 变更 sub-item."""
    yield key
    for p in _PREFIXES:
        if key.startswith(p) and len(key) > len(p):
            yield key[len(p):]
    for s in _SUFFIXES:
        if key.endswith(s) and len(key) > len(s):
            yield key[: -len(s)]
    if key.startswith("变更") and len(key) > 2:          # 变更（扩大矿区范围） → 扩大矿区范围
        yield key[2:]


def parse_app_type(value) -> tuple[str | None, str | None]:
    """(type code, None) when recognised; (None, None) when empty; (None, the raw text) otherwise."""
    if value is None:
        return None, None
    raw = str(value).strip()
    if not raw or raw.upper() in ("NULL", "NONE"):
        return None, None
    key = _norm(raw)
    for cand in _candidates(key):
        if cand in _LOOKUP:
            return _LOOKUP[cand], None
        for inner in _candidates(cand):
            if inner in _LOOKUP:
                return _LOOKUP[inner], None
    return None, raw


def resolve_app_type(field_value=None, parameter: str | None = None) -> tuple[str, str, str | None]:
    """(type, source, unrecognised raw value). The field wins; an unrecognised value is judged as 新立 (the
    strictest reading) and reported; no field value → the parameter, else 新立."""
    code, problem = parse_app_type(field_value)
    if code is not None:
        return code, "field", None
    if problem is not None:
        return NEW, "unrecognised", problem
    if parameter in APP_TYPES:
        return parameter, "parameter", None
    return NEW, "default", None


def applies(rule: dict | None, app_type: str | None) -> bool:
    """Does a rule apply to an application type? A rule without ``applies_to`` applies to every type."""
    if not rule:
        return False
    types = rule.get("applies_to")
    return types is None or app_type is None or app_type in types


def type_label(app_type: str | None, lang: str = "zh") -> str:
    zh, en = APP_TYPE_LABELS.get(app_type, (app_type or "—", app_type or "—"))
    return zh if lang == "zh" else en
