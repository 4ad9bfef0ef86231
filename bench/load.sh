#!/usr/bin/env bash
# Load test: GET /v2/customers/{id} from capsim and, in the same run, the same
# bytes from a bare net/http server; prints requests/s and the ratios.
# Needs wrk (apt-get install wrk). Everything listens on 127.0.0.1 only.
#   bench/load.sh [duration] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10s}
CONNS=${2:-32}
THREADS=${THREADS:-1}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk"; exit 1; }

go build -o "$OUT/capsim" ./cmd/capsim
go build -o "$OUT/bare" ./bench/bare

AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
PATH_Q="/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp"
CAP=127.0.0.1:18080
BARE=127.0.0.1:18081
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_up() { for _ in $(seq 1 200); do curl -fs "http://$1" -o /dev/null -H "$AUTH" && return 0; sleep 0.02; done; echo "server $1 did not start"; exit 1; }

rps() { # url -> requests/s
  wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" "$1" | awk '/Requests\/sec/ {print $2}'
}

start_capsim() { # validate-responses
  "$OUT/capsim" --addr "$CAP" --validate-responses="$1" --log-level warn &
  pids+=($!)
  wait_up "$CAP/__admin/health"
}

echo "# capsim load test $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DUR"
# Start-up: from exec to the first healthy answer, default fixtures (300 generated customers).
t0=$(date +%s%N); start_capsim true; t1=$(date +%s%N)
echo "startup_ms_to_healthy $(( (t1 - t0) / 1000000 ))"
curl -fs -H "$AUTH" "http://$CAP$PATH_Q" -o "$OUT/body.json"
echo "body_bytes $(wc -c < "$OUT/body.json")"
"$OUT/bare" --addr "$BARE" --body "$OUT/body.json" &
pids+=($!)
wait_up "$BARE/"

bare1=$(rps "http://$BARE$PATH_Q")
on=$(rps "http://$CAP$PATH_Q")
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
start_capsim false
off=$(rps "http://$CAP$PATH_Q")
bare2=$(rps "http://$BARE$PATH_Q")
bare=$(awk -v a="$bare1" -v b="$bare2" 'BEGIN{printf "%.0f", (a+b)/2}')
echo "bare_rps $bare ($bare1, $bare2)"
echo "capsim_validation_on_rps $on"
echo "capsim_response_validation_off_rps $off"
awk -v on="$on" -v off="$off" -v bare="$bare" 'BEGIN{
  printf "ratio_validation_on %.2f (target >= 0.50)\n", on/bare;
  printf "ratio_response_validation_off %.2f (target >= 0.80)\n", off/bare }'
