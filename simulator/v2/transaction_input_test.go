package v2

import (
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// FuzzTransactionInput feeds arbitrary bodies to the transaction body
// parser, as a single add and as a bulk: it may refuse any of them with an
// error, but never panic, and a bill it takes has a type, a number and
// finite figures.
func FuzzTransactionInput(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `[{}]`, `null`, `"x"`,
		`{"type":"REGULAR","billNumber":"b","billAmount":"4800.0","discount":"10","lineItemsV2":[{"itemCode":"a","amount":100.5,"qty":1,"type":"RETURN","parentBillNumber":"p"}]}`,
		`{"type":"RETURN","billNumber":"ANBDCGD","returnType":"LINE_ITEM","lineItemsV2":[{"itemCode":"SKU-1002","qty":"1e309"}]}`,
		`{"type":"not_interested","billNumber":"x","billAmount":"NaN","lineItemsV2":[{"serial":"-1","returnable":"maybe","returnableDays":"-4"}],"paymentModes":[{}]}`,
		`[{"identifierType":"mobile","identifierValue":919740000000,"source":"instore","type":"REGULAR","billNumber":1,"billAmount":2,"extendedFields":{"gender":1}}]`} {
		f.Add([]byte(seed))
	}
	org := &simulator.Org{Billing: simulator.Billing{ExtendedFields: []string{"ship_first_name"}},
		Tills: []simulator.Till{{Code: "cm.1", StoreCode: "store.code"}}}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	cust := &billCustomer{name: "mobile", value: "44700900000", src: simulator.SourceInstore}
	check := func(t *testing.T, br *billRequest) {
		if br.typ == "" || br.bill.Number == "" || br.bill.Amount != br.bill.Amount {
			t.Fatalf("took a bill without type, number or amount: %+v", br)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if in, err := decodeTransaction(body); err == nil {
			if br, err := newBill(org, in, cust, now, "cm.1"); err == nil {
				check(t, br)
			}
		}
		list, err := decodeBulk(body)
		if err != nil {
			return
		}
		for _, raw := range list {
			if in, err := decodeTransaction(raw); err == nil {
				if br, err := newBill(org, in, nil, now, "cm.1"); err == nil {
					check(t, br)
				}
			}
		}
	})
}
