package simulator_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

var ist = time.FixedZone("IST", 5*3600+1800)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, ist)
	if err != nil {
		panic(err)
	}
	return t
}

func sampleHistory() *simulator.History {
	return &simulator.History{
		Transactions: []simulator.Transaction{
			{ID: 5, Number: "B5", Date: day("2016-12-25 10:00:00"), StoreCode: "store.code", TillCode: "cm.1", Amount: 50},
			{ID: 3, Number: "B3", Date: day("2016-12-22 10:00:00"), StoreCode: "storecode", TillCode: "storecode", Amount: 30},
			{ID: 9, Number: "B9", Date: day("2016-12-10 10:00:00"), StoreCode: "store.code", TillCode: "store.server", Amount: 90,
				LineItems: []simulator.LineItem{{Serial: 1, ItemCode: "sku"}}, CustomFields: []simulator.Field{{Name: "a", Value: "b"}}},
			{ID: 7, Number: "B7", Date: day("2016-12-28 10:00:00"), StoreCode: "store.code", TillCode: "cm.1", Amount: 70},
		},
		Redemptions: []simulator.Redemption{
			{ID: 1, Kind: simulator.RedemptionPoints, Date: day("2017-01-01 10:00:00"), Points: 10, ProgramID: 469},
			{ID: 2, Kind: simulator.RedemptionPoints, Date: day("2017-03-01 10:00:00"), Points: 20, ProgramID: 1223},
			{ID: 3, Kind: simulator.RedemptionCoupon, Date: day("2017-02-01 10:00:00"), CouponCode: "C1", SeriesID: 832},
		},
		Coupons: []simulator.Coupon{
			{ID: 1, Code: "C1", SeriesID: 832, IssuedOn: day("2017-01-10 10:00:00"), ValidTill: day("2030-01-01 00:00:00"),
				Redemptions: []simulator.CouponRedemption{{Date: day("2017-02-01 10:00:00"), TransactionNumber: "B1"}}},
			{ID: 2, Code: "C2", SeriesID: 833, IssuedOn: day("2017-01-11 10:00:00"), ValidTill: day("2030-01-01 00:00:00")},
			{ID: 3, Code: "C3", SeriesID: 832, IssuedOn: day("2017-01-12 10:00:00"), ValidTill: day("2018-01-01 00:00:00")},
		},
		Tickets: []simulator.Ticket{
			{Code: "T1", Subject: "points issue", Status: "OPEN", Priority: "HIGH", Department: "INTERNAL", CreatedOn: day("2017-01-01 10:00:00")},
			{Code: "T2", Subject: "late", Status: "CLOSED", Priority: "LOW", CreatedOn: day("2017-02-01 10:00:00")},
		},
		Interactions: []simulator.Interaction{
			{Network: "twitter", Type: "tweet", Date: day("2017-01-01 10:00:00")},
			{Network: "twitter", Type: "tweet", Date: day("2017-01-03 10:00:00")},
			{Network: "facebook", Type: "checkin", Date: day("2017-01-02 10:00:00"), Loc: &simulator.Loc{Lat: 1, Long: 2}},
		},
		Referrals: []simulator.Referral{{CampaignToken: "12511", ReferralCode: "X",
			Invitees: []simulator.Invitee{{Type: "EMAIL", Identifier: "a@b.co"}}}},
		Preferences:     []simulator.Field{{Name: "Favorite Color", Value: "Green"}},
		Notes:           []simulator.Note{{ID: 1, AssociateID: "443", Description: "x"}},
		IdentityChanges: []simulator.IdentityChange{{RequestID: "RR-1-1", Type: "mobile", OldValue: "1", NewValue: "2"}},
	}
}

