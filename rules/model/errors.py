"""Bilingual errors of the plugin's engines (no QGIS import).

Every error a user can see carries a Chinese and an English message. The engines (``rules/`` and the
QGIS-side ``core/``) raise :class:`MinePlanError` or a subclass; the processing algorithms turn it into a
``QgsProcessingException`` and the docks into a readable message — never a traceback.
"""
from __future__ import annotations


class MinePlanError(Exception):
    """An error with a Chinese and an English message."""

    def __init__(self, message_zh: str, message_en: str = ""):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(self.text())

    def text(self) -> str:
        return f"{self.message_zh} / {self.message_en}" if self.message_en else self.message_zh

    def __str__(self) -> str:
        return self.text()


class RuleSetError(MinePlanError):
    """A rule file (or a value checked against it) is unusable.

    Carries the location (file, line, key path) so that the processing layer can show
    ``灵宝.yaml 第12行 minimum_scale.rows[3].large: …`` instead of a traceback.
    """

    def __init__(self, message_zh: str, message_en: str, path: str | None = None,
                 line: int | None = None, key: str | None = None):
        self.path = path
        self.line = line
        self.key = key
        super().__init__(message_zh, message_en)

    def location(self, lang: str = "zh") -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.line:
            parts.append(f"第{self.line}行" if lang == "zh" else f"line {self.line}")
        if self.key:
            parts.append(self.key)
        return (" " if lang == "zh" else ", ").join(parts)

    def text(self) -> str:
        zh_loc = self.location("zh")
        en_loc = self.location("en")
        zh = f"{zh_loc}：{self.message_zh}" if zh_loc else self.message_zh
        en = f"{en_loc}: {self.message_en}" if en_loc else self.message_en
        return f"{zh} / {en}"


class InputValueError(MinePlanError, ValueError):
    """A plain input value (unit, number, scale label…) cannot be interpreted."""


class CanceledError(MinePlanError):
    """The user canceled: nothing was written."""

    def __init__(self):
        super().__init__("已取消：未写出任何结果。", "Canceled: nothing was written.")
