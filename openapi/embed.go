// Package openapi holds capsim's OpenAPI 3.0.3 documents: v2.yaml describes
// the Capillary v2 customer, promotion and OAuth APIs and admin.yaml the
// simulator's own /__admin routes. The simulator builds its router and its
// request and response validators from them at start-up, so they state the
// contract exactly: every response capsim writes must pass them.
//
// Beyond standard OpenAPI the documents carry two extensions that turn a
// validation failure into the API's own error code:
//
//   - x-capsim-codes on a parameter: {missing: N, invalid: M}; missing when
//     a required parameter is absent or empty, invalid for any other failure.
//   - x-capsim-body-codes on an operation: {property: {missing: N, invalid: M}}
//     for top-level request-body properties ("" for the body itself: a
//     body of the wrong type).
//
// Failures without an extension fall back to the generic code 400.
package openapi

import "embed"

// FS holds every *.yaml document in this directory, and in parsed/ their
// JSON forms, which the simulator loads instead of parsing YAML at every
// start (go generate remakes them; TestParsedFormsUpToDate says when).
//
//go:generate go run ./internal/genparsed
//go:embed *.yaml parsed
var FS embed.FS
