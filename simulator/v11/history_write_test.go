package v11_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

func expectCodes(t *testing.T, what string, v map[string]any, want ...string) {
	t.Helper()
	if got := itemCodes(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: item codes %v, want %v\n%v", what, got, want, v)
	}
}

func TestNotesWrittenThenRead(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			s := simtest.Shared(t)
			// The sample in either format, then read back in JSON.
			res := call(t, s, "POST", withFormat("/v1.1/customer/notes", f), sample(t, "history_notes_sample."+f))
			expectCodes(t, "POST", decode(t, s, "POST", "/v1.1/customer/notes", res), "1000")
			v := jsonCall(t, s, "GET", "/v1.1/customer/notes?mobile=44700900999&associate_id=443", "")
			expectCodes(t, "GET", v, "1000")
			notes := list(firstItem(t, v), "notes", "note")
			if got := strs(notes, "description"); !reflect.DeepEqual(got, []string{"Prefers email over SMS", "Likes Maggi"}) {
				t.Fatalf("notes of 443: %v", got)
			}
			if d := at(notes[1], "date"); d != "2016-05-05 15:15:00" {
				t.Fatalf("date %v", d)
			}
			if a := at(notes[1], "added_on"); a != "2026-11-23 10:00:00" {
				t.Fatalf("added_on %v, want the clock's time", a)
			}
		})
	}

	// A note naming an existing id replaces it.
	s := simtest.Shared(t)
	v := jsonCall(t, s, "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"44700900999","associate_id":"234","notes":{"note":{"id":"2","date":"2020-02-02","description":"No more birthday wishes"}}}}}`)
	expectCodes(t, "POST", v, "1000")
	notes := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/notes?mobile=44700900999&associate_id=234", "")), "notes", "note")
	if got := strs(notes, "description"); !reflect.DeepEqual(got, []string{"Like to play cricket", "No more birthday wishes", "nothing more"}) {
		t.Fatalf("after replacing note 2: %v", got)
	}
	// Joe has no notes (1028) until one is written.
	expectCodes(t, "before", jsonCall(t, s, "GET", "/v1.1/customer/notes?mobile=44700900888", ""), "1028")
	jsonCall(t, s, "POST", "/v1.1/customer/notes", `{"root":{"customer":{"mobile":"44700900888","notes":{"note":{"date":"2020-02-02","description":"First visit"}}}}}`)
	v = jsonCall(t, s, "GET", "/v1.1/customer/notes?mobile=44700900888", "")
	expectCodes(t, "after", v, "1000")
	if got := strs(list(firstItem(t, v), "notes", "note"), "id"); !reflect.DeepEqual(got, []string{"1"}) {
		t.Fatalf("Joe's note ids %v", got)
	}
}

func TestTicketsWrittenThenRead(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	v := jsonCall(t, s, "POST", "/v1.1/customer/tickets", sample(t, "history_tickets_sample.json"))
	expectCodes(t, "POST", v, "1300")
	code, _ := at(firstItem(t, v), "ticket", 0, "code").(string)
	if len(code) != 9 {
		t.Fatalf("ticket code %q", code)
	}
	got := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/tickets?mobile=44700900999&ticket_code="+code, ""))
	tk := list(got, "tickets", "ticket")
	if len(tk) != 1 || at(tk[0], "subject") != "points issue" || at(tk[0], "priority") != "HIGH" ||
		at(tk[0], "department") != "INTERNAL" || at(tk[0], "store") != "store.code" || at(tk[0], "created_on") != "2026-11-23 10:00:00" ||
		at(tk[0], "custom_fields", "field", 0, "value") != "value1" {
		t.Fatalf("read back %v", tk)
	}
	// The same subject again is a duplicate while the ticket is open.
	expectCodes(t, "again", jsonCall(t, s, "POST", "/v1.1/customer/tickets", sample(t, "history_tickets_sample.json")), "1301")

	filters := []struct {
		query string
		n     int
	}{
		{"", 2}, {"status=open", 2}, {"priority=HIGH&department=INTERNAL", 2}, {"reported_from=CLIENT", 1},
		{"start_date=2026-11-23", 1}, {"end_date=2020-01-01", 1}, {"limit=1", 1}, {"status=CLOSED", 0},
	}
	for _, tc := range filters {
		got := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/tickets?mobile=44700900999&"+tc.query, "")), "tickets", "ticket")
		if len(got) != tc.n {
			t.Errorf("%s: %d tickets, want %d", tc.query, len(got), tc.n)
		}
	}
	newest := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/tickets?mobile=44700900999&limit=1", "")), "tickets", "ticket")
	oldest := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/tickets?mobile=44700900999&limit=1&sort_order=asc", "")), "tickets", "ticket")
	if at(newest[0], "code") != code || at(oldest[0], "code") != "35t40ld04" {
		t.Errorf("newest %v, oldest %v", at(newest[0], "code"), at(oldest[0], "code"))
	}

	// Nothing of an item is written when one of its tickets fails.
	v = jsonCall(t, s, "POST", "/v1.1/customer/tickets", `{"root":{"customer":{"mobile":"44700900888","ticket":[{"subject":"fine"},{"subject":""}]}}}`)
	expectCodes(t, "half bad", v, "1303")
	if got := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/tickets?mobile=44700900888", "")), "tickets", "ticket"); len(got) != 0 {
		t.Fatalf("a failed item wrote %v", got)
	}
}

