package simulator

import (
	"strings"
	"time"
)

// Source is a customer source (an "account type" in Capillary's words): the
// channel through which a profile was registered.
type Source string

// The sources the v2 API documents. SourceAll is accepted by reads only.
const (
	SourceFacebook  Source = "FACEBOOK"
	SourceWebEngage Source = "WEB_ENGAGE"
	SourceWeChat    Source = "WECHAT"
	SourceInstore   Source = "INSTORE"
	SourceMartjack  Source = "MARTJACK"
	SourceTmall     Source = "TMALL"
	SourceTaobao    Source = "TAOBAO"
	SourceJD        Source = "JD"
	SourceEcommerce Source = "ECOMMERCE"
	SourceWebsite   Source = "WEBSITE"
	SourceLine      Source = "LINE"
	SourceMobileApp Source = "MOBILE_APP"
	SourceAll       Source = "ALL"
)

// Sources lists every source a profile can live in.
var Sources = []Source{SourceFacebook, SourceWebEngage, SourceWeChat, SourceInstore,
	SourceMartjack, SourceTmall, SourceTaobao, SourceJD, SourceEcommerce, SourceWebsite,
	SourceLine, SourceMobileApp}

// ParseSource returns the source named s (case-insensitive) and whether it is known.
// SourceAll is not a profile source and is not returned.
func ParseSource(s string) (Source, bool) {
	u := Source(strings.ToUpper(strings.TrimSpace(s)))
	for _, src := range Sources {
		if src == u {
			return src, true
		}
	}
	return "", false
}

// MultiAccount reports whether a source has several accounts per organisation,
// so that requests for it must name an accountId (code 8045 otherwise).
func (s Source) MultiAccount() bool {
	return s == SourceWeChat || s == SourceFacebook || s == SourceLine
}

// Identifier types the APIs document. Values are compared as given, except
// email, which Capillary treats case-insensitively.
const (
	IDMobile     = "mobile"
	IDEmail      = "email"
	IDExternalID = "externalId"
	IDWeChat     = "wechat"
	IDMartjackID = "martjackId"
	IDFbID       = "fbId"
	IDTmallUname = "tmall_uname"
	IDCuid       = "cuid"
	IDAliUname   = "ali_uname"
	IDJDUname    = "jd_uname"
	IDVipUname   = "vip_uname"
	IDLine       = "line"
	IDCardNumber = "cardnumber"
)

// IdentifierTypes lists every identifier type a profile may hold.
var IdentifierTypes = []string{IDMobile, IDEmail, IDExternalID, IDWeChat, IDMartjackID,
	IDFbID, IDTmallUname, IDCuid, IDAliUname, IDJDUname, IDVipUname, IDLine, IDCardNumber}

