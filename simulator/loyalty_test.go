package simulator_test

import (
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

func TestPromotionAllows(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	loyal := func(issued ...int64) *simulator.Customer {
		c := &simulator.Customer{LoyaltyType: simulator.LoyaltyLoyalty}
		for _, id := range issued {
			c.Promotions = append(c.Promotions, simulator.PromotionIssual{PromotionID: id})
		}
		return c
	}
	for _, tc := range []struct {
		name  string
		promo simulator.Promotion
		c     *simulator.Customer
		want  bool
	}{
		{"active, never issued", simulator.Promotion{ID: 1, Active: true}, loyal(), true},
		{"inactive", simulator.Promotion{ID: 1}, loyal(), false},
		{"ended", simulator.Promotion{ID: 1, Active: true, Ends: now.Add(-time.Second)}, loyal(), false},
		{"ends later", simulator.Promotion{ID: 1, Active: true, Ends: now.Add(time.Hour)}, loyal(), true},
		{"default limit 1 used up", simulator.Promotion{ID: 1, Active: true}, loyal(1), false},
		{"other promotions do not count", simulator.Promotion{ID: 1, Active: true}, loyal(2, 3), true},
		{"limit 2, issued once", simulator.Promotion{ID: 1, Active: true, Limit: 2}, loyal(1), true},
		{"limit 2, issued twice", simulator.Promotion{ID: 1, Active: true, Limit: 2}, loyal(1, 1), false},
		{"non-loyalty customer", simulator.Promotion{ID: 1, Active: true}, &simulator.Customer{LoyaltyType: simulator.LoyaltyNonLoyalty}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.promo.Allows(tc.c, now); got != tc.want {
				t.Fatalf("Allows %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAwardPointsAndStanding(t *testing.T) {
	org := testOrg()
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	c := &simulator.Customer{ID: 9}
	st := c.StandingIn(org.DefaultProgram())
	if _, ok := st.Slab(); ok || st.Points() != 0 || st.LifetimePoints() != 0 {
		t.Fatalf("a customer not enrolled has a standing: %+v", st)
	}
	c.AwardPoints(org.Program(7), 100, at)
	c.AwardPoints(org.Program(7), 50, at)
	st = c.StandingIn(org.DefaultProgram())
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"points", st.Points(), 150.0},
		{"lifetime points", st.LifetimePoints(), 150.0},
		{"enrolled once, as itself", len(c.Loyalty), 1},
		{"loyalty id", c.Loyalty[0].LoyaltyID, int64(9)},
		{"slab expiry a year on", c.Loyalty[0].SlabExpiry, at.AddDate(1, 0, 0)},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	for _, tc := range []struct {
		serial          int
		slab, next      string
		hasSlab, hasNxt bool
	}{
		{1, "Silver", "Gold", true, true},
		{2, "Gold", "", true, false},
		{5, "", "", false, false},
	} {
		c.Loyalty[0].SlabSerial = tc.serial
		cur, ok1 := st.Slab()
		next, ok2 := st.NextSlab()
		if cur.Name != tc.slab || next.Name != tc.next || ok1 != tc.hasSlab || ok2 != tc.hasNxt {
			t.Errorf("serial %d: slab %q %v next %q %v", tc.serial, cur.Name, ok1, next.Name, ok2)
		}
	}
}
