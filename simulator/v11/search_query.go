package v11

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The customer/search query grammar (reference "Query Grammar", NOTES §1.8):
//
//	QUERY     : CONDITION | QUERY & QUERY | QUERY | QUERY | (QUERY)
//	CONDITION : ATTRIBUTE:OPERATOR:VALUES | CUSTOM_FIELD:VALUE
//	OPERATOR  : STARTS ENDS EXACT RANGE LESS GREATER EQUALS IN ON
//	VALUES    : VALUE | VALUE;VALUE;...   (RANGE takes two, IN one or more)
//
// The docs write "&" between conditions and their samples also "|" (the
// product search joins conditions with it) and wrap the query in
// parentheses (q=(slab:EQUALS:CLASSIC)); capsim reads "&" as and, "|" as or
// (and binds tighter) and parentheses as grouping. Values cannot contain
// & | ( or ).

// attrKind is the type of a searchable attribute.
type attrKind int

const (
	kindString attrKind = iota
	kindNumber
	kindDate
)

func (k attrKind) String() string {
	switch k {
	case kindNumber:
		return "a number"
	case kindDate:
		return "a date"
	}
	return "a string"
}

// searchAttrs are the built-in attributes; a name not here must be one of
// the org's custom fields (a string). transaction_value is the docs'
// example's name for last_trans_value.
var searchAttrs = map[string]attrKind{
	"firstname": kindString, "lastname": kindString, "mobile": kindString, "email": kindString,
	"external_id": kindString, "slab": kindString, "registered_store": kindString,
	"org_id": kindNumber, "loyalty_points": kindNumber, "lifetime_points": kindNumber,
	"lifetime_purchases": kindNumber, "last_trans_value": kindNumber, "transaction_value": kindNumber,
	"registered_date": kindDate,
}

// searchOps lists the operators and the attribute kinds each applies to.
var searchOps = map[string][]attrKind{
	"STARTS":  {kindString},
	"ENDS":    {kindString},
	"EXACT":   {kindString, kindNumber, kindDate},
	"EQUALS":  {kindString, kindNumber, kindDate},
	"IN":      {kindString, kindNumber},
	"RANGE":   {kindNumber, kindDate},
	"LESS":    {kindNumber, kindDate},
	"GREATER": {kindNumber, kindDate},
	"ON":      {kindDate},
}

const opNames = "STARTS, ENDS, EXACT, RANGE, LESS, GREATER, EQUALS, IN, ON"

// maxQueryDepth bounds parenthesis nesting, so no query can exhaust the stack.
const maxQueryDepth = 32

// QueryError is a search query that does not follow the grammar.
type QueryError struct {
	Pos int // the 0-based byte offset where the problem is
	Msg string
}

func (e *QueryError) Error() string { return fmt.Sprintf("at character %d: %s", e.Pos+1, e.Msg) }

// Query is a parsed search query.
type Query struct{ root queryNode }

// Subject is what a query is matched against: a customer's attribute values.
// Strings are compared case-insensitively except by EXACT; dates by day.
type Subject struct {
	Strings map[string]string  // firstname, lastname, mobile, ..., and custom fields (lower-case names)
	Numbers map[string]float64 // org_id, loyalty_points, ...
	Dates   map[string]time.Time
	// Aliases are further values a string attribute matches by: the
	// registered store is named by its code, its id or the till.
	Aliases map[string][]string
}

// Match reports whether s satisfies the query.
func (q *Query) Match(s *Subject) bool { return q.root.match(s) }

type queryNode interface {
	match(*Subject) bool
	ids(TermIndex) ([]int64, error)
}

type andNode []queryNode

func (n andNode) match(s *Subject) bool {
	for _, c := range n {
		if !c.match(s) {
			return false
		}
	}
	return true
}

type orNode []queryNode

func (n orNode) match(s *Subject) bool {
	for _, c := range n {
		if c.match(s) {
			return true
		}
	}
	return false
}