// KnownIdentifierType reports whether t is a documented identifier type.
func KnownIdentifierType(t string) bool {
	for _, k := range IdentifierTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Identifier is one identifier of a profile.
type Identifier struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// NormalizeIdentifierValue returns the form of v under which identifiers of
// type t are unique: emails compare case-insensitively, everything else as given.
func NormalizeIdentifierValue(t, v string) string {
	v = strings.TrimSpace(v)
	if t == IDEmail {
		return strings.ToLower(v)
	}
	return v
}

// CommChannel is a communication channel of a profile.
type CommChannel struct {
	Type     string          `json:"type"`
	Value    string          `json:"value"`
	Primary  bool            `json:"primary"`
	Verified bool            `json:"verified"`
	Meta     map[string]bool `json:"meta,omitempty"`
}

// CommChannelTypes lists the documented communication channel types.
var CommChannelTypes = []string{"mobile", "email", "wechat", "ios", "android", "line"}

// Attribution records who created and last modified a record, and when.
// CreatedBy and ModifiedBy are till codes.
type Attribution struct {
	CreateDate   time.Time `json:"createDate"`
	CreatedBy    string    `json:"createdBy"`
	ModifiedDate time.Time `json:"modifiedDate"`
	ModifiedBy   string    `json:"modifiedBy"`
}

// Profile is a customer's presence in one source (and, for multi-account
// sources, one account). A customer has at most one profile per source/account.
type Profile struct {
	Source       Source            `json:"source"`
	AccountID    string            `json:"accountId,omitempty"`
	FirstName    string            `json:"firstName"`
	LastName     string            `json:"lastName"`
	Fields       map[string]string `json:"fields,omitempty"`
	Identifiers  []Identifier      `json:"identifiers"`
	CommChannels []CommChannel     `json:"commChannels,omitempty"`
	Attribution  Attribution       `json:"attribution"`
}

// Identifier returns the value of the profile's first identifier of type t.
func (p *Profile) Identifier(t string) (string, bool) {
	for _, id := range p.Identifiers {
		if id.Type == t {
			return id.Value, true
		}
	}
	return "", false
}

// HasIdentifier reports whether the profile holds identifier t=v.
func (p *Profile) HasIdentifier(t, v string) bool {
	n := NormalizeIdentifierValue(t, v)
	for _, id := range p.Identifiers {
		if id.Type == t && NormalizeIdentifierValue(id.Type, id.Value) == n {
			return true
		}
	}
	return false
}

// Matches reports whether the profile lives in source src and account acct.
// The account is ignored for single-account sources.
func (p *Profile) Matches(src Source, acct string) bool {
	if p.Source != src {
		return false
	}
	return !src.MultiAccount() || p.AccountID == acct
}

// LoyaltyType is a customer's registration status.
type LoyaltyType string

// The registration statuses. v2 writes loyalty and non_loyalty; v1.1 also
// NOT_INTERESTED. The only allowed change is towards LoyaltyLoyalty.
const (
	LoyaltyLoyalty       LoyaltyType = "loyalty"
	LoyaltyNonLoyalty    LoyaltyType = "non_loyalty"
	LoyaltyNotInterested LoyaltyType = "not_interested"
)

// CanBecome reports whether a customer of type t may be changed to u:
// anything may become loyalty, nothing loyalty may become anything else.
func (t LoyaltyType) CanBecome(u LoyaltyType) bool {
	if t == LoyaltyLoyalty {
		return u == LoyaltyLoyalty
	}
	return true
}

// ProgramLoyalty is a customer's standing in one loyalty program.
type ProgramLoyalty struct {
	ProgramID           int64     `json:"programId"`
	LoyaltyID           int64     `json:"loyaltyId"`
	LoyaltyPoints       float64   `json:"loyaltyPoints"`
	LifetimePoints      float64   `json:"lifetimePoints"`
	Redeemed            float64   `json:"redeemed"`
	Expired             float64   `json:"expired"`
	Returned            float64   `json:"returned"`
	Adjusted            float64   `json:"adjusted"`
	CumulativePurchases float64   `json:"cumulativePurchases"`
	SlabSerial          int       `json:"slabSNo"`
	SlabExpiry          time.Time `json:"slabExpiryDate"`
	// Lots are the points of the balance that expire, by bill (points.go).
	Lots []PointsLot `json:"lots,omitempty"`
}

// Subscription is a customer's opt-in state for one channel and priority.
type Subscription struct {
	Channel   string `json:"channel"`  // EMAIL, SMS, MOBILE, WECHAT, ANDROID, IOS, LINE
	Priority  string `json:"priority"` // TRANS or BULK
	Type      string `json:"type"`     // OPTIN or OPTOUT
	AccountID string `json:"accountId,omitempty"`
}

// Subscription priorities and states.
const (
	PriorityTrans = "TRANS"
	PriorityBulk  = "BULK"
	OptIn         = "OPTIN"
	OptOut        = "OPTOUT"
)

// SubscriptionChannels lists the channels a subscription may name.
var SubscriptionChannels = []string{"EMAIL", "SMS", "MOBILE", "WECHAT", "ANDROID", "IOS", "LINE"}

// CanonicalChannel maps the names clients use for one channel to the name the
// API reads back: Capillary stores MOBILE subscriptions as SMS.
func CanonicalChannel(ch string) string {
	ch = strings.ToUpper(strings.TrimSpace(ch))
	if ch == "MOBILE" {
		return "SMS"
	}
	return ch
}

// PointsTransfer is one transfer of points between two customers.
type PointsTransfer struct {
	TransferID int64     `json:"transferId"`
	Date       time.Time `json:"date"`
	Points     float64   `json:"points"`
	Type       string    `json:"type"` // DEDUCTION or ADDITION, from this customer's side
	FromUserID int64     `json:"fromUserId"`
	ToUserID   int64     `json:"toUserId"`
	ProgramID  int64     `json:"programId"`
	Notes      string    `json:"notes"`
}

// RetroRequest is a request to tag an earlier transaction to the customer.
type RetroRequest struct {
	ID            int64     `json:"id"`
	RequestID     string    `json:"requestId"`
	Status        string    `json:"status"` // APPROVED, PENDING, REJECTED
	Type          string    `json:"type"`   // CHANGE_IDENTIFIER, GOODWILL, TRANSACTION_UPDATE
	TransactionID int64     `json:"transactionId"`
	AddedBy       string    `json:"addedBy"`
	AddedOn       time.Time `json:"addedOn"`
	UpdatedOn     time.Time `json:"updatedOn"`
}

// PromotionIssual records one issue (or enrolment) of a promotion to a customer.
type PromotionIssual struct {
	PromotionID int64     `json:"promotionId"`
	ProgramID   int64     `json:"programId"`
	IssualID    int64     `json:"issualId,omitempty"`
	EarnedID    int64     `json:"earnedId,omitempty"`
	Date        time.Time `json:"date"`
}

// Customer is one person known to the organisation, whatever the source and
// API version that registered them. Every API version reads and writes this
// one record, so what v1.1 writes v2 reads and the other way round.
type Customer struct {
	ID                 int64             `json:"id"`
	Profiles           []Profile         `json:"profiles"`
	LoyaltyType        LoyaltyType       `json:"loyaltyType"`
	LoyaltyAttribution Attribution       `json:"loyaltyAttribution"`
	ExtendedFields     map[string]string `json:"extendedFields,omitempty"`
	LifetimePurchases  float64           `json:"lifetimePurchases"`
	Loyalty            []ProgramLoyalty  `json:"loyalty,omitempty"`
	Subscriptions      []Subscription    `json:"subscriptions,omitempty"`
	PointsTransfers    []PointsTransfer  `json:"pointsTransfers,omitempty"`
	RetroRequests      []RetroRequest    `json:"retroRequests,omitempty"`
	Promotions         []PromotionIssual `json:"promotions,omitempty"`
	UserGroup          *UserGroup        `json:"userGroup,omitempty"`
	// Fraud is the customer's fraud marking (unmarked when zero).
	Fraud FraudDetails `json:"fraud,omitzero"`
	// MergedInto is the survivor's id when this customer was merged away (a victim).
	MergedInto int64 `json:"mergedInto,omitempty"`
	// History holds what the v1.1 API reads and writes besides the profile.
	History *History `json:"history,omitempty"`
	// ValidationCodes are the unexpired codes sent to confirm a points
	// redemption, and CodesIssued how many the customer has had (points.go).
	ValidationCodes []ValidationCode `json:"validationCodes,omitempty"`
	CodesIssued     int64            `json:"codesIssued,omitempty"`
	// Version increases on every write; caches key rendered responses by it.
	Version int64 `json:"version"`
}

// UserGroup is the group a customer belongs to, if any (v2 embed=usergroup).
type UserGroup struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Role        string `json:"role"` // PRIMARY or SECONDARY
	PrimaryUser int64  `json:"primaryUserId"`
}

