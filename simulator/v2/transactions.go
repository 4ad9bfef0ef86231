package v2

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
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
	if r := c.BillRoom(); r != nil {
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
	q := simulator.Query(r)
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
