// Package capsimtest runs capsim inside a Go test, in the spirit of
// net/http/httptest: NewServer (or Start) serves the simulator on
// 127.0.0.1 with the embedded fixtures and an in-memory store. A test
// points the code under test at Server.URL, sends the fixtures'
// credentials (Client does), scripts failures with scenarios, and checks
// what was sent through the request journal. Each test can work in a
// namespace of its own, so tests may share one server.
//
// Everything here goes through capsim's admin HTTP API (/__admin), so a
// test written against a Server reads the same as one against a capsim
// container.
package capsimtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// Till and Password are the fixtures' default till and its password: HTTP
// Basic sends the till and the MD5 hex of the password.
const (
	Till     = "cm.1"
	Password = "cm123"
)

// BasicAuth is the Authorization header value for Till and Password.
var BasicAuth = simtest.BasicAuth

// Header names a client under test sends to capsim.
const (
	HeaderNamespace = server.HeaderNamespace
	HeaderScenario  = scenario.HeaderScenario
)

// Timeout bounds every request a Client or the admin calls make.
const Timeout = 30 * time.Second

// Option changes how NewServer builds the simulator.
type Option func(*server.Options)

// WithAuth sets the authentication mode: "any" (the default: any
// well-formed credentials), "strict" (the fixtures' tills and clients only)
// or "off".
func WithAuth(mode string) Option {
	return func(o *server.Options) { o.AuthMode = auth.Mode(strings.ToLower(mode)) }
}

// WithCustomers sets how many customers are generated besides the fixtures
// (300 by default, as the capsim command).
func WithCustomers(n int) Option { return func(o *server.Options) { o.Customers = n } }

// WithSeed sets the seed of the generated customers (1 by default).
func WithSeed(seed int64) Option { return func(o *server.Options) { o.Seed = seed } }

// WithClock gives the simulator a clock of its own (time.Now by default).
func WithClock(now func() time.Time) Option { return func(o *server.Options) { o.Now = now } }

// WithScenarioDirs loads a team's scenario files from dirs, after the
// built-in ones.
func WithScenarioDirs(dirs ...string) Option {
	return func(o *server.Options) { o.ScenarioDirs = append(o.ScenarioDirs, dirs...) }
}

// WithMaxNamespaces sets how many namespaces may exist at once (256 by
// default, as the capsim command): raise it when many tests share one
// server, each in a NewNamespace.
func WithMaxNamespaces(n int) Option { return func(o *server.Options) { o.MaxNamespaces = n } }

// WithLog sends the simulator's log to l (it is discarded by default).
func WithLog(l *slog.Logger) Option { return func(o *server.Options) { o.Log = l } }

// WithOptions changes any other option of server.Build.
func WithOptions(f func(*server.Options)) Option { return Option(f) }

// Server is capsim running in-process. Its embedded Namespace is the
// default one: requests that name no namespace act on it.
type Server struct {
	// URL is the base URL, http://127.0.0.1:port, without a trailing slash.
	URL string
	*Namespace

	srv       *httptest.Server
	app       *server.App
	admin     *http.Client
	token     string
	closeOnce sync.Once
}

// NewServer starts capsim as Start does and closes it when t ends. It
// fails t if capsim cannot start.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("capsimtest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts capsim with the defaults of the capsim command (seed 1, 300
// generated customers, --auth any, response validation on) changed by
// opts. The caller must Close it.
func Start(opts ...Option) (*Server, error) {
	o := server.Options{
		Seed: 1, Customers: 300, AuthMode: auth.ModeAny, ValidateResponses: true,
		Version: "capsimtest", Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, opt := range opts {
		opt(&o)
	}
	if _, err := auth.ParseMode(string(o.AuthMode)); err != nil {
		return nil, err
	}
	app, err := server.Build(o)
	if err != nil {
		return nil, fmt.Errorf("start capsim: %w", err)
	}
	srv := httptest.NewUnstartedServer(app)
	srv.Config.ReadHeaderTimeout = 10 * time.Second
	srv.Config.IdleTimeout = time.Minute
	srv.Start()
	s := &Server{URL: srv.URL, srv: srv, app: app, token: o.AdminToken}
	s.admin = srv.Client()
	s.admin.Timeout = Timeout
	s.Namespace = &Namespace{Name: store.DefaultNamespace, s: s}
	return s, nil
}

// Close stops the listener and frees the simulator's state. It may be
// called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.srv.Close()
		s.app.Close()
	})
}

