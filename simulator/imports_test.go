package simulator_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/capsim/capsim"

// TestImportGraph keeps the boundaries between packages: the domain knows
// no other package of capsim, the scenario engine no API package, and the
// technology packages no handler package. It reads the import graph of the
// module's non-test files, transitively.
func TestImportGraph(t *testing.T) {
	graph := importGraph(t, "..")
	for _, tc := range []struct {
		pkg       string
		forbidden []string
	}{
		{"simulator", []string{"simulator/"}},
		{"simulator/scenario", []string{"simulator/v11", "simulator/v2", "simulator/server", "simulator/admin"}},
		{"simulator/store", []string{"simulator/v11", "simulator/v2", "simulator/server", "simulator/scenario", "simulator/admin"}},
		{"simulator/contract", []string{"simulator/v11", "simulator/v2", "simulator/server", "simulator/scenario", "simulator/admin"}},
		{"simulator/fixture", []string{"simulator/v11", "simulator/v2", "simulator/server", "simulator/scenario", "simulator/admin"}},
		{"simulator/v11", []string{"simulator/v2", "simulator/server", "simulator/scenario", "simulator/admin"}},
		{"simulator/v2", []string{"simulator/v11", "simulator/server", "simulator/scenario", "simulator/admin"}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			if _, ok := graph[tc.pkg]; !ok {
				t.Fatalf("package %s not found", tc.pkg)
			}
			for _, dep := range deps(graph, tc.pkg) {
				for _, f := range tc.forbidden {
					if dep == strings.TrimSuffix(f, "/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f)) {
						t.Errorf("%s imports %s (directly or not): %s", tc.pkg, dep, path(graph, tc.pkg, dep))
					}
				}
			}
		})
	}
}

// importGraph maps each package of the module under root (relative to the
// module root, "simulator/v2") to the module packages its non-test files
// import.
func importGraph(t *testing.T, root string) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		if _, ok := graph[pkg]; !ok {
			graph[pkg] = nil
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(ip, module+"/") {
				graph[pkg] = append(graph[pkg], strings.TrimPrefix(ip, module+"/"))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// deps returns every package pkg depends on, transitively, sorted.
func deps(graph map[string][]string, pkg string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(p string) {
		for _, d := range graph[p] {
			if !seen[d] {
				seen[d] = true
				visit(d)
			}
		}
	}
	visit(pkg)
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// path returns a chain of imports from a to b, for the failure message.
func path(graph map[string][]string, a, b string) string {
	prev := map[string]string{a: ""}
	queue := []string{a}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == b {
			chain := []string{b}
			for q := prev[b]; q != ""; q = prev[q] {
				chain = append([]string{q}, chain...)
			}
			return strings.Join(chain, " -> ")
		}
		for _, d := range graph[p] {
			if _, ok := prev[d]; !ok {
				prev[d] = p
				queue = append(queue, d)
			}
		}
	}
	return "?"
}
