// Package store keeps capsim's state in buntdb: customers and their identifier
// and search indexes, per namespace, in memory by default or in a file.
//
// Every namespace starts as a copy of the base data (fixtures plus generated
// customers), made on first use; Reset puts a namespace back to it. Writes go
// through Update, whose transaction is exclusive, so check-then-write handler
// logic (is this identifier free? then register) is atomic.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// DefaultNamespace is the namespace of requests that name none.
const DefaultNamespace = "default"

// ErrNotFound is returned for a customer id that does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrBadNamespace is returned for a namespace name that is not allowed.
var ErrBadNamespace = errors.New("store: namespace names are 1-64 letters, digits, '.', '_' or '-'")

// ErrTooManyNamespaces is returned when a new namespace would pass the limit.
var ErrTooManyNamespaces = errors.New("store: too many namespaces; reset them with POST /__admin/reset")

// DefaultMaxNamespaces is the namespace limit when Options name none: enough
// for every CI job sharing a container, small enough that forgotten ones do
// not eat the machine (each holds a copy of the base data).
const DefaultMaxNamespaces = 256

var namespaceRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ValidNamespace reports whether name can name a namespace.
func ValidNamespace(name string) bool { return namespaceRE.MatchString(name) }

// sep separates the parts of index keys; identifier values may not contain it.
const sep = "\x1f"

// Store is the simulator's state. It is safe for concurrent use.
type Store struct {
	db  *buntdb.DB
	org *simulator.Org

	base     []kv  // the base data, serialised once
	baseNext int64 // the first id a new customer gets in a fresh namespace

	mu     sync.Mutex
	loaded map[string]bool // namespaces present in db
	max    int             // the most namespaces at once

	cache customerCache // decoded customers, read-only

	// epoch increases on every reset: with a customer's id and version it
	// names one state of that customer for caches outside the store.
	epoch atomic.Uint64
}

type kv struct{ k, v string }

// Options configure Open.
type Options struct {
	// Path is the buntdb file, or ":memory:" (the default) for none.
	Path string
	// Org is the organisation's configuration (programs, tills, ...).
	Org *simulator.Org
	// Customers are the base data every namespace starts from.
	Customers []simulator.Customer
	// MaxNamespaces limits the namespaces in use at once (DefaultMaxNamespaces if zero).
	MaxNamespaces int
}

// Open opens the store. With a file path, namespaces already in the file keep
// their state; others start from the base data.
func Open(opts Options) (*Store, error) {
	path := opts.Path
	if path == "" {
		path = ":memory:"
	}
	db, err := buntdb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, org: opts.Org, loaded: map[string]bool{}, max: opts.MaxNamespaces}
	if s.max <= 0 {
		s.max = DefaultMaxNamespaces
	}
	if s.org == nil {
		s.org = &simulator.Org{}
	}
	if err := s.setBase(opts.Customers); err != nil {
		db.Close()
		return nil, err
	}
	// Namespaces persisted in a file are loaded already.
	err = db.View(func(tx *buntdb.Tx) error {
		return tx.AscendKeys("*:meta:loaded", func(k, _ string) bool {
			s.loaded[strings.TrimSuffix(k, ":meta:loaded")] = true
			return true
		})
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	if _, err := s.ensure(DefaultNamespace); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the store, flushing a file store to disk.
func (s *Store) Close() error { return s.db.Close() }

// Org returns the organisation's configuration. Callers must not change it.
func (s *Store) Org() *simulator.Org { return s.org }

// setBase serialises the base customers once, as index entries relative to an
// empty namespace, so that loading a namespace is a bulk copy.
func (s *Store) setBase(customers []simulator.Customer) error {
	var next int64 = 1
	seen := map[int64]bool{}
	s.base = s.base[:0]
	for i := range customers {
		c := customers[i]
		if seen[c.ID] {
			return fmt.Errorf("base data: customer %d appears twice", c.ID)
		}
		seen[c.ID] = true
		if c.Version == 0 {
			c.Version = 1
		}
		b, err := json.Marshal(&c)
		if err != nil {
			return err
		}
		s.base = append(s.base, kv{customerKey("", c.ID), string(b)})
		for _, e := range indexEntries("", &c) {
			s.base = append(s.base, e)
		}
		if c.ID >= next {
			next = c.ID + 1
		}
	}
	s.baseNext = next
	return nil
}

// Ensure makes namespace ns ready (loading it from the base data on first
// use) and reports whether it was new.
func (s *Store) Ensure(ns string) (bool, error) { return s.ensure(ns) }

// ensure loads namespace ns from the base data if it is not loaded yet.
func (s *Store) ensure(ns string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loaded[ns] {
		return false, nil
	}
	if !ValidNamespace(ns) {
		return false, ErrBadNamespace
	}
	if len(s.loaded) >= s.max {
		return false, fmt.Errorf("%w (the limit is %d)", ErrTooManyNamespaces, s.max)
	}
	if err := s.db.Update(func(tx *buntdb.Tx) error { return s.load(tx, ns) }); err != nil {
		return false, err
	}
	s.loaded[ns] = true
	return true, nil
}

func (s *Store) load(tx *buntdb.Tx, ns string) error {
	for _, e := range s.base {
		if _, _, err := tx.Set(ns+e.k, e.v, nil); err != nil {
			return err
		}
	}
	if _, _, err := tx.Set(ns+":seq:customer", strconv.FormatInt(s.baseNext, 10), nil); err != nil {
		return err
	}
	_, _, err := tx.Set(ns+":meta:loaded", time.Now().UTC().Format(time.RFC3339), nil)
	return err
}

// Namespaces returns the names of the namespaces in use, sorted.
func (s *Store) Namespaces() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.loaded))
	for ns := range s.loaded {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}

