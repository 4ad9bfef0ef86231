package admin_test

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/simtest"
)

const lookupPrefix = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="

// count asks the admin API how many journal entries match query.
func count(t *testing.T, s *simtest.Server, query string) int {
	t.Helper()
	res := s.Do("GET", "/__admin/requests/count?"+query, nil)
	if res.Status != 200 {
		t.Fatalf("count %s: %d %s", query, res.Status, res.Body)
	}
	var v struct{ Count int }
	res.Decode(t, &v)
	return v.Count
}

// mine narrows query to s's namespace: on the shared simulator the journal
// holds every test's requests.
func mine(s *simtest.Server, query string) string {
	if query == "" {
		return "namespace=" + s.Namespace
	}
	return "namespace=" + s.Namespace + "&" + query
}

// TestJournalVerify is the QA check: "lookup was called twice for this mobile".
func TestJournalVerify(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // it counts the whole journal
	s.Do("GET", lookupPrefix+"919111111111", nil)
	s.Do("GET", lookupPrefix+"18767431754", nil)
	s.Do("GET", lookupPrefix+"919111111111", nil, "X-Capsim-Scenario", "lookup-not-found")
	s.Do("GET", "/v2/customers/329?source=INSTORE", nil)
	s.Do("GET", "/v1.1/customer/get?mobile=919111111111&format=json", nil)

	tests := []struct {
		query string
		want  int
	}{
		{"operation=lookupCustomer&mobile=919111111111", 2},
		{"operation=lookupCustomer", 3},
		{"mobile=919111111111", 3},
		{"customerId=329", 1},
		{"operation=lookupCustomer&mobile=919111111111&status=400", 1},
		{"code=8015", 1},
		{"scenario=lookup-not-found", 1},
		{"method=GET&path=/v1.1/", 1},
		{"namespace=default", 5},
		{"namespace=other", 0},
		{"since=" + simtest.Epoch.Add(time.Hour).Format(time.RFC3339), 0},
		{"since=" + simtest.Epoch.Format(time.RFC3339), 5},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			if got := count(t, s, tc.query); got != tc.want {
				t.Fatalf("count = %d, want %d", got, tc.want)
			}
		})
	}

	res := s.Do("GET", "/__admin/requests?operation=lookupCustomer&limit=2", nil)
	var found struct {
		Requests []admin.Entry
		Count    int
		Capacity int
	}
	res.Decode(t, &found)
	if found.Count != 3 || len(found.Requests) != 2 || found.Capacity != 1000 {
		t.Fatalf("find: %s", res.Body)
	}
	newest := found.Requests[0]
	if newest.Scenario != "lookup-not-found" || newest.Rule != "lookup" || newest.Status != 400 ||
		len(newest.Codes) != 1 || newest.Codes[0] != 8015 || newest.Valid == nil || !*newest.Valid ||
		newest.OperationID != "lookupCustomer" || newest.Namespace != "default" || newest.Method != "GET" ||
		newest.Path != "/v2/customers/lookup" || !strings.Contains(newest.Query, "identifierValue=919111111111") ||
		len(newest.Customer) != 1 || newest.Customer[0] != (scenario.Identifier{Type: "mobile", Value: "919111111111"}) {
		t.Fatalf("newest entry %+v", newest)
	}
}

// TestJournalRecordsEverything: 401s, 404s and bad namespaces are recorded;
// the admin API is not.
func TestJournalRecordsEverything(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	s.Do("GET", lookupPrefix+"919111111111", nil, "Authorization", "-")
	s.Do("GET", "/v2/nowhere", nil)
	s.Do("GET", "/__admin/scenarios", nil)
	if got := count(t, s, mine(s, "status=401&operation=lookupCustomer")); got != 1 {
		t.Fatalf("401s recorded: %d", got)
	}
	if got := count(t, s, mine(s, "status=404&path=/v2/nowhere")); got != 1 {
		t.Fatalf("404s recorded: %d", got)
	}
	if got := count(t, s, mine(s, "path=/__admin")); got != 0 {
		t.Fatalf("admin requests recorded: %d", got)
	}
	if res := s.Do("GET", "/__admin/requests?since=yesterday", nil); res.Status != 400 {
		t.Fatalf("bad since: %d %s", res.Status, res.Body)
	}
}

// TestJournalClear clears one namespace's entries or all.
func TestJournalClear(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // it clears the whole journal
	for _, ns := range []string{"a", "a", "b"} {
		s.Do("GET", lookupPrefix+"919111111111", nil, "X-Capsim-Namespace", ns)
	}
	res := s.Do("DELETE", "/__admin/requests?namespace=a", nil)
	if res.Status != 200 || !strings.Contains(string(res.Body), `"cleared":2`) {
		t.Fatalf("clear a: %d %s", res.Status, res.Body)
	}
	if count(t, s, "namespace=b") != 1 || count(t, s, "namespace=a") != 0 {
		t.Fatal("clearing a touched b, or left a")
	}
	s.Do("DELETE", "/__admin/requests", nil)
	if got := count(t, s, ""); got != 0 {
		t.Fatalf("%d entries after clearing all", got)
	}
}

