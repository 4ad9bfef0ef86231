package store

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// decodedCopy returns what decoding the encoding of *src gives (what
// decodeJSON makes of what encodeJSON made of it), without encoding or
// decoding: a deep copy that drops what the encoding drops (unexported
// fields, fields tagged "-", empty fields tagged omitempty and zero ones
// tagged omitzero), keeps nil and empty apart where the encoding does, and
// gives each time the zone and instant parsing its RFC 3339 text would. It
// answers false when it cannot tell (a string that is not UTF-8, a time
// whose offset has seconds, a type it has no plan for: an interface, an
// embedded struct, a type that encodes itself, fields whose names clash):
// then the caller decodes. A write hands the next
// writer of its customer the copy of what it stored (readyCache), at a
// fraction of a decoding's cost; TestDecodedCopyIsRoundTrip holds the two
// to the same values.
//
// Strings are shared, not copied: the store's customers hold strings of
// their own (decoded, or built by a handler), never views of a buffer.
func decodedCopy[T any](src *T) (*T, bool) {
	dst := new(T)
	if !decodedCopyTo(dst, src) {
		return nil, false
	}
	return dst, true
}

// decodedCopyTo is decodedCopy into *dst, which holds T's zero value (and
// holds something undefined after it answers false).
func decodedCopyTo[T any](dst, src *T) bool {
	plan := copyPlanOf(reflect.TypeFor[T]())
	return plan != nil && plan(unsafe.Pointer(dst), unsafe.Pointer(src))
}

// decodedAs sets *dst, which holds T's zero value, to what decoding js,
// the encoding of *src, gives: decodedCopy, else decoding.
func decodedAs[T any](dst, src *T, js []byte) error {
	if decodedCopyTo(dst, src) {
		return nil
	}
	var zero T
	*dst = zero
	return decodeJSON(js, dst)
}

// copyFunc copies the value at src to dst, which holds its type's zero
// value, as decoding its encoding would; false when it cannot.
type copyFunc func(dst, src unsafe.Pointer) bool

var (
	copyPlans sync.Map   // reflect.Type -> copyFunc (nil: no plan)
	planMu    sync.Mutex // one planner at a time
)

func copyPlanOf(t reflect.Type) copyFunc {
	if f, ok := copyPlans.Load(t); ok {
		return f.(copyFunc)
	}
	planMu.Lock()
	defer planMu.Unlock()
	if f, ok := copyPlans.Load(t); ok {
		return f.(copyFunc)
	}
	f := (&copyPlanner{made: map[reflect.Type]*madePlan{}}).plan(t)
	copyPlans.Store(t, f)
	return f
}

// copyPlanner plans the copy of one type and of the types it holds.
type copyPlanner struct {
	made map[reflect.Type]*madePlan
}

type madePlan struct {
	f    copyFunc
	done bool
}

// plan returns t's plan. A type that holds itself (through a slice, map or
// pointer) finds its own plan, while it is being made, through an
// indirection.
func (p *copyPlanner) plan(t reflect.Type) copyFunc {
	if m, ok := p.made[t]; ok {
		if m.done {
			return m.f
		}
		return func(dst, src unsafe.Pointer) bool { return m.f != nil && m.f(dst, src) }
	}
	m := &madePlan{}
	p.made[t] = m
	m.f = p.planType(t)
	m.done = true
	return m.f
}

