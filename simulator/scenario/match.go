package scenario

import (
	"net/http"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
)

// IDCustomer is the identifier type of a customer id.
const IDCustomer = simulator.IDCustomer

// CustomerKeys are the identifier types a customer matcher and the journal
// know, in the names scenario files and the admin API use.
var CustomerKeys = []string{simulator.IDMobile, simulator.IDEmail, simulator.IDExternalID, IDCustomer}

// Identifier is one customer identifier a request carries.
type Identifier = simulator.RequestIdentifier

// Call is the scenario engine's view of one request to an API operation: its
// operation, parameters, decoded body and the customers it names.
type Call struct {
	Op        *contract.Operation
	Request   *http.Request
	Vars      map[string]string
	Namespace string
	// Body is the decoded request body (JSON values, numbers as
	// json.Number; a v1.1 body under its root, in maps and lists); nil when
	// there is none or it cannot be read (request validation reports that).
	Body any
	// Identifiers are the customer identifiers the request carries.
	Identifiers []Identifier
	// Items is the number of items of a v1.1 batch (0 when not a batch).
	Items int
}

// Description is what the request's API version reads from it for the
// engine: the engine itself knows no API's wire format.
type Description struct {
	Body        any
	Identifiers []Identifier
	Items       int
}

// Init fills c for r, an operation's request, as its API version describes it.
func (c *Call) Init(r *http.Request, op *contract.Operation, vars map[string]string, d Description) {
	*c = Call{Op: op, Request: r, Vars: vars, Namespace: simulator.Info(r.Context()).Namespace,
		Body: d.Body, Identifiers: d.Identifiers, Items: d.Items}
}

// matches reports whether the request matches m, and for a v1.1 batch with a
// customer matcher which items do (nil: the whole request).
func (m *Match) matches(c *Call) (bool, []bool) {
	if len(m.Operations) > 0 {
		found := false
		for _, op := range m.Operations {
			if op == c.Op {
				found = true
				break
			}
		}
		if !found {
			return false, nil
		}
	} else if m.APIs != 0 && !m.APIs.Has(c.Op.API) {
		return false, nil
	}
	q := c.Request.URL.Query()
	for name, v := range m.Query {
		vals, ok := q[name]
		if !anyMatches(v, vals, ok) {
			return false, nil
		}
	}
	for name, v := range m.Headers {
		vals, ok := c.Request.Header[name]
		if !anyMatches(v, vals, ok) {
			return false, nil
		}
	}
	for _, f := range m.Body {
		vals := lookupStrings(c.Body, f.Path)
		if !anyMatches(f.Value, vals, len(vals) > 0) {
			return false, nil
		}
	}
	if len(m.Customer) == 0 {
		return true, nil
	}
	var items []bool
	matched := false
	for _, id := range c.Identifiers {
		v := m.Customer[id.Type]
		if v == nil || !v.Matches(simulator.NormalizeIdentifierValue(id.Type, id.Value), true) {
			continue
		}
		matched = true
		if id.Item >= 0 && c.Items > 0 {
			if items == nil {
				items = make([]bool, c.Items)
			}
			items[id.Item] = true
		}
	}
	return matched, items
}

func anyMatches(v *Value, vals []string, present bool) bool {
	if !present || len(vals) == 0 {
		return v.Matches("", false)
	}
	for _, s := range vals {
		if v.Matches(s, true) {
			return true
		}
	}
	return false
}

// lookupAll returns the values at path in v; lists along the way are
// walked, so every element contributes.
func lookupAll(v any, path []string) []any {
	if len(path) == 0 {
		if l, ok := v.([]any); ok {
			return l
		}
		if v == nil {
			return nil
		}
		return []any{v}
	}
	switch t := v.(type) {
	case map[string]any:
		return lookupAll(t[path[0]], path[1:])
	case []any:
		var out []any
		for _, x := range t {
			out = append(out, lookupAll(x, path)...)
		}
		return out
	}
	return nil
}

// lookupStrings returns the scalar values at path as strings.
func lookupStrings(v any, path []string) []string {
	var out []string
	for _, x := range lookupAll(v, path) {
		if _, ok := x.(map[string]any); ok {
			continue
		}
		out = append(out, simulator.Scalar(x))
	}
	return out
}
