package store

import (
	"slices"
	"sync"

	"github.com/capsim/capsim/simulator"
)

// readyCache holds customers ready for their next writer. Writes
// serialise on the store's write lock, and a writer that changes a
// customer it stored before would spend most of its time there decoding
// the record (a customer with bills carries their points lots). So a write
// that stores a customer again copies what it stored as decoding the
// record would give it (decodedCopy, a fraction of a decoding's cost), and
// hands the copy on when it commits: the next writer of that customer
// takes it instead of decoding. A customer created by the write gets no
// copy: most are written once.
//
// A writer that takes one holds exactly what it would have decoded: each
// entry names its record, TestDecodedCopyIsRoundTrip holds decodedCopy to
// decoding, and an entry is taken once (the writer changes it). An entry
// whose record a later write replaced is never taken, and a write that
// rolls back hands nothing on. The cache is bounded in entries and in
// record bytes; when full, it starts again empty.
type readyCache struct {
	mu    sync.Mutex
	m     map[cacheKey]readyEntry
	bytes int // the records' lengths, summed
}

// readyEntry is a customer decoded from its record rec, and the index
// entries the namespace holds for that record: those Put wrote, with
// search terms or not as terms says.
type readyEntry struct {
	rec     string
	c       *simulator.Customer
	entries []kv
	terms   bool
}

// The bounds of readyCache: a decoded customer takes a few times its
// record's bytes on the heap.
const (
	maxReady      = 4096
	maxReadyBytes = 8 << 20
)

// put holds e as customer k's.
func (rc *readyCache) put(k cacheKey, e readyEntry) {
	if len(e.rec) > maxReadyBytes {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if old, ok := rc.m[k]; ok {
		rc.bytes -= len(old.rec)
	}
	if rc.m == nil || len(rc.m) >= maxReady || rc.bytes+len(e.rec) > maxReadyBytes {
		rc.m, rc.bytes = make(map[cacheKey]readyEntry), 0
	}
	rc.m[k] = e
	rc.bytes += len(e.rec)
}

// take returns, and forgets, customer k's entry for record rec, if the
// cache holds one (an entry of another record goes all the same).
func (rc *readyCache) take(k cacheKey, rec string) (readyEntry, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.m[k]
	if !ok {
		return readyEntry{}, false
	}
	delete(rc.m, k)
	rc.bytes -= len(e.rec)
	return e, e.rec == rec
}

// clear forgets every entry.
func (rc *readyCache) clear() {
	rc.mu.Lock()
	rc.m, rc.bytes = nil, 0
	rc.mu.Unlock()
}

// rewritten is a customer a write transaction stored again, and its entry
// for the next writer.
type rewritten struct {
	k cacheKey
	e readyEntry
}

// rewrote notes that the transaction stored customer k again as rec, from
// view (what the record holds, recordView), with index entries entries:
// the last record of k counts. If decodedCopy declines view, k is not
// handed on and its next writer decodes rec (an entry of an earlier
// record is never taken).
func (t *Tx) rewrote(k cacheKey, rec string, view *simulator.Customer, entries []kv, terms bool) {
	t.rewritten = slices.DeleteFunc(t.rewritten, func(r rewritten) bool { return r.k == k })
	if ready, ok := decodedCopy(view); ok {
		t.rewritten = append(t.rewritten, rewritten{k, readyEntry{rec, ready, entries, terms}})
	}
}

// handOn readies the customers a write stored again for their next
// writers. Update calls it once the write is to commit, under the write
// lock, so that the next writer finds them.
func (s *Store) handOn(rs []rewritten) {
	for _, r := range rs {
		s.ready.put(r.k, r.e)
	}
}
