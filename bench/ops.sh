#!/usr/bin/env bash
# Load test of every operation in bench/ops.txt: capsim (request and response
# validation on) against a bare net/http server that reads the request body
# and writes the bytes capsim answered that request with, over HTTP with wrk.
# Rounds are interleaved (per operation: bare, capsim; then the next
# operation; then the next round), so the machine's noise falls on both alike.
# It prints each run, then a table: medians, the ratio capsim/bare and whether
# it meets the target (>= 0.50). Beside throughput it prints each server's
# CPU time per request (from /proc, user + system) and their ratio
# bare/capsim: a figure other load on the machine moves much less.
#
# A write (a line with a body) sends a new body each time (bench/post.lua
# fills the counter, in the path too), so every request registers a new
# customer or a new bill; the default namespace is reset after each write
# run so that rounds start alike, and an operation's setup requests
# (setup: lines) are sent before each of its capsim runs.
# Needs wrk (apt-get install wrk). Everything listens on 127.0.0.1 only.
#   bench/ops.sh [duration per run] [connections] [rounds]
#   OPS='v1.1 get' bench/ops.sh     only the operations whose name matches the regex
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-3s}
CONNS=${2:-32}
ROUNDS=${3:-3}
THREADS=${THREADS:-1}
OPS=${OPS:-.}
OUT=bench/out/ops
TARGET=0.50
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk"; exit 1; }

mkdir -p bench/out
go build -o bench/out/capsim ./cmd/capsim
go build -o bench/out/bare ./bench/bare

AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
CAP=127.0.0.1:18090
BARE=127.0.0.1:18091
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for a in $CAP $BARE; do
  if curl -s -o /dev/null "http://$a/"; then echo "$a is in use: stop what listens there"; exit 1; fi
done
rm -rf "$OUT"
mkdir -p "$OUT"
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "http://$1" && return 0; sleep 0.01; done; echo "server $1 did not start"; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
reset() { curl -fs -XPOST "http://$CAP/__admin/reset" -o /dev/null; }

# capsim's own log (warnings: answers of 4xx and 5xx) goes to a file of
# its own, not between the figures.
"$OUT/../capsim" --addr "$CAP" --log-level warn >"$OUT/capsim.log" 2>&1 & pids+=($!); CAP_PID=$!
wait_up "$CAP/__admin/health"

