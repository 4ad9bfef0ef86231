package v11

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// TestNumberKey checks that number keys are sixteen hex digits whose byte
// order is the numbers' order, -0 and 0 alike.
func TestNumberKey(t *testing.T) {
	xs := []float64{math.Inf(-1), -1e300, -12345.5, -1, -0.5, math.Copysign(0, -1), 0, 1e-300, 0.5, 1, 2, 10, 12345.5, 1e300, math.Inf(1)}
	var keys []string
	for _, x := range xs {
		k := numberKey(x)
		if len(k) != 16 {
			t.Fatalf("numberKey(%v) = %q, want 16 hex digits", x, k)
		}
		keys = append(keys, k)
	}
	if !slices.IsSorted(keys) {
		t.Fatalf("keys %v are not in the numbers' order", keys)
	}
	if numberKey(math.Copysign(0, -1)) != numberKey(0) {
		t.Fatal("-0 and 0 have different keys")
	}
	if got, want := numberKey(1), "bff0000000000000"; got != want {
		t.Fatalf("numberKey(1) = %q, want %q", got, want)
	}
	if got, want := numberKey(-1), fmt.Sprintf("%016x", ^math.Float64bits(-1)); got != want {
		t.Fatalf("numberKey(-1) = %q, want %q", got, want)
	}
}
