package store

import (
	"container/heap"
	"fmt"
	"sort"
	"unsafe"
)

// baseTable holds the base data: keys and values back to back in a few
// large byte slices (arenas) and, sorted by key, fixed-size entries that
// locate them. It holds no pointers but the arenas', so the garbage
// collector never scans it, and it costs 24 bytes per entry besides the
// bytes themselves. The strings it hands out point into the arenas (which
// they keep alive), so nothing is copied on a read.
type baseTable struct {
	arenas [][]byte
	ents   []baseEnt
}

type baseEnt struct {
	arena      uint32 // the arena holding the entry
	off        uint32 // the key at arena[off:], the value right after it
	klen, vlen uint32
	id         int64 // the customer the entry belongs to
}

// newBaseTable packs sorted entries into one arena. The arena's size must
// fit 32 bits (a chunk of customers does).
func newBaseTable(in []baseEntry) *baseTable {
	n := 0
	for i := range in {
		n += len(in[i].k) + len(in[i].v)
	}
	data := make([]byte, 0, n)
	t := &baseTable{ents: make([]baseEnt, len(in))}
	for i := range in {
		t.ents[i] = baseEnt{off: uint32(len(data)), klen: uint32(len(in[i].k)), vlen: uint32(len(in[i].v)), id: in[i].id}
		data = append(append(data, in[i].k...), in[i].v...)
	}
	t.arenas = [][]byte{data}
	return t
}

func (t *baseTable) len() int { return len(t.ents) }

func (t *baseTable) str(e *baseEnt, off, n uint32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.arenas[e.arena][off], int(n))
}

// key returns entry i's key.
func (t *baseTable) key(i int) string { e := &t.ents[i]; return t.str(e, e.off, e.klen) }

// value returns entry i's value.
func (t *baseTable) value(i int) string { e := &t.ents[i]; return t.str(e, e.off+e.klen, e.vlen) }

// id returns the customer entry i belongs to.
func (t *baseTable) id(i int) int64 { return t.ents[i].id }

// search returns the index of the first entry whose key is at or after k.
func (t *baseTable) search(k string) int {
	return sort.Search(len(t.ents), func(i int) bool { return t.key(i) >= k })
}

// bytes returns the memory the table holds.
func (t *baseTable) bytes() int64 {
	n := int64(cap(t.ents)) * int64(unsafe.Sizeof(baseEnt{}))
	for _, a := range t.arenas {
		n += int64(cap(a))
	}
	return n
}

// mergeTables merges sorted tables into one that keeps their arenas (so
// no key or value is copied), dropping a key that appears again for the
// same customer and refusing one shared by two customers.
func mergeTables(ts []*baseTable) (*baseTable, error) {
	ne := 0
	h := &tableHeap{}
	out := &baseTable{}
	for _, t := range ts {
		if t == nil || t.len() == 0 {
			continue
		}
		ne += t.len()
		h.cur = append(h.cur, cursor{t, 0, uint32(len(out.arenas))})
		out.arenas = append(out.arenas, t.arenas...)
	}
	heap.Init(h)
	out.ents = make([]baseEnt, 0, ne)
	last, lastID := "", int64(0)
	for h.Len() > 0 {
		c := &h.cur[0]
		k, id := c.t.key(c.i), c.t.id(c.i)
		if len(out.ents) > 0 && k == last {
			if id != lastID {
				return nil, fmt.Errorf("base data: customers %d and %d share index key %q", lastID, id, k)
			}
		} else {
			e := c.t.ents[c.i]
			e.arena += c.arena
			out.ents = append(out.ents, e)
			last, lastID = k, id
		}
		if c.i++; c.i == c.t.len() {
			heap.Pop(h)
		} else {
			heap.Fix(h, 0)
		}
	}
	return out, nil
}

// cursor is a position in a table being merged.
type cursor struct {
	t     *baseTable
	i     int
	arena uint32 // where the table's arenas start in the merged table
}

// tableHeap orders cursors by their current key.
type tableHeap struct{ cur []cursor }

func (h *tableHeap) Len() int { return len(h.cur) }
func (h *tableHeap) Less(i, j int) bool {
	return h.cur[i].t.key(h.cur[i].i) < h.cur[j].t.key(h.cur[j].i)
}
func (h *tableHeap) Swap(i, j int) { h.cur[i], h.cur[j] = h.cur[j], h.cur[i] }
func (h *tableHeap) Push(x any)    { h.cur = append(h.cur, x.(cursor)) }
func (h *tableHeap) Pop() any {
	x := h.cur[len(h.cur)-1]
	h.cur = h.cur[:len(h.cur)-1]
	return x
}
