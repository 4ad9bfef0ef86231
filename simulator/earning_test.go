package simulator_test

import (
	"math"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// earnOrg is an org whose default program earns a point per 100, expires
// points after 30 days and has tiers at 1,000 and 5,000 of purchases.
func earnOrg() *simulator.Org {
	return &simulator.Org{
		Programs: []simulator.Program{{
			ID: 469, Default: true,
			Slabs: []simulator.Slab{
				{Serial: 1, Name: "Silver"},
				{Serial: 2, Name: "Gold", Threshold: 1000},
				{Serial: 3, Name: "Platinum", Threshold: 5000},
			},
			Earning: simulator.EarningRule{PointsPerUnit: 0.01, ExpiryDays: 30},
		}},
		Billing: simulator.Billing{FutureDays: 1, PastDays: 365, CurrencyRatios: map[string]float64{"USD": 80}},
	}
}

var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func loyal() *simulator.Customer {
	return &simulator.Customer{ID: 17742, LoyaltyType: simulator.LoyaltyLoyalty}
}

func bill(id int64, number string, amount float64, lines ...simulator.LineItem) simulator.Transaction {
	return simulator.Transaction{ID: id, Number: number, Type: simulator.TransactionRegular, Date: t0,
		StoreCode: "store.code", TillCode: "cm.1", Amount: amount, GrossAmount: amount, LineItems: lines}
}

func TestEarningRulePoints(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rule   simulator.EarningRule
		amount float64
		want   float64
	}{
		{"floor by default", simulator.EarningRule{PointsPerUnit: 0.01}, 2990, 29},
		{"exact hundreds", simulator.EarningRule{PointsPerUnit: 0.01}, 300, 3},
		{"round", simulator.EarningRule{PointsPerUnit: 0.01, Rounding: "round"}, 2990, 30},
		{"fractions kept", simulator.EarningRule{PointsPerUnit: 0.01, Rounding: "none"}, 2990, 29.9},
		{"no rule earns nothing", simulator.EarningRule{}, 5000, 0},
		{"a zero bill", simulator.EarningRule{PointsPerUnit: 0.01}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rule.Points(tc.amount); got != tc.want {
				t.Fatalf("Points(%v) = %v, want %v", tc.amount, got, tc.want)
			}
		})
	}
}

func TestCheckBill(t *testing.T) {
	b := earnOrg().Billing
	for _, tc := range []struct {
		name string
		edit func(*simulator.Transaction)
		want simulator.Reason
	}{
		{"a good bill", func(*simulator.Transaction) {}, 0},
		{"no number", func(t *simulator.Transaction) { t.Number = " " }, simulator.ReasonNoNumber},
		{"negative amount", func(t *simulator.Transaction) { t.Amount = -1 }, simulator.ReasonNegativeAmount},
		{"negative gross", func(t *simulator.Transaction) { t.GrossAmount = -5 }, simulator.ReasonNegativeGross},
		{"negative discount", func(t *simulator.Transaction) { t.Discount = -5 }, simulator.ReasonNegativeDiscount},
		{"NaN amount", func(t *simulator.Transaction) { t.Amount = math.NaN() }, simulator.ReasonBadAmount},
		{"negative qty", func(t *simulator.Transaction) { t.LineItems = []simulator.LineItem{{Serial: 1, Qty: -1}} }, simulator.ReasonNegativeQty},
		{"negative rate", func(t *simulator.Transaction) { t.LineItems = []simulator.LineItem{{Serial: 1, Rate: -1}} }, simulator.ReasonNegativeLineRate},
		{"negative line value", func(t *simulator.Transaction) { t.LineItems = []simulator.LineItem{{Serial: 1, Value: -1}} }, simulator.ReasonNegativeLineValue},
		{"negative line discount", func(t *simulator.Transaction) { t.LineItems = []simulator.LineItem{{Serial: 1, Discount: -1}} }, simulator.ReasonNegativeLineDiscount},
		{"negative line amount", func(t *simulator.Transaction) { t.LineItems = []simulator.LineItem{{Serial: 1, Amount: -1}} }, simulator.ReasonNegativeLineAmount},
		{"two days ahead", func(t *simulator.Transaction) { t.Date = t0.AddDate(0, 0, 2) }, simulator.ReasonFutureDate},
		{"today", func(t *simulator.Transaction) { t.Date = t0.Add(time.Hour) }, 0},
		{"over a year back", func(t *simulator.Transaction) { t.Date = t0.AddDate(-1, 0, -1) }, simulator.ReasonPastDate},
		{"a currency with a ratio", func(t *simulator.Transaction) { t.Currency = "usd" }, 0},
		{"a currency without one", func(t *simulator.Transaction) { t.Currency = "JPY" }, simulator.ReasonNoCurrencyRatio},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := bill(1, "B1", 500)
			tc.edit(&tx)
			r := b.CheckBill(&tx, t0)
			switch {
			case tc.want == 0 && r != nil:
				t.Fatalf("refused: %v", r)
			case tc.want != 0 && (r == nil || r.Reason != tc.want):
				t.Fatalf("got %v, want reason %d", r, tc.want)
			case r != nil && r.Detail == "":
				t.Fatalf("refusal %d says nothing", r.Reason)
			}
		})
	}
}

