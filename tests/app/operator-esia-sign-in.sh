#!/bin/bash
# An operator's own keys and data, without `netcity demo`: `admin esia-keys` makes the key and
# certificate, `esia-sim` runs on a data file that registers the system with that certificate,
# `serve` points at it, and one Gosuslugi sign-in goes through, by curl as the browser.
set -euo pipefail
NETCITY=$1
WORK=$(mktemp -d /tmp/netcity-operator-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$WORK"/*.log; do echo "== $f" >&2; cat "$f" >&2; done; exit 1; }

free_port() {  # a port nothing listens on
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port"
}
wait_for() {  # wait_for FILE PATTERN: until the server prints PATTERN
  for _ in $(seq 300); do
    grep -qE "$2" "$1" 2>/dev/null && return
    sleep 0.1
  done
  fail "$1 never printed «$2»"
}

PORTAL_DIR=$WORK/portal
MNEMONIC=TESTNC01

# 1. The system's key and certificate, in the data directory where serve looks for them.
"$NETCITY" admin esia-keys --data-dir "$PORTAL_DIR" --esia-client-id "$MNEMONIC" \
  --request "$WORK/portal.csr" >"$WORK/keys.out" || fail "admin esia-keys failed"
KEY=$PORTAL_DIR/portal-esia-client.key CERT=$PORTAL_DIR/portal-esia-client.crt
[ "$(stat -c %a "$KEY")" = 600 ] || fail "the key is not 0600: $(stat -c %a "$KEY")"
HASH=$(tail -n 1 "$WORK/keys.out")
[[ $HASH =~ ^[0-9A-F]{64}$ ]] || fail "no certificate hash printed: $(cat "$WORK/keys.out")"
OPENSSL_HASH=$(openssl x509 -engine gost -in "$CERT" -outform DER 2>/dev/null |
  openssl dgst -engine gost -md_gost12_256 -r 2>/dev/null | awk '{print toupper($1)}')
[ "$HASH" = "$OPENSSL_HASH" ] || fail "printed hash $HASH, openssl says $OPENSSL_HASH"
openssl req -engine gost -in "$WORK/portal.csr" -noout -verify 2>&1 | grep -q "verify OK" ||
  fail "the certificate request does not verify"
# A second run keeps the key the certificate was registered with.
KEY_BEFORE=$(sha256sum "$KEY")
if "$NETCITY" admin esia-keys --data-dir "$PORTAL_DIR" >/dev/null 2>"$WORK/again.err"; then
  fail "esia-keys overwrote the key without --force"
fi
[ "$KEY_BEFORE" = "$(sha256sum "$KEY")" ] || fail "the refused run changed the key"
grep -q -- "--force" "$WORK/again.err" || fail "the refusal does not name --force"

# 2. The school and its teacher, whose Gosuslugi record matches in full.
cat >"$WORK/school.csv" <<'CSV'
record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,phone,login,password,roles,class
region,reg-t,,Томская область,,,,,,,,,,,,,
municipality,mun-t,reg-t,Городской округ Город Томск,,,,,,,,,,,,,
locality,loc-t,mun-t,г. Томск,,,,,,,,,,,,,
organization,org-t,loc-t,"МАОУ ""Гимназия № 1""",общеобразовательная,,,,,,,,,,,,
person,p-t,,,,Воронцова,Елена,Михайловна,12.04.1980,Ж,112-233-445 95,vorontsova@example.org,,,,,
account,p-t,org-t,,,,,,,,,,,vorontsova.em,Uchitel-2025,teacher,
CSV
"$NETCITY" admin import "$WORK/school.csv" --data-dir "$PORTAL_DIR" --argon2-memory-kib 8192 \
  >"$WORK/import.log" 2>&1 || fail "import failed"

# 3. The emulator, on the operator's own data file that registers the system.
PORTAL_PORT=$(free_port)
PORTAL=http://127.0.0.1:$PORTAL_PORT/
cat >"$WORK/esia-data.json" <<JSON
{
  "persons": [
    {"oid": 1000777001, "password": "Gosuslugi-1", "lastName": "Воронцова", "firstName": "Елена",
     "middleName": "Михайловна", "birthDate": "12.04.1980", "gender": "F",
     "snils": "112-233-445 95", "email": "vorontsova@example.org", "level": "confirmed"}
  ],
  "clients": [
    {"mnemonic": "$MNEMONIC", "name": "Сетевой Город. Образование",
     "redirectUris": ["${PORTAL}esia/callback", "${PORTAL}esia/link/callback"],
     "scopes": ["openid", "fullname", "birthdate", "gender", "snils", "email", "mobile",
                "kid_fullname", "kid_birthdate", "kid_snils"],
     "certificateFile": "portal/portal-esia-client.crt"}
  ]
}
JSON
"$NETCITY" esia-sim --sim-port 0 --sim-data "$WORK/esia-data.json" --data-dir "$WORK/esia" \
  --access-log false >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/sim.log" "ESIA emulator on http://127.0.0.1:[0-9]+/"
SIM=$(grep -oE "http://127.0.0.1:[0-9]+" "$WORK/sim.log" | head -n 1)
# ESIA's certificate, as an operator downloads it.
curl -sf "$SIM/public/esia.pem" -o "$WORK/esia.pem" || fail "no /public/esia.pem"

# 4. The portal against it: no --esia-issuer, no demo.
"$NETCITY" serve --data-dir "$PORTAL_DIR" --port "$PORTAL_PORT" --esia-url "$SIM" \
  --esia-client-id "$MNEMONIC" --esia-signing-cert-file "$WORK/esia.pem" \
  --argon2-memory-kib 8192 --mail console --access-log false >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/serve.log" "listening on"

# 5. The browser: one cookie jar per site, redirects followed by hand.
portal() { curl -s -b "$WORK/portal.jar" -c "$WORK/portal.jar" "$@"; }
esia() { curl -s -b "$WORK/esia.jar" -c "$WORK/esia.jar" "$@"; }
location() { grep -i '^location:' | tr -d '\r' | sed 's/^[Ll]ocation: *//'; }

START=$(portal "${PORTAL}esia/start")
CSRF=$(grep -oE 'name="csrf" value="[^"]+"' <<<"$START" | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
[ -n "$CSRF" ] || fail "no role choice form at /esia/start"
TO_ESIA=$(portal -D - -o /dev/null --data-urlencode "csrf=$CSRF" --data "role=staff" \
  "${PORTAL}esia/start" | location)
[[ $TO_ESIA == "$SIM/aas/oauth2/v2/ac?"* ]] || fail "the portal did not send us to ESIA: $TO_ESIA"
LOGIN=$(esia -D - -o /dev/null "$TO_ESIA" | location)
[[ $LOGIN == /idp/login* ]] || fail "ESIA refused the signed request: $LOGIN"
FLOW=${LOGIN##*flow=}
esia "$SIM$LOGIN" | grep -q 'id="login-form"' || fail "no ESIA login form"
esia --data-urlencode "flow=$FLOW" --data-urlencode "login=vorontsova@example.org" \
  --data-urlencode "password=Gosuslugi-1" "$SIM/idp/login" | grep -q 'id="consent-form"' ||
  fail "no consent page after the ESIA login"
CALLBACK=$(esia -D - -o /dev/null --data-urlencode "flow=$FLOW" --data "decision=allow" \
  "$SIM/idp/consent" | location)
[[ $CALLBACK == "${PORTAL}esia/callback?code="* ]] || fail "ESIA did not come back with a code: $CALLBACK"
SIGNED_IN=$(portal -D - -o /dev/null "$CALLBACK" | location)
[[ $SIGNED_IN == /main* ]] || fail "the portal did not sign the teacher in: $SIGNED_IN"
portal "${PORTAL}main" | grep -q "Воронцова" || fail "the main page does not show the teacher"
echo "ok: signed in through esia-sim with the operator's own key (hash $HASH)"
