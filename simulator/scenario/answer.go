package scenario

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// WriteAnswer writes the answer of d's rule that needs no API envelope: a
// raw status or a 429. A code answer is the API version's envelope to
// write (the server asks it; see Rule.Code).
func WriteAnswer(w http.ResponseWriter, d *Decision) {
	a := &d.Rule.Answer
	switch {
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
