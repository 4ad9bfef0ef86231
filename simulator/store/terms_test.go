package store

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// firstNames is a search index of first names, lower-cased.
func firstNames(c *simulator.Customer) []Term {
	var out []Term
	for _, p := range c.Profiles {
		if p.FirstName != "" {
			out = append(out, Term{Attr: "first", Key: strings.ToLower(p.FirstName), Value: p.FirstName})
		}
	}
	return out
}

// findFirst returns the ids whose first name is name, in namespace ns.
func findFirst(t *testing.T, s *Store, ns, name string) []int64 {
	t.Helper()
	var ids []int64
	err := s.View(ns, func(tx *Tx) error {
		return tx.Terms("first", name, name+"\x00", func(_, _ string, id int64) bool {
			ids = append(ids, id)
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// rename gives customer id of namespace ns the first name name.
func rename(t *testing.T, s *Store, ns string, id int64, name string) {
	t.Helper()
	err := s.Update(ns, func(tx *Tx) error {
		c, err := tx.Customer(id)
		if err != nil {
			return err
		}
		c.Profiles[0].FirstName = name
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFileOfEveryWriteTerms: a store file written by a capsim that kept
// every customer's search terms at every write (no lazyTermsKey, no
// termsKey, the terms there) opens with its namespaces keeping them, so a
// rename drops the old name's term; a file of this capsim keeps its own
// marks, through a reset too.
func TestFileOfEveryWriteTerms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terms.db")
	opts := Options{Path: path, Terms: firstNames, Customers: []simulator.Customer{listCustomer(1)}}
	s, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	rename(t, s, "team", 1, "Old") // a namespace's own record
	for done := false; !done; {
		if err := s.Update("team", func(tx *Tx) (err error) { done, err = tx.EnableTerms(); return err }); err != nil {
			t.Fatal(err)
		}
	}
	// What the older capsim's file looked like: the terms, no marks.
	if err := s.db.Update(func(tx *buntdb.Tx) error {
		for _, k := range []string{"team" + termsKey, lazyTermsKey} {
			if _, err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if s, err = Open(opts); err != nil {
		t.Fatal(err)
	}
	rename(t, s, "team", 1, "New")
	if got := findFirst(t, s, "team", "old"); len(got) != 0 {
		t.Fatalf("the old name still finds %v", got)
	}
	if got := findFirst(t, s, "team", "new"); !slices.Equal(got, []int64{1}) {
		t.Fatalf("the new name finds %v", got)
	}

	// This capsim's file: a namespace never searched stays without terms
	// after a reopen and a reset of everything.
	if err := s.Reset(""); err != nil {
		t.Fatal(err)
	}
	rename(t, s, "fresh", 1, "Unsearched")
	s.Close()
	if s, err = Open(opts); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.View("fresh", func(tx *Tx) error {
		if !tx.TermsPending() || tx.OwnKeys(":v:") != 0 {
			t.Errorf("reopened, the unsearched namespace: pending %v, %d term keys", tx.TermsPending(), tx.OwnKeys(":v:"))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
