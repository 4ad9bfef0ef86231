package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/simtest"
)

var update = flag.Bool("update", false, "rewrite the generated operation list in docs/scenarios.md")

const (
	opsBegin = "<!-- operation ids: generated from openapi/ by go test ./cmd/capsim -run TestOperationTable -update -->\n"
	opsEnd   = "<!-- end of operation ids -->\n"
)

// operationTable is docs/scenarios.md's list of operation ids for scenario authors:
// every API operation of the contract (not the admin API), in path order.
func operationTable(c *contract.Contract) string {
	var b strings.Builder
	b.WriteString("| operationId | API | request | |\n|---|---|---|---|\n")
	for _, op := range c.Operations() {
		if op.Spec == "admin.yaml" {
			continue
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%s %s` | %s |\n", op.ID, op.API, op.Method, op.Path, op.Route.Operation.Summary)
	}
	return b.String()
}

// TestOperationTable keeps docs/scenarios.md's list of operation ids equal to the
// contract's; -update rewrites it.
func TestOperationTable(t *testing.T) {
	c := simtest.Contract(t)
	const readme = "../../docs/scenarios.md"
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(data, []byte(opsBegin)), bytes.Index(data, []byte(opsEnd))
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", readme, opsBegin, opsEnd)
	}
	got, want := string(data[i+len(opsBegin):j]), operationTable(c)
	if got == want {
		return
	}
	if *update {
		out := append(append(append([]byte{}, data[:i+len(opsBegin)]...), want...), data[j:]...)
		if err := os.WriteFile(readme, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s's operation ids differ from the contract; run go test ./cmd/capsim -run TestOperationTable -update\nwant:\n%s", readme, want)
}
