package server_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/clock"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// clockOf sends a clock request for namespace ns and decodes the answer.
func clockOf(t *testing.T, s *simtest.Server, method, ns string, body any) (*simtest.Response, clock.State) {
	t.Helper()
	res := s.Do(method, "/__admin/clock", body, server.HeaderNamespace, ns)
	var st clock.State
	if res.Status == 200 {
		res.Decode(t, &st)
	}
	return res, st
}

// TestClockAdmin drives GET, PUT and DELETE /__admin/clock.
func TestClockAdmin(t *testing.T) {
	t.Parallel()
	at := "2030-05-06T07:08:09Z"
	tests := []struct {
		name    string
		steps   []any // bodies PUT in turn; the last answer is checked
		advance time.Duration
		mode    clock.Mode
		now     string // "" - the test clock
		refused string // a 400 whose message contains this
	}{
		{name: "wall by default", mode: clock.Wall},
		{name: "frozen", steps: []any{map[string]any{"now": at}}, advance: time.Hour, mode: clock.Frozen, now: at},
		{name: "running", steps: []any{map[string]any{"now": at, "run": true}}, advance: time.Hour, mode: clock.Running, now: "2030-05-06T08:08:09Z"},
		{name: "offset kept", steps: []any{map[string]any{"now": "2030-05-06T12:38:09+05:30"}}, mode: clock.Frozen, now: "2030-05-06T12:38:09+05:30"},
		{name: "advance a frozen clock", steps: []any{map[string]any{"now": at}, map[string]any{"advance": "36h"}}, advance: time.Hour, mode: clock.Frozen, now: "2030-05-07T19:08:09Z"},
		{name: "advance by days", steps: []any{map[string]any{"now": at}, map[string]any{"advance": "2d12h"}}, mode: clock.Frozen, now: "2030-05-08T19:08:09Z"},
		{name: "advance and run", steps: []any{map[string]any{"now": at}, map[string]any{"advance": "1d", "run": true}}, advance: time.Minute, mode: clock.Running, now: "2030-05-07T07:09:09Z"},
		{name: "advance the wall clock", steps: []any{map[string]any{"advance": "24h"}}, advance: time.Minute, mode: clock.Running, now: simtest.Epoch.Add(24*time.Hour + time.Minute).Format(time.RFC3339Nano)},
		{name: "bad time", steps: []any{map[string]any{"now": "2030-05-06 07:08:09"}}, refused: `now "2030-05-06 07:08:09": want an RFC 3339 time`},
		{name: "bad duration", steps: []any{map[string]any{"advance": "a week"}}, refused: `duration "a week": want a Go duration`},
		{name: "bad days", steps: []any{map[string]any{"advance": "2dx"}}, refused: `after the days`},
		{name: "backwards", steps: []any{map[string]any{"advance": "-1h"}}, refused: `only moves forward`},
		{name: "both", steps: []any{map[string]any{"now": at, "advance": "1h"}}, refused: `not both`},
		{name: "neither", steps: []any{map[string]any{"run": true}}, refused: `give "now"`},
		{name: "unknown field", steps: []any{map[string]any{"time": at}}, refused: `time`},
		{name: "not JSON", steps: []any{"now=2030"}, refused: `request body: JSON syntax error`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
			var res *simtest.Response
			for _, b := range tc.steps {
				res, _ = clockOf(t, s, "PUT", "team-a", b)
			}
			if tc.refused != "" {
				if res.Status != 400 || !strings.Contains(refusal(res.Body), tc.refused) {
					t.Fatalf("got %d %s, want 400 saying %q", res.Status, res.Body, tc.refused)
				}
				return
			}
			s.Clock.Advance(tc.advance)
			_, st := clockOf(t, s, "GET", "team-a", nil)
			want := tc.now
			if want == "" {
				want = s.Clock.Now().Format(time.RFC3339Nano)
			}
			if st.Namespace != "team-a" || st.Mode != tc.mode || st.Now != want {
				t.Fatalf("clock %+v, want mode %s now %s", st, tc.mode, want)
			}
			// Other namespaces keep the wall clock; DELETE brings it back.
			if _, other := clockOf(t, s, "GET", "default", nil); other.Mode != clock.Wall || other.Offset != "0s" {
				t.Fatalf("default namespace: %+v", other)
			}
			if _, back := clockOf(t, s, "DELETE", "team-a", nil); back.Mode != clock.Wall || back.Now != s.Clock.Now().Format(time.RFC3339Nano) {
				t.Fatalf("after DELETE: %+v", back)
			}
		})
	}
}

