package simulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func couponCustomer(typ LoyaltyType, fraud string, coupons ...Coupon) *Customer {
	return &Customer{ID: 7, LoyaltyType: typ, Fraud: FraudDetails{Status: fraud}, History: &History{Coupons: coupons}}
}

// TestCheckIssue: each issue rule refuses with its reason; a series
// without limits issues.
func TestCheckIssue(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	held := Coupon{ID: 1, Code: "a", SeriesID: 1}
	tests := []struct {
		name   string
		c      *Customer
		s      *CouponSeries
		use    SeriesUse
		reason Reason
	}{
		{"no limits", couponCustomer(LoyaltyLoyalty, ""), &CouponSeries{ID: 1}, SeriesUse{Issued: 1e6}, 0},
		{"unknown series", couponCustomer(LoyaltyLoyalty, ""), nil, SeriesUse{}, ReasonSeriesUnknown},
		{"series ended", couponCustomer(LoyaltyLoyalty, ""), &CouponSeries{ID: 1, CouponLimits: CouponLimits{ValidTill: now.Add(-time.Hour)}}, SeriesUse{}, ReasonSeriesExpired},
		{"series total", couponCustomer(LoyaltyLoyalty, ""), &CouponSeries{ID: 1, CouponLimits: CouponLimits{MaxIssued: 3}}, SeriesUse{Issued: 3}, ReasonSeriesIssueLimit},
		{"per customer", couponCustomer(LoyaltyLoyalty, "", held), &CouponSeries{ID: 1, CouponLimits: CouponLimits{MaxPerCustomer: 1}}, SeriesUse{}, ReasonCustomerIssueLimit},
		{"per customer, other series", couponCustomer(LoyaltyLoyalty, "", held), &CouponSeries{ID: 2, CouponLimits: CouponLimits{MaxPerCustomer: 1}}, SeriesUse{}, 0},
		{"fraud", couponCustomer(LoyaltyLoyalty, FraudConfirmed), &CouponSeries{ID: 1}, SeriesUse{}, ReasonCouponFraudIssue},
		{"not fraud", couponCustomer(LoyaltyLoyalty, FraudNotFraud), &CouponSeries{ID: 1}, SeriesUse{}, 0},
		{"not interested", couponCustomer(LoyaltyNotInterested, ""), &CouponSeries{ID: 1}, SeriesUse{}, ReasonCouponBlocked},
		{"loyalty only", couponCustomer(LoyaltyNonLoyalty, ""), &CouponSeries{ID: 1, CouponLimits: CouponLimits{LoyaltyOnly: true}}, SeriesUse{}, ReasonCouponCustomerInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.c.CheckIssue(tc.s, tc.use, now)
			if got := reasonOf(r); got != tc.reason {
				t.Fatalf("reason %d (%v), want %d", got, r, tc.reason)
			}
		})
	}
}

func reasonOf(r *Refusal) Reason {
	if r == nil {
		return 0
	}
	return r.Reason
}

// TestIssueCoupon: the coupon is recorded with its series, issue time and
// validity (ValidDays to the end of the day, no later than the series' end).
func TestIssueCoupon(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		s    CouponSeries
		want time.Time
	}{
		{"valid days", CouponSeries{ID: 1, ValidDays: 30}, time.Date(2026, 12, 23, 23, 59, 59, 0, time.UTC)},
		{"series ends first", CouponSeries{ID: 1, ValidDays: 30, CouponLimits: CouponLimits{ValidTill: end}}, end},
		{"series end only", CouponSeries{ID: 1, CouponLimits: CouponLimits{ValidTill: end}}, end},
		{"never", CouponSeries{ID: 1}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Customer{ID: 7, LoyaltyType: LoyaltyLoyalty}
			cp, r := c.IssueCoupon(&tc.s, SeriesUse{}, now, Coupon{ID: 9, Code: c.CouponCode(0)})
			if r != nil {
				t.Fatal(r)
			}
			if !cp.ValidTill.Equal(tc.want) || cp.SeriesID != 1 || !cp.IssuedOn.Equal(now) || len(c.History.Coupons) != 1 {
				t.Fatalf("got %+v", cp)
			}
		})
	}
}

// TestCouponCode: codes are eight base-36 characters, stable for a
// customer and number, and differ between numbers and customers.
func TestCouponCode(t *testing.T) {
	a, b := &Customer{ID: 1}, &Customer{ID: 2}
	seen := map[string]bool{}
	for n := 0; n < 1000; n++ {
		for _, c := range []*Customer{a, b} {
			code := c.CouponCode(n)
			if len(code) != 8 || code != c.CouponCode(n) {
				t.Fatalf("code %q", code)
			}
			if seen[code] {
				t.Fatalf("code %q repeats", code)
			}
			seen[code] = true
		}
	}
}

