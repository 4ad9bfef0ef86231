package scenario

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/v11"
	"github.com/getkin/kin-openapi/openapi3"
)

// v11RequestLevel reports whether code is a request-level v1.1 answer
// (status.code with no items): a status such as 402, or one of the codes
// v1.1 shares with v2 (400, 401, 500). Every other code is an item code.
func v11RequestLevel(code simulator.Code) bool {
	switch code {
	case simulator.CodeInvalidInput, simulator.CodeUnauthorized, simulator.CodeAllFailed:
		return true
	}
	return code.Info().Kind == simulator.KindStatus
}

// writeV11Code writes code in the v1.1 envelope, in the request's format. A
// request-level code is the status block alone. An item code fails the
// matching items of the batch as the API fails them ({identifier, item_status}
// for reads, the item echoed for writes) with status 500 when every item
// failed; when only some items match, the handler answers the others and
// the status is 201.
func writeV11Code(w http.ResponseWriter, r *http.Request, call *Call, d *Decision, code simulator.Code, next http.Handler) {
	err := simulator.Errorf(code)
	path := itemPath(call.Op)
	if v11RequestLevel(code) || path == nil || call.Items == 0 {
		v11.WriteError(w, r, err)
		return
	}
	all := true
	for i := range d.Items {
		all = all && d.Items[i]
	}
	var b v11.Batch
	if all {
		for i := 0; i < call.Items; i++ {
			res := v11.Failed(err)
			b.Add(failedItem(call, i, res), res)
		}
		replyItems(w, r, path, v11.Obj{{Key: "status", Val: b.Status()}}, &b)
		return
	}
	// Some items match. The handler answers the others: reads run it on the
	// whole request (nothing changes); writes on the other items only, unless
	// it has run already (after-commit) on all of them.
	out, coversAll := d.Handled, true
	if out == nil {
		var body []byte
		if call.Op.Method != http.MethodGet {
			body, coversAll = otherItems(call, d.Items), false
		}
		out = RunHandler(next, r, true, body)
	}
	root, items, ok := handlerItems(out.Body.Bytes(), path)
	want := call.Items
	if !coversAll {
		want = 0
		for _, m := range d.Items {
			if !m {
				want++
			}
		}
	}
	if !ok || len(items) != want {
		// The handler refused the request as a whole: its answer stands.
		if root == nil {
			v11.WriteError(w, r, simulator.Errorf(simulator.CodeAllFailed))
			return
		}
		sv, _ := root.Get("status")
		st, _ := sv.(v11.Obj)
		cv, _ := st.Get("code")
		n, _ := cv.(int64)
		v11.Reply(w, r, root, int(n))
		return
	}
	j := 0
	for i := 0; i < call.Items; i++ {
		if d.Items[i] {
			res := v11.Failed(err)
			b.Add(failedItem(call, i, res), res)
			if coversAll {
				j++
			}
			continue
		}
		item, _ := items[j].(v11.Obj)
		b.Add(item, resultOf(item))
		j++
	}
	replyItems(w, r, path, root.Set("status", b.Status()), &b)
}

// replyItems puts b's items at path in root and writes it.
func replyItems(w http.ResponseWriter, r *http.Request, path []string, root v11.Obj, b *v11.Batch) {
	if len(path) == 1 {
		root = root.Set(path[0], b.Items())
	} else {
		root = root.Set(path[0], v11.Obj{{Key: path[1], Val: b.Items()}})
	}
	v11.Reply(w, r, root, b.Codes()...)
}

// failedItem renders item i failing with res, as the API renders a failed
// item: a read's identifier as sent, a write's identifiers and names echoed.
func failedItem(call *Call, i int, res v11.Result) v11.Obj {
	it := call.v11Items[i]
	if it.raw == nil {
		return v11.Obj{{Key: it.ident.Name, Val: it.ident.Value}, {Key: "item_status", Val: res.ItemStatus()}}
	}
	var out v11.Obj
	for _, k := range []string{v11.IdentMobile, v11.IdentEmail, v11.IdentExternalID, "firstname", "lastname"} {
		out = append(out, v11.Field{Key: k, Val: it.raw.String(k)})
	}
	return append(out, v11.Field{Key: "item_status", Val: res.ItemStatus()})
}

