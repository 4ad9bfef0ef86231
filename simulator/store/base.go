package store

import (
	"sort"
	"unsafe"
)

// baseTable holds the base data: every key and value back to back in one
// byte slice and, sorted by key, fixed-size entries that locate them. It
// holds no pointers, so the garbage collector never scans it, and it costs
// 24 bytes per entry besides the bytes themselves. The strings it hands out
// point into data (which they keep alive), so nothing is copied on a read.
type baseTable struct {
	data []byte
	ents []baseEnt
}

type baseEnt struct {
	off        uint64 // the key at data[off:], the value right after it
	klen, vlen uint32
	id         int64 // the customer the entry belongs to
}

// newBaseTable packs sorted, duplicate-free entries.
func newBaseTable(in []baseEntry) *baseTable {
	n := 0
	for i := range in {
		n += len(in[i].k) + len(in[i].v)
	}
	t := &baseTable{data: make([]byte, 0, n), ents: make([]baseEnt, len(in))}
	for i := range in {
		t.ents[i] = baseEnt{off: uint64(len(t.data)), klen: uint32(len(in[i].k)), vlen: uint32(len(in[i].v)), id: in[i].id}
		t.data = append(t.data, in[i].k...)
		t.data = append(t.data, in[i].v...)
	}
	return t
}

func (t *baseTable) len() int { return len(t.ents) }

func (t *baseTable) str(off uint64, n uint32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.data[off], int(n))
}

// key returns entry i's key.
func (t *baseTable) key(i int) string { e := &t.ents[i]; return t.str(e.off, e.klen) }

// value returns entry i's value.
func (t *baseTable) value(i int) string {
	e := &t.ents[i]
	return t.str(e.off+uint64(e.klen), e.vlen)
}

// id returns the customer entry i belongs to.
func (t *baseTable) id(i int) int64 { return t.ents[i].id }

// search returns the index of the first entry whose key is at or after k.
func (t *baseTable) search(k string) int {
	return sort.Search(len(t.ents), func(i int) bool { return t.key(i) >= k })
}

// bytes returns the memory the table holds.
func (t *baseTable) bytes() int64 {
	return int64(cap(t.data)) + int64(cap(t.ents))*int64(unsafe.Sizeof(baseEnt{}))
}
