#!/usr/bin/env bash
# A Python script inside the real QGIS desktop under Xvfb, Chinese UI, in a fresh copy of the isolated profile
# (the picture scripts' common part). The caller's environment (MINEPLAN_*) is passed through.
# usage: scripts/desktop_zh.sh <profile dir name under .build> <script, from the repo root> <log, from the repo root>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROFILE="$ROOT/.build/$1"
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
export MINEPLAN_ROOT="$ROOT"
timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" qgis.bin --nologo --noversioncheck \
  --code "$ROOT/$2" > "$ROOT/$3" 2>&1 || true
