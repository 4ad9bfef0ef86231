package v11_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
	v11 "github.com/capsim/capsim/simulator/v11"
)

// Rita John (387020208, 44700900999) holds 210 points in the default
// program 469: the customer of 005's isredeemable and redeem samples.
const (
	rita       = "44700900999"
	ritaID     = int64(387020208)
	ritaPoints = 210.0
)

const (
	isRedeemablePath   = "/v1.1/points/isredeemable"
	validationCodePath = "/v1.1/points/validationcode"
	redeemPath         = "/v1.1/points/redeem"
)

// pointsReferenceCases are the documented requests of the points API (005),
// compared by TestReferenceShapes with testdata/reference/<name>.json: the
// samples as 005 prints them, but isredeemable's, which is the inner
// response its sample nests in a copy of the redeem answer (see
// docs/v11-points.md), and redeem's, whose custom_fields key lacks its
// quotes and colon in 005.
var pointsReferenceCases = []struct {
	name, section, method, target string
	body                          string
}{
	{"points_isredeemable", "Check If Points are Redeemable", "GET", isRedeemablePath + "?program_id=504&points=100&issue_otp=true&mobile=" + rita, ""},
	{"points_validationcode", "Issue Validation Code (to Redeeming Points)", "GET", validationCodePath + "?mobile=447700900000&points=50", ""},
	{"points_redeem", "Redeem Points", "POST", redeemPath + "?validation_type=SMS&program_id=504", "points_redeem_sample"},
}

// pointsItem returns the one item of a points answer, wherever the
// operation puts it.
func pointsItem(v map[string]any) map[string]any {
	for _, path := range [][]any{{"response", "points", "redeemable"}, {"response", "validation_code", "code"}, {"response", "responses", "points"}} {
		if m, ok := at(v, path...).(map[string]any); ok {
			return m
		}
	}
	return nil
}

// pointsCode returns the item code of a points answer as text.
func pointsCode(v map[string]any) string {
	return fmt.Sprint(at(pointsItem(v), "item_status", "code"))
}

// pointsCall sends a points request in JSON and returns the decoded answer.
func pointsCall(t *testing.T, s *simtest.Server, method, target, body string) (map[string]any, *simtest.Response) {
	t.Helper()
	res := call(t, s, method, withFormat(target, "json"), body)
	return decode(t, s, method, pathOf(target), res), res
}

func redeemBody(fields string) string { return `{"root":{"redeem":{` + fields + `}}}` }

func ritaRedeem(points string, extra string) string {
	return redeemBody(`"points_redeemed":` + points + `,"customer":{"mobile":"` + rita + `"}` + extra)
}

// TestPointsGolden pins the full answers to 005's sample requests in a
// fresh state, in JSON (as documented) and XML.
func TestPointsGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, method, target, body, code string
	}{
		{"isredeemable_sample", "GET", pointsReferenceCases[0].target, "", "800"},
		{"validationcode_sample", "GET", pointsReferenceCases[1].target, "", "200"},
		{"redeem_sample", "POST", pointsReferenceCases[2].target, "points_redeem_sample", "800"},
		{"redeem_unknown_customer", "POST", redeemPath, "", "816"},
	} {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				s := simtest.Shared(t)
				body := ""
				switch {
				case tc.body != "":
					body = sample(t, tc.body+"."+f)
				case tc.method == "POST" && f == "json":
					body = redeemBody(`"points_redeemed":"10","customer":{"mobile":"91789789781"}`)
				case tc.method == "POST":
					body = `<root><redeem><points_redeemed>10</points_redeemed><customer><mobile>91789789781</mobile></customer></redeem></root>`
				}
				res := call(t, s, tc.method, withFormat(tc.target, f), body, documented...)
				v := decode(t, s, tc.method, pathOf(tc.target), res)
				if got := pointsCode(v); got != tc.code {
					t.Fatalf("item code %s, want %s\n%s", got, tc.code, res.Body)
				}
				golden(t, "points_"+tc.name+"."+f, res.Body)
			})
		}
	}
}

