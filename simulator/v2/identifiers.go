package v2

import (
	"errors"
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// changeIdentifierCodes are changeIdentifier's own codes for invalid values
// of added identifiers (its error table: 8056, 8055, 8064).
var changeIdentifierCodes = identifierCodes{
	mobile:     simulator.CodeInvalidMobileError,
	email:      simulator.CodeInvalidEmailError,
	externalID: simulator.CodeExternalIDInvalidError,
}

// changeIdentifierInput is the body of changeIdentifier.
type changeIdentifierInput struct {
	Add    []identifierInput `json:"add"`
	Remove []identifierInput `json:"remove"`
}

// changeIdentifierResponse is the body of a successful changeIdentifier.
type changeIdentifierResponse struct {
	Success  bool      `json:"success"`
	Warnings []Message `json:"warnings"`
}

// handleCustomerChangeIdentifier handles "POST /v2/customers/{id}/changeIdentifier":
// it adds and removes identifiers of the customer's profile in the query's
// source (and account). Identifiers are unique there: one the profile holds
// already is 8007, one another customer holds there is 8008. An added
// identifier that another customer holds in another source merges this
// customer (the victim) into that one (the survivor), with warning 8051.
//
// Other answers: 8009 for an unknown customer or one without a profile in
// the source, 8045 for a multi-account source without accountId, 8053 for a
// customer merged away already (naming its survivor) or for added identifiers
// that two other customers hold, 8055 / 8056 / 8064 for an invalid email,
// mobile or external id, and 400 for a body that adds and removes nothing.
// 8053 and 8055-8064 are warnings on the status-code page; this page files
// them under errors, and capsim answers them so (their *Error entries).
//
// Removing an identifier the profile does not hold does nothing: the docs'
// sample removes tom.sawyer@example.com from customer 418, who has no such
// identifier, and documents success. A profile keeps at least one identifier
// (400 otherwise).
func (s *Server) handleCustomerChangeIdentifier(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.fail(w, r, simulator.Errorf(simulator.CodeInvalidCustomerID))
		return
	}
	src, acct, serr := writeSource(simulator.Query(r), simulator.CodeAccountIDNotPassed)
	if serr != nil {
		s.fail(w, r, serr)
		return
	}
	var in changeIdentifierInput
	if derr := decode(r, &in); derr != nil {
		s.fail(w, r, derr)
		return
	}
	if len(in.Add) == 0 && len(in.Remove) == 0 {
		s.fail(w, r, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("request body must name an identifier to add or remove"))
		return
	}
	adds, verr := addedIdentifiers(in.Add)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	removes := removedIdentifiers(in.Remove)
	now, till := s.now(r), s.till(r)
	var warnings []*simulator.Error
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, err := tx.Customer(id)
		if errors.Is(err, store.ErrNotFound) {
			return simulator.Errorf(simulator.CodeInvalidCustomerID)
		}
		if err != nil {
			return err
		}
		if c.MergedInto != 0 {
			return simulator.Errorf(simulator.CodeAlreadyMergedError, c.MergedInto)
		}
		prof := c.Profile(src, acct)
		if prof == nil {
			return simulator.Errorf(simulator.CodeInvalidCustomerID).
				WithDetail("the customer has no profile in %s", sourceName(src, acct))
		}
		survivor, err := checkAdds(tx, c, prof, adds)
		if err != nil {
			return err
		}
		if !prof.ChangeIdentifiers(adds, removes) {
			return simulator.Errorf(simulator.CodeInvalidInput).WithDetail("a profile keeps at least one identifier")
		}
		prof.Attribution.ModifiedDate, prof.Attribution.ModifiedBy = now, till
		if survivor == 0 {
			return tx.Put(c)
		}
		sv, err := tx.Customer(survivor)
		if err != nil {
			return err
		}
		sv.Absorb(c, now, till)
		// The victim first: it gives up its identifiers, which the survivor takes.
		if err := tx.Put(c); err != nil {
			return err
		}
		warnings = append(warnings, simulator.Errorf(simulator.CodeMergingIntoSurvivor, sv.ID))
		return tx.Put(sv)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, changeIdentifierResponse{Success: true, Warnings: Messages(warnings)}, warnings)
}

// addedIdentifiers validates add[]: a mobile must be valid (8056), an email
// too (8055), an external id at most 250 characters and not empty (8064).
func addedIdentifiers(in []identifierInput) ([]simulator.Identifier, *simulator.Error) {
	var out []simulator.Identifier
	for i, raw := range in {
		id, ok, err := cleanIdentifier(raw.Type, string(raw.Value), changeIdentifierCodes)
		if err != nil {
			return nil, err
		}
		if !ok {
			switch raw.Type {
			case simulator.IDMobile:
				return nil, simulator.Errorf(changeIdentifierCodes.mobile)
			case simulator.IDEmail:
				return nil, simulator.Errorf(changeIdentifierCodes.email)
			case simulator.IDExternalID:
				return nil, simulator.Errorf(changeIdentifierCodes.externalID)
			}
			return nil, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("add[%d] %s value is empty", i, raw.Type)
		}
		if !hasIdentifier(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// removedIdentifiers returns remove[] in stored form; values are not checked:
// what the profile does not hold is not removed.
func removedIdentifiers(in []identifierInput) []simulator.Identifier {
	out := make([]simulator.Identifier, 0, len(in))
	for _, raw := range in {
		v := strings.TrimSpace(string(raw.Value))
		if raw.Type == simulator.IDMobile {
			v = simulator.CleanMobile(v)
		}
		out = append(out, simulator.Identifier{Type: raw.Type, Value: v})
	}
	return out
}

// checkAdds checks each added identifier against the store and returns the
// customer to merge c into, if an added identifier belongs to another
// customer in another source (0 if none). The profile may not hold it
// already (8007), nobody else may hold it in the same source and account
// (8008), and at most one other customer may hold the added identifiers
// elsewhere (8053).
func checkAdds(tx *store.Tx, c *simulator.Customer, prof *simulator.Profile, adds []simulator.Identifier) (int64, error) {
	var survivor int64
	for _, id := range adds {
		if prof.HasIdentifier(id.Type, id.Value) {
			return 0, simulator.Errorf(simulator.CodeIdentifierAlreadyRegistered)
		}
		if owner, ok := tx.Owner(prof.Source, prof.AccountID, id.Type, id.Value); ok && owner != c.ID {
			return 0, simulator.Errorf(simulator.CodeIdentifierExistsSameSource)
		}
		for _, h := range tx.Holders(id.Type, id.Value) {
			if h.UserID == c.ID {
				continue
			}
			if survivor != 0 && h.UserID != survivor {
				return 0, simulator.Errorf(simulator.CodeConflictingCustomersError)
			}
			survivor = h.UserID
		}
	}
	return survivor, nil
}
