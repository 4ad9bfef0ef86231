package logbuf_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/logbuf"
)

// slowWriter blocks every write until release is closed.
type slowWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	release chan struct{}
}

func (s *slowWriter) Write(p []byte) (int, error) {
	<-s.release
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *slowWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestWriterKeepsOrderAndFlushes(t *testing.T) {
	out := &slowWriter{release: make(chan struct{})}
	close(out.release)
	w := logbuf.New(out, time.Hour, 0) // only Flush and size write
	var want strings.Builder
	for i := range 1000 {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != want.String() {
		t.Fatalf("flushed %d bytes out of order or short, want %d", len(got), want.Len())
	}
	if _, err := w.Write([]byte("last\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "line 999\nlast\n") {
		t.Fatal("Close did not write the pending line")
	}
	if _, err := w.Write([]byte("after\n")); err != nil || !strings.HasSuffix(out.String(), "after\n") {
		t.Fatalf("a write after Close is lost: %v", err)
	}
}

// TestWriterNeverBlocks: with the output stuck, writes return at once and
// those past the limit are counted as dropped; the rest come out in order
// once the output moves.
func TestWriterNeverBlocks(t *testing.T) {
	out := &slowWriter{release: make(chan struct{})}
	w := logbuf.New(out, time.Millisecond, 1000)
	line := []byte(strings.Repeat("x", 99) + "\n")
	done := make(chan struct{})
	go func() {
		for range 50 {
			_, _ = w.Write(line)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Write blocked on a stuck output")
	}
	if d := w.Dropped(); d < 30 {
		t.Fatalf("dropped %d of 50 writes of 100 bytes with a 1000-byte limit and a stuck output", d)
	}
	close(out.release)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if n := strings.Count(got, "\n"); n+int(w.Dropped()) != 50 {
		t.Fatalf("%d lines written + %d dropped != 50", n, w.Dropped())
	}
}

func TestWriterConcurrent(t *testing.T) {
	out := &slowWriter{release: make(chan struct{})}
	close(out.release)
	w := logbuf.New(out, time.Millisecond, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				_, _ = fmt.Fprintf(w, "g%d %d\n", g, i)
			}
		}()
	}
	wg.Wait()
	_ = w.Close()
	if n := strings.Count(out.String(), "\n"); n != 1600 {
		t.Fatalf("%d lines, want 1600", n)
	}
}

func BenchmarkWriter(b *testing.B) {
	var sink bytes.Buffer
	w := logbuf.New(&sink, 0, 0)
	line := []byte(`time=2026-12-06T10:00:00Z level=INFO msg=request method=GET path=/v2/customers/17742 status=200` + "\n")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = w.Write(line)
	}
	_ = w.Close()
}
