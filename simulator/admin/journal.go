package admin

import (
	"encoding/binary"
	"hash/maphash"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/capsim/capsim/simulator/scenario"
)

// Entry is one request in the journal.
type Entry struct {
	ID          string    `json:"id"`
	Time        time.Time `json:"time"`
	Method      string    `json:"method"`
	Path        string    `json:"path"`
	Query       string    `json:"query"`
	OperationID string    `json:"operationId"`
	Namespace   string    `json:"namespace"`
	Scenario    string    `json:"scenario"`
	Rule        string    `json:"rule"`
	// Status is the HTTP status the client got; 0 when a fault broke the
	// connection instead (Fault says which).
	Status int    `json:"status"`
	Fault  string `json:"fault"`
	// Commit is "after-commit" when the handler's state change was kept
	// although the client got an injected answer.
	Commit string `json:"commit"`
	Codes  []int  `json:"codes"`
	// Valid is the response validation outcome; nil when it did not run.
	Valid      *bool                 `json:"valid"`
	DurationMs float64               `json:"durationMs"`
	Customer   []scenario.Identifier `json:"customer"`
	// Truncated says the path, query, codes or customers were cut to fit.
	Truncated bool    `json:"truncated"`
	Request   Message `json:"request"`
	Response  Message `json:"response"`
}

// Message is the headers and body of a request or response as the journal
// keeps them: credentials redacted, cut to the journal's bounds.
type Message struct {
	Headers Headers `json:"headers"`
	Body    string  `json:"body"`
	// BodyBytes is the size of the whole body (read or written), which
	// may be more than Body keeps.
	BodyBytes int64 `json:"bodyBytes"`
	// Truncated says headers or body were cut to fit the journal's bounds.
	Truncated bool `json:"truncated"`
}

// Raw is a request's or response's headers and body as the server saw
// them. Record copies what it keeps, so the caller may reuse the memory.
type Raw struct {
	Header http.Header
	Body   []byte // the captured body: a prefix of at most EntryBytes
	Size   int64  // the size of the whole body
}

// The journal bounds each entry, so that its memory is bounded whatever
// the traffic: these parts have fixed caps, the bodies share EntryBytes.
const (
	maxMethod        = 16
	maxPath          = 256
	maxQuery         = 4096
	maxName          = 128 // namespace, operation, scenario, rule
	maxCodes         = 32
	maxIdentifiers   = 16
	maxValue         = 128
	maxHeaders       = 64   // headers kept per message
	maxHeaderValue   = 512  // bytes kept of one header value
	maxHeaderBytes   = 4096 // bytes kept of a message's headers
	entryOverhead    = 512  // what an entry costs besides its strings
	minEntryBytes    = 1024
	headerOverhead   = 48
	customerOverhead = 48
)

// Default bounds of the journal.
const (
	DefaultEntries    = 1000
	DefaultEntryBytes = 64 << 10
	DefaultTotalBytes = 64 << 20
)

// Limits bound a journal.
type Limits struct {
	// Entries is how many requests it keeps at most; 0 none.
	Entries int
	// EntryBytes is how many bytes of request and response body one entry
	// keeps (together); DefaultEntryBytes if 0, at least 1 KiB.
	EntryBytes int
	// TotalBytes is how many bytes all entries keep together, counting
	// every string and a fixed overhead per entry; the oldest entries go
	// first to make room. DefaultTotalBytes if 0.
	TotalBytes int64
}

// Journal is a ring buffer of requests bounded in entries and in bytes:
// when full, each new entry replaces the oldest ones, so memory stays flat
// under any load. It is safe for concurrent use.
type Journal struct {
	lim     Limits
	mu      sync.Mutex
	entries []Entry // a ring: oldest at start
	sizes   []int64 // the bytes each entry holds
	start   int
	n       int
	bytes   int64
	bodies  recentBodies // response bodies the last entries share
}

// NewJournal returns a journal that keeps the last capacity requests with
// the default byte bounds; 0 keeps none.
func NewJournal(capacity int) *Journal { return NewJournalLimits(Limits{Entries: capacity}) }

