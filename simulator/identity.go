package simulator

import (
	"fmt"
	"time"
)

// IdentityChangePending is the status of an identity change request that
// Capillary's back office has not acted on: the only one capsim writes.
const IdentityChangePending = "PENDING"

// IdentityChange is a request to change one identifier of a customer (v1.1
// customer/update_identity). Capillary's back office verifies and applies it
// (the reference), which capsim does not simulate: it stays pending.
type IdentityChange struct {
	RequestID   string    `json:"requestId"`
	Type        string    `json:"type"` // IDMobile, IDEmail or IDExternalID
	OldValue    string    `json:"oldValue"`
	NewValue    string    `json:"newValue"`
	Status      string    `json:"status"`
	RequestedOn time.Time `json:"requestedOn"`
	RequestedBy string    `json:"requestedBy"` // the till
}

// RequestIdentityChange records ch on c as a pending request, in its history
// and as a pending CHANGE_IDENTIFIER retro request (which v2's retroRequest
// reads), and returns it with its request id.
func (c *Customer) RequestIdentityChange(ch IdentityChange) IdentityChange {
	var n int64
	for _, rr := range c.RetroRequests {
		n = max(n, rr.ID)
	}
	n++
	ch.RequestID = fmt.Sprintf("RR-%d-%d", c.ID, n)
	ch.Status = IdentityChangePending
	if c.History == nil {
		c.History = &History{}
	}
	c.History.IdentityChanges = append(c.History.IdentityChanges, ch)
	c.RetroRequests = append(c.RetroRequests, RetroRequest{ID: n, RequestID: ch.RequestID, Status: ch.Status,
		Type: "CHANGE_IDENTIFIER", AddedBy: ch.RequestedBy, AddedOn: ch.RequestedOn, UpdatedOn: ch.RequestedOn})
	return ch
}

// ChangeIdentifiers removes remove from p's identifiers (values compared as
// stored: emails case-insensitively; one p does not hold is ignored) and
// appends add. It reports false, changing nothing, when p would be left
// without identifiers: a profile keeps at least one.
func (p *Profile) ChangeIdentifiers(add, remove []Identifier) bool {
	drop := Profile{Identifiers: remove}
	kept := make([]Identifier, 0, len(p.Identifiers)+len(add))
	for _, have := range p.Identifiers {
		if !drop.HasIdentifier(have.Type, have.Value) {
			kept = append(kept, have)
		}
	}
	kept = append(kept, add...)
	if len(kept) == 0 {
		return false
	}
	p.Identifiers = kept
	return true
}
