package v11

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

// TestReadCacheMatchesFreshRender proves that a body the read cache answers
// is the body a fresh render gives, after the clock moves past a coupon's
// expiry and a slab's expiry, after the customer changes, after a reset and
// when the org changes: the cache's key names every input of the render.
func TestReadCacheMatchesFreshRender(t *testing.T) {
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
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now := start
	clock := simulator.Clock(func() time.Time { return now })
	// The server names each request's operation and JSON list mode.
	ops := map[string]string{
		"/v1.1/customer/get": "getCustomersV11", "/v1.1/customer/transactions": "getCustomerTransactionsV11",
		"/v1.1/customer/redemptions": "getCustomerRedemptionsV11", "/v1.1/customer/notes": "getCustomerNotesV11",
		"/v1.1/customer/coupons": "getCustomerCouponsV11", "/v1.1/customer/tickets": "getCustomerTicketsV11",
		"/v1.1/customer/referrals": "getCustomerReferralsV11", "/v1.1/customer/preferences": "getCustomerPreferencesV11",
		"/v1.1/customer/interaction": "getCustomerInteractionsV11", "/v1.1/customer/subscriptions": "getCustomerSubscriptionsV11",
	}
	lists := JSONListsDocumented
	get := func(s *Server, target string, headers ...string) (int, string) {
		r := mux.NewRouter()
		s.Register(r)
		req := httptest.NewRequest(http.MethodGet, target, nil)
		info := &simulator.RequestInfo{Namespace: store.DefaultNamespace, OperationID: ops[req.URL.Path], V11JSONLists: string(lists)}
		if info.OperationID == "" {
			t.Fatalf("no operation for %s", req.URL.Path)
		}
		req = req.WithContext(simulator.WithRequestInfo(req.Context(), info))
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		return rec.Code, rec.Header().Get("Content-Type") + "\n" + rec.Body.String()
	}
	fresh := func(st *store.Store, target string, headers ...string) (int, string) {
		return get(&Server{Store: st, Now: clock, reads: readCache{off: true}}, target, headers...)
	}
	// write changes Tom's record: one more note.
	write := func(st *store.Store) {
		err := st.Update(store.DefaultNamespace, func(tx *store.Tx) error {
			c, err := tx.Customer(17742)
			if err != nil {
				return err
			}
			c.History.Notes = append(c.History.Notes, simulator.Note{ID: 99, Date: start, Description: "cache test"})
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	const tom = "mobile=44700900000"
	for _, tc := range []struct {
		target  string
		headers []string
	}{
		{target: "/v1.1/customer/get?" + tom + "&format=json&user_id=true&next_slab=true&slab_history=true&points_summary=true" +
			"&subscriptions=true&expiry_schedule=true&expired_points=true&promotion_points=true"},
		{target: "/v1.1/customer/get?" + tom + "&format=xml&expiry_schedule=true"},
		{target: "/v1.1/customer/get?id=17742", headers: []string{"Accept", "application/json"}},
		{target: "/v1.1/customer/get?id=17742"},
		{target: "/v1.1/customer/coupons?" + tom + "&format=json"},
		{target: "/v1.1/customer/coupons?" + tom + "&format=json&status=active"},
		{target: "/v1.1/customer/transactions?" + tom + "&format=json&limit=3&sort=trans_id&order=asc"},
		{target: "/v1.1/customer/transactions?" + tom + "&format=xml"},
		{target: "/v1.1/customer/redemptions?" + tom + "&format=json"},
		{target: "/v1.1/customer/notes?" + tom + "&format=json"},
		{target: "/v1.1/customer/tickets?" + tom + "&format=json"},
		{target: "/v1.1/customer/referrals?" + tom + "&format=json"},
		{target: "/v1.1/customer/preferences?" + tom + "&format=json"},
		{target: "/v1.1/customer/interaction?" + tom + "&format=json"},
		{target: "/v1.1/customer/subscriptions?" + tom + "&format=json"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			now, lists = start, JSONListsDocumented
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			code, first := get(cached, tc.target, tc.headers...)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, first)
			}
			if _, again := get(cached, tc.target, tc.headers...); again != first {
				t.Fatalf("a second read differs:\n%s\n%s", first, again)
			}
			if len(cached.reads.m) != 1 {
				t.Fatalf("%d bodies cached, want 1", len(cached.reads.m))
			}
			for _, step := range []struct {
				name   string
				change func()
			}{
				{"clock advanced past a coupon's expiry (2030)", func() { now = time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC) }},
				{"clock advanced past the slab expiry (2117)", func() { now = time.Date(2118, 1, 2, 0, 0, 0, 0, time.UTC) }},
				{"clock back before every expiry", func() { now = time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC) }},
				{"clock back at the start", func() { now = start }},
				{"JSON list mode changed", func() { lists = JSONListsAlways }},
				{"JSON list mode back", func() { lists = JSONListsDocumented }},
				{"customer changed", func() { write(cached.Store) }},
				{"namespace reset", func() { cached.Store.Reset(store.DefaultNamespace) }},
				{"org changed", func() { cached.Store = stB }},
			} {
				step.change()
				_, want := fresh(cached.Store, tc.target, tc.headers...)
				// Twice: the first may fill the cache, the second reads it.
				for i := 0; i < 2; i++ {
					if _, got := get(cached, tc.target, tc.headers...); got != want {
						t.Fatalf("%s: cached answer differs from a fresh render:\ncached: %s\nfresh:  %s", step.name, got, want)
					}
				}
			}
		})
	}

	t.Run("the steps change what the reads render", func(t *testing.T) {
		now = start
		stA.Reset("")
		s := &Server{Store: stA, Now: clock, reads: readCache{off: true}}
		_, before := get(s, "/v1.1/customer/get?"+tom+"&format=json&expiry_schedule=true")
		now = time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC)
		_, coupons := get(s, "/v1.1/customer/get?"+tom+"&format=json&expiry_schedule=true")
		now = time.Date(2118, 1, 2, 0, 0, 0, 0, time.UTC)
		_, slab := get(s, "/v1.1/customer/get?"+tom+"&format=json&expiry_schedule=true")
		if before == coupons || coupons == slab {
			t.Fatalf("moving the clock past the coupon and slab expiries changes nothing: the test does not test the clock")
		}
		now = start
		_, a := get(s, "/v1.1/customer/notes?"+tom+"&format=json")
		write(stA)
		_, b := get(s, "/v1.1/customer/notes?"+tom+"&format=json")
		s.Store = stB
		_, c := get(s, "/v1.1/customer/get?"+tom+"&format=json")
		if a == b || !strings.Contains(c, "(B)") {
			t.Fatalf("the write or the org change renders nothing new: the test does not test them")
		}
		lists = JSONListsAlways
		_, d := get(s, "/v1.1/customer/notes?"+tom+"&format=json")
		lists = JSONListsDocumented
		if d == b {
			t.Fatalf("the JSON list mode renders nothing new: the test does not test it")
		}
	})

	t.Run("checks run before the cache answers", func(t *testing.T) {
		now = start
		stA.Reset("")
		s := &Server{Store: stA, Now: clock}
		for _, target := range []string{"/v1.1/customer/transactions?" + tom + "&format=xml",
			"/v1.1/customer/get?" + tom + "&format=xml"} {
			if code, body := get(s, target); code != http.StatusOK {
				t.Fatalf("status %d: %s", code, body)
			}
		}
		for _, tc := range []struct {
			target, want string
		}{
			{"/v1.1/customer/transactions?" + tom + "&format=xml&store_id=999999", `<code>1150</code>`},
			{"/v1.1/customer/transactions?" + tom + "&format=xml&sort=bogus", `<code>400</code>`},
			{"/v1.1/customer/get?mobile=44700900000,44799999999&format=xml", `<code>1012</code>`},
		} {
			if _, body := get(s, tc.target); !strings.Contains(body, tc.want) {
				t.Fatalf("%s: want %s in %s", tc.target, tc.want, body)
			}
		}
	})
}

// TestReadCacheBounded fills the read cache with padded queries and with
// many small entries: it keeps within its bounds in bytes and in entries.
func TestReadCacheBounded(t *testing.T) {
	var c readCache
	pad := strings.Repeat("x", 200<<10)
	for i := 0; i < 2*readCacheMax; i++ {
		q := strconv.Itoa(i)
		if i < 1000 {
			q = pad + q
		}
		c.put(readKey{query: q, format: FormatJSON}, nil, Obj{{"n", i}}, nil)
		if c.bytes > readCacheMaxBytes || len(c.m) > readCacheMax {
			t.Fatalf("after %d puts: %d bytes in %d entries; the bounds are %d and %d",
				i+1, c.bytes, len(c.m), readCacheMaxBytes, readCacheMax)
		}
		if _, ok := c.get(readKey{query: q, format: FormatJSON}); !ok {
			t.Fatalf("put %d is not found right after", i)
		}
	}
}
