package v2

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// TestRenderCacheMatchesFreshRender proves that a body the render cache
// answers is the body a fresh render gives, after the clock moves and when
// the org changes: the cache's key names every input of the render.
func TestRenderCacheMatchesFreshRender(t *testing.T) {
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
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := simulator.Clock(func() time.Time { return now })
	get := func(s *Server, target string) (int, string) {
		r := mux.NewRouter()
		s.Register(r)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		return rec.Code, rec.Body.String()
	}
	fresh := func(st *store.Store, target string) (int, string) {
		return get(&Server{Store: st, Now: clock, renders: renderCache[customerKey]{off: true}}, target)
	}

	for _, target := range []string{
		"/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp",
		"/v2/customers/17742?source=INSTORE&embed=points",
		"/v2/customers/17742?source=wechat&accountId=22232&embed=mlp",
		"/v2/customers/500002?source=INSTORE&embed=usergroup",
		"/v2/customers/17742?source=INSTORE&embed=%22points%22",
	} {
		t.Run(target, func(t *testing.T) {
			cached := &Server{Store: stA, Now: clock}
			code, first := get(cached, target)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, first)
			}
			if _, again := get(cached, target); again != first {
				t.Fatalf("a second read differs:\n%s\n%s", first, again)
			}
			if len(cached.renders.m) != 1 {
				t.Fatalf("%d bodies cached, want 1", len(cached.renders.m))
			}
			for _, step := range []struct {
				name   string
				change func()
			}{
				{"clock advanced past the slab expiry", func() { now = now.AddDate(1, 1, 0) }},
				{"org changed", func() { cached.Store = stB }},
			} {
				step.change()
				_, got := get(cached, target)
				_, want := fresh(cached.Store, target)
				if got != want {
					t.Fatalf("%s: cached answer differs from a fresh render:\ncached: %s\nfresh:  %s", step.name, got, want)
				}
			}
			if _, b := get(cached, target); b == first && target != "/v2/customers/500002?source=INSTORE&embed=usergroup" {
				t.Fatalf("org B renders as org A: the test does not change the org")
			}
		})
	}

	t.Run("checks run before the cache answers", func(t *testing.T) {
		s := &Server{Store: stA, Now: clock}
		if code, body := get(s, "/v2/customers/17742?source=ALL&embed=points"); code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		for _, tc := range []struct {
			target string
			code   int
		}{
			{"/v2/customers/17742?source=ALL&embed=points,bogus", 400},
			{"/v2/customers/17742?source=WECHAT&embed=points", 8045},
			{"/v2/customers/17742?source=FACEBOOK&accountId=1&embed=points", 8065},
		} {
			code, body := get(s, tc.target)
			if code == http.StatusOK || !strings.Contains(body, `"code":`+strconv.Itoa(tc.code)) {
				t.Fatalf("%s: status %d, want code %d: %s", tc.target, code, tc.code, body)
			}
		}
	})
}
