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
	_, id, err := readPackedHeader(p)
	if err != nil {
		return ""
	}
	return id
}

var errPacked = errors.New("base data: the packed form is damaged")

// packedReader reads the packed form from the front, failing once. It
// reads the bytes of the packed string in place: they are only read.
type packedReader struct {
	p   []byte
	err error
}

func (r *packedReader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.p) {
		r.err = errPacked
		return make([]byte, 8) // zeros, for the fixed-size reads below
	}
	b := r.p[:n:n]
	r.p = r.p[n:]
	return b
}

func (r *packedReader) u16() uint16 { return binary.LittleEndian.Uint16(r.take(2)) }
func (r *packedReader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *packedReader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }

// readPackedHeader reads p's magic and the name of its base data, and
// returns the reader past them.
func readPackedHeader(p string) (*packedReader, string, error) {
	r := &packedReader{p: unsafe.Slice(unsafe.StringData(p), len(p))}
	if string(r.take(len(packedMagic))) != packedMagic {
		return nil, "", fmt.Errorf("%w: it does not start with %q", errPacked, packedMagic)
	}
	id := string(r.take(int(r.u32())))
	if r.err != nil {
		return nil, "", r.err
	}
	return r, id, nil
}

// setPackedBase makes p (PackedBase's form) s's base data, checking that
// every entry lies within its arena. Their order is not checked again (it
// would read every arena): the packed forms capsim embeds are checked
// against a fresh packing by its tests.
func (s *Store) setPackedBase(p string) error {
	r, id, err := readPackedHeader(p)
	if err != nil {
		return err
	}
	if id != s.baseID {
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
	t.setEnts(nEnts, true)
	for range nEnts {
		t.ents = append(t.ents, baseEnt{off: r.u32(), vlen: r.u32(), id: r.u32(), klen: r.u16(), arena: r.u16()})
	}
	nArenas := int(r.u32())
	if r.err != nil || nArenas > maxBaseArenas || nArenas > len(r.p)/4 {
		return errPacked
	}
	t.arenas = make([][]byte, nArenas)
	for i := range t.arenas {
		t.arenas[i] = r.take(int(r.u32()))
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
