package v11

import (
	"fmt"
	"net/http"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleCustomerUpdate handles "POST /v1.1/customer/update" (and PUT, which
// the current reference documents): each root.customer item names its
// customer by one identifier (id, else mobile, else email, else external_id)
// and updates the profile. The reference says update has no batch support;
// capsim still answers every item, each on its own.
func (s *Server) handleCustomerUpdate(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomers, s.updateOne)
}

// updateOne updates the customer of one item. The identifier that names the
// customer is unchanged; the item's other identifiers fill empty ones and
// leave the rest as they are, with a warning: 91005 for the org's primary
// identifier (mobile by default), 91006 for another identifier with a value
// already, 91007 for a value another INSTORE customer holds. Loyalty never
// becomes non-loyalty (1046). Unknown customers are 1012 (1011 for an id);
// a customer marked as fraud is not updated (618).
func (s *Server) updateOne(r *http.Request, raw Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	ident, ok := BodyIdent(raw)
	if !ok {
		return failItem(raw, invalid("no identifier: pass one of mobile, email, external_id or id"))
	}
	in, verr := parseCustomerInput(raw, now)
	if verr != nil {
		return failItem(raw, verr)
	}
	return s.writeItem(r, raw, simulator.CodeCustomerUpdateFailed, func(tx *store.Tx, touched *int64) (Obj, Result, error) {
		c, warnings, ferr := FindCustomer(tx, ident)
		if ferr != nil {
			return nil, Result{}, ferr
		}
		*touched = c.ID
		if ferr := c.FraudRefusal(); ferr != nil {
			return nil, Result{}, ferr
		}
		if err := applyLoyalty(tx.Org(), c, in.loyalty, now); err != nil {
			return nil, Result{}, err
		}
		p := Profile(c)
		if p == nil {
			return nil, Result{}, simulator.Errorf(simulator.CodeCustomerNotFound)
		}
		for _, name := range writeIdentNames {
			v, ok := in.idents[name]
			if !ok || name == ident.Name {
				continue
			}
			if _, have := p.Identifier(identTypes[name]); !have {
				if owner, taken := tx.Owner(p.Source, p.AccountID, identTypes[name], v); taken && owner != c.ID {
					warnings = append(warnings, simulator.Errorf(simulator.CodeIdentifierOccupied, name))
					continue
				}
			}
			if w := fillIdentifier(p, name, v, tx.Org().PrimaryIdentifierType()); w != nil {
				warnings = append(warnings, w)
			}
		}
		warnings = append(warnings, applyDetails(tx.Org(), c, p, in, now, till)...)
		if err := tx.Put(c); err != nil {
			return nil, Result{}, err
		}
		res := Succeeded(simulator.CodeCustomerUpdated, warnings...)
		return customerItem(tx.Org(), c, res, false).Reorder(updateItemOrder), res, nil
	})
}

// updateItemOrder is the order of an updated customer's fields in the
// update sample (names before the fields, registered_on near the end);
// type, which the sample lacks, stays after the names.
var updateItemOrder = []string{"user_id", "mobile", "email", "external_id", "firstname", "lastname", "type",
	"extended_fields", "custom_fields", "item_status", "lifetime_points", "lifetime_purchases", "loyalty_points",
	"current_slab", "registered_on", "updated_on"}

// handleCustomerUpdateIdentity handles "POST /v1.1/customer/update_identity":
// each root.customer item {identifier, old_value, new_value} asks to change
// a loyalty customer's mobile, email or external id. The request is recorded
// as pending (1040, updated "true"); the identifier itself does not change.
//
// The reference gives update_identity "Batch Support: No": a request with
// more than one item is refused whole with 1060 "Batch limit exceeded" (the
// limit being one), and nothing is recorded.
func (s *Server) handleCustomerUpdateIdentity(w http.ResponseWriter, r *http.Request) {
	s.serveBatchUpTo(w, r, shapeCustomers, 1, s.updateIdentityOne)
}

// updateIdentityOne records one identity change request. identifier must be
// mobile, email or external_id and both values given (1041); the new value
// must be valid (1042) and differ from the old (1041); the old value must
// name a customer (1012) whose v1.1 profile holds it (1025), who is a loyalty
// customer (1013) not marked as fraud (618), and no other customer may hold
// the new one (1032 mobile, 1016 email, 1033 external id).
// identityEcho renders an update_identity item with its outcome: the change
// as sent and whether it was recorded.
func identityEcho(raw Values) func(Result) Obj {
	return func(res Result) Obj {
		return Obj{{"identifier", raw.String("identifier")}, {"old_value", raw.String("old_value")},
			{"new_value", raw.String("new_value")}, {"updated", fmt.Sprint(res.OK())}, {"item_status", res.ItemStatus()}}
	}
}

func (s *Server) updateIdentityOne(r *http.Request, raw Values) (Obj, Result) {
	name, oldV, newV := raw.String("identifier"), raw.String("old_value"), raw.String("new_value")
	item := identityEcho(raw)
	fail := func(err *simulator.Error) (Obj, Result) { return item(Failed(err)), Failed(err) }
	typ, ok := identTypes[name]
	if !ok || name == IdentCardNumber {
		return fail(simulator.Errorf(simulator.CodeIdentityChangeFailed).
			WithDetail("identifier %q is not mobile, email or external_id", name))
	}
	if oldV == "" || newV == "" {
		return fail(simulator.Errorf(simulator.CodeIdentityChangeFailed).WithDetail("old_value and new_value are required"))
	}
	if name == IdentMobile {
		newV = simulator.CleanMobile(newV)
	}
	valid := map[string]func(string) bool{IdentMobile: simulator.ValidMobile, IdentEmail: simulator.ValidEmail,
		IdentExternalID: simulator.ValidExternalID}[name]
	if !valid(newV) {
		return fail(simulator.Errorf(simulator.CodeInvalidIdentifierValue))
	}
	exists := map[string]simulator.Code{IdentMobile: simulator.CodeMobileExists, IdentEmail: simulator.CodeEmailExists,
		IdentExternalID: simulator.CodeExternalIDExists}[name]
	now, till := s.now(r), s.till(r)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, _, ferr := FindCustomer(tx, Ident{Name: name, Value: oldV})
		if ferr != nil {
			return ferr
		}
		p := Profile(c)
		if p == nil || !p.HasIdentifier(typ, cleanIdent(name, oldV)) {
			return simulator.Errorf(simulator.CodeIdentityMandatoryFieldsMismatch)
		}
		if p.HasIdentifier(typ, newV) {
			return simulator.Errorf(simulator.CodeIdentityChangeFailed).WithDetail("new_value is the current value")
		}
		if c.LoyaltyType != simulator.LoyaltyLoyalty {
			return simulator.Errorf(simulator.CodeNotLoyaltyCustomer)
		}
		if ferr := c.FraudRefusal(); ferr != nil {
			return ferr
		}
		if owner, taken := tx.Owner(p.Source, p.AccountID, typ, newV); taken && owner != c.ID {
			return simulator.Errorf(exists)
		}
		c.RequestIdentityChange(simulator.IdentityChange{Type: typ, OldValue: oldV, NewValue: newV,
			RequestedOn: now, RequestedBy: till})
		return tx.Put(c)
	})
	if err != nil {
		return fail(s.itemError(r, err, simulator.CodeIdentityChangeFailed))
	}
	res := Succeeded(simulator.CodeIdentityChangeRequested)
	return item(res), res
}

// cleanIdent returns an identifier value as stored.
func cleanIdent(name, v string) string {
	if name == IdentMobile {
		return simulator.CleanMobile(v)
	}
	return v
}