// Reset puts namespace ns back to the base data; an empty ns resets every
// namespace and drops all but the default one.
func (s *Store) Reset(ns string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ns != "" && !ValidNamespace(ns) {
		return ErrBadNamespace
	}
	if ns != "" && !s.loaded[ns] && len(s.loaded) >= s.max {
		return fmt.Errorf("%w (the limit is %d)", ErrTooManyNamespaces, s.max)
	}
	err := s.db.Update(func(tx *buntdb.Tx) error {
		if ns == "" {
			if err := tx.DeleteAll(); err != nil {
				return err
			}
			return s.load(tx, DefaultNamespace)
		}
		var keys []string
		err := tx.AscendRange("", ns+":", ns+";", func(k, _ string) bool {
			keys = append(keys, k)
			return true
		})
		if err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.Delete(k); err != nil {
				return err
			}
		}
		return s.load(tx, ns)
	})
	if err != nil {
		return err
	}
	if ns == "" {
		s.loaded = map[string]bool{DefaultNamespace: true}
	} else {
		s.loaded[ns] = true
	}
	s.cache.clear()
	s.epoch.Add(1)
	return nil
}

// Epoch returns the reset counter: a customer's (epoch, namespace, id,
// version) names one state of it, so a rendered response can be reused for
// as long as all four are the same.
func (s *Store) Epoch() uint64 { return s.epoch.Load() }

// View runs fn in a read-only transaction on namespace ns. Customers it reads
// are shared: fn must not change them (Clone first).
func (s *Store) View(ns string, fn func(tx *Tx) error) error {
	if _, err := s.ensure(ns); err != nil {
		return err
	}
	return s.db.View(func(btx *buntdb.Tx) error {
		return fn(&Tx{tx: btx, ns: ns, s: s})
	})
}

// Update runs fn in a read-write transaction on namespace ns. If fn returns an
// error nothing it wrote is kept.
func (s *Store) Update(ns string, fn func(tx *Tx) error) error {
	if _, err := s.ensure(ns); err != nil {
		return err
	}
	var touched []cacheKey
	err := s.db.Update(func(btx *buntdb.Tx) error {
		tx := &Tx{tx: btx, ns: ns, s: s, writable: true}
		err := fn(tx)
		touched = tx.touched
		return err
	})
	// Drop cached copies whatever the outcome: a rolled-back write leaves the
	// stored record as it was, and the cache refills from it.
	for _, k := range touched {
		s.cache.delete(k)
	}
	return err
}

// Tx is a transaction on one namespace.
type Tx struct {
	tx       *buntdb.Tx
	ns       string
	s        *Store
	writable bool
	touched  []cacheKey
}

