package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/scenario"
	v11 "github.com/capsim/capsim/simulator/v11"
	v2 "github.com/capsim/capsim/simulator/v2"
	"github.com/getkin/kin-openapi/openapi3"
)

// Envelopes returns the API versions' envelopes as the scenario engine
// checks code answers against them (with c).
func Envelopes(c *contract.Contract) scenario.Envelopes { return envelopes{c} }

type envelopes struct{ c *contract.Contract }

func (e envelopes) CheckCode(op *contract.Operation, code simulator.Code) string {
	return version(op.API).checkCode(e.c, op, code)
}

// checkV2Code checks a v2 code: a warning rides on an answer that has a
// warnings list (or, refusing, is the promotion answer), an error is the
// error envelope with the code's status.
func checkV2Code(c *contract.Contract, op *contract.Operation, code simulator.Code) string {
	if code.Info().Kind == simulator.KindWarning && !v2.Refuses(code) {
		if !hasWarningsList(op) {
			return fmt.Sprintf("operation %s answers no warnings list to carry a warning", op.ID)
		}
		return ""
	}
	return checkRendered(c, op, "", func(w http.ResponseWriter, r *http.Request) { v2.WriteInjected(w, r, code) })
}

// checkV11Code checks a v1.1 code in both formats: a warning rides on the
// items of a batch, an item code fails a batch's item (or, where the
// operation has no items, is the request's status), any other code is the
// request's status.
func checkV11Code(c *contract.Contract, op *contract.Operation, code simulator.Code) string {
	path := v11ItemPath(op)
	write := func(w http.ResponseWriter, r *http.Request) { v11.WriteError(w, r, simulator.Errorf(code)) }
	switch {
	case code.Info().Kind == simulator.KindWarning:
		if path == nil {
			return fmt.Sprintf("v1.1 warnings ride on the items of a batch, and operation %s answers none", op.ID)
		}
		write = func(w http.ResponseWriter, r *http.Request) {
			v11.WriteSampleBatch(w, r, path, simulator.Injection{Code: code}, op.Method, op.Path)
		}
	case !v11.RequestLevel(code) && path != nil:
		write = func(w http.ResponseWriter, r *http.Request) {
			v11.WriteSampleBatch(w, r, path, simulator.Injection{Code: code}, op.Method, op.Path)
		}
	}
	for _, f := range []string{"json", "xml"} {
		if why := checkRendered(c, op, f, write); why != "" {
			return why
		}
	}
	return ""
}

// checkRendered writes an answer for a minimal request of op (in format f,
// for v1.1) and checks it against the contract.
func checkRendered(c *contract.Contract, op *contract.Operation, f string, write func(http.ResponseWriter, *http.Request)) string {
	target, vars := scenario.SamplePath(op.Path)
	if f != "" {
		target += "?format=" + f
	}
	req := httptest.NewRequest(op.Method, target, nil)
	req = req.WithContext(simulator.WithRequestInfo(context.Background(), &simulator.RequestInfo{Namespace: "default", Format: f}))
	rec := httptest.NewRecorder()
	write(rec, req)
	if !scenario.Declared(op, rec.Code) {
		return fmt.Sprintf("it gives HTTP %d, which operation %s does not declare (it declares %s)", rec.Code, op.ID, scenario.DeclaredList(op))
	}
	if err := c.ValidateResponse(req, op, vars, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
		return fmt.Sprintf("it would break the contract of operation %s: %v", op.ID, err)
	}
	return ""
}

// successSchema returns the JSON schema of op's first declared 2xx answer.
func successSchema(op *contract.Operation) *openapi3.Schema {
	for _, st := range []int{http.StatusOK, http.StatusCreated} {
		if ref := op.Route.Operation.Responses.Status(st); ref != nil && ref.Value != nil {
			if mt := ref.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
				return mt.Schema.Value
			}
		}
	}
	return nil
}

// hasWarningsList reports whether op's success answer has a top-level
// warnings list.
func hasWarningsList(op *contract.Operation) bool {
	s := successSchema(op)
	if s == nil {
		return false
	}
	p := s.Properties["warnings"]
	return p != nil && p.Value != nil && p.Value.Type.Is(openapi3.TypeArray)
}

var itemPaths sync.Map // *contract.Operation -> []string

// v11ItemPath returns where op's answer puts a batch's items, read from the
// contract: under response, the list (or the list inside an object) whose
// items carry item_status, such as customers.customer. nil: not a batch.
func v11ItemPath(op *contract.Operation) []string {
	if v, ok := itemPaths.Load(op); ok {
		return v.([]string)
	}
	var path []string
	if s := successSchema(op); s != nil {
		if resp := s.Properties["response"]; resp != nil && resp.Value != nil {
			path = findItems(resp.Value, 2)
		}
	}
	itemPaths.Store(op, path)
	return path
}

// arrayItems returns the item schema of s when s is an array or, as v1.1's
// lists are (an array, or its one item), has an array alternative.
func arrayItems(s *openapi3.Schema) *openapi3.Schema {
	if s.Items != nil {
		return s.Items.Value
	}
	for _, alt := range append(append([]*openapi3.SchemaRef(nil), s.AnyOf...), s.OneOf...) {
		if alt != nil && alt.Value != nil && alt.Value.Items != nil {
			return alt.Value.Items.Value
		}
	}
	return nil
}

func findItems(s *openapi3.Schema, depth int) []string {
	names := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		if k != "status" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		p := s.Properties[k]
		if p == nil || p.Value == nil {
			continue
		}
		if it := arrayItems(p.Value); it != nil && it.Properties["item_status"] != nil {
			return []string{k}
		}
		if depth > 1 {
			if sub := findItems(p.Value, depth-1); sub != nil {
				return append([]string{k}, sub...)
			}
		}
	}
	return nil
}
