// Package logbuf is the access log's writer: it takes each log line into
// memory at once and writes the lines out, in order, from one goroutine, so
// a request never waits on a slow terminal or pipe.
package logbuf

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for New.
const (
	// DefaultInterval is how often pending lines are written out.
	DefaultInterval = 100 * time.Millisecond
	// DefaultLimit is how many bytes may wait for the output: past it,
	// lines are dropped (and counted) until the output catches up.
	DefaultLimit = 4 << 20
	// flushAt is how much pending output makes the writer write at once
	// rather than at the next tick.
	flushAt = 64 << 10
)

// Writer is an io.Writer whose Write copies p into a buffer and returns at
// once; a goroutine writes the buffer to the output every interval, as soon
// as 64 KiB are pending, on Flush and on Close. Lines keep their order. When
// the output falls behind by more than the limit, Write drops whole writes
// (a slog handler writes one line per call) and counts them: a log that
// cannot keep up loses lines, never requests' time. Safe for concurrent use.
type Writer struct {
	out      io.Writer
	limit    int
	interval time.Duration

	mu      sync.Mutex
	pending []byte
	spare   []byte
	closed  bool
	// asked counts Flush requests; done the ones the writer has served.
	asked, done uint64
	served      *sync.Cond

	kick    chan struct{}
	stopped chan struct{}
	dropped atomic.Uint64
	err     atomic.Pointer[error]
}

// New returns a Writer on out that writes every interval (DefaultInterval
// when zero) and holds at most limit pending bytes (DefaultLimit when zero).
func New(out io.Writer, interval time.Duration, limit int) *Writer {
	if interval <= 0 {
		interval = DefaultInterval
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	w := &Writer{out: out, limit: limit, interval: interval, kick: make(chan struct{}, 1), stopped: make(chan struct{})}
	w.served = sync.NewCond(&w.mu)
	go w.run()
	return w
}

// Write queues p and returns len(p), nil: it never waits on the output.
// After Close it writes p through, so late lines are not lost.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return w.out.Write(p)
	}
	if len(w.pending)+len(p) > w.limit {
		w.mu.Unlock()
		w.dropped.Add(1)
		return len(p), nil
	}
	w.pending = append(w.pending, p...)
	full := len(w.pending) >= flushAt
	w.mu.Unlock()
	if full {
		w.poke()
	}
	return len(p), nil
}

func (w *Writer) poke() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Dropped returns how many writes were dropped because the output was behind.
func (w *Writer) Dropped() uint64 { return w.dropped.Load() }

// Flush waits until everything written before it has reached the output,
// and returns the output's last error, if any.
func (w *Writer) Flush() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return w.lastErr()
	}
	w.asked++
	ticket := w.asked
	w.mu.Unlock()
	w.poke()
	w.mu.Lock()
	for w.done < ticket && !w.closed {
		w.served.Wait()
	}
	w.mu.Unlock()
	return w.lastErr()
}

// Close writes what is pending and stops the writer; later writes go to
// the output directly.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return w.lastErr()
	}
	w.closed = true
	w.mu.Unlock()
	w.poke()
	<-w.stopped
	return w.lastErr()
}

func (w *Writer) lastErr() error {
	if p := w.err.Load(); p != nil {
		return *p
	}
	return nil
}

// run writes the pending bytes out, one batch at a time, until Close.
func (w *Writer) run() {
	defer close(w.stopped)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-w.kick:
		}
		w.mu.Lock()
		batch := w.pending
		w.pending, w.spare = w.spare[:0], nil
		ticket, closed := w.asked, w.closed
		w.mu.Unlock()
		if len(batch) > 0 {
			if _, err := w.out.Write(batch); err != nil {
				w.err.Store(&err)
			}
		}
		w.mu.Lock()
		if cap(batch) <= 4*flushAt {
			w.spare = batch[:0] // reuse a buffer of ordinary size
		}
		if ticket > w.done {
			w.done = ticket
		}
		w.served.Broadcast()
		again, busy := len(w.pending) > 0, len(w.pending) >= flushAt
		w.mu.Unlock()
		if closed {
			if again { // written between the swap and Close's flag
				w.mu.Lock()
				rest := w.pending
				w.pending = nil
				w.mu.Unlock()
				if _, err := w.out.Write(rest); err != nil {
					w.err.Store(&err)
				}
			}
			return
		}
		if busy {
			w.poke()
		}
	}
}
