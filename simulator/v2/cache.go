package v2

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
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

// stateKey names a rendered read of one customer's sub-resource
// (loyaltyDetails, pointsTransfers, retroRequest), or a lookup's answer,
// by its namespace's state,
// as searchKey does: such a read may name other customers (the other side
// of a points transfer), so the customer's own version would not do.
//
//   - org, epoch, ns, gen: the configuration and the namespace's state;
//   - path and query: the operation, the customer's id and every parameter,
//     checked before the cache answers.
//
// The clock enters a body only through the points lots that have expired
// (the balances of loyaltyDetails): a kept body carries the lots' expiries
// (rendered.marks) and stands while as many of them have passed.
// TestStateCacheMatchesFreshRender follows such bodies through writes to
// the customer and to others, the clock, a reset and another org.
type stateKey struct {
	org             *simulator.Org
	epoch, gen      uint64
	ns, path, query string
}

// renderCache holds rendered response bodies by key (customerKey,
// searchKey, stateKey), so an answer asked again while its inputs are unchanged is not
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
	// marks are the points lots' expiries of the customer a body kept by
	// its namespace's state shows, and passed how many of them now was
	// past then (simulator.MarksPassed, counted as Customer.ExpirySlot
	// counts lots).
	marks  []simulator.ClockMark
	passed int
}

// lotMarks returns the expiries of c's points lots as marks (none for nil:
// an answer that reads no customer's balance).
func lotMarks(c *simulator.Customer) []simulator.ClockMark {
	if c == nil {
		return nil
	}
	var out []simulator.ClockMark
	for i := range c.Loyalty {
		for _, l := range c.Loyalty[i].Lots {
			out = append(out, simulator.ClockMark{At: l.Expires})
		}
	}
	return out
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
	return c.keep(key, rendered{body: b, clen: []string{strconv.Itoa(len(b))}}, keyBytes)
}

// keep keeps rd under key; keyBytes is the length of the key's strings.
func (c *renderCache[K]) keep(key K, rd rendered, keyBytes int) rendered {
	if c.off {
		return rd
	}
	size := len(rd.body) + keyBytes + 32*len(rd.marks)
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

// serveByState answers a read of one customer's sub-resource: from the
// state cache while its namespace is unchanged and the clock has passed as
// many of the customer's lot expiries as when it was kept; else render
// makes the answer (status 200) in a read transaction, from the customer it
// returns (nil when it shows no balance), and a success is kept.
func (s *Server) serveByState(w http.ResponseWriter, r *http.Request,
	render func(tx *store.Tx, now time.Time) (any, *simulator.Customer, error)) {
	n, now := namespace(r), s.now(r)
	key := stateKey{org: s.Store.Org(), ns: n, path: r.URL.Path, query: r.URL.RawQuery}
	key.epoch, key.gen = s.Store.Generation(n) // before the transaction the answer comes from
	if rd, ok := s.states.get(key); ok && simulator.MarksPassed(rd.marks, now) == rd.passed {
		rd.write(w)
		return
	}
	var (
		v any
		c *simulator.Customer
	)
	err := s.Store.View(n, func(tx *store.Tx) (err error) {
		v, c, err = render(tx, now)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := encodeJSON(v)
	if err != nil { // a bug in capsim, as WriteJSON says
		http.Error(w, "capsim: cannot encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	rd := rendered{body: b, clen: []string{strconv.Itoa(len(b))}, marks: lotMarks(c)}
	rd.passed = simulator.MarksPassed(rd.marks, now)
	s.states.keep(key, rd, len(key.ns)+len(key.path)+len(key.query)).write(w)
}
