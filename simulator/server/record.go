package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/logbuf"
	"github.com/capsim/capsim/simulator/scenario"
)

// capture keeps, for the journal, a bounded prefix of the request body as
// it is read (a tee; an API request's body, which the server reads once
// into RequestInfo.Body, is taken from there) and of the response body as
// it is written.
type capture struct {
	limit int
	reqCT []string // the Content-Type the client sent (v1.1 may rewrite it)
	body  io.ReadCloser
	req   *[]byte
	reqN  int64
	resp  *[]byte
	respN int64
}

// capturePool recycles capture buffers; the journal copies what it keeps.
var capturePool = sync.Pool{New: func() any { return new([]byte) }}

func (c *capture) Read(p []byte) (int, error) {
	n, err := c.body.Read(p)
	c.reqN += int64(n)
	c.req = keep(c.req, p[:n], c.limit)
	return n, err
}

func (c *capture) Close() error { return c.body.Close() }

// response keeps what fits of p, a part of the response body.
func (c *capture) response(p []byte) {
	c.respN += int64(len(p))
	c.resp = keep(c.resp, p, c.limit)
}

// keep appends to buf what fits of p under limit.
func keep(buf *[]byte, p []byte, limit int) *[]byte {
	if len(p) == 0 {
		return buf
	}
	if buf == nil {
		buf = capturePool.Get().(*[]byte)
		*buf = (*buf)[:0]
	}
	if room := limit - len(*buf); room > 0 {
		*buf = append(*buf, p[:min(len(p), room)]...)
	}
	return buf
}

func (c *capture) release() {
	for _, b := range []*[]byte{c.req, c.resp} {
		if b != nil && cap(*b) <= 1<<20 {
			capturePool.Put(b)
		}
	}
	c.req, c.resp = nil, nil
}

func bytesOf(b *[]byte) []byte {
	if b == nil {
		return nil
	}
	return *b
}

// journaled reports whether a request to path goes to the journal: the
// admin API and the documents do not.
func journaled(path string) bool {
	return !strings.HasPrefix(path, "/__admin/") && !strings.HasPrefix(path, "/openapi/")
}

// startCapture taps r's body and st's writer when the journal keeps the request.
func (s *Server) startCapture(r *http.Request, st *requestState) {
	if s.cfg.Journal.Cap() == 0 || !journaled(r.URL.Path) {
		return
	}
	c := &st.capture
	c.limit, c.reqCT = s.cfg.Journal.EntryBytes(), r.Header["Content-Type"]
	if r.Body != nil && r.Body != http.NoBody {
		c.body = r.Body
		r.Body = c
	}
	st.sw.capture = c
}

// record journals the request and logs its line: every API request and
// every request to an unknown path, whatever became of it (401, 404,
// injected faults, panics). The admin API and the documents are logged
// (at debug unless they failed) but not journaled.
func (s *Server) record(r *http.Request, x *exchange, dur time.Duration) {
	info := simulator.Info(r.Context())
	codes := info.Codes() // the log's and the journal's
	s.logRequest(r.Context(), x, info, codes, dur)
	c := x.w.capture
	if c == nil {
		return
	}
	defer c.release()
	e := admin.Entry{
		ID: info.ID, Time: info.Start, Method: x.method, Path: x.path, Query: x.query,
		OperationID: info.OperationID, Namespace: info.Namespace,
		Scenario: info.Scenario, Rule: info.Rule,
		Status: x.w.status, Fault: string(x.faulted), Codes: codes, Valid: info.Valid,
		DurationMs: float64(dur.Microseconds()) / 1000,
	}
	if x.commit == scenario.AfterCommit {
		e.Commit = string(x.commit)
	}
	if x.call != nil {
		e.Customer = x.call.Identifiers
	}
	// The journal shows the Content-Type the client sent, not the one a
	// v1.1 body was given to be validated as what it is.
	if c.reqCT == nil {
		delete(r.Header, "Content-Type")
	} else {
		r.Header["Content-Type"] = c.reqCT
	}
	// A body not read to its end (refused before the handler, or over
	// --max-body) is as long as the client declared.
	reqBody := bytesOf(c.req)
	if info.Body != nil { // read once by the server
		reqBody = info.Body[:min(len(info.Body), c.limit)]
	}
	s.cfg.Journal.Record(e,
		admin.Raw{Header: r.Header, Body: reqBody, Size: max(c.reqN, r.ContentLength)},
		admin.Raw{Header: x.w.Header(), Body: bytesOf(c.resp), Size: c.respN})
}

// attrPool recycles the access log's attributes: a line's slice would
// otherwise be made on every request (it escapes through the handler).
var attrPool = sync.Pool{New: func() any { a := make([]slog.Attr, 0, 11); return &a }}

// maxLogPath is how much of a path a log line shows.
const maxLogPath = 256

// logRequest writes the request's line: info for answers below 400, warn
// for 4xx, 5xx and broken connections, debug for the admin API and the
// documents when they succeed.
func (s *Server) logRequest(ctx context.Context, x *exchange, info *simulator.RequestInfo, codes []int, dur time.Duration) {
	if !s.cfg.LogRequests {
		return
	}
	status := x.w.status
	level := slog.LevelInfo
	switch {
	case status >= 400 || status == 0:
		level = slog.LevelWarn
	case !journaled(x.path):
		level = slog.LevelDebug
	}
	if !s.cfg.Log.Enabled(ctx, level) {
		return
	}
	path, method := x.path, x.method
	if len(path) > maxLogPath {
		path = path[:maxLogPath] + "..."
	}
	if len(method) > 16 {
		method = method[:16] + "..."
	}
	if codes == nil {
		codes = []int{}
	}
	ap := attrPool.Get().(*[]slog.Attr)
	defer func() {
		clear(*ap) // the pool keeps no request's strings
		attrPool.Put(ap)
	}()
	attrs := append((*ap)[:0],
		slog.String("method", method), slog.String("path", path), slog.String("operation", info.OperationID),
		slog.Int("status", status), slog.Any("codes", codes),
		slog.Float64("duration_ms", float64(dur.Microseconds())/1000),
		slog.String("request_id", info.ID), slog.String("namespace", info.Namespace),
		slog.String("scenario", info.Scenario),
	)
	if info.Rule != "" {
		attrs = append(attrs, slog.String("rule", info.Rule))
	}
	if x.faulted != "" {
		attrs = append(attrs, slog.String("fault", string(x.faulted)))
	}
	*ap = attrs
	// capsim's text handler writes the line without a record; otherwise
	// what Logger.LogAttrs does, without the caller's pc (no handler of
	// capsim's adds the source): runtime.Callers is a tenth of a line's cost.
	now := x.start.Add(dur) // the time now, without asking the clock again
	if w, ok := s.cfg.Log.Handler().(logbuf.AttrsWriter); ok {
		if done, _ := w.WriteAttrs(now, level, "request", attrs); done {
			return
		}
	}
	rec := slog.NewRecord(now, level, "request", 0)
	rec.AddAttrs(attrs...)
	_ = s.cfg.Log.Handler().Handle(ctx, rec)
}
