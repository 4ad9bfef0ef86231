package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

var benchJournal = 1000

const benchPath = "/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp"

func benchServer(b *testing.B, validate bool) *server.App {
	b.Helper()
	app, err := server.Build(server.Options{Seed: 1, Customers: 300, AuthMode: auth.ModeAny, JournalSize: benchJournal,
		ValidateResponses: validate, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { app.Close() })
	return app
}

// BenchmarkGetCustomer measures the whole request path of GET /v2/customers/{id}
// in-process, with and without response validation, against a bare handler
// writing the same bytes. Compare the ns/op figures as ratios.
func BenchmarkGetCustomer(b *testing.B) {
	for _, tc := range []struct {
		name     string
		validate bool
	}{{"validation=on", true}, {"response-validation=off", false}} {
		b.Run(tc.name, func(b *testing.B) {
			app := benchServer(b, tc.validate)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", benchPath, nil)
					req.Header.Set("Authorization", simtest.BasicAuth)
					rec := httptest.NewRecorder()
					app.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatalf("status %d: %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
	b.Run("bare", func(b *testing.B) {
		app := benchServer(b, false)
		req := httptest.NewRequest("GET", benchPath, nil)
		req.Header.Set("Authorization", simtest.BasicAuth)
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		body := rec.Body.Bytes()
		bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			_, _ = w.Write(body)
		})
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req := httptest.NewRequest("GET", benchPath, nil)
				req.Header.Set("Authorization", simtest.BasicAuth)
				bare.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	})
}

// BenchmarkStartup measures building the simulator with the default fixtures
// and 300 generated customers (the target is under 100 ms).
func BenchmarkStartup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		app, err := server.Build(server.Options{Seed: 1, Customers: 300, ValidateResponses: true,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		app.Close()
	}
}

// BenchmarkReset measures POST /__admin/reset of the default namespace.
func BenchmarkReset(b *testing.B) {
	app := benchServer(b, true)
	for i := 0; i < b.N; i++ {
		if err := app.Store.Reset(""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetCustomerNoJournal is BenchmarkGetCustomer without the journal,
// to price it.
func BenchmarkGetCustomerNoJournal(b *testing.B) {
	benchJournal = -1
	defer func() { benchJournal = 1000 }()
	BenchmarkGetCustomer(b)
}

// BenchmarkRequestPathRatio serves GET /v2/customers/{id} in-process from
// capsim with validation on, with response validation off, and from a bare
// handler writing the same bytes, interleaved in chunks so the machine's
// noise falls on all three, and reports throughput ratios to the bare handler
// (in-process, without the network: a harsher comparison than bench/load.sh).
func BenchmarkRequestPathRatio(b *testing.B) {
	on, off := benchServer(b, true), benchServer(b, false)
	req := func() *http.Request {
		r := httptest.NewRequest("GET", benchPath, nil)
		r.Header.Set("Authorization", simtest.BasicAuth)
		return r
	}
	rec := httptest.NewRecorder()
	on.ServeHTTP(rec, req())
	body := rec.Body.Bytes()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})
	spent := interleave(b, 200, req, bare, on, off)
	b.ReportMetric(float64(spent[0])/float64(spent[1]), "on/bare")
	b.ReportMetric(float64(spent[0])/float64(spent[2]), "off/bare")
}

// interleave serves b.N requests from each handler, in turns of chunk, so
// the machine's noise falls on all of them alike, and returns the time each
// spent.
func interleave(b *testing.B, chunk int, req func() *http.Request, handlers ...http.Handler) []time.Duration {
	spent := make([]time.Duration, len(handlers))
	b.ResetTimer()
	for done := 0; done < b.N; done += chunk {
		for i, h := range handlers {
			start := time.Now()
			for j := 0; j < chunk; j++ {
				h.ServeHTTP(httptest.NewRecorder(), req())
			}
			spent[i] += time.Since(start)
		}
	}
	return spent
}
