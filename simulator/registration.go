package simulator

import "time"

// PrimaryIdentifiers are the identifier types an org may register customers
// by (CONF_REGISTRATION_PRIMARY_KEY); the first is the default.
var PrimaryIdentifiers = []string{IDMobile, IDEmail, IDExternalID}

// PrimaryIdentifierType returns the identifier type that names the customer a
// registration is for: the org's primaryIdentifier, mobile when it sets none.
func (o *Org) PrimaryIdentifierType() string {
	if o == nil || o.PrimaryIdentifier == "" {
		return IDMobile
	}
	return o.PrimaryIdentifier
}

// Registrant says which existing customer a registration with identifiers
// ids is for, given owner, which returns the customer holding an identifier
// (0 for nobody). It returns that customer (0 for a new registration) and,
// if one of ids belongs to another customer, that identifier.
//
// The key identifier names the customer: the first of ids of type primary,
// or, when ids hold none, the first of ids (callers order ids by how much
// they say: v1.1 mobile, external id, email). Every other identifier must
// belong to the same customer or to nobody. So a new mobile with another
// customer's email is a conflict, never an update of that other customer:
// the add docs update "existing customer details ... when a registered
// identifier is passed", and refuse a registration whose email "already
// exists for some other user" (1016).
func Registrant(primary string, ids []Identifier, owner func(Identifier) int64) (target int64, conflict *Identifier) {
	if len(ids) == 0 {
		return 0, nil
	}
	key := 0
	for i, id := range ids {
		if id.Type == primary {
			key = i
			break
		}
	}
	target = owner(ids[key])
	for i := range ids {
		if i == key {
			continue
		}
		if o := owner(ids[i]); o != 0 && o != target {
			return target, &ids[i]
		}
	}
	return target, nil
}

// NewCustomer returns customer id registered with profile p as loyalty type
// lt: a loyalty customer is enrolled in the org's default program from at.
// Its loyalty attribution is the profile's.
func NewCustomer(org *Org, id int64, p Profile, lt LoyaltyType, at time.Time) *Customer {
	c := &Customer{ID: id, Profiles: []Profile{p}, LoyaltyType: lt, LoyaltyAttribution: p.Attribution}
	if lt == LoyaltyLoyalty {
		c.BecomeLoyalty(org, at)
	}
	return c
}

// ChangeLoyalty changes c's type to want ("" keeps it) and reports whether
// the change is allowed: a loyalty customer never becomes anything else;
// becoming loyalty enrols c in the org's default program from at.
func (c *Customer) ChangeLoyalty(org *Org, want LoyaltyType, at time.Time) bool {
	switch {
	case want == "" || want == c.LoyaltyType:
		return true
	case !c.LoyaltyType.CanBecome(want):
		return false
	case want == LoyaltyLoyalty:
		c.BecomeLoyalty(org, at)
	default:
		c.LoyaltyType = want
	}
	return true
}

// JoinProfile adds p, a registration in a source (and account) where c has
// no profile yet, to c, who holds one of its identifiers elsewhere: the same
// person registering through another channel. A loyalty registration makes
// c loyalty; a non-loyalty one never downgrades it. Extended fields are
// merged; p's identifiers are opted in to messages as a registration's are.
// It reports false, changing nothing, when c has a profile there already.
func (c *Customer) JoinProfile(org *Org, p Profile, lt LoyaltyType, extended map[string]string, at time.Time, till string) bool {
	if c.Profile(p.Source, p.AccountID) != nil {
		return false
	}
	c.Profiles = append(c.Profiles, p)
	if lt == LoyaltyLoyalty && c.LoyaltyType != LoyaltyLoyalty {
		c.BecomeLoyalty(org, at)
	}
	c.LoyaltyAttribution.ModifiedDate, c.LoyaltyAttribution.ModifiedBy = at, till
	c.ExtendedFields = MergeFields(c.ExtendedFields, extended)
	c.OptInDefaults(&c.Profiles[len(c.Profiles)-1])
	return true
}
