// Package cow holds a copy-on-write map for the request path: lookups take
// no lock and hash the key's own type, writes copy the map. It suits maps
// that stop growing early (keys from small finite sets).
package cow

import (
	"sync"
	"sync/atomic"
)

// Map is a copy-on-write map. The zero value is empty and ready to use.
type Map[K comparable, V any] struct {
	mu sync.Mutex
	p  atomic.Pointer[map[K]V]
}

// Load returns the value of k, if any.
func (m *Map[K, V]) Load(k K) (V, bool) {
	if p := m.p.Load(); p != nil {
		v, ok := (*p)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

// LoadOrMake returns the value of k, storing mk() first if there is none.
func (m *Map[K, V]) LoadOrMake(k K, mk func() V) V {
	if v, ok := m.Load(k); ok {
		return v
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.p.Load()
	if old != nil {
		if v, ok := (*old)[k]; ok {
			return v
		}
	}
	n := make(map[K]V, 1+lenOf(old))
	if old != nil {
		for k, v := range *old {
			n[k] = v
		}
	}
	v := mk()
	n[k] = v
	m.p.Store(&n)
	return v
}

// Range calls fn for each key and value, in no order; what a concurrent
// store adds may be left out.
func (m *Map[K, V]) Range(fn func(K, V)) {
	if p := m.p.Load(); p != nil {
		for k, v := range *p {
			fn(k, v)
		}
	}
}

// Delete removes the keys keep refuses (all with a nil keep).
func (m *Map[K, V]) Delete(keep func(K) bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.p.Load()
	n := make(map[K]V, lenOf(old))
	if old != nil && keep != nil {
		for k, v := range *old {
			if keep(k) {
				n[k] = v
			}
		}
	}
	m.p.Store(&n)
}

func lenOf[K comparable, V any](p *map[K]V) int {
	if p == nil {
		return 0
	}
	return len(*p)
}
