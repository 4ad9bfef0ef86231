package store

import (
	"errors"
	"slices"
	"testing"

	"github.com/capsim/capsim/simulator"
)

// TestRedemptionsFollowAModel writes a customer's redemptions the ways
// writers do (append; slide, as a list kept to a bound drops its oldest;
// drop one from the middle, by a copy; a write that fails), many times
// over, so that the room past the lent list's end is used, runs out and is
// made again; after each write the customer reads back as a plain model
// of the list, from the cache and, every tenth write, from the keys alone.
func TestRedemptionsFollowAModel(t *testing.T) {
	s := openListStore(t)
	var model []int64
	next := int64(1)
	add := func(h *simulator.History) {
		h.Redemptions = append(h.Redemptions, redemptions(next)...)
	}
	edits := []struct {
		name string
		edit func(h *simulator.History)
		then func()
		fail bool
	}{
		{"append", add, func() { model = append(model, next) }, false},
		{"slide", func(h *simulator.History) { h.Redemptions = h.Redemptions[1:]; add(h) },
			func() { model = append(model[1:], next) }, false},
		{"slide by two", func(h *simulator.History) { h.Redemptions = h.Redemptions[2:]; add(h); next++; add(h) },
			func() { model = append(model[2:], next-1, next) }, false},
		{"drop from the middle", func(h *simulator.History) {
			r, i := h.Redemptions, len(h.Redemptions)/2
			h.Redemptions = append(r[:i:i], r[i+1:]...)
			add(h)
		}, func() { i := len(model) / 2; model = append(slices.Delete(model, i, i+1), next) }, false},
		{"a failed slide", func(h *simulator.History) { h.Redemptions = h.Redemptions[1:]; add(h) }, func() {}, true},
	}
	for step := range 300 {
		e := edits[0]
		if len(model) >= 4 {
			e = edits[(step*7+step/5)%len(edits)]
		}
		var fail error
		if e.fail {
			fail = errors.New("refused")
		}
		err := editHistory(s, 1, e.edit, fail)
		if e.fail != (err != nil) {
			t.Fatalf("step %d (%s): %v", step, e.name, err)
		}
		e.then()
		next++
		if step%10 == 9 {
			s.lists.clear()
		}
		c := readCustomer(t, s, DefaultNamespace, 1)
		var got []int64
		for _, r := range c.History.Redemptions {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, model) {
			t.Fatalf("step %d (%s): redemptions %v, want %v", step, e.name, got, model)
		}
		if want := redemptions(model...); !slices.Equal(c.History.Redemptions, want) {
			t.Fatalf("step %d (%s): redemptions %+v, want %+v", step, e.name, c.History.Redemptions, want)
		}
	}
}

// TestLentRedemptionChangedInPlaceFails checks that, in tests, a write
// fails when code changed a lent redemption in place: its readers share it,
// and the change would not be written.
func TestLentRedemptionChangedInPlaceFails(t *testing.T) {
	s := openListStore(t)
	write := func(edit func(h *simulator.History)) error { return editHistory(s, 1, edit, nil) }
	if err := write(func(h *simulator.History) { h.Redemptions = redemptions(1, 2) }); err != nil {
		t.Fatal(err)
	}
	err := write(func(h *simulator.History) {
		h.Redemptions[1].Points = 7
		h.Redemptions = append(h.Redemptions, redemptions(3)...)
	})
	if err == nil {
		t.Fatal("a lent redemption changed in place was not noticed")
	}
}
