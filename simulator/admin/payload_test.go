package admin_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

const (
	jimIssue = "/v2/promotion/issue?identifierName=mobile&identifierValue=18767431754&source=INSTORE"
	annIssue = "/v2/promotion/issue?identifierName=mobile&identifierValue=919111111111&source=INSTORE"
)

// find asks the admin API for the entries query matches.
func find(t *testing.T, s *simtest.Server, query string) []admin.Entry {
	t.Helper()
	res := s.Do("GET", "/__admin/requests?"+query, nil)
	if res.Status != 200 {
		t.Fatalf("find %s: %d %s", query, res.Status, res.Body)
	}
	var v struct{ Requests []admin.Entry }
	res.Decode(t, &v)
	return v.Requests
}

// TestJournalVerifyBody is the QA check the journal exists for: "issuePromotion
// was called once for this mobile with promotionId 57099", asked by query and
// by a criteria body, on the request and on the response.
func TestJournalVerifyBody(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	s.Do("POST", jimIssue, `{"programId": 469, "promotionId": 57099}`)
	s.Do("POST", jimIssue, `{"programId": 469, "promotionId": 65777}`)
	s.Do("POST", annIssue, `{"programId": 469, "promotionId": 57099}`)
	s.Do("POST", "/v1.1/customer/add?format=json", `{"root":{"customer":[{"mobile":"447700900555","firstname":"Ann"},{"mobile":"447700900556","firstname":"Bo"}]}}`)
	s.Do("POST", "/v1.1/customer/add", `<root><customer><mobile>447700900557</mobile><firstname>Cy</firstname></customer></root>`,
		"Content-Type", "application/xml")

	tests := []struct {
		query string
		want  int
	}{
		{"operation=issuePromotion&mobile=18767431754&bodyPath=promotionId&bodyValue=57099", 1},
		{"operation=issuePromotion&mobile=18767431754&bodyPath=$.promotionId&bodyValue=57099.0", 1},
		{"operation=issuePromotion&bodyPath=promotionId&bodyValue=57099", 2},
		{"operation=issuePromotion&bodyPath=promotionId", 3},
		{"operation=issuePromotion&bodyPath=promotionId&bodyValue=1", 0},
		{"operation=issuePromotion&bodyPath=nothing", 0},
		{"operation=issuePromotion&bodyContains=65777", 1},
		{"operation=issuePromotion&responsePath=sideEffects[0].promotionId&responseValue=65777", 1},
		{"operation=issuePromotion&responseContains=sideEffects", 3},
		// v1.1: one path reads the JSON and the XML form alike.
		{"bodyPath=root.customer.mobile&bodyValue=447700900556", 1},
		{"bodyPath=root.customer[*].firstname&bodyValue=Cy", 1},
		{"bodyPath=$.root.customer[0].mobile&bodyValue=447700900555", 1},
		{"bodyPath=root.customer[1].mobile&bodyValue=447700900556", 1},
		{"bodyPath=root.customer.mobile", 2},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			if got := count(t, s, mine(s, tc.query)); got != tc.want {
				t.Fatalf("count = %d, want %d", got, tc.want)
			}
		})
	}

	for _, path := range []string{"/__admin/requests/count", "/__admin/requests/find"} {
		res := s.Do("POST", path, `{"namespace":"`+s.Namespace+`","operation":"issuePromotion","mobile":"18767431754","bodyPath":"promotionId","bodyValue":57099}`)
		if res.Status != 200 || !strings.Contains(string(res.Body), `"count":1`) {
			t.Fatalf("POST %s: %d %s", path, res.Status, res.Body)
		}
	}
	res := s.Do("POST", "/__admin/requests/find", `{"namespace":"`+s.Namespace+`","operation":"issuePromotion","limit":1}`)
	var found struct {
		Requests []admin.Entry
		Count    int
	}
	res.Decode(t, &found)
	if found.Count != 3 || len(found.Requests) != 1 {
		t.Fatalf("find with limit: %s", res.Body)
	}
	e := found.Requests[0]
	if e.Request.Body != `{"programId": 469, "promotionId": 57099}` || e.Request.BodyBytes != int64(len(e.Request.Body)) ||
		e.Request.Truncated || e.Request.Headers.Get("Content-Type") != "application/json" ||
		!strings.Contains(e.Response.Body, `"sideEffects"`) || e.Response.Headers.Get("Content-Type") == "" ||
		e.Response.Headers.Get("X-Cap-Requestid") != e.ID || e.Truncated {
		t.Fatalf("entry %+v", e)
	}
}

