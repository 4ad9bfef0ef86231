package v11

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/capsim/capsim/simulator"
)

// Result is the outcome of one item of a batch: a success code with the
// warnings the item earned, or the error it failed with.
type Result struct {
	Code     simulator.Code   // the success code (when Err is nil)
	Err      *simulator.Error // the failure, nil on success
	Warnings []*simulator.Error
	// Args fill the success message's placeholders.
	Args []any
}

// Succeeded returns a successful result with code and warnings.
func Succeeded(code simulator.Code, warnings ...*simulator.Error) Result {
	return Result{Code: code, Warnings: warnings}
}

// Failed returns a failed result.
func Failed(err *simulator.Error) Result { return Result{Err: err} }

// OK reports whether the item succeeded.
func (r Result) OK() bool { return r.Err == nil }

// Number returns the item's code on the wire.
func (r Result) Number() int {
	if r.Err != nil {
		return r.Err.Number()
	}
	return r.Code.Number()
}

// Message returns the item's message: the catalogue's message, then each
// warning's, joined by ", " as the docs show ("Customer registration
// successful, Provided Custom Field is invalid" with warning 1017).
func (r Result) Message() string {
	var m string
	if r.Err != nil {
		m = r.Err.Message()
	} else {
		m = r.Code.Message(r.Args...)
	}
	if len(r.Warnings) == 0 {
		return m
	}
	// "Customer registered successfully." + 1017 reads "Customer registered
	// successfully, Provided Custom Field is invalid": a joined sentence
	// drops its full stop.
	parts := []string{strings.TrimSuffix(m, ".")}
	for i, w := range r.Warnings {
		wm := w.Message()
		if i < len(r.Warnings)-1 {
			wm = strings.TrimSuffix(wm, ".")
		}
		parts = append(parts, wm)
	}
	return strings.Join(parts, ", ")
}

// Codes returns the item's code and its warnings' codes.
func (r Result) Codes() []int {
	out := []int{r.Number()}
	for _, w := range r.Warnings {
		out = append(out, w.Number())
	}
	return out
}

// ItemStatus returns the item_status object: success ("true"/"false"), code
// (a string: "1000"), message and warnings {warning: ["1017", ...]}.
func (r Result) ItemStatus() Obj {
	warnings := make(List, 0, len(r.Warnings))
	for _, w := range r.Warnings {
		warnings = append(warnings, strconv.Itoa(w.Number()))
	}
	return Obj{
		{"success", strconv.FormatBool(r.OK())},
		{"code", strconv.Itoa(r.Number())},
		{"message", r.Message()},
		{"warnings", Obj{{"warning", warnings}}},
	}
}

// Batch collects the items of a batch response and what they carry.
// Every item of a batch is processed on its own; the status block counts
// them.
type Batch struct {
	items     List
	succeeded int
	codes     []int
	inject    *simulator.Injection // what a scenario asks the items to carry
}

// Add appends item, whose outcome is res. The item should carry
// res.ItemStatus() where the operation's samples put item_status.
func (b *Batch) Add(item Obj, res Result) {
	item, res = b.carryWarning(item, res)
	b.items = append(b.items, item)
	if res.OK() {
		b.succeeded++
	}
	b.codes = append(b.codes, res.Codes()...)
}

// Len returns the number of items.
func (b *Batch) Len() int { return len(b.items) }

// Items returns the items, never nil (an empty list is [] in JSON).
func (b *Batch) Items() List {
	if b.items == nil {
		return List{}
	}
	return b.items
}

// StatusCode returns the request-level status: CodeSuccess (200) when every
// item succeeded, CodePartialSuccess (201) when some failed, CodeAllFailed
// (500) when all did.
func (b *Batch) StatusCode() simulator.Code {
	switch {
	case b.succeeded == len(b.items):
		return simulator.CodeSuccess
	case b.succeeded == 0:
		return simulator.CodeAllFailed
	}
	return simulator.CodePartialSuccess
}

// Status returns the status block of the batch: {success, code, message,
// total, success_count}. success is "true" unless every item failed: the
// docs give no 201 sample, and clients treat 200 and 201 alike (NOTES §1.2).
// code is a number; total and success_count are strings, as the samples
// show them.
func (b *Batch) Status() Obj {
	code := b.StatusCode()
	return Obj{
		{"success", strconv.FormatBool(code != simulator.CodeAllFailed)},
		{"code", code.Number()},
		{"message", code.Message()},
		{"total", strconv.Itoa(len(b.items))},
		{"success_count", strconv.Itoa(b.succeeded)},
	}
}

// Codes returns the status code followed by every item's codes, for the journal.
func (b *Batch) Codes() []int {
	return append([]int{b.StatusCode().Number()}, b.codes...)
}

// SuccessStatus returns the status block of a successful request that is not
// a batch (search): {success: "true", code: 200, message: "Success"}.
func SuccessStatus() Obj {
	return Obj{
		{"success", "true"},
		{"code", simulator.CodeSuccess.Number()},
		{"message", simulator.CodeSuccess.Message()},
	}
}

// reply writes root (the content of "response") in the negotiated format
// with HTTP 200, recording codes (status and item codes) in the request's
// info for the journal.
func reply(w http.ResponseWriter, r *http.Request, root Obj, codes ...int) {
	simulator.Info(r.Context()).AddCodes(codes...)
	Render(w, r, Negotiate(r), root)
}

// WriteError writes a request-level failure in the v1.1 envelope and the
// negotiated format: {"response": {"status": {"success": "false", "code":
// N, "message": "<catalogue message>: <detail>"}}}. The HTTP status is 200
// whatever the code, as the real API answers even when every item failed
// (NOTES §1.1), except 401, which authentication failures keep.
func WriteError(w http.ResponseWriter, r *http.Request, err *simulator.Error) {
	status := http.StatusOK
	if err.Number() == http.StatusUnauthorized {
		status = http.StatusUnauthorized
	}
	WriteErrorStatus(w, r, status, err)
}

// WriteErrorStatus is WriteError with an explicit HTTP status, for answers
// outside any operation (an unknown path or method: 404 and 405).
func WriteErrorStatus(w http.ResponseWriter, r *http.Request, status int, err *simulator.Error) {
	simulator.Info(r.Context()).AddCodes(err.Number())
	RenderStatus(w, r, Negotiate(r), status, Obj{{"status", ErrorStatus(err)}})
}

// ErrorStatus returns the status block of a request-level failure.
func ErrorStatus(err *simulator.Error) Obj {
	return Obj{
		{"success", "false"},
		{"code", err.Number()},
		{"message", err.Message()},
	}
}
