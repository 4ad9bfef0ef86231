package v11

import (
	"fmt"
	"strings"
)

// JSONLists is how a v1.1 JSON answer writes the lists of its value tree.
//
// The real API builds its JSON from its XML: an element that appears once
// is an object, one that repeats is an array, an element with nothing in it
// is "". So a client written against one operation's sample meets
// "customer": {...} where another operation's sample, or a second customer,
// gives "customer": [...]. The reference prints each operation's sample as
// that operation's renderer wrote it; capsim follows it per operation
// (JSONListsDocumented) and lets a team switch to either uniform form to
// prove its parser copes with both.
type JSONLists string

// The JSON list modes (--v11-json-lists, X-Capsim-V11-Json-Lists).
const (
	// JSONListsDocumented writes each path as the operation's sample shows
	// it (documentedShapes): a list the sample prints as one object is an
	// object while it holds one item, an element the sample prints as "" is
	// "" when empty, and status.code and user_id are strings where the
	// sample prints strings.
	JSONListsDocumented JSONLists = "documented"
	// JSONListsAlways writes the value tree as it is: every list an array
	// ([] when empty), numbers as numbers, as the get sample (the newest
	// renderer in the reference) writes them and capsim did before.
	JSONListsAlways JSONLists = "always"
	// JSONListsSingleObject writes every list of one item as that item, as
	// the real API's XML-to-JSON rendering does everywhere; empty elements
	// and scalars as documented.
	JSONListsSingleObject JSONLists = "single-object"
)

// HeaderJSONLists overrides the JSON list mode for one request.
const HeaderJSONLists = "X-Capsim-V11-Json-Lists"