// TestPointsParity: the redeem sample in JSON and in XML gives the same answer.
func TestPointsParity(t *testing.T) {
	t.Parallel()
	var got [2]map[string]any
	for i, f := range []string{"json", "xml"} {
		s := simtest.Shared(t)
		res := call(t, s, "POST", withFormat(pointsReferenceCases[2].target, f), sample(t, "points_redeem_sample."+f))
		got[i] = decode(t, s, "POST", redeemPath, res)
	}
	// 005's XML sample has no redemption_purpose; the JSON sample has one.
	for _, v := range got {
		delete(pointsItem(v), "redemption_purpose")
	}
	if !reflect.DeepEqual(emptyAsText(got[0]), emptyAsText(got[1])) {
		t.Fatalf("JSON and XML differ\nJSON: %v\nXML:  %v", got[0], got[1])
	}
}

// rulesServer returns a simulator whose default program 469 redeems by
// rules (a JSON RedemptionRules object), the rest of the fixtures as they are.
func rulesServer(t *testing.T, rules string) *simtest.Server {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(fixtures.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fixtures.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	var org map[string]any
	if err := json.Unmarshal(fsys[fixture.OrgFile].Data, &org); err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(rules), &r); err != nil {
		t.Fatal(err)
	}
	for _, p := range org["programs"].([]any) {
		if p := p.(map[string]any); p["id"] == float64(469) {
			p["redemption"] = r
		}
	}
	b, err := json.Marshal(org)
	if err != nil {
		t.Fatal(err)
	}
	fsys[fixture.OrgFile] = &fstest.MapFile{Data: b}
	return simtest.MustOpenServer(t, func(o *server.Options) { o.Fixtures = fsys })
}

// strictRules is every rule on: the fixtures' program 469 with these is
// the one the rule cases run against.
const strictRules = `{"minimumPoints": 20, "multipleOf": 10, "maximumPerTransaction": 100, "pointValue": 0.5, "validationCode": true, "blockFraud": true}`

