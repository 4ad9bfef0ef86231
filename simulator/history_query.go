package simulator

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// DefaultHistoryLimit is how many records a v1.1 history read returns when
// the request names no limit (the reference's documented default for
// transactions, applied to every history list).
const DefaultHistoryLimit = 10

// Wall returns t's wall clock in its own zone as a UTC instant: v1.1 writes
// dates without a zone ("2016-12-21 23:45:45") in the zone they were recorded
// in, and reads query dates the same way, so dates compare as written.
func Wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// WallUnix is Wall(t).Unix() without the calendar arithmetic: what ordering
// a customer's bills by wall clock needs, for each of thousands of them.
func WallUnix(t time.Time) int64 {
	_, off := t.Zone()
	return t.Unix() + int64(off)
}

// Window is an inclusive range of wall-clock instants (see Wall); a zero end
// is open.
type Window struct{ From, To time.Time }

// Contains reports whether t (in its own zone) lies in the window.
func (w Window) Contains(t time.Time) bool {
	c := Wall(t)
	return (w.From.IsZero() || !c.Before(w.From)) && (w.To.IsZero() || !c.After(w.To))
}

// Page is an offset and a limit; a limit of 0 means DefaultHistoryLimit.
type Page struct{ Offset, Limit int }

func pageOf[T any](items []T, p Page) []T {
	limit := p.Limit
	if limit <= 0 {
		limit = DefaultHistoryLimit
	}
	off := max(p.Offset, 0)
	if off >= len(items) {
		return []T{}
	}
	items = items[off:]
	if len(items) > limit {
		items = items[:limit]
	}
	return items
}

// sortBy sorts items stably by key, ascending or descending, ties broken by
// id in the same direction so that the order is total.
func sortBy[T any, K cmp.Ordered](items []T, asc bool, key func(*T) K, id func(*T) int64) {
	sortKeyed(items, asc, key, id)
}

// sortStable sorts items stably by key, ascending or descending; equal keys
// keep the order they were recorded in.
func sortStable[T any, K cmp.Ordered](items []T, asc bool, key func(*T) K) {
	sortKeyed(items, asc, key, nil)
}

// sortKeyed computes each item's key (and id, when id is given) once and
// sorts those, not the items: history records are large structs, and
// keys such as a wall-clock date cost a time conversion each.
func sortKeyed[T any, K cmp.Ordered](items []T, asc bool, key func(*T) K, id func(*T) int64) {
	if len(items) < 2 {
		return
	}
	type keyed struct {
		k  K
		id int64
		i  int
	}
	ks := make([]keyed, len(items))
	for i := range items {
		ks[i] = keyed{k: key(&items[i]), i: i}
		if id != nil {
			ks[i].id = id(&items[i])
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		c := cmp.Compare(a.k, b.k)
		if c == 0 {
			c = cmp.Compare(a.id, b.id)
		}
		if !asc {
			c = -c
		}
		return c
	})
	sorted := make([]T, len(items))
	for j, k := range ks {
		sorted[j] = items[k.i]
	}
	copy(items, sorted)
}

func eqFold(filter, v string) bool { return filter == "" || strings.EqualFold(filter, v) }

// TransactionQuery selects and orders transactions (customer/transactions).
type TransactionQuery struct {
	Window
	Day            time.Time // transaction_date: that whole day (wall clock); zero: any
	ID             int64     // transaction_id
	Number         string    // number (bill number)
	Amount         *float64  // amount
	StoreCode      string    // store_code, store_id, store_name resolved to a code
	TillCode       string    // till_code, till_name resolved to a code
	StartID, EndID int64     // start_id, end_id: an inclusive id range
	SortByID       bool      // sort=trans_id; else trans_date
	Asc            bool      // order=asc; else desc
	Page
}

// FindTransactions returns the page of the customer's transactions q selects
// and how many it selects in all.
func (h *History) FindTransactions(q TransactionQuery) (page []Transaction, total int) {
	if h == nil {
		return []Transaction{}, 0
	}
	var out []Transaction
	for _, t := range h.Transactions {
		switch {
		case !q.Window.Contains(t.Date),
			!q.Day.IsZero() && !Wall(t.Date).Truncate(24*time.Hour).Equal(q.Day.Truncate(24*time.Hour)),
			q.ID != 0 && t.ID != q.ID,
			q.Number != "" && !strings.EqualFold(t.Number, q.Number),
			q.Amount != nil && t.Amount != *q.Amount,
			!eqFold(q.StoreCode, t.StoreCode),
			!eqFold(q.TillCode, t.TillCode),
			q.StartID != 0 && t.ID < q.StartID,
			q.EndID != 0 && t.ID > q.EndID:
			continue
		}
		out = append(out, t)
	}
	id := func(t *Transaction) int64 { return t.ID }
	if q.SortByID {
		sortBy(out, q.Asc, id, id)
	} else {
		sortBy(out, q.Asc, func(t *Transaction) int64 { return WallUnix(t.Date) }, id)
	}
	return pageOf(out, q.Page), len(out)
}

