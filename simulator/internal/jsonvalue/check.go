package jsonvalue

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Kinds is a set of the kinds of JSON value a Shape admits.
type Kinds uint8

// The kinds of Kinds. Integer alone admits only whole numbers; Number
// admits every number.
const (
	Bool Kinds = 1 << iota
	Integer
	Number
	String
	Array
	Object

	AllKinds = Bool | Integer | Number | String | Array | Object
)

// Shape is what Check holds a JSON text to: a schema, compiled from the
// keywords of OpenAPI 3.0 that Check knows (package contract compiles
// them, and decides which schemas Check may take). The zero Shape admits
// nothing; MaxLength and MaxItems below zero mean no bound.
type Shape struct {
	// Any admits every value but null, as an empty schema does: Check
	// reads the value (its grammar, no name twice) and nothing else.
	Any      bool
	Nullable bool  // null passes, whatever else the Shape says
	Kinds    Kinds // the kinds of value that pass (null aside)

	Enum      *Enum             // a value must be one of these, when set
	MinLength int               // in UTF-16 code units, as kin-openapi counts
	MaxLength int               // < 0: no bound
	Pattern   *regexp.Regexp    // a string must match it, when set
	StringOK  func(string) bool // a string's check of its own (a format), when set

	Min, Max                   *float64
	ExclusiveMin, ExclusiveMax bool // with Min or Max: the bound itself fails
	IntRange                   bool // an Integer-only number lies within IntMin..IntMax (its format)
	IntMin, IntMax             float64

	MinItems int
	MaxItems int    // < 0: no bound
	Items    *Shape // nil: any element

	Props    map[string]Prop // by the member's name (decoded)
	Required uint64          // the Bits of the names that must be present
	NoExtra  bool            // a member Props does not name fails
	Extra    *Shape          // a member Props does not name is held to this; nil: any

	OneOf []*Shape // of disjoint Kinds: the branch of the value's kind must pass
	AnyOf []*Shape // one must pass
	AllOf []*Shape // all must pass
}

// Enum is what an enum of strings and booleans admits (a value of
// another kind is none of them).
type Enum struct {
	Strings     []string
	True, False bool
}

// Prop is a member name's entry in a Shape.
type Prop struct {
	Shape *Shape // nil: a required name that is not a property (an extra member)
	Bit   uint64 // its bit in Required, or 0
}

// anything admits every value, null too: what an array's element or an
// extra member is held to when nothing is said of it.
var anything = &Shape{Nullable: true, Kinds: AllKinds, MaxLength: -1, MaxItems: -1}

// maxMembers bounds the names of one object Check compares with each
// other (to find a name given twice); past it Check leaves the text to
// the decoder.
const maxMembers = 256

// Check reports whether b holds one JSON value, alone but for white space,
// that passes s. It reads the text once and decodes only what s looks at:
// no value tree. false means "not shown to pass" (the text is not JSON,
// repeats a name within an object, or fails s): the caller then decides
// by decoding the value, so Check must never pass a text that ParseStrict
// refuses or that kin-openapi, given ParseStrict's value and the schema s
// was compiled from, refuses.
func Check(b []byte, s *Shape) bool {
	p := jsonParser{b: b}
	p.space()
	if !p.check(s, 0) {
		return false
	}
	p.space()
	return p.i == len(p.b)
}

func (p *jsonParser) check(s *Shape, depth int) bool {
	if p.i >= len(p.b) || depth > maxJSONDepth {
		return false
	}
	if p.b[p.i] == 'n' { // null passes a nullable schema before anything else is asked
		return s.Nullable && p.literal("null")
	}
	if s.Any {
		return p.own(anything, depth)
	}
	if len(s.OneOf)+len(s.AnyOf)+len(s.AllOf) > 0 {
		start := p.i
		if !p.xof(s, depth) {
			return false
		}
		// A branch that passed read the whole value, its grammar too: when
		// s's own keywords admit every value of its kind, reading it again
		// for them would only repeat that (and nested oneOfs would read
		// their values once per level).
		if s.ownAdmits(kindAt(p.b[start])) {
			return true
		}
		p.i = start
	}
	return p.own(s, depth)
}

// ownAdmits reports whether s's own keywords (its oneOf, anyOf and allOf
// aside) pass every well-formed value of kind k, whatever it holds.
func (s *Shape) ownAdmits(k Kinds) bool {
	switch {
	case k == Integer|Number: // a number: Integer alone admits whole ones only
		if s.Kinds&Number == 0 {
			return false
		}
	case s.Kinds&k == 0:
		return false
	}
	return s.Enum == nil && s.MinLength == 0 && s.MaxLength < 0 && s.Pattern == nil && s.StringOK == nil &&
		s.Min == nil && s.Max == nil && !s.IntRange &&
		s.MinItems == 0 && s.MaxItems < 0 && s.Items == nil &&
		len(s.Props) == 0 && s.Required == 0 && !s.NoExtra && s.Extra == nil
}