func TestBillingDuplicate(t *testing.T) {
	existing := []simulator.BillRef{{Number: "B1", CustomerID: 1, ID: 10, StoreCode: "store.code", TillCode: "cm.1", Date: t0, Type: simulator.TransactionRegular}}
	for _, tc := range []struct {
		name    string
		billing simulator.Billing
		edit    func(*simulator.Transaction)
		dup     bool
	}{
		{"same store", simulator.Billing{}, func(*simulator.Transaction) {}, true},
		{"another store", simulator.Billing{}, func(t *simulator.Transaction) { t.StoreCode = "rrstore" }, false},
		{"till scope, another till", simulator.Billing{UniqueNumber: "till"}, func(t *simulator.Transaction) { t.TillCode = "rr.till" }, false},
		{"org scope, another store", simulator.Billing{UniqueNumber: "org"}, func(t *simulator.Transaction) { t.StoreCode = "rrstore" }, true},
		{"no scope", simulator.Billing{UniqueNumber: "none"}, func(*simulator.Transaction) {}, false},
		{"outside the days", simulator.Billing{UniqueDays: 20}, func(t *simulator.Transaction) { t.Date = t0.AddDate(0, 0, 21) }, false},
		{"inside the days", simulator.Billing{UniqueDays: 20}, func(t *simulator.Transaction) { t.Date = t0.AddDate(0, 0, 19) }, true},
		{"a return names its bill", simulator.Billing{}, func(t *simulator.Transaction) { t.Type = simulator.TransactionReturn }, false},
		{"case-insensitive", simulator.Billing{}, func(t *simulator.Transaction) { t.Number = "b1" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := bill(11, "B1", 100)
			tc.edit(&tx)
			if _, dup := tc.billing.Duplicate(&tx, existing); dup != tc.dup {
				t.Fatalf("Duplicate = %v, want %v", dup, tc.dup)
			}
		})
	}
}

func TestAddBillEarnsAndUpgrades(t *testing.T) {
	org := earnOrg()
	c := loyal()
	got, eff := c.AddBill(org, bill(1, "B1", 990), t0)
	if got.PointsIssued != 9 || eff.Points != 9 || eff.Balance != 9 || got.ProgramID != 469 {
		t.Fatalf("first bill: issued %v, effect %+v", got.PointsIssued, eff)
	}
	if eff.Upgraded || eff.SlabTo.Name != "Silver" || c.LifetimePurchases != 990 {
		t.Fatalf("first bill moved the tier or purchases: %+v, purchases %v", eff, c.LifetimePurchases)
	}
	_, eff = c.AddBill(org, bill(2, "B2", 20), t0)
	if !eff.Upgraded || eff.SlabFrom.Name != "Silver" || eff.SlabTo.Name != "Gold" {
		t.Fatalf("crossing 1,000 did not upgrade to Gold: %+v", eff)
	}
	_, eff = c.AddBill(org, bill(3, "B3", 10000), t0)
	if eff.SlabTo.Name != "Platinum" || eff.Balance != 109 || eff.Lifetime != 109 {
		t.Fatalf("a bill past two thresholds: %+v", eff)
	}
	if n := len(c.History.Transactions); n != 3 {
		t.Fatalf("%d bills recorded, want 3", n)
	}

	t.Run("a currency converts before earning", func(t *testing.T) {
		c := loyal()
		tx := bill(1, "B1", 100)
		tx.Currency = "USD"
		_, eff := c.AddBill(org, tx, t0)
		if eff.Points != 80 || c.LifetimePurchases != 8000 {
			t.Fatalf("100 USD at 80 earned %v, purchases %v", eff.Points, c.LifetimePurchases)
		}
	})
	t.Run("a non-loyalty customer earns nothing", func(t *testing.T) {
		c := &simulator.Customer{ID: 1, LoyaltyType: simulator.LoyaltyNonLoyalty}
		got, eff := c.AddBill(org, bill(1, "B1", 5000), t0)
		if got.PointsIssued != 0 || eff.Points != 0 || len(c.Loyalty) != 0 {
			t.Fatalf("non-loyalty earned: %+v", eff)
		}
	})
}