// TestPointsRefusals sends every refusal to isredeemable and redeem, in the
// default org (rules off) and in one with every rule on: each gets its
// documented item code, and a refused redeem takes nothing.
func TestPointsRefusals(t *testing.T) {
	t.Parallel()
	strict := rulesServer(t, strictRules)
	const skip = "&skip_validation=true"
	for _, tc := range []struct {
		name   string
		strict bool
		query  string // the customer and points, as isredeemable's query
		body   string // the same, as redeem's root.redeem fields
		code   string
	}{
		{"any whole number up to the balance", false, "mobile=" + rita + "&points=210", `"customer":{"mobile":"` + rita + `"},"points_redeemed":210`, "800"},
		{"more than the balance", false, "mobile=" + rita + "&points=211", `"customer":{"mobile":"` + rita + `"},"points_redeemed":211`, "818"},
		{"zero", false, "mobile=" + rita + "&points=0", `"customer":{"mobile":"` + rita + `"},"points_redeemed":0`, "801"},
		{"negative", false, "mobile=" + rita + "&points=-5", `"customer":{"mobile":"` + rita + `"},"points_redeemed":-5`, "801"},
		{"a fraction", false, "mobile=" + rita + "&points=2.5", `"customer":{"mobile":"` + rita + `"},"points_redeemed":"2.5"`, "801"},
		{"not a number", false, "mobile=" + rita + "&points=ten", `"customer":{"mobile":"` + rita + `"},"points_redeemed":"ten"`, "801"},
		{"no points", false, "mobile=" + rita, `"customer":{"mobile":"` + rita + `"}`, "801"},
		{"unknown customer", false, "mobile=447700999999&points=10", `"customer":{"mobile":"447700999999"},"points_redeemed":10`, "816"},
		{"unknown id", false, "id=99&points=10", `"customer":{"id":"99"},"points_redeemed":10`, "816"},
		{"no identifier", false, "points=10", `"points_redeemed":10`, "802"},
		{"empty identifiers", false, "mobile=&email=&points=10", `"customer":{"mobile":"","email":""},"points_redeemed":10`, "802"},
		{"a mobile that is not a number", false, "mobile=12ab&points=10", `"customer":{"mobile":"12ab"},"points_redeemed":10`, "802"},
		{"an email without @", false, "email=tom&points=10", `"customer":{"email":"tom"},"points_redeemed":10`, "802"},
		{"not loyalty: Ann Lee", false, "email=ann.lee@example.com&points=10", `"customer":{"email":"ann.lee@example.com"},"points_redeemed":10`, "881"},
		{"fraud, not blocked: Injun Joe", false, "mobile=447009500003&points=10", `"customer":{"mobile":"447009500003"},"points_redeemed":10`, "800"},
		{"missed call validation", false, "mobile=" + rita + "&points=10&validation_type=MISSED_CALL", "", "823"},
		{"fraud, blocked", true, "mobile=447009500003&points=20" + skip, `"customer":{"mobile":"447009500003"},"points_redeemed":20`, "809"},
		{"under the minimum", true, "mobile=" + rita + "&points=10" + skip, `"customer":{"mobile":"` + rita + `"},"points_redeemed":10`, "821"},
		{"not a multiple", true, "mobile=" + rita + "&points=25" + skip, `"customer":{"mobile":"` + rita + `"},"points_redeemed":25`, "807"},
		{"over the maximum", true, "mobile=" + rita + "&points=110" + skip, `"customer":{"mobile":"` + rita + `"},"points_redeemed":110`, "819"},
		{"within every rule", true, "mobile=" + rita + "&points=50" + skip, `"customer":{"mobile":"` + rita + `"},"points_redeemed":50`, "800"},
		{"a code the customer does not hold", true, "mobile=" + rita + "&points=50&validation_code=000000", `"customer":{"mobile":"` + rita + `"},"points_redeemed":50,"validation_code":"000000"`, "808"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			if tc.strict {
				s = strict
				s.T = t
				if err := s.Store.Reset(""); err != nil {
					t.Fatal(err)
				}
			}
			q := tc.query
			v, _ := pointsCall(t, s, "GET", isRedeemablePath+"?"+q, "")
			if got := pointsCode(v); got != tc.code {
				t.Fatalf("isredeemable: item code %s, want %s\n%v", got, tc.code, v)
			}
			item := pointsItem(v)
			if want := fmt.Sprint(tc.code == "800"); at(item, "is_redeemable") != want {
				t.Fatalf("is_redeemable %v, want %s", at(item, "is_redeemable"), want)
			}
			if tc.code == "807" && !strings.Contains(fmt.Sprint(at(item, "item_status", "message")), "multiple of 10.") {
				t.Fatalf("807 message %v does not name the step", at(item, "item_status", "message"))
			}
			if tc.body == "" {
				return
			}
			target := redeemPath
			if strings.Contains(q, "skip_validation") {
				target += "?skip_validation=true"
			}
			before := pointsOf(t, s, ritaID)
			v, _ = pointsCall(t, s, "POST", target, redeemBody(tc.body))
			if got := pointsCode(v); got != tc.code {
				t.Fatalf("redeem: item code %s, want %s\n%v", got, tc.code, v)
			}
			if tc.code != "800" {
				if got := pointsOf(t, s, ritaID); got != before {
					t.Fatalf("a refused redeem moved Rita's balance from %v to %v", before, got)
				}
				if c, _ := status(v); c != 500 {
					t.Fatalf("status %d, want 500", c)
				}
			}
		})
	}
}

