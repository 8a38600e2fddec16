"""Write processing_provider/models/compliance_chain.model3: the review's chain in the graphical modeler.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_model.py

redlineoverlap → minimumscale → mineralpolicy → zoneassignment, each step keeping the fields of the
previous ones (a field an earlier step already wrote is kept as <name>_in, <name>_in2 …).
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QPointF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "processing_provider", "models", "compliance_chain.model3")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    m = QgsProcessingModelAlgorithm("compliancechain", "Plan review and indicators", "review")
    poly = [QgsProcessing.TypeVectorPolygon]
    inputs = [("PROPOSED", "待审查要素 / Features under review", False),
              ("ECO_REDLINE", "生态保护红线 / Ecological red line", True),
              ("BASIC_FARMLAND", "永久基本农田 / Permanent basic farmland", True),
              ("URBAN_BOUNDARY", "城镇开发边界 / Urban development boundary", True),
              ("NATURE_RESERVE", "自然保护地 / Nature reserves", True),
              ("KEY_MINING_AREAS", "重点开采区 / Key mining areas", True),
              ("CONCENTRATED_MINING_AREAS", "集中开采区 / Concentrated mining areas", True),
              ("MINING_BLOCKS", "开采规划区块 / Mining planning blocks", True)]
    for i, (name, label, optional) in enumerate(inputs):
        p = QgsProcessingParameterFeatureSource(name, label, poly, optional=optional)
        mp = QgsProcessingModelParameter(name)
        mp.setPosition(QPointF(120, 60 + 70 * i))
        m.addModelParameter(p, mp)

    def child(cid, alg, desc, x, y, sources):
        c = QgsProcessingModelChildAlgorithm(alg)
        c.setChildId(cid)
        c.setDescription(desc)
        c.setPosition(QPointF(x, y))
        for key, src in sources.items():
            c.addParameterSources(key, [src])
        return c

    P = QgsProcessingModelChildParameterSource.fromModelParameter
    S = QgsProcessingModelChildParameterSource.fromStaticValue
    C = QgsProcessingModelChildParameterSource.fromChildOutput
    overlap = child("overlap", "mineplan:redlineoverlap", "控制线压覆 / Control-line overlap", 480, 120, {
        "INPUT": P("PROPOSED"), "ECO_REDLINE": P("ECO_REDLINE"), "BASIC_FARMLAND": P("BASIC_FARMLAND"),
        "URBAN_BOUNDARY": P("URBAN_BOUNDARY"), "NATURE_RESERVE": P("NATURE_RESERVE"), "AREA_METHOD": S(0),
        "MIN_OVERLAP_AREA": S(1.0), "INVALID_GEOMETRY": S(0), "ACTIVITY": S(0)})
    scale = child("scale", "mineplan:minimumscale", "最低开采规模 / Minimum scale", 480, 260,
                  {"INPUT": C("overlap", "OUTPUT")})
    policy = child("policy", "mineplan:mineralpolicy", "开采矿种准入 / Mineral policy", 480, 400,
                   {"INPUT": C("scale", "OUTPUT")})
    zones = child("zones", "mineplan:zoneassignment", "规划分区 / Zones", 480, 540, {
        "INPUT": C("policy", "OUTPUT"), "KEY_MINING_AREAS": P("KEY_MINING_AREAS"),
        "CONCENTRATED_MINING_AREAS": P("CONCENTRATED_MINING_AREAS"), "MINING_BLOCKS": P("MINING_BLOCKS"),
        "METHOD": S(0), "INVALID_GEOMETRY": S(0)})
    out = QgsProcessingModelOutput("REVIEW", "审查结果 / Review")
    out.setChildOutputName("OUTPUT")
    out.setPosition(QPointF(760, 600))
    zones.setModelOutputs({"REVIEW": out})
    for c in (overlap, scale, policy, zones):
        m.addChildAlgorithm(c)
    m.updateDestinationParameters()
    m.setHelpContent({"ALG_DESC": "规划符合性检查链（模型）/ Compliance check chain (model). The plan-compliance checks of mineplan:compliancereview as a model: overlap, minimum "
                                  "scale, mineral policy and zones in a chain. Each step keeps the fields of the "
                                  "earlier ones (a name already present is kept with the suffix _in, _in2 …)."})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    if not m.toFile(OUT):
        sys.exit("could not write " + OUT)
    print(OUT)
    app.exitQgis()


if __name__ == "__main__":
    main()
