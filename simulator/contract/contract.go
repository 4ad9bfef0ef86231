// Package contract loads capsim's OpenAPI documents once at start-up and
// checks every request and response against them. A request that breaks the
// contract becomes a catalogue error (the code its parameter's x-capsim-codes
// names, else the generic invalid-input code) with a message that names the
// parameter or field; a response that breaks it is reported as a violation.
package contract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/capsim/capsim/simulator"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Contract is the set of loaded documents and their operations.
type Contract struct {
	files map[string][]byte
	ops   map[string]*Operation // "METHOD /path/{template}"

	reqOpts  *openapi3filter.Options
	respOpts *openapi3filter.Options
	// reqFast and respFast are reqOpts and respOpts that stop at the first
	// failure without describing it: a oneOf/anyOf branch that does not
	// match costs little. A failure is validated again with the full
	// options, for its message.
	reqFast  *openapi3filter.Options
	respFast *openapi3filter.Options
	// reqNoBody and respNoBody are reqFast and respFast without the
	// body, which the fast path checks (fast.go).
	reqNoBody  *openapi3filter.Options
	respNoBody *openapi3filter.Options

	seed    maphash.Seed
	reqOK   *hashSet
	paramOK *hashSet // requests with a body whose parameters passed (fast.go)
	respOK  *hashSet
	itemOK  *hashSet // list elements that passed (lists.go)
	noCache bool
	// crossCheck has every fast-path pass confirmed by the full path.
	crossCheck bool
	// listsFrom is the size from which a JSON body is checked list element
	// by list element where its schema allows (lists.go).
	listsFrom int
}

// Operation is one operation of one document.
type Operation struct {
	ID     string
	Method string
	Path   string // the template, e.g. /v2/customers/{id}
	API    simulator.API
	Spec   string // the file that describes it
	Route  *routers.Route

	params     map[string]codes // "in:name" -> codes
	bodyCodes  map[string]codes // top-level body property -> codes
	headerKeys []string         // header parameters, for the request cache key
	hasBody    bool
	fast       fastSchemas // the body schemas of the fast path, made on first use
}

// codes are the catalogue numbers a failed parameter or field answers with.
type codes struct{ missing, invalid int }

// Load reads every *.yaml document in fsys.
func Load(fsys fs.FS) (*Contract, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("contract: no *.yaml documents")
	}
	c := &Contract{
		files: map[string][]byte{},
		ops:   map[string]*Operation{},
		reqOpts: &openapi3filter.Options{
			AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
			SkipSettingDefaults: true,
		},
		respOpts: &openapi3filter.Options{
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
			IncludeResponseStatus: true,
		},
		seed:      maphash.MakeSeed(),
		reqOK:     newHashSet(1 << 16),
		paramOK:   newHashSet(1 << 16),
		respOK:    newHashSet(1 << 16),
		itemOK:    newHashSet(1 << 16),
		listsFrom: ListsFrom,
	}
	c.reqFast, c.respFast = failFast(c.reqOpts), failFast(c.respOpts)
	c.reqNoBody, c.respNoBody = noBody(c.reqFast), noBody(c.respFast)
	sort.Strings(names)
	// Parsing the documents is most of start-up: parse them in parallel.
	type parsed struct {
		b   []byte
		doc *openapi3.T
		err error
	}
	docs := make([]parsed, len(names))
	sums := parsedSums(fsys)
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i].b, docs[i].doc, docs[i].err = parseDocument(fsys, sums, name)
		}()
	}
	wg.Wait()
	for i, name := range names {
		b, doc, err := docs[i].b, docs[i].doc, docs[i].err
		if err != nil {
			return nil, err
		}
		c.files[name] = b
		for p, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				o := &Operation{
					ID: op.OperationID, Method: method, Path: p, Spec: name,
					API:   apiOf(p),
					Route: &routers.Route{Spec: doc, Path: p, PathItem: item, Method: method, Operation: op},
				}
				o.params = map[string]codes{}
				for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
					for _, pr := range ps {
						if pr.Value == nil {
							continue
						}
						o.params[pr.Value.In+":"+pr.Value.Name] = codesOf(pr.Value.Extensions["x-capsim-codes"])
						if pr.Value.In == openapi3.ParameterInHeader {
							o.headerKeys = append(o.headerKeys, http.CanonicalHeaderKey(pr.Value.Name))
						}
					}
				}
				o.bodyCodes = map[string]codes{}
				if m, ok := op.Extensions["x-capsim-body-codes"].(map[string]any); ok {
					for k, v := range m {
						o.bodyCodes[k] = codesOf(v)
					}
				}
				o.hasBody = op.RequestBody != nil
				key := method + " " + p
				if _, dup := c.ops[key]; dup {
					return nil, fmt.Errorf("contract: %s: %s is described twice", name, key)
				}
				c.ops[key] = o
			}
		}
	}
	return c, nil
}

