package v11

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// histShape says where a history response puts its items: under
// response.inner when outer is "" ({"customer": [...]}), else under
// response.outer.inner ({"customers": {"customer": [...]}}), as each
// operation's sample shows.
type histShape struct {
	outer, inner string
	// responseCode adds status.response_code, the interaction sample's
	// name for code.
	responseCode bool
}

var (
	shapeCustomer      = histShape{"", "customer", false}
	shapeCustomers     = histShape{"customers", "customer", false}
	shapeSubscriptions = histShape{"subscriptions", "subscription", false}
	shapeInteraction   = histShape{"", "customer", true}
)

// root returns the response of batch b in shape.
func (shape histShape) root(b *Batch) Obj {
	st := b.Status()
	if shape.responseCode {
		code, _ := st.Get("code")
		st = append(st[:2:2], append(Obj{{"response_code", code}}, st[2:]...)...)
	}
	root := Obj{{"status", st}}
	if shape.outer == "" {
		return append(root, Field{shape.inner, b.Items()})
	}
	return append(root, Field{shape.outer, Obj{{shape.inner, b.Items()}}})
}

// replyBatch writes the batch in shape.
func replyBatch(w http.ResponseWriter, r *http.Request, shape histShape, b *Batch) {
	reply(w, r, shape.root(b), b.Codes()...)
}

// serveBatch answers a v1.1 write: it reads the request's root.customer
// items (400 if unreadable, 1060 over the batch limit), runs one on each item
// on its own, and answers the batch envelope with the items under shape.
func (s *Server) serveBatch(w http.ResponseWriter, r *http.Request, shape histShape, one func(*http.Request, Values) (Obj, Result)) {
	s.serveBatchUpTo(w, r, shape, s.Limit(), one)
}

// serveBatchUpTo is serveBatch with a batch limit of its own (1: an
// operation without batch support).
func (s *Server) serveBatchUpTo(w http.ResponseWriter, r *http.Request, shape histShape, limit int,
	one func(*http.Request, Values) (Obj, Result)) {
	s.serveItems(w, r, "customer", shape, limit, one)
}

// serveItems is serveBatchUpTo for the items root.<key>[] (the coupon
// writes' root.coupon).
func (s *Server) serveItems(w http.ResponseWriter, r *http.Request, key string, shape histShape, limit int,
	one func(*http.Request, Values) (Obj, Result)) {
	items, err := ReadItems(r, key, limit)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.runItems(w, r, shape, items, one)
}

// runItems runs one on each item on its own and answers the batch
// envelope with the items under shape.
func (s *Server) runItems(w http.ResponseWriter, r *http.Request, shape histShape, items []Values,
	one func(*http.Request, Values) (Obj, Result)) {
	echo := writeEcho(r.URL.Path)
	b := newBatch(r)
	for _, in := range items {
		b.item(func() (Obj, Result) { return one(r, in) }, echo(in))
	}
	replyBatch(w, r, shape, &b)
}

// histItemFunc builds the item of one customer a read found, at the
// request's time now.
type histItemFunc func(tx *store.Tx, c *simulator.Customer, warnings []*simulator.Error, now time.Time) (Obj, Result)

// answerKept answers r from the answer kept under the namespace's state
// (key, from stateKey), if there is one that still stands at now. While the
// namespace is unchanged the same request finds the same customer: no
// transaction is needed, nor reading the query, since the key names the
// whole request and only the answer to a query that parsed, named one
// identifier and found its customer is kept. A request a scenario injects
// into is never answered so.
func (s *Server) answerKept(w http.ResponseWriter, r *http.Request, key readKey, now time.Time) bool {
	if s.reads.off || simulator.Info(r.Context()).Inject != nil {
		return false
	}
	if rd, ok := s.reads.get(key); ok && rd.standsAt(now) {
		rd.write(w, r)
		return true
	}
	return false
}

