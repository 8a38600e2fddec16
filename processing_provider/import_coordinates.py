"""mineplan:importcoordinates — 拐点坐标导入 / Import corner coordinates."""
from __future__ import annotations

import os

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core.geometry.measure import distance_area
from ..core.support import messages as M
from ..core.support.i18n import N_, tr
from ..rules.coordinates.parse import AREA_UNIT_CODES, CoordinateFileError, block_elev_text, declared_unit, parse_file
from ..rules.model.errors import CanceledError
from .base import MinePlanAlgorithm
from .writing import fields_from

FORMATS = ["auto", "bubiao", "csv", "baopan", "lonlat"]
AREA_UNITS = ["auto", "公顷", "平方千米", "平方米", "亩"]
OUT_FIELDS = [("parcel_no", "str", "地块编号", 50), ("name", "str", "地块名称", 200), ("usage", "str", "地块用途", 50),
              ("declared_area", "double", "申报面积", 20, 6), ("declared_unit", "str", "申报面积单位", 10),
              ("area_planar_m2", "double", "平面面积(平方米)", 20, 3),
              ("area_ellipsoid_m2", "double", "椭球面积(平方米)", 20, 3),
              ("area_diff_pct", "double", "面积差(%)", 12, 4), ("area_warning", "str", "面积提示", 300),
              ("point_count", "int", "界址点数"), ("ring_count", "int", "圈数"), ("source_line", "int", "文件行号"),
              ("crs", "str", "坐标系", 30),
              # what the file says about the application (contract A of the intake)
              ("app_name", "str", "申请名称", 200), ("area_unit", "str", "面积单位(km2/ha/m2)", 10),
              ("elev_top", "double", "最高标高(米)", 12, 2), ("elev_bottom", "double", "最低标高(米)", 12, 2),
              ("block_elev", "str", "块段标高", 500), ("coord_system", "str", "坐标系统", 40),
              ("source_file", "str", "来源文件", 255),
              # what a 报盘 header states (开采矿种, 申请人, 采矿权/探矿权): Complete the application takes them as defaults
              ("mineral", "str", "矿种", 50), ("applicant", "str", "申请人", 200),
              ("right_type", "str", "矿业权类型", 20)]


def parcel_geometry(parcel) -> QgsGeometry:
    polys = []
    for rings in parcel.polygons:
        polys.append([[QgsPointXY(e, n) for e, n in r + r[:1]] for r in rings])
    if len(polys) == 1:
        return QgsGeometry.fromPolygonXY(polys[0])
    return QgsGeometry.fromMultiPolygonXY(polys)


