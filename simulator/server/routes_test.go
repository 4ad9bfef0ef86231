package server_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestFixedPathIndexRoutesAsMux: matching a request by the subrouters'
// fixed-path index finds what mux finds alone (the route, its variables,
// a method mismatch or nothing), for every route's path, with a variable's
// value that is also a fixed path's last segment, under every method.
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
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead, http.MethodOptions}
	for _, p := range paths {
		for _, m := range methods {
			req := httptest.NewRequest(m, p, nil)
			if indexed, plain, same := s.Server.RoutedBothWays(req); !same {
				t.Errorf("%s %s: the index finds %q, mux %q", m, p, indexed, plain)
			}
		}
	}
}
