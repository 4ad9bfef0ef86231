package v2_test

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// Wire numbers of the codes these tests expect, read from the catalogue.
var (
	codeInvalidInput = simulator.CodeInvalidInput.Number()
	codeNotFound     = 8015
	codeOtherSource  = 8065
	codeNoAccount    = 8045
	codeBadIdent     = 8013
	codeMerged       = 8069
)

// get sends GET target and fails the test unless it answers 200.
func get(t *testing.T, s *simtest.Server, target string, v any) *simtest.Response {
	t.Helper()
	res := s.Do("GET", target, nil)
	if res.Status != 200 {
		t.Fatalf("GET %s: status %d: %s", target, res.Status, res.Body)
	}
	if v != nil {
		res.Decode(t, v)
	}
	return res
}

// addCustomer stores a new INSTORE customer directly, the way a registration
// would leave it, and returns its id.
func addCustomer(t *testing.T, s *simtest.Server, first, last, mobile string) int64 {
	t.Helper()
	var id int64
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("", 5*3600+1800))
	err := s.Store.Update(s.Namespace, func(tx *store.Tx) error {
		var err error
		if id, err = tx.NextID("customer"); err != nil {
			return err
		}
		return tx.Put(&simulator.Customer{
			ID: id, LoyaltyType: simulator.LoyaltyLoyalty,
			LoyaltyAttribution: simulator.Attribution{CreateDate: at, CreatedBy: "cm.1", ModifiedDate: at, ModifiedBy: "cm.1"},
			Profiles: []simulator.Profile{{
				Source: simulator.SourceInstore, FirstName: first, LastName: last,
				Identifiers: []simulator.Identifier{{Type: simulator.IDMobile, Value: mobile}},
				Attribution: simulator.Attribution{CreateDate: at, CreatedBy: "cm.1", ModifiedDate: at, ModifiedBy: "cm.1"},
			}},
		})
	})
	if err != nil {
		t.Fatalf("add customer: %v", err)
	}
	return id
}

// mergeInto makes victim a merged-away customer of survivor: the victim is
// kept but de-indexed, and the survivor takes over its INSTORE identifiers.
func mergeInto(t *testing.T, s *simtest.Server, victim, survivor int64) {
	t.Helper()
	err := s.Store.Update(s.Namespace, func(tx *store.Tx) error {
		v, err := tx.Customer(victim)
		if err != nil {
			return err
		}
		sv, err := tx.Customer(survivor)
		if err != nil {
			return err
		}
		v.MergedInto = survivor
		if err := tx.Put(v); err != nil {
			return err
		}
		vp, sp := v.Profile(simulator.SourceInstore, ""), sv.Profile(simulator.SourceInstore, "")
		sp.Identifiers = append(sp.Identifiers, vp.Identifiers...)
		return tx.Put(sv)
	})
	if err != nil {
		t.Fatalf("merge %d into %d: %v", victim, survivor, err)
	}
}

type searchBody struct {
	Pagination struct{ Limit, Offset, Total int } `json:"pagination"`
	Data       []struct {
		UserID             int64 `json:"userId"`
		MatchedIdentifiers []struct {
			IDType, IDValue, Source, AccountID string
		} `json:"matchedIdentifiers"`
		Profiles []map[string]any `json:"profiles"`
	} `json:"data"`
	Warnings []any `json:"warnings"`
	Errors   []any `json:"errors"`
}

