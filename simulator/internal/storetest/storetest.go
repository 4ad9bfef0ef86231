// Package storetest opens the stores the render-cache tests of v11 and v2
// read from, and makes the writes they compare cached answers across.
package storetest

import (
	"net/http"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
)

// TwoOrgs opens two stores of the default fixture's customers: a of its
// org, b of the same org renamed (" (B)" after each name), so that a render
// that reads the org differs between them. terms, if set, gives each
// store's search terms for its org (store.Options.Terms).
func TwoOrgs(t testing.TB, terms func(*simulator.Org) func(*simulator.Customer) []store.Term) (a, b *store.Store) {
	t.Helper()
	ds, err := fixture.Default()
	if err != nil {
		t.Fatal(err)
	}
	orgA := ds.Org
	orgB := fixture.Renamed(orgA, " (B)")
	open := func(org *simulator.Org) *store.Store {
		opts := store.Options{Org: org, Customers: ds.Customers}
		if terms != nil {
			opts.Terms = terms(org)
		}
		st, err := store.Open(opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	return open(&orgA), open(&orgB)
}

// Rename gives every profile of customer id, in the default namespace of
// st, the first name first.
func Rename(t testing.TB, st *store.Store, id int64, first string) {
	t.Helper()
	err := st.Update(store.DefaultNamespace, func(tx *store.Tx) error {
		c, err := tx.Customer(id)
		if err != nil {
			return err
		}
		c = c.Clone()
		for i := range c.Profiles {
			c.Profiles[i].FirstName = first
		}
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Step is a change of an input that a cached answer must follow.
type Step struct {
	Name   string
	Change func()
}

// CacheFollows checks a rendered-body cache: get answers 200, then the same
// body again from one cached entry (cached counts the entries); after each
// step, get gives what fresh (a render with the cache off) gives, twice: the
// first may fill the cache, the second reads it. It returns the first body.
func CacheFollows(t testing.TB, get func() (int, string), fresh func() string, cached func() int, steps []Step) string {
	t.Helper()
	code, first := get()
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, first)
	}
	if _, again := get(); again != first {
		t.Fatalf("a second read differs:\n%s\n%s", first, again)
	}
	if n := cached(); n != 1 {
		t.Fatalf("%d bodies cached, want 1", n)
	}
	for _, step := range steps {
		step.Change()
		want := fresh()
		for i := 0; i < 2; i++ {
			if _, got := get(); got != want {
				t.Fatalf("%s: cached answer differs from a fresh render:\ncached: %s\nfresh:  %s", step.Name, got, want)
			}
		}
	}
	return first
}