class ImportCoordinates(MinePlanAlgorithm):
    ALG_ID = "importcoordinates"
    GROUP = "data"
    NAME = N_("Import corner coordinates")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("The applicant's coordinate file: 部标 boundary-coordinate text, 报盘 registration text (XYnnn=…), a CSV list of corner points or a list of 经度/纬度; UTF-8 or GBK."),
        "FORMAT": N_("The file's format; auto-detected by default."),
        "ZONE": N_("Gauss-Krüger zone number for a file that states none (0: from the file header or the zone prefix of the Y coordinates)."),
        "ZONE_WIDTH": N_("Zone width of the coordinates of a CSV file: 3° or 6°."),
        "XY_ORDER": N_("Whether X is the northing and Y the easting (surveying, default) or the other way round."),
        "DECLARED_AREA_UNIT": N_("Unit of the area the file declares; auto picks the closest of 公顷, 平方千米, 平方米 and 亩."),
        "AREA_TOLERANCE": N_("A declared area differing from the computed planar area by more than this many percent is flagged."),
        "OUTPUT": N_("One polygon per parcel in its CGCS2000 Gauss-Krüger CRS, with what the file says (名称, 面积, 标高, 块段) as attributes."),
    }
    ADVANCED = ("ZONE", "ZONE_WIDTH", "XY_ORDER", "DECLARED_AREA_UNIT", "AREA_TOLERANCE")

    INPUT = "INPUT"
    FORMAT = "FORMAT"
    ZONE = "ZONE"
    ZONE_WIDTH = "ZONE_WIDTH"
    XY_ORDER = "XY_ORDER"
    AREA_UNIT = "DECLARED_AREA_UNIT"
    TOLERANCE = "AREA_TOLERANCE"
    OUTPUT = "OUTPUT"

    def help_text(self):
        return self.tr(
            "Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 "
            "Gauss-Krüger CRS.\n\n“Coordinate file”: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, "
            "带号; [地块坐标] records 'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines), a CSV list of "
            "corner points (点号, X, Y, optional 圈号 and 地块), a 采矿权/探矿权 登记 报盘 text ('XYnnn=点号,X,Y' corner lines, "
            "'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept), or a list of 经度/纬度 "
            "(decimal degrees, 111°05′30.5″, 111度05分30.5秒 or 1110530.5), projected on CGCS2000 to the "
            "Gauss-Krüger zone of its longitudes. “Format”: auto-detected by default. UTF-8 or GBK. Several "
            "parcels, several rings (a ring inside another is a hole); an open ring is closed on its first point "
            "with a warning (counted in “Open rings closed”).\nX is the northing and Y the easting unless "
            "“Coordinate order” says otherwise; Y may carry the zone number as prefix (37486000 → zone 37). The "
            "zone comes from the header, else from the prefix, else from “Zone number when the file has none (0 "
            "= from the file)”; “Zone width for CSV files”: 3° or 6°.\n“Unit of the declared area”: auto picks "
            "the closest of 公顷/平方千米/平方米/亩; a declared area differing from the computed planar area by more than "
            "“Area tolerance (%)” is flagged.\n“Parcels”: one polygon per parcel. A malformed file (missing "
            "header, wrong number of fields, a ring of fewer than 3 points, zone contradicting the eastings …) "
            "stops with an error naming the line.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Coordinate file"),
                                                     fileFilter="Text (*.txt *.csv *.TXT *.CSV);;All files (*)"))
        self.addParameter(QgsProcessingParameterEnum(
            self.FORMAT, self.tr("Format"), [self.tr("Auto-detect"), self.tr("部标 boundary-coordinate text"),
                                              self.tr("CSV list of points"),
                                              self.tr("报盘 registration text (XYnnn=…)"),
                                              self.tr("经纬度 list (decimal degrees or 度分秒)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(self.ZONE, self.tr("Zone number when the file has none (0 = "
                                                                          "from the file)"),
                                                       QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0,
                                                       maxValue=60))
        self.addParameter(QgsProcessingParameterEnum(self.ZONE_WIDTH, self.tr("Zone width for CSV files"),
                                                     ["3°", "6°"], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.XY_ORDER, self.tr("Coordinate order"),
            [self.tr("X = northing, Y = easting (surveying)"), self.tr("X = easting, Y = northing")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(self.AREA_UNIT, self.tr("Unit of the declared area"),
                                                     [self.tr("Auto"), "公顷 (ha)", "平方千米 (km²)", "平方米 (m²)", "亩"],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(self.TOLERANCE, self.tr("Area tolerance (%)"),
                                                       QgsProcessingParameterNumber.Type.Double, defaultValue=1.0,
                                                       minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Parcels"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", self.tr("Parcels")))
        self.addOutput(QgsProcessingOutputNumber("AREA_WARNINGS", self.tr("Area warnings")))
        self.addOutput(QgsProcessingOutputString("CRS", self.tr("CRS")))
        self.addOutput(QgsProcessingOutputNumber("CLOSED_RINGS", self.tr("Open rings closed")))
        self.add_truncation_output()

    def process(self, parameters, context, feedback) -> dict:
        path = self.parameterAsFile(parameters, self.INPUT, context)
        fmt = FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        zone = self.parameterAsInt(parameters, self.ZONE, context) or None
        width = (3, 6)[self.parameterAsEnum(parameters, self.ZONE_WIDTH, context)]
        xy = self.parameterAsEnum(parameters, self.XY_ORDER, context)
        unit = AREA_UNITS[self.parameterAsEnum(parameters, self.AREA_UNIT, context)]
        tol = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        # everything is read and checked before the sink is created: a bad file writes nothing
        try:
            cf = parse_file(path, fmt, zone, width, xy)
        except CoordinateFileError as exc:
            raise QgsProcessingException(str(exc)) from None
        except OSError as exc:
            raise QgsProcessingException(M.cannot_read(path, exc.strerror)) from None
        crs = QgsCoordinateReferenceSystem(f"EPSG:{cf.epsg}")
        if not crs.isValid():
            raise QgsProcessingException(M.unknown_epsg(cf.epsg))
        feedback.pushInfo(tr("{0} parcel(s); CRS {1} ({2})").format(len(cf.parcels), crs.authid(), crs.description()))
        for zh, en in cf.warnings:
            if hasattr(feedback, "pushWarning"):   # QGIS ≥ 3.16
                feedback.pushWarning(f"{zh} / {en}")
            else:
                feedback.reportError(f"{zh} / {en}")
        fields = fields_from(OUT_FIELDS)
        da = distance_area(crs)
        rows = []
        warnings = 0
        facts = cf.application
        for p in cf.parcels:
            g = parcel_geometry(p)
            if not g.isGeosValid():
                err = g.validateGeometry(Qgis.GeometryValidationEngine.Geos)
                why = err[0].what() if err else ""
                raise QgsProcessingException(M.invalid_outline(path, p.line, p.name, why))
            planar = g.area()
            ell = da.measureArea(g)
            warn, dunit, diff = "", None, None
            if p.declared_area is not None:
                dunit, declared_m2 = declared_unit(p.declared_area, planar,
                                                   p.area_unit if unit == "auto" and p.area_unit else unit)
                diff = 100.0 * (declared_m2 - planar) / planar if planar else None
                if diff is not None and abs(diff) > tol:
                    warn = (f"申报面积 {p.declared_area:g} {dunit} 与计算面积 {planar / 1e4:.4f} 公顷相差 {diff:.2f}%"
                            f"（容差 {tol:g}%）")
                    warnings += 1
                    feedback.reportError(f"{p.name}: {warn}")
            g.convertToMultiType()
            rows.append((g, [p.seq, p.name, p.usage, p.declared_area, dunit, round(planar, 3), round(ell, 3),
                             None if diff is None else round(diff, 4), warn, p.point_count, len(p.rings), p.line,
                             crs.authid(), p.name, AREA_UNIT_CODES.get(dunit, dunit) if dunit else None,
                             max((b[1] for b in p.blocks), default=None), min((b[2] for b in p.blocks), default=None),
                             block_elev_text(p.blocks), cf.coord_system, os.path.basename(path),
                             facts["mineral"], facts["applicant"], facts["right_type"]], f"{p.name or p.seq}（{path}:{p.line}）"))
            if feedback.isCanceled():
                raise CanceledError()
        dest = self.write_features(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon, crs, rows,
                                   feedback)
        return {self.OUTPUT: dest, "PARCEL_COUNT": len(rows), "AREA_WARNINGS": warnings, "CRS": crs.authid(),
                "CLOSED_RINGS": cf.closed_rings}
