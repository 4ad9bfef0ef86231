package v2_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sample reads a documented request body of 007 (testdata/transactions,
// repaired where the docs' JSON is malformed: see docs/v2-transactions.md).
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "transactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got (status and indented body) with testdata/transactions/name.golden.
func golden(t *testing.T, name string, res *simtest.Response) {
	t.Helper()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "HTTP %d\n", res.Status)
	if err := json.Indent(&buf, res.Body, "", "  "); err != nil {
		t.Fatalf("%s: not JSON: %s", name, res.Body)
	}
	path := filepath.Join("testdata", "transactions", name+".golden")
	if *updateGolden {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./simulator/v2 -run TestTransactionSamples -update)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Fatalf("%s differs from %s (-update rewrites it):\n%s", name, path, buf.Bytes())
	}
}

// TestTransactionSamples sends 007's sample requests to a fresh simulator
// and compares the answers with golden files. The fixtures hold the
// samples' customer (98662653, mobile 919740000000, card
// GOLD400000000000000022020); the mixed sample returns a line of
// bill00075, added first; the update sample names a customer and bill that
// exist only in the docs (8015), so it is also sent for Tom's fixture bill.
func TestTransactionSamples(t *testing.T) {
	t.Parallel()
	card := txnPath + "?source=instore&identifierValue=GOLD400000000000000022020&identifierName=cardnumber&rawSideEffects=true&accountId="
	joe := txnPath + "?source=INSTORE&identifierName=id&identifierValue=98662653"
	tests := []struct {
		name, method, target string
		body                 any
		setup                func(s *simtest.Server)
		status               int
	}{
		{"single-regular", "POST", card, "single-regular", nil, 200},
		{"single-not-interested", "POST", card, "single-not-interested", nil, 200},
		{"single-mixed", "POST", joe, "single-mixed", func(s *simtest.Server) {
			simtest.ExpectCodes(t, s.Do("POST", joe, `{"type":"REGULAR","billNumber":"bill00075","billAmount":"1200","lineItemsV2":[{"itemCode":"ITEMJEANS0005","amount":1200,"rate":1200,"qty":1}]}`), 200, nil, nil)
		}, 200},
		{"bulk-add", "POST", bulkPath, "bulk-add", nil, 200},
		{"bulk-return", "POST", bulkPath, "bulk-return", nil, 200},
		{"update", "PUT", txnPath + "?identifierName=id&identifierValue=401031250&points=MLP", "update", nil, 400},
		{"update-tom", "PUT", txnPath + "?identifierName=id&identifierValue=17742", `{"id": 23622808, "customFields": {}, "extendedFields": {}, "deliveryStatus": "PLACED"}`, nil, 200},
		{"get-v11-bill", "GET", txnPath + "/23622808?type=REGULAR&tenders=true", nil, nil, 200},
		{"get-docs-id", "GET", txnPath + "/38236823?type=REGULAR", nil, nil, 400},
		{"earning-v11-bill", "GET", "/v2/earning/23622808", nil, nil, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			if tc.setup != nil {
				tc.setup(s)
			}
			body := tc.body
			if name, ok := body.(string); ok && !bytes.HasPrefix([]byte(name), []byte("{")) {
				body = sample(t, name)
			}
			res := s.Do(tc.method, tc.target, body)
			if res.Status != tc.status {
				t.Fatalf("HTTP %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			golden(t, tc.name, res)
		})
	}
}
