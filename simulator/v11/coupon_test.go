package v11_test

import (
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
	v11 "github.com/capsim/capsim/simulator/v11"
)

// couponSample reads the coupon sample body name in the format asked for.
func couponSample(name string) func(t *testing.T, f string) string {
	return func(t *testing.T, f string) string { return sample(t, "coupon_"+name+"_sample."+f) }
}

// couponCases are the coupon requests whose full responses are pinned
// (testdata/golden/coupon_*), each sent to a fresh simulator in both
// formats: the reference's sample requests (the series sample's 7033 is
// not the org's: 832 stands in) and a few more.
var couponCases = []batchCase{
	{"issue_sample", "POST", "/v1.1/coupon/issue", couponSample("issue"), []string{"700"}},
	{"resend_sample", "GET", "/v1.1/coupon/resend?id=13596576", nil, []string{"700"}},
	{"redeem_sample", "POST", "/v1.1/coupon/redeem", couponSample("redeem"), []string{"700"}},
	{"get_sample", "GET", "/v1.1/coupon/get?code=06000041", nil, []string{"700"}},
	{"get_redeemed", "GET", "/v1.1/coupon/get?code=832-pghhi6u1,nosuchcode&details=true&user_id=true", nil, []string{"700", "719"}},
	{"isredeemable_sample", "GET", "/v1.1/coupon/isredeemable?details=true&code=06000041&mobile=447700900000", nil, []string{"700"}},
	{"isredeemable_expired", "GET", "/v1.1/coupon/isredeemable?code=832-pghhi6u1&mobile=44700900000", nil, []string{"713"}},
	{"series_832", "GET", "/v1.1/coupon/series?id=832", nil, []string{"700"}},
	{"series_all", "GET", "/v1.1/coupon/series", nil, []string{"700", "700", "700", "700"}},
}

// couponItems returns the items of a coupon answer wherever the operation
// puts them.
func couponItems(v map[string]any) []any {
	return itemsAt(v, []any{"response", "coupon"}, []any{"response", "coupons", "coupon"},
		[]any{"response", "coupons", "redeemable"}, []any{"response", "series", "items", "item"})
}

func couponCodes(v map[string]any) []string { return codesOf(couponItems(v)) }

func TestCouponGolden(t *testing.T) { goldenBatch(t, "coupon_", couponCases, couponItems) }

// TestCouponParity: JSON and XML (body and answer) give the same values.
func TestCouponParity(t *testing.T) {
	t.Parallel()
	for _, tc := range couponCases {
		t.Run(tc.name, func(t *testing.T) {
			var got [2]map[string]any
			for i, f := range []string{"json", "xml"} {
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, f)
				}
				got[i] = decode(t, s, tc.method, pathOf(tc.target), call(t, s, tc.method, withFormat(tc.target, f), body))
			}
			if !reflect.DeepEqual(scalarsAsText(emptyAsText(dropEmptyLists(got[0]))), scalarsAsText(emptyAsText(dropEmptyLists(got[1])))) {
				t.Fatalf("JSON and XML differ\nJSON: %#v\nXML:  %#v", got[0], got[1])
			}
		})
	}
}

// dropEmptyLists removes the empty lists an object holds (redeem's
// series_info and side_effects): XML writes no element for them.
func dropEmptyLists(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			if l, ok := x.([]any); ok && len(l) == 0 {
				continue
			}
			out[k] = dropEmptyLists(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = dropEmptyLists(x)
		}
		return out
	}
	return v
}

func couponCode(t *testing.T, s *simtest.Server, method, target, body string) (string, map[string]any) {
	t.Helper()
	v := decode(t, s, method, pathOf(target), call(t, s, method, withFormat(target, "json"), body))
	codes := couponCodes(v)
	if len(codes) != 1 {
		t.Fatalf("%s %s: items %v", method, target, codes)
	}
	return codes[0], v
}

func couponRedeemBody(code, mobile, bill, amount string) string {
	return `{"root":{"coupon":[{"code":"` + code + `","customer":{"mobile":"` + mobile + `"},"transaction":[{"number":"` + bill + `","amount":"` + amount + `"}]}]}}`
}

