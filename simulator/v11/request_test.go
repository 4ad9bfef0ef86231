package v11_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// TestRequestErrors checks requests that cannot be served at all: a v1.1
// envelope with the request-level code and a message that says what was
// wrong, in the format asked for, HTTP 200, and nothing written.
func TestRequestErrors(t *testing.T) {
	t.Parallel()
	many := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"root":{"customer":[`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"mobile":"4477009%05d"}`, i)
		}
		b.WriteString(`]}}`)
		return b.String()
	}
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("4477009%05d", i)
	}
	tests := []struct {
		name, method, target, body string
		headers                    []string
		code                       int
		msg                        string // a part of the message
	}{
		{"broken XML", "POST", "/v1.1/customer/add", "<root>\n<customer>\n<mobile>1</mobile>\n</root>", nil, 400, "line 4"},
		{"JSON sent as XML", "POST", "/v1.1/customer/add", `{"root":{"customer":[{"mobile":"447700900100"}]}}`, []string{"Content-Type", "application/xml"}, 400, "outside the root element"},
		{"XML sent as JSON", "POST", "/v1.1/customer/add", `<root><customer><mobile>447700900100</mobile></customer></root>`, []string{"Content-Type", "application/json"}, 400, "byte offset 0"},
		{"broken JSON", "POST", "/v1.1/customer/add", `{"root":{"customer":[{"mobile":"447700900100"}`, nil, 400, "Input is invalid"},
		{"bad JSON byte", "POST", "/v1.1/customer/add", `{"root":{"customer":[{"mobile" "447700900100"}]}}`, nil, 400, "byte offset 31"},
		{"no customer", "POST", "/v1.1/customer/add", `{"root":{}}`, nil, 400, "customer"},
		{"no body", "POST", "/v1.1/customer/add", ``, nil, 400, "body"},
		{"batch limit add", "POST", "/v1.1/customer/add", many(101), nil, 1060, "Batch limit exceeded"},
		{"update_identity has no batch support", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":[` +
			`{"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"},` +
			`{"identifier":"email","old_value":"rita.john@example.com","new_value":"rita@example.com"}]}}`, nil, 1060, "at most 1 are allowed"},
		{"batch limit get", "GET", "/v1.1/customer/get?mobile=" + strings.Join(ids, ","), "", nil, 1060, "Batch limit exceeded"},
		{"get without identifier", "GET", "/v1.1/customer/get?user_id=true", "", nil, 1015, "No identifier provided to get loyalty users"},
		{"transactions without identifier", "GET", "/v1.1/customer/transactions?limit=2", "", nil, 400, "no identifier"},
		{"get empty identifier", "GET", "/v1.1/customer/get?mobile=", "", nil, 400, "mobile is empty"},
		{"bad format", "GET", "/v1.1/customer/get?mobile=44700900000&format=yaml", "", nil, 400, "format"},
		{"search unknown operator", "GET", "/v1.1/customer/search?q=firstname:LIKE:Tom", "", nil, 400, `unknown operator "LIKE"`},
		{"search unknown attribute", "GET", "/v1.1/customer/search?q=shoe_size:EQUALS:9", "", nil, 400, `unknown attribute "shoe_size"`},
		{"search malformed", "GET", "/v1.1/customer/search?q=firstname", "", nil, 400, "ATTRIBUTE:OPERATOR:VALUES"},
		{"search range of one", "GET", "/v1.1/customer/search?q=loyalty_points:RANGE:100", "", nil, 400, "RANGE takes two values"},
		{"search unbalanced", "GET", "/v1.1/customer/search?q=(slab:EQUALS:Gold", "", nil, 400, "never closed"},
		{"search without q", "GET", "/v1.1/customer/search", "", nil, 400, `"q"`},
		{"search rows", "GET", "/v1.1/customer/search?q=slab:EQUALS:Gold&rows=0", "", nil, 400, "rows"},
	}
	for _, tc := range tests {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				t.Parallel()
				s := simtest.Shared(t)
				before := countCustomers(t, s)
				var body any
				if tc.body != "" {
					body = tc.body
				}
				target := tc.target
				if tc.name != "bad format" {
					target = withFormat(target, f)
				} else if f == "json" {
					target += "&x=1"
				}
				headers := tc.headers
				if tc.body != "" && len(headers) == 0 {
					ct := "application/json"
					if strings.HasPrefix(tc.body, "<") {
						ct = "application/xml"
					}
					headers = []string{"Content-Type", ct}
				}
				if tc.name == "bad format" {
					headers = append(headers, "Accept", "application/"+f)
				}
				res := s.Do(tc.method, target, body, headers...)
				if res.Status != http.StatusOK {
					t.Fatalf("HTTP %d, want 200\n%s", res.Status, res.Body)
				}
				if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "application/"+f) {
					t.Fatalf("Content-Type %q, want %s", got, f)
				}
				path, _, _ := strings.Cut(tc.target, "?")
				v := decode(t, s, tc.method, path, res)
				code, msg := status(v)
				if code != tc.code || !strings.Contains(msg, tc.msg) {
					t.Fatalf("status %d %q, want %d containing %q", code, msg, tc.code, tc.msg)
				}
				if at(v, "response", "status", "success") != "false" {
					t.Fatalf("success is not \"false\"\n%s", res.Body)
				}
				if after := countCustomers(t, s); after != before {
					t.Fatalf("%d customers before, %d after: a refused request wrote", before, after)
				}
			})
		}
	}
}

