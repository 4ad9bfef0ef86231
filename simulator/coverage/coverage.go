// Package coverage counts, per namespace, which operations, response
// statuses and API codes the client's traffic exercised, and reports them
// against what the contract declares per operation and the catalogue per API
// version. Scenario-injected answers are counted apart from natural ones.
package coverage

import (
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/internal/cow"
)

// DefaultMaxNamespaces is how many namespaces the recorder keeps counters
// for; past it, the namespace seen least recently is forgotten.
const DefaultMaxNamespaces = 1024

// Recorder counts exercised operations, statuses and codes. Memory is
// bounded: counters are keyed by operation, status and code (all from
// finite sets), for at most max namespaces. It is safe for concurrent use.
type Recorder struct {
	ops   []*contract.Operation // the API operations
	index map[string]int        // operationId -> index in ops
	// declared codes per API version, from the catalogue
	declared map[simulator.API][]int
	max      int

	tick atomic.Uint64
	live cow.Map[string, *counts] // read without a lock on the request path
	mu   sync.Mutex               // held to add, evict and clear namespaces
	ns   map[string]*counts
}

// statusKey and codeKey are what a counter counts; op is an index in ops.
type (
	statusKey struct{ op, status int }
	codeKey   struct{ op, code int }
)

// tally is a count of natural and of injected answers.
type tally [2]uint64

func (t tally) natural() uint64  { return t[0] }
func (t tally) injected() uint64 { return t[1] }

// counts are one namespace's counters.
type counts struct {
	mu        sync.Mutex
	last      uint64 // the recorder's tick when last used
	unmatched uint64 // requests to no operation
	statuses  map[statusKey]*tally
	codes     map[codeKey]*tally
}

// New returns a recorder for c's API operations (admin operations are not
// counted) and the catalogue's codes; max <= 0 means DefaultMaxNamespaces.
func New(c *contract.Contract, max int) *Recorder {
	if max <= 0 {
		max = DefaultMaxNamespaces
	}
	r := &Recorder{index: map[string]int{}, declared: map[simulator.API][]int{}, max: max, ns: map[string]*counts{}}
	for _, op := range c.Operations() {
		if op.API == 0 {
			continue
		}
		r.index[op.ID] = len(r.ops)
		r.ops = append(r.ops, op)
	}
	for _, api := range []simulator.API{simulator.V11, simulator.V2} {
		seen := map[int]bool{}
		for _, code := range simulator.Codes() {
			if n := code.Number(); code.Info().APIs&api != 0 && !seen[n] {
				seen[n] = true
				r.declared[api] = append(r.declared[api], n)
			}
		}
	}
	return r
}

