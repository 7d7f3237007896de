#!/usr/bin/env bash
# Instructions per request of the journal's pages (issue #10), counted by callgrind: unlike CPU
# time on this shared machine, the count repeats from run to run, so it shows what a change
# saved. The server runs under valgrind on the bench's region (bench/journal-data.py); after a
# warm-up request per page, instrumentation is switched on for BENCH_REQUESTS requests of one
# page at a time, and the total is divided by them. Everything the server does in that span is
# counted — HTTP, session, SQL, templates, the access log.
# Usage: BENCH_DATA=DIR bench/journal-callgrind.sh [build-dir]
#   BENCH_PROFILE=DIR keeps each page's callgrind.out (for callgrind_annotate) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
[ -x "$BIN" ] || { echo "build first: ./scripts/test.sh or cmake --build $BUILD" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind missing" >&2; exit 1; }
REQUESTS=${BENCH_REQUESTS:-20}
WEEK=${BENCH_WEEK:-2026-11-30}
work=${BENCH_DATA:?set BENCH_DATA to the region bench/journal.sh made (or an empty directory)}
profiles=${BENCH_PROFILE:-}
tmp=$(mktemp -d /tmp/netcity-callgrind-XXXXXX)
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ ! -f "$work/facts" ]; then
  mkdir -p "$work"
  python3 bench/journal-data.py "$BIN" "$work/data" >"$work/facts" 2>"$work/import.log"
fi
# shellcheck disable=SC1091
. "$work/facts"

valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$tmp/callgrind.out" \
  "$BIN" serve --data-dir "$work/data" --port 0 >"$tmp/out" 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 240); do grep -q 'listening on' "$tmp/out" 2>/dev/null && break; sleep 0.5; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)
[ -n "$url" ] || { cat "$tmp/log" >&2; exit 1; }

sign_in() {  # login → the session cookie
  local jar="$tmp/jar-$1" csrf
  csrf=$(curl -s -c "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null "$url/login" \
    -d "csrf=$csrf&organization=$ORG&login=$1&password=$PASSWORD"
  echo "nc_session=$(awk '$6=="nc_session"{print $7}' "$jar")"
}
parent=$(sign_in parent)
teacher=$(sign_in teacher0)

count() {  # label cookie path
  local label=$1 cookie=$2 path=$3 code bytes ir
  code=$(curl -s -o "$tmp/page" -w '%{http_code}' -H "Cookie: $cookie" "$url$path")
  [ "$code" = 200 ] || { echo "$label: GET $path answered $code" >&2; exit 1; }
  bytes=$(wc -c <"$tmp/page")
  callgrind_control -z "$pid" >/dev/null
  callgrind_control -i on "$pid" >/dev/null
  for _ in $(seq 1 "$REQUESTS"); do curl -s -o /dev/null -H "Cookie: $cookie" "$url$path"; done
  callgrind_control -i off "$pid" >/dev/null
  rm -f "$tmp"/callgrind.out.*
  callgrind_control -d "$pid" >/dev/null
  local dump
  dump=$(ls -t "$tmp"/callgrind.out.* | head -1)
  ir=$(awk '/^totals:/{print $2}' "$dump")
  [ -n "$profiles" ] && mkdir -p "$profiles" && cp "$dump" "$profiles/$4.callgrind"
  awk -v l="$label" -v ir="$ir" -v n="$REQUESTS" -v b="$bytes" \
    'BEGIN{printf "%s: %.0f instructions per request (%d requests), page %d bytes\n", l, ir/n, n, b}'
}

echo "== netcity journal callgrind $(date -u +%Y-%m-%dT%H:%MZ), $REQUESTS requests a page"
count "GET /main (parent)" "$parent" "/main" main
count "GET /diary (a week of a child)" "$parent" "/diary?student=$CHILD&week=$WEEK" diary
count "GET /journal (class of 30, a month)" "$teacher" "/journal/grid?class=$CLASS&subject=$SUBJECT" journal
count "GET /journal (class of 30, the whole term)" "$teacher" \
  "/journal/grid?class=$CLASS&subject=$SUBJECT&month=all" journal-term
