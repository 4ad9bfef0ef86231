package v11

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleCouponsGet handles "GET /v1.1/customer/coupons": each identifier's
// coupons, filtered by start_date/end_date (issued between), status
// (active, redeemed, expired or unredeemed; several separated by ";" or
// ","), series_id and store_id (active coupons redeemable at that store),
// ordered by order_by (created_date, the default, amount or valid_till) in
// sort_order (desc, the default, or asc), offset and limit (10) applied.
// Statuses are computed at the simulator's clock. An unknown store is 1150
// for every item.
func (s *Server) handleCouponsGet(w http.ResponseWriter, r *http.Request) {
	// An answer kept for this very request was to a query that parsed
	// without a refusal for every item (see answerKept).
	if s.answerKept(w, r, s.stateKey(r, ""), s.now(r)) {
		return
	}
	q := simulator.Query(r)
	org := s.Store.Org()
	cq, every, err := parseCouponQuery(q, org)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.readHistory(w, r, shapeCustomers, every, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, now time.Time) (Obj, Result) {
		page, _ := c.History.FindCoupons(cq, org, now)
		l := make(List, 0, len(page))
		for _, cp := range page {
			l = append(l, couponObj(org, cp, now))
		}
		res := Succeeded(simulator.CodeCouponsRetrieved, warnings...)
		item := histHead(c, "firstname", "lastname", IdentEmail, IdentMobile, IdentExternalID, "id")
		return append(item, Field{"coupons", Obj{{"coupon", l}}}, Field{"item_status", res.ItemStatus()}), res
	})
}

// couponObj renders a coupon in the order of the coupons sample, then its
// series, discount and status.
func couponObj(org *simulator.Org, cp simulator.Coupon, now time.Time) Obj {
	reds := make(List, 0, len(cp.Redemptions))
	for _, rd := range cp.Redemptions {
		reds = append(reds, Obj{
			{"date", DateTime(rd.Date)},
			{"transaction_number", rd.TransactionNumber},
			{"redeemed_at", Obj{{"code", rd.StoreCode}, {"name", histStoreName(org, rd.StoreCode)}}},
		})
	}
	desc, typ, value := "", "", 0.0
	if s := org.Series(cp.SeriesID); s != nil {
		desc, typ, value = s.Description, s.DiscountType, s.DiscountValue
	}
	return Obj{
		{"id", Int(cp.ID)},
		{"redemption_count", strconv.Itoa(len(cp.Redemptions))},
		{"created_date", histISOTime(cp.IssuedOn)},
		{"valid_till", histDay(cp.ValidTill)},
		{"code", cp.Code},
		{"transaction_number", cp.TransactionNumber},
		{"redemptions", Obj{{"redemption", reds}}},
		{"series_id", Int(cp.SeriesID)},
		{"description", desc},
		{"discount_type", typ},
		{"discount_value", Num(value)},
		{"status", strings.ToUpper(cp.Status(now))},
	}
}

// parseCouponQuery reads the parameters of customer/coupons.
func parseCouponQuery(q url.Values, org *simulator.Org) (cq simulator.CouponQuery, every, err *simulator.Error) {
	var errs [4]*simulator.Error
	cq.Window, errs[0] = histWindow(q)
	cq.Page, errs[1] = histPage(q, "limit")
	cq.Asc, errs[2] = histOrder(q, "sort_order")
	cq.SeriesID, errs[3] = histID(q, "series_id")
	if err := histFirstErr(errs[:]...); err != nil {
		return cq, nil, err
	}
	for _, st := range strings.FieldsFunc(q.Get("status"), func(r rune) bool { return r == ';' || r == ',' }) {
		st = strings.ToLower(strings.TrimSpace(st))
		switch st {
		case simulator.CouponActive, simulator.CouponRedeemed, simulator.CouponExpired, "unredeemed":
			cq.Statuses = append(cq.Statuses, st)
		case "":
		default:
			return cq, nil, invalid("status %q is not active, redeemed, expired or unredeemed", st)
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("order_by"))); v {
	case "", simulator.CouponOrderCreated:
		cq.OrderBy = simulator.CouponOrderCreated
	case simulator.CouponOrderAmount, simulator.CouponOrderValidTill:
		cq.OrderBy = v
	default:
		return cq, nil, invalid("order_by %q is not created_date, amount or valid_till", q.Get("order_by"))
	}
	if v := strings.TrimSpace(q.Get("store_id")); v != "" {
		code, serr := histStore(url.Values{"store_id": {v}}, org)
		if serr != nil {
			return cq, serr, nil
		}
		cq.StoreCode = code
	}
	return cq, nil, nil
}
