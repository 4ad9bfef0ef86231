package v11

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
)

// JSONTypes is how a v1.1 JSON answer types the scalars whose type the
// reference's samples and the live service disagree on: status.code,
// user_id, the points counters.
//
// The samples in 001 print most numbers as strings ("code": "200",
// "loyalty_points": "4776"), because the real API renders its JSON from its
// XML. Public typed clients (TypeScript, C#, Python, PHP) bind what the live
// service answers instead: status.code an integer on add, update, get and
// transactions, the counters numbers, item_status.code, success and
// success_count strings. The vendor's current OpenAPI description (009)
// agrees, operation by operation. capsim answers as those clients expect by
// default (JSONTypesObserved), as each sample prints (JSONTypesDocumented),
// or in one form or both, to prove a client copes with either.
type JSONTypes string

// The JSON type modes (--v11-json-types, X-Capsim-V11-Json-Types).
const (
	// JSONTypesObserved writes each field of typeRows as the live service
	// answers (009 and the public clients): the default.
	JSONTypesObserved JSONTypes = "observed"
	// JSONTypesDocumented writes each field as the operation's sample in
	// the reference prints it: capsim's answers before the switch existed.
	JSONTypesDocumented JSONTypes = "documented"
	// JSONTypesStrings writes every field of typeRows as a string.
	JSONTypesStrings JSONTypes = "strings"
	// JSONTypesNumbers writes every field of typeRows as a number (when its
	// value is one: "" and names stay strings).
	JSONTypesNumbers JSONTypes = "numbers"
	// JSONTypesMixed writes each occurrence of a field of typeRows as a
	// string or a number, deterministically: the form depends on the field,
	// its occurrence in the answer and --seed, and flips for every field
	// between seed n and seed n+1, so two CI runs (--seed 1, --seed 2) meet
	// every field in both forms.
	JSONTypesMixed JSONTypes = "mixed"
)

// HeaderJSONTypes overrides the JSON type mode for one request.
const HeaderJSONTypes = "X-Capsim-V11-Json-Types"

