package metrics

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestScenarioLabelsBounded(t *testing.T) {
	m := New(Gauges{})
	for i := 0; i < maxScenarioLabels+10; i++ {
		m.Observe("op", 200, nil, "s"+strings.Repeat("x", i), true, time.Millisecond)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "capsim_scenario_hits_total{"); got != maxScenarioLabels+1 {
		t.Fatalf("%d scenario series, want %d (the rest as other)", got, maxScenarioLabels+1)
	}
	if !strings.Contains(buf.String(), `capsim_scenario_hits_total{scenario="other"} 10`) {
		t.Fatalf("no other series:\n%s", buf.String())
	}
}

// BenchmarkObserve prices what the request path pays for the metrics.
func BenchmarkObserve(b *testing.B) {
	m := New(Gauges{})
	codes := []int{8015}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.Observe("getCustomer", 200, codes, "", false, time.Millisecond)
	}
}
