package logbuf_test

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/logbuf"
)

// records are log records of every kind the fast handler writes itself and
// a few it hands to slog's.
var records = []struct {
	msg   string
	level slog.Level
	attrs []slog.Attr
}{
	{"request", slog.LevelInfo, []slog.Attr{slog.String("method", "GET"), slog.String("path", "/v2/customers/17742"),
		slog.String("operation", "getCustomer"), slog.Int("status", 200), slog.Any("codes", []int{200, 1000}),
		slog.Float64("duration_ms", 0.123), slog.String("request_id", "1b7c"), slog.String("namespace", "default"), slog.String("scenario", "")}},
	{"request", slog.LevelWarn, []slog.Attr{slog.Any("codes", []int{}), slog.Any("one", []int{-5}), slog.Int("status", 0)}},
	{"capsim ready", slog.LevelInfo, []slog.Attr{slog.String("addr", "127.0.0.1:8080"), slog.Bool("validate_responses", true), slog.Uint64("u", 7)}},
	{"odd strings", slog.LevelDebug, []slog.Attr{slog.String("sp", "a b"), slog.String("eq", "a=b"), slog.String("q", `say "hi"`),
		slog.String("bs", `a\b`), slog.String("ctl", "a\tb\x7f"), slog.String("uni", "café"), slog.String("nbsp", "a\u00a0b"),
		slog.String("bad", "\xff"), slog.String("a key", "v"), slog.String("", "dropped")}},
	{"floats", slog.LevelError, []slog.Attr{slog.Float64("big", 1e21), slog.Float64("nan", math.NaN()), slog.Float64("neg", -0.5)}},
	{"with spaces in msg", slog.Level(2), []slog.Attr{slog.Duration("d", time.Second), slog.Time("t", time.Unix(0, 0).UTC())}},
	{"group", slog.LevelInfo, []slog.Attr{slog.Group("g", slog.Int("a", 1))}},
	{"any", slog.LevelInfo, []slog.Attr{slog.Any("m", map[string]int{"a": 1}), slog.Any("err", context.Canceled)}},
}

// TestTextHandlerMatchesSlog: the fast handler writes byte for byte what
// slog's text handler writes, for records it formats itself and for those it
// hands over, at several times.
func TestTextHandlerMatchesSlog(t *testing.T) {
	for _, at := range []time.Time{time.Date(2026, 12, 6, 19, 59, 2, 930_999_999, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("IST", 19800)), {}} {
		for _, rec := range records {
			var want, got bytes.Buffer
			std := slog.NewTextHandler(&want, &slog.HandlerOptions{Level: slog.LevelDebug})
			fast := logbuf.NewTextHandler(&got, &slog.HandlerOptions{Level: slog.LevelDebug})
			r := slog.NewRecord(at, rec.level, rec.msg, 0)
			r.AddAttrs(rec.attrs...)
			if err := std.Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if err := fast.Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s at %v:\n got %q\nwant %q", rec.msg, at, got.String(), want.String())
			}
			// WriteAttrs writes the same line, or leaves the record to Handle.
			got.Reset()
			ok, err := fast.(logbuf.AttrsWriter).WriteAttrs(at, rec.level, rec.msg, rec.attrs)
			if err != nil {
				t.Fatal(err)
			}
			if ok && got.String() != want.String() {
				t.Errorf("WriteAttrs %s at %v:\n got %q\nwant %q", rec.msg, at, got.String(), want.String())
			}
			if !ok && got.Len() > 0 {
				t.Errorf("WriteAttrs %s refused the record but wrote %q", rec.msg, got.String())
			}
		}
	}
	h := logbuf.NewTextHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelWarn})
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelWarn) {
		t.Fatal("Enabled does not follow the level")
	}
}

func FuzzTextHandler(f *testing.F) {
	f.Add("request", "k", "v", int64(3), 0.5)
	f.Add("0", "0", "\x7f", int64(3), -83.5) // DEL needs no quotes
	f.Fuzz(func(t *testing.T, msg, key, val string, n int64, x float64) {
		var want, got bytes.Buffer
		r := slog.NewRecord(time.Unix(n, 0), slog.LevelInfo, msg, 0)
		r.AddAttrs(slog.String(key, val), slog.Int64("n", n), slog.Float64("x", x), slog.Any("codes", []int{int(n), 1}))
		_ = slog.NewTextHandler(&want, nil).Handle(context.Background(), r)
		fast := logbuf.NewTextHandler(&got, nil)
		_ = fast.Handle(context.Background(), r)
		if got.String() != want.String() {
			t.Fatalf("got %q, want %q", got.String(), want.String())
		}
		got.Reset()
		attrs := []slog.Attr{slog.String(key, val), slog.Int64("n", n), slog.Float64("x", x), slog.Any("codes", []int{int(n), 1})}
		if ok, _ := fast.(logbuf.AttrsWriter).WriteAttrs(time.Unix(n, 0), slog.LevelInfo, msg, attrs); ok && got.String() != want.String() {
			t.Fatalf("WriteAttrs: got %q, want %q", got.String(), want.String())
		}
	})
}

func BenchmarkTextHandler(b *testing.B) {
	for _, c := range []struct {
		name string
		h    slog.Handler
	}{{"slog", slog.NewTextHandler(&bytes.Buffer{}, nil)}, {"fast", logbuf.NewTextHandler(discard{}, nil)}} {
		b.Run(c.name, func(b *testing.B) {
			l := slog.New(c.h)
			b.ReportAllocs()
			for b.Loop() {
				l.LogAttrs(context.Background(), slog.LevelInfo, "request", records[0].attrs...)
			}
		})
	}
}

// BenchmarkWriteAttrs prices the access log's line without a record.
func BenchmarkWriteAttrs(b *testing.B) {
	h := logbuf.NewTextHandler(discard{}, nil).(logbuf.AttrsWriter)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = h.WriteAttrs(time.Now(), slog.LevelInfo, "request", records[0].attrs)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
