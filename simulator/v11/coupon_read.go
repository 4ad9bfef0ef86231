package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleCouponGet handles "GET /v1.1/coupon/get": one item per coupon the
// query names, by code or by id (comma-separated lists of either), with
// who holds it, where it was issued and its last redemption, as the get
// sample; details=true adds the series' series_info and user_id=true the
// holder's id. Codes: 700; 702 a malformed code or id; 719 one nobody
// holds; status 400 a query that names no coupon.
func (s *Server) handleCouponGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	type ref struct {
		byID bool
		v    string
	}
	var refs []ref
	for _, p := range []struct {
		name string
		byID bool
	}{{"code", false}, {"id", true}} {
		for _, raw := range q[p.name] {
			for _, v := range strings.Split(raw, ",") {
				refs = append(refs, ref{p.byID, strings.TrimSpace(v)})
			}
		}
	}
	if len(refs) == 0 {
		WriteError(w, r, invalid("pass code or id"))
		return
	}
	if len(refs) > s.Limit() {
		WriteError(w, r, simulator.Errorf(simulator.CodeBatchLimitExceeded).WithDetail("%d coupons; at most %d are allowed", len(refs), s.Limit()))
		return
	}
	details, userID := strings.EqualFold(q.Get("details"), "true"), histBool(q, "user_id")
	org := s.Store.Org()
	b := newBatch(r)
	// An answer asked again of an unchanged namespace is what it was: a
	// coupon's answer reads its holder and the org, never the clock or the
	// till (readKey).
	n := namespace(r)
	var key readKey
	keyed := b.inject == nil && !s.reads.off
	if keyed {
		key = s.stateKey(r, "")
		if hit, ok := s.reads.get(key); ok {
			hit.write(w, r)
			return
		}
	}
	verr := s.Store.View(n, func(tx *store.Tx) error {
		for _, rf := range refs {
			echo := func(res Result) Obj {
				key := "code"
				if rf.byID {
					key = "id"
				}
				return Obj{{key, rf.v}, {"item_status", res.ItemStatus()}}
			}
			b.item(func() (Obj, Result) {
				var (
					c    *simulator.Customer
					cp   *simulator.Coupon
					ferr *simulator.Error
				)
				if rf.byID {
					c, cp, ferr = findCouponByID(tx, rf.v)
				} else {
					c, cp, ferr = findCoupon(tx, rf.v)
				}
				if ferr != nil {
					res := Failed(ferr)
					return echo(res), res
				}
				res := Succeeded(simulator.CodeCouponProcessed)
				return couponGetItem(org, c, cp, details, userID, res), res
			}, echo)
		}
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	if keyed && b.StatusCode() == simulator.CodeSuccess {
		s.reads.put(key, r, shapeCoupons.root(&b), b.Codes()).write(w, r)
		return
	}
	replyBatch(w, r, shapeCoupons, &b)
}

// couponGetItem renders a coupon as the get sample does.
func couponGetItem(org *simulator.Org, c *simulator.Customer, cp *simulator.Coupon, details, userID bool, res Result) Obj {
	p := Profile(c)
	name := ""
	if p != nil {
		name = strings.TrimSpace(p.FirstName + " " + p.LastName)
	}
	cust := Obj{}
	if userID {
		cust = append(cust, Field{"user_id", Int(c.ID)})
	}
	cust = append(cust, Field{"name", name}, Field{IdentMobile, identValue(p, IdentMobile)}, Field{IdentEmail, identValue(p, IdentEmail)})
	series := org.Series(cp.SeriesID)
	abs, value := false, 0.0
	if series != nil {
		abs, value = series.DiscountType == simulator.DiscountAbsolute, series.DiscountValue
	}
	out := Obj{
		{"code", cp.Code},
		{"id", Int(cp.ID)},
		{"valid_till", couponDay(cp.ValidTill)},
		{"issued_on", DateTime(cp.IssuedOn)},
		{"customer", cust},
		{"pincode", ""},
		{"issued_store", Obj{{"code", cp.StoreCode}, {"name", histStoreName(org, cp.StoreCode)}}},
		{"series_id", Int(cp.SeriesID)},
		{"is_absolute", strconv.FormatBool(abs)},
		{"value", Num(value)},
	}
	if details && series != nil {
		out = append(out, Field{"series_info", seriesInfo(series, true)})
	}
	if n := len(cp.Redemptions); n > 0 {
		rd := cp.Redemptions[n-1]
		till := ""
		for _, red := range c.History.Redemptions {
			if red.Kind == simulator.RedemptionCoupon && strings.EqualFold(red.CouponCode, cp.Code) && red.Date.Equal(rd.Date) {
				till = red.TillCode
			}
		}
		var txID string
		if t := c.History.TransactionsNumbered(rd.TransactionNumber); len(t) > 0 {
			txID = Int(t[0].ID)
		}
		fn, ln := "", ""
		if p != nil {
			fn, ln = p.FirstName, p.LastName
		}
		out = append(out,
			Field{"redemption_info", Obj{{"redeemed", "true"}, {"redeemed_on", DateTime(rd.Date)}, {"redeemed_at", till}}},
			Field{"redeemed_by", Obj{{"firstname", fn}, {"lastname", ln}, {IdentEmail, identValue(p, IdentEmail)}, {IdentMobile, identValue(p, IdentMobile)}}},
			Field{"store", Obj{{"code", rd.StoreCode}, {"name", histStoreName(org, rd.StoreCode)}}},
			Field{"transaction", Obj{{"number", rd.TransactionNumber}, {"id", txID}}},
		)
	} else {
		out = append(out, Field{"redemption_info", Obj{{"redeemed", "false"}}})
	}
	return append(out, Field{"item_status", res.ItemStatus()})
}

// shapeRedeemable is where isredeemable puts its item: response.coupons.redeemable.
var shapeRedeemable = histShape{"coupons", "redeemable", false}

// redeemableCodes are the codes isredeemable answers where redeem would
// answer another: a coupon that has had its redemptions is the sample's
// 706 "Cannot redeem same voucher multiple times".
var redeemableCodes = simulator.ReasonCodes{
	simulator.ReasonCouponRedeemed:       simulator.CodeVoucherMultipleRedemption,
	simulator.ReasonCouponRedeemedOnBill: simulator.CodeVoucherMultipleRedemption,
	simulator.ReasonCouponUsedUp:         simulator.CodeVoucherMultipleRedemption,
}

// handleCouponIsRedeemable handles "GET /v1.1/coupon/isredeemable": whether
// the customer the query names (mobile, email, external_id, id or
// card_number) may redeem coupon code at the till's store now, by the
// rules redeem applies but the bill's (simulator.Customer.CheckCouponRedemption).
// As the sample shows, the answer is a success (status 200) whatever
// is_redeemable says: item_status.code is 700 for a redeemable coupon and
// the rule's code for one that is not (706 for a coupon redeemed already).
// An unknown customer (701) or coupon (702, 719) fails the item.
// details=true (or extended) adds series_info.
func (s *Server) handleCouponIsRedeemable(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	code := strings.TrimSpace(q.Get("code"))
	idName, idValue := "", ""
	for _, name := range couponIdentNames {
		if v := q.Get(name); v != "" {
			idName, idValue = name, v
			break
		}
	}
	details := q.Get("details") != "" && !strings.EqualFold(q.Get("details"), "false")
	org, now, till := s.Store.Org(), s.now(r), s.till(r)
	b := newBatch(r)
	head := func() Obj {
		if idName == "" {
			return Obj{{IdentMobile, ""}, {"code", code}}
		}
		return Obj{{idName, idValue}, {"code", code}}
	}
	echo := func(res Result) Obj {
		return append(head(), Field{"is_redeemable", "false"}, Field{"item_status", res.ItemStatus()})
	}
	// An answer asked again of an unchanged namespace, by the same till,
	// is what it was while the clock is past the same of the rules'
	// instants (Customer.CouponCheckMarks).
	n := namespace(r)
	var key readKey
	keyed := b.inject == nil && !s.reads.off
	if keyed {
		key = s.stateKey(r, till)
		if rd, ok := s.reads.get(key); ok && rd.standsAt(now) {
			rd.write(w, r)
			return
		}
	}
	var (
		marks []simulator.ClockMark
		from  time.Time
	)
	verr := s.Store.View(n, func(tx *store.Tx) error {
		b.item(func() (Obj, Result) {
			c, cerr := findCouponCustomer(tx, couponCustomerValues(nil, q))
			if cerr != nil {
				res := Failed(cerr)
				return echo(res), res
			}
			holder, cp, ferr := findCoupon(tx, code)
			if ferr != nil {
				res := Failed(ferr)
				return echo(res), res
			}
			series := org.Series(cp.SeriesID)
			res := Succeeded(simulator.CodeCouponProcessed)
			redeemable := true
			if holder.ID != c.ID {
				res, redeemable = Succeeded(simulator.CodeCouponNotIssuedToCustomer), false
			} else {
				req := simulator.CouponRedemptionRequest{Code: cp.Code, TillCode: till, Check: true}
				if st := org.TillStore(till); st != nil {
					req.StoreCode = st.Code
				}
				use := simulator.SeriesUse{}
				if series != nil {
					use = tx.SeriesUse(series.ID)
				}
				marks, from = c.CouponCheckMarks(series, cp.Code)
				if _, ref := c.CheckCouponRedemption(series, use, req, now); ref != nil {
					code, ok := redeemableCodes[ref.Reason]
					if !ok {
						code = couponRefusal(ref).Code
					}
					res, redeemable = Succeeded(code), false
					res.Args = ref.Args
				}
			}
			out := append(head(), Field{"is_redeemable", strconv.FormatBool(redeemable)}, Field{"item_status", res.ItemStatus()})
			if details && series != nil {
				out = append(out, Field{"series_info", seriesInfo(series, false)})
			}
			return out, res
		}, echo)
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	if keyed && b.StatusCode() == simulator.CodeSuccess && !now.Before(from) {
		rd := renderRead(r, key.format, shapeRedeemable.root(&b), b.Codes())
		s.reads.keep(key, rd, marks, from, now)
		rd.write(w, r)
		return
	}
	replyBatch(w, r, shapeRedeemable, &b)
}

// handleCouponResend handles "GET /v1.1/coupon/resend": the coupon named by
// code or id is sent again to the customer holding it (capsim sends
// nothing; the answer says it would). A customer identifier in the query
// must be the holder's. Codes: 700 "Coupon Resent"; 701 an unknown
// customer; 702/719 an unknown coupon; 703 another customer's coupon; 711
// one redeemed already, 713 one expired (only active coupons are resent);
// 704 a holder without a mobile number.
func (s *Server) handleCouponResend(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	code, id := strings.TrimSpace(q.Get("code")), strings.TrimSpace(q.Get("id"))
	if code == "" && id == "" {
		WriteError(w, r, invalid("pass code or id"))
		return
	}
	org, now := s.Store.Org(), s.now(r)
	b := newBatch(r)
	echo := func(res Result) Obj {
		out := Obj{}
		if id != "" {
			out = append(out, Field{"id", id})
		}
		if code != "" {
			out = append(out, Field{"code", code})
		}
		return append(out, Field{"item_status", res.ItemStatus()})
	}
	verr := s.Store.View(namespace(r), func(tx *store.Tx) error {
		b.item(func() (Obj, Result) {
			fail := func(e *simulator.Error) (Obj, Result) {
				res := Failed(e)
				return echo(res), res
			}
			var (
				holder *simulator.Customer
				cp     *simulator.Coupon
				ferr   *simulator.Error
			)
			if code != "" {
				holder, cp, ferr = findCoupon(tx, code)
			} else {
				holder, cp, ferr = findCouponByID(tx, id)
			}
			if ferr != nil {
				return fail(ferr)
			}
			named := couponCustomerValues(nil, q)
			named = Values(deleteKey(named, IdentID)) // id names the coupon here
			if len(named) > 0 {
				c, cerr := findCouponCustomer(tx, named)
				if cerr != nil {
					return fail(cerr)
				}
				if c.ID != holder.ID {
					return fail(simulator.Errorf(simulator.CodeCouponNotIssuedToCustomer).WithDetail("coupon %q was not issued to customer %d", cp.Code, c.ID))
				}
			}
			series := org.Series(cp.SeriesID)
			perCoupon := 1
			if series != nil && series.MaxRedemptionsPerCoupon > 0 {
				perCoupon = series.MaxRedemptionsPerCoupon
			}
			switch {
			case len(cp.Redemptions) >= perCoupon:
				return fail(simulator.Errorf(simulator.CodeCouponAlreadyRedeemed).WithDetail("coupon %q is redeemed: only active coupons are resent", cp.Code))
			case cp.Status(now) == simulator.CouponExpired:
				return fail(simulator.Errorf(simulator.CodeCouponExpired).WithDetail("coupon %q was valid till %s", cp.Code, DateTime(cp.ValidTill)))
			case identValue(Profile(holder), IdentMobile) == "":
				return fail(simulator.Errorf(simulator.CodeCouponSendFailed).WithDetail("customer %d has no mobile number", holder.ID))
			}
			res := Succeeded(simulator.CodeCouponResent)
			return Obj{{"id", Int(cp.ID)}, {"code", cp.Code}, {"item_status", res.ItemStatus()}}, res
		}, echo)
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	replyBatch(w, r, shapeCoupons, &b)
}

// deleteKey returns v without key.
func deleteKey(v Values, key string) Values {
	delete(v, key)
	return v
}
