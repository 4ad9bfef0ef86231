package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator/internal/xmltree"
)

// BodyMatch selects entries by their request or response body: a value at
// a path (JSON, XML or form bodies), or a substring of the body as kept.
type BodyMatch struct {
	Response bool // match the response body, not the request's
	// Path, when set, must lead to a value in the body; Value, when also
	// set, must equal it (numbers compare as numbers: 57099 = 57099.0).
	Path  *BodyPath
	Value *string
	// Contains, when set, must be a substring of the body.
	Contains string
}

// matches reports whether the body of msg, redacted, matches: a match
// must not tell a credential it would not show.
func (m *BodyMatch) matches(msg *Message) bool {
	red := msg.redacted()
	msg = &red
	if m.Contains != "" && !strings.Contains(msg.Body, m.Contains) {
		return false
	}
	if m.Path == nil {
		return true
	}
	doc, ok := decodeBody(msg.Headers.Get("Content-Type"), msg.Body)
	if !ok {
		return false
	}
	for _, v := range m.Path.find(doc) {
		if m.Value == nil || scalarEquals(v, *m.Value) {
			return true
		}
	}
	return false
}

// BodyPath is a path into a body: keys separated by dots, each followed by
// any number of [N] (an index) or [*] (every element), after an optional
// "$." — promotionId, $.promotionId, root.customer[0].mobile. An XML body is
// read as {"root": {"customer": ...}}: an element repeated is an array, a
// leaf is its text. A key applied to an array applies to each element, and
// [0] or [*] applied to a single value is that value, so one path serves
// the JSON and XML forms of a v1.1 body alike.
type BodyPath struct {
	text  string
	steps []pathStep
}

type pathStep struct {
	key   string // a key, or "" for an index step
	index int    // -1: every element
}

// String returns the path as written.
func (p *BodyPath) String() string { return p.text }

// maxPathSteps bounds a path, so a query cannot ask for unbounded work.
const maxPathSteps = 32

// ParseBodyPath reads a path; the error says what is wrong with it.
func ParseBodyPath(s string) (*BodyPath, error) {
	p := &BodyPath{text: s}
	rest := strings.TrimPrefix(s, "$")
	rest = strings.TrimPrefix(rest, ".")
	if rest == "" {
		return nil, fmt.Errorf("path %q names no key: write a key such as promotionId or $.customer.mobile", s)
	}
	for _, part := range strings.Split(rest, ".") {
		key := part
		if i := strings.IndexByte(part, '['); i >= 0 {
			key = part[:i]
		}
		if key == "" && len(p.steps) > 0 || strings.ContainsAny(key, "]") {
			return nil, fmt.Errorf("path %q: empty or malformed key at %q", s, part)
		}
		if key != "" {
			p.steps = append(p.steps, pathStep{key: key})
		}
		idx := part[len(key):]
		for idx != "" {
			end := strings.IndexByte(idx, ']')
			if idx[0] != '[' || end < 0 {
				return nil, fmt.Errorf("path %q: malformed index at %q: write [0] or [*]", s, idx)
			}
			n := -1
			if in := idx[1:end]; in != "*" {
				var err error
				if n, err = strconv.Atoi(in); err != nil || n < 0 {
					return nil, fmt.Errorf("path %q: index %q is not a number or *", s, in)
				}
			}
			p.steps = append(p.steps, pathStep{index: n})
			idx = idx[end+1:]
		}
	}
	if len(p.steps) > maxPathSteps {
		return nil, fmt.Errorf("path %q has more than %d steps", s, maxPathSteps)
	}
	return p, nil
}

// find returns the values the path leads to in doc.
func (p *BodyPath) find(doc any) []any {
	nodes := []any{doc}
	for _, st := range p.steps {
		var next []any
		for _, n := range nodes {
			next = st.apply(n, next)
		}
		if len(next) == 0 {
			return nil
		}
		nodes = next
	}
	return nodes
}

func (st pathStep) apply(n any, out []any) []any {
	if st.key != "" {
		switch v := n.(type) {
		case map[string]any:
			if c, ok := v[st.key]; ok {
				out = append(out, c)
			}
		case []any:
			for _, e := range v {
				out = st.apply(e, out)
			}
		}
		return out
	}
	arr, ok := n.([]any)
	if !ok {
		if st.index <= 0 { // [0] or [*] of a single value is the value
			out = append(out, n)
		}
		return out
	}
	if st.index < 0 {
		return append(out, arr...)
	}
	if st.index < len(arr) {
		out = append(out, arr[st.index])
	}
	return out
}

// scalarEquals compares a value found in a body with the value asked for.
func scalarEquals(v any, want string) bool {
	switch x := v.(type) {
	case string:
		if x == want {
			return true
		}
		return numbersEqual(x, want)
	case json.Number:
		return string(x) == want || numbersEqual(string(x), want)
	case bool:
		return strconv.FormatBool(x) == want
	case nil:
		return want == "null"
	}
	return false
}

func numbersEqual(a, b string) bool {
	x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	return err1 == nil && err2 == nil && x == y
}

// decodeBody reads a kept body as a tree; false when it is not JSON, XML
// or a form (or was truncated past reading).
func decodeBody(contentType, body string) (any, bool) {
	b := []byte(body)
	switch sniff(contentType, b) {
	case formatJSON:
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		return v, true
	case formatXML:
		root, err := xmltree.Parse(bytes.NewReader(b))
		if err != nil {
			return nil, false
		}
		return map[string]any{root.Name: xmltree.Value[map[string]any](root)}, true
	case formatForm:
		q, err := url.ParseQuery(body)
		if err != nil {
			return nil, false
		}
		m := make(map[string]any, len(q))
		for k, vs := range q {
			if len(vs) == 1 {
				m[k] = vs[0]
				continue
			}
			arr := make([]any, len(vs))
			for i, v := range vs {
				arr[i] = v
			}
			m[k] = arr
		}
		return m, true
	}
	return nil, false
}
