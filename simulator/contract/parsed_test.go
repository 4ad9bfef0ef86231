package contract_test

import (
	"testing"
	"testing/fstest"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/contract"
)

const tinyDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v2/ping:
    get:
      operationId: ping
      responses:
        "200": {description: ok}
`

// TestLoadUsesOnlyFreshJSONForms checks that a JSON form is read only for
// the YAML bytes it was made from: a stale or broken one is passed over
// and the YAML parsed, and a fresh one is what is read.
func TestLoadUsesOnlyFreshJSONForms(t *testing.T) {
	j, err := contract.JSONForm([]byte(tinyDoc))
	if err != nil {
		t.Fatal(err)
	}
	fresh := string(contract.FormatSums([]string{"t.yaml"}, map[string][]byte{"t.yaml": []byte(tinyDoc)}))
	other := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/v2/pong":{"get":{"operationId":"pong","responses":{"200":{"description":"ok"}}}}}}`
	for _, tc := range []struct {
		name, json, sums, wantOp string
	}{
		{"fresh form", string(j), fresh, "ping"},
		{"fresh sum, other form", other, fresh, "pong"}, // the form is what is read
		{"stale sum", "not json", "0000  t.yaml\n", "ping"},
		{"no sums", "not json", "", "ping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"t.yaml": {Data: []byte(tinyDoc)}, contract.ParsedName("t.yaml"): {Data: []byte(tc.json)}}
			if tc.sums != "" {
				fsys[contract.ParsedSums] = &fstest.MapFile{Data: []byte(tc.sums)}
			}
			c, err := contract.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Operations(); len(got) != 1 || got[0].ID != tc.wantOp {
				t.Fatalf("operations %v, want %s", got, tc.wantOp)
			}
		})
	}
}

// TestLoadRefusesBrokenDocuments checks that a document kin-openapi reads
// but finds invalid, or of OpenAPI 3.1, fails Load and Check: go generate
// makes no JSON form of it, so Load checks its YAML.
func TestLoadRefusesBrokenDocuments(t *testing.T) {
	for _, tc := range []struct{ name, doc string }{
		{"bad type", tinyDoc + "components:\n  schemas:\n    a: {type: strng}\n"},
		{"3.1", "openapi: 3.1.0\n" + tinyDoc[len("openapi: 3.0.3\n"):]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := contract.Check([]byte(tc.doc)); err == nil {
				t.Fatal("Check passed it")
			}
			if _, err := contract.Load(fstest.MapFS{"t.yaml": {Data: []byte(tc.doc)}}); err == nil {
				t.Fatal("Load passed it")
			}
		})
	}
	if err := contract.Check([]byte(tinyDoc)); err != nil {
		t.Fatalf("Check refused a valid document: %v", err)
	}
}

// BenchmarkLoad measures loading the embedded contract from its JSON
// forms, most of a default start.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := contract.Load(openapi.FS); err != nil {
			b.Fatal(err)
		}
	}
}
