package v2_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/simtest"
	v2 "github.com/capsim/capsim/simulator/v2"
)

// TestTransactionAddCodes drives the codes of POST /v2/transactions: each
// bad input gets 007's code, a message naming the field, and stores nothing
// (Tom's v1.1 transactions are unchanged).
func TestTransactionAddCodes(t *testing.T) {
	t.Parallel()
	joe := "?source=INSTORE&identifierName=mobile&identifierValue=447009500003" // marked as fraud
	line := func(f string) string { return `,"lineItemsV2":[{"itemCode":"a",` + f + `}]` }
	tests := []struct {
		name, query, body string
		status            int
		errs, warns       []int
		detail            string // in the first message
	}{
		{"a good bill", tomQuery, bill("c-1", 200, ""), 200, nil, nil, ""},
		{"amount as a string", tomQuery, bill("c-1", "200.50", ""), 200, nil, nil, ""},
		{"non-numeric amount", tomQuery, bill("c-1", "abc", ""), 400, []int{601}, nil, `billAmount "abc" is not a number`},
		{"amount an object", tomQuery, `{"type":"REGULAR","billNumber":"c-1","billAmount":{"v":1}}`, 400, []int{400}, nil, "billAmount"},
		{"no amount", tomQuery, `{"type":"REGULAR","billNumber":"c-1"}`, 400, []int{601}, nil, "billAmount is required"},
		{"negative amount", tomQuery, bill("c-1", -5, ""), 400, []int{631}, nil, "amount -5 is negative"},
		{"negative gross", tomQuery, bill("c-1", 5, `,"grossAmount":"-1"`), 400, []int{665}, nil, "gross_amount -1"},
		{"negative discount", tomQuery, bill("c-1", 5, `,"discount":-1`), 400, []int{666}, nil, "discount -1"},
		{"negative qty", tomQuery, bill("c-1", 5, line(`"qty":-1`)), 400, []int{627}, nil, "qty -1"},
		{"negative line amount", tomQuery, bill("c-1", 5, line(`"amount":-1`)), 400, []int{661}, nil, "amount -1"},
		{"negative line value", tomQuery, bill("c-1", 5, line(`"value":-1`)), 400, []int{662}, nil, "value -1"},
		{"negative line rate", tomQuery, bill("c-1", 5, line(`"rate":-1`)), 400, []int{663}, nil, "rate -1"},
		{"negative line discount", tomQuery, bill("c-1", 5, line(`"discount":-1`)), 400, []int{664}, nil, "discount -1"},
		{"non-numeric line qty", tomQuery, bill("c-1", 5, line(`"qty":"two"`)), 400, []int{601}, nil, `lineItemsV2[0].qty "two"`},
		{"no bill number", tomQuery, `{"type":"REGULAR","billAmount":5}`, 400, []int{602}, nil, "billNumber is required"},
		{"no type", tomQuery, `{"billNumber":"c-1","billAmount":5}`, 400, []int{605}, nil, "type is required"},
		{"unknown type", tomQuery, `{"type":"GIFT","billNumber":"c-1","billAmount":5}`, 400, []int{605}, nil, `type "GIFT"`},
		{"reused bill number (store scope)", tomQuery, bill("ANBDCGD", 5, ""), 400, []int{604}, nil, "bill 23622808"},
		{"no identifier", "?source=INSTORE", bill("c-1", 5, ""), 400, []int{606}, nil, `"identifierName" is required`},
		{"no source", "?identifierName=mobile&identifierValue=44700900000", bill("c-1", 5, ""), 400, []int{606}, nil, `"source" is required`},
		{"unknown source", "?source=MOON&identifierName=mobile&identifierValue=44700900000", bill("c-1", 5, ""), 400, []int{8003}, nil, `"MOON"`},
		{"unknown customer", "?source=INSTORE&identifierName=mobile&identifierValue=10000000001", bill("c-1", 5, ""), 400, []int{8015}, nil, "10000000001"},
		{"unknown identifier name", "?source=INSTORE&identifierName=shoe&identifierValue=1", bill("c-1", 5, ""), 400, []int{8015}, nil, "shoe"},
		{"customer in another source only", "?source=ECOMMERCE&identifierName=mobile&identifierValue=44700900000", bill("c-1", 5, ""), 400, []int{8015}, nil, "ECOMMERCE"},
		{"customer marked as fraud", joe, bill("c-1", 5, ""), 400, []int{3045}, nil, ""},
		{"a day and a half ahead", tomQuery, bill("c-1", 5, `,"billingDate":"2026-11-25T00:00:00Z"`), 400, []int{643}, nil, "billing_time"},
		{"a date that is none", tomQuery, bill("c-1", 5, `,"billingDate":"yesterday"`), 400, []int{621}, nil, `billingDate "yesterday"`},
		{"unknown delivery status", tomQuery, bill("c-1", 5, `,"deliveryStatus":"LOST"`), 400, []int{1636}, nil, `"LOST"`},
		{"currency without a ratio", tomQuery, bill("c-1", 5, `,"currencyCode":"JPY"`), 400, []int{1102}, nil, "JPY"},
		{"note too long", tomQuery, bill("c-1", 5, `,"note":"`+strings.Repeat("n", 256)+`"`), 400, []int{685}, nil, "note"},
		{"unknown extended field (a warning)", tomQuery, bill("c-1", 5, `,"extendedFields":{"gender":"x","ship_first_name":"Sam"}`), 200, nil, []int{91016}, ""},
		{"nameless custom field (a warning)", tomQuery, bill("c-1", 5, `,"customFields":{" ":"x"}`), 200, nil, []int{669}, ""},
		{"returnableDays under -1 (a warning)", tomQuery, bill("c-1", 5, line(`"returnableDays":-2`)), 200, nil, []int{1105}, ""},
		{"return of a bill the customer lacks", tomQuery, `{"type":"RETURN","returnType":"FULL","billNumber":"nothing"}`, 400, []int{625}, nil, "nothing"},
		{"not-interested return", tomQuery, `{"type":"NOT_INTERESTED_RETURN","billNumber":"x","billAmount":1}`, 400, []int{673}, nil, ""},
		{"malformed body", tomQuery, `{"type":`, 400, []int{400}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			before := v11Transactions(t, s, "44700900000")
			res := s.Do("POST", txnPath+tc.query, tc.body)
			simtest.ExpectCodes(t, res, tc.status, tc.errs, tc.warns)
			if tc.detail != "" && !strings.Contains(firstMessage(res), tc.detail) {
				t.Fatalf("the message must say %q: %s", tc.detail, res.Body)
			}
			after := v11Transactions(t, s, "44700900000")
			stored := len(after) - len(before)
			if want := map[bool]int{true: 1, false: 0}[tc.status == 200 && tc.query == tomQuery]; stored != want {
				t.Fatalf("%d bills stored, want %d", stored, want)
			}
		})
	}
}

