#!/usr/bin/env bash
# Run the project's test suite inside a newer-QGIS root built by scripts/qgis_root.sh:
#   scripts/qgis_root_suite.sh trixie [pytest args…]     → QGIS 3.40
#   scripts/qgis_root_suite.sh forky  [pytest args…]     → QGIS 3.44
# The repository is bind-mounted at its own path inside the root (so `git ls-files` in `make package` works; the
# git directory is bind-mounted read-only next to it), with the repository's .build/ shadowed by a per-suite one
# (.build/roots/<suite>-build: its own QGIS profile, plugin link, outputs). /proc, /dev, /dev/pts, /dev/shm and a fresh
# /tmp are mounted in a private mount namespace and unmounted on exit (trap), whatever happens.
# MINEPLAN_DUMP=<file>: the suite inside writes the review's outputs there (tests/test_versions_outputs.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SUITE=${1:?usage: scripts/qgis_root_suite.sh trixie|forky [pytest args]}
shift
BUILD="$ROOT/.build"
TARGET="$BUILD/roots/$SUITE"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
[ "${MINEPLAN_IN_NS:-}" = 1 ] || bash scripts/qgis_root.sh "$SUITE"
INNER_BUILD="$BUILD/roots/$SUITE-build"
mkdir -p "$INNER_BUILD"
GITDIR=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)

if [ "${MINEPLAN_IN_NS:-}" != 1 ]; then
  # a private mount namespace: nothing mounted here is visible outside, and it all goes when we exit
  exec $SUDO env MINEPLAN_IN_NS=1 MINEPLAN_DUMP="${MINEPLAN_DUMP:-}" unshare --mount --propagation private \
    bash "$ROOT/scripts/qgis_root_suite.sh" "$SUITE" "$@"
fi

MOUNTED=()
cleanup() {
  local i
  for (( i=${#MOUNTED[@]}-1; i>=0; i-- )); do umount -l "${MOUNTED[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
m() {  # m <mount args…> <target>
  local tgt="${*: -1}"
  mkdir -p "$tgt"
  mount "$@"
  MOUNTED+=("$tgt")
}
m -t proc proc "$TARGET/proc"
m --bind /dev "$TARGET/dev"
m -t devpts -o newinstance,ptmxmode=0666 devpts "$TARGET/dev/pts"
m -t tmpfs -o size=2g tmpfs "$TARGET/dev/shm"
m -t tmpfs -o size=4g,mode=1777 tmpfs "$TARGET/tmp"
m --bind "$ROOT" "$TARGET$ROOT"
m --bind "$INNER_BUILD" "$TARGET$ROOT/.build"
if [ -n "$GITDIR" ] && [ "${GITDIR#"$ROOT"}" = "$GITDIR" ]; then
  m --bind "$GITDIR" "$TARGET$GITDIR"
  mount -o remount,bind,ro "$TARGET$GITDIR"
fi
# the plan text beside the checkout (../shared or ../../shared: the plan-fidelity tests read it), read-only
for SHARED in "$ROOT/../shared" "$ROOT/../../shared"; do
  if [ -d "$SHARED/plan" ]; then
    SHARED=$(cd "$SHARED" && pwd)
    m --bind "$SHARED" "$TARGET$SHARED"
    mount -o remount,bind,ro "$TARGET$SHARED"
    break
  fi
done
if [ -n "${MINEPLAN_DUMP:-}" ]; then
  mkdir -p "$(dirname "$MINEPLAN_DUMP")"
  touch "$MINEPLAN_DUMP"
  m --bind "$MINEPLAN_DUMP" "$TARGET/tmp/mineplan-dump.json"
fi

t0=$(date +%s)
set +e
chroot "$TARGET" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 \
  ${MINEPLAN_DUMP:+MINEPLAN_DUMP=/tmp/mineplan-dump.json} \
  bash -c '
  set -e
  cd "$1"; shift
  B=$PWD/.build
  mkdir -p "$B/plugins" "$B/profile" "$B/xdg"; chmod 700 "$B/xdg"
  ln -sfn "$PWD" "$B/plugins/mineplan"
  export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$B/xdg QGIS_CUSTOM_CONFIG_PATH=$B/profile QGIS_PLUGINPATH=$B/plugins
  git config --global --add safe.directory "$PWD" 2>/dev/null || true
  grep -qs "mineplan=true" "$B/profile/profiles/default/QGIS/QGIS3.ini" || qgis_process.bin plugins enable mineplan >/dev/null 2>&1 || true
  grep -qs "mineplan=true" "$B/profile/profiles/default/QGIS/QGIS3.ini" || { echo "could not enable the plugin" >&2; exit 1; }
  echo "== $(cat /etc/mineplan-qgis-version)"
  python3 scripts/update_ts.py --check
  # a hung test (a modal dialog nobody closes) must not hang CI: the whole suite gets an hour
  timeout --signal=TERM --kill-after=30 3600 python3 -m pytest -p no:cacheprovider "$@"
' suite "$ROOT" "$@"
rc=$?
echo "qgis_root_suite: $SUITE suite $(( $(date +%s) - t0 )) s, exit $rc"
exit $rc
