package server_test

import (
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/coverage"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// traffic sends a few requests in namespace ns: a natural 200, a natural
// 8015, an injected 1011 and a path no operation serves.
func traffic(s *simtest.Server, ns string) {
	h := []string{server.HeaderNamespace, ns}
	s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000", nil, h...)
	s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=10000000001", nil, h...)
	s.Do("GET", "/v1.1/customer/get?format=json&mobile=44700900000", nil, append(h, server.HeaderScenario, "customer-not-found")...)
	s.Do("GET", "/v2/nothing-here", nil, h...)
}

func coverageOf(t *testing.T, s *simtest.Server, target string, h ...string) coverage.Report {
	t.Helper()
	res := s.Do("GET", target, nil, h...)
	if res.Status != 200 {
		t.Fatalf("GET %s: %d %s", target, res.Status, res.Body)
	}
	var rep coverage.Report
	res.Decode(t, &rep)
	return rep
}

func operation(t *testing.T, rep coverage.Report, id string) coverage.Operation {
	t.Helper()
	for _, o := range rep.PerOperation {
		if o.OperationID == id {
			return o
		}
	}
	t.Fatalf("no operation %s in the report", id)
	return coverage.Operation{}
}

// TestCoverage checks what GET /__admin/coverage reports per namespace.
func TestCoverage(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	traffic(s, "cov")
	rep := coverageOf(t, s, "/__admin/coverage", server.HeaderNamespace, "cov")
	if rep.Namespace != "cov" || rep.Unmatched != 1 {
		t.Fatalf("namespace %q unmatched %d, want cov 1", rep.Namespace, rep.Unmatched)
	}
	if o := rep.Operations; o.Declared != len(rep.PerOperation) || o.Exercised != 2 || o.Natural != 1 || o.Injected != 1 {
		t.Fatalf("operations %+v (%d listed), want 2 exercised: 1 natural, 1 injected", o, len(rep.PerOperation))
	}
	lookup := operation(t, rep, "lookupCustomer")
	if lookup.Natural != 2 || lookup.Injected != 0 {
		t.Fatalf("lookupCustomer natural %d injected %d, want 2 0", lookup.Natural, lookup.Injected)
	}
	statuses := map[int]coverage.Status{}
	for _, st := range lookup.Statuses {
		statuses[st.Status] = st
	}
	if st := statuses[200]; !st.Declared || st.Natural != 1 {
		t.Errorf("lookupCustomer 200: %+v", st)
	}
	if st := statuses[400]; !st.Declared || st.Natural != 1 {
		t.Errorf("lookupCustomer 400: %+v", st)
	}
	if len(lookup.Codes) != 1 || lookup.Codes[0].Code != 8015 || !lookup.Codes[0].Declared || lookup.Codes[0].Natural != 1 {
		t.Errorf("lookupCustomer codes %+v, want 8015 once", lookup.Codes)
	}
	get := operation(t, rep, "getCustomersV11")
	found := false
	for _, c := range get.Codes {
		if c.Code == 1011 {
			found = c.Injected == 1 && c.Natural == 0
		}
	}
	if get.Injected != 1 || !found {
		t.Errorf("getCustomersV11: %+v, want one injected answer carrying 1011", get)
	}
	if rep.Codes.Exercised < 2 || rep.Codes.Natural < 1 || rep.Codes.Injected < 1 || rep.Codes.Declared < 100 {
		t.Errorf("codes %+v", rep.Codes)
	}
	if rep.Statuses.Exercised != 3 || rep.Statuses.Percent <= 0 {
		t.Errorf("statuses %+v, want 3 exercised", rep.Statuses)
	}

	// Other namespaces are apart; all=true adds them up; DELETE clears.
	if def := coverageOf(t, s, "/__admin/coverage"); def.Operations.Exercised != 0 || def.Namespace != "default" {
		t.Errorf("default namespace: %+v", def.Operations)
	}
	traffic(s, "other")
	if all := coverageOf(t, s, "/__admin/coverage?all=true"); all.Namespace != "*" || operation(t, all, "lookupCustomer").Natural != 4 || all.Unmatched != 2 {
		t.Errorf("all: %+v", all.Operations)
	}
	if q := coverageOf(t, s, "/__admin/coverage?namespace=other"); q.Namespace != "other" || q.Operations.Exercised != 2 {
		t.Errorf("?namespace=other: %+v", q.Operations)
	}
	if res := s.Do("DELETE", "/__admin/coverage", nil, server.HeaderNamespace, "cov"); res.Status != 200 {
		t.Fatalf("DELETE: %d %s", res.Status, res.Body)
	}
	if after := coverageOf(t, s, "/__admin/coverage", server.HeaderNamespace, "cov"); after.Operations.Exercised != 0 {
		t.Errorf("after DELETE: %+v", after.Operations)
	}

	res := s.Do("GET", "/__admin/coverage?format=html", nil, server.HeaderNamespace, "other")
	if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(res.Body), "lookupCustomer") {
		t.Errorf("html: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	for _, target := range []string{"/__admin/coverage?format=xml", "/__admin/coverage?all=maybe", "/__admin/coverage?namespace=bad%20name"} {
		if res := s.Do("GET", target, nil); res.Status != 400 {
			t.Errorf("%s: %d, want 400", target, res.Status)
		}
	}
}

// TestCoverageBounded checks that the recorder forgets the namespace seen
// least recently rather than grow.
func TestCoverageBounded(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	rec := coverage.New(s.Contract, 2)
	rec.Record("a", "lookupCustomer", 200, nil, false)
	rec.Record("b", "lookupCustomer", 200, nil, false)
	rec.Record("a", "lookupCustomer", 200, nil, false)
	rec.Record("c", "lookupCustomer", 200, nil, false) // b goes
	if got := rec.Report("b").Operations.Exercised; got != 0 {
		t.Errorf("b kept past the bound")
	}
	if got := rec.Report("a").Operations.Exercised; got != 1 {
		t.Errorf("a lost")
	}
}

// TestMetrics checks the Prometheus text of GET /__admin/metrics.
func TestMetrics(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	traffic(s, "met")
	res := s.Do("GET", "/__admin/metrics", nil)
	if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	body := string(res.Body)
	for _, want := range []string{
		`capsim_requests_total{answer="natural",operation="lookupCustomer",status="200"} 1`,
		`capsim_requests_total{answer="natural",operation="lookupCustomer",status="400"} 1`,
		`capsim_requests_total{answer="injected",operation="getCustomersV11",status="200"} 1`,
		`capsim_requests_total{answer="natural",operation="none",status="404"} 1`,
		`capsim_response_codes_total{answer="natural",code="8015",operation="lookupCustomer"} 1`,
		`capsim_response_codes_total{answer="injected",code="1011",operation="getCustomersV11"} 1`,
		`capsim_request_duration_seconds_count{operation="lookupCustomer"} 2`,
		`capsim_scenario_hits_total{scenario="customer-not-found"} 1`,
		`capsim_namespaces 2`,
		`capsim_journal_entries 4`,
		`capsim_journal_capacity 1000`,
		`capsim_clock_namespaces 0`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("no line %s", want)
		}
	}
	// Admin requests are not counted.
	if strings.Contains(body, "adminGet") || strings.Contains(body, "__admin") {
		t.Errorf("admin requests counted")
	}
	if t.Failed() {
		t.Logf("metrics:\n%s", body)
	}
}
