package v11_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// historySample returns a function that reads the sample body name in the
// format asked for, from testdata/requests/history_<name>_sample.<format>.
func historySample(name string) func(t *testing.T, f string) string {
	return func(t *testing.T, f string) string { return sample(t, "history_"+name+"_sample."+f) }
}

// historyCases are the history requests whose full responses are pinned
// (testdata/golden/history_*), each sent to a fresh simulator in both
// formats: the reference's sample requests, and a read of every operation.
// The samples' bodies are the reference's, except the referral sample's
// masked mobile (9174116390xx), which Tom Sawyer's replaces; the referral
// read's sample (9197407983xx) is masked too and has no case.
var historyCases = []batchCase{
	{"transactions_sample", "GET", "/v1.1/customer/transactions?mobile=44700900000&start_date=2016-12-21+23:45:45&end_date=2016-12-29+12:11:45", nil, []string{"1052"}},
	{"transactions_batch_options", "GET", "/v1.1/customer/transactions?mobile=44700900000,44700900888,4470090345&limit=2&sort=trans_id&order=asc&custom_fields=true&credit_notes=true&user_id=true", nil, []string{"1052", "1052", "1012"}},
	{"redemptions_sample", "GET", "/v1.1/customer/redemptions?mobile=44700900000", nil, []string{"1000"}},
	{"redemptions_user_id", "GET", "/v1.1/customer/redemptions?id=387020208&user_id=true&type=POINTS", nil, []string{"1000"}},
	{"notes_add_sample", "POST", "/v1.1/customer/notes", historySample("notes"), []string{"1000"}},
	{"notes_get_sample", "GET", "/v1.1/customer/notes?identifier=44700900999&associate_id=234", nil, []string{"1000"}},
	{"coupons_sample", "GET", "/v1.1/customer/coupons?mobile=44700900990", nil, []string{"1000"}},
	{"coupons", "GET", "/v1.1/customer/coupons?mobile=44700900999,44700900000&status=active;redeemed", nil, []string{"1000", "1000"}},
	{"tickets_add_sample", "POST", "/v1.1/customer/tickets", historySample("tickets"), []string{"1300"}},
	{"tickets_get", "GET", "/v1.1/customer/tickets?mobile=44700900999", nil, []string{"1300"}},
	// The reference's tickets read names no customer: the request fails (400).
	{"tickets_get_sample", "GET", "/v1.1/customer/tickets", nil, []string{}},
	{"referrals_add_sample", "POST", "/v1.1/customer/referrals", historySample("referrals"), []string{"1000"}},
	{"referrals_get", "GET", "/v1.1/customer/referrals?mobile=44700900000&campaign_token=12511", nil, []string{"1000"}},
	{"preferences_set_sample", "POST", "/v1.1/customer/preferences", historySample("preferences"), []string{"1000"}},
	{"preferences_get_sample", "GET", "/v1.1/customer/preferences?mobile=44700900000", nil, []string{"1000"}},
	{"interaction_sample", "GET", "/v1.1/customer/interaction?mobile=44700900000", nil, []string{"1000"}},
	{"subscriptions_set_sample", "POST", "/v1.1/customer/subscriptions", historySample("subscriptions"), []string{"1000", "1000"}},
	{"subscriptions_get_sample", "GET", "/v1.1/customer/subscriptions?mobile=447700900000", nil, []string{"1000"}},
	{"subscriptions_get", "GET", "/v1.1/customer/subscriptions?mobile=44700900000,44700900999&priority=TRANS", nil, []string{"1000", "1000"}},
}

// pathOf returns target without its query.
func pathOf(target string) string {
	if i := strings.IndexByte(target, '?'); i >= 0 {
		return target[:i]
	}
	return target
}

// historyItems returns the items of a history response, wherever the
// operation puts them: response.customer, response.customers.customer or
// response.subscriptions.subscription (one object when the documented JSON
// writes a single item so).
func historyItems(v map[string]any) []any {
	return itemsAt(v, []any{"response", "customer"}, []any{"response", "customers", "customer"}, []any{"response", "subscriptions", "subscription"})
}

// itemsAt returns the items of v at the first of paths that holds any: a
// list, or one object (a list of one the documented JSON writes so).
func itemsAt(v map[string]any, paths ...[]any) []any {
	for _, path := range paths {
		switch l := at(v, path...).(type) {
		case []any:
			return l
		case map[string]any:
			return []any{l}
		}
	}
	return nil
}

// itemCodes returns the item_status code of every item.
func itemCodes(v map[string]any) []string { return codesOf(historyItems(v)) }

func TestHistoryGolden(t *testing.T) { goldenBatch(t, "history_", historyCases, historyItems) }

// batchCase is one request whose full response is pinned in both formats
// (testdata/golden/<prefix><name>.<format>) with the item codes it must get.
type batchCase struct {
	name, method, target string
	body                 func(t *testing.T, format string) string
	codes                []string // the item codes every sample must get
}

// goldenBatch sends each case to a fresh namespace in JSON and in XML, in
// the documented JSON modes, checks the item codes of the items that items
// finds and compares the body with its golden file.
func goldenBatch(t *testing.T, prefix string, cases []batchCase, items func(map[string]any) []any) {
	for _, tc := range cases {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, f)
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, documented...)
				if got := codesOf(items(decode(t, s, tc.method, pathOf(tc.target), res))); !reflect.DeepEqual(got, tc.codes) {
					t.Fatalf("item codes %v, want %v\n%s", got, tc.codes, res.Body)
				}
				golden(t, prefix+tc.name+"."+f, res.Body)
			})
		}
	}
}

// codesOf returns the item_status code of every item.
func codesOf(items []any) []string {
	out := []string{}
	for _, it := range items {
		c, _ := itemCode(it)
		out = append(out, c)
	}
	return out
}

// TestHistoryParity sends every history request in JSON and in XML (body and
// response) to two fresh simulators: the values must be the same.
func TestHistoryParity(t *testing.T) {
	t.Parallel()
	for _, tc := range historyCases {
		t.Run(tc.name, func(t *testing.T) {
			var got [2]map[string]any
			for i, f := range []string{"json", "xml"} {
				s := simtest.Shared(t)
				body := ""
				if tc.body != nil {
					body = tc.body(t, f)
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, numbers...)
				got[i] = decode(t, s, tc.method, pathOf(tc.target), res)
			}
			if !reflect.DeepEqual(emptyAsText(got[0]), emptyAsText(got[1])) {
				a, _ := json.MarshalIndent(got[0], "", " ")
				b, _ := json.MarshalIndent(got[1], "", " ")
				t.Fatalf("JSON and XML differ\nJSON:\n%s\nXML:\n%s", a, b)
			}
		})
	}
}
