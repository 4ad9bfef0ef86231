package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"
)

// The packed form of the base data is what setBase makes of its customers,
// written out so that a start with base data known when capsim is built
// (the embedded fixtures and the default generated customers) reads it
// instead of making it again: making it was the largest part of a default
// start. It is, little-endian:
//
//	magic   "capsim-base 1\n"
//	id      uint32 length, then the base data's name (Options.BaseID)
//	next    uint64: the first id a new customer gets
//	nIDs    uint32, then nIDs uint64 ids, sorted
//	nEnts   uint32, then nEnts entries of 16 bytes (baseEnt's fields in order)
//	nArenas uint32, then each arena: its length (uint32) and its bytes
//
// A store opened from it points its arenas into the packed bytes: they are
// only read, and a string holding them may be handed out anywhere.
const packedMagic = "capsim-base 1\n"

const packedEntSize = 16

// openBase makes the base data of opts: its packed form if it has one,
// else its customers, packed now.
func (s *Store) openBase(opts *Options) error {
	if opts.Packed != "" {
		return s.setPackedBase(opts.Packed)
	}
	return s.setBase(opts.Customers, opts.Generated)
}

// PackedBase returns s's base data in its packed form (Options.Packed).
func (s *Store) PackedBase() []byte {
	t := s.base
	n := len(packedMagic) + 4 + len(s.baseID) + 8 + 4 + 8*len(s.baseIDs) + 4 + packedEntSize*t.len() + 4
	for _, a := range t.arenas {
		n += 4 + len(a)
	}
	b := make([]byte, 0, n)
	b = append(b, packedMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.baseID)))
	b = append(b, s.baseID...)
	b = binary.LittleEndian.AppendUint64(b, uint64(s.baseNext))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.baseIDs)))
	for _, id := range s.baseIDs {
		b = binary.LittleEndian.AppendUint64(b, uint64(id))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(t.len()))
	for _, e := range t.ents {
		b = binary.LittleEndian.AppendUint32(b, e.off)
		b = binary.LittleEndian.AppendUint32(b, e.vlen)
		b = binary.LittleEndian.AppendUint32(b, e.id)
		b = binary.LittleEndian.AppendUint16(b, e.klen)
		b = binary.LittleEndian.AppendUint16(b, e.arena)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.arenas)))
	for _, a := range t.arenas {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(a)))
		b = append(b, a...)
	}
	return b
}

// PackedID returns the name of the base data p packs (Options.BaseID),
// or "" if p is not a packed form.
func PackedID(p string) string {
	r := &packedReader{p: p}
	if r.take(len(packedMagic)) != packedMagic {
		return ""
	}
	id := r.take(int(r.u32()))
	if r.err != nil {
		return ""
	}
	return id
}

var errPacked = errors.New("base data: the packed form is damaged")

// packedReader reads the packed form from the front, failing once.
type packedReader struct {
	p   string
	err error
}

func (r *packedReader) take(n int) string {
	if r.err != nil || n < 0 || n > len(r.p) {
		r.err = errPacked
		return ""
	}
	s := r.p[:n]
	r.p = r.p[n:]
	return s
}

func (r *packedReader) u32() uint32 {
	if s := r.take(4); r.err == nil {
		return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	}
	return 0
}

func (r *packedReader) u64() uint64 { return uint64(r.u32()) | uint64(r.u32())<<32 }

func (r *packedReader) u16() uint16 {
	if s := r.take(2); r.err == nil {
		return uint16(s[0]) | uint16(s[1])<<8
	}
	return 0
}

// setPackedBase makes p (PackedBase's form) s's base data, checking that
// every entry lies within its arena. Their order is not checked again (it
// would read every arena): the packed forms capsim embeds are checked
// against a fresh packing by its tests.
func (s *Store) setPackedBase(p string) error {
	r := &packedReader{p: p}
	if r.take(len(packedMagic)) != packedMagic {
		return fmt.Errorf("%w: it does not start with %q", errPacked, packedMagic)
	}
	if id := r.take(int(r.u32())); id != s.baseID {
		return fmt.Errorf("base data: the packed form is of %q, not of %q", id, s.baseID)
	}
	next := int64(r.u64())
	nIDs := int(r.u32())
	if r.err != nil || nIDs > len(r.p)/8 {
		return errPacked
	}
	ids := make([]int64, nIDs)
	for i := range ids {
		ids[i] = int64(r.u64())
		if i > 0 && ids[i] <= ids[i-1] {
			return fmt.Errorf("%w: its ids are not sorted", errPacked)
		}
	}
	nEnts := int(r.u32())
	if r.err != nil || nEnts > len(r.p)/packedEntSize {
		return errPacked
	}
	t := &baseTable{}
	t.setEnts(nEnts)
	for range nEnts {
		t.ents = append(t.ents, baseEnt{off: r.u32(), vlen: r.u32(), id: r.u32(), klen: r.u16(), arena: r.u16()})
	}
	nArenas := int(r.u32())
	if r.err != nil || nArenas > maxBaseArenas || nArenas > len(r.p)/4 {
		return errPacked
	}
	t.arenas = make([][]byte, nArenas)
	for i := range t.arenas {
		a := r.take(int(r.u32()))
		t.arenas[i] = unsafe.Slice(unsafe.StringData(a), len(a))
	}
	if r.err != nil || len(r.p) != 0 {
		return errPacked
	}
	for i := range t.ents {
		e := &t.ents[i]
		if int(e.arena) >= nArenas || uint64(e.off)+uint64(e.klen)+uint64(e.vlen) > uint64(len(t.arenas[e.arena])) {
			return fmt.Errorf("%w: entry %d lies outside its arena", errPacked, i)
		}
	}
	s.base, s.baseIDs, s.baseNext = t, ids, next
	return nil
}
