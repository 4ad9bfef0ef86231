package v11

import (
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The identifier names v1.1 takes in query parameters and body fields.
const (
	IdentMobile     = "mobile"
	IdentEmail      = "email"
	IdentExternalID = "external_id"
	IdentID         = "id"
	IdentCardNumber = "card_number"
)

// IdentNames lists the identifier names a read takes, in the order their
// items are answered.
var IdentNames = []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, IdentCardNumber}

// identTypes maps v1.1 identifier names to the store's identifier types.
var identTypes = map[string]string{
	IdentMobile:     simulator.IDMobile,
	IdentEmail:      simulator.IDEmail,
	IdentExternalID: simulator.IDExternalID,
	IdentCardNumber: simulator.IDCardNumber,
}

// Ident is one customer identifier of a request: its v1.1 name and value.
type Ident struct{ Name, Value string }

func (id Ident) String() string { return id.Name + "=" + id.Value }

// QueryIdents returns the identifiers in a read's query: every value of
// mobile, email, external_id, id and card_number, each comma-separated
// list split (mobile=44700900000,44700900999), in that order. An empty value
// inside a list is kept (its item fails with 400). No identifier at all is a
// request-level 400; more than limit is status 1060.
func QueryIdents(q url.Values, limit int) ([]Ident, *simulator.Error) {
	var out []Ident
	for _, name := range IdentNames {
		for _, raw := range q[name] {
			for _, v := range strings.Split(raw, ",") {
				out = append(out, Ident{Name: name, Value: strings.TrimSpace(v)})
			}
		}
	}
	if len(out) == 0 {
		return nil, invalid("no identifier: pass mobile, email, external_id, id or card_number")
	}
	if len(out) == 1 && out[0].Value == "" {
		return nil, invalid("%s is empty", out[0].Name)
	}
	if limit > 0 && len(out) > limit {
		return nil, simulator.Errorf(simulator.CodeBatchLimitExceeded).
			WithDetail("%d identifiers; at most %d are allowed", len(out), limit)
	}
	return out, nil
}

// BodyIdent returns the identifier a body item names to find its customer:
// the first of id, mobile, email and external_id that has a value.
func BodyIdent(v Values) (Ident, bool) {
	for _, name := range []string{IdentID, IdentMobile, IdentEmail, IdentExternalID} {
		if s := v.String(name); s != "" {
			return Ident{Name: name, Value: s}, true
		}
	}
	return Ident{}, false
}

// FindCustomer returns the customer id names. Identifiers are looked up in
// the INSTORE source, where v1.1 registers, then in any source (a customer
// registered through v2 elsewhere is the same customer). A merged-away id
// answers its survivor with warning 91009.
//
// Not found is 1012 "Cannot find customer with the provided mobile
// number/external ID/e-mail ID." for identifiers and 1011 "Cannot find
// customer for provided identifier" for an id: the reference shows neither
// in a sample (NOTES §1.5), and 1012's text names exactly the identifiers
// it is for while 1011's fits a user id. An empty value is 400.
//
// In a View transaction the customer is shared and must not be changed.
func FindCustomer(tx *store.Tx, id Ident) (*simulator.Customer, []*simulator.Error, *simulator.Error) {
	if id.Value == "" {
		return nil, nil, invalid("%s is empty", id.Name)
	}
	if id.Name == IdentID {
		n, err := strconv.ParseInt(id.Value, 10, 64)
		if err != nil || n <= 0 {
			return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFoundForIdentifier)
		}
		c, merged, err := tx.Survivor(n)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFoundForIdentifier)
		case err != nil:
			return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFoundForIdentifier).WithDetail("%v", err)
		case Profile(c) == nil:
			return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFoundForIdentifier)
		case merged:
			return c, []*simulator.Error{simulator.Errorf(simulator.CodeMergeSurvivorRetrieved)}, nil
		}
		return c, nil, nil
	}
	typ, ok := identTypes[id.Name]
	if !ok {
		return nil, nil, invalid("%q is not an identifier", id.Name)
	}
	value := id.Value
	if typ == simulator.IDMobile {
		value = simulator.CleanMobile(value)
	}
	owner, ok := tx.Owner(simulator.SourceInstore, "", typ, value)
	if !ok {
		for _, h := range tx.Holders(typ, value) {
			owner, ok = h.UserID, true
			break
		}
	}
	if !ok {
		return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFound)
	}
	c, err := tx.Customer(owner)
	if err != nil {
		return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFound).WithDetail("%v", err)
	}
	if Profile(c) == nil {
		return nil, nil, simulator.Errorf(simulator.CodeCustomerNotFound)
	}
	return c, nil, nil
}

