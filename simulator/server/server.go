// Package server wires capsim together: the router, the middleware chain
// (journal, recover and request id, namespace, transport faults,
// authentication, request validation, injected API answers, handler,
// response validation), the API versions, the admin API and the
// served OpenAPI documents. It is the one place that knows every concrete type
// besides cmd/capsim.
package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/clock"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/coverage"
	"github.com/capsim/capsim/simulator/metrics"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/store"
	v11 "github.com/capsim/capsim/simulator/v11"
	v2 "github.com/capsim/capsim/simulator/v2"
	"github.com/gorilla/mux"
)

// Header names capsim reads or writes.
const (
	HeaderRequestID = "X-Cap-Requestid"
	// HeaderCapRequestID carries the same id under the name the v2
	// transaction document (007) gives it, X-CAP-REQUEST-ID (header names
	// are case-insensitive; Go writes it as X-Cap-Request-Id).
	HeaderCapRequestID = "X-Cap-Request-Id"
	HeaderNamespace    = "X-Capsim-Namespace"
	HeaderViolation    = "X-Capsim-Contract-Violation"
)

// Config is what New needs.
type Config struct {
	Store    *store.Store
	Contract *contract.Contract
	Auth     *auth.Authenticator
	Now      simulator.Clock
	// Sleep holds a request back for a scenario's delay (scenario.Sleep
	// if nil): tests of long delays pass one that only notes them.
	Sleep   func(ctx context.Context, d time.Duration) bool
	Log     *slog.Logger
	Version string
	// LogRequests logs one line per request (see logRequest).
	LogRequests bool

	// ValidateResponses checks every response against the contract; a
	// violation becomes a 500 with the HeaderViolation header and a log line.
	ValidateResponses bool
	// MaxBodyBytes caps request bodies (1 MiB if zero).
	MaxBodyBytes int64
	// BatchLimit is the most items one v1.1 batch may carry (v11.DefaultBatchLimit if zero).
	BatchLimit int
	// V11JSON is how v1.1 JSON answers write their lists and type their
	// scalars unless a request's X-Capsim-V11-Json-Lists or
	// X-Capsim-V11-Json-Types header says otherwise (observed types, the
	// lists they imply, if empty).
	V11JSON v11.JSONOptions
	// Reset, if set, is what POST /__admin/reset calls besides the store reset.
	OnReset func(namespace string)

	// Scenarios inject failures (nil: none loaded); Journal records requests
	// (nil: a journal of DefaultJournalSize); AdminToken locks /__admin.
	Scenarios  *scenario.Engine
	Journal    *admin.Journal
	AdminToken string
	// Clocks are the namespaces' virtual clocks (nil: a registry on Now).
	Clocks *clock.Registry
	// NamespaceOwner is NamespaceOwnerCredential for namespaces that belong
	// to the credential that created them ("": any credential may use any).
	NamespaceOwner string
	// Coverage and Metrics count the API traffic (nil: new ones).
	Coverage *coverage.Recorder
	Metrics  *metrics.Metrics
	// LogDropped counts the log lines the log's writer dropped (nil: none).
	LogDropped func() uint64
	// Hosts decides which Host and Origin headers are answered (see
	// HostPolicy); the zero value answers any Host, but never a cross-origin write.
	Hosts HostPolicy
}

// Server is capsim's HTTP handler.
type Server struct {
	cfg    Config
	router *mux.Router
	// subrouters hold each API's routes (under).
	subrouters []*subrouter
	// matched holds what routing found for recent requests (dispatch).
	matched recentMatches
	ops     map[*mux.Route]*contract.Operation
	started time.Time

	idPrefix uint64
	idSeq    atomic.Uint64
	// apiServed counts API requests (not admin ones): heavy admin answers
	// rest only while the API is being called (admin.Server.APIServed).
	apiServed atomic.Uint64
}

