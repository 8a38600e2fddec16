"""mineplan:completeapplication — 补全申请信息 / Complete the application (issue 18, contract A).

An imported parcel layer (mineplan:importcoordinates) carries what the coordinate file says (名称, 面积, 标高, 块段);
this step adds what it does not (矿种, 开采/勘查, 申请类型, 规模, 申请人 …) and writes an applications layer with the
field names of the sample's proposed_rights, so mineplan:compliancereview reads it with no field mapping."""
from __future__ import annotations

import os
import re

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.support.i18n import N_
from ..rules.loader import load_ruleset
from ..rules.model.errors import CanceledError, InputValueError
from ..rules.model.ruleset import SCALES
from ..rules.model.units import parse_unit
from ..rules.model.vocab import APP_TYPES
from .base import MinePlanAlgorithm
from .writing import fields_from

RIGHT_TYPES = ("采矿权", "探矿权")
METHODS = ("（未注明）", "地下", "露天")    # 专栏6 rows that apply to one method only need it
APP_FIELDS = [("app_no", "str", "申请编号", 50), ("app_name", "str", "申请名称", 200), ("applicant", "str", "申请人", 200),
              ("right_type", "str", "矿业权类型", 20), ("app_type", "str", "申请类型", 30),
              ("license_no", "str", "许可证号", 50), ("mineral", "str", "矿种", 50), ("scale", "str", "规模", 10),
              ("capacity", "double", "生产规模", 20, 4), ("capacity_unit", "str", "生产规模单位", 20),
              ("reserves", "double", "储量", 20, 4), ("reserves_unit", "str", "储量单位", 20),
              ("mining_method", "str", "开采方式", 30), ("mining_recovery", "double", "开采回采率", 12, 4),
              ("processing_recovery", "double", "选矿回收率", 12, 4), ("comprehensive_use", "double", "综合利用率", 12, 4),
              ("funding", "str", "资金来源", 50), ("grant_method", "str", "出让方式", 50),
              ("elev_top", "double", "最高标高(米)", 12, 2), ("elev_bottom", "double", "最低标高(米)", 12, 2),
              ("block_elev", "str", "块段标高", 500), ("declared_area", "double", "申报面积", 20, 6),
              ("area_unit", "str", "面积单位", 10), ("coord_system", "str", "坐标系统", 40),
              ("source_file", "str", "来源文件", 255)]
APPLICATION_KEYS = ("app_no", "mineral", "right_type")      # what makes a layer an applications layer
FROM_PARCEL = ("app_name", "elev_top", "elev_bottom", "block_elev", "declared_area", "area_unit", "coord_system",
               "source_file")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_text(text) -> str | None:
    """A text parameter as one line: control characters (a pasted newline, NUL) become one space."""
    t = _CONTROL.sub(" ", str(text or "")).strip()
    return t or None


def mineral_names() -> list:
    """The default rule set's mineral vocabulary (canonical names, in the dictionary's order)."""
    try:
        return [m.name for m in load_ruleset().minerals.entries]
    except Exception:       # noqa: BLE001 - a broken rule set shows no choices; processing reports it on run
        return []