// TestJournalRing keeps the newest entries in order once full.
func TestJournalRing(t *testing.T) {
	t.Parallel()
	j := admin.NewJournal(3)
	for i := 1; i <= 5; i++ {
		j.Add(admin.Entry{ID: strconv.Itoa(i), Namespace: map[bool]string{true: "odd", false: "even"}[i%2 == 1]})
	}
	ids := func() string {
		es, _ := j.Find(nil, 10)
		var b strings.Builder
		for _, e := range es {
			b.WriteString(e.ID)
		}
		return b.String()
	}
	if got, want := ids(), "543"; got != want {
		t.Fatalf("entries %s, want %s", got, want)
	}
	if n := j.Clear("even"); n != 1 {
		t.Fatalf("cleared %d", n)
	}
	if got, want := ids(), "53"; got != want {
		t.Fatalf("after clear %s, want %s", got, want)
	}
	j.Add(admin.Entry{ID: "6"})
	j.Add(admin.Entry{ID: "7"})
	if got, want := ids(), "765"; got != want {
		t.Fatalf("after refill %s, want %s", got, want)
	}
	empty := admin.NewJournal(0)
	empty.Add(admin.Entry{})
	if empty.Len() != 0 {
		t.Fatal("a journal of size 0 keeps entries")
	}
}

// TestJournalSoak pushes 25k requests through a 1000-entry journal: it
// keeps 1000, and the heap after the soak is about what it was after the
// first 1000 (memory flat under a long load; with 1M pushes it is the same).
func TestJournalSoak(t *testing.T) {
	// Not parallel: it reads the whole process's heap, which the package's
	// parallel tests would grow; serial tests run before any of them.
	const size, total = 1000, 25_000
	j := admin.NewJournal(size)
	entry := func(i int) admin.Entry {
		return admin.Entry{
			ID: fmt.Sprintf("%032x", i), Time: simtest.Epoch, Method: "GET",
			Path:        "/v2/customers/lookup/" + strings.Repeat("x", 1000), // truncated to 256
			Query:       "source=INSTORE&identifierName=mobile&identifierValue=" + strconv.Itoa(440000000000+i),
			OperationID: "lookupCustomer", Namespace: "ns-" + strconv.Itoa(i%7), Status: 200,
			Codes:    make([]int, 100), // truncated to 32
			Customer: []scenario.Identifier{{Type: "mobile", Value: strconv.Itoa(440000000000 + i)}},
		}
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	before := heap()
	for i := 0; i < size; i++ {
		j.Add(entry(i))
	}
	full := heap()
	start := time.Now()
	for i := size; i < total; i++ {
		j.Add(entry(i))
	}
	took := time.Since(start)
	after := heap()
	if got := j.Len(); got != size {
		t.Fatalf("journal holds %d entries, want %d", got, size)
	}
	if got := j.Count(&admin.Filter{Customer: map[string]string{"mobile": strconv.Itoa(440000000000 + total - 1)}}); got != 1 {
		t.Fatalf("newest entry not found: %d", got)
	}
	if got := j.Count(&admin.Filter{Customer: map[string]string{"mobile": "440000000000"}}); got != 0 {
		t.Fatalf("oldest entry still there: %d", got)
	}
	grow := int64(after) - int64(full)
	t.Logf("heap in use: %d KiB empty, %d KiB with %d entries, %d KiB after %d more (%+d KiB); %.0f ns/add",
		before>>10, full>>10, size, after>>10, total-size, grow>>10, float64(took.Nanoseconds())/float64(total-size))
	// Unbounded, the 24000 extra entries would hold about 29 MiB; bounded,
	// the heap only moves by allocator noise (measured: 0.2-0.7 MiB).
	if grow > 2<<20 {
		t.Fatalf("heap grew %d KiB over the soak, want it flat (under 2 MiB)", grow>>10)
	}
}

// TestJournalFilterValues checks that a filter naming something that
// cannot be (a typo) is a 400 saying what is known, never {"count":0}.
func TestJournalFilterValues(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for _, tc := range []struct {
		query  string
		status int
		says   string
	}{
		{"operation=noSuchOp", 400, "no such operation (operations: "},
		{"operation=noSuchOp", 400, "lookupCustomer"},
		{"method=FETCH", 400, "want one of GET, POST, PUT"},
		{"mobile=notamobile", 400, "want 8 to 15 digits"},
		{"email=nobody", 400, "want an address with @"},
		{"customerId=abc", 400, "want a positive integer"},
		{"namespace=capsim", 400, "reserved"},
		{"path=v2", 400, "starting with /"},
		{"operation=lookupCustomer&method=get&mobile=%2B919111111111&customerId=329&email=a%40b.c", 200, `"count":0`},
	} {
		t.Run(tc.query, func(t *testing.T) {
			for _, target := range []string{"/__admin/requests/count?" + tc.query, "/__admin/requests?" + tc.query} {
				res := s.Do("GET", target, nil)
				if res.Status != tc.status || !strings.Contains(string(res.Body), tc.says) {
					t.Fatalf("%s: %d %s, want %d ...%s...", target, res.Status, res.Body, tc.status, tc.says)
				}
			}
		})
	}
}
