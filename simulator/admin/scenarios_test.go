package admin_test

import (
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

type scenarioView struct {
	Name   string
	Source string
	Active struct {
		Global     bool
		Namespaces []string
	}
	Rules []struct {
		Name       string
		Operations []string
		Answer     string
		Counters   map[string]struct{ Matched, Fired int }
	}
}

func decodeView(t *testing.T, res *simtest.Response) scenarioView {
	t.Helper()
	if res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	var v scenarioView
	res.Decode(t, &v)
	return v
}

// TestScenarioAdmin drives the scenario routes: list, load, get,
// activate and deactivate, counters, reset, delete.
func TestScenarioAdmin(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // it lists every scenario and resets every counter

	var list struct{ Scenarios []scenarioView }
	s.Do("GET", "/__admin/scenarios", nil).Decode(t, &list)
	names := []string{}
	for _, sc := range list.Scenarios {
		names = append(names, sc.Name)
		if sc.Source != "builtin" {
			t.Errorf("%s: source %q", sc.Name, sc.Source)
		}
	}
	if got, want := strings.Join(names, ","), "customer-not-found,flaky-5xx,lookup-not-found,promotion-not-issued,rate-limited,slow"; got != want {
		t.Fatalf("built-ins %s, want %s", got, want)
	}

	yaml := "name: two-8015s\nrules:\n  - name: lookup\n    match: {operation: lookupCustomer}\n    answer: {code: 8015}\n    when: {first: 2}\n"
	res := s.Do("POST", "/__admin/scenarios", yaml, "Content-Type", "application/yaml")
	if res.Status != 201 || !strings.Contains(string(res.Body), `"name":"two-8015s"`) {
		t.Fatalf("load: %d %s", res.Status, res.Body)
	}
	// JSON is YAML too.
	res = s.Do("POST", "/__admin/scenarios", `{"name": "json-one", "rules": [{"answer": {"delay": "1ms"}}]}`)
	if res.Status != 201 {
		t.Fatalf("load JSON: %d %s", res.Status, res.Body)
	}

	post := func(target string) *simtest.Response { return s.Do("POST", target, nil) }
	if v := decodeView(t, post("/__admin/scenarios/two-8015s/activate?namespace=qa")); len(v.Active.Namespaces) != 1 || v.Active.Global {
		t.Fatalf("active %+v", v.Active)
	}
	for i := 0; i < 3; i++ {
		s.Do("GET", lookupPrefix+"919111111111", nil, "X-Capsim-Namespace", "qa")
	}
	v := decodeView(t, s.Do("GET", "/__admin/scenarios/two-8015s?namespace=qa", nil))
	if c := v.Rules[0].Counters["qa"]; c.Matched != 3 || c.Fired != 2 {
		t.Fatalf("counters %+v", v.Rules[0].Counters)
	}
	if got := v.Rules[0].Operations; len(got) != 1 || got[0] != "lookupCustomer" {
		t.Fatalf("operations %v", got)
	}
	// A reset of the namespace starts its counters again.
	if res := post("/__admin/reset?namespace=qa"); res.Status != 200 {
		t.Fatalf("reset: %d %s", res.Status, res.Body)
	}
	if got := s.Do("GET", lookupPrefix+"919111111111", nil, "X-Capsim-Namespace", "qa").Status; got != 400 {
		t.Fatalf("after reset the first call got %d, want the injected 400", got)
	}
	if res := post("/__admin/scenarios/reset"); res.Status != 200 {
		t.Fatalf("counter reset: %d %s", res.Status, res.Body)
	}
	decodeView(t, post("/__admin/scenarios/two-8015s/deactivate?namespace=qa"))
	if got := s.Do("GET", lookupPrefix+"919111111111", nil, "X-Capsim-Namespace", "qa").Status; got != 200 {
		t.Fatalf("after deactivation: %d", got)
	}

	for _, tc := range []struct {
		method, target string
		status         int
		want           string
	}{
		{"POST", "/__admin/scenarios/nope/activate", 404, `no scenario named \"nope\" is loaded`},
		{"GET", "/__admin/scenarios/nope", 404, "no scenario named"},
		{"DELETE", "/__admin/scenarios/slow", 400, "built in and cannot be removed"},
		{"POST", "/__admin/scenarios/slow/activate?namespace=bad%20name", 400, "namespace"},
		{"DELETE", "/__admin/scenarios/two-8015s", 200, `"removed":"two-8015s"`},
		{"GET", "/__admin/scenarios/two-8015s", 404, "no scenario named"},
	} {
		res := s.Do(tc.method, tc.target, nil)
		if res.Status != tc.status || !strings.Contains(string(res.Body), tc.want) {
			t.Errorf("%s %s: %d %s, want %d ...%s...", tc.method, tc.target, res.Status, res.Body, tc.status, tc.want)
		}
	}
}

// TestScenarioLoadRefused: a bad body is refused with every problem and
// its line, and nothing is loaded.
func TestScenarioLoadRefused(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	bad := `name: broken
rules:
  - match: {operation: lookupCustomer}
    answer: {code: 1011}
  - match: {operation: nope}
    answer: {cod: 8015}
`
	res := s.Do("POST", "/__admin/scenarios", bad, "Content-Type", "text/plain")
	if res.Status != 400 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	var body struct {
		Errors   []struct{ Code int }
		Problems []struct {
			File   string
			Line   int
			Reason string
		}
	}
	res.Decode(t, &body)
	if len(body.Errors) != 1 || body.Errors[0].Code != 400 || len(body.Problems) != 3 {
		t.Fatalf("body %s", res.Body)
	}
	for i, want := range []struct {
		line   int
		reason string
	}{{4, "code 1011: not a v2 code"}, {5, `operation "nope" does not exist`}, {6, `unknown key "cod"`}} {
		p := body.Problems[i]
		if p.File != "request body" || p.Line != want.line || !strings.Contains(p.Reason, want.reason) {
			t.Errorf("problem %d: %+v, want line %d ...%s...", i, p, want.line, want.reason)
		}
	}
	if res := s.Do("GET", "/__admin/scenarios/broken", nil); res.Status != 404 {
		t.Fatalf("a refused scenario was loaded: %d", res.Status)
	}
}

// TestAdminToken: with a token every admin route but health needs it.
func TestAdminToken(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, func(o *server.Options) { o.AdminToken = "s3cret" })
	if res := s.Do("GET", "/__admin/health", nil); res.Status != 200 {
		t.Fatalf("health: %d", res.Status)
	}
	for _, target := range []string{"/__admin/scenarios", "/__admin/requests", "/__admin/requests/count", "/__admin/customers"} {
		res := s.Do("GET", target, nil)
		if res.Status != 401 || !strings.Contains(string(res.Body), admin.HeaderAdminToken) {
			t.Errorf("%s without the token: %d %s", target, res.Status, res.Body)
		}
		if res := s.Do("GET", target, nil, admin.HeaderAdminToken, "wrong"); res.Status != 401 {
			t.Errorf("%s with a wrong token: %d", target, res.Status)
		}
		if res := s.Do("GET", target, nil, admin.HeaderAdminToken, "s3cret"); res.Status != 200 {
			t.Errorf("%s with the token: %d %s", target, res.Status, res.Body)
		}
	}
	if res := s.Do("POST", "/__admin/reset", nil); res.Status != 401 {
		t.Errorf("reset without the token: %d", res.Status)
	}
}

