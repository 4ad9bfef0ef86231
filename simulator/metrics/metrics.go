// Package metrics keeps capsim's Prometheus metrics: requests by operation,
// status and code, latency, scenario hits, and gauges read at scrape time
// (namespaces, journal size). It writes the Prometheus text format itself,
// as client_golang's registry and encoder write it (TestWriteIsClientGolangs
// holds it to them): that library and the protobuf runtime it brings were a
// tenth of capsim's binary, linked into every test binary, for counters, one
// histogram and a text format.
package metrics

import (
	"bufio"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/simulator/internal/cow"
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

// latencyBuckets are the upper bounds of the latency histogram's buckets.
var latencyBuckets = [...]float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Metrics are capsim's metrics. It is safe for concurrent use.
type Metrics struct {
	g Gauges

	// Series by their labels: the request path finds its counters here
	// without a lock.
	requests  cow.Map[reqKey, *counter]
	codes     cow.Map[codeKey, *counter]
	latency   cow.Map[string, *histogram]
	scenarios cow.Map[string, *counter]

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

// counter is one series of a counter.
type counter struct{ n atomic.Uint64 }

// histogram is one series of the latency histogram: how many observations
// fell in each bucket (not cumulated; the last past every bound) and their sum.
type histogram struct {
	buckets [len(latencyBuckets) + 1]atomic.Uint64
	sumBits atomic.Uint64
}

func (h *histogram) observe(v float64) {
	h.buckets[sort.SearchFloat64s(latencyBuckets[:], v)].Add(1)
	for {
		old := h.sumBits.Load()
		if h.sumBits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// New returns the metrics with g's gauges.
func New(g Gauges) *Metrics {
	return &Metrics{g: g, known: map[string]bool{}}
}

// Observe counts one answered request: its operation ("" for none), HTTP
// status, the codes it carried, the scenarios whose rules touched it
// (comma-separated, as RequestInfo.Scenario), whether a scenario made the
// answer, and how long it took.
func (m *Metrics) Observe(op string, status int, codes []int, scenarios string, injected bool, took time.Duration) {
	if op == "" {
		op = NoOperation
	}
	m.requests.LoadOrMake(reqKey{op, status, injected}, newCounter).n.Add(1)
	for _, code := range codes {
		m.codes.LoadOrMake(codeKey{op, code, injected}, newCounter).n.Add(1)
	}
	m.latency.LoadOrMake(op, func() *histogram { return new(histogram) }).observe(took.Seconds())
	if scenarios != "" {
		for _, name := range strings.Split(scenarios, ",") {
			m.scenarios.LoadOrMake(m.scenarioLabel(name), newCounter).n.Add(1)
		}
	}
}

func newCounter() *counter { return new(counter) }

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

// Write writes every metric in the Prometheus text format (version 0.0.4):
// the families by name, each family's series by their label values.
func (m *Metrics) Write(w io.Writer) error {
	var fams []family
	add := func(f family) {
		if len(f.series) > 0 {
			fams = append(fams, f)
		}
	}
	add(m.requestsFamily())
	add(m.codesFamily())
	add(m.latencyFamily())
	add(m.scenariosFamily())
	if m.g.LogDropped != nil {
		add(family{name: "capsim_log_lines_dropped_total", typ: "counter",
			help:   "Access log lines dropped because the log's output (a terminal, a pipe) fell behind.",
			series: []series{{value: m.g.LogDropped()}}})
	}
	for _, gf := range []struct {
		name, help string
		f          func() float64
	}{
		{"capsim_namespaces", "Namespaces holding state.", m.g.Namespaces},
		{"capsim_journal_entries", "Requests the journal holds.", m.g.JournalEntries},
		{"capsim_journal_capacity", "Requests the journal can hold.", m.g.JournalCapacity},
		{"capsim_clock_namespaces", "Namespaces whose clock is not the wall clock.", m.g.Clocks},
	} {
		if gf.f != nil {
			add(family{name: gf.name, help: gf.help, typ: "gauge", series: []series{{value: gf.f()}}})
		}
	}
	if m.g.ByClient != nil {
		f := family{name: "capsim_namespaces_by_client", typ: "gauge",
			help: "Namespaces each client (credential) holds, against its share (--max-namespaces-per-client)."}
		for client, n := range m.g.ByClient() {
			f.series = append(f.series, series{labels: []label{{"client", client}}, value: float64(n)})
		}
		add(f)
	}
	slices.SortFunc(fams, func(a, b family) int { return strings.Compare(a.name, b.name) })
	bw := bufio.NewWriter(w)
	for _, f := range fams {
		f.write(bw)
	}
	return bw.Flush()
}

func (m *Metrics) requestsFamily() family {
	return counters("capsim_requests_total",
		"API requests answered, by operation, HTTP status (0: connection broken by a fault) and answer (natural or injected by a scenario).",
		&m.requests, func(k reqKey) []label {
			return []label{{"answer", answer(k.injected)}, {"operation", k.op}, {"status", strconv.Itoa(k.status)}}
		})
}

func (m *Metrics) codesFamily() family {
	return counters("capsim_response_codes_total",
		"API codes (status, item, error and warning codes) the answers carried, by operation, code and answer.",
		&m.codes, func(k codeKey) []label {
			return []label{{"answer", answer(k.injected)}, {"code", strconv.Itoa(k.code)}, {"operation", k.op}}
		})
}

func (m *Metrics) scenariosFamily() family {
	return counters("capsim_scenario_hits_total",
		"Requests a scenario's rule answered, delayed or broke, by scenario (\"other\" past 256 names).",
		&m.scenarios, func(name string) []label { return []label{{"scenario", name}} })
}

// counters is the counter family name of the series in cs, each labelled
// by labels of its key (sorted by label name).
func counters[K comparable](name, help string, cs *cow.Map[K, *counter], labels func(K) []label) family {
	f := family{name: name, help: help, typ: "counter"}
	cs.Range(func(k K, c *counter) {
		f.series = append(f.series, series{labels: labels(k), value: float64(c.n.Load())})
	})
	return f
}

func (m *Metrics) latencyFamily() family {
	f := family{name: "capsim_request_duration_seconds", typ: "histogram",
		help: "Time from a request's arrival to the end of its answer, by operation."}
	m.latency.Range(func(op string, h *histogram) {
		s := series{labels: []label{{"operation", op}}, sum: math.Float64frombits(h.sumBits.Load())}
		var n uint64
		for i := range h.buckets {
			n += h.buckets[i].Load()
			s.cumulative = append(s.cumulative, n)
		}
		f.series = append(f.series, s)
	})
	return f
}

// family is one metric family as Write writes it.
type family struct {
	name, help, typ string
	series          []series
}

// series is one series: its labels, sorted by name, and its value; a
// histogram's series has its cumulative bucket counts (the last is every
// observation) and sum instead.
type series struct {
	labels     []label
	value      float64
	cumulative []uint64
	sum        float64
}

type label struct{ name, value string }

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	valueEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

// write writes f's HELP and TYPE lines, then its samples in the order of
// their label values.
func (f family) write(w *bufio.Writer) {
	slices.SortFunc(f.series, func(a, b series) int {
		for i := range a.labels {
			if c := strings.Compare(a.labels[i].value, b.labels[i].value); c != 0 {
				return c
			}
		}
		return 0
	})
	w.WriteString("# HELP " + f.name + " ")
	helpEscaper.WriteString(w, f.help)
	w.WriteString("\n# TYPE " + f.name + " " + f.typ + "\n")
	for _, s := range f.series {
		if f.typ != "histogram" {
			sample(w, f.name, s.labels, "", s.value)
			continue
		}
		last := len(s.cumulative) - 1
		for i, bound := range latencyBuckets {
			sample(w, f.name+"_bucket", s.labels, formatFloat(bound), float64(s.cumulative[i]))
		}
		sample(w, f.name+"_bucket", s.labels, "+Inf", float64(s.cumulative[last]))
		sample(w, f.name+"_sum", s.labels, "", s.sum)
		sample(w, f.name+"_count", s.labels, "", float64(s.cumulative[last]))
	}
}

// sample writes one sample line: name, the labels (and le, if not ""), value.
func sample(w *bufio.Writer, name string, labels []label, le string, value float64) {
	w.WriteString(name)
	sep := byte('{')
	for _, l := range labels {
		w.WriteByte(sep)
		w.WriteString(l.name + `="`)
		valueEscaper.WriteString(w, l.value)
		w.WriteByte('"')
		sep = ','
	}
	if le != "" {
		w.WriteByte(sep)
		w.WriteString(`le="` + le + `"`)
		sep = ','
	}
	if sep == ',' {
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	w.WriteString(formatFloat(value))
	w.WriteByte('\n')
}

// formatFloat writes f as the text format does: shortest 'g' form, and
// +Inf, -Inf and NaN by name.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, +1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
