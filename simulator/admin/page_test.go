package admin

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/scenario"
)

// TestWriteRequestsIsWriteJSON proves a journal page written entry by entry
// is, byte for byte, what encoding it whole gives.
func TestWriteRequestsIsWriteJSON(t *testing.T) {
	valid := true
	entry := Entry{ID: "a1", Time: time.Date(2026, 12, 7, 1, 2, 3, 456789, time.UTC), Method: "POST", Path: "/v1.1/customer/add",
		Query: "format=json&x=<b>", OperationID: "addCustomer", Namespace: "ns-é", Status: 200, Codes: []int{1000, 1001}, Valid: &valid,
		DurationMs: 0.0421, Customer: []scenario.Identifier{{Type: "mobile", Value: "44700900000"}},
		Request:  Message{Headers: Headers{{"Content-Type", "application/json"}, {"X-A", "\u2028&"}}, Body: `{"a":"<b>"}`, BodyBytes: 11},
		Response: Message{Body: "\xff", BodyBytes: 1, Truncated: true}}
	long := entry
	long.Response.Body = strings.Repeat("0123456789", 10000) // past a write of its own
	for _, res := range []requestsResult{
		{Count: 0, Capacity: 1000},
		{Requests: []Entry{entry}, Count: 1, Capacity: 1000},
		{Requests: []Entry{entry, long, entry}, Count: 7, Capacity: 10, Truncated: true},
	} {
		whole, parts := httptest.NewRecorder(), httptest.NewRecorder()
		all := res
		if all.Requests == nil {
			all.Requests = []Entry{}
		}
		writeJSON(whole, http.StatusOK, all)
		writeRequests(parts, res)
		if whole.Body.String() != parts.Body.String() {
			t.Errorf("entry by entry:\n%.300s\nwhole:\n%.300s", parts.Body, whole.Body)
		}
		if got, want := parts.Header().Get("Content-Type"), whole.Header().Get("Content-Type"); got != want {
			t.Errorf("Content-Type %q, want %q", got, want)
		}
	}
}
