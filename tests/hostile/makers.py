"""Generators of hostile layers and files for the algorithm suite (issue #11): everything is written into a
test's temporary folder from the sample (a copy) or from scratch — nothing large is committed.

    lyr = memory_layer("MultiPolygon", "EPSG:4546", [("app_no", "str"), ("capacity", "double")],
                       [("POLYGON((…))", ["X-1", 12.5])])
    path = save(lyr, tmp_path / "x.gpkg")                 # GPKG, SHP (encoding=…), CSV, GeoJSON
    gbk_shapefile_without_cpg(tmp_path / "gbk.shp", sample_layer("proposed_rights"))
"""
from __future__ import annotations

import os
import shutil

from conftest import SAMPLE, sample_layer

CONTROLS = {"ECO_REDLINE": sample_layer("eco_redline"), "BASIC_FARMLAND": sample_layer("basic_farmland"),
            "URBAN_BOUNDARY": sample_layer("urban_boundary"), "NATURE_RESERVE": sample_layer("nature_reserve")}
ZONES = {"KEY_EXPLORATION_AREAS": sample_layer("key_exploration_areas"),
         "KEY_MINING_AREAS": sample_layer("key_mining_areas"),
         "CONCENTRATED_MINING_AREAS": sample_layer("concentrated_mining_areas"),
         "EXPLORATION_BLOCKS": sample_layer("exploration_blocks"), "MINING_BLOCKS": sample_layer("mining_blocks"),
         "KEY_DEVELOPMENT_AREAS": sample_layer("key_development_areas")}