func TestReturnBill(t *testing.T) {
	org := earnOrg()
	lines := func() []simulator.LineItem {
		return []simulator.LineItem{
			{Serial: 1, ItemCode: "SKU1", Qty: 2, Rate: 250, Value: 500, Amount: 500},
			{Serial: 2, ItemCode: "SKU2", Qty: 1, Rate: 500, Value: 500, Amount: 500},
		}
	}
	// A step with no expectations (setup) is only required to succeed.
	type step struct {
		req          simulator.ReturnRequest
		want         simulator.Reason
		points       float64 // the balance after
		purchases    float64
		revertedHere float64
	}
	amount := func(a float64) simulator.ReturnRequest {
		return simulator.ReturnRequest{Number: "B1", Type: simulator.ReturnAmount, Amount: a}
	}
	line := func(code string, qty float64) simulator.ReturnRequest {
		return simulator.ReturnRequest{Number: "B1", Type: simulator.ReturnLineItem, Lines: []simulator.ReturnLine{{ItemCode: code, Qty: qty}}}
	}
	full := simulator.ReturnRequest{Number: "B1", Type: simulator.ReturnFull}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"full return takes back every point", []step{{req: full, points: 0, purchases: 0, revertedHere: 10}}},
		{"a second full return", []step{{req: full}, {req: full, want: simulator.ReasonFullyReturned}}},
		{"amount, then the rest", []step{
			{req: amount(250), points: 7.5, purchases: 750, revertedHere: 2.5},
			{req: amount(751), want: simulator.ReasonReturnAmountExceeds, points: 7.5, purchases: 750},
			{req: amount(750), points: 0, purchases: 0, revertedHere: 7.5},
			{req: amount(1), want: simulator.ReasonFullyReturned},
		}},
		{"full after a part", []step{{req: amount(100), points: 9, purchases: 900, revertedHere: 1}, {req: full, want: simulator.ReasonFullAfterPartial}}},
		{"line items do not mix with amount", []step{{req: line("SKU1", 1), points: 7.5, purchases: 750, revertedHere: 2.5}, {req: amount(10), want: simulator.ReasonAmountAfterLine}}},
		{"amount does not mix with line items", []step{{req: amount(10)}, {req: line("SKU1", 1), want: simulator.ReasonLineAfterAmount}}},
		{"more of a line than bought", []step{{req: line("SKU1", 3), want: simulator.ReasonReturnQtyExceeds, points: 10, purchases: 1000}}},
		{"a line returned in full already", []step{{req: line("SKU2", 1)}, {req: line("SKU2", 1), want: simulator.ReasonReturnQtyExceeds}}},
		{"a line the bill lacks", []step{{req: line("NOPE", 1), want: simulator.ReasonNoMatchingLine}}},
		{"no lines", []step{{req: simulator.ReturnRequest{Number: "B1", Type: simulator.ReturnLineItem}, want: simulator.ReasonNoLineToReturn}}},
		{"an unknown bill", []step{{req: simulator.ReturnRequest{Number: "B9"}, want: simulator.ReasonNoOriginal}}},
		{"an unknown return type", []step{{req: simulator.ReturnRequest{Number: "B1", Type: "HALF"}, want: simulator.ReasonBadReturnType}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := loyal()
			c.AddBill(org, bill(1, "B1", 1000, lines()...), t0)
			for i, st := range tc.steps {
				n := len(c.History.Transactions)
				st.req.Bill = simulator.Transaction{ID: int64(100 + i), Date: t0}
				ret, _, r := c.ReturnBill(org, st.req, t0)
				if st.want != 0 {
					if r == nil || r.Reason != st.want {
						t.Fatalf("step %d: got %v, want reason %d", i, r, st.want)
					}
					if len(c.History.Transactions) != n {
						t.Fatalf("step %d: a refused return recorded a bill", i)
					}
				} else if r != nil {
					t.Fatalf("step %d: refused: %v", i, r)
				} else if st.revertedHere == 0 && st.points == 0 && st.purchases == 0 {
					continue // setup
				} else if ret.PointsReverted != st.revertedHere || ret.Type != simulator.TransactionReturn || ret.ReturnOf != "B1" {
					t.Fatalf("step %d: return %+v, want %v points reverted", i, ret, st.revertedHere)
				}
				if st.want == 0 || st.points != 0 || st.purchases != 0 {
					if got := c.StandingIn(org.DefaultProgram()).Points(); got != st.points {
						t.Fatalf("step %d: balance %v, want %v", i, got, st.points)
					}
					if c.LifetimePurchases != st.purchases {
						t.Fatalf("step %d: purchases %v, want %v", i, c.LifetimePurchases, st.purchases)
					}
				}
			}
		})
	}
	t.Run("a return never takes the balance below zero", func(t *testing.T) {
		c := loyal()
		c.AddBill(org, bill(1, "B1", 1000), t0)
		prog := org.DefaultProgram()
		if _, r := c.RedeemPoints(prog, 8, t0, simulator.Redemption{}); r != nil {
			t.Fatal(r)
		}
		ret, _, r := c.ReturnBill(org, full, t0)
		if r != nil || ret.PointsReverted != 2 || c.StandingIn(prog).Points() != 0 {
			t.Fatalf("return after redeeming: %v %+v balance %v", r, ret, c.StandingIn(prog).Points())
		}
	})
}

func TestRedemptionRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rules  simulator.RedemptionRules
		points float64
		edit   func(*simulator.Customer)
		want   simulator.Reason
	}{
		{"any whole number up to the balance", simulator.RedemptionRules{}, 37, nil, 0},
		{"the whole balance", simulator.RedemptionRules{}, 100, nil, 0},
		{"one more than the balance", simulator.RedemptionRules{}, 101, nil, simulator.ReasonPointsShort},
		{"zero", simulator.RedemptionRules{}, 0, nil, simulator.ReasonPointsInvalid},
		{"negative", simulator.RedemptionRules{}, -5, nil, simulator.ReasonPointsInvalid},
		{"a fraction", simulator.RedemptionRules{}, 2.5, nil, simulator.ReasonPointsInvalid},
		{"under the minimum", simulator.RedemptionRules{MinimumPoints: 50}, 40, nil, simulator.ReasonPointsBelowMin},
		{"not a multiple", simulator.RedemptionRules{MultipleOf: 10}, 45, nil, simulator.ReasonPointsNotMultiple},
		{"a multiple", simulator.RedemptionRules{MultipleOf: 10}, 40, nil, 0},
		{"over the maximum", simulator.RedemptionRules{MaximumPerTransaction: 30}, 40, nil, simulator.ReasonPointsAboveMax},
		{"fraud, not blocked", simulator.RedemptionRules{}, 10, func(c *simulator.Customer) { c.Fraud.Status = simulator.FraudConfirmed }, 0},
		{"fraud, blocked", simulator.RedemptionRules{BlockFraud: true}, 10, func(c *simulator.Customer) { c.Fraud.Status = simulator.FraudConfirmed }, simulator.ReasonFraudRedemption},
		{"not loyalty", simulator.RedemptionRules{}, 10, func(c *simulator.Customer) { c.LoyaltyType = simulator.LoyaltyNonLoyalty }, simulator.ReasonNotLoyalty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			org := earnOrg()
			prog := org.DefaultProgram()
			prog.Redemption = tc.rules
			c := loyal()
			c.AwardPoints(prog, 100, t0)
			if tc.edit != nil {
				tc.edit(c)
			}
			red, r := c.RedeemPoints(prog, tc.points, t0, simulator.Redemption{ID: 7, TransactionNumber: "B1"})
			if tc.want != 0 {
				if r == nil || r.Reason != tc.want {
					t.Fatalf("got %v, want reason %d", r, tc.want)
				}
				if got := c.StandingIn(prog).Points(); got != 100 {
					t.Fatalf("a refused redemption took points: balance %v", got)
				}
				return
			}
			if r != nil {
				t.Fatalf("refused: %v", r)
			}
			if got := c.StandingIn(prog).Points(); got != 100-tc.points {
				t.Fatalf("balance %v, want %v", got, 100-tc.points)
			}
			if red.Kind != simulator.RedemptionPoints || red.Points != tc.points || len(c.History.Redemptions) != 1 {
				t.Fatalf("redemption %+v, history %d", red, len(c.History.Redemptions))
			}
		})
	}
}

