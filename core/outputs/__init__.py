"""What the algorithms write: the output columns (columns), the shapefile limits (shapefile) and the layer styles
(styles)."""