// RedemptionQuery selects and orders redemptions (customer/redemptions).
type RedemptionQuery struct {
	Window
	Kind                         string // RedemptionPoints, RedemptionCoupon, or "" for both
	PointsStartID, PointsEndID   int64
	CouponsStartID, CouponsEndID int64
	ProgramID                    int64
	ExternalReference            string
	SortByID                     bool // sort=redemption_id; else redeemed_time
	Asc                          bool
	PointsLimit, CouponsLimit    int // 0: DefaultHistoryLimit
	PointsOffset, CouponsOffset  int
}

// FindRedemptions returns the pages of points and coupon redemptions q
// selects and how many of each it selects in all.
func (h *History) FindRedemptions(q RedemptionQuery) (points, coupons []Redemption, pointsTotal, couponsTotal int) {
	points, coupons = []Redemption{}, []Redemption{}
	if h == nil {
		return points, coupons, 0, 0
	}
	for _, r := range h.Redemptions {
		if !q.Window.Contains(r.Date) || (q.Kind != "" && r.Kind != q.Kind) {
			continue
		}
		switch r.Kind {
		case RedemptionPoints:
			if (q.PointsStartID != 0 && r.ID < q.PointsStartID) || (q.PointsEndID != 0 && r.ID > q.PointsEndID) ||
				(q.ProgramID != 0 && r.ProgramID != q.ProgramID) ||
				(q.ExternalReference != "" && r.ExternalReference != q.ExternalReference) {
				continue
			}
			points = append(points, r)
		case RedemptionCoupon:
			if (q.CouponsStartID != 0 && r.ID < q.CouponsStartID) || (q.CouponsEndID != 0 && r.ID > q.CouponsEndID) ||
				q.ProgramID != 0 || q.ExternalReference != "" {
				continue
			}
			coupons = append(coupons, r)
		}
	}
	id := func(r *Redemption) int64 { return r.ID }
	key := func(r *Redemption) int64 { return WallUnix(r.Date) }
	if q.SortByID {
		key = id
	}
	sortBy(points, q.Asc, key, id)
	sortBy(coupons, q.Asc, key, id)
	return pageOf(points, Page{q.PointsOffset, q.PointsLimit}), pageOf(coupons, Page{q.CouponsOffset, q.CouponsLimit}), len(points), len(coupons)
}

// Coupon orderings (customer/coupons order_by).
const (
	CouponOrderCreated   = "created_date"
	CouponOrderAmount    = "amount"
	CouponOrderValidTill = "valid_till"
)

// CouponQuery selects and orders coupons (customer/coupons).
type CouponQuery struct {
	Window             // issued between
	Statuses  []string // any of them, as Coupon.Is names them (active, redeemed, expired, unredeemed, ...)
	SeriesID  int64
	StoreCode string // active coupons redeemable at this store
	OrderBy   string // CouponOrderCreated (default), CouponOrderAmount, CouponOrderValidTill
	Asc       bool
	Page
}

// FindCoupons returns the page of coupons q selects at now and how many it
// selects in all. org gives the series (for amounts and redeemable stores).
func (h *History) FindCoupons(q CouponQuery, org *Org, now time.Time) (page []Coupon, total int) {
	if h == nil {
		return []Coupon{}, 0
	}
	statusOK := func(c *Coupon) bool {
		if len(q.Statuses) == 0 {
			return true
		}
		for _, want := range q.Statuses {
			if c.Is(want, org.Series(c.SeriesID), now) {
				return true
			}
		}
		return false
	}
	var out []Coupon
	for _, c := range h.Coupons {
		if !q.Window.Contains(c.IssuedOn) || (q.SeriesID != 0 && c.SeriesID != q.SeriesID) || !statusOK(&c) {
			continue
		}
		if q.StoreCode != "" {
			s := org.Series(c.SeriesID)
			if c.Status(now) != CouponActive || (s != nil && !s.RedeemableAt(q.StoreCode)) {
				continue
			}
		}
		out = append(out, c)
	}
	id := func(c *Coupon) int64 { return c.ID }
	switch q.OrderBy {
	case CouponOrderAmount:
		sortBy(out, q.Asc, func(c *Coupon) float64 {
			if s := org.Series(c.SeriesID); s != nil {
				return s.DiscountValue
			}
			return 0
		}, id)
	case CouponOrderValidTill:
		sortBy(out, q.Asc, func(c *Coupon) int64 { return Wall(c.ValidTill).Unix() }, id)
	default:
		sortBy(out, q.Asc, func(c *Coupon) int64 { return Wall(c.IssuedOn).Unix() }, id)
	}
	return pageOf(out, q.Page), len(out)
}