// TestClockResetWithNamespace checks that a namespace reset drops its clock.
func TestClockResetWithNamespace(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	clockOf(t, s, "PUT", "team-a", map[string]any{"now": "2030-01-01T00:00:00Z"})
	clockOf(t, s, "PUT", "team-b", map[string]any{"now": "2030-01-01T00:00:00Z"})
	if res := s.Do("POST", "/__admin/reset?namespace=team-a", nil); res.Status != 200 {
		t.Fatalf("reset: %d %s", res.Status, res.Body)
	}
	if _, st := clockOf(t, s, "GET", "team-a", nil); st.Mode != clock.Wall {
		t.Fatalf("team-a after reset: %+v", st)
	}
	if _, st := clockOf(t, s, "GET", "team-b", nil); st.Mode != clock.Frozen {
		t.Fatalf("team-b after team-a's reset: %+v", st)
	}
}

// TestClockSnapshot checks that a snapshot saves the namespace's clock and a
// restore brings it back (a snapshot of a wall clock restores the wall clock).
func TestClockSnapshot(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	h := []string{server.HeaderNamespace, "snap"}
	clockOf(t, s, "PUT", "snap", map[string]any{"now": "2030-01-01T00:00:00Z"})
	if res := s.Do("POST", "/__admin/snapshots/frozen", nil, h...); res.Status != 201 {
		t.Fatalf("save: %d %s", res.Status, res.Body)
	}
	clockOf(t, s, "DELETE", "snap", nil)
	if res := s.Do("POST", "/__admin/snapshots/wall", nil, h...); res.Status != 201 {
		t.Fatalf("save: %d %s", res.Status, res.Body)
	}
	clockOf(t, s, "PUT", "snap", map[string]any{"advance": "48h"})
	for _, tc := range []struct {
		snapshot string
		mode     clock.Mode
		now      string
	}{{"frozen", clock.Frozen, "2030-01-01T00:00:00Z"}, {"wall", clock.Wall, simtest.Epoch.Format(time.RFC3339Nano)}} {
		if res := s.Do("POST", "/__admin/snapshots/"+tc.snapshot+"/restore", nil, h...); res.Status != 200 {
			t.Fatalf("restore %s: %d %s", tc.snapshot, res.Status, res.Body)
		}
		if _, st := clockOf(t, s, "GET", "snap", nil); st.Mode != tc.mode || st.Now != tc.now {
			t.Errorf("after restoring %s: %+v, want %s at %s", tc.snapshot, st, tc.mode, tc.now)
		}
	}
	// Dropping the namespace drops its clock.
	s.Do("POST", "/__admin/snapshots/frozen/restore", nil, h...)
	if res := s.Do("DELETE", "/__admin/namespaces/snap", nil); res.Status != 200 {
		t.Fatalf("drop: %d %s", res.Status, res.Body)
	}
	if _, st := clockOf(t, s, "GET", "snap", nil); st.Mode != clock.Wall {
		t.Errorf("after the drop: %+v", st)
	}
}

// v11Item returns the first customer item of a v1.1 JSON answer.
func v11Item(t *testing.T, res *simtest.Response) map[string]any {
	t.Helper()
	var body struct {
		Response struct {
			Customers struct {
				Customer []map[string]any `json:"customer"`
			} `json:"customers"`
		} `json:"response"`
	}
	res.Decode(t, &body)
	if len(body.Response.Customers.Customer) == 0 {
		t.Fatalf("no customer item: %s", res.Body)
	}
	return body.Response.Customers.Customer[0]
}

