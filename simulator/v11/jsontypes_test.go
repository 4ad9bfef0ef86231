package v11_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	v11 "github.com/capsim/capsim/simulator/v11"
)

// observed asks for the default modes explicitly (call would ask for
// always-arrays otherwise).
var observed = []string{v11.HeaderJSONLists, string(v11.JSONListsObserved), v11.HeaderJSONTypes, string(v11.JSONTypesObserved)}

// TestObservedGolden pins the JSON answers of every golden request in the
// default (observed) modes, beside the documented ones; XML does not change
// with the modes.
func TestObservedGolden(t *testing.T) {
	t.Parallel()
	type goldenCase struct {
		name, method, target string
		body                 func(t *testing.T, format string) string
	}
	var cases []goldenCase
	for _, tc := range goldenCases {
		cases = append(cases, goldenCase{tc.name, tc.method, tc.target, tc.body})
	}
	for _, tc := range historyCases {
		cases = append(cases, goldenCase{"history_" + tc.name, tc.method, tc.target, tc.body})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			body := ""
			if tc.body != nil {
				body = tc.body(t, "json")
			}
			res := call(t, s, tc.method, withFormat(tc.target, "json"), body, observed...)
			golden(t, "observed/"+tc.name+".json", res.Body)
		})
	}
}

// kind returns the JSON kind of v: "number", "string", "array", "object".
func kind(v any) string {
	switch v.(type) {
	case json.Number, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "absent"
	}
	return "other"
}

