package scenario_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/simtest"
)

const (
	huckMobile   = "919111111111" // customer 329, INSTORE
	jimMobile    = "18767431754"  // customer 52350728, INSTORE
	lookupHuck   = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=" + huckMobile
	issueForJim  = "/v2/promotion/issue?identifierName=mobile&identifierValue=" + jimMobile + "&source=INSTORE"
	welcomeBonus = `{"programId": 469, "promotionId": 65777}` // the docs' sample: LOYALTY_EARNING, limit 1
)

// use names the scenarios a request activates for itself.
func use(names string) []string { return []string{scenario.HeaderScenario, names} }

// TestLookupNotFound: the built-in answers 8015 exactly as a natural
// not-found does, only for requests that name it.
func TestLookupNotFound(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	natural := s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=10000000001", nil)
	simtest.ExpectCodes(t, natural, 400, []int{8015}, nil)
	tests := []struct {
		name, target string
	}{
		{"lookup", lookupHuck},
		{"get", "/v2/customers/329?source=INSTORE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plain := s.Do("GET", tc.target, nil)
			simtest.ExpectCodes(t, plain, 200, nil, nil)
			res := s.Do("GET", tc.target, nil, use("lookup-not-found")...)
			simtest.ExpectCodes(t, res, 400, []int{8015}, nil)
			if !bytes.Equal(res.Body, natural.Body) {
				t.Fatalf("injected body differs from the natural one:\n%s\n%s", res.Body, natural.Body)
			}
			if got, want := string(res.Body), `{"warnings":[],"errors":[{"status":false,"code":8015,"message":"Customer not found for the given identifiers"}]}`+"\n"; got != want {
				t.Fatalf("body %s, want %s", got, want)
			}
			again := s.Do("GET", tc.target, nil)
			simtest.ExpectCodes(t, again, 200, nil, nil)
		})
	}
}

// TestPromotionNotIssued: warning 8890 with empty sideEffects and HTTP 200,
// byte for byte the natural answer, and nothing issued.
func TestPromotionNotIssued(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	natural := s.Do("POST", issueForJim, `{"programId": 469, "promotionId": 57101}`) // inactive promotion
	simtest.ExpectCodes(t, natural, 200, nil, []int{8890})

	res := s.Do("POST", issueForJim, welcomeBonus, use("promotion-not-issued")...)
	simtest.ExpectCodes(t, res, 200, nil, []int{8890})
	if !bytes.Equal(res.Body, natural.Body) {
		t.Fatalf("injected body differs from the natural one:\n%s\n%s", res.Body, natural.Body)
	}
	if got, want := string(res.Body), `{"warnings":[{"status":false,"code":8890,"message":"promotion not issued due to config issues or customer exhausted limits"}],"errors":[],"sideEffects":[]}`+"\n"; got != want {
		t.Fatalf("body %s, want %s", got, want)
	}
	// before-handler: nothing was issued, so the one allowed issue still works.
	ok := s.Do("POST", issueForJim, welcomeBonus)
	simtest.ExpectCodes(t, ok, 200, nil, nil)
	if !strings.Contains(string(ok.Body), `"promotionId":65777`) {
		t.Fatalf("promotion not issued after the scenario: %s", ok.Body)
	}
}

// TestRateLimited: 429 with Retry-After on every v2 call that asks for it.
func TestRateLimited(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("GET", lookupHuck, nil, use("rate-limited")...)
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429: %s", res.Status, res.Body)
	}
	if got, want := res.Header.Get("Retry-After"), "2"; got != want {
		t.Fatalf("Retry-After %q, want %q", got, want)
	}
	simtest.ExpectCodes(t, s.Do("GET", lookupHuck, nil), 200, nil, nil)
}

