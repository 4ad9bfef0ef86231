package v11

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/capsim/capsim/simulator/internal/xmltree"
)

// DefaultBatchLimit is the most items one batch may carry (customers in
// add, identifiers in get) unless Server.BatchLimit says otherwise. The real
// limit is not public (NOTES §5.3); 100 is the bound the v2 API documents
// for its lists, so a batch of 101 answers status 1060 "Batch limit
// exceeded", the catalogue's code for it.
const DefaultBatchLimit = 100

// Values is one element of a parsed v1.1 request body: its fields by name.
// A field holds a string, a Values, or a []any of those when the element is
// repeated (XML) or a list (JSON). JSON numbers, booleans and null become
// strings ("44700900000", "true"), so a value reads the same whichever
// format carried it; a JSON null is no field at all (dropJSONNulls).
type Values map[string]any

// Has reports whether v has field key.
func (v Values) Has(key string) bool {
	_, ok := v[key]
	return ok
}

// String returns the text of field key, trimmed: "" when it is absent or not
// a scalar; the first item's when it is a list.
func (v Values) String(key string) string {
	switch t := v[key].(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			if s, ok := t[0].(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// Values returns the object in field key (the first one when it is a list),
// or nil.
func (v Values) Values(key string) Values {
	switch t := v[key].(type) {
	case Values:
		return t
	case []any:
		for _, item := range t {
			if o, ok := item.(Values); ok {
				return o
			}
		}
	}
	return nil
}

// List returns the objects in field key: the items of a list, or the one
// object clients send where a list is expected ({"customer": {...}}).
// Items that are not objects are skipped.
func (v Values) List(key string) []Values {
	switch t := v[key].(type) {
	case Values:
		return []Values{t}
	case []any:
		out := make([]Values, 0, len(t))
		for _, item := range t {
			if o, ok := item.(Values); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// Items returns the objects item under the object container: Items("notes",
// "note") reads {"notes": {"note": [...]}} and <notes><note/>...</notes>.
func (v Values) Items(container, item string) []Values {
	return v.Values(container).List(item)
}

// Pair is one {name, value} entry of a field or attribute list.
type Pair struct{ Name, Value string }

// Pairs returns the name/value entries of a list such as
// custom_fields.field or attributes.attribute, skipping entries without a
// name. An entry without a value (<value /> or no value key) has "".
func (v Values) Pairs(container, item string) []Pair {
	var out []Pair
	for _, e := range v.Items(container, item) {
		name := e.String("name")
		if name == "" {
			continue
		}
		out = append(out, Pair{Name: name, Value: e.String("value")})
	}
	return out
}

// bodyFormat says how to read a request body: by its Content-Type when it
// names JSON or XML, else by its first non-space byte ('<' is XML).
func bodyFormat(contentType string, body []byte) Format {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return FormatJSON
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
		return FormatXML
	}
	if b := bytes.TrimLeft(body, " \t\r\n\ufeff"); len(b) > 0 && b[0] == '<' {
		return FormatXML
	}
	return FormatJSON
}

// JSONOptions are the server's defaults for v1.1 JSON answers.
type JSONOptions struct {
	// Lists is the list mode (--v11-json-lists); "" follows Types
	// (ResolveJSONLists).
	Lists JSONLists
	// Types is the type mode (--v11-json-types); "" is JSONTypesObserved.
	Types JSONTypes
	// Seed drives JSONTypesMixed (--seed).
	Seed int64
}

// Prepare readies a v1.1 request for the contract and the handlers. The
// format may come as a path suffix (customer/get.json): it is kept in the
// request's info and stripped, so one route serves every form. The query
// is repaired the way the docs' examples write it (normalizeQuery), a body
// without a JSON or XML Content-Type gets the one its content implies
// (NormalizeContentType), and a JSON body's nulls are dropped for the
// contract (dropJSONNulls). The JSON type and list modes are the request's
// X-Capsim-V11-Json-Types and X-Capsim-V11-Json-Lists headers, else opts;
// an unknown mode is refused with status 400 naming the header. The server
// calls Prepare for every /v1.1/ request before routing, once the body is
// read.
func Prepare(r *http.Request, opts JSONOptions) *simulator.Error {
	info := simulator.Info(r.Context())
	types, lists := opts.Types, opts.Lists
	if types == "" {
		types = JSONTypesObserved
	}
	if h := r.Header.Get(HeaderJSONTypes); h != "" {
		m, err := ParseJSONTypes(h)
		if err != nil {
			return simulator.Errorf(simulator.CodeInvalidInput).WithDetail("header %s: %s", HeaderJSONTypes, err)
		}
		types = m
	}
	if h := r.Header.Get(HeaderJSONLists); h != "" {
		m, err := ParseJSONLists(h)
		if err != nil {
			return simulator.Errorf(simulator.CodeInvalidInput).WithDetail("header %s: %s", HeaderJSONLists, err)
		}
		lists = m
	}
	info.V11JSONTypes, info.V11Seed = string(types), opts.Seed
	info.V11JSONLists = string(ResolveJSONLists(lists, types))
	for _, ext := range []string{".json", ".xml"} {
		if strings.HasSuffix(r.URL.Path, ext) {
			info.Format = ext[1:]
			r.URL.Path = strings.TrimSuffix(r.URL.Path, ext)
			r.URL.RawPath = ""
		}
	}
	if f, ok := mediaFormat(r.Header.Get("Content-Type")); ok {
		info.ContentFormat = string(f)
	}
	normalizeQuery(r.URL)
	NormalizeContentType(r)
	dropJSONNulls(r, info)
	return nil
}

// dropJSONNulls gives the contract a JSON body without its null members:
// serializers such as System.Text.Json write null for every unset
// property, and the real API reads a null field as an absent one, not as a
// bad value. The body the journal and the handlers read (info.Body) stays
// as the client sent it; the handlers' reader drops nulls too (fromJSON).
func dropJSONNulls(r *http.Request, info *simulator.RequestInfo) {
	body := info.Body
	if len(body) == 0 || !bytes.Contains(body, []byte("null")) {
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return
	}
	v, ok := jsonvalue.Parse(body)
	if !ok {
		return // malformed: the contract says where
	}
	v, changed := withoutNulls(v)
	if !changed {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.ContentLength = int64(len(b))
}

// withoutNulls returns v without the null members of its objects and the
// null items of its lists, and whether it had any.
func withoutNulls(v any) (any, bool) {
	changed := false
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if x == nil {
				delete(t, k)
				changed = true
				continue
			}
			var c bool
			if t[k], c = withoutNulls(x); c {
				changed = true
			}
		}
	case []any:
		out := t[:0]
		for _, x := range t {
			if x == nil {
				changed = true
				continue
			}
			x, c := withoutNulls(x)
			changed = changed || c
			out = append(out, x)
		}
		return out, changed
	}
	return v, changed
}

// queryParamRE matches a query-string segment that is a parameter of its own.
var queryParamRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*=`)

// normalizeQuery repairs two things in a query the docs teach clients to
// send unencoded. ";" separates RANGE and IN values
// (q=loyalty_points:RANGE:100;200), but Go drops a query pair holding a
// raw ";": it is encoded as %3B. "&" joins search conditions
// (q=firstname:STARTS:T&lastname:EXACT:Sawyer), which splits q: segments
// after q= that are not name=value parameters are joined back into q.
func normalizeQuery(u *url.URL) {
	raw := u.RawQuery
	if raw == "" {
		return
	}
	raw = strings.ReplaceAll(raw, ";", "%3B")
	segs := strings.Split(raw, "&")
	out := make([]string, 0, len(segs))
	inQ := false
	for _, seg := range segs {
		switch {
		case strings.HasPrefix(seg, "q="):
			inQ = true
		case inQ && seg != "" && !queryParamRE.MatchString(seg):
			out[len(out)-1] += "%26" + seg
			continue
		default:
			inQ = false
		}
		out = append(out, seg)
	}
	u.RawQuery = strings.Join(out, "&")
}

// NormalizeContentType gives a v1.1 request body that does not say it is
// JSON or XML the Content-Type its first non-space byte implies, so the
// contract checks it as what it is: clients send v1.1 bodies with no
// Content-Type, as text/plain, or as curl's default
// application/x-www-form-urlencoded. The body is read and put back; a read
// error (a body over the size limit) is put back too, for the next reader.
func NormalizeContentType(r *http.Request) {
	if r.Body == nil || r.Body == http.NoBody {
		return
	}
	ct := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	switch {
	case mt == "application/json", mt == "application/xml", mt == "text/xml":
		return
	}
	body := simulator.Info(r.Context()).Body
	if body == nil {
		var err error
		body, err = io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return
	}
	if bodyFormat(ct, body) == FormatXML {
		r.Header.Set("Content-Type", "application/xml")
	} else {
		r.Header.Set("Content-Type", "application/json")
	}
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// ReadBody parses r's body, JSON ({"root": {...}}) or XML (<root>...</root>),
// and returns the object under the root. The contract has checked the body
// already; ReadBody still says where a body it cannot read broke.
//
// A body is parsed once per request: the scenario engine's description and
// the handler share the parse (nothing writes to Values).
func ReadBody(r *http.Request) (Values, *simulator.Error) {
	info := simulator.Info(r.Context())
	if v, ok := info.Decoded.(Values); ok {
		return v, nil
	}
	v, err := readBody(r, info.Body)
	if err == nil {
		info.Decoded = v
	}
	return v, err
}

// readBody parses body (read once by the server), or r's body when the
// server read none.
func readBody(r *http.Request, body []byte) (Values, *simulator.Error) {
	if body == nil {
		if r.Body == nil {
			return nil, invalid("the request has no body")
		}
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, invalid("request body: %v", err)
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, invalid("the request body is empty")
	}
	if bodyFormat(r.Header.Get("Content-Type"), body) == FormatXML {
		root, err := xmltree.Parse(bytes.NewReader(body))
		if err != nil {
			return nil, invalid("request body: %v", err)
		}
		v, _ := fromXML(root).(Values)
		if v == nil {
			v = Values{}
		}
		return v, nil
	}
	raw, ok := jsonvalue.Parse(body)
	if !ok { // encoding/json decides: it has the error, or takes the first value
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return nil, invalid("request body: JSON syntax error at byte offset %d: %v", max(se.Offset-1, 0), err)
			}
			return nil, invalid("request body: %v", err)
		}
	}
	top, ok := fromJSON(raw).(Values)
	if !ok {
		return nil, invalid("request body: want a JSON object {\"root\": {...}}")
	}
	if root, ok := top["root"]; ok {
		v, ok := root.(Values)
		if !ok {
			return nil, invalid("request body: root is not an object")
		}
		return v, nil
	}
	return top, nil
}

// ReadItems returns the objects named key under the root of r's body
// (root.customer[]), refusing a body without any (status 400) and one with
// more than limit (status 1060).
func ReadItems(r *http.Request, key string, limit int) ([]Values, *simulator.Error) {
	root, err := ReadBody(r)
	if err != nil {
		return nil, err
	}
	items := root.List(key)
	if len(items) == 0 {
		return nil, invalid("the request body has no root.%s", key)
	}
	if limit > 0 && len(items) > limit {
		return nil, simulator.Errorf(simulator.CodeBatchLimitExceeded).
			WithDetail("%d items in root.%s; at most %d are allowed", len(items), key, limit)
	}
	return items, nil
}

// invalid returns the generic 400 with a detail.
func invalid(format string, args ...any) *simulator.Error {
	return simulator.Errorf(simulator.CodeInvalidInput).WithDetail(format, args...)
}

// fromXML converts an element to a request value: text for a leaf, Values
// for an element with children (repeated children become a list).
func fromXML(e *xmltree.Element) any { return xmltree.Value[Values](e) }

// fromJSON converts a decoded JSON value to a request value: objects are
// Values, numbers and booleans their text, nulls absent (dropJSONNulls).
// It converts v in place (a decoded body is the reader's own): a map
// becomes Values as it is, and a list keeps its array.
func fromJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if x == nil {
				delete(t, k) // null is absent (dropJSONNulls)
				continue
			}
			t[k] = fromJSON(x)
		}
		return Values(t)
	case []any:
		out := t[:0]
		for _, x := range t {
			if x != nil {
				out = append(out, fromJSON(x))
			}
		}
		clear(t[len(out):])
		return out
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return ""
	case string:
		return t
	}
	return fmt.Sprint(v)
}
