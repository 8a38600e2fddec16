"""Chinese translations of the desk branch's strings (issue 18, item 4 and the desk path)."""
ZH = {
    "New application from a coordinate file…": "由坐标文件新建申请…",
    "Complete the application…": "补全申请信息…",
}
