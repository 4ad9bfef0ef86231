package v2

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// This file serves the v2 transaction API (007): add one bill (POST
// /v2/transactions, the customer in the query), add many (POST
// /v2/transactions/bulk, the customer in each bill), update one (PUT
// /v2/transactions) and read one (GET /v2/transactions/{id}). Bills go
// through the earning model (simulator/earning.go) that v1.1
// transaction/add uses too, into the same customer history: a bill added
// here is listed by v1.1 customer/transactions and earns the same points.

// bulkLimit is the most bills one bulk request takes (672 beyond). 007
// does not say; 100 is the limit of the other v2 bulk APIs (NOTES §4.2).
const bulkLimit = 100

// billSource names the API that wrote a bill in its record.
const billSource = "v2"

// billRequest is one validated bill of a request: who it is for and what
// the earning model is asked to record.
type billRequest struct {
	name, value string // the customer's identifier ("" for a not-interested bill of nobody)
	src         simulator.Source
	acct        string
	typ         string // REGULAR, RETURN, NOT_INTERESTED or NOT_INTERESTED_RETURN
	bill        simulator.Transaction
	// returnType is a RETURN's type; returnLines the lines a LINE_ITEM
	// return gives back.
	returnType  string
	returnLines []simulator.ReturnLine
	// mixed are the lines of type RETURN of a regular bill (an exchange),
	// by the number of the bill they return, in parents' order.
	mixed    map[string][]simulator.ReturnLine
	parents  []string
	warnings []*simulator.Error
	in       *transactionInput
}

// billOutcome is what recording a bill did.
type billOutcome struct {
	id       int64
	customer *simulator.Customer // nil for a not-interested bill of nobody
	effect   simulator.BillEffect
	bill     simulator.Transaction
}

// billCustomer is who a bill is for: an identifier in a source.
type billCustomer struct {
	name, value, acct string
	src               simulator.Source
}

// queryCustomer reads the customer of a single add or an update from the
// query: identifierName and identifierValue (606 without them), source
// (needed unless identifierName is id) and accountId.
func queryCustomer(q url.Values, required bool) (billCustomer, *simulator.Error) {
	return checkCustomer(q.Get("identifierName"), q.Get("identifierValue"), q.Get("source"), q.Get("accountId"), "query parameter ", required)
}

// checkCustomer checks an identifier of a bill; required says whether the
// bill needs a customer (every type but NOT_INTERESTED).
func checkCustomer(name, value, source, acct, where string, required bool) (billCustomer, *simulator.Error) {
	bc := billCustomer{name: strings.TrimSpace(name), value: strings.TrimSpace(value), acct: strings.TrimSpace(acct)}
	if bc.name == "" && bc.value == "" && !required {
		return bc, nil
	}
	if bc.name == "" || bc.value == "" {
		missing := "identifierName"
		if bc.name != "" {
			missing = "identifierValue"
		} else if where == "" {
			missing = "identifierType"
		}
		return bc, simulator.Errorf(simulator.CodeTransactionNoCustomerIdentifier).WithDetail("%s%q is required", where, missing)
	}
	if strings.TrimSpace(source) == "" {
		if bc.name != "id" {
			return bc, simulator.Errorf(simulator.CodeTransactionNoCustomerIdentifier).WithDetail("%s\"source\" is required with identifier %s", where, bc.name)
		}
		bc.src = simulator.SourceInstore
		return bc, nil
	}
	src, ok := simulator.ParseSource(source)
	if !ok || src == simulator.SourceAll {
		return bc, simulator.Errorf(simulator.CodeInvalidSource).WithDetail("%s\"source\" %s is not a source", where, quoteInput(source))
	}
	bc.src = src
	if !src.MultiAccount() {
		bc.acct = ""
	}
	return bc, nil
}

// findCustomer returns the customer bc names: by id, or by an identifier
// held in its source and account. 8015 when nobody (or a customer merged
// away) is found.
func (bc billCustomer) findCustomer(tx *store.Tx) (*simulator.Customer, error) {
	notFound := simulator.Errorf(simulator.CodeTransactionCustomerNotFoundV2).
		WithDetail("no customer has %s %s in %s", bc.name, quoteInput(bc.value), sourceName(bc.src, bc.acct))
	var id int64
	if bc.name == "id" {
		n, err := strconv.ParseInt(bc.value, 10, 64)
		if err != nil || n <= 0 {
			return nil, notFound
		}
		id = n
	} else {
		value := bc.value
		if bc.name == simulator.IDMobile {
			value = simulator.CleanMobile(value)
		}
		owner, ok := tx.Owner(bc.src, bc.acct, bc.name, value)
		if !ok {
			return nil, notFound
		}
		id = owner
	}
	c, err := tx.Customer(id)
	if errors.Is(err, store.ErrNotFound) || err == nil && c.MergedInto != 0 {
		return nil, notFound
	}
	return c, err
}

