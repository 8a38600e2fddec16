"""拐点坐标 files: parsing 部标, 报盘, CSV and lon/lat lists (parse, lonlat) and writing them (export)."""
