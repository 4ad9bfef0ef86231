package simulator

import (
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"
)

// This file is the coupon model the v1.1 coupon API (issue, resend,
// redeem, isredeemable, get, series) calls: what a series allows, how a
// coupon is issued to a customer, and what a redemption must meet. The API
// parses the wire, calls these, and turns a Refusal's Reason into its 7xx
// code (one table in the v11 package).
//
// Every limit of CouponSeries is off when zero, so a series the fixtures
// do not configure issues any number of coupons that each redeem once, at
// any store, for any bill.

// The coupon reasons. They continue the earning model's (earning.go) at
// 100 so that the two lists never collide.
const (
	// Issue.
	ReasonSeriesUnknown         Reason = iota + 100 // no series with that id
	ReasonSeriesExpired                             // the series ended before the time of the issue or redemption
	ReasonCustomerIssueLimit                        // the customer holds MaxPerCustomer coupons of the series
	ReasonSeriesIssueLimit                          // the series has issued MaxIssued coupons
	ReasonCouponFraudIssue                          // issue to a customer marked as fraud
	ReasonCouponBlocked                             // a customer who is not interested in the program
	ReasonCouponCustomerInvalid                     // a loyalty-only series and a customer out of the program
	// Redemption.
	ReasonCouponFraudRedeem      // redemption by a customer marked as fraud
	ReasonCouponNotOwned         // the coupon was issued to another customer
	ReasonCouponRedeemed         // a single-use coupon is redeemed already
	ReasonCouponRedeemedOnBill   // the coupon is redeemed already on this very bill
	ReasonCouponUsedUp           // a multiple-use coupon has had all its redemptions
	ReasonCouponExpired          // the coupon's validity ended
	ReasonCouponTrial            // a trial series: its coupons never redeem
	ReasonCouponStore            // the series does not redeem at this store
	ReasonSeriesRedemptionLimit  // the series has had MaxRedemptions redemptions
	ReasonCustomerRedeemLimit    // the customer has redeemed MaxRedemptionsPerCustomer of the series
	ReasonCouponTooSoon          // within MinDaysBetweenRedemptions of the customer's last one
	ReasonCouponNotYet           // before the series' RedeemableFrom
	ReasonCouponNoBill           // no bill number where the series needs one
	ReasonCouponAmount           // a bill amount that is negative, no number or under the minimum
	ReasonCouponValidationNeeded // no validation code where the series needs one
	ReasonCouponValidationWrong  // a validation code that is not the customer's
	ReasonCouponRedemptionDate   // a redemption time after now
)

// CouponLimits are the issue and redemption rules of a series. Every one is
// off when zero.
type CouponLimits struct {
	// ValidTill ends the series: no issue nor redemption after it (712),
	// and no coupon of it is valid longer.
	ValidTill time.Time `json:"validTill,omitzero"`
	// MaxIssued bounds the coupons the series issues in all (722);
	// MaxPerCustomer those one customer holds (722).
	MaxIssued      int `json:"maxIssued,omitempty"`
	MaxPerCustomer int `json:"maxPerCustomer,omitempty"`
	// MaxRedemptionsPerCoupon is how often one coupon redeems (0: once;
	// 711 the second time, 736 past a higher limit).
	MaxRedemptionsPerCoupon int `json:"maxRedemptionsPerCoupon,omitempty"`
	// MaxRedemptions bounds the series' redemptions in all (714);
	// MaxRedemptionsPerCustomer one customer's (728).
	MaxRedemptions            int `json:"maxRedemptions,omitempty"`
	MaxRedemptionsPerCustomer int `json:"maxRedemptionsPerCustomer,omitempty"`
	// MinDaysBetweenRedemptions is the gap a customer waits between two
	// redemptions of the series (738).
	MinDaysBetweenRedemptions int `json:"minDaysBetweenRedemptions,omitempty"`
	// MinBillAmount is the smallest bill a coupon redeems on (733).
	MinBillAmount float64 `json:"minBillAmount,omitempty"`
	// RedeemableFrom is the first day coupons redeem (729 before it).
	RedeemableFrom time.Time `json:"redeemableFrom,omitzero"`
	// Trial marks a series whose coupons are for trying out a campaign:
	// they issue but never redeem (720).
	Trial bool `json:"trial,omitempty"`
	// LoyaltyOnly issues and redeems to loyalty customers only (721).
	LoyaltyOnly bool `json:"loyaltyOnly,omitempty"`
	// ValidationRequired makes a redemption need the customer's validation
	// code (points/validationcode): 725 without one, 705 with a wrong one.
	ValidationRequired bool `json:"validationRequired,omitempty"`
	// BillRequired makes a redemption need a bill number (718).
	BillRequired bool `json:"billRequired,omitempty"`
}

