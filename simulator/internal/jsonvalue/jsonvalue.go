// Package jsonvalue decodes JSON texts into the generic values encoding/json
// gives, a few times faster: request and response validation, and the v1.1
// body reader, decode every body they see.
package jsonvalue

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Parse decodes b, which must hold one JSON value and nothing but white
// space around it, into the values encoding/json gives with UseNumber:
// map[string]any, []any, json.Number, string, bool and nil. ok is false for
// anything else; callers then ask encoding/json, for its error (or for its
// leniency: a json.Decoder ignores what follows the first value).
func Parse(b []byte) (v any, ok bool) {
	p := jsonParser{b: b}
	p.space()
	v, ok = p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(b)
}

// ParseStrict is Parse for bodies a client sent: it also says when b is one
// JSON value followed by more (trailing data) or repeats a name within an
// object (which encoding/json would resolve silently, the last one winning).
// ok is false, with no problem, when Parse would fail for another reason.
func ParseStrict(b []byte) (v any, ok bool, problem string) {
	p := jsonParser{b: b}
	p.space()
	v, ok = p.value(0)
	if !ok {
		return nil, false, ""
	}
	if problem := p.problem(); problem != "" {
		return nil, false, problem
	}
	return v, true, ""
}

// problem says what ParseStrict refuses in a text whose value has been
// read: more after it, or a name given twice in one object.
func (p *jsonParser) problem() string {
	p.space()
	switch {
	case p.i != len(p.b):
		return fmt.Sprintf("trailing data after the JSON value, at byte %d: send one JSON value", p.i)
	case p.dup != "":
		return fmt.Sprintf("the name %q is given twice in one object: give it once", p.dup)
	}
	return ""
}

// jsonParser reads a JSON text from b at i.
type jsonParser struct {
	b   []byte
	i   int
	dup string // the first name found twice in one object
}

// maxJSONDepth bounds nesting; deeper bodies go to the standard decoder.
const maxJSONDepth = 1000

// space reads past white space. (Indented bodies are mostly white space:
// the loop keeps its place in locals, and most bytes end it at once.)
func (p *jsonParser) space() {
	b, i := p.b, p.i
	for i < len(b) {
		if c := b[i]; c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			break
		}
		i++
	}
	p.i = i
}

func (p *jsonParser) value(depth int) (any, bool) {
	if p.i >= len(p.b) || depth > maxJSONDepth {
		return nil, false
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		return s, ok
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, false
}

func (p *jsonParser) literal(word string) bool {
	if !bytes.HasPrefix(p.b[p.i:], []byte(word)) {
		return false
	}
	p.i += len(word)
	return true
}

// object and array loop over their items themselves, not with items: they
// decode every body validation sees, and a closure per member costs a tenth.
func (p *jsonParser) object(depth int) (any, bool) {
	p.i++ // {
	m := map[string]any{}
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return m, true
	}
	for {
		p.space()
		k, ok := p.name()
		if !ok {
			return nil, false
		}
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		if _, seen := m[k]; seen && p.dup == "" {
			p.dup = k
		}
		m[k] = v // the last of duplicate names wins, as in encoding/json
		if more, ok := p.after('}'); !ok {
			return nil, false
		} else if !more {
			return m, true
		}
	}
}

func (p *jsonParser) array(depth int) (any, bool) {
	p.i++ // [
	a := []any{}
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return a, true
	}
	for {
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		if more, ok := p.after(']'); !ok {
			return nil, false
		} else if !more {
			return a, true
		}
	}
}

// items reads the members or elements of an object or array whose opening
// bracket has been read, one at a time with one, up to and including
// closing: the loop of ParseLists and skip.
func (p *jsonParser) items(closing byte, one func() bool) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == closing {
		p.i++
		return true
	}
	for {
		p.space()
		if !one() {
			return false
		}
		if more, ok := p.after(closing); !ok {
			return false
		} else if !more {
			return true
		}
	}
}

// name reads a member's name and the colon after it, and the white space
// that follows.
func (p *jsonParser) name() (string, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	k, ok := p.str()
	if !ok {
		return "", false
	}
	p.space()
	if p.i >= len(p.b) || p.b[p.i] != ':' {
		return "", false
	}
	p.i++
	p.space()
	return k, true
}

// after reads what follows a member or an element: ',' (more follow) or
// the closing bracket (none do).
func (p *jsonParser) after(closing byte) (more, ok bool) {
	p.space()
	if p.i >= len(p.b) {
		return false, false
	}
	switch p.b[p.i] {
	case ',':
		p.i++
		return true, true
	case closing:
		p.i++
		return false, true
	}
	return false, false
}