// TestJournalFiltersHonest: every unknown filter, repeated or empty filter
// and bad value is refused with a 400 that names it; status=0 means 0.
func TestJournalFiltersHonest(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	s.Do("GET", lookupPrefix+"919111111111", nil)
	tests := []struct {
		method, target, body string
		want                 string // in the 400's message
	}{
		{"GET", "/__admin/requests/count?operaton=lookupCustomer", "", `unknown filter \"operaton\"`},
		{"GET", "/__admin/requests?mobil=1&emial=2", "", `unknown filter \"emial\"`},
		{"GET", "/__admin/requests/count?limit=3", "", `unknown filter \"limit\"`},
		{"GET", "/__admin/requests/count?mobile=", "", `filter \"mobile\" is empty`},
		{"GET", "/__admin/requests/count?operation=a&operation=b", "", `\"operation\" is given 2 times`},
		{"GET", "/__admin/requests/count?bodyValue=1", "", `bodyValue needs bodyPath`},
		{"GET", "/__admin/requests/count?bodyPath=a..b", "", `bodyPath`},
		{"GET", "/__admin/requests/count?bodyPath=a[x]", "", `index \"x\"`},
		{"GET", "/__admin/requests/count?since=yesterday", "", `since=\"yesterday\"`},
		{"POST", "/__admin/requests/count", `{"operaton":"x"}`, `operaton`},
		{"POST", "/__admin/requests/count", `{"limit":1}`, `unknown filter \"limit\"`},
		{"POST", "/__admin/requests/find", `[1]`, `must be an object`},
		{"POST", "/__admin/requests/find?operation=x", `{}`, `in the JSON body`},
		{"POST", "/__admin/requests/find", `{"bodyContains":"` + strings.Repeat("x", 70<<10) + `"}`, `larger than 65536 bytes`},
		{"DELETE", "/__admin/requests?namespac=a", "", `namespac`},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target+" "+tc.body[:min(len(tc.body), 40)], func(t *testing.T) {
			var body any
			if tc.body != "" {
				body = tc.body
			}
			res := s.Do(tc.method, tc.target, body)
			if res.Status != 400 || !strings.Contains(string(res.Body), tc.want) {
				t.Fatalf("got %d %s, want 400 naming %s", res.Status, res.Body, tc.want)
			}
		})
	}
	if got := count(t, s, mine(s, "status=0")); got != 0 {
		t.Fatalf("status=0 counts %d, want 0 (no connection was broken)", got)
	}
	if got := count(t, s, mine(s, "status=200")); got != 1 {
		t.Fatalf("status=200 counts %d", got)
	}
}

