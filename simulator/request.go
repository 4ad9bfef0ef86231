package simulator

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/gorilla/mux"
)

// Clock tells the simulator what time it is; tests and the admin API can fix it.
type Clock func() time.Time

// RequestInfo is what the middleware learns about a request and what the
// handlers add to it: the journal records it when the response is written.
type RequestInfo struct {
	ID          string    // the X-Cap-Requestid value
	Namespace   string    // the state the request acts on
	Till        string    // the authenticated till (attribution), if any
	Client      string    // the OAuth client key, if any
	OperationID string    // the contract operation, once routed
	API         API       // the API version of the operation
	Start       time.Time // when the request arrived
	// Now is the time of the request's namespace when it arrived (its
	// virtual clock, see /__admin/clock); zero when no server set it.
	Now time.Time
	// Format is the response format a v1.1 path suffix asked for ("json" or
	// "xml"); the server strips the suffix before routing.
	Format string
	// ContentFormat is the format ("json" or "xml") the Content-Type of a
	// v1.1 request names as the client sent it, before capsim gave a body
	// without one the type its content implies; "" when it names neither.
	ContentFormat string
	// V11JSONLists is how a v1.1 JSON answer writes its lists (the
	// --v11-json-lists mode, or the request's X-Capsim-V11-Json-Lists
	// header); "" writes the value tree as it is.
	V11JSONLists string
	// V11JSONTypes is how a v1.1 JSON answer types status.code, user_id
	// and the counters (--v11-json-types or X-Capsim-V11-Json-Types); ""
	// writes them as the value tree holds them. V11Seed is the seed of the
	// mixed mode (--seed).
	V11JSONTypes string
	V11Seed      int64

	// Body is the request body, read once by the server (bounded by its
	// size limit); nil when the request has none.
	Body []byte
	// Decoded is the body as the request's API version parsed it, kept for
	// the next reader of the same request.
	Decoded any
	// Inject is what a scenario asks the handler's answer to carry (item
	// failures, warnings); nil for most requests.
	Inject *Injection

	// Server is state the server keeps with the request for its own
	// middleware (the journal and scenario hooks); handlers ignore it.
	Server any

	// vars are the path variables the server routed the request by (Vars).
	vars map[string]string

	// query is the query string Query parsed, of the URL whose RawQuery
	// is rawQuery.
	query    url.Values
	rawQuery string

	mu       sync.Mutex
	codes    []int
	Scenario string // the scenario and rule that answered, if any
	Rule     string
	Valid    *bool // the response validation outcome, if it ran
	after    []func()
}

// After has fn run once the request is over: its response written,
// validated and journaled (by the server; a request served without one
// never runs it, so the caller of After must be served by a server).
func (i *RequestInfo) After(fn func()) {
	i.mu.Lock()
	i.after = append(i.after, fn)
	i.mu.Unlock()
}

// Over runs what After was given, once: the server calls it last.
func (i *RequestInfo) Over() {
	i.mu.Lock()
	fns := i.after
	i.after = nil
	i.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

type infoKey struct{}

// WithRequestInfo returns ctx carrying info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, infoKey{}, info)
}

// HasInfo reports whether ctx carries a request's info (a server serves it).
func HasInfo(ctx context.Context) bool {
	_, ok := ctx.Value(infoKey{}).(*RequestInfo)
	return ok
}

// Info returns the request's info; a fresh empty one when ctx has none.
func Info(ctx context.Context) *RequestInfo {
	if i, ok := ctx.Value(infoKey{}).(*RequestInfo); ok {
		return i
	}
	return &RequestInfo{Namespace: "default"}
}

// Vars returns the variables of the path template r matched: those the
// server routed it by (SetVars), else mux's (a handler served by a mux
// router of its own).
func Vars(r *http.Request) map[string]string {
	if i, ok := r.Context().Value(infoKey{}).(*RequestInfo); ok && i.vars != nil {
		return i.vars
	}
	return mux.Vars(r)
}

// SetVars gives the request its path variables, for Vars: the server's
// router sets them without copying the request for a context of its own.
func (i *RequestInfo) SetVars(vars map[string]string) { i.vars = vars }

// Query returns r's query parameters, parsed once per request: a request's
// handlers read them several times, and parsing is a map and a string per
// parameter each time. The values are shared by the request's readers: a
// caller that changes them changes a copy (maps.Clone). A request whose URL
// changed (a handler rewrote its query) is parsed again.
func Query(r *http.Request) url.Values {
	i, ok := r.Context().Value(infoKey{}).(*RequestInfo)
	if !ok {
		return r.URL.Query()
	}
	if i.query == nil || i.rawQuery != r.URL.RawQuery {
		i.query, i.rawQuery = r.URL.Query(), r.URL.RawQuery
	}
	return i.query
}

// AddCodes records the codes a response carries (status and item codes).
func (i *RequestInfo) AddCodes(codes ...int) {
	i.mu.Lock()
	i.codes = append(i.codes, codes...)
	i.mu.Unlock()
}

// Codes returns the codes recorded so far.
func (i *RequestInfo) Codes() []int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return append([]int(nil), i.codes...)
}

// Time returns the clock's time: the wall clock's when c is nil.
func (c Clock) Time() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}

// TillOr returns the till the request is attributed to, or def when the
// request authenticated as none (auth off, or an OAuth client without one).
func (i *RequestInfo) TillOr(def string) string {
	if i.Till != "" {
		return i.Till
	}
	return def
}

// TimeOr returns the time the request acts at: its namespace's clock when
// the server set it, else c's time. Every date one request writes is the same.
func (i *RequestInfo) TimeOr(c Clock) time.Time {
	if !i.Now.IsZero() {
		return i.Now
	}
	return c.Time()
}

// AppendCodes appends the codes recorded so far to dst (Codes without the copy).
func (i *RequestInfo) AppendCodes(dst []int) []int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return append(dst, i.codes...)
}
