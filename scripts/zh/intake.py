"""Chinese translations of the intake branch's strings (issue 18)."""
ZH = {
    "Open rings closed": "已闭合的未闭合圈",
    "报盘 registration text (XYnnn=…)": "报盘登记文本（XYnnn=…）",
    "Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 "
    "Gauss-Krüger CRS.\n\n"
    "INPUT: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records "
    "'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines) or a CSV list of corner points (点号, X, Y, "
    "optional 圈号 and 地块), or a 采矿权/探矿权 登记 报盘 text (…总行数=N, 坐标系统=1/2/3, 'XYnnn=点号,X,Y' "
    "corner lines, 'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept), "
    "or a list of 经度/纬度 (点号, 经度, 纬度, optional 圈号 and 地块; decimal degrees, 111°05′30.5″, "
    "111度05分30.5秒 or the compact 1110530.5), projected on CGCS2000 to the Gauss-Krüger zone of its "
    "longitudes (or ZONE) with the zone prefix. "
    "UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole); an open ring of a 部标 "
    "file or a point list is closed on its first point with a warning (CLOSED_RINGS).\n"
    "X is the northing and Y the easting; Y may carry the zone number as prefix (37486000 → zone 37). The "
    "zone comes from the header, else from the prefix, else from ZONE.\n"
    "DECLARED_AREA_UNIT: unit of the declared parcel area (auto picks the closest of 公顷/平方千米/平方米/亩); a "
    "declared area differing from the computed planar area by more than AREA_TOLERANCE % is flagged.\n"
    "A malformed file (missing header, wrong number of fields, a ring of fewer than 3 points, zone contradicting the "
    "eastings …) stops with an error naming the line.":
    "读取矿业权或申请的拐点坐标，在正确的 CGCS2000 高斯-克吕格坐标系中生成面要素。\n\n"
    "INPUT：部标界址坐标文本文件（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 中“界址点数,地块面积,地块编号,地块名称,面,…,@”"
    "记录后接“J1,圈号,X,Y”坐标行），或 CSV 界址点列表（点号、X、Y，可选 圈号、地块），或采矿权/探矿权登记报盘文本（…总行数=N、"
    "坐标系统=1/2/3、“XYnnn=点号,X,Y”拐点行，每个块段以“XYnnn=标高上限,标高下限,,块段号”结束：每个块段为一个面部件，保留其标高），"
    "或经纬度列表（点号、经度、纬度，可选 圈号、地块；十进制度、111°05′30.5″、111度05分30.5秒 或紧凑格式 1110530.5），"
    "按 CGCS2000 投影到其经度所在（或 ZONE 指定）的高斯-克吕格投影带，横坐标带带号。"
    "UTF-8 或 GBK 编码。支持多个地块、多圈（位于另一圈内的为内环/洞）；部标文件或点列表中未闭合的圈按首点闭合并给出提示（CLOSED_RINGS）。\n"
    "X 为纵坐标（北），Y 为横坐标（东），Y 可带带号前缀（37486000 → 37 带）。投影带取自文件头，否则取自带号前缀，否则取 ZONE 参数。\n"
    "DECLARED_AREA_UNIT：申报地块面积的单位（自动：在 公顷/平方千米/平方米/亩 中选最接近者）；申报面积与计算的平面面积相差超过 "
    "AREA_TOLERANCE % 时给出提示。\n"
    "格式错误的文件（缺少文件头、字段数不对、圈少于 3 个点、带号与横坐标不符等）以指明行号的错误中止。",
}
ZH.update({
    "经纬度 list (decimal degrees or 度分秒)": "经纬度列表（十进制度或度分秒）",
    "Complete the application": "补全申请信息",
    "Adds to imported parcels (Import corner coordinates) what a coordinate file does not carry — 矿种, "
    "采矿权/探矿权, 申请类型, 储量规模, 生产规模 and 储量 with their units, 开采方式, 三率, 申请人, 出让方式, "
    "资金来源, 许可证号, 申请编号 — and writes an applications layer that Compliance review reads without "
    "any field mapping. The choices are the rule set's vocabulary (its mineral dictionary, the plan's "
    "application types and scales). What the file said (名称, 申报面积, 标高, 块段, 坐标系统, 来源文件) is kept.\n"
    "Application number empty: the coordinate file's name without extension (-2, -3 … for further parcels "
    "of one run). Existing applications layer: its features are copied first, so one layer collects the "
    "applications of a day. Empty numbers stay empty: the review then says 未检查 for the check that "
    "needs them, never 符合.":
    "为导入的地块（拐点坐标导入）补充坐标文件中没有的信息——矿种、采矿权/探矿权、申请类型、储量规模、生产规模和储量及其单位、"
    "开采方式、三率、申请人、出让方式、资金来源、许可证号、申请编号——并写出合规性审查无需字段映射即可读取的申请图层。"
    "选项取自规则集的词汇（矿种词典、规划的申请类型和规模）。文件本身给出的信息（名称、申报面积、标高、块段、坐标系统、来源文件）保留。\n"
    "申请编号为空时取坐标文件名（不含扩展名），同一次运行的其余地块加 -2、-3……。已有申请图层：先复制其要素，"
    "一天的申请可汇入同一图层。未填写的数值保持为空：审查对需要它的检查给出“未检查”，绝不给出“符合”。",
    "Mineral (矿种)": "矿种",
    "Right type (开采/勘查)": "矿业权类型（开采/勘查）",
    "Application type (申请类型)": "申请类型",
    "Reserve scale (储量规模)": "储量规模",
    "Mining method (开采方式)": "开采方式",
    "Production capacity (生产规模)": "生产规模",
    "Reserves (储量)": "储量",
    "Mining recovery rate % (开采回采率)": "开采回采率（%）",
    "Processing recovery rate % (选矿回收率)": "选矿回收率（%）",
    "Comprehensive utilisation rate % (综合利用率)": "综合利用率（%）",
    "Unit of the production capacity": "生产规模单位",
    "Unit of the reserves": "储量单位",
    "Applicant (申请人)": "申请人",
    "Grant method (出让方式, e.g. 净矿出让)": "出让方式（如 净矿出让）",
    "Funding source (资金来源, exploration)": "资金来源（探矿权）",
    "Licence number (许可证号, for 延续/变更)": "许可证号（延续/变更时填写）",
    "Application number (empty: the file name)": "申请编号（为空：取文件名）",
    "Imported parcels": "导入的地块",
    "Existing applications layer": "已有申请图层",
    "Applications": "申请",
    "Parcels without geometry (skipped)": "无几何的地块（已跳过）",
})
