package v2_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// The docs' sample requests, as the reference prints them (the update sample
// sends its mobile as a JSON number and primary/verified as strings).
const (
	docsRegisterTarget = "/v2/customers?source=LINE&accountId=1234"
	docsRegisterBody   = `{
   "loyaltyInfo":{"loyaltyType":"loyalty"},
   "associatedWith":"westTill",
   "profiles":[{
      "firstName":"Tom","lastName":"Sawyer",
      "fields":{"Favorite Color":"Green","Favorite Sport":"Cricket"},
      "identifiers":[{"type":"mobile","value":"928000000113"},{"type":"line","value":"line12347"}],
      "commChannels":[{"type":"line","value":"line12345","primary":true,"verified":true,
         "meta":{"residence":true,"office":false}}]
   }],
   "extendedFields":{"gender":"Male","city":"Bangalore"}
}`
	docsUpdateTarget = "/v2/customers/329?source=WECHAT&accountId=22232"
	docsUpdateBody   = `{
   "profiles":[{
      "firstName":"Tom","lastName":"Sawyer",
      "fields":{"gender":"Male","city":"Bangalore"},
      "identifiers":[{"type":"mobile","value":919111111111},{"type":"email","value":"tom.sawyer@example.com"},
         {"type":"wechat","value":"wc_2"}],
      "commChannels":[
         {"type":"email","value":"tom.sawyer@example.com","primary":"true","verified":"false","meta":{"residence":true}},
         {"type":"wechat","value":"wc_2","primary":"true","verified":"true","meta":{"residence":true}}],
      "source":"WECHAT","accountId":"1234"
   }],
   "loyaltyInfo":{"loyaltyType":"loyalty"},
   "extendedFields":{"gender":"MALE","city":"Bangalore"}
}`
	docsChangeTarget = "/v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232"
	docsChangeBody   = `{"add":[{"type":"wechat","value":"ray11"}],"remove":[{"type":"email","value":"tom.sawyer@example.com"}]}`
)

// regBody returns a registration body with one profile holding the
// identifiers given as type, value pairs; opts set top-level keys or, with a
// "profile." prefix, keys of the profile.
func regBody(pairs []string, opts ...any) map[string]any {
	ids := []any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		ids = append(ids, map[string]any{"type": pairs[i], "value": pairs[i+1]})
	}
	profile := map[string]any{"firstName": "Becky", "lastName": "Thatcher", "identifiers": ids}
	body := map[string]any{"profiles": []any{profile}}
	for i := 0; i+1 < len(opts); i += 2 {
		k := opts[i].(string)
		if p, ok := strings.CutPrefix(k, "profile."); ok {
			profile[p] = opts[i+1]
			continue
		}
		body[k] = opts[i+1]
	}
	return body
}

// ids is shorthand for the identifier pairs of regBody.
func ids(pairs ...string) []string { return pairs }

// channel returns one commChannels entry.
func channel(typ, value string) []any {
	return []any{map[string]any{"type": typ, "value": value, "primary": true, "verified": false}}
}

// writeCase is one request and the codes it must answer with.
type writeCase struct {
	name, method, target string
	body                 any
	status               int
	errs, warns          []int
	msg                  string // the response must contain it, if set
}

func runWriteCases(t *testing.T, s *simtest.Server, cases []writeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do(tc.method, tc.target, tc.body)
			simtest.ExpectCodes(t, res, tc.status, tc.errs, tc.warns)
			if tc.msg != "" && !strings.Contains(string(res.Body), tc.msg) {
				t.Fatalf("response does not say %q: %s", tc.msg, res.Body)
			}
		})
	}
}

// createdBody is the body of a successful register or update.
type createdBody struct {
	CreatedID   int64 `json:"createdId"`
	Warnings    []any `json:"warnings"`
	SideEffects []any `json:"sideEffects"`
}

// register sends a registration that must succeed and returns the created id.
func register(t *testing.T, s *simtest.Server, target string, body any) int64 {
	t.Helper()
	res := s.Do("POST", target, body)
	if res.Status != 200 {
		t.Fatalf("POST %s: status %d: %s", target, res.Status, res.Body)
	}
	var b createdBody
	res.Decode(t, &b)
	if b.CreatedID <= 0 {
		t.Fatalf("no createdId: %s", res.Body)
	}
	return b.CreatedID
}

