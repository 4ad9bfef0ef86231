// Package simulator owns capsim's domain: customers and their per-source
// profiles, identifiers, loyalty, subscriptions and history; the programs,
// promotions, tills and API clients of the simulated organisation; and the one
// catalogue of Capillary status and item codes that every API version writes.
//
// It imports none of capsim's other packages. The store (simulator/store), the
// API versions (simulator/v2, simulator/v11), the contract (simulator/contract)
// and the scenario engine (simulator/scenario) build on it; only cmd/capsim and
// simulator/server wire them together.
package simulator