// New builds the handler: every route is matched to its contract operation
// once, here, and New fails if a route has no operation or an operation no route.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = scenario.Sleep
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	cfg = withScenarioDefaults(cfg)
	cfg = withObservers(cfg)
	s := &Server{cfg: cfg, router: mux.NewRouter(), ops: map[*mux.Route]*contract.Operation{}, started: cfg.Now()}
	var b [8]byte
	_, _ = rand.Read(b[:])
	s.idPrefix = binary.BigEndian.Uint64(b[:])

	r := s.router
	r.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.handleMethodNotAllowed)
	api := &v2.Server{Store: cfg.Store, Auth: cfg.Auth, Now: cfg.Now, Log: cfg.Log}
	v11s := &v11.Server{Store: cfg.Store, Now: cfg.Now, Log: cfg.Log, BatchLimit: cfg.BatchLimit}
	adm := &admin.Server{Store: cfg.Store, Version: cfg.Version, Started: s.started, Now: cfg.Now, OnReset: cfg.OnReset,
		Scenarios: cfg.Scenarios, Journal: cfg.Journal, Token: cfg.AdminToken, Clocks: cfg.Clocks,
		Coverage: cfg.Coverage, Metrics: cfg.Metrics, APIServed: s.apiServed.Load}
	// Each API registers on a router of its own (under, in this order):
	// side by side, as compiling the routes' expressions was most of New.
	v2r, v11r, admr := s.under("/v2/", "/v3/"), s.under("/v1.1/"), s.under("/__admin/")
	var wg sync.WaitGroup
	for _, register := range []func(){func() { api.Register(v2r) }, func() { v11s.Register(v11r) }, func() { adm.Register(admr) }} {
		wg.Add(1)
		go func() { defer wg.Done(); register() }()
	}
	wg.Wait()
	if err := s.bindOperations(); err != nil {
		return nil, err
	}
	// The documents and the console are served outside the contract: they
	// are not API calls.
	r.PathPrefix("/openapi/").Methods(http.MethodGet).HandlerFunc(s.handleOpenAPI)
	adm.RegisterPages(r)
	if err := s.checkPathOnly(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkPathOnly fails for a route that matches by its host or query: the
// recent matches (route) hold for routes that match by method and path
// alone.
func (s *Server) checkPathOnly() error {
	check := func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		_, hostErr := route.GetHostTemplate()
		queries, _ := route.GetQueriesTemplates()
		if hostErr == nil || len(queries) > 0 {
			tpl, _ := route.GetPathTemplate()
			return fmt.Errorf("server: route %s matches by host or query: routes match by method and path alone (dispatch keeps recent matches)", tpl)
		}
		return nil
	}
	return s.walkRoutes(check)
}

// walkRoutes calls fn for every route: the server's router's, then each
// subrouter's.
func (s *Server) walkRoutes(fn mux.WalkFunc) error {
	if err := s.router.Walk(fn); err != nil {
		return err
	}
	for _, sub := range s.subrouters {
		if err := sub.r.Walk(fn); err != nil {
			return err
		}
	}
	return nil
}

// bindOperations maps every route to its operation.
func (s *Server) bindOperations() error {
	seen := map[*contract.Operation]bool{}
	bind := func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return nil
		}
		methods, err := route.GetMethods()
		if err != nil || len(methods) != 1 {
			return fmt.Errorf("server: route %s must name exactly one method", tpl)
		}
		op := s.cfg.Contract.Operation(methods[0], tpl)
		if op == nil {
			return fmt.Errorf("server: route %s %s has no operation in the contract", methods[0], tpl)
		}
		s.ops[route] = op
		seen[op] = true
		return nil
	}
	if err := s.walkRoutes(bind); err != nil {
		return err
	}
	for _, sub := range s.subrouters {
		if err := sub.index(); err != nil {
			return err
		}
	}
	for _, op := range s.cfg.Contract.Operations() {
		if !seen[op] {
			return fmt.Errorf("server: operation %s (%s %s in %s) has no route", op.ID, op.Method, op.Path, op.Spec)
		}
	}
	return nil
}

