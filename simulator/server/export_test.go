package server

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
)

// RouteTemplates returns the path templates of every API route.
func (s *Server) RouteTemplates() []string {
	var out []string
	for _, sub := range s.subrouters {
		_ = sub.r.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
			if tpl, err := r.GetPathTemplate(); err == nil {
				out = append(out, tpl)
			}
			return nil
		})
	}
	return out
}

// RoutedBothWays matches req in every subrouter by its fixed-path index
// and by mux alone, and returns what each found, for the first subrouter
// where they differ (and false), or true if they agree in all.
func (s *Server) RoutedBothWays(req *http.Request) (indexed, plain string, same bool) {
	describe := func(ok bool, m *mux.RouteMatch) string {
		tpl, methods := "", []string(nil)
		if m.Route != nil {
			tpl, _ = m.Route.GetPathTemplate()
			methods, _ = m.Route.GetMethods()
		}
		vars := []string{}
		for k, v := range m.Vars {
			vars = append(vars, k+"="+v)
		}
		return strings.Join([]string{map[bool]string{true: "match", false: "no match"}[ok], tpl, strings.Join(methods, ","), strings.Join(vars, "&"), errString(m.MatchErr)}, " | ")
	}
	for _, sub := range s.subrouters {
		var a, b mux.RouteMatch
		x, y := describe(sub.match(req, &a), &a), describe(sub.r.Match(req, &b), &b)
		if x != y {
			return x, y, false
		}
	}
	return "", "", true
}

// Unindexed returns the fixed path templates (without variables) that
// their subrouter's index does not hold: requests for them are matched by
// mux alone.
func (s *Server) Unindexed() []string {
	var out []string
	for _, sub := range s.subrouters {
		_ = sub.r.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
			if tpl, err := r.GetPathTemplate(); err == nil && !strings.Contains(tpl, "{") && len(sub.byPath[tpl]) == 0 {
				out = append(out, tpl)
			}
			return nil
		})
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// IsCleanPath is isCleanPath, for the test that holds it to mux's redirects.
var IsCleanPath = isCleanPath

// RoutedAsMux routes req twice as dispatch does (the second time from the
// recent matches, if the first kept it) and once by mux alone, and
// returns what the first two found and what mux found, and whether all
// three agree.
func (s *Server) RoutedAsMux(req *http.Request) (first, again, plain string, same bool) {
	describe := func(ok bool, route *mux.Route, vars map[string]string) string {
		if !ok {
			return "no route"
		}
		tpl, _ := route.GetPathTemplate()
		methods, _ := route.GetMethods()
		names := make([]string, 0, len(vars))
		for k, v := range vars {
			names = append(names, k+"="+v)
		}
		sort.Strings(names)
		return tpl + " | " + strings.Join(methods, ",") + " | " + strings.Join(names, "&")
	}
	h1, ok1 := s.route(req)
	h2, ok2 := s.route(req)
	var m mux.RouteMatch
	ok := s.router.Match(req, &m) && m.MatchErr == nil
	first, again, plain = describe(ok1, h1.route, h1.vars), describe(ok2, h2.route, h2.vars), describe(ok, m.Route, m.Vars)
	return first, again, plain, first == plain && again == plain
}

// MaxRecentMatches is the bound of the server's recent matches.
const MaxRecentMatches = maxRecentMatches

// RecentMatchesAfter routes n distinct paths (each longer than a log
// line shows, if long) through an empty set of recent matches and returns
// how many it holds.
func RecentMatchesAfter(n int, long bool) int {
	var c recentMatches
	for i := 0; i < n; i++ {
		p := "/v2/customers/" + strconv.Itoa(i)
		if long {
			p += "/" + strings.Repeat("x", maxLogPath)
		}
		c.put(matchKey{method: http.MethodGet, path: p}, routeMatch{})
	}
	return len(c.m)
}

// PathOnlyError is what New's check of its routes says of a router that
// add fills.
func PathOnlyError(add func(*mux.Router)) error {
	s := &Server{router: mux.NewRouter()}
	add(s.router)
	return s.checkPathOnly()
}
