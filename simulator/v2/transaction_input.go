package v2

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
)

// This file reads the bodies of POST /v2/transactions (one bill) and
// /v2/transactions/bulk (a list of them) into the earning model's bills.
// The contract checks only their shape (objects, lists); values are checked
// here, so that a bulk item with a bad value fails alone, with the code
// 007 gives and a message naming the field.

// transactionInput is one bill of a request. Numbers arrive as JSON numbers
// or strings ("billAmount": "4800.0" in the samples), so every scalar is a
// FlexString, converted and checked by newBill.
type transactionInput struct {
	// The customer: query parameters for a single add, these for a bulk item.
	IdentifierType  string     `json:"identifierType"`
	IdentifierValue FlexString `json:"identifierValue"`
	Source          string     `json:"source"`
	AccountID       FlexString `json:"accountId"`

	Type                string                `json:"type"`
	ReturnType          string                `json:"returnType"`
	NotInterestedReason FlexString            `json:"notInterestedReason"`
	BillNumber          FlexString            `json:"billNumber"`
	BillingDate         FlexString            `json:"billingDate"`
	PurchaseTime        FlexString            `json:"purchaseTime"`
	BillAmount          FlexString            `json:"billAmount"`
	GrossAmount         FlexString            `json:"grossAmount"`
	Discount            FlexString            `json:"discount"`
	Note                FlexString            `json:"note"`
	DeliveryStatus      string                `json:"deliveryStatus"`
	CurrencyCode        string                `json:"currencyCode"`
	ExtendedFields      map[string]FlexString `json:"extendedFields"`
	CustomFields        map[string]FlexString `json:"customFields"`
	LineItems           []lineItemInput       `json:"lineItemsV2"`
	PaymentModes        []paymentModeInput    `json:"paymentModes"`
	Redemptions         *redemptionsInput     `json:"redemptions"`
}

// lineItemInput is one element of lineItemsV2.
type lineItemInput struct {
	ItemCode         FlexString            `json:"itemCode"`
	Description      FlexString            `json:"description"`
	Amount           FlexString            `json:"amount"`
	Rate             FlexString            `json:"rate"`
	Qty              FlexString            `json:"qty"`
	Value            FlexString            `json:"value"`
	Discount         FlexString            `json:"discount"`
	Serial           FlexString            `json:"serial"`
	Returnable       *FlexBool             `json:"returnable"`
	ReturnableDays   FlexString            `json:"returnableDays"`
	Type             string                `json:"type"`
	ReturnType       string                `json:"returnType"`
	ParentBillNumber FlexString            `json:"parentBillNumber"`
	ExtendedFields   map[string]FlexString `json:"extendedFields"`
}

// paymentModeInput is one element of paymentModes.
type paymentModeInput struct {
	Mode       FlexString            `json:"mode"`
	Value      FlexString            `json:"value"`
	Notes      FlexString            `json:"notes"`
	Attributes map[string]FlexString `json:"attributes"`
}

// redemptionsInput names redemptions made on the bill; capsim echoes them.
type redemptionsInput struct {
	PointsRedemptions []FlexString `json:"pointsRedemptions"`
	CouponRedemptions []FlexString `json:"couponRedemptions"`
}

// The transaction types of 007 (type and lineItemsV2[].type).
const (
	typeRegular             = simulator.TransactionRegular
	typeReturn              = simulator.TransactionReturn
	typeNotInterested       = simulator.TransactionNotInterested
	typeNotInterestedReturn = "NOT_INTERESTED_RETURN"
)

// maxBillFieldLen bounds the free text of a bill (numbers, notes, codes):
// 685 "Field length too long." beyond it. 007 gives 255 for
// notInterestedReason and 250 for payment notes; capsim takes 255 for all.
const maxBillFieldLen = 255

// deliveryStatuses are the values of deliveryStatus.
var deliveryStatuses = []string{"PLACED", "PROCESSED", "SHIPPED", "DELIVERED", "RETURNED"}

// decodeTransaction decodes one bill's JSON.
func decodeTransaction(raw []byte) (*transactionInput, *simulator.Error) {
	var in transactionInput
	if err := decodeBytes(raw, &in); err != nil {
		return nil, simulator.Errorf(simulator.CodeTransactionDetailsMissing).WithDetail("the transaction cannot be read: %s", err)
	}
	return &in, nil
}