// Record counts one answer in namespace ns: to operation opID ("" for a path
// no operation serves), with HTTP status (0: the connection was broken) and
// the API codes it carried; injected says a scenario rule made it.
func (r *Recorder) Record(ns, opID string, status int, codes []int, injected bool) {
	c := r.counts(ns)
	i := 0
	if injected {
		i = 1
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = r.tick.Add(1)
	op, ok := r.index[opID]
	if !ok {
		if opID == "" {
			c.unmatched++
		}
		return
	}
	bump(c.statuses, statusKey{op, status}, i)
	for _, code := range codes {
		bump(c.codes, codeKey{op, code}, i)
	}
}

// bump counts one answer of kind i (natural 0, injected 1) under k.
func bump[K comparable](m map[K]*tally, k K, i int) {
	t := m[k]
	if t == nil {
		t = new(tally)
		m[k] = t
	}
	t[i]++
}

// counts returns ns's counters, making room for them if needed.
func (r *Recorder) counts(ns string) *counts {
	if c, ok := r.live.Load(ns); ok {
		return c
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c := r.ns[ns]; c != nil {
		return c
	}
	if len(r.ns) >= r.max {
		oldest, at := "", uint64(0)
		for name, c := range r.ns {
			c.mu.Lock()
			last := c.last
			c.mu.Unlock()
			if oldest == "" || last < at {
				oldest, at = name, last
			}
		}
		delete(r.ns, oldest)
		r.live.Delete(func(name string) bool { return name != oldest })
	}
	c := &counts{statuses: map[statusKey]*tally{}, codes: map[codeKey]*tally{}}
	r.ns[ns] = c
	return r.live.LoadOrMake(ns, func() *counts { return c })
}

// Clear forgets the counters of ns ("" for every namespace).
func (r *Recorder) Clear(ns string) {
	r.mu.Lock()
	for name := range r.ns {
		if ns == "" || name == ns {
			delete(r.ns, name)
		}
	}
	r.live.Delete(func(name string) bool { return ns != "" && name != ns })
	r.mu.Unlock()
}

// Report is what the client's traffic exercised of the contract.
type Report struct {
	// Namespace is the namespace reported, or "*" for all.
	Namespace string `json:"namespace"`
	// Operations: the API operations the contract declares and those called.
	Operations Summary `json:"operations"`
	// Statuses: the (operation, HTTP status) pairs the contract declares and those answered.
	Statuses Summary `json:"statuses"`
	// Codes: the (API version, code) pairs the catalogue declares and those answered.
	Codes Summary `json:"codes"`
	// Unmatched counts requests to paths and methods no operation serves.
	Unmatched    uint64      `json:"unmatched"`
	PerOperation []Operation `json:"perOperation"`
}

// Summary counts what is declared and what was exercised: by any answer,
// by a natural answer, by a scenario-injected one. Percent is Exercised of
// Declared.
type Summary struct {
	Declared  int     `json:"declared"`
	Exercised int     `json:"exercised"`
	Natural   int     `json:"natural"`
	Injected  int     `json:"injected"`
	Percent   float64 `json:"percent"`
}

// Operation is one operation's coverage.
type Operation struct {
	OperationID string `json:"operationId"`
	Method      string `json:"method"`
	Path        string `json:"path"`
	API         string `json:"api"`
	Natural     uint64 `json:"natural"`
	Injected    uint64 `json:"injected"`
	// Statuses lists every status the contract declares for the operation
	// and any other it answered.
	Statuses []Status `json:"statuses"`
	// Codes lists the codes its answers carried (the catalogue declares its
	// API version's codes: see Report.Codes).
	Codes []Code `json:"codes"`
}

// Status is one HTTP status of an operation.
type Status struct {
	Status   int    `json:"status"`
	Declared bool   `json:"declared"`
	Natural  uint64 `json:"natural"`
	Injected uint64 `json:"injected"`
}

// Code is one API code an operation's answers carried.
type Code struct {
	Code     int    `json:"code"`
	Declared bool   `json:"declared"`
	Natural  uint64 `json:"natural"`
	Injected uint64 `json:"injected"`
}

// Report returns the coverage of namespace ns, or of every namespace
// together when ns is "".
func (r *Recorder) Report(ns string) Report {
	statuses := map[statusKey]tally{}
	codes := map[codeKey]tally{}
	var unmatched uint64
	r.mu.Lock()
	for name, c := range r.ns {
		if ns != "" && name != ns {
			continue
		}
		c.mu.Lock()
		for k, t := range c.statuses {
			statuses[k] = add(statuses[k], *t)
		}
		for k, t := range c.codes {
			codes[k] = add(codes[k], *t)
		}
		unmatched += c.unmatched
		c.mu.Unlock()
	}
	r.mu.Unlock()

	rep := Report{Namespace: ns, Unmatched: unmatched, PerOperation: []Operation{}}
	if ns == "" {
		rep.Namespace = "*"
	}
	// opsSeen, statusesSeen and codesSeen say which answers exercised each.
	var opsSeen, statusesSeen []seen
	codesSeen := map[simulator.API]map[int]*seen{simulator.V11: {}, simulator.V2: {}}
	for _, api := range []simulator.API{simulator.V11, simulator.V2} {
		for _, n := range r.declared[api] {
			codesSeen[api][n] = &seen{}
		}
		rep.Codes.Declared += len(r.declared[api])
	}
	for i, op := range r.ops {
		o := Operation{OperationID: op.ID, Method: op.Method, Path: op.Path, API: op.API.String(), Statuses: []Status{}, Codes: []Code{}}
		var opSeen seen
		declared := declaredStatuses(op)
		for _, st := range declared {
			t := statuses[statusKey{i, st}]
			var ss seen
			ss.mark(t)
			statusesSeen = append(statusesSeen, ss)
			o.Statuses = append(o.Statuses, Status{Status: st, Declared: true, Natural: t.natural(), Injected: t.injected()})
		}
		for k, t := range statuses {
			if k.op != i {
				continue
			}
			opSeen.mark(t)
			o.Natural += t.natural()
			o.Injected += t.injected()
			if !contains(declared, k.status) {
				o.Statuses = append(o.Statuses, Status{Status: k.status, Natural: t.natural(), Injected: t.injected()})
			}
		}
		sort.Slice(o.Statuses, func(a, b int) bool { return o.Statuses[a].Status < o.Statuses[b].Status })
		opsSeen = append(opsSeen, opSeen)
		for k, t := range codes {
			if k.op != i {
				continue
			}
			s := codesSeen[op.API][k.code]
			if s != nil {
				s.mark(t)
			}
			o.Codes = append(o.Codes, Code{Code: k.code, Declared: s != nil, Natural: t.natural(), Injected: t.injected()})
		}
		sort.Slice(o.Codes, func(a, b int) bool { return o.Codes[a].Code < o.Codes[b].Code })
		rep.PerOperation = append(rep.PerOperation, o)
	}
	rep.Operations = summarise(len(r.ops), opsSeen)
	rep.Statuses = summarise(len(statusesSeen), statusesSeen)
	var all []seen
	for _, m := range codesSeen {
		for _, s := range m {
			all = append(all, *s)
		}
	}
	rep.Codes = summarise(rep.Codes.Declared, all)
	return rep
}

// seen says which answers, natural or injected, exercised something.
type seen struct{ natural, injected bool }

func (s *seen) mark(t tally) {
	s.natural = s.natural || t.natural() > 0
	s.injected = s.injected || t.injected() > 0
}

func summarise(declared int, all []seen) Summary {
	s := Summary{Declared: declared}
	for _, v := range all {
		if v.natural || v.injected {
			s.Exercised++
		}
		if v.natural {
			s.Natural++
		}
		if v.injected {
			s.Injected++
		}
	}
	if declared > 0 {
		s.Percent = float64(int(float64(s.Exercised)*1000/float64(declared))) / 10
	}
	return s
}

func add(a, b tally) tally { return tally{a[0] + b[0], a[1] + b[1]} }

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// declaredStatuses returns the HTTP statuses op's contract declares, sorted
// ("default" and ranges such as 5XX are not counted).
func declaredStatuses(op *contract.Operation) []int {
	var out []int
	if rs := op.Route.Operation.Responses; rs != nil {
		for k := range rs.Map() {
			if n, err := strconv.Atoi(k); err == nil {
				out = append(out, n)
			}
		}
	}
	sort.Ints(out)
	return out
}
