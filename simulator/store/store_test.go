package store_test

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/internal/nametest"
	"github.com/capsim/capsim/simulator/store"
)

func customer(id int64, first, mobile string) simulator.Customer {
	return simulator.Customer{ID: id, LoyaltyType: simulator.LoyaltyLoyalty, Profiles: []simulator.Profile{{
		Source: simulator.SourceInstore, FirstName: first, LastName: "Test",
		Identifiers: []simulator.Identifier{{Type: simulator.IDMobile, Value: mobile}, {Type: simulator.IDEmail, Value: first + "@Example.com"}},
	}}}
}

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(store.Options{Path: path, Org: &simulator.Org{},
		Customers: []simulator.Customer{customer(1, "ann", "447000000001"), customer(2, "bob", "447000000002")}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPutIndexesAndRefusesDuplicates checks the identifier index, case-less
// emails, duplicate refusal and re-indexing on change.
func TestPutIndexesAndRefusesDuplicates(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	err := s.Update("default", func(tx *store.Tx) error {
		if id, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDEmail, "ANN@example.COM"); !ok || id != 1 {
			t.Fatalf("email lookup is not case-insensitive: %d %v", id, ok)
		}
		dup := customer(3, "cat", "447000000001")
		if err := tx.Put(&dup); err == nil {
			t.Fatal("a second owner of the same mobile in the same source was stored")
		}
		c, err := tx.Customer(2)
		if err != nil {
			return err
		}
		c.Profiles[0].Identifiers[0].Value = "447000000022"
		if err := tx.Put(c); err != nil {
			return err
		}
		if _, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, "447000000002"); ok {
			t.Fatal("the old mobile is still indexed")
		}
		if id, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, "447000000022"); !ok || id != 2 {
			t.Fatal("the new mobile is not indexed")
		}
		if c.Version != 2 {
			t.Fatalf("version %d after one write, want 2", c.Version)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpdateRollsBack checks that a failed transaction writes nothing.
func TestUpdateRollsBack(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	boom := errors.New("boom")
	err := s.Update("default", func(tx *store.Tx) error {
		c := customer(9, "zed", "447000000009")
		if err := tx.Put(&c); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	_ = s.View("default", func(tx *store.Tx) error {
		if _, err := tx.Customer(9); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("rolled-back customer exists: %v", err)
		}
		if _, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, "447000000009"); ok {
			t.Fatal("rolled-back identifier is indexed")
		}
		return nil
	})
}

// TestSearchAndHolders checks prefix search over names and identifiers and
// the cross-source holder index.
func TestSearchAndHolders(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	_ = s.View("default", func(tx *store.Tx) error {
		for q, want := range map[string]int{"an": 1, "ANN": 1, "4470000000": 2, "test": 2, "zzz": 0, "bob@": 1} {
			if ids, _ := tx.Search(q); len(ids) != want {
				t.Errorf("Search(%q) = %v, want %d hits", q, ids, want)
			}
		}
		h := tx.Holders(simulator.IDMobile, "447000000002")
		if len(h) != 1 || h[0].UserID != 2 || h[0].Source != simulator.SourceInstore {
			t.Errorf("Holders = %+v", h)
		}
		return nil
	})
}

// TestNamespacesAndReset checks isolation, reset of one namespace and of all,
// and the epoch that caches key on.
func TestNamespacesAndReset(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	put := func(ns string, id int64, mobile string) {
		t.Helper()
		if err := s.Update(ns, func(tx *store.Tx) error { c := customer(id, "n", mobile); return tx.Put(&c) }); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(ns string, id int64) bool {
		var ok bool
		_ = s.View(ns, func(tx *store.Tx) error { _, err := tx.Customer(id); ok = err == nil; return nil })
		return ok
	}
	put("a", 10, "447000000010")
	put("b", 11, "447000000011")
	if exists("a", 11) || exists("b", 10) || exists("default", 10) {
		t.Fatal("namespaces see each other's customers")
	}
	epoch := s.Epoch()
	if err := s.Reset("a"); err != nil {
		t.Fatal(err)
	}
	if exists("a", 10) || !exists("b", 11) || !exists("a", 1) {
		t.Fatal("reset of a touched the wrong data")
	}
	if s.Epoch() == epoch {
		t.Fatal("reset did not advance the epoch")
	}
	if err := s.Reset(""); err != nil {
		t.Fatal(err)
	}
	if exists("b", 11) {
		t.Fatal("reset of everything kept b's customer")
	}
	if err := s.Reset("../x"); !errors.Is(err, store.ErrBadNamespace) {
		t.Fatalf("bad namespace: %v", err)
	}
	var next int64
	_ = s.Update("default", func(tx *store.Tx) error { next, _ = tx.NextID("customer"); return nil })
	if next != 3 {
		t.Fatalf("first new id %d, want 3 (after the base data)", next)
	}
}

// TestConcurrentNamespaces creates namespaces from many goroutines at once.
func TestConcurrentNamespaces(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ns := []string{"x", "y", "z", "w"}[i%4]
			if _, err := s.Ensure(ns); err != nil {
				t.Error(err)
			}
			if err := s.View(ns, func(tx *store.Tx) error {
				if tx.Count() != 2 {
					t.Errorf("namespace %s has %d customers", ns, tx.Count())
				}
				return nil
			}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if got := len(s.Namespaces()); got != 5 {
		t.Fatalf("%d namespaces, want 5", got)
	}
}

// TestFileKeepsState checks that a file store keeps writes across a reopen.
func TestFileKeepsState(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "capsim.db")
	s := open(t, path)
	if err := s.Update("default", func(tx *store.Tx) error { c := customer(20, "kept", "447000000020"); return tx.Put(&c) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path)
	defer s.Close()
	_ = s.View("default", func(tx *store.Tx) error {
		if _, err := tx.Customer(20); err != nil {
			t.Fatalf("customer written before the restart: %v", err)
		}
		if tx.Count() != 3 {
			t.Fatalf("%d customers after reopen, want 3", tx.Count())
		}
		return nil
	})
}

// TestNamespaceLimit checks that namespaces stop at the limit until a reset.
func TestNamespaceLimit(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Org: &simulator.Org{}, MaxNamespaces: 3,
		Customers: []simulator.Customer{customer(1, "ann", "447000000001")}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ns := range []string{"a", "b"} {
		if _, err := s.Ensure(ns); err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
	}
	if _, err := s.Ensure("c"); !errors.Is(err, store.ErrTooManyNamespaces) {
		t.Fatalf("a fourth namespace: %v", err)
	}
	if _, err := s.Ensure("a"); err != nil {
		t.Fatalf("an existing namespace is refused: %v", err)
	}
	if err := s.Reset(""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ensure("c"); err != nil {
		t.Fatalf("after a reset: %v", err)
	}
}

// TestResetWhileReading resets while other goroutines read (run with -race).
func TestResetWhileReading(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				_ = s.View("default", func(tx *store.Tx) error { _, err := tx.Customer(1); return err })
				s.Cached("default", 1)
			}
		}()
	}
	for i := 0; i < 20; i++ {
		if err := s.Reset(""); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

// TestGenerationNamesNamespaceStates checks that Generation changes with
// every write to a namespace, reset and drop, and with nothing else: not a
// read, not a write to another namespace.
func TestGenerationNamesNamespaceStates(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	type gen struct{ epoch, gen uint64 }
	now := func(ns string) gen {
		e, g := s.Generation(ns)
		return gen{e, g}
	}
	write := func(ns string) func() error {
		return func() error {
			return s.Update(ns, func(tx *store.Tx) error {
				c, err := tx.Customer(1)
				if err != nil {
					return err
				}
				c = c.Clone()
				c.Profiles[0].LastName += "x"
				return tx.Put(c)
			})
		}
	}
	if _, err := s.Ensure("other"); err != nil {
		t.Fatal(err)
	}
	seen := map[gen]bool{now("default"): true}
	for _, step := range []struct {
		name    string
		do      func() error
		changes bool
	}{
		{"a read", func() error {
			return s.View("default", func(tx *store.Tx) error { _, err := tx.Customer(1); return err })
		}, false},
		{"a write", write("default"), true},
		{"another write", write("default"), true},
		{"a write to another namespace", write("other"), false},
		{"a reset of the namespace", func() error { return s.Reset("default") }, true},
		{"a write after the reset", write("default"), true},
		{"a reset of every namespace", func() error { return s.Reset("") }, true},
		{"a drop of another namespace", func() error { _, _ = s.Ensure("other"); return s.Drop("other") }, true},
	} {
		before := now("default")
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		after := now("default")
		if changed := after != before; changed != step.changes {
			t.Fatalf("%s: generation %v -> %v, want changed %v", step.name, before, after, step.changes)
		}
		if step.changes && seen[after] {
			t.Fatalf("%s: generation %v names an earlier state again", step.name, after)
		}
		seen[after] = true
	}
}

// TestPutReindexesOnlyWhatChanged writes a customer of the namespace's own
// again and again, read first or not, and checks that every index entry
// follows the latest version: the ones gone are gone, the ones kept and
// the new ones are there, and the version counts every write.
func TestPutReindexesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	s := open(t, ":memory:")
	defer s.Close()
	mobiles := []string{"447000000010", "447000000011", "447000000012", "447000000013"}
	for i, m := range mobiles {
		err := s.Update("default", func(tx *store.Tx) error {
			var c *simulator.Customer
			if i%2 == 0 { // read, change, write
				got, err := tx.Customer(2)
				if err != nil {
					return err
				}
				c = got
				c.Profiles[0].Identifiers[0].Value = m
			} else { // write a customer the transaction did not read
				fresh := customer(2, "bob", m)
				c = &fresh
			}
			if err := tx.Put(c); err != nil {
				return err
			}
			c.Profiles[0].FirstName = "robert" // a second write in the same transaction
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.View("default", func(tx *store.Tx) error {
			for j, old := range mobiles[:i] {
				if _, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, old); ok {
					t.Fatalf("write %d: mobile %d (%s) is still indexed", i, j, old)
				}
			}
			if id, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, m); !ok || id != 2 {
				t.Fatalf("write %d: the new mobile is not indexed", i)
			}
			if id, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDEmail, "bob@example.com"); !ok || id != 2 {
				t.Fatalf("write %d: the unchanged email is not indexed", i)
			}
			if ids, _ := tx.Search("bob"); len(ids) != 1 {
				t.Fatalf("write %d: search bob found %v, want the email only", i, ids)
			}
			if ids, _ := tx.Search("robert"); len(ids) != 1 || ids[0] != 2 {
				t.Fatalf("write %d: search robert found %v", i, ids)
			}
			c, err := tx.Customer(2)
			if err != nil {
				return err
			}
			if got, want := c.Version, int64(2*i+3); got != want {
				t.Fatalf("write %d: version %d, want %d", i, got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestNamespaceNames checks the namespace name check against the regexp
// it replaced (the reserved name aside).
func TestNamespaceNames(t *testing.T) {
	t.Parallel()
	nametest.Agree(t, `^[A-Za-z0-9._-]{1,64}$`, func(s string) bool {
		return store.ValidNamespace(s) || s == "capsim"
	})
}
