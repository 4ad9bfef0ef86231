package server_test

import (
	"encoding/json"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/fixture"
)

// The points ways' requests: Rita John (44700900999) holds 210 points in
// the default program 469, Injun Joe (447009500003) is marked as fraud, Ann
// Lee (ann.lee@example.com) is not a loyalty customer.
const (
	isRedeemable = "/v1.1/points/isredeemable?format=json&"
	ritaCheck    = isRedeemable + "mobile=44700900999&points="
	otpPath      = "/v1.1/points/validationcode?format=json&"
	redeemTarget = "/v1.1/points/redeem?format=json"
)

func ritaRedeemBody(fields string) string {
	return `{"root":{"redeem":{"customer":{"mobile":"44700900999"},` + fields + `}}}`
}

// rulesOrg returns the org.json override giving program 469 the redemption
// rules (a JSON object), the other programs as the fixtures have them.
func rulesOrg(rules string) string {
	raw, err := fixtures.FS.ReadFile(fixture.OrgFile)
	if err != nil {
		panic(err)
	}
	var org struct {
		Programs []map[string]any `json:"programs"`
	}
	if err := json.Unmarshal(raw, &org); err != nil {
		panic(err)
	}
	var r any
	if err := json.Unmarshal([]byte(rules), &r); err != nil {
		panic(err)
	}
	for _, p := range org.Programs {
		if p["id"] == float64(469) {
			p["redemption"] = r
		}
	}
	b, err := json.Marshal(map[string]any{"programs": org.Programs})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// pointsWays lists a way for each code of the v1.1 points API (005): the
// request that gets it where capsim's model has the concept (the org rules
// of program 469 set by an org override where the fixtures' has them off),
// else a one-rule scenario on isredeemable or redeem for what only the real
// service's internals, or configuration capsim does not model, cause.
var pointsWays = func() []way {
	onCheck := func(code int, what string) way {
		return injected(code, "v1.1", what, "isPointsRedeemableV11", "GET", ritaCheck+"10", "")
	}
	onRedeem := func(code int, what string) way {
		return injected(code, "v1.1", what, "redeemPointsV11", "POST", redeemTarget, ritaRedeemBody(`"points_redeemed":10`))
	}
	withRules := func(w way, rules string) way {
		w.org = rulesOrg(rules)
		return w
	}
	return []way{
		natural(200, "v1.1", "points: validationcode issued a code (Validation Code Issued by SMS/Email, status Operation Successful)", "GET", otpPath+"mobile=44700900999&points=50", ""),
		onRedeem(686, "points: a campaign user not enrolled in loyalty: capsim's non-loyalty customers answer 881"),
		natural(800, "v1.1", "points: isredeemable of points within the balance (Points can be redeemed); redeem answers Points Redeemed", "GET", ritaCheck+"100", ""),
		natural(801, "v1.1", "points: points not a positive whole number (0, negative, a fraction, not a number)", "GET", ritaCheck+"2.5", ""),
		natural(802, "v1.1", "points: no identifier, or one that cannot be one (a mobile that is not digits, an email without @)", "GET", isRedeemable+"mobile=12ab&points=10", ""),
		onRedeem(803, "points: more than the available points: capsim answers 818"),
		onRedeem(804, "points: insufficient current points: capsim answers 818"),
		onRedeem(805, "points: insufficient lifetime points: a rule capsim's programs do not have"),
		onRedeem(806, "points: insufficient lifetime purchases: a rule capsim's programs do not have"),
		withRules(natural(807, "v1.1", "points: not a multiple of the program's multipleOf (org.json programs[].redemption)", "GET", ritaCheck+"25", ""), `{"multipleOf": 10}`),
		withRules(natural(808, "v1.1", "points: redeem without the right validation code where the program sets validationCode", "POST", redeemTarget, ritaRedeemBody(`"points_redeemed":10,"validation_code":"000000"`)), `{"validationCode": true}`),
		withRules(natural(809, "v1.1", "points: a customer marked as fraud (Injun Joe) where the program sets blockFraud", "GET", isRedeemable+"mobile=447009500003&points=10", ""), `{"blockFraud": true}`),
		onRedeem(810, "points: revert mismatch: capsim serves no points revert"),
		onRedeem(811, "points: an invalid transaction number: any number is accepted"),
		onRedeem(812, "points: already reverted: capsim serves no points revert"),
		onRedeem(813, "points: insufficient current points: capsim answers 818"),
		onRedeem(814, "points: nothing redeemed on the transaction: capsim serves no points revert"),
		onRedeem(815, "points: unable to process now: an internal failure"),
		natural(816, "v1.1", "points: an identifier no customer has (Customer not found for organization, the redeem sample's 816)", "POST", redeemTarget, `{"root":{"redeem":{"customer":{"mobile":"91789789781"},"points_redeemed":10}}}`),
		onRedeem(817, "points: redemption failed: an internal failure"),
		natural(818, "v1.1", "points: more points than the balance (isredeemable and redeem; redeem takes nothing)", "POST", redeemTarget, ritaRedeemBody(`"points_redeemed":211`)),
		withRules(natural(819, "v1.1", "points: more than the program's maximumPerTransaction", "GET", ritaCheck+"150", ""), `{"maximumPerTransaction": 100}`),
		onRedeem(820, "points: fraud: capsim answers 809"),
		withRules(natural(821, "v1.1", "points: fewer than the program's minimumPoints", "GET", ritaCheck+"10", ""), `{"minimumPoints": 20}`),
		onRedeem(822, "points: no missed call: capsim does not simulate missed-call validation"),
		natural(823, "v1.1", "points: validation_type=MISSED_CALL (capsim's orgs validate by SMS or email)", "GET", ritaCheck+"10&validation_type=MISSED_CALL", ""),
		onRedeem(824, "points: mobile validation mandatory: an org setting capsim does not model (validationCode answers 808)"),
		onRedeem(825, "points: client signature required: the real gateway's"),
		onRedeem(826, "points: invalid points category: configuration capsim does not model"),
		onRedeem(827, "points: redemption not enabled: configuration capsim does not model"),
		natural(859, "v1.1", "points: redeem with a redemption_time that is not YYYY-MM-DD HH:MM:SS", "POST", redeemTarget, ritaRedeemBody(`"points_redeemed":10,"redemption_time":"yesterday"`)),
		onCheck(860, "points: OTP issue failed: the real service's SMS gateway"),
		natural(881, "v1.1", "points: a customer not in the loyalty program (Ann Lee)", "GET", isRedeemable+"email=ann.lee@example.com&points=10", ""),
		onRedeem(886, "points: unable to process: an internal failure"),
		onRedeem(887, "points: unable to process: an internal failure"),
		onRedeem(888, "points: invalid configuration: the real service's"),
		onRedeem(889, "points: processing failed: an internal failure"),
		onRedeem(894, "points: unable to process now: an internal failure"),
		onRedeem(895, "points: no loyalty program: every capsim org has one (natural with an org without programs)"),
		onRedeem(898, "points: unable to process now: an internal failure"),
		onRedeem(899, "points: invalid configuration: the real service's"),
		onRedeem(901, "points: invalid redemption id: capsim serves no points revert"),
		onRedeem(902, "points: unknown redemption id: capsim serves no points revert"),
		onRedeem(903, "points: unable to redeem: an internal failure"),
		onRedeem(904, "points: invalid customer details: capsim answers 802 or 816"),
		onRedeem(3045, "points: fraud with the customer id: capsim answers 809"),
		onRedeem(3802, "points: already reversed: capsim serves no points revert"),
	}
}()