RIGHTS = {"MINING_RIGHTS": sample_layer("mining_rights"), "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}
PROPOSED = sample_layer("proposed_rights")
# a 20 × 10 km block over the sample's farmland (EPSG:4546): thousands of parcel ids in farm_ids
BIG_BLOCK = "POLYGON((470000 3818000, 490000 3818000, 490000 3828000, 470000 3828000, 470000 3818000))"

_TYPES = {"str": "String", "int": "Int", "double": "Double"}


def qvariant(kind: str):
    from qgis.PyQt.QtCore import QVariant
    return {"str": QVariant.String, "int": QVariant.Int, "double": QVariant.Double, "long": QVariant.LongLong}[kind]


def memory_layer(geometry: str, crs: str | None, fields, rows, name: str = "m"):
    """A memory layer: ``geometry`` 'MultiPolygon', 'Point', 'None' …; ``fields`` [(name, kind[, length])];
    ``rows`` [(WKT or None, [values])]. ``crs`` None makes a layer without CRS."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    uri = geometry if crs is None else f"{geometry}?crs={crs}"
    lyr = QgsVectorLayer(uri, name, "memory")
    assert lyr.isValid(), uri
    if crs is None:
        from qgis.core import QgsCoordinateReferenceSystem
        lyr.setCrs(QgsCoordinateReferenceSystem())
    pr = lyr.dataProvider()
    pr.addAttributes([QgsField(f[0], qvariant(f[1]), "", f[2] if len(f) > 2 else 0) for f in fields])
    lyr.updateFields()
    feats = []
    for wkt, values in rows:
        f = QgsFeature(lyr.fields())
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(list(values))
        feats.append(f)
    assert pr.addFeatures(feats)
    return lyr


def save(layer, path, driver: str | None = None, encoding: str = "UTF-8", layer_name: str | None = None,
         crs=None) -> str:
    """Write ``layer`` to ``path`` (driver from the extension); returns the path (GPKG: path|layername=…)."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter
    path = str(path)
    ext = os.path.splitext(path)[1].lower()
    driver = driver or {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".csv": "CSV", ".geojson": "GeoJSON",
                        ".dbf": "ESRI Shapefile"}[ext]
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = driver
    opts.fileEncoding = encoding
    if layer_name:
        opts.layerName = layer_name
        if os.path.exists(path):
            opts.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    if crs is not None:
        from qgis.core import QgsCoordinateTransform
        opts.ct = QgsCoordinateTransform(layer.crs(), crs, QgsCoordinateTransformContext())
    if driver == "CSV":
        opts.layerOptions = ["GEOMETRY=AS_WKT"]
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    if driver == "GPKG" and layer_name:
        return f"{path}|layername={layer_name}"
    return path


def ogr_gpkg(path, layer: str, fields, rows, epsg: int | None = 4546, geometry: str = "polygon") -> str:
    """A GeoPackage written with GDAL directly (QGIS's writer would refuse what these tests need: text longer
    than its declared width). ``fields``: [(name, width)] text fields; ``rows``: [(WKT or None, [values])]."""
    from osgeo import ogr, osr
    path = str(path)
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.Open(path, 1) if os.path.exists(path) else drv.CreateDataSource(path)
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    gtype = {"polygon": ogr.wkbMultiPolygon, "point": ogr.wkbPoint, "none": ogr.wkbNone}[geometry]
    lyr = ds.CreateLayer(layer, srs, gtype)
    for name, width in fields:
        fd = ogr.FieldDefn(name, ogr.OFTString)
        fd.SetWidth(width)
        lyr.CreateField(fd)
    for wkt, values in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        if wkt:
            g = ogr.CreateGeometryFromWkt(wkt)
            if geometry == "polygon" and g.GetGeometryType() == ogr.wkbPolygon:
                g = ogr.ForceToMultiPolygon(g)
            f.SetGeometry(g)
        for i, v in enumerate(values):
            if v is not None:
                f.SetField(i, v)
        assert lyr.CreateFeature(f) == 0
    ds = None
    return f"{path}|layername={layer}"


def sample_copy(tmp_path, name: str = "sample.gpkg") -> str:
    """A private copy of the sample GeoPackage (a test may point an output at it)."""
    dst = os.path.join(str(tmp_path), name)
    shutil.copy2(SAMPLE, dst)
    return dst


def vector(path_or_uri):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(str(path_or_uri), "v", "ogr")
    assert lyr.isValid(), path_or_uri
    return lyr


def features(path_or_layer) -> list:
    lyr = vector(path_or_layer) if isinstance(path_or_layer, str) else path_or_layer
    return list(lyr.getFeatures())


def by(layer, key: str) -> dict:
    return {f[key]: f for f in layer.getFeatures()}


def proposed_feature(app_no: str):
    for f in vector(PROPOSED).getFeatures():
        if f["app_no"] == app_no:
            return f
    raise KeyError(app_no)


def without_crs(tmp_path, uri: str, name: str) -> str:
    """A shapefile copy of a layer without its .prj: the same coordinates, no CRS."""
    path = save(vector(uri), os.path.join(str(tmp_path), f"{name}.shp"))
    os.remove(os.path.splitext(path)[0] + ".prj")
    return path


def gbk_shapefile_without_cpg(path, uri: str = PROPOSED) -> str:
    """The everyday Chinese shapefile: GBK text, no .cpg (QGIS then reads it as UTF-8: 金矿 → ����)."""
    out = save(vector(uri), str(path), encoding="GBK")
    cpg = os.path.splitext(out)[0] + ".cpg"
    if os.path.exists(cpg):
        os.remove(cpg)
    return out


def files_in(folder) -> list:
    out = []
    for dirpath, _, names in os.walk(str(folder)):
        out += [os.path.relpath(os.path.join(dirpath, n), str(folder)) for n in names]
    return sorted(out)


_CONTEXTS: list = []


def run(processing, alg: str, params: dict, feedback=None, context=None):
    """Run ``mineplan:<alg>``; return (results, {output key: layer}). File outputs are opened from the file
    (what a user gets), temporary ones from the run's context (kept alive for the test)."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer
    context = context or QgsProcessingContext()
    _CONTEXTS.append(context)
    del _CONTEXTS[:-20]
    res = processing.run(alg if ":" in alg else f"mineplan:{alg}", params, context=context,
                         feedback=feedback or QgsProcessingFeedback())
    layers = {}
    for k, v in res.items():
        if hasattr(v, "getFeatures"):
            layers[k] = v
        elif isinstance(v, str) and k in ("OUTPUT", "OVERLAPS", "SUMMARY"):
            lyr = context.getMapLayer(v) if not os.path.exists(v.split("|")[0]) else None
            layers[k] = lyr if lyr is not None else QgsVectorLayer(v, k, "ogr")
    return res, layers


class Log:
    """A feedback that keeps every message (``lines``), warnings apart (``warnings``)."""

    def __new__(cls, cancel_after: int | None = None):
        from qgis.core import QgsProcessingFeedback

        class _Log(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines, self.warnings, self.checks = [], [], 0

            def pushInfo(self, text):  # noqa: N802
                self.lines.append(text)

            def pushWarning(self, text):  # noqa: N802
                self.lines.append(text)
                self.warnings.append(text)

            def reportError(self, text, fatal=False):  # noqa: N802
                self.lines.append(text)
                self.warnings.append(text)

            def isCanceled(self):  # noqa: N802
                self.checks += 1
                if cancel_after is not None and self.checks >= cancel_after:
                    self.cancel()
                return super().isCanceled()
        return _Log()


def refused(processing, alg: str, params: dict) -> str:
    """The bilingual error text of a run that must be refused (QgsProcessingException), never a traceback."""
    from qgis.core import QgsProcessingException
    try:
        run(processing, alg, params)
    except QgsProcessingException as exc:
        text = str(exc)
        assert "Traceback" not in text, text
        return text
    raise AssertionError(f"{alg} was not refused: {params}")
