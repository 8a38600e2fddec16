"""The QGIS-side engine: geometry, the overlap and review pipeline, siting and avoidance, outputs and reports.

Sub-packages from the ground up (a lower one never imports a higher one; tests/test_architecture.py): support,
geometry, inputs, overlap, review, siting, outputs, report. docs/architecture.md is the map.
"""
