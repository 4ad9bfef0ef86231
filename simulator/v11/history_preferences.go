package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// PreferredStoreField is the preference the preferences sample lists for
// the customer's preferred store, written through the store element.
const PreferredStoreField = "PREFERRED_STORE"

// preferredStoreExt is the extended field the preferred store is kept in
// when the org enables it, so that v2 reads what v1.1 preferences writes.
const preferredStoreExt = "preferred_store"

// handlePreferencesSet handles "POST /v1.1/customer/preferences": each
// root.customer item names its customer (see findBodyCustomer) and sets
// custom_fields.field[] {name, value} among the org's preference fields
// (Org.PreferenceFields; names compare case-insensitively) and, with store
// {code, id}, the preferred store. Codes: 1000 when everything is set; 1035
// (a success) when some fields are not preference fields, each named by a
// warning 1017; 1030 when nothing could be set (no preference field, or an
// org without preferences); 1053 for a store the org does not have, which
// sets nothing. The item shows the customer's preferences after the write.
func (s *Server) handlePreferencesSet(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomers, s.setPreferences)
}

func (s *Server) setPreferences(r *http.Request, in Values) (Obj, Result) {
	org := s.Store.Org()
	out, res, err := s.writeHistory(r, in, histNoIdent(), func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool) {
		item := histHead(c, "user_id", IdentMobile, IdentEmail, IdentExternalID)
		fail := func(e *simulator.Error) (Obj, Result, bool) {
			res := Failed(e)
			return append(item, Field{"item_status", res.ItemStatus()}), res, false
		}
		if len(org.PreferenceFields) == 0 {
			return fail(simulator.Errorf(simulator.CodePreferencesUpdateFailed).WithDetail("the org has no preference fields"))
		}
		var st *simulator.Store
		if sv := in.Values("store"); sv != nil && (sv.String("code") != "" || sv.String("id") != "") {
			if st = org.Store(sv.String("code")); st == nil {
				if id, perr := strconv.ParseInt(sv.String("id"), 10, 64); perr == nil {
					st = org.StoreByID(id)
				}
			}
			if st == nil {
				return fail(simulator.Errorf(simulator.CodePreferredStoreNotFound).WithDetail("store code %q, id %q", sv.String("code"), sv.String("id")))
			}
		}
		pairs := in.Pairs("custom_fields", "field")
		if len(pairs) == 0 && st == nil {
			return fail(simulator.Errorf(simulator.CodePreferencesUpdateFailed).WithDetail("the item has no custom_fields.field and no store"))
		}
		var rejected []*simulator.Error
		set := 0
		for _, p := range pairs {
			name, ok := org.PreferenceField(p.Name)
			if !ok {
				rejected = append(rejected, simulator.Errorf(simulator.CodeInvalidCustomField).WithDetail("%q is not a preference field", p.Name))
				continue
			}
			c.History.SetPreference(name, p.Value)
			set++
		}
		if st != nil {
			setPreferredStore(org, c, st)
			set++
		}
		if set == 0 {
			return fail(simulator.Errorf(simulator.CodePreferencesUpdateFailed).WithDetail("%s", histJoin(rejected)))
		}
		res := Succeeded(simulator.CodePreferencesUpdated, warnings...)
		if len(rejected) > 0 {
			res = Result{Code: simulator.CodePreferencesPartiallyUpdated, Warnings: append(warnings, rejected...)}
		}
		item = append(item, Field{"custom_fields", histFields(c.History.Preferences)})
		if st != nil {
			item = append(item, Field{"store", Obj{{"id", Int(st.ID)}, {"code", st.Code}, {"name", st.Name}, {"status", "SUCCESS"}}})
		}
		return append(item, Field{"item_status", res.ItemStatus()}), res, true
	})
	if err != nil {
		res = Failed(s.itemError(r, err, simulator.CodePreferencesUpdateFailed))
		out = nil
	}
	if out == nil {
		out = append(histEcho(in, IdentMobile, IdentEmail, IdentExternalID), Field{"item_status", res.ItemStatus()})
	}
	return out, res
}

// histJoin joins the messages of errs.
func histJoin(errs []*simulator.Error) string {
	var parts []string
	for _, e := range errs {
		parts = append(parts, e.Message())
	}
	return strings.Join(parts, "; ")
}

// setPreferredStore records st as c's preferred store: in the extended
// field preferred_store when the org enables it (v2 reads it there), else
// as the preference PREFERRED_STORE.
func setPreferredStore(org *simulator.Org, c *simulator.Customer, st *simulator.Store) {
	if _, ok := simulator.ConfiguredName(org.ExtendedFields, preferredStoreExt); ok {
		if c.ExtendedFields == nil {
			c.ExtendedFields = map[string]string{}
		}
		c.ExtendedFields[preferredStoreExt] = st.Code
		return
	}
	c.History.SetPreference(PreferredStoreField, st.Name)
}

// histPreferences returns what customer/preferences reads: c's preferences in
// the order they were first set, then PREFERRED_STORE (the store's name)
// when the extended field holds one.
func histPreferences(org *simulator.Org, c *simulator.Customer) []simulator.Field {
	var out []simulator.Field
	if c.History != nil {
		out = append(out, c.History.Preferences...)
	}
	if code := c.ExtendedFields[preferredStoreExt]; code != "" {
		if _, ok := simulator.ConfiguredName(org.ExtendedFields, preferredStoreExt); ok {
			out = append(out, simulator.Field{Name: PreferredStoreField, Value: histStoreName(org, code)})
		}
	}
	return out
}

// handlePreferencesGet handles "GET /v1.1/customer/preferences": each
// identifier's preferences. Codes: 1000, 1031 when the customer has none,
// 1029 for every item when the org has no preference fields at all.
// user_id=true adds the customer id.
func (s *Server) handlePreferencesGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	org := s.Store.Org()
	var every *simulator.Error
	if len(org.PreferenceFields) == 0 {
		every = simulator.Errorf(simulator.CodePreferencesRetrieveFailed).WithDetail("the org has no preference fields")
	}
	s.readHistory(w, r, shapeCustomers, every, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		item := histHead(c, histUserID(q, IdentMobile, IdentEmail, IdentExternalID)...)
		prefs := histPreferences(org, c)
		if len(prefs) == 0 {
			res := Failed(simulator.Errorf(simulator.CodeNoPreferences))
			return append(item, Field{"item_status", res.ItemStatus()}), res
		}
		res := Succeeded(simulator.CodePreferencesRetrieved, warnings...)
		return append(item, Field{"custom_fields", histFields(prefs)}, Field{"item_status", res.ItemStatus()}), res
	})
}
