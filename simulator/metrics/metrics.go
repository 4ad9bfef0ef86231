// Package metrics keeps capsim's Prometheus metrics in a registry of its own
// (never the global one): requests by operation, status and code, latency,
// scenario hits, and gauges read at scrape time (namespaces, journal size).
package metrics

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator/internal/cow"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

// Gauges are read when the metrics are scraped; a nil func is not exported.
type Gauges struct {
	Namespaces      func() float64 // namespaces holding state
	JournalEntries  func() float64 // requests the journal holds
	JournalCapacity func() float64 // requests the journal can hold
	Clocks          func() float64 // namespaces with a clock of their own
	// LogDropped counts access log lines dropped because the log's output
	// fell behind (a counter: it only grows).
	LogDropped func() float64
	// ByClient returns the namespaces each client (credential) holds: as
	// many series as namespaces at most, so the label is bounded.
	ByClient func() map[string]int
}

// maxScenarioLabels bounds the scenario label's values: scenarios are loaded
// at run time, and a label must not grow without end.
const maxScenarioLabels = 256

// NoOperation is the operation label of requests no operation serves.
const NoOperation = "none"

// Metrics are capsim's metrics. It is safe for concurrent use.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	codes     *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	scenarios *prometheus.CounterVec

	// The request path looks counters up here, not through the vectors'
	// label hashing.
	reqCache  cow.Map[reqKey, prometheus.Counter]
	codeCache cow.Map[codeKey, prometheus.Counter]
	latCache  cow.Map[string, prometheus.Observer]

	mu        sync.Mutex
	scenarioN int
	known     map[string]bool
}

type reqKey struct {
	op       string
	status   int
	injected bool
}

type codeKey struct {
	op       string
	code     int
	injected bool
}

// New returns the metrics with g's gauges.
func New(g Gauges) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), known: map[string]bool{}}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_requests_total",
		Help: "API requests answered, by operation, HTTP status (0: connection broken by a fault) and answer (natural or injected by a scenario).",
	}, []string{"operation", "status", "answer"})
	m.codes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_response_codes_total",
		Help: "API codes (status, item, error and warning codes) the answers carried, by operation, code and answer.",
	}, []string{"operation", "code", "answer"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "capsim_request_duration_seconds",
		Help:    "Time from a request's arrival to the end of its answer, by operation.",
		Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"operation"})
	m.scenarios = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_scenario_hits_total",
		Help: "Requests a scenario's rule answered, delayed or broke, by scenario (\"other\" past 256 names).",
	}, []string{"scenario"})
	m.reg.MustRegister(m.requests, m.codes, m.latency, m.scenarios)
	if g.LogDropped != nil {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "capsim_log_lines_dropped_total",
			Help: "Access log lines dropped because the log's output (a terminal, a pipe) fell behind."}, g.LogDropped))
	}
	for _, gf := range []struct {
		name, help string
		f          func() float64
	}{
		{"capsim_namespaces", "Namespaces holding state.", g.Namespaces},
		{"capsim_journal_entries", "Requests the journal holds.", g.JournalEntries},
		{"capsim_journal_capacity", "Requests the journal can hold.", g.JournalCapacity},
		{"capsim_clock_namespaces", "Namespaces whose clock is not the wall clock.", g.Clocks},
	} {
		if gf.f != nil {
			m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: gf.name, Help: gf.help}, gf.f))
		}
	}
	if g.ByClient != nil {
		m.reg.MustRegister(byClient{g.ByClient})
	}
	return m
}

// byClientDesc describes capsim_namespaces_by_client.
var byClientDesc = prometheus.NewDesc("capsim_namespaces_by_client",
	"Namespaces each client (credential) holds, against its share (--max-namespaces-per-client).", []string{"client"}, nil)

// byClient collects capsim_namespaces_by_client at scrape time.
type byClient struct{ f func() map[string]int }

func (b byClient) Describe(ch chan<- *prometheus.Desc) { ch <- byClientDesc }

func (b byClient) Collect(ch chan<- prometheus.Metric) {
	for client, n := range b.f() {
		ch <- prometheus.MustNewConstMetric(byClientDesc, prometheus.GaugeValue, float64(n), client)
	}
}

// Observe counts one answered request: its operation ("" for none), HTTP
// status, the codes it carried, the scenarios whose rules touched it
// (comma-separated, as RequestInfo.Scenario), whether a scenario made the
// answer, and how long it took.
func (m *Metrics) Observe(op string, status int, codes []int, scenarios string, injected bool, took time.Duration) {
	if op == "" {
		op = NoOperation
	}
	m.reqCache.LoadOrMake(reqKey{op, status, injected}, func() prometheus.Counter {
		return m.requests.WithLabelValues(op, strconv.Itoa(status), answer(injected))
	}).Inc()
	for _, code := range codes {
		m.codeCache.LoadOrMake(codeKey{op, code, injected}, func() prometheus.Counter {
			return m.codes.WithLabelValues(op, strconv.Itoa(code), answer(injected))
		}).Inc()
	}
	m.latCache.LoadOrMake(op, func() prometheus.Observer { return m.latency.WithLabelValues(op) }).Observe(took.Seconds())
	if scenarios != "" {
		for _, name := range strings.Split(scenarios, ",") {
			m.scenarios.WithLabelValues(m.scenarioLabel(name)).Inc()
		}
	}
}

func answer(injected bool) string {
	if injected {
		return "injected"
	}
	return "natural"
}

// scenarioLabel returns name, or "other" once maxScenarioLabels names are in use.
func (m *Metrics) scenarioLabel(name string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.known[name] {
		return name
	}
	if m.scenarioN >= maxScenarioLabels {
		return "other"
	}
	m.known[name] = true
	m.scenarioN++
	return name
}

// ContentType is the type of what Write writes: the Prometheus text format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Write writes every metric in the Prometheus text format.
func (m *Metrics) Write(w io.Writer) error {
	mfs, err := m.reg.Gather()
	if err != nil {
		return err
	}
	enc := expfmt.NewEncoder(w, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			return err
		}
	}
	return nil
}
