package v11

import (
	"net/http"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// shapeCoupon is where issue puts its items: response.coupon, as its sample.
var shapeCoupon = histShape{"", "coupon", false}

// maxCodeAttempts bounds the codes tried for a new coupon: a code another
// coupon of the namespace holds is skipped.
const maxCodeAttempts = 16

// handleCouponIssue handles "POST /v1.1/coupon/issue": each root.coupon
// item {series_id (or id), customer {mobile, email, external_id, id}}
// issues one coupon of the series to the customer, at the till's store
// (simulator.Customer.IssueCoupon). Codes: 700; 701 unknown or no
// customer; 707 no or unknown series; 712 the series ended; 722 an issue
// limit reached; 750 a customer marked as fraud; 742 one not interested in
// the program; 721 a loyalty-only series and a customer out of the program.
func (s *Server) handleCouponIssue(w http.ResponseWriter, r *http.Request) {
	s.serveItems(w, r, "coupon", shapeCoupon, s.Limit(), s.issueCoupon)
}

func (s *Server) issueCoupon(r *http.Request, in Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	org := s.Store.Org()
	userID := histBool(simulator.Query(r), "user_id")
	var (
		out Obj
		res Result
	)
	fail := func(e *simulator.Error) error {
		res = Failed(e)
		return errNoWrite
	}
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, cerr := findCouponCustomer(tx, couponCustomerValues(in, nil))
		if cerr != nil {
			return fail(cerr)
		}
		raw := firstOf(in.String("series_id"), in.String("id"))
		id, ok := parsePositive(raw)
		series := org.Series(id)
		if !ok || series == nil {
			detail := "no series_id"
			if raw != "" {
				detail = "the org has no coupon series " + raw
			}
			return fail(simulator.Errorf(simulator.CodeInvalidCouponSeries).WithDetail("%s", detail))
		}
		use := tx.SeriesUse(series.ID)
		if ref := c.CheckIssue(series, use, now); ref != nil {
			return fail(couponRefusal(ref))
		}
		cp := simulator.Coupon{}
		if st := org.TillStore(till); st != nil {
			cp.StoreCode = st.Code
		}
		n := 0
		if c.History != nil {
			n = len(c.History.Coupons)
		}
		for i := 0; i < maxCodeAttempts && cp.Code == ""; i++ {
			if code := c.CouponCode(n + i); !taken(tx, code) {
				cp.Code = code
			}
		}
		if cp.Code == "" {
			return fail(simulator.Errorf(simulator.CodeCouponIssueFailed).WithDetail("no free coupon code"))
		}
		var ierr error
		if cp.ID, ierr = tx.NextCouponID(); ierr != nil {
			return ierr
		}
		cp, ref := c.IssueCoupon(series, use, now, cp)
		if ref != nil {
			return fail(couponRefusal(ref))
		}
		if perr := tx.Put(c); perr != nil {
			return perr
		}
		res = Succeeded(simulator.CodeCouponProcessed)
		out = Obj{
			{"code", cp.Code},
			{"valid_till", histDay(cp.ValidTill)},
			{"series_info", seriesInfo(series, true)},
			{"customer", couponCustomer(c, userID)},
			{"item_status", res.ItemStatus()},
		}
		return nil
	})
	if err != nil && err != errNoWrite {
		res = Failed(s.itemError(r, err, simulator.CodeCouponIssueFailed))
	}
	if !res.OK() || out == nil {
		return couponEcho(in)(res), res
	}
	return out, res
}

// taken reports whether a coupon of the namespace holds code.
func taken(tx *store.Tx, code string) bool {
	_, ok := tx.CouponOwner(code)
	return ok
}
