package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/buntdb"
)

// DefaultMaxSnapshots is the snapshot limit when Options name none.
const DefaultMaxSnapshots = 64

// ErrNoSnapshot is returned for a snapshot that does not exist.
var ErrNoSnapshot = errors.New("no such snapshot")

// ErrTooManySnapshots is returned when a new snapshot would pass the limit.
var ErrTooManySnapshots = errors.New("too many snapshots; drop one with DELETE /__admin/snapshots/{name}")

// ErrBadSnapshot is returned for a snapshot name that is not allowed.
var ErrBadSnapshot = errors.New("snapshot names are 1-64 letters, digits, '.', '_' or '-'")

// SnapshotPart is state kept outside the store, per namespace, that a
// snapshot saves and restores with the customers (a virtual clock, say).
// Restore gets nil when the snapshot was taken before the part was
// registered: the part should then go back to its starting state.
type SnapshotPart interface {
	Save(ns string) ([]byte, error)
	Restore(ns string, data []byte) error
}

// SnapshotInfo describes a snapshot.
type SnapshotInfo struct {
	Name      string
	Namespace string // the namespace it was taken from
	Created   time.Time
	Customers int   // the customers the namespace saw
	Keys      int   // the keys the namespace held of its own
	Bytes     int64 // their size: what the snapshot holds besides the shared base data
}

// snapshot is a namespace's own keys, relative to it, at one moment. The
// strings are those buntdb holds, so a snapshot copies no data, and a
// restore gives buntdb the same strings back.
type snapshot struct {
	info    SnapshotInfo
	entries []kv
	parts   map[string][]byte
}

type snapshots struct {
	mu    sync.Mutex
	max   int
	m     map[string]*snapshot
	names []string // registered parts, in order
	parts map[string]SnapshotPart
}

func (ss *snapshots) init(max int) {
	if max <= 0 {
		max = DefaultMaxSnapshots
	}
	ss.max, ss.m, ss.parts = max, map[string]*snapshot{}, map[string]SnapshotPart{}
}

// RegisterSnapshotPart adds state that snapshots save and restore under
// name, besides the store's own. Register parts before serving.
func (s *Store) RegisterSnapshotPart(name string, p SnapshotPart) {
	s.snaps.mu.Lock()
	defer s.snaps.mu.Unlock()
	if _, ok := s.snaps.parts[name]; !ok {
		s.snaps.names = append(s.snaps.names, name)
	}
	s.snaps.parts[name] = p
}

// SaveSnapshot saves namespace ns's state as snapshot name, replacing a
// snapshot of that name. Snapshots live in memory: they do not outlive the
// process.
func (s *Store) SaveSnapshot(name, ns string) (SnapshotInfo, error) {
	if !ValidNamespace(name) {
		return SnapshotInfo{}, ErrBadSnapshot
	}
	if _, err := s.Ensure(ns); err != nil {
		return SnapshotInfo{}, err
	}
	ss := &s.snaps
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.m[name] == nil && len(ss.m) >= ss.max {
		return SnapshotInfo{}, fmt.Errorf("%w (the limit is %d)", ErrTooManySnapshots, ss.max)
	}
	snap := &snapshot{info: SnapshotInfo{Name: name, Namespace: ns, Created: s.now().UTC()}, parts: map[string][]byte{}}
	err := s.db.View(func(tx *buntdb.Tx) error {
		t := &Tx{tx: tx, ns: ns, s: s}
		snap.info.Customers = t.Count()
		return tx.AscendRange("", ns+":", ns+";", func(k, v string) bool {
			rel := k[len(ns):]
			if rel != metaKey {
				snap.entries = append(snap.entries, kv{rel, v})
				snap.info.Bytes += int64(len(rel) + len(v))
			}
			return true
		})
	})
	if err != nil {
		return SnapshotInfo{}, err
	}
	snap.info.Keys = len(snap.entries)
	for _, n := range ss.names {
		b, err := ss.parts[n].Save(ns)
		if err != nil {
			return SnapshotInfo{}, fmt.Errorf("snapshot %s: %s: %w", name, n, err)
		}
		snap.parts[n] = b
		snap.info.Bytes += int64(len(b))
	}
	ss.m[name] = snap
	return snap.info, nil
}

// RestoreSnapshot puts namespace ns (which need not be the one the snapshot
// was taken from) back to snapshot name: wholly, or, on an error, not at all.
func (s *Store) RestoreSnapshot(name, ns string) (SnapshotInfo, error) {
	if _, err := s.Ensure(ns); err != nil {
		return SnapshotInfo{}, err
	}
	ss := &s.snaps
	ss.mu.Lock()
	defer ss.mu.Unlock()
	snap := ss.m[name]
	if snap == nil {
		return SnapshotInfo{}, fmt.Errorf("%w: %q (have: %s)", ErrNoSnapshot, name, strings.Join(ss.sortedNames(), ", "))
	}
	// Parts first, each with its current state kept, so that any failure
	// puts back what was restored already.
	var undo []func()
	rollback := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	for _, n := range ss.names {
		p := ss.parts[n]
		cur, err := p.Save(ns)
		if err != nil {
			rollback()
			return SnapshotInfo{}, fmt.Errorf("restore %s: %s: %w", name, n, err)
		}
		if err := p.Restore(ns, snap.parts[n]); err != nil {
			rollback()
			return SnapshotInfo{}, fmt.Errorf("restore %s: %s: %w", name, n, err)
		}
		undo = append(undo, func() { _ = p.Restore(ns, cur) })
	}
	s.mu.Lock() // no drop or expiry of ns meanwhile
	err := s.db.Update(func(tx *buntdb.Tx) error {
		s.lists.clear() // under the write lock: no writer reads an entry of before
		s.ready.clear()
		if err := resetOverlay(tx, ns); err != nil {
			return err
		}
		for _, e := range snap.entries {
			if _, _, err := tx.Set(ns+e.k, e.v, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && s.spaces[ns] == nil {
		s.spaces[ns] = s.newNamespace()
	}
	s.mu.Unlock()
	if err != nil {
		rollback()
		return SnapshotInfo{}, err
	}
	s.forget(ns)
	return snap.info, nil
}

// Snapshots describes every snapshot, sorted by name.
func (s *Store) Snapshots() []SnapshotInfo {
	ss := &s.snaps
	ss.mu.Lock()
	defer ss.mu.Unlock()
	out := make([]SnapshotInfo, 0, len(ss.m))
	for _, n := range ss.sortedNames() {
		out = append(out, ss.m[n].info)
	}
	return out
}

// DropSnapshot removes snapshot name.
func (s *Store) DropSnapshot(name string) error {
	ss := &s.snaps
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.m[name] == nil {
		return fmt.Errorf("%w: %q", ErrNoSnapshot, name)
	}
	delete(ss.m, name)
	return nil
}

func (ss *snapshots) sortedNames() []string { return slices.Sorted(maps.Keys(ss.m)) }

// SnapshotLimit returns the most snapshots kept at once.
func (s *Store) SnapshotLimit() int { return s.snaps.max }