func countCustomers(t *testing.T, s *simtest.Server) int {
	t.Helper()
	n := 0
	if err := s.Store.View(s.Namespace, func(tx *store.Tx) error { n = tx.Count(); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSniffedBody sends bodies without a JSON or XML Content-Type: the
// first byte says which they are.
func TestSniffedBody(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, ct, body string }{
		{"XML as form", "application/x-www-form-urlencoded", `<root><customer><mobile>447700900200</mobile></customer></root>`},
		{"JSON as text", "text/plain", `{"root":{"customer":{"mobile":"447700900201"}}}`},
		{"XML without type", "-", "  \n<root><customer><mobile>447700900202</mobile></customer></root>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			res := s.Do("POST", "/v1.1/customer/add?format=json", tc.body, "Content-Type", tc.ct)
			v := decode(t, s, "POST", "/v1.1/customer/add", res)
			if code, msg := status(v); code != 200 {
				t.Fatalf("status %d %s", code, msg)
			}
		})
	}
}

// TestAuthAndRoutes: authentication failures answer HTTP 401 in the v1.1
// envelope; unknown v1.1 paths and methods get the envelope too.
func TestAuthAndRoutes(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithAuth(auth.ModeStrict))
	res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000", nil, "Authorization", "-")
	if res.Status != http.StatusUnauthorized {
		t.Fatalf("HTTP %d, want 401\n%s", res.Status, res.Body)
	}
	v := decode(t, s, "GET", "/v1.1/customer/get", res)
	if code, _ := status(v); code != 401 {
		t.Fatalf("status.code %d, want 401\n%s", code, res.Body)
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("401 in %s, want XML by default", res.Header.Get("Content-Type"))
	}

	res = s.Do("GET", "/v1.1/customer/nothing?format=json", nil)
	if res.Status != http.StatusNotFound || !strings.Contains(string(res.Body), `"code": 404`) {
		t.Fatalf("unknown path: HTTP %d\n%s", res.Status, res.Body)
	}
	res = s.Do("DELETE", "/v1.1/customer/get.json", nil)
	if res.Status != http.StatusMethodNotAllowed || !strings.Contains(string(res.Body), `"code": 405`) {
		t.Fatalf("bad method: HTTP %d\n%s", res.Status, res.Body)
	}
}

// TestNullFields: a JSON null is an absent field, as System.Text.Json and
// other typed serializers write every unset property, on add, update and a
// history write.
func TestNullFields(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, target, body string
		want               string
	}{
		{"add", "/v1.1/customer/add",
			`{"root":{"customer":[{"mobile":"447700900330","email":null,"external_id":null,"firstname":"Nul","lastname":null,
			"registered_on":null,"custom_fields":null,"extended_fields":{"field":null},"subscriptions":null}]}}`, "1000"},
		{"update", "/v1.1/customer/update",
			`{"root":{"customer":{"mobile":"44700900000","email":null,"firstname":"Tom","lastname":null,"custom_fields":{"field":[null]}}}}`, "1000"},
		{"notes", "/v1.1/customer/notes",
			`{"root":{"customer":{"mobile":"44700900999","associate_id":null,"email":null,"notes":{"note":{"id":null,"date":"2020-02-02","description":"Null-safe"}}}}}`, "1000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, s, "POST", withFormat(tc.target, "json"), tc.body)
			v := decode(t, s, "POST", tc.target, res)
			if code, msg := status(v); code != 200 {
				t.Fatalf("status %d %s\n%s", code, msg, res.Body)
			}
			expectCodes(t, tc.name, v, tc.want)
		})
	}
}
