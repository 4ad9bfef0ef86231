package scenario

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"gopkg.in/yaml.v3"
)

// targets returns the operations r can answer: those it names, else every
// API operation (of its api, if it names one).
func (r *Rule) targets(c *contract.Contract) []*contract.Operation {
	if len(r.Match.Operations) > 0 {
		return r.Match.Operations
	}
	var out []*contract.Operation
	if c == nil {
		return nil
	}
	for _, op := range c.Operations() {
		if op.API != 0 && (r.Match.APIs == 0 || r.Match.APIs.Has(op.API)) {
			out = append(out, op)
		}
	}
	return out
}

// check resolves r's code for each API version it targets and renders its
// answer for each target operation, refusing what the contract does not
// declare: an answer that would fail response validation at run time is
// refused now, when the file is loaded.
func (p *parser) check(r *Rule, answerNode *yaml.Node) {
	if p.c == nil {
		p.problem(answerNode.Line, "no contract to check the rule against")
		return
	}
	a := &r.Answer
	if !a.API() {
		return
	}
	targets := r.targets(p.c)
	if len(targets) == 0 {
		p.problem(r.Line, "rule %q matches no operation", r.Name)
		return
	}
	if a.Code != "" {
		r.codes = map[simulator.API]simulator.Code{}
		for _, op := range targets {
			if _, done := r.codes[op.API]; done {
				continue
			}
			code, reason := resolveCode(a.Code, op.API)
			if reason != "" {
				p.problem(answerNode.Line, "code %s: %s (operation %s)", a.Code, reason, op.ID)
				return
			}
			r.codes[op.API] = code
		}
	}
	for _, op := range targets {
		reason := ""
		if a.Code != "" {
			if p.env == nil {
				reason = "no API envelopes to check the code against"
			} else if why := p.env.CheckCode(op, r.codes[op.API]); why != "" {
				reason = fmt.Sprintf("%s: %s", describe(r, op), why)
			}
		} else {
			reason = checkAnswer(p.c, op, r)
		}
		if reason != "" {
			p.problem(answerNode.Line, "%s", reason)
			return
		}
	}
}

var digitsRE = regexp.MustCompile(`^[0-9]+$`)

// resolveCode finds code (a number or a constant name) in the catalogue for
// api. Success codes are refused: a scenario injects failures.
func resolveCode(s string, api simulator.API) (simulator.Code, string) {
	var code simulator.Code
	if digitsRE.MatchString(s) {
		n, _ := strconv.Atoi(s)
		c, ok := simulator.Lookup(api, n)
		if !ok {
			return 0, fmt.Sprintf("not a %s code in the catalogue", api)
		}
		code = c
	} else {
		c, ok := simulator.LookupName(s)
		if !ok {
			return 0, "no such code in the catalogue (give a number such as 8015, or a name such as CodeCustomerNotFoundV2)"
		}
		if c.Info().APIs&api == 0 {
			return 0, fmt.Sprintf("%s is a %s code, not a %s one", s, c.Info().APIs, api)
		}
		code = c
	}
	info := code.Info()
	switch {
	case info.Kind == simulator.KindSuccess:
		return 0, fmt.Sprintf("%d %q is a success code; answer with an error, a warning or a status", info.Number, info.Message)
	case info.Kind == simulator.KindStatus && (info.Number == 200 || info.Number == 201):
		return 0, fmt.Sprintf("%d %q is a success status; answer with an error, a warning or a failure status", info.Number, info.Message)
	}
	return code, ""
}

// checkAnswer renders r's raw or 429 answer for op and checks it against
// the contract.
func checkAnswer(c *contract.Contract, op *contract.Operation, r *Rule) string {
	target, vars := SamplePath(op.Path)
	req := httptest.NewRequest(op.Method, target, nil)
	req = req.WithContext(simulator.WithRequestInfo(context.Background(), &simulator.RequestInfo{Namespace: "default"}))
	rec := httptest.NewRecorder()
	WriteAnswer(rec, &Decision{Rule: r})
	what := describe(r, op)
	if !Declared(op, rec.Code) {
		return fmt.Sprintf("%s gives HTTP %d, which operation %s does not declare (it declares %s)", what, rec.Code, op.ID, DeclaredList(op))
	}
	if err := c.ValidateResponse(req, op, vars, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
		return fmt.Sprintf("%s would break the contract of operation %s: %v", what, op.ID, err)
	}
	return ""
}

func describe(r *Rule, op *contract.Operation) string {
	a := &r.Answer
	switch {
	case a.Code != "":
		code := r.codes[op.API]
		return fmt.Sprintf("answer code %s (%d %q)", a.Code, code.Number(), code.Info().Message)
	case a.Status != 0:
		return fmt.Sprintf("answer status %d", a.Status)
	}
	return "answer rateLimit (429)"
}

// DeclaredList lists the statuses op declares, for messages.
func DeclaredList(op *contract.Operation) string {
	rs := op.Route.Operation.Responses
	if rs == nil {
		return "no responses"
	}
	ks := make([]string, 0, rs.Len())
	for k := range rs.Map() {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// SamplePath fills a path template's parameters with 1.
func SamplePath(tpl string) (string, map[string]string) {
	vars := map[string]string{}
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		j := strings.IndexByte(tpl, '}')
		if i < 0 || j < i {
			b.WriteString(tpl)
			break
		}
		b.WriteString(tpl[:i])
		vars[tpl[i+1:j]] = "1"
		b.WriteString("1")
		tpl = tpl[j+1:]
	}
	return b.String(), vars
}

// Declared reports whether op declares status.
func Declared(op *contract.Operation, status int) bool {
	rs := op.Route.Operation.Responses
	return rs != nil && (rs.Status(status) != nil || rs.Default() != nil)
}
