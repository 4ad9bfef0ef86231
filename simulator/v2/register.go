package v2

import (
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// registerIdentifierCodes are register's (and update's) codes for invalid
// identifier values. The register table is not public; NOTES §2.3 gives 8014
// "Invalid Primary Id" / invalid mobile for a mobile, and 8055 / 8064 are the
// catalogue's v2 codes for an invalid email and external id.
var registerIdentifierCodes = identifierCodes{
	mobile:     simulator.CodeInvalidPrimaryID,
	email:      simulator.CodeInvalidEmailError,
	externalID: simulator.CodeExternalIDInvalidError,
}

// registrationDateFloor and registrationDateSlack bound attributionV2.createDate
// (8017 outside): CONF_MIN_REGISTRATION_DATE and the future limit are org
// settings whose values are not public (NOTES §5.2); capsim allows 1900 to a
// day ahead, which absorbs any client time zone.
var registrationDateFloor = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

const registrationDateSlack = 24 * time.Hour

// createDateLayouts are the forms of attributionV2.createDate capsim reads;
// the docs show 2016-06-23T19:11:18+08:00.
var createDateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05",
	"2006-01-02 15:04:05", "2006-01-02"}

// sideEffectV2 is one entry of sideEffects[] (points or a coupon awarded on
// registration). The fixtures' org awards nothing, so registrations answer [].
type sideEffectV2 struct {
	Type          string   `json:"type"`
	AwardedPoints *float64 `json:"awardedPoints,omitempty"`
}

// registerResponse is the body of a registration.
type registerResponse struct {
	CreatedID   int64          `json:"createdId"`
	Warnings    []Message      `json:"warnings"`
	SideEffects []sideEffectV2 `json:"sideEffects"`
}

// registration is a validated registration request.
type registration struct {
	src      simulator.Source
	acct     string
	loyalty  simulator.LoyaltyType
	profile  simulator.Profile
	extended map[string]string
	at       time.Time // the registration date
	now      time.Time
	till     string // createdBy
	warnings []*simulator.Error
}

// handleCustomerRegister handles "POST /v2/customers": it registers a
// customer in the source (and account) of the query. Identifiers are unique
// per source and account: one held in the same place is refused (8006); one
// held in another source adds this profile to its customer (warning 8050,
// createdId is that customer's id); identifiers of two different customers
// elsewhere cannot be combined (8053).
func (s *Server) handleCustomerRegister(w http.ResponseWriter, r *http.Request) {
	src, acct, serr := writeSource(simulator.Query(r), simulator.CodeAccountIDNotPassed)
	if serr != nil {
		s.fail(w, r, serr)
		return
	}
	var in customerInput
	if derr := decode(r, &in); derr != nil {
		s.fail(w, r, derr)
		return
	}
	reg, verr := s.newRegistration(r, &in, src, acct)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	var id int64
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		var err error
		id, err = reg.apply(tx)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, registerResponse{CreatedID: id, Warnings: Messages(reg.warnings),
		SideEffects: []sideEffectV2{}}, reg.warnings)
}

