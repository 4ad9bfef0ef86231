package v11

import (
	"mime"
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
)

// Format is a v1.1 response format.
type Format string

// The formats v1.1 writes.
const (
	FormatXML  Format = "xml"
	FormatJSON Format = "json"
)

// ParseFormat returns the format named s (case-insensitive) and whether it is one.
func ParseFormat(s string) (Format, bool) {
	switch Format(strings.ToLower(strings.TrimSpace(s))) {
	case FormatXML:
		return FormatXML, true
	case FormatJSON:
		return FormatJSON, true
	}
	return "", false
}

// Negotiate returns the format of the response to r: the format= query
// parameter wins, then a .json/.xml suffix on the path (which the server
// strips before routing and keeps in the RequestInfo), then the first
// Accept media range that names JSON or XML. Otherwise XML: the 2017-2018
// docs say "By default, these APIs return information in XML" and the later
// "format represented in Headers" needs a header to go on (NOTES §1.4).
// A format= value that is neither json nor xml is ignored here; the contract
// refuses it with status 400, written in the format the rest negotiates.
func Negotiate(r *http.Request) Format {
	if f, ok := ParseFormat(r.URL.Query().Get("format")); ok {
		return f
	}
	if f, ok := ParseFormat(simulator.Info(r.Context()).Format); ok {
		return f
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch {
		case mt == "application/json", strings.HasSuffix(mt, "+json"):
			return FormatJSON
		case mt == "application/xml", mt == "text/xml", strings.HasSuffix(mt, "+xml"):
			return FormatXML
		}
	}
	return FormatXML
}

// ContentType returns the Content-Type header of a response in f.
func (f Format) ContentType() string {
	if f == FormatJSON {
		return "application/json; charset=UTF-8"
	}
	return "application/xml; charset=UTF-8"
}
