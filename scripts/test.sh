#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test: unit,
# integration on SQLite and on a throwaway PostgreSQL cluster, and the browser test.
# Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETCITY_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)"
cd build
exec ctest --output-on-failure -j "$(nproc)" --timeout 600
