package capsimtest_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/capsimtest"
	"github.com/capsim/capsim/simulator/server"
)

// shared is the package's one server; each test works in a namespace of
// its own. Tests that need other options start their own.
var shared *capsimtest.Server

func TestMain(m *testing.M) {
	var err error
	if shared, err = capsimtest.Start(capsimtest.WithCustomers(0)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	shared.Close()
	os.Exit(code)
}

const (
	huck   = "919111111111" // customer 329, INSTORE
	jim    = "18767431754"  // customer 52350728, INSTORE
	lookup = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="
	issue  = "/v2/promotion/issue?source=INSTORE&identifierName=mobile&identifierValue="
)

// send sends a request with c and returns the status and body.
func send(t *testing.T, c *http.Client, method, url, body string, header ...string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

func register(mobile string) string {
	return `{"profiles":[{"firstName":"Ann","identifiers":[{"type":"mobile","value":"` + mobile + `"}]}]}`
}

// TestServer: the server listens on 127.0.0.1, health needs no
// credentials, API calls need them and Client sends them unless the
// request brings its own.
func TestServer(t *testing.T) {
	t.Parallel()
	if !strings.HasPrefix(shared.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %s, want http://127.0.0.1:port", shared.URL)
	}
	plain := &http.Client{}
	if code, body := send(t, plain, "GET", shared.URL+"/__admin/health", ""); code != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Fatalf("health: %d %s", code, body)
	}
	ns := shared.NewNamespace(t.Name())
	tests := []struct {
		name   string
		client *http.Client
		header []string
		status int
	}{
		{"no credentials", plain, nil, 401},
		{"Client sends Basic", ns.Client(), nil, 200},
		{"BasicAuth by hand", plain, []string{"Authorization", capsimtest.BasicAuth}, 200},
		{"Client keeps the request's Authorization", ns.Client(), []string{"Authorization", "Bearer x"}, 401},
		{"Client keeps the request's token", ns.Client(), []string{"X-CAP-API-OAUTH-TOKEN", "forged"}, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, body := send(t, tc.client, "GET", shared.URL+lookup+huck, "", tc.header...); code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, body)
			}
		})
	}
}

// TestNamespaces: what one namespace writes, no other sees; Reset puts one
// namespace back and clears its journal entries.
func TestNamespaces(t *testing.T) {
	t.Parallel()
	a, b := shared.NewNamespace(t.Name()), shared.NewNamespace(t.Name())
	if a.Name == b.Name {
		t.Fatalf("two new namespaces are both %s", a.Name)
	}
	const mobile = "447700900901"
	if code, body := send(t, a.Client(), "POST", shared.URL+"/v2/customers?source=INSTORE", register(mobile)); code != 200 {
		t.Fatalf("register: %d %s", code, body)
	}
	for _, tc := range []struct {
		ns   *capsimtest.Namespace
		want int
	}{{a, 200}, {b, 400}, {shared.Namespace, 400}} {
		if code, _ := send(t, tc.ns.Client(), "GET", shared.URL+lookup+mobile, ""); code != tc.want {
			t.Errorf("lookup in %s: %d, want %d", tc.ns.Name, code, tc.want)
		}
	}
	a.ExpectCount(t, capsimtest.Query{Operation: "registerCustomer", Mobile: mobile}, 1)
	b.ExpectCount(t, capsimtest.Query{}, 1)

	if err := a.Reset(); err != nil {
		t.Fatal(err)
	}
	a.ExpectCount(t, capsimtest.Query{}, 0)
	if code, _ := send(t, a.Client(), "GET", shared.URL+lookup+mobile, ""); code != 400 {
		t.Errorf("after Reset the customer is still there: %d", code)
	}
	named := shared.UseNamespace(a.Name)
	named.ExpectCount(t, capsimtest.Query{Operation: "lookupCustomer"}, 1)
}