// pointsOf returns customer id's balance in program 469, read through the store.
func pointsOf(t *testing.T, s *simtest.Server, id int64) float64 {
	t.Helper()
	var pts float64
	err := s.Store.View(s.Namespace, func(tx *store.Tx) error {
		c, err := tx.Customer(id)
		if err != nil {
			return err
		}
		pts = c.StandingAt(s.Store.Org().Program(469), time.Time{}).Points()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pts
}

// TestPointsRedeemShows: a redemption drops the balance by exactly its
// points everywhere a balance shows (v1.1 customer/get, points_summary,
// customer/redemptions; v2 loyaltyDetails and embed=points), and
// over-redemption afterwards takes nothing.
func TestPointsRedeemShows(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			s := simtest.Shared(t)
			body := ritaRedeem("60", `,"transaction_number":"bill-60","external_reference_number":"ref-60"`)
			if f == "xml" {
				body = `<root><redeem><points_redeemed>60</points_redeemed><customer><mobile>` + rita + `</mobile></customer><transaction_number>bill-60</transaction_number><external_reference_number>ref-60</external_reference_number></redeem></root>`
			}
			res := call(t, s, "POST", withFormat(redeemPath, f), body)
			v := decode(t, s, "POST", redeemPath, res)
			item := pointsItem(v)
			if got := fmt.Sprint(at(item, "item_status", "code")); got != "800" {
				t.Fatalf("redeem: %s\n%s", got, res.Body)
			}
			if got := fmt.Sprint(at(item, "balance")); got != "150" {
				t.Fatalf("balance %s, want 150", got)
			}
			rid := fmt.Sprint(at(item, "redemption_id"))

			g := jsonCall(t, s, "GET", "/v1.1/customer/get?mobile="+rita+"&points_summary=true", "")
			cust := at(g, "response", "customers", "customer", 0)
			if got := fmt.Sprint(at(cust, "loyalty_points")); got != "150" {
				t.Fatalf("customer/get loyalty_points %s, want 150", got)
			}
			if sum := fmt.Sprint(at(cust, "points_summaries")); !strings.Contains(sum, "150") {
				t.Fatalf("points_summary does not show 150: %s", sum)
			}
			reds := jsonCall(t, s, "GET", "/v1.1/customer/redemptions?mobile="+rita+"&type=POINTS", "")
			first := at(firstItem(t, reds), "redemptions", "points", "point", 0)
			// The id is a string in the documented samples and a number in
			// the observed mode (009): compare it as written.
			if id := at(first, "id"); fmt.Sprint(id) != rid && fmt.Sprintf("%.0f", id) != rid || at(first, "points_redeemed") != "60" || at(first, "transaction_number") != "bill-60" {
				t.Fatalf("customer/redemptions' newest %v, want id %s, 60 points, bill-60", first, rid)
			}

			ld := s.Do("GET", fmt.Sprintf("/v2/customers/%d/loyaltyDetails", ritaID), nil).JSON()
			if got := fmt.Sprint(at(ld, "data", 0, "loyaltyPoints")); got != "150" {
				t.Fatalf("v2 loyaltyDetails loyaltyPoints %s, want 150: %v", got, ld)
			}
			emb := s.Do("GET", fmt.Sprintf("/v2/customers/%d?source=INSTORE&embed=points", ritaID), nil).JSON()
			if got, red := fmt.Sprint(at(emb, "pointsSummary", "loyaltyPoints")), fmt.Sprint(at(emb, "pointsSummary", "redeemed")); got != "150" || red != "110" {
				t.Fatalf("v2 embed=points loyaltyPoints %s, redeemed %s, want 150 and 110: %v", got, red, emb)
			}

			v, _ = pointsCall(t, s, "POST", redeemPath, ritaRedeem("151", ""))
			if got := pointsCode(v); got != "818" {
				t.Fatalf("over-redemption: %s", got)
			}
			if got := pointsOf(t, s, ritaID); got != 150 {
				t.Fatalf("over-redemption took points: %v", got)
			}
		})
	}
}