// TestTransactionReturns: a v2 return takes back what the returned part
// earned, through the same model as v1.1, and the return types do not mix.
func TestTransactionReturns(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	add := func(body string) *simtest.Response { return s.Do("POST", txnPath+tomQuery, body) }
	points := func() float64 {
		var body struct {
			LoyaltyInfo struct{} `json:"loyaltyInfo"`
			Points      struct {
				LoyaltyPoints float64 `json:"loyaltyPoints"`
			} `json:"pointsSummary"`
		}
		s.Do("GET", "/v2/customers/17742?source=INSTORE&embed=points", nil).Decode(t, &body)
		return body.Points.LoyaltyPoints
	}
	start := points()
	simtest.ExpectCodes(t, add(bill("r-1", 1000, `,"lineItemsV2":[{"itemCode":"a","amount":600,"qty":2},{"itemCode":"b","amount":400,"qty":1}]`)), 200, nil, nil)
	if got := points(); got != start+10 {
		t.Fatalf("points %v after a bill of 1000, want %v", got, start+10)
	}
	ret := add(`{"type":"RETURN","returnType":"LINE_ITEM","billNumber":"r-1","lineItemsV2":[{"itemCode":"a","qty":1}]}`)
	simtest.ExpectCodes(t, ret, 200, nil, nil)
	var body addTxnResponse
	ret.Decode(t, &body)
	if len(body.SideEffects) != 1 || body.SideEffects[0].RawAwardedPoints != -3 {
		t.Fatalf("a return of 300 of 1000 takes back 3 points: %s", ret.Body)
	}
	for _, tc := range []struct {
		name, body string
		code       int
	}{
		{"AMOUNT after LINE_ITEM", `{"type":"RETURN","returnType":"AMOUNT","billNumber":"r-1","billAmount":100}`, 635},
		{"FULL after a part", `{"type":"RETURN","returnType":"FULL","billNumber":"r-1"}`, 639},
		{"more of a line than is left", `{"type":"RETURN","returnType":"LINE_ITEM","billNumber":"r-1","lineItemsV2":[{"itemCode":"a","qty":2}]}`, 629},
		{"a line the bill lacks", `{"type":"RETURN","returnType":"LINE_ITEM","billNumber":"r-1","lineItemsV2":[{"itemCode":"z","qty":1}]}`, 688},
		{"an unknown return type", `{"type":"RETURN","returnType":"HALF","billNumber":"r-1"}`, 1634},
	} {
		t.Run(tc.name, func(t *testing.T) {
			simtest.ExpectCodes(t, add(tc.body), 400, []int{tc.code}, nil)
		})
	}
	simtest.ExpectCodes(t, add(bill("r-2", 500, "")), 200, nil, nil)
	simtest.ExpectCodes(t, add(`{"type":"RETURN","returnType":"FULL","billNumber":"r-2"}`), 200, nil, nil)
	simtest.ExpectCodes(t, add(`{"type":"RETURN","returnType":"FULL","billNumber":"r-2"}`), 400, []int{633}, nil)
	simtest.ExpectCodes(t, add(bill("r-3", 500, `,"lineItemsV2":[{"itemCode":"a","amount":500,"qty":1}]`)), 200, nil, nil)
	simtest.ExpectCodes(t, add(`{"type":"RETURN","returnType":"AMOUNT","billNumber":"r-3","billAmount":100}`), 200, nil, nil)
	simtest.ExpectCodes(t, add(`{"type":"RETURN","returnType":"LINE_ITEM","billNumber":"r-3","lineItemsV2":[{"itemCode":"a","qty":1}]}`), 400, []int{632}, nil)
	simtest.ExpectCodes(t, add(`{"type":"RETURN","returnType":"AMOUNT","billNumber":"r-3","billAmount":500}`), 400, []int{630}, nil)
	if got := points(); got != start+10-3+5-1 {
		t.Fatalf("points %v, want %v", got, start+11)
	}
}