// TestScenarios: a built-in scenario activated in one namespace answers
// only there; a client may name scenarios for its own requests; a loaded
// scenario scripts a sequence; a refused one says why.
func TestScenarios(t *testing.T) {
	t.Parallel()
	a, b := shared.NewNamespace(t.Name()), shared.NewNamespace(t.Name())
	status := func(c *http.Client) int {
		code, _ := send(t, c, "GET", shared.URL+lookup+huck, "")
		return code
	}
	if err := a.ActivateScenario("lookup-not-found"); err != nil {
		t.Fatal(err)
	}
	if got := status(a.Client()); got != 400 {
		t.Fatalf("activated namespace: %d, want 400", got)
	}
	if got := status(b.Client()); got != 200 {
		t.Fatalf("another namespace: %d, want 200", got)
	}
	if got := status(b.Client("lookup-not-found")); got != 400 {
		t.Fatalf("client naming the scenario: %d, want 400", got)
	}
	if err := a.DeactivateScenario("lookup-not-found"); err != nil {
		t.Fatal(err)
	}
	if got := status(a.Client()); got != 200 {
		t.Fatalf("after deactivation: %d, want 200", got)
	}
	a.ExpectCount(t, capsimtest.Query{Operation: "lookupCustomer", Code: 8015, Scenario: "lookup-not-found"}, 1)
	b.ExpectCount(t, capsimtest.Query{Operation: "lookupCustomer", Status: 400}, 1)

	err := shared.LoadScenario(`
name: capsimtest-flaps
rules:
  - match: {operation: lookupCustomer, customer: {mobile: "` + huck + `"}}
    answer: {code: 8015}
    when: {sequence: [fail, fail, pass]}
`)
	if err != nil {
		t.Fatal(err)
	}
	c := shared.NewNamespace(t.Name())
	var got strings.Builder
	for i := 0; i < 4; i++ {
		fmt.Fprint(&got, status(c.Client("capsimtest-flaps")), " ")
	}
	if got.String() != "400 400 200 200 " {
		t.Fatalf("sequence: %s", got.String())
	}

	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"refused scenario", shared.LoadScenario("name: bad\nrules:\n  - answer: {fault: boom}\n"), `fault \"boom\"`},
		{"unknown scenario", a.ActivateScenario("nope"), `no scenario named \"nope\"`},
		{"bad namespace", shared.UseNamespace("no spaces").ActivateScenario("slow"), "namespace"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %s", tc.name, tc.err, tc.want)
		}
	}
}

// TestJournal: count and list by operation, customer, status and code.
func TestJournal(t *testing.T) {
	t.Parallel()
	ns := shared.NewNamespace(t.Name())
	c := ns.Client()
	body := `{"programId": 469, "promotionId": 65777}` // limit 1 per customer
	for i := 0; i < 2; i++ {
		send(t, c, "POST", shared.URL+issue+jim, body)
	}
	send(t, c, "GET", shared.URL+"/v2/customers/329?source=INSTORE", "")
	send(t, c, "GET", shared.URL+"/v1.1/customer/get?format=json&mobile="+huck, "")

	tests := []struct {
		q    capsimtest.Query
		want int
	}{
		{capsimtest.Query{}, 4},
		{capsimtest.Query{Operation: "issuePromotion", Mobile: jim}, 2},
		{capsimtest.Query{Operation: "issuePromotion", Mobile: jim, Code: 8890}, 1},
		{capsimtest.Query{Operation: "issuePromotion", Mobile: huck}, 0},
		{capsimtest.Query{CustomerID: 329}, 1},
		{capsimtest.Query{Mobile: huck}, 1},
		{capsimtest.Query{Status: 200}, 4},
		{capsimtest.Query{Method: "GET", Path: "/v1.1/"}, 1},
		{capsimtest.Query{Operation: "getCustomersV11"}, 1},
		{capsimtest.Query{Operation: "issuePromotion", Mobile: jim, BodyPath: "promotionId", BodyValue: "65777"}, 2},
		{capsimtest.Query{Operation: "issuePromotion", BodyPath: "$.promotionId", BodyValue: "57099"}, 0},
		{capsimtest.Query{BodyContains: `"programId": 469`}, 2},
		{capsimtest.Query{Operation: "issuePromotion", ResponsePath: "sideEffects[0].type", ResponseValue: "Points promotion"}, 1},
		{capsimtest.Query{ResponseContains: "Tom"}, 0},
		{capsimtest.Query{Broken: true}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.q.String(), func(t *testing.T) {
			ns.ExpectCount(t, tc.q, tc.want)
		})
	}
	reqs, err := ns.Requests(capsimtest.Query{Operation: "issuePromotion"})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 || reqs[0].Namespace != ns.Name || len(reqs[0].Codes) != 1 || reqs[0].Codes[0] != 8890 ||
		reqs[1].Status != 200 || len(reqs[1].Codes) != 0 {
		t.Fatalf("requests, newest first: %+v", reqs)
	}
}

// fakeT records what ExpectCount reports instead of failing.
type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
}

