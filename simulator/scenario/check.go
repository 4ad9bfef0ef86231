package scenario

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/v11"
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
			if reason == "" && op.API == simulator.V11 && code.Info().Kind == simulator.KindWarning {
				reason = "v1.1 warnings ride on items that succeed, which only the handler writes; inject a v1.1 error or status"
			}
			if reason != "" {
				p.problem(answerNode.Line, "code %s: %s (operation %s)", a.Code, reason, op.ID)
				return
			}
			r.codes[op.API] = code
		}
	}
	for _, op := range targets {
		if reason := checkAnswer(p.c, op, r); reason != "" {
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

// checkAnswer renders r's answer for op as a minimal request would get it
// (in every format the API writes) and checks it against the contract.
func checkAnswer(c *contract.Contract, op *contract.Operation, r *Rule) string {
	formats := []string{""}
	if op.API == simulator.V11 {
		formats = []string{"json", "xml"}
	}
	for _, f := range formats {
		target, vars := samplePath(op.Path)
		if f != "" {
			target += "?format=" + f
		}
		req := httptest.NewRequest(op.Method, target, nil)
		req = req.WithContext(simulator.WithRequestInfo(context.Background(), &simulator.RequestInfo{Namespace: "default", Format: f}))
		rec := httptest.NewRecorder()
		call := &Call{Op: op, Request: req, Vars: vars, Namespace: "default"}
		if op.API == simulator.V11 {
			call.Items = 1
			call.Identifiers = []Identifier{{Type: simulator.IDMobile, Value: "0", Item: 0}}
			it := v11Item{ident: v11.Ident{Name: v11.IdentMobile, Value: "0"}}
			if op.Method != http.MethodGet {
				it = v11Item{raw: v11.Values{v11.IdentMobile: "0"}}
			}
			call.v11Items = []v11Item{it}
		}
		WriteAnswer(rec, req, call, &Decision{Rule: r}, nil)
		what := describe(r, op)
		if !declared(op, rec.Code) {
			return fmt.Sprintf("%s gives HTTP %d, which operation %s does not declare (it declares %s)", what, rec.Code, op.ID, declaredList(op))
		}
		if err := c.ValidateResponse(req, op, vars, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			return fmt.Sprintf("%s would break the contract of operation %s: %v", what, op.ID, err)
		}
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

func declaredList(op *contract.Operation) string {
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

// samplePath fills a path template's parameters with 1.
func samplePath(tpl string) (string, map[string]string) {
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

// declared reports whether op declares status.
func declared(op *contract.Operation, status int) bool {
	rs := op.Route.Operation.Responses
	return rs != nil && (rs.Status(status) != nil || rs.Default() != nil)
}
