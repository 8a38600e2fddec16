<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MinePlan</name>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="55" />
      <source>A Jinja2 template replacing the bundled wording of the review report (copy core/report/templates/review_zh.html.j2 and edit it).</source>
      <translation>替换内置审查报告措辞的 Jinja2 模板（复制 core/report/templates/review_zh.html.j2 后修改）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="64" />
      <source>A Jinja2 template replacing the bundled wording of the 审查意见书: a bureau's own letterhead and wording.</source>
      <translation>替换内置审查意见书措辞的 Jinja2 模板：使用本单位的文头和措辞。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="71" />
      <source>A declared area differing from the computed planar area by more than this many percent is flagged.</source>
      <translation>申报面积与计算的平面面积相差超过该百分比时予以标记。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="98" />
      <source>A plan rule file (YAML). Leave empty for the bundled 灵宝市矿产资源总体规划（2021-2025年）; a bundled plan id such as lingbao_2021_2025 is accepted too.</source>
      <translation>规划规则文件（YAML）。留空则使用内置的《灵宝市矿产资源总体规划（2021-2025年）》；也可填写内置规划编号，如 lingbao_2021_2025。</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="87" />
      <source>Activity</source>
      <translation>审查类型</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="35" />
      <source>Activity (mining or exploration)</source>
      <translation>审查类型（开采或勘查）</translation>
    </message>
    <message>
      <source>Activity (采矿/探矿)</source>
      <translation type="obsolete">矿业权类型（采矿/探矿）</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="57" />
      <source>Activity field (采矿/探矿)</source>
      <translation>矿业权类型字段（采矿/探矿）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="130" />
      <source>Activity when no field says it</source>
      <translation>无类型字段时的审查类型</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="124" />
      <source>Activity: field {0}, default {1}</source>
      <translation>审查类型：字段 {0}，默认 {1}</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="186" />
      <source>Add the adjusted polygons to a scratch layer</source>
      <translation>将避让调整后的地块加入临时图层</translation>
    </message>
    <message>
      <source>Adds to imported parcels (Import corner coordinates) what a coordinate file does not carry — 矿种, 采矿权/探矿权, 申请类型, 储量规模, 生产规模 and 储量 with their units, 开采方式, 三率, 申请人, 出让方式, 资金来源, 许可证号, 申请编号 — and writes an applications layer that Compliance review reads without any field mapping. The choices are the rule set's vocabulary (its mineral dictionary, the plan's application types and scales). What the file said (名称, 申报面积, 标高, 块段, 坐标系统, 来源文件) is kept.
Application number empty: the coordinate file's name without extension (-2, -3 … for further parcels of one run). Existing applications layer: its features are copied first, so one layer collects the applications of a day. Empty numbers stay empty: the review then says 未检查 for the check that needs them, never 符合.</source>
      <translation type="obsolete">为导入的地块（拐点坐标导入）补充坐标文件中没有的信息——矿种、采矿权/探矿权、申请类型、储量规模、生产规模和储量及其单位、开采方式、三率、申请人、出让方式、资金来源、许可证号、申请编号——并写出合规性审查无需字段映射即可读取的申请图层。选项取自规则集的词汇（矿种词典、规划的申请类型和规模）。文件本身给出的信息（名称、申报面积、标高、块段、坐标系统、来源文件）保留。
申请编号为空时取坐标文件名（不含扩展名），同一次运行的其余地块加 -2、-3……。已有申请图层：先复制其要素，一天的申请可汇入同一图层。未填写的数值保持为空：审查对需要它的检查给出“未检查”，绝不给出“符合”。</translation>
    </message>
    <message>
      <source>Adds to “Imported parcels” (from Import corner coordinates) what a coordinate file does not carry and writes “Applications”, a layer that Compliance review reads without any field mapping: “Mineral (矿种)”, “Right type (开采/勘查)”, “Application type (申请类型)”, “Reserve scale (储量规模)”, “Mining method (开采方式)”, “Production capacity (生产规模)” with “Unit of the production capacity”, “Reserves (储量)” with “Unit of the reserves”, the 三率 (“Mining recovery rate % (开采回采率)”, “Processing recovery rate % (选矿回收率)”, “Comprehensive utilisation rate % (综合利用率)”, at most 100), “Applicant (申请人)”, “Grant method (出让方式, e.g. 净矿出让)”, “Funding source (资金来源, exploration)” and “Licence number (许可证号, for 延续/变更)”. The choices are the rule set's vocabulary (its mineral dictionary, the plan's application types and scales). What the file said (名称, 申报面积, 标高, 块段, 坐标系统, 来源文件) is kept.
“Application number (empty: the file name)”: empty gives the coordinate file's name without extension (-2, -3 … for further parcels of one run). “Existing applications layer”: its features are copied first, so one layer collects the applications of a day. Empty numbers stay empty: the review then says 未检查 for the check that needs them, never 符合.</source>
      <translation type="obsolete">为“导入的地块”（拐点坐标导入的结果）补充坐标文件中没有的信息，写出审查无需字段对应即可读取的“申请”图层：“矿种”、“矿业权类型（开采/勘查）”、“申请类型”、“储量规模”、“开采方式”、“生产规模”及“生产规模单位”、“储量”及“储量单位”、三率（“开采回采率（%）”、“选矿回收率（%）”、“综合利用率（%）”，不大于 100）、“申请人”、“出让方式（如 净矿出让）”、“资金来源（探矿权）”和“许可证号（延续/变更时填写）”。可选值取自规则文件的词汇（矿种词典、规划的申请类型与规模）。文件中已有的信息（名称、申报面积、标高、块段、坐标系统、来源文件）保留。
“申请编号（为空：取文件名）”：为空时取坐标文件名（不含扩展名；同一次运行的其余地块加 -2、-3 …）。“已有申请图层”：先复制其要素，一个图层可汇集一天的申请。未填的数值保持为空：审查对需要该数值的检查给出未检查，绝不判为符合。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="120" />
      <source>Adds to “Imported parcels” (from Import corner coordinates) what a coordinate file does not carry and writes “Applications”, a layer that Compliance review reads without any field mapping: “Mineral (矿种; empty: the coordinate file's)”, “Right type (开采/勘查; empty: the coordinate file's, else 采矿权)” — a 报盘 file states 开采矿种/勘查矿种, the 申请人 and 采矿权 or 探矿权, taken when these are left empty (a value chosen here wins, with a warning when it differs) —, “Application type (申请类型)”, “Reserve scale (储量规模)”, “Mining method (开采方式)”, “Production capacity (生产规模)” with “Unit of the production capacity”, “Reserves (储量)” with “Unit of the reserves”, the 三率 (“Mining recovery rate % (开采回采率)”, “Processing recovery rate % (选矿回收率)”, “Comprehensive utilisation rate % (综合利用率)”, at most 100), “Applicant (申请人)”, “Grant method (出让方式, e.g. 净矿出让)”, “Funding source (资金来源, exploration)” and “Licence number (许可证号, for 延续/变更)”. The choices are the rule set's vocabulary (its mineral dictionary, the plan's application types and scales). What the file said (名称, 申报面积, 标高, 块段, 坐标系统, 来源文件) is kept.
“Application number (empty: the file name)”: empty gives the coordinate file's name without extension (-2, -3 … for further parcels of one run). “Existing applications layer”: its features are copied first, so one layer collects the applications of a day. Empty numbers stay empty: the review then says 未检查 for the check that needs them, never 符合.</source>
      <translation>为“导入的地块”（拐点坐标导入的结果）补充坐标文件中没有的信息，写出审查无需字段对应即可读取的“申请”图层：“矿种（为空：取坐标文件所写）”、“矿业权类型（开采/勘查；为空：取坐标文件所写，否则为采矿权）”——报盘文件写有开采矿种/勘查矿种、申请人和采矿权或探矿权，以上留空时即采用（此处所选优先，与文件不同时给出警告）——、“申请类型”、“储量规模”、“开采方式”、“生产规模”及“生产规模单位”、“储量”及“储量单位”、三率（“开采回采率（%）”、“选矿回收率（%）”、“综合利用率（%）”，不大于 100）、“申请人”、“出让方式（如 净矿出让）”、“资金来源（探矿权）”和“许可证号（延续/变更时填写）”。可选值取自规则文件的词汇（矿种词典、规划的申请类型与规模）。文件中已有的信息（名称、申报面积、标高、块段、坐标系统、来源文件）保留。
“申请编号（为空：取文件名）”：为空时取坐标文件名（不含扩展名；同一次运行的其余地块加 -2、-3 …）。“已有申请图层”：先复制其要素，一个图层可汇集一天的申请。未填的数值保持为空：审查对需要该数值的检查给出未检查，绝不判为符合。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="137" />
      <source>Adjusted features</source>
      <translation>避让调整结果</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="474" />
      <source>Adjusted polygon</source>
      <translation>调整后地块</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="65" />
      <source>Annual output field</source>
      <translation>年产量字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="113" />
      <source>Applicant (申请人)</source>
      <translation>申请人</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="36" />
      <source>Applicant / holder</source>
      <translation>申请人 / 矿业权人</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="62" />
      <source>Applicant / holder field</source>
      <translation>申请人/矿业权人字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="117" />
      <source>Application number (empty: the file name)</source>
      <translation>申请编号（为空：取文件名）</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="107" />
      <source>Application type</source>
      <translation>申请类型</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="151" />
      <source>Application type (申请类型)</source>
      <translation>申请类型</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="63" />
      <source>Application type field (申请类型)</source>
      <translation>申请类型字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="151" />
      <source>Application type when no field gives it (申请类型)</source>
      <translation>无申请类型字段时的申请类型</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="163" />
      <source>Applications</source>
      <translation>申请</translation>
    </message>
    <message>
      <source>Area</source>
      <translation type="obsolete">面积</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="468" />
      <source>Area left</source>
      <translation>剩余面积</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="167" />
      <source>Area method</source>
      <translation>面积算法</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="128" />
      <source>Area method: {0}; working CRS: {1}</source>
      <translation>面积算法：{0}；计算坐标系：{1}</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="124" />
      <source>Area tolerance (%)</source>
      <translation>面积容差（%）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="70" />
      <source>Area unit written in the files: 平方千米 with 4 decimals (2022 requirement, default) or 公顷 (files made before 2022).</source>
      <translation>文件中写出的面积单位：平方千米、4 位小数（2022 年要求，默认），或公顷（2022 年前的文件）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="148" />
      <source>Area unit written in the 拐点坐标 files</source>
      <translation>拐点坐标文件中的面积单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="130" />
      <source>Area warnings</source>
      <translation>面积提示数</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="76" />
      <source>Assignment method</source>
      <translation>归属判定方法</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="73" />
      <source>At most this many corners per 块段 of a proposed boundary (default 20).</source>
      <translation>建议范围每个块段的最多拐点数（默认 20）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="122" />
      <source>Auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="131" />
      <source>Auto (field or layer name)</source>
      <translation>自动（字段或图层名称）</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="88" />
      <source>Auto (field or layer name; default mining)</source>
      <translation>自动（按字段或图层名；默认按开采）</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="108" />
      <source>Auto-detect</source>
      <translation>自动识别</translation>
    </message>
    <message>
      <source>Auto-detect from layer names</source>
      <translation type="obsolete">按图层名称自动识别</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="164" />
      <source>Avoidable</source>
      <translation>可避让</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="463" />
      <source>Avoidance adjustment (避让调整)</source>
      <translation>避让调整</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="484" />
      <source>Avoiding the control lines does not settle: {0}</source>
      <translation>避让控制线后仍未解决：{0}</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="277" />
      <source>Before {0}: </source>
      <translation>打开“{0}”之前：</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="33" />
      <source>Block vs control-line overlap</source>
      <translation>区块与控制线压覆分析</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="56" />
      <source>Block vs control-line overlap…</source>
      <translation>区块与控制线压覆分析…</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="79" />
      <source>Blocks, rights or applications</source>
      <translation>区块、矿业权或申请</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="131" />
      <source>CRS</source>
      <translation>坐标系</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="194" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="109" />
      <source>CSV list of points</source>
      <translation>CSV 界址点列表</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="66" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Canceled: nothing was written.</source>
      <translation type="obsolete">已取消：未写出任何结果。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="166" />
      <source>Cannot avoid</source>
      <translation>无法避让</translation>
    </message>
    <message>
      <source>Cannot read {0}: {1}</source>
      <translation type="obsolete">无法读取 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="34" />
      <source>Capacity unit</source>
      <translation>生产规模单位</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="59" />
      <source>Capacity unit field</source>
      <translation>生产规模单位字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="77" />
      <source>Centroid</source>
      <translation>质心所在分区</translation>
    </message>
    <message>
      <source>Check</source>
      <translation type="obsolete">检查项</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="436" />
      <source>Checks</source>
      <translation>审查事项</translation>
    </message>
    <message>
      <source>Checks a plan rule file and lists its findings: errors (YAML syntax, schema, unknown minerals, negative quotas — the file cannot be used), contradictions inside the plan itself (e.g. a 专栏3 output target above the 第五章 cap, a count stated twice with different values, two tables with one number, a mineral listed twice), and facts for the reviewer (unchecked thresholds, baseline vs target).

RULESET: the rule file to check; empty means the bundled Lingbao plan.
OUTPUT: table with severity, rule key, message (Chinese and English), clause, file and line.
REPORT_HTML: optional HTML report of the same findings.</source>
      <translation type="obsolete">校验规划规则文件并列出发现：错误（YAML 语法、结构、未知矿种、负数指标——文件不可用）、规划文本自身的矛盾（如专栏3产量指标高于第五章的开采总量上限、同一数量前后表述不一、两张表同一编号、同一矿种重复列出），以及供审查人员参考的提示（未核实的界限、基期与目标对比）。

RULESET：待校验的规则文件；留空为内置的灵宝规划。
OUTPUT：发现表，含级别、规则键、中英文说明、规划条款、文件和行号。
REPORT_HTML：可选，同样内容的 HTML 报告。</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="47" />
      <source>Checks a plan rule file and lists its findings: errors (YAML syntax, schema, unknown minerals, negative quotas — the file cannot be used), contradictions inside the plan itself (e.g. a 专栏3 output target above the 第五章 cap, a count stated twice with different values, two tables with one number, a mineral listed twice), and facts for the reviewer (unchecked thresholds, baseline vs target).

“Plan rule file (empty = bundled Lingbao 2021-2025 plan)”: the rule file to check.
“Rule set findings”: table with severity, rule key, message (Chinese and English), clause, file and line. “HTML report”: optional HTML report of the same findings.</source>
      <translation>校验规划规则文件并列出发现的问题：错误（YAML 语法、结构、未知矿种、负数指标——文件不可用）、规划自身的矛盾（如专栏3产量目标高于第五章上限、同一数量前后不一、两张表同一数字、矿种重复列出），以及供审查人参考的事实（未核对的阈值、基期值与目标值）。

“规划规则文件（留空 = 内置灵宝市2021-2025年规划）”：要校验的规则文件。
“规则文件校验结果”：表格，含严重程度、规则键、说明（中英文）、条款、文件和行号。“HTML 报告”：相同内容的可选 HTML 报告。</translation>
    </message>
    <message>
      <source>Checks the design capacity of proposed mines against the plan's minimum mining scale for new mines (专栏6 of the Lingbao plan), by the reserve scale of the deposit, and the minimum service life (5 years).

