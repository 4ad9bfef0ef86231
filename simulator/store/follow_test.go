package store_test

import (
	"errors"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

func TestSurvivor(t *testing.T) {
	t.Parallel()
	merged := func(id, into int64) simulator.Customer { return simulator.Customer{ID: id, MergedInto: into} }
	s, err := store.Open(store.Options{Org: &simulator.Org{}, Customers: []simulator.Customer{
		customer(1, "ann", "447000000001"), merged(2, 1), merged(3, 2), merged(4, 99), merged(5, 6), merged(6, 5),
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		name       string
		id, want   int64
		wantMerged bool
		wantErr    bool
	}{
		{"not merged", 1, 1, false, false},
		{"merged once", 2, 1, true, false},
		{"a chain of merges", 3, 1, true, false},
		{"survivor missing", 4, 0, true, true},
		{"unknown", 42, 0, false, true},
		{"a cycle", 5, 0, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_ = s.View(store.DefaultNamespace, func(tx *store.Tx) error {
				c, merged, err := tx.Survivor(tc.id)
				if (err != nil) != tc.wantErr {
					t.Fatalf("err %v, want error %v", err, tc.wantErr)
				}
				if tc.id == 42 && !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("err %v, want ErrNotFound", err)
				}
				if merged != tc.wantMerged {
					t.Fatalf("merged %v, want %v", merged, tc.wantMerged)
				}
				if err == nil && c.ID != tc.want {
					t.Fatalf("survivor %d, want %d", c.ID, tc.want)
				}
				return nil
			})
		})
	}
}
