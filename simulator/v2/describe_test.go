package v2

import (
	"reflect"
	"testing"
)

// identifierBodies are bodies whose identifiers the journal shows: the
// common case, and each thing decoding decides in its own way.
var identifierBodies = []struct {
	name, body string
	read       bool // bodyIdentifiers reads it without decoding
}{
	{"a registration", `{"profiles":[{"firstName":"Tom","identifiers":[{"type":"mobile","value":"447700900001"},{"type":"email","value":"t@example.com"}]}]}`, true},
	{"two profiles", `{"profiles":[{"identifiers":[{"type":"mobile","value":"1"}]},{"identifiers":[{"type":"cardnumber","value":"C1"}]}]}`, true},
	{"no profiles", `{"billNumber":"b1","lineItemsV2":[{"itemCode":"a","qty":1}]}`, true},
	{"a number, true and null as values", `{"profiles":[{"identifiers":[{"type":"mobile","value":447700900002},{"type":"a","value":true},{"type":"b","value":null}]}]}`, true},
	{"a number as written", `{"profiles":[{"identifiers":[{"type":"mobile","value":4.47e11}]}]}`, true},
	{"escapes", `{"profiles":[{"identifiers":[{"type":"m\u006fbile","value":"\u0034\u0034 7"}]}]}`, true},
	{"a name given twice: the last counts", `{"profiles":[{"identifiers":[{"type":"mobile","value":"1"}]}],"profiles":[{"identifiers":[{"type":"email","value":"e","value":"f","type":"x"}]}]}`, true},
	{"a type that is not a string", `{"profiles":[{"identifiers":[{"type":7,"value":"1"}]}]}`, true},
	{"profiles not a list", `{"profiles":{"identifiers":[]}}`, true},
	{"an identifier not an object", `{"profiles":[{"identifiers":["447700900003",1,null]}]}`, true},
	{"a profile not an object", `{"profiles":[[{"type":"mobile","value":"1"}]]}`, true},
	{"value blank", `{"profiles":[{"identifiers":[{"type":"mobile","value":"  "}]}]}`, true},
	{"not an object", `[{"profiles":[]}]`, true},
	{"white space around", " \n{\"profiles\":[{\"identifiers\":[{\"type\":\"mobile\",\"value\":\"9\"}]}]}\t ", true},
	{"a value that is an object", `{"profiles":[{"identifiers":[{"type":"mobile","value":{"a":1}}]}]}`, false},
	{"a value that is a list", `{"profiles":[{"identifiers":[{"type":"mobile","value":[1]}]}]}`, false},
	{"trailing data: a decoder takes the first value", `{"profiles":[{"identifiers":[{"type":"mobile","value":"5"}]}]} {"x":1}`, false},
	{"not JSON", `{"profiles":[{"identifiers":[{"type":"mobile","value":"5"}]}]`, false},
	{"invalid UTF-8", "{\"profiles\":[{\"identifiers\":[{\"type\":\"mobile\",\"value\":\"\xff1\"}]}]}", true},
}

// TestBodyIdentifiersAsDecoded: reading a body's identifiers without
// decoding it finds what decoding finds, in the same order, or leaves the
// body to decoding.
func TestBodyIdentifiersAsDecoded(t *testing.T) {
	for _, tc := range identifierBodies {
		t.Run(tc.name, func(t *testing.T) {
			_, want := describeBody([]byte(tc.body), nil)
			got, read := bodyIdentifiers([]byte(tc.body), nil)
			if read != tc.read {
				t.Fatalf("read without decoding: %v, want %v", read, tc.read)
			}
			if read && !reflect.DeepEqual(got, want) {
				t.Fatalf("identifiers %+v, decoded %+v", got, want)
			}
		})
	}
}

// FuzzBodyIdentifiers: for any body, what bodyIdentifiers reads is what
// describeBody decodes.
func FuzzBodyIdentifiers(f *testing.F) {
	for _, tc := range identifierBodies {
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, read := bodyIdentifiers(body, nil)
		if !read {
			return
		}
		if _, want := describeBody(body, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: identifiers %+v, decoded %+v", body, got, want)
		}
	})
}