// TestExpectCountFails: a wrong count fails the test with the namespace's
// requests listed.
func TestExpectCountFails(t *testing.T) {
	t.Parallel()
	ns := shared.NewNamespace(t.Name())
	send(t, ns.Client(), "GET", shared.URL+lookup+huck, "")
	f := &fakeT{TB: t}
	ns.ExpectCount(f, capsimtest.Query{Operation: "lookupCustomer"}, 2)
	if !f.failed {
		t.Fatal("ExpectCount passed with 1 request for 2")
	}
	for _, want := range []string{"1 requests match", "operation=lookupCustomer", ns.Name, "want 2", "GET /v2/customers/lookup?", "-> 200 [] (lookupCustomer)"} {
		if !strings.Contains(f.msg, want) {
			t.Errorf("message lacks %q:\n%s", want, f.msg)
		}
	}
	f = &fakeT{TB: t}
	ns.ExpectCount(f, capsimtest.Query{Operation: "lookupCustomer"}, 1)
	if f.failed {
		t.Fatalf("ExpectCount failed on the right count: %s", f.msg)
	}
}

// TestServerReset: Reset puts every namespace back and empties the journal.
func TestServerReset(t *testing.T) {
	t.Parallel()
	s := capsimtest.NewServer(t, capsimtest.WithCustomers(0))
	a := s.NewNamespace(t.Name())
	const mobile = "447700900902"
	send(t, a.Client(), "POST", s.URL+"/v2/customers?source=INSTORE", register(mobile))
	send(t, s.Client(), "POST", s.URL+"/v2/customers?source=INSTORE", register(mobile))
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	for _, ns := range []*capsimtest.Namespace{a, s.Namespace} {
		if code, _ := send(t, ns.Client(), "GET", s.URL+lookup+mobile, ""); code != 400 {
			t.Errorf("%s kept its customer: %d", ns.Name, code)
		}
		ns.ExpectCount(t, capsimtest.Query{Operation: "registerCustomer"}, 0)
	}
}

// TestOptions: strict authentication, a locked admin API the helpers
// unlock, and a bad mode refused at start.
func TestOptions(t *testing.T) {
	t.Parallel()
	s := capsimtest.NewServer(t, capsimtest.WithCustomers(0), capsimtest.WithAuth("strict"),
		capsimtest.WithOptions(func(o *server.Options) { o.AdminToken = "s3cret" }))
	wrong := "Basic " + "d2hvOjVmNGRjYzNiNWFhNzY1ZDYxZDgzMjdkZWI4ODJjZjk5" // who:md5("password")
	if code, body := send(t, s.Client(), "GET", s.URL+lookup+huck, "", "Authorization", wrong); code != 401 {
		t.Fatalf("strict mode took an unknown till: %d %s", code, body)
	}
	if code, body := send(t, s.Client(), "GET", s.URL+lookup+huck, ""); code != 200 {
		t.Fatalf("strict mode refused the fixtures' till: %d %s", code, body)
	}
	if code, _ := send(t, &http.Client{}, "GET", s.URL+"/__admin/requests/count", ""); code != 401 {
		t.Fatalf("the admin API is not locked: %d", code)
	}
	if err := s.ActivateScenario("slow"); err != nil {
		t.Fatalf("the helpers do not send the admin token: %v", err)
	}
	if _, err := capsimtest.Start(capsimtest.WithAuth("maybe")); err == nil || !strings.Contains(err.Error(), "want any, strict or off") {
		t.Fatalf("bad auth mode: %v", err)
	}
}

// TestJournalBroken: a request a fault broke is selected by Broken. (A POST:
// Go's transport would retry a GET whose reused connection broke.)
func TestJournalBroken(t *testing.T) {
	t.Parallel()
	if err := shared.LoadScenario("name: capsimtest-reset\nrules:\n  - match: {operation: registerCustomer}\n    answer: {fault: reset}\n"); err != nil {
		t.Fatal(err)
	}
	ns := shared.NewNamespace(t.Name())
	if _, err := ns.Client("capsimtest-reset").Post(shared.URL+"/v2/customers?source=INSTORE", "application/json", strings.NewReader(register("447700900903"))); err == nil {
		t.Fatal("the client got an answer through a reset")
	}
	send(t, ns.Client(), "GET", shared.URL+"/v2/customers/329?source=INSTORE", "")
	// The journal records a broken request when its handler returns, which
	// may be just after the client saw the connection break.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if n, err := ns.Count(capsimtest.Query{Broken: true}); err != nil || n > 0 {
			break
		}
	}
	ns.ExpectCount(t, capsimtest.Query{Broken: true}, 1)
	ns.ExpectCount(t, capsimtest.Query{Operation: "registerCustomer", Broken: true}, 1)
	ns.ExpectCount(t, capsimtest.Query{Status: 200}, 1)
}