// condition is one ATTRIBUTE:OPERATOR:VALUES.
type condition struct {
	attr  string
	kind  attrKind
	op    string
	vals  []string
	nums  []float64
	dates []time.Time
}

// ParseQuery parses q. customFields are the org's custom field names, which
// are attributes too (compared case-insensitively).
func ParseQuery(q string, customFields []string) (*Query, error) {
	p := &queryParser{s: q, custom: customFields}
	if strings.TrimSpace(q) == "" {
		return nil, &QueryError{Pos: 0, Msg: "the query is empty"}
	}
	root, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.s) {
		return nil, &QueryError{Pos: p.pos, Msg: fmt.Sprintf("unexpected %q", p.s[p.pos])}
	}
	return &Query{root: root}, nil
}

type queryParser struct {
	s      string
	pos    int
	custom []string
}

func (p *queryParser) skipSpace() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

func (p *queryParser) peek() byte {
	p.skipSpace()
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// expr := term ('|' term)*
func (p *queryParser) expr(depth int) (queryNode, error) {
	var terms orNode
	for {
		t, err := p.term(depth)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
		if p.peek() != '|' {
			break
		}
		p.pos++
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

// term := factor ('&' factor)*
func (p *queryParser) term(depth int) (queryNode, error) {
	var factors andNode
	for {
		f, err := p.factor(depth)
		if err != nil {
			return nil, err
		}
		factors = append(factors, f)
		if p.peek() != '&' {
			break
		}
		p.pos++
	}
	if len(factors) == 1 {
		return factors[0], nil
	}
	return factors, nil
}

// factor := '(' expr ')' | condition
func (p *queryParser) factor(depth int) (queryNode, error) {
	switch p.peek() {
	case '(':
		if depth >= maxQueryDepth {
			return nil, &QueryError{Pos: p.pos, Msg: fmt.Sprintf("parentheses nest deeper than %d", maxQueryDepth)}
		}
		open := p.pos
		p.pos++
		n, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, &QueryError{Pos: open, Msg: "unbalanced parenthesis: this ( is never closed"}
		}
		p.pos++
		return n, nil
	case ')':
		return nil, &QueryError{Pos: p.pos, Msg: "unexpected ) where a condition should be"}
	case '&', '|', 0:
		return nil, &QueryError{Pos: p.pos, Msg: "missing condition (ATTRIBUTE:OPERATOR:VALUES)"}
	}
	start := p.pos
	for p.pos < len(p.s) && !strings.ContainsRune("&|()", rune(p.s[p.pos])) {
		p.pos++
	}
	return p.condition(start, strings.TrimSpace(p.s[start:p.pos]))
}

// twoPart reports whether parts (a condition split at its first two
// colons) are the docs' custom-field form <Field Name>:<Field Value>: the
// first part names a custom field (and no standard attribute) and the
// second is no operator (a value may hold colons).
func (p *queryParser) twoPart(parts []string) (string, bool) {
	attr := strings.ToLower(strings.TrimSpace(parts[0]))
	if len(parts) < 2 || attr == "" {
		return "", false
	}
	if _, std := searchAttrs[attr]; std {
		return "", false
	}
	if _, custom := simulator.ConfiguredName(p.custom, attr); !custom {
		return "", false
	}
	_, op := searchOps[strings.ToUpper(strings.TrimSpace(parts[1]))]
	return parts[0], len(parts) == 2 || !op
}

// condition parses ATTRIBUTE:OPERATOR:VALUES found at pos, or a custom
// field's <Field Name>:<Field Value>.
func (p *queryParser) condition(pos int, text string) (queryNode, error) {
	fail := func(format string, args ...any) (queryNode, error) {
		return nil, &QueryError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	parts := strings.SplitN(text, ":", 3)
	if field, ok := p.twoPart(parts); ok {
		// The docs' custom-field form <Field Name>:<Field Value>: EQUALS.
		parts = []string{field, "EQUALS", strings.Join(parts[1:], ":")}
	}
	if len(parts) < 3 {
		return fail("condition %q is not ATTRIBUTE:OPERATOR:VALUES", text)
	}
	c := &condition{attr: strings.ToLower(strings.TrimSpace(parts[0])), op: strings.ToUpper(strings.TrimSpace(parts[1]))}
	if c.attr == "" {
		return fail("condition %q names no attribute", text)
	}
	kind, ok := searchAttrs[c.attr]
	if !ok {
		name, custom := simulator.ConfiguredName(p.custom, c.attr)
		if !custom {
			return fail("unknown attribute %q: want firstname, lastname, mobile, email, external_id, org_id, registered_date, loyalty_points, lifetime_points, lifetime_purchases, slab, registered_store, last_trans_value or a custom field", parts[0])
		}
		c.attr, kind = strings.ToLower(name), kindString
	}
	c.kind = kind
	kinds, ok := searchOps[c.op]
	if !ok {
		return fail("unknown operator %q in %q: want %s", parts[1], text, opNames)
	}
	applies := false
	for _, k := range kinds {
		applies = applies || k == kind
	}
	if !applies {
		return fail("operator %s does not apply to %s, which is %s", c.op, c.attr, kind)
	}
	raw := strings.TrimSpace(parts[2])
	if raw == "" {
		return fail("condition %q has no value", text)
	}
	switch c.op {
	case "RANGE", "IN":
		for _, v := range strings.Split(raw, ";") {
			if v = strings.TrimSpace(v); v != "" {
				c.vals = append(c.vals, v)
			}
		}
	default:
		c.vals = []string{raw}
	}
	if c.attr == "mobile" {
		for i := range c.vals {
			c.vals[i] = simulator.CleanMobile(c.vals[i])
		}
	}
	if c.op == "RANGE" && len(c.vals) != 2 {
		return fail("RANGE takes two values separated by ';' (got %q)", raw)
	}
	if len(c.vals) == 0 {
		return fail("condition %q has no value", text)
	}
	for _, v := range c.vals {
		switch kind {
		case kindNumber:
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return fail("%s takes numbers: %q is not one", c.attr, v)
			}
			c.nums = append(c.nums, n)
		case kindDate:
			d, ok := parseDateTime(v)
			if !ok {
				return fail("%s takes dates (YYYY-MM-DD): %q is not one", c.attr, v)
			}
			c.dates = append(c.dates, day(d))
		}
	}
	if c.op == "RANGE" && ((kind == kindNumber && c.nums[0] > c.nums[1]) || (kind == kindDate && c.dates[0].After(c.dates[1]))) {
		return fail("RANGE %s: the first value is above the second", raw)
	}
	return c, nil
}

// day returns t's calendar day (wall clock) as midnight UTC.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func (c *condition) match(s *Subject) bool {
	switch c.kind {
	case kindNumber:
		x, ok := s.Numbers[c.attr]
		if !ok {
			return false
		}
		return compare(c.op, len(c.nums), func(i int) int { return cmpFloat(x, c.nums[i]) })
	case kindDate:
		t, ok := s.Dates[c.attr]
		if !ok || t.IsZero() {
			return false
		}
		d := day(t)
		return compare(c.op, len(c.dates), func(i int) int { return d.Compare(c.dates[i]) })
	}
	if v, ok := s.Strings[c.attr]; ok && c.matchString(v) {
		return true
	}
	for _, v := range s.Aliases[c.attr] {
		if c.matchString(v) {
			return true
		}
	}
	return false
}

// matchString applies a string operator to v.
func (c *condition) matchString(v string) bool {
	if v == "" {
		return false
	}
	lv := strings.ToLower(v)
	switch c.op {
	case "STARTS":
		return strings.HasPrefix(lv, strings.ToLower(c.vals[0]))
	case "ENDS":
		return strings.HasSuffix(lv, strings.ToLower(c.vals[0]))
	case "EXACT":
		return v == c.vals[0]
	}
	for _, want := range c.vals { // EQUALS, IN
		if strings.EqualFold(v, want) {
			return true
		}
	}
	return false
}

// compare applies a comparison operator, given cmp(i) = sign(x - value i).
func compare(op string, n int, cmp func(i int) int) bool {
	switch op {
	case "LESS":
		return cmp(0) < 0
	case "GREATER":
		return cmp(0) > 0
	case "RANGE":
		return cmp(0) >= 0 && cmp(1) <= 0
	}
	for i := 0; i < n; i++ { // EQUALS, EXACT, IN, ON
		if cmp(i) == 0 {
			return true
		}
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// The search index. Each customer's Subject is written as terms (see
// SearchTerms) under these attribute names, so that every condition is a
// range of keys: strings lower-cased (and byte-reversed, for ENDS), numbers
// and dates in an encoding whose byte order is their order.
const (
	termString   = "s:"
	termReversed = "r:"
	termNumber   = "n:"
	termDate     = "d:"
)

// TermIndex is what queries are answered from: the terms of attribute attr
// whose key k satisfies lo <= k < hi, in key order, each with the customer
// holding it (the store's Tx).
type TermIndex interface {
	Terms(attr, lo, hi string, fn func(key, value string, id int64) bool) error
}

// Terms returns the search index terms of s: a query's IDs over an index of
// subjects' terms are the subjects it Matches.
func (s *Subject) Terms() []store.Term {
	var out []store.Term
	str := func(attr, v string) {
		if v == "" {
			return // an empty value matches no string operator
		}
		lv := strings.ToLower(v)
		out = append(out, store.Term{Attr: termString + attr, Key: lv, Value: v},
			store.Term{Attr: termReversed + attr, Key: reverseBytes(lv), Value: v})
	}
	for a, v := range s.Strings {
		str(a, v)
	}
	for a, vs := range s.Aliases {
		for _, v := range vs {
			str(a, v)
		}
	}
	for a, x := range s.Numbers {
		out = append(out, store.Term{Attr: termNumber + a, Key: numberKey(x)})
	}
	for a, t := range s.Dates {
		if !t.IsZero() {
			out = append(out, store.Term{Attr: termDate + a, Key: dateKey(t)})
		}
	}
	return out
}

// numberKey encodes x so that byte order is numeric order.
func numberKey(x float64) string {
	if x == 0 {
		x = 0 // -0 and 0 are equal
	}
	b := math.Float64bits(x)
	if b>>63 == 0 {
		b ^= 1 << 63
	} else {
		b = ^b
	}
	// Sixteen lower-case hex digits, as %016x writes them, without fmt:
	// the base's index builds one per number of every customer.
	const hex = "0123456789abcdef"
	var out [16]byte
	for i := len(out) - 1; i >= 0; i-- {
		out[i], b = hex[b&0xf], b>>4
	}
	return string(out[:])
}

// dateKey encodes t's day so that byte order is date order.
func dateKey(t time.Time) string { return numberKey(float64(day(t).Unix())) }

func reverseBytes(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[len(s)-1-i] = s[i]
	}
	return string(b)
}

// justAbove is the least key above every key that starts with k and holds
// no byte below 0x20 after it: the store keeps keys free of those bytes, so
// [k, justAbove(k)) holds k alone.
func justAbove(k string) string { return k + " " }

// IDs returns the ids of the customers that satisfy the query, ascending,
// read from the index: the work grows with the customers each condition
// selects, not with the customers there are.
func (q *Query) IDs(ix TermIndex) ([]int64, error) { return q.root.ids(ix) }

func (n andNode) ids(ix TermIndex) ([]int64, error) {
	sets := make([][]int64, 0, len(n))
	for _, c := range n {
		s, err := c.ids(ix)
		if err != nil {
			return nil, err
		}
		if len(s) == 0 {
			return nil, nil
		}
		sets = append(sets, s)
	}
	sort.Slice(sets, func(i, j int) bool { return len(sets[i]) < len(sets[j]) })
	out := sets[0]
	for _, s := range sets[1:] {
		out = intersect(out, s)
	}
	return out, nil
}

func (n orNode) ids(ix TermIndex) ([]int64, error) {
	var all []int64
	for _, c := range n {
		s, err := c.ids(ix)
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return sortedUnique(all), nil
}

// ids finds the customers a condition selects: one key range per value.
func (c *condition) ids(ix TermIndex) ([]int64, error) {
	var out []int64
	scan := func(attr, lo, hi string, keep func(value string) bool) error {
		return ix.Terms(attr, lo, hi, func(_, value string, id int64) bool {
			if keep == nil || keep(value) {
				out = append(out, id)
			}
			return true
		})
	}
	var err error
	switch c.kind {
	case kindString:
		err = c.stringIDs(scan)
	case kindNumber:
		err = c.rangeIDs(termNumber+c.attr, c.nums, numberKey, scan)
	case kindDate:
		days := make([]float64, len(c.dates))
		for i, d := range c.dates {
			days[i] = float64(d.Unix())
		}
		err = c.rangeIDs(termDate+c.attr, days, numberKey, scan)
	}
	if err != nil {
		return nil, err
	}
	return sortedUnique(out), nil
}

type scanFunc func(attr, lo, hi string, keep func(value string) bool) error

// stringIDs answers a string condition as matchString does.
func (c *condition) stringIDs(scan scanFunc) error {
	switch c.op {
	case "STARTS", "ENDS": // the check covers keys the store cleaned of control bytes
		lv, attr := strings.ToLower(c.vals[0]), termString+c.attr
		if c.op == "ENDS" {
			lv, attr = reverseBytes(lv), termReversed+c.attr
		}
		return scan(attr, lv, lv+"\xff", c.matchString)
	case "EXACT":
		lv := strings.ToLower(c.vals[0])
		return scan(termString+c.attr, lv, justAbove(lv), func(v string) bool { return v == c.vals[0] })
	}
	for _, want := range c.vals { // EQUALS, IN
		lv := strings.ToLower(want)
		if err := scan(termString+c.attr, lv, justAbove(lv), func(v string) bool { return strings.EqualFold(v, want) }); err != nil {
			return err
		}
	}
	return nil
}

// rangeIDs answers a number or date condition as compare does, with
// cmpFloat's reading of NaN: equal to everything.
func (c *condition) rangeIDs(attr string, xs []float64, key func(float64) string, scan scanFunc) error {
	const first, last = "", "\xff"
	switch c.op {
	case "LESS":
		if math.IsNaN(xs[0]) {
			return nil
		}
		return scan(attr, first, key(xs[0]), nil)
	case "GREATER":
		if math.IsNaN(xs[0]) {
			return nil
		}
		return scan(attr, justAbove(key(xs[0])), last, nil)
	case "RANGE":
		lo, hi := first, last
		if !math.IsNaN(xs[0]) {
			lo = key(xs[0])
		}
		if !math.IsNaN(xs[1]) {
			hi = justAbove(key(xs[1]))
		}
		return scan(attr, lo, hi, nil)
	}
	for _, x := range xs { // EQUALS, EXACT, IN, ON
		if math.IsNaN(x) {
			return scan(attr, first, last, nil)
		}
		if err := scan(attr, key(x), justAbove(key(x)), nil); err != nil {
			return err
		}
	}
	return nil
}

func sortedUnique(ids []int64) []int64 {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// intersect returns the ids in both ascending lists.
func intersect(a, b []int64) []int64 {
	var out []int64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
