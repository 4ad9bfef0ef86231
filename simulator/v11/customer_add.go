package v11

import (
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// registeredOnFloor and registeredOnSlack bound registered_on (1034
// outside): CONF_MIN_REGISTRATION_DATE and the future limit are org settings
// whose values are not public (NOTES §5.2); capsim allows 1900 to a day
// ahead, as v2 does for its createDate.
var registeredOnFloor = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

const registeredOnSlack = 24 * time.Hour

// customerInput is one validated root.customer item of add or update.
type customerInput struct {
	idents       map[string]string // v1.1 identifier name -> value (mobile cleaned)
	first, last  string
	loyalty      simulator.LoyaltyType // "" when type is not given
	registeredOn time.Time             // zero when not given
	custom       []Pair
	extended     []Pair
	subs         []Values
}

// writeIdentNames are the identifiers add and update write, in the order
// that says most about who the customer is: mobile, external id, email
// (findAddTarget takes the org's primary identifier first).
var writeIdentNames = []string{IdentMobile, IdentExternalID, IdentEmail}

// parseCustomerInput validates an item: identifier values (1001 mobile,
// 1002 email, 1003 external id), type (400 when it is none of LOYALTY,
// NON_LOYALTY, NOT_INTERESTED) and registered_on (1034 when it is not a
// YYYY-MM-DD HH:MM:SS between 1900 and a day from now).
func parseCustomerInput(in Values, now time.Time) (*customerInput, *simulator.Error) {
	out := &customerInput{idents: map[string]string{}, first: in.String("firstname"), last: in.String("lastname")}
	for _, name := range writeIdentNames {
		v := in.String(name)
		if v == "" {
			continue
		}
		switch name {
		case IdentMobile:
			if v = simulator.CleanMobile(v); !simulator.ValidMobile(v) {
				return nil, simulator.Errorf(simulator.CodeInvalidMobile)
			}
		case IdentEmail:
			if !simulator.ValidEmail(v) {
				return nil, simulator.Errorf(simulator.CodeInvalidEmail)
			}
		case IdentExternalID:
			if !simulator.ValidExternalID(v) {
				return nil, simulator.Errorf(simulator.CodeInvalidExternalID)
			}
		}
		out.idents[name] = v
	}
	if t := in.String("type"); t != "" {
		lt, ok := parseLoyaltyType(t)
		if !ok {
			return nil, invalid("type %q is not LOYALTY, NON_LOYALTY or NOT_INTERESTED", t)
		}
		out.loyalty = lt
	}
	if v := in.String("registered_on"); v != "" {
		t, ok := parseDateTime(v)
		if !ok || t.Before(registeredOnFloor) || t.After(now.Add(registeredOnSlack)) {
			return nil, simulator.Errorf(simulator.CodeRegistrationDateOutOfRange)
		}
		out.registeredOn = t
	}
	out.custom = in.Pairs("custom_fields", "field")
	out.extended = in.Pairs("extended_fields", "field")
	out.subs = in.Items("subscriptions", "subscription")
	return out, nil
}

// parseDateTime reads a v1.1 date: "2012-09-11 11:11:11" or a bare day.
func parseDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// handleCustomerAdd handles "POST /v1.1/customer/add": each root.customer
// item registers a customer in the INSTORE source, or updates the customer
// one of its identifiers already names. Items are processed on their own,
// each in its own transaction, so a failed item writes nothing and does not
// stop the others.
func (s *Server) handleCustomerAdd(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomers, s.addOne)
}

