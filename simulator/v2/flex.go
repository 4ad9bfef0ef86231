package v2

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// FlexString is a string that clients also send as a JSON number or boolean:
// the documented samples send mobile numbers as numbers (919111111111).
type FlexString string

// UnmarshalJSON accepts a string, a number or a boolean.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	*f = FlexString(string(b))
	return nil
}

// FlexBool is a boolean that clients also send as "true"/"false".
type FlexBool bool

// UnmarshalJSON accepts true, false, "true" and "false" (any case).
func (f *FlexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		*f = false
		return nil
	}
	v, err := strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		return err
	}
	*f = FlexBool(v)
	return nil
}
