package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// TestSameSeesEveryField checks that same tells a list item from a copy
// with any one field changed, however deep (so that a field added to a bill
// later is compared too), and a copy from its original.
func TestSameSeesEveryField(t *testing.T) {
	full := func() simulator.Transaction {
		var b simulator.Transaction
		fill(reflect.ValueOf(&b).Elem(), 1)
		return b
	}
	a := full()
	cp := (&simulator.History{Transactions: []simulator.Transaction{a}}).Clone().Transactions[0]
	if !same(&a, &cp) {
		t.Fatal("a bill and its copy differ")
	}
	n := 0
	walk(reflect.ValueOf(&cp).Elem(), func(reflect.Value) { n++ })
	// Change each leaf of a fresh copy in turn.
	for i := 0; i < n; i++ {
		b := (&simulator.History{Transactions: []simulator.Transaction{a}}).Clone().Transactions[0]
		j := 0
		var path string
		walk(reflect.ValueOf(&b).Elem(), func(v reflect.Value) {
			if j == i {
				fill(v, 2)
				path = v.Type().String()
			}
			j++
		})
		if same(&a, &b) {
			t.Fatalf("leaf %d (%s) changed, same says equal", i, path)
		}
	}
	if n < 40 {
		t.Fatalf("only %d leaves walked", n)
	}
	var r1, r2 simulator.Redemption
	fill(reflect.ValueOf(&r1).Elem(), 1)
	r2 = r1
	if !same(&r1, &r2) {
		t.Fatal("a redemption and its copy differ")
	}
	r2.Points++
	if same(&r1, &r2) {
		t.Fatal("redemptions of different points are the same")
	}
	// Times: one instant in zones of one name and offset is the same
	// (each decoded time has a *Location of its own); another name is not.
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.FixedZone("", 19800))
	var t1, t2, t3 simulator.Transaction
	t1.Date, t2.Date, t3.Date = at, at.In(time.FixedZone("", 19800)), at.In(time.FixedZone("IST", 19800))
	if !same(&t1, &t2) || same(&t1, &t3) {
		t.Fatalf("times: same zone %v, other name %v; want true, false", same(&t1, &t2), same(&t1, &t3))
	}
	var e1, e2 simulator.Transaction
	e2.LineItems = []simulator.LineItem{}
	if same(&e1, &e2) {
		t.Fatal("nil and empty line items are the same")
	}
}

// fill sets every exported leaf of v to a value from k, giving slices one element.
func fill(v reflect.Value, k int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('0'+k)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(k))
	case reflect.Float64:
		v.SetFloat(float64(k) + 0.5)
	case reflect.Bool:
		v.SetBool(k%2 == 1)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Unix(int64(k)*1000, 0).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), k)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), k)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(key, k)
		fill(val, k)
		m.SetMapIndex(key, val)
		v.Set(m)
	}
}

// walk calls fn on every exported leaf of v (times are leaves).
func walk(v reflect.Value, fn func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			fn(v)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), fn)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), fn)
		}
	default:
		fn(v)
	}
}
