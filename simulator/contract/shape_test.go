package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
)

// compiled is a schema as the fast path holds it: its fast copy and the
// copy's shape (nil where Check cannot take it).
func compiled(t testing.TB, schema string) (*openapi3.Schema, *jsonvalue.Shape) {
	t.Helper()
	var s openapi3.Schema
	if err := json.Unmarshal([]byte(schema), &s); err != nil {
		t.Fatalf("%s: %v", schema, err)
	}
	cp := &copier{memo: map[*openapi3.Schema]*openapi3.Schema{}}
	fast := cp.schema(&s)
	return fast, shapeOf(fast)
}

// kinPasses is kin-openapi's verdict on body: decoded as the fast path
// decodes it, visited as the fast path visits it.
func kinPasses(fast *openapi3.Schema, body []byte) bool {
	v, ok, _ := jsonvalue.ParseStrict(body)
	return ok && fast.VisitJSON(v, openapi3.FailFast()) == nil
}

// TestCheckAsKinOpenAPI: jsonvalue.Check gives kin-openapi's verdict for
// every keyword it takes, and refuses (leaving the verdict to the decoded
// value) where it must not decide: a name given twice, a text that is not
// JSON. A schema with a keyword it does not take has no shape.
func TestCheckAsKinOpenAPI(t *testing.T) {
	const customer = `{"type":"object","required":["id"],"additionalProperties":false,"properties":{
		"id":{"type":"integer","format":"int64"},"name":{"type":"string","minLength":1,"maxLength":5},
		"mobile":{"type":"string","pattern":"^\\d{10,15}$"},"tier":{"type":"string","enum":["Silver","Gold"]},
		"points":{"type":"number","minimum":0,"maximum":100,"exclusiveMaximum":true},
		"tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2},
		"extra":{"type":"object","additionalProperties":{"type":"boolean"}},
		"one":{"anyOf":[{"type":"object","required":["a"]},{"type":"array","items":{"type":"integer"}}]},
		"either":{"anyOf":[{"type":"string","pattern":"^a"},{"type":"string","pattern":"b$"}]},
		"gone":{"type":"string","nullable":true},"never":{"type":"boolean","enum":[false]},
		"at":{"type":"string","format":"date-time"},"any":{}}}`
	// A oneOf under keywords of the parent's own, and oneOfs within oneOfs.
	const parentOneOf = `{"type":"object","required":["a"],"oneOf":[{"type":"object","properties":{"a":{"type":"integer"}}},{"type":"array"}]}`
	const nestedOneOf = `{"oneOf":[{"type":"object","properties":{"x":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"integer"}}]}}},
		{"type":"array","items":{"oneOf":[{"type":"string"},{"type":"integer"}]}}]}`
	for _, tc := range []struct {
		name, schema, body string
		want               bool // the verdict: kin-openapi's, and Check's unless it must leave it
		checkRefuses       bool // Check leaves it to the decoded value (which decides want)
	}{
		{"a whole customer", customer, `{"id":1,"name":"Tom","mobile":"4470090000","tier":"Gold","points":99.5,"tags":["a"],
			"extra":{"x":true},"one":{"a":1},"either":"ab","gone":null,"never":false,"at":"2026-12-07T10:00:00Z","any":[1,{"b":null}]}`, true, false},
		{"required missing", customer, `{"name":"Tom"}`, false, false},
		{"an unknown member", customer, `{"id":1,"other":1}`, false, false},
		{"a fraction for an integer", customer, `{"id":1.5}`, false, false},
		{"a whole number written as a fraction", customer, `{"id":2.0}`, true, false},
		{"past int64", customer, `{"id":1e19}`, false, false},
		{"2^63 passes int64", customer, `{"id":9223372036854775808}`, true, false},
		{"too short", customer, `{"id":1,"name":""}`, false, false},
		{"too long", customer, `{"id":1,"name":"Sawyers"}`, false, false},
		{"length in code units", customer, `{"id":1,"name":"Töm"}`, true, false},
		{"escapes decoded", customer, `{"id":1,"name":"T\u00f6m"}`, true, false},
		{"pattern", customer, `{"id":1,"mobile":"44700"}`, false, false},
		{"enum", customer, `{"id":1,"tier":"Bronze"}`, false, false},
		{"enum of a boolean", customer, `{"id":1,"never":true}`, false, false},
		{"exclusive maximum", customer, `{"id":1,"points":100}`, false, false},
		{"minimum", customer, `{"id":1,"points":-1}`, false, false},
		{"too many items", customer, `{"id":1,"tags":["a","b","c"]}`, false, false},
		{"too few items", customer, `{"id":1,"tags":[]}`, false, false},
		{"an item of another type", customer, `{"id":1,"tags":[1]}`, false, false},
		{"additional properties' schema", customer, `{"id":1,"extra":{"x":1}}`, false, false},
		{"the array branch", customer, `{"id":1,"one":[1,2]}`, true, false},
		{"the array branch fails", customer, `{"id":1,"one":["x"]}`, false, false},
		{"no branch of the kind", customer, `{"id":1,"one":"x"}`, false, false},
		{"the second anyOf branch", customer, `{"id":1,"either":"zb"}`, true, false},
		{"no anyOf branch", customer, `{"id":1,"either":"zz"}`, false, false},
		{"null where not nullable", customer, `{"id":null}`, false, false},
		{"a date-time format", customer, `{"id":1,"at":"yesterday"}`, false, false},
		{"the empty schema takes anything but null", customer, `{"id":1,"any":null}`, false, false},
		{"a name given twice", customer, `{"id":1,"id":2}`, false, true},
		{"a name given twice deep in an empty schema", customer, `{"id":1,"any":{"a":1,"a":2}}`, false, true},
		{"trailing data", customer, `{"id":1} {}`, false, true},
		{"not JSON", customer, `{"id":01}`, false, true},
		{"a number out of range", `{"type":"number"}`, `1e400`, false, false},
		{"no type: any kind", `{"minLength":2}`, `[1]`, true, false},
		{"no type: a string's keywords", `{"minLength":2}`, `"a"`, false, false},
		{"nullable, null", `{"type":"string","nullable":true,"enum":[null]}`, `null`, true, false},
		{"enum of null only", `{"type":"string","nullable":true,"enum":[null]}`, `"a"`, false, false},
		{"oneOf: the branch passes", parentOneOf, `{"a":1}`, true, false},
		{"oneOf: the parent's required still holds", parentOneOf, `{}`, false, false},
		{"oneOf: the branch fails", parentOneOf, `{"a":"x"}`, false, false},
		{"oneOf: the parent's type still holds", parentOneOf, `[]`, false, false},
		{"nested oneOf: object, array", nestedOneOf, `{"x":[1,2]}`, true, false},
		{"nested oneOf: an inner item fails", nestedOneOf, `{"x":[1,"a"]}`, false, false},
		{"nested oneOf: array, mixed items", nestedOneOf, `["a",1]`, true, false},
		{"nested oneOf: a fraction for the integer branch", nestedOneOf, `["a",1.5]`, false, false},
		{"nested oneOf: a name given twice", nestedOneOf, `{"x":"a","y":{"b":1,"b":2}}`, false, true},
		{"oneOf: trailing data after the branch", nestedOneOf, `["a"] 1`, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fast, shape := compiled(t, tc.schema)
			if shape == nil {
				t.Fatal("no shape")
			}
			body := []byte(tc.body)
			if got := kinPasses(fast, body); got != tc.want {
				t.Fatalf("kin-openapi says %v, the case %v", got, tc.want)
			}
			want := tc.want && !tc.checkRefuses
			if got := jsonvalue.Check(body, shape); got != want {
				t.Errorf("Check says %v, want %v", got, want)
			}
		})
	}
	for _, schema := range []string{
		`{"type":"number","multipleOf":2}`, `{"type":"array","uniqueItems":true}`, `{"not":{"type":"string"}}`,
		`{"type":"object","minProperties":1}`, `{"type":"integer","enum":[1,2]}`,
	} {
		if _, shape := compiled(t, schema); shape != nil {
			t.Errorf("%s: compiled, but Check does not take all of it", schema)
		}
	}
}