// TicketQuery selects tickets (customer/tickets GET); they come newest first
// unless Asc.
type TicketQuery struct {
	Window       // created between
	Status       string
	Priority     string
	Department   string
	Code         string
	ReportedFrom string
	Type         string
	Asc          bool
	Page
}

// FindTickets returns the page of tickets q selects and how many it selects in all.
func (h *History) FindTickets(q TicketQuery) (page []Ticket, total int) {
	if h == nil {
		return []Ticket{}, 0
	}
	var out []Ticket
	for _, t := range h.Tickets {
		if !q.Window.Contains(t.CreatedOn) || !eqFold(q.Status, t.Status) || !eqFold(q.Priority, t.Priority) ||
			!eqFold(q.Department, t.Department) || !eqFold(q.Code, t.Code) ||
			!eqFold(q.ReportedFrom, t.ReportedFrom) || !eqFold(q.Type, t.Type) {
			continue
		}
		out = append(out, t)
	}
	sortStable(out, q.Asc, func(t *Ticket) int64 { return Wall(t.CreatedOn).Unix() })
	return pageOf(out, q.Page), len(out)
}

// InteractionQuery selects interactions (customer/interaction); they come
// newest first unless Asc.
type InteractionQuery struct {
	Window
	Network string
	Type    string
	Asc     bool
	Page
}

// FindInteractions returns the page of interactions q selects and how many
// of each network and type it selects in all (keyed "network/type", lower case).
func (h *History) FindInteractions(q InteractionQuery) (page []Interaction, counts map[string]int) {
	counts = map[string]int{}
	if h == nil {
		return []Interaction{}, counts
	}
	var out []Interaction
	for _, in := range h.Interactions {
		if !q.Window.Contains(in.Date) || !eqFold(q.Network, in.Network) || !eqFold(q.Type, in.Type) {
			continue
		}
		out = append(out, in)
		counts[strings.ToLower(in.Network)+"/"+strings.ToLower(in.Type)]++
	}
	sortStable(out, q.Asc, func(in *Interaction) int64 { return Wall(in.Date).Unix() })
	return pageOf(out, q.Page), counts
}

// NotesBy returns the customer's notes, all of them or those associate
// recorded, in the order they were recorded.
func (h *History) NotesBy(associate string) []Note {
	out := []Note{}
	if h == nil {
		return out
	}
	for _, n := range h.Notes {
		if associate == "" || n.AssociateID == associate {
			out = append(out, n)
		}
	}
	return out
}

// ReferralQuery selects what customer/referrals GET shows of one campaign.
type ReferralQuery struct {
	Window           // invited or added between (incentives are not filtered)
	StoreCode string // invitations made at this store; "" or "all": every store
	Asc       bool   // by invitation time; newest first unless Asc
	Page             // of invitees
}

// Select returns a copy of r with the invitees, referees and incentives q
// selects, invitees ordered and paged.
func (r *Referral) Select(q ReferralQuery) Referral {
	out := Referral{CampaignToken: r.CampaignToken, ReferralCode: r.ReferralCode,
		Invitees: []Invitee{}, Referees: []Referee{}, Incentives: []Incentive{}}
	allStores := q.StoreCode == "" || strings.EqualFold(q.StoreCode, "all")
	for _, in := range r.Invitees {
		if q.Window.Contains(in.InvitedOn) && (allStores || strings.EqualFold(in.StoreCode, q.StoreCode)) {
			out.Invitees = append(out.Invitees, in)
		}
	}
	for _, rf := range r.Referees {
		if q.Window.Contains(rf.AddedOn) {
			out.Referees = append(out.Referees, rf)
		}
	}
	out.Incentives = append(out.Incentives, r.Incentives...)
	sortStable(out.Invitees, q.Asc, func(in *Invitee) int64 { return Wall(in.InvitedOn).Unix() })
	out.Invitees = pageOf(out.Invitees, q.Page)
	return out
}
