#!/usr/bin/env bash
# Every speed figure of issue 18 in one run, against its goal: it runs
# bench/load.sh (the cached GET with and without the access log, and the
# start to the first healthy answer), bench/ops.sh (every operation's ratio
# to bare net/http: the slowest read, and each write), bench/scale.sh
# (a --customers 100000 start and its memory) and bench/suite.sh (the
# README's test command), one after the other, keeps each script's own
# output in bench/out/speed/, and ends with one table: measure, figure,
# goal, met. Figures of one run only compare with each other: the machine's
# speed moves them all (docs/testing-and-performance.md, "Measured
# figures").
#   bench/speed.sh [ops duration per run] [rounds]      (default: 3s 3)
#   TABLE_ONLY=1 bench/speed.sh      the table again, from the outputs kept
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-3s}
ROUNDS=${2:-3}
OUT=bench/out/speed
mkdir -p "$OUT"
echo "# capsim speed $(date -u +%FT%TZ) on $(nproc) cores, $(go version | cut -d' ' -f3), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
step() { echo "-- $1"; shift; "$@" >"$OUT/$name.txt" 2>&1 || { cat "$OUT/$name.txt"; exit 1; }; }
if [[ -z "${TABLE_ONLY:-}" ]]; then
  name=load step "bench/load.sh (cached GET, start-up)" bench/load.sh 5s 32 "$ROUNDS"
  name=ops step "bench/ops.sh (every operation)" bench/ops.sh "$DUR" 32 "$ROUNDS"
  name=scale step "bench/scale.sh 100000" bench/scale.sh 100000
  name=suite step "bench/suite.sh (the test command)" bench/suite.sh "$ROUNDS"
fi

# field FILE REGEX N prints field N of the first line of FILE matching REGEX.
field() { awk -v n="$3" "/$2/ {print \$n; exit}" "$OUT/$1.txt"; }
# op NAME prints the ratio capsim/bare of operation NAME in ops.sh's table.
op() { awk -v n="$1" 'index($0, n" ") == 1 && NF >= 8 && $(NF-3) ~ /^(ok|BELOW)$/ {
  rest = substr($0, length(n) + 1); if (rest ~ /^ +[0-9]/) {print $(NF-4); exit} }' "$OUT/ops.txt"; }
writes='v2 registerCustomer|v1.1 add|v1.1 points/redeem|v1.1 transaction/add|v2 addTransaction|v2 addTransaction one customer'
slowest_read=$(awk -v w="$writes" 'BEGIN {split(w, ws, "|"); for (i in ws) skip[ws[i]] = 1}
  NF >= 8 && $(NF-3) ~ /^(ok|BELOW)$/ { name = $1; for (i = 2; i <= NF-7; i++) name = name " " $i
    if (!(name in skip) && (min == "" || $(NF-4) < min)) {min = $(NF-4); which = name} }
  END {print min, which}' "$OUT/ops.txt")
log_cost=$(sed -n 's/.*the log costs \([0-9-]*\)%.*/\1/p' "$OUT/load.txt")
suite_s=$(awk '/^suite_s/ {print $2}' "$OUT/suite.txt" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')

echo
printf '%-50s %10s %10s  %s\n' measure figure goal met
row() { awk -v m="$1" -v f="$2" -v op="$3" -v g="$4" 'BEGIN {
  ok = (f == "") ? "?" : ((op == ">=") ? (f + 0 >= g + 0) : (f + 0 <= g + 0)) ? "yes" : "NO"
  printf "%-50s %10s %7s %-3s %s\n", m, (f == "") ? "-" : f, op, g, ok }'; }
row "GET v2 customer, default flags (x bare)" "$(sed -n 's/^ratio_default_flags_access_log \([0-9.]*\).*/\1/p' "$OUT/load.txt")" ">=" 0.8
row "the access log's cost (%)" "$log_cost" "<=" 5
row "start to first healthy answer (ms)" "$(field load '^startup_ms_to_healthy' 2)" "<=" 60
row "v2 register (x bare)" "$(op 'v2 registerCustomer')" ">=" 0.4
row "v1.1 customer/add (x bare)" "$(op 'v1.1 add')" ">=" 0.3
row "v1.1 points/redeem (x bare)" "$(op 'v1.1 points/redeem')" ">=" 0.3
row "v1.1 transaction/add (x bare)" "$(op 'v1.1 transaction/add')" ">=" 0.3
row "v2 addTransaction (x bare)" "$(op 'v2 addTransaction')" ">=" 0.3
row "v2 addTransaction one customer (x bare)" "$(op 'v2 addTransaction one customer')" ">=" 0.3
row "slowest read: ${slowest_read#* } (x bare)" "${slowest_read%% *}" ">=" 0.5
row "--customers 100000: start (s)" "$(field scale '^start_s' 2)" "<=" 3
row "--customers 100000: peak RSS (MiB)" "$(sed -n 's/^rss_mib_end [0-9]* (peak \([0-9]*\)).*/\1/p' "$OUT/scale.txt")" "<=" 600
row "go test -count=1 ./... (s, median)" "$suite_s" "<=" 10
echo "(each script's own output: $OUT/)"
