package simulator

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestLatestBillFollowsTheBills drives a History through what the store
// does to one (bills appended, lent to the next writer with the mark the
// last one left, shared with readers, changed through an accessor) and
// checks, after every step, that LatestBill is the bill FindTransactions
// lists first.
func TestLatestBillFollowsTheBills(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{time.UTC, time.FixedZone("IST", 19800), time.FixedZone("", -3600)}
	base := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	date := func() time.Time { // few seconds, so that ties are many
		return base.Add(time.Duration(r.IntN(4)) * time.Hour).In(zones[r.IntN(len(zones))])
	}
	check := func(h *History, step string) {
		t.Helper()
		page, _ := h.FindTransactions(TransactionQuery{})
		got := h.LatestBill()
		switch {
		case len(page) == 0 && got != nil:
			t.Fatalf("%s: LatestBill = bill %d of none", step, got.ID)
		case len(page) > 0 && (got == nil || got.ID != page[0].ID):
			t.Fatalf("%s: LatestBill = %v, want bill %d", step, got, page[0].ID)
		}
	}
	id := int64(0)
	for round := range 300 {
		h := &History{}
		check(h, "empty")
		for range 40 {
			switch op := r.IntN(7); op {
			case 0, 1, 2:
				id++
				h.Transactions = append(h.Transactions, Transaction{ID: 1000 + (id*7919)%5000 + id*5000, Date: date()})
				check(h, "append")
			case 3: // a write: the store keeps the mark and lends the bills to the next writer
				m := h.MarkLatest()
				check(h, "mark")
				reader := &History{Transactions: h.Transactions}
				reader.SetLatestMark(m)
				check(reader, "reader")
				// Readers share a History: reading a bill writes nothing to it.
				before := *reader
				reader.TransactionsNumbered("no such bill")
				if reader.latest != before.latest || reader.lent != before.lent {
					t.Fatal("TransactionsNumbered changed a reader's History")
				}
				next := &History{Transactions: h.Transactions}
				next.LendBills()
				next.SetLatestMark(m)
				h = next
				check(h, "lent")
			case 4: // a bill changed in place, through the accessor
				if len(h.Transactions) > 0 {
					b := h.Transaction(h.Transactions[r.IntN(len(h.Transactions))].ID)
					b.Date = date()
					check(h, "changed")
				}
			case 5: // bills of h's own changed in place, marked again
				if !h.BillsLent() && len(h.Transactions) > 0 {
					h.MarkLatest()
					h.Transactions[r.IntN(len(h.Transactions))].Date = date()
					h.MarkLatest()
					check(h, "own bills changed")
				}
			case 6: // a handler drops the bills for others (merge, a list rebuilt)
				if len(h.Transactions) > 1 && r.IntN(4) == 0 {
					h.Transactions = append([]Transaction(nil), h.Transactions[1:]...)
					check(h, "rebuilt")
				}
			}
		}
		_ = round
	}
}
