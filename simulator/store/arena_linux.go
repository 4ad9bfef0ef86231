//go:build linux

package store

import "syscall"

// mapArena returns n bytes of memory the garbage collector does not manage
// (an anonymous mapping), or nil if the system refuses. With filled (the
// caller writes it all at once), its pages are made present by the one
// call: faulting them in one at a time, as the writing touched them, was a
// seventh of a --customers 100000 start on a virtual machine.
func mapArena(n int, filled bool) []byte {
	flags := syscall.MAP_ANON | syscall.MAP_PRIVATE
	if filled {
		flags |= syscall.MAP_POPULATE
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, flags)
	if err != nil {
		return nil
	}
	return b
}

// unmapArena returns memory mapArena gave to the system.
func unmapArena(b []byte) { _ = syscall.Munmap(b) }

// releaseArena hands the pages of b, part of a mapping, back to the system
// and leaves them mapped: they read as zeros if touched again.
func releaseArena(b []byte) { _ = syscall.Madvise(b, syscall.MADV_DONTNEED) }
