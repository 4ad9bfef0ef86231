package v2_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// docsSubscriptionUpdate is the docs' sample request, as partners copy it.
const docsSubscriptionUpdate = `{
    "communicationId": -1,
    "campaignId": -1,
    "reason": "Example reason",
    "scope": {
        "scope": "USER",
        "subScope": "NONE"
    },
    "subscriptions": [
        {"channel": "EMAIL", "accountId": "", "priority": "BULK", "type": "OPTOUT"},
        {"channel": "MOBILE", "accountId": "", "priority": "BULK", "type": "OPTOUT"},
        {"channel": "EMAIL", "accountId": "", "priority": "TRANS", "type": "OPTIN"},
        {"channel": "MOBILE", "accountId": "123", "priority": "TRANS", "type": "OPTIN"}
    ]
}`

// TestSubscriptionsDocsSample posts the docs' request for 17742 and checks
// the echo: the documented scope flags, MOBILE written as SMS.
func TestSubscriptionsDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	res := s.Do("POST", "/v2/customers/17742/subscriptions", docsSubscriptionUpdate)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	got := res.JSON()
	wantScope := map[string]any{"scopeId": 0.0, "scope": "USER", "subScope": "NONE", "setCreatedOn": false,
		"setPriority": false, "setScopeId": false, "setScope": true, "setSubScope": true}
	if !reflect.DeepEqual(got["scope"], wantScope) {
		t.Errorf("scope %v\nwant %v", got["scope"], wantScope)
	}
	subs, _ := got["subscriptions"].([]any)
	if len(subs) != 4 {
		t.Fatalf("%d subscriptions echoed, want 4: %s", len(subs), res.Body)
	}
	for _, sub := range subs {
		if ch := sub.(map[string]any)["channel"]; ch == "MOBILE" {
			t.Errorf("MOBILE echoed as MOBILE, want SMS: %v", sub)
		}
	}
	last := map[string]any{"channel": "SMS", "accountId": "123", "priority": "TRANS", "type": "OPTIN"}
	if !reflect.DeepEqual(subs[3], last) {
		t.Errorf("last subscription %v, want %v", subs[3], last)
	}
	if got["campaignId"] != -1.0 || got["communicationId"] != -1.0 || got["reason"] != "Example reason" {
		t.Errorf("campaignId %v communicationId %v reason %v", got["campaignId"], got["communicationId"], got["reason"])
	}
	if w, ok := got["warnings"].([]any); !ok || len(w) != 0 {
		t.Errorf("warnings %v, want []", got["warnings"])
	}
}

type subscriptionsBody struct {
	Subscriptions   []map[string]any `json:"subscriptions"`
	CampaignID      *int64           `json:"campaignId"`
	CommunicationID *int64           `json:"communicationId"`
	Warnings        []any            `json:"warnings"`
}

// TestSubscriptionsGetDocsSample reads 17742's fixture subscriptions.
func TestSubscriptionsGetDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var body subscriptionsBody
	get(t, s, "/v2/customers/17742/subscriptions", &body)
	want := []map[string]any{
		{"channel": "EMAIL", "priority": "TRANS", "type": "OPTIN"},
		{"channel": "SMS", "priority": "TRANS", "type": "OPTIN"},
		{"channel": "EMAIL", "priority": "BULK", "type": "OPTIN"},
		{"channel": "SMS", "priority": "BULK", "type": "OPTIN"},
	}
	if !reflect.DeepEqual(body.Subscriptions, want) {
		t.Fatalf("subscriptions %v\nwant %v", body.Subscriptions, want)
	}
	if body.CampaignID == nil || *body.CampaignID != 0 || body.CommunicationID == nil || *body.CommunicationID != 0 || body.Warnings == nil {
		t.Fatalf("campaignId %v communicationId %v warnings %v, want 0, 0, []", body.CampaignID, body.CommunicationID, body.Warnings)
	}
}

