// Package v2 serves the Capillary v2 customer and promotion APIs (and the
// v3 OAuth token endpoint) on capsim's store, and writes the v2 envelope:
// errors[] and warnings[] of {"status": false, "code": N, "message": "..."}.
package v2

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/store"
	gojson "github.com/goccy/go-json"
	"github.com/gorilla/mux"
)

// Server holds what the v2 handlers need.
type Server struct {
	Store *store.Store
	Auth  *auth.Authenticator
	Now   simulator.Clock
	Log   *slog.Logger

	renders  renderCache[customerKey]
	searches renderCache[searchKey]
	states   renderCache[stateKey]
}

// Register registers every v2 route on r (the router at the root path):
// the one list of the v2 operations, each handler in its resource's file.
func (s *Server) Register(r *mux.Router) {
	// The customer: register.go, update.go, customers.go (get, search, lookup, lookup/customerDetails).
	r.HandleFunc("/v2/customers", s.handleCustomerRegister).Methods(http.MethodPost)
	r.HandleFunc("/v2/customers/{id}", s.handleCustomerUpdate).Methods(http.MethodPut)
	// search and lookup come before {id}, which would match them too.
	r.HandleFunc("/v2/customers/search", s.handleCustomerSearch).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/lookup", s.handleCustomerLookup).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/lookup/customerDetails", s.handleCustomerDetailsLookup).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/{id}", s.handleCustomerGet).Methods(http.MethodGet)
	// Its identifiers (identifiers.go), loyalty (loyalty.go) and subscriptions (subscriptions.go).
	r.HandleFunc("/v2/customers/{id}/changeIdentifier", s.handleCustomerChangeIdentifier).Methods(http.MethodPost)
	r.HandleFunc("/v2/customers/{id}/loyaltyDetails", s.handleLoyaltyDetailsGet).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/{id}/pointsTransfers", s.handlePointsTransfersGet).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/{id}/retroRequest", s.handleRetroRequestsGet).Methods(http.MethodGet)
	r.HandleFunc("/v2/customers/{id}/subscriptions", s.handleSubscriptionsUpdate).Methods(http.MethodPost)
	r.HandleFunc("/v2/customers/{id}/subscriptions", s.handleSubscriptionsGet).Methods(http.MethodGet)
	// Its coupons (coupons.go).
	r.HandleFunc("/v2/customers/{id}/coupons", s.handleCustomerCouponsGet).Methods(http.MethodGet)
	// The promotion (promotion.go) and the v3 OAuth token (oauth.go).
	// Transactions (transactions.go) and what a bill earned (earning.go).
	r.HandleFunc("/v2/transactions", s.handleTransactionAdd).Methods(http.MethodPost)
	r.HandleFunc("/v2/transactions", s.handleTransactionUpdate).Methods(http.MethodPut)
	r.HandleFunc("/v2/transactions/bulk", s.handleTransactionsBulk).Methods(http.MethodPost)
	r.HandleFunc("/v2/transactions/{id}", s.handleTransactionGet).Methods(http.MethodGet)
	r.HandleFunc("/v2/earning/{id}", s.handleTransactionEarning).Methods(http.MethodGet)
	r.HandleFunc("/v2/promotion/issue", s.handlePromotionIssue).Methods(http.MethodPost)
	r.HandleFunc("/v3/oauth/token/generate", s.handleTokenGenerate).Methods(http.MethodPost)
}

