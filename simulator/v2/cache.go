package v2

import "sync"

// renderCache holds rendered response bodies keyed by everything they are a
// function of (store epoch, namespace, customer id and version, query), so a
// customer read again unchanged is not rendered and encoded again. It is
// bounded: when full it starts afresh, so memory stays flat.
type renderCache struct {
	mu sync.RWMutex
	m  map[renderKeyT][]byte
}

// renderKeyT is what a rendered body is a function of; a struct, so that a
// lookup allocates nothing.
type renderKeyT struct {
	epoch       uint64
	ns          string
	id, version int64
	query       string
}

const renderCacheMax = 4096

func renderKey(epoch uint64, ns string, id, version int64, query string) renderKeyT {
	return renderKeyT{epoch, ns, id, version, query}
}

func (c *renderCache) get(key renderKeyT) ([]byte, bool) {
	c.mu.RLock()
	b, ok := c.m[key]
	c.mu.RUnlock()
	return b, ok
}

func (c *renderCache) put(key renderKeyT, b []byte) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= renderCacheMax {
		c.m = make(map[renderKeyT][]byte)
	}
	c.m[key] = b
	c.mu.Unlock()
}
