package contract

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator/internal/xmltree"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// The v1.1 API takes and writes XML as often as JSON. kin-openapi has no XML
// decoder, so capsim registers one that turns a document into the value its
// JSON form decodes to, typed as the schema says: one schema then checks
// request bodies and responses in both formats.
func init() {
	openapi3filter.RegisterBodyDecoder("application/xml", XMLBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/xml", XMLBodyDecoder)
}

// XMLBodyDecoder decodes an XML body into the value of its JSON form:
// <response><status><code>200</code></status></response> becomes
// {"response": {"status": {"code": 200}}}. The schema decides each value's
// type:
//
//   - an element whose schema is (or may be, through oneOf/anyOf) an array
//     becomes a list, even when it appears once: <customer> repeated under
//     <customers> is {"customers": {"customer": [...]}};
//   - integer, number and boolean schemas parse the element's text (a text
//     that does not parse stays a string, and the schema check says so);
//   - an element without children is a string, an empty object or an empty
//     list, as its schema asks; one with children is an object.
//
// XML cannot write an empty list: a required array property that has no
// element decodes as []. Elements the schema does not describe are decoded
// by their shape (children make an object, repeats make a list).
func XMLBodyDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	root, err := xmltree.Parse(body)
	if err != nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
	}
	var s *openapi3.Schema
	if schema != nil {
		s = schema.Value
	}
	return map[string]any{root.Name: decodeElement(root, property(s, root.Name))}, nil
}

// decodeElement returns the value of e under schema s (nil: no schema): a
// list of one when s wants a list, else the element's own value.
func decodeElement(e *xmltree.Element, s *openapi3.Schema) any {
	if allowsArray(s) {
		return []any{decodeValue(e, items(s))}
	}
	return decodeValue(e, s)
}

// decodeValue returns the value of e as one item: a leaf's scalar, or the
// object of its children.
func decodeValue(e *xmltree.Element, s *openapi3.Schema) any {
	if !e.HasChildren() {
		return decodeLeaf(e.Text, s)
	}
	obj := make(map[string]any, len(e.Children))
	groups := map[string][]*xmltree.Element{}
	var order []string
	for _, c := range e.Children {
		if _, ok := groups[c.Name]; !ok {
			order = append(order, c.Name)
		}
		groups[c.Name] = append(groups[c.Name], c)
	}
	for _, name := range order {
		g := groups[name]
		ps := property(s, name)
		switch {
		case allowsArray(ps):
			list := make([]any, 0, len(g))
			for _, c := range g {
				list = append(list, decodeValue(c, items(ps)))
			}
			obj[name] = list
		case len(g) == 1:
			obj[name] = decodeValue(g[0], ps)
		default:
			// Repeated where the schema wants one value: decode the repeats
			// as a list and let the schema check report it.
			list := make([]any, 0, len(g))
			for _, c := range g {
				list = append(list, decodeValue(c, ps))
			}
			obj[name] = list
		}
	}
	fillRequiredArrays(obj, s)
	return obj
}

// fillRequiredArrays gives obj an empty list for each required array
// property of s it lacks: XML writes an empty list as no element at all.
func fillRequiredArrays(obj map[string]any, s *openapi3.Schema) {
	if s == nil {
		return
	}
	for _, name := range s.Required {
		if _, ok := obj[name]; !ok && allowsArray(property(s, name)) {
			obj[name] = []any{}
		}
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf} {
		for _, alt := range group {
			if alt != nil {
				fillRequiredArrays(obj, alt.Value)
			}
		}
	}
}

// decodeLeaf returns the value of an element without children.
func decodeLeaf(text string, s *openapi3.Schema) any {
	switch typeOf(s) {
	case openapi3.TypeObject:
		if text == "" {
			obj := map[string]any{}
			fillRequiredArrays(obj, s)
			return obj
		}
	case openapi3.TypeInteger:
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	case openapi3.TypeNumber:
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f
		}
	case openapi3.TypeBoolean:
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	}
	return text
}

// typeOf returns the type s declares, looking through oneOf, anyOf and
// allOf for the first alternative that declares one; "" if none does.
func typeOf(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	if s.Type != nil && len(*s.Type) > 0 {
		return (*s.Type)[0]
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range group {
			if alt != nil {
				if t := typeOf(alt.Value); t != "" {
					return t
				}
			}
		}
	}
	if len(s.Properties) > 0 {
		return openapi3.TypeObject
	}
	return ""
}

// allowsArray reports whether s is an array or has an array alternative.
func allowsArray(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	if s.Type != nil && s.Type.Is(openapi3.TypeArray) {
		return true
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range group {
			if alt != nil && allowsArray(alt.Value) {
				return true
			}
		}
	}
	return false
}

// items returns the item schema of the array s is or allows.
func items(s *openapi3.Schema) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if s.Type != nil && s.Type.Is(openapi3.TypeArray) {
		if s.Items != nil {
			return s.Items.Value
		}
		return nil
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range group {
			if alt != nil && allowsArray(alt.Value) {
				return items(alt.Value)
			}
		}
	}
	return nil
}

// property returns the schema of property name of object schema s, looking
// through allOf, oneOf and anyOf, then additionalProperties; nil if none.
func property(s *openapi3.Schema, name string) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if p, ok := s.Properties[name]; ok && p != nil {
		return p.Value
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range group {
			if alt != nil {
				if p := property(alt.Value, name); p != nil {
					return p
				}
			}
		}
	}
	if ap := s.AdditionalProperties.Schema; ap != nil {
		return ap.Value
	}
	return nil
}

// bodyDecodeDetail says where a request body that could not be decoded
// broke: XML errors carry their line and offset already; a JSON syntax error
// gets its byte offset, which the JSON decoder's message leaves out.
func bodyDecodeDetail(err error) string {
	var xe *xmltree.SyntaxError
	if errors.As(err, &xe) {
		return xe.Error()
	}
	var je *json.SyntaxError
	if errors.As(err, &je) {
		// Offset counts the bytes read, the offending one included.
		return fmt.Sprintf("JSON syntax error at byte offset %d: %s", max(je.Offset-1, 0), je.Error())
	}
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return fmt.Sprintf("JSON error at byte offset %d: %s", ute.Offset, ute.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the body ends before its JSON value does"
	}
	return strings.TrimSpace(err.Error())
}