// perCoupon returns how often one coupon of s redeems.
func (s *CouponSeries) perCoupon() int {
	if s.MaxRedemptionsPerCoupon > 0 {
		return s.MaxRedemptionsPerCoupon
	}
	return 1
}

// ExpiredAt reports whether the series has ended at t.
func (s *CouponSeries) ExpiredAt(t time.Time) bool {
	return !s.ValidTill.IsZero() && s.ValidTill.Before(t)
}

// CouponValidTill returns the end of the validity of a coupon of s issued
// at t: the end of the day ValidDays after t, no later than the series'
// end; zero (never) when neither is set.
func (s *CouponSeries) CouponValidTill(t time.Time) time.Time {
	var end time.Time
	if s.ValidDays > 0 {
		d := t.AddDate(0, 0, s.ValidDays)
		end = time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, d.Location())
	}
	if !s.ValidTill.IsZero() && (end.IsZero() || s.ValidTill.Before(end)) {
		end = s.ValidTill
	}
	return end
}

// SeriesUse is what a series has done in a namespace: the coupons it issued
// and their redemptions, all customers together (the store counts them).
type SeriesUse struct {
	Issued, Redeemed int
}

// couponCustomerRefusal is what refuses c any coupon business of s: a
// customer not interested in the program, marked as fraud, or out of a
// loyalty-only series' program.
func (c *Customer) couponCustomerRefusal(s *CouponSeries, fraud Reason) *Refusal {
	switch {
	case c.LoyaltyType == LoyaltyNotInterested:
		return refuse(ReasonCouponBlocked, "customer %d is not interested in the loyalty program", c.ID)
	case c.Fraud.Marked():
		return refuse(fraud, "customer %d is marked as fraud (%s)", c.ID, c.Fraud.StatusName())
	case s != nil && s.LoyaltyOnly && c.LoyaltyType != LoyaltyLoyalty:
		return refuse(ReasonCouponCustomerInvalid, "series %d is for loyalty customers and customer %d is not one", s.ID, c.ID)
	}
	return nil
}

// CouponCustomerRefusal returns why c may have no coupon business of s at
// all (s may be nil: no coupon named yet), or nil: a customer not
// interested in the program, marked as fraud (issue says so with its own
// reason), or out of a loyalty-only series' program.
func (c *Customer) CouponCustomerRefusal(s *CouponSeries, issue bool) *Refusal {
	if issue {
		return c.couponCustomerRefusal(s, ReasonCouponFraudIssue)
	}
	return c.couponCustomerRefusal(s, ReasonCouponFraudRedeem)
}

// CheckIssue returns why a coupon of s may not be issued to c at now, the
// series having issued use.Issued coupons so far, or nil.
func (c *Customer) CheckIssue(s *CouponSeries, use SeriesUse, now time.Time) *Refusal {
	if s == nil {
		return refuse(ReasonSeriesUnknown, "the org has no such coupon series")
	}
	if r := c.couponCustomerRefusal(s, ReasonCouponFraudIssue); r != nil {
		return r
	}
	if s.ExpiredAt(now) {
		return refuse(ReasonSeriesExpired, "series %d ended on %s", s.ID, s.ValidTill.Format(time.DateOnly))
	}
	if s.MaxIssued > 0 && use.Issued >= s.MaxIssued {
		return refuse(ReasonSeriesIssueLimit, "series %d has issued all of its %d coupons", s.ID, s.MaxIssued)
	}
	if s.MaxPerCustomer > 0 {
		held := 0
		for _, cp := range c.History.coupons() {
			if cp.SeriesID == s.ID {
				held++
			}
		}
		if held >= s.MaxPerCustomer {
			return refuse(ReasonCustomerIssueLimit, "customer %d holds %d coupons of series %d, the most one customer may", c.ID, held, s.ID)
		}
	}
	return nil
}

