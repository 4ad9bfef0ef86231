package simulator

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"time"
)

// RedemptionRules are what a points redemption in a program must meet.
// Every rule is off when zero, so by default any whole number of points up
// to the balance redeems.
type RedemptionRules struct {
	// MinimumPoints is the fewest points one redemption may take (821).
	MinimumPoints float64 `json:"minimumPoints,omitempty"`
	// MultipleOf makes redemptions come in steps of this many points (807).
	MultipleOf float64 `json:"multipleOf,omitempty"`
	// MaximumPerTransaction is the most points one redemption may take (819).
	MaximumPerTransaction float64 `json:"maximumPerTransaction,omitempty"`
	// PointValue is what one point is worth in the base currency (0: 1).
	PointValue float64 `json:"pointValue,omitempty"`
	// ValidationCode makes a redemption need the code points/validationcode
	// (or isredeemable with issue_otp) sent the customer (808 without it).
	ValidationCode bool `json:"validationCode,omitempty"`
	// BlockFraud refuses redemption to customers marked as fraud.
	BlockFraud bool `json:"blockFraud,omitempty"`
}

// Value returns what points are worth in the base currency.
func (r RedemptionRules) Value(points float64) float64 {
	v := r.PointValue
	if v <= 0 {
		v = 1
	}
	return math.Round(points*v*100) / 100
}

// PointsLot is points earned together that expire together: one bill's.
// Points without a lot (the fixtures' balances, registration and promotion
// points) never expire. A customer's record carries up to maxLots of them
// and every write of the customer encodes them all, so a lot holds only
// what is read: records of earlier versions also say when a lot was
// earned, which decoding skips.
type PointsLot struct {
	BillID    int64     `json:"billId,omitempty"`
	Expires   time.Time `json:"expires"`
	Remaining float64   `json:"remaining"`
}

// maxLots bounds a program's lots: a customer with more bills than this has
// its oldest-expiring lots merged, so a long-lived customer stays small.
const maxLots = 64

// earn credits pts earned at now under rule to pl, in a lot when they expire.
func (pl *ProgramLoyalty) earn(pts float64, rule EarningRule, now time.Time, billID int64) {
	if pts <= 0 {
		return
	}
	pl.LoyaltyPoints += pts
	pl.LifetimePoints += pts
	if rule.ExpiryDays <= 0 {
		return
	}
	pl.Lots = append(pl.Lots, PointsLot{BillID: billID, Expires: now.AddDate(0, 0, rule.ExpiryDays), Remaining: pts})
	if len(pl.Lots) > maxLots {
		// Merge the two that expire first into the earlier one: the merged
		// points expire no later than they would have.
		pl.Lots[1].Remaining += pl.Lots[0].Remaining
		pl.Lots[1].Expires = pl.Lots[0].Expires
		pl.Lots = pl.Lots[1:]
	}
}

// spend takes pts from pl's balance, from the lots that expire first.
func (pl *ProgramLoyalty) spend(pts float64) {
	pl.LoyaltyPoints -= pts
	pl.Redeemed += pts
	pl.drawLots(pts, 0)
}

// takeBack takes up to pts (what a returned part of bill earned) from pl,
// from that bill's lot first; never below a zero balance. It returns what it took.
func (pl *ProgramLoyalty) takeBack(pts float64, billID int64) float64 {
	pts = math.Min(pts, math.Max(0, pl.LoyaltyPoints))
	if pts <= 0 {
		return 0
	}
	pl.LoyaltyPoints -= pts
	pl.Returned += pts
	pl.drawLots(pts, billID)
	return pts
}

// drawLots takes pts from the lots: bill's own first (when billID is set),
// then those expiring first; what no lot holds comes from points that never
// expire.
func (pl *ProgramLoyalty) drawLots(pts float64, billID int64) {
	draw := func(l *PointsLot) {
		n := math.Min(pts, l.Remaining)
		l.Remaining -= n
		pts -= n
	}
	if billID != 0 {
		for i := range pl.Lots {
			if pl.Lots[i].BillID == billID {
				draw(&pl.Lots[i])
			}
		}
	}
	slices.SortStableFunc(pl.Lots, func(a, b PointsLot) int { return a.Expires.Compare(b.Expires) })
	for i := range pl.Lots {
		if pts <= 0 {
			break
		}
		draw(&pl.Lots[i])
	}
	pl.Lots = slices.DeleteFunc(pl.Lots, func(l PointsLot) bool { return l.Remaining <= 0.0000001 })
}

