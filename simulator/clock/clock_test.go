package clock

import (
	"sync"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"36h", 36 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1h30m", 90 * time.Minute, true},
		{"2d", 48 * time.Hour, true},
		{"2d12h", 60 * time.Hour, true},
		{"0d", 0, true},
		{"-1h", -time.Hour, true}, // refused by the admin API, not here
		{"", 0, false},
		{"2 days", 0, false},
		{"2d-1h", 0, false},
		{"d", 0, false},
		{"999999999d", 0, false},
	}
	for _, tc := range tests {
		got, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"36h", "2d12h", "1d", "-5m", "99999d1h", "1.5h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseDuration(s)
	})
}

// wall is a settable wall clock.
type wall struct{ t time.Time }

func (w *wall) now() time.Time { return w.t }

func TestRegistry(t *testing.T) {
	w := &wall{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	r := New(w.now, 2)
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := r.Set("a", at, true); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("b", at, false); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("c", at, false); err != ErrFull {
		t.Fatalf("third clock of two: %v, want ErrFull", err)
	}

	w.t = w.t.Add(time.Hour)
	if got := r.Now("a"); !got.Equal(at.Add(time.Hour)) {
		t.Errorf("running: %v", got)
	}
	if got := r.Now("b"); !got.Equal(at) {
		t.Errorf("frozen: %v", got)
	}
	if got := r.Now("c"); !got.Equal(w.t) {
		t.Errorf("wall: %v", got)
	}

	// A snapshot of a running clock keeps its lead; of a frozen one its time.
	sa, sb, sc := r.ClockState("a"), r.ClockState("b"), r.ClockState("c")
	if sc != nil {
		t.Errorf("wall clock state %s, want nil", sc)
	}
	r.Drop("")
	w.t = w.t.Add(24 * time.Hour)
	for ns, data := range map[string][]byte{"a": sa, "b": sb, "c": sc} {
		if err := r.RestoreClock(ns, data); err != nil {
			t.Fatalf("restore %s: %v", ns, err)
		}
	}
	if got, want := r.Now("a"), w.t.Add(at.Sub(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))); !got.Equal(want) {
		t.Errorf("restored running clock %v, want %v", got, want)
	}
	if got := r.Now("b"); !got.Equal(at) {
		t.Errorf("restored frozen clock %v", got)
	}
	if st := r.State("c"); st.Mode != Wall {
		t.Errorf("restored wall clock %+v", st)
	}
	if err := r.RestoreClock("a", []byte("{")); err == nil {
		t.Error("restore of garbage: no error")
	}
}

// TestConcurrent reads clocks while they are set and dropped (run with -race).
func TestConcurrent(t *testing.T) {
	r := New(time.Now, 4)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				ns := string(rune('a' + (g+i)%5))
				switch i % 4 {
				case 0:
					_ = r.Set(ns, time.Unix(int64(i), 0), i%8 == 0)
				case 1:
					_ = r.Advance(ns, time.Hour, "")
				case 2:
					r.Drop(ns)
				default:
					_ = r.Now(ns)
					_ = r.State(ns)
				}
			}
		}()
	}
	wg.Wait()
	if r.Len() > 4 {
		t.Fatalf("%d clocks, limit 4", r.Len())
	}
}