// Profile returns the customer's profile in source src and account acct.
func (c *Customer) Profile(src Source, acct string) *Profile {
	for i := range c.Profiles {
		if c.Profiles[i].Matches(src, acct) {
			return &c.Profiles[i]
		}
	}
	return nil
}

// ProfilesIn returns the customer's profiles in src (every profile for SourceAll).
// For multi-account sources an empty acct matches every account.
func (c *Customer) ProfilesIn(src Source, acct string) []Profile {
	var out []Profile
	for _, p := range c.Profiles {
		switch {
		case src == SourceAll:
		case p.Source != src:
			continue
		case src.MultiAccount() && acct != "" && p.AccountID != acct:
			continue
		}
		out = append(out, p)
	}
	return out
}

// Primary returns the profile that carries the customer's name: the INSTORE
// profile if there is one, else the first.
func (c *Customer) Primary() *Profile {
	if p := c.Profile(SourceInstore, ""); p != nil {
		return p
	}
	if len(c.Profiles) == 0 {
		return nil
	}
	return &c.Profiles[0]
}

// ProgramLoyalty returns the customer's standing in program id, if enrolled.
func (c *Customer) ProgramLoyalty(id int64) *ProgramLoyalty {
	for i := range c.Loyalty {
		if c.Loyalty[i].ProgramID == id {
			return &c.Loyalty[i]
		}
	}
	return nil
}

