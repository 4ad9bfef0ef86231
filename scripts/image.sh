#!/usr/bin/env bash
# Assemble the Dockerfile's final stage with buildah from a binary built on
# this machine (for machines that cannot pull base images), then check the
# image: its configuration, its size, and that the binary inside runs.
#   scripts/image.sh [tag]
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-capsim:dev}
command -v buildah >/dev/null || { echo "buildah not found: apt-get install buildah"; exit 1; }
export BUILDAH_FORMAT=docker BUILDAH_ISOLATION=chroot STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=$(git describe --always --dirty 2>/dev/null || echo dev)" -o "$out/capsim" ./cmd/capsim
file "$out/capsim" 2>/dev/null | grep -q 'statically linked' || ldd "$out/capsim" 2>&1 | grep -q 'not a dynamic' || { echo "binary is not static"; exit 1; }

ctr=$(buildah from scratch)
buildah copy "$ctr" "$out/capsim" /capsim >/dev/null
mkdir -p "$out/data"
buildah copy --chown 65532:65532 "$ctr" "$out/data" /data >/dev/null
buildah config --workingdir /data --user 65532:65532 --port 8080 --env CAPSIM_ADDR=:8080 \
  --entrypoint '["/capsim"]' --cmd '' \
  --healthcheck 'CMD ["/capsim", "healthcheck"]' --healthcheck-interval 5s --healthcheck-timeout 3s \
  --healthcheck-start-period 2s --healthcheck-retries 3 "$ctr"
buildah commit --format docker "$ctr" "$TAG" >/dev/null

echo "== image $TAG"
buildah inspect --type image --format '{{.Docker.Config.User}} {{.Docker.Config.ExposedPorts}} {{.Docker.Config.Entrypoint}} {{.Docker.Config.Healthcheck.Test}}' "$TAG"
buildah images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep capsim || true

# Containers cannot run here; run the image's own binary from its root file system instead.
mnt=$(buildah mount "$ctr")
"$mnt/capsim" version
"$mnt/capsim" --addr 127.0.0.1:18099 --log-level warn & pid=$!
for _ in $(seq 1 100); do "$mnt/capsim" healthcheck --addr 127.0.0.1:18099 2>/dev/null && break; sleep 0.05; done
"$mnt/capsim" healthcheck --addr 127.0.0.1:18099 && echo "healthcheck: ok"
kill -TERM $pid; wait $pid && echo "SIGTERM: clean exit"
buildah umount "$ctr" >/dev/null
buildah rm "$ctr" >/dev/null
