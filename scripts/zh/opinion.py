"""Chinese for the strings of the per-application 审查意见书 (branch opinion)."""
ZH = {
    "Folder for one 审查意见书 per application (empty = none)": "每宗申请一份审查意见书的输出文件夹（留空则不生成）",
    "审查意见书 formats": "审查意见书格式",
    "Document number pattern ({year}, {seq})": "文号格式（{year} 年份，{seq} 序号）",
    "First sequence number": "起始序号",
    "Opinion date (YYYY-MM-DD, empty = today)": "意见书日期（YYYY-MM-DD，留空为当天）",
    "审查意见书 template (empty = bundled)": "审查意见书模板（留空使用内置模板）",
    "审查意见书 files": "审查意见书文件数",
    "审查意见书: {0} file(s) in {1}": "审查意见书：{0} 个文件，位于 {1}",
}
