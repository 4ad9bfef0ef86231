//go:build !linux

package store

// mapArena returns nil: without mappings, arenas are ordinary slices.
func mapArena(n int, filled bool) []byte { return nil }

// unmapArena is never called: mapArena maps nothing.
func unmapArena(b []byte) {}

// releaseArena is never called: mapArena maps nothing.
func releaseArena(b []byte) {}
