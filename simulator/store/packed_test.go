package store_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// firstNames is the terms of a store whose customers' first names are
// searched (attribute "first").
func firstNames(c *simulator.Customer) []store.Term {
	return []store.Term{{Attr: "first", Key: c.Profiles[0].FirstName, Value: c.Profiles[0].LastName}}
}

// packedPair opens a store of base and one of its packed form.
func packedPair(t testing.TB, base []simulator.Customer) (fresh, packed *store.Store) {
	t.Helper()
	fresh, err := store.Open(store.Options{Customers: base, BaseID: "three", Terms: firstNames})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fresh.Close() })
	packed, err = store.Open(store.Options{Packed: string(fresh.PackedBase()), BaseID: "three", Terms: firstNames})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { packed.Close() })
	return fresh, packed
}

// TestPackedBase checks that a store opened from the packed form of a
// base reads as the store that packed it: every customer, the count, a
// page, the identifier index, the search and the next id, before and after
// a write, the identifier index, the search terms; and that the form names
// its base data.
func TestPackedBase(t *testing.T) {
	t.Parallel()
	fresh, packed := packedPair(t, baseCustomers(40))
	if got := store.PackedID(string(fresh.PackedBase())); got != "three" {
		t.Fatalf("PackedID = %q, want three", got)
	}
	// wantNamed is how many first names c0001* a read finds: ten, then
	// nine once a write has renamed customer 12.
	wantNamed := 10
	read := func(s *store.Store, ns string) string {
		var b strings.Builder
		err := s.View(ns, func(tx *store.Tx) error {
			enc := json.NewEncoder(&b)
			page, err := tx.CustomerPage(3, 10)
			if err != nil {
				return err
			}
			owner, ok := tx.Owner(simulator.SourceInstore, "", "mobile", "447000000007")
			if !ok || len(page) != 10 {
				t.Errorf("namespace %s: customer 7's mobile found %v, a page of %d", ns, ok, len(page))
			}
			ids, matches := tx.Search("c0001")
			var named []int64
			if err := tx.Terms("first", "c0001", "c0002", func(_, _ string, id int64) bool { named = append(named, id); return true }); err != nil {
				return err
			}
			if len(named) != wantNamed {
				t.Errorf("namespace %s: customers named c0001* %v, want %d", ns, named, wantNamed)
			}
			return enc.Encode([]any{tx.Count(), page, owner, ok, ids, matches, named, tx.Holders("email", "c00012@example.com")})
		})
		if err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	write := func(s *store.Store, ns string) {
		err := s.Update(ns, func(tx *store.Tx) error {
			c, err := tx.Customer(12)
			if err != nil {
				return err
			}
			c.Profiles[0].FirstName = "Changed"
			if err := tx.Put(c); err != nil {
				return err
			}
			id, err := tx.NextID("customer")
			if err != nil {
				return err
			}
			n := customer(id, "new", "447099990000")
			return tx.Put(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, ns := range []string{"default", "other"} {
		wantNamed = 10
		if got, want := read(packed, ns), read(fresh, ns); got != want {
			t.Fatalf("namespace %s, before a write:\npacked %s\nfresh  %s", ns, got, want)
		}
		write(fresh, ns)
		write(packed, ns)
		wantNamed = 9
		if got, want := read(packed, ns), read(fresh, ns); got != want {
			t.Fatalf("namespace %s, after a write:\npacked %s\nfresh  %s", ns, got, want)
		}
	}
}

// TestPackedBaseRefused checks that a packed form of other base data, or a
// damaged one (cut at any length, or a byte changed), is refused with an
// error, never a panic.
func TestPackedBaseRefused(t *testing.T) {
	t.Parallel()
	fresh, _ := packedPair(t, baseCustomers(2))
	p := string(fresh.PackedBase())
	if _, err := store.Open(store.Options{Packed: p, BaseID: "four"}); err == nil || !strings.Contains(err.Error(), `"three", not of "four"`) {
		t.Fatalf("another base's form: err = %v", err)
	}
	for n := 1; n < len(p); n++ {
		if s, err := store.Open(store.Options{Packed: p[:n], BaseID: "three"}); err == nil {
			s.Close()
			t.Fatalf("the form cut at %d of %d bytes was taken", n, len(p))
		}
	}
	if _, err := store.Open(store.Options{Packed: p + "x", BaseID: "three"}); err == nil {
		t.Fatal("a form with a byte more was taken")
	}
}

// FuzzPackedBase feeds arbitrary bytes to the packed form's reader: it may
// refuse them, never panic, and a store it opens serves every customer.
func FuzzPackedBase(f *testing.F) {
	fresh, err := store.Open(store.Options{Customers: baseCustomers(3), BaseID: "x"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fresh.PackedBase())
	fresh.Close()
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := store.Open(store.Options{Packed: string(b), BaseID: "x"})
		if err != nil {
			return
		}
		defer s.Close()
		_ = s.View("default", func(tx *store.Tx) error {
			_ = tx.Each(func(*simulator.Customer) bool { return true })
			_, _ = tx.CustomerPage(0, 100)
			tx.Search("c")
			return nil
		})
	})
}
