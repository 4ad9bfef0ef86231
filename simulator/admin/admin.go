// Package admin serves capsim's own API under /__admin: health and reset
// (scenarios and the request journal join it in their own files).
package admin

import (
	"encoding/json"
	"net/http"
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
}

// Register registers the admin routes on r.
func (s *Server) Register(r *mux.Router) {
	r.HandleFunc("/__admin/health", s.handleHealth).Methods(http.MethodGet)
	r.HandleFunc("/__admin/reset", s.guard(s.handleReset)).Methods(http.MethodPost)
	s.registerScenarioRoutes(r)
	s.registerJournalRoutes(r)
	s.registerNamespaceRoutes(r)
	s.registerSnapshotRoutes(r)
	s.registerClockRoutes(r)
	s.registerObserveRoutes(r)
	s.registerCustomerRoutes(r)
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
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"warnings": []any{},
			"errors": []map[string]any{{"status": false, "code": simulator.CodeInvalidInput.Number(),
				"message": simulator.Errorf(simulator.CodeInvalidInput).WithDetail("namespace %q: %s", ns, err).Message()}},
		})
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
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
