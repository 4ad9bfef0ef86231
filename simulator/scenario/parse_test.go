package scenario_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/scenarios"
	"github.com/capsim/capsim/simulator/internal/nametest"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

func TestParseComplete(t *testing.T) {
	t.Parallel()
	src := `
name: checkout-retries
description: Every feature of the format at once.
seed: 42
rules:
  - name: lookup-twice-then-ok
    match:
      operation: [lookupCustomer, "GET /v2/customers/{id}"]
      customer: {mobile: "919111111111", email: A@B.COM}
      query: {source: [INSTORE, ALL]}
      headers: {x-trace: {present: true}}
    answer:
      code: CodeCustomerNotFoundV2
      delay: {lognormal: {median: 100ms, sigma: 0.3}, max: 1s}
    when:
      sequence: [fail, fail, pass]
      repeat: true
  - name: issue-committed
    match:
      operation: POST /v2/promotion/issue
      body: {programId: 469}
    answer:
      status: 500
      body: {warnings: [], errors: [{status: false, code: 500, message: boom}]}
    when: {first: 1}
    commit: after-commit
  - name: reset-sometimes
    match: {api: v2}
    answer: {fault: reset}
    when: {probability: 0.1}
  - name: throttle-later
    match: {operation: registerCustomer}
    answer: {rateLimit: {retryAfter: 30}}
    when: {after: 5}
  - name: dribble
    answer:
      slowBody: {chunks: 4, duration: 200ms}
      delay: {uniform: {min: 10ms, max: 20ms}}
`
	ss, err := scenario.Parse("retries.yaml", []byte(src), simtest.Contract(t), server.Envelopes(simtest.Contract(t)))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(ss) != 1 || len(ss[0].Rules) != 5 {
		t.Fatalf("got %d scenarios", len(ss))
	}
	s := ss[0]
	if got, want := s.Name, "checkout-retries"; got != want {
		t.Fatalf("name %q, want %q", got, want)
	}
	r := s.Rules[0]
	if got := len(r.Match.Operations); got != 2 {
		t.Fatalf("operations %d, want 2", got)
	}
	if got, want := r.When.String(), "sequence [fail, fail, pass] repeated"; got != want {
		t.Fatalf("when %q, want %q", got, want)
	}
	if r.Answer.Delay.Cap != time.Second || r.Answer.Delay.Kind != scenario.DelayLognormal {
		t.Fatalf("delay %+v", r.Answer.Delay)
	}
	if got, want := s.Rules[1].Commit, scenario.AfterCommit; got != want {
		t.Fatalf("commit %q, want %q", got, want)
	}
	if got, want := s.Rules[3].Answer.RateLimit.RetryAfter, 30*time.Second; got != want {
		t.Fatalf("retryAfter %s, want %s", got, want)
	}
	if got, want := s.Rules[4].Name, "dribble"; got != want {
		t.Fatalf("rule name %q, want %q", got, want)
	}
}

