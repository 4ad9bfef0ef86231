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

// TestFixtureCodes checks the codes that fixture data or request headers
// make happen (issue 9, part 5): 618 for the fixtures' fraud customer,
// the slab warnings 91010-91012, the profile warnings 91016/91017 and the
// attribution till warning 91021, each beside the request that must not
// carry it, in both formats.
func TestFixtureCodes(t *testing.T) {
	t.Parallel()
	identity := func(ident, oldV, newV string) string {
		return `{"root":{"customer":{"identifier":"` + ident + `","old_value":"` + oldV + `","new_value":"` + newV + `"}}}`
	}
	attribution := "X-CAP-API-ATTRIBUTION-ENTITY-CODE"
	tests := []struct {
		name, method, target, body string
		headers                    []string
		status                     int
		code                       string
		warnings                   []string
	}{
		{"get fraud customer answers", "GET", "/v1.1/customer/get?mobile=447009500003", "", nil, 200, "1000", nil},
		{"update fraud customer 618", "POST", "/v1.1/customer/update", addBody(`"mobile":"447009500003","firstname":"Joe"`), nil, 500, "618", nil},
		{"add naming fraud customer 618", "POST", "/v1.1/customer/add", addBody(`"email":"injun.joe@example.com","lastname":"Joe"`), nil, 500, "618", nil},
		{"update_identity of fraud customer 618", "POST", "/v1.1/customer/update_identity", identity("email", "injun.joe@example.com", "joe@example.com"), nil, 500, "618", nil},
		{"next_slab in the highest slab 91012", "GET", "/v1.1/customer/get?mobile=447009500002&next_slab=true", "", nil, 200, "1000", []string{"91012"}},
		{"next_slab below the highest slab", "GET", "/v1.1/customer/get?mobile=44700900000&next_slab=true", "", nil, 200, "1000", nil},
		{"highest slab without next_slab", "GET", "/v1.1/customer/get?mobile=447009500002", "", nil, 200, "1000", nil},
		{"retention criteria in the lowest slab 91011", "GET", "/v1.1/customer/get?mobile=44700900999&membership_retention_criteria=true", "", nil, 200, "1000", []string{"91011"}},
		{"retention criteria above the lowest slab 91010", "GET", "/v1.1/customer/get?mobile=44700900000&membership_retention_criteria=true", "", nil, 200, "1000", []string{"91010"}},
		{"retention criteria of a non-loyalty customer", "GET", "/v1.1/customer/get?email=ann.lee@example.com&membership_retention_criteria=true", "", nil, 200, "1000", nil},
		{"WECHAT subscriptions without a WECHAT profile 91016", "GET", "/v1.1/customer/subscriptions?mobile=44700900999&channel=WECHAT", "", nil, 200, "1000", []string{"91016"}},
		{"WECHAT subscriptions with a WECHAT profile", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&channel=WECHAT", "", nil, 200, "1000", nil},
		{"ANDROID subscriptions without a WEB_ENGAGE profile 91017", "GET", "/v1.1/customer/subscriptions?mobile=44700900999&channel=ANDROID", "", nil, 200, "1000", []string{"91017"}},
		{"IOS subscriptions without a WEB_ENGAGE profile 91017", "GET", "/v1.1/customer/subscriptions?mobile=44700900999&channel=ios", "", nil, 200, "1000", []string{"91017"}},
		{"subscriptions without a channel filter", "GET", "/v1.1/customer/subscriptions?mobile=44700900999", "", nil, 200, "1000", nil},
		{"add attributed to an unknown till 91021", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900904"`), []string{attribution, "no.such.till"}, 200, "1000", []string{"91021"}},
		{"add attributed to a till of the org", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900905"`), []string{attribution, "westTill"}, 200, "1000", nil},
		{"add attributed to a store is not checked", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900906"`), []string{attribution, "nowhere", "X-CAP-API-ATTRIBUTION-ENTITY-TYPE", "STORE_CODE"}, 200, "1000", nil},
	}
	for _, tc := range tests {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				t.Parallel()
				checkFirstItem(t, simtest.Shared(t), f, tc.method, tc.target, tc.body, tc.headers, tc.status, tc.code, tc.warnings)
			})
		}
	}
}

// TestFraudDetails checks that get shows a customer's fraud marking, and
// an unmarked customer's as NONE, as the get sample does.
func TestFraudDetails(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for _, tc := range []struct{ mobile, status, markedBy, modifiedOn string }{
		{"447009500003", "CONFIRMED", "cm.1", "2019-06-02 12:30:00"},
		{"44700900000", "NONE", "", ""},
	} {
		v := jsonCall(t, s, "GET", "/v1.1/customer/get?mobile="+tc.mobile, "")
		l := items(v)
		if len(l) != 1 {
			t.Fatalf("%s: %d customers, want 1", tc.mobile, len(l))
		}
		got := []any{at(l[0], "fraud_details", "status"), at(l[0], "fraud_details", "marked_by"), at(l[0], "fraud_details", "modified_on")}
		if want := []any{tc.status, tc.markedBy, tc.modifiedOn}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fraud_details %v, want %v", tc.mobile, got, want)
		}
	}
}

// TestMobileRequired runs add in an org whose org.json sets mobileRequired:
// registering without a mobile fails with 1006; with one, or updating a
// customer an email names, succeeds.
func TestMobileRequired(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{}
	for _, name := range []string{"org.json", "customers.json", "history.json"} {
		b, err := fs.ReadFile(fixtures.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	org := string(fsys["org.json"].Data)
	fsys["org.json"].Data = []byte(strings.Replace(org, `"defaultTill": "cm.1",`, `"defaultTill": "cm.1", "mobileRequired": true,`, 1))
	if string(fsys["org.json"].Data) == org {
		t.Fatal(`org.json's "defaultTill" changed: update this test`)
	}
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0), func(o *server.Options) { o.Fixtures = fsys })
	for _, tc := range []struct{ name, fields, code string }{
		{"new without mobile 1006", `"email":"no.mobile@example.com"`, "1006"},
		{"new external id only 1006", `"external_id":"NM-1"`, "1006"},
		{"new with mobile", `"mobile":"447700900907","email":"with.mobile@example.com"`, "1000"},
		{"existing named by email", `"email":"rita.john@example.com","lastname":"John"`, "1000"},
	} {
		v := jsonCall(t, s, "POST", "/v1.1/customer/add", addBody(tc.fields))
		if got := itemCodes(v); !reflect.DeepEqual(got, []string{tc.code}) {
			t.Errorf("%s: item codes %v, want [%s]", tc.name, got, tc.code)
		}
	}
}
