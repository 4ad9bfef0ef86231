package v11_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestGetMLP: mlp=true adds 008's per-program fields to points_summaries,
// gap_to_upgrade from the customer's cumulative purchases and the slab
// thresholds, as of gap_to_upgrade_for days from the clock, in both formats.
func TestGetMLP(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			s := simtest.Shared(t)
			res := call(t, s, "GET", withFormat("/v1.1/customer/get?mobile=44700900000&mlp=true&gap_to_upgrade_for=30", f), "")
			v := decode(t, s, "GET", "/v1.1/customer/get", res)
			var gold map[string]any
			for _, ps := range list(at(v, "response", "customers", "customer", 0), "points_summaries", "points_summary") {
				if m, _ := ps.(map[string]any); m["program_id"] == "469" {
					gold = m
				}
			}
			if gold == nil {
				t.Fatalf("no summary of program 469:\n%s", res.Body)
			}
			if gold["program_description"] == "" || gold["next_slab"] != "Platinum" || gold["slab_serial_number"] != "2" {
				t.Fatalf("program fields: %v", gold)
			}
			strategies := list(gold, "gap_to_upgrade", "upgrade_strategy")
			if len(strategies) != 1 {
				t.Fatalf("upgrade_strategy %v", at(gold, "gap_to_upgrade"))
			}
			vals := at(strategies[0], "customer_upgrade_entity_values")
			cum, _ := strconv.ParseFloat(gold["cumulative_purchases"].(string), 64)
			if got, want := at(vals, "gap_to_upgrade"), strconv.FormatFloat(50000-cum, 'f', -1, 64); got != want {
				t.Fatalf("gap_to_upgrade %v, want %s (threshold 50000, purchases %v)", got, want, cum)
			}
			if got := at(strategies[0], "upgrade_threshold"); got != "50000" {
				t.Fatalf("upgrade_threshold %v", got)
			}
			if got := at(vals, "value_valid_upto"); got != "2026-12-23" {
				t.Fatalf("value_valid_upto %v, want the clock's date + 30 days", got)
			}
		})
	}
	s := simtest.Shared(t)
	res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000&mlp=true&gap_to_upgrade_for=-1&format=json", nil)
	if code, msg := status(decode(t, s, "GET", "/v1.1/customer/get", res)); code != 400 || !strings.Contains(msg, "gap_to_upgrade_for") {
		t.Fatalf("negative gap_to_upgrade_for: status %d %q", code, msg)
	}
}

// TestGetLaterEditionOptions: the parameters of customer/get that 008 adds
// and 001 lacks, served from the customer's state in both formats, and the
// bad values refused with status 400.
func TestGetLaterEditionOptions(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, item any, warns []string)
	hasWarn := func(want ...string) check {
		return func(t *testing.T, _ any, warns []string) {
			if strings.Join(warns, ",") != strings.Join(want, ",") {
				t.Fatalf("warnings %v, want %v", warns, want)
			}
		}
	}
	programs := func(want ...string) check {
		return func(t *testing.T, item any, _ []string) {
			got := []string{}
			for _, ps := range list(item, "points_summaries", "points_summary") {
				got = append(got, fmt.Sprint(at(ps, "program_id")))
			}
			for _, r := range list(item, "expiry_schedule", "schedule") {
				if p := fmt.Sprint(at(r, "program_id")); p != want[0] {
					t.Fatalf("an expiry row of program %s", p)
				}
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("points_summaries of programs %v, want %v", got, want)
			}
		}
	}
	tests := []struct {
		name, query string
		checks      []check
	}{
		{"gap_to_renew: confirmed, no strategy, 91010 above the lowest slab", "mobile=44700900000&mlp=true&gap_to_renew_for=30", []check{
			hasWarn("91010"),
			func(t *testing.T, item any, _ []string) {
				for _, ps := range list(item, "points_summaries", "points_summary") {
					g := at(ps, "gap_to_renew")
					if at(g, "renew_confirmed") != "true" || at(g, "tier_expiry_date") == "" || len(list(g, "renew_strategy")) != 0 {
						t.Fatalf("gap_to_renew %v", g)
					}
				}
			}}},
		{"mlp without gap_to_renew_for: no warning", "mobile=44700900000&mlp=true", []check{hasWarn()}},
		{"tier_upgrade_criteria: the slab above with its threshold", "mobile=44700900000&tier_upgrade_criteria=true&program_id=469", []check{
			hasWarn(),
			func(t *testing.T, item any, _ []string) {
				cs := list(item, "tier_update_criteria", "criteria")
				if len(cs) != 1 || at(cs[0], "slab_name") != "Platinum" || at(cs[0], "threshold") != "50000" ||
					at(cs[0], "upgrade_based_on") != "PURCHASE" || at(cs[0], "current_value") != "150" {
					t.Fatalf("criteria %v", cs)
				}
			}}},
		{"tier_upgrade_criteria in the highest slab: none, 91012", "mobile=447009500002&tier_upgrade_criteria=true", []check{
			hasWarn("91012"),
			func(t *testing.T, item any, _ []string) {
				if cs := list(item, "tier_update_criteria", "criteria"); len(cs) != 0 {
					t.Fatalf("criteria %v", cs)
				}
			}}},
		{"user_group", "mobile=447009500002&user_group=true", []check{func(t *testing.T, item any, _ []string) {
			if g := at(item, "user_group"); at(g, "id") == nil || at(g, "primary_user_id") == nil {
				t.Fatalf("user_group %v", g)
			}
		}}},
		{"user_group of a customer in none", "mobile=44700900000&user_group=true", []check{func(t *testing.T, item any, _ []string) {
			if g := at(item, "user_group"); g != "" {
				t.Fatalf("user_group %v, want empty", g)
			}
		}}},
		{"program_id", "mobile=44700900000&points_summary=true&expiry_schedule=true&program_id=1223", []check{programs("1223")}},
		{"coupon_status and coupon_limit", "mobile=44700900999&coupon_status=active&coupon_limit=1&coupon_order_by=valid_till&coupon_sort_order=asc", []check{
			func(t *testing.T, item any, _ []string) {
				if cs := list(item, "coupons", "coupon"); len(cs) != 1 {
					t.Fatalf("coupons %v, want 1", at(item, "coupons"))
				}
			}}},
	}
	for _, tc := range tests {
		for _, f := range []string{"json", "xml"} {
			t.Run(tc.name+"."+f, func(t *testing.T) {
				s := simtest.Shared(t)
				res := call(t, s, "GET", withFormat("/v1.1/customer/get?"+tc.query, f), "")
				item := at(decode(t, s, "GET", "/v1.1/customer/get", res), "response", "customers", "customer", 0)
				code, warns := itemCode(item)
				if code != "1000" {
					t.Fatalf("item code %s\n%s", code, res.Body)
				}
				for _, c := range tc.checks {
					c(t, item, warns)
				}
			})
		}
	}
	for _, q := range []string{"gap_to_renew_for=-3", "program_id=424242", "coupon_limit=x", "coupon_order_by=amountx", "coupon_status=lost"} {
		s := simtest.Shared(t)
		res := s.Do("GET", "/v1.1/customer/get?mobile=44700900000&format=json&"+q, nil)
		name, _, _ := strings.Cut(q, "=")
		if code, msg := status(decode(t, s, "GET", "/v1.1/customer/get", res)); code != 400 || !strings.Contains(msg, name) {
			t.Fatalf("%s: status %d %q", q, code, msg)
		}
	}
}
