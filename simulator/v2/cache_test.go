package v2

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/internal/storetest"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// serveRead answers a GET of target from s as the server would, in the
// default namespace: the status and the body.
func serveRead(s *Server, target string) (int, string) {
	r := mux.NewRouter()
	s.Register(r)
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req = req.WithContext(simulator.WithRequestInfo(req.Context(), &simulator.RequestInfo{Namespace: store.DefaultNamespace}))
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// TestRenderCacheMatchesFreshRender proves that a body the render cache
// answers is the body a fresh render gives, after the clock moves and when
// the org changes: the cache's key names every input of the render.
func TestRenderCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := simulator.Clock(func() time.Time { return now })
	get := serveRead
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
			first := storetest.CacheFollows(t, func() (int, string) { return get(cached, target) },
				func() string { _, b := fresh(cached.Store, target); return b },
				func() int { return len(cached.renders.m) }, []storetest.Step{
					{Name: "clock advanced past the slab expiry", Change: func() { now = now.AddDate(1, 1, 0) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
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

// TestSearchCacheMatchesFreshRender proves that a search answer the render
// cache gives is the answer a fresh search renders after a write to a
// customer the answer shows, after a write that makes another customer
// match, after a reset and when the org changes: the search's key names the
// namespace's whole state.
func TestSearchCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	clock := simulator.Clock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	get := serveRead
	fresh := func(st *store.Store, target string) string {
		_, b := get(&Server{Store: st, Now: clock, searches: renderCache[searchKey]{off: true}}, target)
		return b
	}
	for _, target := range []string{
		"/v2/customers/search?q=Tom",
		"/v2/customers/search?q=Tom&limit=1&offset=1",
		"/v2/customers/search?q=tom&source=INSTORE",
	} {
		t.Run(target, func(t *testing.T) {
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return get(cached, target) },
				func() string { return fresh(cached.Store, target) },
				func() int { return len(cached.searches.m) }, []storetest.Step{
					{Name: "another customer now matches", Change: func() { storetest.Rename(t, cached.Store, 500002, "Tommy") }},
					{Name: "a customer shown changed", Change: func() { storetest.Rename(t, cached.Store, 17742, "Tomas") }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
		})
	}

	t.Run("the steps change what the search renders", func(t *testing.T) {
		stA.Reset("")
		const target = "/v2/customers/search?q=Tom"
		a := fresh(stA, target)
		storetest.Rename(t, stA, 500002, "Tommy")
		b := fresh(stA, target)
		storetest.Rename(t, stA, 17742, "Tomas")
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

// TestStateCacheMatchesFreshRender proves that a lookup or a customer's
// sub-resource read the state cache answers (loyaltyDetails,
// pointsTransfers, retroRequest) is what a fresh render gives after a write
// to the other side of a points transfer, a write to the customer, a mobile
// changing hands, the clock passing a points lot's expiry and coming back,
// a reset and another org: its key names the namespace's state, and a kept
// body the lots' expiries.
func TestStateCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now := start
	clock := simulator.Clock(func() time.Time { return now })
	lotExpiry := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	// addLot gives Tom 30 points that expire at lotExpiry.
	addLot := func(st *store.Store) {
		err := st.Update(store.DefaultNamespace, func(tx *store.Tx) error {
			c, err := tx.Customer(17742)
			if err != nil {
				return err
			}
			pl := &c.Loyalty[0]
			pl.LoyaltyPoints += 30
			pl.Lots = append(pl.Lots, simulator.PointsLot{BillID: 1, Expires: lotExpiry, Remaining: 30})
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// moveMobile gives Tom's mobile up: he takes one no one holds.
	moveMobile := func(st *store.Store) {
		err := st.Update(store.DefaultNamespace, func(tx *store.Tx) error {
			c, err := tx.Customer(17742)
			if err != nil {
				return err
			}
			for i := range c.Profiles {
				for j := range c.Profiles[i].Identifiers {
					if id := &c.Profiles[i].Identifiers[j]; id.Type == "mobile" {
						id.Value = "447999000111"
					}
				}
			}
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fresh := func(st *store.Store, target string) string {
		_, b := serveRead(&Server{Store: st, Now: clock, states: renderCache[stateKey]{off: true}}, target)
		return b
	}
	const lookup = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
	for _, target := range []string{
		lookup,
		"/v2/customers/17742/loyaltyDetails",
		"/v2/customers/17742/loyaltyDetails?programId=469",
		"/v2/customers/17742/pointsTransfers",
		"/v2/customers/17742/pointsTransfers?sortOrder=asc&limit=1",
		"/v2/customers/368881003/retroRequest",
		"/v2/customers/17742/subscriptions",
	} {
		t.Run(target, func(t *testing.T) {
			now = start
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return serveRead(cached, target) },
				func() string { return fresh(cached.Store, target) },
				func() int { return len(cached.states.m) }, []storetest.Step{
					{Name: "the other side of a transfer renamed", Change: func() { storetest.Rename(t, cached.Store, 343015432, "Zed") }},
					{Name: "the customer changed", Change: func() { addLot(cached.Store) }},
					{Name: "the mobile changed hands", Change: func() { moveMobile(cached.Store) }},
					{Name: "clock past the lot's expiry", Change: func() { now = lotExpiry.Add(time.Hour) }},
					{Name: "clock back", Change: func() { now = start }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
		})
	}

	t.Run("the steps change what the reads render", func(t *testing.T) {
		now = start
		stA.Reset("")
		const transfers, details = "/v2/customers/17742/pointsTransfers", "/v2/customers/17742/loyaltyDetails"
		a := fresh(stA, transfers)
		storetest.Rename(t, stA, 343015432, "Zed")
		b := fresh(stA, transfers)
		c := fresh(stA, details)
		addLot(stA)
		d := fresh(stA, details)
		now = lotExpiry.Add(time.Hour)
		e := fresh(stA, details)
		f := fresh(stA, lookup)
		moveMobile(stA)
		g := fresh(stA, lookup)
		if a == b || !strings.Contains(b, "Zed") || c == d || d == e || f == g {
			t.Fatalf("the rename, the lot or the clock renders nothing new: the test does not test them")
		}
	})

	t.Run("failures are not kept", func(t *testing.T) {
		now = start
		stA.Reset("")
		s := &Server{Store: stA, Now: clock}
		for _, target := range []string{"/v2/customers/17742/loyaltyDetails?programId=99999", "/v2/customers/999999999/pointsTransfers"} {
			if code, body := serveRead(s, target); code == http.StatusOK {
				t.Fatalf("%s: status 200: %s", target, body)
			}
		}
		if len(s.states.m) != 0 {
			t.Fatalf("%d answers kept of failed reads", len(s.states.m))
		}
	})
}