// failFast returns a copy of o whose schema checks stop at the first
// failure without building its message.
func failFast(o *openapi3filter.Options) *openapi3filter.Options {
	f := *o
	f.SchemaValidationOptions = append(append([]openapi3.SchemaValidationOption(nil), o.SchemaValidationOptions...), openapi3.FailFast())
	return &f
}

// parseDocument reads, parses and checks one document: from its JSON form
// if fsys holds one made from these bytes (see ParsedDir), else its YAML.
func parseDocument(fsys fs.FS, sums map[string]string, name string) ([]byte, *openapi3.T, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	form := parsedForm(fsys, sums, name, b)
	doc, err := loadDocument(b, form)
	if err == nil && form == nil {
		// A JSON form is made only of a document that passed Check
		// (genparsed refuses others; TestParsedFormsUpToDate checks the
		// embedded ones): checking it again at every start would cost a
		// third of loading it.
		err = check(doc)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("contract: %s: %w", name, err)
	}
	doc.Servers = nil
	return b, doc, nil
}

// Check loads and checks a YAML document as Load does when it has no JSON
// form: go generate makes a JSON form only of a document that passes.
func Check(yaml []byte) error {
	doc, err := loadDocument(yaml, nil)
	if err != nil {
		return err
	}
	return check(doc)
}

// check checks a loaded document: valid OpenAPI, of version 3.0.x.
func check(doc *openapi3.T) error {
	if err := doc.Validate(context.Background()); err != nil {
		return err
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		return fmt.Errorf("OpenAPI %s; capsim's documents are 3.0.x", doc.OpenAPI)
	}
	return nil
}

// loadDocument loads a document, from its JSON form if it has one (nil
// if not), with its references resolved.
func loadDocument(yaml, form []byte) (*openapi3.T, error) {
	if form == nil {
		return openapi3.NewLoader().LoadFromData(yaml)
	}
	doc, ok := decodeJSONForm(form)
	if !ok {
		return openapi3.NewLoader().LoadFromData(form)
	}
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		return nil, err
	}
	return doc, nil
}

// DisableCache makes every request and response be validated in full, even
// one identical to an earlier one (for tests of the validator itself).
func (c *Contract) DisableCache() { c.noCache = true }

func apiOf(p string) simulator.API {
	switch {
	case strings.HasPrefix(p, "/v1.1/"):
		return simulator.V11
	case strings.HasPrefix(p, "/v2/"), strings.HasPrefix(p, "/v3/"):
		return simulator.V2
	}
	return 0
}

func codesOf(v any) codes {
	m, ok := v.(map[string]any)
	if !ok {
		return codes{}
	}
	return codes{missing: toInt(m["missing"]), invalid: toInt(m["invalid"])}
}

func toInt(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case int64:
		return int(n)
	case uint64:
		return int(n)
	}
	return 0
}

// Operation returns the operation for method and path template, or nil.
func (c *Contract) Operation(method, template string) *Operation {
	return c.ops[method+" "+template]
}

