package store_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// TestCustomerPage checks that every page CustomerPage returns is the same
// slice of the key order as Each gives, in a namespace whose own customers
// shadow base ones and fall between them.
func TestCustomerPage(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Customers: baseCustomers(40)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ns := range []string{"plain", "written"} {
		if ns == "written" {
			err := s.Update(ns, func(tx *store.Tx) error {
				for _, id := range []int64{1, 5, 17, 40, 100, 2500, 41, 9999999} { // shadowing and new
					c := customer(id, fmt.Sprintf("w%d", id), fmt.Sprintf("4480%08d", id))
					if err := tx.Put(&c); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		t.Run(ns, func(t *testing.T) {
			err := s.View(ns, func(tx *store.Tx) error {
				var all []string
				if err := tx.Each(func(c *simulator.Customer) bool {
					all = append(all, fmt.Sprintf("%d:%s", c.ID, c.Profiles[0].FirstName))
					return true
				}); err != nil {
					return err
				}
				if len(all) != tx.Count() {
					t.Fatalf("Each gives %d, Count %d", len(all), tx.Count())
				}
				for _, limit := range []int{1, 3, 7, 100} {
					for offset := 0; offset <= len(all)+1; offset++ {
						page, err := tx.CustomerPage(offset, limit)
						if err != nil {
							return err
						}
						var got []string
						for _, c := range page {
							got = append(got, fmt.Sprintf("%d:%s", c.ID, c.Profiles[0].FirstName))
						}
						want := all[min(offset, len(all)):min(offset+limit, len(all))]
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Fatalf("offset %d limit %d: %v, want %v", offset, limit, got, want)
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// BenchmarkCustomerPage reads a 50-customer page at the start and at the end
// of 20,000 base customers, by CustomerPage and by skipping with Each (what
// the admin list did): the deep page by index costs what the first does.
func BenchmarkCustomerPage(b *testing.B) {
	const n = 20000
	s, err := store.Open(store.Options{Customers: baseCustomers(n)})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	each := func(tx *store.Tx, offset, limit int) int {
		i, got := 0, 0
		_ = tx.Each(func(*simulator.Customer) bool {
			if i >= offset {
				got++
			}
			i++
			return got < limit
		})
		return got
	}
	for _, offset := range []int{0, n - 50} {
		for _, m := range []string{"page", "each"} {
			b.Run(fmt.Sprintf("%s/offset=%d", m, offset), func(b *testing.B) {
				for range b.N {
					_ = s.View("default", func(tx *store.Tx) error {
						if m == "page" {
							_, err := tx.CustomerPage(offset, 50)
							return err
						}
						each(tx, offset, 50)
						return nil
					})
				}
			})
		}
	}
}

// TestIdentifierBound checks that no write stores a customer with more than
// simulator.MaxIdentifiers identifiers: the bound holds whatever the API.
func TestIdentifierBound(t *testing.T) {
	t.Parallel()
	s, err := store.Open(store.Options{Customers: baseCustomers(2)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		n    int
		says string
	}{{simulator.MaxIdentifiers, ""}, {simulator.MaxIdentifiers + 1, "a customer holds at most 100"}} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			c := customer(int64(500+tc.n), "many", "447900000001")
			c.Profiles[0].Identifiers = nil
			for i := range tc.n {
				c.Profiles[0].Identifiers = append(c.Profiles[0].Identifiers, simulator.Identifier{Type: "cardnumber", Value: fmt.Sprintf("C%06d-%d", i, tc.n)})
			}
			err := s.Update("bound", func(tx *store.Tx) error { return tx.Put(&c) })
			if (err != nil) != (tc.says != "") || (err != nil && !strings.Contains(err.Error(), tc.says)) {
				t.Fatalf("Put of %d identifiers: %v, want %q", tc.n, err, tc.says)
			}
		})
	}
}