// TestSearchDocsSample runs the docs' request (q=tom, limit=10, offset=0).
func TestSearchDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var body searchBody
	get(t, s, "/v2/customers/search?limit=10&offset=0&q=tom", &body)
	if body.Pagination.Limit != 10 || body.Pagination.Offset != 0 {
		t.Fatalf("pagination %+v, want limit 10 offset 0", body.Pagination)
	}
	if body.Warnings == nil || body.Errors == nil || len(body.Errors) != 0 {
		t.Fatalf("warnings %v errors %v, want [] and []", body.Warnings, body.Errors)
	}
	// Five fixture customers are called Tom; generated ones may add more.
	if body.Pagination.Total < 5 || len(body.Data) != min(10, body.Pagination.Total) {
		t.Fatalf("total %d with %d items", body.Pagination.Total, len(body.Data))
	}
	for i := 1; i < len(body.Data); i++ {
		if body.Data[i-1].UserID >= body.Data[i].UserID {
			t.Fatalf("data not ordered by userId: %d then %d", body.Data[i-1].UserID, body.Data[i].UserID)
		}
	}
	var canty bool
	for _, d := range body.Data {
		for _, m := range d.MatchedIdentifiers {
			if !strings.HasPrefix(strings.ToLower(m.IDValue), "tom") {
				t.Errorf("user %d matched on %s %q", d.UserID, m.IDType, m.IDValue)
			}
		}
		if d.UserID != 261504789 {
			continue
		}
		canty = true
		var first bool
		for _, m := range d.MatchedIdentifiers {
			if m.IDType == "firstName" && m.IDValue == "Tom" && m.Source == "INSTORE" && m.AccountID == "" {
				first = true
			}
		}
		if !first {
			t.Errorf("261504789 matched %+v, want a firstName match on INSTORE", d.MatchedIdentifiers)
		}
		want := []map[string]any{{"source": "INSTORE", "firstName": "Tom", "lastName": "Canty"}}
		if !reflect.DeepEqual(d.Profiles, want) {
			t.Errorf("261504789 profiles %v, want %v", d.Profiles, want)
		}
	}
	if !canty && body.Pagination.Total <= 10 {
		t.Errorf("fixture customer 261504789 (Tom Canty) not found")
	}
}

// TestSearchCodes checks the paging codes and the required q.
func TestSearchCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, query string
		code        int
	}{
		{"negative offset", "q=tom&offset=-1", 8100},
		{"zero limit", "q=tom&limit=0", 8101},
		{"negative limit", "q=tom&limit=-3", 8101},
		{"limit over 100", "q=tom&limit=101", 8102},
		{"missing q", "limit=10", codeInvalidInput},
		{"empty q", "q=", codeInvalidInput},
		{"blank q", "q=%20%20", codeInvalidInput},
		{"limit not a number", "q=tom&limit=ten", codeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", "/v2/customers/search?"+tc.query, nil)
			simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
		})
	}
	t.Run("limit 100 is allowed", func(t *testing.T) {
		get(t, s, "/v2/customers/search?q=tom&limit=100", nil)
	})
}

// TestSearchPaging walks every page of a query: no customer twice, the total
// constant, and together the same customers as one big page.
func TestSearchPaging(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var all searchBody
	get(t, s, "/v2/customers/search?q=t&limit=100", &all)
	if all.Pagination.Total < 6 {
		t.Fatalf("q=t finds %d customers; the fixtures alone have more", all.Pagination.Total)
	}
	for _, limit := range []int{1, 2, 3, 7} {
		t.Run("limit "+strconv.Itoa(limit), func(t *testing.T) {
			seen := map[int64]bool{}
			var order []int64
			for offset := 0; ; offset += limit {
				var page searchBody
				get(t, s, "/v2/customers/search?q=t&limit="+strconv.Itoa(limit)+"&offset="+strconv.Itoa(offset), &page)
				if page.Pagination.Total != all.Pagination.Total {
					t.Fatalf("offset %d: total %d, want %d", offset, page.Pagination.Total, all.Pagination.Total)
				}
				if offset >= page.Pagination.Total {
					if len(page.Data) != 0 {
						t.Fatalf("offset %d past the end gives %d items", offset, len(page.Data))
					}
					break
				}
				if len(page.Data) == 0 || len(page.Data) > limit {
					t.Fatalf("offset %d: %d items with limit %d", offset, len(page.Data), limit)
				}
				for _, d := range page.Data {
					if seen[d.UserID] {
						t.Fatalf("customer %d on two pages", d.UserID)
					}
					seen[d.UserID] = true
					order = append(order, d.UserID)
				}
			}
			if len(order) != len(all.Data) {
				t.Fatalf("walked %d customers, want %d", len(order), len(all.Data))
			}
			for i := range order {
				if order[i] != all.Data[i].UserID {
					t.Fatalf("item %d is %d, want %d", i, order[i], all.Data[i].UserID)
				}
			}
		})
	}
}

