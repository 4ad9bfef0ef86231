#!/usr/bin/env bash
# Load test of every operation in bench/ops.txt: capsim (request and response
# validation on) against a bare net/http server that reads the request body
# and writes the bytes capsim answered that request with, over HTTP with wrk.
# Rounds are interleaved (per operation: bare, capsim; then the next
# operation; then the next round), so the machine's noise falls on both alike.
# It prints each run, then a table: medians, the ratio capsim/bare and whether
# it meets the target (>= 0.50).
#
# A write (a line with a body) sends a new body each time (bench/post.lua
# fills the counter), so every request registers a new customer; the
# default namespace is reset after each write run so that rounds start alike.
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
rm -rf "$OUT"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk"; exit 1; }

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
wait_up() { for _ in $(seq 1 500); do curl -s -o /dev/null "http://$1" && return 0; sleep 0.01; done; echo "server $1 did not start"; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
reset() { curl -fs -XPOST "http://$CAP/__admin/reset" -o /dev/null; }

"$OUT/../capsim" --addr "$CAP" --log-level warn & pids+=($!)
wait_up "$CAP/__admin/health"

# The operations: names, methods, URIs, body templates; and the bare
# server's routes, from capsim's own answer to each request.
names=(); methods=(); uris=(); bodies=()
: > "$OUT/routes.txt"
i=0
while IFS=$'\t' read -r name method uri body; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ "$name" =~ $OPS ]] || continue
  names+=("$name"); methods+=("$method"); uris+=("$uri"); bodies+=("${body:-}")
  args=(-s -H "$AUTH" -X "$method" -D "$OUT/$i.head" -o "$OUT/$i.body" -w '%{http_code}')
  # shellcheck disable=SC2059 # the body is a printf template
  [[ -n "${body:-}" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$(printf "$body" 99999999)")
  code=$(curl "${args[@]}" "http://$CAP$uri")
  [[ "$code" == 200 ]] || { echo "$name: status $code: $(cat "$OUT/$i.body")"; exit 1; }
  ct=$(awk 'tolower($1) == "content-type:" {sub(/^[^:]*: */, ""); sub(/\r$/, ""); print}' "$OUT/$i.head")
  printf '%s\t%s\t%s\t%s\n' "$method" "$uri" "$OUT/$i.body" "$ct" >> "$OUT/routes.txt"
  i=$((i + 1))
done < bench/ops.txt
reset
"$OUT/../bare" --addr "$BARE" --routes "$OUT/routes.txt" & pids+=($!)
wait_up "$BARE/"

# run ADDR INDEX ROUND prints requests/s of operation INDEX against ADDR.
run() {
  local url="http://$1${uris[$2]}" body=${bodies[$2]} out
  if [[ -n "$body" ]]; then
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" -s bench/post.lua "$url" -- "$body" $(($3 * 10000000)))
  else
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DUR" -H "$AUTH" "$url")
  fi
  if grep -q 'Non-2xx' <<<"$out"; then echo "$(grep 'Non-2xx' <<<"$out") from $url" >&2; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "# capsim operations $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DUR, $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
  for j in "${!names[@]}"; do
    b=$(run "$BARE" "$j" "$r"); echo "$b" >> "$OUT/$j.bare"
    c=$(run "$CAP" "$j" "$r"); echo "$c" >> "$OUT/$j.capsim"
    [[ -n "${bodies[$j]}" ]] && reset
    printf 'round %d  %-22s bare %10s  capsim %10s\n' "$r" "${names[$j]}" "$b" "$c"
  done
done

echo
printf '%-22s %12s %12s %7s  %s\n' operation bare_rps capsim_rps ratio "target >= $TARGET"
for j in "${!names[@]}"; do
  b=$(median < "$OUT/$j.bare"); c=$(median < "$OUT/$j.capsim")
  awk -v n="${names[$j]}" -v b="$b" -v c="$c" -v t="$TARGET" 'BEGIN{
    r = (b > 0) ? c / b : 0
    printf "%-22s %12.0f %12.0f %7.2f  %s\n", n, b, c, r, (r >= t) ? "ok" : "BELOW" }'
done
