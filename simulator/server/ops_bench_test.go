package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/simtest"
)

// benchOp is one operation's request for BenchmarkOperations.
type benchOp struct {
	name, method, path string
	body               func(i int64) string // nil: no body
}

// benchOps are the documented requests of every read operation, and the two
// registrations (each call a new customer).
var benchOps = []benchOp{
	{"v2 getCustomer", "GET", "/v2/customers/17742?source=ALL&embed=points,subscriptions,mlp", nil},
	{"v2 lookupCustomer", "GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000", nil},
	{"v2 searchCustomers", "GET", "/v2/customers/search?q=Tom", nil},
	{"v2 loyaltyDetails", "GET", "/v2/customers/17742/loyaltyDetails", nil},
	{"v2 getSubscriptions", "GET", "/v2/customers/17742/subscriptions", nil},
	{"v2 pointsTransfers", "GET", "/v2/customers/17742/pointsTransfers", nil},
	{"v2 retroRequests", "GET", "/v2/customers/17742/retroRequest", nil},
	{"v1.1 get json", "GET", "/v1.1/customer/get?mobile=44700900000&format=json", nil},
	{"v1.1 get xml", "GET", "/v1.1/customer/get?mobile=44700900000&format=xml", nil},
	{"v1.1 search", "GET", "/v1.1/customer/search?q=firstname:EQUALS:Tom&format=json", nil},
	{"v1.1 transactions", "GET", "/v1.1/customer/transactions?mobile=44700900000&format=json", nil},
	{"v1.1 redemptions", "GET", "/v1.1/customer/redemptions?mobile=44700900000&format=json", nil},
	{"v1.1 notes", "GET", "/v1.1/customer/notes?mobile=44700900000&format=json", nil},
	{"v1.1 coupons", "GET", "/v1.1/customer/coupons?mobile=44700900000&format=json", nil},
	{"v1.1 tickets", "GET", "/v1.1/customer/tickets?mobile=44700900000&format=json", nil},
	{"v1.1 referrals", "GET", "/v1.1/customer/referrals?mobile=44700900000&format=json", nil},
	{"v1.1 preferences", "GET", "/v1.1/customer/preferences?mobile=44700900000&format=json", nil},
	{"v1.1 interaction", "GET", "/v1.1/customer/interaction?mobile=44700900000&format=json", nil},
	{"v1.1 subscriptions", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&format=json", nil},
	{"v2 registerCustomer", "POST", "/v2/customers?source=INSTORE", func(i int64) string {
		return fmt.Sprintf(`{"profiles":[{"firstName":"Bench","lastName":"Mark","identifiers":[{"type":"mobile","value":"4471%08d"}]}]}`, i)
	}},
	{"v1.1 add", "POST", "/v1.1/customer/add?format=json", func(i int64) string {
		return fmt.Sprintf(`{"root":{"customer":[{"mobile":"4472%08d","firstname":"Bench","lastname":"Mark"}]}}`, i)
	}},
}

var benchSeq atomic.Int64

// BenchmarkOperations serves each operation's request in-process from
// capsim (request and response validation on) and from a bare handler that
// reads the body and writes the same bytes, interleaved in chunks, and
// reports the throughput ratio capsim/bare per operation. The target is
// ≥ 0.5 for every read (in-process, without the network: harsher than
// over HTTP). go test -run '^$' -bench Operations ./simulator/server/
func BenchmarkOperations(b *testing.B) {
	app := benchServer(b, true)
	for _, op := range benchOps {
		b.Run(op.name, func(b *testing.B) {
			req := func() *http.Request {
				var rd *bytes.Reader
				r := httptest.NewRequest(op.method, op.path, nil)
				if op.body != nil {
					rd = bytes.NewReader([]byte(op.body(benchSeq.Add(1))))
					r = httptest.NewRequest(op.method, op.path, rd)
					r.Header.Set("Content-Type", "application/json")
				}
				r.Header.Set("Authorization", simtest.BasicAuth)
				return r
			}
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, req())
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: status %d: %s", op.name, rec.Code, rec.Body)
			}
			body, ct := rec.Body.Bytes(), rec.Header().Get("Content-Type")
			bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var buf [4096]byte
				for r.Body != nil {
					if _, err := r.Body.Read(buf[:]); err != nil {
						break
					}
				}
				w.Header().Set("Content-Type", ct)
				_, _ = w.Write(body)
			})
			handlers := []http.Handler{bare, app}
			var spent [2]time.Duration
			const chunk = 100
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
			b.ReportMetric(float64(spent[0])/float64(spent[1]), "capsim/bare")
			b.ReportMetric(float64(spent[1])/float64(b.N), "capsim-ns/op")
		})
	}
}