// TestSearchFindsNewCustomer registers a customer through the store and finds
// it by first name, last name and a mobile prefix, each case-insensitively.
func TestSearchFindsNewCustomer(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	id := addCustomer(t, s, "Zebediah", "Quillfeather", "447771234567")
	tests := []struct{ name, q, idType, idValue string }{
		{"first name", "zebed", "firstName", "Zebediah"},
		{"last name", "QUILLF", "lastName", "Quillfeather"},
		{"mobile prefix", "4477712", "mobile", "447771234567"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body searchBody
			get(t, s, "/v2/customers/search?q="+tc.q, &body)
			if body.Pagination.Total != 1 || len(body.Data) != 1 || body.Data[0].UserID != id {
				t.Fatalf("got %+v, want only customer %d", body, id)
			}
			m := body.Data[0].MatchedIdentifiers
			if len(m) != 1 || m[0].IDType != tc.idType || m[0].IDValue != tc.idValue || m[0].Source != "INSTORE" {
				t.Fatalf("matched %+v, want %s %s on INSTORE", m, tc.idType, tc.idValue)
			}
		})
	}
}

// TestSearchSourceFilter keeps only customers with a profile in the source.
func TestSearchSourceFilter(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, query string
		want        []int64
	}{
		{"ecommerce", "q=tom&source=ECOMMERCE", []int64{261504579}},
		{"wechat account", "q=tom&source=WECHAT&accountId=22232", []int64{17742}},
		{"wechat other account", "q=tom&source=WECHAT&accountId=99999", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body searchBody
			get(t, s, "/v2/customers/search?"+tc.query, &body)
			var got []int64
			for _, d := range body.Data {
				got = append(got, d.UserID)
			}
			if !reflect.DeepEqual(got, tc.want) || body.Pagination.Total != len(tc.want) {
				t.Fatalf("got %v (total %d), want %v", got, body.Pagination.Total, tc.want)
			}
		})
	}
}

// TestLookup covers the docs' sample, dual eligibility and every code.
func TestLookup(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, query string
		entity      int64
		code        int
	}{
		{"docs sample", "source=INSTORE&identifierName=mobile&identifierValue=919111111111", 329, 0},
		{"email any case", "source=INSTORE&identifierName=email&identifierValue=HUCK.FINN@example.com", 329, 0},
		{"wechat account", "source=WECHAT&accountId=22232&identifierName=wechat&identifierValue=wc_2", 329, 0},
		{"all sources", "source=ALL&identifierName=wechat&identifierValue=ray10", 418, 0},
		{"dual: second name finds", "source=INSTORE&identifierName=email,mobile&identifierValue=nobody@example.com,919111111111", 329, 0},
		{"dual: first name wins", "source=INSTORE&identifierName=mobile,email&identifierValue=919111111111,tom.sawyer@example.com", 329, 0},
		{"not found anywhere", "source=INSTORE&identifierName=mobile&identifierValue=10000000001", 0, codeNotFound},
		{"found in another source", "source=ECOMMERCE&identifierName=mobile&identifierValue=919111111111", 0, codeOtherSource},
		{"found in another account", "source=WECHAT&accountId=99999&identifierName=wechat&identifierValue=wc_2", 0, codeOtherSource},
		{"multi-account source without account", "source=WECHAT&identifierName=wechat&identifierValue=wc_2", 0, codeNoAccount},
		{"unknown identifier name", "source=INSTORE&identifierName=phone&identifierValue=919111111111", 0, codeBadIdent},
		{"names and values differ in number", "source=INSTORE&identifierName=mobile,email&identifierValue=919111111111", 0, codeBadIdent},
		{"invalid source", "source=MOON&identifierName=mobile&identifierValue=919111111111", 0, 8011},
		{"missing source", "identifierName=mobile&identifierValue=919111111111", 0, 8001},
		{"missing identifierName", "source=INSTORE&identifierValue=919111111111", 0, 8002},
		{"missing identifierValue", "source=INSTORE&identifierName=mobile", 0, 8002},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", "/v2/customers/lookup?"+tc.query, nil)
			if tc.code != 0 {
				simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
				return
			}
			simtest.ExpectCodes(t, res, 200, nil, nil)
			var body struct {
				Entity   int64 `json:"entity"`
				Warnings []any `json:"warnings"`
			}
			res.Decode(t, &body)
			if body.Entity != tc.entity || body.Warnings == nil {
				t.Fatalf("got %s, want entity %d and warnings []", res.Body, tc.entity)
			}
		})
	}
}

