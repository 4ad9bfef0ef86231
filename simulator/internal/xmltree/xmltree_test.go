package xmltree_test

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/internal/xmltree"
)

// show writes a tree as name(text)[children] with each element's line:
// compact enough to compare in a table.
func show(e *xmltree.Element) string {
	var b strings.Builder
	var walk func(e *xmltree.Element)
	walk = func(e *xmltree.Element) {
		b.WriteString(e.Name)
		if e.Line != 1 {
			b.WriteString("@" + itoa(e.Line))
		}
		if e.Text != "" {
			b.WriteString("(" + e.Text + ")")
		}
		if e.HasChildren() {
			b.WriteString("[")
			for i, c := range e.Children {
				if i > 0 {
					b.WriteString(" ")
				}
				walk(c)
			}
			b.WriteString("]")
		}
	}
	walk(e)
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"one element", `<a>x</a>`, "a(x)"},
		{"empty element", `<a/>`, "a"},
		{"text trimmed", "<a>  \n\t x y \n</a>", "a(x y)"},
		{"children in order", `<root><b>1</b><c>2</c><b>3</b></root>`, "root[b(1) c(2) b(3)]"},
		{"lines of start tags", "<root>\n  <b>1</b>\n\n  <c>\n    <d/>\n  </c>\n</root>", "root[b@2(1) c@4[d@5]]"},
		{"text around children joins", `<a>x<b/>y</a>`, "a(xy)[b]"},
		{"predefined entities", `<a>&lt;b&gt; &amp; &quot;&apos;</a>`, `a(<b> & "')`},
		{"character references", `<a>&#65;&#x42;&#x20AC;</a>`, "a(AB€)"},
		{"CDATA kept verbatim", `<a><![CDATA[<x>&amp;]]></a>`, "a(<x>&amp;)"},
		{"attributes dropped", `<a id="1" b='2'><c x="y">v</c></a>`, "a[c(v)]"},
		{"comments, PIs and declaration dropped", `<?xml version="1.0"?><!-- c --><a><!-- x --><?pi y?><b/></a><!-- after -->`, "a[b]"},
		{"doctype dropped", `<!DOCTYPE a><a>x</a>`, "a(x)"},
		{"namespace prefix dropped", `<ns:a xmlns:ns="urn:x"><ns:b>1</ns:b></ns:a>`, "a[b(1)]"},
		{"whitespace outside the root", "\n  <a>x</a>\n\n", "a@2(x)"},
		{"declared ISO-8859-1 read as is", `<?xml version="1.0" encoding="ISO-8859-1"?><a>caf` + "\u00e9" + `</a>`, "a(caf\u00e9)"},
		{"unicode text", `<a>Überraschung 日本</a>`, "a(Überraschung 日本)"},
		{"deepest allowed nesting", strings.Repeat("<a>", xmltree.MaxDepth) + strings.Repeat("</a>", xmltree.MaxDepth),
			strings.Repeat("a[", xmltree.MaxDepth-1) + "a" + strings.Repeat("]", xmltree.MaxDepth-1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := xmltree.Parse(strings.NewReader(tc.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := show(e); got != tc.want {
				t.Fatalf("tree %s, want %s", got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		line      int
		offset    int64 // -1: not checked
		want      string
	}{
		{"empty", "", 1, 0, "no root element"},
		{"only whitespace", "  \n ", 2, 4, "no root element"},
		{"only a comment", "<!-- nothing -->", 1, 16, "no root element"},
		{"JSON", `{"root": {}}`, 1, 0, `text "{\"root\": {}}" outside the root element (is this XML?)`},
		{"text after the root", "<a/>\ntrailing", 1, 4, `text "trailing" outside the root element`},
		{"long text clipped", strings.Repeat("x", 50), 1, 0, `"` + strings.Repeat("x", 37) + `..."`},
		{"control characters in quoted text", "a\tb <a/>", 1, 0, `text "a b"`},
		{"second root", "<a></a>\n<b></b>", 2, 8, "a second root element <b> after </a>"},
		{"ends inside", "<root>\n<customer>", 2, 17, "the document ends inside <customer>"},
		{"unclosed, then closed elsewhere", "<root>\n<customer>\n<mobile>1</mobile>\n</root>", 4, -1, "element <customer> closed by </root>"},
		{"mismatched close", "<a></b>", 1, -1, "closed by </b>"},
		{"unknown entity", `<a>&nbsp;</a>`, 1, -1, "invalid character entity &nbsp;"},
		{"bare ampersand", `<a>x & y</a>`, 1, -1, "invalid character entity"},
		{"lower-than in text", `<a>1 < 2</a>`, 1, -1, "expected element name"},
		{"too deep", strings.Repeat("<a>", xmltree.MaxDepth+1), 1, int64(3 * xmltree.MaxDepth), "elements nest deeper than 64 levels"},
		{"bad attribute", `<a b=1></a>`, 1, -1, "unquoted or missing attribute value"},
		{"invalid UTF-8", "<a>\xff</a>", 1, -1, "invalid UTF-8"},
		{"NUL character", "<a>\x00</a>", 1, -1, "illegal character code U+0000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := xmltree.Parse(strings.NewReader(tc.doc))
			if err == nil {
				t.Fatalf("parsed as %s, want an error", show(e))
			}
			var se *xmltree.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if !strings.Contains(se.Msg, tc.want) {
				t.Fatalf("message %q does not say %q", se.Msg, tc.want)
			}
			if se.Line != tc.line || tc.offset >= 0 && se.Offset != tc.offset {
				t.Fatalf("line %d offset %d, want line %d offset %d", se.Line, se.Offset, tc.line, tc.offset)
			}
			if got, want := err.Error(), "XML syntax error on line "+itoa(se.Line)+" (byte offset "; !strings.HasPrefix(got, want) {
				t.Fatalf("Error() = %q, want it to start %q", got, want)
			}
		})
	}
}

// errReader fails after its data.
type errReader struct{ data string }

var errBroken = errors.New("connection broke")

func (r *errReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errBroken
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestParseReadError: a reader's error comes back as it is, not as XML syntax.
func TestParseReadError(t *testing.T) {
	_, err := xmltree.Parse(&errReader{data: "<a>"})
	if !errors.Is(err, errBroken) {
		t.Fatalf("error %v, want the reader's", err)
	}
	var se *xmltree.SyntaxError
	if errors.As(err, &se) {
		t.Fatalf("a read error reported as syntax: %v", err)
	}
}

// write serialises a tree (text before children, names without prefixes),
// escaping text: what Parse reads back as the same tree.
func write(b *strings.Builder, e *xmltree.Element) {
	b.WriteString("<" + e.Name + ">")
	_ = xml.EscapeText(b, []byte(e.Text))
	for _, c := range e.Children {
		write(b, c)
	}
	b.WriteString("</" + e.Name + ">")
}

// same reports whether two trees have the same names, texts and shape.
func same(a, b *xmltree.Element) bool {
	if a.Name != b.Name || a.Text != b.Text || len(a.Children) != len(b.Children) {
		return false
	}
	for i := range a.Children {
		if !same(a.Children[i], b.Children[i]) {
			return false
		}
	}
	return true
}

// FuzzParse: no input panics; a tree is within MaxDepth, its lines grow in
// document order, its texts are trimmed, and written back with escaped
// text it parses to the same tree; an error is a *SyntaxError (the reader
// cannot fail here) that points inside the document.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`<root><customer><mobile>44700900000</mobile></customer></root>`,
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<root>\n<a>&lt;&amp;&#65;</a><![CDATA[x<y]]></root>",
		`<ns:a xmlns:ns="u" id="1"><!-- c --><b/>text</ns:a>`,
		`<a><b></a>`, `{"root":{}}`, ``, `<a/><b/>`, `<!DOCTYPE x [<!ENTITY e "v">]><root>&e;</root>`,
		strings.Repeat("<a>", xmltree.MaxDepth+1),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		e, err := xmltree.Parse(strings.NewReader(doc))
		if err != nil {
			var se *xmltree.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if se.Line < 1 || se.Offset < 0 || se.Offset > int64(len(doc)) {
				t.Fatalf("error points outside the document (%d bytes): %v", len(doc), err)
			}
			return
		}
		if e == nil {
			t.Fatal("no tree and no error")
		}
		line, plain := 0, true
		var walk func(e *xmltree.Element, depth int)
		walk = func(e *xmltree.Element, depth int) {
			if depth > xmltree.MaxDepth {
				t.Fatalf("depth %d over MaxDepth", depth)
			}
			if e.Line < line || e.Line < 1 {
				t.Fatalf("<%s> on line %d after line %d", e.Name, e.Line, line)
			}
			line = e.Line
			if e.Text != strings.TrimSpace(e.Text) {
				t.Fatalf("<%s> text %q is not trimmed", e.Name, e.Text)
			}
			if strings.ContainsAny(e.Name, ":") {
				plain = false
			}
			for _, c := range e.Children {
				walk(c, depth+1)
			}
		}
		walk(e, 1)
		if !plain {
			return // a local name with a colon would read back as a prefix
		}
		var b strings.Builder
		write(&b, e)
		again, err := xmltree.Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("the tree written back does not parse: %v\n%s", err, b.String())
		}
		if !same(e, again) {
			t.Fatalf("the tree written back reads as another:\n%s\n%s", show(e), show(again))
		}
	})
}

var _ io.Reader = (*errReader)(nil)