// newBill checks one bill of a request and builds what the earning model
// records. cust is the query's customer (single add) or nil (bulk: the
// bill's own identifierType and identifierValue).
func newBill(org *simulator.Org, in *transactionInput, cust *billCustomer, now time.Time, till string) (*billRequest, *simulator.Error) {
	typ, err := billType("type", in.Type, "")
	if err != nil {
		return nil, err
	}
	br := &billRequest{typ: typ, in: in}
	bc := billCustomer{}
	if cust != nil {
		bc = *cust
	} else if bc, err = checkCustomer(in.IdentifierType, string(in.IdentifierValue), in.Source, string(in.AccountID), "", typ != typeNotInterested); err != nil {
		return nil, err
	}
	if typ != typeNotInterested && bc.name == "" {
		return nil, simulator.Errorf(simulator.CodeTransactionNoCustomerIdentifier).WithDetail("a %s transaction needs a customer", typ)
	}
	br.name, br.value, br.src, br.acct = bc.name, bc.value, bc.src, bc.acct

	t := simulator.Transaction{Type: typ, StoreCode: tillStore(org, till), TillCode: till, AddedOn: now, Source: billSource}
	if t.Number, err = text("billNumber", in.BillNumber); err != nil {
		return nil, err
	}
	if t.Number == "" {
		return nil, simulator.Errorf(simulator.CodeTransactionInvalidNumberV2).WithDetail("billNumber is required")
	}
	for _, f := range []struct {
		name string
		v    FlexString
		dst  *float64
	}{{"billAmount", in.BillAmount, &t.Amount}, {"grossAmount", in.GrossAmount, &t.GrossAmount}, {"discount", in.Discount, &t.Discount}} {
		if *f.dst, err = figure(f.name, f.v); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(string(in.BillAmount)) == "" && typ != typeReturn {
		return nil, simulator.Errorf(simulator.CodeTransactionInvalidAmountV2).WithDetail("billAmount is required")
	}
	if strings.TrimSpace(string(in.GrossAmount)) == "" {
		t.GrossAmount = t.Amount + t.Discount
	}
	if t.Date, err = billTime("billingDate", in.BillingDate); err != nil {
		return nil, err
	}
	if t.Date.IsZero() {
		t.Date = now
	}
	if t.Notes, err = text("note", in.Note); err != nil {
		return nil, err
	}
	if _, err = text("notInterestedReason", in.NotInterestedReason); err != nil {
		return nil, err
	}
	if d := strings.ToUpper(strings.TrimSpace(in.DeliveryStatus)); d != "" {
		if !knownDeliveryStatus(d) {
			return nil, simulator.Errorf(simulator.CodeTransactionStatusInvalid).WithDetail("deliveryStatus %s is not one of %s", quoteInput(in.DeliveryStatus), strings.Join(deliveryStatuses, ", "))
		}
		t.DeliveryStatus = d
	}
	if c := strings.ToUpper(strings.TrimSpace(in.CurrencyCode)); c != "" && c != org.Billing.Base() {
		t.Currency, t.LocalAmount = c, t.Amount
	}
	var warns []*simulator.Error
	t.CustomFields, warns = customFieldsOf("", in.CustomFields)
	br.warnings = append(br.warnings, warns...)
	t.ExtendedFields, warns = extendedFieldsOf(org.Billing, in.ExtendedFields)
	br.warnings = append(br.warnings, warns...)
	if t.Payments, err = payments(in.PaymentModes); err != nil {
		return nil, err
	}
	lines, mixed, parents, warns, err := billLines(in.LineItems, org.Billing)
	if err != nil {
		return nil, err
	}
	br.warnings = append(br.warnings, warns...)
	t.LineItems = lines
	switch typ {
	case typeReturn:
		br.returnType = strings.ToUpper(strings.TrimSpace(in.ReturnType))
		if br.returnType == "" {
			br.returnType = simulator.ReturnFull
		}
		for _, l := range lines {
			br.returnLines = append(br.returnLines, simulator.ReturnLine{Serial: l.Serial, ItemCode: l.ItemCode, Qty: l.Qty, Amount: l.Amount})
		}
	case typeRegular:
		br.mixed, br.parents = mixed, parents
	}
	if typ != typeRegular && len(parents) > 0 {
		return nil, simulator.Errorf(simulator.CodeInvalidReturnTransactionType).WithDetail("lines of type RETURN belong in a REGULAR (mixed) transaction, not a %s one", typ)
	}
	if typ == typeNotInterested {
		t.Type = simulator.TransactionNotInterested
	}
	br.bill = t
	return br, nil
}

func knownDeliveryStatus(d string) bool {
	for _, s := range deliveryStatuses {
		if s == d {
			return true
		}
	}
	return false
}

// tillStore returns the code of till's store ("" for a till the org lacks).
func tillStore(org *simulator.Org, till string) string {
	if t := org.Till(till); t != nil {
		return t.StoreCode
	}
	return ""
}

// apply records br in tx at now through the earning model.
func (br *billRequest) apply(tx *store.Tx, now time.Time) (billOutcome, error) {
	org := tx.Org()
	if br.typ == typeNotInterestedReturn {
		return billOutcome{}, simulator.Errorf(simulator.CodeReturnNotAllowed).WithDetail("capsim takes no returns of not-interested bills")
	}
	t := br.bill
	if br.typ == typeNotInterested && br.name == "" {
		if r := org.Billing.CheckBill(&t, now); r != nil {
			return billOutcome{}, reasonError(r)
		}
		if dup, ok := org.Billing.Duplicate(&t, tx.BillsNumbered(t.Number)); ok {
			return billOutcome{}, duplicateError(dup)
		}
		id, err := tx.NextTransactionID()
		if err != nil {
			return billOutcome{}, err
		}
		t.ID = id
		return billOutcome{id: id, bill: t}, tx.PutLooseBill(t)
	}
	c, err := billCustomer{name: br.name, value: br.value, src: br.src, acct: br.acct}.findCustomer(tx)
	if err != nil {
		return billOutcome{}, err
	}
	if c.Fraud.Marked() {
		return billOutcome{}, simulator.Errorf(simulator.CodeTransactionCustomerFraudV2, c.ID)
	}
	if r := org.Billing.CheckBill(&t, now); r != nil {
		return billOutcome{}, reasonError(r)
	}
	id, err := tx.NextTransactionID()
	if err != nil {
		return billOutcome{}, err
	}
	t.ID = id
	out := billOutcome{id: id, customer: c}
	if br.typ == typeReturn {
		ret, eff, r := c.ReturnBill(org, simulator.ReturnRequest{Number: t.Number, Type: br.returnType, Amount: t.Amount,
			Lines: br.returnLines, Bill: t}, now)
		if r != nil {
			return billOutcome{}, reasonError(r)
		}
		out.bill, out.effect = ret, eff
		return out, tx.Put(c)
	}
	if dup, ok := org.Billing.Duplicate(&t, tx.BillsNumbered(t.Number)); ok {
		return billOutcome{}, duplicateError(dup)
	}
	out.bill, out.effect = c.AddBill(org, t, now)
	for _, parent := range br.parents {
		rid, err := tx.NextTransactionID()
		if err != nil {
			return billOutcome{}, err
		}
		rb := t
		rb.ID, rb.Number, rb.LineItems, rb.Payments = rid, parent, nil, nil
		_, eff, r := c.ReturnBill(org, simulator.ReturnRequest{Number: parent, Type: simulator.ReturnLineItem,
			Lines: br.mixed[parent], Bill: rb}, now)
		if r != nil {
			return billOutcome{}, reasonError(r)
		}
		out.effect.Points += eff.Points
		out.effect.Balance, out.effect.LifetimePurchases = eff.Balance, eff.LifetimePurchases
	}
	return out, tx.Put(c)
}

// duplicateError is 604 for a bill number the org's uniqueness scope has
// seen already, naming where.
func duplicateError(dup simulator.BillRef) *simulator.Error {
	return simulator.Errorf(simulator.CodeTransactionNumberExists).
		WithDetail("billNumber %s is bill %d of store %s", quoteInput(dup.Number), dup.ID, dup.StoreCode)
}

// ---- answers --------------------------------------------------------------

// pointsSideEffect is the sideEffects[] entry of the points a bill awarded
// (negative for what a return took back).
type pointsSideEffect struct {
	EntityType       string  `json:"entityType"`
	RawAwardedPoints float64 `json:"rawAwardedPoints"`
	AwardedPoints    int64   `json:"awardedPoints"`
	Type             string  `json:"type"`
}

// rawSideEffect is one rawSideEffects[] entry (rawSideEffects=true): the
// award in the form the real API gives its internals, every value a string.
type rawSideEffect struct {
	AwardOn               string `json:"awardOn"`
	AwardStrategyID       string `json:"awardStrategyId"`
	AwardedOn             string `json:"awardedOn"`
	AwardedOnMillis       string `json:"awardedOnMillis"`
	BillNumber            string `json:"billNumber"`
	EvaluatedEntity       string `json:"evaluatedEntity"`
	ExpiryDate            string `json:"expiryDate"`
	ExpiryDateMillis      string `json:"expiryDateMillis"`
	ExpiryStrategyID      string `json:"expiryStrategyId"`
	LineItemID            string `json:"lineItemId"`
	PointTypeID           string `json:"pointTypeId"`
	PointTypeIsRedeemable string `json:"pointTypeIsRedeemable"`
	PointTypeName         string `json:"pointTypeName"`
	Points                string `json:"points"`
	ProgramID             string `json:"programId"`
	PromoID               string `json:"promoId"`
	PromoIdentifier       string `json:"promoIdentifier"`
	PromoName             string `json:"promoName"`
	SourceID              string `json:"sourceId"`
	SourceType            string `json:"sourceType"`
	TenderCodeID          string `json:"tenderCodeId"`
	Type                  string `json:"type"`
}

// customerInfo names the customer a single add was for.
type customerInfo struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// addTransactionResponse is the body of a single add.
type addTransactionResponse struct {
	CreatedID      int64              `json:"createdId"`
	Warnings       []Message          `json:"warnings"`
	Errors         []Message          `json:"errors"`
	SideEffects    []pointsSideEffect `json:"sideEffects"`
	RawSideEffects []rawSideEffect    `json:"rawSideEffects,omitempty"`
	CustomerInfo   *customerInfo      `json:"customerInfo,omitempty"`
}

// sideEffects reports what out awarded: one points entry when a loyalty
// customer's points moved, none otherwise.
func (out billOutcome) sideEffects() []pointsSideEffect {
	if out.customer == nil || out.effect.ProgramID == 0 || out.effect.Points == 0 {
		return []pointsSideEffect{}
	}
	p := out.effect.Points
	return []pointsSideEffect{{EntityType: "USER", RawAwardedPoints: p, AwardedPoints: int64(math.Trunc(p)), Type: "points"}}
}

// rawSideEffects renders out's award as rawSideEffects.
func (out billOutcome) rawSideEffects(org *simulator.Org, now time.Time) []rawSideEffect {
	if out.customer == nil || out.effect.ProgramID == 0 || out.effect.Points == 0 {
		return []rawSideEffect{}
	}
	expiry := time.Time{}
	if prog := org.Program(out.effect.ProgramID); prog != nil && prog.Earning.ExpiryDays > 0 {
		expiry = now.AddDate(0, 0, prog.Earning.ExpiryDays)
	}
	typ := "AWARD"
	if out.effect.Points < 0 {
		typ = "RETURN"
	}
	e := rawSideEffect{AwardOn: "BILL", AwardStrategyID: "-1", AwardedOn: rawDate(now), AwardedOnMillis: strconv.FormatInt(now.UnixMilli(), 10),
		BillNumber: out.bill.Number, EvaluatedEntity: "USER", ExpiryDate: rawDate(expiry), ExpiryDateMillis: "-1", ExpiryStrategyID: "-1",
		LineItemID: "-1", PointTypeID: "-1", PointTypeIsRedeemable: "true", PointTypeName: "Main",
		Points: strconv.FormatFloat(out.effect.Points, 'f', 3, 64), ProgramID: strconv.FormatInt(out.effect.ProgramID, 10),
		PromoID: "-1", SourceID: strconv.FormatInt(out.id, 10), SourceType: "Bill", TenderCodeID: "-1", Type: typ}
	if !expiry.IsZero() {
		e.ExpiryDateMillis = strconv.FormatInt(expiry.UnixMilli(), 10)
	}
	return []rawSideEffect{e}
}

// rawDate writes a date as rawSideEffects do: "23rd Sep, 2021"; "" for never.
func rawDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := t.Day()
	suffix := "th"
	switch {
	case d%10 == 1 && d != 11:
		suffix = "st"
	case d%10 == 2 && d != 12:
		suffix = "nd"
	case d%10 == 3 && d != 13:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s %s", d, suffix, t.Format("Jan, 2006"))
}

// info returns the customerInfo of out's customer in src.
func (out billOutcome) info(src simulator.Source, acct string) *customerInfo {
	if out.customer == nil {
		return nil
	}
	p := out.customer.Profile(src, acct)
	if p == nil {
		p = out.customer.Primary()
	}
	if p == nil {
		return &customerInfo{}
	}
	return &customerInfo{FirstName: p.FirstName, LastName: p.LastName}
}

// handleTransactionAdd handles "POST /v2/transactions": one bill for the
// customer the query names (a not-interested bill may name none).
func (s *Server) handleTransactionAdd(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	raw := simulator.Info(r.Context()).Body
	in, derr := decodeTransaction(raw)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	typ := strings.ToUpper(strings.TrimSpace(in.Type))
	cust, cerr := queryCustomer(q, typ != typeNotInterested)
	if cerr != nil {
		s.fail(w, r, cerr)
		return
	}
	now := s.now(r)
	br, verr := newBill(s.Store.Org(), in, &cust, now, s.till(r))
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	var out billOutcome
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		var err error
		out, err = br.apply(tx, now)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := addTransactionResponse{CreatedID: out.id, Warnings: Messages(br.warnings), Errors: []Message{},
		SideEffects: out.sideEffects(), CustomerInfo: out.info(cust.src, cust.acct)}
	if b, _ := strconv.ParseBool(q.Get("rawSideEffects")); b {
		res.RawSideEffects = out.rawSideEffects(s.Store.Org(), now)
	}
	reply(w, r, http.StatusOK, res, br.warnings)
}

// ---- bulk -----------------------------------------------------------------

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

// ---- update ---------------------------------------------------------------

// updateTransactionInput is the body of an update: the bill by id or
// number, and what may change.
type updateTransactionInput struct {
	ID             FlexString            `json:"id"`
	Number         FlexString            `json:"number"`
	DeliveryStatus string                `json:"deliveryStatus"`
	CustomFields   map[string]FlexString `json:"customFields"`
	ExtendedFields map[string]FlexString `json:"extendedFields"`
}

// updateTransactionResponse is the body of an update.
type updateTransactionResponse struct {
	CreatedID int64     `json:"createdId"`
	Warnings  []Message `json:"warnings"`
	Errors    []Message `json:"errors"`
}

// handleTransactionUpdate handles "PUT /v2/transactions" (007's path: the
// customer in the query, the bill by id or number in the body): it changes
// the delivery status and merges custom and extended fields. 670 without
// id and number, 667 / 668 when the customer has no such bill, 1636 for an
// unknown delivery status.
func (s *Server) handleTransactionUpdate(w http.ResponseWriter, r *http.Request) {
	cust, cerr := queryCustomer(r.URL.Query(), true)
	if cerr != nil {
		s.fail(w, r, cerr)
		return
	}
	var in updateTransactionInput
	if derr := decode(r, &in); derr != nil {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionDetailsMissing).WithDetail("%s", derr.Detail))
		return
	}
	idText, number := strings.TrimSpace(string(in.ID)), strings.TrimSpace(string(in.Number))
	if idText == "" && number == "" {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionIDOrNumberMissing).WithDetail("the body needs id or number"))
		return
	}
	var id int64
	if idText != "" {
		n, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("id %s", quoteInput(idText)))
			return
		}
		id = n
	}
	status := strings.ToUpper(strings.TrimSpace(in.DeliveryStatus))
	if status != "" && !knownDeliveryStatus(status) {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionStatusInvalid).WithDetail("deliveryStatus %s is not one of %s", quoteInput(in.DeliveryStatus), strings.Join(deliveryStatuses, ", ")))
		return
	}
	org := s.Store.Org()
	custom, warnings := customFieldsOf("", in.CustomFields)
	extended, ws := extendedFieldsOf(org.Billing, in.ExtendedFields)
	warnings = append(warnings, ws...)
	now := s.now(r)
	var updated int64
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, err := cust.findCustomer(tx)
		if err != nil {
			return err
		}
		var t *simulator.Transaction
		if id != 0 {
			if t = c.History.Transaction(id); t == nil {
				return simulator.Errorf(simulator.CodeTransactionIDNotForCustomer).WithDetail("customer %d has no transaction %d", c.ID, id)
			}
		} else {
			bills := c.History.TransactionsNumbered(number)
			if len(bills) == 0 {
				return simulator.Errorf(simulator.CodeTransactionNumberNotForCustomer).WithDetail("customer %d has no bill numbered %s", c.ID, quoteInput(number))
			}
			t = bills[len(bills)-1]
		}
		if status != "" {
			t.DeliveryStatus = status
		}
		t.CustomFields = mergeFields(t.CustomFields, custom)
		t.ExtendedFields = mergeFields(t.ExtendedFields, extended)
		t.UpdatedOn = now
		updated = t.ID
		return tx.Put(c)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, updateTransactionResponse{CreatedID: updated, Warnings: Messages(warnings), Errors: []Message{}}, warnings)
}