func TestReferralsWrittenThenRead(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	expectCodes(t, "before", jsonCall(t, s, "GET", "/v1.1/customer/referrals?mobile=44700900999", ""), "1205")
	body := strings.Replace(sample(t, "history_referrals_sample.xml"), "<mobile>44700900000</mobile>", "<mobile>44700900999</mobile>", 1)
	res := call(t, s, "POST", "/v1.1/customer/referrals", body)
	expectCodes(t, "POST", decode(t, s, "POST", "/v1.1/customer/referrals", res), "1000")
	// An invalid identifier is recorded as a failed invitation.
	v := jsonCall(t, s, "POST", "/v1.1/customer/referrals", `{"root":{"customer":{"email":"rita.john@example.com","referrals":{"referral_type":{"type":"MOBILE","referral":[{"identifier":"447700900111"},{"identifier":"not-a-number"}]}}}}}`)
	expectCodes(t, "POST mobile", v, "1000")
	st := list(firstItem(t, v), "referrals", "referral_type", 0, "referral")
	if at(st[0], "status", "code") != "100" || at(st[1], "status", "code") != "1042" || at(st[1], "status", "success") != "false" {
		t.Fatalf("invitee statuses %v", st)
	}

	got := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/referrals?mobile=44700900999&campaign_token=12511&limit=20", ""))
	if at(got, "referral_code") != "RIT6EF6PC" {
		t.Errorf("referral_code %v", at(got, "referral_code"))
	}
	groups := list(got, "invitees", "referral_type")
	if len(groups) != 2 || at(groups[0], "type") != "EMAIL" || at(groups[1], "type") != "MOBILE" {
		t.Fatalf("groups %v", groups)
	}
	emails := strs(list(groups[0], "invitee"), "identifier")
	if len(emails) != 3 || at(list(groups[0], "invitee")[0], "till", "code") != "cm.1" {
		t.Fatalf("EMAIL invitees %v", list(groups[0], "invitee"))
	}
	mobiles := list(groups[1], "invitee")
	if len(mobiles) != 2 || at(mobiles[1], "success") != "false" {
		t.Fatalf("MOBILE invitees %v", mobiles)
	}
	// Inviting someone again updates the invitation rather than adding one.
	call(t, s, "POST", "/v1.1/customer/referrals", body)
	again := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/referrals?mobile=44700900999&limit=20", ""))
	if n := len(list(again, "invitees", "referral_type", 0, "invitee")); n != 3 {
		t.Fatalf("after inviting again: %d EMAIL invitees, want 3", n)
	}
}

