package contract

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// kinJSON decodes b as kin-openapi's own JSON body decoder does.
func kinJSON(b []byte) (any, error) {
	return openapi3filter.JSONBodyDecoder(bytes.NewReader(b), nil, nil, nil)
}

var jsonSamples = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `12`, `-12.5e+3`, `1E2`, `0.25`,
	`""`, `"plain"`, `"tab\there"`, `"quote\" and \\ and \/"`, `"\u00e9t\u00E9 \ud83d\ude00"`,
	`"é unescaped"`, "\"bad utf8 \xff\"", `"lone \ud800 surrogate"`,
	` { "a" : [ 1 , "x" , { "b" : null } , [ ] ] , "c" : { } } `,
	`{"a":1,"a":2}`,
	`{"createdId":17743,"warnings":[],"sideEffects":[]}`,
	`{"root":{"customer":[{"mobile":"447200000001","firstname":"Bench","lastname":"Mark"}]}}`,
	// Not exactly one value: the standard decoder decides (and may accept).
	`{"a":1} trailing`, `{"a":1}{"b":2}`, `[1,2,]`, `{"a":1,}`, `{"a" 1}`, `[1 2]`, `01`, `1.`, `.5`, `-`,
	`1e`, `tru`, `nul`, `"unterminated`, "\"ctl \x01\"", `"bad \x escape"`, ``, `   `, `{`, `[`, `{"a":`,
	`NaN`, `'single'`, `{a:1}`,
	strings.Repeat("[", 1200) + strings.Repeat("]", 1200),
}

// TestJSONBodyDecoderMatchesKin proves that the fast decoder gives what
// kin-openapi's gives, value and error alike.
func TestJSONBodyDecoderMatchesKin(t *testing.T) {
	for _, s := range jsonSamples {
		t.Run(s[:min(len(s), 40)], func(t *testing.T) {
			compareJSON(t, []byte(s))
		})
	}
}

func compareJSON(t *testing.T, b []byte) {
	t.Helper()
	got, gerr := JSONBodyDecoder(bytes.NewReader(b), nil, nil, nil)
	want, werr := kinJSON(b)
	if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
		t.Fatalf("%q: error %v, kin-openapi's %v", b, gerr, werr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: %#v, kin-openapi's %#v", b, got, want)
	}
	if v, ok := jsonvalue.Parse(b); ok && !json.Valid(b) {
		t.Fatalf("%q: parsed as %#v but it is not valid JSON", b, v)
	}
}

// FuzzJSONBody checks the fast decoder against kin-openapi's on any input.
func FuzzJSONBody(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { compareJSON(t, b) })
}

// BenchmarkJSONBodyDecoder decodes a v1.1 get response (a body response
// validation decodes) with kin-openapi's decoder and with capsim's.
func BenchmarkJSONBodyDecoder(b *testing.B) {
	body, err := os.ReadFile("../v11/testdata/golden/get_sample.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		dec  openapi3filter.BodyDecoder
	}{{"kin-openapi", openapi3filter.JSONBodyDecoder}, {"capsim", JSONBodyDecoder}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := tc.dec(bytes.NewReader(body), nil, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
