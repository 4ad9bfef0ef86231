package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Header is one header of a journal message; several values are joined
// by ", ".
type Header struct {
	Name  string
	Value string
}

// Headers are a message's headers in name order. They are written (and
// read) as a JSON object of name to value: a list costs the journal fewer
// allocations per request than a map.
type Headers []Header

// Get returns the value of the header called name (in canonical form, as
// Go writes names: Content-Type), or "".
func (h Headers) Get(name string) string {
	name = http.CanonicalHeaderKey(name)
	for _, kv := range h {
		if kv.Name == name {
			return kv.Value
		}
	}
	return ""
}

// MarshalJSON writes h as an object.
func (h Headers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range h {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.Name)
		v, _ := json.Marshal(kv.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of name to value.
func (h *Headers) UnmarshalJSON(data []byte) error {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("headers: %w", err)
	}
	*h = (*h)[:0]
	for k, v := range m {
		*h = append(*h, Header{k, v})
	}
	slices.SortFunc(*h, func(a, b Header) int { return strings.Compare(a.Name, b.Name) })
	return nil
}
