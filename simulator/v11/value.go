package v11

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/capsim/capsim/simulator"
)

// Obj is an ordered object of the value tree every v1.1 response is built
// from. Keys become JSON keys and XML element names, in this order.
type Obj []Field

// Field is one key and its value. A value is a string, a number (int,
// int64, float64), a bool, nil, an Obj or a List.
type Field struct {
	Key string
	Val any
}

// List is a list value. Its key is repeated for every item in XML, which is
// how v1.1 writes lists: the field {customer: List{a, b}} of the object
// customers is {"customers": {"customer": [a, b]}} in JSON and
// <customers><customer>a</customer><customer>b</customer></customers> in XML.
// An empty list is [] in JSON and nothing at all in XML.
type List []any

// Get returns the value of key, if o has it.
func (o Obj) Get(key string) (any, bool) {
	for _, f := range o {
		if f.Key == key {
			return f.Val, true
		}
	}
	return nil, false
}

// Set replaces the value of key, or appends the field if o has no such key.
func (o Obj) Set(key string, v any) Obj {
	for i := range o {
		if o[i].Key == key {
			o[i].Val = v
			return o
		}
	}
	return append(o, Field{key, v})
}

// Reorder returns o's fields with those named in keys first, in that order,
// then the others as they were. It reorders o in place.
func (o Obj) Reorder(keys []string) Obj {
	out := make(Obj, 0, len(o))
	for _, k := range keys {
		for _, f := range o {
			if f.Key == k {
				out = append(out, f)
				break
			}
		}
	}
	for _, f := range o {
		if !slices.Contains(keys, f.Key) {
			out = append(out, f)
		}
	}
	copy(o, out)
	return o
}

// Render writes root as the body of a v1.1 response in format f, with HTTP
// status 200: {"response": root} in JSON, <response>root</response> after an
// XML declaration in XML. Every v1.1 response goes through it (or
// RenderStatus), so one value tree gives both formats.
//
// Scalars render the same way in both: a string as its text, a number in
// Go's shortest form (135, 12.5), a bool as true/false, nil as JSON null and
// an empty element. Types in JSON are what the tree holds, except for the
// fields the request's type mode types (JSONTypes, typeRows); lists are
// arrays except where the list mode writes a list of one as an object or an
// empty element as "" (JSONLists, documentedShapes).
func Render(w http.ResponseWriter, r *http.Request, f Format, root Obj) {
	RenderStatus(w, r, f, http.StatusOK, root)
}

// RenderStatus is Render with an explicit HTTP status. A JSON answer is
// shaped as the request's list and type modes and its operation's rows say
// (see JSONLists, JSONTypes); XML is the tree as it is.
func RenderStatus(w http.ResponseWriter, r *http.Request, f Format, status int, root Obj) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	encodeFor(buf, r, f, root)
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// encodeFor writes the body of the response to r for root in format f to
// buf, JSON shaped as the request's list mode and operation ask.
func encodeFor(buf *bytes.Buffer, r *http.Request, f Format, root Obj) {
	var js jsonShape
	var top *shape
	if f == FormatJSON && r != nil {
		info := simulator.Info(r.Context())
		js.mode, js.types, js.seed = JSONLists(info.V11JSONLists), JSONTypes(info.V11JSONTypes), info.V11Seed
		top = shapes()[info.OperationID]
	}
	encode(buf, f, root, &js, top)
}

// Encode writes the response body for root in format f to buf, the tree as
// it is (lists as arrays).
func Encode(buf *bytes.Buffer, f Format, root Obj) { encode(buf, f, root, &jsonShape{}, nil) }

// encode writes root in format f, JSON shaped by js from the shapes at top.
func encode(buf *bytes.Buffer, f Format, root Obj, js *jsonShape, top *shape) {
	if f == FormatJSON {
		buf.WriteString("{\n  \"response\": ")
		js.write(buf, root, top, 1)
		buf.WriteString("\n}\n")
		return
	}
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	writeXMLField(buf, "response", root, 0)
}

// ---- JSON -------------------------------------------------------------------

// newlineIndent is a line break and the indent of the deepest level
// indent writes in one piece.
const newlineIndent = "\n                                                                "

// indent starts a line at depth: two spaces a level.
func indent(buf *bytes.Buffer, depth int) {
	if n := 1 + 2*depth; n <= len(newlineIndent) {
		buf.WriteString(newlineIndent[:n])
		return
	}
	buf.WriteString(newlineIndent)
	for i := (len(newlineIndent) - 1) / 2; i < depth; i++ {
		buf.WriteString("  ")
	}
}

