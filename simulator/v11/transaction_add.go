package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// This file is v1.1 transaction/add: the wire side of the earning model
// (simulator/earning.go). A root.transaction item is read into a
// simulator.Transaction (readBill), the domain checks and records it, and
// the item answers what it did to the customer. Every refusal of the domain
// is a Reason; reasonCodes is the one table that turns it into a 6xx code.

// shapeTransactions puts the items under response.transactions.transaction,
// as the transaction samples do.
var shapeTransactions = histShape{"transactions", "transaction", false}

// reasonCodes is the v1.1 code of each refusal of the earning model.
var reasonCodes = map[simulator.Reason]simulator.Code{
	simulator.ReasonBadAmount:            simulator.CodeTransactionInvalidAmount,       // 601
	simulator.ReasonNoNumber:             simulator.CodeTransactionInvalidNumber,       // 602
	simulator.ReasonBadNumber:            simulator.CodeTransactionInvalidNumber,       // 602
	simulator.ReasonNumberExists:         simulator.CodeTransactionNumberExists,        // 604
	simulator.ReasonNegativeAmount:       simulator.CodeTransactionNegativeAmount,      // 631
	simulator.ReasonNegativeGross:        simulator.CodeTransactionNegativeGrossAmount, // 665
	simulator.ReasonNegativeDiscount:     simulator.CodeTransactionNegativeDiscount,    // 666
	simulator.ReasonNegativeQty:          simulator.CodeNegativeQuantity,               // 627
	simulator.ReasonNegativeLineAmount:   simulator.CodeLineItemNegativeAmount,         // 661
	simulator.ReasonNegativeLineValue:    simulator.CodeLineItemNegativeValue,          // 662
	simulator.ReasonNegativeLineRate:     simulator.CodeLineItemNegativeRate,           // 663
	simulator.ReasonNegativeLineDiscount: simulator.CodeLineItemNegativeDiscount,       // 664
	simulator.ReasonFutureDate:           simulator.CodeTransactionFutureDate,          // 643
	simulator.ReasonPastDate:             simulator.CodeTransactionPastDate,            // 644
	simulator.ReasonNoCurrencyRatio:      simulator.CodeCurrencyConversionDisabled,     // 682
	simulator.ReasonFraud:                simulator.CodeTransactionCustomerMarkedFraud, // 618
	simulator.ReasonReturnsOff:           simulator.CodeReturnNotAllowed,               // 673
	simulator.ReasonNoOriginal:           simulator.CodeReturnWithoutTransaction,       // 624
	simulator.ReasonBadReturnType:        simulator.CodeInvalidReturnTransactionType,   // 628
	simulator.ReasonFullyReturned:        simulator.CodeReturnAlreadyProcessed,         // 634
	simulator.ReasonFullAfterPartial:     simulator.CodeFullReturnAfterPartial,         // 639
	simulator.ReasonLineAfterAmount:      simulator.CodeReturnLineItemAfterAmount,      // 632
	simulator.ReasonAmountAfterLine:      simulator.CodeReturnAmountAfterLineItem,      // 635
	simulator.ReasonReturnAmountExceeds:  simulator.CodeReturnAmountExceeds,            // 630
	simulator.ReasonReturnQtyExceeds:     simulator.CodeReturnQuantityExceedsAvailable, // 629
	simulator.ReasonNoLineToReturn:       simulator.CodeReturnLineItemsMissing,         // 679
	simulator.ReasonNoMatchingLine:       simulator.CodeReturnLineItemNotFound,         // 688
}

// refusalError returns the v1.1 error of a refusal of the earning model.
func refusalError(ref *simulator.Refusal) *simulator.Error {
	code, ok := reasonCodes[ref.Reason]
	if !ok {
		code = simulator.CodeTransactionAddFailed
	}
	return simulator.Errorf(code, ref.Args...).WithDetail("%s", ref.Detail)
}

