package v2

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/internal/jsonvalue"
)

// This file is the v2 envelope's side of scenario injection: it carries a
// warning on an answer the handler wrote, writes the answers a scenario
// gives instead of the handler, and tells the engine which customers a
// request names. The scenario engine only decides; the envelope carries.

// Refuses reports whether code, injected, stands for the work not being
// done, so the handler must not run: 8890 means the promotion was not
// issued (the real API answers it with HTTP 200, the warning, no errors and
// an empty sideEffects list, NOTES §4.1). Every other v2 warning rides on
// the handler's answer.
func Refuses(code simulator.Code) bool { return code == simulator.CodePromotionNotIssued }

// refusal is the promotion answer that carries a refusing warning.
type refusal struct {
	Warnings    []Message `json:"warnings"`
	Errors      []Message `json:"errors"`
	SideEffects []any     `json:"sideEffects"`
}

// WriteInjected writes the answer of an injected code that replaces the
// handler's: a refusing warning in the promotion answer, any other code in
// the error envelope.
func WriteInjected(w http.ResponseWriter, r *http.Request, code simulator.Code) {
	e := simulator.Errorf(code)
	if code.Info().Kind == simulator.KindWarning {
		simulator.Info(r.Context()).AddCodes(e.Number())
		WriteJSON(w, r, e.HTTPStatus(), refusal{Warnings: Messages([]*simulator.Error{e}), Errors: []Message{}, SideEffects: []any{}})
		return
	}
	WriteError(w, r, e)
}

// CarryWarning returns body (a v2 JSON object the handler wrote) with e
// appended to its top-level warnings list, keeping every other byte's order;
// false when body has no such list.
func CarryWarning(body []byte, e *simulator.Error) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return body, false
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return body, false
		}
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return body, false
		}
		if kt != "warnings" {
			continue
		}
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return body, false
		}
		m, _ := json.Marshal(Messages([]*simulator.Error{e})[0])
		list = append(list, m)
		repl, _ := json.Marshal(list)
		end := dec.InputOffset()
		// start is just past the key; skip the colon and spaces before the value.
		valStart := start + int64(bytes.IndexAny(body[start:end], "[n"))
		out := make([]byte, 0, len(body)+len(m)+2)
		out = append(append(append(out, body[:valStart]...), repl...), body[end:]...)
		return out, true
	}
	return body, false
}

// Describe reads a v2 request for the scenario engine: its JSON body (nil
// when it has none or it is not JSON) and the customer identifiers it
// carries: the path {id}, identifierName/identifierValue (comma lists,
// paired in order) and a registration's profiles[].identifiers[], appended
// to ids. Without withBody the caller needs the identifiers alone (no
// scenario reads the body): body is nil, and the identifiers are read from
// the text without decoding it where that gives what decoding would.
func Describe(r *http.Request, vars map[string]string, ids []simulator.RequestIdentifier, withBody bool) (body any, _ []simulator.RequestIdentifier) {
	if id := vars["id"]; id != "" {
		ids = simulator.AppendIdentifier(ids, simulator.IDCustomer, id, -1)
	}
	if strings.Contains(r.URL.RawQuery, "identifierName") {
		q := simulator.Query(r)
		if names, values := q.Get("identifierName"), q.Get("identifierValue"); names != "" && values != "" {
			ns, vs := strings.Split(names, ","), strings.Split(values, ",")
			for i := 0; i < len(ns) && i < len(vs); i++ {
				ids = simulator.AppendIdentifier(ids, strings.TrimSpace(ns[i]), vs[i], -1)
			}
		}
	}
	raw := simulator.Info(r.Context()).Body
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ids
	}
	if !withBody {
		if out, ok := bodyIdentifiers(raw, ids); ok {
			return nil, out
		}
	}
	return describeBody(raw, ids)
}

// bodyIdentifiers appends the identifiers describeBody finds in raw,
// reading the text without decoding it; ok is false (ids as they were)
// where only decoding can tell: a text Parse refuses, or a value that is
// an object or a list.
func bodyIdentifiers(raw []byte, ids []simulator.RequestIdentifier) (_ []simulator.RequestIdentifier, ok bool) {
	var profiles []byte // a name given twice: the last counts, as decoded
	if _, ok := jsonvalue.Members(raw, func(name string, v []byte) {
		if name == "profiles" {
			profiles = v
		}
	}); !ok {
		return ids, false
	}
	out, ok := ids, true
	jsonvalue.Elements(profiles, func(p []byte) {
		var list []byte
		jsonvalue.Members(p, func(name string, v []byte) {
			if name == "identifiers" {
				list = v
			}
		})
		jsonvalue.Elements(list, func(id []byte) {
			var typ string
			var value []byte
			jsonvalue.Members(id, func(name string, v []byte) {
				switch name {
				case "type":
					typ, _ = jsonvalue.Text(v)
				case "value":
					value = v
				}
			})
			v, scalar := scalarText(value)
			ok = ok && scalar
			out = simulator.AppendIdentifier(out, typ, v, -1)
		})
	})
	if !ok {
		return ids, false
	}
	return out, true
}

// scalarText is simulator.Scalar of the value whose text is b (nil: none);
// scalar is false for an object or a list.
func scalarText(b []byte) (s string, scalar bool) {
	if len(b) == 0 || string(b) == "null" {
		return "", true
	}
	switch b[0] {
	case '"':
		s, _ = jsonvalue.Text(b)
		return s, true
	case '{', '[':
		return "", false
	}
	return string(b), true // a number as written (json.Number), true or false
}

// describeBody decodes a v2 JSON body and appends its profiles' identifiers.
func describeBody(raw []byte, ids []simulator.RequestIdentifier) (any, []simulator.RequestIdentifier) {
	body, ok := jsonvalue.Parse(raw)
	if !ok { // encoding/json decides: a json.Decoder takes the first value
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(&body) != nil {
			return nil, ids
		}
	}
	root, _ := body.(map[string]any)
	profiles, _ := root["profiles"].([]any)
	for _, p := range profiles {
		pm, _ := p.(map[string]any)
		list, _ := pm["identifiers"].([]any)
		for _, id := range list {
			m, _ := id.(map[string]any)
			t, _ := m["type"].(string)
			ids = simulator.AppendIdentifier(ids, t, simulator.Scalar(m["value"]), -1)
		}
	}
	return body, ids
}
