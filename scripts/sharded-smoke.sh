#!/usr/bin/env bash
# Sharded smoke test: nginx with deploy/nginx/capsim.conf in front of three
# capsim replicas, everything on 127.0.0.1. It proves that
#   1. each namespace's writes are read back through the proxy,
#   2. namespaces spread over the replicas, and admin calls that name a
#      namespace reach that namespace's replica,
#   3. restarting one replica loses only its own namespaces (in memory), and
#      none with --db,
# then prints the throughput of the sharded set against one replica (hey,
# bounded in time). It exits non-zero on the first failure and stops what
# it started. Needs nginx and hey: Debian's packages are installed if
# missing (as root).
#   scripts/sharded-smoke.sh            # DURATION=5s CONNS=16 NAMESPACES=24 to change the load
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5s}
CONNS=${CONNS:-16}
NAMESPACES=${NAMESPACES:-24}
PROXY_PORT=${PROXY_PORT:-18480}
PORTS=(18481 18482 18483)

fail() { echo "FAIL: $*" >&2; exit 1; }
need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  [ "$(id -u)" = 0 ] || fail "$1 not found: apt-get install $2"
  echo "# installing $2"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || fail "apt-get install $2 failed"
}
need nginx nginx-light
need hey hey
NGINX=$(command -v nginx)

TMP=$(mktemp -d)
chmod 755 "$TMP" # nginx's workers (nobody) reach their temp paths through it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in nginx nginx-one; do
    [ -f "$TMP/$d/nginx.pid" ] && kill "$(cat "$TMP/$d/nginx.pid")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

for p in "$PROXY_PORT" $((PROXY_PORT + 10)) "${PORTS[@]}"; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then fail "127.0.0.1:$p is in use: stop what listens there or set PROXY_PORT"; fi
done

go build -o "$TMP/capsim" ./cmd/capsim
AUTH="Authorization: Basic $(printf 'cm.1:%s' "$(printf cm123 | md5sum | cut -d' ' -f1)" | base64 -w0)"
PROXY="http://127.0.0.1:$PROXY_PORT"

# start_replica I [FLAGS...]: capsim replica I on 127.0.0.1:PORTS[I].
replica_pid=()
start_replica() {
  local i=$1; shift
  "$TMP/capsim" --addr "127.0.0.1:${PORTS[$i]}" --log-level warn --log-requests=false "$@" >>"$TMP/replica$i.log" 2>&1 &
  replica_pid[$i]=$!
  pids+=($!)
  for _ in $(seq 1 500); do
    curl -fs -o /dev/null "http://127.0.0.1:${PORTS[$i]}/__admin/health" && return 0
    sleep 0.01
  done
  cat "$TMP/replica$i.log" >&2
  fail "replica $i did not start"
}
stop_replica() {
  kill "${replica_pid[$1]}"
  wait "${replica_pid[$1]}" 2>/dev/null || true
}

# nginx_conf DIR PORT REPLICA...: capsim.conf with the replicas on loopback
# ports and a loopback listener, in an nginx.conf of its own under DIR.
nginx_conf() {
  local dir=$1 port=$2 servers="" p
  shift 2
  mkdir -p "$dir"
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=3 fail_timeout=10s;\n"; done
  awk -v servers="$servers" '
    /# replicas begin/ { print; printf "%s", servers; skip = 1; next }
    /# replicas end/   { skip = 0 }
    skip { next }
    { print }' deploy/nginx/capsim.conf |
    sed -e "s|^    listen 8080;|    listen 127.0.0.1:$port;|" >"$dir/capsim.conf"
  sed -e "s|/tmp/|$dir/|g" -e "s|/etc/nginx/capsim/|$dir/|" -e "s|^pid .*|pid $dir/nginx.pid;|" \
    -e "s|^error_log .*|error_log $dir/error.log warn;|" -e 's|^worker_processes auto;|worker_processes 2;|' \
    deploy/nginx/nginx.conf >"$dir/nginx.conf"
  "$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" || fail "nginx -t refused the configuration"
}
nginx_conf "$TMP/nginx" "$PROXY_PORT" "${PORTS[@]}"
ONE_PROXY_PORT=$((PROXY_PORT + 10))
nginx_conf "$TMP/nginx-one" "$ONE_PROXY_PORT" "${PORTS[0]}"

