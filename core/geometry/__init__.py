"""Geometry that knows nothing of the plan: cleaning and repair of input geometries (clean), the working CRS and
ellipsoidal areas (measure), and polygon set operations that always return valid polygons (ops)."""
