package scenario_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

const (
	exHuckLookup = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111"
	exJimLookup  = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=18767431754"
	exIssueJim   = "/v2/promotion/issue?identifierName=mobile&identifierValue=18767431754&source=INSTORE"
)

// examplesDir holds the starter scenario files (scenarios/examples).
const examplesDir = "../../scenarios/examples"

// TestExamples loads the starter files of scenarios/examples as --scenarios would
// (the server refuses to start if one is refused) and checks that each does
// what its comment says.
func TestExamples(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, func(o *server.Options) { o.ScenarioDirs = []string{examplesDir} })
	// use sends a request under one scenario, in a namespace of the test's own.
	use := func(t *testing.T, name, method, target string, body any) *simtest.Response {
		t.Helper()
		return s.Do(method, target, body, "X-Capsim-Scenario", name, "X-Capsim-Namespace", strings.ReplaceAll(t.Name(), "/", "-"))
	}
	tests := map[string]func(t *testing.T){
		"unknown-customer": func(t *testing.T) {
			simtest.ExpectCodes(t, use(t, "unknown-customer", "GET", exHuckLookup, nil), 400, []int{8015}, nil)
			simtest.ExpectCodes(t, use(t, "unknown-customer", "GET", "/v2/customers/329?source=INSTORE", nil), 400, []int{8015}, nil)
			simtest.ExpectCodes(t, use(t, "unknown-customer", "GET", exJimLookup, nil), 200, nil, nil) // another customer
			res := use(t, "unknown-customer", "GET", "/v1.1/customer/get?mobile=919111111111&format=json", nil)
			if res.Status != 200 || !strings.Contains(string(res.Body), `"code": "1011"`) {
				t.Fatalf("v1.1 get: %d %s", res.Status, res.Body)
			}
		},
		"promotion-refused": func(t *testing.T) {
			simtest.ExpectCodes(t, use(t, "promotion-refused", "POST", exIssueJim, `{"programId": 469, "promotionId": 57099}`), 200, nil, []int{8890})
			simtest.ExpectCodes(t, use(t, "promotion-refused", "POST", exIssueJim, `{"programId": 469, "promotionId": 65777}`), 200, nil, nil)
		},
		"slow-upstream": func(t *testing.T) {
			// Loaded (the server started); its delays are not waited for here.
			if res := s.Do("GET", "/__admin/scenarios/slow-upstream", nil); res.Status != 200 {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		},
		"gateway-503": func(t *testing.T) {
			reg := `{"profiles":[{"identifiers":[{"type":"mobile","value":"919000000503"}]}]}`
			res := use(t, "gateway-503", "POST", "/v2/customers?source=INSTORE", reg)
			if res.Status != 504 || len(res.Body) != 0 {
				t.Fatalf("register: %d %q, want 504 and no body", res.Status, res.Body)
			}
			for i, want := range []int{503, 503, 200} {
				res := use(t, "gateway-503", "GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919000000503", nil)
				if res.Status != want {
					t.Fatalf("lookup %d: %d %s, want %d", i+1, res.Status, res.Body, want)
				}
				if want == 503 && (res.Header.Get("Retry-After") != "5" || len(res.Body) != 0) {
					t.Fatalf("lookup %d: Retry-After %q body %q", i+1, res.Header.Get("Retry-After"), res.Body)
				}
			}
		},
		"flaky": func(t *testing.T) {
			failed := 0
			for range 30 {
				res := use(t, "flaky", "GET", exHuckLookup, nil)
				if res.Status == 500 {
					simtest.ExpectCodes(t, res, 500, []int{500}, nil)
					failed++
				} else {
					simtest.ExpectCodes(t, res, 200, nil, nil)
				}
			}
			if failed < 3 || failed > 20 {
				t.Fatalf("%d of 30 lookups failed, want about a third", failed)
			}
		},
	}
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".yaml"))
	}
	sort.Strings(names)
	for _, name := range names {
		check, ok := tests[name]
		if !ok {
			t.Errorf("scenarios/examples/%s.yaml has no test: add one here", name)
			continue
		}
		t.Run(name, check)
	}
	if len(names) != len(tests) {
		t.Errorf("examples %v, tests for %d", names, len(tests))
	}
}