// ServeHTTP is the outermost middleware: request id, recovery, namespace.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// One allocation holds the request's info and the server's own state.
	st := &requestState{}
	info := &st.info
	info.ID, info.Namespace, info.Start = s.nextID(), store.DefaultNamespace, s.cfg.Now()
	st.id[0] = info.ID
	w.Header()[HeaderRequestID] = st.id[:] // canonical already
	w.Header()[HeaderCapRequestID] = st.id[:]
	r = r.WithContext(simulator.WithRequestInfo(r.Context(), info))
	w = s.beginExchange(w, r, st)
	defer s.endExchange(r) // runs last: the journal sees what recovery wrote
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Log.Error("panic", "request_id", info.ID, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.writeError(w, r, simulator.Errorf(simulator.CodeAllFailed))
		}
	}()
	if reason := s.cfg.Hosts.refusal(r); reason != "" {
		refuseBrowser(w, reason)
		return
	}
	if nsName := r.Header.Get(HeaderNamespace); nsName != "" {
		if err := store.CheckNamespace(nsName); err != nil {
			s.writeError(w, r, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("header %s %q: %s", HeaderNamespace, nsName, err))
			return
		}
		info.Namespace = nsName // created once the request is authenticated
	}
	info.Now = s.cfg.Clocks.NowAt(info.Namespace, info.Start)
	if r.ContentLength > s.cfg.MaxBodyBytes && strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		// The client waits to be asked for the body: say no at once, before
		// net/http's first read of it sends "100 Continue".
		w.Header().Set("Connection", "close")
		s.writeStatus(w, r, http.StatusRequestEntityTooLarge, simulator.Errorf(simulator.CodeInvalidInput).WithDetail(
			"request body of %d bytes is larger than %d bytes (--max-body): do not send it", r.ContentLength, s.cfg.MaxBodyBytes))
		return
	}
	if v := versionOf(r.URL.Path); v != nil {
		s.readBody(w, r, info)
		if err := v.prepare(r, &s.cfg); err != nil {
			s.writeError(w, r, err)
			return
		}
	} else {
		if strings.HasPrefix(r.URL.Path, "/__admin/") {
			// Admin answers echo what clients sent (journal bodies, names): a
			// browser must not read them as anything but their declared type.
			w.Header()["X-Content-Type-Options"] = nosniff
		}
		if r.Body != nil && r.Body != http.NoBody {
			// The admin API's bodies are read by its validator and handlers:
			// the same size limit holds for them.
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		}
	}
	s.dispatch(w, r)
}

// dispatch routes a request as s.router.ServeHTTP would and serves it by
// serveRoute, without the two copies of the request mux makes for a
// context of its own: the route goes to serveRoute as an argument, the
// path's variables to the request's info (simulator.Vars), and mux's
// middleware would also make a handler for each request. The route comes
// from the recent matches when the method and path were routed recently
// (route). A path mux redirects to its clean form, a 404 and a 405 are
// written by s.router.ServeHTTP itself.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	hit, ok := routeMatch{}, isCleanPath(r.URL.Path)
	if ok {
		hit, ok = s.route(r)
	}
	if !ok {
		s.router.ServeHTTP(w, r)
		return
	}
	simulator.Info(r.Context()).SetVars(maps.Clone(hit.vars)) // the request's own copy
	s.serveRoute(w, r, hit.route, hit.handler)
}

// route finds the route r matches, with its handler and variables. Every
// route matches by method and path alone: a request like one routed
// recently is routed as it was, without matching again. It reports false
// for no route, a 404 or a 405 (which mux answers itself).
func (s *Server) route(r *http.Request) (routeMatch, bool) {
	k := matchKey{r.Method, r.URL.Path, r.URL.RawPath}
	if hit, ok := s.matched.get(k); ok {
		return hit, true
	}
	var m mux.RouteMatch
	if !s.router.Match(r, &m) || m.MatchErr != nil {
		return routeMatch{}, false
	}
	hit := routeMatch{m.Route, m.Handler, m.Vars}
	s.matched.put(k, hit)
	return hit, true
}

// isCleanPath reports whether mux serves p as it is rather than redirect
// to its cleaned form: p is rooted, and path.Clean changes nothing but a
// trailing slash.
func isCleanPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	c := path.Clean(p)
	return c == p || (c+"/" == p && c != "/")
}

var nosniff = []string{"nosniff"}

// readBody reads an API request's body once, up to the size limit, into
// info.Body: the scenario engine, the validator and the handlers all read
// it from there. A body over the limit stays unread past it, for request
// validation to refuse in the operation's envelope.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, info *simulator.RequestInfo) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return
	}
	src := r.Body
	c, tapped := src.(*capture)
	if tapped { // the journal takes its copy from info.Body, not from a tee
		src = c.body
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, src, s.cfg.MaxBodyBytes))
	r.Body.Close()
	if tapped {
		c.reqN = int64(len(body))
		if err != nil { // the journal keeps what came of a body over the limit
			c.req = keep(c.req, body, c.limit)
		}
	}
	if err != nil {
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
		return
	}
	info.Body = body
	r.Body = io.NopCloser(bytes.NewReader(body))
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func (s *Server) nextID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], s.idPrefix)
	binary.BigEndian.PutUint64(b[8:], s.idSeq.Add(1))
	return hex.EncodeToString(b[:])
}

