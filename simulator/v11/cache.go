package v11

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
)

// readKey names every input of a rendered v1.1 read body (customer/get and
// the history reads) of one customer, so that a body is reused exactly while
// none of them changes:
//
//   - org: the configuration the body names programs, slabs, tills, stores
//     and series from (fixed for a store's life; another store is another org);
//   - epoch, ns, id, version: one state of the customer (the epoch counts
//     resets, the version writes);
//   - path and query: the operation and everything it reads from the query
//     string (identifiers, filters, options), checked before the cache is
//     asked; format: the negotiated format (query, path suffix, Accept);
//     op, lists and types: the contract operation and the JSON list and
//     type modes (--v11-json-lists, --v11-json-types or their headers),
//     which shape the JSON encoding (the mixed mode's seed is the server's);
//   - clock: where the request's time falls among the customer's instants
//     (clockSlot).
//
// A search (customer/search) reads every customer of the namespace, so its
// key names the namespace's state as a whole instead of one customer's: gen
// is its write generation (store.Generation) and id, version and clock stay
// zero (a search reads no clock); the query names q, start, rows and format.
// A read of one customer is also kept under such a key (readCache.keep),
// with the customer's instants instead of its id and version: while the
// namespace is unchanged the request finds the same customer, so the answer
// needs no transaction, only the clock's place among those instants.
// A coupon read (coupon/get) is keyed the same way: it finds its coupons
// among every customer's, and reads their holders and the org only (no
// clock); the query names the codes or ids and the details asked for.
//
// coupon/isredeemable is keyed the same way, with the requesting till (the
// store the coupon would be redeemed at), and its answer is kept with the
// instants its rules read the clock at (Customer.CouponCheckMarks), as a
// read of one customer is.
//
// A read reads nothing else: not the requesting till (but isredeemable),
// not other customers (but the reads keyed by the namespace's state). A
// render that comes to depend on anything more must add it here;
// TestReadCacheMatchesFreshRender (and the tests beside it) fails until it
// does. Requests naming several customers, items that fail or carry
// warnings, and requests a scenario injects into are rendered afresh.
type readKey struct {
	org         *simulator.Org
	epoch, gen  uint64
	ns          string
	path, query string
	format      Format
	op, lists   string
	types       string
	id, version int64
	clock       int
	// till is the requesting till, for the one read that reads it
	// (isredeemable: the store a coupon would be redeemed at).
	till string
}

// clockSlot counts the instants of c's record that are before now. A v1.1
// read depends on the clock only through such comparisons (a coupon is
// expired once its valid_till is before now; a program's points are in the
// expiry schedule until its slab expiry is), so two times with the same
// count render the same body: the set of instants before either is the same.
func clockSlot(c *simulator.Customer, now time.Time) int {
	return simulator.MarksPassed(clockMarks(c), now)
}

// clockMarks returns the instants of c clockSlot counts: the slab expiries,
// the points lots' expiries (counted at them, as Customer.ExpirySlot does)
// and the coupons' valid_till. An answer kept under its namespace's state
// keeps these, not the customer.
func clockMarks(c *simulator.Customer) []simulator.ClockMark {
	var out []simulator.ClockMark
	for i := range c.Loyalty {
		out = append(out, simulator.ClockMark{At: c.Loyalty[i].SlabExpiry, Strict: true})
		for _, l := range c.Loyalty[i].Lots {
			out = append(out, simulator.ClockMark{At: l.Expires})
		}
	}
	if c.History != nil {
		for i := range c.History.Coupons {
			out = append(out, simulator.ClockMark{At: c.History.Coupons[i].ValidTill, Strict: true})
		}
	}
	return out
}

// readCache holds rendered read bodies by readKey. Only answers whose every
// item succeeded are kept. It is bounded in entries and in bytes (bodies and
// query strings, which a client may pad): when either is full it starts
// afresh, so memory stays flat. The zero value is ready; off turns it into a
// no-op.
type readCache struct {
	mu    sync.RWMutex
	m     map[readKey]*cachedRead
	bytes int
	off   bool
}

