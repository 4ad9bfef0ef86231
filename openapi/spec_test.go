package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/capsim/capsim/openapi"
)

// loadedDocs holds each embedded document loaded and validated once per
// test binary (name to *loadedDoc): tests only read them.
var loadedDocs sync.Map

type loadedDoc struct {
	once sync.Once
	doc  *openapi3.T
	err  error
}

// loadDoc loads and validates one embedded document.
func loadDoc(t *testing.T, name string) *openapi3.T {
	t.Helper()
	v, _ := loadedDocs.LoadOrStore(name, &loadedDoc{})
	l := v.(*loadedDoc)
	l.once.Do(func() {
		data, err := openapi.FS.ReadFile(name)
		if err != nil {
			l.err = fmt.Errorf("read %s: %w", name, err)
			return
		}
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = false
		if l.doc, err = loader.LoadFromData(data); err != nil {
			l.err = fmt.Errorf("load %s: %w", name, err)
		} else if err := l.doc.Validate(context.Background()); err != nil {
			l.err = fmt.Errorf("validate %s: %w", name, err)
		}
	})
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.doc
}

func specNames(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(openapi.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no *.yaml documents embedded")
	}
	sort.Strings(names)
	return names
}

// operation is one operation of a document with its place.
type operation struct {
	method, path string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

func (o operation) String() string { return o.method + " " + o.path }

func operations(doc *openapi3.T) []operation {
	var out []operation
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			out = append(out, operation{method: method, path: path, item: item, op: op})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// toJSON converts a value decoded from YAML into what encoding/json would
// produce from the same document (map[string]any, []any, float64, ...).
func toJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

// checkCodes checks an {missing: N, invalid: M} extension value.
func checkCodes(t *testing.T, where string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: marshal: %v", where, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var codes map[string]json.Number
	if err := dec.Decode(&codes); err != nil {
		t.Errorf("%s: want {missing: N, invalid: M} of integers, got %s: %v", where, b, err)
		return
	}
	if len(codes) == 0 {
		t.Errorf("%s: empty code map", where)
	}
	for k, n := range codes {
		if k != "missing" && k != "invalid" {
			t.Errorf("%s: unknown key %q (want missing or invalid)", where, k)
		}
		if i, err := n.Int64(); err != nil || i <= 0 {
			t.Errorf("%s.%s = %s: want a positive integer", where, k, n)
		}
	}
}

func TestSpecs(t *testing.T) {
	t.Parallel()
	seen := map[string]string{} // operationId -> file and operation
	for _, name := range specNames(t) {
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, name)
			if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
				t.Errorf("openapi = %q, want 3.0.x", doc.OpenAPI)
			}
			for _, s := range doc.Servers {
				if s.URL != "/" {
					t.Errorf("server %q: leave servers out (or use /) so any host:port routes", s.URL)
				}
			}
			ops := operations(doc)
			if len(ops) == 0 {
				t.Fatal("no operations")
			}
			for _, o := range ops {
				id := o.op.OperationID
				if id == "" {
					t.Errorf("%s: no operationId", o)
					continue
				}
				if prev, ok := seen[id]; ok {
					t.Errorf("%s: operationId %q also used by %s", o, id, prev)
				}
				seen[id] = name + ": " + o.String()

				if name == "v2.yaml" {
					for _, status := range []string{"200", "400", "401"} {
						if o.op.Responses.Value(status) == nil {
							t.Errorf("%s (%s): no %s response", o, id, status)
						}
					}
				}
				if name != "admin.yaml" {
					// What a gateway in front of the API answers: QA scripts
					// these with scenario rules (status: 503).
					for _, status := range []string{"502", "503", "504"} {
						if r := o.op.Responses.Value(status); r == nil || r.Ref != "#/components/responses/GatewayError" {
							t.Errorf("%s (%s): %s is not the shared GatewayError response", o, id, status)
						}
					}
				}

				params := append(openapi3.Parameters{}, o.item.Parameters...)
				params = append(params, o.op.Parameters...)
				for _, p := range params {
					if v, ok := p.Value.Extensions["x-capsim-codes"]; ok {
						checkCodes(t, id+" "+p.Value.Name+" x-capsim-codes", v)
					}
				}
				checkBodyCodes(t, id, o.op)
				checkExamples(t, id, o.op)
			}
		})
	}
}

