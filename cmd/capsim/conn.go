package main

import (
	"io"
	"net/http"
	"time"
)

// newHTTPServer serves h with the connection timeouts of cfg.
//
// Headers must arrive within --read-header-timeout and an idle keep-alive
// connection is closed after --idle-timeout, as net/http does it. The body
// and the response are bounded differently: net/http's ReadTimeout and
// WriteTimeout count from the start of the request, so a scenario that holds
// a request back for longer than them (delay: 45s, to test a client's own
// timeout) would have its answer cut off. Instead --read-timeout and
// --write-timeout bound a stall: a body that sends nothing, or a response
// the client does not read, for that long ends the connection, while a slow
// answer that keeps making progress is delivered whole.
func newHTTPServer(h http.Handler, cfg *config) *http.Server {
	return &http.Server{
		Handler:           stallTimeouts(h, cfg.ReadTimeout, cfg.BodyTimeout, cfg.WriteTimeout),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		// What net/http writes itself before the handler runs (an error for
		// a malformed request) is bounded too; stallTimeouts takes over for
		// the handler.
		WriteTimeout: cfg.WriteTimeout,
		IdleTimeout:  cfg.IdleTimeout,
	}
}

// stallTimeouts wraps h: each read of the request body must return within
// read, the whole body must have come within body of the handler's start (a
// body dribbled just faster than read is not held open for ever), and each
// write of the response must return within write.
func stallTimeouts(h http.Handler, read, body, write time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// net/http set the write deadline (its WriteTimeout, the same
		// duration) just before calling the handler: a write within a
		// millisecond of that need not set it again.
		start := time.Now()
		st := &stall{rc: http.NewResponseController(w), read: read, write: write, bodyBy: start.Add(body), wroteAt: start}
		st.w.ResponseWriter, st.w.st = w, st
		// While the handler (or a scenario's delay) works, the server's
		// write deadline from the request's arrival may pass: nothing is
		// written until a write sets its own, the first read of the body
		// (net/http may answer "100 Continue") or the end of the handler.
		if body := r.Body; body != nil && body != http.NoBody {
			st.body.ReadCloser, st.body.st = body, st
			r.Body = &st.body
			// net/http looks at its own body after the handler to decide
			// whether the connection can be reused.
			defer func() { r.Body = body }()
		}
		h.ServeHTTP(&st.w, r)
		if st.bodyState == bodyFailed && !st.w.wrote {
			// The body stalled and nothing answered it (a scenario's delay
			// ended with the request): close rather than let net/http send
			// an empty 200.
			if conn, _, err := st.rc.Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		if st.body.ReadCloser != nil && st.bodyState == bodyReading {
			// net/http discards what the handler left unread: not forever.
			_ = st.rc.SetReadDeadline(time.Now().Add(min(read, max(time.Until(st.bodyBy), 0))))
		}
		// net/http flushes what is buffered after the handler returns: the
		// last write's deadline bounds that too if it was set just now (one
		// deadline fewer per request: each is a timer update).
		if now := time.Now(); now.Sub(st.wroteAt) > time.Millisecond {
			_ = st.rc.SetWriteDeadline(now.Add(write))
		}
	})
}

const (
	bodyReading = iota
	bodyDone    // read to the end: no deadline, so net/http's background read waits as usual
	bodyFailed  // the deadline passed (or the client went away): the connection is closed
)

// stall is the per-request state of stallTimeouts, allocated once.
type stall struct {
	rc          *http.ResponseController
	read, write time.Duration
	bodyBy      time.Time // the whole body's deadline
	wroteAt     time.Time // when the write deadline was last set (by net/http, a read or a write)
	w           stallWriter
	body        stallBody
	bodyState   int
	readAny     bool // the body was read from: its first read set a write deadline
}

// stallWriter sets the write deadline before each write.
type stallWriter struct {
	http.ResponseWriter
	st    *stall
	wrote bool // the handler wrote a status or bytes
}

func (w *stallWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *stallWriter) Write(p []byte) (int, error) {
	w.wrote = true
	st := w.st
	// Each deadline set is a timer update: one set less than a millisecond
	// ago bounds this write too (at most that much earlier).
	if now := time.Now(); now.Sub(st.wroteAt) > time.Millisecond {
		st.wroteAt = now
		_ = st.rc.SetWriteDeadline(now.Add(st.write))
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController (flush, hijack) reach the connection.
func (w *stallWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// stallBody sets the read deadline before each read of the request body.
type stallBody struct {
	io.ReadCloser
	st *stall
}

func (b *stallBody) Read(p []byte) (int, error) {
	st := b.st
	if st.bodyState != bodyReading {
		return b.ReadCloser.Read(p)
	}
	now := time.Now()
	deadline := now.Add(st.read)
	if st.bodyBy.Before(deadline) {
		deadline = st.bodyBy
	}
	_ = st.rc.SetReadDeadline(deadline)
	if !st.readAny {
		st.readAny = true
		st.wroteAt = now
		_ = st.rc.SetWriteDeadline(now.Add(st.write))
	}
	n, err := b.ReadCloser.Read(p)
	switch {
	case err == io.EOF:
		st.bodyState = bodyDone
		_ = st.rc.SetReadDeadline(time.Time{})
	case err != nil:
		// The rest of the body will not come: whatever the handler
		// answers, the connection closes after it.
		st.bodyState = bodyFailed
		st.w.ResponseWriter.Header().Set("Connection", "close")
	}
	return n, err
}
