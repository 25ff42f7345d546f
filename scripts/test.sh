#!/usr/bin/env bash
# Runs every Ballast test, installing first what the tests need on a fresh Debian machine:
# PostgreSQL's server (the PostgreSQL tests start a throw-away cluster of their own on a free loopback port);
# Node.js and npm (the build of Ballast.Web installs the dashboard's libraries with npm ci); Chromium, the Noto CJK
# fonts and poppler-utils (the browser tests drive Debian's Chromium with Playwright, print the bulletin to PDF
# with Chinese text and read it back with pdftotext).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
install_packages() {
  [ "$apt_updated" = 1 ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package postgresql) for the storage tests..."
  install_packages postgresql
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (Debian packages nodejs, npm) for the dashboard's build..."
  install_packages nodejs npm
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian) for the browser tests..."
  install_packages "${missing[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Ballast.slnx -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: the totals over every test assembly.
awk '/(Passed|Failed)!  - Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
