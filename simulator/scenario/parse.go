package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"gopkg.in/yaml.v3"
)

// Problem is one reason a scenario file is refused, at a line of the file.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason) }

// Problems is the error Parse returns: every problem found, in file order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// MaxFileBytes is the largest scenario file Parse reads.
const MaxFileBytes = 1 << 20

// ValidName reports whether s can name a scenario or a rule: a name
// (simulator.IsName) that starts with a letter or a digit.
func ValidName(s string) bool { return simulator.IsName(s) && !strings.ContainsRune("._-", rune(s[0])) }

// Parse reads the scenarios of one file (one per YAML document) and checks
// them against c and env: operations must exist, codes must be in the
// catalogue for the operation's API version and fit its envelope, and every
// answer must be a response the contract declares. It returns every problem found, each with its line.
func Parse(file string, data []byte, c *contract.Contract, env Envelopes) ([]*Scenario, error) {
	p := &parser{file: file, c: c, env: env}
	if len(data) > MaxFileBytes {
		p.problem(0, "file is larger than %d bytes", MaxFileBytes)
		return nil, p.probs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p.problem(yamlErrorLine(err), "%s", strings.TrimPrefix(yamlErrorText(err), "yaml: "))
			return nil, p.probs
		}
		docs = append(docs, &n)
	}
	if len(docs) == 0 {
		p.problem(1, "no scenario: the file is empty")
		return nil, p.probs
	}
	var out []*Scenario
	names := map[string]int{}
	for _, doc := range docs {
		s := p.scenario(doc, len(docs) == 1)
		if s == nil {
			continue
		}
		if prev, dup := names[s.Name]; dup {
			p.problem(doc.Line, "scenario %q is defined twice (first at line %d)", s.Name, prev)
			continue
		}
		names[s.Name] = doc.Line
		out = append(out, s)
	}
	if len(p.probs) > 0 {
		sort.SliceStable(p.probs, func(i, j int) bool { return p.probs[i].Line < p.probs[j].Line })
		return nil, p.probs
	}
	return out, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports; it gives their line 0-based, so they are one line early.
var yamlParserProblems = []string{
	"did not find expected <stream-start>", "did not find expected <document start>",
	"did not find expected node content", "did not find expected '-' indicator",
	"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"found undefined tag handle", "found duplicate %YAML directive", "found incompatible YAML document",
	"found duplicate %TAG directive",
}

func yamlErrorLine(err error) int {
	n := 0
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	for _, p := range yamlParserProblems {
		if strings.HasSuffix(err.Error(), p) {
			return n + 1
		}
	}
	if n == 0 {
		n = 1
	}
	return n
}

func yamlErrorText(err error) string {
	s := err.Error()
	if m := yamlLineRE.FindStringIndex(s); m != nil {
		s = strings.TrimLeft(s[m[1]:], ": ")
	}
	return s
}

type parser struct {
	file  string
	c     *contract.Contract
	env   Envelopes
	probs Problems
}