// returnOffCodes is what a return type the org does not take answers
// (Billing.Returns lists the types it takes).
var returnOffCodes = map[string]simulator.Code{
	simulator.ReturnLineItem: simulator.CodeLineItemReturnNotAllowed,   // 674
	simulator.ReturnAmount:   simulator.CodeAmountReturnNotAllowed,     // 675
	simulator.ReturnFull:     simulator.CodeFullAmountReturnNotAllowed, // 676
}

// registrationCodes turns the customer API's refusal of a registration
// (simulator/registration.go, customer/add's checks) into the transaction
// API's own code for it: transaction/add registers an unknown customer.
var registrationCodes = map[simulator.Code]simulator.Code{
	simulator.CodeInvalidEmail:               simulator.CodeTransactionRegistrationInvalidEmail,      // 646
	simulator.CodeEmailExists:                simulator.CodeTransactionRegistrationEmailExists,       // 647
	simulator.CodeMobileExists:               simulator.CodeTransactionRegistrationMobileExists,      // 648
	simulator.CodeInvalidMobile:              simulator.CodeTransactionRegistrationInvalidMobile,     // 649
	simulator.CodeMobileRequired:             simulator.CodeTransactionRegistrationMobileRequired,    // 651
	simulator.CodeInvalidExternalID:          simulator.CodeTransactionRegistrationInvalidIdentifier, // 652
	simulator.CodeExternalIDExists:           simulator.CodeTransactionRegistrationExternalIDExists,  // 653
	simulator.CodeRegistrationDateOutOfRange: simulator.CodeTransactionRegistrationDateOutOfRange,    // 660
}

// registrationError returns the transaction code of a registration refusal
// (610 "Unable to register" for one the table does not name).
func registrationError(err error) error {
	e, ok := simulator.ErrorOf(err, simulator.CodeTransactionRegistrationFailed)
	if !ok {
		return err // capsim's own fault: the item fails as 608 and is logged
	}
	code, ok := registrationCodes[e.Code]
	if !ok {
		code = simulator.CodeTransactionRegistrationFailed
	}
	return simulator.Errorf(code).WithDetail("%s", e.Message())
}

// Transaction item limits: how long a field may be (685 "Field length too
// long" beyond). The real limits are not public; these are the column sizes
// the v2 API documents for bill numbers and field values.
const (
	maxBillNumberLen = 50
	maxFieldValueLen = 250
)

// handleTransactionAdd handles "POST /v1.1/transaction/add" (and
// add_with_local_currency): each root.transaction item is a regular,
// not-interested or return bill, processed on its own in its own write (a
// failed item writes nothing). More items than the batch limit answer 672
// and nothing is written.
func (s *Server) handleTransactionAdd(w http.ResponseWriter, r *http.Request) {
	items, err := readTransactionItems(r, s.Limit())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.runItems(w, r, shapeTransactions, items, s.addTransaction)
}

// readTransactionItems returns the root.transaction items of r's body. The
// reference's XML samples are a JSON-to-XML conversion: the whole body sits
// in a second <root>, and every list is wrapped in <element>s. Both are
// read as what they mean (unwrapElements).
func readTransactionItems(r *http.Request, limit int) ([]Values, *simulator.Error) {
	root, err := ReadBody(r)
	if err != nil {
		return nil, err
	}
	if !root.Has("transaction") {
		if inner := root.Values("root"); inner != nil {
			root = inner
		}
	}
	root, _ = unwrapElements(root).(Values)
	items := root.List("transaction")
	if len(items) == 0 {
		return nil, invalid("the request body has no root.transaction")
	}
	if limit > 0 && len(items) > limit {
		return nil, simulator.Errorf(simulator.CodeTransactionBatchLimitExceeded).
			WithDetail("%d items in root.transaction; at most %d are allowed", len(items), limit)
	}
	return items, nil
}

