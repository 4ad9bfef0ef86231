package v11_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// TestGetMLP: mlp=true adds 008's per-program fields to points_summaries,
// gap_to_upgrade from the customer's cumulative purchases and the slab
// thresholds, as of gap_to_upgrade_for days from the clock, in both formats.
func TestGetMLP(t *testing.T) {
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
