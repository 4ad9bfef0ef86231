package v11

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// shapeCoupons is where redeem, get and resend put their items:
// response.coupons.coupon.
var shapeCoupons = histShape{"coupons", "coupon", false}

// handleCouponRedeem handles "POST /v1.1/coupon/redeem": the root.coupon
// item {code, customer {mobile, email, external_id, id, card_number} (or
// the query's identifier), transaction {number, amount}, validation_code,
// redemption_time, custom_fields} redeems the customer's coupon at the
// till's store (simulator.Customer.RedeemCoupon): the use is recorded on
// the coupon and in customer/redemptions. The docs give redeem no batch
// support: a second item is 1060. Codes: 700; 701 unknown or no customer;
// 702 no or a malformed code; 719 a code nobody holds; 703 another
// customer's coupon; and each rule's code (couponCodes).
func (s *Server) handleCouponRedeem(w http.ResponseWriter, r *http.Request) {
	s.serveItems(w, r, "coupon", shapeCoupons, 1, s.redeemCoupon)
}

func (s *Server) redeemCoupon(r *http.Request, in Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	org := s.Store.Org()
	var (
		out Obj
		res Result
	)
	fail := func(e *simulator.Error) error {
		res = Failed(e)
		return errNoWrite
	}
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, cerr := findCouponCustomer(tx, couponCustomerValues(in, simulator.Query(r)))
		if cerr != nil {
			return fail(cerr)
		}
		// A customer barred from coupons is refused before any coupon is
		// looked at: a fraud-marked customer learns nothing of codes.
		if ref := c.CouponCustomerRefusal(nil, false); ref != nil {
			return fail(couponRefusal(ref))
		}
		code := in.String("code")
		var (
			holder *simulator.Customer
			cp     *simulator.Coupon
			ferr   *simulator.Error
		)
		if code == "" && in.String("id") != "" {
			holder, cp, ferr = findCouponByID(tx, in.String("id"))
		} else {
			holder, cp, ferr = findCoupon(tx, code)
		}
		if ferr != nil {
			return fail(ferr)
		}
		if holder.ID != c.ID {
			return fail(simulator.Errorf(simulator.CodeCouponNotIssuedToCustomer).WithDetail("coupon %q was not issued to customer %d", cp.Code, c.ID))
		}
		req, rerr := redemptionRequest(in, cp.Code, now.Location())
		if rerr != nil {
			return fail(rerr)
		}
		req.TillCode = till
		if st := org.TillStore(till); st != nil {
			req.StoreCode = st.Code
		}
		series := org.Series(cp.SeriesID)
		use := simulator.SeriesUse{}
		if series != nil {
			use = tx.SeriesUse(series.ID)
		}
		if _, ref := c.CheckCouponRedemption(series, use, req, now); ref != nil {
			return fail(couponRefusal(ref))
		}
		rid, ierr := tx.NextRedemptionID()
		if ierr != nil {
			return ierr
		}
		got, red, ref := c.RedeemCoupon(series, use, req, now, rid)
		if ref != nil {
			return fail(couponRefusal(ref))
		}
		if perr := tx.Put(c); perr != nil {
			return perr
		}
		res = Succeeded(simulator.CodeCouponProcessed)
		amount := ""
		if req.HasAmount {
			amount = strconv.FormatFloat(req.Amount, 'f', 2, 64)
		}
		out = Obj{
			{"customer", couponCustomer(c, false)},
			{"redemptionId", Int(red.ID)},
			{"code", got.Code},
			{"discount_code", series.DiscountCode},
			{"series_code", Int(series.ID)},
			{"series_info", List{}},
			{"is_absolute", strconv.FormatBool(series.DiscountType == simulator.DiscountAbsolute)},
			{"coupon_value", Num(series.DiscountValue)},
			{"transaction", Obj{{"amount", amount}, {"number", req.BillNumber}}},
			{"side_effects", List{}},
			{"item_status", res.ItemStatus()},
		}
		return nil
	})
	if err != nil && err != errNoWrite {
		res = Failed(s.itemError(r, err, simulator.CodeCouponRedeemFailed))
	}
	if !res.OK() || out == nil {
		return couponRedeemEcho(in, res), res
	}
	return out, res
}

// couponRedeemEcho renders a failed redemption as the 500 sample of 009 does:
// the customer, code and transaction as sent.
func couponRedeemEcho(in Values, res Result) Obj {
	cust := in.Values("customer")
	tr := in.Values("transaction")
	return Obj{
		{"customer", Obj{{IdentMobile, cust.String(IdentMobile)}, {IdentEmail, cust.String(IdentEmail)}, {IdentExternalID, cust.String(IdentExternalID)}}},
		{"code", in.String("code")},
		{"transaction", Obj{{"amount", tr.String("amount")}, {"number", tr.String("number")}}},
		{"side_effects", List{}},
		{"item_status", res.ItemStatus()},
	}
}

// redemptionRequest reads the bill, validation code and redemption time of
// a redeem item: 733 for an amount that is no number, 739 for a
// redemption_time that is no time.
func redemptionRequest(in Values, code string, loc *time.Location) (simulator.CouponRedemptionRequest, *simulator.Error) {
	req := simulator.CouponRedemptionRequest{Code: code, ValidationCode: in.String("validation_code")}
	tr := in.Values("transaction")
	req.BillNumber = firstOf(tr.String("number"), in.String("number"))
	if raw := firstOf(tr.String("amount"), in.String("amount")); raw != "" {
		a, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(a) || math.IsInf(a, 0) || a < 0 {
			return req, simulator.Errorf(simulator.CodeCouponInvalidTransactionAmount).WithDetail("transaction amount %q is not a non-negative number", raw)
		}
		req.Amount, req.HasAmount = a, true
	}
	if raw := in.String("redemption_time"); raw != "" {
		t, ok := parseRedemptionTime(raw, loc)
		if !ok {
			return req, simulator.Errorf(simulator.CodeCouponInvalidRedemptionDate).WithDetail("redemption_time %q is not YYYY-MM-DD HH:MM:SS", raw)
		}
		req.At = t
	}
	return req, nil
}

// parseRedemptionTime reads a v1.1 datetime ("2016-08-01 15:56:07", or
// with a T) or a bare day, in the zone of the simulator's clock.
func parseRedemptionTime(raw string, loc *time.Location) (time.Time, bool) {
	raw = strings.TrimSpace(raw)
	for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05", time.RFC3339, time.DateOnly} {
		if t, err := time.ParseInLocation(layout, raw, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