// TestPointsValidationCodes: in a program that requires codes, a code from
// validationcode or isredeemable?issue_otp=true (in the header, never the
// body; held by the customer in the store) redeems once; a redeem without
// it, with a wrong one, or with a used one gets 808 and takes nothing;
// skip_validation=true needs none; a code expires with the clock.
func TestPointsValidationCodes(t *testing.T) {
	t.Parallel()
	s := rulesServer(t, `{"validationCode": true}`)
	v, res := pointsCall(t, s, "GET", validationCodePath+"?mobile="+rita+"&points=50", "")
	if got := pointsCode(v); got != "200" {
		t.Fatalf("validationcode: %s", res.Body)
	}
	if m := at(v, "response", "status", "message"); m != "Operation Successful" {
		t.Fatalf("status message %v", m)
	}
	code := res.Header.Get(v11.HeaderValidationCode)
	if len(code) != 6 || strings.Contains(string(res.Body), code) {
		t.Fatalf("code %q: want six digits, not in the body %s", code, res.Body)
	}
	var held []simulator.ValidationCode
	_ = s.Store.View(s.Namespace, func(tx *store.Tx) error {
		c, err := tx.Customer(ritaID)
		if err == nil {
			held = c.ValidationCodes
		}
		return err
	})
	if len(held) != 1 || held[0].Code != code {
		t.Fatalf("the store holds %v, want %s", held, code)
	}

	steps := []struct {
		name, query, fields, want string
		balance                   float64
	}{
		{"no code", "", "", "808", 210},
		{"a wrong code", "", `,"validation_code":"999999x"`, "808", 210},
		{"the code", "", `,"validation_code":"` + code + `"`, "800", 200},
		{"the code again", "", `,"validation_code":"` + code + `"`, "808", 200},
		{"skip_validation", "?skip_validation=true", "", "800", 190},
	}
	for _, st := range steps {
		v, _ := pointsCall(t, s, "POST", redeemPath+st.query, ritaRedeem("10", st.fields))
		if got := pointsCode(v); got != st.want {
			t.Fatalf("%s: %s, want %s\n%v", st.name, got, st.want, v)
		}
		if got := pointsOf(t, s, ritaID); got != st.balance {
			t.Fatalf("%s: balance %v, want %v", st.name, got, st.balance)
		}
	}

	// isredeemable issues a code with issue_otp and checks one with validation_code.
	v, res = pointsCall(t, s, "GET", isRedeemablePath+"?mobile="+rita+"&points=10&issue_otp=true", "")
	otp := res.Header.Get(v11.HeaderValidationCode)
	if pointsCode(v) != "800" || otp == "" {
		t.Fatalf("issue_otp: code %q\n%s", otp, res.Body)
	}
	if v, _ := pointsCall(t, s, "GET", isRedeemablePath+"?mobile="+rita+"&points=10&validation_code="+otp, ""); pointsCode(v) != "800" {
		t.Fatalf("isredeemable with the code: %v", v)
	}
	if v, res := pointsCall(t, s, "GET", isRedeemablePath+"?mobile="+rita+"&points=500&issue_otp=true", ""); pointsCode(v) != "818" || res.Header.Get(v11.HeaderValidationCode) != "" {
		t.Fatalf("a refused isredeemable issued a code: %s", res.Body)
	}
	// Past its 15 minutes the code is gone.
	s.Clock.Advance(simulator.ValidationCodeTTL + time.Minute)
	if v, _ := pointsCall(t, s, "POST", redeemPath, ritaRedeem("10", `,"validation_code":"`+otp+`"`)); pointsCode(v) != "808" {
		t.Fatalf("an expired code redeemed: %v", v)
	}
}