var (
	jsonMarshaler   = reflect.TypeFor[json.Marshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textMarshaler   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// custom reports whether t encodes or decodes itself.
func custom(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(jsonMarshaler) || p.Implements(jsonUnmarshaler) ||
		p.Implements(textMarshaler) || p.Implements(textUnmarshaler)
}

func (p *copyPlanner) planType(t reflect.Type) copyFunc {
	if t == timeType {
		return func(dst, src unsafe.Pointer) bool {
			d, ok := decodedTime(*(*time.Time)(src), time.Local)
			*(*time.Time)(dst) = d
			return ok
		}
	}
	if custom(t) {
		return nil
	}
	size := t.Size()
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return func(dst, src unsafe.Pointer) bool {
			copy(unsafe.Slice((*byte)(dst), size), unsafe.Slice((*byte)(src), size))
			return true
		}
	case reflect.String:
		return func(dst, src unsafe.Pointer) bool {
			s := *(*string)(src)
			*(*string)(dst) = s
			return utf8.ValidString(s)
		}
	case reflect.Struct:
		return p.planStruct(t)
	case reflect.Pointer:
		elem := t.Elem()
		plan := p.plan(elem)
		if plan == nil {
			return nil
		}
		return func(dst, src unsafe.Pointer) bool {
			p := *(*unsafe.Pointer)(src)
			if p == nil {
				return true
			}
			q := reflect.New(elem).UnsafePointer()
			*(*unsafe.Pointer)(dst) = q
			return plan(q, p)
		}
	case reflect.Slice:
		elem := t.Elem()
		if elem.Kind() == reflect.Uint8 {
			return nil // []byte encodes as base64
		}
		plan := p.plan(elem)
		if plan == nil {
			return nil
		}
		esize := elem.Size()
		return func(dst, src unsafe.Pointer) bool {
			s := (*sliceHeader)(src)
			if s.data == nil {
				return true
			}
			d := (*sliceHeader)(dst)
			d.data = reflect.MakeSlice(t, s.len, s.len).UnsafePointer()
			d.len, d.cap = s.len, s.len
			for i := range uintptr(s.len) {
				if !plan(unsafe.Add(d.data, i*esize), unsafe.Add(s.data, i*esize)) {
					return false
				}
			}
			return true
		}
	case reflect.Array:
		plan := p.plan(t.Elem())
		if plan == nil || t.Elem().Kind() == reflect.Uint8 {
			return nil
		}
		esize, n := t.Elem().Size(), uintptr(t.Len())
		return func(dst, src unsafe.Pointer) bool {
			for i := range n {
				if !plan(unsafe.Add(dst, i*esize), unsafe.Add(src, i*esize)) {
					return false
				}
			}
			return true
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String || custom(t.Key()) {
			return nil
		}
		if t == reflect.TypeFor[map[string]string]() {
			return func(dst, src unsafe.Pointer) bool {
				m := *(*map[string]string)(src)
				if m == nil {
					return true
				}
				out := make(map[string]string, len(m))
				for k, v := range m {
					if !utf8.ValidString(k) || !utf8.ValidString(v) {
						return false
					}
					out[k] = v
				}
				*(*map[string]string)(dst) = out
				return true
			}
		}
		plan := p.plan(t.Elem())
		if plan == nil {
			return nil
		}
		return func(dst, src unsafe.Pointer) bool {
			m := reflect.NewAt(t, src).Elem()
			if m.IsNil() {
				return true
			}
			out := reflect.MakeMapWithSize(t, m.Len())
			v := reflect.New(t.Elem())
			for it := m.MapRange(); it.Next(); {
				k, e := it.Key(), reflect.New(t.Elem())
				v.Elem().Set(it.Value())
				if !utf8.ValidString(k.String()) || !plan(e.UnsafePointer(), v.UnsafePointer()) {
					return false
				}
				out.SetMapIndex(k, e.Elem())
			}
			reflect.NewAt(t, dst).Elem().Set(out)
			return true
		}
	}
	return nil // interfaces, channels, functions, complex numbers
}

// planStruct plans a struct's copy field by field, as its encoding names
// them.
func (p *copyPlanner) planStruct(t reflect.Type) copyFunc {
	type field struct {
		off   uintptr
		copy  copyFunc
		empty func(unsafe.Pointer) bool // omitempty: the field is left out when this holds
	}
	var fields []field
	names := map[string]bool{} // the fields' names, in lower case
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous {
			return nil // embedded fields are encoded as their fields are
		}
		if !f.IsExported() || tag == "-" {
			continue // never encoded: decoding leaves it zero
		}
		if strings.Contains(","+opts+",", ",string,") {
			return nil
		}
		plan := p.plan(f.Type)
		if plan == nil {
			return nil
		}
		if name == "" {
			name = f.Name
		}
		folded := strings.ToLower(name)
		if names[folded] {
			return nil // names that clash, or that decoding may mistake for each other
		}
		names[folded] = true
		fd := field{off: f.Offset, copy: plan}
		var empty, zero func(unsafe.Pointer) bool
		if strings.Contains(","+opts+",", ",omitempty,") {
			empty = emptyOf(f.Type)
		}
		if strings.Contains(","+opts+",", ",omitzero,") {
			zero = zeroOf(f.Type)
		}
		switch {
		case empty != nil && zero != nil: // left out when either says so
			fd.empty = func(p unsafe.Pointer) bool { return empty(p) || zero(p) }
		case empty != nil:
			fd.empty = empty
		default:
			fd.empty = zero
		}
		fields = append(fields, fd)
	}
	return func(dst, src unsafe.Pointer) bool {
		for _, f := range fields {
			s := unsafe.Add(src, f.off)
			if f.empty != nil && f.empty(s) {
				continue
			}
			if !f.copy(unsafe.Add(dst, f.off), s) {
				return false
			}
		}
		return true
	}
}

// emptyOf returns what omitempty calls empty for values of type t: false,
// 0 (and -0), "", nil, and slices, maps and arrays of length 0. A struct
// never is.
func emptyOf(t reflect.Type) func(unsafe.Pointer) bool {
	switch t.Kind() {
	case reflect.Struct:
		return nil
	case reflect.Array:
		n := t.Len()
		return func(unsafe.Pointer) bool { return n == 0 }
	case reflect.Map:
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Len() == 0 }
	case reflect.String:
		return func(p unsafe.Pointer) bool { return *(*string)(p) == "" }
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
	case reflect.Pointer:
		return func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
	case reflect.Float32, reflect.Float64:
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Float() == 0 }
	}
	return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() } // booleans, integers
}

