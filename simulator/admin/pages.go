package admin

import (
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator/console"
	"github.com/gorilla/mux"
)

// ConsolePath is where the QA console is served.
const ConsolePath = "/__admin/ui/"

// RegisterPages registers the pages for people: the QA console under
// ConsolePath. Register them after the contract is bound: like the OpenAPI
// documents they are not API calls, so no operation describes them (and a
// tree of static files has no path template one could). The files are
// served without the admin token; the data calls the page makes go through
// the guarded routes.
func (s *Server) RegisterPages(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle(strings.TrimSuffix(ConsolePath, "/"), http.RedirectHandler(ConsolePath, http.StatusFound)).Methods(get...)
	r.PathPrefix(ConsolePath).Methods(get...).Handler(http.StripPrefix(strings.TrimSuffix(ConsolePath, "/"), console.Handler()))
}
