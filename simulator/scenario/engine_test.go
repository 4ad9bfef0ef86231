package scenario_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/simtest"
)

// calls makes n lookups of Huck under the scenario name and returns their
// pattern: X for an injected 8015, . for a normal answer.
func calls(t *testing.T, s *simtest.Server, name string, n int, headers ...string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		res := s.Do("GET", lookupHuck, nil, append(use(name), headers...)...)
		switch res.Status {
		case 200:
			b.WriteByte('.')
		case 400:
			b.WriteByte('X')
		default:
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
	}
	return b.String()
}

// TestWhen drives each kind of when.
func TestWhen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, when, want string
	}{
		{"always", "always", "XXXXXX"},
		{"first 2", "{first: 2}", "XX...."},
		{"after 2", "{after: 2}", "..XXXX"},
		{"sequence", "{sequence: [fail, fail, pass]}", "XX...."},
		{"sequence repeated", "{sequence: [fail, pass, pass], repeat: true}", "X..X.."},
		{"sequence ending in fail", "{sequence: [pass, fail]}", ".XXXXX"},
		{"probability 1", "{probability: 1}", "XXXXXX"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			load(t, s, "name: w\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n    when: "+tc.when+"\n")
			if got := calls(t, s, "w", 6); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestMatchers checks each matcher selects the calls it names.
func TestMatchers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, match string
		hit, miss   [2]string // method+target, body
	}{
		{"customer mobile on lookup", `{customer: {mobile: "919111111111"}}`,
			[2]string{"GET " + lookupHuck}, [2]string{"GET /v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=" + jimMobile}},
		{"customer id on get", `{customer: {id: 329}}`,
			[2]string{"GET /v2/customers/329?source=INSTORE"}, [2]string{"GET /v2/customers/17742?source=INSTORE"}},
		{"customer email, any case", `{customer: {email: Huck.Finn@Example.com}}`,
			[2]string{"GET /v2/customers/lookup?source=INSTORE&identifierName=email&identifierValue=huck.finn@example.com"}, [2]string{"GET " + lookupHuck}},
		{"customer on promotion issue", `{customer: {mobile: ["1", "18767431754"]}}`,
			[2]string{"POST " + issueForJim, welcomeBonus}, [2]string{"POST /v2/promotion/issue?identifierName=id&identifierValue=17742&source=INSTORE", welcomeBonus}},
		{"customer on registration body", `{customer: {mobile: {prefix: "4479"}}}`,
			[2]string{"POST /v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447912345678"}]}]}`},
			[2]string{"POST /v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447812345678"}]}]}`}},
		{"query", `{query: {source: ALL}}`,
			[2]string{"GET /v2/customers/329?source=ALL"}, [2]string{"GET /v2/customers/329?source=INSTORE"}},
		{"query absent", `{query: {embed: {present: false}}}`,
			[2]string{"GET /v2/customers/329?source=INSTORE"}, [2]string{"GET /v2/customers/329?source=INSTORE&embed=points"}},
		{"body field", `{operation: issuePromotion, body: {promotionId: 65777}}`,
			[2]string{"POST " + issueForJim, welcomeBonus}, [2]string{"POST " + issueForJim, `{"programId": 469, "promotionId": 57099}`}},
		{"operation by method and path", `{operation: "GET /v2/customers/{id}"}`,
			[2]string{"GET /v2/customers/329?source=INSTORE"}, [2]string{"GET " + lookupHuck}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			load(t, s, "name: m\nrules:\n  - match: "+tc.match+"\n    answer: {code: 500}\n")
			for _, c := range []struct {
				req  [2]string
				want bool
			}{{tc.miss, false}, {tc.hit, true}} {
				method, target, _ := strings.Cut(c.req[0], " ")
				var body any
				if c.req[1] != "" {
					body = c.req[1]
				}
				res := s.Do(method, target, body, use("m")...)
				if got := res.Status == 500; got != c.want {
					t.Fatalf("%s: injected %v, want %v (%d %s)", c.req[0], got, c.want, res.Status, res.Body)
				}
			}
		})
	}
}

// TestHeaderMatcher matches on a request header, names case-insensitive.
func TestHeaderMatcher(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, "name: by-header\nrules:\n  - match: {api: v2, headers: {x-test-case: {contains: checkout}}}\n    answer: {code: 8015}\n")
	if got := calls(t, s, "by-header", 1, "X-Test-Case", "login-1"); got != "." {
		t.Fatalf("got %s without the header value", got)
	}
	if got := calls(t, s, "by-header", 1, "X-Test-Case", "checkout-7"); got != "X" {
		t.Fatalf("got %s with it", got)
	}
}