// stored returns the customer as the store holds it.
func stored(t *testing.T, s *simtest.Server, id int64) *simulator.Customer {
	t.Helper()
	var c *simulator.Customer
	err := s.Store.View(s.Namespace, func(tx *store.Tx) error {
		got, err := tx.Customer(id)
		if err == nil {
			c = got.Clone()
		}
		return err
	})
	if err != nil {
		t.Fatalf("customer %d: %v", id, err)
	}
	return c
}

// ownerOf returns the customer the store's index says holds an identifier.
func ownerOf(t *testing.T, s *simtest.Server, src simulator.Source, acct, typ, value string) int64 {
	t.Helper()
	var id int64
	_ = s.Store.View(s.Namespace, func(tx *store.Tx) error {
		id, _ = tx.Owner(src, acct, typ, value)
		return nil
	})
	return id
}

func TestRegisterDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("POST", docsRegisterTarget, docsRegisterBody)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	var body map[string]json.RawMessage
	res.Decode(t, &body)
	if got, want := string(body["warnings"])+" "+string(body["sideEffects"]), "[] []"; got != want {
		t.Fatalf("warnings and sideEffects %s, want %s", got, want)
	}
	id, err := strconv.ParseInt(string(body["createdId"]), 10, 64)
	if err != nil || id <= 0 {
		t.Fatalf("createdId %s", body["createdId"])
	}
	c := stored(t, s, id)
	p := c.Profile(simulator.SourceLine, "1234")
	if p == nil || len(c.Profiles) != 1 {
		t.Fatalf("profiles %+v, want one LINE/1234 profile", c.Profiles)
	}
	if p.FirstName != "Tom" || p.LastName != "Sawyer" || p.Fields["Favorite Color"] != "Green" ||
		len(p.CommChannels) != 1 || p.Attribution.CreatedBy != "westTill" {
		t.Fatalf("profile %+v", p)
	}
	if c.LoyaltyType != simulator.LoyaltyLoyalty || len(c.Loyalty) != 1 || c.Loyalty[0].ProgramID != 469 ||
		c.Loyalty[0].SlabSerial != 1 || c.Loyalty[0].LoyaltyID != id {
		t.Fatalf("loyalty %s %+v, want slab 1 in the default program 469", c.LoyaltyType, c.Loyalty)
	}
	if c.ExtendedFields["gender"] != "Male" || c.ExtendedFields["city"] != "Bangalore" {
		t.Fatalf("extended fields %v", c.ExtendedFields)
	}
	for _, id2 := range []simulator.Identifier{{Type: "mobile", Value: "928000000113"}, {Type: "line", Value: "line12347"}} {
		if got := ownerOf(t, s, simulator.SourceLine, "1234", id2.Type, id2.Value); got != id {
			t.Errorf("%s %s is indexed to %d, want %d", id2.Type, id2.Value, got, id)
		}
	}
	// The same request again is a duplicate in the same source and account.
	res = s.Do("POST", docsRegisterTarget, docsRegisterBody)
	simtest.ExpectCodes(t, res, 400, []int{8006}, nil)
	if want := "Customer already exists with id " + strconv.FormatInt(id, 10) + " for same source"; !strings.Contains(string(res.Body), want) {
		t.Fatalf("message does not say %q: %s", want, res.Body)
	}
}

func TestRegisterCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	reg := "/v2/customers?source=ECOMMERCE"
	runWriteCases(t, s, []writeCase{
		{"multi-account source without accountId", "POST", "/v2/customers?source=WECHAT",
			regBody(ids("mobile", "447100000001")), 400, []int{8045}, nil, "Account id is not passed"},
		{"no identifiers", "POST", reg, regBody(nil), 400, []int{8005}, nil, ""},
		{"only empty identifier values", "POST", reg, regBody(ids("mobile", " ", "email", "")), 400, []int{8005}, nil, ""},
		{"same source duplicate", "POST", "/v2/customers?source=INSTORE",
			regBody(ids("mobile", "44700900000")), 400, []int{8006}, nil, "Customer already exists with id 17742 for same source"},
		{"same account duplicate", "POST", "/v2/customers?source=WECHAT&accountId=22232",
			regBody(ids("wechat", "wc_2")), 400, []int{8006}, nil, "id 329 "},
		{"identifiers of two customers elsewhere", "POST", reg,
			regBody(ids("mobile", "44700900000", "mobile", "919111111111")), 400, []int{8053}, nil, "Unable to merge accounts"},
		{"new mobile with another customer's email", "POST", reg,
			regBody(ids("mobile", "447100000020", "email", "tom.sawyer@example.com")), 400, []int{8028}, nil, "Customer seems is already registered"},
		{"new mobile with another customer's external id", "POST", reg,
			regBody(ids("mobile", "447100000021", "externalId", "ts-17742")), 400, []int{8028}, nil, ""},
		{"known mobile with another customer's email", "POST", reg,
			regBody(ids("mobile", "919111111111", "email", "tom.sawyer@example.com")), 400, []int{8053}, nil, ""},
		{"another customer's email in the same source", "POST", "/v2/customers?source=INSTORE",
			regBody(ids("mobile", "447100000022", "email", "tom.sawyer@example.com")), 400, []int{8006}, nil, "id 17742 "},
		{"invalid comm channel type", "POST", reg,
			regBody(ids("mobile", "447100000002"), "profile.commChannels", channel("fax", "123")), 400, []int{8010}, nil, ""},
		{"invalid email comm channel", "POST", reg,
			regBody(ids("mobile", "447100000003"), "profile.commChannels", channel("email", "not-an-email")), 400, []int{8057}, nil, ""},
		{"invalid mobile comm channel", "POST", reg,
			regBody(ids("mobile", "447100000004"), "profile.commChannels", channel("mobile", "12ab")), 400, []int{8058}, nil, ""},
		{"mobile with letters", "POST", reg, regBody(ids("mobile", "44710000000x")), 400, []int{8014}, nil, "Invalid Primary Id"},
		{"mobile too short", "POST", reg, regBody(ids("mobile", "1234567")), 400, []int{8014}, nil, ""},
		{"mobile too long", "POST", reg, regBody(ids("mobile", "1234567890123456")), 400, []int{8014}, nil, ""},
		{"invalid email", "POST", reg, regBody(ids("email", "tom@@example")), 400, []int{8055}, nil, ""},
		{"external id too long", "POST", reg, regBody(ids("externalId", strings.Repeat("x", 251))), 400, []int{8064}, nil, ""},
		{"registration date before 1900", "POST", reg,
			regBody(ids("mobile", "447100000005"), "attributionV2", map[string]any{"createDate": "1899-12-31T10:00:00+05:30"}), 400, []int{8017}, nil, ""},
		{"registration date in the future", "POST", reg,
			regBody(ids("mobile", "447100000006"), "attributionV2", map[string]any{"createDate": "2031-01-01T00:00:00Z"}), 400, []int{8017}, nil, ""},
		{"registration date unreadable", "POST", reg,
			regBody(ids("mobile", "447100000007"), "attributionV2", map[string]any{"createDate": "yesterday"}), 400, []int{8017}, nil, ""},
		{"control character in an identifier", "POST", reg, regBody(ids("wechat", "wc\u001f9")), 400, []int{400}, nil, "control character"},
		{"missing source", "POST", "/v2/customers", regBody(ids("mobile", "447100000008")), 400, []int{8004}, nil, ""},
		{"bad source", "POST", "/v2/customers?source=MOON", regBody(ids("mobile", "447100000009")), 400, []int{3217}, nil, ""},
		{"malformed JSON", "POST", reg, `{"profiles": [`, 400, []int{400}, nil, ""},
		{"profiles of the wrong type", "POST", reg, `{"profiles": "x"}`, 400, []int{400}, nil, "profiles"},
		{"unknown associatedWith is a warning", "POST", reg,
			regBody(ids("mobile", "447100000010"), "associatedWith", "noSuchTill"), 200, nil, []int{8077}, ""},
		{"unknown extended field is a warning", "POST", reg,
			regBody(ids("mobile", "447100000011"), "extendedFields", map[string]any{"shoe_size": 9}), 200, nil, []int{91015}, "shoe_size"},
		{"past registration date is kept", "POST", reg,
			regBody(ids("mobile", "447100000012"), "attributionV2", map[string]any{"createDate": "2016-06-23T19:11:18+08:00"}), 200, nil, nil, ""},
	})
	// Nothing a refused registration carried was stored.
	for _, v := range []string{"447100000002", "447100000003", "447100000004", "447100000005", "447100000020", "447100000021"} {
		if got := ownerOf(t, s, simulator.SourceEcommerce, "", "mobile", v); got != 0 {
			t.Errorf("refused mobile %s is indexed to %d", v, got)
		}
	}
}

