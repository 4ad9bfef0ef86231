package store

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/tidwall/buntdb"
)

// Tx is a transaction on one namespace: it reads the namespace's own keys
// over the base data.
type Tx struct {
	tx       *buntdb.Tx
	ns       string
	s        *Store
	writable bool
	touched  []cacheKey
	own      int8 // whether the namespace holds customers of its own: 0 not known yet, 1 yes, -1 no
	terms    int8 // where its own customers' search terms are (termsState): 0 not known yet, -1 not in the index, 1 being written, 2 all there
	// stored remembers, in a writable transaction, what the namespace
	// holds of each customer the transaction decoded or wrote, so that Put
	// need not decode the earlier version again (recall): the first
	// customer in one, the others (if any) in the map.
	stored      map[int64]storedCustomer
	firstStored struct {
		id int64
		sc storedCustomer
		ok bool
	}
	// lent are the lists whose bills the transaction borrowed: if it rolls
	// back, they are the stored ones still, and lendable again.
	lent []*listed
	// rewritten are the customers it stored again, for Update to hand on
	// to their next writers once the write commits (readyCache).
	rewritten []rewritten
}

// storedCustomer is what a namespace holds of a customer: its version and
// the index entries the namespace itself keeps for it (none while the
// record is the base data's: base entries are hidden, not deleted).
type storedCustomer struct {
	version int64
	entries []kv
	lists   *listed // the lists it keeps in keys of their own (nil: none)
	// stored: the namespace or its base data held the customer before the
	// transaction, so a write of it is a rewrite (readyCache).
	stored bool
}

// Namespace returns the transaction's namespace.
func (t *Tx) Namespace() string { return t.ns }

// Org returns the organisation's configuration.
func (t *Tx) Org() *simulator.Org { return t.s.org }

// shadowed reports whether the namespace wrote customer id, hiding the base
// entries of that customer.
func (t *Tx) shadowed(id int64) bool {
	if !t.ownsCustomers() { // a namespace that wrote no customer hides nothing
		return false
	}
	_, err := t.tx.Get(customerKey(t.ns, id))
	return err == nil
}

// ownsCustomers reports whether the namespace holds customers of its own.
func (t *Tx) ownsCustomers() bool {
	if t.own == 0 {
		t.own = -1
		_ = t.tx.AscendRange("", t.ns+custPrefix, t.ns+custPrefix+"\xff", func(_, _ string) bool { t.own = 1; return false })
	}
	return t.own > 0
}

// get returns the value of relative key rel as the namespace sees it.
func (t *Tx) get(rel string) (string, bool) {
	v, _, ok := t.getFrom(rel)
	return v, ok
}

// getFrom is get that also tells whether the value is the base data's.
func (t *Tx) getFrom(rel string) (v string, base, ok bool) {
	if v, err := t.tx.Get(t.ns + rel); err == nil {
		return v, false, true
	}
	b := t.s.base
	if i := b.search(rel); i < b.len() && b.key(i) == rel && !t.shadowed(b.id(i)) {
		return b.value(i), true, true
	}
	return "", false, false
}

// decode decodes a customer record, completing one from the base data.
func (t *Tx) decode(v string, base bool) (*simulator.Customer, error) {
	c, err := decodeRecord(v)
	if err == nil && base && t.s.complete != nil {
		t.s.complete(c)
	}
	return c, err
}

// decodeRecord decodes a customer's stored record: what a writer decodes
// itself and what Update decodes ahead for it (readyCache) alike.
func decodeRecord(v string) (*simulator.Customer, error) {
	c := new(simulator.Customer)
	if err := decodeJSON([]byte(v), c); err != nil {
		return nil, err
	}
	return c, nil
}

// load decodes the record v of a customer (the base data's if base) and
// adds the lists it keeps in keys of their own (nil when its record carries
// them itself), for use.
func (t *Tx) load(v string, base bool, use listUse) (*simulator.Customer, *listed, error) {
	return t.loadDecoded(nil, v, base, use)
}

