package simulator

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// This file is the earning model both transaction APIs (v1.1
// transaction/add, v2 /v2/transactions) and the points API share: what a
// bill is, what it earns, what a return takes back, and how purchases move a
// customer up the program's tiers. The APIs only parse a bill from the wire,
// call these, and write what they return.

// EarningRule is how a program awards points for bills. The zero rule
// awards nothing.
type EarningRule struct {
	// PointsPerUnit is the points one unit of a bill's amount earns
	// (0.01: a point for every 100).
	PointsPerUnit float64 `json:"pointsPerUnit,omitempty"`
	// Rounding is how fractional points are rounded: "floor" (the
	// default), "round" or "none" (fractions are kept).
	Rounding string `json:"rounding,omitempty"`
	// ExpiryDays is how long earned points stay usable; 0 means they never
	// expire. Points expire by the namespace's clock.
	ExpiryDays int `json:"expiryDays,omitempty"`
}

// Points returns what amount earns under r.
func (r EarningRule) Points(amount float64) float64 {
	if amount <= 0 || r.PointsPerUnit <= 0 {
		return 0
	}
	p := amount * r.PointsPerUnit
	switch r.Rounding {
	case "none":
		return math.Round(p*1000) / 1000
	case "round":
		return math.Round(p)
	}
	// A whole number of units times a rate such as 0.01 can land a hair
	// under the whole number (2990 × 0.01 = 29.900000000000002, 300 × 0.01
	// = 3): round to a micro-point before flooring.
	return math.Floor(math.Round(p*1e6) / 1e6)
}

// Billing is the org's transaction configuration (InTouch > Billing): how
// far back or ahead a bill may be dated and where its number must be unique.
type Billing struct {
	// PastDays and FutureDays bound a bill's billing time around now
	// (0: no bound). Older bills answer 644, later ones 643.
	PastDays   int `json:"pastDays,omitempty"`
	FutureDays int `json:"futureDays,omitempty"`
	// UniqueNumber is the scope in which a bill number may be used once:
	// "store" (the default), "till", "org", or "none".
	UniqueNumber string `json:"uniqueNumber,omitempty"`
	// UniqueDays is how many days the scope lasts (0: for ever).
	UniqueDays int `json:"uniqueDays,omitempty"`
	// Returns turns the return types off: "none" refuses every return;
	// empty allows FULL, AMOUNT and LINE_ITEM.
	Returns string `json:"returns,omitempty"`
	// BaseCurrency is the org's currency ("INR" when empty) and
	// CurrencyRatios the value of one unit of another currency in it; a
	// bill in a currency without a ratio answers 682.
	BaseCurrency   string             `json:"baseCurrency,omitempty"`
	CurrencyRatios map[string]float64 `json:"currencyRatios,omitempty"`
	// ExtendedFields are the extended fields a bill (or a line of it) may
	// carry; others are dropped with a warning. Empty: every name is taken.
	ExtendedFields []string `json:"extendedFields,omitempty"`
}

// ExtendedField returns the configured spelling of a bill's extended field
// name (compared case-insensitively), false when the org does not take it.
// An org that lists none takes every name as sent.
func (b Billing) ExtendedField(name string) (string, bool) {
	if len(b.ExtendedFields) == 0 {
		return name, strings.TrimSpace(name) != ""
	}
	for _, f := range b.ExtendedFields {
		if strings.EqualFold(f, strings.TrimSpace(name)) {
			return f, true
		}
	}
	return "", false
}

// Base returns the org's base currency.
func (b Billing) Base() string {
	if b.BaseCurrency == "" {
		return "INR"
	}
	return b.BaseCurrency
}

// Reason says why the earning model refused a bill, a return or a
// redemption. Each API turns a reason into its own code (v1.1 6xx/8xx, v2
// the same numbers in its envelope).
type Reason int

