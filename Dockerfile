# syntax=docker/dockerfile:1
# Build: a static binary with the spec, fixtures and scenarios embedded.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/capsim ./cmd/capsim \
 && mkdir -p /out/data /out/tmp

# Run: nothing but the binary, as an unprivileged user.
FROM scratch
COPY --from=build /out/capsim /capsim
# /data is where a file store goes (--db /data/capsim.db), owned by the user
# that runs capsim so a named volume mounted there is writable.
COPY --from=build --chown=65532:65532 /out/data /data
# /tmp holds the address file: the server writes where it listens, so the
# healthcheck finds it even when --addr is given as container arguments.
COPY --from=build --chown=65532:65532 /out/tmp /tmp
WORKDIR /data
USER 65532:65532
EXPOSE 8080
ENV CAPSIM_ADDR_FILE=/tmp/capsim.addr
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=3 CMD ["/capsim", "healthcheck"]
ENTRYPOINT ["/capsim"]
