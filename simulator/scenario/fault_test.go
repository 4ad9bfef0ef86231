package scenario_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

const faults = `
name: faults
rules:
  - name: reset
    match: {headers: {X-Fault: reset}}
    answer: {fault: reset}
  - name: empty
    match: {headers: {X-Fault: empty}}
    answer: {fault: empty}
  - name: garbage
    match: {headers: {X-Fault: garbage}}
    answer: {fault: garbage}
  - name: delay
    match: {headers: {X-Fault: delay}}
    answer: {delay: 150ms}
  - name: slow-body
    match: {headers: {X-Fault: slow-body}}
    answer: {slowBody: {chunks: 4, duration: 200ms}}
  - name: throttle
    match: {api: v2, headers: {X-Fault: throttle}}
    answer: {rateLimit: {retryAfter: 7}}
  - name: reset-after-commit
    match: {operation: registerCustomer, headers: {X-Fault: commit-reset}}
    answer: {fault: reset}
    commit: after-commit
`

// client sends over a fresh connection each time, so that a broken one is
// never retried on another.
var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

func send(t *testing.T, srv *httptest.Server, ns, method, target, body, fault string) (*http.Response, []byte, time.Duration, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, srv.URL+target, rd)
	req.Header.Set("Authorization", simtest.BasicAuth)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(scenario.HeaderScenario, "faults")
	req.Header.Set("X-Fault", fault)
	req.Header.Set(server.HeaderNamespace, ns)
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return nil, nil, time.Since(start), err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res, b, time.Since(start), err
}

// TestTransportFaults observes each fault from a real client over a real
// connection (127.0.0.1).
func TestTransportFaults(t *testing.T) {
	t.Parallel() // it waits on the clock: overlap the waits
	s := simtest.Shared(t)
	load(t, s, faults)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close) // after the parallel subtests

	t.Run("reset", func(t *testing.T) {
		_, _, _, err := send(t, srv, s.Namespace, "GET", lookupHuck, "", "reset")
		if err == nil {
			t.Fatal("want a client error")
		}
		t.Logf("client saw: %v", err)
	})
	t.Run("empty", func(t *testing.T) {
		_, _, _, err := send(t, srv, s.Namespace, "GET", lookupHuck, "", "empty")
		if err == nil || !(errors.Is(err, io.EOF) || strings.Contains(err.Error(), "EOF")) {
			t.Fatalf("want EOF, got %v", err)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		_, _, _, err := send(t, srv, s.Namespace, "GET", lookupHuck, "", "garbage")
		if err == nil || !strings.Contains(err.Error(), "malformed HTTP") {
			t.Fatalf("want a malformed response, got %v", err)
		}
	})
	t.Run("delay", func(t *testing.T) {
		t.Parallel() // waits on the clock: overlap the waits
		res, body, took, err := send(t, srv, s.Namespace, "GET", lookupHuck, "", "delay")
		if err != nil || res.StatusCode != 200 || !strings.Contains(string(body), `"entity":329`) {
			t.Fatalf("%v %v %s", err, res, body)
		}
		if took < 150*time.Millisecond {
			t.Fatalf("answered after %s, want at least 150ms", took)
		}
	})
	t.Run("slow body", func(t *testing.T) {
		t.Parallel() // waits on the clock: overlap the waits
		res, body, took, err := send(t, srv, s.Namespace, "GET", "/v2/customers/329?source=INSTORE", "", "slow-body")
		if err != nil || res.StatusCode != 200 || !strings.Contains(string(body), `"profiles"`) {
			t.Fatalf("%v %v %s", err, res, body)
		}
		if took < 125*time.Millisecond {
			t.Fatalf("body took %s, want about 150ms", took)
		}
	})
	t.Run("429", func(t *testing.T) {
		res, _, _, err := send(t, srv, s.Namespace, "GET", lookupHuck, "", "throttle")
		if err != nil || res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "7" {
			t.Fatalf("%v %+v", err, res)
		}
	})
	t.Run("reset after commit", func(t *testing.T) {
		mobile := "447005550005"
		_, _, _, err := send(t, srv, s.Namespace, "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"`+mobile+`"}]}]}`, "commit-reset")
		if err == nil {
			t.Fatal("want a client error")
		}
		res, _, _, err := send(t, srv, s.Namespace, "GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="+mobile, "", "none")
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("the customer was not committed: %v %+v", err, res)
		}
	})
	// The journal saw every fault.
	for _, f := range []string{"reset", "empty", "garbage"} {
		entries, _ := s.Journal().Find(&admin.Filter{Scenario: "faults", Namespace: s.Namespace}, 100)
		found := false
		for _, e := range entries {
			if e.Fault == f && e.Status == 0 && e.Rule == f {
				found = true
			}
		}
		if !found {
			t.Errorf("journal has no %s fault", f)
		}
	}
}