Works on any layer or table (no geometry needed). Empty field choices are auto-detected (mineral/矿种, scale/储量规模, capacity/设计生产规模 …).
MINERAL_FIELD: mineral name; aliases and variants are understood (金/岩金/金矿（岩金）; 饰面用花岗岩 is judged as 饰面用石材).
SCALE_FIELD: reserve scale 大型/中型/小型 (large/medium/small); optional when reserves are given and the threshold table (国土资发〔2000〕133号) covers the mineral.
CAPACITY_FIELD: design capacity per year, in the plan's unit unless CAPACITY_UNIT_FIELD gives one (吨/万吨/立方米/万立方米 per year; mass and volume are never converted into each other).
RESERVES_FIELD, RESERVES_UNIT_FIELD: ore reserves; service years = reserves / capacity.
Verdict: 符合 (capacity ≥ minimum; equal passes), 不符合 (below, or service life &lt; 5 years), 不得新建 (the plan's cell is '/' for that reserve scale), 需人工核查 (no minimum in the plan, unknown mineral or scale, missing or non-numeric capacity).</source>
      <translation type="obsolete">按矿床储量规模，核查拟建矿山的设计生产规模是否达到规划的新建矿山最低开采规模（灵宝规划专栏6），以及服务年限是否不少于5年。

适用于任何图层或无几何的表格。字段留空时自动识别（mineral/矿种、scale/储量规模、capacity/设计生产规模等）。
MINERAL_FIELD：矿种名称；可识别别名和异写（金/岩金/金矿（岩金）；饰面用花岗岩按“饰面用石材”审查）。
SCALE_FIELD：储量规模 大型/中型/小型；给出储量且国土资发〔2000〕133号标准列有该矿种时可不填。
CAPACITY_FIELD：年设计生产规模，单位与规划一致，除非 CAPACITY_UNIT_FIELD 另行给出（吨/万吨/立方米/万立方米每年；质量与体积不互相换算）。
RESERVES_FIELD、RESERVES_UNIT_FIELD：矿石储量；服务年限 = 储量 / 生产规模。
结论：符合（不低于最低规模，相等即合格）、不符合（低于最低规模或服务年限不足5年）、不得新建（规划该储量规模栏为“/”）、需人工核查（规划未规定、矿种或规模无法识别、产能缺失或非数字）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="47" />
      <source>Checks the design capacity of proposed mines against the plan's minimum mining scale for new mines (专栏6 of the Lingbao plan), by the reserve scale of the deposit, and the minimum service life (5 years).

“Proposed mines (layer or table)”: any layer or table (no geometry needed). Empty field choices are auto-detected (mineral/矿种, scale/储量规模, capacity/设计生产规模 …).
“Mineral field”: aliases and variants are understood (金/岩金/金矿（岩金）; 饰面用花岗岩 is judged as 饰面用石材). “Reserve scale field (大型/中型/小型)”: optional when reserves are given and the threshold table (国土资发〔2000〕133号) covers the mineral.
“Design capacity field (per year)”: in the plan's unit unless “Capacity unit field” gives one (吨/万吨/立方米/万立方米 per year; mass and volume are never converted into each other). “Reserves field”, “Reserves unit field”: service years = reserves / capacity. “Application type when no field gives it (申请类型)”: 新立 by default.
“Minimum scale verdicts”: 符合 (capacity ≥ minimum; equal passes), 不符合 (below, or service life &lt; 5 years), 不得新建 (the plan's cell is '/' for that reserve scale), 需人工核查 (no minimum in the plan, unknown mineral or scale, missing or non-numeric capacity).</source>
      <translation>按矿床储量规模，将拟建矿山的设计生产规模与规划规定的新建矿山最低开采规模（灵宝规划专栏6）比较，并核查最低服务年限（5 年）。

“拟建矿山（图层或表格）”：任意图层或表格（无需几何）。未选择的字段自动识别（mineral/矿种、scale/储量规模、capacity/设计生产规模 等）。
“矿种字段”：可识别别名与不同写法（金/岩金/金矿（岩金）；饰面用花岗岩 按 饰面用石材 判定）。“储量规模字段（大型/中型/小型）”：给出储量且矿种在规模划分标准（国土资发〔2000〕133号）中时可不填。
“设计生产规模字段（每年）”：除非“生产规模单位字段”给出单位，按规划单位计（吨/万吨/立方米/万立方米 每年；质量与体积不互相换算）。“储量字段”、“储量单位字段”：服务年限 = 储量 / 生产规模。“无申请类型字段时的申请类型”：默认新立。
“最低开采规模结论”：符合（生产规模 ≥ 最低开采规模，相等即达标）、不符合（低于最低规模，或服务年限不足 5 年）、不得新建（规划中该储量规模一栏为 '/'）、需人工核查（规划无最低规模、矿种或规模未知、生产规模缺失或非数值）。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="283" />
      <source>Choose a vector layer and select features on the map.</source>
      <translation>请选择一个矢量图层，并在地图上选择要素。</translation>
    </message>
    <message>
      <source>Classifies each feature's mineral by the plan's list of key and forbidden minerals (专栏7 of the Lingbao plan): 重点开采 (key), 禁止开采 (forbidden: no new mining right), or 一般 (general).

MINERAL_FIELD: the mineral; empty = auto-detect (mineral, 矿种, KZ …). Spelling variants are understood (砖瓦用黏土, 砖瓦粘土 → 砖瓦用粘土).
Verdict: 符合, 不符合 (forbidden mineral), 需人工核查 (empty or unknown mineral; close matches are listed).</source>
      <translation type="obsolete">按规划的重点、禁止开采矿种（灵宝规划专栏7）对各要素的矿种分类：重点开采、禁止开采（不再新设采矿权）或一般。

MINERAL_FIELD：矿种字段；留空自动识别（mineral、矿种、KZ 等）。可识别异写（砖瓦用黏土、砖瓦粘土 → 砖瓦用粘土）。
结论：符合、不符合（禁止开采矿种）、需人工核查（矿种为空或无法识别，并列出相近矿种）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="38" />
      <source>Classifies each feature's mineral by the plan's list of key and forbidden minerals (专栏7 of the Lingbao plan): 重点开采 (key), 禁止开采 (forbidden: no new mining right), or 一般 (general).

“Features (layer or table)”: any layer or table; its mineral field is auto-detected (mineral, 矿种, KZ …) unless “Mineral field” names it. Spelling variants are understood (砖瓦用黏土, 砖瓦粘土 → 砖瓦用粘土). “Application type when no field gives it (申请类型)”: 新立 by default; a field value always wins.
“Mineral policy verdicts”: 符合, 不符合 (forbidden mineral), 需人工核查 (empty or unknown mineral; close matches are listed).</source>
      <translation>按规划的重点开采矿种和禁止开采矿种名录（灵宝规划专栏7）对每个要素的矿种分类：重点开采、禁止开采（不得新设采矿权）或一般。

“要素（图层或表格）”：任意图层或表格；除非由“矿种字段”指定，矿种字段自动识别（mineral、矿种、KZ 等）。可识别不同写法（砖瓦用黏土、砖瓦粘土 → 砖瓦用粘土）。“无申请类型字段时的申请类型”：默认新立；字段值优先。
“开采矿种准入结论”：符合、不符合（禁止开采矿种）、需人工核查（矿种为空或未知；列出相近矿种）。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="570" />
      <source>Clause</source>
      <translation>规划条款</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="430" />
      <source>Clauses applied</source>
      <translation>适用条款</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="72" />
      <source>Complete the application</source>
      <translation>补全申请信息</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="60" />
      <source>Complete the application…</source>
      <translation>补全申请信息…</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="180" />
      <source>Compliant</source>
      <translation>符合</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="110" />
      <source>Comprehensive utilisation rate % (综合利用率)</source>
      <translation>综合利用率（%）</translation>
    </message>
    <message>
      <source>Computes the plan's indicators from the data and compares them with the targets: number of mines (&lt; 40), share of large and medium mines (≥ 40 %), gold ore output (≤ 60 万吨/年; the 专栏3 figure of 120 is flagged as a contradiction), output per mineral vs 专栏3, number of 建筑石料 mining rights (≤ 3), 建筑石料 output (1400 / 1600 万吨), number and area of exploration planning blocks (26, 555.75 km²), number of mining planning blocks (4) and the areas of the 集中开采区.

MINING_RIGHTS: mining-right layer or table; fields auto-detected unless given (mineral, scale, output and its unit). Every other input is optional; an indicator without data is 无数据.
Areas are ellipsoidal on CGCS2000.
OUTPUT: one row per indicator: id, name, name_en, unit, target, comparison, target_kind, current, status (达标/未达标/无数据), clause, note. REPORT_HTML: optional HTML table.</source>
      <translation type="obsolete">由数据统计规划指标并与目标比较：矿山总数（&lt;40）、大中型矿山比例（≥40%）、金矿石开采量（≤60万吨/年；专栏3的120万吨作为规划矛盾标注）、各矿种产量与专栏3对比、建筑石料采矿权数量（≤3个）、建筑石料产量（1400/1600万吨）、勘查规划区块数量和面积（26个、555.75平方千米）、开采规划区块数量（4个）以及集中开采区面积。

MINING_RIGHTS：采矿权图层或表格；未指定的字段自动识别（矿种、规模、产量及单位）。其余输入均为可选；无数据的指标为“无数据”。
面积为 CGCS2000 椭球面积。
OUTPUT：每个指标一行：编号、名称、英文名称、单位、目标、比较、指标属性、现状值、达标情况（达标/未达标/无数据）、条款、说明。REPORT_HTML：可选 HTML 表格。</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="64" />
      <source>Computes the plan's indicators from the data and compares them with the targets: number of mines (&lt; 40), share of large and medium mines (≥ 40 %), gold ore output (≤ 60 万吨/年; the 专栏3 figure of 120 is flagged as a contradiction), output per mineral vs 专栏3, number of 建筑石料 mining rights (≤ 3), 建筑石料 output (1400 / 1600 万吨), number and area of exploration planning blocks (26, 555.75 km²), number of mining planning blocks (4) and the areas of the 集中开采区.

“Mining rights”: mining-right layer or table; fields auto-detected unless given (mineral, scale, annual output and its unit). “Exploration rights” and the planning layers are optional; an indicator without data is 无数据. Areas are ellipsoidal on CGCS2000.
“Plan indicators”: one row per indicator with its target, current value, 达标情况 (达标/未达标/无数据), 规划条款 and 说明. “HTML report”: optional HTML table.</source>
      <translation>根据数据计算规划指标并与目标比较：矿山数量（&lt; 40）、大中型矿山比例（≥ 40 %）、金矿石产量（≤ 60 万吨/年；专栏3 中的 120 标记为规划矛盾）、各矿种产量与专栏3比较、建筑石料采矿权数量（≤ 3）、建筑石料产量（1400 / 1600 万吨）、勘查规划区块数量与面积（26 个、555.75 平方千米）、开采规划区块数量（4 个）以及各集中开采区面积。

“采矿权”：采矿权图层或表格；未指定的字段自动识别（矿种、规模、年产量及其单位）。“探矿权”及各规划图层可不填；无数据的指标为无数据。面积为 CGCS2000 椭球面积。
“规划指标统计”：每个指标一行，含目标值、现状值、达标情况（达标/未达标/无数据）、规划条款和说明。“HTML 报告”：可选的 HTML 表格。</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="133" />
      <source>Computing indicators…</source>
      <translation>正在计算指标…</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="309" />
      <source>Computing {0} feature(s)…</source>
      <translation>正在计算 {0} 个要素…</translation>
    </message>
    <message>
      <source>Concentrated mining areas</source>
      <translation type="obsolete">集中开采区</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="37" />
      <source>Concentrated mining areas (集中开采区)</source>
      <translation>集中开采区</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="98" />
      <source>Conflicts</source>
      <translation>冲突数</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="63" />
      <source>Contradictions and warnings</source>
      <translation>矛盾与警告数</translation>
    </message>
    <message>
      <source>Control line</source>
      <translation type="obsolete">控制线</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="527" />
      <source>Control lines</source>
      <translation>控制线</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="105" />
      <source>Coordinate file</source>
      <translation>拐点坐标文件</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="119" />
      <source>Coordinate order</source>
      <translation>坐标顺序</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="157" />
      <source>Corner budget per block of a proposed boundary</source>
      <translation>建议范围每个块段的拐点数上限</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="149" />
      <source>County boundary (report maps)</source>
      <translation>行政区界线（报告附图）</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="99" />
      <source>Current</source>
      <translation>现状</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="31" />
      <source>Data import</source>
      <translation>数据导入</translation>
    </message>
    <message>
      <source>Date</source>
      <translation type="obsolete">日期</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="63" />
      <source>Date of the 审查意见书 (YYYY-MM-DD); empty: today.</source>
      <translation>审查意见书的日期（YYYY-MM-DD）；留空为当天。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="58" />
      <source>Date printed in the report; empty leaves a blank to fill in by hand.</source>
      <translation>印在审查报告中的日期；留空则留出空白手工填写。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="145" />
      <source>Decimal places of the coordinates</source>
      <translation>坐标小数位数</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="69" />
      <source>Decimal places of the coordinates in the files (default 2, the 2022 自然资源部 requirement).</source>
      <translation>文件中坐标的小数位数（默认 2 位，符合 2022 年自然资源部要求）。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="34" />
      <source>Design capacity</source>
      <translation>设计生产规模</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="58" />
      <source>Design capacity field</source>
      <translation>设计生产规模字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="21" />
      <source>Design capacity field (per year)</source>
      <translation>设计生产规模字段（每年）</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="76" />
      <source>Details and clause</source>
      <translation>说明与条款</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="87" />
      <source>Detect layer roles</source>
      <translation>识别图层角色</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="163" />
      <source>Detect layer roles…</source>
      <translation>识别图层角色…</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="65" />
      <source>Distance in metres kept from existing rights (rights must not overlap).</source>
      <translation>与现有矿业权保持的距离（米）（矿业权范围不得重叠）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="116" />
      <source>Distance kept from existing rights (m)</source>
      <translation>与现有矿业权的避让距离（米）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="169" />
      <source>Document number pattern ({year}, {seq})</source>
      <translation>文号格式（{year} 年份，{seq} 序号）</translation>
    </message>
    <message>
      <source>EPSG:{0} is not known to this QGIS</source>
      <translation type="obsolete">本 QGIS 不认识 EPSG:{0}</translation>
    </message>
    <message>
      <source>Ecological protection red line</source>
      <translation type="obsolete">生态保护红线</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="34" />
      <source>Ecological protection red line (生态保护红线)</source>
      <translation>生态保护红线</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="162" />
      <source>Ellipsoidal (CGCS2000)</source>
      <translation>椭球面积（CGCS2000）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="142" />
      <source>Encoding of the 拐点坐标 files</source>
      <translation>拐点坐标文件编码</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="68" />
      <source>Encoding of the 拐点坐标 files: GBK (default, what most registration systems read) or UTF-8.</source>
      <translation>拐点坐标文件的编码：GBK（默认，多数登记系统读取此编码）或 UTF-8。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="318" />
      <source>Error: {0}</source>
      <translation>错误：{0}</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="63" />
      <source>Errors</source>
      <translation>错误数</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="161" />
      <source>Existing applications layer</source>
      <translation>已有申请图层</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="39" />
      <source>Existing exploration rights (探矿权)</source>
      <translation>现有探矿权</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="39" />
      <source>Existing mining rights (采矿权)</source>
      <translation>现有采矿权</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="131" />
      <source>Exploration</source>
      <translation>勘查</translation>
    </message>
    <message>
      <source>Exploration planning blocks</source>
      <translation type="obsolete">勘查规划区块</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="37" />
      <source>Exploration planning blocks (勘查规划区块)</source>
      <translation>勘查规划区块</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="79" />
      <source>Exploration rights</source>
      <translation>探矿权</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="94" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="194" />
      <source>Export indicators</source>
      <translation>导出指标</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="63" />
      <source>Extra distance in metres kept from every control line, on top of the rule file's keep-away distances.</source>
      <translation>在规则文件规定的避让距离之外，与每条控制线额外保持的距离（米）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="128" />
      <source>Extra keep-away distance from every control line (m)</source>
      <translation>各控制线的附加避让距离（米）</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation type="obsolete">要素</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="143" />
      <source>Feature facts</source>
      <translation>规划要素信息</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="560" />
      <source>Features</source>
      <translation>要素数</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="48" />
      <source>Features (layer or table)</source>
      <translation>要素（图层或表格）</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="583" />
      <source>Features of {0} overlapping it</source>
      <translation>{0} 中与之重叠的要素</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="561" />
      <source>Features overlapping</source>
      <translation>压覆要素数</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="123" />
      <source>Features under review</source>
      <translation>待审查要素</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="32" />
      <source>Features under review (polygons), in any CRS.</source>
      <translation>待审查的面要素，坐标系不限。</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="27" />
      <source>Features — a layer or a table — with a mineral field.</source>
      <translation>含矿种字段的要素（图层或表）。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="61" />
      <source>Fields</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Fields of the features under review (empty = auto-detect)</source>
      <translation type="obsolete">待审查要素的字段（留空为自动识别）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="131" />
      <source>Fields of the features under review. Empty = detected from the field names.</source>
      <translation>待审查要素的字段。留空则按字段名自动识别。</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="80" />
      <source>Fields: mineral {0}, scale {1}, capacity {2} ({3}), reserves {4} ({5})</source>
      <translation>字段：矿种 {0}，规模 {1}，生产规模 {2}（{3}），储量 {4}（{5}）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="199" />
      <source>Fields: {0}</source>
      <translation>字段：{0}</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="168" />
      <source>Files written</source>
      <translation>写出文件数</translation>
    </message>
    <message>
      <source>Finds, for every feature, the planning zone of each role it lies in — 重点勘查区, 重点开采区, 集中开采区, 勘查规划区块, 开采规划区块, 重点发展区域 — with the share of its area inside, and judges what the plan says about it: does the mineral fit the zone's main minerals, does a mineral that must lie in certain zones (建筑石料/砂石土 in a 集中开采区 or 重点开采区) lie there, and is there only one mining entity per 开采规划区块.

Role layers are optional; zone id and name fields are auto-detected (id/code/编号/GHQBH …, name/名称/GHQMC …) unless ZONE_ID_FIELD / ZONE_NAME_FIELD name them. Zones are matched to the rule set by code or name; a zone the rule set does not know uses the mineral field of its layer (GHKZ, 矿种).
METHOD: largest overlap (default), centroid, or fully within.
Output per role prefix (kexp, kmin, conc, eblk, mblk, kdev): &lt;p&gt;_id, &lt;p&gt;_name, &lt;p&gt;_share (0–1); plus zone_mineral_ok, in_required_zone, block_entities, verdict (符合/不符合/需论证), reason, reason_en, clause. Features without geometry get 需论证, not a crash.</source>
      <translation type="obsolete">确定每个要素所在的各类规划分区——重点勘查区、重点开采区、集中开采区、勘查规划区块、开采规划区块、重点发展区域——及其面积占比，并按规划判定：矿种是否属于分区主矿种；须位于特定分区的矿种（建筑石料/砂石土须位于集中开采区或重点开采区）是否位于其中；一个开采规划区块是否只有一个开采主体。

各分区图层均为可选；分区编号和名称字段自动识别（id/code/编号/GHQBH…，name/名称/GHQMC…），也可用 ZONE_ID_FIELD / ZONE_NAME_FIELD 指定。分区按编号或名称与规则集匹配；规则集中没有的分区使用其图层的矿种字段（GHKZ、矿种）。
METHOD：最大重叠（默认）、质心或完全位于。
按分区前缀（kexp、kmin、conc、eblk、mblk、kdev）输出 &lt;p&gt;_id、&lt;p&gt;_name、&lt;p&gt;_share（0–1）；以及 zone_mineral_ok、in_required_zone、block_entities、verdict（符合/不符合/需论证）、reason、reason_en、clause。无几何要素判为“需论证”，不会中断。</translation>
    </message>
    <message>
      <source>Finds, for every feature, the planning zone of each role it lies in — 重点勘查区, 重点开采区, 集中开采区, 勘查规划区块, 开采规划区块, 重点发展区域 — with the share of its area inside, and judges what the plan says about it: does the mineral fit the zone's main minerals, does a mineral that must lie in certain zones (建筑石料/砂石土 in a 集中开采区 or 重点开采区) lie there, and is there only one mining entity per 开采规划区块.

Role layers are optional; zone id and name fields are auto-detected (id/code/编号/GHQBH …, name/名称/GHQMC …) unless ZONE_ID_FIELD / ZONE_NAME_FIELD name them. Zones are matched to the rule set by code or name; a zone the rule set does not know uses the mineral field of its layer (GHKZ, 矿种).
METHOD: largest overlap (default), centroid, or fully within.
Output: kexp_id, kexp_name, kexp_share (0–1) and the same three for kmin_, conc_, eblk_, mblk_ and kdev_; plus zone_mineral_ok, in_required_zone, block_entities, verdict (符合/不符合/需论证), reason, reason_en, clause. Features without geometry get 需论证, not a crash.</source>
      <translation type="obsolete">确定每个要素所在的各类规划分区——重点勘查区、重点开采区、集中开采区、勘查规划区块、开采规划区块、重点发展区域——及其面积占比，并按规划判定：矿种是否属于分区主矿种；须位于特定分区的矿种（建筑石料/砂石土须位于集中开采区或重点开采区）是否位于其中；一个开采规划区块是否只有一个开采主体。

各分区图层均为可选；分区编号和名称字段自动识别（id/code/编号/GHQBH…，name/名称/GHQMC…），也可用 ZONE_ID_FIELD / ZONE_NAME_FIELD 指定。分区按编号或名称与规则集匹配；规则集中没有的分区使用其图层的矿种字段（GHKZ、矿种）。
METHOD：最大重叠（默认）、质心或完全位于。
输出 kexp_id、kexp_name、kexp_share（0–1），kmin_、conc_、eblk_、mblk_、kdev_ 各有同样三项；以及 zone_mineral_ok、in_required_zone、block_entities、verdict（符合/不符合/需论证）、reason、reason_en、clause。无几何要素判为“需论证”，不会中断。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="51" />
      <source>Finds, for every feature, the planning zone of each role it lies in — 重点勘查区, 重点开采区, 集中开采区, 勘查规划区块, 开采规划区块, 重点发展区域 — with the share of its area inside, and judges what the plan says about it: does the mineral fit the zone's main minerals, does a mineral that must lie in certain zones (建筑石料/砂石土 in a 集中开采区 or 重点开采区) lie there, and is there only one mining entity per 开采规划区块.

“Blocks, rights or applications”: the features under review; “Mineral field” and “Activity field (采矿/探矿)” are auto-detected unless chosen; “Application type when no field gives it (申请类型)”: 新立 by default. Zone layers are optional; their id and name fields are auto-detected (id/code/编号/GHQBH …, name/名称/GHQMC …) unless “Zone id field (override)” / “Zone name field (override)” name them. Zones are matched to the rule set by code or name; a zone the rule set does not know uses the mineral field of its layer (GHKZ, 矿种).
“Assignment method”: largest overlap (default), centroid, or fully within. “Invalid geometries”: repair (default), skip or stop.
“Zone assignment”: per role the zone's id, name and share (0–1), then 矿种与分区相符, 位于规定分区内, 同一开采规划区块内主体数 and the verdict (符合/不符合/需论证) with its reason and clause. Features without geometry get 需论证, not a crash.</source>
      <translation>对每个要素，找出其所在的各类规划分区——重点勘查区、重点开采区、集中开采区、勘查规划区块、开采规划区块、重点发展区域——及其面积落在分区内的比例，并按规划判定：矿种是否与分区主矿种相符，必须位于特定分区的矿种（建筑石料/砂石土 位于集中开采区或重点开采区）是否位于其中，每个开采规划区块是否只有一个开采主体。

“区块、矿业权或申请”：待审查要素；“矿种字段”和“矿业权类型字段（采矿/探矿）”未选择时自动识别；“无申请类型字段时的申请类型”：默认新立。各分区图层可不填；除非由“分区编号字段（指定）”/“分区名称字段（指定）”指定，分区编号与名称字段自动识别（id/code/编号/GHQBH 等，name/名称/GHQMC 等）。分区按编号或名称与规则文件匹配；规则文件中没有的分区使用其图层的矿种字段（GHKZ、矿种）。
“归属判定方法”：最大重叠（默认）、质心或完全位于。“无效几何”：修复（默认）、跳过或停止。
“规划分区归属”：每类分区的编号、名称和比例（0–1），以及矿种与分区相符、位于规定分区内、同一开采规划区块内主体数和结论（符合/不符合/需论证）及原因、条款。无几何的要素判为需论证，不会出错中断。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="172" />
      <source>First sequence number</source>
      <translation>起始序号</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="162" />
      <source>Folder for one 审查意见书 per application (empty = none)</source>
      <translation>每宗申请一份审查意见书的输出文件夹（留空则不生成）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="160" />
      <source>Folder for 拐点坐标 files (报盘 and 部标) of the proposed boundaries</source>
      <translation>建议范围拐点坐标文件（报盘与部标）的文件夹</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="140" />
      <source>Folder for 拐点坐标 files of the avoidable features</source>
      <translation>可避让要素的拐点坐标文件目录</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="171" />
      <source>Folder of the 拐点坐标 files</source>
      <translation>拐点坐标文件目录</translation>
    </message>
    <message>
      <source>For every feature (application, block or right): the polygon left after removing every overlap with the control lines, its ellipsoidal area, the share lost, the number of parts and the largest part, and a result: 可避让 (the largest part is at least the minimum area), 避让后破碎 (only smaller parts remain), 无法避让 (nothing is left), 无需避让 (no overlap at or above the sliver tolerance), 无几何.

Control lines: ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS, buffered by the rule file's keep-away distances plus KEEP_AWAY metres.
MIN_AREA: the smallest part that still makes a workable mine (m²). KEEP_PARTS: keep every remaining part or only the largest.
COORDINATES_FOLDER (optional): one 部标 拐点坐标 file per 可避让 feature — the inverse of importcoordinates: CGCS2000 3° zone of the feature with the zone prefix, points numbered clockwise from the north-west, closed rings, DECIMALS places; each file is read back and the round-trip error is reported. ENCODING: GBK (default, what most registration systems read) or UTF-8.
OUTPUT: the input fields plus orig_area_m2, removed_m2, remaining_m2, lost_pct, part_count, largest_m2, min_area_m2, removed, avoid_result, reason, reason_en, clause, area_method, coord_file; the geometry is the adjusted polygon (NULL when nothing is left).</source>
      <translation type="obsolete">对每个要素（申请、规划区块或矿业权）：扣除与各控制线的全部压覆后剩余的范围、其椭球面积、减少比例、地块数和最大地块，并给出结论：可避让（最大地块不小于最小面积）、避让后破碎（只剩较小地块）、无法避让（没有剩余）、无需避让（无达到容差的压覆）、无几何。

控制线：ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS，按规则文件的避让距离再加 KEEP_AWAY 米缓冲。
MIN_AREA：仍可作为矿山的最小地块面积（平方米）。KEEP_PARTS：保留全部剩余地块或只保留最大地块。
COORDINATES_FOLDER（可选）：每个“可避让”要素输出一个部标拐点坐标文件，即拐点坐标导入的逆过程：按要素所在的 CGCS2000 3度带、横坐标带带号，界址点自西北角起顺时针编号，各圈闭合，保留 DECIMALS 位小数；每个文件写出后立即回读并报告偏差。ENCODING：GBK（默认，多数登记系统使用）或 UTF-8。
OUTPUT：输入字段加 orig_area_m2、removed_m2、remaining_m2、lost_pct、part_count、largest_m2、min_area_m2、removed、avoid_result、reason、reason_en、clause、area_method、coord_file；几何为避让调整后的范围（无剩余时为 NULL）。</translation>
    </message>
    <message>
      <source>For every feature (application, block or right): the polygon left after removing every overlap with the control lines, its ellipsoidal area, the share lost, the number of parts and the largest part, and a result: 可避让 (the largest part is at least the minimum area), 避让后破碎 (only smaller parts remain), 无法避让 (nothing is left), 无需避让 (no overlap at or above the sliver tolerance), 无几何.

Control lines: ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS, buffered by the rule file's keep-away distances plus KEEP_AWAY metres.
MIN_AREA: the smallest part that still makes a workable mine (m²). KEEP_PARTS: keep every remaining part or only the largest.
COORDINATES_FOLDER (optional): one 部标 拐点坐标 file per 可避让 feature — the inverse of importcoordinates: CGCS2000 3° zone of the feature with the zone prefix, points numbered clockwise from the north-west, closed rings, DECIMALS places; each file is read back and the round-trip error is reported. ENCODING: GBK (default, what most registration systems read) or UTF-8.
OUTPUT: the input fields plus orig_area_m2, removed_m2, remaining_m2, lost_pct, part_count, largest_m2, min_area_m2, removed, avoid_result, reason, reason_en, clause, area_method, coord_file; the geometry is the adjusted polygon (NULL when nothing is left).
PROPOSALS (optional): one proposed boundary per feature an applicant can apply for — no holes, one ring per 块段, at most MAX_CORNERS corners per 块段, checked with GEOS to be clear of every control line — with app_no, status (可提交 / 无法形成 / 无需调整 / 无几何), corners, parts, area_km2, loss_pct_original, loss_pct_remainder, reason.</source>
      <translation type="obsolete">对每个要素（申请、规划区块或矿业权）：扣除与各控制线的全部压覆后剩余的范围、其椭球面积、减少比例、地块数和最大地块，并给出结论：可避让（最大地块不小于最小面积）、避让后破碎（只剩较小地块）、无法避让（没有剩余）、无需避让（无达到容差的压覆）、无几何。

控制线：ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS，按规则文件的避让距离再加 KEEP_AWAY 米缓冲。
MIN_AREA：仍可作为矿山的最小地块面积（平方米）。KEEP_PARTS：保留全部剩余地块或只保留最大地块。
COORDINATES_FOLDER（可选）：每个“可避让”要素输出一个部标拐点坐标文件，即拐点坐标导入的逆过程：按要素所在的 CGCS2000 3度带、横坐标带带号，界址点自西北角起顺时针编号，各圈闭合，保留 DECIMALS 位小数；每个文件写出后立即回读并报告偏差。ENCODING：GBK（默认，多数登记系统使用）或 UTF-8。
OUTPUT：输入字段加 orig_area_m2、removed_m2、remaining_m2、lost_pct、part_count、largest_m2、min_area_m2、removed、avoid_result、reason、reason_en、clause、area_method、coord_file；几何为避让调整后的范围（无剩余时为 NULL）。
PROPOSALS（可选）：每个要素一个可供申请人申请的建议范围——无内环，每个块段一个环，每个块段不超过 MAX_CORNERS 个拐点，经 GEOS 核验不压覆任何控制线；字段 app_no、status（可提交 / 无法形成 / 无需调整 / 无几何）、corners、parts、area_km2、loss_pct_original、loss_pct_remainder、reason。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="97" />
      <source>For every feature (application, block or right): the polygon left after removing every overlap with the control lines, its ellipsoidal area, the share lost, the number of parts and the largest part, and a result: 可避让 (the largest part is at least the minimum area), 避让后破碎 (only smaller parts remain), 无法避让 (nothing is left), 无需避让 (no overlap at or above the sliver tolerance), 无几何.

“Features under review”: polygons; the control-line layers (生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地 and other constraint layers) are buffered by the rule file's keep-away distances plus “Extra keep-away distance from every control line (m)”.
“Smallest workable remaining part (m²)”: the smallest part that still makes a workable mine. “Remaining parts”: keep every remaining part or only the largest. “Invalid geometries”: repair (default), skip or stop.
“Adjusted features”: the input fields plus 原面积, 扣除面积, 避让后面积, 面积减少(%), 地块数, 最大地块面积, 扣除的控制线, 避让结论, 说明, 依据条款 and 拐点坐标文件; the geometry is the adjusted polygon (empty when nothing is left).
“Folder for 拐点坐标 files of the avoidable features” (optional): one 部标 拐点坐标 file per 可避让 feature — the inverse of Import corner coordinates: CGCS2000 3° zone of the feature with the zone prefix, points numbered clockwise from the north-west, closed rings; each file is read back and the round-trip error is reported. “Encoding of the 拐点坐标 files”: GBK (default, what most registration systems read) or UTF-8. “Producer written in the file header”: optional.
“Proposed boundaries” (optional): one hole-free 建议范围 per application an applicant can submit — one ring per 块段, at most “Corner budget per block of a proposed boundary” corners per 块段 (default 20), checked to be clear of every control line — with 申请编号, 建议范围结论 (可提交 / 无法形成 / 无需调整 / 无几何), 拐点数, 块段数, 建议面积(平方千米) and the loss against the application and against the exact remainder. “Folder for 拐点坐标 files (报盘 and 部标) of the proposed boundaries”: a 报盘 and a 部标 file per 可提交 proposal.
“Decimal places of the coordinates” (default 2) and “Area unit written in the 拐点坐标 files” (default 平方千米) follow the 2022 自然资源部 requirement; 公顷 is for files made before 2022.</source>
      <translation>对每个要素（申请、规划区块或矿业权）：扣除与各控制线的全部压覆后剩余的范围、其椭球面积、减少比例、地块数和最大地块，并给出结论：可避让（最大地块不小于最小面积）、避让后破碎（只剩较小地块）、无法避让（没有剩余）、无需避让（无达到容差的压覆）、无几何。

“待审查要素”：面要素；各控制线图层（生态保护红线、永久基本农田、城镇开发边界、自然保护地及其他管控图层）按规则文件的避让距离再加“各控制线的附加避让距离（米）”缓冲。
“可作为矿山的最小剩余地块面积（平方米）”：仍可作为矿山的最小地块。“剩余地块”：保留全部剩余地块或只保留最大地块。“无效几何”：修复（默认）、跳过或停止。
“避让调整结果”：输入字段加 原面积、扣除面积、避让后面积、面积减少(%)、地块数、最大地块面积、扣除的控制线、避让结论、说明、依据条款 和 拐点坐标文件；几何为避让调整后的范围（无剩余时为空）。
“可避让要素的拐点坐标文件目录”（可选）：每个可避让要素输出一个部标拐点坐标文件，即拐点坐标导入的逆过程：按要素所在的 CGCS2000 3度带、横坐标带带号，界址点自西北角起顺时针编号，各圈闭合；每个文件写出后立即回读并报告偏差。“拐点坐标文件编码”：GBK（默认，多数登记系统使用）或 UTF-8。“文件头中的数据产生单位”：可选。
“建议范围”（可选）：每宗申请一个可供申请人提交的无内环建议范围——每个块段一个环，每个块段不超过“建议范围每个块段的拐点数上限”个拐点（默认 20），经核验不压覆任何控制线；含申请编号、建议范围结论（可提交 / 无法形成 / 无需调整 / 无几何）、拐点数、块段数、建议面积(平方千米)，以及较原申请和较精确避让剩余的减少比例。“建议范围拐点坐标文件（报盘与部标）的文件夹”：每个可提交的建议范围输出一个报盘文件和一个部标文件。
“坐标小数位数”（默认 2）和“拐点坐标文件中的面积单位”（默认 平方千米）符合 2022 年自然资源部要求；公顷 用于 2022 年以前的文件。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="108" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="165" />
      <source>Fragmented after avoidance</source>
      <translation>避让后破碎</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="77" />
      <source>Fully within</source>
      <translation>完全位于</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="115" />
      <source>Funding source (资金来源, exploration)</source>
      <translation>资金来源（探矿权）</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="91" />
      <source>Funding source of an exploration right (资金来源): public money sets no new exploration right.</source>
      <translation>探矿权的资金来源：财政出资的不再新设探矿权。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="67" />
      <source>Gauss-Krüger zone number for a file that states none (0: from the file header or the zone prefix of the Y coordinates).</source>
      <translation>文件未注明带号时采用的高斯-克吕格带号（0：取文件头或 Y 坐标的带号前缀）。</translation>
    </message>
    <message>
      <source>Give at least one control-line layer (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE or OTHER_CONSTRAINTS).</source>
      <translation type="obsolete">至少需要一个控制线图层（ECO_REDLINE 生态保护红线、BASIC_FARMLAND 永久基本农田、URBAN_BOUNDARY 城镇开发边界、NATURE_RESERVE 自然保护地或 OTHER_CONSTRAINTS 其他管控要素）。 / Give at least one control-line layer (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE or OTHER_CONSTRAINTS).</translation>
    </message>
    <message>
      <source>Give at least one zone layer (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, MINING_BLOCKS or KEY_DEVELOPMENT_AREAS).</source>
      <translation type="obsolete">至少需要一个规划分区图层（KEY_EXPLORATION_AREAS、KEY_MINING_AREAS、CONCENTRATED_MINING_AREAS、EXPLORATION_BLOCKS、MINING_BLOCKS 或 KEY_DEVELOPMENT_AREAS）。 / Give at least one zone layer (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, MINING_BLOCKS or KEY_DEVELOPMENT_AREAS).</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="114" />
      <source>Grant method (出让方式, e.g. 净矿出让)</source>
      <translation>出让方式（如 净矿出让）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="140" />
      <source>HTML files (*.html)</source>
      <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="86" />
      <source>HTML report</source>
      <translation>HTML 报告</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="45" />
      <source>How areas are measured: ellipsoidal on the CGCS2000 ellipsoid (default, as official statistics) or planar in the projected working CRS. Every output states the method (面积算法).</source>
      <translation>面积的计算方式：CGCS2000 椭球面积（默认，与官方统计一致）或投影工作坐标系中的平面面积。每项输出都注明所用算法（面积算法）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="90" />
      <source>How the right is granted (出让方式, e.g. 净矿出让): 建筑石料 rights must be granted as 净矿.</source>
      <translation>矿业权出让方式（如净矿出让）：建筑石料类采矿权须净矿出让。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="33" />
      <source>Id</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="56" />
      <source>Id field</source>
      <translation>编号字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="61" />
      <source>Import corner coordinates</source>
      <translation>拐点坐标导入</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="59" />
      <source>Import corner coordinates…</source>
      <translation>拐点坐标导入…</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="143" />
      <source>Imported parcels</source>
      <translation>导入的地块</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="99" />
      <source>Indicator</source>
      <translation>指标</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="88" />
      <source>Indicators met</source>
      <translation>达标指标数</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="88" />
      <source>Indicators not met</source>
      <translation>未达标指标数</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="89" />
      <source>Indicators without data</source>
      <translation>无数据指标数</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="90" />
      <source>Input values not used (listed in the log)</source>
      <translation>未使用的输入值（已在日志中列出）</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="121" />
      <source>Internal error while computing the facts (details in the MinePlan message log).</source>
      <translation>计算要素信息时发生内部错误（详见“MinePlan”消息日志）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="161" />
      <source>Invalid geometries</source>
      <translation>无效几何</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="100" />
      <source>Invalid geometries repaired</source>
      <translation>已修复的无效几何数</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="101" />
      <source>Invalid geometries skipped</source>
      <translation>已跳过的无效几何数</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="76" />
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="134" />
      <source>Keep every part</source>
      <translation>保留全部地块</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="65" />
      <source>Keep every remaining part of a feature or only its largest.</source>
      <translation>保留要素的全部剩余地块，或仅保留最大地块。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="134" />
      <source>Keep the largest part only</source>
      <translation>只保留最大地块</translation>
    </message>
    <message>
      <source>Key development areas</source>
      <translation type="obsolete">重点发展区域</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="38" />
      <source>Key development areas (重点发展区域)</source>
      <translation>重点发展区域</translation>
    </message>
    <message>
      <source>Key exploration areas</source>
      <translation type="obsolete">重点勘查区</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="36" />
      <source>Key exploration areas (重点勘查区)</source>
      <translation>重点勘查区</translation>
    </message>
    <message>
      <source>Key mining areas</source>
      <translation type="obsolete">重点开采区</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="36" />
      <source>Key mining areas (重点开采区)</source>
      <translation>重点开采区</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="152" />
      <source>Language of the interface</source>
      <translation>与界面语言相同</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="54" />
      <source>Language of the report and of the 审查意见书: the interface's (default), Chinese or English.</source>
      <translation>审查报告和审查意见书的语言：界面语言（默认）、中文或英文。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="77" />
      <source>Largest overlap</source>
      <translation>最大重叠</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="169" />
      <source>Largest round-trip error of the files (mm)</source>
      <translation>文件回读最大偏差（毫米）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="60" />
      <source>Layer roles</source>
      <translation>图层角色</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="301" />
      <source>Layer roles are not set: detect them (they are shown for confirmation) or assign the red line, farmland, urban boundary and zone layers in Settings.</source>
      <translation>尚未设置图层角色：请自动识别（识别结果须经确认），或在设置中指定生态保护红线、永久基本农田、城镇开发边界及规划分区图层。</translation>
    </message>
    <message>
      <source>Layer roles are not set: open MinePlan → Settings and assign the red line, farmland, urban boundary and zone layers (auto-detection fills most).</source>
      <translation type="obsolete">尚未设置图层角色：请打开 MinePlan → 设置，指定生态保护红线、永久基本农田、城镇开发边界及规划分区图层（自动识别可完成大部分）。</translation>
    </message>
    <message>
      <source>Layer {0} has no field '{1}' ({2}). Its fields are: {3}</source>
      <translation type="obsolete">图层 {0} 没有字段“{1}”（{2}）。该图层的字段为：{3} / Layer {0} has no field '{1}' ({2}). Its fields are: {3}</translation>
    </message>
    <message>
      <source>Layer {0}, feature {1}: cannot transform the geometry ({2})</source>
      <translation type="obsolete">图层 {0}，要素 {1}：无法转换坐标（{2}） / Layer {0}, feature {1}: cannot transform the geometry ({2})</translation>
    </message>
    <message>
      <source>Layer {0}, feature {1}: invalid geometry ({2}). Choose 'repair' or 'skip' for invalid geometries, or fix the data.</source>
      <translation type="obsolete">图层 {0}，要素 {1}：几何无效（{2}）。请将“无效几何”设为“修复”或“跳过”，或修正数据。 / Layer {0}, feature {1}: invalid geometry ({2}). Choose 'repair' or 'skip' for invalid geometries, or fix the data.</translation>
    </message>
    <message>
      <source>Layer {0}, feature {1}: not a polygon geometry ({2}).</source>
      <translation type="obsolete">图层 {0}，要素 {1}：不是面几何（{2}）。 / Layer {0}, feature {1}: not a polygon geometry ({2}).</translation>
    </message>
    <message>
      <source>Layer {0}: no {1} field found; set {2}. Its fields are: {3}</source>
      <translation type="obsolete">图层 {0}：找不到{1}字段，请设置 {2}。该图层的字段为：{3} / Layer {0}: no {1} field found; set {2}. Its fields are: {3}</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="116" />
      <source>Licence number (许可证号, for 延续/变更)</source>
      <translation>许可证号（延续/变更时填写）</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="64" />
      <source>Licence number field (许可证号)</source>
      <translation>许可证号字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="56" />
      <source>Manual check needed</source>
      <translation>需人工核查数</translation>
    </message>
    <message>
      <source>Measurement</source>
      <translation type="obsolete">量算</translation>
    </message>
    <message>
      <source>Measures how much of every block, right or application overlaps each control line — ecological protection red line, permanent basic farmland, urban development boundary, nature reserves and any other constraint layers — and gives the plan's verdict with its clause.

Areas are exact: constraint features that overlap each other are counted once, invalid constraint parcels are repaired (not silently dropped), every layer may be in its own CRS.

INPUT: polygon features under review. ID_FIELD: their id (default: feature id).
ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE: optional polygon layers (give at least one). OTHER_CONSTRAINTS: more layers; category names come from layer names; line and point layers are buffered by the rule set's keep-away distance (三区两线).
AREA_METHOD: ellipsoidal on CGCS2000 (official statistics; default) or planar in a projected CRS.
MIN_OVERLAP_AREA: overlaps smaller than this (m²) are reported but are not a conflict (slivers on shared edges).
INVALID_GEOMETRY: repair (default), skip or stop; repaired and skipped features are counted.
ACTIVITY: mining or exploration (the plan judges them differently: a new mine in the red line is a conflict, exploration there needs justification); auto reads ACTIVITY_FIELD or a field such as right_type/矿业权类型, else the layer name, else mining.
OUTPUT: input fields plus &lt;p&gt;_area_m2, &lt;p&gt;_pct, &lt;p&gt;_ids for p = eco, farm, urban, reserve, other_&lt;n&gt;, block_area_m2, conflict, verdict (符合/冲突/需论证/无几何), reason, reason_en, clause, area_method.
OVERLAPS: optional, one polygon per feature × category × overlapping constraint feature.</source>
      <translation type="obsolete">量算每个区块、矿业权或申请与各控制线——生态保护红线、永久基本农田、城镇开发边界、自然保护地及其他管控要素——的压覆面积，并按规划给出结论及条款。

面积精确：相互重叠的管控图斑只计一次；无效的管控图斑被修复（而不是被悄悄丢弃）；各图层可使用不同坐标系。

INPUT：待审查的面要素。ID_FIELD：其编号（默认为要素 ID）。
ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE：可选面图层（至少给出一个）。OTHER_CONSTRAINTS：更多图层，类别名取自图层名；线、点图层按规则集的避让距离（三区两线）缓冲。
AREA_METHOD：CGCS2000 椭球面积（官方统计口径，默认）或投影平面面积。
MIN_OVERLAP_AREA：小于此值（平方米）的重叠照常列出，但不计为冲突（共边碎片）。
INVALID_GEOMETRY：修复（默认）、跳过或中止；修复和跳过的要素均计数。
ACTIVITY：开采或勘查（规划区别对待：新建矿山压覆红线为冲突，勘查需论证）；自动时读取 ACTIVITY_FIELD 或 right_type/矿业权类型 等字段，否则看图层名，否则按开采。
OUTPUT：输入字段加上 &lt;p&gt;_area_m2、&lt;p&gt;_pct、&lt;p&gt;_ids（p = eco、farm、urban、reserve、other_&lt;n&gt;），以及 block_area_m2、conflict、verdict（符合/冲突/需论证/无几何）、reason、reason_en、clause、area_method。
OVERLAPS：可选，每个“要素 × 类别 × 压覆图斑”一个面。</translation>
    </message>
    <message>
      <source>Measures how much of every block, right or application overlaps each control line — ecological protection red line, permanent basic farmland, urban development boundary, nature reserves and any other constraint layers — and gives the plan's verdict with its clause.

Areas are exact: constraint features that overlap each other are counted once, invalid constraint parcels are repaired (not silently dropped), every layer may be in its own CRS.

INPUT: polygon features under review. ID_FIELD: their id (default: feature id).
ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE: optional polygon layers (give at least one). OTHER_CONSTRAINTS: more layers; category names come from layer names; line and point layers are buffered by the rule set's keep-away distance (三区两线).
AREA_METHOD: ellipsoidal on CGCS2000 (official statistics; default) or planar in a projected CRS.
MIN_OVERLAP_AREA: overlaps smaller than this (m²) are reported but are not a conflict (slivers on shared edges).
INVALID_GEOMETRY: repair (default), skip or stop; repaired and skipped features are counted.
ACTIVITY: mining or exploration (the plan judges them differently: a new mine in the red line is a conflict, exploration there needs justification); auto reads ACTIVITY_FIELD or a field such as right_type/矿业权类型, else the layer name, else mining.
OUTPUT: input fields plus eco_area_m2, eco_pct, eco_ids and the same three for farm_, urban_, reserve_ and other_1_, other_2_ … (one per other constraint layer); then block_area_m2, conflict, verdict (符合/冲突/需论证/无几何), reason, reason_en, clause, area_method.
OVERLAPS: optional, one polygon per feature × category × overlapping constraint feature.</source>
      <translation type="obsolete">量算每个区块、矿业权或申请与各控制线——生态保护红线、永久基本农田、城镇开发边界、自然保护地及其他管控要素——的压覆面积，并按规划给出结论及条款。

面积精确：相互重叠的管控图斑只计一次；无效的管控图斑被修复（而不是被悄悄丢弃）；各图层可使用不同坐标系。

INPUT：待审查的面要素。ID_FIELD：其编号（默认为要素 ID）。
ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE：可选面图层（至少给出一个）。OTHER_CONSTRAINTS：更多图层，类别名取自图层名；线、点图层按规则集的避让距离（三区两线）缓冲。
AREA_METHOD：CGCS2000 椭球面积（官方统计口径，默认）或投影平面面积。
MIN_OVERLAP_AREA：小于此值（平方米）的重叠照常列出，但不计为冲突（共边碎片）。
INVALID_GEOMETRY：修复（默认）、跳过或中止；修复和跳过的要素均计数。
ACTIVITY：开采或勘查（规划区别对待：新建矿山压覆红线为冲突，勘查需论证）；自动时读取 ACTIVITY_FIELD 或 right_type/矿业权类型 等字段，否则看图层名，否则按开采。
OUTPUT：输入字段加上 eco_area_m2、eco_pct、eco_ids，farm_、urban_、reserve_ 及 other_1_、other_2_……（每个其他管控图层一组）各有同样三项；然后是 block_area_m2、conflict、verdict（符合/冲突/需论证/无几何）、reason、reason_en、clause、area_method。
OVERLAPS：可选，每个“要素 × 类别 × 压覆图斑”一个面。</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="56" />
      <source>Measures how much of every block, right or application overlaps each control line — ecological protection red line, permanent basic farmland, urban development boundary, nature reserves and any other constraint layers — and gives the plan's verdict with its clause.

Areas are exact: constraint features that overlap each other are counted once, invalid constraint parcels are repaired (not silently dropped), every layer may be in its own CRS.
“Blocks, rights or applications”: polygon features under review, named by “Id field” (default: feature id). The control-line layers are optional polygon layers (give at least one); “Other constraint layers”: more layers, named by their layer names; line and point layers are buffered by the rule set's keep-away distance (三区两线).
“Area method”: ellipsoidal on CGCS2000 (official statistics; default) or planar in a projected CRS. “Sliver tolerance: smallest overlap that counts (m²)”: smaller overlaps are reported but are not a conflict (slivers on shared edges). “Invalid geometries”: repair (default), skip or stop; repaired and skipped features are counted.
“Activity”: mining or exploration (the plan judges them differently: a new mine in the red line is a conflict, exploration there needs justification); auto reads “Activity field (采矿/探矿)” or a field such as right_type/矿业权类型, else the layer name, else mining. “Application type when no field gives it (申请类型)”: 新立 by default.
“Overlap verdicts”: the input fields plus, per control line, its 压覆面积, 压覆比例 and the ids of the overlapping features, then 要素面积, 是否冲突, 压覆结论 (符合/冲突/需论证/无几何), 原因, 规划条款 and 面积算法. “Overlap polygons”: optional, one polygon per feature × control line × overlapping constraint feature.</source>
      <translation>计算每个区块、矿业权或申请与各控制线——生态保护红线、永久基本农田、城镇开发边界、自然保护地及其他管控图层——的压覆面积，并给出规划结论及条款。

面积精确：相互重叠的管控要素只计一次，无效的管控图斑经修复（不会被悄悄丢弃），各图层可使用各自的坐标系。
“区块、矿业权或申请”：待审查的面要素，以“编号字段”标识（默认：要素 ID）。各控制线图层均为可选的面图层（至少给出一个）；“其他管控图层”：更多图层，以图层名称命名；线和点图层按规则文件的避让距离缓冲（三区两线）。
“面积算法”：CGCS2000 椭球面积（官方统计口径，默认）或投影坐标系下的平面面积。“碎片容差：计为压覆的最小面积（平方米）”：更小的压覆照常列出但不算冲突（公共边上的碎片）。“无效几何”：修复（默认）、跳过或停止；修复和跳过的要素均计数。
“审查类型”：开采或勘查（规划对二者判定不同：新建矿山位于红线内为冲突，勘查则需论证）；自动时读取“矿业权类型字段（采矿/探矿）”或 right_type/矿业权类型 等字段，否则取图层名称，再否则按开采。“无申请类型字段时的申请类型”：默认新立。
“压覆分析结论”：输入字段加各控制线的压覆面积、压覆比例和压覆要素编号，以及要素面积、是否冲突、压覆结论（符合/冲突/需论证/无几何）、原因、规划条款和面积算法。“压覆图斑”：可选，每个要素 × 控制线 × 压覆的管控要素一个图斑。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="47" />
      <source>MinePlan Review settings</source>
      <translation>MinePlan 矿产资源规划审查设置</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="89" />
      <source>MinePlan: feature facts</source>
      <translation>MinePlan：要素规划信息</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="33" />
      <source>Mineral</source>
      <translation>矿种</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="126" />
      <source>Mineral (dictionary name)</source>
      <translation>矿种（规范名称）</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="102" />
      <source>Mineral (name or alias)</source>
      <translation>矿种（名称或别名）</translation>
    </message>
    <message>
      <source>Mineral (矿种)</source>
      <translation type="obsolete">矿种</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="148" />
      <source>Mineral (矿种; empty: the coordinate file's)</source>
      <translation>矿种（为空：取坐标文件所写）</translation>
    </message>
    <message>
      <location filename="../processing_provider/provider.py" line="98" />
      <source>Mineral Plan Review</source>
      <translation>矿产资源规划审查</translation>
    </message>
    <message>
      <location filename="../processing_provider/provider.py" line="101" />
      <source>Mineral Plan Review — checks against a county mineral resources master plan</source>
      <translation>矿产资源规划审查——对照县级矿产资源总体规划的符合性检查</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="57" />
      <source>Mineral field</source>
      <translation>矿种字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="23" />
      <source>Mineral policy</source>
      <translation>开采矿种准入</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="53" />
      <source>Mineral policy verdicts</source>
      <translation>开采矿种准入结论</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="27" />
      <source>Minimum mining scale</source>
      <translation>新建矿山最低开采规模核查</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="67" />
      <source>Minimum scale verdicts</source>
      <translation>最低开采规模结论</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="461" />
      <source>Minimum workable area: {0} m²; areas: {1}</source>
      <translation>最小可开发面积：{0} 平方米；面积计算：{1}</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="131" />
      <source>Mining</source>
      <translation>开采</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="153" />
      <source>Mining method (开采方式)</source>
      <translation>开采方式</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="38" />
      <source>Mining or exploration for the features whose activity field says neither: auto reads the field, else the layer name, else takes mining. The plan judges them differently (a new mine in the red line is a conflict; exploration there needs justification).</source>
      <translation>活动类型字段未说明时按开采还是勘查审查：自动时读取字段，其次图层名称，否则按开采。规划对二者规定不同（新建矿山进入红线为冲突，勘查则需论证）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="48" />
      <source>Mining or exploration for the features whose activity field says neither: auto reads the field, else the layer name; a feature nothing says is judged as mining and is never 符合.</source>
      <translation>活动类型字段未说明时按开采还是勘查审查：自动时读取字段，其次图层名称；无从判断的要素按开采审查，且不会判为符合。</translation>
    </message>
    <message>
      <source>Mining planning blocks</source>
      <translation type="obsolete">开采规划区块</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="38" />
      <source>Mining planning blocks (开采规划区块)</source>
      <translation>开采规划区块</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="108" />
      <source>Mining recovery rate % (开采回采率)</source>
      <translation>开采回采率（%）</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="76" />
      <source>Mining rights</source>
      <translation>采矿权</translation>
    </message>
    <message>
      <source>Mining rights (for the indicators)</source>
      <translation type="obsolete">采矿权（用于规划指标）</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="108" />
      <source>Mining rights {0}: mineral {1}, scale {2}, output {3} ({4})</source>
      <translation>采矿权图层“{0}”：矿种字段 {1}，规模字段 {2}，产量字段 {3}（{4}）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="50" />
      <source>More constraint layers of any geometry (地质灾害易发区, 压覆矿产 …): each is a category of its own, named by its layer name. Lines and points are buffered by the rule file's keep-away distance; an overlap with them needs justification (需论证).</source>
      <translation>其他管控图层，任意几何类型（如地质灾害易发区、压覆矿产）：每个图层单列一类，以图层名称命名。线、点图层按规则文件的避让距离缓冲；与其压覆为需论证。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="33" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="545" />
      <source>Name (id)</source>
      <translation>名称（编号）</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="56" />
      <source>Name field (report titles)</source>
      <translation>名称字段（报告标题用）</translation>
    </message>
    <message>
      <source>Nature reserves</source>
      <translation type="obsolete">自然保护地</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="35" />
      <source>Nature reserves (自然保护地)</source>
      <translation>自然保护地</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="181" />
      <source>Needing justification</source>
      <translation>需论证数</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="54" />
      <source>New application from a coordinate file…</source>
      <translation>由坐标文件新建申请…</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="104" />
      <source>New right: mining or exploration</source>
      <translation>新设矿业权类别（开采/勘查）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="167" />
      <source>No avoidance needed</source>
      <translation>无需避让</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="79" />
      <source>No capacity field: every verdict will be 需人工核查. Set CAPACITY_FIELD.</source>
      <translation>没有生产规模字段：所有结论都将是“需人工核查”。请设置 CAPACITY_FIELD。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="581" />
      <source>No feature of {0} overlaps it.</source>
      <translation>{0} 中没有与之重叠的要素。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="275" />
      <source>No layer role could be detected: choose the layers below.</source>
      <translation>未能识别任何图层角色：请在下方选择图层。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="577" />
      <source>No layer under review: set the role of the applications layer in Settings.</source>
      <translation>没有待审查图层：请在“设置”中指定申请图层的角色。</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="122" />
      <source>No mining-rights layer in the role settings: indicators other than the planning blocks have no data (MinePlan → Settings).</source>
      <translation>图层角色中没有采矿权图层：除规划区块外的指标均无数据（MinePlan → 设置）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="70" />
      <source>No new mine allowed</source>
      <translation>不得新建数</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="181" />
      <source>Non-compliant</source>
      <translation>不符合</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="64" />
      <source>Notes</source>
      <translation>提示数</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="146" />
      <source>ODF text (*.odt)</source>
      <translation>ODF 文本 (*.odt)</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="66" />
      <source>One polygon per contiguous siting area with its zone or block, the other zones it lies in, its ellipsoidal area, what shaped it and the clauses.</source>
      <translation>每片连续的可布设区域一个面，附所属分区或区块、所在的其他分区、椭球面积、形成过程及条款。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="72" />
      <source>One polygon per parcel in its CGCS2000 Gauss-Krüger CRS, with what the file says (名称, 面积, 标高, 块段) as attributes.</source>
      <translation>每个地块一个面，采用其 CGCS2000 高斯-克吕格坐标系，文件所载信息（名称、面积、标高、块段）作为属性。</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="41" />
      <source>One row per finding on the rule file: severity, the key path and line, the message in Chinese and English.</source>
      <translation>规则文件的每条问题一行：严重程度、键路径和行号、中英文说明。</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="46" />
      <source>One row per plan indicator (the 专栏 targets: numbers of mines, share of large and medium mines, output …) with the plan's target, the value found in the data and whether it is met.</source>
      <translation>每项规划指标一行（专栏目标：矿山数量、大中型矿山比例、产量等），列出规划目标、数据中的实际值及是否达标。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="67" />
      <source>One row per zone considered, with the area offered (可布设面积) and why the rest is not.</source>
      <translation>每个参与分析的分区一行，列出可布设面积及其余部分不可布设的原因。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="132" />
      <source>Open rings closed</source>
      <translation>已闭合的未闭合圈</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="81" />
      <source>Open-pit or underground, where the plan's minimums depend on it.</source>
      <translation>露天或地下开采（规划最低规模与开采方式有关时）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="175" />
      <source>Opinion date (YYYY-MM-DD, empty = today)</source>
      <translation>意见书日期（YYYY-MM-DD，留空为当天）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="49" />
      <source>Optional HTML report of this run, written where you choose and listed in the Processing results viewer.</source>
      <translation>可选：本次运行的 HTML 报告，写到所选位置，并列入处理工具的结果查看器。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="53" />
      <source>Optional county boundary drawn on the report maps for orientation.</source>
      <translation>可选：在报告附图中绘制的县级行政区界线，便于定位。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="52" />
      <source>Optional editable review report as ODF text; opens in Word and WPS.</source>
      <translation>可选：可编辑的 ODF 文本审查报告，可用 Word 和 WPS 打开。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="94" />
      <source>Optional existing applications layer: its applications are kept and this one is added after them.</source>
      <translation>可选：已有的申请图层：保留其中的申请，并将本申请追加在后。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="59" />
      <source>Optional folder for one 审查意见书 per application — 文号, 审查依据, 申请概况 with the 拐点坐标 table, the checks with their clauses, 审查结论, 落款 and a gridded map; interpretations go to the annex 审查说明.</source>
      <translation>可选：每个申请一份审查意见书的输出文件夹——含文号、审查依据、附拐点坐标表的申请概况、各项检查及条款、审查结论、落款和带坐标网格的附图；解释性说明放在附件“审查说明”中。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="74" />
      <source>Optional folder: a 报盘 and a 部标 拐点坐标 file per 可提交 proposal.</source>
      <translation>可选：每个“可提交”建议范围输出一个报盘文件和一个部标拐点坐标文件。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="67" />
      <source>Optional folder: one 部标 拐点坐标 file per 可避让 feature (CGCS2000 3° zone with the zone prefix, points clockwise from the north-west), each read back to check the round trip.</source>
      <translation>可选：每个“可避让”要素输出一个部标拐点坐标文件（CGCS2000 3 度带，含带号，自西北角顺时针编号），并回读校验。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="63" />
      <source>Optional layer of the existing exploration rights, kept apart by the distance below.</source>
      <translation>可选：现有探矿权图层，按下述距离避开。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="62" />
      <source>Optional layer of the existing mining rights: kept apart by the distance below; 深部或上部扩界 lies inside those of the same mineral.</source>
      <translation>可选：现有采矿权图层：按下述距离避开；深部或上部扩界位于同矿种的现有采矿权内。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="55" />
      <source>Optional layer of the {0} (polygons). Used to match 延续/变更 applications to the right they continue, to keep new rights apart from existing ones and for the one-entity-per-block rule.</source>
      <translation>可选：{0}图层（面）。用于将延续、变更申请与其对应的现有矿业权匹配，使新设矿业权与现有矿业权不重叠，以及执行同一区块一个主体的规定。</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="45" />
      <source>Optional layer or table of the exploration rights in force, for the exploration indicators.</source>
      <translation>可选：现有探矿权图层或表，用于勘查类指标。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="54" />
      <source>Optional polygon layer of the {0} of the plan, in any CRS. Zones are matched to the rule file by code or name; a feature belongs to the zone that holds the largest share of it.</source>
      <translation>可选：规划的{0}面图层，坐标系不限。分区按编号或名称与规则文件对应；要素归属于占其面积比例最大的分区。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="53" />
      <source>Optional polygon layer of the {0}, in any CRS. Overlap with it is measured exactly (overlapping parcels counted once, invalid parcels repaired); the rule file says what an overlap means and cites the clause.</source>
      <translation>可选：{0}面图层，坐标系不限。精确计算压覆面积（重叠图斑只计一次，无效图斑先修复）；压覆的含义及依据条款由规则文件规定。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="71" />
      <source>Optional producer written in the file header.</source>
      <translation>可选：写入文件头的制作单位。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="50" />
      <source>Optional review report as HTML: a summary table, then one section per feature with its map, reasons and clauses.</source>
      <translation>可选：HTML 审查报告：汇总表，然后每个要素一节，附图、原因和条款。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="51" />
      <source>Optional review report as PDF (the same content as the HTML report).</source>
      <translation>可选：PDF 审查报告（内容与 HTML 报告相同）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="72" />
      <source>Optional: one hole-free proposed boundary (建议范围) per application an applicant can submit — one ring per 块段 within the corner budget, checked clear of every control line after simplification — with its area and the loss.</source>
      <translation>可选：每个申请一个可提交的无孔建议范围——每个块段一个环，拐点数不超过上限，简化后再次精确检查不压覆任何控制线——附面积及面积损失。</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="40" />
      <source>Optional: one polygon per feature × control line × overlapping constraint feature, with its area.</source>
      <translation>可选：每个要素 × 控制线 × 压覆的管控图斑一个面，附面积。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="115" />
      <source>Other constraint layers</source>
      <translation>其他管控图层</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="154" />
      <source>Other rule file…</source>
      <translation>其他规则文件…</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="65" />
      <source>Output unit field</source>
      <translation>产量单位字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="95" />
      <source>Overlap polygons</source>
      <translation>压覆图斑</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="93" />
      <source>Overlap verdicts</source>
      <translation>压覆分析结论</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="46" />
      <source>Overlaps smaller than this many m² are listed but do not count as a conflict: slivers along the shared edges of layers digitised separately. Default 1 m².</source>
      <translation>小于该面积（平方米）的压覆照常列出，但不计为冲突：分别矢量化的图层在共同边界上产生的细碎面。默认 1 平方米。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="143" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="127" />
      <source>Parcels</source>
      <translation>地块</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="166" />
      <source>Parcels without geometry (skipped)</source>
      <translation>无几何的地块（已跳过）</translation>
    </message>
    <message>
      <source>Patches</source>
      <translation type="obsolete">图斑</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="61" />
      <source>Pattern of the 文号: {year} is the year of the opinion date, {seq} the sequence number (default 灵自然资审〔{year}〕{seq}号).</source>
      <translation>文号格式：{year} 为意见日期的年份，{seq} 为序号（默认 灵自然资审〔{year}〕{seq}号）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="36" />
      <source>Per role the zone's id, name and share (0–1), then 矿种与分区相符, 位于规定分区内, 同一开采规划区块内主体数 and the verdict with its reason and clause.</source>
      <translation>逐类分区给出分区编号、名称和占比（0–1），以及矿种与分区相符、位于规定分区内、同一开采规划区块内主体数和结论、原因、条款。</translation>
    </message>
    <message>
      <source>Permanent basic farmland</source>
      <translation type="obsolete">永久基本农田</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="34" />
      <source>Permanent basic farmland (永久基本农田)</source>
      <translation>永久基本农田</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="158" />
      <source>Plan</source>
      <translation>规划</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="29" />
      <source>Plan checks</source>
      <translation>规划核查</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="43" />
      <source>Plan compliance review</source>
      <translation>规划符合性审查</translation>
    </message>
    <message>
      <location filename="../processing_provider/provider.py" line="49" />
      <source>Plan compliance review (model)</source>
      <translation>规划符合性审查（模型）</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="55" />
      <source>Plan compliance review…</source>
      <translation>规划符合性审查…</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="79" />
      <source>Plan indicators</source>
      <translation>规划指标统计</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="30" />
      <source>Plan review and indicators</source>
      <translation>规划审查与指标</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="95" />
      <source>Plan rule file (empty = bundled Lingbao 2021-2025 plan)</source>
      <translation>规划规则文件（留空 = 内置灵宝市2021-2025年规划）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="162" />
      <source>Planar (projected working CRS)</source>
      <translation>平面面积（投影坐标系）</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="545" />
      <source>Planning zones</source>
      <translation>规划分区</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="37" />
      <source>Polygon features to check — planning blocks, rights or applications — in any CRS.</source>
      <translation>待分析的面要素——规划区块、矿业权或申请——坐标系不限。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="124" />
      <source>Polygons</source>
      <translation>图斑数</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="204" />
      <source>Preparing the layers …</source>
      <translation>正在准备图层……</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="174" />
      <source>Printed in the closing 审查意见 of the report. Left empty, the report has blank lines to fill in by hand.</source>
      <translation>打印在审查意见书末尾的“审查意见”中。留空时报告中留出手写横线。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="109" />
      <source>Processing recovery rate % (选矿回收率)</source>
      <translation>选矿回收率（%）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="151" />
      <source>Producer written in the file header</source>
      <translation>文件头中的数据产生单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="106" />
      <source>Production capacity (生产规模)</source>
      <translation>生产规模</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="100" />
      <source>Progress</source>
      <translation>进度</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="154" />
      <source>Proposed boundaries</source>
      <translation>建议范围</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="162" />
      <source>Proposed boundaries that can be submitted</source>
      <translation>可提交的建议范围</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="62" />
      <source>Proposed mines (layer or table)</source>
      <translation>拟建矿山（图层或表格）</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="31" />
      <source>Proposed mines — a layer or a table without geometry — with mineral, reserve scale and design capacity fields.</source>
      <translation>拟设矿山——图层或无几何的表——含矿种、储量规模和设计生产规模字段。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="236" />
      <source>RULESET: the plan rule file; empty means the bundled Lingbao plan. Every verdict cites the clause of that plan it applies.</source>
      <translation>RULESET：规划规则文件；留空为内置灵宝规划。每条结论都注明所依据的规划条款。</translation>
    </message>
    <message>
      <source>Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 Gauss-Krüger CRS.

INPUT: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records 'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines) or a CSV list of corner points (点号, X, Y, optional 圈号 and 地块), or a 采矿权/探矿权 登记 报盘 text (…总行数=N, 坐标系统=1/2/3, 'XYnnn=点号,X,Y' corner lines, 'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept), or a list of 经度/纬度 (点号, 经度, 纬度, optional 圈号 and 地块; decimal degrees, 111°05′30.5″, 111度05分30.5秒 or the compact 1110530.5), projected on CGCS2000 to the Gauss-Krüger zone of its longitudes (or ZONE) with the zone prefix. UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole); an open ring of a 部标 file or a point list is closed on its first point with a warning (CLOSED_RINGS).
X is the northing and Y the easting; Y may carry the zone number as prefix (37486000 → zone 37). The zone comes from the header, else from the prefix, else from ZONE.
DECLARED_AREA_UNIT: unit of the declared parcel area (auto picks the closest of 公顷/平方千米/平方米/亩); a declared area differing from the computed planar area by more than AREA_TOLERANCE % is flagged.
A malformed file (missing header, wrong number of fields, a ring of fewer than 3 points, zone contradicting the eastings …) stops with an error naming the line.</source>
      <translation type="obsolete">读取矿业权或申请的拐点坐标，在正确的 CGCS2000 高斯-克吕格坐标系中生成面要素。

INPUT：部标界址坐标文本文件（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 中“界址点数,地块面积,地块编号,地块名称,面,…,@”记录后接“J1,圈号,X,Y”坐标行），或 CSV 界址点列表（点号、X、Y，可选 圈号、地块），或采矿权/探矿权登记报盘文本（…总行数=N、坐标系统=1/2/3、“XYnnn=点号,X,Y”拐点行，每个块段以“XYnnn=标高上限,标高下限,,块段号”结束：每个块段为一个面部件，保留其标高），或经纬度列表（点号、经度、纬度，可选 圈号、地块；十进制度、111°05′30.5″、111度05分30.5秒 或紧凑格式 1110530.5），按 CGCS2000 投影到其经度所在（或 ZONE 指定）的高斯-克吕格投影带，横坐标带带号。UTF-8 或 GBK 编码。支持多个地块、多圈（位于另一圈内的为内环/洞）；部标文件或点列表中未闭合的圈按首点闭合并给出提示（CLOSED_RINGS）。
X 为纵坐标（北），Y 为横坐标（东），Y 可带带号前缀（37486000 → 37 带）。投影带取自文件头，否则取自带号前缀，否则取 ZONE 参数。
DECLARED_AREA_UNIT：申报地块面积的单位（自动：在 公顷/平方千米/平方米/亩 中选最接近者）；申报面积与计算的平面面积相差超过 AREA_TOLERANCE % 时给出提示。
格式错误的文件（缺少文件头、字段数不对、圈少于 3 个点、带号与横坐标不符等）以指明行号的错误中止。</translation>
    </message>
    <message>
      <source>Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 Gauss-Krüger CRS.

INPUT: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records 'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines) or a CSV list of corner points (点号, X, Y, optional 圈号 and 地块), or a 采矿权/探矿权 登记 报盘 text (…总行数=N, 坐标系统=1/2/3, 'XYnnn=点号,X,Y' corner lines, 'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept). UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole).
X is the northing and Y the easting; Y may carry the zone number as prefix (37486000 → zone 37). The zone comes from the header, else from the prefix, else from ZONE.
DECLARED_AREA_UNIT: unit of the declared parcel area (auto picks the closest of 公顷/平方千米/平方米/亩); a declared area differing from the computed planar area by more than AREA_TOLERANCE % is flagged.
A malformed file (missing header, wrong number of fields, unclosed ring, zone contradicting the eastings …) stops with an error naming the line.</source>
      <translation type="obsolete">读取矿业权或申请的拐点坐标，在正确的 CGCS2000 高斯-克吕格坐标系中生成面要素。