// Operations returns every operation, ordered by path and method.
func (c *Contract) Operations() []*Operation {
	out := make([]*Operation, 0, len(c.ops))
	for _, o := range c.ops {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// Files returns the documents' names, sorted.
func (c *Contract) Files() []string {
	out := make([]string, 0, len(c.files))
	for n := range c.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// File returns a document's bytes.
func (c *Contract) File(name string) ([]byte, bool) {
	b, ok := c.files[path.Clean(name)]
	return b, ok
}

// ValidateRequest checks r against op. It returns nil when r passes, else the
// catalogue error the API answers with. r's body, if read, is replaced so
// that the handler can read it again.
func (c *Contract) ValidateRequest(r *http.Request, op *Operation, pathParams map[string]string) *simulator.Error {
	cacheable := !c.noCache && !op.hasBody && (r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0)
	var key uint64
	if cacheable {
		key = c.requestKey(r, op)
		if c.reqOK.has(key) {
			return nil
		}
	}
	if e := c.repeatedQuery(r, op); e != nil { // once per query, before the cache holds it
		return e
	}
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: pathParams, Route: op.Route, Options: c.reqFast,
	}
	if c.fastRequest(r, op, pathParams) {
		if c.crossCheck {
			c.confirm(openapi3filter.ValidateRequest(r.Context(), in), op)
		}
		return nil
	}
	err := openapi3filter.ValidateRequest(r.Context(), in)
	if err != nil { // again, for the failure's description (the body was put back)
		in.Options = c.reqOpts
		err = openapi3filter.ValidateRequest(r.Context(), in)
	}
	if err == nil {
		if cacheable {
			c.reqOK.add(key)
		}
		return nil
	}
	return c.requestError(r, op, err)
}

// requestKey is the hash of what of r, besides its body, op's validation
// reads: the path, the query and op's header parameters.
func (c *Contract) requestKey(r *http.Request, op *Operation) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(op.Method)
	h.WriteString(op.Path)
	h.WriteString(r.URL.RawPath)
	h.WriteString(r.URL.Path)
	h.WriteString("?")
	h.WriteString(r.URL.RawQuery)
	for _, k := range op.headerKeys {
		h.WriteString("\x00")
		for _, v := range r.Header[k] {
			h.WriteString(v)
			h.WriteString("\x00")
		}
	}
	return h.Sum64()
}

// repeatedQuery refuses a declared query parameter given more than once:
// no parameter of the documents is a list by repetition (lists are
// comma-separated), and the validator would take the first silently. One
// rule for every API, as the journal's filters.
func (c *Contract) repeatedQuery(r *http.Request, op *Operation) *simulator.Error {
	if !strings.Contains(r.URL.RawQuery, "&") {
		return nil
	}
	q := simulator.Query(r) // parsed once for the request's handlers too
	names := make([]string, 0, len(q))
	for name, vs := range q {
		if _, declared := op.params["query:"+name]; declared && len(vs) > 1 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	return c.coded(op, op.params["query:"+names[0]].invalid,
		fmt.Sprintf("query parameter %q is given %d times: give it once (lists are comma-separated)", names[0], len(q[names[0]])))
}

// requestError turns a validation failure into the API's error.
func (c *Contract) requestError(r *http.Request, op *Operation, err error) *simulator.Error {
	generic := func(detail string) *simulator.Error {
		code, _ := simulator.Lookup(apiOr(op.API), 400)
		return simulator.Errorf(code).WithDetail("%s", detail)
	}
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return generic(err.Error())
	}
	if p := re.Parameter; p != nil {
		cs := op.params[p.In+":"+p.Name]
		missing := errors.Is(re.Err, openapi3filter.ErrInvalidRequired) || errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue)
		// An empty value (source=) is a missing parameter to the real API;
		// the validator reports it as failing the enum or minLength.
		if p.Required && emptyParam(r, p) {
			missing = true
		}
		n := cs.invalid
		detail := fmt.Sprintf("%s parameter %q %s", p.In, p.Name, paramReason(re))
		if missing {
			n = cs.missing
			detail = fmt.Sprintf("%s parameter %q is required", p.In, p.Name)
		}
		return c.coded(op, n, detail)
	}
	if re.RequestBody != nil {
		var se *openapi3.SchemaError
		if errors.As(re.Err, &se) {
			field, missing := schemaField(se)
			cs := op.bodyCodes[topLevel(field)]
			n := cs.invalid
			if missing {
				n = cs.missing
			}
			return c.coded(op, n, bodyReason(se, field, missing))
		}
		if re.Err != nil && errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
			return generic("request body is required")
		}
		reason := re.Reason
		if re.Err != nil {
			reason = bodyDecodeDetail(re.Err)
		}
		return generic("request body: " + trimReason(reason))
	}
	return generic(trimReason(re.Error()))
}

