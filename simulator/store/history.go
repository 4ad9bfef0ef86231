package store

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/capsim/capsim/simulator"
)

// A customer's bills and redemptions grow without bound, so the namespace
// keeps them outside the customer's record: one key per bill and per
// redemption, named by the customer and a number that grows in list order,
// so that a write re-encodes and re-indexes only what it changed. A writer
// borrows the stored bills rather than a copy (History.LendBills), so that
// a write to a customer with 5,000 bills costs about what one with 5 does.
// The record holds the rest of the customer. Records the base data holds,
// and records written by earlier versions (a --db file), carry their lists
// inline: they read as before and move to keys on their next write.
const (
	billKeyPrefix = ":cb:" // customer id, number -> the bill (JSON)
	redKeyPrefix  = ":cr:" // customer id, number -> the redemption (JSON)
)

// positionKey is the key of the item numbered seq of customer id's list
// under prefix, in namespace ns: fixed-width, so that key order is the
// order of the numbers, which is list order.
func positionKey(ns, prefix string, id int64, seq uint64) string {
	b := make([]byte, 0, len(ns)+len(prefix)+20+len(sep)+20)
	b = strconv.AppendInt(append(append(b, ns...), prefix...), id, 10)
	b = append(b, sep...)
	n := strconv.AppendUint(nil, seq, 10)
	for range 20 - len(n) {
		b = append(b, '0')
	}
	return string(append(b, n...))
}

// listed is what the namespace keeps of a customer in keys of their own:
// its bills and redemptions as stored, and the record they go with. What
// it holds never changes: readers share it, and one writer at a time may
// borrow its bills (lendable) to append past their end.
type listed struct {
	rec      string // the record as stored, which names this state
	bills    []simulator.Transaction
	billSeqs []uint64 // the numbers in the bills' keys
	reds     []simulator.Redemption
	redSeqs  []uint64
	// latest is where the latest of bills is (History.MarkLatest), if
	// known.
	latest simulator.LatestMark
	// lendable: no writer has borrowed bills yet, so the room past their
	// end is free.
	lendable atomic.Bool
}

// newListed returns the lists of record rec; bills get room to grow.
func newListed(rec string, bills []simulator.Transaction, billSeqs []uint64) *listed {
	if len(bills) > 0 {
		bills = slices.Grow(bills, room(len(bills)))
	}
	l := &listed{rec: rec, bills: bills, billSeqs: billSeqs}
	l.lendable.Store(true)
	return l
}

// room is how many items a stored list of n gets room for past its end,
// for a writer to append in place (a bill is half a KiB): half as many
// again, and one. A writer that needs more appends as Go does, onto a copy
// with room of its own, which is then stored as it is.
func room(n int) int { return n/2 + 1 }

// size is what l counts towards the cache's bound: its items, and its
// record by the KiB.
func (l *listed) size() int { return 1 + len(l.bills) + len(l.reds) + len(l.rec)>>10 }

// listCache holds the lists of the customers read or written lately that
// have any, so that a write need not decode them again (a customer without
// lists costs one empty range scan). An entry counts only while the stored
// record equals its rec: every write of a customer writes a new record (its
// version grows), and reset, restore and drop clear the cache under the
// write lock. What it holds is bounded (maxListed).
type listCache struct {
	mu sync.Mutex
	m  map[cacheKey]*listed
	n  int
}

// maxListed bounds the size (listed.size) of what listCache holds: some
// 32 MiB of bills.
const maxListed = 1 << 16

func (c *listCache) load(k cacheKey, rec string) (*listed, bool) {
	c.mu.Lock()
	l, ok := c.m[k]
	c.mu.Unlock()
	if !ok || l.rec != rec {
		return nil, false
	}
	return l, true
}

func (c *listCache) store(k cacheKey, l *listed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[k]; ok {
		c.n -= old.size()
	}
	if len(l.bills) == 0 && len(l.reds) == 0 || l.size() > maxListed {
		delete(c.m, k)
		return
	}
	if c.m == nil || c.n+l.size() > maxListed {
		c.m, c.n = make(map[cacheKey]*listed), 0
	}
	c.m[k] = l
	c.n += l.size()
}

func (c *listCache) drop(k cacheKey) {
	c.mu.Lock()
	if old, ok := c.m[k]; ok {
		c.n -= old.size()
		delete(c.m, k)
	}
	c.mu.Unlock()
}

