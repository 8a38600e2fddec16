"""Translation: one context ("MinePlan") for every user-visible string of the plugin.

The translator is installed when the plugin package is imported (``mineplan/__init__.py``), so
algorithm names and help are translated in qgis_process as well as in QGIS desktop. QGIS 3.22 stores
the user's locale as ``zh-Hans``; systems say ``zh_CN``; we try each spelling.
"""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "MinePlan"
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
I18N_DIR = os.path.join(PLUGIN_DIR, "i18n")

_translator: QTranslator | None = None
_loaded_locale: str | None = None


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for translation where it is defined (a table, a class attribute) and translate it
    with tr() where it is shown. scripts/update_ts.py collects both tr("…") and N_("…")."""
    return text


def user_locale() -> str:
    """The locale QGIS uses for its UI: the user's choice when "override system locale" is on
    (e.g. 'zh-Hans'), else the system locale (e.g. 'zh_CN')."""
    try:
        from qgis.core import QgsSettings
        settings = QgsSettings()
        if settings.value("locale/overrideFlag", False, type=bool):
            user = settings.value("locale/userLocale", "", type=str)
            if user:
                return user
    except ImportError:   # outside QGIS
        pass
    return QLocale.system().name()


def candidate_names(locale: str) -> list[str]:
    """'zh-Hans' → ['zh-Hans', 'zh_CN', 'zh']; 'zh_CN' → ['zh_CN', 'zh-Hans', 'zh']."""
    loc = (locale or "").replace("-", "_")
    out: list[str] = []
    if locale:
        out.append(locale)
    low = loc.lower()
    if low.startswith("zh") and not any(x in low for x in ("hant", "_tw", "_hk", "_mo")):
        out += ["zh-Hans", "zh_CN", "zh_Hans"]
    if "_" in loc:
        out.append(loc)
        out.append(loc.split("_")[0])
    elif loc:
        out.append(loc)
    seen = []
    for n in out:
        if n and n not in seen:
            seen.append(n)
    return seen


def install_translator(locale: str | None = None) -> str | None:
    """Install the plugin's translator for ``locale`` (default: the user's). Returns the file used."""
    global _translator, _loaded_locale
    locale = locale if locale is not None else user_locale()
    app = QCoreApplication.instance()
    if app is None:
        return None
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
        _loaded_locale = None
    for name in candidate_names(locale):
        path = os.path.join(I18N_DIR, f"mineplan_{name}.qm")
        if os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                _translator = translator
                _loaded_locale = name
                return path
    return None


def remove_translator():
    global _translator, _loaded_locale
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
    _translator = None
    _loaded_locale = None


def is_chinese() -> bool:
    return _loaded_locale is not None and _loaded_locale.lower().startswith("zh")


def label(zh: str, en: str) -> str:
    """One language per UI: the Chinese label under a Chinese QGIS, the English one otherwise. Used for
    the vocabulary's pairs (roles, checks, activities), which are data rather than tr() strings."""
    return zh if is_chinese() else en
