package scenario_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// v11Status is the part of a v1.1 JSON answer the tests read.
type v11Status struct {
	Response struct {
		Status struct {
			Success      string `json:"success"`
			Code         int    `json:"code"`
			Message      string `json:"message"`
			Total        string `json:"total"`
			SuccessCount string `json:"success_count"`
		} `json:"status"`
		Customers struct {
			Customer []map[string]any `json:"customer"`
		} `json:"customers"`
	} `json:"response"`
}

func decodeV11(t *testing.T, res *simtest.Response) v11Status {
	t.Helper()
	var v v11Status
	if err := json.Unmarshal(res.Body, &v); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	return v
}

func itemCode(item map[string]any) string {
	st, _ := item["item_status"].(map[string]any)
	s, _ := st["code"].(string)
	return s
}

// TestCustomerNotFound: v1.1 reads answer item code 1011 exactly as a
// natural 1011 (an unknown id) is written, in JSON and XML, per request.
func TestCustomerNotFound(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			natural := s.Do("GET", "/v1.1/customer/get?id=999999999&format="+f, nil)
			plain := s.Do("GET", "/v1.1/customer/get?id=17742&format="+f, nil)
			if !strings.Contains(string(plain.Body), "Tom") {
				t.Fatalf("without the header: %s", plain.Body)
			}
			res := s.Do("GET", "/v1.1/customer/get?id=17742&format="+f, nil, use("customer-not-found")...)
			if res.Status != 200 {
				t.Fatalf("status %d", res.Status)
			}
			if got, want := strings.ReplaceAll(string(res.Body), "17742", "999999999"), string(natural.Body); got != want {
				t.Fatalf("injected:\n%s\nnatural:\n%s", got, want)
			}
		})
	}
	res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000,919111111111&format=json", nil, use("customer-not-found")...)
	v := decodeV11(t, res)
	st := v.Response.Status
	if st.Code != 500 || st.Success != "false" || st.Total != "2" || st.SuccessCount != "0" || st.Message != "All requests have failed due to errors" {
		t.Fatalf("status %+v", st)
	}
	for _, item := range v.Response.Customers.Customer {
		if itemCode(item) != "1011" {
			t.Fatalf("item %v", item)
		}
	}
	// Other reads: transactions answers 1011 too.
	tr := s.Do("GET", "/v1.1/customer/transactions?mobile=44700900000&format=json", nil, use("customer-not-found")...)
	if !strings.Contains(string(tr.Body), `"code": "1011"`) {
		t.Fatalf("transactions: %s", tr.Body)
	}
}

// TestV11BatchPartial: only the matching item of a batch fails; the handler
// answers the others and the status is 201.
func TestV11BatchPartial(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, `
name: tom-gone
rules:
  - match:
      operation: getCustomersV11
      customer: {mobile: "44700900000"}
    answer: {code: 1011}
`)
	for _, f := range []string{"json", "xml"} {
		res := s.Do("GET", "/v1.1/customer/get?mobile=919111111111,44700900000&format="+f, nil, use("tom-gone")...)
		body := string(res.Body)
		for _, want := range []string{"201", "Some requests have failed due to errors", "1011", "Huck", "1000"} {
			if !strings.Contains(body, want) {
				t.Fatalf("%s: body lacks %q:\n%s", f, want, body)
			}
		}
		if strings.Contains(body, "Tom") {
			t.Fatalf("%s: the failed item still carries Tom:\n%s", f, body)
		}
	}
	v := decodeV11(t, s.Do("GET", "/v1.1/customer/get?mobile=919111111111,44700900000&format=json", nil, use("tom-gone")...))
	items := v.Response.Customers.Customer
	if len(items) != 2 || itemCode(items[0]) != "1000" || itemCode(items[1]) != "1011" || items[1]["mobile"] != "44700900000" {
		t.Fatalf("items %v", items)
	}
	if v.Response.Status.SuccessCount != "1" || v.Response.Status.Total != "2" {
		t.Fatalf("status %+v", v.Response.Status)
	}
}

