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
var ErrNoNamespace = errors.New("no such namespace")

// ErrDefaultNamespace is returned when the default namespace would be dropped.
var ErrDefaultNamespace = errors.New("the default namespace cannot be dropped; reset it instead")

func (s *Store) newNamespace() *namespace {
	now := s.now()
	ns := &namespace{created: now.UTC().Truncate(time.Second)}
	ns.lastUsed.Store(now.UnixNano())
	return ns
}

// ErrNotOwner is returned by EnsureFor when another credential owns the
// namespace (with exclusive ownership).
var ErrNotOwner = errors.New("store: the namespace belongs to another credential")

// LimitError is returned when a new namespace would pass the limit (all of
// them, or its owner's share) and none is idle enough to make room. It is
// ErrTooManyNamespaces.
type LimitError struct {
	msg string
	// RetryAfter is when a slot may be free: when the namespace in the way
	// that was used least recently becomes idle.
	RetryAfter time.Duration
}

func (e *LimitError) Error() string { return e.msg }

// Is makes a LimitError ErrTooManyNamespaces.
func (e *LimitError) Is(target error) bool { return target == ErrTooManyNamespaces }

// IdleAfter is how long a namespace must go unused before it may be
// evicted to make room for a new one when the limit is reached: a running
// CI job calls more often than that.
const IdleAfter = time.Minute

// Ensure makes namespace ns ready, unowned, and reports whether it was new
// (see EnsureFor).
func (s *Store) Ensure(ns string) (bool, error) { return s.EnsureFor(ns, "", false) }

// EnsureFor makes namespace ns ready for owner (a credential; "" for none)
// and reports whether it was new. A new namespace costs one key: it reads
// the base data until it writes. Owners other than "" hold at most their
// share (Options.MaxPerOwner) at once. When the limit or the owner's share
// is reached, namespaces idle past the TTL go first, then the least
// recently used one idle for IdleAfter (the owner's own when its share is
// full); failing that, a *LimitError says when to try again. With
// exclusive, a namespace owned by another credential is ErrNotOwner, and an
// unowned one but the default is claimed by owner.
func (s *Store) EnsureFor(ns, owner string, exclusive bool) (bool, error) {
	s.mu.RLock()
	sp := s.spaces[ns]
	s.mu.RUnlock()
	if sp != nil && (!exclusive || owner == "" || sp.owner == owner || (sp.owner == "" && ns == DefaultNamespace)) {
		sp.lastUsed.Store(s.now().UnixNano())
		return false, nil
	}
	if err := CheckNamespace(ns); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sp := s.spaces[ns]; sp != nil {
		switch {
		case !exclusive || owner == "" || sp.owner == owner || ns == DefaultNamespace:
		case sp.owner != "":
			return false, ErrNotOwner
		default: // unowned (made by the admin API, say): the first credential claims it
			if err := s.setOwnerLocked(ns, sp, owner); err != nil {
				return false, err
			}
		}
		sp.lastUsed.Store(s.now().UnixNano())
		return false, nil
	}
	if err := s.makeRoomLocked(owner); err != nil {
		return false, err
	}
	sp = s.newNamespace()
	sp.owner = owner
	// One transaction: a crash leaves the namespace absent or whole.
	err := s.db.Update(func(tx *buntdb.Tx) error {
		if _, _, err := tx.Set(ns+metaKey, sp.created.Format(time.RFC3339), nil); err != nil {
			return err
		}
		if owner == "" {
			return nil
		}
		_, _, err := tx.Set(ns+ownerKey, owner, nil)
		return err
	})
	if err != nil {
		return false, err
	}
	s.spaces[ns] = sp
	s.countOwner(owner, 1)
	return true, nil
}

// setOwnerLocked makes owner the owner of the unowned namespace ns.
func (s *Store) setOwnerLocked(ns string, sp *namespace, owner string) error {
	err := s.db.Update(func(tx *buntdb.Tx) error {
		_, _, err := tx.Set(ns+ownerKey, owner, nil)
		return err
	})
	if err == nil {
		sp.owner = owner
		s.countOwner(owner, 1)
	}
	return err
}

