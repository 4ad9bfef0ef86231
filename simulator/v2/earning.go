package v2

import (
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
)

// reasonCodes is the one table that turns the earning model's refusals
// (simulator.Reason) into v2 transaction codes (007). Where 007 words a
// number differently from 004 the V2 constant is used (601, 602, 3045).
// The points reasons belong to redemptions, which v2 transactions only
// name (redemptions echo): were one to refuse, it is 642.
var reasonCodes = simulator.ReasonCodes{
	simulator.ReasonBadAmount:            simulator.CodeTransactionInvalidAmountV2,
	simulator.ReasonNoNumber:             simulator.CodeTransactionInvalidNumberV2,
	simulator.ReasonBadNumber:            simulator.CodeTransactionInvalidNumberV2,
	simulator.ReasonNumberExists:         simulator.CodeTransactionNumberExists,
	simulator.ReasonNegativeAmount:       simulator.CodeTransactionNegativeAmount,
	simulator.ReasonNegativeGross:        simulator.CodeTransactionNegativeGrossAmount,
	simulator.ReasonNegativeDiscount:     simulator.CodeTransactionNegativeDiscount,
	simulator.ReasonNegativeQty:          simulator.CodeNegativeQuantity,
	simulator.ReasonNegativeLineAmount:   simulator.CodeLineItemNegativeAmount,
	simulator.ReasonNegativeLineValue:    simulator.CodeLineItemNegativeValue,
	simulator.ReasonNegativeLineRate:     simulator.CodeLineItemNegativeRate,
	simulator.ReasonNegativeLineDiscount: simulator.CodeLineItemNegativeDiscount,
	simulator.ReasonFutureDate:           simulator.CodeTransactionFutureDate,
	simulator.ReasonPastDate:             simulator.CodeTransactionPastDate,
	simulator.ReasonNoCurrencyRatio:      simulator.CodeInvalidCurrencyRatio,
	simulator.ReasonFraud:                simulator.CodeTransactionCustomerFraudV2,
	simulator.ReasonTooManyBills:         simulator.CodeTransactionAddFailed686,

	simulator.ReasonReturnsOff:          simulator.CodeReturnNotAllowed,
	simulator.ReasonNoOriginal:          simulator.CodeTransactionNumberNotFound,
	simulator.ReasonBadReturnType:       simulator.CodeReturnTypeInvalid,
	simulator.ReasonFullyReturned:       simulator.CodeTransactionAlreadyReturned,
	simulator.ReasonFullAfterPartial:    simulator.CodeFullReturnAfterPartial,
	simulator.ReasonLineAfterAmount:     simulator.CodeReturnLineItemAfterAmount,
	simulator.ReasonAmountAfterLine:     simulator.CodeReturnAmountAfterLineItem,
	simulator.ReasonReturnAmountExceeds: simulator.CodeReturnAmountExceeds,
	simulator.ReasonReturnQtyExceeds:    simulator.CodeReturnQuantityExceedsAvailable,
	simulator.ReasonNoLineToReturn:      simulator.CodeReturnLineItemsMissing,
	simulator.ReasonNoMatchingLine:      simulator.CodeReturnLineItemNotFound,

	simulator.ReasonNotLoyalty:        simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonPointsInvalid:     simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonPointsBelowMin:    simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonPointsNotMultiple: simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonPointsAboveMax:    simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonPointsShort:       simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonValidationCode:    simulator.CodeTransactionRedemptionFailed,
	simulator.ReasonFraudRedemption:   simulator.CodeTransactionRedemptionFailed,
}

// reasonError is the v2 error for a refusal of the earning model: its
// reason's code, its detail naming what was wrong. A reason the table
// lacks (one added to the model later) is 608 "Unable to add transaction."
func reasonError(r *simulator.Refusal) *simulator.Error {
	return reasonCodes.Error(r, simulator.CodeTransactionAddFailed)
}

// billPointsSummary is currentPointsSummary.
type billPointsSummary struct {
	AvailablePoints         float64 `json:"availablePoints"`
	ExpiredPoints           float64 `json:"expiredPoints"`
	RedeemedPoints          float64 `json:"redeemedPoints"`
	PromisedPoints          float64 `json:"promisedPoints"`
	ReturnedPromisedPoints  float64 `json:"returnedPromisedPoints"`
	ReturnedPoints          float64 `json:"returnedPoints"`
	PromisedPointsConverted float64 `json:"promisedPointsConverted"`
}

// issuedSummaryV2 is issuedPointsSummary.
type issuedSummaryV2 struct {
	RedeemablePointsIssued float64 `json:"redeemablePointsIssued"`
	PromisedPointsIssued   float64 `json:"promisedPointsIssued"`
}

