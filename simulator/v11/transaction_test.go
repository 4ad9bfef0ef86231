package v11_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

const (
	txnAdd    = "/v1.1/transaction/add?format=json"
	txnUpdate = "/v1.1/transaction/update?format=json"
)

// txnBody returns a root.transaction body of one item with fields.
func txnBody(fields string) string { return `{"root":{"transaction":[{` + fields + `}]}}` }

// tomBill is a regular bill of Tom Sawyer (17742) numbered number for amount.
func tomBill(number, amount string, extra ...string) string {
	f := `"type":"regular","number":"` + number + `","amount":"` + amount + `","billing_time":"2026-11-20 10:00:00","customer":{"mobile":"44700900000"}`
	for _, e := range extra {
		f += "," + e
	}
	return txnBody(f)
}

// txnItem returns the first transaction item of an add or update answer.
func txnItem(t *testing.T, v map[string]any) any {
	t.Helper()
	it := at(v, "response", "transactions", "transaction", 0)
	if it == nil {
		t.Fatalf("no transaction item: %v", v)
	}
	return it
}

func txnCode(t *testing.T, s *simtest.Server, method, target, body string) (string, any) {
	t.Helper()
	v := jsonCall(t, s, method, target, body)
	it := txnItem(t, v)
	code, _ := itemCode(it)
	return code, it
}

// tomPoints returns Tom's loyalty points and lifetime purchases by customer/get.
func tomPoints(t *testing.T, s *simtest.Server) (string, string) {
	t.Helper()
	v := jsonCall(t, s, "GET", "/v1.1/customer/get?mobile=44700900000&format=json", "")
	c := at(v, "response", "customers", "customer", 0)
	return fmt.Sprint(at(c, "loyalty_points")), fmt.Sprint(at(c, "lifetime_purchases"))
}

// TestTransactionEarnAndReturn: a bill earns a point per 100 and adds to
// lifetime purchases; a partial return takes back its share; a second full
// return is refused; customer/transactions shows both bills.
func TestTransactionEarnAndReturn(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	p0, lp0 := tomPoints(t, s)
	code, it := txnCode(t, s, "POST", txnAdd, tomBill("EARN-1", "2550"))
	if code != "600" {
		t.Fatalf("add: %s %v", code, it)
	}
	if got := at(it, "side_effects", "effect", 0, "awarded_points"); got != "25" {
		t.Fatalf("awarded %v, want 25", got)
	}
	p1, lp1 := tomPoints(t, s)
	if diff(t, p0, p1) != 25 || diff(t, lp0, lp1) != 2550 {
		t.Fatalf("points %s -> %s, purchases %s -> %s", p0, p1, lp0, lp1)
	}
	ret := func(typ, extra string) string {
		return txnBody(`"type":"return","return_type":"` + typ + `","number":"EARN-1","billing_time":"2026-11-21","customer":{"mobile":"44700900000"}` + extra)
	}
	if code, it := txnCode(t, s, "POST", txnAdd, ret("AMOUNT", `,"amount":"1020"`)); code != "600" || at(it, "points_deducted") != "10" {
		t.Fatalf("amount return: %s %v", code, it)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, ret("LINE_ITEM", `,"line_items":{"line_item":[{"item_code":"x","qty":"1"}]}`)); code != "632" {
		t.Fatalf("line after amount: %s", code)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, ret("FULL", "")); code != "639" {
		t.Fatalf("full after partial: %s", code)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, ret("AMOUNT", `,"amount":"2000"`)); code != "630" {
		t.Fatalf("more than left: %s", code)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, ret("AMOUNT", `,"amount":"1530"`)); code != "600" {
		t.Fatalf("rest: %s", code)
	}
	p2, _ := tomPoints(t, s)
	if diff(t, p0, p2) != 0 {
		t.Fatalf("points after the whole bill came back: %s, want %s", p2, p0)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, ret("AMOUNT", `,"amount":"1"`)); code != "634" {
		t.Fatalf("returned already: %s", code)
	}
	// A second full return of a bill returned in full.
	txnCode(t, s, "POST", txnAdd, tomBill("EARN-2", "300"))
	full := strings.ReplaceAll(ret("FULL", ""), "EARN-1", "EARN-2")
	if code, _ := txnCode(t, s, "POST", txnAdd, full); code != "600" {
		t.Fatalf("full: %s", code)
	}
	if code, _ := txnCode(t, s, "POST", txnAdd, full); code != "633" {
		t.Fatalf("second full: %s", code)
	}
	v := jsonCall(t, s, "GET", "/v1.1/customer/transactions?mobile=44700900000&number=EARN-1&format=json", "")
	if n := fmt.Sprint(at(v, "response", "customer", 0, "count")); n != "3" {
		t.Fatalf("customer/transactions count %v, want the bill and its two returns", n)
	}
}