// TestParseRefuses checks each kind of bad file is refused with its line.
func TestParseRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		src    string
		line   int
		reason string
	}{
		{"unknown top-level key", "name: x\nrulez: []\n", 2, `unknown key "rulez" in a scenario`},
		{"unknown answer key", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer:\n      cod: 8015\n", 5, `unknown key "cod" in answer`},
		{"unknown match key", "name: x\nrules:\n  - match: {operation: lookupCustomer, mobile: 1}\n    answer: {code: 8015}\n", 3, `unknown key "mobile" in match`},
		{"unknown customer key", "name: x\nrules:\n  - match:\n      customer: {phone: 1}\n    answer: {code: 8015}\n", 4, `unknown key "phone" in customer`},
		{"code not in catalogue for the API", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 1011}\n", 4, "code 1011: not a v2 code in the catalogue"},
		{"code unknown number", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 99999}\n", 4, "not a v2 code"},
		{"code unknown name", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: CodeNope}\n", 4, "no such code in the catalogue"},
		{"code of the other API", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: CodeSuccess}\n", 4, "CodeSuccess is a v1.1 code, not a v2 one"},
		{"undeclared status", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {status: 418}\n", 4, "gives HTTP 418, which operation lookupCustomer does not declare"},
		{"warning where the body cannot carry it", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8890}\n", 4, "would break the contract of operation lookupCustomer"},
		{"raw body that breaks the contract", "name: x\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {status: 400, body: '{\"oops\": 1}'}\n", 4, "would break the contract"},
		{"operation that does not exist", "name: x\nrules:\n  - match: {operation: lookupCustomers}\n    answer: {code: 8015}\n", 3, `operation "lookupCustomers" does not exist`},
		{"path that does not exist", "name: x\nrules:\n  - match: {operation: GET /v2/customer/lookup}\n    answer: {code: 8015}\n", 3, `operation "GET /v2/customer/lookup" does not exist`},
		{"admin operation", "name: x\nrules:\n  - match: {operation: adminHealth}\n    answer: {fault: reset}\n", 3, "not an API operation"},
		{"two answers", "name: x\nrules:\n  - answer: {code: 500, fault: reset}\n", 3, "give only one of code, status, rateLimit, fault"},
		{"empty answer", "name: x\nrules:\n  - answer: {}\n", 3, "give one of code"},
		{"body without status", "name: x\nrules:\n  - answer: {code: 500, body: x}\n", 3, "body and headers go with status"},
		{"bad fault", "name: x\nrules:\n  - answer: {fault: explode}\n", 3, `fault "explode"`},
		{"probability out of range", "name: x\nrules:\n  - answer: {fault: reset}\n    when: {probability: 2}\n", 4, "when.probability must be a number in (0, 1]"},
		{"two whens", "name: x\nrules:\n  - answer: {fault: reset}\n    when: {first: 1, after: 2}\n", 4, "give exactly one of first, after"},
		{"bad sequence step", "name: x\nrules:\n  - answer: {fault: reset}\n    when: {sequence: [fail, maybe]}\n", 4, "want fail or pass"},
		{"bad duration", "name: x\nrules:\n  - answer: {delay: 5}\n", 3, "delay must be a duration"},
		{"bad commit", "name: x\nrules:\n  - answer: {fault: reset}\n    commit: later\n", 4, `commit "later"`},
		{"after-commit without an answer", "name: x\nrules:\n  - answer: {delay: 1s}\n    commit: after-commit\n", 4, "after-commit needs an answer"},
		{"duplicate key", "name: x\nname: y\nrules:\n  - answer: {fault: reset}\n", 2, `key "name" appears twice`},
		{"yaml syntax", "name: x\nrules:\n  - answer: {fault: reset\n", 3, "did not find expected"},
		{"empty file", "", 1, "the file is empty"},
		{"no rules", "name: x\n", 1, "has no rules"},
		{"bad name", "name: 'a b'\nrules:\n  - answer: {fault: reset}\n", 1, `name "a b"`},
		{"unnamed scenario in a multi-document file", "rules:\n  - answer: {fault: reset}\n---\nname: y\nrules:\n  - answer: {fault: reset}\n", 1, "needs a name"},
		{"rule name used twice", "name: x\nrules:\n  - {name: a, answer: {fault: reset}}\n  - {name: a, answer: {fault: reset}}\n", 4, `rule name "a" is used twice`},
		{"api and operation disagree", "name: x\nrules:\n  - match: {api: v1.1, operation: lookupCustomer}\n    answer: {fault: reset}\n", 3, "is a v2 operation, but api is v1.1"},
		{"bad regex", "name: x\nrules:\n  - match: {query: {source: {regex: '('}}}\n    answer: {fault: reset}\n", 3, "regex"},
		{"value matcher with two tests", "name: x\nrules:\n  - match: {query: {source: {prefix: a, contains: b}}}\n    answer: {fault: reset}\n", 3, "give exactly one of equals"},
		{"rules not a list", "name: x\nrules: {a: 1}\n", 2, "rules must be a non-empty list"},
		{"scalar document", "just a string\n", 1, "a scenario must be a mapping"},
		{"fault with slow body", "name: x\nrules:\n  - answer: {fault: empty, slowBody: {chunks: 2}}\n", 3, "drop slowBody"},
		{"retryAfter too small", "name: x\nrules:\n  - match: {api: v2}\n    answer: {rateLimit: {retryAfter: 100ms}}\n", 4, "at least 1s"},
	}
	c := simtest.Contract(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenario.Parse("bad.yaml", []byte(tc.src), c, server.Envelopes(c))
			var probs scenario.Problems
			if !errors.As(err, &probs) || len(probs) == 0 {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range probs {
				if p.File != "bad.yaml" {
					t.Errorf("problem names file %q, want bad.yaml", p.File)
				}
				if p.Line == tc.line && strings.Contains(p.Reason, tc.reason) {
					return
				}
			}
			t.Fatalf("want bad.yaml:%d: ...%s..., got:\n%v", tc.line, tc.reason, err)
		})
	}
}

