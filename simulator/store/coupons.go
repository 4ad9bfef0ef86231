package store

import (
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
)

// The coupon API finds a coupon by its id and counts what a series has
// done across every customer (a series' issue and redemption limits, the
// series read's coupons.issued and coupons.redeemed). Both come from index
// entries of the customer records, written with the others by Put.
const (
	couponIDPrefix     = ":ci:" // coupon id -> customer id
	couponSeriesPrefix = ":cs:" // series id, coupon code -> redemptions of the coupon
)

// couponEntries returns the coupon id and series index entries of c.
func couponEntries(ns string, c *simulator.Customer) []kv {
	if c.History == nil || len(c.History.Coupons) == 0 {
		return nil
	}
	id := strconv.FormatInt(c.ID, 10)
	out := make([]kv, 0, 2*len(c.History.Coupons))
	for i := range c.History.Coupons {
		cp := &c.History.Coupons[i]
		if cp.ID > 0 {
			out = append(out, kv{ns + couponIDPrefix + strconv.FormatInt(cp.ID, 10), id})
		}
		if code := strings.ToLower(cp.Code); code != "" && !strings.ContainsAny(code, sep+"\x00") {
			out = append(out, kv{ns + couponSeriesPrefix + strconv.FormatInt(cp.SeriesID, 10) + sep + code, strconv.Itoa(len(cp.Redemptions))})
		}
	}
	return out
}

// CouponIDOwner returns the customer the coupon with id was issued to.
func (t *Tx) CouponIDOwner(id int64) (int64, bool) {
	v, ok := t.get(couponIDPrefix + strconv.FormatInt(id, 10))
	if !ok {
		return 0, false
	}
	cid, err := strconv.ParseInt(v, 10, 64)
	return cid, err == nil
}

// SeriesUse returns what coupon series id has done in the namespace: the
// coupons it issued and their redemptions, every customer's together.
func (t *Tx) SeriesUse(id int64) simulator.SeriesUse {
	prefix := couponSeriesPrefix + strconv.FormatInt(id, 10) + sep
	var u simulator.SeriesUse
	_ = t.ascend(prefix, prefix+"\xff", func(_, v string, _ bool) bool {
		u.Issued++
		n, _ := strconv.Atoi(v)
		u.Redeemed += n
		return true
	})
	return u
}

// CouponIDBase is where the ids of coupons issued through the API start:
// above every id the fixtures and the generator give (a generated
// customer's coupons are its id × 100 + n).
const CouponIDBase = 60_000_000_000

// NextCouponID returns a new coupon id, unique in the namespace.
func (t *Tx) NextCouponID() (int64, error) {
	n, err := t.NextID("coupon")
	return CouponIDBase + n, err
}