// shapedBodies returns every JSON body schema of the documents with a
// shape, in a fixed order: the fuzzer picks among them.
func shapedBodies(t testing.TB) (fasts []*openapi3.Schema, shapes []*jsonvalue.Shape) {
	c, err := Load(openapi.FS)
	if err != nil {
		t.Fatal(err)
	}
	ops := c.Operations()
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID })
	for _, op := range ops {
		copies := fastCopies(op)
		keys := make([]*openapi3.Schema, 0, len(copies))
		for orig := range copies {
			keys = append(keys, orig)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].Title+keys[i].Description < keys[j].Title+keys[j].Description })
		for _, orig := range keys {
			if sh := shapeOf(copies[orig]); sh != nil {
				fasts, shapes = append(fasts, copies[orig]), append(shapes, sh)
			}
		}
	}
	return fasts, shapes
}

// goldenPair is a golden body of the v1.1 or v2 tests and a body schema
// of the documents it passes: its fast copy and shape, and its index.
type goldenPair struct {
	body  []byte
	fast  *openapi3.Schema
	shape *jsonvalue.Shape
	index int
}

// goldenPairs pairs every golden body with each body schema it passes
// (each body decoded once), and returns the schemas too.
func goldenPairs(t testing.TB) (pairs []goldenPair, fasts []*openapi3.Schema, shapes []*jsonvalue.Shape) {
	fasts, shapes = shapedBodies(t)
	files, _ := filepath.Glob("../v11/testdata/golden/*.json")
	more, _ := filepath.Glob("../v2/testdata/*/*.json")
	for _, name := range append(files, more...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		v, ok, _ := jsonvalue.ParseStrict(b)
		if !ok {
			continue
		}
		for i := range shapes {
			if fasts[i].VisitJSON(v, openapi3.FailFast()) == nil {
				pairs = append(pairs, goldenPair{b, fasts[i], shapes[i], i})
			}
		}
	}
	if len(pairs) == 0 {
		t.Fatal("no golden body passes a schema")
	}
	return pairs, fasts, shapes
}

// FuzzCheck: Check passes no body that kin-openapi, given the decoded
// value, refuses, for any body and any body schema of the documents. The
// seeds are the golden bodies of the v1.1 and v2 tests, each with the
// schemas it passes.
func FuzzCheck(f *testing.F) {
	pairs, fasts, shapes := goldenPairs(f)
	for _, p := range pairs {
		f.Add(uint16(p.index), p.body)
	}
	f.Fuzz(func(t *testing.T, pick uint16, body []byte) {
		i := int(pick) % len(shapes)
		if jsonvalue.Check(body, shapes[i]) && !kinPasses(fasts[i], body) {
			t.Fatalf("schema %d: Check passed %q, which kin-openapi refuses", i, body)
		}
	})
}

// BenchmarkCheck runs jsonvalue.Check over every golden body of the v1.1
// and v2 tests with each body schema of the documents it passes (MB/s is
// of the bodies read).
func BenchmarkCheck(b *testing.B) {
	pairs, _, _ := goldenPairs(b)
	size := 0
	for _, p := range pairs {
		size += len(p.body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pairs {
			if !jsonvalue.Check(p.body, p.shape) {
				b.Fatal("a body that passes fails Check")
			}
		}
	}
}
