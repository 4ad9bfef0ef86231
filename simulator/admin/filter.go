package admin

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/store"
)

// Filter selects journal entries; nil and empty fields match anything.
type Filter struct {
	Operation  string
	Namespace  string
	Method     string
	PathPrefix string
	Scenario   string
	Status     *int // 0 selects the requests a fault broke
	Code       *int
	Since      time.Time
	// Customer holds identifiers (type -> value) the request must carry.
	Customer map[string]string
	// Body holds matches on the request or response body; all must hold.
	Body []BodyMatch
}

// matchesFields reports whether e matches every criterion but the body matches.
func (f *Filter) matchesFields(e *Entry) bool {
	switch {
	case f.Operation != "" && e.OperationID != f.Operation,
		f.Namespace != "" && e.Namespace != f.Namespace,
		f.Method != "" && !strings.EqualFold(e.Method, f.Method),
		f.PathPrefix != "" && !strings.HasPrefix(e.Path, f.PathPrefix),
		f.Status != nil && e.Status != *f.Status,
		!f.Since.IsZero() && e.Time.Before(f.Since):
		return false
	}
	if f.Scenario != "" && !containsName(e.Scenario, f.Scenario) {
		return false
	}
	if f.Code != nil && !containsInt(e.Codes, *f.Code) {
		return false
	}
	for typ, v := range f.Customer {
		found := false
		for _, id := range e.Customer {
			if id.Type == typ && simulator.NormalizeIdentifierValue(typ, id.Value) == simulator.NormalizeIdentifierValue(typ, v) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// matchesBody reports whether e matches the body matches.
func (f *Filter) matchesBody(e *Entry) bool {
	for i := range f.Body {
		m := &f.Body[i]
		msg := &e.Request
		if m.Response {
			msg = &e.Response
		}
		if !m.matches(msg) {
			return false
		}
	}
	return true
}

func containsName(list, name string) bool {
	for _, s := range strings.Split(list, ",") {
		if s == name {
			return true
		}
	}
	return false
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// journalCustomerParams are the filter parameters naming an identifier.
var journalCustomerParams = map[string]string{
	"mobile":     simulator.IDMobile,
	"email":      simulator.IDEmail,
	"externalId": simulator.IDExternalID,
	"customerId": scenario.IDCustomer,
}

// journalMethods are the methods the method filter takes.
var journalMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// filterParams are every filter's name; limit is the find's own.
var filterParams = []string{
	"operation", "namespace", "method", "path", "status", "code", "scenario", "since",
	"mobile", "email", "externalId", "customerId",
	"bodyPath", "bodyValue", "bodyContains", "responsePath", "responseValue", "responseContains",
}

// parseFilter reads a Filter (and, when withLimit, a limit) from q. Every
// parameter must be a known filter given once with a value of its form: an
// unknown or repeated one, an empty value or a bad one is a problem, named,
// rather than a filter quietly ignored.
func parseFilter(q url.Values, withLimit bool, ops []string) (*Filter, int, string) {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	known := map[string]bool{}
	for _, p := range filterParams {
		known[p] = true
	}
	known["limit"] = withLimit
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch vs := q[name]; {
		case !known[name]:
			bad("unknown filter %q (filters: %s%s)", name, strings.Join(filterParams, ", "), map[bool]string{true: ", limit"}[withLimit])
		case len(vs) > 1:
			bad("filter %q is given %d times: give it once", name, len(vs))
		case vs[0] == "":
			bad("filter %q is empty: give a value or leave it out", name)
		}
	}
	get := func(name string) string {
		if vs := q[name]; len(vs) == 1 {
			return vs[0]
		}
		return ""
	}
	f := &Filter{
		Operation: get("operation"), Namespace: get("namespace"), Method: get("method"),
		PathPrefix: get("path"), Scenario: get("scenario"),
	}
	integer := func(name string, lo, hi int) *int {
		s := get(name)
		if s == "" {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			bad("filter %s=%q: want an integer from %d to %d", name, s, lo, hi)
			return nil
		}
		return &n
	}
	// A filter that names nothing that can be must not pass as "never called".
	if f.Operation != "" && !slices.Contains(ops, f.Operation) {
		bad("filter operation=%q: no such operation (operations: %s)", f.Operation, strings.Join(ops, ", "))
	}
	if f.Method != "" && !slices.Contains(journalMethods, strings.ToUpper(f.Method)) {
		bad("filter method=%q: want one of %s", f.Method, strings.Join(journalMethods, ", "))
	}
	if f.Namespace != "" {
		if err := store.CheckNamespace(f.Namespace); err != nil {
			bad("filter namespace=%q: %s", f.Namespace, err)
		}
	}
	if f.PathPrefix != "" && !strings.HasPrefix(f.PathPrefix, "/") {
		bad("filter path=%q: want a path prefix starting with /, such as /v2/", f.PathPrefix)
	}
	if v := get("mobile"); v != "" && !simulator.ValidMobile(simulator.CleanMobile(v)) {
		bad("filter mobile=%q: want %d to %d digits (country code and number)", v, simulator.MinMobileDigits, simulator.MaxMobileDigits)
	}
	if v := get("email"); v != "" && !strings.Contains(v, "@") {
		bad("filter email=%q: want an address with @", v)
	}
	if v := get("customerId"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n < 1 {
			bad("filter customerId=%q: want a positive integer", v)
		}
	}
	f.Status = integer("status", 0, 599)
	f.Code = integer("code", 0, 1<<31-1)
	limit := 100
	if l := integer("limit", 0, 1_000_000); l != nil && withLimit {
		limit = *l
	}
	if s := get("since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			bad("filter since=%q: want an RFC 3339 time such as 2026-01-02T15:04:05Z", s)
		}
		f.Since = t
	}
	for param, typ := range journalCustomerParams {
		if v := get(param); v != "" {
			if f.Customer == nil {
				f.Customer = map[string]string{}
			}
			f.Customer[typ] = v
		}
	}
	for _, side := range []struct {
		prefix   string
		response bool
	}{{"body", false}, {"response", true}} {
		path, value, contains := get(side.prefix+"Path"), get(side.prefix+"Value"), get(side.prefix+"Contains")
		if path == "" && value == "" && contains == "" {
			continue
		}
		m := BodyMatch{Response: side.response, Contains: contains}
		if value != "" {
			if path == "" {
				bad("filter %sValue needs %sPath: the path of the value in the body", side.prefix, side.prefix)
			}
			m.Value = &value
		}
		if path != "" {
			p, err := ParseBodyPath(path)
			if err != nil {
				bad("filter %sPath: %s", side.prefix, err)
			}
			m.Path = p
		}
		f.Body = append(f.Body, m)
	}
	if len(probs) > 0 {
		return nil, 0, strings.Join(probs, "; ")
	}
	return f, limit, ""
}

// maxCriteriaBytes bounds a criteria body.
const maxCriteriaBytes = 64 << 10

// criteriaQuery turns a JSON criteria body — the filters' names as keys,
// strings, numbers or booleans as values — into the query form.
func criteriaQuery(r *http.Request) (url.Values, string) {
	var raw map[string]json.RawMessage
	body, err := io.ReadAll(io.LimitReader(r.Body, maxCriteriaBytes+1))
	if err != nil {
		return nil, "the criteria body could not be read: " + err.Error()
	}
	if len(body) > maxCriteriaBytes {
		return nil, fmt.Sprintf("the criteria body is larger than %d bytes", maxCriteriaBytes)
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return url.Values{}, ""
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, "the criteria body must be a JSON object of filters, such as {\"operation\": \"issuePromotion\", \"bodyPath\": \"promotionId\", \"bodyValue\": 57099}: " + err.Error()
	}
	q := url.Values{}
	for k, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			q.Set(k, s)
			continue
		}
		var x any
		_ = json.Unmarshal(v, &x)
		switch x.(type) {
		case float64, bool:
			q.Set(k, strings.TrimSpace(string(v)))
		default:
			return nil, fmt.Sprintf("criteria %q: want a string, number or boolean, not %s", k, v)
		}
	}
	return q, ""
}

