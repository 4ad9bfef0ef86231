package simulator_test

import (
	"testing"

	"github.com/capsim/capsim/simulator"
)

// TestBillPoints follows one bill's points through a partial return, a
// redemption and expiry: what the v2 earning answer reports.
func TestBillPoints(t *testing.T) {
	org := earnOrg()
	c := loyal()
	b := bill(1, "B1", 2000)
	b.Source = "v2"
	got, _ := c.AddBill(org, b, t0)
	check := func(name string, now int, want simulator.BillPoints) {
		t.Helper()
		tr := c.History.Transaction(got.ID)
		bp := c.BillPoints(org, tr, t0.AddDate(0, 0, now))
		bp.Expiry = want.Expiry
		if bp != want {
			t.Fatalf("%s: got %+v, want %+v", name, bp, want)
		}
	}
	check("earned", 0, simulator.BillPoints{ProgramID: 469, Issued: 20, Available: 20})
	if _, _, ref := c.ReturnBill(org, simulator.ReturnRequest{Number: "B1", Type: simulator.ReturnAmount, Amount: 500}, t0); ref != nil {
		t.Fatal(ref)
	}
	check("a quarter returned", 0, simulator.BillPoints{ProgramID: 469, Issued: 20, Returned: 5, Available: 15})
	if _, ref := c.RedeemPoints(org.Program(469), 10, t0, simulator.Redemption{}); ref != nil {
		t.Fatal(ref)
	}
	check("ten redeemed", 0, simulator.BillPoints{ProgramID: 469, Issued: 20, Returned: 5, Available: 5, Redeemed: 10})
	check("after expiry", 31, simulator.BillPoints{ProgramID: 469, Issued: 20, Returned: 5, Expired: 5, Redeemed: 10})
	c.SettleExpiry(t0.AddDate(0, 0, 31))
	check("after expiry is settled", 31, simulator.BillPoints{ProgramID: 469, Issued: 20, Returned: 5, Expired: 15})
}

func TestBillingExtendedField(t *testing.T) {
	open := simulator.Billing{}
	if name, ok := open.ExtendedField("anything"); !ok || name != "anything" {
		t.Fatalf("an org listing no fields takes every name: got %q %v", name, ok)
	}
	listed := simulator.Billing{ExtendedFields: []string{"ship_first_name"}}
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{{"ship_first_name", "ship_first_name", true}, {"SHIP_FIRST_NAME", "ship_first_name", true}, {"gender", "", false}} {
		if name, ok := listed.ExtendedField(tc.in); ok != tc.ok || name != tc.want {
			t.Fatalf("ExtendedField(%q) = %q %v, want %q %v", tc.in, name, ok, tc.want, tc.ok)
		}
	}
}
