package contract

import (
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestFastPathCoversEveryBody proves every body schema of the documents has
// a fast copy (none holds readOnly, writeOnly, a default or an unresolved
// reference), and every JSON one a shape for jsonvalue.Check (none holds a
// keyword Check does not take), so that no operation falls back to the
// slow path by accident. That the fast path passes nothing the full one refuses is
// proven by every test that goes through simtest (CrossCheckFastPath).
func TestFastPathCoversEveryBody(t *testing.T) {
	c, err := Load(openapi.FS)
	if err != nil {
		t.Fatal(err)
	}
	bodies := 0
	for _, op := range c.Operations() {
		o := op.Route.Operation
		var contents []openapi3.Content
		if o.RequestBody != nil && o.RequestBody.Value != nil {
			contents = append(contents, o.RequestBody.Value.Content)
		}
		for _, r := range o.Responses.Map() {
			contents = append(contents, r.Value.Content)
		}
		for _, content := range contents {
			for mime, mt := range content {
				if mt.Schema == nil {
					continue
				}
				bodies++
				fast := op.fast.get(op, mt.Schema.Value)
				if fast == nil {
					t.Errorf("%s %s: the %s body has no fast copy", op.ID, op.Path, mime)
				} else if mime == "application/json" && op.fast.shapes[fast] == nil {
					t.Errorf("%s %s: the %s body has no shape for jsonvalue.Check", op.ID, op.Path, mime)
				}
			}
		}
	}
	if bodies < 100 {
		t.Fatalf("%d bodies: the documents have more", bodies)
	}
}

func TestDisjoint(t *testing.T) {
	typed := func(types ...string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{types[0]}}}
	}
	for _, tc := range []struct {
		name     string
		branches openapi3.SchemaRefs
		want     bool
	}{
		{"list or object", openapi3.SchemaRefs{typed("array"), typed("object")}, true},
		{"integer or pattern string", openapi3.SchemaRefs{typed("integer"), typed("string")}, true},
		{"string number boolean", openapi3.SchemaRefs{typed("string"), typed("number"), typed("boolean")}, true},
		{"integer and number overlap", openapi3.SchemaRefs{typed("integer"), typed("number")}, false},
		{"two objects", openapi3.SchemaRefs{typed("object"), typed("object")}, false},
		{"an untyped branch", openapi3.SchemaRefs{typed("object"), {Value: &openapi3.Schema{}}}, false},
		{"one branch", openapi3.SchemaRefs{typed("object")}, false},
	} {
		if got := disjoint(tc.branches); got != tc.want {
			t.Errorf("%s: disjoint = %v, want %v", tc.name, got, tc.want)
		}
	}
}
