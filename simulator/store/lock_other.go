//go:build !unix

package store

import "os"

// lockFile does nothing where flock is missing.
func lockFile(path string) (*os.File, error) { return os.Open(os.DevNull) }
