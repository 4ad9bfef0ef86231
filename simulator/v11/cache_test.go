package v11

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/internal/storetest"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// serveRead answers a GET of target from s as the server would, in the
// default namespace, as operation op in JSON list mode lists and type mode
// types, with headers
// (name, value pairs): the status, and the Content-Type and the body.
func serveRead(s *Server, target, op string, lists JSONLists, types JSONTypes, headers ...string) (int, string) {
	r := routerOf(s)
	req := httptest.NewRequest(http.MethodGet, target, nil)
	info := &simulator.RequestInfo{Namespace: store.DefaultNamespace, OperationID: op, V11JSONLists: string(lists), V11JSONTypes: string(types)}
	req = req.WithContext(simulator.WithRequestInfo(req.Context(), info))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Content-Type") + "\n" + rec.Body.String()
}

// routers holds each Server's router (*Server to *mux.Router): routes are
// regular expressions, too dear to compile again for every request.
var routers sync.Map

// routerOf returns the router of s's routes, made the first time.
func routerOf(s *Server) *mux.Router {
	if r, ok := routers.Load(s); ok {
		return r.(*mux.Router)
	}
	r := mux.NewRouter()
	s.Register(r)
	routers.Store(s, r)
	return r
}

// uncachedServers returns what gives a test each store's Server with the
// read cache off, one per store: it keeps nothing between requests, so
// every answer is a fresh render.
func uncachedServers(now simulator.Clock) func(st *store.Store) *Server {
	var mu sync.Mutex
	servers := map[*store.Store]*Server{}
	return func(st *store.Store) *Server {
		mu.Lock()
		defer mu.Unlock()
		if servers[st] == nil {
			servers[st] = &Server{Store: st, Now: now, reads: readCache{off: true}}
		}
		return servers[st]
	}
}