// The reasons.
const (
	// Bills.
	ReasonBadAmount            Reason = iota + 1 // an amount, qty, rate or discount that is no number
	ReasonNoNumber                               // no bill number
	ReasonBadNumber                              // a bill number that cannot be one
	ReasonNumberExists                           // the number is used in its scope already
	ReasonNegativeAmount                         // amount < 0
	ReasonNegativeGross                          // gross amount < 0
	ReasonNegativeDiscount                       // discount < 0
	ReasonNegativeQty                            // a line's qty < 0
	ReasonNegativeLineAmount                     // a line's amount < 0
	ReasonNegativeLineValue                      // a line's value < 0
	ReasonNegativeLineRate                       // a line's rate < 0
	ReasonNegativeLineDiscount                   // a line's discount < 0
	ReasonFutureDate                             // after now + FutureDays
	ReasonPastDate                               // before now - PastDays
	ReasonNoCurrencyRatio                        // a currency the org has no ratio for
	ReasonFraud                                  // the customer is marked as fraud
	// Returns.
	ReasonReturnsOff          // the org does not take returns
	ReasonNoOriginal          // no regular bill with that number for the customer
	ReasonBadReturnType       // not FULL, AMOUNT or LINE_ITEM
	ReasonFullyReturned       // the whole bill is returned already
	ReasonFullAfterPartial    // FULL after a part was returned
	ReasonLineAfterAmount     // LINE_ITEM after AMOUNT
	ReasonAmountAfterLine     // AMOUNT after LINE_ITEM
	ReasonReturnAmountExceeds // more amount than is left
	ReasonReturnQtyExceeds    // more of a line than is left
	ReasonNoLineToReturn      // LINE_ITEM with no lines
	ReasonNoMatchingLine      // a line the bill does not have
	// Points.
	ReasonNotLoyalty        // not in the loyalty program
	ReasonPointsInvalid     // not a positive whole number of points
	ReasonPointsBelowMin    // under the program's minimum
	ReasonPointsNotMultiple // not a multiple of the program's step
	ReasonPointsAboveMax    // over the program's per-transaction maximum
	ReasonPointsShort       // more than the customer has
	ReasonValidationCode    // a wrong or missing validation code
	ReasonFraudRedemption   // marked as fraud where the program refuses it
	// Bounds.
	ReasonTooManyBills // the customer holds MaxBillsPerCustomer bills
)

// MaxBillsPerCustomer is the most bills (regular, return) one customer
// holds: every write of a customer reads and writes all of them, so a
// client adding bills without end would slow every later write of that
// customer. The real service has no documented limit; past this one a bill
// is refused with the API's "unable to add transaction" code (686).
const MaxBillsPerCustomer = 10_000

// BillRoom returns why c can take no more bills, or nil.
func (c *Customer) BillRoom() *Refusal {
	if c.History != nil && len(c.History.Transactions) >= MaxBillsPerCustomer {
		return refuse(ReasonTooManyBills, "customer %d holds %d bills, the most one customer may hold", c.ID, len(c.History.Transactions))
	}
	return nil
}

// Refusal is the earning model's refusal: a Reason and what exactly was
// wrong, for the API to name in its message.
type Refusal struct {
	Reason Reason
	Detail string
	// Args fill the placeholders of the code the API answers with (807's
	// multiple, say).
	Args []any
}

func (r *Refusal) Error() string { return fmt.Sprintf("refused (%d): %s", r.Reason, r.Detail) }

// ReasonCodes is an API's table from the reasons the domain refuses with
// to the codes it answers them with.
type ReasonCodes map[Reason]Code

// Error returns r as the error of its reason's code in rc, its detail
// saying what exactly was wrong; a reason rc lacks (one added to the model
// later) answers fallback.
func (rc ReasonCodes) Error(r *Refusal, fallback Code) *Error {
	code, ok := rc[r.Reason]
	if !ok {
		code = fallback
	}
	return Errorf(code, r.Args...).WithDetail("%s", r.Detail)
}

