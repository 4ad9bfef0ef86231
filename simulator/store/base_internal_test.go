package store

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// A packed table orders keys as strings.Compare does, whatever prefixes
// and repeats they share, and keeps each key's value and customer.
func TestPackerSorts(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, max int) string {
		b := make([]byte, r.IntN(max+1))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for _, tt := range []struct {
		name string
		key  func() string
	}{
		{"empty and short", func() string { return word("ab", 3) }},
		{"shared prefixes", func() string { return ":v:" + word("ab", 2) + sep + word("0123456789", 6) }},
		{"all equal", func() string { return ":i:INSTORE" }},
		{"bytes above 0x7f", func() string { return word("a\x00\xff\x1f", 8) }},
		{"ids", func() string { return ":c:" + word("0123456789", 8) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range []int{0, 1, 2, 17, 300, 5000} {
				var p packer
				want := make([]string, n)
				for i := range want {
					want[i] = tt.key()
					p.add(want[i], "v"+want[i], int64(len(want[i])))
				}
				slices.SortFunc(want, strings.Compare)
				tab := p.table()
				if tab.len() != n {
					t.Fatalf("n=%d: %d entries", n, tab.len())
				}
				for i := range want {
					if k := tab.key(i); k != want[i] || tab.value(i) != "v"+k || tab.id(i) != int64(len(k)) {
						t.Fatalf("n=%d: entry %d is %q=%q (%d), want key %q", n, i, k, tab.value(i), tab.id(i), want[i])
					}
				}
			}
		})
	}
}
