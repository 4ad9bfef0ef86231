// Package simtest starts the whole simulator in-process for tests: embedded
// fixtures and documents, an in-memory store, a fixed seed and clock, and
// strict response validation, so every test also checks the contract.
package simtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/server"
)

// Epoch is the fixed time the test clock starts at.
var Epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// Seed is the seed of the generated customers in tests.
const Seed = 42

// BasicAuth is valid Basic credentials for the fixtures' till cm.1 (password cm123).
var BasicAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte("cm.1:"+auth.MD5Hex("cm123")))

// Server is a simulator under test.
type Server struct {
	*server.App
	T     testing.TB
	Clock *Clock
}

// Clock is a settable test clock.
type Clock struct{ now time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.now }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// Option changes the Options of MustOpenServer.
type Option func(*server.Options)

// WithAuth sets the authentication mode.
func WithAuth(m auth.Mode) Option { return func(o *server.Options) { o.AuthMode = m } }

// WithCustomers sets the number of generated customers.
func WithCustomers(n int) Option { return func(o *server.Options) { o.Customers = n } }

// MustOpenServer starts a simulator with 50 generated customers, seed 42,
// the test clock and response validation on; it closes when the test ends.
func MustOpenServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	clock := &Clock{now: Epoch}
	o := server.Options{
		Seed: Seed, Customers: 50, AuthMode: auth.ModeAny, ValidateResponses: true,
		Now: clock.Now, Version: "test",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, opt := range opts {
		opt(&o)
	}
	app, err := server.Build(o)
	if err != nil {
		t.Fatalf("build simulator: %v", err)
	}
	t.Cleanup(func() { app.Close() })
	return &Server{App: app, T: t, Clock: clock}
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

// Do sends a request with the default Basic credentials (unless headers set
// Authorization or the OAuth header, or name "Authorization: -" to send none)
// and fails the test if the response breaks the contract or lacks a request id.
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