// TestSubscriptionsReadBack posts updates and reads them back through GET
// subscriptions and embed=subscriptions, which must agree.
func TestSubscriptionsReadBack(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	read := func(t *testing.T, id string) (viaGet, viaEmbed []map[string]any) {
		t.Helper()
		var g subscriptionsBody
		get(t, s, "/v2/customers/"+id+"/subscriptions", &g)
		var c customerBody
		get(t, s, "/v2/customers/"+id+"?source=ALL&embed=subscriptions", &c)
		if c.SubInfo == nil {
			t.Fatalf("no subscriptionInfo with embed=subscriptions")
		}
		return g.Subscriptions, c.SubInfo.Subscriptions
	}
	t.Run("docs sample", func(t *testing.T) {
		simtest.ExpectCodes(t, s.Do("POST", "/v2/customers/17742/subscriptions", docsSubscriptionUpdate), 200, nil, nil)
		viaGet, viaEmbed := read(t, "17742")
		// The docs' four entries replace the four fixture states in place.
		want := []map[string]any{
			{"channel": "EMAIL", "priority": "TRANS", "type": "OPTIN"},
			{"channel": "SMS", "priority": "TRANS", "type": "OPTIN"},
			{"channel": "EMAIL", "priority": "BULK", "type": "OPTOUT"},
			{"channel": "SMS", "priority": "BULK", "type": "OPTOUT"},
		}
		if !reflect.DeepEqual(viaGet, want) {
			t.Errorf("GET subscriptions %v\nwant %v", viaGet, want)
		}
		if !reflect.DeepEqual(viaEmbed, viaGet) {
			t.Errorf("embed=subscriptions %v\nGET subscriptions %v", viaEmbed, viaGet)
		}
	})
	t.Run("new channel, then changed again", func(t *testing.T) {
		id := strconv.FormatInt(addCustomer(t, s, "Sub", "Scriber", "447770000004"), 10)
		if g, _ := read(t, id); len(g) != 0 {
			t.Fatalf("new customer has subscriptions %v", g)
		}
		for _, typ := range []string{"OPTIN", "OPTOUT"} {
			body := map[string]any{"subscriptions": []any{map[string]any{"channel": "WECHAT", "priority": "BULK", "type": typ}}}
			simtest.ExpectCodes(t, s.Do("POST", "/v2/customers/"+id+"/subscriptions", body), 200, nil, nil)
			viaGet, viaEmbed := read(t, id)
			want := []map[string]any{{"channel": "WECHAT", "priority": "BULK", "type": typ}}
			if !reflect.DeepEqual(viaGet, want) || !reflect.DeepEqual(viaEmbed, want) {
				t.Fatalf("after %s: GET %v embed %v, want %v", typ, viaGet, viaEmbed, want)
			}
		}
	})
}

// TestSubscriptionsCodes checks the errors of both operations.
func TestSubscriptionsCodes(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000005")
	mergeInto(t, s, victim, 329)
	v := strconv.FormatInt(victim, 10)
	tests := []struct {
		name, method, target string
		body                 any
		code                 int
	}{
		{"update unknown customer", "POST", "/v2/customers/999999999/subscriptions", docsSubscriptionUpdate, codeNotFound},
		{"read unknown customer", "GET", "/v2/customers/999999999/subscriptions", nil, codeNotFound},
		{"update merged victim", "POST", "/v2/customers/" + v + "/subscriptions", docsSubscriptionUpdate, codeMerged},
		{"read merged victim", "GET", "/v2/customers/" + v + "/subscriptions", nil, codeMerged},
		{"unknown channel", "POST", "/v2/customers/17742/subscriptions",
			`{"subscriptions":[{"channel":"PIGEON","priority":"BULK","type":"OPTIN"}]}`, codeInvalidInput},
		{"unknown type", "POST", "/v2/customers/17742/subscriptions",
			`{"subscriptions":[{"channel":"EMAIL","priority":"BULK","type":"MAYBE"}]}`, codeInvalidInput},
		{"no subscriptions", "POST", "/v2/customers/17742/subscriptions", `{"reason":"none"}`, codeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			simtest.ExpectCodes(t, s.Do(tc.method, tc.target, tc.body), 400, []int{tc.code}, nil)
		})
	}
	t.Run("a rejected update changes nothing", func(t *testing.T) {
		var body subscriptionsBody
		get(t, s, "/v2/customers/17742/subscriptions", &body)
		if len(body.Subscriptions) != 4 || body.Subscriptions[2]["type"] != "OPTIN" {
			t.Fatalf("subscriptions changed: %v", body.Subscriptions)
		}
	})
}