// serveRoute serves a request that matched route, whose handler is next:
// it authenticates and validates the request against the route's
// operation, runs the handler into a buffer, validates the response and
// writes it. A route without an operation (the /openapi/ files, the
// console) is served by its handler alone.
func (s *Server) serveRoute(w http.ResponseWriter, r *http.Request, route *mux.Route, next http.Handler) {
	op := s.ops[route]
	if op == nil {
		next.ServeHTTP(w, r)
		return
	}
	info := simulator.Info(r.Context())
	info.OperationID, info.API = op.ID, op.API
	if op.API != 0 {
		s.apiServed.Add(1)
	}
	if s.injectTransport(w, r, op) { // a scenario broke the connection
		return
	}
	bw := writerPool.Get().(*bufferedWriter)
	bw.header, bw.status, bw.wroteHeader, bw.outside = w.Header(), http.StatusOK, false, false
	bw.buf.Reset()
	s.serveOperation(bw, r, op, next)
	s.flush(w, r, op, bw)
	bw.header = nil
	if bw.buf.Cap() <= pooledBytes {
		writerPool.Put(bw)
	}
}

func (s *Server) serveOperation(w http.ResponseWriter, r *http.Request, op *contract.Operation, next http.Handler) {
	info := simulator.Info(r.Context())
	if s.scenarioHeaderError(w, r, op) {
		return
	}
	if needsAuth(op) {
		id, err := s.cfg.Auth.Check(r)
		if err != nil {
			s.writeErrorFor(w, r, op.API, err)
			return
		}
		info.Till, info.Client = id.Till, id.Client
		// A namespace comes into being only for an authenticated call.
		if !s.ensureNamespace(w, r, op, ownerOf(id)) {
			return
		}
	}
	if err := s.cfg.Contract.ValidateRequest(r, op, simulator.Vars(r)); err != nil {
		if strings.Contains(err.Detail, "http: request body too large") {
			err = simulator.Errorf(simulator.CodeInvalidInput).WithDetail("request body is larger than %d bytes", s.cfg.MaxBodyBytes)
		}
		s.writeErrorFor(w, r, op.API, err)
		return
	}
	if !s.injectAPI(w, r, op, next) {
		next.ServeHTTP(w, r)
	}
}

// ensureNamespace makes the request's namespace ready for owner, or writes
// why not: 429 with Retry-After when the limit or the owner's share is
// full, 404 for another credential's namespace (NamespaceOwnerCredential),
// 400 for a name that is not allowed. These are capsim's own answers, not
// the API's: they are written in the API's envelope but outside its contract.
func (s *Server) ensureNamespace(w http.ResponseWriter, r *http.Request, op *contract.Operation, owner string) bool {
	ns := simulator.Info(r.Context()).Namespace
	_, err := s.cfg.Store.EnsureFor(ns, owner, s.cfg.NamespaceOwner == NamespaceOwnerCredential)
	if err == nil {
		return true
	}
	if bw, ok := w.(*bufferedWriter); ok {
		bw.outside = true
	}
	var lim *store.LimitError
	switch {
	case errors.As(err, &lim):
		w.Header().Set("Retry-After", strconv.Itoa(int(max(lim.RetryAfter.Round(time.Second), time.Second)/time.Second)))
		s.writeStatusFor(w, r, op.API, http.StatusTooManyRequests,
			simulator.Errorf(simulator.CodeInvalidInput).WithDetail("header %s %q: %s", HeaderNamespace, ns, err))
	case errors.Is(err, store.ErrNotOwner):
		code, _ := simulator.Lookup(simulator.Both, 404)
		s.writeStatusFor(w, r, op.API, http.StatusNotFound,
			simulator.Errorf(code).WithDetail("header %s %q: no such namespace for these credentials (--namespace-owner credential)", HeaderNamespace, ns))
	default:
		s.writeErrorFor(w, r, op.API, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("header %s %q: %s", HeaderNamespace, ns, err))
	}
	return false
}

// NamespaceOwnerCredential is the Config.NamespaceOwner under which a
// namespace belongs to the credential that created it.
const NamespaceOwnerCredential = "credential"

// ownerOf names the credential of id for namespace ownership ("" for none:
// --auth off).
func ownerOf(id auth.Identity) string {
	switch {
	case id.Client != "":
		return "client:" + id.Client
	case id.Till != "":
		return "till:" + id.Till
	}
	return ""
}

