package v2

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// TestSearchCacheMatchesFreshRender proves that a search answer the render
// cache gives is the answer a fresh search renders after a write to a
// customer the answer shows, after a write that makes another customer
// match, after a reset and when the org changes: the search's key names the
// namespace's whole state.
func TestSearchCacheMatchesFreshRender(t *testing.T) {
	ds, err := fixture.Default()
	if err != nil {
		t.Fatal(err)
	}
	orgA := ds.Org
	orgB := fixture.Renamed(orgA, " (B)")
	open := func(org *simulator.Org) *store.Store {
		st, err := store.Open(store.Options{Org: org, Customers: ds.Customers})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	stA, stB := open(&orgA), open(&orgB)
	clock := simulator.Clock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	get := func(s *Server, target string) (int, string) {
		r := mux.NewRouter()
		s.Register(r)
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req = req.WithContext(simulator.WithRequestInfo(req.Context(), &simulator.RequestInfo{Namespace: store.DefaultNamespace}))
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	fresh := func(st *store.Store, target string) string {
		_, b := get(&Server{Store: st, Now: clock, searches: renderCache[searchKey]{off: true}}, target)
		return b
	}
	// rename gives every profile of customer id the first name first.
	rename := func(st *store.Store, id int64, first string) {
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

	for _, target := range []string{
		"/v2/customers/search?q=Tom",
		"/v2/customers/search?q=Tom&limit=1&offset=1",
		"/v2/customers/search?q=tom&source=INSTORE",
	} {
		t.Run(target, func(t *testing.T) {
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			code, first := get(cached, target)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, first)
			}
			if _, again := get(cached, target); again != first {
				t.Fatalf("a second search differs:\n%s\n%s", first, again)
			}
			if len(cached.searches.m) != 1 {
				t.Fatalf("%d bodies cached, want 1", len(cached.searches.m))
			}
			for _, step := range []struct {
				name   string
				change func()
			}{
				{"another customer now matches", func() { rename(cached.Store, 500002, "Tommy") }},
				{"a customer shown changed", func() { rename(cached.Store, 17742, "Tomas") }},
				{"namespace reset", func() { cached.Store.Reset(store.DefaultNamespace) }},
				{"org changed", func() { cached.Store = stB }},
			} {
				step.change()
				want := fresh(cached.Store, target)
				// Twice: the first may fill the cache, the second reads it.
				for i := 0; i < 2; i++ {
					if _, got := get(cached, target); got != want {
						t.Fatalf("%s: cached answer differs from a fresh search:\ncached: %s\nfresh:  %s", step.name, got, want)
					}
				}
			}
		})
	}

	t.Run("the steps change what the search renders", func(t *testing.T) {
		stA.Reset("")
		const target = "/v2/customers/search?q=Tom"
		a := fresh(stA, target)
		rename(stA, 500002, "Tommy")
		b := fresh(stA, target)
		rename(stA, 17742, "Tomas")
		c := fresh(stA, target)
		if a == b || b == c {
			t.Fatalf("the writes render nothing new: the test does not test them")
		}
	})

	t.Run("checks run before the cache answers", func(t *testing.T) {
		stA.Reset("")
		s := &Server{Store: stA, Now: clock}
		if code, body := get(s, "/v2/customers/search?q=Tom"); code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		for _, target := range []string{"/v2/customers/search?q=Tom&source=BOGUS", "/v2/customers/search?q=%20", "/v2/customers/search?q=Tom&limit=-1"} {
			if code, body := get(s, target); code == http.StatusOK || !strings.Contains(body, `"code":`) {
				t.Fatalf("%s: status %d, want an error: %s", target, code, body)
			}
		}
	})
}