type requestsResult struct {
	Requests  []Entry `json:"requests"`
	Count     int     `json:"count"`
	Capacity  int     `json:"capacity"`
	Truncated bool    `json:"truncated,omitempty"`
}

// AnswerBytes bounds the bodies one journal answer carries, and
// concurrentHeavy how many heavy admin answers (journal pages, customer
// pages) are made at once; others wait their turn. A journal answer is
// copied, encoded and validated whole, so without them sixteen clients
// asking for a thousand entries each hold gigabytes between them; and one
// at a time, the admin API's heaviest reads take at most one core from the
// clients of the API.
const (
	AnswerBytes     = 8 << 20
	concurrentHeavy = 1
)

// heavyTurn waits for the turn of a heavy admin answer; it returns false
// when the client went away first. The caller calls done when it has made
// its answer. The turn lasts until the answer is validated and sent (the
// server's RequestInfo.Over). When it was long and the API was called
// meanwhile, it is then held for heavyRest times as long: while clients
// of the API are being served, heavy answers, back to back, take at most a
// quarter of one core and they keep the rest of the machine whatever the
// admin API is asked; on an otherwise idle server a script reading the
// journal page after page is not slowed.
func (s *Server) heavyTurn(r *http.Request) (done func(), ok bool) {
	select {
	case s.heavy <- struct{}{}:
	case <-r.Context().Done():
		return nil, false
	}
	start := time.Now()
	var served uint64
	if s.APIServed != nil {
		served = s.APIServed()
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			took := time.Since(start)
			if took >= heavyRestFrom && (s.APIServed == nil || s.APIServed() != served) {
				time.AfterFunc(time.Duration(heavyRest*float64(took)), func() { <-s.heavy })
				return
			}
			<-s.heavy
		})
	}
	if simulator.HasInfo(r.Context()) {
		simulator.Info(r.Context()).After(release)
		return func() {}, true
	}
	return release, true
}

