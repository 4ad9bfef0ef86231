package v2

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// POST /v2/transactions/bulk: many bills, one result each.

// bulkItem is one element of a bulk answer: a bill added (entityId and
// the bill as recorded) or refused (errors only).
type bulkItem struct {
	EntityID int64       `json:"entityId,omitempty"`
	Result   *bulkResult `json:"result,omitempty"`
	Errors   []Message   `json:"errors"`
	Warnings []Message   `json:"warnings"`
	codes    []*simulator.Error
}

// bulkResult echoes an added bill as 007's sample does.
type bulkResult struct {
	IdentifierType       string             `json:"identifierType"`
	IdentifierValue      string             `json:"identifierValue"`
	Source               string             `json:"source"`
	AccountID            string             `json:"accountId"`
	Type                 string             `json:"type"`
	ReturnType           string             `json:"returnType,omitempty"`
	BillAmount           float64            `json:"billAmount"`
	BillNumber           string             `json:"billNumber"`
	BillingDate          string             `json:"billingDate"`
	Currency             string             `json:"currency,omitempty"`
	Discount             float64            `json:"discount"`
	GrossAmount          float64            `json:"grossAmount"`
	Note                 string             `json:"note"`
	DeliveryStatus       string             `json:"deliveryStatus,omitempty"`
	NotInterestedReason  string             `json:"notInterestedReason"`
	ExtendedFields       map[string]string  `json:"extendedFields"`
	CustomFields         map[string]string  `json:"customFields"`
	LineItems            []bulkLine         `json:"lineItemsV2"`
	PaymentModes         []bulkPayment      `json:"paymentModes"`
	Redemptions          *bulkRedemptions   `json:"redemptions,omitempty"`
	SideEffects          []pointsSideEffect `json:"sideEffects"`
	UseDefaultFleetGroup bool               `json:"useDefaultFleetGroup"`
}

type bulkLine struct {
	Amount         float64           `json:"amount"`
	ItemCode       string            `json:"itemCode"`
	Qty            float64           `json:"qty"`
	Returnable     bool              `json:"returnable"`
	ReturnableDays int               `json:"returnableDays"`
	ComboDetails   []any             `json:"comboDetails"`
	AddOnDetails   []any             `json:"addOnDetails"`
	SplitDetails   []any             `json:"splitDetails"`
	ExtendedFields map[string]string `json:"extendedFields"`
}

type bulkPayment struct {
	Mode       string            `json:"mode"`
	Value      float64           `json:"value"`
	Notes      string            `json:"notes"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

type bulkRedemptions struct {
	PointsRedemptions []string `json:"pointsRedemptions"`
	CouponRedemptions []string `json:"couponRedemptions"`
}

// bulkResponse is the body of a bulk add.
type bulkResponse struct {
	Response     []bulkItem `json:"response"`
	TotalCount   int        `json:"totalCount"`
	FailureCount int        `json:"failureCount"`
}

// fieldMap renders fields as an object (never null).
func fieldMap(fs []simulator.Field) map[string]string {
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[f.Name] = f.Value
	}
	return m
}

// echo renders the result of an added bill.
func (br *billRequest) echo(out billOutcome) *bulkResult {
	t := out.bill
	res := &bulkResult{IdentifierType: br.name, IdentifierValue: br.value, Source: string(br.src), AccountID: br.acct,
		Type: br.typ, BillAmount: t.Amount, BillNumber: t.Number, BillingDate: timeV2(t.Date), Currency: t.Currency,
		Discount: t.Discount, GrossAmount: t.GrossAmount, Note: t.Notes, DeliveryStatus: t.DeliveryStatus,
		NotInterestedReason: strings.TrimSpace(string(br.in.NotInterestedReason)),
		ExtendedFields:      fieldMap(t.ExtendedFields), CustomFields: fieldMap(t.CustomFields),
		LineItems: []bulkLine{}, PaymentModes: []bulkPayment{}, SideEffects: out.sideEffects()}
	if br.typ == typeReturn {
		res.ReturnType = t.ReturnType
	}
	for _, l := range br.bill.LineItems {
		res.LineItems = append(res.LineItems, bulkLine{Amount: l.Amount, ItemCode: l.ItemCode, Qty: l.Qty, Returnable: !l.NotReturnable,
			ReturnableDays: -1, ComboDetails: []any{}, AddOnDetails: []any{}, SplitDetails: []any{}, ExtendedFields: fieldMap(l.ExtendedFields)})
	}
	for _, p := range t.Payments {
		bp := bulkPayment{Mode: p.Mode, Value: p.Value, Notes: p.Notes}
		if len(p.Attributes) > 0 {
			bp.Attributes = fieldMap(p.Attributes)
		}
		res.PaymentModes = append(res.PaymentModes, bp)
	}
	if rd := br.in.Redemptions; rd != nil {
		res.Redemptions = &bulkRedemptions{PointsRedemptions: flexStrings(rd.PointsRedemptions), CouponRedemptions: flexStrings(rd.CouponRedemptions)}
	}
	return res
}

func flexStrings(in []FlexString) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		out = append(out, string(v))
	}
	return out
}

// handleTransactionsBulk handles "POST /v2/transactions/bulk": a list of
// bills, each for the customer its identifierType and identifierValue
// name. Each bill is recorded or refused on its own (one store write
// each), so the answer lists one result per bill and the store holds
// exactly the bills it reports added. The answer is HTTP 200 whenever the
// list could be read, failureCount saying how many were refused.
func (s *Server) handleTransactionsBulk(w http.ResponseWriter, r *http.Request) {
	list, derr := decodeBulk(simulator.Info(r.Context()).Body)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	if len(list) == 0 {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionDetailsMissing).WithDetail("the list of transactions is empty"))
		return
	}
	if len(list) > bulkLimit {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionBatchLimitExceeded).WithDetail("%d transactions, at most %d", len(list), bulkLimit))
		return
	}
	now, till := s.now(r), s.till(r)
	res := bulkResponse{Response: make([]bulkItem, 0, len(list)), TotalCount: len(list)}
	var codes []*simulator.Error
	for _, raw := range list {
		item := s.bulkOne(r, raw, now, till)
		if len(item.Errors) > 0 {
			res.FailureCount++
		}
		codes = append(codes, item.codes...)
		res.Response = append(res.Response, item)
	}
	reply(w, r, http.StatusOK, res, codes)
}

// bulkOne records one bill of a bulk request.
func (s *Server) bulkOne(r *http.Request, raw json.RawMessage, now time.Time, till string) bulkItem {
	failed := func(err error) bulkItem {
		e, ok := simulator.ErrorOf(err, simulator.CodeTransactionAddFailed)
		if !ok && s.Log != nil {
			s.Log.Error("bulk transaction failed", "err", err, "request_id", simulator.Info(r.Context()).ID)
		}
		return bulkItem{Errors: Messages([]*simulator.Error{e}), Warnings: []Message{}, codes: []*simulator.Error{e}}
	}
	in, err := decodeTransaction(raw)
	if err != nil {
		return failed(err)
	}
	br, err := newBill(s.Store.Org(), in, nil, now, till)
	if err != nil {
		return failed(err)
	}
	var out billOutcome
	if err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		var err error
		out, err = br.apply(tx, now)
		return err
	}); err != nil {
		return failed(err)
	}
	return bulkItem{EntityID: out.id, Result: br.echo(out), Errors: []Message{}, Warnings: Messages(br.warnings), codes: br.warnings}
}
