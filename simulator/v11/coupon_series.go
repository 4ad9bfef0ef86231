package v11

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleCouponSeries handles "GET /v1.1/coupon/series": the org's coupon
// series, one item each, with their configuration as the series sample
// names it and what they have issued and redeemed in the namespace. id
// names one series (707 for one the org lacks); without it every series is
// answered, as the docs say. expired=true keeps the series that have
// ended, expired=false those that have not (extended: all, as without it).
func (s *Server) handleCouponSeries(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	org, now := s.Store.Org(), s.now(r)
	raw := strings.TrimSpace(q.Get("id"))
	var list []*simulator.CouponSeries
	if raw == "" {
		for i := range org.CouponSeries {
			cs := &org.CouponSeries[i]
			switch strings.ToLower(q.Get("expired")) {
			case "true":
				if !cs.ExpiredAt(now) {
					continue
				}
			case "false":
				if cs.ExpiredAt(now) {
					continue
				}
			}
			list = append(list, cs)
		}
	}
	b := newBatch(r)
	verr := s.Store.View(namespace(r), func(tx *store.Tx) error {
		if raw != "" {
			echo := func(res Result) Obj { return Obj{{"id", raw}, {"item_status", res.ItemStatus()}} }
			b.item(func() (Obj, Result) {
				id, ok := parsePositive(raw)
				cs := org.Series(id)
				if !ok || cs == nil {
					res := Failed(simulator.Errorf(simulator.CodeInvalidCouponSeries).WithDetail("the org has no coupon series %s", raw))
					return echo(res), res
				}
				res := Succeeded(simulator.CodeCouponSeriesFetched)
				return seriesItem(org, cs, tx.SeriesUse(cs.ID), res), res
			}, echo)
			return nil
		}
		for _, cs := range list {
			echo := func(res Result) Obj { return Obj{{"id", Int(cs.ID)}, {"item_status", res.ItemStatus()}} }
			b.item(func() (Obj, Result) {
				res := Succeeded(simulator.CodeCouponSeriesFetched)
				return seriesItem(org, cs, tx.SeriesUse(cs.ID), res), res
			}, echo)
		}
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	root := Obj{{"status", b.Status()}, {"series", Obj{{"items", Obj{{"item", b.Items()}}}}}}
	reply(w, r, root, b.Codes()...)
}

// seriesItem renders a series as the series sample does. A limit that is
// off is -1, as the sample writes "no limit"; the stores it redeems at are
// a JSON list of store ids, [-1] for every store.
func seriesItem(org *simulator.Org, cs *simulator.CouponSeries, use simulator.SeriesUse, res Result) Obj {
	limit := func(n int) string {
		if n <= 0 {
			return "-1"
		}
		return strconv.Itoa(n)
	}
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	stores := []int64{-1}
	if len(cs.Stores) > 0 {
		stores = stores[:0]
		for _, code := range cs.Stores {
			if st := org.Store(code); st != nil {
				stores = append(stores, st.ID)
			}
		}
	}
	storeJSON, _ := json.Marshal(stores)
	perCoupon := cs.MaxRedemptionsPerCoupon
	if perCoupon <= 0 {
		perCoupon = 1
	}
	expiryType, expiryValue := "DAYS", strconv.Itoa(cs.ValidDays)
	if cs.ValidDays <= 0 && !cs.ValidTill.IsZero() {
		expiryType, expiryValue = "DATE", histDay(cs.ValidTill)
	}
	return Obj{
		{"id", Int(cs.ID)},
		{"description", cs.Description},
		{"series_type", "CAMPAIGN"},
		{"client_handling_type", "DISC_CODE"},
		{"discount_code", cs.DiscountCode},
		{"valid_till_date", histDay(cs.ValidTill)},
		{"valid_days_from_create", strconv.Itoa(cs.ValidDays)},
		{"expiry_strategy_type", expiryType},
		{"expiry_strategy_value", expiryValue},
		{"max_create", limit(cs.MaxIssued)},
		{"max_redeem", limit(cs.MaxRedemptions)},
		{"transferrable", "0"},
		{"any_user", "0"},
		{"same_user_multiple_redeem", flag(perCoupon > 1)},
		{"multiple_use", flag(perCoupon > 1)},
		{"is_validation_required", flag(cs.ValidationRequired)},
		{"valid_with_discounted_item", "false"},
		{"series_code", Int(cs.ID)},
		{"info", cs.Description},
		{"allow_multiple_vouchers_per_user", flag(cs.MaxPerCustomer != 1)},
		{"max_vouchers_per_user", limit(cs.MaxPerCustomer)},
		{"min_days_between_vouchers", "-1"},
		{"discount_on", "BILL"},
		{"discount_type", cs.DiscountType},
		{"discount_value", Num(cs.DiscountValue)},
		{"min_bill_amount", Num(cs.MinBillAmount)},
		{"max_bill_amount", "0"},
		{"redeem_at_store", string(storeJSON)},
		{"max_redemptions_in_series_per_user", limit(cs.MaxRedemptionsPerCustomer)},
		{"min_days_between_redemption", limit(cs.MinDaysBetweenRedemptions)},
		{"redemption_valid_from", histDay(cs.RedeemableFrom)},
		{"issue_to_loyalty", flag(cs.LoyaltyOnly)},
		{"is_trial", flag(cs.Trial)},
		{"coupons", Obj{{"issued", strconv.Itoa(use.Issued)}, {"redeemed", strconv.Itoa(use.Redeemed)}}},
		{"item_status", res.ItemStatus()},
	}
}
