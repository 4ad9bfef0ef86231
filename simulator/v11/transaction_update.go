package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// headerClientSignature names the source of a retro conversion (the retro
// section's "Additional Header Required").
const headerClientSignature = "X-CAP-CLIENT-SIGNATURE"

// handleTransactionUpdate handles "POST /v1.1/transaction/update": each
// root.transaction item names a bill by id (first) or number (the
// customer's latest bill with it) and the customer it belongs to, and
// merges custom_fields, extended_fields and line-item extended_fields
// into it (a field named again takes the new value). A NOT_INTERESTED bill
// needs no customer. Codes: 600 "Transaction updated successfully"; 670
// neither id nor number; 606 no customer identifier; 611 an unknown
// customer; 667/668 the customer has no bill with that id/number; 669 a
// field without a name; 685 a field over 250 characters; 671 an unknown
// update_till; 609 nothing to update. A retro conversion (new_type) needs
// X-CAP-CLIENT-SIGNATURE (1629) and answers 1631: no org of capsim enables
// retro transactions.
func (s *Server) handleTransactionUpdate(w http.ResponseWriter, r *http.Request) {
	items, err := readTransactionItems(r, s.Limit())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.runItems(w, r, shapeTransactions, items, s.updateTransaction)
}

// billChange is what an update item changes.
type billChange struct {
	custom, extended []simulator.Field
	lines            map[string][]simulator.Field // by serial or item code
}

func (ch billChange) empty() bool {
	return len(ch.custom) == 0 && len(ch.extended) == 0 && len(ch.lines) == 0
}

// readChange reads the fields an update item sets: 669 for a field without
// a name, 685 for one too long.
func readChange(in Values) (billChange, *simulator.Error) {
	var ch billChange
	for _, container := range []string{"custom_fields", "extended_fields"} {
		for _, e := range in.Items(container, "field") {
			if e.String("name") == "" {
				return ch, simulator.Errorf(simulator.CodeTransactionCustomFieldUpdateFailed).WithDetail("a %s field has no name", container)
			}
		}
	}
	ch.custom, ch.extended = fields(in, "custom_fields"), fields(in, "extended_fields")
	for _, lv := range in.Items("line_items", "line_item") {
		key := lv.String("item_code")
		if key == "" {
			key = "#" + lv.String("serial")
		}
		if fs := fields(lv, "extended_fields"); len(fs) > 0 {
			if ch.lines == nil {
				ch.lines = map[string][]simulator.Field{}
			}
			ch.lines[key] = append(ch.lines[key], fs...)
		}
	}
	lists := [][]simulator.Field{ch.custom, ch.extended}
	for _, l := range ch.lines {
		lists = append(lists, l)
	}
	return ch, checkFieldLengths(lists...)
}

// apply merges ch into t.
func (ch billChange) apply(t *simulator.Transaction, now time.Time) {
	t.CustomFields = mergeFields(t.CustomFields, ch.custom)
	t.ExtendedFields = mergeFields(t.ExtendedFields, ch.extended)
	for i := range t.LineItems {
		li := &t.LineItems[i]
		for _, key := range []string{li.ItemCode, "#" + strconv.Itoa(li.Serial)} {
			if fs, ok := ch.lines[key]; ok && key != "" {
				li.ExtendedFields = mergeFields(li.ExtendedFields, fs)
			}
		}
	}
	t.UpdatedOn = now
}

// mergeFields sets each of add in fs: a name fs has (any case) takes the
// new value, a new name is appended.
func mergeFields(fs, add []simulator.Field) []simulator.Field {
	for _, f := range add {
		found := false
		for i := range fs {
			if strings.EqualFold(fs[i].Name, f.Name) {
				fs[i].Value, found = f.Value, true
			}
		}
		if !found {
			fs = append(fs, f)
		}
	}
	return fs
}

