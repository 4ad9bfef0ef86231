package contract

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestDecodeJSONForm checks that decodeJSONForm decodes every embedded
// document's JSON form into exactly what kin-openapi's own decoding makes of
// it (unexported fields included), before and after references are
// resolved.
func TestDecodeJSONForm(t *testing.T) {
	names, err := fs.Glob(openapi.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("documents %v: %v", names, err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			b, err := fs.ReadFile(openapi.FS, ParsedName(name))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := decodeJSONForm(b)
			if !ok {
				t.Fatal("decodeJSONForm passed the document to kin-openapi")
			}
			want := &openapi3.T{}
			if err := json.Unmarshal(b, want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("decoded document differs from kin-openapi's")
			}
			if err := openapi3.NewLoader().ResolveRefsIn(got, nil); err != nil {
				t.Fatal(err)
			}
			loaded, err := openapi3.NewLoader().LoadFromData(b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, loaded) {
				t.Fatal("resolved document differs from kin-openapi's loaded one")
			}
		})
	}
}

// TestDecodeJSONFormPassesOver checks that what decodeJSONForm does not
// decode as kin-openapi does goes to kin-openapi: a null, a boolean
// schema, a field named in another case, a broken form.
func TestDecodeJSONFormPassesOver(t *testing.T) {
	for _, tc := range []struct{ name, doc string }{
		{"null responses", `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":null}}}}`},
		{"boolean schema", `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"a":true}}}`},
		{"folded case", `{"openapi":"3.0.3","Info":{"title":"t","version":"1"},"paths":{}}`},
		{"not json", `{"openapi":`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := decodeJSONForm([]byte(tc.doc)); ok {
				t.Fatal("decoded, want it passed to kin-openapi")
			}
		})
	}
}