// Profile returns the profile v1.1 acts on: the customer's INSTORE profile,
// else its primary one (nil for a customer without profiles).
func Profile(c *simulator.Customer) *simulator.Profile {
	if p := c.Profile(simulator.SourceInstore, ""); p != nil {
		return p
	}
	return c.Primary()
}

// identValue returns the value of v1.1 identifier name in p.
func identValue(p *simulator.Profile, name string) string {
	if p == nil {
		return ""
	}
	v, _ := p.Identifier(identTypes[name])
	return v
}

// DateTime formats t as v1.1 writes dates ("2016-09-11 11:11:11"), in the
// zone it was recorded in; "" for the zero time.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04:05")
}

// loyaltyTypeName returns c's type as v1.1 writes it.
func loyaltyTypeName(t simulator.LoyaltyType) string {
	switch t {
	case simulator.LoyaltyLoyalty:
		return "LOYALTY"
	case simulator.LoyaltyNotInterested:
		return "NOT_INTERESTED"
	}
	return "NON_LOYALTY"
}

// parseLoyaltyType reads v1.1's type (LOYALTY, NON_LOYALTY, NOT_INTERESTED;
// any case).
func parseLoyaltyType(s string) (simulator.LoyaltyType, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "LOYALTY":
		return simulator.LoyaltyLoyalty, true
	case "NON_LOYALTY":
		return simulator.LoyaltyNonLoyalty, true
	case "NOT_INTERESTED":
		return simulator.LoyaltyNotInterested, true
	}
	return "", false
}

// standingOf returns c's standing in the org's default program, the one
// v1.1 reports, at now (points expired by then are gone; zero expires none).
func standingOf(org *simulator.Org, c *simulator.Customer, now time.Time) simulator.Standing {
	return c.StandingAt(org.DefaultProgram(), now)
}

// slabName returns the current slab's name ("" when not enrolled).
func slabName(st simulator.Standing) string {
	s, _ := st.Slab()
	return s.Name
}

// registeredOn returns when c registered: the loyalty attribution's date,
// else the v1.1 profile's.
func registeredOn(c *simulator.Customer, p *simulator.Profile) time.Time {
	if t := c.LoyaltyAttribution.CreateDate; !t.IsZero() {
		return t
	}
	if p != nil {
		return p.Attribution.CreateDate
	}
	return time.Time{}
}

// updatedOn returns when c last changed.
func updatedOn(c *simulator.Customer, p *simulator.Profile) time.Time {
	t := c.LoyaltyAttribution.ModifiedDate
	if p != nil && p.Attribution.ModifiedDate.After(t) {
		t = p.Attribution.ModifiedDate
	}
	if t.IsZero() {
		t = registeredOn(c, p)
	}
	return t
}

// registeredBy returns the till that registered c.
func registeredBy(c *simulator.Customer, p *simulator.Profile) string {
	if c.LoyaltyAttribution.CreatedBy != "" {
		return c.LoyaltyAttribution.CreatedBy
	}
	if p != nil {
		return p.Attribution.CreatedBy
	}
	return ""
}

// fieldList renders name/value fields as {field: [{name, value}, ...]}:
// the names configured first, in the org's order, then the rest by name.
func fieldList(configured []string, m map[string]string) Obj {
	return Obj{{"field", pairList(configured, m)}}
}

// pairList renders m as a list of {name, value}, ordered as fieldList says.
func pairList(configured []string, m map[string]string) List {
	out := List{}
	seen := map[string]bool{}
	for _, name := range configured {
		if v, ok := m[name]; ok && !seen[name] {
			out = append(out, Obj{{"name", name}, {"value", v}})
			seen[name] = true
		}
	}
	var rest []string
	for name := range m {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		out = append(out, Obj{{"name", name}, {"value", m[name]}})
	}
	return out
}
