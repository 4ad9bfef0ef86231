package admin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/scenario"
)

// BenchmarkRecord prices journaling one typical request: a lookup with its
// headers and a 3.5 KB JSON answer.
func BenchmarkRecord(b *testing.B) {
	j := NewJournal(1000)
	reqH := http.Header{"Authorization": {"Basic Y20uMTpmNzFiYjQ5ZDAxYjI3YzE0ZTM0YzY1ZjM1ZjI3YjM0ZQ=="}, "User-Agent": {"Go-http-client/1.1"}}
	respH := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Content-Length": {"3500"}, "X-Cap-Requestid": {"0123456789abcdef0123456789abcdef"}}
	body := []byte(`{"id":17742,"profiles":[` + strings.Repeat(`{"firstName":"Jim","lastName":"Smith","identifiers":[{"type":"mobile","value":"18767431754"}]},`, 35) + `{}]}`)
	e := Entry{ID: "0123456789abcdef0123456789abcdef", Time: time.Now(), Method: "GET", Path: "/v2/customers/lookup",
		Query: "source=INSTORE&identifierName=mobile&identifierValue=18767431754", OperationID: "lookupCustomer",
		Namespace: "default", Status: 200, Codes: nil, Customer: []scenario.Identifier{{Type: "mobile", Value: "18767431754"}}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		j.Record(e, Raw{Header: reqH}, Raw{Header: respH, Body: body, Size: int64(len(body))})
	}
}
