package coverage_test

import (
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
