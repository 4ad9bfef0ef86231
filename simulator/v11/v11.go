package v11

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// Server holds what the v1.1 handlers need.
type Server struct {
	Store *store.Store
	Now   simulator.Clock
	Log   *slog.Logger
	// BatchLimit is the most items one request may carry: customers in the
	// body of add, update and update_identity, identifiers in the query of
	// get. More answer status 1060 "Batch limit exceeded" and nothing is
	// written. Zero means DefaultBatchLimit.
	BatchLimit int

	reads readCache // rendered bodies of reads (see readKey)
}

// Register registers every v1.1 route on r (the router at the root path).
// Each route names one method: the contract matches it to one operation.
func (s *Server) Register(r *mux.Router) {
	s.registerCustomerRoutes(r)
	s.registerHistoryRoutes(r)
}

// registerCustomerRoutes registers the customer profile routes: add,
// update, update_identity, get and search.
func (s *Server) registerCustomerRoutes(r *mux.Router) {
	r.HandleFunc("/v1.1/customer/add", s.handleCustomerAdd).Methods(http.MethodPost)
	// The current reference documents PUT; the older docs and most existing
	// integrations use POST (NOTES §1.7): both are served.
	r.HandleFunc("/v1.1/customer/update", s.handleCustomerUpdate).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/update", s.handleCustomerUpdate).Methods(http.MethodPut)
	r.HandleFunc("/v1.1/customer/update_identity", s.handleCustomerUpdateIdentity).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/get", s.handleCustomerGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/search", s.handleCustomerSearch).Methods(http.MethodGet)
}

// Limit returns the batch limit in force.
func (s *Server) Limit() int {
	if s.BatchLimit > 0 {
		return s.BatchLimit
	}
	return DefaultBatchLimit
}

// Time returns the time the request acts at: its namespace's clock.
func (s *Server) Time(r *http.Request) time.Time { return simulator.Info(r.Context()).TimeOr(s.Now) }

// Namespace returns the namespace the request acts on.
func Namespace(r *http.Request) string { return simulator.Info(r.Context()).Namespace }

// Till returns the till the request is attributed to: the authenticated
// one, else the org's default.
func (s *Server) Till(r *http.Request) string {
	return simulator.Info(r.Context()).TillOr(s.Store.Org().DefaultTill)
}

// Fail writes err as a request-level failure: an API error as itself,
// anything else (a fault of capsim's own) as status 500 after logging it.
func (s *Server) Fail(w http.ResponseWriter, r *http.Request, err error) {
	var apiErr *simulator.Error
	if errors.As(err, &apiErr) {
		WriteError(w, r, apiErr)
		return
	}
	if s.Log != nil {
		s.Log.Error("handler failed", "err", err, "path", r.URL.Path, "request_id", simulator.Info(r.Context()).ID)
	}
	WriteError(w, r, simulator.Errorf(simulator.CodeAllFailed))
}

// itemError returns err as an item failure: an API error as itself, any
// other error as fallback (logged: it is capsim's fault, not the request's).
func (s *Server) itemError(r *http.Request, err error, fallback simulator.Code) *simulator.Error {
	var apiErr *simulator.Error
	if errors.As(err, &apiErr) {
		return apiErr
	}
	if s.Log != nil {
		s.Log.Error("item failed", "err", err, "path", r.URL.Path, "request_id", simulator.Info(r.Context()).ID)
	}
	return simulator.Errorf(fallback)
}