// expiringBy returns the points of pl's lots that have expired at now.
func (pl *ProgramLoyalty) expiringBy(now time.Time) float64 {
	var n float64
	for _, l := range pl.Lots {
		if !now.IsZero() && !l.Expires.After(now) {
			n += l.Remaining
		}
	}
	return n
}

// SettleExpiry moves the points of every lot expired at now out of c's
// balances into their expired totals. Writes call it before they move
// points, so a balance is always what the clock says it is.
func (c *Customer) SettleExpiry(now time.Time) {
	for i := range c.Loyalty {
		pl := &c.Loyalty[i]
		if n := pl.expiringBy(now); n > 0 {
			pl.LoyaltyPoints -= n
			pl.Expired += n
			pl.Lots = slices.DeleteFunc(pl.Lots, func(l PointsLot) bool { return !l.Expires.After(now) })
		}
	}
}

// ExpiryRow is points that expire on one day (v1.1 expiry_schedule).
type ExpiryRow struct {
	Expires time.Time
	Points  float64
}

// ExpirySchedule returns the points of st that are still to expire, by
// expiry time, soonest first.
func (st Standing) ExpirySchedule() []ExpiryRow {
	if st.Loyalty == nil {
		return nil
	}
	var out []ExpiryRow
	for _, l := range st.Loyalty.Lots {
		if !st.At.IsZero() && !l.Expires.After(st.At) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Expires.Equal(l.Expires) {
			out[n-1].Points += l.Remaining
			continue
		}
		out = append(out, ExpiryRow{Expires: l.Expires, Points: l.Remaining})
	}
	slices.SortStableFunc(out, func(a, b ExpiryRow) int { return a.Expires.Compare(b.Expires) })
	return out
}

// ExpirySlot counts the points lots and coupons of c that have expired at
// now: a cached answer that shows balances or coupon states is stale when it
// changes.
func (c *Customer) ExpirySlot(now time.Time) int {
	n := 0
	for i := range c.Loyalty {
		for _, l := range c.Loyalty[i].Lots {
			if !l.Expires.After(now) {
				n++
			}
		}
	}
	return n
}

// CheckRedemption returns why c may not redeem points in prog at now under
// its rules, or nil: a positive whole number, within the minimum, step and
// maximum, no more than the balance, by a loyalty customer not barred as fraud.
func (c *Customer) CheckRedemption(prog *Program, points float64, now time.Time) *Refusal {
	rules := prog.Redemption
	switch {
	case c.LoyaltyType != LoyaltyLoyalty:
		return refuse(ReasonNotLoyalty, "customer %d is not in the loyalty program", c.ID)
	case rules.BlockFraud && c.Fraud.Marked():
		return refuse(ReasonFraudRedemption, "customer %d is marked as fraud (%s)", c.ID, c.Fraud.StatusName())
	case points <= 0 || math.IsNaN(points) || points != math.Trunc(points):
		return refuse(ReasonPointsInvalid, "points %s is not a positive whole number", formatFigure(points))
	case rules.MinimumPoints > 0 && points < rules.MinimumPoints:
		return refuse(ReasonPointsBelowMin, "%s points is less than the minimum of %s", formatFigure(points), formatFigure(rules.MinimumPoints))
	case rules.MultipleOf > 0 && math.Mod(points, rules.MultipleOf) != 0:
		r := refuse(ReasonPointsNotMultiple, "%s points is not a multiple of %s", formatFigure(points), formatFigure(rules.MultipleOf))
		r.Args = []any{formatFigure(rules.MultipleOf)}
		return r
	case rules.MaximumPerTransaction > 0 && points > rules.MaximumPerTransaction:
		return refuse(ReasonPointsAboveMax, "%s points is more than the maximum of %s per transaction", formatFigure(points), formatFigure(rules.MaximumPerTransaction))
	}
	if have := c.StandingAt(prog, now).Points(); points > have {
		return refuse(ReasonPointsShort, "%s points is more than the %s the customer has", formatFigure(points), formatFigure(have))
	}
	return nil
}