// decodeBulk splits a bulk body into its bills' JSON: the body must be a
// list (615 otherwise, naming what it is).
func decodeBulk(raw []byte) ([]json.RawMessage, *simulator.Error) {
	var list []json.RawMessage
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, simulator.Errorf(simulator.CodeTransactionDetailsMissing).WithDetail("the request body must be a list of transactions")
	}
	if err := json.Unmarshal(trimmed, &list); err != nil {
		return nil, simulator.Errorf(simulator.CodeTransactionDetailsMissing).WithDetail("the request body cannot be read: %s", err)
	}
	return list, nil
}

// figure parses amount field name of a bill: "" is 0, anything that is not
// a finite number is 601 naming the field.
func figure(name string, v FlexString) (float64, *simulator.Error) {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, simulator.Errorf(simulator.CodeTransactionInvalidAmountV2).WithDetail("%s %s is not a number", name, quoteInput(s))
	}
	return f, nil
}

// quoteInput quotes a value of the request for a message, cut short.
func quoteInput(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strconv.Quote(s)
}

// billTime reads a billingDate or purchaseTime; "" is zero.
func billTime(name string, v FlexString) (time.Time, *simulator.Error) {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05",
		"2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, simulator.Errorf(simulator.CodeTransactionDateOutOfRange).
		WithDetail("%s %s is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)", name, quoteInput(s))
}

// text trims a free-text value and refuses one longer than maxBillFieldLen (685).
func text(name string, v FlexString) (string, *simulator.Error) {
	s := strings.TrimSpace(string(v))
	if len([]rune(s)) > maxBillFieldLen {
		return "", simulator.Errorf(simulator.CodeFieldTooLong).WithDetail("%s is longer than %d characters", name, maxBillFieldLen)
	}
	return s, nil
}

// billType returns the transaction type of a bill (type, case-insensitive)
// or 605 naming what was sent.
func billType(name, v string, empty string) (string, *simulator.Error) {
	t := strings.ToUpper(strings.TrimSpace(v))
	if t == "" {
		t = empty
	}
	switch t {
	case typeRegular, typeReturn, typeNotInterested, typeNotInterestedReturn:
		return t, nil
	case "":
		return "", simulator.Errorf(simulator.CodeTransactionInvalidTypeV2).WithDetail("%s is required", name)
	}
	return "", simulator.Errorf(simulator.CodeTransactionInvalidTypeV2).WithDetail("%s %s", name, quoteInput(v))
}

// fieldsOf returns a body's custom fields in name order, with warning 669
// for a field without a name (capsim takes any other name: transaction
// custom fields are not configured in its org).
func customFieldsOf(prefix string, in map[string]FlexString) ([]simulator.Field, []*simulator.Error) {
	var out []simulator.Field
	var warns []*simulator.Error
	for _, k := range sortedKeys(in) {
		name := strings.TrimSpace(k)
		if name == "" || len(name) > maxBillFieldLen {
			warns = append(warns, simulator.Errorf(simulator.CodeInvalidCustomFieldWarning).WithDetail("%scustomFields name %s", prefix, quoteInput(k)))
			continue
		}
		out = append(out, simulator.Field{Name: name, Value: strings.TrimSpace(string(in[k]))})
	}
	return out, warns
}

// extendedFieldsOf returns a bill's (or line's) extended fields the org's
// billing takes, with warning 91016 for each other one.
func extendedFieldsOf(b simulator.Billing, in map[string]FlexString) ([]simulator.Field, []*simulator.Error) {
	var out []simulator.Field
	var warns []*simulator.Error
	for _, k := range sortedKeys(in) {
		name, ok := b.ExtendedField(k)
		if !ok {
			warns = append(warns, simulator.Errorf(simulator.CodeInvalidExtendedFieldName, k))
			continue
		}
		out = append(out, simulator.Field{Name: name, Value: strings.TrimSpace(string(in[k]))})
	}
	return out, warns
}

