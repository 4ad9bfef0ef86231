package v11_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// addBody returns an add (or update) body of one customer with the given
// fields, in JSON.
func addBody(fields string) string { return `{"root":{"customer":[{` + fields + `}]}}` }

// TestItemCodes checks every documented item code in its documented
// situation, in both formats.
func TestItemCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, target, body string
		status                     int      // status.code
		code                       string   // the first item's code
		warnings                   []string // its warnings
	}{
		{"add registers", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900555","firstname":"Ann"`), 200, "1000", nil},
		{"add without identifier 1007", "POST", "/v1.1/customer/add", addBody(`"firstname":"Nobody"`), 500, "1007", nil},
		{"add invalid mobile 1001", "POST", "/v1.1/customer/add", addBody(`"mobile":"12ab"`), 500, "1001", nil},
		{"add invalid email 1002", "POST", "/v1.1/customer/add", addBody(`"email":"not-an-email"`), 500, "1002", nil},
		{"add invalid external id 1003", "POST", "/v1.1/customer/add", addBody(`"external_id":"` + strings.Repeat("x", 251) + `"`), 500, "1003", nil},
		{"add email of another customer 1016", "POST", "/v1.1/customer/add", addBody(`"mobile":"44700900999","email":"tom.sawyer@example.com"`), 500, "1016", nil},
		{"add external id of another customer 1033", "POST", "/v1.1/customer/add", addBody(`"mobile":"44700900999","external_id":"ts-17742"`), 500, "1033", nil},
		{"add new mobile with another customer's email 1016", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900570","email":"tom.sawyer@example.com","firstname":"Not Tom"`), 500, "1016", nil},
		{"add new mobile with another customer's external id 1033", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900571","external_id":"ts-17742"`), 500, "1033", nil},
		{"add new mobile with an email held in another source 1016", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900572","email":"becky.thatcher@example.com"`), 500, "1016", nil},
		{"add by a known email alone updates 1000", "POST", "/v1.1/customer/add", addBody(`"email":"rita.john@example.com","lastname":"John"`), 200, "1000", nil},
		{"add unknown custom field warns 1017", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900556","custom_fields":{"field":[{"name":"Hobbies","value":"x"},{"name":"a","value":"b"}]}`), 200, "1000", []string{"1017"}},
		{"add unknown extended field warns 91015", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900557","extended_fields":{"field":[{"name":"color","value":"black"}]}`), 200, "1000", []string{"91015"}},
		{"add registered_on too early 1034", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900558","registered_on":"1899-12-31 23:59:59"`), 500, "1034", nil},
		{"add registered_on in the future 1034", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900558","registered_on":"2030-01-01 00:00:00"`), 500, "1034", nil},
		{"add registered_on unreadable 1034", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900558","registered_on":"yesterday"`), 500, "1034", nil},
		{"add loyalty to non-loyalty 1046", "POST", "/v1.1/customer/add", addBody(`"mobile":"44700900000","type":"NON_LOYALTY"`), 500, "1046", nil},
		{"add non-loyalty with external id only 1045", "POST", "/v1.1/customer/add", addBody(`"external_id":"NL-1","type":"NOT_INTERESTED"`), 500, "1045", nil},
		{"add bad type 400", "POST", "/v1.1/customer/add", addBody(`"mobile":"447700900559","type":"GOLD"`), 500, "400", nil},
		{"add existing fills, keeps external id 91006", "POST", "/v1.1/customer/add", addBody(`"mobile":"44700900000","external_id":"XYPZ001"`), 200, "1000", []string{"91006"}},
		{"update by mobile", "POST", "/v1.1/customer/update", addBody(`"mobile":"44700900000","lastname":"Sawyer-Thatcher"`), 200, "1000", nil},
		{"update by PUT", "PUT", "/v1.1/customer/update", addBody(`"id":"17742","firstname":"Thomas"`), 200, "1000", nil},
		{"update unknown mobile 1012", "POST", "/v1.1/customer/update", addBody(`"mobile":"447700999999"`), 500, "1012", nil},
		{"update unknown id 1011", "POST", "/v1.1/customer/update", addBody(`"id":"99"`), 500, "1011", nil},
		{"update without identifier 400", "POST", "/v1.1/customer/update", addBody(`"firstname":"X"`), 500, "400", nil},
		{"update primary key 91005", "POST", "/v1.1/customer/update", addBody(`"id":"17742","mobile":"447700900560"`), 200, "1000", []string{"91005"}},
		{"update occupied identifier 91007", "POST", "/v1.1/customer/update", addBody(`"mobile":"919222222222","email":"tom.sawyer@example.com"`), 200, "1000", []string{"91007"}},
		{"update loyalty to non-loyalty 1046", "POST", "/v1.1/customer/update", addBody(`"mobile":"44700900000","type":"NON_LOYALTY"`), 500, "1046", nil},
		{"update_identity 1040", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"}}}`, 200, "1040", nil},
		{"update_identity bad identifier 1041", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"wechat","old_value":"a","new_value":"b"}}}`, 500, "1041", nil},
		{"update_identity invalid new value 1042", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"mobile","old_value":"44700900000","new_value":"12"}}}`, 500, "1042", nil},
		{"update_identity unknown customer 1012", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"mobile","old_value":"447700999999","new_value":"447700999998"}}}`, 500, "1012", nil},
		{"update_identity taken 1032", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"mobile","old_value":"44700900000","new_value":"44700900999"}}}`, 500, "1032", nil},
		{"update_identity non-loyalty 1013", "POST", "/v1.1/customer/update_identity", `{"root":{"customer":{"identifier":"email","old_value":"ann.lee@example.com","new_value":"ann@example.com"}}}`, 500, "1013", nil},
		{"get 1000", "GET", "/v1.1/customer/get?email=rita.john@example.com", "", 200, "1000", nil},
		{"get unknown mobile 1012", "GET", "/v1.1/customer/get?mobile=447700999999", "", 500, "1012", nil},
		{"get unknown external id 1012", "GET", "/v1.1/customer/get?external_id=nobody", "", 500, "1012", nil},
		{"get unknown id 1011", "GET", "/v1.1/customer/get?id=99", "", 500, "1011", nil},
		{"get empty value in a list 400", "GET", "/v1.1/customer/get?mobile=,44700900000", "", 201, "400", nil},
		{"get partial 201", "GET", "/v1.1/customer/get?mobile=44700900000,447700999999", "", 201, "1000", nil},
	}
	for _, tc := range tests {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				t.Parallel()
				checkFirstItem(t, simtest.Shared(t), f, tc.method, tc.target, tc.body, nil, tc.status, tc.code, tc.warnings)
			})
		}
	}
}