start_proxy() { # start_proxy DIR PORT
  "$NGINX" -p "$1" -c "$1/nginx.conf" || fail "nginx did not start"
  for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$2/__nginx/health" && return 0; sleep 0.01; done
  fail "nginx did not answer"
}

ns_name() { printf 'team-%02d' "$1"; }
mobile_of() { printf '9198%08d' "$1"; }

# write_one N: register namespace N's customer through the proxy.
write_one() {
  local ns body
  ns=$(ns_name "$1")
  body=$(curl -s -XPOST "$PROXY/v2/customers?source=INSTORE" -H "$AUTH" -H "X-Capsim-Namespace: $ns" \
    -H 'Content-Type: application/json' \
    -d "{\"loyaltyInfo\":{\"loyaltyType\":\"loyalty\"},\"profiles\":[{\"firstName\":\"Shard\",\"identifiers\":[{\"type\":\"mobile\",\"value\":\"$(mobile_of "$1")\"}]}]}")
  case $body in *'"createdId"'*) ;; *) fail "register in $ns: $body" ;; esac
}
write_all() { for n in $(seq 1 "$NAMESPACES"); do write_one "$n"; done; }

# found N: 0 if namespace N's customer is read back through the proxy.
found() {
  local body
  body=$(curl -s "$PROXY/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=$(mobile_of "$1")" \
    -H "$AUTH" -H "X-Capsim-Namespace: $(ns_name "$1")")
  case $body in *'"entity"'*) return 0 ;; esac
  return 1
}

# replica_of N: the index of the replica that holds namespace N, asked of
# each replica directly.
replica_of() {
  local ns; ns=$(ns_name "$1")
  for i in 0 1 2; do
    if curl -s "http://127.0.0.1:${PORTS[$i]}/__admin/namespaces" | grep -q "\"name\":\"$ns\""; then echo "$i"; return; fi
  done
  echo "-"
}

# check_restart LABEL WANT_LOST: restart replica 1, then every namespace must
# be found, except those of replica 1 when WANT_LOST is yes.
check_restart() {
  local label=$1 want_lost=$2 lost=0 kept=0
  shift 2
  declare -a owner
  for n in $(seq 1 "$NAMESPACES"); do owner[$n]=$(replica_of "$n"); done
  stop_replica 1
  start_replica 1 "$@"
  for n in $(seq 1 "$NAMESPACES"); do
    if found "$n"; then
      kept=$((kept + 1))
      [ "${owner[$n]}" = 1 ] && [ "$want_lost" = yes ] && fail "$label: $(ns_name "$n") of the restarted replica kept its customer"
    else
      lost=$((lost + 1))
      [ "${owner[$n]}" != 1 ] && fail "$label: $(ns_name "$n") on replica ${owner[$n]} lost its customer"
      [ "$want_lost" = no ] && fail "$label: $(ns_name "$n") lost its customer across the restart"
    fi
  done
  echo "ok   $label: restarting replica 1 lost $lost namespace(s), kept $kept"
}

echo "# capsim sharded smoke test $(date -u +%FT%TZ) on $(nproc) cores, $("$NGINX" -v 2>&1 | sed 's|.*/||'), $NAMESPACES namespaces"
for i in 0 1 2; do start_replica "$i"; done
start_proxy "$TMP/nginx" "$PROXY_PORT"

# 1. writes are read back through the proxy
write_all
for n in $(seq 1 "$NAMESPACES"); do found "$n" || fail "$(ns_name "$n"): customer not read back through the proxy"; done
echo "ok   $NAMESPACES namespaces: each one's write read back through the proxy"