// unwrapElements returns v with every object whose one field is "element"
// replaced by that field's items: <field><element>a</element></field> is
// the list [a]. It copies what it changes (a parsed body is shared).
func unwrapElements(v any) any {
	switch t := v.(type) {
	case Values:
		if e, ok := t["element"]; ok && len(t) == 1 {
			if l, ok := e.([]any); ok {
				return unwrapElements(l)
			}
			return []any{unwrapElements(e)}
		}
		out := make(Values, len(t))
		for k, x := range t {
			out[k] = unwrapElements(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = unwrapElements(x)
		}
		return out
	}
	return v
}

// Bill kinds of transaction/add's type.
const (
	kindRegular       = "REGULAR"
	kindNotInterested = "NOT_INTERESTED"
	kindReturn        = "RETURN"
)

// billKind reads an item's type (any case): regular, not_interested or
// return; anything else (mixed, not_interested_return, none) is 605.
func billKind(in Values) (string, *simulator.Error) {
	switch t := strings.ToUpper(in.String("type")); t {
	case kindRegular, kindNotInterested, kindReturn:
		return t, nil
	default:
		return "", simulator.Errorf(simulator.CodeTransactionInvalidType).WithDetail("type %q", in.String("type"))
	}
}

// addTransaction adds the bill of one item.
func (s *Server) addTransaction(r *http.Request, in Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	// The attribution headers move a bill to another till of the org, as
	// they move a registration (customer/add); an unknown till is ignored.
	till, _ = s.attributedTill(r, till)
	kind, kerr := billKind(in)
	if kerr != nil {
		return failTransaction(in, kerr)
	}
	org := s.Store.Org()
	bill, berr := readBill(in, org, till, now)
	if berr != nil {
		return failTransaction(in, berr)
	}
	var (
		out Obj
		res Result
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		var err error
		switch kind {
		case kindNotInterested:
			out, err = s.addLooseBill(tx, bill)
			res = Succeeded(simulator.CodeTransactionAdded)
		case kindReturn:
			out, err = s.addReturn(tx, in, bill, now)
			res = Succeeded(simulator.CodeTransactionAdded)
		default:
			out, err = s.addRegular(tx, in, bill, now)
			res = Succeeded(simulator.CodeTransactionAdded)
		}
		if err != nil {
			return err
		}
		out = append(out, Field{"item_status", res.ItemStatus()})
		return nil
	})
	if err != nil {
		return failTransaction(in, s.itemError(r, err, simulator.CodeTransactionAddFailed))
	}
	return out, res
}

// failTransaction answers an item that failed: what it sent, and why.
func failTransaction(in Values, err *simulator.Error) (Obj, Result) {
	res := Failed(err)
	return transactionEcho(in)(res), res
}

// transactionEcho renders a failed transaction item as sent: its number,
// type and customer identifiers.
func transactionEcho(in Values) func(Result) Obj {
	return func(res Result) Obj {
		cust := in.Values("customer")
		c := Obj{}
		for _, k := range []string{IdentMobile, IdentEmail, IdentExternalID} {
			c = append(c, Field{k, cust.String(k)})
		}
		return Obj{
			{"id", ""},
			{"number", in.String("number")},
			{"type", strings.ToUpper(in.String("type"))},
			{"customer", c},
			{"item_status", res.ItemStatus()},
		}
	}
}