// ParseJSONLists returns the mode named s (case-insensitive).
func ParseJSONLists(s string) (JSONLists, error) {
	switch m := JSONLists(strings.ToLower(strings.TrimSpace(s))); m {
	case JSONListsDocumented, JSONListsAlways, JSONListsSingleObject:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a JSON list mode: want documented, always or single-object", s)
}

// shape is what the documented samples say about one path of an
// operation's answer, and the shapes of the paths below it.
type shape struct {
	kids map[string]*shape
	// one: a list of one item is written as the item (the sample prints an
	// object); several are still an array.
	one bool
	// empty: an empty list, or an object with nothing to write, is "".
	empty bool
	// text: a number is written as a string ("200", "17742").
	text bool
}

// documentedShapes is the table of what each operation's documented JSON
// sample shows where capsim's value tree alone would write something else,
// keyed by operation id, one "path: kinds" line per path below response
// (kinds: one, empty, text). A path the table does not name is written as
// the tree holds it: lists as arrays, numbers as numbers. The table is
// checked against the reference's samples by TestReferenceShapes.
var documentedShapes = map[string][]string{
	"addCustomerV11": {
		"status.code: text",
		"customers.customer.user_id: text",
	},
	"updateCustomerV11":         updateShapes,
	"updateCustomerV11Put":      updateShapes,
	"updateCustomerIdentityV11": {"status.code: text", "customers.customer: one"},
	"searchCustomersV11": {
		"status.code: text",
		// The sample shows attribute as an object for one attribute and
		// an array for two: the XML-to-JSON rule, which "one" is.
		"customer.results.item.attributes.attribute: one",
	},
	// get's sample keeps one customer in an array and status.code a
	// number: the tree as it is.
	"getCustomersV11": {},
	"getCustomerTransactionsV11": {
		"status.code: text",
		"customer: one",
		"customer.transactions.transaction: one",
		"customer.transactions.transaction.coupons: empty",
		"customer.transactions.transaction.line_items.line_item: one empty",
	},
	"getCustomerRedemptionsV11": {
		"status.code: text",
		"customer: one",
		"customer.redemptions.coupons.coupon: one",
		"customer.redemptions.points.point: one",
	},
	"addCustomerNotesV11": {"status.code: text", "customer: one", "customer.notes.note: one"},
	"getCustomerNotesV11": {"status.code: text", "customer: one", "customer.notes.note: one"},
	"getCustomerCouponsV11": {
		"status.code: text",
		"customers.customer: one",
		"customers.customer.coupons.coupon: one",
		"customers.customer.coupons.coupon.redemptions.redemption: one",
	},
	"addCustomerTicketsV11": {
		"status.code: text",
		"customers.customer: one",
		"customers.customer.ticket: one",
		"customers.customer.ticket.custom_fields.field: one",
	},
	"getCustomerTicketsV11": {
		"status.code: text",
		"customer: one",
		"customer.tickets.ticket: one",
		"customer.tickets.ticket.custom_fields.field: one",
	},
	"addCustomerReferralsV11": {"status.code: text", "customers.customer: one"},
	"getCustomerReferralsV11": {
		"status.code: text",
		"customer: one",
		"customer.incentives.event_type.coupons.coupon: one",
	},
	"setCustomerPreferencesV11": {"status.code: text", "customers.customer: one"},
	"getCustomerPreferencesV11": {"status.code: text", "customers.customer: one"},
	"getCustomerInteractionsV11": {
		"status.code: text",
		"status.response_code: text",
		"customer: one",
		// network is an array of three in the sample; interaction is an
		// object for one and an array for two: the XML-to-JSON rule.
		"customer.interactions.network.interaction: one",
		"customer.interactions.network.interaction.locs.loc: one",
		"customer.interactions.network.interaction.messages.message: one",
	},
	// The add and return samples print transaction as an array, ids as
	// numbers and status.code as a number; the get sample likewise.
	"addTransactionV11":                  {},
	"addTransactionWithLocalCurrencyV11": {"status.code: text", "transactions.transaction: one"},
	"updateTransactionV11":               {"status.code: text", "transactions.transaction: one"},
	"getTransactionV11":                  {},
	"setCustomerSubscriptionsV11":        {"status.code: text"},
	"getCustomerSubscriptionsV11":        {"status.code: text", "subscriptions.subscription: one"},
}

var updateShapes = []string{
	"status.code: text",
	"customers.customer: one",
	"customers.customer.user_id: text",
	"customers.customer.custom_fields.field: one",
}

// shapes is documentedShapes compiled into one tree per operation.
var shapes = compileShapes(documentedShapes)

// compileShapes turns the table into trees; a malformed line panics at
// start-up (the table is code).
func compileShapes(table map[string][]string) map[string]*shape {
	out := make(map[string]*shape, len(table))
	for op, lines := range table {
		root := &shape{}
		for _, line := range lines {
			path, kinds, ok := strings.Cut(line, ":")
			if !ok {
				panic("v11: shape line without kinds: " + line)
			}
			n := root
			for _, k := range strings.Split(strings.TrimSpace(path), ".") {
				if n.kids == nil {
					n.kids = map[string]*shape{}
				}
				if n.kids[k] == nil {
					n.kids[k] = &shape{}
				}
				n = n.kids[k]
			}
			for _, kind := range strings.Fields(kinds) {
				switch kind {
				case "one":
					n.one = true
				case "empty":
					n.empty = true
				case "text":
					n.text = true
				default:
					panic("v11: unknown shape kind " + kind + " in " + line)
				}
			}
		}
		out[op] = root
	}
	return out
}

// jsonShape is how one JSON answer is written: the operation's shapes and
// the list mode. The zero value writes the tree as it is.
type jsonShape struct {
	mode JSONLists
}

// child returns the shape of key below n (nil: none).
func (n *shape) child(key string) *shape {
	if n == nil {
		return nil
	}
	return n.kids[key]
}

// listOne reports whether a list of one item at n is written as the item.
func (js jsonShape) listOne(n *shape) bool {
	switch js.mode {
	case JSONListsSingleObject:
		return true
	case JSONListsDocumented:
		return n != nil && n.one
	}
	return false
}

// asEmpty reports whether an empty value at n is written as "".
func (js jsonShape) asEmpty(n *shape) bool {
	return js.mode != JSONListsAlways && js.mode != "" && n != nil && n.empty
}

// asText reports whether a number at n is written as a string.
func (js jsonShape) asText(n *shape) bool {
	return js.mode != JSONListsAlways && js.mode != "" && n != nil && n.text
}
