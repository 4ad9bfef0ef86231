package store

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// roundTrip returns what decoding the encoding of v gives.
func roundTrip[T any](t *testing.T, v *T) *T {
	t.Helper()
	b, err := encodeJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	out := new(T)
	if err := decodeJSON(b, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkDecodedCopy fails unless decodedCopy of v is what decoding its
// encoding gives, or declines (only where it may: want false).
func checkDecodedCopy[T any](t *testing.T, name string, v *T, mayDecline bool) {
	t.Helper()
	before, err := encodeJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodedCopy(v)
	if !ok {
		if !mayDecline {
			t.Fatalf("%s: decodedCopy declined", name)
		}
		return
	}
	if want := roundTrip(t, v); !reflect.DeepEqual(got, want) {
		gb, _ := encodeJSON(got)
		t.Fatalf("%s: decodedCopy is not what decoding gives:\n got %+v\nwant %+v\n(encodes as %s)", name, got, want, gb)
	}
	if after, _ := encodeJSON(v); string(after) != string(before) {
		t.Fatalf("%s: decodedCopy changed its source", name)
	}
}

func TestDecodedCopyIsRoundTrip(t *testing.T) {
	t.Parallel()
	cs := codecCustomers(t)
	for i := range cs[:len(cs)-1] {
		c := &cs[i]
		checkDecodedCopy(t, "fixture customer", c, false)
		// A writer's customer: bills lent, the latest marked (fields the
		// encoding leaves out), the record without its lists.
		if c.History != nil {
			c.History.LendBills()
			c.History.MarkLatest()
		}
		checkDecodedCopy(t, "written customer", c, false)
		if c.History != nil {
			h := *c.History
			h.Transactions, h.Redemptions = nil, nil
			rc := *c
			rc.History = &h
			checkDecodedCopy(t, "record", &rc, false)
		}
	}
	// The edge customer's strings are not all UTF-8: the encoding changes
	// them, so decodedCopy declines; with valid ones it copies.
	checkDecodedCopy(t, "edge customer", &cs[len(cs)-1], true)
	if _, ok := decodedCopy(&cs[len(cs)-1]); ok {
		t.Fatal("decodedCopy copied strings that are not UTF-8")
	}
	for _, at := range edgeTimes() {
		c := edgeCustomer("<a & b>\u2028 \x00 \"q\" \\ é 😀", -0.0, 1e21, at)
		checkDecodedCopy(t, "edge customer at "+at.String(), &c, false)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var c simulator.Customer
		randomFill(reflect.ValueOf(&c).Elem(), r, 0)
		checkDecodedCopy(t, "random customer", &c, false)
		// The items kept in keys of their own (putNew, writeList).
		var b simulator.Transaction
		randomFill(reflect.ValueOf(&b).Elem(), r, 0)
		checkDecodedCopy(t, "random bill", &b, false)
		var red simulator.Redemption
		randomFill(reflect.ValueOf(&red).Elem(), r, 0)
		checkDecodedCopy(t, "random redemption", &red, false)
	}
	// decodedAs decodes what decodedCopy declines.
	edge := cs[len(cs)-1].History.Transactions[0]
	if _, ok := decodedCopy(&edge); ok {
		t.Fatal("decodedCopy copied a bill whose number is not UTF-8")
	}
	js, _ := encodeJSON(&edge)
	var got simulator.Transaction
	if err := decodedAs(&got, &edge, js); err != nil || !reflect.DeepEqual(&got, roundTrip(t, &edge)) {
		t.Fatalf("decodedAs of a bill decodedCopy declines: %+v (%v)", got, err)
	}
}

// edgeTimes are times in every kind of zone a record's time may be in.
var edgeTimes = sync.OnceValue(func() []time.Time {
	at := time.Date(2026, 3, 29, 0, 59, 59, 999999999, time.UTC)
	out := []time.Time{{}, at, time.Now(), at.Local(), at.In(time.FixedZone("IST", 19800)),
		at.In(time.FixedZone("", -12600)), at.In(time.FixedZone("", 0)), at.In(time.FixedZone("Z1", 3600))}
	for _, name := range []string{"Europe/London", "Asia/Kolkata", "America/St_Johns"} {
		if loc, err := time.LoadLocation(name); err == nil {
			out = append(out, at.In(loc), at.Add(2*time.Hour).In(loc))
		}
	}
	return out
})

// TestDecodedTimeIsParse checks decodedTime against parsing the RFC 3339
// text of a time, in every local zone: the instant, the zone, whether the
// zone is local or UTC itself.
func TestDecodedTimeIsParse(t *testing.T) {
	t.Parallel()
	locals := []*time.Location{time.UTC, time.Local, time.FixedZone("X", 19800), time.FixedZone("", -12600)}
	for _, name := range []string{"Europe/London", "Asia/Kolkata", "America/St_Johns"} {
		if loc, err := time.LoadLocation(name); err == nil {
			locals = append(locals, loc)
		}
	}
	for _, local := range locals {
		for _, at := range edgeTimes() {
			want, err := time.ParseInLocation(time.RFC3339Nano, at.Format(time.RFC3339Nano), local)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := decodedTime(at, local)
			wn, wo := want.Zone()
			gn, gon := got.Zone()
			if !ok || !got.Equal(want) || wn != gn || wo != gon || (want.Location() == local) != (got.Location() == local) ||
				(want.Location() == time.UTC) != (got.Location() == time.UTC) || got != got.Round(0) {
				t.Errorf("local %s, %s: decodedTime %v (%v), parsing gives %v", local, at, got, ok, want)
			}
		}
	}
	if _, ok := decodedTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 19805)), time.UTC); ok {
		t.Error("decodedTime took an offset with seconds, which RFC 3339 drops")
	}
	// Years the encoding takes and refuses, in the time's own zone.
	plus2 := time.FixedZone("", 7200)
	for _, at := range []time.Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(plus2),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(0, 1, 1, 1, 0, 0, 0, time.UTC).In(plus2),
		time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(0, 1, 1, 1, 0, 0, 0, plus2).UTC()} {
		_, err := at.MarshalJSON()
		if _, ok := decodedTime(at, time.UTC); ok != (err == nil) {
			t.Errorf("%s: decodedTime answers %v, the encoding's error is %v", at, ok, err)
		}
	}
}

