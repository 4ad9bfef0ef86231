package store

import (
	"sync"

	"github.com/capsim/capsim/simulator"
)

// readyCache holds customers decoded ahead for the next writer. Writes
// serialise on the store's write lock, and a writer that changes a
// customer it stored before spends most of its time there decoding the
// record (a customer with bills carries their points lots). So once a write
// that rewrote a customer commits, Update decodes the new record outside
// the lock. The next writer of that customer takes the decoded one instead
// of decoding under the lock.
//
// A decoded record depends on the record's bytes alone: a writer that takes
// one holds exactly what it would have decoded. Each entry names its record
// and is taken once (the writer changes it), and an entry whose record a
// later write replaced is never taken. The cache is bounded in entries and
// in record bytes; when full, it starts again empty.
//
// Decoding ahead pays only when the next write of the customer comes after
// the decoding ends: writes that follow each other on one customer find it
// still decoding, decode the record themselves, and a decoding ahead would
// be work done twice. So a write decodes ahead only after one that found
// the customer ready, or that wrote it for the first time over the base
// data (storedCustomer.warm); one that found it not ready yet, or not
// there, ends the run.
type readyCache struct {
	mu    sync.Mutex
	m     map[cacheKey]readyEntry
	bytes int // the records' lengths, summed
}

type readyEntry struct {
	rec string
	c   *simulator.Customer // nil while it is being decoded
}

// The bounds of readyCache: a decoded customer takes a few times its
// record's bytes on the heap.
const (
	maxReady      = 4096
	maxReadyBytes = 8 << 20
)

// put holds c, decoded from rec, as customer k's (nil: rec is being
// decoded, see fill).
func (rc *readyCache) put(k cacheKey, rec string, c *simulator.Customer) {
	if len(rec) > maxReadyBytes {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if old, ok := rc.m[k]; ok {
		rc.bytes -= len(old.rec)
	}
	if rc.m == nil || len(rc.m) >= maxReady || rc.bytes+len(rec) > maxReadyBytes {
		rc.m, rc.bytes = make(map[cacheKey]readyEntry), 0
	}
	rc.m[k] = readyEntry{rec, c}
	rc.bytes += len(rec)
}

// fill puts c, decoded from rec, in the entry put for it while it was
// being decoded, unless a writer took the entry meanwhile.
func (rc *readyCache) fill(k cacheKey, rec string, c *simulator.Customer) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e, ok := rc.m[k]; ok && e.c == nil && e.rec == rec {
		rc.m[k] = readyEntry{rec, c}
	}
}

// take returns, and forgets, customer k decoded from rec, or nil if the
// cache holds none decoded from rec yet (the entry goes all the same).
func (rc *readyCache) take(k cacheKey, rec string) *simulator.Customer {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.m[k]
	if !ok {
		return nil
	}
	delete(rc.m, k)
	rc.bytes -= len(e.rec)
	if e.rec != rec {
		return nil
	}
	return e.c // nil while still being decoded
}

// clear forgets every entry.
func (rc *readyCache) clear() {
	rc.mu.Lock()
	rc.m, rc.bytes = nil, 0
	rc.mu.Unlock()
}

// rewritten is a customer a write transaction stored again, and its new
// record.
type rewritten struct {
	k   cacheKey
	rec string
}

// rewrote notes that the transaction stored customer k again as rec
// (the last record of k counts).
func (t *Tx) rewrote(k cacheKey, rec string) {
	for i := range t.rewritten {
		if t.rewritten[i].k == k {
			t.rewritten[i].rec = rec
			return
		}
	}
	t.rewritten = append(t.rewritten, rewritten{k, rec})
}

// decodeAhead decodes the records a committed write stored again, for the
// next writer of each (readyCache). It runs outside the write lock.
func (s *Store) decodeAhead(rs []rewritten) {
	for _, r := range rs {
		s.ready.put(r.k, r.rec, nil)
	}
	for _, r := range rs {
		if c, err := decodeRecord(r.rec); err == nil {
			s.ready.fill(r.k, r.rec, c)
		}
	}
}
