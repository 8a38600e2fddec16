"""Chinese translations of the intake branch's strings (issue 18)."""
ZH = {
    "Open rings closed": "已闭合的未闭合圈",
    "报盘 registration text (XYnnn=…)": "报盘登记文本（XYnnn=…）",
    "Reads corner coordinates (拐点坐标) of rights or applications and makes polygons in the right CGCS2000 "
    "Gauss-Krüger CRS.\n\n"
    "INPUT: a 部标 boundary-coordinate text file ([属性描述] with 坐标系, 几度分带, 带号; [地块坐标] records "
    "'count,area,no,name,面,…,@' followed by 'J1,ring,X,Y' lines) or a CSV list of corner points (点号, X, Y, "
    "optional 圈号 and 地块), or a 采矿权/探矿权 登记 报盘 text (…总行数=N, 坐标系统=1/2/3, 'XYnnn=点号,X,Y' "
    "corner lines, 'XYnnn=标高上限,标高下限,,块段号' closing each 块段: one polygon part per 块段, its 标高 kept). "
    "UTF-8 or GBK. Several parcels, several rings (a ring inside another is a hole).\n"
    "X is the northing and Y the easting; Y may carry the zone number as prefix (37486000 → zone 37). The "
    "zone comes from the header, else from the prefix, else from ZONE.\n"
    "DECLARED_AREA_UNIT: unit of the declared parcel area (auto picks the closest of 公顷/平方千米/平方米/亩); a "
    "declared area differing from the computed planar area by more than AREA_TOLERANCE % is flagged.\n"
    "A malformed file (missing header, wrong number of fields, unclosed ring, zone contradicting the "
    "eastings …) stops with an error naming the line.":
    "读取矿业权或申请的拐点坐标，在正确的 CGCS2000 高斯-克吕格坐标系中生成面要素。\n\n"
    "INPUT：部标界址坐标文本文件（[属性描述] 含 坐标系、几度分带、带号；[地块坐标] 中“界址点数,地块面积,地块编号,地块名称,面,…,@”"
    "记录后接“J1,圈号,X,Y”坐标行），或 CSV 界址点列表（点号、X、Y，可选 圈号、地块），或采矿权/探矿权登记报盘文本（…总行数=N、"
    "坐标系统=1/2/3、“XYnnn=点号,X,Y”拐点行，每个块段以“XYnnn=标高上限,标高下限,,块段号”结束：每个块段为一个面部件，保留其标高）。"
    "UTF-8 或 GBK 编码。支持多个地块、多圈（位于另一圈内的为内环/洞）。\n"
    "X 为纵坐标（北），Y 为横坐标（东），Y 可带带号前缀（37486000 → 37 带）。投影带取自文件头，否则取自带号前缀，否则取 ZONE 参数。\n"
    "DECLARED_AREA_UNIT：申报地块面积的单位（自动：在 公顷/平方千米/平方米/亩 中选最接近者）；申报面积与计算的平面面积相差超过 "
    "AREA_TOLERANCE % 时给出提示。\n"
    "格式错误的文件（缺少文件头、字段数不对、圈未闭合、带号与横坐标不符等）以指明行号的错误中止。",
}