// TestTransactionBulkCodes: the bulk body must be a list of at most 100, and
// each bill fails alone.
func TestTransactionBulkCodes(t *testing.T) {
	t.Parallel()
	item := func(number string) string {
		return `{"identifierType":"mobile","identifierValue":"44700900000","source":"INSTORE","type":"REGULAR","billNumber":"` + number + `","billAmount":"10"}`
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = item(fmt.Sprint("m-", i))
	}
	tests := []struct {
		name, body string
		status     int
		errs       []int
	}{
		{"an object, not a list", item("b-1"), 400, []int{615}},
		{"an empty list", `[]`, 400, []int{615}},
		{"over the batch limit", "[" + strings.Join(many, ",") + "]", 400, []int{672}},
		{"items without identifiers fail alone", `[{"type":"REGULAR","billNumber":"b-1","billAmount":"1"},` + item("b-2") + `]`, 200, nil},
		{"a not-interested bill of nobody", `[{"type":"NOT_INTERESTED","billNumber":"ni-1","billAmount":"1"}]`, 200, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			before := len(v11Transactions(t, s, "44700900000"))
			res := s.Do("POST", bulkPath, tc.body)
			simtest.ExpectCodes(t, res, tc.status, tc.errs, nil)
			if tc.status != 200 && len(v11Transactions(t, s, "44700900000")) != before {
				t.Fatalf("a refused bulk stored bills")
			}
		})
	}
	t.Run("a bill number twice in one bulk", func(t *testing.T) {
		s := simtest.Shared(t)
		var br bulkTxnResponse
		s.Do("POST", bulkPath, "["+item("dup-1")+","+item("dup-1")+"]").Decode(t, &br)
		if br.FailureCount != 1 || len(br.Response[1].Errors) != 1 || br.Response[1].Errors[0].Code != 604 {
			t.Fatalf("the second dup-1 is 604: %+v", br)
		}
	})
}

