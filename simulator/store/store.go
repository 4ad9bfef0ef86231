// Package store keeps capsim's state in buntdb: customers and their identifier
// and search indexes, per namespace, in memory by default or in a file.
//
// The base data (fixtures plus generated customers) is held once, in memory,
// as sorted key/value entries. A namespace is an overlay on it: it stores
// only what it changed, so creating one writes a single key whatever the base
// size (copy-on-write). A customer written in a namespace shadows its base
// record and every base index entry of it. Writes go through Update, whose
// transaction is exclusive, so check-then-write handler logic (is this
// identifier free? then register) is atomic.
package store

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// DefaultNamespace is the namespace of requests that name none.
const DefaultNamespace = "default"

// ErrNotFound is returned for a customer id that does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadNamespace is returned for a namespace name that is not allowed.
var ErrBadNamespace = errors.New("namespace names are 1-64 letters, digits, '.', '_' or '-'")

// ErrTooManyNamespaces is returned when a new namespace would pass the limit.
var ErrTooManyNamespaces = errors.New("too many namespaces; drop idle ones with DELETE /__admin/namespaces/{name}")

// DefaultMaxNamespaces is the namespace limit when Options name none: enough
// for every CI job sharing an instance; a namespace costs only what it changed.
const DefaultMaxNamespaces = 256

// DefaultNamespaceTTL is how long a namespace may stay unused before it is
// dropped, when Options name no time.
const DefaultNamespaceTTL = time.Hour

// ErrReservedNamespace is returned for a name the store keeps for itself.
var ErrReservedNamespace = errors.New("store: the namespace name is reserved for capsim's own keys (" + reservedNamespace + "); choose another")

// reservedNamespace is the prefix of the store's own keys (baseKey): a
// namespace of that name would share them.
const reservedNamespace = "capsim"

// ValidNamespace reports whether name can name a namespace.
func ValidNamespace(name string) bool { return CheckNamespace(name) == nil }

// CheckNamespace says why name cannot name a namespace (nil if it can).
func CheckNamespace(name string) error {
	if !simulator.IsName(name) {
		return ErrBadNamespace
	}
	if name == reservedNamespace {
		return ErrReservedNamespace
	}
	return nil
}

// sep separates the parts of index keys; identifier values may not contain it.
const sep = "\x1f"

// Keys of a namespace are its name followed by one of these relative keys.
const (
	metaKey    = ":meta:loaded" // when the namespace was created (RFC 3339)
	ownerKey   = ":meta:owner"  // the credential that owns it (absent: none)
	custPrefix = ":c:"
)

// baseKey is the key, outside every namespace, naming the base data a file
// store was written over.
const baseKey = reservedNamespace + ":base"

// lazyTermsKey marks a file whose namespaces write their search terms once
// searched (termsKey); a file without it was written by a capsim that kept
// them at every write.
const lazyTermsKey = reservedNamespace + ":lazy-terms"

// Store is the simulator's state. It is safe for concurrent use.
type Store struct {
	db   *buntdb.DB
	lock *fileLock // held while a file store is open
	org  *simulator.Org

	terms    func(*simulator.Customer) []Term
	complete func(*simulator.Customer)
	// takeCustomers: setBase may clear the customers it serialised.
	takeCustomers bool
	base          *baseTable // the base data, sorted by key
	baseID        string     // the base data's name (Options.BaseID)
	baseIDs       []int64    // the base customers' ids, sorted
	baseNext      int64      // the first id a new customer gets in a fresh namespace

	now      func() time.Time
	mu       sync.RWMutex
	spaces   map[string]*namespace // namespaces present in db
	max      int                   // the most namespaces at once
	perOwner int                   // the most one owner holds at once
	owners   map[string]int        // namespaces held by each owner but ""
	ttl      time.Duration         // idle time after which a namespace goes (<= 0: never)
	onExpire func(ns string)       // see OnExpire

	snaps snapshots

	cache customerCache // decoded customers, read-only
	lists listCache     // customers' bills and redemptions as stored (history.go)
	ready readyCache    // customers written again, ready for their next writer (ready.go)

	// epoch increases on every reset, drop and restore: with a customer's
	// id and version it names one state of that customer for caches
	// outside the store.
	epoch atomic.Uint64

	gens generations // write generation of each namespace (Generation)

	stop chan struct{}
	done chan struct{}
}

