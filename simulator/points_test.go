package simulator_test

import (
	"slices"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// TestRedeemPointsRecord: a redemption keeps the date the client gave (now
// when it gave none), and the history keeps the newest
// MaxPointsRedemptions points redemptions while the balance counts them all.
func TestRedeemPointsRecord(t *testing.T) {
	given := time.Date(2020, 3, 13, 18, 2, 34, 0, time.UTC)
	for _, tc := range []struct {
		name string
		date time.Time
		want time.Time
	}{
		{"no date: now", time.Time{}, t0},
		{"the client's date", given, given},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prog := earnOrg().DefaultProgram()
			c := loyal()
			c.AwardPoints(prog, 100, t0)
			red, r := c.RedeemPoints(prog, 10, t0, simulator.Redemption{ID: 1, Date: tc.date})
			if r != nil {
				t.Fatal(r)
			}
			if !red.Date.Equal(tc.want) || !c.History.Redemptions[0].Date.Equal(tc.want) {
				t.Fatalf("date %v, want %v", red.Date, tc.want)
			}
		})
	}

	t.Run("bounded history", func(t *testing.T) {
		prog := earnOrg().DefaultProgram()
		c := loyal()
		n := simulator.MaxPointsRedemptions + 5
		c.AwardPoints(prog, float64(n), t0)
		c.History = &simulator.History{Redemptions: []simulator.Redemption{{ID: 999, Kind: simulator.RedemptionCoupon}}}
		for i := 1; i <= n; i++ {
			if _, r := c.RedeemPoints(prog, 1, t0, simulator.Redemption{ID: int64(i)}); r != nil {
				t.Fatal(r)
			}
		}
		points := 0
		for _, rd := range c.History.Redemptions {
			if rd.Kind == simulator.RedemptionPoints {
				points++
			}
		}
		if points != simulator.MaxPointsRedemptions || c.History.Redemptions[0].Kind != simulator.RedemptionCoupon {
			t.Fatalf("%d points redemptions kept (want %d), coupon kept: %v", points, simulator.MaxPointsRedemptions, c.History.Redemptions[0])
		}
		if got := c.History.Redemptions[1].ID; got != 6 {
			t.Fatalf("oldest kept is %d, want 6", got)
		}
		if got := c.StandingIn(prog).Points(); got != 0 {
			t.Fatalf("balance %v after redeeming everything", got)
		}
	})
	// The store lends a writer the redemptions its readers share
	// (History.Redemptions): dropping the oldest moves none in place.
	for _, tc := range []struct {
		name   string
		coupon bool
	}{{"the oldest first", false}, {"after a coupon's", true}} {
		t.Run("the oldest goes, "+tc.name+", moving none in place", func(t *testing.T) {
			prog := earnOrg().DefaultProgram()
			c := loyal()
			c.AwardPoints(prog, 10, t0)
			var lent []simulator.Redemption
			if tc.coupon {
				lent = append(lent, simulator.Redemption{ID: 999, Kind: simulator.RedemptionCoupon})
			}
			for i := 1; i <= simulator.MaxPointsRedemptions; i++ {
				lent = append(lent, simulator.Redemption{ID: int64(i), Kind: simulator.RedemptionPoints, Points: 1})
			}
			before := slices.Clone(lent)
			c.History = &simulator.History{Redemptions: lent}
			if _, r := c.RedeemPoints(prog, 1, t0, simulator.Redemption{ID: 1000}); r != nil {
				t.Fatal(r)
			}
			if !slices.Equal(lent, before) {
				t.Fatal("the redemptions lent were changed in place")
			}
			got := c.History.Redemptions
			want := slices.Concat(before[:len(before)-simulator.MaxPointsRedemptions], before[len(before)-simulator.MaxPointsRedemptions+1:])
			if len(got) != len(want)+1 || !slices.Equal(got[:len(want)], want) || got[len(want)].ID != 1000 {
				t.Fatalf("kept %d redemptions, first %+v, last %+v", len(got), got[0], got[len(got)-1])
			}
		})
	}
}
