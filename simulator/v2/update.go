package v2

import (
	"errors"
	"net/http"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// updateResponse is the body of an update: the customer's id and warnings.
type updateResponse struct {
	CreatedID int64     `json:"createdId"`
	Warnings  []Message `json:"warnings"`
}

// handleCustomerUpdate handles "PUT /v2/customers/{id}": it changes the
// customer's profile in the query's source (and account) — names, custom
// fields (merged), commChannels (replaced when given) — its extended fields
// (merged) and its loyalty type (non_loyalty to loyalty only, 8018 else).
//
// Identifiers cannot be changed here ("Cannot update identifiers with this
// API"): when the customer has a profile in the source, the body's identifiers
// are ignored, as in the docs' sample. When it has none, the update creates
// it from the body's identifiers; one that another customer holds in that
// source is 8008, and a body with none is 8009.
func (s *Server) handleCustomerUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.fail(w, r, simulator.Errorf(simulator.CodeUpdateCustomerNotFound))
		return
	}
	src, acct, serr := writeSource(simulator.Query(r), simulator.CodeUpdateAccountIDNotPassed)
	if serr != nil {
		s.fail(w, r, serr)
		return
	}
	var in customerInput
	if derr := decode(r, &in); derr != nil {
		s.fail(w, r, derr)
		return
	}
	org := s.Store.Org()
	p := in.profile()
	var channels []simulator.CommChannel
	if p != nil && p.CommChannels != nil {
		var err *simulator.Error
		if channels, err = cleanCommChannels(p.CommChannels); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	var warnings []*simulator.Error
	if _, warn := s.associatedTill(r, in.AssociatedWith); warn != nil {
		warnings = append(warnings, warn)
	}
	extended, warns := extendedFields(org, in.ExtendedFields)
	warnings = append(warnings, warns...)
	now, till := s.now(r), s.till(r)
	lt := in.loyaltyType()

	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, err := tx.Customer(id)
		if errors.Is(err, store.ErrNotFound) {
			return simulator.Errorf(simulator.CodeUpdateCustomerNotFound)
		}
		if err != nil {
			return err
		}
		if c.MergedInto != 0 {
			return simulator.Errorf(simulator.CodeMergedCustomer)
		}
		if !c.ChangeLoyalty(org, lt, now) {
			return simulator.Errorf(simulator.CodeLoyaltyToNonLoyalty)
		}
		prof := c.Profile(src, acct)
		if prof == nil {
			np, err := newProfileFor(tx, c, p, src, acct)
			if err != nil {
				return err
			}
			np.Attribution = simulator.Attribution{CreateDate: now, CreatedBy: till}
			c.Profiles = append(c.Profiles, *np)
			prof = &c.Profiles[len(c.Profiles)-1]
			c.OptInDefaults(prof)
		}
		if p != nil {
			if p.FirstName != nil {
				prof.FirstName = cleanName(*p.FirstName)
			}
			if p.LastName != nil {
				prof.LastName = cleanName(*p.LastName)
			}
			prof.Fields = simulator.MergeFields(prof.Fields, customFields(org, p.Fields))
			if p.CommChannels != nil {
				prof.CommChannels = channels
				if len(channels) == 0 {
					prof.CommChannels = nil
				}
			}
		}
		prof.Attribution.ModifiedDate, prof.Attribution.ModifiedBy = now, till
		c.ExtendedFields = simulator.MergeFields(c.ExtendedFields, extended)
		c.LoyaltyAttribution.ModifiedDate, c.LoyaltyAttribution.ModifiedBy = now, till
		return tx.Put(c)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, updateResponse{CreatedID: id, Warnings: Messages(warnings)}, warnings)
}

// newProfileFor returns the profile an update creates for c in src/acct,
// where c has none: the body's identifiers, valid (8014, 8055, 8064), at
// least one (8009), and none held by another customer there (8008).
func newProfileFor(tx *store.Tx, c *simulator.Customer, p *profileInput, src simulator.Source, acct string) (*simulator.Profile, error) {
	var ids []simulator.Identifier
	if p != nil {
		var err *simulator.Error
		if ids, err = cleanIdentifiers(p.Identifiers, registerIdentifierCodes); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return nil, simulator.Errorf(simulator.CodeUpdateCustomerNotFound).
			WithDetail("the customer has no profile in %s and the body names no identifier to create one", sourceName(src, acct))
	}
	for _, id := range ids {
		if owner, ok := tx.Owner(src, acct, id.Type, id.Value); ok && owner != c.ID {
			return nil, simulator.Errorf(simulator.CodeUpdateDifferentProfiles)
		}
	}
	return &simulator.Profile{Source: src, AccountID: acct, Identifiers: ids}, nil
}

// sourceName names a source and account for a message: "WECHAT/22232".
func sourceName(src simulator.Source, acct string) string {
	if acct == "" {
		return string(src)
	}
	return string(src) + "/" + acct
}
