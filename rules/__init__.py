"""MinePlan rules engine: plans as data, verdicts with reasons and clauses.

Pure Python (PyYAML only): no ``qgis`` import anywhere in this package, so the engine can be tested
and reused outside QGIS.
"""
from .loader import load_ruleset
from .model.errors import CanceledError, InputValueError, MinePlanError, RuleSetError
from .model.ruleset import (
    DEFAULT_PLAN_ID,
    Finding,
    RuleSet,
    bundled_rulesets,
    default_ruleset_path,
    resolve_ruleset_path,
)
from .validation.validate import validate_ruleset_file

__all__ = [
    "CanceledError", "DEFAULT_PLAN_ID", "Finding", "InputValueError", "MinePlanError", "RuleSet", "RuleSetError", "bundled_rulesets",
    "default_ruleset_path", "load_ruleset", "resolve_ruleset_path", "validate_ruleset_file",
]
