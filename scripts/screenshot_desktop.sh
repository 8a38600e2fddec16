#!/usr/bin/env bash
# The real QGIS desktop under Xvfb, Chinese UI, sample project, MinePlan docks open → docs/img/qgis_desktop.png;
# then 规划符合性审查… from the plugin's menu, pre-filled from the project → docs/img/review_dialog.png
set -euo pipefail
cd "$(dirname "$0")/.."
MINEPLAN_SCREENSHOT=desktop bash scripts/desktop_zh.sh profile_zh scripts/screenshots.py .build/screenshot.log
test -s docs/img/qgis_desktop.png && echo "docs/img/qgis_desktop.png"
test -s docs/img/review_dialog.png && echo "docs/img/review_dialog.png"
