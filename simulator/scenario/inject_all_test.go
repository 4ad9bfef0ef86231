package scenario_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/simtest"
)

// injectTarget is the operation a code is injected into, per API version
// and kind of code, and what a client sees.
type injectTarget struct {
	op, method, path string
	body             any
}

var (
	// v2 errors fail a read; warnings ride on a lookup's answer; 8890 is the
	// promotion's refusal.
	v2Read   = injectTarget{"getCustomer", "GET", "/v2/customers/17742?source=INSTORE", nil}
	v2Lookup = injectTarget{"lookupCustomer", "GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000", nil}
	// v2 transaction errors (007) fail a read of Tom's fixture bill.
	v2Transaction = injectTarget{"getTransaction", "GET", "/v2/transactions/23622808?type=REGULAR", nil}
	v2Promotion   = injectTarget{"issuePromotion", "POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=18767431754&source=INSTORE",
		map[string]any{"programId": 469, "promotionId": 57099}}
	// v1.1 codes ride on a get of two customers: request-level codes as
	// the status, item codes and warnings on the items.
	v11Get = injectTarget{"getCustomersV11", "GET", "/v1.1/customer/get?mobile=44700900000,919111111111", nil}
)

// TestEveryCodeInjectable injects every code of the catalogue but the
// success codes by a one-rule scenario into a fitting operation of each API
// version that writes it, and checks it comes back in that version's
// envelope: v2 errors[] with the code's HTTP status, warnings[] on a
// successful answer; v1.1 status.code, item_status.code, or
// item_status.warnings on items that succeed, in JSON and XML.
func TestEveryCodeInjectable(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	n := 0
	for _, code := range simulator.Codes() {
		info := code.Info()
		if info.Kind == simulator.KindSuccess || (info.Kind == simulator.KindStatus && (info.Number == 200 || info.Number == 201)) {
			continue
		}
		for _, api := range []simulator.API{simulator.V11, simulator.V2} {
			if info.APIs&api == 0 {
				continue
			}
			n++
			name := fmt.Sprintf("%s-%d-%s", strings.ReplaceAll(api.String(), ".", ""), info.Number, info.Name)
			t.Run(name, func(t *testing.T) {
				target := targetFor(code, api)
				yaml := fmt.Sprintf("name: %s\nrules:\n  - match: {operation: %s}\n    answer: {code: %s}\n", name, target.op, info.Name)
				if _, err := s.Scenarios().Load(name+".yaml", []byte(yaml), "test"); err != nil {
					t.Fatalf("load: %v", err)
				}
				defer s.Scenarios().Remove(name)
				ns := []string{"X-Capsim-Scenario", name}
				if api == simulator.V2 {
					checkV2(t, s.Do(target.method, target.path, target.body, ns...), code)
					return
				}
				for _, f := range []string{"json", "xml"} {
					checkV11(t, s.Do(target.method, target.path+"&format="+f, target.body, ns...), code, f)
				}
			})
		}
	}
	if n < 150 {
		t.Fatalf("only %d codes walked; the catalogue has more", n)
	}
}

func targetFor(code simulator.Code, api simulator.API) injectTarget {
	if api == simulator.V11 {
		return v11Get
	}
	switch {
	case code == simulator.CodePromotionNotIssued:
		return v2Promotion
	case code.Info().Kind == simulator.KindWarning:
		return v2Lookup
	case v2TransactionCode(code):
		return v2Transaction
	}
	return v2Read
}

// v2TransactionCode reports whether code is one of 007's transaction codes
// (6xx, 16xx, 96xx, 3045, 8084; the transaction 500 and 8015 too).
func v2TransactionCode(code simulator.Code) bool {
	n, name := code.Info().Number, code.Info().Name
	return n >= 600 && n < 700 || n >= 1623 && n <= 1636 || n >= 9601 && n <= 9616 || n == 3045 || n == 8084 ||
		strings.HasPrefix(name, "CodeTransaction")
}

func checkV2(t *testing.T, res *simtest.Response, code simulator.Code) {
	t.Helper()
	info := code.Info()
	errs, warns := res.Codes()
	if info.Kind == simulator.KindWarning {
		if res.Status != http.StatusOK || len(errs) != 0 || len(warns) == 0 || warns[len(warns)-1] != info.Number {
			t.Fatalf("got %d errors %v warnings %v, want 200 with warning %d last\n%s", res.Status, errs, warns, info.Number, res.Body)
		}
		if code != simulator.CodePromotionNotIssued && !strings.Contains(string(res.Body), `"entity"`) {
			t.Fatalf("the warning replaced the answer instead of riding on it: %s", res.Body)
		}
		return
	}
	simtest.ExpectCodes(t, res, info.HTTPStatus, []int{info.Number}, nil)
	var env struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	_ = json.Unmarshal(res.Body, &env)
	if env.Errors[0].Message != code.Message() {
		t.Fatalf("message %q, want the catalogue's %q", env.Errors[0].Message, code.Message())
	}
}

