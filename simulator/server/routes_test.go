package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"

	"github.com/gorilla/mux"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// TestFixedPathIndexRoutesAsMux: matching a request by the subrouters'
// fixed-path index finds what mux finds alone (the route, its variables,
// a method mismatch or nothing), for every route's path, with a variable's
// value that is also a fixed path's last segment, under every method; and
// dispatch's routing finds mux's route and variables, the first time and
// again from its recent matches.
func TestFixedPathIndexRoutesAsMux(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	vars := regexp.MustCompile(`\{[^}]*\}`)
	var paths []string
	for _, tpl := range s.Server.RouteTemplates() {
		paths = append(paths, tpl, tpl+"/", tpl+"x")
		for _, v := range []string{"123", "lookup", "search", "x.y"} {
			paths = append(paths, vars.ReplaceAllString(tpl, v))
		}
	}
	if len(paths) < 300 {
		t.Fatalf("%d paths: the routes were not found", len(paths))
	}
	if missing := s.Server.Unindexed(); len(missing) > 0 {
		t.Errorf("the index holds no route for %q", missing)
	}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead, http.MethodOptions}
	for _, p := range paths {
		for _, m := range methods {
			req := httptest.NewRequest(m, p, nil)
			if indexed, plain, same := s.Server.RoutedBothWays(req); !same {
				t.Errorf("%s %s: the index finds %q, mux %q", m, p, indexed, plain)
			}
			if first, again, plain, same := s.Server.RoutedAsMux(req); !same {
				t.Errorf("%s %s: dispatch finds %q, then %q; mux %q", m, p, first, again, plain)
			}
		}
	}
}

// TestRecentMatchesBounded: the server's recent matches hold at most their
// bound, and no path longer than a log line shows.
func TestRecentMatchesBounded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		paths           int
		long            bool
		atLeast, atMost int
	}{
		{"a few paths are all kept", 10, false, 10, 10},
		{"past the bound it starts again", server.MaxRecentMatches + 10, false, 10, server.MaxRecentMatches},
		{"long paths are not kept", 10, true, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := server.RecentMatchesAfter(tc.paths, tc.long); n < tc.atLeast || n > tc.atMost {
				t.Fatalf("%d paths kept, want %d..%d", n, tc.atLeast, tc.atMost)
			}
		})
	}
}

// TestCleanPathAsMux: dispatch serves a path itself exactly when mux would
// serve it rather than redirect it to its cleaned form (those, and other
// odd paths, go through mux's own ServeHTTP).
func TestCleanPathAsMux(t *testing.T) {
	t.Parallel()
	r := mux.NewRouter()
	r.PathPrefix("/").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {})
	for _, p := range []string{
		"/", "//", "/a", "/a/", "/a//", "/a/b", "/a/./b", "/a/../b", "/..", "/.", "/a/.", "/a/..",
		"/v1.1/customer/get", "/v1.1/customer/get/", "/v1.1//customer/get", "/v2/customers/17742",
		"/v2/customers/../customers/1", "/v2/customers/%2e%2e", "/__admin/health", "/a/b/", "/./", "/a/b/..",
	} {
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: p}, Header: http.Header{}}
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		if served := rec.Code != http.StatusMovedPermanently; served != server.IsCleanPath(p) {
			t.Errorf("%q: mux answers %d, isCleanPath says %v", p, rec.Code, server.IsCleanPath(p))
		}
	}
}

// TestRoutesMatchByPathAlone: New refuses a route that matches by host or
// query, which the recent matches could not tell apart.
func TestRoutesMatchByPathAlone(t *testing.T) {
	t.Parallel()
	h := func(http.ResponseWriter, *http.Request) {}
	for _, tc := range []struct {
		name string
		add  func(*mux.Router)
		ok   bool
	}{
		{"method and path", func(r *mux.Router) { r.Path("/v2/customers/{id}").Methods(http.MethodGet).HandlerFunc(h) }, true},
		{"a prefix", func(r *mux.Router) { r.PathPrefix("/openapi/").HandlerFunc(h) }, true},
		{"a query", func(r *mux.Router) { r.Path("/v2/customers").Queries("source", "{source}").HandlerFunc(h) }, false},
		{"a host", func(r *mux.Router) { r.Host("api.example.com").Path("/v2/customers").HandlerFunc(h) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := server.PathOnlyError(tc.add); (err == nil) != tc.ok {
				t.Fatalf("error %v, want ok %v", err, tc.ok)
			}
		})
	}
}