// loadDecoded is load of c, decoded from v already (nil: not yet).
func (t *Tx) loadDecoded(c *simulator.Customer, v string, base bool, use listUse) (*simulator.Customer, *listed, error) {
	var err error
	if c == nil {
		c, err = t.decode(v, base)
	}
	if err != nil || base || inline(c) {
		return c, nil, err
	}
	l, err := t.lists(c.ID, v)
	if err != nil {
		return nil, nil, err
	}
	if attach(c, l, use) {
		t.lent = append(t.lent, l)
	}
	return c, l, nil
}

// ascend calls fn, in key order, for each relative key from lo (inclusive)
// to hi (exclusive) the namespace sees, until fn returns false: its own keys
// merged with the base entries it does not hide.
func (t *Tx) ascend(lo, hi string, fn func(rel, v string, base bool) bool) error {
	base := t.s.base
	b := base.search(lo)
	stopped := false
	// emitBase visits the base entries before rel (all remaining if rel is
	// ""), skipping one equal to rel: the namespace's own key wins.
	emitBase := func(rel string) bool {
		for ; b < base.len(); b++ {
			k := base.key(b)
			if k >= hi || (rel != "" && k >= rel) {
				break
			}
			if !strings.HasPrefix(k, custPrefix) && t.shadowed(base.id(b)) {
				continue
			}
			if !fn(k, base.value(b), true) {
				return false
			}
		}
		if rel != "" && b < base.len() && base.key(b) == rel {
			b++
		}
		return true
	}
	err := t.tx.AscendRange("", t.ns+lo, t.ns+hi, func(k, v string) bool {
		rel := k[len(t.ns):]
		if !emitBase(rel) || !fn(rel, v, false) {
			stopped = true
			return false
		}
		return true
	})
	if err != nil || stopped {
		return err
	}
	emitBase("")
	return nil
}

// Customer returns customer id. In a View transaction the result is shared and
// must not be changed; in an Update transaction it is the caller's own copy.
func (t *Tx) Customer(id int64) (*simulator.Customer, error) {
	ck := cacheKey{t.ns, id}
	if !t.writable {
		if c, ok := t.s.cache.load(ck); ok {
			return c, nil
		}
	}
	v, base, ok := t.getFrom(customerKey("", id))
	if !ok {
		return nil, ErrNotFound
	}
	use := shareLists
	var ready readyEntry
	if t.writable {
		use = lendLists
		if !base {
			if e, ok := t.s.ready.take(ck, v); ok {
				ready = e
			}
		}
	}
	c, l, err := t.loadDecoded(ready.c, v, base, use)
	if err != nil {
		return nil, fmt.Errorf("customer %d: %w", id, err)
	}
	if !t.writable {
		t.s.cache.store(ck, c)
	} else if _, ok := t.recall(id); !ok {
		// The entries come from the record as decoded, before the caller
		// changes it; base ones are the base data's, not the namespace's.
		sc := storedCustomer{version: c.Version, lists: l, stored: true}
		if !base {
			terms := t.termsKept()
			if ready.c != nil && l != nil && ready.terms == terms {
				sc.entries = ready.entries // what Put wrote for this record
			} else {
				sc.entries = t.s.entries(t.ns, c, l != nil, terms)
			}
		}
		t.remember(id, sc)
	}
	return c, nil
}

// remember records what the namespace now holds of customer id.
func (t *Tx) remember(id int64, sc storedCustomer) {
	if f := &t.firstStored; !f.ok || f.id == id {
		f.id, f.sc, f.ok = id, sc, true
		return
	}
	if t.stored == nil {
		t.stored = make(map[int64]storedCustomer)
	}
	t.stored[id] = sc
}

// recall returns what remember recorded of customer id.
func (t *Tx) recall(id int64) (storedCustomer, bool) {
	if f := &t.firstStored; f.ok && f.id == id {
		return f.sc, true
	}
	sc, ok := t.stored[id]
	return sc, ok
}

// forget forgets what remember recorded.
func (t *Tx) forget() {
	t.stored = nil
	t.firstStored.ok = false
}

