package store

// The v1.1 search terms (Options.Terms): kept in the index as entries
// ":v:" attribute, key, id -> value, written lazily per namespace.

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
)

// Term is one searchable attribute value of a customer (Options.Terms):
// Key is what range queries compare (byte-wise; bytes below 0x20 read as
// spaces), Value what the caller wants back (the value as written, say).
type Term struct {
	Attr, Key, Value string
}

// Terms calls fn, in key order, for each term of attribute attr whose key k
// satisfies lo <= k < hi, with the customer it belongs to, until fn returns
// false. The work grows with the terms visited, not the customers. The
// terms of the namespace's own customers are there once it has run
// EnableTerms (see TermsPending).
func (t *Tx) Terms(attr, lo, hi string, fn func(key, value string, id int64) bool) error {
	prefix := ":v:" + attr + sep
	lo, hi = cleanTermKey(lo), cleanTermKey(hi)
	return t.ascend(prefix+lo, prefix+"\xff", func(rel, v string, _ bool) bool {
		rest := rel[len(prefix):]
		i := strings.LastIndex(rest, sep)
		if i < 0 {
			return true
		}
		key := rest[:i]
		if key >= hi {
			return false
		}
		id, err := strconv.ParseInt(rest[i+1:], 10, 64)
		if err != nil {
			return true
		}
		return fn(key, v, id)
	})
}

// cleanTermKey maps bytes below 0x20 to spaces, so that no key holds sep and
// key order is the order of the index entries.
func cleanTermKey(k string) string {
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 {
			b := []byte(k)
			for j := i; j < len(b); j++ {
				if b[j] < 0x20 {
					b[j] = ' '
				}
			}
			return string(b)
		}
	}
	return k
}

// appendTerms appends the search term entries of c (id, as text) in
// namespace ns to out.
func (s *Store) appendTerms(out []kv, ns, id string, c *simulator.Customer) []kv {
	if s.terms == nil {
		return out
	}
	n := len(out)
	for _, tm := range s.terms(c) {
		out = append(out, kv{ns + ":v:" + tm.Attr + sep + cleanTermKey(tm.Key) + sep + id, tm.Value})
	}
	// A value held twice (an alias equal to the value) is one entry.
	vs := out[n:]
	slices.SortFunc(vs, func(a, b kv) int { return strings.Compare(a.k, b.k) })
	vs = slices.CompactFunc(vs, func(a, b kv) bool { return a.k == b.k })
	return out[:n+len(vs)]
}

// termsKey holds whether a namespace's own customers' search terms are in
// the index. A namespace's writes leave the terms out (most of a new
// customer's index keys, and of its cost) until a search needs them: then
// EnableTerms writes those of every customer of its own, a batch per
// transaction so that other writers are not held up, and from its first
// batch on every write keeps them. The value is termsOn once all are
// there, termsBuilding and the last record key done while they are being
// written; no key: not yet. The base data's are always there. Reset drops
// the key with the rest; a snapshot keeps it with the keys it describes.
const (
	termsKey      = ":meta:terms"
	termsOn       = "on"
	termsBuilding = "building "
	// termsBatch is how many customers one EnableTerms writes the terms of.
	termsBatch = 256
)

// termsState reads the namespace's termsKey: -1 no terms, 1 being
// written, 2 all there.
func (t *Tx) termsState() int8 {
	if t.terms == 0 {
		t.terms = -1
		if v, err := t.tx.Get(t.ns + termsKey); err == nil {
			t.terms = 1
			if v == termsOn {
				t.terms = 2
			}
		}
	}
	return t.terms
}

// termsKept reports whether the namespace's writes keep its customers'
// search terms in the index.
func (t *Tx) termsKept() bool { return t.termsState() > 0 }

// TermsPending reports whether the namespace holds customers of its own
// whose search terms are not all in the index yet: Updates must run
// EnableTerms until it reports them done before Terms can find them.
func (t *Tx) TermsPending() bool {
	if t.s.terms == nil {
		return false
	}
	switch t.termsState() {
	case 2:
		return false
	case 1:
		return true
	}
	return t.ownsCustomers()
}

// OwnKeys returns how many keys the namespace holds of its own under the
// relative prefix (":v:" for search terms, say): what its writes cost the
// index, for tests and diagnostics.
func (t *Tx) OwnKeys(prefix string) int {
	n := 0
	_ = t.tx.AscendRange("", t.ns+prefix, t.ns+prefix+"\xff", func(_, _ string) bool { n++; return true })
	return n
}

// EnableTerms writes the search terms of the next batch of the namespace's
// own customers into the index (the first batch also makes its writes keep
// them from now on: see termsKey) and reports whether all are there now.
// Each batch is its own Update: run it until it reports done. A write to a
// customer no batch reached yet keeps the terms that changed; its batch
// writes them all.
func (t *Tx) EnableTerms() (done bool, err error) {
	if !t.writable {
		return false, errors.New("EnableTerms in a read-only transaction")
	}
	if t.s.terms == nil || t.termsState() == 2 {
		return true, nil
	}
	from := t.ns + custPrefix
	if v, err := t.tx.Get(t.ns + termsKey); err == nil {
		if rest, ok := strings.CutPrefix(v, termsBuilding); ok {
			from = t.ns + rest + "\x00" // past the last record done
		}
	}
	var last string
	var records []string
	if err := t.tx.AscendRange("", from, t.ns+custPrefix+"\xff", func(k, v string) bool {
		if len(records) == termsBatch {
			return false
		}
		last, records = k, append(records, v)
		return true
	}); err != nil {
		return false, err
	}
	var out []kv
	for _, v := range records {
		c, _, err := t.load(v, false, shareLists)
		if err != nil {
			return false, err
		}
		if c.MergedInto != 0 { // a merged-away victim has no entries (entries)
			continue
		}
		out = t.s.appendTerms(out[:0], t.ns, strconv.FormatInt(c.ID, 10), c)
		for _, e := range out {
			if _, _, err := t.tx.Set(e.k, e.v, nil); err != nil {
				return false, err
			}
		}
	}
	state := termsOn
	if len(records) == termsBatch {
		state = termsBuilding + last[len(t.ns):]
	}
	if _, _, err := t.tx.Set(t.ns+termsKey, state, nil); err != nil {
		return false, err
	}
	// What the transaction remembers of its customers' entries was read
	// without their terms.
	t.terms = 1
	t.forget()
	if state == termsOn {
		t.terms = 2
	}
	return state == termsOn, nil
}
