#!/usr/bin/env bash
# Suite figures (issue 18): the wall time of the README's test command,
# `go test -count=1 ./...`, over ROUNDS runs (default 3), and where it goes:
#   floor_s        `go test -count=1 -run '^$' ./...`: loading, vet, linking the
#                  test binaries and starting them, no test run (go test links
#                  every test binary again on every run: that cost is fixed)
#   suite_s        the whole command, per round, with the load average
#   package table  each package's own time (go test -json "Elapsed"), mean and
#                  worst of the rounds, slowest first: the go command runs two
#                  packages (or links) at a time on 2 cores, so a package that
#                  waits holds one of them as much as one that computes
# against the target: suite_s <= 10 on a 2-core machine. Only compare figures
# of one run of this script: other work on the machine moves them all.
#   bench/suite.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
rounds=${1:-3}
rm -f "$OUT"/suite-*.json
echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(go version | cut -d' ' -f3)"
go test -count=1 -run '^$' ./... >/dev/null # compile what changed: not part of the figures
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b-a)/1e9}'; }
t0=$(date +%s%N)
go test -count=1 -run '^$' ./... >/dev/null
echo "floor_s $(secs "$t0" "$(date +%s%N)") (load $(cut -d' ' -f1 /proc/loadavg))"
for r in $(seq 1 "$rounds"); do
  t0=$(date +%s%N)
  status=ok
  go test -count=1 -json ./... >"$OUT/suite-$r.json" 2>&1 || status=FAILED
  echo "suite_s $(secs "$t0" "$(date +%s%N)") round $r $status (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "# package: mean_s worst_s over $rounds rounds"
# A package's own line of go test -json: its Action, Package and Elapsed, no Test.
cat "$OUT"/suite-*.json |
  awk '/"Action":"(pass|fail)"/ && !/"Test":/ && /"Elapsed":/ {
         match($0, /"Package":"[^"]*"/); p = substr($0, RSTART + 11, RLENGTH - 12)
         match($0, /"Elapsed":[0-9.]+/); e = substr($0, RSTART + 10, RLENGTH - 10) + 0
         sub("github.com/capsim/capsim/", "", p); s[p] += e; if (e > w[p]) w[p] = e; n[p]++ }
       END {for (p in s) if (s[p] / n[p] >= 0.05) printf "%-28s %5.2f %5.2f\n", p, s[p] / n[p], w[p]}' |
  sort -k2 -rn
rm -f "$OUT"/suite-*.json
