package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

const lookupTom = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000"

// TestAuthentication checks the three modes against well-formed, malformed,
// forged and missing credentials: 401 in the v2 envelope, code 401.
func TestAuthentication(t *testing.T) {
	t.Parallel()
	md5cm := auth.MD5Hex("cm123")
	tests := []struct {
		name   string
		mode   auth.Mode
		header []string
		status int
	}{
		{"any: unknown till, well formed", auth.ModeAny, []string{"Authorization", basic("some.till", auth.MD5Hex("x"))}, 200},
		{"any: password not md5 hex", auth.ModeAny, []string{"Authorization", basic("cm.1", "cm123")}, 401},
		{"any: not base64", auth.ModeAny, []string{"Authorization", "Basic !!!"}, 401},
		{"any: no colon", auth.ModeAny, []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("cm.1"))}, 401},
		{"any: bearer scheme", auth.ModeAny, []string{"Authorization", "Bearer abc"}, 401},
		{"any: no credentials", auth.ModeAny, []string{"Authorization", "-"}, 401},
		{"any: forged token", auth.ModeAny, []string{auth.TokenHeader, "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl"}, 401},
		{"any: garbage token", auth.ModeAny, []string{auth.TokenHeader, "not-a-token"}, 401},
		{"strict: fixture till", auth.ModeStrict, []string{"Authorization", basic("cm.1", md5cm)}, 200},
		{"strict: docs example till", auth.ModeStrict, []string{"Authorization", "Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3"}, 200},
		{"strict: wrong password", auth.ModeStrict, []string{"Authorization", basic("cm.1", auth.MD5Hex("nope"))}, 401},
		{"strict: unknown till", auth.ModeStrict, []string{"Authorization", basic("who", md5cm)}, 401},
		{"off: nothing", auth.ModeOff, []string{"Authorization", "-"}, 200},
	}
	// One simulator per mode: the shared one for the default mode "any".
	servers := map[auth.Mode]*simtest.Server{auth.ModeAny: simtest.Shared(t)}
	for _, tc := range tests {
		if servers[tc.mode] == nil {
			servers[tc.mode] = simtest.MustOpenServer(t, simtest.WithAuth(tc.mode), simtest.WithCustomers(0))
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := servers[tc.mode]
			res := s.Do("GET", lookupTom, nil, tc.header...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if tc.status == 401 {
				simtest.ExpectCodes(t, res, 401, []int{401}, nil)
			}
		})
	}
}

// TestOAuthToken checks token generation, use, expiry and strict keys.
func TestOAuthToken(t *testing.T) {
	t.Parallel()
	t.Run("any mode: token works until it expires", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithCustomers(0)) // the clock moves
		res := s.Do("POST", "/v3/oauth/token/generate", map[string]string{"key": "partner-key", "secret": "whatever"}, "Authorization", "-")
		if res.Status != 200 {
			t.Fatalf("generate: %d %s", res.Status, res.Body)
		}
		var body struct {
			Data struct {
				AccessToken string `json:"accessToken"`
				TTLSeconds  int    `json:"ttlSeconds"`
			} `json:"data"`
		}
		res.Decode(t, &body)
		if body.Data.AccessToken == "" || body.Data.TTLSeconds <= 0 {
			t.Fatalf("no token: %s", res.Body)
		}
		if got := s.Do("GET", lookupTom, nil, auth.TokenHeader, body.Data.AccessToken); got.Status != 200 {
			t.Fatalf("with token: %d %s", got.Status, got.Body)
		}
		s.Clock.Advance(time.Duration(body.Data.TTLSeconds+1) * time.Second)
		got := s.Do("GET", lookupTom, nil, auth.TokenHeader, body.Data.AccessToken)
		simtest.ExpectCodes(t, got, 401, []int{401}, nil)
		if !strings.Contains(string(got.Body), "expired") {
			t.Fatalf("message does not say the token expired: %s", got.Body)
		}
	})
	t.Run("strict mode: fixture client only", func(t *testing.T) {
		s := simtest.MustOpenServer(t, simtest.WithAuth(auth.ModeStrict), simtest.WithCustomers(0))
		ok := s.Do("POST", "/v3/oauth/token/generate", map[string]string{"key": "capsim-key", "secret": "capsim-secret"})
		if ok.Status != 200 {
			t.Fatalf("fixture client refused: %d %s", ok.Status, ok.Body)
		}
		for _, body := range []map[string]string{
			{"key": "capsim-key", "secret": "wrong"},
			{"key": "unknown", "secret": "capsim-secret"},
		} {
			res := s.Do("POST", "/v3/oauth/token/generate", body)
			if res.Status != 401 || res.JSON()["data"] != nil {
				t.Fatalf("%v: got %d %s, want 401 with data null", body, res.Status, res.Body)
			}
		}
	})
	t.Run("bad bodies", func(t *testing.T) {
		s := simtest.Shared(t)
		for _, body := range []string{`{`, `{"key":"k"}`, `{"key":"","secret":""}`, `[]`, ``} {
			res := s.Do("POST", "/v3/oauth/token/generate", body)
			if res.Status != 400 && res.Status != 401 {
				t.Fatalf("%q: status %d, want 400 or 401: %s", body, res.Status, res.Body)
			}
		}
	})
}

