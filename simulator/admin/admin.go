// Package admin serves capsim's own API under /__admin: health and reset
// (scenarios and the request journal join it in their own files).
package admin

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/clock"
	"github.com/capsim/capsim/simulator/coverage"
	"github.com/capsim/capsim/simulator/metrics"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// Server holds what the admin handlers need.
type Server struct {
	Store   *store.Store
	Version string
	Started time.Time
	Now     simulator.Clock
	// OnReset is called after a reset with the namespace ("" for all).
	OnReset func(namespace string)
	// Scenarios are the loaded failure scenarios; a reset restarts their
	// counters in the namespace reset.
	Scenarios *scenario.Engine
	// Journal records the API requests.
	Journal *Journal
	// Clocks are the namespaces' virtual clocks.
	Clocks *clock.Registry
	// Coverage counts what the API traffic exercised of the contract;
	// Metrics are the Prometheus metrics.
	Coverage *coverage.Recorder
	Metrics  *metrics.Metrics
	// Token, when set, locks every admin route but health: requests must
	// carry it in the HeaderAdminToken header.
	Token string
	// APIServed counts the API requests served so far; a heavy answer
	// rests only when it grew while the answer was made (nil: always).
	APIServed func() uint64

	opsOnce sync.Once
	ops     []string      // operationIDs
	heavy   chan struct{} // heavy answers being made (heavyTurn)
}

// Register registers the admin routes on r.
func (s *Server) Register(r *mux.Router) {
	s.heavy = make(chan struct{}, concurrentHeavy)
	r.HandleFunc("/__admin/health", s.handleHealth).Methods(http.MethodGet)
	// Every other admin route is behind the admin token; each handler is in
	// the file of its resource.
	for _, rt := range []struct {
		method, path string
		handle       http.HandlerFunc
	}{
		{http.MethodPost, "/__admin/reset", s.handleReset},
		// scenarios.go
		{http.MethodGet, "/__admin/scenarios", s.handleScenariosList},
		{http.MethodPost, "/__admin/scenarios", s.handleScenariosLoad},
		{http.MethodPost, "/__admin/scenarios/reset", s.handleScenariosReset},
		{http.MethodGet, "/__admin/scenarios/{name}", s.handleScenarioGet},
		{http.MethodDelete, "/__admin/scenarios/{name}", s.handleScenarioDelete},
		{http.MethodPost, "/__admin/scenarios/{name}/activate", s.handleScenarioActivate},
		{http.MethodPost, "/__admin/scenarios/{name}/deactivate", s.handleScenarioDeactivate},
		// the journal: filter.go
		{http.MethodGet, "/__admin/requests", s.handleRequestsFind},
		{http.MethodGet, "/__admin/requests/count", s.handleRequestsCount},
		{http.MethodPost, "/__admin/requests/find", s.handleRequestsFind},
		{http.MethodPost, "/__admin/requests/count", s.handleRequestsCount},
		{http.MethodDelete, "/__admin/requests", s.handleRequestsClear},
		// namespaces.go
		{http.MethodGet, "/__admin/namespaces", s.handleNamespacesList},
		{http.MethodDelete, "/__admin/namespaces/{name}", s.handleNamespaceDelete},
		// snapshots.go
		{http.MethodGet, "/__admin/snapshots", s.handleSnapshotsList},
		{http.MethodPost, "/__admin/snapshots/{name}", s.handleSnapshotSave},
		{http.MethodDelete, "/__admin/snapshots/{name}", s.handleSnapshotDelete},
		{http.MethodPost, "/__admin/snapshots/{name}/restore", s.handleSnapshotRestore},
		// clock.go
		{http.MethodGet, "/__admin/clock", s.handleClockGet},
		{http.MethodPut, "/__admin/clock", s.handleClockSet},
		{http.MethodDelete, "/__admin/clock", s.handleClockDelete},
		// coverage and metrics: coverage.go
		{http.MethodGet, "/__admin/coverage", s.handleCoverageGet},
		{http.MethodDelete, "/__admin/coverage", s.handleCoverageClear},
		{http.MethodGet, "/__admin/metrics", s.handleMetrics},
		// customers.go
		{http.MethodGet, "/__admin/customers", s.handleCustomersList},
	} {
		r.HandleFunc(rt.path, s.guard(rt.handle)).Methods(rt.method)
	}
}

type health struct {
	Status        string  `json:"status"`
	Version       string  `json:"version"`
	UptimeSeconds float64 `json:"uptimeSeconds"`
	StartedAt     string  `json:"startedAt"`
	Namespaces    int     `json:"namespaces"`
}

// handleHealth handles "GET /__admin/health": 200 once the store is open.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, health{
		Status:        "ok",
		Version:       s.Version,
		UptimeSeconds: s.Now().Sub(s.Started).Seconds(),
		StartedAt:     s.Started.UTC().Format(time.RFC3339),
		Namespaces:    len(s.Store.Namespaces()),
	})
}

type resetResult struct {
	Reset     bool    `json:"reset"`
	Namespace string  `json:"namespace"`
	TookMs    float64 `json:"tookMs"`
}

// handleReset handles "POST /__admin/reset[?namespace=NAME]": the namespace
// (or, without one, every namespace) goes back to the fixtures.
func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	ns := r.URL.Query().Get("namespace")
	start := time.Now()
	if err := s.Store.Reset(ns); err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "namespace "+quote(ns)+": "+err.Error(), nil)
		return
	}
	s.Scenarios.ResetCounters(ns)
	if s.OnReset != nil {
		s.OnReset(ns)
	}
	label := ns
	if label == "" {
		label = "*"
	}
	writeJSON(w, http.StatusOK, resetResult{Reset: true, Namespace: label, TookMs: float64(time.Since(start).Microseconds()) / 1000})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	startJSON(w, status)
	_ = json.NewEncoder(w).Encode(v)
}

// startJSON writes the status and headers of a JSON answer.
func startJSON(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
}
