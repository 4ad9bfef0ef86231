package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

var updateReadme = flag.Bool("update", false, "rewrite the code table in docs/codes.md")

// A way is how one documented code comes out of capsim: a natural request
// (setup requests first, when the code needs a state the fixtures lack), or
// a one-rule scenario answering the code on the operation of the request,
// for failures of the real API's internals that no request can cause.
type way struct {
	code int
	api  string // the API that writes it: "v1.1", "v2" or "v1.1, v2"
	// what: the situation, in words, for docs/codes.md.
	what string
	// inject names the operation of a one-rule scenario answering code; ""
	// means the request alone gets it.
	inject               string
	method, target, body string
	headers              []string
	setup                []string // "METHOD target body" requests run first
	// org is a JSON object whose keys replace those of the fixtures'
	// org.json for this way (an org setting the default org lacks); ""
	// keeps the default org.
	org string
}

func natural(code int, api, what, method, target, body string, setup ...string) way {
	return way{code: code, api: api, what: what, method: method, target: target, body: body, setup: setup}
}

func injected(code int, api, what, op, method, target, body string) way {
	return way{code: code, api: api, what: what, inject: op, method: method, target: target, body: body}
}

const (
	getTom      = "/v1.1/customer/get?mobile=44700900000&format=json"
	addPath     = "/v1.1/customer/add?format=json"
	issueForJim = "/v2/promotion/issue?identifierName=mobile&identifierValue=18767431754&source=INSTORE"
	lookupHuck  = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111"
	welcome     = `{"programId": 469, "promotionId": 65777}`
	ci418       = "/v2/customers/418/changeIdentifier?source=WECHAT&accountId=22232"
	retro       = "/v2/customers/368881003/retroRequest"
	// a victim merged into Tom (17742): registered in ECOMMERCE, then given Tom's mobile.
	mergeVictim = `POST /v2/customers?source=ECOMMERCE {"profiles":[{"identifiers":[{"type":"email","value":"vic.tim@example.com"}]}]}`
	mergeIt     = `POST /v2/customers/{id}/changeIdentifier?source=ECOMMERCE {"add":[{"type":"mobile","value":"44700900000"}]}`
)

func add(fields string) string { return `{"root":{"customer":[{` + fields + `}]}}` }
func one(key, fields string) string {
	return `{"root":{"` + key + `":{` + fields + `}}}`
}
func reg(source, idents string) (string, string) {
	return "/v2/customers?source=" + source, `{"profiles":[{"identifiers":[` + idents + `]}]}`
}