func apiOr(a simulator.API) simulator.API {
	if a == 0 {
		return simulator.V2
	}
	return a
}

// coded returns the error for catalogue number n of op's API, falling back to
// the generic invalid-input code when n is zero or unknown.
func (c *Contract) coded(op *Operation, n int, detail string) *simulator.Error {
	api := apiOr(op.API)
	if n != 0 {
		if code, ok := simulator.Lookup(api, n); ok {
			return simulator.Errorf(code).WithDetail("%s", detail)
		}
	}
	code, _ := simulator.Lookup(api, 400)
	return simulator.Errorf(code).WithDetail("%s", detail)
}

func paramReason(re *openapi3filter.RequestError) string {
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		return fmt.Sprintf("%s (got %s)", schemaReason(se), quoteValue(se.Value))
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) {
		return "is not valid: " + trimReason(pe.Error())
	}
	if re.Err != nil {
		return "is not valid: " + trimReason(re.Err.Error())
	}
	return "is not valid: " + trimReason(re.Reason)
}

// schemaField returns the JSON path of the failing field and whether it is a
// missing required property.
func schemaField(se *openapi3.SchemaError) (string, bool) {
	ptr := se.JSONPointer()
	if se.SchemaField == "required" {
		if name := between(se.Reason, `property "`, `"`); name != "" && (len(ptr) == 0 || ptr[len(ptr)-1] != name) {
			ptr = append(ptr, name)
		}
		return strings.Join(ptr, "/"), true
	}
	return strings.Join(ptr, "/"), false
}

func topLevel(field string) string {
	if i := strings.IndexByte(field, '/'); i >= 0 {
		return field[:i]
	}
	return field
}

func bodyReason(se *openapi3.SchemaError, field string, missing bool) string {
	if field == "" {
		field = "(root)"
	}
	if missing {
		return fmt.Sprintf("request body field %q is required", field)
	}
	return fmt.Sprintf("request body field %q %s (got %s)", field, schemaReason(se), quoteValue(se.Value))
}

func schemaReason(se *openapi3.SchemaError) string {
	// "doesn't match any schema from anyOf" says little: say why the branch
	// of the value's own JSON type refused it.
	if (se.SchemaField == "anyOf" || se.SchemaField == "oneOf") && se.Schema != nil {
		var types []string
		for _, ref := range append(append([]*openapi3.SchemaRef(nil), se.Schema.AnyOf...), se.Schema.OneOf...) {
			if ref == nil || ref.Value == nil {
				continue
			}
			types = append(types, ref.Value.Type.Slice()...)
			if !ref.Value.Type.Permits(jsonType(se.Value)) {
				continue
			}
			var sub *openapi3.SchemaError
			if err := ref.Value.VisitJSON(se.Value); errors.As(err, &sub) && sub.Reason != "" {
				return sub.Reason
			}
		}
		if len(types) > 0 {
			return fmt.Sprintf("must be of type %s, not %s", strings.Join(types, " or "), jsonType(se.Value))
		}
	}
	if se.Reason != "" {
		return se.Reason
	}
	return fmt.Sprintf("does not match the schema's %q", se.SchemaField)
}

