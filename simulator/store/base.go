package store

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"syscall"
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

// newArena returns an empty byte slice with room for n bytes, which the
// caller fills at once.
func newArena(n int) []byte {
	if n >= mapMin {
		if b := mapArena(n, true); b != nil {
			return b[:0]
		}
	}
	return make([]byte, 0, n)
}

// setEnts gives t an empty entry list with room for n entries; filled
// says the caller appends them all at once (a merge's output grows as its
// input shrinks, so its pages come as it writes them).
func (t *baseTable) setEnts(n int, filled bool) {
	size := n * int(unsafe.Sizeof(baseEnt{}))
	if size >= mapMin {
		if b := mapArena(size, filled); b != nil {
			t.ents, t.entsMem = unsafe.Slice((*baseEnt)(unsafe.Pointer(unsafe.SliceData(b))), n)[:0], b
			return
		}
	}
	t.ents = make([]baseEnt, 0, n)
}

// releaseEvery is how many entries of a table a merge reads between
// handing back the pages of those it has read.
const releaseEvery = 1 << 12

// releaseEnts hands back the pages that lie wholly within t's mapped
// entries from to to: a merge that read them needs them no more, so that
// a merge's output grows as its input shrinks. Only dropEnts may follow.
func (t *baseTable) releaseEnts(from, to int) {
	if t.entsMem == nil {
		return
	}
	size, page := int(unsafe.Sizeof(baseEnt{})), syscall.Getpagesize()
	lo, hi := (from*size+page-1)/page*page, to*size/page*page
	if lo < hi {
		releaseArena(t.entsMem[lo:hi])
	}
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
	off   uint32 // the key at arena[off:], the value right after it
	vlen  uint32
	id    uint32 // the customer the entry belongs to (base ids fit 32 bits)
	klen  uint16
	arena uint16 // the arena holding the entry
}

// The limits of what baseEnt holds, checked as the base is packed.
const (
	maxBaseID     = math.MaxUint32
	maxBaseKey    = math.MaxUint16
	maxBaseArenas = math.MaxUint16 + 1
)

// packer builds the table of a chunk of base data: keys and values are
// appended to one buffer as they come and sorted in place afterwards, by
// moving fixed-size entries that hold no pointers. A worker keeps its
// packer, so the buffers are made once.
type packer struct {
	data []byte
	ents []baseEnt
}

// add appends key k with value v, of customer id (0 <= id <= maxBaseID).
func (p *packer) add(k, v string, id int64) error {
	if len(k) > maxBaseKey {
		return fmt.Errorf("base data: customer %d has an index key of %d bytes, longer than %d: %.40q...", id, len(k), maxBaseKey, k)
	}
	p.ents = append(p.ents, baseEnt{off: uint32(len(p.data)), klen: uint16(len(k)), vlen: uint32(len(v)), id: uint32(id)})
	p.data = append(append(p.data, k...), v...)
	return nil
}

