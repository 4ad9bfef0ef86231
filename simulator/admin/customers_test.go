package admin_test

import (
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

type customerPage struct {
	Namespace string
	Q         string
	Total     int
	Offset    int
	Limit     int
	Customers []struct {
		ID                                     int64
		FirstName, LastName                    string
		Mobile, Email, ExternalID, LoyaltyType string
		Created                                string
	}
}

func (p customerPage) ids() []int64 {
	var out []int64
	for _, c := range p.Customers {
		out = append(out, c.ID)
	}
	return out
}

// TestCustomersList browses and searches the fixtures through
// GET /__admin/customers.
func TestCustomersList(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t)
	list := func(t *testing.T, target string, headers ...string) customerPage {
		t.Helper()
		res := s.Do("GET", target, nil, headers...)
		if res.Status != 200 {
			t.Fatalf("GET %s: %d %s", target, res.Status, res.Body)
		}
		var p customerPage
		res.Decode(t, &p)
		return p
	}

	t.Run("a name finds the fixture with its identifiers", func(t *testing.T) {
		p := list(t, "/__admin/customers?q=SAWY")
		if p.Total < 2 || len(p.Customers) != p.Total {
			t.Fatalf("got %+v, want the Sawyers", p)
		}
		c := p.Customers[0]
		if c.ID != 17742 || c.FirstName != "Tom" || c.LastName != "Sawyer" || c.Mobile != "44700900000" ||
			c.Email != "tom.sawyer@example.com" || c.ExternalID != "ts-17742" || c.Created != "2016-06-23T11:11:18Z" || c.LoyaltyType == "" {
			t.Fatalf("got %+v", c)
		}
		if p.Namespace != "default" || p.Q != "SAWY" || p.Limit != 50 {
			t.Fatalf("page %+v", p)
		}
	})

	t.Run("an identifier finds its customer", func(t *testing.T) {
		if p := list(t, "/__admin/customers?q=ts-17742"); p.Total != 1 || p.Customers[0].ID != 17742 {
			t.Fatalf("got %v", p.ids())
		}
	})

	t.Run("an id finds that customer first", func(t *testing.T) {
		p := list(t, "/__admin/customers?q=17742")
		if len(p.Customers) == 0 || p.Customers[0].ID != 17742 {
			t.Fatalf("got %v", p.ids())
		}
	})

	t.Run("no query pages through every customer", func(t *testing.T) {
		all := list(t, "/__admin/customers?limit=200")
		if all.Total < 50 || len(all.Customers) != min(all.Total, 200) {
			t.Fatalf("total %d, page %d", all.Total, len(all.Customers))
		}
		ids := all.ids()
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("customer %d listed twice", id)
			}
			seen[id] = true
		}
		second := list(t, "/__admin/customers?limit=10&offset=10")
		if second.Total != all.Total || len(second.Customers) != 10 || second.Customers[0].ID != ids[10] {
			t.Fatalf("offset 10: %v, want from %d", second.ids(), ids[10])
		}
		past := list(t, "/__admin/customers?offset=100000")
		if past.Total != all.Total || len(past.Customers) != 0 {
			t.Fatalf("past the end: %+v", past)
		}
	})

	t.Run("a search lists in id order", func(t *testing.T) {
		p := list(t, "/__admin/customers?q=9&limit=200")
		ids := p.ids()
		if len(ids) < 10 {
			t.Fatalf("q=9 found %v", ids)
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Fatalf("not in id order at %d: %v", i, ids)
			}
		}
	})

	t.Run("the namespace comes from the parameter or the header", func(t *testing.T) {
		add := map[string]any{"profiles": []map[string]any{{"firstName": "Zebulon", "lastName": "Quirk",
			"identifiers": []map[string]string{{"type": "mobile", "value": "919800000123"}}}}}
		if res := s.Do("POST", "/v2/customers?source=INSTORE", add, "X-Capsim-Namespace", "team-ui"); res.Status != 200 {
			t.Fatalf("add: %d %s", res.Status, res.Body)
		}
		if p := list(t, "/__admin/customers?q=zebulon&namespace=team-ui"); p.Total != 1 || p.Customers[0].Mobile != "919800000123" || p.Namespace != "team-ui" {
			t.Fatalf("by parameter: %+v", p)
		}
		if p := list(t, "/__admin/customers?q=zebulon", "X-Capsim-Namespace", "team-ui"); p.Total != 1 {
			t.Fatalf("by header: %+v", p)
		}
		if p := list(t, "/__admin/customers?q=zebulon"); p.Total != 0 {
			t.Fatalf("default namespace sees another's customer: %+v", p)
		}
	})

	for _, target := range []string{
		"/__admin/customers?limit=201",
		"/__admin/customers?limit=0",
		"/__admin/customers?offset=-1",
		"/__admin/customers?limit=ten",
		"/__admin/customers?namespace=no%20spaces",
		"/__admin/customers?q=" + strings.Repeat("x", 300),
	} {
		t.Run("refused "+target[min(len(target), 20):min(len(target), 60)], func(t *testing.T) {
			res := s.Do("GET", target, nil)
			if res.Status != 400 || !strings.Contains(string(res.Body), `"errors"`) {
				t.Fatalf("got %d %s, want a 400 that says why", res.Status, res.Body)
			}
		})
	}
}
