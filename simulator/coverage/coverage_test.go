package coverage_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/coverage"
)

// BenchmarkRecord prices what the request path pays for the coverage.
func BenchmarkRecord(b *testing.B) {
	c, err := contract.Load(openapi.FS)
	if err != nil {
		b.Fatal(err)
	}
	r := coverage.New(c, 0)
	codes := []int{8015}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Record("default", "getCustomer", 200, codes, false)
	}
}

// TestConcurrent records, reports, evicts and clears at once (run with -race).
func TestConcurrent(t *testing.T) {
	c, err := contract.Load(openapi.FS)
	if err != nil {
		t.Fatal(err)
	}
	r := coverage.New(c, 2)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Record(fmt.Sprintf("ns%d", (g+i)%3), "getCustomer", 200, []int{8015}, i%2 == 0)
				if i%100 == 0 {
					_ = r.Report("")
					r.Clear("ns1")
				}
			}
		}()
	}
	wg.Wait()
	if rep := r.Report(""); rep.Operations.Exercised > 1 {
		t.Fatalf("one operation called, %d exercised", rep.Operations.Exercised)
	}
}