// TestReadCacheMatchesFreshRender proves that a body the read cache answers
// is the body a fresh render gives, after the clock moves past a coupon's
// expiry and a slab's expiry, after the customer changes, after a reset and
// when the org changes: the cache's key names every input of the render.
func TestReadCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now := start
	clock := simulator.Clock(func() time.Time { return now })
	uncached := uncachedServers(clock)
	// The server names each request's operation and JSON list mode.
	ops := map[string]string{
		"/v1.1/customer/get": "getCustomersV11", "/v1.1/customer/transactions": "getCustomerTransactionsV11",
		"/v1.1/customer/redemptions": "getCustomerRedemptionsV11", "/v1.1/customer/notes": "getCustomerNotesV11",
		"/v1.1/customer/coupons": "getCustomerCouponsV11", "/v1.1/customer/tickets": "getCustomerTicketsV11",
		"/v1.1/customer/referrals": "getCustomerReferralsV11", "/v1.1/customer/preferences": "getCustomerPreferencesV11",
		"/v1.1/customer/interaction": "getCustomerInteractionsV11", "/v1.1/customer/subscriptions": "getCustomerSubscriptionsV11",
	}
	lists, types := JSONListsDocumented, JSONTypesDocumented
	get := func(s *Server, target string, headers ...string) (int, string) {
		op := ops[strings.SplitN(target, "?", 2)[0]]
		if op == "" {
			t.Fatalf("no operation for %s", target)
		}
		return serveRead(s, target, op, lists, types, headers...)
	}
	fresh := func(st *store.Store, target string, headers ...string) (int, string) {
		return get(uncached(st), target, headers...)
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
			now, lists, types = start, JSONListsDocumented, JSONTypesDocumented
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return get(cached, tc.target, tc.headers...) },
				func() string { _, b := fresh(cached.Store, tc.target, tc.headers...); return b },
				func() int { return cached.reads.bodies() }, []storetest.Step{
					{Name: "another customer changed", Change: func() { storetest.Rename(t, cached.Store, 500002, "Tom") }},
					{Name: "clock advanced past a coupon's expiry (2030)", Change: func() { now = time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC) }},
					{Name: "clock advanced past the slab expiry (2117)", Change: func() { now = time.Date(2118, 1, 2, 0, 0, 0, 0, time.UTC) }},
					{Name: "clock back before every expiry", Change: func() { now = time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC) }},
					{Name: "clock back at the start", Change: func() { now = start }},
					{Name: "JSON list mode changed", Change: func() { lists = JSONListsAlways }},
					{Name: "JSON list mode back", Change: func() { lists = JSONListsDocumented }},
					{Name: "JSON type mode changed", Change: func() { types = JSONTypesObserved }},
					{Name: "JSON type mode back", Change: func() { types = JSONTypesDocumented }},
					{Name: "customer changed", Change: func() { write(cached.Store) }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
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

// bodies counts the distinct bodies c holds: a read of one customer keeps
// its body under two keys (its customer's state and its namespace's).
func (c *readCache) bodies() int {
	seen := map[*byte]bool{}
	for _, rd := range c.m {
		seen[unsafe.SliceData(rd.body)] = true
	}
	return len(seen)
}

// TestReadCacheBounded fills the read cache with padded queries and with
// many small entries: it keeps within its bounds in bytes and in entries.
func TestReadCacheBounded(t *testing.T) {
	t.Parallel()
	var c readCache
	pad := strings.Repeat("x", 64<<10) // 1000 of them are twice readCacheMaxBytes
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

// TestSearchCacheMatchesFreshRender proves that a customer/search answer
// the read cache gives is the answer a fresh search renders after a write to
// a customer the answer shows, after a write that makes another customer
// match, after a reset, when the JSON list mode changes and when the org
// changes: the search's key names the namespace's whole state.
func TestSearchCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, SearchTerms)
	clock := simulator.Clock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	uncached := uncachedServers(clock)
	lists, types := JSONListsDocumented, JSONTypesDocumented
	get := func(s *Server, target string, headers ...string) (int, string) {
		return serveRead(s, target, "searchCustomersV11", lists, types, headers...)
	}
	fresh := func(st *store.Store, target string, headers ...string) string {
		_, b := get(uncached(st), target, headers...)
		return b
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
			lists, types = JSONListsDocumented, JSONTypesDocumented
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return get(cached, tc.target, tc.headers...) },
				func() string { return fresh(cached.Store, tc.target, tc.headers...) },
				func() int { return len(cached.reads.m) }, []storetest.Step{
					{Name: "another customer now matches", Change: func() { storetest.Rename(t, cached.Store, 500002, "Tom") }},
					{Name: "a customer shown changed", Change: func() { storetest.Rename(t, cached.Store, 17742, "Tom") }},
					{Name: "JSON list mode changed", Change: func() { lists = JSONListsAlways }},
					{Name: "JSON list mode back", Change: func() { lists = JSONListsDocumented }},
					{Name: "JSON type mode changed", Change: func() { types = JSONTypesObserved }},
					{Name: "JSON type mode back", Change: func() { types = JSONTypesDocumented }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
		})
	}

	t.Run("the steps change what the search renders", func(t *testing.T) {
		lists = JSONListsDocumented
		stA.Reset("")
		const target = "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json"
		a := fresh(stA, target)
		storetest.Rename(t, stA, 500002, "Tom")
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

// TestCouponGetCacheMatchesFreshRender proves that a coupon/get answer the
// read cache gives is the answer a fresh read renders after the coupon is
// redeemed, after its holder changes, after a reset, when the JSON modes
// change and when the org changes: its key names the namespace's state.
func TestCouponGetCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	clock := simulator.Clock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) })
	uncached := uncachedServers(clock)
	lists, types := JSONListsDocumented, JSONTypesDocumented
	get := func(s *Server, target string, headers ...string) (int, string) {
		return serveRead(s, target, "getCouponV11", lists, types, headers...)
	}
	fresh := func(st *store.Store, target string, headers ...string) string {
		_, b := get(uncached(st), target, headers...)
		return b
	}
	const holder, code = 28997193, "06000041"
	redeem := func(st *store.Store) {
		redeemCoupon(t, st, holder, code, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	}
	for _, tc := range []struct {
		target  string
		headers []string
	}{
		{target: "/v1.1/coupon/get?code=" + code + "&format=json"},
		{target: "/v1.1/coupon/get?code=" + code + "&format=xml&details=true&user_id=true"},
		{target: "/v1.1/coupon/get?id=13596576", headers: []string{"Accept", "application/json"}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			lists, types = JSONListsDocumented, JSONTypesDocumented
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return get(cached, tc.target, tc.headers...) },
				func() string { return fresh(cached.Store, tc.target, tc.headers...) },
				func() int { return len(cached.reads.m) }, []storetest.Step{
					{Name: "the coupon redeemed", Change: func() { redeem(cached.Store) }},
					{Name: "its holder renamed", Change: func() { storetest.Rename(t, cached.Store, holder, "Tom") }},
					{Name: "JSON list mode changed", Change: func() { lists = JSONListsAlways }},
					{Name: "JSON list mode back", Change: func() { lists = JSONListsDocumented }},
					{Name: "JSON type mode changed", Change: func() { types = JSONTypesObserved }},
					{Name: "JSON type mode back", Change: func() { types = JSONTypesDocumented }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
		})
	}

	t.Run("the steps change what the read renders", func(t *testing.T) {
		stA.Reset("")
		const target = "/v1.1/coupon/get?code=" + code + "&format=json&user_id=true"
		a := fresh(stA, target)
		redeem(stA)
		b := fresh(stA, target)
		storetest.Rename(t, stA, holder, "Tom")
		c := fresh(stA, target)
		if a == b || b == c || !strings.Contains(b, "cache-test") || !strings.Contains(fresh(stB, target), "(B)") {
			t.Fatalf("the redemption, the rename or the org renders nothing new: the test does not test them")
		}
	})

	t.Run("failures are not kept", func(t *testing.T) {
		stA.Reset("")
		s := &Server{Store: stA, Now: clock}
		for range 2 {
			if _, body := get(s, "/v1.1/coupon/get?code=NOSUCHCOUPON&format=json"); strings.Contains(body, `"code": "700"`) {
				t.Fatalf("an unknown coupon succeeds: %s", body)
			}
		}
		if len(s.reads.m) != 0 {
			t.Fatalf("%d answers kept of a failed read", len(s.reads.m))
		}
	})
}

