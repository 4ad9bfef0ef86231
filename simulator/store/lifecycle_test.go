package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// baseCustomers returns n customers with ids 1..n.
func baseCustomers(n int) []simulator.Customer {
	out := make([]simulator.Customer, n)
	for i := range out {
		out[i] = customer(int64(i+1), fmt.Sprintf("c%05d", i+1), fmt.Sprintf("4470%08d", i+1))
	}
	return out
}

// TestCopyOnWrite checks that a namespace reads the base data, stores only
// what it changes, and that identifier and search indexes see base and
// overlay together: a changed identifier frees the old value, a merged
// customer leaves the search, a new customer joins it.
func TestCopyOnWrite(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Customers: baseCustomers(3)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update("a", func(tx *store.Tx) error {
		c, err := tx.Customer(2)
		if err != nil {
			return err
		}
		c.Profiles[0].Identifiers[0].Value = "447099999999"
		if err := tx.Put(c); err != nil {
			return err
		}
		v, err := tx.Customer(3)
		if err != nil {
			return err
		}
		v.MergedInto = 1
		if err := tx.Put(v); err != nil {
			return err
		}
		id, err := tx.NextID("customer")
		if err != nil {
			return err
		}
		n := customer(id, "newbie", "447000000002") // the mobile customer 2 gave up
		return tx.Put(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	type owner struct {
		ns, mobile string
		want       int64 // 0: nobody
	}
	for _, tc := range []owner{
		{"a", "447000000002", 4}, {"a", "447099999999", 2}, {"a", "447000000001", 1}, {"a", "447000000003", 0},
		{"default", "447000000002", 2}, {"default", "447099999999", 0}, {"default", "447000000003", 3},
	} {
		t.Run(tc.ns+"/"+tc.mobile, func(t *testing.T) {
			_ = s.View(tc.ns, func(tx *store.Tx) error {
				id, _ := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, tc.mobile)
				if id != tc.want {
					t.Fatalf("owner %d, want %d", id, tc.want)
				}
				return nil
			})
		})
	}
	for _, tc := range []struct {
		ns, q string
		want  string
	}{
		{"a", "c0", "[1 2]"}, {"a", "newbie", "[4]"}, {"a", "test", "[1 2 4]"},
		{"default", "c0", "[1 2 3]"}, {"default", "newbie", "[]"},
	} {
		t.Run("search "+tc.ns+"/"+tc.q, func(t *testing.T) {
			_ = s.View(tc.ns, func(tx *store.Tx) error {
				ids, _ := tx.Search(tc.q)
				if got := fmt.Sprint(ids); got != tc.want && !(tc.want == "[]" && len(ids) == 0) {
					t.Fatalf("Search(%q) = %s, want %s", tc.q, got, tc.want)
				}
				if h := tx.Holders(simulator.IDMobile, "447000000002"); tc.ns == "a" && (len(h) != 1 || h[0].UserID != 4) {
					t.Fatalf("holders of the freed mobile: %+v", h)
				}
				return nil
			})
		})
	}
	infos, err := s.NamespaceInfos()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.NamespaceInfo{}
	for _, in := range infos {
		got[in.Name] = in
	}
	if got["a"].Customers != 4 || got["default"].Customers != 3 {
		t.Fatalf("customers: %+v", infos)
	}
	if got["a"].Bytes <= got["default"].Bytes {
		t.Fatalf("a wrote and holds %d bytes, default %d", got["a"].Bytes, got["default"].Bytes)
	}
}

// TestNewNamespaceCostsNothing checks that a namespace over a large base
// holds a single key of its own.
func TestNewNamespaceCostsNothing(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Customers: baseCustomers(5000)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ensure("fresh"); err != nil {
		t.Fatal(err)
	}
	infos, _ := s.NamespaceInfos()
	for _, in := range infos {
		if in.Bytes > 64 || in.Customers != 5000 {
			t.Fatalf("%s: %d bytes of its own, %d customers", in.Name, in.Bytes, in.Customers)
		}
	}
}

// TestDropAndExpire checks that dropping frees a slot, that idle namespaces
// expire (never the default one), and that a dropped namespace starts again
// from the base data.
func TestDropAndExpire(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := store.Open(store.Options{Customers: baseCustomers(2), MaxNamespaces: 3, NamespaceTTL: time.Minute,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(ns string) {
		t.Helper()
		if err := s.Update(ns, func(tx *store.Tx) error { c := customer(50, "x", "447000000050"); return tx.Put(&c) }); err != nil {
			t.Fatal(err)
		}
	}
	put("a")
	put("b")
	if _, err := s.Ensure("c"); !errors.Is(err, store.ErrTooManyNamespaces) {
		t.Fatalf("past the limit: %v", err)
	}
	for _, tc := range []struct {
		name, ns string
		want     error
	}{
		{"default", "default", store.ErrDefaultNamespace},
		{"unknown", "zzz", store.ErrNoNamespace},
		{"existing", "a", nil},
	} {
		t.Run("drop "+tc.name, func(t *testing.T) {
			if err := s.Drop(tc.ns); !errors.Is(err, tc.want) {
				t.Fatalf("Drop(%s) = %v, want %v", tc.ns, err, tc.want)
			}
		})
	}
	if _, err := s.Ensure("c"); err != nil {
		t.Fatalf("after a drop: %v", err)
	}
	_ = s.View("c", func(tx *store.Tx) error {
		if _, err := tx.Customer(50); err == nil {
			t.Fatal("a new namespace sees another's customer")
		}
		return nil
	})
	var told []string
	s.OnExpire(func(ns string) { told = append(told, ns) })
	now = now.Add(30 * time.Second)
	s.Ensure("c") // used
	now = now.Add(45 * time.Second)
	if gone := s.Expire(now); fmt.Sprint(gone) != "[b]" || fmt.Sprint(told) != "[b]" {
		t.Fatalf("expired %v (OnExpire told %v), want [b] (c was used 45s ago, default never expires)", gone, told)
	}
	// At the limit, idle namespaces make room for a new one.
	now = now.Add(2 * time.Minute)
	for _, ns := range []string{"d", "e"} {
		if _, err := s.Ensure(ns); err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
	}
	if got := strings.Join(s.Namespaces(), ","); got != "d,default,e" {
		t.Fatalf("namespaces %s", got)
	}
}

// TestFileLockAndDamage checks that a second open of a file store fails
// with one clear line, that a damaged file is refused with the way out, that
// Recover moves it aside, and that a file written over other base data is refused.
func TestFileLockAndDamage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "capsim.db")
	// Open takes its customers over: each open gets its own.
	open := func(baseID string, recover bool) (*store.Store, error) {
		return store.Open(store.Options{Path: path, Customers: baseCustomers(2), BaseID: baseID, Recover: recover})
	}
	s, err := open("seed 1", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := open("seed 1", false); err == nil || !strings.Contains(err.Error(), "in use by another capsim") {
		t.Fatalf("second open: %v", err)
	}
	// Every name of the file is refused: the lock is on the file, not its name.
	names := []struct {
		name string
		make func(link string) error
	}{
		{"symlink", func(link string) error { return os.Symlink(path, link) }},
		{"relative symlink", func(link string) error { return os.Symlink("capsim.db", link) }},
		{"hard link", func(link string) error { return os.Link(path, link) }},
	}
	for i, tc := range names {
		t.Run(tc.name, func(t *testing.T) {
			link := filepath.Join(dir, fmt.Sprintf("other-%d.db", i))
			if err := tc.make(link); err != nil {
				t.Skip(err)
			}
			defer os.Remove(link)
			other, err := store.Open(store.Options{Path: link, Customers: baseCustomers(2), BaseID: "seed 1"})
			if err == nil {
				other.Close()
				t.Fatalf("%s of a live --db opened", tc.name)
			}
			if !strings.Contains(err.Error(), "in use by another capsim") {
				t.Fatalf("%s: %v", tc.name, err)
			}
		})
	}
	s.Close()
	if _, err := open("seed 2", false); err == nil || !strings.Contains(err.Error(), "other base data") {
		t.Fatalf("other base data: %v", err)
	}
	if err := os.WriteFile(path, []byte("this is not a buntdb file\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := open("seed 1", false); err == nil || !strings.Contains(err.Error(), "--db-recover") {
		t.Fatalf("damaged file: %v", err)
	}
	s, err = open("seed 1", true)
	if err != nil {
		t.Fatalf("recover: %v", err)
	}
	defer s.Close()
	aside, _ := filepath.Glob(path + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("damaged file not moved aside: %v", aside)
	}
}

// TestNamespaceShares checks that one owner cannot take every slot: its
// share is refused with a retry time, a full store evicts the least
// recently used idle namespace, exclusive ownership refuses other owners,
// reserved names are refused, and a read creates nothing.
func TestNamespaceShares(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := store.Open(store.Options{Customers: baseCustomers(2), MaxNamespaces: 5, MaxPerOwner: 2,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	steps := []struct {
		name, ns, owner string
		exclusive       bool
		advance         time.Duration
		want            error
		retryAfter      time.Duration // of a LimitError
		gone            string        // a namespace evicted by this step
	}{
		{name: "A's first", ns: "a1", owner: "A"},
		{name: "A's second", ns: "a2", owner: "A"},
		{name: "A past its share", ns: "a3", owner: "A", want: store.ErrTooManyNamespaces, retryAfter: store.IdleAfter},
		{name: "B is not starved", ns: "b1", owner: "B", advance: time.Second},
		{name: "B's second fills the store", ns: "b2", owner: "B", advance: time.Second},
		{name: "full, none idle", ns: "c1", owner: "C", advance: 20 * time.Second, want: store.ErrTooManyNamespaces, retryAfter: 38 * time.Second},
		{name: "A keeps a1 busy", ns: "a1", owner: "A", advance: 30 * time.Second},
		{name: "full, the LRU idle one goes", ns: "c1", owner: "C", advance: 11 * time.Second, gone: "a2"},
		{name: "A under its share evicts another idle one", ns: "a3", owner: "A", gone: "b1"},
		{name: "another owner's namespace", ns: "b2", owner: "A", exclusive: true, want: store.ErrNotOwner},
		{name: "its owner", ns: "b2", owner: "B", exclusive: true},
		{name: "shared without exclusive", ns: "b2", owner: "A"},
		{name: "reserved", ns: "capsim", owner: "A", want: store.ErrReservedNamespace},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			now = now.Add(st.advance)
			_, err := s.EnsureFor(st.ns, st.owner, st.exclusive)
			if !errors.Is(err, st.want) {
				t.Fatalf("EnsureFor(%s, %s): %v, want %v", st.ns, st.owner, err, st.want)
			}
			var lim *store.LimitError
			if errors.As(err, &lim) && lim.RetryAfter != st.retryAfter {
				t.Fatalf("retry after %s, want %s (%v)", lim.RetryAfter, st.retryAfter, err)
			}
			if _, ok := s.Exists(st.gone); st.gone != "" && ok {
				t.Fatalf("%s was not evicted: %v", st.gone, s.Namespaces())
			}
		})
	}
	if got, want := fmt.Sprint(s.Owners()), "map[A:2 B:1 C:1]"; got != want {
		t.Fatalf("owners %s, want %s", got, want)
	}
	if err := s.View("never-made", func(*store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Exists("never-made"); ok {
		t.Fatal("a read created a namespace")
	}
}