func diff(t *testing.T, a, b string) float64 {
	t.Helper()
	var x, y float64
	fmt.Sscan(a, &x)
	fmt.Sscan(b, &y)
	return y - x
}

// TestTransactionAddCodes: each bad item gets its documented code and
// writes nothing.
func TestTransactionAddCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, code string
	}{
		{"non-numeric amount", tomBill("C-1", "12x"), "601"},
		{"no number", txnBody(`"type":"regular","amount":"10","customer":{"mobile":"44700900000"}`), "602"},
		{"duplicate number", tomBill("ANBDCGD", "10"), "604"},
		{"mixed type", txnBody(`"type":"mixed","number":"C-2","amount":"10"`), "605"},
		{"no identifier", txnBody(`"type":"regular","number":"C-3","amount":"10","customer":{"firstname":"X"}`), "606"},
		{"fraud customer", txnBody(`"type":"regular","number":"C-4","amount":"10","customer":{"mobile":"447009500003"}`), "618"},
		{"negative amount", tomBill("C-5", "-1"), "631"},
		{"negative gross", tomBill("C-6", "10", `"gross_amount":"-2"`), "665"},
		{"negative discount", tomBill("C-7", "10", `"discount":"-2"`), "666"},
		{"negative qty", tomBill("C-8", "10", `"line_items":{"line_item":[{"qty":"-1"}]}`), "627"},
		{"negative line amount", tomBill("C-9", "10", `"line_items":{"line_item":[{"amount":"-1"}]}`), "661"},
		{"negative line value", tomBill("C-10", "10", `"line_items":{"line_item":[{"value":"-1"}]}`), "662"},
		{"negative line rate", tomBill("C-11", "10", `"line_items":{"line_item":[{"rate":"-1"}]}`), "663"},
		{"negative line discount", tomBill("C-12", "10", `"line_items":{"line_item":[{"discount_value":"-1"}]}`), "664"},
		{"future date", txnBody(`"type":"regular","number":"C-13","amount":"10","billing_time":"2027-01-01","customer":{"mobile":"44700900000"}`), "643"},
		{"bad date", txnBody(`"type":"regular","number":"C-14","amount":"10","billing_time":"someday","customer":{"mobile":"44700900000"}`), "621"},
		{"unknown currency", tomBill("C-15", "10", `"currency_code":"JPY"`), "682"},
		{"unknown shipping till", tomBill("C-16", "10", `"shipping_source_till_code":"nowhere"`), "671"},
		{"number too long", tomBill(strings.Repeat("n", 51), "10"), "685"},
		{"return without original", txnBody(`"type":"return","number":"NOPE","customer":{"mobile":"44700900000"}`), "624"},
		{"return of an unknown customer", txnBody(`"type":"return","number":"ANBDCGD","customer":{"mobile":"447700900999"}`), "611"},
		{"bad return type", txnBody(`"type":"return","return_type":"HALF","number":"ANBDCGD","customer":{"mobile":"44700900000"}`), "628"},
		{"line return without lines", txnBody(`"type":"return","return_type":"LINE_ITEM","number":"ANBDCGD","customer":{"mobile":"44700900000"}`), "679"},
		{"registration with a bad email", txnBody(`"type":"regular","number":"C-17","amount":"10","customer":{"mobile":"447700900111","email":"nope"}`), "646"},
		{"registration with a bad mobile", txnBody(`"type":"regular","number":"C-18","amount":"10","customer":{"mobile":"12ab"}`), "649"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			p0, lp0 := tomPoints(t, s)
			for _, f := range []string{"json", "xml"} {
				body := tc.body
				if f == "xml" {
					body = jsonToXML(t, body)
				}
				v := jsonCall(t, s, "POST", "/v1.1/transaction/add?format="+f, body)
				it := txnItem(t, v)
				if code, _ := itemCode(it); code != tc.code {
					t.Fatalf("%s: code %s, want %s: %v", f, code, tc.code, it)
				}
				if c, _ := status(v); c != 500 {
					t.Fatalf("%s: status %d, want 500", f, c)
				}
			}
			if p1, lp1 := tomPoints(t, s); p1 != p0 || lp1 != lp0 {
				t.Fatalf("a failed item changed Tom: %s/%s -> %s/%s", p0, lp0, p1, lp1)
			}
		})
	}
}

