package v2_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/simtest"
)

// ritaID is Rita John, who holds coupons of series 833 and 834 in the fixtures.
const ritaID = "387020208"

type couponsBody struct {
	Entity []struct {
		ID              int64  `json:"id"`
		SeriesID        int64  `json:"seriesId"`
		Code            string `json:"code"`
		IssuedTo        int64  `json:"issuedTo"`
		Redeemed        bool   `json:"redeemed"`
		IsRedeemed      bool   `json:"isRedeemed"`
		RedemptionsLeft int    `json:"redemptionsLeft"`
		IssuedOn        string `json:"issuedOn"`
		RedemptionInfo  []struct {
			TransactionNumber string `json:"transactionNumber"`
		} `json:"redemptionInfo"`
		Series *struct {
			ID int64 `json:"id"`
		} `json:"series"`
	} `json:"entity"`
	Warnings []any `json:"warnings"`
	Errors   []any `json:"errors"`
	Success  bool  `json:"success"`
}

func coupons(t *testing.T, s *simtest.Server, target string) couponsBody {
	t.Helper()
	var body couponsBody
	get(t, s, target, &body)
	if !body.Success || body.Warnings == nil || body.Errors == nil || len(body.Errors) != 0 {
		t.Fatalf("envelope of %s: success %v warnings %v errors %v", target, body.Success, body.Warnings, body.Errors)
	}
	return body
}

// TestCustomerCoupons lists a customer's coupons from the domain's state:
// the fixtures', one issued through v1.1 coupon/issue, and one redeemed
// through v1.1 coupon/redeem, each filter of status, and the codes' case.
func TestCustomerCoupons(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	base := "/v2/customers/" + ritaID + "/coupons"
	before := coupons(t, s, base)
	if len(before.Entity) == 0 {
		t.Fatalf("Rita has no coupons in the fixtures")
	}
	issue := s.Do("POST", "/v1.1/coupon/issue?format=json", `{"root":{"coupon":[{"series_id":"834","customer":{"mobile":"44700900999"}}]}}`)
	code := strings.ToUpper(jsonString(t, issue.Body, "response", "coupon", "code"))
	if code == "" {
		t.Fatalf("coupon/issue: %s", issue.Body)
	}
	redeem := s.Do("POST", "/v1.1/coupon/redeem?format=json", `{"root":{"coupon":[{"code":"`+code+
		`","customer":{"mobile":"44700900999"},"transaction":[{"number":"v2-coupons-1","amount":"900"}]}]}}`)
	if !strings.Contains(string(redeem.Body), `"700"`) {
		t.Fatalf("coupon/redeem: %s", redeem.Body)
	}
	all := coupons(t, s, base)
	if got, want := len(all.Entity), len(before.Entity)+1; got != want {
		t.Fatalf("%d coupons after an issue, want %d", got, want)
	}
	// Series 834 redeems each coupon three times.
	if all.Entity[0].Code != code || !all.Entity[0].Redeemed || !all.Entity[0].IsRedeemed ||
		all.Entity[0].RedemptionsLeft != 2 || len(all.Entity[0].RedemptionInfo) != 1 ||
		all.Entity[0].RedemptionInfo[0].TransactionNumber != "v2-coupons-1" {
		t.Fatalf("newest coupon %+v, want %s redeemed on v2-coupons-1", all.Entity[0], code)
	}
	for i, c := range all.Entity {
		if c.IssuedTo != 387020208 || c.Series == nil || c.Series.ID != c.SeriesID {
			t.Fatalf("coupon %d: issuedTo %d series %+v", i, c.IssuedTo, c.Series)
		}
		if i > 0 && issued(t, c.IssuedOn).After(issued(t, all.Entity[i-1].IssuedOn)) {
			t.Fatalf("not newest first: %s after %s", c.IssuedOn, all.Entity[i-1].IssuedOn)
		}
	}
	codesOf := func(b couponsBody) []string {
		out := []string{}
		for _, c := range b.Entity {
			out = append(out, c.Code)
		}
		return out
	}
	unredeemed, redeemable := []string{}, []string{code}
	for _, c := range all.Entity {
		if !c.Redeemed {
			unredeemed = append(unredeemed, c.Code)
			redeemable = append(redeemable, c.Code)
		}
	}
	tests := []struct {
		name, query string
		want        []string
	}{
		{"redeemed", "?status=REDEEMED", []string{code}},
		{"active redeemed, any case", "?status=active_Redeemed", []string{code}},
		{"unredeemed", "?status=UNREDEEMED", unredeemed},
		{"redeemable: unredeemed, and the one with redemptions left", "?status=REDEEMABLE", redeemable},
		{"either of two", "?status=REDEEMED,UNREDEEMED", codesOf(all)},
		{"expired", "?status=EXPIRED,EXPIRED_REDEEMED,EXPIRED_UNREDEEMED", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := codesOf(coupons(t, s, base+tc.query)); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("codes %v, want %v", got, tc.want)
			}
		})
	}
	lower := coupons(t, s, base+"?coupon_code_case=lower")
	for i, c := range lower.Entity {
		if c.Code != strings.ToLower(all.Entity[i].Code) {
			t.Fatalf("coupon_code_case=lower: %q", c.Code)
		}
	}
}

// TestCustomerCouponsCodes: the customer's codes, and bad filters.
func TestCustomerCouponsCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000013")
	mergeInto(t, s, victim, 17742)
	tests := []struct {
		name, target string
		code         int
	}{
		{"merged victim", "/v2/customers/" + strconv.FormatInt(victim, 10) + "/coupons", codeMerged},
		{"unknown customer", "/v2/customers/999999999/coupons", codeNotFound},
		{"unknown status", "/v2/customers/" + ritaID + "/coupons?status=USED", codeInvalidInput},
		{"unknown case", "/v2/customers/" + ritaID + "/coupons?coupon_code_case=title", codeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			simtest.ExpectCodes(t, s.Do("GET", tc.target, nil), 400, []int{tc.code}, nil)
		})
	}
	fresh := addCustomer(t, s, "New", "Comer", "447770000014")
	if got := coupons(t, s, "/v2/customers/"+strconv.FormatInt(fresh, 10)+"/coupons"); len(got.Entity) != 0 {
		t.Fatalf("a new customer's coupons: %+v", got.Entity)
	}
}

// jsonString returns the value at path in a JSON body, taking the first
// element of any list on the way ("" when there is none).
func jsonString(t *testing.T, body []byte, path ...string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	for _, k := range path {
		if l, ok := v.([]any); ok && len(l) > 0 {
			v = l[0]
		}
		m, _ := v.(map[string]any)
		v = m[k]
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func issued(t *testing.T, v string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t.Fatalf("issuedOn %q: %v", v, err)
	}
	return at
}
