package v2

import (
	"net/http"
	"strconv"
	"sync"
)

// renderCache holds rendered response bodies keyed by everything they are a
// function of (store epoch, namespace, customer id and version, query), so a
// customer read again unchanged is not rendered and encoded again. It is
// bounded: when full it starts afresh, so memory stays flat.
type renderCache struct {
	mu sync.RWMutex
	m  map[renderKeyT]rendered
}

// rendered is a body and its Content-Length header value, shared by every
// response that reuses it (neither is ever changed).
type rendered struct {
	body []byte
	clen []string
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

func (c *renderCache) get(key renderKeyT) (rendered, bool) {
	c.mu.RLock()
	b, ok := c.m[key]
	c.mu.RUnlock()
	return b, ok
}

func (c *renderCache) put(key renderKeyT, b []byte) rendered {
	rd := rendered{body: b, clen: []string{strconv.Itoa(len(b))}}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= renderCacheMax {
		c.m = make(map[renderKeyT]rendered)
	}
	c.m[key] = rd
	c.mu.Unlock()
	return rd
}

// write writes the rendered body with status 200.
func (rd rendered) write(w http.ResponseWriter) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = rd.clen
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rd.body)
}
