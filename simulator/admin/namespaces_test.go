package admin_test

import (
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

const registerPath = "/v2/customers?source=INSTORE"

func registerBody(mobile string) map[string]any {
	return map[string]any{"profiles": []any{map[string]any{"firstName": "Becky", "lastName": "Thatcher",
		"identifiers": []any{map[string]any{"type": "mobile", "value": mobile}}}}}
}

// namespaceList returns the namespaces the admin API lists, by name.
func namespaceList(t *testing.T, s *simtest.Server) map[string]map[string]any {
	t.Helper()
	res := s.Do("GET", "/__admin/namespaces", nil)
	if res.Status != 200 {
		t.Fatalf("list: %d %s", res.Status, res.Body)
	}
	var v struct {
		Namespaces []map[string]any
		Limit      int
	}
	res.Decode(t, &v)
	out := map[string]map[string]any{}
	for _, n := range v.Namespaces {
		out[n["name"].(string)] = n
	}
	return out
}

// TestNamespaceLifecycle checks that only authenticated calls that match an
// operation create a namespace, that the list shows what one holds, and
// that a drop frees it.
func TestNamespaceLifecycle(t *testing.T) {
	s := simtest.MustOpenServer(t)
	calls := []struct {
		name, method, target, ns string
		headers                  []string
		status                   int
		created                  bool
	}{
		{"no credentials", "GET", "/v2/customers/329?source=INSTORE", "ghost1", []string{"Authorization", "-"}, 401, false},
		{"no operation", "GET", "/v2/nothing-here", "ghost2", nil, 404, false},
		{"bad name", "GET", "/v2/customers/329?source=INSTORE", "../x", nil, 400, false},
		{"authenticated", "GET", "/v2/customers/329?source=INSTORE", "job-1", nil, 200, true},
		{"v1.1", "GET", "/v1.1/customer/get?mobile=919111111111&format=json", "job-2", nil, 200, true},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do(tc.method, tc.target, nil, append([]string{"X-Capsim-Namespace", tc.ns}, tc.headers...)...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if _, ok := namespaceList(t, s)[tc.ns]; ok != tc.created {
				t.Fatalf("namespace %q listed: %v, want %v", tc.ns, ok, tc.created)
			}
		})
	}
	before := namespaceList(t, s)["job-1"]
	if res := s.Do("POST", registerPath, registerBody("447700900123"), "X-Capsim-Namespace", "job-1"); res.Status != 200 {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	after := namespaceList(t, s)["job-1"]
	if after["customers"].(float64) != before["customers"].(float64)+1 || after["bytes"].(float64) <= before["bytes"].(float64) {
		t.Fatalf("after a registration: %v, before: %v", after, before)
	}
	drops := []struct {
		name, ns string
		status   int
		says     string
	}{
		{"existing", "job-1", 200, `"dropped":"job-1"`},
		{"again", "job-1", 404, "no namespace named"},
		{"default", "default", 400, "cannot be dropped"},
		{"bad name", "a%20b", 400, "X"},
	}
	for _, tc := range drops {
		t.Run("drop "+tc.name, func(t *testing.T) {
			res := s.Do("DELETE", "/__admin/namespaces/"+tc.ns, nil)
			if res.Status != tc.status || (tc.says != "X" && !strings.Contains(string(res.Body), tc.says)) {
				t.Fatalf("%d %s, want %d saying %q", res.Status, res.Body, tc.status, tc.says)
			}
		})
	}
	// The dropped namespace starts again from the base data.
	res := s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=447700900123", nil, "X-Capsim-Namespace", "job-1")
	if res.Status == 200 {
		t.Fatalf("a dropped namespace kept its customer: %s", res.Body)
	}
}

// TestSnapshotEndpoints saves a namespace, changes it, restores it and
// checks the refusals.
func TestSnapshotEndpoints(t *testing.T) {
	s := simtest.MustOpenServer(t)
	ns := []string{"X-Capsim-Namespace", "suite"}
	lookup := "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=447700900777"
	steps := []struct {
		name, method, target string
		body                 any
		status               int
		says                 string
	}{
		{"save", "POST", "/__admin/snapshots/clean", nil, 201, `"namespace":"suite"`},
		{"register", "POST", registerPath, registerBody("447700900777"), 200, "createdId"},
		{"registered", "GET", lookup, nil, 200, `"entity"`},
		{"restore", "POST", "/__admin/snapshots/clean/restore", nil, 200, `"restored":"clean"`},
		{"gone", "GET", lookup, nil, 400, `"code":8015`},
		{"list", "GET", "/__admin/snapshots", nil, 200, `"name":"clean"`},
		{"unknown restore", "POST", "/__admin/snapshots/nope/restore", nil, 404, `no such snapshot: \"nope\" (have: clean)`},
		{"bad name", "POST", "/__admin/snapshots/a%20b", nil, 400, "name"},
		{"drop", "DELETE", "/__admin/snapshots/clean", nil, 200, `"dropped":"clean"`},
		{"drop again", "DELETE", "/__admin/snapshots/clean", nil, 404, "no such snapshot"},
	}
	for _, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do(tc.method, tc.target, tc.body, ns...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("body does not say %q: %s", tc.says, res.Body)
			}
		})
	}
}

// TestNamespaceLimitAnswers checks that past the limit a new namespace gets
// a 400 that says why and how to free one, and that a drop frees it.
func TestNamespaceLimitAnswers(t *testing.T) {
	s := simtest.MustOpenServer(t, func(o *server.Options) { o.MaxNamespaces = 2 })
	get := func(ns string) *simtest.Response {
		return s.Do("GET", "/v2/customers/329?source=INSTORE", nil, "X-Capsim-Namespace", ns)
	}
	if res := get("one"); res.Status != 200 {
		t.Fatalf("first namespace: %d %s", res.Status, res.Body)
	}
	res := get("two")
	if res.Status != 400 || !strings.Contains(string(res.Body), "too many namespaces") || !strings.Contains(string(res.Body), "DELETE /__admin/namespaces") {
		t.Fatalf("past the limit: %d %s", res.Status, res.Body)
	}
	if res := s.Do("DELETE", "/__admin/namespaces/one", nil); res.Status != 200 {
		t.Fatalf("drop: %d %s", res.Status, res.Body)
	}
	if res := get("two"); res.Status != 200 {
		t.Fatalf("after a drop: %d %s", res.Status, res.Body)
	}
}
