package v11_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
	v11 "github.com/capsim/capsim/simulator/v11"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	tests := []struct {
		name, q string
		want    []string // the fixtures' user ids found (generated customers are left out)
		count   int      // the count when it is checked (-1: not)
	}{
		{"docs sample", "mobile:EQUALS:44700900000", []string{"17742"}, 1},
		{"parenthesised", "(slab:EQUALS:PLATINUM)", []string{"500002"}, -1},
		{"starts and exact", "firstname:STARTS:to&lastname:EXACT:Sawyer", []string{"17742", "343015431"}, 2},
		{"unencoded and", "firstname:STARTS:Tom&lastname:EXACT:Sawyer", []string{"17742", "343015431"}, 2},
		{"or", "(mobile:EQUALS:44700900000|mobile:EQUALS:44700900999)", []string{"17742", "387020208"}, 2},
		{"ends", "email:ENDS:@example.com&lastname:EXACT:Harper", []string{"3879773"}, 1},
		{"in", "external_id:IN:ts-17742;rj-001", []string{"17742", "387020208"}, 2},
		{"range", "loyalty_points:RANGE:350;360", []string{"3879773"}, 1},
		{"greater", "lifetime_purchases:GREATER:40000&lastname:EXACT:Sawyer", []string{"500002"}, 1},
		{"less", "loyalty_points:LESS:1&email:ENDS:ann.lee@example.com", []string{"500001"}, 1},
		{"registered on", "registered_date:ON:2016-09-11", []string{"387020208"}, 1},
		{"registered range", "registered_date:RANGE:2016-01-01;2016-12-31&lastname:IN:John;Harper;Sawyer", []string{"500002", "3879773", "17742", "387020208"}, 4},
		{"custom field", "Favorite Color:EQUALS:green", []string{"17742"}, -1},
		{"custom field, the docs' two-part form", "Favorite Color:green", []string{"17742"}, -1},
		{"custom field, two-part, and a condition", "Favorite Color:Green&firstname:EXACT:Tom", []string{"17742"}, -1},
		{"registered store", "registered_store:EQUALS:storecode&lastname:EXACT:Sawyer", []string{"368881003"}, 1},
		{"registered store id", "registered_store:EQUALS:12762390&lastname:EXACT:Sawyer", []string{"368881003"}, 1},
		{"registered till", "registered_store:IN:rr.till;nowhere&firstname:EXACT:Tom", []string{"17742", "261506099"}, -1},
		{"no match is success", "firstname:EXACT:Nobody", []string{}, 0},
		{"org", "org_id:EQUALS:50672&lastname:EXACT:Thatcher", []string{"418"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := "/v1.1/customer/search?format=json&q=" + strings.ReplaceAll(tc.q, " ", "%20")
			if tc.name != "unencoded and" {
				target = "/v1.1/customer/search?format=json&q=" + escapeQuery(tc.q)
			}
			v := decode(t, s, "GET", "/v1.1/customer/search", call(t, s, "GET", target, ""))
			if code, msg := status(v); code != 200 {
				t.Fatalf("status %d %s", code, msg)
			}
			if got := at(v, "response", "customer", "count"); tc.count >= 0 && got != itoa(tc.count) {
				t.Fatalf("count %v, want %d", got, tc.count)
			}
			l, _ := at(v, "response", "customer", "results", "item").([]any)
			var ids []string
			for _, it := range l {
				if id := at(it, "user_id").(string); len(id) < 7 || id[0] != '1' || tc.count >= 0 {
					ids = append(ids, id) // generated customers' ids are 1000000 and up
				}
			}
			if tc.want != nil && strings.Join(ids, ",") != strings.Join(sortIDs(tc.want), ",") {
				t.Fatalf("ids %v, want %v", ids, sortIDs(tc.want))
			}
		})
	}
}

func TestSearchPaging(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	all := decode(t, s, "GET", "/v1.1/customer/search", call(t, s, "GET", "/v1.1/customer/search?format=json&q=slab:IN:Silver;Gold&rows=100", ""))
	total := at(all, "response", "customer", "count").(string)
	allItems := at(all, "response", "customer", "results", "item").([]any)
	var paged []any
	for start := 0; start < len(allItems); start += 7 {
		v := decode(t, s, "GET", "/v1.1/customer/search", call(t, s, "GET", "/v1.1/customer/search?format=json&q=slab:IN:Silver;Gold&rows=7&start="+itoa(start), ""))
		if at(v, "response", "customer", "count") != total || at(v, "response", "customer", "rows") != "7" {
			t.Fatalf("page at %d: %v", start, at(v, "response", "customer"))
		}
		page := at(v, "response", "customer", "results", "item").([]any)
		paged = append(paged, page...)
	}
	if len(paged) != len(allItems) || itoa(len(allItems)) != total {
		t.Fatalf("paged %d, all %d, count %s", len(paged), len(allItems), total)
	}
}

