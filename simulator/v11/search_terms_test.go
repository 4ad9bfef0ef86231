package v11

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
)

// TestSearchTermsAreTheSubjectsTerms holds searchTerms to what it stands
// for: the terms of the customer's Subject, built with its maps as the
// index was first built (searchSubject, below). Of the fixture's
// customers, generated ones with their histories, one whose custom fields
// take built-in attributes' places, and one with nothing but a profile, the
// two give the same terms. (Of fields whose names differ only by case, each
// keeps one value, either one: a map's order decides.)
func TestSearchTermsAreTheSubjectsTerms(t *testing.T) {
	ds, err := fixture.Default()
	if err != nil {
		t.Fatal(err)
	}
	org := &ds.Org
	cs := append([]simulator.Customer(nil), ds.Customers...)
	for _, c := range fixture.Generate(3, 300, org, 90_000_000, nil) {
		c.History = fixture.GenerateHistory(3, &c, org)
		cs = append(cs, c)
	}
	odd := ds.Customers[0]
	odd.Profiles = slices.Clone(odd.Profiles)
	p := Profile(&odd)
	p.Fields = map[string]string{"Mobile": "12345", "SLAB": "", "Registered_Store": "x.y", "Colour": "Red", "hobby": "chess"}
	cs = append(cs, odd)
	bare := simulator.Customer{ID: 5, Profiles: []simulator.Profile{{Source: simulator.SourceInstore}}}
	cs = append(cs, bare)
	norm := func(ts []store.Term) []store.Term {
		ts = slices.Clone(ts)
		slices.SortFunc(ts, func(a, b store.Term) int {
			return strings.Compare(a.Attr+"\x00"+a.Key+"\x00"+a.Value, b.Attr+"\x00"+b.Key+"\x00"+b.Value)
		})
		return slices.Compact(ts)
	}
	for _, c := range cs {
		if Profile(&c) == nil {
			continue
		}
		got, want := norm(searchTerms(org, &c)), norm(searchSubject(org, &c).Terms())
		if !slices.Equal(got, want) {
			t.Errorf("customer %d:\n got %v\nwant %v", c.ID, got, want)
		}
	}
}

// searchSubject returns c's searchable attribute values, as the index
// was first built from them: what searchTerms must give the terms of.
func searchSubject(org *simulator.Org, c *simulator.Customer) *Subject {
	p := Profile(c)
	st := standingOf(org, c, time.Time{})
	last := lastTransValue(c) // one pass over the bills, for both names
	sub := &Subject{
		Strings: map[string]string{
			"firstname":   p.FirstName,
			"lastname":    p.LastName,
			"mobile":      identValue(p, IdentMobile),
			"email":       identValue(p, IdentEmail),
			"external_id": identValue(p, IdentExternalID),
			"slab":        slabName(st),
		},
		Numbers: map[string]float64{
			"org_id":             float64(org.ID),
			"loyalty_points":     st.Points(),
			"lifetime_points":    st.LifetimePoints(),
			"lifetime_purchases": c.LifetimePurchases,
			"last_trans_value":   last,
			"transaction_value":  last,
		},
		Dates: map[string]time.Time{"registered_date": registeredOn(c, p)},
	}
	// registered_store takes a store id in the docs; the store's code and
	// the registering till name it too.
	till := registeredBy(c, p)
	sub.Strings["registered_store"] = till
	if t := org.Till(till); t != nil {
		sub.Strings["registered_store"] = t.StoreCode
	}
	sub.Aliases = map[string][]string{"registered_store": {till}}
	if st := org.TillStore(till); st != nil {
		sub.Aliases["registered_store"] = append(sub.Aliases["registered_store"], Int(st.ID))
	}
	for k, v := range p.Fields {
		sub.Strings[strings.ToLower(k)] = v
	}
	return sub
}
