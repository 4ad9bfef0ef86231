package v11

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// txnQuery is what transaction/get selects bills by.
type txnQuery struct {
	types      map[string]bool // nil: any type
	store      string
	till       string
	customer   *Ident
	tenders    bool
	userID     bool
	creditNote bool
}

// getTypes are the types the type parameter names; REGULAR by default, as
// the doc says ("By default it shows the details of regular transaction"),
// and NOT_INTERESTED too, so that a not-interested bill reads back by its
// number without a type.
var getTypes = map[string][]string{
	"":                      {simulator.TransactionRegular, simulator.TransactionNotInterested},
	"REGULAR":               {simulator.TransactionRegular},
	"NOT_INTERESTED":        {simulator.TransactionNotInterested},
	"RETURN":                {simulator.TransactionReturn},
	"NOT_INTERESTED_RETURN": {},
	"MIXED":                 {},
	"NI_MIXED":              {},
	"ALL":                   nil,
}

// handleTransactionGet handles "GET /v1.1/transaction/get": one item per
// bill that id (transaction ids, comma-separated) or number (bill numbers,
// comma-separated) names, filtered by type, store_code, till_code and the
// customer (mobile, email or external_id). An id names one bill whatever
// its type; a number names every bill of it the filters keep. Codes: 600
// "Transaction retrieved successfully"; item failures 620 (no bill has the
// id), 625 (none has the number), 641 (the customer is unknown), 680 (the
// customer has no such bill); request failures 1624 (neither id nor
// number), 1623 (an unknown type), 671 (an unknown store or till).
func (s *Server) handleTransactionGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	tq, err := parseTxnQuery(q, s.Store.Org())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	ids, numbers := splitList(q.Get("id")), splitList(q.Get("number"))
	if len(ids) == 0 && len(numbers) == 0 {
		WriteError(w, r, simulator.Errorf(simulator.CodeTransactionFetchParamsMissing).WithDetail("pass id or number"))
		return
	}
	if n := len(ids) + len(numbers); n > s.Limit() {
		WriteError(w, r, simulator.Errorf(simulator.CodeTransactionBatchLimitExceeded).WithDetail("%d bills asked; at most %d are allowed", n, s.Limit()))
		return
	}
	now := s.now(r)
	b := newBatch(r)
	verr := s.Store.View(namespace(r), func(tx *store.Tx) error {
		var owner *simulator.Customer
		if tq.customer != nil {
			c, _, ferr := FindCustomer(tx, *tq.customer)
			if ferr != nil {
				e := simulator.Errorf(simulator.CodeTransactionNoCustomerFound).WithDetail("%s", ferr.Message())
				for range len(ids) + len(numbers) {
					b.item(func() (Obj, Result) { return getFailed(tq.customer.Name, tq.customer.Value, e) }, identEcho(*tq.customer))
				}
				return nil
			}
			owner = c
		}
		for _, v := range ids {
			b.item(func() (Obj, Result) { return s.getByID(tx, tq, owner, v, now) }, idEcho("id", v))
		}
		for _, v := range numbers {
			for _, it := range s.getByNumber(tx, tq, owner, v, now) {
				b.Add(it.obj, it.res)
			}
		}
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	root := Obj{{"status", b.Status()}, {"transactions", Obj{{"count", b.Len()}, {"transaction", b.Items()}}}}
	reply(w, r, root, b.Codes()...)
}

// parseTxnQuery reads get's filters: type (1623 unknown), store_code and
// till_code (671 unknown), a customer identifier, and the flags.
func parseTxnQuery(q url.Values, org *simulator.Org) (txnQuery, *simulator.Error) {
	tq := txnQuery{tenders: histBool(q, "tenders"), userID: histBool(q, "user_id"), creditNote: histBool(q, "credit_notes")}
	typ := strings.ToUpper(strings.TrimSpace(q.Get("type")))
	types, ok := getTypes[typ]
	if !ok {
		return tq, simulator.Errorf(simulator.CodeTransactionTypeInvalid).WithDetail("type %q", q.Get("type"))
	}
	if types != nil {
		tq.types = map[string]bool{}
		for _, t := range types {
			tq.types[t] = true
		}
	}
	if v := strings.TrimSpace(q.Get("store_code")); v != "" {
		if org.Store(v) == nil {
			return tq, simulator.Errorf(simulator.CodeInvalidStoreOrTill).WithDetail("store_code %q", v)
		}
		tq.store = v
	}
	if v := strings.TrimSpace(q.Get("till_code")); v != "" {
		if org.Till(v) == nil {
			return tq, simulator.Errorf(simulator.CodeInvalidStoreOrTill).WithDetail("till_code %q", v)
		}
		tq.till = v
	}
	for _, name := range []string{IdentMobile, IdentEmail, IdentExternalID} {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			tq.customer = &Ident{Name: name, Value: v}
			break
		}
	}
	return tq, nil
}

