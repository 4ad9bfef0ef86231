package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
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

// TestWriteParametersEveryTime: a write's parameters are held to the
// contract on every request, though a request whose path, query and
// header parameters passed before skips their validation: what differs
// in any of them is validated afresh, whatever the body.
func TestWriteParametersEveryTime(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	const ns = "write-parameters"
	reg := func(mobile string) string {
		return `{"profiles":[{"identifiers":[{"type":"mobile","value":"` + mobile + `"}]}]}`
	}
	for _, tc := range []struct {
		name, target, body string
		status             int
		says               string
	}{
		{"passes", "/v2/customers?source=INSTORE", reg("447100000301"), 200, "createdId"},
		{"the same parameters again", "/v2/customers?source=INSTORE", reg("447100000302"), 200, "createdId"},
		{"a source the contract does not have", "/v2/customers?source=NOWHERE", reg("447100000303"), 400, "source"},
		{"the source missing", "/v2/customers", reg("447100000304"), 400, "source"},
		{"passed parameters, a body that does not pass", "/v2/customers?source=INSTORE", `{"profiles":"x"}`, 400, "profiles"},
		{"passed parameters, a good body again", "/v2/customers?source=INSTORE", reg("447100000305"), 200, "createdId"},
		{"v1.1: a format the contract does not have", "/v1.1/customer/add?format=yaml", `{"root":{"customer":[{"mobile":"447100000306"}]}}`, 200, `"code": 400,`},
		{"v1.1: the format it has", "/v1.1/customer/add?format=json", `{"root":{"customer":[{"mobile":"447100000307"}]}}`, 200, `"code": 200,`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("POST", tc.target, tc.body, server.HeaderNamespace, ns)
			if res.Status != tc.status || !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("%d %s, want %d ...%s...", res.Status, res.Body, tc.status, tc.says)
			}
		})
	}
}
