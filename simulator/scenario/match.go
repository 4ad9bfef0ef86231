package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/v11"
)

// IDCustomer is the identifier type of a customer id: the v2 path {id},
// identifierName=id, the v1.1 id= parameter and id/user_id body fields.
const IDCustomer = "id"

// CustomerKeys are the identifier types a customer matcher and the journal
// know, in the names scenario files and the admin API use.
var CustomerKeys = []string{simulator.IDMobile, simulator.IDEmail, simulator.IDExternalID, IDCustomer}

// Identifier is one customer identifier a request carries.
type Identifier struct {
	Type  string `json:"type"`
	Value string `json:"value"`
	// Item is the index of the v1.1 batch item that carries it, -1 when the
	// identifier names the request's one customer.
	Item int `json:"-"`
}

// Call is the scenario engine's view of one request to an API operation: its
// operation, parameters, decoded body and the customers it names.
type Call struct {
	Op        *contract.Operation
	Request   *http.Request
	Vars      map[string]string
	Namespace string
	// Body is the decoded request body: JSON values with numbers and
	// booleans as strings, or the v1.1 body under its root; nil when there
	// is none or it cannot be read (request validation reports that).
	Body any
	// Identifiers are the customer identifiers the request carries.
	Identifiers []Identifier
	// Items is the number of items of a v1.1 batch (0 when not a batch).
	Items    int
	v11Items []v11Item

	idBuf [2]Identifier // room for the usual one or two identifiers
}

// maxIdentifiers bounds what a call records, so a huge batch costs little.
const maxIdentifiers = 100

// NewCall reads r (its body is put back for the handler) into a Call.
func NewCall(r *http.Request, op *contract.Operation, vars map[string]string) *Call {
	c := new(Call)
	c.Init(r, op, vars)
	return c
}

// Init reads r (its body is put back for the handler) into c, as NewCall
// does, for a caller that holds the Call in memory of its own.
func (c *Call) Init(r *http.Request, op *contract.Operation, vars map[string]string) {
	*c = Call{Op: op, Request: r, Vars: vars, Namespace: simulator.Info(r.Context()).Namespace}
	c.Identifiers = c.idBuf[:0]
	if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
		raw, err := io.ReadAll(r.Body)
		r.Body.Close()
		// The handler and the validator read the body again; a read error
		// (a body over the size limit) stays for them to report.
		var rd io.Reader = bytes.NewReader(raw)
		if err != nil {
			rd = io.MultiReader(rd, errReader{err})
		}
		r.Body = io.NopCloser(rd)
		if err == nil && len(bytes.TrimSpace(raw)) > 0 {
			c.Body = decodeBody(r, op, raw)
		}
	}
	if op.API == simulator.V11 {
		c.v11Identifiers()
	} else {
		c.v2Identifiers()
	}
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func decodeBody(r *http.Request, op *contract.Operation, raw []byte) any {
	if op.API == simulator.V11 {
		cp := r.Clone(r.Context())
		cp.Body = io.NopCloser(bytes.NewReader(raw))
		v, err := v11.ReadBody(cp)
		if err != nil {
			return nil
		}
		return map[string]any(v)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

func (c *Call) add(typ, value string, item int) {
	value = strings.TrimSpace(value)
	if value == "" || len(c.Identifiers) >= maxIdentifiers {
		return
	}
	c.Identifiers = append(c.Identifiers, Identifier{Type: typ, Value: value, Item: item})
}

// v2Identifiers reads the path {id}, identifierName/identifierValue (comma
// lists, paired in order) and a registration's profiles[].identifiers[].
func (c *Call) v2Identifiers() {
	if id := c.Vars["id"]; id != "" {
		c.add(IDCustomer, id, -1)
	}
	if !strings.Contains(c.Request.URL.RawQuery, "identifierName") {
		// Most v2 reads carry the customer in the path only: spare the parse.
		c.v2BodyIdentifiers()
		return
	}
	q := c.Request.URL.Query()
	if names, values := q.Get("identifierName"), q.Get("identifierValue"); names != "" && values != "" {
		ns, vs := strings.Split(names, ","), strings.Split(values, ",")
		for i := 0; i < len(ns) && i < len(vs); i++ {
			c.add(strings.TrimSpace(ns[i]), vs[i], -1)
		}
	}
	c.v2BodyIdentifiers()
}

// v2BodyIdentifiers adds the identifiers of a v2 body's profiles.
func (c *Call) v2BodyIdentifiers() {
	if c.Body == nil {
		return
	}
	for _, prof := range lookupAll(c.Body, []string{"profiles"}) {
		for _, id := range lookupAll(prof, []string{"identifiers"}) {
			m, _ := id.(map[string]any)
			t, _ := m["type"].(string)
			c.add(t, scalar(m["value"]), -1)
		}
	}
}

// v11Types maps v1.1 identifier names to identifier types.
var v11Types = map[string]string{
	v11.IdentMobile:     simulator.IDMobile,
	v11.IdentEmail:      simulator.IDEmail,
	v11.IdentExternalID: simulator.IDExternalID,
	v11.IdentID:         IDCustomer,
	"user_id":           IDCustomer,
	v11.IdentCardNumber: simulator.IDCardNumber,
}

// v11Item is one item of a v1.1 batch as the request gave it: an identifier
// of a read's query, or an object of a write's body.
type v11Item struct {
	ident v11.Ident
	raw   v11.Values
}

// v11Identifiers reads the items of a v1.1 batch, in the order the API
// answers them: the identifiers of a read's query (mobile=a,b is two items;
// v11.QueryIdents gives the order) or the objects of a write's body
// (root.customer[]).
func (c *Call) v11Identifiers() {
	if body, ok := c.Body.(map[string]any); ok {
		for i, it := range v11.Values(body).List("customer") {
			for _, name := range []string{v11.IdentMobile, v11.IdentEmail, v11.IdentExternalID, v11.IdentID, "user_id"} {
				c.add(v11Types[name], it.String(name), i)
			}
			c.v11Items = append(c.v11Items, v11Item{raw: it})
		}
		c.Items = len(c.v11Items)
		return
	}
	idents, err := v11.QueryIdents(c.Request.URL.Query(), 0)
	if err != nil {
		return
	}
	for i, id := range idents {
		c.add(v11Types[id.Name], id.Value, i)
		c.v11Items = append(c.v11Items, v11Item{ident: id})
	}
	c.Items = len(c.v11Items)
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
	case v11.Values:
		return lookupAll(map[string]any(t), path)
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
		switch x.(type) {
		case map[string]any, v11.Values:
			continue
		}
		out = append(out, scalar(x))
	}
	return out
}

func scalar(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	}
	return fmt.Sprint(v)
}