func (c *listCache) clear() {
	c.mu.Lock()
	c.m, c.n = nil, 0
	c.mu.Unlock()
}

// lists returns the lists customer id keeps in keys of the namespace, for
// its record rec: from the cache, else decoded from the keys.
func (t *Tx) lists(id int64, rec string) (*listed, error) {
	ck := cacheKey{t.ns, id}
	if l, ok := t.s.lists.load(ck, rec); ok {
		return l, nil
	}
	bills, seqs, err := readList[simulator.Transaction](t, billKeyPrefix, id)
	if err != nil {
		return nil, err
	}
	l := newListed(rec, bills, seqs)
	if l.reds, l.redSeqs, err = readList[simulator.Redemption](t, redKeyPrefix, id); err != nil {
		return nil, err
	}
	t.s.lists.store(ck, l)
	return l, nil
}

// readList decodes the items customer id keeps under prefix, in order,
// and their numbers.
func readList[T any](t *Tx, prefix string, id int64) ([]T, []uint64, error) {
	lo := t.ns + prefix + strconv.FormatInt(id, 10) + sep
	var out []T
	var seqs []uint64
	var ferr error
	err := t.tx.AscendRange("", lo, lo+"\xff", func(k, v string) bool {
		var item T
		seq, err := strconv.ParseUint(k[len(lo):], 10, 64)
		if err == nil {
			err = decodeJSON([]byte(v), &item)
		}
		if err != nil {
			ferr = fmt.Errorf("customer %d: %s: %w", id, k[len(t.ns):], err)
			return false
		}
		out, seqs = append(out, item), append(seqs, seq)
		return true
	})
	if ferr != nil {
		return nil, nil, ferr
	}
	return out, seqs, err
}

// listUse says what a reader of a customer may do with its lists.
type listUse int

const (
	shareLists listUse = iota // read them only
	copyLists                 // anything: they are its own copies
	lendLists                 // a writer: append bills, and copy them to change them (History.LendBills)
)

// attach puts l's lists into c's history, for use.
func attach(c *simulator.Customer, l *listed, use listUse) (lent bool) {
	if len(l.bills) == 0 && len(l.reds) == 0 && use != lendLists {
		return false
	}
	if c.History == nil {
		c.History = &simulator.History{}
	}
	h := c.History
	switch {
	case use == shareLists:
		h.Transactions, h.Redemptions = l.bills, l.reds
		h.SetLatestMark(l.latest)
	case use == lendLists && l.lendable.CompareAndSwap(true, false):
		// Redemptions never change in place either (History.Redemptions).
		h.Transactions, h.Redemptions = l.bills, l.reds
		h.LendBills()
		h.SetLatestMark(l.latest)
		return true
	default:
		own := (&simulator.History{Transactions: l.bills, Redemptions: l.reds}).Clone()
		h.Transactions, h.Redemptions = own.Transactions, own.Redemptions
	}
	return false
}

// inline reports whether record c carries its lists itself (the base
// data's records, and those of earlier versions).
func inline(c *simulator.Customer) bool {
	return c.History != nil && (len(c.History.Transactions) > 0 || len(c.History.Redemptions) > 0)
}

// recordView returns what c's record holds: c, or a shallow copy of it
// without its lists.
func recordView(c *simulator.Customer) *simulator.Customer {
	if c.History == nil {
		return c
	}
	rc, h := *c, *c.History
	h.Transactions, h.Redemptions = nil, nil
	rc.History = &h
	return &rc
}