func TestRegisterCombinesSources(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	first := register(t, s, "/v2/customers?source=INSTORE", regBody(ids("mobile", "+447200000001"),
		"loyaltyInfo", map[string]any{"loyaltyType": "non_loyalty"}))
	res := s.Do("POST", "/v2/customers?source=ECOMMERCE", regBody(ids("mobile", "447200000001", "email", "Becky@Example.com")))
	simtest.ExpectCodes(t, res, 200, nil, []int{8050})
	var body createdBody
	res.Decode(t, &body)
	if body.CreatedID != first {
		t.Fatalf("createdId %d, want the existing customer %d", body.CreatedID, first)
	}
	if !strings.Contains(string(res.Body), "Same Customer found in other sources,Combining") {
		t.Fatalf("8050 message: %s", res.Body)
	}
	c := stored(t, s, first)
	if c.Profile(simulator.SourceInstore, "") == nil || c.Profile(simulator.SourceEcommerce, "") == nil || len(c.Profiles) != 2 {
		t.Fatalf("profiles %+v, want INSTORE and ECOMMERCE", c.Profiles)
	}
	if c.LoyaltyType != simulator.LoyaltyLoyalty || len(c.Loyalty) != 1 {
		t.Fatalf("a loyalty registration left the customer %s %+v", c.LoyaltyType, c.Loyalty)
	}
	if got := ownerOf(t, s, simulator.SourceEcommerce, "", "email", "becky@example.com"); got != first {
		t.Fatalf("email indexed to %d, want %d", got, first)
	}
	t.Run("non_loyalty never downgrades", func(t *testing.T) {
		res := s.Do("POST", "/v2/customers?source=WEBSITE", regBody(ids("mobile", "447200000001"),
			"loyaltyInfo", map[string]any{"loyaltyType": "non_loyalty"}))
		simtest.ExpectCodes(t, res, 200, nil, []int{8050})
		if c := stored(t, s, first); c.LoyaltyType != simulator.LoyaltyLoyalty || len(c.Profiles) != 3 {
			t.Fatalf("customer %s with %d profiles", c.LoyaltyType, len(c.Profiles))
		}
	})
	t.Run("a second profile in a source the customer has", func(t *testing.T) {
		// The email is the customer's in ECOMMERCE only; its INSTORE profile has the mobile.
		res := s.Do("POST", "/v2/customers?source=INSTORE", regBody(ids("email", "becky@example.com")))
		simtest.ExpectCodes(t, res, 400, []int{8006}, nil)
		if want := "with id " + strconv.FormatInt(first, 10) + " for same source"; !strings.Contains(string(res.Body), want) {
			t.Fatalf("message does not say %q: %s", want, res.Body)
		}
	})
}

func TestRegisterStoresWhatWasSent(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	long := strings.Repeat("n", 130)
	id := register(t, s, "/v2/customers?source=INSTORE", regBody(ids("mobile", "447300000001", "email", "nina@example.com"),
		"profile.firstName", long, "profile.fields", map[string]any{"city": "Hannibal", "Unknown Field": "x"},
		"loyaltyInfo", map[string]any{"loyaltyType": "non_loyalty"}))
	c := stored(t, s, id)
	p := c.Profile(simulator.SourceInstore, "")
	if len(p.FirstName) != 100 {
		t.Errorf("first name of %d characters kept %d; the API keeps 100", len(long), len(p.FirstName))
	}
	if p.Fields["city"] != "Hannibal" || len(p.Fields) != 1 {
		t.Errorf("fields %v: unconfigured custom fields are dropped", p.Fields)
	}
	if c.LoyaltyType != simulator.LoyaltyNonLoyalty || len(c.Loyalty) != 0 {
		t.Errorf("non_loyalty registration stored %s %+v", c.LoyaltyType, c.Loyalty)
	}
	if len(c.Subscriptions) != 4 {
		t.Errorf("subscriptions %+v, want EMAIL and SMS opted in for TRANS and BULK", c.Subscriptions)
	}
	if p.Attribution.CreatedBy != "cm.1" || !p.Attribution.CreateDate.Equal(simtest.Epoch) {
		t.Errorf("attribution %+v, want the authenticated till at the clock's time", p.Attribution)
	}
}

func TestUpdateDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	before := stored(t, s, 329).Profile(simulator.SourceWeChat, "22232").Identifiers
	res := s.Do("PUT", docsUpdateTarget, docsUpdateBody)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	if got, want := strings.TrimSpace(string(res.Body)), `{"createdId":329,"warnings":[]}`; got != want {
		t.Fatalf("body %s, want %s", got, want)
	}
	c := stored(t, s, 329)
	p := c.Profile(simulator.SourceWeChat, "22232")
	if len(p.Identifiers) != len(before) || p.HasIdentifier("email", "tom.sawyer@example.com") {
		t.Fatalf("identifiers changed from %v to %v; update cannot change identifiers", before, p.Identifiers)
	}
	if p.Fields["gender"] != "Male" || p.Fields["city"] != "Bangalore" || len(p.CommChannels) != 2 || !p.CommChannels[0].Primary {
		t.Fatalf("profile %+v", p)
	}
	if c.ExtendedFields["gender"] != "MALE" || !p.Attribution.ModifiedDate.Equal(simtest.Epoch) || p.Attribution.ModifiedBy != "cm.1" {
		t.Fatalf("extended fields %v, attribution %+v", c.ExtendedFields, p.Attribution)
	}
	if c.Profile(simulator.SourceWeChat, "1234") != nil {
		t.Fatal("the body's accountId made a profile; the query names the account")
	}
}

func TestUpdateCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	body := func(opts ...any) map[string]any { return regBody(nil, opts...) }
	runWriteCases(t, s, []writeCase{
		{"unknown customer", "PUT", "/v2/customers/999999999?source=INSTORE", body(), 400, []int{8009}, nil,
			"Update failed. No customer found with the given identifier"},
		{"multi-account source without accountId", "PUT", "/v2/customers/329?source=WECHAT", body(), 400, []int{8045}, nil,
			"No account id is passed"},
		{"loyalty to non_loyalty", "PUT", "/v2/customers/17742?source=INSTORE",
			body("loyaltyInfo", map[string]any{"loyaltyType": "non_loyalty"}), 400, []int{8018}, nil, ""},
		{"identifier of another customer in the source", "PUT", "/v2/customers/500001?source=ECOMMERCE",
			regBody(ids("email", "tom.blankenship@example.com")), 400, []int{8008}, nil, "Different profiles are identified in the same source"},
		{"no profile in the source and no identifiers", "PUT", "/v2/customers/500001?source=ECOMMERCE",
			body("profile.firstName", "Ann"), 400, []int{8009}, nil, "no profile in ECOMMERCE"},
		{"invalid comm channel type", "PUT", "/v2/customers/17742?source=INSTORE",
			body("profile.commChannels", channel("pigeon", "x")), 400, []int{8010}, nil, ""},
		{"invalid email comm channel", "PUT", "/v2/customers/17742?source=INSTORE",
			body("profile.commChannels", channel("email", "tom.sawyer")), 400, []int{8057}, nil, ""},
		{"invalid mobile comm channel", "PUT", "/v2/customers/17742?source=INSTORE",
			body("profile.commChannels", channel("mobile", "+44 7009")), 400, []int{8058}, nil, ""},
		{"missing source", "PUT", "/v2/customers/17742", body(), 400, []int{8003}, nil, ""},
		{"bad source", "PUT", "/v2/customers/17742?source=MOON", body(), 400, []int{8003}, nil, ""},
	})
	if c := stored(t, s, 17742); c.LoyaltyType != simulator.LoyaltyLoyalty {
		t.Fatalf("17742 is %s after a refused downgrade", c.LoyaltyType)
	}
	if c := stored(t, s, 500001); len(c.Profiles) != 1 {
		t.Fatalf("refused updates left 500001 with profiles %+v", c.Profiles)
	}
}

