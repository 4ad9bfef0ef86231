package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/scenarios"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/scenario"
)

// HeaderScenario names the scenarios a request activates for itself.
const HeaderScenario = scenario.HeaderScenario

// exchange is what the server keeps about one request beyond its
// RequestInfo: for the journal (the writer that saw the status, the customers
// the request named) and for the scenario hooks along the middleware chain.
type exchange struct {
	start  time.Time // monotonic, for the duration
	method string
	path   string // before the v1.1 suffix is stripped
	query  string
	w      *statusWriter

	call      *scenario.Call
	callVal   scenario.Call          // what call points at, allocated with the exchange
	idBuf     [2]scenario.Identifier // room for the usual one or two identifiers
	scenarios []*scenario.Scenario
	selectErr error
	slow      *scenario.SlowBody // the answer is written slowly
	fault     scenario.Fault     // a fault replaces the (after-commit) answer
	faulted   scenario.Fault     // the fault that broke the connection
	commit    scenario.Commit
	injected  bool // an API rule made or changed the answer
}

func exchangeOf(r *http.Request) *exchange {
	x, _ := simulator.Info(r.Context()).Server.(*exchange)
	if x == nil {
		return &exchange{}
	}
	return x
}

// requestState is everything the server keeps about one request, allocated
// once: its info, the exchange, the status writer and the request id header.
type requestState struct {
	info simulator.RequestInfo
	x    exchange
	sw   statusWriter
	id   [1]string
	// capture keeps the bodies for the journal.
	capture capture
}

// beginExchange fills st's exchange, wraps w to see the status and keeps the
// exchange with the request's info.
func (s *Server) beginExchange(w http.ResponseWriter, r *http.Request, st *requestState) http.ResponseWriter {
	x := &st.x
	*x = exchange{start: time.Now(), method: r.Method, path: r.URL.Path, query: r.URL.RawQuery}
	st.sw = statusWriter{ResponseWriter: w}
	x.w = &st.sw
	st.info.Server = x
	s.startCapture(r, st)
	return x.w
}

// endExchange journals and logs the request (see record).
func (s *Server) endExchange(r *http.Request) {
	defer simulator.Info(r.Context()).Over()
	x := exchangeOf(r)
	dur := time.Since(x.start) // the metrics', the journal's and the log's
	s.observe(r, x, dur)
	s.record(r, x, dur)
}

// injectTransport runs before the request is validated: it selects the
// request's scenarios and applies a transport rule (delay, slow body or a
// broken connection). It reports whether the request is over: the
// connection was broken, or the client left during a delay.
func (s *Server) injectTransport(w http.ResponseWriter, r *http.Request, op *contract.Operation) bool {
	if op.API == 0 || s.cfg.Scenarios == nil {
		return false
	}
	x := exchangeOf(r)
	info := simulator.Info(r.Context())
	x.scenarios, x.selectErr = s.cfg.Scenarios.Select(r.Header.Get(HeaderScenario), info.Namespace)
	if len(x.scenarios) == 0 && x.selectErr == nil && s.cfg.Journal.Cap() == 0 {
		return false // nothing needs the call: no scenario, no journal
	}
	vars := simulator.Vars(r)
	withBody := len(x.scenarios) > 0 // else the journal alone reads the call: its identifiers
	x.callVal.Init(r, op, vars, version(op.API).describe(r, vars, x.idBuf[:0], withBody))
	x.call = &x.callVal
	if x.selectErr != nil || len(x.scenarios) == 0 {
		return false
	}
	d := s.cfg.Scenarios.Evaluate(x.scenarios, x.call, scenario.PhaseTransport)
	if d == nil {
		return false
	}
	noteRule(info, d.Rule)
	if !s.cfg.Sleep(r.Context(), d.Delay) {
		return true // the client went away during the delay
	}
	x.slow = d.Rule.Answer.SlowBody
	if f := d.Rule.Answer.Fault; f != "" {
		x.faulted = f
		scenario.DoFault(w, f)
		return true
	}
	return false
}