# fill TEMPLATE N prints TEMPLATE with every %08d N and every %03d N modulo
# 300 (bench/ops.txt).
fill() { local t=$1; t=${t//%08d/$(printf %08d "$2")}; printf '%s' "${t//%03d/$(printf %03d $(($2 % 300)))}"; }
# send METHOD URI BODY N sends one request to capsim, filled with N, and
# prints its status; the answer goes to $OUT/last.body, its head to $OUT/last.head.
send() {
  local args=(-s -H "$AUTH" -X "$1" -D "$OUT/last.head" -o "$OUT/last.body" -w '%{http_code}')
  [[ -n "$3" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$(fill "$3" "$4")")
  curl "${args[@]}" "http://$CAP$(fill "$2" "$4")"
}
# setup INDEX sends the setup requests of operation INDEX (bench/ops.txt).
setup() {
  local k code
  for k in "${!setup_for[@]}"; do
    [[ "${setup_for[$k]}" == "${names[$1]}" ]] || continue
    code=$(send "${setup_methods[$k]}" "${setup_uris[$k]}" "${setup_bodies[$k]}" $((90000000 + k)))
    [[ "$code" == 200 ]] || { echo "setup of ${names[$1]}: status $code: $(cat "$OUT/last.body")"; exit 1; }
  done
}

# The operations: names, methods, URIs, body templates, their setups; and
# the bare server's routes, from capsim's own answer to each request.
names=(); methods=(); uris=(); bodies=()
setup_for=(); setup_methods=(); setup_uris=(); setup_bodies=()
while IFS=$'\t' read -r name method uri body; do
  [[ "$name" == setup:* ]] || continue
  setup_for+=("${name#setup:}"); setup_methods+=("$method"); setup_uris+=("$uri"); setup_bodies+=("${body:-}")
done < bench/ops.txt
: > "$OUT/routes.txt"
i=0
while IFS=$'\t' read -r name method uri body; do
  [[ -z "$name" || "$name" == \#* || "$name" == setup:* ]] && continue
  [[ "$name" =~ $OPS ]] || continue
  names+=("$name"); methods+=("$method"); uris+=("$uri"); bodies+=("${body:-}")
  setup "$i"
  code=$(send "$method" "$uri" "${body:-}" 99999999)
  [[ "$code" == 200 ]] || { echo "$name: status $code: $(cat "$OUT/last.body")"; exit 1; }
  mv "$OUT/last.body" "$OUT/$i.body"; mv "$OUT/last.head" "$OUT/$i.head"
  # A write's probe leaves nothing behind: v1.1 and v2 bills of the same
  # number (case-insensitive) would be duplicates of each other.
  if [[ -n "${body:-}" ]]; then reset; fi
  ct=$(awk 'tolower($1) == "content-type:" {sub(/^[^:]*: */, ""); sub(/\r$/, ""); print}' "$OUT/$i.head")
  # A template URI stays one: the bare server answers every URI it fills.
  printf '%s\t%s\t%s\t%s\n' "$method" "$uri" "$OUT/$i.body" "$ct" >> "$OUT/routes.txt"
  i=$((i + 1))
done < bench/ops.txt
reset
"$OUT/../bare" --addr "$BARE" --routes "$OUT/routes.txt" & pids+=($!); BARE_PID=$!
wait_up "$BARE/"

# cpu PID prints the CPU time PID has used, in clock ticks (user + system).
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

# run ADDR PID INDEX ROUND prints requests/s of operation INDEX against ADDR
# and the microseconds of CPU time the server (PID) spent per request.
run() {
  local url="http://$1${uris[$3]}" body=${bodies[$3]} out c0 c1
  c0=$(cpu "$2")
  if [[ -n "$body" ]]; then
    # The path is a template too: wrk gets the first one's.
    url="http://$1$(fill "${uris[$3]}" 99999999)"
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" -s bench/post.lua "$url" -- "$body" $(($4 * 10000000)) "${uris[$3]}")
  else
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" "$url")
  fi
  c1=$(cpu "$2")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$(grep 'Non-2xx' <<<"$out") from $url" >&2; fi
  awk -v t="$(( (c1 - c0) * TICK_US ))" '/requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.1f\n", r, (n > 0) ? t / n : 0}' <<<"$out"
}

echo "# capsim operations $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DUR, $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
  for j in "${!names[@]}"; do
    read -r b bu < <(run "$BARE" "$BARE_PID" "$j" "$r"); echo "$b" >> "$OUT/$j.bare"; echo "$bu" >> "$OUT/$j.bare_us"
    setup "$j"
    read -r c cu < <(run "$CAP" "$CAP_PID" "$j" "$r"); echo "$c" >> "$OUT/$j.capsim"; echo "$cu" >> "$OUT/$j.capsim_us"
    if [[ -n "${bodies[$j]}" ]]; then reset; fi
    printf 'round %d  %-22s bare %10s rps %7s us/req  capsim %10s rps %7s us/req\n' "$r" "${names[$j]}" "$b" "$bu" "$c" "$cu"
  done
done

echo
if [[ -s "$OUT/capsim.log" ]]; then
  echo "capsim logged $(wc -l < "$OUT/capsim.log") warnings (4xx/5xx answers): $OUT/capsim.log"
fi
printf '%-22s %10s %10s %6s %-6s %8s %8s %9s\n' operation bare_rps capsim_rps ratio ">=$TARGET" bare_us capsim_us cpu_ratio
for j in "${!names[@]}"; do
  b=$(median < "$OUT/$j.bare"); c=$(median < "$OUT/$j.capsim")
  bu=$(median < "$OUT/$j.bare_us"); cu=$(median < "$OUT/$j.capsim_us")
  awk -v n="${names[$j]}" -v b="$b" -v c="$c" -v bu="$bu" -v cu="$cu" -v t="$TARGET" 'BEGIN{
    r = (b > 0) ? c / b : 0
    printf "%-22s %10.0f %10.0f %6.2f %-6s %8.1f %8.1f %9.2f\n", n, b, c, r, (r >= t) ? "ok" : "BELOW", bu, cu, (cu > 0) ? bu / cu : 0 }'
done
