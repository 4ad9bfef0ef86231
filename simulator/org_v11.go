package simulator

import (
	"strings"
	"time"
)

// OrgV11 is the configuration the v1.1 history operations need besides the
// tills and programs: stores, coupon series, referral campaigns, associates,
// ticket departments and preference fields. Org embeds it, so its fields sit
// at the top level of org.json.
type OrgV11 struct {
	Stores            []Store            `json:"stores,omitempty"`
	CouponSeries      []CouponSeries     `json:"couponSeries,omitempty"`
	ReferralCampaigns []ReferralCampaign `json:"referralCampaigns,omitempty"`
	Associates        []Associate        `json:"associates,omitempty"`
	// Departments are the departments tickets can be assigned to.
	Departments []string `json:"departments,omitempty"`
	// PreferenceFields are the custom fields of the preferences category
	// (customer/preferences reads and writes them).
	PreferenceFields []string `json:"preferenceFields,omitempty"`
	// RegistrationPoints are the points a v1.1 registration into the
	// loyalty program earns in the default program (0: none), which the add
	// answer shows as a side effect.
	RegistrationPoints float64 `json:"registrationPoints,omitempty"`
}

// Store is a store of the org. Tills name their store by code.
type Store struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	City string `json:"city,omitempty"`
}

// Coupon discount types.
const (
	DiscountAbsolute   = "ABS"
	DiscountPercentage = "PERC"
)

// CouponSeries is a series coupons are issued from.
type CouponSeries struct {
	ID            int64   `json:"id"`
	Description   string  `json:"description"`
	DiscountCode  string  `json:"discountCode"`
	DiscountType  string  `json:"discountType"` // ABS or PERC
	DiscountValue float64 `json:"discountValue"`
	ValidDays     int     `json:"validDays"`
	// Stores are the codes of the stores the coupons can be redeemed at;
	// empty means every store.
	Stores []string `json:"stores,omitempty"`
	// CouponLimits are the series' issue and redemption rules (coupon.go),
	// at the top level of the series' JSON; all off when zero.
	CouponLimits
}

// RedeemableAt reports whether the series' coupons can be redeemed at store code.
func (s *CouponSeries) RedeemableAt(code string) bool {
	if len(s.Stores) == 0 {
		return true
	}
	for _, c := range s.Stores {
		if strings.EqualFold(c, code) {
			return true
		}
	}
	return false
}

// ReferralCampaign is a referral campaign, named by its token.
type ReferralCampaign struct {
	Token string `json:"token"`
	Name  string `json:"name"`
	// Default marks the campaign a request without campaign_token uses.
	Default bool      `json:"default,omitempty"`
	Active  bool      `json:"active"`
	Ends    time.Time `json:"ends,omitzero"`
	// Types are the referral channels the campaign accepts (EMAIL, MOBILE).
	Types []string `json:"types"`
	// IncentiveSeries is the coupon series incentives are issued from.
	IncentiveSeries int64 `json:"incentiveSeries"`
	// LoyaltyOnly restricts referrers to loyalty customers.
	LoyaltyOnly bool `json:"loyaltyOnly,omitempty"`
}

// Accepts reports whether the campaign accepts referrals of type t.
func (c *ReferralCampaign) Accepts(t string) bool {
	for _, x := range c.Types {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

// Associate is a store employee who records notes.
type Associate struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	StoreCode string `json:"storeCode"`
}

// Store returns the store with code (case-insensitive), if any.
func (o *Org) Store(code string) *Store {
	for i := range o.Stores {
		if strings.EqualFold(o.Stores[i].Code, code) {
			return &o.Stores[i]
		}
	}
	return nil
}

// StoreByID returns the store with id, if any.
func (o *Org) StoreByID(id int64) *Store {
	for i := range o.Stores {
		if o.Stores[i].ID == id {
			return &o.Stores[i]
		}
	}
	return nil
}

// TillStore returns the store of till code, if the till and its store exist.
func (o *Org) TillStore(code string) *Store {
	if t := o.Till(code); t != nil {
		return o.Store(t.StoreCode)
	}
	return nil
}

// Series returns the coupon series with id, if any.
func (o *Org) Series(id int64) *CouponSeries {
	for i := range o.CouponSeries {
		if o.CouponSeries[i].ID == id {
			return &o.CouponSeries[i]
		}
	}
	return nil
}

// ReferralCampaign returns the campaign with token; an empty token names the
// default campaign (the first marked default, else the first).
func (o *Org) ReferralCampaign(token string) *ReferralCampaign {
	token = strings.TrimSpace(token)
	if token == "" {
		for i := range o.ReferralCampaigns {
			if o.ReferralCampaigns[i].Default {
				return &o.ReferralCampaigns[i]
			}
		}
		if len(o.ReferralCampaigns) > 0 {
			return &o.ReferralCampaigns[0]
		}
		return nil
	}
	for i := range o.ReferralCampaigns {
		if o.ReferralCampaigns[i].Token == token {
			return &o.ReferralCampaigns[i]
		}
	}
	return nil
}

// Associate returns the associate with id, if any.
func (o *Org) Associate(id string) *Associate {
	for i := range o.Associates {
		if o.Associates[i].ID == id {
			return &o.Associates[i]
		}
	}
	return nil
}

// Department returns the configured spelling of department name
// (case-insensitive) and whether it is configured.
func (o *Org) Department(name string) (string, bool) {
	for _, d := range o.Departments {
		if strings.EqualFold(d, strings.TrimSpace(name)) {
			return d, true
		}
	}
	return "", false
}

// PreferenceField returns the configured spelling of preference field name
// (case-insensitive) and whether it is configured.
func (o *Org) PreferenceField(name string) (string, bool) {
	for _, f := range o.PreferenceFields {
		if strings.EqualFold(f, strings.TrimSpace(name)) {
			return f, true
		}
	}
	return "", false
}
