package simulator

import (
	"encoding/json"
	"fmt"
	"strings"
)

// IDCustomer is the identifier type of a customer id: the v2 path {id},
// identifierName=id, the v1.1 id= parameter and id/user_id body fields.
const IDCustomer = "id"

// RequestIdentifier is one customer identifier a request carries, as the
// scenario matchers and the journal see it.
type RequestIdentifier struct {
	Type  string `json:"type"`
	Value string `json:"value"`
	// Item is the index of the v1.1 batch item that carries it, -1 when the
	// identifier names the request's one customer.
	Item int `json:"-"`
}

// Injection is what a scenario rule asks an API answer to carry: a failure
// of the items of a batch it names, or a warning on a successful answer.
// (A request-level error replaces the answer and needs no handler.) The
// server puts it in the request's info before the handler runs; each API
// version's envelope reads it there.
type Injection struct {
	Code Code
	// Items marks the batch items the rule's customer matcher matched; nil
	// means every item.
	Items []bool
	// AfterCommit runs an item's work before failing it: the state change
	// is kept though the client sees the failure.
	AfterCommit bool
}

// Item reports whether the injection applies to batch item i.
func (in *Injection) Item(i int) bool {
	if in == nil {
		return false
	}
	return in.Items == nil || (i < len(in.Items) && in.Items[i])
}

// Failure reports whether the injection fails items (rather than warning).
func (in *Injection) Failure() bool {
	return in != nil && in.Code.Info().Kind != KindWarning
}

// Warning reports whether the injection adds a warning.
func (in *Injection) Warning() bool {
	return in != nil && in.Code.Info().Kind == KindWarning
}

// maxRequestIdentifiers bounds what a request records, so a huge batch
// costs little.
const maxRequestIdentifiers = 100

// AppendIdentifier appends the identifier typ=value of batch item item (-1:
// the request's one customer) to ids, unless value is blank or ids is full.
func AppendIdentifier(ids []RequestIdentifier, typ, value string, item int) []RequestIdentifier {
	value = strings.TrimSpace(value)
	if value == "" || len(ids) >= maxRequestIdentifiers {
		return ids
	}
	return append(ids, RequestIdentifier{Type: typ, Value: value, Item: item})
}

// Scalar returns a decoded JSON scalar (numbers as json.Number) as the
// string a matcher compares: "" for null.
func Scalar(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	}
	return fmt.Sprint(v)
}