// NextID returns the next value of the named sequence ("customer" gives new
// customer ids; others start at 1).
func (t *Tx) NextID(seq string) (int64, error) {
	key := t.ns + ":seq:" + seq
	var n int64 = 1
	if seq == "customer" {
		n = t.s.baseNext
	}
	if v, err := t.tx.Get(key); err == nil {
		n, _ = strconv.ParseInt(v, 10, 64)
	}
	if _, _, err := t.tx.Set(key, strconv.FormatInt(n+1, 10), nil); err != nil {
		return 0, err
	}
	return n, nil
}

// Put stores c, replacing its earlier version and re-indexing its identifiers
// and names. It fails, writing nothing, if an identifier of c belongs to
// another customer in the same source and account.
func (t *Tx) Put(c *simulator.Customer) error {
	if !t.writable {
		return errors.New("Put in a read-only transaction")
	}
	if err := c.CheckIdentifierCount(); err != nil { // before any index work
		return err
	}
	for _, p := range c.Profiles {
		for _, id := range p.Identifiers {
			if strings.ContainsAny(id.Value, sep+"\x00") || strings.ContainsAny(id.Type, sep+"\x00") {
				return fmt.Errorf("identifier %s has a control character", id.Type)
			}
			if owner, ok := t.Owner(p.Source, p.AccountID, id.Type, id.Value); ok && owner != c.ID {
				return fmt.Errorf("%s %q in %s belongs to customer %d", id.Type, id.Value, p.Source, owner)
			}
		}
	}
	key := customerKey(t.ns, c.ID)
	prev, known := t.recall(c.ID)
	if !known {
		// A customer the transaction did not read: what the namespace holds
		// of it comes from its stored record.
		if old, base, ok := t.getFrom(customerKey("", c.ID)); ok {
			if base {
				var p simulator.Customer
				if err := decodeJSON([]byte(old), &p); err == nil {
					prev, known = storedCustomer{version: p.Version, stored: true}, true
				}
			} else if p, l, err := t.load(old, false, shareLists); err == nil {
				prev, known = storedCustomer{version: p.Version, lists: l, entries: t.s.entries(t.ns, p, l != nil, t.termsKept()), stored: true}, true
			}
		}
	}
	if known {
		c.Version = prev.version + 1
	} else if c.Version == 0 {
		c.Version = 1
	}
	view := recordView(c)
	b, err := encodeJSON(view)
	if err != nil {
		return err
	}
	rec := frozen(b)
	if _, _, err := t.tx.Set(key, rec, nil); err != nil {
		return err
	}
	t.own = 1
	// The record's entries first: a record that carried its bills drops
	// their entries here, and putLists writes them again with the bills.
	latest := c.History.MarkLatest() // once, for the search terms and the next write
	terms := t.termsKept()
	entries := t.s.entries(t.ns, c, true, terms)
	if err := t.reindex(prev.entries, entries); err != nil {
		return err
	}
	l, err := t.putLists(c, prev.lists, rec, latest)
	if err != nil {
		return err
	}
	t.s.lists.store(cacheKey{t.ns, c.ID}, l)
	t.remember(c.ID, storedCustomer{version: c.Version, entries: entries, lists: l, stored: prev.stored})
	t.touched = append(t.touched, cacheKey{t.ns, c.ID})
	if prev.stored {
		t.rewrote(cacheKey{t.ns, c.ID}, rec, view, entries, terms)
	}
	return nil
}

// del deletes key k, which need not exist.
func (t *Tx) del(k string) error {
	if _, err := t.tx.Delete(k); err != nil && !errors.Is(err, buntdb.ErrNotFound) {
		return err
	}
	return nil
}

// reindex replaces the namespace's index entries old of a customer by
// entries: it deletes the keys gone and sets the keys new or changed, and
// leaves alone the many (a customer's bills, say) that stay as they were.
// Of a key entries holds twice, the last value counts.
func (t *Tx) reindex(old, entries []kv) error {
	if len(old) == 0 { // a new customer, or the base data's until now
		for _, e := range entries {
			if _, _, err := t.tx.Set(e.k, e.v, nil); err != nil {
				return err
			}
		}
		return nil
	}
	if slices.Equal(old, entries) { // most writes change no index entry
		return nil
	}
	want := make(map[string]string, len(entries))
	for _, e := range entries {
		want[e.k] = e.v
	}
	have := make(map[string]string, len(old))
	for _, e := range old {
		if _, ok := want[e.k]; !ok {
			if err := t.del(e.k); err != nil {
				return err
			}
		} else {
			have[e.k] = e.v
		}
	}
	for _, e := range entries {
		v := want[e.k]
		if hv, ok := have[e.k]; ok && hv == v {
			continue
		}
		if _, _, err := t.tx.Set(e.k, v, nil); err != nil {
			return err
		}
		have[e.k] = v
	}
	return nil
}