// addOne registers or updates the customer of one item.
//
// The org's primary identifier (mobile by default) names the customer (see
// findAddTarget); a customer known only in another source gains an INSTORE
// profile (v1.1 and v2 share customers). An identifier of the item that
// belongs to another customer fails the item (1016 email, 1033 external id,
// 1032 mobile), whether the item registers a customer or updates one.
//
// An existing customer's empty identifiers are filled; one with a value
// keeps it (warning 91006): "null to value, but not value to value" (the
// add docs). Loyalty never becomes non-loyalty (1046). A new customer is
// LOYALTY unless type says otherwise; a non-loyalty one needs a mobile or
// email (1045), and in an org that makes the mobile mandatory every new one
// needs a mobile (1006). A customer marked as fraud is not updated (618).
// The item is attributed to the till the attribution headers name (91021
// when the org has no such till; see attributedTill).
func (s *Server) addOne(r *http.Request, raw Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	till, attrWarn := s.attributedTill(r, till)
	in, verr := parseCustomerInput(raw, now)
	if verr == nil && len(in.idents) == 0 {
		verr = simulator.Errorf(simulator.CodeNoValidPrimaryIdentifier)
	}
	if verr != nil {
		return failItem(raw, verr)
	}
	return s.writeItem(r, raw, simulator.CodeCustomerAddFailed, func(tx *store.Tx, touched *int64) (Obj, Result, error) {
		c, isNew, err := findAddTarget(tx, in)
		if err != nil {
			return nil, Result{}, err
		}
		if c != nil {
			*touched = c.ID
			if ferr := c.FraudRefusal(); ferr != nil {
				return nil, Result{}, ferr
			}
		}
		if isNew && tx.Org().MobileRequired && in.idents[IdentMobile] == "" {
			return nil, Result{}, simulator.Errorf(simulator.CodeMobileRequired)
		}
		var warnings []*simulator.Error
		if attrWarn != nil {
			warnings = append(warnings, attrWarn)
		}
		code := simulator.CodeCustomerUpdated
		effects := List{}
		if isNew {
			code = simulator.CodeCustomerRegistered
			if c, err = newCustomer(tx, in, now, till); err != nil {
				return nil, Result{}, err
			}
			// A till the org does not have (--auth any lets any till in)
			// registers the customer all the same, with warning 91020.
			if tx.Org().Till(till) == nil {
				warnings = append(warnings, simulator.Errorf(simulator.CodeInvalidRegistrationTill).WithDetail("till %q", till))
			}
			// The add sample's side_effects.effect: points the org awards
			// for registering.
			if awarded, total := c.AwardRegistration(tx.Org(), now); awarded > 0 {
				effects = append(effects, Obj{{"type", "points"}, {"awarded_points", Num(awarded)}, {"total_points", Num(total)}})
			}
		} else if err := applyLoyalty(tx.Org(), c, in.loyalty, now); err != nil {
			return nil, Result{}, err
		}
		p := c.Profile(simulator.SourceInstore, "")
		if p == nil {
			c.Profiles = append(c.Profiles, simulator.Profile{Source: simulator.SourceInstore,
				Attribution: simulator.Attribution{CreateDate: now, CreatedBy: till, ModifiedDate: now, ModifiedBy: till}})
			p = &c.Profiles[len(c.Profiles)-1]
		}
		for _, name := range writeIdentNames {
			if v, ok := in.idents[name]; ok {
				if w := fillIdentifier(p, name, v, ""); w != nil {
					warnings = append(warnings, w)
				}
			}
		}
		warnings = append(warnings, applyDetails(tx.Org(), c, p, in, now, till)...)
		if err := tx.Put(c); err != nil {
			return nil, Result{}, err
		}
		*touched = c.ID
		res := Succeeded(code, warnings...)
		item := customerItem(tx.Org(), c, res, true)
		if len(effects) > 0 {
			item = item.Set("side_effects", Obj{{"effect", effects}})
		}
		return item, res, nil
	})
}

// The attribution headers of a request (NOTES §2.5): the entity type
// (TILL when absent) and the code of the entity a write is attributed to.
const (
	headerAttributionType = "X-CAP-API-ATTRIBUTION-ENTITY-TYPE"
	headerAttributionCode = "X-CAP-API-ATTRIBUTION-ENTITY-CODE"
)

// attributedTill returns the till an add is attributed to: the till the
// X-CAP-API-ATTRIBUTION-ENTITY-CODE header names, when the entity type is
// TILL (the default) and the org has that till; else till (the request's),
// with warning 91021 "Invalid attribution TILL passed." for a code that
// names no till of the org. Store entity types are not simulated: capsim
// attributes writes to tills, so they leave till as it is.
func (s *Server) attributedTill(r *http.Request, till string) (string, *simulator.Error) {
	code := strings.TrimSpace(r.Header.Get(headerAttributionCode))
	typ := strings.TrimSpace(r.Header.Get(headerAttributionType))
	if code == "" || (typ != "" && !strings.EqualFold(typ, "TILL")) {
		return till, nil
	}
	if s.Store.Org().Till(code) == nil {
		return till, simulator.Errorf(simulator.CodeInvalidAttributionTill).WithDetail("till %q", code)
	}
	return code, nil
}

// findAddTarget returns the customer an add item updates, or isNew when it
// registers one. The org's primary identifier (mobile by default) names the
// customer (simulator.Registrant); an identifier is the customer's who holds
// it in INSTORE, else in any source. Another identifier of the item that
// belongs to someone else fails the item, whether it updates a customer or
// registers one: 1016 for the email, 1033 for the external id, 1032 for the
// mobile (when it is not the primary identifier).
func findAddTarget(tx *store.Tx, in *customerInput) (*simulator.Customer, bool, error) {
	var ids []simulator.Identifier
	for _, name := range writeIdentNames {
		if v, ok := in.idents[name]; ok {
			ids = append(ids, simulator.Identifier{Type: identTypes[name], Value: v})
		}
	}
	target, conflict := simulator.Registrant(tx.Org().PrimaryIdentifierType(), ids, func(id simulator.Identifier) int64 {
		if owner, ok := tx.Owner(simulator.SourceInstore, "", id.Type, id.Value); ok {
			return owner
		}
		if hs := tx.Holders(id.Type, id.Value); len(hs) > 0 {
			return hs[0].UserID
		}
		return 0
	})
	if conflict != nil {
		return nil, false, simulator.Errorf(map[string]simulator.Code{simulator.IDMobile: simulator.CodeMobileExists,
			simulator.IDExternalID: simulator.CodeExternalIDExists, simulator.IDEmail: simulator.CodeEmailExists}[conflict.Type])
	}
	if target == 0 {
		return nil, true, nil
	}
	c, err := tx.Customer(target)
	if err != nil {
		return nil, false, err
	}
	return c, false, nil
}