// coupons returns h's coupons (none for nil).
func (h *History) coupons() []Coupon {
	if h == nil {
		return nil
	}
	return h.Coupons
}

// CouponCode returns the code a coupon of c numbered n (c's coupons so far,
// plus the attempts a taken code cost) gets: eight lower-case letters and
// digits, as the issue sample's "xqnq5m5u", derived from the customer and n
// so that the same requests give the same codes.
func (c *Customer) CouponCode(n int) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "coupon/%d/%d", c.ID, n)
	s := strconv.FormatUint(h.Sum64()%2821109907456, 36) // 36^8
	return strings.Repeat("0", 8-len(s)) + s
}

// IssueCoupon issues cp (its id, code and the store and bill it is issued
// on set by the caller) of s to c at now, after CheckIssue, and returns it
// as recorded: its series, issue time and validity set here.
func (c *Customer) IssueCoupon(s *CouponSeries, use SeriesUse, now time.Time, cp Coupon) (Coupon, *Refusal) {
	if r := c.CheckIssue(s, use, now); r != nil {
		return Coupon{}, r
	}
	if c.History == nil {
		c.History = &History{}
	}
	cp.SeriesID, cp.IssuedOn, cp.ValidTill = s.ID, now, s.CouponValidTill(now)
	cp.Redemptions = nil
	c.History.Coupons = append(c.History.Coupons, cp)
	return cp, nil
}

// CouponRedemptionRequest is a redemption of one of a customer's coupons.
type CouponRedemptionRequest struct {
	Code      string
	StoreCode string // where it is redeemed (the till's store)
	TillCode  string
	// BillNumber and Amount are the bill it is redeemed on; HasAmount
	// says whether an amount was sent at all.
	BillNumber string
	Amount     float64
	HasAmount  bool
	// ValidationCode is what the customer was sent, for series that need it.
	ValidationCode string
	// At is the redemption time (now when the request names none).
	At time.Time
	// Check asks only whether the coupon would redeem (isredeemable): the
	// bill and validation code are not looked at.
	Check bool
}