// Owner returns the id of the customer holding identifier typ=value in source
// src (and account acct for multi-account sources).
func (t *Tx) Owner(src simulator.Source, acct, typ, value string) (int64, bool) {
	if !src.MultiAccount() {
		acct = ""
	}
	v, ok := t.get(identKey("", src, acct, typ, value))
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil
}

// Holder is one place an identifier is registered.
type Holder struct {
	Source    simulator.Source
	AccountID string
	UserID    int64
}

// Holders returns every source/account where identifier typ=value is
// registered, ordered by source and account.
func (t *Tx) Holders(typ, value string) []Holder {
	prefix := ":x:" + typ + sep + simulator.NormalizeIdentifierValue(typ, value) + sep
	var out []Holder
	_ = t.ascend(prefix, prefix+"\xff", func(k, v string, _ bool) bool {
		rest := strings.Split(strings.TrimPrefix(k, prefix), sep)
		if len(rest) != 2 {
			return true
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return true
		}
		out = append(out, Holder{Source: simulator.Source(rest[0]), AccountID: rest[1], UserID: id})
		return true
	})
	return out
}

// Match is one search hit: the customer and what matched.
type Match struct {
	UserID    int64
	IDType    string // firstName, lastName, or an identifier type
	IDValue   string
	Source    simulator.Source
	AccountID string
}

// Search returns the customers with a first name, last name or identifier
// starting with prefix (case-insensitively), each once, in the order of their
// ids, with every way they matched. It reads the index only.
func (t *Tx) Search(prefix string) (ids []int64, matches map[int64][]Match) {
	start := ":s:" + strings.ToLower(strings.TrimSpace(prefix))
	matches = map[int64][]Match{}
	_ = t.ascend(start, start+"\xff", func(k, v string, _ bool) bool {
		m, ok := searchMatch(k, v)
		if !ok {
			return true
		}
		if _, ok := matches[m.UserID]; !ok {
			ids = append(ids, m.UserID)
		}
		matches[m.UserID] = append(matches[m.UserID], m)
		return true
	})
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, matches
}

// searchMatch reads a search entry: the key holds the matched value
// (lower-cased), the id, the identifier type, the source and the account;
// the value the value as written. (Files written by earlier versions hold
// the Match as JSON.)
func searchMatch(k, v string) (Match, bool) {
	var m Match
	if strings.HasPrefix(v, "{") && decodeJSON([]byte(v), &m) == nil && m.UserID != 0 {
		return m, true
	}
	f := strings.Split(k, sep)
	if len(f) < 5 {
		return m, false
	}
	f = f[len(f)-4:]
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return m, false
	}
	return Match{UserID: id, IDType: f[1], IDValue: v, Source: simulator.Source(f[2]), AccountID: f[3]}, true
}

// Count returns the number of customers in the namespace: the base ones and
// those it added.
func (t *Tx) Count() int {
	n := len(t.s.baseIDs)
	prefix := t.ns + custPrefix
	_ = t.tx.AscendRange("", prefix, prefix+"\xff", func(k, _ string) bool {
		if id, err := strconv.ParseInt(k[len(prefix):], 10, 64); err == nil && !t.s.inBase(id) {
			n++
		}
		return true
	})
	return n
}

// Each calls fn for every customer in the namespace, in key order, until fn
// returns false. Customers are the caller's own copies.
func (t *Tx) Each(fn func(c *simulator.Customer) bool) error {
	var ferr error
	err := t.ascend(custPrefix, custPrefix+"\xff", func(_, v string, base bool) bool {
		c, _, err := t.load(v, base, copyLists)
		if err != nil {
			ferr = err
			return false
		}
		return fn(c)
	})
	if ferr != nil {
		return ferr
	}
	return err
}