// newCustomer returns a new customer for an add item (not stored yet).
func newCustomer(tx *store.Tx, in *customerInput, now time.Time, till string) (*simulator.Customer, error) {
	loyalty := in.loyalty
	if loyalty == "" {
		loyalty = simulator.LoyaltyLoyalty
	}
	if loyalty != simulator.LoyaltyLoyalty && in.idents[IdentMobile] == "" && in.idents[IdentEmail] == "" {
		return nil, simulator.Errorf(simulator.CodeNoValidNonLoyaltyIdentifier)
	}
	id, err := tx.NextID("customer")
	if err != nil {
		return nil, err
	}
	at := now
	if !in.registeredOn.IsZero() {
		at = in.registeredOn
	}
	attr := simulator.Attribution{CreateDate: at, CreatedBy: till, ModifiedDate: now, ModifiedBy: till}
	c := &simulator.Customer{
		ID:                 id,
		Profiles:           []simulator.Profile{{Source: simulator.SourceInstore, Attribution: attr}},
		LoyaltyType:        loyalty,
		LoyaltyAttribution: attr,
	}
	if loyalty == simulator.LoyaltyLoyalty {
		c.BecomeLoyalty(tx.Org(), at)
	}
	return c, nil
}

// applyLoyalty changes an existing customer's type to want ("" keeps it):
// a loyalty customer never becomes anything else (1046).
func applyLoyalty(org *simulator.Org, c *simulator.Customer, want simulator.LoyaltyType, now time.Time) *simulator.Error {
	if !c.ChangeLoyalty(org, want, now) {
		return simulator.Errorf(simulator.CodeLoyaltyToNonLoyaltyNotAllowed)
	}
	return nil
}

// fillIdentifier gives p identifier name=v if p has none of that type. A
// different value stays: warning 91005 for the org's primary identifier when
// primary names its type (the request named the customer by another
// identifier), else 91006.
func fillIdentifier(p *simulator.Profile, name, v, primary string) *simulator.Error {
	typ := identTypes[name]
	have, ok := p.Identifier(typ)
	switch {
	case !ok || have == "":
		p.Identifiers = append(p.Identifiers, simulator.Identifier{Type: typ, Value: v})
		return nil
	case p.HasIdentifier(typ, v):
		return nil
	case primary != "" && typ == primary:
		return simulator.Errorf(simulator.CodePrimaryKeyNotUpdatable, name, v)
	}
	return simulator.Errorf(simulator.CodeUpdateNotAllowed, name)
}

// applyDetails writes an item's names, custom and extended fields and
// subscriptions to c and its profile p, and stamps the change. Custom fields
// the org has not configured are dropped with one warning 1017 for the item
// (the docs' sample sends two and gets one); extended fields it has not
// enabled with one warning 91015 naming them; subscriptions with a channel
// or priority capsim does not know with 91022.
func applyDetails(org *simulator.Org, c *simulator.Customer, p *simulator.Profile, in *customerInput, now time.Time, till string) []*simulator.Error {
	var warnings []*simulator.Error
	if in.first != "" {
		p.FirstName = clipName(in.first)
	}
	if in.last != "" {
		p.LastName = clipName(in.last)
	}
	badCustom := false
	for _, f := range in.custom {
		name, ok := simulator.ConfiguredName(org.CustomFields, f.Name)
		if !ok {
			badCustom = true
			continue
		}
		if p.Fields == nil {
			p.Fields = map[string]string{}
		}
		p.Fields[name] = f.Value
	}
	if badCustom {
		warnings = append(warnings, simulator.Errorf(simulator.CodeInvalidCustomField))
	}
	var badExtended []string
	for _, f := range in.extended {
		name, ok := simulator.ConfiguredName(org.ExtendedFields, f.Name)
		if !ok {
			badExtended = append(badExtended, f.Name)
			continue
		}
		if f.Value == "" {
			delete(c.ExtendedFields, name)
			continue
		}
		if c.ExtendedFields == nil {
			c.ExtendedFields = map[string]string{}
		}
		c.ExtendedFields[name] = f.Value
	}
	if len(badExtended) > 0 {
		warnings = append(warnings, simulator.Errorf(simulator.CodeInvalidExtendedField, strings.Join(badExtended, ", ")))
	}
	c.OptInDefaults(p)
	for _, sub := range in.subs {
		if w := applySubscription(c, sub); w != nil {
			warnings = append(warnings, w)
		}
	}
	p.Attribution.ModifiedDate, p.Attribution.ModifiedBy = now, till
	c.LoyaltyAttribution.ModifiedDate, c.LoyaltyAttribution.ModifiedBy = now, till
	return warnings
}