// CheckCouponRedemption returns c's coupon req.Code and why it may not be
// redeemed under s at now (use being the series' figures), or nil.
func (c *Customer) CheckCouponRedemption(s *CouponSeries, use SeriesUse, req CouponRedemptionRequest, now time.Time) (*Coupon, *Refusal) {
	cp := c.History.Coupon(req.Code)
	if cp == nil {
		return nil, refuse(ReasonCouponNotOwned, "coupon %q was not issued to customer %d", req.Code, c.ID)
	}
	if s == nil {
		return cp, refuse(ReasonSeriesUnknown, "coupon %q is of series %d, which the org does not have", cp.Code, cp.SeriesID)
	}
	if r := c.couponCustomerRefusal(s, ReasonCouponFraudRedeem); r != nil {
		return cp, r
	}
	at := req.At
	if at.IsZero() {
		at = now
	}
	if at.After(now) {
		return cp, refuse(ReasonCouponRedemptionDate, "redemption_time %s is after now", at.Format(time.DateTime))
	}
	if s.Trial {
		return cp, refuse(ReasonCouponTrial, "series %d is a trial series", s.ID)
	}
	if !req.Check {
		if s.BillRequired && strings.TrimSpace(req.BillNumber) == "" {
			return cp, refuse(ReasonCouponNoBill, "series %d redeems on a bill: pass transaction.number", s.ID)
		}
		if req.HasAmount && (math.IsNaN(req.Amount) || math.IsInf(req.Amount, 0) || req.Amount < 0) {
			return cp, refuse(ReasonCouponAmount, "transaction amount %s is not a non-negative number", formatFigure(req.Amount))
		}
		if s.MinBillAmount > 0 && req.Amount < s.MinBillAmount {
			return cp, refuse(ReasonCouponAmount, "transaction amount %s is under series %d's minimum of %s", formatFigure(req.Amount), s.ID, formatFigure(s.MinBillAmount))
		}
		if s.ValidationRequired {
			if strings.TrimSpace(req.ValidationCode) == "" {
				return cp, refuse(ReasonCouponValidationNeeded, "series %d needs the customer's validation code", s.ID)
			}
			if !c.HasValidationCode(req.ValidationCode, now) {
				return cp, refuse(ReasonCouponValidationWrong, "validation code %q is not one of customer %d's", req.ValidationCode, c.ID)
			}
		}
	}
	if s.ExpiredAt(at) {
		return cp, refuse(ReasonSeriesExpired, "series %d ended on %s", s.ID, s.ValidTill.Format(time.DateOnly))
	}
	if !s.RedeemableFrom.IsZero() && at.Before(s.RedeemableFrom) {
		return cp, refuse(ReasonCouponNotYet, "series %d redeems from %s", s.ID, s.RedeemableFrom.Format(time.DateOnly))
	}
	if !cp.ValidTill.IsZero() && cp.ValidTill.Before(at) {
		return cp, refuse(ReasonCouponExpired, "coupon %q was valid till %s", cp.Code, cp.ValidTill.Format(time.DateTime))
	}
	if req.StoreCode != "" && !s.RedeemableAt(req.StoreCode) {
		return cp, refuse(ReasonCouponStore, "series %d does not redeem at store %s", s.ID, req.StoreCode)
	}
	for _, rd := range cp.Redemptions {
		if req.BillNumber != "" && strings.EqualFold(rd.TransactionNumber, req.BillNumber) {
			return cp, refuse(ReasonCouponRedeemedOnBill, "coupon %q is redeemed on bill %q already", cp.Code, rd.TransactionNumber)
		}
	}
	if n := len(cp.Redemptions); n >= s.perCoupon() {
		if s.perCoupon() == 1 {
			return cp, refuse(ReasonCouponRedeemed, "coupon %q was redeemed on %s", cp.Code, cp.Redemptions[n-1].Date.Format(time.DateTime))
		}
		return cp, refuse(ReasonCouponUsedUp, "coupon %q has had all of its %d redemptions", cp.Code, s.perCoupon())
	}
	if s.MaxRedemptions > 0 && use.Redeemed >= s.MaxRedemptions {
		return cp, refuse(ReasonSeriesRedemptionLimit, "series %d has had all of its %d redemptions", s.ID, s.MaxRedemptions)
	}
	mine, last := c.seriesRedemptions(s.ID)
	if s.MaxRedemptionsPerCustomer > 0 && mine >= s.MaxRedemptionsPerCustomer {
		return cp, refuse(ReasonCustomerRedeemLimit, "customer %d has redeemed %d coupons of series %d, the most one customer may", c.ID, mine, s.ID)
	}
	if s.MinDaysBetweenRedemptions > 0 && !last.IsZero() {
		next := last.AddDate(0, 0, s.MinDaysBetweenRedemptions)
		if at.Before(next) {
			days := int(math.Ceil(next.Sub(at).Hours() / 24))
			r := refuse(ReasonCouponTooSoon, "customer %d redeemed series %d on %s; the next may be on %s", c.ID, s.ID,
				last.Format(time.DateTime), next.Format(time.DateTime))
			r.Args = []any{days}
			return cp, r
		}
	}
	return cp, nil
}

