package store

import (
	"bytes"
	"container/heap"
	"fmt"
	"sort"
	"unsafe"
)

// baseTable holds the base data: keys and values back to back in a few
// large byte slices (arenas) and, sorted by key, fixed-size entries that
// locate them. It holds no pointers but the arenas', so the garbage
// collector never scans it, and it costs 24 bytes per entry besides the
// bytes themselves. The strings it hands out point into the arenas, so
// nothing is copied on a read.
//
// Large arenas and entry lists live outside the Go heap (anonymous
// mappings, where the system has them): the collector's heap target is a
// multiple of the heap, and the base data, which never changes, would
// otherwise let garbage grow to twice its size. Mapped arenas are never
// handed back, since strings into them may be held anywhere: a process
// opens one large base and keeps it (tests open small ones, on the heap).
type baseTable struct {
	arenas  [][]byte
	ents    []baseEnt
	entsMem []byte // the mapping ents live in, if mapped
}

// mapMin is the smallest arena or entry list that is mapped.
const mapMin = 1 << 20

// newArena returns an empty byte slice with room for n bytes.
func newArena(n int) []byte {
	if n >= mapMin {
		if b := mapArena(n); b != nil {
			return b[:0]
		}
	}
	return make([]byte, 0, n)
}

// setEnts gives t an empty entry list with room for n entries.
func (t *baseTable) setEnts(n int) {
	size := n * int(unsafe.Sizeof(baseEnt{}))
	if size >= mapMin {
		if b := mapArena(size); b != nil {
			t.ents, t.entsMem = unsafe.Slice((*baseEnt)(unsafe.Pointer(unsafe.SliceData(b))), n)[:0], b
			return
		}
	}
	t.ents = make([]baseEnt, 0, n)
}

// dropEnts lets t's entry list go: only merged tables may, as their
// entries, not their arenas, are all that goes.
func (t *baseTable) dropEnts() {
	if t.entsMem != nil {
		unmapArena(t.entsMem)
	}
	t.ents, t.entsMem = nil, nil
}

type baseEnt struct {
	arena      uint32 // the arena holding the entry
	off        uint32 // the key at arena[off:], the value right after it
	klen, vlen uint32
	id         int64 // the customer the entry belongs to
}

// packer builds the table of a chunk of base data: keys and values are
// appended to one buffer as they come and sorted in place afterwards, by
// moving fixed-size entries that hold no pointers. A worker keeps its
// packer, so the buffers are made once.
type packer struct {
	data []byte
	ents []baseEnt
}

// add appends key k with value v, of customer id.
func (p *packer) add(k, v string, id int64) {
	p.ents = append(p.ents, baseEnt{off: uint32(len(p.data)), klen: uint32(len(k)), vlen: uint32(len(v)), id: id})
	p.data = append(append(p.data, k...), v...)
}

// table sorts what was added into a table of its own and empties p. The
// arena's size must fit 32 bits (a chunk of customers does).
func (p *packer) table() *baseTable {
	sortEnts(p.data, p.ents)
	// The arena is written in key order: merging reads it from end to end.
	data := newArena(len(p.data))
	t := &baseTable{}
	t.setEnts(len(p.ents))
	for _, e := range p.ents {
		end := e.off + e.klen + e.vlen
		e.off, data = uint32(len(data)), append(data, p.data[e.off:end]...)
		t.ents = append(t.ents, e)
	}
	t.arenas = [][]byte{data}
	p.data, p.ents = p.data[:0], p.ents[:0]
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
// same customer and refusing one shared by two customers. The tables'
// own entry lists go.
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
	out.setEnts(ne)
	defer func() {
		for _, t := range ts {
			if t != nil {
				t.dropEnts()
			}
		}
	}()
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

// sortEnts sorts entries, whose keys are in data, by key with a three-way
// radix quicksort (Bentley and Sedgewick): it partitions on one byte at a
// time and never compares the bytes the entries being sorted are known to
// share. Base keys share long prefixes (the index's name, the attribute),
// where comparing whole keys spends most of its time.
func sortEnts(data []byte, es []baseEnt) {
	radixQuicksort(data, es, 0)
}

func radixQuicksort(data []byte, es []baseEnt, d int) {
	at := func(e *baseEnt) int {
		if uint32(d) < e.klen {
			return int(data[e.off+uint32(d)])
		}
		return -1 // a key sorts before its extensions
	}
	for len(es) > 16 {
		p := medianOf3(at(&es[0]), at(&es[len(es)/2]), at(&es[len(es)-1]))
		lt, gt := 0, len(es)
		for i := 0; i < gt; {
			switch c := at(&es[i]); {
			case c < p:
				es[lt], es[i] = es[i], es[lt]
				lt, i = lt+1, i+1
			case c > p:
				gt--
				es[gt], es[i] = es[i], es[gt]
			default:
				i++
			}
		}
		radixQuicksort(data, es[:lt], d)
		radixQuicksort(data, es[gt:], d)
		if p < 0 {
			return // the keys in the middle ended at d: they are equal
		}
		es, d = es[lt:gt], d+1
	}
	rest := func(e *baseEnt) []byte { return data[e.off+uint32(d) : e.off+e.klen] }
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && bytes.Compare(rest(&es[j]), rest(&es[j-1])) < 0; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func medianOf3(a, b, c int) int {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
