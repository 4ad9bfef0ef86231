package v11_test

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// jsonCall sends a request asking for JSON and returns the decoded body.
func jsonCall(t *testing.T, s *simtest.Server, method, target, body string) map[string]any {
	t.Helper()
	return decode(t, s, method, pathOf(target), call(t, s, method, withFormat(target, "json"), body))
}

// TestHistoryCodes sends each operation the situation a documented code
// answers and checks the request status and every item's code.
func TestHistoryCodes(t *testing.T) {
	t.Parallel()
	sub := func(fields string) string { return `{"root":{"subscription":[{` + fields + `}]}}` }
	tom := `"mobile":"44700900000"`
	ticket := func(fields string) string {
		return `{"root":{"customer":[{"mobile":"44700900999","ticket":{` + fields + `}}]}}`
	}
	referral := func(token, typ, identifier string) string {
		return `{"root":{"customer":{"mobile":"44700900000","referrals":{"campaign_token":"` + token +
			`","referral_type":{"type":"` + typ + `","referral":{"name":"X","identifier":"` + identifier + `"}}}}}}`
	}
	tests := []struct {
		name, method, target, body string
		status                     int
		codes                      []string
	}{
		// reads: unknown customers fail as items, the rest succeed
		{"transactions partial", "GET", "/v1.1/customer/transactions?mobile=44700900000,4470090345", "", 201, []string{"1052", "1012"}},
		{"transactions unknown id", "GET", "/v1.1/customer/transactions?id=99", "", 500, []string{"1011"}},
		{"transactions unknown store", "GET", "/v1.1/customer/transactions?mobile=44700900000&store_code=nowhere", "", 500, []string{"1150"}},
		{"transactions unknown store id", "GET", "/v1.1/customer/transactions?mobile=44700900000&store_id=1", "", 500, []string{"1150"}},
		{"transactions no identifier", "GET", "/v1.1/customer/transactions?limit=2", "", 400, []string{}},
		{"transactions bad date", "GET", "/v1.1/customer/transactions?mobile=44700900000&start_date=yesterday", "", 400, []string{}},
		{"transactions start after end", "GET", "/v1.1/customer/transactions?mobile=44700900000&start_date=2017-01-02&end_date=2017-01-01", "", 400, []string{}},
		{"redemptions unknown", "GET", "/v1.1/customer/redemptions?email=nobody@example.com", "", 500, []string{"1012"}},
		{"coupons unknown store", "GET", "/v1.1/customer/coupons?mobile=44700900999&store_id=42", "", 500, []string{"1150"}},
		{"coupons bad status", "GET", "/v1.1/customer/coupons?mobile=44700900999&status=lost", "", 400, []string{}},
		{"interaction unknown", "GET", "/v1.1/customer/interaction?external_id=nope", "", 500, []string{"1012"}},
		{"tickets unknown", "GET", "/v1.1/customer/tickets?mobile=44700900000,4470090345", "", 201, []string{"1300", "1012"}},

		// notes
		{"notes none", "GET", "/v1.1/customer/notes?mobile=44700900888", "", 500, []string{"1028"}},
		{"notes none by associate", "GET", "/v1.1/customer/notes?mobile=44700900000&associate_id=234", "", 500, []string{"1028"}},
		{"notes some bad", "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"44700900888","notes":{"note":[{"date":"2020-01-01 10:00:00","description":"ok"},{"date":"2020-01-01","description":""}]}}}}`, 200, []string{"1036"}},
		{"notes all bad", "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"44700900888","notes":{"note":{"date":"someday","description":"x"}}}}}`, 500, []string{"1037"}},
		{"notes unknown associate", "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"44700900888","associate_id":"999","notes":{"note":{"date":"2020-01-01","description":"x"}}}}}`, 500, []string{"1037"}},
		{"notes unknown customer", "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"4470090345","notes":{"note":{"date":"2020-01-01","description":"x"}}}}}`, 500, []string{"1012"}},
		{"notes no identifier", "POST", "/v1.1/customer/notes", `{"root":{"customer":{"notes":{"note":{"date":"2020-01-01","description":"x"}}}}}`, 500, []string{"400"}},

		// tickets
		{"ticket added", "POST", "/v1.1/customer/tickets", ticket(`"subject":"late delivery","priority":"low"`), 200, []string{"1300"}},
		{"ticket empty subject", "POST", "/v1.1/customer/tickets", ticket(`"subject":" ","priority":"low"`), 500, []string{"1303"}},
		{"ticket duplicate subject", "POST", "/v1.1/customer/tickets", ticket(`"subject":"Product Damaged"`), 500, []string{"1301"}},
		{"ticket bad priority", "POST", "/v1.1/customer/tickets", ticket(`"subject":"x","priority":"urgent"`), 500, []string{"1302"}},
		{"ticket unknown department", "POST", "/v1.1/customer/tickets", ticket(`"subject":"x","department":"Sales"`), 500, []string{"1302"}},
		{"ticket bad reported_from", "POST", "/v1.1/customer/tickets", ticket(`"subject":"x","reported_from":"FAX"`), 500, []string{"1302"}},

		// referrals
		{"referral ok", "POST", "/v1.1/customer/referrals", referral("12511", "EMAIL", "huck@example.com"), 200, []string{"1000"}},
		{"referral default campaign", "POST", "/v1.1/customer/referrals", referral("", "MOBILE", "447700900777"), 200, []string{"1000"}},
		{"referral unknown token", "POST", "/v1.1/customer/referrals", referral("999", "EMAIL", "a@example.com"), 500, []string{"1202"}},
		{"referral inactive campaign", "POST", "/v1.1/customer/referrals", referral("12512", "EMAIL", "a@example.com"), 500, []string{"1203"}},
		{"referral not eligible", "POST", "/v1.1/customer/referrals", strings.Replace(referral("12513", "MOBILE", "447700900777"), `"mobile":"44700900000"`, `"email":"ann.lee@example.com"`, 1), 500, []string{"1204"}},
		{"referral type not supported", "POST", "/v1.1/customer/referrals", referral("12511", "WHATSAPP", "a@example.com"), 500, []string{"1206"}},
		{"referral type not in campaign", "POST", "/v1.1/customer/referrals", referral("12513", "EMAIL", "a@example.com"), 500, []string{"1206"}},
		{"referrals get none", "GET", "/v1.1/customer/referrals?mobile=44700900999", "", 500, []string{"1205"}},
		{"referrals get only code", "GET", "/v1.1/customer/referrals?mobile=44700900999&only_referral_code=true", "", 200, []string{"1000"}},
		{"referrals get unknown token", "GET", "/v1.1/customer/referrals?mobile=44700900000,44700900999&campaign_token=1", "", 500, []string{"1202", "1202"}},
		{"referrals get not eligible", "GET", "/v1.1/customer/referrals?email=ann.lee@example.com&campaign_token=12513", "", 500, []string{"1204"}},

		// preferences
		{"preferences none", "GET", "/v1.1/customer/preferences?mobile=44700900888", "", 500, []string{"1031"}},
		{"preferences partial", "POST", "/v1.1/customer/preferences", `{"root":{"customer":{` + tom + `,"custom_fields":{"field":[{"name":"likes","value":"Hats"},{"name":"Shoe size","value":"9"}]}}}}`, 200, []string{"1035"}},
		{"preferences none valid", "POST", "/v1.1/customer/preferences", `{"root":{"customer":{` + tom + `,"custom_fields":{"field":{"name":"Shoe size","value":"9"}}}}}`, 500, []string{"1030"}},
		{"preferences unknown store", "POST", "/v1.1/customer/preferences", `{"root":{"customer":{` + tom + `,"store":{"code":"nowhere"}}}}`, 500, []string{"1053"}},

		// subscriptions
		{"subscription ok", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"trans","is_subscribed":"1"`), 200, []string{"1000"}},
		{"subscription bad channel", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"fax","priority":"trans","is_subscribed":"1"`), 500, []string{"1101"}},
		{"subscription bad priority", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"urgent","is_subscribed":"1"`), 500, []string{"1102"}},
		{"subscription bad scope", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"bulk","scope":"points","is_subscribed":"1"`), 500, []string{"1103"}},
		{"subscription no identifier", "POST", "/v1.1/customer/subscriptions", sub(`"channel":"sms","priority":"bulk","is_subscribed":"1"`), 500, []string{"1104"}},
		{"subscription several scopes", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"bulk","scope":"all,coupons","is_subscribed":"1"`), 500, []string{"1105"}},
		{"subscription bad status", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"bulk","is_subscribed":"yes"`), 500, []string{"1106"}},
		{"subscription bad campaign", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"bulk","is_subscribed":"1","campaign_id":"abc"`), 500, []string{"1107"}},
		{"subscription bad outbox", "POST", "/v1.1/customer/subscriptions", sub(tom + `,"channel":"sms","priority":"bulk","is_subscribed":"1","outbox_id":"-4"`), 500, []string{"1108"}},
		{"subscription channel without identifier", "POST", "/v1.1/customer/subscriptions", sub(`"email":"ann.lee@example.com","channel":"sms","priority":"bulk","is_subscribed":"1"`), 500, []string{"1110"}},
		{"subscription unknown customer", "POST", "/v1.1/customer/subscriptions", sub(`"mobile":"4470090345","channel":"sms","priority":"bulk","is_subscribed":"1"`), 500, []string{"1012"}},
		{"subscriptions get bad channel", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&channel=fax", "", 500, []string{"1101"}},
		{"subscriptions get bad priority", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&priority=x", "", 500, []string{"1102"}},
		{"subscriptions get bad scope", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&scope=points", "", 500, []string{"1103"}},
		{"subscriptions get several scopes", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&scope=all,points", "", 500, []string{"1105"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			v := jsonCall(t, s, tc.method, tc.target, tc.body)
			code, _ := status(v)
			if got := itemCodes(v); code != tc.status || !reflect.DeepEqual(got, tc.codes) {
				t.Fatalf("status %d, item codes %v; want %d %v\n%v", code, got, tc.status, tc.codes, v)
			}
		})
	}
}

// TestHistoryCodesWithoutPreferenceFields runs the preferences operations
// on an org that configures no preference fields (and so no history.json,
// whose preferences would name fields the org lacks): 1029 and 1030.
func TestHistoryCodesWithoutPreferenceFields(t *testing.T) {
	t.Parallel()
	org, err := fs.ReadFile(fixtures.FS, "org.json")
	if err != nil {
		t.Fatal(err)
	}
	customers, err := fs.ReadFile(fixtures.FS, "customers.json")
	if err != nil {
		t.Fatal(err)
	}
	noPrefs := strings.Replace(string(org), `"preferenceFields": ["Favorite Brand", "Favorite Color", "Likes"]`, `"preferenceFields": []`, 1)
	if noPrefs == string(org) {
		t.Fatal("org.json's preferenceFields changed: update this test")
	}
	fsys := fstest.MapFS{"org.json": {Data: []byte(noPrefs)}, "customers.json": {Data: customers}}
	s := simtest.MustOpenServer(t, func(o *server.Options) { o.Fixtures = fsys })
	v := jsonCall(t, s, "GET", "/v1.1/customer/preferences?mobile=44700900000", "")
	if got := itemCodes(v); !reflect.DeepEqual(got, []string{"1029"}) {
		t.Fatalf("GET: item codes %v, want [1029]", got)
	}
	v = jsonCall(t, s, "POST", "/v1.1/customer/preferences", `{"root":{"customer":{"mobile":"44700900000","custom_fields":{"field":{"name":"Likes","value":"x"}}}}}`)
	if got := itemCodes(v); !reflect.DeepEqual(got, []string{"1030"}) {
		t.Fatalf("POST: item codes %v, want [1030]", got)
	}
}