// zeroOf returns what omitzero calls zero for values of type t: what its
// IsZero method says, else its zero value.
func zeroOf(t reflect.Type) func(unsafe.Pointer) bool {
	if m, ok := reflect.PointerTo(t).MethodByName("IsZero"); ok && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 && m.Type.Out(0).Kind() == reflect.Bool {
		return func(p unsafe.Pointer) bool { return m.Func.Call([]reflect.Value{reflect.NewAt(t, p)})[0].Bool() }
	}
	return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
}

// decodedTime returns what parsing t's RFC 3339 encoding gives where the
// local zone is local (time.ParseInLocation): the same instant without a
// monotonic reading, in UTC when its offset is zero (the encoding says Z),
// else in local when that has the offset at that instant, else in a zone
// of no name and that offset. It answers false for an offset with seconds,
// which the encoding drops, and for a year the encoding refuses.
func decodedTime(t time.Time, local *time.Location) (time.Time, bool) {
	_, off := t.Zone()
	sec := t.Unix()
	u := time.Unix(sec, int64(t.Nanosecond())).In(local)
	// The years 0 to 9999 where the time is, in seconds since 1970.
	const first, past = -62167219200, 253402300800
	switch {
	case sec+int64(off) < first || sec+int64(off) >= past:
		return time.Time{}, false
	case off == 0:
		return u.UTC(), true
	case off%60 != 0 || off <= -24*3600 || off >= 24*3600:
		return time.Time{}, false
	}
	if _, local := u.Zone(); local == off {
		return u, true
	}
	return u.In(fixedZone(off)), true
}

var fixedZones sync.Map // offset -> *time.Location: at most one per minute of a day either side (decodedTime)

// fixedZone returns a zone of no name and offset off, one per offset.
func fixedZone(off int) *time.Location {
	if z, ok := fixedZones.Load(off); ok {
		return z.(*time.Location)
	}
	z, _ := fixedZones.LoadOrStore(off, time.FixedZone("", off))
	return z.(*time.Location)
}
