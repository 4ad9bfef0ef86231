package v11

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleTransactionsGet handles "GET /v1.1/customer/transactions": each
// identifier's customer with the page of transactions the filters select
// (start_date/end_date, transaction_date, transaction_id, number, amount,
// store_id/store_code/store_name, till_code/till_name, entity_type and
// entity_code, start_id/end_id), sorted by sort (trans_date, the default,
// or trans_id) in order (desc, the default, or asc), offset and limit
// (10 by default) applied. count is how many the filters select, start the
// id of the first one returned, rows how many are returned.
// custom_fields=true and credit_notes=true add those blocks.
//
// An unknown store answers 1150 "Invalid store ID passed." for every item;
// a customer with no matching transaction is a success with count 0.
func (s *Server) handleTransactionsGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	org := s.Store.Org()
	tq, every, err := parseTransactionQuery(q, org)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	withCustom, withCredit := histBool(q, "custom_fields"), histBool(q, "credit_notes")
	later := laterEdition(r)
	s.readHistory(w, r, shapeCustomer, every, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, now time.Time) (Obj, Result) {
		page, total := c.History.FindTransactions(tq)
		p := Profile(c)
		st := standingOf(org, c, now)
		item := histHead(c, histUserID(q, IdentMobile, IdentEmail, IdentExternalID, "firstname", "lastname")...)
		start := ""
		if len(page) > 0 {
			start = Int(page[0].ID)
		}
		txs := make(List, 0, len(page))
		for _, t := range page {
			txs = append(txs, transactionObj(org, t, withCustom, withCredit, later))
		}
		res := Succeeded(simulator.CodeTransactionsFetched, warnings...)
		item = append(item,
			Field{"lifetime_points", Num(st.LifetimePoints())},
			Field{"lifetime_purchases", Num(c.LifetimePurchases)},
			Field{"loyalty_points", Num(st.Points())},
			Field{"registered_on", DateTime(registeredOn(c, p))},
			Field{"updated_on", DateTime(updatedOn(c, p))},
			Field{"current_slab", slabName(st)},
			Field{"count", strconv.Itoa(total)},
			Field{"start", start},
		)
		if later {
			// 008's sample puts the balances between start and rows.
			returned := 0.0
			if st.Loyalty != nil {
				returned = st.Loyalty.Returned
			}
			item = append(item,
				Field{"delayed_points", "0"},
				Field{"delayed_returned_points", "0"},
				Field{"total_available_points", Num(st.Points())},
				Field{"total_returned_points", Num(returned)},
			)
		}
		item = append(item,
			Field{"rows", strconv.Itoa(len(page))},
			Field{"transactions", Obj{{"transaction", txs}}},
			Field{"item_status", res.ItemStatus()},
		)
		return item, res
	})
}

// parseTransactionQuery reads the filters of customer/transactions. A
// malformed value is a request error; an unknown store, the item error
// every item gets.
func parseTransactionQuery(q url.Values, org *simulator.Org) (tq simulator.TransactionQuery, every, err *simulator.Error) {
	var e1, e2, e3, e4, e5, e6 *simulator.Error
	tq.Window, e1 = histWindow(q)
	tq.Page, e2 = histPage(q, "limit")
	tq.Asc, e3 = histOrder(q, "order")
	tq.ID, e4 = histID(q, "transaction_id")
	tq.StartID, e5 = histID(q, "start_id")
	tq.EndID, e6 = histID(q, "end_id")
	if err := histFirstErr(e1, e2, e3, e4, e5, e6); err != nil {
		return tq, nil, err
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("sort"))); v {
	case "", "trans_date":
	case "trans_id":
		tq.SortByID = true
	default:
		return tq, nil, invalid("sort %q is not trans_date or trans_id", q.Get("sort"))
	}
	if v := strings.TrimSpace(q.Get("transaction_date")); v != "" {
		d, ok := parseQueryTime(v, false)
		if !ok {
			return tq, nil, invalid("transaction_date %q is not YYYY-MM-DD", v)
		}
		tq.Day = d
	}
	if v := strings.TrimSpace(q.Get("amount")); v != "" {
		a, perr := strconv.ParseFloat(v, 64)
		if perr != nil {
			return tq, nil, invalid("amount %q is not a number", v)
		}
		tq.Amount = &a
	}
	tq.Number = strings.TrimSpace(q.Get("number"))
	tq.TillCode = strings.TrimSpace(q.Get("till_code"))
	if name := strings.TrimSpace(q.Get("till_name")); name != "" && tq.TillCode == "" {
		tq.TillCode = name // till names are their codes unless the org says otherwise
		for _, t := range org.Tills {
			if strings.EqualFold(t.Name, name) {
				tq.TillCode = t.Code
			}
		}
	}
	// entity_type/entity_code name a store or a till (NOTES §1.7).
	switch strings.ToUpper(strings.TrimSpace(q.Get("entity_type"))) {
	case "":
	case "STORE":
		if q.Get("store_code") == "" {
			q = maps.Clone(q) // the request's values are shared (simulator.Query)
			q.Set("store_code", q.Get("entity_code"))
		}
	case "TILL":
		tq.TillCode = strings.TrimSpace(q.Get("entity_code"))
	default:
		return tq, nil, invalid("entity_type %q is not STORE or TILL", q.Get("entity_type"))
	}
	store, serr := histStore(q, org)
	if serr != nil {
		return tq, serr, nil
	}
	tq.StoreCode = store
	return tq, nil, nil
}