// injectAPI runs after the request passed validation, in place of the
// handler or around it: a rule that fires decides what the answer is, and
// the operation's API version writes or carries it. A code the handler's
// answer can carry (a warning, a failure of some batch items) rides on it;
// any other code, a raw status or a 429 replaces it, after running the
// handler and keeping its state change in after-commit mode. It reports
// whether it answered; if not, the handler runs as usual.
func (s *Server) injectAPI(w http.ResponseWriter, r *http.Request, op *contract.Operation, next http.Handler) bool {
	x := exchangeOf(r)
	if len(x.scenarios) == 0 || x.call == nil {
		return false
	}
	d := s.cfg.Scenarios.Evaluate(x.scenarios, x.call, scenario.PhaseAPI)
	if d == nil {
		return false
	}
	info := simulator.Info(r.Context())
	noteRule(info, d.Rule)
	x.injected = true
	if !s.cfg.Sleep(r.Context(), d.Delay) {
		return true
	}
	a := &d.Rule.Answer
	if a.SlowBody != nil {
		x.slow = a.SlowBody
	}
	v := version(op.API)
	code := d.Rule.Code(op.API)
	if code != 0 && v.carried(code, x.call) {
		info.Inject = d.Injection(op.API)
		next.ServeHTTP(w, r)
		if bw, ok := w.(*bufferedWriter); ok && info.Inject.Warning() {
			v.carry(bw, code)
			info.AddCodes(code.Number())
		}
		return true
	}
	if d.Rule.Commit == scenario.AfterCommit {
		x.commit = scenario.AfterCommit
		// The handler runs with an info of its own and its answer is kept
		// aside: its codes stay out of the journal, the client never saw them.
		runDiscarded(next, r)
		if a.Fault != "" {
			x.fault = a.Fault
			return true
		}
	}
	switch {
	case code != 0:
		v.writeInjected(w, r, code)
	case a.API():
		scenario.WriteAnswer(w, d)
	default: // after-commit with a delay or a slow body only: the handler's answer
		x.injected = false
		return false
	}
	return true
}

// runDiscarded runs next for r and drops its answer: its state change is
// kept, its codes stay out of the request's info.
func runDiscarded(next http.Handler, r *http.Request) {
	info := simulator.Info(r.Context())
	h := &simulator.RequestInfo{ID: info.ID, Namespace: info.Namespace, Till: info.Till, Client: info.Client,
		OperationID: info.OperationID, API: info.API, Start: info.Start, Now: info.Now, Format: info.Format, Body: info.Body, Decoded: info.Decoded}
	hr := r.WithContext(simulator.WithRequestInfo(r.Context(), h))
	bw := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(bw, hr)
}

// noteRule adds rule to the request's scenario and rule (comma-separated
// when a transport rule and an API rule both fired).
func noteRule(info *simulator.RequestInfo, rule *scenario.Rule) {
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "," + b
	}
	info.Scenario = join(info.Scenario, rule.Scenario().Name)
	info.Rule = join(info.Rule, rule.Name)
}

// scenarioHeaderError writes the error for an X-Capsim-Scenario header that
// names a scenario not loaded; it reports whether there was one.
func (s *Server) scenarioHeaderError(w http.ResponseWriter, r *http.Request, op *contract.Operation) bool {
	x := exchangeOf(r)
	if x.selectErr == nil {
		return false
	}
	var ue *scenario.UnknownError
	detail := x.selectErr.Error()
	if errors.As(x.selectErr, &ue) {
		detail = "header " + HeaderScenario + " names scenario \"" + ue.Name + "\", which is not loaded (loaded: " +
			strings.Join(s.cfg.Scenarios.Names(), ", ") + ")"
	}
	code, _ := simulator.Lookup(op.API, http.StatusBadRequest)
	s.writeErrorFor(w, r, op.API, simulator.Errorf(code).WithDetail("%s", detail))
	return true
}

// breakAfterCommit breaks the connection when an after-commit rule's answer
// is a fault; it reports whether it did.
func (s *Server) breakAfterCommit(w http.ResponseWriter, r *http.Request) bool {
	x := exchangeOf(r)
	if x.fault == "" {
		return false
	}
	x.faulted = x.fault
	scenario.DoFault(w, x.fault)
	return true
}

// writeBody writes a validated body: slowly when a rule says so.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, body []byte) {
	if sb := exchangeOf(r).slow; sb != nil {
		scenario.WriteSlowly(r.Context(), w, body, sb)
		return
	}
	_, _ = w.Write(body)
}