// TestJournalRedacts: credentials, tokens and passwords never reach the journal.
func TestJournalRedacts(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("POST", "/v3/oauth/token/generate", `{"key":"capsim-demo","secret":"s3cr3t-value"}`, "Authorization", "-")
	tok, _ := res.JSON()["data"].(map[string]any)["accessToken"].(string)
	if tok == "" {
		t.Fatalf("no token: %s", res.Body)
	}
	s.Do("GET", lookupPrefix+"919111111111", nil, "X-CAP-API-OAUTH-TOKEN", tok)
	s.Do("GET", lookupPrefix+"919111111111&password=hunter2", nil)
	s.Do("POST", "/v1.1/customer/add", `<root><customer><mobile>447700900557</mobile><password>hunter2</password></customer></root>`,
		"Content-Type", "application/xml")
	s.Do("POST", jimIssue, `{"programId": 469, "promotionId": 57099, "meta": {"client_secret": "hunter2", "campaign_token": "CAMP-1"}}`)

	res = s.Do("GET", "/__admin/requests?"+mine(s, "limit=100"), nil)
	body := string(res.Body)
	for _, secret := range []string{"s3cr3t-value", tok, tok[:20], simtest.BasicAuth[6:], "hunter2"} {
		if strings.Contains(body, secret) {
			t.Fatalf("the journal shows %q:\n%s", secret, body)
		}
	}
	for _, kept := range []string{`"Authorization":"Basic [redacted]"`, `"X-Cap-Api-Oauth-Token":"[redacted]"`,
		`\"accessToken\":\"[redacted]\"`, `\"secret\":\"[redacted]\"`, `\"key\":\"capsim-demo\"`,
		`password=[redacted]`, `\u003cpassword\u003e[redacted]\u003c/password\u003e`, `CAMP-1`} {
		if !strings.Contains(body, kept) {
			t.Fatalf("the journal lacks %s:\n%s", kept, body)
		}
	}
}

