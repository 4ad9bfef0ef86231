// Package scenarios holds capsim's built-in failure scenarios, one YAML file
// each, in the format simulator/scenario parses (docs/scripting-failures.md
// describes it). The simulator loads them at start-up; --scenarios DIR adds a
// team's own.
package scenarios

import "embed"

// FS holds every *.yaml file in this directory.
//
//go:embed *.yaml
var FS embed.FS
