package server

import (
	"net/http"
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

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// IsCleanPath is isCleanPath, for the test that holds it to mux's redirects.
var IsCleanPath = isCleanPath