// NewNamespace returns a namespace that no other call in this process
// returns, named after label (a test's name, say): a fresh copy of the
// fixtures, with its own journal entries, scenario activations and counters.
func (s *Server) NewNamespace(label string) *Namespace {
	return &Namespace{Name: simtest.UniqueNamespace(label), s: s}
}

// UseNamespace returns the namespace called name (1-64 letters, digits,
// '.', '_' or '-'), for a client under test configured with that name.
func (s *Server) UseNamespace(name string) *Namespace { return &Namespace{Name: name, s: s} }

// Reset puts every namespace back to the fixtures and restarts every
// scenario counter (POST /__admin/reset), then clears the journal.
// Scenario activations stay.
func (s *Server) Reset() error {
	if err := s.call(http.MethodPost, "/__admin/reset", nil, nil); err != nil {
		return err
	}
	return s.call(http.MethodDelete, "/__admin/requests", nil, nil)
}

// LoadScenario loads scenario documents (YAML or JSON) through
// POST /__admin/scenarios; the error lists every problem of a refused
// document. Scenario names are global: a scenario of the same name is
// replaced. Nothing is active until a namespace activates it or a client
// names it.
func (s *Server) LoadScenario(yaml string) error {
	return s.call(http.MethodPost, "/__admin/scenarios", strings.NewReader(yaml), nil)
}

// Namespace is one namespace of a Server: its own customers, journal
// entries, scenario activations and counters.
type Namespace struct {
	// Name is what requests send in HeaderNamespace.
	Name string

	s *Server
}

// Client returns an HTTP client for the code under test. Each request it
// sends carries the namespace and, unless it sets Authorization or the
// OAuth token header, the fixtures' Basic credentials. Scenarios named
// here are sent in HeaderScenario: active for this client's requests only.
func (n *Namespace) Client(scenarios ...string) *http.Client {
	return &http.Client{Timeout: Timeout, Transport: &transport{
		next: n.s.srv.Client().Transport, namespace: n.Name, scenarios: strings.Join(scenarios, ","),
	}}
}

// transport adds capsim's headers to each request.
type transport struct {
	next      http.RoundTripper
	namespace string
	scenarios string
}

func (tr *transport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context()) // a RoundTripper must not change its request
	r.Header.Set(HeaderNamespace, tr.namespace)
	if tr.scenarios != "" {
		r.Header.Set(HeaderScenario, tr.scenarios)
	}
	if r.Header.Get("Authorization") == "" && r.Header.Get(auth.TokenHeader) == "" {
		r.Header.Set("Authorization", BasicAuth)
	}
	return tr.next.RoundTrip(r)
}

// Reset puts the namespace back to the fixtures and restarts its scenario
// counters (POST /__admin/reset?namespace=), then clears its journal
// entries. Its scenario activations stay.
func (n *Namespace) Reset() error {
	q := url.Values{"namespace": {n.Name}}
	if err := n.s.call(http.MethodPost, "/__admin/reset", nil, q); err != nil {
		return err
	}
	return n.s.call(http.MethodDelete, "/__admin/requests", nil, q)
}

// ActivateScenario makes the loaded scenario called name apply to every
// request of the namespace until DeactivateScenario.
func (n *Namespace) ActivateScenario(name string) error {
	return n.s.call(http.MethodPost, "/__admin/scenarios/"+url.PathEscape(name)+"/activate", nil, url.Values{"namespace": {n.Name}})
}

// DeactivateScenario undoes ActivateScenario.
func (n *Namespace) DeactivateScenario(name string) error {
	return n.s.call(http.MethodPost, "/__admin/scenarios/"+url.PathEscape(name)+"/deactivate", nil, url.Values{"namespace": {n.Name}})
}

