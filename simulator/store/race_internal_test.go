package store

import (
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// TestDropWhileWriting drops a namespace while others write to it (run with
// -race): no key is ever left in the file for a namespace the store does
// not know.
func TestDropWhileWriting(t *testing.T) {
	t.Parallel()
	s, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				_ = s.Update("busy", func(tx *Tx) error {
					c := simulator.Customer{ID: int64(w*1000 + i + 1)}
					return tx.Put(&c)
				})
			}
		}(w)
	}
	for i := 0; i < 200; i++ {
		_ = s.Drop("busy")
	}
	wg.Wait()
	known := map[string]bool{}
	for _, ns := range s.Namespaces() {
		known[ns] = true
	}
	_ = s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendKeys("*", func(k, _ string) bool {
			if k == baseKey || k == lazyTermsKey { // the file's own keys
				return true
			}
			ns, _, _ := strings.Cut(k, ":")
			if !known[ns] {
				t.Errorf("key %q belongs to no known namespace (known: %v)", k, known)
				return false
			}
			return true
		})
	})
}
