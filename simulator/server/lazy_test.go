package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// TestGeneratedOnFirstRead checks that generated customers, held without
// their histories and completed when read, are the customers Generate
// makes, and that search finds them by what their histories hold.
func TestGeneratedOnFirstRead(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t)
	ds, err := fixture.Load(fixtures.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := fixture.Generate(simtest.Seed, 50, &ds.Org, 1000000, ds.Taken())
	for _, w := range []simulator.Customer{want[0], want[17], want[49]} {
		t.Run(fmt.Sprint(w.ID), func(t *testing.T) {
			var got *simulator.Customer
			err := s.Store.View(store.DefaultNamespace, func(tx *store.Tx) error {
				var err error
				got, err = tx.Customer(w.ID)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			w.Version = 1
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(&w)
			if string(a) != string(b) {
				t.Fatalf("stored customer differs from the generated one:\n%s\n%s", a, b)
			}
			if w.History == nil || len(w.History.Transactions) == 0 {
				return
			}
			last := w.History.Transactions[0]
			for _, tr := range w.History.Transactions {
				if simulator.Wall(tr.Date).After(simulator.Wall(last.Date)) || (simulator.Wall(tr.Date).Equal(simulator.Wall(last.Date)) && tr.ID > last.ID) {
					last = tr
				}
			}
			q := fmt.Sprintf("last_trans_value:EQUALS:%v&mobile:EQUALS:%s", last.Amount, w.Profiles[0].Identifiers[0].Value)
			res := s.Do("GET", "/v1.1/customer/search?format=json&q="+strings.ReplaceAll(q, "&", "%26"), nil)
			var body struct {
				Response struct {
					Customer struct {
						Count   string
						Results struct {
							Item []struct {
								UserID string `json:"user_id"`
							}
						}
					}
				}
			}
			res.Decode(t, &body)
			c := body.Response.Customer
			if c.Count != "1" || len(c.Results.Item) != 1 || c.Results.Item[0].UserID != fmt.Sprint(w.ID) {
				t.Fatalf("search %s: %.600s", q, res.Body)
			}
		})
	}
}

// TestRegisteredIsNotGenerated checks that a customer registered after
// start (its id above the generated ones) gets no generated history: its
// last transaction value is 0.
func TestRegisteredIsNotGenerated(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t)
	res := s.Do("POST", "/v2/customers?source=INSTORE", map[string]any{"profiles": []any{map[string]any{
		"firstName": "New", "lastName": "Comer", "identifiers": []any{map[string]any{"type": "mobile", "value": "447700900555"}}}}})
	if res.Status != 200 {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	for q, want := range map[string]string{
		"last_trans_value:EQUALS:0%26mobile:EQUALS:447700900555":  `"count": "1"`,
		"last_trans_value:GREATER:0%26mobile:EQUALS:447700900555": `"count": "0"`,
	} {
		if res := s.Do("GET", "/v1.1/customer/search?format=json&q="+q, nil); !strings.Contains(string(res.Body), want) {
			t.Fatalf("%s: want %s in %.300s", q, want, res.Body)
		}
	}
}
