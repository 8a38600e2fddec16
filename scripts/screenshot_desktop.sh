#!/usr/bin/env bash
# The real QGIS desktop under Xvfb, Chinese UI, sample project, MinePlan docks open → docs/img/qgis_desktop.png;
# then 规划符合性审查… from the plugin's menu, pre-filled from the project → docs/img/review_dialog.png
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROFILE="$ROOT/.build/profile_zh"
rm -rf "$PROFILE" && mkdir -p "$PROFILE" "$ROOT/.build/xdg"
cp -r "$ROOT/.build/profile/." "$PROFILE/"
INI="$PROFILE/profiles/default/QGIS/QGIS3.ini"
cat >> "$INI" <<'INI'

[locale]
overrideFlag=true
userLocale=zh-Hans

[qgis]
checkVersion=false
showTips=false
INI
export QGIS_CUSTOM_CONFIG_PATH="$PROFILE" QGIS_PLUGINPATH="$ROOT/.build/plugins" XDG_RUNTIME_DIR="$ROOT/.build/xdg"
export MINEPLAN_SCREENSHOT=desktop MINEPLAN_ROOT="$ROOT"
timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" qgis.bin --nologo --noversioncheck \
  --code "$ROOT/scripts/screenshots.py" > "$ROOT/.build/screenshot.log" 2>&1 || true
test -s docs/img/qgis_desktop.png && echo "docs/img/qgis_desktop.png"
test -s docs/img/review_dialog.png && echo "docs/img/review_dialog.png"
