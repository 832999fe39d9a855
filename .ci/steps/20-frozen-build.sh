#!/usr/bin/env bash
# The frozen program, proven here rather than on a workstation:
#   1. build the Linux one-folder program from packaging/nit-desk.spec (a temp dir)
#   2. run its --self-test headless: a missing data file or hidden import fails here
#   3. compile the NSIS installer script with makensis (the Windows payload when it
#      exists, else a stand-in folder), so a broken installer script fails here too
# Installs its own tools: PyInstaller into .venv, NSIS from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QT_QPA_PLATFORM=offscreen
PY=.venv/bin/python
START=$(date +%s)
stamp() { printf '[frozen-build +%3ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nit-desk-frozen.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  stamp "installing PyInstaller into .venv"
  "$PY" -m pip install --disable-pip-version-check -q "pyinstaller>=6.10"
fi
stamp "PyInstaller $("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)')"

# -- 1. build -----------------------------------------------------------------------------
stamp "building the one-folder program (packaging/nit-desk.spec)"
timeout 900 "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$WORK/build" --distpath "$WORK/dist" packaging/nit-desk.spec \
  > "$WORK/pyinstaller.log" 2>&1 || { tail -40 "$WORK/pyinstaller.log"; exit 1; }
APP="$WORK/dist/nit-desk"
stamp "built $APP: $(du -sh "$APP" | cut -f1), $(find "$APP" -type f | wc -l) files"

# -- 2. self-test of the frozen program -------------------------------------------------------
stamp "running the frozen program's --self-test"
if ! timeout 300 "$APP/nit-desk" --self-test; then
  echo "frozen self-test FAILED (see above)" >&2
  exit 1
fi
timeout 60 "$APP/nit-desk-cli" --help > /dev/null
stamp "frozen self-test passed"

# -- 3. the installer script ------------------------------------------------------------------
if ! command -v makensis > /dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  stamp "installing NSIS (makensis)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis; } \
    > "$WORK/apt.log" 2>&1 || tail -5 "$WORK/apt.log"
fi
if ! command -v makensis > /dev/null 2>&1; then
  stamp "makensis not available: installer script NOT compiled"
  exit 0
fi
PAYLOAD=dist/nit-desk
if [ ! -f "$PAYLOAD/nit-desk.exe" ]; then
  # no Windows build on this machine: a stand-in folder with the files the script names
  PAYLOAD="$WORK/payload"
  mkdir -p "$PAYLOAD/_internal"
  printf 'stand-in\n' > "$PAYLOAD/nit-desk.exe"
  printf 'stand-in\n' > "$PAYLOAD/nit-desk-cli.exe"
  printf 'stand-in\n' > "$PAYLOAD/_internal/base_library.zip"
fi
PAYLOAD=$(cd "$PAYLOAD" && pwd)
VERSION=$("$PY" packaging/version_info.py)
QUAD=$("$PY" packaging/version_info.py --quad)
stamp "compiling packaging/installer/nit-desk.nsi ($(makensis -VERSION), payload $PAYLOAD)"
makensis -V2 -WX -DVERSION="$VERSION" -DVERSION_QUAD="$QUAD" -DPAYLOAD="$PAYLOAD" \
  -DOUTFILE="$WORK/NIT-Desk-Setup-$VERSION.exe" packaging/installer/nit-desk.nsi
stamp "installer compiled: $(du -h "$WORK/NIT-Desk-Setup-$VERSION.exe" | cut -f1)"
stamp "done"
