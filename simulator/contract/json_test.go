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
	// Not exactly one value: refused when one value is followed by more,
	// else the standard decoder decides.
	`{"a":1} trailing`, `{"a":1}{"b":2}`, `[1,2,]`, `{"a":1,}`, `{"a" 1}`, `[1 2]`, `01`, `1.`, `.5`, `-`,
	`1e`, `tru`, `nul`, `"unterminated`, "\"ctl \x01\"", `"bad \x escape"`, ``, `   `, `{`, `[`, `{"a":`,
	`NaN`, `'single'`, `{a:1}`,
	strings.Repeat("[", 1200) + strings.Repeat("]", 1200),
}

// TestJSONBodyDecoderMatchesKin proves that the fast decoder gives what
// kin-openapi's gives, value and error alike, but refuses trailing data
// and names given twice (see TestJSONBodyStrict).
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
	if _, _, problem := jsonvalue.ParseStrict(b); problem != "" {
		// Stricter than kin-openapi on purpose: refused, with the problem.
		if gerr == nil || !strings.Contains(gerr.Error(), problem) {
			t.Fatalf("%q: error %v, want %q", b, gerr, problem)
		}
		return
	}
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

// TestJSONBodyStrict checks the two refusals kin-openapi's decoder lacks.
func TestJSONBodyStrict(t *testing.T) {
	for _, tc := range []struct{ body, says string }{
		{`{"a":1} trailing`, "trailing data after the JSON value, at byte 8"},
		{`{"a":1}{"b":2}`, "trailing data"},
		{`{"a":1,"a":2}`, `the name "a" is given twice`},
		{`{"p":[{"x":{"k":1,"k":1}}]}`, `the name "k" is given twice`},
		{`{"a":1} `, ""},
	} {
		t.Run(tc.body, func(t *testing.T) {
			_, err := JSONBodyDecoder(bytes.NewReader([]byte(tc.body)), nil, nil, nil)
			if (err != nil) != (tc.says != "") || (err != nil && !strings.Contains(err.Error(), tc.says)) {
				t.Fatalf("error %v, want %q", err, tc.says)
			}
		})
	}
}
