package v2

import (
	"strconv"
	"sync"
)

// renderCache holds rendered response bodies keyed by everything they are a
// function of (store epoch, namespace, customer id and version, query), so a
// customer read again unchanged is not rendered and encoded again. It is
// bounded: when full it starts afresh, so memory stays flat.
type renderCache struct {
	mu sync.RWMutex
	m  map[string][]byte
}

const renderCacheMax = 4096

func renderKey(epoch uint64, ns string, id, version int64, query string) string {
	return strconv.FormatUint(epoch, 36) + "\x00" + ns + "\x00" + strconv.FormatInt(id, 36) + "\x00" +
		strconv.FormatInt(version, 36) + "\x00" + query
}

func (c *renderCache) get(key string) ([]byte, bool) {
	c.mu.RLock()
	b, ok := c.m[key]
	c.mu.RUnlock()
	return b, ok
}

func (c *renderCache) put(key string, b []byte) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= renderCacheMax {
		c.m = make(map[string][]byte)
	}
	c.m[key] = b
	c.mu.Unlock()
}