func TestPointsExpireByTheClock(t *testing.T) {
	org := earnOrg()
	prog := org.DefaultProgram()
	c := loyal()
	c.AwardPoints(prog, 5, t0) // no lot: never expires
	c.AddBill(org, bill(1, "B1", 1000), t0)
	c.AddBill(org, bill(2, "B2", 2000), t0.AddDate(0, 0, 10))
	at := func(d int) simulator.Standing { return c.StandingAt(prog, t0.AddDate(0, 0, d)) }
	if got := at(29).Points(); got != 35 {
		t.Fatalf("day 29: %v points, want 35", got)
	}
	if got, exp := at(30).Points(), at(30).Expired(); got != 25 || exp != 10 {
		t.Fatalf("day 30: %v points, %v expired; want 25 and 10", got, exp)
	}
	if rows := at(30).ExpirySchedule(); len(rows) != 1 || rows[0].Points != 20 {
		t.Fatalf("day 30 schedule: %+v", rows)
	}
	// Redeeming takes the points that expire first.
	if _, r := c.RedeemPoints(prog, 12, t0.AddDate(0, 0, 5), simulator.Redemption{}); r != nil {
		t.Fatal(r)
	}
	if got := at(30).Points(); got != 23 {
		t.Fatalf("after redeeming 12 on day 5, day 30 shows %v, want 23 (5 kept + 18 of the second lot)", got)
	}
	if got := at(41).Points(); got != 5 {
		t.Fatalf("day 41: %v, want the 5 that never expire", got)
	}
	if r := c.CheckRedemption(prog, 6, t0.AddDate(0, 0, 41)); r == nil || r.Reason != simulator.ReasonPointsShort {
		t.Fatalf("expired points redeemed: %v", r)
	}
	c.SettleExpiry(t0.AddDate(0, 0, 41))
	if pl := c.ProgramLoyalty(469); pl.LoyaltyPoints != 5 || pl.Expired != 18 || len(pl.Lots) != 0 {
		t.Fatalf("settled: %+v", pl)
	}
}

func TestValidationCodes(t *testing.T) {
	c := loyal()
	a := c.IssueValidationCode(50, t0)
	b := c.IssueValidationCode(50, t0)
	if len(a.Code) != 6 || a.Code == b.Code {
		t.Fatalf("codes %q and %q", a.Code, b.Code)
	}
	if again := loyal().IssueValidationCode(50, t0); again.Code != a.Code {
		t.Fatalf("codes are not deterministic: %q then %q", a.Code, again.Code)
	}
	if c.UseValidationCode(a.Code, t0.Add(simulator.ValidationCodeTTL)) {
		t.Fatal("an expired code was accepted")
	}
	if !c.UseValidationCode(b.Code, t0.Add(time.Minute)) || c.UseValidationCode(b.Code, t0.Add(time.Minute)) {
		t.Fatal("a code must work once")
	}
	for range 20 {
		c.IssueValidationCode(1, t0)
	}
	if len(c.ValidationCodes) > 5 {
		t.Fatalf("%d codes kept", len(c.ValidationCodes))
	}
}

func TestBillRoom(t *testing.T) {
	c := loyal()
	if r := c.BillRoom(); r != nil {
		t.Fatalf("a customer without bills has no room: %v", r)
	}
	c.History = &simulator.History{Transactions: make([]simulator.Transaction, simulator.MaxBillsPerCustomer-1)}
	if r := c.BillRoom(); r != nil {
		t.Fatalf("one bill short of the bound: %v", r)
	}
	c.History.Transactions = append(c.History.Transactions, simulator.Transaction{})
	if r := c.BillRoom(); r == nil || r.Reason != simulator.ReasonTooManyBills || r.Detail == "" {
		t.Fatalf("at the bound: %v", r)
	}
}

// TestReasonCodesError: a refusal answers its reason's code with its
// arguments and detail; a reason the table lacks answers the fallback.
func TestReasonCodesError(t *testing.T) {
	rc := simulator.ReasonCodes{simulator.ReasonPointsNotMultiple: simulator.CodePointsNotDivisible}
	for _, tc := range []struct {
		name string
		ref  *simulator.Refusal
		want simulator.Code
	}{
		{"in the table", &simulator.Refusal{Reason: simulator.ReasonPointsNotMultiple, Detail: "7 is not a multiple of 5", Args: []any{5}}, simulator.CodePointsNotDivisible},
		{"not in the table", &simulator.Refusal{Reason: simulator.ReasonPointsShort, Detail: "3 points short"}, simulator.CodePointsRedemptionFailed},
	} {
		e := rc.Error(tc.ref, simulator.CodePointsRedemptionFailed)
		if e.Code != tc.want || e.Detail != tc.ref.Detail || len(e.Args) != len(tc.ref.Args) {
			t.Errorf("%s: got %v %q %v, want %v %q %v", tc.name, e.Code, e.Detail, e.Args, tc.want, tc.ref.Detail, tc.ref.Args)
		}
	}
}