# 2. spread over the replicas; the proxy's choice is the replica that holds it
declare -a count=(0 0 0)
for n in $(seq 1 "$NAMESPACES"); do
  r=$(replica_of "$n")
  [ "$r" = - ] && fail "$(ns_name "$n") is on no replica"
  count[$r]=$((count[$r] + 1))
  up=$(curl -s -o /dev/null -D - "$PROXY/__admin/clock?namespace=$(ns_name "$n")" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-capsim-upstream" {print $2}')
  [ "$up" = "127.0.0.1:${PORTS[$r]}" ] || fail "admin call for $(ns_name "$n") reached $up, not replica $r"
done
for i in 0 1 2; do [ "${count[$i]}" -gt 0 ] || fail "replica $i holds no namespace: ${count[*]}"; done
echo "ok   spread over the replicas: ${count[0]} / ${count[1]} / ${count[2]}; admin calls with ?namespace= reach the namespace's replica"
# DELETE /__admin/namespaces/NAME answers 404 on any replica but the namespace's own.
code=$(curl -s -o /dev/null -w '%{http_code}' -XDELETE "$PROXY/__admin/namespaces/$(ns_name 1)")
[ "$code" = 200 ] || fail "DELETE /__admin/namespaces/$(ns_name 1) through the proxy: $code"
found 1 && fail "$(ns_name 1) still has its customer after DELETE"
nohdr=$(curl -s -o /dev/null -D - "$PROXY/__admin/health" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-capsim-upstream" {print $2}')
defhdr=$(curl -s -o /dev/null -D - -H 'X-Capsim-Namespace: default' "$PROXY/__admin/health" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-capsim-upstream" {print $2}')
[ "$nohdr" = "$defhdr" ] || fail "no header reached $nohdr, the default namespace's header $defhdr"
echo "ok   DELETE /__admin/namespaces/NAME reaches its replica; requests without the header go to the default namespace's ($nohdr)"
write_one 1

# 3. restarts: in memory, then with --db
check_restart "in memory" yes
for i in 0 1 2; do stop_replica "$i"; done
for i in 0 1 2; do start_replica "$i" --db "$TMP/replica$i.db"; done
write_all
check_restart "with --db" no --db "$TMP/replica1.db"

# 4. throughput: one replica directly, the same behind nginx, then the
# sharded set behind nginx, the same load: one hey per replica's namespace, run together.
declare -a pick
for n in $(seq 1 "$NAMESPACES"); do
  r=$(replica_of "$n")
  [ -z "${pick[$r]:-}" ] && pick[$r]=$(ns_name "$n")
done
target="/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp"
load() { # load BASE: total requests per second of three hey runs at once
  local out=() total=0
  for i in 0 1 2; do
    hey -z "$DURATION" -c "$CONNS" -H "$AUTH" -H "X-Capsim-Namespace: ${pick[$i]}" "$1$target" >"$TMP/hey$i.txt" &
    out+=($!)
  done
  for p in "${out[@]}"; do wait "$p"; done
  for i in 0 1 2; do
    grep -q '\[200\]' "$TMP/hey$i.txt" || { cat "$TMP/hey$i.txt" >&2; fail "load on $1: no 200 answers"; }
    if grep -q '^  \[[013-9][0-9]*\]' "$TMP/hey$i.txt"; then cat "$TMP/hey$i.txt" >&2; fail "load on $1: answers other than 200"; fi
    total=$(awk -v t="$total" '/Requests\/sec/ {printf "%.0f", t + $2}' "$TMP/hey$i.txt")
  done
  echo "$total"
}
start_proxy "$TMP/nginx-one" "$ONE_PROXY_PORT"
one=$(load "http://127.0.0.1:${PORTS[0]}")
one_proxied=$(load "http://127.0.0.1:$ONE_PROXY_PORT")
sharded=$(load "$PROXY")
echo "throughput (GET /v2/customers/17742, 3 x hey -c $CONNS -z $DURATION, req/s): one replica $one;" \
  "one replica behind nginx $one_proxied; 3 replicas behind nginx $sharded"
rss=""
for i in 0 1 2; do rss+=" $(awk '/VmRSS/ {print $2}' "/proc/${replica_pid[$i]}/status") kB"; done
echo "resident memory of the replicas after the load:$rss"
echo "PASS"