// clipName drops what follows a name's 100th character (NOTES §5.1).
func clipName(v string) string {
	if r := []rune(v); len(r) > 100 {
		return string(r[:100])
	}
	return v
}

// applySubscription applies one subscriptions.subscription entry of add:
// {channel: email|sms, priority: TRANS|BULK, is_subscribed: 1|0}.
func applySubscription(c *simulator.Customer, v Values) *simulator.Error {
	ch := simulator.CanonicalChannel(v.String("channel"))
	prio := strings.ToUpper(v.String("priority"))
	known := false
	for _, k := range simulator.SubscriptionChannels {
		known = known || k == ch
	}
	state := ""
	switch strings.ToLower(v.String("is_subscribed")) {
	case "1", "true", "yes":
		state = simulator.OptIn
	case "0", "false", "no":
		state = simulator.OptOut
	}
	if !known || (prio != simulator.PriorityTrans && prio != simulator.PriorityBulk) || state == "" {
		return simulator.Errorf(simulator.CodeSubscriptionChannelUpdateFailed, v.String("channel"), v.String("priority"))
	}
	c.SetSubscription(simulator.Subscription{Channel: ch, Priority: prio, Type: state})
	return nil
}

// customerItem renders a customer written by add or update, in the order of
// the add sample: identifiers and registration, fields, item_status,
// side_effects (add only), then names, loyalty and the last change.
func customerItem(org *simulator.Org, c *simulator.Customer, res Result, sideEffects bool) Obj {
	p := Profile(c)
	st := standingOf(org, c, time.Time{})
	var custom map[string]string
	if p != nil {
		custom = p.Fields
	}
	out := Obj{
		{"user_id", c.ID},
		{"mobile", identValue(p, IdentMobile)},
		{"email", identValue(p, IdentEmail)},
		{"external_id", identValue(p, IdentExternalID)},
		{"registered_on", DateTime(registeredOn(c, p))},
		{"extended_fields", fieldList(org.ExtendedFields, c.ExtendedFields)},
		{"custom_fields", fieldList(org.CustomFields, custom)},
		{"item_status", res.ItemStatus()},
	}
	if sideEffects {
		// Nothing awarded is an empty side_effects ({} in JSON), as the
		// add sample writes it; addOne sets the registration's points.
		out = append(out, Field{"side_effects", Obj{}})
	}
	first, last := "", ""
	if p != nil {
		first, last = p.FirstName, p.LastName
	}
	return append(out,
		Field{"firstname", first},
		Field{"lastname", last},
		Field{"type", loyaltyTypeName(c.LoyaltyType)},
		Field{"lifetime_points", Num(st.LifetimePoints())},
		Field{"lifetime_purchases", Num(c.LifetimePurchases)},
		Field{"loyalty_points", Num(st.Points())},
		Field{"current_slab", slabName(st)},
		Field{"updated_on", DateTime(updatedOn(c, p))},
	)
}

// echoItem renders a failed item: what it sent, the customer's id when one
// was found, and its item_status.
func echoItem(raw Values, userID int64, res Result) Obj {
	var out Obj
	if userID != 0 {
		out = append(out, Field{"user_id", userID})
	}
	for _, k := range []string{IdentMobile, IdentEmail, IdentExternalID, "firstname", "lastname"} {
		out = append(out, Field{k, raw.String(k)})
	}
	return append(out, Field{"item_status", res.ItemStatus()})
}

// writeItem runs fn on one item of a v1.1 write in its own transaction. fn
// notes the customer it acts on in *touched and returns the item's answer;
// an error fails the item (an API error as itself, anything else as
// failCode), writes nothing, and echoes the item with the customer's id.
func (s *Server) writeItem(r *http.Request, raw Values, failCode simulator.Code, fn func(tx *store.Tx, touched *int64) (Obj, Result, error)) (Obj, Result) {
	var (
		out     Obj
		res     Result
		touched int64
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		var err error
		out, res, err = fn(tx, &touched)
		return err
	})
	if err != nil {
		res = Failed(s.itemError(r, err, failCode))
		return echoItem(raw, touched, res), res
	}
	return out, res
}

// failItem answers an item refused before any write.
func failItem(raw Values, err *simulator.Error) (Obj, Result) {
	res := Failed(err)
	return echoItem(raw, 0, res), res
}
