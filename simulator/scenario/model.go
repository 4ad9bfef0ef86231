package scenario

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
)

// Scenario is a named list of rules, loaded from one YAML document.
type Scenario struct {
	Name        string
	Description string
	Seed        int64
	Rules       []*Rule
	// Source says where the scenario came from: "builtin", "dir" or "admin".
	Source string
	// File is the file (or "request body") it was read from.
	File string
}

// Rule says which requests it matches, how it answers them, when, and
// whether the handler's state change is kept.
type Rule struct {
	Name   string
	Line   int // the rule's line in its file
	Index  int // its position in the scenario, from 0
	Match  Match
	Answer Answer
	When   When
	Commit Commit

	scenario *Scenario
	// codes is the answer's code resolved per API version (a number may
	// name different entries in v1.1 and v2).
	codes map[simulator.API]simulator.Code
}

// Code returns the catalogue code r answers with in api (0: r answers no code).
func (r *Rule) Code(api simulator.API) simulator.Code { return r.codes[api] }

// Scenario returns the scenario r belongs to.
func (r *Rule) Scenario() *Scenario { return r.scenario }

// transport reports whether r is decided at the transport layer, before the
// request is validated: a pure delay or fault that keeps no state.
func (r *Rule) transport() bool { return r.Commit == BeforeHandler && !r.Answer.API() }

// Commit says whether the handler runs before an injected answer.
type Commit string

// The commit modes.
const (
	// BeforeHandler answers instead of the handler: no state changes.
	BeforeHandler Commit = "before-handler"
	// AfterCommit runs the handler and keeps its state change, then gives the
	// client the injected answer: "committed, but the client saw an error".
	AfterCommit Commit = "after-commit"
)

// Match selects requests. Every field that is set must match.
type Match struct {
	// Operations are the contract operations the rule applies to; empty
	// means every operation of APIs (or of every API version).
	Operations []*contract.Operation
	APIs       simulator.API
	Query      map[string]*Value // parameter name -> value
	Headers    map[string]*Value // canonical header name -> value
	Body       []BodyField
	// Customer holds identifiers (mobile, email, externalId, id) of the
	// customer the request must name; any one of them is enough.
	Customer map[string]*Value
}

// BodyField matches one field of a JSON or XML request body, by a dotted
// path; arrays along the path match when any element does.
type BodyField struct {
	Path  []string
	Value *Value
}

// Value matches a string: equal to one of Equals, or by Contains, Prefix,
// Regex, or mere presence.
type Value struct {
	Equals   []string
	Contains string
	Prefix   string
	Regex    *regexp.Regexp
	Present  *bool
	// Fold compares case-insensitively (email addresses).
	Fold bool
}

