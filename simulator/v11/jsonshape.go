package v11

import (
	"fmt"
	"strings"
	"sync"
)

// JSONLists is how a v1.1 JSON answer writes the lists of its value tree.
//
// The real API builds its JSON from its XML: an element that appears once
// is an object, one that repeats is an array, an element with nothing in it
// is "". So a client written against one operation's sample meets
// "customer": {...} where another operation's sample, or a second customer,
// gives "customer": [...]. The reference prints each operation's sample as
// that operation's renderer wrote it; capsim follows it per operation
// (JSONListsDocumented), or as typed clients read it (JSONListsObserved),
// and lets a team switch to either uniform form to prove its parser copes
// with both.
//
// Lists and scalar types are two switches with one default: JSONLists says
// how lists are written, JSONTypes how the scalars of typeRows are typed.
// When no list mode is given (--v11-json-lists or its header), it follows
// the type mode: documented types write documented lists, every other type
// mode observed lists (ResolveJSONLists). A list mode given explicitly wins.
type JSONLists string

// The JSON list modes (--v11-json-lists, X-Capsim-V11-Json-Lists).
const (
	// JSONListsDocumented writes each path as the operation's sample shows
	// it (documentedShapes): a list the sample prints as one object is an
	// object while it holds one item, an element the sample prints as ""
	// is "" when empty.
	JSONListsDocumented JSONLists = "documented"
	// JSONListsObserved is JSONListsDocumented except for the lists typed
	// clients .map() and .find() over (observedArrays), which are arrays
	// even with one element, as 009 shows them.
	JSONListsObserved JSONLists = "observed"
	// JSONListsAlways writes every list as an array ([] when empty), as the
	// get sample (the newest renderer in the reference) writes them.
	JSONListsAlways JSONLists = "always"
	// JSONListsSingleObject writes every list of one item as that item, as
	// the real API's XML-to-JSON rendering does everywhere; empty elements
	// as documented.
	JSONListsSingleObject JSONLists = "single-object"
)

// HeaderJSONLists overrides the JSON list mode for one request.
const HeaderJSONLists = "X-Capsim-V11-Json-Lists"