// updateTransaction updates the bill of one item.
func (s *Server) updateTransaction(r *http.Request, in Values) (Obj, Result) {
	now := s.now(r)
	org := s.Store.Org()
	id, number := in.String("id"), in.String("number")
	if id == "" && number == "" {
		return failTransaction(in, simulator.Errorf(simulator.CodeTransactionIDOrNumberMissing))
	}
	if in.String("new_type") != "" {
		if strings.TrimSpace(r.Header.Get(headerClientSignature)) == "" {
			return failTransaction(in, simulator.Errorf(simulator.CodeClientSignatureRequired).WithDetail("a retro conversion needs the %s header", headerClientSignature))
		}
		return failTransaction(in, simulator.Errorf(simulator.CodeRetroNotEnabled))
	}
	if t := in.String("update_till"); t != "" && org.Till(t) == nil {
		return failTransaction(in, simulator.Errorf(simulator.CodeInvalidStoreOrTill).WithDetail("update_till %q is not a till of the org", t))
	}
	ch, cerr := readChange(in)
	if cerr != nil {
		return failTransaction(in, cerr)
	}
	if ch.empty() {
		return failTransaction(in, simulator.Errorf(simulator.CodeTransactionUpdateFailed).WithDetail("the item changes no custom_fields, extended_fields or line item extended_fields"))
	}
	var tid int64
	if id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return failTransaction(in, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("id %q is not a transaction id", id))
		}
		tid = n
	}
	var (
		out Obj
		res = Succeeded(simulator.CodeTransactionUpdated)
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		if strings.EqualFold(in.String("type"), simulator.TransactionNotInterested) {
			b, err := looseBillOf(tx, tid, number)
			if err != nil {
				return err
			}
			ch.apply(&b, now)
			if err := tx.PutLooseBill(b); err != nil {
				return err
			}
			out = updatedItem(nil, &b, res)
			return nil
		}
		c, _, err := transactionCustomer(tx, in.Values("customer"), now, "", false)
		if err != nil {
			return err
		}
		t := customerBill(c.History, tid, number)
		switch {
		case t == nil && tid != 0:
			return simulator.Errorf(simulator.CodeTransactionIDNotForCustomer).WithDetail("customer %d has no bill %d", c.ID, tid)
		case t == nil:
			return simulator.Errorf(simulator.CodeTransactionNumberNotForCustomer).WithDetail("customer %d has no bill numbered %q", c.ID, number)
		}
		ch.apply(t, now)
		if err := tx.Put(c); err != nil {
			return err
		}
		out = updatedItem(c, t, res)
		return nil
	})
	if err != nil {
		return failTransaction(in, s.itemError(r, err, simulator.CodeTransactionUpdateFailed))
	}
	return out, res
}

// customerBill returns the bill of h with id (when id is set), else the
// latest by billing time numbered number: "will be updated latest
// transaction in such cases" (the update sample's comment). An id the
// customer has no bill with falls back to the number when the item gives
// one: the update sample sends a made-up id (123234) beside its number.
func customerBill(h *simulator.History, id int64, number string) *simulator.Transaction {
	if id != 0 {
		if t := h.Transaction(id); t != nil || number == "" {
			return t
		}
	}
	var best *simulator.Transaction
	for _, t := range h.TransactionsNumbered(number) {
		if best == nil || !t.Date.Before(best.Date) {
			best = t
		}
	}
	return best
}

// looseBillOf returns the not-interested bill with id, else the latest
// numbered number: 620 or 625 when there is none.
func looseBillOf(tx *store.Tx, id int64, number string) (simulator.Transaction, error) {
	if id != 0 {
		b, ok, err := tx.LooseBill(id)
		if err != nil {
			return b, err
		}
		if !ok {
			return b, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("no not-interested bill has id %d", id)
		}
		return b, nil
	}
	var (
		best  simulator.Transaction
		found bool
	)
	for _, ref := range tx.BillsNumbered(number) {
		if ref.CustomerID != 0 {
			continue
		}
		b, ok, err := tx.LooseBill(ref.ID)
		if err != nil {
			return b, err
		}
		if ok && (!found || !b.Date.Before(best.Date)) {
			best, found = b, true
		}
	}
	if !found {
		return best, simulator.Errorf(simulator.CodeTransactionNumberNotFound).WithDetail("no not-interested bill is numbered %q", number)
	}
	return best, nil
}

// updatedItem renders an updated bill: id, number, type, customer, and
// the fields as they now are.
func updatedItem(c *simulator.Customer, t *simulator.Transaction, res Result) Obj {
	out := Obj{{"id", Int(t.ID)}, {"number", t.Number}, {"type", t.Type}}
	if c != nil {
		out = append(out, Field{"customer", Obj(histHead(c, "user_id", IdentMobile, IdentEmail, IdentExternalID, "firstname", "lastname"))})
	}
	return append(out,
		Field{"custom_fields", histFields(t.CustomFields)},
		Field{"extended_fields", histFields(t.ExtendedFields)},
		Field{"item_status", res.ItemStatus()},
	)
}
