package v11_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// TestSearchTermsWrittenOnFirstSearch: a namespace writes its customers'
// search terms only once it is searched. Two namespaces get the same
// writes (new customers in both versions, a rename, a base customer
// changed, a bill, a redemption, a merge); one is searched before them,
// so its writes keep the terms as they go, the other only after, so its
// first search writes them all. Every query then answers the same in both,
// and as the writes say; more writes after that search keep the terms
// of both in step.
func TestSearchTermsWrittenOnFirstSearch(t *testing.T) {
	t.Parallel()
	early, late := simtest.Shared(t), simtest.Shared(t)
	do := func(s *simtest.Server, method, target, body string) {
		t.Helper()
		res := s.Do(method, target, body, "Content-Type", "application/json")
		if res.Status != 200 || strings.Contains(string(res.Body), `"success": "false"`) || strings.Contains(string(res.Body), `"success":false`) {
			t.Fatalf("%s %s: %d %s", method, target, res.Status, res.Body)
		}
	}
	search := func(s *simtest.Server, q string) string { return searchBody(t, s, q) }
	const add = "/v1.1/customer/add?format=json"
	first := `{"root":{"customer":[{"mobile":"447005550101","firstname":"Lazy","lastname":"Index","email":"lazy@example.com","external_id":"lz-101"}]}}`
	writes := []struct{ method, target, body string }{
		{"POST", add, `{"root":{"customer":[{"mobile":"447005550102","firstname":"Lazier","lastname":"Index","email":"lazier@example.com"}]}}`},
		{"POST", "/v2/customers?source=INSTORE", `{"profiles":[{"firstName":"Vtwo","lastName":"Index","identifiers":[{"type":"mobile","value":"447005550103"},{"type":"email","value":"vtwo@example.com"}]}]}`},
		{"POST", "/v1.1/customer/update?format=json", `{"root":{"customer":[{"mobile":"447005550101","lastname":"Renamed"}]}}`},
		{"POST", "/v1.1/customer/update?format=json", `{"root":{"customer":[{"mobile":"44700900000","firstname":"Thomas"}]}}`},
		{"POST", "/v1.1/transaction/add?format=json", `{"root":{"transaction":[{"type":"regular","number":"LZ-1","amount":"4321","customer":{"mobile":"447005550102"}}]}}`},
		{"POST", "/v1.1/transaction/add?format=json", `{"root":{"transaction":[{"type":"regular","number":"LZ-2","amount":"2500","customer":{"mobile":"44700900000"}}]}}`},
	}
	queries := []string{
		"lastname:EXACT:Index", "lastname:EXACT:Renamed", "firstname:STARTS:Lazi", "email:ENDS:@example.com&lastname:IN:Index;Renamed",
		"firstname:EXACT:Thomas", "firstname:EXACT:Tom&lastname:EXACT:Sawyer", "mobile:EQUALS:44700900000", "external_id:IN:lz-101;ts-17742",
		"last_trans_value:RANGE:4000;5000", "last_trans_value:GREATER:2000&lastname:IN:Sawyer;Index", "lifetime_purchases:GREATER:0&lastname:EXACT:Index",
		"loyalty_points:LESS:1&lastname:EXACT:Index", "org_id:EQUALS:50672&lastname:IN:Index;Renamed",
	}

	do(early, "POST", add, first)
	search(early, "lastname:EXACT:Index") // from here on its writes keep the terms
	do(late, "POST", add, first)
	for _, w := range writes {
		do(early, w.method, w.target, w.body)
		do(late, w.method, w.target, w.body)
	}
	if n := termKeys(t, late); n != 0 {
		t.Fatalf("the namespace never searched holds %d term keys of its own", n)
	}
	want := map[string][]string{ // what some of the queries must find, and not find
		"lastname:EXACT:Index":   {`"firstname": "Lazier"`, `"firstname": "Vtwo"`},
		"lastname:EXACT:Renamed": {`"mobile": "447005550101"`},
		"firstname:EXACT:Thomas": {`"mobile": "44700900000"`},
	}
	for _, q := range queries {
		a, b := search(early, q), search(late, q)
		if a != b {
			t.Errorf("%s: searched before the writes\n%s\nafter them\n%s", q, a, b)
		}
		for _, w := range want[q] {
			if !strings.Contains(b, w) {
				t.Errorf("%s does not find %s: %s", q, w, b)
			}
		}
	}
	if got := search(late, "lastname:EXACT:Index"); strings.Contains(got, "447005550101") {
		t.Errorf("the renamed customer is still found by its old name: %s", got)
	}
	if got := search(late, "firstname:EXACT:Tom&lastname:EXACT:Sawyer"); strings.Contains(got, `"44700900000"`) {
		t.Errorf("the base customer is still found by its old name: %s", got)
	}
	if termKeys(t, late) == 0 {
		t.Fatal("the search wrote no term keys")
	}
	// Writes after the first search keep both in step.
	for _, s := range []*simtest.Server{early, late} {
		do(s, "POST", "/v1.1/customer/update?format=json", `{"root":{"customer":[{"mobile":"447005550102","firstname":"Laziest"}]}}`)
	}
	for _, q := range []string{"firstname:STARTS:Lazi", "firstname:EXACT:Laziest"} {
		if a, b := search(early, q), search(late, q); a != b || !strings.Contains(b, "Laziest") {
			t.Errorf("%s after one more write: %s\n%s", q, a, b)
		}
	}
}

