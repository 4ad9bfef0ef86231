package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

func listCustomer(id int64) simulator.Customer {
	return simulator.Customer{ID: id, Version: 1, Profiles: []simulator.Profile{{Source: simulator.SourceInstore, FirstName: "list",
		Identifiers: []simulator.Identifier{{Type: simulator.IDMobile, Value: fmt.Sprintf("4470001%05d", id)}}}}}
}

func bill(id int64) simulator.Transaction {
	return simulator.Transaction{ID: id, Number: fmt.Sprintf("B-%d", id), Type: simulator.TransactionRegular, Amount: float64(id),
		Date: time.Unix(1_700_000_000+id, 0).UTC(), LineItems: []simulator.LineItem{{Serial: 1, ItemCode: "sku", Qty: 1}}}
}

func bills(ids ...int64) []simulator.Transaction {
	out := make([]simulator.Transaction, len(ids))
	for i, id := range ids {
		out[i] = bill(id)
	}
	return out
}

func redemptions(ids ...int64) []simulator.Redemption {
	out := make([]simulator.Redemption, len(ids))
	for i, id := range ids {
		out[i] = simulator.Redemption{ID: id, Kind: simulator.RedemptionPoints, Points: float64(id), Date: time.Unix(1_700_000_000+id, 0).UTC()}
	}
	return out
}