// countOwner adds d to owner's count of namespaces (none is kept for "").
func (s *Store) countOwner(owner string, d int) {
	if owner == "" {
		return
	}
	if s.owners[owner] += d; s.owners[owner] <= 0 {
		delete(s.owners, owner)
	}
}

// makeRoomLocked makes room for one more namespace of owner, or says why not.
func (s *Store) makeRoomLocked(owner string) error {
	now := s.now()
	if owner != "" && s.owners[owner] >= s.perOwner {
		s.expireLocked(now)
		if s.owners[owner] >= s.perOwner {
			if wait, ok := s.evictLocked(now, owner); !ok {
				return &LimitError{RetryAfter: wait, msg: fmt.Sprintf("store: too many namespaces for these credentials: %s holds its share "+
					"of %d (--max-namespaces-per-client), none idle for %s; drop one with DELETE /__admin/namespaces/{name}",
					owner, s.perOwner, IdleAfter)}
			}
		}
	}
	if len(s.spaces) >= s.max {
		s.expireLocked(now)
	}
	if len(s.spaces) >= s.max {
		if wait, ok := s.evictLocked(now, ""); !ok {
			return &LimitError{RetryAfter: wait, msg: fmt.Sprintf("%s (the limit is %d, --max-namespaces, and none is idle for %s)",
				ErrTooManyNamespaces.Error(), s.max, IdleAfter)}
		}
	}
	return nil
}

// evictLocked drops the least recently used namespace (of owner, if not
// "") that no call has used for IdleAfter. Without one it returns how long
// until the least recently used one will be.
func (s *Store) evictLocked(now time.Time, owner string) (time.Duration, bool) {
	var lru string
	var last int64
	for name, sp := range s.spaces {
		if name == DefaultNamespace || (owner != "" && sp.owner != owner) {
			continue
		}
		if t := sp.lastUsed.Load(); lru == "" || t < last {
			lru, last = name, t
		}
	}
	if lru == "" {
		return IdleAfter, false
	}
	if idle := now.Sub(time.Unix(0, last)); idle < IdleAfter {
		return max(IdleAfter-idle, time.Second), false
	}
	if err := s.dropLocked(lru); err != nil {
		return time.Second, false
	}
	if s.onExpire != nil {
		s.onExpire(lru)
	}
	return 0, true
}

// dropLocked removes namespace ns and what it stored.
func (s *Store) dropLocked(ns string) error {
	if err := s.db.Update(func(tx *buntdb.Tx) error { s.lists.clear(); s.ready.clear(); return deleteRange(tx, ns+":", ns+";") }); err != nil {
		return err
	}
	if sp := s.spaces[ns]; sp != nil {
		s.countOwner(sp.owner, -1)
	}
	delete(s.spaces, ns)
	s.forget(ns)
	return nil
}

// Owners returns how many namespaces each owner holds (unowned ones not counted).
func (s *Store) Owners() map[string]int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]int, len(s.owners))
	for o, n := range s.owners {
		out[o] = n
	}
	return out
}

// touch marks namespace ns used now, if it exists.
func (s *Store) touch(ns string) bool {
	s.mu.RLock()
	sp := s.spaces[ns]
	s.mu.RUnlock()
	if sp != nil {
		sp.lastUsed.Store(s.now().UnixNano())
	}
	return sp != nil
}

// Exists reports whether namespace ns holds state, and who owns it.
func (s *Store) Exists(ns string) (owner string, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sp := s.spaces[ns]; sp != nil {
		return sp.owner, true
	}
	return "", false
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
	return s.dropLocked(ns)
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
		if err := s.dropLocked(name); err != nil {
			continue
		}
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
	if ns != "" {
		if err := CheckNamespace(ns); err != nil {
			return err
		}
	}
	if ns != "" {
		if _, err := s.Ensure(ns); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Update(func(tx *buntdb.Tx) error {
		s.lists.clear() // under the write lock: no writer reads an entry of before
		s.ready.clear()
		if ns == "" {
			var keys []string
			_ = tx.AscendKeys("*", func(k, _ string) bool {
				if k != baseKey && k != lazyTermsKey { // the file's own keys stay
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
		clear(s.owners)
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

// PerOwner returns the most namespaces one owner may hold at once.
func (s *Store) PerOwner() int { return s.perOwner }
