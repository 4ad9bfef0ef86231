package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The collector runs rarely (GOGC=400, see tuneGC) for throughput, which
// lets the heap grow to five times what is live: with a base of 100,000
// customers, hundreds of MiB of garbage from heavy admin answers before a
// collection. The memory governor gives the runtime a soft memory limit
// that follows the live heap: the memory that is not heap objects, plus
// the live heap, plus headroom (as much again as the live heap, at least
// minHeadroom), and never below memoryFloor. Collections stay rare while
// the heap is far from it and come sooner as it nears, so the process's
// memory stays within twice its live data whatever the traffic; live data that
// grows (namespaces, the journal filling) raises the limit with itself
// within a governorPeriod, so the collector never thrashes. GOMEMLIMIT,
// if set, decides instead. The floor keeps GOGC=400's rhythm for the
// default data (a lower one, or a quarter of the live heap as headroom,
// made v2 registrations spend 10-25% more CPU on collecting).
const (
	memoryFloor     = 512 << 20
	minHeadroom     = 64 << 20
	headroomPerLive = 1
	governorPeriod  = time.Second
)

// memorySamples are the runtime metrics the governor reads.
var memorySamples = []string{
	"/gc/heap/live:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
}

// memoryLimit is the limit for the samples' values, in memorySamples' order.
func memoryLimit(v []uint64) int64 {
	live, total, objects, unused, free, released := v[0], v[1], v[2], v[3], v[4], v[5]
	heap := objects + unused + free + released
	others := uint64(0)
	if total > heap {
		others = total - heap
	}
	return max(memoryFloor, int64(others+live+max(headroomPerLive*live, minHeadroom)))
}

// governMemory runs first (a collection that frees start-up's garbage),
// then sets the limit, and again every governorPeriod until stop is
// called, in a goroutine of its own. With GOMEMLIMIT set it runs first only.
func governMemory(first func()) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		go first()
		return func() {}
	}
	samples := make([]metrics.Sample, len(memorySamples))
	for i, name := range memorySamples {
		samples[i].Name = name
	}
	values := make([]uint64, len(samples))
	set := func() {
		metrics.Read(samples)
		for i, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				values[i] = s.Value.Uint64()
			}
		}
		debug.SetMemoryLimit(memoryLimit(values))
	}
	done := make(chan struct{})
	go func() {
		first()
		set()
		t := time.NewTicker(governorPeriod)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				set()
			}
		}
	}()
	return func() { close(done) }
}
