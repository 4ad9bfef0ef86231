package v11

import (
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The v1.1 coupon API (/v1.1/coupon/*): coupon_issue.go, coupon_redeem.go,
// coupon_read.go (get, isredeemable, resend) and coupon_series.go. This file
// holds what they share: the one table from the coupon model's reasons to
// the 7xx codes, how a coupon item names its customer, and the renderings
// of a series.

// couponCodes maps each reason of the coupon model (simulator/coupon.go) to
// the code the v1.1 coupon API answers it with.
var couponCodes = simulator.ReasonCodes{
	simulator.ReasonSeriesUnknown:          simulator.CodeInvalidCouponSeries,
	simulator.ReasonSeriesExpired:          simulator.CodeCouponSeriesExpired,
	simulator.ReasonCustomerIssueLimit:     simulator.CodeCouponIssueFailed,
	simulator.ReasonSeriesIssueLimit:       simulator.CodeCouponIssueFailed,
	simulator.ReasonCouponFraudIssue:       simulator.CodeCouponCustomerFraud750,
	simulator.ReasonCouponBlocked:          simulator.CodeCouponBlockedForCustomer,
	simulator.ReasonCouponCustomerInvalid:  simulator.CodeCouponInvalidCustomer,
	simulator.ReasonCouponFraudRedeem:      simulator.CodeCouponCustomerFraud,
	simulator.ReasonCouponNotOwned:         simulator.CodeCouponNotIssuedToCustomer,
	simulator.ReasonCouponRedeemed:         simulator.CodeCouponAlreadyRedeemed,
	simulator.ReasonCouponRedeemedOnBill:   simulator.CodeCouponMultipleRedemption,
	simulator.ReasonCouponUsedUp:           simulator.CodeCouponRedemptionLimitReached736,
	simulator.ReasonCouponExpired:          simulator.CodeCouponExpired,
	simulator.ReasonCouponTrial:            simulator.CodeTrialCoupon,
	simulator.ReasonCouponStore:            simulator.CodeCouponNotAtStore,
	simulator.ReasonSeriesRedemptionLimit:  simulator.CodeCampaignRedemptionLimitReached,
	simulator.ReasonCustomerRedeemLimit:    simulator.CodeCouponRedemptionLimitReached,
	simulator.ReasonCouponTooSoon:          simulator.CodeCouponRedeemTooSoon,
	simulator.ReasonCouponNotYet:           simulator.CodeCouponInvalidRedemptionRange,
	simulator.ReasonCouponNoBill:           simulator.CodeCouponTransactionNumberRequired,
	simulator.ReasonCouponAmount:           simulator.CodeCouponInvalidTransactionAmount,
	simulator.ReasonCouponValidationNeeded: simulator.CodeCouponValidationCodeRequired,
	simulator.ReasonCouponValidationWrong:  simulator.CodeCouponInvalidValidationCode,
	simulator.ReasonCouponRedemptionDate:   simulator.CodeCouponInvalidRedemptionDate,
}

// couponRefusal returns the coupon model's refusal as the API error of its
// reason, saying what exactly was wrong. A reason the table lacks is a gap
// of capsim's, answered as 730 "Unknown error".
func couponRefusal(r *simulator.Refusal) *simulator.Error {
	return couponCodes.Error(r, simulator.CodeCouponUnknownError)
}

// couponIdentNames are the identifiers a coupon request names its customer
// by, in the order they are tried.
var couponIdentNames = []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, "user_id", IdentCardNumber}

// findCouponCustomer returns the customer v (a coupon item's customer, or
// a query's identifiers) names: the first identifier that finds one. An
// unknown customer, or none named, is 701.
func findCouponCustomer(tx *store.Tx, v Values) (*simulator.Customer, *simulator.Error) {
	var first *simulator.Error
	for _, name := range couponIdentNames {
		val := v.String(name)
		if val == "" {
			continue
		}
		if name == "user_id" {
			name = IdentID
		}
		c, _, err := FindCustomer(tx, Ident{Name: name, Value: val})
		if err == nil {
			return c, nil
		}
		if first == nil {
			first = simulator.Errorf(simulator.CodeCouponCustomerNotFound).WithDetail("%s %q: %s", name, val, err.Message())
		}
	}
	if first == nil {
		return nil, simulator.Errorf(simulator.CodeCouponCustomerNotFound).WithDetail("no customer identifier: pass mobile, email, external_id or id")
	}
	return nil, first
}

// couponCustomerValues returns the identifiers a coupon request names its
// customer by: the item's customer object, else the query's
// (redeem's {identifierName}={identifierValue}).
func couponCustomerValues(in Values, q map[string][]string) Values {
	if c := in.Values("customer"); c != nil {
		for _, name := range couponIdentNames {
			if c.String(name) != "" {
				return c
			}
		}
	}
	out := Values{}
	for _, name := range couponIdentNames {
		if v := q[name]; len(v) > 0 {
			out[name] = v[0]
		}
	}
	return out
}

// couponEcho renders a coupon write's item that failed: the coupon and
// customer as sent.
func couponEcho(in Values) func(Result) Obj {
	return func(res Result) Obj {
		cust := in.Values("customer")
		return Obj{
			{"code", in.String("code")},
			{"series_id", firstOf(in.String("series_id"), in.String("id"))},
			{"customer", Obj{{IdentMobile, cust.String(IdentMobile)}, {IdentEmail, cust.String(IdentEmail)}, {IdentExternalID, cust.String(IdentExternalID)}}},
			{"item_status", res.ItemStatus()},
		}
	}
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// couponCustomer renders the customer of a coupon answer: mobile, email,
// external_id, and user_id when the query asks for it.
func couponCustomer(c *simulator.Customer, userID bool) Obj {
	keys := []string{IdentMobile, IdentEmail, IdentExternalID}
	if userID {
		keys = append(keys, "user_id")
	}
	return histHead(c, keys...)
}

// seriesInfo renders a series as the issue and isredeemable samples'
// series_info: withID adds its id first (issue's).
func seriesInfo(s *simulator.CouponSeries, withID bool) Obj {
	out := Obj{}
	if withID {
		out = append(out, Field{"id", Int(s.ID)})
	}
	return append(out,
		Field{"description", s.Description},
		Field{"discount_code", s.DiscountCode},
		Field{"valid_till", histDay(s.ValidTill)},
		Field{"discount_type", s.DiscountType},
		Field{"discount_value", Num(s.DiscountValue)},
		Field{"discount_on", "BILL"},
		Field{"detailed_info", s.Description},
	)
}

// couponCodeOK reports whether code can be a coupon code at all: letters,
// digits, '-' and '_', at most 64 of them. Anything else is 702 "Coupon code
// is invalid"; a code that could be one but is nobody's is 719.
func couponCodeOK(code string) bool {
	if code == "" || len(code) > 64 {
		return false
	}
	return strings.IndexFunc(code, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) < 0
}

// findCoupon returns the customer holding coupon code and the coupon: 702
// for a code that cannot be one, 719 for one nobody holds.
func findCoupon(tx *store.Tx, code string) (*simulator.Customer, *simulator.Coupon, *simulator.Error) {
	if !couponCodeOK(code) {
		if code == "" {
			return nil, nil, simulator.Errorf(simulator.CodeCouponInvalid).WithDetail("no coupon code")
		}
		return nil, nil, simulator.Errorf(simulator.CodeCouponInvalid).WithDetail("%q cannot be a coupon code", code)
	}
	owner, ok := tx.CouponOwner(code)
	if !ok {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("no coupon has code %q", code)
	}
	c, err := tx.Customer(owner)
	if err != nil {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("coupon %q: %v", code, err)
	}
	cp := c.History.Coupon(code)
	if cp == nil {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("no coupon has code %q", code)
	}
	return c, cp, nil
}

// findCouponByID is findCoupon by the coupon's id (719 for an unknown one).
func findCouponByID(tx *store.Tx, raw string) (*simulator.Customer, *simulator.Coupon, *simulator.Error) {
	id, ok := parsePositive(raw)
	if !ok {
		return nil, nil, simulator.Errorf(simulator.CodeCouponInvalid).WithDetail("coupon id %q is not a positive integer", raw)
	}
	owner, ok := tx.CouponIDOwner(id)
	if !ok {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("no coupon has id %d", id)
	}
	c, err := tx.Customer(owner)
	if err != nil {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("coupon %d: %v", id, err)
	}
	cp := c.History.CouponByID(id)
	if cp == nil {
		return nil, nil, simulator.Errorf(simulator.CodeCouponNotFound).WithDetail("no coupon has id %d", id)
	}
	return c, cp, nil
}

// couponDay formats t as the get sample writes valid_till: "31-08-2016".
func couponDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02-01-2006")
}

// parsePositive reads a positive integer.
func parsePositive(raw string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	return n, err == nil && n > 0
}
