#!/usr/bin/env bash
# The real QGIS desktop under Xvfb, Chinese UI: the sample project with the 建筑石料 siting area and the
# 可布设区域分析 dialog → docs/img/siting_desktop.png (`make siting-pictures`)
set -euo pipefail
cd "$(dirname "$0")/.."
MINEPLAN_SITING_DESKTOP=1 bash scripts/desktop_zh.sh profile_zh_siting scripts/siting_pictures.py .build/siting_desktop.log
test -s docs/img/siting_desktop.png && echo "docs/img/siting_desktop.png"