// Query selects requests of the journal; zero fields match any request.
type Query struct {
	// Operation is the operation id, as in the contract and the journal:
	// lookupCustomer, issuePromotion, addCustomerV11, ...
	Operation string
	// Mobile, Email, ExternalID and CustomerID select requests that named
	// the customer so (in the query, path or body).
	Mobile, Email, ExternalID string
	CustomerID                int64
	// Status is the HTTP status the client got (0: any); Broken selects
	// the requests a scenario's fault broke instead (no status).
	Status int
	Broken bool
	// Code is a code the answer carried: status, item, error or warning (0: any).
	Code int
	// Scenario is a scenario that answered or delayed the request.
	Scenario string
	// Method and Path (a prefix) select by the request line.
	Method, Path string
	// BodyPath is a path into the request body (promotionId,
	// root.customer.mobile, $.profiles[0].identifiers[*].value): with
	// BodyValue the value there must equal it, without it the path must
	// exist. BodyContains is a substring of the body. JSON, XML and form
	// bodies are read.
	BodyPath, BodyValue, BodyContains string
	// ResponsePath, ResponseValue and ResponseContains do the same on the
	// response body.
	ResponsePath, ResponseValue, ResponseContains string
}

// String describes q as the journal filter it sends.
func (q Query) String() string { return q.values().Encode() }

func (q Query) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"operation": q.Operation, "mobile": q.Mobile, "email": q.Email,
		"externalId": q.ExternalID, "scenario": q.Scenario, "method": q.Method, "path": q.Path,
		"bodyPath": q.BodyPath, "bodyValue": q.BodyValue, "bodyContains": q.BodyContains,
		"responsePath": q.ResponsePath, "responseValue": q.ResponseValue, "responseContains": q.ResponseContains} {
		if s != "" {
			v.Set(k, s)
		}
	}
	for k, n := range map[string]int64{"customerId": q.CustomerID, "status": int64(q.Status), "code": int64(q.Code)} {
		if n != 0 {
			v.Set(k, strconv.FormatInt(n, 10))
		}
	}
	if q.Broken {
		v.Set("status", "0")
	}
	return v
}

// Request is one request as the journal records it.
type Request = admin.Entry

// Requests returns the namespace's requests that match q, newest first (at
// most 1000).
func (n *Namespace) Requests(q Query) ([]Request, error) {
	v := q.values()
	v.Set("namespace", n.Name)
	v.Set("limit", "1000")
	var out struct{ Requests []Request }
	err := n.s.call(http.MethodGet, "/__admin/requests", nil, v, &out)
	return out.Requests, err
}

// Count returns how many of the namespace's requests match q.
func (n *Namespace) Count(q Query) (int, error) {
	v := q.values()
	v.Set("namespace", n.Name)
	var out struct{ Count int }
	err := n.s.call(http.MethodGet, "/__admin/requests/count", nil, v, &out)
	return out.Count, err
}

// ExpectCount fails t unless exactly want of the namespace's requests
// match q; the message lists the requests the namespace made.
func (n *Namespace) ExpectCount(t testing.TB, q Query, want int) {
	t.Helper()
	got, err := n.Count(q)
	if err != nil {
		t.Fatalf("capsimtest: %v", err)
	}
	if got == want {
		return
	}
	var b strings.Builder
	all, err := n.Requests(Query{})
	if err != nil {
		fmt.Fprintf(&b, "\n  (cannot list them: %v)", err)
	}
	for _, r := range all {
		fmt.Fprintf(&b, "\n  %s %s?%s -> %d %v (%s)", r.Method, r.Path, r.Query, r.Status, r.Codes, r.OperationID)
	}
	t.Fatalf("capsimtest: %d requests match %q in namespace %s, want %d; its requests, newest first:%s",
		got, q.String(), n.Name, want, b.String())
}

// call sends an admin request and decodes a 2xx JSON answer into out; any
// other answer is an error that says what capsim said.
func (s *Server) call(method, path string, body io.Reader, q url.Values, out ...any) error {
	target := s.URL + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		return fmt.Errorf("capsimtest: %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/yaml")
	}
	if s.token != "" {
		req.Header.Set(admin.HeaderAdminToken, s.token)
	}
	res, err := s.admin.Do(req)
	if err != nil {
		return fmt.Errorf("capsimtest: %s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("capsimtest: %s %s: read the answer: %w", method, path, err)
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("capsimtest: %s %s: %s: %s", method, target, res.Status, bytes.TrimSpace(b))
	}
	for _, o := range out {
		if err := json.Unmarshal(b, o); err != nil {
			return fmt.Errorf("capsimtest: %s %s: decode %s: %w", method, path, b, err)
		}
	}
	return nil
}