// jsonType names the JSON type of a decoded value as schemas name types.
func jsonType(v any) string {
	switch v.(type) {
	case string:
		return openapi3.TypeString
	case bool:
		return openapi3.TypeBoolean
	case float64, int, int64, json.Number:
		return openapi3.TypeNumber
	case []any:
		return openapi3.TypeArray
	case map[string]any:
		return openapi3.TypeObject
	case nil:
		return openapi3.TypeNull
	}
	return ""
}

func quoteValue(v any) string {
	s := fmt.Sprintf("%#v", v)
	if str, ok := v.(string); ok {
		s = fmt.Sprintf("%q", str)
	}
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func trimReason(s string) string {
	if i := strings.Index(s, "\nSchema:"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:297] + "..."
	}
	return strings.TrimSpace(s)
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	return s[:j]
}

// Violation is a response that breaks the contract.
type Violation struct {
	Operation string
	Status    int
	Reason    string
}

func (v *Violation) Error() string {
	return fmt.Sprintf("response %d of %s breaks the contract: %s", v.Status, v.Operation, v.Reason)
}

// ValidateResponse checks a response to r against op. A body identical to one
// that passed before (same operation, status and content type) passes without
// being decoded again: what was proven once stays proven.
func (c *Contract) ValidateResponse(r *http.Request, op *Operation, pathParams map[string]string, status int, header http.Header, body []byte) error {
	var key uint64
	if !c.noCache {
		var h maphash.Hash
		h.SetSeed(c.seed)
		h.WriteString(op.Method)
		h.WriteString(op.Path)
		h.WriteString(header.Get("Content-Type"))
		var st [2]byte
		st[0], st[1] = byte(status>>8), byte(status)
		h.Write(st[:])
		h.Write(body)
		key = h.Sum64()
		if c.respOK.has(key) {
			return nil
		}
	}
	input := func(opts *openapi3filter.Options) *openapi3filter.ResponseValidationInput {
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request: r, PathParams: pathParams, Route: op.Route, Options: opts,
			},
			Status:  status,
			Header:  header,
			Options: opts,
		}
		in.SetBodyBytes(body)
		return in
	}
	validate := func(opts *openapi3filter.Options) error {
		return openapi3filter.ValidateResponse(r.Context(), input(opts))
	}
	if c.fastResponse(input(c.respNoBody), op, body) {
		if c.crossCheck {
			c.confirm(validate(c.respOpts), op)
		}
		if !c.noCache {
			c.respOK.add(key)
		}
		return nil
	}
	if err := validate(c.respFast); err != nil {
		if full := validate(c.respOpts); full != nil { // for the failure's description
			err = full
		}
		return &Violation{Operation: op.ID, Status: status, Reason: trimReason(err.Error())}
	}
	if !c.noCache {
		c.respOK.add(key)
	}
	return nil
}

// hashSet is a bounded set of hashes: when full it starts again, so memory
// stays flat however many distinct bodies pass through.
type hashSet struct {
	mu  sync.RWMutex
	max int
	m   map[uint64]struct{}
}

func newHashSet(max int) *hashSet { return &hashSet{max: max, m: make(map[uint64]struct{})} }

func (s *hashSet) has(k uint64) bool {
	s.mu.RLock()
	_, ok := s.m[k]
	s.mu.RUnlock()
	return ok
}

func (s *hashSet) add(k uint64) {
	s.mu.Lock()
	if len(s.m) >= s.max {
		s.m = make(map[uint64]struct{})
	}
	s.m[k] = struct{}{}
	s.mu.Unlock()
}

func emptyParam(r *http.Request, p *openapi3.Parameter) bool {
	switch p.In {
	case openapi3.ParameterInQuery:
		return strings.TrimSpace(r.URL.Query().Get(p.Name)) == ""
	case openapi3.ParameterInHeader:
		return strings.TrimSpace(r.Header.Get(p.Name)) == ""
	}
	return false
}