// billLines reads lineItemsV2 into the bill's lines (serials from 1 when
// the request gives none) and the lines it returns (type RETURN: a mixed
// transaction), grouped by the bill they return.
func billLines(in []lineItemInput, b simulator.Billing) ([]simulator.LineItem, map[string][]simulator.ReturnLine, []string, []*simulator.Error, *simulator.Error) {
	var lines []simulator.LineItem
	returns := map[string][]simulator.ReturnLine{}
	var parents []string
	var warns []*simulator.Error
	for i, li := range in {
		name := func(f string) string { return "lineItemsV2[" + strconv.Itoa(i) + "]." + f }
		var l simulator.LineItem
		var err *simulator.Error
		for _, f := range []struct {
			field string
			v     FlexString
			dst   *float64
		}{{"amount", li.Amount, &l.Amount}, {"rate", li.Rate, &l.Rate}, {"qty", li.Qty, &l.Qty},
			{"value", li.Value, &l.Value}, {"discount", li.Discount, &l.Discount}} {
			if *f.dst, err = figure(name(f.field), f.v); err != nil {
				return nil, nil, nil, nil, err
			}
		}
		if l.ItemCode, err = text(name("itemCode"), li.ItemCode); err != nil {
			return nil, nil, nil, nil, err
		}
		if l.Description, err = text(name("description"), li.Description); err != nil {
			return nil, nil, nil, nil, err
		}
		l.Serial = i + 1
		if s := strings.TrimSpace(string(li.Serial)); s != "" {
			n, perr := strconv.Atoi(s)
			if perr != nil || n <= 0 {
				return nil, nil, nil, nil, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("%s %s is not a positive whole number", name("serial"), quoteInput(s))
			}
			l.Serial = n
		}
		if l.Value == 0 && l.Qty > 0 && l.Rate > 0 {
			l.Value = l.Qty * l.Rate
		}
		if li.Returnable != nil && !bool(*li.Returnable) {
			l.NotReturnable = true
		}
		if s := strings.TrimSpace(string(li.ReturnableDays)); s != "" {
			if n, perr := strconv.Atoi(s); perr != nil || n < -1 {
				warns = append(warns, simulator.Errorf(simulator.CodeInvalidReturnableDays).WithDetail("%s %s", name("returnableDays"), quoteInput(s)))
			}
		}
		var ws []*simulator.Error
		l.ExtendedFields, ws = extendedFieldsOf(b, li.ExtendedFields)
		warns = append(warns, ws...)
		typ, terr := billType(name("type"), li.Type, typeRegular)
		if terr != nil {
			return nil, nil, nil, nil, terr
		}
		switch typ {
		case typeReturn:
			parent, perr := text(name("parentBillNumber"), li.ParentBillNumber)
			if perr != nil {
				return nil, nil, nil, nil, perr
			}
			if parent == "" {
				return nil, nil, nil, nil, simulator.Errorf(simulator.CodeReturnNumberRequired).WithDetail("%s is required for a RETURN line", name("parentBillNumber"))
			}
			if _, seen := returns[parent]; !seen {
				parents = append(parents, parent)
			}
			returns[parent] = append(returns[parent], simulator.ReturnLine{ItemCode: l.ItemCode, Qty: l.Qty, Amount: l.Amount})
		case typeRegular, typeNotInterested:
			lines = append(lines, l)
		default:
			return nil, nil, nil, nil, simulator.Errorf(simulator.CodeInvalidReturnTransactionType).WithDetail("%s %s: capsim returns no not-interested line", name("type"), quoteInput(li.Type))
		}
	}
	return lines, returns, parents, warns, nil
}

// payments reads paymentModes; an entry without a mode (the not-interested
// sample's {}) is dropped.
func payments(in []paymentModeInput) ([]simulator.Payment, *simulator.Error) {
	var out []simulator.Payment
	for i, p := range in {
		mode := strings.TrimSpace(string(p.Mode))
		v, err := figure("paymentModes["+strconv.Itoa(i)+"].value", p.Value)
		if err != nil {
			return nil, err
		}
		if mode == "" && v == 0 {
			continue
		}
		pay := simulator.Payment{Mode: mode, Value: v, Notes: strings.TrimSpace(string(p.Notes))}
		for _, k := range sortedKeys(p.Attributes) {
			pay.Attributes = append(pay.Attributes, simulator.Field{Name: k, Value: strings.TrimSpace(string(p.Attributes[k]))})
		}
		out = append(out, pay)
	}
	return out, nil
}
