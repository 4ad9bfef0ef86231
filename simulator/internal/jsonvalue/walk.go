package jsonvalue

// Members reads b as Parse does (one JSON value, nothing but white space
// around it) without decoding it, and calls fn with the name and the text
// of each member, in order, when the value is an object: a name given
// twice is passed twice (Parse keeps the last). ok is false where Parse
// would fail on b; object is whether b holds an object.
//
// The text of a member is one well-formed value, which Members, Elements
// and Text read in turn: a caller walks to the few values it wants
// without building the tree of the rest.
func Members(b []byte, fn func(name string, value []byte)) (object, ok bool) {
	return walk(b, '{', '}', func(p *jsonParser) bool {
		k, ok := p.name()
		if !ok {
			return false
		}
		start := p.i
		if !p.skip(1) {
			return false
		}
		fn(k, b[start:p.i])
		return true
	})
}

// Elements is Members for an array: fn is called with the text of each
// element, in order; array is whether b holds an array.
func Elements(b []byte, fn func(value []byte)) (array, ok bool) {
	return walk(b, '[', ']', func(p *jsonParser) bool {
		start := p.i
		if !p.skip(1) {
			return false
		}
		fn(b[start:p.i])
		return true
	})
}

// walk reads b as Parse does; when its value opens with open, it reads
// each member or element with one, up to closing. is says whether it did.
func walk(b []byte, open, closing byte, one func(p *jsonParser) bool) (is, ok bool) {
	p := jsonParser{b: b}
	p.space()
	if p.i >= len(b) || b[p.i] != open {
		return false, p.skip(0) && p.end()
	}
	p.i++
	ok = p.items(closing, func() bool { return one(&p) })
	return true, ok && p.end()
}

// Text returns the string b holds, decoded as Parse decodes it; ok is
// false when b is not one JSON string alone but for white space.
func Text(b []byte) (s string, ok bool) {
	p := jsonParser{b: b}
	p.space()
	if p.i >= len(b) || b[p.i] != '"' {
		return "", false
	}
	if s, ok = p.str(); !ok || !p.end() {
		return "", false
	}
	return s, true
}

// end reads the white space after a value and reports whether the text
// ends there.
func (p *jsonParser) end() bool {
	p.space()
	return p.i == len(p.b)
}