class CompleteApplication(MinePlanAlgorithm):
    ALG_ID = "completeapplication"
    GROUP = "data"
    NAME = N_("Complete the application")
    # help of this algorithm's own parameters (shared ones: parameters.SHARED_HELP); rarely changed ones
    # under the dialog's "Advanced" (field overrides, area method and thresholds always are)
    PARAM_HELP = {
        "INPUT": N_("The parcels made by Import corner coordinates from the applicant's file."),
        "MINERAL": N_("The mineral applied for, from the rule file's dictionary; empty: the one the coordinate file names."),
        "RIGHT_TYPE": N_("采矿权 (mining) or 探矿权 (exploration); empty: what the coordinate file says, else 采矿权."),
        "APP_TYPE": N_("The application type (新立, 延续, 扩大范围 …): the plan's rules differ by type."),
        "SCALE": N_("The reserve scale of the deposit (大型/中型/小型): 专栏6 sets the minimum capacity by it."),
        "MINING_METHOD": N_("Open-pit or underground, where the plan's minimums depend on it."),
        "CAPACITY": N_("The design production capacity per year, in the unit below."),
        "RESERVES": N_("The reserves, in the unit below."),
        "MINING_RECOVERY": N_("开采回采率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率)."),
        "PROCESSING_RECOVERY": N_("选矿回收率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率)."),
        "COMPREHENSIVE_USE": N_("综合利用率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率)."),
        "CAPACITY_UNIT": N_("Unit of the capacity: 万吨/年, 万立方米/年, 矿物万吨/年 …; an unknown unit is refused before anything is written."),
        "RESERVES_UNIT": N_("Unit of the reserves: 万吨, 万立方米 …"),
        "APPLICANT": N_("The applicant (申请人), printed in the 审查意见书."),
        "GRANT_METHOD": N_("How the right is granted (出让方式, e.g. 净矿出让): 建筑石料 rights must be granted as 净矿."),
        "FUNDING": N_("Funding source of an exploration right (资金来源): public money sets no new exploration right."),
        "LICENSE_NO": N_("The licence number (许可证号) a 延续 or 变更 continues; matched against the existing rights."),
        "APP_NO": N_("The application number (申请编号); empty: the coordinate file's name."),
        "APPEND_TO": N_("Optional existing applications layer: its applications are kept and this one is added after them."),
        "OUTPUT": N_("The applications layer the review reads without any field mapping (矿种, 申请类型, 规模 … under the names the review detects)."),
    }

    INPUT = "INPUT"
    MINERAL = "MINERAL"
    RIGHT_TYPE = "RIGHT_TYPE"
    APP_TYPE = "APP_TYPE"
    SCALE = "SCALE"
    METHOD = "MINING_METHOD"
    APPEND_TO = "APPEND_TO"
    OUTPUT = "OUTPUT"
    NUMBERS = (("CAPACITY", "capacity", N_("Production capacity (生产规模)")),
               ("RESERVES", "reserves", N_("Reserves (储量)")),
               ("MINING_RECOVERY", "mining_recovery", N_("Mining recovery rate % (开采回采率)")),
               ("PROCESSING_RECOVERY", "processing_recovery", N_("Processing recovery rate % (选矿回收率)")),
               ("COMPREHENSIVE_USE", "comprehensive_use", N_("Comprehensive utilisation rate % (综合利用率)")))
    TEXTS = (("CAPACITY_UNIT", "capacity_unit", N_("Unit of the production capacity"), "万吨/年"),
             ("RESERVES_UNIT", "reserves_unit", N_("Unit of the reserves"), "万吨"),
             ("APPLICANT", "applicant", N_("Applicant (申请人)"), ""),
             ("GRANT_METHOD", "grant_method", N_("Grant method (出让方式, e.g. 净矿出让)"), ""),
             ("FUNDING", "funding", N_("Funding source (资金来源, exploration)"), ""),
             ("LICENSE_NO", "license_no", N_("Licence number (许可证号, for 延续/变更)"), ""),
             ("APP_NO", "app_no", N_("Application number (empty: the file name)"), ""))

    def help_text(self):
        return self.tr(
            "Adds to “Imported parcels” (from Import corner coordinates) what a coordinate file does not carry "
            "and writes “Applications”, a layer that Compliance review reads without any field mapping: “Mineral "
            "(矿种; empty: the coordinate file's)”, “Right type (开采/勘查; empty: the coordinate file's, else 采矿权)” — "
            "a 报盘 file states 开采矿种/勘查矿种, the 申请人 and 采矿权 or 探矿权, taken when these are left empty (a "
            "value chosen here wins, with a warning when it differs) —, “Application type (申请类型)”, “Reserve scale (储量规模)”, “Mining method "
            "(开采方式)”, “Production capacity (生产规模)” with “Unit of the production capacity”, “Reserves (储量)” with "
            "“Unit of the reserves”, the 三率 (“Mining recovery rate % (开采回采率)”, “Processing recovery rate % "
            "(选矿回收率)”, “Comprehensive utilisation rate % (综合利用率)”, at most 100), “Applicant (申请人)”, “Grant "
            "method (出让方式, e.g. 净矿出让)”, “Funding source (资金来源, exploration)” and “Licence number (许可证号, for "
            "延续/变更)”. The choices are the rule set's vocabulary (its mineral dictionary, the plan's application "
            "types and scales). What the file said (名称, 申报面积, 标高, 块段, 坐标系统, 来源文件) is kept.\n“Application number "
            "(empty: the file name)”: empty gives the coordinate file's name without extension (-2, -3 … for "
            "further parcels of one run). “Existing applications layer”: its features are copied first, so one "
            "layer collects the applications of a day. Empty numbers stay empty: the review then says 未检查 for "
            "the check that needs them, never 符合.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.minerals = mineral_names()
        try:
            self.dictionary = load_ruleset().minerals
        except Exception:   # noqa: BLE001 - a broken rule set: no file mineral is resolved (error on run)
            self.dictionary = None
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Imported parcels"),
                                                              [QgsProcessing.SourceType.TypeVectorPolygon]))
        # static strings: qgis_process and models pass MINERAL=金矿, not an index that moves with the dictionary
        # 矿种 and 开采/勘查 may stay empty: the 报盘 header's 开采矿种 / 勘查矿种 and 采矿权/探矿权 are taken then
        for key, label, options, default, optional in (
                (self.MINERAL, N_("Mineral (矿种; empty: the coordinate file's)"), self.minerals, None, True),
                (self.RIGHT_TYPE, N_("Right type (开采/勘查; empty: the coordinate file's, else 采矿权)"), RIGHT_TYPES,
                 None, True),
                (self.APP_TYPE, N_("Application type (申请类型)"), APP_TYPES, APP_TYPES[0], False),
                (self.SCALE, N_("Reserve scale (储量规模)"), SCALES, SCALES[2], False),
                (self.METHOD, N_("Mining method (开采方式)"), METHODS, METHODS[0], False)):
            self.addParameter(QgsProcessingParameterEnum(key, self.tr(label), list(options), defaultValue=default,
                                                         usesStaticStrings=True, optional=optional))
        for key, _field, label in self.NUMBERS:
            self.addParameter(QgsProcessingParameterNumber(key, self.tr(label), QgsProcessingParameterNumber.Type.Double,
                                                           optional=True, minValue=0.0))
        for key, _field, label, default in self.TEXTS:
            self.addParameter(QgsProcessingParameterString(key, self.tr(label), defaultValue=default, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(self.APPEND_TO, self.tr("Existing applications layer"),
                                                              [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Applications"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("APPLICATIONS", self.tr("Applications")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", self.tr("Parcels without geometry (skipped)")))

    def check_hostile(self, parameters, context, feedback=None):
        super().check_hostile(parameters, context, feedback)
        for key in ("CAPACITY_UNIT", "RESERVES_UNIT"):
            text = (self.parameterAsString(parameters, key, context) or "").strip()
            if text:
                parse_unit(text)            # InputValueError: 无法识别的单位 … before anything is written
        for key in ("MINING_RECOVERY", "PROCESSING_RECOVERY", "COMPREHENSIVE_USE"):
            value = self._number(parameters, key, context)
            if value is not None and value > 100:
                raise InputValueError(f"{key} = {value:g}：比率以百分数填写，不能大于 100",
                                      f"{key} = {value:g}: rates are percentages, at most 100")

    def _number(self, parameters, key, context) -> float | None:
        if parameters.get(key) in (None, ""):
            return None
        return self.parameterAsDouble(parameters, key, context)

    def _facts(self, parameters, context) -> dict:
        """What the planner said, as applications-layer values (contract A)."""
        enum = {f: self.parameterAsEnumString(parameters, k, context)
                for k, f in ((self.MINERAL, "mineral"), (self.RIGHT_TYPE, "right_type"), (self.APP_TYPE, "app_type"),
                             (self.SCALE, "scale"), (self.METHOD, "mining_method"))}
        enum["mining_method"] = None if enum["mining_method"] == METHODS[0] else enum["mining_method"]
        vals = dict(enum)
        vals.update({f: self._number(parameters, k, context) for k, f, _l in self.NUMBERS})
        vals.update({f: clean_text(self.parameterAsString(parameters, k, context)) for k, f, _l, _d in self.TEXTS})
        for number, unit in (("capacity", "capacity_unit"), ("reserves", "reserves_unit")):
            if vals[number] is None:
                vals[unit] = None       # a unit without a number is no fact
        return vals

    def process(self, parameters, context, feedback) -> dict:
        source, _name = self.required_source(parameters, self.INPUT, context)
        facts = self._facts(parameters, context)
        names = [f[0] for f in APP_FIELDS]
        crs = source.sourceCrs()
        rows = self._existing(parameters, context, crs, names)
        have = source.fields().names()
        base_no, skipped, used = facts.pop("app_no"), 0, {}
        for f in source.getFeatures():
            if feedback.isCanceled():
                raise CanceledError()
            g = f.geometry()
            if g is None or g.isEmpty():
                skipped += 1
                feedback.reportError(f"#{f.id()}: 无几何，已跳过 / no geometry, skipped")
                continue
            vals = dict(facts)
            vals.update({n_: f[n_] if n_ in have else None for n_ in FROM_PARCEL})
            self._from_file(vals, f, have, feedback)
            if not vals["app_name"] and "name" in have:
                vals["app_name"] = f["name"]
            base = base_no or os.path.splitext(str(vals.get("source_file") or ""))[0] or f"APP{f.id()}"
            used[base] = used.get(base, 0) + 1           # -2, -3 … only for further parcels of one base
            vals["app_no"] = base if used[base] == 1 else f"{base}-{used[base]}"
            g.convertToMultiType()
            rows.append((g, [vals.get(k) for k in names], vals["app_no"]))
        dest = self.write_features(parameters, self.OUTPUT, context, fields_from(APP_FIELDS), QgsWkbTypes.Type.MultiPolygon,
                                   crs, rows, feedback)
        feedback.pushInfo(f"{len(rows)} 项申请 / application(s); {skipped} 跳过 / skipped")
        return {self.OUTPUT: dest, "APPLICATIONS": len(rows), "SKIPPED": skipped}

    def _from_file(self, vals: dict, f, have, feedback) -> None:
        """矿种 / 矿业权类型 / 申请人 not given as parameters: the imported parcel's (the 报盘 header's). A chosen value
        that differs from the file's wins, with a warning; no 矿种 at all is an error before anything is written."""
        file_vals = {k: (str(f[k]).strip() if k in have and f[k] not in (None, "") and str(f[k]) != "NULL" else None)
                     for k in ("mineral", "right_type", "applicant")}
        if file_vals["mineral"] and not vals.get("mineral"):     # only the file's mineral that is used must be known
            m = self.dictionary.resolve(file_vals["mineral"]) if self.dictionary else None
            if m is None:
                raise InputValueError(f"坐标文件所写矿种“{file_vals['mineral']}”不在矿种字典中，请在“矿种”中选择",
                                      f"the coordinate file's mineral '{file_vals['mineral']}' is not in the mineral "
                                      "dictionary: choose one in Mineral")
            file_vals["mineral"] = m.name
        for key in ("mineral", "right_type", "applicant"):
            given, from_file = vals.get(key), file_vals[key]
            if given and from_file and given != from_file:
                feedback.pushWarning(f"#{f.id()}: 参数{key}“{given}”与坐标文件的“{from_file}”不同，按参数 / "
                                     f"{key} '{given}' differs from the coordinate file's '{from_file}': the parameter "
                                     "is used")
            vals[key] = given or from_file
        if not vals["right_type"]:
            vals["right_type"] = RIGHT_TYPES[0]
        if not vals["mineral"]:
            raise InputValueError("未选择矿种，坐标文件也未写明矿种（开采矿种/勘查矿种）",
                                  "no mineral chosen and the coordinate file states none (开采矿种/勘查矿种)")

    def _existing(self, parameters, context, crs, names) -> list:
        """The rows of APPEND_TO, in the new parcels' CRS."""
        if not parameters.get(self.APPEND_TO):
            return []
        existing = self.source(parameters, self.APPEND_TO, context)
        if existing is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.APPEND_TO))
        lacking = [n for n in APPLICATION_KEYS if n not in existing.fields().names()]
        if lacking:
            # the imported parcels or a rights layer given here would add rows without 申请编号 or 矿种
            raise InputValueError(f"“已有申请图层”不是申请图层（缺少字段 {'、'.join(lacking)}）：请选择本工具以前输出的申请图层",
                                  f"the existing applications layer is not an applications layer (no field "
                                  f"{', '.join(lacking)}): choose a layer this tool wrote before")
        req = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
        have = existing.fields().names()
        return [(f.geometry(), [f[n] if n in have else None for n in names], f"APPEND_TO #{f.id()}")
                for f in existing.getFeatures(req)]