// readBill reads the bill of an item, checking what the earning model
// cannot: that figures are numbers (601), the billing time a date (621),
// the shipping till one of the org's (671), and field lengths (685). The
// bill is attributed to till and its store.
func readBill(in Values, org *simulator.Org, till string, now time.Time) (simulator.Transaction, *simulator.Error) {
	t := simulator.Transaction{
		Number:   in.String("number"),
		Type:     simulator.TransactionRegular,
		TillCode: till,
		Notes:    in.String("notes"),
		Currency: strings.ToUpper(in.String("currency_code")),
		Source:   "v1.1",
		AddedOn:  now,
	}
	if st := org.TillStore(till); st != nil {
		t.StoreCode = st.Code
	}
	if utf8.RuneCountInString(t.Number) > maxBillNumberLen {
		return t, simulator.Errorf(simulator.CodeFieldTooLong).WithDetail("number is over %d characters", maxBillNumberLen)
	}
	if strings.ContainsAny(t.Number, "|\x00") {
		return t, refusalError(&simulator.Refusal{Reason: simulator.ReasonBadNumber, Detail: "number " + strconv.Quote(t.Number) + " holds a character a bill number cannot"})
	}
	if code := in.String("shipping_source_till_code"); code != "" && org.Till(code) == nil {
		return t, simulator.Errorf(simulator.CodeInvalidStoreOrTill).WithDetail("shipping_source_till_code %q is not a till of the org", code)
	}
	var ferr *simulator.Error
	fig := func(v Values, key, where string) float64 {
		if ferr != nil {
			return 0
		}
		f, err := figure(v, key, where)
		ferr = err
		return f
	}
	t.Amount = fig(in, "amount", "")
	t.GrossAmount = fig(in, "gross_amount", "")
	t.Discount = fig(in, "discount", "")
	if t.GrossAmount == 0 && ferr == nil {
		t.GrossAmount = t.Amount + t.Discount
	}
	t.Date = now
	if v := in.String("billing_time"); v != "" {
		d, ok := parseDateTime(v)
		if !ok {
			return t, simulator.Errorf(simulator.CodeTransactionDateOutOfRange).WithDetail("billing_time %q is not YYYY-MM-DD HH:MM:SS", v)
		}
		t.Date = d
	}
	for i, lv := range in.Items("line_items", "line_item") {
		where := "line item " + strconv.Itoa(i+1) + ": "
		li := simulator.LineItem{
			ItemCode:    lv.String("item_code"),
			Description: lv.String("description"),
			Qty:         fig(lv, "qty", where),
			Rate:        fig(lv, "rate", where),
			Value:       fig(lv, "value", where),
			Amount:      fig(lv, "amount", where),
		}
		if lv.Has("discount_value") {
			li.Discount = fig(lv, "discount_value", where)
		} else {
			li.Discount = fig(lv, "discount", where)
		}
		if n, err := strconv.Atoi(lv.String("serial")); err == nil {
			li.Serial = n
		} else {
			li.Serial = i + 1
		}
		li.ExtendedFields = fields(lv, "extended_fields")
		t.LineItems = append(t.LineItems, li)
	}
	if ferr != nil {
		return t, ferr
	}
	t.CustomFields = fields(in, "custom_fields")
	t.ExtendedFields = fields(in, "extended_fields")
	if err := checkFieldLengths(t.CustomFields, t.ExtendedFields); err != nil {
		return t, err
	}
	for _, pv := range in.Items("payment_details", "payment") {
		modes, values := texts(pv, "mode"), texts(pv, "value")
		attrs := fields(pv, "attributes")
		for i, mode := range modes {
			p := simulator.Payment{Mode: mode, Notes: pv.String("notes"), Attributes: attrs}
			if i < len(values) {
				v, err := strconv.ParseFloat(values[i], 64)
				if err != nil {
					return t, refusalError(&simulator.Refusal{Reason: simulator.ReasonBadAmount, Detail: "payment value " + strconv.Quote(values[i]) + " is not a number"})
				}
				p.Value = v
			}
			t.Payments = append(t.Payments, p)
		}
	}
	if t.Currency != "" && !strings.EqualFold(t.Currency, org.Billing.Base()) {
		t.LocalAmount = t.Amount
	}
	return t, nil
}

