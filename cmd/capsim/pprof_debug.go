//go:build pprof

package main

// Built with -tags pprof, capsim serves net/http/pprof on the address in
// CAPSIM_PPROF (127.0.0.1:6060 if unset), for profiling under load:
//
//	go build -tags pprof -o /tmp/capsim ./cmd/capsim
//	go tool pprof -seconds 10 http://127.0.0.1:6060/debug/pprof/profile
//
// It is a developer's tool: release builds do not have it.

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	addr := os.Getenv("CAPSIM_PPROF")
	if addr == "" {
		addr = "127.0.0.1:6060"
	}
	go func() { log.Println(http.ListenAndServe(addr, nil)) }()
}