// write writes v, found at shape n, as JSON.
func (js *jsonShape) write(buf *bytes.Buffer, v any, n *shape, depth int) {
	switch t := v.(type) {
	case Obj:
		if js.asEmpty(n) && !hasElements(t) {
			buf.WriteString(`""`)
			return
		}
		if len(t) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteByte('{')
		for i, f := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			indent(buf, depth+1)
			writeJSONString(buf, f.Key)
			buf.WriteString(": ")
			js.write(buf, f.Val, n.child(f.Key), depth+1)
		}
		indent(buf, depth)
		buf.WriteByte('}')
	case List:
		switch {
		case len(t) == 0 && js.asEmpty(n):
			buf.WriteString(`""`)
			return
		case len(t) == 0:
			buf.WriteString("[]")
			return
		case len(t) == 1 && js.listOne(n):
			js.write(buf, t[0], n, depth)
			return
		}
		buf.WriteByte('[')
		for i, item := range t {
			if i > 0 {
				buf.WriteByte(',')
			}
			indent(buf, depth+1)
			js.write(buf, item, n, depth+1)
		}
		indent(buf, depth)
		buf.WriteByte(']')
	case nil:
		buf.WriteString("null")
	case string:
		if f, ok := js.form(n); ok && f == asNumber && numberRE.MatchString(t) {
			buf.WriteString(t)
			return
		}
		writeJSONString(buf, t)
	case int, int64, float64:
		if f, ok := js.form(n); ok && f == asText {
			writeJSONString(buf, scalarText(t))
			return
		}
		buf.WriteString(scalarText(t))
	case bool:
		buf.WriteString(scalarText(t))
	default:
		writeJSONString(buf, scalarText(t))
	}
}

// writeJSONString writes s as a JSON string. HTML characters are left as
// they are (encoding/json would write \u003c): the real API does not escape
// them, and clients compare values.
func writeJSONString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	for i := 0; i < len(s); {
		// A run of bytes written as they are, in one write.
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] < utf8.RuneSelf && s[j] != '"' && s[j] != '\\' {
			j++
		}
		if j > i {
			buf.WriteString(s[i:j])
			i = j
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case c == '\n':
				buf.WriteString(`\n`)
			case c == '\r':
				buf.WriteString(`\r`)
			case c == '\t':
				buf.WriteString(`\t`)
			default: // below 0x20
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			fmt.Fprintf(buf, `\u%04x`, r)
		default:
			buf.WriteString(s[i : i+size])
		}
		i += size
	}
	buf.WriteByte('"')
}

// ---- XML --------------------------------------------------------------------

// writeXMLField writes the element(s) for key=v: one element, or one per
// item of a list.
func writeXMLField(buf *bytes.Buffer, key string, v any, depth int) {
	if l, ok := v.(List); ok {
		for _, item := range l {
			writeXMLField(buf, key, item, depth)
		}
		return
	}
	for i := 0; i < depth; i++ {
		buf.WriteString("  ")
	}
	buf.WriteByte('<')
	buf.WriteString(key)
	buf.WriteByte('>')
	if o, ok := v.(Obj); ok {
		if hasElements(o) {
			buf.WriteByte('\n')
			for _, f := range o {
				writeXMLField(buf, f.Key, f.Val, depth+1)
			}
			for i := 0; i < depth; i++ {
				buf.WriteString("  ")
			}
		}
	} else if v != nil {
		escapeText(buf, scalarText(v))
	}
	buf.WriteString("</")
	buf.WriteString(key)
	buf.WriteString(">\n")
}

// hasElements reports whether rendering o writes any element (empty lists
// write none).
func hasElements(o Obj) bool {
	for _, f := range o {
		if l, ok := f.Val.(List); ok && len(l) == 0 {
			continue
		}
		return true
	}
	return false
}

// scalarText returns the text of a scalar, the same in JSON and XML.
func scalarText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// Num returns the text of a number as v1.1 writes numbers that the samples
// show as strings ("lifetime_points": "50").
//
// Figures are rounded to a millionth first: sums of fractional points
// (a partial return takes back a share) would otherwise show binary noise
// such as 29.804000000000002.
func Num(f float64) string {
	if r := math.Round(f*1e6) / 1e6; !math.IsInf(r, 0) && !math.IsNaN(r) {
		f = r
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Int returns the text of an integer.
func Int(n int64) string { return strconv.FormatInt(n, 10) }

// escapeText writes s as XML character data. Unlike xml.EscapeText it leaves
// quotes, apostrophes, tabs and newlines as they are: they need no escape
// in an element's text, and a reader of an error message wants
// `value "USER"`, not `value &#34;USER&#34;`. Characters XML cannot carry
// become U+FFFD, as with xml.EscapeText.
func escapeText(buf *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		// A run of bytes written as they are, in one write.
		j := i
		for j < len(s) && plainXML(s[j]) {
			j++
		}
		if j > i {
			buf.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:]) // U+FFFD for a byte that is no UTF-8
		i += size
		switch {
		case r == '&':
			buf.WriteString("&amp;")
		case r == '<':
			buf.WriteString("&lt;")
		case r == '>':
			buf.WriteString("&gt;")
		case r == '\r':
			buf.WriteString("&#xD;") // a literal CR would be read back as a newline
		case r == '\t' || r == '\n' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF):
			buf.WriteRune(r)
		default:
			buf.WriteRune('\uFFFD')
		}
	}
}

// plainXML reports whether escapeText writes byte c as it is: ASCII that
// XML text carries unescaped.
func plainXML(c byte) bool {
	return c < utf8.RuneSelf && (c >= 0x20 || c == '\t' || c == '\n') && c != '&' && c != '<' && c != '>'
}