// otherItems returns a JSON body with the items of call that d does not
// match, and the rest of the root as it was.
func otherItems(call *Call, matched []bool) []byte {
	root := map[string]any{}
	for k, v := range call.Body.(map[string]any) {
		root[k] = v
	}
	var keep []any
	for i, it := range call.v11Items {
		if !matched[i] {
			keep = append(keep, map[string]any(it.raw))
		}
	}
	root["customer"] = keep
	b, _ := json.Marshal(map[string]any{"root": root})
	return b
}

// RunHandler runs next for r with an info of its own, so that its codes stay
// out of the journal, and returns its answer: in JSON when forceJSON (a
// v1.1 answer to take apart), for body when given.
func RunHandler(next http.Handler, r *http.Request, forceJSON bool, body []byte) *httptest.ResponseRecorder {
	info := simulator.Info(r.Context())
	hinfo := &simulator.RequestInfo{ID: info.ID, Namespace: info.Namespace, Till: info.Till, Client: info.Client,
		OperationID: info.OperationID, API: info.API, Start: info.Start, Format: info.Format}
	hr := r.Clone(simulator.WithRequestInfo(r.Context(), hinfo))
	if forceJSON {
		q := hr.URL.Query()
		q.Set("format", "json")
		hr.URL.RawQuery = q.Encode()
		hinfo.Format = "json"
	}
	if body != nil {
		hr.Body = io.NopCloser(bytes.NewReader(body))
		hr.ContentLength = int64(len(body))
		hr.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, hr)
	return rec
}

// handlerItems parses a v1.1 JSON answer into its tree and the items at path.
func handlerItems(data []byte, path []string) (v11.Obj, v11.List, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readTree(dec)
	top, _ := v.(v11.Obj)
	if err != nil || top == nil {
		return nil, nil, false
	}
	rv, _ := top.Get("response")
	root, _ := rv.(v11.Obj)
	var cur any = root
	for _, k := range path {
		o, _ := cur.(v11.Obj)
		cur, _ = o.Get(k)
	}
	items, ok := cur.(v11.List)
	return root, items, ok && root != nil
}

// readTree reads one JSON value as a v11 value tree, keeping key order.
func readTree(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			l := v11.List{}
			for dec.More() {
				v, err := readTree(dec)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := dec.Token()
			return l, err
		}
		o := v11.Obj{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			v, err := readTree(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, v11.Field{Key: k, Val: v})
		}
		_, err := dec.Token()
		return o, err
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n, nil
		}
		f, _ := t.Float64()
		return f, nil
	}
	return tok, nil
}

// resultOf reads an item's outcome back from its item_status, so the status
// block counts the handler's items as the handler did.
func resultOf(item v11.Obj) v11.Result {
	sv, _ := item.Get("item_status")
	st, _ := sv.(v11.Obj)
	get := func(k string) string { v, _ := st.Get(k); s, _ := v.(string); return s }
	n, _ := strconv.Atoi(get("code"))
	code, ok := simulator.Lookup(simulator.V11, n)
	if !ok {
		code = simulator.Code(n)
	}
	var warnings []*simulator.Error
	if wv, ok := st.Get("warnings"); ok {
		wo, _ := wv.(v11.Obj)
		lv, _ := wo.Get("warning")
		list, _ := lv.(v11.List)
		for _, x := range list {
			s, _ := x.(string)
			if wn, err := strconv.Atoi(s); err == nil {
				if wc, ok := simulator.Lookup(simulator.Both, wn); ok {
					warnings = append(warnings, simulator.Errorf(wc))
				}
			}
		}
	}
	if get("success") == "true" {
		return v11.Succeeded(code, warnings...)
	}
	return v11.Result{Err: simulator.Errorf(code), Warnings: warnings}
}

var itemPaths sync.Map // *contract.Operation -> []string

// itemPath returns where op's answer puts a batch's items, read from the
// contract: under response, the list (or the list inside an object) whose
// items carry item_status, such as customers.customer. nil: not a batch.
func itemPath(op *contract.Operation) []string {
	if v, ok := itemPaths.Load(op); ok {
		return v.([]string)
	}
	var path []string
	if ref := op.Route.Operation.Responses.Status(http.StatusOK); ref != nil && ref.Value != nil {
		if mt := ref.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
			if resp := mt.Schema.Value.Properties["response"]; resp != nil && resp.Value != nil {
				path = findItems(resp.Value, 2)
			}
		}
	}
	itemPaths.Store(op, path)
	return path
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
		if p.Value.Items != nil && p.Value.Items.Value != nil && p.Value.Items.Value.Properties["item_status"] != nil {
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
