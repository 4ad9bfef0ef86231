package contract_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/internal/xmltree"
	"github.com/getkin/kin-openapi/openapi3"
)

// v11Schemas loads the v1.1 document's component schemas.
func v11Schemas(t testing.TB) openapi3.Schemas {
	t.Helper()
	b, err := openapi.FS.ReadFile("v11.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc.Components.Schemas
}

// decodeXML runs the registered decoder on body under schema.
func decodeXML(t testing.TB, schema *openapi3.SchemaRef, body string) (any, error) {
	t.Helper()
	return contract.XMLBodyDecoder(strings.NewReader(body), http.Header{"Content-Type": {"application/xml"}}, schema, nil)
}

// jsonValue decodes s as encoding/json would, numbers as float64.
func jsonValue(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON in test: %v", err)
	}
	return v
}

// normalize turns the decoder's int64s into float64s, as JSON has them.
func normalize(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return jsonValue(t, string(b))
}

func TestXMLBodyDecoder(t *testing.T) {
	schemas := v11Schemas(t)
	tests := []struct {
		name, schema, xml, json string
	}{
		{
			name:   "one customer is a list of one",
			schema: "AddCustomerRequest",
			xml:    `<root><customer><mobile>44700900000</mobile><firstname>Tom</firstname></customer></root>`,
			json:   `{"root":{"customer":[{"mobile":"44700900000","firstname":"Tom"}]}}`,
		},
		{
			name:   "repeated customers and fields, empty value",
			schema: "AddCustomerRequest",
			xml: `<?xml version="1.0" encoding="UTF-8"?>
<root>
	<customer>
		<mobile>44700900000</mobile>
		<!-- a comment -->
		<custom_fields><field><name>ser_tax</name><value /></field></custom_fields>
	</customer>
	<customer>
		<email>rita.john@example.com</email>
		<extended_fields>
			<field><name>city</name><value>London</value></field>
			<field><name>他他他他</name><value>他他他</value></field>
		</extended_fields>
	</customer>
</root>`,
			json: `{"root":{"customer":[
				{"mobile":"44700900000","custom_fields":{"field":[{"name":"ser_tax","value":""}]}},
				{"email":"rita.john@example.com","extended_fields":{"field":[{"name":"city","value":"London"},{"name":"他他他他","value":"他他他"}]}}]}}`,
		},
		{
			name:   "response typed by the schema",
			schema: "CustomerWriteResponse",
			xml: `<response><status><success>true</success><code>200</code><message>Success</message><total>1</total><success_count>1</success_count></status>
<customers><customer><user_id>17742</user_id><extended_fields></extended_fields>
<item_status><success>true</success><code>1000</code><message>m</message><warnings><warning>1017</warning></warnings></item_status>
<side_effects></side_effects></customer></customers></response>`,
			json: `{"response":{"status":{"success":"true","code":200,"message":"Success","total":"1","success_count":"1"},
				"customers":{"customer":[{"user_id":17742,"extended_fields":{"field":[]},
				"item_status":{"success":"true","code":"1000","message":"m","warnings":{"warning":["1017"]}},
				"side_effects":{}}]}}}`,
		},
		{
			name:   "empty warnings is an empty list",
			schema: "ItemStatus",
			xml:    `<item_status><success>false</success><code>1012</code><message>m</message><warnings></warnings></item_status>`,
			json:   `{"item_status":{"success":"false","code":"1012","message":"m","warnings":{"warning":[]}}}`,
		},
		{
			name:   "numbers that do not parse stay strings",
			schema: "Status",
			xml:    `<status><success>true</success><code>two hundred</code><message>x</message></status>`,
			json:   `{"status":{"success":"true","code":"two hundred","message":"x"}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := schemas[tc.schema]
			if ref == nil {
				t.Fatalf("no schema %s", tc.schema)
			}
			// The decoder is given the body's schema: wrap the root like a body.
			wrapper := &openapi3.SchemaRef{Value: &openapi3.Schema{
				Type:       &openapi3.Types{openapi3.TypeObject},
				Properties: openapi3.Schemas{rootName(tc.xml): ref},
			}}
			if strings.HasSuffix(tc.schema, "Request") || strings.HasSuffix(tc.schema, "Response") {
				wrapper = ref
			}
			got, err := decodeXML(t, wrapper, tc.xml)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if g, w := normalize(t, got), jsonValue(t, tc.json); !reflect.DeepEqual(g, w) {
				gb, _ := json.Marshal(g)
				t.Fatalf("got  %s\nwant %s", gb, tc.json)
			}
		})
	}
}

// rootName returns the name of the document's root element.
func rootName(doc string) string {
	e, err := xmltree.Parse(strings.NewReader(doc))
	if err != nil {
		return ""
	}
	return e.Name
}

func TestXMLBodyDecoderErrors(t *testing.T) {
	schema := v11Schemas(t)["AddCustomerRequest"]
	tests := []struct {
		name, body, want string
	}{
		{"unclosed element", "<root>\n<customer>\n<mobile>1</mobile>\n</root>", "line 4"},
		{"JSON sent as XML", `{"root": {"customer": []}}`, "outside the root element"},
		{"empty", "   ", "no root element"},
		{"two roots", "<root></root><root></root>", "second root element"},
		{"truncated", "<root><customer>", "ends inside"},
		{"too deep", strings.Repeat("<a>", xmltree.MaxDepth+1), "deeper than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeXML(t, schema, tc.body)
			if err == nil {
				t.Fatal("no error")
			}
			var se *xmltree.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *xmltree.SyntaxError", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// FuzzXMLBody checks that no body makes the decoder (or the schema check
// of what it returns) panic.
func FuzzXMLBody(f *testing.F) {
	schemas := v11Schemas(f)
	for _, seed := range []string{
		`<root><customer><mobile>44700900000</mobile></customer></root>`,
		`<?xml version="1.0"?><root><customer><custom_fields><field><name>a</name><value/></field></custom_fields></customer><customer/></root>`,
		`<response><status><code>200</code></status><customers><customer><user_id>1</user_id></customer></customers></response>`,
		`<root><customer><subscriptions><subscription><channel>sms</channel></subscription></subscriptions></customer></root>`,
		`<root>text<customer>x</customer></root>`,
		`{"root":{}}`, `<a><b><c></b></a>`, `<!DOCTYPE x [<!ENTITY e "v">]><root>&e;</root>`, ``,
	} {
		f.Add(seed)
	}
	refs := []*openapi3.SchemaRef{schemas["AddCustomerRequest"], schemas["UpdateIdentityRequest"],
		schemas["CustomerWriteResponse"], schemas["GetCustomersResponse"], schemas["SearchResponse"], nil}
	f.Fuzz(func(t *testing.T, body string) {
		for _, ref := range refs {
			v, err := contract.XMLBodyDecoder(strings.NewReader(body), http.Header{}, ref, nil)
			if err != nil || ref == nil {
				continue
			}
			_ = ref.Value.VisitJSON(v, openapi3.MultiErrors())
		}
	})
}
