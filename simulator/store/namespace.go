package store

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/tidwall/buntdb"
)

// ErrNoNamespace is returned for a namespace that does not exist.
var ErrNoNamespace = errors.New("store: no such namespace")

// ErrDefaultNamespace is returned when the default namespace would be dropped.
var ErrDefaultNamespace = errors.New("store: the default namespace cannot be dropped; reset it instead")

func (s *Store) newNamespace() *namespace {
	now := s.now()
	ns := &namespace{created: now.UTC().Truncate(time.Second)}
	ns.lastUsed.Store(now.UnixNano())
	return ns
}

// Ensure makes namespace ns ready and reports whether it was new. A new
// namespace costs one key: it reads the base data until it writes. When the
// limit is reached, namespaces idle for longer than the TTL go first.
func (s *Store) Ensure(ns string) (bool, error) {
	s.mu.RLock()
	sp := s.spaces[ns]
	s.mu.RUnlock()
	if sp != nil {
		sp.lastUsed.Store(s.now().UnixNano())
		return false, nil
	}
	if !ValidNamespace(ns) {
		return false, ErrBadNamespace
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spaces[ns] != nil {
		return false, nil
	}
	if len(s.spaces) >= s.max {
		s.expireLocked(s.now())
	}
	if len(s.spaces) >= s.max {
		return false, fmt.Errorf("%w (the limit is %d, --max-namespaces)", ErrTooManyNamespaces, s.max)
	}
	sp = s.newNamespace()
	// One key, one transaction: a crash leaves the namespace absent or whole.
	err := s.db.Update(func(tx *buntdb.Tx) error {
		_, _, err := tx.Set(ns+metaKey, sp.created.Format(time.RFC3339), nil)
		return err
	})
	if err != nil {
		return false, err
	}
	s.spaces[ns] = sp
	return true, nil
}

// Namespaces returns the names of the namespaces in use, sorted.
func (s *Store) Namespaces() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.spaces))
	for ns := range s.spaces {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}

// NamespaceInfo describes a namespace.
type NamespaceInfo struct {
	Name      string
	Created   time.Time
	LastUsed  time.Time
	Customers int   // the customers it sees: the base ones plus those it added
	Bytes     int64 // what it stores of its own (keys and values)
}

