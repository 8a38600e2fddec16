"""A small JSON-Schema-subset validator with bilingual messages (no dependency beyond PyYAML).

Supported keywords: type, enum, const, minimum, exclusiveMinimum, maximum, pattern, minLength,
minItems, properties, required, additionalProperties, items, anyOf, $ref (``#/definitions/x``).
"""
from __future__ import annotations

import datetime
import math
import os
import re
from dataclasses import dataclass
from functools import cache

from .yamlio import load_yaml

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schema")

_TYPE_ZH = {"object": "映射", "array": "列表", "string": "文本", "number": "数值", "integer": "整数",
            "boolean": "布尔值", "null": "空值", "date": "日期"}


@dataclass
class SchemaIssue:
    key_path: tuple
    message_zh: str
    message_en: str


@cache
def load_schema(name: str) -> dict:
    return load_yaml(os.path.join(SCHEMA_DIR, name)).data


def _type_ok(value, t: str) -> bool:
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "string":
        return isinstance(value, str)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "null":
        return value is None
    if t == "date":
        return isinstance(value, (datetime.date, str))
    raise ValueError(f"unknown schema type {t}")


def _show(value, n: int = 60) -> str:
    """repr of a value, cut short (a hostile file may hold a 1 MB string or a 4,000-digit number)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 30:
        return f"{str(value)[:12]}…"
    text = repr(value)
    return text if len(text) <= n else text[:n] + "…"


def is_finite_number(value) -> bool:
    """False for NaN, ±inf and integers beyond the float range (YAML .nan, .inf, 1.0e+400, 10**400)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _looks_numeric(value) -> bool:
    """A string Python would read as a number ('1e400', '12', 'nan'): the schema message says why it is text."""
    if not isinstance(value, str) or len(value) > 400:
        return False
    try:
        float(value.strip())
    except ValueError:
        return False
    return True


def _describe(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class Validator:
    def __init__(self, schema: dict):
        self.root = schema

    def _resolve(self, schema):
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"unsupported $ref {ref}")
            node = self.root
            for part in ref[2:].split("/"):
                node = node[part]
            schema = node
        return schema

    def validate(self, value) -> list[SchemaIssue]:
        issues: list[SchemaIssue] = []
        self._check(value, self.root, (), issues)
        return issues

    def _check(self, value, schema, path, issues):
        schema = self._resolve(schema)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not is_finite_number(value):
            # never a meaningful plan figure; without this, ".nan" passes every minimum/maximum
            issues.append(SchemaIssue(path, f"取值 {_show(value)} 不是有限数值（不允许 .nan、.inf 或超出范围的数）",
                                      f"value {_show(value)} is not a finite number (.nan, .inf and out-of-range "
                                      "numbers are not allowed)"))
            return
        if "anyOf" in schema:
            for option in schema["anyOf"]:
                sub: list[SchemaIssue] = []
                self._check(value, option, path, sub)
                if not sub:
                    break
            else:
                issues.append(SchemaIssue(path, f"取值 {_show(value)} 不符合任一允许形式",
                                          f"value {_show(value)} matches none of the allowed forms"))
                return
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_type_ok(value, t) for t in types):
                zh = "或".join(_TYPE_ZH.get(t, t) for t in types)
                hint_zh = hint_en = ""
                if ("number" in types or "integer" in types) and _looks_numeric(value):
                    hint_zh = "（YAML 把它读作文本：不加引号，指数写成 1.5e+3 这样的形式，且须为有限数）"
                    hint_en = " (YAML reads it as text: no quotes, write exponents like 1.5e+3, finite numbers only)"
                issues.append(SchemaIssue(
                    path, f"应为{zh}，实际为 {_show(value)}{hint_zh}",
                    f"expected {' or '.join(types)}, got {_describe(value)} {_show(value)}{hint_en}"))
                return
        if "const" in schema and value != schema["const"]:
            issues.append(SchemaIssue(path, f"应为 {schema['const']!r}，实际为 {_show(value)}",
                                      f"must be {schema['const']!r}, got {_show(value)}"))
        if "enum" in schema and value not in schema["enum"]:
            allowed = "、".join(str(v) for v in schema["enum"])
            issues.append(SchemaIssue(path, f"取值 {_show(value)} 不在允许值（{allowed}）中",
                                      f"value {_show(value)} is not one of: {', '.join(map(str, schema['enum']))}"))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                issues.append(SchemaIssue(path, f"取值 {value} 小于最小值 {schema['minimum']}（不得为负）"
                                          if schema["minimum"] == 0 else
                                          f"取值 {value} 小于最小值 {schema['minimum']}",
                                          f"value {value} is below the minimum {schema['minimum']}"))
            if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
                issues.append(SchemaIssue(path, f"取值 {value} 必须大于 {schema['exclusiveMinimum']}",
                                          f"value {value} must be greater than {schema['exclusiveMinimum']}"))
            if "maximum" in schema and value > schema["maximum"]:
                issues.append(SchemaIssue(path, f"取值 {value} 大于最大值 {schema['maximum']}",
                                          f"value {value} is above the maximum {schema['maximum']}"))
        if isinstance(value, str):
            if "minLength" in schema and len(value.strip()) < schema["minLength"]:
                issues.append(SchemaIssue(path, "文本为空或过短", "text is empty or too short"))
            if "pattern" in schema and not re.search(schema["pattern"], value):
                issues.append(SchemaIssue(path, f"取值 {_show(value)} 格式不正确（应匹配 {schema['pattern']}）",
                                          f"value {_show(value)} does not match {schema['pattern']}"))
        if isinstance(value, list):
            if "minItems" in schema and len(value) < schema["minItems"]:
                issues.append(SchemaIssue(path, f"至少需要 {schema['minItems']} 项",
                                          f"needs at least {schema['minItems']} item(s)"))
            if "items" in schema:
                for i, item in enumerate(value):
                    self._check(item, schema["items"], path + (i,), issues)
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for req in schema.get("required", []):
                if req not in value:
                    issues.append(SchemaIssue(path + (req,), f"缺少必填键 {req}",
                                              f"missing required key {req}"))
            extra = schema.get("additionalProperties", True)
            for key, sub in value.items():
                if key in props:
                    self._check(sub, props[key], path + (key,), issues)
                elif extra is False:
                    known = "、".join(props) if props else "（无）"
                    shown = _show(key) if not isinstance(key, str) else (key if len(key) <= 60 else key[:60] + "…")
                    issues.append(SchemaIssue(path + (key,), f"未知键 {shown}（允许的键：{known}）",
                                              f"unknown key {shown} (allowed: {', '.join(props)})"))
                elif isinstance(extra, dict):
                    self._check(sub, extra, path + (key,), issues)


def validate(value, schema_name: str) -> list[SchemaIssue]:
    return Validator(load_schema(schema_name)).validate(value)
