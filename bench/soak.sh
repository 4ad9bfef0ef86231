#!/usr/bin/env bash
# Soak test: capsim on 127.0.0.1 under hostile inputs (distinct credentials,
# huge URLs and bodies, thousands of namespace names), bounded in count and
# time; prints capsim's RSS before and after each phase and fails when it
# ends above the bound or a hostile input is not answered with a clear 4xx
# in the API's envelope.
#   bench/soak.sh [bound MiB] [scale]     (defaults: 600, 1)
# Extra capsim flags go in CAPSIM_FLAGS, e.g. CAPSIM_FLAGS="--journal-bytes 16777216";
# CAPSIM_BIN=path soaks that binary instead of a build of this tree (to compare builds).
set -euo pipefail
cd "$(dirname "$0")/.."
BOUND=${1:-600}
SCALE=${2:-1}
ADDR=127.0.0.1:18190
OUT=bench/out
mkdir -p "$OUT"
[ -n "${CAPSIM_BIN:-}" ] && cp "$CAPSIM_BIN" "$OUT/capsim" || go build -o "$OUT/capsim" ./cmd/capsim
go build -o "$OUT/soak" ./bench/soak
if curl -s -o /dev/null "http://$ADDR/"; then echo "$ADDR is in use: stop what listens there"; exit 1; fi
# shellcheck disable=SC2086
"$OUT/capsim" --addr "$ADDR" --log-level warn --log-requests=false ${CAPSIM_FLAGS:-} &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 500); do curl -fs "http://$ADDR/__admin/health" -o /dev/null && break; sleep 0.01; done
awk '/VmRSS/ {print "capsim rss_mib_at_start", $2/1024}' "/proc/$pid/status"
"$OUT/soak" --addr "$ADDR" --pid "$pid" --bound-mib "$BOUND" --scale "$SCALE"
