package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// The earn-and-burn APIs find bills and coupons without a customer: by a
// transaction id, a bill number or a coupon code. Those come from index
// entries of the customer records (billEntries, written with the others
// by Put), so they follow every write, reset and snapshot as the customers
// do. Not-interested bills belong to no customer and are records of their
// own (looseKey).
const (
	txPrefix     = ":tx:" // transaction id -> customer id
	billPrefix   = ":tb:" // bill number, customer id, transaction id -> store|till|unix|type
	couponPrefix = ":cc:" // coupon code -> customer id
	loosePrefix  = ":nb:" // not-interested bill id -> the bill (JSON)
)

// billEntries returns the bill and coupon index entries of c.
func billEntries(ns string, c *simulator.Customer) []kv {
	if c.History == nil {
		return nil
	}
	id := strconv.FormatInt(c.ID, 10)
	out := make([]kv, 0, 2*len(c.History.Transactions)+len(c.History.Coupons))
	for i := range c.History.Transactions {
		out = append(out, oneBillEntries(ns, id, &c.History.Transactions[i])...)
	}
	return append(out, codeEntries(ns, c)...)
}

// oneBillEntries returns the index entries of bill t of customer id.
func oneBillEntries(ns, id string, t *simulator.Transaction) []kv {
	tid := strconv.FormatInt(t.ID, 10)
	out := []kv{{ns + txPrefix + tid, id}}
	if n := billNumberKey(t.Number); n != "" {
		out = append(out, kv{ns + billPrefix + n + sep + id + sep + tid, billRefValue(t)})
	}
	return out
}

// codeEntries returns the coupon code index entries of c.
func codeEntries(ns string, c *simulator.Customer) []kv {
	if c.History == nil {
		return nil
	}
	id := strconv.FormatInt(c.ID, 10)
	var out []kv
	for i := range c.History.Coupons {
		if code := strings.ToLower(c.History.Coupons[i].Code); code != "" && !strings.ContainsAny(code, sep+"\x00") {
			out = append(out, kv{ns + couponPrefix + code, id})
		}
	}
	return out
}

// billNumberKey is number as an index key: case-folded, "" when it cannot
// be one (a separator in it: such a number is found through its customer only).
func billNumberKey(number string) string {
	n := strings.ToLower(strings.TrimSpace(number))
	if strings.ContainsAny(n, sep+"\x00") {
		return ""
	}
	return n
}

func billRefValue(t *simulator.Transaction) string {
	return t.StoreCode + sep + t.TillCode + sep + strconv.FormatInt(t.Date.Unix(), 10) + sep + t.Type
}

// TransactionOwner returns the customer whose bill has transaction id.
func (t *Tx) TransactionOwner(id int64) (int64, bool) {
	v, ok := t.get(txPrefix + strconv.FormatInt(id, 10))
	if !ok {
		return 0, false
	}
	cid, err := strconv.ParseInt(v, 10, 64)
	return cid, err == nil
}

// BillsNumbered returns every bill, a customer's or not-interested, with
// number (case-insensitive), in the order of customer and transaction id.
func (t *Tx) BillsNumbered(number string) []simulator.BillRef {
	n := billNumberKey(number)
	if n == "" {
		return nil
	}
	prefix := billPrefix + n + sep
	var out []simulator.BillRef
	_ = t.ascend(prefix, prefix+"\xff", func(k, v string, _ bool) bool {
		ids := strings.Split(strings.TrimPrefix(k, prefix), sep)
		vals := strings.Split(v, sep)
		if len(ids) != 2 || len(vals) != 4 {
			return true
		}
		cid, _ := strconv.ParseInt(ids[0], 10, 64)
		tid, _ := strconv.ParseInt(ids[1], 10, 64)
		unix, _ := strconv.ParseInt(vals[2], 10, 64)
		out = append(out, simulator.BillRef{Number: number, CustomerID: cid, ID: tid,
			StoreCode: vals[0], TillCode: vals[1], Date: time.Unix(unix, 0), Type: vals[3]})
		return true
	})
	return out
}

// CouponOwner returns the customer a coupon code (case-insensitive) was issued to.
func (t *Tx) CouponOwner(code string) (int64, bool) {
	v, ok := t.get(couponPrefix + strings.ToLower(code))
	if !ok {
		return 0, false
	}
	cid, err := strconv.ParseInt(v, 10, 64)
	return cid, err == nil
}

// PutLooseBill stores b, a not-interested bill of no customer, under its id,
// and indexes its number.
func (t *Tx) PutLooseBill(b simulator.Transaction) error {
	if !t.writable {
		return errors.New("store: PutLooseBill in a read-only transaction")
	}
	if b.ID <= 0 {
		return fmt.Errorf("store: a bill needs an id")
	}
	js, err := encodeJSON(b)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(b.ID, 10)
	if _, _, err := t.tx.Set(t.ns+loosePrefix+id, frozen(js), nil); err != nil {
		return err
	}
	if n := billNumberKey(b.Number); n != "" {
		if _, _, err := t.tx.Set(t.ns+billPrefix+n+sep+"0"+sep+id, billRefValue(&b), nil); err != nil {
			return err
		}
	}
	return nil
}

// LooseBill returns the not-interested bill with id, if any.
func (t *Tx) LooseBill(id int64) (simulator.Transaction, bool, error) {
	v, err := t.tx.Get(t.ns + loosePrefix + strconv.FormatInt(id, 10))
	if errors.Is(err, buntdb.ErrNotFound) {
		return simulator.Transaction{}, false, nil
	}
	if err != nil {
		return simulator.Transaction{}, false, err
	}
	var b simulator.Transaction
	if err := decodeJSON([]byte(v), &b); err != nil {
		return simulator.Transaction{}, false, fmt.Errorf("store: bill %d: %w", id, err)
	}
	return b, true, nil
}

// TransactionIDBase is where the ids of bills written through the APIs
// start: above every id the fixtures and the generator give (a generated
// customer's bills are its id × 100 + n), so an id names one bill.
const TransactionIDBase = 50_000_000_000

// NextTransactionID returns a new transaction id, unique in the namespace.
func (t *Tx) NextTransactionID() (int64, error) {
	n, err := t.NextID("transaction")
	return TransactionIDBase + n, err
}
