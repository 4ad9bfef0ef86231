package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/gorilla/mux"
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
}

// The journal bounds each entry, so that its memory is capacity times a
// fixed size whatever the traffic.
const (
	maxPath        = 256
	maxQuery       = 512
	maxCodes       = 32
	maxIdentifiers = 16
	maxValue       = 128
)

// Journal is a fixed-capacity ring buffer of requests: when full, each new
// entry replaces the oldest, so memory stays flat under any load. It is
// safe for concurrent use.
type Journal struct {
	size    int // the capacity, fixed at creation
	mu      sync.Mutex
	entries []Entry
	next    int // where the next entry goes once full
}

// NewJournal returns a journal that keeps the last capacity requests; 0
// keeps none.
func NewJournal(capacity int) *Journal {
	if capacity < 0 {
		capacity = 0
	}
	return &Journal{size: capacity, entries: make([]Entry, 0, capacity)}
}

// Cap returns the journal's capacity.
func (j *Journal) Cap() int { return j.size }

// Len returns the number of entries held.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.entries)
}

// Add records e, truncating what could grow without bound.
func (j *Journal) Add(e Entry) {
	if j == nil || j.size == 0 {
		return
	}
	e.Path = truncate(e.Path, maxPath)
	e.Query = truncate(e.Query, maxQuery)
	if len(e.Codes) > maxCodes {
		e.Codes = e.Codes[:maxCodes:maxCodes]
	}
	if len(e.Customer) > maxIdentifiers {
		e.Customer = e.Customer[:maxIdentifiers:maxIdentifiers]
	}
	for i := range e.Customer {
		e.Customer[i].Value = truncate(e.Customer[i].Value, maxValue)
	}
	j.mu.Lock()
	if len(j.entries) < j.size {
		j.entries = append(j.entries, e)
	} else {
		j.entries[j.next] = e
		j.next = (j.next + 1) % len(j.entries)
	}
	j.mu.Unlock()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.Clone(s[:n])
}

// Find returns up to limit entries that f (nil: any) matches, newest
// first, and how many match in all.
func (j *Journal) Find(f *Filter, limit int) ([]Entry, int) {
	if f == nil {
		f = &Filter{}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	total := 0
	n := len(j.entries)
	for i := 0; i < n; i++ {
		// newest first: the entry before next, going back
		e := &j.entries[(j.next-1-i+2*n)%n]
		if !f.matches(e) {
			continue
		}
		total++
		if len(out) < limit {
			cp := *e
			cp.Codes = append([]int{}, e.Codes...)
			cp.Customer = append([]scenario.Identifier{}, e.Customer...)
			out = append(out, cp)
		}
	}
	return out, total
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
	n := len(j.entries)
	if ns == "" {
		for i := range j.entries {
			j.entries[i] = Entry{}
		}
		j.entries, j.next = j.entries[:0], 0
		return n
	}
	// Keep the others in age order, oldest first.
	kept := make([]Entry, 0, j.size)
	for i := 0; i < n; i++ {
		e := j.entries[(j.next+i)%n]
		if e.Namespace != ns {
			kept = append(kept, e)
		}
	}
	j.entries, j.next = kept, 0
	return n - len(kept)
}

// Filter selects journal entries; zero fields match anything.
type Filter struct {
	Operation  string
	Namespace  string
	Method     string
	PathPrefix string
	Scenario   string
	Status     int
	Code       int
	Since      time.Time
	// Customer holds identifiers (type -> value) the request must carry.
	Customer map[string]string
}

func (f *Filter) matches(e *Entry) bool {
	switch {
	case f.Operation != "" && e.OperationID != f.Operation,
		f.Namespace != "" && e.Namespace != f.Namespace,
		f.Method != "" && !strings.EqualFold(e.Method, f.Method),
		f.PathPrefix != "" && !strings.HasPrefix(e.Path, f.PathPrefix),
		f.Status != 0 && e.Status != f.Status,
		!f.Since.IsZero() && e.Time.Before(f.Since):
		return false
	}
	if f.Scenario != "" && !containsName(e.Scenario, f.Scenario) {
		return false
	}
	if f.Code != 0 && !containsInt(e.Codes, f.Code) {
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

// parseFilter reads a Filter from the query; the contract has checked the
// parameters' forms, so a failure here is a value it cannot check (since).
func parseFilter(q url.Values) (*Filter, string) {
	f := &Filter{
		Operation: q.Get("operation"), Namespace: q.Get("namespace"), Method: q.Get("method"),
		PathPrefix: q.Get("path"), Scenario: q.Get("scenario"),
	}
	f.Status, _ = strconv.Atoi(q.Get("status"))
	f.Code, _ = strconv.Atoi(q.Get("code"))
	if s := q.Get("since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, "since must be an RFC 3339 time such as 2026-01-02T15:04:05Z"
		}
		f.Since = t
	}
	for param, typ := range journalCustomerParams {
		if v := q.Get(param); v != "" {
			if f.Customer == nil {
				f.Customer = map[string]string{}
			}
			f.Customer[typ] = v
		}
	}
	return f, ""
}

// registerJournalRoutes registers the journal routes.
func (s *Server) registerJournalRoutes(r *mux.Router) {
	r.HandleFunc("/__admin/requests", s.guard(s.handleRequestsFind)).Methods(http.MethodGet)
	r.HandleFunc("/__admin/requests/count", s.guard(s.handleRequestsCount)).Methods(http.MethodGet)
	r.HandleFunc("/__admin/requests", s.guard(s.handleRequestsClear)).Methods(http.MethodDelete)
}

type requestsResult struct {
	Requests []Entry `json:"requests"`
	Count    int     `json:"count"`
	Capacity int     `json:"capacity"`
}

// handleRequestsFind handles "GET /__admin/requests": the matching entries,
// newest first, up to limit (100 unless given), and how many match in all.
func (s *Server) handleRequestsFind(w http.ResponseWriter, r *http.Request) {
	f, bad := parseFilter(r.URL.Query())
	if bad != "" {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, bad, nil)
		return
	}
	limit := 100
	if l, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil {
		limit = l
	}
	entries, n := s.Journal.Find(f, limit)
	if entries == nil {
		entries = []Entry{}
	}
	writeJSON(w, http.StatusOK, requestsResult{Requests: entries, Count: n, Capacity: s.Journal.Cap()})
}

// handleRequestsCount handles "GET /__admin/requests/count": {"count": N}.
func (s *Server) handleRequestsCount(w http.ResponseWriter, r *http.Request) {
	f, bad := parseFilter(r.URL.Query())
	if bad != "" {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, bad, nil)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"count": s.Journal.Count(f)})
}

// handleRequestsClear handles "DELETE /__admin/requests[?namespace=NAME]".
func (s *Server) handleRequestsClear(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]int{"cleared": s.Journal.Clear(r.URL.Query().Get("namespace"))})
}
