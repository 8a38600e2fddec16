"""Write processing_provider/models/compliance_chain.model3: the compliance review as a graphical model.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_model.py

待审查要素 and the role layers → mineplan:compliancereview (the one review pipeline: one combined verdict
per feature, the same as the dock and the algorithm) → native:extractbyexpression keeps the features that
need attention (不符合 and 需论证). Two outputs: 审查结果 (REVIEW) and 需关注要素 (ATTENTION). An analyst
copies the model and chains more steps after either output.
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
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
)
from qgis.PyQt.QtCore import QPointF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "processing_provider", "models", "compliance_chain.model3")
sys.path.insert(0, os.path.dirname(ROOT))

POLY = [QgsProcessing.TypeVectorPolygon]
# (parameter, label, optional, types) — 待审查要素 first, then the layers in the order a planner thinks of them
INPUTS = [
    ("PROPOSED", "待审查要素 / Features under review", False, POLY),
    ("ECO_REDLINE", "生态保护红线 / Ecological protection red line", True, POLY),
    ("BASIC_FARMLAND", "永久基本农田 / Permanent basic farmland", True, POLY),
    ("URBAN_BOUNDARY", "城镇开发边界 / Urban development boundary", True, POLY),
    ("NATURE_RESERVE", "自然保护地 / Nature reserves", True, POLY),
    ("KEY_EXPLORATION_AREAS", "重点勘查区 / Key exploration areas", True, POLY),
    ("KEY_MINING_AREAS", "重点开采区 / Key mining areas", True, POLY),
    ("CONCENTRATED_MINING_AREAS", "集中开采区 / Concentrated mining areas", True, POLY),
    ("EXPLORATION_BLOCKS", "勘查规划区块 / Exploration planning blocks", True, POLY),
    ("MINING_BLOCKS", "开采规划区块 / Mining planning blocks", True, POLY),
    ("KEY_DEVELOPMENT_AREAS", "重点发展区域 / Key development areas", True, POLY),
    ("MINING_RIGHTS", "现有采矿权 / Existing mining rights", True, [QgsProcessing.TypeVector]),
    ("EXPLORATION_RIGHTS", "现有探矿权 / Existing exploration rights", True, [QgsProcessing.TypeVector]),
]


def main():
    app = QgsApplication([], False)
    app.initQgis()
    m = QgsProcessingModelAlgorithm("compliancechain", "规划审查与指标", "review")
    y = 60
    for name, label, optional, types in INPUTS:
        p = QgsProcessingParameterFeatureSource(name, label, types, optional=optional)
        mp = QgsProcessingModelParameter(name)
        mp.setPosition(QPointF(140, y))
        m.addModelParameter(p, mp)
        y += 60
    others = QgsProcessingParameterMultipleLayers("OTHER_CONSTRAINTS", "其他管控要素 / Other constraint layers",
                                                  QgsProcessing.TypeVectorAnyGeometry, optional=True)
    mp = QgsProcessingModelParameter("OTHER_CONSTRAINTS")
    mp.setPosition(QPointF(140, y))
    m.addModelParameter(others, mp)
    rules = QgsProcessingParameterFile("RULESET", "规划规则文件（空 = 灵宝市2021-2025年）/ Plan rule file",
                                       optional=True, fileFilter="YAML (*.yaml *.yml)")
    mp = QgsProcessingModelParameter("RULESET")
    mp.setPosition(QPointF(140, y + 60))
    m.addModelParameter(rules, mp)

    P = QgsProcessingModelChildParameterSource.fromModelParameter
    S = QgsProcessingModelChildParameterSource.fromStaticValue
    C = QgsProcessingModelChildParameterSource.fromChildOutput
    review = QgsProcessingModelChildAlgorithm("mineplan:compliancereview")
    review.setChildId("review")
    review.setDescription("规划符合性审查 / Plan compliance review")
    review.setPosition(QPointF(520, 300))
    for name, *_ in INPUTS:
        review.addParameterSources(name, [P(name)])
    for name in ("OTHER_CONSTRAINTS", "RULESET"):
        review.addParameterSources(name, [P(name)])
    for name, value in (("ACTIVITY", 0), ("AREA_METHOD", 0), ("MIN_OVERLAP_AREA", 1.0), ("INVALID_GEOMETRY", 0)):
        review.addParameterSources(name, [S(value)])
    out = QgsProcessingModelOutput("REVIEW", "审查结果 / Review results")
    out.setChildOutputName("OUTPUT")
    out.setPosition(QPointF(760, 260))
    review.setModelOutputs({"REVIEW": out})

    attention = QgsProcessingModelChildAlgorithm("native:extractbyexpression")
    attention.setChildId("attention")
    attention.setDescription("不符合与需论证要素 / Features needing attention")
    attention.setPosition(QPointF(520, 480))
    attention.addParameterSources("INPUT", [C("review", "OUTPUT")])
    attention.addParameterSources("EXPRESSION", [S("\"verdict\" <> '符合'")])
    out2 = QgsProcessingModelOutput("ATTENTION", "需关注要素（不符合、需论证）/ Features needing attention")
    out2.setChildOutputName("OUTPUT")
    out2.setPosition(QPointF(760, 520))
    attention.setModelOutputs({"ATTENTION": out2})
    m.addChildAlgorithm(review)
    m.addChildAlgorithm(attention)
    m.updateDestinationParameters()
    m.setHelpContent({"ALG_DESC": (
        "规划符合性审查（模型）：待审查要素与各角色图层进入 mineplan:compliancereview（与停靠窗口、审查算法同一审查流程、"
        "同一结论），再提取不符合与需论证的要素。可复制本模型，在两个输出之后接续其他步骤。\n"
        "Plan compliance review as a model: the features under review and the role layers go through "
        "mineplan:compliancereview (the same pipeline and verdicts as the dock and the algorithm); the features "
        "that are not 符合 are extracted. Copy the model to chain more steps after either output.")})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    if not m.toFile(OUT):
        sys.exit("could not write " + OUT)
    print(OUT)
    app.exitQgis()


if __name__ == "__main__":
    main()
