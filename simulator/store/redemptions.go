package store

// RedemptionIDBase is where the ids of redemptions written through the APIs
// start: above every id the fixtures and the generator give (a generated
// customer's redemptions are its id × 100 + n), so an id names one
// redemption.
const RedemptionIDBase = 50_000_000_000

// NextRedemptionID returns a new redemption id, unique in the namespace.
func (t *Tx) NextRedemptionID() (int64, error) {
	n, err := t.NextID("redemption")
	return RedemptionIDBase + n, err
}