// TestJSONTypes: in each type mode, the fields typed clients read have the
// JSON kind the mode says (observed: what 009 and the clients show).
func TestJSONTypes(t *testing.T) {
	t.Parallel()
	const (
		get  = "/v1.1/customer/get?mobile=44700900000"
		txs  = "/v1.1/customer/transactions?mobile=44700900000&limit=1"
		note = "/v1.1/customer/notes?mobile=44700900999"
	)
	add := `{"root":{"customer":{"mobile":"447700900340","firstname":"Typed","custom_fields":{"field":{"name":"city","value":"Pune"}}}}}`
	tests := []struct {
		name, method, target, body string
		lists                      v11.JSONLists // "" the default for the type mode
		types                      v11.JSONTypes
		path                       []any
		want                       string
	}{
		{"add status.code observed", "POST", "/v1.1/customer/add", add, "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"add user_id observed", "POST", "/v1.1/customer/add", add, "", v11.JSONTypesObserved, []any{"response", "customers", "customer", 0, "user_id"}, "number"},
		{"add item_status.code observed", "POST", "/v1.1/customer/add", add, "", v11.JSONTypesObserved, []any{"response", "customers", "customer", 0, "item_status", "code"}, "string"},
		{"add success_count observed", "POST", "/v1.1/customer/add", add, "", v11.JSONTypesObserved, []any{"response", "status", "success_count"}, "string"},
		{"add status.code documented", "POST", "/v1.1/customer/add", add, "", v11.JSONTypesDocumented, []any{"response", "status", "code"}, "string"},
		{"update status.code observed", "POST", "/v1.1/customer/update", `{"root":{"customer":{"mobile":"44700900000","firstname":"Tom"}}}`, "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"get status.code observed", "GET", get, "", "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"get loyalty_points observed", "GET", get, "", "", v11.JSONTypesObserved, []any{"response", "customers", "customer", 0, "loyalty_points"}, "number"},
		{"get lifetime_purchases observed", "GET", get, "", "", v11.JSONTypesObserved, []any{"response", "customers", "customer", 0, "lifetime_purchases"}, "number"},
		{"get loyalty_points strings", "GET", get, "", "", v11.JSONTypesStrings, []any{"response", "customers", "customer", 0, "loyalty_points"}, "string"},
		{"get success strings", "GET", get, "", "", v11.JSONTypesObserved, []any{"response", "status", "success"}, "string"},
		{"transactions status.code observed", "GET", txs, "", "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"transactions loyalty_points observed", "GET", txs, "", "", v11.JSONTypesObserved, []any{"response", "customer", "loyalty_points"}, "number"},
		{"transactions one transaction observed", "GET", txs, "", "", v11.JSONTypesObserved, []any{"response", "customer", "transactions", "transaction"}, "array"},
		{"transactions one transaction documented", "GET", txs, "", "", v11.JSONTypesDocumented, []any{"response", "customer", "transactions", "transaction"}, "object"},
		{"transactions json-lists given wins", "GET", txs, "", v11.JSONListsDocumented, v11.JSONTypesObserved, []any{"response", "customer", "transactions", "transaction"}, "object"},
		{"transactions status.code documented", "GET", txs, "", "", v11.JSONTypesDocumented, []any{"response", "status", "code"}, "string"},
		{"redemptions status.code observed", "GET", "/v1.1/customer/redemptions?mobile=44700900000", "", "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"coupons status.code observed", "GET", "/v1.1/customer/coupons?mobile=44700900000", "", "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "number"},
		{"notes status.code observed (009: a string)", "GET", note, "", "", v11.JSONTypesObserved, []any{"response", "status", "code"}, "string"},
		{"notes status.code numbers", "GET", note, "", "", v11.JSONTypesNumbers, []any{"response", "status", "code"}, "number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			headers := []string{v11.HeaderJSONTypes, string(tc.types)}
			if tc.lists != "" {
				headers = append(headers, v11.HeaderJSONLists, string(tc.lists))
			} else {
				headers = append(headers, v11.HeaderJSONLists, string(v11.ResolveJSONLists("", tc.types)))
			}
			res := call(t, s, tc.method, withFormat(tc.target, "json"), tc.body, headers...)
			var v any
			if err := jsonUnmarshal(string(res.Body), &v); err != nil {
				t.Fatal(err)
			}
			if got := kind(at(v, tc.path...)); got != tc.want {
				t.Fatalf("%v is a %s, want a %s\n%s", tc.path, got, tc.want, res.Body)
			}
		})
	}
}

// TestJSONTypesDefault: a server started without the switches answers in
// the observed modes; the flag's mode is the default, and the header wins.
func TestJSONTypesDefault(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	const target = "/v1.1/customer/transactions?mobile=44700900000&limit=1&format=json"
	plain := s.Do("GET", target, nil)
	explicit := s.Do("GET", target, nil, observed...)
	if string(plain.Body) != string(explicit.Body) {
		t.Fatalf("default differs from observed:\n%s\n%s", plain.Body, explicit.Body)
	}
	res := s.Do("GET", target, nil, v11.HeaderJSONTypes, "floats")
	if code, msg := status(decode(t, s, "GET", "/v1.1/customer/transactions", res)); code != 400 || !strings.Contains(msg, v11.HeaderJSONTypes) {
		t.Fatalf("unknown mode: status %d %q", code, msg)
	}
	o := simtest.MustOpenServer(t, func(o *server.Options) { o.V11JSONTypes = v11.JSONTypesDocumented })
	if body := string(o.Do("GET", target, nil).Body); !strings.Contains(body, `"code": "200"`) || !strings.Contains(body, `"transaction": {`) {
		t.Fatalf("documented by the flag: %s", body)
	}
}

// TestJSONTypesMixed: mixed writes both forms, reproducibly, and seed n+1
// writes every typed field in the other form than seed n.
func TestJSONTypesMixed(t *testing.T) {
	t.Parallel()
	const target = "/v1.1/customer/transactions?mobile=44700900000&limit=3&format=json"
	mixed := []string{v11.HeaderJSONTypes, string(v11.JSONTypesMixed)}
	kinds := func(seed int64) (string, map[string]string) {
		s := simtest.MustOpenServer(t, func(o *server.Options) { o.Seed = seed })
		a, b := s.Do("GET", target, nil, mixed...), s.Do("GET", target, nil, mixed...)
		if string(a.Body) != string(b.Body) {
			t.Fatalf("seed %d: two answers differ", seed)
		}
		var v any
		if err := jsonUnmarshal(string(a.Body), &v); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range []string{"lifetime_points", "lifetime_purchases", "loyalty_points", "count"} {
			out[f] = kind(at(v, "response", "customer", f))
		}
		out["status.code"] = kind(at(v, "response", "status", "code"))
		return string(a.Body), out
	}
	_, k1 := kinds(1)
	_, k2 := kinds(2)
	forms := map[string]bool{}
	for f, k := range k1 {
		forms[k] = true
		if k2[f] == k {
			t.Errorf("%s is a %s with seed 1 and seed 2", f, k)
		}
	}
	if !forms["string"] || !forms["number"] {
		t.Errorf("seed 1 writes one form only: %v", k1)
	}
}
