// Package simtest starts the whole simulator in-process for tests: embedded
// fixtures and documents, an in-memory store, a fixed seed and clock, and
// strict response validation, so every test also checks the contract.
//
// Most tests use Shared: one simulator per test binary, built on first use,
// with every caller in a namespace of its own, so no test sees another's
// state. A test that needs other options or moves the clock opens its own
// with MustOpenServer.
package simtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/contract"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/store"
)

// Epoch is the fixed time the test clock starts at.
var Epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// Seed is the seed of the generated customers in tests.
const Seed = 42

// BasicAuth is valid Basic credentials for the fixtures' till cm.1 (password cm123).
var BasicAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte("cm.1:"+auth.MD5Hex("cm123")))

// Server is a simulator under test, seen from one namespace.
type Server struct {
	*server.App
	T     testing.TB
	Clock *Clock
	// Namespace is the namespace Do sends requests to: one of the test's
	// own on the shared simulator, store.DefaultNamespace on a simulator
	// opened by MustOpenServer.
	Namespace string
}

// Clock is a settable test clock.
type Clock struct {
	now    time.Time
	shared bool // the shared simulator's clock: it never moves
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.now }

// Advance moves the clock forward by d. It panics on the shared simulator's
// clock, which every test sees: a test that moves time opens its own
// simulator with MustOpenServer.
func (c *Clock) Advance(d time.Duration) {
	if c.shared {
		panic("simtest: the shared simulator's clock cannot move; use MustOpenServer")
	}
	c.now = c.now.Add(d)
}

// Option changes the Options of MustOpenServer.
type Option func(*server.Options)

// WithAuth sets the authentication mode.
func WithAuth(m auth.Mode) Option { return func(o *server.Options) { o.AuthMode = m } }

// WithNamespaces sets the namespace limit, each credential's share of it
// and the ownership mode (see server.Options).
func WithNamespaces(limit, perClient int, owner string) Option {
	return func(o *server.Options) {
		o.MaxNamespaces, o.MaxNamespacesPerClient, o.NamespaceOwner = limit, perClient, owner
	}
}

// WithCustomers sets the number of generated customers.
func WithCustomers(n int) Option { return func(o *server.Options) { o.Customers = n } }

// WithHosts sets the Host and Origin policy.
func WithHosts(p server.HostPolicy) Option { return func(o *server.Options) { o.Hosts = p } }

// WithSleep sets what holds a request back for a scenario's delay
// (server.Config.Sleep).
func WithSleep(sleep func(ctx context.Context, d time.Duration) bool) Option {
	return func(o *server.Options) { o.Sleep = sleep }
}

// MustOpenServer starts a simulator with 50 generated customers, seed 42,
// the test clock and response validation on; it closes when the test ends.
func MustOpenServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	clock := &Clock{now: Epoch}
	app, err := build(clock, opts...)
	if err != nil {
		t.Fatalf("build simulator: %v", err)
	}
	t.Cleanup(func() { app.Close() })
	return &Server{App: app, T: t, Clock: clock, Namespace: store.DefaultNamespace}
}

// collectAsServed sets the collector's rhythm as capsim serves
// (server.GCPercent) unless GOGC is set, once per test binary: tests then
// run the simulator as it runs in production, and the suite's test
// binaries, which serve many requests each, spend about a sixth less CPU.
var collectAsServed = sync.OnceFunc(server.CollectAsServing)

