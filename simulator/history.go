package simulator

// History is the customer's activity that the v1.1 API exposes besides the
// profile (transactions, redemptions, coupons, notes, tickets, referrals,
// preferences, interactions, pending identity changes). v2 ignores it.
type History struct {
	Transactions []map[string]any `json:"transactions,omitempty"`
	Extra        map[string]any   `json:"extra,omitempty"`
}

// Clone returns a deep copy of h (nil for nil).
func (h *History) Clone() *History {
	if h == nil {
		return nil
	}
	out := *h
	out.Transactions = append([]map[string]any(nil), h.Transactions...)
	return &out
}