func TestPreferencesWrittenThenRead(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	expectCodes(t, "before", jsonCall(t, s, "GET", "/v1.1/customer/preferences?mobile=44700900888", ""), "1031")
	body := strings.Replace(sample(t, "history_preferences_sample.json"), `"mobile": "44700900000"`, `"mobile": "44700900888"`, 1)
	expectCodes(t, "POST", jsonCall(t, s, "POST", "/v1.1/customer/preferences", body), "1000")
	v := jsonCall(t, s, "GET", "/v1.1/customer/preferences?mobile=44700900888&user_id=true", "")
	expectCodes(t, "GET", v, "1000")
	item := firstItem(t, v)
	want := []any{
		map[string]any{"name": "Favorite Brand", "value": "[“puma”]"},
		map[string]any{"name": "Favorite Color", "value": "Blue"},
		map[string]any{"name": "PREFERRED_STORE", "value": "Test store"},
	}
	if got := list(item, "custom_fields", "field"); !reflect.DeepEqual(got, want) || at(item, "user_id") != "3879773" {
		t.Fatalf("read back %v (user_id %v)", got, at(item, "user_id"))
	}
	// The preferred store is the extended field v2 reads.
	res := s.Do("GET", "/v2/customers/3879773?source=INSTORE", nil)
	if !strings.Contains(string(res.Body), `"preferred_store"`) || !strings.Contains(string(res.Body), `"store.code"`) {
		t.Fatalf("v2 does not show preferred_store store.code:\n%s", res.Body)
	}
	// A later write changes one preference and keeps the others.
	jsonCall(t, s, "POST", "/v1.1/customer/preferences", `{"root":{"customer":{"mobile":"44700900888","custom_fields":{"field":{"name":"favorite color","value":"Red"}}}}}`)
	got := list(firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/preferences?mobile=44700900888", "")), "custom_fields", "field")
	if len(got) != 3 || at(got[1], "value") != "Red" {
		t.Fatalf("after the second write %v", got)
	}
}

// v1Subscription returns user_preference of channel/priority in a v1.1
// subscriptions read.
func v1Subscription(t *testing.T, s *simtest.Server, query, channel, priority string) string {
	t.Helper()
	item := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/subscriptions?"+query, ""))
	for _, ch := range list(item, "channel") {
		if at(ch, "name") != channel {
			continue
		}
		for _, p := range list(ch, "priority") {
			if at(p, "name") == priority {
				return at(p, "user_preference").(string)
			}
		}
	}
	return "absent"
}

// v2Subscription returns the type of channel/priority in v2's subscriptions read.
func v2Subscription(t *testing.T, s *simtest.Server, id, channel, priority string) string {
	t.Helper()
	res := s.Do("GET", "/v2/customers/"+id+"/subscriptions", nil)
	for _, sub := range list(res.JSON(), "subscriptions") {
		if at(sub, "channel") == channel && at(sub, "priority") == priority {
			return at(sub, "type").(string)
		}
	}
	return "absent"
}

func TestSubscriptionsCrossVersion(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	// Rita: EMAIL TRANS is OPTOUT in the fixtures.
	if got := v1Subscription(t, s, "mobile=44700900999", "EMAIL", "TRANS"); got != "UNSUBSCRIBED" {
		t.Fatalf("v1.1 before: %s", got)
	}
	// v1.1 writes, both read.
	v := jsonCall(t, s, "POST", "/v1.1/customer/subscriptions", `{"root":{"subscription":{"mobile":"44700900999","channel":"email","priority":"trans","scope":"all","is_subscribed":"1"}}}`)
	expectCodes(t, "v1.1 POST", v, "1000")
	if got := v1Subscription(t, s, "email=rita.john@example.com", "EMAIL", "TRANS"); got != "SUBSCRIBED" {
		t.Errorf("v1.1 after v1.1 write: %s", got)
	}
	if got := v2Subscription(t, s, "387020208", "EMAIL", "TRANS"); got != "OPTIN" {
		t.Errorf("v2 after v1.1 write: %s", got)
	}
	// v2 writes (MOBILE, which both read as SMS), v1.1 reads.
	res := s.Do("POST", "/v2/customers/387020208/subscriptions", `{"subscriptions":[{"channel":"MOBILE","priority":"BULK","type":"OPTOUT"},{"channel":"EMAIL","priority":"BULK","type":"OPTIN"}]}`)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	if got := v1Subscription(t, s, "id=387020208", "SMS", "BULK"); got != "UNSUBSCRIBED" {
		t.Errorf("v1.1 SMS BULK after v2 write: %s", got)
	}
	if got := v1Subscription(t, s, "id=387020208", "EMAIL", "BULK"); got != "SUBSCRIBED" {
		t.Errorf("v1.1 EMAIL BULK after v2 write: %s", got)
	}
	// The v1.1 sample opts Tom out of bulk email and SMS; v2 reads it.
	call(t, s, "POST", "/v1.1/customer/subscriptions", sample(t, "history_subscriptions_sample.xml"))
	for _, ch := range []string{"EMAIL", "SMS"} {
		if got := v2Subscription(t, s, "17742", ch, "BULK"); got != "OPTOUT" {
			t.Errorf("v2 %s BULK after the v1.1 sample: %s", ch, got)
		}
	}
	// Filters narrow the read; channels never set read NOT_SET.
	item := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/subscriptions?mobile=44700900000&channel=mobile&priority=bulk", ""))
	chans := list(item, "channel")
	if len(chans) != 1 || at(chans[0], "name") != "SMS" || len(list(chans[0], "priority")) != 1 {
		t.Errorf("channel=mobile&priority=bulk: %v", chans)
	}
	if got := v1Subscription(t, s, "mobile=44700900000", "ANDROID", "TRANS"); got != "NOT_SET" {
		t.Errorf("ANDROID: %s", got)
	}
}
