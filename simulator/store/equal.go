package store

import (
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// sameFunc compares two values at a and b of one type: true only when they
// are identical (a write of one would store the other's bytes). It may
// answer false for identical values (NaNs, padding): then an unchanged
// item is written again, which costs time, never state.
type sameFunc func(a, b unsafe.Pointer) bool

var samePlans sync.Map // reflect.Type -> sameFunc

// same reports whether *a and *b are identical, as reflect.DeepEqual would
// (but nil and empty slices differ, as they encode differently, and times
// are the same instant in zones of one name and offset, which read and
// write alike), at a fraction of its cost: the comparison is planned once
// per type from its fields, so a field added later is compared too.
func same[T any](a, b *T) bool {
	return sameOf(reflect.TypeFor[T]())(unsafe.Pointer(a), unsafe.Pointer(b))
}

func sameOf(t reflect.Type) sameFunc {
	if f, ok := samePlans.Load(t); ok {
		return f.(sameFunc)
	}
	f := planSame(t)
	samePlans.Store(t, f)
	return f
}

var timeType = reflect.TypeFor[time.Time]()

func planSame(t reflect.Type) sameFunc {
	size := t.Size()
	bytesEqual := func(a, b unsafe.Pointer) bool {
		return unsafe.String((*byte)(a), size) == unsafe.String((*byte)(b), size)
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return bytesEqual // bit for bit: -0 and 0 differ, as their encodings do
	case reflect.String:
		return func(a, b unsafe.Pointer) bool { return *(*string)(a) == *(*string)(b) }
	case reflect.Struct:
		if t == timeType {
			// The same instant in a zone of the same name and offset: each
			// decoded time has a *Location of its own.
			return func(a, b unsafe.Pointer) bool {
				ta, tb := (*time.Time)(a), (*time.Time)(b)
				if *ta == *tb {
					return true
				}
				na, oa := ta.Zone()
				nb, ob := tb.Zone()
				return ta.Equal(*tb) && na == nb && oa == ob
			}
		}
		type field struct {
			off  uintptr
			same sameFunc
		}
		var fields []field
		for i := range t.NumField() {
			f := t.Field(i)
			fields = append(fields, field{f.Offset, sameOf(f.Type)})
		}
		return func(a, b unsafe.Pointer) bool {
			for _, f := range fields {
				if !f.same(unsafe.Add(a, f.off), unsafe.Add(b, f.off)) {
					return false
				}
			}
			return true
		}
	case reflect.Slice:
		elem := t.Elem()
		esize := elem.Size()
		var sameElem sameFunc
		var once sync.Once // a type may hold slices of itself
		return func(a, b unsafe.Pointer) bool {
			sa, sb := (*sliceHeader)(a), (*sliceHeader)(b)
			if sa.len != sb.len || (sa.data == nil) != (sb.data == nil) {
				return false
			}
			if sa.data == sb.data {
				return true
			}
			once.Do(func() { sameElem = sameOf(elem) })
			for i := range uintptr(sa.len) {
				if !sameElem(unsafe.Add(sa.data, i*esize), unsafe.Add(sb.data, i*esize)) {
					return false
				}
			}
			return true
		}
	default: // maps, pointers, interfaces: what DeepEqual says
		return func(a, b unsafe.Pointer) bool {
			return reflect.DeepEqual(reflect.NewAt(t, a).Elem().Interface(), reflect.NewAt(t, b).Elem().Interface())
		}
	}
}

// sliceHeader is the layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}