func TestUpdateNonLoyaltyToLoyalty(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	if c := stored(t, s, 500001); c.LoyaltyType != simulator.LoyaltyNonLoyalty {
		t.Fatalf("fixture 500001 is %s, want non_loyalty", c.LoyaltyType)
	}
	res := s.Do("PUT", "/v2/customers/500001?source=INSTORE", `{"loyaltyInfo":{"loyaltyType":"loyalty"}}`)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	c := stored(t, s, 500001)
	if c.LoyaltyType != simulator.LoyaltyLoyalty || c.ProgramLoyalty(469) == nil || c.LoyaltyAttribution.ModifiedBy != "cm.1" {
		t.Fatalf("customer %s %+v %+v", c.LoyaltyType, c.Loyalty, c.LoyaltyAttribution)
	}
}

func TestUpdateCreatesProfileInNewSource(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("PUT", "/v2/customers/500001?source=ECOMMERCE", regBody(ids("email", "ann.lee.shop@example.com"),
		"profile.firstName", "Ann", "profile.commChannels", channel("email", "ann.lee.shop@example.com")))
	simtest.ExpectCodes(t, res, 200, nil, nil)
	c := stored(t, s, 500001)
	p := c.Profile(simulator.SourceEcommerce, "")
	if p == nil || p.FirstName != "Ann" || !p.HasIdentifier("email", "ann.lee.shop@example.com") || len(p.CommChannels) != 1 {
		t.Fatalf("profiles %+v", c.Profiles)
	}
	if got := ownerOf(t, s, simulator.SourceEcommerce, "", "email", "ann.lee.shop@example.com"); got != 500001 {
		t.Fatalf("new identifier indexed to %d", got)
	}
}

func TestRegisterThenUpdateState(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	id := register(t, s, "/v2/customers?source=FACEBOOK&accountId=fb1", regBody(ids("fbId", "fb-1001", "mobile", "447400000001")))
	for _, ident := range []simulator.Identifier{{Type: "fbId", Value: "fb-1001"}, {Type: "mobile", Value: "447400000001"}} {
		if got := ownerOf(t, s, simulator.SourceFacebook, "fb1", ident.Type, ident.Value); got != id {
			t.Fatalf("%s indexed to %d, want %d", ident.Type, got, id)
		}
		if got := ownerOf(t, s, simulator.SourceFacebook, "fb2", ident.Type, ident.Value); got != 0 {
			t.Fatalf("%s indexed in another account to %d", ident.Type, got)
		}
	}
	target := "/v2/customers/" + strconv.FormatInt(id, 10) + "?source=FACEBOOK&accountId=fb1"
	res := s.Do("PUT", target, regBody(nil, "profile.lastName", "Harper", "profile.fields", map[string]any{"city": "Hannibal"},
		"extendedFields", map[string]any{"nationality": "US"}))
	simtest.ExpectCodes(t, res, 200, nil, nil)
	c := stored(t, s, id)
	p := c.Profile(simulator.SourceFacebook, "fb1")
	if p.FirstName != "Becky" || p.LastName != "Harper" || p.Fields["city"] != "Hannibal" || c.ExtendedFields["nationality"] != "US" {
		t.Fatalf("update not visible: %+v, extended %v", p, c.ExtendedFields)
	}
}

func TestChangeIdentifierDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("POST", docsChangeTarget, docsChangeBody)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	if got, want := strings.TrimSpace(string(res.Body)), `{"success":true,"warnings":[]}`; got != want {
		t.Fatalf("body %s, want %s", got, want)
	}
	p := stored(t, s, 418).Profile(simulator.SourceWeChat, "22232")
	if !p.HasIdentifier("wechat", "ray11") || !p.HasIdentifier("wechat", "ray10") || !p.HasIdentifier("email", "becky.thatcher@example.com") {
		t.Fatalf("identifiers %v", p.Identifiers)
	}
	if got := ownerOf(t, s, simulator.SourceWeChat, "22232", "wechat", "ray11"); got != 418 {
		t.Fatalf("ray11 indexed to %d", got)
	}
	// 17742 keeps tom.sawyer@example.com in the same account: the removal was 418's only.
	if got := ownerOf(t, s, simulator.SourceWeChat, "22232", "email", "tom.sawyer@example.com"); got != 17742 {
		t.Fatalf("tom.sawyer@example.com indexed to %d", got)
	}
}

func TestChangeIdentifierCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	ci := "/v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232"
	add := func(typ, value string) string {
		b, _ := json.Marshal(map[string]any{"add": []any{map[string]any{"type": typ, "value": value}}})
		return string(b)
	}
	runWriteCases(t, s, []writeCase{
		{"already on the profile", "POST", ci, add("wechat", "ray10"), 400, []int{8007}, nil,
			"Unable to update. The identifier is already registered in the same source"},
		{"another customer's in the account", "POST", ci, add("wechat", "ojOPTwFOX-aBmdRlE9MHptPjt2w19"), 400, []int{8008}, nil,
			"The new identifier already exists in the same source"},
		{"unknown customer", "POST", "/v2/customers/999999999/changeIdentifier?source=INSTORE", add("mobile", "447500000001"),
			400, []int{8009}, nil, "Unable to identify the customer. Customer id is invalid"},
		{"no profile in the source", "POST", "/v2/customers/418/changeIdentifier?source=ECOMMERCE", add("mobile", "447500000002"),
			400, []int{8009}, nil, "no profile in ECOMMERCE"},
		{"multi-account source without accountId", "POST", "/v2/customers/418/changeIdentifier?source=WECHAT",
			add("wechat", "ray12"), 400, []int{8045}, nil, ""},
		{"invalid email", "POST", ci, add("email", "becky@"), 400, []int{8055}, nil, "Invalid email id"},
		{"invalid mobile", "POST", ci, add("mobile", "91-922"), 400, []int{8056}, nil, "Invalid mobile number"},
		{"external id too long", "POST", ci, add("externalId", strings.Repeat("e", 251)), 400, []int{8064}, nil, ""},
		{"empty external id", "POST", ci, add("externalId", ""), 400, []int{8064}, nil, "External id validation failed"},
		{"identifiers of two customers elsewhere", "POST", ci,
			`{"add":[{"type":"mobile","value":"44700900000"},{"type":"mobile","value":"447009000431"}]}`, 400, []int{8053}, nil,
			"Each identifier is registered with a different customer in other source. Unable to merge accounts"},
		{"empty body", "POST", ci, `{}`, 400, []int{400}, nil, "add or remove"},
		{"empty lists", "POST", ci, `{"add":[],"remove":[]}`, 400, []int{400}, nil, ""},
		{"removing every identifier", "POST", ci,
			`{"remove":[{"type":"wechat","value":"ray10"},{"type":"email","value":"Becky.Thatcher@example.com"}]}`,
			400, []int{400}, nil, "at least one identifier"},
		{"missing source", "POST", "/v2/customers/418/changeIdentifier", add("wechat", "ray12"), 400, []int{8003}, nil, ""},
		{"removing what the profile lacks", "POST", ci, `{"remove":[{"type":"mobile","value":"447000000000"}]}`, 200, nil, nil, ""},
	})
	p := stored(t, s, 418).Profile(simulator.SourceWeChat, "22232")
	if len(p.Identifiers) != 2 {
		t.Fatalf("refused changes left identifiers %v", p.Identifiers)
	}
}

func TestChangeIdentifierMerges(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := register(t, s, "/v2/customers?source=ECOMMERCE", regBody(ids("email", "vic.tim@example.com")))
	survivorBefore := stored(t, s, 17742)
	target := "/v2/customers/" + strconv.FormatInt(victim, 10) + "/changeIdentifier?source=ECOMMERCE"
	res := s.Do("POST", target, `{"add":[{"type":"mobile","value":"44700900000"}]}`)
	simtest.ExpectCodes(t, res, 200, nil, []int{8051})
	if want := "Merging into the account with user id 17742"; !strings.Contains(string(res.Body), want) {
		t.Fatalf("message does not say %q: %s", want, res.Body)
	}
	v := stored(t, s, victim)
	if v.MergedInto != 17742 || len(v.Profiles) != 0 {
		t.Fatalf("victim merged into %d with profiles %+v", v.MergedInto, v.Profiles)
	}
	sv := stored(t, s, 17742)
	p := sv.Profile(simulator.SourceEcommerce, "")
	if len(sv.Profiles) != len(survivorBefore.Profiles)+1 || p == nil ||
		!p.HasIdentifier("email", "vic.tim@example.com") || !p.HasIdentifier("mobile", "44700900000") {
		t.Fatalf("survivor profiles %+v", sv.Profiles)
	}
	if sv.ProgramLoyalty(469).LoyaltyPoints != survivorBefore.ProgramLoyalty(469).LoyaltyPoints {
		t.Fatalf("points changed: a new victim has none")
	}
	for _, ident := range []simulator.Identifier{{Type: "email", Value: "vic.tim@example.com"}, {Type: "mobile", Value: "44700900000"}} {
		if got := ownerOf(t, s, simulator.SourceEcommerce, "", ident.Type, ident.Value); got != 17742 {
			t.Fatalf("%s indexed to %d after the merge", ident.Type, got)
		}
	}
	runWriteCases(t, s, []writeCase{
		{"change on a victim", "POST", target, `{"add":[{"type":"externalId","value":"vt-1"}]}`, 400, []int{8053}, nil,
			"The account is already merged with user id 17742"},
		{"update of a victim", "PUT", "/v2/customers/" + strconv.FormatInt(victim, 10) + "?source=ECOMMERCE",
			regBody(nil, "profile.firstName", "Vic"), 400, []int{8069}, nil, ""},
		{"register again finds the survivor", "POST", "/v2/customers?source=WEBSITE",
			regBody(ids("email", "vic.tim@example.com")), 200, nil, []int{8050}, `"createdId":17742`},
	})
}

