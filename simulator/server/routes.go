package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/gorilla/mux"
)

// under returns a router for the paths that start with one of prefixes:
// a request is matched against the routes of its own API only, not every
// route of every API in turn (routing was a sixth of a cached read). Its
// routes keep their whole path templates. It is what r's Subrouter is,
// without the prefix check copied into each of its routes (which would
// also turn a 405 into a 404: a route whose prefix check passes clears the
// method mismatch of the route before it).
func (s *Server) under(prefixes ...string) *mux.Router {
	sub := &subrouter{r: mux.NewRouter()}
	s.subrouters = append(s.subrouters, sub)
	s.router.MatcherFunc(func(req *http.Request, m *mux.RouteMatch) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(req.URL.Path, p) {
				return sub.match(req, m)
			}
		}
		return false
	})
	return sub.r
}

// subrouter is a router of under. Its routes are matched as mux matches
// them, one after another by their path's regular expression; but a
// request for a fixed path (one of its templates without variables, most
// of v1.1) is matched against the routes that path can match only, found
// once (index): a v1.1 read tried twenty expressions before its own.
// Its routes match by path and method only, and it has no middleware or
// handlers of its own (the server's router has them).
type subrouter struct {
	r      *mux.Router
	byPath map[string][]*mux.Route // read-only once index has run
}

// match is sub.r.Match, restricted to the routes the path can match when
// the path is one of the index's.
func (sub *subrouter) match(req *http.Request, m *mux.RouteMatch) bool {
	routes, ok := sub.byPath[req.URL.Path]
	if !ok {
		return sub.r.Match(req, m)
	}
	// What mux.Router.Match does, over these routes: a route whose path
	// does not match changes nothing, so leaving the others out is the same.
	for _, route := range routes {
		if route.Match(req, m) {
			return true
		}
	}
	if m.MatchErr != mux.ErrMethodMismatch {
		m.MatchErr = mux.ErrNotFound
	}
	return false
}

// index finds, for each template of sub's routes without variables, every
// route (in order) whose path matches it: the route matches a request for
// that path, or refuses only its method. (Asking the routes costs nothing;
// compiling their expressions again was a tenth of a build.)
func (sub *subrouter) index() error {
	var routes []*mux.Route
	var fixed []string
	err := sub.r.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		if _, err := r.GetPathRegexp(); err != nil {
			return fmt.Errorf("server: a route without a path: %w", err)
		}
		routes = append(routes, r)
		if tpl, err := r.GetPathTemplate(); err == nil && !strings.Contains(tpl, "{") {
			fixed = append(fixed, tpl)
		}
		return nil
	})
	if err != nil {
		return err
	}
	byPath := map[string][]*mux.Route{}
	for _, p := range fixed {
		if _, done := byPath[p]; done {
			continue
		}
		req := &http.Request{URL: &url.URL{Path: p}}
		for _, r := range routes {
			var m mux.RouteMatch
			if r.Match(req, &m) || m.MatchErr == mux.ErrMethodMismatch {
				byPath[p] = append(byPath[p], r)
			}
		}
	}
	sub.byPath = byPath
	return nil
}

// matchKey is what a route's match depends on: every route of the server
// matches by method and path only (no host, query or header matchers).
type matchKey struct{ method, path, rawPath string }

// routeMatch is what matching found: the route, its handler, the path's
// variables (shared: each request gets a copy).
type routeMatch struct {
	route   *mux.Route
	handler http.Handler
	vars    map[string]string
}

// recentMatches holds the matches of at most maxRecentMatches recent
// requests' methods and paths; when full it starts again empty (a client
// walking through many customers matches each path once, as with no set).
// Only a request that matched a route is kept: a 404 or a 405 is
// answered by mux itself.
type recentMatches struct {
	mu sync.RWMutex
	m  map[matchKey]routeMatch
}

const maxRecentMatches = 4096

func (c *recentMatches) get(k matchKey) (routeMatch, bool) {
	c.mu.RLock()
	hit, ok := c.m[k]
	c.mu.RUnlock()
	return hit, ok
}

func (c *recentMatches) put(k matchKey, hit routeMatch) {
	if len(k.path)+len(k.rawPath)+len(k.method) > maxLogPath { // no API path is that long
		return
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxRecentMatches {
		c.m = make(map[matchKey]routeMatch, 64)
	}
	c.m[k] = hit
	c.mu.Unlock()
}
