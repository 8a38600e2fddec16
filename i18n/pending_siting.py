"""Chinese translations of the tr()/N_() strings added by the siting branch (#14: mineplan:sitingareas,
mineplan:avoidconstraints). Applied to i18n/mineplan_zh-Hans.ts at merge:

    python3 scripts/ts_apply.py i18n/pending_siting.py
"""

ZH = {
    # ---- mineplan:sitingareas -------------------------------------------------------------------------------------
    "Where a new right may go": "可布设区域分析",
    "Where a new mining or exploration right of a mineral may be placed under the plan: inside the zones or blocks "
    "the plan requires for it and suited to the mineral, minus the control lines (with the rule file's keep-away "
    "buffers), minus blocks already held by another entity and minus existing rights. Empty, with the reason, for a "
    "forbidden mineral or where the plan sets no zone for the mineral.\n\n"
    "MINERAL: any mineral name or alias of the dictionary (建筑石料, 金矿, 地热 …); a category such as 建筑石料 also "
    "gets the zones of its members (建筑用白云岩 …), each polygon says which minerals a right there may carry.\n"
    "ACTIVITY: mining or exploration. APPLICATION_TYPE: 新立 (default), 探矿权转采矿权 and 扩大范围 use the zone "
    "rules; 深部或上部扩界 gives the footprints of existing rights of the same mineral; the other types set no new "
    "right.\n"
    "Role layers as in the review: control lines, zones and blocks, existing mining and exploration rights. "
    "MIN_AREA: drop polygons smaller than this (m²). KEEP_AWAY: distance kept from existing rights (m).\n"
    "OUTPUT: one polygon per contiguous area with the zone or block it belongs to, the other zones it lies in, its "
    "ellipsoidal area, what shaped it and the clauses. SUMMARY: one row per zone considered, with the area offered "
    "and why the rest is not. The polygons are in the rule file's CRS (灵宝: EPSG:4546).\n"
    "The exact set expression is in docs/siting.md; a small right placed inside a polygon passes the review's "
    "siting, zone and control-line checks.":
        "按规划分析某矿种新设采矿权或探矿权可以布设在哪里：位于规划为其要求且主矿种相符的分区或规划区块内，扣除控制线（含规则文件"
        "规定的避让距离）、已有其他开采主体的规划区块和现有矿业权。禁止开采矿种、或规划未为该矿种设置分区时，结果为空并说明原因。\n\n"
        "MINERAL：矿种词典中的任一名称或别名（建筑石料、金矿、地热……）；建筑石料等类别同时得到其所属矿种（建筑用白云岩……）的分区，"
        "每个图斑注明在此可设的矿种。\n"
        "ACTIVITY：开采或勘查。APPLICATION_TYPE：新立（默认）、探矿权转采矿权、扩大范围按分区规定；深部或上部扩界为同类矿产现有"
        "采矿权的范围；其他类型不新设矿业权。\n"
        "图层角色与规划符合性审查相同：控制线、规划分区与区块、现有采矿权和探矿权。MIN_AREA：舍去小于此面积（平方米）的图斑。"
        "KEEP_AWAY：与现有矿业权保持的距离（米）。\n"
        "OUTPUT：每块连续区域一个图斑，注明所属分区或区块、同时位于的其他分区、椭球面积、形成过程和依据条款。SUMMARY：每个参与分析的"
        "分区一行，列出可布设面积及其余部分不可布设的原因。图斑采用规则文件的坐标系（灵宝：EPSG:4546）。\n"
        "精确的集合表达式见 docs/siting.md；在图斑内布设的小型矿业权可通过审查的设置区域、规划分区和控制线压覆检查。",
    "Mineral (name or alias)": "矿种（名称或别名）",
    "New right: mining or exploration": "新设矿业权类别（开采/勘查）",
    "Application type": "申请类型",
    "Smallest polygon kept (m²)": "保留图斑的最小面积（平方米）",
    "Distance kept from existing rights (m)": "与现有矿业权的避让距离（米）",
    "Siting areas": "可布设区域",
    "Siting area by zone": "分区可布设面积",
    "Mineral (dictionary name)": "矿种（规范名称）",
    "Why there is no siting area": "无可布设区域的原因",
    "Siting area by zone (km²)": "分区可布设面积（平方千米）",
    "Siting area (km²)": "可布设面积（平方千米）",
    "Polygons": "图斑数",
    "Zones with a siting area": "有可布设区域的分区数",
    # ---- mineplan:avoidconstraints --------------------------------------------------------------------------------
    "Redraw to avoid control lines": "避让调整",
    "For every feature (application, block or right): the polygon left after removing every overlap with the control "
    "lines, its ellipsoidal area, the share lost, the number of parts and the largest part, and a result: 可避让 (the "
    "largest part is at least the minimum area), 避让后破碎 (only smaller parts remain), 无法避让 (nothing is left), "
    "无需避让 (no overlap at or above the sliver tolerance), 无几何.\n\n"
    "Control lines: ECO_REDLINE, BASIC_FARMLAND, URBAN_BOUNDARY, NATURE_RESERVE, OTHER_CONSTRAINTS, buffered by the "
    "rule file's keep-away distances plus KEEP_AWAY metres.\n"
    "MIN_AREA: the smallest part that still makes a workable mine (m²). KEEP_PARTS: keep every remaining part or "
    "only the largest.\n"
    "COORDINATES_FOLDER (optional): one 部标 拐点坐标 file per 可避让 feature — the inverse of importcoordinates: "
    "CGCS2000 3° zone of the feature with the zone prefix, points numbered clockwise from the north-west, closed "
    "rings, DECIMALS places; each file is read back and the round-trip error is reported. ENCODING: GBK (default, "
    "what most registration systems read) or UTF-8.\n"
    "OUTPUT: the input fields plus orig_area_m2, removed_m2, remaining_m2, lost_pct, part_count, largest_m2, "
    "min_area_m2, removed, avoid_result, reason, reason_en, clause, area_method, coord_file; the geometry is the "
    "adjusted polygon (NULL when nothing is left).":
        "对每个要素（申请、规划区块或矿业权）：扣除与各控制线的全部压覆后剩余的范围、其椭球面积、减少比例、地块数和最大地块，并给出结论："
        "可避让（最大地块不小于最小面积）、避让后破碎（只剩较小地块）、无法避让（没有剩余）、无需避让（无达到容差的压覆）、无几何。\n\n"
        "控制线：ECO_REDLINE、BASIC_FARMLAND、URBAN_BOUNDARY、NATURE_RESERVE、OTHER_CONSTRAINTS，按规则文件的避让距离再加 "
        "KEEP_AWAY 米缓冲。\n"
        "MIN_AREA：仍可作为矿山的最小地块面积（平方米）。KEEP_PARTS：保留全部剩余地块或只保留最大地块。\n"
        "COORDINATES_FOLDER（可选）：每个“可避让”要素输出一个部标拐点坐标文件，即拐点坐标导入的逆过程：按要素所在的 CGCS2000 "
        "3度带、横坐标带带号，界址点自西北角起顺时针编号，各圈闭合，保留 DECIMALS 位小数；每个文件写出后立即回读并报告偏差。"
        "ENCODING：GBK（默认，多数登记系统使用）或 UTF-8。\n"
        "OUTPUT：输入字段加 orig_area_m2、removed_m2、remaining_m2、lost_pct、part_count、largest_m2、min_area_m2、removed、"
        "avoid_result、reason、reason_en、clause、area_method、coord_file；几何为避让调整后的范围（无剩余时为 NULL）。",
    "Extra keep-away distance from every control line (m)": "各控制线的附加避让距离（米）",
    "Smallest workable remaining part (m²)": "可作为矿山的最小剩余地块面积（平方米）",
    "Remaining parts": "剩余地块",
    "Keep every part": "保留全部地块",
    "Keep the largest part only": "只保留最大地块",
    "Adjusted features": "避让调整结果",
    "Folder for 拐点坐标 files of the avoidable features": "可避让要素的拐点坐标文件目录",
    "Encoding of the 拐点坐标 files": "拐点坐标文件编码",
    "Decimal places of the coordinates": "坐标小数位数",
    "Producer written in the file header": "文件头中的数据产生单位",
    "Folder of the 拐点坐标 files": "拐点坐标文件目录",
    "Avoidable": "可避让",
    "Fragmented after avoidance": "避让后破碎",
    "Cannot avoid": "无法避让",
    "No avoidance needed": "无需避让",
    "Files written": "写出文件数",
    "Largest round-trip error of the files (mm)": "文件回读最大偏差（毫米）",
}