// TestConcurrentRegister registers one new mobile from 32 goroutines at once:
// exactly one registration wins, the others are duplicates in the same source.
func TestConcurrentRegister(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	body, _ := json.Marshal(regBody(ids("mobile", "447600000001")))
	const n = 32
	results := make([]*simtest.Response, n)
	violations := make([]string, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			req := httptest.NewRequest("POST", "/v2/customers?source=INSTORE", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", simtest.BasicAuth)
			req.Header.Set(server.HeaderNamespace, s.Namespace)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			results[i] = &simtest.Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
			violations[i] = rec.Header().Get(server.HeaderViolation)
		}(i)
	}
	close(start)
	wg.Wait()
	var created int64
	wins, dups := 0, 0
	for i, res := range results {
		if violations[i] != "" {
			t.Fatalf("response breaks the contract: %s", violations[i])
		}
		errs, _ := res.Codes()
		switch {
		case res.Status == 200:
			wins++
			var b createdBody
			res.Decode(t, &b)
			created = b.CreatedID
		case res.Status == 400 && len(errs) == 1 && errs[0] == 8006:
			dups++
		default:
			t.Fatalf("unexpected answer %d: %s", res.Status, res.Body)
		}
	}
	if wins != 1 || dups != n-1 {
		t.Fatalf("%d registrations and %d duplicates, want 1 and %d", wins, dups, n-1)
	}
	holders := 0
	err := s.Store.View(s.Namespace, func(tx *store.Tx) error {
		if h := tx.Holders("mobile", "447600000001"); len(h) != 1 || h[0].UserID != created {
			t.Errorf("holders %+v, want customer %d only", h, created)
		}
		return tx.Each(func(c *simulator.Customer) bool {
			for _, p := range c.Profiles {
				if p.HasIdentifier("mobile", "447600000001") {
					holders++
				}
			}
			return true
		})
	})
	if err != nil || holders != 1 {
		t.Fatalf("%d profiles hold the mobile (err %v), want 1", holders, err)
	}
}

// TestRegisterWithoutJSONContentType: curl -d's default type, text/plain and
// none are taken as JSON when the body is JSON; other bodies are refused
// naming the type.
func TestRegisterWithoutJSONContentType(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	body := `{"loyaltyInfo":{"loyaltyType":"loyalty"},"profiles":[{"firstName":"Curl","identifiers":[{"type":"mobile","value":"%s"}]}]}`
	for i, tc := range []struct {
		name, contentType string
		want              int
	}{
		{"form (curl -d)", "application/x-www-form-urlencoded", 200},
		{"text/plain", "text/plain; charset=utf-8", 200},
		{"none", "-", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("POST", "/v2/customers?source=INSTORE", fmt.Sprintf(body, fmt.Sprintf("91977000000%d", i)), "Content-Type", tc.contentType)
			if res.Status != tc.want || !strings.Contains(string(res.Body), "createdId") {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		})
	}
	res := s.Do("POST", "/v2/customers?source=INSTORE", "mobile=919770000009", "Content-Type", "application/x-www-form-urlencoded")
	if res.Status != 400 || !strings.Contains(string(res.Body), "application/x-www-form-urlencoded") {
		t.Fatalf("a form body: %d %s", res.Status, res.Body)
	}
}
