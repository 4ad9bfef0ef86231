package v11_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

// expiryRows returns the expiry_schedule rows of program 469 in a
// customer/get answer, and the customer's loyalty_points.
func expiryRows(t *testing.T, s *simtest.Server, f string) (rows []map[string]any, points string) {
	t.Helper()
	res := call(t, s, "GET", withFormat("/v1.1/customer/get?mobile=44700900000&expiry_schedule=true", f), "")
	c := at(decode(t, s, "GET", "/v1.1/customer/get", res), "response", "customers", "customer", 0)
	for _, r := range list(c, "expiry_schedule", "schedule") {
		if m, _ := r.(map[string]any); fmt.Sprint(m["program_id"]) == "469" {
			rows = append(rows, m)
		}
	}
	return rows, fmt.Sprint(at(c, "loyalty_points"))
}

// TestGetExpiryScheduleFromBill: a bill added through transaction/add earns
// a lot (1 point per 100, expiring 365 days after the clock's now) that
// expiry_schedule=true lists with its expiry_date, in both formats; once the
// namespace clock passes that date, the lot's points are gone from the
// balance and from the schedule.
func TestGetExpiryScheduleFromBill(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"json", "xml"} {
		t.Run(f, func(t *testing.T) {
			s := simtest.Shared(t)
			before, p0 := expiryRows(t, s, f)
			if code, _ := txnCode(t, s, "POST", txnAdd, tomBill("EXPIRY-1", "12345")); code != "600" {
				t.Fatalf("transaction/add: item code %s", code)
			}
			rows, p1 := expiryRows(t, s, f)
			lot := simtest.Epoch.AddDate(0, 0, 365).Format("2006-01-02 15:04:05")
			var found map[string]any
			for _, r := range rows {
				if r["expiry_date"] == lot {
					found = r
				}
			}
			if found == nil || fmt.Sprint(found["points"]) != "123" {
				t.Fatalf("after the bill: no row of 123 points expiring %s in %v (before: %v)", lot, rows, before)
			}
			if got, want := num(t, p1)-num(t, p0), 123.0; got != want {
				t.Fatalf("loyalty_points %s -> %s, want +%v", p0, p1, want)
			}
			clock := s.Do("PUT", "/__admin/clock", `{"advance": "366d"}`, "Content-Type", "application/json")
			if clock.Status != http.StatusOK {
				t.Fatalf("clock: %d %s", clock.Status, clock.Body)
			}
			rows, p2 := expiryRows(t, s, f)
			for _, r := range rows {
				if r["expiry_date"] == lot {
					t.Fatalf("after the expiry date the lot is still listed: %v", rows)
				}
			}
			if got, want := num(t, p1)-num(t, p2), 123.0; got != want {
				t.Fatalf("loyalty_points %s -> %s after expiry, want %v less", p1, p2, want)
			}
		})
	}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}