// heavyRest is how long a heavy turn rests, as a multiple of its work; a
// turn shorter than heavyRestFrom (a small answer) does not rest. Measured
// with bench/tenants.sh (100k customers, 16 clients reading journal pages,
// 4 paging customers): resting as long as the work left other clients'
// lookups a p99 of 2.0-2.4 ms (0.8-1.1 alone), three times as long 1.2-1.6 ms.
const (
	heavyRest     = 3.0
	heavyRestFrom = 5 * time.Millisecond
)

// requestFilter reads the filter from the query (GET) or the criteria
// body (POST), writing a 400 that names every problem when it cannot.
func (s *Server) requestFilter(w http.ResponseWriter, r *http.Request, withLimit bool) (*Filter, int, bool) {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		if len(q) > 0 {
			writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "POST takes its filters in the JSON body, not the query", nil)
			return nil, 0, false
		}
		var bad string
		if q, bad = criteriaQuery(r); bad != "" {
			writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, bad, nil)
			return nil, 0, false
		}
	}
	f, limit, bad := parseFilter(q, withLimit, s.operationIDs())
	if bad != "" {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, bad, nil)
		return nil, 0, false
	}
	return f, limit, true
}

// operationIDs returns the contract's API operation ids, sorted: what the
// journal's operation filter can name.
func (s *Server) operationIDs() []string {
	s.opsOnce.Do(func() {
		for _, op := range s.Scenarios.Contract().Operations() {
			if op.API != 0 {
				s.ops = append(s.ops, op.ID)
			}
		}
		sort.Strings(s.ops)
	})
	return s.ops
}

// handleRequestsFind handles "GET /__admin/requests" and "POST
// /__admin/requests/find": the matching entries, newest first, up to limit
// (100 unless given), and how many match in all.
func (s *Server) handleRequestsFind(w http.ResponseWriter, r *http.Request) {
	f, limit, ok := s.requestFilter(w, r, true)
	if !ok {
		return
	}
	done, turn := s.heavyTurn(r)
	if !turn {
		return
	}
	defer done()
	entries, n, cut := s.Journal.FindBytes(f, limit, AnswerBytes)
	writeRequests(w, requestsResult{Requests: entries, Count: n, Capacity: s.Journal.Cap(), Truncated: cut})
}

// writeRequests writes res as writeJSON would, byte for byte, entry by
// entry: encoding/json's pooled encoder would otherwise keep a buffer the
// size of the largest page, live at every collection.
func writeRequests(w http.ResponseWriter, res requestsResult) {
	startJSON(w, http.StatusOK)
	b := make([]byte, 0, 64<<10)
	b = append(b, `{"requests":[`...)
	for i := range res.Requests {
		if i > 0 {
			b = append(b, ',')
		}
		e, err := json.Marshal(&res.Requests[i])
		if err != nil { // a duration that is not a number: response validation refuses the page
			e = []byte("null")
		}
		b = append(b, e...)
		if len(b) >= 64<<10 {
			_, _ = w.Write(b)
			b = b[:0]
		}
	}
	b = append(b, `],"count":`...)
	b = strconv.AppendInt(b, int64(res.Count), 10)
	b = append(b, `,"capacity":`...)
	b = strconv.AppendInt(b, int64(res.Capacity), 10)
	if res.Truncated {
		b = append(b, `,"truncated":true`...)
	}
	b = append(b, "}\n"...)
	_, _ = w.Write(b)
}

// handleRequestsCount handles "GET|POST /__admin/requests/count": {"count": N}.
func (s *Server) handleRequestsCount(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.requestFilter(w, r, false)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"count": s.Journal.Count(f)})
}

// handleRequestsClear handles "DELETE /__admin/requests[?namespace=NAME]".
func (s *Server) handleRequestsClear(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for name, vs := range q {
		if name != "namespace" || len(vs) != 1 || vs[0] == "" {
			writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput,
				fmt.Sprintf("DELETE /__admin/requests takes one parameter, namespace, once and not empty (got %q)", name), nil)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]int{"cleared": s.Journal.Clear(q.Get("namespace"))})
}
