#!/usr/bin/env bash
# Tenants that cannot stall each other: at N generated customers (100k by
# default), the p50/p99 of one client's v2 lookups and v1.1 adds alone,
# then while other clients page /__admin/customers at a deep offset and ask
# the journal for 1,000 entries, 16 at a time; and the process's RSS in
# each phase; then, as a control, the lookups while the same load goes to a
# second capsim process. Everything listens on 127.0.0.1 only; each phase is bounded
# in time (DURATION, 10 s by default). Needs hey (apt-get install hey).
#   [ADDR=127.0.0.1:18199] [N=100000] [DURATION=10s] bench/tenants.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hey >/dev/null || { echo "hey is missing: apt-get install -y hey"; exit 1; }
OUT=bench/out
mkdir -p "$OUT"
go build -o "$OUT/capsim" ./cmd/capsim
ADDR=${ADDR:-127.0.0.1:18199}
N=${N:-100000}
D=${DURATION:-10s}
AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
# start ADDR: a capsim with N customers on ADDR, its pid in $pid once healthy.
start() {
  if curl -s -o /dev/null "http://$1/"; then echo "$1 is in use: stop what listens there"; exit 1; fi
  "$OUT/capsim" --addr "$1" --customers "$N" --log-requests=false --log-level warn & pid=$!
  pids+=("$pid")
  until curl -fs -o /dev/null "http://$1/__admin/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "capsim on $1 exited"; exit 1; }
    sleep 0.05
  done
}
start "$ADDR"
first=$pid
rss() { awk '$1=="VmRSS:" {printf "%.0f", $2/1024}' "/proc/$first/status"; }
LOOKUP="/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
lookup="http://$ADDR$LOOKUP"
pct() { awk '/ 50%/ {p50=$3} / 99%/ {p99=$3} END {printf "p50 %.1f ms, p99 %.1f ms", p50*1000, p99*1000}'; }
measure() {
  echo "  lookups: $(hey -z "$D" -c 4 -H "$AUTH" -H 'X-Capsim-Namespace: tenant-a' "$lookup" | pct)"
  echo "  rss: $(rss) MiB"
}
echo "# customers=$N $(date -u +%FT%TZ) on $(nproc) cores"
# Fill the journal first, so its reads carry bodies.
hey -n 3000 -c 4 -H "$AUTH" -H 'X-Capsim-Namespace: tenant-b' "$lookup" >/dev/null
# Ask each admin page once, so that what is made once per process (the
# contract's checking copies of their schemas) is in both phases.
curl -fs -o /dev/null "http://$ADDR/__admin/requests?limit=1000"
curl -fs -o /dev/null "http://$ADDR/__admin/customers?offset=$((N - 200))&limit=50"
echo "alone:"
measure
echo "with 4 clients paging /__admin/customers at offset $((N - 200)) and 16 reading ?limit=1000 of the journal:"
hey -z "$D" -c 4 "http://$ADDR/__admin/customers?offset=$((N - 200))&limit=50" >/dev/null & pids+=($!)
hey -z "$D" -c 16 "http://$ADDR/__admin/requests?limit=1000" >/dev/null & pids+=($!)
sleep 1
measure
wait "${pids[@]:1}" 2>/dev/null || true
echo "after:"
echo "  rss: $(rss) MiB"
# The control: the same heavy load (and a trickle of API calls, so its
# journal changes too) on a second capsim process. The lookups' p99 there
# is what sharing this machine's cores with that work and the load tools
# costs, which no process can keep from its clients.
ADDR2=${ADDR2:-127.0.0.1:18198}
start "$ADDR2"
hey -n 3000 -c 4 -H "$AUTH" "http://$ADDR2$LOOKUP" >/dev/null
echo "control, the same load on a second capsim process:"
hey -z "$D" -c 4 "http://$ADDR2/__admin/customers?offset=$((N - 200))&limit=50" >/dev/null & pids+=($!)
hey -z "$D" -c 16 "http://$ADDR2/__admin/requests?limit=1000" >/dev/null & pids+=($!)
hey -z "$D" -c 1 -q 2000 -H "$AUTH" "http://$ADDR2$LOOKUP" >/dev/null & pids+=($!)
sleep 1
echo "  lookups: $(hey -z "$D" -c 4 -H "$AUTH" -H 'X-Capsim-Namespace: tenant-a' "$lookup" | pct)"
wait "${pids[@]: -3}" 2>/dev/null || true