// randomFill sets v, and what it holds, to random values: nil, empty and
// full slices and maps, zero and signed-zero numbers, times in any zone.
func randomFill(v reflect.Value, r *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString([]string{"", "a", "é😀", "<&>", "x\"y\\z", "\u2028"}[r.IntN(6)])
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
		v.SetInt([]int64{0, 1, -7, math.MaxInt32}[r.IntN(4)])
	case reflect.Uint, reflect.Uint64, reflect.Uint32, reflect.Uint16, reflect.Uint8:
		v.SetUint(uint64(r.IntN(3)))
	case reflect.Float64, reflect.Float32:
		v.SetFloat([]float64{0, math.Copysign(0, -1), 0.1, -2.5e-7, 1e21, 123456.789}[r.IntN(6)])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Struct:
		if v.Type() == timeType {
			ts := edgeTimes()
			v.Set(reflect.ValueOf(ts[r.IntN(len(ts))]))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				randomFill(v.Field(i), r, depth)
			}
		}
	case reflect.Pointer:
		if r.IntN(3) > 0 && depth < 4 {
			p := reflect.New(v.Type().Elem())
			randomFill(p.Elem(), r, depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		switch n := r.IntN(4); {
		case n == 0: // nil
		case depth >= 4:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				randomFill(s.Index(i), r, depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		if n := r.IntN(4); n > 0 {
			m := reflect.MakeMap(v.Type())
			for range n - 1 {
				key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
				randomFill(key, r, depth+1)
				randomFill(val, r, depth+1)
				m.SetMapIndex(key, val)
			}
			v.Set(m)
		}
	}
}

// BenchmarkDecodedCopy compares decodedCopy with decoding, for a customer
// who has earned on 64 bills (a record of some 11 KB).
func BenchmarkDecodedCopy(b *testing.B) {
	c := edgeCustomer("Tom", 1, 2, time.Now())
	at := time.Now()
	for i := range 63 {
		c.Loyalty[0].Lots = append(c.Loyalty[0].Lots, simulator.PointsLot{BillID: int64(i + 10), Expires: at.AddDate(1, 0, 0), Remaining: 12.5})
	}
	c.History.Transactions = nil
	rec, err := record(&c)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeRecord(string(rec)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("copy", func(b *testing.B) {
		for b.Loop() {
			if _, ok := decodedCopy(&c); !ok {
				b.Fatal("declined")
			}
		}
	})
}

// TestDecodedCopyOmits checks the options that leave a field out, on a
// type of its own: each one's copy is what decoding its encoding gives.
func TestDecodedCopyOmits(t *testing.T) {
	type inner struct {
		A string `json:"a"`
	}
	type omits struct {
		E  []int             `json:"e,omitempty"`
		Z  inner             `json:"z,omitzero"`
		EZ []string          `json:"ez,omitempty,omitzero"`
		T  time.Time         `json:"t,omitzero"`
		N  []int             `json:"n"`
		F  float64           `json:"f,omitempty"`
		P  *inner            `json:"p,omitempty"`
		M  map[string]string `json:"m,omitempty"`
		x  int
	}
	zeroInKolkata := time.Time{}.In(time.FixedZone("IST", 19800))
	for _, v := range []omits{
		{},
		{E: []int{}, EZ: []string{}, N: []int{}, M: map[string]string{}, F: math.Copysign(0, -1), P: &inner{}, x: 1},
		{E: []int{1}, Z: inner{"z"}, EZ: []string{"a"}, T: zeroInKolkata, N: nil, F: 2, M: map[string]string{"k": "v"}},
	} {
		checkDecodedCopy(t, "omits", &v, false)
	}
}