// TestPointsExpiry: points of a bill's lot that the namespace clock has
// moved past are gone for isredeemable and redeem.
func TestPointsExpiry(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	err := s.Store.Update(s.Namespace, func(tx *store.Tx) error {
		c, err := tx.Customer(ritaID)
		if err != nil {
			return err
		}
		id, err := tx.NextTransactionID()
		if err != nil {
			return err
		}
		c.AddBill(s.Store.Org(), simulator.Transaction{ID: id, Number: "EXP-1", Type: "REGULAR", Amount: 10000, GrossAmount: 10000}, simtest.Epoch)
		return tx.Put(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := pointsOf(t, s, ritaID); got != ritaPoints+100 {
		t.Fatalf("after the bill: %v, want %v", got, ritaPoints+100)
	}
	if v, _ := pointsCall(t, s, "GET", isRedeemablePath+"?mobile="+rita+"&points=300", ""); pointsCode(v) != "800" {
		t.Fatalf("before expiry: %v", v)
	}
	clock := s.Do("PUT", "/__admin/clock", `{"advance": "366d"}`, "Content-Type", "application/json")
	if clock.Status != http.StatusOK {
		t.Fatalf("clock: %d %s", clock.Status, clock.Body)
	}
	if v, _ := pointsCall(t, s, "GET", isRedeemablePath+"?mobile="+rita+"&points=300", ""); pointsCode(v) != "818" {
		t.Fatalf("after expiry isredeemable: %v", v)
	}
	if v, _ := pointsCall(t, s, "POST", redeemPath, ritaRedeem("300", "")); pointsCode(v) != "818" {
		t.Fatalf("after expiry redeem: %v", v)
	}
	v, _ := pointsCall(t, s, "POST", redeemPath, ritaRedeem("210", ""))
	if pointsCode(v) != "800" || fmt.Sprint(at(pointsItem(v), "balance")) != "0" {
		t.Fatalf("the unexpired balance: %v", v)
	}
}

// TestPointsConcurrentRedeem: 50 simultaneous redemptions of 10 points from
// Rita's 210 through the HTTP handlers: exactly 21 succeed and the balance
// ends at 0, never below.
func TestPointsConcurrentRedeem(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		seen = map[string]int{}
	)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest("POST", redeemPath+"?format=json", strings.NewReader(ritaRedeem("10", "")))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", simtest.BasicAuth)
			req.Header.Set(server.HeaderNamespace, s.Namespace)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			var v map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &v)
			mu.Lock()
			seen[pointsCode(v)]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if seen["800"] != 21 || seen["818"] != 29 {
		t.Fatalf("outcomes %v, want 21 × 800 and 29 × 818", seen)
	}
	if got := pointsOf(t, s, ritaID); got != 0 {
		t.Fatalf("balance %v, want 0", got)
	}
}

// TestPointsBadBodies: bodies that cannot be read answer status 400 and
// write nothing; two redeem items answer 1060 (no batch support).
func TestPointsBadBodies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		code       int
	}{
		{"not JSON", `{"root":`, 400},
		{"no redeem", `{"root":{"customer":{"mobile":"` + rita + `"}}}`, 400},
		{"redeem not an object", `{"root":{"redeem":"10"}}`, 400},
		{"XML without redeem", `<root><other/></root>`, 400},
		{"two items", `{"root":{"redeem":[{"points_redeemed":1,"customer":{"mobile":"` + rita + `"}},{"points_redeemed":1,"customer":{"mobile":"` + rita + `"}}]}}`, 1060},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			v, _ := pointsCall(t, s, "POST", redeemPath, tc.body)
			if c, _ := status(v); c != tc.code {
				t.Fatalf("status %d, want %d: %v", c, tc.code, v)
			}
			if got := pointsOf(t, s, ritaID); got != ritaPoints {
				t.Fatalf("balance %v", got)
			}
		})
	}
}

// FuzzRedeemBody: no redeem body, JSON or XML, may panic the handler or
// break the contract, and none may take more than Rita has.
func FuzzRedeemBody(f *testing.F) {
	for _, seed := range []string{
		ritaRedeem("10", ""),
		`{"root":{"redeem":[{"points_redeemed":"1e9","customer":{"mobile":"` + rita + `"}}]}}`,
		`<root><root><redeem><element><points_redeemed>5</points_redeemed><customer><mobile>` + rita + `</mobile></customer></element></redeem></root></root>`,
		`<root><redeem><points_redeemed>-1</points_redeemed></redeem></root>`,
		`{"root":{"redeem":{"element":[{"points_redeemed":1}]}}}`,
		`{}`, `[]`, `<root/>`,
	} {
		f.Add(seed)
	}
	s := simtest.Shared(f)
	f.Fuzz(func(t *testing.T, body string) {
		s.T = t
		res := s.Do("POST", redeemPath+"?format=json", body)
		if res.Status != http.StatusOK {
			t.Fatalf("HTTP %d: %s", res.Status, res.Body)
		}
		if got := pointsOf(t, s, ritaID); got < 0 {
			t.Fatalf("balance %v below zero", got)
		}
	})
}