// checkBodyCodes checks x-capsim-body-codes: each key is a top-level
// property of the operation's JSON request body, or "" for the body itself.
func checkBodyCodes(t *testing.T, id string, op *openapi3.Operation) {
	t.Helper()
	v, ok := op.Extensions["x-capsim-body-codes"]
	if !ok {
		return
	}
	props, ok := toJSON(t, v).(map[string]any)
	if !ok || len(props) == 0 {
		t.Errorf("%s: x-capsim-body-codes must map property names to codes", id)
		return
	}
	if op.RequestBody == nil {
		t.Errorf("%s: x-capsim-body-codes without a request body", id)
		return
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		t.Errorf("%s: x-capsim-body-codes without a JSON body schema", id)
		return
	}
	for prop, codes := range props {
		// "" names the body itself (a bulk body that is not a list).
		if _, ok := mt.Schema.Value.Properties[prop]; !ok && prop != "" {
			t.Errorf("%s: x-capsim-body-codes names %q, not a body property", id, prop)
		}
		checkCodes(t, id+" x-capsim-body-codes."+prop, codes)
	}
}

// checkExamples validates every request-body example against its schema,
// and response examples too (doc.Validate does so as well; this states it).
func checkExamples(t *testing.T, id string, op *openapi3.Operation) {
	t.Helper()
	visit := func(where string, mt *openapi3.MediaType, opts ...openapi3.SchemaValidationOption) int {
		if mt.Schema == nil {
			return 0
		}
		n := 0
		examples := map[string]any{}
		if mt.Example != nil {
			examples["example"] = mt.Example
		}
		for k, ex := range mt.Examples {
			if ex.Value != nil && ex.Value.Value != nil {
				examples["examples."+k] = ex.Value.Value
			}
		}
		for k, ex := range examples {
			n++
			opts := append([]openapi3.SchemaValidationOption{openapi3.MultiErrors()}, opts...)
			if err := mt.Schema.Value.VisitJSON(toJSON(t, ex), opts...); err != nil {
				t.Errorf("%s %s %s does not match its schema: %v", id, where, k, err)
			}
		}
		return n
	}
	if op.RequestBody != nil {
		n := 0
		for ct, mt := range op.RequestBody.Value.Content {
			n += visit("request "+ct, mt, openapi3.VisitAsRequest())
		}
		if n == 0 {
			t.Errorf("%s: request body has no example", id)
		}
	}
	for status, rr := range op.Responses.Map() {
		if rr.Value == nil {
			continue
		}
		for ct, mt := range rr.Value.Content {
			visit("response "+status+" "+ct, mt, openapi3.VisitAsResponse())
		}
	}
}

