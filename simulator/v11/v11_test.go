package v11_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/simtest"
	v11 "github.com/capsim/capsim/simulator/v11"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// call sends a request to the simulator. A body starting with '<' is sent as
// application/xml, any other as application/json (headers may override).
// JSON answers come with every list an array (X-Capsim-V11-Json-Lists:
// always) and the server's default types (observed) unless headers name a
// mode; the golden and reference tests check the documented shapes.
func call(t *testing.T, s *simtest.Server, method, target, body string, headers ...string) *simtest.Response {
	t.Helper()
	if !slices.Contains(headers, v11.HeaderJSONLists) {
		headers = append(headers, v11.HeaderJSONLists, string(v11.JSONListsAlways))
	}
	var b any
	if body != "" {
		b = body
		ct := "application/json"
		if strings.HasPrefix(strings.TrimSpace(body), "<") {
			ct = "application/xml"
		}
		headers = append([]string{"Content-Type", ct}, headers...)
	}
	res := s.Do(method, target, b, headers...)
	if res.Status != http.StatusOK {
		t.Fatalf("%s %s: HTTP %d, want 200\n%s", method, target, res.Status, res.Body)
	}
	return res
}

// withFormat adds format=f to target.
func withFormat(target, f string) string {
	path, query, _ := strings.Cut(target, "?")
	var keep []string
	for _, p := range strings.Split(query, "&") {
		if p != "" && !strings.HasPrefix(p, "format=") {
			keep = append(keep, p) // a format given already is replaced: capsim refuses a parameter given twice
		}
	}
	return path + "?" + strings.Join(append(keep, "format="+f), "&")
}

// decode returns a response body as the value of its JSON form: JSON as
// encoding/json decodes it, XML through the contract's XML decoder with the
// operation's response schema (numbers become float64 either way).
func decode(t *testing.T, s *simtest.Server, method, path string, res *simtest.Response) map[string]any {
	t.Helper()
	ct := res.Header.Get("Content-Type")
	var v any
	if strings.HasPrefix(ct, "application/json") {
		if err := json.Unmarshal(res.Body, &v); err != nil {
			t.Fatalf("decode JSON: %v\n%s", err, res.Body)
		}
		return v.(map[string]any)
	}
	op := s.Contract.Operation(method, path)
	if op == nil {
		t.Fatalf("no operation %s %s", method, path)
	}
	mt := op.Route.Operation.Responses.Value("200").Value.Content.Get("application/xml")
	x, err := contract.XMLBodyDecoder(bytes.NewReader(res.Body), res.Header, mt.Schema, nil)
	if err != nil {
		t.Fatalf("decode XML: %v\n%s", err, res.Body)
	}
	b, _ := json.Marshal(x)
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v.(map[string]any)
}

// at walks a decoded value along keys (and list indexes given as ints).
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// status returns response.status.code and message.
func status(v map[string]any) (int, string) {
	msg, _ := at(v, "response", "status", "message").(string)
	switch c := at(v, "response", "status", "code").(type) {
	case float64:
		return int(c), msg
	case string: // "200", as most operations' samples write it
		n, _ := strconv.Atoi(c)
		return n, msg
	}
	return 0, msg
}

// items returns response.customers.customer.
func items(v map[string]any) []any {
	l, _ := at(v, "response", "customers", "customer").([]any)
	return l
}

// itemCode returns an item's item_status code and warnings.
func itemCode(item any) (string, []string) {
	code, _ := at(item, "item_status", "code").(string)
	var warns []string
	if l, ok := at(item, "item_status", "warnings", "warning").([]any); ok {
		for _, w := range l {
			s, _ := w.(string)
			warns = append(warns, s)
		}
	}
	return code, warns
}

// documented asks for the documented JSON shapes (the default mode).
// numbers types every scalar of the types table as a number, as the
// contract's XML decoder types them: the parity tests compare in this mode.
var numbers = []string{v11.HeaderJSONTypes, string(v11.JSONTypesNumbers)}

var documented = []string{v11.HeaderJSONLists, string(v11.JSONListsDocumented), v11.HeaderJSONTypes, string(v11.JSONTypesDocumented)}

// golden compares body with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./simulator/v11/ -update)", err)
	}
	if !bytes.Equal(body, want) {
		t.Fatalf("%s differs from the golden file (run with -update if the change is right)\ngot:\n%s\nwant:\n%s", name, body, want)
	}
}