// TestLookupNeverReturnsVictim merges a customer away: its identifier then
// leads to the survivor.
func TestLookupNeverReturnsVictim(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000001")
	q := "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=447770000001"
	var before struct{ Entity int64 }
	get(t, s, q, &before)
	if before.Entity != victim {
		t.Fatalf("before the merge: entity %d, want %d", before.Entity, victim)
	}
	mergeInto(t, s, victim, 17742)
	var after struct{ Entity int64 }
	get(t, s, q, &after)
	if after.Entity != 17742 {
		t.Fatalf("after the merge: entity %d, want the survivor 17742", after.Entity)
	}
}

// TestGetCustomerDocsSample fetches the docs' customer (17742 in WECHAT
// account 22232) and checks the documented shape against the fixture.
func TestGetCustomerDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := get(t, s, "/v2/customers/17742?source=WECHAT&accountId=22232", nil)
	var got map[string]any
	res.Decode(t, &got)
	var want map[string]any
	if err := json.Unmarshal([]byte(`{
	  "id": 17742,
	  "profiles": [{
	    "firstName": "Tom", "lastName": "Sawyer",
	    "attribution": {
	      "createDate": "2016-06-23T19:11:18+08:00",
	      "createdBy": {"code": "rr.till", "description": "", "name": "rr.till", "type": "TILL"},
	      "modifiedBy": {"code": "rr.till", "description": "", "name": "rr.till", "type": "TILL"},
	      "modifiedDate": "2016-08-12T18:50:23+08:00"
	    },
	    "fields": {"Gender": "Male", "Favorite Color": "Green"},
	    "identifiers": [{"type": "email", "value": "tom.sawyer@example.com"}, {"type": "wechat", "value": "ojOPTwFOX-aBmdRlE9MHptPjt2w19"}],
	    "commChannels": [{"type": "wechat", "value": "ojOPTwFOX-aBmdRlE9MHptPjt2w19", "primary": true, "verified": true,
	                      "meta": {"residence": false, "office": false}}],
	    "source": "WECHAT", "accountId": "22232", "userId": 17742,
	    "conflictingProfileList": [],
	    "autoUpdateTime": "2016-08-12T18:50:23+08:00"
	  }],
	  "loyaltyInfo": {
	    "loyaltyType": "loyalty",
	    "attributionV2": {
	      "createDate": "2016-06-23T19:11:18+08:00",
	      "createdBy": {"code": "rr.till", "name": "rr.till"},
	      "modifiedBy": {"code": "rr.till", "name": "rr.till"},
	      "modifiedDate": "2016-08-12T18:50:23+08:00"
	    },
	    "lifetimePurchases": 230
	  },
	  "segments": {},
	  "extendedFields": {"city": "Bangalore", "gender": "Male"},
	  "warnings": []
	}`), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		t.Fatalf("got\n%s", g)
	}
}

type customerBody struct {
	ID       int64            `json:"id"`
	Profiles []map[string]any `json:"profiles"`
	Points   map[string]any   `json:"pointsSummary"`
	SubInfo  *struct {
		Subscriptions []map[string]any `json:"subscriptions"`
	} `json:"subscriptionInfo"`
	MLP       []map[string]any `json:"loyaltyProgramDetails"`
	UserGroup map[string]any   `json:"userGroup"`
}