// readHistory answers a history read: one item per identifier of the query
// (comma-separated lists of mobile, email, external_id, id), in the order
// QueryIdents gives. An identifier that finds no customer is an item failure
// (1012; 1011 for an id) while the others succeed. A query problem that
// concerns every item (an unknown store, a bad channel) fails each item with
// it; a request that cannot be read at all is status 400.
//
// A read of one customer that succeeds is answered from the read cache
// while the inputs its readKey names stay the same.
func (s *Server) readHistory(w http.ResponseWriter, r *http.Request, shape histShape, every *simulator.Error, item histItemFunc) {
	now := s.now(r)
	b := newBatch(r)
	n := namespace(r)
	var (
		key, nsKey     readKey
		keyed, nsKeyed bool
		hit            *cachedRead
		subject        *simulator.Customer
	)
	mayKeep := every == nil && b.inject == nil && !s.reads.off
	if mayKeep {
		nsKey = s.stateKey(r, "")
		if s.answerKept(w, r, nsKey, now) {
			return
		}
	}
	idents, err := QueryIdents(simulator.Query(r), s.Limit())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	nsKeyed = mayKeep && len(idents) == 1
	verr := s.Store.View(n, func(tx *store.Tx) error {
		if every == nil && len(idents) == 1 && b.inject == nil && !s.reads.off {
			c, warnings, ferr := FindCustomer(tx, idents[0])
			if ferr == nil && len(warnings) == 0 {
				info := simulator.Info(r.Context())
				key = readKey{org: tx.Org(), epoch: s.Store.Epoch(), ns: tx.Namespace(), path: r.URL.Path,
					query: r.URL.RawQuery, format: Negotiate(r), op: info.OperationID, lists: info.V11JSONLists, types: info.V11JSONTypes,
					id: c.ID, version: c.Version, clock: clockSlot(c, now)}
				subject, keyed = c, true
				if hit, _ = s.reads.get(key); hit != nil {
					return nil
				}
			}
		}
		for _, id := range idents {
			b.item(func() (Obj, Result) {
				if every != nil {
					res := Failed(every)
					return histIdentItem(id, res), res
				}
				c, warnings, ferr := FindCustomer(tx, id)
				if ferr != nil {
					res := Failed(ferr)
					return histIdentItem(id, res), res
				}
				return item(tx, c, warnings, now)
			}, identEcho(id))
		}
		return nil
	})
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	if hit == nil && keyed && b.StatusCode() == simulator.CodeSuccess {
		hit = s.reads.put(key, r, shape.root(&b), b.Codes())
	}
	if hit != nil {
		if nsKeyed {
			s.reads.keep(nsKey, hit, clockMarks(subject), time.Time{}, now)
		}
		hit.write(w, r)
		return
	}
	reply(w, r, shape.root(&b), b.Codes()...)
}

// histIdentItem renders the item of an identifier that failed: the identifier
// as sent and its item_status.
func histIdentItem(id Ident, res Result) Obj {
	return Obj{{id.Name, id.Value}, {"item_status", res.ItemStatus()}}
}

// histBodyIdents are the body fields a write names its customer by, in the
// order they are tried: the docs' samples send several at once, some of them
// made up (notes: user_id 15; tickets: id 1034), so the first that finds a
// customer wins, the mobile first, as v1.1 registers by mobile.
var histBodyIdents = []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, "user_id"}

// findBodyCustomer returns the customer a body item names (see
// histBodyIdents). With no identifier at all it returns missing; when none
// finds a customer, the failure of the first one tried.
func findBodyCustomer(tx *store.Tx, v Values, missing *simulator.Error) (*simulator.Customer, []*simulator.Error, *simulator.Error) {
	var first *simulator.Error
	for _, name := range histBodyIdents {
		val := v.String(name)
		if val == "" {
			continue
		}
		if name == "user_id" {
			name = IdentID
		}
		c, warnings, err := FindCustomer(tx, Ident{Name: name, Value: val})
		if err == nil {
			return c, warnings, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		return nil, nil, missing
	}
	return nil, nil, first
}

// histNoIdent is the failure of a body item that names no customer.
func histNoIdent() *simulator.Error {
	return invalid("no identifier: pass mobile, email, external_id or id")
}

// histEcho renders the identifiers a failed body item sent.
func histEcho(v Values, keys ...string) Obj {
	out := Obj{}
	for _, k := range keys {
		out = append(out, Field{k, v.String(k)})
	}
	return out
}

// histHead renders the customer fields an item starts with, named as v1.1 names
// them: user_id and id (the customer id, as a string), mobile, email,
// external_id, firstname, lastname.
func histHead(c *simulator.Customer, keys ...string) Obj {
	p := Profile(c)
	out := make(Obj, 0, len(keys))
	for _, k := range keys {
		var v string
		switch k {
		case "user_id", "id":
			v = Int(c.ID)
		case IdentMobile, IdentEmail, IdentExternalID:
			v = identValue(p, k)
		case "firstname":
			if p != nil {
				v = p.FirstName
			}
		case "lastname":
			if p != nil {
				v = p.LastName
			}
		}
		out = append(out, Field{k, v})
	}
	return out
}

// histUserID returns keys with user_id first when the query asks for it
// (user_id=true): reads leave the customer id out unless asked (NOTES §1.6).
func histUserID(q url.Values, keys ...string) []string {
	if b, _ := strconv.ParseBool(q.Get("user_id")); b {
		return append([]string{"user_id"}, keys...)
	}
	return keys
}

// histWindow reads start_date and end_date: a bare day covers all of it.
func histWindow(q url.Values) (simulator.Window, *simulator.Error) {
	var w simulator.Window
	for _, p := range []struct {
		name string
		end  bool
		dst  *time.Time
	}{{"start_date", false, &w.From}, {"end_date", true, &w.To}} {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		t, ok := parseQueryTime(v, p.end)
		if !ok {
			return w, invalid("%s %q is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)", p.name, v)
		}
		*p.dst = t
	}
	if !w.From.IsZero() && !w.To.IsZero() && w.From.After(w.To) {
		return w, invalid("start_date is after end_date")
	}
	return w, nil
}

// histInt reads a non-negative integer parameter (def when absent).
func histInt(q url.Values, name string, def int) (int, *simulator.Error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, invalid("%s %q is not a non-negative integer", name, v)
	}
	return n, nil
}