// termKeys counts the search term keys namespace s's own customers hold.
func termKeys(t *testing.T, s *simtest.Server) int {
	t.Helper()
	n := 0
	err := s.Store.View(s.Namespace, func(tx *store.Tx) error {
		n = tx.OwnKeys(":v:")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSearchTermsWrittenInBatches: a namespace's first search writes the
// terms of its customers a batch per transaction, and writes that come
// between two batches (to a customer a batch did, to one none did yet, a
// new customer) are found as they are once all batches are done, as in a
// namespace that kept the terms all along.
func TestSearchTermsWrittenInBatches(t *testing.T) {
	t.Parallel()
	early, late := simtest.Shared(t), simtest.Shared(t)
	add := func(s *simtest.Server, from, n int) {
		t.Helper()
		var b strings.Builder
		b.WriteString(`{"root":{"customer":[`)
		for i := from; i < from+n; i++ {
			if i > from {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"mobile":"4470066%05d","firstname":"Batch%d","lastname":"Many"}`, i, i)
		}
		b.WriteString(`]}}`)
		if res := s.Do("POST", "/v1.1/customer/add?format=json", b.String(), "Content-Type", "application/json"); res.Status != 200 {
			t.Fatalf("add: %d %s", res.Status, res.Body)
		}
	}
	rename := func(s *simtest.Server, i int, name string) {
		t.Helper()
		body := fmt.Sprintf(`{"root":{"customer":[{"mobile":"4470066%05d","lastname":"%s"}]}}`, i, name)
		if res := s.Do("POST", "/v1.1/customer/update?format=json", body, "Content-Type", "application/json"); res.Status != 200 {
			t.Fatalf("update: %d %s", res.Status, res.Body)
		}
	}
	search := func(s *simtest.Server, q string) string { return searchBody(t, s, q) }
	step := func(s *simtest.Server) bool {
		t.Helper()
		done := false
		if err := s.Store.Update(s.Namespace, func(tx *store.Tx) (err error) { done, err = tx.EnableTerms(); return err }); err != nil {
			t.Fatal(err)
		}
		return done
	}
	add(early, 0, 1)
	search(early, "lastname:EXACT:Many")
	for from := 0; from < 300; from += 100 { // past one batch (256)
		add(early, from+1, 100)
		add(late, from, 100)
	}
	add(late, 300, 1)
	if step(late) {
		t.Fatal("one batch did 301 customers")
	}
	for _, s := range []*simtest.Server{early, late} {
		rename(s, 3, "Done")    // its batch has run
		rename(s, 290, "Later") // its batch has not
		add(s, 700, 1)
	}
	batches := 1
	for done := false; !done; batches++ {
		done = step(late)
	}
	if batches < 2 {
		t.Fatalf("%d batch for 302 customers", batches)
	}
	for _, q := range []string{"lastname:EXACT:Done", "lastname:EXACT:Later", "firstname:EXACT:Batch700", "firstname:STARTS:Batch29&lastname:EXACT:Many", "lastname:EXACT:Many&firstname:IN:Batch3;Batch290;Batch299"} {
		a, b := search(early, q), search(late, q)
		if a != b || strings.Contains(b, `"count": "0"`) {
			t.Errorf("%s: kept all along\n%s\nwritten in batches\n%s", q, a, b)
		}
	}
}

// searchBody answers customer/search q (up to 100 customers) in s's namespace.
func searchBody(t *testing.T, s *simtest.Server, q string) string {
	t.Helper()
	res := s.Do("GET", "/v1.1/customer/search?format=json&rows=100&q="+url.QueryEscape(q), nil)
	if res.Status != 200 {
		t.Fatalf("search %s: %d %s", q, res.Status, res.Body)
	}
	return string(res.Body)
}
