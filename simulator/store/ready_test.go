package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
)

// storedRecord returns customer id's record as namespace ns holds it.
func storedRecord(t *testing.T, s *Store, ns string, id int64) string {
	t.Helper()
	var rec string
	if err := s.View(ns, func(tx *Tx) error {
		v, _, ok := tx.getFrom(customerKey("", id))
		if !ok {
			return ErrNotFound
		}
		rec = v
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestWritersTakeTheRecordHandedOn follows customer 1 through writes that
// commit, one that rolls back and a planted entry of another record: a
// writer takes the customer its last writer handed on only when it is its
// record's, and holds what decoding the stored record gives.
func TestWritersTakeTheRecordHandedOn(t *testing.T) {
	s := openListStore(t)
	ns, k := DefaultNamespace, cacheKey{DefaultNamespace, 1}
	note := func(text string) func(h *simulator.History) {
		return func(h *simulator.History) {
			h.Notes = append(h.Notes, simulator.Note{ID: int64(len(h.Notes) + 1), Description: text})
		}
	}
	// write reads customer 1 in a write, checks it against its record
	// decoded, says whether it was the one handed on, and ends as edit and
	// fail say.
	write := func(edit func(h *simulator.History), fail error) (took bool) {
		t.Helper()
		ahead := s.ready.m[k]
		err := editCustomer(s, 1, func(tx *Tx, c *simulator.Customer) error {
			took = ahead.c != nil && c == ahead.c
			v, base, _ := tx.getFrom(customerKey("", 1))
			want, err := tx.decode(v, base)
			if err != nil {
				return err
			}
			var wantNotes []simulator.Note
			if want.History != nil {
				wantNotes = want.History.Notes
			}
			// (A writer's customer has a history to append to.)
			view := *c
			if want.History == nil {
				view.History = nil
			}
			got, _ := record(&view)
			wantRec, _ := record(want)
			if !reflect.DeepEqual(c.Profiles, want.Profiles) || c.Version != want.Version || !reflect.DeepEqual(c.History.Notes, wantNotes) ||
				string(got) != string(wantRec) {
				t.Errorf("the writer's customer is not its record decoded:\n got %+v\nwant %+v", *c, *want)
			}
			// The index entries it starts from are those of its record,
			// handed on or not (none for the base data's).
			if sc, _ := tx.recall(1); !base && !reflect.DeepEqual(sc.entries, tx.s.entries(tx.ns, c, true, tx.termsKept())) {
				t.Errorf("the writer starts from entries %v, its record's are %v", sc.entries, tx.s.entries(tx.ns, c, true, tx.termsKept()))
			}
			edit(c.History)
			return nil
		}, fail)
		if !errors.Is(err, fail) {
			t.Fatalf("Update = %v, want %v", err, fail)
		}
		return took
	}
	refused := errors.New("refused")

	handedOn := func() bool {
		e, ok := s.ready.m[k]
		return ok && e.rec == storedRecord(t, s, ns, 1)
	}
	if write(note("first"), nil) {
		t.Error("the first write of a base customer took a customer handed on")
	}
	if !handedOn() {
		t.Fatal("after a committed rewrite, the cache holds no decoding of the new record")
	}
	if !write(note("second"), nil) {
		t.Error("the second write decoded the record under the lock")
	}
	if write(note("refused"), refused) != true {
		t.Error("a write that then failed did not take the customer handed on")
	}
	if _, ok := s.ready.m[k]; ok {
		t.Error("a rolled-back write handed a customer on")
	}
	if write(note("third"), nil) {
		t.Error("a write after a rollback took a customer handed on")
	}
	if !handedOn() {
		t.Error("a write that decoded the record itself handed nothing on")
	}
	// A customer created by a write is not handed on.
	if err := s.Update(ns, func(tx *Tx) error { c := listCustomer(2); return tx.Put(&c) }); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.ready.m[cacheKey{ns, 2}]; ok {
		t.Error("a customer created by a write was handed on")
	}

	// An entry of a record the customer no longer has is never taken.
	planted := &simulator.Customer{ID: 1, Version: 99}
	s.ready.put(k, readyEntry{rec: strings.Replace(storedRecord(t, s, ns, 1), "third", "THIRD", 1), c: planted})
	if write(note("fourth"), nil) {
		t.Error("a writer took an entry of another record")
	}
	var texts []string
	for _, n := range readCustomer(t, s, ns, 1).History.Notes {
		texts = append(texts, n.Description)
	}
	if got := strings.Join(texts, ","); got != "first,second,third,fourth" {
		t.Errorf("notes = %s, want first,second,third,fourth", got)
	}
}

// TestReadyCacheIsBounded checks readyCache's bounds in entries and bytes.
func TestReadyCacheIsBounded(t *testing.T) {
	var rc readyCache
	c := &simulator.Customer{}
	for i := range maxReady + 10 {
		rc.put(cacheKey{"ns", int64(i)}, readyEntry{rec: "{}", c: c})
		if len(rc.m) > maxReady {
			t.Fatalf("after %d puts the cache holds %d entries, more than %d", i+1, len(rc.m), maxReady)
		}
	}
	big := strings.Repeat("x", maxReadyBytes/3)
	for i := range 10 {
		rc.put(cacheKey{"big", int64(i)}, readyEntry{rec: big, c: c})
		if rc.bytes > maxReadyBytes {
			t.Fatalf("after %d big puts the cache holds %d bytes, more than %d", i+1, rc.bytes, maxReadyBytes)
		}
	}
	rc.put(cacheKey{"huge", 1}, readyEntry{rec: strings.Repeat("x", maxReadyBytes+1), c: c})
	if _, ok := rc.m[cacheKey{"huge", 1}]; ok {
		t.Error("a record past the byte bound was kept")
	}
	if got, ok := rc.take(cacheKey{"big", 9}, big); !ok || got.c != c {
		t.Error("take of the last entry put did not return it")
	}
	if _, ok := rc.take(cacheKey{"big", 9}, big); ok {
		t.Error("an entry was taken twice")
	}
}
