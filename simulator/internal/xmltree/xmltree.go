// Package xmltree reads an XML document into a tree of elements and, when it
// cannot, says where the document broke (line and byte offset).
package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// MaxDepth is the deepest element nesting Parse accepts; deeper documents are
// refused rather than walked, so no input can exhaust the stack of a caller
// that recurses over the tree.
const MaxDepth = 64

// Element is one XML element: its local name, its text (character data
// directly inside it, trimmed) and its child elements in document order.
// Attributes, comments, processing instructions and directives are dropped:
// the v1.1 API carries every value in element text.
type Element struct {
	Name     string
	Text     string
	Children []*Element
	Line     int // the line of the start tag
}

// HasChildren reports whether e contains elements.
func (e *Element) HasChildren() bool { return len(e.Children) > 0 }

// SyntaxError is a document that is not well-formed XML, with where it broke.
type SyntaxError struct {
	Line   int   // 1-based line
	Offset int64 // byte offset from the start of the document
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("XML syntax error on line %d (byte offset %d): %s", e.Line, e.Offset, e.Msg)
}

// Parse reads one XML document from r. It fails with a *SyntaxError for a
// document that is not well formed, has text or a second element outside the
// root element, or nests deeper than MaxDepth.
func Parse(r io.Reader) (*Element, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	// Documents declare other encodings now and then (ISO-8859-1); their
	// bytes are read as they are rather than refused.
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	fail := func(offset int64, format string, args ...any) error {
		return &SyntaxError{Line: lineAt(data, offset), Offset: offset, Msg: fmt.Sprintf(format, args...)}
	}
	// lines counts lines as the decoder advances, so that numbering every
	// element costs what reading the document does.
	lines := lineCounter{data: data, line: 1}
	var (
		root  *Element
		stack []*Element
		texts []*strings.Builder
	)
	for {
		offset := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg := se.Msg
				if msg == "unexpected EOF" && len(stack) > 0 {
					msg = fmt.Sprintf("the document ends inside <%s>", stack[len(stack)-1].Name)
				}
				return nil, &SyntaxError{Line: se.Line, Offset: dec.InputOffset(), Msg: msg}
			}
			return nil, fail(dec.InputOffset(), "%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && root != nil {
				return nil, fail(offset, "a second root element <%s> after </%s>", t.Name.Local, root.Name)
			}
			if len(stack) >= MaxDepth {
				return nil, fail(offset, "elements nest deeper than %d levels", MaxDepth)
			}
			e := &Element{Name: t.Name.Local, Line: lines.at(offset)}
			if len(stack) == 0 {
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, e)
			}
			stack = append(stack, e)
			texts = append(texts, &strings.Builder{})
		case xml.EndElement:
			// The decoder has checked that the end tag matches.
			e := stack[len(stack)-1]
			e.Text = strings.TrimSpace(texts[len(texts)-1].String())
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if s := strings.TrimSpace(string(t)); s != "" {
					return nil, fail(offset, "text %q outside the root element (is this XML?)", clip(s))
				}
				continue
			}
			texts[len(texts)-1].Write(t)
		}
	}
	if len(stack) > 0 {
		return nil, fail(int64(len(data)), "the document ends inside <%s>", stack[len(stack)-1].Name)
	}
	if root == nil {
		return nil, fail(int64(len(data)), "no root element")
	}
	return root, nil
}

// lineCounter returns the lines of increasing offsets in data.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

// at returns the 1-based line of offset off, which must not be below the
// offset asked for before.
func (c *lineCounter) at(off int64) int {
	off = min(max(off, c.off), int64(len(c.data)))
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// clip shortens s for a message.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// Value returns e as a tree of M maps: its text for a leaf, else its
// children by name, a name repeated becoming a []any in document order.
func Value[M ~map[string]any](e *Element) any {
	if !e.HasChildren() {
		return e.Text
	}
	out := make(M, len(e.Children))
	for _, c := range e.Children {
		v := Value[M](c)
		switch prev := out[c.Name].(type) {
		case nil:
			out[c.Name] = v
		case []any:
			out[c.Name] = append(prev, v)
		default:
			out[c.Name] = []any{prev, v}
		}
	}
	return out
}
