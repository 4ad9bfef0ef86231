package v11

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// FuzzTransactionBody feeds transaction/add's body parser any bytes, JSON
// or XML: reading the items (a second root, <element> wrappers), their
// type, and each bill with its figures, line items, payments and fields
// must never panic, and a bill it accepts has a number no longer than
// maxBillNumberLen.
func FuzzTransactionBody(f *testing.F) {
	for _, name := range []string{"transaction_add_sample.json", "transaction_add_sample.xml", "transaction_return_sample.json", "transaction_update_sample.xml"} {
		if b, err := os.ReadFile("testdata/requests/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"root":{"transaction":{"type":"regular","number":"1","amount":"NaN","payment_details":{"payment":{"mode":["A","B"],"value":["1"]}}}}}`))
	f.Add([]byte(`<root><root><transaction><element><line_items><line_item><element/></line_item></line_items></element></transaction></root></root>`))
	org := &simulator.Org{Billing: simulator.Billing{CurrencyRatios: map[string]float64{"USD": 80}}}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest("POST", "/v1.1/transaction/add", strings.NewReader(string(body)))
		r = r.WithContext(simulator.WithRequestInfo(r.Context(), &simulator.RequestInfo{Body: body}))
		items, err := readTransactionItems(r, DefaultBatchLimit)
		if err != nil {
			return
		}
		for _, in := range items {
			if _, kerr := billKind(in); kerr != nil {
				continue
			}
			bill, berr := readBill(in, org, "cm.1", now)
			if berr == nil && len([]rune(bill.Number)) > maxBillNumberLen {
				t.Fatalf("number %q over the limit was accepted", bill.Number)
			}
			_ = org.Billing.CheckBill(&bill, now)
			_, _ = readChange(in)
			_ = transactionEcho(in)(Failed(simulator.Errorf(simulator.CodeTransactionAddFailed)))
		}
	})
}