// Namespace returns the transaction's namespace.
func (t *Tx) Namespace() string { return t.ns }

// Org returns the organisation's configuration.
func (t *Tx) Org() *simulator.Org { return t.s.org }

func customerKey(ns string, id int64) string { return ns + ":c:" + strconv.FormatInt(id, 10) }

// Customer returns customer id. In a View transaction the result is shared and
// must not be changed; in an Update transaction it is the caller's own copy.
func (t *Tx) Customer(id int64) (*simulator.Customer, error) {
	ck := cacheKey{t.ns, id}
	if !t.writable {
		if c, ok := t.s.cache.load(ck); ok {
			return c, nil
		}
	}
	v, err := t.tx.Get(customerKey(t.ns, id))
	if errors.Is(err, buntdb.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c := new(simulator.Customer)
	if err := json.Unmarshal([]byte(v), c); err != nil {
		return nil, fmt.Errorf("store: customer %d: %w", id, err)
	}
	if !t.writable {
		t.s.cache.store(ck, c)
	}
	return c, nil
}

// Cached returns customer id of namespace ns if a read left it in the
// store's cache, without a transaction: the fast path for reads that only
// need to know which state of a customer they would see. The customer is
// shared and must not be changed. A miss says nothing about existence.
func (s *Store) Cached(ns string, id int64) (*simulator.Customer, bool) {
	return s.cache.load(cacheKey{ns, id})
}

// cacheKey names a customer of a namespace in the cache.
type cacheKey struct {
	ns string
	id int64
}

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
	if c.m == nil {
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

func (c *customerCache) clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// NextID returns the next value of the named sequence ("customer" gives new
// customer ids; others start at 1).
func (t *Tx) NextID(seq string) (int64, error) {
	key := t.ns + ":seq:" + seq
	var n int64 = 1
	if v, err := t.tx.Get(key); err == nil {
		n, _ = strconv.ParseInt(v, 10, 64)
	}
	if _, _, err := t.tx.Set(key, strconv.FormatInt(n+1, 10), nil); err != nil {
		return 0, err
	}
	return n, nil
}

// Put stores c, replacing its earlier version and re-indexing its identifiers
// and names. It fails, writing nothing, if an identifier of c belongs to
// another customer in the same source and account.
func (t *Tx) Put(c *simulator.Customer) error {
	if !t.writable {
		return errors.New("store: Put in a read-only transaction")
	}
	for _, p := range c.Profiles {
		for _, id := range p.Identifiers {
			if strings.ContainsAny(id.Value, sep+"\x00") || strings.ContainsAny(id.Type, sep+"\x00") {
				return fmt.Errorf("store: identifier %s has a control character", id.Type)
			}
			if owner, ok := t.Owner(p.Source, p.AccountID, id.Type, id.Value); ok && owner != c.ID {
				return fmt.Errorf("store: %s %q in %s belongs to customer %d", id.Type, id.Value, p.Source, owner)
			}
		}
	}
	key := customerKey(t.ns, c.ID)
	if old, err := t.tx.Get(key); err == nil {
		var prev simulator.Customer
		if err := json.Unmarshal([]byte(old), &prev); err == nil {
			for _, e := range indexEntries(t.ns, &prev) {
				if _, err := t.tx.Delete(e.k); err != nil && !errors.Is(err, buntdb.ErrNotFound) {
					return err
				}
			}
			c.Version = prev.Version + 1
		}
	} else if c.Version == 0 {
		c.Version = 1
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, _, err := t.tx.Set(key, string(b), nil); err != nil {
		return err
	}
	for _, e := range indexEntries(t.ns, c) {
		if _, _, err := t.tx.Set(e.k, e.v, nil); err != nil {
			return err
		}
	}
	t.touched = append(t.touched, cacheKey{t.ns, c.ID})
	return nil
}

// Owner returns the id of the customer holding identifier typ=value in source
// src (and account acct for multi-account sources).
func (t *Tx) Owner(src simulator.Source, acct, typ, value string) (int64, bool) {
	if !src.MultiAccount() {
		acct = ""
	}
	v, err := t.tx.Get(identKey(t.ns, src, acct, typ, value))
	if err != nil {
		return 0, false
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil
}

// Holder is one place an identifier is registered.
type Holder struct {
	Source    simulator.Source
	AccountID string
	UserID    int64
}

// Holders returns every source/account where identifier typ=value is
// registered, ordered by source and account.
func (t *Tx) Holders(typ, value string) []Holder {
	prefix := t.ns + ":x:" + typ + sep + simulator.NormalizeIdentifierValue(typ, value) + sep
	var out []Holder
	_ = t.tx.AscendRange("", prefix, prefix+"\xff", func(k, v string) bool {
		rest := strings.Split(strings.TrimPrefix(k, prefix), sep)
		if len(rest) != 2 {
			return true
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return true
		}
		out = append(out, Holder{Source: simulator.Source(rest[0]), AccountID: rest[1], UserID: id})
		return true
	})
	return out
}

// Match is one search hit: the customer and what matched.
type Match struct {
	UserID    int64
	IDType    string // firstName, lastName, or an identifier type
	IDValue   string
	Source    simulator.Source
	AccountID string
}

// Search returns the customers with a first name, last name or identifier
// starting with prefix (case-insensitively), each once, in the order of their
// ids, with every way they matched.
func (t *Tx) Search(prefix string) (ids []int64, matches map[int64][]Match) {
	p := strings.ToLower(strings.TrimSpace(prefix))
	start := t.ns + ":s:" + p
	matches = map[int64][]Match{}
	_ = t.tx.AscendRange("", start, start+"\xff", func(k, v string) bool {
		var m Match
		if err := json.Unmarshal([]byte(v), &m); err != nil {
			return true
		}
		if _, ok := matches[m.UserID]; !ok {
			ids = append(ids, m.UserID)
		}
		matches[m.UserID] = append(matches[m.UserID], m)
		return true
	})
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, matches
}

// Count returns the number of customers in the namespace.
func (t *Tx) Count() int {
	n := 0
	prefix := t.ns + ":c:"
	_ = t.tx.AscendRange("", prefix, prefix+"\xff", func(_, _ string) bool { n++; return true })
	return n
}

// Each calls fn for every customer in the namespace, in key order, until fn
// returns false. Customers are the caller's own copies.
func (t *Tx) Each(fn func(c *simulator.Customer) bool) error {
	prefix := t.ns + ":c:"
	var ferr error
	err := t.tx.AscendRange("", prefix, prefix+"\xff", func(_, v string) bool {
		c := new(simulator.Customer)
		if err := json.Unmarshal([]byte(v), c); err != nil {
			ferr = err
			return false
		}
		return fn(c)
	})
	if ferr != nil {
		return ferr
	}
	return err
}

func identKey(ns string, src simulator.Source, acct, typ, value string) string {
	return ns + ":i:" + string(src) + sep + acct + sep + typ + sep + simulator.NormalizeIdentifierValue(typ, value)
}

// indexEntries returns the index keys of c in namespace ns.
func indexEntries(ns string, c *simulator.Customer) []kv {
	id := strconv.FormatInt(c.ID, 10)
	var out []kv
	search := func(typ, value string, p *simulator.Profile) {
		v := strings.ToLower(strings.TrimSpace(value))
		if v == "" {
			return
		}
		m, _ := json.Marshal(Match{UserID: c.ID, IDType: typ, IDValue: value, Source: p.Source, AccountID: p.AccountID})
		out = append(out, kv{ns + ":s:" + v + sep + id + sep + typ + sep + string(p.Source) + sep + p.AccountID, string(m)})
	}
	if c.MergedInto != 0 {
		return nil // a merged-away victim is found through its survivor only
	}
	for i := range c.Profiles {
		p := &c.Profiles[i]
		acct := p.AccountID
		if !p.Source.MultiAccount() {
			acct = ""
		}
		for _, ident := range p.Identifiers {
			out = append(out, kv{identKey(ns, p.Source, acct, ident.Type, ident.Value), id})
			out = append(out, kv{ns + ":x:" + ident.Type + sep + simulator.NormalizeIdentifierValue(ident.Type, ident.Value) + sep + string(p.Source) + sep + acct, id})
			search(ident.Type, ident.Value, p)
		}
		search("firstName", p.FirstName, p)
		search("lastName", p.LastName, p)
	}
	return out
}
