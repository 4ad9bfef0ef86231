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

// handleRedemptionsGet handles "GET /v1.1/customer/redemptions": each
// identifier's points and coupon redemptions. type (POINTS, COUPONS or
// BOTH, the default) chooses the lists; start_date/end_date,
// points_start_id/points_end_id and coupons_start_id/coupons_end_id (id
// ranges), program_id and external_reference_number filter them; sort
// (redeemed_time, the default, or redemption_id) and order (desc, the
// default) order them; points_limit and coupons_limit cut each list (both
// default to limit, which defaults to 10). user_id=true adds the customer
// id. rows is how many redemptions are returned, points_count and
// coupons_count how many the filters select.
func (s *Server) handleRedemptionsGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	org := s.Store.Org()
	rq, err := parseRedemptionQuery(q)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.readHistory(w, r, shapeCustomer, nil, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		points, coupons, nPoints, nCoupons := c.History.FindRedemptions(rq)
		item := histHead(c, histUserID(q, IdentMobile, IdentEmail, IdentExternalID, "firstname", "lastname")...)
		cl := make(List, 0, len(coupons))
		for _, rd := range coupons {
			desc, code, typ := "", "", ""
			if s := org.Series(rd.SeriesID); s != nil {
				desc, code, typ = s.Description, s.DiscountCode, s.DiscountType
			}
			cl = append(cl, Obj{
				{"id", Int(rd.ID)},
				{"code", rd.CouponCode},
				{"series_id", Int(rd.SeriesID)},
				{"description", desc},
				{"discount_code", code},
				{"discount_type", typ},
				{"transaction_number", rd.TransactionNumber},
				{"redeemed_time", DateTime(rd.Date)},
				{"redeemed_at", histRedeemedAt(org, rd)},
			})
		}
		pl := make(List, 0, len(points))
		for _, rd := range points {
			pl = append(pl, Obj{
				{"id", Int(rd.ID)},
				{"points_redeemed", Num(rd.Points)},
				{"transaction_number", rd.TransactionNumber},
				{"redeemed_time", DateTime(rd.Date)},
				{"redeemed_at", histRedeemedAt(org, rd)},
			})
		}
		firstID := func(l []simulator.Redemption) string {
			if len(l) == 0 {
				return ""
			}
			return Int(l[0].ID)
		}
		res := Succeeded(simulator.CodeCustomerRetrieved, warnings...)
		item = append(item,
			Field{"rows", strconv.Itoa(len(points) + len(coupons))},
			Field{"coupons_count", strconv.Itoa(nCoupons)},
			Field{"points_count", strconv.Itoa(nPoints)},
			Field{"coupons_start_id", firstID(coupons)},
			Field{"points_start_id", firstID(points)},
			Field{"redemptions", Obj{{"coupons", Obj{{"coupon", cl}}}, {"points", Obj{{"point", pl}}}}},
			Field{"item_status", res.ItemStatus()},
		)
		return item, res
	})
}

// histRedeemedAt names where a redemption happened as the redemptions sample
// does: the store's name, two spaces and the till's code ("Test store
// store.server").
func histRedeemedAt(org *simulator.Org, rd simulator.Redemption) string {
	return histStoreName(org, rd.StoreCode) + "  " + rd.TillCode
}

// parseRedemptionQuery reads the parameters of customer/redemptions.
func parseRedemptionQuery(q url.Values) (rq simulator.RedemptionQuery, err *simulator.Error) {
	var limit int
	var errs [10]*simulator.Error
	rq.Window, errs[0] = histWindow(q)
	limit, errs[1] = histInt(q, "limit", simulator.DefaultHistoryLimit)
	rq.PointsLimit, errs[2] = histInt(q, "points_limit", limit)
	rq.CouponsLimit, errs[3] = histInt(q, "coupons_limit", limit)
	rq.PointsStartID, errs[4] = histID(q, "points_start_id")
	rq.PointsEndID, errs[5] = histID(q, "points_end_id")
	rq.CouponsStartID, errs[6] = histID(q, "coupons_start_id")
	rq.CouponsEndID, errs[7] = histID(q, "coupons_end_id")
	rq.ProgramID, errs[8] = histID(q, "program_id")
	rq.Asc, errs[9] = histOrder(q, "order")
	if err := histFirstErr(errs[:]...); err != nil {
		return rq, err
	}
	rq.ExternalReference = strings.TrimSpace(q.Get("external_reference_number"))
	switch v := strings.ToUpper(strings.TrimSpace(q.Get("type"))); v {
	case "", "BOTH":
	case "POINTS":
		rq.Kind = simulator.RedemptionPoints
	case "COUPONS", "COUPON":
		rq.Kind = simulator.RedemptionCoupon
	default:
		return rq, invalid("type %q is not POINTS, COUPONS or BOTH", q.Get("type"))
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("sort"))); v {
	case "", "redeemed_time":
	case "redemption_id":
		rq.SortByID = true
	default:
		return rq, invalid("sort %q is not redeemed_time or redemption_id", q.Get("sort"))
	}
	return rq, nil
}
