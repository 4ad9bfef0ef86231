package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// benchOp is one operation's request for BenchmarkOperations, with the
// requests that ready its state (bench/ops.txt's setup: lines).
type benchOp struct {
	name, method, path string
	body               string // a template (fill); "" for none
	setup              []benchOp
}

// benchOps reads the operations bench/ops.sh measures over HTTP
// (bench/ops.txt): the documented requests of every read operation, and
// the writes (each call a new customer or a new bill).
func benchOps(b *testing.B) []benchOp {
	raw, err := os.ReadFile("../../bench/ops.txt")
	if err != nil {
		b.Fatal(err)
	}
	var ops []benchOp
	setups := map[string][]benchOp{}
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
		if name, ok := strings.CutPrefix(op.name, "setup:"); ok {
			setups[name] = append(setups[name], op)
			continue
		}
		ops = append(ops, op)
	}
	for i := range ops {
		ops[i].setup, setups[ops[i].name] = setups[ops[i].name], nil
	}
	for name, s := range setups {
		if s != nil {
			b.Fatalf("bench/ops.txt: setup of %q, an operation it does not name", name)
		}
	}
	return ops
}

var benchSeq atomic.Int64

// fill fills a template of bench/ops.txt with n: every %08d is n, every
// %03d n modulo 300 (bench/post.lua does the same).
func fill(t string, n int64) string {
	t = strings.ReplaceAll(t, "%08d", fmt.Sprintf("%08d", n))
	return strings.ReplaceAll(t, "%03d", fmt.Sprintf("%03d", n%300))
}

// request returns op's request, filled with the next count.
func (op benchOp) request() *http.Request {
	if op.body == "" {
		r := httptest.NewRequest(op.method, op.path, nil)
		r.Header.Set("Authorization", simtest.BasicAuth)
		return r
	}
	n := benchSeq.Add(1)
	r := httptest.NewRequest(op.method, fill(op.path, n), strings.NewReader(fill(op.body, n)))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", simtest.BasicAuth)
	return r
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
			for _, setup := range op.setup {
				rec := httptest.NewRecorder()
				app.ServeHTTP(rec, setup.request())
				if rec.Code != http.StatusOK {
					b.Fatalf("setup of %s: status %d: %s", op.name, rec.Code, rec.Body)
				}
			}
			req := op.request
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
