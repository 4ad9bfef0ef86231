package simulator_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

func TestRegistrant(t *testing.T) {
	// held: who holds what (type/value -> customer).
	held := map[simulator.Identifier]int64{
		{Type: "mobile", Value: "111"}:          1,
		{Type: "email", Value: "ann@x.co"}:      1,
		{Type: "email", Value: "bob@x.co"}:      2,
		{Type: "externalId", Value: "B-2"}:      2,
		{Type: "wechat", Value: "wc-ann"}:       1,
		{Type: "mobile", Value: "222"}:          2,
		{Type: "externalId", Value: "unknown"}:  0,
		{Type: "email", Value: "nobody@x.co"}:   0,
		{Type: "mobile", Value: "999999999999"}: 0,
	}
	owner := func(id simulator.Identifier) int64 { return held[id] }
	id := func(typ, v string) simulator.Identifier { return simulator.Identifier{Type: typ, Value: v} }
	for _, tc := range []struct {
		name         string
		primary      string
		ids          []simulator.Identifier
		target       int64
		conflictType string
	}{
		{"nothing known: new", "mobile", []simulator.Identifier{id("mobile", "999999999999"), id("email", "nobody@x.co")}, 0, ""},
		{"known mobile names the customer", "mobile", []simulator.Identifier{id("mobile", "111"), id("email", "nobody@x.co")}, 1, ""},
		{"known mobile and its own email", "mobile", []simulator.Identifier{id("mobile", "111"), id("email", "ann@x.co")}, 1, ""},
		{"new mobile with another's email", "mobile", []simulator.Identifier{id("mobile", "999999999999"), id("email", "bob@x.co")}, 0, "email"},
		{"new mobile with another's external id", "mobile", []simulator.Identifier{id("mobile", "999999999999"), id("externalId", "B-2")}, 0, "externalId"},
		{"known mobile with another's email", "mobile", []simulator.Identifier{id("mobile", "111"), id("email", "bob@x.co")}, 1, "email"},
		{"primary listed later still decides", "mobile", []simulator.Identifier{id("email", "bob@x.co"), id("mobile", "999999999999")}, 0, "email"},
		{"no primary: the first names the customer", "mobile", []simulator.Identifier{id("email", "bob@x.co"), id("externalId", "unknown")}, 2, ""},
		{"no primary: others must agree", "mobile", []simulator.Identifier{id("externalId", "B-2"), id("email", "ann@x.co")}, 2, "email"},
		{"email as primary names the customer", "email", []simulator.Identifier{id("mobile", "999999999999"), id("email", "ann@x.co")}, 1, ""},
		{"email as primary: another's mobile", "email", []simulator.Identifier{id("mobile", "222"), id("email", "nobody@x.co")}, 0, "mobile"},
		{"other identifier types follow the rule", "mobile", []simulator.Identifier{id("mobile", "999999999999"), id("wechat", "wc-ann")}, 0, "wechat"},
		{"no identifiers", "mobile", nil, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target, conflict := simulator.Registrant(tc.primary, tc.ids, owner)
			if target != tc.target {
				t.Fatalf("target %d, want %d", target, tc.target)
			}
			got := ""
			if conflict != nil {
				got = conflict.Type
			}
			if got != tc.conflictType {
				t.Fatalf("conflict %q, want %q", got, tc.conflictType)
			}
		})
	}
}

func TestPrimaryIdentifierType(t *testing.T) {
	for _, tc := range []struct {
		org  *simulator.Org
		want string
	}{
		{nil, "mobile"}, {&simulator.Org{}, "mobile"}, {&simulator.Org{PrimaryIdentifier: "email"}, "email"},
	} {
		if got := tc.org.PrimaryIdentifierType(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.org, got, tc.want)
		}
	}
}

func testOrg() *simulator.Org {
	return &simulator.Org{Programs: []simulator.Program{
		{ID: 7, Name: "P", Default: true, Slabs: []simulator.Slab{{Serial: 1, Name: "Silver"}, {Serial: 2, Name: "Gold"}}},
		{ID: 8, Name: "Q", Slabs: []simulator.Slab{{Serial: 1, Name: "Bronze"}}},
	}}
}

func TestNewCustomerAndChangeLoyalty(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := simulator.Profile{Source: simulator.SourceInstore, Attribution: simulator.Attribution{CreateDate: at, CreatedBy: "t"}}
	for _, tc := range []struct {
		name     string
		lt, want simulator.LoyaltyType
		ok       bool
		enrolled bool
	}{
		{"non-loyalty becomes loyalty", simulator.LoyaltyNonLoyalty, simulator.LoyaltyLoyalty, true, true},
		{"non-loyalty keeps its type", simulator.LoyaltyNonLoyalty, "", true, false},
		{"not interested becomes non-loyalty", simulator.LoyaltyNotInterested, simulator.LoyaltyNonLoyalty, true, false},
		{"loyalty never becomes non-loyalty", simulator.LoyaltyLoyalty, simulator.LoyaltyNonLoyalty, false, true},
		{"loyalty stays loyalty", simulator.LoyaltyLoyalty, simulator.LoyaltyLoyalty, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := simulator.NewCustomer(testOrg(), 5, p, tc.lt, at)
			if c.LoyaltyAttribution != p.Attribution || c.LoyaltyType != tc.lt || len(c.Profiles) != 1 {
				t.Fatalf("new customer %+v", c)
			}
			if ok := c.ChangeLoyalty(testOrg(), tc.want, at); ok != tc.ok {
				t.Fatalf("ChangeLoyalty %v, want %v", ok, tc.ok)
			}
			if got := c.ProgramLoyalty(7) != nil; got != tc.enrolled {
				t.Fatalf("enrolled in the default program %v, want %v", got, tc.enrolled)
			}
			if tc.ok && tc.want != "" && c.LoyaltyType != tc.want {
				t.Fatalf("type %s, want %s", c.LoyaltyType, tc.want)
			}
		})
	}
}

