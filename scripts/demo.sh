#!/usr/bin/env bash
# Installs what is missing, builds netcity and starts the demo: a demo region in SQLite
# (./.netcity-demo), the portal on localhost, and the URL and demo logins printed.
# Extra arguments go to `netcity demo` (see `build/netcity --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
NETCITY_SKIP_NPM=1 ./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target netcity
exec ./build/netcity demo "$@"
