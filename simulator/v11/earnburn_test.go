package v11_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// loopItemCodes returns every item_status code of v, in document order of the
// items (depth first).
func loopItemCodes(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			if st, ok := t["item_status"].(map[string]any); ok {
				out = append(out, fmt.Sprint(st["code"]))
			}
			for k, x := range t {
				if k != "item_status" {
					walk(x)
				}
			}
		case []any:
			for _, x := range t {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

// loopBodies are the loop's request bodies in one format.
type loopBodies struct {
	register, bill, returnFull, redeem, overRedeem, issue, redeemCoupon func(mobile, code string) string
}

var loopJSON = loopBodies{
	register: func(m, _ string) string {
		return `{"root":{"customer":[{"mobile":"` + m + `","email":"loop` + m + `@example.com","firstname":"Eve","lastname":"Burn"}]}}`
	},
	bill: func(m, _ string) string {
		return `{"root":{"transaction":[{"type":"regular","number":"LOOP-` + m + `","amount":"5000","gross_amount":"5000","customer":{"mobile":"` + m + `"},` +
			`"line_items":{"line_item":[{"serial":"1","item_code":"sku1","qty":"2","rate":"2500","value":"5000","amount":"5000"}]}}]}}`
	},
	returnFull: func(m, _ string) string {
		return `{"root":{"transaction":[{"type":"return","return_type":"FULL","number":"LOOP-` + m + `","amount":"5000","customer":{"mobile":"` + m + `"}}]}}`
	},
	redeem: func(m, _ string) string {
		return `{"root":{"redeem":[{"points_redeemed":30,"transaction_number":"R-` + m + `","customer":{"mobile":"` + m + `"}}]}}`
	},
	overRedeem: func(m, _ string) string {
		return `{"root":{"redeem":[{"points_redeemed":100000,"transaction_number":"R2-` + m + `","customer":{"mobile":"` + m + `"}}]}}`
	},
	issue: func(m, _ string) string {
		return `{"root":{"coupon":[{"series_id":"832","customer":{"mobile":"` + m + `"}}]}}`
	},
	redeemCoupon: func(m, code string) string {
		return `{"root":{"coupon":[{"code":"` + code + `","customer":{"mobile":"` + m + `"},"transaction":[{"number":"C-` + m + `","amount":"1000"}]}]}}`
	},
}

var loopXML = loopBodies{
	register: func(m, _ string) string {
		return `<root><customer><mobile>` + m + `</mobile><email>loop` + m + `@example.com</email><firstname>Eve</firstname><lastname>Burn</lastname></customer></root>`
	},
	bill: func(m, _ string) string {
		return `<root><transaction><type>regular</type><number>LOOP-` + m + `</number><amount>5000</amount><gross_amount>5000</gross_amount>` +
			`<customer><mobile>` + m + `</mobile></customer><line_items><line_item><serial>1</serial><item_code>sku1</item_code>` +
			`<qty>2</qty><rate>2500</rate><value>5000</value><amount>5000</amount></line_item></line_items></transaction></root>`
	},
	returnFull: func(m, _ string) string {
		return `<root><transaction><type>return</type><return_type>FULL</return_type><number>LOOP-` + m + `</number><amount>5000</amount>` +
			`<customer><mobile>` + m + `</mobile></customer></transaction></root>`
	},
	redeem: func(m, _ string) string {
		return `<root><redeem><points_redeemed>30</points_redeemed><transaction_number>R-` + m + `</transaction_number><customer><mobile>` + m + `</mobile></customer></redeem></root>`
	},
	overRedeem: func(m, _ string) string {
		return `<root><redeem><points_redeemed>100000</points_redeemed><transaction_number>R2-` + m + `</transaction_number><customer><mobile>` + m + `</mobile></customer></redeem></root>`
	},
	issue: func(m, _ string) string {
		return `<root><coupon><series_id>832</series_id><customer><mobile>` + m + `</mobile></customer></coupon></root>`
	},
	redeemCoupon: func(m, code string) string {
		return `<root><coupon><code>` + code + `</code><customer><mobile>` + m + `</mobile></customer><transaction><number>C-` + m + `</number><amount>1000</amount></transaction></coupon></root>`
	},
}

// TestEarnAndBurnLoop runs the whole loop of a loyalty integration in a
// fresh simulator, in JSON and in XML: register, add a bill, see points and
// lifetime purchases grow, check and redeem points (the balance drops by
// exactly the points), refuse an over-redemption, return the bill (its
// points taken back), refuse a second full return, issue, check and redeem
// a coupon, refuse its second redemption; every history read shows it.
func TestEarnAndBurnLoop(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct {
		format string
		bodies loopBodies
	}{{"json", loopJSON}, {"xml", loopXML}} {
		t.Run(tc.format, func(t *testing.T) {
			s := simtest.Shared(t)
			m := fmt.Sprintf("4470095%05d", 100+i)
			b := tc.bodies
			do := func(method, target, body string) map[string]any {
				t.Helper()
				return decode(t, s, method, pathOf(target), call(t, s, method, withFormat(target, tc.format), body))
			}
			expect := func(what string, v map[string]any, want ...string) {
				t.Helper()
				if got := loopItemCodes(v); strings.Join(got, ",") != strings.Join(want, ",") {
					t.Fatalf("%s: item codes %v, want %v\n%v", what, got, want, v)
				}
			}
			balance := func() (points, purchases string) {
				t.Helper()
				v := do("GET", "/v1.1/customer/get?mobile="+m, "")
				c := at(v, "response", "customers", "customer", 0)
				return fmt.Sprint(at(c, "loyalty_points")), fmt.Sprint(at(c, "lifetime_purchases"))
			}

			expect("register", do("POST", "/v1.1/customer/add", b.register(m, "")), "1000")
			startPts, startBuy := balance()

			// A bill of 5,000 earns 50 points (1 per 100) and adds 5,000.
			expect("bill", do("POST", "/v1.1/transaction/add", b.bill(m, "")), "600")
			pts, buy := balance()
			if want := fmt.Sprint(atoi(t, startPts) + 50); pts != want || buy != fmt.Sprint(atoi(t, startBuy)+5000) {
				t.Fatalf("after the bill: %s points, %s purchases; want %s and %d", pts, buy, want, atoi(t, startBuy)+5000)
			}

			// Check, then redeem 30: exactly 30 leave the balance.
			check := do("GET", "/v1.1/points/isredeemable?points=30&mobile="+m, "")
			if at(check, "response", "points", "redeemable", "is_redeemable") != "true" {
				t.Fatalf("isredeemable: %v", check)
			}
			expect("redeem", do("POST", "/v1.1/points/redeem", b.redeem(m, "")), "800")
			if got, _ := balance(); got != fmt.Sprint(atoi(t, pts)-30) {
				t.Fatalf("after redeeming 30 of %s: %s", pts, got)
			}
			expect("over-redemption", do("POST", "/v1.1/points/redeem", b.overRedeem(m, "")), "818")
			if got, _ := balance(); got != fmt.Sprint(atoi(t, pts)-30) {
				t.Fatalf("an over-redemption took points: %s", got)
			}

			// Return the bill: its 50 points and 5,000 of purchases go back.
			expect("return", do("POST", "/v1.1/transaction/add", b.returnFull(m, "")), "600")
			if got, buy := balance(); got != fmt.Sprint(atoi(t, pts)-30-50) || buy != startBuy {
				t.Fatalf("after the return: %s points, %s purchases; want %d and %s", got, buy, atoi(t, pts)-80, startBuy)
			}
			expect("second full return", do("POST", "/v1.1/transaction/add", b.returnFull(m, "")), "633")

			// A coupon: issue, check, redeem, refuse the second redemption.
			issued := do("POST", "/v1.1/coupon/issue", b.issue(m, ""))
			expect("coupon issue", issued, "700")
			code := fmt.Sprint(at(issued, "response", "coupon", 0, "code"))
			if code == "" || code == "<nil>" {
				t.Fatalf("no coupon code in %v", issued)
			}
			expect("coupon check", do("GET", "/v1.1/coupon/isredeemable?code="+code+"&mobile="+m, ""), "700")
			expect("coupon redeem", do("POST", "/v1.1/coupon/redeem", b.redeemCoupon(m, code)), "700")
			expect("second coupon redemption", do("POST", "/v1.1/coupon/redeem", b.redeemCoupon(m, code)), "716")

			// Every history read shows it.
			txs := do("GET", "/v1.1/customer/transactions?mobile="+m, "")
			if n := fmt.Sprint(at(txs, "response", "customer", 0, "count")); n != "2" {
				t.Fatalf("customer/transactions count %s, want the bill and its return\n%v", n, txs)
			}
			reds := fmt.Sprint(do("GET", "/v1.1/customer/redemptions?mobile="+m, ""))
			for _, want := range []string{"R-" + m, code} {
				if !strings.Contains(reds, want) {
					t.Fatalf("customer/redemptions lacks %s: %s", want, reds)
				}
			}
			coupons := fmt.Sprint(do("GET", "/v1.1/customer/coupons?mobile="+m, ""))
			if !strings.Contains(coupons, code) {
				t.Fatalf("customer/coupons lacks %s: %s", code, coupons)
			}
			// v2 sees the same balance.
			id := fmt.Sprint(at(do("GET", "/v1.1/customer/get?mobile="+m+"&user_id=true", ""), "response", "customers", "customer", 0, "user_id"))
			ld := s.Do("GET", "/v2/customers/"+strings.TrimSuffix(id, ".0")+"/loyaltyDetails", nil).JSON()
			if got := fmt.Sprint(at(ld, "data", 0, "loyaltyPoints")); got != fmt.Sprint(atoi(t, pts)-80) {
				t.Fatalf("v2 loyaltyDetails: %s points, want %d", got, atoi(t, pts)-80)
			}
		})
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatalf("%q is not a whole number", s)
	}
	return n
}
