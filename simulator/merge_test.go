package simulator_test

import (
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

func TestAbsorb(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ids := func(kv ...string) []simulator.Identifier {
		var out []simulator.Identifier
		for i := 0; i < len(kv); i += 2 {
			out = append(out, simulator.Identifier{Type: kv[i], Value: kv[i+1]})
		}
		return out
	}
	survivor := func() *simulator.Customer {
		return &simulator.Customer{ID: 1, LoyaltyType: simulator.LoyaltyNonLoyalty,
			Profiles: []simulator.Profile{{Source: simulator.SourceInstore, FirstName: "Tom", Identifiers: ids("mobile", "111"),
				Fields: map[string]string{"color": "green"}}},
			Loyalty:        []simulator.ProgramLoyalty{{ProgramID: 7, LoyaltyID: 1, LoyaltyPoints: 10, LifetimePoints: 20, SlabSerial: 1}},
			Subscriptions:  []simulator.Subscription{{Channel: "SMS", Priority: "TRANS", Type: "OPTOUT"}},
			ExtendedFields: map[string]string{"city": "Pune"},
		}
	}
	victim := func() *simulator.Customer {
		return &simulator.Customer{ID: 2, LoyaltyType: simulator.LoyaltyLoyalty, LifetimePurchases: 5,
			Profiles: []simulator.Profile{
				{Source: simulator.SourceInstore, FirstName: "Thomas", Identifiers: ids("email", "T@x.co", "mobile", "111"),
					CommChannels: []simulator.CommChannel{{Type: "email", Value: "t@x.co"}}, Fields: map[string]string{"color": "red", "sport": "golf"}},
				{Source: simulator.SourceWeChat, AccountID: "9", Identifiers: ids("wechat", "wc")},
			},
			Loyalty: []simulator.ProgramLoyalty{{ProgramID: 7, LoyaltyPoints: 1, LifetimePoints: 2, SlabSerial: 2},
				{ProgramID: 8, LoyaltyID: 2, LoyaltyPoints: 3}},
			Subscriptions:  []simulator.Subscription{{Channel: "SMS", Priority: "TRANS", Type: "OPTIN"}, {Channel: "EMAIL", Priority: "BULK", Type: "OPTIN"}},
			ExtendedFields: map[string]string{"city": "Goa", "gender": "M"},
			Promotions:     []simulator.PromotionIssual{{PromotionID: 3}},
		}
	}
	s, v := survivor(), victim()
	s.Absorb(v, at, "till")

	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"the victim is merged and holds nothing", v.MergedInto == 1 && v.Profiles == nil && v.Loyalty == nil && v.Subscriptions == nil},
		{"a profile in a new source moves", s.Profile(simulator.SourceWeChat, "9") != nil && len(s.Profiles) == 2},
		{"a profile in the same source unites identifiers", s.Profiles[0].HasIdentifier("email", "t@x.co") && len(s.Profiles[0].Identifiers) == 2},
		{"the survivor's names win", s.Profiles[0].FirstName == "Tom"},
		{"the survivor's fields win, others are added", s.Profiles[0].Fields["color"] == "green" && s.Profiles[0].Fields["sport"] == "golf"},
		{"channels are united", len(s.Profiles[0].CommChannels) == 1},
		{"points add up per program", s.ProgramLoyalty(7).LoyaltyPoints == 11 && s.ProgramLoyalty(7).LifetimePoints == 22},
		{"the higher slab is kept", s.ProgramLoyalty(7).SlabSerial == 2},
		{"a new program moves under the survivor's id", s.ProgramLoyalty(8) != nil && s.ProgramLoyalty(8).LoyaltyID == 1},
		{"the survivor's subscription states win", s.Subscriptions[0].Type == "OPTOUT" && len(s.Subscriptions) == 2},
		{"loyalty never turns non-loyalty", s.LoyaltyType == simulator.LoyaltyLoyalty},
		{"extended fields the survivor lacks are added", s.ExtendedFields["city"] == "Pune" && s.ExtendedFields["gender"] == "M"},
		{"purchases and promotions move", s.LifetimePurchases == 5 && len(s.Promotions) == 1},
		{"the change is stamped", s.LoyaltyAttribution.ModifiedDate.Equal(at) && s.Profiles[0].Attribution.ModifiedBy == "till" &&
			v.LoyaltyAttribution.ModifiedBy == "till"},
	} {
		if !tc.ok {
			t.Errorf("%s: survivor %+v, victim %+v", tc.name, s, v)
		}
	}
}