// NewJournalLimits returns a journal bounded by l.
func NewJournalLimits(l Limits) *Journal {
	if l.Entries < 0 {
		l.Entries = 0
	}
	if l.EntryBytes <= 0 {
		l.EntryBytes = DefaultEntryBytes
	}
	l.EntryBytes = max(l.EntryBytes, minEntryBytes)
	if l.TotalBytes <= 0 {
		l.TotalBytes = DefaultTotalBytes
	}
	return &Journal{lim: l, bodies: recentBodies{seed: maphash.MakeSeed()}}
}

// Cap returns the journal's capacity in entries.
func (j *Journal) Cap() int {
	if j == nil {
		return 0
	}
	return j.lim.Entries
}

// EntryBytes returns how many body bytes one entry keeps: a capture of the
// request body needs no more.
func (j *Journal) EntryBytes() int { return j.lim.EntryBytes }

// Len returns the number of entries held.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.n
}

// Bytes returns the bytes the entries hold, as the bound counts them.
func (j *Journal) Bytes() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.bytes
}

// Add records e, bounding what could grow without bound; e keeps no
// request or response.
func (j *Journal) Add(e Entry) { j.Record(e, Raw{}, Raw{}) }

// Record records e with its request and response: it copies every string
// it keeps (a short string may hold a whole request line alive), redacts
// credentials, and cuts what exceeds the bounds, saying so.
func (j *Journal) Record(e Entry, req, resp Raw) {
	if j == nil || j.lim.Entries == 0 {
		return
	}
	size := j.own(&e, req, resp)
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.n > 0 && (j.n >= j.lim.Entries || j.bytes+size > j.lim.TotalBytes) {
		j.bytes -= j.sizes[j.start]
		j.entries[j.start], j.sizes[j.start] = Entry{}, 0
		j.start = (j.start + 1) % len(j.entries)
		j.n--
	}
	if j.n == len(j.entries) { // grow the ring, oldest first
		ring := make([]Entry, 0, min(max(2*j.n, 16), j.lim.Entries))
		sizes := make([]int64, 0, cap(ring))
		for i := 0; i < j.n; i++ {
			k := (j.start + i) % len(j.entries)
			ring, sizes = append(ring, j.entries[k]), append(sizes, j.sizes[k])
		}
		j.entries, j.sizes, j.start = ring[:cap(ring)], sizes[:cap(ring)], 0
	}
	k := (j.start + j.n) % len(j.entries)
	j.entries[k], j.sizes[k] = e, size
	j.n++
	j.bytes += size
}

// own makes e hold copies of its strings, bounded, with the request and
// response; it returns the bytes e holds. Every string the entry keeps is
// copied into one allocation, so that no kept string shares memory with
// the request (a method or a mobile number sliced from a 200 KB request
// line would keep the whole line alive) and the journal costs few
// allocations per request.
func (j *Journal) own(e *Entry, req, resp Raw) int64 {
	cut := false
	clipTo := func(s string, n int) string {
		if len(s) > n {
			cut = true
			return s[:n]
		}
		return s
	}
	// First every kept string is chosen, still pointing into its input.
	// Strings the server made for this entry alone (id, operation,
	// scenario, rule, fault, commit) need no copy; those from the request do.
	e.Method = clipTo(e.Method, maxMethod)
	e.Path = clipTo(e.Path, maxPath)
	e.Query = clipTo(redactForm(e.Query), maxQuery)
	e.Namespace = clipTo(e.Namespace, maxName)
	if len(e.Codes) > maxCodes {
		e.Codes, cut = e.Codes[:maxCodes], true
	}
	e.Codes = append(make([]int, 0, len(e.Codes)), e.Codes...)
	if len(e.Customer) > maxIdentifiers {
		e.Customer, cut = e.Customer[:maxIdentifiers], true
	}
	ids := make([]scenario.Identifier, len(e.Customer))
	for i, id := range e.Customer {
		ids[i] = id
		ids[i].Type, ids[i].Value = clipTo(id.Type, maxName), clipTo(id.Value, maxValue)
	}
	e.Customer, e.Truncated = ids, cut
	// The bodies share EntryBytes: each gets half, and what one leaves
	// the other may take. Their credentials are redacted when they are
	// read (see Message.redacted), not on the request path.
	share := j.lim.EntryBytes
	reqBody := e.Request.fill(req, min(len(req.Body), max(share/2, share-len(resp.Body))))
	respBody := e.Response.fill(resp, min(len(resp.Body), share-len(reqBody)))

	// Then they are copied into one allocation and pointed at their copies.
	size := keeper{measure: true}
	size.keepAll(e)
	total := size.n + len(reqBody) + len(respBody)
	a := keeper{b: make([]byte, 0, total-len(respBody))}
	a.keepAll(e)
	e.Request.Body, e.Response.Body = a.keep(reqBody), j.bodies.get(respBody)
	return int64(entryOverhead + len(e.ID) + len(e.OperationID) + len(e.Scenario) + len(e.Rule) + 8*len(e.Codes) +
		customerOverhead*len(ids) + headerOverhead*(len(e.Request.Headers)+len(e.Response.Headers)) + total)
}

