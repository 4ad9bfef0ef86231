#!/usr/bin/env bash
# Scale figures (issue 8.6): start-up time and memory at N generated
# customers, and what a new namespace costs. For each N it starts capsim,
# waits for the first healthy answer, then prints
#   start_s          exec to healthy (polled every 100 µs by bench/startup -wait), and the CPU time it took
#   rss_mib          resident memory once up (VmRSS), and the peak (VmHWM)
#   first_ns_ms      the first request of a new namespace (a v2 get)
#   ns_rss_mib       resident memory added by 50 new namespaces, per namespace
#   search_ms        a v1.1 search and a v2 search (answered from indexes)
#   restore_ms       restoring a snapshot of a namespace, as capsim reports it
# against the targets: 100k start <= 3 s and <= 600 MiB; a new namespace
# answers in <= 100 ms and adds <= 64 MiB; 1M fits in <= 4 GiB.
# Everything listens on 127.0.0.1 only.
#   [ADDR=127.0.0.1:18197] bench/scale.sh [N ...]        (default: 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
go build -o "$OUT/capsim" ./cmd/capsim
go build -o "$OUT/startup" ./bench/startup
ADDR=${ADDR:-127.0.0.1:18197}
AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
rss() { awk -v k="$2:" '$1==k {printf "%.0f", $2/1024}' "/proc/$1/status"; }
ms() { curl -s -o /dev/null -w '%{time_total}' "$@" | awk '{printf "%.1f", $1*1000}'; }

for n in "${@:-100000}"; do
  if curl -s -o /dev/null "http://$ADDR/"; then echo "$ADDR is in use: stop what listens there"; exit 1; fi
  t0=$(date +%s%N)
  "$OUT/capsim" --addr "$ADDR" --customers "$n" --log-level warn --max-namespaces 1000 & pid=$!
  # bench/startup polls without forking: a shell loop's curl forks took
  # CPU from the start it timed.
  "$OUT/startup" -wait -addr "$ADDR" -timeout 120s || { echo "capsim did not answer healthy"; exit 1; }
  t1=$(date +%s%N)
  echo "# customers=$n $(date -u +%FT%TZ) on $(nproc) cores"
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$pid/stat")
  awk -v d=$(( (t1 - t0) / 1000000 )) -v c="$cpu" 'BEGIN{printf "start_s %.2f (cpu %s s; the wall time includes waiting for the cores)\n", d/1000, c}'
  echo "rss_mib $(rss $pid VmRSS) (peak $(rss $pid VmHWM))"
  base=$(rss $pid VmRSS)
  echo "first_ns_ms $(ms -H "$AUTH" -H 'X-Capsim-Namespace: fresh-0' "http://$ADDR/v2/customers/1000007?source=ALL")"
  for i in $(seq 1 50); do
    curl -s -o /dev/null -H "$AUTH" -H "X-Capsim-Namespace: fresh-$i" "http://$ADDR/v2/customers/1000007?source=ALL"
  done
  after=$(rss $pid VmRSS)
  awk -v a="$after" -v b="$base" 'BEGIN{printf "ns_rss_mib %.2f per namespace (50 namespaces: %+d MiB)\n", (a-b)/50, a-b}'
  echo "search_ms v1.1 $(ms -H "$AUTH" "http://$ADDR/v1.1/customer/search?format=json&q=firstname:STARTS:Tom") v2 $(ms -H "$AUTH" "http://$ADDR/v2/customers/search?q=tom")"
  curl -s -o /dev/null -X POST -H 'X-Capsim-Namespace: fresh-1' "http://$ADDR/__admin/snapshots/s"
  echo "restore_ms $(curl -s -X POST -H 'X-Capsim-Namespace: fresh-2' "http://$ADDR/__admin/snapshots/s/restore" | sed 's/.*"tookMs":\([0-9.]*\).*/\1/')"
  echo "rss_mib_end $(rss $pid VmRSS) (peak $(rss $pid VmHWM))"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