func (p *parser) problem(line int, format string, args ...any) {
	p.probs = append(p.probs, Problem{File: p.file, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// fields walks a mapping, calling the handler of each key; unknown and
// repeated keys are problems. It returns false if n is not a mapping.
func (p *parser) fields(n *yaml.Node, what string, handlers map[string]func(v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		p.problem(n.Line, "%s must be a mapping, got %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := handlers[k.Value]
		switch {
		case !ok:
			p.problem(k.Line, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(keys(handlers), ", "))
		case seen[k.Value]:
			p.problem(k.Line, "key %q appears twice in %s", k.Value, what)
		default:
			seen[k.Value] = true
			h(v)
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

func (p *parser) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.problem(n.Line, "%s must be a single value, got %s", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (p *parser) integer(n *yaml.Node, what string, min, max int64) (int64, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < min || v > max {
		p.problem(n.Line, "%s must be an integer from %d to %d, got %q", what, min, max, s)
		return 0, false
	}
	return v, true
}

func (p *parser) duration(n *yaml.Node, what string) (time.Duration, bool) {
	s, ok := p.str(n, what)
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > 10*time.Minute {
		p.problem(n.Line, "%s must be a duration from 0s to 10m such as 250ms or 2s, got %q", what, s)
		return 0, false
	}
	return d, true
}

func (p *parser) scenario(doc *yaml.Node, single bool) *Scenario {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	s := &Scenario{File: p.file}
	var rulesNode *yaml.Node
	before := len(p.probs)
	ok := p.fields(root, "a scenario", map[string]func(*yaml.Node){
		"name": func(v *yaml.Node) {
			if name, ok := p.str(v, "name"); ok {
				if !ValidName(name) {
					p.problem(v.Line, "name %q: use 1-64 letters, digits, '.', '_' or '-'", name)
				}
				s.Name = name
			}
		},
		"description": func(v *yaml.Node) { s.Description, _ = p.str(v, "description") },
		"seed":        func(v *yaml.Node) { s.Seed, _ = p.integer(v, "seed", math.MinInt64, math.MaxInt64) },
		"rules":       func(v *yaml.Node) { rulesNode = v },
	})
	if !ok {
		return nil
	}
	if s.Name == "" && len(p.probs) == before {
		base := strings.TrimSuffix(strings.TrimSuffix(path.Base(p.file), ".yaml"), ".yml")
		if !single || !ValidName(base) {
			p.problem(root.Line, "a scenario needs a name")
		}
		s.Name = base
	}
	if rulesNode == nil {
		p.problem(root.Line, "scenario %q has no rules", s.Name)
		return nil
	}
	if rulesNode.Kind != yaml.SequenceNode || len(rulesNode.Content) == 0 {
		p.problem(rulesNode.Line, "rules must be a non-empty list, got %s", kindName(rulesNode))
		return nil
	}
	ruleNames := map[string]bool{}
	for i, rn := range rulesNode.Content {
		r := p.rule(rn, i)
		if r == nil {
			continue
		}
		if ruleNames[r.Name] {
			p.problem(rn.Line, "rule name %q is used twice in scenario %q", r.Name, s.Name)
		}
		ruleNames[r.Name] = true
		r.scenario = s
		s.Rules = append(s.Rules, r)
	}
	if len(p.probs) > before {
		return nil
	}
	return s
}

func (p *parser) rule(n *yaml.Node, index int) *Rule {
	r := &Rule{Line: n.Line, Index: index, Name: fmt.Sprintf("rule-%d", index+1), When: When{Kind: Always}, Commit: BeforeHandler}
	before := len(p.probs)
	var answerNode, commitNode *yaml.Node
	ok := p.fields(n, "a rule", map[string]func(*yaml.Node){
		"name": func(v *yaml.Node) {
			if name, ok := p.str(v, "rule name"); ok {
				if !ValidName(name) {
					p.problem(v.Line, "rule name %q: use 1-64 letters, digits, '.', '_' or '-'", name)
				}
				r.Name = name
			}
		},
		"match":  func(v *yaml.Node) { p.match(v, &r.Match) },
		"answer": func(v *yaml.Node) { answerNode = v; p.answer(v, &r.Answer) },
		"when":   func(v *yaml.Node) { p.when(v, &r.When) },
		"commit": func(v *yaml.Node) {
			commitNode = v
			if s, ok := p.str(v, "commit"); ok {
				switch Commit(s) {
				case BeforeHandler, AfterCommit:
					r.Commit = Commit(s)
				default:
					p.problem(v.Line, "commit %q: want before-handler or after-commit", s)
				}
			}
		},
	})
	if !ok {
		return nil
	}
	if answerNode == nil {
		p.problem(n.Line, "rule %q has no answer", r.Name)
	}
	if len(p.probs) > before {
		return nil
	}
	if r.Commit == AfterCommit && !r.Answer.API() && r.Answer.Fault == "" {
		p.problem(commitNode.Line, "commit after-commit needs an answer that replaces the response (code, status, rateLimit or fault)")
		return nil
	}
	p.check(r, answerNode)
	if len(p.probs) > before {
		return nil
	}
	return r
}

func (p *parser) match(n *yaml.Node, m *Match) {
	p.fields(n, "match", map[string]func(*yaml.Node){
		"operation": func(v *yaml.Node) { p.operations(v, m) },
		"api": func(v *yaml.Node) {
			if s, ok := p.str(v, "api"); ok {
				switch s {
				case "v1.1":
					m.APIs = simulator.V11
				case "v2":
					m.APIs = simulator.V2
				default:
					p.problem(v.Line, "api %q: want v1.1 or v2", s)
				}
			}
		},
		"query":   func(v *yaml.Node) { m.Query = p.values(v, "query", false) },
		"headers": func(v *yaml.Node) { m.Headers = p.values(v, "headers", true) },
		"body": func(v *yaml.Node) {
			vals := p.values(v, "body", false)
			for _, k := range keys(vals) {
				m.Body = append(m.Body, BodyField{Path: strings.Split(k, "."), Value: vals[k]})
			}
		},
		"customer": func(v *yaml.Node) {
			m.Customer = map[string]*Value{}
			p.fields(v, "customer", map[string]func(*yaml.Node){
				"mobile":     func(v *yaml.Node) { m.Customer[simulator.IDMobile] = p.value(v, "customer.mobile") },
				"email":      func(v *yaml.Node) { m.Customer[simulator.IDEmail] = p.value(v, "customer.email") },
				"externalId": func(v *yaml.Node) { m.Customer[simulator.IDExternalID] = p.value(v, "customer.externalId") },
				"id":         func(v *yaml.Node) { m.Customer[IDCustomer] = p.value(v, "customer.id") },
			})
			if e := m.Customer[simulator.IDEmail]; e != nil {
				e.Fold = true
			}
			if len(m.Customer) == 0 {
				p.problem(v.Line, "customer needs at least one of mobile, email, externalId, id")
			}
		},
	})
	if m.APIs != 0 {
		for _, op := range m.Operations {
			if op.API != m.APIs {
				p.problem(n.Line, "operation %s is a %s operation, but api is %s", op.ID, op.API, m.APIs)
			}
		}
	}
}

// operations resolves an operationId, "METHOD /path/template", or a list of them.
func (p *parser) operations(n *yaml.Node, m *Match) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
		if len(items) == 0 {
			p.problem(n.Line, "operation: the list is empty")
		}
	}
	for _, it := range items {
		s, ok := p.str(it, "operation")
		if !ok {
			continue
		}
		op := p.lookupOperation(s)
		if op == nil {
			p.problem(it.Line, "operation %q does not exist (give an operationId such as lookupCustomer, or METHOD /path/template as in the OpenAPI documents)", s)
			continue
		}
		if op.API == 0 {
			p.problem(it.Line, "operation %q is not an API operation: scenarios apply to the v1.1 and v2 APIs only", s)
			continue
		}
		m.Operations = append(m.Operations, op)
	}
}

func (p *parser) lookupOperation(s string) *contract.Operation {
	if p.c == nil {
		return nil
	}
	if method, tpl, ok := strings.Cut(strings.TrimSpace(s), " "); ok {
		return p.c.Operation(strings.ToUpper(method), strings.TrimSpace(tpl))
	}
	for _, op := range p.c.Operations() {
		if op.ID == s {
			return op
		}
	}
	return nil
}

func (p *parser) values(n *yaml.Node, what string, header bool) map[string]*Value {
	out := map[string]*Value{}
	if n.Kind != yaml.MappingNode {
		p.problem(n.Line, "%s must be a mapping of names to values, got %s", what, kindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if header {
			name = http.CanonicalHeaderKey(name)
		}
		if name == "" {
			p.problem(k.Line, "%s: empty name", what)
			continue
		}
		if _, dup := out[name]; dup {
			p.problem(k.Line, "%s %q appears twice", what, k.Value)
			continue
		}
		if val := p.value(v, what+"."+k.Value); val != nil {
			out[name] = val
		}
	}
	return out
}

// value reads a value matcher: a scalar (equals), a list of scalars (equals
// any), or a mapping with one of equals, contains, prefix, regex, present.
func (p *parser) value(n *yaml.Node, what string) *Value {
	v := &Value{}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			p.problem(n.Line, "%s: give a value (or {present: false})", what)
			return nil
		}
		v.Equals = []string{n.Value}
		return v
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if s, ok := p.str(it, what); ok {
				v.Equals = append(v.Equals, s)
			}
		}
		if len(v.Equals) == 0 {
			p.problem(n.Line, "%s: the list is empty", what)
			return nil
		}
		return v
	}
	set := 0
	ok := p.fields(n, what, map[string]func(*yaml.Node){
		"equals": func(x *yaml.Node) {
			set++
			if x.Kind == yaml.MappingNode {
				p.problem(x.Line, "%s.equals must be a value or a list of values", what)
				return
			}
			v.Equals = p.value(x, what+".equals").orEmpty()
		},
		"contains": func(x *yaml.Node) { set++; v.Contains, _ = p.str(x, what+".contains") },
		"prefix":   func(x *yaml.Node) { set++; v.Prefix, _ = p.str(x, what+".prefix") },
		"regex": func(x *yaml.Node) {
			set++
			if s, ok := p.str(x, what+".regex"); ok {
				re, err := regexp.Compile(s)
				if err != nil {
					p.problem(x.Line, "%s.regex: %v", what, err)
					return
				}
				v.Regex = re
			}
		},
		"present": func(x *yaml.Node) {
			set++
			if s, ok := p.str(x, what+".present"); ok {
				b, err := strconv.ParseBool(s)
				if err != nil {
					p.problem(x.Line, "%s.present must be true or false, got %q", what, s)
					return
				}
				v.Present = &b
			}
		},
	})
	if ok && set != 1 {
		p.problem(n.Line, "%s: give exactly one of equals, contains, prefix, regex, present", what)
		return nil
	}
	if (v.Contains == "" && v.Prefix == "" && v.Regex == nil && v.Present == nil && len(v.Equals) == 0) || !ok {
		return nil
	}
	return v
}

func (v *Value) orEmpty() []string {
	if v == nil {
		return nil
	}
	return v.Equals
}