// recentBodies holds the last response bodies entries kept, by hash, so
// that entries of the same answer (a cached read, asked again and again)
// share one copy instead of each making its own: no allocation per
// request for them. It holds recentSlots bodies of at most recentMax
// bytes; the entries' byte bound still counts each entry's body whole.
type recentBodies struct {
	mu   sync.Mutex
	seed maphash.Seed
	m    map[uint64]string
	keys [recentSlots]uint64
	next int
}

const (
	recentSlots = 256
	recentMax   = 16 << 10
)

// get returns b as a string: a body kept before, if b is one of them.
func (r *recentBodies) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > recentMax {
		return string(b)
	}
	h := r.key(b)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = make(map[uint64]string, recentSlots)
	}
	if s, ok := r.m[h]; ok && s == string(b) {
		return s
	}
	s := string(b)
	if old := r.keys[r.next]; old != 0 {
		delete(r.m, old)
	}
	r.keys[r.next], r.m[h] = h, s
	r.next = (r.next + 1) % recentSlots
	return s
}

// key hashes b's length and a sample of it: its first and last 64 bytes
// and 16 bytes at each eighth of it. Hashing a whole 3 KB body took a
// fiftieth of a cached read's CPU; comparing it whole with the body kept
// under its key takes a fraction of that. Two bodies alike in the sample
// take turns in one slot: neither is shared then, and none is mistaken
// for the other.
func (r *recentBodies) key(b []byte) uint64 {
	const edge, piece = 64, 16
	var h maphash.Hash
	h.SetSeed(r.seed)
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
	_, _ = h.Write(n[:])
	if len(b) <= 2*edge+8*piece {
		_, _ = h.Write(b)
		return h.Sum64()
	}
	_, _ = h.Write(b[:edge])
	for i := 1; i < 8; i++ {
		at := i * len(b) / 8
		_, _ = h.Write(b[at : at+piece])
	}
	_, _ = h.Write(b[len(b)-edge:])
	return h.Sum64()
}

// keeper copies strings into one buffer made big enough for all of them
// beforehand: it never grows, so every string made from it stays valid. A
// keeper that measures only adds up the bytes it would copy.
type keeper struct {
	b       []byte
	measure bool
	n       int
}

func (a *keeper) keep(p []byte) string {
	if len(p) == 0 {
		return ""
	}
	at := len(a.b)
	a.b = append(a.b, p...)
	return unsafe.String(&a.b[at], len(p))
}

func (a *keeper) keepString(s *string) {
	if a.measure || len(*s) == 0 {
		a.n += len(*s)
		return
	}
	at := len(a.b)
	a.b = append(a.b, *s...)
	*s = unsafe.String(&a.b[at], len(*s))
}

// keepAll copies every string of e that own copies, always in the same
// order.
func (a *keeper) keepAll(e *Entry) {
	a.keepString(&e.Method)
	a.keepString(&e.Path)
	a.keepString(&e.Query)
	a.keepString(&e.Namespace)
	for i := range e.Customer {
		a.keepString(&e.Customer[i].Type)
		a.keepString(&e.Customer[i].Value)
	}
	for _, hs := range [2]Headers{e.Request.Headers, e.Response.Headers} {
		for i := range hs {
			a.keepString(&hs[i].Name)
			a.keepString(&hs[i].Value)
		}
	}
}