// ParseJSONLists returns the mode named s (case-insensitive).
func ParseJSONLists(s string) (JSONLists, error) {
	switch m := JSONLists(strings.ToLower(strings.TrimSpace(s))); m {
	case JSONListsDocumented, JSONListsObserved, JSONListsAlways, JSONListsSingleObject:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a JSON list mode: want documented, observed, always or single-object", s)
}

// ResolveJSONLists returns the list mode in force: lists when one was given,
// else the one the type mode implies (documented for documented types,
// observed for the others).
func ResolveJSONLists(lists JSONLists, types JSONTypes) JSONLists {
	switch {
	case lists != "":
		return lists
	case types == JSONTypesDocumented:
		return JSONListsDocumented
	}
	return JSONListsObserved
}

// observedArrays are the lists (by the last two keys of their path) that
// typed clients map over and 009 prints as arrays even with one element:
// JSONListsObserved never writes them as one object.
var observedArrays = []string{
	"transactions.transaction",
	"custom_fields.field",
	"extended_fields.field",
}

// shape is what the documented samples and typeRows say about one path of
// an operation's answer, and the shapes of the paths below it.
type shape struct {
	kids map[string]*shape
	// one: a list of one item is written as the item (the sample prints an
	// object); several are still an array.
	one bool
	// empty: an empty list, or an object with nothing to write, is "".
	empty bool
	// array: a list observed clients map over (observedArrays).
	array bool
	// typed: the path has a row in typeRows, which says how its scalar is
	// written in the documented and observed modes; mix seeds the mixed mode.
	typed                bool
	documented, observed form
	mix                  uint32
}

// documentedShapes is the table of what each operation's documented JSON
// sample shows where capsim's value tree alone would write something else,
// keyed by operation id, one "path: kinds" line per path below response
// (kinds: one, empty). A path the table does not name is written as the
// tree holds it: lists as arrays. Scalar types are typeRows' business. The
// table is checked against the reference's samples by TestReferenceShapes.
var documentedShapes = map[string][]string{
	"addCustomerV11":            {},
	"updateCustomerV11":         updateShapes,
	"updateCustomerV11Put":      updateShapes,
	"updateCustomerIdentityV11": {"customers.customer: one"},
	"searchCustomersV11": {
		// The sample shows attribute as an object for one attribute and
		// an array for two: the XML-to-JSON rule, which "one" is.
		"customer.results.item.attributes.attribute: one",
	},
	// get's sample keeps one customer in an array and status.code a
	// number: the tree as it is.
	"getCustomersV11": {},
	"getCustomerTransactionsV11": {
		"customer: one",
		"customer.transactions.transaction: one",
		"customer.transactions.transaction.coupons: empty",
		"customer.transactions.transaction.line_items.line_item: one empty",
	},
	"getCustomerRedemptionsV11": {
		"customer: one",
		"customer.redemptions.coupons.coupon: one",
		"customer.redemptions.points.point: one",
	},
	"addCustomerNotesV11": {"customer: one", "customer.notes.note: one"},
	"getCustomerNotesV11": {"customer: one", "customer.notes.note: one"},
	"getCustomerCouponsV11": {
		"customers.customer: one",
		"customers.customer.coupons.coupon: one",
		"customers.customer.coupons.coupon.redemptions.redemption: one",
	},
	"addCustomerTicketsV11": {
		"customers.customer: one",
		"customers.customer.ticket: one",
		"customers.customer.ticket.custom_fields.field: one",
	},
	"getCustomerTicketsV11": {
		"customer: one",
		"customer.tickets.ticket: one",
		"customer.tickets.ticket.custom_fields.field: one",
	},
	"addCustomerReferralsV11": {"customers.customer: one"},
	"getCustomerReferralsV11": {
		"customer: one",
		"customer.incentives.event_type.coupons.coupon: one",
	},
	"setCustomerPreferencesV11": {"customers.customer: one"},
	"getCustomerPreferencesV11": {"customers.customer: one"},
	"getCustomerInteractionsV11": {
		"customer: one",
		// network is an array of three in the sample; interaction is an
		// object for one and an array for two: the XML-to-JSON rule.
		"customer.interactions.network.interaction: one",
		"customer.interactions.network.interaction.locs.loc: one",
		"customer.interactions.network.interaction.messages.message: one",
	},
	"getCustomerSubscriptionsV11": {"subscriptions.subscription: one"},
	// The points samples (005).
	"isPointsRedeemableV11":        {},
	"issuePointsValidationCodeV11": {},
	"redeemPointsV11":              {},
	// The coupon samples (006) print one coupon as an object; resend's
	// prints its coupon in an array.
	"issueCouponV11":        {"coupon: one"},
	"resendCouponV11":       {},
	"redeemCouponV11":       {"coupons.coupon: one"},
	"isCouponRedeemableV11": {"coupons.redeemable: one"},
	"getCouponV11":          {"coupons.coupon: one"},
	"getCouponSeriesV11":    {"series.items.item: one"},
	// The transaction samples (004) print transaction as an array on add
	// and get, as one object on update and the local-currency add.
	"addTransactionV11":                  {},
	"addTransactionWithLocalCurrencyV11": {"transactions.transaction: one"},
	"updateTransactionV11":               {"transactions.transaction: one"},
	"getTransactionV11":                  {},
}

var updateShapes = []string{
	"customers.customer: one",
	"customers.customer.custom_fields.field: one",
}

// shapes is documentedShapes and typeRows compiled into one tree per
// operation, when a v1.1 JSON answer first needs them (compiling them was
// a millisecond of every start; TestShapesCompile compiles them in the
// tests).
var shapes = sync.OnceValue(func() map[string]*shape { return compileShapes(documentedShapes, typeRows) })

// compileShapes turns the tables into trees; a malformed line panics (the
// tables are code).
func compileShapes(table map[string][]string, types []typeRow) map[string]*shape {
	out := make(map[string]*shape, len(table))
	for op, lines := range table {
		root := &shape{}
		for _, line := range lines {
			path, kinds, ok := strings.Cut(line, ":")
			if !ok {
				panic("v11: shape line without kinds: " + line)
			}
			n := root.at(strings.TrimSpace(path))
			for _, kind := range strings.Fields(kinds) {
				switch kind {
				case "one":
					n.one = true
				case "empty":
					n.empty = true
				default:
					panic("v11: unknown shape kind " + kind + " in " + line)
				}
			}
		}
		out[op] = root
	}
	addTypes(out, types)
	for _, root := range out {
		root.markArrays("")
	}
	return out
}

// at returns the node of path below n, adding the nodes it lacks.
func (n *shape) at(path string) *shape {
	for _, k := range strings.Split(path, ".") {
		if n.kids == nil {
			n.kids = map[string]*shape{}
		}
		if n.kids[k] == nil {
			n.kids[k] = &shape{}
		}
		n = n.kids[k]
	}
	return n
}

// markArrays marks the nodes below n (reached by key parent) that
// observedArrays names.
func (n *shape) markArrays(parent string) {
	for k, kid := range n.kids {
		for _, a := range observedArrays {
			if a == parent+"."+k {
				kid.array = true
			}
		}
		kid.markArrays(k)
	}
}

// jsonShape is how one JSON answer is written: the list and type modes
// (and, for mixed types, the seed and what was written so far). The zero
// value writes the tree as it is.
type jsonShape struct {
	mode  JSONLists
	types JSONTypes
	seed  int64
	seen  map[*shape]uint32 // occurrences of each typed path (mixed)
}

// child returns the shape of key below n (nil: none).
func (n *shape) child(key string) *shape {
	if n == nil {
		return nil
	}
	return n.kids[key]
}

// listOne reports whether a list of one item at n is written as the item.
func (js *jsonShape) listOne(n *shape) bool {
	switch js.mode {
	case JSONListsSingleObject:
		return true
	case JSONListsDocumented:
		return n != nil && n.one
	case JSONListsObserved:
		return n != nil && n.one && !n.array
	}
	return false
}

// asEmpty reports whether an empty value at n is written as "".
func (js *jsonShape) asEmpty(n *shape) bool {
	return js.mode != JSONListsAlways && js.mode != "" && n != nil && n.empty
}
