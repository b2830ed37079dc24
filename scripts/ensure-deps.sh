#!/usr/bin/env bash
# Installs what Cabildo needs and is missing; does nothing when all is there.
#   scripts/ensure-deps.sh run    — to build and open the app
#   scripts/ensure-deps.sh test   — also what the tests need (WebDriver, Xvfb, poppler, and
#                                   chromium for the phone page: Debian's, never a downloaded browser)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev build-essential file pkg-config)
if [ "${1:-run}" = test ]; then
  want+=(webkit2gtk-driver xvfb xauth poppler-utils imagemagick zbar-tools chromium)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${1:-run}" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