// histID reads a positive id parameter (0 when absent).
func histID(q url.Values, name string) (int64, *simulator.Error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, invalid("%s %q is not a positive integer", name, v)
	}
	return n, nil
}

// histPage reads limit (default 10; 0 means the default too) and offset.
func histPage(q url.Values, limitName string) (simulator.Page, *simulator.Error) {
	limit, err := histInt(q, limitName, simulator.DefaultHistoryLimit)
	if err != nil {
		return simulator.Page{}, err
	}
	offset, err := histInt(q, "offset", 0)
	if err != nil {
		return simulator.Page{}, err
	}
	return simulator.Page{Offset: offset, Limit: limit}, nil
}

// histOrder reads an asc/desc parameter; descending unless asked.
func histOrder(q url.Values, name string) (asc bool, err *simulator.Error) {
	switch v := strings.ToLower(strings.TrimSpace(q.Get(name))); v {
	case "", "desc":
		return false, nil
	case "asc":
		return true, nil
	default:
		return false, invalid("%s %q is not asc or desc", name, q.Get(name))
	}
}

// histBool reads a true/false flag.
func histBool(q url.Values, name string) bool {
	b, _ := strconv.ParseBool(strings.TrimSpace(q.Get(name)))
	return b
}

// histFirstErr returns the first non-nil error.
func histFirstErr(errs ...*simulator.Error) *simulator.Error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// histISOTime formats t as the coupons and referrals samples write
// timestamps: "2013-12-13T16:14:54+05:30".
func histISOTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

// histDay formats t as a bare date ("2016-12-21").
func histDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// histFields renders name/value pairs as {field: [{name, value}, ...]}.
func histFields(fs []simulator.Field) Obj {
	l := make(List, 0, len(fs))
	for _, f := range fs {
		l = append(l, Obj{{"name", f.Name}, {"value", f.Value}})
	}
	return Obj{{"field", l}}
}

// histBodyFields reads custom_fields.field of a body item.
func histBodyFields(v Values) []simulator.Field {
	var out []simulator.Field
	for _, p := range v.Pairs("custom_fields", "field") {
		out = append(out, simulator.Field{Name: p.Name, Value: p.Value})
	}
	return out
}

// histStoreName returns the name of store code (the code when it is unknown).
func histStoreName(org *simulator.Org, code string) string {
	if s := org.Store(code); s != nil {
		return s.Name
	}
	return code
}

// writeHistory runs fn on the customer a body item names, in its own write
// transaction: nothing fn wrote is kept when it fails.
func (s *Server) writeHistory(r *http.Request, v Values, missing *simulator.Error,
	fn func(tx *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool)) (Obj, Result, error) {
	var (
		out Obj
		res Result
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, warnings, ferr := findBodyCustomer(tx, v, missing)
		if ferr != nil {
			res = Failed(ferr)
			return errNoWrite
		}
		if c.History == nil {
			c.History = &simulator.History{}
		}
		var write bool
		out, res, write = fn(tx, c, warnings)
		if !write {
			return errNoWrite // roll back whatever fn did (a sequence drawn, say)
		}
		return tx.Put(c)
	})
	if errors.Is(err, errNoWrite) {
		err = nil
	}
	return out, res, err
}

// errNoWrite rolls back a write transaction whose item failed.
var errNoWrite = errors.New("v11: the item failed; nothing is written")