func refuse(reason Reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Bill types the APIs accept, as they write them.
const (
	ReturnFull     = "FULL"
	ReturnAmount   = "AMOUNT"
	ReturnLineItem = "LINE_ITEM"
)

// CheckBill checks the figures and date of t, a new bill, against billing
// and now: every amount a number and none negative, the billing time inside
// the accepted window. It returns the first problem.
func (b Billing) CheckBill(t *Transaction, now time.Time) *Refusal {
	if strings.TrimSpace(t.Number) == "" {
		return refuse(ReasonNoNumber, "the bill has no number")
	}
	for _, f := range []struct {
		v      float64
		reason Reason
		name   string
	}{
		{t.Amount, ReasonNegativeAmount, "amount"},
		{t.GrossAmount, ReasonNegativeGross, "gross_amount"},
		{t.Discount, ReasonNegativeDiscount, "discount"},
	} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return refuse(ReasonBadAmount, "%s is not a number", f.name)
		}
		if f.v < 0 {
			return refuse(f.reason, "%s %s is negative", f.name, formatFigure(f.v))
		}
	}
	for _, l := range t.LineItems {
		for _, f := range []struct {
			v      float64
			reason Reason
			name   string
		}{
			{l.Qty, ReasonNegativeQty, "qty"},
			{l.Rate, ReasonNegativeLineRate, "rate"},
			{l.Value, ReasonNegativeLineValue, "value"},
			{l.Discount, ReasonNegativeLineDiscount, "discount"},
			{l.Amount, ReasonNegativeLineAmount, "amount"},
		} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				return refuse(ReasonBadAmount, "line item %d: %s is not a number", l.Serial, f.name)
			}
			if f.v < 0 {
				return refuse(f.reason, "line item %d: %s %s is negative", l.Serial, f.name, formatFigure(f.v))
			}
		}
	}
	if t.Currency != "" && !strings.EqualFold(t.Currency, b.Base()) {
		if _, ok := b.ratio(t.Currency); !ok {
			return refuse(ReasonNoCurrencyRatio, "the org converts no %s to %s", t.Currency, b.Base())
		}
	}
	if !t.Date.IsZero() {
		if b.FutureDays > 0 && t.Date.After(now.AddDate(0, 0, b.FutureDays)) {
			return refuse(ReasonFutureDate, "billing_time %s is more than %d days after now", t.Date.Format(time.DateTime), b.FutureDays)
		}
		if b.PastDays > 0 && t.Date.Before(now.AddDate(0, 0, -b.PastDays)) {
			return refuse(ReasonPastDate, "billing_time %s is more than %d days before now", t.Date.Format(time.DateTime), b.PastDays)
		}
	}
	return nil
}

func (b Billing) ratio(cur string) (float64, bool) {
	for k, v := range b.CurrencyRatios {
		if strings.EqualFold(k, cur) && v > 0 {
			return v, true
		}
	}
	return 0, false
}

// ToBase converts amount in currency cur to the base currency (unchanged
// for the base currency or no currency).
func (b Billing) ToBase(cur string, amount float64) float64 {
	if cur == "" || strings.EqualFold(cur, b.Base()) {
		return amount
	}
	r, _ := b.ratio(cur)
	return math.Round(amount*r*100) / 100
}

// BillRef is where a bill number is in use: enough to apply the org's
// uniqueness scope without loading the bill.
type BillRef struct {
	Number     string
	CustomerID int64 // 0 for a not-interested bill
	ID         int64
	StoreCode  string
	TillCode   string
	Date       time.Time
	Type       string
}

// Duplicate returns the first of existing (bills with t's number) that the
// org's uniqueness scope forbids t to repeat, if any. Return bills name the
// bill they return by number, so only regular and not-interested bills count.
func (b Billing) Duplicate(t *Transaction, existing []BillRef) (BillRef, bool) {
	scope := strings.ToLower(b.UniqueNumber)
	if scope == "none" || t.Type == TransactionReturn {
		return BillRef{}, false
	}
	for _, e := range existing {
		if e.Type == TransactionReturn || !strings.EqualFold(e.Number, t.Number) {
			continue
		}
		switch scope {
		case "till":
			if !strings.EqualFold(e.TillCode, t.TillCode) {
				continue
			}
		case "org":
		default: // store
			if !strings.EqualFold(e.StoreCode, t.StoreCode) {
				continue
			}
		}
		if b.UniqueDays > 0 {
			d := t.Date.Sub(e.Date)
			if d < 0 {
				d = -d
			}
			if d > time.Duration(b.UniqueDays)*24*time.Hour {
				continue
			}
		}
		return e, true
	}
	return BillRef{}, false
}

