package v11

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzXMLText holds escapeText, which writes runs of plain bytes at once,
// to the rune-at-a-time writer it replaced (referenceXMLText).
func FuzzXMLText(f *testing.F) {
	for _, s := range []string{"", "Tom", "a&b<c>d", "cr\r lf\n tab\t", "\x00\x01\x7f", "é😀\ufffe\uffff", "\xff\xfe", `"quoted" 'it'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		escapeText(&got, s)
		referenceXMLText(&want, s)
		if got.String() != want.String() {
			t.Fatalf("escapeText(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}

// referenceXMLText is escapeText as it was first written, rune by rune.
func referenceXMLText(buf *bytes.Buffer, s string) {
	for _, r := range s {
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

// FuzzJSONString holds writeJSONString, which writes runs of plain bytes at
// once, to the byte-at-a-time writer it replaced (referenceJSONString): the
// same bytes for any string.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "Tom", `a"b\c`, "line\nbreak\r\t", "\x00\x1f\x7f", "é😀\u2028\u2029", "\xff\xfe", "<html>&amp;", "trailing\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		writeJSONString(&got, s)
		referenceJSONString(&want, s)
		if got.String() != want.String() {
			t.Fatalf("writeJSONString(%q) = %s, want %s", s, got.String(), want.String())
		}
	})
}

// referenceJSONString is writeJSONString as it was first written, byte by
// byte.
func referenceJSONString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	for i := 0; i < len(s); {
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
			case c < 0x20:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			default:
				buf.WriteByte(c)
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

// TestIndent checks indent against its definition, a line break and two
// spaces a level, at every depth to past the one it writes in one piece.
func TestIndent(t *testing.T) {
	for depth := range 2 * len(newlineIndent) {
		var b bytes.Buffer
		indent(&b, depth)
		if want := "\n" + strings.Repeat("  ", depth); b.String() != want {
			t.Fatalf("indent(%d) = %q, want %q", depth, b.String(), want)
		}
	}
}
