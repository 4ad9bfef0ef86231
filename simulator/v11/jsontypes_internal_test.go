package v11

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/capsim/capsim/openapi"
)

// TestJSONTypesTable: every row of typeRows names an operation of the v1.1
// contract and a path once, with both forms.
func TestJSONTypesTable(t *testing.T) {
	t.Parallel()
	ops := map[string]bool{}
	re := regexp.MustCompile(`operationId:\s*(\S+)`)
	names, _ := fs.Glob(openapi.FS, "v11*.yaml")
	for _, name := range names {
		b, err := fs.ReadFile(openapi.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			ops[string(m[1])] = true
		}
	}
	seen := map[string]bool{}
	for _, row := range typeRows {
		if !ops[row.op] {
			t.Errorf("row %s %s: no such v1.1 operation", row.op, row.path)
		}
		if k := row.op + " " + row.path; seen[k] {
			t.Errorf("row %s twice", k)
		} else {
			seen[k] = true
		}
		if row.documented == 0 || row.observed == 0 {
			t.Errorf("row %s %s lacks a form", row.op, row.path)
		}
	}
}

// TestShapesCompile compiles the shape tables (a malformed line panics)
// and checks that every operation they name has a tree.
func TestShapesCompile(t *testing.T) {
	t.Parallel()
	got := shapes()
	for op := range documentedShapes {
		if got[op] == nil {
			t.Errorf("operation %s: no shape tree", op)
		}
	}
}
