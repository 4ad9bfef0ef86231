package store_test

import (
	"errors"

	"strconv"
	"testing"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
)

// clockPart stands for per-namespace state kept outside the store.
type clockPart struct {
	now  map[string]string
	fail bool
}

func (p *clockPart) Save(ns string) ([]byte, error) { return []byte(p.now[ns]), nil }
func (p *clockPart) Restore(ns string, b []byte) error {
	if p.fail {
		return errors.New("clock refuses")
	}
	p.now[ns] = string(b)
	return nil
}

// TestSnapshots checks save, restore (into the same and another
// namespace), the registered part, the limit, unknown names and a failed
// restore that changes nothing.
func TestSnapshots(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Customers: baseCustomers(3), MaxSnapshots: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	clock := &clockPart{now: map[string]string{"a": "t1"}}
	s.RegisterSnapshotPart("clock", clock)
	rename := func(ns string, id int64, name string) {
		t.Helper()
		err := s.Update(ns, func(tx *store.Tx) error {
			c, err := tx.Customer(id)
			if err != nil {
				return err
			}
			c.Profiles[0].FirstName = name
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	first := func(ns string, id int64) string {
		var name string
		_ = s.View(ns, func(tx *store.Tx) error {
			c, err := tx.Customer(id)
			if err == nil {
				name = c.Profiles[0].FirstName
			}
			return nil
		})
		return name
	}
	rename("a", 1, "saved")
	if _, err := s.SaveSnapshot("s1", "a"); err != nil {
		t.Fatal(err)
	}
	rename("a", 1, "changed")
	rename("a", 2, "changed")
	clock.now["a"] = "t2"
	if _, err := s.RestoreSnapshot("s1", "a"); err != nil {
		t.Fatal(err)
	}
	if first("a", 1) != "saved" || first("a", 2) != "c00002" || clock.now["a"] != "t1" {
		t.Fatalf("after restore: %q %q clock %q", first("a", 1), first("a", 2), clock.now["a"])
	}
	if _, err := s.RestoreSnapshot("s1", "b"); err != nil || first("b", 1) != "saved" {
		t.Fatalf("restore into another namespace: %v %q", err, first("b", 1))
	}
	for _, tc := range []struct {
		name string
		do   func() error
		want error
	}{
		{"unknown restore", func() error { _, err := s.RestoreSnapshot("nope", "a"); return err }, store.ErrNoSnapshot},
		{"unknown drop", func() error { return s.DropSnapshot("nope") }, store.ErrNoSnapshot},
		{"bad name", func() error { _, err := s.SaveSnapshot("../x", "a"); return err }, store.ErrBadSnapshot},
		{"second", func() error { _, err := s.SaveSnapshot("s2", "a"); return err }, nil},
		{"replace", func() error { _, err := s.SaveSnapshot("s2", "a"); return err }, nil},
		{"past the limit", func() error { _, err := s.SaveSnapshot("s3", "a"); return err }, store.ErrTooManySnapshots},
		{"drop", func() error { return s.DropSnapshot("s2") }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.do(); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if got := len(s.Snapshots()); got != 1 {
		t.Fatalf("%d snapshots, want 1", got)
	}
	rename("a", 1, "kept")
	clock.fail = true
	if _, err := s.RestoreSnapshot("s1", "a"); err == nil || first("a", 1) != "kept" {
		t.Fatalf("a failed restore: %v, name %q", err, first("a", 1))
	}
}

// BenchmarkSnapshotRestore restores a namespace of the default size (the
// fixtures and 300 generated customers) in which a test changed 20
// customers: the cost is what the namespace changed, not the base size.
func BenchmarkSnapshotRestore(b *testing.B) {
	ds, err := fixture.Load(fixtures.FS)
	if err != nil {
		b.Fatal(err)
	}
	cs := append(ds.Customers, fixture.Generate(1, 300, &ds.Org, 1000000, ds.Taken())...)
	s, err := store.Open(store.Options{Org: &ds.Org, Customers: cs})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	touch := func(tag string) {
		err := s.Update("suite", func(tx *store.Tx) error {
			for i := 0; i < 20; i++ {
				c, err := tx.Customer(1000000 + int64(i))
				if err != nil {
					return err
				}
				c.ExtendedFields = map[string]string{"tag": tag}
				if err := tx.Put(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	touch("seeded")
	if _, err := s.SaveSnapshot("seeded", "suite"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		touch(strconv.Itoa(i))
		b.StartTimer()
		if _, err := s.RestoreSnapshot("seeded", "suite"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
}