// TestClockDates checks that what a request writes or compares follows its
// namespace's clock, and that other namespaces keep theirs.
func TestClockDates(t *testing.T) {
	t.Parallel()
	set := time.Date(2031, 2, 3, 10, 0, 0, 0, time.UTC)
	freeze := func(s *simtest.Server, ns string, at time.Time) {
		if res, _ := clockOf(t, s, "PUT", ns, map[string]any{"now": at.Format(time.RFC3339)}); res.Status != 200 {
			t.Fatalf("set clock: %d %s", res.Status, res.Body)
		}
	}
	advance := func(s *simtest.Server, ns, d string) {
		if res, _ := clockOf(t, s, "PUT", ns, map[string]any{"advance": d}); res.Status != 200 {
			t.Fatalf("advance clock: %d %s", res.Status, res.Body)
		}
	}
	ns := func(name string) []string { return []string{server.HeaderNamespace, name} }

	t.Run("registration, modification and updated_on", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
		freeze(s, "clk", set)
		add := `{"root":{"customer":[{"mobile":"447700900555","firstname":"Ann"}]}}`
		if res := s.Do("POST", "/v1.1/customer/add?format=json", add, ns("clk")...); res.Status != 200 {
			t.Fatalf("add: %d %s", res.Status, res.Body)
		}
		advance(s, "clk", "36h")
		upd := `{"root":{"customer":[{"mobile":"447700900555","lastname":"Later"}]}}`
		if res := s.Do("POST", "/v1.1/customer/update?format=json", upd, ns("clk")...); res.Status != 200 {
			t.Fatalf("update: %d %s", res.Status, res.Body)
		}
		it := v11Item(t, s.Do("GET", "/v1.1/customer/get?format=json&mobile=447700900555", nil, ns("clk")...))
		if got, want := it["registered_on"], "2031-02-03 10:00:00"; got != want {
			t.Errorf("registered_on %v, want %s", got, want)
		}
		if got, want := it["updated_on"], "2031-02-04 22:00:00"; got != want {
			t.Errorf("updated_on %v, want %s", got, want)
		}
		// The same registration in the default namespace is at the wall clock.
		s.Do("POST", "/v1.1/customer/add?format=json", add)
		it = v11Item(t, s.Do("GET", "/v1.1/customer/get?format=json&mobile=447700900555", nil))
		if got, want := it["registered_on"], simtest.Epoch.Format("2006-01-02 15:04:05"); got != want {
			t.Errorf("default namespace: registered_on %v, want %s", got, want)
		}
	})

	t.Run("registered_on may not be in the namespace's future", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
		add := `{"root":{"customer":[{"mobile":"447700900558","registered_on":"2030-01-01 00:00:00"}]}}`
		if it := v11Item(t, s.Do("POST", "/v1.1/customer/add?format=json", add)); it["item_status"].(map[string]any)["code"] != "1034" {
			t.Fatalf("at the wall clock: %v, want 1034", it["item_status"])
		}
		freeze(s, "clk", set)
		if it := v11Item(t, s.Do("POST", "/v1.1/customer/add?format=json", add, ns("clk")...)); it["item_status"].(map[string]any)["code"] != "1000" {
			t.Fatalf("in 2031: %v, want 1000", it["item_status"])
		}
	})

	t.Run("OAuth tokens expire at the namespace's clock", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
		freeze(s, "clk", set)
		res := s.Do("POST", "/v3/oauth/token/generate", map[string]string{"key": "partner-key", "secret": "x"}, append(ns("clk"), "Authorization", "-")...)
		var body struct {
			Data struct {
				AccessToken string `json:"accessToken"`
				TTLSeconds  int    `json:"ttlSeconds"`
			} `json:"data"`
		}
		res.Decode(t, &body)
		lookup := "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
		tok := []string{auth.TokenHeader, body.Data.AccessToken}
		if got := s.Do("GET", lookup, nil, append(ns("clk"), tok...)...); got.Status != 200 {
			t.Fatalf("fresh token: %d %s", got.Status, got.Body)
		}
		advance(s, "clk", (time.Duration(body.Data.TTLSeconds)*time.Second + time.Second).String())
		got := s.Do("GET", lookup, nil, append(ns("clk"), tok...)...)
		simtest.ExpectCodes(t, got, 401, []int{401}, nil)
		if !strings.Contains(string(got.Body), "expired at 2031-02-03T10:") {
			t.Fatalf("expiry not at the namespace's clock: %s", got.Body)
		}
		// Issued in 2031, the token is young at the default namespace's clock.
		if got := s.Do("GET", lookup, nil, tok...); got.Status != 200 {
			t.Fatalf("default namespace: %d %s", got.Status, got.Body)
		}
	})

	t.Run("retro requests and their date filters", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
		freeze(s, "clk", set)
		body := `{"root":{"customer":{"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"}}}`
		if res := s.Do("POST", "/v1.1/customer/update_identity?format=json", body, ns("clk")...); res.Status != 200 {
			t.Fatalf("update_identity: %d %s", res.Status, res.Body)
		}
		for _, tc := range []struct {
			query string
			want  int
		}{{"", 1}, {"?startDate=2031-02-03", 1}, {"?endDate=2031-02-02", 0}, {"?startDate=2031-02-04", 0}} {
			var got struct {
				Data []map[string]any `json:"data"`
			}
			s.Do("GET", "/v2/customers/17742/retroRequest"+tc.query, nil, ns("clk")...).Decode(t, &got)
			if len(got.Data) != tc.want {
				t.Errorf("%q: %d requests, want %d", tc.query, len(got.Data), tc.want)
			}
			if len(got.Data) > 0 && got.Data[0]["addedOn"] != "2031-02-03T10:00:00+00:00" {
				t.Errorf("addedOn %v", got.Data[0]["addedOn"])
			}
		}
	})

	t.Run("coupon and points expiry", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
		expired := func(h ...string) int { // coupons listed with status EXPIRED
			res := s.Do("GET", "/v1.1/customer/coupons?format=json&mobile=44700900000&status=expired", nil, h...)
			return strings.Count(string(res.Body), `"EXPIRED"`)
		}
		freeze(s, "clk", simtest.Epoch.AddDate(5, 0, 0))
		if got, def := expired(ns("clk")...), expired(); got != 2 || def != 1 {
			t.Fatalf("expired coupons five years on %d (want 2), at the wall clock %d (want 1)", got, def)
		}
		schedule := func(h ...string) string {
			res := s.Do("GET", "/v1.1/customer/get?format=json&mobile=44700900000&expiry_schedule=true", nil, h...)
			b, _ := json.Marshal(v11Item(t, res)["expiry_schedule"])
			return string(b)
		}
		freeze(s, "far", time.Date(2118, 1, 1, 0, 0, 0, 0, time.UTC)) // Tom's points expire end 2117
		if now, later := schedule(), schedule(ns("far")...); !strings.Contains(now, "2117-12-29") || strings.Contains(later, "2117") {
			t.Fatalf("expiry_schedule now %s, in 2118 %s", now, later)
		}
	})

	t.Run("promotion validity window", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0), withPromotion(t,
			`{"id": 80001, "programId": 469, "name": "Winter Window", "type": "LOYALTY", "limit": 1, "active": true, "points": 10, "ends": "2027-01-31T23:59:59Z"}`))
		issue := "/v2/promotion/issue?identifierName=id&identifierValue=17742&source=INSTORE&type=CUSTOMER"
		promo := `{"programId": 469, "promotionId": 80001}`
		freeze(s, "late", time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
		simtest.ExpectCodes(t, s.Do("POST", issue, promo, ns("late")...), 200, nil, []int{8890})
		simtest.ExpectCodes(t, s.Do("POST", issue, promo), 200, nil, nil) // 2026-11-23: within
	})
}

