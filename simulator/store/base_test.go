package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// Base data given as a list and as a sequence is the same base data, and
// it is refused, wherever the clash lies (in one chunk of packing or across
// chunks), when two customers share an id or an identifier.
func TestBaseData(t *testing.T) {
	t.Parallel()
	seq := func(cs []simulator.Customer) func(func(simulator.Customer) bool) {
		return func(yield func(simulator.Customer) bool) {
			for _, c := range cs {
				if !yield(c) {
					return
				}
			}
		}
	}
	with := func(n int, change func([]simulator.Customer)) []simulator.Customer {
		cs := baseCustomers(n)
		change(cs)
		return cs
	}
	for _, tt := range []struct {
		name      string
		customers []simulator.Customer
		generated []simulator.Customer
		wantErr   string
	}{
		{"list", baseCustomers(4500), nil, ""},
		{"sequence", nil, baseCustomers(4500), ""},
		{"both", baseCustomers(1000), baseCustomers(4500)[1000:], ""},
		{"id twice in a chunk", with(10, func(cs []simulator.Customer) { cs[3].ID = 2 }), nil, "customer 2 appears twice"},
		{"id twice across chunks", baseCustomers(10), with(3010, func(cs []simulator.Customer) {
			cs[3009] = customer(7, "x", "449999999999")
		})[10:], "customer 7 appears twice"},
		{"mobile shared across chunks", nil, with(4500, func(cs []simulator.Customer) {
			cs[4400].Profiles[0].Identifiers[0].Value = cs[5].Profiles[0].Identifiers[0].Value
		}), "customers 6 and 4401 share index key"},
		{"id past 32 bits", nil, with(3, func(cs []simulator.Customer) { cs[1].ID = 1 << 32 }), "customer id 4294967296"},
		{"negative id", with(3, func(cs []simulator.Customer) { cs[1].ID = -2 }), nil, "customer id -2"},
		{"key past 64 KiB", with(3, func(cs []simulator.Customer) {
			cs[2].Profiles[0].Identifiers[1].Value = strings.Repeat("x", 1<<16) + "@example.com"
		}), nil, "customer 3 has an index key of"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := store.Options{Customers: tt.customers}
			if tt.generated != nil {
				opts.Generated = seq(tt.generated)
			}
			s, err := store.Open(opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open: %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var ids []int64
			count := 0
			err = s.View(store.DefaultNamespace, func(tx *store.Tx) error {
				for _, id := range []int64{1, 2000, 2001, 4500} {
					c, err := tx.Customer(id)
					if err != nil {
						return fmt.Errorf("customer %d: %w", id, err)
					}
					ids = append(ids, c.ID)
				}
				if owner, ok := tx.Owner(simulator.SourceInstore, "", simulator.IDMobile, "447000004321"); !ok || owner != 4321 {
					return fmt.Errorf("mobile 447000004321 belongs to %d, %v", owner, ok)
				}
				count = tx.Count()
				return nil
			})
			if err != nil || !slices.Equal(ids, []int64{1, 2000, 2001, 4500}) || count != 4500 {
				t.Fatalf("got %v, %d customers, %v", ids, count, err)
			}
		})
	}
}