// keeps reports whether t passes the filters of tq.
func (tq txnQuery) keeps(t *simulator.Transaction) bool {
	return (tq.types == nil || tq.types[t.Type]) &&
		(tq.store == "" || strings.EqualFold(tq.store, t.StoreCode)) &&
		(tq.till == "" || strings.EqualFold(tq.till, t.TillCode))
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// idEcho renders a failed get item: the id or number asked for.
func idEcho(name, v string) func(Result) Obj {
	return func(res Result) Obj { return Obj{{name, v}, {"item_status", res.ItemStatus()}} }
}

func getFailed(name, v string, err *simulator.Error) (Obj, Result) {
	res := Failed(err)
	return idEcho(name, v)(res), res
}

// getByID answers the bill with transaction id v.
func (s *Server) getByID(tx *store.Tx, tq txnQuery, owner *simulator.Customer, v string, now time.Time) (Obj, Result) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return getFailed("id", v, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("id %q is not a transaction id", v))
	}
	var (
		c *simulator.Customer
		t *simulator.Transaction
	)
	if cid, ok := tx.TransactionOwner(id); ok {
		if c, err = tx.Customer(cid); err == nil {
			t = c.History.Transaction(id)
		}
	} else if b, ok, lerr := tx.LooseBill(id); lerr == nil && ok {
		t = &b
	}
	switch {
	case t == nil:
		return getFailed("id", v, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("no bill has id %d", id))
	case owner != nil && (c == nil || c.ID != owner.ID):
		return getFailed("id", v, simulator.Errorf(simulator.CodeCustomerHasNoTransactions).WithDetail("bill %d is not the customer's", id))
	case tq.store != "" && !strings.EqualFold(tq.store, t.StoreCode), tq.till != "" && !strings.EqualFold(tq.till, t.TillCode):
		return getFailed("id", v, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("bill %d is not of that store or till", id))
	}
	res := Succeeded(simulator.CodeTransactionRetrieved)
	return transactionDetail(tx.Org(), c, t, tq, res, now), res
}

type txnItem struct {
	obj Obj
	res Result
}

// getByNumber answers every bill numbered v that tq keeps, newest first.
func (s *Server) getByNumber(tx *store.Tx, tq txnQuery, owner *simulator.Customer, v string, now time.Time) []txnItem {
	type found struct {
		c *simulator.Customer
		t *simulator.Transaction
	}
	var hits []found
	customers := map[int64]*simulator.Customer{}
	for _, ref := range tx.BillsNumbered(v) {
		if owner != nil && ref.CustomerID != owner.ID {
			continue
		}
		if ref.CustomerID == 0 {
			if b, ok, err := tx.LooseBill(ref.ID); err == nil && ok && tq.keeps(&b) {
				hits = append(hits, found{nil, &b})
			}
			continue
		}
		c := customers[ref.CustomerID]
		if c == nil {
			var err error
			if c, err = tx.Customer(ref.CustomerID); err != nil {
				continue
			}
			customers[ref.CustomerID] = c
		}
		if t := c.History.Transaction(ref.ID); t != nil && tq.keeps(t) {
			hits = append(hits, found{c, t})
		}
	}
	if len(hits) == 0 {
		var e *simulator.Error
		if owner != nil {
			e = simulator.Errorf(simulator.CodeCustomerHasNoTransactions).WithDetail("customer %d has no bill numbered %q", owner.ID, v)
		} else {
			e = simulator.Errorf(simulator.CodeTransactionNumberNotFound).WithDetail("no bill is numbered %q", v)
		}
		o, res := getFailed("number", v, e)
		return []txnItem{{o, res}}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if !hits[i].t.Date.Equal(hits[j].t.Date) {
			return hits[i].t.Date.After(hits[j].t.Date)
		}
		return hits[i].t.ID > hits[j].t.ID
	})
	out := make([]txnItem, 0, len(hits))
	for _, h := range hits {
		res := Succeeded(simulator.CodeTransactionRetrieved)
		out = append(out, txnItem{transactionDetail(tx.Org(), h.c, h.t, tq, res, now), res})
	}
	return out
}