// TestTransactionReadAndUpdate covers get, earning and update: a v1.1 bill
// is readable through v2, and the codes of a bill that is not there.
func TestTransactionReadAndUpdate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, target, body string
		status                     int
		errs                       []int
	}{
		{"get a fixture bill", "GET", txnPath + "/23622808", "", 200, nil},
		{"get as another type", "GET", txnPath + "/23622808?type=RETURN", "", 400, []int{500}},
		{"get an unknown type", "GET", txnPath + "/23622808?type=GIFT", "", 400, []int{1623}},
		{"get an unknown id", "GET", txnPath + "/99", "", 400, []int{500}},
		{"get an id that is none", "GET", txnPath + "/abc", "", 400, []int{620}},
		{"earning of an unknown id", "GET", "/v2/earning/99", "", 400, []int{500}},
		{"update by number", "PUT", txnPath + "?identifierName=mobile&identifierValue=44700900000&source=INSTORE", `{"number":"ANBDCGD","deliveryStatus":"delivered"}`, 200, nil},
		{"update without id or number", "PUT", txnPath + "?identifierName=id&identifierValue=17742", `{"deliveryStatus":"PLACED"}`, 400, []int{670}},
		{"update another customer's bill", "PUT", txnPath + "?identifierName=id&identifierValue=329", `{"id":23622808}`, 400, []int{667}},
		{"update a number the customer lacks", "PUT", txnPath + "?identifierName=id&identifierValue=17742", `{"number":"nope"}`, 400, []int{668}},
		{"update with a bad id", "PUT", txnPath + "?identifierName=id&identifierValue=17742", `{"id":"x"}`, 400, []int{620}},
		{"update with a bad status", "PUT", txnPath + "?identifierName=id&identifierValue=17742", `{"id":23622808,"deliveryStatus":"LOST"}`, 400, []int{1636}},
		{"update without a customer", "PUT", txnPath, `{"id":23622808}`, 400, []int{606}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			var body any
			if tc.body != "" {
				body = tc.body
			}
			simtest.ExpectCodes(t, s.Do(tc.method, tc.target, body), tc.status, tc.errs, nil)
		})
	}
	t.Run("an update shows in the get", func(t *testing.T) {
		s := simtest.Shared(t)
		q := txnPath + "?identifierName=id&identifierValue=17742"
		simtest.ExpectCodes(t, s.Do("PUT", q, `{"id":23622808,"deliveryStatus":"SHIPPED","extendedFields":{"ship_first_name":"Tom"}}`), 200, nil, nil)
		var got struct {
			DeliveryStatus string
			ExtendedFields map[string]string
		}
		s.Do("GET", txnPath+"/23622808", nil).Decode(t, &got)
		if got.DeliveryStatus != "SHIPPED" || got.ExtendedFields["ship_first_name"] != "Tom" {
			t.Fatalf("get after update: %+v", got)
		}
	})
}

// TestTransactionOneState: points, lifetime purchases and tiers agree
// whichever API reads them after a v2 bill; a v2 bill crossing the Gold
// threshold upgrades the customer.
func TestTransactionOneState(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	simtest.ExpectCodes(t, s.Do("POST", txnPath+"?source=INSTORE&identifierName=id&identifierValue=98662653", bill("tier-1", 12000, "")), 200, nil, nil)
	res := s.Do("GET", "/v1.1/customer/get?format=json&mobile=919740000000", nil)
	for _, want := range []string{`"loyalty_points": 120,`, `"lifetime_purchases": 12000,`, `"current_slab": "Gold"`} {
		if !strings.Contains(string(res.Body), want) {
			t.Fatalf("v1.1 get lacks %s:\n%s", want, res.Body)
		}
	}
	var ld struct {
		Data []struct {
			LoyaltyPoints       float64
			CumulativePurchases float64
			CurrentSlab         string
		}
	}
	s.Do("GET", "/v2/customers/98662653/loyaltyDetails", nil).Decode(t, &ld)
	if len(ld.Data) == 0 || ld.Data[0].LoyaltyPoints != 120 || ld.Data[0].CumulativePurchases != 12000 || ld.Data[0].CurrentSlab != "Gold" {
		t.Fatalf("v2 loyaltyDetails: %+v", ld)
	}
}

// TestReasonCodes: every reason of the earning model has a v2 code, and
// each code is one the v2 API writes.
func TestReasonCodes(t *testing.T) {
	t.Parallel()
	for r := simulator.ReasonBadAmount; r <= simulator.ReasonTooManyBills; r++ {
		e := v2.V2ReasonError(&simulator.Refusal{Reason: r, Detail: "x"})
		if e.Code == simulator.CodeTransactionAddFailed {
			t.Errorf("reason %d has no code in reasonCodes", r)
		}
		if e.Code.Info().APIs&simulator.V2 == 0 {
			t.Errorf("reason %d maps to %s, which v2 does not write", r, e.Code)
		}
	}
}

// firstMessage returns the message of the first error (or warning) of a v2 answer.
func firstMessage(res *simtest.Response) string {
	var env struct {
		Errors, Warnings []struct{ Message string }
	}
	_ = json.Unmarshal(res.Body, &env)
	for _, l := range [][]struct{ Message string }{env.Errors, env.Warnings} {
		if len(l) > 0 {
			return l[0].Message
		}
	}
	return ""
}