// mergeFields sets each of add in fs, replacing a field of the same name
// (case-insensitive).
func mergeFields(fs, add []simulator.Field) []simulator.Field {
	for _, a := range add {
		found := false
		for i := range fs {
			if strings.EqualFold(fs[i].Name, a.Name) {
				fs[i].Value, found = a.Value, true
				break
			}
		}
		if !found {
			fs = append(fs, a)
		}
	}
	return fs
}

// ---- get ------------------------------------------------------------------

// foundBill is a bill read by id: its customer (nil for a not-interested
// bill of nobody) and the bill.
type foundBill struct {
	customer *simulator.Customer
	bill     simulator.Transaction
}

// findBill returns the bill with id: a customer's (through the store's
// transaction index) or a not-interested bill of nobody.
func findBill(tx *store.Tx, id int64) (foundBill, bool, error) {
	if cid, ok := tx.TransactionOwner(id); ok {
		c, err := tx.Customer(cid)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return foundBill{}, false, err
		}
		if c != nil {
			if t := c.History.Transaction(id); t != nil {
				return foundBill{customer: c, bill: *t}, true, nil
			}
		}
	}
	b, ok, err := tx.LooseBill(id)
	return foundBill{bill: b}, ok, err
}

// typeOf names a stored bill's type as the get's type parameter does.
func (fb foundBill) typeOf() string {
	if fb.bill.Type == simulator.TransactionReturn && fb.customer == nil {
		return typeNotInterestedReturn
	}
	return fb.bill.Type
}