INPUT：部标界址坐标文本文件（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 中“界址点数,地块面积,地块编号,地块名称,面,…,@”记录后接“J1,圈号,X,Y”坐标行），或 CSV 界址点列表（点号、X、Y，可选 圈号、地块），或采矿权/探矿权登记报盘文本（…总行数=N、坐标系统=1/2/3、“XYnnn=点号,X,Y”拐点行，每个块段以“XYnnn=标高上限,标高下限,,块段号”结束：每个块段为一个面部件，保留其标高）。UTF-8 或 GBK 编码。支持多个地块、多圈（位于另一圈内的为内环/洞）。
X 为纵坐标（北），Y 为横坐标（东），Y 可带带号前缀（37486000 → 37 带）。投影带取自文件头，否则取自带号前缀，否则取 ZONE 参数。
DECLARED_AREA_UNIT：申报地块面积的单位（自动：在 公顷/平方千米/平方米/亩 中选最接近者）；申报面积与计算的平面面积相差超过 AREA_TOLERANCE % 时给出提示。
格式错误的文件（缺少文件头、字段数不对、圈未闭合、带号与横坐标不符等）以指明行号的错误中止。</translation>
    </message>
    <message>
      <source>Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 Gauss-Krüger CRS.

INPUT: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records 'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines) or a CSV list of corner points (点号, X, Y, optional 圈号 and 地块). UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole).
X is the northing and Y the easting; Y may carry the zone number as prefix (37486000 → zone 37). The zone comes from the header, else from the prefix, else from ZONE.
DECLARED_AREA_UNIT: unit of the declared parcel area (auto picks the closest of 公顷/平方千米/平方米/亩); a declared area differing from the computed planar area by more than AREA_TOLERANCE % is flagged.
A malformed file (missing header, wrong number of fields, unclosed ring, zone contradicting the eastings …) stops with an error naming the line.</source>
      <translation type="obsolete">读取矿业权或申请的拐点坐标，在正确的 CGCS2000 高斯-克吕格坐标系中生成面要素。

