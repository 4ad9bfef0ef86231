package v11

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/capsim/capsim/simulator"
)

// Reading a v1.1 bill: root.transaction items, their figures and fields.

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
// the list [a]. It copies what it changes and only that (a parsed body is
// shared, and a JSON body, which has no elements, stays as it is).
func unwrapElements(v any) any {
	out, _ := unwrapped(v)
	return out
}

// unwrapped is unwrapElements, and whether anything changed.
func unwrapped(v any) (any, bool) {
	switch t := v.(type) {
	case Values:
		if e, ok := t["element"]; ok && len(t) == 1 {
			if l, ok := e.([]any); ok {
				return unwrapElements(l), true
			}
			return []any{unwrapElements(e)}, true
		}
		var out Values
		for k, x := range t {
			if y, changed := unwrapped(x); changed {
				if out == nil {
					out = maps.Clone(t)
				}
				out[k] = y
			}
		}
		if out == nil {
			return t, false
		}
		return out, true
	case []any:
		var out []any
		for i, x := range t {
			if y, changed := unwrapped(x); changed {
				if out == nil {
					out = slices.Clone(t)
				}
				out[i] = y
			}
		}
		if out == nil {
			return t, false
		}
		return out, true
	}
	return v, false
}

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