// TestSchemas pins the shape decisions handlers and clients rely on.
func TestSchemas(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t, "v2.yaml")
	tests := []struct {
		name, schema string
		value        string
		ok           bool
	}{
		{"api message", "ApiMessage", `{"status":false,"code":8015,"message":"x"}`, true},
		{"api message extra field", "ApiMessage", `{"status":false,"code":8015,"message":"x","detail":"y"}`, false},
		{"api message status true", "ApiMessage", `{"status":true,"code":8015,"message":"x"}`, false},
		{"api message code string", "ApiMessage", `{"status":false,"code":"8015","message":"x"}`, false},
		{"error envelope", "ErrorEnvelope", `{"warnings":[],"errors":[{"status":false,"code":1101,"message":"invalid programId passed"}]}`, true},
		{"error envelope without warnings", "ErrorEnvelope", `{"errors":[{"status":false,"code":8015,"message":"x"}]}`, true},
		{"error envelope no errors", "ErrorEnvelope", `{"warnings":[],"errors":[]}`, false},
		{"register no profiles", "RegisterCustomerRequest", `{"profiles":[]}`, false},
		{"register missing profiles", "RegisterCustomerRequest", `{"loyaltyInfo":{"loyaltyType":"loyalty"}}`, false},
		{"register unknown top-level property", "RegisterCustomerRequest", `{"profiles":[{}],"somethingElse":1}`, true},
		{"register numeric mobile", "RegisterCustomerRequest", `{"profiles":[{"identifiers":[{"type":"mobile","value":919111111111}]}]}`, true},
		{"register object identifier value", "RegisterCustomerRequest", `{"profiles":[{"identifiers":[{"type":"mobile","value":{}}]}]}`, false},
		{"register unknown identifier type", "RegisterCustomerRequest", `{"profiles":[{"identifiers":[{"type":"phone","value":"1"}]}]}`, false},
		{"register bad loyaltyType", "RegisterCustomerRequest", `{"profiles":[{}],"loyaltyInfo":{"loyaltyType":"not_interested"}}`, false},
		{"register associatedWith 51 chars", "RegisterCustomerRequest", `{"profiles":[{}],"associatedWith":"` + strings.Repeat("a", 51) + `"}`, false},
		{"register long firstName", "RegisterCustomerRequest", `{"profiles":[{"firstName":"` + strings.Repeat("a", 300) + `"}]}`, true},
		{"register primary yes", "RegisterCustomerRequest", `{"profiles":[{"commChannels":[{"type":"email","value":"a@b.c","primary":"yes"}]}]}`, false},
		{"register nested custom field", "RegisterCustomerRequest", `{"profiles":[{"fields":{"a":{"b":1}}}]}`, false},
		{"update without profiles", "UpdateCustomerRequest", `{"loyaltyInfo":{"loyaltyType":"loyalty"}}`, true},
		{"register response", "RegisterCustomerResponse", `{"createdId":1,"warnings":[],"sideEffects":[{"type":"points","awardedPoints":100}]}`, true},
		{"register response typo", "RegisterCustomerResponse", `{"createdID":1,"warnings":[],"sideEffects":[]}`, false},
		{"search response with errors", "SearchCustomersResponse", `{"pagination":{"limit":10,"offset":0,"total":0},"data":[],"warnings":[],"errors":[{"status":false,"code":1,"message":"x"}]}`, false},
		{"promotion 8890", "IssuePromotionResponse", `{"warnings":[{"status":false,"code":8890,"message":"promotion not issued due to config issues or customer exhausted limits"}],"errors":[],"sideEffects":[]}`, true},
		{"promotion missing sideEffects", "IssuePromotionResponse", `{"warnings":[],"errors":[]}`, false},
		{"promotion request string id", "IssuePromotionRequest", `{"programId":"469","promotionId":65777}`, false},
		{"subscriptions request empty", "UpdateSubscriptionsRequest", `{"subscriptions":[]}`, false},
		{"subscriptions request bad channel", "UpdateSubscriptionsRequest", `{"subscriptions":[{"channel":"FAX","priority":"BULK","type":"OPTIN"}]}`, false},
		{"oauth token", "OAuthTokenResponse", `{"data":{"accessToken":"t","ttlSeconds":300},"errors":null}`, true},
		{"oauth failure", "OAuthErrorResponse", `{"data":null,"errors":[{"status":false,"code":401,"message":"Failed to generate OAuth token"}]}`, true},
		{"oauth failure with data", "OAuthErrorResponse", `{"data":{"accessToken":"t"},"errors":[{"status":false,"code":401,"message":"x"}]}`, false},
		{"oauth empty key", "OAuthTokenRequest", `{"key":"","secret":"s"}`, false},
		{"points transfer date", "PointsTransfer", `{"pointsTransferDate":"2019-10-16T15:53:42","pointsTransferred":1,"transferId":1,"transferType":"ADDITION","transferredFrom":{"userId":1,"firstName":"","lastName":""},"transferredTo":{"userId":2,"firstName":"","lastName":""},"notes":"","programName":"p"}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := doc.Components.Schemas[tc.schema]
			if ref == nil {
				t.Fatalf("no schema %q", tc.schema)
			}
			var v any
			if err := json.Unmarshal([]byte(tc.value), &v); err != nil {
				t.Fatal(err)
			}
			err := ref.Value.VisitJSON(v)
			if got, want := err == nil, tc.ok; got != want {
				t.Fatalf("valid = %v, want %v (err: %v)", got, want, err)
			}
		})
	}
}

// TestRequests runs requests through the router and request validator the
// way the simulator does: literal paths win over /v2/customers/{id}, and the
// failing parameter is the one that carries the x-capsim-codes.
func TestRequests(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t, "v2.yaml")
	doc.Servers = nil
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, target, body string
		opID                 string
		badParam             string // "" = valid; "body" = body error
	}{
		{"GET", "/v2/customers/search?q=tom", "", "searchCustomers", ""},
		{"GET", "/v2/customers/search?q=tom&limit=1000&offset=-1", "", "searchCustomers", ""},
		{"GET", "/v2/customers/search?q=", "", "searchCustomers", "q"},
		{"GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111", "", "lookupCustomer", ""},
		{"GET", "/v2/customers/lookup?source=INSTORE&identifierName=email,mobile&identifierValue=a@b.c,9191", "", "lookupCustomer", ""},
		{"GET", "/v2/customers/lookup?source=INSTORE&identifierName=shoeSize&identifierValue=9", "", "lookupCustomer", ""},
		{"GET", "/v2/customers/lookup?source=NOPE&identifierName=mobile&identifierValue=1", "", "lookupCustomer", "source"},
		{"GET", "/v2/customers/lookup?source=ALL&identifierName=mobile", "", "lookupCustomer", "identifierValue"},
		{"GET", "/v2/customers/17742?source=WECHAT&accountId=22232&embed=points,mlp", "", "getCustomer", ""},
		{"GET", "/v2/customers/17742", "", "getCustomer", "source"},
		{"GET", "/v2/customers/0?source=ALL", "", "getCustomer", "id"},
		{"GET", "/v2/customers/17742/loyaltyDetails", "", "getCustomerLoyaltyDetails", ""},
		{"GET", "/v2/customers/17742/retroRequest?startDate=2024-13", "", "getCustomerRetroRequests", "startDate"},
		{"POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":44700900000}]}]}`, "registerCustomer", ""},
		{"POST", "/v2/customers?source=instore", `{"profiles":[{}]}`, "registerCustomer", "source"},
		{"POST", "/v2/customers?source=INSTORE", `{"profiles":[]}`, "registerCustomer", "body"},
		{"PUT", "/v2/customers/329?source=WECHAT&accountId=22232", `{"extendedFields":{"city":"Bangalore"}}`, "updateCustomer", ""},
		{"POST", "/v2/customers/418/changeIdentifier?source=WECHAT", `{"add":[{"type":"wechat","value":"ray11"}]}`, "changeCustomerIdentifier", ""},
		{"POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=44700900000&source=INSTORE", `{"programId":469,"promotionId":65777}`, "issuePromotion", ""},
		{"POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=44700900000", `{"programId":469,"promotionId":65777}`, "issuePromotion", "source"},
		{"POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=1&source=INSTORE&type=USERGROUP2", `{"programId":469,"promotionId":65777}`, "issuePromotion", "type"},
		{"POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=1&source=INSTORE", `{"programId":469}`, "issuePromotion", "body"},
		{"POST", "/v3/oauth/token/generate", `{"key":"k","secret":"s"}`, "generateOAuthToken", ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			route, pathParams, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("FindRoute: %v", err)
			}
			if got, want := route.Operation.OperationID, tc.opID; got != want {
				t.Fatalf("operation = %s, want %s", got, want)
			}
			authenticated := false
			input := &openapi3filter.RequestValidationInput{
				Request:    req,
				PathParams: pathParams,
				Route:      route,
				Options: &openapi3filter.Options{
					AuthenticationFunc: func(context.Context, *openapi3filter.AuthenticationInput) error {
						authenticated = true
						return nil
					},
				},
			}
			err = openapi3filter.ValidateRequest(context.Background(), input)
			switch {
			case tc.badParam == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.badParam == "" && tc.opID == "generateOAuthToken" && authenticated:
				t.Fatal("token generation must need no authentication")
			case tc.badParam == "":
			case err == nil:
				t.Fatalf("want a failure on %s, got none", tc.badParam)
			default:
				re, ok := err.(*openapi3filter.RequestError)
				if !ok {
					t.Fatalf("want *RequestError, got %T: %v", err, err)
				}
				got := "body"
				if re.Parameter != nil {
					got = re.Parameter.Name
				}
				if got != tc.badParam {
					t.Fatalf("failure on %s, want %s: %v", got, tc.badParam, err)
				}
			}
		})
	}
}

// TestAdminHealthResponse checks a health body through the response validator.
func TestAdminHealthResponse(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t, "admin.yaml")
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/__admin/health", nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{`{"status":"ok","version":"dev","uptimeSeconds":1.5,"startedAt":"2026-01-02T15:04:05Z","namespaces":0}`, true},
		{`{"status":"ok","version":"dev","uptimeSeconds":1.5,"startedAt":"2026-01-02T15:04:05Z"}`, false},
		{`{"status":"degraded","version":"dev","uptimeSeconds":1.5,"startedAt":"x","namespaces":0}`, false},
	} {
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
			Status:                 http.StatusOK,
			Header:                 http.Header{"Content-Type": {"application/json"}},
			Options:                &openapi3filter.Options{IncludeResponseStatus: true},
		}
		in.SetBodyBytes([]byte(tc.body))
		err := openapi3filter.ValidateResponse(context.Background(), in)
		if got, want := err == nil, tc.ok; got != want {
			t.Errorf("%s: valid = %v, want %v (err: %v)", tc.body, got, want, err)
		}
	}
}
