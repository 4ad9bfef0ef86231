package server_test

import "strings"

// couponWays lists a way for each code of the v1.1 coupon API (006): a
// natural request where the coupon model has the concept (an org override
// where the default series do not set the rule), else a one-rule scenario
// on redeem, for the real service's internal failures.
var couponWays = func() []way {
	const (
		issuePath  = "/v1.1/coupon/issue?format=json"
		redeemPath = "/v1.1/coupon/redeem?format=json"
		benMobile  = "447700900000" // holds the documented 06000041 of series 832
		tomMobile  = "44700900000"
		// The first coupon issued in a fresh namespace gets this id.
		firstID = "60000000001"
	)
	issue := func(series, customer string) string {
		return `{"root":{"coupon":[{"series_id":"` + series + `","customer":{` + customer + `}}]}}`
	}
	redeem := func(code, mobile, bill, amount string, extra ...string) string {
		return `{"root":{"coupon":[{"code":"` + code + `","customer":{"mobile":"` + mobile + `"},"transaction":[{"number":"` +
			bill + `","amount":"` + amount + `"}]` + strings.Join(extra, "") + `}]}}`
	}
	redeemID := func(id, mobile, bill string) string {
		return `{"root":{"coupon":[{"id":"` + id + `","customer":{"mobile":"` + mobile + `"},"transaction":[{"number":"` + bill + `","amount":"1000"}]}]}}`
	}
	setup := func(method, target, body string) string { return method + " " + target + " " + body }
	// otherSeries are the org's other series, as fixtures/org.json has them.
	const otherSeries = `{"id":833,"description":"Flat 100 off","discountCode":"FLAT100","discountType":"ABS","discountValue":100,"validDays":90,"stores":["store.code"],"minBillAmount":500,"billRequired":true},` +
		`{"id":834,"description":"Voucher 250","discountCode":"VOCU","discountType":"ABS","discountValue":250,"validDays":180,"maxRedemptionsPerCoupon":3,"maxRedemptionsPerCustomer":3,"minDaysBetweenRedemptions":7},` +
		`{"id":900,"description":"Referral reward","discountCode":"REF50","discountType":"ABS","discountValue":50,"validDays":60}`
	// series832 is the org's series with rules of the way's own for 832.
	series832 := func(rules string) string {
		return `{"couponSeries":[{"id":832,"description":"abctest","discountCode":"abc","discountType":"PERC","discountValue":10,"validDays":365,` + rules + `},` + otherSeries + `]}`
	}
	nat := func(code int, what, method, target, body string, setups ...string) way {
		return natural(code, "v1.1", "coupon: "+what, method, target, body, setups...)
	}
	withOrgRule := func(w way, org string) way { w.org = org; return w }
	inj := func(code int, what string) way {
		return injected(code, "v1.1", "coupon: "+what, "redeemCouponV11", "POST", redeemPath, redeem("06000041", benMobile, "bill-110", "1000"))
	}
	ben := redeem("06000041", benMobile, "bill-110", "1000")
	w735 := nat(735, "redeem at a store the series does not redeem at: series 833 (store.code only) at till westTill", "POST", redeemPath, redeem("833-tsflat100", tomMobile, "b1", "1000"))
	w735.headers = []string{"Authorization", "Basic d2VzdFRpbGw6MjNkMWYwMjE1Y2ZiZDAzOTBiYmYxMDA1ZWZmZmIyZDQ="}
	return []way{
		nat(700, "series 832 fetched (also issue, redeem, get: Coupon processing successful; resend: Coupon Resent)", "GET", "/v1.1/coupon/series?id=832&format=json", ""),
		nat(701, "issue to a mobile no customer has", "POST", issuePath, issue("832", `"mobile":"447700999999"`)),
		nat(702, "redeem a code that cannot be one", "POST", redeemPath, redeem("06 000041", benMobile, "b1", "10")),
		nat(703, "redeem 06000041 as Tom Sawyer: it is Ben Rogers'", "POST", redeemPath, redeem("06000041", tomMobile, "b1", "10")),
		nat(704, "resend a coupon to a customer without a mobile number (Ann Lee, issued one by email first)", "GET", "/v1.1/coupon/resend?format=json&id="+firstID, "",
			setup("POST", issuePath, issue("832", `"email":"ann.lee@example.com"`))),
		withOrgRule(nat(705, "redeem with a wrong validation code where the series needs one (org: validationRequired)", "POST", redeemPath,
			redeem("06000041", benMobile, "b1", "10", `,"validation_code":"000000"`)), series832(`"validationRequired":true`)),
		nat(706, "isredeemable of a coupon redeemed already (the sample's Cannot redeem same voucher multiple times)", "GET",
			"/v1.1/coupon/isredeemable?format=json&code=06000041&mobile="+benMobile, "", setup("POST", redeemPath, ben)),
		nat(707, "issue of a series the org does not have", "POST", issuePath, issue("9999", `"mobile":"`+benMobile+`"`)),
		inj(709, "unable to redeem: an internal failure"),
		inj(710, "cannot be redeemed by this customer: a campaign rule capsim does not model"),
		nat(711, "a second redemption of 06000041, on another bill", "POST", redeemPath, redeem("06000041", benMobile, "bill-2", "1000"), setup("POST", redeemPath, ben)),
		withOrgRule(nat(712, "issue of a series that has ended (org: validTill)", "POST", issuePath, issue("832", `"mobile":"`+benMobile+`"`)),
			series832(`"validTill":"2020-01-01T00:00:00Z"`)),
		nat(713, "redeem Tom Sawyer's 834-tsvoucher, valid till 2017", "POST", redeemPath, redeem("834-tsvoucher", tomMobile, "b1", "10")),
		withOrgRule(nat(714, "redeem once the series has had all its redemptions (org: maxRedemptions 1; Tom redeemed 832-pghhi6u1)", "POST", redeemPath, ben),
			series832(`"maxRedemptions":1`)),
		inj(715, "coupon not valid for this organization: capsim serves one org"),
		nat(716, "redeem 06000041 again on the same bill", "POST", redeemPath, ben, setup("POST", redeemPath, ben)),
		nat(718, "redeem series 833 (billRequired) without a bill number", "POST", redeemPath, redeem("833-tsflat100", tomMobile, "", "1000")),
		nat(719, "redeem a code nobody holds", "POST", redeemPath, redeem("NOSUCH01", benMobile, "b1", "10")),
		withOrgRule(nat(720, "redeem a coupon of a trial series (org: trial)", "POST", redeemPath, ben), series832(`"trial":true`)),
		withOrgRule(nat(721, "issue of a loyalty-only series to a non-loyalty customer (org: loyaltyOnly)", "POST", issuePath, issue("832", `"mobile":"447700900950"`),
			setup("POST", "/v1.1/customer/add?format=json", add(`"mobile":"447700900950","type":"NON_LOYALTY"`))), series832(`"loyaltyOnly":true`)),
		withOrgRule(nat(722, "issue past the series' limit (org: maxIssued 1)", "POST", issuePath, issue("832", `"mobile":"`+benMobile+`"`)), series832(`"maxIssued":1`)),
		inj(723, "the coupon cannot be used by this customer: a campaign rule capsim does not model"),
		inj(724, "unable to send message: the real SMS gateway's"),
		withOrgRule(nat(725, "redeem without a validation code where the series needs one (org: validationRequired)", "POST", redeemPath, ben), series832(`"validationRequired":true`)),
		inj(726, "validation not required: the real service's"),
		withOrgRule(nat(728, "a customer's second redemption in a series that allows one (org: maxRedemptionsPerCustomer 1)", "POST", redeemPath, redeemID(firstID, benMobile, "b2"),
			setup("POST", redeemPath, ben), setup("POST", issuePath, issue("832", `"mobile":"`+benMobile+`"`))), series832(`"maxRedemptionsPerCustomer":1`)),
		withOrgRule(nat(729, "redeem before the series redeems (org: redeemableFrom)", "POST", redeemPath, ben), series832(`"redeemableFrom":"2099-01-01T00:00:00Z"`)),
		inj(730, "unknown error: an internal failure"),
		inj(732, "no missed call received: the real missed-call flow's"),
		nat(733, "redeem on a negative transaction amount", "POST", redeemPath, redeem("06000041", benMobile, "b1", "-5")),
		w735,
		withOrgRule(nat(736, "a third redemption of a coupon that redeems twice (org: maxRedemptionsPerCoupon 2)", "POST", redeemPath, redeem("06000041", benMobile, "b3", "10"),
			setup("POST", redeemPath, redeem("06000041", benMobile, "b1", "10")), setup("POST", redeemPath, redeem("06000041", benMobile, "b2", "10"))),
			series832(`"maxRedemptionsPerCoupon":2`)),
		nat(738, "a second redemption of a series 834 coupon within its 7-day gap", "POST", redeemPath, redeemID(firstID, benMobile, "b2"),
			setup("POST", issuePath, issue("834", `"mobile":"`+benMobile+`"`)), setup("POST", redeemPath, redeemID(firstID, benMobile, "b1"))),
		nat(739, "redeem with a redemption_time after now", "POST", redeemPath, redeem("06000041", benMobile, "b1", "10", `,"redemption_time":"2099-01-01 00:00:00"`)),
		nat(740, "redeem by a customer marked as fraud (Injun Joe)", "POST", redeemPath, redeem("06000041", "447009500003", "b1", "10")),
		nat(742, "issue to a customer not interested in the program", "POST", issuePath, issue("832", `"mobile":"447700900951"`),
			setup("POST", "/v1.1/customer/add?format=json", add(`"mobile":"447700900951","type":"NOT_INTERESTED"`))),
		nat(750, "issue to a customer marked as fraud (Injun Joe)", "POST", issuePath, issue("832", `"mobile":"447009500003"`)),
		inj(786, "try again later: an internal failure"),
		inj(787, "try again later: an internal failure"),
		inj(788, "invalid configuration: the real service's"),
		inj(789, "try again later: an internal failure"),
		inj(790, "try again later: an internal failure"),
		inj(791, "try again later: an internal failure"),
		inj(792, "try again later: an internal failure"),
		inj(793, "try again later: an internal failure"),
		inj(794, "try again later: an internal failure"),
		inj(795, "invalid configuration: the real service's"),
		inj(796, "try again later: an internal failure"),
		inj(797, "try again later: an internal failure"),
		inj(798, "try again later: an internal failure"),
		inj(799, "invalid configuration: the real service's"),
	}
}()
