package main

import (
	"runtime"
	"testing"
)

func TestTuneProcs(t *testing.T) {
	for _, tc := range []struct{ n, want int }{{0, 2}, {1, 2}, {2, 4}, {16, 32}} {
		if got := procsFor(tc.n); got != tc.want {
			t.Errorf("procsFor(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
	before := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(before)
	t.Setenv("GOMAXPROCS", "3") // the runtime read it at start; here it only says "set"
	tuneProcs()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("with GOMAXPROCS set, tuneProcs changed the Ps from %d to %d", before, got)
	}
}