// seriesRedemptions returns how many coupon redemptions of series c has and
// ClockMark is an instant at which an answer that reads the clock may
// change: it counts once now is past it (at or past it, unless Strict).
// Two times past the same marks give the same answer, so a cache keeps an
// answer with its marks and the number now was past (MarksPassed).
type ClockMark struct {
	At     time.Time
	Strict bool
}

// MarksPassed counts the marks now is past.
func MarksPassed(marks []ClockMark, now time.Time) int {
	n := 0
	for _, m := range marks {
		if m.At.Before(now) || (!m.Strict && m.At.Equal(now)) {
			n++
		}
	}
	return n
}

// CouponCheckMarks returns the instants at which CheckCouponRedemption's
// answer to a check (req.Check, no req.At) of c's coupon code of series s
// can change as now moves: the series' and the coupon's ends, the series'
// first day of redemption and, when the series asks for days between a
// customer's redemptions, each day until the next may be made (the answer
// names the days left). They hold from the instant from on: before c's
// last redemption of the series the days left grow day by day, and no
// answer of those times is kept. Keep it beside the rules it follows:
// TestCouponCheckMarks fails when a rule reads the clock at an instant
// this leaves out.
func (c *Customer) CouponCheckMarks(s *CouponSeries, code string) (marks []ClockMark, from time.Time) {
	cp := c.History.Coupon(code)
	if cp == nil || s == nil {
		return nil, time.Time{}
	}
	marks = []ClockMark{{At: s.ValidTill, Strict: true}, {At: s.RedeemableFrom}, {At: cp.ValidTill, Strict: true}}
	if _, last := c.seriesRedemptions(s.ID); s.MinDaysBetweenRedemptions > 0 && !last.IsZero() {
		next := last.AddDate(0, 0, s.MinDaysBetweenRedemptions)
		for d := range s.MinDaysBetweenRedemptions + 1 {
			marks = append(marks, ClockMark{At: next.Add(-time.Duration(d) * 24 * time.Hour)})
		}
		from = last
	}
	return marks, from
}

// when the latest was.
func (c *Customer) seriesRedemptions(series int64) (n int, last time.Time) {
	for _, cp := range c.History.coupons() {
		if cp.SeriesID != series {
			continue
		}
		for _, rd := range cp.Redemptions {
			n++
			if rd.Date.After(last) {
				last = rd.Date
			}
		}
	}
	return n, last
}

// RedeemCoupon redeems c's coupon req.Code under s, after
// CheckCouponRedemption: the use is recorded on the coupon and as a COUPON
// redemption (red's id set by the caller), on the customer's bill numbered
// req.BillNumber when there is one, and a validation code it needed is
// used up. It returns the coupon and the redemption as recorded.
func (c *Customer) RedeemCoupon(s *CouponSeries, use SeriesUse, req CouponRedemptionRequest, now time.Time, id int64) (Coupon, Redemption, *Refusal) {
	req.Check = false
	cp, r := c.CheckCouponRedemption(s, use, req, now)
	if r != nil {
		return Coupon{}, Redemption{}, r
	}
	at := req.At
	if at.IsZero() {
		at = now
	}
	if s.ValidationRequired {
		c.UseValidationCode(req.ValidationCode, now)
	}
	cp.Redemptions = append(cp.Redemptions, CouponRedemption{Date: at, TransactionNumber: req.BillNumber, StoreCode: req.StoreCode})
	if t := c.History.billToReturn(req.BillNumber); t != nil && req.BillNumber != "" {
		t.Coupons = append(t.Coupons, cp.Code)
	}
	red := Redemption{ID: id, Kind: RedemptionCoupon, Date: at, TransactionNumber: req.BillNumber,
		StoreCode: req.StoreCode, TillCode: req.TillCode, CouponCode: cp.Code, SeriesID: cp.SeriesID}
	c.History.Redemptions = append(c.History.Redemptions, red)
	return *cp, red, nil
}

// CouponByID returns c's coupon with id, if any.
func (h *History) CouponByID(id int64) *Coupon {
	for i := range h.coupons() {
		if h.Coupons[i].ID == id {
			return &h.Coupons[i]
		}
	}
	return nil
}