// TestClockRenderCache checks that a v2 customer rendered before the clock
// moved is the body a fresh render gives after: the render cache's key
// needs no time, as nothing in the rendering reads the clock.
func TestClockRenderCache(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	get := "/v2/customers/17742?source=INSTORE&embed=points,subscriptions,mlp,usergroup"
	s.Do("GET", get, nil, server.HeaderNamespace, "cached")
	for _, ns := range []string{"cached", "fresh"} {
		if res, _ := clockOf(t, s, "PUT", ns, map[string]any{"now": "2029-06-01T00:00:00Z"}); res.Status != 200 {
			t.Fatalf("set clock: %d %s", res.Status, res.Body)
		}
	}
	cached := s.Do("GET", get, nil, server.HeaderNamespace, "cached")
	fresh := s.Do("GET", get, nil, server.HeaderNamespace, "fresh")
	if cached.Status != 200 || string(cached.Body) != string(fresh.Body) {
		t.Fatalf("cached %d %s\nfresh %d %s", cached.Status, cached.Body, fresh.Status, fresh.Body)
	}
}

// withPromotion adds a promotion (JSON) to the fixtures' org.
func withPromotion(t *testing.T, promo string) simtest.Option {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fixtures.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fixtures.FS, p)
		if strings.HasSuffix(p, "org.json") {
			data = []byte(strings.Replace(string(data), `"promotions": [`, `"promotions": [`+promo+",", 1))
		}
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(o *server.Options) { o.Fixtures = m }
}
