package simulator

import "time"

// Org is the simulated organisation's configuration: what the fixtures
// declare besides customers. It does not change at run time.
type Org struct {
	ID         int64       `json:"id"`
	Name       string      `json:"name"`
	Programs   []Program   `json:"programs"`
	Promotions []Promotion `json:"promotions"`
	Tills      []Till      `json:"tills"`
	Clients    []APIClient `json:"apiClients"`
	// CustomFields are the custom field names the org has configured.
	CustomFields []string `json:"customFields"`
	// ExtendedFields are the customer-level extended field names enabled.
	ExtendedFields []string `json:"extendedFields"`
	// DefaultTill is the till that writes when a request names none.
	DefaultTill string `json:"defaultTill"`
	// PrimaryIdentifier is the identifier type that names the customer a
	// registration is for (mobile, email or externalId; mobile when empty):
	// Capillary's CONF_REGISTRATION_PRIMARY_KEY. See Registrant.
	PrimaryIdentifier string `json:"primaryIdentifier,omitempty"`
	// MobileRequired makes a mobile number mandatory for registration
	// (Capillary's CONF_USERS_IS_MOBILE_REQUIRED): a v1.1 add registering a
	// customer without one fails with 1006.
	MobileRequired bool `json:"mobileRequired,omitempty"`
	// Billing is the org's transaction configuration (earning.go).
	Billing Billing `json:"billing,omitzero"`
	// Extra holds configuration that a later API version adds (stores,
	// campaigns, coupon series, ...), keyed by kind.
	Extra map[string]any `json:"extra,omitempty"`
	// OrgV11 is what the v1.1 history operations add (org_v11.go).
	OrgV11
}

// Program is a loyalty program with its slabs (tiers), lowest first.
type Program struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Default     bool   `json:"default"`
	Slabs       []Slab `json:"slabs"`
	// Earning is how bills earn points in the program (earning.go).
	Earning EarningRule `json:"earning,omitzero"`
	// Redemption is what a points redemption must meet (points.go): every
	// rule is off when unset.
	Redemption RedemptionRules `json:"redemption,omitzero"`
}

// Slab is one tier of a program. Serial numbers start at 1.
type Slab struct {
	Serial      int    `json:"serial"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Threshold is the cumulative purchases in the program that reach the
	// slab (0: the slab is reached otherwise, the first slab by joining).
	Threshold float64 `json:"threshold,omitempty"`
}

// SlabBySerial returns the slab with serial n, if any.
func (p *Program) SlabBySerial(n int) (Slab, bool) {
	for _, s := range p.Slabs {
		if s.Serial == n {
			return s, true
		}
	}
	return Slab{}, false
}

// Promotion types: direct issue (earn) and enrol & issue.
const (
	PromotionLoyalty        = "LOYALTY"
	PromotionLoyaltyEarning = "LOYALTY_EARNING"
)

// Promotion is a loyalty promotion that /v2/promotion/issue can give a customer.
type Promotion struct {
	ID        int64  `json:"id"`
	ProgramID int64  `json:"programId"`
	Name      string `json:"name"`
	Type      string `json:"type"` // LOYALTY or LOYALTY_EARNING
	// Limit is how many times one customer may get it; 0 means Capillary's default, 1.
	Limit  int  `json:"limit"`
	Active bool `json:"active"`
	// Points is what a direct issue awards.
	Points float64   `json:"points"`
	Ends   time.Time `json:"ends,omitempty"`
}

// PerCustomerLimit returns the number of issues one customer may receive.
func (p *Promotion) PerCustomerLimit() int {
	if p.Limit <= 0 {
		return 1
	}
	return p.Limit
}

// Till is a store terminal: the identity behind HTTP Basic authentication.
type Till struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Password  string `json:"password"`
	StoreCode string `json:"storeCode"`
}

// APIClient is an OAuth client: a key and secret that can generate tokens.
type APIClient struct {
	Key        string `json:"key"`
	Secret     string `json:"secret"`
	Till       string `json:"till"`
	TTLSeconds int    `json:"ttlSeconds"`
}

// Program returns the program with id, if any.
func (o *Org) Program(id int64) *Program {
	for i := range o.Programs {
		if o.Programs[i].ID == id {
			return &o.Programs[i]
		}
	}
	return nil
}

// DefaultProgram returns the org's default program (the first if none is marked).
func (o *Org) DefaultProgram() *Program {
	for i := range o.Programs {
		if o.Programs[i].Default {
			return &o.Programs[i]
		}
	}
	if len(o.Programs) == 0 {
		return nil
	}
	return &o.Programs[0]
}

// Promotion returns the promotion with id, if any.
func (o *Org) Promotion(id int64) *Promotion {
	for i := range o.Promotions {
		if o.Promotions[i].ID == id {
			return &o.Promotions[i]
		}
	}
	return nil
}

// Till returns the till with code, if any.
func (o *Org) Till(code string) *Till {
	for i := range o.Tills {
		if o.Tills[i].Code == code {
			return &o.Tills[i]
		}
	}
	return nil
}

// Client returns the API client with key, if any.
func (o *Org) Client(key string) *APIClient {
	for i := range o.Clients {
		if o.Clients[i].Key == key {
			return &o.Clients[i]
		}
	}
	return nil
}

// HasCustomField reports whether name is a configured custom field.
func (o *Org) HasCustomField(name string) bool {
	for _, f := range o.CustomFields {
		if f == name {
			return true
		}
	}
	return false
}
