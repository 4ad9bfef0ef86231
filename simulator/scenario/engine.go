package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
)

// HeaderScenario names the scenarios a request activates for itself.
const HeaderScenario = "X-Capsim-Scenario"

// The sources a scenario comes from.
const (
	SourceBuiltin = "builtin"
	SourceDir     = "dir"
	SourceAdmin   = "admin"
)

// Engine holds the loaded scenarios, which are active where, and each
// rule's counters per namespace. It is safe for concurrent use.
type Engine struct {
	contract *contract.Contract
	env      Envelopes

	mu        sync.RWMutex
	scenarios map[string]*Scenario
	global    map[string]bool            // active in every namespace
	perNS     map[string]map[string]bool // namespace -> active there
	state     map[stateKey]*ruleState
}

type stateKey struct {
	ns   string
	rule *Rule
}

// ruleState counts one rule's calls in one namespace. The counters are
// atomics; the random source (probability, random delays) has its own lock.
type ruleState struct {
	matched atomic.Int64
	fired   atomic.Int64
	rngMu   sync.Mutex
	rng     *rand.Rand
}

// Counters are a rule's counts in one namespace: calls it matched and calls
// it answered.
type Counters struct {
	Matched int64 `json:"matched"`
	Fired   int64 `json:"fired"`
}

// Envelopes checks a code answer against each API version's envelope: the
// server supplies it, so the engine decides what to inject without knowing
// any API package (as openapi3filter hands its errors to the caller's
// ErrFunc).
type Envelopes interface {
	// CheckCode returns why op's answers cannot carry code (a reason for
	// the scenario's author), or "" when they can and the contract allows it.
	CheckCode(op *contract.Operation, code simulator.Code) string
}

// NewEngine returns an engine with no scenarios, checking them against c
// and env.
func NewEngine(c *contract.Contract, env Envelopes) *Engine {
	return &Engine{
		contract:  c,
		env:       env,
		scenarios: map[string]*Scenario{},
		global:    map[string]bool{},
		perNS:     map[string]map[string]bool{},
		state:     map[stateKey]*ruleState{},
	}
}

// Contract returns the contract the engine checks scenarios against.
func (e *Engine) Contract() *contract.Contract { return e.contract }

// ErrBuiltin is returned when a scenario loaded at run time (SourceAdmin)
// would replace a built-in one: every namespace shares the built-ins.
var ErrBuiltin = errors.New("scenario: a built-in scenario cannot be replaced at run time")

// Load parses data (file names it in problems) and adds its scenarios,
// replacing scenarios of the same names and their counters, but never a
// built-in from SourceAdmin (ErrBuiltin). Nothing is added if any document
// has a problem or is refused.
func (e *Engine) Load(file string, data []byte, source string) ([]*Scenario, error) {
	ss, err := Parse(file, data, e.contract, e.env)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if source == SourceAdmin {
		for _, s := range ss {
			if old := e.scenarios[s.Name]; old != nil && old.Source == SourceBuiltin {
				return nil, fmt.Errorf("%w: %q; give yours another name (built-ins can only be activated and deactivated)", ErrBuiltin, s.Name)
			}
		}
	}
	for _, s := range ss {
		s.Source = source
		if old := e.scenarios[s.Name]; old != nil {
			e.dropState(old)
		}
		e.scenarios[s.Name] = s
	}
	return ss, nil
}

// LoadDir loads the scenario files of directory dir as LoadFS does, never
// reading outside it: a symlink that leads out of dir is a problem, not read.
func (e *Engine) LoadDir(dir, source string) ([]*Scenario, Problems) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, Problems{{File: dir, Reason: err.Error()}}
	}
	defer root.Close()
	return e.LoadFS(root.FS(), source, dir)
}

// LoadFS loads every *.yaml and *.yml file of fsys; dir prefixes the file
// names in problems. It returns the problems of the files it could not load
// (the others are loaded); a scenario name defined twice is a problem.
func (e *Engine) LoadFS(fsys fs.FS, source, dir string) ([]*Scenario, Problems) {
	out, probs := e.ParseFS(fsys, source, dir)
	e.LoadParsed(out)
	return out, probs
}

