package v2

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/capsim/capsim/simulator"
)

// customerKey names every input of a rendered GET /v2/customers/{id} body,
// so that a body is reused exactly while none of them changes:
//
//   - org: the configuration the body names programs, slabs and tills from
//     (fixed for a store's life; another store is another org);
//   - epoch, ns, id, version: one state of the customer (the epoch counts
//     resets, the version writes);
//   - query: what the request asks to see, parsed and checked (getQuery);
//   - clock: how many of the customer's points lots have expired by the
//     namespace's clock (Customer.ExpirySlot), the one way the clock
//     changes what renderCustomer writes (the points balances).
//
// renderCustomer takes nothing else: it reads neither the rest of the
// clock nor the requesting till. A field that comes to depend on either must
// add it here; TestRenderCacheMatchesFreshRender fails until it does.
type customerKey struct {
	org         *simulator.Org
	epoch       uint64
	ns          string
	id, version int64
	query       getQuery
	clock       int
}

// getQuery is what GET /v2/customers/{id} reads from its query string.
type getQuery struct {
	src  simulator.Source
	acct string
	emb  embeds
}

// searchKey names every input of a rendered GET /v2/customers/search body,
// so that a body is reused exactly while none of them changes:
//
//   - org: the configuration (fixed for a store's life);
//   - epoch, ns, gen: one state of the namespace as a whole
//     (store.Generation): a search reads every customer of it, so any write
//     to the namespace makes a new state;
//   - term, src, acct, limit, offset: the query, parsed and checked.
//
// The search reads nothing else: not the clock, not the requesting till.
// TestSearchCacheMatchesFreshRender checks a cached answer against a fresh
// render after writes.
type searchKey struct {
	org           *simulator.Org
	epoch, gen    uint64
	ns            string
	term, acct    string
	src           simulator.Source
	limit, offset int
}

// renderCache holds rendered response bodies by key (customerKey,
// searchKey), so an answer asked again while its inputs are unchanged is not
// rendered and encoded again. Only successful answers are kept. It is
// bounded in entries and in bytes (bodies, and the strings of a key, which a
// client may pad): when either is full it starts afresh, so memory stays
// flat. The zero value is ready; off turns it into a no-op.
type renderCache[K comparable] struct {
	mu    sync.RWMutex
	m     map[K]rendered
	bytes int
	off   bool
}

// rendered is a body and its Content-Length header value, shared by every
// response that reuses it (neither is ever changed).
type rendered struct {
	body []byte
	clen []string
}

// The render cache's bounds: entries, and bytes of bodies and key strings.
const (
	renderCacheMax      = 4096
	renderCacheMaxBytes = 32 << 20
)

func (c *renderCache[K]) get(key K) (rendered, bool) {
	if c.off {
		return rendered{}, false
	}
	c.mu.RLock()
	b, ok := c.m[key]
	c.mu.RUnlock()
	return b, ok
}

// put keeps body b under key; keyBytes is the length of the key's strings.
func (c *renderCache[K]) put(key K, b []byte, keyBytes int) rendered {
	rd := rendered{body: b, clen: []string{strconv.Itoa(len(b))}}
	if c.off {
		return rd
	}
	size := len(b) + keyBytes
	c.mu.Lock()
	if c.m == nil || len(c.m) >= renderCacheMax || c.bytes+size > renderCacheMaxBytes {
		c.m, c.bytes = make(map[K]rendered), 0
	}
	if _, dup := c.m[key]; !dup {
		c.bytes += size
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

// rawQuery reads values of a query string as url.Values.Get does, without
// parsing it into a map when it has no escapes: the hot path of a read.
type rawQuery struct {
	raw    string
	parsed url.Values
}

// Get returns the first value of name ("" if none).
func (q *rawQuery) Get(name string) string {
	if q.parsed == nil && !strings.ContainsAny(q.raw, "%+;") {
		rest := q.raw
		for rest != "" {
			var part string
			part, rest, _ = strings.Cut(rest, "&")
			if k, v, _ := strings.Cut(part, "="); k == name {
				return v
			}
		}
		return ""
	}
	if q.parsed == nil {
		q.parsed, _ = url.ParseQuery(q.raw)
	}
	return q.parsed.Get(name)
}