// codeWays lists every code of the catalogue (which holds every code of the
// reference) with its way, but for the families of 004-007, whose ways are
// in codeways_*_test.go. docs/codes.md's code table is rendered from them all.
var codeWays = func() []way {
	regMobile := func(m string) string { return `{"type":"mobile","value":"` + m + `"}` }
	r8050t, r8050b := reg("ECOMMERCE", regMobile("44700900000"))
	r8006t, r8006b := reg("INSTORE", regMobile("44700900000"))
	r8053t, r8053b := reg("ECOMMERCE", regMobile("44700900000")+`,{"type":"mobile","value":"919111111111"}`)
	r8014t, r8014b := reg("INSTORE", regMobile("44710000000x"))
	r8055t, r8055b := reg("INSTORE", `{"type":"email","value":"tom@@example"}`)
	r8064t, r8064b := reg("INSTORE", `{"type":"externalId","value":"`+strings.Repeat("x", 251)+`"}`)
	ciAdd := func(typ, val string) string { return `{"add":[{"type":"` + typ + `","value":"` + val + `"}]}` }
	tom := `"mobile":"44700900000"`
	sub := func(f string) string { return `{"root":{"subscription":[{` + f + `}]}}` }
	ticket := func(f string) string {
		return `{"root":{"customer":[{"mobile":"44700900999","ticket":{` + f + `}}]}}`
	}
	referral := func(token, typ, ident string) string {
		return `{"root":{"customer":{"mobile":"44700900000","referrals":{"campaign_token":"` + token +
			`","referral_type":{"type":"` + typ + `","referral":{"name":"X","identifier":"` + ident + `"}}}}}}`
	}
	v11err := func(code int, what, op, method, target, body string) way {
		return injected(code, "v1.1", what, op, method, target, body)
	}
	addInj := func(code int, what string) way {
		return v11err(code, what, "addCustomerV11", "POST", addPath, add(`"mobile":"447700900901"`))
	}
	getInj := func(code int, what string) way {
		return v11err(code, what, "getCustomersV11", "GET", getTom, "")
	}
	v11warn := func(code int, what string) way {
		return injected(code, "v1.1, v2", what, "getCustomersV11", "GET", getTom, "")
	}
	v2Inj := func(code int, what, op, method, target, body string) way {
		return injected(code, "v2", what, op, method, target, body)
	}
	return []way{
		natural(100, "v1.1", "referrals POST: each invitee added", "POST", "/v1.1/customer/referrals?format=json", referral("12511", "EMAIL", "huck@example.com")),
		natural(200, "v1.1", "every item succeeded", "GET", getTom, ""),
		natural(201, "v1.1", "some items failed: get of a known and an unknown mobile", "GET", "/v1.1/customer/get?mobile=44700900000,447700999999&format=json", ""),
		natural(400, "v1.1, v2", "a request that cannot be read: transactions without an identifier", "GET", "/v1.1/customer/transactions?limit=2&format=json", ""),
		{code: 401, api: "v1.1, v2", what: "no credentials", method: "GET", target: getTom, headers: []string{"Authorization", "-"}},
		getInj(402, "API version not supported: the real gateway's; no request reaches it"),
		natural(404, "v1.1", "an unknown path", "GET", "/v1.1/customer/nothing?format=json", ""),
		natural(405, "v1.1", "a method the path does not take", "DELETE", "/v1.1/customer/get.json", ""),
		getInj(406, "operation not supported: the real gateway's"),
		getInj(407, "unknown error: an internal failure"),
		getInj(408, "network MAC id mismatch: the real gateway's"),
		natural(500, "v1.1, v2", "every item failed: get of an unknown mobile", "GET", "/v1.1/customer/get?mobile=447700999999&format=json", ""),
		v2Inj(521, "another action runs on the customer: concurrency inside the real API", "lookupCustomer", "GET", lookupHuck, ""),
		natural(618, "v1.1", "update (or add, update_identity) of a customer marked as fraud: the fixtures' Injun Joe, whose get shows fraud_details CONFIRMED", "POST", "/v1.1/customer/update?format=json", add(`"mobile":"447009500003","firstname":"Joe"`)),
		v2Inj(814, "no results found", "lookupCustomer", "GET", lookupHuck, ""),
		getInj(816, "customer not found for the org"),
		natural(1000, "v1.1", "success of add, update, get, notes, coupons, preferences, referrals, subscriptions, interaction", "GET", getTom, ""),
		natural(1001, "v1.1", "add with an invalid mobile", "POST", addPath, add(`"mobile":"12ab"`)),
		natural(1002, "v1.1", "add with an invalid email", "POST", addPath, add(`"email":"not-an-email"`)),
		natural(1003, "v1.1", "add with an external id over 250 characters", "POST", addPath, add(`"external_id":"`+strings.Repeat("x", 251)+`"`)),
		addInj(1004, "store population failed: an internal failure"),
		addInj(1005, "mobile registration failed: an internal failure"),
		{code: 1006, api: "v1.1", what: "add registering a customer without a mobile, in an org whose org.json sets mobileRequired (the fixtures' org does not)",
			method: "POST", target: addPath, body: add(`"email":"no.mobile@example.com"`), org: `{"mobileRequired": true}`},
		natural(1007, "v1.1", "add without mobile, email or external id", "POST", addPath, add(`"firstname":"Nobody"`)),
		addInj(1008, "external id registration failed: an internal failure"),
		addInj(1009, "MLM add failed: an internal failure"),
		addInj(1010, "points update failed: an internal failure"),
		natural(1011, "v1.1", "get of an unknown user id", "GET", "/v1.1/customer/get?id=99&format=json", ""),
		natural(1012, "v1.1", "get of an unknown mobile, email or external id", "GET", "/v1.1/customer/get?mobile=447700999999&format=json", ""),
		natural(1013, "v1.1", "update_identity of a non-loyalty customer", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"email","old_value":"ann.lee@example.com","new_value":"ann@example.com"`)),
		addInj(1014, "already registered: add updates a registered customer instead"),
		natural(1015, "v1.1", "get without an identifier (status)", "GET", "/v1.1/customer/get?user_id=true&format=json", ""),
		natural(1016, "v1.1", "add with another customer's email", "POST", addPath, add(`"mobile":"44700900999","email":"tom.sawyer@example.com"`)),
		natural(1017, "v1.1", "add with a custom field the org lacks (a warning)", "POST", addPath, add(`"mobile":"447700900556","custom_fields":{"field":[{"name":"Hobbies","value":"x"}]}`)),
		addInj(1018, "custom field update failed: an internal failure"),
		addInj(1019, "email only without mobile or external id: an org setting the fixtures' org lacks"),
		addInj(1020, "not registered for loyalty: a validation-code flow capsim does not simulate"),
		addInj(1021, "invalid validation code: a validation-code flow capsim does not simulate"),
		addInj(1023, "loyalty registration failed: an internal failure"),
		v11err(1024, "profile update failed: an internal failure", "updateCustomerV11", "POST", "/v1.1/customer/update?format=json", add(tom+`,"firstname":"Tom"`)),
		v11err(1025, "update_identity whose old value the customer's v1.1 profile does not hold (every fixture customer's does)", "updateCustomerIdentityV11", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"`)),
		v11err(1026, "optional fields of an identity change do not match", "updateCustomerIdentityV11", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"`)),
		v11err(1027, "invalid verification field of an identity change", "updateCustomerIdentityV11", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"`)),
		natural(1028, "v1.1", "notes GET of a customer without notes", "GET", "/v1.1/customer/notes?mobile=44700900888&format=json", ""),
		v11err(1029, "the org has no preference fields (natural with such an org.json)", "getCustomerPreferencesV11", "GET", "/v1.1/customer/preferences?mobile=44700900000&format=json", ""),
		natural(1030, "v1.1", "preferences POST where no field is a preference field", "POST", "/v1.1/customer/preferences?format=json", one("customer", tom+`,"custom_fields":{"field":{"name":"Shoe size","value":"9"}}`)),
		natural(1031, "v1.1", "preferences GET of a customer without preferences", "GET", "/v1.1/customer/preferences?mobile=44700900888&format=json", ""),
		natural(1032, "v1.1", "update_identity to another customer's mobile", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"mobile","old_value":"44700900000","new_value":"44700900999"`)),
		natural(1033, "v1.1", "add with another customer's external id", "POST", addPath, add(`"mobile":"44700900999","external_id":"ts-17742"`)),
		natural(1034, "v1.1", "add with registered_on before 1900", "POST", addPath, add(`"mobile":"447700900558","registered_on":"1899-12-31 23:59:59"`)),
		natural(1035, "v1.1", "preferences POST where some fields are not preference fields", "POST", "/v1.1/customer/preferences?format=json", one("customer", tom+`,"custom_fields":{"field":[{"name":"likes","value":"Hats"},{"name":"Shoe size","value":"9"}]}`)),
		natural(1036, "v1.1", "notes POST where some notes are bad", "POST", "/v1.1/customer/notes?format=json", one("customer", `"mobile":"44700900888","notes":{"note":[{"date":"2020-01-01 10:00:00","description":"ok"},{"date":"2020-01-01","description":""}]}`)),
		natural(1037, "v1.1", "notes POST where every note is bad", "POST", "/v1.1/customer/notes?format=json", one("customer", `"mobile":"44700900888","notes":{"note":{"date":"someday","description":"x"}}`)),
		addInj(1038, "external id registration failed: an internal failure"),
		addInj(1039, "email required: an org setting the fixtures' org lacks"),
		natural(1040, "v1.1", "update_identity recorded", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"email","old_value":"tom.sawyer@example.com","new_value":"tom@example.com"`)),
		natural(1041, "v1.1", "update_identity of an identifier that is not mobile, email or external_id", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"wechat","old_value":"a","new_value":"b"`)),
		natural(1042, "v1.1", "update_identity to an invalid mobile", "POST", "/v1.1/customer/update_identity?format=json", one("customer", `"identifier":"mobile","old_value":"44700900000","new_value":"12"`)),
		addInj(1043, "external id required: an org setting the fixtures' org lacks"),
		getInj(1044, "no permission to view: till permissions capsim does not simulate"),
		natural(1045, "v1.1", "add a non-loyalty customer with an external id only", "POST", addPath, add(`"external_id":"NL-1","type":"NOT_INTERESTED"`)),
		natural(1046, "v1.1", "add turning a loyalty customer non-loyalty", "POST", addPath, add(`"mobile":"44700900000","type":"NON_LOYALTY"`)),
		addInj(1047, "primary identifier does not match the others: an org setting the fixtures' org lacks"),
		addInj(1048, "email required for loyalty: an org setting the fixtures' org lacks"),
		addInj(1049, "external id required for loyalty: an org setting the fixtures' org lacks"),
		{code: 1050, api: "v1.1", what: "recommendations fetched: capsim serves no recommendations operation"},
		getInj(1051, "no transactions or recommendations"),
		natural(1052, "v1.1", "transactions fetched", "GET", "/v1.1/customer/transactions?mobile=44700900000&format=json", ""),
		natural(1053, "v1.1", "preferences POST naming an unknown store", "POST", "/v1.1/customer/preferences?format=json", one("customer", tom+`,"store":{"code":"nowhere"}`)),
		natural(1060, "v1.1", "more than one item to update_identity (Batch Support: No), or more than --batch-limit items", "POST", "/v1.1/customer/update_identity?format=json", `{"root":{"customer":[{"identifier":"email","old_value":"a@example.com","new_value":"b@example.com"},{"identifier":"email","old_value":"c@example.com","new_value":"d@example.com"}]}}`),
		{code: 1061, api: "v1.1", what: "recommendations fetched: capsim serves no recommendations operation"},
		getInj(1062, "invalid test/control status: an internal failure"),
		addInj(1086, "points processing failed: an internal failure"),
		addInj(1087, "points processing failed: an internal failure"),
		addInj(1088, "points issue failed: an internal failure"),
		addInj(1089, "points processing failed: an internal failure"),
		addInj(1090, "points processing failed: an internal failure"),
		addInj(1091, "points processing failed: an internal failure"),
		addInj(1092, "points processing failed: an internal failure"),
		addInj(1093, "points processing failed: an internal failure"),
		addInj(1094, "points processing failed: an internal failure"),
		addInj(1095, "points processing failed: an internal failure"),
		addInj(1096, "points processing failed: an internal failure"),
		addInj(1097, "points processing failed: an internal failure"),
		addInj(1098, "points processing failed: an internal failure"),
		addInj(1099, "points processing failed: an internal failure"),
		natural(1101, "v1.1", "subscriptions POST with an unknown channel", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"fax","priority":"trans","is_subscribed":"1"`)),
		natural(1101, "v2", "promotion/issue with an unknown program", "POST", issueForJim, `{"programId": 4690, "promotionId": 57099}`),
		natural(1102, "v1.1", "subscriptions POST with an unknown priority", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"urgent","is_subscribed":"1"`)),
		natural(1103, "v1.1", "subscriptions POST with a scope other than all", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"bulk","scope":"points","is_subscribed":"1"`)),
		natural(1104, "v1.1", "subscriptions POST without an identifier", "POST", "/v1.1/customer/subscriptions?format=json", sub(`"channel":"sms","priority":"bulk","is_subscribed":"1"`)),
		natural(1105, "v1.1", "subscriptions POST with several scopes", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"bulk","scope":"all,coupons","is_subscribed":"1"`)),
		natural(1106, "v1.1", "subscriptions POST with is_subscribed not 0 or 1", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"bulk","is_subscribed":"yes"`)),
		natural(1107, "v1.1", "subscriptions POST with a bad campaign_id", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"bulk","is_subscribed":"1","campaign_id":"abc"`)),
		natural(1108, "v1.1", "subscriptions POST with a bad outbox_id", "POST", "/v1.1/customer/subscriptions?format=json", sub(tom+`,"channel":"sms","priority":"bulk","is_subscribed":"1","outbox_id":"-4"`)),
		v11err(1109, "subscription failed: a customer without mobile, email or subscription (none in the fixtures)", "getCustomerSubscriptionsV11", "GET", "/v1.1/customer/subscriptions?mobile=44700900000&format=json", ""),
		natural(1110, "v1.1", "subscriptions POST for a channel the customer has no identifier for", "POST", "/v1.1/customer/subscriptions?format=json", sub(`"email":"ann.lee@example.com","channel":"sms","priority":"bulk","is_subscribed":"1"`)),
		natural(1150, "v1.1", "transactions of an unknown store", "GET", "/v1.1/customer/transactions?mobile=44700900000&store_code=nowhere&format=json", ""),
		natural(1202, "v1.1", "referrals POST with an unknown campaign token", "POST", "/v1.1/customer/referrals?format=json", referral("999", "EMAIL", "a@example.com")),
		natural(1203, "v1.1", "referrals POST to an inactive campaign", "POST", "/v1.1/customer/referrals?format=json", referral("12512", "EMAIL", "a@example.com")),
		natural(1204, "v1.1", "referrals GET of a customer the campaign does not take", "GET", "/v1.1/customer/referrals?email=ann.lee@example.com&campaign_token=12513&format=json", ""),
		natural(1205, "v1.1", "referrals GET of a customer who referred no one", "GET", "/v1.1/customer/referrals?mobile=44700900999&format=json", ""),
		natural(1206, "v1.1", "referrals POST of a type the campaign does not take", "POST", "/v1.1/customer/referrals?format=json", referral("12511", "WHATSAPP", "a@example.com")),
		natural(1212, "v2", "promotion/issue with a bad type", "POST", issueForJim+"&type=USERGROUP2", welcome),
		v11err(1222, "referral system error: an internal failure", "getCustomerReferralsV11", "GET", "/v1.1/customer/referrals?mobile=44700900000&format=json", ""),
		natural(1300, "v1.1", "ticket added or retrieved", "GET", "/v1.1/customer/tickets?mobile=44700900999&format=json", ""),
		natural(1301, "v1.1", "ticket with the subject of one still open", "POST", "/v1.1/customer/tickets?format=json", ticket(`"subject":"Product Damaged"`)),
		natural(1302, "v1.1", "ticket with an unknown priority", "POST", "/v1.1/customer/tickets?format=json", ticket(`"subject":"x","priority":"urgent"`)),
		natural(1303, "v1.1", "ticket with an empty subject", "POST", "/v1.1/customer/tickets?format=json", ticket(`"subject":" "`)),
		natural(3217, "v2", "register with an unknown source", "POST", "/v2/customers?source=MOON", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000009"}]}]}`),
		natural(8001, "v2", "lookup without source", "GET", "/v2/customers/lookup?identifierName=mobile&identifierValue=919111111111", ""),
		natural(8002, "v2", "lookup without identifierName", "GET", "/v2/customers/lookup?source=INSTORE&identifierValue=919111111111", ""),
		natural(8003, "v2", "update without source", "PUT", "/v2/customers/17742", `{"profiles":[{"firstName":"Tom"}]}`),
		natural(8004, "v2", "register without source", "POST", "/v2/customers", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000008"}]}]}`),
		natural(8005, "v2", "register without identifiers", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"firstName":"Nobody"}]}`),
		natural(8006, "v2", "register an identifier that exists in the same source", "POST", r8006t, r8006b),
		natural(8007, "v2", "changeIdentifier adding one the profile has", "POST", ci418, ciAdd("wechat", "ray10")),
		natural(8008, "v2", "changeIdentifier adding another customer's identifier in the same source", "POST", ci418, ciAdd("wechat", "ojOPTwFOX-aBmdRlE9MHptPjt2w19")),
		natural(8009, "v2", "update of an unknown customer", "PUT", "/v2/customers/999999999?source=INSTORE", `{"profiles":[{"firstName":"Tom"}]}`),
		natural(8010, "v2", "register with an unknown comm channel", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000002"}],"commChannels":[{"type":"fax","value":"123"}]}]}`),
		natural(8011, "v2", "lookup with an unknown source", "GET", "/v2/customers/lookup?source=MOON&identifierName=mobile&identifierValue=919111111111", ""),
		natural(8012, "v2", "get with an unknown source", "GET", "/v2/customers/17742?source=MOON", ""),
		natural(8013, "v2", "lookup with an unknown identifierName", "GET", "/v2/customers/lookup?source=INSTORE&identifierName=shoe&identifierValue=1", ""),
		natural(8014, "v2", "register with an invalid mobile", "POST", r8014t, r8014b),
		natural(8015, "v2", "lookup of an unknown customer", "GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=10000000001", ""),
		natural(8016, "v2", "get without source", "GET", "/v2/customers/17742", ""),
		natural(8017, "v2", "register with a registration date before 1900", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000005"}]}],"attributionV2":{"createDate":"1899-12-31T10:00:00+05:30"}}`),
		natural(8018, "v2", "update turning a loyalty customer non-loyalty", "PUT", "/v2/customers/17742?source=INSTORE", `{"loyaltyInfo":{"loyaltyType":"non_loyalty"}}`),
		v2Inj(8026, "the customer was deleted for PII: capsim deletes no one", "registerCustomer", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000020"}]}]}`),
		v2Inj(8028, "seems already registered: capsim finds the customer instead", "registerCustomer", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000021"}]}]}`),
		natural(8045, "v2", "register in LINE, WECHAT or FACEBOOK without accountId", "POST", "/v2/customers?source=LINE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000001"}]}]}`),
		natural(8050, "v2", "register a customer of another source (a warning)", "POST", r8050t, r8050b),
		natural(8051, "v2", "changeIdentifier merging into the customer holding the identifier (a warning)", "POST", "/v2/customers/{id}/changeIdentifier?source=ECOMMERCE", `{"add":[{"type":"mobile","value":"44700900000"}]}`, mergeVictim),
		v2Inj(8052, "conflicting customers on add (a warning): capsim refuses with 8053 instead", "registerCustomer", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000022"}]}]}`),
		natural(8053, "v2", "register identifiers of two customers", "POST", r8053t, r8053b),
		v2Inj(8054, "account id not passed (a warning)", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		natural(8055, "v2", "register with an invalid email", "POST", r8055t, r8055b),
		natural(8056, "v2", "changeIdentifier adding an invalid mobile", "POST", ci418, ciAdd("mobile", "91-922")),
		natural(8057, "v2", "register with an invalid email comm channel", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000003"}],"commChannels":[{"type":"email","value":"not-an-email"}]}]}`),
		natural(8058, "v2", "register with an invalid mobile comm channel", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000004"}],"commChannels":[{"type":"mobile","value":"12ab"}]}]}`),
		v2Inj(8059, "search index push failed (a warning): an internal failure", "registerCustomer", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000023"}]}]}`),
		v2Inj(8062, "points fetch failed (a warning): an internal failure", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE&embed=points", ""),
		v2Inj(8063, "segmentation fetch failed (a warning): an internal failure", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		natural(8064, "v2", "register with an external id over 250 characters", "POST", r8064t, r8064b),
		natural(8065, "v2", "lookup of a customer found only in another source", "GET", "/v2/customers/lookup?source=ECOMMERCE&identifierName=mobile&identifierValue=919111111111", ""),
		v2Inj(8066, "user id used in the source: an internal failure", "registerCustomer", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000024"}]}]}`),
		v2Inj(8067, "merge already done", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray77")),
		natural(8069, "v2", "update of a merged customer", "PUT", "/v2/customers/{id}?source=ECOMMERCE", `{"profiles":[{"firstName":"Vic"}]}`, mergeVictim, mergeIt),
		v2Inj(8070, "no valid identifier change (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray78")),
		v2Inj(8071, "mobile already attached (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray79")),
		v2Inj(8072, "email already attached (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray80")),
		v2Inj(8073, "external id already attached (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray81")),
		v2Inj(8074, "identifier in several sources (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray82")),
		v2Inj(8075, "primary identifier mismatch (a warning)", "changeCustomerIdentifier", "POST", ci418, ciAdd("wechat", "ray83")),
		natural(8077, "v2", "register associated with an unknown till (a warning)", "POST", "/v2/customers?source=INSTORE", `{"profiles":[{"identifiers":[{"type":"mobile","value":"447100000010"}]}],"associatedWith":"noSuchTill"}`),
		v2Inj(8089, "not a loyalty customer: capsim answers 8890 on promotion/issue", "issuePromotion", "POST", issueForJim, welcome),
		v2Inj(8091, "get without account id", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		v2Inj(8092, "get without identifier type", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		v2Inj(8093, "get without identifier value", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		natural(8100, "v2", "search with a negative offset", "GET", "/v2/customers/search?q=tom&offset=-1", ""),
		natural(8101, "v2", "search with limit 0", "GET", "/v2/customers/search?q=tom&limit=0", ""),
		natural(8102, "v2", "search with limit over 100", "GET", "/v2/customers/search?q=tom&limit=101", ""),
		v11err(8109, "customer deleted for PII (v1.1 item): capsim deletes no one", "getCustomersV11", "GET", getTom, ""),
		natural(8112, "v2", "retroRequest with an impossible startDate", "GET", retro+"?startDate=2019-02-30", ""),
		natural(8113, "v2", "retroRequest with an impossible endDate", "GET", retro+"?endDate=2019-02-30", ""),
		natural(8115, "v2", "retroRequest with startDate after endDate", "GET", retro+"?startDate=2019-04-01&endDate=2019-02-01", ""),
		v2Inj(8120, "too many customer ids: a bulk operation capsim does not serve", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		v2Inj(8127, "invalid source or account", "getCustomer", "GET", "/v2/customers/17742?source=INSTORE", ""),
		natural(8874, "v2", "promotion/issue of an unknown promotion", "POST", issueForJim, `{"programId": 469, "promotionId": 1}`),
		v2Inj(8881, "promotion parameters missing: capsim answers 11013", "issuePromotion", "POST", issueForJim, welcome),
		natural(8890, "v2", "promotion/issue past its limit, inactive, or to a non-loyalty customer (a warning)", "POST", issueForJim, `{"programId": 469, "promotionId": 57101}`),
		v2Inj(8892, "promotion inactive: capsim answers warning 8890", "issuePromotion", "POST", issueForJim, welcome),
		v2Inj(8896, "promotion issue failed: an internal failure", "issuePromotion", "POST", issueForJim, welcome),
		v2Inj(8899, "user group not allowed", "issuePromotion", "POST", issueForJim, welcome),
		v2Inj(8901, "invalid bulk entity type: a bulk operation capsim does not serve", "issuePromotion", "POST", issueForJim, welcome),
		v2Inj(8902, "bulk action not supported: a bulk operation capsim does not serve", "issuePromotion", "POST", issueForJim, welcome),
		addInj(10001, "customer add failed: an internal failure"),
		v11err(10002, "customer update failed: an internal failure", "updateCustomerV11", "POST", "/v1.1/customer/update?format=json", add(tom+`,"firstname":"Tom"`)),
		natural(11013, "v2", "promotion/issue without identifierValue", "POST", "/v2/promotion/issue?identifierName=mobile&source=INSTORE", welcome),
		v11warn(91001, "point details unavailable: an internal failure"),
		v11warn(91002, "subscription details unavailable: an internal failure"),
		v11warn(91003, "validation failed: an internal failure"),
		v11warn(91004, "segmentation details unavailable: an internal failure"),
		natural(91005, "v1.1, v2", "update giving the customer another mobile (the primary key)", "POST", "/v1.1/customer/update?format=json", add(`"id":"17742","mobile":"447700900560"`)),
		natural(91006, "v1.1, v2", "add giving a customer another external id", "POST", addPath, add(`"mobile":"44700900000","external_id":"XYPZ001"`)),
		natural(91007, "v1.1, v2", "update with another customer's email", "POST", "/v1.1/customer/update?format=json", add(`"mobile":"919222222222","email":"tom.sawyer@example.com"`)),
		natural(91009, "v1.1, v2", "get by the id of a merged customer", "GET", "/v1.1/customer/get?id={id}&format=json", "", mergeVictim, mergeIt),
		natural(91010, "v1.1, v2", "get asking for membership_retention_criteria of a customer above the lowest slab: capsim's programs configure no downgrade strategy", "GET", "/v1.1/customer/get?mobile=44700900000&membership_retention_criteria=true&format=json", ""),
		natural(91011, "v1.1, v2", "get asking for membership_retention_criteria of a customer in the lowest slab", "GET", "/v1.1/customer/get?mobile=44700900999&membership_retention_criteria=true&format=json", ""),
		natural(91012, "v1.1, v2", "get asking for next_slab of a customer in the highest slab (Polly Sawyer, Platinum)", "GET", "/v1.1/customer/get?mobile=447009500002&next_slab=true&format=json", ""),
		v11warn(91013, "tier upgrade criteria not met"),
		v11warn(91014, "tier renewal criteria not met"),
		natural(91015, "v1.1, v2", "add with an extended field the org lacks", "POST", addPath, add(`"mobile":"447700900557","extended_fields":{"field":[{"name":"color","value":"black"}]}`)),
		natural(91016, "v1.1, v2", "subscriptions GET filtered on channel WECHAT for a customer without a WECHAT profile", "GET", "/v1.1/customer/subscriptions?mobile=44700900999&channel=WECHAT&format=json", ""),
		natural(91017, "v1.1, v2", "subscriptions GET filtered on channel ANDROID or IOS (app push) for a customer without a WEB_ENGAGE profile", "GET", "/v1.1/customer/subscriptions?mobile=44700900999&channel=ANDROID&format=json", ""),
		v11warn(91018, "WeChat notifications unavailable"),
		v11warn(91019, "WebEngage notifications unavailable"),
		{code: 91020, api: "v1.1, v2", what: "add registering a customer as a till the org does not have (--auth any)", method: "POST", target: addPath,
			body: add(`"mobile":"447700900903"`), headers: []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("no.such.till:"+auth.MD5Hex("x")))}},
		{code: 91021, api: "v1.1, v2", what: "add attributed (X-CAP-API-ATTRIBUTION-ENTITY-CODE) to a till the org does not have", method: "POST", target: addPath,
			body: add(`"mobile":"447700900904"`), headers: []string{"X-CAP-API-ATTRIBUTION-ENTITY-CODE", "no.such.till"}},
		natural(91022, "v1.1, v2", "add with a subscription of an unknown channel", "POST", addPath, add(`"mobile":"447700900559","subscriptions":{"subscription":[{"channel":"fax","priority":"bulk","scope":"all","is_subscribed":"0"}]}`)),
	}
}()

// allWays returns codeWays and the ways of the earn-and-burn families, whose
// handlers keep their ways in files of their own.
func allWays() []way {
	var out []way
	for _, ws := range [][]way{codeWays, transactionWays, pointsWays, couponWays, v2TransactionWays} {
		out = append(out, ws...)
	}
	return out
}

// TestCodeWays covers every code of the catalogue with a way, and proves
// each: a natural code by its request, an injected one by a one-rule
// scenario. Where the scenario engine cannot inject a code yet (warnings,
// or codes the operation's contract does not declare), the case is skipped
// with the engine's reason, and runs as soon as the engine takes it.
func TestCodeWays(t *testing.T) {
	t.Parallel()
	ways := allWays()
	covered := map[int]bool{}
	for _, w := range ways {
		covered[w.code] = true
	}
	for _, c := range simulator.Codes() {
		if n := c.Number(); !covered[n] {
			t.Errorf("code %d (%s) has no way in codeWays or its family's ways", n, c)
		}
	}
	// One simulator, back to the fixtures before each way: a reset takes
	// milliseconds, a new simulator a good part of a second.
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	servers := map[string]*simtest.Server{"": s} // by way.org
	// A simulator opened for a way's org serves every way with that org:
	// it lives as long as the whole test, not the way that opened it.
	parent := t
	for _, w := range ways {
		name := fmt.Sprintf("%d %s", w.code, w.api)
		t.Run(name, func(t *testing.T) {
			if w.target == "" {
				t.Skipf("%d: no operation of capsim can answer it (%s)", w.code, w.what)
			}
			s := servers[w.org]
			if s == nil {
				s = simtest.MustOpenServer(parent, simtest.WithCustomers(0), withOrg(t, w.org))
				servers[w.org] = s
			}
			s.T = t
			if err := s.Store.Reset(""); err != nil {
				t.Fatal(err)
			}
			id := ""
			for _, call := range w.setup {
				method, rest, _ := strings.Cut(call, " ")
				target, body, _ := strings.Cut(rest, " ")
				res := s.Do(method, strings.ReplaceAll(target, "{id}", id), body)
				var created struct {
					CreatedID int64 `json:"createdId"`
				}
				if json.Unmarshal(res.Body, &created) == nil && created.CreatedID != 0 {
					id = strconv.FormatInt(created.CreatedID, 10)
				}
			}
			headers := append([]string(nil), w.headers...)
			if w.inject != "" {
				scen := fmt.Sprintf("name: way-%d\nrules:\n  - match: {operation: %s}\n    answer: {code: %d}\n", w.code, w.inject, w.code)
				res := s.Do("POST", "/__admin/scenarios", scen)
				if res.Status != 201 {
					t.Skipf("%d: the scenario engine cannot inject it yet: %s", w.code, refusal(res.Body))
				}
				headers = append(headers, "X-Capsim-Scenario", fmt.Sprintf("way-%d", w.code))
			}
			var body any
			if w.body != "" {
				body = strings.ReplaceAll(w.body, "{id}", id)
				headers = append(headers, "Content-Type", "application/json")
			}
			res := s.Do(w.method, strings.ReplaceAll(w.target, "{id}", id), body, headers...)
			if !carries(res.Body, w.code) {
				t.Fatalf("%s %s does not carry %d:\n%s", w.method, w.target, w.code, res.Body)
			}
		})
	}
	var b bytes.Buffer
	writeCodeTable(&b)
	const page = "../../docs/codes.md"
	readme, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := []byte("<!-- code table: begin -->\n"), []byte("<!-- code table: end -->")
	i, j := bytes.Index(readme, begin), bytes.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no code table markers", page)
	}
	got := readme[i+len(begin) : j]
	if *updateReadme {
		out := append(append(append([]byte(nil), readme[:i+len(begin)]...), b.Bytes()...), readme[j:]...)
		if err := os.WriteFile(page, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Fatalf("%s's code table is out of date (run go test ./simulator/server/ -run TestCodeWays -update)", page)
	}
}

// withOrg returns the option giving a simulator the fixtures with the keys
// of the JSON object org replacing those of org.json.
func withOrg(t *testing.T, org string) simtest.Option {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(fixtures.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fixtures.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	var base, patch map[string]json.RawMessage
	if err := json.Unmarshal(fsys[fixture.OrgFile].Data, &base); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(org), &patch); err != nil {
		t.Fatalf("way org %s: %v", org, err)
	}
	for k, v := range patch {
		base[k] = v
	}
	b, err := json.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	fsys[fixture.OrgFile] = &fstest.MapFile{Data: b}
	return func(o *server.Options) { o.Fixtures = fsys }
}

// carries reports whether body carries code as a status, item, error or
// warning code, in either API's envelope and either format.
func carries(body []byte, code int) bool {
	n := strconv.Itoa(code)
	re := regexp.MustCompile(`"code"\s*:\s*"?` + n + `"?[,\s}]|<code>` + n + `</code>|"` + n + `"|<warning>` + n + `</warning>`)
	return re.Match(body)
}

// refusal returns the reason in an admin refusal.
func refusal(body []byte) string {
	var v struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if json.Unmarshal(body, &v) == nil && len(v.Errors) > 0 {
		msg := v.Errors[0].Message
		if i := strings.Index(msg, ": code "); i >= 0 {
			msg = msg[i+2:]
		} else if i := strings.Index(msg, ": answer code "); i >= 0 {
			msg = msg[i+2:]
		}
		return msg
	}
	return string(body)
}

// writeCodeTable renders the ways (allWays) as docs/codes.md's table.
func writeCodeTable(b *bytes.Buffer) {
	ways := allWays()
	sort.SliceStable(ways, func(i, j int) bool { return ways[i].code < ways[j].code })
	b.WriteString("| code | API | way | when | request |\n|---|---|---|---|---|\n")
	for _, w := range ways {
		how, req := "request", ""
		switch {
		case w.target == "":
			how = "none"
		case w.inject != "":
			how = "scenario on `" + w.inject + "`"
		default:
			req = "`" + w.method + " " + w.target + "`"
			switch {
			case len(w.body) > 160:
				req += " (body in codes_reach_test.go)"
			case w.body != "":
				req += " `" + w.body + "`"
			}
			if len(w.setup) > 0 {
				req += ", {id} a customer merged into 17742"
			}
			for i := 0; i+1 < len(w.headers); i += 2 {
				if w.headers[i] != "Authorization" {
					req += ", header `" + w.headers[i] + ": " + w.headers[i+1] + "`"
				}
			}
			if w.org != "" {
				req += ", org.json with `" + w.org + "`"
			}
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s |\n", w.code, w.api, how, w.what, req)
	}
}
