package simulator

import "strings"

// AllowsReturn reports whether the org takes returns of type typ (FULL,
// AMOUNT or LINE_ITEM). Billing.Returns is "none" (no returns at all: the
// earning model refuses them with ReasonReturnsOff), empty (every type), or
// a comma-separated list of the types the org takes ("AMOUNT,LINE_ITEM").
func (b Billing) AllowsReturn(typ string) bool {
	set := strings.TrimSpace(b.Returns)
	if set == "" {
		return true
	}
	for _, t := range strings.Split(set, ",") {
		if strings.EqualFold(strings.TrimSpace(t), typ) {
			return true
		}
	}
	return false
}