// BillEffect is what a bill or a return did to its customer: what the
// transaction APIs report as side effects.
type BillEffect struct {
	ProgramID int64
	// Points is what the bill earned (a return: minus what it took back).
	Points float64
	// Balance and Lifetime are the program's points after the bill.
	Balance, Lifetime float64
	// LifetimePurchases is the customer's after the bill.
	LifetimePurchases float64
	// SlabFrom and SlabTo are the tier before and after (equal when the
	// bill moved nothing); Upgraded reports a move up.
	SlabFrom, SlabTo Slab
	Upgraded         bool
}

// AddBill records t, a regular bill checked with CheckBill, as c's: it adds
// the amount (in the base currency) to the lifetime purchases, awards the
// points the default program's rule gives it (a not-interested customer's
// bill earns nothing), and moves c up a tier when the purchases cross a
// threshold. t gets its points and program; the recorded bill is returned.
func (c *Customer) AddBill(org *Org, t Transaction, now time.Time) (Transaction, BillEffect) {
	if c.History == nil {
		c.History = &History{}
	}
	t.CustomerID = c.ID
	base := org.Billing.ToBase(t.Currency, t.Amount)
	var eff BillEffect
	prog := org.DefaultProgram()
	if c.LoyaltyType == LoyaltyLoyalty && prog != nil && t.Type != TransactionNotInterested {
		pl := c.Enrol(prog, now)
		c.SettleExpiry(now)
		eff.ProgramID = prog.ID
		from, _ := prog.SlabBySerial(pl.SlabSerial)
		pts := prog.Earning.Points(base)
		t.ProgramID, t.PointsIssued = prog.ID, pts
		pl.earn(pts, prog.Earning, now, t.ID)
		pl.CumulativePurchases += base
		c.LifetimePurchases += base
		to := prog.upgrade(pl, now)
		eff.Points, eff.Balance, eff.Lifetime = pts, pl.LoyaltyPoints, pl.LifetimePoints
		eff.SlabFrom, eff.SlabTo, eff.Upgraded = from, to, to.Serial > from.Serial
	} else if c.LoyaltyType != LoyaltyNotInterested && t.Type != TransactionNotInterested {
		c.LifetimePurchases += base // a non-loyalty customer's purchases count; they earn nothing
	}
	eff.LifetimePurchases = c.LifetimePurchases
	c.History.Transactions = append(c.History.Transactions, t)
	return t, eff
}

// ReturnRequest is a return of (part of) a regular bill.
type ReturnRequest struct {
	Number string // the number of the bill returned
	Type   string // FULL, AMOUNT or LINE_ITEM
	// Amount is what an AMOUNT return gives back.
	Amount float64
	// Lines are the lines a LINE_ITEM return gives back.
	Lines []ReturnLine
	// Bill is the return bill itself: its number (the return's own, or
	// the original's), date, store, till, fields.
	Bill Transaction
}

// ReturnLine is one line given back: by serial or item code, and a qty.
type ReturnLine struct {
	Serial   int
	ItemCode string
	Qty      float64
	// Amount is what the line gives back; 0 means its share of the line's
	// amount for Qty.
	Amount float64
}