func TestRequestIdentityChange(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := &simulator.Customer{ID: 42, RetroRequests: []simulator.RetroRequest{{ID: 3}}}
	got := c.RequestIdentityChange(simulator.IdentityChange{Type: simulator.IDMobile, OldValue: "1", NewValue: "2", RequestedOn: at, RequestedBy: "till"})
	if got.RequestID != "RR-42-4" || got.Status != simulator.IdentityChangePending {
		t.Fatalf("change %+v", got)
	}
	if h := c.History.IdentityChanges; len(h) != 1 || h[0] != got {
		t.Fatalf("history %+v", h)
	}
	rr := c.RetroRequests[1]
	if rr.ID != 4 || rr.Type != "CHANGE_IDENTIFIER" || rr.Status != "PENDING" || rr.RequestID != got.RequestID || !rr.AddedOn.Equal(at) {
		t.Fatalf("retro request %+v", rr)
	}
}

func TestJoinProfile(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	wechat := simulator.Profile{Source: simulator.SourceWeChat, AccountID: "1",
		Identifiers: []simulator.Identifier{{Type: "mobile", Value: "111"}, {Type: "email", Value: "a@x.co"}}}
	for _, tc := range []struct {
		name     string
		have     simulator.LoyaltyType
		lt, want simulator.LoyaltyType
	}{
		{"loyalty registration upgrades", simulator.LoyaltyNonLoyalty, simulator.LoyaltyLoyalty, simulator.LoyaltyLoyalty},
		{"non-loyalty never downgrades", simulator.LoyaltyLoyalty, simulator.LoyaltyNonLoyalty, simulator.LoyaltyLoyalty},
		{"non-loyalty stays", simulator.LoyaltyNonLoyalty, simulator.LoyaltyNonLoyalty, simulator.LoyaltyNonLoyalty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &simulator.Customer{ID: 3, LoyaltyType: tc.have, ExtendedFields: map[string]string{"city": "Pune"},
				Profiles: []simulator.Profile{{Source: simulator.SourceInstore}}}
			if !c.JoinProfile(testOrg(), wechat, tc.lt, map[string]string{"gender": "F"}, at, "till") {
				t.Fatal("refused a profile in a new source")
			}
			if c.LoyaltyType != tc.want || len(c.Profiles) != 2 || c.ExtendedFields["gender"] != "F" || c.ExtendedFields["city"] != "Pune" {
				t.Fatalf("customer %+v", c)
			}
			if !c.HasSubscription("SMS", simulator.PriorityTrans) || !c.HasSubscription("EMAIL", simulator.PriorityBulk) {
				t.Fatalf("the new identifiers are not opted in: %+v", c.Subscriptions)
			}
			if c.LoyaltyAttribution.ModifiedBy != "till" || !c.LoyaltyAttribution.ModifiedDate.Equal(at) {
				t.Fatalf("attribution %+v", c.LoyaltyAttribution)
			}
			if c.JoinProfile(testOrg(), wechat, tc.lt, nil, at, "till") || len(c.Profiles) != 2 {
				t.Fatal("a second profile in the same source and account was added")
			}
		})
	}
}

func TestChangeIdentifiers(t *testing.T) {
	id := func(typ, v string) simulator.Identifier { return simulator.Identifier{Type: typ, Value: v} }
	for _, tc := range []struct {
		name        string
		add, remove []simulator.Identifier
		ok          bool
		want        []simulator.Identifier
	}{
		{"add one", []simulator.Identifier{id("wechat", "w")}, nil, true,
			[]simulator.Identifier{id("mobile", "111"), id("email", "A@x.co"), id("wechat", "w")}},
		{"remove an email in another case", nil, []simulator.Identifier{id("email", "a@X.CO")}, true,
			[]simulator.Identifier{id("mobile", "111")}},
		{"remove what is not there", nil, []simulator.Identifier{id("email", "b@x.co")}, true,
			[]simulator.Identifier{id("mobile", "111"), id("email", "A@x.co")}},
		{"replace", []simulator.Identifier{id("mobile", "222")}, []simulator.Identifier{id("mobile", "111")}, true,
			[]simulator.Identifier{id("email", "A@x.co"), id("mobile", "222")}},
		{"remove every identifier", nil, []simulator.Identifier{id("mobile", "111"), id("email", "a@x.co")}, false,
			[]simulator.Identifier{id("mobile", "111"), id("email", "A@x.co")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := simulator.Profile{Identifiers: []simulator.Identifier{id("mobile", "111"), id("email", "A@x.co")}}
			if ok := p.ChangeIdentifiers(tc.add, tc.remove); ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			if !reflect.DeepEqual(p.Identifiers, tc.want) {
				t.Fatalf("identifiers %v, want %v", p.Identifiers, tc.want)
			}
		})
	}
}