func ids[T any](items []T, id func(T) int64) []int64 {
	out := []int64{}
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func TestHistoryCloneIsDeep(t *testing.T) {
	h := sampleHistory()
	before, _ := json.Marshal(h)
	c := h.Clone()
	if !reflect.DeepEqual(h, c) {
		t.Fatal("clone differs from original")
	}
	c.Transactions[2].LineItems[0].ItemCode = "changed"
	c.Transactions[2].CustomFields[0].Value = "changed"
	c.Coupons[0].Redemptions[0].TransactionNumber = "changed"
	c.Interactions[2].Loc.Lat = 99
	c.Referrals[0].Invitees[0].Identifier = "changed"
	c.Preferences[0].Value = "changed"
	c.IdentityChanges[0].OldValue = "changed"
	c.SetPreference("New", "1")
	after, _ := json.Marshal(h)
	if string(before) != string(after) {
		t.Fatalf("changing the clone changed the original:\n%s\n%s", before, after)
	}
	if (*simulator.History)(nil).Clone() != nil {
		t.Fatal("nil clone is not nil")
	}
}

func TestFindTransactions(t *testing.T) {
	h := sampleHistory()
	id := func(t simulator.Transaction) int64 { return t.ID }
	// Query windows hold wall-clock instants (simulator.Wall): UTC.
	from := time.Date(2016, 12, 21, 23, 45, 45, 0, time.UTC)
	to := time.Date(2016, 12, 29, 12, 11, 45, 0, time.UTC)
	dec22 := time.Date(2016, 12, 22, 0, 0, 0, 0, time.UTC)
	amount := 70.0
	tests := []struct {
		name  string
		q     simulator.TransactionQuery
		want  []int64
		total int
	}{
		{"default: newest first", simulator.TransactionQuery{}, []int64{7, 5, 3, 9}, 4},
		{"oldest first", simulator.TransactionQuery{Asc: true}, []int64{9, 3, 5, 7}, 4},
		{"by id desc", simulator.TransactionQuery{SortByID: true}, []int64{9, 7, 5, 3}, 4},
		{"by id asc", simulator.TransactionQuery{SortByID: true, Asc: true}, []int64{3, 5, 7, 9}, 4},
		{"date window", simulator.TransactionQuery{Window: simulator.Window{From: from, To: to}}, []int64{7, 5, 3}, 3},
		{"limit", simulator.TransactionQuery{Page: simulator.Page{Limit: 2}}, []int64{7, 5}, 4},
		{"offset", simulator.TransactionQuery{Page: simulator.Page{Offset: 1, Limit: 2}}, []int64{5, 3}, 4},
		{"offset past end", simulator.TransactionQuery{Page: simulator.Page{Offset: 10}}, []int64{}, 4},
		{"store", simulator.TransactionQuery{StoreCode: "STORE.CODE"}, []int64{7, 5, 9}, 3},
		{"till", simulator.TransactionQuery{TillCode: "cm.1"}, []int64{7, 5}, 2},
		{"number", simulator.TransactionQuery{Number: "b3"}, []int64{3}, 1},
		{"id", simulator.TransactionQuery{ID: 9}, []int64{9}, 1},
		{"id range", simulator.TransactionQuery{StartID: 4, EndID: 8}, []int64{7, 5}, 2},
		{"amount", simulator.TransactionQuery{Amount: &amount}, []int64{7}, 1},
		{"day", simulator.TransactionQuery{Day: dec22}, []int64{3}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, total := h.FindTransactions(tc.q)
			if got := ids(page, id); !reflect.DeepEqual(got, tc.want) || total != tc.total {
				t.Fatalf("got %v (total %d), want %v (total %d)", got, total, tc.want, tc.total)
			}
		})
	}
	var empty *simulator.History
	if page, total := empty.FindTransactions(simulator.TransactionQuery{}); page == nil || total != 0 {
		t.Fatal("nil history: want an empty page")
	}
}

func TestDefaultLimit(t *testing.T) {
	h := &simulator.History{}
	for i := 1; i <= 25; i++ {
		h.Transactions = append(h.Transactions, simulator.Transaction{ID: int64(i), Date: day("2017-01-01 10:00:00").Add(time.Duration(i) * time.Hour)})
	}
	page, total := h.FindTransactions(simulator.TransactionQuery{})
	if len(page) != simulator.DefaultHistoryLimit || total != 25 || page[0].ID != 25 {
		t.Fatalf("got %d rows (first %d), total %d", len(page), page[0].ID, total)
	}
}

func TestFindRedemptions(t *testing.T) {
	h := sampleHistory()
	id := func(r simulator.Redemption) int64 { return r.ID }
	tests := []struct {
		name          string
		q             simulator.RedemptionQuery
		points, coups []int64
	}{
		{"both, newest first", simulator.RedemptionQuery{}, []int64{2, 1}, []int64{3}},
		{"points only", simulator.RedemptionQuery{Kind: simulator.RedemptionPoints}, []int64{2, 1}, []int64{}},
		{"coupons only", simulator.RedemptionQuery{Kind: simulator.RedemptionCoupon}, []int64{}, []int64{3}},
		{"asc", simulator.RedemptionQuery{Asc: true}, []int64{1, 2}, []int64{3}},
		{"points limit", simulator.RedemptionQuery{PointsLimit: 1}, []int64{2}, []int64{3}},
		{"points id range", simulator.RedemptionQuery{PointsStartID: 2}, []int64{2}, []int64{3}},
		{"program", simulator.RedemptionQuery{ProgramID: 469}, []int64{1}, []int64{}},
		{"window", simulator.RedemptionQuery{Window: simulator.Window{To: simulator.Wall(day("2017-02-15 00:00:00"))}}, []int64{1}, []int64{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, c, _, _ := h.FindRedemptions(tc.q)
			if got := ids(p, id); !reflect.DeepEqual(got, tc.points) {
				t.Errorf("points %v, want %v", got, tc.points)
			}
			if got := ids(c, id); !reflect.DeepEqual(got, tc.coups) {
				t.Errorf("coupons %v, want %v", got, tc.coups)
			}
		})
	}
}

