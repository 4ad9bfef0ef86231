package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/capsim/capsim/simulator/store"
)

// benchOp is one operation's request for BenchmarkOperations.
type benchOp struct {
	name, method, path string
	body               string // a template whose every %08d is the counter; "" for none
}

// benchOps reads the operations bench/ops.sh measures over HTTP
// (bench/ops.txt): the documented requests of every read operation, and the
// two registrations (each call a new customer).
func benchOps(b *testing.B) []benchOp {
	raw, err := os.ReadFile("../../bench/ops.txt")
	if err != nil {
		b.Fatal(err)
	}
	var ops []benchOp
	for _, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			b.Fatalf("bench/ops.txt: %q: want NAME, METHOD, URI[, BODY] separated by tabs", line)
		}
		op := benchOp{name: f[0], method: f[1], path: f[2]}
		if len(f) > 3 {
			op.body = f[3]
		}
		ops = append(ops, op)
	}
	return ops
}

var benchSeq atomic.Int64

// benchSetup readies the state an operation's request needs, by name.
var benchSetup = map[string]func(*testing.B, *server.App){
	// Polly Sawyer (500002) gets points enough for every redemption of
	// the run, one point each.
	"v1.1 points/redeem": func(b *testing.B, app *server.App) {
		err := app.Store.Update(store.DefaultNamespace, func(tx *store.Tx) error {
			c, err := tx.Customer(500002)
			if err != nil {
				return err
			}
			c.AwardPoints(app.Store.Org().DefaultProgram(), 1e12, time.Time{})
			return tx.Put(c)
		})
		if err != nil {
			b.Fatal(err)
		}
	},
}

// BenchmarkOperations serves each operation's request in-process from
// capsim (request and response validation on) and from a bare handler that
// reads the body and writes the same bytes, interleaved in chunks, and
// reports the throughput ratio capsim/bare per operation. The target is
// ≥ 0.5 for every read (in-process, without the network: harsher than
// over HTTP). go test -run '^$' -bench Operations ./simulator/server/
func BenchmarkOperations(b *testing.B) {
	app := benchServer(b, true)
	for _, op := range benchOps(b) {
		b.Run(op.name, func(b *testing.B) {
			if setup := benchSetup[op.name]; setup != nil {
				setup(b, app)
			}
			req := func() *http.Request {
				var rd *bytes.Reader
				r := httptest.NewRequest(op.method, op.path, nil)
				if op.body != "" {
					rd = bytes.NewReader([]byte(strings.ReplaceAll(op.body, "%08d", fmt.Sprintf("%08d", benchSeq.Add(1)))))
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
			spent := interleave(b, 100, req, bare, app)
			b.ReportMetric(float64(spent[0])/float64(spent[1]), "capsim/bare")
			b.ReportMetric(float64(spent[1])/float64(b.N), "capsim-ns/op")
		})
	}
}