// Matches reports whether v matches s; present says whether s was there.
func (v *Value) Matches(s string, present bool) bool {
	if v.Present != nil {
		return present == *v.Present
	}
	if !present {
		return false
	}
	cmp := func(a, b string) bool {
		if v.Fold {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	switch {
	case len(v.Equals) > 0:
		for _, e := range v.Equals {
			if cmp(e, s) {
				return true
			}
		}
		return false
	case v.Contains != "":
		return strings.Contains(s, v.Contains)
	case v.Prefix != "":
		return strings.HasPrefix(s, v.Prefix)
	case v.Regex != nil:
		return v.Regex.MatchString(s)
	}
	return false
}

func (v *Value) String() string {
	switch {
	case v.Present != nil:
		return fmt.Sprintf("present=%v", *v.Present)
	case len(v.Equals) > 0:
		return strings.Join(v.Equals, "|")
	case v.Contains != "":
		return "contains " + v.Contains
	case v.Prefix != "":
		return "prefix " + v.Prefix
	case v.Regex != nil:
		return "regex " + v.Regex.String()
	}
	return ""
}

// Answer is what a rule does to a matching request. At most one of Code,
// Status, RateLimit and Fault is set; Delay and SlowBody combine with any of
// them, and alone slow down the handler's own answer.
type Answer struct {
	// Code is a catalogue number (or constant name) as written in the file;
	// the envelope, message and HTTP status follow from the catalogue and
	// the request's API version and format.
	Code string
	// Status, with Body and Headers, is a raw HTTP answer.
	Status  int
	Body    string
	Headers http.Header
	// RateLimit answers 429 Too Many Requests with Retry-After.
	RateLimit *RateLimit
	// Fault is a transport fault.
	Fault    Fault
	Delay    *Delay
	SlowBody *SlowBody
}

// API reports whether the answer replaces the response with an API answer
// (a code, a raw status or a 429) rather than only shaping the transport.
func (a *Answer) API() bool { return a.Code != "" || a.Status != 0 || a.RateLimit != nil }

// Fault is a transport fault.
type Fault string

// The transport faults.
const (
	// FaultReset closes the connection with a TCP reset (RST) instead of an answer.
	FaultReset Fault = "reset"
	// FaultEmpty closes the connection without writing anything.
	FaultEmpty Fault = "empty"
	// FaultGarbage writes bytes that are not HTTP, then closes.
	FaultGarbage Fault = "garbage"
)

// RateLimit is a 429 answer.
type RateLimit struct {
	RetryAfter time.Duration // written in whole seconds, at least 1
}

// DelayKind names a delay distribution.
type DelayKind string

// The delay distributions.
const (
	DelayFixed     DelayKind = "fixed"
	DelayUniform   DelayKind = "uniform"
	DelayLognormal DelayKind = "lognormal"
)

// Delay holds a response back: a fixed time, uniform between Min and Max, or
// lognormal around Median with Sigma; never longer than Cap when set.
type Delay struct {
	Kind     DelayKind
	Fixed    time.Duration
	Min, Max time.Duration
	Median   time.Duration
	Sigma    float64
	Cap      time.Duration
}

// SlowBody writes the response body in Chunks pieces spread over Duration.
type SlowBody struct {
	Chunks   int
	Duration time.Duration
}

// When says which matching calls a rule answers.
type When struct {
	Kind        WhenKind
	N           int64   // first N, after N
	Probability float64 // probability
	Sequence    []bool  // true: answer (fail), false: pass
	Repeat      bool    // sequence: start again at the end (else the last step stays)
}

// WhenKind names a When.
type WhenKind string

// The kinds of When.
const (
	Always      WhenKind = "always"
	First       WhenKind = "first"
	After       WhenKind = "after"
	Probability WhenKind = "probability"
	Sequence    WhenKind = "sequence"
)

func (w When) String() string {
	switch w.Kind {
	case First, After:
		return fmt.Sprintf("%s %d", w.Kind, w.N)
	case Probability:
		return fmt.Sprintf("probability %g", w.Probability)
	case Sequence:
		steps := make([]string, len(w.Sequence))
		for i, fail := range w.Sequence {
			steps[i] = "pass"
			if fail {
				steps[i] = "fail"
			}
		}
		s := "sequence [" + strings.Join(steps, ", ") + "]"
		if w.Repeat {
			s += " repeated"
		}
		return s
	}
	return string(Always)
}

func (a *Answer) String() string {
	var parts []string
	if a.Delay != nil {
		parts = append(parts, a.Delay.String())
	}
	switch {
	case a.Code != "":
		parts = append(parts, "code "+a.Code)
	case a.Status != 0:
		parts = append(parts, fmt.Sprintf("status %d", a.Status))
	case a.RateLimit != nil:
		parts = append(parts, fmt.Sprintf("429 Retry-After %s", retryAfter(a.RateLimit.RetryAfter)))
	case a.Fault != "":
		parts = append(parts, "fault "+string(a.Fault))
	}
	if a.SlowBody != nil {
		parts = append(parts, fmt.Sprintf("slow body %d chunks over %s", a.SlowBody.Chunks, a.SlowBody.Duration))
	}
	return strings.Join(parts, ", ")
}

func (d *Delay) String() string {
	var s string
	switch d.Kind {
	case DelayFixed:
		s = "delay " + d.Fixed.String()
	case DelayUniform:
		s = fmt.Sprintf("delay uniform %s..%s", d.Min, d.Max)
	case DelayLognormal:
		s = fmt.Sprintf("delay lognormal median %s sigma %g", d.Median, d.Sigma)
	}
	if d.Cap > 0 {
		s += " max " + d.Cap.String()
	}
	return s
}
