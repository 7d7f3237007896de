#!/usr/bin/env bash
# Reproducible portal benchmark on this machine (2 cores shared by wrk and the server).
# Usage: bench/run.sh [build-dir]   — prints a results block for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
[ -x "$BIN" ] || { echo "build first: ./scripts/test.sh or cmake --build $BUILD" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: ./scripts/install-deps.sh" >&2; exit 1; }
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

work=$(mktemp -d /tmp/netcity-bench-XXXXXX)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck disable=SC2086  # extra server flags, e.g. BENCH_SERVER_ARGS="--cache-seconds 0"
NETCITY_METRICS_TOKEN=bench "$BIN" demo --data-dir "$work/data" --port 0 --access-log false ${BENCH_SERVER_ARGS:-} >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 120); do grep -q 'Портал: http' "$work/out" 2>/dev/null && break; sleep 0.5; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
[ -n "$url" ] || { cat "$work/err" >&2; exit 1; }

org=$(sqlite3 "$work/data/netcity.db" "SELECT id FROM organizations WHERE key = 'org-yanao-sch5'")
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
csrf_cookie="nc_csrf=$(awk '$6=="nc_csrf"{print $7}' "$jar")"
body="csrf=$csrf&organization=$org&login=tkachenko.as.rod&password=Roditel-2025"
curl -s -b "$jar" -c "$jar" -o /dev/null "$url/login" -d "$body"
session_cookie="nc_session=$(awk '$6=="nc_session"{print $7}' "$jar")"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $session_cookie" "$url/main")" = 200 ] \
  || { echo "could not sign in for the benchmark" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$pid/status"; }
hwm_kb() { awk '/^VmHWM/{print $2}' "/proc/$pid/status"; }
rps() { awk '/Requests\/sec/{print $2}'; }
tick=$(getconf CLK_TCK)

echo "== netcity bench $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${DURATION}s per run, $CONNECTIONS connections"
echo "idle RSS: $(rss_kb) kB"

# One wrk run of GET $1 (further wrk arguments after it): "req/s p99 server-CPU-ms-per-request".
get_load() {
  local path=$1 before out
  shift
  before=$(cpu_ticks)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url$path")
  echo "$out" | awk -v t=$(($(cpu_ticks) - before)) -v hz="$tick" '
    /Requests\/sec/ { rps = $2 } / 99% / { p99 = $2 } / requests in / { n = $1 }
    END { printf "%s %s %.3f\n", rps, p99, 1000 * t / hz / n }'
}
read -r healthz healthz_p99 healthz_cpu < <(get_load /healthz)
read -r main main_p99 main_cpu < <(get_load /main -H "Cookie: $session_cookie")
echo "GET /healthz: $healthz req/s, p99 $healthz_p99, server CPU $healthz_cpu ms/request"
echo "GET /main (signed in, SQLite): $main req/s = $(awk -v a="$main" -v b="$healthz" 'BEGIN{printf "%.0f", 100*a/b}') % of /healthz, p99 $main_p99, server CPU $main_cpu ms/request"
echo "peak RSS after GET load: $(hwm_kb) kB"

argon2_cpu() { curl -s -H 'Authorization: Bearer bench' "$url/metrics" | awk '/^netcity_argon2_cpu_seconds_total/{print $2}'; }
before=$(cpu_ticks); argon_before=$(argon2_cpu)
out=$(BENCH_CSRF_COOKIE="$csrf_cookie" BENCH_SIGNIN_BODY="$body" \
      wrk -t2 -c8 -d"${DURATION}s" -s bench/signin.lua "$url/login")
after=$(cpu_ticks); argon_after=$(argon2_cpu)
signins=$(echo "$out" | awk '/^signin_requests/{print $2}')
non3xx=$(echo "$out" | awk '/Non-2xx or 3xx/{print $5}')
signin_rps=$(echo "$out" | rps)
cpu_ms=$(awk -v t=$((after - before)) -v n="$signins" -v hz="$tick" 'BEGIN{printf "%.2f", 1000*t/hz/n}')
in_server_argon=$(awk -v a="$argon_before" -v b="$argon_after" -v n="$signins" 'BEGIN{printf "%.2f", 1000*(b-a)/n}')
# The bare cost, measured three times at the same parameters and concurrency; the median.
argon=$(for _ in 1 2 3; do "$BIN" admin hash-cost --data-dir "$work/data" | awk '{print $(NF-3)}'; done | sort -n | sed -n 2p)
echo "password sign-ins: $signin_rps /s ($signins in ${DURATION}s, non-303: ${non3xx:-0})"
echo "server CPU per sign-in: $cpu_ms ms, of which argon2id in the server: $in_server_argon ms;" \
     "everything else: $(awk -v a="$cpu_ms" -v b="$in_server_argon" 'BEGIN{printf "%.2f", a-b}') ms"
echo "bare argon2id at the same parameters (median of 3): $argon ms;" \
     "server CPU per sign-in minus it: $(awk -v a="$cpu_ms" -v b="$argon" 'BEGIN{printf "%.2f", a-b}') ms"
echo "peak RSS overall: $(hwm_kb) kB"

# The ESIA emulator of the same demo: GOST cost, then token requests per second.
"$BIN" admin gost-cost
sim_url=$(grep -o 'Эмулятор ЕСИА: http://127.0.0.1:[0-9]*' "$work/out" | grep -o 'http://.*')
BENCH_ESIA=${BENCH_ESIA:-$BUILD/netcity-bench-esia}
if [ -x "$BENCH_ESIA" ] && [ -n "$sim_url" ]; then
  "$BENCH_ESIA" "$sim_url" "$work/data/portal-esia-client.key" "$work/data/portal-esia-client.crt" \
    "$url/esia/callback" zakharova.in@example.org Gosuslugi-2025 "${BENCH_ESIA_CODES:-2000}" 2
fi
echo "peak RSS at the end: $(hwm_kb) kB"

# Complete sign-ins through Gosuslugi, portal and emulator as separate processes.
bench/esia-signin.sh "$BUILD"
