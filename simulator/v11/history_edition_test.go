package v11_test

import (
	"fmt"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestTransactionsLaterEdition: customer/transactions carries 008's fields
// (the customer's total_available_points, each transaction's store by name
// and store_code) in the default type mode, in JSON and XML, and none of
// them in documented mode, whose store is the code as 001's sample has it.
func TestTransactionsLaterEdition(t *testing.T) {
	t.Parallel()
	target := "/v1.1/customer/transactions?mobile=44700900000&store_code=storecode&limit=1"
	for _, f := range []string{"json", "xml"} {
		for _, mode := range []string{"observed", "documented"} {
			t.Run(f+" "+mode, func(t *testing.T) {
				s := simtest.Shared(t)
				var headers []string
				if mode == "documented" {
					headers = documented
				}
				res := call(t, s, "GET", withFormat(target, f), "", headers...)
				items := historyItems(decode(t, s, "GET", "/v1.1/customer/transactions", res))
				if len(items) != 1 {
					t.Fatalf("items: %s", res.Body)
				}
				item := items[0]
				tx := list(item, "transactions", "transaction")
				if one, ok := at(item, "transactions", "transaction").(map[string]any); ok {
					tx = []any{one} // documented lists: one transaction is an object
				}
				if len(tx) != 1 {
					t.Fatalf("transactions %v", at(item, "transactions"))
				}
				store, code := at(tx[0], "store"), at(tx[0], "store_code")
				avail, loyalty := at(item, "total_available_points"), at(item, "loyalty_points")
				if mode == "documented" {
					if store != "storecode" || code != nil || avail != nil || at(item, "total_returned_points") != nil {
						t.Fatalf("documented: store %v store_code %v total_available_points %v", store, code, avail)
					}
					return
				}
				if store != "My store" || code != "storecode" {
					t.Fatalf("store %v store_code %v, want My store and storecode", store, code)
				}
				if fmt.Sprint(avail) != fmt.Sprint(loyalty) || avail == nil {
					t.Fatalf("total_available_points %v, want loyalty_points %v", avail, loyalty)
				}
				for _, k := range []string{"delayed_points", "delayed_returned_points", "total_returned_points"} {
					if at(item, k) == nil {
						t.Fatalf("no %s", k)
					}
				}
			})
		}
	}
}