// TestFlaky5xx: about a quarter of calls fail with the v2 500 envelope, the
// same calls on every run and in every namespace.
func TestFlaky5xx(t *testing.T) {
	t.Parallel()
	pattern := func(s *simtest.Server) string {
		var b strings.Builder
		for i := 0; i < 40; i++ {
			res := s.Do("GET", lookupHuck, nil, use("flaky-5xx")...)
			switch res.Status {
			case 200:
				b.WriteByte('.')
			case 500:
				simtest.ExpectCodes(t, res, 500, []int{500}, nil)
				if !strings.Contains(string(res.Body), `"message":"All requests have failed due to errors"`) {
					t.Fatalf("500 body %s", res.Body)
				}
				b.WriteByte('X')
			default:
				t.Fatalf("status %d: %s", res.Status, res.Body)
			}
		}
		return b.String()
	}
	// Two simulators (the same run twice) and two namespaces of one.
	a := pattern(simtest.MustOpenServer(t))
	b := pattern(simtest.Shared(t))
	c := pattern(simtest.Shared(t))
	if a != b || a != c {
		t.Fatalf("not reproducible:\n%s\n%s\n%s", a, b, c)
	}
	if n := strings.Count(a, "X"); n < 4 || n > 20 {
		t.Fatalf("%d of 40 calls failed (%s), want about 10", n, a)
	}
}

// TestSlow: the answer is the normal one, held back by a seeded draw of 1 to
// 3 s: a simulator built again draws the same delays. The delays are noted,
// not waited on (TestTransportFaults waits on a real one over a real
// connection).
func TestSlow(t *testing.T) {
	t.Parallel()
	draws := func() []time.Duration {
		var mu sync.Mutex
		var held []time.Duration
		s := simtest.MustOpenServer(t, simtest.WithSleep(func(_ context.Context, d time.Duration) bool {
			mu.Lock()
			defer mu.Unlock()
			held = append(held, d)
			return true
		}))
		for range 4 {
			res := s.Do("GET", lookupHuck, nil, use("slow")...)
			if res.Status != 200 || !strings.Contains(string(res.Body), `"entity":329`) {
				t.Fatalf("status %d body %s", res.Status, res.Body)
			}
		}
		if none := s.Do("GET", lookupHuck, nil); none.Status != 200 {
			t.Fatalf("without the scenario: status %d", none.Status)
		}
		mu.Lock()
		defer mu.Unlock()
		return held
	}
	first, again := draws(), draws()
	if len(first) != 4 {
		t.Fatalf("held %d requests back, want the 4 that named the scenario: %v", len(first), first)
	}
	for _, d := range first {
		if d < time.Second || d > 3*time.Second {
			t.Errorf("held back %s, want 1s to 3s", d)
		}
	}
	if first[0] == first[1] && first[1] == first[2] && first[2] == first[3] {
		t.Errorf("every draw is %s: not drawn", first[0])
	}
	if !slices.Equal(first, again) {
		t.Errorf("a second run drew %v, the first %v: not seeded", again, first)
	}
}

// TestUnknownScenarioHeader: a name that is not loaded is a 400 that says so.
func TestUnknownScenarioHeader(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("GET", lookupHuck, nil, use("lookup-not-found, nope")...)
	simtest.ExpectCodes(t, res, 400, []int{400}, nil)
	for _, want := range []string{`header X-Capsim-Scenario names scenario \"nope\", which is not loaded`, "lookup-not-found"} {
		if !strings.Contains(string(res.Body), want) {
			t.Fatalf("body %s lacks %q", res.Body, want)
		}
	}
}

// TestScenariosCompose: a header may name several scenarios; a transport
// rule and an API rule both apply.
func TestScenariosCompose(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, `
name: quick-delay
rules:
  - answer: {delay: 1ms}
`)
	res := s.Do("GET", lookupHuck, nil, use("quick-delay,lookup-not-found")...)
	simtest.ExpectCodes(t, res, 400, []int{8015}, nil)
	entries, _ := s.Journal().Find(&admin.Filter{Namespace: s.Namespace}, 1)
	if got, want := entries[0].Scenario, "quick-delay,lookup-not-found"; got != want {
		t.Fatalf("journal scenario %q, want %q", got, want)
	}
}

// load posts a scenario file to the admin API. Scenario names are global on
// the shared simulator and this package's tests run in parallel: a test
// loads its scenario right before it names it, under a name no other test
// loads (a test's subtests, which run one after another, may reuse one).
// Counters are per namespace, so each test's rules count from zero.
func load(t *testing.T, s *simtest.Server, yaml string) {
	t.Helper()
	res := s.Do("POST", "/__admin/scenarios", yaml, "Content-Type", "application/yaml")
	if res.Status != http.StatusCreated {
		t.Fatalf("load: %d %s", res.Status, res.Body)
	}
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }
