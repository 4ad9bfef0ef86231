package v11_test

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// list returns the list at path under v ([] when absent).
func list(v any, path ...any) []any {
	l, _ := at(v, path...).([]any)
	return l
}

// strs returns field key of every element of l.
func strs(l []any, key string) []string {
	out := []string{}
	for _, e := range l {
		switch v := at(e, key).(type) {
		case string:
			out = append(out, v)
		case float64: // a field the type mode writes as a number
			out = append(out, strconv.FormatFloat(v, 'f', -1, 64))
		default:
			out = append(out, "")
		}
	}
	return out
}

// firstItem returns the first item of a history response.
func firstItem(t *testing.T, v map[string]any) any {
	t.Helper()
	items := historyItems(v)
	if len(items) == 0 {
		t.Fatalf("no items: %v", v)
	}
	return items[0]
}

func transactionIDs(t *testing.T, s *simtest.Server, query string) (ids []string, item any) {
	t.Helper()
	item = firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/transactions?mobile=44700900000&"+query, ""))
	return strs(list(item, "transactions", "transaction"), "id"), item
}

func sortedCopy(s []string, less func(a, b string) bool) []string {
	out := append([]string(nil), s...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

func TestTransactionsFilters(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	all, item := transactionIDs(t, s, "limit=100")
	if len(all) != 26 || at(item, "count") != 26.0 || at(item, "rows") != "26" {
		t.Fatalf("Tom: %d transactions, count %v, rows %v; want 26", len(all), at(item, "count"), at(item, "rows"))
	}
	times := strs(list(item, "transactions", "transaction"), "billing_time")
	if !sort.SliceIsSorted(times, func(i, j int) bool { return times[i] > times[j] }) {
		t.Fatalf("default order is not newest first: %v", times)
	}

	byNum := func(a, b string) bool { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x < y }
	asc := sortedCopy(all, byNum)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"default limit 10", "", all[:10]},
		{"limit", "limit=3", all[:3]},
		{"offset", "limit=4&offset=5", all[5:9]},
		{"offset past the end", "offset=30", []string{}},
		{"trans_id desc", "limit=100&sort=trans_id", sortedCopy(all, func(a, b string) bool { return byNum(b, a) })},
		{"trans_id asc", "limit=100&sort=trans_id&order=asc", asc},
		{"trans_date asc", "limit=100&order=asc", reversed(all)},
		{"sample window", "start_date=2016-12-21+23:45:45&end_date=2016-12-29+12:11:45", []string{"23622809", "23622808", "23622806"}},
		{"one day", "transaction_date=2016-12-26", []string{"23622808"}},
		{"number", "number=ANBDCGD", []string{"23622808"}},
		{"transaction_id", "transaction_id=23622806", []string{"23622806"}},
		{"id range", "start_id=23622806&end_id=23622809&sort=trans_id&order=asc", []string{"23622806", "23622808", "23622809"}},
		{"amount", "amount=2990", []string{"23622808"}},
		{"till", "till_code=cm.1&number=ANBDCGD", []string{"23622808"}},
		{"entity till", "entity_type=TILL&entity_code=cm.1&number=ANBDCGD", []string{"23622808"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, item := transactionIDs(t, s, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ids %v, want %v", got, tc.want)
			}
			if rows := at(item, "rows"); rows != strconv.Itoa(len(tc.want)) {
				t.Fatalf("rows %v, want %d", rows, len(tc.want))
			}
		})
	}

	// Store filters select exactly the transactions of that store.
	for _, q := range []string{"store_code=storecode", "store_id=12762390", "store_name=My+store", "entity_type=STORE&entity_code=storecode"} {
		_, item := transactionIDs(t, s, q+"&limit=100")
		txs := list(item, "transactions", "transaction")
		if len(txs) == 0 || len(txs) == 26 {
			t.Fatalf("%s: %d transactions", q, len(txs))
		}
		for _, st := range strs(txs, "store_code") {
			if st != "storecode" {
				t.Fatalf("%s: a transaction of store %q", q, st)
			}
		}
	}
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func TestGeneratedCustomersHaveHistory(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var ids []string
	for id := 1000000; id < 1000020; id++ {
		ids = append(ids, strconv.Itoa(id))
	}
	v := jsonCall(t, s, "GET", "/v1.1/customer/transactions?id="+strings.Join(ids, ","), "")
	withTx := 0
	for _, it := range historyItems(v) {
		if code, _ := itemCode(it); code != "1052" {
			t.Fatalf("generated customer %v: item code %s", at(it, "mobile"), code)
		}
		if n, _ := at(it, "count").(float64); n > 0 {
			withTx++
		}
	}
	if withTx < 15 {
		t.Fatalf("only %d of 20 generated customers have transactions", withTx)
	}
}

func TestRedemptionsFilters(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	get := func(q string) any {
		return firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/redemptions?mobile=44700900000&"+q, ""))
	}
	ids := func(it any, kind, one string) []string { return strs(list(it, "redemptions", kind, one), "id") }
	tests := []struct {
		query                  string
		points, coupons        []string
		pointsCount, couponsCt string
	}{
		{"", []string{"121615", "121614"}, []string{"3"}, "2", "1"},
		{"type=POINTS", []string{"121615", "121614"}, []string{}, "2", "0"},
		{"type=COUPONS", []string{}, []string{"3"}, "0", "1"},
		{"sort=redemption_id&order=asc", []string{"121614", "121615"}, []string{"3"}, "2", "1"},
		{"points_limit=1", []string{"121615"}, []string{"3"}, "2", "1"},
		{"limit=1&order=asc", []string{"121614"}, []string{"3"}, "2", "1"},
		{"points_start_id=121615", []string{"121615"}, []string{"3"}, "1", "1"},
		{"program_id=469", []string{"121614"}, []string{}, "1", "0"},
		{"start_date=2017-04-01", []string{}, []string{"3"}, "0", "1"},
	}
	for _, tc := range tests {
		it := get(tc.query)
		if p, c := ids(it, "points", "point"), ids(it, "coupons", "coupon"); !reflect.DeepEqual(p, tc.points) || !reflect.DeepEqual(c, tc.coupons) {
			t.Errorf("%s: points %v coupons %v, want %v %v", tc.query, p, c, tc.points, tc.coupons)
		}
		if at(it, "points_count") != tc.pointsCount || at(it, "coupons_count") != tc.couponsCt {
			t.Errorf("%s: counts %v/%v, want %s/%s", tc.query, at(it, "points_count"), at(it, "coupons_count"), tc.pointsCount, tc.couponsCt)
		}
	}
	if it := get(""); at(it, "user_id") != nil {
		t.Error("user_id without user_id=true")
	}
	if it := get("user_id=true"); at(it, "user_id") != "17742" {
		t.Errorf("user_id=true: user_id %v", at(it, "user_id"))
	}
}

func TestCouponsFilters(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t) // clock 2026-11-23
	codes := func(q string) []string {
		it := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/coupons?mobile=44700900000&"+q, ""))
		return strs(list(it, "coupons", "coupon"), "code")
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"833-tsflat100", "834-tsvoucher", "832-pghhi6u1"}},
		{"sort_order=asc", []string{"832-pghhi6u1", "834-tsvoucher", "833-tsflat100"}},
		{"order_by=valid_till&sort_order=asc", []string{"834-tsvoucher", "832-pghhi6u1", "833-tsflat100"}},
		{"order_by=amount", []string{"834-tsvoucher", "833-tsflat100", "832-pghhi6u1"}},
		{"status=active", []string{"833-tsflat100"}},
		{"status=expired", []string{"834-tsvoucher"}},
		{"status=redeemed", []string{"832-pghhi6u1"}},
		{"status=redeemed;expired", []string{"834-tsvoucher", "832-pghhi6u1"}},
		{"status=unredeemed", []string{"833-tsflat100", "834-tsvoucher"}},
		{"series_id=832", []string{"832-pghhi6u1"}},
		{"store_id=2234235", []string{"833-tsflat100"}},
		{"store_id=12762390", []string{}},
		{"start_date=2017-01-01&end_date=2017-12-31", []string{"834-tsvoucher", "832-pghhi6u1"}},
		{"limit=1&offset=1", []string{"834-tsvoucher"}},
	}
	for _, tc := range tests {
		if got := codes(tc.query); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	// Statuses follow the clock: the active coupon expires after 2030-12-31.
	s.Clock.Advance(24 * 365 * 5 * 3600 * 1e9)
	if got := codes("status=expired"); len(got) != 2 {
		t.Errorf("five years on: expired %v, want two", got)
	}
}

func TestInteractionFilters(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	get := func(q string) map[string]map[string]any {
		it := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/interaction?mobile=44700900000&"+q, ""))
		out := map[string]map[string]any{}
		for _, n := range list(it, "interactions", "network") {
			for _, in := range list(n, "interaction") {
				out[fmt.Sprint(at(n, "name"), "/", at(in, "type"))] = in.(map[string]any)
			}
		}
		return out
	}
	all := get("")
	want := map[string]string{"facebook/checkin": "1", "twitter/tweet": "10", "twitter/retweet": "5",
		"capillary/email": "1", "capillary/sms": "1", "capillary/survey": "5"}
	if len(all) != len(want) {
		t.Fatalf("types %v, want %v", all, want)
	}
	for k, n := range want {
		if all[k]["count"] != n {
			t.Errorf("%s: count %v, want %s", k, all[k]["count"], n)
		}
	}
	if got := get("network=twitter"); len(got) != 2 || got["twitter/tweet"] == nil {
		t.Errorf("network=twitter: %v", got)
	}
	surveys := get("type=survey&limit=2")["capillary/survey"]
	names := strs(list(surveys, "surveys", "survey"), "sent_time")
	if len(names) != 2 || surveys["count"] != "5" || names[0] != "2017-12-16 12:14:37" {
		t.Errorf("type=survey&limit=2: count %v, surveys %v", surveys["count"], names)
	}
	asc := strs(list(get("type=survey&order=asc&limit=1")["capillary/survey"], "surveys", "survey"), "sent_time")
	if !reflect.DeepEqual(asc, []string{"2017-11-20 12:56:55"}) {
		t.Errorf("order=asc: %v", asc)
	}
	if got := get("start_date=2017-12-01"); len(got) != 1 || got["capillary/survey"]["count"] != "4" {
		t.Errorf("start_date=2017-12-01: %v", got)
	}
}

func TestReferralsFilters(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	invitees := func(q string) []string {
		it := firstItem(t, jsonCall(t, s, "GET", "/v1.1/customer/referrals?mobile=44700900000&"+q, ""))
		var out []string
		for _, g := range list(it, "invitees", "referral_type") {
			out = append(out, strs(list(g, "invitee"), "identifier")...)
		}
		return out
	}
	if got := invitees(""); len(got) != 6 {
		t.Fatalf("all invitees: %v", got)
	}
	if got := invitees("store_code=store.code"); !reflect.DeepEqual(got, []string{"dexter.morgan@mpd.com", "919123456789"}) {
		t.Errorf("store_code=store.code: %v", got)
	}
	if got := invitees("limit=2"); len(got) != 2 {
		t.Errorf("limit=2: %v", got)
	}
	if got := invitees("sort_order=asc&limit=1"); !reflect.DeepEqual(got, []string{"eddard.stark@winterfell.com"}) {
		t.Errorf("sort_order=asc&limit=1: %v", got)
	}
	if got := invitees("start_date=2017-09-02"); len(got) != 2 {
		t.Errorf("start_date=2017-09-02: %v", got)
	}
}