// pointsBreakupV2 is currentPointsBreakup: the points still available, with
// their expiry.
type pointsBreakupV2 struct {
	RegularPointsInfo     *regularPointsInfoV2 `json:"regularPointsInfo"`
	PromotionalPointsInfo *struct{}            `json:"promotionalPointsInfo"`
}

type regularPointsInfoV2 struct {
	AvailablePointsInfo []availablePointsV2 `json:"availablePointsInfo"`
	PromisedPointsInfo  *struct{}           `json:"promisedPointsInfo"`
}

type availablePointsV2 struct {
	Points     float64 `json:"points"`
	ExpiryDate string  `json:"expiryDate"`
	ExpiryType string  `json:"expiryType"`
}

// programPointsV2 is one program's entry of billPoints / lineItemPoints.
type programPointsV2 struct {
	ProgramID            int64             `json:"programId"`
	CurrentPointsSummary billPointsSummary `json:"currentPointsSummary"`
	IssuedPointsSummary  issuedSummaryV2   `json:"issuedPointsSummary"`
	CurrentPointsBreakup pointsBreakupV2   `json:"currentPointsBreakup"`
}

// earningEntities is pointsEarningEntities: what the bill (billPoints) or
// a line of it (lineItemPoints) earned the customer, per program.
type earningEntities struct {
	EntityID       int64             `json:"entityId"`
	EntityType     string            `json:"entityType"`
	BillPoints     []programPointsV2 `json:"billPoints,omitempty"`
	LineItemPoints []programPointsV2 `json:"lineItemPoints,omitempty"`
}

// programPoints renders bp scaled by share (a line's part of the bill).
func programPoints(bp simulator.BillPoints, share float64) programPointsV2 {
	sc := func(v float64) float64 { return float64(int64(v*share*1000+0.5)) / 1000 }
	p := programPointsV2{ProgramID: bp.ProgramID,
		CurrentPointsSummary: billPointsSummary{AvailablePoints: sc(bp.Available), ExpiredPoints: sc(bp.Expired),
			RedeemedPoints: sc(bp.Redeemed), ReturnedPoints: sc(bp.Returned)},
		IssuedPointsSummary: issuedSummaryV2{RedeemablePointsIssued: sc(bp.Issued)}}
	if bp.Available > 0 {
		info := availablePointsV2{Points: sc(bp.Available), ExpiryType: "never"}
		if !bp.Expiry.IsZero() {
			info.ExpiryDate, info.ExpiryType = timeV2(bp.Expiry), "rolling"
		}
		p.CurrentPointsBreakup.RegularPointsInfo = &regularPointsInfoV2{AvailablePointsInfo: []availablePointsV2{info}}
	}
	return p
}

// handleTransactionEarning handles "GET /v2/earning/{id}": the bill with id
// (any type) and what it earned: billDetails.pointsEarningEntities for the
// bill, and each line's share of it (by amount) on the line. capsim earns
// on the bill's amount, so the lines' points are the bill's split by amount.
// A bill that earned nothing (a not-interested or non-loyalty customer's)
// lists its program-less customer with no points.
func (s *Server) handleTransactionEarning(w http.ResponseWriter, r *http.Request) {
	fb, err := s.readBill(r, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	org := s.Store.Org()
	out := renderTransaction(org, fb, false, false)
	if fb.customer != nil {
		addEarning(out, org, fb, s.now(r))
	}
	reply(w, r, http.StatusOK, out, nil)
}

// addEarning adds the points of fb's bill at now to out.
func addEarning(out *transactionV2, org *simulator.Org, fb foundBill, now time.Time) {
	bp := fb.customer.BillPoints(org, &fb.bill, now)
	ent := &earningEntities{EntityID: fb.customer.ID, EntityType: "customer", BillPoints: []programPointsV2{}}
	if bp.ProgramID != 0 {
		ent.BillPoints = append(ent.BillPoints, programPoints(bp, 1))
	}
	out.BillDetails.PointsEarningEntities = ent
	var total float64
	for _, l := range fb.bill.LineItems {
		total += l.Amount
	}
	for i := range out.LineItems {
		le := &earningEntities{EntityID: fb.customer.ID, EntityType: "customer", LineItemPoints: []programPointsV2{}}
		if bp.ProgramID != 0 && total > 0 {
			le.LineItemPoints = append(le.LineItemPoints, programPoints(bp, fb.bill.LineItems[i].Amount/total))
		}
		out.LineItems[i].PointsEarningEntities = le
	}
}