// MaxPointsRedemptions bounds the points redemptions a customer's history
// keeps: past it the oldest record goes (the balances still count every
// redemption), so a customer redeemed against in a loop stays small.
const MaxPointsRedemptions = 100

// RedeemPoints takes points from c's balance in prog at now, after
// CheckRedemption, and records the redemption (red's id, bill number,
// store, till and reference, and its date when the client gave one; its
// kind, points and program are set here, and the date is now when red has
// none). It returns the redemption as recorded.
func (c *Customer) RedeemPoints(prog *Program, points float64, now time.Time, red Redemption) (Redemption, *Refusal) {
	if r := c.CheckRedemption(prog, points, now); r != nil {
		return Redemption{}, r
	}
	c.SettleExpiry(now)
	c.ProgramLoyalty(prog.ID).spend(points)
	if c.History == nil {
		c.History = &History{}
	}
	red.Kind, red.Points, red.ProgramID = RedemptionPoints, points, prog.ID
	if red.Date.IsZero() {
		red.Date = now
	}
	c.History.Redemptions = append(c.History.Redemptions, red)
	n := 0
	for _, rd := range c.History.Redemptions {
		if rd.Kind == RedemptionPoints {
			n++
		}
	}
	if n > MaxPointsRedemptions {
		// The oldest goes without moving the others (History.Redemptions).
		reds := c.History.Redemptions
		i := slices.IndexFunc(reds, func(rd Redemption) bool { return rd.Kind == RedemptionPoints })
		if i == 0 {
			c.History.Redemptions = reds[1:]
		} else {
			c.History.Redemptions = append(reds[:i:i], reds[i+1:]...)
		}
	}
	return red, nil
}

// ValidationCode is a one-time code sent to a customer to confirm a points
// redemption.
type ValidationCode struct {
	Code    string    `json:"code"`
	Points  float64   `json:"points"`
	Issued  time.Time `json:"issued"`
	Expires time.Time `json:"expires"`
}

// ValidationCodeTTL is how long a validation code stays good.
const ValidationCodeTTL = 15 * time.Minute

// maxValidationCodes bounds the codes a customer holds at once.
const maxValidationCodes = 5

// IssueValidationCode gives c a new six-digit code for redeeming points at
// now and returns it. Codes are derived from the customer and how many codes
// it has had, so a run with the same requests gets the same codes.
func (c *Customer) IssueValidationCode(points float64, now time.Time) ValidationCode {
	c.CodesIssued++
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%d", c.ID, c.CodesIssued)
	vc := ValidationCode{Code: fmt.Sprintf("%06d", h.Sum32()%1_000_000), Points: points, Issued: now, Expires: now.Add(ValidationCodeTTL)}
	c.ValidationCodes = slices.DeleteFunc(c.ValidationCodes, func(v ValidationCode) bool { return !v.Expires.After(now) })
	c.ValidationCodes = append(c.ValidationCodes, vc)
	if n := len(c.ValidationCodes); n > maxValidationCodes {
		c.ValidationCodes = c.ValidationCodes[n-maxValidationCodes:]
	}
	return vc
}

// UseValidationCode consumes c's unexpired code equal to code, if any, and
// reports whether there was one.
func (c *Customer) UseValidationCode(code string, now time.Time) bool {
	for i, v := range c.ValidationCodes {
		if v.Code == code && v.Expires.After(now) {
			c.ValidationCodes = slices.Delete(c.ValidationCodes, i, i+1)
			return true
		}
	}
	return false
}

// HasValidationCode reports whether code is one of c's unexpired codes.
func (c *Customer) HasValidationCode(code string, now time.Time) bool {
	for _, v := range c.ValidationCodes {
		if v.Code == code && v.Expires.After(now) {
			return true
		}
	}
	return false
}