// ParseJSONTypes returns the mode named s (case-insensitive).
func ParseJSONTypes(s string) (JSONTypes, error) {
	switch m := JSONTypes(strings.ToLower(strings.TrimSpace(s))); m {
	case JSONTypesObserved, JSONTypesDocumented, JSONTypesStrings, JSONTypesNumbers, JSONTypesMixed:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a JSON type mode: want observed, documented, strings, numbers or mixed", s)
}

// form is how one scalar is written in JSON.
type form uint8

const (
	asText   form = iota + 1 // "200"
	asNumber                 // 200
)

// typeRow says how one field of one operation's answer is typed in the
// documented and the observed modes (strings, numbers and mixed need no
// column). path is below response, as in documentedShapes.
type typeRow struct {
	op, path             string
	documented, observed form
}

// typeRows is the one table of the JSON scalars whose type a mode changes,
// by operation id and path below response. A field it does not name is
// written as the value tree holds it, in every mode.
//
// To type a field of a new operation, add one line here:
//
//	{"addTransactionV11", "status.code", asText, asNumber},
//
// (documented: as the operation's sample prints it; observed: as 009 or the
// clients show it), and let the operation's response schema take both forms
// (NumberOrText in openapi/v11*.yaml): every mode is checked against the
// contract. TestJSONTypesTable checks that every row names an operation of
// the contract.
var typeRows = []typeRow{
	// op                           path                                                    documented observed
	{"addCustomerV11", "status.code", asText, asNumber}, // 009: 200
	{"addCustomerV11", "customers.customer.user_id", asText, asNumber},
	{"updateCustomerV11", "status.code", asText, asNumber},
	{"updateCustomerV11", "customers.customer.user_id", asText, asNumber},
	{"updateCustomerV11Put", "status.code", asText, asNumber},
	{"updateCustomerV11Put", "customers.customer.user_id", asText, asNumber},
	{"updateCustomerIdentityV11", "status.code", asText, asNumber},
	{"searchCustomersV11", "status.code", asText, asText}, // 009: "200"
	{"getCustomersV11", "status.code", asNumber, asNumber},
	{"getCustomersV11", "customers.customer.lifetime_points", asNumber, asNumber},
	{"getCustomersV11", "customers.customer.lifetime_purchases", asNumber, asNumber},
	{"getCustomersV11", "customers.customer.loyalty_points", asNumber, asNumber},
	{"getCustomerTransactionsV11", "status.code", asText, asNumber}, // 008 and 009: 200
	{"getCustomerTransactionsV11", "customer.lifetime_points", asText, asNumber},
	{"getCustomerTransactionsV11", "customer.lifetime_purchases", asText, asNumber},
	{"getCustomerTransactionsV11", "customer.loyalty_points", asText, asNumber},
	{"getCustomerTransactionsV11", "customer.count", asText, asNumber}, // 009: 51
	{"getCustomerRedemptionsV11", "status.code", asText, asNumber},     // 009: 200
	{"getCustomerRedemptionsV11", "customer.rows", asText, asNumber},
	{"getCustomerRedemptionsV11", "customer.redemptions.points.point.id", asText, asNumber},
	{"addCustomerNotesV11", "status.code", asText, asText}, // 009: "200"
	{"getCustomerNotesV11", "status.code", asText, asText},
	{"getCustomerCouponsV11", "status.code", asText, asNumber}, // 009: 200
	{"addCustomerTicketsV11", "status.code", asText, asText},   // 009: "200"
	{"getCustomerTicketsV11", "status.code", asText, asText},
	{"addCustomerReferralsV11", "status.code", asText, asNumber}, // 009: 200
	{"getCustomerReferralsV11", "status.code", asText, asNumber},
	{"setCustomerPreferencesV11", "status.code", asText, asText}, // 009: "200"
	{"getCustomerPreferencesV11", "status.code", asText, asText},
	{"getCustomerInteractionsV11", "status.code", asText, asText},
	{"getCustomerInteractionsV11", "status.response_code", asText, asText},
	{"setCustomerSubscriptionsV11", "status.code", asText, asText},   // 009: "200"
	{"getCustomerSubscriptionsV11", "status.code", asText, asNumber}, // 009: 200
	// The points samples (005) print isredeemable's and validationcode's
	// codes and ratio as strings, redeem's as numbers (009: 200).
	{"isPointsRedeemableV11", "status.code", asText, asText},
	{"isPointsRedeemableV11", "points.redeemable.points_currency_ratio", asText, asText},
	{"isPointsRedeemableV11", "points.redeemable.item_status.code", asText, asText},
	{"issuePointsValidationCodeV11", "status.code", asText, asText},
	{"issuePointsValidationCodeV11", "validation_code.code.item_status.code", asText, asText},
	{"redeemPointsV11", "status.code", asNumber, asNumber},
	// The coupon samples (006) print status.code as a string; 009 shows
	// no other form for them.
	{"issueCouponV11", "status.code", asText, asText},
	{"resendCouponV11", "status.code", asText, asText},
	{"redeemCouponV11", "status.code", asText, asText},
	{"isCouponRedeemableV11", "status.code", asText, asText},
	{"getCouponV11", "status.code", asText, asText},
	{"getCouponSeriesV11", "status.code", asText, asText},
	// The transaction samples (004) print add's and get's status.code as a
	// number (009 and 010: 200), update's and the local-currency add's as
	// a string.
	{"addTransactionV11", "status.code", asNumber, asNumber},
	{"getTransactionV11", "status.code", asNumber, asNumber},
	{"addTransactionWithLocalCurrencyV11", "status.code", asText, asNumber},
	{"updateTransactionV11", "status.code", asText, asNumber},
}

// addTypes adds the rows of table to the shape trees.
func addTypes(trees map[string]*shape, table []typeRow) {
	for _, row := range table {
		if row.documented == 0 || row.observed == 0 {
			panic("v11: type row without both forms: " + row.op + " " + row.path)
		}
		root := trees[row.op]
		if root == nil {
			root = &shape{}
			trees[row.op] = root
		}
		n := root.at(row.path)
		n.typed, n.documented, n.observed = true, row.documented, row.observed
		h := fnv.New32a()
		h.Write([]byte(row.op + " " + row.path))
		n.mix = h.Sum32()
	}
}

// numberRE matches the text of a JSON number as capsim writes numbers.
var numberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// form returns how the scalar at n is written, and false for a path the
// types table does not name (or the zero mode: the tree as it is).
func (js *jsonShape) form(n *shape) (form, bool) {
	if n == nil || !n.typed {
		return 0, false
	}
	switch js.types {
	case JSONTypesDocumented:
		return n.documented, true
	case JSONTypesObserved:
		return n.observed, true
	case JSONTypesStrings:
		return asText, true
	case JSONTypesNumbers:
		return asNumber, true
	case JSONTypesMixed:
		if js.seen == nil {
			js.seen = map[*shape]uint32{}
		}
		k := js.seen[n]
		js.seen[n] = k + 1
		if (n.mix+uint32(js.seed)+k)%2 == 0 {
			return asText, true
		}
		return asNumber, true
	}
	return 0, false
}
