"""Python ``logging`` of the plugin, forwarded to the QGIS message log (tab "MinePlan")."""
from __future__ import annotations

import logging

LOGGER_NAME = "mineplan"
TAG = "MinePlan"


class QgsLogHandler(logging.Handler):
    def emit(self, record):
        try:
            from qgis.core import Qgis, QgsMessageLog
            level = (Qgis.MessageLevel.Critical if record.levelno >= logging.ERROR else
                     Qgis.MessageLevel.Warning if record.levelno >= logging.WARNING else Qgis.MessageLevel.Info)
            QgsMessageLog.logMessage(self.format(record), TAG, level)
        except Exception:  # noqa: BLE001 - logging must never raise
            pass


def get_logger() -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, QgsLogHandler) for h in logger.handlers):
        handler = QgsLogHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger
