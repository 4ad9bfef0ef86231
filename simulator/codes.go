package simulator

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// API is a set of API versions (a bit set).
type API uint8

// The API versions capsim serves.
const (
	V11  API = 1 << iota // /v1.1/customer/*
	V2                   // /v2/customers*, /v2/promotion/*, /v3/oauth/*
	Both = V11 | V2
)

// Has reports whether a includes every version in b.
func (a API) Has(b API) bool { return a&b == b }

func (a API) String() string {
	switch a {
	case V11:
		return "v1.1"
	case V2:
		return "v2"
	case Both:
		return "v1.1,v2"
	}
	return fmt.Sprintf("API(%d)", uint8(a))
}

// Kind says what a code reports.
type Kind uint8

// The kinds of codes.
const (
	KindSuccess Kind = iota + 1
	KindError
	KindWarning
	// KindStatus is a v1.1 request-level status.code (200, 201, 400, 500, ...).
	KindStatus
)

func (k Kind) String() string {
	switch k {
	case KindSuccess:
		return "success"
	case KindError:
		return "error"
	case KindWarning:
		return "warning"
	case KindStatus:
		return "status"
	}
	return "unknown"
}

// Code names one entry of the catalogue. The wire number is Info().Number;
// two entries may share a number when API versions give it different meanings
// (1101 is "Invalid channel type" in v1.1 and "invalid programId passed" in v2).
type Code int

// CodeInfo is one catalogue entry.
type CodeInfo struct {
	Name    string // the Go constant's name, for diagnostics and scenario files
	Number  int    // the code on the wire
	APIs    API    // the versions that write it
	Kind    Kind
	Message string // the documented message; {x} and {y} are filled from Error.Args
	// HTTPStatus is the status a response carrying this code as its first error
	// gets. The real API's status for v2 errors is not public (NOTES §2.2);
	// capsim answers 400 for rejected requests and 200 for warnings, and this
	// field is the one place to change that.
	HTTPStatus int
}

// Info returns c's catalogue entry.
func (c Code) Info() CodeInfo {
	if c <= 0 || int(c) >= len(catalogue) || catalogue[c].Number == 0 {
		return CodeInfo{Name: fmt.Sprintf("Code(%d)", int(c)), Number: int(c), Kind: KindError,
			Message: "Unknown error", HTTPStatus: http.StatusInternalServerError}
	}
	return catalogue[c]
}

// Number returns the code's wire number.
func (c Code) Number() int { return c.Info().Number }

// Message returns the documented message with its placeholders filled from args.
func (c Code) Message(args ...any) string { return fillPlaceholders(c.Info().Message, args) }

func (c Code) String() string { return c.Info().Name }

// Lookup returns the code that api writes under number (and kind, if non-zero).
func Lookup(api API, number int) (Code, bool) {
	for i, e := range catalogue {
		if e.Number == number && e.APIs&api != 0 {
			return Code(i), true
		}
	}
	return 0, false
}

// LookupName returns the code whose constant is named name.
func LookupName(name string) (Code, bool) {
	for i, e := range catalogue {
		if e.Number != 0 && e.Name == name {
			return Code(i), true
		}
	}
	return 0, false
}

// Codes returns every code in the catalogue, ordered by number then API.
func Codes() []Code {
	var out []Code
	for i, e := range catalogue {
		if e.Number != 0 {
			out = append(out, Code(i))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Info(), out[j].Info()
		if a.Number != b.Number {
			return a.Number < b.Number
		}
		return a.APIs < b.APIs
	})
	return out
}

func fillPlaceholders(msg string, args []any) string {
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	for i, ph := range []string{"{x}", "{y}", "{z}"} {
		if i >= len(args) {
			break
		}
		msg = strings.Replace(msg, ph, fmt.Sprint(args[i]), 1)
	}
	return msg
}

// Error is an API outcome that names a catalogue code: an error or a warning.
// Handlers return it; one function per API version turns it into an envelope.
type Error struct {
	Code Code
	// Args fill the message's placeholders.
	Args []any
	// Detail, when set, is appended to the message to say what exactly was
	// wrong (the parameter or field, and why). Natural errors the reference
	// documents leave it empty so their message reads exactly as documented.
	Detail string
}

// Errorf returns an Error for code with its placeholders filled from args.
func Errorf(code Code, args ...any) *Error { return &Error{Code: code, Args: args} }

// ErrorOf returns err as an API error, or fallback and false when err is
// not one (a fault of capsim's own, for the caller to log).
func ErrorOf(err error, fallback Code) (*Error, bool) {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr, true
	}
	return Errorf(fallback), false
}

// WithDetail returns a copy of e whose message ends with the formatted detail.
func (e *Error) WithDetail(format string, args ...any) *Error {
	out := *e
	out.Detail = fmt.Sprintf(format, args...)
	return &out
}

// Number returns the wire number of e's code.
func (e *Error) Number() int { return e.Code.Number() }

// Message returns the message the envelope carries.
func (e *Error) Message() string {
	m := e.Code.Message(e.Args...)
	if e.Detail != "" {
		m += ": " + e.Detail
	}
	return m
}

// HTTPStatus returns the HTTP status of a response whose first error is e.
func (e *Error) HTTPStatus() int { return e.Code.Info().HTTPStatus }

func (e *Error) Error() string {
	return fmt.Sprintf("%d %s", e.Number(), e.Message())
}
