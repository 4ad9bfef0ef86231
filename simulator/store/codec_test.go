package store

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/fixture"
)

// codecCustomers returns customers to hold the codec to: the default
// fixture's, generated ones with their histories, and one whose values are
// the edges of JSON encoding (escapes, invalid UTF-8, floats, zones).
func codecCustomers(t testing.TB) []simulator.Customer {
	ds, err := fixture.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := append([]simulator.Customer(nil), ds.Customers...)
	for _, c := range fixture.Generate(7, 150, &ds.Org, 90_000_000, nil) {
		c.History = fixture.GenerateHistory(7, &c, &ds.Org)
		out = append(out, c)
	}
	return append(out, edgeCustomer("<a & b>\u2028\u2029 \x00\x1f \"q\" \\ \xff\xfe é 😀", -0.0, 1e21, time.Date(2026, 12, 7, 1, 2, 3, 456789, time.FixedZone("IST", 19800))))
}

// edgeCustomer is a customer that carries s, x, y and at in fields of
// every kind the record has.
func edgeCustomer(s string, x, y float64, at time.Time) simulator.Customer {
	return simulator.Customer{
		ID:                 1,
		Profiles:           []simulator.Profile{{Source: simulator.Source("INSTORE"), FirstName: s, Identifiers: []simulator.Identifier{{Type: "mobile", Value: s}}, Fields: map[string]string{s: s, "b": "1"}}},
		ExtendedFields:     map[string]string{"z": s, "a": s + s},
		LifetimePurchases:  x,
		Loyalty:            []simulator.ProgramLoyalty{{ProgramID: 1, LoyaltyPoints: y, Lots: []simulator.PointsLot{{BillID: 2, Expires: at.AddDate(1, 0, 0), Remaining: x}}}},
		Fraud:              simulator.FraudDetails{},
		History:            &simulator.History{Notes: []simulator.Note{{ID: 3, Description: s, Date: at}}, Transactions: []simulator.Transaction{{ID: 4, Number: s, Date: at, Amount: y, Discount: x, AddedOn: at.UTC()}}},
		Version:            math.MaxInt64,
		LoyaltyAttribution: simulator.Attribution{},
	}
}

// checkCodec fails unless encodeJSON writes what json.Marshal writes of v,
// and decodeJSON reads of those bytes what json.Unmarshal reads.
func checkCodec[T any](t testing.TB, v *T) {
	t.Helper()
	want, werr := json.Marshal(v)
	got, gerr := encodeJSON(v)
	if (werr != nil) != (gerr != nil) || string(got) != string(want) {
		t.Fatalf("encodeJSON:\n got %s (%v)\nwant %s (%v)", got, gerr, want, werr)
	}
	if werr != nil {
		return
	}
	var a, b T
	if err := json.Unmarshal(want, &a); err != nil {
		t.Fatal(err)
	}
	if err := decodeJSON(want, &b); err != nil {
		t.Fatalf("decodeJSON(%s): %v", want, err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("decodeJSON(%s):\n got %+v\nwant %+v", want, b, a)
	}
}

func TestCodecIsEncodingJSON(t *testing.T) {
	for _, c := range codecCustomers(t) {
		checkCodec(t, &c)
		rec, err := record(&c)
		if err != nil {
			t.Fatal(err)
		}
		var back simulator.Customer
		if err := decodeJSON(rec, &back); err != nil {
			t.Fatal(err)
		}
		checkCodec(t, &back)
		if c.History != nil {
			for i := range c.History.Transactions {
				checkCodec(t, &c.History.Transactions[i])
			}
			for i := range c.History.Redemptions {
				checkCodec(t, &c.History.Redemptions[i])
			}
		}
	}
}

// FuzzCodec holds the codec to encoding/json on any text (what a --db file
// may hold) and on any string, number and time in a record.
func FuzzCodec(f *testing.F) {
	// Small seeds: the fuzzer minimizes what it finds, which takes long
	// of a record of kilobytes.
	ds, err := fixture.Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range ds.Customers {
		if b, _ := json.Marshal(&c); len(b) < 1500 {
			f.Add(b, "x", 1.5, int64(0), int64(0), 0)
		}
	}
	f.Add([]byte(`{"id":1,"profiles":null,"version":"2"}`), "\xff<", -0.0, int64(-62135596800), int64(999999999), -43200)
	f.Add([]byte(`{"ID":1,"Profiles":[{"firstname":"a"}],"history":{"transactions":[{"date":"2026-01-02T03:04:05.5+05:30"}]}}`), "\u2028", 1e300, int64(253402300799), int64(1), 50400)
	f.Fuzz(func(t *testing.T, data []byte, s string, x float64, sec, nsec int64, off int) {
		var a, b simulator.Customer
		aerr := json.Unmarshal(data, &a)
		berr := decodeJSON(data, &b)
		if (aerr == nil) != (berr == nil) {
			t.Fatalf("decoding %q: encoding/json says %v, decodeJSON %v", data, aerr, berr)
		}
		if aerr == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("decoding %q:\n got %+v\nwant %+v", data, b, a)
		}
		if aerr == nil {
			checkCodec(t, &a)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || off < -86400 || off > 86400 {
			return // not a value a record holds: both refuse it
		}
		c := edgeCustomer(s, x, -x, time.Unix(sec, nsec%1e9).In(time.FixedZone("", off)))
		checkCodec(t, &c)
	})
}

// record returns c's record as stored: c without its lists (what Put
// writes).
func record(c *simulator.Customer) ([]byte, error) { return encodeJSON(recordView(c)) }