// newRegistration checks a registration body: at least one identifier with a
// value (8005), valid identifier values (8014, 8055, 8064), valid
// commChannels (8010, 8057, 8058) and registration date (8017). Unknown
// custom fields are dropped; unknown extended fields and associatedWith
// tills are warnings.
func (s *Server) newRegistration(r *http.Request, in *customerInput, src simulator.Source, acct string) (*registration, *simulator.Error) {
	org := s.Store.Org()
	now := s.now(r)
	reg := &registration{src: src, acct: acct, loyalty: in.loyaltyType(), at: now, now: now}
	if reg.loyalty == "" {
		reg.loyalty = simulator.LoyaltyLoyalty
	}
	p := in.profile()
	if p == nil { // the contract requires one; keep a safe answer
		return nil, simulator.Errorf(simulator.CodeNoValidIdentifiers)
	}
	ids, err := cleanIdentifiers(p.Identifiers, registerIdentifierCodes)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, simulator.Errorf(simulator.CodeNoValidIdentifiers)
	}
	channels, err := cleanCommChannels(p.CommChannels)
	if err != nil {
		return nil, err
	}
	if in.AttributionV2 != nil && strings.TrimSpace(in.AttributionV2.CreateDate) != "" {
		at, ok := parseCreateDate(in.AttributionV2.CreateDate)
		if !ok || at.Before(registrationDateFloor) || at.After(reg.at.Add(registrationDateSlack)) {
			return nil, simulator.Errorf(simulator.CodeInvalidRegistrationDate)
		}
		reg.at = at
	}
	till, warn := s.associatedTill(r, in.AssociatedWith)
	if warn != nil {
		reg.warnings = append(reg.warnings, warn)
	}
	reg.till = till
	var warns []*simulator.Error
	reg.extended, warns = extendedFields(org, in.ExtendedFields)
	reg.warnings = append(reg.warnings, warns...)
	reg.profile = simulator.Profile{Source: src, AccountID: acct, Identifiers: ids, CommChannels: channels,
		Fields:      customFields(org, p.Fields),
		Attribution: simulator.Attribution{CreateDate: reg.at, CreatedBy: till, ModifiedDate: reg.at, ModifiedBy: till}}
	if p.FirstName != nil {
		reg.profile.FirstName = cleanName(*p.FirstName)
	}
	if p.LastName != nil {
		reg.profile.LastName = cleanName(*p.LastName)
	}
	if len(reg.profile.Fields) == 0 {
		reg.profile.Fields = nil
	}
	if len(reg.profile.CommChannels) == 0 {
		reg.profile.CommChannels = nil
	}
	return reg, nil
}

// parseCreateDate reads attributionV2.createDate.
func parseCreateDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range createDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// apply stores the registration and returns the customer's id: a new one, or
// the id of the customer in another source it was combined with.
//
// Identifiers are unique per source and account: one held in the same place
// is refused (8006). Elsewhere, the org's primary identifier (mobile by
// default) names the customer (simulator.Registrant): one it names gains this
// profile (8050); a registration it names nobody with is new, and may not
// carry an identifier of an existing customer (8028, "Customer seems is
// already registered"); identifiers of two different customers cannot be
// combined (8053).
func (g *registration) apply(tx *store.Tx) (int64, error) {
	for _, id := range g.profile.Identifiers {
		if owner, ok := tx.Owner(g.src, g.acct, id.Type, id.Value); ok {
			return 0, simulator.Errorf(simulator.CodeCustomerExistsSameSource, owner)
		}
	}
	existing, conflict := simulator.Registrant(tx.Org().PrimaryIdentifierType(), g.profile.Identifiers,
		func(id simulator.Identifier) int64 {
			if hs := tx.Holders(id.Type, id.Value); len(hs) > 0 {
				return hs[0].UserID
			}
			return 0
		})
	switch {
	case conflict != nil && existing == 0:
		return 0, simulator.Errorf(simulator.CodeSeemsAlreadyRegistered).
			WithDetail("%s %s belongs to another customer", conflict.Type, conflict.Value)
	case conflict != nil:
		return 0, simulator.Errorf(simulator.CodeConflictingCustomersError)
	case existing != 0:
		return existing, g.combine(tx, existing)
	}
	id, err := tx.NextID("customer")
	if err != nil {
		return 0, err
	}
	c := simulator.NewCustomer(tx.Org(), id, g.profile, g.loyalty, g.at)
	if len(g.extended) > 0 {
		c.ExtendedFields = g.extended
	}
	c.OptInDefaults(&c.Profiles[0])
	return id, tx.Put(c)
}

// combine adds the registration's profile to customer id, who holds one of
// its identifiers in another source. A customer has one profile per source
// and account, so one that is registered here already is refused (8006). A
// loyalty registration makes a non-loyalty customer loyalty; a non-loyalty
// one never downgrades a loyalty customer.
func (g *registration) combine(tx *store.Tx, id int64) error {
	c, err := tx.Customer(id)
	if err != nil {
		return err
	}
	if !c.JoinProfile(tx.Org(), g.profile, g.loyalty, g.extended, g.now, g.till) {
		return simulator.Errorf(simulator.CodeCustomerExistsSameSource, c.ID)
	}
	g.warnings = append(g.warnings, simulator.Errorf(simulator.CodeCombiningSources))
	return tx.Put(c)
}