type kv struct{ k, v string }

// namespace is what the store keeps in memory about a namespace.
type namespace struct {
	created  time.Time
	owner    string       // the credential it belongs to ("" none)
	lastUsed atomic.Int64 // unix nanoseconds
}

// Options configure Open.
type Options struct {
	// Path is the buntdb file, or ":memory:" (the default) for none.
	Path string
	// Org is the organisation's configuration (programs, tills, ...).
	Org *simulator.Org
	// Customers are the base data every namespace starts from.
	Customers []simulator.Customer
	// Generated, if set, yields more base customers after Customers, one
	// at a time: they are packed as they come, never all held at once.
	Generated iter.Seq[simulator.Customer]
	// Packed, if set, is the base data in the form PackedBase returns, made
	// of the same Customers and Generated: Open takes it instead of packing
	// them again, and ignores them.
	Packed string
	// TakeCustomers lets Open clear Customers as it serialises them, so
	// that a large base needs less memory to start.
	TakeCustomers bool
	// BaseID names the base data (seed, size, fixtures): a file store
	// written over other base data is refused, not mixed with it.
	BaseID string
	// Terms returns a customer's attribute terms for Tx.Terms (none if nil).
	Terms func(*simulator.Customer) []Term
	// Complete, if set, adds to a base customer what its stored record
	// leaves out (a generated history, say) whenever one is read from the
	// base data: the base holds each customer small, and what is derived
	// from the seed is made on first touch. Index entries are made from the
	// customers as given: Terms makes what it needs of the rest.
	Complete func(*simulator.Customer)
	// MaxNamespaces limits the namespaces in use at once (DefaultMaxNamespaces if zero).
	MaxNamespaces int
	// MaxPerOwner limits the namespaces one owner (credential) holds at
	// once (a quarter of MaxNamespaces, at least 1, if zero), so that one
	// client cannot take every slot.
	MaxPerOwner int
	// NamespaceTTL is how long a namespace may stay unused before it is
	// dropped (DefaultNamespaceTTL if zero, never if negative). The default
	// namespace never expires.
	NamespaceTTL time.Duration
	// MaxSnapshots limits the snapshots kept at once (DefaultMaxSnapshots if zero).
	MaxSnapshots int
	// Recover moves a damaged file aside (to Path.damaged-TIME) and starts
	// with an empty one instead of failing.
	Recover bool
	// Now is the wall clock of namespace expiry (time.Now if nil).
	Now func() time.Time
}

