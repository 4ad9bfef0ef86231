package scenario

import (
	"context"
	"math"
	"net"
	"net/http"
	"time"
)

// sample draws a delay from d with the rule's random source.
func (st *ruleState) sample(d *Delay) time.Duration {
	var v time.Duration
	switch d.Kind {
	case DelayFixed:
		v = d.Fixed
	case DelayUniform:
		v = d.Min
		if span := int64(d.Max - d.Min); span > 0 {
			st.rngMu.Lock()
			v += time.Duration(st.rng.Int63n(span + 1))
			st.rngMu.Unlock()
		}
	case DelayLognormal:
		st.rngMu.Lock()
		z := st.rng.NormFloat64()
		st.rngMu.Unlock()
		f := float64(d.Median) * math.Exp(d.Sigma*z)
		if f > float64(10*time.Minute) {
			f = float64(10 * time.Minute)
		}
		v = time.Duration(f)
	}
	if d.Cap > 0 && v > d.Cap {
		v = d.Cap
	}
	return v
}

// Sleep waits for d, or until ctx ends; it reports whether d passed.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// garbage is what FaultGarbage writes: not an HTTP status line, so the client
// fails to parse the response.
var garbage = []byte("\x00\xff\xfecapsim: this is not HTTP \x1b[0m\x00\x01\x02\x03\r\n\r\n\x7f\x80\x81")

// DoFault breaks the connection under w: a TCP reset, a close without a
// byte, or garbage then close. Where the connection cannot be taken over
// (HTTP/2, or an in-process recorder) it aborts the handler with
// http.ErrAbortHandler, which net/http turns into a broken stream.
func DoFault(w http.ResponseWriter, f Fault) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	switch f {
	case FaultReset:
		if tc, ok := conn.(*net.TCPConn); ok {
			// Linger 0 makes Close send RST instead of FIN: the client sees
			// "connection reset by peer".
			_ = tc.SetLinger(0)
		}
	case FaultGarbage:
		_, _ = buf.Write(garbage)
		_ = buf.Flush()
	}
}

// WriteSlowly writes body (the status and headers are written already) in
// sb.Chunks pieces spread over sb.Duration, flushing each, and stops if the
// client goes away.
func WriteSlowly(ctx context.Context, w http.ResponseWriter, body []byte, sb *SlowBody) {
	rc := http.NewResponseController(w)
	chunks := sb.Chunks
	if chunks > len(body) {
		chunks = len(body)
	}
	if chunks <= 1 {
		Sleep(ctx, sb.Duration)
		_, _ = w.Write(body)
		return
	}
	pause := sb.Duration / time.Duration(chunks)
	size := (len(body) + chunks - 1) / chunks
	for off := 0; off < len(body); off += size {
		end := off + size
		if end > len(body) {
			end = len(body)
		}
		if _, err := w.Write(body[off:end]); err != nil {
			return
		}
		_ = rc.Flush()
		if end < len(body) && !Sleep(ctx, pause) {
			return
		}
	}
}