// FuzzSearchQuery checks that no query makes the parser or the matcher panic.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range []string{
		"(slab:EQUALS:CLASSIC)", "firstname:STARTS:T&lastname:EXACT:Sawyer", "a:b", "((((", ")(", "|&",
		"loyalty_points:RANGE:1;2", "registered_date:ON:2012-12-25", "Favorite Color:IN:a;b;;c", "mobile:EQUALS:+4470",
		"x:y:z:w", "registered_date:RANGE:2020-01-01;2010-01-01", "lifetime_points:GREATER:1e309", "",
		"Favorite Color:Green", "city:a:b", "Favorite Color:",
	} {
		f.Add(seed)
	}
	subject := &v11.Subject{
		Strings: map[string]string{"firstname": "Tom", "lastname": "Sawyer", "mobile": "44700900000", "slab": "Gold", "favorite color": "Green"},
		Numbers: map[string]float64{"loyalty_points": 135, "lifetime_points": 420, "org_id": 50672},
		Dates:   map[string]time.Time{"registered_date": time.Date(2016, 6, 23, 19, 11, 18, 0, time.UTC)},
	}
	st := subjectIndex(f, indexSubjects)
	f.Fuzz(func(t *testing.T, q string) {
		query, err := v11.ParseQuery(q, []string{"Favorite Color", "city"})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		query.Match(subject)
		query.Match(&v11.Subject{})
		sameAnswers(t, st, indexSubjects, query, q)
	})
}

// subjectIndex is a store whose customers are subjects: their ids index
// the subjects, and the store indexes their terms.
func subjectIndex(t testing.TB, subjects []*v11.Subject) *store.Store {
	t.Helper()
	cs := make([]simulator.Customer, len(subjects))
	for i := range cs {
		cs[i].ID = int64(i + 1)
	}
	st, err := store.Open(store.Options{Customers: cs,
		Terms: func(c *simulator.Customer) []store.Term { return subjects[c.ID-1].Terms() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// sameAnswers checks that the index answers q as Match does.
func sameAnswers(t *testing.T, st *store.Store, subjects []*v11.Subject, query *v11.Query, q string) {
	t.Helper()
	var want []int64
	for i, s := range subjects {
		if query.Match(s) {
			want = append(want, int64(i+1))
		}
	}
	var got []int64
	err := st.View(store.DefaultNamespace, func(tx *store.Tx) error {
		var err error
		got, err = query.IDs(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) && len(got)+len(want) > 0 {
		t.Fatalf("%q: index %v, match %v", q, got, want)
	}
}

var indexSubjects = []*v11.Subject{
	{Strings: map[string]string{"firstname": "Tom", "lastname": "Sawyer", "mobile": "44700900000", "slab": "Gold", "favorite color": "Green"},
		Numbers: map[string]float64{"loyalty_points": 135, "lifetime_points": 420, "org_id": 50672},
		Dates:   map[string]time.Time{"registered_date": time.Date(2016, 6, 23, 19, 11, 18, 0, time.UTC)},
		Aliases: map[string][]string{"registered_store": {"till.one", "12"}}},
	{Strings: map[string]string{"firstname": "tomas", "lastname": "O'Hara", "mobile": "919800000001", "slab": "Silver"},
		Numbers: map[string]float64{"loyalty_points": -3.5, "lifetime_points": 0, "org_id": 50672},
		Dates:   map[string]time.Time{"registered_date": time.Date(2016, 6, 23, 23, 0, 0, 0, time.FixedZone("IST", 19800))}},
	{Strings: map[string]string{"firstname": "Ann", "lastname": "Sawyer", "email": "ann@example.com", "slab": "gold"},
		Numbers: map[string]float64{"loyalty_points": 1e6, "lifetime_points": 2e6, "org_id": 1}},
	{},
}

// TestSearchIndexAgreesWithMatch checks every operator against Match.
func TestSearchIndexAgreesWithMatch(t *testing.T) {
	t.Parallel()
	st := subjectIndex(t, indexSubjects)
	for _, q := range []string{
		"firstname:STARTS:tom", "firstname:STARTS:TOM&lastname:EXACT:Sawyer", "lastname:ENDS:YER", "lastname:EXACT:sawyer",
		"slab:EQUALS:GOLD", "slab:IN:silver;gold", "mobile:EQUALS:+44 700 900000", "loyalty_points:LESS:0",
		"loyalty_points:GREATER:135", "loyalty_points:RANGE:-3.5;135", "loyalty_points:EQUALS:NaN", "loyalty_points:RANGE:NaN;0",
		"lifetime_points:EXACT:0", "lifetime_points:IN:0;420", "org_id:EQUALS:50672|firstname:EXACT:Ann",
		"registered_date:ON:2016-06-23", "registered_date:LESS:2016-06-24", "registered_date:GREATER:2016-06-23",
		"registered_date:RANGE:2016-01-01;2016-06-23", "registered_store:EQUALS:12", "registered_store:STARTS:till",
		"favorite color:EQUALS:green", "(firstname:STARTS:t|lastname:EXACT:Sawyer)&slab:EQUALS:gold",
	} {
		t.Run(q, func(t *testing.T) {
			query, err := v11.ParseQuery(q, []string{"Favorite Color"})
			if err != nil {
				t.Fatal(err)
			}
			sameAnswers(t, st, indexSubjects, query, q)
		})
	}
}
