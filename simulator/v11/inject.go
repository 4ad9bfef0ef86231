package v11

import (
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
)

// This file is the v1.1 envelope's side of scenario injection: a batch
// fails the items a scenario names, or adds its warning to the items that
// succeed, as the request's info asks (simulator.Injection). The scenario
// engine only decides; the envelope carries.

// newBatch returns the batch of r's answer, carrying r's injection.
func newBatch(r *http.Request) Batch {
	return Batch{inject: simulator.Info(r.Context()).Inject}
}

// item adds the next item of the batch: run computes it (and does its
// work), echo renders it failed. An item a scenario fails is not run, or is
// run and then failed when the scenario keeps its work (after-commit); an
// item that succeeds carries the scenario's warning.
func (b *Batch) item(run func() (Obj, Result), echo func(Result) Obj) {
	in := b.inject
	if in.Failure() && in.Item(len(b.items)) {
		if in.AfterCommit {
			run()
		}
		res := Failed(simulator.Errorf(in.Code))
		b.Add(echo(res), res)
		return
	}
	b.Add(run())
}

// carryWarning adds the injected warning to a successful item that the
// injection names.
func (b *Batch) carryWarning(item Obj, res Result) (Obj, Result) {
	in := b.inject
	if !in.Warning() || !res.OK() || !in.Item(len(b.items)) {
		return item, res
	}
	res.Warnings = append(append([]*simulator.Error(nil), res.Warnings...), simulator.Errorf(in.Code))
	if _, ok := item.Get("item_status"); ok {
		item = item.Set("item_status", res.ItemStatus())
	}
	return item, res
}

// identEcho renders a read's item that failed: the identifier as sent.
func identEcho(id Ident) func(Result) Obj {
	return func(res Result) Obj { return Obj{{id.Name, id.Value}, {"item_status", res.ItemStatus()}} }
}

// customerEcho renders a write's item that failed as the API echoes it:
// the customer's identifiers and names as sent.
func customerEcho(in Values) func(Result) Obj {
	return func(res Result) Obj {
		var out Obj
		for _, k := range []string{IdentMobile, IdentEmail, IdentExternalID, "firstname", "lastname"} {
			out = append(out, Field{Key: k, Val: in.String(k)})
		}
		return append(out, Field{Key: "item_status", Val: res.ItemStatus()})
	}
}

// writeEcho returns how the write at path renders a failed item: the
// identity change as sent for update_identity, the customer as sent for the
// others.
func writeEcho(path string) func(Values) func(Result) Obj {
	switch {
	case path == "/v1.1/customer/update_identity":
		return identityEcho
	case strings.HasPrefix(path, "/v1.1/coupon/"):
		return couponEcho
	case path == "/v1.1/transaction/add", path == "/v1.1/transaction/add_with_local_currency", path == "/v1.1/transaction/update":
		return transactionEcho
	}
	return customerEcho
}

// RequestLevel reports whether code is a request-level v1.1 answer
// (status.code with no items): a status such as 402, or one of the codes
// v1.1 shares with v2 (400, 401, 500). Every other code is an item code.
func RequestLevel(code simulator.Code) bool {
	switch code {
	case simulator.CodeInvalidInput, simulator.CodeUnauthorized, simulator.CodeAllFailed:
		return true
	}
	return code.Info().Kind == simulator.KindStatus
}

// Describe reads a v1.1 request for the scenario engine: its body under the
// root (nil when it has none or it cannot be read) and the customer
// identifiers of its batch items, in the order the API answers them (the
// identifiers of a read's query, mobile=a,b being two items, or the objects
// of a write's root.customer[]), appended to ids, with the number of items.
func Describe(r *http.Request, ids []simulator.RequestIdentifier) (body map[string]any, _ []simulator.RequestIdentifier, items int) {
	if len(simulator.Info(r.Context()).Body) > 0 {
		if v, err := ReadBody(r); err == nil {
			body = map[string]any(v)
			list := v.List("customer")
			if len(list) == 0 {
				for _, it := range v.List("coupon") { // the coupon writes name the customer inside each coupon
					list = append(list, it.Values("customer"))
				}
			}
			for i, it := range list {
				for _, name := range []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, "user_id"} {
					ids = simulator.AppendIdentifier(ids, identifierTypes[name], it.String(name), i)
				}
				items++
			}
			// A transaction write's items name their customer in a block.
			for i, it := range v.List("transaction") {
				cust := it.Values("customer")
				for _, name := range []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, "user_id"} {
					ids = simulator.AppendIdentifier(ids, identifierTypes[name], cust.String(name), i)
				}
				items++
			}
			return body, ids, items
		}
	}
	if r.Method != http.MethodGet {
		return body, nil, 0
	}
	idents, err := QueryIdents(simulator.Query(r), 0)
	if err != nil {
		return body, nil, 0
	}
	for i, id := range idents {
		ids = simulator.AppendIdentifier(ids, identifierTypes[id.Name], id.Value, i)
	}
	return body, ids, len(idents)
}

// identifierTypes maps v1.1 identifier names to identifier types.
var identifierTypes = map[string]string{
	IdentMobile:     simulator.IDMobile,
	IdentEmail:      simulator.IDEmail,
	IdentExternalID: simulator.IDExternalID,
	IdentID:         simulator.IDCustomer,
	"user_id":       simulator.IDCustomer,
	IdentCardNumber: simulator.IDCardNumber,
}

// WriteSampleBatch writes the batch answer of one item carrying in (failed
// by it, or succeeding with its warning) under path, as a minimal request
// gets it from the operation method opPath: for checking a scenario
// against the contract.
func WriteSampleBatch(w http.ResponseWriter, r *http.Request, path []string, in simulator.Injection, method, opPath string) {
	b := Batch{inject: &in}
	echo := identEcho(Ident{Name: IdentMobile, Value: "0"})
	if method != http.MethodGet {
		echo = writeEcho(opPath)(Values{IdentMobile: "0", "identifier": IdentMobile, "old_value": "0", "new_value": "1"})
	}
	b.item(func() (Obj, Result) {
		res := Succeeded(simulator.CodeCustomerRetrieved)
		return echo(res), res
	}, echo)
	root := Obj{{"status", b.Status()}}
	if len(path) == 1 {
		root = append(root, Field{path[0], b.Items()})
	} else {
		root = append(root, Field{path[0], Obj{{path[1], b.Items()}}})
	}
	reply(w, r, root, b.Codes()...)
}
