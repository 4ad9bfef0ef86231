package capsimtest_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/capsim/capsim/capsimtest"
)

// In a test, capsimtest.NewServer(t) starts the server and closes it when
// the test ends; an example has no t, so it uses Start and Close.
func Example() {
	s, err := capsimtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	// The code under test gets the base URL and an HTTP client that sends
	// the fixtures' credentials, in a namespace of this test's own.
	ns := s.NewNamespace("example")
	crm := ns.Client()
	lookup := s.URL + "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111"
	show(crm.Get(lookup))

	// Every lookup in the namespace now fails as a natural "not found".
	if err := ns.ActivateScenario("lookup-not-found"); err != nil {
		log.Fatal(err)
	}
	show(crm.Get(lookup))

	// Issue a promotion, then ask the journal what the client sent.
	issue := s.URL + "/v2/promotion/issue?identifierName=mobile&identifierValue=18767431754&source=INSTORE"
	show(crm.Post(issue, "application/json", strings.NewReader(`{"programId": 469, "promotionId": 57099}`)))
	n, err := ns.Count(capsimtest.Query{Operation: "issuePromotion", Mobile: "18767431754",
		BodyPath: "promotionId", BodyValue: "57099", Status: 200})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("issuePromotion calls for 18767431754 with promotionId 57099:", n)
	n, _ = ns.Count(capsimtest.Query{Operation: "lookupCustomer", Code: 8015})
	fmt.Println("lookups answered 8015:", n)
	// Output:
	// 200 {"entity":329,"warnings":[]}
	// 400 {"warnings":[],"errors":[{"status":false,"code":8015,"message":"Customer not found for the given identifiers"}]}
	// 200 {"warnings":[],"errors":[],"sideEffects":[{"programId":469,"issualId":1,"promotionId":57099,"type":"Points promotion"}]}
	// issuePromotion calls for 18767431754 with promotionId 57099: 1
	// lookups answered 8015: 1
}

// show prints a response's status and body.
func show(res *http.Response, err error) {
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, strings.TrimSpace(string(b)))
}