// TestIsRedeemableCacheMatchesFreshRender proves that an isredeemable
// answer the read cache gives is what a fresh check answers after the
// clock passes the coupon's end and comes back, after the coupon is
// redeemed, for another till, after the holder changes, a reset and
// another org: its key names the namespace's state and the till, and a
// kept answer the instants the redemption rules read the clock at.
func TestIsRedeemableCacheMatchesFreshRender(t *testing.T) {
	t.Parallel()
	stA, stB := storetest.TwoOrgs(t, nil)
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now, till := start, ""
	clock := simulator.Clock(func() time.Time { return now })
	uncached := uncachedServers(clock)
	get := func(s *Server, target string) (int, string) {
		r := routerOf(s)
		req := httptest.NewRequest(http.MethodGet, target, nil)
		info := &simulator.RequestInfo{Namespace: store.DefaultNamespace, OperationID: "isCouponRedeemableV11", Till: till}
		req = req.WithContext(simulator.WithRequestInfo(req.Context(), info))
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		return rec.Code, rec.Header().Get("Content-Type") + "\n" + rec.Body.String()
	}
	fresh := func(st *store.Store, target string) string {
		_, b := get(uncached(st), target)
		return b
	}
	const holder, code = 28997193, "06000041"
	redeem := func(st *store.Store) { redeemCoupon(t, st, holder, code, start.Add(-time.Hour)) }
	afterEnd := time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC) // the coupon is valid till 2030-12-31
	for _, target := range []string{
		"/v1.1/coupon/isredeemable?code=" + code + "&mobile=447700900000&format=json",
		"/v1.1/coupon/isredeemable?details=true&code=" + code + "&mobile=447700900000&format=xml",
		"/v1.1/coupon/isredeemable?code=" + code + "&mobile=44700900000&format=json",  // not the holder
		"/v1.1/coupon/isredeemable?code=833-tsflat100&mobile=44700900000&format=json", // redeems at store.code only
	} {
		t.Run(target, func(t *testing.T) {
			now, till = start, ""
			stA.Reset("")
			cached := &Server{Store: stA, Now: clock}
			storetest.CacheFollows(t, func() (int, string) { return get(cached, target) },
				func() string { return fresh(cached.Store, target) },
				func() int { return len(cached.reads.m) }, []storetest.Step{
					{Name: "clock past the coupon's end", Change: func() { now = afterEnd }},
					{Name: "clock back", Change: func() { now = start }},
					{Name: "a till of another store", Change: func() { till = "rr.till" }},
					{Name: "the till back", Change: func() { till = "" }},
					{Name: "the coupon redeemed", Change: func() { redeem(cached.Store) }},
					{Name: "its holder renamed", Change: func() { storetest.Rename(t, cached.Store, holder, "Tom") }},
					{Name: "namespace reset", Change: func() { cached.Store.Reset(store.DefaultNamespace) }},
					{Name: "org changed", Change: func() { cached.Store = stB }},
				})
		})
	}

	t.Run("the steps change what the check answers", func(t *testing.T) {
		now, till = start, ""
		stA.Reset("")
		const target = "/v1.1/coupon/isredeemable?code=" + code + "&mobile=447700900000&format=json"
		a := fresh(stA, target)
		now = afterEnd
		b := fresh(stA, target)
		now = start
		redeem(stA)
		c := fresh(stA, target)
		const byStore = "/v1.1/coupon/isredeemable?code=833-tsflat100&mobile=44700900000&format=json"
		d := fresh(stA, byStore)
		till = "rr.till"
		e := fresh(stA, byStore)
		till = ""
		if a == b || a == c || d == e || !strings.Contains(a, `"is_redeemable": "true"`) || !strings.Contains(d, `"is_redeemable": "true"`) {
			t.Fatalf("the clock, the redemption or the till changes nothing: the test does not test them\n%s\n%s\n%s\n%s\n%s", a, b, c, d, e)
		}
	})
}

// redeemCoupon records a redemption of customer holder's coupon code at
// at, on bill "cache-test", in the default namespace of st.
func redeemCoupon(t *testing.T, st *store.Store, holder int64, code string, at time.Time) {
	t.Helper()
	err := st.Update(store.DefaultNamespace, func(tx *store.Tx) error {
		c, err := tx.Customer(holder)
		if err != nil {
			return err
		}
		cp := c.History.Coupon(code)
		if cp == nil {
			t.Fatalf("customer %d holds no coupon %s", holder, code)
		}
		cp.Redemptions = append(cp.Redemptions, simulator.CouponRedemption{Date: at, TransactionNumber: "cache-test", StoreCode: "store.code"})
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
}
