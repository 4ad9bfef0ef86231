package v11_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// TestV11WriteV2Read: a customer added through v1.1 is the customer v2
// looks up and reads, names and identifiers included.
func TestV11WriteV2Read(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			s := simtest.Shared(t)
			body := addBody(`"mobile":"447700900300","email":"huck.new@example.com","external_id":"HN-1","firstname":"Huck","lastname":"New"`)
			if f == "xml" {
				body = jsonToXML(t, body)
			}
			v := decode(t, s, "POST", "/v1.1/customer/add", call(t, s, "POST", "/v1.1/customer/add?format="+f, body))
			id, _ := at(items(v)[0], "user_id").(float64)
			if id == 0 {
				t.Fatalf("no user_id: %v", v)
			}
			for _, q := range []string{"identifierName=mobile&identifierValue=447700900300",
				"identifierName=email&identifierValue=huck.new@example.com",
				"identifierName=externalId&identifierValue=HN-1"} {
				var lookup struct{ Entity int64 }
				res := s.Do("GET", "/v2/customers/lookup?source=INSTORE&"+q, nil)
				res.Decode(t, &lookup)
				if lookup.Entity != int64(id) {
					t.Fatalf("v2 lookup %s: entity %d, want %d\n%s", q, lookup.Entity, int64(id), res.Body)
				}
			}
			var got struct {
				ID          int64
				LoyaltyInfo struct{ LoyaltyType string }
				Profiles    []struct {
					Source, FirstName, LastName string
				}
			}
			res := s.Do("GET", "/v2/customers/"+strconv.Itoa(int(id))+"?source=INSTORE", nil)
			res.Decode(t, &got)
			if got.ID != int64(id) || len(got.Profiles) != 1 || got.Profiles[0].FirstName != "Huck" ||
				got.Profiles[0].LastName != "New" || got.LoyaltyInfo.LoyaltyType != "loyalty" {
				t.Fatalf("v2 read %+v\n%s", got, res.Body)
			}
		})
	}
}

// TestV2WriteV11Read: a customer registered through v2 is found by v1.1 get
// and search; an identity change asked through v1.1 shows in v2's
// retroRequest list.
func TestV2WriteV11Read(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	reg := s.Do("POST", "/v2/customers?source=INSTORE", map[string]any{
		"loyaltyInfo": map[string]any{"loyaltyType": "loyalty"},
		"profiles": []any{map[string]any{"firstName": "Muff", "lastName": "Potter",
			"identifiers": []any{map[string]any{"type": "mobile", "value": "447700900400"},
				map[string]any{"type": "email", "value": "muff.potter@example.com"}}}},
	})
	var created struct{ CreatedID int64 }
	reg.Decode(t, &created)
	if created.CreatedID == 0 {
		t.Fatalf("v2 register: %s", reg.Body)
	}
	for _, q := range []string{"mobile=447700900400", "email=muff.potter@example.com", "id=" + strconv.FormatInt(created.CreatedID, 10)} {
		for _, f := range []string{"json", "xml"} {
			res := call(t, s, "GET", "/v1.1/customer/get?user_id=true&format="+f+"&"+q, "")
			v := decode(t, s, "GET", "/v1.1/customer/get", res)
			item := items(v)[0]
			if at(item, "user_id") != strconv.FormatInt(created.CreatedID, 10) || at(item, "firstname") != "Muff" ||
				at(item, "lastname") != "Potter" || at(item, "type") != "LOYALTY" {
				t.Fatalf("v1.1 get %s (%s): %s", q, f, res.Body)
			}
		}
	}
	res := call(t, s, "GET", "/v1.1/customer/search?format=json&q=lastname:EXACT:Potter", "")
	if !strings.Contains(string(res.Body), `"firstname": "Muff"`) {
		t.Fatalf("v1.1 search does not find the v2 customer:\n%s", res.Body)
	}

	call(t, s, "POST", "/v1.1/customer/update_identity?format=json",
		`{"root":{"customer":[{"identifier":"mobile","old_value":"447700900400","new_value":"447700900401"}]}}`)
	rr := s.Do("GET", "/v2/customers/"+strconv.FormatInt(created.CreatedID, 10)+"/retroRequest", nil)
	if !strings.Contains(string(rr.Body), "PENDING") {
		t.Fatalf("v2 retroRequest does not show the pending identity change:\n%s", rr.Body)
	}
	err := s.Store.View(s.Namespace, func(tx *store.Tx) error {
		c, err := tx.Customer(created.CreatedID)
		if err != nil {
			return err
		}
		chs := c.History.IdentityChanges
		if len(chs) != 1 || chs[0].NewValue != "447700900401" || chs[0].Status != "PENDING" {
			t.Fatalf("identity changes %+v", chs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAddUpdatesExisting: add with a known identifier updates that customer
// (filling an empty identifier), and a failed item in a batch writes nothing
// while the others are kept.
func TestAddUpdatesExisting(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	before := countCustomers(t, s)
	body := `{"root":{"customer":[
		{"mobile":"919222222222","email":"becky.instore@example.com","firstname":"Rebecca"},
		{"mobile":"44700900999","email":"tom.sawyer@example.com","firstname":"Not Rita"},
		{"mobile":"447700900501","firstname":"Fresh"}]}}`
	v := decode(t, s, "POST", "/v1.1/customer/add", call(t, s, "POST", "/v1.1/customer/add?format=json", body))
	if code, _ := status(v); code != 201 {
		t.Fatalf("status %d, want 201", code)
	}
	got := []string{}
	for _, it := range items(v) {
		c, _ := itemCode(it)
		got = append(got, c)
	}
	if strings.Join(got, ",") != "1000,1016,1000" {
		t.Fatalf("item codes %v", got)
	}
	if after := countCustomers(t, s); after != before+1 {
		t.Fatalf("%d customers, want %d (one registered, one updated, one failed)", after, before+1)
	}
	g := decode(t, s, "GET", "/v1.1/customer/get", call(t, s, "GET", "/v1.1/customer/get?format=json&id=418", ""))
	item := items(g)[0]
	if at(item, "email") != "becky.instore@example.com" || at(item, "firstname") != "Rebecca" {
		t.Fatalf("Becky after add: %v", item)
	}
	m := decode(t, s, "GET", "/v1.1/customer/get", call(t, s, "GET", "/v1.1/customer/get?format=json&mobile=44700900999", ""))
	if at(items(m)[0], "firstname") != "Rita" {
		t.Fatalf("the failed item was written: %v", items(m)[0])
	}
}
