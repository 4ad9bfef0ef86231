package v11

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"testing"

	"github.com/capsim/capsim/simulator"
)

func TestParseQueryTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		end  bool
		want string
		ok   bool
	}{
		{"2016-12-21", false, "2016-12-21 00:00:00", true},
		{"2016-12-21", true, "2016-12-21 23:59:59", true},
		{"2016-12-21+23:45:45", false, "2016-12-21 23:45:45", true},
		{"2016-12-21 23:45:45", false, "2016-12-21 23:45:45", true},
		{"2016-12-21T23:45:45", false, "2016-12-21 23:45:45", true},
		{"2016-09-12T15:19:21+05:30", false, "2016-09-12 15:19:21", true},
		{"2016-09-12T15:19:21 05:30", false, "2016-09-12 15:19:21", true},
		{"21/12/2016", false, "", false},
		{"", false, "", false},
	}
	for _, tc := range tests {
		got, ok := parseQueryTime(tc.in, tc.end)
		if ok != tc.ok || (ok && got.Format("2006-01-02 15:04:05") != tc.want) {
			t.Errorf("ParseQueryTime(%q, %v) = %v, %v; want %s, %v", tc.in, tc.end, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSubscriptionParsers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fn   func() (string, *simulator.Error)
		want string
		code int
	}{
		{"channel email", func() (string, *simulator.Error) { return parseSubscriptionChannel("email", true) }, "EMAIL", 0},
		{"channel mobile is sms", func() (string, *simulator.Error) { return parseSubscriptionChannel("mobile", true) }, "SMS", 0},
		{"channel wechat write", func() (string, *simulator.Error) { return parseSubscriptionChannel("wechat", true) }, "", 1101},
		{"channel wechat read", func() (string, *simulator.Error) { return parseSubscriptionChannel("wechat", false) }, "WECHAT", 0},
		{"channel fax", func() (string, *simulator.Error) { return parseSubscriptionChannel("fax", false) }, "", 1101},
		{"priority bulk", func() (string, *simulator.Error) { return parseSubscriptionPriority("bulk") }, "BULK", 0},
		{"priority urgent", func() (string, *simulator.Error) { return parseSubscriptionPriority("urgent") }, "", 1102},
		{"scope empty", func() (string, *simulator.Error) { return parseSubscriptionScope("") }, "ALL", 0},
		{"scope all", func() (string, *simulator.Error) { return parseSubscriptionScope("all") }, "ALL", 0},
		{"scope points", func() (string, *simulator.Error) { return parseSubscriptionScope("points") }, "", 1103},
		{"scope several", func() (string, *simulator.Error) { return parseSubscriptionScope("all,points") }, "", 1105},
		{"status 1", func() (string, *simulator.Error) { return parseSubscriptionStatus("1") }, "OPTIN", 0},
		{"status 0", func() (string, *simulator.Error) { return parseSubscriptionStatus("0") }, "OPTOUT", 0},
		{"status yes", func() (string, *simulator.Error) { return parseSubscriptionStatus("yes") }, "", 1106},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.fn()
			if got != tc.want || code(err) != tc.code {
				t.Fatalf("got %q code %d, want %q code %d", got, code(err), tc.want, tc.code)
			}
		})
	}
}

func code(e *simulator.Error) int {
	if e == nil {
		return 0
	}
	return e.Number()
}

// TestEscapeText: XML text keeps quotes readable, escapes markup, and
// reads back as written.
func TestEscapeText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`value "USER" isn't allowed`: `value "USER" isn't allowed`,
		"a < b && c > d":             "a &lt; b &amp;&amp; c &gt; d",
		"line\nnext\ttab\rcr":        "line\nnext\ttab&#xD;cr",
		"bell\x07":                   "bell\uFFFD",
	} {
		var buf bytes.Buffer
		escapeText(&buf, in)
		if got := buf.String(); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
		if in == "bell\x07" {
			continue
		}
		var back struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<m>"+buf.String()+"</m>"), &back); err != nil || back.Text != in {
			t.Errorf("%q reads back as %q, %v", buf.String(), back.Text, err)
		}
	}
}

// TestUnwrapElementsCopiesOnlyWhatChanges: unwrapElements reads <element>
// wrappers as lists wherever they are, leaves its input as it was (a parsed
// body is shared) and gives back the input itself where nothing changed.
func TestUnwrapElementsCopiesOnlyWhatChanges(t *testing.T) {
	t.Parallel()
	bill := func() Values { return Values{"number": "B1", "amount": "10"} }
	for _, tc := range []struct {
		name     string
		in, want any
		same     bool // the input itself comes back
	}{
		{"no elements", Values{"transaction": []any{bill()}}, Values{"transaction": []any{bill()}}, true},
		{"a list of elements", Values{"transaction": Values{"element": []any{bill(), bill()}}}, Values{"transaction": []any{bill(), bill()}}, false},
		{"one element", Values{"transaction": Values{"element": bill()}}, Values{"transaction": []any{bill()}}, false},
		{"deep inside a list", Values{"transaction": []any{bill(), Values{"line_items": Values{"line_item": Values{"element": []any{"a"}}}}}},
			Values{"transaction": []any{bill(), Values{"line_items": Values{"line_item": []any{"a"}}}}}, false},
		{"element beside another field is a field", Values{"element": "x", "other": "y"}, Values{"element": "x", "other": "y"}, true},
		{"a string", "s", "s", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fmt.Sprint(tc.in)
			got, changed := unwrapped(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			if fmt.Sprint(tc.in) != before {
				t.Fatalf("the input changed: %v, was %s", tc.in, before)
			}
			if changed == tc.same {
				t.Fatalf("changed = %v, want %v", changed, !tc.same)
			}
			if v, ok := tc.in.(Values); ok && tc.same && reflect.ValueOf(got).Pointer() != reflect.ValueOf(v).Pointer() {
				t.Fatal("an unchanged object was copied")
			}
		})
	}
}
