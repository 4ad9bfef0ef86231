package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestStrictRequests checks the one rule each API keeps for ambiguous
// requests: a JSON body holds one value and no name twice, and a query
// parameter is given once; and that admin answers are never sniffed.
func TestStrictRequests(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	reg := `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000077"}]}]}`
	for _, tc := range []struct {
		name, method, target, body string
		status                     int
		says                       string
		nosniff                    bool
	}{
		{"v2 trailing data", "POST", "/v2/customers?source=INSTORE", reg + `{"profiles":[]}`, 400, "request body: trailing data after the JSON value", false},
		{"v2 trailing garbage", "POST", "/v2/customers?source=INSTORE", reg + ` x`, 400, "trailing data", false},
		{"v2 name twice", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","type":"email","value":"447100000077"}]}]}`, 400, `the name \"type\" is given twice`, false},
		{"v2 parameter twice", "GET", "/v2/customers/329?source=INSTORE&source=WECHAT", "", 400, `query parameter \"source\" is given 2 times`, false},
		{"v1.1 parameter twice", "GET", "/v1.1/customer/get?mobile=919111111111&mobile=919111111112&format=json", "", 200, `is given 2 times: give it once (lists are comma-separated)`, false},
		{"v1.1 JSON name twice", "POST", "/v1.1/customer/add?format=json", `{"root":{"customer":[{"mobile":"447100000078","mobile":"447100000079"}]}}`, 200, "given twice", false},
		{"v2 one value with white space", "POST", "/v2/customers?source=INSTORE", reg + "\n", 200, "createdId", false},
		{"v2 too many identifiers", "POST", "/v2/customers?source=INSTORE", manyIdentifiers(21), 400, "identifiers", false},
		{"v2 too many profiles", "POST", "/v2/customers?source=INSTORE", `{"profiles":[` + strings.Repeat(`{"identifiers":[{"type":"mobile","value":"447100000090"}]},`, 20) + `{"identifiers":[{"type":"mobile","value":"447100000090"}]}]}`, 400, "profiles", false},
		{"admin JSON", "GET", "/__admin/namespaces", "", 200, "namespaces", true},
		{"admin error", "GET", "/__admin/requests?nope=1", "", 400, "unknown filter", true},
		{"admin unknown path", "GET", "/__admin/nope", "", 404, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.body != "" {
				body = tc.body
			}
			res := s.Do(tc.method, tc.target, body)
			if res.Status != tc.status || !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("%d %s, want %d ...%s...", res.Status, res.Body, tc.status, tc.says)
			}
			if got := res.Header.Get("X-Content-Type-Options") == "nosniff"; got != tc.nosniff {
				t.Fatalf("X-Content-Type-Options nosniff: %v, want %v", got, tc.nosniff)
			}
		})
	}
}

// manyIdentifiers is a registration whose one profile carries n identifiers.
func manyIdentifiers(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`{"type":"cardnumber","value":"C%06d"}`, i)
	}
	return `{"profiles":[{"identifiers":[` + strings.Join(ids, ",") + `]}]}`
}
