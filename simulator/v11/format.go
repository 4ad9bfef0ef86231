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

// Negotiate returns the format of the response to r, in this order:
//
//  1. the format= query parameter;
//  2. a .json/.xml suffix on the path (which the server strips before
//     routing and keeps in the RequestInfo);
//  3. the request's Content-Type, when the client sent one naming JSON or
//     XML: typed clients POST and GET with Content-Type: application/json
//     and no format=, and parse the answer as JSON (a body capsim had to
//     sniff, with no such Content-Type, does not count: see
//     RequestInfo.ContentFormat);
//  4. the first Accept media range that names JSON or XML;
//  5. XML: the 2017-2018 docs say "By default, these APIs return information
//     in XML" and the later "format represented in Headers" needs a header
//     to go on (NOTES §1.4).
//
// A format= value that is neither json nor xml is ignored here; the contract
// refuses it with status 400, written in the format the rest negotiates.
func Negotiate(r *http.Request) Format {
	if f, ok := ParseFormat(simulator.Query(r).Get("format")); ok {
		return f
	}
	info := simulator.Info(r.Context())
	if f, ok := ParseFormat(info.Format); ok {
		return f
	}
	if f, ok := ParseFormat(info.ContentFormat); ok {
		return f
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		if f, ok := mediaFormat(strings.TrimSpace(part)); ok {
			return f
		}
	}
	return FormatXML
}

// mediaFormat returns the format a media type (or range) names, if any.
func mediaFormat(s string) (Format, bool) {
	mt, _, err := mime.ParseMediaType(s)
	if err != nil {
		return "", false
	}
	switch {
	case mt == "application/json", strings.HasSuffix(mt, "+json"):
		return FormatJSON, true
	case mt == "application/xml", mt == "text/xml", strings.HasSuffix(mt, "+xml"):
		return FormatXML, true
	}
	return "", false
}

// ContentType returns the Content-Type header of a response in f.
func (f Format) ContentType() string {
	if f == FormatJSON {
		return "application/json; charset=UTF-8"
	}
	return "application/xml; charset=UTF-8"
}