// str reads a string. Plain ASCII is copied as it is; a string with escapes
// or other bytes is decoded by encoding/json, whose rules (invalid UTF-8 as
// U+FFFD, surrogate pairs) it keeps.
func (p *jsonParser) str() (string, bool) {
	b, ok := p.strBytes()
	return string(b), ok
}

// strSpan reads past a string: where it starts (its quote), and whether
// it is plain ASCII without escapes.
func (p *jsonParser) strSpan() (start int, plain, ok bool) {
	b, i := p.b, p.i+1 // past the "
	start, plain = p.i, true
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			p.i = i + 1
			return start, plain, true
		case c == '\\':
			plain = false
			i += 2
		case c < 0x20:
			p.i = i
			return start, false, false
		case c >= 0x80:
			plain = false
			i++
		default:
			i++
		}
	}
	p.i = i
	return start, false, false
}

// number reads a number as json.Number, checking JSON's grammar:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (any, bool) {
	start := p.i
	if !p.numberEnd() {
		return nil, false
	}
	return json.Number(p.b[start:p.i]), true
}

// numberEnd reads past a number, checking its grammar.
func (p *jsonParser) numberEnd() bool {
	if p.b[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.b) && p.b[p.i] == '0':
		p.i++
	case p.i < len(p.b) && p.b[p.i] >= '1' && p.b[p.i] <= '9':
		p.digits()
	default:
		return false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !p.digits() {
			return false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

// digits skips one or more digits and reports whether there was one.
func (p *jsonParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// ParseLists is ParseStrict for one JSON object whose lists are too long to
// hold whole: the array under each name for which list says true is not
// decoded; the text of each of its elements is passed to each, one at a
// time, once its grammar is checked (each decodes it, or not: the caller
// may know the text already), and lens says how many there were. obj holds
// the other members. ok is false, with no problem, when b is not an
// object, a list's member is not an array, each returns false, or Parse
// would fail on what ParseLists reads; problem is ParseStrict's (a listed
// name given twice counts; a name twice within an element is for each to
// find).
func ParseLists(b []byte, list func(name string) bool, each func(name string, elem []byte) bool) (obj map[string]any, lens map[string]int, ok bool, problem string) {
	p := jsonParser{b: b}
	p.space()
	if p.i >= len(b) || b[p.i] != '{' {
		return nil, nil, false, ""
	}
	p.i++
	obj, lens = map[string]any{}, map[string]int{}
	member := func() bool {
		k, ok := p.name()
		if !ok {
			return false
		}
		_, seen := obj[k]
		if _, listed := lens[k]; (seen || listed) && p.dup == "" {
			p.dup = k
		}
		if !list(k) {
			v, ok := p.value(1)
			obj[k] = v
			return ok
		}
		if p.i >= len(b) || b[p.i] != '[' {
			return false
		}
		p.i++
		n := 0
		ok = p.items(']', func() bool {
			start := p.i
			n++
			return p.skip(2) && each(k, b[start:p.i])
		})
		lens[k] = n
		return ok
	}
	if !p.items('}', member) {
		return nil, nil, false, ""
	}
	if problem := p.problem(); problem != "" {
		return nil, nil, false, problem
	}
	return obj, lens, true, ""
}

// skip reads past one value, checking the grammar Parse checks, without
// decoding it.
func (p *jsonParser) skip(depth int) bool {
	if p.i >= len(p.b) || depth > maxJSONDepth {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '{':
		p.i++
		return p.items('}', func() bool {
			if p.i >= len(p.b) || p.b[p.i] != '"' || !p.skipString() {
				return false
			}
			p.space()
			if p.i >= len(p.b) || p.b[p.i] != ':' {
				return false
			}
			p.i++
			p.space()
			return p.skip(depth + 1)
		})
	case c == '[':
		p.i++
		return p.items(']', func() bool { return p.skip(depth + 1) })
	case c == '"':
		return p.skipString()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.numberEnd()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	}
	return false
}

// skipString reads past a string, checking its escapes as encoding/json
// does (other bytes, valid UTF-8 or not, are taken as they are).
func (p *jsonParser) skipString() bool {
	p.i++ // "
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return true
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return false
			}
			switch p.b[p.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i += 2
			case 'u':
				if p.i+6 > len(p.b) {
					return false
				}
				for _, h := range p.b[p.i+2 : p.i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				p.i += 6
			default:
				return false
			}
		case c < 0x20:
			return false
		default:
			p.i++
		}
	}
	return false
}
