package metrics

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

// reference is what Metrics was before it wrote the text format itself:
// client_golang's registry and vectors, with the same names, help, labels
// and buckets, written by its text encoder. Only this test links them.
type reference struct {
	reg                        *prometheus.Registry
	requests, codes, scenarios *prometheus.CounterVec
	latency                    *prometheus.HistogramVec
	scenarioLabel              func(string) string
}

func newReference(g Gauges) *reference {
	r := &reference{reg: prometheus.NewRegistry()}
	r.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_requests_total",
		Help: "API requests answered, by operation, HTTP status (0: connection broken by a fault) and answer (natural or injected by a scenario).",
	}, []string{"operation", "status", "answer"})
	r.codes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_response_codes_total",
		Help: "API codes (status, item, error and warning codes) the answers carried, by operation, code and answer.",
	}, []string{"operation", "code", "answer"})
	r.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "capsim_request_duration_seconds",
		Help:    "Time from a request's arrival to the end of its answer, by operation.",
		Buckets: latencyBuckets[:],
	}, []string{"operation"})
	r.scenarios = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "capsim_scenario_hits_total",
		Help: "Requests a scenario's rule answered, delayed or broke, by scenario (\"other\" past 256 names).",
	}, []string{"scenario"})
	r.reg.MustRegister(r.requests, r.codes, r.latency, r.scenarios)
	if g.LogDropped != nil {
		r.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "capsim_log_lines_dropped_total",
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
			r.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: gf.name, Help: gf.help}, gf.f))
		}
	}
	if g.ByClient != nil {
		r.reg.MustRegister(byClientCollector{g.ByClient})
	}
	return r
}

var byClientDesc = prometheus.NewDesc("capsim_namespaces_by_client",
	"Namespaces each client (credential) holds, against its share (--max-namespaces-per-client).", []string{"client"}, nil)

type byClientCollector struct{ f func() map[string]int }

func (b byClientCollector) Describe(ch chan<- *prometheus.Desc) { ch <- byClientDesc }

func (b byClientCollector) Collect(ch chan<- prometheus.Metric) {
	for client, n := range b.f() {
		ch <- prometheus.MustNewConstMetric(byClientDesc, prometheus.GaugeValue, float64(n), client)
	}
}

func (r *reference) observe(op string, status int, codes []int, scenarios string, injected bool, took time.Duration) {
	if op == "" {
		op = NoOperation
	}
	r.requests.WithLabelValues(op, strconv.Itoa(status), answer(injected)).Inc()
	for _, code := range codes {
		r.codes.WithLabelValues(op, strconv.Itoa(code), answer(injected)).Inc()
	}
	r.latency.WithLabelValues(op).Observe(took.Seconds())
	if scenarios != "" {
		for _, name := range strings.Split(scenarios, ",") {
			r.scenarios.WithLabelValues(r.scenarioLabel(name)).Inc()
		}
	}
}

func (r *reference) write(t *testing.T) string {
	mfs, err := r.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}

// TestWriteIsClientGolangs feeds the same requests to Metrics and to the
// client_golang metrics it replaced, and wants the same bytes from both
// after every few: every family, label order and escape, bucket bound, sum
// and count, with series appearing in any order.
func TestWriteIsClientGolangs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		gauges bool
	}{{"no gauges", false}, {"every gauge", true}} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 11))
			var g Gauges
			clients := map[string]int{}
			if tc.gauges {
				g = Gauges{
					Namespaces:      func() float64 { return 3 },
					JournalEntries:  func() float64 { return 0 },
					JournalCapacity: func() float64 { return 1000 },
					Clocks:          func() float64 { return 1 },
					LogDropped:      func() float64 { return 1e6 },
					ByClient:        func() map[string]int { return clients },
				}
			}
			m := New(g)
			ref := newReference(g)
			ref.scenarioLabel = m.scenarioLabel // one bound for both
			ops := []string{"", "lookupCustomer", "getCustomersV11", `we"ird\op` + "\n", "addTransactionV11"}
			statuses := []int{0, 200, 400, 404, 500, 503}
			scenarios := []string{"", "slow", "customer-not-found", "slow,flaky-5xx", `a"b\c`}
			for i := range 3000 {
				op := ops[rng.IntN(len(ops))]
				status := statuses[rng.IntN(len(statuses))]
				var codes []int
				for range rng.IntN(3) {
					codes = append(codes, []int{200, 1011, 8015, 8890, 91001}[rng.IntN(5)])
				}
				scen := scenarios[rng.IntN(len(scenarios))]
				injected := rng.IntN(4) == 0
				// Durations around and at the buckets' bounds, and past the last.
				took := time.Duration(rng.ExpFloat64() * float64(5*time.Millisecond))
				if rng.IntN(10) == 0 {
					took = time.Duration(latencyBuckets[rng.IntN(len(latencyBuckets))] * float64(time.Second))
				}
				if rng.IntN(500) == 0 {
					took = 12 * time.Second
				}
				m.Observe(op, status, codes, scen, injected, took)
				ref.observe(op, status, codes, scen, injected, took)
				clients["till:"+strconv.Itoa(rng.IntN(5))] = i
				if i%500 == 0 || i == 2999 {
					var got bytes.Buffer
					if err := m.Write(&got); err != nil {
						t.Fatal(err)
					}
					if want := ref.write(t); got.String() != want {
						t.Fatalf("after %d requests, Write wrote\n%s\nclient_golang writes\n%s", i+1, got.String(), want)
					}
				}
			}
		})
	}
}

// TestWriteEmpty: with no requests and no gauges there is nothing to write.
func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := New(Gauges{}).Write(&buf); err != nil || buf.Len() != 0 {
		t.Fatalf("wrote %q, %v", buf.String(), err)
	}
}
