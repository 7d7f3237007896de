#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests:
#   pg-cluster.sh start DIR   initdb in DIR, start on a free port, write DIR/url
#   pg-cluster.sh stop DIR    stop it and remove DIR
set -euo pipefail
action=${1:?start or stop}; dir=${2:?directory}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

case "$action" in
start)
  "$0" stop "$dir" >/dev/null 2>&1 || true
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  pwfile=$(mktemp); echo "$password" > "$pwfile"; chmod 644 "$pwfile"
  as_postgres "$PGBIN/initdb" -D "$dir/data" -A scram-sha-256 -U netcity --pwfile="$pwfile" \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-h 127.0.0.1 -p $port -k $dir/data -c fsync=off -c max_connections=300" start >/dev/null; then
      break
    fi
    [ "$attempt" = 5 ] && { cat "$dir/server.log" >&2; exit 1; }
  done
  echo "postgresql://netcity:$password@127.0.0.1:$port/postgres" > "$dir/url"
  chmod 644 "$dir/url"
  echo "PostgreSQL $(basename "$(dirname "$PGBIN")") on 127.0.0.1:$port"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