// xof checks the value at p.i against s's oneOf, anyOf and allOf, each
// reading it from its start. When they pass, p.i is past the value.
func (p *jsonParser) xof(s *Shape, depth int) bool {
	start := p.i
	if len(s.OneOf) > 0 {
		k := kindAt(p.b[p.i])
		var branch *Shape
		for _, b := range s.OneOf {
			if b.Kinds&k != 0 {
				branch = b
				break
			}
		}
		if branch == nil || !p.check(branch, depth+1) {
			return false
		}
	}
	if len(s.AnyOf) > 0 {
		ok := false
		for _, b := range s.AnyOf {
			p.i = start
			if ok = p.check(b, depth+1); ok {
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, b := range s.AllOf {
		p.i = start
		if !p.check(b, depth+1) {
			return false
		}
	}
	return true
}

// kindAt is the kind of the value that starts with c (a number counts as
// both kinds of number; null and what is not JSON as none).
func kindAt(c byte) Kinds {
	switch {
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '"':
		return String
	case c == 't' || c == 'f':
		return Bool
	case c == '-' || (c >= '0' && c <= '9'):
		return Integer | Number
	}
	return 0
}

// own checks the value at p.i (not null) against s's own keywords.
func (p *jsonParser) own(s *Shape, depth int) bool {
	switch c := p.b[p.i]; {
	case c == '{': // an enum holds strings and booleans: no object is one of them
		return s.Kinds&Object != 0 && s.Enum == nil && p.checkObject(s, depth)
	case c == '[':
		return s.Kinds&Array != 0 && s.Enum == nil && p.checkArray(s, depth)
	case c == '"':
		return s.Kinds&String != 0 && p.checkString(s)
	case c == '-' || (c >= '0' && c <= '9'):
		return s.Kinds&(Integer|Number) != 0 && p.checkNumber(s)
	case c == 't':
		return s.Kinds&Bool != 0 && (s.Enum == nil || s.Enum.True) && p.literal("true")
	case c == 'f':
		return s.Kinds&Bool != 0 && (s.Enum == nil || s.Enum.False) && p.literal("false")
	case c == 'n':
		return s.Nullable && p.literal("null")
	}
	return false
}

func (p *jsonParser) checkString(s *Shape) bool {
	v, ok := p.strBytes()
	if !ok {
		return false
	}
	if s.Enum != nil {
		found := false
		for _, e := range s.Enum.Strings {
			if string(v) == e {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if s.MinLength > 0 || s.MaxLength >= 0 {
		n := 0
		for i := 0; i < len(v); {
			r, size := utf8.DecodeRune(v[i:])
			if utf16.IsSurrogate(r) {
				n += 2
			} else {
				n++
			}
			i += size
		}
		if n < s.MinLength || (s.MaxLength >= 0 && n > s.MaxLength) {
			return false
		}
	}
	if s.Pattern != nil && !s.Pattern.Match(v) {
		return false
	}
	return s.StringOK == nil || s.StringOK(string(v))
}

// strBytes reads a string as str does, returning its bytes: plain ASCII
// is a slice of the text, not a copy.
func (p *jsonParser) strBytes() ([]byte, bool) {
	start, plain, ok := p.strSpan()
	switch {
	case !ok:
		return nil, false
	case plain:
		return p.b[start+1 : p.i-1], true
	}
	var s string
	if json.Unmarshal(p.b[start:p.i], &s) != nil {
		return nil, false
	}
	return []byte(s), true
}

func (p *jsonParser) checkNumber(s *Shape) bool {
	start := p.i
	if !p.numberEnd() || s.Enum != nil {
		return false
	}
	text := p.b[start:p.i]
	// ParseFloat keeps no part of its argument: the text need not be copied.
	v, err := strconv.ParseFloat(unsafe.String(&text[0], len(text)), 64)
	if err != nil { // out of float64's range: json.Number.Float64 fails too
		return false
	}
	if s.Kinds&Number == 0 { // integer alone
		if v != math.Trunc(v) {
			return false
		}
		if s.IntRange && (v < s.IntMin || v > s.IntMax) {
			return false
		}
	}
	if s.Min != nil && (v < *s.Min || (s.ExclusiveMin && v == *s.Min)) {
		return false
	}
	if s.Max != nil && (v > *s.Max || (s.ExclusiveMax && v == *s.Max)) {
		return false
	}
	return true
}

func (p *jsonParser) checkArray(s *Shape, depth int) bool {
	items := s.Items
	if items == nil {
		items = anything
	}
	n := 0
	p.i++ // [
	ok := p.items(']', func() bool {
		n++
		return p.check(items, depth+1)
	})
	return ok && n >= s.MinItems && (s.MaxItems < 0 || n <= s.MaxItems)
}

func (p *jsonParser) checkObject(s *Shape, depth int) bool {
	var have uint64
	var buf [48][]byte // most objects have fewer names: no allocation
	seen := buf[:0]
	p.i++ // {
	ok := p.items('}', func() bool {
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return false
		}
		name, ok := p.strBytes()
		if !ok || len(seen) >= maxMembers {
			return false
		}
		for _, n := range seen {
			if bytes.Equal(n, name) {
				return false // ParseStrict refuses a name given twice
			}
		}
		seen = append(seen, name)
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return false
		}
		p.i++
		p.space()
		prop := s.Props[string(name)]
		have |= prop.Bit
		child := prop.Shape
		if child == nil {
			if s.NoExtra {
				return false
			}
			if child = s.Extra; child == nil {
				child = anything
			}
		}
		return p.check(child, depth+1)
	})
	return ok && have&s.Required == s.Required
}