// table sorts what was added into a table of its own and empties p. The
// arena's size must fit 32 bits (a chunk of customers does).
func (p *packer) table() *baseTable {
	sortEnts(p.data, p.ents)
	// The arena is written in key order: merging reads it from end to end.
	data := newArena(len(p.data))
	t := &baseTable{}
	t.setEnts(len(p.ents), true)
	for _, e := range p.ents {
		end := e.off + uint32(e.klen) + e.vlen
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
func (t *baseTable) key(i int) string { e := &t.ents[i]; return t.str(e, e.off, uint32(e.klen)) }

// value returns entry i's value.
func (t *baseTable) value(i int) string {
	e := &t.ents[i]
	return t.str(e, e.off+uint32(e.klen), e.vlen)
}

// id returns the customer entry i belongs to.
func (t *baseTable) id(i int) int64 { return int64(t.ents[i].id) }

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
// same customer and refusing one shared by two customers, in up to parts
// goroutines. The tables' own entry lists go.
func mergeTables(ts []*baseTable, parts int) (*baseTable, error) {
	out := &baseTable{}
	var in []*baseTable
	var first []uint16 // where each table's arenas start in out
	ne := 0
	for _, t := range ts {
		if t == nil || t.len() == 0 {
			continue
		}
		if len(out.arenas)+len(t.arenas) > maxBaseArenas {
			return nil, fmt.Errorf("base data: more than %d chunks", maxBaseArenas)
		}
		in, first = append(in, t), append(first, uint16(len(out.arenas)))
		ne += t.len()
		out.arenas = append(out.arenas, t.arenas...)
	}
	defer func() {
		for _, t := range in {
			t.dropEnts()
		}
	}()
	out.setEnts(ne, false)
	if len(in) == 0 {
		return out, nil
	}
	// The key space is cut at keys of the largest table into parts merged
	// side by side, each into the room its input would need, then moved
	// together. A key falls in one part only, with every copy of it.
	big := in[0]
	for _, t := range in {
		if t.len() > big.len() {
			big = t
		}
	}
	var cuts []string
	for p := 1; p < parts; p++ {
		if k := big.key(big.len() * p / parts); len(cuts) == 0 || k > cuts[len(cuts)-1] {
			cuts = append(cuts, k)
		}
	}
	type part struct {
		from, to []int // each table's range of entries
		at, n    int   // where the part's output starts in out.ents, and its size
		err      error
	}
	ps := make([]part, len(cuts)+1)
	at := 0
	for pi := range ps {
		p := &ps[pi]
		p.at = at
		for _, t := range in {
			from, to := 0, t.len()
			if pi > 0 {
				from = t.search(cuts[pi-1])
			}
			if pi < len(cuts) {
				to = t.search(cuts[pi])
			}
			p.from, p.to = append(p.from, from), append(p.to, to)
			at += to - from
		}
	}
	ents := out.ents[:ne]
	var wg sync.WaitGroup
	for pi := range ps {
		wg.Add(1)
		go func(p *part) {
			defer wg.Done()
			p.n, p.err = mergePart(in, first, p.from, p.to, ents[p.at:p.at:ne])
		}(&ps[pi])
	}
	wg.Wait()
	n := 0
	for _, p := range ps {
		if p.err != nil {
			return nil, p.err
		}
		n += copy(ents[n:], ents[p.at:p.at+p.n])
	}
	out.ents = ents[:n]
	return out, nil
}

// mergePart merges entries from[i] to to[i] of each table in into dst,
// whose room suffices, and returns how many it wrote.
func mergePart(in []*baseTable, first []uint16, from, to []int, dst []baseEnt) (int, error) {
	var h mergeHeap
	for i, t := range in {
		if from[i] < to[i] {
			h = append(h, cursor{t: t, i: from[i], from: from[i], end: to[i], k: t.key(from[i]), arena: first[i]})
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	last, lastID := "", int64(0)
	for len(h) > 0 {
		c := &h[0]
		k, id := c.k, c.t.id(c.i)
		if len(dst) > 0 && k == last {
			if id != lastID {
				return 0, fmt.Errorf("base data: customers %d and %d share index key %q", lastID, id, k)
			}
		} else {
			e := c.t.ents[c.i]
			e.arena += c.arena
			dst = append(dst, e)
			last, lastID = k, id
		}
		if c.i++; (c.i-c.from)%releaseEvery == 0 {
			c.t.releaseEnts(c.from, c.i)
		}
		if c.i < c.end {
			c.k = c.t.key(c.i)
		} else {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		h.down(0)
	}
	return len(dst), nil
}

// cursor is a position in a table being merged.
type cursor struct {
	t     *baseTable
	i     int
	from  int    // where the cursor started
	end   int    // where it stops
	k     string // the key at i
	arena uint16 // where the table's arenas start in the merged table
}

// mergeHeap orders cursors by their current key, least first.
type mergeHeap []cursor

// down moves the cursor at i down to its place.
func (h mergeHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && h[r].k < h[l].k {
			l = r
		}
		if h[i].k <= h[l].k {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// sortEnts sorts entries, whose keys are in data, by key. Keys share long
// prefixes (the index's name, the attribute) and lie all over data, where
// comparing whole keys spends its time on the shared bytes and on cache
// misses. So entries are sorted eight bytes at a time: each pass reads the
// next eight bytes of every key once, into a word sorted with the entry's
// number, and only entries whose words tie go on to the next eight. Many
// words are sorted by radix (radixSortWords), few by comparison.
func sortEnts(data []byte, es []baseEnt) {
	ws := make([]sortWord, len(es))
	for i := range ws {
		ws[i].e = uint32(i)
	}
	sortWords(data, es, ws, make([]sortWord, len(es)), 0)
	sorted := make([]baseEnt, len(es))
	for i, w := range ws {
		sorted[i] = es[w.e]
	}
	copy(es, sorted)
}

// sortWord is an entry's key at some depth: eight bytes of it (zeros past
// its end), and how many bytes it has from that depth on, capped at nine
// (nine: more than the word holds).
type sortWord struct {
	w uint64
	n uint32
	e uint32 // the entry
}

// sortWords sorts ws, entries whose keys agree on their first d bytes,
// by the rest of their keys; tmp has room for as many words as ws.
func sortWords(data []byte, es []baseEnt, ws, tmp []sortWord, d uint32) {
	for i := range ws {
		e := &es[ws[i].e]
		var w uint64
		n := uint32(0)
		if kl := uint32(e.klen); kl > d {
			n = min(kl-d, 9)
		}
		for j := uint32(0); j < 8; j++ {
			w <<= 8
			if j < n {
				w |= uint64(data[e.off+d+j])
			}
		}
		ws[i].w, ws[i].n = w, n
	}
	if len(ws) >= radixMin {
		radixSortWords(ws, tmp[:len(ws)])
	} else {
		slices.SortFunc(ws, func(a, b sortWord) int {
			if a.w != b.w {
				return cmp.Compare(a.w, b.w)
			}
			return cmp.Compare(a.n, b.n)
		})
	}
	// Ties that run on past the word are sorted by their next eight bytes;
	// other ties are equal keys.
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].w == ws[i].w && ws[j].n == ws[i].n {
			j++
		}
		if j-i > 1 && ws[i].n == 9 {
			sortWords(data, es, ws[i:j], tmp[i:j], d+8)
		}
		i = j
	}
}

// radixMin is the fewest words radixSortWords sorts: fewer sort faster by
// comparison.
const radixMin = 256

// radixSortWords sorts ws by word, then length (as sortWords does), one
// byte at a time from the least significant (the length first), through
// tmp, of ws's length. Keys share long prefixes, so many of the nine
// digits are the same in every word: one pass counts all nine, and a digit
// that puts every word in one bucket costs no pass of its own. It is
// stable, so words that tie on all nine digits (equal keys) keep the order
// they were added in.
func radixSortWords(ws, tmp []sortWord) {
	var counts [9][256]int
	for i := range ws {
		w := &ws[i]
		counts[0][byte(w.n)]++
		for d := 1; d < 9; d++ {
			counts[d][byte(w.w>>(8*(d-1)))]++
		}
	}
	src, dst := ws, tmp
	for d := range counts {
		c := &counts[d]
		first := ws[0].n
		if d > 0 {
			first = uint32(byte(ws[0].w >> (8 * (d - 1))))
		}
		if c[byte(first)] == len(ws) {
			continue // one bucket: the order stays as it is
		}
		pos := 0
		for b := range c {
			c[b], pos = pos, pos+c[b]
		}
		for i := range src {
			w := src[i]
			b := byte(w.n)
			if d > 0 {
				b = byte(w.w >> (8 * (d - 1)))
			}
			dst[c[b]] = w
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ws[0] {
		copy(ws, src)
	}
}
