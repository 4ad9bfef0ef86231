package v11_test

import (
	"os"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

func TestZZScratch(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	s := simtest.MustOpenServer(t)
	for _, u := range []string{
		"/v1.1/customer/transactions?format=json&mobile=44700900000&start_date=2016-12-21+23:45:45&end_date=2016-12-29+12:11:45",
		"/v1.1/customer/redemptions?mobile=44700900000&format=json",
		"/v1.1/customer/coupons?format=json&mobile=44700900999",
		"/v1.1/customer/notes?format=json&identifier=44700900999&associate_id=234",
		"/v1.1/customer/tickets?format=json&mobile=44700900999",
		"/v1.1/customer/referrals?format=json&mobile=44700900000",
		"/v1.1/customer/preferences?format=json&mobile=44700900000",
		"/v1.1/customer/interaction?format=xml&mobile=44700900000",
		"/v1.1/customer/subscriptions?format=json&mobile=44700900000,1234",
	} {
		res := s.Do("GET", u, nil)
		t.Logf("%s\n%d %s", u, res.Status, res.Body)
	}
}
