package v11

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

// TestSearchCacheMatchesFreshRender proves that a customer/search answer
// the read cache gives is the answer a fresh search renders after a write to
// a customer the answer shows, after a write that makes another customer
// match, after a reset, when the JSON list mode changes and when the org
// changes: the search's key names the namespace's whole state.
func TestSearchCacheMatchesFreshRender(t *testing.T) {
	ds, err := fixture.Default()
	if err != nil {
		t.Fatal(err)
	}
	orgA := ds.Org
	orgB := fixture.Renamed(orgA, " (B)")
	open := func(org *simulator.Org) *store.Store {
		st, err := store.Open(store.Options{Org: org, Customers: ds.Customers, Terms: SearchTerms(org)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	stA, stB := open(&orgA), open(&orgB)
	clock := simulator.Clock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	lists := JSONListsDocumented
	get := func(s *Server, target string, headers ...string) (int, string) {
		r := mux.NewRouter()
		s.Register(r)
		req := httptest.NewRequest(http.MethodGet, target, nil)
		info := &simulator.RequestInfo{Namespace: store.DefaultNamespace, OperationID: "searchCustomersV11", V11JSONLists: string(lists)}
		req = req.WithContext(simulator.WithRequestInfo(req.Context(), info))
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		return rec.Code, rec.Header().Get("Content-Type") + "\n" + rec.Body.String()
	}
	fresh := func(st *store.Store, target string, headers ...string) string {
		_, b := get(&Server{Store: st, Now: clock, reads: readCache{off: true}}, target, headers...)
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

	for _, tc := range []struct {
		target  string
		headers []string
	}{
		{target: "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json"},
		{target: "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=xml&start=1&rows=1"},
		{target: "/v1.1/customer/search?q=firstname:EQUALS:Tom", headers: []string{"Accept", "application/json"}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			lists = JSONListsDocumented
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			code, first := get(cached, tc.target, tc.headers...)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, first)
			}
			if _, again := get(cached, tc.target, tc.headers...); again != first {
				t.Fatalf("a second search differs:\n%s\n%s", first, again)
			}
			if len(cached.reads.m) != 1 {
				t.Fatalf("%d bodies cached, want 1", len(cached.reads.m))
			}
			for _, step := range []struct {
				name   string
				change func()
			}{
				{"another customer now matches", func() { rename(cached.Store, 500002, "Tom") }},
				{"a customer shown changed", func() { rename(cached.Store, 17742, "Tom") }},
				{"JSON list mode changed", func() { lists = JSONListsAlways }},
				{"JSON list mode back", func() { lists = JSONListsDocumented }},
				{"namespace reset", func() { cached.Store.Reset(store.DefaultNamespace) }},
				{"org changed", func() { cached.Store = stB }},
			} {
				step.change()
				want := fresh(cached.Store, tc.target, tc.headers...)
				// Twice: the first may fill the cache, the second reads it.
				for i := 0; i < 2; i++ {
					if _, got := get(cached, tc.target, tc.headers...); got != want {
						t.Fatalf("%s: cached answer differs from a fresh search:\ncached: %s\nfresh:  %s", step.name, got, want)
					}
				}
			}
		})
	}

	t.Run("the steps change what the search renders", func(t *testing.T) {
		lists = JSONListsDocumented
		stA.Reset("")
		const target = "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json"
		a := fresh(stA, target)
		rename(stA, 500002, "Tom")
		b := fresh(stA, target)
		if a == b || !strings.Contains(b, "500002") {
			t.Fatalf("the write renders nothing new: the test does not test it")
		}
	})

	t.Run("checks run before the cache answers", func(t *testing.T) {
		stA.Reset("")
		s := &Server{Store: stA, Now: clock}
		if code, body := get(s, "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json"); code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		for _, target := range []string{
			"/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json&rows=0",
			"/v1.1/customer/search?q=firstname:BOGUS:Tom&format=json",
		} {
			if _, body := get(s, target); !strings.Contains(body, `"code": "400"`) {
				t.Fatalf("%s: want code 400: %s", target, body)
			}
		}
	})
}