// TestGetCustomerSources checks which profiles each source shows.
func TestGetCustomerSources(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, query string
		sources     []string
		accounts    []any // the accountId of each profile; nil where absent
	}{
		{"instore", "source=INSTORE", []string{"INSTORE"}, []any{nil}},
		{"instore ignores an account", "source=INSTORE&accountId=1", []string{"INSTORE"}, []any{nil}},
		{"wechat", "source=WECHAT&accountId=22232", []string{"WECHAT"}, []any{"22232"}},
		{"all", "source=ALL", []string{"INSTORE", "WECHAT"}, []any{nil, "22232"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body customerBody
			get(t, s, "/v2/customers/17742?"+tc.query, &body)
			if len(body.Profiles) != len(tc.sources) {
				t.Fatalf("%d profiles, want %v", len(body.Profiles), tc.sources)
			}
			for i, p := range body.Profiles {
				if p["source"] != tc.sources[i] || p["accountId"] != tc.accounts[i] || p["userId"] != float64(17742) {
					t.Errorf("profile %d: source %v accountId %v userId %v, want %s %v 17742", i, p["source"], p["accountId"], p["userId"], tc.sources[i], tc.accounts[i])
				}
			}
			if body.Points != nil || body.SubInfo != nil || body.MLP != nil || body.UserGroup != nil {
				t.Errorf("embeds present without embed=: %+v", body)
			}
		})
	}
}

// TestGetCustomerEmbeds checks each embed against the fixture's loyalty data.
func TestGetCustomerEmbeds(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	points := func(id, query string) map[string]any {
		var body customerBody
		get(t, s, "/v2/customers/"+id+"?source=INSTORE&"+query, &body)
		return body.Points
	}
	t.Run("points, middle slab", func(t *testing.T) {
		want := map[string]any{"redeemed": 200.0, "expired": 50.0, "returned": 20.0, "adjusted": -15.0,
			"lifetimePoints": 420.0, "loyaltyPoints": 135.0, "cumulativePurchases": 150.0, "loyaltyId": 17742.0,
			"currentSlab": "Gold", "nextSlab": "Platinum", "nextSlabSerialNumber": 3.0, "nextSlabDescription": "Platinum tier",
			"slabSNo": 2.0, "slabExpiryDate": "2117-12-29T23:59:59+05:30"}
		if got := points("17742", "embed=points"); !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v\nwant %v", got, want)
		}
	})
	t.Run("points, top slab", func(t *testing.T) {
		got := points("500002", "embed=POINTS")
		if got["currentSlab"] != "Platinum" || got["nextSlab"] != "" || got["nextSlabDescription"] != "" || got["nextSlabSerialNumber"] != -1.0 {
			t.Fatalf("got %v, want Platinum with no next slab (-1)", got)
		}
	})
	t.Run("points, not enrolled", func(t *testing.T) {
		got := points("500001", "embed=points")
		for k, v := range got {
			switch k {
			case "currentSlab", "nextSlab", "nextSlabDescription", "slabExpiryDate":
				if v != "" {
					t.Errorf("%s = %v, want \"\"", k, v)
				}
			case "nextSlabSerialNumber":
				if v != -1.0 {
					t.Errorf("%s = %v, want -1", k, v)
				}
			default:
				if v != 0.0 {
					t.Errorf("%s = %v, want 0", k, v)
				}
			}
		}
	})
	t.Run("subscriptions", func(t *testing.T) {
		var body customerBody
		get(t, s, "/v2/customers/17742?source=INSTORE&embed=subscriptions", &body)
		want := []map[string]any{
			{"channel": "EMAIL", "priority": "TRANS", "type": "OPTIN"},
			{"channel": "SMS", "priority": "TRANS", "type": "OPTIN"},
			{"channel": "EMAIL", "priority": "BULK", "type": "OPTIN"},
			{"channel": "SMS", "priority": "BULK", "type": "OPTIN"},
		}
		if body.SubInfo == nil || !reflect.DeepEqual(body.SubInfo.Subscriptions, want) {
			t.Fatalf("got %+v, want %v", body.SubInfo, want)
		}
	})
	t.Run("mlp", func(t *testing.T) {
		var body customerBody
		get(t, s, "/v2/customers/52350728?source=INSTORE&embed=mlp", &body)
		if len(body.MLP) != 3 {
			t.Fatalf("%d programs, want 3: %v", len(body.MLP), body.MLP)
		}
		p := body.MLP[1] // the docs' sample program 1219: Silver, next Gold
		if p["programId"] != 1219.0 || p["redeemed"] != 8600.0 || p["currentSlab"] != "Silver" || p["nextSlab"] != "Gold" || p["nextSlabSerialNumber"] != 3.0 {
			t.Fatalf("program 1219: %v", p)
		}
	})
	t.Run("mlp, not enrolled anywhere", func(t *testing.T) {
		res := get(t, s, "/v2/customers/500001?source=INSTORE&embed=mlp", nil)
		if got := res.JSON()["loyaltyProgramDetails"]; !reflect.DeepEqual(got, []any{}) {
			t.Fatalf("loyaltyProgramDetails %v, want []", got)
		}
	})
	t.Run("usergroup", func(t *testing.T) {
		var body customerBody
		get(t, s, "/v2/customers/500002?source=INSTORE&embed=usergroup", &body)
		want := map[string]any{"id": 9001.0, "name": "Sawyer Family", "role": "PRIMARY", "primaryUserId": 500002.0}
		if !reflect.DeepEqual(body.UserGroup, want) {
			t.Fatalf("userGroup %v, want %v", body.UserGroup, want)
		}
	})
	t.Run("userGroup without a group", func(t *testing.T) {
		res := get(t, s, "/v2/customers/17742?source=INSTORE&embed=userGroup", nil)
		if _, ok := res.JSON()["userGroup"]; ok {
			t.Fatalf("userGroup present for a customer in none: %s", res.Body)
		}
	})
	t.Run("all together, quoted as in the docs", func(t *testing.T) {
		var body customerBody
		get(t, s, "/v2/customers/500002?source=INSTORE&embed="+url.QueryEscape(`"points",subscriptions, mlp,userGroup`), &body)
		if body.Points == nil || body.SubInfo == nil || len(body.MLP) != 1 || body.UserGroup == nil {
			t.Fatalf("missing embeds: %+v", body)
		}
	})
}

