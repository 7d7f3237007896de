#!/usr/bin/env bash
# «Восстановить пароль»: how long POST /recover takes for an address on file and for one that is
# not (issue #17: the answer must not tell them apart), and the server's CPU per request.
# Usage: bench/recovery-timing.sh [build-dir]   — prints a results block for bench/README.md.
#
# `netcity demo` on a free port in a temporary data directory (SQLite, letters printed); 100 of
# its people get an e-mail bench-ID@example.org. One curl process sends the requests one after
# another over one kept-alive connection and writes each one's time_total. Requests are
# throttled per address (5 an hour) and per client (50 in 10 minutes), as in production: each
# known address is asked for at most 4 times, each unknown one once, and every request comes
# from its own client address (X-Forwarded-For, the server trusting 127.0.0.1 as its proxy).
# Rounds alternate known and unknown blocks, so both meet the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
[ -x "$BIN" ] || { echo "build first: ./scripts/test.sh or cmake --build $BUILD" >&2; exit 1; }
PER_BLOCK=${BENCH_RECOVERY_REQUESTS:-200}  # requests per block; 2 rounds of a known and an unknown block
ROUNDS=2
# Requests per second: paced, each answer is timed on its own; "" sends them back to back, so a
# request also meets the work the one before it left to the server's workers.
RATE=${BENCH_RECOVERY_RATE-50}
PEOPLE=$(((PER_BLOCK * ROUNDS + 3) / 4))

work=$(mktemp -d /tmp/netcity-bench-recovery-XXXXXX)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

${BENCH_TASKSET:+taskset -c $BENCH_TASKSET} "$BIN" demo --data-dir "$work/data" --port 0 --access-log false --trusted-proxy 127.0.0.1 \
  >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 120); do grep -q 'Портал: http' "$work/out" 2>/dev/null && break; sleep 0.5; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
[ -n "$url" ] || { cat "$work/err" >&2; exit 1; }

db="$work/data/netcity.db"
sqlite3 "$db" "UPDATE persons SET email = 'bench-' || id || '@example.org' WHERE id IN
  (SELECT DISTINCT person_id FROM users WHERE state = 'active' ORDER BY person_id LIMIT $PEOPLE)"
mapfile -t known < <(sqlite3 "$db" "SELECT email FROM persons WHERE email LIKE 'bench-%' ORDER BY id")
[ "${#known[@]}" -ge "$PEOPLE" ] || { echo "the demo has fewer than $PEOPLE people" >&2; exit 1; }

jar="$work/cookies"
csrf=$(curl -s -c "$jar" "$url/recover" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
csrf_cookie="nc_csrf=$(awk '$6=="nc_csrf"{print $7}' "$jar")"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tick=$(getconf CLK_TCK)
# A curl config of POSTs for the addresses given on stdin, one a line; client addresses from $1 on.
requests() {
  local client=$1 first=$1 email
  while read -r email; do
    [ "$client" = "$first" ] || echo next
    client=$((client + 1))
    printf 'url = "%s/recover"\ndata = "csrf=%s&email=%s"\ncookie = "%s"\n' "$url" "$csrf" "$email" "$csrf_cookie"
    printf 'header = "X-Forwarded-For: 127.%d.%d.%d"\n' $((client / 65536 % 256)) $((client / 256 % 256)) $((client % 256))
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\n'
  done
}
# Runs one block (clients from $2 on); appends "status seconds" lines to $work/KIND.times, CPU ticks to $work/KIND.cpu.
block() {
  local kind=$1 config="$work/$1.curl"
  requests "$2" >"$config"
  local before started finished
  before=$(cpu_ticks)
  started=$(date +%s.%N)
  curl -s ${RATE:+--rate "$RATE/s"} -K "$config" >>"$work/$kind.times"
  finished=$(date +%s.%N)
  sleep 1.5  # what the request left to workers (letters, queued requests) is its cost too
  echo "$(($(cpu_ticks) - before)) $started $finished" >>"$work/$kind.cpu"
}

for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((PER_BLOCK - 1))); do
    echo "${known[$(((round - 1) * PER_BLOCK / 4 + i / 4 % PEOPLE))]}"
  done | block known $(((2 * round - 2) * PER_BLOCK))
  for i in $(seq 1 "$PER_BLOCK"); do echo "nikto-$round-$i@example.org"; done |
    block unknown $(((2 * round - 1) * PER_BLOCK))
done

summary() {
  local kind=$1 n bad
  n=$(wc -l <"$work/$kind.times")
  bad=$(awk '$1 != 200' "$work/$kind.times" | wc -l)
  sort -n -k2 "$work/$kind.times" | awk -v n="$n" -v kind="$kind" -v bad="$bad" '
    { t[NR] = $2 * 1000 }
    END {
      p50 = t[int((n + 1) / 2)]; p99 = t[int(n * 0.99 + 0.999)]
      printf "%-8s %4d requests (non-200: %d): median %.2f ms, p99 %.2f ms", kind, n, bad, p50, p99
    }'
  awk -v hz="$tick" -v per="$PER_BLOCK" '
    { cpu += $1; wall += $3 - $2; blocks++ }
    END { printf ", %.0f req/s, server CPU %.2f ms/request\n", blocks * per / wall, 1000 * cpu / hz / (blocks * per) }' \
    "$work/$kind.cpu"
}

echo "== netcity recovery timing $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $BIN, $ROUNDS rounds of $PER_BLOCK + $PER_BLOCK, ${RATE:-back-to-back} ${RATE:+req/s}"
summary known
summary unknown
med() { sort -n -k2 "$work/$1.times" | awk '{t[NR]=$2} END {print t[int((NR + 1) / 2)]}'; }
awk -v k="$(med known)" -v u="$(med unknown)" 'BEGIN { printf "median known / unknown: %.2f\n", k / u }'
echo "letters queued: $(sqlite3 "$db" "SELECT count(*) FROM mail_outbox"), accounts asked for: $(sqlite3 "$db" "SELECT count(*) FROM audit_events WHERE action = 'password.recover.request' AND outcome = 'sent'")"
