package main

import "testing"

func TestMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name string
		// live, total, objects, unused, free, released (MiB)
		v    [6]uint64
		want int64
	}{
		{"a small heap gets the floor", [6]uint64{8, 131, 8, 4, 10, 109}, memoryFloor},
		{"headroom of at least 64 MiB over the live heap and the rest", [6]uint64{60, 200, 90, 10, 20, 40}, (40 + 60 + 64) * mib},
		{"as much again as a big live heap", [6]uint64{800, 1200, 900, 50, 50, 100}, (100 + 800 + 800) * mib},
		{"garbage does not raise it", [6]uint64{60, 400, 290, 10, 20, 40}, (40 + 60 + 64) * mib},
	} {
		v := make([]uint64, 6)
		for i, x := range tc.v {
			v[i] = x * mib
		}
		if got := memoryLimit(v); got != tc.want {
			t.Errorf("%s: memoryLimit = %d MiB, want %d MiB", tc.name, got/mib, tc.want/mib)
		}
	}
}
