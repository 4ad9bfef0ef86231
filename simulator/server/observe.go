package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/clock"
	"github.com/capsim/capsim/simulator/coverage"
	"github.com/capsim/capsim/simulator/metrics"
)

// withObservers gives cfg a clock registry, a coverage recorder and metrics;
// snapshots save and restore a namespace's clock, and its reset, drop or
// expiry puts the clock back to the wall clock.
func withObservers(cfg Config) Config {
	if cfg.Clocks == nil {
		cfg.Clocks = clock.New(cfg.Now, 0)
	}
	cfg.Store.RegisterSnapshotPart("clock", clockPart{cfg.Clocks})
	clocks, onReset := cfg.Clocks, cfg.OnReset
	cfg.Store.OnExpire(clocks.Drop)
	cfg.OnReset = func(ns string) {
		clocks.Drop(ns)
		if onReset != nil {
			onReset(ns)
		}
	}
	if cfg.Coverage == nil {
		cfg.Coverage = coverage.New(cfg.Contract, 0)
	}
	if cfg.Metrics == nil {
		st, j := cfg.Store, cfg.Journal
		g := metrics.Gauges{
			Namespaces:      func() float64 { return float64(len(st.Namespaces())) },
			JournalEntries:  func() float64 { return float64(j.Len()) },
			JournalCapacity: func() float64 { return float64(j.Cap()) },
			Clocks:          func() float64 { return float64(clocks.Len()) },
			ByClient:        st.Owners,
		}
		if d := cfg.LogDropped; d != nil {
			g.LogDropped = func() float64 { return float64(d()) }
		}
		cfg.Metrics = metrics.New(g)
	}
	return cfg
}

// observe counts an answered request in the contract coverage and the
// metrics: API requests and requests to unknown paths, as the journal.
func (s *Server) observe(r *http.Request, x *exchange, dur time.Duration) {
	if strings.HasPrefix(x.path, "/__admin/") || strings.HasPrefix(x.path, "/openapi/") {
		return
	}
	info := simulator.Info(r.Context())
	var buf [8]int
	codes := info.AppendCodes(buf[:0])
	injected := x.injected || x.faulted != ""
	s.cfg.Coverage.Record(info.Namespace, info.OperationID, x.w.status, codes, injected)
	s.cfg.Metrics.Observe(info.OperationID, x.w.status, codes, info.Scenario, injected, dur)
}

// Clocks returns the namespaces' virtual clocks.
func (s *Server) Clocks() *clock.Registry { return s.cfg.Clocks }

// Coverage returns the contract coverage recorder.
func (s *Server) Coverage() *coverage.Recorder { return s.cfg.Coverage }

// clockPart saves and restores a namespace's clock with its snapshots.
type clockPart struct{ clocks *clock.Registry }

func (p clockPart) Save(ns string) ([]byte, error) { return p.clocks.ClockState(ns), nil }

func (p clockPart) Restore(ns string, data []byte) error { return p.clocks.RestoreClock(ns, data) }