// TestJournalBounds: an entry keeps at most --journal-entry-bytes of body,
// says it truncated, and the journal as a whole stays within its bytes.
func TestJournalBounds(t *testing.T) {
	t.Parallel()
	app, err := server.Build(server.Options{Contract: simtest.Contract(t), Seed: 1, JournalSize: 100, JournalEntryBytes: 4096, JournalBytes: 64 << 10,
		MaxBodyBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	do := func(method, target, body string) {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Header.Set("Authorization", simtest.BasicAuth)
		req.Header.Set("Content-Type", "application/json")
		app.ServeHTTP(httptest.NewRecorder(), req)
	}
	big := `{"programId": 469, "promotionId": 57099, "pad": "` + strings.Repeat("x", 20000) + `"}`
	do("POST", jimIssue, big)
	do("GET", lookupPrefix+"919111111111&junk="+strings.Repeat("q", 200<<10), "")
	es, _ := app.Journal().Find(nil, 10)
	if len(es) != 2 {
		t.Fatalf("%d entries", len(es))
	}
	lookup, issue := es[0], es[1]
	if !issue.Request.Truncated || issue.Request.BodyBytes != int64(len(big)) || len(issue.Request.Body)+len(issue.Response.Body) > 4096 ||
		!strings.HasPrefix(big, issue.Request.Body) {
		t.Fatalf("big body kept %d of %d bytes, truncated %v", len(issue.Request.Body), issue.Request.BodyBytes, issue.Request.Truncated)
	}
	if !lookup.Truncated || len(lookup.Query) > 4096 {
		t.Fatalf("200 KiB query kept %d bytes, truncated %v", len(lookup.Query), lookup.Truncated)
	}
	for i := 0; i < 100; i++ {
		do("POST", jimIssue, big)
	}
	if got := app.Journal().Bytes(); got > 64<<10 {
		t.Fatalf("journal holds %d bytes, bound 64 KiB", got)
	}
	if n := app.Journal().Len(); n < 5 || n >= 100 {
		t.Fatalf("journal holds %d entries: want the byte bound, not the count, to decide", n)
	}
}

// TestRequestLog: one line per request after start-up, at info below 400
// and warn from 400, in the logger's format; LogRequests false is silent.
func TestRequestLog(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		on      bool
		target  string
		headers []string
		want    []string
	}{
		{"ok", true, lookupPrefix + "919111111111", nil,
			[]string{"level=INFO", "msg=request", "method=GET", "path=/v2/customers/lookup", "operation=lookupCustomer", "status=200", "codes=[]", "duration_ms=", "request_id=", "namespace=default", "scenario=\"\""}},
		{"scenario 400", true, lookupPrefix + "919111111111", []string{"X-Capsim-Scenario", "lookup-not-found", "X-Capsim-Namespace", "qa"},
			[]string{"level=WARN", "status=400", "codes=[8015]", "namespace=qa", "scenario=lookup-not-found", "rule=lookup"}},
		{"401", true, lookupPrefix + "919111111111", []string{"Authorization", "-"}, []string{"level=WARN", "status=401"}},
		{"404", true, "/v2/nowhere", nil, []string{"level=WARN", "status=404", "operation=\"\""}},
		{"off", false, lookupPrefix + "919111111111", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			app, err := server.Build(server.Options{Contract: simtest.Contract(t), Seed: 1, LogRequests: tc.on,
				Log: slogText(&out)})
			if err != nil {
				t.Fatal(err)
			}
			defer app.Close()
			req := httptest.NewRequest("GET", tc.target, nil)
			req.Header.Set("Authorization", simtest.BasicAuth)
			for i := 0; i+1 < len(tc.headers); i += 2 {
				if tc.headers[i+1] == "-" {
					req.Header.Del(tc.headers[i])
					continue
				}
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			app.ServeHTTP(httptest.NewRecorder(), req)
			app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/__admin/health", nil)) // debug: not shown
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if tc.want == nil {
				if out.Len() != 0 {
					t.Fatalf("logged with LogRequests off:\n%s", out.String())
				}
				return
			}
			if len(lines) != 1 {
				t.Fatalf("want one line, got:\n%s", out.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(lines[0], w) {
					t.Fatalf("line lacks %s:\n%s", w, lines[0])
				}
			}
		})
	}
}

// TestRequestLogHostile: a 200 KiB path makes a bounded line.
func TestRequestLogHostile(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	app, err := server.Build(server.Options{Contract: simtest.Contract(t), Seed: 1, LogRequests: true, Log: slogText(&out)})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	req := httptest.NewRequest("GET", "/v2/"+strings.Repeat("p", 200<<10), nil)
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound || out.Len() > 1024 {
		t.Fatalf("status %d, log line of %d bytes", rec.Code, out.Len())
	}
}

func slogText(w *strings.Builder) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// TestJournalKeepsWhatWasSent: a v1.1 body sent as curl's default form type
// is journaled with the Content-Type the client sent, read once by the
// handler and once by the journal's tee, not twice from the client.
func TestJournalKeepsWhatWasSent(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	body := `{"root":{"customer":[{"mobile":"447700900555","firstname":"Ann"}]}}`
	res := s.Do("POST", "/v1.1/customer/add?format=json", body, "Content-Type", "application/x-www-form-urlencoded")
	if res.Status != 200 {
		t.Fatalf("add: %d %s", res.Status, res.Body)
	}
	es := find(t, s, mine(s, "operation=addCustomerV11"))
	if len(es) != 1 {
		t.Fatalf("%d entries", len(es))
	}
	e := es[0]
	if e.Request.Body != body || e.Request.Headers.Get("Content-Type") != "application/x-www-form-urlencoded" ||
		e.Path != "/v1.1/customer/add" || !strings.Contains(e.Response.Body, `"447700900555"`) {
		t.Fatalf("entry %+v", e)
	}
	if got := count(t, s, mine(s, "bodyPath=root.customer.firstname&bodyValue=Ann&responsePath=response.customers.customer.mobile&responseValue=447700900555")); got != 1 {
		t.Fatalf("matched %d", got)
	}
}

// TestJournalUnreadBody: a request answered before its body was read says
// how long the body was and that the journal does not have it.
func TestJournalUnreadBody(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	body := `{"programId": 469, "promotionId": 57099}`
	s.Do("POST", "/nowhere", body)
	es := find(t, s, mine(s, "status=404"))
	if len(es) != 1 || es[0].Request.BodyBytes != int64(len(body)) || !es[0].Request.Truncated || len(es[0].Request.Body) > len(body) {
		t.Fatalf("entries %+v", es)
	}
}