// SetSubscription records an opt-in state for channel×priority, replacing any
// earlier state for the same pair.
func (c *Customer) SetSubscription(s Subscription) {
	s.Channel = CanonicalChannel(s.Channel)
	for i := range c.Subscriptions {
		if c.Subscriptions[i].Channel == s.Channel && c.Subscriptions[i].Priority == s.Priority {
			c.Subscriptions[i] = s
			return
		}
	}
	c.Subscriptions = append(c.Subscriptions, s)
}

// Clone returns a deep copy of c, so that a handler can change it and give up
// the change without touching the stored record.
func (c *Customer) Clone() *Customer {
	out := *c
	out.Profiles = make([]Profile, len(c.Profiles))
	for i, p := range c.Profiles {
		p.Fields = cloneMap(p.Fields)
		p.Identifiers = append([]Identifier(nil), p.Identifiers...)
		p.CommChannels = append([]CommChannel(nil), p.CommChannels...)
		out.Profiles[i] = p
	}
	out.ExtendedFields = cloneMap(c.ExtendedFields)
	out.Loyalty = append([]ProgramLoyalty(nil), c.Loyalty...)
	for i := range out.Loyalty {
		out.Loyalty[i].Lots = append([]PointsLot(nil), c.Loyalty[i].Lots...)
	}
	out.ValidationCodes = append([]ValidationCode(nil), c.ValidationCodes...)
	out.Subscriptions = append([]Subscription(nil), c.Subscriptions...)
	out.PointsTransfers = append([]PointsTransfer(nil), c.PointsTransfers...)
	out.RetroRequests = append([]RetroRequest(nil), c.RetroRequests...)
	out.Promotions = append([]PromotionIssual(nil), c.Promotions...)
	if c.UserGroup != nil {
		ug := *c.UserGroup
		out.UserGroup = &ug
	}
	out.History = c.History.Clone()
	return &out
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Enrol puts c in program (slab 1, no points, loyaltyId the customer id, the
// slab expiring a year after at) unless c is in it already, and returns c's
// standing in it.
func (c *Customer) Enrol(program *Program, at time.Time) *ProgramLoyalty {
	if pl := c.ProgramLoyalty(program.ID); pl != nil {
		return pl
	}
	c.Loyalty = append(c.Loyalty, ProgramLoyalty{ProgramID: program.ID, LoyaltyID: c.ID,
		SlabSerial: 1, SlabExpiry: at.AddDate(1, 0, 0)})
	return &c.Loyalty[len(c.Loyalty)-1]
}

// BecomeLoyalty makes c a loyalty customer from at, enrolled in the org's
// default program, as registration into the loyalty program does.
func (c *Customer) BecomeLoyalty(org *Org, at time.Time) {
	c.LoyaltyType = LoyaltyLoyalty
	if prog := org.DefaultProgram(); prog != nil {
		c.Enrol(prog, at)
	}
}

// HasSubscription reports whether c has a state for channel×priority.
func (c *Customer) HasSubscription(channel, priority string) bool {
	channel = CanonicalChannel(channel)
	for _, sub := range c.Subscriptions {
		if sub.Channel == channel && sub.Priority == priority {
			return true
		}
	}
	return false
}

// OptInDefaults opts c in to TRANS and BULK messages on EMAIL and SMS for the
// identifiers p holds, leaving the pairs c has a state for already: what a
// registration does.
func (c *Customer) OptInDefaults(p *Profile) {
	for _, pair := range []struct{ ident, channel string }{{IDEmail, "EMAIL"}, {IDMobile, "SMS"}} {
		if _, ok := p.Identifier(pair.ident); !ok {
			continue
		}
		for _, prio := range []string{PriorityTrans, PriorityBulk} {
			if !c.HasSubscription(pair.channel, prio) {
				c.SetSubscription(Subscription{Channel: pair.channel, Priority: prio, Type: OptIn})
			}
		}
	}
}
