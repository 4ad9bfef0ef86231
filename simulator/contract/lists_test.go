package contract

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
)

// journalPage is the schema of a journal page (adminFindRequests' 200), as
// the fast path checks it, and how it checks it list by list.
var journalPage = sync.OnceValues(func() (*openapi3.Schema, *listed) {
	for _, op := range journalContract().Operations() {
		if op.ID == "adminFindRequests" {
			s := op.Route.Operation.Responses.Status(200).Value.Content.Get("application/json").Schema.Value
			fast := op.fast.get(op, s)
			return fast, op.fast.lists[fast]
		}
	}
	panic("no adminFindRequests")
})

var journalContract = sync.OnceValue(func() *Contract {
	c, err := Load(openapi.FS)
	if err != nil {
		panic(err)
	}
	return c
})

// whole is the verdict of the whole visit, which the list path must give.
func whole(s *openapi3.Schema, body []byte, opts []openapi3.SchemaValidationOption) bool {
	v, ok, _ := jsonvalue.ParseStrict(body)
	return ok && s.VisitJSON(v, opts...) == nil
}

const journalEntry = `{"id":"a1","time":"2026-12-07T00:37:44.346482794Z","method":"GET","path":"/v2/customers/lookup","query":"source=INSTORE","operationId":"lookupCustomer","namespace":"ns","scenario":"","rule":"","status":200,"fault":"","commit":"","codes":[],"valid":true,"durationMs":0.026,"customer":[{"type":"mobile","value":"44700900000"}],"truncated":false,"request":{"headers":{"Accept":"*/*"},"body":"","bodyBytes":0,"truncated":false},"response":{"headers":{"Content-Type":"application/json"},"body":"{}","bodyBytes":2,"truncated":false}}`

func TestListsAgreeWithTheWholeVisit(t *testing.T) {
	fast, l := journalPage()
	if l == nil {
		t.Fatal("a journal page has no list path: its schema changed, or listsOf refuses it")
	}
	opts := []openapi3.SchemaValidationOption{openapi3.FailFast()}
	entries := func(n int) string { return strings.TrimSuffix(strings.Repeat(journalEntry+",", n), ",") }
	for _, tc := range []struct {
		name string
		body string
		want bool
	}{
		{"a page", `{"requests":[` + entries(3) + `],"count":3,"capacity":1000}`, true},
		{"an empty page", `{"requests":[],"count":0,"capacity":1000}`, true},
		{"truncated", `{"requests":[` + entries(1) + `],"count":9,"capacity":1000,"truncated":true}`, true},
		{"white space", " {\n \"requests\" : [ " + entries(2) + " ] , \"count\":2,\"capacity\":1000 }\n", true},
		{"an entry of the wrong type", `{"requests":[` + entries(1) + `,"x"],"count":2,"capacity":1000}`, false},
		{"an entry missing its id", `{"requests":[` + strings.Replace(journalEntry, `"id":"a1",`, "", 1) + `],"count":1,"capacity":1000}`, false},
		{"no list", `{"count":0,"capacity":1000}`, false},
		{"the list as an object", `{"requests":{},"count":0,"capacity":1000}`, false},
		{"the list as null", `{"requests":null,"count":0,"capacity":1000}`, false},
		{"the list twice", `{"requests":[],"requests":[],"count":0,"capacity":1000}`, false},
		{"another member of the wrong type", `{"requests":[],"count":"0","capacity":1000}`, false},
		{"a member it does not know", `{"requests":[],"count":0,"capacity":1000,"more":1}`, false},
		{"a required member missing", `{"requests":[],"capacity":1000}`, false},
		{"trailing data", `{"requests":[],"count":0,"capacity":1000}{}`, false},
		{"a name twice within an entry", `{"requests":[` + strings.Replace(journalEntry, `"id":"a1",`, `"id":"a1","id":"a2",`, 1) + `],"count":1,"capacity":1000}`, false},
		{"entries seen before, in an envelope that breaks it", `{"requests":[` + entries(3) + `],"count":3}`, false},
		{"an escape that is not one", `{"requests":[` + strings.Replace(journalEntry, `"id":"a1"`, `"id":"a\q"`, 1) + `],"count":1,"capacity":1000}`, false},
		{"a broken element", `{"requests":[{"id":],"count":0,"capacity":1000}`, false},
		{"not an object", `[` + entries(1) + `]`, false},
	} {
		if got := whole(fast, []byte(tc.body), opts); got != tc.want {
			t.Fatalf("%s: the whole visit says %v: the case is wrong", tc.name, got)
		}
		if got := journalContract().checkLists(l, []byte(tc.body), opts); got != tc.want {
			t.Errorf("%s: the list path says %v, the whole visit %v", tc.name, got, tc.want)
		}
	}
}

// FuzzLists proves the list path gives the whole visit's verdict on any
// text: it may refuse what the whole visit would too, never pass more.
func FuzzLists(f *testing.F) {
	f.Add(`{"requests":[` + journalEntry + `],"count":1,"capacity":1000}`)
	f.Add(`{"requests":[],"count":0,"capacity":1}`)
	f.Add(`{"requests":[1],"requests":[],"count":0}`)
	fast, l := journalPage()
	c := journalContract()
	opts := []openapi3.SchemaValidationOption{openapi3.FailFast()}
	f.Fuzz(func(t *testing.T, body string) {
		if got, want := c.checkLists(l, []byte(body), opts), whole(fast, []byte(body), opts); got != want {
			t.Fatalf("%q: the list path says %v, the whole visit %v", body, got, want)
		}
	})
}

// FuzzParseLists proves ParseLists reads what ParseStrict does: the same
// verdict and problem, the same members, each element in order.
func FuzzParseLists(f *testing.F) {
	f.Add(`{"a":[1,{"b":[2]}],"c":"d"}`)
	f.Add(`{"a":[],"a":[1]}`)
	f.Add(`{"a":{}}`)
	f.Add(`{"c":1,"c":2} x`)
	f.Fuzz(func(t *testing.T, body string) {
		elems := []any{}
		obj, lens, ok, problem := jsonvalue.ParseLists([]byte(body), func(name string) bool { return name == "a" },
			func(_ string, e []byte) bool {
				v, ok, _ := jsonvalue.ParseStrict(e)
				elems = append(elems, v)
				return ok
			})
		v, wantOK, wantProblem := jsonvalue.ParseStrict([]byte(body))
		m, isObject := v.(map[string]any)
		list, isList := m["a"].([]any)
		_, hasA := m["a"]
		if !isObject || (hasA && !isList) { // ParseLists takes objects whose "a" is a list only
			if ok {
				t.Fatalf("%q: ParseLists took what is not an object with a list", body)
			}
			return
		}
		if ok != wantOK || (problem != "" && problem != wantProblem) {
			t.Fatalf("%q: ParseLists says %v %q, ParseStrict %v %q", body, ok, problem, wantOK, wantProblem)
		}
		if !ok {
			return
		}
		if hasA {
			obj["a"] = elems
			if lens["a"] != len(list) {
				t.Fatalf("%q: %d elements counted, %d in the list", body, lens["a"], len(list))
			}
		}
		if got, want := jsonText(t, obj), jsonText(t, m); got != want {
			t.Fatalf("%q: ParseLists read %s, ParseStrict %s", body, got, want)
		}
	})
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