// ParseFS reads the files of fsys as LoadFS does, without loading what it
// parsed: LoadParsed does, in this engine or another of the same contract
// and envelopes.
func (e *Engine) ParseFS(fsys fs.FS, source, dir string) ([]*Scenario, Problems) {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := fs.Glob(fsys, pat)
		names = append(names, m...)
	}
	sort.Strings(names)
	var out []*Scenario
	var probs Problems
	seen := map[string]string{}
	for _, name := range names {
		file := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			reason := err.Error()
			if strings.Contains(reason, "escapes from parent") { // os.Root's refusal
				reason = "a symlink to a file outside the directory: not read"
			}
			probs = append(probs, Problem{File: file, Line: 0, Reason: reason})
			continue
		}
		ss, err := Parse(file, data, e.contract, e.env)
		if err != nil {
			probs = append(probs, err.(Problems)...)
			continue
		}
		for _, s := range ss {
			if prev, dup := seen[s.Name]; dup {
				probs = append(probs, Problem{File: file, Line: 1, Reason: fmt.Sprintf("scenario %q is also defined in %s", s.Name, prev)})
				continue
			}
			seen[s.Name] = file
			s.Source = source
			out = append(out, s)
		}
	}
	return out, probs
}

// LoadParsed loads scenarios ParseFS returned. A parsed scenario never
// changes (an engine keeps its rules' counts itself), so engines of the
// same contract may share them.
func (e *Engine) LoadParsed(ss []*Scenario) {
	e.mu.Lock()
	for _, s := range ss {
		if old := e.scenarios[s.Name]; old != nil {
			e.dropState(old)
		}
		e.scenarios[s.Name] = s
	}
	e.mu.Unlock()
}

// dropState forgets the counters of s's rules. e.mu is held.
func (e *Engine) dropState(s *Scenario) {
	for k := range e.state {
		if k.rule.scenario == s {
			delete(e.state, k)
		}
	}
}

// Get returns the scenario named name.
func (e *Engine) Get(name string) (*Scenario, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	s, ok := e.scenarios[name]
	return s, ok
}