// histStore reads store_id, store_code or store_name and returns the store's
// code ("" when none is given), or 1150 for a store the org does not have.
func histStore(q url.Values, org *simulator.Org) (string, *simulator.Error) {
	if v := strings.TrimSpace(q.Get("store_id")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if st := org.StoreByID(id); err == nil && st != nil {
			return st.Code, nil
		}
		return "", simulator.Errorf(simulator.CodeInvalidStoreID).WithDetail("store_id %q", v)
	}
	if v := strings.TrimSpace(q.Get("store_code")); v != "" {
		if st := org.Store(v); st != nil {
			return st.Code, nil
		}
		return "", simulator.Errorf(simulator.CodeInvalidStoreID).WithDetail("store_code %q", v)
	}
	if v := strings.TrimSpace(q.Get("store_name")); v != "" {
		for _, st := range org.Stores {
			if strings.EqualFold(st.Name, v) {
				return st.Code, nil
			}
		}
		return "", simulator.Errorf(simulator.CodeInvalidStoreID).WithDetail("store_name %q", v)
	}
	return "", nil
}

// laterEdition reports whether r's answer carries the fields the later
// edition of the reference (008) adds to its samples' (001): in every
// JSON type mode but documented, which reproduces 001's samples byte for
// byte, in JSON and in XML alike.
func laterEdition(r *http.Request) bool {
	return JSONTypes(simulator.Info(r.Context()).V11JSONTypes) != JSONTypesDocumented
}

// transactionObj renders one transaction as the transactions sample does,
// its line items counted in basket_size but not listed. later (008) writes
// store as the store's name, followed by its store_code; 001's sample
// writes the code alone as store.
func transactionObj(org *simulator.Org, t simulator.Transaction, withCustom, withCredit, later bool) Obj {
	coupons := make(List, 0, len(t.Coupons))
	for _, c := range t.Coupons {
		coupons = append(coupons, Obj{{"code", c}})
	}
	var basket float64
	for _, li := range t.LineItems {
		basket += li.Qty
	}
	out := Obj{
		{"id", Int(t.ID)},
		{"number", t.Number},
		{"type", t.Type},
		{"amount", Num(t.Amount)},
		{"notes", t.Notes},
		{"billing_time", DateTime(t.Date)},
		{"gross_amount", Num(t.GrossAmount)},
		{"discount", Num(t.Discount)},
		{"store", t.StoreCode},
	}
	if later {
		out[len(out)-1] = Field{"store", histStoreName(org, t.StoreCode)}
		out = append(out, Field{"store_code", t.StoreCode})
	}
	out = append(out,
		Field{"points", Obj{{"issued", Num(t.PointsIssued)}, {"redeemed", Num(t.PointsRedeemed)}}},
		Field{"coupons", Obj{{"coupon", coupons}}},
		Field{"basket_size", Num(basket)},
		// "You cannot retrieve individual line-item level details of a
		// transaction": the sample's line_item is empty, basket_size counts.
		Field{"line_items", Obj{{"line_item", ""}}},
	)
	if withCustom {
		out = append(out, Field{"custom_fields", histFields(t.CustomFields)})
	}
	if withCredit {
		notes := make(List, 0, len(t.CreditNotes))
		for _, cn := range t.CreditNotes {
			notes = append(notes, Obj{{"number", cn.Number}, {"amount", Num(cn.Amount)}, {"notes", cn.Notes}, {"date", DateTime(cn.Date)}})
		}
		out = append(out, Field{"credit_notes", Obj{{"credit_note", notes}}})
	}
	return out
}
