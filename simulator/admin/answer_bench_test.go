package admin_test

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/simtest"
)

// BenchmarkJournalAnswers asks a full journal (1000 entries of about 60 KB of
// bodies, the default 64 MiB) for limit=1000 from 16 clients at once, and
// reports the peak heap in use while they are answered.
func BenchmarkJournalAnswers(b *testing.B) {
	s := simtest.MustOpenServer(b)
	j := s.Journal()
	body := []byte(`{"profiles":[` + strings.Repeat(`{"firstName":"Jim","lastName":"Smith","identifiers":[{"type":"mobile","value":"18767431754"}]},`, 300) + `{}]}`)
	h := http.Header{"Content-Type": {"application/json"}}
	for i := range 1000 {
		j.Record(admin.Entry{ID: fmt.Sprint(i), Time: time.Now(), Method: "POST", Path: "/v2/customers", OperationID: "registerCustomer",
			Namespace: "default", Status: 200},
			admin.Raw{Header: h, Body: body, Size: int64(len(body))}, admin.Raw{Header: h, Body: body, Size: int64(len(body))})
	}
	for range b.N {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		var peak uint64
		done := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-time.After(5 * time.Millisecond):
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapInuse)
				}
			}
		}()
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if res := s.Do("GET", "/__admin/requests?limit=1000", nil); res.Status != 200 {
					b.Errorf("%d %.200s", res.Status, res.Body)
				}
			}()
		}
		wg.Wait()
		close(done)
		b.ReportMetric(float64(peak-min(peak, base.HeapInuse))/(1<<20), "peak-MiB")
	}
}