// List returns every scenario, sorted by name.
func (e *Engine) List() []*Scenario {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]*Scenario, 0, len(e.scenarios))
	for _, s := range e.scenarios {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Remove drops the scenario named name, its activations and counters.
func (e *Engine) Remove(name string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.scenarios[name]
	if !ok {
		return false
	}
	e.dropState(s)
	delete(e.scenarios, name)
	delete(e.global, name)
	for _, m := range e.perNS {
		delete(m, name)
	}
	return true
}

// UnknownError is a scenario name that is not loaded.
type UnknownError struct{ Name string }

func (e *UnknownError) Error() string { return fmt.Sprintf("no scenario named %q is loaded", e.Name) }

// Activate makes scenario name active in namespace ns, or in every namespace
// when ns is empty.
func (e *Engine) Activate(name, ns string) error { return e.setActive(name, ns, true) }

// Deactivate undoes Activate for the same namespace (or globally).
func (e *Engine) Deactivate(name, ns string) error { return e.setActive(name, ns, false) }

func (e *Engine) setActive(name, ns string, on bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.scenarios[name]; !ok {
		return &UnknownError{name}
	}
	m := e.global
	if ns != "" {
		if e.perNS[ns] == nil {
			e.perNS[ns] = map[string]bool{}
		}
		m = e.perNS[ns]
	}
	if on {
		m[name] = true
	} else {
		delete(m, name)
	}
	return nil
}

// Activation says where a scenario is active.
type Activation struct {
	Global     bool     `json:"global"`
	Namespaces []string `json:"namespaces"`
}

// ActiveIn returns where scenario name is active.
func (e *Engine) ActiveIn(name string) Activation {
	e.mu.RLock()
	defer e.mu.RUnlock()
	a := Activation{Global: e.global[name], Namespaces: []string{}}
	for ns, m := range e.perNS {
		if m[name] {
			a.Namespaces = append(a.Namespaces, ns)
		}
	}
	sort.Strings(a.Namespaces)
	return a
}

// Select returns the scenarios a request in namespace ns runs under: those
// its header names (in order), then those active in ns, then the global
// ones, each once. A name in the header that is not loaded is an error.
func (e *Engine) Select(header, ns string) ([]*Scenario, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []*Scenario
	seen := map[string]bool{}
	if header != "" {
		for _, name := range strings.Split(header, ",") {
			name = strings.TrimSpace(name)
			if name == "" || seen[name] {
				continue
			}
			s, ok := e.scenarios[name]
			if !ok {
				return nil, &UnknownError{name}
			}
			seen[name] = true
			out = append(out, s)
		}
	}
	for _, set := range []map[string]bool{e.perNS[ns], e.global} {
		names := make([]string, 0, len(set))
		for n := range set {
			if !seen[n] {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			seen[n] = true
			out = append(out, e.scenarios[n])
		}
	}
	return out, nil
}

// Names returns the loaded scenarios' names, sorted.
func (e *Engine) Names() []string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return keys(e.scenarios)
}

// Counters returns rule's counters in namespace ns.
func (e *Engine) Counters(rule *Rule, ns string) Counters {
	e.mu.RLock()
	st := e.state[stateKey{ns, rule}]
	e.mu.RUnlock()
	if st == nil {
		return Counters{}
	}
	return Counters{Matched: st.matched.Load(), Fired: st.fired.Load()}
}

// AllCounters returns rule's counters in every namespace that used it.
func (e *Engine) AllCounters(rule *Rule) map[string]Counters {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := map[string]Counters{}
	for k, st := range e.state {
		if k.rule == rule {
			out[k.ns] = Counters{Matched: st.matched.Load(), Fired: st.fired.Load()}
		}
	}
	return out
}

// ResetCounters starts every rule's counters (and random sequence) again in
// namespace ns, or everywhere when ns is empty.
func (e *Engine) ResetCounters(ns string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for k := range e.state {
		if ns == "" || k.ns == ns {
			delete(e.state, k)
		}
	}
}

// stateOf returns rule's state in ns, creating it: the random source is
// seeded from the file's seed and the rule's index, so a namespace replays
// the same sequence of outcomes whatever other namespaces do.
func (e *Engine) stateOf(rule *Rule, ns string) *ruleState {
	k := stateKey{ns, rule}
	e.mu.RLock()
	st := e.state[k]
	e.mu.RUnlock()
	if st != nil {
		return st
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if st = e.state[k]; st == nil {
		st = &ruleState{rng: rand.New(rand.NewSource(rule.scenario.Seed + int64(rule.Index)))}
		// A request still running under a scenario replaced or removed
		// meanwhile counts on a state nobody keeps.
		if e.scenarios[rule.scenario.Name] == rule.scenario {
			e.state[k] = st
		}
	}
	return st
}

// Phase says which rules an evaluation considers.
type Phase int

// The evaluation phases.
const (
	// PhaseTransport is decided before the request is validated: rules that
	// only delay, slow down or break the connection and keep no state.
	PhaseTransport Phase = iota + 1
	// PhaseAPI is decided after the request passed validation: rules that
	// answer with a code, a raw status or a 429, and after-commit rules.
	PhaseAPI
)

// Decision is a rule that fires on a call.
type Decision struct {
	Rule *Rule
	// Items marks the v1.1 batch items the rule's customer matcher matched
	// (nil: the whole request).
	Items []bool
	// Delay is the sampled delay, if the answer has one.
	Delay time.Duration
}

// Injection returns what d asks the answer of a call to api to carry.
func (d *Decision) Injection(api simulator.API) *simulator.Injection {
	return &simulator.Injection{Code: d.Rule.Code(api), Items: d.Items, AfterCommit: d.Rule.Commit == AfterCommit}
}

// Evaluate returns the first rule of scenarios (in order) that matches call
// in phase and fires, or nil. Every matching rule looked at counts the
// call; the first that fires ends the evaluation.
func (e *Engine) Evaluate(scenarios []*Scenario, call *Call, phase Phase) *Decision {
	for _, s := range scenarios {
		for _, rule := range s.Rules {
			if rule.transport() != (phase == PhaseTransport) {
				continue
			}
			ok, items := rule.Match.matches(call)
			if !ok {
				continue
			}
			st := e.stateOf(rule, call.Namespace)
			n := st.matched.Add(1)
			if !st.fires(rule, n) {
				continue
			}
			st.fired.Add(1)
			d := &Decision{Rule: rule, Items: items}
			if rule.Answer.Delay != nil {
				d.Delay = st.sample(rule.Answer.Delay)
			}
			return d
		}
	}
	return nil
}

// fires reports whether the n-th matching call (from 1) gets the answer.
func (st *ruleState) fires(rule *Rule, n int64) bool {
	w := rule.When
	switch w.Kind {
	case First:
		return n <= w.N
	case After:
		return n > w.N
	case Probability:
		st.rngMu.Lock()
		f := st.rng.Float64()
		st.rngMu.Unlock()
		return f < w.Probability
	case Sequence:
		i := n - 1
		if l := int64(len(w.Sequence)); i >= l {
			if w.Repeat {
				i %= l
			} else {
				i = l - 1
			}
		}
		return w.Sequence[i]
	}
	return true
}

// String returns "scenario/rule", for logs.
func (r *Rule) String() string { return path.Join(r.scenario.Name, r.Name) }
