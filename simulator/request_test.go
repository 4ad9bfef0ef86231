package simulator_test

import (
	"net/http/httptest"
	"testing"

	"github.com/capsim/capsim/simulator"
)

// TestQueryParsesOncePerURL checks that Query gives a request's handlers
// one parse of its query string, a fresh one when a handler rewrote the
// URL, and a parse of its own to a request the server did not set up.
func TestQueryParsesOncePerURL(t *testing.T) {
	r := httptest.NewRequest("GET", "/v1.1/customer/get?mobile=447&format=json&mobile=448", nil)
	if q := simulator.Query(r); q.Get("format") != "json" || len(q["mobile"]) != 2 {
		t.Fatalf("without request info: %v", q)
	}
	r = r.WithContext(simulator.WithRequestInfo(r.Context(), &simulator.RequestInfo{}))
	a, b := simulator.Query(r), simulator.Query(r)
	a.Set("seen", "1")
	if b.Get("seen") != "1" || b.Get("format") != "json" {
		t.Fatalf("the second call parsed again: %v", b)
	}
	r.URL.RawQuery = "email=a@b.c"
	if c := simulator.Query(r); c.Get("email") != "a@b.c" || c.Get("format") != "" {
		t.Fatalf("after the URL changed: %v", c)
	}
}