// build builds a simulator with the test defaults changed by opts.
func build(clock *Clock, opts ...Option) (*server.App, error) {
	collectAsServed()
	o := server.Options{
		Seed: Seed, Customers: 50, AuthMode: auth.ModeAny, ValidateResponses: true,
		Now: clock.Now, Version: "test",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.Specs == nil && o.Contract == nil {
		// Parsing the documents is most of a build: load them once per test binary.
		c, err := loadEmbedded()
		if err != nil {
			return nil, err
		}
		o.Contract = c
	}
	return server.Build(o)
}

// Contract returns the contract of the embedded documents, loaded once per
// test binary. A test that builds a server.App of its own (server.Build)
// passes it as Options.Contract rather than parse the documents again.
func Contract(t testing.TB) *contract.Contract {
	t.Helper()
	c, err := loadEmbedded()
	if err != nil {
		t.Fatalf("load the embedded contract: %v", err)
	}
	return c
}

// loadEmbedded loads the embedded documents on its first call. Parsing them
// is most of a build: once per test binary.
func loadEmbedded() (*contract.Contract, error) {
	embedded.once.Do(func() {
		embedded.c, embedded.err = contract.Load(openapi.FS)
		if embedded.err == nil {
			embedded.c.CrossCheckFastPath() // every test proves the fast path
			embedded.c.CheckListsFrom(0)    // and its element-by-element way, on every body it fits
		}
	})
	return embedded.c, embedded.err
}

// embedded is the contract of the embedded documents, loaded once.
var embedded struct {
	once sync.Once
	c    *contract.Contract
	err  error
}

// sharedMaxNamespaces is the shared simulator's namespace limit: every
// Shared call takes a namespace, and a package's tests make hundreds.
const sharedMaxNamespaces = 1 << 16

// sharedJournalSize is how many requests the shared simulator's journal
// keeps: every test's requests share it, and tests that run in parallel
// must not push each other's entries out before they read them (the
// journal's bytes stay bounded by admin.DefaultTotalBytes).
const sharedJournalSize = 1 << 15

// shared is the test binary's shared simulator.
var shared struct {
	once  sync.Once
	app   *server.App
	clock *Clock
	err   error
}

// Shared returns the test binary's shared simulator (the defaults of
// MustOpenServer, built on the first call) seen from a fresh namespace of
// its own: every call starts from the base data, and what one test writes
// no other test sees. The shared clock never moves (Advance panics), and the
// simulator is never closed. Admin calls that take ?namespace= must name
// s.Namespace, and journal queries must filter by it.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		shared.clock = &Clock{now: Epoch, shared: true}
		shared.app, shared.err = build(shared.clock, func(o *server.Options) {
			o.MaxNamespaces, o.MaxNamespacesPerClient = sharedMaxNamespaces, sharedMaxNamespaces
			o.JournalSize = sharedJournalSize
		})
	})
	if shared.err != nil {
		t.Fatalf("build the shared simulator: %v", shared.err)
	}
	return &Server{App: shared.app, T: t, Clock: shared.clock, Namespace: UniqueNamespace(t.Name())}
}

// namespaces counts the names UniqueNamespace has given.
var namespaces atomic.Uint64

// UniqueNamespace returns a namespace name no other call in this process
// returns, made from a counter and label (a test's name, say) for a
// readable journal: "n-label", at most 64 allowed characters.
func UniqueNamespace(label string) string {
	name := []byte(strconv.FormatUint(namespaces.Add(1), 10) + "-" + label)
	for i, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			name[i] = '_'
		}
	}
	if len(name) > 64 {
		name = name[:64]
	}
	return string(name)
}

// Response is a recorded response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (r *Response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Decode decodes the body into v, failing the test if it cannot.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Codes returns the codes of the v2 envelope's errors and warnings, errors first.
func (r *Response) Codes() (errs, warns []int) {
	var env struct {
		Errors   []struct{ Code int } `json:"errors"`
		Warnings []struct{ Code int } `json:"warnings"`
	}
	_ = json.Unmarshal(r.Body, &env)
	for _, e := range env.Errors {
		errs = append(errs, e.Code)
	}
	for _, w := range env.Warnings {
		warns = append(warns, w.Code)
	}
	return errs, warns
}

// Do sends a request to s.Namespace with the default Basic credentials
// (unless headers set Authorization or the OAuth header, or name
// "Authorization: -" to send none; headers may name another namespace) and
// fails the test if the response breaks the contract or lacks a request id.
// A body that is a string or []byte is sent as is, anything else as JSON.
func (s *Server) Do(method, target string, body any, headers ...string) *Response {
	s.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			s.T.Fatalf("encode body: %v", err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, target, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", BasicAuth)
	if s.Namespace != "" && s.Namespace != store.DefaultNamespace {
		req.Header.Set(server.HeaderNamespace, s.Namespace)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "-" {
			req.Header.Del(headers[i])
			continue
		}
		if strings.EqualFold(headers[i], auth.TokenHeader) {
			req.Header.Del("Authorization")
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := &Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if v := res.Header.Get(server.HeaderViolation); v != "" {
		s.T.Fatalf("%s %s: response breaks the contract: %s\nbody: %s", method, target, v, res.Body)
	}
	if res.Header.Get(server.HeaderRequestID) == "" {
		s.T.Fatalf("%s %s: no %s header", method, target, server.HeaderRequestID)
	}
	return res
}

// ExpectCodes fails the test unless the response has status and exactly the
// given error codes and warning codes (nil means none).
func ExpectCodes(t testing.TB, res *Response, status int, errs, warns []int) {
	t.Helper()
	gotE, gotW := res.Codes()
	if res.Status != status || !equal(gotE, errs) || !equal(gotW, warns) {
		t.Fatalf("got status %d errors %v warnings %v, want %d %v %v\nbody: %s", res.Status, gotE, gotW, status, errs, warns, res.Body)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