// TestCheckCouponRedemption: each redemption rule refuses with its reason.
func TestCheckCouponRedemption(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	fresh := func() Coupon { return Coupon{ID: 1, Code: "c1", SeriesID: 1, ValidTill: now.AddDate(0, 1, 0)} }
	used := fresh()
	used.Redemptions = []CouponRedemption{{Date: now.AddDate(0, 0, -2), TransactionNumber: "b1", StoreCode: "s1"}}
	expired := fresh()
	expired.ValidTill = now.Add(-time.Minute)
	other := Coupon{ID: 2, Code: "c2", SeriesID: 1, Redemptions: []CouponRedemption{{Date: now.AddDate(0, 0, -2)}}}
	series := func(l CouponLimits) *CouponSeries {
		return &CouponSeries{ID: 1, Stores: []string{"s1"}, CouponLimits: l}
	}
	req := func(f func(*CouponRedemptionRequest)) CouponRedemptionRequest {
		r := CouponRedemptionRequest{Code: "c1", StoreCode: "s1", BillNumber: "b2", Amount: 100, HasAmount: true}
		if f != nil {
			f(&r)
		}
		return r
	}
	tests := []struct {
		name   string
		c      *Customer
		s      *CouponSeries
		use    SeriesUse
		req    CouponRedemptionRequest
		reason Reason
	}{
		{"redeems", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{}), SeriesUse{}, req(nil), 0},
		{"not the customer's", couponCustomer(LoyaltyLoyalty, ""), series(CouponLimits{}), SeriesUse{}, req(nil), ReasonCouponNotOwned},
		{"series gone", couponCustomer(LoyaltyLoyalty, "", fresh()), nil, SeriesUse{}, req(nil), ReasonSeriesUnknown},
		{"fraud", couponCustomer(LoyaltyLoyalty, FraudMarked, fresh()), series(CouponLimits{}), SeriesUse{}, req(nil), ReasonCouponFraudRedeem},
		{"not interested", couponCustomer(LoyaltyNotInterested, "", fresh()), series(CouponLimits{}), SeriesUse{}, req(nil), ReasonCouponBlocked},
		{"loyalty only", couponCustomer(LoyaltyNonLoyalty, "", fresh()), series(CouponLimits{LoyaltyOnly: true}), SeriesUse{}, req(nil), ReasonCouponCustomerInvalid},
		{"future redemption time", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.At = now.Add(time.Hour) }), ReasonCouponRedemptionDate},
		{"trial", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{Trial: true}), SeriesUse{}, req(nil), ReasonCouponTrial},
		{"no bill", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{BillRequired: true}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.BillNumber = "" }), ReasonCouponNoBill},
		{"no bill, check only", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{BillRequired: true}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.BillNumber, r.Check = "", true }), 0},
		{"negative amount", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.Amount = -1 }), ReasonCouponAmount},
		{"under the minimum", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{MinBillAmount: 500}), SeriesUse{}, req(nil), ReasonCouponAmount},
		{"no validation code", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{ValidationRequired: true}), SeriesUse{}, req(nil), ReasonCouponValidationNeeded},
		{"wrong validation code", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{ValidationRequired: true}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.ValidationCode = "000000" }), ReasonCouponValidationWrong},
		{"series ended", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{ValidTill: now.Add(-time.Hour)}), SeriesUse{}, req(nil), ReasonSeriesExpired},
		{"not yet", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{RedeemableFrom: now.AddDate(0, 0, 1)}), SeriesUse{}, req(nil), ReasonCouponNotYet},
		{"expired", couponCustomer(LoyaltyLoyalty, "", expired), series(CouponLimits{}), SeriesUse{}, req(nil), ReasonCouponExpired},
		{"other store", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.StoreCode = "s2" }), ReasonCouponStore},
		{"redeemed", couponCustomer(LoyaltyLoyalty, "", used), series(CouponLimits{}), SeriesUse{}, req(nil), ReasonCouponRedeemed},
		{"redeemed on this bill", couponCustomer(LoyaltyLoyalty, "", used), series(CouponLimits{}), SeriesUse{}, req(func(r *CouponRedemptionRequest) { r.BillNumber = "B1" }), ReasonCouponRedeemedOnBill},
		{"multiple use left", couponCustomer(LoyaltyLoyalty, "", used), series(CouponLimits{MaxRedemptionsPerCoupon: 2}), SeriesUse{}, req(nil), 0},
		{"multiple use used up", couponCustomer(LoyaltyLoyalty, "", used), series(CouponLimits{MaxRedemptionsPerCoupon: 1}), SeriesUse{}, req(nil), ReasonCouponRedeemed},
		{"series redemptions", couponCustomer(LoyaltyLoyalty, "", fresh()), series(CouponLimits{MaxRedemptions: 5}), SeriesUse{Redeemed: 5}, req(nil), ReasonSeriesRedemptionLimit},
		{"customer redemptions", couponCustomer(LoyaltyLoyalty, "", fresh(), other), series(CouponLimits{MaxRedemptionsPerCustomer: 1}), SeriesUse{}, req(nil), ReasonCustomerRedeemLimit},
		{"too soon", couponCustomer(LoyaltyLoyalty, "", fresh(), other), series(CouponLimits{MinDaysBetweenRedemptions: 7}), SeriesUse{}, req(nil), ReasonCouponTooSoon},
		{"gap passed", couponCustomer(LoyaltyLoyalty, "", fresh(), other), series(CouponLimits{MinDaysBetweenRedemptions: 2}), SeriesUse{}, req(nil), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, r := tc.c.CheckCouponRedemption(tc.s, tc.use, tc.req, now)
			if got := reasonOf(r); got != tc.reason {
				t.Fatalf("reason %d (%v), want %d", got, r, tc.reason)
			}
		})
	}
	t.Run("too soon says the days", func(t *testing.T) {
		c := couponCustomer(LoyaltyLoyalty, "", fresh(), other)
		_, r := c.CheckCouponRedemption(series(CouponLimits{MinDaysBetweenRedemptions: 7}), SeriesUse{}, req(nil), now)
		if len(r.Args) != 1 || r.Args[0] != 5 {
			t.Fatalf("args %v, want [5]", r.Args)
		}
	})
}