// Message is one entry of errors[] or warnings[].
type Message struct {
	Status  bool   `json:"status"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Messages renders errs as envelope entries; never nil, so it encodes as [].
func Messages(errs []*simulator.Error) []Message {
	out := make([]Message, 0, len(errs))
	for _, e := range errs {
		out = append(out, Message{Status: false, Code: e.Number(), Message: e.Message()})
	}
	return out
}

// ErrorEnvelope is the body of a rejected request.
type ErrorEnvelope struct {
	Warnings []Message `json:"warnings"`
	Errors   []Message `json:"errors"`
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteJSON writes v as the response body with status. Every v2 response goes
// through it (or, for a body rendered before, writeBody), so the envelope's
// encoding is decided in one place.
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		// A value that cannot be encoded is a bug in capsim; say so loudly.
		http.Error(w, "capsim: cannot encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	writeBody(w, status, b)
}

// encodeJSON encodes v as a response body.
func encodeJSON(v any) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// jsonContentType is shared by every JSON response; nothing changes it.
var jsonContentType = []string{"application/json; charset=utf-8"}

// writeBody writes an encoded JSON body.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// WriteError writes the v2 error envelope for errs (at least one); the HTTP
// status is the catalogue's status of the first.
func WriteError(w http.ResponseWriter, r *http.Request, errs ...*simulator.Error) {
	info := simulator.Info(r.Context())
	for _, e := range errs {
		info.AddCodes(e.Number())
	}
	WriteJSON(w, r, errs[0].HTTPStatus(), ErrorEnvelope{Warnings: []Message{}, Errors: Messages(errs)})
}

// reply writes a successful response and records its warnings' codes.
func reply(w http.ResponseWriter, r *http.Request, status int, v any, warnings []*simulator.Error) {
	info := simulator.Info(r.Context())
	for _, e := range warnings {
		info.AddCodes(e.Number())
	}
	WriteJSON(w, r, status, v)
}

// fail writes err as a v2 error envelope: the one place handler errors
// become responses. Errors that are not API errors are capsim's own faults.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := simulator.ErrorOf(err, simulator.CodeAllFailed)
	if !ok && s.Log != nil {
		s.Log.Error("handler failed", "err", err, "path", r.URL.Path, "request_id", simulator.Info(r.Context()).ID)
	}
	WriteError(w, r, e)
}

// now returns the time the request acts at: its namespace's clock.
func (s *Server) now(r *http.Request) time.Time { return simulator.Info(r.Context()).TimeOr(s.Now) }

// namespace returns the namespace the request acts on.
func namespace(r *http.Request) string { return simulator.Info(r.Context()).Namespace }

// till returns the till the request is attributed to.
func (s *Server) till(r *http.Request) string {
	return simulator.Info(r.Context()).TillOr(s.Store.Org().DefaultTill)
}

// pathID parses the {id} path variable; the contract has checked its form.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(simulator.Vars(r)["id"], 10, 64)
	return id, err == nil && id > 0
}

// decode reads the JSON request body into v. The contract has checked the
// body against the schema already; this only fails on a body the schema
// allows but Go cannot hold (numbers out of range, say).
//
// A body the server read is decoded by github.com/goccy/go-json, at about
// a third of encoding/json's cost, into a type that holds no interface
// (where UseNumber would matter); what it refuses (trailing data, too, which
// a json.Decoder ignores) is decoded by encoding/json as before, which
// gives the error. FuzzDecodeAsEncodingJSON holds what it takes to what
// encoding/json decodes.
func decode(r *http.Request, v any) *simulator.Error {
	var err error
	if body := simulator.Info(r.Context()).Body; body != nil { // read once by the server
		err = decodeBytes(body, v)
	} else {
		err = decodeStd(r.Body, v)
	}
	if err != nil {
		return simulator.Errorf(simulator.CodeInvalidInput).WithDetail("request body: %s", err)
	}
	return nil
}

// decodeBytes decodes the first JSON value of b into v as decodeStd does,
// by go-json where it can (see decode).
func decodeBytes(b []byte, v any) error {
	if !holdsInterface(reflect.TypeOf(v)) {
		if gojson.Unmarshal(b, v) == nil {
			return nil
		}
		reflect.ValueOf(v).Elem().SetZero() // nothing of what it began to fill stays
	}
	return decodeStd(bytes.NewReader(b), v)
}

// decodeStd decodes the first JSON value rd holds into v by encoding/json,
// numbers as json.Number.
func decodeStd(rd io.Reader, v any) error {
	dec := json.NewDecoder(rd)
	dec.UseNumber()
	return dec.Decode(v)
}

// interfaceTypes remembers which types holdsInterface found to hold an
// interface: the few request types of the API.
var interfaceTypes sync.Map // reflect.Type -> bool

// holdsInterface reports whether a value of type t holds an interface
// anywhere (a field, an element, a map's value), following pointers.
func holdsInterface(t reflect.Type) bool {
	if v, ok := interfaceTypes.Load(t); ok {
		return v.(bool)
	}
	var walk func(t reflect.Type, seen map[reflect.Type]bool) bool
	walk = func(t reflect.Type, seen map[reflect.Type]bool) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Interface:
			return true
		case reflect.Pointer, reflect.Slice, reflect.Array:
			return walk(t.Elem(), seen)
		case reflect.Map:
			return walk(t.Key(), seen) || walk(t.Elem(), seen)
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if walk(t.Field(i).Type, seen) {
					return true
				}
			}
		}
		return false
	}
	holds := walk(t, map[reflect.Type]bool{})
	interfaceTypes.Store(t, holds)
	return holds
}

// timeV2 formats t as v2 dates are written: ISO 8601 with the offset.
func timeV2(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}