// entityV2 is a till or store as the get writes attribution and billingStore.
type entityV2 struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Description string `json:"description"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	AdminType   string `json:"adminType"`
	IsActive    bool   `json:"isActive"`
	IsOuEnabled bool   `json:"isOuEnabled"`
	TimeZoneID  int    `json:"timeZoneId"`
	CurrencyID  int    `json:"currencyId"`
	LanguageID  int    `json:"languageId"`
}

// tillEntity renders till code. Tills have no numeric id in capsim's org:
// a stable one is made from the code.
func tillEntity(org *simulator.Org, code string) *entityV2 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(code))
	e := &entityV2{ID: int64(h.Sum32() & 0x7fffffff), Code: code, Name: code, Type: "TILL", AdminType: "GENERAL", IsActive: true,
		TimeZoneID: -1, CurrencyID: -1, LanguageID: -1}
	if t := org.Till(code); t != nil {
		e.Name = t.Name
	}
	return e
}

// storeEntity renders the store of a bill.
func storeEntity(org *simulator.Org, code string) *entityV2 {
	e := &entityV2{Code: code, Name: code, Type: "STORE", AdminType: "GENERAL", IsActive: true, TimeZoneID: -1, CurrencyID: -1, LanguageID: -1}
	if st := org.Store(code); st != nil {
		e.ID, e.Name, e.Description = st.ID, st.Name, st.City
	}
	return e
}

type attributionV2 struct {
	CreateDate   string    `json:"createDate"`
	CreatedBy    *entityV2 `json:"createdBy"`
	ModifiedBy   struct{}  `json:"modifiedBy"`
	ModifiedDate string    `json:"modifiedDate"`
}

type returnDetailsV2 struct {
	Canceled bool `json:"canceled"`
}

type billDetailsV2 struct {
	Amount                float64          `json:"amount"`
	BillingStore          *entityV2        `json:"billingStore"`
	BillNumber            string           `json:"billNumber"`
	BillingTime           string           `json:"billingTime"`
	Discount              float64          `json:"discount"`
	GrossAmount           float64          `json:"grossAmount"`
	Note                  string           `json:"note"`
	ReturnDetails         returnDetailsV2  `json:"returnDetails"`
	NIReturnDetails       struct{}         `json:"niReturnDetails"`
	InvalidBill           bool             `json:"invalidBill"`
	PointsEarningEntities *earningEntities `json:"pointsEarningEntities,omitempty"`
}

type lineDetailsV2 struct {
	Amount         float64             `json:"amount"`
	Description    string              `json:"description"`
	Discount       float64             `json:"discount"`
	ItemCode       string              `json:"itemCode"`
	Qty            float64             `json:"qty"`
	Rate           float64             `json:"rate"`
	Serial         int                 `json:"serial"`
	Value          float64             `json:"value"`
	Returnable     bool                `json:"returnable"`
	ReturnableDays int                 `json:"returnableDays"`
	Attributes     map[string]string   `json:"attributes"`
	ExtendedFields map[string]string   `json:"extendedFields"`
	AttributesSet  []map[string]string `json:"attributesSet"`
}

type lineItemV2 struct {
	ID                    int64            `json:"id"`
	CustomerID            int64            `json:"customerId"`
	Details               lineDetailsV2    `json:"details"`
	OutlierStatus         string           `json:"outlierStatus"`
	ReturnDetails         struct{}         `json:"returnDetails"`
	Valid                 bool             `json:"valid"`
	ReturnLineItemsDtos   []any            `json:"returnLineItemsDtos"`
	NIReturnLineItemsDtos []any            `json:"niReturnLineItemsDtos"`
	AddonDetails          []any            `json:"addonDetails"`
	SplitItemsDetails     []any            `json:"splitItemsDetails"`
	PointsEarningEntities *earningEntities `json:"pointsEarningEntities,omitempty"`
	NIReturn              bool             `json:"niReturn"`
}

type tenderV2 struct {
	Amount           float64 `json:"amount"`
	Attributes       []any   `json:"attributes"`
	ID               int64   `json:"id"`
	Mode             string  `json:"mode"`
	Notes            string  `json:"notes"`
	OrgPaymentModeID int64   `json:"orgPaymentModeId"`
}

type creditNoteV2 struct {
	Amount       float64 `json:"amount"`
	Notes        string  `json:"notes"`
	Number       string  `json:"number"`
	Validity     string  `json:"validity"`
	UpdateAmount bool    `json:"updateAmount"`
}

// transactionV2 is the body of GET /v2/transactions/{id} and, with its
// points, of GET /v2/earning/{id}.
type transactionV2 struct {
	UseDefaultFleetGroup bool              `json:"useDefaultFleetGroup"`
	Attribution          attributionV2     `json:"attribution"`
	BillDetails          billDetailsV2     `json:"billDetails"`
	CreditNote           *creditNoteV2     `json:"creditNote,omitempty"`
	CustomFields         map[string]string `json:"customFields"`
	AddWithLocalCurrency bool              `json:"addWithLocalCurrency"`
	Async                bool              `json:"async"`
	UseV2                bool              `json:"useV2"`
	CustomerID           int64             `json:"customerId"`
	ID                   int64             `json:"id"`
	LineItems            []lineItemV2      `json:"lineItems"`
	OutlierStatus        string            `json:"outlierStatus"`
	PaymentModes         []tenderV2        `json:"paymentModes,omitempty"`
	Type                 string            `json:"type"`
	DeliveryStatus       string            `json:"deliveryStatus,omitempty"`
	LifeTimePurchases    float64           `json:"lifeTimePurchases"`
	IgnorePoints         bool              `json:"ignorePoints"`
	ExtendedFields       map[string]string `json:"extendedFields"`
	AutoUpdateTime       string            `json:"autoUpdateTime"`
	NIReturnDetails      struct{}          `json:"niReturnDetails"`
	BasketSize           float64           `json:"basketSize"`
	ReturnDetails        returnDetailsV2   `json:"returnDetails"`
	Warnings             []Message         `json:"warnings"`
}

// renderTransaction renders fb as the get writes it; tenders and
// creditNotes add what their query parameters ask for.
func renderTransaction(org *simulator.Org, fb foundBill, tenders, creditNotes bool) *transactionV2 {
	t := fb.bill
	created := t.AddedOn
	if created.IsZero() {
		created = t.Date
	}
	modified := t.UpdatedOn
	if modified.IsZero() {
		modified = created
	}
	out := &transactionV2{
		Attribution: attributionV2{CreateDate: timeV2(created), CreatedBy: tillEntity(org, t.TillCode), ModifiedDate: timeV2(modified)},
		BillDetails: billDetailsV2{Amount: t.Amount, BillingStore: storeEntity(org, t.StoreCode), BillNumber: t.Number,
			BillingTime: timeV2(t.Date), Discount: t.Discount, GrossAmount: t.GrossAmount, Note: t.Notes},
		CustomFields: fieldMap(t.CustomFields), AddWithLocalCurrency: t.Currency != "", UseV2: t.Source == billSource,
		ID: t.ID, LineItems: []lineItemV2{}, OutlierStatus: "NORMAL", Type: fb.typeOf(), DeliveryStatus: t.DeliveryStatus,
		ExtendedFields: fieldMap(t.ExtendedFields), AutoUpdateTime: timeV2(modified), Warnings: []Message{},
	}
	if fb.customer != nil {
		out.CustomerID = fb.customer.ID
		out.LifeTimePurchases = fb.customer.LifetimePurchases
	}
	if t.Type == simulator.TransactionRegular && t.Returned >= t.Amount-0.000001 && t.Returned > 0 {
		out.ReturnDetails.Canceled = true
		out.BillDetails.ReturnDetails.Canceled = true
	}
	for i, l := range t.LineItems {
		out.BasketSize += l.Qty
		out.LineItems = append(out.LineItems, lineItemV2{ID: t.ID*100 + int64(i) + 1, CustomerID: out.CustomerID,
			Details: lineDetailsV2{Amount: l.Amount, Description: l.Description, Discount: l.Discount, ItemCode: l.ItemCode,
				Qty: l.Qty, Rate: l.Rate, Serial: l.Serial, Value: l.Value, Returnable: !l.NotReturnable, ReturnableDays: -1,
				Attributes: map[string]string{}, ExtendedFields: fieldMap(l.ExtendedFields), AttributesSet: []map[string]string{}},
			OutlierStatus: "NORMAL", Valid: true, ReturnLineItemsDtos: []any{}, NIReturnLineItemsDtos: []any{},
			AddonDetails: []any{}, SplitItemsDetails: []any{}})
	}
	if tenders {
		out.PaymentModes = []tenderV2{}
		for i, p := range t.Payments {
			out.PaymentModes = append(out.PaymentModes, tenderV2{Amount: p.Value, Attributes: []any{}, ID: t.ID*10 + int64(i) + 1,
				Mode: p.Mode, Notes: p.Notes, OrgPaymentModeID: -1})
		}
	}
	if creditNotes && len(t.CreditNotes) > 0 {
		cn := t.CreditNotes[0]
		out.CreditNote = &creditNoteV2{Amount: cn.Amount, Notes: cn.Notes, Number: cn.Number, Validity: cn.Date.Format(time.DateOnly)}
	}
	return out
}

// getTransactionTypes are the values of the get's type parameter.
var getTransactionTypes = []string{typeRegular, typeReturn, typeNotInterested, typeNotInterestedReturn}

// readBill reads the bill of the {id} path for a get or an earning: 620
// for an id that cannot be one, 500 ("Unable to retrieve transaction.")
// when no bill of type typ has it.
func (s *Server) readBill(r *http.Request, typ string) (foundBill, error) {
	id, ok := pathID(r)
	if !ok {
		return foundBill{}, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("id %s", quoteInput(mux.Vars(r)["id"]))
	}
	var fb foundBill
	var found bool
	err := s.Store.View(namespace(r), func(tx *store.Tx) error {
		var err error
		fb, found, err = findBill(tx, id)
		return err
	})
	if err != nil {
		return foundBill{}, err
	}
	if !found || (typ != "" && fb.typeOf() != typ) {
		what := "transaction"
		if typ != "" {
			what = typ + " transaction"
		}
		return foundBill{}, simulator.Errorf(simulator.CodeTransactionRetrieveFailed).WithDetail("no %s has id %d", what, id)
	}
	return fb, nil
}

// handleTransactionGet handles "GET /v2/transactions/{id}": the bill with
// id, of the type the query names (REGULAR by default; 1623 for a type
// that is none of 007's).
func (s *Server) handleTransactionGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	typ := strings.ToUpper(strings.TrimSpace(q.Get("type")))
	if typ == "" {
		typ = typeRegular
	}
	known := false
	for _, t := range getTransactionTypes {
		known = known || t == typ
	}
	if !known {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionTypeInvalid).WithDetail("type %s is not one of %s", quoteInput(q.Get("type")), strings.Join(getTransactionTypes, ", ")))
		return
	}
	fb, err := s.readBill(r, typ)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tenders, _ := strconv.ParseBool(q.Get("tenders"))
	notes, _ := strconv.ParseBool(q.Get("credit_notes"))
	reply(w, r, http.StatusOK, renderTransaction(s.Store.Org(), fb, tenders, notes), nil)
}