func TestFindCoupons(t *testing.T) {
	h := sampleHistory()
	org := &simulator.Org{OrgV11: simulator.OrgV11{CouponSeries: []simulator.CouponSeries{
		{ID: 832, DiscountValue: 10, Stores: []string{"store.code"}},
		{ID: 833, DiscountValue: 50},
	}}}
	now := day("2026-01-01 00:00:00")
	id := func(c simulator.Coupon) int64 { return c.ID }
	tests := []struct {
		name string
		q    simulator.CouponQuery
		want []int64
	}{
		{"default: newest first", simulator.CouponQuery{}, []int64{3, 2, 1}},
		{"created asc", simulator.CouponQuery{Asc: true}, []int64{1, 2, 3}},
		{"amount desc", simulator.CouponQuery{OrderBy: simulator.CouponOrderAmount}, []int64{2, 3, 1}},
		{"valid till asc", simulator.CouponQuery{OrderBy: simulator.CouponOrderValidTill, Asc: true}, []int64{3, 1, 2}},
		{"redeemed", simulator.CouponQuery{Statuses: []string{"redeemed"}}, []int64{1}},
		{"expired", simulator.CouponQuery{Statuses: []string{"EXPIRED"}}, []int64{3}},
		{"active", simulator.CouponQuery{Statuses: []string{"active"}}, []int64{2}},
		{"several statuses", simulator.CouponQuery{Statuses: []string{"active", "expired"}}, []int64{3, 2}},
		{"unredeemed", simulator.CouponQuery{Statuses: []string{"unredeemed"}}, []int64{3, 2}},
		{"series", simulator.CouponQuery{SeriesID: 832}, []int64{3, 1}},
		{"redeemable at store", simulator.CouponQuery{StoreCode: "storecode"}, []int64{2}},
		{"limit", simulator.CouponQuery{Page: simulator.Page{Limit: 1}}, []int64{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, _ := h.FindCoupons(tc.q, org, now)
			if got := ids(page, id); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFindTicketsAndInteractions(t *testing.T) {
	h := sampleHistory()
	if page, _ := h.FindTickets(simulator.TicketQuery{}); len(page) != 2 || page[0].Code != "T2" {
		t.Fatalf("tickets default order: %+v", page)
	}
	if page, _ := h.FindTickets(simulator.TicketQuery{Status: "open", Department: "internal"}); len(page) != 1 || page[0].Code != "T1" {
		t.Fatalf("tickets filter: %+v", page)
	}
	page, counts := h.FindInteractions(simulator.InteractionQuery{Network: "TWITTER", Page: simulator.Page{Limit: 1}})
	if len(page) != 1 || counts["twitter/tweet"] != 2 || !page[0].Date.Equal(day("2017-01-03 10:00:00")) {
		t.Fatalf("interactions: %+v %v", page, counts)
	}
}

func code(e *simulator.Error) int {
	if e == nil {
		return 0
	}
	return e.Number()
}

func TestNewTicket(t *testing.T) {
	org := &simulator.Org{OrgV11: simulator.OrgV11{Departments: []string{"INTERNAL", "Billing"}}}
	existing := sampleHistory().Tickets
	tests := []struct {
		name string
		in   simulator.Ticket
		code int
	}{
		{"ok", simulator.Ticket{Subject: "new issue", Priority: "high", Department: "billing"}, 0},
		{"empty subject", simulator.Ticket{Subject: "  "}, 1303},
		{"duplicate open subject", simulator.Ticket{Subject: "Points Issue "}, 1301},
		{"closed subject may be raised again", simulator.Ticket{Subject: "late"}, 0},
		{"bad priority", simulator.Ticket{Subject: "x", Priority: "urgent"}, 1302},
		{"bad status", simulator.Ticket{Subject: "x", Status: "WHATEVER"}, 1302},
		{"unknown department", simulator.Ticket{Subject: "x", Department: "Sales"}, 1302},
		{"bad reported_from", simulator.Ticket{Subject: "x", ReportedFrom: "FAX"}, 1302},
		{"bad type", simulator.Ticket{Subject: "x", Type: "ONLINE"}, 1302},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := simulator.NewTicket(tc.in, existing, org)
			if code(err) != tc.code {
				t.Fatalf("code %d, want %d (%v)", code(err), tc.code, err)
			}
			if err == nil && (got.Status != "OPEN" || got.Priority == "") {
				t.Fatalf("defaults not applied: %+v", got)
			}
		})
	}
}

func TestCheckReferralCampaign(t *testing.T) {
	now := day("2026-01-01 00:00:00")
	org := &simulator.Org{OrgV11: simulator.OrgV11{
		CouponSeries: []simulator.CouponSeries{{ID: 900}},
		ReferralCampaigns: []simulator.ReferralCampaign{
			{Token: "12511", Active: true, Default: true, Types: []string{"EMAIL", "MOBILE"}, IncentiveSeries: 900},
			{Token: "off", Active: false, Types: []string{"EMAIL"}, IncentiveSeries: 900},
			{Token: "old", Active: true, Ends: day("2020-01-01 00:00:00"), Types: []string{"EMAIL"}, IncentiveSeries: 900},
			{Token: "noseries", Active: true, Types: []string{"EMAIL"}, IncentiveSeries: 1},
			{Token: "loyal", Active: true, LoyaltyOnly: true, Types: []string{"EMAIL"}, IncentiveSeries: 900},
		},
	}}
	loyal := &simulator.Customer{LoyaltyType: simulator.LoyaltyLoyalty}
	guest := &simulator.Customer{LoyaltyType: simulator.LoyaltyNonLoyalty}
	tests := []struct {
		token string
		c     *simulator.Customer
		code  int
	}{
		{"12511", loyal, 0}, {"", guest, 0}, {"nope", loyal, 1202}, {"off", loyal, 1203},
		{"old", loyal, 1203}, {"noseries", loyal, 1203}, {"loyal", guest, 1204}, {"loyal", loyal, 0},
		{"12511", &simulator.Customer{LoyaltyType: simulator.LoyaltyNotInterested}, 1204},
	}
	for _, tc := range tests {
		camp, err := simulator.CheckReferralCampaign(org, tc.token, tc.c, now)
		if code(err) != tc.code {
			t.Errorf("token %q: code %d, want %d", tc.token, code(err), tc.code)
		}
		if err == nil {
			if _, terr := simulator.CheckReferralType(camp, "sms"); code(terr) != 1206 {
				t.Errorf("token %q: type sms: code %d, want 1206", tc.token, code(terr))
			}
			if got, terr := simulator.CheckReferralType(camp, "email"); terr != nil || got != "EMAIL" {
				t.Errorf("token %q: type email: %q %v", tc.token, got, terr)
			}
		}
	}
}

func TestNewNote(t *testing.T) {
	at := day("2016-05-05 15:15:00")
	if n, err := simulator.NewNote(at, " Likes Maggi ", "443"); err != nil || n.Description != "Likes Maggi" || n.AssociateID != "443" || !n.Date.Equal(at) {
		t.Fatalf("got %+v %v", n, err)
	}
	if _, err := simulator.NewNote(at, " ", ""); code(err) != 1037 {
		t.Errorf("empty description: code %d, want 1037", code(err))
	}
}

// TestWallUnix checks WallUnix against Wall over zones with and without
// daylight saving, before and after 1970, with and without fractions.
func TestWallUnix(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 19800), time.FixedZone("", -12600)}
	for _, name := range []string{"Europe/London", "America/New_York", "Asia/Kolkata"} {
		if loc, err := time.LoadLocation(name); err == nil {
			zones = append(zones, loc)
		}
	}
	base := time.Date(1969, 12, 31, 23, 59, 59, 500, time.UTC)
	for _, loc := range zones {
		for i := int64(0); i < 2000; i++ {
			at := base.Add(time.Duration(i*i*7919) * time.Second).Add(time.Duration(i) * 333 * time.Millisecond).In(loc)
			if got, want := simulator.WallUnix(at), simulator.Wall(at).Unix(); got != want {
				t.Fatalf("%v: WallUnix %d, Wall %d", at, got, want)
			}
		}
	}
}
