package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"

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
var reasonCodes = simulator.ReasonCodes{
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
	simulator.ReasonTooManyBills:         simulator.CodeTransactionAddFailed686,
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
	return reasonCodes.Error(ref, simulator.CodeTransactionAddFailed)
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

// Bill kinds of transaction/add's type.
const (
	kindRegular       = "REGULAR"
	kindNotInterested = "NOT_INTERESTED"
	kindReturn        = "RETURN"
)

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
	if r := c.BillRoom(); r != nil {
		return nil, refusalError(r)
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