// TestStartOptions: scenario directories, activation at start, bad files.
func TestStartOptions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := writeFile(dir+"/"+name, body); err != nil {
			t.Fatal(err)
		}
	}
	write("mine.yaml", "name: mine\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n")
	s := simtest.MustOpenServer(t, func(o *server.Options) {
		o.ScenarioDirs = []string{dir}
		o.ActiveScenarios = []string{"mine"}
	})
	if got := s.Do("GET", lookupPrefix+"919111111111", nil).Status; got != 400 {
		t.Fatalf("a scenario active from the start did not answer: %d", got)
	}
	var v struct{ Source, File string }
	s.Do("GET", "/__admin/scenarios/mine", nil).Decode(t, &v)
	if v.Source != "dir" || !strings.HasSuffix(v.File, "/mine.yaml") {
		t.Fatalf("source %q file %q", v.Source, v.File)
	}

	write("bad.yaml", "name: bad\nrules:\n  - answer: {fault: boom}\n")
	_, err := server.Build(server.Options{Contract: simtest.Contract(t), ScenarioDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), dir+"/bad.yaml:3: fault \"boom\"") {
		t.Fatalf("build with a bad file: %v", err)
	}
	app, err := server.Build(server.Options{Contract: simtest.Contract(t), ScenarioDirs: []string{dir}, SkipBadScenarios: true, Log: discard()})
	if err != nil {
		t.Fatalf("skip bad scenarios: %v", err)
	}
	defer app.Close()
	if _, ok := app.Scenarios().Get("mine"); !ok {
		t.Fatal("the good file was not loaded")
	}
	if _, err := server.Build(server.Options{Contract: simtest.Contract(t), ActiveScenarios: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown --scenario: %v", err)
	}
}

func writeFile(name, body string) error { return os.WriteFile(name, []byte(body), 0o644) }

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestScenarioLoadAnyContentType: the body is read the same whatever it says it is.
func TestScenarioLoadAnyContentType(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for i, ct := range []string{"application/x-www-form-urlencoded", "application/octet-stream", "text/yaml", "-"} {
		yaml := "name: ct-" + string(rune('a'+i)) + "\nrules:\n  - answer: {delay: 1ms}\n"
		res := s.Do("POST", "/__admin/scenarios", yaml, "Content-Type", ct)
		if res.Status != 201 {
			t.Errorf("Content-Type %s: %d %s", ct, res.Status, res.Body)
		}
	}
}

// TestBuiltinScenariosProtected checks that a scenario posted at run time
// cannot replace a built-in one, that a built-in cannot be deleted, and
// that both leave the built-in as it was.
func TestBuiltinScenariosProtected(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // scenarios are shared by every namespace
	for _, tc := range []struct {
		name, method, target, body string
		status                     int
		says                       string
	}{
		{"replace slow", "POST", "/__admin/scenarios", "name: slow\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n", 400, `\"slow\"; give yours another name`},
		{"replace one of two", "POST", "/__admin/scenarios", "name: mine\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n---\nname: rate-limited\nrules:\n  - match: {api: v2}\n    answer: {code: 8015}\n", 400, "built-in scenario cannot be replaced"},
		{"delete slow", "DELETE", "/__admin/scenarios/slow", "", 400, "built in and cannot be removed"},
		{"slow is still built in", "GET", "/__admin/scenarios/slow", "", 200, `"source":"builtin"`},
		{"nothing of the refused file was loaded", "GET", "/__admin/scenarios/mine", "", 404, "no scenario named"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.body != "" {
				body = tc.body
			}
			res := s.Do(tc.method, tc.target, body, "Content-Type", "application/yaml")
			if res.Status != tc.status || !strings.Contains(string(res.Body), tc.says) {
				t.Fatalf("%d %s, want %d ...%s...", res.Status, res.Body, tc.status, tc.says)
			}
		})
	}
}
