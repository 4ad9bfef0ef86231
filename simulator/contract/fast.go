package contract

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// The fast path of body validation. kin-openapi validates a body "as a
// request" or "as a response", and in that mode each anyOf branch is tried
// on a deep copy of the value and the branch that matched is then visited
// again: nested anyOfs (v1.1's "an object or a list of them", inside a list
// of items, inside an envelope) cost 2^depth visits and a copy each. Our
// documents have no readOnly, writeOnly or default in a body schema, the only
// things that mode adds, so a body is first checked without it, against a
// copy of its schema whose type-disjoint anyOfs are oneOfs (one visit of the
// one branch that can match). Only a pass is taken from the fast path: a body
// that fails it, or that it cannot check, is validated as before, and that
// gives the verdict and the message. A oneOf that passes implies the anyOf
// it came from passes, so the fast path never passes a body the full one
// refuses.

// fastSchemas are an operation's body schemas as the fast path checks them:
// the copy of each original schema, by the original's address; nil where a
// schema holds what only the full path checks.
type fastSchemas struct {
	once   sync.Once
	by     map[*openapi3.Schema]*openapi3.Schema
	lists  map[*openapi3.Schema]*listed          // by fast copy, where a body can be checked list element by element
	shapes map[*openapi3.Schema]*jsonvalue.Shape // by fast copy, where jsonvalue.Check can take it (shape.go)
}

// get returns op's fast copy of s, building op's copies on first use.
func (f *fastSchemas) get(op *Operation, s *openapi3.Schema) *openapi3.Schema {
	f.once.Do(func() {
		f.by = fastCopies(op)
		f.lists = map[*openapi3.Schema]*listed{}
		f.shapes = map[*openapi3.Schema]*jsonvalue.Shape{}
		for _, fast := range f.by {
			if l := listsOf(fast); l != nil {
				f.lists[fast] = l
			}
			if sh := shapeOf(fast); sh != nil {
				f.shapes[fast] = sh
			}
		}
	})
	return f.by[s]
}

// fastCopies copies every body schema of op (request and responses).
func fastCopies(op *Operation) map[*openapi3.Schema]*openapi3.Schema {
	out := map[*openapi3.Schema]*openapi3.Schema{}
	add := func(content openapi3.Content) {
		for _, mt := range content {
			if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || len(mt.Encoding) > 0 {
				continue
			}
			cp := &copier{memo: map[*openapi3.Schema]*openapi3.Schema{}}
			if s := cp.schema(mt.Schema.Value); !cp.unsafe {
				out[mt.Schema.Value] = s
			}
		}
	}
	o := op.Route.Operation
	if o.RequestBody != nil && o.RequestBody.Value != nil {
		add(o.RequestBody.Value.Content)
	}
	if o.Responses != nil {
		for _, r := range o.Responses.Map() {
			if r != nil && r.Value != nil {
				add(r.Value.Content)
			}
		}
	}
	return out
}

// copier copies a schema graph (cycles included), turning anyOfs whose
// branches admit disjoint JSON types into oneOfs; unsafe says the graph
// holds something the fast path would not check as the full one does.
type copier struct {
	memo   map[*openapi3.Schema]*openapi3.Schema
	unsafe bool
}

func (cp *copier) schema(s *openapi3.Schema) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if n, ok := cp.memo[s]; ok {
		return n
	}
	n := new(openapi3.Schema)
	*n = *s
	cp.memo[s] = n
	if s.ReadOnly || s.WriteOnly || s.Default != nil || s.Discriminator != nil {
		cp.unsafe = true
	}
	n.OneOf, n.AnyOf, n.AllOf = cp.refs(s.OneOf), cp.refs(s.AnyOf), cp.refs(s.AllOf)
	n.Not, n.Items = cp.ref(s.Not), cp.ref(s.Items)
	n.AdditionalProperties.Schema = cp.ref(s.AdditionalProperties.Schema)
	if s.Properties != nil {
		n.Properties = make(openapi3.Schemas, len(s.Properties))
		for k, r := range s.Properties {
			n.Properties[k] = cp.ref(r)
		}
	}
	if len(n.OneOf) == 0 && disjoint(n.AnyOf) {
		n.OneOf, n.AnyOf = n.AnyOf, nil
	}
	return n
}

func (cp *copier) ref(r *openapi3.SchemaRef) *openapi3.SchemaRef {
	if r == nil {
		return nil
	}
	if r.Value == nil {
		cp.unsafe = true
		return r
	}
	return &openapi3.SchemaRef{Ref: r.Ref, Value: cp.schema(r.Value)}
}

func (cp *copier) refs(rs openapi3.SchemaRefs) openapi3.SchemaRefs {
	if rs == nil {
		return nil
	}
	out := make(openapi3.SchemaRefs, len(rs))
	for i, r := range rs {
		out[i] = cp.ref(r)
	}
	return out
}

// disjoint reports whether no JSON value can have the type of two of the
// branches: each declares its types, and no type (integer counting as a
// number) is declared twice.
func disjoint(branches openapi3.SchemaRefs) bool {
	if len(branches) < 2 {
		return false
	}
	seen := map[string]bool{}
	for _, b := range branches {
		if b == nil || b.Value == nil || b.Value.Type == nil || len(b.Value.Type.Slice()) == 0 {
			return false
		}
		for _, t := range b.Value.Type.Slice() {
			if t == openapi3.TypeInteger {
				t = openapi3.TypeNumber
			}
			if seen[t] {
				return false
			}
			seen[t] = true
		}
	}
	return true
}