INPUT：部标界址坐标文本文件（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 中“界址点数,地块面积,地块编号,地块名称,面,…,@”记录后接“J1,圈号,X,Y”坐标行），或 CSV 界址点列表（点号、X、Y，可选 圈号、地块）。UTF-8 或 GBK 编码。支持多个地块、多圈（位于另一圈内的为内环/洞）。
X 为纵坐标（北），Y 为横坐标（东），Y 可带带号前缀（37486000 → 37 带）。投影带取自文件头，否则取自带号前缀，否则取 ZONE 参数。
DECLARED_AREA_UNIT：申报地块面积的单位（自动：在 公顷/平方千米/平方米/亩 中选最接近者）；申报面积与计算的平面面积相差超过 AREA_TOLERANCE % 时给出提示。
格式错误的文件（缺少文件头、字段数不对、圈未闭合、带号与横坐标不符等）以指明行号的错误中止。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="86" />
      <source>Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 Gauss-Krüger CRS.

“Coordinate file”: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records 'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines), a CSV list of corner points (点号, X, Y, optional 圈号 and 地块), a 采矿权/探矿权 登记 报盘 text ('XYnnn=点号,X,Y' corner lines, 'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept), or a list of 经度/纬度 (decimal degrees, 111°05′30.5″, 111度05分30.5秒 or 1110530.5), projected on CGCS2000 to the Gauss-Krüger zone of its longitudes. “Format”: auto-detected by default. UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole); an open ring is closed on its first point with a warning (counted in “Open rings closed”).
X is the northing and Y the easting unless “Coordinate order” says otherwise; Y may carry the zone number as prefix (37486000 → zone 37). The zone comes from the header, else from the prefix, else from “Zone number when the file has none (0 = from the file)”; “Zone width for CSV files”: 3° or 6°.
“Unit of the declared area”: auto picks the closest of 公顷/平方千米/平方米/亩; a declared area differing from the computed planar area by more than “Area tolerance (%)” is flagged.
“Parcels”: one polygon per parcel. A malformed file (missing header, wrong number of fields, a ring of fewer than 3 points, zone contradicting the eastings …) stops with an error naming the line.</source>
      <translation>读取矿业权或申请的拐点坐标，生成正确的 CGCS2000 高斯-克吕格坐标系下的多边形。

