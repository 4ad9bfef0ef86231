package v11

import (
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// Return bills (type return): FULL, AMOUNT and LINE_ITEM through the earning model.

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
	if r := c.BillRoom(); r != nil {
		return nil, refusalError(r)
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