// TestUnknownRoutes checks that unknown paths and methods answer in the envelope.
func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/v2/nothing", 404},
		{"GET", "/", 404},
		{"DELETE", "/v2/customers/17742", 405},
		{"GET", "/__admin/nothing", 404},
		{"PATCH", "/__admin/reset", 405},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			res := s.Do(tc.method, tc.path, nil)
			errs, _ := res.Codes()
			if res.Status != tc.status || len(errs) != 1 || errs[0] != tc.status {
				t.Fatalf("got %d %v, want %d with code %d: %s", res.Status, errs, tc.status, tc.status, res.Body)
			}
			// The admin API answers in its own shape: the message says
			// what is wrong, without an API version's boilerplate.
			if strings.HasPrefix(tc.path, "/__admin/") {
				var env struct {
					Errors []struct{ Message string } `json:"errors"`
				}
				_ = json.Unmarshal(res.Body, &env)
				if len(env.Errors) != 1 || !strings.Contains(env.Errors[0].Message, tc.path) || strings.Contains(env.Errors[0].Message, "Incorrect resource") {
					t.Fatalf("admin refusal %s", res.Body)
				}
			}
		})
	}
}

// TestRequestIDsUnique checks that every response carries its own request id.
func TestRequestIDsUnique(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		target := lookupTom
		if i%2 == 1 {
			target = "/v1.1/customer/get?mobile=44700900000"
		}
		h := s.Do("GET", target, nil).Header
		id := h.Get("X-Cap-Requestid")
		if len(id) != 32 || seen[id] {
			t.Fatalf("request id %q is malformed or repeated", id)
		}
		// 007 names the header X-CAP-REQUEST-ID: the same id under that name.
		if got := h.Get("X-CAP-REQUEST-ID"); got != id {
			t.Fatalf("X-CAP-REQUEST-ID %q, want %q", got, id)
		}
		seen[id] = true
	}
}

// TestOpenAPIServed checks the index and the documents.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	idx := s.Do("GET", "/openapi/", nil)
	if idx.Status != 200 || !strings.Contains(string(idx.Body), "v2.yaml") {
		t.Fatalf("index: %d %s", idx.Status, idx.Body)
	}
	doc := s.Do("GET", "/openapi/v2.yaml", nil)
	if doc.Status != 200 || !strings.HasPrefix(string(doc.Body), "openapi: 3.0") {
		t.Fatalf("v2.yaml: %d %.80s", doc.Status, doc.Body)
	}
}

// TestNamespacesIsolated checks that a namespace's writes stay in it, under
// parallel use, and that reset scopes to one namespace.
func TestNamespacesIsolated(t *testing.T) {
	t.Parallel()
	s, jobA, jobB := simtest.Shared(t), simtest.Shared(t).Namespace, simtest.Shared(t).Namespace
	register := func(ns, mobile string) *simtest.Response {
		body := map[string]any{"profiles": []any{map[string]any{"firstName": "Iso", "lastName": ns,
			"identifiers": []any{map[string]any{"type": "mobile", "value": mobile}}}}}
		return s.Do("POST", "/v2/customers?source=INSTORE", body, "X-Capsim-Namespace", ns)
	}
	lookup := func(ns, mobile string) int {
		return s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue="+mobile, nil, "X-Capsim-Namespace", ns).Status
	}
	var wg sync.WaitGroup
	for _, ns := range []string{jobA, jobB} {
		wg.Add(1)
		go func(ns string) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				mobile := "4470099" + map[string]string{jobA: "1", jobB: "2"}[ns] + strings.Repeat("0", 3) + string(rune('0'+i))
				if res := register(ns, mobile); res.Status != 200 {
					t.Errorf("%s register: %d %s", ns, res.Status, res.Body)
				}
			}
		}(ns)
	}
	wg.Wait()
	if got := lookup(jobA, "44700991000"+"0"); got != 200 {
		t.Fatalf("job-a cannot see its own customer: %d", got)
	}
	if got := lookup(jobB, "44700991000"+"0"); got != 400 {
		t.Fatalf("job-b sees job-a's customer: %d", got)
	}
	if got := lookup(s.Namespace, "44700991000"+"0"); got != 400 {
		t.Fatalf("another namespace sees job-a's customer: %d", got)
	}
	res := s.Do("POST", "/__admin/reset?namespace="+jobA, nil)
	if res.Status != 200 {
		t.Fatalf("reset: %d %s", res.Status, res.Body)
	}
	if got := lookup(jobA, "44700991000"+"0"); got != 400 {
		t.Fatalf("job-a kept its customer after reset: %d", got)
	}
	if got := lookup(jobB, "44700992000"+"0"); got != 200 {
		t.Fatalf("job-b lost its customer when job-a was reset: %d", got)
	}
	bad := s.Do("GET", lookupTom, nil, "X-Capsim-Namespace", "../etc")
	simtest.ExpectCodes(t, bad, 400, []int{400}, nil)
}

