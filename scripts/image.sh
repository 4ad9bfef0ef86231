#!/usr/bin/env bash
# Assemble the Dockerfile's final stage with buildah from a binary built on
# this machine (for machines that cannot pull base images), check the image's
# configuration against what the Dockerfile declares, and run the image as a
# container would (its root file system, user, environment, entrypoint plus
# arguments, and the healthcheck command from its config). Fails on any
# difference.
#   scripts/image.sh [tag]
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-capsim:dev}
PORT=${CAPSIM_IMAGE_TEST_PORT:-18099}
command -v buildah >/dev/null || { echo "buildah not found: apt-get install buildah"; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found (it checks the image config)"; exit 1; }
export BUILDAH_FORMAT=docker BUILDAH_ISOLATION=chroot STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}

out=$(mktemp -d)
ctr=
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$ctr" ]; then buildah umount "$ctr" >/dev/null 2>&1 || true; buildah rm "$ctr" >/dev/null 2>&1 || true; fi
  rm -rf "$out"
}
trap cleanup EXIT

CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=$(git describe --always --dirty 2>/dev/null || echo dev)" -o "$out/capsim" ./cmd/capsim
file "$out/capsim" 2>/dev/null | grep -q 'statically linked' || ldd "$out/capsim" 2>&1 | grep -q 'not a dynamic' || { echo "binary is not static"; exit 1; }

ctr=$(buildah from scratch)
buildah copy "$ctr" "$out/capsim" /capsim >/dev/null
mkdir -p "$out/data" "$out/tmp"
buildah copy --chown 65532:65532 "$ctr" "$out/data" /data >/dev/null
buildah copy --chown 65532:65532 "$ctr" "$out/tmp" /tmp >/dev/null
# buildah takes the healthcheck as "CMD arg arg" and splits it on spaces: the
# Dockerfile's JSON form would become ["CMD", "[/capsim,", "healthcheck]"].
buildah config --workingdir /data --user 65532:65532 --port 8080/tcp --env CAPSIM_ADDR_FILE=/tmp/capsim.addr \
  --entrypoint '["/capsim"]' --cmd '' \
  --healthcheck 'CMD /capsim healthcheck' --healthcheck-interval 5s --healthcheck-timeout 3s \
  --healthcheck-start-period 2s --healthcheck-retries 3 "$ctr"
buildah commit -q --format docker "$ctr" "$TAG" >/dev/null

# check_config reads `buildah inspect --type image` JSON on stdin and prints
# every way its config differs from the Dockerfile's; exit 1 if any.
check_config() {
  python3 -c '
import json, sys
c = json.load(sys.stdin)["Docker"]["config"]
want = {
    "Entrypoint": ["/capsim"],
    "Cmd": None,
    "User": "65532:65532",
    "WorkingDir": "/data",
    "ExposedPorts": {"8080/tcp": {}},
    "Healthcheck": {"Test": ["CMD", "/capsim", "healthcheck"], "Interval": 5 * 10**9,
                    "Timeout": 3 * 10**9, "StartPeriod": 2 * 10**9, "Retries": 3},
}
bad = []
for k, v in want.items():
    got = c.get(k) or None
    if k == "Cmd" and got == []:
        got = None
    if got != v:
        bad.append("%s: %s, want %s" % (k, json.dumps(got), json.dumps(v)))
env = c.get("Env") or []
if "CAPSIM_ADDR_FILE=/tmp/capsim.addr" not in env:
    bad.append("Env %s lacks CAPSIM_ADDR_FILE=/tmp/capsim.addr" % json.dumps(env))
for b in bad:
    print("image config: " + b)
sys.exit(1 if bad else 0)
'
}

echo "== image $TAG"
config=$(buildah inspect --type image "$TAG")
check_config <<<"$config" || { echo "FAIL: the image config is wrong"; exit 1; }
# The check must catch what it is for: the healthcheck as buildah splits the JSON form.
broken=$(python3 -c 'import json,sys; d=json.load(sys.stdin); d["Docker"]["config"]["Healthcheck"]["Test"]=["CMD","[/capsim,","healthcheck]"]; print(json.dumps(d))' <<<"$config")
if check_config <<<"$broken" >/dev/null; then echo "FAIL: check_config passes a split healthcheck"; exit 1; fi
echo "config: ok (entrypoint, cmd, user, workdir, port, healthcheck, env)"
buildah images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep capsim || true

# Run it as a container would, from the image's root file system (chroot) as
# its user, with its environment and entrypoint, and --addr given as container
# arguments; the healthcheck is the command in the config, without --addr.
mnt=$(buildah mount "$ctr")
mapfile -t envs < <(python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["Docker"]["config"].get("Env") or []))' <<<"$config")
mapfile -t entry < <(python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["Docker"]["config"]["Entrypoint"]))' <<<"$config")
mapfile -t hc < <(python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["Docker"]["config"]["Healthcheck"]["Test"][1:]))' <<<"$config")
user=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["Docker"]["config"]["User"])' <<<"$config")
chroot=$(command -v chroot)
in_image() { env -i "${envs[@]}" "$chroot" --userspec="$user" "$mnt" "$@"; }

in_image "${entry[@]}" version
# Not through in_image: $! must be the server itself (env and chroot exec it).
env -i "${envs[@]}" "$chroot" --userspec="$user" "$mnt" "${entry[@]}" --addr "127.0.0.1:$PORT" --log-level warn & pid=$!
ok=
for _ in $(seq 1 100); do
  if in_image "${hc[@]}" 2>/dev/null; then ok=1; break; fi
  sleep 0.05
done
[ -n "$ok" ] || { echo "FAIL: the image's healthcheck (${hc[*]}) never passed with --addr 127.0.0.1:$PORT as arguments"; exit 1; }
echo "healthcheck: ok (${hc[*]} found the server at 127.0.0.1:$PORT through $(printf '%s\n' "${envs[@]}" | grep ADDR_FILE))"
kill -TERM "$pid"
if wait "$pid"; then echo "SIGTERM: clean exit (0)"; else echo "FAIL: exit $? after SIGTERM"; exit 1; fi
pid=
[ ! -e "$mnt/tmp/capsim.addr" ] || { echo "FAIL: the address file outlived the server"; exit 1; }
if in_image "${hc[@]}" 2>/dev/null; then echo "FAIL: the healthcheck passes with no server"; exit 1; fi
echo "healthcheck after stop: fails, as it should"