// TestProblemsFormat checks the file:line: reason form CI logs show.
func TestProblemsFormat(t *testing.T) {
	t.Parallel()
	_, err := scenario.Parse("team/lookup.yaml", []byte("name: x\nrules:\n  - answer: {fault: nope}\n"), simtest.Contract(t), server.Envelopes(simtest.Contract(t)))
	if got, want := err.Error(), `team/lookup.yaml:3: fault "nope": want reset, empty or garbage (slowBody and delay are keys of their own)`; got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// TestBuiltinsParse checks every shipped scenario parses against the contract
// and names real codes.
func TestBuiltinsParse(t *testing.T) {
	t.Parallel()
	e := scenario.NewEngine(simtest.Contract(t), server.Envelopes(simtest.Contract(t)))
	ss, probs := e.LoadFS(scenarios.FS, scenario.SourceBuiltin, "scenarios")
	if len(probs) > 0 {
		t.Fatalf("built-in scenarios refused:\n%v", probs)
	}
	if len(ss) < 6 {
		t.Fatalf("%d built-in scenarios, want at least 6", len(ss))
	}
	// Every shipped scenario is exercised by a test of its own.
	tested := map[string]string{
		"lookup-not-found":     "TestLookupNotFound",
		"customer-not-found":   "TestCustomerNotFound",
		"promotion-not-issued": "TestPromotionNotIssued",
		"rate-limited":         "TestRateLimited",
		"slow":                 "TestSlow",
		"flaky-5xx":            "TestFlaky5xx",
	}
	for _, s := range ss {
		if s.Description == "" {
			t.Errorf("%s: no description", s.Name)
		}
		if tested[s.Name] == "" {
			t.Errorf("built-in %s has no test: write one and list it here", s.Name)
		}
	}
}

// FuzzScenario feeds arbitrary bytes to the parser: no input may panic.
func FuzzScenario(f *testing.F) {
	names, _ := scenarios.FS.ReadDir(".")
	for _, n := range names {
		if b, err := scenarios.FS.ReadFile(n.Name()); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("name: x\nrules:\n  - match: {customer: {mobile: [1, 2]}, body: {a.b.c: {regex: '^x'}}}\n    answer: {code: 8015, delay: {lognormal: {median: 1ms}}}\n    when: {sequence: [fail, pass], repeat: true}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("---\n---\n"))
	c := simtest.Contract(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := scenario.Parse("fuzz.yaml", data, c, server.Envelopes(c))
		if err == nil && len(ss) == 0 {
			t.Fatalf("no error and no scenario")
		}
	})
}

// TestValidName checks the scenario and rule name check against the regexp
// it replaced.
func TestValidName(t *testing.T) {
	t.Parallel()
	nametest.Agree(t, `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`, scenario.ValidName)
}
