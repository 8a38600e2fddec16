#!/usr/bin/env bash
# The real QGIS desktop under Xvfb, Chinese UI: the sample project with the 建筑石料 siting area and the
# 可布设区域分析 dialog → docs/img/siting_desktop.png (`make siting-pictures`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROFILE="$ROOT/.build/profile_zh_siting"
rm -rf "$PROFILE" && mkdir -p "$PROFILE" "$ROOT/.build/xdg"
cp -r "$ROOT/.build/profile/." "$PROFILE/"
cat >> "$PROFILE/profiles/default/QGIS/QGIS3.ini" <<'INI'

[locale]
overrideFlag=true
userLocale=zh-Hans

[qgis]
checkVersion=false
showTips=false
INI
export QGIS_CUSTOM_CONFIG_PATH="$PROFILE" QGIS_PLUGINPATH="$ROOT/.build/plugins" XDG_RUNTIME_DIR="$ROOT/.build/xdg"
export MINEPLAN_SITING_DESKTOP=1 MINEPLAN_ROOT="$ROOT"
timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" qgis.bin --nologo --noversioncheck \
  --code "$ROOT/scripts/siting_pictures.py" > "$ROOT/.build/siting_desktop.log" 2>&1 || true
test -s docs/img/siting_desktop.png && echo "docs/img/siting_desktop.png"
