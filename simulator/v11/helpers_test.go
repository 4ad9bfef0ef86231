package v11_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
)

func jsonUnmarshal(s string, v any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	return dec.Decode(v)
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// escapeQuery escapes a search query for a URL (& | ; : kept readable where
// they are safe).
func escapeQuery(q string) string { return url.QueryEscape(q) }

// sortIDs orders user ids numerically, as search answers them.
func sortIDs(ids []string) []string {
	out := append([]string(nil), ids...)
	sort.Slice(out, func(i, j int) bool {
		a, _ := strconv.ParseInt(out[i], 10, 64)
		b, _ := strconv.ParseInt(out[j], 10, 64)
		return a < b
	})
	return out
}