// ReturnBill records a return of (part of) one of c's regular bills: the
// returned amount leaves the lifetime purchases, and the points the returned
// part earned leave the balance (never below zero: what was redeemed stays
// redeemed). The original bill remembers what was returned so that a second
// return can take only what is left, and how, since the return types do not
// mix. It returns the return bill as recorded.
func (c *Customer) ReturnBill(org *Org, r ReturnRequest, now time.Time) (Transaction, BillEffect, *Refusal) {
	if strings.EqualFold(org.Billing.Returns, "none") {
		return Transaction{}, BillEffect{}, refuse(ReasonReturnsOff, "the org takes no returns")
	}
	orig := c.History.billToReturn(r.Number)
	if orig == nil {
		return Transaction{}, BillEffect{}, refuse(ReasonNoOriginal, "customer %d has no regular bill numbered %q", c.ID, r.Number)
	}
	typ := strings.ToUpper(strings.TrimSpace(r.Type))
	if typ == "" {
		typ = ReturnFull
	}
	left := orig.Amount - orig.Returned
	if left <= 0.000001 {
		return Transaction{}, BillEffect{}, refuse(ReasonFullyReturned, "bill %q is returned in full already", orig.Number)
	}
	var amount float64
	switch typ {
	case ReturnFull:
		if orig.Returned > 0 {
			return Transaction{}, BillEffect{}, refuse(ReasonFullAfterPartial, "part of bill %q is returned already (%s of %s)", orig.Number, formatFigure(orig.Returned), formatFigure(orig.Amount))
		}
		amount = orig.Amount
		for i := range orig.LineItems {
			orig.LineItems[i].ReturnedQty = orig.LineItems[i].Qty
		}
	case ReturnAmount:
		if orig.ReturnedBy == ReturnLineItem {
			return Transaction{}, BillEffect{}, refuse(ReasonAmountAfterLine, "bill %q was returned by LINE_ITEM", orig.Number)
		}
		if r.Amount <= 0 || math.IsNaN(r.Amount) {
			return Transaction{}, BillEffect{}, refuse(ReasonNegativeAmount, "an AMOUNT return needs a positive amount")
		}
		if r.Amount > left+0.000001 {
			return Transaction{}, BillEffect{}, refuse(ReasonReturnAmountExceeds, "amount %s is more than the %s left of bill %q", formatFigure(r.Amount), formatFigure(left), orig.Number)
		}
		amount = r.Amount
	case ReturnLineItem:
		if orig.ReturnedBy == ReturnAmount {
			return Transaction{}, BillEffect{}, refuse(ReasonLineAfterAmount, "bill %q was returned by AMOUNT", orig.Number)
		}
		if len(r.Lines) == 0 {
			return Transaction{}, BillEffect{}, refuse(ReasonNoLineToReturn, "a LINE_ITEM return names no line items")
		}
		var err *Refusal
		amount, err = orig.returnLines(r.Lines)
		if err != nil {
			return Transaction{}, BillEffect{}, err
		}
	default:
		return Transaction{}, BillEffect{}, refuse(ReasonBadReturnType, "return type %q is not FULL, AMOUNT or LINE_ITEM", r.Type)
	}
	if typ != ReturnFull || orig.ReturnedBy == "" {
		orig.ReturnedBy = typ
	}
	amount = math.Min(amount, left)
	orig.Returned += amount

	var eff BillEffect
	base := org.Billing.ToBase(orig.Currency, amount)
	ret := r.Bill
	ret.Type, ret.ReturnType, ret.ReturnOf, ret.ReturnOfID = TransactionReturn, typ, orig.Number, orig.ID
	ret.Amount, ret.CustomerID = amount, c.ID
	if ret.Number == "" {
		ret.Number = orig.Number
	}
	if prog := org.Program(orig.ProgramID); prog != nil && orig.PointsIssued > 0 {
		if pl := c.ProgramLoyalty(prog.ID); pl != nil {
			c.SettleExpiry(now)
			back := orig.PointsIssued * amount / orig.Amount
			if orig.Returned >= orig.Amount-0.000001 {
				back = orig.PointsIssued - orig.PointsTakenBack // the last part takes back the rest exactly
			}
			back = math.Round(back*1000) / 1000
			orig.PointsTakenBack += back
			taken := pl.takeBack(back, orig.ID)
			pl.CumulativePurchases = math.Max(0, pl.CumulativePurchases-base)
			ret.ProgramID, ret.PointsReverted = prog.ID, taken
			from, _ := prog.SlabBySerial(pl.SlabSerial)
			eff = BillEffect{ProgramID: prog.ID, Points: -taken, Balance: pl.LoyaltyPoints, Lifetime: pl.LifetimePoints,
				SlabFrom: from, SlabTo: from}
		}
	}
	c.LifetimePurchases = math.Max(0, c.LifetimePurchases-base)
	eff.LifetimePurchases = c.LifetimePurchases
	c.History.Transactions = append(c.History.Transactions, ret)
	return ret, eff, nil
}

// billToReturn returns the customer's latest regular bill numbered number.
func (h *History) billToReturn(number string) *Transaction {
	if h == nil {
		return nil
	}
	h.ownBills()
	for i := len(h.Transactions) - 1; i >= 0; i-- {
		t := &h.Transactions[i]
		if t.Type == TransactionRegular && strings.EqualFold(t.Number, number) {
			return t
		}
	}
	return nil
}