// checkFirstItem sends a request in format f (the JSON test body converted
// for xml) and checks its status.code and its first item's code and
// warnings.
func checkFirstItem(t *testing.T, s *simtest.Server, f, method, target, body string, headers []string, wantStatus int, wantCode string, wantWarnings []string) {
	t.Helper()
	if f == "xml" && body != "" {
		body = jsonToXML(t, body)
	}
	res := call(t, s, method, withFormat(target, f), body, headers...)
	v := decode(t, s, method, pathOf(target), res)
	if code, _ := status(v); code != wantStatus {
		t.Fatalf("status.code %d, want %d\n%s", code, wantStatus, res.Body)
	}
	l := historyItems(v)
	if len(l) == 0 {
		t.Fatalf("no items\n%s", res.Body)
	}
	code, warns := itemCode(l[0])
	if code != wantCode || !reflect.DeepEqual(warns, wantWarnings) && !(len(warns) == 0 && len(wantWarnings) == 0) {
		t.Fatalf("item code %s warnings %v, want %s %v\n%s", code, warns, wantCode, wantWarnings, res.Body)
	}
}

// jsonToXML converts a JSON test body ({"root": {...}}) to its XML form.
func jsonToXML(t *testing.T, body string) string {
	t.Helper()
	var v map[string]any
	if err := jsonUnmarshal(body, &v); err != nil {
		t.Fatalf("bad JSON test body: %v", err)
	}
	var b strings.Builder
	for k, x := range v {
		writeXML(&b, k, x)
	}
	return b.String()
}

func writeXML(b *strings.Builder, key string, v any) {
	switch t := v.(type) {
	case []any:
		for _, item := range t {
			writeXML(b, key, item)
		}
	case map[string]any:
		b.WriteString("<" + key + ">")
		for _, k := range sortedKeys(t) {
			writeXML(b, k, t[k])
		}
		b.WriteString("</" + key + ">")
	default:
		var sb strings.Builder
		for _, r := range fmt.Sprint(t) {
			switch r {
			case '<':
				sb.WriteString("&lt;")
			case '&':
				sb.WriteString("&amp;")
			default:
				sb.WriteRune(r)
			}
		}
		b.WriteString("<" + key + ">" + sb.String() + "</" + key + ">")
	}
}
