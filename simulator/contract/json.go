package contract

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/capsim/capsim/simulator/internal/jsonvalue"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

func init() {
	openapi3filter.RegisterBodyDecoder("application/json", JSONBodyDecoder)
}

// JSONBodyDecoder decodes JSON request and response bodies for validation
// into the values kin-openapi's own decoder gives (encoding/json with
// UseNumber: map[string]any, []any, json.Number, string, bool, nil), a few
// times faster: decoding is most of the cost of validating a body that was
// never seen before (every write's). One JSON value followed by more, or an
// object that gives a name twice, is refused (encoding/json would take the
// first value, or the last name, silently). Another body that is not one
// JSON value goes to kin-openapi's decoder, for its errors.
func JSONBodyDecoder(body io.Reader, header http.Header, schema *openapi3.SchemaRef, encFn openapi3filter.EncodingFn) (any, error) {
	b, err := readAll(body)
	if err != nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: err}
	}
	v, ok, problem := jsonvalue.ParseStrict(b)
	if ok {
		return v, nil
	}
	if problem != "" { // one rule for every API: no trailing data, no name twice
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Cause: errors.New(problem)}
	}
	return openapi3filter.JSONBodyDecoder(bytes.NewReader(b), header, schema, encFn)
}

// readAll reads r to the end, in one allocation when r knows its length
// (the bytes.Reader response validation passes).
func readAll(r io.Reader) ([]byte, error) {
	if br, ok := r.(*bytes.Reader); ok {
		b := make([]byte, br.Len())
		_, err := io.ReadFull(br, b)
		return b, err
	}
	return io.ReadAll(r)
}