// TestV11BatchWrite: a batch add where one customer matches registers only
// the other (before-handler), or both (after-commit).
func TestV11BatchWrite(t *testing.T) {
	t.Parallel()
	body := `{"root":{"customer":[` +
		`{"mobile":"447700900201","firstname":"Amy","lastname":"Lawrence"},` +
		`{"mobile":"447700900202","firstname":"Ben","lastname":"Rogers"}]}}`
	for _, commit := range []string{"before-handler", "after-commit"} {
		t.Run(commit, func(t *testing.T) {
			s := simtest.Shared(t)
			load(t, s, `
name: ben-fails
rules:
  - match:
      operation: addCustomerV11
      customer: {mobile: "447700900202"}
    answer: {code: 1008}
    commit: `+commit+"\n")
			// Arrays and numbers (the tree as it is) keep the typed decode simple.
			res := s.Do("POST", "/v1.1/customer/add?format=json", body, append(use("ben-fails"), "X-Capsim-V11-Json-Lists", "always")...)
			v := decodeV11(t, res)
			items := v.Response.Customers.Customer
			if v.Response.Status.Code != 201 || len(items) != 2 || itemCode(items[0]) != "1000" || itemCode(items[1]) != "1008" {
				t.Fatalf("answer %s", res.Body)
			}
			if items[1]["firstname"] != "Ben" {
				t.Fatalf("failed item does not echo the customer: %v", items[1])
			}
			exists := func(mobile string) bool {
				r := s.Do("GET", "/v1.1/customer/get?mobile="+mobile+"&format=json", nil)
				return itemCode(decodeV11(t, r).Response.Customers.Customer[0]) == "1000"
			}
			if !exists("447700900201") {
				t.Fatalf("Amy was not registered")
			}
			if got, want := exists("447700900202"), commit == "after-commit"; got != want {
				t.Fatalf("Ben registered %v, want %v", got, want)
			}
		})
	}
}

// TestV11RequestLevel: a request-level code is the status block alone.
func TestV11RequestLevel(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, "name: down\nrules:\n  - match: {api: v1.1}\n    answer: {code: 500}\n")
	res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000&format=json", nil, use("down")...)
	v := decodeV11(t, res)
	if res.Status != 200 || v.Response.Status.Code != 500 || len(v.Response.Customers.Customer) != 0 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
}

// TestV11UnknownScenarioHeader: the 400 comes in the v1.1 envelope.
func TestV11UnknownScenarioHeader(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000&format=json", nil, use("nope")...)
	v := decodeV11(t, res)
	if v.Response.Status.Code != 400 || !strings.Contains(v.Response.Status.Message, `scenario "nope", which is not loaded`) {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
}

// TestV11XMLBodyCustomer: the customer matcher reads a v1.1 XML body, and
// the failed item comes back in XML.
func TestV11XMLBodyCustomer(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	load(t, s, "name: x\nrules:\n  - match: {operation: addCustomerV11, customer: {email: AMY@example.com}}\n    answer: {code: 1016}\n")
	body := `<root><customer><mobile>447700900301</mobile><email>amy@example.com</email><firstname>Amy</firstname></customer></root>`
	res := s.Do("POST", "/v1.1/customer/add?format=xml", body, append(use("x"), "Content-Type", "application/xml")...)
	for _, want := range []string{"<code>500</code>", "<code>1016</code>", "<firstname>Amy</firstname>", "Email provided already exists"} {
		if !strings.Contains(string(res.Body), want) {
			t.Fatalf("body lacks %q:\n%s", want, res.Body)
		}
	}
	other := strings.ReplaceAll(body, "amy@", "ann@")
	if res := s.Do("POST", "/v1.1/customer/add?format=xml", other, append(use("x"), "Content-Type", "application/xml")...); strings.Contains(string(res.Body), "1016") {
		t.Fatalf("another customer was failed:\n%s", res.Body)
	}
}
