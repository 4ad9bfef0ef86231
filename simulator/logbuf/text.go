package logbuf

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// NewTextHandler returns a slog handler that writes exactly what
// slog.NewTextHandler(w, opts) writes, several times faster for the records
// the access log makes: strings, integers, floats, booleans and integer
// lists, no groups, no source, no ReplaceAttr. Any other record (and any
// handler derived with WithAttrs or WithGroup) goes through slog's own text
// handler, so the output never differs. Each line is one Write.
func NewTextHandler(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
	if opts == nil {
		opts = &slog.HandlerOptions{}
	}
	return &textHandler{w: w, opts: *opts, std: slog.NewTextHandler(w, opts)}
}

type textHandler struct {
	w    io.Writer
	opts slog.HandlerOptions
	std  slog.Handler
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (h *textHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.std.Enabled(ctx, l) }

func (h *textHandler) WithAttrs(as []slog.Attr) slog.Handler { return h.std.WithAttrs(as) }

func (h *textHandler) WithGroup(name string) slog.Handler { return h.std.WithGroup(name) }

func (h *textHandler) Handle(ctx context.Context, r slog.Record) error {
	if h.opts.AddSource || h.opts.ReplaceAttr != nil || !fastAttrs(r) {
		return h.std.Handle(ctx, r)
	}
	return h.write(r.Time, r.Level, r.Message, func(b []byte) []byte {
		r.Attrs(func(a slog.Attr) bool {
			b = appendAttr(b, a)
			return true
		})
		return b
	})
}

// WriteAttrs writes the line Handle would write for a record of t, level,
// msg and attrs, without making the record (the access log's line, on
// every request's path); it reports false, writing nothing, when Handle
// must decide (an attribute of another kind, source or ReplaceAttr asked).
func (h *textHandler) WriteAttrs(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (bool, error) {
	if h.opts.AddSource || h.opts.ReplaceAttr != nil {
		return false, nil
	}
	for _, a := range attrs {
		if !fastAttr(a) {
			return false, nil
		}
	}
	return true, h.write(t, level, msg, func(b []byte) []byte {
		for _, a := range attrs {
			b = appendAttr(b, a)
		}
		return b
	})
}

// AttrsWriter is what the handler NewTextHandler returns does besides
// slog.Handler (see textHandler.WriteAttrs).
type AttrsWriter interface {
	WriteAttrs(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (bool, error)
}

// write writes one line: time, level and message, then what attrs appends.
func (h *textHandler) write(t time.Time, level slog.Level, msg string, attrs func([]byte) []byte) error {
	bp := bufPool.Get().(*[]byte)
	b := (*bp)[:0]
	if !t.IsZero() {
		b = append(b, "time="...)
		b = appendRFC3339Millis(b, t)
		b = append(b, ' ')
	}
	b = append(b, "level="...)
	b = appendText(b, level.String())
	b = append(b, " msg="...)
	b = appendText(b, msg)
	b = attrs(b)
	b = append(b, '\n')
	_, err := h.w.Write(b)
	*bp = b
	bufPool.Put(bp)
	return err
}

// appendAttr writes " key=value" for an attribute fastAttr accepts.
func appendAttr(b []byte, a slog.Attr) []byte {
	b = append(b, ' ')
	b = appendText(b, a.Key)
	b = append(b, '=')
	v := a.Value
	switch v.Kind() {
	case slog.KindString:
		b = appendText(b, v.String())
	case slog.KindInt64:
		b = strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindUint64:
		b = strconv.AppendUint(b, v.Uint64(), 10)
	case slog.KindFloat64:
		b = strconv.AppendFloat(b, v.Float64(), 'g', -1, 64)
	case slog.KindBool:
		b = strconv.AppendBool(b, v.Bool())
	case slog.KindAny:
		b = appendInts(b, v.Any().([]int))
	}
	return b
}

// fastAttrs reports whether every attribute of r is of a kind Handle writes
// itself.
func fastAttrs(r slog.Record) bool {
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		ok = fastAttr(a)
		return ok
	})
	return ok
}

// fastAttr reports whether a is of a kind Handle writes itself.
func fastAttr(a slog.Attr) bool {
	if a.Key == "" {
		return false // slog has rules of its own for these
	}
	switch a.Value.Kind() {
	case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindBool:
		return true
	case slog.KindAny:
		_, ok := a.Value.Any().([]int)
		return ok
	}
	return false
}

// appendInts writes l as slog's text handler writes a []int: fmt's %+v,
// quoted when it holds a space ("[200 1000]").
func appendInts(b []byte, l []int) []byte {
	if len(l) > 1 {
		b = append(b, '"')
	}
	b = append(b, '[')
	for i, n := range l {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	b = append(b, ']')
	if len(l) > 1 {
		b = append(b, '"')
	}
	return b
}

// appendText writes s as slog's text handler does: bare, or quoted when it
// is empty or holds a space, '=', a quote or a character that is not printable.
func appendText(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

func needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\\' && (c == ' ' || c == '=' || c == '"' || c < 0x20) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// appendRFC3339Millis writes t as slog does: RFC 3339 with exactly three
// digits of milliseconds, truncated.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}