// TestCouponLoop runs issue, check, redeem, a refused second redemption and
// every read that shows it.
func TestCouponLoop(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	issue := `{"root":{"coupon":[{"series_id":"834","customer":{"mobile":"44700900999"}}]}}`
	code, v := couponCode(t, s, "POST", "/v1.1/coupon/issue", issue)
	if code != "700" {
		t.Fatalf("issue: %s", code)
	}
	cc, _ := at(v, "response", "coupon", 0, "code").(string)
	if len(cc) != 8 {
		t.Fatalf("coupon code %q", cc)
	}
	steps := []struct {
		name, method, target, body, want string
	}{
		{"redeemable", "GET", "/v1.1/coupon/isredeemable?mobile=44700900999&code=" + cc, "", "700"},
		{"another customer's", "GET", "/v1.1/coupon/isredeemable?mobile=44700900000&code=" + cc, "", "703"},
		{"redeem", "POST", "/v1.1/coupon/redeem", couponRedeemBody(cc, "44700900999", "loop-1", "300"), "700"},
		{"again on the same bill", "POST", "/v1.1/coupon/redeem", couponRedeemBody(cc, "44700900999", "loop-1", "300"), "716"},
		{"again within the gap", "POST", "/v1.1/coupon/redeem", couponRedeemBody(cc, "44700900999", "loop-2", "300"), "738"},
		{"get shows it", "GET", "/v1.1/coupon/get?code=" + cc, "", "700"},
		{"resend of a coupon with uses left", "GET", "/v1.1/coupon/resend?code=" + cc + "&mobile=44700900999", "", "700"},
	}
	for _, st := range steps {
		if got, v := couponCode(t, s, st.method, st.target, st.body); got != st.want {
			t.Fatalf("%s: %s, want %s\n%v", st.name, got, st.want, v)
		}
	}
	v = decode(t, s, "GET", "/v1.1/customer/redemptions", call(t, s, "GET", "/v1.1/customer/redemptions?format=json&mobile=44700900999&type=COUPONS", ""))
	if got := at(v, "response", "customer", 0, "redemptions", "coupons", "coupon", 0, "code"); got != cc {
		t.Fatalf("customer/redemptions: %v", got)
	}
	v = decode(t, s, "GET", "/v1.1/customer/coupons", call(t, s, "GET", "/v1.1/customer/coupons?format=json&mobile=44700900999&series_id=834", ""))
	if got := at(v, "response", "customers", "customer", 0, "coupons", "coupon", 0, "status"); got != "REDEEMED" {
		t.Fatalf("customer/coupons status %v", got)
	}
	// The documented coupon: a second redemption on another bill is 711.
	for _, want := range []string{"700", "711"} {
		if got, _ := couponCode(t, s, "POST", "/v1.1/coupon/redeem", couponRedeemBody("06000041", "447700900000", "bill-"+want, "1000")); got != want {
			t.Fatalf("06000041: %s, want %s", got, want)
		}
	}
	if got, _ := couponCode(t, s, "GET", "/v1.1/coupon/isredeemable?code=06000041&mobile=447700900000", ""); got != "706" {
		t.Fatalf("isredeemable after redemption: %s", got)
	}
}

