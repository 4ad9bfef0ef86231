package v11_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
)

func jsonUnmarshal(s string, v any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	return dec.Decode(v)
}

func sortedKeys[V any](m map[string]V) []string {
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

// emptyAsText returns v with every object that holds nothing but empty
// lists replaced by "": the XML decoder reads <coupons></coupons> as the
// "" its schema allows, the tree's JSON writes {"coupon": []}.
func emptyAsText(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		empty := len(t) > 0
		for k, x := range t {
			out[k] = emptyAsText(x)
			if l, ok := x.([]any); !ok || len(l) > 0 {
				empty = false
			}
		}
		if empty {
			return ""
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = emptyAsText(x)
		}
		return out
	}
	return v
}

// scalarsAsText writes every number of v as text: XML carries no types, and
// its decoder types a field a schema allows in both forms as a number, while
// the JSON answer writes it as the operation's type mode says.
func scalarsAsText(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = scalarsAsText(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = scalarsAsText(x)
		}
		return out
	case float64, int, int64:
		return fmt.Sprint(t)
	}
	return v
}