// needsAuth reports whether op requires credentials: API operations do unless
// they declare an empty security list (the token endpoint).
func needsAuth(op *contract.Operation) bool {
	if op.API == 0 {
		return false
	}
	sec := op.Route.Operation.Security
	return sec == nil || len(*sec) > 0
}

// flush validates the buffered response and writes it out.
func (s *Server) flush(w http.ResponseWriter, r *http.Request, op *contract.Operation, bw *bufferedWriter) {
	if s.breakAfterCommit(w, r) {
		return
	}
	info := simulator.Info(r.Context())
	body := bw.buf.Bytes()
	if s.cfg.ValidateResponses && !bw.outside {
		err := s.cfg.Contract.ValidateResponse(r, op, simulator.Vars(r), bw.status, bw.header, body)
		ok := err == nil
		info.Valid = &ok
		if err != nil {
			s.cfg.Log.Error("contract violation", "request_id", info.ID, "operation", op.ID, "status", bw.status, "err", err)
			reason := err.Error()
			if len(reason) > 512 {
				reason = reason[:512]
			}
			w.Header().Set(HeaderViolation, strings.ReplaceAll(reason, "\n", " "))
			e := simulator.Errorf(simulator.CodeAllFailed).WithDetail("capsim wrote a response that breaks its contract: %s", reason)
			s.writeStatusFor(w, r, op.API, http.StatusInternalServerError, e)
			return
		}
	}
	if h := w.Header(); len(h["Content-Length"]) == 0 { // the v2 writer sets it already
		h["Content-Length"] = []string{strconv.Itoa(len(body))}
	}
	w.WriteHeader(bw.status)
	s.writeBody(w, r, body)
}

// writeErrorFor writes err in the envelope of api; an admin operation (api
// 0) refuses in the admin API's own shape.
func (s *Server) writeErrorFor(w http.ResponseWriter, r *http.Request, api simulator.API, err *simulator.Error) {
	if api == 0 {
		admin.WriteError(w, err)
		return
	}
	version(api).writeError(w, r, 0, err)
}

// writeError writes err in the envelope the request's path implies.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err *simulator.Error) {
	envelopeOf(r.URL.Path).writeError(w, r, 0, err)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	code, _ := simulator.Lookup(simulator.Both, 404)
	e := simulator.Errorf(code).WithDetail("no operation %s %s", r.Method, r.URL.Path)
	s.writeStatus(w, r, http.StatusNotFound, e)
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	code, _ := simulator.Lookup(simulator.Both, 405)
	e := simulator.Errorf(code).WithDetail("%s is not allowed on %s", r.Method, r.URL.Path)
	s.writeStatus(w, r, http.StatusMethodNotAllowed, e)
}

// writeStatus writes e with an explicit HTTP status in the envelope the
// request's path implies (for answers outside any operation: unknown paths
// and methods).
func (s *Server) writeStatus(w http.ResponseWriter, r *http.Request, status int, e *simulator.Error) {
	if strings.HasPrefix(r.URL.Path, "/__admin/") {
		admin.WriteStatus(w, status, e) // the admin API's own shape, not an API version's
		return
	}
	envelopeOf(r.URL.Path).writeError(w, r, status, e)
}

// writeStatusFor writes e in the envelope of api with an explicit HTTP status.
func (s *Server) writeStatusFor(w http.ResponseWriter, r *http.Request, api simulator.API, status int, e *simulator.Error) {
	version(api).writeError(w, r, status, e)
}

// writerPool recycles response buffers: most responses are alike in size.
// A buffer that grew past pooledBytes (a journal page, a long history) is
// not kept: the pool would hold a megabyte for each, live at every
// collection, and the collector lets the heap grow to a multiple of what
// is live (issue 20: readers of the journal raised everyone's memory).
var writerPool = sync.Pool{New: func() any { return new(bufferedWriter) }}

const pooledBytes = 64 << 10

// bufferedWriter holds a response until it has been validated.
type bufferedWriter struct {
	header      http.Header
	status      int
	wroteHeader bool
	outside     bool // capsim's own answer (ensureNamespace), not the contract's
	buf         bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if !b.wroteHeader {
		b.status, b.wroteHeader = status, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wroteHeader = true
	return b.buf.Write(p)
}