// TestGetCustomerCodes checks every documented error of GET /v2/customers/{id}.
func TestGetCustomerCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000002")
	mergeInto(t, s, victim, 329)
	tests := []struct {
		name, target string
		code         int
		detail       string
	}{
		{"unknown id", "/v2/customers/999999999?source=INSTORE", codeNotFound, ""},
		{"no account for a multi-account source", "/v2/customers/17742?source=WECHAT", codeNoAccount, ""},
		{"no profile in the source", "/v2/customers/500001?source=WECHAT&accountId=22232", codeOtherSource, ""},
		{"no profile in the account", "/v2/customers/17742?source=WECHAT&accountId=99999", codeOtherSource, ""},
		{"no profile in a single-account source", "/v2/customers/17742?source=ECOMMERCE", codeOtherSource, ""},
		{"merged victim", "/v2/customers/" + strconv.FormatInt(victim, 10) + "?source=INSTORE", codeMerged, ""},
		{"invalid source", "/v2/customers/17742?source=MOON", 8012, ""},
		{"missing source", "/v2/customers/17742", 8016, ""},
		{"unknown embed", "/v2/customers/17742?source=INSTORE&embed=points,tiers", codeInvalidInput, "tiers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", tc.target, nil)
			simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
			if !strings.Contains(string(res.Body), tc.detail) {
				t.Fatalf("message does not name %q: %s", tc.detail, res.Body)
			}
		})
	}
	t.Run("victim message", func(t *testing.T) {
		res := s.Do("GET", "/v2/customers/"+strconv.FormatInt(victim, 10)+"?source=INSTORE", nil)
		var env struct{ Errors []struct{ Message string } }
		res.Decode(t, &env)
		if want := simulator.CodeMergedCustomer.Message(); env.Errors[0].Message != want {
			t.Fatalf("message %q, want the catalogue's %q", env.Errors[0].Message, want)
		}
	})
}
