#!/usr/bin/env bash
# Complete sign-ins through Gosuslugi per second, with the portal and the ESIA emulator as two
# processes, so that each one's CPU per sign-in is measured on its own.
# Usage: bench/esia-signin.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/netcity
SIGNINS=${BENCH_ESIA_SIGNINS:-600}
work=$(mktemp -d /tmp/netcity-esia-bench-XXXXXX)
cleanup() { kill ${sim_pid:-} ${portal_pid:-} 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim_port=$(free_port); portal_port=$(free_port)
sim="http://127.0.0.1:$sim_port"; portal="http://127.0.0.1:$portal_port"

"$BIN" esia-sim --sim-port "$sim_port" --data-dir "$work/sim" --sim-admin-api --access-log false >"$work/sim.out" 2>&1 &
sim_pid=$!
# The portal's GOST key and certificate, made with the openssl command line.
openssl genpkey -engine gost -algorithm gost2012_256 -pkeyopt paramset:XA -out "$work/client.key" 2>/dev/null
openssl req -engine gost -new -x509 -key "$work/client.key" -md_gost12_256 -subj "/CN=NETCITY01" -days 30 \
  -out "$work/client.crt" 2>/dev/null
for _ in $(seq 1 50); do curl -sf "$sim/healthz" >/dev/null && break; sleep 0.2; done
/usr/bin/python3 - "$work/client.crt" "$portal" > "$work/client.json" <<'PY'
import json, sys
print(json.dumps({"mnemonic": "NETCITY01", "name": "Сетевой Город. Образование",
  "redirectUris": [sys.argv[2] + "/esia/callback", sys.argv[2] + "/esia/link/callback"],
  "scopes": ["openid", "fullname", "birthdate", "gender", "snils", "email", "mobile",
             "kid_fullname", "kid_birthdate", "kid_snils"],
  "certificate": open(sys.argv[1]).read()}))
PY
curl -sf -H 'Content-Type: application/json' --data @"$work/client.json" "$sim/sim/api/clients" >/dev/null

"$BIN" admin import demo/demo-data.csv --data-dir "$work/portal" --argon2-memory-kib 8192 2>/dev/null
"$BIN" serve --port "$portal_port" --data-dir "$work/portal" --access-log false \
  --esia-url "$sim" --esia-key-file "$work/client.key" --esia-cert-file "$work/client.crt" \
  --esia-signing-cert-file "$work/sim/esia-sim.crt" >"$work/portal.out" 2>&1 &
portal_pid=$!
for _ in $(seq 1 50); do curl -sf "$portal/healthz" >/dev/null && break; sleep 0.2; done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
p0=$(ticks "$portal_pid"); s0=$(ticks "$sim_pid")
out=$("$BUILD/netcity-bench-esia" signin "$portal" "$sim" zakharova.in@example.org Gosuslugi-2025 "$SIGNINS" 2)
p1=$(ticks "$portal_pid"); s1=$(ticks "$sim_pid")
echo "$out"
n=$(echo "$out" | awk '{print $3}')
awk -v p=$((p1 - p0)) -v s=$((s1 - s0)) -v n="$n" -v hz="$hz" 'BEGIN {
  printf "CPU per ESIA sign-in: portal %.2f ms, emulator %.2f ms (portal share %.0f %%)\n",
         1000*p/hz/n, 1000*s/hz/n, 100*p/(p+s) }'