// TestRedeemCoupon: a redemption is recorded on the coupon, as a COUPON
// redemption and on the bill of that number, and a second one is refused.
func TestRedeemCoupon(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := couponCustomer(LoyaltyLoyalty, "", Coupon{ID: 1, Code: "c1", SeriesID: 1})
	c.History.Transactions = []Transaction{{ID: 5, Number: "b1", Type: TransactionRegular}}
	s := &CouponSeries{ID: 1}
	req := CouponRedemptionRequest{Code: "C1", StoreCode: "s1", TillCode: "t1", BillNumber: "b1", Amount: 10, HasAmount: true}
	cp, red, r := c.RedeemCoupon(s, SeriesUse{}, req, now, 42)
	if r != nil {
		t.Fatal(r)
	}
	if len(cp.Redemptions) != 1 || red.ID != 42 || red.Kind != RedemptionCoupon || red.CouponCode != "c1" || red.SeriesID != 1 ||
		len(c.History.Redemptions) != 1 || len(c.History.Transactions[0].Coupons) != 1 || cp.Status(now) != CouponRedeemed {
		t.Fatalf("coupon %+v redemption %+v history %+v", cp, red, c.History)
	}
	req.BillNumber = "b2"
	if _, _, r := c.RedeemCoupon(s, SeriesUse{}, req, now, 43); reasonOf(r) != ReasonCouponRedeemed {
		t.Fatalf("second redemption: %v", r)
	}
	if len(c.History.Redemptions) != 1 {
		t.Fatal("a refused redemption was recorded")
	}
}