// TestNamespacesParallel: two namespaces used at once never see each
// other's customers, and each has its own "first 3" of the same rule.
func TestNamespacesParallel(t *testing.T) {
	t.Parallel()
	s, jobA, jobB := simtest.Shared(t), simtest.Shared(t), simtest.Shared(t)
	load(t, s, "name: first-3\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n    when: {first: 3}\n")
	mobiles := map[string]string{jobA.Namespace: "447001110001", jobB.Namespace: "447002220002"}
	patterns := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for ns, mobile := range mobiles {
		wg.Add(1)
		go func(ns, mobile string) {
			defer wg.Done()
			body := `{"profiles":[{"identifiers":[{"type":"mobile","value":"` + mobile + `"}]}]}`
			if res := s.Do("POST", "/v2/customers?source=INSTORE", body, "X-Capsim-Namespace", ns); res.Status != 200 {
				t.Errorf("%s register: %d %s", ns, res.Status, res.Body)
			}
			var b strings.Builder
			for i := 0; i < 6; i++ {
				res := s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="+mobile, nil,
					"X-Capsim-Namespace", ns, "X-Capsim-Scenario", "first-3")
				b.WriteString(map[int]string{200: ".", 400: "X"}[res.Status])
			}
			mu.Lock()
			patterns[ns] = b.String()
			mu.Unlock()
		}(ns, mobile)
	}
	wg.Wait()
	for ns, p := range patterns {
		if p != "XXX..." {
			t.Errorf("%s: %s, want XXX... (its own first 3)", ns, p)
		}
	}
	// Each namespace sees its customer and not the other's.
	for ns, mobile := range mobiles {
		for other, m := range mobiles {
			res := s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="+m, nil, "X-Capsim-Namespace", ns)
			if got, want := res.Status == 200, ns == other; got != want {
				t.Errorf("namespace %s sees %s's customer %s: %v, want %v", ns, other, mobile, got, want)
			}
		}
	}
	// Counters are per namespace.
	sc, _ := s.Scenarios().Get("first-3")
	for ns := range mobiles {
		c := s.Scenarios().Counters(sc.Rules[0], ns)
		if c.Matched != 6 || c.Fired != 3 {
			t.Errorf("%s counters %+v, want 6 matched, 3 fired", ns, c)
		}
	}
}

// TestAfterCommit: the handler's state change is kept though the client
// got an error; the journal records what the client saw.
func TestAfterCommit(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, `
name: committed-but-failed
rules:
  - match: {operation: registerCustomer}
    answer: {code: 500}
    commit: after-commit
`)
	mobile := "447003330003"
	lookup := "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=" + mobile
	simtest.ExpectCodes(t, s.Do("GET", lookup, nil), 400, []int{8015}, nil)
	body := `{"profiles":[{"identifiers":[{"type":"mobile","value":"` + mobile + `"}]}]}`
	res := s.Do("POST", "/v2/customers?source=INSTORE", body, use("committed-but-failed")...)
	simtest.ExpectCodes(t, res, 500, []int{500}, nil)
	simtest.ExpectCodes(t, s.Do("GET", lookup, nil), 200, nil, nil)

	entries, _ := s.Journal().Find(&admin.Filter{Operation: "registerCustomer", Namespace: s.Namespace}, 1)
	if len(entries) != 1 {
		t.Fatalf("journal has %d registrations", len(entries))
	}
	e := entries[0]
	if e.Commit != "after-commit" || e.Status != 500 || len(e.Codes) != 1 || e.Codes[0] != 500 || e.Scenario != "committed-but-failed" {
		b, _ := json.Marshal(e)
		t.Fatalf("journal entry %s", b)
	}
	// A naive retry now meets the customer it created: the client's
	// retry logic has to cope with 8006.
	simtest.ExpectCodes(t, s.Do("POST", "/v2/customers?source=INSTORE", body), 400, []int{8006}, nil)
}

// TestBeforeHandlerKeepsNoState: the default commit mode changes nothing.
func TestBeforeHandlerKeepsNoState(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, "name: register-fails\nrules:\n  - match: {operation: registerCustomer}\n    answer: {code: 500}\n")
	mobile := "447004440004"
	body := `{"profiles":[{"identifiers":[{"type":"mobile","value":"` + mobile + `"}]}]}`
	simtest.ExpectCodes(t, s.Do("POST", "/v2/customers?source=INSTORE", body, use("register-fails")...), 500, []int{500}, nil)
	simtest.ExpectCodes(t, s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="+mobile, nil), 400, []int{8015}, nil)
}

// TestActivation: globally, per namespace, and the header on top.
func TestActivation(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // global activation: a simulator of its own
	load(t, s, "name: w\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n")
	status := func(ns string) int {
		return s.Do("GET", lookupHuck, nil, "X-Capsim-Namespace", ns).Status
	}
	post := func(target string) {
		if res := s.Do("POST", target, nil); res.Status != 200 {
			t.Fatalf("%s: %d %s", target, res.Status, res.Body)
		}
	}
	post("/__admin/scenarios/w/activate?namespace=team-a")
	if status("team-a") != 400 || status("team-b") != 200 {
		t.Fatalf("per-namespace activation leaks or does nothing")
	}
	post("/__admin/scenarios/w/activate")
	if status("team-b") != 400 {
		t.Fatalf("global activation does nothing")
	}
	post("/__admin/scenarios/w/deactivate")
	post("/__admin/scenarios/w/deactivate?namespace=team-a")
	if status("team-a") != 200 || status("team-b") != 200 {
		t.Fatalf("deactivation does nothing")
	}
}
