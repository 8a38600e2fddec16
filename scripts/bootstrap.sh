#!/usr/bin/env bash
# Idempotent machine set-up for MinePlan Review on Debian 12 (also used by CI):
#   1. Debian packages: QGIS 3.22 LTR + PyQGIS, CJK fonts, lrelease, poppler, Xvfb;
#   2. .venv with --system-site-packages and the test tools, numpy pinned to the system's;
#   3. an isolated QGIS profile (.build/profile) with the plugin (.build/plugins/mineplan → repo) enabled.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD="$ROOT/.build"
# postgresql-15-postgis-3 + gdal-bin: the PostGIS tests start a throwaway cluster and load it with ogr2ogr;
# qttranslations5-l10n: Qt's own buttons (OK, Cancel, Help) in Chinese in the desktop test
PACKAGES=(qgis python3-qgis qgis-providers fonts-noto-cjk qttools5-dev-tools pyqt5-dev-tools poppler-utils
          xvfb xauth python3-venv zip postgresql-15 postgresql-15-postgis-3 gdal-bin qttranslations5-l10n)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import qgis.core" 2>/dev/null; then
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
mkdir -p "$BUILD"
NUMPY=$(/usr/bin/python3 -c "import numpy; print(numpy.__version__)")
echo "numpy==$NUMPY" > "$BUILD/constraints.txt"
stamp="$BUILD/.venv-stamp"
want=$(cat requirements-dev.txt "$BUILD/constraints.txt" | sha1sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt -c "$BUILD/constraints.txt"
  echo "$want" > "$stamp"
fi

mkdir -p "$BUILD/plugins" "$BUILD/profile" "$BUILD/xdg"
chmod 700 "$BUILD/xdg"
ln -sfn "$ROOT" "$BUILD/plugins/mineplan"
if ! grep -qs "mineplan=true" "$BUILD/profile/profiles/default/QGIS/QGIS3.ini"; then
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$BUILD/xdg" QGIS_CUSTOM_CONFIG_PATH="$BUILD/profile" \
    QGIS_PLUGINPATH="$BUILD/plugins" qgis_process.bin plugins enable mineplan >/dev/null 2>&1 || true
fi
grep -qs "mineplan=true" "$BUILD/profile/profiles/default/QGIS/QGIS3.ini" \
  || { echo "bootstrap: could not enable the plugin in $BUILD/profile" >&2; exit 1; }
echo "bootstrap: ok (QGIS $(dpkg-query -W -f='${Version}' qgis), numpy $NUMPY)"