// Open opens the store. With a file path, namespaces already in the file keep
// their state; others start from the base data. A file store is locked: a
// second Open of the same file, in this process or another, fails.
func Open(opts Options) (s *Store, err error) {
	path := opts.Path
	if path == "" {
		path = ":memory:"
	}
	s = &Store{baseID: opts.BaseID, org: opts.Org, terms: opts.Terms, complete: opts.Complete, takeCustomers: opts.TakeCustomers, spaces: map[string]*namespace{}, max: opts.MaxNamespaces, perOwner: opts.MaxPerOwner, owners: map[string]int{},
		ttl: opts.NamespaceTTL, now: opts.Now, stop: make(chan struct{}), done: make(chan struct{})}
	if s.max <= 0 {
		s.max = DefaultMaxNamespaces
	}
	if s.perOwner <= 0 {
		s.perOwner = max(s.max/4, 1)
	}
	if s.ttl == 0 {
		s.ttl = DefaultNamespaceTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.org == nil {
		s.org = &simulator.Org{}
	}
	s.snaps.init(opts.MaxSnapshots)
	if path != ":memory:" {
		var lock *fileLock
		if lock, err = lockFile(path); err != nil {
			return nil, err
		}
		s.lock = lock
		defer func() {
			if err != nil {
				lock.Close()
			}
		}()
	}
	if err := s.openBase(&opts); err != nil {
		return nil, err
	}
	if s.db, err = openDB(path, opts.Recover, s.lock); err != nil {
		return nil, err
	}
	if err := s.load(opts.BaseID); err != nil {
		s.db.Close()
		return nil, err
	}
	go s.expireLoop()
	return s, nil
}

// openDB opens the buntdb file at path, moving it aside first if it is
// damaged and recover is set (lock then moves to the new file).
func openDB(path string, recover bool, lock *fileLock) (*buntdb.DB, error) {
	db, err := buntdb.Open(path)
	if err == nil || path == ":memory:" {
		return db, err
	}
	if !errors.Is(err, buntdb.ErrInvalid) {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if !recover {
		return nil, fmt.Errorf("%s is damaged (%v) and was not loaded: move it aside (mv %s %s.bad) "+
			"and start again, or start with --db-recover, which does that for you", path, err, path, path)
	}
	aside := path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Rename(path, aside); err != nil {
		return nil, fmt.Errorf("%s is damaged and cannot be moved aside: %w", path, err)
	}
	if err := lock.relock(); err != nil {
		return nil, err
	}
	db, err = buntdb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// load reads the namespaces a file store holds and checks that it was
// written over the same base data, then makes sure the default namespace exists.
func (s *Store) load(baseID string) error {
	err := s.db.Update(func(tx *buntdb.Tx) error {
		old, err := tx.Get(baseKey)
		if err == nil && old != baseID {
			return fmt.Errorf("the file was written over other base data (%s), not this one (%s): "+
				"start with the --seed, --customers and --fixtures it was written with, or move it aside to start afresh", old, baseID)
		}
		written := err == nil // the file holds namespaces already
		if _, _, err := tx.Set(baseKey, baseID, nil); err != nil {
			return err
		}
		if _, err := tx.Get(lazyTermsKey); err != nil {
			if written {
				// Written by a capsim that kept every customer's search
				// terms at every write: its namespaces hold them all.
				var spaces []string
				_ = tx.AscendKeys("*"+metaKey, func(k, _ string) bool {
					spaces = append(spaces, strings.TrimSuffix(k, metaKey))
					return true
				})
				for _, ns := range spaces {
					if _, _, err := tx.Set(ns+termsKey, termsOn, nil); err != nil {
						return err
					}
				}
			}
			if _, _, err := tx.Set(lazyTermsKey, "1", nil); err != nil {
				return err
			}
		}
		now := s.now()
		err = tx.AscendKeys("*"+metaKey, func(k, v string) bool {
			created, err := time.Parse(time.RFC3339, v)
			if err != nil {
				created = now
			}
			ns := &namespace{created: created}
			ns.lastUsed.Store(now.UnixNano())
			s.spaces[strings.TrimSuffix(k, metaKey)] = ns
			return true
		})
		if err != nil {
			return err
		}
		return tx.AscendKeys("*"+ownerKey, func(k, v string) bool {
			if ns := s.spaces[strings.TrimSuffix(k, ownerKey)]; ns != nil && ns.owner == "" {
				ns.owner = v
				s.countOwner(v, 1)
			}
			return true
		})
	})
	if err != nil {
		return err
	}
	_, err = s.Ensure(DefaultNamespace)
	return err
}

// Close stops namespace expiry and closes the store, flushing a file store
// to disk and releasing its lock.
func (s *Store) Close() error {
	select {
	case <-s.stop:
		return nil
	default:
	}
	close(s.stop)
	<-s.done
	err := s.db.Close()
	if s.lock != nil {
		s.lock.Close()
	}
	return err
}

// Org returns the organisation's configuration. Callers must not change it.
func (s *Store) Org() *simulator.Org { return s.org }

// freeAfterBase is the base size above which setBase returns the memory
// start-up freed to the system.
const freeAfterBase = 20_000

// setBase serialises the base customers once, as sorted entries relative to
// a namespace, so that every namespace reads them without a copy: first
// customers, then what more yields, one at a time. The customers are cut
// into chunks that every core serialises, sorts and packs while the next
// are made; then one pass merges the packed chunks. Only a few chunks are
// ever held as customers or as separate strings, so start-up needs little
// more than the packed size, however many customers more yields.
func (s *Store) setBase(customers []simulator.Customer, more iter.Seq[simulator.Customer]) error {
	// The packed data lives outside the Go heap (see baseTable), so the
	// collector's target follows only what is in flight; the end of a
	// large start-up hands what it freed back to the system (a small one
	// leaves that to the caller: a full collection is most of its cost).
	defer func() {
		if len(s.baseIDs) > freeAfterBase {
			debug.FreeOSMemory()
		}
	}()

	const chunkSize = 2000
	type job struct {
		n     int                  // the chunk's place in the order
		cs    []simulator.Customer // the chunk's customers
		owned bool                 // cs is setBase's own buffer
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan job, workers)
	free := make(chan []simulator.Customer, 2*workers+1) // buffers to reuse
	var (
		mu       sync.Mutex
		chunks   []*baseTable
		firstErr error
	)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p packer
			for j := range jobs {
				var t *baseTable
				err := s.pack(&p, j.cs)
				if err == nil {
					t = p.table()
				}
				if j.owned || s.takeCustomers {
					clear(j.cs) // serialised: their memory can go before the merge
				}
				if j.owned {
					select {
					case free <- j.cs[:0]:
					default:
					}
				}
				mu.Lock()
				for len(chunks) <= j.n {
					chunks = append(chunks, nil)
				}
				chunks[j.n] = t
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}

	s.baseIDs = make([]int64, 0, len(customers))
	var next int64 = 1
	var badID *int64
	note := func(id int64) {
		if (id < 0 || id > maxBaseID) && badID == nil {
			badID = &id
		}
		s.baseIDs = append(s.baseIDs, id)
		if id >= next {
			next = id + 1
		}
	}
	n := 0
	for i := 0; i < len(customers); i += chunkSize {
		cs := customers[i:min(len(customers), i+chunkSize)]
		for j := range cs {
			note(cs[j].ID)
		}
		jobs <- job{n: n, cs: cs}
		n++
	}
	if more != nil {
		var buf []simulator.Customer
		for c := range more {
			if buf == nil {
				select {
				case buf = <-free:
				default:
					buf = make([]simulator.Customer, 0, chunkSize)
				}
			}
			note(c.ID)
			if buf = append(buf, c); len(buf) == chunkSize {
				jobs <- job{n: n, cs: buf, owned: true}
				n, buf = n+1, nil
			}
		}
		if len(buf) > 0 {
			jobs <- job{n: n, cs: buf, owned: true}
		}
	}
	close(jobs)
	wg.Wait()
	if badID != nil {
		return fmt.Errorf("base data: customer id %d: base customer ids lie in 0..%d", *badID, int64(maxBaseID))
	}
	if firstErr != nil {
		return firstErr
	}
	slices.Sort(s.baseIDs)
	for i := 1; i < len(s.baseIDs); i++ {
		if s.baseIDs[i] == s.baseIDs[i-1] {
			return fmt.Errorf("base data: customer %d appears twice", s.baseIDs[i])
		}
	}
	s.baseIDs = slices.Clip(s.baseIDs)
	s.baseNext = next
	base, err := mergeTables(chunks, workers)
	if err != nil {
		return err
	}
	s.base = base
	return nil
}

// pack adds customers to p, each record and its index keys, relative to
// a namespace: a namespace that writes a customer hides every entry of it.
func (s *Store) pack(p *packer, customers []simulator.Customer) error {
	for i := range customers {
		c := customers[i]
		if c.Version == 0 {
			c.Version = 1
		}
		b, err := encodeJSON(&c)
		if err != nil {
			return err
		}
		if err := p.add(customerKey("", c.ID), unsafe.String(unsafe.SliceData(b), len(b)), c.ID); err != nil {
			return err
		}
		for _, e := range s.indexEntries("", &c) {
			if err := p.add(e.k, e.v, c.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// inBase reports whether id is a base customer.
func (s *Store) inBase(id int64) bool {
	i := sort.Search(len(s.baseIDs), func(i int) bool { return s.baseIDs[i] >= id })
	return i < len(s.baseIDs) && s.baseIDs[i] == id
}

// Epoch returns the reset counter: a customer's (epoch, namespace, id,
// version) names one state of it, so a rendered response can be reused for
// as long as all four are the same.
func (s *Store) Epoch() uint64 { return s.epoch.Load() }

// View runs fn in a read-only transaction on namespace ns. Customers it reads
// are shared: fn must not change them (Clone first). A read creates no
// namespace: one not there reads as a new one would, the base data.
func (s *Store) View(ns string, fn func(tx *Tx) error) error {
	if !s.touch(ns) {
		if err := CheckNamespace(ns); err != nil {
			return err
		}
	}
	return s.db.View(func(btx *buntdb.Tx) error {
		return fn(&Tx{tx: btx, ns: ns, s: s})
	})
}

// Update runs fn in a read-write transaction on namespace ns. If fn returns an
// error nothing it wrote is kept.
func (s *Store) Update(ns string, fn func(tx *Tx) error) error {
	if _, err := s.Ensure(ns); err != nil {
		return err
	}
	var touched []cacheKey
	revived := false
	err := s.db.Update(func(btx *buntdb.Tx) error {
		// A namespace dropped since Ensure comes back with this write, so
		// that no key is ever written outside a namespace.
		if _, err := btx.Get(ns + metaKey); err != nil {
			if _, _, err := btx.Set(ns+metaKey, s.now().UTC().Format(time.RFC3339), nil); err != nil {
				return err
			}
			revived = true
		}
		tx := &Tx{tx: btx, ns: ns, s: s, writable: true}
		err := fn(tx)
		touched = tx.touched
		if err == nil {
			s.handOn(tx.rewritten)
		} else {
			// Nothing of the borrower is kept: the room past the bills'
			// end is free again, and the next writer borrows them instead
			// of copying them all (a refused bill would otherwise make
			// every later write to its customer copy the history).
			for _, l := range tx.lent {
				l.lendable.Store(true)
			}
		}
		return err
	})
	// Drop cached copies whatever the outcome: a rolled-back write leaves the
	// stored record as it was, and the cache refills from it.
	for _, k := range touched {
		s.cache.delete(k)
	}
	s.gens.bump(ns)
	if revived && err == nil {
		s.mu.Lock()
		if s.spaces[ns] == nil {
			s.spaces[ns] = s.newNamespace()
		}
		s.mu.Unlock()
	}
	return err
}

// Cached returns customer id of namespace ns if a read left it in the
// store's cache, without a transaction: the fast path for reads that only
// need to know which state of a customer they would see. The customer is
// shared and must not be changed. A miss says nothing about existence.
func (s *Store) Cached(ns string, id int64) (*simulator.Customer, bool) {
	return s.cache.load(cacheKey{ns, id})
}

// Generation returns what names the present state of namespace ns as a
// whole, for caches outside the store of answers that read many customers
// (a search): the epoch (resets, drops, restores) and the namespace's write
// generation, which changes after every Update of ns. Read it before the
// transaction the answer comes from: a write bumps it once committed.
func (s *Store) Generation(ns string) (epoch, gen uint64) {
	return s.epoch.Load(), s.gens.get(ns)
}

// generations holds the write generation of each namespace written since it
// was last forgotten (0 for none): values from one counter, so no two
// states of a namespace within an epoch share one. It holds at most one
// entry per namespace present: forget drops the namespace's.
type generations struct {
	mu  sync.RWMutex
	m   map[string]uint64
	seq atomic.Uint64
}

func (g *generations) get(ns string) uint64 {
	g.mu.RLock()
	v := g.m[ns]
	g.mu.RUnlock()
	return v
}

func (g *generations) bump(ns string) {
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]uint64)
	}
	g.m[ns] = g.seq.Add(1)
	g.mu.Unlock()
}

// drop forgets ns's generation ("" forgets every namespace's); the epoch
// changes with it.
func (g *generations) drop(ns string) {
	g.mu.Lock()
	if ns == "" {
		g.m = nil
	} else {
		delete(g.m, ns)
	}
	g.mu.Unlock()
}

// cacheKey names a customer of a namespace in the cache.
type cacheKey struct {
	ns string
	id int64
}

// maxCached bounds the customer cache: past it the cache starts again.
const maxCached = 1 << 14

// customerCache holds decoded customers that reads share. A struct key keeps
// lookups free of allocations (the hot path of every read).
type customerCache struct {
	mu sync.RWMutex
	m  map[cacheKey]*simulator.Customer
}

func (c *customerCache) load(k cacheKey) (*simulator.Customer, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *customerCache) store(k cacheKey, v *simulator.Customer) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCached {
		c.m = make(map[cacheKey]*simulator.Customer)
	}
	c.m[k] = v
	c.mu.Unlock()
}

func (c *customerCache) delete(k cacheKey) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// dropNamespace forgets every customer of namespace ns.
func (c *customerCache) dropNamespace(ns string) {
	c.mu.Lock()
	for k := range c.m {
		if k.ns == ns {
			delete(c.m, k)
		}
	}
	c.mu.Unlock()
}

func (c *customerCache) clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}
