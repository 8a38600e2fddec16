"""Loading a plan rule file: validate it, raise its first error, cache it (pure Python).

    rs = load_ruleset()                       # bundled default (灵宝 2021-2025)
    rs = load_ruleset("path/to/other.yaml")   # another county: add a file, no Python

Lives apart from ``ruleset`` (what a rule file answers) and ``validate`` (what is wrong with one) so
that neither imports the other in a cycle: validate → ruleset, loader → both.
"""
from __future__ import annotations

import os

from .model.errors import RuleSetError
from .model.ruleset import RuleSet, resolve_ruleset_path
from .validation.validate import validate_ruleset_file

_CACHE: dict = {}


def _file_stamp(path: str):
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except (OSError, ValueError):     # ValueError: a NUL byte in the path
        return None


def load_ruleset(path=None, use_cache: bool = True) -> RuleSet:
    """Load and validate a rule file. Raises RuleSetError (bilingual, with file/line/key) if the file
    has an error; warnings (the plan's own contradictions) do not stop loading."""
    real = resolve_ruleset_path(path)
    stamp = _file_stamp(real)
    cache_key = os.path.abspath(real)
    if use_cache and cache_key in _CACHE and _CACHE[cache_key][0] == stamp and stamp is not None:
        return _CACHE[cache_key][1]
    rs, findings = validate_ruleset_file(real)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        if len(errors) > 1:
            more_zh = f"（另有 {len(errors) - 1} 处错误，请运行“规则文件校验”查看全部）"
            more_en = f" ({len(errors) - 1} more error(s): run 'Validate rule set' to list them all)"
            raise RuleSetError(first.message_zh + more_zh, first.message_en + more_en,
                               first.path, first.line, first.key)
        raise first.as_error()
    assert rs is not None
    rs.findings = findings
    if stamp is not None:
        _CACHE[cache_key] = (stamp, rs)
    return rs
