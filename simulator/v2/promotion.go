package v2

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

type promotionIssueRequest struct {
	ProgramID   json.Number `json:"programId"`
	PromotionID json.Number `json:"promotionId"`
}

// PromotionSideEffect is one entry of a promotion issue's sideEffects.
type PromotionSideEffect struct {
	ProgramID   int64  `json:"programId"`
	IssualID    int64  `json:"issualId,omitempty"`
	EarnedID    int64  `json:"earnedId,omitempty"`
	PromotionID int64  `json:"promotionId"`
	Type        string `json:"type"`
}

type promotionIssueResponse struct {
	Warnings    []Message             `json:"warnings"`
	Errors      []Message             `json:"errors"`
	SideEffects []PromotionSideEffect `json:"sideEffects"`
}

// sideEffectType is what the real API writes in sideEffects[].type whatever
// the promotion: the docs call the field "not valid".
const sideEffectType = "Points promotion"

// handlePromotionIssue handles "POST /v2/promotion/issue": a LOYALTY
// promotion is issued (earned) at once, a LOYALTY_EARNING one enrols the
// customer. A customer who has used up the per-customer limit, or a promotion
// whose state does not allow it, gets warning 8890 with HTTP 200 and empty
// sideEffects, as the real API answers.
func (s *Server) handlePromotionIssue(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	var body promotionIssueRequest
	if err := decode(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	org := s.Store.Org()
	programID, err := strconv.ParseInt(body.ProgramID.String(), 10, 64)
	program := org.Program(programID)
	if err != nil || program == nil {
		s.fail(w, r, simulator.Errorf(simulator.CodeInvalidProgramID))
		return
	}
	promotionID, err := strconv.ParseInt(body.PromotionID.String(), 10, 64)
	promo := org.Promotion(promotionID)
	if err != nil || promo == nil || promo.ProgramID != program.ID {
		s.fail(w, r, simulator.Errorf(simulator.CodeInvalidPromotionID))
		return
	}
	src, _ := simulator.ParseSource(q.Get("source"))
	name, value, acct := q.Get("identifierName"), strings.TrimSpace(q.Get("identifierValue")), q.Get("accountId")

	var effect *PromotionSideEffect
	var warn *simulator.Error
	err = s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, err := findPromotionCustomer(tx, src, acct, name, value)
		if err != nil {
			return err
		}
		if !promo.Allows(c, s.now(r)) {
			warn = simulator.Errorf(simulator.CodePromotionNotIssued)
			return nil
		}
		iss := simulator.PromotionIssual{PromotionID: promo.ID, ProgramID: program.ID, Date: s.now(r)}
		e := &PromotionSideEffect{ProgramID: program.ID, PromotionID: promo.ID, Type: sideEffectType}
		if promo.Type == simulator.PromotionLoyalty {
			id, err := tx.NextID("earned")
			if err != nil {
				return err
			}
			iss.EarnedID, e.EarnedID = id, id
			c.AwardPoints(program, promo.Points, s.now(r))
		} else {
			id, err := tx.NextID("issual")
			if err != nil {
				return err
			}
			iss.IssualID, e.IssualID = id, id
		}
		c.Promotions = append(c.Promotions, iss)
		if err := tx.Put(c); err != nil {
			return err
		}
		effect = e
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := promotionIssueResponse{Warnings: []Message{}, Errors: []Message{}, SideEffects: []PromotionSideEffect{}}
	var warnings []*simulator.Error
	if warn != nil {
		warnings = append(warnings, warn)
		res.Warnings = Messages(warnings)
	} else {
		res.SideEffects = append(res.SideEffects, *effect)
	}
	reply(w, r, http.StatusOK, res, warnings)
}

// findPromotionCustomer resolves the customer a promotion request names.
// identifierName=id takes the customer id; the others an identifier in source.
func findPromotionCustomer(tx *store.Tx, src simulator.Source, acct, name, value string) (*simulator.Customer, error) {
	notFound := simulator.Errorf(simulator.CodeCustomerNotFoundV2)
	var id int64
	if name == "id" {
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n <= 0 {
			return nil, notFound
		}
		id = n
	} else {
		owner, ok := tx.Owner(src, acct, name, value)
		if !ok {
			return nil, notFound
		}
		id = owner
	}
	c, err := tx.Customer(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	if c.MergedInto != 0 {
		return nil, notFound
	}
	return c, nil
}
