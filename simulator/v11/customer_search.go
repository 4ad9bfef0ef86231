package v11

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// Search paging defaults: the docs' sample answers start 0 and rows 10.
const (
	defaultSearchRows = 10
	maxSearchRows     = 100
)

// handleCustomerSearch handles "GET /v1.1/customer/search": the customers
// (those with a v1.1 profile) that satisfy q, ordered by user id, paged by
// start and rows, with count the number of matches. A query that does not
// follow the grammar is a request-level 400 naming the problem, never an
// empty success. No match is a success with no items: the docs say search
// shows no customer-not-found error.
func (s *Server) handleCustomerSearch(w http.ResponseWriter, r *http.Request) {
	// A search asked again of an unchanged namespace answers what it did:
	// the key names the whole request (its query, format and modes) and
	// the org, so what follows would parse and find the same; only answers
	// are kept, never refusals.
	n := namespace(r)
	key := s.stateKey(r, "")
	if hit, ok := s.reads.get(key); ok {
		hit.write(w, r)
		return
	}
	qv := simulator.Query(r)
	org := s.Store.Org()
	query, err := ParseQuery(qv.Get("q"), org.CustomFields)
	if err != nil {
		WriteError(w, r, invalid("q: %v", err))
		return
	}
	start, rows := 0, defaultSearchRows
	if v := qv.Get("start"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			WriteError(w, r, invalid("start %q is not a non-negative integer", v))
			return
		}
		start = n
	}
	if v := qv.Get("rows"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSearchRows {
			WriteError(w, r, invalid("rows %q is not an integer from 1 to %d", v, maxSearchRows))
			return
		}
		rows = n
	}
	if err := s.indexTerms(n); err != nil {
		s.fail(w, r, err)
		return
	}
	// The index answers the query; only the page's customers are read.
	var ids []int64
	items := List{}
	err = s.Store.View(n, func(tx *store.Tx) error {
		var err error
		if ids, err = query.IDs(tx); err != nil {
			return err
		}
		for i := start; i < len(ids) && i < start+rows; i++ {
			c, err := tx.Customer(ids[i])
			if err != nil {
				return err
			}
			items = append(items, searchItem(org, c))
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reads.put(key, r, Obj{
		{"status", SuccessStatus()},
		{"customer", Obj{
			{"count", strconv.Itoa(len(ids))},
			{"start", strconv.Itoa(start)},
			{"rows", strconv.Itoa(rows)},
			{"results", Obj{{"item", items}}},
		}},
	}, []int{simulator.CodeSuccess.Number()}).write(w, r)
}

// indexTerms puts the search terms of namespace n's own customers in the
// index if they are not all there yet: a namespace writes them only once it
// is searched (store.Tx.EnableTerms), a batch per write transaction, so
// that other writers go on meanwhile.
func (s *Server) indexTerms(n string) error {
	pending := false
	if err := s.Store.View(n, func(tx *store.Tx) error { pending = tx.TermsPending(); return nil }); err != nil || !pending {
		return err
	}
	for done := false; !done; {
		if err := s.Store.Update(n, func(tx *store.Tx) (err error) { done, err = tx.EnableTerms(); return err }); err != nil {
			return err
		}
	}
	return nil
}

// SearchTerms returns the function that gives the store a customer's
// search index terms (store.Options.Terms): the values of its searchable
// attributes (searchTerms), for customers search can find (not merged
// away, with a v1.1 profile).
func SearchTerms(org *simulator.Org) func(*simulator.Customer) []store.Term {
	return func(c *simulator.Customer) []store.Term {
		if c.MergedInto != 0 || Profile(c) == nil {
			return nil
		}
		return searchTerms(org, c)
	}
}

// stringAttr is a string attribute and the names of its two kinds of term,
// made once: every customer has them.
type stringAttr struct{ name, s, r string }

func newStringAttr(name string) stringAttr {
	return stringAttr{name, termString + name, termReversed + name}
}

// The attributes every customer has, by their query names.
var (
	searchStrings = [...]stringAttr{newStringAttr("firstname"), newStringAttr("lastname"),
		newStringAttr("mobile"), newStringAttr("email"), newStringAttr("external_id"),
		newStringAttr("slab"), newStringAttr("registered_store")}
	termOrgID, termLoyaltyPoints, termLifetimePoints = termNumber + "org_id", termNumber + "loyalty_points", termNumber + "lifetime_points"
	termLifetimePurchases, termLastTransValue        = termNumber + "lifetime_purchases", termNumber + "last_trans_value"
	termTransactionValue, termRegisteredDate         = termNumber + "transaction_value", termDate + "registered_date"
)

// registeredStore is searchStrings' registered_store.
const registeredStore = len(searchStrings) - 1

// searchTerms returns the index terms of c's searchable attribute values:
// the names and ids, slab, points and amounts, registration date and store,
// and custom fields (lower-case names; one named as a built-in attribute
// takes its place). It runs for every customer at start-up and at every
// write, so it builds the terms directly rather than through a Subject's
// maps; they are the terms Subject.Terms gives of such a subject
// (TestSearchTermsAreTheSubjectsTerms).
func searchTerms(org *simulator.Org, c *simulator.Customer) []store.Term {
	p := Profile(c)
	st := standingOf(org, c, time.Time{})
	till := registeredBy(c, p)
	regStore := till
	if t := org.Till(till); t != nil {
		regStore = t.StoreCode
	}
	values := [len(searchStrings)]string{p.FirstName, p.LastName, identValue(p, IdentMobile),
		identValue(p, IdentEmail), identValue(p, IdentExternalID), slabName(st), regStore}
	out := make([]store.Term, 0, 2*(len(values)+2+len(p.Fields))+7)
	str := func(s, r, v string) {
		if v == "" {
			return // an empty value matches no string operator
		}
		lv := strings.ToLower(v)
		out = append(out, store.Term{Attr: s, Key: lv, Value: v}, store.Term{Attr: r, Key: reverseBytes(lv), Value: v})
	}
	var custom []simulator.Field // by lower-case name, one value each
	for k, v := range p.Fields {
		lk := strings.ToLower(k)
		if i := slices.IndexFunc(searchStrings[:], func(a stringAttr) bool { return a.name == lk }); i >= 0 {
			values[i] = v
			continue
		}
		if j := slices.IndexFunc(custom, func(f simulator.Field) bool { return f.Name == lk }); j >= 0 {
			custom[j].Value = v
			continue
		}
		custom = append(custom, simulator.Field{Name: lk, Value: v})
	}
	for i, a := range searchStrings {
		str(a.s, a.r, values[i])
	}
	for _, f := range custom {
		str(termString+f.Name, termReversed+f.Name, f.Value)
	}
	// registered_store takes a store id in the docs; the store's code and
	// the registering till name it too.
	rs := &searchStrings[registeredStore]
	str(rs.s, rs.r, till)
	if ts := org.TillStore(till); ts != nil {
		str(rs.s, rs.r, Int(ts.ID))
	}
	last := lastTransValue(c) // one pass over the bills, for both names
	for _, n := range [...]struct {
		attr string
		x    float64
	}{{termOrgID, float64(org.ID)}, {termLoyaltyPoints, st.Points()}, {termLifetimePoints, st.LifetimePoints()},
		{termLifetimePurchases, c.LifetimePurchases}, {termLastTransValue, last}, {termTransactionValue, last}} {
		out = append(out, store.Term{Attr: n.attr, Key: numberKey(n.x)})
	}
	if t := registeredOn(c, p); !t.IsZero() {
		out = append(out, store.Term{Attr: termRegisteredDate, Key: dateKey(t)})
	}
	return out
}

// lastTransValue returns the amount of c's latest transaction (0 for none):
// the first that FindTransactions lists (History.LatestBill).
func lastTransValue(c *simulator.Customer) float64 {
	if t := c.History.LatestBill(); t != nil {
		return t.Amount
	}
	return 0
}

// searchItem renders one search hit as the docs' sample does. Identifiers a
// customer lacks read "None": the sample's customers without an external id
// show "external_id": "None" (a quirk of the real search index).
func searchItem(org *simulator.Org, c *simulator.Customer) Obj {
	p := Profile(c)
	st := standingOf(org, c, time.Time{})
	orNone := func(v string) string {
		if v == "" {
			return "None"
		}
		return v
	}
	return Obj{
		{"user_id", Int(c.ID)},
		{"org_id", Int(org.ID)},
		{"firstname", p.FirstName},
		{"lastname", p.LastName},
		{"mobile", orNone(identValue(p, IdentMobile))},
		{"email", orNone(identValue(p, IdentEmail))},
		{"external_id", orNone(identValue(p, IdentExternalID))},
		{"loyalty_points", Num(st.Points())},
		{"lifetime_points", Num(st.LifetimePoints())},
		{"lifetime_purchases", Num(c.LifetimePurchases)},
		{"current_slab", slabName(st)},
		{"registered_on", DateTime(registeredOn(c, p))},
		{"registered_by", registeredBy(c, p)},
		{"last_trans_value", Num(lastTransValue(c))},
		{"attributes", Obj{{"attribute", pairList(org.CustomFields, p.Fields)}}},
	}
}