// TestCouponBadInput: bad input gets its documented code and changes
// nothing: 06000041 stays unredeemed.
func TestCouponBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, target, body, want string
	}{
		{"issue: unknown customer", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"series_id":"832","customer":{"mobile":"447700999999"}}}}`, "701"},
		{"issue: no customer", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"series_id":"832"}}}`, "701"},
		{"issue: unknown series", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"series_id":"9999","customer":{"mobile":"447700900000"}}}}`, "707"},
		{"issue: no series", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"customer":{"mobile":"447700900000"}}}}`, "707"},
		{"issue: non-numeric series", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"series_id":"abc","customer":{"mobile":"447700900000"}}}}`, "707"},
		{"issue: fraud", "POST", "/v1.1/coupon/issue", `{"root":{"coupon":{"series_id":"832","customer":{"mobile":"447009500003"}}}}`, "750"},
		{"redeem: negative amount", "POST", "/v1.1/coupon/redeem", couponRedeemBody("06000041", "447700900000", "b", "-5"), "733"},
		{"redeem: non-numeric amount", "POST", "/v1.1/coupon/redeem", couponRedeemBody("06000041", "447700900000", "b", "ten"), "733"},
		{"redeem: unknown code", "POST", "/v1.1/coupon/redeem", couponRedeemBody("NOSUCH01", "447700900000", "b", "10"), "719"},
		{"redeem: malformed code", "POST", "/v1.1/coupon/redeem", couponRedeemBody("06 000041", "447700900000", "b", "10"), "702"},
		{"redeem: no code", "POST", "/v1.1/coupon/redeem", couponRedeemBody("", "447700900000", "b", "10"), "702"},
		{"redeem: unknown customer", "POST", "/v1.1/coupon/redeem", couponRedeemBody("06000041", "447700999999", "b", "10"), "701"},
		{"redeem: another customer", "POST", "/v1.1/coupon/redeem", couponRedeemBody("06000041", "44700900000", "b", "10"), "703"},
		{"redeem: expired", "POST", "/v1.1/coupon/redeem", couponRedeemBody("834-tsvoucher", "44700900000", "b", "10"), "713"},
		{"redeem: no bill where the series needs one", "POST", "/v1.1/coupon/redeem", couponRedeemBody("833-tsflat100", "44700900000", "", "1000"), "718"},
		{"redeem: under the minimum bill", "POST", "/v1.1/coupon/redeem", couponRedeemBody("833-tsflat100", "44700900000", "b", "100"), "733"},
		{"redeem: future redemption time", "POST", "/v1.1/coupon/redeem", `{"root":{"coupon":{"code":"06000041","customer":{"mobile":"447700900000"},"redemption_time":"2099-01-01 00:00:00"}}}`, "739"},
		{"redeem: bad redemption time", "POST", "/v1.1/coupon/redeem", `{"root":{"coupon":{"code":"06000041","customer":{"mobile":"447700900000"},"redemption_time":"soon"}}}`, "739"},
		{"isredeemable: unknown customer", "GET", "/v1.1/coupon/isredeemable?code=06000041&mobile=447700999999", "", "701"},
		{"isredeemable: unknown code", "GET", "/v1.1/coupon/isredeemable?code=NOSUCH01&mobile=447700900000", "", "719"},
		{"get: unknown id", "GET", "/v1.1/coupon/get?id=1", "", "719"},
		{"get: bad id", "GET", "/v1.1/coupon/get?id=x", "", "702"},
		{"resend: another customer", "GET", "/v1.1/coupon/resend?code=06000041&mobile=44700900000", "", "703"},
		{"resend: expired", "GET", "/v1.1/coupon/resend?code=834-tsvoucher", "", "713"},
		{"series: unknown", "GET", "/v1.1/coupon/series?id=7033", "", "707"},
	}
	s := simtest.Shared(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, v := couponCode(t, s, tc.method, tc.target, tc.body); got != tc.want {
				t.Fatalf("%s, want %s\n%v", got, tc.want, v)
			}
			if got, _ := couponCode(t, s, "GET", "/v1.1/coupon/isredeemable?code=06000041&mobile=447700900000", ""); got != "700" {
				t.Fatalf("06000041 is no longer redeemable: %s", got)
			}
		})
	}
	t.Run("request-level", func(t *testing.T) {
		for _, tc := range []struct{ method, target, body string }{
			{"POST", "/v1.1/coupon/redeem", `{"root":{"coupon":[` + "{\"code\":\"a\"},{\"code\":\"b\"}" + `]}}`},
			{"POST", "/v1.1/coupon/issue", `{"root":{"coupon":`},
			{"GET", "/v1.1/coupon/get", ""},
			{"GET", "/v1.1/coupon/resend", ""},
		} {
			res := s.Do(tc.method, withFormat(tc.target, "json"), bodyOrNil(tc.body), "Content-Type", "application/json")
			if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `"success": "false"`) {
				t.Fatalf("%s %s: %d %s", tc.method, tc.target, res.Status, res.Body)
			}
		}
	})
}

func bodyOrNil(b string) any {
	if b == "" {
		return nil
	}
	return b
}

// TestCouponConcurrentRedeem: 50 simultaneous redemptions of one coupon
// succeed exactly once.
func TestCouponConcurrentRedeem(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins int
	)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res := s.Do("POST", "/v1.1/coupon/redeem?format=json", couponRedeemBody("06000041", "447700900000", "race-"+itoa(i), "100"),
				"Content-Type", "application/json", v11.HeaderJSONLists, string(v11.JSONListsAlways))
			if strings.Contains(string(res.Body), `"code": "700"`) {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d redemptions succeeded, want 1", wins)
	}
	v := decode(t, s, "GET", "/v1.1/customer/redemptions", call(t, s, "GET", "/v1.1/customer/redemptions?format=json&mobile=447700900000&type=COUPONS", ""))
	if n := at(v, "response", "customer", 0, "coupons_count"); n != "1" {
		t.Fatalf("coupons_count %v, want 1", n)
	}
}

// FuzzCouponBody: no coupon body, JSON or XML, makes a coupon write panic
// or break the contract (the harness checks every answer).
func FuzzCouponBody(f *testing.F) {
	for _, seed := range []string{
		`{"root":{"coupon":[{"series_id":"832","customer":{"mobile":"447700900000"}}]}}`,
		couponRedeemBody("06000041", "447700900000", "b", "10"),
		`<root><coupon><code>06000041</code><customer><mobile>447700900000</mobile></customer><transaction><number>x</number><amount>-1</amount></transaction></coupon></root>`,
		`{"root":{"coupon":{"code":["a",{"b":1}],"transaction":"","customer":[]}}}`,
	} {
		f.Add(seed)
	}
	s := simtest.Shared(f)
	f.Fuzz(func(t *testing.T, body string) {
		s.T = t
		for _, path := range []string{"/v1.1/coupon/issue", "/v1.1/coupon/redeem"} {
			res := s.Do("POST", path+"?format=json", body)
			if res.Status >= 500 {
				t.Fatalf("%s: HTTP %d\n%s", path, res.Status, res.Body)
			}
		}
	})
}