“拐点坐标文件”：部标界址点坐标文本（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 为 '点数,面积,编号,名称,面,…,@' 记录及其后的 'J1,圈号,X,Y' 行）、拐点 CSV 列表（点号、X、Y，可选 圈号 与 地块）、采矿权/探矿权登记报盘文本（'XYnnn=点号,X,Y' 拐点行，'XYnnn=标高上限,标高下限,,块段号' 结束每个块段：每个块段一个多边形部分，保留其标高），或经度/纬度列表（十进制度、111°05′30.5″、111度05分30.5秒 或 1110530.5），按其经度所在的高斯-克吕格投影带投影到 CGCS2000。“格式”：默认自动识别。支持 UTF-8 或 GBK。可含多个地块、多个圈（位于另一圈内的圈为内环）；未闭合的圈以首点闭合并给出警告（计入“已闭合的未闭合圈”）。
除非“坐标顺序”另有指定，X 为纵坐标（北），Y 为横坐标（东）；Y 可带带号前缀（37486000 → 37 带）。带号依次取自文件头、坐标前缀、“文件无带号时的投影带号（0 = 取自文件）”；“CSV 文件的分带宽度”：3 度或 6 度。
“申报面积单位”：自动时取 公顷/平方千米/平方米/亩 中最接近者；申报面积与计算的平面面积相差超过“面积容差（%）”时给出提示。
“地块”：每个地块一个多边形。格式错误的文件（缺少文件头、字段数不对、圈少于 3 个点、带号与横坐标矛盾等）将停止并报错，指明所在行。</translation>
    </message>
    <message>
      <source>Reason and clause</source>
      <translation type="obsolete">原因与条款</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="58" />
      <source>Redraw to avoid control lines</source>
      <translation>避让调整</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="58" />
      <source>Redraw to avoid control lines…</source>
      <translation>避让调整…</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="159" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="134" />
      <source>Remaining parts</source>
      <translation>剩余地块</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="162" />
      <source>Repair (counted)</source>
      <translation>修复（计数）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="63" />
      <source>Report</source>
      <translation>报告</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="140" />
      <source>Report (HTML)</source>
      <translation>审查报告（HTML）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="143" />
      <source>Report (PDF)</source>
      <translation>审查报告（PDF）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="151" />
      <source>Report language</source>
      <translation>报告语言</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="154" />
      <source>Report template (empty = bundled 审查意见书)</source>
      <translation>报告模板（留空为内置审查意见书）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="188" />
      <source>Report template (empty = bundled)</source>
      <translation>报告模板（留空为内置模板）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="184" />
      <source>Report templates (*.html *.j2 *.html.j2)</source>
      <translation>报告模板 (*.html *.j2 *.html.j2)</translation>
    </message>
    <message>
      <location filename="../core/report/review.py" line="429" />
      <source>Report written: {0}</source>
      <translation>报告已写出：{0}</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="146" />
      <source>Report, editable (ODF text .odt: Word, WPS)</source>
      <translation>审查意见书，可编辑（ODF 文本 .odt：Word、WPS 可打开）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="33" />
      <source>Reserve scale</source>
      <translation>储量规模</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="152" />
      <source>Reserve scale (储量规模)</source>
      <translation>储量规模</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="58" />
      <source>Reserve scale field</source>
      <translation>储量规模字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="21" />
      <source>Reserve scale field (大型/中型/小型)</source>
      <translation>储量规模字段（大型/中型/小型）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="34" />
      <source>Reserves</source>
      <translation>储量</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="107" />
      <source>Reserves (储量)</source>
      <translation>储量</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="60" />
      <source>Reserves field</source>
      <translation>储量字段</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="35" />
      <source>Reserves unit</source>
      <translation>储量单位</translation>
    </message>
    <message>
      <location filename="../core/inputs/roles.py" line="61" />
      <source>Reserves unit field</source>
      <translation>储量单位字段</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="158" />
      <source>Review date (empty = blank to fill by hand)</source>
      <translation>审查日期（留空则手写）</translation>
    </message>
    <message>
      <source>Review report (HTML)</source>
      <translation type="obsolete">审查报告（HTML）</translation>
    </message>
    <message>
      <source>Review report (PDF)</source>
      <translation type="obsolete">审查报告（PDF）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="137" />
      <source>Review results</source>
      <translation>审查结果</translation>
    </message>
    <message>
      <source>Review verdicts</source>
      <translation type="obsolete">审查结论</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="187" />
      <source>Reviewer</source>
      <translation>审查人</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="157" />
      <source>Reviewer (审查人)</source>
      <translation>审查人</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="207" />
      <source>Reviewing features …</source>
      <translation>正在审查要素……</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="186" />
      <source>Reviewing unit</source>
      <translation>审查单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="157" />
      <source>Reviewing unit (审查单位)</source>
      <translation>审查单位</translation>
    </message>
    <message>
      <source>Right type (开采/勘查)</source>
      <translation type="obsolete">矿业权类型（开采/勘查）</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="149" />
      <source>Right type (开采/勘查; empty: the coordinate file's, else 采矿权)</source>
      <translation>矿业权类型（开采/勘查；为空：取坐标文件所写，否则为采矿权）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="159" />
      <source>Rule file</source>
      <translation>规则文件</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="70" />
      <source>Rule file: {}</source>
      <translation>规则文件：{}</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="288" />
      <source>Rule set</source>
      <translation>规则集</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="62" />
      <source>Rule set and measurement</source>
      <translation>规则集与量算</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="59" />
      <source>Rule set findings</source>
      <translation>规则文件校验结果</translation>
    </message>
    <message>
      <source>Running {0} …</source>
      <translation type="obsolete">正在运行 {0} …</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="65" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="78" />
      <source>Scale field (大型/中型/小型)</source>
      <translation>规模字段（大型/中型/小型）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="170" />
      <source>Seconds</source>
      <translation>耗时（秒）</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="206" />
      <source>Select a row to read its reason and clause in full.</source>
      <translation>选中一行，在此查看其完整理由和规划条款。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="566" />
      <source>Select at most {0} features to see every fact.</source>
      <translation>选择不超过 {0} 个要素可查看全部信息。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="286" />
      <source>Select features of layer {0} on the map.</source>
      <translation>请在地图上选择图层 {0} 的要素。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="62" />
      <source>Sequence number of the first 审查意见书 of this run; the others count up in the order of the features.</source>
      <translation>本次运行第一份审查意见书的序号；其余按要素顺序递增。</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="53" />
      <source>Settings: rule set and layer roles…</source>
      <translation>设置：规则集与图层角色…</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="527" />
      <source>Share and patches</source>
      <translation>占比与压覆图斑</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="584" />
      <source>Share of the feature</source>
      <translation>占该要素比例</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="124" />
      <source>Siting area (km²)</source>
      <translation>可布设面积（平方千米）</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="121" />
      <source>Siting area by zone</source>
      <translation>分区可布设面积</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="128" />
      <source>Siting area by zone (km²)</source>
      <translation>分区可布设面积（平方千米）</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="119" />
      <source>Siting areas</source>
      <translation>可布设区域</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="64" />
      <source>Siting polygons smaller than this many m² are dropped.</source>
      <translation>小于该面积（平方米）的可布设区域图斑被舍去。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="162" />
      <source>Skip (counted)</source>
      <translation>跳过（计数）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="168" />
      <source>Sliver tolerance</source>
      <translation>碎片容差</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="145" />
      <source>Sliver tolerance: smallest overlap that counts (m²)</source>
      <translation>碎片容差：计为压覆的最小面积（平方米）</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="113" />
      <source>Smallest polygon kept (m²)</source>
      <translation>保留图斑的最小面积（平方米）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="131" />
      <source>Smallest workable remaining part (m²)</source>
      <translation>可作为矿山的最小剩余地块面积（平方米）</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="99" />
      <source>Status</source>
      <translation>达标情况</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="485" />
      <source>Still open</source>
      <translation>仍未解决</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="162" />
      <source>Stop with an error</source>
      <translation>报错中止</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="99" />
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <location filename="../processing_provider/writing.py" line="91" />
      <source>Text values cut to fit the output format (shapefile: 254 bytes)</source>
      <translation>为适应输出格式而截断的文本值（shapefile：254 字节）</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="89" />
      <source>The applicant (申请人), printed in the 审查意见书.</source>
      <translation>申请人，印在审查意见书中。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="65" />
      <source>The applicant's coordinate file: 部标 boundary-coordinate text, 报盘 registration text (XYnnn=…), a CSV list of corner points or a list of 经度/纬度; UTF-8 or GBK.</source>
      <translation>申请人提交的坐标文件：部标界址坐标文本、报盘登记文本（XYnnn=…）、拐点 CSV 列表或经纬度列表；UTF-8 或 GBK 编码。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="93" />
      <source>The application number (申请编号); empty: the coordinate file's name.</source>
      <translation>申请编号；留空：采用坐标文件名。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="79" />
      <source>The application type (新立, 延续, 扩大范围 …): the plan's rules differ by type.</source>
      <translation>申请类型（新立、延续、扩大范围等）：规划对不同类型的规定不同。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="95" />
      <source>The applications layer the review reads without any field mapping (矿种, 申请类型, 规模 … under the names the review detects).</source>
      <translation>审查可直接读取、无需字段映射的申请图层（矿种、申请类型、规模等采用审查可识别的字段名）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="62" />
      <source>The applications, blocks or rights to adjust (polygons, any CRS).</source>
      <translation>需要调整的申请、区块或矿业权（面，坐标系不限）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="47" />
      <source>The blocks, rights or applications to review (polygons, any CRS). Roles and fields are detected; nothing has to be mapped.</source>
      <translation>待审查的区块、矿业权或申请（面，坐标系不限）。图层角色和字段自动识别，无需映射。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="82" />
      <source>The design production capacity per year, in the unit below.</source>
      <translation>设计生产规模（每年），单位见下。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="66" />
      <source>The file's format; auto-detected by default.</source>
      <translation>文件格式；默认自动识别。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="60" />
      <source>The files written for each 审查意见书: PDF, ODT (editable) and/or HTML; default PDF and ODT.</source>
      <translation>每份审查意见书输出的文件：PDF、ODT（可编辑）和/或 HTML；默认 PDF 和 ODT。</translation>
    </message>
    <message>
      <source>The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining scale, mineral policy and planning zones, each with its verdict and clause, combined into one verdict per feature (符合 / 不符合 / 需论证), plus the plan's indicators when MINING_RIGHTS is given, and a report (HTML and PDF) with a map of every feature.

Fail closed: a feature is 符合 only when every check that applies ran on usable data and passed. A check that could not run — its layers not given, a field missing, the geometry unusable, the mineral unknown — makes the feature 需论证 and is named in the reasons and in not_checked.
PROPOSED: the features under review (fields auto-detected: mineral, scale, capacity …; right_type/矿业权类型 tells mining from exploration, else ACTIVITY, else the layer name; minimum scale and mineral policy apply to mining only).
Control-line layers (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS) and zone layers (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, MINING_BLOCKS, KEY_DEVELOPMENT_AREAS). One entity per 开采规划区块 counts every feature of PROPOSED and the existing rights (MINING_RIGHTS, EXPLORATION_RIGHTS).
OUTPUT: features with every check's fields, verdict, reasons (each rule not met with its clause), not_checked.
REPORT_HTML / REPORT_PDF / REPORT_ODT: the 审查意见书 a bureau files — basis (the plan's clauses, outside policies cited as such), features reviewed and data, summary, one page per feature (verdict, each check with its clause, overlaps, a map with control lines, zones, planning blocks, labels, legend, scale bar, north arrow and a county inset when COUNTY_BOUNDARY is given), indicators, the plan's own contradictions, and the closing 审查意见 with REVIEW_UNIT, REVIEWER, REVIEW_DATE and room for the seal (blank lines when empty). The .odt opens in Word and WPS for editing.
REPORT_LANGUAGE: the interface's language (default), Chinese or English. REPORT_TEMPLATE: a bureau's own Jinja2 template (copy core/report_templates/review_zh.html.j2 and adapt letterhead and wording).</source>
      <translation type="obsolete">对拟设矿业权或规划区块进行完整的规划符合性审查：控制线压覆、最低开采规模、开采矿种准入和规划分区，各项给出结论及条款，合并为每个要素的一个结论（符合 / 不符合 / 需论证）；提供采矿权图层（MINING_RIGHTS）时统计规划指标；并输出含每个要素地图的审查意见书（HTML、PDF 和 ODT）。

从严判定：只有适用的每一项检查都在可用数据上完成且通过，要素才为“符合”。无法完成的检查——未提供图层、缺少字段、几何不可用、矿种无法识别——使要素至多为“需论证”，并在事项（reasons）和 not_checked 中写明。
PROPOSED：待审查要素（自动识别字段：矿种、储量规模、设计生产规模……；由 right_type/矿业权类型 区分开采与勘查，否则按 ACTIVITY 参数，再否则按图层名称；最低开采规模和开采矿种准入只适用于开采）。
控制线图层（ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS）与规划分区图层（KEY_EXPLORATION_AREAS、KEY_MINING_AREAS、CONCENTRATED_MINING_AREAS、EXPLORATION_BLOCKS、MINING_BLOCKS、KEY_DEVELOPMENT_AREAS）。“一个开采规划区块一个开采主体”统计 PROPOSED 的全部要素以及现有矿业权（MINING_RIGHTS、EXPLORATION_RIGHTS）。
OUTPUT：含各项检查字段、结论、事项（每条未满足的规则及其条款）和 not_checked 的要素。
REPORT_HTML / REPORT_PDF / REPORT_ODT：可归档的审查意见书——审查依据（适用的规划条款，规划以外的政策文件单独列明）、审查对象与数据来源、结论汇总、每个审查对象一页（结论、各事项及条款、压覆情况、带控制线、规划分区、规划区块、注记、图例、比例尺、指北针的位置图，给出 COUNTY_BOUNDARY 时附行政区位置小图）、规划指标、规划文本自身的矛盾，以及含 REVIEW_UNIT、REVIEWER、REVIEW_DATE 和签章位置的审查意见（留空处为手写横线）。.odt 可在 Word、WPS 中编辑。
REPORT_LANGUAGE：界面语言（默认）、中文或英文。REPORT_TEMPLATE：单位自己的 Jinja2 模板（复制 core/report_templates/review_zh.html.j2，修改抬头和文字）。</translation>
    </message>
    <message>
      <source>The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining scale, mineral policy and planning zones, each with its verdict and clause, combined into one verdict per feature (符合 / 不符合 / 需论证), plus the plan's indicators when MINING_RIGHTS is given, and a report (HTML and PDF) with a map of every feature.

Fail closed: a feature is 符合 only when every check that applies ran on usable data and passed. A check that could not run — its layers not given, a field missing, the geometry unusable, the mineral unknown — makes the feature 需论证 and is named in the reasons and in not_checked.
PROPOSED: the features under review (fields auto-detected: mineral, scale, capacity …; right_type/矿业权类型 tells mining from exploration, else ACTIVITY, else the layer name; minimum scale and mineral policy apply to mining only).
Control-line layers (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS) and zone layers (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, MINING_BLOCKS, KEY_DEVELOPMENT_AREAS). One entity per 开采规划区块 counts every feature of PROPOSED and the existing rights (MINING_RIGHTS, EXPLORATION_RIGHTS).
OUTPUT: features with every check's fields, verdict, reasons (each rule not met with its clause), not_checked.
REPORT_HTML / REPORT_PDF: 规划符合性审查报告 with a summary, one section per feature (verdict, reasons, overlap figures, map with north arrow and scale bar) and the indicators table.</source>
      <translation type="obsolete">对拟设矿业权或规划区块进行完整的规划符合性审查：控制线压覆、最低开采规模、开采矿种准入和规划分区，各项给出结论及条款，合并为每个要素的一个结论（符合 / 不符合 / 需论证）；提供采矿权图层（MINING_RIGHTS）时统计规划指标；并输出含每个要素地图的审查报告（HTML 和 PDF）。

从严判定：只有适用的每一项检查都在可用数据上完成且通过，要素才为“符合”。无法完成的检查——未提供图层、缺少字段、几何不可用、矿种无法识别——使要素至多为“需论证”，并在事项（reasons）和 not_checked 中写明。
PROPOSED：待审查要素（自动识别字段：矿种、储量规模、设计生产规模……；由 right_type/矿业权类型 区分开采与勘查，否则按 ACTIVITY 参数，再否则按图层名称；最低开采规模和开采矿种准入只适用于开采）。
控制线图层（ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS）与规划分区图层（KEY_EXPLORATION_AREAS、KEY_MINING_AREAS、CONCENTRATED_MINING_AREAS、EXPLORATION_BLOCKS、MINING_BLOCKS、KEY_DEVELOPMENT_AREAS）。“一个开采规划区块一个开采主体”统计 PROPOSED 的全部要素以及现有矿业权（MINING_RIGHTS、EXPLORATION_RIGHTS）。
OUTPUT：含各项检查字段、结论、事项（每条未满足的规则及其条款）和 not_checked 的要素。
REPORT_HTML / REPORT_PDF：规划符合性审查报告，含汇总、逐要素章节（结论、事项、压覆面积、带指北针和比例尺的地图）以及规划指标表。</translation>
    </message>
    <message>
      <source>The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining scale, mineral policy and planning zones, each with its verdict and clause, combined into one verdict per feature (符合 / 不符合 / 需论证), plus the plan's indicators when MINING_RIGHTS is given, and a report (HTML and PDF) with a map of every feature.

PROPOSED: the features under review (fields auto-detected: mineral, scale, capacity …; right_type/矿业权类型 tells mining from exploration; minimum scale and mineral policy apply to mining only).
Control-line layers (ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS) and zone layers (KEY_EXPLORATION_AREAS, KEY_MINING_AREAS, CONCENTRATED_MINING_AREAS, EXPLORATION_BLOCKS, MINING_BLOCKS, KEY_DEVELOPMENT_AREAS) are optional; a check without its layers is reported as not performed.
It runs mineplan:redlineoverlap, mineplan:minimumscale, mineplan:mineralpolicy, mineplan:zoneassignment and mineplan:planindicators as child algorithms.
OUTPUT: features with every check's fields, verdict, reasons (each failed rule with its clause).
REPORT_HTML / REPORT_PDF: 规划符合性审查报告 with a summary, one section per feature (verdict, reasons, overlap figures, map with north arrow and scale bar) and the indicators table.</source>
      <translation type="obsolete">对拟设矿业权或规划区块进行完整的规划符合性审查：控制线压覆、新建矿山最低开采规模、开采矿种准入和规划分区，各项均给出结论及条款，合并为每个要素的一个结论（符合 / 不符合 / 需论证）；给出 MINING_RIGHTS 时另附规划指标；并输出含每个要素地图的审查报告（HTML 和 PDF）。

PROPOSED：待审查要素（字段自动识别：矿种、规模、生产规模等；right_type/矿业权类型 区分开采与勘查；最低开采规模和开采矿种准入只适用于开采）。
控制线图层（ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS）和分区图层（KEY_EXPLORATION_AREAS、KEY_MINING_AREAS、CONCENTRATED_MINING_AREAS、EXPLORATION_BLOCKS、MINING_BLOCKS、KEY_DEVELOPMENT_AREAS）均为可选；缺少图层的检查项会注明未检查。
本工具以子算法方式运行 mineplan:redlineoverlap、mineplan:minimumscale、mineplan:mineralpolicy、mineplan:zoneassignment 和 mineplan:planindicators。
OUTPUT：要素及各检查项字段、结论、事项（每条不符合的规则及其条款）。
REPORT_HTML / REPORT_PDF：规划符合性审查报告，含汇总表、逐要素章节（结论、事项、压覆数据、带指北针和比例尺的地图）和规划指标表。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="94" />
      <source>The full plan compliance review of proposed rights or blocks: control-line overlap, minimum mining scale, mineral policy and planning zones, each with its verdict and clause, combined into one verdict per feature (符合 / 不符合 / 需论证), plus the plan's indicators when the existing mining rights are given, a report with a map of every feature and, on request, one 审查意见书 per application.

Fail closed: a feature is 符合 only when every check that applies ran on usable data and passed. A check that could not run — its layers not given, a field missing, the geometry unusable, the mineral unknown — makes the feature 需论证 and is named in 不符合/需论证事项及条款 and in 未检查事项.
“Features under review”: fields auto-detected unless chosen (mineral, scale, capacity …); a field such as right_type/矿业权类型 tells mining from exploration, else “Activity when no field says it”, else the layer name; minimum scale and mineral policy apply to mining only. “Application type when no field gives it (申请类型)”: 新立 by default.
Role layers (all optional): the control lines, the planning zones and blocks, and the existing mining and exploration rights; one entity per 开采规划区块 counts every feature under review and the existing rights. “Area method”, “Sliver tolerance: smallest overlap that counts (m²)” and “Invalid geometries” as in the overlap analysis.
“Review results”: the features with every check's fields, 审查结论, 不符合/需论证事项及条款, 适用条款 and 未检查事项.
“Report (HTML)”, “Report (PDF)”, “Report, editable (ODF text .odt: Word, WPS)”: the review report — basis (the plan's clauses, outside policies cited as such), data, summary, one page per feature with each check, its overlaps and a map (a county inset when “County boundary (report maps)” is given), indicators, the plan's own contradictions, and the closing 审查意见 with “Reviewing unit (审查单位)”, “Reviewer (审查人)” and “Review date (empty = blank to fill by hand)” (blank lines when empty). “Report language”: the interface's language (default), Chinese or English. “Report template (empty = bundled 审查意见书)”: a bureau's own Jinja2 template.
“Folder for one 审查意见书 per application (empty = none)”: one 审查意见书 per feature under review, in the “审查意见书 formats” chosen (PDF and ODT by default, HTML too). Each gets its 文号 from “Document number pattern ({year}, {seq})” (default 灵自然资审〔{year}〕{seq}号: {year} is the year of the opinion date, {seq} counts up from “First sequence number”, default 1), and is dated “Opinion date (YYYY-MM-DD, empty = today)”. “审查意见书 template (empty = bundled)”: a bureau's own letterhead and wording.</source>
      <translation>对拟设矿业权或区块进行完整的规划符合性审查：控制线压覆、最低开采规模、开采矿种准入和规划分区，各项给出结论及条款，合并为每个要素一个结论（符合 / 不符合 / 需论证）；给出现有采矿权时同时计算规划指标；生成附每个要素地图的审查报告，并可按宗生成审查意见书。

从严判定：只有所有适用的检查都在可用数据上完成并通过，要素才判为符合。无法进行的检查——未给出图层、缺少字段、几何不可用、矿种未知——使要素判为需论证，并列入不符合/需论证事项及条款和未检查事项。
“待审查要素”：未选择的字段自动识别（矿种、规模、生产规模 等）；right_type/矿业权类型 等字段区分开采与勘查，否则取“无类型字段时的审查类型”，再否则取图层名称；最低开采规模和开采矿种准入只适用于开采。“无申请类型字段时的申请类型”：默认新立。
各角色图层（均可选）：控制线、规划分区与区块、现有采矿权和探矿权；每个开采规划区块一个开采主体的检查统计全部待审查要素和现有矿业权。“面积算法”、“碎片容差：计为压覆的最小面积（平方米）”和“无效几何”与压覆分析相同。
“审查结果”：要素及各项检查字段、审查结论、不符合/需论证事项及条款、适用条款和未检查事项。
“审查报告（HTML）”、“审查报告（PDF）”、“审查意见书，可编辑（ODF 文本 .odt：Word、WPS 可打开）”：审查报告——审查依据（规划条款，外部政策注明出处）、数据、汇总、每个要素一页（各项检查、压覆情况和地图；给出“行政区界线（报告附图）”时加位置图）、规划指标、规划自身的矛盾，以及结尾的审查意见，含“审查单位”、“审查人”和“审查日期（留空则手写）”（留空时为空行）。“报告语言”：界面语言（默认）、中文或英文。“报告模板（留空为内置审查意见书）”：审查机关自己的 Jinja2 模板。
“每宗申请一份审查意见书的输出文件夹（留空则不生成）”：每个待审查要素一份审查意见书，格式按“审查意见书格式”（默认 PDF 和 ODT，也可选 HTML）。文号按“文号格式（{year} 年份，{seq} 序号）”生成（默认 灵自然资审〔{year}〕{seq}号：{year} 为意见书日期的年份，{seq} 自“起始序号”起递增，默认 1），日期为“意见书日期（YYYY-MM-DD，留空为当天）”。“审查意见书模板（留空使用内置模板）”：审查机关自己的文头和措辞。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="33" />
      <source>The id field of the zone layers when detection fails (detected: id, code, 编号, GHQBH …); the same name on every zone layer.</source>
      <translation>自动识别失败时分区图层的编号字段（自动识别：id、code、编号、GHQBH 等）；各分区图层使用同一名称。</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="139" />
      <source>The indicators could not be computed; see the log.</source>
      <translation>无法计算指标，请查看日志。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="49" />
      <source>The input features with every check's verdict, reason and clause, the overall 审查结论 and 未检查事项 — one row per feature, none dropped.</source>
      <translation>输入要素，附各项检查的结论、原因和条款、总体审查结论及未检查事项——每个要素一行，不丢弃任何要素。</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="39" />
      <source>The input features with, per control line, the overlapping area, share and ids, then 要素面积, 是否冲突, 压覆结论, 原因, 规划条款 and 面积算法.</source>
      <translation>输入要素，并逐条控制线给出压覆面积、压覆比例和压覆图斑编号，以及要素面积、是否冲突、压覆结论、原因、规划条款和面积算法。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="66" />
      <source>The input fields plus 原面积, 扣除面积, 避让后面积, 面积减少(%), 地块数, 最大地块面积, the control lines removed and the result (可避让, 避让后破碎, 无法避让, 无需避让, 无几何); the geometry is the exact remainder.</source>
      <translation>输入字段，加原面积、扣除面积、避让后面积、面积减少(%)、地块数、最大地块面积、扣除的控制线及避让结论（可避让、避让后破碎、无法避让、无需避让、无几何）；几何为精确剩余范围。</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="32" />
      <source>The input rows with the plan's minimum capacity for the mineral and reserve scale (专栏6), whether the capacity reaches it, the service life and the verdict with its clause.</source>
      <translation>输入记录，并给出该矿种、该储量规模的规划最低开采规模（专栏6）、是否达标、服务年限以及结论和条款。</translation>
    </message>
    <message>
      <location filename="../processing_provider/mineral_policy.py" line="28" />
      <source>The input rows with the standard mineral name, its class under the plan (专栏7: encouraged, restricted, forbidden …) and the verdict with its clause.</source>
      <translation>输入记录，并给出规范矿种名称、其在规划中的开采矿种类别（专栏7：鼓励、限制、禁止等）以及结论和条款。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="92" />
      <source>The licence number (许可证号) a 延续 or 变更 continues; matched against the existing rights.</source>
      <translation>延续或变更所对应的许可证号；与现有矿业权比对。</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="126" />
      <source>The mineplan processing provider is not loaded.</source>
      <translation>mineplan 处理工具集未加载。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="77" />
      <source>The mineral applied for, from the rule file's dictionary; empty: the one the coordinate file names.</source>
      <translation>申请矿种，取自规则文件的矿种词典；留空：采用坐标文件注明的矿种。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="59" />
      <source>The mineral of the new right: any name or alias of the dictionary (建筑石料, 金矿, 地热 …).</source>
      <translation>新设矿业权的矿种：矿种词典中的任一名称或别名（建筑石料、金矿、地热等）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/plan_indicators.py" line="44" />
      <source>The mining rights in force — a layer or a table — with mineral, reserve scale and annual output fields: the numbers of mines, their scale structure and the output are counted from it.</source>
      <translation>现有采矿权——图层或表——含矿种、储量规模和年产量字段：据此统计矿山数量、规模结构和产量。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="34" />
      <source>The name field of the zone layers when detection fails (detected: name, 名称, GHQMC …).</source>
      <translation>自动识别失败时分区图层的名称字段（自动识别：name、名称、GHQMC 等）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="76" />
      <source>The parcels made by Import corner coordinates from the applicant's file.</source>
      <translation>由“导入拐点坐标”从申请人文件生成的地块。</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="188" />
      <source>The polygons left after removing every control-line overlap (避让调整) of the conflicting features shown, into the scratch layer 避让调整结果</source>
      <translation>把所示冲突要素扣除全部控制线压覆后剩余的地块（避让调整）加入临时图层“避让调整结果”</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="80" />
      <source>The reserve scale of the deposit (大型/中型/小型): 专栏6 sets the minimum capacity by it.</source>
      <translation>矿床储量规模（大型/中型/小型）：专栏6 据此规定最低开采规模。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="83" />
      <source>The reserves, in the unit below.</source>
      <translation>资源储量，单位见下。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="57" />
      <source>The reviewer, printed in the report.</source>
      <translation>审查人，印在审查报告中。</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="56" />
      <source>The reviewing unit, printed in the report and in the 落款 of every 审查意见书.</source>
      <translation>审查单位，印在审查报告和每份审查意见书的落款中。</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="64" />
      <source>The smallest remaining part (m²) that still makes a workable mine: a feature whose largest part is smaller is 避让后破碎.</source>
      <translation>仍可形成矿山的最小剩余地块面积（平方米）：最大地块小于该值的要素为“避让后破碎”。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="70" />
      <source>Unit of the area the file declares; auto picks the closest of 公顷, 平方千米, 平方米 and 亩.</source>
      <translation>文件所申报面积的单位；自动时在公顷、平方千米、平方米和亩中取最接近者。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="87" />
      <source>Unit of the capacity: 万吨/年, 万立方米/年, 矿物万吨/年 …; an unknown unit is refused before anything is written.</source>
      <translation>生产规模单位：万吨/年、万立方米/年、矿物万吨/年等；无法识别的单位在写出前即被拒绝。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="121" />
      <source>Unit of the declared area</source>
      <translation>申报面积单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="111" />
      <source>Unit of the production capacity</source>
      <translation>生产规模单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="112" />
      <source>Unit of the reserves</source>
      <translation>储量单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="88" />
      <source>Unit of the reserves: 万吨, 万立方米 …</source>
      <translation>资源储量单位：万吨、万立方米等。</translation>
    </message>
    <message>
      <source>Urban development boundary</source>
      <translation type="obsolete">城镇开发边界</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="35" />
      <source>Urban development boundary (城镇开发边界)</source>
      <translation>城镇开发边界</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="37" />
      <source>Validate rule set</source>
      <translation>规则文件校验</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="61" />
      <source>Validate rule set…</source>
      <translation>规则文件校验…</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="76" />
      <source>Verdict</source>
      <translation>结论</translation>
    </message>
    <message>
      <source>Verdict / m²</source>
      <translation type="obsolete">结论 / 平方米</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="47" />
      <source>What to do with an invalid geometry (self-intersection, bow-tie …) in any input: repair it (default), skip the feature, or stop with an error naming it. Repaired and skipped features are counted in the log and the outputs.</source>
      <translation>任一输入中的无效几何（自相交、8 字形等）如何处理：修复（默认）、跳过该要素，或报错停止并指明要素。修复和跳过的要素在日志和输出中计数。</translation>
    </message>
    <message>
      <source>Where a new mining or exploration right of a mineral may be placed under the plan: inside the zones or blocks the plan requires for it and suited to the mineral, minus the control lines (with the rule file's keep-away buffers), minus blocks already held by another entity and minus existing rights. Empty, with the reason, for a forbidden mineral or where the plan sets no zone for the mineral.

MINERAL: any mineral name or alias of the dictionary (建筑石料, 金矿, 地热 …); a category such as 建筑石料 also gets the zones of its members (建筑用白云岩 …), each polygon says which minerals a right there may carry.
ACTIVITY: mining or exploration. APPLICATION_TYPE: 新立 (default), 探矿权转采矿权 and 扩大范围 use the zone rules; 深部或上部扩界 gives the footprints of existing rights of the same mineral; the other types set no new right.
Role layers as in the review: control lines, zones and blocks, existing mining and exploration rights. MIN_AREA: drop polygons smaller than this (m²). KEEP_AWAY: distance kept from existing rights (m).
OUTPUT: one polygon per contiguous area with the zone or block it belongs to, the other zones it lies in, its ellipsoidal area, what shaped it and the clauses. SUMMARY: one row per zone considered, with the area offered and why the rest is not. The polygons are in the rule file's CRS (灵宝: EPSG:4546).
The exact set expression is in docs/siting.md; a small right placed inside a polygon passes the review's siting, zone and control-line checks.</source>
      <translation type="obsolete">按规划分析某矿种新设采矿权或探矿权可以布设在哪里：位于规划为其要求且主矿种相符的分区或规划区块内，扣除控制线（含规则文件规定的避让距离）、已有其他开采主体的规划区块和现有矿业权。禁止开采矿种、或规划未为该矿种设置分区时，结果为空并说明原因。

MINERAL：矿种词典中的任一名称或别名（建筑石料、金矿、地热……）；建筑石料等类别同时得到其所属矿种（建筑用白云岩……）的分区，每个图斑注明在此可设的矿种。
ACTIVITY：开采或勘查。APPLICATION_TYPE：新立（默认）、探矿权转采矿权、扩大范围按分区规定；深部或上部扩界为同类矿产现有采矿权的范围；其他类型不新设矿业权。
图层角色与规划符合性审查相同：控制线、规划分区与区块、现有采矿权和探矿权。MIN_AREA：舍去小于此面积（平方米）的图斑。KEEP_AWAY：与现有矿业权保持的距离（米）。
OUTPUT：每块连续区域一个图斑，注明所属分区或区块、同时位于的其他分区、椭球面积、形成过程和依据条款。SUMMARY：每个参与分析的分区一行，列出可布设面积及其余部分不可布设的原因。图斑采用规则文件的坐标系（灵宝：EPSG:4546）。
精确的集合表达式见 docs/siting.md；在图斑内布设的小型矿业权可通过审查的设置区域、规划分区和控制线压覆检查。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="82" />
      <source>Where a new mining or exploration right of a mineral may be placed under the plan: inside the zones or blocks the plan requires for it and suited to the mineral, minus the control lines (with the rule file's keep-away buffers), minus blocks already held by another entity and minus existing rights. Empty, with the reason, for a forbidden mineral or where the plan sets no zone for the mineral.

“Mineral (name or alias)”: any mineral name or alias of the dictionary (建筑石料, 金矿, 地热 …); a category such as 建筑石料 also gets the zones of its members (建筑用白云岩 …), each polygon says which minerals a right there may carry.
“New right: mining or exploration”. “Application type”: 新立 (default), 探矿权转采矿权 and 扩大范围 use the zone rules; 深部或上部扩界 gives the footprints of existing rights of the same mineral; the other types set no new right.
Role layers as in the review: control lines, zones and blocks, existing mining and exploration rights. “Smallest polygon kept (m²)”: smaller polygons are dropped. “Distance kept from existing rights (m)”. “Invalid geometries”: repair (default), skip or stop.
“Siting areas”: one polygon per contiguous area with the zone or block it belongs to, the other zones it lies in, its ellipsoidal area, what shaped it (形成过程) and the clauses. “Siting area by zone”: one row per zone considered, with the area offered (可布设面积) and why the rest is not. The polygons are in the rule file's CRS (灵宝: EPSG:4546).
The exact set expression is in docs/siting.md; a small right placed inside a polygon passes the review's siting, zone and control-line checks.</source>
      <translation>规划允许某矿种新设采矿权或探矿权的位置：位于规划要求且适合该矿种的分区或区块内，扣除控制线（含规则文件规定的避让缓冲）、已由其他主体占有的区块和现有矿业权。禁止开采矿种或规划未为该矿种设定分区时结果为空，并说明原因。

“矿种（名称或别名）”：矿种词典中的任意名称或别名（建筑石料、金矿、地热 等）；建筑石料 等类别同时取得其所含矿种（建筑用白云岩 等）的分区，每个图斑注明可设的矿种。
“新设矿业权类别（开采/勘查）”。“申请类型”：新立（默认）、探矿权转采矿权 和 扩大范围 按分区规则；深部或上部扩界 给出同矿种现有矿业权的范围；其他类型不新设矿业权。
各角色图层与审查相同：控制线、分区与区块、现有采矿权和探矿权。“保留图斑的最小面积（平方米）”：更小的图斑舍去。“与现有矿业权的避让距离（米）”。“无效几何”：修复（默认）、跳过或停止。
“可布设区域”：每块连续区域一个图斑，含所属分区或区块、同时位于的其他分区、椭球面积、形成过程和依据条款。“分区可布设面积”：每个参与计算的分区一行，含可布设面积及其余部分不可布设的原因。图斑采用规则文件的坐标系（灵宝：EPSG:4546）。
精确的集合运算式见 docs/siting.md；在图斑内布设的小范围矿业权可通过审查的布设、分区和控制线检查。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="55" />
      <source>Where a new right may go</source>
      <translation>可布设区域分析</translation>
    </message>
    <message>
      <location filename="../plugin.py" line="57" />
      <source>Where a new right may go…</source>
      <translation>可布设区域分析…</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="69" />
      <source>Whether X is the northing and Y the easting (surveying, default) or the other way round.</source>
      <translation>X 为纵坐标（北）、Y 为横坐标（东）（测量习惯，默认），或相反。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="60" />
      <source>Whether the new right is a mining or an exploration right.</source>
      <translation>新设的是采矿权还是探矿权。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="57" />
      <source>Which field holds {0}. Empty: detected from the field names ({1} …; case, spaces and underscores ignored). Choose a field only when detection picks the wrong one or none.</source>
      <translation>哪个字段是{0}。留空：按字段名自动识别（{1} …，不区分大小写、空格和下划线）。仅在自动识别选错或找不到时指定。</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="83" />
      <source>Which layer of the project is which. Detected from layer names, the layer codes of the national spatial-planning database (STBHHX, YJJBNT, CZKFBJ …) and field signatures.</source>
      <translation>工程中各图层的角色。按图层名称、国土空间规划“一张图”数据库的图层代码（STBHHX、YJJBNT、CZKFBJ 等）和字段特征识别。</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="35" />
      <source>Which zone of a role a feature belongs to when it touches several: the largest overlap (default), the zone holding its centroid, or only a zone containing it fully.</source>
      <translation>要素与同一类分区中多个分区相交时的归属：最大重叠（默认）、质心所在分区，或仅完全包含它的分区。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="127" />
      <source>Why there is no siting area</source>
      <translation>无可布设区域的原因</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="168" />
      <source>Without geometry</source>
      <translation>无几何要素数</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="225" />
      <source>Writing the report (maps) …</source>
      <translation>正在生成审查意见书（地图）……</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="229" />
      <source>Writing the results …</source>
      <translation>正在写出结果……</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="120" />
      <source>X = easting, Y = northing</source>
      <translation>X 为东坐标，Y 为北坐标</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="120" />
      <source>X = northing, Y = easting (surveying)</source>
      <translation>X 为北坐标，Y 为东坐标（测量习惯）</translation>
    </message>
    <message>
      <source>Zone</source>
      <translation type="obsolete">分区</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="28" />
      <source>Zone assignment</source>
      <translation>规划分区归属</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="71" />
      <source>Zone id field (override)</source>
      <translation>分区编号字段（指定）</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="73" />
      <source>Zone name field (override)</source>
      <translation>分区名称字段（指定）</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="112" />
      <source>Zone number when the file has none (0 = from the file)</source>
      <translation>文件无带号时的投影带号（0 = 取自文件）</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="116" />
      <source>Zone width for CSV files</source>
      <translation>CSV 文件的分带宽度</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="68" />
      <source>Zone width of the coordinates of a CSV file: 3° or 6°.</source>
      <translation>CSV 文件坐标的分带宽度：3 度或 6 度。</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="125" />
      <source>Zones with a siting area</source>
      <translation>有可布设区域的分区数</translation>
    </message>
    <message>
      <source>activity</source>
      <translation type="obsolete">审查类型</translation>
    </message>
    <message>
      <source>annual output</source>
      <translation type="obsolete">年产量</translation>
    </message>
    <message>
      <source>capacity unit</source>
      <translation type="obsolete">生产规模单位</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="250" />
      <source>changed by hand</source>
      <translation>已手动修改</translation>
    </message>
    <message>
      <source>design capacity</source>
      <translation type="obsolete">设计生产规模</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="474" />
      <source>double-click: add it to a scratch layer</source>
      <translation>双击：加入临时图层</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="536" />
      <source>double-click: show on the map</source>
      <translation>双击：在地图上显示</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="194" />
      <source>indicators</source>
      <translation>规划指标</translation>
    </message>
    <message>
      <source>mineral</source>
      <translation type="obsolete">矿种</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="61" />
      <source>mining or exploration (采矿/探矿, 矿业权类型)</source>
      <translation>勘查或开采（采矿/探矿、矿业权类型）</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="116" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>not checked: no zone layer given</source>
      <translation type="obsolete">未检查：未提供规划分区图层</translation>
    </message>
    <message>
      <source>output unit</source>
      <translation type="obsolete">产量单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="82" />
      <source>plan unit</source>
      <translation>规划单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="234" />
      <source>repaired</source>
      <translation>已修复</translation>
    </message>
    <message>
      <source>required</source>
      <translation type="obsolete">要求</translation>
    </message>
    <message>
      <source>reserve scale</source>
      <translation type="obsolete">储量规模</translation>
    </message>
    <message>
      <source>reserves</source>
      <translation type="obsolete">储量</translation>
    </message>
    <message>
      <source>reserves unit</source>
      <translation type="obsolete">储量单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="234" />
      <source>skipped</source>
      <translation>已跳过</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="235" />
      <source>skipped: nothing polygonal was left after repair</source>
      <translation>已跳过：修复后不余任何面</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="71" />
      <source>the annual output</source>
      <translation>年产量</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="68" />
      <source>the applicant or right holder</source>
      <translation>申请人或矿业权人</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="69" />
      <source>the application type (申请类型: 新立, 延续 …)</source>
      <translation>申请类型（新立、延续等）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="64" />
      <source>the design production capacity per year</source>
      <translation>设计生产规模（每年）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="59" />
      <source>the feature's id (编号, 申请编号)</source>
      <translation>要素编号（编号、申请编号）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="60" />
      <source>the feature's name, used in report titles</source>
      <translation>要素名称（用于报告标题）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="70" />
      <source>the licence number (许可证号) a 延续 or 变更 continues</source>
      <translation>延续、变更所对应的许可证号</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="62" />
      <source>the mineral (矿种)</source>
      <translation>矿种</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="63" />
      <source>the reserve scale (大型/中型/小型)</source>
      <translation>储量规模（大型/中型/小型）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="66" />
      <source>the reserves</source>
      <translation>资源储量</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="72" />
      <source>the unit of the annual output</source>
      <translation>产量单位</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="65" />
      <source>the unit of the capacity (万吨/年, 万立方米/年 …)</source>
      <translation>生产规模单位（万吨/年、万立方米/年等）</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="67" />
      <source>the unit of the reserves</source>
      <translation>资源储量单位</translation>
    </message>
    <message>
      <source>{0:.2f}% lost; {1} part(s), the largest {2} m²</source>
      <translation type="obsolete">面积减少 {0:.2f}%；共 {1} 块，最大 {2} 平方米</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="509" />
      <source>{0} adjusted polygon(s) added to the layer {1}</source>
      <translation>已将 {0} 个调整后地块加入图层“{1}”</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="324" />
      <source>{0} feature(s) of {1}</source>
      <translation>{1} 的 {0} 个要素</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="331" />
      <source>{0} feature(s) of {1}; rule set: {2}</source>
      <translation>图层 {1} 的 {0} 个要素；规则集：{2}</translation>
    </message>
    <message>
      <location filename="../processing_provider/redline_overlap.py" line="155" />
      <source>{0} feature(s): {1} conflict(s), {2} needing justification, {3} without geometry; invalid geometries repaired {4}, skipped {5}; {6} s</source>
      <translation>{0} 个要素：冲突 {1}，需论证 {2}，无几何 {3}；无效几何修复 {4}、跳过 {5}；耗时 {6} 秒</translation>
    </message>
    <message>
      <location filename="../processing_provider/minimum_scale.py" line="90" />
      <source>{0} feature(s): 符合 {1}, 不符合 {2}, 不得新建 {3}, 需人工核查 {4}</source>
      <translation>{0} 个要素：符合 {1}，不符合 {2}，不得新建 {3}，需人工核查 {4}</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="218" />
      <source>{0} feature(s): 符合 {1}, 不符合 {2}, 需论证 {3}</source>
      <translation>{0} 个要素：符合 {1}，不符合 {2}，需论证 {3}</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="558" />
      <source>{0} features selected: summary</source>
      <translation>已选 {0} 个要素：汇总</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="469" />
      <source>{0} ha; {1:.2f}% lost; {2} part(s), the largest {3} m²</source>
      <translation>{0} 公顷；面积减少 {1:.2f}%；共 {2} 块，最大 {3} 平方米</translation>
    </message>
    <message>
      <location filename="../dialogs/indicators_dock.py" line="151" />
      <source>{0} indicator(s): {1} met</source>
      <translation>{0} 个指标：{1} 个达标</translation>
    </message>
    <message>
      <location filename="../dialogs/settings_dialog.py" line="272" />
      <source>{0} layer role(s) were detected. Check them (the column on the right says how each was recognised) and press Save; nothing is used before you confirm.</source>
      <translation>已识别 {0} 个图层角色。请核对（右侧一栏说明各自的识别依据）后点击“保存”；确认之前不会使用。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="153" />
      <source>{0} parcel(s); CRS {1} ({2})</source>
      <translation>{0} 个地块；坐标系 {1}（{2}）</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="236" />
      <source>{0}, feature {1}: invalid geometry {2} ({3})</source>
      <translation>{0}，要素 {1}：无效几何{2}（{3}）</translation>
    </message>
    <message>
      <source>{0}, line {1}: parcel {2} has an invalid outline ({3})</source>
      <translation type="obsolete">{0} 第{1}行：地块 {2} 的边界无效（{3}） / {0}, line {1}: parcel {2} has an invalid outline ({3})</translation>
    </message>
    <message>
      <source>{0}: {1} feature(s) → {2} indexed piece(s) in {3:.2f} s</source>
      <translation type="obsolete">{0}：{1} 个要素 → {2} 个索引块，用时 {3:.2f} 秒</translation>
    </message>
    <message>
      <location filename="../processing_provider/zone_assignment.py" line="115" />
      <source>{0}: {1} zone(s); id field {2}, name field {3}, mineral field {4}</source>
      <translation>{0}：{1} 个分区；编号字段 {2}，名称字段 {3}，矿种字段 {4}</translation>
    </message>
    <message>
      <location filename="../processing_provider/validate_rules.py" line="89" />
      <source>{} error(s), {} contradiction(s)/warning(s), {} note(s)</source>
      <translation>错误 {} 条，矛盾/警告 {} 条，提示 {} 条</translation>
    </message>
    <message>
      <location filename="../processing_provider/base.py" line="239" />
      <source>… and {0} more invalid geometries</source>
      <translation>……另有 {0} 个无效几何</translation>
    </message>
    <message>
      <location filename="../dialogs/feature_dock.py" line="540" />
      <source>… {0} more</source>
      <translation>……另有 {0} 个</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="149" />
      <source>公顷, 4 decimals (before 2022)</source>
      <translation>公顷，4 位小数（2022 年以前）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="180" />
      <source>审查意见书 files</source>
      <translation>审查意见书文件数</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="165" />
      <source>审查意见书 formats</source>
      <translation>审查意见书格式</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="177" />
      <source>审查意见书 template (empty = bundled)</source>
      <translation>审查意见书模板（留空使用内置模板）</translation>
    </message>
    <message>
      <location filename="../processing_provider/compliance_review.py" line="237" />
      <source>审查意见书: {0} file(s) in {1}</source>
      <translation>审查意见书：{0} 个文件，位于 {1}</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="149" />
      <source>平方千米, 4 decimals (2022 requirement)</source>
      <translation>平方千米，4 位小数（2022 年要求）</translation>
    </message>
    <message>
      <source>开采回采率 in percent (三率 check).</source>
      <translation type="obsolete">开采回采率（百分数，三率检查）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="84" />
      <source>开采回采率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率).</source>
      <translation>开采回采率（百分数，按开发利用方案填写）；与该矿种的国家最低指标（三率）比较。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="110" />
      <source>报盘 registration text (XYnnn=…)</source>
      <translation>报盘登记文本（XYnnn=…）</translation>
    </message>
    <message>
      <location filename="../processing_provider/avoid_constraints.py" line="163" />
      <source>拐点坐标 files of the proposals</source>
      <translation>建议范围的拐点坐标文件数</translation>
    </message>
    <message>
      <location filename="../processing_provider/siting_areas.py" line="61" />
      <source>新立 (default), 探矿权转采矿权 and 扩大范围 use the zone rules; 深部或上部扩界 gives the footprints of existing rights of the same mineral; the other types set no new right.</source>
      <translation>新立（默认）、探矿权转采矿权和扩大范围按分区规定；深部或上部扩界给出同矿种现有矿业权的范围；其他类型不新设矿业权。</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="48" />
      <source>申请类型 for features whose application-type field is empty or missing (default 新立). A value in the field always wins; the plan's rules differ by type (新立, 延续, 扩大范围, 变更矿种, 深部或上部扩界 …).</source>
      <translation>申请类型字段为空或缺失时采用的申请类型（默认新立）。字段中的值始终优先；规划对不同类型（新立、延续、扩大范围、变更矿种、深部或上部扩界等）的规定不同。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="111" />
      <source>经纬度 list (decimal degrees or 度分秒)</source>
      <translation>经纬度列表（十进制度或度分秒）</translation>
    </message>
    <message>
      <source>综合利用率 in percent (三率 check).</source>
      <translation type="obsolete">综合利用率（百分数，三率检查）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="86" />
      <source>综合利用率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率).</source>
      <translation>综合利用率（百分数，按开发利用方案填写）；与该矿种的国家最低指标（三率）比较。</translation>
    </message>
    <message>
      <source>选矿回收率 in percent (三率 check).</source>
      <translation type="obsolete">选矿回收率（百分数，三率检查）。</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="85" />
      <source>选矿回收率 in percent, as the 开发利用方案 states it; compared with the national minimum for the mineral (三率).</source>
      <translation>选矿回收率（百分数，按开发利用方案填写）；与该矿种的国家最低指标（三率）比较。</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_coordinates.py" line="108" />
      <source>部标 boundary-coordinate text</source>
      <translation>部标界址坐标文本</translation>
    </message>
    <message>
      <location filename="../processing_provider/complete_application.py" line="78" />
      <source>采矿权 (mining) or 探矿权 (exploration); empty: what the coordinate file says, else 采矿权.</source>
      <translation>采矿权或探矿权；留空：采用坐标文件所注，否则为采矿权。</translation>
    </message>
  </context>
</TS>