var (
	jsonItemCode = regexp.MustCompile(`"item_status":\s*\{\s*"success":\s*"(true|false)",\s*"code":\s*"(\d+)"`)
	xmlItemCode  = regexp.MustCompile(`<item_status>\s*<success>(true|false)</success>\s*<code>(\d+)</code>`)
	jsonStatus   = regexp.MustCompile(`"status":\s*\{\s*"success":\s*"(true|false)",\s*"code":\s*(\d+)`)
	xmlStatus    = regexp.MustCompile(`<status>\s*<success>(true|false)</success>\s*<code>(\d+)</code>`)
)

func checkV11(t *testing.T, res *simtest.Response, code simulator.Code, format string) {
	t.Helper()
	body := string(res.Body)
	info := code.Info()
	itemRE, statusRE := jsonItemCode, jsonStatus
	warning := fmt.Sprintf(`"%d"`, info.Number)
	if format == "xml" {
		itemRE, statusRE = xmlItemCode, xmlStatus
		warning = fmt.Sprintf("<warning>%d</warning>", info.Number)
	}
	if res.Status != http.StatusOK && !(info.Number == 401 && res.Status == http.StatusUnauthorized) {
		t.Fatalf("HTTP %d: %s", res.Status, body)
	}
	status := statusRE.FindStringSubmatch(body)
	items := itemRE.FindAllStringSubmatch(body, -1)
	switch {
	case info.Kind == simulator.KindWarning:
		if len(items) != 2 || items[0][1] != "true" || items[1][1] != "true" || strings.Count(body, warning) != 2 {
			t.Fatalf("want two items that succeed, each with warning %d:\n%s", info.Number, body)
		}
	case len(items) > 0:
		if len(items) != 2 || items[0][2] != fmt.Sprint(info.Number) || items[1][2] != fmt.Sprint(info.Number) ||
			status == nil || status[2] != "500" {
			t.Fatalf("want status 500 and both items failed with %d:\n%s", info.Number, body)
		}
	default:
		if status == nil || status[1] != "false" || status[2] != fmt.Sprint(info.Number) {
			t.Fatalf("want status.code %d:\n%s", info.Number, body)
		}
	}
	msg := code.Message()
	if format == "xml" {
		msg = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(msg) // quotes stay as they are
	}
	if !strings.Contains(body, msg) {
		t.Fatalf("the catalogue's message %q is missing:\n%s", code.Message(), body)
	}
}

// TestInjectionRefusedWhereItCannotRide: a code whose envelope cannot carry
// it on the operation is refused when the file is loaded, with the reason.
func TestInjectionRefusedWhereItCannotRide(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for _, tc := range []struct{ op, code, want string }{
		{"searchCustomersV11", "91001", "ride on the items of a batch"},
		{"generateOAuthToken", "8050", "no warnings list"},
		{"getCustomer", "8890", "break the contract"},
	} {
		t.Run(tc.op+"-"+tc.code, func(t *testing.T) {
			yaml := fmt.Sprintf("name: refused\nrules:\n  - match: {operation: %s}\n    answer: {code: %s}\n", tc.op, tc.code)
			_, err := s.Scenarios().Load("refused.yaml", []byte(yaml), "test")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a refusal saying %q", err, tc.want)
			}
		})
	}
}

// TestWarningRidesOnRegistration: a v2 warning injected on register rides
// on the registration's own answer (createdId and all): the customer is
// registered and can be read back.
func TestWarningRidesOnRegistration(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	yaml := "name: combine\nrules:\n  - match: {operation: registerCustomer}\n    answer: {code: 8050}\n"
	if _, err := s.Scenarios().Load("combine.yaml", []byte(yaml), "test"); err != nil {
		t.Fatal(err)
	}
	body := map[string]any{"profiles": []any{map[string]any{
		"firstName": "Ann", "lastName": "Lee", "source": "INSTORE",
		"identifiers": []any{map[string]any{"type": "mobile", "value": "447100000077"}},
	}}}
	res := s.Do("POST", "/v2/customers?source=INSTORE", body, "X-Capsim-Scenario", "combine")
	simtest.ExpectCodes(t, res, http.StatusOK, nil, []int{8050})
	var got struct{ CreatedID int64 }
	res.Decode(t, &got)
	if got.CreatedID == 0 {
		t.Fatalf("no createdId: %s", res.Body)
	}
	back := s.Do("GET", fmt.Sprintf("/v2/customers/%d?source=INSTORE", got.CreatedID), nil)
	if back.Status != http.StatusOK {
		t.Fatalf("the registration did not happen: %d %s", back.Status, back.Body)
	}
}