// openListStore opens an in-memory store of one customer, listCustomer(1),
// closed when the test ends.
func openListStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(Options{Customers: []simulator.Customer{listCustomer(1)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// readCustomer returns customer id as namespace ns of s reads it (shared:
// not to change), failing the test if it cannot.
func readCustomer(t *testing.T, s *Store, ns string, id int64) *simulator.Customer {
	t.Helper()
	var c *simulator.Customer
	if err := s.View(ns, func(tx *Tx) (err error) { c, err = tx.Customer(id); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// editHistory writes, in one Update of s, customer id's history as edit
// changes it; then fails the Update if fail is set.
func editHistory(s *Store, id int64, edit func(h *simulator.History), fail error) error {
	return editCustomer(s, id, func(_ *Tx, c *simulator.Customer) error { edit(c.History); return nil }, fail)
}

// editCustomer is editHistory with the transaction and the whole customer
// (its history made if it had none); an error of edit ends the Update.
func editCustomer(s *Store, id int64, edit func(tx *Tx, c *simulator.Customer) error, fail error) error {
	return s.Update(DefaultNamespace, func(tx *Tx) error {
		c, err := tx.Customer(id)
		if err != nil {
			return err
		}
		if c.History == nil {
			c.History = &simulator.History{}
		}
		if err := edit(tx, c); err != nil {
			return err
		}
		if err := tx.Put(c); err != nil {
			return err
		}
		return fail
	})
}

// TestListsFollowEveryChange checks that a customer's bills and
// redemptions, kept in keys of their own, read back as written after each
// kind of change, from the cache and from the keys alone (a reopened
// file), with the bill index following, and that a failed write changes
// nothing.
func TestListsFollowEveryChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lists.db")
	s, err := Open(Options{Path: path, Customers: []simulator.Customer{listCustomer(1)}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// A bill to change is found through History.Transaction, and a list
	// reordered is the writer's own (the bills are lent: LendBills).
	change := func(h *simulator.History) { h.Transaction(2).LineItems[0].ReturnedQty = 1 }
	mine := func(edit func(h *simulator.History)) func(h *simulator.History) {
		return func(h *simulator.History) { h.Transactions = slices.Clone(h.Transactions); edit(h) }
	}
	steps := []struct {
		name  string
		edit  func(h *simulator.History)
		bills []int64 // the bills after the step
		reds  []int64
	}{
		{"first write of a base customer", func(h *simulator.History) { h.Transactions = bills(1, 2, 3) }, []int64{1, 2, 3}, nil},
		{"append", func(h *simulator.History) { h.Transactions = append(h.Transactions, bill(4)) }, []int64{1, 2, 3, 4}, nil},
		{"change one in place", change, []int64{1, 2, 3, 4}, nil},
		{"drop the oldest, add one", mine(func(h *simulator.History) {
			h.Transactions = append(slices.Delete(h.Transactions, 0, 1), bill(5))
		}), []int64{2, 3, 4, 5}, nil},
		{"insert in the middle", mine(func(h *simulator.History) {
			h.Transactions = slices.Insert(h.Transactions, 1, bill(6))
		}), []int64{2, 6, 3, 4, 5}, nil},
		{"delete in the middle", mine(func(h *simulator.History) {
			h.Transactions = slices.Delete(h.Transactions, 2, 3)
		}), []int64{2, 6, 4, 5}, nil},
		{"redemptions, a window", func(h *simulator.History) { h.Redemptions = redemptions(1, 2, 3) }, []int64{2, 6, 4, 5}, []int64{1, 2, 3}},
		{"window slides", func(h *simulator.History) {
			h.Redemptions = append(h.Redemptions[1:], redemptions(4)...)
		}, []int64{2, 6, 4, 5}, []int64{2, 3, 4}},
		{"reverse", mine(func(h *simulator.History) { slices.Reverse(h.Transactions) }), []int64{5, 4, 6, 2}, []int64{2, 3, 4}},
		{"append after a copy", mine(func(h *simulator.History) {
			h.Transactions = append(h.Transactions, bill(9))
		}), []int64{5, 4, 6, 2, 9}, []int64{2, 3, 4}},
		{"append past the room", func(h *simulator.History) {
			for id := int64(10); id < 40; id++ {
				h.Transactions = append(h.Transactions, bill(id))
			}
		}, append([]int64{5, 4, 6, 2, 9}, seq(10, 40)...), []int64{2, 3, 4}},
		{"empty", func(h *simulator.History) { h.Transactions, h.Redemptions = nil, nil }, nil, nil},
		{"again", func(h *simulator.History) { h.Transactions = bills(7, 8) }, []int64{7, 8}, nil},
	}
	wantBills := func(ids []int64, returned bool) []simulator.Transaction {
		out := bills(ids...)
		for i := range out {
			if out[i].ID == 2 && returned {
				out[i].LineItems[0].ReturnedQty = 1
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	check := func(step string, wantB []simulator.Transaction, wantR []int64, gone []int64) {
		t.Helper()
		err := s.View(DefaultNamespace, func(tx *Tx) error {
			c, err := tx.Customer(1)
			if err != nil {
				return err
			}
			var gotB []simulator.Transaction
			var gotR []simulator.Redemption
			if c.History != nil {
				gotB, gotR = c.History.Transactions, c.History.Redemptions
			}
			if !reflect.DeepEqual(gotB, wantB) {
				t.Fatalf("%s: bills %v, want %v", step, ids(gotB), ids(wantB))
			}
			if want := redemptions(wantR...); len(wantR) > 0 && !reflect.DeepEqual(gotR, want) || len(wantR) == 0 && len(gotR) > 0 {
				t.Fatalf("%s: redemptions %+v, want %v", step, gotR, wantR)
			}
			for _, b := range wantB {
				if owner, ok := tx.TransactionOwner(b.ID); !ok || owner != 1 {
					t.Fatalf("%s: bill %d has no owner in the index", step, b.ID)
				}
				if refs := tx.BillsNumbered(b.Number); len(refs) != 1 || refs[0].ID != b.ID {
					t.Fatalf("%s: bill number %s finds %+v", step, b.Number, refs)
				}
			}
			for _, id := range gone {
				if _, ok := tx.TransactionOwner(id); ok {
					t.Fatalf("%s: bill %d, gone, is still indexed", step, id)
				}
				if refs := tx.BillsNumbered(bill(id).Number); len(refs) != 0 {
					t.Fatalf("%s: bill number of %d, gone, still finds %+v", step, id, refs)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	returned := false
	seen := map[int64]bool{}
	for _, st := range steps {
		// A failed write first: it leaves what was there.
		err := editHistory(s, 1, func(h *simulator.History) { h.Transactions = append(h.Transactions, bill(99)) }, errors.New("refused"))
		if err == nil {
			t.Fatal("the failed write succeeded")
		}
		err = editHistory(s, 1, st.edit, nil)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.name == "change one in place" {
			returned = true
		}
		var gone []int64
		for _, id := range st.bills {
			seen[id] = true
		}
		for id := range seen {
			if !slices.Contains(st.bills, id) {
				gone = append(gone, id)
			}
		}
		gone = append(gone, 99)
		check(st.name, wantBills(st.bills, returned), st.reds, gone)
		// The keys alone: a reopened file reads the same.
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(Options{Path: path, Customers: []simulator.Customer{listCustomer(1)}}); err != nil {
			t.Fatal(err)
		}
		check(st.name+" (reopened)", wantBills(st.bills, returned), st.reds, gone)
	}
}

func TestPositionKeysSortAsNumbers(t *testing.T) {
	if got, want := positionKey("ns", billKeyPrefix, 42, 7), "ns:cb:42"+sep+"00000000000000000007"; got != want {
		t.Fatalf("positionKey = %q, want %q", got, want)
	}
	prev := ""
	for _, n := range []uint64{0, 1, 9, 10, 99, 100, 1 << 40, 1<<64 - 1} {
		k := positionKey("ns", redKeyPrefix, 1, n)
		if k <= prev {
			t.Fatalf("key of %d (%q) sorts before %q", n, k, prev)
		}
		prev = k
	}
}

func seq(from, to int64) []int64 {
	var out []int64
	for id := from; id < to; id++ {
		out = append(out, id)
	}
	return out
}

// TestLentBillChangedInPlaceFails checks that, in tests, a write fails
// when code changed a lent bill in place, bypassing History.Transaction:
// such a change would not be written.
func TestLentBillChangedInPlaceFails(t *testing.T) {
	s := openListStore(t)
	write := func(edit func(h *simulator.History)) error { return editHistory(s, 1, edit, nil) }
	if err := write(func(h *simulator.History) { h.Transactions = bills(1, 2) }); err != nil {
		t.Fatal(err)
	}
	err := write(func(h *simulator.History) {
		h.Transactions[0].Amount = 7
		h.Transactions = append(h.Transactions, bill(3))
	})
	if err == nil {
		t.Fatal("a lent bill changed in place was not noticed")
	}
	if err := write(func(h *simulator.History) { h.Transaction(1).Amount = 7 }); err != nil {
		t.Fatal(err)
	}
	s.lists.clear() // what the keys hold
	_ = s.View(DefaultNamespace, func(tx *Tx) error {
		c, _ := tx.Customer(1)
		if got := ids(c.History.Transactions); !slices.Equal(got, []int64{1, 2}) || c.History.Transactions[0].Amount != 7 {
			t.Fatalf("bills %v, first amount %v: want 1, 2 and 7", got, c.History.Transactions[0].Amount)
		}
		return nil
	})
}

func ids(bs []simulator.Transaction) []int64 {
	var out []int64
	for _, b := range bs {
		out = append(out, b.ID)
	}
	return out
}

// TestRecordsOfEarlierVersionsOpen checks that a file written by an earlier
// version, whose customer records carry their bills inline, reads as
// before, and that the next write moves the bills to keys of their own
// with the index intact.
func TestRecordsOfEarlierVersionsOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	old := listCustomer(40)
	old.History = &simulator.History{Transactions: bills(1, 2), Redemptions: redemptions(1)}
	lotExpiry := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	old.Loyalty = []simulator.ProgramLoyalty{{ProgramID: 1, LoyaltyPoints: 7, Lots: []simulator.PointsLot{{BillID: 2, Expires: lotExpiry, Remaining: 7}}}}
	// What an earlier Put wrote: the whole customer (its points lots said
	// when they were earned), and every index entry.
	err = s.db.Update(func(btx *buntdb.Tx) error {
		js, err := json.Marshal(&old)
		if err != nil {
			return err
		}
		if js = bytes.Replace(js, []byte(`"expires"`), []byte(`"earned":"2026-01-02T03:04:05Z","expires"`), 1); !bytes.Contains(js, []byte(`"earned"`)) {
			t.Fatalf("no lot in %s", js)
		}
		if _, _, err := btx.Set(customerKey(DefaultNamespace, 40), string(js), nil); err != nil {
			return err
		}
		for _, e := range s.indexEntries(DefaultNamespace, &old) {
			if _, _, err := btx.Set(e.k, e.v, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	read := func(step string, wantBills ...int64) {
		t.Helper()
		err := s.View(DefaultNamespace, func(tx *Tx) error {
			c, err := tx.Customer(40)
			if err != nil {
				return err
			}
			if got := ids(c.History.Transactions); !slices.Equal(got, wantBills) {
				t.Fatalf("%s: bills %v, want %v", step, got, wantBills)
			}
			if len(c.History.Redemptions) != 1 {
				t.Fatalf("%s: redemptions %+v", step, c.History.Redemptions)
			}
			if want := old.Loyalty[0].Lots; !reflect.DeepEqual(c.Loyalty[0].Lots, want) {
				t.Fatalf("%s: lots %+v, want %+v", step, c.Loyalty[0].Lots, want)
			}
			for _, id := range wantBills {
				if owner, ok := tx.TransactionOwner(id); !ok || owner != 40 {
					t.Fatalf("%s: bill %d has no owner", step, id)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if s, err = Open(Options{Path: path}); err != nil {
		t.Fatal(err)
	}
	read("as written", 1, 2)
	err = s.Update(DefaultNamespace, func(tx *Tx) error {
		c, err := tx.Customer(40)
		if err != nil {
			return err
		}
		c.History.Transactions = append(c.History.Transactions, bill(3))
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	read("after a write", 1, 2, 3)
	_ = s.View(DefaultNamespace, func(tx *Tx) error {
		rec, _ := tx.tx.Get(customerKey(DefaultNamespace, 40))
		var c simulator.Customer
		if err := json.Unmarshal([]byte(rec), &c); err != nil || inline(&c) {
			t.Fatalf("the record still carries its lists (%v): %s", err, rec)
		}
		return nil
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(Options{Path: path}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	read("reopened", 1, 2, 3)
}

// BenchmarkWriteToBigHistory adds a bill to a customer with few bills and
// to one with thousands, interleaved, and reports both and their ratio:
// with the bills in keys of their own the second costs about what the
// first does. go test -run '^$' -bench WriteToBigHistory ./simulator/store
func BenchmarkWriteToBigHistory(b *testing.B) {
	const few, many = 5, 5000
	s, err := Open(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	next := int64(1)
	seed := func(id int64, n int) {
		err := s.Update(DefaultNamespace, func(tx *Tx) error {
			c := listCustomer(id)
			c.History = &simulator.History{}
			for range n {
				c.History.Transactions = append(c.History.Transactions, bill(next))
				next++
			}
			return tx.Put(&c)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	seed(1, few)
	seed(2, many)
	add := func(id int64) time.Duration {
		start := time.Now()
		err := s.Update(DefaultNamespace, func(tx *Tx) error {
			c, err := tx.Customer(id)
			if err != nil {
				return err
			}
			c.History.Transactions = append(c.History.Transactions, bill(next))
			next++
			return tx.Put(c)
		})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var spent [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spent[0] += add(1)
		spent[1] += add(2)
	}
	b.ReportMetric(float64(spent[0].Nanoseconds())/float64(b.N), "few-ns/op")
	b.ReportMetric(float64(spent[1].Nanoseconds())/float64(b.N), "many-ns/op")
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "many/few")
}

// TestLentBillsUnderConcurrentReads has readers go through a customer's
// bills while a writer appends to them (run it with -race): each reader
// sees a whole list of some write, in order, and the last has every bill.
func TestLentBillsUnderConcurrentReads(t *testing.T) {
	s := openListStore(t)
	const writes = 200
	done := make(chan struct{})
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				err := s.View(DefaultNamespace, func(tx *Tx) error {
					c, err := tx.Customer(1)
					if err != nil || c.History == nil {
						return err
					}
					for i, b := range c.History.Transactions {
						if b.ID != int64(i+1) || len(b.LineItems) != 1 {
							return fmt.Errorf("bill %d of %d is %d", i, len(c.History.Transactions), b.ID)
						}
					}
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for id := int64(1); id <= writes; id++ {
		err := editHistory(s, 1, func(h *simulator.History) { h.Transactions = append(h.Transactions, bill(id)) }, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	_ = s.View(DefaultNamespace, func(tx *Tx) error {
		c, _ := tx.Customer(1)
		if got := len(c.History.Transactions); got != writes {
			t.Fatalf("%d bills, want %d", got, writes)
		}
		return nil
	})
}

// TestRolledBackWriteLendsAgain: a write that borrowed a customer's bills
// and then failed leaves them lendable, so the next writer borrows them too
// instead of copying the whole history; what the failed write appended past
// their end is gone.
func TestRolledBackWriteLendsAgain(t *testing.T) {
	s := openListStore(t)
	for id := int64(1); id <= 3; id++ {
		if err := editHistory(s, 1, func(h *simulator.History) { h.Transactions = append(h.Transactions, bill(id)) }, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Refused after reading the customer, as a bill over the limit is, or
	// after writing it.
	refused := errors.New("refused")
	fails := []func(tx *Tx) error{
		func(tx *Tx) error {
			c, err := tx.Customer(1)
			if err != nil {
				return err
			}
			c.History.Transactions = append(c.History.Transactions, bill(100))
			return refused
		},
		func(tx *Tx) error {
			c, err := tx.Customer(1)
			if err != nil {
				return err
			}
			c.History.Transactions = append(c.History.Transactions, bill(101))
			if err := tx.Put(c); err != nil {
				return err
			}
			return refused
		},
	}
	for _, fail := range []func(tx *Tx) error{fails[1], fails[0], fails[0]} { // the last refused before writing
		if err := s.Update(DefaultNamespace, fail); !errors.Is(err, refused) {
			t.Fatalf("the failing write: %v", err)
		}
	}
	err := s.Update(DefaultNamespace, func(tx *Tx) error {
		c, err := tx.Customer(1)
		if err != nil {
			return err
		}
		if !c.History.BillsLent() {
			return errors.New("after a rolled-back write the bills are copied, not lent")
		}
		c.History.Transactions = append(c.History.Transactions, bill(4))
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(readCustomer(t, s, DefaultNamespace, 1).History.Transactions); !slices.Equal(got, []int64{1, 2, 3, 4}) {
		t.Fatalf("bills %v, want 1 to 4", got)
	}
}