// Transaction returns the customer's bill with id, if any, to read or change
// (lent bills are copied first: see LendBills).
func (h *History) Transaction(id int64) *Transaction {
	if h == nil {
		return nil
	}
	h.ownBills()
	for i := range h.Transactions {
		if h.Transactions[i].ID == id {
			return &h.Transactions[i]
		}
	}
	return nil
}

// TransactionsNumbered returns the customer's bills numbered number, oldest
// first, to read or change (lent bills are copied first: see LendBills).
func (h *History) TransactionsNumbered(number string) []*Transaction {
	if h == nil {
		return nil
	}
	h.ownBills()
	var out []*Transaction
	for i := range h.Transactions {
		if strings.EqualFold(h.Transactions[i].Number, number) {
			out = append(out, &h.Transactions[i])
		}
	}
	return out
}

// returnLines marks lines of t returned and returns the amount they give back.
func (t *Transaction) returnLines(lines []ReturnLine) (float64, *Refusal) {
	var total float64
	for _, rl := range lines {
		var li *LineItem
		for i := range t.LineItems {
			l := &t.LineItems[i]
			if (rl.ItemCode != "" && strings.EqualFold(l.ItemCode, rl.ItemCode) || rl.ItemCode == "" && l.Serial == rl.Serial) &&
				l.ReturnedQty < l.Qty {
				li = l
				break
			}
		}
		if li == nil {
			// Either the bill has no such line, or all of it is back already.
			for i := range t.LineItems {
				l := &t.LineItems[i]
				if rl.ItemCode != "" && strings.EqualFold(l.ItemCode, rl.ItemCode) || rl.ItemCode == "" && l.Serial == rl.Serial {
					return 0, refuse(ReasonReturnQtyExceeds, "line item %s of bill %q is returned in full already", lineName(rl), t.Number)
				}
			}
			return 0, refuse(ReasonNoMatchingLine, "bill %q has no line item %s", t.Number, lineName(rl))
		}
		qty := rl.Qty
		if qty < 0 {
			return 0, refuse(ReasonNegativeQty, "line item %s: qty %s is negative", lineName(rl), formatFigure(qty))
		}
		if qty == 0 {
			qty = li.Qty - li.ReturnedQty
		}
		if qty > li.Qty-li.ReturnedQty+0.000001 {
			return 0, refuse(ReasonReturnQtyExceeds, "line item %s: qty %s is more than the %s left of %s bought",
				lineName(rl), formatFigure(qty), formatFigure(li.Qty-li.ReturnedQty), formatFigure(li.Qty))
		}
		amount := rl.Amount
		if amount == 0 && li.Qty > 0 {
			amount = li.Amount * qty / li.Qty
		}
		li.ReturnedQty += qty
		total += amount
	}
	return total, nil
}

func lineName(rl ReturnLine) string {
	if rl.ItemCode != "" {
		return fmt.Sprintf("%q", rl.ItemCode)
	}
	return fmt.Sprintf("serial %d", rl.Serial)
}

// formatFigure writes an amount as the APIs do: no trailing zeros.
func formatFigure(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// upgrade moves pl to the highest slab whose threshold its cumulative
// purchases reach, if that is above the current one (tiers only go up
// here: a downgrade happens at renewal, which capsim's programs do not
// configure). It returns the slab pl is in afterwards.
func (p *Program) upgrade(pl *ProgramLoyalty, now time.Time) Slab {
	cur, _ := p.SlabBySerial(pl.SlabSerial)
	best := cur
	for _, s := range p.Slabs {
		if s.Serial > best.Serial && s.Threshold > 0 && pl.CumulativePurchases >= s.Threshold {
			best = s
		}
	}
	if best.Serial > cur.Serial {
		pl.SlabSerial, pl.SlabExpiry = best.Serial, now.AddDate(1, 0, 0)
	}
	return best
}

// GapToUpgrade returns the purchases st needs to reach the next slab and
// that slab; false in the highest slab or when the next has no threshold.
func (st Standing) GapToUpgrade() (float64, Slab, bool) {
	next, ok := st.NextSlab()
	if !ok || next.Threshold <= 0 {
		return 0, Slab{}, false
	}
	return math.Max(0, next.Threshold-st.Loyalty.CumulativePurchases), next, true
}
