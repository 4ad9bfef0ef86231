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
		{"the floor holds GOGC's rhythm for default data", [6]uint64{80, 200, 110, 10, 20, 40}, memoryFloor},
		{"as much again as a big live heap, plus the rest", [6]uint64{800, 1200, 900, 50, 50, 100}, (100 + 800 + 800) * mib},
		{"garbage does not raise it", [6]uint64{400, 1500, 1300, 50, 50, 0}, (100 + 400 + 400) * mib},
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
