package v2

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// PUT /v2/transactions: a bill's fields.

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
	cust, cerr := queryCustomer(simulator.Query(r), true)
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