// TestTransactionConcurrentSameNumber: 50 adds of one bill number at once
// store exactly one.
func TestTransactionConcurrentSameNumber(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var wg sync.WaitGroup
	codes := make([]string, 50)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := s.Do("POST", txnAdd, tomBill("RACE-1", "100"), "Content-Type", "application/json")
			v := res.JSON()
			codes[i], _ = itemCode(at(v, "response", "transactions", "transaction", 0))
		}()
	}
	wg.Wait()
	n := 0
	for _, c := range codes {
		if c == "600" {
			n++
		} else if c != "604" {
			t.Fatalf("code %s", c)
		}
	}
	if n != 1 {
		t.Fatalf("%d adds succeeded, want 1", n)
	}
	v := jsonCall(t, s, "GET", "/v1.1/transaction/get?number=RACE-1&format=json", "")
	if c := at(v, "response", "transactions", "count"); c != 1.0 {
		t.Fatalf("get count %v", c)
	}
}

// TestTransactionNotInterested: a not-interested bill earns nothing and
// reads back by id and number.
func TestTransactionNotInterested(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	code, it := txnCode(t, s, "POST", txnAdd, txnBody(`"type":"not_interested","number":"NI-1","amount":"700","billing_time":"2026-11-20"`))
	if code != "600" {
		t.Fatalf("%s %v", code, it)
	}
	id := fmt.Sprintf("%.0f", at(it, "id"))
	for _, q := range []string{"id=" + id, "number=NI-1"} {
		v := jsonCall(t, s, "GET", "/v1.1/transaction/get?format=json&"+q, "")
		g := at(v, "response", "transactions", "transaction", 0)
		if code, _ := itemCode(g); code != "600" || at(g, "type") != "NOT_INTERESTED" || at(g, "amount") != "700" {
			t.Fatalf("%s: %v", q, g)
		}
	}
}

// TestTransactionGetAndUpdate: a fixture bill reads back; update merges
// fields; the not-found codes.
func TestTransactionGetAndUpdate(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct{ target, code string }{
		{"/v1.1/transaction/get?id=23622808&format=json", "600"},
		{"/v1.1/transaction/get?number=ANBDCGD&format=json", "600"},
		{"/v1.1/transaction/get?id=999&format=json", "620"},
		{"/v1.1/transaction/get?number=BILL7&format=json", "625"},
		{"/v1.1/transaction/get?number=ANBDCGD&mobile=447700999999&format=json", "641"},
		{"/v1.1/transaction/get?number=ANBDCGD&mobile=44700900999&format=json", "680"},
	}
	for _, tc := range tests {
		v := jsonCall(t, s, "GET", tc.target, "")
		if code, _ := itemCode(at(v, "response", "transactions", "transaction", 0)); code != tc.code {
			t.Fatalf("%s: %s, want %s\n%v", tc.target, code, tc.code, v)
		}
	}
	for target, want := range map[string]int{
		"/v1.1/transaction/get?format=json":                       1624,
		"/v1.1/transaction/get?number=A&type=ODD&format=json":     1623,
		"/v1.1/transaction/get?number=A&store_code=x&format=json": 671,
	} {
		if c, _ := status(jsonCall(t, s, "GET", target, "")); c != want {
			t.Fatalf("%s: status %d, want %d", target, c, want)
		}
	}
	upd := func(f string) string { return txnBody(f) }
	cases := []struct{ body, code string }{
		{upd(`"number":"ANBDCGD","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"Bank","value":"SBI"}]}`), "600"},
		{upd(`"customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`), "670"},
		{upd(`"number":"ANBDCGD","custom_fields":{"field":[{"name":"a","value":"b"}]}`), "606"},
		{upd(`"number":"ANBDCGD","customer":{"mobile":"447700999999"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`), "611"},
		{upd(`"id":"123","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`), "667"},
		{upd(`"number":"NOPE","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`), "668"},
		{upd(`"number":"ANBDCGD","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"value":"b"}]}`), "669"},
		{upd(`"number":"ANBDCGD","customer":{"mobile":"44700900000"}`), "609"},
		{upd(`"id":"1","new_type":"REGULAR","customer":{"mobile":"44700900000"}`), "1629"},
	}
	for _, tc := range cases {
		if code, it := txnCode(t, s, "POST", txnUpdate, tc.body); code != tc.code {
			t.Fatalf("%s: %s, want %s: %v", tc.body, code, tc.code, it)
		}
	}
	v := jsonCall(t, s, "GET", "/v1.1/transaction/get?number=ANBDCGD&format=json", "")
	if got := fmt.Sprint(at(v, "response", "transactions", "transaction", 0, "custom_fields")); !strings.Contains(got, "value:SBI") {
		t.Fatalf("custom field after update: %v", got)
	}
}

