"""QGIS-side shared code: geometry engine, layer helpers, reports, logging, translation."""