// TestCouponIs: each state a coupon read filters on, for a coupon valid or
// expired, used or not, under series that allow one or two redemptions.
func TestCouponIs(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	used := []CouponRedemption{{Date: now.AddDate(0, 0, -1), TransactionNumber: "b1"}}
	valid := Coupon{ID: 1, Code: "v", ValidTill: now.AddDate(0, 1, 0)}
	validUsed := valid
	validUsed.Redemptions = used
	expired := Coupon{ID: 2, Code: "e", ValidTill: now.AddDate(0, 0, -2)}
	expiredUsed := expired
	expiredUsed.Redemptions = used
	twice := &CouponSeries{ID: 9, CouponLimits: CouponLimits{MaxRedemptionsPerCoupon: 2}}
	trial := &CouponSeries{ID: 8, CouponLimits: CouponLimits{Trial: true}}
	ended := &CouponSeries{ID: 7, CouponLimits: CouponLimits{ValidTill: now.AddDate(0, 0, -1)}}
	tests := []struct {
		name string
		c    Coupon
		s    *CouponSeries
		in   []string // the states it is in; every other state of all is false
	}{
		{"valid, unused", valid, nil, []string{"active", "unredeemed", "active_unredeemed", "redeemable"}},
		{"valid, used once of one", validUsed, nil, []string{"redeemed", "active_redeemed"}},
		{"valid, used once of two", validUsed, twice, []string{"redeemed", "active_redeemed", "redeemable"}},
		{"valid, trial series", valid, trial, []string{"active", "unredeemed", "active_unredeemed"}},
		{"valid, series ended", valid, ended, []string{"active", "unredeemed", "active_unredeemed"}},
		{"expired, unused", expired, nil, []string{"expired", "unredeemed", "expired_unredeemed"}},
		{"expired, used", expiredUsed, nil, []string{"redeemed", "expired_redeemed"}},
	}
	all := []string{"active", "redeemed", "expired", "unredeemed", "active_redeemed", "active_unredeemed",
		"expired_redeemed", "expired_unredeemed", "redeemable", "nonsense"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := map[string]bool{}
			for _, st := range tc.in {
				want[st] = true
			}
			for _, st := range all {
				if got := tc.c.Is(st, tc.s, now); got != want[st] {
					t.Errorf("Is(%q) = %v, want %v", st, got, want[st])
				}
				if got := tc.c.Is(strings.ToUpper(st), tc.s, now); got != want[st] {
					t.Errorf("Is(%q) = %v, want %v", strings.ToUpper(st), got, want[st])
				}
			}
		})
	}
	if got := validUsed.RedemptionsLeft(twice); got != 1 {
		t.Fatalf("RedemptionsLeft = %d, want 1", got)
	}
}

// TestCouponCheckMarks holds CouponCheckMarks to the rules it follows: for
// series that end, start late and ask for days between redemptions, a
// coupon that ends and a customer who redeemed the series lately, any two
// times from the marks' start that are past the same marks get the same
// answer from CheckCouponRedemption (reason, message and arguments). Times are drawn around every mark, so a
// rule that reads the clock at an instant the marks leave out is found.
func TestCouponCheckMarks(t *testing.T) {
	zone := time.FixedZone("IST", 19800)
	base := time.Date(2026, 6, 1, 10, 30, 0, 0, zone)
	series := []CouponSeries{
		{ID: 1},
		{ID: 2, CouponLimits: CouponLimits{ValidTill: base.AddDate(0, 0, 9), RedeemableFrom: base.AddDate(0, 0, -2)}},
		{ID: 3, CouponLimits: CouponLimits{MinDaysBetweenRedemptions: 4, MaxRedemptionsPerCoupon: 5}},
		{ID: 4, CouponLimits: CouponLimits{MinDaysBetweenRedemptions: 2, MaxRedemptionsPerCoupon: 3, ValidTill: base.AddDate(0, 0, 1),
			RedeemableFrom: base.Add(-3 * time.Hour)}},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, s := range series {
		c := &Customer{ID: 9, LoyaltyType: LoyaltyLoyalty, History: &History{Coupons: []Coupon{
			{Code: "C1", SeriesID: s.ID, ValidTill: base.AddDate(0, 0, 5)},
			{Code: "C2", SeriesID: s.ID, Redemptions: []CouponRedemption{{Date: base.Add(-30 * time.Hour), TransactionNumber: "B1"}}},
		}}}
		for _, code := range []string{"C1", "C2"} {
			marks, from := c.CouponCheckMarks(&s, code)
			answer := func(now time.Time) string {
				_, ref := c.CheckCouponRedemption(&s, SeriesUse{}, CouponRedemptionRequest{Code: code, Check: true}, now)
				if ref == nil {
					return "redeemable"
				}
				return fmt.Sprintf("%v %s %v", ref.Reason, ref.Detail, ref.Args)
			}
			// Times at, just before and just after every mark, and between.
			var times []time.Time
			for _, m := range marks {
				for _, d := range []time.Duration{-time.Hour, -time.Second, -1, 0, 1, time.Second, time.Hour} {
					times = append(times, m.At.Add(d))
				}
			}
			for range 200 {
				times = append(times, base.Add(time.Duration(r.Int64N(int64(20*24*time.Hour)))-10*24*time.Hour))
			}
			seen := map[int]string{}
			for _, now := range times {
				if now.Before(from) {
					continue // the marks do not hold
				}
				n, a := MarksPassed(marks, now), answer(now)
				if was, ok := seen[n]; ok && was != a {
					t.Fatalf("series %d, coupon %s: two times past %d marks answer differently:\n%s\n%s (at %s)", s.ID, code, n, was, a, now)
				}
				seen[n] = a
			}
			if s.MinDaysBetweenRedemptions > 0 && code == "C2" && len(seen) < 3 {
				t.Fatalf("series %d: the times reach %d answers: the test does not test the gap", s.ID, len(seen))
			}
		}
	}
}