// putLists writes c's lists to their keys, given what the namespace held
// (old, nil for none): only the items that changed, and the bill index
// entries of those. It returns the lists as now stored, for record rec.
func (t *Tx) putLists(c *simulator.Customer, old *listed, rec string, latest simulator.LatestMark) (*listed, error) {
	if old == nil {
		old = &listed{}
	}
	var bills []simulator.Transaction
	var reds []simulator.Redemption
	if c.History != nil {
		bills, reds = c.History.Transactions, c.History.Redemptions
	}
	now := &listed{rec: rec, latest: latest}
	var gone, written []int
	var err error
	if c.History.BillsLent() && appended(bills, old.bills) {
		if now.bills, now.billSeqs, written, err = t.appendBills(c.ID, old, bills); err != nil {
			return nil, err
		}
	} else if now.bills, now.billSeqs, written, gone, err = writeList(t, billKeyPrefix, c.ID, old.bills, old.billSeqs, bills); err != nil {
		return nil, err
	}
	now.lendable.Store(true)
	// The index entries of the bills that changed: those of the old ones
	// go unless a new one keeps them.
	id := strconv.FormatInt(c.ID, 10)
	drop := map[string]bool{}
	for _, j := range gone {
		for _, e := range oneBillEntries(t.ns, id, &old.bills[j]) {
			drop[e.k] = true
		}
	}
	for _, i := range written {
		for _, e := range oneBillEntries(t.ns, id, &now.bills[i]) {
			delete(drop, e.k)
			if _, _, err := t.tx.Set(e.k, e.v, nil); err != nil {
				return nil, err
			}
		}
	}
	for k := range drop {
		if err := t.del(k); err != nil {
			return nil, err
		}
	}
	if k, ok := appendedAfter(reds, old.reds); ok {
		if now.reds, now.redSeqs, err = t.appendReds(c.ID, old, k, reds); err != nil {
			return nil, err
		}
	} else if now.reds, now.redSeqs, _, _, err = writeList(t, redKeyPrefix, c.ID, old.reds, old.redSeqs, reds); err != nil {
		return nil, err
	}
	return now, nil
}

// appendedAfter reports whether reds, lent from old (attach), are old
// without its first k and more: they start inside old's array, which no one
// changes in place (History.Redemptions), and go on at least to its end.
func appendedAfter(reds, old []simulator.Redemption) (k int, ok bool) {
	if len(reds) == 0 {
		return 0, false
	}
	for k := range old {
		if &reds[0] == &old[k] {
			return k, len(reds) >= len(old)-k
		}
	}
	return 0, false
}

// appendReds writes list, old's redemptions without the first k and more:
// it deletes the keys of those k and writes the new ones past the end of
// old's, which it holds as they are. It returns the list as stored and
// its numbers.
func (t *Tx) appendReds(id int64, old *listed, k int, list []simulator.Redemption) ([]simulator.Redemption, []uint64, error) {
	n := len(old.reds)
	if verifyLists() {
		if err := verifyLent(t, redKeyPrefix, "redemption", id, old.reds); err != nil {
			t.s.lists.drop(cacheKey{t.ns, id})
			return nil, nil, err
		}
	}
	for _, seq := range old.redSeqs[:k] {
		if err := t.del(positionKey(t.ns, redKeyPrefix, id, seq)); err != nil {
			return nil, nil, err
		}
	}
	seqs := append(old.redSeqs[k:n:n], make([]uint64, len(list)-(n-k))...)
	stored, err := putNew(t, redKeyPrefix, id, list, n-k, seqs, old.redSeqs[n-1]+1)
	if err != nil {
		return nil, nil, err
	}
	return stored, seqs, nil
}

// appended reports whether bills, lent from old (History.LendBills), are
// old and more: the same array, which no one changes in place, or a copy
// made by append.
func appended(bills, old []simulator.Transaction) bool {
	n := len(old)
	if len(bills) < n {
		return false
	}
	if n == 0 || &bills[0] == &old[0] {
		return true
	}
	for i := range n {
		if !same(&bills[i], &old[i]) {
			return false
		}
	}
	return true
}

// appendBills writes the bills of list past the end of old's, which it
// holds as they are: the cost is that of the new bills only. It returns
// the bills as stored and their numbers, and the positions it wrote.
func (t *Tx) appendBills(id int64, old *listed, list []simulator.Transaction) ([]simulator.Transaction, []uint64, []int, error) {
	n := len(old.bills)
	if verifyLists() && n > 0 {
		if err := verifyLent(t, billKeyPrefix, "bill", id, old.bills); err != nil {
			t.s.lists.drop(cacheKey{t.ns, id}) // changed where others read it
			return nil, nil, nil, err
		}
	}
	next := uint64(1)
	if n > 0 {
		next = old.billSeqs[n-1] + 1
	}
	seqs := append(old.billSeqs[:n:n], make([]uint64, len(list)-n)...)
	stored, err := putNew(t, billKeyPrefix, id, list, n, seqs, next)
	if err != nil {
		return nil, nil, nil, err
	}
	var written []int
	for i := n; i < len(list); i++ {
		written = append(written, i)
	}
	return stored, seqs, written, nil
}

