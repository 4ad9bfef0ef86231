package v2

import (
	"bytes"
	"reflect"
	"testing"

	gojson "github.com/goccy/go-json"
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

// decodeTypes make the request types decode fills, one per operation
// whose handler decodes its body.
var decodeTypes = []func() any{
	func() any { return new(customerInput) },
	func() any { return new(changeIdentifierInput) },
	func() any { return new(tokenRequest) },
	func() any { return new(promotionIssueRequest) },
	func() any { return new(subscriptionsRequest) },
	func() any { return new(updateTransactionInput) },
	func() any { return new(transactionInput) },
}

// decodeBodies are bodies decode meets, with the cases each decoder has
// rules of its own for.
var decodeBodies = []string{
	`{"profiles":[{"firstName":"Bench","lastName":"Mark","identifiers":[{"type":"mobile","value":"447100000001"}],"fields":{"city":"x","age":31,"vip":true,"gone":null}}],"extendedFields":{"gender":"Male"},"loyaltyInfo":{"loyaltyType":"loyalty"}}`,
	`{"PROFILES":[{"FirstName":"a","identifiers":[{"TYPE":"mobile","Value":"1"}]}],"Profiles":[]}`,
	`{"profiles":[{"firstName":"a","firstName":"b"}],"profiles":null}`,
	`{"profiles":[{"firstName":"\u00e9\ud83d\ude00\ud800x","lastName":"\xff\xfe"}]}`,
	`{"add":[{"type":"email","value":"a@b.c"}],"remove":[{"type":"mobile","value":1234}]}`,
	`{"key":"k","secret":"s","other":[1,{"a":null}]}`,
	`{"programId":12,"promotionId":"34"}`, `{"programId":"1e3","promotionId":-0.5}`, `{"programId":"x"}`,
	`{"communicationId":9223372036854775807,"campaignId":1.5,"reason":"r","scope":{"scope":null,"subScope":"ALL"},"subscriptions":[{"channel":"SMS","type":"OPTIN"}]}`,
	`{"communicationId":1e2}`, `{"communicationId":"7"}`,
	`{"id":12,"number":"n1","deliveryStatus":"SHIPPED","customFields":{"a":1.50,"b":"x"},"extendedFields":{"c":[1]}}`,
	`{"type":"REGULAR","billNumber":"b","billAmount":"4800.0","discount":10,"lineItemsV2":[{"itemCode":"a","amount":100.5,"rate":"100.5","qty":1,"extendedFields":{"x":1}}],"paymentModes":[{"mode":"CASH","value":1}],"extendedFields":{"gender":1}}`,
	`[{"identifierType":"mobile","identifierValue":919740000000,"source":"instore","type":"REGULAR","billNumber":1,"billAmount":2}]`,
	`{"id":null,"number":true}`, `{} {}`, `[]`, `null`, ` {"key" : "k" } `, `{"key":"k"`, `{"key":"\u0000"}`,
}

// FuzzDecodeAsEncodingJSON: whatever go-json decodes into a request type,
// encoding/json (as decode used it alone) decodes too, to the same value.
func FuzzDecodeAsEncodingJSON(f *testing.F) {
	for i := range decodeTypes {
		for _, b := range decodeBodies {
			f.Add(uint8(i), []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		mk := decodeTypes[int(which)%len(decodeTypes)]
		fast, std := mk(), mk()
		if holdsInterface(reflect.TypeOf(fast)) {
			t.Fatalf("%T holds an interface: decode leaves it to encoding/json", fast)
		}
		if gojson.Unmarshal(body, fast) != nil {
			return
		}
		if err := decodeStd(bytes.NewReader(body), std); err != nil {
			t.Fatalf("%q into %T: go-json takes it, encoding/json says %v", body, fast, err)
		}
		if !reflect.DeepEqual(fast, std) {
			t.Fatalf("%q into %T: go-json %+v, encoding/json %+v", body, fast, fast, std)
		}
	})
}
