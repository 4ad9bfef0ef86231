//go:build pprof

package main

// Built with -tags pprof, capsim serves net/http/pprof on the address in
// CAPSIM_PPROF (127.0.0.1:6060 if unset), for profiling under load:
//
//	go build -tags pprof -o /tmp/capsim ./cmd/capsim
//	go tool pprof -seconds 10 http://127.0.0.1:6060/debug/pprof/profile
//
// CAPSIM_CPUPROFILE names a file to write a CPU profile of the start-up
// to: from the process's start for CAPSIM_CPUPROFILE_FOR (a duration, 5s
// if unset), which profiling a start-up needs, as no request can start it
// early enough:
//
//	CAPSIM_CPUPROFILE=/tmp/start.prof /tmp/capsim --customers 100000
//	go tool pprof -top /tmp/capsim /tmp/start.prof
//
// CAPSIM_CONTENTION=1 also records where goroutines wait on locks and
// channels (the mutex and block profiles, every event):
//
//	go tool pprof -top http://127.0.0.1:6060/debug/pprof/mutex
//
// It is a developer's tool: release builds do not have it.

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

func init() {
	addr := os.Getenv("CAPSIM_PPROF")
	if addr == "" {
		addr = "127.0.0.1:6060"
	}
	if os.Getenv("CAPSIM_CONTENTION") != "" {
		runtime.SetMutexProfileFraction(1)
		runtime.SetBlockProfileRate(1)
	}
	go func() { log.Println(http.ListenAndServe(addr, nil)) }()
	if path := os.Getenv("CAPSIM_CPUPROFILE"); path != "" {
		startupProfile(path, os.Getenv("CAPSIM_CPUPROFILE_FOR"))
	}
}

func startupProfile(path, dur string) {
	d, err := time.ParseDuration(dur)
	if err != nil {
		d = 5 * time.Second
	}
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	time.AfterFunc(d, func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			log.Println(err)
		}
		log.Printf("CPU profile of the first %s written to %s", d, path)
	})
}