// sample reads a request body from testdata/requests.
func sample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "requests", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goldenCases are the requests whose full responses are pinned, each sent to
// a fresh simulator in both formats: the docs' samples and a few more.
var goldenCases = []struct {
	name, method, target, path string
	body                       func(t *testing.T, format string) string
}{
	{"add_sample", "POST", "/v1.1/customer/add", "/v1.1/customer/add",
		func(t *testing.T, f string) string { return sample(t, "add_sample."+f) }},
	{"add_new", "POST", "/v1.1/customer/add", "/v1.1/customer/add",
		func(t *testing.T, f string) string {
			if f == "xml" {
				return `<root><customer><mobile>447700900123</mobile><email>becky.new@example.com</email><firstname>Becky</firstname><lastname>New</lastname><registered_on>2020-01-02 03:04:05</registered_on><custom_fields><field><name>city</name><value>Hannibal</value></field></custom_fields></customer></root>`
			}
			return `{"root":{"customer":{"mobile":447700900123,"email":"becky.new@example.com","firstname":"Becky","lastname":"New","registered_on":"2020-01-02 03:04:05","custom_fields":{"field":{"name":"city","value":"Hannibal"}}}}}`
		}},
	// A new mobile with another customer's email: 1016, that customer untouched.
	{"add_email_of_another", "POST", "/v1.1/customer/add", "/v1.1/customer/add",
		func(t *testing.T, f string) string {
			if f == "xml" {
				return `<root><customer><mobile>447700900124</mobile><email>tom.sawyer@example.com</email><firstname>Not</firstname><lastname>Tom</lastname></customer></root>`
			}
			return `{"root":{"customer":{"mobile":"447700900124","email":"tom.sawyer@example.com","firstname":"Not","lastname":"Tom"}}}`
		}},
	{"update_sample", "POST", "/v1.1/customer/update", "/v1.1/customer/update",
		func(t *testing.T, f string) string { return sample(t, "update_sample."+f) }},
	{"update_identity_sample", "POST", "/v1.1/customer/update_identity", "/v1.1/customer/update_identity",
		func(t *testing.T, f string) string { return sample(t, "update_identity_sample."+f) }},
	{"search_sample", "GET", "/v1.1/customer/search?q=mobile:EQUALS:44700900000", "/v1.1/customer/search", nil},
	{"search_slab", "GET", "/v1.1/customer/search?q=(slab:EQUALS:Gold)&rows=3", "/v1.1/customer/search", nil},
	{"get_sample", "GET", "/v1.1/customer/get?mobile=44700900000", "/v1.1/customer/get", nil},
	{"get_partial_all_options", "GET", "/v1.1/customer/get?mobile=44700900000,44700900999,4470090345&id=17742&user_id=true&next_slab=true&slab_history=true&points_summary=true&subscriptions=true&expiry_schedule=true&expired_points=true&promotion_points=true", "/v1.1/customer/get", nil},
	{"get_not_found", "GET", "/v1.1/customer/get?mobile=4470090345&id=99", "/v1.1/customer/get", nil},
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range goldenCases {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				t.Parallel()
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, f)
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, documented...)
				golden(t, tc.name+"."+f, res.Body)
			})
		}
	}
}

// TestParity sends every golden request in JSON and in XML (body and
// response) to two fresh simulators: the values must be the same. The XML
// body is the JSON one converted (the docs' JSON and XML samples differ a
// little). XML cannot tell an empty list from none or null from "", so
// those compare equal.
func TestParity(t *testing.T) {
	t.Parallel()
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got [2]any
			for i, f := range []string{"json", "xml"} {
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, "json")
					if f == "xml" {
						body = jsonToXML(t, body)
					}
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, numbers...)
				got[i] = xmlComparable(decode(t, s, tc.method, tc.path, res))
			}
			if !reflect.DeepEqual(emptyAsText(got[0]), emptyAsText(got[1])) {
				a, _ := json.MarshalIndent(got[0], "", " ")
				b, _ := json.MarshalIndent(got[1], "", " ")
				t.Fatalf("JSON and XML differ\nJSON:\n%s\nXML:\n%s", a, b)
			}
		})
	}
}