// statusWriter remembers the status written through it. Unwrap lets
// http.ResponseController reach the connection (hijack, flush).
type statusWriter struct {
	http.ResponseWriter
	status  int
	capture *capture // nil: the journal does not keep the response
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.capture != nil {
		w.capture.response(p)
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// DefaultJournalSize is how many requests the journal keeps unless told.
const DefaultJournalSize = 1000

// withScenarioDefaults gives cfg an empty scenario engine and a journal.
func withScenarioDefaults(cfg Config) Config {
	if cfg.Scenarios == nil {
		cfg.Scenarios = scenario.NewEngine(cfg.Contract, Envelopes(cfg.Contract))
	}
	if cfg.Journal == nil {
		cfg.Journal = admin.NewJournal(DefaultJournalSize)
	}
	return cfg
}

// journalSize maps Options.JournalSize to a capacity.
func journalSize(n int) int {
	switch {
	case n == 0:
		return DefaultJournalSize
	case n < 0:
		return 0
	}
	return n
}

// loadScenarios loads the built-in scenarios, then the team's directories,
// and activates the scenarios named at start. A refused file fails the
// build unless o.SkipBadScenarios, which logs it and goes on.
func loadScenarios(o Options, c *contract.Contract) (*scenario.Engine, error) {
	e := scenario.NewEngine(c, Envelopes(c))
	ss, probs := builtinScenarios(c)
	if len(probs) > 0 {
		return nil, fmt.Errorf("built-in scenarios:\n%w", probs)
	}
	e.LoadParsed(ss)
	for _, dir := range o.ScenarioDirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("scenarios: %q is not a directory", dir)
		}
		_, probs := e.LoadDir(dir, scenario.SourceDir)
		if len(probs) == 0 {
			continue
		}
		if !o.SkipBadScenarios {
			return nil, fmt.Errorf("scenarios refused (start with --skip-bad-scenarios to skip them):\n%w", probs)
		}
		log := o.Log
		if log == nil {
			log = slog.Default()
		}
		for _, p := range probs {
			log.Warn("scenario file skipped", "file", p.File, "line", p.Line, "reason", p.Reason)
		}
	}
	for _, name := range o.ActiveScenarios {
		if err := e.Activate(name, ""); err != nil {
			return nil, fmt.Errorf("--scenario %s: %w (loaded: %s)", name, err, strings.Join(e.Names(), ", "))
		}
	}
	return e, nil
}

// Scenarios returns the scenario engine.
func (s *Server) Scenarios() *scenario.Engine { return s.cfg.Scenarios }

// Journal returns the request journal.
func (s *Server) Journal() *admin.Journal { return s.cfg.Journal }

// builtins holds the built-in scenarios parsed for the last contract a
// build used. Parsed scenarios never change, so the simulators a process
// builds with one contract share them (tests build a hundred, and parsing
// them was a tenth of each build).
var builtins struct {
	mu sync.Mutex
	c  *contract.Contract
	ss []*scenario.Scenario
}

// builtinScenarios returns the built-in scenarios parsed for c, unless
// they were parsed for c before.
func builtinScenarios(c *contract.Contract) ([]*scenario.Scenario, scenario.Problems) {
	builtins.mu.Lock()
	defer builtins.mu.Unlock()
	if builtins.c == c {
		return builtins.ss, nil
	}
	// The built-in scenarios and the embedded documents are known when
	// capsim is built: that the scenarios' code answers keep that
	// contract is checked then, by TestBuiltinsParse, not at every start
	// (it was a fifth of one). Other documents (Options.Specs) are checked
	// here.
	var env scenario.Envelopes = checkedByTests{}
	if !isEmbedded(c) {
		env = Envelopes(c)
	}
	ss, probs := scenario.NewEngine(c, env).ParseFS(scenarios.FS, scenario.SourceBuiltin, "scenarios")
	if len(probs) == 0 {
		builtins.c, builtins.ss = c, ss
	}
	return ss, probs
}

// checkedByTests is the envelopes the built-in scenarios are parsed with
// at start-up against the embedded contract: every code they answer with
// passes the real envelopes in TestBuiltinsParse (simulator/scenario), so
// none is rendered again here.
type checkedByTests struct{}

func (checkedByTests) CheckCode(*contract.Operation, simulator.Code) string { return "" }