// NamespaceInfos describes every namespace, sorted by name.
func (s *Store) NamespaceInfos() ([]NamespaceInfo, error) {
	s.mu.RLock()
	out := make([]NamespaceInfo, 0, len(s.spaces))
	for name, sp := range s.spaces {
		out = append(out, NamespaceInfo{Name: name, Created: sp.created, LastUsed: time.Unix(0, sp.lastUsed.Load()).UTC()})
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	err := s.db.View(func(tx *buntdb.Tx) error {
		for i := range out {
			t := &Tx{tx: tx, ns: out[i].Name, s: s}
			out[i].Customers = t.Count()
			out[i].Bytes = t.ownBytes()
		}
		return nil
	})
	return out, err
}

// ownBytes returns the size of the keys and values the namespace stores.
func (t *Tx) ownBytes() int64 {
	var n int64
	_ = t.tx.AscendRange("", t.ns+":", t.ns+";", func(k, v string) bool {
		n += int64(len(k) + len(v))
		return true
	})
	return n
}

// Drop removes namespace ns and what it stored, freeing its slot.
func (s *Store) Drop(ns string) error {
	if ns == DefaultNamespace {
		return ErrDefaultNamespace
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spaces[ns] == nil {
		return fmt.Errorf("%w: %q", ErrNoNamespace, ns)
	}
	if err := s.db.Update(func(tx *buntdb.Tx) error { return deleteRange(tx, ns+":", ns+";") }); err != nil {
		return err
	}
	delete(s.spaces, ns)
	s.forget(ns)
	return nil
}

// forget drops what caches hold of namespace ns.
func (s *Store) forget(ns string) {
	s.cache.dropNamespace(ns)
	s.gens.drop(ns)
	s.epoch.Add(1)
}

// deleteRange deletes the keys from lo (inclusive) to hi (exclusive).
func deleteRange(tx *buntdb.Tx, lo, hi string) error {
	var keys []string
	err := tx.AscendRange("", lo, hi, func(k, _ string) bool {
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
	return nil
}

// OnExpire has fn called with each namespace the TTL drops (under the
// store's lock: fn must not call the store), for state kept outside it.
// Set it before serving.
func (s *Store) OnExpire(fn func(ns string)) { s.onExpire = fn }

// Expire drops the namespaces unused since now minus the TTL (never the
// default one) and returns their names.
func (s *Store) Expire(now time.Time) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.expireLocked(now)
}

func (s *Store) expireLocked(now time.Time) []string {
	if s.ttl <= 0 {
		return nil
	}
	var gone []string
	for name, sp := range s.spaces {
		if name == DefaultNamespace || now.Sub(time.Unix(0, sp.lastUsed.Load())) <= s.ttl {
			continue
		}
		if err := s.db.Update(func(tx *buntdb.Tx) error { return deleteRange(tx, name+":", name+";") }); err != nil {
			continue
		}
		delete(s.spaces, name)
		s.forget(name)
		gone = append(gone, name)
	}
	sort.Strings(gone)
	for _, name := range gone {
		if s.onExpire != nil {
			s.onExpire(name)
		}
	}
	return gone
}

// expireLoop drops idle namespaces until Close, and keeps the file lock
// on the file the --db name holds.
func (s *Store) expireLoop() {
	defer close(s.done)
	every := time.Minute
	if s.ttl > 0 {
		every = min(max(s.ttl/4, time.Second), time.Minute)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.Expire(s.now())
			s.lock.follow() // after a compaction, the new file is the one to hold
		}
	}
}

// Reset puts namespace ns back to the base data; an empty ns resets every
// namespace and drops all but the default one.
func (s *Store) Reset(ns string) error {
	if ns != "" && !ValidNamespace(ns) {
		return ErrBadNamespace
	}
	if ns != "" {
		if _, err := s.Ensure(ns); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Update(func(tx *buntdb.Tx) error {
		if ns == "" {
			var keys []string
			_ = tx.AscendKeys("*", func(k, _ string) bool {
				if k != baseKey {
					keys = append(keys, k)
				}
				return true
			})
			for _, k := range keys {
				if _, err := tx.Delete(k); err != nil {
					return err
				}
			}
			_, _, err := tx.Set(DefaultNamespace+metaKey, s.now().UTC().Format(time.RFC3339), nil)
			return err
		}
		return resetOverlay(tx, ns)
	})
	if err != nil {
		return err
	}
	if ns == "" {
		s.spaces = map[string]*namespace{DefaultNamespace: s.newNamespace()}
		s.cache.clear()
		s.gens.drop("")
		s.epoch.Add(1)
	} else {
		if s.spaces[ns] == nil {
			s.spaces[ns] = s.newNamespace()
		}
		s.forget(ns)
	}
	return nil
}

// resetOverlay deletes what namespace ns stored, but its creation time.
func resetOverlay(tx *buntdb.Tx, ns string) error {
	created, err := tx.Get(ns + metaKey)
	if err != nil {
		created = time.Now().UTC().Format(time.RFC3339)
	}
	if err := deleteRange(tx, ns+":", ns+";"); err != nil {
		return err
	}
	_, _, err = tx.Set(ns+metaKey, created, nil)
	return err
}

func customerKey(ns string, id int64) string { return ns + custPrefix + strconv.FormatInt(id, 10) }

// NamespaceLimits returns the most namespaces at once and the idle time after
// which one is dropped (<= 0: never).
func (s *Store) NamespaceLimits() (max int, ttl time.Duration) { return s.max, s.ttl }
