#!/usr/bin/env bash
# The journal's pages under load (issue #10): a parent's «Дневник» week and a teacher's
# «Классный журнал» for a class of 30 (the month it opens on, and the whole term), beside the
# parent's main page, in a region of ten schools of 1,000 students with a full year of lessons,
# homework and marks (bench/journal-data.py). For each page: requests/s (wrk), the server's CPU
# per request (utime+stime from /proc/PID/stat over the run ÷ requests) and the p99 of the
# server's own time per request (the access log's "ms").
# Usage: bench/journal.sh [build-dir]   — prints a results block for bench/README.md.
#   BENCH_DATA=DIR keeps the generated region between runs; BENCH_SERVER_ARGS adds server flags.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
[ -x "$BIN" ] || { echo "build first: ./scripts/test.sh or cmake --build $BUILD" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: ./scripts/install-deps.sh" >&2; exit 1; }
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WEEK=${BENCH_WEEK:-2026-11-30}

work=${BENCH_DATA:-}
keep=1
if [ -z "$work" ]; then work=$(mktemp -d /tmp/netcity-bench-journal-XXXXXX); keep=0; fi
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$work/facts" ]; then
  started=$(date +%s)
  python3 bench/journal-data.py "$BIN" "$work/data" >"$work/facts" 2>"$work/import.log"
  echo "generated in $(($(date +%s) - started)) s: $(grep ROWS "$work/facts" | cut -d= -f2)"
fi
# shellcheck disable=SC1091
. "$work/facts"

# shellcheck disable=SC2086  # extra server flags, e.g. BENCH_SERVER_ARGS="--cache-seconds 0"
"$BIN" serve --data-dir "$work/data" --port 0 ${BENCH_SERVER_ARGS:-} >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 1 120); do grep -q 'listening on' "$work/out" 2>/dev/null && break; sleep 0.5; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
[ -n "$url" ] || { cat "$work/log" >&2; exit 1; }

sign_in() {  # login → the session cookie
  local jar="$work/jar-$1" csrf
  csrf=$(curl -s -c "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null "$url/login" \
    -d "csrf=$csrf&organization=$ORG&login=$1&password=$PASSWORD"
  echo "nc_session=$(awk '$6=="nc_session"{print $7}' "$jar")"
}
parent=$(sign_in parent)
teacher=$(sign_in teacher0)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tick=$(getconf CLK_TCK)

measure() {  # label cookie path
  local label=$1 cookie=$2 path=$3 code before after out requests rps cpu p99
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url$path")
  [ "$code" = 200 ] || { echo "$label: GET $path answered $code" >&2; exit 1; }
  : >"$work/log"
  before=$(cpu_ticks)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -H "Cookie: $cookie" "$url$path")
  after=$(cpu_ticks)
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$tick" 'BEGIN{printf "%.3f", 1000*t/hz/n}')
  p99=$(grep -ao '"ms":"[0-9.]*"' "$work/log" | tr -dc '0-9.\n' | sort -n |
        awk '{a[NR]=$1} END{printf "%.2f", a[int(NR*0.99)]}')
  echo "$label: $rps req/s, CPU $cpu ms per request, p99 server time $p99 ms"
}

echo "== netcity journal bench $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${DURATION}s per run, $CONNECTIONS connections"
measure "GET /main (parent)" "$parent" "/main"
measure "GET /diary (a week of a child)" "$parent" "/diary?student=$CHILD&week=$WEEK"
measure "GET /journal (class of 30, a month)" "$teacher" "/journal/grid?class=$CLASS&subject=$SUBJECT"
measure "GET /journal (class of 30, the whole term)" "$teacher" "/journal/grid?class=$CLASS&subject=$SUBJECT&month=all"
echo "peak RSS: $(awk '/^VmHWM/{print $2}' "/proc/$pid/status") kB"