// figure reads a number field (0 when absent): 601 when it is not a number.
func figure(v Values, key, where string) (float64, *simulator.Error) {
	s := v.String(key)
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, refusalError(&simulator.Refusal{Reason: simulator.ReasonBadAmount, Detail: where + key + " " + strconv.Quote(s) + " is not a number"})
	}
	return f, nil
}

// texts returns the texts of field key: one, or each of a list (the add
// sample's payment mode and value are lists).
func texts(v Values, key string) []string {
	switch t := v[key].(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}

// fields reads {container: {field|attribute: [{name, value}]}} into fields.
func fields(v Values, container string) []simulator.Field {
	item := "field"
	if container == "attributes" {
		item = "attribute"
	}
	var out []simulator.Field
	for _, p := range v.Pairs(container, item) {
		out = append(out, simulator.Field{Name: p.Name, Value: p.Value})
	}
	return out
}

// checkFieldLengths refuses a field name or value over maxFieldValueLen (685).
func checkFieldLengths(lists ...[]simulator.Field) *simulator.Error {
	for _, l := range lists {
		for _, f := range l {
			if utf8.RuneCountInString(f.Name) > maxFieldValueLen || utf8.RuneCountInString(f.Value) > maxFieldValueLen {
				return simulator.Errorf(simulator.CodeFieldTooLong).WithDetail("field %q is over %d characters", clip(f.Name, 40), maxFieldValueLen)
			}
		}
	}
	return nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// checkNewBill runs the earning model's checks of a new bill and the org's
// uniqueness of bill numbers (604).
func checkNewBill(tx *store.Tx, bill *simulator.Transaction, now time.Time) error {
	billing := tx.Org().Billing
	if ref := billing.CheckBill(bill, now); ref != nil {
		return refusalError(ref)
	}
	if dup, ok := billing.Duplicate(bill, tx.BillsNumbered(bill.Number)); ok {
		return simulator.Errorf(simulator.CodeTransactionNumberExists).
			WithDetail("bill %q is transaction %d of %s", bill.Number, dup.ID, dup.Date.Format(time.DateOnly))
	}
	return nil
}

// addLooseBill records a not-interested bill: stored on its own (it belongs
// to no customer), earning nothing.
func (s *Server) addLooseBill(tx *store.Tx, bill simulator.Transaction) (Obj, error) {
	bill.Type = simulator.TransactionNotInterested
	if err := checkNewBill(tx, &bill, bill.AddedOn); err != nil {
		return nil, err
	}
	id, err := tx.NextTransactionID()
	if err != nil {
		return nil, err
	}
	bill.ID = id
	if err := tx.PutLooseBill(bill); err != nil {
		return nil, err
	}
	return Obj{
		{"id", bill.ID},
		{"number", bill.Number},
		{"bill_client_id", ""},
		{"type", bill.Type},
		{"delivery_status", "DELIVERED"},
		{"outlier_status", "NORMAL"},
		{"side_effects", Obj{{"effect", List{}}}},
		{"source", "INSTORE"},
	}, nil
}

// addRegular records a regular bill for the customer the item names,
// registering one when its identifiers name nobody.
func (s *Server) addRegular(tx *store.Tx, in Values, bill simulator.Transaction, now time.Time) (Obj, error) {
	if err := checkNewBill(tx, &bill, now); err != nil {
		return nil, err
	}
	c, effects, err := transactionCustomer(tx, in.Values("customer"), now, bill.TillCode, true)
	if err != nil {
		return nil, err
	}
	if c.Fraud.Marked() {
		return nil, refusalError(&simulator.Refusal{Reason: simulator.ReasonFraud, Detail: "customer " + Int(c.ID) + " is marked as fraud"})
	}
	id, err := tx.NextTransactionID()
	if err != nil {
		return nil, err
	}
	bill.ID = id
	rec, eff := c.AddBill(tx.Org(), bill, now)
	if err := tx.Put(c); err != nil {
		return nil, err
	}
	if eff.Points > 0 {
		effects = append(effects, Obj{{"type", "points"}, {"awarded_points", Num(eff.Points)}, {"total_points", Num(eff.Balance)}})
	}
	return Obj{
		{"id", rec.ID},
		{"shipping_source_till_code", in.String("shipping_source_till_code")},
		{"number", rec.Number},
		{"bill_client_id", in.String("bill_client_id")},
		{"type", rec.Type},
		{"delivery_status", deliveryStatus(in)},
		{"parent_bill_number", ""},
		{"outlier_status", "NORMAL"},
		{"customer", transactionCustomerObj(tx.Org(), c, now)},
		{"side_effects", Obj{{"effect", effects}}},
		{"source", "INSTORE"},
	}, nil
}

// deliveryStatus returns the item's delivery_status, DELIVERED by default.
func deliveryStatus(in Values) string {
	if v := strings.ToUpper(in.String("delivery_status")); v != "" {
		return v
	}
	return "DELIVERED"
}

// addReturn records a return of one of the customer's regular bills: the
// bill parent_bill_number names, else number (the cancel sample names the
// bill returned by number). return_type is FULL (the default), AMOUNT or
// LINE_ITEM; the cancel sample's "cancelled" is a LINE_ITEM return.
func (s *Server) addReturn(tx *store.Tx, in Values, bill simulator.Transaction, now time.Time) (Obj, error) {
	org := tx.Org()
	number := in.String("parent_bill_number")
	if number == "" {
		number = in.String("number")
	}
	if number == "" {
		return nil, simulator.Errorf(simulator.CodeReturnNumberRequired)
	}
	typ := strings.ToUpper(in.String("return_type"))
	switch typ {
	case "":
		typ = simulator.ReturnFull
	case "CANCELLED":
		typ = simulator.ReturnLineItem
	}
	if code, ok := returnOffCodes[typ]; ok && !strings.EqualFold(org.Billing.Returns, "none") && !org.Billing.AllowsReturn(typ) {
		return nil, simulator.Errorf(code).WithDetail("the org takes returns of type %s only", org.Billing.Returns)
	}
	bill.Type, bill.Number = simulator.TransactionReturn, ""
	if ref := org.Billing.CheckBill(&simulator.Transaction{Number: number, Amount: bill.Amount, GrossAmount: bill.GrossAmount,
		Discount: bill.Discount, LineItems: bill.LineItems, Date: bill.Date, Currency: bill.Currency}, now); ref != nil {
		return nil, refusalError(ref)
	}
	c, _, err := transactionCustomer(tx, in.Values("customer"), now, bill.TillCode, false)
	if err != nil {
		return nil, err
	}
	if c.Fraud.Marked() {
		return nil, refusalError(&simulator.Refusal{Reason: simulator.ReasonFraud, Detail: "customer " + Int(c.ID) + " is marked as fraud"})
	}
	rr := simulator.ReturnRequest{Number: number, Type: typ, Amount: bill.Amount}
	var orig *simulator.Transaction
	for _, t := range c.History.TransactionsNumbered(number) {
		if t.Type == simulator.TransactionRegular {
			orig = t
		}
	}
	if typ == simulator.ReturnLineItem {
		for i, lv := range in.Items("line_items", "line_item") {
			li := bill.LineItems[i]
			if rt := strings.ToUpper(lv.String("return_type")); rt != "" && rt != simulator.ReturnLineItem && rt != "CANCELLED" {
				return nil, simulator.Errorf(simulator.CodeReturnTypeInvalid).WithDetail("line item %d: return_type %q", li.Serial, lv.String("return_type"))
			}
			rl := simulator.ReturnLine{ItemCode: li.ItemCode, Qty: li.Qty, Amount: li.Amount}
			if li.ItemCode == "" {
				rl.Serial = li.Serial
			}
			if err := moreThanBought(orig, rl); err != nil {
				return nil, err
			}
			rr.Lines = append(rr.Lines, rl)
		}
	}
	id, err := tx.NextTransactionID()
	if err != nil {
		return nil, err
	}
	bill.ID = id
	rr.Bill = bill
	if orig != nil && typ == simulator.ReturnFull && orig.Returned >= orig.Amount-0.000001 && orig.ReturnedBy == simulator.ReturnFull {
		return nil, simulator.Errorf(simulator.CodeTransactionAlreadyReturned).WithDetail("bill %q is returned in full already", number)
	}
	ret, eff, ref := c.ReturnBill(org, rr, now)
	if ref != nil {
		e := refusalError(ref)
		if ref.Reason == simulator.ReasonFullAfterPartial && orig != nil && orig.ReturnedBy == simulator.ReturnLineItem {
			// FULL after a LINE_ITEM return: the doc's 636 says only
			// LINE_ITEM returns may follow.
			e = simulator.Errorf(simulator.CodeReturnLineItemOnly).WithDetail("%s", ref.Detail)
		}
		return nil, e
	}
	if err := tx.Put(c); err != nil {
		return nil, err
	}
	return Obj{
		{"id", ret.ID},
		{"shipping_source_till_code", in.String("shipping_source_till_code")},
		{"number", ret.ReturnOf},
		{"bill_client_id", in.String("bill_client_id")},
		{"type", ret.Type},
		{"return_type", ret.ReturnType},
		{"delivery_status", deliveryStatus(in)},
		{"parent_bill_number", ret.ReturnOf},
		{"outlier_status", "NORMAL"},
		{"customer", transactionCustomerObj(org, c, now)},
		{"side_effects", Obj{{"effect", List{}}}},
		{"points_deducted", Num(-eff.Points)},
		{"points_balance", Num(eff.Balance)},
		{"source", "INSTORE"},
	}, nil
}

// moreThanBought refuses a return line asking for more than the line of
// orig ever held (626); what is left after earlier returns is the domain's
// check (629).
func moreThanBought(orig *simulator.Transaction, rl simulator.ReturnLine) *simulator.Error {
	if orig == nil {
		return nil
	}
	var bought float64
	found := false
	for _, l := range orig.LineItems {
		if rl.ItemCode != "" && strings.EqualFold(l.ItemCode, rl.ItemCode) || rl.ItemCode == "" && l.Serial == rl.Serial {
			bought += l.Qty
			found = true
		}
	}
	if found && rl.Qty > bought+0.000001 {
		return simulator.Errorf(simulator.CodeReturnQuantityExceeds).
			WithDetail("qty %s of %s is more than the %s bought", Num(rl.Qty), firstNonEmpty(rl.ItemCode, "serial "+strconv.Itoa(rl.Serial)), Num(bought))
	}
	return nil
}

// transactionCustomer returns the customer of a bill's customer block (the
// first of mobile, email, external_id, id, user_id that finds one): 606
// when it names none. An unknown customer is registered when register is
// set (a regular bill: "Registers customers automatically when a new
// identifier is passed"), as customer/add registers one; a return cannot
// register anyone (611). effects are what the registration awarded.
func transactionCustomer(tx *store.Tx, cust Values, now time.Time, till string, register bool) (*simulator.Customer, List, error) {
	named := false
	for _, k := range histBodyIdents {
		named = named || cust.String(k) != ""
	}
	if !named {
		return nil, nil, simulator.Errorf(simulator.CodeTransactionNoCustomerIdentifier)
	}
	c, _, ferr := findBodyCustomer(tx, cust, nil)
	if c != nil {
		if c.History == nil {
			c.History = &simulator.History{}
		}
		return c, List{}, nil
	}
	canRegister := cust.String(IdentMobile) != "" || cust.String(IdentEmail) != "" || cust.String(IdentExternalID) != ""
	if !register || !canRegister {
		return nil, nil, simulator.Errorf(simulator.CodeTransactionCustomerNotFound).WithDetail("%s", ferr.Message())
	}
	in, verr := parseCustomerInput(Values{
		IdentMobile: cust.String(IdentMobile), IdentEmail: cust.String(IdentEmail), IdentExternalID: cust.String(IdentExternalID),
		"firstname": cust.String("firstname"), "lastname": cust.String("lastname"),
	}, now)
	if verr != nil {
		return nil, nil, registrationError(verr)
	}
	target, isNew, err := findAddTarget(tx, in)
	if err != nil {
		return nil, nil, registrationError(err)
	}
	if !isNew { // another identifier of the block names a customer
		return target, List{}, nil
	}
	if tx.Org().MobileRequired && in.idents[IdentMobile] == "" {
		return nil, nil, registrationError(simulator.Errorf(simulator.CodeMobileRequired))
	}
	c, err = newCustomer(tx, in, now, till)
	if err != nil {
		return nil, nil, registrationError(err)
	}
	p := &c.Profiles[0]
	for _, name := range writeIdentNames {
		if v, ok := in.idents[name]; ok {
			fillIdentifier(p, name, v, "")
		}
	}
	applyDetails(tx.Org(), c, p, in, now, till)
	effects := List{}
	if awarded, total := c.AwardRegistration(tx.Org(), now); awarded > 0 {
		effects = append(effects, Obj{{"type", "points"}, {"awarded_points", Num(awarded)}, {"total_points", Num(total)}})
	}
	c.History = &simulator.History{}
	return c, effects, nil
}

// transactionCustomerObj renders the customer block of a transaction
// answer, as the add sample does: identity, points, tier, and the points
// summary of the default program.
func transactionCustomerObj(org *simulator.Org, c *simulator.Customer, now time.Time) Obj {
	p := Profile(c)
	st := standingOf(org, c, now)
	first, last := "", ""
	if p != nil {
		first, last = p.FirstName, p.LastName
	}
	tierExpiry := ""
	summaries := List{}
	if st.Loyalty != nil && st.Program != nil {
		pl := st.Loyalty
		tierExpiry = DateTime(pl.SlabExpiry)
		cur, _ := st.Slab()
		next, hasNext := st.NextSlab()
		nextSerial := ""
		if hasNext {
			nextSerial = strconv.Itoa(next.Serial)
		}
		summaries = append(summaries, Obj{
			{"programId", Int(st.Program.ID)},
			{"redeemed", Num(pl.Redeemed)},
			{"expired", Num(st.Expired())},
			{"returned", Num(pl.Returned)},
			{"adjusted", Num(pl.Adjusted)},
			{"lifetimePoints", Num(st.LifetimePoints())},
			{"loyaltyPoints", Num(st.Points())},
			{"cumulativePurchases", Num(pl.CumulativePurchases)},
			{"currentSlab", cur.Name},
			{"nextSlab", next.Name},
			{"nextSlabSerialNumber", nextSerial},
			{"nextSlabDescription", next.Description},
			{"slabSNo", strconv.Itoa(cur.Serial)},
			{"slabExpiryDate", DateTime(pl.SlabExpiry)},
			{"totalPoints", ""},
		})
	}
	return Obj{
		{"user_id", Int(c.ID)},
		{"mobile", identValue(p, IdentMobile)},
		{"firstname", first},
		{"lastname", last},
		{"email", identValue(p, IdentEmail)},
		{"external_id", identValue(p, IdentExternalID)},
		{"lifetime_points", Num(st.LifetimePoints())},
		{"loyalty_points", Num(st.Points())},
		{"current_slab", slabName(st)},
		{"tier_expiry_date", tierExpiry},
		{"points_summaries", Obj{{"points_summary", summaries}}},
		{"lifetime_purchases", Num(c.LifetimePurchases)},
		{"type", loyaltyTypeName(c.LoyaltyType)},
		{"source", "instore"},
	}
}
