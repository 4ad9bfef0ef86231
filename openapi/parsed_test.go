package openapi_test

import (
	"bytes"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestParsedFormsUpToDate checks that parsed/ holds the JSON form of every
// YAML document as it is now, and that kin-openapi reads the same document
// from it as from the YAML: the simulator loads the JSON forms. After an
// edit of a document: go generate ./openapi
func TestParsedFormsUpToDate(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(openapi.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	docs := map[string][]byte{}
	for _, name := range names {
		b, err := fs.ReadFile(openapi.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = b
		t.Run(name, func(t *testing.T) {
			t.Parallel() // one document each
			want, err := contract.JSONForm(b)
			if err != nil {
				t.Fatal(err)
			}
			got, err := fs.ReadFile(openapi.FS, contract.ParsedName(name))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s is out of date (%v): go generate ./openapi", contract.ParsedName(name), err)
			}
			// Load trusts a JSON form to be of a document that passes
			// Check: valid (loadDoc validates it) and of OpenAPI 3.0.x.
			fromYAML := loadDoc(t, name)
			if !strings.HasPrefix(fromYAML.OpenAPI, "3.0") {
				t.Fatalf("OpenAPI %s, want 3.0.x", fromYAML.OpenAPI)
			}
			fromJSON, err := openapi3.NewLoader().LoadFromData(got)
			if err != nil {
				t.Fatal(err)
			}
			y, err := fromYAML.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			j, err := fromJSON.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(y, j) {
				t.Fatalf("the document read from %s differs from the one read from its YAML", contract.ParsedName(name))
			}
		})
	}
	sums, err := fs.ReadFile(openapi.FS, contract.ParsedSums)
	if err != nil || !bytes.Equal(sums, contract.FormatSums(names, docs)) {
		t.Fatalf("%s is out of date (%v): go generate ./openapi", contract.ParsedSums, err)
	}
}
