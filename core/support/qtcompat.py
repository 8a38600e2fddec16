"""The few Qt/QGIS differences the plugin's code meets between QGIS 3.22 (PyQt 5.15), 3.40 / 3.44 (PyQt 5, with
QMetaType field types) and a Qt 6 build, in one place so that no other module needs a version test.

* Field types: ``QgsField(name, QVariant.String)`` is the 3.22 API; QGIS 3.38 added ``QMetaType.Type`` and
  deprecated the QVariant form; a Qt 6 build has no ``QVariant.Type`` at all. ``FIELD_TYPES`` holds the type to pass
  to ``QgsField`` on the running QGIS; ``is_text_field`` compares by the shared numeric value (QVariant::String ==
  QMetaType::QString == 10), which is what ``QgsField.type()`` returns on every version.
* The locale's codec name: ``QTextCodec`` is not in PyQt6 (Qt5Compat only); Python's locale gives the same answer.
* Installed font families: ``QFontDatabase().families()`` on Qt 5 (instance method), ``QFontDatabase.families()``
  on Qt 6 (static; the constructor is deprecated there).
"""
from __future__ import annotations

import locale

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType

try:                                   # PyQt5: both exist; PyQt6: only QMetaType
    from qgis.PyQt.QtCore import QVariant
except ImportError:                    # pragma: no cover — Qt 6 builds
    QVariant = None

_USE_METATYPE = Qgis.QGIS_VERSION_INT >= 33800 or QVariant is None or not hasattr(QVariant, "String")

if _USE_METATYPE:
    FIELD_TYPES = {"str": QMetaType.Type.QString, "int": QMetaType.Type.Int, "double": QMetaType.Type.Double,
                   "long": QMetaType.Type.LongLong}
else:
    FIELD_TYPES = {"str": QVariant.String, "int": QVariant.Int, "double": QVariant.Double,
                   "long": QVariant.LongLong}

_TEXT = 10   # QVariant::String == QMetaType::QString


def is_text_field(field) -> bool:
    t = field.type()
    return int(getattr(t, "value", t)) == _TEXT


def locale_codec_name() -> str:
    """The system's text codec name as QTextCodec.codecForLocale() gives it on Qt 5 (e.g. 'UTF-8', 'GBK')."""
    try:
        from qgis.PyQt.QtCore import QTextCodec
        return bytes(QTextCodec.codecForLocale().name()).decode("ascii", "replace")
    except ImportError:                # pragma: no cover — Qt 6 builds
        return locale.getpreferredencoding(False) or "UTF-8"


def font_families() -> list:
    from qgis.PyQt.QtGui import QFontDatabase
    try:
        return list(QFontDatabase.families())       # Qt 6: static
    except TypeError:                               # Qt 5: an instance method
        return list(QFontDatabase().families())
