package simulator

import (
	"math"
	"time"
)

// BillPoints is what one bill earned and where those points are now: what
// GET /v2/earning/{id} reports per program.
type BillPoints struct {
	ProgramID int64
	// Issued is what the bill earned; Returned what returns of it took back.
	Issued, Returned float64
	// Available, Redeemed and Expired split what is left of Issued - Returned.
	Available, Redeemed, Expired float64
	// Expiry is when the points still available expire (zero: never).
	Expiry time.Time
}

// BillPoints returns the points of c's bill t at now. Points that expire
// live in a lot of their own (PointsLot, named by the bill's id): what is
// left of the lot is available, what is gone of it was redeemed, or
// expired once the lot's date has passed. Points that never expire (and a
// fixture bill's) join the balance and are not told apart again, so all of
// them read as available.
func (c *Customer) BillPoints(org *Org, t *Transaction, now time.Time) BillPoints {
	bp := BillPoints{ProgramID: t.ProgramID, Issued: t.PointsIssued, Returned: t.PointsTakenBack}
	left := math.Max(0, bp.Issued-bp.Returned)
	if bp.ProgramID == 0 || left == 0 {
		return bp
	}
	pl := c.ProgramLoyalty(bp.ProgramID)
	prog := org.Program(bp.ProgramID)
	// A bill of the fixtures (no Source) earned before lots existed: its
	// points are in the balance, which never expires.
	if pl == nil || prog == nil || prog.Earning.ExpiryDays <= 0 || t.Source == "" {
		bp.Available = left
		return bp
	}
	for _, l := range pl.Lots {
		if l.BillID == t.ID {
			if !l.Expires.After(now) {
				bp.Expired = math.Min(left, l.Remaining)
			} else {
				bp.Available, bp.Expiry = math.Min(left, l.Remaining), l.Expires
			}
			bp.Redeemed = math.Max(0, left-bp.Available-bp.Expired)
			return bp
		}
	}
	earned := t.AddedOn
	if earned.IsZero() {
		earned = t.Date
	}
	if !earned.AddDate(0, 0, prog.Earning.ExpiryDays).After(now) {
		bp.Expired = left // the lot expired and was settled away
		return bp
	}
	bp.Redeemed = left // the lot was spent
	return bp
}
