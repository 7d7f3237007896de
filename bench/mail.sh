#!/usr/bin/env bash
# How fast the outbox drains into a real SMTP server (Debian's aiosmtpd writing a Maildir):
# N letters waiting (as after an outage), then `netcity serve` starts and its worker sends them,
# one SMTP connection per letter. Usage: bench/mail.sh [build-dir] — prints letters/s.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
LETTERS=${BENCH_LETTERS:-2000}
[ -x "$BIN" ] || { echo "build first: ./scripts/test.sh or cmake --build $BUILD" >&2; exit 1; }
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd missing: ./scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/netcity-mailbench-XXXXXX)
cleanup() {
  [ -n "${portal:-}" ] && kill "$portal" 2>/dev/null
  [ -n "${smtp:-}" ] && kill "$smtp" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$work/maildir" 2>/dev/null &
smtp=$!

"$BIN" admin migrate --data-dir "$work/data" 2>/dev/null
db="$work/data/netcity.db"
body=$(printf 'Здравствуйте!\\n\\nУспешно создан запрос получения доступа в систему. %.0s' $(seq 1 8))
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $LETTERS)
  INSERT INTO mail_outbox (recipient, subject, text_body, html_body, message_id,
                           next_attempt_at, created_at)
  SELECT 'parent' || i || '@example.org', 'Успешно создан запрос получения доступа в систему',
         '$body', '<p>$body</p>', '<bench' || i || '@netcity>', 0, 0 FROM n;"

start=$(date +%s.%N)
"$BIN" serve --data-dir "$work/data" --port 0 --access-log false --mail smtp --smtp-port "$port" >/dev/null 2>"$work/err" &
portal=$!
while :; do
  sent=$(sqlite3 -cmd '.timeout 5000' "$db" "SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'")
  [ "$sent" -ge "$LETTERS" ] && break
  kill -0 "$portal" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$portal/status")
received=$(ls "$work/maildir/new" | wc -l)
awk -v n="$LETTERS" -v s="$start" -v e="$end" -v r="$received" -v m="$rss" 'BEGIN {
  printf "outbox: %d letters sent in %.1f s = %.0f letters/s (received by the SMTP server: %d), portal peak RSS %.0f MB\n", n, e - s, n / (e - s), r, m / 1024 }'