func identKey(ns string, src simulator.Source, acct, typ, value string) string {
	return ns + ":i:" + string(src) + sep + acct + sep + typ + sep + simulator.NormalizeIdentifierValue(typ, value)
}

// indexEntries returns the index keys of c in namespace ns, its search
// terms too.
func (s *Store) indexEntries(ns string, c *simulator.Customer) []kv {
	return s.entries(ns, c, false, true)
}

// entries returns the index keys of c in namespace ns; with listed, those
// of its record only: its bills' entries go with their keys (putLists);
// with terms, its search terms (Options.Terms) too.
func (s *Store) entries(ns string, c *simulator.Customer, listed, terms bool) []kv {
	id := strconv.FormatInt(c.ID, 10)
	var out []kv
	search := func(typ, value string, p *simulator.Profile) {
		v := strings.ToLower(strings.TrimSpace(value))
		if v == "" {
			return
		}
		out = append(out, kv{ns + ":s:" + v + sep + id + sep + typ + sep + string(p.Source) + sep + p.AccountID, value})
	}
	if c.MergedInto != 0 {
		return nil // a merged-away victim is found through its survivor only
	}
	for i := range c.Profiles {
		p := &c.Profiles[i]
		acct := p.AccountID
		if !p.Source.MultiAccount() {
			acct = ""
		}
		for _, ident := range p.Identifiers {
			out = append(out, kv{identKey(ns, p.Source, acct, ident.Type, ident.Value), id})
			out = append(out, kv{ns + ":x:" + ident.Type + sep + simulator.NormalizeIdentifierValue(ident.Type, ident.Value) + sep + string(p.Source) + sep + acct, id})
			search(ident.Type, ident.Value, p)
		}
		search("firstName", p.FirstName, p)
		search("lastName", p.LastName, p)
	}
	if listed {
		out = append(out, codeEntries(ns, c)...)
	} else {
		out = append(out, billEntries(ns, c)...)
	}
	out = append(out, couponEntries(ns, c)...)
	if terms {
		out = s.appendTerms(out, ns, id, c)
	}
	return out
}

// CustomerPage returns the customers at positions offset to offset+limit of
// the namespace's key order (as Each), and decodes only those: the base
// entries are found by index, the namespace's own keys by one pass over
// its keys, so a deep page costs what a first page does (plus the
// namespace's own customers, without decoding them).
func (t *Tx) CustomerPage(offset, limit int) ([]*simulator.Customer, error) {
	base := t.s.base
	lo, hi := base.search(custPrefix), base.search(custPrefix+"\xff")
	var own []string // the namespace's customer keys, relative, in order
	prefix := t.ns + custPrefix
	if err := t.tx.AscendRange("", prefix, prefix+"\xff", func(k, _ string) bool {
		own = append(own, k[len(t.ns):])
		return true
	}); err != nil {
		return nil, err
	}
	// Skip offset positions: runs of base entries by index arithmetic,
	// then one own key (which hides a base entry of the same key).
	b, j, skip := lo, 0, offset
	for skip > 0 && (b < hi || j < len(own)) {
		end := hi
		if j < len(own) {
			end = min(max(base.search(own[j]), b), hi)
		}
		if run := end - b; run >= skip {
			b += skip
			break
		} else {
			skip -= run
			b = end
		}
		if j == len(own) {
			break
		}
		if b < hi && base.key(b) == own[j] {
			b++
		}
		j++
		skip--
	}
	var out []*simulator.Customer
	for len(out) < limit && (b < hi || j < len(own)) {
		var v string
		fromBase := false
		switch {
		case j == len(own) || (b < hi && base.key(b) < own[j]):
			v, fromBase = base.value(b), true
			b++
		default:
			if b < hi && base.key(b) == own[j] {
				b++
			}
			got, err := t.tx.Get(t.ns + own[j])
			if err != nil {
				return nil, err
			}
			v = got
			j++
		}
		c, _, err := t.load(v, fromBase, copyLists)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