// cachedRead is a rendered body, its headers and the codes the journal
// records for it, shared by every response that reuses it (never changed).
type cachedRead struct {
	body  []byte
	ctype []string
	clen  []string
	codes []int
	// marks are the instants of the customer a read of one customer kept
	// under its namespace's state (keep) answered of, and slot the clock's
	// place among them then (clockSlot): the answer stands while it is.
	marks []simulator.ClockMark
	slot  int
	byNS  bool
	from  time.Time // the marks hold from it on
}

// standsAt reports whether rd, kept by keep, still answers at now.
func (rd *cachedRead) standsAt(now time.Time) bool {
	return rd.byNS && !now.Before(rd.from) && simulator.MarksPassed(rd.marks, now) == rd.slot
}

// The read cache's bounds: entries, and bytes of bodies and query strings.
const (
	readCacheMax      = 4096
	readCacheMaxBytes = 32 << 20
)

func (c *readCache) get(key readKey) (*cachedRead, bool) {
	if c.off {
		return nil, false
	}
	c.mu.RLock()
	rd, ok := c.m[key]
	c.mu.RUnlock()
	return rd, ok
}

// put renders root as the answer to r in the key's format and keeps it.
func (c *readCache) put(key readKey, r *http.Request, root Obj, codes []int) *cachedRead {
	rd := renderRead(r, key.format, root, codes)
	if !c.off {
		c.store(key, rd, len(rd.body)+len(key.query)+len(key.path))
	}
	return rd
}

// stateKey returns the key of r's answer by its namespace's state (a
// search's, coupon/get's, isredeemable's with the till, and a read of one
// customer's second key). Take it before the transaction the answer comes
// from: a write bumps the generation once committed.
func (s *Server) stateKey(r *http.Request, till string) readKey {
	n, info := namespace(r), simulator.Info(r.Context())
	key := readKey{org: s.Store.Org(), ns: n, path: r.URL.Path, query: r.URL.RawQuery, format: Negotiate(r),
		op: info.OperationID, lists: info.V11JSONLists, types: info.V11JSONTypes, till: till}
	key.epoch, key.gen = s.Store.Generation(n)
	return key
}

// renderRead renders root as the answer to r in format f.
func renderRead(r *http.Request, f Format, root Obj, codes []int) *cachedRead {
	var buf bytes.Buffer
	encodeFor(&buf, r, f, root)
	return &cachedRead{body: buf.Bytes(), ctype: []string{f.ContentType()},
		clen: []string{strconv.Itoa(buf.Len())}, codes: codes}
}

// keep keeps rd also under key, which names the namespace's state rather
// than a customer's: it answers the same request while the namespace is
// unchanged and now is past the same of marks as it was (cachedRead.standsAt);
// the marks hold from the instant from on.
func (c *readCache) keep(key readKey, rd *cachedRead, marks []simulator.ClockMark, from, now time.Time) {
	if c.off || now.Before(from) {
		return
	}
	kept := *rd
	kept.marks, kept.from, kept.byNS = marks, from, true
	kept.slot = simulator.MarksPassed(marks, now)
	c.store(key, &kept, len(rd.body)+len(key.query)+len(key.path)+len(key.till)+32*len(marks))
}

// store keeps rd under key, counting size bytes towards the bound: a full
// cache starts afresh.
func (c *readCache) store(key readKey, rd *cachedRead, size int) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= readCacheMax || c.bytes+size > readCacheMaxBytes {
		c.m, c.bytes = make(map[readKey]*cachedRead), 0
	}
	if _, dup := c.m[key]; !dup {
		c.bytes += size
	}
	c.m[key] = rd
	c.mu.Unlock()
}

// write answers r with the cached body, status 200, as Reply would.
func (rd *cachedRead) write(w http.ResponseWriter, r *http.Request) {
	simulator.Info(r.Context()).AddCodes(rd.codes...)
	h := w.Header()
	h["Content-Type"] = rd.ctype
	h["Content-Length"] = rd.clen
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rd.body)
}