// TestFormatNegotiation: format=, then the path suffix, then the request's
// Content-Type (as the client sent it), then Accept, then XML.
func TestFormatNegotiation(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	const get = "/v1.1/customer/get?mobile=44700900000"
	jsonBody := `{"root":{"customer":[{"mobile":"447700900310","firstname":"Neg"}]}}`
	tests := []struct {
		name, method, target, body string
		headers                    []string
		want                       string
	}{
		{"default is XML", "GET", get, "", nil, "application/xml"},
		{"format=json", "GET", get + "&format=json", "", nil, "application/json"},
		{"format=xml wins over Accept", "GET", get + "&format=xml", "", []string{"Accept", "application/json"}, "application/xml"},
		{"suffix .json", "GET", "/v1.1/customer/get.json?mobile=44700900000", "", nil, "application/json"},
		{"format wins over suffix", "GET", "/v1.1/customer/get.json?mobile=44700900000&format=xml", "", nil, "application/xml"},
		{"Accept JSON", "GET", get, "", []string{"Accept", "text/html, application/json;q=0.9"}, "application/json"},
		{"Accept text/xml", "GET", get, "", []string{"Accept", "text/xml"}, "application/xml"},
		{"Accept anything", "GET", get, "", []string{"Accept", "*/*"}, "application/xml"},
		{"GET with Content-Type JSON", "GET", get, "", []string{"Content-Type", "application/json"}, "application/json"},
		{"Content-Type with charset", "GET", get, "", []string{"Content-Type", "application/json; charset=utf-8"}, "application/json"},
		{"Content-Type JSON wins over Accept XML", "GET", get, "", []string{"Content-Type", "application/json", "Accept", "application/xml"}, "application/json"},
		{"Content-Type XML wins over Accept JSON", "GET", get, "", []string{"Content-Type", "text/xml", "Accept", "application/json"}, "application/xml"},
		{"suffix wins over Content-Type", "GET", "/v1.1/customer/get.xml?mobile=44700900000", "", []string{"Content-Type", "application/json"}, "application/xml"},
		{"format wins over Content-Type", "GET", get + "&format=xml", "", []string{"Content-Type", "application/json"}, "application/xml"},
		{"Content-Type naming neither: Accept", "GET", get, "", []string{"Content-Type", "text/plain", "Accept", "application/json"}, "application/json"},
		{"POST JSON without format= answers JSON", "POST", "/v1.1/customer/add", jsonBody, nil, "application/json"},
		{"POST XML without format= answers XML", "POST", "/v1.1/customer/add", `<root><customer><mobile>447700900311</mobile></customer></root>`, nil, "application/xml"},
		{"sniffed JSON body is not a Content-Type", "POST", "/v1.1/customer/add", `{"root":{"customer":{"mobile":"447700900312"}}}`, []string{"Content-Type", "text/plain"}, "application/xml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, s, tc.method, tc.target, tc.body, tc.headers...)
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tc.want) {
				t.Fatalf("Content-Type %q, want %s", got, tc.want)
			}
			if tc.want == "application/xml" && !bytes.HasPrefix(res.Body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n<response>")) {
				t.Fatalf("XML body does not start with the declaration and <response>:\n%s", res.Body)
			}
		})
	}
}

// xmlComparable drops empty lists and turns null into "": what XML writes
// the same way.
func xmlComparable(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			if l, ok := x.([]any); ok && len(l) == 0 {
				continue
			}
			out[k] = xmlComparable(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = xmlComparable(x)
		}
		return out
	case nil:
		return ""
	}
	return v
}

// TestDocsSamples sends the reference's sample requests, in the format each
// is written in, to a fresh simulator: every one succeeds with the
// documented structure (status, and customers.customer items with
// item_status, or the search result).
func TestDocsSamples(t *testing.T) {
	t.Parallel()
	for _, tc := range goldenCases {
		if !strings.HasSuffix(tc.name, "_sample") {
			continue
		}
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				t.Parallel()
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, f)
				}
				v := decode(t, s, tc.method, tc.path, call(t, s, tc.method, withFormat(tc.target, f), body))
				if code, msg := status(v); code != 200 {
					t.Fatalf("status %d %s", code, msg)
				}
				if tc.method == "GET" && strings.Contains(tc.path, "search") {
					if at(v, "response", "customer", "count") != "1" {
						t.Fatalf("search sample: %v", v)
					}
					return
				}
				for _, it := range items(v) {
					if at(it, "item_status", "success") != "true" {
						t.Fatalf("item failed: %v", it)
					}
				}
			})
		}
	}
}
