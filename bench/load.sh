#!/usr/bin/env bash
# Load test: GET /v2/customers/{id} from capsim (request and response
# validation on; response validation off) and, in the same run, the same bytes
# from a bare net/http server. Rounds are interleaved (bare, on, off, bare, ...)
# so that the machine's noise falls on all three alike; the script prints each
# round, the medians and the ratios of the medians.
# Needs wrk (apt-get install wrk). Everything listens on 127.0.0.1 only.
#   bench/load.sh [duration per run] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-5s}
CONNS=${2:-32}
ROUNDS=${3:-3}
THREADS=${THREADS:-1}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk"; exit 1; }

go build -o "$OUT/capsim" ./cmd/capsim
go build -o "$OUT/bare" ./bench/bare
go build -o "$OUT/startup" ./bench/startup

AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
PATH_Q="/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp"
ON=127.0.0.1:18080
BARE=127.0.0.1:18081
OFF=127.0.0.1:18082
LOG=127.0.0.1:18083
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

for a in $ON $BARE $OFF $LOG; do
  if curl -s -o /dev/null "http://$a/"; then echo "$a is in use: stop what listens there"; exit 1; fi
done
wait_up() { for _ in $(seq 1 500); do curl -fs "http://$1" -o /dev/null -H "$AUTH" && return 0; sleep 0.01; done; echo "server $1 did not start"; exit 1; }
rps() { wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" "$1" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# capsim load test $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DUR, $ROUNDS rounds"
# Start-up: from exec to the first healthy answer over HTTP, default fixtures
# and 300 generated customers, the median of 5 starts (bench/startup: a Go
# probe that forks nothing while it polls, every 100 µs).
"$OUT/startup" -n 5 -addr "$ON" -- "$OUT/capsim" --addr "$ON" --log-level warn > "$OUT/startup.txt"
echo "startup_ms_to_healthy $(tail -1 "$OUT/startup.txt" | cut -d' ' -f2) (5 starts: $(head -n -1 "$OUT/startup.txt" | tr '\n' ' '))"
"$OUT/capsim" --addr "$ON" --log-level warn & pids+=($!)
wait_up "$ON/__admin/health"
"$OUT/capsim" --addr "$OFF" --validate-responses=false --log-level warn & pids+=($!)
wait_up "$OFF/__admin/health"
# Default flags: the access log on, one line per request, into a pipe.
"$OUT/capsim" --addr "$LOG" > >(cat > /dev/null) & pids+=($!)
wait_up "$LOG/__admin/health"
curl -fs -H "$AUTH" "http://$ON$PATH_Q" -o "$OUT/body.json"
echo "body_bytes $(wc -c < "$OUT/body.json")"
"$OUT/bare" --addr "$BARE" --body "$OUT/body.json" & pids+=($!)
wait_up "$BARE/"

: > "$OUT/bare.txt"; : > "$OUT/on.txt"; : > "$OUT/off.txt"; : > "$OUT/log.txt"
for r in $(seq 1 "$ROUNDS"); do
  b=$(rps "http://$BARE$PATH_Q"); echo "$b" >> "$OUT/bare.txt"
  n=$(rps "http://$ON$PATH_Q"); echo "$n" >> "$OUT/on.txt"
  f=$(rps "http://$OFF$PATH_Q"); echo "$f" >> "$OUT/off.txt"
  l=$(rps "http://$LOG$PATH_Q"); echo "$l" >> "$OUT/log.txt"
  echo "round $r: bare $b  validation_on $n  response_validation_off $f  default_flags_access_log $l"
done
bare=$(median < "$OUT/bare.txt"); on=$(median < "$OUT/on.txt"); off=$(median < "$OUT/off.txt"); lg=$(median < "$OUT/log.txt")
echo "bare_rps_median $bare"
echo "capsim_validation_on_rps_median $on"
echo "capsim_response_validation_off_rps_median $off"
echo "capsim_default_flags_access_log_rps_median $lg"
awk -v on="$on" -v off="$off" -v bare="$bare" -v lg="$lg" 'BEGIN{
  printf "ratio_default_flags_access_log %.2f (target >= 0.80); the log costs %.0f%% (target <= 5%%)\n", lg/bare, 100*(1-lg/on);
  printf "ratio_validation_on %.2f (target >= 0.50)\n", on/bare;
  printf "ratio_response_validation_off %.2f (target >= 0.80)\n", off/bare }'