// fill sets m's headers (those that fit the bounds, still pointing into
// raw) and returns the n bytes of body it keeps, cut at a character.
func (m *Message) fill(raw Raw, n int) []byte {
	m.BodyBytes = max(raw.Size, int64(len(raw.Body)))
	hs := make(Headers, 0, min(len(raw.Header), maxHeaders))
	var buf [24]string
	names := buf[:0]
	for k := range raw.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	bytes := 0
	for _, k := range names {
		v := raw.Header[k]
		value := ""
		if len(v) == 1 {
			value = v[0]
		} else {
			value = strings.Join(v, ", ")
		}
		value = redactHeaderValue(k, value)
		if len(k) > maxName || len(value) > maxHeaderValue {
			m.Truncated = true
			k, value = k[:min(len(k), maxName)], value[:min(len(value), maxHeaderValue)]
		}
		if len(hs) >= maxHeaders || bytes+len(k)+len(value) > maxHeaderBytes {
			m.Truncated = true
			break
		}
		hs = append(hs, Header{k, value})
		bytes += len(k) + len(value)
	}
	m.Headers = hs
	if n < len(raw.Body) {
		n, m.Truncated = runeStart(raw.Body, n), true
	}
	m.Truncated = m.Truncated || int64(n) < m.BodyBytes
	return raw.Body[:n]
}

// runeStart backs n off to the start of a UTF-8 sequence, so a cut body
// stays valid text.
func runeStart(b []byte, n int) int {
	for i := 0; i < 3 && n > 0 && n < len(b) && b[n]&0xC0 == 0x80; i++ {
		n--
	}
	return n
}

// Find returns up to limit entries that f (nil: any) matches, newest
// first, and how many match in all.
func (j *Journal) Find(f *Filter, limit int) ([]Entry, int) {
	out, total, _ := j.FindBytes(f, limit, 0)
	return out, total
}

// FindBytes is Find with a budget: the entries returned hold at most
// maxBytes of bodies (0: no bound) but always the first match, and cut says
// that the budget, not limit, ended the list.
func (j *Journal) FindBytes(f *Filter, limit int, maxBytes int) (out []Entry, total int, cut bool) {
	if f == nil {
		f = &Filter{}
	}
	// The cheap criteria run under the lock; body matches and redaction,
	// which parse bodies, run on copies after it, so a query never holds
	// up the requests being recorded. Entries never change once recorded:
	// a copy shares their strings. Without body matches only the first
	// limit matches are copied; the others are only counted.
	j.mu.Lock()
	var found []Entry
	keep := limit
	if len(f.Body) > 0 {
		keep = j.n
	}
	for i := j.n - 1; i >= 0; i-- { // newest first
		if e := &j.entries[(j.start+i)%len(j.entries)]; f.matchesFields(e) {
			if len(f.Body) == 0 {
				total++
			}
			if len(found) < keep {
				if found == nil {
					found = make([]Entry, 0, min(keep, i+1))
				}
				found = append(found, *e)
			}
		}
	}
	j.mu.Unlock()
	held := 0
	out = found[:0] // filtered in place
	for i := range found {
		e := &found[i]
		if len(f.Body) > 0 {
			if !f.matchesBody(e) {
				continue
			}
			total++
		}
		if len(out) < limit && !cut {
			e.Request, e.Response = e.Request.redacted(), e.Response.redacted()
			n := len(e.Request.Body) + len(e.Response.Body)
			if maxBytes > 0 && len(out) > 0 && held+n > maxBytes {
				cut = true
				continue
			}
			held += n
			e.Codes = append([]int{}, e.Codes...)
			e.Customer = append([]scenario.Identifier{}, e.Customer...)
			out = append(out, *e)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	return out, total, cut
}

// Count returns how many entries f matches.
func (j *Journal) Count(f *Filter) int {
	_, n := j.Find(f, 0)
	return n
}

// Clear drops the entries of namespace ns, or every entry when ns is
// empty, and returns how many it dropped.
func (j *Journal) Clear(ns string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.n
	if ns == "" {
		j.entries, j.sizes, j.start, j.n, j.bytes = nil, nil, 0, 0, 0
		return n
	}
	// Keep the others in age order, oldest first.
	var kept []Entry
	var sizes []int64
	var total int64
	for i := 0; i < j.n; i++ {
		k := (j.start + i) % len(j.entries)
		if j.entries[k].Namespace != ns {
			kept, sizes = append(kept, j.entries[k]), append(sizes, j.sizes[k])
			total += j.sizes[k]
		}
	}
	j.entries, j.sizes, j.start, j.n, j.bytes = kept, sizes, 0, len(kept), total
	return n - len(kept)
}
