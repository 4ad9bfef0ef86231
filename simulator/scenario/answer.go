package scenario

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/capsim/capsim/simulator"
	v2 "github.com/capsim/capsim/simulator/v2"
)

// promotionIssueBody is the v2 promotion answer that carries warnings: the
// real API answers "not issued" (8890) with HTTP 200, the warning, no errors
// and an empty sideEffects list (NOTES §4.1), and so does an injected warning.
type warningBody struct {
	Warnings    []v2.Message `json:"warnings"`
	Errors      []v2.Message `json:"errors"`
	SideEffects []any        `json:"sideEffects"`
}

// WriteAnswer writes the API answer of d's rule (a code, a raw status or a
// 429) to w for call. Codes are written by the same envelope functions the
// handlers use, so an injected error cannot be told from a natural one.
// next is the handler: a v1.1 batch of which only some items match has it
// answer the other items.
func WriteAnswer(w http.ResponseWriter, r *http.Request, call *Call, d *Decision, next http.Handler) {
	rule := d.Rule
	a := &rule.Answer
	switch {
	case a.Code != "":
		code := rule.codes[call.Op.API]
		if call.Op.API == simulator.V11 {
			writeV11Code(w, r, call, d, code, next)
			return
		}
		writeV2Code(w, r, code)
	case a.Status != 0:
		writeRaw(w, a)
	case a.RateLimit != nil:
		// The real API's throttled response is not documented (NOTES §2.5):
		// no catalogue code exists for it, so capsim sends the status and
		// Retry-After with an empty body rather than invent a code.
		w.Header().Set("Retry-After", retryAfter(a.RateLimit.RetryAfter))
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

func writeV2Code(w http.ResponseWriter, r *http.Request, code simulator.Code) {
	e := simulator.Errorf(code)
	if code.Info().Kind == simulator.KindWarning {
		simulator.Info(r.Context()).AddCodes(e.Number())
		v2.WriteJSON(w, r, e.HTTPStatus(), warningBody{
			Warnings: v2.Messages([]*simulator.Error{e}), Errors: []v2.Message{}, SideEffects: []any{},
		})
		return
	}
	v2.WriteError(w, r, e)
}

func writeRaw(w http.ResponseWriter, a *Answer) {
	h := w.Header()
	for k, vs := range a.Headers {
		h[k] = append([]string(nil), vs...)
	}
	if h.Get("Content-Type") == "" && a.Body != "" {
		if json.Valid([]byte(a.Body)) {
			h.Set("Content-Type", "application/json; charset=utf-8")
		} else {
			h.Set("Content-Type", "text/plain; charset=utf-8")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	_, _ = w.Write([]byte(a.Body))
}

// retryAfter formats d as Retry-After seconds, rounded up.
func retryAfter(d interface{ Seconds() float64 }) string {
	s := int64(d.Seconds())
	if float64(s) < d.Seconds() {
		s++
	}
	if s < 1 {
		s = 1
	}
	return strconv.FormatInt(s, 10)
}
