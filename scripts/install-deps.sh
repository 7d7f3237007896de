#!/usr/bin/env bash
# Installs everything netcity needs on Debian 12, from Debian's packages and npm only.
# Idempotent: packages already present are skipped, so a warm machine pays nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libpoco-dev libkainjow-mustache-dev libsodium-dev
  openssl libssl-dev libengine-gost-openssl libsqlite3-dev sqlite3 libpq-dev postgresql
  libgtest-dev libgmock-dev
  chromium fonts-liberation wrk curl python3-aiosmtpd
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5; do
    if $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; then
      break
    fi
    echo "apt-get failed (attempt $attempt), retrying in 10 s (dpkg lock?)" >&2
    sleep 10
    [ "$attempt" = 5 ] && exit 1
  done
fi

if [ "${NETCITY_SKIP_NPM:-0}" != 1 ] && [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