// transactionDetail renders one bill as the get sample does. c is its
// customer (nil for a not-interested bill).
func transactionDetail(org *simulator.Org, c *simulator.Customer, t *simulator.Transaction, tq txnQuery, res Result, now time.Time) Obj {
	out := Obj{}
	if c != nil {
		p := Profile(c)
		first, last := "", ""
		if p != nil {
			first, last = p.FirstName, p.LastName
		}
		cust := Obj{}
		if tq.userID {
			cust = append(cust, Field{"user_id", Int(c.ID)})
		}
		cust = append(cust,
			Field{"mobile", identValue(p, IdentMobile)},
			Field{"first_name", first},
			Field{"last_name", last},
			Field{"email", identValue(p, IdentEmail)},
			Field{"external_id", identValue(p, IdentExternalID)},
			Field{"source", "instore"},
		)
		out = append(out, Field{"customer", cust})
	}
	store := histStoreName(org, t.StoreCode)
	out = append(out,
		Field{"billing_till", Obj{{"code", t.TillCode}, {"name", tillName(org, t.TillCode)}}},
		Field{"billing_store", Obj{{"code", t.StoreCode}, {"name", store}}},
		Field{"id", Int(t.ID)},
		Field{"number", t.Number},
		Field{"type", t.Type},
		Field{"outlier_status", "NORMAL"},
		Field{"store", t.StoreCode},
		Field{"delivery_status", "DELIVERED"},
		Field{"source", "instore"},
		Field{"custom_fields", histFields(t.CustomFields)},
		Field{"extended_fields", histFields(t.ExtendedFields)},
	)
	if t.Currency != "" && !strings.EqualFold(t.Currency, org.Billing.Base()) {
		ratio := org.Billing.ToBase(t.Currency, 1)
		out = append(out, Field{"local_currency", Obj{
			{"ratio", Num(ratio)},
			{"base_currency", Obj{{"name", org.Billing.Base()}}},
			{"transaction_currency", Obj{{"name", t.Currency}}},
			{"amount", Num(t.LocalAmount)},
			{"value", Num(org.Billing.ToBase(t.Currency, t.LocalAmount))},
		}})
	}
	out = append(out,
		Field{"amount", Num(t.Amount)},
		Field{"billing_time", DateTime(t.Date)},
		Field{"auto_update_time", DateTime(firstTime(t.UpdatedOn, t.AddedOn, t.Date))},
		Field{"gross_amount", Num(t.GrossAmount)},
		Field{"discount", Num(t.Discount)},
		Field{"notes", t.Notes},
	)
	if t.Type == simulator.TransactionReturn {
		out = append(out, Field{"parent_bill_number", t.ReturnOf}, Field{"return_type", t.ReturnType})
	}
	out = append(out, Field{"points", Obj{{"issued", Num(t.PointsIssued)}, {"redeemed", Num(t.PointsRedeemed)}, {"reverted", Num(t.PointsReverted)}}})
	lines := List{}
	for _, li := range t.LineItems {
		lines = append(lines, Obj{
			{"type", t.Type},
			{"outlier_status", "NORMAL"},
			{"serial", strconv.Itoa(li.Serial)},
			{"item_code", li.ItemCode},
			{"description", li.Description},
			{"qty", Num(li.Qty)},
			{"rate", Num(li.Rate)},
			{"value", Num(li.Value)},
			{"discount", Num(li.Discount)},
			{"img_url", ""},
			{"amount", Num(li.Amount)},
			{"returnable_days", "-1"},
			{"returned_qty", Num(li.ReturnedQty)},
			{"extended_fields", histFields(li.ExtendedFields)},
		})
	}
	out = append(out, Field{"line_items", Obj{{"line_item", lines}}})
	if tq.tenders {
		pays := List{}
		for _, p := range t.Payments {
			pays = append(pays, Obj{{"mode", p.Mode}, {"value", Num(p.Value)}, {"notes", p.Notes}, {"attributes", Obj{{"attribute", pairs(p.Attributes)}}}})
		}
		out = append(out, Field{"payment_details", Obj{{"payment", pays}}})
	}
	if tq.creditNote {
		notes := List{}
		for _, cn := range t.CreditNotes {
			notes = append(notes, Obj{{"number", cn.Number}, {"amount", Num(cn.Amount)}, {"notes", cn.Notes}, {"date", DateTime(cn.Date)}})
		}
		out = append(out, Field{"credit_notes", Obj{{"credit_note", notes}}})
	}
	return append(out, Field{"item_status", res.ItemStatus()})
}

// pairs renders fields as a list of {name, value}.
func pairs(fs []simulator.Field) List {
	l := make(List, 0, len(fs))
	for _, f := range fs {
		l = append(l, Obj{{"name", f.Name}, {"value", f.Value}})
	}
	return l
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
