package store

import (
	"unsafe"

	gojson "github.com/goccy/go-json"
)

// The store encodes and decodes what it keeps (records, bills,
// redemptions) with github.com/goccy/go-json rather than encoding/json:
// the same bytes out and the same values in (TestCodecIsEncodingJSON and
// FuzzCodec hold it to that), at about a quarter of the cost. A write of a
// customer decodes its record and encodes it again, so this is most of
// what a write to a customer with a long record costs, and most of a
// large start-up's packing.

// encodeJSON is json.Marshal.
func encodeJSON(v any) ([]byte, error) { return gojson.Marshal(v) }

// decodeJSON is json.Unmarshal. Decoded strings are copies: nothing refers
// to data after it returns.
func decodeJSON(data []byte, v any) error { return gojson.Unmarshal(data, v) }

// frozen returns b as a string without copying it: for what encodeJSON
// returned (a fresh slice), which no one writes to again, on its way into
// buntdb. string(b) copied every record and list item a second time.
func frozen(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