// TestBodyLimits checks huge and malformed bodies get the envelope, not a crash.
func TestBodyLimits(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	huge := `{"profiles":[{"firstName":"` + strings.Repeat("a", 2<<20) + `"}]}`
	tests := []struct{ name, body string }{
		{"huge", huge},
		{"malformed", `{"profiles":[`},
		{"not json", `<xml/>`},
		{"wrong type", `{"profiles":"x"}`},
		{"null", `null`},
		{"absurd identifier", `{"profiles":[{"identifiers":[{"type":"wechat","value":"` + strings.Repeat("w", 5000) + `"}]}]}`},
		{"boolean identifier", `{"profiles":[{"identifiers":[{"type":"wechat","value":true}]}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("POST", "/v2/customers?source=WECHAT&accountId=1", tc.body)
			errs, _ := res.Codes()
			if res.Status != http.StatusBadRequest || len(errs) != 1 {
				t.Fatalf("got %d %v: %.300s", res.Status, errs, res.Body)
			}
			if strings.Contains(tc.name, "identifier") && !strings.Contains(string(res.Body), `profiles/0/identifiers/0/value`) {
				t.Fatalf("the message does not name the field: %.300s", res.Body)
			}
		})
	}
}

// TestHealthAndReset checks the admin basics.
func TestHealthAndReset(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // it resets every namespace
	h := s.Do("GET", "/__admin/health", nil, "Authorization", "-")
	if h.Status != 200 || h.JSON()["status"] != "ok" {
		t.Fatalf("health: %d %s", h.Status, h.Body)
	}
	r := s.Do("POST", "/__admin/reset", nil)
	if r.Status != 200 || r.JSON()["reset"] != true {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
}

// editedSpecs returns the embedded documents with one edit in doc: the
// first from after operation op's id becomes to.
func editedSpecs(doc, op, from, to string) fstest.MapFS {
	specs := fstest.MapFS{}
	names, _ := fs.Glob(openapi.FS, "*.yaml")
	for _, n := range names {
		b, _ := fs.ReadFile(openapi.FS, n)
		if n == doc {
			i := strings.Index(string(b), "operationId: "+op)
			j := i + strings.Index(string(b[i:]), from)
			b = []byte(string(b[:j]) + to + string(b[j+len(from):]))
		}
		specs[n] = &fstest.MapFile{Data: b}
	}
	return specs
}

// TestBuiltinScenariosCheckedAgainstOtherSpecs: the built-in scenarios'
// code answers are checked at start against documents other than the
// embedded ones (TestBuiltinsParse checks them against those): a lookup
// that declares no 400 cannot carry lookup-not-found's 8015.
func TestBuiltinScenariosCheckedAgainstOtherSpecs(t *testing.T) {
	t.Parallel()
	specs := editedSpecs("v2.yaml", "lookupCustomer", `"400":`, `"409":`)
	_, err := server.Build(server.Options{Specs: specs, ValidateResponses: true, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "built-in scenarios") || !strings.Contains(err.Error(), "HTTP 400") {
		t.Fatalf("err = %v, want the built-in scenarios refused", err)
	}
}

// TestContractViolationIsLoud serves with a contract whose lookup answer is
// declared with another status: the response must become a 500 with the
// violation header, in the API's envelope, never pass silently.
func TestContractViolationIsLoud(t *testing.T) {
	t.Parallel()
	// Declare lookup's success as 201: capsim's 200 is then undeclared.
	specs := editedSpecs("v2.yaml", "lookupCustomer", `"200":`, `"201":`)
	var logs bytes.Buffer
	app, err := server.Build(server.Options{Specs: specs, ValidateResponses: true, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	req := httptest.NewRequest("GET", lookupTom, nil)
	req.Header.Set("Authorization", simtest.BasicAuth)
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	if rec.Code != 500 || rec.Header().Get(server.HeaderViolation) == "" {
		t.Fatalf("got %d %q: %s", rec.Code, rec.Header().Get(server.HeaderViolation), rec.Body)
	}
	if !strings.Contains(rec.Body.String(), `"code":500`) || !strings.Contains(logs.String(), "contract violation") {
		t.Fatalf("body %s, log %s", rec.Body, logs.String())
	}
}
