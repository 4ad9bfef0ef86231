package v2_test

import (
	"bytes"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestCustomerDetailsLookup: GET /v2/customers/lookup/customerDetails finds
// the customer as lookup does and answers what GET /v2/customers/{id} does
// with the same source, accountId and embed, byte for byte; it refuses with
// lookup's codes, and get's for a bad embed.
func TestCustomerDetailsLookup(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000023")
	mergeInto(t, s, victim, 17742)
	tests := []struct {
		name, query string
		get         string // the GET /v2/customers/{id} it equals
		code        int
	}{
		{"docs lookup sample", "source=INSTORE&identifierName=mobile&identifierValue=919111111111", "/v2/customers/329?source=INSTORE", 0},
		{"with embeds", "source=INSTORE&identifierName=mobile&identifierValue=44700900000&embed=points,subscriptions,mlp",
			"/v2/customers/17742?source=INSTORE&embed=points,subscriptions,mlp", 0},
		{"wechat account", "source=WECHAT&accountId=22232&identifierName=wechat&identifierValue=wc_2", "/v2/customers/329?source=WECHAT&accountId=22232", 0},
		{"all sources", "source=ALL&identifierName=wechat&identifierValue=ray10&embed=usergroup", "/v2/customers/418?source=ALL&embed=usergroup", 0},
		{"dual eligibility", "source=INSTORE&identifierName=email,mobile&identifierValue=nobody@example.com,919111111111", "/v2/customers/329?source=INSTORE", 0},
		{"a merged victim's mobile leads to the survivor", "source=INSTORE&identifierName=mobile&identifierValue=447770000023", "/v2/customers/17742?source=INSTORE", 0},
		{"not found", "source=INSTORE&identifierName=mobile&identifierValue=10000000001", "", codeNotFound},
		{"another source", "source=ECOMMERCE&identifierName=mobile&identifierValue=919111111111", "", codeOtherSource},
		{"no account", "source=WECHAT&identifierName=wechat&identifierValue=wc_2", "", codeNoAccount},
		{"bad identifier name", "source=INSTORE&identifierName=phone&identifierValue=919111111111", "", codeBadIdent},
		{"bad source", "source=MOON&identifierName=mobile&identifierValue=919111111111", "", 8011},
		{"no source", "identifierName=mobile&identifierValue=919111111111", "", 8001},
		{"no identifier", "source=INSTORE", "", 8002},
		{"bad embed", "source=INSTORE&identifierName=mobile&identifierValue=919111111111&embed=shoes", "", codeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", "/v2/customers/lookup/customerDetails?"+tc.query, nil)
			if tc.code != 0 {
				simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
				return
			}
			simtest.ExpectCodes(t, res, 200, nil, nil)
			want := get(t, s, tc.get, nil)
			if !bytes.Equal(res.Body, want.Body) {
				t.Fatalf("customerDetails:\n%s\nGET %s:\n%s", res.Body, tc.get, want.Body)
			}
		})
	}
}
