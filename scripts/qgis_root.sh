#!/usr/bin/env bash
# Build (once) a Debian root with a newer QGIS for the test suite:
#   scripts/qgis_root.sh trixie   → QGIS 3.40 LTR (Python 3.13, GDAL 3.10, numpy 2, PostGIS 3.5 / PostgreSQL 17)
#   scripts/qgis_root.sh forky    → QGIS 3.44
# The root lives in .build/roots/<suite>; a stamp file (.build/roots/<suite>.stamp, holding the hash of this script
# and of scripts/root-requirements-<suite>.txt) makes a second run instant. Packages come from the Debian mirror this
# machine already uses (the URIs line of /etc/apt/sources.list*), Python test tools from Debian packages inside the
# root, and pytest-qgis through the machine's own pip configuration (downloaded on the host, installed offline).
# Runs as root (CI) or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SUITE=${1:?usage: scripts/qgis_root.sh trixie|forky}
case "$SUITE" in trixie|forky) ;; *) echo "qgis_root: unknown suite '$SUITE' (trixie or forky)" >&2; exit 2 ;; esac
BUILD="$ROOT/.build"
TARGET="$BUILD/roots/$SUITE"
STAMP="$BUILD/roots/$SUITE.stamp"
REQ="$ROOT/scripts/root-requirements-$SUITE.txt"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

want=$(cat "$0" "$REQ" | sha1sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$TARGET/usr/bin/qgis_process" ]; then
  echo "qgis_root: $SUITE ready ($(cat "$TARGET/etc/mineplan-qgis-version" 2>/dev/null))"
  exit 0
fi

# the mirror: the first http(s) URIs / deb line of the machine's Debian sources
MIRROR=$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
  | grep -o -E 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
echo "qgis_root: $SUITE from $MIRROR into $TARGET"

if ! command -v debootstrap >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

t0=$(date +%s)
mkdir -p "$BUILD/roots"
if [ ! -x "$TARGET/usr/bin/apt-get" ] || [ ! -f "$TARGET/.debootstrap-done" ]; then
  $SUDO rm -rf "$TARGET"
  # Debian 12's debootstrap has no script for suites newer than it knows (forky): they bootstrap like sid
  SCRIPT=""
  [ -e "/usr/share/debootstrap/scripts/$SUITE" ] || SCRIPT=/usr/share/debootstrap/scripts/sid
  $SUDO debootstrap --variant=minbase --components=main "$SUITE" "$TARGET" "$MIRROR" $SCRIPT > "$BUILD/roots/$SUITE.debootstrap.log" 2>&1 \
    || { tail -20 "$BUILD/roots/$SUITE.debootstrap.log" >&2; exit 1; }
  $SUDO touch "$TARGET/.debootstrap-done"
fi
echo "qgis_root: debootstrap $(( $(date +%s) - t0 )) s"

# packages inside the root: QGIS, the test tools (Debian's), PostGIS, Xvfb, lrelease, poppler
PACKAGES=(qgis python3-qgis qgis-providers fonts-noto-cjk xvfb xauth poppler-utils gdal-bin
          postgresql postgresql-postgis locales ca-certificates
          qttools5-dev-tools qttranslations5-l10n
          python3-pytest python3-shapely python3-numpy python3-pip python3-yaml git make zip)
mounts() {
  $SUDO mountpoint -q "$TARGET/proc" || $SUDO mount -t proc proc "$TARGET/proc"
  $SUDO mountpoint -q "$TARGET/dev" || $SUDO mount --bind /dev "$TARGET/dev"
}
umounts() {
  for m in dev proc; do $SUDO mountpoint -q "$TARGET/$m" && $SUDO umount -l "$TARGET/$m" || true; done
}
trap umounts EXIT
mounts
$SUDO cp /etc/resolv.conf "$TARGET/etc/resolv.conf" 2>/dev/null || true
echo "deb $MIRROR $SUITE main" | $SUDO tee "$TARGET/etc/apt/sources.list" >/dev/null
# the mirror may be a dated snapshot whose Release file has passed its Valid-Until (seen with forky): the packages
# are still signed; only the freshness check is relaxed, inside the root
echo 'Acquire::Check-Valid-Until "false";' | $SUDO tee "$TARGET/etc/apt/apt.conf.d/99mineplan-snapshot" >/dev/null
# no daemons started inside the root during installation (postgresql's default cluster is not wanted either)
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$TARGET/usr/sbin/policy-rc.d" >/dev/null
$SUDO chmod +x "$TARGET/usr/sbin/policy-rc.d"
$SUDO mkdir -p "$TARGET/etc/postgresql-common/createcluster.d"
echo "create_main_cluster = false" | $SUDO tee "$TARGET/etc/postgresql-common/createcluster.d/no-main.conf" >/dev/null
t1=$(date +%s)
$SUDO chroot "$TARGET" /usr/bin/env DEBIAN_FRONTEND=noninteractive LC_ALL=C bash -c "
  set -e
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ${PACKAGES[*]} > /var/log/mineplan-apt.log 2>&1 \
    || { tail -30 /var/log/mineplan-apt.log; exit 1; }
  apt-get clean
"
echo "qgis_root: apt-get install $(( $(date +%s) - t1 )) s"

# pytest-qgis and the other pip-only tools: downloaded on the host with the machine's pip configuration,
# installed offline inside the root (the root's Python is externally managed → --break-system-packages)
WHEELS="$BUILD/roots/$SUITE-wheels"
rm -rf "$WHEELS" && mkdir -p "$WHEELS"
PYV=$($SUDO chroot "$TARGET" python3 -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")')
grep -v -E '^\s*(#|$)' "$REQ" > "$WHEELS/req.txt"
if [ -s "$WHEELS/req.txt" ]; then
  pip download -q --no-deps --only-binary=:all: --python-version "$PYV" --implementation py --platform any \
    -d "$WHEELS" -r "$WHEELS/req.txt" 2>/dev/null \
    || pip download -q --no-deps -d "$WHEELS" -r "$WHEELS/req.txt"
  $SUDO mkdir -p "$TARGET/opt/mineplan-wheels"
  $SUDO cp "$WHEELS"/*.whl "$TARGET/opt/mineplan-wheels/"
  $SUDO chroot "$TARGET" python3 -m pip install -q --root-user-action=ignore --no-index --no-deps --break-system-packages \
    --find-links /opt/mineplan-wheels -r /dev/stdin < "$WHEELS/req.txt"
fi

# lrelease on PATH (Debian puts the Qt 5 tools behind qtchooser / in /usr/lib/qt5/bin)
if ! $SUDO chroot "$TARGET" sh -c 'command -v lrelease' >/dev/null; then
  $SUDO ln -sf /usr/lib/qt5/bin/lrelease "$TARGET/usr/local/bin/lrelease"
fi
$SUDO chroot "$TARGET" sh -c 'dpkg-query -W -f="QGIS \${Version}" qgis; python3 -c "import sys,numpy,shapely; from osgeo import gdal; print(f\" Python {sys.version.split()[0]} numpy {numpy.__version__} shapely {shapely.__version__} GDAL {gdal.__version__}\")"' \
  | $SUDO tee "$TARGET/etc/mineplan-qgis-version" >/dev/null
echo "$want" > "$STAMP"
echo "qgis_root: $SUITE built in $(( $(date +%s) - t0 )) s — $(cat "$TARGET/etc/mineplan-qgis-version"), $($SUDO du -sxh "$TARGET" 2>/dev/null | cut -f1)"
