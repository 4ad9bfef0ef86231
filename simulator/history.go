package simulator

import (
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// History is the customer's activity that the v1.1 API exposes besides the
// profile: transactions, redemptions, coupons, notes, tickets, referrals,
// preferences and interactions. v2 ignores it. Subscriptions are not here:
// both API versions read and write Customer.Subscriptions.
type History struct {
	Transactions []Transaction `json:"transactions,omitempty"`
	// Redemptions are only ever appended to, or dropped from the front
	// (or copied without one): none changes or moves in place. The store
	// lends a writer the redemptions it holds, which its readers share,
	// and writes only the new ones.
	Redemptions []Redemption `json:"redemptions,omitempty"`
	Coupons     []Coupon     `json:"coupons,omitempty"`
	Notes       []Note       `json:"notes,omitempty"`
	Tickets     []Ticket     `json:"tickets,omitempty"`
	Referrals   []Referral   `json:"referrals,omitempty"`
	// Preferences are the values of the org's preference fields (see
	// Org.PreferenceFields), in the order they were first set.
	Preferences  []Field       `json:"preferences,omitempty"`
	Interactions []Interaction `json:"interactions,omitempty"`
	// IdentityChanges are the customer's identity change requests, oldest first.
	IdentityChanges []IdentityChange `json:"identityChanges,omitempty"`

	// lent is set while Transactions shares its bills with others (see
	// LendBills).
	lent bool
	// latest is what MarkLatest or SetLatestMark left of the latest bill.
	latest LatestMark
}

// LendBills marks h's Transactions as shared with others (the store's
// readers, so that a write to a customer with thousands of bills need not
// copy them): h may append bills, and the accessors that return a bill to
// change (Transaction, TransactionsNumbered, a return's original) give h
// its own copy first. Code that changes a bill of h in place must find it
// through them.
func (h *History) LendBills() { h.lent = true }

// BillsLent reports whether h's bills are still shared as LendBills lent
// them: no accessor has copied them since.
func (h *History) BillsLent() bool { return h != nil && h.lent }

// ownBills gives h its own copy of lent bills, so that they may change.
// It writes nothing to h otherwise: readers sharing h call it too.
func (h *History) ownBills() {
	if h.lent {
		h.Transactions = (&History{Transactions: h.Transactions}).Clone().Transactions
		h.lent = false
		h.latest = LatestMark{} // only lent bills carry one
	}
}

// LatestMark remembers which of a list's first n bills is the latest (see
// LatestBill), so that finding it again once bills were appended costs the
// new bills only: v1.1's search terms, built at every write, need it of
// customers with thousands of bills. first names the array it was found
// in: any other array (a copy, another list) makes it void.
type LatestMark struct {
	first *Transaction
	n, i  int
}

// holds reports whether m is of bills.
func (m LatestMark) holds(bills []Transaction) bool {
	return m.n > 0 && m.n <= len(bills) && &bills[0] == m.first
}

// LatestBill returns the bill FindTransactions lists first by default (the
// latest wall-clock second, then the highest id), or nil for none. It
// changes nothing, so readers may share h.
func (h *History) LatestBill() *Transaction {
	if h == nil {
		return nil
	}
	if i := h.latestIndex(h.latest); i >= 0 {
		return &h.Transactions[i]
	}
	return nil
}

// latestIndex returns the position of the latest bill (-1 for none),
// looking only past the bills m holds.
func (h *History) latestIndex(m LatestMark) int {
	best, from := -1, 0
	var bestAt int64
	if m.holds(h.Transactions) {
		best, from = m.i, m.n
		bestAt = WallUnix(h.Transactions[best].Date)
	}
	for i := from; i < len(h.Transactions); i++ {
		t := &h.Transactions[i]
		at := WallUnix(t.Date)
		if best < 0 || at > bestAt || (at == bestAt && t.ID > h.Transactions[best].ID) {
			best, bestAt = i, at
		}
	}
	return best
}

// MarkLatest finds the latest bill and, if h's bills are lent
// (LendBills), remembers it for LatestBill and returns the mark, for a
// History that holds these bills (SetLatestMark). Lent bills cannot change
// in place, so an earlier mark of them stands and only the bills past it
// are read. Bills of h's own may change in place at any time: they are
// read whole and carry no mark (the zero mark is returned). Only the owner
// of h may call it.
func (h *History) MarkLatest() LatestMark {
	if h == nil || !h.lent {
		return LatestMark{}
	}
	m := h.latest
	h.latest = LatestMark{}
	if i := h.latestIndex(m); i >= 0 {
		h.latest = LatestMark{first: &h.Transactions[0], n: len(h.Transactions), i: i}
	}
	return h.latest
}

// SetLatestMark gives h the mark MarkLatest returned of the bills h now
// holds (it counts only if they are the same array), before h is shared.
func (h *History) SetLatestMark(m LatestMark) { h.latest = m }

// Field is a name and a value: a custom field, a preference, a ticket field.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Transaction types.
const (
	TransactionRegular       = "REGULAR"
	TransactionReturn        = "RETURN"
	TransactionNotInterested = "NOT_INTERESTED"
)

// Transaction is one bill of the customer.
type Transaction struct {
	ID          int64     `json:"id"`
	Number      string    `json:"number"` // the bill number
	Type        string    `json:"type"`   // REGULAR, RETURN or NOT_INTERESTED
	Date        time.Time `json:"date"`   // the billing time
	StoreCode   string    `json:"storeCode"`
	TillCode    string    `json:"tillCode"`
	Amount      float64   `json:"amount"` // what the customer paid: gross - discount
	GrossAmount float64   `json:"grossAmount"`
	Discount    float64   `json:"discount"`
	Notes       string    `json:"notes,omitempty"`
	// ProgramID is the program the points were issued and redeemed in.
	ProgramID      int64        `json:"programId,omitempty"`
	PointsIssued   float64      `json:"pointsIssued"`
	PointsRedeemed float64      `json:"pointsRedeemed"`
	Coupons        []string     `json:"coupons,omitempty"` // codes of coupons redeemed on the bill
	LineItems      []LineItem   `json:"lineItems,omitempty"`
	CustomFields   []Field      `json:"customFields,omitempty"`
	CreditNotes    []CreditNote `json:"creditNotes,omitempty"`
	// What the earn-and-burn APIs add (earning.go). All are empty on the
	// fixtures' bills, which read as before.
	ExtendedFields []Field   `json:"extendedFields,omitempty"`
	Payments       []Payment `json:"payments,omitempty"`
	// Currency is the ISO code the bill was paid in when it is not the
	// org's base currency; LocalAmount is the amount in it.
	Currency    string  `json:"currency,omitempty"`
	LocalAmount float64 `json:"localAmount,omitempty"`
	// CustomerID is the customer a bill belongs to; 0 for a not-interested bill.
	CustomerID int64     `json:"customerId,omitempty"`
	AddedOn    time.Time `json:"addedOn,omitzero"` // when it was recorded (the clock's now)
	UpdatedOn  time.Time `json:"updatedOn,omitzero"`
	// Return bills: the bill returned (its number and id), how (FULL, AMOUNT,
	// LINE_ITEM) and the points the return took back.
	ReturnOf       string  `json:"returnOf,omitempty"`
	ReturnOfID     int64   `json:"returnOfId,omitempty"`
	ReturnType     string  `json:"returnType,omitempty"`
	PointsReverted float64 `json:"pointsReverted,omitempty"`
	// Regular bills: what returns have taken back from them so far.
	Returned        float64 `json:"returned,omitempty"`        // the amount returned
	ReturnedBy      string  `json:"returnedBy,omitempty"`      // the return type used: AMOUNT, LINE_ITEM or FULL
	PointsTakenBack float64 `json:"pointsTakenBack,omitempty"` // points the returns took back
	// Source is the API that wrote the bill: "v1.1" or "v2"; "" for fixtures.
	Source string `json:"source,omitempty"`
	// DeliveryStatus is where an order's goods are (v2: PLACED, PROCESSED,
	// SHIPPED, DELIVERED, RETURNED); "" when the bill never said.
	DeliveryStatus string `json:"deliveryStatus,omitempty"`
}

// Payment is one tender of a bill.
type Payment struct {
	Mode       string  `json:"mode"`
	Value      float64 `json:"value"`
	Notes      string  `json:"notes,omitempty"`
	Attributes []Field `json:"attributes,omitempty"`
}

// LineItem is one line of a bill.
type LineItem struct {
	Serial      int     `json:"serial"`
	ItemCode    string  `json:"itemCode"`
	Description string  `json:"description"`
	Qty         float64 `json:"qty"`
	Rate        float64 `json:"rate"`
	Value       float64 `json:"value"` // qty × rate
	Discount    float64 `json:"discount"`
	Amount      float64 `json:"amount"` // value - discount
	// ReturnedQty is how much of the line returns have taken back.
	ReturnedQty    float64 `json:"returnedQty,omitempty"`
	ExtendedFields []Field `json:"extendedFields,omitempty"`
	// Returnable is false for an item the store never takes back; unset
	// means it can be returned.
	NotReturnable bool `json:"notReturnable,omitempty"`
}

// CreditNote is a receipt given for returned goods, usable for later purchases.
type CreditNote struct {
	Number string    `json:"number"`
	Amount float64   `json:"amount"`
	Notes  string    `json:"notes,omitempty"`
	Date   time.Time `json:"date"`
}

// Redemption kinds.
const (
	RedemptionPoints = "POINTS"
	RedemptionCoupon = "COUPON"
)

// Redemption is one redemption of points or of a coupon.
type Redemption struct {
	ID                int64     `json:"id"`
	Kind              string    `json:"kind"` // POINTS or COUPON
	Date              time.Time `json:"date"`
	TransactionNumber string    `json:"transactionNumber"`
	StoreCode         string    `json:"storeCode"`
	TillCode          string    `json:"tillCode"`
	// Points redemptions.
	Points            float64 `json:"points,omitempty"`
	ProgramID         int64   `json:"programId,omitempty"`
	ExternalReference string  `json:"externalReference,omitempty"`
	// Coupon redemptions.
	CouponCode string `json:"couponCode,omitempty"`
	SeriesID   int64  `json:"seriesId,omitempty"`
}

// Coupon statuses, as the v1.1 coupons filter names them.
const (
	CouponActive   = "active"
	CouponRedeemed = "redeemed"
	CouponExpired  = "expired"
)

// Coupon is a coupon issued to the customer.
type Coupon struct {
	ID                int64     `json:"id"`
	Code              string    `json:"code"`
	SeriesID          int64     `json:"seriesId"`
	IssuedOn          time.Time `json:"issuedOn"`
	ValidTill         time.Time `json:"validTill"`
	TransactionNumber string    `json:"transactionNumber,omitempty"` // the bill it was issued on
	StoreCode         string    `json:"storeCode,omitempty"`         // where it was issued
	// Redemptions lists every use of the coupon, oldest first.
	Redemptions []CouponRedemption `json:"redemptions,omitempty"`
}

// CouponRedemption is one use of a coupon.
type CouponRedemption struct {
	Date              time.Time `json:"date"`
	TransactionNumber string    `json:"transactionNumber"`
	StoreCode         string    `json:"storeCode"`
}

// The states a coupon read filters on besides its Status: v1.1's
// unredeemed (active or expired), and v2's validity and use combined and
// redeemable (GET /v2/customers/{id}/coupons status=).
const (
	CouponUnredeemed        = "unredeemed"
	CouponActiveRedeemed    = "active_redeemed"
	CouponActiveUnredeemed  = "active_unredeemed"
	CouponExpiredRedeemed   = "expired_redeemed"
	CouponExpiredUnredeemed = "expired_unredeemed"
	CouponRedeemable        = "redeemable"
)

// Is reports whether c is in state (a Status, or one of the states above,
// case-insensitive) at now; s is c's series (nil when the org has none). A
// coupon is expired once its validity has ended, redeemed once used at
// all, and redeemable while it is valid, its series runs and is no trial,
// and it has redemptions left. An unknown state matches nothing.
func (c *Coupon) Is(state string, s *CouponSeries, now time.Time) bool {
	expired := !c.ValidTill.IsZero() && c.ValidTill.Before(now)
	redeemed := len(c.Redemptions) > 0
	switch strings.ToLower(state) {
	case CouponActive, CouponRedeemed, CouponExpired:
		return strings.EqualFold(state, c.Status(now))
	case CouponUnredeemed:
		return !redeemed
	case CouponActiveRedeemed:
		return !expired && redeemed
	case CouponActiveUnredeemed:
		return !expired && !redeemed
	case CouponExpiredRedeemed:
		return expired && redeemed
	case CouponExpiredUnredeemed:
		return expired && !redeemed
	case CouponRedeemable:
		return !expired && (s == nil || !s.ExpiredAt(now) && !s.Trial) && c.RedemptionsLeft(s) > 0
	}
	return false
}

// RedemptionsLeft returns how many more times c may be redeemed under its
// series s (once in all when s is nil).
func (c *Coupon) RedemptionsLeft(s *CouponSeries) int {
	per := 1
	if s != nil {
		per = s.perCoupon()
	}
	return max(per-len(c.Redemptions), 0)
}

// Status returns the coupon's status at now: redeemed once used, else expired
// after its validity, else active.
func (c *Coupon) Status(now time.Time) string {
	switch {
	case len(c.Redemptions) > 0:
		return CouponRedeemed
	case !c.ValidTill.IsZero() && c.ValidTill.Before(now):
		return CouponExpired
	}
	return CouponActive
}

// Note is a free-text note an associate recorded about the customer.
type Note struct {
	ID          int64     `json:"id"`
	AssociateID string    `json:"associateId,omitempty"`
	Date        time.Time `json:"date"`    // the date the note is about
	AddedOn     time.Time `json:"addedOn"` // when it was recorded
	Description string    `json:"description"`
}

// Ticket is a customer-service ticket.
type Ticket struct {
	Code         string    `json:"code"`
	Subject      string    `json:"subject"`
	Message      string    `json:"message,omitempty"`
	Status       string    `json:"status"`   // OPEN, IN_PROGRESS, CLOSED, ...
	Priority     string    `json:"priority"` // LOW, MEDIUM or HIGH
	Department   string    `json:"department,omitempty"`
	ReportedFrom string    `json:"reportedFrom,omitempty"` // EMAIL, INTOUCH, CALLCENTER, ...
	Type         string    `json:"type,omitempty"`         // STORE or CUSTOMER
	StoreCode    string    `json:"storeCode,omitempty"`
	TillCode     string    `json:"tillCode,omitempty"`
	CustomFields []Field   `json:"customFields,omitempty"`
	CreatedOn    time.Time `json:"createdOn"`
	UpdatedOn    time.Time `json:"updatedOn"`
}

// Referral is the customer's standing as a referrer in one referral campaign.
type Referral struct {
	CampaignToken string      `json:"campaignToken"`
	ReferralCode  string      `json:"referralCode"`
	Invitees      []Invitee   `json:"invitees,omitempty"`
	Referees      []Referee   `json:"referees,omitempty"`
	Incentives    []Incentive `json:"incentives,omitempty"`
}

// Referral channels.
const (
	ReferralEmail  = "EMAIL"
	ReferralMobile = "MOBILE"
)

// Invitee is someone the customer invited.
type Invitee struct {
	ID         string    `json:"id,omitempty"` // the client's id for the invitation
	Type       string    `json:"type"`         // EMAIL or MOBILE
	Name       string    `json:"name,omitempty"`
	Identifier string    `json:"identifier"`
	InvitedOn  time.Time `json:"invitedOn"`
	TillCode   string    `json:"tillCode"`
	StoreCode  string    `json:"storeCode"`
	Success    bool      `json:"success"` // whether the invitation could be sent
}

// Referee is an invitee who registered or transacted.
type Referee struct {
	EventType  string    `json:"eventType"` // REGISTRATION or TRANSACTION
	UserID     int64     `json:"userId"`
	FirstName  string    `json:"firstName"`
	LastName   string    `json:"lastName"`
	Email      string    `json:"email,omitempty"`
	Mobile     string    `json:"mobile,omitempty"`
	ExternalID string    `json:"externalId,omitempty"`
	AddedOn    time.Time `json:"addedOn"`
}

// Incentive is a reward the referrer received for a referee's event.
type Incentive struct {
	EventType  string    `json:"eventType"` // REGISTRATION or TRANSACTION
	CouponCode string    `json:"couponCode"`
	ValidTill  time.Time `json:"validTill"`
	Value      float64   `json:"value,omitempty"`
	Redeemed   bool      `json:"redeemed"`
	RedeemedOn time.Time `json:"redeemedOn,omitzero"`
}

// Interaction is one contact between the org and the customer on a network
// (facebook, twitter, foursquare, capillary).
type Interaction struct {
	Network string    `json:"network"`
	Type    string    `json:"type"` // checkin, like, tweet, retweet, email, emailbulk, sms, survey, ...
	Date    time.Time `json:"date"`
	Loc     *Loc      `json:"loc,omitempty"`
	Message *Message  `json:"message,omitempty"`
	Survey  *Survey   `json:"survey,omitempty"`
}

// Loc is where a check-in happened.
type Loc struct {
	Lat  float64 `json:"lat"`
	Long float64 `json:"long"`
}

// Message is an email or SMS sent to the customer.
type Message struct {
	ID            int64     `json:"id"`
	Sender        string    `json:"sender"`
	Receiver      string    `json:"receiver"`
	Subject       string    `json:"subject"`
	Status        string    `json:"status,omitempty"` // SENT, DELIVERED, FAILED
	DeliveredTime time.Time `json:"deliveredTime,omitzero"`
}

// Survey is a survey the customer answered.
type Survey struct {
	Name           string    `json:"name"`
	NPSScore       int       `json:"npsScore"`
	SentBy         string    `json:"sentBy"`
	ResponseURL    string    `json:"responseUrl,omitempty"`
	CompletionTime time.Time `json:"completionTime"`
}

// Preference returns the value of preference name (case-insensitive), if set.
func (h *History) Preference(name string) (string, bool) {
	if h == nil {
		return "", false
	}
	for _, p := range h.Preferences {
		if strings.EqualFold(p.Name, name) {
			return p.Value, true
		}
	}
	return "", false
}

// SetPreference sets preference name, replacing an earlier value of the same
// name (case-insensitive) in place.
func (h *History) SetPreference(name, value string) {
	for i := range h.Preferences {
		if strings.EqualFold(h.Preferences[i].Name, name) {
			h.Preferences[i].Value = value
			return
		}
	}
	h.Preferences = append(h.Preferences, Field{Name: name, Value: value})
}

// Referral returns the customer's referral record in campaign token, if any.
func (h *History) Referral(token string) *Referral {
	if h == nil {
		return nil
	}
	for i := range h.Referrals {
		if h.Referrals[i].CampaignToken == token {
			return &h.Referrals[i]
		}
	}
	return nil
}

// Coupon returns the coupon with code (case-insensitive), if issued to the customer.
func (h *History) Coupon(code string) *Coupon {
	if h == nil {
		return nil
	}
	for i := range h.Coupons {
		if strings.EqualFold(h.Coupons[i].Code, code) {
			return &h.Coupons[i]
		}
	}
	return nil
}

// ReferralCode returns the code c refers others with, the same in every
// campaign: three letters of the name and the id in base 36 ("TOMDPI" for
// Tom Sawyer, 17742), so it is stable and unique.
func (c *Customer) ReferralCode() string {
	prefix := "REF"
	if p := c.Primary(); p != nil {
		var b strings.Builder
		for _, r := range strings.ToUpper(p.FirstName + p.LastName) {
			if r >= 'A' && r <= 'Z' {
				b.WriteRune(r)
			}
		}
		if s := b.String(); len(s) >= 3 {
			prefix = s[:3]
		}
	}
	return prefix + strings.ToUpper(strconv.FormatInt(c.ID, 36))
}

// TicketCode returns the code of ticket number n: nine base-36 characters
// ("35t40ld04" in the reference's sample), scrambled so that consecutive
// tickets do not look consecutive. Distinct n in [0, 36^9 - 1000003) give
// distinct codes.
func TicketCode(n int64) string {
	const space = 101559956668416 // 36^9
	const mult = 2654435761       // odd and coprime to 36, so n -> n*mult is a bijection
	hi, lo := bits.Mul64(uint64(n+1_000_003)%space, mult)
	_, v := bits.Div64(hi, lo, space)
	s := strconv.FormatUint(v, 36)
	return strings.Repeat("0", 9-len(s)) + s
}

// Clone returns a deep copy of h (nil for nil).
func (h *History) Clone() *History {
	if h == nil {
		return nil
	}
	out := &History{
		Transactions: cloneSlice(h.Transactions, func(t Transaction) Transaction {
			t.Coupons = cloneSlice(t.Coupons, nil)
			t.CustomFields = cloneSlice(t.CustomFields, nil)
			t.CreditNotes = cloneSlice(t.CreditNotes, nil)
			t.ExtendedFields = cloneSlice(t.ExtendedFields, nil)
			t.Payments = cloneSlice(t.Payments, func(p Payment) Payment {
				p.Attributes = cloneSlice(p.Attributes, nil)
				return p
			})
			t.LineItems = cloneSlice(t.LineItems, func(l LineItem) LineItem {
				l.ExtendedFields = cloneSlice(l.ExtendedFields, nil)
				return l
			})
			return t
		}),
		Redemptions: cloneSlice(h.Redemptions, nil),
		Coupons: cloneSlice(h.Coupons, func(c Coupon) Coupon {
			c.Redemptions = cloneSlice(c.Redemptions, nil)
			return c
		}),
		Notes: cloneSlice(h.Notes, nil),
		Tickets: cloneSlice(h.Tickets, func(t Ticket) Ticket {
			t.CustomFields = cloneSlice(t.CustomFields, nil)
			return t
		}),
		Referrals: cloneSlice(h.Referrals, func(r Referral) Referral {
			r.Invitees = cloneSlice(r.Invitees, nil)
			r.Referees = cloneSlice(r.Referees, nil)
			r.Incentives = cloneSlice(r.Incentives, nil)
			return r
		}),
		Preferences:     cloneSlice(h.Preferences, nil),
		IdentityChanges: cloneSlice(h.IdentityChanges, nil),
		Interactions: cloneSlice(h.Interactions, func(i Interaction) Interaction {
			i.Loc = clonePtr(i.Loc)
			i.Message = clonePtr(i.Message)
			i.Survey = clonePtr(i.Survey)
			return i
		}),
	}
	return out
}

// cloneSlice copies s (nil stays nil), passing each element through deep if set.
func cloneSlice[T any](s []T, deep func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		if deep != nil {
			v = deep(v)
		}
		out[i] = v
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
