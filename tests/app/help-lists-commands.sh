#!/bin/bash
# `netcity --help` and README's command list («Running it») name the same commands.
set -euo pipefail
NETCITY=$1
README=$2

commands_of() {  # the command words of each "netcity …" line: up to the first argument
  # (two spaces end the usage and start the description)
  grep -E '^ *netcity [a-z]' | sed -E 's/^ *//; s/  .*//' |
    awk '{ c = $1; for (i = 2; i <= NF && $i ~ /^[a-z][a-z-]*$/; i++) c = c " " $i; print c }' |
    sort -u
}

readme=$(sed -n '/^## Running it/,/^## /p' "$README" | sed -n '/^```/,/^```/p' | commands_of)
help=$("$NETCITY" --help | sed -n '/^Usage:/,/^$/p' | commands_of)
[ -n "$readme" ] || { echo "no commands found in README's «Running it»"; exit 1; }
[ "$(echo "$readme" | wc -l)" -ge 5 ] || { echo "README's list did not parse: $readme"; exit 1; }

status=0
while read -r c; do
  grep -qxF "$c" <<<"$help" || { echo "README names «$c», netcity --help does not"; status=1; }
done <<<"$readme"
while read -r c; do
  grep -qxF "$c" <<<"$readme" || { echo "netcity --help names «$c», README does not"; status=1; }
done <<<"$help"
exit $status
