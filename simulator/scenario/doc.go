// Package scenario owns capsim's failure scenarios: the YAML format, its
// strict parser, the request matcher, and the injection of API errors and
// transport faults.
//
// # Model
//
// A scenario is a named list of rules, one YAML document (scenarios/*.yaml
// are the built-ins; --scenarios DIR and POST /__admin/scenarios add more). A
// rule matches requests (operation by operationId or "METHOD /path/template",
// or every operation of an api; query, headers, body fields by dotted path;
// and the customer the request names, whatever way the API carries it),
// answers them (a catalogue code, a raw status, a 429, a transport fault, a
// delay, a slow body), says when (always, first N, after N, probability under
// a seed, a fail/pass sequence) and whether the handler's state change is kept
// (commit: before-handler, the default, keeps none; after-commit runs the
// handler and keeps its change, then gives the client the failure).
//
// # Strict loading
//
// Parse walks yaml.Node trees so that every problem has a line: unknown or
// repeated keys, malformed values, operations the contract does not have, codes
// the catalogue does not have for the operation's API version. Then each API
// answer is rendered for a minimal request to every operation it can match (in
// JSON and XML for v1.1) and checked with the contract's response validator:
// an undeclared status or a body the operation's schema refuses is refused at
// load time, not discovered at run time.
//
// # Answers
//
// A code goes through the envelope functions the handlers use (v2.WriteError,
// v11.WriteError, v11.Batch), so an injected error is byte for byte a natural
// one. v2 errors are the errors[] envelope with the catalogue's HTTP status; a
// v2 warning is the promotion shape (warnings[], empty errors and sideEffects,
// HTTP 200). A v1.1 item code fails the batch items the rule matches: all of
// them gives status 500; some of them has the handler answer the others
// (reads: on the whole request; writes: on the other items only, or on all of
// them after-commit) and the status is 201. v1.1 request-level codes (400,
// 401, 500 and the status codes) are the status block alone. A 429 has
// Retry-After and no body: the real throttled response is not documented.
//
// # Runtime
//
// The Engine holds the scenarios, where each is active (globally or per
// namespace; the X-Capsim-Scenario header adds scenarios per request), and
// each rule's counters per namespace, so parallel CI jobs in their own
// namespaces never consume each other's "first N" or random draws: a rule's
// random source is seeded from the file's seed plus the rule's index, per
// namespace. Evaluation has two phases, following the middleware order:
// PhaseTransport (before request validation: delays, slow bodies and broken
// connections that keep no state) and PhaseAPI (after validation: API answers
// and after-commit rules). In each phase the first rule that matches and
// fires wins; a transport rule and an API rule can both apply.
//
// This package decides and writes; simulator/server calls it at the right
// points of the chain and simulator/admin serves it under /__admin.
package scenario
