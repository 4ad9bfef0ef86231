package admin_test

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator/auth"
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
	t.Parallel()
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
	t.Parallel()
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

// basicAuth is Basic credentials for till (any password: --auth any).
func basicAuth(till string) string {
	sum := md5.Sum([]byte("secret"))
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(till+":"+hex.EncodeToString(sum[:])))
}

// TestNamespaceLimitAnswers checks that one credential filling its share
// cannot stop another from creating namespaces, that a full limit or share
// is a 429 with Retry-After in the API's envelope, that a drop frees a
// slot, and that the metrics count each client's namespaces.
func TestNamespaceLimitAnswers(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithNamespaces(5, 2, ""))
	steps := []struct {
		name, method, target, ns, till string
		status                         int
		says                           string
	}{
		{"A's first", "GET", "/v2/customers/329?source=INSTORE", "a1", "cm.1", 200, ""},
		{"A's second", "GET", "/v2/customers/329?source=INSTORE", "a2", "cm.1", 200, ""},
		{"A past its share", "GET", "/v2/customers/329?source=INSTORE", "a3", "cm.1", 429, "till:cm.1 holds its share of 2"},
		{"A past its share, v1.1", "GET", "/v1.1/customer/get?mobile=919111111111&format=json", "a3", "cm.1", 429, "--max-namespaces-per-client"},
		{"B is not starved", "GET", "/v2/customers/329?source=INSTORE", "b1", "partner.1", 200, ""},
		{"B fills the limit", "GET", "/v2/customers/329?source=INSTORE", "b2", "partner.1", 200, ""},
		{"C past the limit", "GET", "/v2/customers/329?source=INSTORE", "c1", "partner.2", 429, "the limit is 5, --max-namespaces"},
		{"a drop frees a slot", "DELETE", "/__admin/namespaces/a1", "", "", 200, ""},
		{"C after the drop", "GET", "/v2/customers/329?source=INSTORE", "c1", "partner.2", 200, ""},
		{"metrics per client", "GET", "/__admin/metrics", "", "", 200, `capsim_namespaces_by_client{client="till:partner.1"} 2`},
	}
	for _, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			var h []string
			if tc.ns != "" {
				h = []string{"X-Capsim-Namespace", tc.ns, "Authorization", basicAuth(tc.till)}
			}
			res := s.Do(tc.method, tc.target, nil, h...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("body does not say %q: %s", tc.says, res.Body)
			}
			if got := res.Header.Get("Retry-After"); (tc.status == 429) != (got != "") {
				t.Fatalf("Retry-After %q with status %d", got, res.Status)
			}
		})
	}
}

// TestNamespaceRace checks that a client racing to fill every slot gets
// its share and no more, while another creates its own at the same time.
func TestNamespaceRace(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithNamespaces(8, 3, ""))
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[string]map[int]int{}
	for i := range 24 {
		till, ns := "hog.1", fmt.Sprintf("hog-%d", i)
		if i%8 == 0 {
			till, ns = "ci.1", fmt.Sprintf("ci-%d", i)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := s.Do("GET", "/v2/customers/329?source=INSTORE", nil, "X-Capsim-Namespace", ns, "Authorization", basicAuth(till))
			mu.Lock()
			defer mu.Unlock()
			if statuses[till] == nil {
				statuses[till] = map[int]int{}
			}
			statuses[till][res.Status]++
		}()
	}
	wg.Wait()
	if got, want := fmt.Sprint(statuses), "map[ci.1:map[200:3] hog.1:map[200:3 429:18]]"; got != want {
		t.Fatalf("statuses %s, want %s", got, want)
	}
}

// TestNamespaceOwnerCredential checks that with --namespace-owner
// credential a namespace answers only the credential that created it
// (another gets 404 in the API's envelope), while default stays shared.
func TestNamespaceOwnerCredential(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithNamespaces(16, 4, server.NamespaceOwnerCredential))
	steps := []struct {
		name, target, ns, till string
		status                 int
		says                   string
	}{
		{"A creates team-a", "/v2/customers/329?source=INSTORE", "team-a", "cm.1", 200, ""},
		{"B is refused", "/v2/customers/329?source=INSTORE", "team-a", "partner.1", 404, "no such namespace for these credentials"},
		{"B is refused on v1.1", "/v1.1/customer/get?mobile=919111111111&format=json", "team-a", "partner.1", 404, "--namespace-owner credential"},
		{"A again", "/v1.1/customer/get?mobile=919111111111&format=json", "team-a", "cm.1", 200, ""},
		{"default is shared: A", "/v2/customers/329?source=INSTORE", "default", "cm.1", 200, ""},
		{"default is shared: B", "/v2/customers/329?source=INSTORE", "default", "partner.1", 200, ""},
		{"reserved name", "/v2/customers/329?source=INSTORE", "capsim", "cm.1", 400, "reserved"},
	}
	for _, tc := range steps {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", tc.target, nil, "X-Capsim-Namespace", tc.ns, "Authorization", basicAuth(tc.till))
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("body does not say %q: %s", tc.says, res.Body)
			}
		})
	}
}

// TestAdminReadsCreateNoNamespace checks that admin GETs naming a namespace
// (unauthenticated: the admin API takes no API credentials) read it as a
// new one would be, and create nothing, with --auth strict.
func TestAdminReadsCreateNoNamespace(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, simtest.WithAuth(auth.ModeStrict))
	for _, target := range []string{
		"/__admin/customers?namespace=ghost-1",
		"/__admin/customers?namespace=ghost-2&q=Tom",
		"/__admin/clock?namespace=ghost-3",
		"/__admin/scenarios?namespace=ghost-4",
		"/__admin/coverage?namespace=ghost-5",
		"/__admin/requests?namespace=ghost-6",
	} {
		t.Run(target, func(t *testing.T) {
			if res := s.Do("GET", target, nil, "Authorization", "-"); res.Status != 200 {
				t.Fatalf("status %d: %s", res.Status, res.Body)
			}
		})
	}
	if got := namespaceList(t, s); len(got) != 1 {
		t.Fatalf("admin reads created namespaces: %v", got)
	}
}