// fastBody reports whether body, of the given Content-Type, passes the
// schema of content on the fast path; false means "ask the full path".
func (c *Contract) fastBody(op *Operation, content openapi3.Content, header http.Header, body []byte, opts []openapi3.SchemaValidationOption) bool {
	if len(body) == 0 || len(content) == 0 {
		return false
	}
	mt := content.Get(header.Get("Content-Type"))
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return false
	}
	fast := op.fast.get(op, mt.Schema.Value)
	if fast == nil {
		return false
	}
	media, _, _ := strings.Cut(header.Get("Content-Type"), ";")
	media = strings.ToLower(strings.TrimSpace(media))
	if media == "application/json" { // JSONBodyDecoder's values, without copying the body
		shape := op.fast.shapes[fast]
		if l := op.fast.lists[fast]; l != nil && len(body) >= c.listsFrom {
			if c.crossCheck && shape != nil { // tests check lists from the first byte: Check too
				c.crossCheckShape(op, fast, shape, body, opts)
			}
			return c.checkLists(l, body, opts)
		}
		if shape == nil {
			return c.treePasses(fast, body, opts)
		}
		if c.crossCheck {
			return c.crossCheckShape(op, fast, shape, body, opts)
		}
		return jsonvalue.Check(body, shape) || c.treePasses(fast, body, opts)
	}
	decode := openapi3filter.RegisteredBodyDecoder(media)
	if decode == nil {
		return false
	}
	value, err := decode(bytes.NewReader(body), header, mt.Schema, func(string) *openapi3.Encoding { return nil })
	if err != nil {
		return false
	}
	return fast.VisitJSON(value, opts...) == nil
}

// crossCheckShape is Check with the verdict of the decoded value beside
// it, for tests (CrossCheckFastPath): it panics where they differ, which
// proves on every body a test sends or receives both that Check passes
// nothing the decoded value fails and that it takes every body that
// passes (none falls back to decoding by accident). It returns the
// decoded value's verdict.
func (c *Contract) crossCheckShape(op *Operation, fast *openapi3.Schema, shape *jsonvalue.Shape, body []byte, opts []openapi3.SchemaValidationOption) bool {
	checked, tree := jsonvalue.Check(body, shape), c.treePasses(fast, body, opts)
	switch {
	case checked && !tree:
		panic(fmt.Sprintf("contract: jsonvalue.Check passed a body the decoded value fails (%s): %.300s", op.ID, body))
	case tree && !checked:
		panic(fmt.Sprintf("contract: jsonvalue.Check refused a body the decoded value passes (%s): %.300s", op.ID, body))
	}
	return tree
}

// treePasses reports whether body, decoded, passes the fast copy.
func (c *Contract) treePasses(fast *openapi3.Schema, body []byte, opts []openapi3.SchemaValidationOption) bool {
	value, ok, _ := jsonvalue.ParseStrict(body)
	return ok && fast.VisitJSON(value, opts...) == nil
}

// fastRequest reports whether r passes op on the fast path: its
// parameters by kin-openapi (without the body) unless the same ones passed
// before, its body by fastBody. r's body is read and put back.
func (c *Contract) fastRequest(r *http.Request, op *Operation, pathParams map[string]string) bool {
	rb := op.Route.Operation.RequestBody
	if rb == nil || rb.Value == nil || r.Body == nil || r.Body == http.NoBody {
		return false
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	putBack := func() {
		r.Body = io.NopCloser(bytes.NewReader(data))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		r.ContentLength = int64(len(data))
	}
	putBack()
	if err != nil {
		return false
	}
	// The parameters' verdict depends on nothing the body holds: a request
	// whose path, query and header parameters passed before passes again.
	var key uint64
	if !c.noCache {
		key = c.requestKey(r, op)
	}
	if c.noCache || !c.paramOK.has(key) {
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: pathParams, Route: op.Route, Options: c.reqNoBody}
		err := openapi3filter.ValidateRequest(r.Context(), in)
		putBack()
		if err != nil {
			return false
		}
		if !c.noCache {
			c.paramOK.add(key)
		}
	}
	return c.fastBody(op, rb.Value.Content, r.Header, data, c.reqFast.SchemaValidationOptions)
}

// fastResponse reports whether a response passes op on the fast path: its
// status and headers by kin-openapi (without the body), its body by
// fastBody.
func (c *Contract) fastResponse(in *openapi3filter.ResponseValidationInput, op *Operation, body []byte) bool {
	switch {
	case in.RequestValidationInput.Request.Method == http.MethodHead,
		in.Status == http.StatusNotModified, in.Status >= 300 && in.Status < 400:
		return false
	}
	responses := op.Route.Operation.Responses
	if responses == nil || responses.Len() == 0 {
		return false
	}
	ref := responses.Status(in.Status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return false
	}
	if openapi3filter.ValidateResponse(in.RequestValidationInput.Request.Context(), in) != nil {
		return false
	}
	return c.fastBody(op, ref.Value.Content, in.Header, body, c.respFast.SchemaValidationOptions)
}

// noBody returns a copy of o that leaves the body to the fast path.
func noBody(o *openapi3filter.Options) *openapi3filter.Options {
	f := *o
	f.ExcludeRequestBody, f.ExcludeResponseBody = true, true
	return &f
}

// CrossCheckFastPath makes the full path confirm every pass of the fast
// one, and panic where it does not: for tests, which then prove on every
// request and response they make that the fast path passes nothing the
// full one refuses.
func (c *Contract) CrossCheckFastPath() { c.crossCheck = true }

func (c *Contract) confirm(full error, op *Operation) {
	if full != nil {
		panic(fmt.Sprintf("contract: the fast path passed what the full path refuses (%s): %v", op.ID, full))
	}
}