// transactionCases are the transaction requests whose full responses are
// pinned (testdata/golden/transaction_*), each sent to a fresh namespace in
// both formats after its setup requests (JSON): the reference's samples,
// with what they need first.
var transactionCases = []struct {
	name, method, target string
	setup                []string // bodies POSTed to transaction/add first
	body                 string   // testdata/requests/<body>.<format>
	codes                []string
	xmlCodes             []string // when the XML sample differs (nil: codes)
}{
	{"add_sample", "POST", "/v1.1/transaction/add", nil, "transaction_add_sample", []string{"600"}, nil},
	// The return sample returns the add sample's bill (its parent_bill_number
	// RE123 repaired to BILL99, as its answer shows).
	{"return_sample", "POST", "/v1.1/transaction/add", []string{"add"}, "transaction_return_sample", []string{"600"}, nil},
	{"local_currency_sample", "POST", "/v1.1/transaction/add_with_local_currency", nil, "transaction_local_currency_sample", []string{"600"}, nil},
	// The update sample's BILL-001 is no bill of the fixtures: both of its
	// customers get one first.
	{"update_sample", "POST", "/v1.1/transaction/update", []string{
		txnBody(`"type":"regular","number":"BILL-001","amount":"100","billing_time":"2026-11-01","customer":{"mobile":"44700900999"}`),
		// Another store's till: bill numbers are unique per store.
		"@rr.till " + txnBody(`"type":"regular","number":"BILL-001","amount":"100","billing_time":"2026-11-01","customer":{"mobile":"44700900000"}`),
		// The JSON sample's second item sets nothing (609); the XML one's sets
		// a custom field.
	}, "transaction_update_sample", []string{"600", "609"}, []string{"600", "600"}},
	{"get_fixture_bill", "GET", "/v1.1/transaction/get?number=ANBDCGD&tenders=true&user_id=true", nil, "", []string{"600"}, nil},
	{"get_sample", "GET", "/v1.1/transaction/get?number=BILL7", nil, "", []string{"625"}, nil},
}

func TestTransactionGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range transactionCases {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				s := simtest.Shared(t)
				for _, b := range tc.setup {
					if b == "add" {
						b = sample(t, "transaction_add_sample.json")
					}
					var h []string
					if till, rest, ok := strings.Cut(b, " "); ok && strings.HasPrefix(till, "@") {
						b, h = rest, []string{"X-CAP-API-ATTRIBUTION-ENTITY-CODE", till[1:]}
					}
					if code, _ := itemCode(txnItem(t, decode(t, s, "POST", "/v1.1/transaction/add", call(t, s, "POST", txnAdd, b, h...)))); code != "600" {
						t.Fatalf("setup: %s", code)
					}
				}
				body := ""
				if tc.body != "" {
					body = sample(t, tc.body+"."+f)
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, documented...)
				v := decode(t, s, tc.method, pathOf(tc.target), res)
				var got []string
				l := at(v, "response", "transactions", "transaction")
				if m, ok := l.(map[string]any); ok {
					l = []any{m}
				}
				for _, it := range l.([]any) {
					c, _ := itemCode(it)
					got = append(got, c)
				}
				want := tc.codes
				if f == "xml" && tc.xmlCodes != nil {
					want = tc.xmlCodes
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Fatalf("item codes %v, want %v\n%s", got, want, res.Body)
				}
				golden(t, "transaction_"+tc.name+"."+f, res.Body)
			})
		}
	}
}

// TestTransactionSeenByV2: a v1.1 bill moves what the v2 customer shows.
func TestTransactionSeenByV2(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	purchases := func() float64 {
		var c struct {
			LoyaltyInfo struct {
				LifetimePurchases float64 `json:"lifetimePurchases"`
			} `json:"loyaltyInfo"`
		}
		s.Do("GET", "/v2/customers/17742?source=INSTORE", nil).Decode(t, &c)
		return c.LoyaltyInfo.LifetimePurchases
	}
	before := purchases()
	if code, _ := txnCode(t, s, "POST", txnAdd, tomBill("V2-1", "1200")); code != "600" {
		t.Fatal(code)
	}
	if got := purchases() - before; got != 1200 {
		t.Fatalf("v2 lifetimePurchases moved by %v, want 1200", got)
	}
}
