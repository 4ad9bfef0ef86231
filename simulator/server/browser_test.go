package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// TestHostPolicy sends the requests a web page could make a browser send,
// and those of curl, CI and the console, to capsim on a loopback address and
// on all interfaces.
func TestHostPolicy(t *testing.T) {
	t.Parallel()
	loopback := simtest.MustOpenServer(t, simtest.WithHosts(server.HostPolicy{LoopbackOnly: true}))
	loopbackAllowed := simtest.MustOpenServer(t, simtest.WithHosts(server.HostPolicy{LoopbackOnly: true, Allowed: []string{"capsim.test", ".corp.example"}}))
	anyIface := simtest.MustOpenServer(t, simtest.WithHosts(server.HostPolicy{}))
	anyIfaceAllowed := simtest.MustOpenServer(t, simtest.WithHosts(server.HostPolicy{Allowed: []string{"capsim"}}))
	const v11Add = `{"root":{"customer":[{"mobile":"447700900123","firstname":"Ann"}]}}`
	for _, tc := range []struct {
		name         string
		srv          *simtest.Server
		method, path string
		host         string
		headers      []string // name, value pairs
		body         string
		want         int
		refusal      string // in the 403 message
	}{
		{name: "header-less reset (curl, CI)", srv: loopback, method: "POST", path: "/__admin/reset", host: "127.0.0.1:8080", want: 200},
		{name: "localhost name", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080", want: 200},
		{name: "IPv6 loopback", srv: loopback, method: "POST", path: "/__admin/reset", host: "[::1]:8080", want: 200},
		{name: "same-origin console write", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080",
			headers: []string{"Origin", "http://localhost:8080", "Sec-Fetch-Site", "same-origin"}, want: 200},
		{name: "cross-origin reset", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080",
			headers: []string{"Origin", "http://evil.example", "Content-Type", "text/plain"}, want: 403, refusal: `from Origin "http://evil.example" is refused`},
		{name: "other port is another origin", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080",
			headers: []string{"Origin", "http://localhost:3000"}, want: 403, refusal: "is refused"},
		{name: "null origin", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080",
			headers: []string{"Origin", "null"}, want: 403, refusal: `Origin "null"`},
		{name: "cross-site fetch without Origin", srv: loopback, method: "POST", path: "/__admin/reset", host: "localhost:8080",
			headers: []string{"Sec-Fetch-Site", "cross-site"}, want: 403, refusal: "Sec-Fetch-Site: cross-site"},
		{name: "cross-origin read is answered", srv: loopback, method: "GET", path: "/__admin/health", host: "localhost:8080",
			headers: []string{"Origin", "http://evil.example"}, want: 200},
		{name: "rebound Host", srv: loopback, method: "POST", path: "/__admin/reset", host: "evil.example:8080", want: 403, refusal: "--allowed-hosts (CAPSIM_ALLOWED_HOSTS)"},
		{name: "rebound Host reading", srv: loopback, method: "GET", path: "/__admin/requests", host: "evil.example", want: 403, refusal: `Host "evil.example" is refused`},
		{name: "cross-site text/plain v1.1 write", srv: loopback, method: "POST", path: "/v1.1/customer/add?format=json", host: "localhost:8080",
			headers: []string{"Origin", "http://evil.example", "Content-Type", "text/plain"}, body: v11Add, want: 403, refusal: "is refused"},
		{name: "curl v1.1 write", srv: loopback, method: "POST", path: "/v1.1/customer/add?format=json", host: "localhost:8080",
			headers: []string{"Content-Type", "application/json"}, body: v11Add, want: 200},
		{name: "allowed host", srv: loopbackAllowed, method: "POST", path: "/__admin/reset", host: "capsim.test:8080", want: 200},
		{name: "allowed domain", srv: loopbackAllowed, method: "POST", path: "/__admin/reset", host: "ci.corp.example", want: 200},
		{name: "host outside the allowed ones", srv: loopbackAllowed, method: "POST", path: "/__admin/reset", host: "corp.example.evil", want: 403, refusal: "--allowed-hosts"},
		{name: "service name on all interfaces", srv: anyIface, method: "POST", path: "/__admin/reset", host: "capsim:8080", want: 200},
		{name: "service name, same origin", srv: anyIface, method: "POST", path: "/__admin/reset", host: "capsim:8080",
			headers: []string{"Origin", "http://capsim:8080"}, want: 200},
		{name: "cross-origin on all interfaces", srv: anyIface, method: "POST", path: "/__admin/reset", host: "capsim:8080",
			headers: []string{"Origin", "http://evil.example"}, want: 403, refusal: "is refused"},
		{name: "allowed service name", srv: anyIfaceAllowed, method: "POST", path: "/__admin/reset", host: "capsim:8080", want: 200},
		{name: "other name with --allowed-hosts", srv: anyIfaceAllowed, method: "POST", path: "/__admin/reset", host: "evil.example", want: 403, refusal: "not among the allowed hosts"},
		{name: "healthcheck by IP with --allowed-hosts", srv: anyIfaceAllowed, method: "GET", path: "/__admin/health", host: "127.0.0.1:8080", want: 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Host = tc.host
			req.Header.Set("Authorization", simtest.BasicAuth)
			for i := 0; i+1 < len(tc.headers); i += 2 {
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			rec := httptest.NewRecorder()
			tc.srv.ServeHTTP(rec, req)
			if got, want := rec.Code, tc.want; got != want {
				t.Fatalf("status %d, want %d: %s", got, want, rec.Body)
			}
			if v := rec.Header().Get(server.HeaderViolation); v != "" {
				t.Fatalf("contract violation: %s", v)
			}
			if tc.want != http.StatusForbidden {
				return
			}
			var env struct {
				Errors []struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || len(env.Errors) != 1 {
				t.Fatalf("refusal %s: %v", rec.Body, err)
			}
			if got := env.Errors[0]; got.Code != 403 || !strings.Contains(got.Message, tc.refusal) {
				t.Fatalf("refusal %+v does not say %q", got, tc.refusal)
			}
		})
	}
}

func TestLoopbackAddr(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:0": true, "[::1]:8080": true, "127.0.0.2:80": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "10.0.0.5:8080": false, "capsim:8080": false,
	} {
		if got := server.LoopbackAddr(addr); got != want {
			t.Errorf("LoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestParseAllowedHosts(t *testing.T) {
	t.Parallel()
	got, err := server.ParseAllowedHosts(" capsim:8080, .Example.com ,,")
	if err != nil || strings.Join(got, " ") != "capsim .example.com" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := server.ParseAllowedHosts("http://capsim"); err == nil || !strings.Contains(err.Error(), "not a URL") {
		t.Fatalf("a URL: err %v", err)
	}
}

// TestAdminErrorsSayWhatIsWrong: the admin API's refusals carry no v1.1
// boilerplate, whether a handler or the request validation refuses.
func TestAdminErrorsSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t)
	for _, tc := range []struct{ name, method, path, body string }{
		{"handler", "POST", "/__admin/reset?namespace=a%20b", ""},
		{"validation", "PUT", "/__admin/clock", "now=2030"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do(tc.method, tc.path, tc.body)
			if res.Status != http.StatusBadRequest || strings.Contains(string(res.Body), "Input is invalid") {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		})
	}
}