// putNew writes the items of list from position from on under customer
// id's keys of prefix, numbered from next on into seqs. What is kept is
// what a read decodes: the caller's item when they are the same (as an
// item of UTC times is), else a copy; stored is list, or its copy once an
// item differs.
func putNew[T any](t *Tx, prefix string, id int64, list []T, from int, seqs []uint64, next uint64) (stored []T, err error) {
	stored = list
	for i := from; i < len(list); i++ {
		js, err := encodeJSON(&list[i])
		if err != nil {
			return nil, err
		}
		if _, _, err := t.tx.Set(positionKey(t.ns, prefix, id, next), frozen(js), nil); err != nil {
			return nil, err
		}
		seqs[i], next = next, next+1
		var d T
		if err := decodedAs(&d, &list[i], js); err != nil {
			return nil, err
		}
		if !same(&d, &list[i]) {
			if &stored[0] == &list[0] {
				stored = slices.Clone(list)
			}
			stored[i] = d
		}
	}
	return stored, nil
}

// verifyLists reports whether writes check that lent bills were not
// changed in place (History.LendBills): in tests, but not benchmarks, whose
// figures it would spoil.
var verifyLists = sync.OnceValue(func() bool {
	if !testing.Testing() {
		return false
	}
	f := flag.Lookup("test.bench")
	return f == nil || f.Value.String() == ""
})

// verifyLent checks that a lent list (of what: bills, redemptions) is what
// customer id's keys under prefix hold: no one changed it in place.
func verifyLent[T any](t *Tx, prefix, what string, id int64, lent []T) error {
	stored, _, err := readList[T](t, prefix, id)
	if err != nil {
		return err
	}
	for i := range lent {
		if i >= len(stored) || !same(&stored[i], &lent[i]) {
			return fmt.Errorf("store: customer %d: lent %s %d was changed in place (see History.Transaction and History.Redemptions)", id, what, i)
		}
	}
	return nil
}

// writeList writes list to the keys of customer id under prefix, where
// old was stored under the sequence numbers seqs: the items that stay keep
// their keys, so that appending, changing one item or dropping the oldest
// (a list kept to a bound) writes one or two keys, not the list. Any other
// change writes the rest of the list afresh under new numbers, past the
// old ones, so that key order stays list order. It returns the list as
// stored and its numbers, the positions in list it wrote and the positions
// in old it replaced or deleted.
func writeList[T any](t *Tx, prefix string, id int64, old []T, seqs []uint64, list []T) (stored []T, now []uint64, written, gone []int, err error) {
	eq := func(i, j int) bool { return same(&list[i], &old[j]) }
	next := uint64(1)
	if len(seqs) > 0 {
		next = seqs[len(seqs)-1] + 1
	}
	if len(list) > 0 {
		stored, now = make([]T, len(list), len(list)+room(len(list))), make([]uint64, len(list))
	}
	put := func(i int, seq uint64) error {
		js, err := encodeJSON(&list[i])
		if err != nil {
			return err
		}
		// What is kept is what a read decodes, not the caller's value.
		if err := decodedAs(&stored[i], &list[i], js); err != nil {
			return err
		}
		if _, _, err := t.tx.Set(positionKey(t.ns, prefix, id, seq), frozen(js), nil); err != nil {
			return err
		}
		now[i], written = seq, append(written, i)
		return nil
	}
	drop := func(j int) error {
		gone = append(gone, j)
		return t.del(positionKey(t.ns, prefix, id, seqs[j]))
	}
	j := 0
	for i := range list {
		switch {
		case j < len(old) && eq(i, j): // the same item
			stored[i], now[i] = old[j], seqs[j]
			j++
		case j+1 < len(old) && eq(i, j+1): // old[j] was dropped
			if err := drop(j); err != nil {
				return nil, nil, nil, nil, err
			}
			stored[i], now[i] = old[j+1], seqs[j+1]
			j += 2
		case j < len(old) && (i+1 == len(list) || j+1 == len(old) || eq(i+1, j+1)): // old[j] changed
			gone = append(gone, j)
			if err := put(i, seqs[j]); err != nil {
				return nil, nil, nil, nil, err
			}
			j++
		default: // a new item: past the end of old, or the rest of old goes
			for ; j < len(old); j++ {
				if err := drop(j); err != nil {
					return nil, nil, nil, nil, err
				}
			}
			if err := put(i, next); err != nil {
				return nil, nil, nil, nil, err
			}
			next++
		}
	}
	for ; j < len(old); j++ {
		if err := drop(j); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	return stored, now, written, gone, nil
}
